//! API hygiene, checked at compile time: every public type is `Send + Sync + Debug`, value types
//! are `Copy + Eq + Hash`, and errors implement the standard `Error` trait.

use halopsa_privileges::{
    AccessLevel, Action, AgentFlags, Area, Finding, Findings, Flow, Flows, Grant, Known, Layer,
    OpenPoint, ParseError, Privileges, Remediation, Report, Requirements, Scopes, Step, Verdict,
};

fn thread_safe_and_debug<T: Send + Sync + std::fmt::Debug>() {}
fn value<T: Copy + Eq + std::hash::Hash + Send + Sync + std::fmt::Debug>() {}
fn ordered<T: Ord>() {}
fn error<T: std::error::Error + Send + Sync + 'static>() {}

#[test]
fn public_types_are_send_sync_debug() {
    value::<Flow>();
    value::<Flows>();
    value::<Scopes>();
    value::<AccessLevel>();
    value::<Area>();
    value::<AgentFlags>();
    value::<Privileges>();
    value::<Requirements>();
    value::<Report>();
    value::<Finding>();
    value::<Step>();
    value::<Action>();
    value::<Layer>();
    ordered::<Flow>();
    ordered::<AccessLevel>();
    ordered::<Area>();
    thread_safe_and_debug::<ParseError>();
    thread_safe_and_debug::<Findings>();
    thread_safe_and_debug::<Remediation>();
    value::<Known>();
    value::<Grant>();
    value::<Verdict>();
    value::<OpenPoint>();
    ordered::<Verdict>();
    #[cfg(feature = "serde")]
    thread_safe_and_debug::<halopsa_privileges::TokenResponse>();
    error::<ParseError>();
}

#[test]
fn strum_iterators_match_the_inherent_lists() {
    use strum::{EnumCount, IntoEnumIterator};
    assert!(Flow::iter().eq(Flow::ALL));
    assert!(Area::iter().eq(Area::ALL));
    assert!(AccessLevel::iter().eq(AccessLevel::ALL));
    assert_eq!(Flow::COUNT, Flow::ALL.len());
    assert_eq!(<Area as EnumCount>::COUNT, Area::COUNT);
}

/// The bits of `Flows`, `Scopes` and `AgentFlags` are documented as stable: pinned here.
#[test]
fn set_bits_are_stable() {
    let flows = [
        (Flows::CUSTOMERS_SYNC, 0),
        (Flows::PRODUCTS_SYNC, 1),
        (Flows::SERVICE_ITEMS_SYNC, 2),
        (Flows::INVOICE_EXPORT_MULTILINE, 3),
        (Flows::INVOICE_EXPORT_CHARGES, 4),
    ];
    for (flow, bit) in flows {
        assert_eq!(flow.bits(), 1 << bit, "{flow}");
    }
    // Every scope string, in bit order.
    let scopes = "all all:standard all:teams admin admin:webhooks read:tickets edit:tickets \
        read:calendar edit:calendar read:customers edit:customers read:crm edit:crm \
        editMine:timesheets read:timesheets edit:timesheets read:contracts edit:contracts \
        read:suppliers edit:suppliers read:items edit:items read:projects edit:projects \
        read:sales edit:sales read:quotes edit:quotes read:sos edit:sos read:pos edit:pos \
        read:invoices edit:invoices read:reporting edit:reporting read:software edit:software \
        read:softwarelicensing edit:softwarelicensing read:kb edit:kb read:assets edit:assets \
        read:distributionlists edit:distributionlists read:mailcampaign read:events access:chat \
        access:adpasswordreset";
    for (bit, name) in scopes.split_whitespace().enumerate() {
        assert_eq!(
            Scopes::from_scope(name).map(|s| s.bits()),
            Some(1 << bit),
            "{name}"
        );
    }
    assert_eq!(
        scopes.split_whitespace().count(),
        Scopes::all().bits().count_ones() as usize
    );
    let flags = [
        (AgentFlags::ALL_ASSET_TYPES, 0),
        (AgentFlags::ALL_ASSET_FIELDS, 1),
        (AgentFlags::ALL_CLIENTS, 2),
        (AgentFlags::ALL_TICKET_TYPES, 3),
        (AgentFlags::ADMINISTRATOR, 4),
    ];
    for (flag, bit) in flags {
        assert_eq!(flag.bits(), 1 << bit, "{flag}");
    }
}
