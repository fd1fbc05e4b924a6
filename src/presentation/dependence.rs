//! [`Dependence`]: flows that run only because a role shared with people gives a needed item.
//!
//! Nothing is wrong today, so nothing changes the verdict or the exit code; but the day someone
//! lowers the item on that role, or takes the agent off it, the flows stop. The answer says so,
//! with the optional steps that make Datagate independent of the role: give the items on
//! Datagate's own role, then take the agent off the shared one.

use alloc::vec::Vec;
use core::fmt;

use crate::input::grant_file::{join_sources, RESTRICTIONS};
use crate::input::{GrantFile, Source};
use crate::model::requirements::{flags_needed_by, needs_above};
use crate::model::{AccessLevel, Area, Flows, Item, Report, Requirements, Step, DATAGATE_ROLE};
use crate::presentation::placement::{self, may_change, removed, screen_of};
use crate::presentation::plan::placed;
use crate::presentation::{PlannedStep, Screen};

/// Needed items that only one role shared with people gives (see [`Plan::dependences`](
/// crate::Plan::dependences)): the flows run now, and stop if that role changes.
///
/// ```
/// use halopsa_privileges::{required_for, AccessLevel, Area, Flows, GrantFile, Item, Known, Plan, Privileges, Scopes, Source};
///
/// let needed = required_for(Flows::INVOICE_EXPORT_CHARGES);
/// let agent = needed.privileges().with_level(Area::Invoices, AccessLevel::Read);
/// let finance = Privileges::none().with_level(Area::Invoices, AccessLevel::ReadCreateModifyDelete);
/// let file = GrantFile::from_sources(
///     Some(needed.privileges().scopes()),
///     vec![
///         Source::agent(agent, Known::AGENT).named("Datagate API"),
///         Source::role("Finance", finance, Known::AGENT),
///     ],
/// );
/// let report = needed.evaluate_grant(&file.grant());
/// assert!(report.is_satisfied());
/// let plan = Plan::new(report, Some(&file));
/// let dependence = &plan.dependences()[0];
/// assert_eq!(dependence.role(), "Finance");
/// assert_eq!(dependence.items(), [Item::Access(Area::Invoices, AccessLevel::ReadCreateModifyDelete)]);
/// assert_eq!(dependence.flows(), Flows::INVOICE_EXPORT_CHARGES);
/// assert!(dependence.to_string().starts_with(
///     "Invoice Export - Charges gets Invoices Access Level: Read, Create, Modify and Delete \
///      only from the shared role \"Finance\": if someone lowers it there"
/// ));
/// // Optional: raise on the agent made for Datagate, then take it off Finance.
/// assert_eq!(dependence.steps().len(), 2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dependence<'a> {
    role: &'a str,
    items: Vec<Item>,
    flows: Flows,
    steps: Vec<PlannedStep<'a>>,
}

impl<'a> Dependence<'a> {
    /// The shared role, by name.
    pub fn role(&self) -> &'a str {
        self.role
    }

    /// What the flows need that only this role gives: access levels at the level needed.
    pub fn items(&self) -> &[Item] {
        &self.items
    }

    /// The checked flows that stop if the role changes.
    pub fn flows(&self) -> Flows {
        self.flows
    }

    /// The optional steps that make Datagate independent of the role: each item given on
    /// Datagate's own role (created first when there is none, with the restriction settings the
    /// flows need), then the agent taken off the shared role. None of them is needed today.
    pub fn steps(&self) -> &[PlannedStep<'a>] {
        &self.steps
    }
}

impl fmt::Display for Dependence<'_> {
    /// `Invoice Export - Charges gets Invoices Access Level: ... only from the shared role
    /// "Finance": if someone lowers it there, or takes the agent off "Finance", it stops.`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let role = crate::common::text::Shown(self.role);
        let one = self.flows.iter().count() == 1;
        let (get, they) = if one { ("gets", "it") } else { ("get", "they") };
        write!(f, "{} {get} ", self.flows.titles())?;
        for (i, item) in self.items.iter().enumerate() {
            let sep = match i {
                0 => "",
                i if i + 1 == self.items.len() => " and ",
                _ => ", ",
            };
            write!(f, "{sep}{item}")?;
        }
        let it = if self.items.len() == 1 { "it" } else { "one" };
        write!(
            f,
            " only from the shared role \"{role}\": if someone lowers {it} there, or takes the \
             agent off \"{role}\", {they} stop"
        )
    }
}

/// The dependences of `report`'s flows on shared roles in `file`: for each role the plan keeps
/// and never edits, the needed items the agent's other sources do not prove without it.
pub(crate) fn dependences<'a>(report: &Report, file: &'a GrantFile) -> Vec<Dependence<'a>> {
    let sources = file.sources();
    let flows = report.flows();
    if flows.is_empty() || sources.len() < 2 {
        return Vec::new();
    }
    let need = Requirements::of(flows).privileges();
    let all = join_sources(sources, file.roles_known());
    let mut found = Vec::new();
    for (i, role) in sources.iter().enumerate() {
        if may_change(role) || removed(report, role) {
            continue;
        }
        let others = sources
            .iter()
            .enumerate()
            .filter(move |(j, _)| *j != i)
            .map(|(_, s)| s);
        let without = join_sources(others, file.roles_known());
        let mut items = Vec::new();
        let mut depends = Flows::empty();
        for area in Area::ALL {
            let level = need.level(area);
            if level != AccessLevel::NoAccess
                && all.level(area).proves(level)
                && !without.level(area).proves(level)
            {
                items.push(Item::Access(area, level));
                depends |= needs_above(area, without.level(area).at_least()) & flows;
            }
        }
        for flag in need.flags().flags() {
            if all.has_flag(flag) == Some(true) && without.has_flag(flag) != Some(true) {
                items.push(Item::Flag(flag, true));
                depends |= flags_needed_by(flag) & flows;
            }
        }
        if !items.is_empty() {
            let steps = independence(file, role, &items, flows);
            found.push(Dependence {
                role: role.name().unwrap_or_default(),
                items,
                flows: depends,
                steps,
            });
        }
    }
    found
}

/// The optional steps: the items on Datagate's role (created first when there is none), then
/// the agent off `role`.
fn independence<'a>(
    file: &'a GrantFile,
    role: &'a Source,
    items: &[Item],
    flows: Flows,
) -> Vec<PlannedStep<'a>> {
    let sources = file.sources();
    let target = placement::target(sources).map(|i| &sources[i]);
    let (screen, own) = match target {
        Some(source) => (screen_of(source), source.grant()),
        None => (
            Screen::role(DATAGATE_ROLE),
            crate::model::Grant::full(crate::model::Privileges::none()),
        ),
    };
    let mut steps = Vec::new();
    if target.is_none() {
        steps.push(placed(
            Step::CreateRole,
            alloc::vec![Screen::roles()],
            Vec::new(),
        ));
        // What a new role's restriction settings start at is not documented (HaloPSA's guide
        // "Agent Permission Settings": "if none are selected then all are accessible"), so the
        // crate does not take them as Yes: the steps set those the flows need.
        let settings = Requirements::of(flows).privileges().flags() & RESTRICTIONS;
        for flag in settings.flags() {
            let step = Step::EnableFlag {
                flag,
                unblocks: Flows::empty(),
            };
            steps.push(placed(step, alloc::vec![screen], alloc::vec![own]));
        }
    }
    for item in items {
        let step = match *item {
            Item::Access(area, to) => Step::RaiseAccess {
                area,
                from: own.level(area),
                to,
                unblocks: Flows::empty(),
            },
            Item::Flag(flag, _) if target.is_none() && RESTRICTIONS.contains(flag) => continue,
            Item::Flag(flag, _) => Step::EnableFlag {
                flag,
                unblocks: Flows::empty(),
            },
            Item::Scope(_) => continue,
        };
        steps.push(placed(step, alloc::vec![screen], alloc::vec![own]));
    }
    let name = role.name().unwrap_or_default();
    steps.push(placed(
        Step::RemoveRole,
        alloc::vec![Screen::role_details(name)],
        alloc::vec![role.grant()],
    ));
    steps
}

/// The text report's section on the shared roles the flows depend on (after the steps).
pub(crate) fn write_text(
    f: &mut fmt::Formatter<'_>,
    plan: &crate::presentation::Plan<'_>,
) -> fmt::Result {
    let found = plan.dependences();
    if found.is_empty() {
        return Ok(());
    }
    f.write_str(
        "\nDepends on roles shared with people (works now, nothing to fix; the optional steps \
         make Datagate independent of them):\n",
    )?;
    for dependence in found.iter().take(crate::common::MAX_LINES) {
        writeln!(f, "  - {dependence}.")?;
        f.write_str("    Optional:\n")?;
        for (i, step) in dependence.steps().iter().enumerate() {
            match u8::try_from(i).ok().filter(|i| *i < 26) {
                Some(i) => writeln!(f, "      {}. {step}", char::from(b'a' + i))?,
                None => writeln!(f, "      - {step}")?,
            }
        }
    }
    let more = found.len().saturating_sub(crate::common::MAX_LINES);
    if more > 0 {
        writeln!(f, "  ({more} more shared roles like these)")?;
    }
    Ok(())
}
