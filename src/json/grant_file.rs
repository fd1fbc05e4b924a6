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

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use super::grant::{AccessIn, FlagsIn, ScopesIn};
use crate::text::{suggest_label, DidYouMean, OneOf, Shown};
use crate::{GrantFile, Known, Privileges, Source};

/// Reads the keys of one JSON object, refusing unknown and repeated ones with a message that
/// shows the key safely and suggests the field it probably meant.
fn field<E: de::Error>(
    key: &str,
    fields: &'static [&'static str],
    seen: &mut u32,
) -> Result<usize, E> {
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

/// The agent-level part of a source as read: `access`, `flags` and, for a role, `name`.
struct SourceIn {
    name: Option<String>,
    privileges: Privileges,
    known: Known,
}

const SOURCE_FIELDS: &[&str] = &["name", "access", "flags", "notes"];

impl<'de> Deserialize<'de> for SourceIn {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SourceVisitor;

        impl<'de> Visitor<'de> for SourceVisitor {
            type Value = SourceIn;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "an object with `access` and `flags` (and `name` for a role), such as \
                     {\"name\": \"Datagate API Role\", \"access\": {\"clients\": \"read\"}}",
                )
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<SourceIn, A::Error> {
                let mut seen = 0;
                let mut source = empty_source();
                while let Some(key) = map.next_key::<String>()? {
                    match field(&key, SOURCE_FIELDS, &mut seen)? {
                        0 => source.name = Some(map.next_value()?),
                        1 => {
                            let access: AccessIn = map.next_value()?;
                            source.privileges = source.privileges.join(&access.levels);
                            source.known &= access.known;
                        }
                        2 => {
                            let flags: FlagsIn = map.next_value()?;
                            source.privileges = source.privileges.with_flags(flags.on);
                            source.known &= flags.known;
                        }
                        _ => {
                            notes(&mut map)?;
                        }
                    }
                }
                Ok(source)
            }
        }

        deserializer.deserialize_map(SourceVisitor)
    }
}

/// Reads a `notes` value: free text, kept or ignored.
fn notes<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Option<String>, A::Error> {
    map.next_value::<Option<String>>()
}

/// The roles of a grant file, each with a name.
struct RolesIn(Vec<Source>);

impl<'de> Deserialize<'de> for RolesIn {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RolesVisitor;

        impl<'de> Visitor<'de> for RolesVisitor {
            type Value = RolesIn;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array of roles, each with a `name`, `access` and `flags`")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RolesIn, A::Error> {
                let mut roles = Vec::new();
                while let Some(role) = seq.next_element::<SourceIn>()? {
                    let name = role.name.ok_or_else(|| {
                        de::Error::custom(alloc::format!(
                            "role {} has no `name`: give the role's name as HaloPSA shows it",
                            roles.len() + 1
                        ))
                    })?;
                    roles.push(Source::role(name, role.privileges, role.known));
                }
                Ok(RolesIn(roles))
            }
        }

        deserializer.deserialize_seq(RolesVisitor)
    }
}

const FILE_FIELDS: &[&str] = &["scopes", "access", "flags", "agent", "roles", "notes"];

impl<'de> Deserialize<'de> for GrantFile {
    /// A grant file: `scopes`; the agent-level settings either flat (`access`, `flags`) or as
    /// `agent` and `roles`; `notes`. Every part optional; see the README's "Writing a grant
    /// file".
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FileVisitor;

        impl<'de> Visitor<'de> for FileVisitor {
            type Value = GrantFile;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "a grant object such as {\"scopes\": \"read:customers\", \"access\": \
                     {\"clients\": \"read\"}}",
                )
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<GrantFile, A::Error> {
                let mut seen = 0;
                let mut scopes = Some(crate::Scopes::empty());
                let mut flat: Option<SourceIn> = None;
                let mut agent: Option<SourceIn> = None;
                let mut roles: Option<Vec<Source>> = None;
                let mut file_notes: Option<String> = None;
                while let Some(key) = map.next_key::<String>()? {
                    match field(&key, FILE_FIELDS, &mut seen)? {
                        0 => scopes = map.next_value::<ScopesIn>()?.0,
                        1 => {
                            let access: AccessIn = map.next_value()?;
                            let part = flat.get_or_insert_with(empty_source);
                            part.privileges = part.privileges.join(&access.levels);
                            part.known &= access.known;
                        }
                        2 => {
                            let flags: FlagsIn = map.next_value()?;
                            let part = flat.get_or_insert_with(empty_source);
                            part.privileges = part.privileges.with_flags(flags.on);
                            part.known &= flags.known;
                        }
                        3 => agent = Some(map.next_value()?),
                        4 => roles = Some(map.next_value::<RolesIn>()?.0),
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
                    let mut sources = Vec::new();
                    if let Some(agent) = agent {
                        let source = Source::agent(agent.privileges, agent.known);
                        sources.push(match agent.name {
                            Some(name) => source.named(name),
                            None => source,
                        });
                    }
                    sources.extend(roles.unwrap_or_default());
                    GrantFile::from_sources(scopes, sources)
                } else {
                    let part = flat.unwrap_or_else(empty_source);
                    let mut known = part.known;
                    let mut granted = part.privileges;
                    match scopes {
                        Some(scopes) => granted = granted.with_scopes(scopes),
                        None => known.remove(Known::APPLICATION),
                    }
                    GrantFile::flat(crate::Grant::new(granted, known))
                };
                Ok(match file_notes {
                    Some(notes) => file.with_notes(notes),
                    None => file,
                })
            }
        }

        deserializer.deserialize_map(FileVisitor)
    }
}

fn empty_source() -> SourceIn {
    SourceIn {
        name: None,
        privileges: Privileges::none(),
        known: Known::all(),
    }
}
