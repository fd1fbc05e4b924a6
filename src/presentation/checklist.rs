//! The requirements checklist: `Display` for [`Requirements`], and the per-level provenance
//! ("Invoice Export - Multiline; Read for Products sync") that findings and steps print too.

use core::fmt;

use crate::model::Item;
use crate::model::{AccessLevel, Area, Flows, Layer, Privileges, Requirements};

impl Requirements {
    /// Displays the flows that need `level` in `area`, then (`; Read for ...`) those that need
    /// less: the provenance of one line of a checklist.
    pub(crate) const fn level_users(&self, area: Area, level: AccessLevel) -> LevelUsers {
        LevelUsers {
            flows: self.flows(),
            area,
            level,
        }
    }
}

/// From [`Requirements::level_users`].
pub(crate) struct LevelUsers {
    flows: Flows,
    area: Area,
    level: AccessLevel,
}

impl fmt::Display for LevelUsers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for at in AccessLevel::ALL.into_iter().rev() {
            if at > self.level || at == AccessLevel::NoAccess {
                continue;
            }
            let exact: Flows = self
                .flows
                .flows()
                .filter(|flow| flow.privileges().level(self.area) == at)
                .collect();
            if exact.is_empty() {
                continue;
            }
            if !first {
                write!(f, "; {at} for ")?;
            }
            first = false;
            write!(f, "{}", exact.titles())?;
        }
        Ok(())
    }
}

impl fmt::Display for Requirements {
    /// A compact checklist: each scope and each agent setting the flows need, with the flows that
    /// need it.
    ///
    /// ```
    /// use halopsa_privileges::{required_for, Flows};
    /// let text = required_for(Flows::CUSTOMERS_SYNC).to_string();
    /// assert!(text.contains("[ ] read:customers (Customers sync)"));
    /// assert!(text.contains("[ ] Clients Access Level: Read (Customers sync)"));
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Least privilege for: {}", self.flows().titles())?;
        writeln!(f, "Application level ({}):", Layer::Application.screen())?;
        let scopes = self.privileges().scopes();
        if scopes.is_empty() {
            f.write_str("  none required\n")?;
        }
        for (scope, _) in scopes.scopes() {
            let item = Item::Scope(scope);
            writeln!(f, "  [ ] {item} ({})", self.scope_needed_by(scope).titles())?;
        }
        writeln!(f, "Agent level ({}):", Layer::Agent.screen())?;
        let mut any = false;
        for (area, level) in self.privileges().levels() {
            if level != AccessLevel::NoAccess {
                any = true;
                let users = self.level_users(area, level);
                writeln!(f, "  [ ] {} ({users})", Item::Access(area, level))?;
            }
        }
        for flag in self.privileges().flags().flags() {
            any = true;
            let users = self.flag_needed_by(flag).titles();
            writeln!(f, "  [ ] {} ({users})", Item::Flag(flag, true))?;
        }
        if !any {
            f.write_str("  none required\n")?;
        }
        self.write_open(f)
    }
}

impl Requirements {
    /// The checklist's last part: what the article leaves open for these flows, beyond what
    /// they require, with the flows for which it is open.
    fn write_open(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let open = self.open();
        let required = self.privileges();
        let mut first = true;
        let mut heading = |f: &mut fmt::Formatter<'_>| {
            if core::mem::take(&mut first) {
                f.write_str(
                    "Left open by the article (neither required nor excess; if granted, leave \
                     as they are):\n",
                )
            } else {
                Ok(())
            }
        };
        for (area, level) in open.levels() {
            if level > required.level(area) {
                heading(f)?;
                let flows = self.open_for(&Privileges::none().with_level(area, level));
                writeln!(
                    f,
                    "  [?] {area} Access Level: up to {level} ({})",
                    flows.titles()
                )?;
            }
        }
        for flag in open.flags().difference(required.flags()).flags() {
            heading(f)?;
            let flows = self.open_for(&Privileges::none().with_flags(flag));
            writeln!(f, "  [?] {} ({})", Item::Flag(flag, true), flows.titles())?;
        }
        for (scope, name) in open.scopes().difference(required.scopes()).scopes() {
            heading(f)?;
            let flows = self.open_for(&Privileges::none().with_scopes(scope));
            writeln!(f, "  [?] {name} ({})", flows.titles())?;
        }
        Ok(())
    }
}

impl fmt::Display for Privileges {
    /// The checklist form: the application's scopes, then each access level above No Access and
    /// each flag set to Yes, in the article's wording (`none` for an empty layer).
    ///
    /// ```
    /// use halopsa_privileges::{AccessLevel, Area, Privileges, Scopes};
    /// let grant = Privileges::none()
    ///     .with_scopes(Scopes::READ_CUSTOMERS)
    ///     .with_level(Area::Clients, AccessLevel::Read);
    /// assert_eq!(
    ///     grant.to_string(),
    ///     "Application level:\n  [ ] read:customers\nAgent level:\n  [ ] Clients Access Level: Read\n"
    /// );
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Application level:\n")?;
        if self.scopes().is_empty() {
            f.write_str("  none\n")?;
        }
        for (scope, _) in self.scopes().scopes() {
            writeln!(f, "  [ ] {}", Item::Scope(scope))?;
        }
        f.write_str("Agent level:\n")?;
        let mut any = false;
        for (area, level) in self.levels() {
            if level != AccessLevel::NoAccess {
                any = true;
                writeln!(f, "  [ ] {}", Item::Access(area, level))?;
            }
        }
        for flag in self.flags().flags() {
            any = true;
            writeln!(f, "  [ ] {}", Item::Flag(flag, true))?;
        }
        if !any {
            f.write_str("  none\n")?;
        }
        Ok(())
    }
}
