//! Audit a HaloPSA grant against Datagate's flows.
//!
//! ```text
//! cargo run --example audit                      # demonstration: requirements, then a report
//! cargo run --example audit -- GRANT.json [--flows customers-sync,invoice-export-multiline] [--json]
//! ```
//!
//! With a path, reads a `Privileges` JSON file, checks it against the flows (all five by
//! default) and prints the report (`--json`: the JSON report). Exit code: 0 when every flow can
//! run, 1 when any flow is blocked, 2 on bad input (the error on stderr).

use std::process::ExitCode;

use halopsa_privileges::{required_for, Flows, Privileges};

/// The demonstration's grant: realistic and slightly wrong (no `edit:invoices`, Invoices only at
/// Read, and `edit:customers` granted beyond need).
const SAMPLE: &str = include_str!("grants/sample-blocked.json");

const USAGE: &str = "usage: audit [GRANT.json [--flows ID,ID,...] [--json]]

With no arguments, prints the requirements of all five flows and a report on a sample grant.
With a path, checks the Privileges JSON file against the flows (default: all five).
Exit codes: 0 every flow can run, 1 a flow is blocked, 2 bad input.
Flow ids: customers-sync, products-sync, service-items-sync, invoice-export-multiline,
invoice-export-charges.";

struct Args {
    path: Option<String>,
    flows: Flows,
    json: bool,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Option<Args>, String> {
    let mut parsed = Args {
        path: None,
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
            flag if flag.starts_with('-') => return Err(format!("unknown option `{flag}`")),
            path if parsed.path.is_none() => parsed.path = Some(path.to_owned()),
            extra => {
                return Err(format!(
                    "unexpected argument `{extra}`: give one grant file"
                ))
            }
        }
    }
    if parsed.path.is_none() && (parsed.json || parsed.flows != Flows::all()) {
        return Err("`--flows` and `--json` need a grant file".into());
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
    match args.path {
        None => demonstrate(),
        Some(path) => match check(&path, args.flows, args.json) {
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

/// Checks one grant file; the exit code says whether every flow can run.
fn check(path: &str, flows: Flows, json: bool) -> Result<ExitCode, String> {
    let text =
        std::fs::read_to_string(path).map_err(|err| format!("cannot read `{path}`: {err}"))?;
    let granted: Privileges = serde_json::from_str(&text)
        .map_err(|err| format!("`{path}` is not a valid grant: {err}"))?;
    let report = required_for(flows).evaluate(&granted);
    if json {
        let out = serde_json::to_string_pretty(&report).map_err(|err| err.to_string())?;
        println!("{out}");
    } else {
        print!("{report}");
    }
    Ok(if report.is_satisfied() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
