//! The audit example's HTML page: self-contained, and people's text (role names, notes) comes
//! out as text, never as markup.

use halopsa_privileges_cli::audit::html;

use halopsa_privileges::{
    AccessLevel, AgentFlags, Area, Flows, GrantFile, HaloAnswers, Known, Privileges, Scopes, Source,
};

const SCRIPT: &str = "<script>alert(1)</script>";

fn page() -> String {
    let agent = Source::agent(
        Privileges::none().with_level(Area::Clients, AccessLevel::Read),
        Known::AGENT,
    )
    .named("Datagate <API> & \"co\"");
    let role = Source::role(
        SCRIPT,
        Privileges::none()
            .with_level(Area::Quotations, AccessLevel::Read)
            .with_flags(AgentFlags::ADMINISTRATOR),
        Known::AGENT,
    );
    let file = GrantFile::from_sources(Some(Scopes::READ_CUSTOMERS), vec![agent, role])
        .with_notes("<img src=x onerror=alert(2)>");
    let decision = HaloAnswers::new()
        .with_grant_file(file)
        .decide(Flows::all())
        .unwrap();
    html::page(&decision)
}

#[test]
fn names_and_notes_from_files_come_out_as_text() {
    let page = page();
    assert!(!page.contains(SCRIPT), "{page}");
    assert!(!page.contains("<img"), "{page}");
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{page}"
    );
    assert!(
        page.contains("&lt;img src=x onerror=alert(2)&gt;"),
        "{page}"
    );
    assert!(page.contains("Datagate &lt;API&gt; &amp;"), "{page}");
    // The only script-like element is none at all, and the page needs nothing from elsewhere.
    assert!(!page.contains("<script"), "{page}");
    for outside in ["http://", "https://", "src=\"", "href=\""] {
        assert!(!page.contains(outside), "{outside} in {page}");
    }
}

#[test]
fn the_page_shows_verdicts_findings_and_steps_by_screen() {
    let page = page();
    assert!(page.starts_with("<!DOCTYPE html>"));
    for flow in halopsa_privileges::Flow::ALL {
        assert!(page.contains(flow.title()), "{}", flow.title());
    }
    assert!(page.contains("class=\"crumbs\""));
    assert!(page.contains("Quotations Access Level"));
    assert!(page.contains("Test Account Access"));
    // The role's excess is lowered on that role's screen, named in the breadcrumb.
    assert!(page.contains("role &quot;&lt;script&gt;"), "{page}");
}
