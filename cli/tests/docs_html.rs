//! The article as HTML for the help centre (`halopsa-privileges render --html`) holds the same
//! facts as the Markdown: every line of the published article that the Markdown holds, and
//! every fact of Section 2.

use halopsa_privileges_cli::render::html;

#[path = "../../tests/common/mod.rs"]
mod common;

use halopsa_privileges::render;

const ARTICLE: &str = include_str!("../../tests/data/article.txt");

/// The text of an HTML page: tags dropped, entities decoded, whitespace collapsed.
fn text_of(page: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in page.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_html_holds_the_articles_lines_and_facts() {
    let markdown = render::article_markdown();
    let page = html::page("HaloPSA Privileges", &markdown);
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(!page.contains("<script"), "the page runs nothing");
    let text = text_of(&page);
    let mut checked = 0;
    for line in ARTICLE.lines() {
        let line = line.trim().trim_start_matches("- ");
        if line.len() > 3 && markdown.contains(line) {
            // The siren is drawn as a red "!" mark (legible without an emoji font).
            let shown = line.replace('\u{1F6A8}', "!");
            assert!(text.contains(&shown), "`{shown}` is not in the HTML");
            checked += 1;
        }
    }
    assert!(checked > 40, "only {checked} lines checked");
    for fact in common::facts() {
        assert!(text.contains(&fact.text), "{}: `{}`", fact.flow, fact.text);
    }
    // The marking survives too.
    assert!(text.contains("Not in the article"));
    assert!(text.contains("Open questions"));
}

/// Both copies: every link of the table of contents lands on a heading, and the two 🚨 notes
/// are drawn in CSS with the emoji as their accessible name.
#[test]
fn both_copies_link_their_contents_and_draw_the_sirens() {
    for markdown in [
        render::article_markdown(),
        render::customer_article_markdown(),
    ] {
        let page = html::page("HaloPSA Privileges", &markdown);
        let targets: Vec<&str> = page
            .split("href=\"#")
            .skip(1)
            .map(|rest| rest.split('"').next().unwrap())
            .collect();
        assert_eq!(targets.len(), 2, "the two parts of the table of contents");
        for target in targets {
            assert!(
                page.contains(&format!("id=\"{target}\"")),
                "#{target} lands nowhere"
            );
        }
        assert_eq!(page.matches("class=\"alert\"").count(), 2);
        assert_eq!(page.matches("aria-label=\"\u{1F6A8}\"").count(), 2);
        assert!(
            !text_of(&page).contains('\u{1F6A8}'),
            "no emoji left as text"
        );
        assert!(!page.contains("<script"));
    }
}
