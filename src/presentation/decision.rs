//! [`HaloAnswers`] and [`Decision`]: the one path from what HaloPSA answered (the token
//! response, the agent's JSON, its roles' JSON, the calls made) to what Datagate's backend needs
//! to decide: the report, the plan with the customer's steps, the evidence and the probes.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

use crate::common::error::EvidenceError;
use crate::input::{
    grant_from_calls, Call, Evidence, GrantFile, HaloAgent, HaloRole, Probe, TokenResponse,
};
use crate::model::{required_for, Flows, Report};
use crate::presentation::Plan;

/// What HaloPSA answered, gathered for one [`Decision`]: any of the OAuth token response, the
/// agent's JSON (`GET /api/Agent/me`), its roles' JSON (`GET /api/Roles/{id}`), the calls the
/// backend made, and a person's grant file. Each input is named in notes and in the evidence
/// (`the token response`, `HaloPSA's agent JSON`, ...; the `_named` methods choose the name).
///
/// The README's "In the backend" walks through it. The caller reads the JSON with
/// `serde_json` (a dependency of its own); this crate does no IO.
///
/// ```
/// use halopsa_privileges::{Flows, HaloAgent, HaloAnswers, TokenResponse, Verdict, Flow};
///
/// fn main() -> Result<(), Box<dyn std::error::Error>> {
///     let token: TokenResponse = serde_json::from_str(
///         r#"{"access_token": "(opaque)", "token_type": "Bearer", "scope": "read:customers"}"#,
///     )?;
///     let agent: HaloAgent = serde_json::from_str(
///         r#"{"id": 42, "name": "Datagate API", "claims": [{"type": "Ux", "value": "2"}], "roles": []}"#,
///     )?;
///     let decision = HaloAnswers::new()
///         .with_token(token)
///         .with_agent(agent)
///         .decide(Flows::CUSTOMERS_SYNC)?;
///     assert_eq!(decision.report().verdict(Flow::CustomersSync), Verdict::Runs);
///     assert!(decision.probes().is_empty());
///     Ok(())
/// }
/// ```
#[derive(Debug, Clone, Default)]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
pub struct HaloAnswers {
    file: Option<(String, GrantFile)>,
    agent: Option<(String, HaloAgent)>,
    roles: Vec<HaloRole>,
    token: Option<(String, TokenResponse)>,
    calls: Option<(String, Vec<Call>)>,
}

impl HaloAnswers {
    /// Nothing answered yet.
    pub fn new() -> HaloAnswers {
        HaloAnswers::default()
    }

    /// The OAuth token response, named "the token response".
    #[must_use]
    pub fn with_token(self, token: TokenResponse) -> HaloAnswers {
        self.with_token_named("the token response", token)
    }

    /// The OAuth token response, named `name` in notes and evidence.
    #[must_use]
    pub fn with_token_named(
        mut self,
        name: impl Into<String>,
        token: TokenResponse,
    ) -> HaloAnswers {
        self.token = Some((name.into(), token));
        self
    }

    /// The agent's JSON (`GET /api/Agent/me`), named "HaloPSA's agent JSON".
    #[must_use]
    pub fn with_agent(self, agent: HaloAgent) -> HaloAnswers {
        self.with_agent_named("HaloPSA's agent JSON", agent)
    }

    /// The agent's JSON, named `name` in notes and evidence.
    #[must_use]
    pub fn with_agent_named(mut self, name: impl Into<String>, agent: HaloAgent) -> HaloAnswers {
        self.agent = Some((name.into(), agent));
        self
    }

    /// A role's own JSON (`GET /api/Roles/{id}`), added to the agent's role of the same id (or
    /// name) when deciding ([`HaloAgent::with_role`]).
    #[must_use]
    pub fn with_role(mut self, role: HaloRole) -> HaloAnswers {
        self.roles.push(role);
        self
    }

    /// The calls the backend made and what came back, named "the calls".
    #[must_use]
    pub fn with_calls(self, calls: impl IntoIterator<Item = Call>) -> HaloAnswers {
        self.with_calls_named("the calls", calls)
    }

    /// The calls, named `name` in notes and evidence.
    #[must_use]
    pub fn with_calls_named(
        mut self,
        name: impl Into<String>,
        calls: impl IntoIterator<Item = Call>,
    ) -> HaloAnswers {
        self.calls = Some((name.into(), calls.into_iter().collect()));
        self
    }

    /// A person's grant file (from screenshots, say), named "the grant file"; compared with the
    /// agent's JSON role by role ([`GrantFile::combined`]).
    #[must_use]
    pub fn with_grant_file(self, file: GrantFile) -> HaloAnswers {
        self.with_grant_file_named("the grant file", file)
    }

    /// A person's grant file, named `name` in notes and evidence.
    #[must_use]
    pub fn with_grant_file_named(
        mut self,
        name: impl Into<String>,
        file: GrantFile,
    ) -> HaloAnswers {
        self.file = Some((name.into(), file));
        self
    }

    /// Everything answered, combined at once ([`Evidence`]: a disagreement is named and the item
    /// is then unknown), judged for `flows`.
    ///
    /// The token and the calls give the scopes; the agent's JSON (with its roles' JSON) and a
    /// grant file give the agent's settings. With nothing at all, every flow is unverified and
    /// the probes say what to call first.
    ///
    /// # Errors
    ///
    /// A role's JSON for a role the agent's JSON does not list (while it lists its roles), or
    /// a role's JSON without the agent's: [`EvidenceError`], naming the role.
    pub fn decide(&self, flows: impl Into<Flows>) -> Result<Decision, EvidenceError> {
        let mut gathered = Gathered::default();
        let mut file = self.file.clone();
        if let Some((name, grant_file)) = &self.file {
            gathered.evidence.add(name.clone(), grant_file.grant());
        }
        let agent = match &self.agent {
            Some((name, agent)) => {
                let agent = self
                    .roles
                    .iter()
                    .try_fold(agent.clone(), |agent, role| agent.with_role(role.clone()))?;
                file = Some(gathered.add_agent(name, &agent, file));
                Some(agent)
            }
            None => match self.roles.first() {
                Some(role) => return Err(EvidenceError::RoleWithoutAgent(role.name().into())),
                None => None,
            },
        };
        if let Some((name, token)) = &self.token {
            gathered.add_token(name, token);
        }
        let mut calls = Vec::new();
        if let Some((name, made)) = &self.calls {
            for call in made.iter().filter(|call| call.endpoint().is_none()).take(5) {
                gathered.notes.push(format!("{name}: {}", call.explain()));
            }
            let proven = grant_from_calls(made, &gathered.evidence.grant());
            gathered.evidence.add(name.clone(), proven);
            calls.clone_from(made);
        }
        for (first, second, conflict) in gathered.evidence.disagreements() {
            // The grant file and the agent's JSON were compared role by role already.
            let compared = |name: &str| gathered.by_role.iter().any(|named| named == name);
            if !(compared(first) && compared(second)) {
                gathered.notes.push(format!(
                    "sources disagree: {}",
                    conflict.between(first, second)
                ));
            }
        }
        let file = effective(&gathered.evidence, file.map(|(_, file)| file));
        let needed = required_for(flows);
        let grant_notes = grant_notes(&file, &needed);
        let report = needed.evaluate_grant(&file.grant());
        let (probes, more_roles) = crate::input::probe::probes_capped(&report, agent.as_ref());
        if more_roles > 0 {
            gathered.notes.push(format!(
                "{more_roles} more roles have settings that are not known: each role's own JSON \
                 (GET /api/Roles/{{id}}?includedetails=true) would settle them"
            ));
        }
        Ok(Decision {
            report,
            file,
            evidence: gathered.evidence,
            calls,
            probes,
            grant_notes,
            notes: crate::common::text::capped(&gathered.notes),
            not_recognised: crate::common::text::capped(&gathered.not_recognised),
        })
    }
}

/// What the inputs said, gathered.
#[derive(Default)]
struct Gathered {
    evidence: Evidence,
    notes: Vec<String>,
    not_recognised: Vec<String>,
    /// The inputs compared role by role (a grant file and the agent's JSON).
    by_role: Vec<String>,
}

impl Gathered {
    /// Adds the agent's JSON (its roles' JSON already added); combines it with a grant file role
    /// by role when there is one. Returns the grant file to judge, with its name.
    fn add_agent(
        &mut self,
        name: &str,
        agent: &HaloAgent,
        file: Option<(String, GrantFile)>,
    ) -> (String, GrantFile) {
        for line in agent.unrecognised() {
            self.not_recognised.push(format!("{name}: {line}"));
        }
        for line in agent.conflicts() {
            self.notes.push(format!("{name}: sources disagree: {line}"));
        }
        let agent_file = agent.grant_file();
        self.evidence.add(name.to_string(), agent_file.grant());
        match file {
            None => (name.into(), agent_file),
            Some((file_name, grant_file)) => {
                let (both, notes) = grant_file.combined(&file_name, &agent_file, name);
                self.by_role = alloc::vec![file_name.clone(), name.into()];
                self.notes.extend(notes);
                (format!("{file_name} and {name}"), both)
            }
        }
    }

    /// Adds the token response, with notes on how its scopes were read.
    fn add_token(&mut self, name: &str, token: &TokenResponse) {
        if token.scope_from_access_token() {
            self.notes.push(format!(
                "{name} has no `scope` field; the scopes are read from the access token's \
                 `scope` claim (a JWT; its signature is not checked, the token is not shown)"
            ));
        } else if !token.has_scope() {
            self.notes.push(format!(
                "{name} has no `scope` field (RFC 6749 lets a server leave it out when it equals \
                 the requested scope), and {}: the scopes are not known",
                token.access_token()
            ));
        }
        for conflict in token.conflicts() {
            self.notes
                .push(format!("{name}: sources disagree: {conflict}"));
        }
        for scope in token.unrecognised() {
            self.not_recognised.push(format!("{name}: scope `{scope}`"));
        }
        self.evidence.add(name.to_string(), token.grant());
    }
}

/// The grant file to judge: the combined evidence's scopes with the file's agent and roles
/// (joined again from their sources), or the combined grant itself when flat.
fn effective(evidence: &Evidence, file: Option<GrantFile>) -> GrantFile {
    let grant = evidence.grant();
    let Some(file) = file else {
        return GrantFile::flat(grant);
    };
    let combined = if file.sources().is_empty() {
        GrantFile::flat(grant)
    } else {
        GrantFile::from_source_grants(grant, file.sources().to_vec())
            .with_roles_known(file.roles_known())
    }
    .with_not_modeled(file.not_modeled().to_vec());
    match file.notes() {
        Some(notes) => combined.with_notes(notes),
        None => combined,
    }
}

/// What the grant's own shape leaves open for `needed`: roles not listed, restrictions that
/// the flows need (or leave open) combined.
fn grant_notes(file: &GrantFile, needed: &crate::model::Requirements) -> Vec<String> {
    let mut notes = Vec::new();
    if !file.roles_known() {
        notes.push(
            "the agent's roles are not listed, so what the agent's own settings give is only a \
             lower bound: a role nobody listed could raise any level (HaloPSA applies the \
             highest of the agent and all its roles)"
                .to_string(),
        );
    }
    let concerned = needed.privileges().flags() | needed.open().flags();
    let combined = file.restrictions_combined() & concerned;
    if !combined.is_empty() {
        let names: Vec<&str> = combined.iter().filter_map(|flag| flag.label()).collect();
        notes.push(format!(
            "\"{}\": not known to be set alike on the agent and every role (some differ, or \
             do not say), and HaloPSA does not document how restrictions combine across roles, \
             so the effective setting is not known (the same value on the agent and every role \
             settles it)",
            names.join("\", \"")
        ));
    }
    notes
}

/// What the backend decides with: the [`Report`], the [`Plan`] with the customer's steps, the
/// [`Evidence`] (who said what), the [`Probe`]s that would settle what is still unknown, and
/// notes on how the inputs were read. From [`HaloAnswers::decide`].
///
/// `Display` is the text a support engineer reads (the plan, then the probes); with the
/// `serde` feature it is written as JSON: the report's fields (with each step placed), then
/// `calls`, `evidence`, `probes`, `notes` and `not_recognised`.
#[derive(Debug, Clone)]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
pub struct Decision {
    report: Report,
    file: GrantFile,
    evidence: Evidence,
    calls: Vec<Call>,
    probes: Vec<Probe>,
    grant_notes: Vec<String>,
    notes: Vec<String>,
    not_recognised: Vec<String>,
}

impl Decision {
    /// The report: which flows run, are blocked or cannot be verified, and why.
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// The plan: the report's steps placed on the agent and its roles (never editing a role
    /// shared with people).
    pub fn plan(&self) -> Plan<'_> {
        Plan::new(self.report, Some(&self.file))
    }

    /// The grant judged, with the agent and its roles as sources.
    pub fn grant_file(&self) -> &GrantFile {
        &self.file
    }

    /// Every observation by its source, and where two disagree.
    pub fn evidence(&self) -> &Evidence {
        &self.evidence
    }

    /// The calls the backend made, as given.
    pub fn calls(&self) -> &[Call] {
        &self.calls
    }

    /// The read-only calls that would settle what is still unknown ([`probes`](crate::probes));
    /// at most [`MAX_LINES`](crate::MAX_LINES) role probes (a note counts the rest).
    pub fn probes(&self) -> &[Probe] {
        &self.probes
    }

    /// How the inputs were read and what their shape leaves open (roles not listed, sources that
    /// disagree, a token whose scopes cannot be read), one sentence each; at most
    /// [`MAX_LINES`](crate::MAX_LINES) of them, then one that counts the rest.
    pub fn notes(&self) -> impl Iterator<Item = &str> {
        self.grant_notes
            .iter()
            .chain(&self.notes)
            .map(String::as_str)
    }

    /// What an input held that the crate could not read (claims, scope names), one line each
    /// naming the input: a line that came several times once with its count (`(×3)`), at most
    /// [`MAX_LINES`](crate::MAX_LINES) lines, then one that counts the rest.
    pub fn not_recognised(&self) -> &[String] {
        &self.not_recognised
    }
}

impl fmt::Display for Decision {
    /// What the grant's shape leaves open, the plan's text report, then the probes.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for note in &self.grant_notes {
            writeln!(f, "Note: {note}.")?;
        }
        if !self.grant_notes.is_empty() {
            f.write_str("\n")?;
        }
        write!(f, "{}", self.plan())?;
        write_probes(f, &self.probes)
    }
}

/// The probes as a list, each with what its answers would tell.
pub(crate) fn write_probes(f: &mut fmt::Formatter<'_>, probes: &[Probe]) -> fmt::Result {
    for (i, probe) in probes.iter().enumerate() {
        if i == 0 {
            f.write_str(
                "\nTo settle what is not known, Datagate can make these read-only calls and \
                 give the answers back:\n",
            )?;
        }
        writeln!(
            f,
            "  - {} {}: {}",
            probe.method(),
            probe.path(),
            crate::input::probe::Settled(probe)
        )?;
        writeln!(f, "      success: {}", probe.if_success())?;
        writeln!(f, "      401 or 403: {}", probe.if_refused())?;
        if let Some(empty) = probe.if_empty() {
            writeln!(f, "      empty list: {empty}")?;
        }
    }
    Ok(())
}
