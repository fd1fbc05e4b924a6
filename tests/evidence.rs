//! Evidence from HaloPSA itself: the claim table (restated here from the public SQL report's
//! words, not from the crate's table), unknown codes and values, `is_admin`, restriction lists,
//! JWT access tokens, conflicts, and a property: adding consistent evidence never flips a flow
//! between runs and blocked.

#![cfg(all(feature = "serde", feature = "jwt"))]

mod common;

use base64::Engine;
use halopsa_privileges::{
    combine, required_for, AccessLevel, AccessToken, AgentFlags, Area, Conflict, Evidence, Flow,
    Grant, GrantFile, HaloAgent, HaloRole, Known, LevelBounds, Scopes, Source, TokenResponse,
    Verdict,
};
use proptest::prelude::*;
use AccessLevel::*;

fn agent(json: &str) -> HaloAgent {
    serde_json::from_str(json).unwrap_or_else(|err| panic!("{json}: {err}"))
}

fn agent_with_claim(code: &str, value: &str) -> HaloAgent {
    agent(&format!(
        r#"{{"roles":[],"claims":[{{"type":"{code}","value":"{value}"}}]}}"#
    ))
}

/// The report's readings. Where its two variants differ, both readings bound the level; where
/// "Read, Create and Modify" could sit is unknown, so "Read and Modify" and above are lower
/// bounds.
fn expected_level(code: &str, value: &str) -> Option<LevelBounds> {
    let names_first = ["Ux", "Ix", "Fx"];
    let with_remove = ["Dx", "Xx"];
    Some(match (value, code) {
        ("0", _) => LevelBounds::exact(NoAccess),
        ("1", c) if names_first.contains(&c) => LevelBounds::between(NamesOnly, Read),
        ("1", _) => LevelBounds::exact(Read),
        ("2", c) if names_first.contains(&c) => LevelBounds::between(Read, ReadModify),
        ("2", c) if with_remove.contains(&c) => LevelBounds::between(ReadModify, ReadCreateModify),
        ("2", _) => LevelBounds::from_at_least(ReadModify),
        ("3", c) if names_first.contains(&c) || with_remove.contains(&c) => {
            LevelBounds::from_at_least(ReadModify)
        }
        _ => return None,
    })
}

const AREA_CODES: [(&str, Area); 17] = [
    ("Tx", Area::Tickets),
    ("Ux", Area::Clients),
    ("Fx", Area::Users),
    ("Ex", Area::Crm),
    ("Dx", Area::Assets),
    ("Sx", Area::Suppliers),
    ("Ix", Area::Items),
    ("Ox", Area::Sales),
    ("Qx", Area::Quotations),
    ("Yx", Area::SalesOrders),
    ("Zx", Area::PurchaseOrders),
    ("Jx", Area::BillingDetails),
    ("Xx", Area::Invoices),
    ("Rx", Area::Reporting),
    ("Cx", Area::ClientContracts),
    ("Gx", Area::SupplierContracts),
    ("Ax", Area::CalendarsAndAppointments),
];

const FLAG_CODES: [(&str, AgentFlags); 5] = [
    ("SA", AgentFlags::ADMINISTRATOR),
    ("Fc", AgentFlags::ALL_CLIENTS),
    ("Fa", AgentFlags::ALL_ASSET_TYPES),
    ("Ff", AgentFlags::ALL_ASSET_FIELDS),
    ("Ft", AgentFlags::ALL_TICKET_TYPES),
];

#[test]
fn every_area_code_and_value() {
    for (code, area) in AREA_CODES {
        for value in ["0", "1", "2", "3", "4", "7", "-1", "x", ""] {
            let agent = agent_with_claim(code, value);
            let grant = agent.grant_file().grant();
            match expected_level(code, value) {
                Some(bounds) => {
                    assert_eq!(grant.level(area), bounds, "{code} = {value}");
                    assert_eq!(agent.unrecognised().count(), 0, "{code} = {value}");
                }
                None => {
                    assert!(grant.level(area).is_unknown(), "{code} = {value}");
                    let notes: Vec<&str> = agent.unrecognised().collect();
                    assert_eq!(notes.len(), 1, "{code} = {value}");
                    assert!(
                        notes[0].contains(code) && notes[0].contains("unknown"),
                        "{notes:?}"
                    );
                }
            }
            // Nothing else is learnt from one claim.
            for other in Area::ALL.into_iter().filter(|&a| a != area) {
                assert!(grant.level(other).is_unknown(), "{code} set {other}");
            }
            assert_eq!(grant.known() & Known::APPLICATION, Known::empty());
        }
    }
}

#[test]
fn every_flag_code_and_value() {
    for (code, flag) in FLAG_CODES {
        for (value, yes) in [
            ("1", Some(true)),
            ("true", Some(true)),
            ("True", Some(true)),
            ("0", Some(false)),
            ("false", Some(false)),
            ("2", None),
            ("yes please", None),
        ] {
            let agent = agent_with_claim(code, value);
            assert_eq!(
                agent.grant_file().grant().has_flag(flag),
                yes,
                "{code} = {value}"
            );
            assert_eq!(agent.unrecognised().count(), usize::from(yes.is_none()));
        }
    }
}

#[test]
fn unknown_claim_types_are_listed_and_change_nothing() {
    let agent =
        agent(r#"{"claims":[{"type":"l6","value":"1"},{"type":"ux","value":"2"},{"value":"2"}]}"#);
    assert_eq!(agent.grant_file().grant(), Grant::unknown());
    let notes: Vec<&str> = agent.unrecognised().collect();
    assert_eq!(notes.len(), 3, "{notes:?}");
    assert!(
        notes[1].contains("`ux`"),
        "codes are case-sensitive: {notes:?}"
    );
}

#[test]
fn numbers_and_booleans_are_read_as_their_text() {
    let agent =
        agent(r#"{"roles":[],"claims":[{"type":"Xx","value":1},{"type":"SA","value":true}]}"#);
    let grant = agent.grant_file().grant();
    assert_eq!(grant.level(Area::Invoices), LevelBounds::exact(Read));
    assert_eq!(grant.has_flag(AgentFlags::ADMINISTRATOR), Some(true));
}

#[test]
fn is_admin_agrees_or_conflicts_with_the_sa_claim() {
    let plain = agent(r#"{"roles": [], "is_admin": true}"#);
    assert_eq!(
        plain
            .grant_file()
            .grant()
            .has_flag(AgentFlags::ADMINISTRATOR),
        Some(true)
    );
    let agree =
        agent(r#"{"roles": [], "is_admin": false, "claims":[{"type":"SA","value":"false"}]}"#);
    assert_eq!(
        agree
            .grant_file()
            .grant()
            .has_flag(AgentFlags::ADMINISTRATOR),
        Some(false)
    );
    assert_eq!(agree.conflicts().count(), 0);
    let disagree =
        agent(r#"{"roles": [], "is_admin": true, "claims":[{"type":"SA","value":"false"}]}"#);
    assert_eq!(
        disagree
            .grant_file()
            .grant()
            .has_flag(AgentFlags::ADMINISTRATOR),
        None
    );
    let conflicts: Vec<&str> = disagree.conflicts().collect();
    assert_eq!(conflicts.len(), 1);
    assert!(conflicts[0].contains("Is a Halo Administrator") && conflicts[0].contains("is_admin"));
}

#[test]
fn restriction_lists_empty_means_all() {
    let agent = agent(
        r#"{"roles": [], "clients": [], "assettypes": [{"id": 1, "name": "Laptop"}], "tickettypes": []}"#,
    );
    let grant = agent.grant_file().grant();
    assert_eq!(grant.has_flag(AgentFlags::ALL_CLIENTS), Some(true));
    assert_eq!(grant.has_flag(AgentFlags::ALL_ASSET_TYPES), Some(false));
    assert_eq!(grant.has_flag(AgentFlags::ALL_TICKET_TYPES), Some(true));
    assert_eq!(
        grant.has_flag(AgentFlags::ALL_ASSET_FIELDS),
        None,
        "left out: unknown"
    );
    // A list that disagrees with its claim is a conflict, not a choice.
    let both = self::agent(
        r#"{"roles": [], "clients": [{"id": 4}], "claims":[{"type":"Fc","value":"1"}]}"#,
    );
    assert_eq!(
        both.grant_file().grant().has_flag(AgentFlags::ALL_CLIENTS),
        None
    );
    assert_eq!(both.conflicts().count(), 1);
}

#[test]
fn roles_are_sources_and_role_files_fill_them() {
    let agent = agent(
        r#"{"name":"Datagate API","claims":[{"type":"Xx","value":"1"}],
            "roles":[{"id":3,"name":"Finance","claims":[{"type":"Xx","value":"3"}]},
                     {"id":9,"name":"Service Desk"}]}"#,
    );
    let file = agent.grant_file();
    let names: Vec<Option<&str>> = file.sources().iter().map(|s| s.name()).collect();
    assert_eq!(
        names,
        [Some("Datagate API"), Some("Finance"), Some("Service Desk")]
    );
    // The highest of the agent and its roles: at least Read and Modify.
    assert_eq!(file.grant().level(Area::Invoices).at_least(), ReadModify);
    let role: HaloRole = serde_json::from_str(
        r#"{"id":9,"name":"Service Desk","claims":[{"type":"Ux","value":"0"}]}"#,
    )
    .unwrap();
    let filled = agent.clone().with_role(role).unwrap();
    assert_eq!(
        filled.roles()[1].grant().level(Area::Clients),
        LevelBounds::exact(NoAccess)
    );
    // The same role described twice, disagreeing: a conflict naming both.
    let again: HaloRole =
        serde_json::from_str(r#"{"id":3,"name":"Finance","claims":[{"type":"Xx","value":"0"}]}"#)
            .unwrap();
    let both = agent.clone().with_role(again).unwrap();
    let conflicts: Vec<&str> = both.conflicts().collect();
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    assert!(conflicts[0].contains("Finance") && conflicts[0].contains("role's own JSON"));
    // A role the agent does not have is an error naming it.
    let stranger: HaloRole = serde_json::from_str(r#"{"id":77,"name":"Admins"}"#).unwrap();
    let err = agent.with_role(stranger).unwrap_err();
    let err = err.to_string();
    assert!(err.contains("Admins") && err.contains("Finance"), "{err}");
}

fn jwt(payload: &str) -> String {
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    format!(
        "{}.{}.c2lnbmF0dXJl",
        b64.encode(r#"{"alg":"RS256"}"#),
        b64.encode(payload)
    )
}

fn token(access_token: &str, scope: Option<&str>) -> Result<TokenResponse, serde_json::Error> {
    let mut json = serde_json::json!({ "access_token": access_token, "token_type": "Bearer" });
    if let Some(scope) = scope {
        json["scope"] = scope.into();
    }
    serde_json::from_value(json)
}

#[test]
fn jwt_scope_claim_is_read_when_the_response_has_no_scope() {
    let with = token(&jwt(r#"{"scope":"read:customers read:items"}"#), None).unwrap();
    assert!(with.scope_from_access_token() && !with.has_scope());
    assert_eq!(with.grant().has_scope(Scopes::READ_CUSTOMERS), Some(true));
    assert_eq!(with.grant().has_scope(Scopes::READ_INVOICES), Some(false));
    let list = token(&jwt(r#"{"scope":["read:customers"]}"#), None).unwrap();
    assert_eq!(list.grant().has_scope(Scopes::READ_CUSTOMERS), Some(true));
    // Without the claim, or with an opaque token: unknown.
    for access in [
        jwt(r#"{"sub":"7"}"#),
        "opaque-token".to_string(),
        "x.y.z".to_string(),
    ] {
        let t = token(&access, None).unwrap();
        assert!(!t.scope_from_access_token());
        assert_eq!(t.grant(), Grant::unknown());
    }
    // With both, the response's `scope` and the claim are compared, never preferred.
    let both = token(&jwt(r#"{"scope":"read:items"}"#), Some("read:customers")).unwrap();
    assert!(both.has_scope() && !both.scope_from_access_token());
    assert_eq!(both.grant().has_scope(Scopes::READ_ITEMS), None);
    assert_eq!(both.grant().has_scope(Scopes::READ_CUSTOMERS), None);
    assert_eq!(both.grant().has_scope(Scopes::READ_INVOICES), Some(false));
    assert_eq!(both.conflicts().len(), 2);
    assert!(both.conflicts()[0].contains("`read:customers`: the access token's `scope` claim says not granted, the response's `scope` field says granted"));
    let agree = token(
        &jwt(r#"{"scope":"read:customers"}"#),
        Some("read:customers"),
    )
    .unwrap();
    assert!(agree.conflicts().is_empty());
    assert_eq!(agree.grant().has_scope(Scopes::READ_CUSTOMERS), Some(true));
    // With a `scope` field, an access token that is no readable JWT is simply not compared.
    for access in [jwt("not json"), "opaque".to_string()] {
        let t = token(&access, Some("read:customers")).unwrap();
        assert!(t.conflicts().is_empty());
        assert_eq!(t.grant().has_scope(Scopes::READ_CUSTOMERS), Some(true));
    }
}

#[test]
fn an_unreadable_access_token_leaves_the_scopes_unknown_and_is_never_shown() {
    for (access, form) in [
        (jwt("SECRET not json"), AccessToken::Malformed),
        (
            format!("{}.SECRET!.sig", jwt("{}").split('.').next().unwrap()),
            AccessToken::Malformed,
        ),
        (jwt(r#"{"scope": {"SECRET": 1}}"#), AccessToken::Malformed),
        // A JWE (five parts), as OpenIddict issues by default, and an opaque reference token.
        (
            "eyJhbGciOiJSU0EtT0FFUCJ9.SECRET.aXY.SECRET.dGFn".to_string(),
            AccessToken::Encrypted,
        ),
        (
            "SECRET-2YotnFZFEjr1zCsicMWpAA".to_string(),
            AccessToken::Opaque,
        ),
    ] {
        let t = token(&access, None).unwrap();
        assert_eq!(t.access_token(), form, "{access}");
        assert!(!t.has_scope() && !t.scope_from_access_token());
        assert_eq!(t.grant(), Grant::unknown());
        assert!(!format!("{t:?} {}", t.access_token()).contains("SECRET"));
        // With a `scope` field, the field is read and the token only described.
        let t = token(&access, Some("read:customers")).unwrap();
        assert_eq!(t.grant().has_scope(Scopes::READ_CUSTOMERS), Some(true));
        assert_eq!(t.access_token(), form);
    }
}

#[test]
fn combine_keeps_what_agrees_and_reports_what_does_not() {
    let a = Grant::unknown()
        .with_scopes(Scopes::READ_ITEMS, Some(true))
        .with_level(Area::Invoices, LevelBounds::from_at_least(Read))
        .with_flags(AgentFlags::ALL_CLIENTS, Some(true));
    let b = Grant::unknown()
        .with_scopes(Scopes::READ_ITEMS, Some(true))
        .with_level(Area::Invoices, LevelBounds::from_at_most(ReadModify))
        .with_level(Area::Clients, LevelBounds::exact(Read))
        .with_flags(AgentFlags::ALL_CLIENTS, Some(false));
    let (c, conflicts) = combine(&a, &b);
    assert_eq!(c.has_scope(Scopes::READ_ITEMS), Some(true));
    assert_eq!(
        c.level(Area::Invoices),
        LevelBounds::between(Read, ReadModify)
    );
    assert_eq!(c.level(Area::Clients), LevelBounds::exact(Read));
    assert_eq!(c.has_flag(AgentFlags::ALL_CLIENTS), None);
    assert_eq!(
        conflicts,
        [Conflict::Flag {
            flag: AgentFlags::ALL_CLIENTS,
            first: true
        }]
    );
    // Levels that do not overlap: the span of both, and a conflict.
    let low = Grant::unknown().with_level(Area::Items, LevelBounds::exact(Read));
    let high = Grant::unknown().with_level(Area::Items, LevelBounds::exact(ReadModify));
    let (c, conflicts) = combine(&low, &high);
    assert_eq!(c.level(Area::Items), LevelBounds::between(Read, ReadModify));
    assert!(conflicts[0]
        .between("A", "B")
        .contains("A says Read, B says Read and Modify"));
}

proptest! {
    #[test]
    fn adding_evidence_never_flips_runs_and_blocked(
        (a, b) in common::privileges().prop_flat_map(|truth| (common::observation(truth), common::observation(truth))),
        flows in common::flows(),
    ) {
        let (c, conflicts) = combine(&a, &b);
        prop_assert!(conflicts.is_empty(), "observations of one truth cannot conflict");
        let needed = required_for(flows);
        let (before, after) = (needed.evaluate_grant(&a), needed.evaluate_grant(&c));
        for flow in Flow::ALL.into_iter().filter(|&f| flows.has(f)) {
            match before.verdict(flow) {
                Verdict::Runs | Verdict::Blocked => {
                    prop_assert_eq!(after.verdict(flow), before.verdict(flow), "{}", flow)
                }
                _ => {}
            }
        }
    }
}

#[test]
fn evidence_keeps_a_disagreement_however_many_sources_follow() {
    let yes = Grant::unknown().with_scopes(Scopes::READ_ITEMS, Some(true));
    let no = Grant::unknown().with_scopes(Scopes::READ_ITEMS, Some(false));
    let evidence = Evidence::new().with("A", yes).with("B", no).with("C", yes);
    // Folding `combine` would let C settle it; evidence does not.
    assert_eq!(
        combine(&combine(&yes, &no).0, &yes)
            .0
            .has_scope(Scopes::READ_ITEMS),
        Some(true)
    );
    assert_eq!(evidence.grant().has_scope(Scopes::READ_ITEMS), None);
    assert_eq!(
        evidence.conflicts(),
        [
            "`read:items`: A says granted, B says not granted",
            "`read:items`: B says not granted, C says granted"
        ]
    );
    let said: Vec<String> = evidence.said().map(|said| said.to_string()).collect();
    assert_eq!(
        said,
        [
            "read:items: A says granted",
            "read:items: B says not granted",
            "read:items: C says granted"
        ]
    );
}

#[test]
fn evidence_spans_only_the_sources_that_know_a_level() {
    let at = |bounds| Grant::unknown().with_level(Area::Invoices, bounds);
    let evidence = Evidence::new()
        .with("token", Grant::unknown())
        .with("file", at(LevelBounds::exact(Read)))
        .with("agent", at(LevelBounds::from_at_least(ReadModify)));
    assert_eq!(
        evidence.grant().level(Area::Invoices),
        LevelBounds::between(Read, ReadCreateModifyDelete)
    );
    assert_eq!(evidence.conflicts().len(), 1);
    // Agreeing bounds narrow each other.
    let agree = Evidence::new()
        .with("file", at(LevelBounds::from_at_least(Read)))
        .with("agent", at(LevelBounds::from_at_most(ReadModify)));
    assert_eq!(
        agree.grant().level(Area::Invoices),
        LevelBounds::between(Read, ReadModify)
    );
    assert!(agree.conflicts().is_empty());
}

#[test]
fn evidence_tells_sources_of_one_name_apart_and_writes_json() {
    let (token, _) = Grant::from_token_scope("read:customers");
    let evidence = Evidence::new()
        .with("the token", token)
        .with(
            "the token",
            Grant::unknown().with_scopes(Scopes::READ_CUSTOMERS, Some(false)),
        )
        .with(
            "the agent",
            Grant::unknown().with_flags(AgentFlags::ALL_CLIENTS, Some(true)),
        );
    let names: Vec<&str> = evidence.observations().map(|(name, _)| name).collect();
    assert_eq!(names, ["the token", "the token (2)", "the agent"]);
    let json = serde_json::to_value(&evidence).unwrap();
    assert_eq!(json["sources"][1], "the token (2)");
    let items = json["items"].as_array().unwrap();
    let customers = items
        .iter()
        .find(|i| i["item"] == "read:customers")
        .unwrap();
    assert_eq!(customers["known"], "unknown");
    assert_eq!(customers["said"]["the token"], "granted");
    assert_eq!(customers["said"]["the token (2)"], "not granted");
    let items_scope = items.iter().find(|i| i["item"] == "read:items").unwrap();
    assert_eq!(items_scope["known"], "not granted");
    assert_eq!(items_scope["said"].as_object().unwrap().len(), 1);
    let clients = items
        .iter()
        .find(|i| i["item"] == "Allow use of all Clients")
        .unwrap();
    assert_eq!(clients["known"], "Yes");
    assert_eq!(clients["said"]["the agent"], "Yes");
    assert_eq!(json["conflicts"].as_array().unwrap().len(), 1);
}

#[test]
fn a_grant_file_and_the_agent_json_combine_role_by_role() {
    let level = |area, level| Grant::unknown().with_level(area, LevelBounds::exact(level));
    let file = GrantFile::from_source_grants(
        Grant::unknown(),
        vec![
            Source::agent_grant(level(Area::Clients, Read)).named("Datagate"),
            Source::role_grant("Finance", level(Area::Invoices, ReadCreateModifyDelete)),
            Source::role_grant("Old Role", level(Area::Items, Read)),
        ],
    );
    let halo = GrantFile::from_source_grants(
        Grant::unknown(),
        vec![
            Source::agent_grant(level(Area::Clients, ReadModify)),
            Source::role_grant("FINANCE", level(Area::Items, Read)).dedicated(true),
            Source::role_grant("Service Desk", level(Area::Tickets, Read)),
        ],
    );
    let (both, notes) = file.combined("the file", &halo, "HaloPSA");
    let names: Vec<_> = both.sources().iter().map(|s| s.name()).collect();
    assert_eq!(
        names,
        [
            Some("Datagate"),
            Some("Finance"),
            Some("Old Role"),
            Some("Service Desk")
        ]
    );
    assert!(
        both.sources()[1].is_dedicated(),
        "a marker on either side is kept"
    );
    assert_eq!(
        notes,
        [
            "Clients Access Level: the file for the agent says Read, HaloPSA for the agent says \
             Read and Modify",
            "role \"Old Role\" is in the file but not in HaloPSA; it is kept",
            "role \"Service Desk\" is in HaloPSA but not in the file; it is kept",
        ]
    );
    // The matched role knows what either side knows.
    let finance = both.sources()[1].grant();
    assert_eq!(
        finance.level(Area::Invoices),
        LevelBounds::exact(ReadCreateModifyDelete)
    );
    assert_eq!(finance.level(Area::Items), LevelBounds::exact(Read));
    // The agent's conflict leaves its Clients level spanning both.
    assert_eq!(
        both.sources()[0].grant().level(Area::Clients),
        LevelBounds::between(Read, ReadModify)
    );

    // A flat file: the effective grants are combined, and the result is flat.
    let flat = GrantFile::flat(level(Area::Tickets, NoAccess));
    let (both, notes) = flat.combined("the file", &halo, "HaloPSA");
    assert!(both.sources().is_empty());
    assert_eq!(
        notes,
        ["Tickets Access Level: the file says No Access, HaloPSA says at least Read"]
    );
    assert_eq!(
        both.grant().level(Area::Clients),
        LevelBounds::from_at_least(ReadModify)
    );
}

proptest! {
    #[test]
    fn evidence_of_one_truth_never_conflicts_nor_flips(
        (a, b, c) in common::privileges().prop_flat_map(|truth| (
            common::observation(truth),
            common::observation(truth),
            common::observation(truth),
        )),
        flows in common::flows(),
    ) {
        let evidence = Evidence::new().with("a", a).with("b", b).with("c", c);
        prop_assert!(evidence.conflicts().is_empty());
        let needed = required_for(flows);
        let (before, after) = (needed.evaluate_grant(&a), needed.evaluate_grant(&evidence.grant()));
        for flow in Flow::ALL.into_iter().filter(|&f| flows.has(f)) {
            if matches!(before.verdict(flow), Verdict::Runs | Verdict::Blocked) {
                prop_assert_eq!(after.verdict(flow), before.verdict(flow), "{}", flow);
            }
        }
    }
}
