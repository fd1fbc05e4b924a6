//! [`Item`]: one privilege item, as the article and the crate's checklists write it.

use core::fmt;

use crate::model::{AccessLevel, AgentFlags, Area, Privileges, Scopes};

/// One privilege item as a line of text: a scope (`read:customers`), an access level (`Clients
/// Access Level: Read`) or a yes/no setting (`Asset Type Restrictions: Allow use of all Asset
/// Types = Yes`). `Display` writes the wording the crate prints in checklists and documents;
/// `FromStr` reads it back, and also the looser forms people type (any case, punctuation and
/// spacing in labels; a flag's label without its section; `scope read:items`).
///
/// ```
/// use halopsa_privileges::{AccessLevel, AgentFlags, Area, Item, Scopes};
///
/// fn main() -> Result<(), halopsa_privileges::ParseError> {
///     let line = "Invoices Access Level: Read, Create, Modify and Delete";
///     let item: Item = line.parse()?;
///     assert_eq!(item, Item::Access(Area::Invoices, AccessLevel::ReadCreateModifyDelete));
///     assert_eq!(item.to_string(), line);
///     assert_eq!("invoice access level: read create modify delete".parse::<Item>()?, item);
///     assert_eq!(
///         "Allow use of all Asset Types = yes".parse::<Item>()?,
///         Item::Flag(AgentFlags::ALL_ASSET_TYPES, true)
///     );
///     assert_eq!("read:items".parse::<Item>()?, Item::Scope(Scopes::READ_ITEMS));
///     Ok(())
/// }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Item {
    /// One OAuth scope of the application.
    Scope(Scopes),
    /// An area's access level.
    Access(Area, AccessLevel),
    /// A yes/no setting: one flag, and whether it is Yes.
    Flag(AgentFlags, bool),
}

impl Item {
    /// The item as a grant: the scope, the level, or the flag when it is Yes (a flag set to No
    /// grants nothing).
    pub const fn privileges(self) -> Privileges {
        match self {
            Item::Scope(scope) => Privileges::none().with_scopes(scope),
            Item::Access(area, level) => Privileges::none().with_level(area, level),
            Item::Flag(flag, true) => Privileges::none().with_flags(flag),
            Item::Flag(_, false) => Privileges::none(),
        }
    }
}

impl fmt::Display for Item {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Item::Scope(scope) => write!(f, "{scope}"),
            Item::Access(area, level) => write!(f, "{area} Access Level: {level}"),
            Item::Flag(flag, on) => write!(f, "{}", flag.setting(on)),
        }
    }
}
