//! [`required_for`] and [`Requirements`]: the least privilege of a set of flows.

use crate::model::{AccessLevel, AgentFlags, Area, Flow, Flows, Known, Privileges, Scopes};

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
pub(crate) const RULES: &[Privileges; Flow::ALL.len()] = &{
    let mut rules = [Privileges::none(); Flow::ALL.len()];
    let mut i = 0;
    while i < Flow::ALL.len() {
        rules[i] = Flow::ALL[i].privileges();
        i += 1;
    }
    rules
};

/// What the article leaves open for every flow, in [`Flow::ALL`] order.
const OPEN_RULES: &[Privileges; Flow::ALL.len()] = &{
    let mut open = [Privileges::none(); Flow::ALL.len()];
    let mut i = 0;
    while i < Flow::ALL.len() {
        open[i] = Flow::ALL[i].open();
        i += 1;
    }
    open
};

/// For every flow set (indexed by its bits), the join of `per_flow` over its flows.
const fn join_per_set(per_flow: &[Privileges; Flow::ALL.len()]) -> [Privileges; SETS] {
    let mut table = [Privileges::none(); SETS];
    let mut set = 1;
    while set < SETS {
        let mut joined = Privileges::none();
        let mut i = 0;
        while i < Flow::ALL.len() {
            if set & (1 << i) != 0 {
                joined = joined.join(&per_flow[i]);
            }
            i += 1;
        }
        table[set] = joined;
        set += 1;
    }
    table
}

/// The least privilege of every flow set, indexed by the set's bits.
const TABLE: &[Privileges; SETS] = &join_per_set(RULES);

/// What the article leaves open for every flow set (the join of [`Flow::open`]), indexed by the
/// set's bits.
const OPEN: &[Privileges; SETS] = &join_per_set(OPEN_RULES);

/// The most a grant may hold without excess for every flow set: the requirement joined with
/// what is open.
const ALLOWANCE: &[Privileges; SETS] = &{
    let mut table = [Privileges::none(); SETS];
    let mut set = 0;
    while set < SETS {
        table[set] = TABLE[set].join(&OPEN[set]);
        set += 1;
    }
    table
};

/// For every flow, the parts of a grant its rule depends on: the application layer when it
/// needs any scope, each area it needs above No Access, each flag it needs.
const RULE_NEEDS: &[Known; Flow::ALL.len()] = &{
    let mut needs = [Known::empty(); Flow::ALL.len()];
    let mut i = 0;
    while i < Flow::ALL.len() {
        let rule = RULES[i];
        let mut known = Known::flag(rule.flags());
        if !rule.scopes().is_empty() {
            known = known.union(Known::APPLICATION);
        }
        let mut area = 0;
        while area < Area::COUNT {
            if !matches!(rule.level(Area::ALL[area]), AccessLevel::NoAccess) {
                known = known.union(Known::area(Area::ALL[area]));
            }
            area += 1;
        }
        needs[i] = known;
        i += 1;
    }
    needs
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

    /// What the article leaves open for these flows: the join of their [`Flow::open`]. Items
    /// up to this that the flows do not require are neither required nor excess.
    ///
    /// ```
    /// use halopsa_privileges::{required_for, AccessLevel, Area, Flows};
    /// let open = required_for(Flows::SERVICE_ITEMS_SYNC).open();
    /// assert_eq!(open.level(Area::Invoices), AccessLevel::Read);
    /// ```
    #[inline]
    pub const fn open(&self) -> &'static Privileges {
        &OPEN[self.flows.bits() as usize & (SETS - 1)]
    }

    /// The most a grant may hold without excess: the requirement joined with what is open.
    #[inline]
    pub(crate) const fn allowance(&self) -> &'static Privileges {
        &ALLOWANCE[self.flows.bits() as usize & (SETS - 1)]
    }

    /// Which of the flows the article leaves `item` open for (see [`Flow::open`]).
    pub(crate) fn open_for(&self, item: &Privileges) -> Flows {
        self.flows
            .flows()
            .filter(|flow| flow.open().contains(item))
            .collect()
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

    /// The parts of a grant these flows depend on: the application layer when they need any
    /// scope, each area they need, each flag they need.
    ///
    /// ```
    /// use halopsa_privileges::{required_for, Flow, Known};
    /// assert_eq!(required_for(Flow::CustomersSync).depends_on(), Known::APPLICATION | Known::CLIENTS);
    /// ```
    #[inline]
    pub const fn depends_on(&self) -> Known {
        let mut known = Known::empty();
        let mut i = 0;
        while i < RULES.len() {
            if self.flows.has(Flow::ALL[i]) {
                known = known.union(RULE_NEEDS[i]);
            }
            i += 1;
        }
        known
    }
}
