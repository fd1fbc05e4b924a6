//! The three layers of DESIGN.md section 6 are folders under `src/`, and each uses only the
//! layers before it: core uses neither input nor presentation; input does not use presentation.
//! (`src/common/` sits beneath them all.)

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

/// The Rust files of one layer folder (recursively), as (path, text).
fn files(layer: &str) -> Vec<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<(String, String)>) {
        let mut entries: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push((
                    path.display().to_string(),
                    fs::read_to_string(&path).unwrap(),
                ));
            }
        }
    }
    let mut out = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src")
            .join(layer),
        &mut out,
    );
    assert!(!out.is_empty(), "no files under src/{layer}");
    out
}

fn root() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The code of a file without its comments (line comments, doc comments).
fn code(text: &str) -> String {
    text.lines()
        .map(|line| match line.find("//") {
            Some(at) => &line[..at],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The module names (file stems) and the public type and function names a layer defines.
fn names(layer: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for (path, text) in files(layer) {
        // Module names: the layer's own files and folders (`crate::report`, `crate::json`).
        let relative = Path::new(&path)
            .strip_prefix(root().join(layer))
            .unwrap()
            .to_path_buf();
        let first = relative
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let module = first.trim_end_matches(".rs").to_owned();
        names.insert(format!("crate::{module}"));
        for line in code(&text).lines() {
            let words: Vec<&str> = line.split_whitespace().collect();
            for pair in words.windows(2) {
                // Public types only (`pub struct`, not `pub(crate) struct`: helpers of the same
                // name may live in several layers).
                if ["struct", "enum", "trait"].contains(&pair[0])
                    && line.trim_start().starts_with("pub ")
                {
                    let name: String = pair[1]
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    names.insert(name);
                }
            }
        }
    }
    names
}

fn uses(text: &str, name: &str) -> bool {
    let code = code(text);
    code.match_indices(name).any(|(at, _)| {
        let before = code[..at].chars().next_back();
        let after = code[at + name.len()..].chars().next();
        let boundary = |c: Option<char>| !c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        // `Iterator<Item = X>` and `type Item = X;` name an associated type, not ours.
        let rest = code[at + name.len()..].trim_start();
        let binding = rest.starts_with('=') && !rest.starts_with("==");
        // `Self::Value`, `serde_json::Value`: someone else's item of that name.
        let foreign = code[..at].ends_with("::") && !code[..at].ends_with("crate::");
        let associated = code[..at].ends_with("type ") || foreign;
        boundary(before) && boundary(after) && !binding && !associated
    })
}

fn assert_layer_does_not_use(layer: &str, later: &[&str]) {
    for other in later {
        let names = names(other);
        assert!(
            names.len() > 2,
            "src/{other} defines too little to check: {names:?}"
        );
        let mut found = Vec::new();
        for (path, text) in files(layer) {
            for name in &names {
                if uses(&text, name) {
                    found.push(format!("{path} uses `{name}` from src/{other}"));
                }
            }
        }
        assert!(found.is_empty(), "layer {layer}:\n{}", found.join("\n"));
    }
}

#[test]
fn core_uses_neither_input_nor_presentation() {
    assert_layer_does_not_use("core", &["input", "presentation"]);
}

#[test]
fn input_does_not_use_presentation() {
    assert_layer_does_not_use("input", &["presentation"]);
}

#[test]
fn the_check_sees_a_use() {
    // The checker itself: a core file naming a presentation type would be caught.
    assert!(uses("use crate::{Screen, Report};", "Screen"));
    assert!(!uses("// a Screen in a comment", "Screen"));
    assert!(!uses("ScreenLike", "Screen"));
    assert!(!uses("fn f() -> impl Iterator<Item = Area>", "Item"));
    assert!(uses("fn f(item: Item) -> Item", "Item"));
    assert!(!uses("Result<Self::Value, E>", "Value"));
    assert!(uses("crate::Value::Yes", "Value"));
    assert!(names("input").contains("crate::json"));
    assert!(names("presentation").contains("Screen"));
    assert!(names("input").contains("crate::claims"));
}
