#![cfg(feature = "serde")]
//! Grants as support engineers write them: agent and roles, HaloPSA's wording, yes/no settings,
//! notes, a byte order mark, and errors that say how to fix a near miss.

use halopsa_privileges::{
    required_for, AccessLevel, AgentFlags, Area, Flow, Flows, Grant, GrantFile, Known, Privileges,
    Scopes,
};
use proptest::prelude::*;
use serde_json::json;

/// The README's example: the agent plus two roles, yes/no settings, notes.
const EXAMPLE: &str = r#"{
  "notes": "From the customer's screenshots of 2026-11-20 (ticket 4711)",
  "scopes": "read:customers, read:items, read:invoices, edit:invoices, read:assets",
  "agent": {
    "name": "Datagate API",
    "access": { "Clients": "Read" },
    "flags": []
  },
  "roles": [
    {
      "name": "Datagate API Role",
      "access": { "Items": "Read Only", "Invoices": "Read, Create, Modify, Delete", "Assets": "Read" },
      "flags": {
        "Asset Type Restrictions: Allow use of all Asset Types": "Yes",
        "Allow use of all Asset Fields": true,
        "Is a Halo Administrator": "No"
      }
    },
    { "name": "Finance", "access": { "Invoice": "Read and Modify" }, "flags": [] }
  ]
}"#;

#[test]
fn agent_and_roles_join_into_the_effective_grant() {
    let file: GrantFile = serde_json::from_str(EXAMPLE).unwrap();
    assert_eq!(
        file.notes(),
        Some("From the customer's screenshots of 2026-11-20 (ticket 4711)")
    );
    let names: Vec<Option<&str>> = file.sources().iter().map(|s| s.name()).collect();
    assert_eq!(
        names,
        [
            Some("Datagate API"),
            Some("Datagate API Role"),
            Some("Finance")
        ]
    );
    assert!(file.sources()[0].is_agent() && !file.sources()[1].is_agent());
    // HaloPSA applies the highest level of the agent and all its roles.
    let grant = file.grant();
    // The asset settings are Yes on one role and No on the agent and the other role: how
    // HaloPSA combines restrictions is not documented, so they are unknown.
    let restrictions = AgentFlags::ALL_ASSET_TYPES | AgentFlags::ALL_ASSET_FIELDS;
    assert_eq!(file.restrictions_combined(), restrictions);
    assert_eq!(grant.known(), Known::all() - Known::flag(restrictions));
    assert_eq!(
        grant.privileges().level(Area::Invoices),
        AccessLevel::ReadCreateModifyDelete
    );
    assert_eq!(
        file.sources()[2].privileges().level(Area::Invoices),
        AccessLevel::ReadModify
    );
    let others = Flows::all() - Flows::SERVICE_ITEMS_SYNC;
    let report = required_for(others).evaluate(grant.privileges());
    assert!(report.is_satisfied(), "{report}");
    assert!(report.is_least_privilege(), "{report}");
    let report = required_for(Flows::SERVICE_ITEMS_SYNC).evaluate_grant(&grant);
    assert_eq!(report.unverified(), Flows::SERVICE_ITEMS_SYNC, "{report}");
    // Read as a plain grant, the same file gives the effective grant.
    let plain: Grant = serde_json::from_str(EXAMPLE).unwrap();
    assert_eq!(plain, grant);
}

#[test]
fn an_unknown_level_on_one_role_is_unknown_unless_another_settles_it() {
    let file: GrantFile = serde_json::from_value(json!({
        "agent": { "access": { "clients": "unknown", "items": "unknown" } },
        "roles": [{ "name": "R", "access": { "clients": "read-create-modify-delete", "items": "read" } }]
    }))
    .unwrap();
    let known = file.grant().known();
    // Clients: a role grants the top level, so the agent's unknown level cannot matter.
    assert!(known.has_area(Area::Clients));
    // Items: the agent may grant more than Read; not known.
    assert!(!known.has_area(Area::Items));
}

#[test]
fn flat_and_agent_roles_cannot_be_mixed_and_roles_need_names() {
    for bad in [
        json!({ "access": { "clients": "read" }, "agent": { "access": {} } }),
        json!({ "flags": [], "roles": [] }),
    ] {
        let err = serde_json::from_value::<GrantFile>(bad)
            .unwrap_err()
            .to_string();
        assert!(err.contains("choose one"), "{err}");
    }
    let err = serde_json::from_value::<GrantFile>(json!({ "roles": [{ "access": {} }] }))
        .unwrap_err()
        .to_string();
    assert!(err.contains("role 1 has no `name`"), "{err}");
}

#[test]
fn old_forms_still_read() {
    let old: Privileges = serde_json::from_value(json!({
        "scopes": ["read:customers", "read:items"],
        "access": { "clients": "read", "invoices": "read-create-modify-delete" },
        "flags": ["all-asset-types"]
    }))
    .unwrap();
    assert_eq!(
        old,
        Privileges::none()
            .with_scopes(Scopes::READ_CUSTOMERS | Scopes::READ_ITEMS)
            .with_level(Area::Clients, AccessLevel::Read)
            .with_level(Area::Invoices, AccessLevel::ReadCreateModifyDelete)
            .with_flags(AgentFlags::ALL_ASSET_TYPES)
    );
    // And `Privileges` still writes the same form.
    assert_eq!(
        serde_json::to_value(old).unwrap(),
        json!({ "scopes": "read:customers read:items",
                "access": { "clients": "read", "invoices": "read-create-modify-delete" },
                "flags": ["all-asset-types"] })
    );
}

#[test]
fn each_accepted_form() {
    let read = |value: serde_json::Value| -> Privileges { serde_json::from_value(value).unwrap() };
    // Commas between scopes.
    assert_eq!(
        read(json!({ "scopes": "read:customers,read:items , edit:invoices" })).scopes(),
        Scopes::READ_CUSTOMERS | Scopes::READ_ITEMS | Scopes::EDIT_INVOICES
    );
    // Yes/No settings by id, label, or "Section: Label", with true/false/"Yes"/"No".
    let flags = read(json!({ "flags": {
        "all-clients": false,
        "Allow use of all Asset Types": "yes",
        "Asset Field Restrictions: Allow use of all Asset Fields": true,
        "administrator": "No"
    } }))
    .flags();
    assert_eq!(
        flags,
        AgentFlags::ALL_ASSET_TYPES | AgentFlags::ALL_ASSET_FIELDS
    );
    // Labels as people type them.
    let levels = read(json!({ "access": {
        "Customers": "read only",
        "Invoice Access Level": "Read, Create, Modify, Delete",
        "sales orders": "names only",
        "Calendars & Appointments": "READ AND MODIFY",
        "items": "Read, Create and Modify"
    } }));
    assert_eq!(levels.level(Area::Clients), AccessLevel::Read);
    assert_eq!(
        levels.level(Area::Invoices),
        AccessLevel::ReadCreateModifyDelete
    );
    assert_eq!(levels.level(Area::SalesOrders), AccessLevel::NamesOnly);
    assert_eq!(
        levels.level(Area::CalendarsAndAppointments),
        AccessLevel::ReadModify
    );
    assert_eq!(levels.level(Area::Items), AccessLevel::ReadCreateModify);
    // Notes, anywhere a person might put them.
    read(json!({ "notes": "seen on screen", "scopes": "" }));
    let _: GrantFile = serde_json::from_value(json!({
        "roles": [{ "name": "R", "notes": "inherited" }]
    }))
    .unwrap();
    // A byte order mark (Notepad).
    let with_bom = "\u{feff}{\"scopes\": \"read:customers\"}";
    assert!(serde_json::from_str::<Privileges>(with_bom).is_err());
    let grant: Privileges = serde_json::from_str(GrantFile::without_bom(with_bom)).unwrap();
    assert_eq!(grant.scopes(), Scopes::READ_CUSTOMERS);
}

/// Reads `value` as a grant file and returns the error message.
fn error(value: serde_json::Value) -> String {
    serde_json::from_value::<GrantFile>(value)
        .unwrap_err()
        .to_string()
}

#[test]
fn near_misses_get_a_suggestion() {
    let cases = [
        (
            json!({ "scope": "read:customers" }),
            "did you mean `scopes`",
        ),
        (
            json!({ "scopes": "read:item" }),
            "did you mean `read:items`",
        ),
        (
            json!({ "scopes": "read:customer" }),
            "did you mean `read:customers`",
        ),
        (
            json!({ "scopes": "read:clients" }),
            "did you mean `read:customers`",
        ),
        (
            json!({ "scopes": "edit:invoice" }),
            "did you mean `edit:invoices`",
        ),
        (
            json!({ "scopes": "invoices:edit" }),
            "did you mean `edit:invoices`",
        ),
        (
            json!({ "scopes": "write:invoices" }),
            "did you mean `edit:invoices`",
        ),
        (
            json!({ "access": { "Clints": "read" } }),
            "did you mean `Clients`",
        ),
        (
            json!({ "access": { "Products": "read" } }),
            "did you mean `Items`",
        ),
        (
            json!({ "access": { "clients": "Raed" } }),
            "did you mean `Read`",
        ),
        (
            json!({ "flags": ["Allow use of all Asset Tpyes"] }),
            "did you mean `Allow use of all Asset Types`",
        ),
    ];
    for (input, hint) in cases {
        let err = error(input.clone());
        assert!(err.contains(hint), "{input}: `{err}` lacks {hint}");
    }
    // The message lists the labels that work, not only ids.
    let err = error(json!({ "access": { "clients": "full" } }));
    assert!(err.contains("`Read, Create, Modify and Delete`"), "{err}");
    let err = error(json!({ "flags": ["everything"] }));
    assert!(err.contains("`Allow use of all Clients`"), "{err}");
}

#[test]
fn echoed_input_is_escaped_and_cut() {
    let err = error(json!({ "scopes": "read:\u{1b}[2Jcustomers" }));
    assert!(!err.contains('\u{1b}'), "{err:?}");
    assert!(err.contains("\\u{1b}"), "{err}");
    let err = error(json!({ "\u{1b}]0;pwned\u{7}": 1 }));
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
    let huge = "x".repeat(1 << 20);
    let err = error(json!({ "scopes": huge }));
    assert!(err.len() < 300, "{} bytes", err.len());
    assert!(err.contains("1048576 bytes in all"), "{err}");
}

/// All the names a person might mean: scope strings, and flow, area, level and flag labels.
fn names() -> Vec<(&'static str, &'static str)> {
    let mut names: Vec<(&str, &str)> = Scopes::all().scopes().map(|(_, n)| ("scope", n)).collect();
    names.extend(Flow::ALL.iter().map(|f| ("flow", f.title())));
    names.extend(Area::ALL.iter().map(|a| ("area", a.name())));
    names.extend(AccessLevel::ALL.iter().map(|l| ("level", l.label())));
    names.extend(
        AgentFlags::all()
            .flags()
            .map(|f| ("flag", f.label().unwrap())),
    );
    names
}

/// Parses `text` as the kind of `kind`; `Err` with the message otherwise.
fn parse(kind: &str, text: &str) -> Result<(), String> {
    let result = match kind {
        "scope" => text.parse::<Scopes>().map(drop),
        "flow" => text.parse::<Flow>().map(drop),
        "area" => text.parse::<Area>().map(drop),
        "level" => text.parse::<AccessLevel>().map(drop),
        _ => AgentFlags::from_flag(text).map(drop),
    };
    result.map_err(|err| err.to_string())
}

proptest! {
    /// One edit (delete, insert, replace or swap a character) of any known name either still
    /// parses or gets a suggestion that names a known name.
    #[test]
    fn a_near_miss_parses_or_gets_a_suggestion(
        which in any::<prop::sample::Index>(),
        at in any::<prop::sample::Index>(),
        edit in 0..4u8,
        letter in "[a-z]",
    ) {
        let names = names();
        let (kind, name) = names[which.index(names.len())];
        let mut chars: Vec<char> = name.chars().collect();
        let i = at.index(chars.len());
        let c = letter.chars().next().unwrap();
        match edit {
            0 => { chars.remove(i); }
            1 => chars.insert(i, c),
            2 => chars[i] = c,
            _ => if i + 1 < chars.len() { chars.swap(i, i + 1) },
        }
        let typed: String = chars.into_iter().collect();
        if let Err(message) = parse(kind, &typed) {
            let suggested = message
                .split("did you mean `")
                .nth(1)
                .and_then(|rest| rest.split('`').next());
            let known = suggested.is_some_and(|s| names.iter().any(|(_, n)| *n == s)
                || Scopes::from_scope(s).is_some()
                || ["openid", "email", "profile", "offline_access", "roles"].contains(&s));
            prop_assert!(known, "`{}` ({} `{}`): {}", typed, kind, name, message);
        }
    }
}

/// The forms people paste (issue 18): level words in any order, yes/no spellings, semicolons,
/// roles as an object keyed by name, HaloPSA's "Role Name", the article's own setting line.
#[test]
fn the_forms_people_paste_are_read() {
    let file: GrantFile = serde_json::from_value(json!({
        "scopes": "read:customers; read:items",
        "agent": { "access": { "Clients": "Read" },
                   "flags": { "Allow use of all Clients": "Ticked", "administrator": "N",
                              "all-asset-types": 0, "all-asset-fields": "✗",
                              "all-ticket-types": "off" } },
        "roles": {
            "Datagate API Role": {
                "access": { "Invoices": "Read, Modify, Create and Delete", "Items": "read" },
                "flags": ["Asset Type Restrictions: Allow use of all Asset Types = Yes"]
            },
            "Finance": { "Role Name": "Finance", "access": { "Quotations": "Read" }, "flags": [] }
        }
    }))
    .unwrap();
    let grant = file.grant();
    assert_eq!(
        grant.privileges().scopes(),
        Scopes::READ_CUSTOMERS | Scopes::READ_ITEMS
    );
    assert_eq!(
        grant.level(Area::Invoices).exact_level(),
        Some(AccessLevel::ReadCreateModifyDelete)
    );
    // "Ticked" on the agent; the roles' settings say No, so the joined setting is unknown.
    let agent = file.sources()[0].grant();
    assert_eq!(agent.has_flag(AgentFlags::ALL_CLIENTS), Some(true));
    assert_eq!(grant.has_flag(AgentFlags::ALL_CLIENTS), None);
    assert_eq!(grant.has_flag(AgentFlags::ADMINISTRATOR), Some(false));
    // Yes on one role, No on the agent and the other role: how HaloPSA combines them is not
    // documented, so the joined setting is unknown.
    assert_eq!(grant.has_flag(AgentFlags::ALL_ASSET_TYPES), None);
    assert_eq!(grant.has_flag(AgentFlags::ALL_ASSET_FIELDS), Some(false));
    let names: Vec<_> = file.sources().iter().filter_map(|s| s.name()).collect();
    assert_eq!(names, ["Datagate API Role", "Finance"]);
    for (level, read) in [
        ("Read, Modify and Create", AccessLevel::ReadCreateModify),
        (
            "Read, Modify, Create and Delete",
            AccessLevel::ReadCreateModifyDelete,
        ),
        ("modify read", AccessLevel::ReadModify),
    ] {
        assert_eq!(level.parse::<AccessLevel>().unwrap(), read, "{level}");
    }
    // A word too many is still an error.
    assert!("Read, Modify, Create, Delete and Approve"
        .parse::<AccessLevel>()
        .is_err());
    // A role named twice, or a name that disagrees with its key, is an error.
    let err = serde_json::from_value::<GrantFile>(json!({
        "roles": { "Finance": { "name": "Sales" } }
    }))
    .unwrap_err()
    .to_string();
    assert!(err.contains("gives another `name`"), "{err}");
    // `--flows customers` gets the flow it meant.
    let err = "customers".parse::<Flows>().unwrap_err().to_string();
    assert!(err.contains("did you mean `customers-sync`"), "{err}");
}

/// Role names are shown in full in headings, with bidi and zero-width characters escaped; error
/// echoes escape them too.
#[test]
fn names_show_in_full_and_never_raw_bidi() {
    let long = format!("Datagate {}", "x".repeat(80));
    let tricky = "Fin\u{202E}ecna\u{200B}";
    let file: GrantFile = serde_json::from_value(json!({
        "scopes": "read:customers",
        "agent": { "access": { "Clients": "Read" }, "flags": [] },
        "roles": [ { "name": long, "access": { "Tickets": "Read" }, "flags": [] },
                   { "name": tricky, "access": { "Quotations": "Read" }, "flags": [] } ]
    }))
    .unwrap();
    let report = required_for(Flows::CUSTOMERS_SYNC).evaluate_grant(&file.grant());
    let text = halopsa_privileges::Plan::new(report, Some(&file)).to_string();
    assert!(text.contains(&long), "{text}");
    assert!(
        !text.contains('\u{202E}') && !text.contains('\u{200B}'),
        "{text}"
    );
    assert!(text.contains("\\u{202e}"), "{text}");
    let err = serde_json::from_value::<GrantFile>(json!({ "access": { tricky: "Read" } }))
        .unwrap_err()
        .to_string();
    assert!(!err.contains('\u{202E}'), "{err}");
}

/// Areas and scopes HaloPSA has and this crate does not model are accepted and listed, never
/// evaluated and never silently dropped; a near miss of a known one is still an error.
#[test]
fn what_the_crate_does_not_model_is_listed_apart() {
    let file: GrantFile = serde_json::from_value(json!({
        "scopes": "read:customers read:opportunities",
        "agent": { "access": { "Clients": "Read", "Opportunities": "Read" }, "flags": [] },
        "roles": [ { "name": "Sales", "access": { "Projects": "at least Read" }, "flags": [] } ]
    }))
    .unwrap();
    assert_eq!(
        file.not_modeled(),
        [
            "scope read:opportunities",
            "Opportunities Access Level: Read (the agent)",
            "Projects Access Level: at least Read (role \"Sales\")"
        ]
    );
    assert_eq!(file.grant().privileges().scopes(), Scopes::READ_CUSTOMERS);
    let report = required_for(Flow::CustomersSync).evaluate_grant(&file.grant());
    let text = halopsa_privileges::Plan::new(report, Some(&file)).to_string();
    assert!(
        !text.contains("with exactly the least privilege)"),
        "{text}"
    );
    for near_miss in [
        json!({ "access": { "Cleints": "read" } }),
        json!({ "scopes": "read:item" }),
        json!({ "scopes": "read customers" }),
    ] {
        assert!(
            serde_json::from_value::<GrantFile>(near_miss.clone()).is_err(),
            "{near_miss}"
        );
    }
    // `Privileges`, which holds only what the crate models, refuses them.
    let err = serde_json::from_value::<Privileges>(json!({ "scopes": "read:opportunities" }))
        .unwrap_err()
        .to_string();
    assert!(err.contains("not something this crate models"), "{err}");
}

/// Flag values other than the yes/no spellings are bad input with a hint; a sign is not dropped.
#[test]
fn flag_values_other_than_yes_and_no_are_bad_input() {
    for bad in [
        json!("-1"),
        json!(-1),
        json!(2),
        json!("2"),
        json!(1.0),
        json!("+1"),
        json!("1.0"),
    ] {
        let input = json!({ "flags": { "all-asset-types": bad } });
        let err = serde_json::from_value::<GrantFile>(input.clone())
            .unwrap_err()
            .to_string();
        assert!(err.contains("is not true, false"), "{input}: {err}");
        assert!(err.contains("1 is Yes and 0 is No"), "{input}: {err}");
    }
    for (good, yes) in [
        (json!("1"), true),
        (json!(" 0 "), false),
        (json!(1), true),
        (json!("Y"), true),
    ] {
        let file: GrantFile =
            serde_json::from_value(json!({ "flags": { "all-asset-types": good } })).unwrap();
        assert_eq!(
            file.grant().has_flag(AgentFlags::ALL_ASSET_TYPES),
            Some(yes),
            "{good}"
        );
    }
}
