//! [`Assumption`]: a HaloPSA behaviour that the article does not state but that could decide an
//! item.

use crate::model::privileges::Words;
use crate::model::{Privileges, Scopes};

/// A HaloPSA behaviour that the support article does not state but that could decide whether
/// an item is granted: one scope or setting that may cover others.
///
/// The crate relies only on the assumptions marked [`relied_on`](Assumption::is_relied_on)
/// (the `all` scope covers every scope). Every other one is unconfirmed: where it could
/// satisfy a need, that item is **unknown**, never missing. The flow is unverified,
/// [`Report::to_verify`](crate::Report::to_verify) names the item, and the remediation ticks or
/// raises the item itself (so that the answer no longer hangs on the assumption). Granted, the
/// covering scope or setting is still excess. The list is [`Assumption::ALL`], beside the rules
/// in `src/model/rules.rs`, each entry with its source.
///
/// ```
/// use halopsa_privileges::{required_for, Assumption, Flow, Privileges, Scopes, Verdict, AccessLevel, Area};
///
/// // Nobody has shown that `all:standard` holds `read:customers`, nor that it lacks it.
/// let granted = Privileges::none()
///     .with_scopes(Scopes::ALL_STANDARD)
///     .with_level(Area::Clients, AccessLevel::Read);
/// let report = required_for(Flow::CustomersSync).evaluate(&granted);
/// assert_eq!(report.verdict(Flow::CustomersSync), Verdict::Unverified);
/// assert_eq!(report.missing().count(), 0);
/// assert!(Assumption::ALL.iter().any(|a| a.id() == "all-standard" && !a.is_relied_on()));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Assumption {
    pub(crate) id: &'static str,
    pub(crate) title: &'static str,
    pub(crate) relied_on: bool,
    pub(crate) if_granted: Privileges,
    pub(crate) cover: Cover,
    pub(crate) source: &'static str,
}

/// What an assumption's scope or setting may cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Cover {
    /// These privileges, whenever `if_granted` is held.
    Items(Privileges),
    /// The `read:X` of every `edit:X` held.
    ReadOfEdit,
    /// Nothing by itself: how settings given by several sources combine. Applied where the
    /// sources are joined (`GrantFile`), never in evaluate: where it could decide a setting,
    /// the joined setting is unknown.
    Combination,
}

impl Assumption {
    /// A stable kebab-case id, e.g. `all-standard`.
    pub const fn id(&self) -> &'static str {
        self.id
    }

    /// What is assumed, in plain words.
    pub const fn title(&self) -> &'static str {
        self.title
    }

    /// Whether the crate relies on it (treats it as fact). Only `all` is; every other
    /// assumption makes the items it could cover unknown.
    pub const fn is_relied_on(&self) -> bool {
        self.relied_on
    }

    /// The scope or setting that may cover others (empty for `edit:X` covering `read:X`, which
    /// holds for any `edit:X`).
    pub const fn if_granted(&self) -> &Privileges {
        &self.if_granted
    }

    /// Where the behaviour was seen or said, and how sure that is.
    pub const fn source(&self) -> &'static str {
        self.source
    }

    /// What the assumption may cover in a grant of at most `granted`: nothing when its scope or
    /// setting is not held.
    pub const fn may_cover(&self, granted: &Privileges) -> Privileges {
        if !granted.contains(&self.if_granted) {
            return Privileges::none();
        }
        match self.cover {
            Cover::Items(items) => items,
            Cover::ReadOfEdit => Privileges::none().with_scopes(granted.scopes().reads_of_edits()),
            Cover::Combination => Privileges::none(),
        }
    }

    /// Whether the assumption could decide `item` in a grant of at most `granted`: it may cover
    /// the item, which `granted` does not hold itself.
    pub const fn could_decide(&self, granted: &Privileges, item: &Privileges) -> bool {
        !granted.contains(item) && self.may_cover(granted).contains(item)
    }
}

/// What a grant of at most `at_most` may let through once every unconfirmed assumption is
/// given the benefit of the doubt (what a flow can be blocked by only when even this falls
/// short) is `widen(at_most, held(at_most))`.
///
/// The assumptions that hang on a scope or setting are folded, when the crate is compiled, into
/// one table indexed by which of those scopes and settings are held ([`COVERS`]); `edit:X`
/// covering `read:X` is applied last. A report keeps `held` (one byte) rather than the widened
/// grant.
/// Which triggers `at_most` holds: bit `i` for the `i`th of [`TRIGGERED`].
#[inline(always)]
pub(crate) const fn held(at_most: &Privileges) -> u8 {
    let grants = at_most.grants_word();
    let mut held = 0;
    let mut i = 0;
    while i < TRIGGERED.1 {
        let trigger = TRIGGER_WORDS[i];
        held |= ((grants & trigger == trigger) as u8) << i;
        i += 1;
    }
    held
}

/// Each trigger's scopes and flags in one word, as [`Privileges`] keeps them.
const TRIGGER_WORDS: [u64; MAX] = {
    let mut words = [0; MAX];
    let mut i = 0;
    while i < TRIGGERED.1 {
        words[i] = TRIGGERED.0[i].0.grants_word();
        i += 1;
    }
    words
};

/// [`possible`] of `at_most`, whose triggers `held` are known.
#[inline(always)]
pub(crate) const fn widen(at_most: &Privileges, held: u8) -> Privileges {
    let possible = if held == 0 {
        *at_most
    } else {
        at_most.join(&COVERS[held as usize & ((1 << MAX) - 1)])
    };
    possible.with_scopes(possible.scopes().reads_of_edits())
}

/// Every scope and setting some unconfirmed assumption hangs on: a grant that holds none of
/// them holds no trigger (`held` is 0), which [`may_hold_trigger`] tells in two operations.
const TRIGGERS: Privileges = {
    let mut all = Privileges::none();
    let mut i = 0;
    while i < TRIGGERED.1 {
        all = all.join(&TRIGGERED.0[i].0);
        i += 1;
    }
    all
};

/// [`TRIGGERS`] as the words the evaluate path reads (scopes and flags in one word).
const TRIGGER_GRANTS: u64 = match TRIGGERS.rule_words() {
    Some(words) => words.grants,
    None => panic!("a trigger is a scope or a setting"),
};

/// Whether a grant whose words are `words` may hold a trigger: `false` means [`held`] is 0.
#[inline(always)]
pub(crate) const fn may_hold_trigger(words: &Words) -> bool {
    words.grants & TRIGGER_GRANTS != 0
}

/// The most assumptions that hang on a scope or setting (the table has `2^MAX` entries).
/// [`widen`] in the words that [`Requirements::evaluate_grant`](crate::Requirements::evaluate_grant)
/// checks rules with, for a grant already in words: the same answer for every rule, without
/// joining levels (the verdicts are checked against an independent oracle in tests/bounds.rs).
#[inline(always)]
pub(crate) const fn widen_of_words(words: Words, held: u8) -> Words {
    words.widened(&COVER_WORDS[held as usize & ((1 << MAX) - 1)])
}

/// [`COVERS`] as words.
const COVER_WORDS: [Words; 1 << MAX] = {
    let mut table = [Words::ZERO; 1 << MAX];
    let mut i = 0;
    while i < table.len() {
        table[i] = match Words::of_cover(&COVERS[i]) {
            Some(words) => words,
            None => panic!("an assumption raises an area to less than the top"),
        };
        i += 1;
    }
    table
};

const MAX: usize = 6;
const _: () = assert!(MAX <= 8, "the held triggers are kept in one byte");

/// The unconfirmed assumptions that hang on a scope or setting, as (trigger, cover), and how
/// many there are.
const TRIGGERED: ([(Privileges, Privileges); MAX], usize) = {
    let mut triggered = [(Privileges::none(), Privileges::none()); MAX];
    let mut count = 0;
    let mut i = 0;
    while i < Assumption::ALL.len() {
        let assumption = &Assumption::ALL[i];
        if let (false, Cover::Items(items)) = (assumption.relied_on, assumption.cover) {
            // A trigger is scopes or settings (`possible` tests only those), never nothing:
            // an assumption that always held would need none (only edit:X has none).
            let trigger = assumption.if_granted;
            let scopes_and_flags = Privileges::none()
                .with_scopes(trigger.scopes())
                .with_flags(trigger.flags());
            assert!(scopes_and_flags.contains(&trigger));
            assert!(!Privileges::none().contains(&trigger));
            // `edit:X` is applied after the table, so no `read:X` may be a trigger.
            assert!(!assumption
                .if_granted
                .scopes()
                .intersects(Scopes::EDITS_WITH_READ.reads_of_edits()));
            triggered[count] = (assumption.if_granted, items);
            count += 1;
        }
        i += 1;
    }
    (triggered, count)
};

/// For each set of held triggers (bit `i` for the `i`th of [`TRIGGERED`]), what their
/// assumptions may cover together, closed under covering another assumption's trigger.
const COVERS: [Privileges; 1 << MAX] = {
    let mut table = [Privileges::none(); 1 << MAX];
    let mut held = 0;
    while held < 1 << TRIGGERED.1 {
        let mut covered = Privileges::none();
        let mut grown = true;
        while grown {
            grown = false;
            let mut i = 0;
            while i < TRIGGERED.1 {
                let (trigger, items) = TRIGGERED.0[i];
                let applies = held & (1 << i) != 0 || covered.contains(&trigger);
                if applies && !covered.contains(&items) {
                    covered = covered.join(&items);
                    grown = true;
                }
                i += 1;
            }
        }
        table[held] = covered;
        held += 1;
    }
    table
};

/// The scopes `all:standard` may cover: every scope except the wide ones (`all`, `all:standard`,
/// `all:teams`, `admin`, `admin:webhooks`). Wider than any source says, which only makes more
/// items unknown, never one missing.
pub(crate) const STANDARD_SCOPES: Scopes = Scopes::all()
    .difference(Scopes::ALL)
    .difference(Scopes::ALL_STANDARD)
    .difference(Scopes::ALL_TEAMS)
    .difference(Scopes::ADMIN)
    .difference(Scopes::ADMIN_WEBHOOKS);
