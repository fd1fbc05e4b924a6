//! [`Remediation`]: the steps of a [`Report`], derived on demand.

use crate::model::findings::{Cursor, Side};
use crate::model::requirements::scopes_needed_by;
use crate::model::{Finding, Report, Scopes, Step};

/// Where a [`Remediation`] is in its walk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Grant,
    Missing,
    Revoke,
    Excess,
    CheckScopes,
    Check,
    Test,
    Done,
}

/// The steps of [`Report::remediation`]. It owns a copy of the report and allocates nothing.
#[derive(Debug, Clone)]
pub struct Remediation {
    report: Report,
    stage: Stage,
    /// Whether any step came before (then Test Account Access ends the walk).
    any: bool,
    /// Levels and flags that fall short (scopes are grouped into one step).
    missing: Cursor,
    /// Excess levels and flags (scopes are grouped into one step).
    excess: Cursor,
    /// Levels and flags the flows need that may be granted but are not proven.
    unknown: Cursor,
}

impl Remediation {
    #[inline]
    pub(crate) fn new(report: Report) -> Remediation {
        Remediation {
            report,
            stage: Stage::Grant,
            any: false,
            missing: Cursor::new(&report, Side::Short).without_scopes(),
            excess: Cursor::new(&report, Side::Excess).without_scopes(),
            unknown: Cursor::new(&report, Side::Check).without_scopes(),
        }
    }

    /// The next step of the current stage, or `None` when the stage is over (it moves on).
    #[inline]
    fn step(&mut self) -> Option<Step> {
        let report = &self.report;
        match self.stage {
            Stage::Grant => {
                self.stage = Stage::Missing;
                let scopes = report.scopes_to_tick();
                let unblocks = scopes_needed_by(report.missing_scopes()) & report.flows();
                (!scopes.is_empty()).then_some(Step::GrantScopes { scopes, unblocks })
            }
            Stage::Missing => match self.missing.next(report) {
                Some(Finding::Access {
                    area,
                    granted: from,
                    required,
                    needed_by,
                }) => Some(Step::RaiseAccess {
                    area,
                    from,
                    to: required,
                    unblocks: needed_by,
                }),
                Some(Finding::Flag { flag, needed_by }) => Some(Step::EnableFlag {
                    flag,
                    unblocks: needed_by,
                }),
                Some(_) => None,
                None => {
                    self.stage = Stage::Revoke;
                    None
                }
            },
            Stage::Revoke => {
                self.stage = Stage::Excess;
                let scopes = if report.flows().is_empty() {
                    Scopes::empty()
                } else {
                    report
                        .granted()
                        .scopes()
                        .difference(report.allowance().scopes())
                };
                (!scopes.is_empty()).then_some(Step::RevokeScopes { scopes })
            }
            Stage::Excess => match self.excess.next(report) {
                Some(Finding::Access {
                    area,
                    granted: from,
                    ..
                }) => Some(Step::LowerAccess {
                    area,
                    from,
                    to: report.allowance().level(area),
                }),
                Some(Finding::Flag { flag, .. }) => Some(Step::DisableFlag { flag }),
                Some(_) => None,
                None => {
                    self.stage = Stage::CheckScopes;
                    None
                }
            },
            Stage::CheckScopes => {
                self.stage = Stage::Check;
                let scopes = report.scopes_to_check();
                let needed_by = scopes_needed_by(scopes) & report.flows();
                (!scopes.is_empty()).then_some(Step::CheckScopes { scopes, needed_by })
            }
            Stage::Check => match self.unknown.next(report) {
                Some(Finding::Access {
                    area,
                    granted,
                    required,
                    needed_by,
                }) => Some(Step::CheckAccess {
                    area,
                    from: granted,
                    at_least: required,
                    needed_by,
                }),
                Some(Finding::Flag { flag, needed_by }) => {
                    Some(Step::CheckFlag { flag, needed_by })
                }
                Some(_) => None,
                None => {
                    self.stage = Stage::Test;
                    None
                }
            },
            Stage::Test => {
                self.stage = Stage::Done;
                self.any.then_some(Step::TestAccountAccess)
            }
            Stage::Done => None,
        }
    }
}

impl Iterator for Remediation {
    type Item = Step;

    #[inline]
    fn next(&mut self) -> Option<Step> {
        while self.stage != Stage::Done {
            if let Some(step) = self.step() {
                self.any = true;
                return Some(step);
            }
        }
        None
    }
}

impl core::iter::FusedIterator for Remediation {}
