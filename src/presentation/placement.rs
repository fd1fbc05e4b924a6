//! Where a [`Plan`](crate::Plan)'s steps go when the grant came as the agent and its roles:
//! raise only where it touches nobody else, lower without hurting others.
//!
//! - A role made for Datagate ([`Source::is_dedicated`](crate::Source::is_dedicated)) and the agent may be changed. Every
//!   other role is shared with people and is never edited.
//! - An excess a shared role holds is removed by taking that role off the Datagate agent. What
//!   the flows need and only that role gave is first given on Datagate's own role.
//! - What the flows need and the remaining sources do not give is raised on Datagate's role;
//!   with none, on the agent when it is made for Datagate; else on a new role, the article's
//!   "Datagate API Role", created first.
//! - An excess the agent or Datagate's role holds is lowered there.
//! - A restriction setting ("Allow use of all ...") the flows need is known Yes only where every
//!   source says Yes (`join_sources`): it is set to Yes on the agent, on Datagate's role and on
//!   the role the plan creates, and a shared role that says No to it is taken off the agent. An
//!   excess one is set to No wherever it is Yes (HaloPSA may apply the widest).

use alloc::vec::Vec;

use crate::input::grant_file::{join_sources, RESTRICTIONS};
use crate::input::{GrantFile, Source};
use crate::model::requirements::{flags_needed_by, needs_above};
use crate::model::{
    AgentFlags, Area, Flows, Grant, Privileges, Report, Requirements, Step, DATAGATE_ROLE,
};
use crate::presentation::Screen;

/// One agent-level step on the records where it is done, with each record's own grant.
pub(crate) struct Placed<'a> {
    pub(crate) step: Step,
    pub(crate) screens: Vec<Screen<'a>>,
    pub(crate) own: Vec<Grant>,
}

/// Where raises go.
#[derive(Clone, Copy)]
enum Target {
    /// The source at this index (Datagate's role, or the agent made for Datagate).
    Source(usize),
    /// A role still to create.
    New,
}

/// The role-aware agent-level steps of `report` on `file`'s sources, in order: create a role,
/// raise, enable, lower, disable, remove shared roles, check.
pub(crate) fn agent_steps<'a>(report: &Report, file: &'a GrantFile) -> Vec<Placed<'a>> {
    let sources = file.sources();
    let flows = report.flows();
    let need = Requirements::of(flows).privileges();
    let allowance = Requirements::of(flows).allowance();
    let removed: Vec<bool> = sources
        .iter()
        .map(|source| removed(report, source))
        .collect();
    let kept = || {
        sources
            .iter()
            .zip(&removed)
            .filter(|(_, removed)| !**removed)
            .map(|(source, _)| source)
    };
    // What the kept sources give, joined as the grant file joins them (restriction settings
    // known only where all agree): what is needed is raised or checked against this.
    let remaining = join_sources(kept(), true);
    let (most, proven) = (*remaining.at_most(), *remaining.at_least());
    // A setting any kept source says Yes to may be what HaloPSA applies (if it takes the
    // widest): an excess setting is disabled wherever it is Yes.
    let any_yes = kept().fold(AgentFlags::empty(), |flags, source| {
        flags.union(source.grant().at_least().flags())
    });
    let possible = report.possible();
    let target = target(sources).map_or(Target::New, Target::Source);
    let target_screen = match target {
        Target::Source(i) => screen_of(&sources[i]),
        Target::New => Screen::role(DATAGATE_ROLE),
    };
    let target_grant = match target {
        Target::Source(i) => sources[i].grant(),
        Target::New => Grant::full(Privileges::none()),
    };
    let on_target = |step: Step| Placed {
        step,
        screens: alloc::vec![target_screen],
        own: alloc::vec![target_grant],
    };
    let mut raises = Vec::new();
    for area in Area::ALL {
        let to = need.level(area);
        if most.level(area) < to {
            raises.push(on_target(Step::RaiseAccess {
                area,
                from: target_grant.level(area),
                to,
                unblocks: needs_above(area, possible.level(area)).intersection(flows),
            }));
        }
    }
    // Other settings (none the article needs today) are enabled on the target.
    for flag in need
        .flags()
        .difference(RESTRICTIONS)
        .difference(most.flags())
        .flags()
    {
        let unblocks = match possible.flags().contains(flag) {
            true => Flows::empty(),
            false => flags_needed_by(flag).intersection(flows),
        };
        raises.push(on_target(Step::EnableFlag { flag, unblocks }));
    }
    // A needed restriction setting is known Yes only where every source says Yes (see
    // `join_sources`): it is set to Yes on each source the plan may change that does not prove
    // it (the agent, Datagate's role) and on the role the plan creates, so that no change of
    // the plan unsettles it. Shared roles that say No are taken off the agent (`removed`).
    let creates = matches!(target, Target::New) && !raises.is_empty();
    for flag in need.flags().intersection(RESTRICTIONS).flags() {
        let mut screens = Vec::new();
        let mut own = Vec::new();
        for source in kept().filter(|s| may_change(s) && s.grant().has_flag(flag) != Some(true)) {
            screens.push(screen_of(source));
            own.push(source.grant());
        }
        if creates {
            screens.push(target_screen);
            own.push(target_grant);
        }
        if !screens.is_empty() {
            let unblocks = match possible.flags().contains(flag) {
                true => Flows::empty(),
                false => flags_needed_by(flag).intersection(flows),
            };
            let step = Step::EnableFlag { flag, unblocks };
            raises.push(Placed { step, screens, own });
        }
    }
    let mut steps = Vec::new();
    if creates {
        steps.push(Placed {
            step: Step::CreateRole,
            screens: alloc::vec![Screen::roles()],
            own: Vec::new(),
        });
    }
    steps.extend(raises);
    // Lower and disable on the sources that may change and hold the excess.
    for area in Area::ALL {
        let to = allowance.level(area);
        let holders: Vec<&Source> = kept()
            .filter(|source| source.grant().at_least().level(area) > to)
            .collect();
        if !holders.is_empty() && !flows.is_empty() {
            let step = Step::LowerAccess {
                area,
                from: remaining.level(area),
                to,
            };
            steps.push(on_sources(step, &holders));
        }
    }
    for flag in any_yes.difference(allowance.flags()).flags() {
        let holders: Vec<&Source> = kept()
            .filter(|source| source.grant().at_least().flags().contains(flag))
            .collect();
        if !flows.is_empty() {
            steps.push(on_sources(Step::DisableFlag { flag }, &holders));
        }
    }
    // One step takes the agent out of every shared role to leave, a screen each (as a lower
    // is one step on every source that holds the level).
    let leaving: Vec<&Source> = sources
        .iter()
        .zip(&removed)
        .filter(|(_, removed)| **removed)
        .map(|(source, _)| source)
        .collect();
    if !leaving.is_empty() {
        steps.push(Placed {
            step: Step::RemoveRole,
            screens: leaving
                .iter()
                .map(|source| Screen::role_details(source.name().unwrap_or_default()))
                .collect(),
            own: leaving.iter().map(|source| source.grant()).collect(),
        });
    }
    // Check what the remaining sources leave unknown.
    for area in Area::ALL {
        let at_least = need.level(area);
        if proven.level(area) < at_least && most.level(area) >= at_least {
            let holders: Vec<&Source> = kept()
                .filter(|source| source.grant().level(area).exact_level().is_none())
                .collect();
            let needed_by = needs_above(area, proven.level(area)).intersection(flows);
            let step = Step::CheckAccess {
                area,
                from: remaining.level(area),
                at_least,
                needed_by,
            };
            steps.push(on_sources(step, &holders));
        }
    }
    for flag in need
        .flags()
        .intersection(most.flags())
        .difference(proven.flags())
        .flags()
    {
        // A restriction setting is set to Yes above on every source the plan may change: what
        // is left to check is the shared roles that do not say.
        let restriction = RESTRICTIONS.contains(flag);
        let holders: Vec<&Source> = kept()
            .filter(|source| source.grant().has_flag(flag).is_none())
            .filter(|source| !(restriction && may_change(source)))
            .collect();
        if restriction && holders.is_empty() {
            continue;
        }
        let needed_by = flags_needed_by(flag).intersection(flows);
        steps.push(on_sources(Step::CheckFlag { flag, needed_by }, &holders));
    }
    steps
}

/// The step on `holders`, or on "the agent or the role that grants it" when none is named.
fn on_sources<'a>(step: Step, holders: &[&'a Source]) -> Placed<'a> {
    if holders.is_empty() {
        return Placed {
            step,
            screens: alloc::vec![step.screen()],
            own: Vec::new(),
        };
    }
    Placed {
        step,
        screens: holders.iter().map(|source| screen_of(source)).collect(),
        own: holders.iter().map(|source| source.grant()).collect(),
    }
}

/// Whether a plan may change this source: the agent, or a role made for Datagate.
pub(crate) fn may_change(source: &Source) -> bool {
    source.is_agent() || source.is_dedicated()
}

/// Whether `source` proves a level or setting beyond what the flows may hold.
fn holds_excess(source: &Source, allowance: &Privileges) -> bool {
    let held = source.grant();
    allowance.areas_below(held.at_least()) != 0
        || !held
            .at_least()
            .flags()
            .difference(allowance.flags())
            .is_empty()
}

/// Where raises go: the index of Datagate's own role, else of the agent when it is made for
/// Datagate; `None` when a new role must be created.
pub(crate) fn target(sources: &[Source]) -> Option<usize> {
    let role = sources
        .iter()
        .position(|source| !source.is_agent() && source.is_dedicated());
    let agent = sources
        .iter()
        .position(|source| source.is_agent() && source.is_dedicated());
    role.or(agent)
}

/// Whether a plan takes `source` off the agent: a shared role that proves more than the checked
/// flows may hold, or that says No to a restriction setting they need.
pub(crate) fn removed(report: &Report, source: &Source) -> bool {
    let flows = report.flows();
    let allowance = Requirements::of(flows).allowance();
    // A needed restriction setting this role says No to: with the agent's other sources saying
    // Yes, it leaves the setting unknown (restrictions combine only where all agree).
    let restricts = Requirements::of(flows)
        .privileges()
        .flags()
        .intersection(RESTRICTIONS)
        .iter()
        .any(|flag| source.grant().has_flag(flag) == Some(false));
    !flows.is_empty() && !may_change(source) && (holds_excess(source, allowance) || restricts)
}

/// The Permissions tab of a source.
pub(crate) fn screen_of(source: &Source) -> Screen<'_> {
    if source.is_agent() {
        Screen::agent(source.name())
    } else {
        Screen::role(source.name().unwrap_or_default())
    }
}

/// The role taken off the agent that gave what `step` now raises or enables, if any: the step
/// moves it to Datagate's role.
pub(crate) fn moved_from<'a>(report: &Report, file: &'a GrantFile, step: &Step) -> Option<&'a str> {
    file.sources()
        .iter()
        .filter(|source| removed(report, source))
        .find(|source| {
            let most = *source.grant().at_most();
            match *step {
                Step::RaiseAccess { area, to, .. } => most.level(area) >= to,
                Step::EnableFlag { flag, .. } => most.flags().contains(flag),
                _ => false,
            }
        })
        .and_then(Source::name)
}
