//! Reading HaloPSA's JSON of an agent (`Uname`) and a role (`NHD_Roles`) as its published API
//! description allows it: every property nullable or absent, unknown properties skipped, role
//! ids as strings (GUIDs) beside the integer `id_int`. Only the fields the crate reads are
//! looked at; a read field of the wrong JSON type is an error naming the field.
//!
//! Source of the shapes: HaloPSA's OpenAPI description (`Halo API` v2, the schemas `Uname`,
//! `NHD_Roles`, `NHD_Claim`, `UnameAreaRestriction`, `UnameXtype`, `UnameField`,
//! `UnameRequestType`), as stored in the public repository `covenanttechnologysolutions/
//! halopsa-rest` (`generator/spec/swagger.json`, commit 0f2fc623, 2024-09-13); an excerpt is
//! kept in `tests/data/halopsa-openapi/agent-and-roles.json`, against which
//! `tests/halopsa_schema.rs` reads thousands of generated documents.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};

/// A value of a field the crate reads, with the field's name put before any error.
pub(super) fn field<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    name: &str,
    seen: &mut bool,
) -> Result<T, A::Error> {
    if core::mem::replace(seen, true) {
        return Err(de::Error::custom(format!(
            "field `{name}` is given more than once"
        )));
    }
    map.next_value().map_err(|err: A::Error| {
        de::Error::custom(format!("`{name}`: {}", without_position(&err.to_string())))
    })
}

/// A parser's message without the position it appends (the outer error gets its own).
fn without_position(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(at)
            if message[at + " at line ".len()..]
                .split(" column ")
                .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit())) =>
        {
            &message[..at]
        }
        _ => message,
    }
}

/// A text field HaloPSA writes as a string; a number or a boolean (not in the schema, seen in
/// hand-made samples) is read as its text. `null` is none.
pub(super) struct Text(pub(super) Option<String>);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;

        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or null")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text(Some(v.to_string())))
            }

            fn visit_string<E: de::Error>(self, v: String) -> Result<Text, E> {
                Ok(Text(Some(v)))
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text, E> {
                Ok(Text(Some(v.to_string())))
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text, E> {
                Ok(Text(Some(v.to_string())))
            }

            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Text, E> {
                Ok(Text(Some(v.to_string())))
            }

            fn visit_unit<E: de::Error>(self) -> Result<Text, E> {
                Ok(Text(None))
            }

            fn visit_none<E: de::Error>(self) -> Result<Text, E> {
                Ok(Text(None))
            }

            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Text, D::Error> {
                d.deserialize_any(TextVisitor)
            }
        }

        deserializer.deserialize_any(TextVisitor)
    }
}

/// One claim, `{ "type", "value" }` (`NHD_Claim`: both nullable strings).
#[derive(Default)]
pub(super) struct RawClaim {
    pub(super) kind: Option<String>,
    pub(super) value: Option<String>,
}

/// One entry of a restriction list (`UnameAreaRestriction`, `UnameXtype`, `UnameField`,
/// `UnameRequestType`): only whose it is (`role_id`, `role_name`) is read.
#[derive(Default)]
pub(super) struct RawEntry {
    /// The entry names a role (a non-empty `role_id` or `role_name`).
    pub(super) of_role: bool,
}

/// A restriction list: `null` or absent is not known; `[]` is "none selected", which HaloPSA's
/// guide says means all are accessible.
pub(super) type RawList = Option<Vec<RawEntry>>;

/// A role, `NHD_Roles`: `id` (a string, a GUID), `id_int`, `name`, `claims` and the restriction
/// lists.
#[derive(Default)]
pub(super) struct RawRole {
    pub(super) id: Option<String>,
    pub(super) id_int: Option<i64>,
    pub(super) name: Option<String>,
    pub(super) claims: Option<Vec<RawClaim>>,
    pub(super) lists: RawLists,
}

/// The four restriction lists of an agent or a role.
#[derive(Default)]
pub(super) struct RawLists {
    pub(super) clients: RawList,
    pub(super) assettypes: RawList,
    pub(super) assetfields: RawList,
    pub(super) tickettypes: RawList,
}

/// The agent, `Uname`: `id`, `name`, `is_admin`, `claims`, `roles` and the restriction lists.
#[derive(Default)]
pub(super) struct RawAgent {
    pub(super) id: Option<i64>,
    pub(super) name: Option<String>,
    pub(super) is_admin: Option<bool>,
    pub(super) claims: Option<Vec<RawClaim>>,
    /// `None`: `roles` absent or null, so the agent's roles are not known.
    pub(super) roles: Option<Vec<RawRole>>,
    pub(super) lists: RawLists,
}

/// An id that the schema gives as a string; an integer (hand-made samples) reads as its text.
struct Id(Option<String>);

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Text::deserialize(deserializer).map(|text| Id(text.0))
    }
}

/// Reads the object's keys, calling `read` for each; unknown keys are skipped.
fn object<'de, A: MapAccess<'de>>(
    mut map: A,
    mut read: impl FnMut(&str, &mut A) -> Result<bool, A::Error>,
) -> Result<(), A::Error> {
    while let Some(key) = map.next_key::<KeyText>()? {
        if !read(&key.0, &mut map)? {
            map.next_value::<IgnoredAny>()?;
        }
    }
    Ok(())
}

/// An object key (owned: a reader may hand keys out as borrowed or as owned strings).
struct KeyText(String);

impl<'de> Deserialize<'de> for KeyText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(KeyText)
    }
}

/// Implements `Deserialize` for a raw type read as an object by `$read`.
macro_rules! object_type {
    ($ty:ty, $expecting:literal, $read:expr) => {
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct ObjectVisitor;

                impl<'de> Visitor<'de> for ObjectVisitor {
                    type Value = $ty;

                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str($expecting)
                    }

                    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<$ty, A::Error> {
                        let mut value = <$ty>::default();
                        let mut seen = Seen::default();
                        object(map, |key, map| $read(&mut value, &mut seen, key, map))?;
                        Ok(value)
                    }
                }

                deserializer.deserialize_map(ObjectVisitor)
            }
        }
    };
}

/// Which read fields were seen (a field given twice is an error).
#[derive(Default)]
struct Seen([bool; 9]);

fn read_claim<'de, A: MapAccess<'de>>(
    claim: &mut RawClaim,
    seen: &mut Seen,
    key: &str,
    map: &mut A,
) -> Result<bool, A::Error> {
    match key {
        "type" => claim.kind = field::<A, Text>(map, key, &mut seen.0[0])?.0,
        "value" => claim.value = field::<A, Text>(map, key, &mut seen.0[1])?.0,
        _ => return Ok(false),
    }
    Ok(true)
}

fn read_entry<'de, A: MapAccess<'de>>(
    entry: &mut RawEntry,
    seen: &mut Seen,
    key: &str,
    map: &mut A,
) -> Result<bool, A::Error> {
    let slot = match key {
        "role_id" => 0,
        "role_name" => 1,
        _ => return Ok(false),
    };
    let text = field::<A, Text>(map, key, &mut seen.0[slot])?.0;
    entry.of_role |= text.is_some_and(|text| !text.trim().is_empty());
    Ok(true)
}

/// Reads one of the restriction lists; `Ok(false)` for any other key.
fn read_list<'de, A: MapAccess<'de>>(
    lists: &mut RawLists,
    seen: &mut Seen,
    key: &str,
    map: &mut A,
) -> Result<bool, A::Error> {
    let (list, slot) = match key {
        "clients" => (&mut lists.clients, 5),
        "assettypes" => (&mut lists.assettypes, 6),
        "assetfields" => (&mut lists.assetfields, 7),
        "tickettypes" => (&mut lists.tickettypes, 8),
        _ => return Ok(false),
    };
    *list = field(map, key, &mut seen.0[slot])?;
    Ok(true)
}

fn read_role<'de, A: MapAccess<'de>>(
    role: &mut RawRole,
    seen: &mut Seen,
    key: &str,
    map: &mut A,
) -> Result<bool, A::Error> {
    match key {
        "id" => role.id = field::<A, Id>(map, key, &mut seen.0[0])?.0,
        "id_int" => role.id_int = field(map, key, &mut seen.0[1])?,
        "name" => role.name = field(map, key, &mut seen.0[2])?,
        "claims" => role.claims = field(map, key, &mut seen.0[3])?,
        _ => return read_list(&mut role.lists, seen, key, map),
    }
    Ok(true)
}

fn read_agent<'de, A: MapAccess<'de>>(
    agent: &mut RawAgent,
    seen: &mut Seen,
    key: &str,
    map: &mut A,
) -> Result<bool, A::Error> {
    match key {
        "id" => agent.id = field(map, key, &mut seen.0[0])?,
        "name" => agent.name = field(map, key, &mut seen.0[1])?,
        "is_admin" => agent.is_admin = field(map, key, &mut seen.0[2])?,
        "claims" => agent.claims = field(map, key, &mut seen.0[3])?,
        "roles" => agent.roles = field(map, key, &mut seen.0[4])?,
        _ => return read_list(&mut agent.lists, seen, key, map),
    }
    Ok(true)
}

object_type!(
    RawClaim,
    "a claim object `{\"type\", \"value\"}`",
    read_claim
);
object_type!(
    RawEntry,
    "a restriction entry object (`role_id`, `role_name`, ...)",
    read_entry
);
object_type!(
    RawRole,
    "a role object (HaloPSA's `NHD_Roles`: `id`, `name`, `claims`, ...)",
    read_role
);
object_type!(
    RawAgent,
    "an agent object (HaloPSA's `Uname`, as `GET /api/Agent/me` returns it)",
    read_agent
);

#[cfg(test)]
mod tests {
    use super::without_position;

    #[test]
    fn positions_are_cut_once() {
        assert_eq!(
            without_position("invalid type: string \"x\", expected a sequence at line 1 column 12"),
            "invalid type: string \"x\", expected a sequence"
        );
        assert_eq!(without_position("a role at line one"), "a role at line one");
    }
}
