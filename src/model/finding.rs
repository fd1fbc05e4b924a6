//! [`Finding`]: one item a grant lacks or holds beyond need.

use core::fmt;

use crate::model::{
    AccessLevel, AgentFlags, Area, Flows, LevelBounds, Privileges, Requirements, Scopes,
};

/// One privilege item of a [`Report`](crate::Report): missing
/// ([`Report::missing`](crate::Report::missing)), held in excess
/// ([`excess`](crate::Report::excess)), not known but needed
/// ([`to_verify`](crate::Report::to_verify)), or held and left open by the article
/// ([`open`](crate::Report::open)). The list it comes from says which.
///
/// For a missing item, `needed_by` is the checked flows it blocks; for an item to verify, the
/// checked flows that need it. For an excess or open item, `needed_by` is empty and, for
/// [`Finding::Access`], `required` is the least level the checked flows need (often No Access).
/// `Finding::Access::granted` is `None` exactly for the items to verify.
///
/// ```
/// use halopsa_privileges::{required_for, Finding, Flows, Privileges, Scopes};
///
/// let granted = Privileges::none().with_scopes(Scopes::READ_CUSTOMERS | Scopes::EDIT_CUSTOMERS);
/// let report = required_for(Flows::CUSTOMERS_SYNC).evaluate(&granted);
/// let excess: Vec<Finding> = report.excess().collect();
/// assert_eq!(excess, [Finding::Scope { scope: Scopes::EDIT_CUSTOMERS, needed_by: Flows::empty() }]);
/// assert_eq!(excess[0].to_string(), "scope edit:customers (application level)");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Finding {
    /// An OAuth scope of the API application.
    Scope {
        /// Exactly one scope.
        scope: Scopes,
        /// The checked flows this missing scope blocks (for an unknown scope: that need it);
        /// empty for an excess or open scope.
        needed_by: Flows,
    },
    /// An access level of the agent or its roles.
    Access {
        /// The area.
        area: Area,
        /// What is known of the level granted (the highest of the agent and its roles): exact,
        /// a range, or [`LevelBounds::UNKNOWN`].
        granted: LevelBounds,
        /// The least level the selected flows need.
        required: AccessLevel,
        /// The checked flows blocked by the shortfall (for an unknown level: that need it);
        /// empty for an excess or open level.
        needed_by: Flows,
    },
    /// A yes/no setting of the agent or its roles.
    Flag {
        /// Exactly one flag.
        flag: AgentFlags,
        /// The checked flows this missing flag blocks (for an unknown flag: that need it);
        /// empty for an excess or open flag.
        needed_by: Flows,
    },
}

impl Finding {
    /// The flows the item blocks, or for an unknown item the flows that need it (empty for
    /// excess and open items).
    #[inline]
    pub const fn needed_by(&self) -> Flows {
        match *self {
            Finding::Scope { needed_by, .. }
            | Finding::Access { needed_by, .. }
            | Finding::Flag { needed_by, .. } => needed_by,
        }
    }
}

impl Finding {
    /// The item as privileges: the scope, the area at `required`, or the flag.
    pub(crate) const fn item(&self) -> Privileges {
        match *self {
            Finding::Scope { scope, .. } => Privileges::none().with_scopes(scope),
            Finding::Access { area, required, .. } => Privileges::none().with_level(area, required),
            Finding::Flag { flag, .. } => Privileges::none().with_flags(flag),
        }
    }
}

impl fmt::Display for Finding {
    /// One line in the article's terms, e.g. `Invoices Access Level: "Read" granted, "Read,
    /// Create, Modify and Delete" needed; needed by Invoice Export - Multiline`, or for an unknown
    /// level `Clients Access Level: not known, "Read" needed; needed by Customers sync`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Finding::Scope { scope, .. } => write!(f, "scope {scope} (application level)")?,
            Finding::Access {
                area,
                granted,
                required,
                ..
            } => {
                let granted = crate::model::bounds::Quoted(granted);
                match granted.0.is_unknown() {
                    true => write!(f, "{area} Access Level: {granted}")?,
                    false => write!(f, "{area} Access Level: {granted} granted")?,
                }
                write!(f, ", \"{required}\" needed")?;
            }
            Finding::Flag { flag, .. } => write!(f, "{}", flag.setting(true))?,
        }
        let needed_by = self.needed_by();
        if needed_by.is_empty() {
            return Ok(());
        }
        match *self {
            // Which flow needs which level, e.g. `...; Read for Products sync`.
            Finding::Access { area, required, .. } => write!(
                f,
                "; needed by {}",
                Requirements::of(needed_by).level_users(area, required)
            ),
            _ => write!(f, "; needed by {}", needed_by.titles()),
        }
    }
}
