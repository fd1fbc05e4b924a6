#![cfg(feature = "serde")]
//! The JSON forms of DESIGN.md section 4: the examples read and write as shown, reports
//! round-trip, and each kind of bad input is an error that names the bad text.

mod common;

use common::{flows, near_grant};
use halopsa_privileges::{
    required_for, AccessLevel, AgentFlags, Area, Flows, Privileges, Report, Scopes, Step,
};
use proptest::prelude::*;
use serde_json::{json, Value};

const DESIGN_GRANT: &str = r#"{ "scopes": "read:customers read:items",
  "access": { "clients": "read", "invoices": "Read, Create, Modify and Delete" },
  "flags": ["all-asset-types"] }"#;

#[test]
fn the_design_grant_reads_and_writes() {
    let granted: Privileges = serde_json::from_str(DESIGN_GRANT).unwrap();
    assert_eq!(
        granted,
        Privileges::none()
            .with_scopes(Scopes::READ_CUSTOMERS | Scopes::READ_ITEMS)
            .with_level(Area::Clients, AccessLevel::Read)
            .with_level(Area::Invoices, AccessLevel::ReadCreateModifyDelete)
            .with_flags(AgentFlags::ALL_ASSET_TYPES)
    );
    assert_eq!(
        serde_json::to_value(granted).unwrap(),
        json!({ "scopes": "read:customers read:items",
                "access": { "clients": "read", "invoices": "read-create-modify-delete" },
                "flags": ["all-asset-types"] })
    );
}

#[test]
fn every_field_is_optional_and_empty_parts_are_left_out() {
    let none: Privileges = serde_json::from_str("{}").unwrap();
    assert_eq!(none, Privileges::none());
    assert_eq!(serde_json::to_value(none).unwrap(), json!({ "scopes": "" }));
    let array: Privileges = serde_json::from_str(
        r#"{"scopes": ["read:customers", "openid"], "access": {"clients": "no-access"}}"#,
    )
    .unwrap();
    assert_eq!(
        array,
        Privileges::none().with_scopes(Scopes::READ_CUSTOMERS)
    );
}

#[test]
fn the_design_report_shape() {
    let granted: Privileges = serde_json::from_value(json!({
        "scopes": "read:customers edit:customers",
        "access": { "clients": "read" }
    }))
    .unwrap();
    let report =
        required_for(Flows::CUSTOMERS_SYNC | Flows::INVOICE_EXPORT_MULTILINE).evaluate(&granted);
    let value = serde_json::to_value(report).unwrap();
    assert_eq!(
        value["flows"],
        json!(["customers-sync", "invoice-export-multiline"])
    );
    assert_eq!(value["satisfied"], json!(false));
    assert_eq!(value["least_privilege"], json!(false));
    assert_eq!(value["runnable"], json!(["customers-sync"]));
    assert_eq!(value["blocked"], json!(["invoice-export-multiline"]));
    let missing = value["missing"].as_array().unwrap();
    assert!(
        missing.contains(&json!({ "kind": "scope", "scope": "edit:invoices",
                                      "needed_by": ["invoice-export-multiline"] }))
    );
    assert!(missing.contains(
        &json!({ "kind": "access", "area": "invoices", "granted": "no-access",
                                      "required": "read-create-modify-delete",
                                      "needed_by": ["invoice-export-multiline"] })
    ));
    assert_eq!(
        value["excess"],
        json!([{ "kind": "scope", "scope": "edit:customers", "needed_by": [] }])
    );
    assert_eq!(
        value["granted"],
        // Every key is written: in what people write, a left-out key is unknown.
        json!({ "scopes": "read:customers edit:customers",
                "access": { "clients": "read" }, "flags": [] })
    );
    assert_eq!(
        value["required"]["scopes"],
        json!("read:customers read:items read:invoices edit:invoices")
    );
    let steps = value["remediation"].as_array().unwrap();
    assert_eq!(steps[0]["action"], json!("grant"));
    assert_eq!(steps[0]["layer"], json!("application"));
    assert_eq!(
        steps.last().unwrap()["action"],
        json!("test-account-access")
    );
    for step in steps {
        assert!(step["text"].as_str().unwrap().len() > 20, "{step}");
    }
    let back: Report = serde_json::from_value(value.clone()).unwrap();
    assert_eq!(back, report);
    assert_eq!(serde_json::to_value(back).unwrap(), value);
}

#[test]
fn a_report_needs_only_flows_and_granted() {
    let report: Report = serde_json::from_value(json!({
        "flows": ["customers-sync"], "granted": { "scopes": "read:customers" }
    }))
    .unwrap();
    assert_eq!(report.blocked(), Flows::CUSTOMERS_SYNC);
}

/// Reads `input` as `T` and asserts the error names `named`.
fn rejects<T: serde::de::DeserializeOwned + std::fmt::Debug>(input: Value, named: &str) {
    let err = serde_json::from_value::<T>(input.clone())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains(named),
        "error for {input}: `{err}` does not name {named}"
    );
}

#[test]
fn bad_grants_are_errors_naming_the_bad_text() {
    rejects::<Privileges>(json!({ "scope": "read:customers" }), "`scope`");
    rejects::<Privileges>(
        json!({ "scopes": "read:customers read:custmers" }),
        "`read:custmers`",
    );
    rejects::<Privileges>(
        json!({ "scopes": ["read:customers", "Read:items"] }),
        "`Read:items`",
    );
    rejects::<Privileges>(
        json!({ "scopes": ["read:customers read:items"] }),
        "`read:customers read:items`",
    );
    rejects::<Privileges>(json!({ "scopes": 7 }), "integer `7`");
    rejects::<Privileges>(json!({ "access": { "clint": "read" } }), "`clint`");
    rejects::<Privileges>(
        json!({ "access": { "clients": "Read Only Please" } }),
        "`Read Only Please`",
    );
    rejects::<Privileges>(json!({ "access": { "clients": 2 } }), "integer `2`");
    rejects::<Privileges>(json!({ "flags": ["all-assets"] }), "`all-assets`");
    rejects::<Privileges>(json!({ "flags": "all-asset-types,nope" }), "`nope`");
    let duplicate = r#"{"access": {"clients": "read", "Clients": "read-modify"}}"#;
    let err = serde_json::from_str::<Privileges>(duplicate)
        .unwrap_err()
        .to_string();
    assert!(err.contains("`clients` is given more than once"), "{err}");
    let malformed =
        serde_json::from_str::<Privileges>(r#"{"scopes": "read:customers""#).unwrap_err();
    assert!(malformed.is_eof(), "{malformed}");
}

#[test]
fn bad_reports_are_errors_naming_the_bad_input() {
    let granted = json!({ "scopes": "read:customers", "access": { "clients": "read" } });
    rejects::<Report>(
        json!({ "flows": ["customers-sync", "nope"], "granted": granted }),
        "`nope`",
    );
    rejects::<Report>(json!({ "flows": ["customers-sync"] }), "`granted`");
    rejects::<Report>(
        json!({ "flows": ["customers-sync"], "granted": { "scopes": "read:custmers" } }),
        "`read:custmers`",
    );
    // The grant inside a report is a grant: people's input, strict.
    rejects::<Report>(
        json!({ "flows": ["customers-sync"], "granted": { "scope": "read:customers" } }),
        "`scope`",
    );
    rejects::<Report>(json!([["customers-sync"], granted]), "a report object");
    rejects::<Step>(
        json!({ "action": "raise", "area": "clients", "to": "read" }),
        "`from`",
    );
    rejects::<Step>(json!({ "action": "promote" }), "`promote`");
    rejects::<Step>(
        json!({ "action": "grant", "scopes": "read:kb", "flag": "administrator" }),
        "`flag`",
    );
    rejects::<Step>(
        json!({ "action": "grant", "scopes": "read:kb", "layer": "agent" }),
        "`application`",
    );
    rejects::<Step>(
        json!({ "action": "revoke", "scopes": "read:kb", "unblocks": ["customers-sync"] }),
        "`revoke`",
    );
    rejects::<Step>(json!(["grant", "application"]), "a step object");
}

#[test]
fn reports_read_their_inputs_and_ignore_every_derived_field() {
    let granted = json!({ "scopes": "read:customers", "access": { "clients": "read" } });
    let expected = required_for(Flows::CUSTOMERS_SYNC)
        .evaluate(&serde_json::from_value(granted.clone()).unwrap());
    // Derived fields that disagree, malformed derived fields, unknown fields: all ignored.
    let report: Report = serde_json::from_value(json!({
        "rules": "1999-01-01",
        "flows": ["customers-sync"], "granted": granted,
        "satisfied": false, "least_privilege": "maybe",
        "missing": [{ "kind": "scope", "scope": "read:items read:kb", "needed_by": [] }],
        "excess": [{ "kind": "rule", "needed_by": [] }],
        "remediation": [{ "action": "promote" }],
        "required": 7,
        "added_by_a_later_version": { "anything": [1, 2, 3] }
    }))
    .unwrap();
    assert_eq!(report, expected);
    // A step's text is derived: an edited one reads back.
    let step: Step = serde_json::from_value(
        json!({ "action": "revoke", "scopes": "read:kb", "text": "Untick it", "note": 1 }),
    )
    .unwrap();
    assert_eq!(
        step,
        Step::RevokeScopes {
            scopes: Scopes::READ_KB
        }
    );
}

proptest! {
    #[test]
    fn reports_round_trip_through_json(set in flows(), granted in near_grant()) {
        let report = required_for(set).evaluate(&granted);
        let value = serde_json::to_value(report).unwrap();
        let back: Report = serde_json::from_value(value.clone()).unwrap();
        prop_assert_eq!(back, report);
        prop_assert_eq!(serde_json::to_value(back).unwrap(), value);
        let grant_back: Privileges = serde_json::from_value(serde_json::to_value(granted).unwrap()).unwrap();
        prop_assert_eq!(grant_back, granted);
    }

    #[test]
    fn arbitrary_json_text_never_panics(s in "\\PC{0,60}") {
        let _ = serde_json::from_str::<Privileges>(&s);
        let _ = serde_json::from_str::<Report>(&s);
        let _ = serde_json::from_str::<Step>(&s);
    }

    #[test]
    fn arbitrary_values_in_fields_never_panic(text in "\\PC{0,12}", n in any::<i64>()) {
        for value in [json!(text), json!(n), json!([text]), json!({ text.clone(): text })] {
            let _ = serde_json::from_value::<Privileges>(json!({ "scopes": value }));
            let _ = serde_json::from_value::<Privileges>(json!({ "access": value }));
            let _ = serde_json::from_value::<Privileges>(json!({ "flags": value }));
            let _ = serde_json::from_value::<Report>(json!({ "flows": value, "granted": {} }));
        }
    }
}

/// Each bug of issue 9, pinned.
#[test]
fn grants_must_be_objects_and_scope_items_must_not_be_blank() {
    // serde's positional form of a struct is not a grant.
    rejects::<Privileges>(
        json!(["all", { "clients": "read" }, ["administrator"]]),
        "a grant object",
    );
    rejects::<Privileges>(json!([]), "a grant object");
    rejects::<halopsa_privileges::Grant>(json!([]), "a grant object");
    rejects::<Privileges>(json!("read:customers"), "a grant object");
    // Blank array items are errors, as empty items of a flow list are.
    rejects::<Privileges>(json!({ "scopes": ["", "  "] }), "empty scope");
    rejects::<Privileges>(json!({ "scopes": ["read:customers", ""] }), "empty scope");
    // A string of whitespace is still the empty set (RFC 6749 scope strings).
    let blank: Privileges = serde_json::from_value(json!({ "scopes": " \t" })).unwrap();
    assert_eq!(blank, Privileges::none());
}

#[test]
fn one_whitespace_rule_for_scopes_everywhere() {
    // A finding's scope: ASCII whitespace around it is trimmed, Unicode whitespace is not.
    let finding: halopsa_privileges::Finding = serde_json::from_value(
        json!({ "kind": "scope", "scope": " read:items\t", "needed_by": [] }),
    )
    .unwrap();
    assert_eq!(
        finding,
        halopsa_privileges::Finding::Scope {
            scope: Scopes::READ_ITEMS,
            needed_by: Flows::empty()
        }
    );
    let nbsp = "read:items\u{00A0}";
    rejects::<halopsa_privileges::Finding>(
        json!({ "kind": "scope", "scope": nbsp, "needed_by": [] }),
        "unknown scope",
    );
    assert!(nbsp.parse::<Scopes>().is_err());
    let err = serde_json::from_value::<Privileges>(json!({ "scopes": [nbsp] })).unwrap_err();
    assert!(err.to_string().contains("unknown scope"), "{err}");
}

#[test]
fn a_step_read_without_unblocks_says_nothing_false() {
    let step: Step =
        serde_json::from_value(json!({ "action": "grant", "scopes": "read:items" })).unwrap();
    let text = step.to_string();
    assert!(!text.contains("all"), "{text}");
    assert!(!text.contains("unblocks"), "{text}");
    // The remark about `all` sits on the step that revokes it, where it is always true.
    let revoke = Step::RevokeScopes {
        scopes: Scopes::ALL,
    };
    assert!(
        revoke.to_string().contains("before unticking all"),
        "{revoke}"
    );
}

#[test]
fn requirements_serialize_as_a_checklist() {
    let needed = required_for(Flows::PRODUCTS_SYNC | Flows::INVOICE_EXPORT_CHARGES);
    let value = serde_json::to_value(needed).unwrap();
    assert_eq!(value["rules"], json!(halopsa_privileges::RULES_REVISION));
    assert_eq!(
        value["flows"],
        json!(["products-sync", "invoice-export-charges"])
    );
    assert_eq!(
        value["privileges"],
        serde_json::to_value(needed.privileges()).unwrap()
    );
    let items = value["items"].as_array().unwrap();
    assert!(
        items.contains(&json!({ "kind": "scope", "scope": "edit:invoices",
                                     "needed_by": ["invoice-export-charges"] }))
    );
    assert!(items.contains(&json!({
        "kind": "access", "area": "invoices", "level": "read-create-modify-delete",
        "needed_by": ["products-sync", "invoice-export-charges"],
        "by_level": { "read-create-modify-delete": ["invoice-export-charges"],
                      "read": ["products-sync"] } })));
    // One item per scope, area and flag of the requirement.
    let p = needed.privileges();
    let count = p.scopes().scopes().count()
        + p.levels()
            .filter(|(_, l)| *l != AccessLevel::NoAccess)
            .count()
        + p.flags().flags().count();
    assert_eq!(items.len(), count);
    assert_eq!(
        value["open"],
        json!([
            { "kind": "access", "area": "assets", "up_to": "read", "open_for": ["products-sync"] },
            { "kind": "flag", "flag": "all-asset-types", "open_for": ["products-sync"] },
            { "kind": "flag", "flag": "all-asset-fields", "open_for": ["products-sync"] },
            { "kind": "flag", "flag": "all-clients",
              "open_for": ["products-sync", "invoice-export-charges"] }
        ])
    );
}

#[test]
fn plans_and_steps_with_screens_read_back() {
    use halopsa_privileges::{GrantFile, Plan};
    let file: GrantFile =
        serde_json::from_str(include_str!("../examples/grants/agent-and-roles.json")).unwrap();
    let report = required_for(Flows::all()).evaluate(file.grant().privileges());
    let plan = serde_json::to_value(Plan::new(report, Some(&file))).unwrap();
    let steps = plan["remediation"].as_array().unwrap();
    // Finance is shared and holds Quotations beyond need: it is taken off the agent.
    let remove = steps
        .iter()
        .find(|s| s["action"] == json!("remove-role"))
        .unwrap();
    assert_eq!(remove["sources"], json!(["Finance"]));
    assert_eq!(
        remove["screens"][0]["record"],
        json!({ "kind": "role", "name": "Finance" })
    );
    assert_eq!(
        remove["control"],
        json!({ "kind": "list", "label": "Agents that have this Role",
                "value": "without the Datagate agent" })
    );
    // A plan's JSON is a report's JSON: it reads back as the same report.
    let back: Report = serde_json::from_value(plan.clone()).unwrap();
    assert_eq!(back, report);
    // Each step reads back as its step, `screen`, `control`, `screens` and `sources` ignored.
    let planned: Vec<Step> = Plan::new(report, Some(&file))
        .steps()
        .map(|p| *p.step())
        .collect();
    assert_eq!(steps.len(), planned.len());
    for (value, step) in steps.iter().zip(planned) {
        let back: Step = serde_json::from_value(value.clone()).unwrap();
        assert_eq!(back, step);
    }
}
