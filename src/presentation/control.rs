//! [`Control`]: what a [`Step`] sets on its screen (kind, label and value), as data.

use core::fmt;

use crate::model::{AccessLevel, AgentFlags, Area, Scopes, Step};

/// The kind of control a step sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ControlKind {
    /// A checkbox per scope.
    Checkbox,
    /// An access level dropdown.
    Dropdown,
    /// A Yes/No setting.
    YesNo,
    /// A button to press.
    Button,
    /// A list to add to or remove from.
    List,
}

impl ControlKind {
    /// The kebab-case id, as written in JSON.
    pub const fn id(self) -> &'static str {
        match self {
            ControlKind::Checkbox => "checkbox",
            ControlKind::Dropdown => "dropdown",
            ControlKind::YesNo => "yes-no",
            ControlKind::Button => "button",
            ControlKind::List => "list",
        }
    }
}

/// The control a step sets: its kind, its label as HaloPSA (or Datagate) shows it, and the
/// value to set.
///
/// ```
/// use halopsa_privileges::{AccessLevel, Area, ControlKind, Flows, Step};
///
/// let step = Step::RaiseAccess {
///     area: Area::Invoices,
///     from: AccessLevel::Read.into(),
///     to: AccessLevel::ReadCreateModifyDelete,
///     unblocks: Flows::INVOICE_EXPORT_CHARGES,
/// };
/// let control = step.control();
/// assert_eq!(control.kind(), ControlKind::Dropdown);
/// assert_eq!(control.label().to_string(), "Invoices Access Level");
/// assert_eq!(control.value().to_string(), "Read, Create, Modify and Delete");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Control {
    kind: ControlKind,
    label: Label,
    value: Value,
}

/// The label of a [`Control`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Label {
    /// The checkboxes of these scopes, each labelled with its scope name.
    Scopes(Scopes),
    /// `{Area} Access Level`.
    Access(Area),
    /// A Yes/No setting's label, such as `Allow use of all Asset Types`.
    Flag(AgentFlags),
    /// Datagate's `Test Account Access` button.
    TestAccountAccess,
    /// HaloPSA's `New` button on the roles list.
    New,
    /// A role's `Agents that have this Role` list (the article's wording).
    AgentsWithRole,
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Label::Scopes(scopes) => write!(f, "{scopes}"),
            Label::Access(area) => write!(f, "{area} Access Level"),
            Label::Flag(flag) => match flag.label() {
                Some(label) => f.write_str(label),
                None => write!(f, "agent flags `{flag}`"),
            },
            Label::TestAccountAccess => f.write_str("Test Account Access"),
            Label::New => f.write_str("New"),
            Label::AgentsWithRole => f.write_str("Agents that have this Role"),
        }
    }
}

/// The value a [`Control`] is set to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Value {
    /// Ticked (true) or unticked.
    Ticked(bool),
    /// This level: one HaloPSA's dropdown offers.
    Level(AccessLevel),
    /// Yes (true) or No.
    Yes(bool),
    /// Pressed.
    Press,
    /// Without the Datagate agent.
    WithoutAgent,
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Value::Ticked(true) => f.write_str("ticked"),
            Value::Ticked(false) => f.write_str("unticked"),
            Value::Level(level) => write!(f, "{level}"),
            Value::Yes(true) => f.write_str("Yes"),
            Value::Yes(false) => f.write_str("No"),
            Value::Press => f.write_str("press"),
            Value::WithoutAgent => f.write_str("without the Datagate agent"),
        }
    }
}

impl Control {
    /// The kind of control.
    pub const fn kind(&self) -> ControlKind {
        self.kind
    }

    /// Its label as the product shows it.
    pub const fn label(&self) -> Label {
        self.label
    }

    /// The value to set (or, for a check, to find).
    pub const fn value(&self) -> Value {
        self.value
    }
}

impl Step {
    /// The control the step sets, and to what.
    pub const fn control(&self) -> Control {
        let (kind, label, value) = match *self {
            Step::GrantScopes { scopes, .. } => (
                ControlKind::Checkbox,
                Label::Scopes(scopes),
                Value::Ticked(true),
            ),
            Step::RevokeScopes { scopes } => (
                ControlKind::Checkbox,
                Label::Scopes(scopes),
                Value::Ticked(false),
            ),
            Step::CheckScopes { scopes, .. } => (
                ControlKind::Checkbox,
                Label::Scopes(scopes),
                Value::Ticked(true),
            ),
            Step::RaiseAccess { area, to, .. } | Step::LowerAccess { area, to, .. } => {
                (ControlKind::Dropdown, Label::Access(area), Value::Level(to))
            }
            // A value HaloPSA offers: the level to choose if the check finds it lower (the
            // step's text says what is known).
            Step::CheckAccess { area, at_least, .. } => (
                ControlKind::Dropdown,
                Label::Access(area),
                Value::Level(at_least),
            ),
            Step::EnableFlag { flag, .. } | Step::CheckFlag { flag, .. } => {
                (ControlKind::YesNo, Label::Flag(flag), Value::Yes(true))
            }
            Step::DisableFlag { flag } => {
                (ControlKind::YesNo, Label::Flag(flag), Value::Yes(false))
            }
            Step::TestAccountAccess => {
                (ControlKind::Button, Label::TestAccountAccess, Value::Press)
            }
            Step::CreateRole => (ControlKind::Button, Label::New, Value::Press),
            Step::RemoveRole => (
                ControlKind::List,
                Label::AgentsWithRole,
                Value::WithoutAgent,
            ),
        };
        Control { kind, label, value }
    }
}
