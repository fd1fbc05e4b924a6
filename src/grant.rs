//! [`Grant`]: what a customer granted, as far as it is known.

use alloc::vec::Vec;

use crate::{Known, Privileges, Scopes};

/// What a customer granted, as far as it is known: [`Privileges`] and the [`Known`] parts of
/// them. Parts that are not known hold nothing (no scope, No Access, flag No), so that nothing
/// unknown can look granted.
///
/// A grant file with `"unknown"` markers reads as a `Grant` (with the `serde` feature); a
/// token's `scope` string gives one with only the application layer known
/// ([`Grant::from_token_scope`]). Check one with
/// [`Requirements::evaluate_partial`](crate::Requirements::evaluate_partial).
///
/// ```
/// use halopsa_privileges::{required_for, Flows, Grant, Known, Verdict, Flow};
///
/// let (grant, unrecognised) = Grant::from_token_scope(
///     "openid email profile offline_access roles read:customers read:items read:widgets",
/// );
/// assert_eq!(grant.known(), Known::APPLICATION);
/// assert_eq!(unrecognised, ["read:widgets"]);
/// let report = required_for(Flows::all()).evaluate_partial(grant.privileges(), grant.known());
/// assert_eq!(report.verdict(Flow::CustomersSync), Verdict::Unverified);
/// assert_eq!(report.verdict(Flow::InvoiceExportCharges), Verdict::Blocked);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Grant {
    privileges: Privileges,
    known: Known,
}

impl Grant {
    /// The grant of `privileges` where only the parts in `known` were observed; the other parts
    /// are dropped.
    #[inline]
    pub const fn new(privileges: Privileges, known: Known) -> Grant {
        let known = Known::from_bits_truncate(known.bits());
        Grant {
            privileges: privileges.restricted_to(known),
            known,
        }
    }

    /// A grant known in full.
    #[inline]
    pub const fn full(privileges: Privileges) -> Grant {
        Grant::new(privileges, Known::all())
    }

    /// What a token's `scope` string proves: the application's scopes, and nothing of the
    /// agent. Unrecognised scope names are not an error here (HaloPSA adds scopes over time):
    /// they are returned, in order, beside the grant. OpenID Connect scopes are dropped.
    pub fn from_token_scope(scope: &str) -> (Grant, Vec<&str>) {
        let (scopes, unrecognised) = Scopes::parse_lenient(scope);
        (
            Grant::new(Privileges::none().with_scopes(scopes), Known::APPLICATION),
            unrecognised,
        )
    }

    /// The granted privileges; the parts not known hold nothing.
    #[inline]
    pub const fn privileges(&self) -> &Privileges {
        &self.privileges
    }

    /// Which parts were observed.
    #[inline]
    pub const fn known(&self) -> Known {
        self.known
    }
}

impl From<Privileges> for Grant {
    /// [`Grant::full`].
    fn from(privileges: Privileges) -> Grant {
        Grant::full(privileges)
    }
}

impl Default for Grant {
    /// Nothing granted, everything known.
    fn default() -> Grant {
        Grant::full(Privileges::none())
    }
}
