//! Print the support article as Markdown (or HTML), rendered from the rules.
//!
//! ```text
//! cargo run --example render-docs > docs/halopsa-privileges.md
//! cargo run --example render-docs -- --for customers > docs/halopsa-privileges-customers.md
//! cargo run --example render-docs -- --for customers --html > halopsa-privileges.html
//! cargo run --example render-docs -- --flows customers-sync,invoice-export-multiline [--html]
//! ```
//!
//! Without `--flows`, prints the whole article; with it, the setup steps for those flows.
//! Exit code 2 on bad arguments.

mod html;

use std::io::{self, Write};
use std::process::ExitCode;

use halopsa_privileges::{render, Flows};

const USAGE: &str = "usage: render-docs [--for reviewers|customers] [--flows ID,ID,...] [--html]

Without arguments, prints the whole support article as Markdown, the reviewers' copy
(docs/halopsa-privileges.md): every addition marked \"Not in the article\", every difference
listed, the open questions and what is assumed about HaloPSA.
--for customers prints the copy for a help centre (docs/halopsa-privileges-customers.md): the
article's words in its order, with the additions as short notes at the end.
With --flows, prints the HaloPSA setup steps with the least privilege for those flows.
With --html, prints the same as a self-contained HTML page.";

fn main() -> ExitCode {
    let mut flows: Option<String> = None;
    let mut as_html = false;
    let mut customers: Option<bool> = None;
    // Arguments as the OS gives them: one that is not UTF-8 is bad input, not a panic.
    let mut args = std::env::args_os().skip(1).map(|arg| {
        arg.into_string()
            .unwrap_or_else(|bad| bad.to_string_lossy().into_owned())
    });
    while let Some(arg) = args.next() {
        let given = match arg.as_str() {
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            "--html" if !as_html => {
                as_html = true;
                continue;
            }
            "--for" if customers.is_none() => {
                customers = match args.next().as_deref() {
                    Some("customers") => Some(true),
                    Some("reviewers") => Some(false),
                    other => {
                        let other = other.unwrap_or_default().escape_debug().to_string();
                        eprintln!(
                            "error: `--for` takes `customers` or `reviewers`, not `{other}`\n\n{USAGE}"
                        );
                        return ExitCode::from(2);
                    }
                };
                continue;
            }
            "--flows" if flows.is_none() => args.next(),
            flag if flag.starts_with("--flows=") && flows.is_none() => {
                Some(flag["--flows=".len()..].to_string())
            }
            other => {
                let other = other.escape_debug();
                eprintln!("error: unexpected or repeated argument `{other}`\n\n{USAGE}");
                return ExitCode::from(2);
            }
        };
        match given {
            Some(list) if !list.trim().is_empty() => flows = Some(list),
            _ => {
                eprintln!("error: `--flows` needs a comma-separated list of flow ids\n\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    if flows.is_some() && customers.is_some() {
        eprintln!(
            "error: `--for` chooses a copy of the whole article, not of `--flows`\n\n{USAGE}"
        );
        return ExitCode::from(2);
    }
    let (title, markdown) = match flows {
        None if customers == Some(true) => (
            "HaloPSA Privileges".to_string(),
            render::customer_article_markdown(),
        ),
        None => ("HaloPSA Privileges".to_string(), render::article_markdown()),
        Some(list) => match list.parse::<Flows>() {
            Ok(flows) => (
                format!(
                    "Setting up a HaloPSA agent for Datagate: {}",
                    flows.titles()
                ),
                render::role_setup_markdown(flows),
            ),
            Err(err) => {
                eprintln!("error: --flows: {err}");
                return ExitCode::from(2);
            }
        },
    };
    let text = if as_html {
        html::page(&title, &markdown)
    } else {
        markdown
    };
    // A reader that went away (`| head`) ends the program quietly.
    match io::stdout().lock().write_all(text.as_bytes()) {
        Err(err) if err.kind() != io::ErrorKind::BrokenPipe => {
            eprintln!("error: {err}");
            ExitCode::from(2)
        }
        _ => ExitCode::SUCCESS,
    }
}
