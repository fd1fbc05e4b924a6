//! Audit a HaloPSA grant against Datagate's flows.
//!
//! ```text
//! cargo run --example audit                      # demonstration: requirements, then a report
//! cargo run --example audit -- GRANT.json [--flows customers-sync,invoice-export-multiline] [--json] [--strict]
//! cargo run --example audit -- --token-response TOKEN.json [--flows ...] [--json] [--strict]
//! ```
//!
//! With a path, reads a grant file (a `Grant`: `Privileges` JSON where any part may be
//! `"unknown"`), checks it against the flows (all five by default) and prints the report
//! (`--json`: the JSON report). With `--token-response`, reads an OAuth token response and checks
//! what its `scope` field proves (the agent's levels and flags stay unknown); scope names the
//! crate does not recognise are noted on stderr. The exit codes are in `USAGE` below.

//! `halopsa-privileges audit`: a grant, HaloPSA's answers or both, checked against Datagate's
//! flows (the library's one path, `HaloAnswers::decide`), as text, JSON or an HTML page, with
//! exit codes.

pub mod html;
mod input;

use input::{decide, Input};

use std::ffi::OsString;
use std::io::{self, Write};
use std::process::ExitCode;

use clap::Args;
use halopsa_privileges::{required_for, Assumption, Call, Flows, GrantFile, Privileges, Report};

/// The demonstration's grant: realistic and slightly wrong (no `edit:invoices`, Invoices only at
/// Read, and `edit:customers` granted beyond need).
const SAMPLE: &str = include_str!("../../../examples/grants/sample-blocked.json");

/// What `audit --help` adds after the options: what the inputs say, and the exit codes.
pub const AFTER_HELP: &str =
    "With no input, prints the requirements of all five flows and a report on a sample grant
(exit 0: it is a demonstration; the same grant as a file, examples/grants/sample-blocked.json,
exits 1 because a flow is blocked).

Every input given is combined (a grant file and --halo-agent role by role, by name, case and
spacing ignored): where two disagree, neither is taken and a note names both; the JSON report's
`evidence` says which input said what of each item, and `probes` the read-only calls that would
settle what is still unknown (in the text and HTML too). A token's scopes come from its `scope`
field, or without one from a JWT access token's `scope` claim (its signature is not checked; an
encrypted or opaque token leaves them unknown); the token is never shown. Without `roles`
(left out or null) in the agent's JSON, the agent's roles are not known and its own settings
are lower bounds only; \"roles\": [] says it has none.

Exit codes:
  0  every checked flow is proven to run (with --strict: and nothing is granted beyond need)
  1  a flow is blocked (with --strict: or something is granted beyond need)
  2  bad input: an unreadable or invalid file, or bad arguments (the error on stderr)
  3  nothing is blocked, but some flow cannot be verified from what is known

Flow ids: customers-sync, products-sync, service-items-sync, invoice-export-multiline,
invoice-export-charges.

What a grant file says:
  Only what is written is known. A left-out `scopes`, `access` or `flags` key is unknown (and
  so is a left-out `agent` beside `roles`). A left-out `roles` beside `agent` means the roles
  are not known: a role nobody listed could raise any level, so the agent's own settings are
  lower bounds only; write \"roles\": [] for an agent without roles. Inside a written
  `access` object an area left out is at No Access, and inside a written `flags` list or object
  a setting left out is No: HaloPSA shows each on one screen. A level may be exact (\"Read\"),
  \"unknown\", or a bound: \"at least Read\", \"at most Read and Modify\", \"at least Read, at
  most Read and Modify\". HaloPSA applies the highest level of the agent and its roles, so an
  agent at Read with a role whose level is unknown is at least Read. How the \"Allow use of all
  ...\" restrictions combine across the agent and its roles is not documented: one is known only
  where all agree.

What a pasted file cannot do: names are cut at 100 characters, lists at 20 lines, nesting at 128
levels, secrets in call paths are dropped, hidden characters are shown escaped.";

/// What the crate does not take for granted about HaloPSA (from the rules' own table, so that
/// help and rules cannot drift): appended to `audit --help`.
pub fn assumptions_help() -> String {
    let mut out = String::from(
        "Not taken for granted about HaloPSA (an item only these could cover is reported as \
         unverified, never missing):\n",
    );
    for assumption in Assumption::ALL.iter().filter(|a| !a.is_relied_on()) {
        out += &format!("  - {}\n", assumption.title());
    }
    out += "Relied on:\n";
    for assumption in Assumption::ALL.iter().filter(|a| a.is_relied_on()) {
        out += &format!("  - {}\n", assumption.title());
    }
    out
}

/// The arguments of `audit`.
#[derive(Debug, Args)]
pub struct AuditArgs {
    /// A grant file (JSON; `-` for standard input); after `--`, a name that starts with `-`
    #[arg(value_name = "GRANT.json")]
    grant: Option<OsString>,
    /// An OAuth token response (e.g. examples/tokens/jwt-scope.json)
    #[arg(long, value_name = "FILE")]
    token_response: Option<OsString>,
    /// The JSON of HaloPSA's GET /api/Agent/me: the agent's claims, is_admin, restriction lists
    /// and roles (e.g. examples/halo/agent-me.json)
    #[arg(long, value_name = "FILE")]
    halo_agent: Option<OsString>,
    /// The JSON of GET /api/Roles/{id} for a role of that agent (e.g.
    /// examples/halo/role-service-desk.json); may be given more than once
    #[arg(long, value_name = "FILE", requires = "halo_agent")]
    halo_role: Vec<OsString>,
    /// A JSON list of calls the backend made and what came back, each {"method", "path",
    /// "status", "empty" (optional)} (e.g. examples/halo/calls.json)
    #[arg(long, value_name = "FILE")]
    calls: Option<OsString>,
    /// The flows to check (default: all); `all` is every flow
    #[arg(long, value_name = "ID,ID,...", value_parser = crate::parse_flows)]
    flows: Option<Flows>,
    /// Print the report as JSON
    #[arg(long, conflicts_with = "html")]
    json: bool,
    /// Print the report as a self-contained HTML page
    #[arg(long)]
    html: bool,
    /// Also fail (exit 1) when anything is granted beyond need
    #[arg(long)]
    strict: bool,
    /// Read at most N bytes of each input (default 16 MiB); a larger input is bad input
    #[arg(long, value_name = "N")]
    max_bytes: Option<u64>,
}

/// A path given as the OS gave it: one that is not UTF-8 is bad input, said so.
fn path(arg: &OsString) -> Result<String, String> {
    arg.clone().into_string().map_err(|bad| {
        format!(
            "the argument `{}` is not valid UTF-8",
            shown(&bad.to_string_lossy())
        )
    })
}

/// Runs `audit`: the exit code as documented in [`AFTER_HELP`].
pub fn run(args: AuditArgs) -> ExitCode {
    let input = match gather_paths(&args) {
        Ok(input) => input,
        Err(message) => {
            warn(&format!("error: {message}"));
            return ExitCode::from(2);
        }
    };
    if input.is_empty() {
        if args.json || args.html || args.strict || args.flows.is_some() {
            warn(
                "error: `--flows`, `--json`, `--html` and `--strict` need a grant file, a token \
                 response, the agent's JSON or calls",
            );
            return ExitCode::from(2);
        }
        return demonstrate();
    }
    let flows = args.flows.unwrap_or(Flows::all());
    let format = match (args.json, args.html) {
        (true, _) => Format::Json,
        (_, true) => Format::Html,
        _ => Format::Text,
    };
    let limit = args.max_bytes.unwrap_or(MAX_BYTES);
    match check(&input, flows, format, args.strict, limit) {
        Ok((text, code)) => print(&text, code),
        Err(message) => {
            warn(&format!("error: {message}"));
            ExitCode::from(2)
        }
    }
}

/// The inputs' paths, as UTF-8.
fn gather_paths(args: &AuditArgs) -> Result<Input, String> {
    let one = |arg: &Option<OsString>| arg.as_ref().map(path).transpose();
    Ok(Input {
        grant: one(&args.grant)?,
        token: one(&args.token_response)?,
        agent: one(&args.halo_agent)?,
        roles: args.halo_role.iter().map(path).collect::<Result<_, _>>()?,
        calls: one(&args.calls)?,
    })
}

/// Writes `text` to standard output and returns `code`. A reader that went away (`| head`)
/// ends the program quietly with the same code; any other write error is reported.
fn print(text: &str, code: ExitCode) -> ExitCode {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => code,
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => code,
        Err(err) => {
            warn(&format!("error: cannot write the report: {err}"));
            ExitCode::from(2)
        }
    }
}

/// Writes a line to standard error; a closed standard error is not a reason to fail (or to
/// panic, as `eprintln!` does).
fn warn(line: &str) {
    let _ = writeln!(io::stderr(), "{line}");
}

/// The largest input read by default: 16 MiB (a grant file is a few kilobytes; `--max-bytes`
/// raises it).
const MAX_BYTES: u64 = 16 * 1024 * 1024;

/// The output with no raw control character (but newline and tab), DEL, C1 control, bidi or
/// zero-width character: a terminal that prints it, or a browser that shows it, shows what the
/// file said, not what those characters do. In JSON (where they can only stand inside strings)
/// they become `\uXXXX` escapes; elsewhere the visible text `\u{..}`.
fn visible(out: &str, json: bool) -> String {
    let hidden = |c: char| c != '\n' && c != '\t' && hidden(c);
    if !out.contains(hidden) {
        return out.to_string();
    }
    let mut clean = String::with_capacity(out.len());
    for c in out.chars() {
        match (hidden(c), json) {
            (false, _) => clean.push(c),
            // JSON escapes UTF-16 code units: a character beyond U+FFFF is two of them.
            (true, true) => {
                for unit in c.encode_utf16(&mut [0; 2]) {
                    clean.push_str(&format!("\\u{unit:04x}"));
                }
            }
            (true, false) => clean.extend(c.escape_unicode()),
        }
    }
    clean
}

/// Whether `c` changes what a terminal or a browser shows without showing itself: the library's
/// one table (control characters, line and paragraph separators, Unicode's Bidi_Control and
/// Default_Ignorable_Code_Point sets).
fn hidden(c: char) -> bool {
    halopsa_privileges::is_hidden(c)
}

/// Text from people's input (or from a parser's message about it) made safe to print: control,
/// bidi and zero-width characters escaped, and cut after 300 characters.
fn shown(text: &str) -> String {
    const MAX: usize = 300;
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == MAX {
            out.push_str("… (cut)");
            break;
        }
        if hidden(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

/// Prints the requirements of all five flows, then a report on the sample grant.
fn demonstrate() -> ExitCode {
    let needed = required_for(Flows::all());
    let granted: Privileges = match serde_json::from_str(SAMPLE) {
        Ok(granted) => granted,
        Err(err) => {
            warn(&format!(
                "error: the embedded sample grant is invalid: {err}"
            ));
            return ExitCode::from(2);
        }
    };
    let report = needed.evaluate(&granted);
    let as_a_file = match exit_code_number(&report, false) {
        0 => "0 (every flow runs)",
        1 => "1 (a flow is blocked)",
        _ => "3 (a flow cannot be verified)",
    };
    let text = format!(
        "{needed}\nSample grant (examples/grants/sample-blocked.json):\n{SAMPLE}\n{report}\n\
         This is a demonstration, so it exits 0; checked as a file \
         (`halopsa-privileges audit examples/grants/sample-blocked.json`), this grant exits \
         {as_a_file}. `halopsa-privileges audit --help` lists the exit codes.\n"
    );
    print(&text, ExitCode::SUCCESS)
}

/// Reads and checks a grant file or a token response: the report's text and the exit code.
/// How to print the report.
#[derive(Clone, Copy)]
enum Format {
    Text,
    Json,
    Html,
}

fn check(
    input: &Input,
    flows: Flows,
    format: Format,
    strict: bool,
    limit: u64,
) -> Result<(String, ExitCode), String> {
    let (path, decision) = decide(input, flows, limit)?;
    let (file, calls) = (decision.grant_file(), decision.calls());
    let report = *decision.report();
    let text = match format {
        Format::Json => {
            let out = serde_json::to_string_pretty(&decision)
                .map_err(|err| format!("cannot write the report on {path}: {err}"))?;
            visible(&out, true) + "\n"
        }
        Format::Html => visible(&html::page(&decision), false),
        Format::Text => visible(
            &(sources(file) + &not_modeled(file) + &what_calls_show(calls) + &decision.to_string()),
            false,
        ),
    };
    Ok((text, exit_code(&report, strict)))
}

/// For a grant given as the agent and its roles: where it came from and the effective agent
/// settings (HaloPSA applies the highest level of the agent and its roles). Empty for a flat
/// grant.
fn sources(file: &GrantFile) -> String {
    if file.sources().is_empty() {
        return String::new();
    }
    let names: Vec<String> = html::capped(file.sources().iter().map(|source| {
        match (source.is_agent(), source.name()) {
            (true, Some(name)) => format!("the agent {name:?}"),
            (true, None) => "the agent".to_string(),
            (false, name) => format!("role {:?}", name.unwrap_or_default()),
        }
    }));
    let mut out = format!(
        "Grant from {}.\nEffective agent settings (the highest of them):\n",
        names.join(", ")
    );
    for line in html::effective_settings(file) {
        out += &format!("  {line}\n");
    }
    out + "\n"
}

/// One line per call the backend made: what it shows, in a sentence (empty without calls).
fn what_calls_show(calls: &[Call]) -> String {
    if calls.is_empty() {
        return String::new();
    }
    let mut out = format!("{}\n", html::CALLS);
    for line in html::capped(calls.iter().map(Call::explain)) {
        out += &format!("  - {line}\n");
    }
    out + "\n"
}

/// What the file says of areas and scopes this crate does not model: listed, not evaluated.
fn not_modeled(file: &GrantFile) -> String {
    if file.not_modeled().is_empty() {
        return String::new();
    }
    let mut out = format!("{}\n", html::NOT_MODELED);
    for line in html::capped(file.not_modeled().iter().cloned()) {
        out += &format!("  - {line}\n");
    }
    out + "\n"
}

/// 0 every checked flow is proven to run, 1 some flow is blocked (or, with `strict`, something
/// is granted beyond need), 3 nothing is blocked but some flow cannot be verified.
fn exit_code(report: &Report, strict: bool) -> ExitCode {
    ExitCode::from(exit_code_number(report, strict))
}

fn exit_code_number(report: &Report, strict: bool) -> u8 {
    if !report.blocked().is_empty() || (strict && report.excess().next().is_some()) {
        1
    } else if !report.unverified().is_empty() {
        3
    } else {
        0
    }
}
