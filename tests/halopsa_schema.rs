//! HaloPSA's agent and role JSON as HaloPSA's published API description allows it: documents
//! generated from the schemas `Uname` and `NHD_Roles` of the reference file (an unchanged
//! excerpt of HaloPSA's OpenAPI description, its source named inside), each of which must be
//! read, and whose meaning must come only from the fields the crate reads.
//!
//! The generator walks the schema itself (types, formats, `nullable`, `$ref`, arrays): every
//! property may be absent or, where nullable, `null`; unknown extra properties are added; ids
//! are what the schema says (a role's `id` a string). Nothing here restates the schema.

#![cfg(feature = "serde")]

use halopsa_privileges::{HaloAgent, HaloRole};
use proptest::prelude::*;
use serde_json::{json, Map, Value};

/// The reference file, as kept in the repository (a copy of `shared/reference`).
const REFERENCE: &str = include_str!("data/halopsa-openapi/agent-and-roles.json");

fn schemas() -> Map<String, Value> {
    let reference: Value = serde_json::from_str(REFERENCE).unwrap();
    reference["schemas"].as_object().unwrap().clone()
}

#[test]
fn the_copy_is_the_shared_reference() {
    // The shared folder exists beside the repository on the team's machines, not in CI.
    let shared = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/reference/halopsa-openapi/agent-and-roles.json"
    );
    match std::fs::read_to_string(shared) {
        Ok(text) => assert_eq!(text, REFERENCE, "tests/data differs from {shared}"),
        Err(_) => eprintln!("{shared} is not here; the copy in tests/data is used as it is"),
    }
    let schemas = schemas();
    assert_eq!(schemas["NHD_Roles"]["properties"]["id"]["type"], "string");
    assert_eq!(
        schemas["NHD_Roles"]["properties"]["id_int"]["type"],
        "integer"
    );
    assert_eq!(
        schemas["Uname"]["properties"]["roles"]["items"]["$ref"],
        "#/components/schemas/NHD_Roles"
    );
}

/// A small deterministic generator (SplitMix64): one seed, one document.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// Claim types and values that mean something to the crate, so that generated claims are read
/// too (the schema allows any string; the crate's table is the crate's).
const CODES: [&str; 8] = ["Ux", "Xx", "Ix", "Dx", "SA", "Fa", "Ff", "Fc"];

fn string(rng: &mut Rng, format: Option<&str>, property: &str) -> Value {
    match (format, property) {
        (Some("uuid"), _) | (_, "id") | (_, "role_id") => Value::String(format!(
            "{:08x}-{:04x}-4{:03x}-a{:03x}-{:012x}",
            rng.next() as u32,
            rng.below(1 << 16),
            rng.below(1 << 12),
            rng.below(1 << 12),
            rng.next() & 0xFFFF_FFFF_FFFF
        )),
        (Some("date-time"), _) => Value::String("2026-11-20T09:30:00Z".into()),
        (_, "type") if rng.chance(60) => Value::String(CODES[rng.below(8) as usize].into()),
        (_, "value") if rng.chance(60) => {
            Value::String(["0", "1", "2", "3", "true", "false"][rng.below(6) as usize].into())
        }
        _ => {
            let words = [
                "Finance",
                "Service Desk",
                "",
                " ",
                "Datagate API Role",
                "é ü 漢字",
                "\u{a0}x",
            ];
            Value::String(words[rng.below(words.len() as u64) as usize].into())
        }
    }
}

/// A value for `schema` (a property's schema or a `$ref`), `depth` levels deep.
fn value(
    rng: &mut Rng,
    schemas: &Map<String, Value>,
    schema: &Value,
    property: &str,
    depth: u32,
) -> Value {
    if schema.get("nullable").and_then(Value::as_bool) == Some(true) && rng.chance(15) {
        return Value::Null;
    }
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let name = reference.rsplit('/').next().unwrap();
        return object(rng, schemas, name, depth + 1);
    }
    match schema.get("type").and_then(Value::as_str) {
        Some("string") => string(rng, schema.get("format").and_then(Value::as_str), property),
        Some("integer") => json!(rng.next() as i32),
        Some("number") => json!((rng.next() as i32) as f64 / 8.0),
        Some("boolean") => json!(rng.chance(50)),
        Some("array") => {
            // Deep inside, arrays stay short: the schema nests objects many levels.
            let max = if depth > 3 { 1 } else { 4 };
            let n = rng.below(max);
            Value::Array(
                (0..n)
                    .map(|_| value(rng, schemas, &schema["items"], property, depth))
                    .collect(),
            )
        }
        Some("object") | None if schema.get("properties").is_none() => {
            // No type: any JSON value (`CustomField.value`).
            [
                json!(null),
                json!(1),
                json!("x"),
                json!(true),
                json!([1]),
                json!({"a": 1}),
            ][rng.below(6) as usize]
                .clone()
        }
        other => panic!("a schema type the generator does not know: {other:?}"),
    }
}

/// An object of schema `name`: each property absent, or present with a value of its type; and
/// now and then properties the schema does not name (newer HaloPSA releases add some).
fn object(rng: &mut Rng, schemas: &Map<String, Value>, name: &str, depth: u32) -> Value {
    let schema = &schemas[name];
    let mut out = Map::new();
    if depth > 5 {
        return Value::Object(out);
    }
    for (property, property_schema) in schema["properties"].as_object().unwrap() {
        if rng.chance(30) {
            continue;
        }
        out.insert(
            property.clone(),
            value(rng, schemas, property_schema, property, depth),
        );
    }
    for i in 0..rng.below(3) {
        out.insert(
            format!("added_in_a_newer_release_{i}"),
            json!({"nested": [1, "two", null]}),
        );
    }
    Value::Object(out)
}

/// The document with only the fields the crate reads, at every level.
fn read_fields_only(doc: &Value, kind: &str) -> Value {
    let keep: &[&str] = match kind {
        "agent" => &[
            "id",
            "name",
            "is_admin",
            "claims",
            "roles",
            "clients",
            "assettypes",
            "assetfields",
            "tickettypes",
        ],
        "role" => &[
            "id",
            "id_int",
            "name",
            "claims",
            "clients",
            "assettypes",
            "assetfields",
            "tickettypes",
        ],
        "claim" => &["type", "value"],
        _ => &["role_id", "role_name"],
    };
    let Value::Object(map) = doc else {
        return doc.clone();
    };
    let mut out = Map::new();
    for (key, value) in map {
        if !keep.contains(&key.as_str()) {
            continue;
        }
        let inner = match key.as_str() {
            "claims" => "claim",
            "roles" => "role",
            "clients" | "assettypes" | "assetfields" | "tickettypes" => "entry",
            _ => {
                out.insert(key.clone(), value.clone());
                continue;
            }
        };
        let value = match value {
            Value::Array(items) => Value::Array(
                items
                    .iter()
                    .map(|item| read_fields_only(item, inner))
                    .collect(),
            ),
            other => other.clone(),
        };
        out.insert(key.clone(), value);
    }
    Value::Object(out)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    #[test]
    fn every_agent_the_schema_allows_is_read(seed in any::<u64>()) {
        let schemas = schemas();
        let doc = object(&mut Rng(seed), &schemas, "Uname", 0);
        let text = doc.to_string();
        let agent: HaloAgent = serde_json::from_str(&text)
            .map_err(|err| TestCaseError::fail(format!("{err}\n{text}")))?;
        // Meaning comes only from the fields the crate reads.
        let only: HaloAgent = serde_json::from_value(read_fields_only(&doc, "agent")).unwrap();
        prop_assert_eq!(&agent, &only);
        // Roles: listed (`[]` too) or not known.
        let listed = doc.get("roles").is_some_and(Value::is_array);
        prop_assert_eq!(agent.roles_known(), listed);
        prop_assert_eq!(agent.grant_file().roles_known(), listed);
        // A role's id is the schema's string.
        for (role, json) in agent.roles().iter().zip(doc["roles"].as_array().into_iter().flatten()) {
            prop_assert_eq!(role.id(), json.get("id").and_then(Value::as_str));
            prop_assert_eq!(role.id_int(), json.get("id_int").and_then(Value::as_i64));
        }
    }

    #[test]
    fn every_role_the_schema_allows_is_read(seed in any::<u64>()) {
        let schemas = schemas();
        let doc = object(&mut Rng(seed), &schemas, "NHD_Roles", 0);
        let text = doc.to_string();
        let role: HaloRole = serde_json::from_str(&text)
            .map_err(|err| TestCaseError::fail(format!("{err}\n{text}")))?;
        let only: HaloRole = serde_json::from_value(read_fields_only(&doc, "role")).unwrap();
        prop_assert_eq!(&role, &only);
        prop_assert_eq!(role.id(), doc.get("id").and_then(Value::as_str));
        // The role's own restriction lists: empty is all accessible, a list is restricted.
        if let Some(Value::Array(list)) = doc.get("assetfields") {
            let from_claims = doc["claims"].as_array().is_some_and(|claims| {
                claims.iter().any(|claim| claim.get("type") == Some(&json!("Ff")))
            });
            if !from_claims {
                prop_assert_eq!(
                    role.grant().has_flag(halopsa_privileges::AgentFlags::ALL_ASSET_FIELDS),
                    Some(list.is_empty())
                );
            }
        }
    }
}

#[test]
fn a_read_field_of_the_wrong_type_is_an_error_naming_it() {
    for (field, bad) in [
        ("claims", json!("Ux=2")),
        ("roles", json!(5)),
        ("is_admin", json!("yes")),
        ("clients", json!({"id": 1})),
        ("assettypes", json!(true)),
        ("assetfields", json!("none")),
        ("tickettypes", json!(1.5)),
        ("name", json!(["Datagate"])),
        ("id", json!("forty-two")),
    ] {
        let doc = json!({ field: bad }).to_string();
        let err = serde_json::from_str::<HaloAgent>(&doc)
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with(&format!("`{field}`: invalid type")),
            "{field}: {err}"
        );
        assert_eq!(err.matches(" at line ").count(), 1, "one position: {err}");
    }
    // Nested: the path of fields.
    let doc = r#"{"roles": [{"name": "Finance", "claims": [{"type": 7, "value": {"x": 1}}]}]}"#;
    let err = serde_json::from_str::<HaloAgent>(doc)
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("`roles`: `claims`: `value`: invalid type: map"),
        "{err}"
    );
    let doc = r#"{"id": 3, "id_int": "three"}"#;
    let err = serde_json::from_str::<HaloRole>(doc)
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("`id_int`: invalid type: string"), "{err}");
    // A read field given twice.
    let err = serde_json::from_str::<HaloAgent>(r#"{"claims": [], "claims": null}"#)
        .unwrap_err()
        .to_string();
    assert!(err.contains("`claims` is given more than once"), "{err}");
}

#[test]
fn absent_or_null_roles_are_unknown_and_an_empty_list_is_none() {
    use halopsa_privileges::{AccessLevel, Area, Flow, HaloAnswers, LevelBounds, Verdict};
    // The agent's own claim says Clients: No Access.
    for (roles, known) in [
        ("", false),
        (r#", "roles": null"#, false),
        (r#", "roles": []"#, true),
    ] {
        let doc = format!(
            r#"{{"id": 7, "is_admin": false, "claims": [{{"type": "Ux", "value": "0"}}]{roles}}}"#
        );
        let agent: HaloAgent = serde_json::from_str(&doc).unwrap();
        assert_eq!(agent.roles_known(), known, "{doc}");
        let clients = agent.grant().level(Area::Clients);
        let decision = HaloAnswers::new()
            .with_agent(agent)
            .decide(Flow::CustomersSync)
            .unwrap();
        let verdict = decision.report().verdict(Flow::CustomersSync);
        if known {
            assert_eq!(clients, LevelBounds::exact(AccessLevel::NoAccess));
            assert_eq!(verdict, Verdict::Blocked);
        } else {
            // A role HaloPSA did not list could give Read: a lower bound only.
            assert!(clients.is_unknown(), "{clients}");
            assert_eq!(verdict, Verdict::Unverified);
            assert!(decision
                .notes()
                .any(|note| note.contains("roles are not listed")));
            assert!(decision.to_string().contains("roles are not listed"));
        }
    }
}

#[test]
fn the_generator_reaches_what_the_crate_reads() {
    let schemas = schemas();
    let docs: Vec<Value> = (0..300)
        .map(|seed| object(&mut Rng(seed), &schemas, "Uname", 0))
        .collect();
    let roles = || {
        docs.iter()
            .filter_map(|doc| doc["roles"].as_array())
            .flatten()
    };
    assert!(
        roles().any(|role| role["id"].is_string()),
        "string role ids"
    );
    assert!(roles().any(|role| role["id_int"].is_i64()), "id_int");
    assert!(roles().any(|role| role["clients"].as_array().is_some_and(|l| !l.is_empty())));
    assert!(
        docs.iter().any(|doc| doc["roles"].is_null()),
        "roles null or absent"
    );
    assert!(docs.iter().any(|doc| doc["roles"] == json!([])), "no roles");
    assert!(docs.iter().any(|doc| doc["claims"]
        .as_array()
        .is_some_and(|claims| claims.iter().any(|c| c["type"] == json!("Ux")))));
}
