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

mod html;
mod input;

use input::{decide, Input};

use std::io::{self, Write};
use std::process::ExitCode;

use halopsa_privileges::{required_for, Assumption, Call, Flows, GrantFile, Privileges, Report};

/// The demonstration's grant: realistic and slightly wrong (no `edit:invoices`, Invoices only at
/// Read, and `edit:customers` granted beyond need).
const SAMPLE: &str = include_str!("../grants/sample-blocked.json");

const USAGE: &str = "usage: audit [GRANT.json | -] [--token-response TOKEN.json] [--halo-agent AGENT.json [--halo-role ROLE.json]...] [--calls CALLS.json] [--flows ID,ID,...] [--json | --html] [--strict] [--max-bytes N] [--] [GRANT.json]

With no arguments, prints the requirements of all five flows and a report on a sample grant.
With a path (or - for standard input), checks the grant file against the flows (default: all
five); any part of the grant may be \"unknown\", and the agent's settings may be given as the
agent and its roles. With --token-response, checks what an OAuth token response's scope field
proves (or, without one, what a JWT access token's `scope` claim says; its signature is not
checked and the token is never shown); the agent's levels and flags are then unknown unless a
grant file or --halo-agent gives them. Every input given is combined (a grant file and
--halo-agent role by role, by name): where two disagree, neither is taken and a note names
both; the JSON report's `evidence` says which input said what of each item, and `probes` the
read-only calls that would settle what is still unknown (in the text and HTML too).

Options:
  --token-response F  an OAuth token response (e.g. examples/tokens/jwt-scope.json)
  --halo-agent F      the JSON of HaloPSA's GET /api/Agent/me: the agent's claims, its roles'
                      claims and restriction lists, is_admin and the agent's restriction lists
                      (e.g. examples/halo/agent-me.json); without a `roles` list (left out or
                      null) the agent's roles are not known and its own settings are lower
                      bounds only; \"roles\": [] says it has none
  --halo-role F       the JSON of GET /api/Roles/{id}, for a role of that agent whose claims
                      the agent's JSON leaves out (e.g. examples/halo/role-service-desk.json);
                      may be given more than once
  --calls F           a JSON list of calls the backend made and what came back, each
                      {\"method\", \"path\", \"status\", \"empty\" (optional)}
                      (e.g. examples/halo/calls.json): a success proves the call's scope, a
                      401/403 makes it suspect (first press Test Account Access), an empty list
                      points at the agent's level or restrictions; each call is explained
  --flows ID,ID,...   the flows to check (default: all); `all` is every flow
  --json              print the report as JSON
  --html              print the report as a self-contained HTML page
  --strict            also fail (exit 1) when anything is granted beyond need
  --max-bytes N       read at most N bytes of input (default 16 MiB); a larger input is bad input
  --                  what follows is a file name, even if it starts with `-`
  -h, --help          print this help

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
  a setting left out is No: HaloPSA shows each on one screen. A level may be exact (\"Read\"), \"unknown\", or a bound:
  \"at least Read\", \"at most Read and Modify\", \"at least Read, at most Read and Modify\".
  HaloPSA applies the highest level of the agent and its roles, so an agent at Read with a
  role whose level is unknown is at least Read. How the \"Allow use of all ...\" restrictions
  combine across the agent and its roles is not documented: one is known only where all
  agree.";

/// `--help`: the usage, then what the crate does not take for granted about HaloPSA (from the
/// rules' own table, so that help and rules cannot drift).
fn help() -> String {
    let mut out = format!(
        "{USAGE}\n\nNot taken for granted about HaloPSA (an item only these could cover is \
         reported as unverified, never missing):\n"
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

struct Args {
    input: Input,
    flows: Option<Flows>,
    max_bytes: Option<u64>,
    json: bool,
    html: bool,
    strict: bool,
}

/// Parses a `--flows` list: an empty or blank list is an error, not "no flows".
fn parse_flows(list: &str) -> Result<Flows, String> {
    if list.trim().is_empty() {
        return Err(
            "`--flows` is empty: give the flows to check, e.g. `--flows customers-sync` or \
             `--flows all`"
                .into(),
        );
    }
    list.parse().map_err(|err| format!("--flows: {err}"))
}

/// Sets an option that may be given once.
fn once<T>(slot: &mut Option<T>, value: T, option: &str) -> Result<(), String> {
    if slot.is_some() {
        return Err(format!("`{option}` is given more than once"));
    }
    *slot = Some(value);
    Ok(())
}

fn flag_once(slot: &mut bool, option: &str) -> Result<(), String> {
    if std::mem::replace(slot, true) {
        return Err(format!("`{option}` is given more than once"));
    }
    Ok(())
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Option<Args>, String> {
    let mut parsed = Args {
        input: Input::default(),
        flows: None,
        max_bytes: None,
        json: false,
        html: false,
        strict: false,
    };
    let mut options = true;
    while let Some(arg) = args.next() {
        if !options {
            set_grant(&mut parsed.input, arg)?;
            continue;
        }
        match arg.as_str() {
            "--" => options = false,
            "-h" | "--help" => return Ok(None),
            "--max-bytes" => {
                let n = args.next().ok_or("`--max-bytes` needs a number of bytes")?;
                let n = n.parse().map_err(|_| {
                    format!(
                        "`--max-bytes {}`: expected a whole number of bytes",
                        shown(&n)
                    )
                })?;
                once(&mut parsed.max_bytes, n, "--max-bytes")?;
            }
            "--json" => flag_once(&mut parsed.json, "--json")?,
            "--html" => flag_once(&mut parsed.html, "--html")?,
            "--strict" => flag_once(&mut parsed.strict, "--strict")?,
            "--flows" => {
                let list = args
                    .next()
                    .ok_or("`--flows` needs a comma-separated list of flow ids")?;
                once(&mut parsed.flows, parse_flows(&list)?, "--flows")?;
            }
            flag if flag.starts_with("--flows=") => {
                let flows = parse_flows(&flag["--flows=".len()..])?;
                once(&mut parsed.flows, flows, "--flows")?;
            }
            "--token-response" => {
                let path = args
                    .next()
                    .ok_or("`--token-response` needs the path of a token response JSON file")?;
                once(&mut parsed.input.token, path, "--token-response")?;
            }
            "--halo-agent" => {
                let path = args.next().ok_or(
                    "`--halo-agent` needs the path of the JSON of HaloPSA's `GET /api/Agent/me`",
                )?;
                once(&mut parsed.input.agent, path, "--halo-agent")?;
            }
            "--calls" => {
                let path = args.next().ok_or(
                    "`--calls` needs the path of a JSON list of the calls made, e.g. \
                     examples/halo/calls.json",
                )?;
                once(&mut parsed.input.calls, path, "--calls")?;
            }
            "--halo-role" => {
                let path = args.next().ok_or(
                    "`--halo-role` needs the path of the JSON of HaloPSA's `GET /api/Roles/{id}`",
                )?;
                parsed.input.roles.push(path);
            }
            "-" => set_grant(&mut parsed.input, "-".into())?,
            flag if flag.starts_with('-') => {
                return Err(format!(
                    "unknown option `{}` (a file whose name starts with `-` goes after `--`)",
                    shown(flag)
                ))
            }
            path => set_grant(&mut parsed.input, path.to_owned())?,
        }
    }
    if parsed.json && parsed.html {
        return Err("give `--json` or `--html`, not both".into());
    }
    let input = &parsed.input;
    if input.is_empty() && (parsed.json || parsed.html || parsed.strict || parsed.flows.is_some()) {
        return Err(
            "`--flows`, `--json`, `--html` and `--strict` need a grant file, a token response or \
             the agent's JSON"
                .into(),
        );
    }
    if !input.roles.is_empty() && input.agent.is_none() {
        return Err(
            "`--halo-role` adds to the roles of `--halo-agent`: give the agent's JSON too".into(),
        );
    }
    Ok(Some(parsed))
}

/// Only one grant file can be checked at a time.
fn set_grant(input: &mut Input, path: String) -> Result<(), String> {
    if input.grant.is_some() {
        return Err("give one grant file, not several".into());
    }
    input.grant = Some(path);
    Ok(())
}

fn main() -> ExitCode {
    // Arguments as the OS gives them: one that is not UTF-8 is bad input, not a panic.
    let args: Result<Vec<String>, String> = std::env::args_os()
        .skip(1)
        .map(|arg| {
            arg.into_string().map_err(|bad| {
                format!(
                    "the argument `{}` is not valid UTF-8",
                    shown(&bad.to_string_lossy())
                )
            })
        })
        .collect();
    let args = match args.and_then(|args| parse_args(args.into_iter())) {
        Ok(Some(args)) => args,
        Ok(None) => return print(&help(), ExitCode::SUCCESS),
        Err(message) => {
            warn(&format!("error: {message}\n\n{USAGE}"));
            return ExitCode::from(2);
        }
    };
    match args.input {
        input if input.is_empty() => demonstrate(),
        input => {
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
    }
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
    let text = format!(
        "{needed}\nSample grant (examples/grants/sample-blocked.json):\n{SAMPLE}\n{}\n",
        needed.evaluate(&granted)
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
    if !report.blocked().is_empty() || (strict && report.excess().next().is_some()) {
        ExitCode::from(1)
    } else if !report.unverified().is_empty() {
        ExitCode::from(3)
    } else {
        ExitCode::SUCCESS
    }
}
