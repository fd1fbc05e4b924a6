//! [`Screen`]: where a [`Step`] is done, as data (what to set there is in `control.rs`).
//!
//! Every menu path is written once, here; the text of steps, the text report and the rendered
//! documents all print these values.

use core::fmt;

use crate::model::{Layer, Step};

/// The product a screen belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Product {
    /// HaloPSA.
    HaloPsa,
    /// Datagate.
    Datagate,
}

impl Product {
    /// The kebab-case id, as written in JSON: `halopsa`, `datagate`.
    pub const fn id(self) -> &'static str {
        match self {
            Product::HaloPsa => "halopsa",
            Product::Datagate => "datagate",
        }
    }

    /// The product's name: `HaloPSA`, `Datagate`.
    pub const fn name(self) -> &'static str {
        match self {
            Product::HaloPsa => "HaloPSA",
            Product::Datagate => "Datagate",
        }
    }
}

/// The record to open on a screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Record<'a> {
    /// The HaloPSA API application Datagate connects with.
    Application,
    /// The agent Datagate logs in as, by name when known.
    Agent(Option<&'a str>),
    /// A role of that agent, by name.
    Role(&'a str),
    /// The agent or whichever of its roles grants the setting (the grant does not say which).
    AgentOrRole,
    /// No record: the screen is the page itself.
    Page,
}

impl Record<'_> {
    /// The kebab-case id of the kind of record, as written in JSON: `application`, `agent`,
    /// `role`, `agent-or-role`, `page`.
    pub const fn id(&self) -> &'static str {
        match self {
            Record::Application => "application",
            Record::Agent(_) => "agent",
            Record::Role(_) => "role",
            Record::AgentOrRole => "agent-or-role",
            Record::Page => "page",
        }
    }

    /// The record's name, when known.
    pub const fn name(&self) -> Option<&str> {
        match *self {
            Record::Agent(name) => name,
            Record::Role(name) => Some(name),
            _ => None,
        }
    }
}

impl fmt::Display for Record<'_> {
    /// In words: `the Datagate application`, `the agent "Datagate API"`, `role "Finance"`, ...
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Record::Application => f.write_str("the Datagate application"),
            Record::Agent(Some(name)) => write!(f, "the agent {}", Quoted(name)),
            Record::Agent(None) => f.write_str("the Datagate agent"),
            Record::Role(name) => write!(f, "role {}", Quoted(name)),
            Record::AgentOrRole => {
                f.write_str("Agents > the Datagate agent, or Roles > the role that grants it")
            }
            Record::Page => Ok(()),
        }
    }
}

/// A name from people's input, in quotes, with control characters escaped.
struct Quoted<'a>(&'a str);

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{}\"", crate::common::text::Escaped(self.0))
    }
}

/// The menu path to the API applications.
const APPLICATIONS: &[&str] = &[
    "Configuration",
    "Integrations",
    "HaloPSA API",
    "View Applications",
];
/// The menu path to the agents.
const AGENTS: &[&str] = &["Configuration", "Teams and Agents", "Agents"];
/// The menu path to the roles.
const ROLES: &[&str] = &["Configuration", "Teams and Agents", "Roles"];
/// The menu path to agents and roles alike.
const TEAMS: &[&str] = &["Configuration", "Teams and Agents"];
/// Datagate's page for the HaloPSA integration.
const DATAGATE: &[&str] = &["Settings", "Integrations", "HaloPSA"];

/// Where a step is done: a product, a menu path, the record to open, and a tab.
///
/// `Display` writes it as one line: `HaloPSA: Configuration > Teams and Agents > Roles > role
/// "Finance" > Permissions`.
///
/// ```
/// use halopsa_privileges::{Layer, Product, Record, Screen};
///
/// let screen = Layer::Application.screen();
/// assert_eq!(screen.product(), Product::HaloPsa);
/// assert_eq!(screen.path(), ["Configuration", "Integrations", "HaloPSA API", "View Applications"]);
/// assert_eq!(screen.record(), Record::Application);
/// assert_eq!(screen.tab(), Some("Permissions"));
/// assert_eq!(Screen::role("Finance").to_string(),
///            "HaloPSA: Configuration > Teams and Agents > Roles > role \"Finance\" > Permissions");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Screen<'a> {
    product: Product,
    path: &'static [&'static str],
    record: Record<'a>,
    tab: Option<&'static str>,
}

impl<'a> Screen<'a> {
    /// The API application's Permissions tab.
    pub const fn application() -> Screen<'static> {
        Screen {
            product: Product::HaloPsa,
            path: APPLICATIONS,
            record: Record::Application,
            tab: Some("Permissions"),
        }
    }

    /// The agent's Permissions tab (by name when known).
    pub const fn agent(name: Option<&'a str>) -> Screen<'a> {
        Screen {
            product: Product::HaloPsa,
            path: AGENTS,
            record: Record::Agent(name),
            tab: Some("Permissions"),
        }
    }

    /// A role's Permissions tab.
    pub const fn role(name: &'a str) -> Screen<'a> {
        Screen {
            product: Product::HaloPsa,
            path: ROLES,
            record: Record::Role(name),
            tab: Some("Permissions"),
        }
    }

    /// A role's first tab, where its name and "Agents that have this Role" are.
    pub const fn role_details(name: &'a str) -> Screen<'a> {
        Screen {
            product: Product::HaloPsa,
            path: ROLES,
            record: Record::Role(name),
            tab: None,
        }
    }

    /// The list of roles, where "New" creates one.
    pub const fn roles() -> Screen<'static> {
        Screen {
            product: Product::HaloPsa,
            path: ROLES,
            record: Record::Page,
            tab: None,
        }
    }

    /// The Permissions tab of the agent or of the role that grants the setting.
    pub const fn agent_or_role() -> Screen<'static> {
        Screen {
            product: Product::HaloPsa,
            path: TEAMS,
            record: Record::AgentOrRole,
            tab: Some("Permissions"),
        }
    }

    /// Datagate's HaloPSA integration page.
    pub const fn datagate() -> Screen<'static> {
        Screen {
            product: Product::Datagate,
            path: DATAGATE,
            record: Record::Page,
            tab: None,
        }
    }

    /// The product.
    pub const fn product(&self) -> Product {
        self.product
    }

    /// The menu path, one segment each.
    pub const fn path(&self) -> &'static [&'static str] {
        self.path
    }

    /// The record to open.
    pub const fn record(&self) -> Record<'a> {
        self.record
    }

    /// The tab of the record, if any.
    pub const fn tab(&self) -> Option<&'static str> {
        self.tab
    }

    /// The screen without its product name: `Configuration > ... > Permissions`.
    pub const fn location(&self) -> Location<'_, 'a> {
        Location(self)
    }
}

/// A screen's path, record and tab, from [`Screen::location`].
#[derive(Debug, Clone, Copy)]
pub struct Location<'s, 'a>(&'s Screen<'a>);

impl fmt::Display for Location<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let screen = self.0;
        for (i, segment) in screen.path.iter().enumerate() {
            write!(f, "{}{segment}", if i == 0 { "" } else { " > " })?;
        }
        if screen.record != Record::Page {
            write!(f, " > {}", screen.record)?;
        }
        if let Some(tab) = screen.tab {
            write!(f, " > {tab}")?;
        }
        Ok(())
    }
}

impl fmt::Display for Screen<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.product.name(), self.location())
    }
}

impl Layer {
    /// The screen where changes of this layer are made: for the agent layer, the agent or the
    /// role that grants the setting (a [`GrantFile`](crate::GrantFile) with sources can say
    /// which).
    pub const fn screen(self) -> Screen<'static> {
        match self {
            Layer::Application => Screen::application(),
            Layer::Agent => Screen::agent_or_role(),
            Layer::Datagate => Screen::datagate(),
        }
    }
}

impl Step {
    /// Where the step is done, without knowledge of the agent's roles: for agent-level steps,
    /// the agent or the role that grants the setting. See
    /// [`GrantFile::screens`](crate::GrantFile::screens) for the exact records.
    pub const fn screen(&self) -> Screen<'static> {
        match self {
            Step::CreateRole => Screen::roles(),
            _ => self.layer().screen(),
        }
    }
}
