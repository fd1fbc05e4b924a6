#![cfg(feature = "serde")]
//! The JSON of partial knowledge: `"unknown"` markers in grant files, token responses, and the
//! report fields `unverified`, `to_verify` and `open`.

mod common;

use common::{flows, near_grant};
use halopsa_privileges::{
    required_for, AccessLevel, AgentFlags, Area, Flow, Flows, Grant, Known, Privileges, Report,
    Scopes, TokenResponse, Verdict,
};
use proptest::prelude::*;
use serde_json::{json, Value};

/// The token response of the issue: HaloPSA expanded a request for `all`.
const TOKEN: &str = r#"{
  "access_token": "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.SECRET",
  "refresh_token": "REFRESH-SECRET",
  "token_type": "Bearer",
  "expires_in": 3600,
  "id_token": "ID-SECRET",
  "scope": "openid email profile offline_access roles read:customers read:items read:invoices read:assets read:tickets"
}"#;

#[test]
fn a_token_response_proves_the_scopes_only() {
    let token: TokenResponse = serde_json::from_str(TOKEN).unwrap();
    let grant = token.grant();
    assert_eq!(grant.known(), Known::APPLICATION);
    assert_eq!(
        grant.privileges().scopes(),
        Scopes::READ_CUSTOMERS
            | Scopes::READ_ITEMS
            | Scopes::READ_INVOICES
            | Scopes::READ_ASSETS
            | Scopes::READ_TICKETS
    );
    assert!(token.unrecognised().is_empty());
    let report = required_for(Flows::all()).evaluate_partial(grant.privileges(), grant.known());
    // The scopes of the three syncs are there: their fate depends on the agent, unknown.
    assert_eq!(
        report.unverified(),
        Flows::CUSTOMERS_SYNC | Flows::PRODUCTS_SYNC | Flows::SERVICE_ITEMS_SYNC
    );
    // edit:invoices is missing, and that is known.
    assert_eq!(
        report.blocked(),
        Flows::INVOICE_EXPORT_MULTILINE | Flows::INVOICE_EXPORT_CHARGES
    );
    assert_eq!(report.verdict(Flow::InvoiceExportCharges), Verdict::Blocked);
    assert_eq!(report.missing().count(), 1);
    // read:tickets is known and not needed.
    assert_eq!(report.excess().count(), 1);
    // No level is reported missing: they are to verify.
    assert!(report
        .missing()
        .all(|f| f.to_string().starts_with("scope edit:invoices")));
    assert_eq!(report.to_verify().count(), 6);
    let text = report.to_string();
    assert!(
        text.contains("Not known: every access level; every agent flag"),
        "{text}"
    );
    assert!(
        text.contains("Check that Clients Access Level is at least \"Read\""),
        "{text}"
    );
    assert!(!text.contains("\"No Access\" granted"), "{text}");
    // Nothing of the token itself is kept or printed.
    let debug = format!("{token:?} {text}");
    assert!(!debug.contains("SECRET"), "{debug}");
}

#[test]
fn token_responses_keep_unrecognised_scopes_and_never_echo_secrets() {
    let token: TokenResponse = serde_json::from_value(
        json!({ "access_token": "SECRET", "scope": "read:customers read:widgets Read:items" }),
    )
    .unwrap();
    assert_eq!(token.unrecognised(), ["read:widgets", "Read:items"]);
    assert_eq!(token.grant().privileges().scopes(), Scopes::READ_CUSTOMERS);
    for bad in [
        json!("SECRET"),
        json!(["SECRET"]),
        json!({ "access_token": "SECRET", "scope": 7 }),
        json!({ "access_token": { "SECRET": "SECRET" }, "scope": ["SECRET"] }),
    ] {
        let err = serde_json::from_value::<TokenResponse>(bad.clone())
            .unwrap_err()
            .to_string();
        assert!(!err.contains("SECRET"), "{bad}: {err}");
    }
    // Without `scope` (RFC 6749 allows it), the scopes are unknown: unverified, not blocked.
    for response in [
        json!({ "token_type": "Bearer" }),
        json!({ "access_token": "SECRET" }),
    ] {
        let token: TokenResponse = serde_json::from_value(response).unwrap();
        assert!(!token.has_scope());
        assert_eq!(token.grant(), Grant::unknown());
        let report = required_for(Flows::all()).evaluate_grant(&token.grant());
        assert_eq!(report.unverified(), Flows::all());
    }
    // An object that is no token response at all is an error.
    let err = serde_json::from_value::<TokenResponse>(json!({ "scopes": "read:customers" }))
        .unwrap_err()
        .to_string();
    assert!(err.contains("no token response"), "{err}");
    let err = serde_json::from_str::<TokenResponse>(r#"{"scope": "", "scope": "all"}"#)
        .unwrap_err()
        .to_string();
    assert!(err.contains("more than one `scope`"), "{err}");
    // An empty scope string is known and empty.
    let token: TokenResponse = serde_json::from_value(json!({ "scope": "" })).unwrap();
    assert_eq!(
        token.grant(),
        Grant::new(Privileges::none(), Known::APPLICATION)
    );
}

#[test]
fn grant_files_say_unknown_per_part() {
    let grant: Grant = serde_json::from_value(json!({
        "scopes": "read:customers",
        "access": { "clients": "read", "invoices": "unknown" },
        "flags": "unknown"
    }))
    .unwrap();
    assert_eq!(grant.known(), Known::all() - Known::INVOICES - Known::FLAGS);
    assert_eq!(grant.privileges().level(Area::Clients), AccessLevel::Read);
    let back = serde_json::to_value(grant).unwrap();
    assert_eq!(
        back,
        json!({ "scopes": "read:customers",
                "access": { "clients": "read", "invoices": "unknown" },
                "flags": "unknown" })
    );

    // A left-out key is unknown too; every key is written back.
    let grant: Grant =
        serde_json::from_value(json!({ "scopes": "unknown", "access": "unknown" })).unwrap();
    assert_eq!(grant, Grant::unknown());
    assert_eq!(
        serde_json::to_value(grant).unwrap(),
        json!({ "scopes": "unknown", "access": "unknown", "flags": "unknown" })
    );

    // Flags as an object of flag (id or label) to Yes/No/unknown.
    let grant: Grant = serde_json::from_value(json!({
        "scopes": "", "access": {},
        "flags": { "all-asset-types": true, "Allow use of all Asset Fields": "Yes",
                   "all-clients": "unknown", "administrator": "No" }
    }))
    .unwrap();
    assert_eq!(
        grant.privileges().flags(),
        AgentFlags::ALL_ASSET_TYPES | AgentFlags::ALL_ASSET_FIELDS
    );
    assert_eq!(grant.known(), Known::all() - Known::ALL_CLIENTS);
    assert_eq!(
        serde_json::to_value(grant).unwrap(),
        json!({ "scopes": "", "access": {},
                "flags": { "all-asset-types": true, "all-asset-fields": true,
                           "all-clients": "unknown" } })
    );
    // Only what is written is known: a left-out key is unknown (0.2.0 read it as none).
    let grant: Grant = serde_json::from_value(json!({})).unwrap();
    assert_eq!(grant, Grant::unknown());
    let grant: Grant = serde_json::from_value(json!({ "scopes": "read:customers" })).unwrap();
    assert_eq!(grant.known(), Known::APPLICATION);
    // Read as `Privileges`, which cannot say "unknown", a left-out key is none.
    let privileges: Privileges = serde_json::from_value(json!({})).unwrap();
    assert_eq!(privileges, Privileges::none());
}

#[test]
fn privileges_refuse_unknown_and_grants_refuse_bad_input() {
    let err = serde_json::from_value::<Privileges>(json!({ "scopes": "unknown" }))
        .unwrap_err()
        .to_string();
    assert!(err.contains("read it as a `Grant`"), "{err}");
    for (bad, named) in [
        (json!({ "access": "everything" }), "everything"),
        (
            json!({ "access": { "clients": "sometimes" } }),
            "`sometimes`",
        ),
        (json!({ "flags": { "all-clients": "maybe" } }), "`maybe`"),
        (json!({ "flags": { "all-cats": true } }), "`all-cats`"),
        (
            json!({ "flags": { "all-clients": true, "All-Clients": false } }),
            "more than once",
        ),
        (json!({ "scopes": "unknown read:customers" }), "`unknown`"),
        (
            json!({ "access": { "clients": "unknown", "Clients": "read" } }),
            "more than once",
        ),
    ] {
        let err = serde_json::from_value::<Grant>(bad.clone())
            .unwrap_err()
            .to_string();
        assert!(err.contains(named), "{bad}: `{err}` does not name {named}");
    }
}

#[test]
fn reports_carry_unverified_to_verify_and_open() {
    let grant: Grant = serde_json::from_value(json!({
        "scopes": "read:customers",
        "access": { "clients": "unknown" },
        "flags": ["all-clients"]
    }))
    .unwrap();
    let report =
        required_for(Flows::CUSTOMERS_SYNC).evaluate_partial(grant.privileges(), grant.known());
    let value = serde_json::to_value(report).unwrap();
    assert_eq!(value["unverified"], json!(["customers-sync"]));
    assert_eq!(value["satisfied"], json!(false));
    assert_eq!(
        value["to_verify"],
        json!([{ "kind": "access", "area": "clients", "granted": "unknown",
                 "required": "read", "needed_by": ["customers-sync"] }])
    );
    assert_eq!(
        value["open"],
        json!([{ "kind": "flag", "flag": "all-clients", "needed_by": [], "state": "yes",
                 "points": ["client-restrictions"] }])
    );
    assert_eq!(
        value["granted"],
        json!({ "scopes": "read:customers", "access": { "clients": "unknown" },
                "flags": ["all-clients"] })
    );
    let steps = value["remediation"].as_array().unwrap();
    assert_eq!(
        steps[0],
        json!({ "action": "check", "layer": "agent", "area": "clients", "from": "unknown",
                "at_least": "read", "unblocks": [], "needed_by": ["customers-sync"],
                "screen": { "product": "halopsa", "path": ["Configuration", "Teams and Agents"],
                            "record": { "kind": "agent-or-role" }, "tab": "Permissions" },
                "control": { "kind": "dropdown", "label": "Clients Access Level",
                             "value": "Read" },
                "if_fails": steps[0]["if_fails"],
                "text": steps[0]["text"] })
    );
    // If the check fails: the raise, unblocking the flow that needs it.
    let fix = &steps[0]["if_fails"];
    assert_eq!(fix["action"], "raise");
    assert_eq!(fix["to"], "read");
    assert_eq!(fix["unblocks"], json!(["customers-sync"]));
    assert!(steps[0]["text"].as_str().unwrap().ends_with(
        "; if it is lower, raise it to \"Read\" on the agent or on the role that grants it"
    ));
    assert_eq!(steps.len(), 2);
    let back: Report = serde_json::from_value(value.clone()).unwrap();
    assert_eq!(back, report);
    assert_eq!(serde_json::to_value(back).unwrap(), value);
}

proptest! {
    #[test]
    fn partial_reports_round_trip_through_json(
        set in flows(),
        granted in near_grant(),
        known in any::<u32>(),
    ) {
        let known = Known::from_bits_truncate(known);
        let report = required_for(set).evaluate_partial(&granted, known);
        let value: Value = serde_json::to_value(report).unwrap();
        let back: Report = serde_json::from_value(value.clone()).unwrap();
        prop_assert_eq!(back, report);
        prop_assert_eq!(serde_json::to_value(back).unwrap(), value);
        let grant = Grant::new(granted, known);
        let grant_back: Grant = serde_json::from_value(serde_json::to_value(grant).unwrap()).unwrap();
        prop_assert_eq!(grant_back, grant);
    }

    #[test]
    fn arbitrary_json_never_panics_as_grant_or_token(s in "\\PC{0,60}") {
        let _ = serde_json::from_str::<Grant>(&s);
        let _ = serde_json::from_str::<TokenResponse>(&s);
    }
}
