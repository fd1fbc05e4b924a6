//! [`AccessLevel`]: how much an agent may do in one area.

use core::fmt;
use core::str::FromStr;

use crate::common::error::ParseError;
use crate::common::text::{eq_label, same_words};

/// An agent's access level in one [`Area`](crate::Area), lowest first.
///
/// The levels form one chain (HaloPSA's dropdowns each show a part of it), so `Ord` is the
/// privilege order and [`join`](AccessLevel::join)/[`meet`](AccessLevel::meet) are max/min.
/// `Display` writes the article's wording; [`AccessLevel::id`] is the JSON id. `FromStr` accepts
/// the id, the article's wording and HaloPSA's other labels (`None`, `Read Only`, `Read, Modify
/// and Remove`), ignoring ASCII case and surrounding whitespace.
///
/// ```
/// use halopsa_privileges::AccessLevel;
///
/// fn main() -> Result<(), halopsa_privileges::ParseError> {
///     let full: AccessLevel = "Read, Create, Modify and Delete".parse()?;
///     assert_eq!(full, AccessLevel::ReadCreateModifyDelete);
///     assert_eq!("read only".parse::<AccessLevel>()?, AccessLevel::Read);
///     assert!(AccessLevel::Read < full);
///     assert_eq!(AccessLevel::Read.join(full), full);
///     assert_eq!(full.id(), "read-create-modify-delete");
///     Ok(())
/// }
/// ```
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Default,
    strum::EnumIter,
    strum::EnumCount,
)]
#[repr(u8)]
#[non_exhaustive]
pub enum AccessLevel {
    /// No Access (HaloPSA also says "None"). The bottom of the chain, and the default.
    #[default]
    NoAccess,
    /// View (Names Only).
    NamesOnly,
    /// Read (HaloPSA also says "Read Only").
    Read,
    /// Read and Modify.
    ReadModify,
    /// Read, Create and Modify (offered for Invoices, among others).
    ReadCreateModify,
    /// Read, Create, Modify and Delete (HaloPSA also says "Read, Modify and Remove"). The top.
    ReadCreateModifyDelete,
}

impl AccessLevel {
    /// Every level, lowest first.
    pub const ALL: [AccessLevel; 6] = [
        AccessLevel::NoAccess,
        AccessLevel::NamesOnly,
        AccessLevel::Read,
        AccessLevel::ReadModify,
        AccessLevel::ReadCreateModify,
        AccessLevel::ReadCreateModifyDelete,
    ];

    /// The top of the chain.
    pub const TOP: AccessLevel = AccessLevel::ReadCreateModifyDelete;

    /// The stable kebab-case id, e.g. `read-modify`, as written in JSON.
    pub const fn id(self) -> &'static str {
        match self {
            AccessLevel::NoAccess => "no-access",
            AccessLevel::NamesOnly => "names-only",
            AccessLevel::Read => "read",
            AccessLevel::ReadModify => "read-modify",
            AccessLevel::ReadCreateModify => "read-create-modify",
            AccessLevel::ReadCreateModifyDelete => "read-create-modify-delete",
        }
    }

    /// The wording of the article and of HaloPSA's dropdown, e.g. `Read and Modify`; the same
    /// text as `Display`.
    pub const fn label(self) -> &'static str {
        match self {
            AccessLevel::NoAccess => "No Access",
            AccessLevel::NamesOnly => "View (Names Only)",
            AccessLevel::Read => "Read",
            AccessLevel::ReadModify => "Read and Modify",
            AccessLevel::ReadCreateModify => "Read, Create and Modify",
            AccessLevel::ReadCreateModifyDelete => "Read, Create, Modify and Delete",
        }
    }

    /// Other labels for the same level, as HaloPSA shows them or as other vendors' HaloPSA
    /// setup pages write them.
    const fn aliases(self) -> &'static [&'static str] {
        match self {
            AccessLevel::NoAccess => &["None"],
            // HaloPSA's dropdowns for Clients and Items; Liongard ("Customers Access Level: Read
            // Only", docs.liongard.com/docs/halopsa-api-account), Gradient MSP and Perimeters
            // ("Clients Access Level: Read Only") write it so.
            AccessLevel::Read => &["Read Only"],
            // Liongard's "HaloPSA FAQ's and Common Issues" (support.liongard.com, article
            // 11164034): "Tickets | Read + Modify".
            AccessLevel::ReadModify => &["Read + Modify"],
            // Gradient MSP's "HaloPSA Connection Guide" (support.meetgradient.com/
            // halo-integration): "Invoices Access Level - Read, Create and Modify": the level's
            // own label, no alias needed.
            AccessLevel::ReadCreateModify => &[],
            AccessLevel::ReadCreateModifyDelete => &["Read, Modify and Remove"],
            AccessLevel::NamesOnly => &["Names Only"],
        }
    }

    /// The higher of the two levels (the lattice join): what an agent gets from two roles.
    #[inline]
    pub const fn join(self, other: AccessLevel) -> AccessLevel {
        if (self as u8) >= (other as u8) {
            self
        } else {
            other
        }
    }

    /// The lower of the two levels (the lattice meet).
    #[inline]
    pub const fn meet(self, other: AccessLevel) -> AccessLevel {
        if (self as u8) <= (other as u8) {
            self
        } else {
            other
        }
    }

    /// The level of a rank (its position in [`AccessLevel::ALL`]); ranks past the top are the
    /// top.
    #[inline]
    pub(crate) const fn from_rank(rank: u8) -> AccessLevel {
        match rank {
            0 => AccessLevel::NoAccess,
            1 => AccessLevel::NamesOnly,
            2 => AccessLevel::Read,
            3 => AccessLevel::ReadModify,
            4 => AccessLevel::ReadCreateModify,
            _ => AccessLevel::ReadCreateModifyDelete,
        }
    }

    /// Whether `self` grants at least `other`, usable in `const` items.
    #[inline]
    pub const fn at_least(self, other: AccessLevel) -> bool {
        (self as u8) >= (other as u8)
    }
}

impl fmt::Display for AccessLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl FromStr for AccessLevel {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        // The id or label as written first; then the looser forms.
        let exact = |level: &AccessLevel| {
            s.eq_ignore_ascii_case(level.id()) || s.eq_ignore_ascii_case(level.label())
        };
        if let Some(level) = AccessLevel::ALL.into_iter().find(exact) {
            return Ok(level);
        }
        AccessLevel::ALL
            .into_iter()
            .find(|level| {
                eq_label(s, level.id())
                    || eq_label(s, level.label())
                    || level.aliases().iter().any(|alias| eq_label(s, alias))
            })
            .or_else(|| {
                // The words of one level in another order: "Read, Modify and Create".
                AccessLevel::ALL.into_iter().find(|level| {
                    same_words(s, level.label())
                        || level.aliases().iter().any(|alias| same_words(s, alias))
                })
            })
            .ok_or_else(|| ParseError::UnknownLevel(s.into()))
    }
}
