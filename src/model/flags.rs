//! [`AgentFlags`]: the yes/no settings of an agent or role.

use core::fmt;
use core::str::FromStr;

use crate::common::error::ParseError;
use crate::common::text::eq_label;

bitflags::bitflags! {
    /// Yes/no settings of a HaloPSA agent or role that a flow may need.
    ///
    /// Each flag has a kebab-case id ([`AgentFlags::id`]), HaloPSA's label
    /// ([`AgentFlags::label`]) and the permission group it sits in ([`AgentFlags::section`]).
    /// `FromStr` reads a comma-separated list of ids or labels (ASCII case and surrounding
    /// whitespace ignored); `Display` writes the ids, comma-separated.
    ///
    /// The bit of each flag is stable across versions (a new flag takes a new bit), so `bits()`
    /// may be stored; the ids are the portable form.
    ///
    /// [`AgentFlags::ADMINISTRATOR`] is never required and proves nothing by itself (HaloPSA
    /// does not document what it grants through the API). It may cover every level and
    /// setting, so a level or setting it could cover is unknown, never missing (see
    /// [`Assumption`](crate::Assumption)); a grant holding it always reports it as excess.
    ///
    /// ```
    /// use halopsa_privileges::AgentFlags;
    ///
    /// fn main() -> Result<(), halopsa_privileges::ParseError> {
    ///     let flags: AgentFlags = "all-asset-types, Allow use of all Asset Fields".parse()?;
    ///     assert_eq!(flags, AgentFlags::ALL_ASSET_TYPES | AgentFlags::ALL_ASSET_FIELDS);
    ///     assert_eq!(flags.to_string(), "all-asset-types,all-asset-fields");
    ///     assert_eq!(AgentFlags::ALL_ASSET_TYPES.label(), Some("Allow use of all Asset Types"));
    ///     Ok(())
    /// }
    /// ```
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub struct AgentFlags: u8 {
        /// "Allow use of all Asset Types" (Asset Type Restrictions), id `all-asset-types`.
        const ALL_ASSET_TYPES = 1 << 0;
        /// "Allow use of all Asset Fields" (Asset Field Restrictions), id `all-asset-fields`.
        const ALL_ASSET_FIELDS = 1 << 1;
        /// "Allow use of all Clients" (Client Restrictions), id `all-clients`.
        const ALL_CLIENTS = 1 << 2;
        /// "Allow use of all Ticket Types" (Ticket Type Restrictions), id `all-ticket-types`.
        const ALL_TICKET_TYPES = 1 << 3;
        /// "Is a Halo Administrator", id `administrator`. Never required, always excess.
        const ADMINISTRATOR = 1 << 4;
    }
}

/// Each flag with its id, HaloPSA label and permission group.
const FLAG_TEXT: &[(AgentFlags, &str, &str, &str); 5] = &[
    (
        AgentFlags::ALL_ASSET_TYPES,
        "all-asset-types",
        "Allow use of all Asset Types",
        "Asset Type Restrictions",
    ),
    (
        AgentFlags::ALL_ASSET_FIELDS,
        "all-asset-fields",
        "Allow use of all Asset Fields",
        "Asset Field Restrictions",
    ),
    (
        AgentFlags::ALL_CLIENTS,
        "all-clients",
        "Allow use of all Clients",
        "Client Restrictions",
    ),
    (
        AgentFlags::ALL_TICKET_TYPES,
        "all-ticket-types",
        "Allow use of all Ticket Types",
        "Ticket Type Restrictions",
    ),
    (
        AgentFlags::ADMINISTRATOR,
        "administrator",
        "Is a Halo Administrator",
        "Agent Permissions",
    ),
];

impl AgentFlags {
    /// The text of a single flag; `None` for an empty or multi-flag set.
    const fn text(self) -> Option<(&'static str, &'static str, &'static str)> {
        let bit = self.bits().trailing_zeros() as usize;
        if self.bits().count_ones() != 1 || bit >= FLAG_TEXT.len() {
            return None;
        }
        let (_, id, label, section) = FLAG_TEXT[bit];
        Some((id, label, section))
    }

    /// The kebab-case id of a single flag, e.g. `all-asset-types`.
    pub const fn id(self) -> Option<&'static str> {
        match self.text() {
            Some((id, _, _)) => Some(id),
            None => None,
        }
    }

    /// HaloPSA's label of a single flag, e.g. `Allow use of all Asset Fields`.
    pub const fn label(self) -> Option<&'static str> {
        match self.text() {
            Some((_, label, _)) => Some(label),
            None => None,
        }
    }

    /// The HaloPSA permission group a single flag is set in, e.g. `Asset Type Restrictions`.
    pub const fn section(self) -> Option<&'static str> {
        match self.text() {
            Some((_, _, section)) => Some(section),
            None => None,
        }
    }

    /// Displays a single flag set to Yes or No in the article's wording, e.g. `Asset Type
    /// Restrictions: Allow use of all Asset Types = Yes`.
    pub(crate) const fn setting(self, on: bool) -> Setting {
        Setting(self, on)
    }

    /// Each flag of the set on its own, in declaration order.
    pub fn flags(self) -> impl Iterator<Item = AgentFlags> + Clone {
        FLAG_TEXT
            .iter()
            .map(|(flag, ..)| *flag)
            .filter(move |flag| self.contains(*flag))
    }

    /// Looks up one flag by id, HaloPSA label, or the article's "Section: Label" wording
    /// (ignoring case, punctuation and spacing).
    ///
    /// ```
    /// use halopsa_privileges::AgentFlags;
    ///
    /// fn main() -> Result<(), halopsa_privileges::ParseError> {
    ///     let flag = AgentFlags::ALL_ASSET_TYPES;
    ///     assert_eq!(AgentFlags::from_flag("all-asset-types")?, flag);
    ///     assert_eq!(AgentFlags::from_flag("allow use of all asset types")?, flag);
    ///     assert_eq!(AgentFlags::from_flag("Asset Type Restrictions: Allow use of all Asset Types")?, flag);
    ///     Ok(())
    /// }
    /// ```
    pub fn from_flag(name: &str) -> Result<AgentFlags, ParseError> {
        // The article's own line names the setting and its value: "... = Yes".
        let given = name;
        let name = match name.rsplit_once('=') {
            Some((setting, value)) if eq_label(value, "yes") => setting,
            _ => name,
        };
        // The id or label as written first; then the looser forms.
        if let Some((flag, ..)) = FLAG_TEXT.iter().find(|(_, id, label, _)| {
            name.eq_ignore_ascii_case(id) || name.eq_ignore_ascii_case(label)
        }) {
            return Ok(*flag);
        }
        let sectioned = |section: &str, label: &str| {
            name.split_once(':')
                .is_some_and(|(given_section, given_label)| {
                    eq_label(given_section, section) && eq_label(given_label, label)
                })
        };
        FLAG_TEXT
            .iter()
            .find(|(_, id, label, section)| {
                eq_label(name, id) || eq_label(name, label) || sectioned(section, label)
            })
            .map(|(flag, ..)| *flag)
            .ok_or_else(|| ParseError::UnknownFlag(given.into()))
    }
}

/// A flag set to Yes or No, from [`AgentFlags::setting`].
pub(crate) struct Setting(AgentFlags, bool);

impl fmt::Display for Setting {
    /// `Section: Label = Yes` for one flag; several flags are joined with "and"; a set with no
    /// named flag says so.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let value = if self.1 { "Yes" } else { "No" };
        let named = self.0.intersection(AgentFlags::all());
        if self.0.is_empty() {
            return write!(f, "(no agent flag) = {value}");
        }
        if named != self.0 {
            return write!(f, "agent flags `{}` = {value}", self.0);
        }
        for (i, flag) in named.flags().enumerate() {
            if i > 0 {
                f.write_str(" and ")?;
            }
            write!(
                f,
                "{}: {} = {value}",
                flag.section().unwrap_or_default(),
                flag.label().unwrap_or_default(),
            )?;
        }
        Ok(())
    }
}

impl fmt::Display for AgentFlags {
    /// The ids, comma-separated (the empty set is the empty string); bits that name no flag
    /// (only possible through `from_bits_retain`) are written in hex after them.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, flag) in self.flags().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            f.write_str(flag.id().unwrap_or_default())?;
        }
        let unnamed = self.bits() & !AgentFlags::all().bits();
        if unnamed != 0 {
            let sep = if self.intersects(AgentFlags::all()) {
                ","
            } else {
                ""
            };
            write!(f, "{sep}{unnamed:#x}")?;
        }
        Ok(())
    }
}

impl FromStr for AgentFlags {
    type Err = ParseError;

    /// Parses a comma-separated list of flag ids or labels; the blank string is the empty set.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.trim_matches(|c: char| c.is_ascii_whitespace()).is_empty() {
            return Ok(AgentFlags::empty());
        }
        s.split(',').try_fold(AgentFlags::empty(), |set, item| {
            Ok(set | AgentFlags::from_flag(item)?)
        })
    }
}
