//! The notes that end the customers' copy of the article ([`render::customer_article_markdown`](
//! crate::render::customer_article_markdown)): what the crate adds to the article, in one place
//! and plain words, derived from the rules like everything else.

use alloc::string::String;
use core::fmt::{self, Write};

use crate::model::{AgentFlags, Layer, OpenPoint};
use crate::presentation::render::{write_section_1_levels, SECTION_1_FLOWS};

/// `## Notes`: the role's access levels (shown in the article's screenshots, not its text), the
/// agent, the API application, and each point the article leaves open.
pub(crate) fn write_notes(out: &mut String) -> fmt::Result {
    writeln!(out, "\n## Notes\n")?;
    writeln!(
        out,
        "These notes add what the screenshots of the original page showed, and the points this \
         article does not settle.\n"
    )?;
    write!(
        out,
        "1. **The role's access levels (Section 1, step 1).** For {}:",
        SECTION_1_FLOWS.titles()
    )?;
    write_section_1_levels(out)?;
    writeln!(out)?;
    writeln!(
        out,
        "2. **The agent (Section 1, step 2).** Give the agent the role of step 1, and leave \
         \"{}\" at No. HaloPSA applies the highest level of the agent and all its roles.",
        AgentFlags::ADMINISTRATOR.label().unwrap_or_default()
    )?;
    let screen = Layer::Application.screen();
    writeln!(
        out,
        "3. **The API application.** In {}: {}, press \"New\", set Login Type to Agent and log \
         in as the agent of step 2; on its {} tab, tick the scopes of Section 2 for your flows.",
        screen.product().name(),
        screen.path().join(" > "),
        screen.tab().unwrap_or("Permissions"),
    )?;
    // Read in the article itself, "the article" is "this article".
    for (number, point) in (4..).zip(OpenPoint::ALL) {
        let question = point.question().replace("the article", "this article");
        writeln!(out, "{number}. **{}.** {question}", point.title())?;
    }
    Ok(())
}
