//! [`Scopes`]: the OAuth scopes of a HaloPSA API application.

use alloc::vec::Vec;
use core::fmt;
use core::str::FromStr;

use crate::common::error::ParseError;

/// Declares the scope flags and, beside each, its exact HaloPSA scope string: the one place
/// where a scope's constant and its text are paired.
macro_rules! scopes {
    ($($(#[$($attr:tt)*])* $name:ident = $bit:literal, $text:literal;)*) => {
        bitflags::bitflags! {
            /// A set of HaloPSA OAuth scopes, as ticked on the API application's Permissions tab
            /// and carried by the token's `scope` field.
            ///
            /// Each constant is named after its scope string in SCREAMING_SNAKE case
            /// (`read:customers` is [`Scopes::READ_CUSTOMERS`], `editMine:timesheets` is
            /// [`Scopes::EDIT_MINE_TIMESHEETS`]). The scope `all` is [`Scopes::ALL`]; do not
            /// confuse it with `Scopes::all()`, which bitflags defines as the set of every flag.
            ///
            /// `FromStr` parses an OAuth scope string strictly: tokens split on runs of ASCII
            /// whitespace, case-sensitive names, an unknown name is an error that names it. The
            /// OpenID Connect scopes (`openid`, `email`, `profile`, `offline_access`, `roles`)
            /// grant no HaloPSA privilege: they are accepted and dropped. `Display` writes the
            /// canonical space-separated string, which `FromStr` reads back.
            ///
            /// The bit of each scope is stable across versions (a new scope takes a new bit), so
            /// `bits()` may be stored; the scope string is the portable form.
            ///
            /// What satisfies what: a scope is proven only by itself or by `all` (see
            /// [`Privileges::covers`](crate::Privileges::covers)). HaloPSA has been seen to let
            /// `edit:X` imply `read:X` for tickets and assets, but that is not confirmed for
            /// customers, items or invoices; nor is what `all:standard` or `admin` hold. Where
            /// one of them could cover a needed scope, the scope is unknown, never missing (see
            /// [`Assumption`](crate::Assumption)).
            ///
            /// ```
            /// use halopsa_privileges::Scopes;
            ///
            /// fn main() -> Result<(), halopsa_privileges::ParseError> {
            ///     let token = "openid read:customers  read:items offline_access";
            ///     let scopes: Scopes = token.parse()?;
            ///     assert_eq!(scopes, Scopes::READ_CUSTOMERS | Scopes::READ_ITEMS);
            ///     assert_eq!(scopes.to_string(), "read:customers read:items");
            ///     assert!("read:customer".parse::<Scopes>().is_err());
            ///     Ok(())
            /// }
            /// ```
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
            pub struct Scopes: u64 {
                $($(#[$($attr)*])* const $name = 1 << $bit;)*
            }
        }

        /// Every scope with its exact HaloPSA string, in bit order.
        const SCOPE_NAMES: &[(Scopes, &str)] = &[$((Scopes::$name, $text),)*];
    };
}

scopes! {
    /// `all`: every scope the application was given. Satisfies any scope requirement and is
    /// always excess. Not to be confused with `Scopes::all()`, the set of every flag.
    ALL = 0, "all";
    /// `all:standard`. What it holds is not documented: it proves no other scope, may cover
    /// the standard ones (so a needed scope it could cover is unknown, not missing), and is
    /// always excess.
    ALL_STANDARD = 1, "all:standard";
    /// `all:teams`.
    ALL_TEAMS = 2, "all:teams";
    /// `admin`. What it holds beyond configuration is not documented: it proves no other
    /// scope, may cover every scope (so a needed scope is unknown, not missing), and is always
    /// excess.
    ADMIN = 3, "admin";
    /// `admin:webhooks`.
    ADMIN_WEBHOOKS = 4, "admin:webhooks";
    /// `read:tickets`.
    READ_TICKETS = 5, "read:tickets";
    /// `edit:tickets`.
    EDIT_TICKETS = 6, "edit:tickets";
    /// `read:calendar`.
    READ_CALENDAR = 7, "read:calendar";
    /// `edit:calendar`.
    EDIT_CALENDAR = 8, "edit:calendar";
    /// `read:customers`.
    READ_CUSTOMERS = 9, "read:customers";
    /// `edit:customers`.
    EDIT_CUSTOMERS = 10, "edit:customers";
    /// `read:crm`.
    READ_CRM = 11, "read:crm";
    /// `edit:crm`.
    EDIT_CRM = 12, "edit:crm";
    /// `editMine:timesheets`.
    EDIT_MINE_TIMESHEETS = 13, "editMine:timesheets";
    /// `read:timesheets`.
    READ_TIMESHEETS = 14, "read:timesheets";
    /// `edit:timesheets`.
    EDIT_TIMESHEETS = 15, "edit:timesheets";
    /// `read:contracts`.
    READ_CONTRACTS = 16, "read:contracts";
    /// `edit:contracts`.
    EDIT_CONTRACTS = 17, "edit:contracts";
    /// `read:suppliers`.
    READ_SUPPLIERS = 18, "read:suppliers";
    /// `edit:suppliers`.
    EDIT_SUPPLIERS = 19, "edit:suppliers";
    /// `read:items`.
    READ_ITEMS = 20, "read:items";
    /// `edit:items`.
    EDIT_ITEMS = 21, "edit:items";
    /// `read:projects`.
    READ_PROJECTS = 22, "read:projects";
    /// `edit:projects`.
    EDIT_PROJECTS = 23, "edit:projects";
    /// `read:sales`.
    READ_SALES = 24, "read:sales";
    /// `edit:sales`.
    EDIT_SALES = 25, "edit:sales";
    /// `read:quotes`.
    READ_QUOTES = 26, "read:quotes";
    /// `edit:quotes`.
    EDIT_QUOTES = 27, "edit:quotes";
    /// `read:sos` (sales orders).
    READ_SOS = 28, "read:sos";
    /// `edit:sos` (sales orders).
    EDIT_SOS = 29, "edit:sos";
    /// `read:pos` (purchase orders).
    READ_POS = 30, "read:pos";
    /// `edit:pos` (purchase orders).
    EDIT_POS = 31, "edit:pos";
    /// `read:invoices`.
    READ_INVOICES = 32, "read:invoices";
    /// `edit:invoices`.
    EDIT_INVOICES = 33, "edit:invoices";
    /// `read:reporting`.
    READ_REPORTING = 34, "read:reporting";
    /// `edit:reporting`.
    EDIT_REPORTING = 35, "edit:reporting";
    /// `read:software`.
    READ_SOFTWARE = 36, "read:software";
    /// `edit:software`.
    EDIT_SOFTWARE = 37, "edit:software";
    /// `read:softwarelicensing`.
    READ_SOFTWARELICENSING = 38, "read:softwarelicensing";
    /// `edit:softwarelicensing`.
    EDIT_SOFTWARELICENSING = 39, "edit:softwarelicensing";
    /// `read:kb` (knowledge base).
    READ_KB = 40, "read:kb";
    /// `edit:kb` (knowledge base).
    EDIT_KB = 41, "edit:kb";
    /// `read:assets`.
    READ_ASSETS = 42, "read:assets";
    /// `edit:assets`.
    EDIT_ASSETS = 43, "edit:assets";
    /// `read:distributionlists`.
    READ_DISTRIBUTIONLISTS = 44, "read:distributionlists";
    /// `edit:distributionlists`.
    EDIT_DISTRIBUTIONLISTS = 45, "edit:distributionlists";
    /// `read:mailcampaign`.
    READ_MAILCAMPAIGN = 46, "read:mailcampaign";
    /// `read:events`.
    READ_EVENTS = 47, "read:events";
    /// `access:chat`.
    ACCESS_CHAT = 48, "access:chat";
    /// `access:adpasswordreset`.
    ACCESS_ADPASSWORDRESET = 49, "access:adpasswordreset";
}

/// Whether `name` is `edit:` followed by `object` (compared at compile time).
const fn is_pair(edit: &str, read: &str) -> bool {
    let (edit, read) = (edit.as_bytes(), read.as_bytes());
    // `edit:X` and `read:X`: the same length, the same object after the colon.
    if edit.len() != read.len() || edit.len() < 6 {
        return false;
    }
    let prefix = b"edit:";
    let read_prefix = b"read:";
    let mut i = 0;
    while i < 5 {
        if edit[i] != prefix[i] || read[i] != read_prefix[i] {
            return false;
        }
        i += 1;
    }
    while i < edit.len() {
        if edit[i] != read[i] {
            return false;
        }
        i += 1;
    }
    true
}

impl Scopes {
    /// Every `edit:X` scope for which a `read:X` scope exists, computed from the scope strings
    /// when the crate is compiled. Each such `read:X` sits on the bit just below its `edit:X`
    /// (checked at compile time), so `(edits & EDITS_WITH_READ) >> 1` are their reads.
    pub(crate) const EDITS_WITH_READ: Scopes = {
        let mut edits = 0u64;
        let mut e = 0;
        while e < SCOPE_NAMES.len() {
            let mut r = 0;
            while r < SCOPE_NAMES.len() {
                if is_pair(SCOPE_NAMES[e].1, SCOPE_NAMES[r].1) {
                    assert!(
                        SCOPE_NAMES[r].0.bits() << 1 == SCOPE_NAMES[e].0.bits(),
                        "read:X must sit on the bit just below edit:X"
                    );
                    edits |= SCOPE_NAMES[e].0.bits();
                }
                r += 1;
            }
            e += 1;
        }
        Scopes::from_bits_retain(edits)
    };

    /// The `read:X` of every `edit:X` in `self` that has one.
    #[inline]
    pub(crate) const fn reads_of_edits(self) -> Scopes {
        Scopes::from_bits_retain((self.bits() & Scopes::EDITS_WITH_READ.bits()) >> 1)
    }
}

/// OpenID Connect scopes that live tokens carry beside HaloPSA's: accepted, granting nothing.
const OPENID_SCOPES: [&str; 5] = ["openid", "email", "profile", "offline_access", "roles"];

impl Scopes {
    /// The exact HaloPSA string of a single scope, e.g. `read:customers`; `None` when `self`
    /// is empty or holds more than one scope.
    ///
    /// ```
    /// use halopsa_privileges::Scopes;
    /// assert_eq!(Scopes::EDIT_MINE_TIMESHEETS.name(), Some("editMine:timesheets"));
    /// assert_eq!((Scopes::READ_ITEMS | Scopes::READ_KB).name(), None);
    /// ```
    pub const fn name(self) -> Option<&'static str> {
        let bit = self.bits().trailing_zeros() as usize;
        if self.bits().count_ones() != 1 || bit >= SCOPE_NAMES.len() {
            return None;
        }
        Some(SCOPE_NAMES[bit].1)
    }

    /// Each scope of the set on its own, in canonical order, with its HaloPSA string.
    ///
    /// ```
    /// use halopsa_privileges::Scopes;
    /// let names: Vec<&str> = (Scopes::READ_ITEMS | Scopes::ALL).scopes().map(|(_, n)| n).collect();
    /// assert_eq!(names, ["all", "read:items"]);
    /// ```
    pub fn scopes(self) -> impl Iterator<Item = (Scopes, &'static str)> + Clone {
        SCOPE_NAMES
            .iter()
            .copied()
            .filter(move |(scope, _)| self.contains(*scope))
    }

    /// Looks up one scope by its exact (case-sensitive) HaloPSA string.
    ///
    /// ```
    /// use halopsa_privileges::Scopes;
    /// assert_eq!(Scopes::from_scope("read:assets"), Some(Scopes::READ_ASSETS));
    /// assert_eq!(Scopes::from_scope("READ:assets"), None);
    /// ```
    pub fn from_scope(name: &str) -> Option<Scopes> {
        SCOPE_NAMES
            .iter()
            .find(|(_, text)| *text == name)
            .map(|(scope, _)| *scope)
    }

    /// Parses an OAuth scope string without stopping at unknown names: returns the scopes it
    /// recognised and, in order, the tokens it did not. OpenID Connect scopes are neither: they
    /// are dropped, as by `FromStr`.
    ///
    /// ```
    /// use halopsa_privileges::Scopes;
    /// let (scopes, unknown) = Scopes::parse_lenient("read:customers read:widgets openid");
    /// assert_eq!(scopes, Scopes::READ_CUSTOMERS);
    /// assert_eq!(unknown, ["read:widgets"]);
    /// ```
    pub fn parse_lenient(s: &str) -> (Scopes, Vec<&str>) {
        let mut unknown = Vec::new();
        let mut scopes = Scopes::empty();
        for token in tokens(s) {
            match classify(token) {
                Token::Scope(scope) => scopes |= scope,
                Token::OpenId => {}
                Token::Unknown => unknown.push(token),
            }
        }
        (scopes, unknown)
    }

    /// Parses one scope token: a HaloPSA scope, or `Ok(None)` for an OpenID Connect scope.
    pub(crate) fn parse_token(token: &str) -> Result<Option<Scopes>, ParseError> {
        match classify(token) {
            Token::Scope(scope) => Ok(Some(scope)),
            Token::OpenId => Ok(None),
            Token::Unknown => Err(unknown_scope(token)),
        }
    }
}

enum Token {
    Scope(Scopes),
    OpenId,
    Unknown,
}

fn classify(token: &str) -> Token {
    if let Some(scope) = Scopes::from_scope(token) {
        Token::Scope(scope)
    } else if OPENID_SCOPES.contains(&token) {
        Token::OpenId
    } else {
        Token::Unknown
    }
}

fn tokens(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| c.is_ascii_whitespace())
        .filter(|token| !token.is_empty())
}

/// The error for an unknown token, with the scope it probably meant.
fn unknown_scope(token: &str) -> ParseError {
    ParseError::UnknownScope {
        scope: token.into(),
        suggestion: suggest_scope(token),
    }
}

/// The scope a near miss probably meant: the same name in another case; the singular or plural
/// of the object (`read:item`); HaloPSA's name for it (`read:clients` is `read:customers`);
/// verb and object swapped (`customers:read`) or another word for the verb (`write:invoices`);
/// else the closest name by edit distance.
fn suggest_scope(token: &str) -> Option<&'static str> {
    let names = || {
        SCOPE_NAMES
            .iter()
            .map(|(_, name)| *name)
            .chain(OPENID_SCOPES)
    };
    if let Some(name) = names().find(|name| name.eq_ignore_ascii_case(token)) {
        return Some(name);
    }
    if let Some((first, second)) = token.split_once(':') {
        const VERBS: [(&str, &str); 8] = [
            ("read", "read"),
            ("get", "read"),
            ("view", "read"),
            ("edit", "edit"),
            ("write", "edit"),
            ("update", "edit"),
            ("modify", "edit"),
            ("create", "edit"),
        ];
        const OBJECTS: [(&str, &str); 7] = [
            ("client", "customers"),
            ("clients", "customers"),
            ("customer", "customers"),
            ("product", "items"),
            ("products", "items"),
            ("asset", "assets"),
            ("invoice", "invoices"),
        ];
        let verb = |word: &str| {
            VERBS
                .iter()
                .find(|(alias, _)| alias.eq_ignore_ascii_case(word))
                .map(|(_, verb)| *verb)
        };
        fn object(word: &str) -> &str {
            OBJECTS
                .iter()
                .find(|(alias, _)| alias.eq_ignore_ascii_case(word))
                .map_or(word, |(_, object)| object)
        }
        for (v, o) in [(first, second), (second, first)] {
            let Some(v) = verb(v) else { continue };
            let o = object(o);
            let found = names().find(|name| {
                name.split_once(':').is_some_and(|(nv, no)| {
                    nv == v
                        && (no.eq_ignore_ascii_case(o)
                            || crate::common::text::eq_label_or_number(o, no))
                })
            });
            if found.is_some() {
                return found;
            }
        }
    }
    crate::common::text::suggest_exact(token, names())
}

impl fmt::Display for Scopes {
    /// The canonical space-separated scope string; bits that name no scope (only possible
    /// through `from_bits_retain`) are written in hex after the names, which `FromStr` rejects.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (_, name)) in self.scopes().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            f.write_str(name)?;
        }
        let unnamed = self.bits() & !Scopes::all().bits();
        if unnamed != 0 {
            let sep = if self.intersects(Scopes::all()) {
                " "
            } else {
                ""
            };
            write!(f, "{sep}{unnamed:#x}")?;
        }
        Ok(())
    }
}

impl FromStr for Scopes {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        tokens(s).try_fold(Scopes::empty(), |set, token| {
            Ok(set | Scopes::parse_token(token)?.unwrap_or(Scopes::empty()))
        })
    }
}
