//! `Serialize` for [`Decision`] and [`Probe`].
//!
//! A decision is the report's JSON (each step placed on its sources, as a [`Plan`](crate::Plan)
//! writes it), then `calls`, `evidence`, `probes`, `notes` and `not_recognised`. A probe:
//!
//! ```json
//! { "method": "GET", "path": "/api/Asset?count=1",
//!   "settles": { "kind": "scope", "scope": "read:assets" },
//!   "needed_by": ["service-items-sync"],
//!   "if_success": "...", "if_refused": "...", "if_empty": "..." }
//! ```

use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;

use super::plan::Text;
use crate::input::{Call, Evidence, Probe, Settles};
use crate::presentation::{Decision, Plan};

impl Serialize for Probe {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("Probe", 7)?;
        out.serialize_field("method", self.method().as_str())?;
        out.serialize_field("path", self.path())?;
        out.serialize_field("settles", &SettlesOut(self.settles()))?;
        out.serialize_field("needed_by", &self.needed_by())?;
        out.serialize_field("if_success", &self.if_success())?;
        out.serialize_field("if_refused", &self.if_refused())?;
        match self.if_empty() {
            Some(empty) => out.serialize_field("if_empty", &empty)?,
            None => out.skip_field("if_empty")?,
        }
        out.end()
    }
}

/// What a probe settles: `{"kind": "scope", "scope"}`, `{"kind": "agent"}`, `{"kind": "roles"}`
/// or `{"kind": "role", "name"}`.
struct SettlesOut<'a>(&'a Settles);

impl Serialize for SettlesOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("Settles", 2)?;
        match self.0 {
            Settles::Scope(scope) => {
                out.serialize_field("kind", "scope")?;
                out.serialize_field("scope", &Text(scope))?;
            }
            Settles::Agent => out.serialize_field("kind", "agent")?,
            Settles::Roles => out.serialize_field("kind", "roles")?,
            Settles::Role(name) => {
                out.serialize_field("kind", "role")?;
                out.serialize_field("name", name)?;
            }
        }
        out.end()
    }
}

impl Serialize for Decision {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        /// The report's fields, then what the decision adds.
        #[derive(Serialize)]
        struct Out<'a> {
            #[serde(flatten)]
            plan: &'a Plan<'a>,
            #[serde(skip_serializing_if = "<[Call]>::is_empty")]
            calls: &'a [Call],
            evidence: &'a Evidence,
            probes: &'a [Probe],
            notes: alloc::vec::Vec<&'a str>,
            #[serde(skip_serializing_if = "<[alloc::string::String]>::is_empty")]
            not_recognised: &'a [alloc::string::String],
        }
        Out {
            plan: &self.plan(),
            calls: self.calls(),
            evidence: self.evidence(),
            probes: self.probes(),
            notes: self.notes().collect(),
            not_recognised: self.not_recognised(),
        }
        .serialize(serializer)
    }
}

/// What a probe's JSON is read from: `method`, `path`, `settles` and `needed_by`; the sentences
/// (`if_success`, ...) are derived, accepted and ignored.
#[derive(serde::Deserialize)]
struct ProbeIn {
    method: alloc::string::String,
    path: alloc::string::String,
    settles: SettlesIn,
    needed_by: crate::model::Flows,
}

#[derive(serde::Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
enum SettlesIn {
    Scope { scope: crate::model::Scopes },
    Agent,
    Roles,
    Role { name: alloc::string::String },
}

impl<'de> serde::Deserialize<'de> for Probe {
    /// A probe as [`Probe`]'s JSON writes it; a call the endpoint table does not know, a write
    /// call, or a scope that is not exactly one scope is an error naming it.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let input: ProbeIn = crate::input::json::ids::object(
            deserializer,
            "a probe object with `method`, `path` and `settles`",
        )?;
        let method: crate::input::Method = input.method.parse().map_err(D::Error::custom)?;
        let settles = match input.settles {
            SettlesIn::Scope { scope } if scope.bits().count_ones() == 1 => Settles::Scope(scope),
            SettlesIn::Scope { scope } => {
                return Err(D::Error::custom(alloc::format!(
                    "a probe settles one scope, not `{scope}`"
                )))
            }
            SettlesIn::Agent => Settles::Agent,
            SettlesIn::Roles => Settles::Roles,
            SettlesIn::Role { name } => Settles::Role(crate::common::text::clip_name(&name)),
        };
        Probe::new(method, &input.path, settles, input.needed_by).ok_or_else(|| {
            D::Error::custom(alloc::format!(
                "`{method} {}` is no read-only call of the endpoint table",
                crate::common::text::Shown(&input.path)
            ))
        })
    }
}
