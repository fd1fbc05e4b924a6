//! The article as HTML for the help centre (the render-docs example's `--html`) holds the same
//! facts as the Markdown: every line of the published article that the Markdown holds, and
//! every fact of Section 2.

#[path = "../examples/render-docs/html.rs"]
mod html;

mod common;

use halopsa_privileges::render;

const ARTICLE: &str = include_str!("data/article.txt");

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
            assert!(text.contains(line), "`{line}` is not in the HTML");
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
