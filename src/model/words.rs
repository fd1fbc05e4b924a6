//! [`Words`]: a grant or a rule as two machine words, the form the evaluate path checks rules
//! in (see [`Privileges::words`]).

use crate::model::privileges::GUARDS;
use crate::model::{AccessLevel, Area, Privileges, Scopes};

/// A grant or a rule as two machine words (see [`Privileges::words`]): the scopes and the flags
/// in one (the flags from bit [`FLAG_SHIFT`] up), the levels of the first 16 areas in the other.
#[derive(Clone, Copy)]
pub(crate) struct Words {
    pub(crate) grants: u64,
    pub(crate) levels: u64,
}

/// Where the flags start in [`Words::grants`]: above every scope.
pub(crate) const FLAG_SHIFT: u32 = 56;
const _: () = assert!(
    Scopes::all().bits() >> FLAG_SHIFT == 0,
    "the scopes fit below the flags"
);
const _: () = assert!(
    (crate::model::AgentFlags::all().bits() as u64) << FLAG_SHIFT >> FLAG_SHIFT
        == crate::model::AgentFlags::all().bits() as u64,
    "the flags fit in the top bits"
);

impl Words {
    /// No scope, no flag, every area at No Access.
    pub(crate) const ZERO: Words = Words {
        grants: 0,
        levels: 0,
    };

    /// The words of scope bits, flag bits and packed levels.
    #[inline(always)]
    pub(crate) const fn new(scopes: u64, flags: u64, levels: u64) -> Words {
        Words {
            grants: scopes | flags << FLAG_SHIFT,
            levels,
        }
    }

    /// The words of a cover (what assumptions may add): every area it raises at all must be
    /// raised to the top, which these words write as a full nibble (7), so that `|` with a
    /// grant's words is the join as far as [`Words::covers`] can tell. `None` otherwise.
    pub(crate) const fn of_cover(cover: &Privileges) -> Option<Words> {
        let mut levels = 0u64;
        let mut i = 0;
        while i < Area::COUNT {
            let level = cover.level(Area::ALL[i]);
            if level as u8 == AccessLevel::TOP as u8 {
                if i < 16 {
                    levels |= 7 << (4 * i);
                }
            } else if level as u8 != AccessLevel::NoAccess as u8 {
                return None;
            }
            i += 1;
        }
        Some(Words::new(
            cover.scopes().bits(),
            cover.flags().bits() as u64,
            levels,
        ))
    }

    /// `self` with `other`'s scopes, flags and levels or-ed in (see [`Words::of_cover`]), then
    /// with the `read:X` of every `edit:X` that has one.
    #[inline(always)]
    pub(crate) const fn widened(self, other: &Words) -> Words {
        let grants = self.grants | other.grants;
        // `reads_of_edits` keeps only scope bits, so the flags stay as they are.
        Words {
            grants: grants | Scopes::from_bits_retain(grants).reads_of_edits().bits(),
            levels: self.levels | other.levels,
        }
    }

    /// Whether some `edit:X` is held without its `read:X` (which the assumption
    /// `edit-covers-read` may add).
    #[inline(always)]
    pub(crate) const fn reads_of_edits_missing(&self) -> bool {
        Scopes::from_bits_retain(self.grants)
            .reads_of_edits()
            .bits()
            & !self.grants
            != 0
    }

    /// Whether the grant `self` covers `rule` ([`Privileges::covers`], without branches).
    #[inline(always)]
    pub(crate) const fn covers(&self, rule: &Words) -> bool {
        let guards = GUARDS as u64;
        self.grants & rule.grants == rule.grants && (self.levels - rule.levels) & guards == guards
    }
}
