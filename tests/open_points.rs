//! The article's three open points, pinned: each quoted from the article, never required,
//! never excess, never lowered by a step, and reported by `Report::open()`.

use halopsa_privileges::{
    required_for, AccessLevel, Action, AgentFlags, Area, Finding, Flow, Flows, OpenPoint,
    Privileges, Step,
};

/// The support article as published (a copy of `shared/reference`).
const ARTICLE: &str = include_str!("data/article.txt");

#[test]
fn every_open_point_quotes_the_article_verbatim() {
    for point in OpenPoint::ALL {
        assert!(
            ARTICLE.contains(point.article()),
            "{}: the quote is not in the article:\n{}",
            point.id(),
            point.article()
        );
        assert!(!point.flows().is_empty() && !point.question().is_empty());
        // Nothing open is required by the flows it is open for.
        for flow in point.flows().flows() {
            let rule = flow.privileges();
            assert!(!rule.flags().intersects(point.up_to().flags()), "{flow}");
            assert!(!rule.scopes().intersects(point.up_to().scopes()), "{flow}");
            for (area, level) in point.up_to().levels() {
                assert!(
                    level == AccessLevel::NoAccess || rule.level(area) < level,
                    "{flow}: {area}"
                );
            }
        }
    }
}

/// Each open point is a choice the customer can act on: it names every item it leaves open
/// (as the crate prints them), says what an answer does (`If ...`), recommends, and never
/// tells the customer what the article leaves out.
#[test]
fn every_open_point_is_a_choice_with_a_recommendation() {
    for point in OpenPoint::ALL {
        let decision = point.decision();
        for (area, level) in point.up_to().levels() {
            if level != AccessLevel::NoAccess {
                let item = format!("{area} Access Level: {level}");
                assert!(decision.contains(&item), "{}: {item}", point.id());
            }
        }
        for flag in point.up_to().flags().flags() {
            let label = flag.label().unwrap();
            assert!(
                decision.contains(&format!("\"{label}\" = Yes")),
                "{}: {label}",
                point.id()
            );
        }
        assert!(decision.contains("If "), "{}", point.id());
        assert!(
            decision.to_lowercase().contains("we recommend"),
            "{}",
            point.id()
        );
        for unhelpful in ["does not say", "article", "open point", "the crate"] {
            assert!(!decision.contains(unhelpful), "{}: {unhelpful}", point.id());
        }
    }
}

/// Checks that `extra` on top of the exact requirement of `flows` is reported as open, in full,
/// and that no step touches it.
fn open_not_excess(flows: Flows, extra: Privileges, expected: &[Finding]) {
    let needed = required_for(flows);
    let report = needed.evaluate(&needed.privileges().join(&extra));
    assert!(report.is_satisfied(), "{report}");
    assert!(report.is_least_privilege(), "{report}");
    assert_eq!(report.excess().count(), 0, "{report}");
    // Every open item is listed, granted or not; these are among them.
    let open: Vec<Finding> = report.open().collect();
    assert!(expected.iter().all(|item| open.contains(item)), "{report}");
    assert_eq!(report.remediation().count(), 0, "{report}");
    let text = report.to_string();
    assert!(text.contains("the article does not say"), "{text}");
    assert!(text.contains("Beyond the article: "), "{text}");
}

/// Section 1: "Client Restrictions" with no verdict, between two lines that have one.
#[test]
fn client_restrictions_are_open_for_every_flow() {
    assert!(ARTICLE.contains("Ticket Type Restrictions - none required\nClient Restrictions\n"));
    for flow in Flow::ALL {
        assert!(
            flow.open().flags().contains(AgentFlags::ALL_CLIENTS),
            "{flow}"
        );
        open_not_excess(
            flow.into(),
            Privileges::none().with_flags(AgentFlags::ALL_CLIENTS),
            &[Finding::Flag {
                flag: AgentFlags::ALL_CLIENTS,
                needed_by: Flows::empty(),
            }],
        );
    }
    // Not granted, it is not missing either: the article does not require it.
    let report =
        required_for(Flow::CustomersSync).evaluate(required_for(Flow::CustomersSync).privileges());
    assert!(report.is_least_privilege());
}

/// Section 2: "Products sync: read:customersread:invoicesread:itemsread:assets", and no Assets
/// Access Level for Products sync in the agent section.
#[test]
fn products_sync_leaves_assets_open() {
    assert!(ARTICLE.contains("Products sync:\nread:customersread:invoicesread:itemsread:assets"));
    let assets = Privileges::none()
        .with_level(Area::Assets, AccessLevel::Read)
        .with_flags(AgentFlags::ALL_ASSET_TYPES | AgentFlags::ALL_ASSET_FIELDS);
    open_not_excess(
        Flows::PRODUCTS_SYNC,
        assets,
        &[
            Finding::Access {
                area: Area::Assets,
                granted: AccessLevel::Read.into(),
                required: AccessLevel::NoAccess,
                needed_by: Flows::empty(),
            },
            Finding::Flag {
                flag: AgentFlags::ALL_ASSET_TYPES,
                needed_by: Flows::empty(),
            },
            Finding::Flag {
                flag: AgentFlags::ALL_ASSET_FIELDS,
                needed_by: Flows::empty(),
            },
        ],
    );
    // Above Read is excess, lowered to Read (the open part is kept), not to No Access.
    let needed = required_for(Flow::ProductsSync);
    let granted = needed
        .privileges()
        .with_level(Area::Assets, AccessLevel::ReadCreateModifyDelete);
    let report = needed.evaluate(&granted);
    assert!(!report.is_least_privilege());
    let steps: Vec<Step> = report.remediation().collect();
    assert_eq!(
        steps,
        [
            Step::LowerAccess {
                area: Area::Assets,
                from: AccessLevel::ReadCreateModifyDelete.into(),
                to: AccessLevel::Read
            },
            Step::TestAccountAccess
        ]
    );
    // For Customers sync alone, Assets is not open: an Assets grant is excess.
    let needed = required_for(Flow::CustomersSync);
    let report = needed.evaluate(&needed.privileges().join(&assets));
    assert_eq!(report.excess().count(), 3);
}

/// Section 2, agent level: "Products / Service Items sync:" with Clients, Invoices and Items
/// at Read, then "Service Items (Assets) sync:" on its own.
#[test]
fn the_products_service_items_heading_leaves_invoices_and_items_open() {
    assert!(ARTICLE.contains("Products / Service Items sync:\nClients Access Level: Read\nInvoices Access Level: Read\nItems Access Level: Read"));
    let extra = Privileges::none()
        .with_level(Area::Items, AccessLevel::Read)
        .with_level(Area::Invoices, AccessLevel::Read);
    open_not_excess(
        Flows::SERVICE_ITEMS_SYNC,
        extra,
        &[
            Finding::Access {
                area: Area::Items,
                granted: AccessLevel::Read.into(),
                required: AccessLevel::NoAccess,
                needed_by: Flows::empty(),
            },
            Finding::Access {
                area: Area::Invoices,
                granted: AccessLevel::Read.into(),
                required: AccessLevel::NoAccess,
                needed_by: Flows::empty(),
            },
        ],
    );
    // Service Items sync is still not blocked without them: open is never required.
    let needed = required_for(Flow::ServiceItemsSync);
    assert!(needed.evaluate(needed.privileges()).is_least_privilege());
    // Together with an invoice export, Invoices is required, not open.
    let needed = required_for(Flows::SERVICE_ITEMS_SYNC | Flows::INVOICE_EXPORT_CHARGES);
    let report = needed.evaluate(needed.privileges());
    assert!(!report.open().any(|item| matches!(
        item,
        Finding::Access {
            area: Area::Invoices | Area::Items,
            ..
        }
    )));
}

#[test]
fn no_step_ever_lowers_or_disables_an_open_item() {
    // The most a grant can hold: every step lowers to at least what is open.
    for bits in 0..32u8 {
        let flows = Flows::from_bits_truncate(bits);
        let needed = required_for(flows);
        let report = needed.evaluate(&Privileges::everything());
        let open = needed.open();
        for step in report.remediation() {
            match step {
                Step::LowerAccess { area, to, .. } => assert!(to >= open.level(area), "{step}"),
                Step::DisableFlag { flag } => assert!(!open.flags().contains(flag), "{step}"),
                Step::RevokeScopes { scopes } => assert!(!open.scopes().intersects(scopes)),
                _ => assert_ne!(step.action(), Action::Check),
            }
        }
    }
}
