//! HaloPSA's claims and restriction lists of an agent or a role, read through the claim table
//! (`src/input/claims.rs`): what they say, what could not be read, where they disagree.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::halo_read::{RawClaim, RawLists};
use crate::common::text::clip_name;
use crate::input::claims::{ClaimType, Meaning, Setting};
use crate::input::evidence::combine;
use crate::model::{AgentFlags, Grant};

/// What claims and lists say, with what could not be read and where they disagree.
pub(super) struct Read {
    pub(super) grant: Grant,
    pub(super) unrecognised: Vec<String>,
    pub(super) conflicts: Vec<String>,
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
        let value = claim.value.as_deref().unwrap_or("");
        // Shown cut: a claim is a name from input.
        let (shown_kind, shown_value) = (clip_name(kind), clip_name(value));
        let Some(claim_type) = ClaimType::find(kind) else {
            read.unrecognised.push(format!(
                "{who}: claim `{shown_kind}` = `{shown_value}`: a claim type the crate does not \
                 read"
            ));
            continue;
        };
        let Some(meaning) = claim_type.read(value) else {
            read.unrecognised.push(format!(
                "{who}: claim `{shown_kind}` = `{shown_value}`: no source states what this value \
                 means, so {} is unknown",
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
                    &format!("{who}'s first `{shown_kind}` claim"),
                    &format!("a later one (`{shown_value}`)"),
                ));
            }
        } else {
            seen.push(claim_type.code);
            read.grant = with_meaning(read.grant, claim_type.setting, meaning);
        }
    }
    read
}

/// Reads `claims` and the restriction `lists` (and `is_admin`) of `who`, combining what the
/// claims say with what the lists say: a disagreement is a conflict naming both.
pub(super) fn read_all(
    claims: Option<&[RawClaim]>,
    lists: &RawLists,
    is_admin: Option<bool>,
    who: &str,
) -> Read {
    let mut read = read_claims(claims.unwrap_or(&[]), who);
    let mut said = Grant::unknown();
    if let Some(admin) = is_admin {
        said = said.with_flags(AgentFlags::ADMINISTRATOR, Some(admin));
    }
    for (name, list, flag) in [
        ("clients", &lists.clients, AgentFlags::ALL_CLIENTS),
        ("assettypes", &lists.assettypes, AgentFlags::ALL_ASSET_TYPES),
        (
            "assetfields",
            &lists.assetfields,
            AgentFlags::ALL_ASSET_FIELDS,
        ),
        (
            "tickettypes",
            &lists.tickettypes,
            AgentFlags::ALL_TICKET_TYPES,
        ),
    ] {
        let Some(list) = list else { continue };
        // On the agent, entries that all name a role may be the roles' own, inherited.
        if who == AGENT && !list.is_empty() && list.iter().all(|entry| entry.of_role) {
            read.unrecognised.push(format!(
                "{who}: every entry of `{name}` names a role (`role_id`/`role_name`), so they \
                 may be the roles' own: whether the agent itself is restricted is unknown"
            ));
            continue;
        }
        said = said.with_flags(flag, Some(list.is_empty()));
    }
    let (grant, conflicts) = combine(&read.grant, &said);
    read.grant = grant;
    for conflict in conflicts {
        read.conflicts.push(conflict.between(
            &format!("{who}'s claims"),
            "its `is_admin` field or restriction lists (an empty list means no restriction)",
        ));
    }
    read
}

pub(super) const AGENT: &str = "the agent";

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
