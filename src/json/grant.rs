//! The JSON forms of grants: [`Privileges`] (everything known) and [`Grant`] (with `"unknown"`
//! markers in place of `scopes`, `access`, `flags`, one area's level or one flag's value).
//!
//! ```json
//! { "scopes": "read:customers read:items",
//!   "access": { "clients": "read", "invoices": "unknown" },
//!   "flags": "unknown" }
//! ```
//!
//! An absent part means not granted; `"unknown"` means not observed.

use core::fmt;

use serde::de::value::SeqAccessDeserializer;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};

use crate::text::eq_label;
use crate::{AccessLevel, AgentFlags, Area, Grant, Known, Privileges, Scopes};

/// The marker of a part that was not observed.
const UNKNOWN: &str = "unknown";

fn is_unknown(text: &str) -> bool {
    eq_label(text, UNKNOWN)
}

/// The `scopes` of a grant as read: a scope string, an array of scopes, or `"unknown"`.
pub(crate) struct ScopesIn(pub(crate) Option<Scopes>);

impl<'de> Deserialize<'de> for ScopesIn {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ScopesInVisitor;

        impl<'de> Visitor<'de> for ScopesInVisitor {
            type Value = ScopesIn;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "a scope string such as \"read:customers read:items\", an array of scopes, \
                     or \"unknown\"",
                )
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<ScopesIn, E> {
                if is_unknown(v) {
                    return Ok(ScopesIn(None));
                }
                // People separate scopes with commas too; OAuth uses spaces only.
                crate::text::commas_to_spaces(v)
                    .parse()
                    .map(|s| ScopesIn(Some(s)))
                    .map_err(E::custom)
            }

            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<ScopesIn, A::Error> {
                Scopes::deserialize(SeqAccessDeserializer::new(seq)).map(|s| ScopesIn(Some(s)))
            }
        }

        deserializer.deserialize_any(ScopesInVisitor)
    }
}

/// One area's level as read: a level id or label, or `"unknown"`.
pub(crate) struct LevelIn(pub(crate) Option<AccessLevel>);

impl<'de> Deserialize<'de> for LevelIn {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct LevelVisitor;

        impl Visitor<'_> for LevelVisitor {
            type Value = LevelIn;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an access level id or label such as `read`, or \"unknown\"")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<LevelIn, E> {
                if is_unknown(v) {
                    return Ok(LevelIn(None));
                }
                v.parse().map(|l| LevelIn(Some(l))).map_err(E::custom)
            }
        }

        deserializer.deserialize_str(LevelVisitor)
    }
}

/// The `access` object of a grant as read (each area at most once), or `"unknown"`.
pub(crate) struct AccessIn {
    pub(crate) levels: Privileges,
    pub(crate) known: Known,
}

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
                    return Ok(AccessIn {
                        levels: Privileges::none(),
                        known: Known::all().difference(Known::AREAS),
                    });
                }
                Err(E::custom(alloc::format!(
                    "`access` is `{}`: expected an object of area to access level, such as \
                     {{\"clients\": \"read\"}}, or \"unknown\"",
                    crate::text::Shown(v)
                )))
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<AccessIn, A::Error> {
                let mut seen = Known::empty();
                let mut access = AccessIn {
                    levels: Privileges::none(),
                    known: Known::all(),
                };
                while let Some((area, level)) = map.next_entry::<Area, LevelIn>()? {
                    if seen.has_area(area) {
                        return Err(de::Error::custom(alloc::format!(
                            "area `{}` is given more than once",
                            area.id()
                        )));
                    }
                    seen |= Known::area(area);
                    match level.0 {
                        Some(level) => access.levels = access.levels.with_level(area, level),
                        None => access.known.remove(Known::area(area)),
                    }
                }
                Ok(access)
            }
        }

        deserializer.deserialize_any(AccessVisitor)
    }
}

/// One flag's value in the object form of `flags`: `true`/`false`, `"Yes"`/`"No"`, or
/// `"unknown"`.
struct FlagValue(Option<bool>);

impl<'de> Deserialize<'de> for FlagValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FlagValueVisitor;

        impl Visitor<'_> for FlagValueVisitor {
            type Value = FlagValue;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("true, false, \"Yes\", \"No\" or \"unknown\"")
            }

            fn visit_bool<E: de::Error>(self, v: bool) -> Result<FlagValue, E> {
                Ok(FlagValue(Some(v)))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<FlagValue, E> {
                if is_unknown(v) {
                    Ok(FlagValue(None))
                } else if eq_label(v, "yes") {
                    Ok(FlagValue(Some(true)))
                } else if eq_label(v, "no") {
                    Ok(FlagValue(Some(false)))
                } else {
                    Err(E::custom(alloc::format!(
                        "flag value `{}` is not true, false, \"Yes\", \"No\" or \"unknown\"",
                        crate::text::Shown(v)
                    )))
                }
            }
        }

        deserializer.deserialize_any(FlagValueVisitor)
    }
}

/// The `flags` of a grant as read: an array of flags that are Yes, a comma-separated string of
/// them, an object of flag to Yes/No/unknown, or `"unknown"`.
pub(crate) struct FlagsIn {
    pub(crate) on: AgentFlags,
    pub(crate) known: Known,
}

impl<'de> Deserialize<'de> for FlagsIn {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FlagsVisitor;

        impl<'de> Visitor<'de> for FlagsVisitor {
            type Value = FlagsIn;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "an array of agent flag ids, an object of flag to Yes/No, or \"unknown\"",
                )
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<FlagsIn, E> {
                if is_unknown(v) {
                    return Ok(FlagsIn {
                        on: AgentFlags::empty(),
                        known: Known::all().difference(Known::FLAGS),
                    });
                }
                v.parse()
                    .map(|on| FlagsIn {
                        on,
                        known: Known::all(),
                    })
                    .map_err(E::custom)
            }

            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<FlagsIn, A::Error> {
                AgentFlags::deserialize(SeqAccessDeserializer::new(seq)).map(|on| FlagsIn {
                    on,
                    known: Known::all(),
                })
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<FlagsIn, A::Error> {
                let mut seen = AgentFlags::empty();
                let mut flags = FlagsIn {
                    on: AgentFlags::empty(),
                    known: Known::all(),
                };
                while let Some((flag, value)) =
                    map.next_entry::<super::ids::OneFlag, FlagValue>()?
                {
                    let flag = flag.0;
                    if seen.contains(flag) {
                        return Err(de::Error::custom(alloc::format!(
                            "flag `{}` is given more than once",
                            flag.id().unwrap_or_default()
                        )));
                    }
                    seen |= flag;
                    match value.0 {
                        Some(true) => flags.on |= flag,
                        Some(false) => {}
                        None => flags.known.remove(Known::flag(flag)),
                    }
                }
                Ok(flags)
            }
        }

        deserializer.deserialize_any(FlagsVisitor)
    }
}

impl<'de> Deserialize<'de> for Grant {
    /// The grant-file form (see [`GrantFile`](crate::GrantFile)), joined into the effective
    /// grant: every part optional (absent means not granted), `"unknown"` in place of `scopes`,
    /// `access`, `flags`, an area's level or a flag's value, the agent and its roles instead of
    /// flat `access`/`flags`, `notes`; unknown fields, scopes, areas, levels and flags are errors
    /// that name the offending text.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(crate::GrantFile::deserialize(deserializer)?.grant())
    }
}

impl<'de> Deserialize<'de> for Privileges {
    /// Every field optional; unknown fields, scopes, areas, levels and flags are errors that
    /// name the offending text. A grant with `"unknown"` parts reads as a [`Grant`], not here.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let grant = Grant::deserialize(deserializer)?;
        if grant.known() != Known::all() {
            return Err(de::Error::custom(
                "this grant has parts marked \"unknown\"; read it as a `Grant`, which keeps \
                 what is not known",
            ));
        }
        Ok(*grant.privileges())
    }
}

/// The levels of a grant: known areas above No Access as their level id, unknown areas as
/// `"unknown"`.
struct AccessOut<'a>(&'a Grant);

impl AccessOut<'_> {
    fn entries(&self) -> impl Iterator<Item = (Area, &'static str)> + '_ {
        let known = self.0.known();
        self.0
            .privileges()
            .levels()
            .filter_map(move |(area, level)| {
                if !known.has_area(area) {
                    Some((area, UNKNOWN))
                } else if level != AccessLevel::NoAccess {
                    Some((area, level.id()))
                } else {
                    None
                }
            })
    }
}

impl Serialize for AccessOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.entries().count()))?;
        for (area, level) in self.entries() {
            map.serialize_entry(area.id(), level)?;
        }
        map.end()
    }
}

/// Partly known flags: the object form, Yes as `true`, unknown as `"unknown"`, No left out.
struct FlagsOut<'a>(&'a Grant);

impl Serialize for FlagsOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let known = self.0.known().agent_flags();
        let on = self.0.privileges().flags();
        let mut map = serializer.serialize_map(None)?;
        for flag in AgentFlags::all().flags() {
            let id = flag.id().unwrap_or_default();
            if !known.contains(flag) {
                map.serialize_entry(id, UNKNOWN)?;
            } else if on.contains(flag) {
                map.serialize_entry(id, &true)?;
            }
        }
        map.end()
    }
}

impl Serialize for Grant {
    /// `{"scopes": "...", "access": {"clients": "read", "items": "unknown"}, "flags": [...]}`:
    /// areas at No Access, an empty `access` and empty `flags` are left out; a part not known
    /// is written `"unknown"`; partly known flags are written as an object.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let known = self.known();
        let mut out = serializer.serialize_struct("Grant", 3)?;
        if known.has_scopes() {
            out.serialize_field("scopes", &self.privileges().scopes())?;
        } else {
            out.serialize_field("scopes", UNKNOWN)?;
        }
        let access = AccessOut(self);
        if !known.intersects(Known::AREAS) {
            out.serialize_field("access", UNKNOWN)?;
        } else if access.entries().next().is_some() {
            out.serialize_field("access", &access)?;
        } else {
            out.skip_field("access")?;
        }
        let flags = self.privileges().flags();
        if !known.intersects(Known::FLAGS) {
            out.serialize_field("flags", UNKNOWN)?;
        } else if !known.contains(Known::FLAGS) {
            out.serialize_field("flags", &FlagsOut(self))?;
        } else if flags.is_empty() {
            out.skip_field("flags")?;
        } else {
            out.serialize_field("flags", &flags)?;
        }
        out.end()
    }
}

impl Serialize for Privileges {
    /// `{"scopes": "...", "access": {"clients": "read"}, "flags": ["all-asset-types"]}`; areas at
    /// No Access, an empty `access` and empty `flags` are left out.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Grant::full(*self).serialize(serializer)
    }
}
