//! `halopsa-privileges requirements`: the least privilege that runs the given flows, as text or
//! JSON, with which flow needs which item.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Args;
use halopsa_privileges::{required_for, Flows};

/// The arguments of `requirements`.
#[derive(Debug, Args)]
pub struct RequirementsArgs {
    /// The flows (default: all); `all` is every flow
    #[arg(long, value_name = "ID,ID,...", value_parser = crate::parse_flows)]
    flows: Option<Flows>,
    /// Print the requirements as JSON (the checklist a settings page shows)
    #[arg(long)]
    json: bool,
}

/// Runs `requirements`: 0, or 2 when they cannot be written.
pub fn run(args: RequirementsArgs) -> ExitCode {
    let needed = required_for(args.flows.unwrap_or(Flows::all()));
    let text = if args.json {
        match serde_json::to_string_pretty(&needed) {
            Ok(json) => json + "\n",
            Err(err) => {
                let _ = writeln!(io::stderr(), "error: {err}");
                return ExitCode::from(2);
            }
        }
    } else {
        needed.to_string()
    };
    match io::stdout().lock().write_all(text.as_bytes()) {
        Err(err) if err.kind() != io::ErrorKind::BrokenPipe => {
            let _ = writeln!(io::stderr(), "error: {err}");
            ExitCode::from(2)
        }
        _ => ExitCode::SUCCESS,
    }
}
