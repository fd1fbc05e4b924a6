//! Every type that writes JSON reads its own JSON back: written, read and written again, the
//! JSON is the same (the answers' JSON reads back as the answer's inputs, re-evaluated).

#![cfg(feature = "serde")]

use halopsa_privileges::{
    required_for, AccessLevel, AgentFlags, Area, Call, Evidence, Finding, Flow, Flows, Grant,
    GrantFile, HaloAgent, HaloAnswers, LevelBounds, Method, Plan, Privileges, Report, Requirements,
    Scopes, Step, TokenResponse, Verdict,
};
use serde::{de::DeserializeOwned, Serialize};

/// Written, read back and written again: the same JSON.
fn round_trip<T: Serialize + DeserializeOwned>(value: &T) -> T {
    let written = serde_json::to_string(value).unwrap();
    let read: T = serde_json::from_str(&written).unwrap_or_else(|err| panic!("{written}: {err}"));
    assert_eq!(serde_json::to_string(&read).unwrap(), written);
    read
}

fn decision() -> halopsa_privileges::Decision {
    let token: TokenResponse =
        serde_json::from_str(include_str!("../examples/halo/token-response.json")).unwrap();
    let agent: HaloAgent =
        serde_json::from_str(include_str!("../examples/halo/agent-me.json")).unwrap();
    let calls: Vec<Call> =
        serde_json::from_str(include_str!("../examples/halo/calls.json")).unwrap();
    HaloAnswers::new()
        .with_token(token)
        .with_agent(agent)
        .with_calls(calls)
        .decide(Flows::all())
        .unwrap()
}

#[test]
fn the_id_types_and_sets() {
    for flow in Flow::ALL {
        assert_eq!(round_trip(&flow), flow);
    }
    assert_eq!(round_trip(&Flows::all()), Flows::all());
    for area in Area::ALL {
        assert_eq!(round_trip(&area), area);
    }
    for level in AccessLevel::ALL {
        assert_eq!(round_trip(&level), level);
        assert_eq!(
            round_trip(&LevelBounds::from_at_least(level)),
            LevelBounds::from_at_least(level)
        );
    }
    assert_eq!(round_trip(&AgentFlags::all()), AgentFlags::all());
    assert_eq!(round_trip(&Scopes::all()), Scopes::all());
    for verdict in [Verdict::Runs, Verdict::Blocked, Verdict::Unverified] {
        assert_eq!(round_trip(&verdict), verdict);
    }
}

#[test]
fn grants_reports_findings_and_steps() {
    let decision = decision();
    let report = *decision.report();
    let granted = *report.granted();
    assert_eq!(round_trip(&granted), granted);
    let grant: Grant = report.grant();
    assert_eq!(round_trip(&grant), grant);
    assert_eq!(round_trip(&report), report);
    for finding in report
        .missing()
        .chain(report.excess())
        .chain(report.to_verify())
    {
        assert_eq!(round_trip(&finding), finding);
    }
    for step in report.remediation() {
        assert_eq!(round_trip(&step), step);
    }
    let needed = required_for(Flows::all());
    assert_eq!(round_trip(&needed), needed);
    let _: Finding = round_trip(&report.missing().next().unwrap_or(Finding::Scope {
        scope: Scopes::READ_CUSTOMERS,
        needed_by: Flows::CUSTOMERS_SYNC,
    }));
    let _: Requirements = round_trip(&Requirements::of(Flows::CUSTOMERS_SYNC));
    let _: Privileges = round_trip(&Privileges::everything());
}

#[test]
fn calls_probes_and_evidence() {
    let decision = decision();
    for call in decision.calls() {
        round_trip(call);
    }
    assert!(!decision.probes().is_empty());
    for probe in decision.probes() {
        let read: halopsa_privileges::Probe = round_trip(probe);
        assert_eq!(&read, probe);
    }
    let evidence = round_trip(decision.evidence());
    assert_eq!(evidence.grant(), decision.evidence().grant());
    assert_eq!(evidence.conflicts(), decision.evidence().conflicts());
    let _: Evidence = evidence;
    let _ = Method::Get;
}

#[test]
fn plans_and_decisions_read_back_as_their_report() {
    let decision = decision();
    let plan: Plan<'_> = decision.plan();
    for json in [
        serde_json::to_string(&plan).unwrap(),
        serde_json::to_string(&decision).unwrap(),
    ] {
        let report: Report = serde_json::from_str(&json).unwrap();
        assert_eq!(report, *decision.report());
    }
    // A planned step reads back as its step.
    for planned in plan.steps() {
        let step: Step = serde_json::from_str(&serde_json::to_string(&planned).unwrap()).unwrap();
        assert_eq!(step, *planned.step());
    }
    let _ = GrantFile::flat(Grant::unknown());
}
