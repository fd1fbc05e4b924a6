//! [`Finding`]: one item a grant lacks or holds beyond need.

use core::fmt;

use crate::{AccessLevel, AgentFlags, Area, Flows, Scopes};

/// One privilege that a grant is missing, or holds in excess, found by
/// [`Report::missing`](crate::Report::missing) or [`Report::excess`](crate::Report::excess).
///
/// For a missing item, `needed_by` is the selected flows it blocks. For an excess item,
/// `needed_by` is empty and, for [`Finding::Access`], `required` is the least level the selected
/// flows need (often No Access).
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
        /// The selected flows this missing scope blocks; empty for an excess scope.
        needed_by: Flows,
    },
    /// An access level of the agent or its roles.
    Access {
        /// The area.
        area: Area,
        /// The level granted (the highest of the agent and its roles).
        granted: AccessLevel,
        /// The least level the selected flows need.
        required: AccessLevel,
        /// The selected flows blocked by the shortfall; empty for an excess level.
        needed_by: Flows,
    },
    /// A yes/no setting of the agent or its roles.
    Flag {
        /// Exactly one flag.
        flag: AgentFlags,
        /// The selected flows this missing flag blocks; empty for an excess flag.
        needed_by: Flows,
    },
}

impl Finding {
    /// The flows the item blocks (empty for excess).
    #[inline]
    pub const fn needed_by(&self) -> Flows {
        match *self {
            Finding::Scope { needed_by, .. }
            | Finding::Access { needed_by, .. }
            | Finding::Flag { needed_by, .. } => needed_by,
        }
    }
}

impl fmt::Display for Finding {
    /// One line in the article's terms, e.g. `Invoices Access Level: "Read" granted, "Read,
    /// Create, Modify and Delete" needed; blocks Invoice Export - Multiline`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Finding::Scope { scope, .. } => write!(f, "scope {scope} (application level)")?,
            Finding::Access {
                area,
                granted,
                required,
                ..
            } => write!(
                f,
                "{area} Access Level: \"{granted}\" granted, \"{required}\" needed"
            )?,
            Finding::Flag { flag, .. } => write!(f, "{}", flag.setting(true))?,
        }
        let needed_by = self.needed_by();
        if !needed_by.is_empty() {
            write!(f, "; blocks {}", needed_by.titles())?;
        }
        Ok(())
    }
}
