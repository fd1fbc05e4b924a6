//! Helpers shared by the integration tests: the article's transcription and proptest strategies.
#![allow(dead_code)]

use halopsa_privileges::{
    required_for, AccessLevel, Action, AgentFlags, Area, Finding, Flow, Flows, Privileges, Report,
    Scopes, Step, Verdict,
};
use proptest::prelude::*;

pub use halopsa_privileges::{Grant, LevelBounds};

/// The hand transcription of the article's Section 2.
pub const ARTICLE: &str = include_str!("../data/article-section2.txt");

/// One fact of the article, as written there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    pub line: usize,
    pub flow: String,
    pub layer: String,
    pub text: String,
}

/// The facts of the transcription, in order.
pub fn facts() -> Vec<Fact> {
    ARTICLE
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|(i, line)| {
            let parts: Vec<&str> = line.split(" | ").collect();
            assert_eq!(
                parts.len(),
                3,
                "line {}: `{line}` is not `flow | layer | fact`",
                i + 1
            );
            Fact {
                line: i + 1,
                flow: parts[0].to_owned(),
                layer: parts[1].to_owned(),
                text: parts[2].to_owned(),
            }
        })
        .collect()
}

/// Reads one article fact into the privilege it names, with the crate's own parsers.
pub fn privilege_of(fact: &Fact) -> Privileges {
    match fact.layer.as_str() {
        "application" => Privileges::none().with_scopes(
            Scopes::from_scope(&fact.text)
                .unwrap_or_else(|| panic!("line {}: unknown scope `{}`", fact.line, fact.text)),
        ),
        "agent" => {
            let (what, value) = fact
                .text
                .split_once(": ")
                .unwrap_or_else(|| panic!("line {}: no `: ` in `{}`", fact.line, fact.text));
            if let Some(flag) = value.strip_suffix(" = Yes") {
                let flag = AgentFlags::from_flag(flag).unwrap();
                assert_eq!(flag.section(), Some(what), "line {}", fact.line);
                Privileges::none().with_flags(flag)
            } else {
                let area: Area = what.parse().unwrap();
                let level: AccessLevel = value.parse().unwrap();
                Privileges::none().with_level(area, level)
            }
        }
        other => panic!("line {}: unknown layer `{other}`", fact.line),
    }
}

/// The privileges the article lists for `flow`, joined.
pub fn article_privileges(flow: Flow) -> Privileges {
    facts()
        .iter()
        .filter(|fact| fact.flow.parse::<Flow>().unwrap() == flow)
        .fold(Privileges::none(), |acc, fact| {
            acc.join(&privilege_of(fact))
        })
}

/// Every single scope, area and flag value: the grid the exhaustive tests walk.
pub fn every_scope() -> impl Iterator<Item = Scopes> {
    Scopes::all().scopes().map(|(scope, _)| scope)
}

pub fn every_flag() -> impl Iterator<Item = AgentFlags> {
    AgentFlags::all().flags()
}

/// Every set of flows.
pub fn every_flow_set() -> impl Iterator<Item = Flows> {
    (0..32u8).map(Flows::from_bits_truncate)
}

/// Every set of flows but the empty one (which checks nothing).
pub fn every_nonempty_flow_set() -> impl Iterator<Item = Flows> {
    (1..32u8).map(Flows::from_bits_truncate)
}

pub fn level() -> impl Strategy<Value = AccessLevel> {
    (0..AccessLevel::ALL.len()).prop_map(|i| AccessLevel::ALL[i])
}

pub fn flows() -> impl Strategy<Value = Flows> {
    any::<u8>().prop_map(Flows::from_bits_truncate)
}

/// Any grant: any scopes, any level per area, any flags.
pub fn privileges() -> impl Strategy<Value = Privileges> {
    (
        any::<u64>(),
        proptest::array::uniform17(level()),
        any::<u8>(),
    )
        .prop_map(|(scopes, levels, flags)| {
            Area::ALL.iter().zip(levels).fold(
                Privileges::none()
                    .with_scopes(Scopes::from_bits_truncate(scopes))
                    .with_flags(AgentFlags::from_bits_truncate(flags)),
                |acc, (area, level)| acc.with_level(*area, level),
            )
        })
}

/// A grant near what flows need: each item of the requirement kept or dropped, a few extras.
pub fn near_grant() -> impl Strategy<Value = Privileges> {
    (
        flows(),
        any::<u64>(),
        any::<u64>(),
        any::<u8>(),
        proptest::array::uniform17(-1i8..=1),
    )
        .prop_map(|(set, keep, extra, flags, shift)| {
            let needed = *halopsa_privileges::required_for(set).privileges();
            let scopes = Scopes::from_bits_truncate(needed.scopes().bits() & keep)
                | Scopes::from_bits_truncate(extra & extra.rotate_left(7) & extra.rotate_left(13));
            let mut grant = Privileges::none()
                .with_scopes(scopes)
                .with_flags(AgentFlags::from_bits_truncate(flags));
            for (area, delta) in Area::ALL.iter().zip(shift) {
                let at = needed.level(*area) as i8 + delta;
                let at = at.clamp(0, AccessLevel::ALL.len() as i8 - 1) as usize;
                grant = grant.with_level(*area, AccessLevel::ALL[at]);
            }
            grant
        })
}

/// Applies one remediation step to a grant, as a support engineer would.
pub fn apply(grant: Privileges, step: &Step) -> Privileges {
    match *step {
        Step::GrantScopes { scopes, .. } => grant.with_scopes(scopes),
        Step::RevokeScopes { scopes } => grant.without_scopes(scopes),
        Step::RaiseAccess { area, from, to, .. } | Step::LowerAccess { area, from, to } => {
            assert_eq!(grant.level(area), from.at_least(), "{step}");
            grant.with_level(area, to)
        }
        Step::EnableFlag { flag, .. } => grant.with_flags(flag),
        Step::DisableFlag { flag } => grant.without_flags(flag),
        Step::CheckScopes { .. } | Step::CheckAccess { .. } | Step::CheckFlag { .. } => grant,
        Step::TestAccountAccess => grant,
        _ => unreachable!("a step this test does not know: {step:?}"),
    }
}

/// What following the remediation of a report must reach, for what is proven granted: an item
/// known to fall short (at its upper bound) is raised to the need; an item proven beyond what
/// the flows may hold (the need, or what the article leaves open) is lowered to that; every
/// other item stays as it was.
pub fn fixed_target(report: &Report) -> Privileges {
    let grant = report.grant();
    let (low, high) = (*grant.at_least(), *grant.at_most());
    if report.flows().is_empty() {
        // Nothing was checked: nothing is to change.
        return low;
    }
    let need = report.required();
    let allow = need.join(required_for(report.flows()).open());
    let mut fixed = Privileges::none();
    for (scope, _) in Scopes::all().scopes() {
        // A needed scope is ticked when it may be missing, and before `all` is revoked when it
        // is not proven ticked on its own (revoking `all` must block nothing that ran).
        let revokes_all = low.scopes().contains(Scopes::ALL);
        let unproven = revokes_all && !low.scopes().contains(scope);
        let has = if need.scopes().contains(scope) && (!high.scopes().contains(scope) || unproven) {
            true
        } else if low.scopes().contains(scope) && !allow.scopes().contains(scope) {
            false
        } else {
            low.scopes().contains(scope)
        };
        if has {
            fixed = fixed.with_scopes(scope);
        }
    }
    for area in Area::ALL {
        let level = if high.level(area) < need.level(area) {
            need.level(area)
        } else if low.level(area) > allow.level(area) {
            allow.level(area)
        } else {
            low.level(area)
        };
        fixed = fixed.with_level(area, level);
    }
    for flag in AgentFlags::all().flags() {
        let on = if need.flags().contains(flag) && !high.flags().contains(flag) {
            true
        } else if low.flags().contains(flag) && !allow.flags().contains(flag) {
            false
        } else {
            low.flags().contains(flag)
        };
        if on {
            fixed = fixed.with_flags(flag);
        }
    }
    fixed
}

/// Checks the invariants every report must keep, whatever the grant and whatever is known.
pub fn check_report(report: &Report) {
    let missing: Vec<Finding> = report.missing().collect();
    let blocked_by_findings = missing
        .iter()
        .fold(Flows::empty(), |acc, finding| acc | finding.needed_by());
    assert_eq!(blocked_by_findings, report.blocked(), "{report}");
    let needing_unknown = report
        .to_verify()
        .fold(Flows::empty(), |acc, finding| acc | finding.needed_by());
    assert_eq!(
        needing_unknown - report.blocked(),
        report.unverified(),
        "{report}"
    );
    assert_eq!(
        report.is_satisfied(),
        !report.flows().is_empty() && missing.is_empty() && report.to_verify().next().is_none()
    );
    assert!(report
        .excess()
        .chain(report.open())
        .all(|finding| finding.needed_by().is_empty()));
    // A level to verify is not proven; a missing one is impossible; an excess one proven.
    assert!(report.to_verify().all(|f| match f {
        Finding::Access {
            granted, required, ..
        } => !granted.proves(required),
        _ => true,
    }));
    assert!(report.missing().all(|f| match f {
        Finding::Access {
            granted, required, ..
        } => granted.excludes(required),
        _ => true,
    }));
    assert!(report.excess().all(|f| match f {
        Finding::Access {
            granted, required, ..
        } => granted.at_least() > required,
        _ => true,
    }));
    assert_eq!(
        report.runnable() | report.blocked() | report.unverified(),
        report.flows()
    );
    assert!(!report.runnable().intersects(report.blocked()));
    assert!(!report.runnable().intersects(report.unverified()));
    assert!(!report.blocked().intersects(report.unverified()));
    for flow in report.flows().flows() {
        let verdict = report.verdict(flow);
        assert_eq!(verdict == Verdict::Runs, report.runnable().has(flow));
        assert_eq!(verdict == Verdict::Blocked, report.blocked().has(flow));
        assert_eq!(
            verdict == Verdict::Unverified,
            report.unverified().has(flow)
        );
    }

    // Following the remediation reaches the least privilege (keeping open items), as far as
    // it is known; checks change nothing.
    let steps: Vec<Step> = report.remediation().collect();
    let fixed = steps.iter().fold(*report.granted(), apply);
    assert_eq!(fixed, fixed_target(report), "{report}");
    assert_eq!(
        steps.last() == Some(&Step::TestAccountAccess),
        !steps.is_empty(),
        "{report}"
    );
    if report.grant().is_exact() && !report.flows().is_empty() {
        assert_eq!(steps.is_empty(), report.is_least_privilege(), "{report}");
    }
    let unblocked = steps
        .iter()
        .fold(Flows::empty(), |acc, s| acc | s.unblocks());
    assert_eq!(unblocked, report.blocked(), "{report}");
    // One check per item to verify that may be granted as needed (scopes grouped into one
    // step); an item known to fall short is fixed instead, even where an assumption may cover it.
    let grant = report.grant();
    let checks = steps.iter().filter(|s| s.action() == Action::Check).count();
    let may_be_granted = |f: &Finding| match *f {
        Finding::Scope { scope, .. } => grant.has_scope(scope).is_none(),
        Finding::Access { area, granted, .. } => !granted.excludes(report.required().level(area)),
        Finding::Flag { flag, .. } => grant.has_flag(flag).is_none(),
        _ => unreachable!(),
    };
    let unknown_items = report
        .to_verify()
        .filter(|f| !matches!(f, Finding::Scope { .. }) && may_be_granted(f))
        .count()
        + usize::from(
            report
                .to_verify()
                .any(|f| matches!(f, Finding::Scope { .. }) && may_be_granted(&f)),
        );
    assert_eq!(checks, unknown_items, "{report}");
}

/// The grant with every unconfirmed assumption of DESIGN.md taken as true, written here from
/// the scope names (not from the crate's table): `admin` covers every scope, `all:standard`
/// every scope but the wide ones, `edit:X` its `read:X`, "Is a Halo Administrator" every level
/// and flag.
pub fn widened(g: &Privileges) -> Privileges {
    let mut wide = *g;
    let names: Vec<&str> = g.scopes().scopes().map(|(_, name)| name).collect();
    for (scope, name) in Scopes::all().scopes() {
        let wide_scope = [
            "all",
            "all:standard",
            "all:teams",
            "admin",
            "admin:webhooks",
        ]
        .contains(&name);
        let by_edit = name
            .strip_prefix("read:")
            .is_some_and(|object| names.contains(&format!("edit:{object}").as_str()));
        if names.contains(&"admin") || (names.contains(&"all:standard") && !wide_scope) || by_edit {
            wide = wide.with_scopes(scope);
        }
    }
    if g.flags().contains(AgentFlags::ADMINISTRATOR) {
        wide = Area::ALL
            .iter()
            .fold(wide.with_flags(AgentFlags::all()), |acc, area| {
                acc.with_level(*area, AccessLevel::ReadCreateModifyDelete)
            });
    }
    wide
}

/// Whether a grant of at most `hi` could hold `scope`, were every unconfirmed assumption true
/// (written from the scope names, as [`widened`]).
fn scope_possible(hi: &Privileges, scope: Scopes) -> bool {
    let has = |name: &str| hi.scopes().scopes().any(|(_, n)| n == name);
    let name = scope.name().unwrap();
    hi.scopes().contains(scope)
        || has("all")
        || has("admin")
        || (has("all:standard")
            && ![
                "all",
                "all:standard",
                "all:teams",
                "admin",
                "admin:webhooks",
            ]
            .contains(&name))
        || name
            .strip_prefix("read:")
            .is_some_and(|object| has(&format!("edit:{object}")))
}

/// The verdict on `flow` for a grant known as bounds, worked out item by item from the flow's
/// rule: an item is proven when the lower bound holds it (or `all` for a scope), possible when
/// the upper bound or an unconfirmed assumption could; the flow is blocked when an item is
/// impossible, runs when every item is proven, and is unverified otherwise. The oracle.
pub fn bounds_oracle(flow: Flow, grant: &Grant) -> Verdict {
    let (lo, hi) = (grant.at_least(), grant.at_most());
    let rule = flow.privileges();
    let administrator = hi.flags().contains(AgentFlags::ADMINISTRATOR);
    let mut items: Vec<(bool, bool)> = Vec::new();
    for (scope, _) in rule.scopes().scopes() {
        let proven = lo.scopes().contains(scope) || lo.scopes().contains(Scopes::ALL);
        items.push((proven, scope_possible(hi, scope)));
    }
    for (area, level) in rule.levels() {
        if level > AccessLevel::NoAccess {
            items.push((
                lo.level(area) >= level,
                administrator || hi.level(area) >= level,
            ));
        }
    }
    for flag in rule.flags().flags() {
        items.push((
            lo.flags().contains(flag),
            administrator || hi.flags().contains(flag),
        ));
    }
    if items.iter().any(|(_, possible)| !possible) {
        Verdict::Blocked
    } else if items.iter().all(|(proven, _)| *proven) {
        Verdict::Runs
    } else {
        Verdict::Unverified
    }
}

/// Every pair of level bounds (at least, at most), at least not above at most: 21 of them.
pub fn every_level_bounds() -> impl Iterator<Item = LevelBounds> + Clone {
    AccessLevel::ALL.into_iter().flat_map(|low| {
        AccessLevel::ALL
            .into_iter()
            .filter(move |high| *high >= low)
            .map(move |high| LevelBounds::between(low, high))
    })
}

/// Granted, not granted, unknown.
pub const STATES: [Option<bool>; 3] = [Some(true), Some(false), None];

/// Any grant as bounds: two grants, the lower one met with the upper.
pub fn bounded_grant() -> impl Strategy<Value = Grant> {
    (privileges(), privileges()).prop_map(|(a, b)| Grant::between(a.meet(&b), b))
}

/// A grant that knows `truth` in part: each item exact, unknown, or a bound around it.
pub fn observation(truth: Privileges) -> impl Strategy<Value = Grant> {
    (
        proptest::collection::vec(0u8..3, Scopes::all().iter().count()),
        proptest::collection::vec(0u8..4, Area::ALL.len()),
        proptest::collection::vec(0u8..3, AgentFlags::all().iter().count()),
    )
        .prop_map(move |(scopes, areas, flags)| {
            let mut grant = Grant::unknown();
            for (scope, how) in Scopes::all().iter().zip(scopes) {
                if how > 0 {
                    grant = grant.with_scopes(scope, Some(truth.scopes().contains(scope)));
                }
            }
            for (area, how) in Area::ALL.into_iter().zip(areas) {
                let level = truth.level(area);
                let bounds = match how {
                    0 => LevelBounds::UNKNOWN,
                    1 => LevelBounds::exact(level),
                    2 => LevelBounds::from_at_least(level),
                    _ => LevelBounds::from_at_most(level),
                };
                grant = grant.with_level(area, bounds);
            }
            for (flag, how) in AgentFlags::all().iter().zip(flags) {
                if how > 0 {
                    grant = grant.with_flags(flag, Some(truth.flags().contains(flag)));
                }
            }
            grant
        })
}
