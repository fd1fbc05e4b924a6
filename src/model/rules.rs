//! The rules table: what each flow needs, as the support article states it.
//!
//! This is the only place where a privilege fact of the article is written. Requirements,
//! reports, remediation steps and the rendered documentation are all derived from it. The
//! points the article leaves open are written here too, in [`OpenPoint::ALL`], each with the
//! article's own words, and the HaloPSA behaviours the crate does not take for granted, in
//! [`Assumption::ALL`], each with its source.

use crate::model::assumption::{Cover, STANDARD_SCOPES};
use crate::model::AccessLevel::{Read, ReadCreateModifyDelete};
use crate::model::Area::{Assets, Clients, Invoices, Items};
use crate::model::{AgentFlags, Assumption, Flow, Flows, Item, OpenPoint, Privileges, Scopes};

/// The revision of the rules: the date of the support article they transcribe. Every report's
/// JSON carries it as `"rules"`; it changes whenever a rule or an open point changes, so that a
/// stored report can tell whether its verdict came from other rules.
///
/// ```
/// assert_eq!(halopsa_privileges::RULES_REVISION, "2023-06-08");
/// ```
pub const RULES_REVISION: &str = "2023-06-08";

impl Flow {
    /// What the article's Section 2 lists for this flow, item by item and in its order: the
    /// application's scopes, then the agent's access levels and settings. This is the rules
    /// table; [`Flow::privileges`] is these items joined, and the rendered article lists them in
    /// this order.
    ///
    /// ```
    /// use halopsa_privileges::{AccessLevel, Area, Flow, Item, Scopes};
    /// // The article lists Products sync's read:invoices before read:items.
    /// assert_eq!(
    ///     &Flow::ProductsSync.article_items()[..3],
    ///     &[
    ///         Item::Scope(Scopes::READ_CUSTOMERS),
    ///         Item::Scope(Scopes::READ_INVOICES),
    ///         Item::Scope(Scopes::READ_ITEMS),
    ///     ]
    /// );
    /// assert!(Flow::CustomersSync
    ///     .article_items()
    ///     .contains(&Item::Access(Area::Clients, AccessLevel::Read)));
    /// ```
    pub const fn article_items(self) -> &'static [Item] {
        match self {
            // Customers sync.
            Flow::CustomersSync => &[
                // Application: read:customers
                Item::Scope(Scopes::READ_CUSTOMERS),
                // Agent: Clients Access Level: Read
                Item::Access(Clients, Read),
            ],

            // Products sync. The article's agent section heads this "Products / Service Items
            // sync"; it asks for read:assets at application level but no Assets access level.
            Flow::ProductsSync => &[
                // Application: read:customersread:invoicesread:itemsread:assets
                Item::Scope(Scopes::READ_CUSTOMERS),
                Item::Scope(Scopes::READ_INVOICES),
                Item::Scope(Scopes::READ_ITEMS),
                Item::Scope(Scopes::READ_ASSETS),
                // Agent: Clients, Invoices and Items Access Level: Read
                Item::Access(Clients, Read),
                Item::Access(Invoices, Read),
                Item::Access(Items, Read),
            ],

            // Service Items (Assets) sync.
            Flow::ServiceItemsSync => &[
                // Application: read:customersread:assets
                Item::Scope(Scopes::READ_CUSTOMERS),
                Item::Scope(Scopes::READ_ASSETS),
                // Agent: Clients and Assets Access Level: Read
                Item::Access(Clients, Read),
                Item::Access(Assets, Read),
                // Asset Type Restrictions: Allow use of all Asset Types = Yes
                Item::Flag(AgentFlags::ALL_ASSET_TYPES, true),
                // Asset Field Restrictions: Allow use of all Asset Fields = Yes
                Item::Flag(AgentFlags::ALL_ASSET_FIELDS, true),
            ],

            // Invoice Export - Multiline and Invoice Export - Charges: the article lists the
            // same privileges for both, each on its own.
            Flow::InvoiceExportMultiline | Flow::InvoiceExportCharges => &[
                // Application: read:customersread:itemsread:invoicesedit:invoices
                Item::Scope(Scopes::READ_CUSTOMERS),
                Item::Scope(Scopes::READ_ITEMS),
                Item::Scope(Scopes::READ_INVOICES),
                Item::Scope(Scopes::EDIT_INVOICES),
                // Agent: Clients and Items Access Level: Read;
                // Invoices Access Level: Read, Create, Modify and Delete
                Item::Access(Clients, Read),
                Item::Access(Items, Read),
                Item::Access(Invoices, ReadCreateModifyDelete),
            ],
        }
    }

    /// The least privilege that runs this flow alone: the article's Section 2, "All Privileges
    /// Documented", for this flow (application scopes and agent access levels), that is its
    /// [`article_items`](Flow::article_items) joined.
    ///
    /// ```
    /// use halopsa_privileges::{AccessLevel, Area, Flow, Scopes};
    /// let needed = Flow::CustomersSync.privileges();
    /// assert_eq!(needed.scopes(), Scopes::READ_CUSTOMERS);
    /// assert_eq!(needed.level(Area::Clients), AccessLevel::Read);
    /// ```
    pub const fn privileges(self) -> Privileges {
        let items = self.article_items();
        let mut needed = Privileges::none();
        let mut i = 0;
        while i < items.len() {
            needed = needed.join(&items[i].privileges());
            i += 1;
        }
        needed
    }
}

/// The article's open points, each with its own words. See [`OpenPoint`].
impl OpenPoint {
    /// Every point the article leaves open, in the article's order.
    pub const ALL: [OpenPoint; 3] = [
        // Section 1 lists the role's permission groups, each with a verdict, except one.
        OpenPoint {
            id: "client-restrictions",
            title: "Client Restrictions",
            flows: Flows::all(),
            up_to: Privileges::none().with_flags(AgentFlags::ALL_CLIENTS),
            article: "Ticket Type Restrictions - none required\nClient Restrictions\n\
                      Asset Type Restrictions - not used in Datagate",
            question: "Section 1 (synchronizing customers and exporting invoices) lists \
                       \"Client Restrictions\" without a verdict, unlike every other permission \
                       group there, and Section 2 does not mention it: the article does not say \
                       how Client Restrictions should be set.",
            beyond: "In HaloPSA this group holds the setting \"Allow use of all Clients\". An \
                     agent restricted to some clients sees only those clients: HaloPSA returns \
                     shorter lists, not errors. Every flow reads clients, so Datagate's checks \
                     keep this point open for every flow, not only Section 1's.",
            decision: "Whether Datagate sees all your clients. With \"Allow use of all \
                       Clients\" = Yes, every customer syncs. If you restrict the agent or its \
                       roles to some clients, only those clients sync: HaloPSA returns shorter \
                       lists, not errors, so nothing warns you that the others are missing. We \
                       recommend Yes, unless Datagate must not see some of your clients.",
        },
        // Products sync reads assets at application level, but no Assets level is stated.
        OpenPoint {
            id: "products-sync-assets",
            title: "Assets for Products sync",
            flows: Flows::PRODUCTS_SYNC,
            up_to: Privileges::none()
                .with_level(Assets, Read)
                .with_flags(AgentFlags::ALL_ASSET_TYPES)
                .with_flags(AgentFlags::ALL_ASSET_FIELDS),
            article: "Products sync:\nread:customersread:invoicesread:itemsread:assets",
            question: "Products sync asks for the read:assets scope, but the agent section \
                       states no Assets Access Level for it: the article does not say whether \
                       Products sync needs an Assets Access Level.",
            beyond: "Datagate's checks keep Assets: Read open for Products sync, and with it \
                     the two asset restriction settings that Service Items (Assets) sync needs \
                     beside Assets: Read.",
            decision: "Whether the role also gets Assets Access Level: Read, with \"Allow use \
                       of all Asset Types\" = Yes and \"Allow use of all Asset Fields\" = Yes. \
                       Products sync asks for the read:assets scope but for no Assets level. If \
                       you also run Service Items (Assets) sync, the role has them already. If \
                       not, we recommend leaving them out, and adding them if \"Test Account \
                       Access\" or a Products sync fails.",
        },
        // The agent section heads one block with both flows, then lists Service Items again.
        OpenPoint {
            id: "products-service-items-heading",
            title: "The heading \"Products / Service Items sync\"",
            flows: Flows::SERVICE_ITEMS_SYNC,
            up_to: Privileges::none()
                .with_level(Invoices, Read)
                .with_level(Items, Read),
            article: "Products / Service Items sync:\nClients Access Level: Read\n\
                      Invoices Access Level: Read\nItems Access Level: Read",
            question: "The agent section heads one block \"Products / Service Items sync\" \
                       and then lists Service Items (Assets) sync again on its own, with other \
                       levels: the article does not say whether Service Items sync also needs \
                       Invoices: Read and Items: Read.",
            beyond: "Datagate's checks read the block as Products sync only: Section 2 gives \
                     Service Items sync the scopes read:customers and read:assets, without \
                     read:items or read:invoices, so Items and Invoices levels would serve none \
                     of its calls, while Products sync's scopes hold both. Invoices: Read and \
                     Items: Read stay open for Service Items sync.",
            decision: "Whether Service Items (Assets) sync also gets Invoices Access Level: Read \
                       and Items Access Level: Read, which the heading \"Products / Service \
                       Items sync\" may ask for. If you also run Products sync, the role has them \
                       already. Section 2 gives Service Items sync only the read:customers and \
                       read:assets scopes, which these levels do not serve, so we recommend \
                       leaving them out, and adding them if \"Test Account Access\" or a Service \
                       Items sync fails.",
        },
    ];
}

/// The HaloPSA behaviours that the article does not state but that could decide an item. See
/// [`Assumption`].
impl Assumption {
    /// Every assumption, the one the crate relies on first.
    pub const ALL: [Assumption; 6] = [
        // Relied on: Privileges::covers lets `all` satisfy every scope (a test checks that this
        // entry and covers agree).
        Assumption {
            id: "all",
            title: "The scope `all` covers every scope",
            relied_on: true,
            if_granted: Privileges::none().with_scopes(Scopes::ALL),
            cover: Cover::Items(Privileges::none().with_scopes(Scopes::all())),
            source: "HaloPSA's API application Permissions tab offers `all` beside the \
                     single scopes; the crate's design notes (from public integration code and \
                     guides) take it as every scope the application was given. No HaloPSA text \
                     saying so was found. Relied on since 0.1.0: `all` is always reported as \
                     excess, and the remediation ticks the needed scopes before revoking it.",
        },
        Assumption {
            id: "edit-covers-read",
            title: "`edit:X` may also grant `read:X`",
            relied_on: false,
            if_granted: Privileges::none(),
            cover: Cover::ReadOfEdit,
            source: "Reported from public integration code for tickets and assets only; not \
                     confirmed for customers, items or invoices, and not documented by \
                     HaloPSA. One source: a bound, not a fact.",
        },
        Assumption {
            id: "all-standard",
            title: "`all:standard` may cover the standard scopes",
            relied_on: false,
            if_granted: Privileges::none().with_scopes(Scopes::ALL_STANDARD),
            cover: Cover::Items(Privileges::none().with_scopes(STANDARD_SCOPES)),
            source: "HaloPSA lists `all:standard` beside `all` without saying which scopes it \
                     holds; no public source settles it. Taken to cover every scope but the \
                     wide ones, which can only make an answer less sure.",
        },
        Assumption {
            id: "admin-scope",
            title: "The scope `admin` may cover every scope",
            relied_on: false,
            if_granted: Privileges::none().with_scopes(Scopes::ADMIN),
            cover: Cover::Items(Privileges::none().with_scopes(Scopes::all())),
            source: "HaloPSA offers `admin` for configuration endpoints; whether it also \
                     grants the other scopes is not documented.",
        },
        Assumption {
            id: "administrator",
            title: "\"Is a Halo Administrator\" may grant every access level and setting",
            relied_on: false,
            if_granted: Privileges::none().with_flags(AgentFlags::ADMINISTRATOR),
            cover: Cover::Items(Privileges::everything().without_scopes(Scopes::all())),
            source: "Halo's guides describe administrators as having full access in the \
                     application; whether the API applies that to an agent's access levels and \
                     restriction settings is not documented.",
        },
        // Applied where the agent and its roles are joined (src/input/grant_file.rs), not in
        // evaluate: a restriction setting the combination could decide is unknown there.
        Assumption {
            id: "restrictions-across-roles",
            title: "How the agent's and its roles' \"Allow use of all ...\" settings combine",
            relied_on: false,
            if_granted: Privileges::none(),
            cover: Cover::Combination,
            source: "HaloPSA's guide \"Agent Permission Settings\" says of one agent or role \
                     \"if none are selected then all are accessible, similarly with the client \
                     restrictions\", and of levels \"You cannot lower their access below that of \
                     any role they hold\"; it does not say whether a restriction on one role \
                     narrows what another role or the agent allows. HaloPSA's OpenAPI gives each \
                     role its own lists (`NHD_Roles.clients`, `assettypes`, `assetfields`, \
                     `tickettypes`). So a setting is Yes only when the agent and every role say \
                     Yes, No only when all say No, and unknown otherwise.",
        },
    ];
}
