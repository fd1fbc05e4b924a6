//! [`Area`]: one of HaloPSA's "X Access Level" settings.

use core::fmt;
use core::str::FromStr;

use crate::common::error::ParseError;
use crate::common::text::{eq_label, eq_label_or_number, strip_suffix_words};

/// An area of an agent's or role's permissions, shown in HaloPSA as "*Name* Access Level".
///
/// `Display` writes HaloPSA's name (`Sales Orders`); [`Area::id`] is the kebab-case JSON id
/// (`sales-orders`). `FromStr` accepts the id, the name (singular or plural), or the name
/// followed by ` Access Level`, ignoring case, punctuation and spacing; `Customers` is Clients.
///
/// ```
/// use halopsa_privileges::Area;
///
/// fn main() -> Result<(), halopsa_privileges::ParseError> {
///     assert_eq!("clients".parse::<Area>()?, Area::Clients);
///     assert_eq!("Invoices Access Level".parse::<Area>()?, Area::Invoices);
///     assert_eq!(Area::CalendarsAndAppointments.id(), "calendars-and-appointments");
///     assert_eq!(Area::SalesOrders.to_string(), "Sales Orders");
///     Ok(())
/// }
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, strum::EnumIter, strum::EnumCount,
)]
#[repr(u8)]
#[non_exhaustive]
pub enum Area {
    /// Tickets.
    Tickets,
    /// Clients (Datagate's customers).
    Clients,
    /// Users (the clients' contacts).
    Users,
    /// CRM.
    Crm,
    /// Assets (Datagate's service items).
    Assets,
    /// Suppliers.
    Suppliers,
    /// Items (Datagate's products).
    Items,
    /// Sales.
    Sales,
    /// Quotations.
    Quotations,
    /// Sales Orders.
    SalesOrders,
    /// Purchase Orders.
    PurchaseOrders,
    /// Billing Details.
    BillingDetails,
    /// Invoices.
    Invoices,
    /// Reporting.
    Reporting,
    /// Client Contracts.
    ClientContracts,
    /// Supplier Contracts.
    SupplierContracts,
    /// Calendars and Appointments.
    CalendarsAndAppointments,
}

impl Area {
    /// How many areas there are.
    pub const COUNT: usize = 17;

    /// Every area, in HaloPSA's order.
    pub const ALL: [Area; Area::COUNT] = [
        Area::Tickets,
        Area::Clients,
        Area::Users,
        Area::Crm,
        Area::Assets,
        Area::Suppliers,
        Area::Items,
        Area::Sales,
        Area::Quotations,
        Area::SalesOrders,
        Area::PurchaseOrders,
        Area::BillingDetails,
        Area::Invoices,
        Area::Reporting,
        Area::ClientContracts,
        Area::SupplierContracts,
        Area::CalendarsAndAppointments,
    ];

    /// The stable kebab-case id, e.g. `purchase-orders`, as written in JSON.
    pub const fn id(self) -> &'static str {
        match self {
            Area::Tickets => "tickets",
            Area::Clients => "clients",
            Area::Users => "users",
            Area::Crm => "crm",
            Area::Assets => "assets",
            Area::Suppliers => "suppliers",
            Area::Items => "items",
            Area::Sales => "sales",
            Area::Quotations => "quotations",
            Area::SalesOrders => "sales-orders",
            Area::PurchaseOrders => "purchase-orders",
            Area::BillingDetails => "billing-details",
            Area::Invoices => "invoices",
            Area::Reporting => "reporting",
            Area::ClientContracts => "client-contracts",
            Area::SupplierContracts => "supplier-contracts",
            Area::CalendarsAndAppointments => "calendars-and-appointments",
        }
    }

    /// HaloPSA's name for the area, e.g. `Client Contracts`; the same text as `Display`.
    pub const fn name(self) -> &'static str {
        match self {
            Area::Tickets => "Tickets",
            Area::Clients => "Clients",
            Area::Users => "Users",
            Area::Crm => "CRM",
            Area::Assets => "Assets",
            Area::Suppliers => "Suppliers",
            Area::Items => "Items",
            Area::Sales => "Sales",
            Area::Quotations => "Quotations",
            Area::SalesOrders => "Sales Orders",
            Area::PurchaseOrders => "Purchase Orders",
            Area::BillingDetails => "Billing Details",
            Area::Invoices => "Invoices",
            Area::Reporting => "Reporting",
            Area::ClientContracts => "Client Contracts",
            Area::SupplierContracts => "Supplier Contracts",
            Area::CalendarsAndAppointments => "Calendars and Appointments",
        }
    }

    /// The area's position in [`Area::ALL`].
    #[inline]
    pub(crate) const fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Area {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Other names for an area that name the same HaloPSA control, each with where it is used.
/// (`Products` for Items is only suggested, not accepted: Datagate's "Products sync" uses the
/// word for something else.)
const OTHER_NAMES: [(&str, Area); 1] = [
    // "Customers Access Level": Datagate's own word, and the one other vendors' HaloPSA setup
    // pages use for the Clients control: Liongard, "Create a Liongard API Account in HaloPSA"
    // (docs.liongard.com/docs/halopsa-api-account: "Customers Access Level: Read Only"); Gradient
    // MSP, "HaloPSA Connection Guide" (support.meetgradient.com/halo-integration: "Customers
    // Access Level - Read Only", beside "Clients Access Level - Read Only" in its newer text).
    ("Customers", Area::Clients),
];

impl FromStr for Area {
    type Err = ParseError;

    /// Accepts the id, HaloPSA's name in the singular or plural, either followed by `Access
    /// Level`, and `Customers` for Clients (Datagate's word, and other vendors' HaloPSA setup
    /// pages': "Customers Access Level"), ignoring case, punctuation and spacing.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        // The id or name as written first; then the looser forms.
        let exact =
            |area: &Area| s.eq_ignore_ascii_case(area.id()) || s.eq_ignore_ascii_case(area.name());
        if let Some(area) = Area::ALL.into_iter().find(exact) {
            return Ok(area);
        }
        let bare = strip_suffix_words(s, "access level");
        Area::ALL
            .into_iter()
            .find(|area| {
                eq_label(s, area.id())
                    || eq_label_or_number(bare, area.name())
                    || OTHER_NAMES
                        .iter()
                        .any(|(name, named)| named == area && eq_label_or_number(bare, name))
            })
            .ok_or_else(|| ParseError::UnknownArea(s.into()))
    }
}
