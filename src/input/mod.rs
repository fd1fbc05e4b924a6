//! Input: people's and systems' forms (grant files, item lines, JSON: token responses,
//! HaloPSA's agent and roles, calls), HaloPSA's claims and endpoints, combined evidence and the
//! probes. Built on [`model`](crate::model); uses nothing of [`presentation`](crate::presentation).

pub(crate) mod access_token;
pub(crate) mod call;
#[cfg_attr(not(feature = "serde"), allow(dead_code))]
pub(crate) mod claims;
pub(crate) mod combined;
pub(crate) mod endpoint;
pub(crate) mod evidence;
pub(crate) mod grant_file;
pub(crate) mod item;
#[cfg(feature = "serde")]
pub(crate) mod json;
#[cfg(feature = "serde")]
pub(crate) mod probe;

pub use access_token::AccessToken;
pub use call::{grant_from_calls, Call};
pub use endpoint::{Endpoint, Method};
pub use evidence::{combine, Conflict, Evidence, Said, Saying};
pub use grant_file::{GrantFile, Source};
#[cfg(feature = "serde")]
pub use json::{HaloAgent, HaloRole, TokenResponse};
#[cfg(feature = "serde")]
pub use probe::{probes, Probe, Settles};
