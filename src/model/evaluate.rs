//! [`Requirements::evaluate`] and its kin: a grant checked against the rules, as two machine
//! words per rule ([`Words`]), allocation-free.

use crate::model::assumption::{held, may_hold_trigger, widen_of_words};
use crate::model::privileges::Words;
use crate::model::requirements::RULES;
use crate::model::{Flow, Flows, Grant, Known, Privileges, Report, Requirements};

/// [`RULES`] as words (every rule needs only areas among the first 16).
const RULE_WORDS: [Words; Flow::ALL.len()] = {
    let mut words = [Words::ZERO; Flow::ALL.len()];
    let mut i = 0;
    while i < Flow::ALL.len() {
        words[i] = match RULES[i].rule_words() {
            Some(w) => w,
            None => panic!("a rule needs an area beyond the first 16"),
        };
        i += 1;
    }
    words
};

/// The flows whose rule `grant` covers.
#[inline(always)]
const fn covered(grant: &Words) -> u8 {
    let mut covered = 0;
    let mut i = 0;
    while i < RULE_WORDS.len() {
        covered |= (grant.covers(&RULE_WORDS[i]) as u8) << i;
        i += 1;
    }
    covered
}

impl Requirements {
    /// Checks a grant known in full against these requirements. See [`Report`].
    ///
    /// Known in full, a grant can still leave a flow unverified: where a scope or setting that
    /// HaloPSA does not document could cover a need (`edit:invoices` for `read:invoices`,
    /// `all:standard`, `admin`, "Is a Halo Administrator"; see [`Assumption`](crate::Assumption)),
    /// the item is unknown, never missing.
    ///
    /// ```
    /// use halopsa_privileges::{required_for, AccessLevel, Area, Flows, Privileges, Scopes};
    ///
    /// let granted = Privileges::none()
    ///     .with_scopes(Scopes::READ_CUSTOMERS)
    ///     .with_level(Area::Clients, AccessLevel::Read);
    /// let report = required_for(Flows::CUSTOMERS_SYNC | Flows::PRODUCTS_SYNC).evaluate(&granted);
    /// assert_eq!(report.runnable(), Flows::CUSTOMERS_SYNC);
    /// assert_eq!(report.blocked(), Flows::PRODUCTS_SYNC);
    /// assert_eq!(report.missing().count(), 5); // three scopes, two areas
    /// ```
    #[inline(always)]
    pub const fn evaluate(&self, granted: &Privileges) -> Report {
        let granted = *granted;
        let granted = &granted;
        // The grant is known whole: what is proven and what may be granted differ only where an
        // unconfirmed assumption may add to it. Where none may, one pass over the rules decides
        // every flow (the same verdicts as `evaluate_grant`, checked in tests/bounds.rs).
        let all = Flows::all().bits();
        let proven = granted.words();
        let runs = covered(&proven);
        let (held, blocked) = if !may_hold_trigger(&proven) && !proven.reads_of_edits_missing() {
            (0, !runs & all)
        } else {
            let held = held(granted);
            (held, !covered(&widen_of_words(proven, held)) & all)
        };
        let runs = runs & !blocked;
        let blocked = Flows::from_bits_truncate(blocked);
        let unverified = Flows::from_bits_truncate(!(runs | blocked.bits()));
        Report::new(
            self.flows(),
            blocked,
            unverified,
            Grant::full(*granted),
            held,
        )
    }

    /// Checks a grant of which only the parts in `known` were observed (the values of the other
    /// parts of `granted` are ignored): [`evaluate_grant`](Requirements::evaluate_grant) of
    /// [`Grant::new`]`(*granted, known)`. With [`Known::all()`] this is
    /// [`evaluate`](Requirements::evaluate).
    ///
    /// ```
    /// use halopsa_privileges::{required_for, Flows, Known, Privileges, Scopes};
    ///
    /// fn main() -> Result<(), halopsa_privileges::ParseError> {
    ///     // Right after the token exchange: the scopes, nothing of the agent.
    ///     let granted = Privileges::none().with_scopes("openid read:customers read:items".parse()?);
    ///     let report = required_for(Flows::all()).evaluate_partial(&granted, Known::APPLICATION);
    ///     assert_eq!(report.unverified(), Flows::CUSTOMERS_SYNC);
    ///     assert_eq!(report.blocked(), Flows::all() - Flows::CUSTOMERS_SYNC); // scopes are missing
    ///     assert!(!report.is_satisfied());
    ///     // To verify: the Clients, Assets, Items and Invoices levels and the two asset flags.
    ///     assert_eq!(report.to_verify().count(), 6);
    ///     Ok(())
    /// }
    /// ```
    #[inline]
    pub const fn evaluate_partial(&self, granted: &Privileges, known: Known) -> Report {
        self.evaluate_grant(&Grant::new(*granted, known))
    }

    /// Checks a grant known as bounds. Each flow gets one of three
    /// [`Verdict`](crate::Verdict)s: it **runs** when what is proven granted
    /// ([`Grant::at_least`]) covers every item of its rule; it is **blocked** when some item of
    /// its rule is impossible even at the most that may be granted ([`Grant::at_most`], with
    /// every unconfirmed [`Assumption`](crate::Assumption) given the benefit of the doubt); it
    /// is **unverified** otherwise. The report's findings say which items decide it.
    ///
    /// ```
    /// use halopsa_privileges::{required_for, AccessLevel, Area, Flow, Grant, LevelBounds, Scopes, Verdict};
    ///
    /// // The scopes from the token; the agent at Read, one role not known: at least Read.
    /// let grant = Grant::unknown()
    ///     .with_scopes(Scopes::all(), Some(false))
    ///     .with_scopes(Scopes::READ_CUSTOMERS, Some(true))
    ///     .with_level(Area::Clients, LevelBounds::from_at_least(AccessLevel::Read));
    /// let report = required_for(Flow::CustomersSync).evaluate_grant(&grant);
    /// assert_eq!(report.verdict(Flow::CustomersSync), Verdict::Runs);
    /// ```
    #[inline(always)]
    pub const fn evaluate_grant(&self, grant: &Grant) -> Report {
        // One copy of the grant, read once (the report keeps it).
        let grant = *grant;
        let grant = &grant;
        let held = held(grant.at_most());
        let possible = widen_of_words(grant.at_most().words(), held);
        let all = Flows::all().bits();
        let blocked = !covered(&possible) & all;
        let runs = covered(&grant.at_least().words()) & !blocked;
        let blocked = Flows::from_bits_truncate(blocked);
        let unverified = Flows::from_bits_truncate(!(runs | blocked.bits()));
        Report::new(self.flows(), blocked, unverified, *grant, held)
    }
}
