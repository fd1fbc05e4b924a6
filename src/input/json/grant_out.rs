//! The JSON written for grants: [`Grant`] (every key, `"unknown"` and bounds where they apply)
//! and [`Privileges`] (what is granted, empty parts left out).

use serde::ser::{SerializeMap, SerializeStruct, Serializer};
use serde::Serialize;

use super::grant::UNKNOWN;
use crate::model::{AgentFlags, Area, Grant, LevelBounds, Privileges, Scopes};

/// The levels of a grant: areas not exactly No Access, each as its bounds' id.
struct AccessOut<'a>(&'a Grant);

impl AccessOut<'_> {
    fn entries(&self) -> impl Iterator<Item = (Area, LevelBounds)> + '_ {
        Area::ALL
            .into_iter()
            .map(|area| (area, self.0.level(area)))
            .filter(|(_, bounds)| {
                *bounds != LevelBounds::exact(crate::model::AccessLevel::NoAccess)
            })
    }
}

impl Serialize for AccessOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for (area, bounds) in self.entries() {
            map.serialize_entry(area.id(), &bounds)?;
        }
        map.end()
    }
}

/// Partly known flags or scopes: the object form, Yes as `true`, unknown as `"unknown"`, No left
/// out.
struct StatesOut<I>(I);

impl<I: Iterator<Item = (&'static str, Option<bool>)> + Clone> Serialize for StatesOut<I> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for (name, state) in self.0.clone() {
            match state {
                Some(true) => map.serialize_entry(name, &true)?,
                Some(false) => {}
                None => map.serialize_entry(name, UNKNOWN)?,
            }
        }
        map.end()
    }
}

impl Serialize for Grant {
    /// `{"scopes": "...", "access": {"clients": "read", "items": "at least read"}, "flags":
    /// [...]}`: every key is written (a left-out key would read back as unknown); areas at No
    /// Access are left out of `access`; a part wholly unknown is `"unknown"`; partly known
    /// scopes or flags are written as an object.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (low, high) = (self.at_least(), self.at_most());
        let mut out = serializer.serialize_struct("Grant", 3)?;
        if low.scopes() == high.scopes() {
            out.serialize_field("scopes", &low.scopes())?;
        } else if low.scopes().is_empty() && high.scopes() == Scopes::all() {
            out.serialize_field("scopes", UNKNOWN)?;
        } else {
            let grant = *self;
            let states = Scopes::all()
                .scopes()
                .map(move |(scope, name)| (name, grant.has_scope(scope)));
            out.serialize_field("scopes", &StatesOut(states))?;
        }
        let access = AccessOut(self);
        if access.entries().all(|(_, bounds)| bounds.is_unknown())
            && access.entries().count() == Area::COUNT
        {
            out.serialize_field("access", UNKNOWN)?;
        } else {
            out.serialize_field("access", &access)?;
        }
        if low.flags() == high.flags() {
            out.serialize_field("flags", &low.flags())?;
        } else if low.flags().is_empty() && high.flags() == AgentFlags::all() {
            out.serialize_field("flags", UNKNOWN)?;
        } else {
            let grant = *self;
            let states = AgentFlags::all()
                .flags()
                .map(move |flag| (flag.id().unwrap_or_default(), grant.has_flag(flag)));
            out.serialize_field("flags", &StatesOut(states))?;
        }
        out.end()
    }
}

impl Serialize for Privileges {
    /// `{"scopes": "...", "access": {"clients": "read"}, "flags": ["all-asset-types"]}`; areas at
    /// No Access, an empty `access` and empty `flags` are left out (read as `Privileges`, a
    /// left-out part is none).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("Privileges", 3)?;
        out.serialize_field("scopes", &self.scopes())?;
        let grant = Grant::full(*self);
        let access = AccessOut(&grant);
        if access.entries().next().is_some() {
            out.serialize_field("access", &access)?;
        } else {
            out.skip_field("access")?;
        }
        if self.flags().is_empty() {
            out.skip_field("flags")?;
        } else {
            out.serialize_field("flags", &self.flags())?;
        }
        out.end()
    }
}
