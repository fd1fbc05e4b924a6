//! [`combine`]: two observations of one grant made into one, with their [`Conflict`]s.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use crate::{AgentFlags, Area, Grant, LevelBounds, Scopes};

/// Where two observations of one grant disagree: one says a scope or setting is granted and
/// the other that it is not, or their bounds for an area's level do not overlap.
///
/// `Display` says what disagrees; [`Conflict::between`] names the two sources.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Conflict {
    /// One source says the scope is granted (`first`), the other not.
    Scope {
        /// The scope.
        scope: Scopes,
        /// What the first source says.
        first: bool,
    },
    /// One source says the setting is Yes (`first`), the other No.
    Flag {
        /// The setting.
        flag: AgentFlags,
        /// What the first source says.
        first: bool,
    },
    /// The sources' bounds for the area's level do not overlap.
    Level {
        /// The area.
        area: Area,
        /// What the first source says.
        first: LevelBounds,
        /// What the second source says.
        second: LevelBounds,
    },
}

impl Conflict {
    /// One sentence naming both sources, e.g. "`read:invoices`: the token says granted, the
    /// grant file says not granted".
    pub fn between(&self, first: &str, second: &str) -> String {
        let yes_no = |yes: bool, granted: &'static str, not: &'static str| {
            if yes {
                (granted, not)
            } else {
                (not, granted)
            }
        };
        match *self {
            Conflict::Scope { scope, first: yes } => {
                let (a, b) = yes_no(yes, "granted", "not granted");
                alloc::format!("`{scope}`: {first} says {a}, {second} says {b}")
            }
            Conflict::Flag { flag, first: yes } => {
                let (a, b) = yes_no(yes, "Yes", "No");
                alloc::format!(
                    "{}: {first} says {a}, {second} says {b}",
                    flag.label().unwrap_or("a setting")
                )
            }
            Conflict::Level {
                area,
                first: a,
                second: b,
            } => alloc::format!("{area} Access Level: {first} says {a}, {second} says {b}"),
        }
    }
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.between("one source", "the other"))
    }
}

/// Two observations of one grant (say, the token and a person's grant file) made into one:
/// where they agree or one is silent, what either knows; where their bounds overlap, the
/// overlap. Where they disagree, neither is taken: the item is known only as far as both allow
/// (a scope or setting becomes unknown, a level the span of both bounds), and the disagreement
/// is returned as a [`Conflict`] to report, never resolved silently.
///
/// ```
/// use halopsa_privileges::{combine, AccessLevel, Area, Conflict, Grant, LevelBounds, Scopes};
///
/// let token = Grant::unknown().with_scopes(Scopes::READ_CUSTOMERS, Some(true));
/// let file = Grant::unknown()
///     .with_scopes(Scopes::READ_CUSTOMERS, Some(false))
///     .with_level(Area::Clients, LevelBounds::exact(AccessLevel::Read));
/// let (grant, conflicts) = combine(&token, &file);
/// assert_eq!(grant.has_scope(Scopes::READ_CUSTOMERS), None);
/// assert_eq!(grant.level(Area::Clients), LevelBounds::exact(AccessLevel::Read));
/// assert_eq!(conflicts, [Conflict::Scope { scope: Scopes::READ_CUSTOMERS, first: true }]);
/// assert_eq!(
///     conflicts[0].between("the token", "the grant file"),
///     "`read:customers`: the token says granted, the grant file says not granted"
/// );
/// ```
pub fn combine(first: &Grant, second: &Grant) -> (Grant, Vec<Conflict>) {
    let mut grant = Grant::unknown();
    let mut conflicts = Vec::new();
    for scope in Scopes::all().iter() {
        let known = agree(first.has_scope(scope), second.has_scope(scope)).unwrap_or_else(|a| {
            conflicts.push(Conflict::Scope { scope, first: a });
            None
        });
        grant = grant.with_scopes(scope, known);
    }
    for area in Area::ALL {
        let (a, b) = (first.level(area), second.level(area));
        let low = a.at_least().max(b.at_least());
        let high = a.at_most().min(b.at_most());
        let bounds = if low <= high {
            LevelBounds::between(low, high)
        } else {
            conflicts.push(Conflict::Level {
                area,
                first: a,
                second: b,
            });
            LevelBounds::between(a.at_least().min(b.at_least()), a.at_most().max(b.at_most()))
        };
        grant = grant.with_level(area, bounds);
    }
    for flag in AgentFlags::all().iter() {
        let known = agree(first.has_flag(flag), second.has_flag(flag)).unwrap_or_else(|a| {
            conflicts.push(Conflict::Flag { flag, first: a });
            None
        });
        grant = grant.with_flags(flag, known);
    }
    (grant, conflicts)
}

/// What two observations of one yes/no item know together: either's answer when they agree or
/// one is silent; `Err(first)` when they disagree (the item is then unknown).
fn agree(first: Option<bool>, second: Option<bool>) -> Result<Option<bool>, bool> {
    match (first, second) {
        (Some(a), Some(b)) if a != b => Err(a),
        (a, b) => Ok(a.or(b)),
    }
}
