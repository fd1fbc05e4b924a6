//! [`Call`]: one HaloPSA API call the backend made and what came back, turned into facts
//! ([`Call::proves`], [`grant_from_calls`]) and hints ([`Call::explain`]).

use alloc::string::String;
use core::fmt;

use crate::common::text::Shown;
use crate::input::{Endpoint, Method};
use crate::model::{required_for, AccessLevel, Assumption, Flows, Grant, Privileges, Scopes};

/// One call to HaloPSA's API and its outcome: the method, the path (a whole URL or from `/api`;
/// its query is never read nor shown, so that a token in it is never echoed), the HTTP status,
/// and for a list whether it came back empty.
///
/// What a call shows, by status (the endpoint table's sources are in [`Endpoint`]'s module):
///
/// - **2xx** on a call the table knows: the token allowed it, so the call's scope is granted
///   (or one that covers it: [`grant_from_calls`] does not claim the scope when other evidence
///   says it is absent and holds a scope that may cover it). Nothing about the agent's level:
///   HaloPSA answers a level too low with shorter lists, not errors.
/// - **2xx with an empty list**: a hint, not a fact: if the customer has such records, the
///   agent's access level or its "Allow use of all ..." restriction hides them.
/// - **401 or 403**: the scope is suspect, never "missing": an expired token is refused too, and
///   HaloPSA refuses some calls for the agent's level. The first step is "Test Account Access".
/// - Anything else (404, 5xx, other 4xx): not a privilege question.
///
/// ```
/// use halopsa_privileges::{Call, Method, Scopes};
///
/// let listed = Call::new(Method::Get, "/api/Client", 200);
/// assert_eq!(listed.proves(), Scopes::READ_CUSTOMERS);
///
/// let refused = Call::new(Method::Post, "/api/Invoice", 403);
/// assert_eq!(refused.proves(), Scopes::empty());
/// assert_eq!(refused.suspects(), Scopes::EDIT_INVOICES);
/// assert!(refused.explain().starts_with("POST /api/Invoice was refused (403): first press"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Call {
    method: Method,
    path: String,
    status: u16,
    empty: Option<bool>,
}

impl Call {
    /// A call with its method, path and HTTP status; whether a list came back empty is not
    /// known (see [`Call::with_empty`]). The path is kept without anything secret: no user
    /// information, path parameters (`;jsessionid=...`), query or fragment (nor their encoded
    /// forms), and cut after [`MAX_NAME_CHARS`](crate::MAX_NAME_CHARS).
    ///
    /// ```
    /// use halopsa_privileges::{Call, Method};
    ///
    /// let call = Call::new(Method::Get, "//datagate:PASSWORD@acme.halopsa.com/api/Client;jsessionid=X?page=2", 200);
    /// assert_eq!(call.path(), "//acme.halopsa.com/api/Client");
    /// assert!(call.endpoint().is_some());
    /// ```
    pub fn new(method: Method, path: &str, status: u16) -> Call {
        Call {
            method,
            path: redacted(path),
            status,
            empty: None,
        }
    }

    /// The call, with whether its list came back empty.
    #[must_use]
    pub fn with_empty(mut self, empty: bool) -> Call {
        self.empty = Some(empty);
        self
    }

    /// The HTTP method.
    pub fn method(&self) -> Method {
        self.method
    }

    /// The path as kept: as given, less anything secret (see [`Call::new`]).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// Whether the list came back empty (`None` when not said).
    pub fn empty(&self) -> Option<bool> {
        self.empty
    }

    /// The endpoint table's row for this call, if it has one.
    pub fn endpoint(&self) -> Option<&'static Endpoint> {
        Endpoint::find(self.method, &self.path)
    }

    /// The scope that this call shows the token allowed: the endpoint's scope when it
    /// succeeded (2xx), otherwise none.
    pub fn proves(&self) -> Scopes {
        match self.endpoint() {
            Some(row) if (200..300).contains(&self.status) => row.scope(),
            _ => Scopes::empty(),
        }
    }

    /// The scope that this call makes suspect: the endpoint's scope when it was refused (401
    /// or 403), otherwise none. Suspect is not missing: see [`Call::explain`].
    pub fn suspects(&self) -> Scopes {
        match self.endpoint() {
            Some(row) if matches!(self.status, 401 | 403) => row.scope(),
            _ => Scopes::empty(),
        }
    }

    /// What the call shows, in one sentence a support engineer can act on.
    ///
    /// ```
    /// use halopsa_privileges::{Call, Method};
    ///
    /// let empty = Call::new(Method::Get, "/api/Asset", 200).with_empty(true);
    /// assert_eq!(
    ///     empty.explain(),
    ///     "GET /api/Asset succeeded (200) but came back empty: the token allows \
    ///      read:assets; if the customer has assets, the agent's Assets Access Level or its \
    ///      \"Allow use of all Asset Types\" setting is hiding them (HaloPSA shortens lists \
    ///      rather than refusing them)."
    /// );
    /// ```
    pub fn explain(&self) -> String {
        alloc::format!("{}", Explained(self))
    }
}

/// The sentence of [`Call::explain`].
struct Explained<'a>(&'a Call);

impl fmt::Display for Explained<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let call = self.0;
        let status = call.status;
        let Some(row) = call.endpoint() else {
            let path = crate::input::endpoint::api_path(&call.path).unwrap_or_default();
            return write!(
                f,
                "{} /api/{} ({status}) is not in the crate's endpoint table, so it says nothing \
                 about privileges.",
                call.method,
                Shown(path)
            );
        };
        let scope = row.scope();
        match status {
            200..=299 if scope.is_empty() => write!(
                f,
                "{row} succeeded ({status}): HaloPSA accepted the token and describes the agent."
            ),
            200..=299 => {
                let (Some(key), Some(true), Some(area)) = (row.list(), call.empty, row.area())
                else {
                    return write!(
                        f,
                        "{row} succeeded ({status}): the token allows {scope} (or a scope that \
                         covers it)."
                    );
                };
                write!(
                    f,
                    "{row} succeeded ({status}) but came back empty: the token allows {scope}; \
                     if the customer has {key}, the agent's {area} Access Level"
                )?;
                if let Some(label) = row.restriction().label() {
                    write!(f, " or its \"{label}\" setting")?;
                }
                f.write_str(" is hiding them (HaloPSA shortens lists rather than refusing them).")
            }
            401 | 403 => {
                write!(
                    f,
                    "{row} was refused ({status}): first press \"Test Account Access\" in \
                     Datagate (Settings / Integrations / HaloPSA) to refresh the token, since an \
                     expired token is refused too"
                )?;
                match row.area() {
                    None => f.write_str(
                        "; if it is refused again, HaloPSA does not accept the token at all: \
                         check the Client ID and Client Secret that Datagate holds.",
                    ),
                    Some(area) => {
                        // A write needs what the flows that write there need (from the rules);
                        // a read needs Read.
                        let level = if row.writes() {
                            let flows = required_for(Flows::all()).scope_needed_by(scope);
                            required_for(flows).privileges().level(area)
                        } else {
                            AccessLevel::Read
                        };
                        write!(
                            f,
                            "; if it is refused again, check that the API application has \
                             {scope} ticked and that the agent's {area} Access Level is at \
                             least \"{level}\" (HaloPSA refuses some calls for the agent's \
                             level too)."
                        )
                    }
                }
            }
            404 => write!(
                f,
                "{row} was not found (404): a wrong record number or path, not a privilege."
            ),
            500..=599 => write!(
                f,
                "{row} failed on HaloPSA's side ({status}): not a privilege; try again later."
            ),
            400..=499 => write!(
                f,
                "{row} was rejected ({status}): the request itself, most likely not a privilege."
            ),
            _ => write!(
                f,
                "{row} answered {status}, which says nothing about privileges."
            ),
        }
    }
}

/// What a set of calls shows about the grant, beside what other evidence (`beside`: the token,
/// the agent's JSON, a grant file; [`Grant::unknown`] for none) already knows: every scope a
/// call proves ([`Call::proves`]) is granted; everything else is unknown. Combine the result
/// with `beside` through [`combine`](crate::combine), which names any conflict.
///
/// A scope that `beside` says is not granted, while it proves a scope or setting that may cover
/// it (`all:standard`, `edit:X` for `read:X`, `admin`: the [`Assumption`]s), is not claimed: the
/// call shows that the token allowed it, not which scope did.
///
/// ```
/// use halopsa_privileges::{combine, grant_from_calls, Call, Grant, Method, Scopes};
///
/// let calls = [
///     Call::new(Method::Get, "/api/Client", 200),
///     Call::new(Method::Post, "/api/Invoice", 401),
/// ];
/// let from_calls = grant_from_calls(&calls, &Grant::unknown());
/// assert_eq!(from_calls.has_scope(Scopes::READ_CUSTOMERS), Some(true));
/// assert_eq!(from_calls.has_scope(Scopes::EDIT_INVOICES), None); // suspect, not missing
///
/// // The token lists only `all:standard`: the call may have gone through on it.
/// let (token, _) = Grant::from_token_scope("all:standard");
/// let from_calls = grant_from_calls(&calls, &token);
/// assert_eq!(from_calls.has_scope(Scopes::READ_CUSTOMERS), None);
/// let (_, conflicts) = combine(&token, &from_calls);
/// assert!(conflicts.is_empty());
/// ```
pub fn grant_from_calls(calls: &[Call], beside: &Grant) -> Grant {
    let proven = calls
        .iter()
        .fold(Scopes::empty(), |proven, call| proven | call.proves());
    let mut grant = Grant::unknown();
    for scope in proven.iter() {
        let item = Privileges::none().with_scopes(scope);
        let explained = beside.has_scope(scope) == Some(false)
            && Assumption::ALL
                .iter()
                .any(|assumption| assumption.could_decide(beside.at_least(), &item));
        if !explained {
            grant = grant.with_scopes(scope, Some(true));
        }
    }
    grant
}

/// `path` with nothing secret left, cut after [`MAX_NAME_CHARS`](crate::MAX_NAME_CHARS): no user
/// information (`user:password@` after `scheme://`, after `//`, or before the first `/`), no
/// path parameters (`;jsessionid=...`, `%3B...`), no query or fragment (`?`, `#`, and their
/// encoded forms `%3F`, `%23`). What is left names the call, which is all an answer needs.
pub(crate) fn redacted(path: &str) -> String {
    // The query, the fragment and their encoded forms: cut at the first.
    let mut end = path.len();
    for marker in ["?", "#", "%3f", "%23"] {
        if let Some(at) = find_ignore_ascii_case(path, marker) {
            end = end.min(at);
        }
    }
    let path = &path[..end];
    // The part before the path: `scheme://authority`, `//authority`, or `user@host` first.
    let (head, rest) = match path.find("://") {
        Some(at) => {
            let after = &path[at + 3..];
            let slash = after.find('/').unwrap_or(after.len());
            (
                alloc::format!("{}{}", &path[..at + 3], host(&after[..slash])),
                &after[slash..],
            )
        }
        None if path.starts_with("//") => {
            let after = &path[2..];
            let slash = after.find('/').unwrap_or(after.len());
            (
                alloc::format!("//{}", host(&after[..slash])),
                &after[slash..],
            )
        }
        None => {
            let slash = path.find('/').unwrap_or(path.len());
            match path[..slash].contains('@') {
                true => (host(&path[..slash]).into(), &path[slash..]),
                false => (String::new(), path),
            }
        }
    };
    // Path parameters: each segment up to its first `;` (or `%3B`).
    let mut out = head;
    for (i, segment) in rest.split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        let cut = [";", "%3b"]
            .iter()
            .filter_map(|marker| find_ignore_ascii_case(segment, marker))
            .min()
            .unwrap_or(segment.len());
        out.push_str(&segment[..cut]);
    }
    crate::common::text::clip_name(&out)
}

/// The host of an authority: what follows its last `@` (the user information dropped).
fn host(authority: &str) -> &str {
    authority.rsplit('@').next().unwrap_or_default()
}

/// Where `needle` (ASCII) first occurs in `haystack`, ASCII case ignored.
fn find_ignore_ascii_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::redacted;

    #[test]
    fn nothing_secret_is_kept() {
        for (path, kept) in [
            ("/api/Client", "/api/Client"),
            (
                "https://user:PASSWORD@acme.halopsa.com/api/Client",
                "https://acme.halopsa.com/api/Client",
            ),
            (
                "//datagate:PASSWORD@tenant.halopsa.com/api/Client",
                "//tenant.halopsa.com/api/Client",
            ),
            (
                "datagate:PASSWORD@tenant.halopsa.com/api/Client",
                "tenant.halopsa.com/api/Client",
            ),
            ("/api/Client;jsessionid=SECRET", "/api/Client"),
            ("/api/Client;jsessionid=SECRET/42", "/api/Client/42"),
            ("/api/Client%3Bjsessionid=SECRET", "/api/Client"),
            ("/api/Client?secret=SECRET", "/api/Client"),
            ("/api/Client%3Fsecret=SECRET", "/api/Client"),
            ("/api/Client%3fsecret=SECRET", "/api/Client"),
            ("/api/Client#SECRET", "/api/Client"),
            ("/api/Client%23SECRET", "/api/Client"),
            ("https://a@b@host/api/Item", "https://host/api/Item"),
        ] {
            assert_eq!(redacted(path), kept, "{path}");
        }
    }
}
