//! [`Report`]: a grant checked against the requirements of some flows.

use crate::findings::{Findings, Side};
use crate::{Flow, Flows, Grant, Known, Privileges, Remediation, Requirements, Scopes, Verdict};

/// The answer of [`Requirements::evaluate`](crate::Requirements::evaluate) and
/// [`Requirements::evaluate_partial`](crate::Requirements::evaluate_partial): the verdict of
/// each flow and why, with what to change and what to check.
///
/// Every checked flow is in exactly one of [`runnable`](Report::runnable) (proven to run),
/// [`blocked`](Report::blocked) (a known item falls short) and
/// [`unverified`](Report::unverified) (nothing known falls short, but something the flow needs is
/// not known). The findings say why: [`missing`](Report::missing) and
/// [`excess`](Report::excess) list known items only, [`to_verify`](Report::to_verify) the
/// unknown items the flows need, and [`open`](Report::open) the granted items the article leaves
/// open. Nothing unknown is ever reported as missing or as excess.
///
/// A `Report` is a small `Copy` value (the flows, the verdicts, what was known and the granted
/// privileges; the required ones are looked up in a table computed at compile time); its
/// findings and steps are derived on demand by iterators that allocate nothing and own a copy
/// of the report, so they can outlive it. `Display` prints a report a support engineer can
/// follow.
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
    /// The verdicts of every flow, checked or not (they are read through `flows`).
    blocked: Flows,
    unverified: Flows,
    known: Known,
    /// What was granted, restricted to what is known.
    granted: Privileges,
}

impl Report {
    #[inline]
    pub(crate) const fn new(
        flows: Flows,
        blocked: Flows,
        unverified: Flows,
        granted: Privileges,
        known: Known,
    ) -> Report {
        Report {
            flows,
            blocked,
            unverified,
            known,
            granted,
        }
    }

    /// The flows that were checked.
    #[inline]
    pub const fn flows(&self) -> Flows {
        self.flows
    }

    /// The checked flows that are proven to run: every item of their rule is known and granted.
    #[inline]
    pub const fn runnable(&self) -> Flows {
        self.flows
            .difference(self.blocked)
            .difference(self.unverified)
    }

    /// The checked flows that cannot run: some known item of their own rule falls short.
    #[inline]
    pub const fn blocked(&self) -> Flows {
        self.blocked.intersection(self.flows)
    }

    /// The checked flows whose fate cannot be verified from what is known: nothing known falls
    /// short, but some item of their rule is not known. Always empty when the whole grant is
    /// known.
    #[inline]
    pub const fn unverified(&self) -> Flows {
        self.unverified.intersection(self.flows)
    }

    /// The verdict on one flow. A flow that was not checked gets the verdict it would have had:
    /// the report knows every flow's rule.
    ///
    /// ```
    /// use halopsa_privileges::{required_for, Flow, Flows, Privileges, Verdict};
    /// let report = required_for(Flows::all()).evaluate(&Privileges::none());
    /// assert_eq!(report.verdict(Flow::CustomersSync), Verdict::Blocked);
    /// ```
    #[inline]
    pub const fn verdict(&self, flow: Flow) -> Verdict {
        if self.blocked.has(flow) {
            Verdict::Blocked
        } else if self.unverified.has(flow) {
            Verdict::Unverified
        } else {
            Verdict::Runs
        }
    }

    /// Whether every checked flow is proven to run: none is blocked, none is unverified. False
    /// when no flow was checked: nothing is proven then, and a gate must not open on it.
    #[inline]
    pub const fn is_satisfied(&self) -> bool {
        !self.flows.is_empty() && self.blocked().is_empty() && self.unverified().is_empty()
    }

    /// Whether the grant is exactly the least privilege: every checked flow is proven to run,
    /// the whole grant is known, and nothing is granted beyond need. Items that the article
    /// leaves open ([`open`](Report::open)) do not count against it.
    #[inline]
    pub const fn is_least_privilege(&self) -> bool {
        self.is_satisfied()
            && self.known.bits() == Known::all().bits()
            && self.allowance().contains(&self.granted)
    }

    /// What was granted, as far as it is known: parts not known hold nothing (see
    /// [`known`](Report::known)).
    #[inline]
    pub const fn granted(&self) -> &Privileges {
        &self.granted
    }

    /// Which parts of the grant were known.
    #[inline]
    pub const fn known(&self) -> Known {
        self.known
    }

    /// The grant that was checked: [`granted`](Report::granted) with [`known`](Report::known).
    #[inline]
    pub const fn grant(&self) -> Grant {
        Grant::new(self.granted, self.known)
    }

    /// The least privilege of the checked flows.
    #[inline]
    pub const fn required(&self) -> &'static Privileges {
        Requirements::of(self.flows).privileges()
    }

    /// The most a grant may hold without excess: the requirement joined with what is open.
    #[inline]
    pub(crate) const fn allowance(&self) -> &'static Privileges {
        Requirements::of(self.flows).allowance()
    }

    /// Every known item that falls short, one scope, area or flag each, with the checked flows
    /// it blocks: scopes first, then areas in HaloPSA's order, then flags.
    #[inline]
    pub fn missing(&self) -> Findings {
        Findings::new(*self, Side::Missing)
    }

    /// Every known item granted beyond the least privilege of the checked flows and beyond what
    /// the article leaves open: scopes (including `all` and `admin`), levels above need, and
    /// flags (including Administrator). `needed_by` is empty; for a level, `required` is the
    /// least level the flows need. Empty when no flow was checked: nothing is beyond the need
    /// of no flow, and nothing should be lowered on that ground.
    #[inline]
    pub fn excess(&self) -> Findings {
        Findings::new(*self, Side::Excess)
    }

    /// Every item the checked flows need whose grant is not known, with the flows that need it:
    /// what to check before the verdicts can be trusted. For an area, `granted` is `None`.
    #[inline]
    pub fn to_verify(&self) -> Findings {
        Findings::new(*self, Side::ToVerify)
    }

    /// Every granted item beyond the requirement that the article leaves open for a checked
    /// flow (see [`OpenPoint`](crate::OpenPoint)): neither required nor excess, to be left as
    /// it is. `needed_by` is empty (the article does not say); for a level, `required` is the
    /// least level the flows need.
    #[inline]
    pub fn open(&self) -> Findings {
        Findings::new(*self, Side::Open)
    }

    /// What to do, in order: fix missing items (grant, raise, enable), remove excess (revoke,
    /// lower, disable), check what is not known, then, when there was any step, press Test
    /// Account Access.
    ///
    /// When the grant holds the `all` scope, the first step ticks the needed scopes explicitly,
    /// so that revoking `all` later blocks nothing. No step lowers or disables an open item.
    #[inline]
    pub fn remediation(&self) -> Remediation {
        Remediation::new(*self)
    }

    /// The scopes the grant lacks, ignoring what `all` covers (they are ticked before `all` is
    /// revoked); none when the scopes are not known.
    #[inline]
    pub(crate) const fn scopes_to_tick(&self) -> Scopes {
        if self.known.has_scopes() {
            self.required().scopes().difference(self.granted.scopes())
        } else {
            Scopes::empty()
        }
    }

    /// The missing scopes, counting what `all` covers; none when the scopes are not known.
    #[inline]
    pub(crate) const fn missing_scopes(&self) -> Scopes {
        if self.known.has_scopes() {
            self.granted.scopes_short_of(self.required().scopes())
        } else {
            Scopes::empty()
        }
    }
}
