//! The support engineers' tool for [`halopsa_privileges`]: `halopsa-privileges audit` checks a
//! grant and HaloPSA's answers against Datagate's flows, `render` prints the support article
//! from the rules, `requirements` the least privilege of given flows, and `completions` a
//! shell's completion script. The tool does the IO; the library decides.
//!
//! What only the tool needs lives here: argument parsing (`clap`), the lenient JSON reader
//! (comments and trailing commas, `json5`), and HTML (`maud`, `pulldown-cmark`).
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod audit;
pub mod render;
pub mod requirements;

use halopsa_privileges::Flows;

/// Parses a `--flows` list: an empty or blank list is an error, not "no flows"; `all` is every
/// flow.
pub fn parse_flows(list: &str) -> Result<Flows, String> {
    if list.trim().is_empty() {
        return Err(
            "the list is empty: give the flows to check, e.g. `--flows customers-sync` or \
             `--flows all`"
                .into(),
        );
    }
    list.parse().map_err(|err| format!("{err}"))
}
