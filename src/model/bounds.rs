//! [`LevelBounds`]: what is known of one area's access level, as a range of the chain.

use core::fmt;
use core::str::FromStr;

use crate::common::error::ParseError;
use crate::common::text::eq_label;
use crate::model::AccessLevel;

/// What is known of one area's [`AccessLevel`]: at least one level, at most another. Exact when
/// the two are equal; unknown when they span the whole chain ([`LevelBounds::UNKNOWN`]).
///
/// HaloPSA applies the highest level of the agent and all its roles, so joining sources joins
/// their bounds: the effective level is at least the highest lower bound and at most the highest
/// upper bound. An agent at Read whose role's level is not known is therefore "at least Read".
///
/// `Display` and `FromStr` round-trip: an exact level is its label (`Read`), an unknown one
/// `unknown`, and a range `at least Read`, `at most Read and Modify` or `at least Read, at most
/// Read and Modify`. Levels inside accept every id and label [`AccessLevel`] accepts.
///
/// ```
/// use halopsa_privileges::{AccessLevel, LevelBounds};
///
/// fn main() -> Result<(), halopsa_privileges::ParseError> {
///     let agent = LevelBounds::exact(AccessLevel::Read);
///     let role: LevelBounds = "unknown".parse()?;
///     let effective = agent.join(role);
///     assert_eq!(effective, LevelBounds::from_at_least(AccessLevel::Read));
///     assert_eq!(effective.to_string(), "at least Read");
///     assert!(effective.proves(AccessLevel::Read));
///     assert!(!effective.excludes(AccessLevel::ReadModify));
///
///     let capped: LevelBounds = "at least read, at most Read and Modify".parse()?;
///     assert_eq!(capped.at_most(), AccessLevel::ReadModify);
///     assert_eq!(capped.to_string().parse::<LevelBounds>()?, capped);
///     Ok(())
/// }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LevelBounds {
    at_least: AccessLevel,
    at_most: AccessLevel,
}

impl LevelBounds {
    /// Nothing known: at least No Access, at most the top of the chain.
    pub const UNKNOWN: LevelBounds = LevelBounds {
        at_least: AccessLevel::NoAccess,
        at_most: AccessLevel::TOP,
    };

    /// Exactly `level`.
    #[inline]
    pub const fn exact(level: AccessLevel) -> LevelBounds {
        LevelBounds {
            at_least: level,
            at_most: level,
        }
    }

    /// At least `level`, nothing known above it.
    #[inline]
    pub const fn from_at_least(level: AccessLevel) -> LevelBounds {
        LevelBounds {
            at_least: level,
            at_most: AccessLevel::TOP,
        }
    }

    /// At most `level`, nothing known below it.
    #[inline]
    pub const fn from_at_most(level: AccessLevel) -> LevelBounds {
        LevelBounds {
            at_least: AccessLevel::NoAccess,
            at_most: level,
        }
    }

    /// At least `at_least` and at most `at_most`; an upper bound below the lower one is raised to
    /// it (a level is never below what is proven).
    #[inline]
    pub const fn between(at_least: AccessLevel, at_most: AccessLevel) -> LevelBounds {
        LevelBounds {
            at_least,
            at_most: at_most.join(at_least),
        }
    }

    /// The lowest level the area can be at: what is proven.
    #[inline]
    pub const fn at_least(self) -> AccessLevel {
        self.at_least
    }

    /// The highest level the area can be at.
    #[inline]
    pub const fn at_most(self) -> AccessLevel {
        self.at_most
    }

    /// The level, when it is known exactly.
    #[inline]
    pub const fn exact_level(self) -> Option<AccessLevel> {
        if self.at_least as u8 == self.at_most as u8 {
            Some(self.at_least)
        } else {
            None
        }
    }

    /// Whether nothing is known (the whole chain).
    #[inline]
    pub const fn is_unknown(self) -> bool {
        matches!(self.at_least, AccessLevel::NoAccess)
            && self.at_most as u8 == AccessLevel::TOP as u8
    }

    /// Whether the area is proven to be at `level` or above.
    #[inline]
    pub const fn proves(self, level: AccessLevel) -> bool {
        self.at_least.at_least(level)
    }

    /// Whether the area is proven to be below `level`.
    #[inline]
    pub const fn excludes(self, level: AccessLevel) -> bool {
        !self.at_most.at_least(level)
    }

    /// The bounds of the higher of two levels: how HaloPSA combines the agent and its roles.
    #[inline]
    #[must_use]
    pub const fn join(self, other: LevelBounds) -> LevelBounds {
        LevelBounds {
            at_least: self.at_least.join(other.at_least),
            at_most: self.at_most.join(other.at_most),
        }
    }

    /// Writes the bounds with `level` for each level (its label or its id).
    fn write(
        self,
        f: &mut fmt::Formatter<'_>,
        level: fn(AccessLevel) -> &'static str,
    ) -> fmt::Result {
        match (self.exact_level(), self.is_unknown()) {
            (Some(exact), _) => f.write_str(level(exact)),
            (None, true) => f.write_str("unknown"),
            (None, false) if self.at_most as u8 == AccessLevel::TOP as u8 => {
                write!(f, "at least {}", level(self.at_least))
            }
            (None, false) if matches!(self.at_least, AccessLevel::NoAccess) => {
                write!(f, "at most {}", level(self.at_most))
            }
            (None, false) => write!(
                f,
                "at least {}, at most {}",
                level(self.at_least),
                level(self.at_most)
            ),
        }
    }

    /// The JSON form: like `Display`, with level ids (`read`, `at least read`, `unknown`).
    pub fn id(self) -> impl fmt::Display {
        struct Id(LevelBounds);
        impl fmt::Display for Id {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.write(f, AccessLevel::id)
            }
        }
        Id(self)
    }
}

impl Default for LevelBounds {
    /// [`LevelBounds::UNKNOWN`].
    fn default() -> LevelBounds {
        LevelBounds::UNKNOWN
    }
}

impl From<AccessLevel> for LevelBounds {
    /// [`LevelBounds::exact`].
    fn from(level: AccessLevel) -> LevelBounds {
        LevelBounds::exact(level)
    }
}

impl fmt::Display for LevelBounds {
    /// `Read`, `unknown`, `at least Read`, `at most Read and Modify`, or `at least Read, at most
    /// Read and Modify`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, AccessLevel::label)
    }
}

/// `s` without a leading `prefix` (ASCII case ignored), trimmed.
fn strip_prefix_words<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| s[prefix.len()..].trim_matches(|c: char| c.is_ascii_whitespace()))
}

/// Splits `at least X, at most Y` (or `... and at most Y`) at the second bound.
fn split_at_most(s: &str) -> Option<(&str, &str)> {
    let lower = s.to_ascii_lowercase();
    let at = lower.find("at most")?;
    let head = s[..at].trim_end_matches(|c: char| c.is_ascii_whitespace());
    let head = head
        .strip_suffix(',')
        .or_else(|| {
            let cut = head.len().checked_sub(3)?;
            (head.is_char_boundary(cut) && head[cut..].eq_ignore_ascii_case("and"))
                .then(|| &head[..cut])
        })
        .unwrap_or(head);
    Some((head.trim(), s[at + "at most".len()..].trim()))
}

impl FromStr for LevelBounds {
    type Err = ParseError;

    /// An exact level (any id or label), `unknown`, `at least X`, `at most Y`, or `at least X,
    /// at most Y`. The error names the level that was not recognised.
    fn from_str(s: &str) -> Result<LevelBounds, ParseError> {
        let s = s.trim_matches(|c: char| c.is_ascii_whitespace());
        if eq_label(s, "unknown") {
            return Ok(LevelBounds::UNKNOWN);
        }
        if let Some(rest) = strip_prefix_words(s, "at least") {
            return match split_at_most(rest) {
                Some((low, high)) => {
                    let (low, high): (AccessLevel, AccessLevel) = (low.parse()?, high.parse()?);
                    if low > high {
                        return Err(ParseError::ContradictoryBounds(s.into()));
                    }
                    Ok(LevelBounds::between(low, high))
                }
                None => Ok(LevelBounds::from_at_least(rest.parse()?)),
            };
        }
        if let Some(rest) = strip_prefix_words(s, "at most") {
            return Ok(LevelBounds::from_at_most(rest.parse()?));
        }
        s.parse().map(LevelBounds::exact)
    }
}

/// Bounds in running text, levels quoted: `"Read"`, `not known`, `at least "Read"`, `at most
/// "Read"`, `at least "Read", at most "Read and Modify"`.
pub(crate) struct Quoted(pub(crate) LevelBounds);

impl fmt::Display for Quoted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let bounds = self.0;
        match bounds.exact_level() {
            Some(level) => write!(f, "\"{level}\""),
            None if bounds.is_unknown() => f.write_str("not known"),
            None if bounds.at_most == AccessLevel::TOP => {
                write!(f, "at least \"{}\"", bounds.at_least)
            }
            None if bounds.at_least == AccessLevel::NoAccess => {
                write!(f, "at most \"{}\"", bounds.at_most)
            }
            None => write!(
                f,
                "at least \"{}\", at most \"{}\"",
                bounds.at_least, bounds.at_most
            ),
        }
    }
}
