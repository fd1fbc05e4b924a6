//! [`Report`]: a grant checked against the requirements of some flows.

use core::fmt;

use crate::requirements::{flags_needed_by, needs_above, scope_bit_needed_by, scopes_needed_by};
use crate::{AgentFlags, Area, Finding, Flows, Privileges, Requirements, Scopes, Step};

/// The answer of [`Requirements::evaluate`](crate::Requirements::evaluate): which flows run,
/// which are blocked, and why, with what to change.
///
/// A `Report` is a small `Copy` value (the flows, the blocked flows and the granted privileges;
/// the required ones are looked up in a table computed at compile time); its findings and steps are derived on demand by iterators that allocate
/// nothing. `Display` prints a report a support engineer can follow.
///
/// ```
/// use halopsa_privileges::{required_for, AccessLevel, Area, Flows, Privileges, Scopes, Step};
///
/// let granted: Privileges = Privileges::none()
///     .with_scopes("read:customers read:items read:invoices edit:customers".parse()?)
///     .with_level(Area::Clients, AccessLevel::Read)
///     .with_level(Area::Items, AccessLevel::Read)
///     .with_level(Area::Invoices, AccessLevel::Read);
/// let report = required_for(Flows::CUSTOMERS_SYNC | Flows::INVOICE_EXPORT_MULTILINE).evaluate(&granted);
///
/// assert!(!report.is_satisfied());
/// assert_eq!(report.blocked(), Flows::INVOICE_EXPORT_MULTILINE);
/// assert_eq!(report.missing().count(), 2); // edit:invoices, Invoices level
/// assert_eq!(report.excess().count(), 1); // edit:customers
/// let steps: Vec<Step> = report.remediation().collect();
/// assert_eq!(steps.last(), Some(&Step::TestAccountAccess));
/// println!("{report}");
/// # Ok::<(), halopsa_privileges::ParseError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Report {
    flows: Flows,
    blocked: Flows,
    granted: Privileges,
}

impl Report {
    #[inline]
    pub(crate) const fn new(flows: Flows, blocked: Flows, granted: Privileges) -> Report {
        Report {
            flows,
            blocked,
            granted,
        }
    }

    /// The flows that were checked.
    #[inline]
    pub const fn flows(&self) -> Flows {
        self.flows
    }

    /// The checked flows that the grant lets run.
    #[inline]
    pub const fn runnable(&self) -> Flows {
        self.flows.difference(self.blocked)
    }

    /// The checked flows that the grant blocks: those whose own requirement it does not cover.
    #[inline]
    pub const fn blocked(&self) -> Flows {
        self.blocked
    }

    /// Whether every checked flow can run.
    #[inline]
    pub const fn is_satisfied(&self) -> bool {
        self.blocked.is_empty()
    }

    /// Whether every checked flow can run and nothing is granted beyond their least privilege:
    /// the grant is exactly the requirement.
    #[inline]
    pub const fn is_least_privilege(&self) -> bool {
        self.is_satisfied() && self.required().contains(&self.granted)
    }

    /// What was granted.
    #[inline]
    pub const fn granted(&self) -> &Privileges {
        &self.granted
    }

    /// The least privilege of the checked flows.
    #[inline]
    pub const fn required(&self) -> &'static Privileges {
        Requirements::of(self.flows).privileges()
    }

    /// Every missing item, one scope, area or flag each, with the flows it blocks: scopes first,
    /// then areas in HaloPSA's order, then flags.
    #[inline]
    pub fn missing(&self) -> Findings<'_> {
        Findings::new(self, Side::Missing)
    }

    /// Every item granted beyond the least privilege of the checked flows: scopes (including
    /// `all` and `admin`), levels above need, and flags (including Administrator).
    #[inline]
    pub fn excess(&self) -> Findings<'_> {
        Findings::new(self, Side::Excess)
    }

    /// What to change, in order: missing items first (grant, raise, enable), then excess
    /// (revoke, lower, disable), then, when anything is to change, Test Account Access.
    ///
    /// When the grant holds the `all` scope, the first step ticks the needed scopes explicitly,
    /// so that revoking `all` later blocks nothing.
    #[inline]
    pub fn remediation(&self) -> Remediation<'_> {
        Remediation::new(self)
    }

    /// The scopes the grant lacks, ignoring what `all` covers (they are ticked before `all` is
    /// revoked).
    #[inline]
    const fn scopes_to_tick(&self) -> Scopes {
        self.required().scopes().difference(self.granted.scopes())
    }

    /// The missing scopes, counting what `all` covers.
    #[inline]
    const fn missing_scopes(&self) -> Scopes {
        self.granted.scopes_short_of(self.required().scopes())
    }

    #[inline]
    const fn excess_scopes(&self) -> Scopes {
        self.granted.scopes().difference(self.required().scopes())
    }

    #[inline]
    const fn missing_flags(&self) -> AgentFlags {
        self.required().flags().difference(self.granted.flags())
    }

    #[inline]
    const fn excess_flags(&self) -> AgentFlags {
        self.granted.flags().difference(self.required().flags())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Missing,
    Excess,
}

/// The findings of one side of a [`Report`], from [`Report::missing`] or [`Report::excess`].
#[derive(Debug, Clone)]
pub struct Findings<'a> {
    report: &'a Report,
    /// The flows a finding may name in `needed_by`: the checked flows for missing items, none
    /// for excess.
    blocks: Flows,
    /// Scope bits not yet yielded.
    scopes: u64,
    /// Areas not yet yielded: bit `4 * i + 3` for the area at index `i`.
    areas: u128,
    /// Flag bits not yet yielded.
    flags: u8,
}

impl<'a> Findings<'a> {
    #[inline]
    fn new(report: &'a Report, side: Side) -> Findings<'a> {
        let (blocks, scopes, areas, flags) = match side {
            Side::Missing => (
                report.flows,
                report.missing_scopes(),
                report.granted.areas_below(report.required()),
                report.missing_flags(),
            ),
            Side::Excess => (
                Flows::empty(),
                report.excess_scopes(),
                report.required().areas_below(&report.granted),
                report.excess_flags(),
            ),
        };
        Findings {
            report,
            blocks,
            scopes: scopes.bits(),
            areas,
            flags: flags.bits(),
        }
    }
}

impl Iterator for Findings<'_> {
    type Item = Finding;

    #[inline]
    fn next(&mut self) -> Option<Finding> {
        let report = self.report;
        if self.scopes != 0 {
            let bit = self.scopes.trailing_zeros();
            self.scopes &= self.scopes - 1;
            let scope = Scopes::from_bits_retain(1 << bit);
            let needed_by = scope_bit_needed_by(bit).intersection(self.blocks);
            return Some(Finding::Scope { scope, needed_by });
        }
        if self.areas != 0 {
            let area = Area::ALL[(self.areas.trailing_zeros() / 4) as usize];
            self.areas &= self.areas - 1;
            let granted = report.granted.level(area);
            let needed_by = needs_above(area, granted).intersection(self.blocks);
            return Some(Finding::Access {
                area,
                granted,
                required: report.required().level(area),
                needed_by,
            });
        }
        if self.flags != 0 {
            let flag = AgentFlags::from_bits_retain(1 << self.flags.trailing_zeros());
            self.flags &= self.flags - 1;
            let needed_by = flags_needed_by(flag).intersection(self.blocks);
            return Some(Finding::Flag { flag, needed_by });
        }
        None
    }
}

impl core::iter::FusedIterator for Findings<'_> {}

/// Where a [`Remediation`] is in its walk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Grant,
    Missing,
    Revoke,
    Excess,
    Test,
    Done,
}

/// The steps of [`Report::remediation`].
#[derive(Debug, Clone)]
pub struct Remediation<'a> {
    report: &'a Report,
    stage: Stage,
    /// Missing levels and flags (scopes are grouped into one step).
    missing: Findings<'a>,
    /// Excess levels and flags (scopes are grouped into one step).
    excess: Findings<'a>,
}

impl<'a> Remediation<'a> {
    #[inline]
    fn new(report: &'a Report) -> Remediation<'a> {
        let mut missing = Findings::new(report, Side::Missing);
        let mut excess = Findings::new(report, Side::Excess);
        missing.scopes = 0;
        excess.scopes = 0;
        Remediation {
            report,
            stage: Stage::Grant,
            missing,
            excess,
        }
    }
}

impl Iterator for Remediation<'_> {
    type Item = Step;

    #[inline]
    fn next(&mut self) -> Option<Step> {
        let report = self.report;
        loop {
            let step = match self.stage {
                Stage::Grant => {
                    self.stage = Stage::Missing;
                    let scopes = report.scopes_to_tick();
                    let unblocks = scopes_needed_by(report.missing_scopes()) & report.flows;
                    (!scopes.is_empty()).then_some(Step::GrantScopes { scopes, unblocks })
                }
                Stage::Missing => match self.missing.next() {
                    Some(Finding::Access {
                        area,
                        granted,
                        required,
                        needed_by,
                    }) => Some(Step::RaiseAccess {
                        area,
                        from: granted,
                        to: required,
                        unblocks: needed_by,
                    }),
                    Some(Finding::Flag { flag, needed_by }) => Some(Step::EnableFlag {
                        flag,
                        unblocks: needed_by,
                    }),
                    Some(Finding::Scope { .. }) => None,
                    None => {
                        self.stage = Stage::Revoke;
                        None
                    }
                },
                Stage::Revoke => {
                    self.stage = Stage::Excess;
                    let scopes = report.excess_scopes();
                    (!scopes.is_empty()).then_some(Step::RevokeScopes { scopes })
                }
                Stage::Excess => match self.excess.next() {
                    Some(Finding::Access {
                        area,
                        granted,
                        required,
                        ..
                    }) => Some(Step::LowerAccess {
                        area,
                        from: granted,
                        to: required,
                    }),
                    Some(Finding::Flag { flag, .. }) => Some(Step::DisableFlag { flag }),
                    Some(Finding::Scope { .. }) => None,
                    None => {
                        self.stage = Stage::Test;
                        None
                    }
                },
                Stage::Test => {
                    self.stage = Stage::Done;
                    (!report.is_least_privilege()).then_some(Step::TestAccountAccess)
                }
                Stage::Done => return None,
            };
            if step.is_some() {
                return step;
            }
        }
    }
}

impl core::iter::FusedIterator for Remediation<'_> {}

impl fmt::Display for Report {
    /// A text report: the verdict per flow, what is missing, what is granted beyond need, and
    /// the numbered steps to fix it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let total = self.flows.iter().count();
        writeln!(f, "HaloPSA privileges for: {}", self.flows.titles())?;
        if !self.is_satisfied() {
            let blocked = self.blocked.iter().count();
            writeln!(f, "Result: BLOCKED ({blocked} of {total} flows cannot run)")?;
        } else if self.is_least_privilege() {
            writeln!(
                f,
                "Result: OK (every flow can run, with exactly the least privilege)"
            )?;
        } else {
            writeln!(f, "Result: OK, OVER-PRIVILEGED (every flow can run; some privileges are granted beyond need)")?;
        }
        writeln!(f, "  Runnable: {}", self.runnable().titles())?;
        writeln!(f, "  Blocked:  {}", self.blocked.titles())?;
        write_list(f, "Missing", self.missing())?;
        write_list(f, "Granted beyond need", self.excess())?;
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
fn write_list(f: &mut fmt::Formatter<'_>, title: &str, findings: Findings<'_>) -> fmt::Result {
    for (i, finding) in findings.enumerate() {
        if i == 0 {
            writeln!(f, "\n{title}:")?;
        }
        writeln!(f, "  - {finding}")?;
    }
    Ok(())
}
