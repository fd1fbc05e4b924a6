//! [`Grant`]: what a customer granted, as far as it is known, as bounds.

use alloc::vec::Vec;

use crate::model::{AgentFlags, Area, Known, LevelBounds, Privileges, Scopes};

/// What a customer granted, as far as it is known: two [`Privileges`], what is proven granted
/// ([`at_least`](Grant::at_least)) and the most that may be granted
/// ([`at_most`](Grant::at_most)).
///
/// Each scope and each agent flag is granted (in both), not granted (in neither) or unknown
/// (only in `at_most`); each area's level is a range, [`LevelBounds`]. A grant known in full has
/// equal bounds; [`Known`] marks which parts are known exactly (0.2.0's model, still accepted by
/// [`Grant::new`]).
///
/// HaloPSA applies the highest level of the agent and all its roles, so [`join`](Grant::join)
/// joins both bounds: an agent at Read with a role whose level is not known is at least Read.
///
/// A grant file with `"unknown"`, `"at least ..."` or `"at most ..."` reads as a `Grant` (with
/// the `serde` feature); a token's `scope` string gives one with only the scopes known
/// ([`Grant::from_token_scope`]). Check one with
/// [`Requirements::evaluate_grant`](crate::Requirements::evaluate_grant).
///
/// ```
/// use halopsa_privileges::{required_for, AccessLevel, Area, Flow, Grant, LevelBounds, Privileges, Scopes, Verdict};
///
/// let (token, _) = Grant::from_token_scope("read:customers");
/// let agent = Grant::unknown().with_level(Area::Clients, LevelBounds::exact(AccessLevel::Read));
/// let finance_role = Grant::unknown(); // nothing known of the role
/// let grant = token.meet_layers(&agent.join(&finance_role));
/// assert_eq!(grant.level(Area::Clients).to_string(), "at least Read");
/// let report = required_for(Flow::CustomersSync).evaluate_grant(&grant);
/// assert_eq!(report.verdict(Flow::CustomersSync), Verdict::Runs);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Grant {
    at_least: Privileges,
    at_most: Privileges,
}

impl Grant {
    /// The grant of `privileges` where only the parts in `known` were observed; the other parts
    /// are unknown (whatever `privileges` holds there is dropped).
    #[inline]
    pub const fn new(privileges: Privileges, known: Known) -> Grant {
        let (at_most, at_least) = privileges.split_by(Known::from_bits_truncate(known.bits()));
        Grant { at_least, at_most }
    }

    /// A grant known in full.
    #[inline]
    pub const fn full(privileges: Privileges) -> Grant {
        Grant {
            at_least: privileges,
            at_most: privileges,
        }
    }

    /// Nothing known: every scope, level and flag unknown.
    #[inline]
    pub const fn unknown() -> Grant {
        Grant {
            at_least: Privileges::none(),
            at_most: Privileges::everything(),
        }
    }

    /// The grant that is at least `at_least` and at most `at_most`, pointwise. What `at_least`
    /// holds is added to `at_most` (nothing proven can be impossible).
    #[inline]
    pub const fn between(at_least: Privileges, at_most: Privileges) -> Grant {
        Grant {
            at_least,
            at_most: at_most.join(&at_least),
        }
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

    /// What is proven granted: unknown scopes and flags hold nothing, each area its lower bound.
    #[inline]
    pub const fn at_least(&self) -> &Privileges {
        &self.at_least
    }

    /// The most that may be granted: unknown scopes and flags held, each area its upper bound.
    #[inline]
    pub const fn at_most(&self) -> &Privileges {
        &self.at_most
    }

    /// What is proven granted; the same as [`at_least`](Grant::at_least) (parts not known hold
    /// nothing).
    #[inline]
    pub const fn privileges(&self) -> &Privileges {
        &self.at_least
    }

    /// Which parts are known exactly: the scopes as a whole, each area whose bounds meet, each
    /// flag known Yes or No.
    #[inline]
    pub const fn known(&self) -> Known {
        let mut known = Known::flag(
            self.at_most
                .flags()
                .symmetric_difference(self.at_least.flags())
                .complement(),
        );
        if self.at_least.scopes().bits() == self.at_most.scopes().bits() {
            known = known.union(Known::APPLICATION);
        }
        let exact = !self.at_least.areas_below(&self.at_most);
        let mut i = 0;
        while i < Area::COUNT {
            if exact & (8 << (4 * i)) != 0 {
                known = known.union(Known::area(Area::ALL[i]));
            }
            i += 1;
        }
        known
    }

    /// Whether every part is known exactly.
    #[inline]
    pub const fn is_exact(&self) -> bool {
        self.known().bits() == Known::all().bits()
    }

    /// What is known of `area`'s level.
    #[inline]
    pub const fn level(&self, area: Area) -> LevelBounds {
        LevelBounds::between(self.at_least.level(area), self.at_most.level(area))
    }

    /// Whether `scope` (one scope) is granted: `Some(true)`, `Some(false)`, or `None` when not
    /// known.
    #[inline]
    pub const fn has_scope(&self, scope: Scopes) -> Option<bool> {
        tri(
            self.at_least.scopes().contains(scope),
            self.at_most.scopes().contains(scope),
        )
    }

    /// Whether `flag` (one flag) is Yes: `Some(true)`, `Some(false)`, or `None` when not known.
    #[inline]
    pub const fn has_flag(&self, flag: AgentFlags) -> Option<bool> {
        tri(
            self.at_least.flags().contains(flag),
            self.at_most.flags().contains(flag),
        )
    }

    /// The same grant with `area`'s level known to lie within `bounds`.
    #[must_use]
    #[inline]
    pub const fn with_level(mut self, area: Area, bounds: LevelBounds) -> Grant {
        self.at_least = self.at_least.with_level(area, bounds.at_least());
        self.at_most = self.at_most.with_level(area, bounds.at_most());
        self
    }

    /// The same grant with `scopes` granted (`Some(true)`), not granted (`Some(false)`) or
    /// unknown (`None`).
    #[must_use]
    #[inline]
    pub const fn with_scopes(mut self, scopes: Scopes, granted: Option<bool>) -> Grant {
        let (low, high) = bounds_of(granted);
        self.at_least = set_scopes(self.at_least, scopes, low);
        self.at_most = set_scopes(self.at_most, scopes, high);
        self
    }

    /// The same grant with `flags` Yes (`Some(true)`), No (`Some(false)`) or unknown (`None`).
    #[must_use]
    #[inline]
    pub const fn with_flags(mut self, flags: AgentFlags, yes: Option<bool>) -> Grant {
        let (low, high) = bounds_of(yes);
        self.at_least = set_flags(self.at_least, flags, low);
        self.at_most = set_flags(self.at_most, flags, high);
        self
    }

    /// The effective grant of two sources: both bounds joined (HaloPSA applies the highest).
    #[must_use]
    #[inline]
    pub const fn join(&self, other: &Grant) -> Grant {
        Grant {
            at_least: self.at_least.join(&other.at_least),
            at_most: self.at_most.join(&other.at_most),
        }
    }

    /// The scopes of `self` with the agent-level parts (levels and flags) of `agent`: how a
    /// token's scopes and the agent's settings, observed apart, make one grant.
    #[must_use]
    #[inline]
    pub const fn meet_layers(&self, agent: &Grant) -> Grant {
        Grant {
            at_least: agent.at_least.with_scopes_only(self.at_least.scopes()),
            at_most: agent.at_most.with_scopes_only(self.at_most.scopes()),
        }
    }
}

#[cfg(feature = "serde")]
impl Grant {
    /// The same grant with the levels of `other`.
    pub(crate) const fn with_levels_of(self, other: &Grant) -> Grant {
        Grant {
            at_least: self.at_least.with_levels_of(&other.at_least),
            at_most: self.at_most.with_levels_of(&other.at_most),
        }
    }

    /// The same grant with the flags of `other`.
    pub(crate) const fn with_flags_of(self, other: &Grant) -> Grant {
        Grant {
            at_least: self.at_least.with_flags_only(other.at_least.flags()),
            at_most: self.at_most.with_flags_only(other.at_most.flags()),
        }
    }
}

/// Whether a yes/no item is in the lower and in the upper bound: granted in both, not granted in
/// neither, unknown in the upper only.
const fn bounds_of(state: Option<bool>) -> (bool, bool) {
    match state {
        Some(yes) => (yes, yes),
        None => (false, true),
    }
}

/// `Some(low)` when the two bounds agree, else `None`.
const fn tri(low: bool, high: bool) -> Option<bool> {
    if low == high {
        Some(low)
    } else {
        None
    }
}

const fn set_scopes(privileges: Privileges, scopes: Scopes, on: bool) -> Privileges {
    if on {
        privileges.with_scopes(scopes)
    } else {
        privileges.without_scopes(scopes)
    }
}

const fn set_flags(privileges: Privileges, flags: AgentFlags, on: bool) -> Privileges {
    if on {
        privileges.with_flags(flags)
    } else {
        privileges.without_flags(flags)
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
