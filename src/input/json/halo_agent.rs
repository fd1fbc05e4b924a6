//! [`HaloAgent`] and [`HaloRole`]: HaloPSA's own description of the agent (`GET /api/Agent/me`)
//! and of a role (`GET /api/Roles/{id}`), read through the claim table in `claims.rs`.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use serde::de::IgnoredAny;
use serde::{Deserialize, Deserializer};

use crate::claims::{ClaimType, Meaning, Setting};
use crate::evidence::combine;
use crate::{AgentFlags, Grant, GrantFile, Source};

/// The agent as HaloPSA's API describes it: the JSON of `GET /api/Agent/me` (or
/// `/api/Agent/{id}?includedetails=true`), read into a grant with its sources, the agent and
/// each role by name.
///
/// Read: `claims` (the agent's own permission settings, `{ "type", "value" }`), `roles` (each
/// with `name` and its `claims`), `is_admin`, and the restriction lists `clients`,
/// `assettypes`, `assetfields` and `tickettypes` (an empty list means no restriction, so the
/// matching "Allow use of all ..." setting is Yes; a non-empty one means No). Every other field
/// is skipped. The claim table is the crate's, with its sources (see the crate's claims module
/// docs in the repository): a claim whose type it does not know, or whose value no source
/// states, leaves its setting unknown and is listed in
/// [`unrecognised`](HaloAgent::unrecognised), never guessed. A setting the JSON does not
/// mention is unknown (not No Access), and so are the scopes (the token holds those). Where
/// two parts of the JSON disagree (`is_admin` and the `SA` claim, a list and its "Allow use
/// of all" claim, one claim type given twice), neither is taken and the disagreement is in
/// [`conflicts`](HaloAgent::conflicts).
///
/// ```
/// use halopsa_privileges::{AccessLevel, Area, HaloAgent, LevelBounds};
///
/// let json = r#"{ "id": 7, "name": "Datagate API", "is_admin": false,
///   "claims": [ { "type": "Ux", "value": "2" }, { "type": "Fc", "value": "1" } ],
///   "roles": [ { "id": 3, "name": "Finance", "claims": [ { "type": "Xx", "value": "1" } ] } ],
///   "clients": [] }"#;
/// let agent: HaloAgent = serde_json::from_str(json)?;
/// let file = agent.grant_file();
/// let (me, finance) = (file.sources()[0].grant(), file.sources()[1].grant());
/// // Value 2 of `Ux` is Read Only in one source, Read and Modify in another.
/// assert_eq!(
///     me.level(Area::Clients),
///     LevelBounds::between(AccessLevel::Read, AccessLevel::ReadModify)
/// );
/// assert_eq!(finance.level(Area::Invoices), LevelBounds::exact(AccessLevel::Read));
/// // HaloPSA applies the highest of the agent and its roles; the rest is unknown.
/// assert_eq!(file.grant().level(Area::Invoices).at_least(), AccessLevel::Read);
/// assert!(file.grant().level(Area::Users).is_unknown());
/// assert_eq!(agent.conflicts().count(), 0);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
pub struct HaloAgent {
    name: Option<String>,
    agent: Grant,
    roles: Vec<HaloRole>,
    unrecognised: Vec<String>,
    conflicts: Vec<String>,
}

/// A role as HaloPSA's API describes it: the JSON of `GET /api/Roles/{id}` (or an entry of an
/// agent's `roles`), read by the same claim table as [`HaloAgent`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
pub struct HaloRole {
    id: Option<i64>,
    name: String,
    grant: Grant,
    has_claims: bool,
    unrecognised: Vec<String>,
    conflicts: Vec<String>,
}

impl HaloAgent {
    /// The agent's name, when the JSON has one.
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// The agent's roles, in the JSON's order.
    pub fn roles(&self) -> &[HaloRole] {
        &self.roles
    }

    /// The agent and its roles as a grant file: scopes unknown, one source for the agent and
    /// one per role (by name), each with what its claims say.
    pub fn grant_file(&self) -> GrantFile {
        let mut sources = Vec::with_capacity(1 + self.roles.len());
        sources.push(Source::agent_grant(self.agent));
        for role in &self.roles {
            sources.push(Source::role_grant(role.name.clone(), role.grant));
        }
        GrantFile::from_source_grants(Grant::unknown(), sources)
    }

    /// Each claim the crate could not read, as `who: claim `type` = `value`` with why.
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

    /// Adds what a role's own JSON (`GET /api/Roles/{id}`) says to the role of the same id (or,
    /// without ids, the same name, ASCII case ignored). Where the agent's JSON listed the role's
    /// claims too, both are combined and any disagreement is a conflict naming both. A role the
    /// agent does not have is an error naming it and the agent's roles: adding it would change
    /// what the agent is granted.
    pub fn with_role(mut self, role: HaloRole) -> Result<HaloAgent, String> {
        let found = self
            .roles
            .iter_mut()
            .find(|known| match (known.id, role.id) {
                (Some(a), Some(b)) => a == b,
                _ => known.name.eq_ignore_ascii_case(&role.name),
            });
        let Some(known) = found else {
            let names: Vec<&str> = self.roles.iter().map(|r| r.name.as_str()).collect();
            return Err(format!(
                "the role `{}` is not among the agent's roles ({})",
                role.name,
                if names.is_empty() {
                    "it has none".to_string()
                } else {
                    format!("`{}`", names.join("`, `"))
                }
            ));
        };
        if known.has_claims {
            let (grant, conflicts) = combine(&known.grant, &role.grant);
            known.grant = grant;
            for conflict in conflicts {
                known.conflicts.push(conflict.between(
                    &format!("the agent's JSON for role `{}`", known.name),
                    "the role's own JSON",
                ));
            }
        } else {
            known.grant = role.grant;
            known.has_claims = role.has_claims;
        }
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

    /// The role's id, when the JSON has one.
    pub fn id(&self) -> Option<i64> {
        self.id
    }

    /// What the role's claims say (scopes unknown; a setting with no claim unknown).
    pub fn grant(&self) -> Grant {
        self.grant
    }
}

/// A claim's value: HaloPSA writes strings; a number or a boolean is read as its text.
#[derive(Deserialize)]
#[serde(untagged)]
enum Text {
    Str(String),
    Int(i64),
    Bool(bool),
}

#[derive(Deserialize)]
struct RawClaim {
    #[serde(rename = "type")]
    kind: Option<String>,
    value: Option<Text>,
}

#[derive(Deserialize)]
struct RawRole {
    id: Option<i64>,
    name: Option<String>,
    claims: Option<Vec<RawClaim>>,
}

#[derive(Deserialize)]
struct RawAgent {
    name: Option<String>,
    is_admin: Option<bool>,
    claims: Option<Vec<RawClaim>>,
    roles: Option<Vec<RawRole>>,
    clients: Option<Vec<IgnoredAny>>,
    assettypes: Option<Vec<IgnoredAny>>,
    assetfields: Option<Vec<IgnoredAny>>,
    tickettypes: Option<Vec<IgnoredAny>>,
}

/// What claims say, with what could not be read and where they disagree.
struct Read {
    grant: Grant,
    unrecognised: Vec<String>,
    conflicts: Vec<String>,
}

/// Reads `claims` (of `who`) through the claim table.
fn read_claims(claims: &[RawClaim], who: &str) -> Read {
    let mut read = Read {
        grant: Grant::unknown(),
        unrecognised: Vec::new(),
        conflicts: Vec::new(),
    };
    let mut seen: Vec<&'static str> = Vec::new();
    for claim in claims {
        let kind = claim.kind.as_deref().unwrap_or("");
        let value = match &claim.value {
            Some(Text::Str(text)) => text.clone(),
            Some(Text::Int(n)) => n.to_string(),
            Some(Text::Bool(b)) => b.to_string(),
            None => String::new(),
        };
        let Some(claim_type) = ClaimType::find(kind) else {
            read.unrecognised.push(format!(
                "{who}: claim `{kind}` = `{value}`: a claim type the crate does not read"
            ));
            continue;
        };
        let Some(meaning) = claim_type.read(&value) else {
            read.unrecognised.push(format!(
                "{who}: claim `{kind}` = `{value}`: no source states what this value means, so \
                 {} is unknown",
                setting_name(claim_type.setting)
            ));
            continue;
        };
        let said = with_meaning(Grant::unknown(), claim_type.setting, meaning);
        if seen.contains(&claim_type.code) {
            let (grant, conflicts) = combine(&read.grant, &said);
            read.grant = grant;
            for conflict in conflicts {
                read.conflicts.push(conflict.between(
                    &format!("{who}'s first `{kind}` claim"),
                    &format!("a later one (`{value}`)"),
                ));
            }
        } else {
            seen.push(claim_type.code);
            read.grant = with_meaning(read.grant, claim_type.setting, meaning);
        }
    }
    read
}

fn with_meaning(grant: Grant, setting: Setting, meaning: Meaning) -> Grant {
    match (setting, meaning) {
        (Setting::Area(area), Meaning::Level(bounds)) => grant.with_level(area, bounds),
        (Setting::Flag(flag), Meaning::Flag(yes)) => grant.with_flags(flag, Some(yes)),
        // The table pairs area codes with levels and flag codes with yes/no only.
        _ => grant,
    }
}

fn setting_name(setting: Setting) -> String {
    match setting {
        Setting::Area(area) => format!("{area} Access Level"),
        Setting::Flag(flag) => flag.label().unwrap_or("the setting").to_string(),
    }
}

impl RawRole {
    fn into_role(self) -> HaloRole {
        let name = match (self.name, self.id) {
            (Some(name), _) if !name.trim().is_empty() => name,
            (_, Some(id)) => format!("role {id}"),
            _ => "a role without a name".to_string(),
        };
        let has_claims = self.claims.is_some();
        let read = read_claims(
            self.claims.as_deref().unwrap_or(&[]),
            &format!("role `{name}`"),
        );
        HaloRole {
            id: self.id,
            name,
            grant: read.grant,
            has_claims,
            unrecognised: read.unrecognised,
            conflicts: read.conflicts,
        }
    }
}

impl<'de> Deserialize<'de> for HaloRole {
    /// A JSON object with `name` (or `id`) and `claims`; other fields are skipped.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(RawRole::deserialize(deserializer)?.into_role())
    }
}

impl<'de> Deserialize<'de> for HaloAgent {
    /// A JSON object as `GET /api/Agent/me` returns it; fields other than those read are
    /// skipped.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = RawAgent::deserialize(deserializer)?;
        let who = "the agent";
        let mut read = read_claims(raw.claims.as_deref().unwrap_or(&[]), who);
        // `is_admin` and the restriction lists say the same as claims: combined, not preferred.
        let mut said = Grant::unknown();
        if let Some(admin) = raw.is_admin {
            said = said.with_flags(AgentFlags::ADMINISTRATOR, Some(admin));
        }
        for (list, flag) in [
            (&raw.clients, AgentFlags::ALL_CLIENTS),
            (&raw.assettypes, AgentFlags::ALL_ASSET_TYPES),
            (&raw.assetfields, AgentFlags::ALL_ASSET_FIELDS),
            (&raw.tickettypes, AgentFlags::ALL_TICKET_TYPES),
        ] {
            if let Some(list) = list {
                said = said.with_flags(flag, Some(list.is_empty()));
            }
        }
        let (grant, conflicts) = combine(&read.grant, &said);
        read.grant = grant;
        for conflict in conflicts {
            read.conflicts.push(conflict.between(
                "the agent's claims",
                "its `is_admin` field or restriction lists (an empty list means no restriction)",
            ));
        }
        Ok(HaloAgent {
            name: raw.name,
            agent: read.grant,
            roles: raw
                .roles
                .unwrap_or_default()
                .into_iter()
                .map(RawRole::into_role)
                .collect(),
            unrecognised: read.unrecognised,
            conflicts: read.conflicts,
        })
    }
}
