//! What the rendered article adds to the article's words, written once for both copies: the
//! settings its screenshots showed (the role's access levels, the agent's setup), where the API
//! application is, and what the customer decides where the article leaves a point open.
//!
//! The customers' copy ([`render::customer_article_markdown`](
//! crate::render::customer_article_markdown)) reads each addition as ordinary content where it
//! applies; the reviewers' copy ([`render::article_markdown`](crate::render::article_markdown))
//! shows the same words, marked "Not in the article". Everything is derived from the rules.

use alloc::string::String;
use core::fmt::{self, Display, Write};

use crate::model::{required_for, AccessLevel, AgentFlags, Flows, Item, Layer, OpenPoint};
use crate::presentation::render::{Audience, ADDED};

/// The flows of Section 1: Customers sync and the invoice exports.
pub(crate) const SECTION_1_FLOWS: Flows = Flows::CUSTOMERS_SYNC
    .union(Flows::INVOICE_EXPORT_MULTILINE)
    .union(Flows::INVOICE_EXPORT_CHARGES);

/// Writes one addition: `lead`, then `items` as a list. Customers read it as ordinary content
/// (an empty `lead` is left out: the article's line before says it); reviewers read it in a
/// block quote that opens with the marker. Ends with a blank line.
fn write<I: Display>(
    out: &mut String,
    audience: Audience,
    lead: &str,
    items: impl IntoIterator<Item = I>,
) -> fmt::Result {
    let quote = match audience {
        Audience::Customers if lead.is_empty() => "",
        Audience::Customers => {
            writeln!(out, "{lead}")?;
            ""
        }
        Audience::Reviewers => {
            writeln!(out, "> **{ADDED}:** {lead}")?;
            "> "
        }
    };
    let mut items = items.into_iter().peekable();
    if items.peek().is_some() && !(lead.is_empty() && quote.is_empty()) {
        writeln!(out, "{}", quote.trim_end())?;
    }
    for item in items {
        writeln!(out, "{quote}- {item}")?;
    }
    writeln!(out)
}

/// Section 1, step 1, after the permission groups: the role's access levels, which the
/// article's screenshots showed and Section 2 states.
pub(crate) fn write_role_levels(out: &mut String, audience: Audience) -> fmt::Result {
    let lead = alloc::format!(
        "On the same tab, the access levels for {} (from Section 2); every other area stays at \
         No Access:",
        SECTION_1_FLOWS.titles()
    );
    let levels = required_for(SECTION_1_FLOWS)
        .privileges()
        .levels()
        .filter(|&(_, level)| level != AccessLevel::NoAccess)
        .map(|(area, level)| Item::Access(area, level));
    write(out, audience, &lead, levels)
}

/// Section 1, step 2, after "Set up as below.": the agent's setup.
pub(crate) fn write_agent_setup(out: &mut String, audience: Audience) -> fmt::Result {
    let administrator = AgentFlags::ADMINISTRATOR.label().unwrap_or_default();
    write(
        out,
        audience,
        match audience {
            Audience::Customers => "",
            Audience::Reviewers => "the agent's setup, which the article showed in a screenshot:",
        },
        [
            String::from("Roles: the role of step 1"),
            alloc::format!("{administrator}: No"),
            String::from(
                "Its own access levels: none needed; it gets the role's (HaloPSA applies the \
                 highest level of the agent and all its roles)",
            ),
        ],
    )
}

/// Section 2, before the application level's list: where the scopes are ticked.
pub(crate) fn write_application(out: &mut String, audience: Audience) -> fmt::Result {
    let screen = Layer::Application.screen();
    let lead = alloc::format!(
        "In {}: {}, press \"New\" (or open Datagate's application), set Login Type to Agent and \
         log in as the agent of Section 1, step 2; on its {} tab, tick the scopes of your flows:",
        screen.product().name(),
        screen.path().join(" > "),
        screen.tab().unwrap_or("Permissions"),
    );
    write(out, audience, &lead, [""; 0])
}

/// Section 2, before the agent level's list: where the levels are set.
pub(crate) fn write_agent_level(out: &mut String, audience: Audience) -> fmt::Result {
    let lead = alloc::format!(
        "They are set in {}; HaloPSA applies the highest level of the agent and all its roles.",
        Layer::Agent.screen()
    );
    write(out, audience, &lead, [""; 0])
}

/// What the customer decides at `point`, as a sentence of the customers' copy: `Your choice:`
/// and the point's [`decision`](OpenPoint::decision).
pub(crate) fn write_decision(out: &mut String, point: &OpenPoint) -> fmt::Result {
    write!(out, "*Your choice:* {}", point.decision())
}
