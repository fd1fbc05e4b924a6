//! [`Findings`]: the items of one list of a [`Report`], derived on demand.

use crate::model::requirements::{flags_needed_by, needs_above, scope_bit_needed_by};
use crate::model::{AgentFlags, Area, Finding, Flows, Privileges, Report, Requirements, Scopes};

/// Which list of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    Missing,
    Excess,
    MayExceed,
    ToVerify,
    Open,
    /// Needed items known to fall short of need at their upper bound (literally, before any
    /// assumption): what remediation grants, raises or enables.
    Short,
    /// Needed items that may be granted but are not proven: what remediation checks.
    Check,
}

/// The findings of one list of a [`Report`]: from [`Report::missing`], [`Report::excess`],
/// [`Report::may_exceed`], [`Report::to_verify`] or [`Report::open`]. It owns a copy of the
/// report, allocates nothing, and yields scopes first, then areas in HaloPSA's order, then
/// flags.
#[derive(Debug, Clone)]
pub struct Findings {
    report: Report,
    cursor: Cursor,
}

/// Where a walk over one list of a report is: the items not yet yielded. Kept apart from the
/// report so that [`Remediation`](crate::Remediation) walks several lists over one report.
#[derive(Debug, Clone)]
pub(crate) struct Cursor {
    side: Side,
    /// Scope bits not yet yielded.
    scopes: u64,
    /// Areas not yet yielded: bit `i` for the area at index `i`.
    areas: u32,
    /// Flag bits not yet yielded.
    flags: u8,
    /// The most the report's grant may let through, computed once per walk.
    possible: Privileges,
}

/// Areas as guard bits (bit `4 * i + 3`, as `Privileges::areas_below` gives them) to one bit an
/// area.
#[inline(always)]
const fn compact(mut guards: u128) -> u32 {
    let mut areas = 0;
    while guards != 0 {
        areas |= 1 << (guards.trailing_zeros() / 4);
        guards &= guards - 1;
    }
    areas
}

impl Findings {
    #[inline(always)]
    pub(crate) fn new(report: Report, side: Side) -> Findings {
        Findings {
            cursor: Cursor::new(&report, side),
            report,
        }
    }
}

/// The checked flows for which `area` is neither proven nor impossible: they need more than
/// the lower bound and no more than the most that may be granted (`possible`).
#[inline(always)]
fn unsettled(report: &Report, possible: &Privileges, area: Area) -> Flows {
    let proven = report.bounds().at_least().level(area);
    needs_above(area, proven)
        .difference(needs_above(area, possible.level(area)))
        .intersection(report.flows())
}

impl Cursor {
    #[inline(always)]
    pub(crate) fn new(report: &Report, side: Side) -> Cursor {
        let grant = report.bounds();
        let (proven, most) = (grant.at_least(), grant.at_most());
        let possible = report.possible();
        let required = report.required();
        let allowance = report.allowance();
        let (scopes, areas, flags) = match side {
            Side::Missing => (
                report.missing_scopes(),
                possible.areas_below(required),
                required.flags().difference(possible.flags()),
            ),
            Side::ToVerify => {
                // Where the most that may be granted covers the need, every flow above what is
                // proven waits on the area; where it does not, only flows needing less may.
                let unproven = proven.areas_below(required);
                let short = possible.areas_below(required);
                let mut areas = unproven & !short;
                let mut rest = unproven & short;
                while rest != 0 {
                    let bit = rest & rest.wrapping_neg();
                    rest &= rest - 1;
                    let area = Area::ALL[(bit.trailing_zeros() / 4) as usize];
                    if !unsettled(report, &possible, area).is_empty() {
                        areas |= bit;
                    }
                }
                (
                    proven
                        .scopes_short_of(required.scopes())
                        .difference(possible.scopes_short_of(required.scopes())),
                    areas,
                    required
                        .flags()
                        .intersection(possible.flags())
                        .difference(proven.flags()),
                )
            }
            Side::Excess => (
                proven.scopes().difference(allowance.scopes()),
                allowance.areas_below(proven),
                proven.flags().difference(allowance.flags()),
            ),
            // Only areas known in part: of a wholly unknown item nothing is said.
            Side::MayExceed => (
                Scopes::empty(),
                allowance.areas_below(most)
                    & !allowance.areas_below(proven)
                    & !(most.areas_at_top() & proven.areas_at_bottom()),
                AgentFlags::empty(),
            ),
            Side::Short => (
                report.scopes_to_tick(),
                most.areas_below(required),
                required.flags().difference(most.flags()),
            ),
            Side::Check => (
                report.scopes_to_check(),
                proven.areas_below(required) & !most.areas_below(required),
                required
                    .flags()
                    .intersection(most.flags())
                    .difference(proven.flags()),
            ),
            Side::Open => {
                let open = Requirements::of(report.flows()).open();
                (
                    open.scopes().difference(required.scopes()),
                    required.areas_below(open),
                    open.flags().difference(required.flags()),
                )
            }
        };
        // With no flow checked, nothing is judged beyond need (or open).
        let (scopes, areas, flags) = match side {
            Side::Excess | Side::MayExceed | Side::Open if report.flows().is_empty() => {
                (Scopes::empty(), 0, AgentFlags::empty())
            }
            _ => (scopes, areas, flags),
        };
        Cursor {
            side,
            scopes: scopes.bits(),
            areas: compact(areas),
            flags: flags.bits(),
            possible,
        }
    }

    /// Drops the scope findings (remediation groups scopes into one step).
    #[inline]
    pub(crate) fn without_scopes(mut self) -> Cursor {
        self.scopes = 0;
        self
    }
}

impl Iterator for Findings {
    type Item = Finding;

    #[inline(always)]
    fn next(&mut self) -> Option<Finding> {
        self.cursor.next(&self.report)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.cursor.len();
        (n, Some(n))
    }
}

impl Cursor {
    /// The items not yet yielded.
    fn len(&self) -> usize {
        (self.scopes.count_ones() + self.areas.count_ones() + self.flags.count_ones()) as usize
    }

    /// The next finding of `report` (the report the cursor was made for).
    #[inline(always)]
    pub(crate) fn next(&mut self, report: &Report) -> Option<Finding> {
        let blocks = match self.side {
            Side::Missing | Side::ToVerify | Side::Short | Side::Check => report.flows(),
            Side::Excess | Side::MayExceed | Side::Open => Flows::empty(),
        };
        // What still blocks once the step is done: only items impossible under what may be
        // granted block; the others leave their flows unverified.
        let possible = &self.possible;
        if self.scopes != 0 {
            let bit = self.scopes.trailing_zeros();
            self.scopes &= self.scopes - 1;
            let scope = Scopes::from_bits_retain(1 << bit);
            let needed_by = scope_bit_needed_by(bit).intersection(blocks);
            return Some(Finding::Scope { scope, needed_by });
        }
        if self.areas != 0 {
            let area = Area::ALL[self.areas.trailing_zeros() as usize];
            self.areas &= self.areas - 1;
            let granted = report.bounds().level(area);
            let (required, needed_by) = match self.side {
                Side::Missing | Side::Short => (
                    report.required().level(area),
                    needs_above(area, possible.level(area)).intersection(blocks),
                ),
                Side::Check => (
                    report.required().level(area),
                    needs_above(area, report.bounds().at_least().level(area)).intersection(blocks),
                ),
                Side::ToVerify => {
                    let needed_by = unsettled(report, possible, area);
                    let required = report.required().level(area);
                    // When the most that may be granted covers the need, the flow that needs
                    // the most waits on the area too; else only those needing less do.
                    if possible.level(area) >= required {
                        (required, needed_by)
                    } else {
                        (
                            Requirements::of(needed_by).privileges().level(area),
                            needed_by,
                        )
                    }
                }
                _ => (report.required().level(area), Flows::empty()),
            };
            return Some(Finding::Access {
                area,
                granted,
                required,
                needed_by,
            });
        }
        if self.flags != 0 {
            let flag = AgentFlags::from_bits_retain(1 << self.flags.trailing_zeros());
            self.flags &= self.flags - 1;
            let blocks = match self.side {
                Side::Short if possible.flags().contains(flag) => Flows::empty(),
                _ => blocks,
            };
            let needed_by = flags_needed_by(flag).intersection(blocks);
            return Some(Finding::Flag { flag, needed_by });
        }
        None
    }
}

impl ExactSizeIterator for Findings {}

impl core::iter::FusedIterator for Findings {}
