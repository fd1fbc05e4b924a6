//! The JSON forms of grants: [`Privileges`] (everything known) and [`Grant`] (each part may be
//! `"unknown"`, a level may be a bound such as `"at least read"`).
//!
//! ```json
//! { "scopes": "read:customers read:items",
//!   "access": { "clients": "at least read", "invoices": "unknown" },
//!   "flags": "unknown" }
//! ```
//!
//! In what people write, a left-out `scopes`, `access` or `flags` key is unknown; inside a
//! written `access` object an area left out is at No Access, and inside a written `flags` array
//! or object a flag left out is No (HaloPSA shows each on one screen, and the crate writes them
//! so). `Privileges`, which cannot say "unknown", reads a left-out key as none.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use serde::de::value::SeqAccessDeserializer;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};

use crate::common::error::ParseError;
use crate::common::text::eq_label;
use crate::model::{AgentFlags, Area, Grant, LevelBounds, Privileges, Scopes};

/// The marker of a part that was not observed.
pub(crate) const UNKNOWN: &str = "unknown";

fn is_unknown(text: &str) -> bool {
    eq_label(text, UNKNOWN)
}

impl Serialize for LevelBounds {
    /// The level's id when exact (`read`), else `unknown`, `at least read`, `at most read` or
    /// `at least read, at most read-modify`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.id())
    }
}

impl<'de> Deserialize<'de> for LevelBounds {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        super::ids::parse_str(
            deserializer,
            "an access level id or label such as `read`, `at least read`, `at most read`, or \
             \"unknown\"",
        )
    }
}

/// One value of the object forms of `scopes` and `flags`: `true`/`false`, `"Yes"`/`"No"`, or
/// `"unknown"`.
struct YesNo(Option<bool>);

impl<'de> Deserialize<'de> for YesNo {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct YesNoVisitor;

        impl Visitor<'_> for YesNoVisitor {
            type Value = YesNo;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("true, false, \"Yes\", \"No\" or \"unknown\"")
            }

            fn visit_bool<E: de::Error>(self, v: bool) -> Result<YesNo, E> {
                Ok(YesNo(Some(v)))
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<YesNo, E> {
                match v {
                    0 | 1 => Ok(YesNo(Some(v == 1))),
                    _ => Err(not_yes_no(&alloc::format!("{v}"))),
                }
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<YesNo, E> {
                match v {
                    0 | 1 => Ok(YesNo(Some(v == 1))),
                    _ => Err(not_yes_no(&alloc::format!("{v}"))),
                }
            }

            fn visit_f64<E: de::Error>(self, v: f64) -> Result<YesNo, E> {
                Err(not_yes_no(&alloc::format!("{v}")))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<YesNo, E> {
                // The spellings people paste from screens and spreadsheets: words match as
                // labels do, symbols exactly (a label match would ignore them).
                // Digits and symbols exactly: a label match would drop a sign (`-1` is not 1).
                const YES: [&str; 6] = ["yes", "y", "true", "on", "ticked", "checked"];
                const NO: [&str; 6] = ["no", "n", "false", "off", "unticked", "unchecked"];
                let trimmed = v.trim();
                let is = |words: &[&str], symbols: &[&str]| {
                    let letters = trimmed.chars().any(char::is_alphabetic);
                    (letters && words.iter().any(|word| eq_label(trimmed, word)))
                        || symbols.contains(&trimmed)
                };
                if is_unknown(v) {
                    Ok(YesNo(None))
                } else if is(&YES, &["1", "\u{2713}", "\u{2714}"]) {
                    Ok(YesNo(Some(true)))
                } else if is(&NO, &["0", "\u{2717}", "\u{2718}"]) {
                    Ok(YesNo(Some(false)))
                } else {
                    Err(not_yes_no(v))
                }
            }
        }

        deserializer.deserialize_any(YesNoVisitor)
    }
}

/// A flag value that is none of the yes/no spellings, with what would do.
fn not_yes_no<E: de::Error>(value: &str) -> E {
    let hint = if value.trim().bytes().any(|b| b.is_ascii_digit()) {
        " (as a number, 1 is Yes and 0 is No)"
    } else {
        " (also accepted: Yes/No, Y/N, on/off, ticked/unticked, \u{2713}/\u{2717})"
    };
    E::custom(alloc::format!(
        "value `{}` is not true, false, \"Yes\", \"No\" or \"unknown\"{hint}",
        crate::common::text::Shown(value)
    ))
}

/// The `scopes` of a grant as read: a scope string, an array of scopes, an object of scope to
/// true/false/"unknown" (scopes left out are not granted), or `"unknown"`. Only the scopes of the
/// grant are set. Scopes this crate does not model (`read:opportunities`: `verb:object`, and no
/// near miss of a known scope) are kept apart, as written.
pub(crate) struct ScopesIn(pub(crate) Grant, pub(crate) Vec<String>);

/// Reads scope tokens: known ones into the set, ones this crate does not model apart; a near
/// miss of a known scope (or anything that is not `verb:object`) is an error.
fn read_scopes<'a>(tokens: impl Iterator<Item = &'a str>) -> Result<ScopesIn, ParseError> {
    let mut scopes = Scopes::empty();
    let mut not_modeled = Vec::new();
    for token in tokens {
        match Scopes::parse_token(token) {
            Ok(scope) => scopes |= scope.unwrap_or(Scopes::empty()),
            Err(ParseError::UnknownScope {
                suggestion: None, ..
            }) if looks_like_scope(token) => {
                not_modeled.push(crate::common::text::clip_name(token))
            }
            Err(err) => return Err(err),
        }
    }
    Ok(ScopesIn(
        Grant::full(Privileges::none().with_scopes(scopes)),
        not_modeled,
    ))
}

/// A name HaloPSA could give an area: up to 64 letters, digits, spaces and `&-/(),.'`.
fn looks_like_area(name: &str) -> bool {
    !name.trim().is_empty()
        && name.chars().count() <= 64
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || " &-/(),.'".contains(c))
}

/// `verb:object`, both words of ASCII letters: the shape of HaloPSA's scopes.
fn looks_like_scope(token: &str) -> bool {
    let word = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_alphabetic());
    token
        .split_once(':')
        .is_some_and(|(verb, object)| word(verb) && word(object))
}

impl<'de> Deserialize<'de> for ScopesIn {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ScopesInVisitor;

        impl<'de> Visitor<'de> for ScopesInVisitor {
            type Value = ScopesIn;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "a scope string such as \"read:customers read:items\", an array of scopes, \
                     an object of scope to true/false/\"unknown\", or \"unknown\"",
                )
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<ScopesIn, E> {
                if is_unknown(v) {
                    return Ok(ScopesIn(Grant::unknown(), Vec::new()));
                }
                // People separate scopes with commas and semicolons too; OAuth uses spaces.
                let spaced = crate::common::text::commas_to_spaces(v);
                read_scopes(spaced.split_ascii_whitespace()).map_err(E::custom)
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ScopesIn, A::Error> {
                let mut tokens: Vec<String> = Vec::new();
                while let Some(token) = seq.next_element::<String>()? {
                    if token.trim().is_empty() {
                        return Err(de::Error::custom(alloc::format!(
                            "empty scope `{}` in the array of scopes",
                            crate::common::text::Shown(&token)
                        )));
                    }
                    tokens.push(token);
                }
                read_scopes(tokens.iter().map(String::as_str)).map_err(de::Error::custom)
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ScopesIn, A::Error> {
                let mut seen = Scopes::empty();
                let mut grant = Grant::full(Privileges::none());
                while let Some((scope, value)) = map.next_entry::<super::ids::OneScope, YesNo>()? {
                    let scope = scope.0;
                    if seen.intersects(scope) {
                        return Err(de::Error::custom(alloc::format!(
                            "scope `{scope}` is given more than once"
                        )));
                    }
                    seen |= scope;
                    grant = grant.with_scopes(scope, value.0);
                }
                Ok(ScopesIn(grant, Vec::new()))
            }
        }

        deserializer.deserialize_any(ScopesInVisitor)
    }
}

/// The `access` object of a grant as read (each area at most once; areas left out at No
/// Access), or `"unknown"`. Only the levels of the grant are set. Areas this crate does not
/// model (HaloPSA's Opportunities, Projects, ...: any name that is no near miss of a known
/// area) are kept apart with their level.
pub(crate) struct AccessIn(pub(crate) Grant, pub(crate) Vec<(String, LevelBounds)>);

impl<'de> Deserialize<'de> for AccessIn {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AccessVisitor;

        impl<'de> Visitor<'de> for AccessVisitor {
            type Value = AccessIn;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "an object of area to access level, such as {\"clients\": \"read\"}, or \
                     \"unknown\"",
                )
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<AccessIn, E> {
                if is_unknown(v) {
                    return Ok(AccessIn(Grant::unknown(), Vec::new()));
                }
                Err(E::custom(alloc::format!(
                    "`access` is `{}`: expected an object of area to access level, such as \
                     {{\"clients\": \"read\"}}, or \"unknown\"",
                    crate::common::text::Shown(v)
                )))
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<AccessIn, A::Error> {
                let mut seen = crate::model::Known::empty();
                let mut grant = Grant::full(Privileges::none());
                let mut not_modeled: Vec<(String, LevelBounds)> = Vec::new();
                // The names not modelled seen so far (a set keeps this linear).
                let mut names: alloc::collections::BTreeSet<String> = Default::default();
                while let Some(name) = map.next_key::<String>()? {
                    let area = match name.parse::<Area>() {
                        Ok(area) => area,
                        Err(_)
                            if looks_like_area(&name)
                                && crate::common::error::suggest_area(&name).is_none() =>
                        {
                            let level: LevelBounds = map.next_value()?;
                            if !names.insert(name.clone()) {
                                return Err(de::Error::custom(alloc::format!(
                                    "area `{}` is given more than once",
                                    crate::common::text::Shown(&name)
                                )));
                            }
                            not_modeled.push((name, level));
                            continue;
                        }
                        Err(err) => return Err(de::Error::custom(err)),
                    };
                    let level: LevelBounds = map.next_value()?;
                    if seen.has_area(area) {
                        return Err(de::Error::custom(alloc::format!(
                            "area `{}` is given more than once",
                            area.id()
                        )));
                    }
                    seen |= crate::model::Known::area(area);
                    grant = grant.with_level(area, level);
                }
                Ok(AccessIn(grant, not_modeled))
            }
        }

        deserializer.deserialize_any(AccessVisitor)
    }
}

/// The `flags` of a grant as read: an array of flags that are Yes, a comma-separated string of
/// them, an object of flag to Yes/No/unknown (flags left out are No), or `"unknown"`. Only the
/// flags of the grant are set.
pub(crate) struct FlagsIn(pub(crate) Grant);

impl<'de> Deserialize<'de> for FlagsIn {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FlagsVisitor;

        fn exact(on: AgentFlags) -> FlagsIn {
            FlagsIn(Grant::full(Privileges::none().with_flags(on)))
        }

        impl<'de> Visitor<'de> for FlagsVisitor {
            type Value = FlagsIn;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "an array of agent flag ids, an object of flag to Yes/No, or \"unknown\"",
                )
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<FlagsIn, E> {
                if is_unknown(v) {
                    return Ok(FlagsIn(Grant::unknown()));
                }
                v.parse().map(exact).map_err(E::custom)
            }

            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<FlagsIn, A::Error> {
                AgentFlags::deserialize(SeqAccessDeserializer::new(seq)).map(exact)
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<FlagsIn, A::Error> {
                let mut seen = AgentFlags::empty();
                let mut grant = Grant::full(Privileges::none());
                while let Some((flag, value)) = map.next_entry::<super::ids::OneFlag, YesNo>()? {
                    let flag = flag.0;
                    if seen.contains(flag) {
                        return Err(de::Error::custom(alloc::format!(
                            "flag `{}` is given more than once",
                            flag.id().unwrap_or_default()
                        )));
                    }
                    seen |= flag;
                    grant = grant.with_flags(flag, value.0);
                }
                Ok(FlagsIn(grant))
            }
        }

        deserializer.deserialize_any(FlagsVisitor)
    }
}

impl<'de> Deserialize<'de> for Grant {
    /// The grant-file form (see [`GrantFile`](crate::GrantFile)), joined into the effective
    /// grant: every part optional (a left-out `scopes`, `access` or `flags` is unknown),
    /// `"unknown"` in place of any part, an area's level or a flag's value, bounds such as
    /// `"at least read"`, the agent and its roles instead of flat `access`/`flags`, `notes`;
    /// unknown fields, scopes, areas, levels and flags are errors that name the offending text.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(crate::input::GrantFile::deserialize(deserializer)?.grant())
    }
}

impl<'de> Deserialize<'de> for Privileges {
    /// Every field optional (a left-out part is none); unknown fields, scopes, areas, levels and
    /// flags are errors that name the offending text. A grant with `"unknown"` parts or bounds
    /// reads as a [`Grant`], not here.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let grant = super::grant_file::written_grant(deserializer)?;
        if !grant.is_exact() {
            return Err(de::Error::custom(
                "this grant has parts marked \"unknown\" or bounded; read it as a `Grant`, \
                 which keeps what is not known",
            ));
        }
        Ok(*grant.privileges())
    }
}
