//! The text report: `Display` for [`Report`] and [`Plan`].

use alloc::vec::Vec;
use core::fmt;

use crate::model::{Area, Finding, Findings, Grant, Known, Report, Requirements, Scopes, Step};
use crate::presentation::Plan;

impl fmt::Display for Report {
    /// A text report: the verdict per flow (runs, blocked, cannot be verified from what is
    /// known), what is missing, what is granted beyond need, what is not known, what the article
    /// leaves open, and the numbered steps grouped by screen. A [`Plan`] also names the agent
    /// and roles to change.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Plan::new(*self, None).fmt(f)
    }
}

impl fmt::Display for Plan<'_> {
    /// The text report of [`Report`], with each step on the agent or role it concerns.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let report = self.report();
        let unmodeled = self
            .file()
            .is_some_and(|file| !file.not_modeled().is_empty());
        if write_verdicts(f, report, unmodeled)? {
            write_steps(f, self)?;
            crate::presentation::dependence::write_text(f, self)?;
        }
        Ok(())
    }
}

/// The verdicts and findings; `false` when nothing was checked (then nothing follows).
fn write_verdicts(
    f: &mut fmt::Formatter<'_>,
    report: &Report,
    unmodeled: bool,
) -> Result<bool, fmt::Error> {
    let total = report.flows().iter().count();
    writeln!(f, "HaloPSA privileges for: {}", report.flows().titles())?;
    let blocked = report.blocked().iter().count();
    let unverified = report.unverified().iter().count();
    if total == 0 {
        f.write_str(
            "Result: NOTHING CHECKED (no flow was selected, so this report says nothing about \
             the grant; select the flows Datagate runs)\n",
        )?;
        return Ok(false);
    }
    if blocked > 0 {
        writeln!(f, "Result: BLOCKED ({blocked} of {total} flows cannot run)")?;
    } else if unverified > 0 {
        writeln!(
            f,
            "Result: UNVERIFIED (nothing known blocks a flow, but {unverified} of {total} flows \
             cannot be verified from what is known)"
        )?;
    } else if report.is_least_privilege() && unmodeled {
        writeln!(
            f,
            "Result: OK (every flow can run, with exactly the least privilege of what this crate \
             models; the grant also names areas or scopes it does not model)"
        )?;
    } else if report.is_least_privilege() && report.open_points().next().is_some() {
        writeln!(
            f,
            "Result: OK (every flow can run, with exactly the least privilege the article \
             states; it leaves points open, listed below)"
        )?;
    } else if report.is_least_privilege() {
        writeln!(
            f,
            "Result: OK (every flow can run, with exactly the least privilege)"
        )?;
    } else if report.excess().next().is_some() {
        writeln!(
            f,
            "Result: OK, OVER-PRIVILEGED (every flow can run; some privileges are granted beyond \
             need)"
        )?;
    } else {
        writeln!(
            f,
            "Result: OK (every flow can run; not all of the grant is known, so privileges beyond \
             need may be granted where it is not known)"
        )?;
    }
    writeln!(f, "  Runs:     {}", report.runnable().titles())?;
    writeln!(f, "  Blocked:  {}", report.blocked().titles())?;
    writeln!(
        f,
        "  Cannot be verified from what is known: {}",
        report.unverified().titles()
    )?;
    let grant = report.grant();
    let wholly = Known::all()
        .difference(grant.known())
        .difference(in_part(&grant));
    if !wholly.is_empty() {
        writeln!(
            f,
            "  Not known: {}",
            Unknown(Known::all().difference(wholly))
        )?;
    }
    for (i, area) in Area::ALL
        .into_iter()
        .filter(|area| in_part(&grant).has_area(*area))
        .enumerate()
    {
        let sep = if i == 0 { "  Known in part: " } else { "; " };
        write!(f, "{sep}{area} Access Level {}", grant.level(area))?;
    }
    if !in_part(&grant).is_empty() {
        f.write_str("\n")?;
    }
    write_list(f, "Missing", report.missing())?;
    for (i, finding) in report.excess().enumerate() {
        if i == 0 {
            writeln!(f, "\nGranted beyond need:")?;
        }
        write!(f, "  - {finding}")?;
        if let Finding::Access { area, required, .. } = finding {
            let open = Requirements::of(report.flows()).open().level(area);
            if open > required {
                write!(
                    f,
                    " (the article leaves up to \"{open}\" open, so it is lowered to that)"
                )?;
            }
        }
        f.write_str("\n")?;
    }
    write_list(
        f,
        "May be beyond need (known only in part; not lowered)",
        report.may_exceed(),
    )?;
    for (i, finding) in report.to_verify().enumerate() {
        if i == 0 {
            writeln!(
                f,
                "\nNot proven, needed by the flows (check them, or grant them outright):"
            )?;
        }
        writeln!(f, "  - {}", report.explain(&finding))?;
    }
    for (i, assumption) in report.assumptions().enumerate() {
        if i == 0 {
            writeln!(
                f,
                "\nNot confirmed about HaloPSA (so the items above are not reported missing):"
            )?;
        }
        writeln!(f, "  - {}: {}", assumption.title(), assumption.source())?;
    }
    write_open(f, report)?;
    Ok(true)
}

/// The areas known only in part: neither exact nor wholly unknown.
fn in_part(grant: &Grant) -> Known {
    let mut known = Known::empty();
    for area in Area::ALL {
        let bounds = grant.level(area);
        if bounds.exact_level().is_none() && !bounds.is_unknown() {
            known |= Known::area(area);
        }
    }
    known
}

/// The steps, grouped by screen: each screen once as a heading, its steps numbered below it.
fn write_steps(f: &mut fmt::Formatter<'_>, plan: &Plan<'_>) -> fmt::Result {
    let groups = plan.grouped();
    if groups.is_empty() && plan.report().open_points().next().is_some() {
        return f.write_str(
            "\nNothing to change for what the article states (see the open points above).\n",
        );
    }
    if groups.is_empty() {
        return f.write_str("\nNothing to change.\n");
    }
    f.write_str("\nTo fix (each screen once, steps numbered):\n")?;
    let mut number = 0;
    for (screens, list) in &groups {
        let screen = &screens[0];
        writeln!(
            f,
            "\n  In {}:",
            crate::presentation::screen_groups::Heading(screens)
        )?;
        for step in list {
            number += 1;
            write!(f, "    {number}. ")?;
            match summary(plan.report(), step) {
                Some(kept) => writeln!(f, "{kept}")?,
                None => match plan.if_check_fails(step) {
                    Some(fix) => write!(
                        f,
                        "{}",
                        step.text_on(screen)
                            .if_fails_on(fix.screens(), plan.role_to_create())
                    )?,
                    None => write!(f, "{}", step.text_on(screen))?,
                },
            }
            if let Some(role) = plan.moved_from(step) {
                write!(
                    f,
                    " (role \"{}\" gives it now, and is taken off the agent below)",
                    crate::common::text::Shown(role)
                )?;
            }
            if summary(plan.report(), step).is_none() {
                f.write_str("\n")?;
            }
        }
    }
    Ok(())
}

/// A short and exact form of a step that unticks many scopes: "every ticked scope except ...",
/// when that names fewer scopes.
fn summary(report: &Report, step: &Step) -> Option<KeepOnly> {
    let Step::RevokeScopes { scopes } = *step else {
        return None;
    };
    let kept = report.granted().scopes().difference(scopes);
    let shorter = kept.iter().count() + 1 < scopes.iter().count();
    shorter.then_some(KeepOnly {
        kept,
        all: scopes.contains(Scopes::ALL),
    })
}

/// "Untick every scope except ...".
struct KeepOnly {
    kept: Scopes,
    all: bool,
}

impl fmt::Display for KeepOnly {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.kept.scopes().map(|(_, name)| name).collect();
        if names.is_empty() {
            f.write_str("Untick every scope (none is needed)")?;
        } else {
            f.write_str("Untick every scope except ")?;
            for (i, name) in names.iter().enumerate() {
                let sep = match i {
                    0 => "",
                    _ if i + 1 == names.len() => " and ",
                    _ => ", ",
                };
                write!(f, "{sep}{name}")?;
            }
            f.write_str(" (the others are not needed)")?;
        }
        if self.all {
            f.write_str(" (before unticking all, make sure every scope the flows need is ticked on its own)")?;
        }
        Ok(())
    }
}

/// Writes a titled bullet list of findings, or nothing when there are none.
fn write_list(f: &mut fmt::Formatter<'_>, title: &str, findings: Findings) -> fmt::Result {
    for (i, finding) in findings.enumerate() {
        if i == 0 {
            writeln!(f, "\n{title}:")?;
        }
        writeln!(f, "  - {finding}")?;
    }
    Ok(())
}

/// Every open point that concerns a checked flow, granted or not: its items with the grant's
/// state, and why the article leaves it open.
fn write_open(f: &mut fmt::Formatter<'_>, report: &Report) -> fmt::Result {
    let open: Vec<Finding> = report.open().collect();
    for (i, point) in report.open_points().enumerate() {
        if i == 0 {
            writeln!(
                f,
                "\nLeft open by the article (neither required nor lowered; decide with the \
                 customer):"
            )?;
        }
        let flows = point.flows() & report.flows();
        writeln!(f, "  - {} ({}):", point.title(), flows.titles())?;
        for finding in open.iter().filter(|item| point.leaves_open(item)) {
            writeln!(f, "      {}", report.state_of(finding))?;
        }
        writeln!(f, "      {}", point.question())?;
        writeln!(f, "      Beyond the article: {}", point.beyond_article())?;
        writeln!(f, "      The customer's choice: {}", point.decision())?;
    }
    Ok(())
}

impl Report {
    /// An item to verify as a line: what is known of it, what the flows need, and which flows:
    /// `Asset Type Restrictions: Allow use of all Asset Types: not known; needed: Yes; needed by
    /// Service Items (Assets) sync`. An unknown setting is never written "= Yes".
    pub fn explain(&self, finding: &Finding) -> impl fmt::Display {
        Explained(self.grant(), *finding)
    }

    /// An item with the grant's state for it, as a line: `Allow use of all Clients: not known`,
    /// `Assets Access Level: at least Read`, `scope read:assets: Yes`. For the items of
    /// [`open`](Report::open), whose grant may be anything.
    pub fn state_of(&self, finding: &Finding) -> impl fmt::Display {
        State(self.grant(), *finding)
    }
}

/// An item to verify: its state, the need, the flows.
struct Explained(Grant, Finding);

impl fmt::Display for Explained {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", State(self.0, self.1))?;
        match self.1 {
            Finding::Access { required, .. } => write!(f, "; needed: {required}")?,
            Finding::Flag { .. } => f.write_str("; needed: Yes")?,
            Finding::Scope { .. } => f.write_str("; needed: ticked")?,
        }
        let needed_by = self.1.needed_by();
        match self.1 {
            Finding::Access { area, required, .. } if !needed_by.is_empty() => write!(
                f,
                "; needed by {}",
                Requirements::of(needed_by).level_users(area, required)
            ),
            _ if !needed_by.is_empty() => write!(f, "; needed by {}", needed_by.titles()),
            _ => Ok(()),
        }
    }
}

/// An item and the grant's state for it.
struct State(Grant, Finding);

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let yes_no = |state: Option<bool>| match state {
            Some(true) => "Yes",
            Some(false) => "No",
            None => "not known",
        };
        match self.1 {
            Finding::Access { area, granted, .. } if granted.is_unknown() => {
                write!(f, "{area} Access Level: not known")
            }
            Finding::Access { area, granted, .. } => write!(f, "{area} Access Level: {granted}"),
            Finding::Flag { flag, .. } => write!(
                f,
                "{}: {}",
                flag.label().unwrap_or_default(),
                yes_no(self.0.has_flag(flag))
            ),
            Finding::Scope { scope, .. } => match self.0.has_scope(scope) {
                Some(true) => write!(f, "scope {scope}: ticked"),
                Some(false) => write!(f, "scope {scope}: not ticked"),
                None => write!(f, "scope {scope}: not known"),
            },
        }
    }
}

/// Names the parts of a grant that are not known.
struct Unknown(Known);

impl fmt::Display for Unknown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unknown = Known::all().difference(self.0);
        let mut parts = 0;
        let mut part = |f: &mut fmt::Formatter<'_>| {
            parts += 1;
            f.write_str(if parts > 1 { "; " } else { "" })
        };
        if !self.0.has_scopes() {
            part(f)?;
            f.write_str("the application's scopes")?;
        }
        if unknown.contains(Known::AREAS) {
            part(f)?;
            f.write_str("every access level")?;
        } else if unknown.intersects(Known::AREAS) {
            part(f)?;
            for (i, area) in unknown.areas().enumerate() {
                write!(f, "{}{area}", if i == 0 { "" } else { ", " })?;
            }
            f.write_str(" Access Level")?;
        }
        if unknown.contains(Known::FLAGS) {
            part(f)?;
            f.write_str("every agent flag")?;
        } else if unknown.intersects(Known::FLAGS) {
            part(f)?;
            for (i, flag) in unknown.agent_flags().flags().enumerate() {
                let label = flag.label().unwrap_or_default();
                write!(f, "{}{label}", if i == 0 { "" } else { ", " })?;
            }
        }
        Ok(())
    }
}
