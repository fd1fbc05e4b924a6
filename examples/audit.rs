//! Audit a HaloPSA grant against Datagate's flows.
//!
//! ```text
//! cargo run --example audit                      # demonstration: requirements, then a report
//! cargo run --example audit -- GRANT.json [--flows customers-sync,invoice-export-multiline] [--json]
//! cargo run --example audit -- --token-response TOKEN.json [--flows ...] [--json]
//! ```
//!
//! With a path, reads a grant file (a `Grant`: `Privileges` JSON where any part may be
//! `"unknown"`), checks it against the flows (all five by default) and prints the report
//! (`--json`: the JSON report). With `--token-response`, reads an OAuth token response and checks
//! what its `scope` field proves (the agent's levels and flags stay unknown); scope names the
//! crate does not recognise are noted on stderr. Exit code: 0 when every flow is proven to run,
//! 1 when any flow is blocked, 2 on bad input (the error on stderr), 3 when nothing is blocked
//! but some flow cannot be verified from what is known.

use std::process::ExitCode;

use halopsa_privileges::{required_for, Flows, Grant, Privileges, Report, TokenResponse};

/// The demonstration's grant: realistic and slightly wrong (no `edit:invoices`, Invoices only at
/// Read, and `edit:customers` granted beyond need).
const SAMPLE: &str = include_str!("grants/sample-blocked.json");

const USAGE: &str =
    "usage: audit [GRANT.json | --token-response TOKEN.json] [--flows ID,ID,...] [--json]

With no arguments, prints the requirements of all five flows and a report on a sample grant.
With a path, checks the grant file against the flows (default: all five); any part of the
grant may be \"unknown\". With --token-response, checks what an OAuth token response's scope
field proves; the agent's levels and flags are then unknown.
Exit codes: 0 every flow is proven to run, 1 a flow is blocked, 2 bad input,
3 nothing is blocked but some flow cannot be verified from what is known.
Flow ids: customers-sync, products-sync, service-items-sync, invoice-export-multiline,
invoice-export-charges.";

/// What to check: a grant file or a token response.
enum Input {
    Grant(String),
    Token(String),
}

struct Args {
    input: Option<Input>,
    flows: Flows,
    json: bool,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Option<Args>, String> {
    let mut parsed = Args {
        input: None,
        flows: Flows::all(),
        json: false,
    };
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--json" => parsed.json = true,
            "--flows" => {
                let list = args
                    .next()
                    .ok_or("`--flows` needs a comma-separated list of flow ids")?;
                parsed.flows = list.parse().map_err(|err| format!("--flows: {err}"))?;
            }
            flag if flag.starts_with("--flows=") => {
                parsed.flows = flag["--flows=".len()..]
                    .parse()
                    .map_err(|err| format!("--flows: {err}"))?;
            }
            "--token-response" => {
                let path = args
                    .next()
                    .ok_or("`--token-response` needs the path of a token response JSON file")?;
                set_input(&mut parsed.input, Input::Token(path))?;
            }
            flag if flag.starts_with('-') => return Err(format!("unknown option `{flag}`")),
            path => set_input(&mut parsed.input, Input::Grant(path.to_owned()))?,
        }
    }
    if parsed.input.is_none() && (parsed.json || parsed.flows != Flows::all()) {
        return Err("`--flows` and `--json` need a grant file or a token response".into());
    }
    Ok(Some(parsed))
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(Some(args)) => args,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("error: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match args.input {
        None => demonstrate(),
        Some(input) => match check(&input, args.flows, args.json) {
            Ok(code) => code,
            Err(message) => {
                eprintln!("error: {message}");
                ExitCode::from(2)
            }
        },
    }
}

/// Prints the requirements of all five flows, then a report on the sample grant.
fn demonstrate() -> ExitCode {
    let needed = required_for(Flows::all());
    println!("{needed}");
    let granted: Privileges = match serde_json::from_str(SAMPLE) {
        Ok(granted) => granted,
        Err(err) => {
            eprintln!("error: the embedded sample grant is invalid: {err}");
            return ExitCode::from(2);
        }
    };
    println!("Sample grant (examples/grants/sample-blocked.json):\n{SAMPLE}");
    println!("{}", needed.evaluate(&granted));
    ExitCode::SUCCESS
}

/// Only one grant file or token response can be checked at a time.
fn set_input(input: &mut Option<Input>, new: Input) -> Result<(), String> {
    if input.is_some() {
        return Err("give one grant file or one `--token-response`, not several".into());
    }
    *input = Some(new);
    Ok(())
}

/// Reads and checks a grant file or a token response; the exit code gives the verdict.
fn check(input: &Input, flows: Flows, json: bool) -> Result<ExitCode, String> {
    let (path, grant) = match input {
        Input::Grant(path) => {
            let text = read(path)?;
            let grant: Grant = serde_json::from_str(&text)
                .map_err(|err| format!("`{path}` is not a valid grant: {err}"))?;
            (path, grant)
        }
        Input::Token(path) => {
            let text = read(path)?;
            let token: TokenResponse = serde_json::from_str(&text)
                .map_err(|err| format!("`{path}` is not a valid token response: {err}"))?;
            for name in token.unrecognised() {
                eprintln!(
                    "note: `{path}`: the token holds the scope `{}`, which this crate does not \
                     know; it is ignored",
                    name.escape_debug()
                );
            }
            (path, token.grant())
        }
    };
    let report = required_for(flows).evaluate_partial(grant.privileges(), grant.known());
    if json {
        let out = serde_json::to_string_pretty(&report)
            .map_err(|err| format!("cannot write the report on `{path}`: {err}"))?;
        println!("{out}");
    } else {
        print!("{report}");
    }
    Ok(exit_code(&report))
}

fn read(path: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|err| format!("cannot read `{path}`: {err}"))
}

/// 0 every checked flow is proven to run, 1 some flow is blocked, 3 nothing is blocked but some
/// flow cannot be verified.
fn exit_code(report: &Report) -> ExitCode {
    if !report.blocked().is_empty() {
        ExitCode::from(1)
    } else if !report.unverified().is_empty() {
        ExitCode::from(3)
    } else {
        ExitCode::SUCCESS
    }
}
