//! [`Plan`]: a report's steps on the screens and records where they are done, naming the agent
//! and the roles to change when the grant came with them.

use alloc::collections::BTreeMap;
use alloc::vec::Vec;

use crate::input::grant_file::RESTRICTIONS;
use crate::input::GrantFile;
use crate::model::{Action, AgentFlags, Layer, Report, Requirements, Step, DATAGATE_ROLE};
use crate::presentation::placement;
use crate::presentation::Screen;

/// A [`Report`]'s remediation placed on screens. Without a [`GrantFile`] with sources (or for a
/// flat grant), agent-level steps are done "on the agent or the role that grants it". With the
/// agent and its roles, the plan never edits a role shared with people:
///
/// - it raises and enables on Datagate's own role (a role marked or named for Datagate, see
///   [`Source::is_dedicated`](crate::Source::is_dedicated)); with none, on the agent when it is made for Datagate; else it
///   first creates the article's role, [`DATAGATE_ROLE`] ([`Step::CreateRole`]);
/// - it lowers and disables on the agent and on Datagate's role, each step with the source's own
///   value as `from`;
/// - a shared role that holds an excess, or says No to a restriction setting the flows need, is
///   taken off the agent ([`Step::RemoveRole`]), after what the flows need and only that role
///   gave is raised on Datagate's role ([`Plan::moved_from`] names it);
/// - a restriction setting the flows need is set to Yes on the agent, on Datagate's role and on
///   the role it creates: restrictions are known only where all sources agree;
/// - a check names the sources whose setting is not known.
///
/// Applied in full, the plan leaves the agent with exactly what the flows need (and what the
/// article leaves open), whatever its roles were. `Display` is the text report, its steps
/// grouped by screen.
///
/// ```
/// use halopsa_privileges::{required_for, AccessLevel, Action, Area, Flows, GrantFile, Known, Plan, Privileges, Record, Scopes, Source};
///
/// let agent = Source::agent(Privileges::none().with_level(Area::Clients, AccessLevel::Read), Known::AGENT);
/// let finance = Source::role("Finance", Privileges::none().with_level(Area::Quotations, AccessLevel::Read), Known::AGENT);
/// let file = GrantFile::from_sources(Some(Scopes::READ_CUSTOMERS), vec![agent, finance]);
/// let report = required_for(Flows::CUSTOMERS_SYNC).evaluate(file.grant().privileges());
/// let plan = Plan::new(report, Some(&file));
/// // Finance is shared: it is taken off the agent, not edited.
/// let first = plan.steps().next().unwrap();
/// assert_eq!(first.step().action(), Action::RemoveRole);
/// assert_eq!(first.screens()[0].record(), Record::Role("Finance"));
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Plan<'a> {
    report: Report,
    file: Option<&'a GrantFile>,
}

impl<'a> Plan<'a> {
    /// The plan of `report`, whose grant came from `file` (if known).
    pub fn new(report: Report, file: Option<&'a GrantFile>) -> Plan<'a> {
        Plan { report, file }
    }

    /// The report.
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// The grant file the report's grant came from, if known.
    pub fn file(&self) -> Option<&'a GrantFile> {
        self.file
    }

    /// The steps grouped by screen, in the order screens first appear (a step on several
    /// sources is under each of their screens, with that source's own value as its `from`):
    /// what a UI shows as one card per screen.
    pub fn by_screen(&self) -> Vec<(Screen<'a>, Vec<Step>)> {
        // Each screen's place in `groups`, found by a key that orders screens (a linear search
        // per step made thousands of roles quadratic).
        let mut index: BTreeMap<ScreenKey<'a>, usize> = BTreeMap::new();
        let mut groups: Vec<(Screen<'a>, Vec<Step>)> = Vec::new();
        for planned in self.steps() {
            for (screen, step) in planned.screens.iter().zip(planned.on_screens()) {
                let at = *index.entry(ScreenKey::of(screen)).or_insert_with(|| {
                    groups.push((*screen, Vec::new()));
                    groups.len() - 1
                });
                groups[at].1.push(step);
            }
        }
        groups
    }

    /// [`by_screen`](Plan::by_screen) with consecutive role screens that take the same steps
    /// under one heading (an agent with many roles that need the same thing gets one list of
    /// steps, "on each of the roles ..."). What the text report and the HTML page show.
    ///
    /// ```
    /// use halopsa_privileges::{required_for, Flows, Grant, GrantFile, Plan, Source};
    ///
    /// let roles = (0..50).map(|i| Source::role_grant(format!("R{i}"), Grant::unknown())).collect();
    /// let file = GrantFile::from_source_grants(Grant::unknown(), roles);
    /// let report = required_for(Flows::CUSTOMERS_SYNC).evaluate_grant(&file.grant());
    /// let plan = Plan::new(report, Some(&file));
    /// // One heading for the 50 roles, each to check the same way.
    /// assert!(plan.grouped().iter().any(|(screens, _)| screens.len() == 50));
    /// ```
    pub fn grouped(&self) -> Vec<(Vec<Screen<'a>>, Vec<Step>)> {
        crate::presentation::screen_groups::merged(self.by_screen())
    }

    /// The steps, each with its screens: [`Report::remediation`] on a flat grant; with the
    /// agent's roles, the role-aware steps described above.
    pub fn steps(&self) -> PlannedSteps<'a> {
        PlannedSteps {
            steps: self.planned().into_iter(),
        }
    }

    /// The shared role that gives what `step` (a raise or an enable of this plan) moves to
    /// Datagate's role before that role is taken off the agent; `None` for any other step.
    pub fn moved_from(&self, step: &Step) -> Option<&'a str> {
        let file = self.file?;
        let unblocks_nothing = step.unblocks().is_empty();
        match step.action() {
            Action::Raise | Action::Enable if unblocks_nothing => {
                placement::moved_from(&self.report, file, step)
            }
            _ => None,
        }
    }

    /// What this plan does if `step`, a check, finds its item below need: the fix
    /// ([`Step::if_check_fails`]) placed as the plan places raises and enables (on Datagate's
    /// role, or the agent made for Datagate, or the article's role to create, see
    /// [`Plan::role_to_create`]). `None` for a step that is not a check.
    ///
    /// ```
    /// use halopsa_privileges::{required_for, Flows, Grant, Plan};
    /// let report = required_for(Flows::CUSTOMERS_SYNC).evaluate_grant(&Grant::unknown());
    /// let plan = Plan::new(report, None);
    /// let check = plan.steps().map(|s| *s.step()).find(|s| s.if_check_fails().is_some()).unwrap();
    /// let fix = plan.if_check_fails(&check).unwrap();
    /// assert!(!fix.step().unblocks().is_empty());
    /// ```
    pub fn if_check_fails(&self, step: &Step) -> Option<PlannedStep<'a>> {
        let fix = step.if_check_fails()?;
        let screens = match self.file {
            Some(file) => file.screens(&fix),
            None => alloc::vec![fix.screen()],
        };
        Some(PlannedStep {
            step: fix,
            screens,
            own: Vec::new(),
            moved: None,
            fix: None,
        })
    }

    /// When this plan's raises and enables go to the article's role, [`DATAGATE_ROLE`], which
    /// the agent does not have yet: the restriction settings the checked flows need, which the
    /// role is created with at Yes (restrictions are known only where all sources agree, and
    /// what a new role starts at is not documented). `None` when raises go to an existing
    /// source.
    pub fn role_to_create(&self) -> Option<AgentFlags> {
        let file = self.file?;
        if file.sources().is_empty() || placement::target(file.sources()).is_some() {
            return None;
        }
        let needed = Requirements::of(self.report.flows()).privileges().flags();
        Some(needed.intersection(RESTRICTIONS))
    }

    /// The checked flows that run only because a role shared with people gives something they
    /// need, one [`Dependence`](crate::Dependence) per role, with the optional steps that make
    /// Datagate independent of it. Nothing here is a fault: verdicts and exit codes do not
    /// change. Empty without the agent's roles.
    pub fn dependences(&self) -> Vec<crate::presentation::Dependence<'a>> {
        match self.file {
            Some(file) => crate::presentation::dependence::dependences(&self.report, file),
            None => Vec::new(),
        }
    }

    /// Every step, placed.
    fn planned(&self) -> Vec<PlannedStep<'a>> {
        let plain = |step: Step| PlannedStep {
            step,
            screens: alloc::vec![step.screen()],
            own: Vec::new(),
            moved: None,
            fix: None,
        };
        let file = match self.file {
            Some(file) if !file.sources().is_empty() => file,
            _ => return self.report.remediation().map(plain).collect(),
        };
        // The application's steps from the report, the agent's from the sources, in the order
        // of the report's stages: fix, remove, check (a stable sort keeps each stage's order).
        let mut steps: Vec<PlannedStep<'a>> = self
            .report
            .remediation()
            .filter(|step| step.layer() == Layer::Application)
            .map(plain)
            .collect();
        steps.extend(
            placement::agent_steps(&self.report, file)
                .into_iter()
                .map(|placed| PlannedStep {
                    moved: self.moved_from(&placed.step),
                    fix: self
                        .if_check_fails(&placed.step)
                        .map(|fix| (fix.screens, self.role_to_create())),
                    step: placed.step,
                    screens: placed.screens,
                    own: placed.own,
                }),
        );
        steps.sort_by_key(|planned| stage(&planned.step));
        if !steps.is_empty() {
            steps.push(plain(Step::TestAccountAccess));
        }
        steps
    }
}

/// Where a step comes in a plan: grant, create Datagate's role, raise, enable, revoke, lower,
/// disable, take shared roles off, check scopes, check the agent's settings.
fn stage(step: &Step) -> u8 {
    match step.action() {
        Action::Grant => 0,
        Action::CreateRole => 1,
        Action::Raise => 2,
        Action::Enable => 3,
        Action::Revoke => 4,
        Action::Lower => 5,
        Action::Disable => 6,
        Action::RemoveRole => 7,
        Action::Check if step.layer() == Layer::Application => 8,
        Action::Check => 9,
        _ => 10,
    }
}

/// A step placed on `screens`, with each screen's own grant (`own`, parallel, or empty).
pub(crate) fn placed<'a>(
    step: Step,
    screens: Vec<Screen<'a>>,
    own: Vec<crate::model::Grant>,
) -> PlannedStep<'a> {
    PlannedStep {
        step,
        screens,
        own,
        moved: None,
        fix: None,
    }
}

/// A screen as an ordered key: product, path, kind of record, record name, tab.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct ScreenKey<'a>(
    &'static str,
    &'static [&'static str],
    &'static str,
    Option<&'a str>,
    Option<&'static str>,
);

impl<'a> ScreenKey<'a> {
    fn of(screen: &Screen<'a>) -> ScreenKey<'a> {
        let record = screen.record();
        let name = match record {
            crate::presentation::Record::Agent(name) => name,
            crate::presentation::Record::Role(name) => Some(name),
            _ => None,
        };
        ScreenKey(
            screen.product().id(),
            screen.path(),
            record.id(),
            name,
            screen.tab(),
        )
    }
}

/// The steps of a [`Plan`].
#[derive(Debug, Clone)]
pub struct PlannedSteps<'a> {
    steps: alloc::vec::IntoIter<PlannedStep<'a>>,
}

impl<'a> Iterator for PlannedSteps<'a> {
    type Item = PlannedStep<'a>;

    fn next(&mut self) -> Option<PlannedStep<'a>> {
        self.steps.next()
    }
}

/// One step of a [`Plan`], with the screens where it is done (one per agent or role to change).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedStep<'a> {
    step: Step,
    screens: Vec<Screen<'a>>,
    /// For a step on sources, each source's own grant (parallel to `screens`).
    own: Vec<crate::model::Grant>,
    /// The shared role this raise or enable moves the setting from.
    moved: Option<&'a str>,
    /// For a check of a plan with the agent's sources: where its fix is done, and whether
    /// that role is created first.
    fix: Option<(Vec<Screen<'a>>, Option<AgentFlags>)>,
}

impl<'a> PlannedStep<'a> {
    /// The step.
    pub fn step(&self) -> &Step {
        &self.step
    }

    /// Where it is done: one screen, or one per source to change.
    pub fn screens(&self) -> &[Screen<'a>] {
        &self.screens
    }

    /// The step as done on each of its [`screens`](PlannedStep::screens): on a source, `from`
    /// is that source's own value (what its screen shows), not the effective one.
    pub fn on_screens(&self) -> impl Iterator<Item = Step> + '_ {
        (0..self.screens.len()).map(|i| match (self.step, self.own.get(i)) {
            (
                Step::RaiseAccess {
                    area, to, unblocks, ..
                },
                Some(own),
            ) => Step::RaiseAccess {
                area,
                from: own.level(area),
                to,
                unblocks,
            },
            (Step::LowerAccess { area, to, .. }, Some(own)) => Step::LowerAccess {
                area,
                from: own.level(area),
                to,
            },
            (step, _) => step,
        })
    }

    /// For a check: its fix ([`Step::if_check_fails`]) placed as the plan places raises and
    /// enables (see [`Plan::if_check_fails`]); `None` for any other step.
    pub fn fix(&self) -> Option<PlannedStep<'a>> {
        let step = self.step.if_check_fails()?;
        let screens = match &self.fix {
            Some((screens, _)) => screens.clone(),
            None => alloc::vec![step.screen()],
        };
        Some(PlannedStep {
            step,
            screens,
            own: Vec::new(),
            moved: None,
            fix: None,
        })
    }

    /// The shared role that gives what this raise or enable moves to Datagate's role, before
    /// that role is taken off the agent (see [`Plan::moved_from`]).
    pub fn moved_from(&self) -> Option<&'a str> {
        self.moved
    }

    /// The sources to change, as `agent` or the role's name; empty when the step is not on a
    /// known agent or role.
    pub fn sources(&self) -> Vec<&'a str> {
        self.screens
            .iter()
            .filter_map(|screen| match screen.record() {
                crate::presentation::Record::Agent(_) => Some("agent"),
                crate::presentation::Record::Role(name) => Some(name),
                _ => None,
            })
            .collect()
    }
}

impl core::fmt::Display for PlannedStep<'_> {
    /// The step's text with where it is done: each screen named (`Raise Invoices Access Level
    /// ... in HaloPSA > Configuration > Teams and Agents > Roles > role "Datagate API Role" >
    /// Permissions`), as [`Step::text`] writes it for these screens.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match &self.fix {
            Some((screens, create_role)) => write!(
                f,
                "{}",
                self.step
                    .text(&self.screens)
                    .if_fails_on(screens, *create_role)
            ),
            None => write!(f, "{}", self.step.text(&self.screens)),
        }
    }
}

impl GrantFile {
    /// Where `step` is done for this grant, as a [`Plan`] places it: a raise or an enable on
    /// Datagate's role (or the agent made for Datagate, or the article's role to create); a
    /// lower, disable or check on the agent and Datagate's role where they hold it (a shared
    /// role is taken off the agent instead, see [`Plan`]); otherwise the step's own screen.
    pub fn screens(&self, step: &Step) -> Vec<Screen<'_>> {
        if step.layer() != Layer::Agent || self.sources().is_empty() {
            return alloc::vec![step.screen()];
        }
        let changeable = || {
            self.sources()
                .iter()
                .filter(|source| placement::may_change(source))
        };
        let chosen: Vec<Screen<'_>> = match *step {
            Step::RaiseAccess { .. } | Step::EnableFlag { .. } => {
                let target = placement::target(self.sources()).map(|i| &self.sources()[i]);
                alloc::vec![target.map_or(Screen::role(DATAGATE_ROLE), placement::screen_of)]
            }
            Step::LowerAccess { area, to, .. } => changeable()
                .filter(|s| s.privileges().level(area) > to)
                .map(placement::screen_of)
                .collect(),
            Step::DisableFlag { flag } => changeable()
                .filter(|s| s.privileges().flags().intersects(flag))
                .map(placement::screen_of)
                .collect(),
            Step::CheckAccess { area, .. } => self
                .sources()
                .iter()
                .filter(|s| !s.known().has_area(area))
                .map(placement::screen_of)
                .collect(),
            Step::CheckFlag { flag, .. } => self
                .sources()
                .iter()
                .filter(|s| !s.known().agent_flags().contains(flag))
                .map(placement::screen_of)
                .collect(),
            _ => Vec::new(),
        };
        if chosen.is_empty() {
            return alloc::vec![step.screen()];
        }
        chosen
    }
}
