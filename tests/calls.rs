//! The calls the backend made: the endpoint table (restated here from its sources, not from the
//! crate's table), what each status shows, the JSON form and its errors, the query never shown,
//! conflicts with the token, and a property: adding consistent calls never flips a flow between
//! runs and blocked.

#![cfg(feature = "serde")]

mod common;

use halopsa_privileges::{
    combine, grant_from_calls, required_for, Area, Assumption, Call, Endpoint, Flow, Grant, Method,
    Privileges, Scopes, Verdict,
};
use proptest::prelude::*;

/// One row as its sources give it: method, path after `/api`, scope, area, list key.
type Row = (
    Method,
    &'static str,
    &'static str,
    Option<Area>,
    Option<&'static str>,
);

/// The table as its sources give it.
const EXPECTED: &[Row] = &[
    (Method::Get, "/Agent/me", "", None, None),
    // HaloPSA's OpenAPI description: `/Agent/{id}` (integer id, `includedetails`) and
    // `/Roles/{id}` (a string id), no scope named.
    (Method::Get, "/Agent/{id}", "", None, None),
    (Method::Get, "/Roles/{role}", "", None, None),
    (
        Method::Get,
        "/Client",
        "read:customers",
        Some(Area::Clients),
        Some("clients"),
    ),
    (
        Method::Get,
        "/Client/{id}",
        "read:customers",
        Some(Area::Clients),
        None,
    ),
    (
        Method::Get,
        "/Invoice",
        "read:invoices",
        Some(Area::Invoices),
        Some("invoices"),
    ),
    (
        Method::Get,
        "/Invoice/{id}",
        "read:invoices",
        Some(Area::Invoices),
        None,
    ),
    (
        Method::Post,
        "/Invoice",
        "edit:invoices",
        Some(Area::Invoices),
        None,
    ),
    (
        Method::Post,
        "/Invoice/updatelines",
        "edit:invoices",
        Some(Area::Invoices),
        None,
    ),
    (
        Method::Get,
        "/RecurringInvoice",
        "read:invoices",
        Some(Area::Invoices),
        Some("invoices"),
    ),
    (
        Method::Get,
        "/RecurringInvoice/{id}",
        "read:invoices",
        Some(Area::Invoices),
        None,
    ),
    (
        Method::Get,
        "/Item",
        "read:items",
        Some(Area::Items),
        Some("items"),
    ),
    (
        Method::Get,
        "/Item/{id}",
        "read:items",
        Some(Area::Items),
        None,
    ),
    (
        Method::Get,
        "/Asset",
        "read:assets",
        Some(Area::Assets),
        Some("assets"),
    ),
    (
        Method::Get,
        "/Asset/{id}",
        "read:assets",
        Some(Area::Assets),
        None,
    ),
    (
        Method::Get,
        "/ClientContract",
        "read:contracts",
        Some(Area::ClientContracts),
        Some("contracts"),
    ),
    (
        Method::Get,
        "/ClientContract/{id}",
        "read:contracts",
        Some(Area::ClientContracts),
        None,
    ),
];

fn scope(name: &str) -> Scopes {
    if name.is_empty() {
        Scopes::empty()
    } else {
        Scopes::from_scope(name).unwrap()
    }
}

fn call(json: &str) -> Result<Call, serde_json::Error> {
    serde_json::from_str(json)
}

#[test]
fn every_endpoint_in_the_table() {
    assert_eq!(
        Endpoint::ALL.len(),
        EXPECTED.len(),
        "a row without a restated source"
    );
    for &(method, path, name, area, list) in EXPECTED {
        let concrete = format!(
            "/api{}",
            path.replace("{id}", "1042")
                .replace("{role}", "03cbebd0-5d2c-4a5e-9b7a-0e6c1f0f2a11")
        );
        let row = Endpoint::find(method, &concrete).unwrap_or_else(|| panic!("{method} {path}"));
        assert_eq!(row.path(), path);
        assert_eq!(row.scope(), scope(name), "{row}");
        assert_eq!(row.area(), area, "{row}");
        assert_eq!(row.list(), list, "{row}");
        assert_eq!(row.writes(), method == Method::Post, "{row}");
        assert_eq!(row.to_string(), format!("{method} /api{path}"));

        // What each status shows.
        let at = |status| Call::new(method, &concrete, status);
        assert_eq!(at(200).proves(), scope(name), "{row}");
        assert_eq!(at(201).proves(), scope(name), "{row}");
        assert_eq!(at(200).suspects(), Scopes::empty(), "{row}");
        for refused in [401, 403] {
            assert_eq!(at(refused).proves(), Scopes::empty(), "{row}");
            assert_eq!(at(refused).suspects(), scope(name), "{row}");
            let text = at(refused).explain();
            assert!(text.contains("\"Test Account Access\""), "{text}");
            assert!(!text.contains("missing"), "{text}");
            if !name.is_empty() {
                assert!(text.contains(&format!("{name} ticked")), "{text}");
            }
        }
        for other in [301, 400, 404, 409, 500, 503] {
            assert_eq!(at(other).proves(), Scopes::empty(), "{row} {other}");
            assert_eq!(at(other).suspects(), Scopes::empty(), "{row} {other}");
            assert!(
                at(other).explain().contains("not a privilege")
                    || at(other).explain().contains("nothing about privileges")
            );
        }
        if list.is_some() {
            let empty = at(200).with_empty(true).explain();
            assert!(empty.contains("came back empty"), "{empty}");
            assert!(
                empty.contains(&format!("{} Access Level", area.unwrap())),
                "{empty}"
            );
            assert!(!at(200).with_empty(false).explain().contains("empty"));
        }
    }
}

#[test]
fn the_sentences_name_what_to_check() {
    let clients = Call::new(Method::Get, "/api/Client", 200)
        .with_empty(true)
        .explain();
    assert!(
        clients.contains("\"Allow use of all Clients\" setting"),
        "{clients}"
    );
    let invoices = Call::new(Method::Get, "/api/Invoice", 200)
        .with_empty(true)
        .explain();
    assert!(!invoices.contains("Allow use of all"), "{invoices}");
    // A write asks for the level the flows that write there need (from the rules).
    let write = Call::new(Method::Post, "/api/Invoice", 403).explain();
    assert!(
        write.contains("Invoices Access Level is at least \"Read, Create, Modify and Delete\""),
        "{write}"
    );
    let read = Call::new(Method::Get, "/api/Invoice/7", 401).explain();
    assert!(
        read.contains("Invoices Access Level is at least \"Read\""),
        "{read}"
    );
    let me = Call::new(Method::Get, "/api/Agent/me", 401).explain();
    assert!(me.contains("does not accept the token"), "{me}");
    assert!(Call::new(Method::Get, "/api/Agent/me", 200)
        .explain()
        .contains("accepted the token"));
}

#[test]
fn an_unknown_call_is_said_and_proves_nothing() {
    for (method, path) in [
        (Method::Get, "/api/Timesheet"),
        (Method::Delete, "/api/Invoice/5"),
        (Method::Get, "/api/Client/abc"),
        (Method::Get, "https://acme.halopsa.com"),
    ] {
        let call = Call::new(method, path, 200);
        assert_eq!(call.endpoint(), None, "{path}");
        assert_eq!(call.proves(), Scopes::empty());
        assert!(call.explain().contains("not in the crate's endpoint table"));
        assert_eq!(
            grant_from_calls(&[call], &Grant::unknown()),
            Grant::unknown()
        );
    }
}

#[test]
fn the_query_is_never_shown() {
    let secret = "eyJhbGciOiJSUzI1NiJ9.SECRET.sig";
    for path in [
        format!("/api/Client?access_token={secret}"),
        format!("/api/Timesheet?access_token={secret}"),
        format!("https://acme.halopsa.com/api/Nope#{secret}"),
    ] {
        let call = Call::new(Method::Get, &path, 401);
        assert!(!call.explain().contains("SECRET"), "{}", call.explain());
        let json = serde_json::to_string(&call).unwrap();
        assert!(!json.contains("SECRET"), "{json}");
    }
    // Control characters in a path are escaped in the sentence.
    let odd = Call::new(Method::Get, "/api/Ti\u{1b}[31mme", 200).explain();
    assert!(!odd.contains('\u{1b}'), "{odd}");
}

#[test]
fn json_reads_calls_and_names_what_is_wrong() {
    let read = call(r#"{"method":"get","path":"/api/Asset","status":200,"empty":true}"#).unwrap();
    assert_eq!(
        read,
        Call::new(Method::Get, "/api/Asset", 200).with_empty(true)
    );
    let list: Vec<Call> =
        serde_json::from_str(include_str!("../examples/halo/calls.json")).unwrap();
    assert_eq!(list.len(), 5);
    assert!(list.iter().all(|call| call.endpoint().is_some()));

    for (json, says) in [
        (
            r#"{"method":"FETCH","path":"/api/Client","status":200}"#,
            "unknown HTTP method `FETCH`",
        ),
        (
            r#"{"method":"GET","path":"/api/Client","status":99}"#,
            "status 99 is not an HTTP status",
        ),
        (
            r#"{"method":"GET","path":"/api/Client","status":600}"#,
            "status 600",
        ),
        (
            r#"{"method":"GET","path":" ","status":200}"#,
            "empty `path`",
        ),
        (
            r#"{"method":"GET","path":"/api/Client"}"#,
            "missing field `status`",
        ),
        (
            r#"{"method":"GET","path":"/api/Client","status":200,"ok":1}"#,
            "unknown field `ok`",
        ),
        (r#"["GET","/api/Client",200]"#, "a call object"),
        (
            r#"{"method":"GET","path":"/api/Client","status":"200"}"#,
            "invalid type",
        ),
    ] {
        let err = call(json).unwrap_err().to_string();
        assert!(err.contains(says), "{json}: {err}");
    }
}

#[test]
fn written_back_a_call_carries_what_it_shows() {
    let call = Call::new(Method::Post, "/api/invoice?x=1", 403);
    let json: serde_json::Value = serde_json::to_value(&call).unwrap();
    assert_eq!(json["method"], "POST");
    assert_eq!(json["path"], "/api/invoice");
    assert_eq!(json["status"], 403);
    assert_eq!(json["endpoint"], "POST /api/Invoice");
    assert_eq!(json["proves"], "");
    assert_eq!(json["suspects"], "edit:invoices");
    assert_eq!(json["explanation"], call.explain());
}

#[test]
fn successes_prove_scopes_unless_another_scope_explains_them() {
    let calls = [
        Call::new(Method::Get, "/api/Client", 200),
        Call::new(Method::Get, "/api/Item/3", 200),
        Call::new(Method::Post, "/api/Invoice", 403),
    ];
    let alone = grant_from_calls(&calls, &Grant::unknown());
    assert_eq!(alone.has_scope(Scopes::READ_CUSTOMERS), Some(true));
    assert_eq!(alone.has_scope(Scopes::READ_ITEMS), Some(true));
    assert_eq!(alone.has_scope(Scopes::EDIT_INVOICES), None);
    assert_eq!(alone.has_scope(Scopes::READ_INVOICES), None);

    // With the customers sync's scope proven, the flow's scopes are settled.
    let report = required_for(Flow::CustomersSync).evaluate_grant(&alone);
    assert!(report
        .to_verify()
        .all(|finding| !finding.to_string().contains("read:customers")));

    // The token lists only `edit:customers`, which may cover `read:customers`: the call is
    // explained by it, proves nothing of `read:customers`, and nothing conflicts.
    let (token, _) = Grant::from_token_scope("edit:customers read:items");
    let beside = grant_from_calls(&calls, &token);
    assert_eq!(beside.has_scope(Scopes::READ_CUSTOMERS), None);
    assert_eq!(beside.has_scope(Scopes::READ_ITEMS), Some(true));
    assert!(combine(&token, &beside).1.is_empty());

    // The token lists neither the scope nor one that may cover it: the sources disagree.
    let (token, _) = Grant::from_token_scope("read:items");
    let (combined, conflicts) = combine(&token, &grant_from_calls(&calls, &token));
    assert_eq!(conflicts.len(), 1);
    assert_eq!(
        conflicts[0].between("the token", "the calls file"),
        "`read:customers`: the token says not granted, the calls file says granted"
    );
    assert_eq!(combined.has_scope(Scopes::READ_CUSTOMERS), None);
}

/// Calls HaloPSA could answer for a grant of `truth`: for each row, a success when the truth
/// holds its scope (or when an assumption could cover it, as HaloPSA may), a refusal otherwise;
/// and any row may be refused anyway (an expired token) or fail on the server.
fn calls(truth: Privileges) -> impl Strategy<Value = Vec<Call>> {
    proptest::collection::vec((0..Endpoint::ALL.len(), 0u8..4), 0..12).prop_map(move |picks| {
        picks
            .into_iter()
            .map(|(row, how)| {
                let row = Endpoint::ALL[row];
                let item = Privileges::none().with_scopes(row.scope());
                let allowed = truth.contains(&item);
                let may = Assumption::ALL
                    .iter()
                    .any(|assumption| assumption.could_decide(&truth, &item));
                let status = match how {
                    0 => 401,
                    1 => 503,
                    _ if allowed || (may && how == 3) => 200,
                    _ => 403,
                };
                let path = format!("/api{}", row.path().replace("{id}", "9"));
                Call::new(row.method(), &path, status).with_empty(how == 2)
            })
            .collect()
    })
}

proptest! {
    #[test]
    fn adding_calls_never_flips_runs_and_blocked(
        (known, calls) in common::privileges()
            .prop_flat_map(|truth| (common::observation(truth), calls(truth))),
        flows in common::flows(),
    ) {
        let (combined, _) = combine(&known, &grant_from_calls(&calls, &known));
        let needed = required_for(flows);
        let (before, after) = (needed.evaluate_grant(&known), needed.evaluate_grant(&combined));
        for flow in Flow::ALL.into_iter().filter(|&f| flows.has(f)) {
            if matches!(before.verdict(flow), Verdict::Runs | Verdict::Blocked) {
                prop_assert_eq!(after.verdict(flow), before.verdict(flow), "{}", flow);
            }
        }
    }

    #[test]
    fn calls_claim_only_what_halopsa_could_let_through(
        (truth, known, calls) in common::privileges()
            .prop_flat_map(|truth| (Just(truth), common::observation(truth), calls(truth))),
    ) {
        let claimed = grant_from_calls(&calls, &known);
        for scope in Scopes::all().iter().filter(|&s| claimed.has_scope(s).is_some()) {
            let item = Privileges::none().with_scopes(scope);
            prop_assert_eq!(claimed.has_scope(scope), Some(true), "calls never refute");
            prop_assert!(
                truth.contains(&item)
                    || Assumption::ALL.iter().any(|a| a.could_decide(&truth, &item)),
                "{} claimed, but HaloPSA could not have let the call through",
                scope
            );
        }
    }

    #[test]
    fn calls_alone_never_block(calls in common::privileges().prop_flat_map(calls)) {
        let report = required_for(halopsa_privileges::Flows::all())
            .evaluate_grant(&grant_from_calls(&calls, &Grant::unknown()));
        prop_assert!(report.blocked().is_empty(), "a call only proves, never refutes");
    }
}

/// A call reads its own JSON back: writing it again gives the same JSON.
#[test]
fn a_call_reads_its_own_json_back() {
    for json in [
        r#"{"method": "GET", "path": "/api/Client", "status": 200, "empty": false}"#,
        r#"{"method": "POST", "path": "https://u:SECRET@acme.halopsa.com/api/Invoice?x=SECRET", "status": 403}"#,
        r#"{"method": "GET", "path": "/api/Timesheet", "status": 401}"#,
    ] {
        let call = self::call(json).unwrap();
        let written = serde_json::to_string(&call).unwrap();
        assert!(!written.contains("SECRET"), "{written}");
        let again: Call =
            serde_json::from_str(&written).unwrap_or_else(|err| panic!("{written}: {err}"));
        assert_eq!(serde_json::to_string(&again).unwrap(), written);
    }
    // Fields it does not write are still errors naming them.
    let err = self::call(r#"{"method": "GET", "path": "/api/Client", "status": 200, "bogus": 1}"#)
        .unwrap_err()
        .to_string();
    assert!(err.contains("bogus"), "{err}");
}
