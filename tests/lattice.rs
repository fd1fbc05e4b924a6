//! Lattice laws of `AccessLevel` and `Privileges`, `covers` against the pointwise order,
//! `required_for` as a join, and monotonicity of `evaluate`.

mod common;

use common::{check_report, every_flow_set, flows, level, near_grant, privileges, widened};
use halopsa_privileges::{required_for, AccessLevel, Privileges, Scopes};
use proptest::prelude::*;

#[test]
fn access_levels_form_a_chain() {
    for a in AccessLevel::ALL {
        for b in AccessLevel::ALL {
            assert_eq!(a.join(b), a.max(b));
            assert_eq!(a.meet(b), a.min(b));
            assert_eq!(a.at_least(b), a >= b);
            for c in AccessLevel::ALL {
                assert_eq!(a.join(b).join(c), a.join(b.join(c)));
                assert_eq!(a.meet(b).meet(c), a.meet(b.meet(c)));
            }
            assert_eq!(a.join(a.meet(b)), a);
            assert_eq!(a.meet(a.join(b)), a);
        }
    }
    assert!(AccessLevel::ALL.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn required_for_a_union_is_the_join() {
    for a in every_flow_set() {
        for b in every_flow_set() {
            let joined = required_for(a)
                .privileges()
                .join(required_for(b).privileges());
            assert_eq!(*required_for(a | b).privileges(), joined, "{a} | {b}");
        }
    }
    assert_eq!(
        *required_for(halopsa_privileges::Flows::empty()).privileges(),
        Privileges::none()
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn join_and_meet_are_commutative_associative_idempotent(
        a in privileges(), b in privileges(), c in privileges()
    ) {
        prop_assert_eq!(a.join(&b), b.join(&a));
        prop_assert_eq!(a.meet(&b), b.meet(&a));
        prop_assert_eq!(a.join(&b).join(&c), a.join(&b.join(&c)));
        prop_assert_eq!(a.meet(&b).meet(&c), a.meet(&b.meet(&c)));
        prop_assert_eq!(a.join(&a), a);
        prop_assert_eq!(a.meet(&a), a);
    }

    #[test]
    fn absorption_and_bounds(a in privileges(), b in privileges()) {
        prop_assert_eq!(a.join(&a.meet(&b)), a);
        prop_assert_eq!(a.meet(&a.join(&b)), a);
        prop_assert_eq!(a.join(&Privileges::none()), a);
        prop_assert_eq!(a.meet(&Privileges::everything()), a);
    }

    #[test]
    fn pointwise_order_is_the_lattice_order(a in privileges(), b in privileges()) {
        // a <= b exactly when a join b == b, and when a meet b == a.
        prop_assert_eq!(b.contains(&a), a.join(&b) == b);
        prop_assert_eq!(b.contains(&a), a.meet(&b) == a);
        prop_assert_eq!(a <= b, b.contains(&a));
        prop_assert!(a.join(&b) >= a && a.join(&b) >= b);
        prop_assert!(a.meet(&b) <= a && a.meet(&b) <= b);
    }

    #[test]
    fn covers_is_the_pointwise_order_except_for_the_all_scope(
        a in privileges(), b in privileges()
    ) {
        if a.scopes().contains(Scopes::ALL) {
            // `all` covers every scope: only levels and flags decide.
            let strip = |p: &Privileges| p.without_scopes(Scopes::all());
            prop_assert_eq!(a.covers(&b), strip(&a).contains(&strip(&b)));
        } else {
            prop_assert_eq!(a.covers(&b), a.contains(&b));
        }
        // covers never refuses what contains allows.
        prop_assert!(!a.contains(&b) || a.covers(&b));
    }

    #[test]
    fn more_granted_never_blocks_more(set in flows(), g in near_grant(), extra in privileges()) {
        let h = g.join(&extra);
        let needed = required_for(set);
        let (low, high) = (needed.evaluate(&g), needed.evaluate(&h));
        prop_assert!(low.blocked().contains(high.blocked()));
        prop_assert!(high.runnable().contains(low.runnable()));
    }

    #[test]
    fn blocked_flows_are_those_whose_own_rule_is_not_covered(set in flows(), g in near_grant()) {
        let report = required_for(set).evaluate(&g);
        // Runs when the grant itself covers the rule; blocked when not even every unconfirmed
        // assumption could make it cover the rule.
        for flow in set.flows() {
            prop_assert_eq!(report.runnable().has(flow), g.covers(&flow.privileges()));
            prop_assert_eq!(report.blocked().has(flow), !widened(&g).covers(&flow.privileges()));
        }
        check_report(&report);
    }

    #[test]
    fn every_report_keeps_its_invariants(set in flows(), g in privileges()) {
        check_report(&required_for(set).evaluate(&g));
    }

    #[test]
    fn roles_fold_to_the_highest_level(a in level(), b in level(), c in level()) {
        let area = halopsa_privileges::Area::Invoices;
        let roles = [a, b, c].map(|l| Privileges::none().with_level(area, l));
        let effective = roles.iter().fold(Privileges::none(), |acc, r| acc.join(r));
        prop_assert_eq!(effective.level(area), a.max(b).max(c));
    }
}
