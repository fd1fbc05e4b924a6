//! A bounded fuzzing run of `halopsa-privileges audit`: mutated grant files and token responses from
//! the corpus in `tests/data/fuzz`, and mutated arguments, with a fixed seed. Every run must end
//! (no stall), exit with a documented code (no panic), print no raw control, bidi or zero-width
//! character, and, with `--json`, exit with the code its report implies.
#![cfg(unix)]

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The cases run: a few seconds in a debug build.
const CASES: usize = 1500;
/// The most one run may take.
const TIMEOUT: Duration = Duration::from_secs(20);

/// A fixed-seed xorshift generator: the same cases on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The audit example, built by `cargo test` beside the test binaries.
fn audit() -> PathBuf {
    // The tool's binary, built by `cargo test` for its integration tests.
    PathBuf::from(env!("CARGO_BIN_EXE_halopsa-privileges"))
}

/// Text people paste, and text that attacks: inserted at random places.
const PIECES: &[&str] = &[
    "\u{202E}",
    "\u{200B}",
    "\u{2028}",
    "\u{0007}",
    "\u{007F}",
    "\u{0085}",
    "\u{FEFF}",
    "\"",
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "unknown",
    "at least read",
    "at most",
    "Read, Modify and Create",
    "Yes",
    "No",
    "✓",
    "null",
    "0",
    "1e999",
    "-",
    "\\u0000",
    "“",
    "”",
    "read:opportunities",
    "Opportunities",
    "Administrator",
    "dedicated",
    "roles",
    "agent",
    "Role Name",
    "\n",
    "\t",
    "<script>",
    "&amp;",
    "é",
    "\u{1F6A8}",
];

fn mutate(rng: &mut Rng, seed: &[u8]) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    // A third of the cases change one thing, a third two, a third none or three.
    let changes = [0, 1, 1, 2, 2, 3][rng.below(6)];
    for _ in 0..changes {
        let at = if bytes.is_empty() {
            0
        } else {
            rng.below(bytes.len() + 1)
        };
        match rng.below(6) {
            0 => bytes.truncate(at),
            1 => {
                let piece = rng.pick(PIECES).as_bytes();
                bytes.splice(at..at, piece.iter().copied());
            }
            2 if at < bytes.len() => bytes[at] ^= 1 << rng.below(8),
            3 => {
                // A long run, to find what grows faster than the input.
                let piece = rng.pick(PIECES).repeat(1 + rng.below(2000));
                bytes.splice(at..at, piece.into_bytes());
            }
            4 if at < bytes.len() => {
                let end = (at + rng.below(40)).min(bytes.len());
                bytes.drain(at..end);
            }
            _ => bytes.insert(at, rng.next() as u8),
        }
    }
    bytes
}

/// Whether `text` shows a character raw that changes what a terminal or a browser shows
/// (Unicode's Bidi_Control and Default_Ignorable_Code_Point sets, control characters; the
/// crate's table is checked against ICU4X in tests/hidden.rs).
fn hidden(text: &str) -> Option<char> {
    text.chars()
        .find(|&c| c != '\n' && c != '\t' && halopsa_privileges::is_hidden(c))
}

/// Output at most this many times the input, plus [`MARGIN`] bytes (the HTML page's style and
/// the fixed sentences).
const RATIO: usize = 10;
const MARGIN: usize = 64 * 1024;

/// The secret marker of the corpus: it stands only in call paths (user information, path
/// parameters, queries), which the crate never shows.
const SECRET: &str = "SECRETMARK";

/// Whether `input` is a list of calls whose every `SECRETMARK` sits in a `path`: then no output
/// may show it (elsewhere, a mutation may have moved it into text that is shown as written).
fn secrets_only_in_paths(input: &[u8]) -> bool {
    let Ok(serde_json::Value::Array(calls)) = serde_json::from_slice::<serde_json::Value>(input)
    else {
        return false;
    };
    let in_paths: usize = calls
        .iter()
        .filter_map(|call| call.get("path").and_then(|path| path.as_str()))
        .map(|path| path.matches(SECRET).count())
        .sum();
    in_paths > 0 && in_paths == String::from_utf8_lossy(input).matches(SECRET).count()
}

/// The arguments for a case: the input as the kind its seed is (`token-*` a token response,
/// `halo-agent-*` the agent's JSON, `halo-role-*` a role's JSON beside the sample agent,
/// `calls-*` the calls made, anything else a grant file; now and then read as another kind),
/// then options.
fn arguments(rng: &mut Rng, seed: &str, file: &str) -> Vec<OsString> {
    let mut args: Vec<OsString> = Vec::new();
    let seed = seed.rsplit('/').next().unwrap_or(seed);
    let kind = if rng.below(8) == 0 { "" } else { seed };
    if kind.starts_with("token-") || (kind.is_empty() && rng.below(2) == 0) {
        args.push("--token-response".into());
    } else if kind.starts_with("halo-agent-") {
        args.push("--halo-agent".into());
    } else if kind.starts_with("halo-role-") {
        args.push("--halo-agent".into());
        args.push("../examples/halo/agent-me.json".into());
        args.push("--halo-role".into());
    } else if kind.starts_with("calls-") {
        args.push("--calls".into());
    }
    args.push(file.into());
    // Mostly valid options; now and then a bad one.
    let valid: &[&[u8]] = &[
        b"--json",
        b"--json",
        b"--html",
        b"--strict",
        b"--flows=all",
        b"--flows=customers-sync,invoice-export-charges",
        b"--flows=service-items-sync",
    ];
    let options: &[&[u8]] = &[
        b"--json",
        b"--html",
        b"--strict",
        b"--flows",
        b"--flows=all",
        b"--flows=customers",
        b"--flows=customers-sync,invoice-export-charges",
        b"--flows=\xff\xfe",
        b"--",
        b"-x",
        b"--max-bytes",
        b"1000",
        b"caf\xe9.json",
    ];
    let pool = if rng.below(4) == 0 { options } else { valid };
    let mut seen = Vec::new();
    for _ in 0..rng.below(3) {
        let option = rng.pick(pool).to_vec();
        if pool == valid && seen.contains(&option) {
            continue;
        }
        seen.push(option.clone());
        args.push(OsString::from_vec(option));
    }
    args
}

#[test]
fn the_audit_survives_mutated_files_and_arguments() {
    let audit = audit();
    let corpus: Vec<(String, Vec<u8>)> = std::fs::read_dir("tests/data/fuzz")
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            (path.display().to_string(), std::fs::read(&path).unwrap())
        })
        .collect();
    assert!(corpus.len() >= 16);
    let dir = std::env::temp_dir().join(format!("halopsa-fuzz-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let start = Instant::now();
    let mut codes = [0usize; 4];
    let mut secret_checks = 0;
    // Runs that checked something (exit 0, 1 or 3), by the seed's kind.
    let mut kinds: std::collections::BTreeMap<&str, usize> = Default::default();
    for case in 0..CASES {
        let (name, seed) = rng.pick(&corpus);
        let input = dir.join(format!("case-{case}.json"));
        let bytes = mutate(&mut rng, seed);
        std::fs::write(&input, &bytes).unwrap();
        let args = arguments(&mut rng, name, input.to_str().unwrap());
        let mut child = Command::new(&audit)
            .arg("audit")
            .args(&args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let began = Instant::now();
        while child.try_wait().unwrap().is_none() {
            if began.elapsed() > TIMEOUT {
                child.kill().unwrap();
                panic!("case {case} (from {name}, args {args:?}) ran past {TIMEOUT:?}");
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        let out = child.wait_with_output().unwrap();
        let code = out.status.code().unwrap_or(-1);
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let case_says =
            || format!("case {case} (from {name}, args {args:?}): exit {code}\n{stderr}");
        assert!((0..=3).contains(&code), "{}", case_says());
        codes[code as usize] += 1;
        if code != 2 {
            let kind = ["token-", "halo-agent-", "halo-role-", "calls-"]
                .into_iter()
                .find(|kind| name.contains(&format!("/{kind}")))
                .unwrap_or("grant");
            *kinds.entry(kind).or_default() += 1;
        }
        // FUZZ_SHOW=1 prints the first line of every bad-input error, to see what the cases reach.
        if std::env::var_os("FUZZ_SHOW").is_some() && code == 2 {
            eprintln!(
                "{}",
                stderr
                    .lines()
                    .next()
                    .unwrap_or("")
                    .chars()
                    .take(90)
                    .collect::<String>()
            );
        }
        assert_eq!(hidden(&stdout), None, "stdout: {}", case_says());
        assert_eq!(hidden(&stderr), None, "stderr: {}", case_says());
        // The inputs read: the mutated file, and the sample agent beside a role.
        let read = bytes.len() + 4096;
        for (what, text) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
            assert!(
                text.len() <= RATIO * read + MARGIN,
                "{what} of {} bytes for {read} bytes in: {}",
                text.len(),
                case_says()
            );
        }
        if secrets_only_in_paths(&bytes) {
            secret_checks += 1;
            assert!(
                !stdout.contains(SECRET),
                "a secret on stdout: {}",
                case_says()
            );
            assert!(
                !stderr.contains(SECRET),
                "a secret on stderr: {}",
                case_says()
            );
        }
        if code != 2 && args.iter().any(|a| a == "--json") {
            let report: serde_json::Value = serde_json::from_str(&stdout).expect("JSON report");
            let none = |key: &str| report[key].as_array().is_some_and(Vec::is_empty);
            let strict = args.iter().any(|a| a == "--strict");
            let expected = if !none("blocked") || (strict && !none("excess")) {
                1
            } else if !none("unverified") {
                3
            } else {
                0
            };
            assert_eq!(code, expected, "{}", case_says());
        }
        let _ = std::fs::remove_file(&input);
    }
    let _ = std::fs::remove_dir(&dir);
    println!(
        "{CASES} cases in {:?}; exit codes 0/1/2/3: {codes:?}; checked by kind: {kinds:?}; \
         secret checks: {secret_checks}",
        start.elapsed()
    );
    // Every kind of input reaches past its parser, and the secret check runs.
    assert_eq!(kinds.len(), 5, "{kinds:?}");
    assert!(secret_checks > 10, "{secret_checks}");
    // The mutations reach past the parser: some runs check a grant.
    assert!(codes[0] + codes[1] + codes[3] > CASES / 20, "{codes:?}");
}

/// The forms people save, each read with a note on standard error: UTF-16 with a byte order
/// mark, typographic quotes, comments and trailing commas.
#[test]
fn the_audit_reads_the_files_people_save() {
    let audit = audit();
    for (file, note) in [
        ("utf16-bom.json", None),
        ("smart-quotes.json", Some("typographic quotes")),
        ("commented.json", Some("read as JSON5")),
    ] {
        let out = Command::new(&audit)
            .arg("audit")
            .arg(format!("tests/data/fuzz/{file}"))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            matches!(out.status.code(), Some(0 | 1 | 3)),
            "{file}: {stderr}"
        );
        if let Some(note) = note {
            assert!(stderr.contains(note), "{file}: {stderr}");
        }
    }
    // UTF-16 without a byte order mark: an error that names the encoding.
    let dir = std::env::temp_dir().join(format!("halopsa-utf16-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let text = std::fs::read_to_string("tests/data/fuzz/least-privilege.json").unwrap();
    let utf16: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let path = dir.join("utf16.json");
    std::fs::write(&path, utf16).unwrap();
    let out = Command::new(&audit)
        .arg("audit")
        .arg(&path)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr.contains("UTF-16 without a byte order mark"),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// The same grant in every spelling the crate accepts gives the same `--json` verdict and exit
/// code: scopes as a string, with commas, as a list or an object; areas by id, HaloPSA's name or
/// other vendors' ("Customers Access Level"); levels by id or label; flags as a list or as an
/// object of Yes/ticked/true/1/✓; a byte order mark, typographic quotes, comments.
#[test]
fn one_grant_in_every_spelling_gives_one_verdict() {
    let audit = audit();
    let scopes = [
        r#""read:customers read:items read:invoices read:assets""#,
        r#""read:customers, read:items, read:invoices, read:assets""#,
        r#"["read:customers", "read:items", "read:invoices", "read:assets"]"#,
        r#"{"read:customers": true, "read:items": true, "read:invoices": true, "read:assets": "Yes"}"#,
    ];
    let clients = [
        "clients",
        "Clients",
        "Clients Access Level",
        "Customers Access Level",
        "customers",
    ];
    let read = [
        "read",
        "Read",
        "Read Only",
        "READ ONLY",
        "at least read, at most read",
    ];
    let flags = [
        r#"["all-asset-types", "all-asset-fields"]"#,
        r#"{"Allow use of all Asset Types": "Yes", "Allow use of all Asset Fields": "ticked"}"#,
        r#"{"all-asset-types": true, "all-asset-fields": 1}"#,
        r#"{"all-asset-types": "✓", "Asset Field Restrictions: Allow use of all Asset Fields": "Y"}"#,
    ];
    let dir = std::env::temp_dir().join(format!("halopsa-spellings-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut verdicts = std::collections::BTreeSet::new();
    let mut n = 0;
    for (i, scope) in scopes.iter().enumerate() {
        for (j, area) in clients.iter().enumerate() {
            let level = read[(i + j) % read.len()];
            let flag = flags[(i + 2 * j) % flags.len()];
            let text = format!(
                r#"{{"scopes": {scope}, "access": {{"{area}": "{level}", "items": "{level}", "invoices": "read", "assets": "{level}"}}, "flags": {flag}}}"#
            );
            // Now and then as people save it: a byte order mark, typographic quotes, a comment.
            let text = match n % 4 {
                1 => format!("\u{feff}{text}"),
                2 => text.replacen("\"scopes\"", "\u{201c}scopes\u{201d}", 1),
                3 => format!("// from the customer's screenshots\n{text}"),
                _ => text,
            };
            n += 1;
            let path = dir.join(format!("spelling-{n}.json"));
            std::fs::write(&path, text.as_bytes()).unwrap();
            let out = Command::new(&audit)
                .arg("audit")
                .arg(&path)
                .arg("--json")
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_ne!(out.status.code(), Some(2), "{text}: {stderr}");
            let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            verdicts.insert(format!(
                "{} {} {} {}",
                out.status.code().unwrap_or(-1),
                report["runnable"],
                report["blocked"],
                report["unverified"]
            ));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(verdicts.len(), 1, "{verdicts:#?}");
    assert!(n >= 20);
}
