//! The JSON form of steps: their data, `screen`, `control` and `text`, read back from the data.

use serde::de::{self, Deserializer};
use serde::ser::{SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};

use super::report::FlagOut;
use crate::input::json::ids::OneFlag;
use crate::model::{AccessLevel, Action, Area, Flows, Layer, Scopes, Step};

impl Serialize for Step {
    /// `{"action": "raise", "layer": "agent", "area": "invoices", "from": "read", "to": "...",
    /// "unblocks": [...], "screen": {...}, "control": {...}, "text": "Raise Invoices Access Level
    /// ..."}`; scope steps carry `scopes`, flag steps `flag`, checks `needed_by`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("Step", 10)?;
        step_fields(&mut out, self)?;
        super::plan::place_fields(&mut out, self, &[self.screen()])?;
        match self.if_check_fails() {
            Some(fix) => out.serialize_field("if_fails", &fix)?,
            None => out.skip_field("if_fails")?,
        }
        out.serialize_field("text", &super::plan::Text(self))?;
        out.end()
    }
}

/// The data fields of a step: what it does, to which item, for which flows.
pub(crate) fn step_fields<S: SerializeStruct>(out: &mut S, step: &Step) -> Result<(), S::Error> {
    out.serialize_field("action", &step.action())?;
    out.serialize_field("layer", &step.layer())?;
    match *step {
        Step::GrantScopes { scopes, .. } | Step::RevokeScopes { scopes } => {
            out.serialize_field("scopes", &scopes)?;
        }
        Step::RaiseAccess { area, from, to, .. } | Step::LowerAccess { area, from, to } => {
            out.serialize_field("area", &area)?;
            out.serialize_field("from", &from)?;
            out.serialize_field("to", &to)?;
        }
        Step::EnableFlag { flag, .. }
        | Step::DisableFlag { flag }
        | Step::CheckFlag { flag, .. } => {
            out.serialize_field("flag", &FlagOut(flag))?;
        }
        Step::CheckScopes { scopes, .. } => out.serialize_field("scopes", &scopes)?,
        Step::CheckAccess {
            area,
            from,
            at_least,
            ..
        } => {
            out.serialize_field("area", &area)?;
            out.serialize_field("from", &from)?;
            out.serialize_field("at_least", &at_least)?;
        }
        Step::CreateRole => out.serialize_field("role", crate::model::DATAGATE_ROLE)?,
        Step::TestAccountAccess | Step::RemoveRole => {}
    }
    out.serialize_field("unblocks", &step.unblocks())?;
    if step.action() == Action::Check {
        out.serialize_field("needed_by", &step.needed_by())?;
    }
    Ok(())
}

#[derive(Deserialize)]
struct StepIn {
    action: Action,
    layer: Option<Layer>,
    scopes: Option<Scopes>,
    area: Option<Area>,
    from: Option<crate::model::LevelBounds>,
    to: Option<AccessLevel>,
    at_least: Option<AccessLevel>,
    flag: Option<OneFlag>,
    unblocks: Option<Flows>,
    needed_by: Option<Flows>,
}

/// The data fields of a step, in the order `StepIn::given` lists them.
const FIELDS: [&str; 6] = ["scopes", "area", "from", "to", "at_least", "flag"];

impl StepIn {
    fn given(&self) -> [bool; 6] {
        [
            self.scopes.is_some(),
            self.area.is_some(),
            self.from.is_some(),
            self.to.is_some(),
            self.at_least.is_some(),
            self.flag.is_some(),
        ]
    }

    fn into_step<E: de::Error>(self) -> Result<Step, E> {
        let action = self.action.id();
        let need = |field: &str| {
            E::custom(alloc::format!(
                "a `{action}` step needs the field `{field}`"
            ))
        };
        let unblocks = self.unblocks.unwrap_or(Flows::empty());
        let needed_by = self.needed_by.unwrap_or(Flows::empty());
        let scopes = || self.scopes.ok_or_else(|| need("scopes"));
        let area = || self.area.ok_or_else(|| need("area"));
        let from = || self.from.ok_or_else(|| need("from"));
        let to = || self.to.ok_or_else(|| need("to"));
        let at_least = || self.at_least.ok_or_else(|| need("at_least"));
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
            Action::Check if self.scopes.is_some() => Step::CheckScopes {
                scopes: scopes()?,
                needed_by,
            },
            // `from` came in 0.4.0: without it, nothing is known of the level.
            Action::Check if self.area.is_some() => Step::CheckAccess {
                area: area()?,
                from: self.from.unwrap_or(crate::model::LevelBounds::UNKNOWN),
                at_least: at_least()?,
                needed_by,
            },
            Action::Check if self.flag.is_some() => Step::CheckFlag {
                flag: flag()?,
                needed_by,
            },
            Action::Check => return Err(need("scopes`, `area` or `flag")),
            Action::TestAccountAccess => Step::TestAccountAccess,
            Action::CreateRole => Step::CreateRole,
            Action::RemoveRole => Step::RemoveRole,
        };
        // The data fields each kind of step has.
        let has: [bool; 6] = match step {
            Step::GrantScopes { .. } | Step::RevokeScopes { .. } | Step::CheckScopes { .. } => {
                [true, false, false, false, false, false]
            }
            Step::RaiseAccess { .. } | Step::LowerAccess { .. } => {
                [false, true, true, true, false, false]
            }
            Step::CheckAccess { .. } => [false, true, true, false, true, false],
            Step::EnableFlag { .. } | Step::DisableFlag { .. } | Step::CheckFlag { .. } => {
                [false, false, false, false, false, true]
            }
            _ => [false; 6],
        };
        let given = self.given();
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
        if self.needed_by.is_some() && step.action() != Action::Check {
            return Err(E::custom(alloc::format!(
                "a `{action}` step has no field `needed_by`"
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
        Ok(step)
    }
}

impl<'de> Deserialize<'de> for Step {
    /// The form `Serialize` writes. `layer` may be left out and must agree with the step's data
    /// when given; `text` is derived (its wording may change between versions) and is ignored,
    /// as are fields this version does not know.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let step: StepIn = crate::input::json::ids::object(
            deserializer,
            "a step object such as {\"action\": \"grant\", \"scopes\": \"read:items\"}",
        )?;
        step.into_step()
    }
}
