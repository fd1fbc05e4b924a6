//! `Serialize` and `Deserialize` for the public types, in the JSON forms of the README.
//!
//! Ids are written as ids (`customers-sync`, `clients`, `read`), scopes as the canonical OAuth
//! scope string. Reading goes through the same `FromStr` as text, so a bad value is an error that
//! names it.

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;
use core::marker::PhantomData;
use core::str::FromStr;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq, SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};

use crate::{
    required_for, AccessLevel, Action, AgentFlags, Area, Finding, Flow, Flows, Layer, Privileges,
    Report, Scopes, Step,
};

/// Reads a string and parses it with `FromStr`, reporting the parse error as the serde error.
struct ParseVisitor<T>(&'static str, PhantomData<T>);

impl<T> Visitor<'_> for ParseVisitor<T>
where
    T: FromStr,
    T::Err: fmt::Display,
{
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        v.parse().map_err(E::custom)
    }
}

fn parse_str<'de, D, T>(deserializer: D, expecting: &'static str) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: FromStr,
    T::Err: fmt::Display,
{
    deserializer.deserialize_str(ParseVisitor(expecting, PhantomData))
}

/// Implements `Serialize` as `id()` and `Deserialize` through `FromStr` for an id-named enum.
macro_rules! by_id {
    ($($ty:ty => $expecting:literal),* $(,)?) => {$(
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.id())
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                parse_str(deserializer, $expecting)
            }
        }
    )*};
}

by_id! {
    Flow => "a flow id such as `customers-sync`",
    Area => "an area id such as `clients`",
    AccessLevel => "an access level id or label such as `read`",
}

/// A set type written as a JSON array of ids, read from an array (or a comma-separated string).
macro_rules! id_set {
    ($ty:ty, $item:ty, $iter:ident, $id:expr, $from_item:expr, $expecting:literal) => {
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut seq = serializer.serialize_seq(Some(self.$iter().count()))?;
                for item in self.$iter() {
                    seq.serialize_element($id(item))?;
                }
                seq.end()
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct SetVisitor;

                impl<'de> Visitor<'de> for SetVisitor {
                    type Value = $ty;

                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str($expecting)
                    }

                    fn visit_str<E: de::Error>(self, v: &str) -> Result<$ty, E> {
                        v.parse().map_err(E::custom)
                    }

                    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<$ty, A::Error> {
                        let mut set = <$ty>::empty();
                        while let Some(text) = seq.next_element::<String>()? {
                            let item: $item = $from_item(&text).map_err(de::Error::custom)?;
                            set |= <$ty>::from(item);
                        }
                        Ok(set)
                    }
                }

                deserializer.deserialize_any(SetVisitor)
            }
        }
    };
}

id_set!(
    Flows,
    Flow,
    flows,
    Flow::id,
    Flow::from_str,
    "an array of flow ids"
);
id_set!(
    AgentFlags,
    AgentFlags,
    flags,
    |flag: AgentFlags| flag.id().unwrap_or_default(),
    AgentFlags::from_flag,
    "an array of agent flag ids"
);

impl Serialize for Scopes {
    /// The canonical OAuth scope string, e.g. `"read:customers read:items"`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Scopes {
    /// A whitespace-separated scope string, or an array of scope strings; strict.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ScopesVisitor;

        impl<'de> Visitor<'de> for ScopesVisitor {
            type Value = Scopes;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "a scope string such as \"read:customers read:items\", or an array of scopes",
                )
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Scopes, E> {
                v.parse().map_err(E::custom)
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scopes, A::Error> {
                let mut scopes = Scopes::empty();
                while let Some(token) = seq.next_element::<String>()? {
                    let parsed = token.parse::<Scopes>().map_err(de::Error::custom)?;
                    if token.split_ascii_whitespace().nth(1).is_some() {
                        return Err(de::Error::custom(alloc::format!(
                            "array item `{token}` holds more than one scope"
                        )));
                    }
                    scopes |= parsed;
                }
                Ok(scopes)
            }
        }

        deserializer.deserialize_any(ScopesVisitor)
    }
}

/// The levels of a grant above No Access, as a JSON object of area id to level id.
struct AccessOut<'a>(&'a Privileges);

impl AccessOut<'_> {
    fn granted(&self) -> impl Iterator<Item = (Area, AccessLevel)> + '_ {
        self.0
            .levels()
            .filter(|(_, level)| *level != AccessLevel::NoAccess)
    }
}

impl Serialize for AccessOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.granted().count()))?;
        for (area, level) in self.granted() {
            map.serialize_entry(area.id(), level.id())?;
        }
        map.end()
    }
}

/// The `access` object of a grant as read: each area at most once.
struct AccessIn(Privileges);

impl<'de> Deserialize<'de> for AccessIn {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AccessVisitor;

        impl<'de> Visitor<'de> for AccessVisitor {
            type Value = AccessIn;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of area to access level, such as {\"clients\": \"read\"}")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<AccessIn, A::Error> {
                let mut seen = [false; Area::COUNT];
                let mut levels = Privileges::none();
                while let Some((area, level)) = map.next_entry::<Area, AccessLevel>()? {
                    if core::mem::replace(&mut seen[area as usize], true) {
                        return Err(de::Error::custom(alloc::format!(
                            "area `{}` is given more than once",
                            area.id()
                        )));
                    }
                    levels = levels.with_level(area, level);
                }
                Ok(AccessIn(levels))
            }
        }

        deserializer.deserialize_map(AccessVisitor)
    }
}

impl Serialize for Privileges {
    /// `{"scopes": "...", "access": {"clients": "read"}, "flags": ["all-asset-types"]}`; areas at
    /// No Access, an empty `access` and empty `flags` are left out.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let access = AccessOut(self);
        let has_access = access.granted().next().is_some();
        let mut out = serializer.serialize_struct("Privileges", 3)?;
        out.serialize_field("scopes", &self.scopes())?;
        if has_access {
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "Privileges")]
struct PrivilegesIn {
    #[serde(default)]
    scopes: Option<Scopes>,
    #[serde(default)]
    access: Option<AccessIn>,
    #[serde(default)]
    flags: Option<AgentFlags>,
}

impl<'de> Deserialize<'de> for Privileges {
    /// Every field optional; unknown fields, scopes, areas, levels and flags are errors that
    /// name the offending text.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let input = PrivilegesIn::deserialize(deserializer)?;
        let levels = input.access.map_or(Privileges::none(), |access| access.0);
        Ok(levels
            .with_scopes(input.scopes.unwrap_or(Scopes::empty()))
            .with_flags(input.flags.unwrap_or(AgentFlags::empty())))
    }
}

/// One scope string, for findings.
struct OneScope(Scopes);

impl<'de> Deserialize<'de> for OneScope {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        match Scopes::parse_token(text.trim()) {
            Ok(Some(scope)) if !text.trim().contains(char::is_whitespace) => Ok(OneScope(scope)),
            Ok(_) => Err(de::Error::custom(alloc::format!(
                "`{text}` is not exactly one HaloPSA scope"
            ))),
            Err(err) => Err(de::Error::custom(err)),
        }
    }
}

/// One flag id, for findings and steps.
struct OneFlag(AgentFlags);

impl<'de> Deserialize<'de> for OneFlag {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        AgentFlags::from_flag(&text)
            .map(OneFlag)
            .map_err(de::Error::custom)
    }
}

impl Serialize for Finding {
    /// `{"kind": "scope", "scope": "edit:invoices", "needed_by": [...]}`, or `"kind": "access"`
    /// with `area`, `granted`, `required`, or `"kind": "flag"` with `flag`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match *self {
            Finding::Scope { scope, needed_by } => {
                let mut out = serializer.serialize_struct("Finding", 3)?;
                out.serialize_field("kind", "scope")?;
                out.serialize_field("scope", &scope)?;
                out.serialize_field("needed_by", &needed_by)?;
                out.end()
            }
            Finding::Access {
                area,
                granted,
                required,
                needed_by,
            } => {
                let mut out = serializer.serialize_struct("Finding", 5)?;
                out.serialize_field("kind", "access")?;
                out.serialize_field("area", &area)?;
                out.serialize_field("granted", &granted)?;
                out.serialize_field("required", &required)?;
                out.serialize_field("needed_by", &needed_by)?;
                out.end()
            }
            Finding::Flag { flag, needed_by } => {
                let mut out = serializer.serialize_struct("Finding", 3)?;
                out.serialize_field("kind", "flag")?;
                out.serialize_field("flag", flag.id().unwrap_or_default())?;
                out.serialize_field("needed_by", &needed_by)?;
                out.end()
            }
        }
    }
}

#[derive(Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase", deny_unknown_fields)]
enum FindingIn {
    Scope {
        scope: OneScope,
        needed_by: Flows,
    },
    Access {
        area: Area,
        granted: AccessLevel,
        required: AccessLevel,
        needed_by: Flows,
    },
    Flag {
        flag: OneFlag,
        needed_by: Flows,
    },
}

impl<'de> Deserialize<'de> for Finding {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match FindingIn::deserialize(deserializer)? {
            FindingIn::Scope { scope, needed_by } => Finding::Scope {
                scope: scope.0,
                needed_by,
            },
            FindingIn::Access {
                area,
                granted,
                required,
                needed_by,
            } => Finding::Access {
                area,
                granted,
                required,
                needed_by,
            },
            FindingIn::Flag { flag, needed_by } => Finding::Flag {
                flag: flag.0,
                needed_by,
            },
        })
    }
}

const ACTIONS: [Action; 7] = [
    Action::Grant,
    Action::Raise,
    Action::Enable,
    Action::Revoke,
    Action::Lower,
    Action::Disable,
    Action::TestAccountAccess,
];

const LAYERS: [Layer; 3] = [Layer::Application, Layer::Agent, Layer::Datagate];

/// Implements `Serialize`/`Deserialize` by id for a small enum listed in a const array.
macro_rules! listed_by_id {
    ($($ty:ty => $all:ident, $what:literal),* $(,)?) => {$(
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.id())
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                $all.into_iter().find(|item| item.id() == text).ok_or_else(|| {
                    de::Error::custom(alloc::format!(concat!("unknown ", $what, " `{}`"), text))
                })
            }
        }
    )*};
}

listed_by_id! {
    Action => ACTIONS, "step action",
    Layer => LAYERS, "step layer",
}

impl Serialize for Step {
    /// `{"action": "raise", "layer": "agent", "area": "invoices", "from": "read", "to": "...",
    /// "unblocks": [...], "text": "Raise Invoices Access Level ..."}`; scope steps carry
    /// `scopes`, flag steps `flag`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("Step", 7)?;
        out.serialize_field("action", &self.action())?;
        out.serialize_field("layer", &self.layer())?;
        match *self {
            Step::GrantScopes { scopes, .. } | Step::RevokeScopes { scopes } => {
                out.serialize_field("scopes", &scopes)?;
            }
            Step::RaiseAccess { area, from, to, .. } | Step::LowerAccess { area, from, to } => {
                out.serialize_field("area", &area)?;
                out.serialize_field("from", &from)?;
                out.serialize_field("to", &to)?;
            }
            Step::EnableFlag { flag, .. } | Step::DisableFlag { flag } => {
                out.serialize_field("flag", flag.id().unwrap_or_default())?;
            }
            Step::TestAccountAccess => {}
        }
        out.serialize_field("unblocks", &self.unblocks())?;
        out.serialize_field("text", &self.to_string())?;
        out.end()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StepIn {
    action: Action,
    layer: Option<Layer>,
    scopes: Option<Scopes>,
    area: Option<Area>,
    from: Option<AccessLevel>,
    to: Option<AccessLevel>,
    flag: Option<OneFlag>,
    unblocks: Option<Flows>,
    text: Option<String>,
}

impl StepIn {
    fn into_step<E: de::Error>(self) -> Result<Step, E> {
        let action = self.action.id();
        let need = |field: &str| {
            E::custom(alloc::format!(
                "a `{action}` step needs the field `{field}`"
            ))
        };
        let unblocks = self.unblocks.unwrap_or(Flows::empty());
        let scopes = || self.scopes.ok_or_else(|| need("scopes"));
        let area = || self.area.ok_or_else(|| need("area"));
        let from = || self.from.ok_or_else(|| need("from"));
        let to = || self.to.ok_or_else(|| need("to"));
        let flag = || self.flag.as_ref().map(|f| f.0).ok_or_else(|| need("flag"));
        let step = match self.action {
            Action::Grant => Step::GrantScopes {
                scopes: scopes()?,
                unblocks,
            },
            Action::Raise => Step::RaiseAccess {
                area: area()?,
                from: from()?,
                to: to()?,
                unblocks,
            },
            Action::Enable => Step::EnableFlag {
                flag: flag()?,
                unblocks,
            },
            Action::Revoke => Step::RevokeScopes { scopes: scopes()? },
            Action::Lower => Step::LowerAccess {
                area: area()?,
                from: from()?,
                to: to()?,
            },
            Action::Disable => Step::DisableFlag { flag: flag()? },
            Action::TestAccountAccess => Step::TestAccountAccess,
        };
        // The data fields each kind of step has, in the order of `given`.
        const FIELDS: [&str; 5] = ["scopes", "area", "from", "to", "flag"];
        let has: [bool; 5] = match step.action() {
            Action::Grant | Action::Revoke => [true, false, false, false, false],
            Action::Raise | Action::Lower => [false, true, true, true, false],
            Action::Enable | Action::Disable => [false, false, false, false, true],
            _ => [false; 5],
        };
        let given = [
            self.scopes.is_some(),
            self.area.is_some(),
            self.from.is_some(),
            self.to.is_some(),
            self.flag.is_some(),
        ];
        if let Some(field) = (0..FIELDS.len())
            .find(|&i| given[i] && !has[i])
            .map(|i| FIELDS[i])
        {
            return Err(E::custom(alloc::format!(
                "a `{action}` step has no field `{field}`"
            )));
        }
        if step.unblocks() != unblocks {
            return Err(E::custom(alloc::format!(
                "a `{action}` step cannot unblock flows"
            )));
        }
        if let Some(layer) = self.layer {
            if layer != step.layer() {
                return Err(E::custom(alloc::format!(
                    "a `{action}` step is on layer `{}`, not `{}`",
                    step.layer().id(),
                    layer.id()
                )));
            }
        }
        if let Some(text) = self.text {
            if text != step.to_string() {
                return Err(E::custom(alloc::format!(
                    "the text of a `{action}` step does not match its data: expected `{step}`"
                )));
            }
        }
        Ok(step)
    }
}

impl<'de> Deserialize<'de> for Step {
    /// The form `Serialize` writes; `layer` and `text` may be left out, and must agree with the
    /// step's data when given.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        StepIn::deserialize(deserializer)?.into_step()
    }
}

/// Serializes an iterator as a JSON array without collecting it.
struct Items<I>(I);

impl<I> Serialize for Items<I>
where
    I: Iterator + Clone,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.clone())
    }
}

impl Serialize for Report {
    /// The flows, the verdicts, the findings, the remediation (each step with its text), what
    /// was granted and what is required.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("Report", 10)?;
        out.serialize_field("flows", &self.flows())?;
        out.serialize_field("satisfied", &self.is_satisfied())?;
        out.serialize_field("least_privilege", &self.is_least_privilege())?;
        out.serialize_field("runnable", &self.runnable())?;
        out.serialize_field("blocked", &self.blocked())?;
        out.serialize_field("missing", &Items(self.missing()))?;
        out.serialize_field("excess", &Items(self.excess()))?;
        out.serialize_field("remediation", &Items(self.remediation()))?;
        out.serialize_field("granted", self.granted())?;
        out.serialize_field("required", self.required())?;
        out.end()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReportIn {
    flows: Flows,
    granted: Privileges,
    satisfied: Option<bool>,
    least_privilege: Option<bool>,
    runnable: Option<Flows>,
    blocked: Option<Flows>,
    missing: Option<Vec<Finding>>,
    excess: Option<Vec<Finding>>,
    remediation: Option<Vec<Step>>,
    required: Option<Privileges>,
}

/// Checks that a field read from JSON, when present, equals the re-evaluated value.
fn agree<E: de::Error, T: PartialEq>(field: &str, given: Option<T>, derived: T) -> Result<(), E> {
    match given {
        Some(given) if given != derived => Err(E::custom(alloc::format!(
            "field `{field}` disagrees with evaluating `flows` against `granted`"
        ))),
        _ => Ok(()),
    }
}

impl<'de> Deserialize<'de> for Report {
    /// Re-evaluates `flows` against `granted`; every other field is optional and, when given,
    /// must agree with that evaluation.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let input = ReportIn::deserialize(deserializer)?;
        let report = required_for(input.flows).evaluate(&input.granted);
        agree("satisfied", input.satisfied, report.is_satisfied())?;
        agree(
            "least_privilege",
            input.least_privilege,
            report.is_least_privilege(),
        )?;
        agree("runnable", input.runnable, report.runnable())?;
        agree("blocked", input.blocked, report.blocked())?;
        agree("missing", input.missing, report.missing().collect())?;
        agree("excess", input.excess, report.excess().collect())?;
        agree(
            "remediation",
            input.remediation,
            report.remediation().collect(),
        )?;
        agree("required", input.required, *report.required())?;
        Ok(report)
    }
}
