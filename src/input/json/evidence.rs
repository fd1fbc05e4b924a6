//! `Serialize` for [`Evidence`]: the sources by name, what each says of each item it knows
//! (grouped by item), and the disagreements.
//!
//! ```json
//! {
//!   "sources": ["the token", "the grant file"],
//!   "items": [
//!     {
//!       "item": "read:customers",
//!       "known": "unknown",
//!       "said": { "the token": "granted", "the grant file": "not granted" }
//!     }
//!   ],
//!   "conflicts": ["`read:customers`: the token says granted, the grant file says not granted"]
//! }
//! ```

use alloc::vec::Vec;

use serde::ser::{SerializeMap, SerializeStruct, Serializer};
use serde::Serialize;

use crate::{Evidence, Grant, LevelBounds, Said, Saying};

impl Serialize for Evidence {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let sources: Vec<&str> = self.observations().map(|(source, _)| source).collect();
        let mut items: Vec<Vec<Said<'_>>> = Vec::new();
        for said in self.said() {
            match items.last_mut() {
                Some(group) if group[0].says.item() == said.says.item() => group.push(said),
                _ => items.push(alloc::vec![said]),
            }
        }
        let grant = self.grant();
        let items: Vec<Item<'_>> = items.iter().map(|said| Item(said, &grant)).collect();
        let mut out = serializer.serialize_struct("Evidence", 3)?;
        out.serialize_field("sources", &sources)?;
        out.serialize_field("items", &items)?;
        out.serialize_field("conflicts", &self.conflicts())?;
        out.end()
    }
}

/// One item, what all the sources know of it together (`known`), and what each says.
struct Item<'a>(&'a [Said<'a>], &'a Grant);

impl Serialize for Item<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct BySource<'a>(&'a [Said<'a>]);
        impl Serialize for BySource<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(Some(self.0.len()))?;
                for said in self.0 {
                    map.serialize_entry(said.source, &said.says.value())?;
                }
                map.end()
            }
        }
        let known = match self.0[0].says {
            Saying::Scope(scope, _) => self.1.has_scope(scope).map(|yes| Saying::Scope(scope, yes)),
            Saying::Level(area, _) => {
                let bounds = self.1.level(area);
                (bounds != LevelBounds::UNKNOWN).then_some(Saying::Level(area, bounds))
            }
            Saying::Flag(flag, _) => self.1.has_flag(flag).map(|yes| Saying::Flag(flag, yes)),
        };
        let mut out = serializer.serialize_struct("Item", 3)?;
        out.serialize_field("item", &self.0[0].says.item())?;
        out.serialize_field(
            "known",
            &known.map_or_else(|| "unknown".into(), |saying| saying.value()),
        )?;
        out.serialize_field("said", &BySource(self.0))?;
        out.end()
    }
}
