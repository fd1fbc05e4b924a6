//! The JSON form of [`Requirements`]: the checklist a settings page shows.
//!
//! ```json
//! { "rules": "2023-06-08",
//!   "flows": ["customers-sync", "products-sync"],
//!   "privileges": { "scopes": "read:customers ...", "access": { "clients": "read" } },
//!   "items": [
//!     { "kind": "scope", "scope": "read:customers", "needed_by": ["customers-sync", "products-sync"] },
//!     { "kind": "access", "area": "invoices", "level": "read", "needed_by": ["products-sync"],
//!       "by_level": { "read": ["products-sync"] } },
//!     { "kind": "flag", "flag": "all-asset-types", "needed_by": ["service-items-sync"] } ],
//!   "open": [ { "kind": "flag", "flag": "all-clients", "open_for": ["customers-sync"] } ] }
//! ```

use serde::ser::{SerializeMap, SerializeStruct, Serializer};

use super::report::Items;
use serde::Serialize;

use crate::model::Item;
use crate::model::{AccessLevel, Area, Flows, Privileges, Requirements, RULES_REVISION};

/// Each item of `privileges`: scopes, areas above No Access, flags (as Yes).
fn items(privileges: &Privileges) -> impl Iterator<Item = Item> + Clone + '_ {
    privileges
        .scopes()
        .scopes()
        .map(|(scope, _)| Item::Scope(scope))
        .chain(
            privileges
                .levels()
                .filter(|(_, level)| *level != AccessLevel::NoAccess)
                .map(|(area, level)| Item::Access(area, level)),
        )
        .chain(
            privileges
                .flags()
                .flags()
                .map(|flag| Item::Flag(flag, true)),
        )
}

/// Writes the fields that name an item (`kind` and the item itself).
pub(crate) fn name<S: SerializeStruct>(
    item: Item,
    out: &mut S,
    level_field: &'static str,
) -> Result<(), S::Error> {
    match item {
        Item::Scope(scope) => {
            out.serialize_field("kind", "scope")?;
            out.serialize_field("scope", &scope)?;
        }
        Item::Access(area, level) => {
            out.serialize_field("kind", "access")?;
            out.serialize_field("area", &area)?;
            out.serialize_field(level_field, &level)?;
        }
        Item::Flag(flag, _) => {
            out.serialize_field("kind", "flag")?;
            out.serialize_field("flag", flag.id().unwrap_or_default())?;
        }
    }
    Ok(())
}

/// A required item with the flows that need it.
struct Needed<'a>(&'a Requirements, Item);

impl Serialize for Needed<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Needed(needed, item) = *self;
        let mut out = serializer.serialize_struct("Item", 5)?;
        name(item, &mut out, "level")?;
        match item {
            Item::Scope(scope) => {
                out.serialize_field("needed_by", &needed.scope_needed_by(scope))?
            }
            Item::Access(area, _) => {
                let any = needed.access_needed_by(area, AccessLevel::NamesOnly);
                out.serialize_field("needed_by", &any)?;
                out.serialize_field("by_level", &ByLevel(needed, area))?;
            }
            Item::Flag(flag, _) => {
                out.serialize_field("needed_by", &needed.flag_needed_by(flag))?
            }
        }
        out.end()
    }
}

/// For one area, each level some flow needs exactly, with those flows, highest first.
struct ByLevel<'a>(&'a Requirements, Area);

impl Serialize for ByLevel<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let ByLevel(needed, area) = *self;
        let mut out = serializer.serialize_map(None)?;
        for level in AccessLevel::ALL.into_iter().rev() {
            let exact: Flows = needed
                .flows()
                .flows()
                .filter(|flow| {
                    flow.privileges().level(area) == level && level != AccessLevel::NoAccess
                })
                .collect();
            if !exact.is_empty() {
                out.serialize_entry(level.id(), &exact)?;
            }
        }
        out.end()
    }
}

/// An open item with the flows it is open for.
struct Open<'a>(&'a Requirements, Item);

impl Serialize for Open<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Open(needed, item) = *self;
        let open_for = needed.open_for(&item.privileges());
        let mut out = serializer.serialize_struct("Open", 4)?;
        name(item, &mut out, "up_to")?;
        out.serialize_field("open_for", &open_for)?;
        out.end()
    }
}

impl Serialize for Requirements {
    /// The rules revision, the flows, their least privilege (as a grant), every item with the
    /// flows that need it (and, for a level, which flow needs which level), and what the article
    /// leaves open beyond it. Output only: read flows back with [`Flows`]' form.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let required = self.privileges();
        let open = self.open();
        // Open beyond the requirement: scopes and flags not required, levels above it.
        let beyond = Privileges::none()
            .with_scopes(open.scopes().difference(required.scopes()))
            .with_flags(open.flags().difference(required.flags()));
        let beyond = open
            .levels()
            .filter(|(area, level)| *level > required.level(*area))
            .fold(beyond, |acc, (area, level)| acc.with_level(area, level));
        let mut out = serializer.serialize_struct("Requirements", 5)?;
        out.serialize_field("rules", RULES_REVISION)?;
        out.serialize_field("flows", &self.flows())?;
        out.serialize_field("privileges", required)?;
        out.serialize_field(
            "items",
            &Items(items(required).map(|item| Needed(self, item))),
        )?;
        out.serialize_field("open", &Items(items(&beyond).map(|item| Open(self, item))))?;
        out.end()
    }
}

/// What a requirements JSON is read from: `flows`; every other field is derived from the rules,
/// accepted and ignored.
#[derive(serde::Deserialize)]
struct RequirementsIn {
    flows: Flows,
}

impl<'de> serde::Deserialize<'de> for Requirements {
    /// Reads `flows` and derives the rest under the current rules (as a [`Report`](crate::Report)
    /// reads back): the requirements' own JSON reads back as the same requirements.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let input: RequirementsIn =
            crate::input::json::ids::object(deserializer, "a requirements object with `flows`")?;
        Ok(Requirements::of(input.flows))
    }
}
