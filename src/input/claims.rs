//! HaloPSA's permission claims: which claim type is which agent setting, and what each value is
//! known to mean. The data behind [`HaloAgent`](crate::HaloAgent); every entry carries its
//! source, and a value no source states is not in the table (it reads as unknown, never as a
//! guess).
//!
//! # Sources, and what they do not settle
//! - The claim shape, `{ "type": "...", "value": "..." }` (both strings), and where claims sit
//!   (`claims` on the agent, `roles[].claims`): HaloPSA's OpenAPI objects `Uname`, `NHD_Roles`
//!   and `NHD_Claim`, as generated into the public C# client `Angelic-Software/angelic`
//!   (`Angelic/NHD_Claim.cs`, `Angelic/Agent/Agent.cs`). The same objects hold the restriction
//!   lists the agent reader uses: `clients`, `assettypes` and `tickettypes` seen in the
//!   generated `Uname`; `assetfields` and `is_admin` taken from the reading of the
//!   OpenAPI, not seen in the part of the client read. "An empty list means no restriction" is
//!   from Halo's guides as the issue quotes them; no captured response confirms it.
//! - The codes and values: a public SQL report over HaloPSA's `NHD_Roles` and `NHD_RoleClaims`
//!   tables (found by code search; two variants of it). Both map `Ux` Clients, `Xx` Invoices,
//!   `Ix` Items, `Dx` Assets and the other area codes below, `SA` "Is a Halo Administrator"
//!   (`true`/`false`), `Fc`/`Fa`/`Ff`/`Ft` the "Allow use of all ..." settings (`1`/`0`).
//! - **Where the variants disagree** the table keeps both readings as a bound: the older
//!   variant reads value 1 of every `..x` code as "Read Only" and 2 as "Read and Modify", the
//!   newer reads `Ux`/`Ix`/`Fx` as 1 "View (Names Only)", 2 "Read Only", 3 "Read and Modify".
//! - **Where "Read, Create and Modify" sits in the numbers is stated nowhere**, so a value that
//!   either source calls "Read and Modify" or higher is "at least Read and Modify" (with an upper
//!   bound only where a higher value is stated). `Dx`/`Xx` value 3, "Read, Modify and Remove",
//!   is likewise "at least Read and Modify": whether Remove includes Create is not stated.
//! - Not found: any HaloPSA documentation of the codes; captured `/api/Agent/me` responses.
//!   One report (in two variants) is a bound, not a certainty.

use crate::model::{AccessLevel, AgentFlags, Area, LevelBounds};

/// What a claim type sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Setting {
    /// An area's access level.
    Area(Area),
    /// A yes/no setting.
    Flag(AgentFlags),
}

/// What a claim value is known to mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Meaning {
    /// An access level, known within bounds.
    Level(LevelBounds),
    /// Yes or No.
    Flag(bool),
}

/// One claim type: its code, what it sets, and its values.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ClaimType {
    pub(crate) code: &'static str,
    pub(crate) setting: Setting,
    values: &'static [(&'static str, Meaning)],
}

impl ClaimType {
    /// What `value` means, if a source states it (surrounding whitespace and ASCII case ignored).
    pub(crate) fn read(&self, value: &str) -> Option<Meaning> {
        let value = value.trim();
        self.values
            .iter()
            .find(|(text, _)| text.eq_ignore_ascii_case(value))
            .map(|&(_, meaning)| meaning)
    }

    /// The claim type with `code` (exact: the codes differ by case, `Fa` and `FA` are not one).
    pub(crate) fn find(code: &str) -> Option<&'static ClaimType> {
        CLAIM_TYPES.iter().find(|claim| claim.code == code.trim())
    }
}

const fn level(bounds: LevelBounds) -> Meaning {
    Meaning::Level(bounds)
}

use AccessLevel::{NamesOnly, NoAccess, Read, ReadCreateModify, ReadModify};

/// `Ux` Clients, `Ix` Items, `Fx` Users. Newer variant: 0 No Access, 1 View (Names Only),
/// 2 Read Only, 3 Read and Modify; older variant: 1 Read Only, 2 Read and Modify.
const NAMES_FIRST: &[(&str, Meaning)] = &[
    ("0", level(LevelBounds::exact(NoAccess))),
    ("1", level(LevelBounds::between(NamesOnly, Read))),
    ("2", level(LevelBounds::between(Read, ReadModify))),
    ("3", level(LevelBounds::from_at_least(ReadModify))),
];

/// `Dx` Assets, `Xx` Invoices. Both variants: 0 No Access, 1 Read Only, 2 Read and Modify;
/// newer: 3 "Read, Modify and Remove". Value 2 is below value 3, so at most Read, Create and
/// Modify.
const WITH_REMOVE: &[(&str, Meaning)] = &[
    ("0", level(LevelBounds::exact(NoAccess))),
    ("1", level(LevelBounds::exact(Read))),
    (
        "2",
        level(LevelBounds::between(ReadModify, ReadCreateModify)),
    ),
    ("3", level(LevelBounds::from_at_least(ReadModify))),
];

/// Every other area code. Both variants: 0 No Access, 1 Read Only, 2 Read and Modify.
const PLAIN: &[(&str, Meaning)] = &[
    ("0", level(LevelBounds::exact(NoAccess))),
    ("1", level(LevelBounds::exact(Read))),
    ("2", level(LevelBounds::from_at_least(ReadModify))),
];

/// `SA` writes `true`/`false`, the "Allow use of all ..." codes `1`/`0` (the older variant reads
/// `true`/`false` for any code).
const YES_NO: &[(&str, Meaning)] = &[
    ("1", Meaning::Flag(true)),
    ("true", Meaning::Flag(true)),
    ("0", Meaning::Flag(false)),
    ("false", Meaning::Flag(false)),
];

const fn area(
    code: &'static str,
    area: Area,
    values: &'static [(&'static str, Meaning)],
) -> ClaimType {
    ClaimType {
        code,
        setting: Setting::Area(area),
        values,
    }
}

const fn flag(code: &'static str, flag: AgentFlags) -> ClaimType {
    ClaimType {
        code,
        setting: Setting::Flag(flag),
        values: YES_NO,
    }
}

/// Every claim type the crate reads, one per area and setting it models.
pub(crate) const CLAIM_TYPES: [ClaimType; 22] = [
    area("Tx", Area::Tickets, PLAIN),
    area("Ux", Area::Clients, NAMES_FIRST),
    area("Fx", Area::Users, NAMES_FIRST),
    area("Ex", Area::Crm, PLAIN),
    area("Dx", Area::Assets, WITH_REMOVE),
    area("Sx", Area::Suppliers, PLAIN),
    area("Ix", Area::Items, NAMES_FIRST),
    area("Ox", Area::Sales, PLAIN),
    area("Qx", Area::Quotations, PLAIN),
    area("Yx", Area::SalesOrders, PLAIN),
    area("Zx", Area::PurchaseOrders, PLAIN),
    area("Jx", Area::BillingDetails, PLAIN),
    area("Xx", Area::Invoices, WITH_REMOVE),
    area("Rx", Area::Reporting, PLAIN),
    area("Cx", Area::ClientContracts, PLAIN),
    area("Gx", Area::SupplierContracts, PLAIN),
    area("Ax", Area::CalendarsAndAppointments, PLAIN),
    flag("SA", AgentFlags::ADMINISTRATOR),
    flag("Fc", AgentFlags::ALL_CLIENTS),
    flag("Fa", AgentFlags::ALL_ASSET_TYPES),
    flag("Ff", AgentFlags::ALL_ASSET_FIELDS),
    flag("Ft", AgentFlags::ALL_TICKET_TYPES),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_area_and_flag_has_one_claim_type() {
        for area in Area::ALL {
            let count = CLAIM_TYPES
                .iter()
                .filter(|claim| claim.setting == Setting::Area(area))
                .count();
            assert_eq!(count, 1, "{area}");
        }
        for flag in AgentFlags::all().iter() {
            let count = CLAIM_TYPES
                .iter()
                .filter(|claim| claim.setting == Setting::Flag(flag))
                .count();
            assert_eq!(count, 1, "{flag:?}");
        }
    }

    #[test]
    fn values_grow_with_the_number() {
        for claim in CLAIM_TYPES {
            let levels: alloc::vec::Vec<LevelBounds> = claim
                .values
                .iter()
                .filter_map(|(_, meaning)| match meaning {
                    Meaning::Level(bounds) => Some(*bounds),
                    Meaning::Flag(_) => None,
                })
                .collect();
            for pair in levels.windows(2) {
                assert!(pair[0].at_least() <= pair[1].at_least(), "{}", claim.code);
            }
        }
    }
}
