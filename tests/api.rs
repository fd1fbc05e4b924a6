//! API hygiene, checked at compile time: every public type is `Send + Sync + Debug`, value types
//! are `Copy + Eq + Hash`, and errors implement the standard `Error` trait.

use halopsa_privileges::{
    AccessLevel, Action, AgentFlags, Area, Finding, Findings, Flow, Flows, Grant, Known, Layer,
    OpenPoint, ParseError, Privileges, Remediation, Report, Requirements, Scopes, Step, Verdict,
};

fn thread_safe_and_debug<T: Send + Sync + std::fmt::Debug>() {}
fn value<T: Copy + Eq + std::hash::Hash + Send + Sync + std::fmt::Debug>() {}
fn ordered<T: Ord>() {}
fn error<T: std::error::Error + Send + Sync + 'static>() {}

#[test]
fn public_types_are_send_sync_debug() {
    value::<Flow>();
    value::<Flows>();
    value::<Scopes>();
    value::<AccessLevel>();
    value::<Area>();
    value::<AgentFlags>();
    value::<Privileges>();
    value::<Requirements>();
    value::<Report>();
    value::<Finding>();
    value::<Step>();
    value::<Action>();
    value::<Layer>();
    ordered::<Flow>();
    ordered::<AccessLevel>();
    ordered::<Area>();
    thread_safe_and_debug::<ParseError>();
    thread_safe_and_debug::<Findings>();
    thread_safe_and_debug::<Remediation>();
    value::<Known>();
    value::<Grant>();
    value::<Verdict>();
    value::<OpenPoint>();
    ordered::<Verdict>();
    #[cfg(feature = "serde")]
    thread_safe_and_debug::<halopsa_privileges::TokenResponse>();
    error::<ParseError>();
}

#[test]
fn strum_iterators_match_the_inherent_lists() {
    use strum::{EnumCount, IntoEnumIterator};
    assert!(Flow::iter().eq(Flow::ALL));
    assert!(Area::iter().eq(Area::ALL));
    assert!(AccessLevel::iter().eq(AccessLevel::ALL));
    assert_eq!(Flow::COUNT, Flow::ALL.len());
    assert_eq!(<Area as EnumCount>::COUNT, Area::COUNT);
}
