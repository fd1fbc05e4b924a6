//! The rendered article as one HTML page for the help centre, through `pulldown-cmark`.

use pulldown_cmark::{html, Options, Parser};

/// The page's style: inline, so the page needs nothing else.
const STYLE: &str = r#"
body { font: 16px/1.55 system-ui, sans-serif; color: #1d2430; margin: 2rem auto; max-width: 52rem; padding: 0 1rem; }
h1 { font-size: 1.8rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #d9dee7; } h3 { margin-top: 1.6rem; }
code { background: #f3f5f9; padding: 0 .25rem; border-radius: 3px; }
blockquote { margin: 1rem 0; padding: .5rem .9rem; background: #f4f8ff; border-left: 4px solid #7aa7e0; color: #33415c; }
em { color: #5a6478; }
"#;

/// `markdown` as a complete, self-contained HTML page titled `title`.
pub fn page(title: &str, markdown: &str) -> String {
    let mut body = String::new();
    html::push_html(&mut body, Parser::new_ext(markdown, Options::empty()));
    let mut escaped_title = String::new();
    pulldown_cmark_escape_title(title, &mut escaped_title);
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{escaped_title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )
}

/// Escapes a title for HTML text (our own title, but escaped all the same).
fn pulldown_cmark_escape_title(title: &str, out: &mut String) {
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
