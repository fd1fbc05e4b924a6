//! The JSON of where steps are done: `screen` and `control` on every step, and a [`Plan`]'s
//! steps with the `sources` to change.
//!
//! ```json
//! { "action": "lower", "layer": "agent", "area": "quotations", "from": "read", "to": "no-access",
//!   "unblocks": [],
//!   "screen": { "product": "halopsa", "path": ["Configuration", "Teams and Agents", "Roles"],
//!               "record": { "kind": "role", "name": "Finance" }, "tab": "Permissions" },
//!   "control": { "kind": "dropdown", "label": "Quotations Access Level", "value": "No Access" },
//!   "sources": ["Finance"],
//!   "text": "Lower Quotations Access Level from \"Read\" to \"No Access\" ..." }
//! ```

use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;

use super::report::report_fields;
use super::step::step_fields;
use crate::model::Step;
use crate::presentation::{Control, Plan, PlannedStep, Record, Screen};

/// A screen: product, path segments, record and tab.
struct ScreenOut<'a>(Screen<'a>);

impl Serialize for ScreenOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let screen = self.0;
        let mut out = serializer.serialize_struct("Screen", 4)?;
        out.serialize_field("product", screen.product().id())?;
        out.serialize_field("path", screen.path())?;
        out.serialize_field("record", &RecordOut(screen.record()))?;
        out.serialize_field("tab", &screen.tab())?;
        out.end()
    }
}

/// A record: its kind, and its name when known.
struct RecordOut<'a>(Record<'a>);

impl Serialize for RecordOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("Record", 2)?;
        out.serialize_field("kind", self.0.id())?;
        match self.0.name() {
            Some(name) => out.serialize_field("name", name)?,
            None => out.skip_field("name")?,
        }
        out.end()
    }
}

/// A control: kind, label and value, as text.
struct ControlOut(Control);

impl Serialize for ControlOut {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let control = self.0;
        let mut out = serializer.serialize_struct("Control", 3)?;
        out.serialize_field("kind", control.kind().id())?;
        out.serialize_field("label", &Text(control.label()))?;
        out.serialize_field("value", &Text(control.value()))?;
        out.end()
    }
}

/// A `Display` value written as a JSON string, without allocating.
pub(crate) struct Text<T>(pub(crate) T);

impl<T: core::fmt::Display> Serialize for Text<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

/// The fields that say where a step is done and what it sets: `screen` (the first of
/// `screens`) and `control`.
pub(crate) fn place_fields<S: SerializeStruct>(
    out: &mut S,
    step: &Step,
    screens: &[Screen<'_>],
) -> Result<(), S::Error> {
    let first = screens.first().copied().unwrap_or(step.screen());
    out.serialize_field("screen", &ScreenOut(first))?;
    out.serialize_field("control", &ControlOut(step.control()))?;
    Ok(())
}

/// The most screens a step's JSON writes in `screens`; `more_screens` counts the rest, and
/// `sources` names every one.
const SCREENS_WRITTEN: usize = 20;

impl Serialize for PlannedStep<'_> {
    /// The step's fields, `screen` (the first) and `control`, then `screens` (one per agent or
    /// role to change, the first 20; `more_screens` counts the rest), `sources` (`agent` or the
    /// role's name, every one) and `text`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("Step", 14)?;
        step_fields(&mut out, self.step())?;
        place_fields(&mut out, self.step(), self.screens())?;
        // Every source by name; its screen for the first few (the rest are counted: each is
        // the screen of its source, so a long list would only repeat names).
        let screens: alloc::vec::Vec<ScreenOut<'_>> = self
            .screens()
            .iter()
            .take(SCREENS_WRITTEN)
            .map(|s| ScreenOut(*s))
            .collect();
        out.serialize_field("screens", &screens)?;
        match self.screens().len().saturating_sub(SCREENS_WRITTEN) {
            0 => out.skip_field("more_screens")?,
            more => out.serialize_field("more_screens", &more)?,
        }
        out.serialize_field("sources", &self.sources())?;
        match self.moved_from() {
            Some(role) => out.serialize_field("moved_from", role)?,
            None => out.skip_field("moved_from")?,
        }
        match self.fix() {
            Some(fix) => out.serialize_field("if_fails", &fix)?,
            None => out.skip_field("if_fails")?,
        }
        out.serialize_field("text", &Text(self))?;
        out.end()
    }
}

impl Serialize for Plan<'_> {
    /// The report's JSON, with each step of `remediation` placed on its sources, and
    /// `depends_on_shared_roles` (see [`Plan::dependences`]) when there are any.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let steps: alloc::vec::Vec<PlannedStep<'_>> = self.steps().collect();
        let not_modeled = self.file().map_or(&[][..], |file| file.not_modeled());
        // At most one role per needed item (two roles giving it are no dependence): bounded.
        let depends = self.dependences();
        report_fields(self.report(), &steps, not_modeled, &depends, serializer)
    }
}
