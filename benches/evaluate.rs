//! Criterion benches of the hot path, side by side with a naive string-based version.
//!
//! Run with `cargo bench --bench evaluate`. Bench ids are stable so figures compare across
//! versions.

use std::fmt::Write as _;
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use halopsa_privileges::{
    required_for, AccessLevel, AgentFlags, Area, Flow, Flows, Grant, Known, LevelBounds,
    Privileges, Report, Scopes,
};
use halopsa_privileges::{GrantFile, Plan, Source};

mod naive;

/// The partial grant of the budgets: `read:customers read:items read:invoices`, Clients, Items
/// and Invoices at Read, no flags.
fn partial_grant() -> Privileges {
    Privileges::none()
        .with_scopes(Scopes::READ_CUSTOMERS | Scopes::READ_ITEMS | Scopes::READ_INVOICES)
        .with_level(Area::Clients, AccessLevel::Read)
        .with_level(Area::Items, AccessLevel::Read)
        .with_level(Area::Invoices, AccessLevel::Read)
}

/// A token's scope string: 20 scopes, OpenID ones among them.
const TOKEN_SCOPES: &str = "openid email profile offline_access roles read:customers \
    read:items read:invoices edit:invoices read:assets read:tickets edit:tickets read:crm \
    read:contracts read:suppliers read:projects read:sales read:quotes read:reporting read:kb";

/// DESIGN.md's example grant.
const PRIVILEGES_JSON: &str = r#"{ "scopes": "read:customers read:items",
  "access": { "clients": "read", "invoices": "Read, Create, Modify and Delete" },
  "flags": ["all-asset-types"] }"#;

/// Walks the missing, excess and to-verify findings of a report with their `needed_by`.
fn walk(report: &Report) -> (Flows, Flows) {
    let mut needed_by = Flows::empty();
    for finding in report
        .missing()
        .chain(report.excess())
        .chain(report.to_verify())
    {
        needed_by |= black_box(finding).needed_by();
    }
    (report.unverified(), needed_by)
}

fn benches(c: &mut Criterion) {
    let granted = partial_grant();

    let mut group = c.benchmark_group("required_for");
    group.bench_function("single_flow", |b| {
        b.iter(|| *required_for(black_box(Flow::InvoiceExportMultiline)).privileges())
    });
    group.bench_function("all_flows", |b| {
        b.iter(|| required_for(black_box(Flows::all())))
    });
    group.finish();

    let mut group = c.benchmark_group("evaluate");
    group.bench_function("all_flows_partial_grant", |b| {
        b.iter(|| required_for(black_box(Flows::all())).evaluate(black_box(&granted)))
    });
    let customers = *required_for(Flow::CustomersSync).privileges();
    group.bench_function("single_flow_satisfied", |b| {
        b.iter(|| required_for(black_box(Flow::CustomersSync)).evaluate(black_box(&customers)))
    });
    // What the backend knows right after the token exchange: the scopes, nothing of the agent.
    let (token, _) = Grant::from_token_scope(TOKEN_SCOPES);
    group.bench_function("partial_token_only", |b| {
        b.iter(|| {
            required_for(black_box(Flows::all()))
                .evaluate_partial(black_box(token.privileges()), black_box(Known::APPLICATION))
        })
    });
    group.bench_function("partial_token_only_with_findings", |b| {
        b.iter(|| {
            let report = required_for(black_box(Flows::all()))
                .evaluate_partial(black_box(token.privileges()), black_box(Known::APPLICATION));
            walk(&report)
        })
    });
    // An agent and two roles as bounds: the agent known, one role known, one role whose
    // Invoices level is only known to be at least Read.
    let agent = Grant::full(partial_grant().without_scopes(Scopes::all()));
    let role = Grant::full(
        Privileges::none()
            .with_level(Area::Assets, AccessLevel::Read)
            .with_flags(AgentFlags::ALL_ASSET_TYPES),
    );
    let partly = Grant::unknown()
        .with_scopes(Scopes::all(), Some(false))
        .with_level(
            Area::Invoices,
            LevelBounds::from_at_least(AccessLevel::Read),
        );
    let token = Grant::full(Privileges::none().with_scopes(granted.scopes()));
    let roles = token.meet_layers(&agent.join(&role).join(&partly));
    group.bench_function("bounds_roles", |b| {
        b.iter(|| required_for(black_box(Flows::all())).evaluate_grant(black_box(&roles)))
    });
    group.bench_function("bounds_roles_with_findings", |b| {
        b.iter(|| {
            let report = required_for(black_box(Flows::all())).evaluate_grant(black_box(&roles));
            walk(&report)
        })
    });
    group.bench_function("with_findings", |b| {
        b.iter(|| {
            let report = required_for(black_box(Flows::all())).evaluate(black_box(&granted));
            let mut blocked_by = Flows::empty();
            for finding in report.missing() {
                blocked_by |= black_box(finding).needed_by();
            }
            for finding in report.excess() {
                blocked_by |= black_box(finding).needed_by();
            }
            (report.blocked(), blocked_by)
        })
    });
    // The same walk as one chained iterator, the way it is most naturally written.
    group.bench_function("with_findings_chained", |b| {
        b.iter(|| {
            let report = required_for(black_box(Flows::all())).evaluate(black_box(&granted));
            let mut blocked_by = Flows::empty();
            for finding in report.missing().chain(report.excess()) {
                blocked_by |= black_box(finding).needed_by();
            }
            (report.blocked(), blocked_by)
        })
    });
    group.finish();

    let report = required_for(Flows::all()).evaluate(&granted);
    let mut group = c.benchmark_group("report");
    group.bench_function("iterate_findings", |b| {
        b.iter(|| {
            let report = black_box(&report);
            let missing = report.missing().map(|f| f.needed_by().bits()).sum::<u8>();
            let excess = report.excess().count();
            let steps = report
                .remediation()
                .map(|s| s.unblocks().bits())
                .sum::<u8>();
            (missing, excess, steps)
        })
    });
    let mut text = String::with_capacity(8192);
    group.bench_function("display", |b| {
        b.iter(|| {
            text.clear();
            write!(text, "{}", black_box(&report)).unwrap();
            text.len()
        })
    });
    group.finish();

    let mut group = c.benchmark_group("parse");
    group.bench_function("token_scopes", |b| {
        b.iter(|| black_box(TOKEN_SCOPES).parse::<Scopes>())
    });
    group.bench_function("privileges_json", |b| {
        b.iter(|| serde_json::from_str::<Privileges>(black_box(PRIVILEGES_JSON)))
    });
    group.finish();

    // Planning is linear in the agent's roles: an agent with 20,000 roles, each holding an
    // excess, as text and as JSON.
    let mut sources = vec![Source::agent(
        Privileges::none().with_level(Area::Clients, AccessLevel::Read),
        Known::AGENT,
    )];
    for i in 0..20_000 {
        sources.push(Source::role(
            format!("Role {i}"),
            Privileges::none().with_level(Area::Quotations, AccessLevel::Read),
            Known::AGENT,
        ));
    }
    let file = GrantFile::from_sources(Some(Scopes::READ_CUSTOMERS), sources);
    let report = required_for(Flows::CUSTOMERS_SYNC).evaluate_grant(&file.grant());
    let mut group = c.benchmark_group("plan");
    group.sample_size(10);
    group.bench_function("roles_20k_text", |b| {
        b.iter(|| Plan::new(black_box(report), Some(&file)).to_string().len())
    });
    group.bench_function("roles_20k_json", |b| {
        b.iter(|| {
            serde_json::to_string(&Plan::new(black_box(report), Some(&file)))
                .unwrap()
                .len()
        })
    });
    group.finish();

    let rules = naive::rules();
    let naive_grant = naive::grant(&granted);
    let all_flows: Vec<String> = Flow::ALL.iter().map(|f| f.id().to_string()).collect();
    let mut group = c.benchmark_group("naive");
    group.bench_function("all_flows_partial_grant", |b| {
        b.iter(|| {
            naive::evaluate(
                black_box(&rules),
                black_box(&all_flows),
                black_box(&naive_grant),
            )
        })
    });
    group.finish();
}

criterion_group!(all, benches);
criterion_main!(all);
