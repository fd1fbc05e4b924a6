//! [`AccessToken`]: what a token response's access token is, as far as can be told without
//! HaloPSA's keys.

use core::fmt;

/// The form of a token response's `access_token`, from
/// [`TokenResponse::access_token`](crate::TokenResponse::access_token). The token itself is
/// never kept or shown; only its form and, for a JWT, its `scope` claim are read.
///
/// HaloPSA's identity server has OpenIddict's shape (its database holds OpenIddict's
/// application, authorization, token and scope tables), and OpenIddict encrypts access tokens
/// unless told otherwise: a HaloPSA access token may be a JWE (five dot-separated parts) or an
/// opaque reference, with no readable `scope` claim. The response's `scope` field is then the
/// only source of the scopes; without it, they are unknown (a flow that needs a scope is
/// unverified, never blocked).
///
/// ```
/// fn main() -> Result<(), Box<dyn std::error::Error>> {
/// #     #[cfg(feature = "jwt")] {
///     use halopsa_privileges::{AccessToken, TokenResponse};
///
///     // An encrypted token (JWE) and no `scope` field: the scopes are unknown, and said so.
///     let json = r#"{"token_type": "Bearer", "expires_in": 3600,
///       "access_token": "eyJhbGciOiJSU0EtT0FFUCJ9.ZW5jcnlwdGVkLWtleQ.aXY.Y2lwaGVydGV4dA.dGFn"}"#;
///     let token: TokenResponse = serde_json::from_str(json)?;
///     assert_eq!(token.access_token(), AccessToken::Encrypted);
///     assert!(token.grant().has_scope(halopsa_privileges::Scopes::READ_CUSTOMERS).is_none());
///     assert!(token.access_token().to_string().contains("encrypted"));
/// #     }
///     Ok(())
/// }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AccessToken {
    /// The response has no `access_token` string.
    Absent,
    /// A JWT (three parts, a base64url JSON header) whose payload was read: with or without a
    /// `scope` claim.
    Jwt {
        /// Whether the payload has a `scope` claim.
        has_scope: bool,
    },
    /// An encrypted JWT (JWE: five dot-separated parts, RFC 7516): nothing is readable without
    /// HaloPSA's keys.
    Encrypted,
    /// Not a JWT: a reference token, meaningful only to HaloPSA.
    Opaque,
    /// Three parts with a JSON header, but a payload that is not a JSON object whose `scope`
    /// claim, if any, is a string or a list of strings.
    Malformed,
    /// Not looked at: the crate was built without the `jwt` feature.
    NotRead,
}

impl AccessToken {
    /// Whether the token said which scopes it holds (a JWT with a `scope` claim).
    pub const fn has_scope(self) -> bool {
        matches!(self, AccessToken::Jwt { has_scope: true })
    }

    /// A stable kebab-case id, as written in JSON: `absent`, `jwt`, `jwt-without-scope`,
    /// `encrypted`, `opaque`, `malformed`, `not-read`.
    pub const fn id(self) -> &'static str {
        match self {
            AccessToken::Absent => "absent",
            AccessToken::Jwt { has_scope: true } => "jwt",
            AccessToken::Jwt { has_scope: false } => "jwt-without-scope",
            AccessToken::Encrypted => "encrypted",
            AccessToken::Opaque => "opaque",
            AccessToken::Malformed => "malformed",
            AccessToken::NotRead => "not-read",
        }
    }
}

impl fmt::Display for AccessToken {
    /// What the access token tells of the scopes, in a sentence.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AccessToken::Absent => "the response has no access token",
            AccessToken::Jwt { has_scope: true } => {
                "the access token is a JWT with a `scope` claim (read; its signature is not \
                 checked, the token is not shown)"
            }
            AccessToken::Jwt { has_scope: false } => {
                "the access token is a JWT without a `scope` claim"
            }
            AccessToken::Encrypted => {
                "the access token is encrypted (a JWE, as HaloPSA's OpenIddict-based identity \
                 server issues by default): its scopes cannot be read"
            }
            AccessToken::Opaque => {
                "the access token is opaque (a reference token): its scopes cannot be read"
            }
            AccessToken::Malformed => {
                "the access token looks like a JWT, but its payload is not a JSON object with a \
                 readable `scope` claim: it was not read"
            }
            AccessToken::NotRead => {
                "the access token was not read (the crate was built without the `jwt` feature)"
            }
        })
    }
}
