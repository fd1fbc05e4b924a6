//! The rendered article as one HTML page for the help centre, through `pulldown-cmark`: every
//! heading gets the id the table of contents links to, and the article's 🚨 notes get a red
//! mark drawn in CSS, legible where no emoji font is installed.

use halopsa_privileges::render::heading_id;
use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag, TagEnd};

/// The page's style: inline, so the page needs nothing else.
const STYLE: &str = r#"
body { font: 16px/1.55 system-ui, sans-serif; color: #1d2430; margin: 2rem auto; max-width: 52rem; padding: 0 1rem; }
h1 { font-size: 1.8rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #d9dee7; } h3 { margin-top: 1.6rem; }
code { background: #f3f5f9; padding: 0 .25rem; border-radius: 3px; }
blockquote { margin: 1rem 0; padding: .5rem .9rem; background: #f4f8ff; border-left: 4px solid #7aa7e0; color: #33415c; }
em { color: #5a6478; }
a { color: #0b5cad; }
.alert { display: inline-block; width: 1.25em; height: 1.25em; line-height: 1.25em; border-radius: 50%; background: #c62828; color: #fff; font-weight: 700; text-align: center; font-size: .9em; margin-right: .35em; }
"#;

/// The siren the article puts before its two notes.
const SIREN: char = '\u{1F6A8}';

/// `markdown` as a complete, self-contained HTML page titled `title`.
pub fn page(title: &str, markdown: &str) -> String {
    let events: Vec<Event<'_>> = Parser::new_ext(markdown, Options::empty()).collect();
    let events = with_heading_ids(events);
    let events = events.into_iter().flat_map(siren_marked);
    let mut body = String::new();
    html::push_html(&mut body, events);
    let mut escaped_title = String::new();
    escape_title(title, &mut escaped_title);
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{escaped_title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )
}

/// Every heading with the id [`heading_id`] gives its text (what the contents link to).
fn with_heading_ids(mut events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    for i in 0..events.len() {
        if let Event::Start(Tag::Heading { .. }) = &events[i] {
            let text: String = events[i + 1..]
                .iter()
                .take_while(|e| !matches!(e, Event::End(TagEnd::Heading(_))))
                .filter_map(|e| match e {
                    Event::Text(text) | Event::Code(text) => Some(text.as_ref()),
                    _ => None,
                })
                .collect();
            if let Event::Start(Tag::Heading { id, .. }) = &mut events[i] {
                *id = Some(CowStr::from(heading_id(&text)));
            }
        }
    }
    events
}

/// A text with the siren: the siren drawn as a red mark (with the emoji as its accessible
/// name), the rest as text.
fn siren_marked(event: Event<'_>) -> Vec<Event<'_>> {
    match event {
        Event::Text(text) if text.contains(SIREN) => {
            let mut out = Vec::new();
            for (i, part) in text.split(SIREN).enumerate() {
                if i > 0 {
                    out.push(Event::InlineHtml(CowStr::from(
                        "<span class=\"alert\" role=\"img\" aria-label=\"\u{1F6A8}\">!</span>",
                    )));
                }
                if !part.is_empty() {
                    out.push(Event::Text(CowStr::from(part.trim_start().to_string())));
                }
            }
            out
        }
        other => vec![other],
    }
}

/// Escapes a title for HTML text (our own title, but escaped all the same).
fn escape_title(title: &str, out: &mut String) {
    for c in title.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}
