//! Text forms: every value round-trips through `Display` and `FromStr`, HaloPSA's wording is
//! accepted, bad input is a typed error naming it, and no input panics.

mod common;

use common::{every_flag, every_flow_set, every_scope};
use halopsa_privileges::{AccessLevel, AgentFlags, Area, Flow, Flows, ParseError, Scopes};
use proptest::prelude::*;

#[test]
fn every_value_round_trips() {
    for flow in Flow::ALL {
        assert_eq!(flow.to_string().parse::<Flow>(), Ok(flow));
        assert_eq!(flow.id().parse::<Flow>(), Ok(flow));
    }
    for set in every_flow_set() {
        assert_eq!(set.to_string().parse::<Flows>(), Ok(set), "`{set}`");
    }
    for area in Area::ALL {
        assert_eq!(area.to_string().parse::<Area>(), Ok(area));
        assert_eq!(area.id().parse::<Area>(), Ok(area));
        assert_eq!(format!("{area} Access Level").parse::<Area>(), Ok(area));
    }
    for level in AccessLevel::ALL {
        assert_eq!(level.to_string().parse::<AccessLevel>(), Ok(level));
        assert_eq!(level.id().parse::<AccessLevel>(), Ok(level));
    }
    for scope in every_scope() {
        assert_eq!(scope.to_string().parse::<Scopes>(), Ok(scope));
        assert_eq!(Scopes::from_scope(scope.name().unwrap()), Some(scope));
    }
    assert_eq!(
        Scopes::all().to_string().parse::<Scopes>(),
        Ok(Scopes::all())
    );
    assert_eq!(
        Scopes::empty().to_string().parse::<Scopes>(),
        Ok(Scopes::empty())
    );
    for flag in every_flag() {
        assert_eq!(flag.to_string().parse::<AgentFlags>(), Ok(flag));
        assert_eq!(flag.label().unwrap().parse::<AgentFlags>(), Ok(flag));
    }
    assert_eq!(
        AgentFlags::all().to_string().parse::<AgentFlags>(),
        Ok(AgentFlags::all())
    );
}

#[test]
fn design_lists_fifty_scopes_each_with_its_exact_string() {
    let names: Vec<&str> = Scopes::all().scopes().map(|(_, name)| name).collect();
    assert_eq!(names.len(), 50);
    assert_eq!(Scopes::ALL.name(), Some("all"));
    assert_eq!(Scopes::ALL_STANDARD.name(), Some("all:standard"));
    assert_eq!(
        Scopes::EDIT_MINE_TIMESHEETS.name(),
        Some("editMine:timesheets")
    );
    assert_eq!(
        Scopes::ACCESS_ADPASSWORDRESET.name(),
        Some("access:adpasswordreset")
    );
    assert_ne!(Scopes::ALL, Scopes::all());
}

#[test]
fn halopsa_wording_is_accepted() {
    let cases = [
        ("None", AccessLevel::NoAccess),
        ("  no access ", AccessLevel::NoAccess),
        ("View (Names Only)", AccessLevel::NamesOnly),
        ("READ ONLY", AccessLevel::Read),
        ("Read and Modify", AccessLevel::ReadModify),
        (
            "Read, Modify and Remove",
            AccessLevel::ReadCreateModifyDelete,
        ),
        (
            "read-create-modify-delete",
            AccessLevel::ReadCreateModifyDelete,
        ),
    ];
    for (text, level) in cases {
        assert_eq!(text.parse::<AccessLevel>(), Ok(level), "`{text}`");
    }
    assert_eq!(
        "Calendars and Appointments".parse::<Area>(),
        Ok(Area::CalendarsAndAppointments)
    );
    assert_eq!("SALES-ORDERS".parse::<Area>(), Ok(Area::SalesOrders));
    assert_eq!(
        " invoice export - charges ".parse::<Flow>(),
        Ok(Flow::InvoiceExportCharges)
    );
    assert_eq!("".parse::<Flows>(), Ok(Flows::empty()));
}

#[test]
fn token_scope_strings_parse() {
    let token =
        "openid email profile offline_access roles read:customers\tread:items\n edit:invoices";
    assert_eq!(
        token.parse::<Scopes>(),
        Ok(Scopes::READ_CUSTOMERS | Scopes::READ_ITEMS | Scopes::EDIT_INVOICES)
    );
    assert_eq!("".parse::<Scopes>(), Ok(Scopes::empty()));
    assert_eq!("   ".parse::<Scopes>(), Ok(Scopes::empty()));
    let (scopes, unknown) = Scopes::parse_lenient("READ:customers read:items x:y openid");
    assert_eq!(scopes, Scopes::READ_ITEMS);
    assert_eq!(unknown, ["READ:customers", "x:y"]);
}

#[test]
fn errors_name_the_bad_text() {
    let err = "read:customers read:widgets".parse::<Scopes>().unwrap_err();
    assert_eq!(
        err,
        ParseError::UnknownScope {
            scope: "read:widgets".into(),
            suggestion: None
        }
    );
    assert_eq!(err.to_string(), "unknown scope `read:widgets`");
    // Scope names are case-sensitive, with a hint.
    let err = "Read:Customers".parse::<Scopes>().unwrap_err();
    assert!(
        err.to_string().contains("did you mean `read:customers`"),
        "{err}"
    );

    let checks: [(Result<(), ParseError>, &str); 6] = [
        ("customer-sync".parse::<Flow>().map(drop), "`customer-sync`"),
        (
            "customers-sync,,products-sync".parse::<Flows>().map(drop),
            "`customers-sync,,products-sync`",
        ),
        ("customers-sync,nope".parse::<Flows>().map(drop), "`nope`"),
        ("Clint".parse::<Area>().map(drop), "`Clint`"),
        (
            "Read Write".parse::<AccessLevel>().map(drop),
            "`Read Write`",
        ),
        ("all-assets".parse::<AgentFlags>().map(drop), "`all-assets`"),
    ];
    for (result, named) in checks {
        let message = result.unwrap_err().to_string();
        assert!(message.contains(named), "`{message}` does not name {named}");
        assert!(message.starts_with(char::is_lowercase), "{message}");
    }
}

proptest! {
    #[test]
    fn no_input_panics(s in ".*") {
        let _ = s.parse::<Flow>();
        let _ = s.parse::<Flows>();
        let _ = s.parse::<Scopes>();
        let _ = s.parse::<Area>();
        let _ = s.parse::<AccessLevel>();
        let _ = s.parse::<AgentFlags>();
        let (_, unknown) = Scopes::parse_lenient(&s);
        // Nothing is silently dropped: what is not recognised comes back.
        for token in unknown {
            prop_assert!(s.contains(token));
        }
    }

    #[test]
    fn scope_strings_round_trip(bits in any::<u64>()) {
        let scopes = Scopes::from_bits_truncate(bits);
        prop_assert_eq!(scopes.to_string().parse::<Scopes>(), Ok(scopes));
    }

    #[test]
    fn lenient_agrees_with_strict_on_good_input(bits in any::<u64>(), openid in any::<bool>()) {
        let scopes = Scopes::from_bits_truncate(bits);
        let text = if openid { format!("openid {scopes} offline_access") } else { scopes.to_string() };
        prop_assert_eq!(Scopes::parse_lenient(&text), (scopes, Vec::new()));
    }

    #[test]
    fn area_suffix_parsing_never_panics(s in "\\PC{0,20}( [Aa]ccess [Ll]evel)?") {
        let _ = s.parse::<Area>();
    }
}

/// Sets built with `from_bits_retain` may hold bits that name nothing: they never panic, and a
/// grant drops them.
#[test]
fn unknown_bits_are_harmless() {
    use halopsa_privileges::{required_for, Privileges};
    let odd_scopes = Scopes::from_bits_retain(1 << 60);
    let odd_flags = AgentFlags::from_bits_retain(1 << 7);
    assert_eq!(odd_scopes.name(), None);
    assert_eq!(odd_flags.id(), None);
    // They print as what they are, never as the empty set, and do not read back as scopes.
    assert_eq!(odd_scopes.to_string(), "0x1000000000000000");
    assert!(odd_scopes.to_string().parse::<Scopes>().is_err());
    assert_eq!(
        (odd_scopes | Scopes::READ_KB).to_string(),
        "read:kb 0x1000000000000000"
    );
    assert_eq!(odd_flags.to_string(), "0x80");
    assert_eq!(Flows::from_bits_retain(0x40).to_string(), "0x40");
    assert_eq!(
        Flows::from_bits_retain(0x41).titles().to_string(),
        "Customers sync, unnamed flow bits 0x40"
    );
    // A hand-built step with no flag says so, and its JSON claims no flag.
    let step = halopsa_privileges::Step::EnableFlag {
        flag: AgentFlags::empty(),
        unblocks: Flows::empty(),
    };
    assert!(
        step.to_string().starts_with("Set (no agent flag) = Yes"),
        "{step}"
    );
    #[cfg(feature = "serde")]
    assert_eq!(
        serde_json::to_value(step).unwrap()["flag"],
        serde_json::Value::Null
    );
    let granted = Privileges::none()
        .with_scopes(odd_scopes)
        .with_flags(odd_flags);
    assert_eq!(granted, Privileges::none());
    let report = required_for(Flows::from_bits_retain(0xFF)).evaluate(&granted);
    assert_eq!(report.flows(), Flows::all());
    assert_eq!(report.excess().count(), 0);
}

/// Other vendors' HaloPSA setup pages name the same controls in their own words (sources beside
/// the aliases in src/model/area.rs and src/model/level.rs); a support engineer pastes them.
#[test]
fn other_vendors_wording_names_the_same_controls() {
    for (area, expected) in [
        ("Customers Access Level", Area::Clients),
        ("Customers", Area::Clients),
        ("Clients Access Level", Area::Clients),
    ] {
        assert_eq!(area.parse::<Area>(), Ok(expected), "{area}");
    }
    for (level, expected) in [
        ("Read Only", AccessLevel::Read),
        ("Read + Modify", AccessLevel::ReadModify),
        ("Read and Modify", AccessLevel::ReadModify),
        ("Read, Create and Modify", AccessLevel::ReadCreateModify),
        (
            "Read, Modify and Remove",
            AccessLevel::ReadCreateModifyDelete,
        ),
    ] {
        assert_eq!(level.parse::<AccessLevel>(), Ok(expected), "{level}");
    }
    // Datagate's "Products" is only suggested for Items, not taken.
    assert!("Products Access Level".parse::<Area>().is_err());
}
