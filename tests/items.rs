//! Every line the crate prints for an item parses back to that item, and the looser forms
//! people type parse too.

use halopsa_privileges::{
    required_for, AccessLevel, AgentFlags, Area, Flows, Item, ParseError, Privileges, Scopes,
};

/// Every item: each scope, each area at each level, each flag at Yes and No.
fn every_item() -> Vec<Item> {
    let mut items: Vec<Item> = Scopes::all()
        .scopes()
        .map(|(s, _)| Item::Scope(s))
        .collect();
    for area in Area::ALL {
        for level in AccessLevel::ALL {
            items.push(Item::Access(area, level));
        }
    }
    for flag in AgentFlags::all().flags() {
        items.push(Item::Flag(flag, true));
        items.push(Item::Flag(flag, false));
    }
    items
}

#[test]
fn every_item_round_trips_through_its_line() {
    let items = every_item();
    assert_eq!(items.len(), 50 + 17 * 6 + 5 * 2);
    for item in items {
        let line = item.to_string();
        assert_eq!(line.parse::<Item>(), Ok(item), "{line}");
        // Shouted, or with punctuation and spacing of its own, it still reads.
        if !matches!(item, Item::Scope(_)) {
            let loose = line
                .to_uppercase()
                .replace(", ", " ")
                .replace(" and ", " & ");
            assert_eq!(loose.parse::<Item>(), Ok(item), "{loose}");
        }
    }
}

#[test]
fn checklist_and_report_lines_name_items_that_parse() {
    let needed = required_for(Flows::all());
    for text in [
        needed.to_string(),
        needed.privileges().to_string(),
        Privileges::everything().to_string(),
    ] {
        let mut lines = 0;
        for line in text.lines() {
            let Some(rest) = line
                .trim()
                .strip_prefix("[ ] ")
                .or_else(|| line.trim().strip_prefix("[?] "))
            else {
                continue;
            };
            // Strip the flows in parentheses at the end, if any.
            let item_text = halopsa_privileges::Flow::ALL
                .iter()
                .filter_map(|flow| rest.find(&format!(" ({}", flow.title())))
                .min()
                .map_or(rest, |at| &rest[..at]);
            let item: Item = item_text
                .parse()
                .unwrap_or_else(|err| panic!("`{item_text}`: {err}"));
            assert_eq!(item.to_string(), item_text);
            lines += 1;
        }
        assert!(lines >= 5, "{text}");
    }
}

#[test]
fn the_forms_people_type_parse() {
    let cases: [(&str, Item); 10] = [
        (
            "Invoices Access Level: Read, Create, Modify, Delete",
            Item::Access(Area::Invoices, AccessLevel::ReadCreateModifyDelete),
        ),
        (
            "invoices: read create modify delete",
            Item::Access(Area::Invoices, AccessLevel::ReadCreateModifyDelete),
        ),
        (
            "Invoice Access Level: Read, Create and Modify",
            Item::Access(Area::Invoices, AccessLevel::ReadCreateModify),
        ),
        (
            "Customers Access Level: Read Only",
            Item::Access(Area::Clients, AccessLevel::Read),
        ),
        (
            "Client: Names Only",
            Item::Access(Area::Clients, AccessLevel::NamesOnly),
        ),
        (
            "sales order access level: none",
            Item::Access(Area::SalesOrders, AccessLevel::NoAccess),
        ),
        (
            "Allow use of all Asset Types = Yes",
            Item::Flag(AgentFlags::ALL_ASSET_TYPES, true),
        ),
        (
            "all-clients = no",
            Item::Flag(AgentFlags::ALL_CLIENTS, false),
        ),
        ("scope read:items", Item::Scope(Scopes::READ_ITEMS)),
        ("  edit:invoices ", Item::Scope(Scopes::EDIT_INVOICES)),
    ];
    for (text, item) in cases {
        assert_eq!(text.parse::<Item>(), Ok(item), "{text}");
    }
}

#[test]
fn lines_that_are_not_items_say_what_is_expected() {
    for bad in [
        "",
        "openid",
        "Clients Access Level",
        "all-clients = maybe",
        "two words",
    ] {
        let err = bad.parse::<Item>().unwrap_err();
        assert!(matches!(err, ParseError::UnknownItem(_)), "{bad}: {err:?}");
        assert!(
            err.to_string().contains("Clients Access Level: Read"),
            "{err}"
        );
    }
    let err = "Clints Access Level: Read".parse::<Item>().unwrap_err();
    assert!(err.to_string().contains("did you mean `Clients`"), "{err}");
    let err = "read:item".parse::<Item>().unwrap_err();
    assert!(
        err.to_string().contains("did you mean `read:items`"),
        "{err}"
    );
}
