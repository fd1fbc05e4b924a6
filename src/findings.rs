//! [`Findings`]: the items of one list of a [`Report`], derived on demand.

use crate::requirements::{flags_needed_by, needs_above, scope_bit_needed_by};
use crate::{AccessLevel, AgentFlags, Area, Finding, Flows, Report};

/// Which list of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    Missing,
    Excess,
    ToVerify,
    Open,
}

/// The findings of one list of a [`Report`]: from [`Report::missing`], [`Report::excess`],
/// [`Report::to_verify`] or [`Report::open`]. It owns a copy of the report, allocates nothing,
/// and yields scopes first, then areas in HaloPSA's order, then flags.
#[derive(Debug, Clone)]
pub struct Findings {
    report: Report,
    cursor: Cursor,
}

/// Where a walk over one list of a report is: the items not yet yielded. Kept apart from the
/// report so that [`Remediation`](crate::Remediation) walks three lists over one report.
#[derive(Debug, Clone)]
pub(crate) struct Cursor {
    /// The flows a finding may name in `needed_by`: the checked flows for missing and unknown
    /// items, none for excess and open ones.
    blocks: Flows,
    /// Whether the items are unknown (their granted level is `None`).
    unknown: bool,
    /// Scope bits not yet yielded.
    scopes: u64,
    /// Areas not yet yielded: bit `4 * i + 3` for the area at index `i`.
    areas: u128,
    /// Flag bits not yet yielded.
    flags: u8,
}

impl Findings {
    #[inline]
    pub(crate) fn new(report: Report, side: Side) -> Findings {
        Findings {
            cursor: Cursor::new(&report, side),
            report,
        }
    }
}

impl Cursor {
    #[inline]
    pub(crate) fn new(report: &Report, side: Side) -> Cursor {
        let granted = report.granted();
        let required = report.required();
        let allowance = report.allowance();
        let known = report.known();
        let known_areas = known.area_guards();
        let known_flags = known.agent_flags();
        // Unknown parts of `granted` hold nothing, so excess and open items are known ones.
        let (scopes, areas, flags) = match side {
            Side::Missing => (
                report.missing_scopes(),
                granted.areas_below(required) & known_areas,
                required
                    .flags()
                    .difference(granted.flags())
                    .intersection(known_flags),
            ),
            Side::Excess => (
                granted.scopes().difference(allowance.scopes()),
                allowance.areas_below(granted),
                granted.flags().difference(allowance.flags()),
            ),
            Side::ToVerify => (
                if known.has_scopes() {
                    crate::Scopes::empty()
                } else {
                    required.scopes()
                },
                crate::Privileges::none().areas_below(required) & !known_areas,
                required.flags().difference(known_flags),
            ),
            Side::Open => (
                granted
                    .scopes()
                    .intersection(allowance.scopes())
                    .difference(required.scopes()),
                required.areas_below(granted) & !allowance.areas_below(granted),
                granted
                    .flags()
                    .intersection(allowance.flags())
                    .difference(required.flags()),
            ),
        };
        // With no flow checked, nothing is judged beyond need (or open).
        let (scopes, areas, flags) = match side {
            Side::Excess | Side::Open if report.flows().is_empty() => {
                (crate::Scopes::empty(), 0, AgentFlags::empty())
            }
            _ => (scopes, areas, flags),
        };
        let blocks = match side {
            Side::Missing | Side::ToVerify => report.flows(),
            Side::Excess | Side::Open => Flows::empty(),
        };
        Cursor {
            blocks,
            unknown: side == Side::ToVerify,
            scopes: scopes.bits(),
            areas,
            flags: flags.bits(),
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

    #[inline]
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
    #[inline]
    pub(crate) fn next(&mut self, report: &Report) -> Option<Finding> {
        if self.scopes != 0 {
            let bit = self.scopes.trailing_zeros();
            self.scopes &= self.scopes - 1;
            let scope = crate::Scopes::from_bits_retain(1 << bit);
            let needed_by = scope_bit_needed_by(bit).intersection(self.blocks);
            return Some(Finding::Scope { scope, needed_by });
        }
        if self.areas != 0 {
            let area = Area::ALL[(self.areas.trailing_zeros() / 4) as usize];
            self.areas &= self.areas - 1;
            let granted = report.granted().level(area);
            let (granted, short_of) = if self.unknown {
                (None, AccessLevel::NoAccess)
            } else {
                (Some(granted), granted)
            };
            return Some(Finding::Access {
                area,
                granted,
                required: report.required().level(area),
                needed_by: needs_above(area, short_of).intersection(self.blocks),
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

impl ExactSizeIterator for Findings {}

impl core::iter::FusedIterator for Findings {}
