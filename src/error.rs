//! [`ParseError`]: text that is not a flow, scope, area, level or flag.

use alloc::string::String;

use crate::text::OneOf;
use crate::{AccessLevel, AgentFlags, Flow};

/// Text that could not be read as a [`Flow`](crate::Flow), [`Scopes`](crate::Scopes),
/// [`Area`](crate::Area), [`AccessLevel`](crate::AccessLevel) or
/// [`AgentFlags`](crate::AgentFlags). Every variant carries the offending text as given.
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
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseError {
    /// Not one of the flow ids or article titles.
    #[error("unknown flow `{0}` (expected one of {expected})", expected = OneOf(Flow::ALL.map(Flow::id)))]
    UnknownFlow(String),
    /// A comma-separated flow list with an empty item, such as `customers-sync,,products-sync`.
    #[error("empty flow name in the list `{0}`")]
    EmptyFlowInList(String),
    /// Not a HaloPSA or OpenID Connect scope; scope names are case-sensitive.
    #[error("unknown scope `{scope}`{hint}", hint = CaseHint(*suggestion))]
    UnknownScope {
        /// The token as it stood in the scope string.
        scope: String,
        /// The known scope it matches when ASCII case is ignored, if any.
        suggestion: Option<&'static str>,
    },
    /// Not an area id or HaloPSA area name.
    #[error(
        "unknown area `{0}` (expected an id such as `clients` or a name such as `Sales Orders`)"
    )]
    UnknownArea(String),
    /// Not an access level id or label.
    #[error(
        "unknown access level `{0}` (expected one of {expected}, or HaloPSA's wording such as \
         `Read Only`)",
        expected = OneOf(AccessLevel::ALL.map(AccessLevel::id))
    )]
    UnknownLevel(String),
    /// Not an agent flag id or label.
    #[error(
        "unknown agent flag `{0}` (expected one of {expected})",
        expected = OneOf(AgentFlags::ID_LIST)
    )]
    UnknownFlag(String),
}

/// The " (did you mean ...)" part of an unknown scope's message, when there is a suggestion.
struct CaseHint(Option<&'static str>);

impl core::fmt::Display for CaseHint {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self.0 {
            Some(scope) => write!(
                f,
                " (scope names are case-sensitive: did you mean `{scope}`?)"
            ),
            None => Ok(()),
        }
    }
}
