//! `halopsa-privileges render`: the support article as Markdown (or HTML), rendered from the
//! rules; with `--flows`, the setup steps for those flows.

pub mod html;

use std::io::{self, Write};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use halopsa_privileges::{render, Flows};

/// Which copy of the whole article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Audience {
    /// The reviewers' copy (docs/halopsa-privileges.md): every addition marked "Not in the
    /// article", every difference listed, the open questions and what is assumed
    Reviewers,
    /// The help centre's copy (docs/halopsa-privileges-customers.md): the article's words in
    /// its order
    Customers,
}

/// The arguments of `render`.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// Which copy of the whole article (default: reviewers)
    #[arg(long = "for", value_enum, conflicts_with = "flows")]
    audience: Option<Audience>,
    /// Instead of the article, the HaloPSA setup steps with the least privilege for these flows
    #[arg(long, value_name = "ID,ID,...", value_parser = crate::parse_flows)]
    flows: Option<Flows>,
    /// Print a self-contained HTML page instead of Markdown
    #[arg(long)]
    html: bool,
}

/// Runs `render`: 0, or 2 when the page cannot be written.
pub fn run(args: RenderArgs) -> ExitCode {
    let customers = args.audience == Some(Audience::Customers);
    let (title, markdown) = match args.flows {
        None if customers => (
            "HaloPSA Privileges".to_string(),
            render::customer_article_markdown(),
        ),
        None => ("HaloPSA Privileges".to_string(), render::article_markdown()),
        Some(flows) => (
            format!(
                "Setting up a HaloPSA agent for Datagate: {}",
                flows.titles()
            ),
            render::role_setup_markdown(flows),
        ),
    };
    let text = if args.html {
        html::page(&title, &markdown)
    } else {
        markdown
    };
    // A reader that went away (`| head`) ends the program quietly.
    match io::stdout().lock().write_all(text.as_bytes()) {
        Err(err) if err.kind() != io::ErrorKind::BrokenPipe => {
            let _ = writeln!(io::stderr(), "error: {err}");
            ExitCode::from(2)
        }
        _ => ExitCode::SUCCESS,
    }
}
