//! [`Report`]: a grant checked against the requirements of some flows.

use crate::model::findings::{Findings, Side};
use crate::model::{
    Assumption, Flow, Flows, Grant, Known, OpenPoint, Privileges, Remediation, Requirements,
    Scopes, Verdict,
};

/// The answer of [`Requirements::evaluate`](crate::Requirements::evaluate) and
/// [`Requirements::evaluate_partial`](crate::Requirements::evaluate_partial): the verdict of
/// each flow and why, with what to change and what to check.
///
/// Every checked flow is in exactly one of [`runnable`](Report::runnable) (what is proven
/// granted covers its rule), [`blocked`](Report::blocked) (an item of its rule is impossible
/// under what may be granted) and [`unverified`](Report::unverified) (neither). The findings say
/// why: [`missing`](Report::missing) lists the impossible items, [`excess`](Report::excess) what
/// is proven beyond need, [`may_exceed`](Report::may_exceed) what may be, [`to_verify`](
/// Report::to_verify) the needed items that are neither proven nor impossible (with
/// [`assumptions`](Report::assumptions) saying which unconfirmed HaloPSA behaviour keeps an item
/// from being missing), and [`open`](Report::open) every item the article leaves open for the
/// checked flows, granted or not. Nothing unknown is ever reported as missing or as excess.
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
/// fn main() -> Result<(), halopsa_privileges::ParseError> {
///     let granted: Privileges = Privileges::none()
///         .with_scopes("read:customers read:items read:invoices edit:customers".parse()?)
///         .with_level(Area::Clients, AccessLevel::Read)
///         .with_level(Area::Items, AccessLevel::Read)
///         .with_level(Area::Invoices, AccessLevel::Read);
///     let report = required_for(Flows::CUSTOMERS_SYNC | Flows::INVOICE_EXPORT_MULTILINE).evaluate(&granted);
///
///     assert!(!report.is_satisfied());
///     assert_eq!(report.blocked(), Flows::INVOICE_EXPORT_MULTILINE);
///     assert_eq!(report.missing().count(), 2); // edit:invoices, Invoices level
///     assert_eq!(report.excess().count(), 1); // edit:customers
///     let steps: Vec<Step> = report.remediation().collect();
///     assert_eq!(steps.last(), Some(&Step::TestAccountAccess));
///     println!("{report}");
///     Ok(())
/// }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Report {
    /// The checked flows, and the verdicts of every flow, checked or not.
    verdicts: Verdicts,
    /// What was granted, as bounds.
    grant: Grant,
}

/// The checked flows (byte 0), the blocked flows (byte 1), the unverified ones (byte 2) and the
/// triggers of the unconfirmed assumptions the grant may hold (byte 3, see
/// `assumption::held`), in one word, so that a report is whole words (a copy of a padded tail
/// stalls).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Verdicts(u64);

impl Verdicts {
    #[inline(always)]
    const fn flows(self, byte: u32) -> Flows {
        Flows::from_bits_retain((self.0 >> (8 * byte)) as u8)
    }
}

impl Report {
    #[inline(always)]
    pub(crate) const fn new(
        flows: Flows,
        blocked: Flows,
        unverified: Flows,
        grant: Grant,
        held: u8,
    ) -> Report {
        Report {
            verdicts: Verdicts(
                flows.bits() as u64
                    | (blocked.bits() as u64) << 8
                    | (unverified.bits() as u64) << 16
                    | (held as u64) << 24,
            ),
            grant,
        }
    }

    /// The checked flows.
    #[inline(always)]
    const fn checked(&self) -> Flows {
        self.verdicts.flows(0)
    }

    /// Every flow whose rule falls short under what may be granted, checked or not.
    #[inline(always)]
    const fn all_blocked(&self) -> Flows {
        self.verdicts.flows(1)
    }

    /// Every flow neither proven nor blocked, checked or not.
    #[inline(always)]
    const fn all_unverified(&self) -> Flows {
        self.verdicts.flows(2)
    }

    /// The flows that were checked.
    #[inline]
    pub const fn flows(&self) -> Flows {
        self.checked()
    }

    /// The checked flows that are proven to run: what is proven granted covers every item of
    /// their rule.
    #[inline]
    pub const fn runnable(&self) -> Flows {
        self.checked()
            .difference(self.all_blocked())
            .difference(self.all_unverified())
    }

    /// The checked flows that cannot run: some item of their own rule is impossible under what
    /// may be granted.
    #[inline]
    pub const fn blocked(&self) -> Flows {
        self.all_blocked().intersection(self.checked())
    }

    /// The checked flows whose fate cannot be verified from what is known: nothing rules them
    /// out, but some item of their rule is not proven (not known, known only in part, or covered
    /// only by an unconfirmed [`Assumption`](crate::Assumption)).
    #[inline]
    pub const fn unverified(&self) -> Flows {
        self.all_unverified().intersection(self.checked())
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
        if self.all_blocked().has(flow) {
            Verdict::Blocked
        } else if self.all_unverified().has(flow) {
            Verdict::Unverified
        } else {
            Verdict::Runs
        }
    }

    /// Whether every checked flow is proven to run: none is blocked, none is unverified. False
    /// when no flow was checked: nothing is proven then, and a gate must not open on it.
    #[inline]
    pub const fn is_satisfied(&self) -> bool {
        !self.checked().is_empty() && self.blocked().is_empty() && self.unverified().is_empty()
    }

    /// Whether the grant is exactly the least privilege: every checked flow is proven to run,
    /// the whole grant is known exactly, and nothing is granted beyond need. Items that the
    /// article leaves open ([`open`](Report::open)) do not count against it; a text or UI that
    /// says "least privilege" should still name them.
    #[inline]
    pub const fn is_least_privilege(&self) -> bool {
        self.is_satisfied()
            && self.grant.is_exact()
            && self.allowance().contains(self.grant.at_least())
    }

    /// What is proven granted: [`Grant::at_least`] (parts not known hold nothing).
    #[inline]
    pub const fn granted(&self) -> &Privileges {
        self.grant.at_least()
    }

    /// Which parts of the grant are known exactly.
    #[inline]
    pub const fn known(&self) -> Known {
        self.grant.known()
    }

    /// The grant that was checked, by reference (the findings read it item by item).
    #[inline(always)]
    pub(crate) const fn bounds(&self) -> &Grant {
        &self.grant
    }

    /// The grant that was checked, with its bounds.
    #[inline]
    pub const fn grant(&self) -> Grant {
        self.grant
    }

    /// The most the grant may let through, every unconfirmed assumption given the benefit of
    /// the doubt: what decides "blocked" (see `assumption::possible`).
    #[inline]
    pub(crate) const fn possible(&self) -> Privileges {
        crate::model::assumption::widen(self.grant.at_most(), (self.verdicts.0 >> 24) as u8)
    }

    /// The least privilege of the checked flows.
    #[inline]
    pub const fn required(&self) -> &'static Privileges {
        Requirements::of(self.checked()).privileges()
    }

    /// The most a grant may hold without excess: the requirement joined with what is open.
    #[inline]
    pub(crate) const fn allowance(&self) -> &'static Privileges {
        Requirements::of(self.checked()).allowance()
    }

    /// Every item the checked flows need that is impossible under what may be granted, one
    /// scope, area or flag each, with the checked flows it blocks: scopes first, then areas in
    /// HaloPSA's order, then flags. For a level, `granted` is what is known of it.
    #[inline]
    pub fn missing(&self) -> Findings {
        Findings::new(*self, Side::Missing)
    }

    /// Every item proven granted beyond the least privilege of the checked flows and beyond what
    /// the article leaves open: scopes (including `all`, `all:standard` and `admin`, whatever
    /// they may cover), levels whose lower bound is above need, and flags (including
    /// Administrator). `needed_by` is empty; for a level, `required` is the least level the
    /// flows need. Empty when no flow was checked: nothing is beyond the need of no flow, and
    /// nothing should be lowered on that ground.
    #[inline]
    pub fn excess(&self) -> Findings {
        Findings::new(*self, Side::Excess)
    }

    /// Every level known in part that may be beyond need but is not proven to be: its upper
    /// bound passes what the flows may hold, its lower bound does not. Said, not asserted: no
    /// step lowers it. Wholly unknown items are not listed.
    #[inline]
    pub fn may_exceed(&self) -> Findings {
        Findings::new(*self, Side::MayExceed)
    }

    /// Every item the checked flows need that is neither proven nor impossible, with the flows
    /// it leaves unverified: what to check (or to grant outright) before the verdicts can be
    /// trusted. An item is here when it is not known, known only in part, or covered only by an
    /// unconfirmed [`Assumption`](crate::Assumption). For a level, `required` is the least level
    /// those flows need and `granted` what is known of it.
    #[inline]
    pub fn to_verify(&self) -> Findings {
        Findings::new(*self, Side::ToVerify)
    }

    /// Every item the article leaves open for a checked flow (see
    /// [`OpenPoint`](crate::OpenPoint)), granted or not: neither required nor excess. The
    /// grant's state for each is in [`grant`](Report::grant) ([`Grant::has_flag`],
    /// [`Grant::level`]); [`open_points`](Report::open_points) gives the points with the
    /// article's words. `needed_by` is empty (the article does not say); for a level, `required`
    /// is the least level the flows need.
    #[inline]
    pub fn open(&self) -> Findings {
        Findings::new(*self, Side::Open)
    }

    /// The article's open points that concern a checked flow and leave something open that
    /// the checked flows do not require, granted or not, in the article's order.
    pub fn open_points(&self) -> impl Iterator<Item = &'static OpenPoint> + Clone {
        let flows = self.checked();
        let required = self.required();
        OpenPoint::ALL.iter().filter(move |point| {
            point.flows().intersects(flows) && !required.contains(point.up_to())
        })
    }

    /// The unconfirmed [`Assumption`]s that could decide an item of
    /// [`to_verify`](Report::to_verify): why an item known to be absent is not reported
    /// missing.
    pub fn assumptions(&self) -> impl Iterator<Item = &'static Assumption> + Clone {
        let report = *self;
        Assumption::ALL.iter().filter(move |assumption| {
            !assumption.is_relied_on()
                && report
                    .to_verify()
                    .any(|finding| assumption.could_decide(report.grant.at_most(), &finding.item()))
        })
    }

    /// What to do, in order: fix items that fall short (grant, raise, enable), remove excess
    /// (revoke, lower, disable), check what is not known, then, when there was any step, press
    /// Test Account Access.
    ///
    /// A scope, level or flag that is known to fall short is fixed even when an unconfirmed
    /// assumption might cover it, so that the answer stops hanging on the assumption. When the
    /// grant holds the `all` scope, the first step ticks the needed scopes explicitly, so that
    /// revoking `all` later blocks nothing. No step lowers or disables an open item.
    #[inline]
    pub fn remediation(&self) -> Remediation {
        Remediation::new(*self)
    }

    /// The needed scopes known not to be ticked (even where `all` or an assumption covers
    /// them: they are ticked before the wide scope is revoked).
    #[inline]
    pub(crate) const fn scopes_to_tick(&self) -> Scopes {
        let short = self
            .required()
            .scopes()
            .difference(self.grant.at_most().scopes());
        // `all` is always revoked (it is excess whenever a flow is checked): every needed scope
        // not proven ticked on its own is ticked first, else revoking `all` could block a flow
        // that ran (a scope whose own state is unknown may not be ticked).
        if self.grant.at_least().scopes().contains(Scopes::ALL) && !self.checked().is_empty() {
            return short.union(
                self.required()
                    .scopes()
                    .difference(self.grant.at_least().scopes()),
            );
        }
        short
    }

    /// The needed scopes whose grant is not known (none when `all` is proven).
    #[inline]
    pub(crate) const fn scopes_to_check(&self) -> Scopes {
        self.grant
            .at_least()
            .scopes_short_of(self.required().scopes())
            .intersection(self.grant.at_most().scopes())
    }

    /// The missing scopes: impossible under what may be granted.
    #[inline]
    pub(crate) const fn missing_scopes(&self) -> Scopes {
        self.possible().scopes_short_of(self.required().scopes())
    }
}
