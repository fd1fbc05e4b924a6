//! The rules table: what each flow needs, as the support article states it.
//!
//! This is the only place where a privilege fact of the article is written. Requirements,
//! reports, remediation steps and the rendered documentation are all derived from it.

use crate::AccessLevel::{Read, ReadCreateModifyDelete};
use crate::Area::{Assets, Clients, Invoices, Items};
use crate::{AgentFlags, Flow, Privileges, Scopes};

impl Flow {
    /// The least privilege that runs this flow alone: the article's Section 2, "All Privileges
    /// Documented", for this flow (application scopes and agent access levels).
    ///
    /// ```
    /// use halopsa_privileges::{AccessLevel, Area, Flow, Scopes};
    /// let needed = Flow::CustomersSync.privileges();
    /// assert_eq!(needed.scopes(), Scopes::READ_CUSTOMERS);
    /// assert_eq!(needed.level(Area::Clients), AccessLevel::Read);
    /// ```
    pub const fn privileges(self) -> Privileges {
        match self {
            // Customers sync.
            Flow::CustomersSync => Privileges::none()
                // Application: read:customers
                .with_scopes(Scopes::READ_CUSTOMERS)
                // Agent: Clients Access Level: Read
                .with_level(Clients, Read),

            // Products sync. The article's agent section heads this "Products / Service Items
            // sync"; it asks for read:assets at application level but no Assets access level.
            Flow::ProductsSync => Privileges::none()
                // Application: read:customers read:invoices read:items read:assets
                .with_scopes(Scopes::READ_CUSTOMERS)
                .with_scopes(Scopes::READ_INVOICES)
                .with_scopes(Scopes::READ_ITEMS)
                .with_scopes(Scopes::READ_ASSETS)
                // Agent: Clients, Invoices and Items Access Level: Read
                .with_level(Clients, Read)
                .with_level(Invoices, Read)
                .with_level(Items, Read),

            // Service Items (Assets) sync.
            Flow::ServiceItemsSync => Privileges::none()
                // Application: read:customers read:assets
                .with_scopes(Scopes::READ_CUSTOMERS)
                .with_scopes(Scopes::READ_ASSETS)
                // Agent: Clients and Assets Access Level: Read
                .with_level(Clients, Read)
                .with_level(Assets, Read)
                // Asset Type Restrictions: Allow use of all Asset Types = Yes
                .with_flags(AgentFlags::ALL_ASSET_TYPES)
                // Asset Field Restrictions: Allow use of all Asset Fields = Yes
                .with_flags(AgentFlags::ALL_ASSET_FIELDS),

            // Invoice Export - Multiline and Invoice Export - Charges: the article lists the
            // same privileges for both, each on its own.
            Flow::InvoiceExportMultiline | Flow::InvoiceExportCharges => Privileges::none()
                // Application: read:customers read:items read:invoices edit:invoices
                .with_scopes(Scopes::READ_CUSTOMERS)
                .with_scopes(Scopes::READ_ITEMS)
                .with_scopes(Scopes::READ_INVOICES)
                .with_scopes(Scopes::EDIT_INVOICES)
                // Agent: Clients and Items Access Level: Read;
                // Invoices Access Level: Read, Create, Modify and Delete
                .with_level(Clients, Read)
                .with_level(Items, Read)
                .with_level(Invoices, ReadCreateModifyDelete),
        }
    }
}
