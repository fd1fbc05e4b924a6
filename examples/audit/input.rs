//! The audit's inputs: reading files (size limit, encodings, typographic quotes, JSON5) and
//! gathering a grant file, a token response, HaloPSA's JSON of the agent and its roles and the
//! calls the backend made into one grant file, with notes on what could not be read and where
//! the sources disagree.

use std::io;

use halopsa_privileges::{
    grant_from_calls, Call, Evidence, Grant, GrantFile, HaloAgent, HaloRole, TokenResponse,
};

use crate::{shown, warn};

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

/// What the audit checks: one grant file from every input, its name for messages, the calls
/// read, and the evidence (every source by name, what each says).
pub(crate) struct Gathered {
    pub(crate) name: String,
    pub(crate) file: GrantFile,
    pub(crate) calls: Vec<Call>,
    pub(crate) evidence: Evidence,
    /// What an input held that the crate could not read (claims, scope names, calls), one line
    /// each naming the input.
    pub(crate) not_recognised: Vec<String>,
}

/// The grant to check, from every input given: the token and the calls give the scopes, a grant
/// file or HaloPSA's JSON the agent's settings (both: combined role by role). Notes on stderr
/// say what could not be read and where two sources disagree (neither is then taken).
pub(crate) fn gather(input: &Input, limit: u64) -> Result<Gathered, String> {
    let mut evidence = Evidence::new();
    let mut not_recognised = Vec::new();
    let mut file: Option<(String, GrantFile)> = None;
    // The inputs already compared role by role (a grant file and the agent's JSON).
    let mut by_role: Vec<String> = Vec::new();
    if let Some(path) = &input.grant {
        let name = format!("the grant file `{}`", shown(path));
        let grant_file = load::<GrantFile>(path, limit, "grant")?;
        evidence.add(name.clone(), grant_file.grant());
        file = Some((name, grant_file));
    }
    if let Some(path) = &input.agent {
        let name = format!("HaloPSA's agent JSON `{}`", shown(path));
        let (agent, unread) = agent_file(input, path, limit)?;
        not_recognised.extend(unread.iter().map(|line| format!("{name}: {line}")));
        evidence.add(name.clone(), agent.grant());
        file = Some(match file {
            None => (name, agent),
            Some((file_name, grant_file)) => {
                let (both, notes) = grant_file.combined(&file_name, &agent, &name);
                by_role = vec![file_name.clone(), name.clone()];
                for note in notes {
                    warn(&format!("note: {}", shown(&note)));
                }
                (format!("{file_name} and {name}"), both)
            }
        });
    }
    let mut names: Vec<String> = file.iter().map(|(name, _)| name.clone()).collect();
    if let Some(path) = &input.token {
        let name = format!("the token `{}`", shown(path));
        let (grant, unread) = token_grant(path, &name, limit)?;
        not_recognised.extend(
            unread
                .iter()
                .map(|scope| format!("{name}: scope `{scope}`")),
        );
        evidence.add(name.clone(), grant);
        names.push(name);
    }
    let mut calls: Vec<Call> = Vec::new();
    if let Some(path) = &input.calls {
        let name = format!("the calls file `{}`", shown(path));
        calls = load(path, limit, "list of calls")?;
        for call in calls
            .iter()
            .filter(|call| call.endpoint().is_none())
            .take(5)
        {
            warn(&format!("note: {name}: {}", call.explain()));
        }
        evidence.add(name.clone(), grant_from_calls(&calls, &evidence.grant()));
        names.push(name);
    }
    if names.is_empty() {
        return Err("nothing to check".into());
    }
    // The grant file and the agent's JSON were compared role by role above.
    let compared = |name: &str| by_role.iter().any(|named| named == name);
    for (first, second, conflict) in evidence.disagreements() {
        if !(compared(first) && compared(second)) {
            warn(&format!(
                "note: sources disagree: {}",
                conflict.between(first, second)
            ));
        }
    }
    let grant = evidence.grant();
    let file = match file {
        None => GrantFile::flat(grant),
        Some((_, file)) => {
            // A flat grant keeps the combined grant whole; otherwise the agent settings are
            // joined again from their sources, and the scopes are the combined ones.
            let combined = if file.sources().is_empty() {
                GrantFile::flat(grant)
            } else {
                GrantFile::from_source_grants(grant, file.sources().to_vec())
            }
            .with_not_modeled(file.not_modeled().to_vec());
            match file.notes() {
                Some(notes) => combined.with_notes(notes),
                None => combined,
            }
        }
    };
    Ok(Gathered {
        name: names.join(" and "),
        file,
        calls,
        evidence,
        not_recognised,
    })
}

/// HaloPSA's JSON of the agent (and of its roles), as a grant file with one source each; notes
/// on what was not read and where its own parts disagree.
fn agent_file(input: &Input, path: &str, limit: u64) -> Result<(GrantFile, Vec<String>), String> {
    let mut agent: HaloAgent = load(path, limit, "agent JSON (GET /api/Agent/me)")?;
    for role_path in &input.roles {
        let role: HaloRole = load(role_path, limit, "role JSON (GET /api/Roles/{id})")?;
        agent = agent
            .with_role(role)
            .map_err(|why| format!("`{}`: {}", shown(role_path), shown(&why.to_string())))?;
    }
    for line in agent.unrecognised().take(10) {
        warn(&format!(
            "note: `{}`: not read: {}",
            shown(path),
            shown(line)
        ));
    }
    let more = agent.unrecognised().count().saturating_sub(10);
    if more > 0 {
        warn(&format!(
            "note: `{}`: and {more} more claims not read",
            shown(path)
        ));
    }
    for line in agent.conflicts() {
        warn(&format!(
            "note: `{}`: sources disagree: {}",
            shown(path),
            shown(line)
        ));
    }
    let unread = agent
        .unrecognised()
        .map(|line| shown(line).to_string())
        .collect();
    Ok((agent.grant_file(), unread))
}

/// What a token response says of the scopes, with notes on how it was read.
fn token_grant(path: &str, name: &str, limit: u64) -> Result<(Grant, Vec<String>), String> {
    let token: TokenResponse = load(path, limit, "token response")?;
    if token.scope_from_access_token() {
        warn(&format!(
            "note: {name} has no `scope` field; the scopes are read from the access token's \
             `scope` claim (a JWT; its signature is not checked, the token is not shown)"
        ));
    } else if !token.has_scope() {
        warn(&format!(
            "note: {name} has no `scope` field (RFC 6749 lets a server leave it out when it \
             equals the requested scope) and its access token carries no readable `scope` \
             claim, so the scopes are not known"
        ));
    }
    for conflict in token.conflicts() {
        warn(&format!("note: {name}: sources disagree: {conflict}"));
    }
    // A few names, then a count: a token may hold many scopes this crate does not know.
    let unrecognised = token.unrecognised();
    for scope in unrecognised.iter().take(5) {
        warn(&format!(
            "note: {name}: the token holds the scope `{}`, which this crate does not know; it is \
             ignored",
            shown(scope)
        ));
    }
    if unrecognised.len() > 5 {
        warn(&format!(
            "note: {name}: and {} more scopes this crate does not know, ignored",
            unrecognised.len() - 5
        ));
    }
    let unread = unrecognised
        .iter()
        .map(|scope| shown(scope).to_string())
        .collect();
    Ok((token.grant(), unread))
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
    io::Read::read_to_end(&mut io::Read::take(source, limit + 1), &mut bytes)
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
        // made for them (JSON5, a superset of JSON), and said so.
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
