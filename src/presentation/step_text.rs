//! The text of a [`Step`]: what to do, and where.

use core::fmt;

use crate::input::grant_file::RESTRICTIONS;
use crate::model::bounds::Quoted;
use crate::model::{Action, AgentFlags, Flows, Requirements, Scopes, Step, DATAGATE_ROLE};
use crate::presentation::{Record, Screen};

impl Step {
    /// The step as text, done on `screens` (none: what to do, without where; several: the
    /// agent and each role that must change, from
    /// [`GrantFile::screens`](crate::GrantFile::screens)).
    ///
    /// ```
    /// use halopsa_privileges::{AccessLevel, Area, Screen, Step};
    /// let step = Step::LowerAccess { area: Area::Invoices, from: AccessLevel::ReadModify.into(), to: AccessLevel::Read };
    /// assert_eq!(
    ///     step.text(&[]).to_string(),
    ///     "Lower Invoices Access Level from \"Read and Modify\" to \"Read\" (more than needed)"
    /// );
    /// let screens = [Screen::agent(None), Screen::role("Finance")];
    /// assert!(step.text(&screens).to_string().contains("Roles > role \"Finance\" > Permissions"));
    /// ```
    pub fn text<'a>(&'a self, screens: &'a [Screen<'a>]) -> StepText<'a> {
        StepText {
            step: self,
            screens,
            grouped: false,
            fix: None,
        }
    }

    /// The step as text under a heading that names `screen` (as in the text report, which
    /// prints each screen once): what and how, without where.
    pub fn text_on<'a>(&'a self, screen: &'a Screen<'a>) -> StepText<'a> {
        StepText {
            step: self,
            screens: core::slice::from_ref(screen),
            grouped: true,
            fix: None,
        }
    }
}

/// The most screens a step's sentence names; further ones are counted.
const SCREENS_NAMED: usize = 3;

/// A step's text, from [`Step::text`] or [`Step::text_on`].
#[derive(Debug, Clone, Copy)]
pub struct StepText<'a> {
    step: &'a Step,
    screens: &'a [Screen<'a>],
    grouped: bool,
    /// Where a check's fix is done, and, when that role is still to be created, the settings
    /// it is created with.
    fix: Option<(&'a [Screen<'a>], Option<AgentFlags>)>,
}

impl<'a> StepText<'a> {
    /// A check's text that says where its fix ([`Step::if_check_fails`]) is done: on
    /// `screens`, as a [`Plan`](crate::Plan) places raises ([`Plan::if_check_fails`](
    /// crate::Plan::if_check_fails)). `create_role` (from [`Plan::role_to_create`](
    /// crate::Plan::role_to_create)) adds that the role is to be created first, with these
    /// settings at Yes. Without this, the fix is done "on the agent or on the role that grants
    /// it".
    pub fn if_fails_on(
        self,
        screens: &'a [Screen<'a>],
        create_role: Option<AgentFlags>,
    ) -> StepText<'a> {
        StepText {
            fix: Some((screens, create_role)),
            ..self
        }
    }
}

impl fmt::Display for StepText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let step = self.step;
        // What to do.
        match *step {
            Step::GrantScopes { scopes, .. } => write!(f, "Grant scopes {scopes}")?,
            Step::RaiseAccess { area, from, to, .. } if from.is_unknown() => write!(
                f,
                "Set {area} Access Level to \"{to}\" (its level here is not known)"
            )?,
            Step::RaiseAccess { area, from, to, .. } => write!(
                f,
                "Raise {area} Access Level from {} to \"{to}\"",
                Quoted(from)
            )?,
            Step::EnableFlag { flag, .. } => write!(f, "Set {}", flag.setting(true))?,
            Step::RevokeScopes { scopes } => write!(f, "Revoke scopes {scopes} (not needed)")?,
            Step::LowerAccess { area, from, to } => write!(
                f,
                "Lower {area} Access Level from {} to \"{to}\" (more than needed)",
                Quoted(from)
            )?,
            Step::DisableFlag { flag } => write!(f, "Set {} (not needed)", flag.setting(false))?,
            Step::CheckScopes { scopes, .. } => {
                write!(f, "Check that the scopes {scopes} are ticked (not known)")?
            }
            Step::CheckAccess {
                area,
                from,
                at_least,
                ..
            } if from.is_unknown() => write!(
                f,
                "Check that {area} Access Level is at least \"{at_least}\" (not known)"
            )?,
            // The known bound stays in the sentence.
            Step::CheckAccess {
                area,
                from,
                at_least,
                ..
            } => write!(
                f,
                "Check that {area} Access Level is at least \"{at_least}\" (known: {}, not \
                 whether it is that high)",
                Quoted(from)
            )?,
            Step::CheckFlag { flag, .. } => {
                write!(f, "Check that {} (not known)", flag.setting(true))?
            }
            Step::TestAccountAccess => f.write_str("Press \"Test Account Access\"")?,
            Step::CreateRole => write!(
                f,
                "Create the role \"{DATAGATE_ROLE}\" (press \"New\"; Role Name: \
                 {DATAGATE_ROLE}; Agents that have this Role: the Datagate agent), so that \
                 Datagate's settings are not raised on a role other agents have"
            )?,
            Step::RemoveRole => f.write_str(
                "Take the Datagate agent out of \"Agents that have this Role\" (the role is \
                 shared: changing its settings would change them for everyone who has it)",
            )?,
        }
        // Where (unless a heading says it).
        // A sentence names a few screens; the rest are counted (the JSON's `sources` and the
        // text report's headings name every one).
        if !self.grouped {
            for (i, screen) in self.screens.iter().take(SCREENS_NAMED).enumerate() {
                write!(f, "{}{screen}", if i == 0 { ": in " } else { ", and in " })?;
            }
            let more = self.screens.len().saturating_sub(SCREENS_NAMED);
            if more > 0 {
                write!(f, ", and on {more} more like it")?;
            }
        }
        // How.
        let sep = if self.grouped { ": " } else { ", " };
        let flat = self
            .screens
            .iter()
            .any(|screen| screen.record() == Record::AgentOrRole);
        let how = match step.action() {
            Action::Grant if !self.screens.is_empty() => "tick each of them",
            Action::Revoke if !self.screens.is_empty() => "untick each of them",
            // HaloPSA applies the highest of the agent and its roles: lower it on each.
            Action::Lower | Action::Disable if flat => {
                "on the agent and on every role that grants it"
            }
            Action::Raise | Action::Enable if flat && self.grouped => {
                "on the agent or on the role that grants it"
            }
            Action::Check if flat => "on the agent or one of its roles",
            Action::TestAccountAccess => "to refresh the token and pick up the changes",
            _ => "",
        };
        if !how.is_empty() {
            let sep = match step.action() {
                Action::TestAccountAccess if self.grouped => " ",
                _ => sep,
            };
            write!(f, "{sep}{how}")?;
        }
        if let Step::RevokeScopes { scopes } = *step {
            if scopes.contains(Scopes::ALL) {
                // `all` covers every scope: the needed ones must be ticked on their own.
                f.write_str(
                    " (before unticking all, make sure every scope the flows need is ticked on \
                     its own)",
                )?;
            }
        }
        // For whom.
        let (verb, flows) = match step.action() {
            Action::Check => ("needed by", step.needed_by()),
            _ => ("unblocks", step.unblocks()),
        };
        write_flows(f, step, verb, flows)?;
        self.write_if_fails(f, flat)
    }
}

impl StepText<'_> {
    /// A check's last clause: what to do if it fails, and where (as the plan places raises,
    /// or on the agent or its role when the grant is flat).
    fn write_if_fails(&self, f: &mut fmt::Formatter<'_>, flat: bool) -> fmt::Result {
        match *self.step {
            Step::CheckScopes { .. } => return f.write_str("; tick any that is not"),
            Step::CheckAccess { at_least, .. } => {
                write!(f, "; if it is lower, raise it to \"{at_least}\"")?
            }
            // On shared roles (a plan sets a needed restriction to Yes everywhere else): what
            // they say decides whether the agent stays in them.
            Step::CheckFlag { flag, .. }
                if RESTRICTIONS.contains(flag)
                    && !self.screens.is_empty()
                    && self
                        .screens
                        .iter()
                        .all(|s| matches!(s.record(), Record::Role(_))) =>
            {
                return f.write_str(
                    "; if a role here says No, enter that and run the audit again: the advice \
                     then takes the Datagate agent off that role (restrictions are known only \
                     where every role agrees)",
                );
            }
            Step::CheckFlag { .. } => f.write_str("; if it is No or not set, set it to Yes")?,
            _ => return Ok(()),
        }
        // Where the fix goes: on the agent or its role when the grant is flat, else on the
        // screens the plan gives.
        let (screens, create_role) = match self.fix {
            Some((screens, create_role))
                if !screens.iter().all(|s| s.record() == Record::AgentOrRole) =>
            {
                (screens, create_role)
            }
            Some(_) => return f.write_str(" on the agent or on the role that grants it"),
            None if flat => return f.write_str(" on the agent or on the role that grants it"),
            None => return Ok(()),
        };
        for (i, screen) in screens.iter().take(SCREENS_NAMED).enumerate() {
            write!(f, "{}{screen}", if i == 0 { " in " } else { ", and in " })?;
        }
        if let Some(settings) = create_role {
            write!(
                f,
                " (create the role \"{DATAGATE_ROLE}\" first, as Section 1, step 1 says"
            )?;
            for (i, flag) in settings.flags().enumerate() {
                let sep = if i == 0 { ", with " } else { " and " };
                write!(f, "{sep}{}", flag.setting(true))?;
            }
            f.write_str(")")?;
        }
        Ok(())
    }
}

/// ` (unblocks ...)` or ` (needed by ...)`, with which flow needs which level.
fn write_flows(f: &mut fmt::Formatter<'_>, step: &Step, verb: &str, flows: Flows) -> fmt::Result {
    if flows.is_empty() {
        return Ok(());
    }
    match *step {
        Step::RaiseAccess { area, to, .. }
        | Step::CheckAccess {
            area, at_least: to, ..
        } => {
            let users = Requirements::of(flows).level_users(area, to);
            write!(f, " ({verb} {users})")
        }
        _ => write!(f, " ({verb} {})", flows.titles()),
    }
}
