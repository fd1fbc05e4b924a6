//! The naive baseline: the same decision as `Requirements::evaluate` plus its findings, written
//! the way typical integration code does it, with `HashSet<String>` scopes, `HashMap<String, u8>`
//! levels and `Vec<String>` results.
//!
//! Its string rule tables are built from the crate's rules (`Flow::privileges`) once, before any
//! timing, so that no privilege fact is written twice. Shared by `benches/evaluate.rs` and
//! `tests/naive.rs`, which checks that both give the same answer.
#![allow(dead_code)]

use std::collections::{HashMap, HashSet};

use halopsa_privileges::{AccessLevel, Flow, Privileges, Report};

/// One flow's rule, in strings.
pub struct NaiveRule {
    pub flow: String,
    pub scopes: Vec<String>,
    pub levels: HashMap<String, u8>,
    pub flags: Vec<String>,
    /// What the article leaves open for the flow (neither required nor excess).
    pub open_scopes: Vec<String>,
    pub open_levels: HashMap<String, u8>,
    pub open_flags: Vec<String>,
}

/// A grant, in strings: what integration code gets from a token and an agent's settings.
#[derive(Clone)]
pub struct NaiveGrant {
    pub scopes: HashSet<String>,
    pub levels: HashMap<String, u8>,
    pub flags: HashSet<String>,
}

/// The answer: blocked flows, then each missing and excess item with the flows it blocks.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct NaiveReport {
    pub blocked: Vec<String>,
    pub missing: Vec<(String, Vec<String>)>,
    pub excess: Vec<String>,
}

/// The rules of every flow, converted to strings.
pub fn rules() -> Vec<NaiveRule> {
    Flow::ALL
        .iter()
        .map(|flow| {
            let rule = flow.privileges();
            let open = flow.open();
            NaiveRule {
                open_scopes: open.scopes().scopes().map(|(_, n)| n.to_string()).collect(),
                open_levels: open
                    .levels()
                    .filter(|(_, l)| *l != AccessLevel::NoAccess)
                    .map(|(a, l)| (a.id().to_string(), l as u8))
                    .collect(),
                open_flags: open
                    .flags()
                    .flags()
                    .map(|f| f.id().unwrap().to_string())
                    .collect(),
                flow: flow.id().to_string(),
                scopes: rule.scopes().scopes().map(|(_, n)| n.to_string()).collect(),
                levels: rule
                    .levels()
                    .filter(|(_, l)| *l != AccessLevel::NoAccess)
                    .map(|(a, l)| (a.id().to_string(), l as u8))
                    .collect(),
                flags: rule
                    .flags()
                    .flags()
                    .map(|f| f.id().unwrap().to_string())
                    .collect(),
            }
        })
        .collect()
}

/// A crate grant, converted to strings.
pub fn grant(privileges: &Privileges) -> NaiveGrant {
    NaiveGrant {
        scopes: privileges
            .scopes()
            .scopes()
            .map(|(_, n)| n.to_string())
            .collect(),
        levels: privileges
            .levels()
            .filter(|(_, l)| *l != AccessLevel::NoAccess)
            .map(|(a, l)| (a.id().to_string(), l as u8))
            .collect(),
        flags: privileges
            .flags()
            .flags()
            .map(|f| f.id().unwrap().to_string())
            .collect(),
    }
}

/// The wide scopes, which `all:standard` is not taken to cover.
const WIDE: [&str; 5] = [
    "all",
    "all:standard",
    "all:teams",
    "admin",
    "admin:webhooks",
];

/// The naive check of `flows` (ids) against `grant`. A need is missing only when nothing in
/// the grant could cover it: not the scope itself, not `all`, nor the unconfirmed `admin`,
/// `all:standard` (every scope but the wide ones) or `edit:X` for `read:X`; not the level or
/// flag itself, nor the unconfirmed Administrator flag.
pub fn evaluate(rules: &[NaiveRule], flows: &[String], grant: &NaiveGrant) -> NaiveReport {
    let has_all = grant.scopes.contains("all") || grant.scopes.contains("admin");
    let standard = grant.scopes.contains("all:standard");
    let may_have = |scope: &String| {
        has_all
            || grant.scopes.contains(scope)
            || (standard && !WIDE.contains(&scope.as_str()))
            || scope
                .strip_prefix("read:")
                .is_some_and(|object| grant.scopes.contains(&format!("edit:{object}")))
    };
    let administrator = grant.flags.contains("administrator");
    let selected: Vec<&NaiveRule> = rules.iter().filter(|r| flows.contains(&r.flow)).collect();
    let mut report = NaiveReport::default();

    // Union of what the selected flows need.
    let mut need_scopes: Vec<String> = Vec::new();
    let mut need_levels: HashMap<String, u8> = HashMap::new();
    let mut need_flags: Vec<String> = Vec::new();
    let mut open_scopes: Vec<String> = Vec::new();
    let mut open_levels: HashMap<String, u8> = HashMap::new();
    let mut open_flags: Vec<String> = Vec::new();
    for rule in &selected {
        open_scopes.extend(rule.open_scopes.iter().cloned());
        open_flags.extend(rule.open_flags.iter().cloned());
        for (area, level) in &rule.open_levels {
            let entry = open_levels.entry(area.clone()).or_insert(0);
            *entry = (*entry).max(*level);
        }
        for scope in &rule.scopes {
            if !need_scopes.contains(scope) {
                need_scopes.push(scope.clone());
            }
        }
        for (area, level) in &rule.levels {
            let entry = need_levels.entry(area.clone()).or_insert(0);
            *entry = (*entry).max(*level);
        }
        for flag in &rule.flags {
            if !need_flags.contains(flag) {
                need_flags.push(flag.clone());
            }
        }
    }

    for rule in &selected {
        let scopes_ok = rule.scopes.iter().all(may_have);
        let levels_ok = administrator
            || rule
                .levels
                .iter()
                .all(|(a, l)| grant.levels.get(a).copied().unwrap_or(0) >= *l);
        let flags_ok = administrator || rule.flags.iter().all(|f| grant.flags.contains(f));
        if !(scopes_ok && levels_ok && flags_ok) {
            report.blocked.push(rule.flow.clone());
        }
    }

    for scope in &need_scopes {
        if !may_have(scope) {
            let by = selected
                .iter()
                .filter(|r| r.scopes.contains(scope))
                .map(|r| r.flow.clone())
                .collect();
            report.missing.push((format!("scope:{scope}"), by));
        }
    }
    for (area, level) in &need_levels {
        let granted = grant.levels.get(area).copied().unwrap_or(0);
        if !administrator && granted < *level {
            let by = selected
                .iter()
                .filter(|r| r.levels.get(area).copied().unwrap_or(0) > granted)
                .map(|r| r.flow.clone())
                .collect();
            report
                .missing
                .push((format!("access:{area}:{granted}->{level}"), by));
        }
    }
    for flag in &need_flags {
        if !administrator && !grant.flags.contains(flag) {
            let by = selected
                .iter()
                .filter(|r| r.flags.contains(flag))
                .map(|r| r.flow.clone())
                .collect();
            report.missing.push((format!("flag:{flag}"), by));
        }
    }

    // With no flow selected, nothing is judged beyond need.
    if selected.is_empty() {
        return report;
    }
    for scope in &grant.scopes {
        if !need_scopes.contains(scope) && !open_scopes.contains(scope) {
            report.excess.push(format!("scope:{scope}"));
        }
    }
    for (area, level) in &grant.levels {
        let needed = need_levels.get(area).copied().unwrap_or(0);
        let open = open_levels.get(area).copied().unwrap_or(0);
        if *level > needed.max(open) {
            report
                .excess
                .push(format!("access:{area}:{level}->{needed}"));
        }
    }
    for flag in &grant.flags {
        if !need_flags.contains(flag) && !open_flags.contains(flag) {
            report.excess.push(format!("flag:{flag}"));
        }
    }
    report
}

/// The crate's report in the naive form, sorted like `normalize` sorts the naive one.
pub fn from_crate(report: &Report) -> NaiveReport {
    use halopsa_privileges::Finding;
    let ids =
        |flows: halopsa_privileges::Flows| flows.flows().map(|f| f.id().to_string()).collect();
    let item = |finding: &Finding| match *finding {
        Finding::Scope { scope, .. } => format!("scope:{}", scope.name().unwrap()),
        Finding::Access {
            area,
            granted,
            required,
            ..
        } => format!(
            "access:{}:{}->{}",
            area.id(),
            granted.at_least() as u8,
            required as u8
        ),
        Finding::Flag { flag, .. } => format!("flag:{}", flag.id().unwrap()),
        _ => unreachable!(),
    };
    normalize(NaiveReport {
        blocked: ids(report.blocked()),
        missing: report
            .missing()
            .map(|f| (item(&f), ids(f.needed_by())))
            .collect(),
        excess: report.excess().map(|f| item(&f)).collect(),
    })
}

/// Sorts every list, so that hash-map order does not matter.
pub fn normalize(mut report: NaiveReport) -> NaiveReport {
    report.blocked.sort();
    for (_, by) in &mut report.missing {
        by.sort();
    }
    report.missing.sort();
    report.excess.sort();
    report
}
