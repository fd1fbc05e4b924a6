//! The audit as a self-contained HTML page: verdict per flow, findings, and the steps grouped by
//! screen, each screen as a breadcrumb and each step with the control to set.
//!
//! Role names and notes come from people's files, so the page is built with `maud`, which
//! escapes every spliced value by construction; nothing here writes raw HTML from input.

use halopsa_privileges::MAX_LINES;
use halopsa_privileges::{
    AccessLevel, AgentFlags, Area, Decision, GrantFile, Item, Known, Plan, Record, Screen, Step,
    Verdict,
};
use maud::{html, Markup, DOCTYPE};

/// The heading of what a grant file says of things this crate does not model.
pub(crate) const NOT_MODELED: &str = "Not used by Datagate's flows (areas and scopes this crate \
     does not model; the article says nothing of them, so they are listed, not evaluated; a \
     scope ticked, or an area above No Access, is more than these flows need):";

/// The heading of what the calls the backend made show.
pub(crate) const CALLS: &str = "What the calls to HaloPSA show (a success proves the call's \
     scope; a refusal only makes it suspect):";

/// The page's style: inline, so the page needs nothing else.
const STYLE: &str = r#"
body { font: 15px/1.45 system-ui, sans-serif; color: #1d2430; margin: 2rem auto; max-width: 62rem; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin-bottom: .25rem; }
h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #d9dee7; padding-bottom: .25rem; }
.result { font-weight: 600; padding: .5rem .75rem; border-radius: 6px; display: inline-block; }
.result.blocked { background: #fde8e8; color: #9b1c1c; }
.result.unverified { background: #fff6db; color: #8a5a00; }
.result.ok { background: #e3f6e8; color: #1e6b34; }
table { border-collapse: collapse; margin-top: .75rem; }
td, th { text-align: left; padding: .35rem .9rem .35rem 0; border-bottom: 1px solid #eef0f4; }
.verdict { font-weight: 600; border-radius: 4px; padding: .1rem .5rem; font-size: .85rem; }
.verdict.runs { background: #e3f6e8; color: #1e6b34; }
.verdict.blocked { background: #fde8e8; color: #9b1c1c; }
.verdict.unverified { background: #fff6db; color: #8a5a00; }
.screen { margin-top: 1.25rem; border: 1px solid #d9dee7; border-radius: 8px; overflow: hidden; }
.crumbs { background: #f3f5f9; padding: .5rem .75rem; font-size: .9rem; }
.depends { padding: 0 .75rem; }
.crumbs .product { font-weight: 700; }
.crumbs .sep { color: #8a94a6; margin: 0 .35rem; }
.crumbs .record { font-weight: 600; color: #0b5cad; }
.crumbs .tab { background: #fff; border: 1px solid #cfd6e2; border-radius: 4px; padding: 0 .35rem; }
ol.steps { margin: 0; padding: .5rem .75rem .5rem 2.25rem; }
ol.steps li { margin: .5rem 0; }
.control { display: inline-block; margin-top: .2rem; font-size: .88rem; border: 1px solid #cfd6e2; border-radius: 4px; padding: .1rem .45rem; background: #fbfcfe; }
.control .label { font-weight: 600; }
.control .kind { color: #6b7486; }
.control .value { font-weight: 600; color: #0b5cad; }
.notes { white-space: pre-wrap; background: #f7f7f2; border-left: 3px solid #c9c39b; padding: .5rem .75rem; }
.muted { color: #6b7486; }
"#;

/// The whole page.
pub fn page(decision: &Decision) -> String {
    let plan = &decision.plan();
    let (file, calls) = (decision.grant_file(), decision.calls());
    let report = plan.report();
    let notes: Vec<&str> = decision.notes().collect();
    let (class, result) = if report.flows().is_empty() {
        ("unverified", "Nothing checked: no flow was selected")
    } else if !report.blocked().is_empty() {
        ("blocked", "Blocked: some flows cannot run")
    } else if !report.unverified().is_empty() {
        (
            "unverified",
            "Unverified: some flows cannot be verified from what is known",
        )
    } else if report.is_least_privilege() && report.open_points().next().is_some() {
        (
            "ok",
            "OK: every flow runs, with exactly the least privilege the article states (it \
             leaves points open: see below)",
        )
    } else if report.is_least_privilege() {
        (
            "ok",
            "OK: every flow runs, with exactly the least privilege",
        )
    } else {
        ("ok", "OK: every flow runs")
    };
    let findings = [
        (
            "Missing",
            report.missing().map(|f| f.to_string()).collect::<Vec<_>>(),
        ),
        (
            "Granted beyond need",
            report.excess().map(|f| f.to_string()).collect(),
        ),
        (
            "May be beyond need (known only in part; not lowered)",
            report.may_exceed().map(|f| f.to_string()).collect(),
        ),
        (
            "Not proven, needed by the flows (check them, or grant them outright)",
            report
                .to_verify()
                .map(|f| report.explain(&f).to_string())
                .collect(),
        ),
        (
            "Not confirmed about HaloPSA (so the items above are not reported missing)",
            report
                .assumptions()
                .map(|a| format!("{}: {}", a.title(), a.source()))
                .collect(),
        ),
    ];
    let open: Vec<_> = report.open().collect();
    let markup = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { "HaloPSA privileges for Datagate" }
                style { (maud::PreEscaped(STYLE)) }
            }
            body {
                h1 { "HaloPSA privileges for Datagate" }
                p { span class={ "result " (class) } { (result) } }
                @if let Some(notes) = file.notes() {
                    p class="notes" { (notes) }
                }
                @if !file.sources().is_empty() {
                    p class="muted" {
                        "Grant from "
                        @for (i, source) in file.sources().iter().take(MAX_LINES).enumerate() {
                            @if i > 0 { ", " }
                            @if source.is_agent() { "the agent" } @else { "role" }
                            @if let Some(name) = source.name() { " " strong { (name) } }
                        }
                        @if file.sources().len() > MAX_LINES {
                            ", and " (file.sources().len() - MAX_LINES) " more"
                        }
                        "; HaloPSA applies the highest setting of any of them."
                    }
                }
                @if !file.sources().is_empty() {
                    h2 { "Effective agent settings (the highest of the agent and its roles)" }
                    ul { @for line in effective_settings(file) { li { (line) } } }
                } @else if !report.known().intersects(Known::AGENT) {
                    p class="muted" {
                        "Only the application's scopes are known (for a token response, its "
                        code { "scope" } " field): nothing is known of the agent's access levels "
                        "and settings, so the flows that need them cannot be verified."
                    }
                }
                @if !file.not_modeled().is_empty() {
                    p { (NOT_MODELED) }
                    ul { @for line in capped(file.not_modeled().iter().cloned()) { li { (line) } } }
                }
                @if !calls.is_empty() {
                    p { (CALLS) }
                    ul { @for line in capped(calls.iter().map(halopsa_privileges::Call::explain)) { li { (line) } } }
                }
                h2 { "Flows" }
                table {
                    tr { th { "Flow" } th { "Verdict" } }
                    @for flow in report.flows().flows() {
                        tr {
                            td { (flow.title()) }
                            td { (verdict(report.verdict(flow))) }
                        }
                    }
                }
                @for (title, items) in &findings {
                    @if !items.is_empty() {
                        h2 { (title) }
                        ul { @for item in items { li { (item) } } }
                    }
                }
                @if report.open_points().next().is_some() {
                    h2 { "Left open by the article (neither required nor lowered)" }
                    ul {
                        @for point in report.open_points() {
                            li {
                                strong { (point.title()) }
                                " (" ((point.flows() & report.flows()).titles()) ")"
                                ul {
                                    @for item in open.iter().filter(|item| point.leaves_open(item)) {
                                        li { (maud::display(report.state_of(item))) }
                                    }
                                }
                                p class="muted" { (point.question()) }
                                p class="muted" { "Beyond the article: " (point.beyond_article()) }
                                p { "The customer's choice: " (point.decision()) }
                            }
                        }
                    }
                }
                h2 { "What to do" }
                (steps(plan))
                (dependences(plan))
                @if !decision.probes().is_empty() {
                    h2 { "Read-only calls that would settle what is not known" }
                    p class="muted" {
                        "Datagate can make these calls and give the answers back; none writes."
                    }
                    ul {
                        @for probe in decision.probes() {
                            li {
                                code { (probe.method()) " " (probe.path()) }
                                " settles " (probe.settles().to_string())
                                @if !probe.needed_by().is_empty() {
                                    " (needed by " (probe.needed_by().titles()) ")"
                                }
                                ul {
                                    li { "Success: " (probe.if_success()) }
                                    li { "401 or 403: " (probe.if_refused()) }
                                    @if let Some(empty) = probe.if_empty() {
                                        li { "Empty list: " (empty) }
                                    }
                                }
                            }
                        }
                    }
                }
                @if !notes.is_empty() {
                    h2 { "Notes on the inputs" }
                    ul { @for note in &notes { li { (note) } } }
                }
            }
        }
    };
    markup.into_string()
}

/// A verdict as a coloured badge.
fn verdict(verdict: Verdict) -> Markup {
    let class = match verdict {
        Verdict::Runs => "runs",
        Verdict::Blocked => "blocked",
        _ => "unverified",
    };
    html! { span class={ "verdict " (class) } { (maud::display(verdict)) } }
}

/// The shared roles the flows depend on: works now, with the optional steps that make
/// Datagate independent of each.
fn dependences(plan: &Plan<'_>) -> Markup {
    let found = plan.dependences();
    html! {
        @if !found.is_empty() {
            h2 { "Depends on roles shared with people" }
            p class="muted" {
                "Works now, nothing to fix. The day someone changes one of these roles, the flows \
                 named stop; the optional steps make Datagate independent of it."
            }
            @for dependence in found.iter().take(MAX_LINES) {
                section class="screen depends" {
                    p { (maud::display(dependence)) "." }
                    p class="muted" { "Optional:" }
                    ol class="steps" type="a" {
                        @for step in dependence.steps() {
                            li { (maud::display(step)) br; (control(step.step())) }
                        }
                    }
                }
            }
        }
    }
}

/// The steps grouped by screen, numbered across the page.
fn steps(plan: &Plan<'_>) -> Markup {
    let groups = plan.grouped();
    let mut number = 0;
    html! {
        @if groups.is_empty() && plan.report().open_points().next().is_some() {
            p { "Nothing to change for what the article states (see the open points above)." }
        } @else if groups.is_empty() {
            p { "Nothing to change." }
        }
        @for (screens, list) in &groups {
            @let screen = &screens[0];
            section class="screen" {
                div class="crumbs" { (breadcrumb(screen)) }
                @if screens.len() > 1 {
                    p class="muted" {
                        "The same on each of " (screens.len()) " roles: "
                        @for (i, other) in screens.iter().take(MAX_LINES).enumerate() {
                            @if i > 0 { ", " }
                            strong { (maud::display(other.record())) }
                        }
                        @if screens.len() > MAX_LINES { ", and " (screens.len() - MAX_LINES) " more" }
                    }
                }
                ol class="steps" start=(number + 1) {
                    @for step in list {
                        li {
                            ({ number += 1; step_text(plan, step, screen) })
                            @if let Some(role) = plan.moved_from(step) {
                                " (role " strong { (role) } " gives it now, and is taken off the agent below)"
                            }
                            br;
                            (control(step))
                        }
                    }
                }
            }
        }
    }
}

/// A step's sentence under its screen; a check's says where its fix goes, as the plan places it.
fn step_text(plan: &Plan<'_>, step: &Step, screen: &Screen<'_>) -> Markup {
    let text = step.text_on(screen);
    match plan.if_check_fails(step) {
        Some(fix) => {
            html! { (maud::display(text.if_fails_on(fix.screens(), plan.role_to_create()))) }
        }
        None => html! { (maud::display(text)) },
    }
}

/// Product > path > record > tab.
fn breadcrumb(screen: &Screen<'_>) -> Markup {
    html! {
        span class="product" { (screen.product().name()) }
        @for segment in screen.path() {
            span class="sep" { "›" } span { (segment) }
        }
        @if screen.record() != Record::Page {
            span class="sep" { "›" } span class="record" { (maud::display(screen.record())) }
        }
        @if let Some(tab) = screen.tab() {
            span class="sep" { "›" } span class="tab" { (tab) }
        }
    }
}

/// The control a step sets: label, kind and value.
fn control(step: &Step) -> Markup {
    let control = step.control();
    html! {
        span class="control" {
            span class="label" { (maud::display(control.label())) }
            " "
            span class="kind" { "(" (control.kind().id()) ")" }
            " → "
            span class="value" { (maud::display(control.value())) }
        }
    }
}

/// The effective agent settings of a grant file, one line each: levels above No Access (with
/// their bounds when known only in part), settings that are Yes, and what is not known. An
/// unknown setting is never written "= Yes".
pub(crate) fn effective_settings(file: &GrantFile) -> Vec<String> {
    let grant = file.grant();
    let mut lines = Vec::new();
    for area in Area::ALL {
        let bounds = grant.level(area);
        match bounds.exact_level() {
            Some(AccessLevel::NoAccess) => {}
            Some(level) => lines.push(Item::Access(area, level).to_string()),
            None if bounds.is_unknown() => lines.push(format!("{area} Access Level: not known")),
            None => lines.push(format!("{area} Access Level: {bounds}")),
        }
    }
    for flag in AgentFlags::all().flags() {
        match grant.has_flag(flag) {
            Some(true) => lines.push(Item::Flag(flag, true).to_string()),
            Some(false) => {}
            None => {
                let section = flag.section().unwrap_or_default();
                let label = flag.label().unwrap_or_default();
                lines.push(format!("{section}: {label}: not known"));
            }
        }
    }
    if lines.is_empty() {
        lines.push("nothing above No Access".to_string());
    }
    lines
}

/// The first [`MAX_LINES`](halopsa_privileges::MAX_LINES) of `lines`, then one line counting
/// the rest: a list stays short whatever the input holds (the JSON report has them all where
/// they are facts, such as the calls).
pub(crate) fn capped(lines: impl ExactSizeIterator<Item = String>) -> Vec<String> {
    let total = lines.len();
    let mut out: Vec<String> = lines.take(halopsa_privileges::MAX_LINES).collect();
    if total > out.len() {
        out.push(format!("and {} more", total - out.len()));
    }
    out
}
