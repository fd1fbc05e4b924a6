//! The JSON forms of the README that people and systems hand in: the id types and sets
//! ([`ids`]), grants and grant files ([`grant`]), OAuth token responses ([`TokenResponse`]) and
//! HaloPSA's own description of the agent ([`HaloAgent`], [`HaloRole`]). The JSON forms of the
//! answers (reports, steps, plans, requirements) are in the presentation layer (`output`).

mod call;
mod evidence;
mod grant;
pub(crate) mod grant_file;
mod grant_out;
mod halo_agent;
mod halo_claims;
mod halo_read;
pub(crate) mod ids;
#[cfg(feature = "jwt")]
mod jwt;
mod token;

pub use halo_agent::{HaloAgent, HaloRole};
pub use token::TokenResponse;
