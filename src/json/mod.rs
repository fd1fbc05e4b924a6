//! `Serialize` and `Deserialize` for the public types, in the JSON forms of the README: the id
//! types and sets ([`ids`]), grants ([`grant`]), findings, steps and reports ([`report`]), and
//! OAuth token responses ([`TokenResponse`]).

mod grant;
mod grant_file;
mod grant_out;
mod halo_agent;
pub(crate) mod ids;
#[cfg(feature = "jwt")]
mod jwt;
mod plan;
mod report;
mod requirements;
mod step;
mod token;

pub use halo_agent::{HaloAgent, HaloRole};
pub use token::TokenResponse;
