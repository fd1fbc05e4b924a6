//! [`GrantFile`] and [`Source`]: a grant as people write it, with the agent and its roles kept
//! apart.

use alloc::string::String;
use alloc::vec::Vec;

use crate::{AccessLevel, Area, Grant, Known, Privileges, Scopes};

/// Where agent-level settings come from: the agent Datagate logs in as, or one of its roles.
///
/// A source holds agent-level settings only (access levels and flags; scopes belong to the
/// application) and which of them were observed.
///
/// ```
/// use halopsa_privileges::{AccessLevel, Area, Known, Privileges, Source};
///
/// let role = Source::role(
///     "Finance",
///     Privileges::none().with_level(Area::Invoices, AccessLevel::ReadCreateModifyDelete),
///     Known::AGENT,
/// );
/// assert_eq!(role.name(), Some("Finance"));
/// assert!(!role.is_agent());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Source {
    agent: bool,
    name: Option<String>,
    privileges: Privileges,
    known: Known,
}

impl Source {
    /// The agent's own settings (scopes in `privileges` are dropped; only agent-level parts of
    /// `known` count).
    pub fn agent(privileges: Privileges, known: Known) -> Source {
        Source::new(true, None, privileges, known)
    }

    /// A role's settings, by the role's name in HaloPSA.
    pub fn role(name: impl Into<String>, privileges: Privileges, known: Known) -> Source {
        Source::new(false, Some(name.into()), privileges, known)
    }

    fn new(agent: bool, name: Option<String>, privileges: Privileges, known: Known) -> Source {
        let known = known.intersection(Known::AGENT);
        let privileges = Grant::new(privileges.without_scopes(Scopes::all()), known);
        Source {
            agent,
            name,
            privileges: *privileges.privileges(),
            known,
        }
    }

    /// The same source with a name (for the agent: its name in HaloPSA).
    #[must_use]
    pub fn named(mut self, name: impl Into<String>) -> Source {
        self.name = Some(name.into());
        self
    }

    /// Whether this is the agent itself (else a role).
    pub fn is_agent(&self) -> bool {
        self.agent
    }

    /// The role's name, or the agent's when one was given.
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// The settings this source grants (parts not known hold nothing).
    pub fn privileges(&self) -> &Privileges {
        &self.privileges
    }

    /// Which agent-level parts of this source were observed.
    pub fn known(&self) -> Known {
        self.known
    }
}

/// A grant as people write it: the application's scopes, and the agent-level settings either
/// as one flat set or as the agent and its roles ([`Source`]s), with free-text notes.
///
/// HaloPSA applies the highest level of the agent and all its roles, so the effective
/// [`grant`](GrantFile::grant) is their join. An area (or flag) is known in the effective grant
/// when every source knows it, or when a source known to grant the top level (or Yes) makes the
/// others irrelevant. The sources are kept so that remediation can say which one to change.
///
/// With the `serde` feature a grant file reads from JSON (see the README's "Writing a grant
/// file"); [`GrantFile::without_bom`] drops a byte order mark first.
///
/// ```
/// use halopsa_privileges::{AccessLevel, Area, GrantFile, Known, Privileges, Scopes, Source};
///
/// let agent = Source::agent(Privileges::none().with_level(Area::Clients, AccessLevel::Read), Known::AGENT);
/// let role = Source::role(
///     "Datagate API Role",
///     Privileges::none().with_level(Area::Clients, AccessLevel::ReadModify),
///     Known::AGENT,
/// );
/// let file = GrantFile::from_sources(Some(Scopes::READ_CUSTOMERS), vec![agent, role]);
/// assert_eq!(file.grant().privileges().level(Area::Clients), AccessLevel::ReadModify);
/// assert_eq!(file.grant().known(), Known::all());
/// assert_eq!(file.sources().len(), 2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct GrantFile {
    grant: Grant,
    sources: Vec<Source>,
    notes: Option<String>,
}

impl GrantFile {
    /// A flat grant: no sources.
    pub fn flat(grant: Grant) -> GrantFile {
        GrantFile {
            grant,
            sources: Vec::new(),
            notes: None,
        }
    }

    /// The application's `scopes` (`None` when not known) and the agent-level `sources`,
    /// joined into the effective grant.
    pub fn from_sources(scopes: Option<Scopes>, sources: Vec<Source>) -> GrantFile {
        let mut granted = Privileges::none().with_scopes(scopes.unwrap_or(Scopes::empty()));
        let mut known = if scopes.is_some() {
            Known::all()
        } else {
            Known::all().difference(Known::APPLICATION)
        };
        for source in &sources {
            granted = granted.join(source.privileges());
        }
        for area in Area::ALL {
            let bit = Known::area(area);
            let settled = sources.iter().any(|source| {
                source.known.contains(bit) && source.privileges.level(area) == AccessLevel::TOP
            });
            if !settled && sources.iter().any(|source| !source.known.contains(bit)) {
                known.remove(bit);
            }
        }
        for flag in crate::AgentFlags::all().flags() {
            let bit = Known::flag(flag);
            let settled = sources.iter().any(|source| {
                source.known.contains(bit) && source.privileges.flags().contains(flag)
            });
            if !settled && sources.iter().any(|source| !source.known.contains(bit)) {
                known.remove(bit);
            }
        }
        GrantFile {
            grant: Grant::new(granted, known),
            sources,
            notes: None,
        }
    }

    /// The same grant with free-text notes (where the data came from, say).
    #[must_use]
    pub fn with_notes(mut self, notes: impl Into<String>) -> GrantFile {
        self.notes = Some(notes.into());
        self
    }

    /// The effective grant: what HaloPSA applies.
    pub fn grant(&self) -> Grant {
        self.grant
    }

    /// The agent and its roles, in the order given; empty for a flat grant.
    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    /// The notes, if any.
    pub fn notes(&self) -> Option<&str> {
        self.notes.as_deref()
    }

    /// `text` without a leading UTF-8 byte order mark, which editors such as Notepad write and
    /// JSON parsers reject.
    ///
    /// ```
    /// assert_eq!(halopsa_privileges::GrantFile::without_bom("\u{feff}{}"), "{}");
    /// ```
    pub fn without_bom(text: &str) -> &str {
        text.strip_prefix('\u{feff}').unwrap_or(text)
    }
}

impl From<Grant> for GrantFile {
    /// [`GrantFile::flat`].
    fn from(grant: Grant) -> GrantFile {
        GrantFile::flat(grant)
    }
}
