//! [`required_for`] and [`Requirements`]: the least privilege of a set of flows.

use core::fmt;

use crate::{AccessLevel, AgentFlags, Area, Flow, Flows, Layer, Privileges, Report, Scopes};

/// The least privilege that runs every flow of `flows`: the union of their scopes, the highest
/// level each needs per area, the union of their flags.
///
/// It is a table look-up: the requirements of all 32 flow sets are computed when the crate is
/// compiled. In a `const` item, use [`Requirements::of`].
///
/// ```
/// use halopsa_privileges::{required_for, AccessLevel, Area, Flow, Flows, Scopes};
///
/// let needed = required_for(Flows::CUSTOMERS_SYNC | Flows::INVOICE_EXPORT_CHARGES);
/// assert_eq!(
///     needed.privileges().scopes(),
///     Scopes::READ_CUSTOMERS | Scopes::READ_ITEMS | Scopes::READ_INVOICES | Scopes::EDIT_INVOICES
/// );
/// assert_eq!(needed.privileges().level(Area::Invoices), AccessLevel::ReadCreateModifyDelete);
/// // Which of the flows need edit:invoices?
/// assert_eq!(needed.scope_needed_by(Scopes::EDIT_INVOICES), Flows::INVOICE_EXPORT_CHARGES);
/// // A single flow works too.
/// assert_eq!(required_for(Flow::CustomersSync).flows(), Flows::CUSTOMERS_SYNC);
/// ```
#[inline]
pub fn required_for(flows: impl Into<Flows>) -> Requirements {
    Requirements::of(flows.into())
}

/// What a set of flows needs: the flows, their least privilege, and which flow needs what.
///
/// Made by [`required_for`] or [`Requirements::of`]; [`Requirements::evaluate`] checks a grant
/// against it.
///
/// ```
/// use halopsa_privileges::{Requirements, Flows};
///
/// const INVOICING: Requirements = Requirements::of(Flows::INVOICE_EXPORT_MULTILINE);
/// assert!(INVOICING.flows().contains(Flows::INVOICE_EXPORT_MULTILINE));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Requirements {
    /// The flows; their privileges are looked up in the table computed at compile time.
    flows: Flows,
}

/// The number of flow sets.
const SETS: usize = 1 << Flow::ALL.len();

/// The rule of every flow, in [`Flow::ALL`] order.
const RULES: &[Privileges; Flow::ALL.len()] = &{
    let mut rules = [Privileges::none(); Flow::ALL.len()];
    let mut i = 0;
    while i < Flow::ALL.len() {
        rules[i] = Flow::ALL[i].privileges();
        i += 1;
    }
    rules
};

/// The least privilege of every flow set, indexed by the set's bits.
const TABLE: &[Privileges; SETS] = &{
    let mut table = [Privileges::none(); SETS];
    let mut set = 1;
    while set < SETS {
        let mut joined = Privileges::none();
        let mut i = 0;
        while i < Flow::ALL.len() {
            if set & (1 << i) != 0 {
                joined = joined.join(&RULES[i]);
            }
            i += 1;
        }
        table[set] = joined;
        set += 1;
    }
    table
};

/// For every scope bit, the flows that need that scope.
const SCOPE_NEEDED_BY: &[Flows; 64] = &{
    let mut table = [Flows::empty(); 64];
    let mut bit = 0;
    while bit < 64 {
        table[bit] = flows_where(Need::Scope(Scopes::from_bits_retain(1 << bit)));
        bit += 1;
    }
    table
};

/// For every flag bit, the flows that need that flag.
const FLAG_NEEDED_BY: &[Flows; 8] = &{
    let mut table = [Flows::empty(); 8];
    let mut bit = 0;
    while bit < 8 {
        table[bit] = flows_where(Need::Flag(AgentFlags::from_bits_retain(1 << bit)));
        bit += 1;
    }
    table
};

/// For every area and granted level, the flows that need more than that level there.
const NEED_ABOVE: &[[Flows; AccessLevel::ALL.len()]; Area::COUNT] = &{
    let mut table = [[Flows::empty(); AccessLevel::ALL.len()]; Area::COUNT];
    let mut area = 0;
    while area < Area::COUNT {
        let mut level = 0;
        while level < AccessLevel::ALL.len() {
            table[area][level] = flows_where(Need::Above(Area::ALL[area], AccessLevel::ALL[level]));
            level += 1;
        }
        area += 1;
    }
    table
};

/// One thing a flow may need, for building the provenance tables.
#[derive(Clone, Copy)]
enum Need {
    Scope(Scopes),
    Flag(AgentFlags),
    /// More than the given level in the area.
    Above(Area, AccessLevel),
}

/// The flows whose rule includes `need`.
const fn flows_where(need: Need) -> Flows {
    let mut flows = Flows::empty();
    let mut i = 0;
    while i < Flow::ALL.len() {
        let rule = RULES[i];
        let needs = match need {
            Need::Scope(scope) => !scope.is_empty() && rule.scopes().contains(scope),
            Need::Flag(flag) => !flag.is_empty() && rule.flags().contains(flag),
            Need::Above(area, level) => !level.at_least(rule.level(area)),
        };
        if needs {
            flows = flows.union(Flows::of(Flow::ALL[i]));
        }
        i += 1;
    }
    flows
}

/// The flows of all flows whose rule holds some scope of `scopes`.
#[inline]
pub(crate) const fn scopes_needed_by(scopes: Scopes) -> Flows {
    let mut bits = scopes.bits();
    let mut flows = Flows::empty();
    while bits != 0 {
        flows = flows.union(SCOPE_NEEDED_BY[bits.trailing_zeros() as usize]);
        bits &= bits - 1;
    }
    flows
}

/// The flows that need the scope at bit `bit`.
#[inline]
pub(crate) const fn scope_bit_needed_by(bit: u32) -> Flows {
    SCOPE_NEEDED_BY[(bit & 63) as usize]
}

/// The flows of all flows whose rule holds some flag of `flags`.
#[inline]
pub(crate) const fn flags_needed_by(flags: AgentFlags) -> Flows {
    let mut bits = flags.bits();
    let mut flows = Flows::empty();
    while bits != 0 {
        flows = flows.union(FLAG_NEEDED_BY[bits.trailing_zeros() as usize]);
        bits &= bits - 1;
    }
    flows
}

/// The flows of all flows that need more than `granted` in `area`.
#[inline]
pub(crate) const fn needs_above(area: Area, granted: AccessLevel) -> Flows {
    NEED_ABOVE[area.index()][granted as usize]
}

impl Requirements {
    /// The requirements of `flows`; the `const` form of [`required_for`].
    #[inline]
    pub const fn of(flows: Flows) -> Requirements {
        Requirements {
            flows: Flows::from_bits_truncate(flows.bits()),
        }
    }

    /// The flows these requirements are for.
    #[inline]
    pub const fn flows(&self) -> Flows {
        self.flows
    }

    /// The least privilege that runs every one of the flows.
    #[inline]
    pub const fn privileges(&self) -> &'static Privileges {
        &TABLE[self.flows.bits() as usize & (SETS - 1)]
    }

    /// Which of the flows need a scope of `scopes` (for a single scope: the flows that need it).
    ///
    /// ```
    /// use halopsa_privileges::{required_for, Flows, Scopes};
    /// let needed = required_for(Flows::all());
    /// assert_eq!(
    ///     needed.scope_needed_by(Scopes::READ_ASSETS),
    ///     Flows::PRODUCTS_SYNC | Flows::SERVICE_ITEMS_SYNC
    /// );
    /// ```
    #[inline]
    pub const fn scope_needed_by(&self, scopes: Scopes) -> Flows {
        scopes_needed_by(scopes).intersection(self.flows)
    }

    /// Which of the flows need `area` at `level` or above. Nothing needs No Access, so asking
    /// for [`AccessLevel::NoAccess`] gives the empty set.
    ///
    /// ```
    /// use halopsa_privileges::{required_for, AccessLevel, Area, Flows};
    /// let needed = required_for(Flows::all());
    /// assert_eq!(
    ///     needed.access_needed_by(Area::Invoices, AccessLevel::ReadModify),
    ///     Flows::INVOICE_EXPORT_MULTILINE | Flows::INVOICE_EXPORT_CHARGES
    /// );
    /// ```
    #[inline]
    pub const fn access_needed_by(&self, area: Area, level: AccessLevel) -> Flows {
        match level {
            AccessLevel::NoAccess => Flows::empty(),
            _ => needs_above(area, AccessLevel::ALL[level as usize - 1]).intersection(self.flows),
        }
    }

    /// Which of the flows need a flag of `flags`.
    #[inline]
    pub const fn flag_needed_by(&self, flags: AgentFlags) -> Flows {
        flags_needed_by(flags).intersection(self.flows)
    }

    /// Checks what was granted against these requirements. See [`Report`].
    ///
    /// ```
    /// use halopsa_privileges::{required_for, AccessLevel, Area, Flows, Privileges, Scopes};
    ///
    /// let granted = Privileges::none()
    ///     .with_scopes(Scopes::READ_CUSTOMERS)
    ///     .with_level(Area::Clients, AccessLevel::Read);
    /// let report = required_for(Flows::CUSTOMERS_SYNC | Flows::PRODUCTS_SYNC).evaluate(&granted);
    /// assert_eq!(report.runnable(), Flows::CUSTOMERS_SYNC);
    /// assert_eq!(report.blocked(), Flows::PRODUCTS_SYNC);
    /// assert_eq!(report.missing().count(), 5); // three scopes, two areas
    /// ```
    #[inline]
    pub const fn evaluate(&self, granted: &Privileges) -> Report {
        // A flow is blocked when the grant does not cover that flow's own rule.
        let mut blocked = 0;
        let mut i = 0;
        while i < RULES.len() {
            blocked |= (!granted.covers(&RULES[i]) as u8) << i;
            i += 1;
        }
        let blocked = Flows::from_bits_truncate(blocked).intersection(self.flows);
        Report::new(self.flows, blocked, *granted)
    }
}

impl Requirements {
    /// Displays the flows that need `level` in `area`, then (`; Read for ...`) those that need
    /// less: the provenance of one line of a checklist.
    pub(crate) const fn level_users(&self, area: Area, level: AccessLevel) -> LevelUsers {
        LevelUsers {
            flows: self.flows,
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
        writeln!(f, "Least privilege for: {}", self.flows.titles())?;
        writeln!(f, "Application level ({}):", Layer::Application.screen())?;
        let scopes = self.privileges().scopes();
        if scopes.is_empty() {
            f.write_str("  none required\n")?;
        }
        for (scope, name) in scopes.scopes() {
            writeln!(f, "  [ ] {name} ({})", self.scope_needed_by(scope).titles())?;
        }
        writeln!(f, "Agent level ({}):", Layer::Agent.screen())?;
        let mut any = false;
        for (area, level) in self.privileges().levels() {
            if level != AccessLevel::NoAccess {
                any = true;
                let users = self.level_users(area, level);
                writeln!(f, "  [ ] {area} Access Level: {level} ({users})")?;
            }
        }
        for flag in self.privileges().flags().flags() {
            any = true;
            let users = self.flag_needed_by(flag).titles();
            writeln!(f, "  [ ] {} ({users})", flag.setting(true))?;
        }
        if !any {
            f.write_str("  none required\n")?;
        }
        Ok(())
    }
}
