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

use crate::input::{Evidence, Said, Saying};
use crate::model::{Grant, LevelBounds};

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

/// What an evidence JSON is read from: `sources` and, per item, what each source `said`; the
/// combined `known` and the `conflicts` are derived, accepted and ignored.
#[derive(serde::Deserialize)]
struct EvidenceIn {
    sources: Vec<alloc::string::String>,
    items: Vec<ItemIn>,
}

#[derive(serde::Deserialize)]
struct ItemIn {
    item: alloc::string::String,
    said: alloc::collections::BTreeMap<alloc::string::String, alloc::string::String>,
}

/// What `value` says of `item` (as [`Saying::item`] and [`Saying::value`] write them).
fn saying(item: &str, value: &str) -> Result<Saying, alloc::string::String> {
    use crate::model::{AgentFlags, Area};
    let yes_no = |yes: &str, no: &str| match value {
        v if v == yes => Ok(true),
        v if v == no => Ok(false),
        _ => Err(alloc::format!(
            "`{}` says `{}`, expected `{yes}` or `{no}`",
            crate::common::text::Shown(item),
            crate::common::text::Shown(value)
        )),
    };
    if let Some(scope) = crate::model::Scopes::from_scope(item) {
        return Ok(Saying::Scope(scope, yes_no("granted", "not granted")?));
    }
    if let Some(area) = item.strip_suffix(" Access Level") {
        let area: Area = area.parse().map_err(|err| alloc::format!("{err}"))?;
        let bounds: LevelBounds = value.parse().map_err(|err| alloc::format!("{err}"))?;
        return Ok(Saying::Level(area, bounds));
    }
    let flag: AgentFlags = item.parse().map_err(|err| alloc::format!("{err}"))?;
    if flag.bits().count_ones() != 1 {
        return Err(alloc::format!(
            "`{}` is not one setting",
            crate::common::text::Shown(item)
        ));
    }
    Ok(Saying::Flag(flag, yes_no("Yes", "No")?))
}

impl<'de> serde::Deserialize<'de> for Evidence {
    /// Evidence as its JSON writes it: each source with what it said of each item, combined
    /// again (the `known` values and `conflicts` follow from them). An item or value the crate
    /// does not know, or a source not in `sources`, is an error naming it.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let input: EvidenceIn = super::ids::object(
            deserializer,
            "an evidence object with `sources` and `items`",
        )?;
        let mut grants: Vec<Grant> = alloc::vec![Grant::unknown(); input.sources.len()];
        for item in &input.items {
            for (source, value) in &item.said {
                let at = input
                    .sources
                    .iter()
                    .position(|name| name == source)
                    .ok_or_else(|| {
                        D::Error::custom(alloc::format!(
                            "`{}` is not among the `sources`",
                            crate::common::text::Shown(source)
                        ))
                    })?;
                let grant = &mut grants[at];
                *grant = match saying(&item.item, value).map_err(D::Error::custom)? {
                    Saying::Scope(scope, yes) => grant.with_scopes(scope, Some(yes)),
                    Saying::Level(area, bounds) => grant.with_level(area, bounds),
                    Saying::Flag(flag, yes) => grant.with_flags(flag, Some(yes)),
                };
            }
        }
        let mut evidence = Evidence::new();
        for (source, grant) in input.sources.into_iter().zip(grants) {
            evidence.add(source, grant);
        }
        Ok(evidence)
    }
}
