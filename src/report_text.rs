//! The text report: `Display` for [`Report`].

use core::fmt;

use crate::{Finding, Findings, Known, OpenPoint, Privileges, Report};

impl fmt::Display for Report {
    /// A text report: the verdict per flow (runs, blocked, cannot be verified from what is
    /// known), what is missing, what is granted beyond need, what is not known, what the article
    /// leaves open, and the numbered steps.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let total = self.flows().iter().count();
        writeln!(f, "HaloPSA privileges for: {}", self.flows().titles())?;
        let blocked = self.blocked().iter().count();
        let unverified = self.unverified().iter().count();
        if total == 0 {
            return f.write_str(
                "Result: NOTHING CHECKED (no flow was selected, so this report says nothing about \
                 the grant; select the flows Datagate runs)\n",
            );
        }
        if blocked > 0 {
            writeln!(f, "Result: BLOCKED ({blocked} of {total} flows cannot run)")?;
        } else if unverified > 0 {
            writeln!(
                f,
                "Result: UNVERIFIED (nothing known blocks a flow, but {unverified} of {total} \
                 flows cannot be verified from what is known)"
            )?;
        } else if self.is_least_privilege() {
            writeln!(
                f,
                "Result: OK (every flow can run, with exactly the least privilege)"
            )?;
        } else if self.excess().next().is_some() {
            writeln!(f, "Result: OK, OVER-PRIVILEGED (every flow can run; some privileges are granted beyond need)")?;
        } else {
            writeln!(
                f,
                "Result: OK (every flow can run; not all of the grant is known, so privileges \
                 beyond need may be granted where it is not known)"
            )?;
        }
        writeln!(f, "  Runs:     {}", self.runnable().titles())?;
        writeln!(f, "  Blocked:  {}", self.blocked().titles())?;
        writeln!(
            f,
            "  Cannot be verified from what is known: {}",
            self.unverified().titles()
        )?;
        if self.known() != Known::all() {
            writeln!(f, "  Not known: {}", Unknown(self.known()))?;
        }
        write_list(f, "Missing", self.missing())?;
        write_list(f, "Granted beyond need", self.excess())?;
        write_list(
            f,
            "Not known, needed by the flows (check them)",
            self.to_verify(),
        )?;
        for (i, finding) in self.open().enumerate() {
            if i == 0 {
                writeln!(
                    f,
                    "\nLeft open by the article (granted; the article does not say whether they \
                     are needed, so leave them as they are):"
                )?;
            }
            write_open(f, self, &finding)?;
        }
        let mut steps = self.remediation().enumerate().peekable();
        if steps.peek().is_none() {
            return f.write_str("\nNothing to change.\n");
        }
        f.write_str("\nTo fix:\n")?;
        for (i, step) in steps {
            writeln!(f, "  {}. {step}", i + 1)?;
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

/// One open item: what is granted, and for which flows the article leaves it open, quoting why.
fn write_open(f: &mut fmt::Formatter<'_>, report: &Report, finding: &Finding) -> fmt::Result {
    let item = match *finding {
        Finding::Scope { scope, .. } => Privileges::none().with_scopes(scope),
        Finding::Access {
            area,
            granted: Some(level),
            ..
        } => {
            write!(f, "  - {area} Access Level: \"{level}\"")?;
            Privileges::none().with_level(area, level)
        }
        Finding::Flag { flag, .. } => Privileges::none().with_flags(flag),
        Finding::Access { granted: None, .. } => return Ok(()),
    };
    match *finding {
        Finding::Scope { scope, .. } => write!(f, "  - scope {scope}")?,
        Finding::Flag { flag, .. } => write!(f, "  - {}", flag.setting(true))?,
        Finding::Access { .. } => {}
    }
    f.write_str("\n")?;
    for point in OpenPoint::ALL {
        let flows = point.flows() & report.flows();
        if !flows.is_empty() && point.up_to().contains(&item) {
            writeln!(f, "      open for {}: {}", flows.titles(), point.question())?;
        }
    }
    Ok(())
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
