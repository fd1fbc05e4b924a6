//! The HaloPSA privileges that Datagate's integration flows need, as typed, tested rules.
//!
//! Datagate logs in to HaloPSA's API as an agent. A call goes through only when two layers of
//! HaloPSA privilege allow it: the API application's OAuth [`Scopes`] and the agent's
//! [`AccessLevel`] in each [`Area`] (plus a few yes/no [`AgentFlags`]). This crate encodes
//! Datagate's support article "HaloPSA Privileges" once, in a rules table, and answers:
//!
//! - which exact privileges a set of [`Flows`] needs: [`required_for`], least privilege merged
//!   across flows;
//! - what a customer's grant lets run, what it lacks, what it holds beyond need and what to click
//!   to fix it: [`Requirements::evaluate`] and its [`Report`];
//! - the same when the grant is known only in part (right after the OAuth token exchange, the
//!   backend knows the scopes but not the agent's levels; a role's level may be known only to
//!   be "at least Read"): [`Requirements::evaluate_grant`] with a [`Grant`] of bounds, where
//!   each flow runs, is blocked, or cannot be verified from what is known ([`Verdict`]). An
//!   answer is never surer than its source (nothing unknown, and nothing only an unconfirmed
//!   HaloPSA behaviour could cover, is reported missing) and never less sure than the facts it
//!   was given (a proven bound is kept through the join of the agent and its roles).
//!
//! ```
//! use halopsa_privileges::{required_for, AccessLevel, Area, Flow, Flows, ParseError, Privileges};
//!
//! fn main() -> Result<(), ParseError> {
//!     // What does invoice export need?
//!     let needed = required_for(Flow::InvoiceExportMultiline);
//!     assert_eq!(needed.privileges().scopes().to_string(),
//!                "read:customers read:items read:invoices edit:invoices");
//!
//!     // What the customer granted: the token's scope string and the agent's levels.
//!     let granted = Privileges::none()
//!         .with_scopes("openid read:customers read:items read:invoices".parse()?)
//!         .with_level(Area::Clients, AccessLevel::Read)
//!         .with_level(Area::Items, AccessLevel::Read)
//!         .with_level(Area::Invoices, AccessLevel::Read);
//!
//!     let report = needed.evaluate(&granted);
//!     assert_eq!(report.blocked(), Flows::INVOICE_EXPORT_MULTILINE);
//!     for finding in report.missing() {
//!         println!("missing: {finding}");
//!     }
//!     for (i, step) in report.remediation().enumerate() {
//!         println!("{}. {step}", i + 1);
//!     }
//!     Ok(())
//! }
//! ```
//!
//! # Partial knowledge, as bounds
//!
//! What is known of each area's level is a range ([`LevelBounds`]: at least one level, at most
//! another); each scope and setting is granted, not granted or unknown. A [`Grant`] holds both
//! bounds; [`Known`] (0.2.0's model: each part exact or unknown) still works through
//! [`Requirements::evaluate_partial`].
//!
//! ```
//! use halopsa_privileges::{required_for, AccessLevel, Area, Flow, Grant, LevelBounds, Verdict};
//!
//! // The token proved `read:customers`; the agent is at Read; a role's level is not known.
//! let (token, _) = Grant::from_token_scope("read:customers");
//! let agent = Grant::unknown().with_level(Area::Clients, LevelBounds::exact(AccessLevel::Read));
//! let grant = token.meet_layers(&agent.join(&Grant::unknown()));
//! let report = required_for(Flow::CustomersSync).evaluate_grant(&grant);
//! assert_eq!(report.verdict(Flow::CustomersSync), Verdict::Runs); // at least Read
//! ```
//!
//! ```
//! use halopsa_privileges::{required_for, Flow, Flows, Grant, Verdict};
//!
//! // A token's `scope` field: the application's scopes, nothing of the agent.
//! let (grant, unrecognised) = Grant::from_token_scope("openid read:customers read:widgets");
//! assert_eq!(unrecognised, ["read:widgets"]);
//! let report = required_for(Flows::all()).evaluate_partial(grant.privileges(), grant.known());
//! assert_eq!(report.verdict(Flow::CustomersSync), Verdict::Unverified);
//! assert_eq!(report.verdict(Flow::ProductsSync), Verdict::Blocked);
//! assert!(report.to_verify().any(|item| item.to_string().starts_with("Clients Access Level")));
//! ```
//!
//! # What the article leaves open
//!
//! Three points of the article are open ([`OpenPoint::ALL`], beside the rules, each quoting the
//! article): "Client Restrictions" has no verdict; Products sync asks for `read:assets` but
//! states no Assets level; and the agent section's heading "Products / Service Items sync". An
//! open item is never required and never excess, and no step lowers or disables it. Every
//! answer names the open points that concern its flows, granted or not
//! ([`Report::open_points`], [`Report::open`] with the grant's state).
//!
//! # Grant files
//!
//! People write grants from screenshots of HaloPSA. A [`GrantFile`] (with the `serde`
//! feature, from JSON) keeps the agent and its roles as [`Source`]s and joins them into the
//! effective [`Grant`], as HaloPSA does; labels match ignoring case, punctuation and spacing,
//! and a near miss gets a suggestion. Every line the crate prints for an item parses back as an
//! [`Item`]. The README's "Writing a grant file" has a full example.
//!
//! # What is assumed about HaloPSA
//!
//! Every behaviour the article does not state is an [`Assumption`] in a table beside the rules
//! ([`Assumption::ALL`]), each with its source:
//!
//! - Relied on: a scope is proven by itself or by `all` ([`Scopes::ALL`]).
//! - Not confirmed: `edit:X` may cover `read:X`; `all:standard` may cover the standard scopes;
//!   `admin` and "Is a Halo Administrator" may cover everything. Where one of these could cover
//!   a need, the item is unknown, never missing: the flow is unverified, [`Report::to_verify`]
//!   names the item, [`Report::assumptions`] says why, and the remediation ticks or raises the
//!   item itself. Held, these scopes and the setting are always excess.
//! - With several roles, HaloPSA applies the highest level per area: [`Grant::join`] (or
//!   [`Privileges::join`] when all is known) gives the effective grant.
//! - After any change, press "Test Account Access" in Datagate (Settings > Integrations >
//!   HaloPSA) to refresh the token; every non-empty remediation ends with that step.
//!
//! # Where to click
//!
//! Each [`Step`] says where it is done and what to set, as data: [`Step::screen`] (product,
//! menu path, record, tab) and [`Step::control`] (the control's label as HaloPSA shows it, its
//! kind, the value). A [`Plan`] places the steps on the agent and the roles of a [`GrantFile`],
//! and never edits a role shared with people: it raises on Datagate's own role (named or marked
//! so, see [`Source::is_dedicated`]; else on the agent made for Datagate; else it first creates
//! the article's [`DATAGATE_ROLE`]), lowers on the agent and Datagate's role, and takes a shared
//! role that holds an excess off the agent ([`Step::RemoveRole`]) after moving what only that
//! role gave.
//!
//! # Evidence from HaloPSA itself
//!
//! Datagate's backend cannot ask a person for the agent's settings, but HaloPSA tells it much
//! (the README's "What the backend knows after the token exchange" walks through it):
//!
//! - `TokenResponse` (the `serde` feature): the token response's `scope` field, or without
//!   one, its JWT access token's `scope` claim (the `jwt` feature; the payload is decoded, the
//!   signature is not checked, the token is never shown); with both, they are compared.
//! - `HaloAgent` and `HaloRole` (the `serde` feature): the JSON of `GET /api/Agent/me` and `GET /api/Roles/{id}`,
//!   read through a table of HaloPSA's claim codes with its public sources; a claim the table
//!   does not settle is a bound or unknown, never a guess.
//! - [`Call`]: the calls the backend made and what came back, through an [`Endpoint`] table: a
//!   success proves the call's scope ([`grant_from_calls`]); a refusal only makes it suspect;
//!   [`Call::explain`] says what to do in one sentence.
//! - [`Evidence`]: every observation named by its source, combined at once; a disagreement is
//!   named with both sources ([`Conflict`]) and the item is then unknown. [`GrantFile::combined`]
//!   compares a person's grant file with HaloPSA's JSON role by role.
//! - `HaloAnswers` (the `serde` feature): the one path for the backend. Give it what HaloPSA
//!   answered (token response, agent JSON, role JSONs, calls) and `decide(flows)` returns a
//!   `Decision`: the report, the plan with the customer's steps, the evidence, and the
//!   `probes`: the read-only calls that would settle what is still unknown, each with what a
//!   success, a refusal and an empty list would tell. The README's "In the backend" has it
//!   whole.
//!
//! HaloPSA's JSON is read as its published API description allows: every property may be
//! `null` or absent, a role's id is a string (a GUID), and an agent JSON without a `roles` list
//! leaves the roles unknown (its own settings are then lower bounds only). How the "Allow use of
//! all ..." restrictions combine across roles is not documented: a joined restriction is known
//! only where the agent and every role agree ([`Assumption::ALL`], `restrictions-across-roles`).
//! An encrypted (JWE) or opaque access token leaves the scopes to the `scope` field
//! ([`AccessToken`]).
//!
//! ```
//! use halopsa_privileges::{grant_from_calls, required_for, Call, Evidence, Flow, Grant, Method, Verdict};
//!
//! let (token, _) = Grant::from_token_scope("read:customers read:items");
//! let calls = [Call::new(Method::Get, "/api/Client", 200)];
//! let evidence = Evidence::new()
//!     .with("the token", token)
//!     .with("the calls", grant_from_calls(&calls, &token));
//! assert!(evidence.conflicts().is_empty());
//! let report = required_for(Flow::CustomersSync).evaluate_grant(&evidence.grant());
//! // The scope is proven; the agent's Clients level is not known yet.
//! assert_eq!(report.verdict(Flow::CustomersSync), Verdict::Unverified);
//! ```
//!
//! # Documentation from the rules
//!
//! The [`render`] module prints the whole support article, and setup steps for any set of
//! flows, as Markdown from the same rules, in two copies: for customers
//! ([`render::customer_article_markdown`]: the article's words in its order, the additions as
//! ordinary content where they belong, the open points as the customer's choices) and for
//! reviewers ([`render::article_markdown`]: every addition
//! marked "Not in the article", every deliberate difference listed with its reason in
//! [`render::DIFFERENCES`]).
//!
//! # JSON
//!
//! With the `serde` feature, a grant ([`Privileges`], or [`Grant`] where parts may be
//! `"unknown"` or bounded) reads from and writes to
//!
//! ```json
//! { "scopes": "read:customers read:items",
//!   "access": { "clients": "read", "invoices": "Read, Create, Modify and Delete" },
//!   "flags": ["all-asset-types"] }
//! ```
//!
//! (`scopes` may also be an array; levels accept ids and HaloPSA's labels and are written as
//! ids; `flags` may be an object of flag to Yes/No; unknown fields and values are errors naming
//! them). Read as a [`Grant`] (what people write), a left-out `scopes`, `access` or `flags` is
//! unknown, `"unknown"` may stand for any part, one area's level or one flag's value, and a
//! level may be `"at least read"`, `"at most read-modify"` or both; inside a written `access`
//! object an area left out is at No Access. Read as [`Privileges`], a left-out part is none.
//!
//! A [`Report`] is written with its `rules`, `flows`, `satisfied`, `least_privilege`,
//! `runnable`, `blocked`, `unverified`, `missing`, `excess`, `may_exceed`, `to_verify`,
//! `assumptions`, `open` (each item with the grant's `state` and its `points`), `open_points`,
//! `remediation` (each step with its `text`), `granted` and `required`. Reading one back takes
//! only its inputs, `flows` and `granted`, and re-evaluates them under the current rules;
//! every other field is derived, accepted and ignored, so a report stored by any version reads
//! back.
//!
//! # Features
//!
//! - `std` (default): implements the standard library's `Error` trait through `std`. Without it
//!   the crate is `#![no_std]` and needs only `alloc` (for error payloads and
//!   [`Scopes::parse_lenient`]).
//! - `serde` (default): `Serialize` and `Deserialize` for the public types, in the JSON forms
//!   above, and the readers of HaloPSA's JSON (`TokenResponse`, `HaloAgent`, `HaloRole`, and [`Call`]'s).
//! - `jwt` (default; implies `serde`, adds `base64` and `serde_json`): a token response's JWT
//!   access token is read for its `scope` claim.
#![cfg_attr(not(feature = "std"), no_std)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]
#![warn(missing_docs, missing_debug_implementations)]

extern crate alloc;

// The three layers of DESIGN.md section 6, each a module and a folder under src/: the model
// (rules, lattice, evaluate, report), input (people's and systems' forms) and presentation
// (screens, text, JSON, documents), each using only the ones before it; `common` sits beneath
// them. The public API is flat, re-exported here.
mod common;
mod input;
mod model;
mod presentation;

pub use crate::common::{
    is_hidden, EvidenceError, ParseError, MAX_LINES, MAX_NAME_CHARS, MAX_NOTE_CHARS,
};
pub use crate::input::{
    combine, grant_from_calls, AccessToken, Call, Conflict, Endpoint, Evidence, GrantFile, Method,
    Said, Saying, Source,
};
#[cfg(feature = "serde")]
pub use crate::input::{probes, HaloAgent, HaloRole, Probe, Settles, TokenResponse};
pub use crate::model::{
    required_for, AccessLevel, Action, AgentFlags, Area, Assumption, Finding, Findings, Flow,
    Flows, Grant, Item, Known, Layer, LevelBounds, OpenPoint, Privileges, Remediation, Report,
    Requirements, Scopes, Step, Titles, Verdict, DATAGATE_ROLE, RULES_REVISION,
};
pub use crate::presentation::render;
pub use crate::presentation::{
    Control, ControlKind, Dependence, Label, Location, Plan, PlannedStep, PlannedSteps, Product,
    Record, Screen, StepText, Value,
};
#[cfg(feature = "serde")]
pub use crate::presentation::{Decision, HaloAnswers};

/// The README's examples, compiled and run as doc tests.
#[cfg(all(doctest, feature = "std"))]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
