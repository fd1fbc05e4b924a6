//! [`combine`]: two observations of one grant made into one, with their [`Conflict`]s.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use crate::model::{AgentFlags, Area, Grant, LevelBounds, Scopes};

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

/// Every observation of one grant, each named by its source ("the token", "HaloPSA's agent
/// JSON", "the calls", a person's grant file), made into one picture: [`Evidence::grant`] knows
/// what the sources agree on, [`Evidence::conflicts`] names both sources of every disagreement
/// (the item is then known only as far as all of them allow), and [`Evidence::said`] tells, for
/// each item, which source said what.
///
/// Unlike folding [`combine`] over the sources, a disagreement stays one however many sources
/// come after it: a third source that agrees with one side does not settle it.
///
/// ```
/// use halopsa_privileges::{AccessLevel, Area, Evidence, Grant, LevelBounds, Scopes};
///
/// let (token, _) = Grant::from_token_scope("read:customers");
/// let agent = Grant::unknown().with_level(Area::Clients, LevelBounds::exact(AccessLevel::Read));
/// let file = Grant::unknown().with_scopes(Scopes::READ_CUSTOMERS, Some(false));
/// let evidence = Evidence::new()
///     .with("the token", token)
///     .with("the agent's JSON", agent)
///     .with("the grant file", file);
/// assert_eq!(evidence.grant().has_scope(Scopes::READ_CUSTOMERS), None);
/// assert_eq!(evidence.grant().level(Area::Clients), LevelBounds::exact(AccessLevel::Read));
/// assert_eq!(
///     evidence.conflicts(),
///     ["`read:customers`: the token says granted, the grant file says not granted"]
/// );
/// let said: Vec<_> = evidence.said().map(|said| said.to_string()).collect();
/// assert!(said.contains(&"Clients Access Level: the agent's JSON says Read".to_string()));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Evidence {
    observations: Vec<(String, Grant)>,
}

/// What one source says of one item: a line of [`Evidence::said`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Said<'a> {
    /// The source's name, as given to [`Evidence::with`].
    pub source: &'a str,
    /// What it says.
    pub says: Saying,
}

/// What a source says of one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Saying {
    /// The scope is granted (`true`) or not.
    Scope(Scopes, bool),
    /// The area's level, as far as the source knows it (never [`LevelBounds::UNKNOWN`]).
    Level(Area, LevelBounds),
    /// The setting is Yes (`true`) or No.
    Flag(AgentFlags, bool),
}

impl Saying {
    /// The item, as the report words it (`read:customers`, `Clients Access Level`, `Allow use
    /// of all Clients`).
    pub fn item(&self) -> String {
        match *self {
            Saying::Scope(scope, _) => alloc::format!("{scope}"),
            Saying::Level(area, _) => alloc::format!("{area} Access Level"),
            Saying::Flag(flag, _) => flag.label().unwrap_or("a setting").into(),
        }
    }

    /// What is said of it (`granted`, `not granted`, `at least Read`, `Yes`, `No`).
    pub fn value(&self) -> String {
        let yes_no = |yes: bool, a: &str, b: &str| String::from(if yes { a } else { b });
        match *self {
            Saying::Scope(_, yes) => yes_no(yes, "granted", "not granted"),
            Saying::Level(_, bounds) => alloc::format!("{bounds}"),
            Saying::Flag(_, yes) => yes_no(yes, "Yes", "No"),
        }
    }
}

impl fmt::Display for Saying {
    /// `read:customers: granted`, `Clients Access Level: at least Read`, `Allow use of all
    /// Clients: Yes`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.item(), self.value())
    }
}

impl fmt::Display for Said<'_> {
    /// `read:customers: the token says granted`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (item, value) = (self.says.item(), self.says.value());
        write!(f, "{item}: {} says {value}", self.source)
    }
}

impl Evidence {
    /// No observation yet: the grant is wholly unknown.
    pub fn new() -> Evidence {
        Evidence::default()
    }

    /// The evidence with one more observation, named by its source.
    #[must_use]
    pub fn with(mut self, source: impl Into<String>, grant: Grant) -> Evidence {
        self.add(source, grant);
        self
    }

    /// Adds one observation, named by its source. A name already used gets a number (`the
    /// token (2)`), so that every source stays told apart.
    pub fn add(&mut self, source: impl Into<String>, grant: Grant) {
        let mut name = source.into();
        let taken = |name: &str| self.observations.iter().any(|(used, _)| used == name);
        if taken(&name) {
            let n = (2..).find(|n| !taken(&alloc::format!("{name} ({n})")));
            name = alloc::format!("{name} ({})", n.unwrap_or(2));
        }
        self.observations.push((name, grant));
    }

    /// The observations, in the order given.
    pub fn observations(&self) -> impl Iterator<Item = (&str, &Grant)> + Clone {
        self.observations
            .iter()
            .map(|(source, grant)| (source.as_str(), grant))
    }

    /// What all the sources know together: an item where they agree or only some speak, what
    /// they say; an item where two disagree, unknown (a level: the span of every source's
    /// bounds).
    pub fn grant(&self) -> Grant {
        let mut grant = Grant::unknown();
        for (_, next) in &self.observations {
            grant = combine(&grant, next).0;
        }
        for (_, _, conflict) in self.pairwise() {
            grant = match conflict {
                Conflict::Scope { scope, .. } => grant.with_scopes(scope, None),
                Conflict::Flag { flag, .. } => grant.with_flags(flag, None),
                Conflict::Level { area, .. } => {
                    // The span of what every source that knows the area says.
                    let levels = self
                        .observations
                        .iter()
                        .map(|(_, g)| g.level(area))
                        .filter(|&bounds| bounds != LevelBounds::UNKNOWN);
                    let low = levels.clone().map(LevelBounds::at_least).min();
                    let high = levels.map(LevelBounds::at_most).max();
                    match (low, high) {
                        (Some(low), Some(high)) => {
                            grant.with_level(area, LevelBounds::between(low, high))
                        }
                        _ => grant,
                    }
                }
            };
        }
        grant
    }

    /// Every disagreement, naming both sources (one line each, in the order of the sources).
    pub fn conflicts(&self) -> Vec<String> {
        self.disagreements()
            .map(|(first, second, conflict)| conflict.between(first, second))
            .collect()
    }

    /// Every disagreement as the two sources' names and the [`Conflict`].
    pub fn disagreements(&self) -> impl Iterator<Item = (&str, &str, Conflict)> + '_ {
        self.pairwise()
    }

    /// What each source says of each item it knows: scopes, then levels, then settings, each in
    /// the order of the sources.
    pub fn said(&self) -> impl Iterator<Item = Said<'_>> + '_ {
        let scopes = Scopes::all().iter().flat_map(move |scope| {
            self.observations().filter_map(move |(source, grant)| {
                let yes = grant.has_scope(scope)?;
                Some(Said {
                    source,
                    says: Saying::Scope(scope, yes),
                })
            })
        });
        let levels = Area::ALL.into_iter().flat_map(move |area| {
            self.observations().filter_map(move |(source, grant)| {
                let bounds = grant.level(area);
                (bounds != LevelBounds::UNKNOWN).then_some(Said {
                    source,
                    says: Saying::Level(area, bounds),
                })
            })
        });
        let flags = AgentFlags::all().iter().flat_map(move |flag| {
            self.observations().filter_map(move |(source, grant)| {
                let yes = grant.has_flag(flag)?;
                Some(Said {
                    source,
                    says: Saying::Flag(flag, yes),
                })
            })
        });
        scopes.chain(levels).chain(flags)
    }

    /// The conflicts between every two sources, with their names.
    fn pairwise(&self) -> impl Iterator<Item = (&str, &str, Conflict)> + '_ {
        let all = &self.observations;
        all.iter().enumerate().flat_map(move |(i, (a, first))| {
            all[i + 1..].iter().flat_map(move |(b, second)| {
                combine(first, second)
                    .1
                    .into_iter()
                    .map(move |conflict| (a.as_str(), b.as_str(), conflict))
            })
        })
    }
}
