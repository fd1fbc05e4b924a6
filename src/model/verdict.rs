//! [`Verdict`]: what a report says about one flow.

use core::fmt;

/// What a [`Report`](crate::Report) says about one flow, from
/// [`Report::verdict`](crate::Report::verdict).
///
/// ```
/// use halopsa_privileges::{required_for, Flow, Known, Privileges, Scopes, Verdict};
///
/// // After the token exchange only the scopes are known.
/// let granted = Privileges::none().with_scopes(Scopes::READ_CUSTOMERS);
/// let report = required_for(Flow::CustomersSync).evaluate_partial(&granted, Known::APPLICATION);
/// assert_eq!(report.verdict(Flow::CustomersSync), Verdict::Unverified);
/// let report = required_for(Flow::ProductsSync).evaluate_partial(&granted, Known::APPLICATION);
/// assert_eq!(report.verdict(Flow::ProductsSync), Verdict::Blocked);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Verdict {
    /// Every item of the flow's rule is known and granted: the flow runs.
    Runs,
    /// Some known item of the flow's rule falls short: the flow cannot run.
    Blocked,
    /// Nothing known falls short, but some item of the flow's rule is not known: whether the
    /// flow runs cannot be verified from what is known.
    Unverified,
}

impl Verdict {
    /// The kebab-case id, as written in JSON: `runs`, `blocked`, `unverified`.
    pub const fn id(self) -> &'static str {
        match self {
            Verdict::Runs => "runs",
            Verdict::Blocked => "blocked",
            Verdict::Unverified => "unverified",
        }
    }
}

impl fmt::Display for Verdict {
    /// One word for every variant, the same as [`id`](Verdict::id): `runs`, `blocked`,
    /// `unverified`; with `{:#}`, a phrase: `runs`, `is blocked`, `cannot be verified from what
    /// is known`.
    ///
    /// ```
    /// use halopsa_privileges::Verdict;
    ///
    /// assert_eq!(format!("{} {} {}", Verdict::Runs, Verdict::Blocked, Verdict::Unverified),
    ///            "runs blocked unverified");
    /// assert_eq!(format!("{:#}", Verdict::Unverified), "cannot be verified from what is known");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if f.alternate() {
            return f.write_str(match self {
                Verdict::Runs => "runs",
                Verdict::Blocked => "is blocked",
                Verdict::Unverified => "cannot be verified from what is known",
            });
        }
        f.write_str(self.id())
    }
}
