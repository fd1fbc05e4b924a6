//! The audit's inputs: reading files (size limit, encodings, typographic quotes, JSON5) and
//! gathering a grant file, a token response, HaloPSA's JSON of the agent and its roles and the
//! calls the backend made into one grant file, with notes on what could not be read and where
//! the sources disagree.

use std::io;

use halopsa_privileges::{Call, Decision, Flows, GrantFile, HaloAgent, HaloAnswers, HaloRole};

use super::{shown, warn};

/// What to check: a grant file, a token response, HaloPSA's JSON of the agent and its roles,
/// the calls made (any of them).
#[derive(Default)]
pub(crate) struct Input {
    pub(crate) grant: Option<String>,
    pub(crate) token: Option<String>,
    pub(crate) agent: Option<String>,
    pub(crate) roles: Vec<String>,
    pub(crate) calls: Option<String>,
}

impl Input {
    pub(crate) fn is_empty(&self) -> bool {
        self.grant.is_none()
            && self.token.is_none()
            && self.agent.is_none()
            && self.roles.is_empty()
            && self.calls.is_none()
    }
}

/// Every input given, read and decided on through the library's one path
/// ([`HaloAnswers::decide`]): the token and the calls give the scopes, a grant file or HaloPSA's
/// JSON the agent's settings (both: combined role by role). Notes on stderr say what could not be
/// read and where two sources disagree (neither is then taken). Returns the inputs' names (for
/// messages) and the decision.
pub(crate) fn decide(
    input: &Input,
    flows: Flows,
    limit: u64,
) -> Result<(String, Decision), String> {
    let mut answers = HaloAnswers::new();
    let mut names: Vec<String> = Vec::new();
    if let Some(path) = &input.grant {
        let name = format!("the grant file `{}`", shown(path));
        answers = answers.with_grant_file_named(name.clone(), load(path, limit, "grant")?);
        names.push(name);
    }
    if let Some(path) = &input.agent {
        let name = format!("HaloPSA's agent JSON `{}`", shown(path));
        let agent: HaloAgent = load(path, limit, "agent JSON (GET /api/Agent/me)")?;
        answers = answers.with_agent_named(name.clone(), agent);
        for role_path in &input.roles {
            let role: HaloRole = load(role_path, limit, "role JSON (GET /api/Roles/{id})")?;
            answers = answers.with_role(role);
        }
        // The grant file and the agent's JSON are one description, compared role by role.
        match names.pop() {
            Some(file) => names.push(format!("{file} and {name}")),
            None => names.push(name),
        }
    }
    if let Some(path) = &input.token {
        let name = format!("the token `{}`", shown(path));
        answers = answers.with_token_named(name.clone(), load(path, limit, "token response")?);
        names.push(name);
    }
    if let Some(path) = &input.calls {
        let name = format!("the calls file `{}`", shown(path));
        let calls: Vec<Call> = load(path, limit, "list of calls")?;
        answers = answers.with_calls_named(name.clone(), calls);
        names.push(name);
    }
    if names.is_empty() {
        return Err("nothing to check".into());
    }
    let decision = answers
        .decide(flows)
        .map_err(|err| format!("the role JSON given: {}", shown(&err.to_string())))?;
    for note in decision.notes() {
        warn(&format!("note: {}", shown(note)));
    }
    // A few of what could not be read, then a count: an input may hold many.
    let unread = decision.not_recognised();
    for line in unread.iter().take(10) {
        warn(&format!("note: not read: {}", shown(line)));
    }
    if unread.len() > 10 {
        warn(&format!("note: and {} more not read", unread.len() - 10));
    }
    Ok((names.join(" and "), decision))
}

/// Reads a file, or standard input for `-`, up to `limit` bytes: a larger input is an error
/// (so that `/dev/zero` or a runaway file cannot exhaust memory).
fn read(path: &str, limit: u64) -> Result<String, String> {
    let name = if path == "-" {
        "standard input".to_string()
    } else {
        format!("`{}`", shown(path))
    };
    let source: Box<dyn io::Read> = if path == "-" {
        Box::new(io::stdin())
    } else {
        Box::new(std::fs::File::open(path).map_err(|err| format!("cannot read {name}: {err}"))?)
    };
    let mut bytes = Vec::new();
    // One byte more than the limit tells a larger input; at the largest limit, no more.
    io::Read::read_to_end(
        &mut io::Read::take(source, limit.saturating_add(1)),
        &mut bytes,
    )
    .map_err(|err| format!("cannot read {name}: {err}"))?;
    if bytes.len() as u64 > limit {
        return Err(format!(
            "{name} is larger than {limit} bytes, the limit (a grant file is a few kilobytes; \
             raise it with `--max-bytes N`)"
        ));
    }
    decode(bytes).map_err(|why| format!("{name} {why}"))
}

/// The text of a file: UTF-8, or UTF-16 with a byte order mark (what Windows PowerShell 5
/// writes by default). Anything else is an error that names the likely encoding.
fn decode(bytes: Vec<u8>) -> Result<String, String> {
    let utf16 = |bytes: &[u8], unit: fn([u8; 2]) -> u16| {
        let units = bytes
            .chunks(2)
            .map(|pair| unit([pair[0], *pair.get(1).unwrap_or(&0)]));
        char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .map_err(|_| "is UTF-16 with a byte order mark, but not valid UTF-16".to_string())
    };
    match bytes.as_slice() {
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes),
        // NUL is valid UTF-8, but in a JSON file it means UTF-16 without a byte order mark.
        _ if bytes.contains(&0) => Err("looks like UTF-16 without a byte order mark: save it \
                                        as UTF-8 (or UTF-16 with a byte order mark)"
            .to_string()),
        _ => String::from_utf8(bytes).map_err(|err| {
            format!(
                "is not UTF-8 text (byte {} is not; perhaps Windows-1252 or Latin-1): save it as \
                 UTF-8",
                err.utf8_error().valid_up_to()
            )
        }),
    }
}

/// Reads `path` (up to `limit` bytes) as the JSON of a `what`; the error names the file and says
/// what is wrong, echoes escaped and cut.
fn load<T: serde::de::DeserializeOwned>(path: &str, limit: u64, what: &str) -> Result<T, String> {
    let text = read(path, limit)?;
    from_json(GrantFile::without_bom(&text), path).map_err(|err| {
        format!(
            "`{}` is not a valid {what}: {}",
            shown(path),
            shown(&err.to_string())
        )
    })
}

/// Whether `text` may hold `//` or `/* */` comments or a comma before `}` or `]`.
fn looks_commented(text: &str) -> bool {
    let trailing = |close: char| {
        text.split(close).any(|before| {
            before
                .trim_end_matches(|c: char| c.is_whitespace())
                .ends_with(',')
        })
    };
    text.contains("//") && !text.contains("://")
        || text.contains("/*")
        || trailing('}')
        || trailing(']')
}

/// The deepest nesting the lenient reader accepts: serde_json's own limit for strict JSON.
const MAX_NESTING: usize = 128;

/// How deep `text` nests `[` and `{`, outside strings (double- or single-quoted, as JSON5
/// allows) and comments: one pass, no recursion.
fn nesting(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut depth, mut deepest, mut i) = (0usize, 0usize, 0usize);
    while i < bytes.len() {
        match bytes[i] {
            quote @ (b'"' | b'\'') => {
                i += 1;
                while i < bytes.len() && bytes[i] != quote {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < bytes.len() && !(bytes[i] == b'*' && bytes[i + 1] == b'/') {
                    i += 1;
                }
                i += 1;
            }
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    deepest
}

/// Reads JSON; when it fails and the text holds typographic quotes (what word processors and
/// chat tools put in), reads it again with plain quotes and says so.
fn from_json<T: serde::de::DeserializeOwned>(
    text: &str,
    path: &str,
) -> Result<T, serde_json::Error> {
    const CURLY: [char; 4] = ['\u{201C}', '\u{201D}', '\u{2018}', '\u{2019}'];
    match serde_json::from_str(text) {
        Ok(value) => Ok(value),
        // Comments and trailing commas, which people add to files they keep: read by a parser
        // made for them (JSON5, a superset of JSON), and said so. That parser recurses without a
        // limit, so the nesting is measured first and held to serde_json's own limit.
        Err(err) if looks_commented(text) && nesting(text) > MAX_NESTING => {
            Err(<serde_json::Error as serde::de::Error>::custom(format!(
                "{err} (read with comments and trailing commas too, it nests deeper than \
                 {MAX_NESTING} levels, the limit)"
            )))
        }
        Err(err) if looks_commented(text) => match json5::from_str(text) {
            Ok(value) => {
                warn(&format!(
                    "note: `{}` has comments or trailing commas, which JSON does not allow; it \
                     was read as JSON5",
                    shown(path)
                ));
                Ok(value)
            }
            Err(_) => Err(err),
        },
        Err(err) if text.contains(CURLY) => {
            let plain = text
                .replace(['\u{201C}', '\u{201D}'], "\"")
                .replace(['\u{2018}', '\u{2019}'], "'");
            match serde_json::from_str(&plain) {
                Ok(value) => {
                    warn(&format!(
                        "note: `{}` uses typographic quotes (\u{201C} \u{201D}); they were read as \
                         plain quotes",
                        shown(path)
                    ));
                    Ok(value)
                }
                Err(_) => Err(err),
            }
        }
        Err(err) => Err(err),
    }
}
