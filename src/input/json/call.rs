//! `Deserialize` and `Serialize` for [`Call`]: `{"method": "GET", "path": "/api/Client",
//! "status": 200, "empty": false}` (`empty` optional). Written back, a call also carries what it
//! shows (`endpoint`, `proves`, `suspects`, `explanation`), which reading it again accepts and
//! ignores; its path is kept without user information, path parameters, query or fragment
//! (never shown).

use alloc::string::String;

use serde::de::{self, Deserializer, IgnoredAny};
use serde::ser::{SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};

use crate::input::{Call, Method};

/// The fields a call is read from, and those the crate writes beside them (derived, read and
/// ignored, so that a call reads its own JSON back); any other field is an error naming it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CallIn {
    method: MethodIn,
    path: String,
    status: u16,
    #[serde(default)]
    empty: Option<bool>,
    #[serde(default, rename = "endpoint")]
    _endpoint: Option<IgnoredAny>,
    #[serde(default, rename = "proves")]
    _proves: Option<IgnoredAny>,
    #[serde(default, rename = "suspects")]
    _suspects: Option<IgnoredAny>,
    #[serde(default, rename = "explanation")]
    _explanation: Option<IgnoredAny>,
}

struct MethodIn(Method);

impl<'de> Deserialize<'de> for MethodIn {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        super::ids::parse_str(deserializer, "an HTTP method such as \"GET\"").map(MethodIn)
    }
}

impl<'de> Deserialize<'de> for Call {
    /// A JSON object with `method`, `path` (a whole URL or from `/api`), `status` (100 to 599)
    /// and optionally `empty` (whether a list came back empty).
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw: CallIn = super::ids::object(
            deserializer,
            "a call object with `method`, `path` and `status`",
        )?;
        if !(100..=599).contains(&raw.status) {
            return Err(de::Error::custom(alloc::format!(
                "status {} is not an HTTP status (expected 100 to 599)",
                raw.status
            )));
        }
        if raw.path.trim().is_empty() {
            return Err(de::Error::custom(
                "empty `path`: expected e.g. \"/api/Client\"",
            ));
        }
        let call = Call::new(raw.method.0, &raw.path, raw.status);
        Ok(match raw.empty {
            Some(empty) => call.with_empty(empty),
            None => call,
        })
    }
}

impl Serialize for Call {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let path = crate::input::endpoint::api_path(self.path()).unwrap_or_default();
        let mut out = serializer.serialize_struct("Call", 8)?;
        out.serialize_field("method", self.method().as_str())?;
        out.serialize_field("path", &alloc::format!("/api/{path}"))?;
        out.serialize_field("status", &self.status())?;
        out.serialize_field("empty", &self.empty())?;
        out.serialize_field(
            "endpoint",
            &self.endpoint().map(|row| alloc::format!("{row}")),
        )?;
        out.serialize_field("proves", &self.proves())?;
        out.serialize_field("suspects", &self.suspects())?;
        out.serialize_field("explanation", &self.explain())?;
        out.end()
    }
}
