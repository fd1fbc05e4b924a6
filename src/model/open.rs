//! [`OpenPoint`]: a point the support article leaves open.

use crate::model::{Finding, Flow, Flows, Privileges};

/// A point the support article leaves open: privileges that some flows may or may not need.
///
/// The article is the crate's only source for what each flow needs, and in three places it
/// gives no clear answer. Rather than resolve them silently, the crate records each one beside
/// the rules ([`OpenPoint::ALL`], in `src/model/rules.rs`) with the article's own words. An item that
/// is open for a checked flow is never required and never reported as excess: a grant holding
/// it is listed by [`Report::open`](crate::Report::open), and no remediation step lowers or
/// disables it.
///
/// ```
/// use halopsa_privileges::{AccessLevel, AgentFlags, Area, Flow, OpenPoint};
///
/// // The article asks Products sync for `read:assets` but states no Assets access level.
/// let open = Flow::ProductsSync.open();
/// assert_eq!(open.level(Area::Assets), AccessLevel::Read);
/// assert!(open.flags().contains(AgentFlags::ALL_CLIENTS));
/// assert!(OpenPoint::ALL.iter().all(|point| !point.article().is_empty()));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct OpenPoint {
    pub(crate) id: &'static str,
    pub(crate) title: &'static str,
    pub(crate) flows: Flows,
    pub(crate) up_to: Privileges,
    pub(crate) article: &'static str,
    pub(crate) question: &'static str,
    pub(crate) beyond: &'static str,
    pub(crate) decision: &'static str,
}

impl OpenPoint {
    /// A stable kebab-case id, e.g. `client-restrictions`.
    pub const fn id(&self) -> &'static str {
        self.id
    }

    /// A short title, e.g. `Client Restrictions`.
    pub const fn title(&self) -> &'static str {
        self.title
    }

    /// The flows for which the point is open.
    pub const fn flows(&self) -> Flows {
        self.flows
    }

    /// The most that the point leaves open: any grant up to this is neither required nor excess
    /// for [`flows`](OpenPoint::flows).
    pub const fn up_to(&self) -> &Privileges {
        &self.up_to
    }

    /// The article's own words that leave the point open, quoted.
    pub const fn article(&self) -> &'static str {
        self.article
    }

    /// What the article leaves open, in plain words, stating nothing the article does not.
    pub const fn question(&self) -> &'static str {
        self.question
    }

    /// What the crate adds that the article does not say: how HaloPSA behaves there, how the
    /// crate reads the point and on what evidence, how far it keeps it open.
    pub const fn beyond_article(&self) -> &'static str {
        self.beyond
    }

    /// What the customer decides here, in plain words for the help centre: the choice, what
    /// each answer does, and a recommendation. It names every item of
    /// [`up_to`](OpenPoint::up_to), and never says what the article leaves out.
    pub const fn decision(&self) -> &'static str {
        self.decision
    }

    /// Whether this point leaves the item of `finding` (one of [`Report::open`](
    /// crate::Report::open)) open: a level above the finding's `required`, a flag or a scope
    /// it names.
    pub const fn leaves_open(&self, finding: &Finding) -> bool {
        match *finding {
            Finding::Access { area, required, .. } => !required.at_least(self.up_to.level(area)),
            Finding::Flag { flag, .. } => self.up_to.flags().contains(flag),
            Finding::Scope { scope, .. } => self.up_to.scopes().contains(scope),
        }
    }
}

impl Flow {
    /// What the article leaves open for this flow: the join of the [`OpenPoint`]s that name it.
    /// Nothing here is required by [`Flow::privileges`]; a grant holding it is reported by
    /// [`Report::open`](crate::Report::open), never as excess.
    pub const fn open(self) -> Privileges {
        let mut open = Privileges::none();
        let mut i = 0;
        while i < OpenPoint::ALL.len() {
            if OpenPoint::ALL[i].flows.has(self) {
                open = open.join(&OpenPoint::ALL[i].up_to);
            }
            i += 1;
        }
        open
    }
}
