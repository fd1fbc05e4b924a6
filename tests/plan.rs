//! Where steps are done: every step's screen and control, the sources named for several role
//! layouts, and the grouped text report losing no step.

mod common;

use common::{every_nonempty_flow_set, near_grant};
use halopsa_privileges::{
    required_for, AccessLevel, Action, AgentFlags, Area, ControlKind, Flows, GrantFile, Known,
    Label, Plan, Privileges, Product, Record, Scopes, Screen, Source, Step, Value,
};
use proptest::prelude::*;

/// One step of every action for every item it can name.
fn every_step() -> Vec<Step> {
    let mut steps = Vec::new();
    for (scope, _) in Scopes::all().scopes() {
        steps.push(Step::GrantScopes {
            scopes: scope,
            unblocks: Flows::empty(),
        });
        steps.push(Step::RevokeScopes { scopes: scope });
        steps.push(Step::CheckScopes {
            scopes: scope,
            needed_by: Flows::all(),
        });
    }
    for area in Area::ALL {
        for level in AccessLevel::ALL {
            steps.push(Step::RaiseAccess {
                area,
                from: AccessLevel::NoAccess.into(),
                to: level,
                unblocks: Flows::all(),
            });
            steps.push(Step::LowerAccess {
                area,
                from: AccessLevel::TOP.into(),
                to: level,
            });
            steps.push(Step::CheckAccess {
                area,
                at_least: level,
                needed_by: Flows::all(),
            });
        }
    }
    for flag in AgentFlags::all().flags() {
        steps.push(Step::EnableFlag {
            flag,
            unblocks: Flows::all(),
        });
        steps.push(Step::DisableFlag { flag });
        steps.push(Step::CheckFlag {
            flag,
            needed_by: Flows::all(),
        });
    }
    steps.push(Step::TestAccountAccess);
    steps
}

#[test]
fn every_step_has_a_screen_and_a_control_with_halopsa_labels() {
    for step in every_step() {
        let screen = step.screen();
        let control = step.control();
        assert!(!screen.path().is_empty(), "{step:?}");
        let (product, kind) = match step.action() {
            Action::Grant | Action::Revoke => (Product::HaloPsa, ControlKind::Checkbox),
            Action::Raise | Action::Lower => (Product::HaloPsa, ControlKind::Dropdown),
            Action::Enable | Action::Disable => (Product::HaloPsa, ControlKind::YesNo),
            Action::TestAccountAccess => (Product::Datagate, ControlKind::Button),
            _ => match step {
                Step::CheckScopes { .. } => (Product::HaloPsa, ControlKind::Checkbox),
                Step::CheckAccess { .. } => (Product::HaloPsa, ControlKind::Dropdown),
                _ => (Product::HaloPsa, ControlKind::YesNo),
            },
        };
        assert_eq!(screen.product(), product, "{step:?}");
        assert_eq!(control.kind(), kind, "{step:?}");
        // The label is exactly HaloPSA's.
        let label = control.label().to_string();
        match step {
            Step::GrantScopes { scopes, .. }
            | Step::RevokeScopes { scopes }
            | Step::CheckScopes { scopes, .. } => {
                assert_eq!(label, scopes.name().unwrap());
                assert_eq!(screen.record(), Record::Application);
                assert_eq!(screen.tab(), Some("Permissions"));
            }
            Step::RaiseAccess { area, to, .. } | Step::LowerAccess { area, to, .. } => {
                assert_eq!(label, format!("{} Access Level", area.name()));
                assert_eq!(control.value(), Value::Level(to));
                assert_eq!(screen.record(), Record::AgentOrRole);
            }
            Step::CheckAccess { area, at_least, .. } => {
                assert_eq!(label, format!("{} Access Level", area.name()));
                assert_eq!(control.value(), Value::AtLeast(at_least));
            }
            Step::EnableFlag { flag, .. }
            | Step::DisableFlag { flag }
            | Step::CheckFlag { flag, .. } => {
                assert_eq!(label, flag.label().unwrap());
                assert_eq!(control.label(), Label::Flag(flag));
            }
            Step::TestAccountAccess => {
                assert_eq!(label, "Test Account Access");
                assert_eq!(screen.path(), ["Settings", "Integrations", "HaloPSA"]);
            }
            _ => unreachable!(),
        }
        // The step's text names the screen it gives as data.
        assert!(step.to_string().contains(&screen.to_string()), "{step}");
    }
}

fn role(name: &str, privileges: Privileges) -> Source {
    Source::role(name, privileges, Known::AGENT)
}

fn agent(privileges: Privileges) -> Source {
    Source::agent(privileges, Known::AGENT)
}

/// The plan's steps for `flows` on the grant of `sources`, as (step, source names).
fn placed(flows: Flows, sources: Vec<Source>) -> Vec<(Step, Vec<String>)> {
    let scopes = required_for(flows).privileges().scopes();
    let file = GrantFile::from_sources(Some(scopes), sources);
    let report = required_for(flows).evaluate(file.grant().privileges());
    Plan::new(report, Some(&file))
        .steps()
        .map(|planned| {
            let names = planned.sources().into_iter().map(String::from).collect();
            (*planned.step(), names)
        })
        .collect()
}

#[test]
fn excess_is_lowered_on_every_source_that_holds_it() {
    let clients = |level| Privileges::none().with_level(Area::Clients, level);
    let read = clients(AccessLevel::Read);
    let quotes = Privileges::none().with_level(Area::Quotations, AccessLevel::Read);
    // On one role only.
    let steps = placed(
        Flows::CUSTOMERS_SYNC,
        vec![
            agent(read),
            role("Finance", quotes),
            role("Support", Privileges::none()),
        ],
    );
    assert_eq!(steps[0].1, ["Finance"]);
    // On two roles: both must change, or HaloPSA keeps the higher.
    let steps = placed(
        Flows::CUSTOMERS_SYNC,
        vec![agent(read), role("Finance", quotes), role("Sales", quotes)],
    );
    assert_eq!(steps[0].1, ["Finance", "Sales"]);
    // On the agent and a role.
    let steps = placed(
        Flows::CUSTOMERS_SYNC,
        vec![agent(read.join(&quotes)), role("Finance", quotes)],
    );
    assert_eq!(steps[0].1, ["agent", "Finance"]);
    // On the agent only.
    let steps = placed(
        Flows::CUSTOMERS_SYNC,
        vec![agent(clients(AccessLevel::ReadModify))],
    );
    assert_eq!(steps[0].0.action(), Action::Lower);
    assert_eq!(steps[0].1, ["agent"]);
    // A flag on two sources.
    let admin = Privileges::none().with_flags(AgentFlags::ADMINISTRATOR);
    let steps = placed(
        Flows::CUSTOMERS_SYNC,
        vec![agent(read.join(&admin)), role("IT", admin)],
    );
    assert_eq!(
        steps[0],
        (
            Step::DisableFlag {
                flag: AgentFlags::ADMINISTRATOR
            },
            vec!["agent".into(), "IT".into()]
        )
    );
    // The text names them.
    let file = GrantFile::from_sources(
        Some(Scopes::READ_CUSTOMERS),
        vec![agent(read.join(&admin)), role("IT", admin)],
    );
    let report = required_for(Flows::CUSTOMERS_SYNC).evaluate(file.grant().privileges());
    let text = Plan::new(report, Some(&file)).to_string();
    assert!(text.contains("In HaloPSA: Configuration > Teams and Agents > Agents > the Datagate agent > Permissions"), "{text}");
    assert!(text.contains("Roles > role \"IT\" > Permissions"), "{text}");
}

#[test]
fn missing_items_are_raised_on_the_datagate_role_or_else_the_agent() {
    let nothing = Privileges::none();
    // With roles: the one named like the article's "Datagate API Role", else the first.
    let steps = placed(
        Flows::CUSTOMERS_SYNC,
        vec![
            agent(nothing),
            role("Finance", nothing),
            role("Datagate API Role", nothing),
        ],
    );
    assert_eq!(steps[0].0.action(), Action::Raise);
    assert_eq!(steps[0].1, ["Datagate API Role"]);
    let steps = placed(
        Flows::CUSTOMERS_SYNC,
        vec![agent(nothing), role("Finance", nothing)],
    );
    assert_eq!(steps[0].1, ["Finance"]);
    // Without roles: the agent.
    let steps = placed(Flows::SERVICE_ITEMS_SYNC, vec![agent(nothing)]);
    assert!(steps
        .iter()
        .filter(|(s, _)| matches!(s.action(), Action::Raise | Action::Enable))
        .all(|(_, names)| names == &["agent"]));
    // Flat grants: "on the agent or the role that grants it".
    let report = required_for(Flows::CUSTOMERS_SYNC)
        .evaluate(&Privileges::none().with_scopes(Scopes::READ_CUSTOMERS));
    let text = report.to_string();
    assert!(
        text.contains("on the agent or on the role that grants it"),
        "{text}"
    );
    let planned: Vec<_> = Plan::new(report, None).steps().collect();
    assert_eq!(planned[0].screens(), [Screen::agent_or_role()]);
    assert!(planned[0].sources().is_empty());
}

/// Every numbered line of the grouped text, without its number.
fn numbered_lines(text: &str) -> Vec<String> {
    let steps = text
        .split("To fix (each screen once, steps numbered):")
        .nth(1)
        .unwrap_or("");
    steps
        .lines()
        .map(str::trim)
        .filter_map(|line| {
            let (number, rest) = line.split_once(". ")?;
            number.parse::<usize>().ok().map(|_| rest.to_string())
        })
        .collect()
}

fn check_grouping(report: halopsa_privileges::Report, file: Option<&GrantFile>) {
    let plan = Plan::new(report, file);
    let text = plan.to_string();
    let lines = numbered_lines(&text);
    let placed: usize = plan.steps().map(|s| s.screens().len()).sum();
    assert_eq!(lines.len(), placed, "{text}");
    // Numbers run 1..=n, each screen is a heading once, and Test Account Access is last.
    for (i, line) in text
        .lines()
        .filter(|l| l.trim().starts_with(|c: char| c.is_ascii_digit()))
        .enumerate()
    {
        assert!(line.trim().starts_with(&format!("{}. ", i + 1)), "{text}");
    }
    let headings: Vec<&str> = text.lines().filter(|l| l.starts_with("  In ")).collect();
    let mut unique = headings.clone();
    unique.dedup();
    assert_eq!(headings.len(), unique.len(), "{text}");
    if let Some(last) = lines.last() {
        assert!(last.starts_with("Press \"Test Account Access\""), "{text}");
    }
    // Every step is there, under each of its screens.
    for planned in plan.steps() {
        for screen in planned.screens() {
            let heading = format!("  In {screen}:");
            assert!(text.contains(&heading), "{heading}\n{text}");
        }
    }
}

#[test]
fn grouping_loses_no_step_on_the_samples_and_everything() {
    for set in every_nonempty_flow_set() {
        let needed = required_for(set);
        for granted in [
            Privileges::none(),
            Privileges::everything(),
            *needed.privileges(),
        ] {
            check_grouping(needed.evaluate(&granted), None);
        }
    }
    // Privileges::everything(): scopes summarised, since that is shorter and exact.
    let report = required_for(Flows::all()).evaluate(&Privileges::everything());
    let text = report.to_string();
    assert!(text.contains("Untick every scope except read:customers, read:items, read:invoices, edit:invoices and read:assets"), "{text}");
    // No step is a wall of text.
    assert!(
        numbered_lines(&text).iter().all(|l| l.len() < 300),
        "{text}"
    );
}

proptest! {
    #[test]
    fn grouping_loses_no_step(set in common::flows(), granted in near_grant(), split in any::<u32>()) {
        // The grant split across the agent and two roles in an arbitrary way.
        let pick = |n: u32| Area::ALL.iter().enumerate().fold(Privileges::none(), |acc, (i, area)| {
            if (split >> (i % 16)) % 3 == n { acc.with_level(*area, granted.level(*area)) } else { acc }
        });
        let sources = vec![agent(pick(0).with_flags(granted.flags())), role("Datagate API Role", pick(1)), role("Finance", pick(2))];
        let file = GrantFile::from_sources(Some(granted.scopes()), sources);
        prop_assert_eq!(*file.grant().privileges(), granted);
        let report = required_for(set).evaluate(file.grant().privileges());
        check_grouping(report, Some(&file));
        check_grouping(report, None);
    }
}
