//! [`GrantFile`] and [`Source`]: a grant as people write it, with the agent and its roles kept
//! apart.

use alloc::string::String;
use alloc::vec::Vec;

use crate::model::{AgentFlags, Grant, Known, Privileges, Scopes};

/// The "Allow use of all ..." settings: restrictions, whose combination across the agent and its
/// roles HaloPSA does not document (the assumption `restrictions-across-roles`).
pub(crate) const RESTRICTIONS: AgentFlags = AgentFlags::ALL_CLIENTS
    .union(AgentFlags::ALL_ASSET_TYPES)
    .union(AgentFlags::ALL_ASSET_FIELDS)
    .union(AgentFlags::ALL_TICKET_TYPES);

/// The agent-level settings HaloPSA applies for `sources` (scopes none).
///
/// Levels and "Is a Halo Administrator": the highest of the agent and all its roles. Halo's
/// guide "Agent Permission Settings" says of an agent's roles: "You cannot lower their access
/// below that of any role they hold"; DESIGN.md quotes Halo's "The highest granted permission
/// for each node will be applied if multiple roles are combined".
///
/// The restriction settings ([`RESTRICTIONS`]): how HaloPSA combines them across roles is not
/// documented (the guide says only that "if none are selected then all are accessible,
/// similarly with the client restrictions", of one agent or role). So a setting is Yes only when
/// every source says Yes, No only when every source says No, and unknown otherwise: the answer
/// holds whether HaloPSA takes the widest or the narrowest (the assumption
/// `restrictions-across-roles`).
///
/// With `roles_known = false`, an unlisted role may add anything: the agent-level parts are
/// joined with the unknown grant.
pub(crate) fn join_sources<'s, I>(sources: I, roles_known: bool) -> Grant
where
    I: IntoIterator<Item = &'s Source>,
    I::IntoIter: Clone,
{
    let sources = sources.into_iter();
    let none = Grant::full(Privileges::none());
    let mut joined = none;
    for source in sources.clone() {
        joined = joined.join(&source.grant);
    }
    if !roles_known {
        joined = joined.join(&Grant::unknown());
    }
    if sources.clone().count() < 2 && roles_known {
        return joined;
    }
    // Restrictions: Yes where all say Yes, No where all say No.
    let mut all_yes = RESTRICTIONS;
    let mut any_yes = AgentFlags::empty();
    for source in sources {
        all_yes &= source.grant.at_least().flags();
        any_yes |= source.grant.at_most().flags();
    }
    if !roles_known {
        all_yes = AgentFlags::empty();
        any_yes = RESTRICTIONS;
    }
    for flag in RESTRICTIONS.iter() {
        let state = if all_yes.contains(flag) {
            Some(true)
        } else if !any_yes.contains(flag) {
            Some(false)
        } else {
            None
        };
        joined = joined.with_flags(flag, state);
    }
    joined
}

/// Where agent-level settings come from: the agent Datagate logs in as, or one of its roles.
///
/// A source holds agent-level settings only (access levels and flags, as a [`Grant`] with their
/// bounds; scopes belong to the application).
///
/// ```
/// use halopsa_privileges::{AccessLevel, Area, Grant, Known, LevelBounds, Privileges, Source};
///
/// let role = Source::role(
///     "Finance",
///     Privileges::none().with_level(Area::Invoices, AccessLevel::ReadCreateModifyDelete),
///     Known::AGENT,
/// );
/// assert_eq!(role.name(), Some("Finance"));
/// assert!(!role.is_agent());
/// // What a person knows only in part: at least Read.
/// let agent = Source::agent_grant(Grant::unknown().with_level(Area::Clients, LevelBounds::from_at_least(AccessLevel::Read)));
/// assert_eq!(agent.grant().level(Area::Clients).to_string(), "at least Read");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Source {
    pub(crate) agent: bool,
    pub(crate) name: Option<String>,
    pub(crate) grant: Grant,
    pub(crate) marked: bool,
}

impl Source {
    /// The agent's own settings, of which the parts in `known` were observed (scopes in
    /// `privileges` are dropped; only agent-level parts of `known` count).
    pub fn agent(privileges: Privileges, known: Known) -> Source {
        Source::agent_grant(Grant::new(privileges, known))
    }

    /// A role's settings, by the role's name in HaloPSA, of which the parts in `known` were
    /// observed.
    pub fn role(name: impl Into<String>, privileges: Privileges, known: Known) -> Source {
        Source::role_grant(name, Grant::new(privileges, known))
    }

    /// The agent's own settings, as bounds (the scopes of `grant` are dropped).
    pub fn agent_grant(grant: Grant) -> Source {
        Source::new(true, None, grant)
    }

    /// A role's settings, as bounds (the scopes of `grant` are dropped). A name longer than
    /// [`MAX_NAME_CHARS`](crate::MAX_NAME_CHARS) is cut, with a marker.
    pub fn role_grant(name: impl Into<String>, grant: Grant) -> Source {
        Source::new(false, Some(name.into()), grant)
    }

    fn new(agent: bool, name: Option<String>, grant: Grant) -> Source {
        Source {
            agent,
            name: name.map(|name| crate::common::text::clip_name(&name)),
            grant: grant.with_scopes(Scopes::all(), Some(false)),
            marked: false,
        }
    }

    /// The same source, marked as made for Datagate (or not): in a grant file, `"dedicated":
    /// true`. See [`is_dedicated`](Source::is_dedicated).
    #[must_use]
    pub fn dedicated(mut self, marked: bool) -> Source {
        self.marked = marked;
        self
    }

    /// Whether this role (or agent) is made for Datagate, so that changing it touches nobody
    /// else: marked so, or named so (any name containing "Datagate", case and punctuation
    /// ignored, such as "Datagate API Role" or "DATAGATE-integration"). Every other role is
    /// shared with people, and a [`Plan`](crate::Plan) never edits it.
    ///
    /// ```
    /// use halopsa_privileges::{Grant, Source};
    /// assert!(Source::role_grant("Datagate Integration Role", Grant::unknown()).is_dedicated());
    /// assert!(!Source::role_grant("Finance", Grant::unknown()).is_dedicated());
    /// assert!(Source::role_grant("API", Grant::unknown()).dedicated(true).is_dedicated());
    /// ```
    pub fn is_dedicated(&self) -> bool {
        self.marked
            || self
                .name
                .as_deref()
                .is_some_and(|name| crate::common::text::contains_label(name, "datagate"))
    }

    /// The same source with a name (for the agent: its name in HaloPSA).
    #[must_use]
    pub fn named(mut self, name: impl Into<String>) -> Source {
        self.name = Some(crate::common::text::clip_name(&name.into()));
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

    /// What this source is proven to grant (parts not known hold nothing).
    pub fn privileges(&self) -> &Privileges {
        self.grant.at_least()
    }

    /// What this source grants, as bounds (its scopes are known to be none).
    pub fn grant(&self) -> Grant {
        self.grant
    }

    /// "the agent" or "role \"Finance\"", for notes (the name escaped).
    pub(crate) fn title(&self) -> String {
        match (self.agent, &self.name) {
            (true, _) => "the agent".into(),
            (false, name) => alloc::format!(
                "role \"{}\"",
                crate::common::text::Escaped(name.as_deref().unwrap_or_default())
            ),
        }
    }

    /// Which agent-level parts of this source are known exactly.
    pub fn known(&self) -> Known {
        self.grant.known().intersection(Known::AGENT)
    }
}

/// A grant as people write it: the application's scopes, and the agent-level settings either
/// as one flat set or as the agent and its roles ([`Source`]s), with free-text notes.
///
/// HaloPSA applies the highest level of the agent and all its roles, so the effective
/// [`grant`](GrantFile::grant) joins their bounds: at least the highest lower bound, at most the
/// highest upper bound. An agent at Read with a role whose level is not known is at least
/// Read; a role known at the top level settles the area whatever the others say. The sources
/// are kept so that remediation can say which one to change, with its own value.
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
    pub(crate) grant: Grant,
    pub(crate) sources: Vec<Source>,
    /// Whether the roles in `sources` are all the agent's roles (else the agent may hold roles
    /// nobody listed, and its own settings are lower bounds only).
    pub(crate) roles_known: bool,
    pub(crate) notes: Option<String>,
    pub(crate) not_modeled: Vec<String>,
}

impl GrantFile {
    /// A flat grant: no sources.
    pub fn flat(grant: Grant) -> GrantFile {
        GrantFile {
            grant,
            sources: Vec::new(),
            roles_known: true,
            notes: None,
            not_modeled: Vec::new(),
        }
    }

    /// The application's `scopes` (`None` when not known) and the agent-level `sources`,
    /// joined into the effective grant.
    pub fn from_sources(scopes: Option<Scopes>, sources: Vec<Source>) -> GrantFile {
        let scopes = match scopes {
            Some(scopes) => Grant::full(Privileges::none().with_scopes(scopes)),
            None => Grant::unknown(),
        };
        GrantFile::from_source_grants(scopes, sources)
    }

    /// The scopes of `scopes` (its other parts are ignored) and the agent-level `sources`,
    /// joined into the effective grant.
    pub fn from_source_grants(scopes: Grant, sources: Vec<Source>) -> GrantFile {
        GrantFile {
            grant: scopes.meet_layers(&join_sources(&sources, true)),
            sources,
            roles_known: true,
            notes: None,
            not_modeled: Vec::new(),
        }
    }

    /// The same grant, saying whether its roles are all the agent's roles. With
    /// `known = false` (HaloPSA's agent JSON without a `roles` list, or a grant file with an
    /// `agent` and no `roles` key), the agent may hold roles nobody listed: as HaloPSA applies
    /// the highest level of the agent and all its roles, what the listed sources give is then
    /// only a lower bound, and a restriction setting is unknown (see [`Source`] and the
    /// assumption `restrictions-across-roles` in [`Assumption::ALL`]).
    ///
    /// ```
    /// use halopsa_privileges::{AccessLevel, Area, Grant, GrantFile, LevelBounds, Source};
    ///
    /// let agent = Grant::unknown().with_level(Area::Clients, LevelBounds::exact(AccessLevel::NoAccess));
    /// let file = GrantFile::from_source_grants(Grant::unknown(), vec![Source::agent_grant(agent)]);
    /// assert_eq!(file.grant().level(Area::Clients), LevelBounds::exact(AccessLevel::NoAccess));
    /// // A role nobody listed could give Read.
    /// let file = file.with_roles_known(false);
    /// assert!(file.grant().level(Area::Clients).is_unknown());
    /// ```
    ///
    /// [`Assumption::ALL`]: crate::Assumption::ALL
    #[must_use]
    pub fn with_roles_known(mut self, known: bool) -> GrantFile {
        self.roles_known = known;
        if !self.sources.is_empty() {
            self.grant = self
                .grant
                .meet_layers(&join_sources(&self.sources, self.roles_known));
        }
        self
    }

    /// Whether [`sources`](GrantFile::sources) holds every role of the agent (true for a flat
    /// grant, which gives the effective settings themselves). See
    /// [`with_roles_known`](GrantFile::with_roles_known).
    pub fn roles_known(&self) -> bool {
        self.roles_known
    }

    /// Whether the effective grant hangs on how HaloPSA combines the "Allow use of all ..."
    /// restriction settings across the agent and its roles (not documented: the assumption
    /// `restrictions-across-roles`): the sources disagree on one, or some source's is unknown
    /// while another's is known. The setting is then unknown in [`grant`](GrantFile::grant).
    pub fn restrictions_combined(&self) -> AgentFlags {
        let mut said = AgentFlags::empty();
        for source in &self.sources {
            // Proven Yes, or proven No, by this source.
            said |= source.grant.at_least().flags() | !source.grant.at_most().flags();
        }
        let unknown = self
            .grant
            .at_most()
            .flags()
            .difference(self.grant.at_least().flags());
        said & unknown & RESTRICTIONS
    }

    /// The same grant with free-text notes (where the data came from, say).
    #[must_use]
    pub fn with_notes(mut self, notes: impl Into<String>) -> GrantFile {
        self.notes = Some(crate::common::text::clip(
            &notes.into(),
            crate::common::MAX_NOTE_CHARS,
        ));
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

    /// The same grant with what it says of areas and scopes this crate does not model.
    #[must_use]
    pub fn with_not_modeled(mut self, items: Vec<String>) -> GrantFile {
        self.not_modeled = items;
        self
    }

    /// What the file says of areas and scopes this crate does not model (HaloPSA's
    /// Opportunities, Projects, Knowledge Base, `read:opportunities`, ...), one line each as
    /// written, with where it was given: `Opportunities Access Level: Read (the agent)`,
    /// `scope read:opportunities`. Datagate's flows do not use them; the article says nothing of
    /// them. The crate does not guess what they grant: they are listed, not evaluated.
    pub fn not_modeled(&self) -> &[String] {
        &self.not_modeled
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
