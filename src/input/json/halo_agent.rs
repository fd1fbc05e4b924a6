//! [`HaloAgent`] and [`HaloRole`]: HaloPSA's own description of the agent (`GET /api/Agent/me`)
//! and of a role (`GET /api/Roles/{id}`), read through the claim table in
//! `src/input/claims.rs`. The JSON itself is read in `halo_read.rs`.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use serde::{Deserialize, Deserializer};

use super::halo_claims::{read_all, AGENT};
use super::halo_read::{RawAgent, RawRole};
use crate::common::error::EvidenceError;
use crate::common::text::clip_name;
use crate::input::evidence::combine;
use crate::input::{GrantFile, Source};
use crate::model::Grant;

/// The agent as HaloPSA's API describes it: the JSON of `GET /api/Agent/me` (or
/// `/api/Agent/{id}?includedetails=true`), HaloPSA's `Uname`, read into a grant with its
/// sources: the agent and each role.
///
/// Read: `id`, `name`, `claims` (the agent's own permission settings, `{ "type", "value" }`),
/// `is_admin`, `roles` (HaloPSA's `NHD_Roles`, see [`HaloRole`]) and the restriction lists
/// `clients`, `assettypes`, `assetfields` and `tickettypes`. Every property may be `null` or
/// left out, and every other property is skipped, as HaloPSA's published API description
/// allows (newer releases add properties); a property the crate reads with the wrong JSON type
/// is an error naming it.
///
/// - **Claims** go through the crate's claim table, with its sources
///   (`src/input/claims.rs`): a claim whose type it does not know, or whose value no source
///   states, leaves its setting unknown and is listed in
///   [`unrecognised`](HaloAgent::unrecognised), never guessed. A setting nothing mentions is
///   unknown (not No Access), and so are the scopes (the token holds those).
/// - **Restriction lists**: an empty list means none selected, which HaloPSA's guide "Agent
///   Permission Settings" says means all are accessible ("if none are selected then all are
///   accessible"): the matching "Allow use of all ..." setting is Yes; a non-empty list is No;
///   `null` or left out is unknown. A list on the agent whose entries all name a role
///   (`role_id`, `role_name`) may be inherited, so the agent's own setting stays unknown.
/// - **Roles**: `"roles": []` is no roles; `roles` left out or `null` means the agent's roles
///   are not known, so what the agent's own settings give is only a lower bound (HaloPSA
///   applies the highest of the agent and all its roles: "You cannot lower their access below
///   that of any role they hold"), see [`GrantFile::with_roles_known`].
/// - Where two parts of the JSON disagree (`is_admin` and the `SA` claim, a list and its
///   "Allow use of all" claim, one claim type given twice), neither is taken and the
///   disagreement is in [`conflicts`](HaloAgent::conflicts).
///
/// ```
/// use halopsa_privileges::{AccessLevel, Area, HaloAgent, LevelBounds};
///
/// fn main() -> Result<(), serde_json::Error> {
///     let json = r#"{ "id": 7, "name": "Datagate API", "is_admin": false,
///       "claims": [ { "type": "Ux", "value": "2" }, { "type": "Fc", "value": "1" } ],
///       "roles": [ { "id": "03cbebd0-5d2c-4a5e-9b7a-0e6c1f0f2a11", "id_int": 3, "name": "Finance",
///                    "claims": [ { "type": "Xx", "value": "1" } ], "clients": [] } ],
///       "clients": [], "teams": null, "some_future_property": { "x": 1 } }"#;
///     let agent: HaloAgent = serde_json::from_str(json)?;
///     assert_eq!(agent.roles()[0].id(), Some("03cbebd0-5d2c-4a5e-9b7a-0e6c1f0f2a11"));
///     let file = agent.grant_file();
///     let (me, finance) = (file.sources()[0].grant(), file.sources()[1].grant());
///     // Value 2 of `Ux` is Read Only in one source, Read and Modify in another.
///     assert_eq!(
///         me.level(Area::Clients),
///         LevelBounds::between(AccessLevel::Read, AccessLevel::ReadModify)
///     );
///     assert_eq!(finance.level(Area::Invoices), LevelBounds::exact(AccessLevel::Read));
///     // HaloPSA applies the highest of the agent and its roles; the rest is unknown.
///     assert_eq!(agent.grant().level(Area::Invoices).at_least(), AccessLevel::Read);
///     assert!(agent.grant().level(Area::Users).is_unknown());
///     assert_eq!(agent.conflicts().count(), 0);
///
///     // A read field of the wrong type is an error naming it.
///     let err = serde_json::from_str::<HaloAgent>(r#"{"claims": "Ux=2"}"#).unwrap_err();
///     assert!(err.to_string().starts_with("`claims`: invalid type: string"));
///     Ok(())
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
pub struct HaloAgent {
    id: Option<i64>,
    name: Option<String>,
    agent: Grant,
    roles: Vec<HaloRole>,
    roles_known: bool,
    unrecognised: Vec<String>,
    conflicts: Vec<String>,
}

/// A role as HaloPSA's API describes it: the JSON of `GET /api/Roles/{id}` (or an entry of an
/// agent's `roles`), HaloPSA's `NHD_Roles`, read by the same claim table as [`HaloAgent`].
///
/// Read: `id` (a string, a GUID in HaloPSA; an integer is read as its text), `id_int`, `name`,
/// `claims` and the role's own restriction lists (`clients`, `assettypes`, `assetfields`,
/// `tickettypes`: empty means all accessible, so the "Allow use of all ..." setting is Yes).
///
/// ```
/// use halopsa_privileges::{AgentFlags, HaloRole};
///
/// fn main() -> Result<(), serde_json::Error> {
///     let role: HaloRole = serde_json::from_str(r#"{ "id": "9d0c41aa-2f0e-4c7e-8a55-3b1f6c2d7e90",
///       "id_int": 9, "name": "Service Desk", "notes": null, "claims": null,
///       "assettypes": [ { "id": 1, "assettype_id": 4, "role_id": "9d0c41aa-2f0e-4c7e-8a55-3b1f6c2d7e90",
///                         "canview": true } ],
///       "assetfields": [] }"#)?;
///     assert_eq!(role.id_int(), Some(9));
///     assert_eq!(role.grant().has_flag(AgentFlags::ALL_ASSET_TYPES), Some(false));
///     assert_eq!(role.grant().has_flag(AgentFlags::ALL_ASSET_FIELDS), Some(true));
///     assert_eq!(role.grant().has_flag(AgentFlags::ALL_CLIENTS), None);
///     Ok(())
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
pub struct HaloRole {
    id: Option<String>,
    id_int: Option<i64>,
    name: String,
    grant: Grant,
    /// Read from the role's own JSON (`GET /api/Roles/{id}`), not only the agent's.
    own_json: bool,
    unrecognised: Vec<String>,
    conflicts: Vec<String>,
}

impl HaloAgent {
    /// The agent's id (`id`), when the JSON has one.
    pub fn id(&self) -> Option<i64> {
        self.id
    }

    /// The agent's name, when the JSON has one.
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// The agent's roles as listed, in the JSON's order (and any added by
    /// [`with_role`](HaloAgent::with_role)).
    pub fn roles(&self) -> &[HaloRole] {
        &self.roles
    }

    /// Whether the JSON lists the agent's roles (`roles` given, `[]` included). Without the
    /// list, roles nobody listed may raise any level, so the agent's own settings are lower
    /// bounds only.
    pub fn roles_known(&self) -> bool {
        self.roles_known
    }

    /// The agent and its roles as a grant file: scopes unknown, one source for the agent and
    /// one per role (by name), each with what its claims and lists say; roles not known when
    /// the JSON does not list them.
    pub fn grant_file(&self) -> GrantFile {
        let mut sources = Vec::with_capacity(1 + self.roles.len());
        let agent = Source::agent_grant(self.agent);
        sources.push(match &self.name {
            Some(name) => agent.named(name.clone()),
            None => agent,
        });
        for role in &self.roles {
            sources.push(Source::role_grant(role.name.clone(), role.grant));
        }
        GrantFile::from_source_grants(Grant::unknown(), sources).with_roles_known(self.roles_known)
    }

    /// The effective agent-level grant HaloPSA applies (scopes unknown): the agent joined with
    /// its roles, as [`grant_file`](HaloAgent::grant_file) gives it.
    pub fn grant(&self) -> Grant {
        self.grant_file().grant()
    }

    /// Each claim or list the crate could not read, as `who: claim `type` = `value`` with why.
    pub fn unrecognised(&self) -> impl Iterator<Item = &str> {
        self.unrecognised
            .iter()
            .chain(self.roles.iter().flat_map(|role| &role.unrecognised))
            .map(String::as_str)
    }

    /// Where two parts of the evidence disagree, each naming both (the item is then known only
    /// as far as both allow).
    pub fn conflicts(&self) -> impl Iterator<Item = &str> {
        self.conflicts
            .iter()
            .chain(self.roles.iter().flat_map(|role| &role.conflicts))
            .map(String::as_str)
    }

    /// Adds what a role's own JSON (`GET /api/Roles/{id}`) says to the same role of the agent:
    /// matched by id where both give one (the string `id`, ASCII case ignored, or `id_int`),
    /// else by name (trimmed, whitespace and case folded). What both say is combined, and any
    /// disagreement is a conflict naming both.
    ///
    /// A role the agent's JSON does not list is an error naming it and the agent's roles
    /// (adding it would change what the agent is granted), unless the agent's roles are not
    /// known: then it is added as one of them (the others stay unknown).
    pub fn with_role(mut self, role: HaloRole) -> Result<HaloAgent, EvidenceError> {
        let Some(known) = self
            .roles
            .iter_mut()
            .find(|known| known.is_same_role(&role))
        else {
            if !self.roles_known {
                self.roles.push(role);
                return Ok(self);
            }
            return Err(EvidenceError::NotTheAgentsRole {
                role: role.name,
                listed: self.roles.iter().map(|r| r.name.clone()).collect(),
            });
        };
        let (grant, conflicts) = combine(&known.grant, &role.grant);
        known.grant = grant;
        for conflict in conflicts {
            known.conflicts.push(conflict.between(
                &format!("the agent's JSON for role `{}`", known.name),
                "the role's own JSON",
            ));
        }
        known.id = known.id.take().or(role.id);
        known.id_int = known.id_int.or(role.id_int);
        known.own_json |= role.own_json;
        known.unrecognised.extend(role.unrecognised);
        known.conflicts.extend(role.conflicts);
        Ok(self)
    }
}

impl HaloRole {
    /// The role's name (`role {id}` when the JSON has none).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The role's id as HaloPSA gives it: a string, a GUID (`GET /api/Roles/{id}` takes it).
    pub fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    /// The role's integer id (`id_int`), when the JSON has one.
    pub fn id_int(&self) -> Option<i64> {
        self.id_int
    }

    /// What the role's claims and restriction lists say (scopes unknown; a setting with no
    /// claim unknown).
    pub fn grant(&self) -> Grant {
        self.grant
    }

    /// Whether this was read from the role's own JSON (`GET /api/Roles/{id}`, directly or added
    /// with [`HaloAgent::with_role`]), not only from the agent's `roles` list.
    pub fn has_own_json(&self) -> bool {
        self.own_json
    }

    /// Whether `other` describes the same role: the same `id` (ASCII case ignored, as GUIDs
    /// are) or `id_int` where both give one, else the same name after trimming and folding
    /// whitespace and case.
    ///
    /// ```
    /// use halopsa_privileges::HaloRole;
    ///
    /// let role = |json| serde_json::from_str::<HaloRole>(json).unwrap();
    /// assert!(role(r#"{"id": "ABC-1", "name": "Finance"}"#).is_same_role(&role(r#"{"id": "abc-1"}"#)));
    /// assert!(role(r#"{"name": "Finance "}"#).is_same_role(&role(r#"{"name": "finance"}"#)));
    /// // Two ids that differ are two roles, whatever their names.
    /// assert!(!role(r#"{"id_int": 3, "name": "Finance"}"#).is_same_role(&role(r#"{"id_int": 4, "name": "Finance"}"#)));
    /// ```
    pub fn is_same_role(&self, other: &HaloRole) -> bool {
        match (&self.id, &other.id, self.id_int, other.id_int) {
            (Some(a), Some(b), _, _) => a.trim().eq_ignore_ascii_case(b.trim()),
            (_, _, Some(a), Some(b)) => a == b,
            _ => crate::common::text::same_name(&self.name, &other.name),
        }
    }
}

impl RawRole {
    fn into_role(self, own_json: bool) -> HaloRole {
        let id = self.id.map(|id| clip_name(&id));
        let name = match (self.name.map(|name| clip_name(&name)), &id, self.id_int) {
            (Some(name), _, _) if !name.trim().is_empty() => name,
            (_, Some(id), _) => format!("role {id}"),
            (_, _, Some(id)) => format!("role {id}"),
            _ => "a role without a name".to_string(),
        };
        let read = read_all(
            self.claims.as_deref(),
            &self.lists,
            None,
            &format!("role `{name}`"),
        );
        HaloRole {
            id,
            id_int: self.id_int,
            name,
            grant: read.grant,
            own_json,
            unrecognised: read.unrecognised,
            conflicts: read.conflicts,
        }
    }
}

impl<'de> Deserialize<'de> for HaloRole {
    /// A JSON object as HaloPSA's `NHD_Roles`; properties other than those read are skipped.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(RawRole::deserialize(deserializer)?.into_role(true))
    }
}

impl<'de> Deserialize<'de> for HaloAgent {
    /// A JSON object as `GET /api/Agent/me` returns it (HaloPSA's `Uname`); properties other
    /// than those read are skipped.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = RawAgent::deserialize(deserializer)?;
        let read = read_all(raw.claims.as_deref(), &raw.lists, raw.is_admin, AGENT);
        let roles_known = raw.roles.is_some();
        Ok(HaloAgent {
            id: raw.id,
            name: raw.name.map(|name| clip_name(&name)),
            agent: read.grant,
            roles: raw
                .roles
                .unwrap_or_default()
                .into_iter()
                .map(|role| role.into_role(false))
                .collect(),
            roles_known,
            unrecognised: read.unrecognised,
            conflicts: read.conflicts,
        })
    }
}
