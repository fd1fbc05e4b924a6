//! The three layers of DESIGN.md section 6 are modules, each a folder under `src/`: `model`
//! (rules, lattice, evaluate, report), `input` and `presentation`, with `common` beneath them.
//! Every path inside the crate names the layer it reaches into (`crate::model::Grant`, never
//! `crate::Grant`), so the direction shows in every `use`: the model uses neither input nor
//! presentation, input does not use presentation, and common uses neither.

use std::fs;
use std::path::Path;

const LAYERS: [&str; 4] = ["model", "input", "presentation", "common"];

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

/// Every path from the crate root in `text`'s code, as the name after `crate::` (`model`,
/// `input`, or, for a path that names no layer, the item: `Grant`).
fn reached(text: &str) -> Vec<String> {
    let code = code(text);
    code.match_indices("crate::")
        .filter(|(at, _)| {
            // `$crate::` in a macro is the same crate; a word before `crate` is another path.
            let before = code[..*at].chars().next_back();
            !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$')
        })
        .map(|(at, _)| {
            code[at + "crate::".len()..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '{')
                .collect()
        })
        .collect()
}

/// What a layer's files reach that they may not: a later layer, or the root (a path that does
/// not say which layer it reaches into).
fn violations(layer: &str, later: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for (path, text) in files(layer) {
        for name in reached(&text) {
            if later.contains(&name.as_str()) {
                found.push(format!("{path} reaches into `crate::{name}`"));
            } else if !LAYERS.contains(&name.as_str()) {
                found.push(format!(
                    "{path} reaches `crate::{name}`, a path that names no layer"
                ));
            }
        }
    }
    found
}

#[test]
fn the_model_uses_neither_input_nor_presentation() {
    let found = violations("model", &["input", "presentation"]);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn input_does_not_use_presentation() {
    let found = violations("input", &["presentation"]);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn presentation_names_the_layers_it_uses() {
    let found = violations("presentation", &[]);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn common_uses_neither_input_nor_presentation() {
    let found = violations("common", &["input", "presentation"]);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn no_path_attribute_and_a_module_per_layer() {
    let lib = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    assert!(
        !code(&lib).contains("#[path"),
        "src/lib.rs still points at files by path"
    );
    for layer in LAYERS {
        assert!(code(&lib).contains(&format!("mod {layer};")), "{layer}");
        assert!(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("src")
                .join(layer)
                .join("mod.rs")
                .exists(),
            "{layer}"
        );
    }
}

#[test]
fn the_check_sees_a_use() {
    // The checker itself: a model file naming presentation, or the root, would be caught.
    assert_eq!(
        reached("use crate::presentation::{Screen, Report};"),
        ["presentation"]
    );
    assert_eq!(reached("use crate::{Screen, Report};"), ["{Screen"]);
    assert_eq!(reached("let x = crate::Grant::unknown();"), ["Grant"]);
    assert!(reached("// crate::presentation in a comment").is_empty());
    assert!(reached("mycrate::presentation::X").is_empty());
    assert!(files("model")
        .iter()
        .any(|(_, text)| reached(text).contains(&"model".to_string())));
}
