//! `halopsa-privileges`: audit a HaloPSA grant against Datagate's flows, render the support
//! article, print the least privilege of flows, or a shell's completion script.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use halopsa_privileges_cli::{audit, render, requirements};

/// The HaloPSA privileges that Datagate's integration flows need.
#[derive(Debug, Parser)]
#[command(name = "halopsa-privileges", version, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check a grant file, a token response, HaloPSA's agent and role JSON and the calls made
    /// against the flows: what runs, what is blocked, what to click, what to call to know more
    #[command(after_long_help = audit::AFTER_HELP)]
    Audit(audit::AuditArgs),
    /// Print the support article (or the setup steps for some flows) from the rules
    Render(render::RenderArgs),
    /// Print the least privilege that runs the given flows
    Requirements(requirements::RequirementsArgs),
    /// Print the completion script for a shell (e.g. `halopsa-privileges completions bash`)
    Completions {
        /// The shell
        shell: clap_complete::Shell,
    },
}

fn main() -> ExitCode {
    // `audit --help` ends with what is assumed about HaloPSA, from the rules' own table.
    let command = Cli::command().mut_subcommand("audit", |audit_command| {
        let long = format!("{}\n\n{}", audit::AFTER_HELP, audit::assumptions_help());
        audit_command.after_long_help(long)
    });
    let matches = match command.try_get_matches() {
        Ok(matches) => matches,
        Err(err) => return clap_exit(&err),
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(err) => return clap_exit(&err),
    };
    match cli.command {
        Command::Audit(args) => audit::run(args),
        Command::Render(args) => render::run(args),
        Command::Requirements(args) => requirements::run(args),
        Command::Completions { shell } => {
            let mut command = Cli::command();
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut command, "halopsa-privileges", &mut out);
            match io::stdout().lock().write_all(&out) {
                Err(err) if err.kind() != io::ErrorKind::BrokenPipe => ExitCode::from(2),
                _ => ExitCode::SUCCESS,
            }
        }
    }
}

/// Prints clap's message (help and version on standard output, errors on standard error, which
/// may be closed) and returns its code: 0 for help and version, 2 for bad arguments.
fn clap_exit(err: &clap::Error) -> ExitCode {
    let _ = err.print();
    ExitCode::from(if err.use_stderr() { 2 } else { 0 })
}
