//! [`GrantFile::combined`]: two descriptions of one grant (a person's grant file and HaloPSA's
//! JSON of the agent) made into one, source by source, every disagreement named.

use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;

use crate::input::{GrantFile, Source};

impl GrantFile {
    /// Two descriptions of one grant (a person's grant file and HaloPSA's JSON of the agent, say)
    /// made into one, each named by its source for the notes. When both give the agent and its
    /// roles, the sources are matched (the agent with the agent, a role with the role of the
    /// same name, trimmed, with whitespace and case folded: `"Finance "` is `"Finance"`) and
    /// each pair is combined, never joined as two roles; a role only one side names is
    /// kept, with a note saying so. When either is flat, the effective grants are combined
    /// (and the result is flat). The scopes are combined too. Every disagreement is a note
    /// naming both sources, and the item is then known only as far as both allow.
    ///
    /// ```
    /// use halopsa_privileges::{AccessLevel, Area, Grant, GrantFile, LevelBounds, Source};
    ///
    /// let read = |level| Grant::unknown().with_level(Area::Clients, LevelBounds::exact(level));
    /// let file = GrantFile::from_source_grants(
    ///     Grant::unknown(),
    ///     vec![Source::agent_grant(read(AccessLevel::Read)), Source::role_grant("Finance", Grant::unknown())],
    /// );
    /// let halo = GrantFile::from_source_grants(
    ///     Grant::unknown(),
    ///     vec![Source::agent_grant(Grant::unknown()), Source::role_grant("finance", read(AccessLevel::ReadModify))],
    /// );
    /// let (both, notes) = file.combined("the grant file", &halo, "HaloPSA's agent JSON");
    /// assert!(notes.is_empty());
    /// assert_eq!(both.sources().len(), 2);
    /// assert_eq!(both.grant().level(Area::Clients), LevelBounds::exact(AccessLevel::ReadModify));
    /// ```
    pub fn combined(
        &self,
        name: &str,
        other: &GrantFile,
        other_name: &str,
    ) -> (GrantFile, Vec<String>) {
        let mut notes = Vec::new();
        let note_conflicts =
            |notes: &mut Vec<String>, conflicts: Vec<crate::input::Conflict>, what: &str| {
                for conflict in conflicts {
                    let first = alloc::format!("{name}{what}");
                    let second = alloc::format!("{other_name}{what}");
                    notes.push(conflict.between(&first, &second));
                }
            };
        let (grant, conflicts) = crate::input::combine(&self.grant, &other.grant);
        if self.sources.is_empty() || other.sources.is_empty() {
            note_conflicts(&mut notes, conflicts, "");
            return (GrantFile::flat(grant), notes);
        }
        // Only the scopes of `grant` are kept below (`from_source_grants` reads nothing else):
        // the agent-level parts are compared source by source.
        let scope_conflicts = conflicts
            .into_iter()
            .filter(|conflict| matches!(conflict, crate::input::Conflict::Scope { .. }))
            .collect();
        note_conflicts(&mut notes, scope_conflicts, "");
        // Sources by key: the agent, or a role's name trimmed with whitespace and case folded
        // ("Finance" and "finance\u{a0}" are one role, whose two descriptions are combined, a
        // disagreement named). A map keeps this linear in the number of roles.
        let key = |source: &Source| match (source.agent, &source.name) {
            (true, _) => None,
            (false, name) => Some(crate::common::text::name_key(
                name.as_deref().unwrap_or_default(),
            )),
        };
        let mut theirs_by_key: BTreeMap<Option<String>, usize> = BTreeMap::new();
        for (i, theirs) in other.sources.iter().enumerate() {
            theirs_by_key.entry(key(theirs)).or_insert(i);
        }
        let mut matched = alloc::vec![false; other.sources.len()];
        let mut sources = Vec::new();
        for mine in &self.sources {
            let Some(&at) = theirs_by_key.get(&key(mine)) else {
                notes.push(alloc::format!(
                    "{} is in {name} but not in {other_name}; it is kept",
                    mine.title()
                ));
                sources.push(mine.clone());
                continue;
            };
            let theirs = &other.sources[at];
            matched[at] = true;
            let (grant, conflicts) = crate::input::combine(&mine.grant, &theirs.grant);
            note_conflicts(
                &mut notes,
                conflicts,
                &alloc::format!(" for {}", mine.title()),
            );
            let name = mine.name.clone().or_else(|| theirs.name.clone());
            sources.push(Source {
                agent: mine.agent,
                name,
                grant,
                marked: mine.marked || theirs.marked,
            });
        }
        for (theirs, _) in other.sources.iter().zip(&matched).filter(|(_, m)| !**m) {
            notes.push(alloc::format!(
                "{} is in {other_name} but not in {name}; it is kept",
                theirs.title()
            ));
            sources.push(theirs.clone());
        }
        let mut not_modeled = self.not_modeled.clone();
        not_modeled.extend(other.not_modeled.iter().cloned());
        let file = GrantFile::from_source_grants(grant, sources)
            .with_roles_known(self.roles_known || other.roles_known)
            .with_not_modeled(not_modeled);
        let file = match (&self.notes, &other.notes) {
            (Some(a), Some(b)) => file.with_notes(alloc::format!("{a}\n{b}")),
            (Some(a), None) | (None, Some(a)) => file.with_notes(a.clone()),
            (None, None) => file,
        };
        (file, notes)
    }
}
