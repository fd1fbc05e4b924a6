//! The `scope` claim of a JWT access token: the payload decoded (base64url, then JSON), the
//! signature not checked. Checking it would need the issuer's keys, and is not needed to learn
//! what the token claims; the crate never trusts a token for access, it only reads what HaloPSA
//! wrote into it. The token itself is never echoed, stored or written into a report.

use alloc::string::String;
use alloc::vec::Vec;

use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine;
use serde::Deserialize;

/// base64url, with or without padding (RFC 7515 writes it without).
const BASE64URL: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::URL_SAFE,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// What an access token says about the scopes.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum JwtScope {
    /// Not a JWT (an opaque token): it says nothing readable.
    NotAJwt,
    /// An encrypted JWT (JWE, five dot-separated parts): nothing readable without the keys.
    Encrypted,
    /// Three parts with a JSON header, but the payload is not a JSON object whose `scope`, if
    /// any, is a string or a list of strings.
    Malformed,
    /// A JWT without a `scope` claim.
    NoScope,
    /// The `scope` claim, as one space-separated string.
    Scope(String),
}

impl JwtScope {
    /// The form of the token, for [`AccessToken`](crate::AccessToken).
    pub(crate) fn form(&self) -> crate::input::AccessToken {
        match self {
            JwtScope::NotAJwt => crate::input::AccessToken::Opaque,
            JwtScope::Encrypted => crate::input::AccessToken::Encrypted,
            JwtScope::Malformed => crate::input::AccessToken::Malformed,
            JwtScope::NoScope => crate::input::AccessToken::Jwt { has_scope: false },
            JwtScope::Scope(_) => crate::input::AccessToken::Jwt { has_scope: true },
        }
    }
}

/// The `scope` claim: a space-separated string (RFC 9068) or a list of strings (what
/// IdentityServer, which HaloPSA's authorisation server resembles, writes when there are several).
#[derive(Deserialize)]
#[serde(untagged)]
enum ScopeClaim {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize)]
struct Payload {
    scope: Option<ScopeClaim>,
}

/// Reads the `scope` claim of `token`. A token in three dot-separated parts whose first part is
/// a base64url JSON object is a JWT (RFC 7519); five parts are an encrypted JWT (JWE, RFC 7516
/// compact serialisation); anything else is opaque. Nothing here fails, and nothing of the
/// token is kept but the claim.
pub(crate) fn jwt_scope(token: &str) -> JwtScope {
    let token = token.trim();
    if token.split('.').count() == 5 {
        return JwtScope::Encrypted;
    }
    let mut parts = token.split('.');
    let (Some(header), Some(payload), Some(_signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return JwtScope::NotAJwt;
    };
    // Dots alone do not make a JWT (a placeholder such as `x.y.z` is opaque): its header must
    // be base64url JSON, `{"alg": ...}`.
    let is_jwt = BASE64URL.decode(header).is_ok_and(|header| {
        header.trim_ascii_start().starts_with(b"{")
            && serde_json::from_slice::<serde::de::IgnoredAny>(&header).is_ok()
    });
    if !is_jwt {
        return JwtScope::NotAJwt;
    }
    let Ok(payload) = BASE64URL.decode(payload) else {
        return JwtScope::Malformed;
    };
    // A struct also reads from a JSON array: an object is asked for first.
    if !payload.trim_ascii_start().starts_with(b"{") {
        return JwtScope::Malformed;
    }
    match serde_json::from_slice::<Payload>(&payload) {
        Err(_) => JwtScope::Malformed,
        Ok(Payload { scope: None }) => JwtScope::NoScope,
        Ok(Payload {
            scope: Some(ScopeClaim::One(scope)),
        }) => JwtScope::Scope(scope),
        Ok(Payload {
            scope: Some(ScopeClaim::Many(scopes)),
        }) => JwtScope::Scope(scopes.join(" ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jwt(payload: &str) -> String {
        let header = BASE64URL.encode(r#"{"alg":"RS256","typ":"at+jwt"}"#);
        let payload = BASE64URL.encode(payload);
        alloc::format!("{header}.{payload}.c2lnbmF0dXJl")
    }

    #[test]
    fn reads_the_scope_claim_as_a_string_or_a_list() {
        assert_eq!(
            jwt_scope(&jwt(r#"{"sub":"7","scope":"read:customers read:items"}"#)),
            JwtScope::Scope("read:customers read:items".into())
        );
        assert_eq!(
            jwt_scope(&jwt(r#"{"scope":["read:customers","read:items"]}"#)),
            JwtScope::Scope("read:customers read:items".into())
        );
        assert_eq!(jwt_scope(&jwt(r#"{"sub":"7"}"#)), JwtScope::NoScope);
    }

    #[test]
    fn an_opaque_or_encrypted_token_says_nothing() {
        assert_eq!(jwt_scope("2YotnFZFEjr1zCsicMWpAA"), JwtScope::NotAJwt);
        assert_eq!(jwt_scope("a.b.c.d.e"), JwtScope::Encrypted);
        assert_eq!(jwt_scope("a.b.c.d"), JwtScope::NotAJwt);
        assert_eq!(jwt_scope("x.y.z"), JwtScope::NotAJwt);
        assert_eq!(jwt_scope("secret!.secret!.secret!"), JwtScope::NotAJwt);
    }

    #[test]
    fn a_malformed_jwt_reads_as_malformed() {
        for token in [
            jwt("not json secret"),
            jwt(r#"{"scope": 5}"#),
            jwt(r#"["secret"]"#),
            alloc::format!("{}.!!!.sig", BASE64URL.encode(r#"{"alg":"RS256"}"#)),
        ] {
            assert_eq!(jwt_scope(&token), JwtScope::Malformed);
        }
    }
}
