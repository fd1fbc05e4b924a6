//! Print the support article's privileges section as Markdown, rendered from the rules.
//!
//! ```text
//! cargo run --example render-docs > docs/halopsa-privileges.md
//! cargo run --example render-docs -- --flows customers-sync,invoice-export-multiline
//! ```
//!
//! With `--flows`, prints the step-by-step role, agent and application setup for those flows
//! instead. Exit code 2 on bad arguments.

use std::process::ExitCode;

use halopsa_privileges::{render, Flows};

const USAGE: &str = "usage: render-docs [--flows ID,ID,...]

Without arguments, prints \"All Privileges Documented\" (docs/halopsa-privileges.md).
With --flows, prints the HaloPSA setup steps with the least privilege for those flows.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flows = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        [] => None,
        ["-h" | "--help"] => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        ["--flows", list] => Some(list.to_string()),
        [flag] if flag.starts_with("--flows=") => Some(flag["--flows=".len()..].to_string()),
        _ => {
            eprintln!(
                "error: unexpected arguments `{}`\n\n{USAGE}",
                args.join(" ")
            );
            return ExitCode::from(2);
        }
    };
    match flows {
        None => print!("{}", render::privileges_markdown()),
        Some(list) => match list.parse::<Flows>() {
            Ok(flows) => print!("{}", render::role_setup_markdown(flows)),
            Err(err) => {
                eprintln!("error: --flows: {err}");
                return ExitCode::from(2);
            }
        },
    }
    ExitCode::SUCCESS
}
