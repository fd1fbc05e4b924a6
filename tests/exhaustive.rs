//! The whole domain, exhaustively: every set of flows against its exact requirement and against
//! every grant one step away from it.

mod common;

use common::{check_report, every_flag, every_flow_set, every_nonempty_flow_set, every_scope};
use halopsa_privileges::{
    required_for, AccessLevel, Area, Finding, Flow, Flows, Privileges, Scopes, Step,
};

/// The flows of `set` whose own rule `holds`.
fn flows_where(set: Flows, holds: impl Fn(&Privileges) -> bool) -> Flows {
    set.flows()
        .filter(|flow| holds(&flow.privileges()))
        .collect()
}

#[test]
fn exact_requirement_is_satisfied_and_least() {
    for set in every_nonempty_flow_set() {
        let needed = required_for(set);
        let report = needed.evaluate(needed.privileges());
        assert!(report.is_satisfied(), "{set}");
        assert!(report.is_least_privilege(), "{set}");
        assert_eq!(report.missing().count(), 0);
        assert_eq!(report.excess().count(), 0);
        assert_eq!(report.remediation().count(), 0);
        assert_eq!(report.runnable(), set);
        check_report(&report);
    }
}

#[test]
fn removing_one_scope_blocks_exactly_the_flows_that_need_it() {
    for set in every_flow_set() {
        let needed = required_for(set);
        for scope in every_scope().filter(|s| needed.privileges().scopes().contains(*s)) {
            let grant = needed.privileges().without_scopes(scope);
            let report = needed.evaluate(&grant);
            let expected = flows_where(set, |rule| rule.scopes().contains(scope));
            assert!(!expected.is_empty());
            // `edit:X` may cover `read:X` (not confirmed): then the flows are unverified.
            let edit = scope
                .name()
                .and_then(|name| name.strip_prefix("read:"))
                .and_then(|object| Scopes::from_scope(&format!("edit:{object}")));
            let finding = [Finding::Scope {
                scope,
                needed_by: expected,
            }];
            if edit.is_some_and(|edit| grant.scopes().contains(edit)) {
                assert_eq!(report.blocked(), Flows::empty(), "{set} without {scope}");
                assert_eq!(report.unverified(), expected, "{set} without {scope}");
                assert_eq!(report.to_verify().collect::<Vec<_>>(), finding);
                assert_eq!(report.missing().count(), 0);
            } else {
                assert_eq!(report.blocked(), expected, "{set} without {scope}");
                assert_eq!(report.missing().collect::<Vec<_>>(), finding);
            }
            assert_eq!(report.excess().count(), 0);
            check_report(&report);
        }
    }
}

#[test]
fn lowering_one_area_blocks_exactly_the_flows_that_need_more() {
    for set in every_flow_set() {
        let needed = required_for(set);
        for area in Area::ALL {
            let required = needed.privileges().level(area);
            // One step down, and all the way down.
            for lower in AccessLevel::ALL
                .into_iter()
                .filter(|l| *l < required)
                .filter(|l| *l as usize + 1 == required as usize || *l == AccessLevel::NoAccess)
            {
                let report = needed.evaluate(&needed.privileges().with_level(area, lower));
                let expected = flows_where(set, |rule| rule.level(area) > lower);
                assert!(!expected.is_empty());
                assert_eq!(report.blocked(), expected, "{set}: {area} at {lower}");
                assert_eq!(
                    report.missing().collect::<Vec<_>>(),
                    [Finding::Access {
                        area,
                        granted: lower.into(),
                        required,
                        needed_by: expected
                    }]
                );
                assert_eq!(report.excess().count(), 0);
                check_report(&report);
            }
        }
    }
}

#[test]
fn removing_one_flag_blocks_exactly_the_flows_that_need_it() {
    for set in every_flow_set() {
        let needed = required_for(set);
        for flag in every_flag().filter(|f| needed.privileges().flags().contains(*f)) {
            let report = needed.evaluate(&needed.privileges().without_flags(flag));
            let expected = flows_where(set, |rule| rule.flags().contains(flag));
            assert_eq!(report.blocked(), expected, "{set} without {flag}");
            assert_eq!(
                report.missing().collect::<Vec<_>>(),
                [Finding::Flag {
                    flag,
                    needed_by: expected
                }]
            );
            check_report(&report);
        }
    }
}

#[test]
fn one_step_more_is_satisfied_with_exactly_that_excess_or_open_item() {
    for set in every_nonempty_flow_set() {
        let needed = required_for(set);
        let exact = *needed.privileges();
        let open = needed.open();
        let mut grants: Vec<(Privileges, Finding)> = Vec::new();
        for scope in every_scope().filter(|s| !exact.scopes().contains(*s)) {
            let finding = Finding::Scope {
                scope,
                needed_by: Flows::empty(),
            };
            grants.push((exact.with_scopes(scope), finding));
        }
        for area in Area::ALL {
            let required = exact.level(area);
            if let Some(&higher) = AccessLevel::ALL.get(required as usize + 1) {
                let finding = Finding::Access {
                    area,
                    granted: higher.into(),
                    required,
                    needed_by: Flows::empty(),
                };
                grants.push((exact.with_level(area, higher), finding));
            }
        }
        for flag in every_flag().filter(|f| !exact.flags().contains(*f)) {
            let finding = Finding::Flag {
                flag,
                needed_by: Flows::empty(),
            };
            grants.push((exact.with_flags(flag), finding));
        }
        let mut opened = 0;
        for (grant, finding) in grants {
            let report = needed.evaluate(&grant);
            assert!(report.is_satisfied(), "{set}: {finding}");
            assert_eq!(report.missing().count(), 0);
            // An item up to what the article leaves open is reported as open, never as excess.
            if open.join(&exact).contains(&grant) {
                opened += 1;
                assert!(report.is_least_privilege(), "{set}: {finding}");
                assert!(
                    report.open().any(|open| open == finding),
                    "{set}: {finding}"
                );
                assert_eq!(report.excess().count(), 0, "{set}: {finding}");
                assert_eq!(report.remediation().count(), 0, "{set}: {finding}");
            } else {
                assert!(!report.is_least_privilege(), "{set}: {finding}");
                assert_eq!(report.excess().collect::<Vec<_>>(), [finding]);
                // Every open item is listed, granted or not; this one is not open.
                assert!(
                    !report.open().any(|open| open == finding),
                    "{set}: {finding}"
                );
            }
            check_report(&report);
        }
        // Allow use of all Clients is open for every flow.
        assert!(opened > 0, "{set}");
    }
}

#[test]
fn the_all_scope_covers_every_scope_and_is_excess() {
    for set in every_nonempty_flow_set() {
        let needed = required_for(set);
        let grant = needed
            .privileges()
            .without_scopes(needed.privileges().scopes())
            .with_scopes(Scopes::ALL);
        let report = needed.evaluate(&grant);
        assert!(report.is_satisfied(), "{set}");
        assert_eq!(report.missing().count(), 0);
        assert_eq!(
            report.excess().collect::<Vec<_>>(),
            [Finding::Scope {
                scope: Scopes::ALL,
                needed_by: Flows::empty()
            }]
        );
        // The fix ticks the needed scopes before revoking `all`.
        let steps: Vec<Step> = report.remediation().collect();
        if !set.is_empty() {
            assert_eq!(
                steps[0],
                Step::GrantScopes {
                    scopes: needed.privileges().scopes(),
                    unblocks: Flows::empty()
                }
            );
        }
        check_report(&report);
    }
}

#[test]
fn nothing_granted_blocks_every_selected_flow() {
    for set in every_nonempty_flow_set() {
        let report = required_for(set).evaluate(&Privileges::none());
        assert_eq!(report.blocked(), set);
        check_report(&report);
    }
    // Every flow needs Clients: Read and read:customers.
    for flow in Flow::ALL {
        let report = required_for(flow).evaluate(&Privileges::none());
        assert!(report.missing().all(|f| f.needed_by() == Flows::from(flow)));
    }
}

#[test]
fn administrator_and_admin_scopes_are_excess_and_prove_nothing() {
    use halopsa_privileges::AgentFlags;
    for set in every_nonempty_flow_set() {
        let needed = required_for(set);
        let grant = needed
            .privileges()
            .with_flags(AgentFlags::ADMINISTRATOR)
            .with_scopes(Scopes::ADMIN | Scopes::ALL_STANDARD);
        let report = needed.evaluate(&grant);
        assert!(report.is_satisfied());
        assert_eq!(report.excess().count(), 3, "{report}");
        // By themselves they prove nothing, and rule nothing out (not confirmed either way):
        // every flow is unverified, every need is to verify, and the fix grants each need.
        let report = needed.evaluate(
            &Privileges::none()
                .with_flags(AgentFlags::ADMINISTRATOR)
                .with_scopes(Scopes::ADMIN | Scopes::ALL_STANDARD),
        );
        assert_eq!(report.blocked(), Flows::empty(), "{report}");
        assert_eq!(report.unverified(), set, "{report}");
        assert_eq!(report.missing().count(), 0);
        let items = needed.privileges().scopes().iter().count()
            + needed
                .privileges()
                .levels()
                .filter(|(_, l)| *l > AccessLevel::NoAccess)
                .count()
            + needed.privileges().flags().iter().count();
        assert_eq!(report.to_verify().count(), items, "{report}");
        assert!(report.assumptions().count() >= 2, "{report}");
        check_report(&report);
    }
}

#[test]
fn the_empty_flow_set_checks_nothing_and_advises_nothing() {
    use halopsa_privileges::{AgentFlags, Known};
    let everything = Privileges::everything();
    let admin = Privileges::none()
        .with_scopes(Scopes::ALL)
        .with_flags(AgentFlags::ADMINISTRATOR);
    for granted in [Privileges::none(), everything, admin] {
        for known in [Known::all(), Known::APPLICATION] {
            let report = required_for(Flows::empty()).evaluate_partial(&granted, known);
            assert!(!report.is_satisfied());
            assert!(!report.is_least_privilege());
            assert_eq!(report.excess().count() + report.open().count(), 0);
            assert_eq!(report.remediation().count(), 0);
            let text = report.to_string();
            assert!(text.contains("NOTHING CHECKED"), "{text}");
            assert!(!text.contains("every flow can run"), "{text}");
            assert!(
                !text.contains("Lower") && !text.contains("Revoke"),
                "{text}"
            );
            check_report(&report);
        }
    }
}
