//! The issue's shared-role case through the tool: the agent "Datagate API" at Invoices Read, the
//! shared role "Finance" at Read, Create, Modify and Delete. Every output says the invoice exports
//! depend on Finance, with the optional steps; the exit code stays that of the verdict (0).

use std::process::Command;

const GRANT: &str = r#"{
  "scopes": "read:customers read:items read:invoices edit:invoices",
  "agent": { "name": "Datagate API",
             "access": { "clients": "read", "items": "read", "invoices": "read" }, "flags": [] },
  "roles": [ { "name": "Finance", "access": { "invoices": "read-create-modify-delete" },
               "flags": [] } ]
}"#;

fn audit(grant: &str, mode: &[&str]) -> (Option<i32>, String) {
    let dir = std::env::temp_dir().join(format!("halopsa-dependence-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("grant-{}.json", mode.join("")));
    std::fs::write(&path, grant).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_halopsa-privileges"))
        .arg("audit")
        .arg(&path)
        .args(["--flows", "invoice-export-multiline,invoice-export-charges"])
        .args(mode)
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&path);
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn a_flow_that_runs_only_through_a_shared_role_is_said_in_every_output() {
    let sentence = "get Invoices Access Level: Read, Create, Modify and Delete only from the \
                    shared role \"Finance\": if someone lowers it there, or takes the agent off \
                    \"Finance\", they stop";
    let (code, text) = audit(GRANT, &[]);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains(sentence), "{text}");
    assert!(text.contains("Nothing to change"), "{text}");
    assert!(
        text.contains("a. Raise Invoices Access Level from \"Read\""),
        "{text}"
    );
    assert!(text.contains("b. Take the Datagate agent out of"), "{text}");

    let (code, json) = audit(GRANT, &["--json"]);
    assert_eq!(code, Some(0));
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let depends = &value["depends_on_shared_roles"][0];
    assert_eq!(depends["role"], "Finance");
    assert_eq!(
        depends["flows"],
        serde_json::json!(["invoice-export-multiline", "invoice-export-charges"])
    );
    assert_eq!(depends["steps"][1]["action"], "remove-role");
    assert!(depends["text"].as_str().unwrap().contains(sentence));
    assert_eq!(value["remediation"], serde_json::json!([]));

    let (code, html) = audit(GRANT, &["--html"]);
    assert_eq!(code, Some(0));
    assert!(
        html.contains("Depends on roles shared with people"),
        "{html}"
    );
    assert!(html.contains("only from the shared role &quot;Finance&quot;"));

    // Without Finance's level, the same agent is blocked (exit 1): the dependence was real.
    let (code, text) = audit(&GRANT.replace("read-create-modify-delete", "read"), &[]);
    assert_eq!(code, Some(1), "{text}");
    assert!(!text.contains("Depends on roles shared"), "{text}");
}
