//! [`Privileges`]: scopes, access levels and agent flags together.

use core::cmp::Ordering;
use core::fmt;

pub(crate) use crate::model::words::Words;
use crate::model::words::FLAG_SHIFT;
use crate::model::{AccessLevel, AgentFlags, Area, Known, Scopes};

/// One point of HaloPSA's privilege lattice: the application's [`Scopes`], an [`AccessLevel`]
/// per [`Area`], and the agent's [`AgentFlags`]. The same type describes what flows require and
/// what a customer granted.
///
/// [`join`](Privileges::join) and [`meet`](Privileges::meet) work pointwise (union of scopes and
/// flags, highest/lowest level per area), and `PartialOrd` is the matching pointwise order, so the
/// lattice laws hold for them. [`covers`](Privileges::covers) is what HaloPSA means by "grants at
/// least": the pointwise order, except that the `all` scope covers every scope.
///
/// ```
/// use halopsa_privileges::{AccessLevel, AgentFlags, Area, Privileges, Scopes};
///
/// // An agent's own settings and its two roles: HaloPSA applies the highest level per area.
/// let agent = Privileges::none().with_level(Area::Clients, AccessLevel::Read);
/// let billing_role = Privileges::none()
///     .with_level(Area::Invoices, AccessLevel::ReadCreateModifyDelete)
///     .with_level(Area::Items, AccessLevel::Read);
/// let assets_role = Privileges::none()
///     .with_level(Area::Assets, AccessLevel::Read)
///     .with_flags(AgentFlags::ALL_ASSET_TYPES);
/// let effective = [billing_role, assets_role].iter().fold(agent, |acc, role| acc.join(role));
/// assert_eq!(effective.level(Area::Invoices), AccessLevel::ReadCreateModifyDelete);
/// assert_eq!(effective.level(Area::Clients), AccessLevel::Read);
///
/// let with_all = effective.with_scopes(Scopes::ALL);
/// assert!(with_all.covers(&effective.with_scopes(Scopes::READ_CUSTOMERS)));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Privileges {
    /// The scopes in the low bits, the agent flags from [`FLAG_SHIFT`] up: one word, as the
    /// evaluate path reads them ([`Words`]), so that `Privileges` is three words with no
    /// padding (and a `Report`, which holds two, seven).
    grants: u64,
    levels: Levels,
}

/// The bits of [`Privileges::grants`] that hold scopes.
const SCOPE_BITS: u64 = (1 << FLAG_SHIFT) - 1;

/// `scopes` and `flags` in one word.
#[inline(always)]
const fn pack(scopes: Scopes, flags: AgentFlags) -> u64 {
    (scopes.bits() & SCOPE_BITS) | (flags.bits() as u64) << FLAG_SHIFT
}

/// The access level of every area, packed four bits an area (area `i` in bits `4i..4i + 4`): the
/// level's rank (0 to 5) in the low three bits, the top bit of each nibble always clear. That clear bit is
/// the guard that lets one subtraction compare all 17 areas at once (SWAR), so `covers`, `join`
/// and the findings cost a handful of integer operations.
///
/// Kept as two words rather than a `u128`: a `u128` field would make `Privileges` (and a
/// `Report`, which holds two) 16-byte aligned, and copies of a report slower.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Levels([u64; 2]);

/// The guard bit of every area's nibble.
pub(crate) const GUARDS: u128 = {
    let mut guards = 0;
    let mut i = 0;
    while i < Area::COUNT {
        guards |= 8 << (4 * i);
        i += 1;
    }
    guards
};

/// The whole nibble of every area whose guard bit is set in `guards` (`8 - 1 = 7` in each such
/// nibble, so no borrow crosses one; the guard bit itself is put back).
#[inline]
const fn nibbles(guards: u128) -> u128 {
    let guards = guards & GUARDS;
    guards | (guards - (guards >> 3))
}

// Every rank fits the three low bits of a nibble, below the guard bit.
const _: () = assert!((AccessLevel::TOP as u8) < 8);

impl Levels {
    /// The levels of the packed value `bits`.
    #[inline(always)]
    const fn of(bits: u128) -> Levels {
        Levels([bits as u64, (bits >> 64) as u64])
    }

    /// The packed value.
    #[inline(always)]
    const fn bits(self) -> u128 {
        self.0[0] as u128 | (self.0[1] as u128) << 64
    }

    /// Every area at `level`.
    const fn uniform(level: AccessLevel) -> Levels {
        Levels::of((GUARDS >> 3) * level as u128)
    }

    #[inline]
    const fn get(self, area: Area) -> AccessLevel {
        AccessLevel::from_rank(((self.bits() >> (4 * area.index())) & 7) as u8)
    }

    #[inline]
    const fn set(self, area: Area, level: AccessLevel) -> Levels {
        let shift = 4 * area.index();
        Levels::of((self.bits() & !(0xF << shift)) | ((level as u128) << shift))
    }

    /// The guard bits of the areas where `self` is at least `other`. Each nibble of
    /// `self | GUARDS` is 8 to 13 and each of `other` 0 to 5, so no borrow crosses a nibble and
    /// the guard bit survives exactly where `self >= other`.
    #[inline]
    const fn at_least(self, other: Levels) -> u128 {
        ((self.bits() | GUARDS) - other.bits()) & GUARDS
    }

    /// Keeps the levels of the areas whose guard bit is set in `keep`; the others become No
    /// Access.
    #[inline]
    const fn keep(self, keep: u128) -> Levels {
        Levels::of(self.bits() & nibbles(keep))
    }

    /// For each area, the level of `self` where `pick` (guard bits) is set, else that of `other`.
    #[inline]
    const fn select(self, other: Levels, pick: u128) -> Levels {
        let mask = nibbles(pick);
        Levels::of((self.bits() & mask) | (other.bits() & !mask))
    }
}

impl Privileges {
    /// The areas where `self` grants less than `other`: a set bit at `4 * i + 3` for the area at
    /// index `i` of [`Area::ALL`] (walk it with `trailing_zeros() / 4`).
    #[inline]
    pub(crate) const fn areas_below(&self, other: &Privileges) -> u128 {
        GUARDS & !self.levels.at_least(other.levels)
    }

    /// The areas at the top of the chain: guard bits, as [`areas_below`](Privileges::areas_below).
    #[inline]
    pub(crate) const fn areas_at_top(&self) -> u128 {
        self.levels.at_least(Levels::uniform(AccessLevel::TOP))
    }

    /// The areas at No Access: guard bits, as [`areas_below`](Privileges::areas_below).
    #[inline]
    pub(crate) const fn areas_at_bottom(&self) -> u128 {
        Levels::uniform(AccessLevel::NoAccess).at_least(self.levels)
    }

    /// The grant with every unknown part at its top (every scope, the top level, every flag:
    /// the most that may be granted), and the grant with every unknown part at
    /// nothing (what is proven).
    #[inline]
    pub(crate) const fn split_by(&self, known: Known) -> (Privileges, Privileges) {
        let known_areas = known.area_guards();
        let unknown_areas = GUARDS & !known_areas;
        let levels = self.levels.keep(known_areas);
        let flags = self.flags().intersection(known.agent_flags());
        let (top_scopes, scopes) = if known.has_scopes() {
            (self.scopes(), self.scopes())
        } else {
            (Scopes::all(), Scopes::empty())
        };
        let top = Privileges {
            grants: pack(
                top_scopes,
                flags.union(AgentFlags::all().difference(known.agent_flags())),
            ),
            levels: Levels::of(
                levels.bits() | Levels::uniform(AccessLevel::TOP).keep(unknown_areas).bits(),
            ),
        };
        let bottom = Privileges {
            grants: pack(scopes, flags),
            levels,
        };
        (top, bottom)
    }
}

impl Privileges {
    /// No scope, No Access in every area, no flag: the bottom of the lattice.
    #[inline]
    pub const fn none() -> Privileges {
        Privileges {
            grants: 0,
            levels: Levels::uniform(AccessLevel::NoAccess),
        }
    }

    /// Every scope, every area at Read, Create, Modify and Delete, every flag: the top.
    pub const fn everything() -> Privileges {
        Privileges {
            grants: pack(Scopes::all(), AgentFlags::all()),
            levels: Levels::uniform(AccessLevel::TOP),
        }
    }

    /// Adds `scopes` to the granted scopes (bits that name no scope are dropped).
    #[must_use]
    #[inline]
    pub const fn with_scopes(mut self, scopes: Scopes) -> Privileges {
        self.grants |= Scopes::from_bits_truncate(scopes.bits()).bits();
        self
    }

    /// Sets the level of `area` (replacing what it was, even with a lower level).
    #[must_use]
    #[inline]
    pub const fn with_level(mut self, area: Area, level: AccessLevel) -> Privileges {
        self.levels = self.levels.set(area, level);
        self
    }

    /// Adds `flags` to the agent flags set to Yes (bits that name no flag are dropped).
    #[must_use]
    #[inline]
    pub const fn with_flags(mut self, flags: AgentFlags) -> Privileges {
        self.grants |= pack(
            Scopes::empty(),
            AgentFlags::from_bits_truncate(flags.bits()),
        );
        self
    }

    /// The same privileges with exactly `scopes` as the scopes.
    #[must_use]
    #[inline]
    pub(crate) const fn with_scopes_only(mut self, scopes: Scopes) -> Privileges {
        self.grants = pack(scopes, self.flags());
        self
    }

    /// The same privileges with the levels of `other`.
    #[cfg(feature = "serde")]
    #[must_use]
    #[inline]
    pub(crate) const fn with_levels_of(mut self, other: &Privileges) -> Privileges {
        self.levels = other.levels;
        self
    }

    /// The same privileges with exactly `flags` as the flags.
    #[cfg(feature = "serde")]
    #[must_use]
    #[inline]
    pub(crate) const fn with_flags_only(mut self, flags: AgentFlags) -> Privileges {
        self.grants = pack(self.scopes(), flags);
        self
    }

    /// Removes `scopes` from the granted scopes.
    #[must_use]
    #[inline]
    pub const fn without_scopes(mut self, scopes: Scopes) -> Privileges {
        self.grants &= !(scopes.bits() & SCOPE_BITS);
        self
    }

    /// Sets `flags` to No.
    #[must_use]
    #[inline]
    pub const fn without_flags(mut self, flags: AgentFlags) -> Privileges {
        self.grants &= !pack(Scopes::empty(), flags);
        self
    }

    /// The scopes and the flags in one word (flags from bit 56 up), as the evaluate path reads
    /// them.
    #[inline(always)]
    pub(crate) const fn grants_word(&self) -> u64 {
        self.grants
    }

    /// The application's OAuth scopes.
    #[inline]
    pub const fn scopes(&self) -> Scopes {
        Scopes::from_bits_retain(self.grants & SCOPE_BITS)
    }

    /// The access level in `area`.
    #[inline]
    pub const fn level(&self, area: Area) -> AccessLevel {
        self.levels.get(area)
    }

    /// Every area with its level, in [`Area::ALL`] order (including areas at No Access).
    pub fn levels(&self) -> impl Iterator<Item = (Area, AccessLevel)> + Clone + '_ {
        Area::ALL.into_iter().map(|area| (area, self.level(area)))
    }

    /// The agent flags set to Yes.
    #[inline]
    pub const fn flags(&self) -> AgentFlags {
        AgentFlags::from_bits_retain((self.grants >> FLAG_SHIFT) as u8)
    }

    /// The least upper bound: union of scopes and flags, the higher level in each area. This is
    /// how HaloPSA combines an agent's own permissions with those of its roles.
    #[must_use]
    #[inline]
    pub const fn join(&self, other: &Privileges) -> Privileges {
        let higher = self.levels.at_least(other.levels);
        Privileges {
            grants: self.grants | other.grants,
            levels: self.levels.select(other.levels, higher),
        }
    }

    /// The greatest lower bound: intersection of scopes and flags, the lower level in each area.
    #[must_use]
    #[inline]
    pub const fn meet(&self, other: &Privileges) -> Privileges {
        let higher = self.levels.at_least(other.levels);
        Privileges {
            grants: self.grants & other.grants,
            levels: other.levels.select(self.levels, higher),
        }
    }

    /// Whether `self` holds everything `other` holds, pointwise (the order of `PartialOrd`).
    #[inline]
    pub const fn contains(&self, other: &Privileges) -> bool {
        self.grants & other.grants == other.grants && self.levels.at_least(other.levels) == GUARDS
    }

    /// Whether `self`, as a grant, lets through every call that `other` allows: the pointwise
    /// order, except that the `all` scope covers every scope. So `a.covers(b)` does not imply
    /// `a.join(b) == a`.
    ///
    /// ```
    /// use halopsa_privileges::{Privileges, Scopes};
    /// let all = Privileges::none().with_scopes(Scopes::ALL);
    /// let edit = Privileges::none().with_scopes(Scopes::EDIT_INVOICES);
    /// assert!(all.covers(&edit));
    /// assert!(!all.contains(&edit));
    /// // No edit-implies-read is proven (it is an unconfirmed assumption):
    /// assert!(!edit.covers(&Privileges::none().with_scopes(Scopes::READ_INVOICES)));
    /// ```
    #[inline]
    pub const fn covers(&self, other: &Privileges) -> bool {
        (self.scopes().contains(Scopes::ALL) || self.scopes().contains(other.scopes()))
            && self.flags().contains(other.flags())
            && self.levels.at_least(other.levels) == GUARDS
    }

    /// The words [`covers`](Privileges::covers) reads, for checking many rules at once: the
    /// scopes (every scope when `self` holds `all`) with the flags, and the levels of the first
    /// 16 areas with their guard bits set (see [`Words`]).
    #[inline(always)]
    pub(crate) const fn words(&self) -> Words {
        let grants = if self.grants & Scopes::ALL.bits() != 0 {
            self.grants | Scopes::all().bits()
        } else {
            self.grants
        };
        Words {
            grants,
            levels: self.levels.0[0] | GUARDS as u64,
        }
    }

    /// A rule's words: `None` when it needs an area beyond the first 16 (then [`Words`] cannot
    /// check it).
    pub(crate) const fn rule_words(&self) -> Option<Words> {
        if self.levels.bits() >> 64 != 0 {
            return None;
        }
        Some(Words {
            grants: self.grants,
            levels: self.levels.0[0],
        })
    }

    /// The scopes of `required` that `self` does not cover (none when `self` holds `all`).
    #[inline]
    pub(crate) const fn scopes_short_of(&self, required: Scopes) -> Scopes {
        if self.scopes().contains(Scopes::ALL) {
            Scopes::empty()
        } else {
            required.difference(self.scopes())
        }
    }
}

impl Default for Privileges {
    /// [`Privileges::none`].
    fn default() -> Privileges {
        Privileges::none()
    }
}

impl PartialOrd for Privileges {
    /// The pointwise order of the lattice (see [`Privileges::contains`]); `None` when each holds
    /// something the other lacks.
    fn partial_cmp(&self, other: &Privileges) -> Option<Ordering> {
        match (self.contains(other), other.contains(self)) {
            (true, true) => Some(Ordering::Equal),
            (true, false) => Some(Ordering::Greater),
            (false, true) => Some(Ordering::Less),
            (false, false) => None,
        }
    }
}

impl fmt::Debug for Privileges {
    /// Scopes as their string, levels as a map of the areas above No Access, flags as ids.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Access<'a>(&'a Privileges);
        impl fmt::Debug for Access<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_map()
                    .entries(
                        self.0
                            .levels()
                            .filter(|(_, level)| *level != AccessLevel::NoAccess),
                    )
                    .finish()
            }
        }
        f.debug_struct("Privileges")
            .field("scopes", &self.scopes())
            .field("access", &Access(self))
            .field("flags", &self.flags())
            .finish()
    }
}
