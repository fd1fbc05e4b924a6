//! [`Plan`]: a report's steps on the screens and records where they are done, naming the agent
//! and the roles to change when the grant came with them.

use alloc::vec::Vec;

use crate::text::eq_label;
use crate::{GrantFile, Layer, Remediation, Report, Screen, Source, Step};

/// A [`Report`]'s remediation placed on screens. With the [`GrantFile`] the grant came from, a
/// step that lowers or disables names every source (agent or role) that holds the excess, since
/// HaloPSA applies the highest of them; a step that raises or enables names the role Datagate's
/// agent uses (a role named "Datagate API Role", else the first role), or the agent when it has
/// no role; a check names the sources whose setting is not known. Without one (or for a flat
/// grant), agent-level steps are done "on the agent or the role that grants it".
///
/// `Display` is the text report, its steps grouped by screen.
///
/// ```
/// use halopsa_privileges::{required_for, AccessLevel, Area, Flows, GrantFile, Known, Plan, Privileges, Record, Scopes, Source};
///
/// let agent = Source::agent(Privileges::none().with_level(Area::Clients, AccessLevel::Read), Known::AGENT);
/// let finance = Source::role("Finance", Privileges::none().with_level(Area::Quotations, AccessLevel::Read), Known::AGENT);
/// let file = GrantFile::from_sources(Some(Scopes::READ_CUSTOMERS), vec![agent, finance]);
/// let report = required_for(Flows::CUSTOMERS_SYNC).evaluate(file.grant().privileges());
/// let plan = Plan::new(report, Some(&file));
/// let lower = plan.steps().next().unwrap();
/// assert_eq!(lower.screens()[0].record(), Record::Role("Finance"));
/// assert_eq!(lower.sources(), ["Finance"]);
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

    /// The steps grouped by screen, in the order screens first appear (a step on several
    /// sources is under each of their screens, with that source's own value as its `from`):
    /// what a UI shows as one card per screen.
    pub fn by_screen(&self) -> Vec<(Screen<'a>, Vec<Step>)> {
        let mut groups: Vec<(Screen<'a>, Vec<Step>)> = Vec::new();
        for planned in self.steps() {
            for (screen, step) in planned.screens.iter().zip(planned.on_screens()) {
                match groups.iter_mut().find(|(seen, _)| seen == screen) {
                    Some((_, list)) => list.push(step),
                    None => groups.push((*screen, alloc::vec![step])),
                }
            }
        }
        groups
    }

    /// The steps of [`Report::remediation`], each with its screens.
    pub fn steps(&self) -> PlannedSteps<'a> {
        PlannedSteps {
            steps: self.report.remediation(),
            file: self.file,
        }
    }
}

/// The steps of a [`Plan`].
#[derive(Debug, Clone)]
pub struct PlannedSteps<'a> {
    steps: Remediation,
    file: Option<&'a GrantFile>,
}

impl<'a> Iterator for PlannedSteps<'a> {
    type Item = PlannedStep<'a>;

    fn next(&mut self) -> Option<PlannedStep<'a>> {
        let step = self.steps.next()?;
        let (screens, own) = match self.file {
            Some(file) => {
                let sources = file.sources_for(&step);
                if sources.is_empty() {
                    (alloc::vec![step.screen()], Vec::new())
                } else {
                    let screens = sources.iter().map(|s| screen_of(s)).collect();
                    let own = sources.iter().map(|s| s.grant()).collect();
                    (screens, own)
                }
            }
            None => (alloc::vec![step.screen()], Vec::new()),
        };
        Some(PlannedStep { step, screens, own })
    }
}

/// One step of a [`Plan`], with the screens where it is done (one per agent or role to change).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedStep<'a> {
    step: Step,
    screens: Vec<Screen<'a>>,
    /// For a step on sources, each source's own grant (parallel to `screens`).
    own: Vec<crate::Grant>,
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

    /// The sources to change, as `agent` or the role's name; empty when the step is not on a
    /// known agent or role.
    pub fn sources(&self) -> Vec<&'a str> {
        self.screens
            .iter()
            .filter_map(|screen| match screen.record() {
                crate::Record::Agent(_) => Some("agent"),
                crate::Record::Role(name) => Some(name),
                _ => None,
            })
            .collect()
    }
}

impl GrantFile {
    /// Where `step` is done for this grant: see [`Plan`].
    pub fn screens(&self, step: &Step) -> Vec<Screen<'_>> {
        let sources = self.sources_for(step);
        if sources.is_empty() {
            return alloc::vec![step.screen()];
        }
        sources.into_iter().map(screen_of).collect()
    }

    /// The sources `step` is done on; none when it is not on a known agent or role.
    fn sources_for(&self, step: &Step) -> Vec<&Source> {
        if step.layer() != Layer::Agent || self.sources().is_empty() {
            return Vec::new();
        }
        let all = || self.sources().iter();
        match *step {
            Step::RaiseAccess { .. } | Step::EnableFlag { .. } => {
                alloc::vec![self.main_source()]
            }
            Step::LowerAccess { area, to, .. } => {
                all().filter(|s| s.privileges().level(area) > to).collect()
            }
            Step::DisableFlag { flag } => all()
                .filter(|s| s.privileges().flags().intersects(flag))
                .collect(),
            Step::CheckAccess { area, .. } => all().filter(|s| !s.known().has_area(area)).collect(),
            Step::CheckFlag { flag, .. } => all()
                .filter(|s| !s.known().agent_flags().contains(flag))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The source to raise settings on: the role named like "Datagate API Role", else the first
    /// role, else the agent.
    fn main_source(&self) -> &Source {
        let roles = || self.sources().iter().filter(|s| !s.is_agent());
        roles()
            .find(|s| {
                s.name().is_some_and(|n| {
                    eq_label(n, "Datagate API Role") || eq_label(n, "Datagate API")
                })
            })
            .or_else(|| roles().next())
            .unwrap_or(&self.sources()[0])
    }
}

/// The Permissions tab of a source.
fn screen_of(source: &Source) -> Screen<'_> {
    if source.is_agent() {
        Screen::agent(source.name())
    } else {
        Screen::role(source.name().unwrap_or_default())
    }
}
