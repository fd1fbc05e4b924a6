//! [`ParseError`]: text that is not a flow, scope, area, level or flag.

use alloc::string::String;

use crate::common::text::{suggest_label, DidYouMean, OneOf, Shown};
use crate::model::{AccessLevel, AgentFlags, Area, Flow};

/// Text that could not be read as a [`Flow`](crate::Flow), [`Scopes`](crate::Scopes),
/// [`Area`](crate::Area), [`AccessLevel`](crate::AccessLevel) or
/// [`AgentFlags`](crate::AgentFlags). Every variant carries the offending text as given; the
/// message shows it with control characters escaped and cut after 60 characters, says what is
/// accepted, and suggests the known name a near miss probably meant.
///
/// ```
/// use halopsa_privileges::{ParseError, Scopes};
///
/// let err = "read:customers Read:items".parse::<Scopes>().unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "unknown scope `Read:items` (scope names are case-sensitive: did you mean `read:items`?)"
/// );
/// assert!(matches!(err, ParseError::UnknownScope { .. }));
/// let err = "read:item".parse::<Scopes>().unwrap_err();
/// assert_eq!(err.to_string(), "unknown scope `read:item` (did you mean `read:items`?)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseError {
    /// Not one of the flow ids or article titles.
    #[error(
        "unknown flow `{}`{} (expected one of {}, or `all`)",
        Shown(.0),
        DidYouMean(suggest_flow(.0)),
        OneOf(Flow::ALL.iter().map(|flow| flow.id()))
    )]
    UnknownFlow(String),
    /// A comma-separated flow list with an empty item, such as `customers-sync,,products-sync`.
    #[error("empty flow name in the list `{}`", Shown(.0))]
    EmptyFlowInList(String),
    /// Not a HaloPSA or OpenID Connect scope; scope names are case-sensitive.
    #[error("unknown scope `{}`{}", Shown(scope), ScopeHint(scope, *suggestion))]
    UnknownScope {
        /// The token as it stood in the scope string.
        scope: String,
        /// The known scope it probably meant, if one is close.
        suggestion: Option<&'static str>,
    },
    /// Not an area id or HaloPSA area name.
    #[error(
        "unknown area `{}`{} (expected a HaloPSA area: {})",
        Shown(.0),
        DidYouMean(suggest_area(.0)),
        OneOf(Area::ALL.iter().map(|area| area.name()))
    )]
    UnknownArea(String),
    /// Not an access level id or label.
    #[error(
        "unknown access level `{}`{} (expected one of {}, or their ids such as `read-modify`)",
        Shown(.0),
        DidYouMean(suggest_level(.0)),
        OneOf(AccessLevel::ALL.iter().map(|level| level.label()))
    )]
    UnknownLevel(String),
    /// Not an agent flag id or label.
    #[error(
        "unknown agent flag `{}`{} (expected one of {}, or their ids such as `all-clients`)",
        Shown(.0),
        DidYouMean(suggest_flag(.0)),
        OneOf(AgentFlags::all().flags().filter_map(AgentFlags::label))
    )]
    UnknownFlag(String),
    /// Not an HTTP method (see [`Method`](crate::Method)).
    #[error(
        "unknown HTTP method `{}` (expected one of GET, POST, PUT, PATCH, DELETE)",
        Shown(.0)
    )]
    UnknownMethod(String),
    /// Not a line naming one privilege item (see [`Item`](crate::Item)).
    #[error(
        "`{}` is not a privilege item: expected a scope such as `read:customers`, a level such \
         as `Clients Access Level: Read`, or a setting such as `Asset Type Restrictions: Allow \
         use of all Asset Types = Yes`",
        Shown(.0)
    )]
    UnknownItem(String),
    /// Level bounds whose lower bound is above the upper one, such as `at least Read and
    /// Modify, at most Read` (see [`LevelBounds`](crate::LevelBounds)).
    #[error(
        "`{}` has its lower bound above its upper bound: write the lowest level the area can be \
         at after `at least` and the highest after `at most`",
        Shown(.0)
    )]
    ContradictoryBounds(String),
}

fn suggest_flow(input: &str) -> Option<&'static str> {
    // A flow's first word alone (`customers` for `customers-sync`), when only one flow has it.
    let first = |id: &'static str| id.split('-').next().unwrap_or(id);
    let mut by_word = Flow::ALL
        .iter()
        .map(|flow| flow.id())
        .filter(|id| crate::common::text::eq_label_or_number(input, first(id)));
    let unique = match (by_word.next(), by_word.next()) {
        (Some(id), None) => Some(id),
        _ => None,
    };
    unique
        .or_else(|| suggest_label(input, Flow::ALL.iter().map(|flow| flow.title())))
        .or_else(|| suggest_label(input, Flow::ALL.iter().map(|flow| flow.id())))
}

/// The area a near miss meant, including HaloPSA's own names for the things Datagate calls
/// otherwise (products are Items, service items are Assets, customers are Clients).
pub(crate) fn suggest_area(input: &str) -> Option<&'static str> {
    let input = crate::common::text::strip_suffix_words(input, "access level");
    const SYNONYMS: [(&str, Area); 4] = [
        ("Products", Area::Items),
        ("Service Items", Area::Assets),
        ("Quotes", Area::Quotations),
        ("Calendar", Area::CalendarsAndAppointments),
    ];
    SYNONYMS
        .iter()
        .find(|(synonym, _)| crate::common::text::eq_label_or_number(input, synonym))
        .map(|(_, area)| area.name())
        .or_else(|| suggest_label(input, Area::ALL.iter().map(|area| area.name())))
}

fn suggest_level(input: &str) -> Option<&'static str> {
    suggest_label(input, AccessLevel::ALL.iter().map(|level| level.label()))
}

fn suggest_flag(input: &str) -> Option<&'static str> {
    suggest_label(
        input,
        AgentFlags::all().flags().filter_map(AgentFlags::label),
    )
}

/// The " (did you mean ...)" part of an unknown scope's message, when there is a suggestion:
/// a note on case when only case differs.
struct ScopeHint<'a>(&'a str, Option<&'static str>);

impl core::fmt::Display for ScopeHint<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self.1 {
            Some(scope) if scope.eq_ignore_ascii_case(self.0) => write!(
                f,
                " (scope names are case-sensitive: did you mean `{scope}`?)"
            ),
            other => DidYouMean(other).fmt(f),
        }
    }
}

/// What HaloPSA's answers, put together, cannot mean: a role's own JSON for a role the agent
/// does not have, or a role without its agent. Names the role (escaped and cut) and the agent's
/// roles.
///
/// ```
/// # #[cfg(feature = "serde")] {
/// use halopsa_privileges::{EvidenceError, HaloAgent, HaloRole};
///
/// let agent: HaloAgent = serde_json::from_str(r#"{"id": 7, "roles": [{"id": "a1", "name": "Finance"}]}"#).unwrap();
/// let role: HaloRole = serde_json::from_str(r#"{"id": "b2", "name": "Service Desk"}"#).unwrap();
/// let err = agent.with_role(role).unwrap_err();
/// assert!(matches!(err, EvidenceError::NotTheAgentsRole { .. }));
/// assert_eq!(
///     err.to_string(),
///     "the role `Service Desk` is not among the agent's roles (`Finance`)"
/// );
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EvidenceError {
    /// A role's JSON for a role the agent's JSON does not list (while it lists its roles):
    /// adding it would change what the agent is granted.
    #[error(
        "the role `{}` is not among the agent's roles ({})",
        Shown(role),
        Listed(listed)
    )]
    NotTheAgentsRole {
        /// The role's name (or id) as given.
        role: String,
        /// The names of the agent's roles.
        listed: alloc::vec::Vec<String>,
    },
    /// A role's JSON with no agent JSON to add it to.
    #[error("the role `{}` was given without the agent's JSON (`GET /api/Agent/me`) to add it to", Shown(.0))]
    RoleWithoutAgent(String),
}

/// `` `a`, `b` `` or "it has none", each name escaped and cut.
struct Listed<'a>(&'a [String]);

impl core::fmt::Display for Listed<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        if self.0.is_empty() {
            return f.write_str("it has none");
        }
        for (i, name) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "`{}`", Shown(name))?;
        }
        Ok(())
    }
}
