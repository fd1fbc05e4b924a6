//! Presentation: steps' screens and controls, the checklist, the plan, the text report, the
//! rendered documents, the answers' JSON and the backend's decision. Built on
//! [`model`](crate::model) and [`input`](crate::input).

pub(crate) mod additions;
pub(crate) mod article;
pub(crate) mod checklist;
pub(crate) mod control;
#[cfg(feature = "serde")]
pub(crate) mod decision;
pub(crate) mod dependence;
pub(crate) mod guide;
#[cfg(feature = "serde")]
pub(crate) mod output;
pub(crate) mod placement;
pub(crate) mod plan;
pub mod render;
pub(crate) mod report_text;
pub(crate) mod screen;
pub(crate) mod screen_groups;
pub(crate) mod step_text;

pub use control::{Control, ControlKind, Label, Value};
#[cfg(feature = "serde")]
pub use decision::{Decision, HaloAnswers};
pub use dependence::Dependence;
pub use plan::{Plan, PlannedStep, PlannedSteps};
pub use screen::{Location, Product, Record, Screen};
pub use step_text::StepText;
