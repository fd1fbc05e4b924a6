//! Datagate's backend: from what HaloPSA answered to a decision, through the one path
//! (`HaloAnswers::decide`).
//!
//! ```text
//! cargo run --example backend
//! ```
//!
//! Reads the samples in `examples/halo/` (drawn from HaloPSA's published API description): the
//! token response, `GET /api/Agent/me`, one role's `GET /api/Roles/{id}` and the calls made. The
//! crate does no IO: reading the files (and, in the backend, making the calls) is the caller's.
//! Besides this crate, the caller needs `serde_json` to read the JSON.

use std::error::Error;
use std::fs;

use halopsa_privileges::{Call, Flows, HaloAgent, HaloAnswers, HaloRole, TokenResponse};

fn read<T: serde::de::DeserializeOwned>(name: &str) -> Result<T, Box<dyn Error>> {
    let path = format!("{}/examples/halo/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = fs::read_to_string(&path).map_err(|err| format!("{path}: {err}"))?;
    Ok(serde_json::from_str(&text).map_err(|err| format!("{path}: {err}"))?)
}

fn main() -> Result<(), Box<dyn Error>> {
    let token: TokenResponse = read("token-response.json")?;
    let agent: HaloAgent = read("agent-me.json")?;
    let role: HaloRole = read("role-service-desk.json")?;
    let calls: Vec<Call> = read("calls.json")?;

    let decision = HaloAnswers::new()
        .with_token(token)
        .with_agent(agent)
        .with_role(role)
        .with_calls(calls)
        .decide(Flows::all())?;

    // Which flows run, are blocked, or cannot be verified yet.
    let report = decision.report();
    for flow in report.flows().flows() {
        println!("{flow}: {}", report.verdict(flow));
    }
    // What to tell the customer: each step with the screen where it is done.
    println!("\nSteps for the customer:");
    for (i, step) in decision.plan().steps().enumerate() {
        println!("  {}. {step}", i + 1);
    }
    // What the backend can call (read-only) to settle what is still unknown.
    if !decision.probes().is_empty() {
        println!("\nRead-only calls that would settle the rest:");
        for probe in decision.probes() {
            println!(
                "  {} {}: settles {}",
                probe.method(),
                probe.path(),
                probe.settles()
            );
        }
    }
    // How the inputs were read (roles not listed, sources that disagree, ...).
    for note in decision.notes() {
        println!("\nnote: {note}");
    }
    Ok(())
}
