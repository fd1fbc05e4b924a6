//! [`Step`]: one thing to click to fix a grant, with [`Action`] and [`Layer`].

use core::fmt;

use crate::model::{AccessLevel, AgentFlags, Area, Flows, LevelBounds, Scopes};

/// Where a change is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Layer {
    /// The HaloPSA API application's OAuth scopes.
    Application,
    /// The HaloPSA agent Datagate logs in as, and its roles.
    Agent,
    /// Datagate itself.
    Datagate,
}

impl Layer {
    /// The kebab-case id, as written in JSON.
    pub const fn id(self) -> &'static str {
        match self {
            Layer::Application => "application",
            Layer::Agent => "agent",
            Layer::Datagate => "datagate",
        }
    }
}

/// What a [`Step`] does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Action {
    /// Tick scopes on the application.
    Grant,
    /// Raise an area's access level.
    Raise,
    /// Set an agent flag to Yes.
    Enable,
    /// Untick scopes on the application.
    Revoke,
    /// Lower an area's access level.
    Lower,
    /// Set an agent flag to No.
    Disable,
    /// Check a setting that is not known.
    Check,
    /// Create the role made for Datagate and give it to the Datagate agent.
    CreateRole,
    /// Take a role shared with people off the Datagate agent.
    RemoveRole,
    /// Press "Test Account Access" in Datagate to refresh the token.
    TestAccountAccess,
}

impl Action {
    /// The kebab-case id, as written in JSON.
    pub const fn id(self) -> &'static str {
        match self {
            Action::Grant => "grant",
            Action::Raise => "raise",
            Action::Enable => "enable",
            Action::Revoke => "revoke",
            Action::Lower => "lower",
            Action::Disable => "disable",
            Action::Check => "check",
            Action::CreateRole => "create-role",
            Action::RemoveRole => "remove-role",
            Action::TestAccountAccess => "test-account-access",
        }
    }
}

/// One remediation step from [`Report::remediation`](crate::Report::remediation): data first,
/// with a `Display` that names the screen to use.
///
/// Steps come in this order: grant scopes, raise levels, enable flags (each saying which flows
/// it unblocks), then revoke scopes, lower levels, disable flags, then check what is not known
/// (each saying which flows need it), and, whenever there was any step before,
/// [`Step::TestAccountAccess`] last.
///
/// ```
/// use halopsa_privileges::{Action, Flows, Layer, Scopes, Step};
///
/// let step = Step::GrantScopes { scopes: Scopes::EDIT_INVOICES, unblocks: Flows::INVOICE_EXPORT_CHARGES };
/// assert_eq!(step.action(), Action::Grant);
/// assert_eq!(step.layer(), Layer::Application);
/// assert!(step.to_string().starts_with("Grant scopes edit:invoices"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Step {
    /// Tick `scopes` on the application's Permissions tab.
    GrantScopes {
        /// The scopes to tick.
        scopes: Scopes,
        /// The checked flows that are blocked by their absence. Empty when the scopes are
        /// covered by the `all` scope, which a later step revokes.
        unblocks: Flows,
    },
    /// Raise `area` from `from` to `to`.
    RaiseAccess {
        /// The area.
        area: Area,
        /// What is known of the level now (exact when known).
        from: LevelBounds,
        /// The least level needed.
        to: AccessLevel,
        /// The selected flows this unblocks.
        unblocks: Flows,
    },
    /// Set `flag` to Yes.
    EnableFlag {
        /// Exactly one flag.
        flag: AgentFlags,
        /// The selected flows this unblocks.
        unblocks: Flows,
    },
    /// Untick `scopes`: granted beyond need.
    RevokeScopes {
        /// The scopes to untick.
        scopes: Scopes,
    },
    /// Lower `area` from `from` to `to`: the least level needed, or the level up to which the
    /// article leaves the area open when that is higher.
    LowerAccess {
        /// The area.
        area: Area,
        /// What is known of the level now: its lower bound is above `to`.
        from: LevelBounds,
        /// The level to lower to.
        to: AccessLevel,
    },
    /// Set `flag` to No: granted beyond need.
    DisableFlag {
        /// Exactly one flag.
        flag: AgentFlags,
    },
    /// Check that `scopes` are ticked: the application's scopes are not known.
    CheckScopes {
        /// The scopes the checked flows need.
        scopes: Scopes,
        /// The checked flows that need them.
        needed_by: Flows,
    },
    /// Check that `area` is at least `at_least`: its level is not known well enough. If the
    /// check fails, [`Step::if_check_fails`] is the raise to make.
    CheckAccess {
        /// The area.
        area: Area,
        /// What is known of the level now (e.g. at least "Read and Modify"), never enough to
        /// prove `at_least`.
        from: LevelBounds,
        /// The least level the checked flows need.
        at_least: AccessLevel,
        /// The checked flows that need it.
        needed_by: Flows,
    },
    /// Check that `flag` is Yes: its value is not known.
    CheckFlag {
        /// Exactly one flag.
        flag: AgentFlags,
        /// The checked flows that need it.
        needed_by: Flows,
    },
    /// Create the role the article recommends for Datagate, [`DATAGATE_ROLE`], with the Datagate
    /// agent among "Agents that have this Role": where the agent has no role of its own, settings
    /// are raised there rather than on a role shared with people. Only a [`Plan`](crate::Plan)
    /// with the agent's roles makes this step.
    CreateRole,
    /// Take a role shared with people off the Datagate agent (on the role, "Agents that have
    /// this Role"), rather than lowering a setting for everyone who has the role. Which role is
    /// the step's screen's record. Only a [`Plan`](crate::Plan) with the agent's roles makes this
    /// step.
    RemoveRole,
    /// Press "Test Account Access" in Datagate, which refreshes the token.
    TestAccountAccess,
}

/// The name the article recommends for the role made for Datagate ("Role Name: You can choose,
/// we recommend "Datagate API Role"").
pub const DATAGATE_ROLE: &str = "Datagate API Role";

impl Step {
    /// What the step does.
    #[inline]
    pub const fn action(&self) -> Action {
        match self {
            Step::GrantScopes { .. } => Action::Grant,
            Step::RaiseAccess { .. } => Action::Raise,
            Step::EnableFlag { .. } => Action::Enable,
            Step::RevokeScopes { .. } => Action::Revoke,
            Step::LowerAccess { .. } => Action::Lower,
            Step::DisableFlag { .. } => Action::Disable,
            Step::CheckScopes { .. } | Step::CheckAccess { .. } | Step::CheckFlag { .. } => {
                Action::Check
            }
            Step::CreateRole => Action::CreateRole,
            Step::RemoveRole => Action::RemoveRole,
            Step::TestAccountAccess => Action::TestAccountAccess,
        }
    }

    /// Where the change is made.
    #[inline]
    pub const fn layer(&self) -> Layer {
        match self {
            Step::GrantScopes { .. } | Step::RevokeScopes { .. } | Step::CheckScopes { .. } => {
                Layer::Application
            }
            Step::RaiseAccess { .. }
            | Step::EnableFlag { .. }
            | Step::LowerAccess { .. }
            | Step::DisableFlag { .. }
            | Step::CheckAccess { .. }
            | Step::CheckFlag { .. }
            | Step::CreateRole
            | Step::RemoveRole => Layer::Agent,
            Step::TestAccountAccess => Layer::Datagate,
        }
    }

    /// The checked flows the step unblocks (empty for the steps that remove excess, and for
    /// checks, which change nothing).
    #[inline]
    pub const fn unblocks(&self) -> Flows {
        match *self {
            Step::GrantScopes { unblocks, .. }
            | Step::RaiseAccess { unblocks, .. }
            | Step::EnableFlag { unblocks, .. } => unblocks,
            _ => Flows::empty(),
        }
    }

    /// What to do when a check finds the item below need: the grant, raise or enable that
    /// gives it (unblocking the flows that need it); `None` for a step that is not a check.
    ///
    /// ```
    /// use halopsa_privileges::{AccessLevel, Area, Flows, LevelBounds, Step};
    /// let check = Step::CheckAccess {
    ///     area: Area::Invoices,
    ///     from: LevelBounds::from_at_least(AccessLevel::ReadModify),
    ///     at_least: AccessLevel::ReadCreateModifyDelete,
    ///     needed_by: Flows::INVOICE_EXPORT_CHARGES,
    /// };
    /// assert_eq!(
    ///     check.if_check_fails(),
    ///     Some(Step::RaiseAccess {
    ///         area: Area::Invoices,
    ///         from: LevelBounds::from_at_least(AccessLevel::ReadModify),
    ///         to: AccessLevel::ReadCreateModifyDelete,
    ///         unblocks: Flows::INVOICE_EXPORT_CHARGES,
    ///     })
    /// );
    /// ```
    pub const fn if_check_fails(&self) -> Option<Step> {
        match *self {
            Step::CheckScopes { scopes, needed_by } => Some(Step::GrantScopes {
                scopes,
                unblocks: needed_by,
            }),
            Step::CheckAccess {
                area,
                from,
                at_least,
                needed_by,
            } => Some(Step::RaiseAccess {
                area,
                from,
                to: at_least,
                unblocks: needed_by,
            }),
            Step::CheckFlag { flag, needed_by } => Some(Step::EnableFlag {
                flag,
                unblocks: needed_by,
            }),
            _ => None,
        }
    }

    /// The checked flows that need the step's item: for a check, those waiting on it; for a
    /// fix of a missing item, those it unblocks; empty otherwise.
    #[inline]
    pub const fn needed_by(&self) -> Flows {
        match *self {
            Step::CheckScopes { needed_by, .. }
            | Step::CheckAccess { needed_by, .. }
            | Step::CheckFlag { needed_by, .. } => needed_by,
            _ => self.unblocks(),
        }
    }
}

impl fmt::Display for Step {
    /// What to do and where, e.g. `Raise Invoices Access Level from "Read" to "Read, Create,
    /// Modify and Delete": in HaloPSA: Configuration > ... > Permissions (unblocks ...)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.text(&[self.screen()]).fmt(f)
    }
}
