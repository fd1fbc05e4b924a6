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
    /// Not a JWT (an opaque token, or an encrypted one): it says nothing readable.
    NotAJwt,
    /// A JWT without a `scope` claim.
    NoScope,
    /// The `scope` claim, as one space-separated string.
    Scope(String),
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
/// a base64url JSON object is a JWT (RFC 7519); anything else is opaque. A JWT whose payload is
/// not a base64url JSON object is an error that says so, never what the token holds.
pub(crate) fn jwt_scope(token: &str) -> Result<JwtScope, &'static str> {
    let mut parts = token.trim().split('.');
    let (Some(header), Some(payload), Some(_signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Ok(JwtScope::NotAJwt);
    };
    // Dots alone do not make a JWT (a placeholder such as `x.y.z` is opaque): its header must
    // be base64url JSON, `{"alg": ...}`.
    let is_jwt = BASE64URL.decode(header).is_ok_and(|header| {
        header.trim_ascii_start().starts_with(b"{")
            && serde_json::from_slice::<serde::de::IgnoredAny>(&header).is_ok()
    });
    if !is_jwt {
        return Ok(JwtScope::NotAJwt);
    }
    let payload = BASE64URL
        .decode(payload)
        .map_err(|_| "the access token looks like a JWT, but its payload is not base64url")?;
    // A struct also reads from a JSON array: an object is asked for first.
    let object = payload.trim_ascii_start().starts_with(b"{");
    let payload: Payload = serde_json::from_slice(&payload)
        .ok()
        .filter(|_| object)
        .ok_or(
        "the access token looks like a JWT, but its payload is not a JSON object whose `scope` \
         claim, if any, is a string or a list of strings",
    )?;
    Ok(match payload.scope {
        None => JwtScope::NoScope,
        Some(ScopeClaim::One(scope)) => JwtScope::Scope(scope),
        Some(ScopeClaim::Many(scopes)) => JwtScope::Scope(scopes.join(" ")),
    })
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
            Ok(JwtScope::Scope("read:customers read:items".into()))
        );
        assert_eq!(
            jwt_scope(&jwt(r#"{"scope":["read:customers","read:items"]}"#)),
            Ok(JwtScope::Scope("read:customers read:items".into()))
        );
        assert_eq!(jwt_scope(&jwt(r#"{"sub":"7"}"#)), Ok(JwtScope::NoScope));
    }

    #[test]
    fn an_opaque_token_says_nothing() {
        assert_eq!(jwt_scope("2YotnFZFEjr1zCsicMWpAA"), Ok(JwtScope::NotAJwt));
        assert_eq!(jwt_scope("a.b.c.d.e"), Ok(JwtScope::NotAJwt));
        assert_eq!(jwt_scope("x.y.z"), Ok(JwtScope::NotAJwt));
        assert_eq!(jwt_scope("secret!.secret!.secret!"), Ok(JwtScope::NotAJwt));
    }

    #[test]
    fn a_malformed_jwt_is_an_error_that_does_not_echo_it() {
        for token in [
            jwt("not json secret"),
            jwt(r#"{"scope": 5}"#),
            jwt(r#"["secret"]"#),
        ] {
            let err = jwt_scope(&token).unwrap_err();
            assert!(!err.contains("secret"), "{err}");
        }
    }
}
