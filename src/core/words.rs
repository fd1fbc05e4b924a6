//! [`Words`]: a grant or a rule as three machine words, the form the evaluate path checks rules
//! in (see [`Privileges::words`]).

use crate::privileges::GUARDS;
use crate::{AccessLevel, Area, Privileges, Scopes};

/// A grant or a rule as three machine words (see [`Privileges::words`]).
#[derive(Clone, Copy)]
pub(crate) struct Words {
    pub(crate) scopes: u64,
    pub(crate) flags: u64,
    pub(crate) levels: u64,
}

impl Words {
    /// No scope, no flag, every area at No Access.
    pub(crate) const ZERO: Words = Words {
        scopes: 0,
        flags: 0,
        levels: 0,
    };

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
        Some(Words {
            scopes: cover.scopes().bits(),
            flags: cover.flags().bits() as u64,
            levels,
        })
    }

    /// `self` with `other`'s scopes, flags and levels or-ed in (see [`Words::of_cover`]), then
    /// with the `read:X` of every `edit:X` that has one.
    #[inline(always)]
    pub(crate) const fn widened(self, other: &Words) -> Words {
        let scopes = self.scopes | other.scopes;
        Words {
            scopes: scopes | Scopes::from_bits_retain(scopes).reads_of_edits().bits(),
            flags: self.flags | other.flags,
            levels: self.levels | other.levels,
        }
    }

    /// Whether the grant `self` covers `rule` ([`Privileges::covers`], without branches).
    #[inline(always)]
    pub(crate) const fn covers(&self, rule: &Words) -> bool {
        let guards = GUARDS as u64;
        self.scopes & rule.scopes == rule.scopes
            && self.flags & rule.flags == rule.flags
            && (self.levels - rule.levels) & guards == guards
    }
}
