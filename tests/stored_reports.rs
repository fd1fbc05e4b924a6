#![cfg(feature = "serde")]
//! Reports that last: report JSON written by earlier versions (frozen fixtures under
//! `tests/data/reports/<version>/`) reads back as today's verdict on the same inputs, also with
//! edited texts, added fields and derived fields removed.
//!
//! The 0.1.0 fixtures were written by the crate at tag-less commit df766d7 (version 0.1.0);
//! the 0.2.0 ones by `cargo test --test stored_reports -- --ignored write_fixtures`.

use std::path::{Path, PathBuf};

use halopsa_privileges::{
    required_for, AccessLevel, AgentFlags, Area, Flows, Grant, Known, LevelBounds, Privileges,
    Report, Scopes, RULES_REVISION,
};
use serde_json::{json, Value};

fn dir(version: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/reports")
        .join(version)
}

/// Every fixture of a version, with its file name.
fn fixtures(version: &str) -> Vec<(String, Value)> {
    let mut out: Vec<(String, Value)> = std::fs::read_dir(dir(version))
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, serde_json::from_str(&text).unwrap())
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(out.len() >= 5, "{version}: {} fixtures", out.len());
    out
}

/// Today's verdict on a stored report's inputs, read on their own.
fn evaluate_inputs(value: &Value) -> Report {
    let flows: Flows = serde_json::from_value(value["flows"].clone()).unwrap();
    // Earlier versions left out an empty `access` or `flags`: in a stored report a left-out key
    // is none (in what people write it is unknown).
    let mut granted = value["granted"].clone();
    for (key, none) in [
        ("scopes", json!("")),
        ("access", json!({})),
        ("flags", json!([])),
    ] {
        if granted.get(key).is_none() {
            granted[key] = none;
        }
    }
    let grant: Grant = serde_json::from_value(granted).unwrap();
    required_for(flows).evaluate_grant(&grant)
}

/// Replaces every `"text"` string, anywhere, and adds a field to every object.
fn edit(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, field) in map.iter_mut() {
                if key == "text" {
                    *field = json!("wording of another version");
                } else {
                    edit(field);
                }
            }
            map.insert("added_by_a_later_version".into(), json!({ "x": [1] }));
        }
        Value::Array(items) => items.iter_mut().for_each(edit),
        _ => {}
    }
}

fn reads_back(version: &str) {
    for (name, value) in fixtures(version) {
        let expected = evaluate_inputs(&value);
        let report: Report = serde_json::from_value(value.clone())
            .unwrap_or_else(|err| panic!("{version}/{name}: {err}"));
        assert_eq!(report, expected, "{version}/{name}");

        // Edited texts and added fields (except inside `granted`, which people write and which
        // stays strict) are ignored.
        let mut edited = value.clone();
        let granted = edited["granted"].take();
        edit(&mut edited);
        edited["granted"] = granted;
        let report: Report = serde_json::from_value(edited).unwrap();
        assert_eq!(report, expected, "{version}/{name}, edited");

        // Only the inputs are needed.
        let inputs = json!({ "flows": value["flows"], "granted": value["granted"] });
        assert_eq!(serde_json::from_value::<Report>(inputs).unwrap(), expected);
    }
}

#[test]
fn reports_written_by_0_1_0_read_back() {
    reads_back("0.1.0");
}

#[test]
fn reports_written_by_0_2_0_read_back() {
    reads_back("0.2.0");
}

#[test]
fn reports_written_by_0_3_0_read_back() {
    reads_back("0.3.0");
}

#[test]
fn the_rules_revision_tells_old_verdicts_apart() {
    for (name, value) in fixtures("0.1.0") {
        assert!(value.get("rules").is_none(), "{name}");
    }
    for (name, value) in fixtures("0.2.0") {
        assert_eq!(value["rules"], json!(RULES_REVISION), "{name}");
    }
    // 0.1.0 called an Invoices: Read grant excess for Service Items sync; today's rules leave
    // it open, and the read-back report says so.
    let (_, old) = fixtures("0.1.0")
        .into_iter()
        .find(|(name, _)| name == "service-items-open-items.json")
        .unwrap();
    assert_eq!(old["excess"].as_array().unwrap().len(), 2);
    let report: Report = serde_json::from_value(old).unwrap();
    assert_eq!(report.excess().count(), 0);
    // Open: Invoices and Items at Read (granted), and Allow use of all Clients (not granted).
    assert_eq!(report.open().count(), 3);
}

/// Writes this version's fixtures. Run by hand when a version changes the report format:
/// `cargo test --test stored_reports -- --ignored write_fixtures`, into a new version folder.
#[test]
#[ignore]
fn write_fixtures() {
    let version = env!("CARGO_PKG_VERSION");
    let out = dir(version);
    std::fs::create_dir_all(&out).unwrap();
    let read = |text: &str| -> Grant { serde_json::from_str(text).unwrap() };
    let sample = read(include_str!("../examples/grants/sample-blocked.json"));
    let unknown = read(include_str!("../examples/grants/agent-unknown.json"));
    let (token, _) = Grant::from_token_scope(
        "openid email profile offline_access roles read:customers read:items read:invoices \
         read:assets read:tickets",
    );
    let products = required_for(Flows::PRODUCTS_SYNC)
        .privileges()
        .with_level(Area::Assets, AccessLevel::ReadCreateModifyDelete)
        .with_flags(AgentFlags::ALL_CLIENTS | AgentFlags::ALL_ASSET_TYPES);
    let cases = [
        ("sample-blocked-all-flows", Flows::all(), sample),
        ("agent-unknown-all-flows", Flows::all(), unknown),
        ("token-only-all-flows", Flows::all(), token),
        (
            "open-items-products-sync",
            Flows::PRODUCTS_SYNC,
            Grant::full(products),
        ),
        (
            "some-flags-unknown-service-items",
            Flows::SERVICE_ITEMS_SYNC,
            Grant::new(
                Privileges::everything().without_scopes(Scopes::ALL),
                Known::all() - Known::ALL_ASSET_FIELDS - Known::ALL_CLIENTS,
            ),
        ),
    ];
    let roles = read(include_str!("../examples/grants/agent-and-roles.json"));
    let bounds = Grant::unknown()
        .with_scopes(Scopes::all(), Some(false))
        .with_scopes(Scopes::READ_CUSTOMERS | Scopes::ALL_STANDARD, Some(true))
        .with_level(Area::Clients, LevelBounds::from_at_least(AccessLevel::Read))
        .with_level(
            Area::Tickets,
            LevelBounds::from_at_most(AccessLevel::ReadModify),
        );
    let cases = cases.into_iter().chain([
        ("agent-and-roles-all-flows", Flows::all(), roles),
        (
            "bounds-and-assumptions-customers-sync",
            Flows::CUSTOMERS_SYNC,
            bounds,
        ),
    ]);
    for (name, flows, grant) in cases {
        let report = required_for(flows).evaluate_grant(&grant);
        let json = serde_json::to_string_pretty(&report).unwrap();
        std::fs::write(out.join(format!("{name}.json")), json + "\n").unwrap();
    }
}
