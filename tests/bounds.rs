//! Knowledge as bounds: what is known of each item is a range, unconfirmed HaloPSA behaviour
//! makes an item unknown (never missing), and the verdicts agree with an item-by-item oracle,
//! exhaustively over the items they depend on. Issue 15's examples are pinned here.

mod common;

use common::{
    bounded_grant, bounds_oracle, check_report, every_flow_set, every_level_bounds, flows,
    privileges, STATES,
};
use halopsa_privileges::{
    required_for, AccessLevel, AgentFlags, Area, Finding, Flow, Flows, Grant, LevelBounds,
    Privileges, Scopes, Step, Verdict,
};
use proptest::prelude::*;

/// Checks every flow's verdict against the oracle, and the report's invariants.
fn agrees(set: Flows, grant: &Grant) {
    let report = required_for(set).evaluate_grant(grant);
    for flow in Flow::ALL {
        assert_eq!(
            report.verdict(flow),
            bounds_oracle(flow, grant),
            "{flow} in {set}: {grant:?}"
        );
    }
    check_report(&report);
}

/// The items any verdict can depend on: the scopes, areas and flags the flows need, and the
/// scopes and setting an unconfirmed assumption hangs on.
fn items() -> (Scopes, Vec<Area>, AgentFlags) {
    let all = *required_for(Flows::all()).privileges();
    let scopes = all.scopes() | Scopes::ALL | Scopes::ALL_STANDARD | Scopes::ADMIN;
    let areas = Area::ALL
        .into_iter()
        .filter(|area| all.level(*area) > AccessLevel::NoAccess)
        .collect();
    (scopes, areas, all.flags() | AgentFlags::ADMINISTRATOR)
}

#[test]
fn each_item_in_every_state_on_every_background_agrees_with_the_oracle() {
    let needed = *required_for(Flows::all()).privileges();
    // Every need proven; nothing at all; nothing known.
    let backgrounds = [
        Grant::full(needed),
        Grant::full(Privileges::none()),
        Grant::unknown(),
    ];
    let (scopes, areas, flags) = items();
    let mut reports = 0;
    for set in every_flow_set() {
        for background in backgrounds {
            for (scope, _) in scopes.scopes() {
                for state in STATES {
                    agrees(set, &background.with_scopes(scope, state));
                    reports += 1;
                }
            }
            for area in &areas {
                for bounds in every_level_bounds() {
                    agrees(set, &background.with_level(*area, bounds));
                    reports += 1;
                }
            }
            for flag in flags.flags() {
                for state in STATES {
                    agrees(set, &background.with_flags(flag, state));
                    reports += 1;
                }
            }
        }
    }
    assert_eq!(reports, 32 * 3 * (8 * 3 + 4 * 21 + 3 * 3));
}

#[test]
fn the_needed_scopes_the_administrator_and_the_invoices_level_together_agree_with_the_oracle() {
    // Every state of the five needed scopes, of edit-covers-read's trigger (edit:invoices is
    // one of them), of the Administrator setting, and every bound of Invoices, the area needed
    // at two levels; every other need proven.
    let needed = *required_for(Flows::all()).privileges();
    let base = Grant::full(needed);
    let scopes: Vec<Scopes> = needed.scopes().iter().collect();
    assert_eq!(scopes.len(), 5);
    let mut reports = 0;
    for combo in 0..3usize.pow(5) {
        let mut grant = base;
        let mut rest = combo;
        for scope in &scopes {
            grant = grant.with_scopes(*scope, STATES[rest % 3]);
            rest /= 3;
        }
        for admin in STATES {
            for bounds in every_level_bounds() {
                let grant = grant
                    .with_flags(AgentFlags::ADMINISTRATOR, admin)
                    .with_level(Area::Invoices, bounds);
                for set in every_flow_set() {
                    let report = required_for(set).evaluate_grant(&grant);
                    for flow in set.flows() {
                        assert_eq!(report.verdict(flow), bounds_oracle(flow, &grant));
                    }
                    reports += 1;
                }
            }
        }
    }
    assert_eq!(reports, 243 * 3 * 21 * 32);
}

#[test]
fn bounds_read_and_print_back() {
    for bounds in every_level_bounds() {
        let text = bounds.to_string();
        assert_eq!(text.parse::<LevelBounds>().unwrap(), bounds, "{text}");
        assert_eq!(
            bounds.id().to_string().parse::<LevelBounds>().unwrap(),
            bounds
        );
    }
    assert_eq!(
        "At least read only".parse::<LevelBounds>().unwrap(),
        LevelBounds::from_at_least(AccessLevel::Read)
    );
    assert_eq!(
        "at least Read and at most Read, Create and Modify"
            .parse::<LevelBounds>()
            .unwrap(),
        LevelBounds::between(AccessLevel::Read, AccessLevel::ReadCreateModify)
    );
    let err = "at least Read and Modify, at most Read"
        .parse::<LevelBounds>()
        .unwrap_err()
        .to_string();
    assert!(err.contains("lower bound above its upper bound"), "{err}");
    let err = "at least Reed"
        .parse::<LevelBounds>()
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("`Reed`") && err.contains("did you mean `Read`"),
        "{err}"
    );
}

proptest! {
    #[test]
    fn any_bounded_grant_agrees_with_the_oracle(set in flows(), grant in bounded_grant()) {
        let report = required_for(set).evaluate_grant(&grant);
        for flow in Flow::ALL {
            prop_assert_eq!(report.verdict(flow), bounds_oracle(flow, &grant));
        }
        check_report(&report);
    }

    #[test]
    fn narrowing_a_bound_only_settles_an_unverified_flow(
        set in flows(),
        grant in bounded_grant(),
        x in privileges(),
        y in privileges(),
    ) {
        let (lo, hi) = (*grant.at_least(), *grant.at_most());
        let lo2 = lo.join(&x.meet(&hi));
        let hi2 = hi.meet(&y.join(&lo2));
        let narrow = Grant::between(lo2, hi2);
        prop_assert_eq!(*narrow.at_most(), hi2);
        let (before, after) = (
            required_for(set).evaluate_grant(&grant),
            required_for(set).evaluate_grant(&narrow),
        );
        for flow in Flow::ALL {
            let (b, a) = (before.verdict(flow), after.verdict(flow));
            prop_assert!(b == a || b == Verdict::Unverified, "{}: {:?} became {:?}", flow, b, a);
        }
    }

    #[test]
    fn a_wider_grant_never_worsens_a_verdict(
        set in flows(),
        grant in bounded_grant(),
        a in privileges(),
        b in privileges(),
    ) {
        let wider = Grant::between(
            grant.at_least().join(&a),
            grant.at_most().join(&a).join(&b),
        );
        let rank = |v: Verdict| match v {
            Verdict::Blocked => 0,
            Verdict::Unverified => 1,
            _ => 2,
        };
        let (before, after) = (
            required_for(set).evaluate_grant(&grant),
            required_for(set).evaluate_grant(&wider),
        );
        for flow in Flow::ALL {
            prop_assert!(rank(after.verdict(flow)) >= rank(before.verdict(flow)), "{}", flow);
        }
    }

    #[test]
    fn provable_excess_never_holds_a_needed_item(set in flows(), grant in bounded_grant()) {
        let report = required_for(set).evaluate_grant(&grant);
        let needed = report.required();
        for finding in report.excess() {
            match finding {
                Finding::Scope { scope, .. } => prop_assert!(!needed.scopes().contains(scope)),
                Finding::Access { area, granted, .. } => {
                    prop_assert!(granted.at_least() > needed.level(area));
                }
                Finding::Flag { flag, .. } => prop_assert!(!needed.flags().contains(flag)),
                _ => unreachable!(),
            }
        }
        // What may exceed is never proven to.
        for finding in report.may_exceed() {
            prop_assert!(!report.excess().any(|excess| excess == finding));
        }
    }

    #[test]
    fn joining_sources_joins_their_bounds(a in bounded_grant(), b in bounded_grant(), area in 0..17usize) {
        let area = Area::ALL[area];
        let joined = a.join(&b).level(area);
        let (x, y) = (a.level(area), b.level(area));
        prop_assert_eq!(joined.at_least(), x.at_least().max(y.at_least()));
        prop_assert_eq!(joined.at_most(), x.at_most().max(y.at_most()));
    }
}

// Issue 15's examples, pinned.

#[cfg(feature = "serde")]
fn read(json: serde_json::Value) -> halopsa_privileges::GrantFile {
    serde_json::from_value(json).unwrap()
}

/// An agent at Read and a role whose level is not known: at least Read, so the flow runs.
#[cfg(feature = "serde")]
#[test]
fn a_known_agent_level_is_kept_when_a_role_is_unknown() {
    let file = read(serde_json::json!({
        "scopes": "read:customers",
        "agent": { "access": { "Clients": "Read" } },
        "roles": [{ "name": "Finance", "access": { "Clients": "unknown" } }]
    }));
    let grant = file.grant();
    assert_eq!(grant.level(Area::Clients).to_string(), "at least Read");
    let report = required_for(Flow::CustomersSync).evaluate_grant(&grant);
    assert_eq!(
        report.verdict(Flow::CustomersSync),
        Verdict::Runs,
        "{report}"
    );
    assert_eq!(report.to_verify().count(), 0);
    // A support engineer who knows "at least Read" can write it.
    let file = read(serde_json::json!({
        "scopes": "read:customers", "access": { "clients": "at least read" }
    }));
    let report = required_for(Flow::CustomersSync).evaluate_grant(&file.grant());
    assert_eq!(report.verdict(Flow::CustomersSync), Verdict::Runs);
}

/// A role proven at RCMD in Tickets is provable excess even when the agent's level is unknown.
#[test]
fn a_proven_excess_is_reported_whatever_else_is_unknown() {
    let grant = Grant::unknown().with_level(
        Area::Tickets,
        LevelBounds::from_at_least(AccessLevel::ReadCreateModifyDelete),
    );
    let report = required_for(Flow::CustomersSync).evaluate_grant(&grant);
    let excess: Vec<Finding> = report.excess().collect();
    assert!(
        matches!(
            excess[..],
            [Finding::Access {
                area: Area::Tickets,
                ..
            }]
        ),
        "{report}"
    );
    // Known only in part, it may be beyond need: said, not asserted, not lowered.
    let grant = Grant::unknown().with_level(
        Area::Tickets,
        LevelBounds::from_at_most(AccessLevel::ReadModify),
    );
    let report = required_for(Flow::CustomersSync).evaluate_grant(&grant);
    assert_eq!(report.excess().count(), 0);
    assert_eq!(report.may_exceed().count(), 1);
    assert!(!report.remediation().any(|step| matches!(
        step,
        Step::LowerAccess {
            area: Area::Tickets,
            ..
        }
    )));
}

/// `all:standard`, `edit:invoices`, `admin` and the Administrator setting are not shown to
/// lack anything: what they could cover is unverified, with a step that grants it outright.
#[test]
fn unconfirmed_coverage_is_unverified_never_missing() {
    let clients = Privileges::none().with_level(Area::Clients, AccessLevel::Read);
    for scope in [Scopes::ALL_STANDARD, Scopes::ADMIN] {
        let report = required_for(Flow::CustomersSync).evaluate(&clients.with_scopes(scope));
        assert_eq!(
            report.verdict(Flow::CustomersSync),
            Verdict::Unverified,
            "{report}"
        );
        assert_eq!(report.missing().count(), 0);
        assert_eq!(
            report.to_verify().collect::<Vec<_>>(),
            [Finding::Scope {
                scope: Scopes::READ_CUSTOMERS,
                needed_by: Flows::CUSTOMERS_SYNC
            }]
        );
        assert_eq!(report.excess().count(), 1, "{report}");
        let steps: Vec<Step> = report.remediation().collect();
        assert_eq!(
            steps[0],
            Step::GrantScopes {
                scopes: Scopes::READ_CUSTOMERS,
                unblocks: Flows::empty()
            }
        );
        assert!(report.assumptions().count() >= 1);
        let text = report.to_string();
        assert!(
            text.contains("UNVERIFIED") && !text.contains("Missing"),
            "{text}"
        );
    }
    // edit:invoices without read:invoices.
    let needed = *required_for(Flow::ProductsSync).privileges();
    let grant = needed
        .without_scopes(Scopes::READ_INVOICES)
        .with_scopes(Scopes::EDIT_INVOICES);
    let report = required_for(Flow::ProductsSync).evaluate(&grant);
    assert_eq!(
        report.verdict(Flow::ProductsSync),
        Verdict::Unverified,
        "{report}"
    );
    assert_eq!(
        report.assumptions().map(|a| a.id()).collect::<Vec<_>>(),
        ["edit-covers-read"]
    );
    // The Administrator setting, with Invoices too low for an export.
    let needed = *required_for(Flow::InvoiceExportCharges).privileges();
    let grant = needed
        .with_level(Area::Invoices, AccessLevel::Read)
        .with_flags(AgentFlags::ADMINISTRATOR);
    let report = required_for(Flow::InvoiceExportCharges).evaluate(&grant);
    assert_eq!(report.blocked(), Flows::empty(), "{report}");
    assert!(report.remediation().any(|step| matches!(
        step,
        Step::RaiseAccess {
            area: Area::Invoices,
            to: AccessLevel::ReadCreateModifyDelete,
            ..
        }
    )));
    assert!(report.remediation().any(|step| step
        == Step::DisableFlag {
            flag: AgentFlags::ADMINISTRATOR
        }));
}

/// An open point is named whether or not it is granted, and the text never calls the grant
/// exactly least privilege, or says there is nothing to change, without naming it.
#[cfg(feature = "serde")]
#[test]
fn open_points_are_in_every_answer() {
    let file = read(serde_json::json!({
        "scopes": "read:customers", "access": { "clients": "read" }, "flags": []
    }));
    let report = required_for(Flow::CustomersSync).evaluate_grant(&file.grant());
    assert!(report.is_least_privilege());
    assert_eq!(
        report.open().collect::<Vec<_>>(),
        [Finding::Flag {
            flag: AgentFlags::ALL_CLIENTS,
            needed_by: Flows::empty()
        }]
    );
    let ids: Vec<&str> = report.open_points().map(|p| p.id()).collect();
    assert_eq!(ids, ["client-restrictions"]);
    let text = report.to_string();
    assert!(
        text.contains("Client Restrictions") && text.contains("Allow use of all Clients: No"),
        "{text}"
    );
    assert!(
        !text.contains("with exactly the least privilege)"),
        "{text}"
    );
    assert!(!text.contains("Nothing to change.\n"), "{text}");
    // Products sync with Assets at No Access; Service Items sync without Invoices/Items Read.
    let needed = required_for(Flow::ProductsSync);
    let report = needed.evaluate(needed.privileges());
    assert!(report
        .open_points()
        .any(|p| p.id() == "products-sync-assets"));
    let needed = required_for(Flow::ServiceItemsSync);
    let report = needed.evaluate(needed.privileges());
    assert!(report
        .open_points()
        .any(|p| p.id() == "products-service-items-heading"));
}

/// An excess level that the article leaves partly open: the finding says what the step does.
#[test]
fn an_open_items_finding_and_its_step_agree() {
    let grant = Privileges::none()
        .with_scopes(Scopes::READ_CUSTOMERS | Scopes::READ_ASSETS)
        .with_level(Area::Clients, AccessLevel::Read)
        .with_level(Area::Assets, AccessLevel::Read)
        .with_level(Area::Invoices, AccessLevel::ReadCreateModifyDelete)
        .with_flags(AgentFlags::ALL_ASSET_TYPES | AgentFlags::ALL_ASSET_FIELDS);
    let report = required_for(Flow::ServiceItemsSync).evaluate(&grant);
    let steps: Vec<Step> = report.remediation().collect();
    assert_eq!(
        steps[0],
        Step::LowerAccess {
            area: Area::Invoices,
            from: AccessLevel::ReadCreateModifyDelete.into(),
            to: AccessLevel::Read
        }
    );
    let text = report.to_string();
    assert!(
        text.contains("the article leaves up to \"Read\" open, so it is lowered to that"),
        "{text}"
    );
}

/// A grant file with only scopes: the agent was not written down, so nothing of it is known.
#[cfg(feature = "serde")]
#[test]
fn a_left_out_key_is_unknown_not_none() {
    let file = read(serde_json::json!({ "scopes": "read:customers" }));
    let report = required_for(Flow::CustomersSync).evaluate_grant(&file.grant());
    assert_eq!(report.verdict(Flow::CustomersSync), Verdict::Unverified);
    assert_eq!(report.missing().count(), 0);
    assert!(!report
        .remediation()
        .any(|step| matches!(step, Step::RaiseAccess { .. })));
}

/// "from" is the value on the screen the step is placed on (here both sources may be changed:
/// the agent, and a role marked as Datagate's).
#[cfg(feature = "serde")]
#[test]
fn each_step_shows_its_own_sources_value() {
    let file = read(serde_json::json!({
        "scopes": "read:customers",
        "agent": { "access": { "Clients": "Read", "Tickets": "Read Only" }, "flags": [] },
        "roles": [{ "name": "Service Desk", "dedicated": true,
                    "access": { "Tickets": "Read, Create, Modify and Delete" }, "flags": [] }]
    }));
    let report = required_for(Flow::CustomersSync).evaluate_grant(&file.grant());
    let plan = halopsa_privileges::Plan::new(report, Some(&file));
    let froms: Vec<(String, String)> = plan
        .by_screen()
        .into_iter()
        .flat_map(|(screen, steps)| {
            steps.into_iter().filter_map(move |step| match step {
                Step::LowerAccess { from, .. } => Some((screen.to_string(), from.to_string())),
                _ => None,
            })
        })
        .collect();
    assert_eq!(froms.len(), 2, "{froms:?}");
    assert!(
        froms[0].0.contains("Agents") && froms[0].1 == "Read",
        "{froms:?}"
    );
    assert!(
        froms[1].0.contains("Service Desk") && froms[1].1 == "Read, Create, Modify and Delete",
        "{froms:?}"
    );
    let text = plan.to_string();
    assert!(
        text.contains("Lower Tickets Access Level from \"Read\" to"),
        "{text}"
    );
}

/// One role or the agent, as a support engineer writes it: each area's level known or not,
/// each setting known or not.
fn source() -> impl Strategy<Value = (Vec<Option<AccessLevel>>, Vec<Option<bool>>)> {
    (
        proptest::collection::vec(proptest::option::of(common::level()), 5),
        proptest::collection::vec(proptest::option::of(any::<bool>()), 5),
    )
}

/// The areas the generated sources set: the four the flows need, and Tickets, which none needs.
const AREAS: [Area; 5] = [
    Area::Clients,
    Area::Items,
    Area::Invoices,
    Area::Assets,
    Area::Tickets,
];

proptest! {
    /// Agent-and-roles layouts: the crate's joined bounds give the oracle's verdict on bounds
    /// joined by hand (the highest known level proves; any unknown source leaves the top open),
    /// and every level some source proves above what the flows may hold is reported as excess.
    #[test]
    fn agent_and_roles_keep_what_the_facts_prove(
        set in flows(),
        sources in proptest::collection::vec(source(), 1..4),
    ) {
        let flags: Vec<AgentFlags> = AgentFlags::all().flags().collect();
        let mut joined = Grant::full(Privileges::none());
        let mut by_hand = Grant::full(Privileges::none().with_scopes(Scopes::all()));
        for (levels, settings) in &sources {
            let mut grant = Grant::full(Privileges::none());
            for (area, level) in AREAS.iter().zip(levels) {
                let bounds = level.map_or(LevelBounds::UNKNOWN, LevelBounds::exact);
                grant = grant.with_level(*area, bounds);
            }
            for (flag, yes) in flags.iter().zip(settings) {
                grant = grant.with_flags(*flag, *yes);
            }
            joined = joined.join(&grant);
        }
        for (i, area) in AREAS.iter().enumerate() {
            let lowest = sources.iter().filter_map(|(l, _)| l[i]).max().unwrap_or(AccessLevel::NoAccess);
            let any_unknown = sources.iter().any(|(l, _)| l[i].is_none());
            let highest = if any_unknown {
                AccessLevel::ReadCreateModifyDelete
            } else {
                lowest
            };
            by_hand = by_hand.with_level(*area, LevelBounds::between(lowest, highest));
        }
        for (j, flag) in flags.iter().enumerate() {
            let yes = sources.iter().any(|(_, s)| s[j] == Some(true));
            let unknown = sources.iter().any(|(_, s)| s[j].is_none());
            let state = if yes { Some(true) } else if unknown { None } else { Some(false) };
            by_hand = by_hand.with_flags(*flag, state);
        }
        let joined = Grant::full(Privileges::none().with_scopes(Scopes::all())).meet_layers(&joined);
        prop_assert_eq!(joined, by_hand);
        let report = required_for(set).evaluate_grant(&joined);
        for flow in Flow::ALL {
            prop_assert_eq!(report.verdict(flow), bounds_oracle(flow, &by_hand));
        }
        if !set.is_empty() {
            let may = required_for(set).privileges().join(required_for(set).open());
            let tickets = sources.iter().filter_map(|(l, _)| l[4]).max();
            let excess_tickets = report
                .excess()
                .any(|f| matches!(f, Finding::Access { area: Area::Tickets, .. }));
            prop_assert_eq!(excess_tickets, tickets.is_some_and(|t| t > may.level(Area::Tickets)));
        }
    }
}

proptest! {
    /// `evaluate` (its one-pass path for grants no assumption may add to) gives the report
    /// `evaluate_grant` gives for the same grant known in full.
    #[test]
    fn evaluate_is_evaluate_grant_of_the_full_grant(set in common::flows(), granted in common::privileges()) {
        let needed = required_for(set);
        prop_assert_eq!(needed.evaluate(&granted), needed.evaluate_grant(&Grant::full(granted)));
    }
}
