//! [`TokenResponse`]: what an OAuth token response proves about a grant.

use alloc::collections::BTreeSet;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};

use crate::input::AccessToken;
use crate::model::Grant;

/// An OAuth token response (RFC 6749 section 5.1), read for its `scope` field only: the
/// application's scopes, which is all a token proves. Every other field (`access_token`,
/// `refresh_token`, `id_token`, ...) is skipped unread and never echoed, not even in an error.
///
/// HaloPSA expands a request for `all` into the concrete scopes the application holds, so the
/// `scope` field is the application layer, known as a whole; the agent's levels and flags are
/// not in the token and stay unknown. Scope names this crate does not recognise are not an
/// error here (HaloPSA adds scopes over time): they are kept in
/// [`unrecognised`](TokenResponse::unrecognised). OpenID Connect scopes are dropped.
///
/// ```
/// use halopsa_privileges::{required_for, Flows, Known, TokenResponse};
///
/// fn main() -> Result<(), serde_json::Error> {
///     let json = r#"{"access_token": "eyJ...", "token_type": "Bearer", "expires_in": 3600,
///       "scope": "openid email profile offline_access roles read:customers read:items read:widgets"}"#;
///     let token: TokenResponse = serde_json::from_str(json)?;
///     assert_eq!(token.grant().known(), Known::APPLICATION);
///     assert_eq!(token.unrecognised(), ["read:widgets"]);
///     let report = required_for(Flows::CUSTOMERS_SYNC).evaluate_partial(
///         token.grant().privileges(),
///         token.grant().known(),
///     );
///     assert_eq!(report.unverified(), Flows::CUSTOMERS_SYNC);
///     Ok(())
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
pub struct TokenResponse {
    grant: Grant,
    unrecognised: Vec<String>,
    has_scope: bool,
    from_access_token: bool,
    access_token: AccessToken,
    conflicts: Vec<String>,
}

impl TokenResponse {
    /// The grant the token proves: the application's scopes, with only [`Known::APPLICATION`]
    /// known.
    ///
    /// [`Known::APPLICATION`]: crate::Known::APPLICATION
    pub fn grant(&self) -> Grant {
        self.grant
    }

    /// Whether the response has a `scope` field. Without one (RFC 6749 lets a server leave it
    /// out when it equals the requested scope), the response does not say which scopes were
    /// granted: [`grant`](TokenResponse::grant) leaves them unknown, and every flow that needs a
    /// scope is unverified rather than blocked.
    pub fn has_scope(&self) -> bool {
        self.has_scope
    }

    /// Whether the scopes were read from the access token: the response has no `scope` field,
    /// and its `access_token` is a JWT whose payload has a `scope` claim (read with the `jwt`
    /// feature, on by default; the signature is not checked, as the claim is only read, never
    /// trusted for access).
    ///
    /// ```
    /// # #[cfg(feature = "jwt")] {
    /// use halopsa_privileges::{Known, TokenResponse};
    ///
    /// // {"alg":"RS256"} . {"sub":"7","scope":"read:customers read:items"} . signature
    /// let json = r#"{"token_type": "Bearer", "access_token":
    ///   "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiI3Iiwic2NvcGUiOiJyZWFkOmN1c3RvbWVycyByZWFkOml0ZW1zIn0.c2ln"}"#;
    /// let token: TokenResponse = serde_json::from_str(json).unwrap();
    /// assert!(!token.has_scope() && token.scope_from_access_token());
    /// assert_eq!(token.grant().known(), Known::APPLICATION);
    /// # }
    /// ```
    pub fn scope_from_access_token(&self) -> bool {
        self.from_access_token
    }

    /// Where the response's `scope` field and its JWT access token's `scope` claim disagree (both
    /// present, with the `jwt` feature), one line each naming both: the item is then unknown in
    /// [`grant`](TokenResponse::grant). An access token that cannot be read as a JWT is not
    /// compared (the field is then all there is, as without the feature).
    ///
    /// ```
    /// # #[cfg(feature = "jwt")] {
    /// use halopsa_privileges::{Scopes, TokenResponse};
    ///
    /// // The claim says "read:customers read:items"; the field only "read:customers".
    /// let json = r#"{"scope": "read:customers", "access_token":
    ///   "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiI3Iiwic2NvcGUiOiJyZWFkOmN1c3RvbWVycyByZWFkOml0ZW1zIn0.c2ln"}"#;
    /// let token: TokenResponse = serde_json::from_str(json).unwrap();
    /// assert_eq!(token.grant().has_scope(Scopes::READ_CUSTOMERS), Some(true));
    /// assert_eq!(token.grant().has_scope(Scopes::READ_ITEMS), None);
    /// assert_eq!(
    ///     token.conflicts(),
    ///     ["`read:items`: the access token's `scope` claim says granted, the response's `scope` \
    ///       field says not granted"]
    /// );
    /// # }
    /// ```
    pub fn conflicts(&self) -> &[String] {
        &self.conflicts
    }

    /// What the access token is (a JWT, encrypted, opaque, ...), as far as can be told without
    /// HaloPSA's keys; its `Display` says what that means for the scopes. An access token that
    /// cannot be read is never an error: the response's `scope` field stays the first source,
    /// and without one the scopes are unknown.
    ///
    /// ```
    /// use halopsa_privileges::{AccessToken, TokenResponse};
    ///
    /// fn main() -> Result<(), serde_json::Error> {
    ///     let token: TokenResponse = serde_json::from_str(
    ///         r#"{"access_token": "2YotnFZFEjr1zCsicMWpAA", "scope": "read:customers"}"#,
    ///     )?;
    ///     assert!(token.has_scope());
    /// #     #[cfg(feature = "jwt")]
    ///     assert_eq!(token.access_token(), AccessToken::Opaque);
    /// #     #[cfg(not(feature = "jwt"))]
    ///     assert_eq!(token.access_token(), AccessToken::NotRead);
    ///     Ok(())
    /// }
    /// ```
    pub fn access_token(&self) -> AccessToken {
        self.access_token
    }

    /// The scope names in the token that this crate does not recognise, in order.
    pub fn unrecognised(&self) -> &[String] {
        &self.unrecognised
    }
}

impl<'de> Deserialize<'de> for TokenResponse {
    /// A JSON object with a `scope` string; other fields are skipped. Without `scope`, the
    /// scopes are unknown ([`TokenResponse::has_scope`]); an object with neither `scope` nor
    /// any other field of a token response (`access_token`, `token_type`, ...) is an error, as
    /// it is no token response at all.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TokenVisitor;

        /// Rejects a value of the wrong type without echoing it (it may be a token).
        fn not_an_object<E: de::Error>() -> E {
            E::custom("a token response must be a JSON object with a `scope` field")
        }

        impl<'de> Visitor<'de> for TokenVisitor {
            type Value = TokenResponse;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a token response object with a `scope` string")
            }

            fn visit_str<E: de::Error>(self, _: &str) -> Result<TokenResponse, E> {
                Err(not_an_object())
            }

            fn visit_bool<E: de::Error>(self, _: bool) -> Result<TokenResponse, E> {
                Err(not_an_object())
            }

            fn visit_i64<E: de::Error>(self, _: i64) -> Result<TokenResponse, E> {
                Err(not_an_object())
            }

            fn visit_u64<E: de::Error>(self, _: u64) -> Result<TokenResponse, E> {
                Err(not_an_object())
            }

            fn visit_f64<E: de::Error>(self, _: f64) -> Result<TokenResponse, E> {
                Err(not_an_object())
            }

            fn visit_unit<E: de::Error>(self) -> Result<TokenResponse, E> {
                Err(not_an_object())
            }

            fn visit_seq<A: de::SeqAccess<'de>>(self, _: A) -> Result<TokenResponse, A::Error> {
                Err(not_an_object())
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TokenResponse, A::Error> {
                const TOKEN_FIELDS: [&str; 5] = [
                    "access_token",
                    "token_type",
                    "expires_in",
                    "refresh_token",
                    "id_token",
                ];
                let mut scope: Option<String> = None;
                let mut scope_seen = false;
                let mut token_like = false;
                let mut access_token: Option<String> = None;
                while let Some(key) = map.next_key::<String>()? {
                    token_like |= TOKEN_FIELDS.contains(&key.as_str());
                    if key == "access_token" && access_token.is_none() {
                        access_token = map.next_value::<Secret>()?.0;
                    } else if key == "scope" {
                        if core::mem::replace(&mut scope_seen, true) {
                            return Err(de::Error::custom(
                                "the token response has more than one `scope` field",
                            ));
                        }
                        // `null` is no `scope` field.
                        scope = map.next_value::<Option<String>>()?;
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                // What the access token is, and its `scope` claim when it is a readable JWT (the
                // `jwt` feature). An unreadable token is never an error: it says nothing.
                #[cfg(feature = "jwt")]
                let (form, mut claim) = match &access_token {
                    None => (AccessToken::Absent, None),
                    Some(token) => {
                        let read = super::jwt::jwt_scope(token);
                        let form = read.form();
                        match read {
                            super::jwt::JwtScope::Scope(claim) => (form, Some(claim)),
                            _ => (form, None),
                        }
                    }
                };
                #[cfg(not(feature = "jwt"))]
                let (form, mut claim): (AccessToken, Option<String>) = match &access_token {
                    None => (AccessToken::Absent, None),
                    Some(_) => (AccessToken::NotRead, None),
                };
                // Without a `scope` field, the claim is the scopes; with one, the claim is a
                // second observation of the same scopes: compared, never preferred.
                let from_access_token = scope.is_none() && claim.is_some();
                if from_access_token {
                    scope = claim.take();
                }
                drop(access_token);
                let Some(scope) = scope else {
                    if !token_like {
                        return Err(de::Error::custom(
                            "this is no token response: it has none of `scope`, \
                             `access_token`, `token_type`, `expires_in`, `refresh_token` and \
                             `id_token`",
                        ));
                    }
                    // RFC 6749 lets a server leave `scope` out when it equals the requested
                    // scope: the response then does not say which scopes were granted.
                    return Ok(TokenResponse {
                        grant: Grant::unknown(),
                        unrecognised: Vec::new(),
                        has_scope: false,
                        from_access_token: false,
                        access_token: form,
                        conflicts: Vec::new(),
                    });
                };
                let (mut grant, unrecognised) = Grant::from_token_scope(&scope);
                // Each name once, in order (a set keeps this linear), cut when long.
                let mut seen: BTreeSet<&str> = BTreeSet::new();
                let mut unrecognised: Vec<String> = unrecognised
                    .into_iter()
                    .filter(|name| seen.insert(name))
                    .map(crate::common::text::clip_name)
                    .collect();
                let mut conflicts = Vec::new();
                if let Some(claim) = claim {
                    let (from_claim, more) = Grant::from_token_scope(&claim);
                    for name in more {
                        if seen.insert(name) {
                            unrecognised.push(crate::common::text::clip_name(name));
                        }
                    }
                    let (both, disagree) = crate::input::combine(&from_claim, &grant);
                    grant = both;
                    conflicts = disagree
                        .iter()
                        .map(|conflict| {
                            conflict.between(
                                "the access token's `scope` claim",
                                "the response's `scope` field",
                            )
                        })
                        .collect();
                }
                Ok(TokenResponse {
                    grant,
                    unrecognised,
                    has_scope: !from_access_token,
                    from_access_token,
                    access_token: form,
                    conflicts,
                })
            }
        }

        deserializer.deserialize_any(TokenVisitor)
    }
}

/// The `access_token` field: its text when it is a string, else nothing. Whatever it holds is
/// never part of an error message.
struct Secret(Option<String>);

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SecretVisitor;

        impl<'de> Visitor<'de> for SecretVisitor {
            type Value = Secret;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an access token")
            }

            fn visit_str<E: de::Error>(self, token: &str) -> Result<Secret, E> {
                Ok(Secret(Some(token.to_string())))
            }

            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Secret, E> {
                Ok(Secret(None))
            }

            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Secret, E> {
                Ok(Secret(None))
            }

            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Secret, E> {
                Ok(Secret(None))
            }

            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Secret, E> {
                Ok(Secret(None))
            }

            fn visit_unit<E: de::Error>(self) -> Result<Secret, E> {
                Ok(Secret(None))
            }

            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Secret, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Secret(None))
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Secret, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Secret(None))
            }
        }

        deserializer.deserialize_any(SecretVisitor)
    }
}
