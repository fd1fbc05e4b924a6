//! The rendered documentation: the checked-in article is what the renderer emits, and every fact
//! of the hand transcription of the article appears in it (and nothing else), under the right
//! flow and layer.

mod common;

use std::collections::BTreeSet;

use common::facts;
use halopsa_privileges::{render, required_for, Flow, Flows};

const CHECKED_IN: &str = include_str!("../docs/halopsa-privileges.md");
const CUSTOMERS: &str = include_str!("../docs/halopsa-privileges-customers.md");

#[test]
fn checked_in_docs_match_the_renderer() {
    same(
        &render::article_markdown(),
        CHECKED_IN,
        "docs/halopsa-privileges.md",
        "",
    );
    same(
        &render::customer_article_markdown(),
        CUSTOMERS,
        "docs/halopsa-privileges-customers.md",
        " -- --for customers",
    );
}

/// Fails with the first differing line and the command that regenerates `path`.
fn same(rendered: &str, checked_in: &str, path: &str, args: &str) {
    if rendered != checked_in {
        let line = rendered
            .lines()
            .zip(checked_in.lines())
            .position(|(a, b)| a != b)
            .map_or(
                rendered.lines().count().min(checked_in.lines().count()),
                |i| i,
            )
            + 1;
        panic!(
            "{path} differs from the renderer (first at line {line}); regenerate it with\n    \
             cargo run --example render-docs{args} > {path}"
        );
    }
}

/// The (flow, layer, fact) triples the rendered Markdown states, read back from its lists
/// under the two headings of Section 2.
fn rendered_facts(markdown: &str) -> BTreeSet<(String, String, String)> {
    let mut out = BTreeSet::new();
    let (mut layer, mut flow) = (None, None);
    for line in markdown.lines() {
        if let Some(heading) = line.strip_prefix('#') {
            layer = match heading.trim_start_matches('#').trim() {
                "Application Level Permissions" => Some("application"),
                "Agent Level Permissions" => Some("agent"),
                _ => None,
            };
        } else if let Some(title) = line
            .strip_prefix("- **")
            .and_then(|l| l.split_once(":**"))
            .map(|(title, _)| title)
        {
            flow = Some(title.to_owned());
        } else if let (Some(layer), Some(item)) = (layer, line.strip_prefix("    - ")) {
            let fact = item.trim_matches('`').to_owned();
            let flow = flow.clone().expect("an item before any flow");
            out.insert((flow, layer.to_owned(), fact));
        }
    }
    out
}

#[test]
fn every_article_fact_is_rendered_and_nothing_else() {
    for markdown in [render::article_markdown(), render::privileges_markdown()] {
        every_fact_once(&markdown);
    }
}

fn every_fact_once(markdown: &str) {
    let rendered = rendered_facts(markdown);
    let article: BTreeSet<(String, String, String)> = facts()
        .into_iter()
        .map(|f| (f.flow, f.layer, f.text))
        .collect();
    let missing: Vec<String> = article
        .difference(&rendered)
        .map(|(flow, layer, fact)| {
            format!("{flow}: the article's {layer} fact `{fact}` is not rendered")
        })
        .collect();
    let extra: Vec<String> = rendered
        .difference(&article)
        .map(|(flow, layer, fact)| {
            format!("{flow}: the {layer} fact `{fact}` is rendered but not in the article")
        })
        .collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{missing:#?}\n{extra:#?}"
    );
    assert_eq!(rendered.len(), 29);
}

#[test]
fn the_rendered_facts_are_the_requirements_of_each_flow() {
    let rendered = rendered_facts(&render::privileges_markdown());
    for flow in Flow::ALL {
        let listed = rendered.iter().filter(|(f, _, _)| f == flow.title()).fold(
            halopsa_privileges::Privileges::none(),
            |acc, (f, layer, text)| {
                let fact = common::Fact {
                    line: 0,
                    flow: f.clone(),
                    layer: layer.clone(),
                    text: text.clone(),
                };
                acc.join(&common::privilege_of(&fact))
            },
        );
        assert_eq!(&listed, required_for(flow).privileges(), "{flow}");
    }
}

#[test]
fn role_setup_is_exactly_the_least_privilege() {
    for bits in 0..32u8 {
        let flows = Flows::from_bits_truncate(bits);
        let setup = render::role_setup_markdown(flows);
        let needed = required_for(flows);
        for (scope, name) in halopsa_privileges::Scopes::all().scopes() {
            let ticked = setup.contains(&format!("- `{name}` (needed by"));
            assert_eq!(
                ticked,
                needed.privileges().scopes().contains(scope),
                "{flows}: {name}"
            );
        }
        for (area, level) in needed.privileges().levels() {
            let line = format!("{area} Access Level: **{level}**");
            assert_eq!(
                setup.contains(&line),
                level != halopsa_privileges::AccessLevel::NoAccess,
                "{flows}: {line}"
            );
        }
        for flag in halopsa_privileges::AgentFlags::all().flags() {
            let on = setup.contains(&format!("{} = Yes** (needed by", flag.label().unwrap()));
            assert_eq!(
                on,
                needed.privileges().flags().contains(flag),
                "{flows}: {flag}"
            );
            // A flag the article leaves open is said to be open, never "none required".
            let open = needed.open().flags().contains(flag) && !on;
            let line = format!(
                "- {} *(Not in the article: whether",
                flag.section().unwrap()
            );
            assert_eq!(setup.contains(&line), open, "{flows}: {line}");
        }
        for (area, level) in needed.open().levels() {
            let open = level > needed.privileges().level(area);
            let line = format!("- {area} Access Level: open, up to {level}");
            assert_eq!(setup.contains(&line), open, "{flows}: {line}");
        }
        // The article's order of steps: role, agent, application, test; what the article
        // leaves open comes after the last step.
        let at = |text: &str| {
            setup
                .find(text)
                .unwrap_or_else(|| panic!("{flows}: {text}"))
        };
        let steps = ["## 1. ", "## 2. ", "## 3. ", "## 4. Test the account"];
        let mut places: Vec<usize> = steps.iter().map(|step| at(step)).collect();
        let steps_end = setup.find("## Open questions").unwrap_or(setup.len());
        places.extend(setup[..steps_end].rfind("Test Account Access"));
        assert!(
            places.windows(2).all(|w| w[0] < w[1]),
            "{flows}: steps out of order"
        );
        if let Some(open) = setup.find("## Open questions") {
            assert!(
                open > places[4],
                "{flows}: open questions before the last step"
            );
        }
        // "Login Type" is said once, on the API application (step 3), never on the agent.
        assert_eq!(setup.matches("Login Type").count(), 1, "{flows}");
        assert!(
            at("Login Type") > places[2],
            "{flows}: Login Type before step 3"
        );
    }
}

/// Every example in the crate docs (and the README's Rust blocks) compiles as pasted from
/// docs.rs, where hidden lines are not shown: no hidden line but a `#[cfg(feature)]` wrapper,
/// and `?` only inside a visible `fn main` that returns a `Result`.
#[test]
fn every_doc_example_compiles_as_pasted() {
    fn walk(dir: &std::path::Path, files: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, files);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    walk(&root.join("src"), &mut files);
    // (file, example lines without their comment marks)
    let mut examples: Vec<(String, Vec<String>)> = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let mut current: Option<Vec<String>> = None;
        for line in text.lines() {
            let trimmed = line.trim_start();
            let Some(doc) = trimmed
                .strip_prefix("///")
                .or_else(|| trimmed.strip_prefix("//!"))
            else {
                continue;
            };
            let doc = doc.strip_prefix(' ').unwrap_or(doc);
            if let Some(info) = doc.strip_prefix("```") {
                match current.take() {
                    Some(lines) => examples.push((file.display().to_string(), lines)),
                    None if info.is_empty() || info.starts_with("rust") => {
                        current = Some(Vec::new())
                    }
                    // A block of another language (text, json, sh): skipped to its end.
                    None => current = Some(vec!["\u{0}skip".into()]),
                }
            } else if let Some(lines) = current.as_mut() {
                lines.push(doc.to_string());
            }
        }
    }
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    for block in readme.split("```rust\n").skip(1) {
        let lines = block
            .split("\n```")
            .next()
            .unwrap()
            .lines()
            .map(String::from);
        examples.push(("README.md".into(), lines.collect()));
    }
    let mut checked = 0;
    let mut bad = Vec::new();
    for (file, lines) in &examples {
        if lines.first().is_some_and(|l| l == "\u{0}skip") {
            continue;
        }
        checked += 1;
        let visible: Vec<&String> = lines.iter().filter(|l| !l.starts_with("# ")).collect();
        for hidden in lines.iter().filter(|l| l.starts_with("# ")) {
            let wrapper = hidden.trim_start_matches('#').trim();
            if !(wrapper.starts_with("#[cfg(") || wrapper == "}") {
                bad.push(format!("{file}: hidden line `{hidden}`"));
            }
        }
        let has_main = visible.iter().any(|l| l.contains("fn main() -> Result<"));
        let uses_try = visible
            .iter()
            .any(|l| !l.trim_start().starts_with("//") && l.contains(")?"));
        if uses_try && !has_main {
            bad.push(format!(
                "{file}: `?` outside a visible `fn main`: {:?}",
                lines.first()
            ));
        }
    }
    assert!(checked > 80, "only {checked} examples found");
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}
