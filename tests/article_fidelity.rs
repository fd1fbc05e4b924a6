//! The whole article, line by line: every line of the published article
//! (`tests/data/article.txt`) is in the rendered article with the same words, unless a
//! deliberate difference in `render::DIFFERENCES` covers it; and everything the rendered
//! article says that the article does not is marked "Not in the article".

use std::collections::BTreeSet;

use halopsa_privileges::render::{self, Difference, DIFFERENCES};
use halopsa_privileges::{AccessLevel, Flow, Flows, Item, Layer, Scopes};

const ARTICLE: &str = include_str!("data/article.txt");

/// A line as text: without Markdown headings, list markers, bold and code marks, and a link
/// (`[text](#target)`, the table of contents) read as its text.
fn normalize(line: &str) -> String {
    let line = line.trim();
    let line = line.trim_start_matches('#').trim_start();
    let line = line.strip_prefix("- ").unwrap_or(line);
    let line = match line
        .strip_prefix('[')
        .and_then(|rest| rest.split_once("](#"))
    {
        Some((text, target)) if target.ends_with(')') => text,
        _ => line,
    };
    line.replace("**", "").replace('`', "").trim().to_string()
}

/// The scopes an article line runs together (`read:customersread:items`), if it is such a line.
fn run_together(line: &str) -> Option<BTreeSet<&'static str>> {
    let mut rest = line;
    let mut names = BTreeSet::new();
    while !rest.is_empty() {
        let (_, name) = Scopes::all()
            .scopes()
            .filter(|(_, name)| rest.starts_with(name))
            .max_by_key(|(_, name)| name.len())?;
        names.insert(name);
        rest = &rest[name.len()..];
    }
    (names.len() > 1).then_some(names)
}

/// The scopes the rendered article lists for each flow at application level.
fn rendered_scopes(markdown: &str) -> Vec<BTreeSet<String>> {
    let section = markdown
        .split("### Application Level Permissions")
        .nth(1)
        .and_then(|rest| rest.split("### Agent Level Permissions").next())
        .expect("an application section");
    let mut flows: Vec<BTreeSet<String>> = Vec::new();
    for line in section.lines() {
        if line.starts_with("- **") {
            flows.push(BTreeSet::new());
        } else if let Some(item) = line.strip_prefix("    - ") {
            flows
                .last_mut()
                .unwrap()
                .insert(item.trim_matches('`').to_string());
        }
    }
    assert_eq!(flows.len(), Flow::ALL.len());
    flows
}

#[test]
fn every_line_of_the_article_is_rendered_or_a_listed_difference() {
    let markdown = render::article_markdown();
    let rendered: BTreeSet<String> = markdown.lines().map(normalize).collect();
    let scopes = rendered_scopes(&markdown);
    let mut used = BTreeSet::new();
    let mut unexplained = Vec::new();
    for (number, line) in ARTICLE.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || rendered.contains(&normalize(line)) {
            continue;
        }
        let explained =
            DIFFERENCES
                .iter()
                .enumerate()
                .find(|(_, (difference, _))| match *difference {
                    Difference::PageChrome(chrome) => chrome == line,
                    Difference::Reworded {
                        article,
                        rendered: as_rendered,
                    } => {
                        article == line
                            && markdown
                                .lines()
                                .map(normalize)
                                .any(|l| l.starts_with(as_rendered))
                    }
                    Difference::SplitScopes => run_together(line).is_some_and(|names| {
                        let names: BTreeSet<String> = names.into_iter().map(String::from).collect();
                        scopes.contains(&names)
                    }),
                    _ => false,
                });
        match explained {
            Some((index, _)) => {
                used.insert(index);
            }
            None => unexplained.push(format!("line {}: {line}", number + 1)),
        }
    }
    assert!(
        unexplained.is_empty(),
        "lines of the article not rendered and not listed:\n{}",
        unexplained.join("\n")
    );
    // Every listed difference of lines is still needed (the title is checked by its own test
    // below), and each has a reason.
    let of_lines = DIFFERENCES
        .iter()
        .filter(|(d, _)| !matches!(d, Difference::Title(_)))
        .count();
    assert_eq!(
        used.len(),
        of_lines,
        "a difference in DIFFERENCES is no longer used"
    );
    assert!(DIFFERENCES.iter().all(|(_, reason)| reason.len() > 20));
}

#[test]
fn everything_added_is_marked() {
    let markdown = render::article_markdown();
    let article: BTreeSet<String> = ARTICLE.lines().map(normalize).collect();
    let mut in_open_questions = false;
    // A block quote that opens with the marker marks every line of it.
    let mut in_marked_quote = false;
    let mut unmarked = Vec::new();
    for line in markdown.lines() {
        in_marked_quote = line.starts_with('>')
            && (in_marked_quote || line.starts_with("> **Not in the article"));
        let text = normalize(line);
        if text.is_empty() || line.starts_with("<!--") || article.contains(&text) || in_marked_quote
        {
            continue;
        }
        if line.starts_with('#') {
            in_open_questions = text == "Open questions" || text == "Differences from the article";
            // The title is a listed difference; the open questions and the differences are
            // marked below.
            let title = DIFFERENCES
                .iter()
                .any(|(d, _)| *d == Difference::Title(leak(&text)));
            assert!(title || in_open_questions, "unexpected heading `{line}`");
            continue;
        }
        let marked = text.to_lowercase().contains("not in the article");
        let split_scope = Scopes::from_scope(&text).is_some();
        if !(marked || split_scope || in_open_questions) {
            unmarked.push(line.to_string());
        }
    }
    assert!(
        unmarked.is_empty(),
        "rendered lines the article does not hold, unmarked:\n{}",
        unmarked.join("\n")
    );
    // The open questions and the differences say they are not the article's.
    for heading in ["## Open questions", "## Differences from the article"] {
        let section = markdown.split(heading).nth(1).unwrap();
        assert!(
            section
                .trim_start()
                .starts_with("> **Not in the article:**"),
            "{section}"
        );
    }
    // Every difference is listed in the reviewers' copy with its reason.
    for (_, reason) in DIFFERENCES {
        assert!(markdown.contains(reason), "{reason}");
    }
}

fn leak(text: &str) -> &'static str {
    Box::leak(text.to_string().into_boxed_str())
}

/// Section 2's blocks, one per flow, as (the block's title, its items in order), for the
/// application level or the agent level, from lines of text: a title ends with `:`; the
/// article runs a block's scopes together on one line.
fn blocks(lines: &[String], layer: Layer) -> Vec<(String, Vec<String>)> {
    let (start, end) = match layer {
        Layer::Application => ("Application Level Permissions", "Agent Level Permissions"),
        _ => ("Agent Level Permissions", "Open questions"),
    };
    let from = lines.iter().position(|l| l == start).expect(start) + 1;
    let mut blocks: Vec<(String, Vec<String>)> = Vec::new();
    for line in lines[from..]
        .iter()
        .take_while(|l| *l != end && *l != "Comments")
    {
        if is_block_title(line) {
            blocks.push((line.clone(), Vec::new()));
        } else if let Some((_, items)) = blocks.last_mut() {
            // Blank lines, the page's list markers, and the customer's choices below a block.
            if line.is_empty() || line == "-" || line.starts_with("*Your choice:*") {
                continue;
            }
            match run_together(line) {
                // Run together, in the article's order: split at each scope name.
                Some(_) => items.extend(split_in_order(line)),
                None => items.push(line.clone()),
            }
        }
    }
    blocks
}

/// A block's title in Section 2: a flow's title and `:`, or a heading the article rewords.
fn is_block_title(line: &str) -> bool {
    Flow::ALL
        .iter()
        .any(|flow| line.strip_suffix(':') == Some(flow.title()))
        || DIFFERENCES
            .iter()
            .any(|(d, _)| matches!(*d, Difference::Reworded { article, .. } if article == line))
}

/// The scope names of a run-together line, in the order written.
fn split_in_order(line: &str) -> Vec<String> {
    let mut rest = line;
    let mut names = Vec::new();
    while let Some((_, name)) = Scopes::all()
        .scopes()
        .filter(|(_, name)| rest.starts_with(name))
        .max_by_key(|(_, name)| name.len())
    {
        names.push(name.to_string());
        rest = &rest[name.len()..];
    }
    names
}

/// Fidelity that sees order: every block of Section 2, in both copies, lists the article's
/// items in the article's order, under the article's title (or the listed rewording).
#[test]
fn section_2_keeps_the_article_order() {
    let article: Vec<String> = ARTICLE.lines().map(normalize).collect();
    for page in [
        render::article_markdown(),
        render::customer_article_markdown(),
    ] {
        let rendered: Vec<String> = page
            .lines()
            .map(|line| normalize(line.split(" *(").next().unwrap_or(line)))
            .collect();
        for layer in [Layer::Application, Layer::Agent] {
            let (ours, theirs) = (blocks(&rendered, layer), blocks(&article, layer));
            assert_eq!(ours.len(), Flow::ALL.len(), "{layer:?}: {ours:?}");
            assert_eq!(theirs.len(), Flow::ALL.len(), "{layer:?}: {theirs:?}");
            for ((_, mine), (title, article_items)) in ours.iter().zip(&theirs) {
                assert_eq!(mine, article_items, "{layer:?} {title}");
            }
        }
    }
}

#[test]
fn the_title_is_a_listed_difference() {
    let markdown = render::article_markdown();
    let title = markdown.lines().next().unwrap().trim_start_matches("# ");
    assert!(!ARTICLE.lines().any(|line| line.trim() == title));
    assert!(DIFFERENCES
        .iter()
        .any(|(d, _)| *d == Difference::Title(leak(title))));
    assert_eq!(title, "HaloPSA Privileges");
}

#[test]
fn the_article_keeps_its_own_verdicts() {
    let markdown = render::article_markdown();
    for verdict in [
        "Configuration - none required",
        "Miscellaneous Permissions - none required",
        "Asset Type Restrictions - not used in Datagate",
        "Ticket Type Restrictions - none required",
    ] {
        assert!(markdown.contains(&format!("- {verdict}\n")), "{verdict}");
    }
    // Client Restrictions has no verdict in the article, and none is made up.
    let at = markdown
        .find("- Client Restrictions\n")
        .expect("the line, as the article has it");
    let next = markdown[at..].lines().nth(1).unwrap();
    assert!(
        next.contains("Not in the article") && next.contains("Open questions"),
        "{next}"
    );
    assert!(
        !next.contains("none required") && !next.contains("not used"),
        "{next}"
    );
}

/// The setup guide for any flows uses the article's words and marks what it adds: each line is
/// the article's, or states a requirement citing Section 2, or is marked, or is a heading or an
/// open question.
#[test]
fn setup_guides_use_the_same_words_and_marking() {
    let article: BTreeSet<String> = ARTICLE.lines().map(normalize).collect();
    for bits in 1..32u8 {
        let flows = halopsa_privileges::Flows::from_bits_truncate(bits);
        let setup = render::role_setup_markdown(flows);
        let mut in_open_questions = false;
        for line in setup.lines() {
            let text = normalize(line);
            if line.starts_with('#') {
                in_open_questions = text == "Open questions";
                continue;
            }
            let ok = text.is_empty()
                || line.starts_with("<!--")
                || article.contains(&text)
                || text.contains("Section 2)")
                || text.to_lowercase().contains("not in the article")
                || in_open_questions
                || text == "none";
            assert!(ok, "{flows}: unmarked `{line}`");
        }
        // Section 1's verdicts are the article's words wherever the flows do not need the group.
        assert!(
            setup.contains("- Configuration - none required\n"),
            "{flows}"
        );
    }
}

/// The customers' copy holds every line of the article in the article's order, says nothing
/// written for reviewers, and adds nothing the reviewers' copy does not show marked: the
/// settings of the screenshots where they stood, the API application where the article names
/// the application level, and each open point as the customer's choice.
#[test]
fn the_customers_copy_is_the_article_with_its_additions_in_place() {
    let page = render::customer_article_markdown();
    let reviewers = render::article_markdown();
    assert_in_article_order(&page);
    for reviewer in [
        "Not in the article",
        "the crate",
        "Open up to",
        "The article's words",
        "Open questions",
        "does not say",
        "does not settle",
        "## Notes",
    ] {
        assert!(
            !page.contains(reviewer),
            "`{reviewer}` in the customers' copy"
        );
    }
    let article: BTreeSet<String> = ARTICLE.lines().map(normalize).collect();
    for line in page.lines() {
        let text = normalize(line);
        let ok = text.is_empty()
            || line.starts_with("<!--")
            || article.contains(&text)
            || Scopes::from_scope(&text).is_some()
            || reviewers.contains(&text)
            || DIFFERENCES
                .iter()
                .any(|(d, _)| *d == Difference::Title(leak(&text)));
        assert!(ok, "not in the reviewers' copy: `{line}`");
    }
    // Each addition stands where the screenshot or the article's pointer stood.
    let between = |after: &str, before: &str| {
        let from = page.find(after).expect(after) + after.len();
        let to = from + page[from..].find(before).expect(before);
        page[from..to].to_string()
    };
    let role = between("configure as below:", "### 2. Create an Agent");
    for (area, level) in halopsa_privileges::required_for(
        Flows::CUSTOMERS_SYNC | Flows::INVOICE_EXPORT_MULTILINE | Flows::INVOICE_EXPORT_CHARGES,
    )
    .privileges()
    .levels()
    .filter(|&(_, level)| level != AccessLevel::NoAccess)
    {
        let item = Item::Access(area, level).to_string();
        assert!(role.contains(&format!("\n- {item}\n")), "{item}");
    }
    let agent = between("Set up as below.", "Permissions can be inherited");
    assert!(
        agent.contains("\n- Is a Halo Administrator: No\n"),
        "{agent}"
    );
    assert!(agent.contains("\n- Roles: the role of step 1\n"), "{agent}");
    let application = between("Application Level Permissions", "- **Customers sync:**");
    assert!(
        application.contains("View Applications") && application.contains("Login Type"),
        "{application}"
    );
    // Every open point is the customer's choice, once, with a recommendation.
    for point in halopsa_privileges::OpenPoint::ALL {
        let choice = format!("*Your choice:* {}", point.decision());
        assert_eq!(page.matches(&choice).count(), 1, "{}", point.title());
        assert!(reviewers.contains(point.decision()), "{}", point.title());
    }
    let client = between("- Client Restrictions\n", "- Asset Type Restrictions");
    assert!(client.contains("*Your choice:*"), "{client}");
}

/// Every line of the article is in `page` in the article's order (a reworded line as
/// rendered; page chrome and run-together scope lines aside, those are checked as blocks).
fn assert_in_article_order(page: &str) {
    let rendered: Vec<String> = page
        .lines()
        .map(|line| normalize(line.split(" *(").next().unwrap_or(line)))
        .collect();
    let mut at = 0;
    for line in ARTICLE
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
    {
        let chrome = DIFFERENCES
            .iter()
            .any(|(d, _)| *d == Difference::PageChrome(leak(line)));
        if chrome || run_together(line).is_some() {
            continue;
        }
        let text = normalize(line);
        let found = rendered[at..].iter().position(|l| {
            *l == text
                || DIFFERENCES.iter().any(|(d, _)| {
                    matches!(*d, Difference::Reworded { article, rendered }
                        if article == line && l.starts_with(rendered))
                })
        });
        match found {
            Some(found) => at += found + 1,
            None => panic!("`{line}` is not in the page in the article's order (after line {at})"),
        }
    }
}

#[test]
fn the_reviewers_copy_keeps_the_article_order() {
    assert_in_article_order(&render::article_markdown());
}
