//! The JSON form of [`GrantFile`]: what people write.
//!
//! ```json
//! { "notes": "From the customer's screenshots, 2026-11-20",
//!   "scopes": "read:customers, read:items",
//!   "agent": { "access": { "clients": "Read" } },
//!   "roles": [ { "name": "Datagate API Role",
//!                "access": { "invoices": "Read, Create, Modify and Delete" },
//!                "flags": { "Allow use of all Asset Types": "Yes" } } ] }
//! ```

use alloc::collections::BTreeSet;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use super::grant::{AccessIn, FlagsIn, ScopesIn};
use crate::common::text::{suggest_label, DidYouMean, OneOf, Shown};
use crate::input::{GrantFile, Source};
use crate::model::{Grant, Privileges};

/// Reads the keys of one JSON object, refusing unknown and repeated ones with a message that
/// shows the key safely and suggests the field it probably meant.
fn field<E: de::Error>(
    key: &str,
    fields: &'static [&'static str],
    seen: &mut u32,
) -> Result<usize, E> {
    // HaloPSA's own label for a role's name.
    let key = if crate::common::text::eq_label(key, "Role Name") {
        "name"
    } else {
        key
    };
    let Some(index) = fields.iter().position(|field| *field == key) else {
        return Err(E::custom(alloc::format!(
            "unknown field `{}`{}, expected one of {}",
            Shown(key),
            DidYouMean(suggest_label(key, fields.iter().copied())),
            OneOf(fields.iter().copied())
        )));
    };
    if *seen & (1 << index) != 0 {
        return Err(E::custom(alloc::format!(
            "field `{key}` is given more than once"
        )));
    }
    *seen |= 1 << index;
    Ok(index)
}

/// How a left-out key reads: unknown in what people write, none in what the crate wrote
/// (a `Privileges`, or the `granted` of a stored report).
#[derive(Clone, Copy)]
enum Absent {
    Unknown,
    None,
}

impl Absent {
    fn grant(self) -> Grant {
        match self {
            Absent::Unknown => Grant::unknown(),
            Absent::None => Grant::full(Privileges::none()),
        }
    }
}

/// The agent-level part of a source as read: `access`, `flags`, `dedicated` and, for a role,
/// `name`.
struct SourceIn {
    name: Option<String>,
    grant: Grant,
    dedicated: bool,
    /// Areas this crate does not model, with their level.
    not_modeled: Vec<(String, crate::model::LevelBounds)>,
}

impl SourceIn {
    fn apply<'de, A: MapAccess<'de>>(&mut self, key: usize, map: &mut A) -> Result<(), A::Error> {
        match key {
            ACCESS => {
                let access: AccessIn = map.next_value()?;
                self.grant = self.grant.with_levels_of(&access.0);
                self.not_modeled = access.1;
            }
            FLAGS => self.grant = self.grant.with_flags_of(&map.next_value::<FlagsIn>()?.0),
            _ => {}
        }
        Ok(())
    }
}

const SOURCE_FIELDS: &[&str] = &["name", "access", "flags", "notes", "dedicated"];
/// The indexes of `access` and `flags` in [`SOURCE_FIELDS`] and [`FILE_FIELDS`].
const ACCESS: usize = 1;
const FLAGS: usize = 2;

/// Reads a source with left-out keys read as `absent` says.
struct SourceSeed(Absent);

impl<'de> de::DeserializeSeed<'de> for SourceSeed {
    type Value = SourceIn;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<SourceIn, D::Error> {
        struct SourceVisitor(Absent);

        impl<'de> Visitor<'de> for SourceVisitor {
            type Value = SourceIn;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "an object with `access` and `flags` (and `name` for a role), such as \
                     {\"name\": \"Datagate API Role\", \"access\": {\"clients\": \"read\"}}",
                )
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Err(E::custom(alloc::format!(
                    "expected an object with `access` and `flags`, not the string `{}`",
                    Shown(v)
                )))
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<SourceIn, A::Error> {
                let mut seen = 0;
                let mut source = SourceIn {
                    name: None,
                    grant: self.0.grant(),
                    dedicated: false,
                    not_modeled: Vec::new(),
                };
                while let Some(key) = map.next_key::<String>()? {
                    match field(&key, SOURCE_FIELDS, &mut seen)? {
                        0 => source.name = Some(map.next_value()?),
                        key @ (ACCESS | FLAGS) => source.apply(key, &mut map)?,
                        4 => source.dedicated = map.next_value()?,
                        _ => {
                            notes(&mut map)?;
                        }
                    }
                }
                Ok(source)
            }
        }

        deserializer.deserialize_map(SourceVisitor(self.0))
    }
}

/// Areas this crate does not model, with their level, as written.
type NotModeled = Vec<(String, crate::model::LevelBounds)>;

/// One line per area this crate does not model: `Opportunities Access Level: Read` and `at`.
fn lines(out: &mut Vec<String>, areas: &NotModeled, at: &str) {
    for (name, level) in areas {
        out.push(alloc::format!("{name} Access Level: {level}{at}"));
    }
}

/// Reads a `notes` value: free text, kept or ignored.
fn notes<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Option<String>, A::Error> {
    map.next_value::<Option<String>>()
}

/// Notes `name` as seen; a role named the same way twice (trimmed, whitespace and case folded:
/// `"Finance"` and `"finance "` are one role) is an error naming it.
fn once<E: de::Error>(keys: &mut BTreeSet<String>, name: &str) -> Result<(), E> {
    if keys.insert(crate::common::text::name_key(name)) {
        return Ok(());
    }
    Err(E::custom(alloc::format!(
        "role `{}` is given more than once (names are compared with case and spacing ignored)",
        Shown(name)
    )))
}

/// The roles of a grant file, each with a name.
struct RolesSeed(Absent);

impl<'de> de::DeserializeSeed<'de> for RolesSeed {
    type Value = Vec<(Source, NotModeled)>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        struct RolesVisitor(Absent);

        impl<'de> Visitor<'de> for RolesVisitor {
            type Value = Vec<(Source, NotModeled)>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "an array of roles, each with a `name`, `access` and `flags`, or an object \
                     of role name to its `access` and `flags`",
                )
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Err(E::custom(alloc::format!(
                    "expected an array of roles (or an object of role name to settings), not the string `{}`",
                    Shown(v)
                )))
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut roles: Self::Value = Vec::new();
                let mut keys = BTreeSet::new();
                while let Some(name) = map.next_key::<String>()? {
                    let role = map.next_value_seed(SourceSeed(self.0))?;
                    if role.name.as_ref().is_some_and(|given| *given != name) {
                        return Err(de::Error::custom(alloc::format!(
                            "role `{}` gives another `name` inside: give the name once",
                            Shown(&name)
                        )));
                    }
                    once(&mut keys, &name)?;
                    let source = Source::role_grant(name, role.grant).dedicated(role.dedicated);
                    roles.push((source, role.not_modeled));
                }
                Ok(roles)
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut roles = Vec::new();
                let mut keys = BTreeSet::new();
                while let Some(role) = seq.next_element_seed(SourceSeed(self.0))? {
                    let name = role.name.ok_or_else(|| {
                        de::Error::custom(alloc::format!(
                            "role {} has no `name`: give the role's name as HaloPSA shows it",
                            roles.len() + 1
                        ))
                    })?;
                    once(&mut keys, &name)?;
                    let source = Source::role_grant(name, role.grant).dedicated(role.dedicated);
                    roles.push((source, role.not_modeled));
                }
                Ok(roles)
            }
        }

        deserializer.deserialize_any(RolesVisitor(self.0))
    }
}

const FILE_FIELDS: &[&str] = &["scopes", "access", "flags", "agent", "roles", "notes"];

/// Reads a grant file with left-out keys read as `absent` says.
struct FileSeed(Absent);

impl<'de> de::DeserializeSeed<'de> for FileSeed {
    type Value = GrantFile;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<GrantFile, D::Error> {
        struct FileVisitor(Absent);

        impl<'de> Visitor<'de> for FileVisitor {
            type Value = GrantFile;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "a grant object such as {\"scopes\": \"read:customers\", \"access\": \
                     {\"clients\": \"read\"}}",
                )
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Err(E::custom(alloc::format!(
                    "expected a grant object, not the string `{}`",
                    Shown(v)
                )))
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<GrantFile, A::Error> {
                let absent = self.0;
                let mut seen = 0;
                let mut scopes = absent.grant();
                let mut flat: Option<SourceIn> = None;
                let mut agent: Option<SourceIn> = None;
                let mut roles: Option<Vec<(Source, NotModeled)>> = None;
                let mut not_modeled: Vec<String> = Vec::new();
                let mut file_notes: Option<String> = None;
                while let Some(key) = map.next_key::<String>()? {
                    match field(&key, FILE_FIELDS, &mut seen)? {
                        0 => {
                            let read: ScopesIn = map.next_value()?;
                            scopes = read.0;
                            not_modeled.extend(read.1.iter().map(|s| alloc::format!("scope {s}")));
                        }
                        key @ (ACCESS | FLAGS) => flat
                            .get_or_insert_with(|| SourceIn {
                                name: None,
                                grant: absent.grant(),
                                dedicated: false,
                                not_modeled: Vec::new(),
                            })
                            .apply(key, &mut map)?,
                        3 => agent = Some(map.next_value_seed(SourceSeed(absent))?),
                        4 => roles = Some(map.next_value_seed(RolesSeed(absent))?),
                        _ => file_notes = notes(&mut map)?,
                    }
                }
                if flat.is_some() && (agent.is_some() || roles.is_some()) {
                    return Err(de::Error::custom(
                        "this grant gives both flat `access`/`flags` and `agent`/`roles`: choose \
                         one (put the agent's own settings under `agent`)",
                    ));
                }
                let file = if agent.is_some() || roles.is_some() {
                    // A left-out agent is the agent's own settings left out.
                    let agent = agent.unwrap_or(SourceIn {
                        name: None,
                        grant: absent.grant(),
                        dedicated: false,
                        not_modeled: Vec::new(),
                    });
                    lines(&mut not_modeled, &agent.not_modeled, " (the agent)");
                    let source = Source::agent_grant(agent.grant).dedicated(agent.dedicated);
                    let mut sources = alloc::vec![match agent.name {
                        Some(name) => source.named(name),
                        None => source,
                    }];
                    // A left-out `roles` beside `agent` (in what people write) is roles not
                    // known: the agent may hold roles nobody listed. `"roles": []` is none.
                    let roles_known = roles.is_some() || matches!(absent, Absent::None);
                    for (role, unmodeled) in roles.unwrap_or_default() {
                        let at = alloc::format!(" (role \"{}\")", role.name().unwrap_or_default());
                        lines(&mut not_modeled, &unmodeled, &at);
                        sources.push(role);
                    }
                    GrantFile::from_source_grants(scopes, sources).with_roles_known(roles_known)
                } else {
                    let (part, unmodeled) = flat.map_or_else(
                        || (absent.grant(), Vec::new()),
                        |part| (part.grant, part.not_modeled),
                    );
                    lines(&mut not_modeled, &unmodeled, "");
                    GrantFile::flat(scopes.meet_layers(&part))
                };
                let file = file.with_not_modeled(not_modeled);
                Ok(match file_notes {
                    Some(notes) => file.with_notes(notes),
                    None => file,
                })
            }
        }

        deserializer.deserialize_map(FileVisitor(self.0))
    }
}

impl<'de> Deserialize<'de> for GrantFile {
    /// A grant file: `scopes`; the agent-level settings either flat (`access`, `flags`) or as
    /// `agent` and `roles`; `notes`. Every part optional, and a left-out part is unknown (a
    /// left-out `agent` beside `roles` too); see the README's "Writing a grant file".
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        de::DeserializeSeed::deserialize(FileSeed(Absent::Unknown), deserializer)
    }
}

/// A grant as the crate writes it (a `Privileges`, a stored report's `granted`): a left-out key
/// is none, as every earlier version wrote it.
pub(crate) fn written_grant<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Grant, D::Error> {
    let file = de::DeserializeSeed::deserialize(FileSeed(Absent::None), deserializer)?;
    if let Some(item) = file.not_modeled().first() {
        // The name as written: before " Access Level: ", or after "scope ".
        let (kind, name) = match item.strip_prefix("scope ") {
            Some(scope) => ("scope", scope),
            None => ("area", item.split(" Access Level: ").next().unwrap_or(item)),
        };
        return Err(de::Error::custom(alloc::format!(
            "unknown {kind} `{}`: it is not something this crate models (read the grant as a \
             `GrantFile`, which lists such items apart)",
            Shown(name)
        )));
    }
    Ok(file.grant())
}

/// A stored report's `granted`: see [`written_grant`].
pub(crate) struct WrittenGrant(pub(crate) Grant);

impl<'de> Deserialize<'de> for WrittenGrant {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        written_grant(deserializer).map(WrittenGrant)
    }
}
