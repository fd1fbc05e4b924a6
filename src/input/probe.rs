//! [`Probe`]: a harmless read-only call that would settle what is still unknown, with what each
//! answer would tell. Data only: the backend makes the call and feeds the answer back (as a
//! [`Call`](crate::Call), or as the agent's or a role's JSON).

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use crate::input::{Endpoint, HaloAgent, Method};
use crate::model::{Finding, Flows, Report, Scopes};

/// What a [`Probe`] would settle.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Settles {
    /// Whether the API application holds this scope (exactly one).
    Scope(Scopes),
    /// The agent's own access levels and settings: its claims and restriction lists.
    Agent,
    /// Which roles the agent holds (the agent's JSON did not list them).
    Roles,
    /// One role's access levels and restriction settings, by the role's name.
    Role(String),
}

impl fmt::Display for Settles {
    /// `scope read:assets`, `the agent's own levels and settings`, `which roles the agent
    /// holds`, `the levels and settings of role "Finance"` (the name escaped and cut).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Settles::Scope(scope) => write!(f, "scope {scope}"),
            Settles::Agent => f.write_str("the agent's own levels and settings"),
            Settles::Roles => f.write_str("which roles the agent holds"),
            Settles::Role(name) => write!(
                f,
                "the levels and settings of role \"{}\"",
                crate::common::text::Shown(name)
            ),
        }
    }
}

/// A read-only call that would settle something a [`Report`] still leaves unknown: which call,
/// what it settles, the flows that wait on it, and what a success, a refusal (401 or 403) and
/// an empty list would each tell. Never a write call.
///
/// Probes come from the endpoint table ([`Endpoint::ALL`], with its sources): a scope is
/// probed by listing what it guards (`GET /api/Asset` for `read:assets`); the agent's settings
/// by its JSON (`GET /api/Agent/me`, or `GET /api/Agent/{id}?includedetails=true` for its
/// roles); a role's by `GET /api/Roles/{id}?includedetails=true`. The backend makes the call
/// and feeds the answer back: a call as a [`Call`](crate::Call) (a success proves the
/// scope), the agent's or a role's JSON as [`HaloAgent`] or [`HaloRole`](crate::HaloRole).
///
/// ```
/// use halopsa_privileges::{probes, required_for, Flow, Grant, Method, Settles, Scopes};
///
/// // The token said nothing readable: every scope is unknown, and so is the agent.
/// let report = required_for(Flow::ServiceItemsSync).evaluate_grant(&Grant::unknown());
/// let probes = probes(&report, None);
/// let paths: Vec<&str> = probes.iter().map(|probe| probe.path()).collect();
/// assert_eq!(paths, ["/api/Client?count=1", "/api/Asset?count=1", "/api/Agent/me"]);
/// assert!(probes.iter().all(|probe| probe.method() == Method::Get));
/// assert_eq!(*probes[1].settles(), Settles::Scope(Scopes::READ_ASSETS));
/// assert!(probes[1].if_success().contains("`read:assets` is granted"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Probe {
    endpoint: &'static Endpoint,
    path: String,
    settles: Settles,
    needed_by: Flows,
}

impl Probe {
    /// A probe of `path` (a read-only call of the endpoint table, its secrets dropped as a
    /// [`Call`](crate::Call)'s are), or `None` for any other call.
    pub(crate) fn new(
        method: Method,
        path: &str,
        settles: Settles,
        needed_by: Flows,
    ) -> Option<Probe> {
        // The crate's own queries are kept; any other is dropped with the rest of the secrets.
        let (base, query) = path.split_once('?').unwrap_or((path, ""));
        let mut path = crate::input::call::redacted(base);
        if matches!(query, "count=1" | "includedetails=true") {
            path = format!("{path}?{query}");
        }
        let endpoint = Endpoint::find(method, &path).filter(|row| !row.writes())?;
        Some(Probe {
            endpoint,
            path,
            settles,
            needed_by,
        })
    }

    /// The HTTP method: always `GET`.
    pub fn method(&self) -> Method {
        self.endpoint.method()
    }

    /// The path to call, from `/api` (the tenant's resource server before it), with any id
    /// filled in, e.g. `/api/Roles/03cbebd0-...?includedetails=true` (a role id is
    /// percent-encoded, and one longer than 64 characters gets no probe). List calls ask for one
    /// record (`count=1`): the answer matters, not the records.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The row of the endpoint table the call is.
    pub fn endpoint(&self) -> &'static Endpoint {
        self.endpoint
    }

    /// What the call would settle.
    pub fn settles(&self) -> &Settles {
        &self.settles
    }

    /// The checked flows that need what the call would settle.
    pub fn needed_by(&self) -> Flows {
        self.needed_by
    }

    /// What a success (2xx) would tell, and what to do with the answer.
    pub fn if_success(&self) -> String {
        match &self.settles {
            Settles::Scope(scope) => format!(
                "`{scope}` is granted (the token allowed the call): give the call back as a \
                 `Call` with its status"
            ),
            Settles::Agent => "the answer is the agent's JSON: read it as a `HaloAgent`".into(),
            Settles::Roles => "the answer's `roles` list is the agent's roles: read it as a \
                               `HaloAgent`"
                .into(),
            Settles::Role(_) => "the answer is the role's JSON: read it as a `HaloRole` and add \
                                 it with `HaloAgent::with_role`"
                .into(),
        }
    }

    /// What a refusal (401 or 403) would tell.
    pub fn if_refused(&self) -> String {
        match &self.settles {
            Settles::Scope(scope) => format!(
                "`{scope}` is probably not ticked on the API application, or the agent's \
                 access level refused the call (HaloPSA answers 401 for both); if every call is \
                 refused, the token itself is: press Test Account Access first"
            ),
            _ => "the token itself was refused, or the application may not read this (no \
                  source names a scope for it): what it would settle stays unknown"
                .into(),
        }
    }

    /// What an empty list would tell (for a list call; `None` otherwise).
    pub fn if_empty(&self) -> Option<String> {
        match (&self.settles, self.endpoint.area()) {
            (Settles::Scope(scope), Some(area)) => Some(format!(
                "`{scope}` is granted, but the agent sees no {}: its {area} Access Level or \
                 its restrictions may hide every record (or there are none)",
                self.endpoint.what()
            )),
            _ => None,
        }
    }
}

impl fmt::Display for Probe {
    /// `GET /api/Asset?count=1 settles scope read:assets (needed by ...): on success ...; on
    /// 401 or 403 ...; on an empty list ...`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {}", self.method(), self.path, Settled(self))?;
        write!(
            f,
            ": on success, {}; on 401 or 403, {}",
            self.if_success(),
            self.if_refused()
        )?;
        if let Some(empty) = self.if_empty() {
            write!(f, "; on an empty list, {empty}")?;
        }
        Ok(())
    }
}

/// The read-only calls that would settle what `report` still leaves unknown
/// ([`Report::to_verify`]), in order: scopes (in the table's order), then the agent, its roles
/// and each role. `agent` is HaloPSA's JSON of the agent when the backend has it (its id and
/// roles name the calls; without it, `GET /api/Agent/me` settles the agent's settings). A scope
/// no read-only call proves (`edit:invoices`) gets none: only the token's `scope` says it.
///
/// At most [`MAX_LINES`](crate::MAX_LINES) roles get a probe (a real agent has a few; a list
/// of thousands would only flood the answer).
pub fn probes(report: &Report, agent: Option<&HaloAgent>) -> Vec<Probe> {
    probes_capped(report, agent).0
}

/// [`probes`], and how many roles were left without a probe by the cap.
pub(crate) fn probes_capped(report: &Report, agent: Option<&HaloAgent>) -> (Vec<Probe>, usize) {
    let mut probes: Vec<Probe> = Vec::new();
    let mut roles_probed = 0;
    let mut roles_left: alloc::collections::BTreeSet<&str> = Default::default();
    let mut agent_level: Vec<Finding> = Vec::new();
    for finding in report.to_verify() {
        match finding {
            Finding::Scope { scope, needed_by } => {
                let list = Endpoint::ALL
                    .iter()
                    .find(|row| row.scope() == scope && row.list().is_some() && !row.writes());
                if let Some(row) = list {
                    add(
                        &mut probes,
                        Settles::Scope(scope),
                        format!("/api{}?count=1", row.path()),
                        needed_by,
                    );
                }
            }
            other => agent_level.push(other),
        }
    }
    for finding in agent_level {
        let needed_by = finding.needed_by();
        let Some(agent) = agent else {
            add(
                &mut probes,
                Settles::Agent,
                "/api/Agent/me".into(),
                needed_by,
            );
            continue;
        };
        if !agent.roles_known() {
            if let Some(id) = agent.id() {
                add(
                    &mut probes,
                    Settles::Roles,
                    format!("/api/Agent/{id}?includedetails=true"),
                    needed_by,
                );
            }
        }
        for role in agent.roles() {
            let unknown = match finding {
                Finding::Access { area, .. } => role.grant().level(area).is_unknown(),
                Finding::Flag { flag, .. } => role.grant().has_flag(flag).is_none(),
                Finding::Scope { .. } => false,
            };
            // A GUID is 36 characters; a longer id is no HaloPSA role id to call with.
            let id = role.id().filter(|id| id.trim().len() <= MAX_ID);
            if let (true, false, Some(id)) = (unknown, role.has_own_json(), id) {
                let settles = Settles::Role(role.name().into());
                let known = probes.iter().any(|probe| probe.settles == settles);
                if !known && roles_probed >= crate::common::MAX_LINES {
                    roles_left.insert(role.name());
                    continue;
                }
                roles_probed += usize::from(!known);
                add(
                    &mut probes,
                    settles,
                    format!("/api/Roles/{}?includedetails=true", path_segment(id)),
                    needed_by,
                );
            }
        }
    }
    (probes, roles_left.len())
}

/// Adds a probe for `settles`, or adds `needed_by` to the one there is.
fn add(probes: &mut Vec<Probe>, settles: Settles, path: String, needed_by: Flows) {
    if let Some(probe) = probes.iter_mut().find(|probe| probe.settles == settles) {
        probe.needed_by |= needed_by;
        return;
    }
    let Some(endpoint) = Endpoint::find(Method::Get, &path) else {
        return;
    };
    probes.push(Probe {
        endpoint,
        path,
        settles,
        needed_by,
    });
}

/// The longest role id put into a probe's path (a GUID has 36 characters).
const MAX_ID: usize = 64;

/// A role id as one path segment: characters other than letters, digits, `-` and `_`
/// percent-encoded (a GUID passes unchanged).
fn path_segment(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for byte in id.trim().bytes() {
        if byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_' {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// What a probe settles, and for which flows: `settles scope read:assets (needed by ...)`.
pub(crate) struct Settled<'a>(pub(crate) &'a Probe);

impl fmt::Display for Settled<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "settles {}", self.0.settles)?;
        if !self.0.needed_by.is_empty() {
            write!(f, " (needed by {})", self.0.needed_by.titles())?;
        }
        Ok(())
    }
}
