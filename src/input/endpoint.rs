//! [`Endpoint`]: a HaloPSA API call the Datagate flows make, with the scope and the area it
//! depends on, and [`Method`], the HTTP method of a call.
//!
//! The table is data about HaloPSA that the article does not state. Its sources, each public:
//!
//! - **Paths and list keys.** The PowerShell module `homotechsual/HaloAPI` (`Public/Get/
//!   Get-HaloClient.ps1`: `GET api/client` and `api/client/{id}`, list key `clients`;
//!   `Get-HaloItem.ps1`: `api/item`, `items`; `Get-HaloRecurringInvoice.ps1`:
//!   `api/RecurringInvoice`, list key `invoices`; `New-HaloInvoice.ps1` and `Set-HaloInvoice.ps1`:
//!   both POST to `invoice`, without and with an `id`). A public Python HaloPSA command-line
//!   client's resource table (found by exact-string search on `/Invoice/updatelines`; the search
//!   did not show its repository) lists `GET`/`POST /Invoice`, `POST /Invoice/updatelines`,
//!   `GET /Asset`, `GET /ClientContract` (list key `contracts`, "verified against the live
//!   tenant") and says "POST to the collection creates a record when no `id` is supplied and
//!   updates the record when `id` is set".
//! - **Which scope a call needs.** HaloPSA's scopes are named after its resources
//!   (`read:customers`, `read:invoices`, `read:items`, `read:assets`, `read:contracts`, with
//!   `edit:` for writes); no public source maps every path to a scope. One public report
//!   (refractionPOINT/documentation pull request 246, "verified against a live HaloPSA tenant by
//!   probing each scope in isolation") found clients and sites gated by `read:customers`. So
//!   the scope of each row is a bound, not a certainty: a call that succeeds shows that the token
//!   allowed it (the scope, or one that covers it such as `all`), and a refused call only makes
//!   the scope suspect.
//! - **What a refusal means.** The same Python client records `GET /Invoice/lines` answering 403
//!   "without billing permission" and `GET /ClientContract/{id}` answering 401 for an agent whose
//!   list call succeeded ("Halo uses 401 for module-permission denial on detail endpoints"): a
//!   401 or 403 may come from the agent's access level too, not only from the scope. An expired
//!   token is refused as well, which is why the first step is the article's "Test Account Access".
//! - **Empty lists.** The issue reports and DESIGN.md (section 2) record that a level too low, or
//!   a restriction, gives filtered or empty lists rather than errors.

use core::fmt;
use core::str::FromStr;

use crate::common::error::ParseError;
use crate::model::{AgentFlags, Area, Scopes};

/// The HTTP method of a call. `FromStr` ignores ASCII case; `Display` writes it in capitals.
///
/// ```
/// use halopsa_privileges::Method;
///
/// fn main() -> Result<(), halopsa_privileges::ParseError> {
///     assert_eq!("post".parse::<Method>()?, Method::Post);
///     assert_eq!(Method::Post.to_string(), "POST");
///     assert!("FETCH".parse::<Method>().is_err());
///     Ok(())
/// }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Method {
    /// `GET`: reads.
    Get,
    /// `POST`: HaloPSA's way to create a record (no `id`) or update one (`id` set).
    Post,
    /// `PUT`.
    Put,
    /// `PATCH`.
    Patch,
    /// `DELETE`.
    Delete,
}

impl Method {
    /// Every method, in the order above.
    pub const ALL: [Method; 5] = [
        Method::Get,
        Method::Post,
        Method::Put,
        Method::Patch,
        Method::Delete,
    ];

    /// The method in capitals, e.g. `GET`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Method {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Method, ParseError> {
        Method::ALL
            .into_iter()
            .find(|method| s.eq_ignore_ascii_case(method.as_str()))
            .ok_or_else(|| ParseError::UnknownMethod(s.into()))
    }
}

/// One HaloPSA API call, as the endpoint table knows it: the scope the token needs for it, the
/// agent's area it reads or writes, and for a list the setting that can shorten it. The table
/// is [`Endpoint::ALL`]; [`Endpoint::find`] matches a call's method and path to a row.
///
/// ```
/// use halopsa_privileges::{Area, Endpoint, Method, Scopes};
///
/// let invoices = Endpoint::find(Method::Get, "/api/Invoice?pageinate=true").unwrap();
/// assert_eq!(invoices.scope(), Scopes::READ_INVOICES);
/// assert_eq!(invoices.area(), Some(Area::Invoices));
/// assert_eq!(invoices.to_string(), "GET /api/Invoice");
///
/// let update = Endpoint::find(Method::Post, "https://acme.halopsa.com/api/invoice").unwrap();
/// assert_eq!(update.scope(), Scopes::EDIT_INVOICES);
/// assert!(Endpoint::find(Method::Get, "/api/Invoice/42").is_some());
/// assert!(Endpoint::find(Method::Get, "/api/Timesheet").is_none());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Endpoint {
    method: Method,
    path: &'static str,
    scope: Scopes,
    area: Option<Area>,
    writes: bool,
    list: Option<&'static str>,
    restriction: AgentFlags,
    what: &'static str,
}

/// A row that reads one record or a list.
const fn read(path: &'static str, scope: Scopes, area: Area, what: &'static str) -> Endpoint {
    Endpoint {
        method: Method::Get,
        path,
        scope,
        area: Some(area),
        writes: false,
        list: None,
        restriction: AgentFlags::empty(),
        what,
    }
}

/// A row that lists records under `key`, which `restriction` (when not empty) can shorten.
const fn list(
    path: &'static str,
    scope: Scopes,
    area: Area,
    key: &'static str,
    restriction: AgentFlags,
) -> Endpoint {
    Endpoint {
        list: Some(key),
        restriction,
        ..read(path, scope, area, key)
    }
}

/// A row that creates or updates.
const fn write(path: &'static str, scope: Scopes, area: Area, what: &'static str) -> Endpoint {
    Endpoint {
        method: Method::Post,
        writes: true,
        ..read(path, scope, area, what)
    }
}

impl Endpoint {
    /// `GET /api/Agent/me`: the agent the token logs in as.
    const ALL_AGENT_ME: Endpoint = Endpoint {
        method: Method::Get,
        path: "/Agent/me",
        scope: Scopes::empty(),
        area: None,
        writes: false,
        list: None,
        restriction: AgentFlags::empty(),
        what: "the agent",
    };

    /// The calls the crate knows (sources in the module docs). Paths are written after `/api`;
    /// `{id}` stands for a record's number.
    pub const ALL: &'static [Endpoint] = &[
        // The token and the agent: HaloPSA's OpenAPI guards it with the token only (DESIGN.md
        // section 2), so it proves no scope; a refusal means the token itself was refused.
        Endpoint::ALL_AGENT_ME,
        // The agent by id with its details (roles included), and a role by its string id:
        // HaloPSA's OpenAPI description (paths `/Agent/{id}` with `includedetails`, and
        // `/Roles/{id}` whose `id` is a string; excerpt in tests/data/halopsa-openapi/). The
        // description names no scope for them, so a success proves none.
        Endpoint {
            path: "/Agent/{id}",
            what: "the agent with its details",
            ..Endpoint::ALL_AGENT_ME
        },
        Endpoint {
            path: "/Roles/{role}",
            what: "a role",
            ..Endpoint::ALL_AGENT_ME
        },
        list(
            "/Client",
            Scopes::READ_CUSTOMERS,
            Area::Clients,
            "clients",
            AgentFlags::ALL_CLIENTS,
        ),
        read(
            "/Client/{id}",
            Scopes::READ_CUSTOMERS,
            Area::Clients,
            "a client",
        ),
        list(
            "/Invoice",
            Scopes::READ_INVOICES,
            Area::Invoices,
            "invoices",
            AgentFlags::empty(),
        ),
        read(
            "/Invoice/{id}",
            Scopes::READ_INVOICES,
            Area::Invoices,
            "an invoice",
        ),
        write(
            "/Invoice",
            Scopes::EDIT_INVOICES,
            Area::Invoices,
            "an invoice",
        ),
        write(
            "/Invoice/updatelines",
            Scopes::EDIT_INVOICES,
            Area::Invoices,
            "invoice lines",
        ),
        list(
            "/RecurringInvoice",
            Scopes::READ_INVOICES,
            Area::Invoices,
            "invoices",
            AgentFlags::empty(),
        ),
        read(
            "/RecurringInvoice/{id}",
            Scopes::READ_INVOICES,
            Area::Invoices,
            "a recurring invoice",
        ),
        list(
            "/Item",
            Scopes::READ_ITEMS,
            Area::Items,
            "items",
            AgentFlags::empty(),
        ),
        read("/Item/{id}", Scopes::READ_ITEMS, Area::Items, "an item"),
        list(
            "/Asset",
            Scopes::READ_ASSETS,
            Area::Assets,
            "assets",
            AgentFlags::ALL_ASSET_TYPES,
        ),
        read("/Asset/{id}", Scopes::READ_ASSETS, Area::Assets, "an asset"),
        list(
            "/ClientContract",
            Scopes::READ_CONTRACTS,
            Area::ClientContracts,
            "contracts",
            AgentFlags::empty(),
        ),
        read(
            "/ClientContract/{id}",
            Scopes::READ_CONTRACTS,
            Area::ClientContracts,
            "a client contract",
        ),
    ];

    /// The row for a call, if the table has one. `path` may be a whole URL or start at `/api`
    /// (or after it); its query and fragment are ignored, and so are ASCII case and a trailing
    /// `/`. `{id}` matches a segment of digits.
    pub fn find(method: Method, path: &str) -> Option<&'static Endpoint> {
        let path = api_path(path)?;
        Endpoint::ALL
            .iter()
            .find(|row| row.method == method && same_path(row.path, path))
    }

    /// The HTTP method.
    pub const fn method(&self) -> Method {
        self.method
    }

    /// The path after `/api`, e.g. `/Invoice/{id}`.
    pub const fn path(&self) -> &'static str {
        self.path
    }

    /// The scope the token needs for this call (empty for `/Agent/me`). A bound: see the module
    /// docs for how sure the table is.
    pub const fn scope(&self) -> Scopes {
        self.scope
    }

    /// The agent's area that the call reads or writes (`None` for `/Agent/me`).
    pub const fn area(&self) -> Option<Area> {
        self.area
    }

    /// Whether the call creates or updates (otherwise it reads).
    pub const fn writes(&self) -> bool {
        self.writes
    }

    /// For a list, the key of the records in HaloPSA's answer (`clients`, `invoices`, ...).
    pub const fn list(&self) -> Option<&'static str> {
        self.list
    }

    /// For a list, the "Allow use of all ..." setting that can shorten it when it is No (empty
    /// when none is known to).
    pub const fn restriction(&self) -> AgentFlags {
        self.restriction
    }

    /// What the call reads or writes, in plain words (`clients`, `an invoice`).
    pub const fn what(&self) -> &'static str {
        self.what
    }
}

impl fmt::Display for Endpoint {
    /// `GET /api/Invoice/{id}`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} /api{}", self.method, self.path)
    }
}

/// The part of `path` after `/api` (or the whole path when it has no `/api`), without slashes
/// at either end, query or fragment; `None` for a URL without a path.
pub(crate) fn api_path(path: &str) -> Option<&str> {
    let path = path.split(['?', '#']).next().unwrap_or_default();
    // A whole URL: drop the scheme and the host.
    let path = match path.find("://") {
        Some(at) => {
            let rest = &path[at + 3..];
            &rest[rest.find('/')?..]
        }
        // A URL without a scheme (`//host/api/...`).
        None if path.starts_with("//") => {
            let rest = &path[2..];
            &rest[rest.find('/')?..]
        }
        None => path,
    };
    let path = path.trim_matches('/');
    Some(match path.split_once('/') {
        Some((api, rest)) if api.eq_ignore_ascii_case("api") => rest,
        None if path.eq_ignore_ascii_case("api") => "",
        _ => path,
    })
}

/// Whether a call's path (after `/api`) is the row's, segment by segment.
fn same_path(row: &str, path: &str) -> bool {
    let mut row = row.trim_start_matches('/').split('/');
    let mut path = path.split('/');
    loop {
        match (row.next(), path.next()) {
            (None, None) => return true,
            (Some("{id}"), Some(segment)) => {
                if segment.is_empty() || !segment.bytes().all(|b| b.is_ascii_digit()) {
                    return false;
                }
            }
            // A role's id is a string (a GUID).
            (Some("{role}"), Some(segment)) => {
                if segment.is_empty() {
                    return false;
                }
            }
            (Some(a), Some(b)) if a.eq_ignore_ascii_case(b) => {}
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_read_as_people_and_clients_write_them() {
        for path in [
            "/api/Client",
            "/api/client/",
            "api/Client",
            "/Client",
            "https://acme.halopsa.com/api/Client?page_no=2",
            "http://localhost:8080/api/CLIENT#top",
        ] {
            let row = Endpoint::find(Method::Get, path);
            assert_eq!(row.map(|row| row.path), Some("/Client"), "{path}");
        }
        assert!(Endpoint::find(Method::Get, "/api/Client/12a").is_none());
        assert!(Endpoint::find(Method::Get, "/api/Client/").is_some());
        assert!(Endpoint::find(Method::Get, "/api/Clients").is_none());
        assert!(Endpoint::find(Method::Get, "https://acme.halopsa.com").is_none());
        assert!(Endpoint::find(Method::Delete, "/api/Client/1").is_none());
        assert!(Endpoint::find(Method::Get, "/apiary/Client").is_none());
    }

    #[test]
    fn every_row_is_found_by_its_own_path() {
        for row in Endpoint::ALL {
            let path = alloc::format!(
                "/api{}",
                row.path
                    .replace("{id}", "42")
                    .replace("{role}", "03cbebd0-5d2c-4a5e-9b7a-0e6c1f0f2a11")
            );
            assert_eq!(Endpoint::find(row.method, &path), Some(row), "{row}");
        }
    }
}
