//! [`Privileges`]: scopes, access levels and agent flags together.

use core::cmp::Ordering;

use crate::{AccessLevel, AgentFlags, Area, Scopes};

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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Privileges {
    scopes: Scopes,
    levels: [AccessLevel; Area::COUNT],
    flags: AgentFlags,
}

impl Privileges {
    /// No scope, No Access in every area, no flag: the bottom of the lattice.
    pub const fn none() -> Privileges {
        Privileges {
            scopes: Scopes::empty(),
            levels: [AccessLevel::NoAccess; Area::COUNT],
            flags: AgentFlags::empty(),
        }
    }

    /// Every scope, every area at Read, Create, Modify and Delete, every flag: the top.
    pub const fn everything() -> Privileges {
        Privileges {
            scopes: Scopes::all(),
            levels: [AccessLevel::ReadCreateModifyDelete; Area::COUNT],
            flags: AgentFlags::all(),
        }
    }

    /// Adds `scopes` to the granted scopes.
    #[must_use]
    pub const fn with_scopes(mut self, scopes: Scopes) -> Privileges {
        self.scopes = self.scopes.union(scopes);
        self
    }

    /// Sets the level of `area` (replacing what it was, even with a lower level).
    #[must_use]
    pub const fn with_level(mut self, area: Area, level: AccessLevel) -> Privileges {
        self.levels[area.index()] = level;
        self
    }

    /// Adds `flags` to the agent flags set to Yes.
    #[must_use]
    pub const fn with_flags(mut self, flags: AgentFlags) -> Privileges {
        self.flags = self.flags.union(flags);
        self
    }

    /// Removes `scopes` from the granted scopes.
    #[must_use]
    pub const fn without_scopes(mut self, scopes: Scopes) -> Privileges {
        self.scopes = self.scopes.difference(scopes);
        self
    }

    /// Sets `flags` to No.
    #[must_use]
    pub const fn without_flags(mut self, flags: AgentFlags) -> Privileges {
        self.flags = self.flags.difference(flags);
        self
    }

    /// The application's OAuth scopes.
    pub const fn scopes(&self) -> Scopes {
        self.scopes
    }

    /// The access level in `area`.
    pub const fn level(&self, area: Area) -> AccessLevel {
        self.levels[area.index()]
    }

    /// Every area with its level, in [`Area::ALL`] order (including areas at No Access).
    pub fn levels(&self) -> impl Iterator<Item = (Area, AccessLevel)> + '_ {
        Area::ALL.into_iter().zip(self.levels)
    }

    /// The agent flags set to Yes.
    pub const fn flags(&self) -> AgentFlags {
        self.flags
    }

    /// The least upper bound: union of scopes and flags, the higher level in each area. This is
    /// how HaloPSA combines an agent's own permissions with those of its roles.
    #[must_use]
    pub const fn join(&self, other: &Privileges) -> Privileges {
        let mut levels = self.levels;
        let mut i = 0;
        while i < Area::COUNT {
            levels[i] = levels[i].join(other.levels[i]);
            i += 1;
        }
        Privileges {
            scopes: self.scopes.union(other.scopes),
            levels,
            flags: self.flags.union(other.flags),
        }
    }

    /// The greatest lower bound: intersection of scopes and flags, the lower level in each area.
    #[must_use]
    pub const fn meet(&self, other: &Privileges) -> Privileges {
        let mut levels = self.levels;
        let mut i = 0;
        while i < Area::COUNT {
            levels[i] = levels[i].meet(other.levels[i]);
            i += 1;
        }
        Privileges {
            scopes: self.scopes.intersection(other.scopes),
            levels,
            flags: self.flags.intersection(other.flags),
        }
    }

    /// Whether `self` holds everything `other` holds, pointwise (the order of `PartialOrd`).
    pub const fn contains(&self, other: &Privileges) -> bool {
        self.scopes.contains(other.scopes)
            && self.flags.contains(other.flags)
            && levels_at_least(&self.levels, &other.levels)
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
    /// // No edit-implies-read is assumed:
    /// assert!(!edit.covers(&Privileges::none().with_scopes(Scopes::READ_INVOICES)));
    /// ```
    pub const fn covers(&self, other: &Privileges) -> bool {
        (self.scopes.contains(Scopes::ALL) || self.scopes.contains(other.scopes))
            && self.flags.contains(other.flags)
            && levels_at_least(&self.levels, &other.levels)
    }

    /// The scopes of `required` that `self` does not cover (none when `self` holds `all`).
    pub(crate) const fn scopes_short_of(&self, required: Scopes) -> Scopes {
        if self.scopes.contains(Scopes::ALL) {
            Scopes::empty()
        } else {
            required.difference(self.scopes)
        }
    }
}

/// Whether every level of `a` is at least the level of `b` in the same area.
const fn levels_at_least(a: &[AccessLevel; Area::COUNT], b: &[AccessLevel; Area::COUNT]) -> bool {
    let mut short = false;
    let mut i = 0;
    while i < Area::COUNT {
        short |= (a[i] as u8) < (b[i] as u8);
        i += 1;
    }
    !short
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
