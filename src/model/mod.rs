//! The model: the rules table with its open points and assumptions, the lattice types
//! (scopes, levels, flags, privileges, bounds), requirements, evaluate and the report with its
//! findings and steps. Small, `const` and allocation-free on the evaluate path; it uses nothing
//! of [`input`](crate::input) or [`presentation`](crate::presentation).

pub(crate) mod area;
pub(crate) mod assumption;
pub(crate) mod bounds;
pub(crate) mod evaluate;
pub(crate) mod finding;
pub(crate) mod findings;
pub(crate) mod flags;
pub(crate) mod flow;
pub(crate) mod flows;
pub(crate) mod grant;
pub(crate) mod item;
pub(crate) mod known;
pub(crate) mod level;
pub(crate) mod open;
pub(crate) mod privileges;
pub(crate) mod remediation;
pub(crate) mod report;
pub(crate) mod requirements;
pub(crate) mod rules;
pub(crate) mod scopes;
pub(crate) mod step;
pub(crate) mod verdict;
pub(crate) mod words;

pub use area::Area;
pub use assumption::Assumption;
pub use bounds::LevelBounds;
pub use finding::Finding;
pub use findings::Findings;
pub use flags::AgentFlags;
pub use flow::Flow;
pub use flows::{Flows, Titles};
pub use grant::Grant;
pub use item::Item;
pub use known::Known;
pub use level::AccessLevel;
pub use open::OpenPoint;
pub use privileges::Privileges;
pub use remediation::Remediation;
pub use report::Report;
pub use requirements::{required_for, Requirements};
pub use rules::RULES_REVISION;
pub use scopes::Scopes;
pub use step::{Action, Layer, Step, DATAGATE_ROLE};
pub use verdict::Verdict;
