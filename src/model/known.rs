//! [`Known`]: which parts of a grant were observed.

use crate::model::{AgentFlags, Area};

/// The bit of `Known` for the area at index `i` of [`Area::ALL`].
const fn area_bit(area: Area) -> u32 {
    1 << area.index()
}

/// The first bit of `Known` for agent flags: flag bit `b` is `Known` bit `FLAG_SHIFT + b`.
const FLAG_SHIFT: u32 = Area::COUNT as u32;

bitflags::bitflags! {
    /// Which parts of a grant were observed: the application's scopes as a whole, each area's
    /// access level, each agent flag.
    ///
    /// Right after the OAuth token exchange, Datagate's backend knows the application's scopes
    /// (the token's `scope` field) but not the agent's levels or flags: that is
    /// [`Known::APPLICATION`]. Pass it to
    /// [`Requirements::evaluate_partial`](crate::Requirements::evaluate_partial), and every
    /// answer becomes three-valued: a flow runs, is blocked, or cannot be verified from what is
    /// known. Nothing unknown is ever reported as missing or as excess.
    ///
    /// The bits of `Known` are **not** stable across versions (a new area or flag moves them):
    /// to store what was known, store the grant's JSON form ([`Grant`](crate::Grant)), whose
    /// `"unknown"` markers say it.
    ///
    /// ```
    /// use halopsa_privileges::{AgentFlags, Area, Known};
    ///
    /// assert_eq!(Known::APPLICATION | Known::AGENT, Known::all());
    /// let some = Known::APPLICATION | Known::area(Area::Clients) | Known::flag(AgentFlags::ALL_CLIENTS);
    /// assert!(some.has_area(Area::Clients));
    /// assert!(!some.has_area(Area::Invoices));
    /// assert_eq!(some.agent_flags(), AgentFlags::ALL_CLIENTS);
    /// assert_eq!(Known::CLIENTS, Known::area(Area::Clients));
    /// ```
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub struct Known: u32 {
        /// The level of [`Area::Tickets`].
        const TICKETS = area_bit(Area::Tickets);
        /// The level of [`Area::Clients`].
        const CLIENTS = area_bit(Area::Clients);
        /// The level of [`Area::Users`].
        const USERS = area_bit(Area::Users);
        /// The level of [`Area::Crm`].
        const CRM = area_bit(Area::Crm);
        /// The level of [`Area::Assets`].
        const ASSETS = area_bit(Area::Assets);
        /// The level of [`Area::Suppliers`].
        const SUPPLIERS = area_bit(Area::Suppliers);
        /// The level of [`Area::Items`].
        const ITEMS = area_bit(Area::Items);
        /// The level of [`Area::Sales`].
        const SALES = area_bit(Area::Sales);
        /// The level of [`Area::Quotations`].
        const QUOTATIONS = area_bit(Area::Quotations);
        /// The level of [`Area::SalesOrders`].
        const SALES_ORDERS = area_bit(Area::SalesOrders);
        /// The level of [`Area::PurchaseOrders`].
        const PURCHASE_ORDERS = area_bit(Area::PurchaseOrders);
        /// The level of [`Area::BillingDetails`].
        const BILLING_DETAILS = area_bit(Area::BillingDetails);
        /// The level of [`Area::Invoices`].
        const INVOICES = area_bit(Area::Invoices);
        /// The level of [`Area::Reporting`].
        const REPORTING = area_bit(Area::Reporting);
        /// The level of [`Area::ClientContracts`].
        const CLIENT_CONTRACTS = area_bit(Area::ClientContracts);
        /// The level of [`Area::SupplierContracts`].
        const SUPPLIER_CONTRACTS = area_bit(Area::SupplierContracts);
        /// The level of [`Area::CalendarsAndAppointments`].
        const CALENDARS_AND_APPOINTMENTS = area_bit(Area::CalendarsAndAppointments);
        /// The flag [`AgentFlags::ALL_ASSET_TYPES`].
        const ALL_ASSET_TYPES = AgentFlags::ALL_ASSET_TYPES.bits() as u32 * (1 << FLAG_SHIFT);
        /// The flag [`AgentFlags::ALL_ASSET_FIELDS`].
        const ALL_ASSET_FIELDS = AgentFlags::ALL_ASSET_FIELDS.bits() as u32 * (1 << FLAG_SHIFT);
        /// The flag [`AgentFlags::ALL_CLIENTS`].
        const ALL_CLIENTS = AgentFlags::ALL_CLIENTS.bits() as u32 * (1 << FLAG_SHIFT);
        /// The flag [`AgentFlags::ALL_TICKET_TYPES`].
        const ALL_TICKET_TYPES = AgentFlags::ALL_TICKET_TYPES.bits() as u32 * (1 << FLAG_SHIFT);
        /// The flag [`AgentFlags::ADMINISTRATOR`].
        const ADMINISTRATOR = AgentFlags::ADMINISTRATOR.bits() as u32 * (1 << FLAG_SHIFT);
        /// The application layer: the OAuth scopes, known as a whole (a token's `scope` field
        /// lists all of them).
        const APPLICATION = 1 << (FLAG_SHIFT + 5);

        /// Every area's level.
        const AREAS = (1 << Area::COUNT) - 1;
        /// Every agent flag.
        const FLAGS = AgentFlags::all().bits() as u32 * (1 << FLAG_SHIFT);
        /// The agent layer: every area's level and every flag (of the agent and its roles).
        const AGENT = Self::AREAS.bits() | Self::FLAGS.bits();
    }
}

/// For each byte of area bits, those bits spread to the guard bit (`4 * i + 3`) of each nibble.
const SPREAD: [u32; 256] = {
    let mut table = [0; 256];
    let mut byte = 0;
    while byte < 256 {
        let mut i = 0;
        while i < 8 {
            if byte & (1 << i) != 0 {
                table[byte] |= 8 << (4 * i);
            }
            i += 1;
        }
        byte += 1;
    }
    table
};

// The tables that read `Known` a byte at a time cover three bytes.
const _: () = assert!(Known::all().bits() < 1 << 24);

impl Known {
    /// The bit of one area's level.
    #[inline]
    pub const fn area(area: Area) -> Known {
        Known::from_bits_retain(area_bit(area))
    }

    /// The bits of `flags` (any number of them).
    #[inline]
    pub const fn flag(flags: AgentFlags) -> Known {
        Known::from_bits_truncate((flags.bits() as u32) << FLAG_SHIFT)
    }

    /// Whether the level of `area` is known.
    #[inline]
    pub const fn has_area(self, area: Area) -> bool {
        self.contains(Known::area(area))
    }

    /// Whether the application's scopes are known.
    #[inline]
    pub const fn has_scopes(self) -> bool {
        self.contains(Known::APPLICATION)
    }

    /// The agent flags whose value is known.
    #[inline]
    pub const fn agent_flags(self) -> AgentFlags {
        AgentFlags::from_bits_truncate((self.bits() >> FLAG_SHIFT) as u8)
    }

    /// The areas whose level is known, in [`Area::ALL`] order.
    pub fn areas(self) -> impl Iterator<Item = Area> + Clone {
        Area::ALL
            .into_iter()
            .filter(move |area| self.has_area(*area))
    }

    /// The known areas as the guard bits of packed levels (bit `4 * i + 3` for area `i`).
    #[inline]
    pub(crate) const fn area_guards(self) -> u128 {
        let bits = self.bits();
        SPREAD[(bits & 0xFF) as usize] as u128
            | (SPREAD[((bits >> 8) & 0xFF) as usize] as u128) << 32
            | (((bits >> 16) & 1) as u128) << 67
    }
}

impl Default for Known {
    /// Everything known: [`Known::all`].
    fn default() -> Known {
        Known::all()
    }
}
