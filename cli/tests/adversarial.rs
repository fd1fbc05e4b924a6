//! Every case of the adversarial round on 0.3.0, pinned: what a file could do to the audit
//! (crash, stall, flood, whole echoes, secrets shown, a false pass), each run on
//! `halopsa-privileges audit` as built by `cargo test`.
#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use base64::Engine;
use serde_json::json;

/// What an answer may take on this machine in a debug build (the release CLI answers each in
/// well under a second; see the closing notes).
const TIMEOUT: Duration = Duration::from_secs(20);
/// Output at most this many times the input, plus [`MARGIN`] bytes.
const RATIO: usize = 10;
const MARGIN: usize = 64 * 1024;

fn audit() -> PathBuf {
    // The tool's binary, built by `cargo test` for its integration tests.
    PathBuf::from(env!("CARGO_BIN_EXE_halopsa-privileges"))
}

struct Dir(PathBuf);

impl Dir {
    fn new(name: &str) -> Dir {
        let dir = std::env::temp_dir().join(format!("halopsa-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        Dir(dir)
    }

    fn file(&self, name: &str, text: &str) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs the audit with `args`; checks the time, the exit code (0 to 3) and that neither output
/// is larger than the bound for `input` bytes.
fn run(args: &[&dyn AsRef<std::ffi::OsStr>], input: usize) -> Output {
    let start = Instant::now();
    let out = Command::new(audit())
        .arg("audit")
        .args(args.iter().map(|arg| arg.as_ref()))
        .output()
        .unwrap();
    let took = start.elapsed();
    let code = out.status.code();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(took < TIMEOUT, "took {took:?}");
    assert!(matches!(code, Some(0..=3)), "exit {code:?}: {stderr}");
    let bound = RATIO * input + MARGIN;
    assert!(
        out.stdout.len() <= bound,
        "stdout {} > {bound}",
        out.stdout.len()
    );
    assert!(
        out.stderr.len() <= bound,
        "stderr {} > {bound}",
        out.stderr.len()
    );
    out
}

fn size(path: &Path) -> usize {
    std::fs::metadata(path).unwrap().len() as usize
}

fn jwt(payload: &serde_json::Value) -> String {
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    format!(
        "{}.{}.c2ln",
        b64.encode(r#"{"alg":"RS256"}"#),
        b64.encode(payload.to_string())
    )
}

#[test]
fn deep_nesting_in_a_lenient_file_is_bad_input_not_a_crash() {
    let dir = Dir::new("nest");
    let deep = format!(
        "{{\"scope\": \"read:customers\", \"x\": {}{},}}",
        "[".repeat(200_000),
        "]".repeat(200_000)
    );
    let token = dir.file("token.json", &deep);
    for option in ["--token-response", "--halo-agent"] {
        let out = run(&[&option, &token], size(&token));
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains("nests deeper than 128"));
    }
}

#[test]
fn long_lists_are_linear_and_their_output_bounded() {
    let dir = Dir::new("lists");
    let names = |prefix: &str, n: usize| {
        (0..n)
            .map(|i| {
                format!("read:{prefix}{}", "x".repeat(i % 7 + 1))
                    + &i.to_string().replace(|c: char| c.is_ascii_digit(), "q")
            })
            .collect::<Vec<_>>()
    };
    // A `scope` field and a JWT claim, each with ~77,000 names the crate does not know.
    let field = names("w", 77_000).join(" ");
    let claim = names("v", 77_000).join(" ");
    let token = dir.file(
        "token.json",
        &json!({ "scope": field, "access_token": jwt(&json!({ "scope": claim })) }).to_string(),
    );
    // 63,000 areas the crate does not model.
    let areas: serde_json::Map<String, serde_json::Value> = (0..63_000)
        .map(|i| (format!("Area{i}"), json!("read")))
        .collect();
    let grant = dir.file(
        "areas.json",
        &json!({ "scopes": "read:customers", "access": areas }).to_string(),
    );
    // 1,000 roles, 30,000 empty claims, 20,000 calls.
    let roles = dir.file(
        "roles.json",
        &json!({ "scopes": "read:customers", "agent": { "access": { "clients": "read" } },
                 "roles": (0..1000).map(|i| json!({ "name": format!("R{i}"), "access": { "quotations": "read" } })).collect::<Vec<_>>() })
        .to_string(),
    );
    let claims = dir.file(
        "claims.json",
        &json!({ "roles": [], "claims": vec![json!({}); 30_000] }).to_string(),
    );
    let calls = dir.file(
        "calls.json",
        &serde_json::Value::Array(
            (0..20_000)
                .map(
                    |i| json!({ "method": "GET", "path": format!("/api/Thing{i}"), "status": 200 }),
                )
                .collect(),
        )
        .to_string(),
    );
    let agent_roles = dir.file(
        "agent-roles.json",
        &json!({ "id": 1, "roles": (0..12_000).map(|i| json!({ "id": format!("g{i}"), "name": format!("Role {i}"), "claims": [{ "type": "Ux", "value": "1" }] })).collect::<Vec<_>>() }).to_string(),
    );
    for mode in ["--json", "--html", "--flows=all"] {
        run(&[&"--token-response", &token, &mode], size(&token));
        run(&[&grant, &mode], size(&grant));
        run(&[&roles, &mode], size(&roles));
        run(&[&"--halo-agent", &claims, &mode], size(&claims));
        run(&[&"--calls", &calls, &mode], size(&calls));
        run(&[&"--halo-agent", &agent_roles, &mode], size(&agent_roles));
    }
}

#[test]
fn no_name_is_echoed_whole() {
    let dir = Dir::new("echo");
    let long = "x".repeat(200_000);
    let token = dir.file(
        "token.json",
        &json!({ "token_type": "Bearer", "scope": format!("read:{long}") }).to_string(),
    );
    let agent = dir.file(
        "agent.json",
        &json!({ "name": "N".repeat(20_000), "roles": [{ "id": "r", "name": "R".repeat(20_000) }], "claims": [{ "type": "Ux", "value": "2" }] }).to_string(),
    );
    let calls = dir.file(
        "calls.json",
        &json!([{ "method": "GET", "path": format!("/api/{long}"), "status": 200 }]).to_string(),
    );
    let runs: [(&str, &PathBuf); 3] = [
        ("--token-response", &token),
        ("--halo-agent", &agent),
        ("--calls", &calls),
    ];
    for (option, file) in runs {
        for mode in ["--json", "--html", "--strict"] {
            let out = run(&[&option, file, &mode], 0);
            for text in [&out.stdout, &out.stderr] {
                let text = String::from_utf8_lossy(text);
                // Never more than the kept length of one name in a row.
                let longest = text
                    .split(|c: char| !c.is_ascii_alphanumeric())
                    .map(str::len)
                    .max()
                    .unwrap_or(0);
                assert!(
                    longest <= halopsa_privileges::MAX_NAME_CHARS + 5,
                    "{option} {mode}: a run of {longest}"
                );
            }
        }
    }
}

#[test]
fn no_secret_is_shown() {
    let dir = Dir::new("secret");
    let calls = dir.file(
        "calls.json",
        &json!([
            { "method": "GET", "path": "//datagate:SECRETMARK@tenant.halopsa.com/api/Client", "status": 200 },
            { "method": "GET", "path": "datagate:SECRETMARK@tenant.halopsa.com/api/Item", "status": 401 },
            { "method": "GET", "path": "https://u:SECRETMARK@t.halopsa.com/api/Asset;jsessionid=SECRETMARK", "status": 200, "empty": true },
            { "method": "GET", "path": "/api/Invoice%3Fapikey=SECRETMARK", "status": 403 },
            { "method": "GET", "path": "/api/Unknown;jsessionid=SECRETMARK?x=SECRETMARK#SECRETMARK", "status": 200 }
        ])
        .to_string(),
    );
    for mode in ["--json", "--html", "--strict"] {
        let out = run(&[&"--calls", &calls, &mode], size(&calls));
        for text in [&out.stdout, &out.stderr] {
            assert!(
                !String::from_utf8_lossy(text).contains("SECRETMARK"),
                "{mode}"
            );
        }
    }
}

#[test]
fn one_role_is_one_role_however_it_is_spelled() {
    let dir = Dir::new("role");
    let file = dir.file(
        "grant.json",
        &json!({ "scopes": "read:customers read:items read:invoices edit:invoices",
                 "agent": { "access": { "clients": "read", "items": "read" }, "flags": [] },
                 "roles": [{ "name": "Finance", "access": { "invoices": "Read, Create, Modify and Delete" }, "flags": [] }] })
        .to_string(),
    );
    for spelling in [
        "Finance ",
        "Finance\u{a0}",
        " finance",
        "FINANCE",
        "Finance\t",
        "finance\u{2003}",
    ] {
        let agent = dir.file(
            "agent.json",
            &json!({ "id": 1, "is_admin": false, "claims": [],
                     "roles": [{ "id": "a", "name": spelling, "claims": [{ "type": "Xx", "value": "0" }] }] })
            .to_string(),
        );
        let out = run(
            &[
                &file,
                &"--halo-agent",
                &agent,
                &"--flows=invoice-export-multiline",
                &"--json",
            ],
            size(&file),
        );
        // The two descriptions of one role disagree: a conflict, never a pass.
        assert_eq!(out.status.code(), Some(3), "{spelling:?}");
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let notes = report["notes"].to_string();
        assert!(
            notes.contains("role \\\"Finance\\\" says No Access"),
            "{spelling:?}: {notes}"
        );
    }
}

#[test]
fn arguments_at_the_edges() {
    let grant = Path::new("../examples/grants/least-privilege.json");
    let out = run(
        &[&grant, &"--max-bytes", &"18446744073709551615"],
        size(grant),
    );
    assert_eq!(out.status.code(), Some(0));
    let dir = Dir::new("flag");
    let bad = dir.file("grant.json", r#"{"flags": {"all-asset-types": "-1"}}"#);
    let out = run(&[&bad], size(&bad));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 is Yes and 0 is No"));
    // U+061C ARABIC LETTER MARK (a bidi control) in a role's name is shown escaped.
    let mark = dir.file(
        "mark.json",
        &json!({ "scopes": "read:customers", "agent": { "access": { "clients": "read" } },
                 "roles": [{ "name": "Fin\u{061C}ance", "access": { "quotations": "read" } }] })
        .to_string(),
    );
    for mode in ["--json", "--html", "--strict"] {
        let out = run(&[&mark, &mode], size(&mark));
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(!text.contains('\u{061C}'), "{mode}");
    }
}
