//! The support article's own words outside the rules: its title, date, introduction, Section
//! 1's steps and permission groups with their verdicts, and every deliberate difference between
//! the article and what the crate renders, with the reason.
//!
//! Privilege facts are not here: they are in the rules table (`src/model/rules.rs`). This file holds
//! the prose the rendered article reproduces word for word.

use crate::model::{AgentFlags, Area};

/// The article's title (from its page; the text starts with the date line).
pub(crate) const TITLE: &str = "HaloPSA Privileges";

/// The article's first lines: the date line and the introduction.
pub(crate) const INTRO: [&str; 3] = [
    "Datagate Support | June 8, 2023",
    "Read this document for an overview of how to set up an Agent with minimal HaloPSA \
     Privileges for the Datagate integration.",
    "If you have any questions, don\u{2019}t hesitate to contact the Services Team.",
];

/// The table of contents: its heading and entries.
pub(crate) const CONTENTS: (&str, [&str; 2]) = (
    "Table of Contents",
    [
        "Part 1 - If you are synchronizing Customers and exporting invoices only",
        "Part 2 - All privileges documented",
    ],
);

/// Section 1's heading.
pub(crate) const SECTION_1: &str =
    "Section 1: If you are synchronizing Customers and exporting invoices only";

/// Section 1's two notes.
pub(crate) const SECTION_1_NOTES: [&str; 2] = [
    "\u{1F6A8} Note - Please see Section 2 if you are importing Recurring invoices from HaloPSA \
     (Product sync)",
    "\u{1F6A8} Important Note - If you are changing privileges, navigate to Settings/ \
     Integrations/ HaloPSA and press \"Test Account Access\". This will refresh the token and \
     pick up your HaloPSA privilege changes.",
];

/// Section 1, step 1: its heading, its instructions, and its list items.
pub(crate) const CREATE_ROLE: (&str, &str, [&str; 2], &str) = (
    "1. Create a Role in HaloPSA",
    "From Halo, Configuration, Teams and Agents, Roles. Add a new Role by clicking \"New\"",
    [
        "Role Name: You can choose, we recommend \"Datagate API Role\"",
        "Agents that have this Role: Leave blank for now",
    ],
    "Go to Permissions tab, configure as below:",
);

/// What decides a permission group's setting in the crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Decides {
    /// An area's access level.
    Area(Area),
    /// An agent flag.
    Flag(AgentFlags),
    /// Nothing the crate models.
    Nothing,
}

/// Section 1's permission groups, in the article's order: the group's name, the article's
/// verdict (`None` where the article gives none), and what decides it in the crate.
pub(crate) const GROUPS: [(&str, Option<&str>, Decides); 11] = [
    (
        "Tickets Permissions",
        Some("none required"),
        Decides::Area(Area::Tickets),
    ),
    (
        "Calendars and Appointments Permissions",
        Some("none required"),
        Decides::Area(Area::CalendarsAndAppointments),
    ),
    (
        "Ticket Type Restrictions",
        Some("none required"),
        Decides::Flag(AgentFlags::ALL_TICKET_TYPES),
    ),
    // The one line without a verdict: an open point (see `OpenPoint::ALL`).
    (
        "Client Restrictions",
        None,
        Decides::Flag(AgentFlags::ALL_CLIENTS),
    ),
    (
        "Asset Type Restrictions",
        Some("not used in Datagate"),
        Decides::Flag(AgentFlags::ALL_ASSET_TYPES),
    ),
    (
        "Asset Field Restrictions",
        Some("not used in Datagate"),
        Decides::Flag(AgentFlags::ALL_ASSET_FIELDS),
    ),
    (
        "User Custom field restrictions",
        Some("not used in Datagate"),
        Decides::Nothing,
    ),
    (
        "Appointment Type restrictions",
        Some("not used in Datagate"),
        Decides::Nothing,
    ),
    (
        "Approval Process Permissions",
        Some("not used in Datagate"),
        Decides::Nothing,
    ),
    ("Configuration", Some("none required"), Decides::Nothing),
    (
        "Miscellaneous Permissions",
        Some("none required"),
        Decides::Nothing,
    ),
];

/// Section 1, step 2: its heading and its lines.
pub(crate) const CREATE_AGENT: (&str, [&str; 4]) = (
    "2. Create an Agent in HaloPSA",
    [
        "Configuration, Teams and Agents, Agents",
        "To create a new Agent for Datagate, press \"New\"",
        "Set up as below.",
        "Permissions can be inherited from the Role. If the Test fails, please add these \
         permissions as shown.",
    ],
);

/// Section 2's heading and first line.
pub(crate) const SECTION_2: (&str, &str) = (
    "Section 2: All Privileges Documented",
    "To access HaloPSA, the privileges must be configured at both Application and Agent levels.",
);

/// Section 2's two parts: heading and the sentence that opens it.
pub(crate) const APPLICATION_LEVEL: (&str, &str) = (
    "Application Level Permissions",
    "The following permissions on the Application level is required in HaloPSA to perform the \
     integration flows:",
);

/// See [`APPLICATION_LEVEL`].
pub(crate) const AGENT_LEVEL: (&str, &str) = (
    "Agent Level Permissions",
    "The following permissions on the User (Agent) level is required in HaloPSA to perform the \
     integration flows:",
);

/// A deliberate difference between the article's text and what the crate renders.
///
/// The line-by-line fidelity test (`tests/article_fidelity.rs`) reads the published article and
/// fails on any line that the rendered article does not hold, unless it is covered here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Difference {
    /// The article runs a flow's scopes together (`read:customersread:items`); the crate lists
    /// them one per line. Each such article line equals the rendered scopes of that flow, joined.
    SplitScopes,
    /// The article's line `article` is rendered as `rendered`.
    Reworded {
        /// The line as the article has it.
        article: &'static str,
        /// The line as the crate renders it.
        rendered: &'static str,
    },
    /// The article's web page shows `line`, which is not part of the article (comments, list
    /// markers).
    PageChrome(&'static str),
    /// The rendered heading `heading` is the help-centre page's title, shown above the article's
    /// text rather than in it.
    Title(&'static str),
}

/// Every deliberate difference, with the reason for it.
pub const DIFFERENCES: [(Difference, &str); 7] = [
    (
        Difference::SplitScopes,
        "Each scope is a checkbox of its own in HaloPSA; run together they cannot be read or \
         copied.",
    ),
    (
        Difference::Reworded {
            article: "Products / Service Items sync:",
            rendered: "Products sync:",
        },
        "The agent section heads this block with both flows, then lists Service Items (Assets) \
         sync again on its own; the crate reads the block as Products sync only, because Section \
         2 gives Service Items sync no read:items or read:invoices scope, which Items and \
         Invoices levels would serve. What this leaves open is listed under Open questions.",
    ),
    (
        Difference::Title("HaloPSA Privileges"),
        "The help-centre page shows the article's title above its text; a rendered document \
         needs it as its heading.",
    ),
    (
        Difference::PageChrome("-"),
        "The list marker before each flow on the article's page.",
    ),
    (
        Difference::PageChrome("Comments"),
        "The comments section of the help-centre page.",
    ),
    (
        Difference::PageChrome("0 comments"),
        "The comments section of the help-centre page.",
    ),
    (
        Difference::PageChrome("Article is closed for comments."),
        "The comments section of the help-centre page.",
    ),
];
