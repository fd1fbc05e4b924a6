//! Following the advice never leaves a flow worse off: the whole remediation (flat, and a
//! `Plan` on the agent and its roles) is applied to generated grants, as a support engineer
//! would follow it: changes are made, checks look at the real setting and, when it falls short,
//! do what the check says to do then. Afterwards every flow that ran still provably runs, and
//! every checked flow runs on what HaloPSA really holds.
//!
//! The world has two sides: the truth (what HaloPSA holds, generated) and what is known of it
//! (an observation of the truth, what the crate was given). A step changes both; a check
//! reveals the truth of what it looks at.

mod common;

use common::{near_grant, observation};
use halopsa_privileges::{
    required_for, AgentFlags, Area, Flows, Grant, GrantFile, LevelBounds, Plan, PlannedStep,
    Privileges, Record, Report, Scopes, Source, Step, DATAGATE_ROLE,
};
use proptest::prelude::*;

/// One side of the world for one place (the application, or the agent or one role): the
/// truth, and what is known of it.
#[derive(Debug, Clone)]
struct Place {
    truth: Privileges,
    known: Grant,
}

impl Place {
    fn scopes(&mut self, scopes: Scopes, on: bool) {
        self.truth = match on {
            true => self.truth.with_scopes(scopes),
            false => self.truth.without_scopes(scopes),
        };
        self.known = self.known.with_scopes(scopes, Some(on));
    }

    fn level(&mut self, area: Area, level: halopsa_privileges::AccessLevel) {
        self.truth = self.truth.with_level(area, level);
        self.known = self.known.with_level(area, LevelBounds::exact(level));
    }

    fn flag(&mut self, flag: AgentFlags, on: bool) {
        self.truth = match on {
            true => self.truth.with_flags(flag),
            false => self.truth.without_flags(flag),
        };
        self.known = self.known.with_flags(flag, Some(on));
    }

    /// Looking at the item a check names: its truth becomes known.
    fn reveal(&mut self, step: &Step) {
        match *step {
            Step::CheckScopes { scopes, .. } => {
                for scope in scopes.iter() {
                    let on = self.truth.scopes().contains(scope);
                    self.known = self.known.with_scopes(scope, Some(on));
                }
            }
            Step::CheckAccess { area, .. } => {
                let level = self.truth.level(area);
                self.known = self.known.with_level(area, LevelBounds::exact(level));
            }
            Step::CheckFlag { flag, .. } => {
                let on = self.truth.flags().contains(flag);
                self.known = self.known.with_flags(flag, Some(on));
            }
            _ => {}
        }
    }

    /// A change step done on this place.
    fn change(&mut self, step: &Step) {
        match *step {
            Step::GrantScopes { scopes, .. } => self.scopes(scopes, true),
            Step::RevokeScopes { scopes } => self.scopes(scopes, false),
            Step::RaiseAccess { area, to, .. } | Step::LowerAccess { area, to, .. } => {
                self.level(area, to)
            }
            Step::EnableFlag { flag, .. } => self.flag(flag, true),
            Step::DisableFlag { flag } => self.flag(flag, false),
            _ => {}
        }
    }

    /// What is known must hold the truth.
    fn assert_consistent(&self) {
        let (low, high) = (self.known.at_least(), self.known.at_most());
        assert!(
            *low <= self.truth && self.truth <= *high,
            "known {:?} does not hold the truth {:?}",
            self.known,
            self.truth
        );
    }
}

/// Whether the truth falls short of what a check asks.
fn falls_short(truth: &Privileges, step: &Step) -> bool {
    match *step {
        Step::CheckScopes { scopes, .. } => !truth.scopes().contains(scopes),
        Step::CheckAccess { area, at_least, .. } => truth.level(area) < at_least,
        Step::CheckFlag { flag, .. } => !truth.flags().contains(flag),
        _ => false,
    }
}

/// Follows a flat report's remediation on one place (the application and the agent as one).
fn follow_flat(mut place: Place, report: &Report) -> Place {
    for step in report.remediation() {
        match step.if_check_fails() {
            Some(fix) => {
                place.reveal(&step);
                if falls_short(&place.truth, &step) {
                    place.change(&fix);
                }
            }
            None => place.change(&step),
        }
        place.assert_consistent();
    }
    place
}

/// After following: every flow that ran still provably runs; every checked flow provably runs
/// (nothing needed is left unknown or short) and runs on the truth.
fn assert_no_worse(before: &Report, after_known: &Report, after_truth: &Report) {
    let flows = before.flows();
    assert!(
        after_known.runnable().contains(before.runnable()),
        "ran {}, provably runs after {}",
        before.runnable(),
        after_known.runnable()
    );
    assert_eq!(after_known.runnable(), flows, "not all proven after");
    assert_eq!(after_truth.runnable(), flows, "not all run on the truth");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    /// The flat remediation, on a grant known in part.
    #[test]
    fn following_the_flat_remediation_leaves_no_flow_worse(
        (truth, known) in near_grant().prop_flat_map(|truth| (Just(truth), observation(truth))),
        set in checked(),
    ) {
        let needed = required_for(set);
        let before = needed.evaluate_grant(&known);
        let place = Place { truth, known };
        place.assert_consistent();
        let after = follow_flat(place, &before);
        assert_no_worse(
            &before,
            &needed.evaluate_grant(&after.known),
            &needed.evaluate(&after.truth),
        );
    }
}

/// The "Allow use of all ..." settings, whose combination across roles HaloPSA does not
/// document.
const RESTRICTIONS: AgentFlags = AgentFlags::ALL_CLIENTS
    .union(AgentFlags::ALL_ASSET_TYPES)
    .union(AgentFlags::ALL_ASSET_FIELDS)
    .union(AgentFlags::ALL_TICKET_TYPES);

/// The agent and its roles, each a place, with the name a screen gives it.
#[derive(Debug, Clone)]
struct Src {
    name: Option<String>,
    agent: bool,
    marked: bool,
    place: Place,
}

const NAMES: [&str; 5] = [
    "Finance",
    "Service Desk",
    DATAGATE_ROLE,
    "Datagate Integration",
    "Sales",
];

/// The source a screen's record names.
fn source_of(sources: &[Src], record: Record<'_>) -> usize {
    sources
        .iter()
        .position(|s| match record {
            Record::Agent(_) => s.agent,
            Record::Role(role) => !s.agent && s.name.as_deref() == Some(role),
            _ => false,
        })
        .unwrap_or_else(|| panic!("no source for {record:?} in {sources:?}"))
}

/// The grant file of what is known of the sources.
fn file_of(app: &Place, sources: &[Src]) -> GrantFile {
    let sources = sources
        .iter()
        .map(|s| match (s.agent, &s.name) {
            (true, Some(name)) => Source::agent_grant(s.place.known).named(name.clone()),
            (true, None) => Source::agent_grant(s.place.known),
            (false, name) => Source::role_grant(name.clone().unwrap_or_default(), s.place.known)
                .dedicated(s.marked),
        })
        .collect();
    GrantFile::from_source_grants(app.known, sources)
}

/// What HaloPSA really applies: the application's scopes, the highest level of any source, and
/// a restriction setting Yes when every source says Yes (`all_agree`) or when any does: which
/// one HaloPSA does is not documented, so the plan must work under both.
fn effective_truth(app: &Place, sources: &[Src], all_agree: bool) -> Privileges {
    let mut truth = Privileges::none().with_scopes(app.truth.scopes());
    for area in Area::ALL {
        let level = sources
            .iter()
            .map(|s| s.place.truth.level(area))
            .max()
            .unwrap_or_default();
        truth = truth.with_level(area, level);
    }
    for flag in AgentFlags::all().iter() {
        let mut yes = sources.iter().map(|s| s.place.truth.flags().contains(flag));
        let on = match all_agree {
            true => !sources.is_empty() && yes.all(|y| y),
            false => yes.any(|y| y),
        };
        if on {
            truth = truth.with_flags(flag);
        }
    }
    truth
}

/// Follows a plan on the sources, screen by screen. A check looks at the sources it names;
/// when what HaloPSA applies falls short, its fix is done where the plan places it.
fn follow_plan(app: &mut Place, sources: &mut Vec<Src>, plan: &Plan<'_>, all_agree: bool) {
    let create = plan.role_to_create().unwrap_or(AgentFlags::empty());
    follow_steps(app, sources, plan.steps(), create, all_agree);
}

/// Follows `steps` (a plan's, or a dependence's optional ones); a check's fix on the role still
/// to create creates it with `create` at Yes.
fn follow_steps<'a>(
    app: &mut Place,
    sources: &mut Vec<Src>,
    steps: impl Iterator<Item = PlannedStep<'a>>,
    create_with: AgentFlags,
    all_agree: bool,
) {
    // A check's fix on the role still to create creates it first, with the settings the text
    // names; the plan's own "Create the role" step creates it with nothing (the plan's next
    // steps set what it needs).
    let create = |sources: &mut Vec<Src>, settings: AgentFlags| {
        if !sources
            .iter()
            .any(|s| !s.agent && s.name.as_deref() == Some(DATAGATE_ROLE))
        {
            let truth = Privileges::none().with_flags(settings);
            sources.push(Src {
                name: Some(DATAGATE_ROLE.into()),
                agent: false,
                marked: false,
                place: Place {
                    truth,
                    known: Grant::full(truth),
                },
            });
        }
    };
    let ensure = |sources: &mut Vec<Src>, record: Record<'_>| {
        if record == Record::Role(DATAGATE_ROLE) {
            create(sources, create_with);
        }
        source_of(sources, record)
    };
    for planned in steps {
        let step = *planned.step();
        if step.if_check_fails().is_some() {
            if step.layer() == halopsa_privileges::Layer::Application {
                app.reveal(&step);
                if falls_short(&app.truth, &step) {
                    app.change(&step.if_check_fails().unwrap());
                }
                continue;
            }
            for screen in planned.screens() {
                match screen.record() {
                    Record::AgentOrRole => sources.iter_mut().for_each(|s| s.place.reveal(&step)),
                    record => {
                        let i = source_of(sources, record);
                        sources[i].place.reveal(&step);
                    }
                }
            }
            // A restriction check on shared roles only reveals: its text says to enter what
            // they say and run the audit again.
            let on_roles = planned
                .screens()
                .iter()
                .all(|s| matches!(s.record(), Record::Role(_)));
            let reveal_only = matches!(step, Step::CheckFlag { flag, .. }
                if RESTRICTIONS.contains(flag))
                && on_roles;
            if !reveal_only && falls_short(&effective_truth(app, sources, all_agree), &step) {
                let fix = planned.fix().unwrap();
                for (screen, fix) in fix.screens().iter().zip(fix.on_screens()) {
                    let i = ensure(sources, screen.record());
                    sources[i].place.change(&fix);
                }
            }
            continue;
        }
        for (screen, on) in planned.screens().iter().zip(planned.on_screens()) {
            match on {
                Step::CreateRole => create(sources, AgentFlags::empty()),
                Step::RemoveRole => {
                    let i = source_of(sources, screen.record());
                    sources.remove(i);
                }
                Step::TestAccountAccess => {}
                _ if on.layer() == halopsa_privileges::Layer::Application => app.change(&on),
                _ => {
                    let i = ensure(sources, screen.record());
                    sources[i].place.change(&on);
                }
            }
        }
    }
}

/// A non-empty set of flows.
fn checked() -> impl Strategy<Value = Flows> {
    (1u8..32).prop_map(Flows::from_bits_truncate)
}

fn with_observation(
    truth: impl Strategy<Value = Privileges>,
) -> impl Strategy<Value = (Privileges, Grant)> {
    truth.prop_flat_map(|truth| (Just(truth), observation(truth)))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// A `Plan` on the agent and its roles (each known in part), under either reading of how
    /// HaloPSA combines restriction settings.
    #[test]
    fn following_the_plan_leaves_no_flow_worse(
        set in checked(),
        app in with_observation(near_grant()),
        agent in with_observation(near_grant()),
        agent_named in any::<bool>(),
        roles in proptest::collection::vec(
            (0..NAMES.len(), any::<bool>(), with_observation(near_grant())),
            0..3,
        ),
        all_agree in any::<bool>(),
    ) {
        // The application holds scopes only.
        let app_truth = Privileges::none().with_scopes(app.0.scopes());
        let mut known = Grant::unknown();
        for scope in Scopes::all().iter() {
            known = known.with_scopes(scope, app.1.has_scope(scope));
        }
        let mut app = Place { truth: app_truth, known };
        let mut sources = vec![Src {
            name: agent_named.then(|| "Datagate".to_string()),
            agent: true,
            marked: false,
            place: Place { truth: agent.0.without_scopes(Scopes::all()), known: agent.1 },
        }];
        for (n, marked, (truth, known)) in roles {
            if sources.iter().any(|s| s.name.as_deref() == Some(NAMES[n])) {
                continue;
            }
            sources.push(Src {
                name: Some(NAMES[n].into()),
                agent: false,
                marked,
                place: Place { truth: truth.without_scopes(Scopes::all()), known },
            });
        }
        let needed = required_for(set);
        let file = file_of(&app, &sources);
        let before = needed.evaluate_grant(&file.grant());
        let plan = Plan::new(before, Some(&file));
        let mut text = plan.to_string();
        follow_plan(&mut app, &mut sources, &plan, all_agree);
        let mut after_known = needed.evaluate_grant(&file_of(&app, &sources).grant());
        prop_assert!(
            after_known.runnable().contains(before.runnable()),
            "ran {}, provably runs after {}\n{text}",
            before.runnable(),
            after_known.runnable()
        );
        // A check on a shared role's restriction setting says to enter what it says and run
        // the audit again: a second round (and a third, should one be left) follows the new
        // advice. No round loses a flow; at the end everything is proven and runs on the truth.
        for _ in 0..2 {
            let file = file_of(&app, &sources);
            let plan = Plan::new(after_known, Some(&file));
            if plan.steps().next().is_none() {
                break;
            }
            text = plan.to_string();
            follow_plan(&mut app, &mut sources, &plan, all_agree);
            let again = needed.evaluate_grant(&file_of(&app, &sources).grant());
            prop_assert!(
                again.runnable().contains(after_known.runnable()),
                "ran {}, provably runs after another round {}\n{text}",
                after_known.runnable(),
                again.runnable()
            );
            after_known = again;
        }
        let after_truth = needed.evaluate(&effective_truth(&app, &sources, all_agree));
        prop_assert_eq!(after_known.runnable(), set, "not all proven after\n{}", text);
        prop_assert_eq!(after_truth.runnable(), set, "not all run on the truth\n{}", text);
        // Then the optional steps of each dependence on a shared role: the flows still
        // provably run, and nothing depends on that role any more (the agent is off it).
        let file = file_of(&app, &sources);
        let plan = Plan::new(after_known, Some(&file));
        for dependence in plan.dependences() {
            prop_assert!(after_known.runnable().contains(dependence.flows()), "{}", dependence);
            let (mut app2, mut sources2) = (app.clone(), sources.clone());
            let create = plan.role_to_create().unwrap_or(AgentFlags::empty());
            follow_steps(&mut app2, &mut sources2, dependence.steps().iter().cloned(), create, all_agree);
            let file2 = file_of(&app2, &sources2);
            let again = needed.evaluate_grant(&file2.grant());
            prop_assert!(
                again.runnable().contains(after_known.runnable()),
                "{dependence}: ran {}, after the optional steps {}",
                after_known.runnable(),
                again.runnable()
            );
            let role = dependence.role();
            prop_assert!(!sources2.iter().any(|s| !s.agent && s.name.as_deref() == Some(role)));
            prop_assert!(
                !Plan::new(again, Some(&file2)).dependences().iter().any(|d| d.role() == role)
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Layouts made to depend on a shared role: the agent lacks some needed levels, which only
    /// the shared role "Finance" gives (the agent's named for Datagate or not, with or without
    /// a Datagate role). The flows run, the answer names the dependence, and its optional steps
    /// keep them running without the role.
    #[test]
    fn the_optional_steps_end_a_dependence_and_keep_the_flows(
        set in checked(),
        dropped in any::<u32>(),
        agent_named in any::<bool>(),
        datagate_role in any::<bool>(),
        all_agree in any::<bool>(),
    ) {
        let needed = required_for(set);
        let need = *needed.privileges();
        let scopes = Privileges::none().with_scopes(need.scopes());
        let mut agent = need.without_scopes(Scopes::all());
        let mut finance = Privileges::none().with_flags(need.flags());
        for (i, area) in Area::ALL.into_iter().enumerate() {
            if dropped & (1 << i) != 0 && need.level(area) != halopsa_privileges::AccessLevel::NoAccess {
                agent = agent.with_level(area, halopsa_privileges::AccessLevel::NoAccess);
                finance = finance.with_level(area, need.level(area));
            }
        }
        let known = |p: Privileges| Place { truth: p, known: Grant::full(p) };
        let mut app = known(scopes);
        let mut sources = vec![Src {
            name: agent_named.then(|| "Datagate API".to_string()),
            agent: true,
            marked: false,
            place: known(agent),
        }];
        if datagate_role {
            sources.push(Src {
                name: Some(DATAGATE_ROLE.into()),
                agent: false,
                marked: false,
                place: known(Privileges::none().with_flags(need.flags())),
            });
        }
        sources.push(Src { name: Some("Finance".into()), agent: false, marked: false, place: known(finance) });
        let file = file_of(&app, &sources);
        let report = needed.evaluate_grant(&file.grant());
        prop_assert_eq!(report.runnable(), set);
        let plan = Plan::new(report, Some(&file));
        let depends = plan.dependences();
        let gives = finance.levels().any(|(_, l)| l != halopsa_privileges::AccessLevel::NoAccess);
        prop_assert_eq!(depends.len(), usize::from(gives), "{}", plan);
        let text = plan.to_string();
        for dependence in &depends {
            prop_assert_eq!(dependence.role(), "Finance");
            prop_assert!(text.contains(&dependence.to_string()), "{}", text);
            let create = plan.role_to_create().unwrap_or(AgentFlags::empty());
            follow_steps(&mut app, &mut sources, dependence.steps().iter().cloned(), create, all_agree);
            let after = needed.evaluate_grant(&file_of(&app, &sources).grant());
            prop_assert_eq!(after.runnable(), set, "{}", text);
            prop_assert!(!sources.iter().any(|s| s.name.as_deref() == Some("Finance")));
            let truth = needed.evaluate(&effective_truth(&app, &sources, all_agree));
            prop_assert_eq!(truth.runnable(), set, "{}", text);
        }
    }
}

/// The issue's case, pinned: `all` proven, `read:customers` of unknown state, Customers sync.
#[test]
fn the_issues_case_is_followed_without_breaking_customers_sync() {
    let truth = Privileges::none()
        .with_scopes(Scopes::ALL)
        .with_level(Area::Clients, halopsa_privileges::AccessLevel::Read);
    let known = Grant::full(truth).with_scopes(Scopes::READ_CUSTOMERS, None);
    let needed = required_for(Flows::CUSTOMERS_SYNC);
    let before = needed.evaluate_grant(&known);
    assert_eq!(before.runnable(), Flows::CUSTOMERS_SYNC);
    let after = follow_flat(Place { truth, known }, &before);
    assert_no_worse(
        &before,
        &needed.evaluate_grant(&after.known),
        &needed.evaluate(&after.truth),
    );
}
