//! Partial knowledge, exhaustively: every flow set against every subset of the parts of a grant
//! the flows depend on, for a range of grants. A flow is never blocked by an unknown item, never
//! runs while something it needs is unknown, and learning more only ever moves a flow from
//! unverified to runs or blocked.

mod common;

use common::{bounds_oracle, check_report, every_flow_set};
use halopsa_privileges::{
    required_for, AccessLevel, AgentFlags, Area, Finding, Flow, Flows, Grant, Known, Privileges,
    Scopes, Verdict,
};

/// The verdict on `flow`, worked out item by item: the bounds oracle on what `known` says.
fn oracle(flow: Flow, granted: &Privileges, known: Known) -> Verdict {
    bounds_oracle(flow, &Grant::new(*granted, known))
}

/// Every subset of the bits of `of`.
fn subsets(of: Known) -> impl Iterator<Item = Known> {
    let bits: Vec<u32> = (0..32)
        .map(|b| 1 << b)
        .filter(|b| of.bits() & b != 0)
        .collect();
    (0..1u32 << bits.len()).map(move |mask| {
        bits.iter()
            .enumerate()
            .filter(|(i, _)| mask & (1 << i) != 0)
            .fold(Known::empty(), |k, (_, b)| k | Known::from_bits_retain(*b))
    })
}

/// Grants around the requirements: nothing, every flow's requirement with one item dropped or
/// kept, everything, and a grant holding `all`.
fn grants() -> Vec<Privileges> {
    let all = *required_for(Flows::all()).privileges();
    let mut grants = vec![Privileges::none(), all, Privileges::everything()];
    grants.push(all.without_scopes(all.scopes()).with_scopes(Scopes::ALL));
    for flow in Flow::ALL {
        let rule = flow.privileges();
        grants.push(rule);
        grants.push(rule.without_scopes(Scopes::READ_CUSTOMERS));
        grants.push(rule.with_level(Area::Clients, AccessLevel::NamesOnly));
        grants.push(rule.without_flags(AgentFlags::ALL_ASSET_TYPES));
        grants.push(rule.with_level(Area::Invoices, AccessLevel::Read));
    }
    grants
}

#[test]
fn verdicts_follow_what_is_known_exhaustively() {
    // What the flows need, and the Administrator flag, which may cover every level and flag.
    let depends = required_for(Flows::all()).depends_on() | Known::ADMINISTRATOR;
    assert_eq!(depends.bits().count_ones(), 8);
    let grants = grants();
    let mut reports = 0;
    for set in every_flow_set() {
        let needed = required_for(set);
        for granted in &grants {
            for base in subsets(depends) {
                // The same, with everything the flows do not depend on known or not.
                for known in [base, base | (Known::all() - depends)] {
                    let report = needed.evaluate_partial(granted, known);
                    reports += 1;
                    for flow in Flow::ALL {
                        assert_eq!(
                            report.verdict(flow),
                            oracle(flow, granted, known),
                            "{flow} in {set}, known {known:?}, granted {granted:?}"
                        );
                    }
                    nothing_unknown_is_missing_or_excess(&report, known);
                    if known == base {
                        check_report(&report);
                    }
                    // Learning one more part only ever settles an unverified flow.
                    for bit in subsets(depends - base).filter(|k| k.bits().count_ones() == 1) {
                        let more = needed.evaluate_partial(granted, known | bit);
                        for flow in set.flows() {
                            let (before, after) = (report.verdict(flow), more.verdict(flow));
                            assert!(
                                before == after || before == Verdict::Unverified,
                                "{flow}: {before:?} became {after:?} on learning {bit:?}"
                            );
                        }
                    }
                }
            }
        }
    }
    assert_eq!(reports, 32 * grants.len() * 256 * 2);
}

/// Every finding of `missing()` and `excess()` is a known item; every finding of `to_verify()`
/// an unknown one, or one that only an unconfirmed assumption could cover.
fn nothing_unknown_is_missing_or_excess(report: &halopsa_privileges::Report, known: Known) {
    let is_known = |finding: &Finding| match *finding {
        Finding::Scope { .. } => known.has_scopes(),
        Finding::Access { area, .. } => known.has_area(area),
        Finding::Flag { flag, .. } => known.agent_flags().contains(flag),
        _ => unreachable!(),
    };
    for finding in report.missing().chain(report.excess()) {
        assert!(is_known(&finding), "{finding} is not known: {report}");
    }
    for finding in report.to_verify() {
        assert!(
            !is_known(&finding) || report.assumptions().next().is_some(),
            "{finding} is known: {report}"
        );
    }
}

#[test]
fn full_knowledge_is_evaluate() {
    for set in every_flow_set() {
        for granted in grants() {
            let needed = required_for(set);
            assert_eq!(
                needed.evaluate_partial(&granted, Known::all()),
                needed.evaluate(&granted)
            );
        }
    }
}

#[test]
fn values_of_unknown_parts_are_ignored() {
    // Everything granted, but only the scopes observed: no level or flag is excess.
    let report =
        required_for(Flows::all()).evaluate_partial(&Privileges::everything(), Known::APPLICATION);
    assert!(report.excess().all(|f| matches!(f, Finding::Scope { .. })));
    assert_eq!(
        report,
        required_for(Flows::all()).evaluate_partial(
            &Privileges::none().with_scopes(Scopes::all()),
            Known::APPLICATION
        )
    );
    assert!(!report.is_least_privilege());
}

#[test]
fn nothing_known_leaves_every_flow_unverified() {
    for set in every_flow_set() {
        let report = required_for(set).evaluate_partial(&Privileges::everything(), Known::empty());
        assert_eq!(report.unverified(), set);
        assert_eq!(report.missing().count() + report.excess().count(), 0);
        assert!(!report.is_satisfied() || set.is_empty());
    }
}

#[test]
fn least_privilege_needs_the_whole_grant_known() {
    let needed = required_for(Flows::CUSTOMERS_SYNC);
    let exact = *needed.privileges();
    assert!(needed.evaluate(&exact).is_least_privilege());
    // Known: exactly what Customers sync depends on. It runs, but the rest is not known.
    let report = needed.evaluate_partial(&exact, needed.depends_on());
    assert_eq!(report.runnable(), Flows::CUSTOMERS_SYNC);
    assert!(report.is_satisfied());
    assert!(!report.is_least_privilege());
    assert_eq!(report.remediation().count(), 0);
}
