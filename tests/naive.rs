//! The benches' naive string-based baseline gives the same answer as the crate, on every flow
//! set for a range of grants, so the benches compare like with like.

#[path = "../benches/naive/mod.rs"]
mod naive;

mod common;

use common::{every_flow_set, near_grant};
use halopsa_privileges::{required_for, AccessLevel, AgentFlags, Area, Privileges, Scopes};
use proptest::prelude::*;

fn agree(granted: &Privileges) {
    let rules = naive::rules();
    let naive_grant = naive::grant(granted);
    for set in every_flow_set() {
        let flows: Vec<String> = set.flows().map(|f| f.id().to_string()).collect();
        let theirs = naive::normalize(naive::evaluate(&rules, &flows, &naive_grant));
        let ours = naive::from_crate(&required_for(set).evaluate(granted));
        assert_eq!(theirs, ours, "flows {set}");
    }
}

#[test]
fn naive_agrees_with_the_crate_on_chosen_grants() {
    let partial = Privileges::none()
        .with_scopes(Scopes::READ_CUSTOMERS | Scopes::READ_ITEMS | Scopes::READ_INVOICES)
        .with_level(Area::Clients, AccessLevel::Read)
        .with_level(Area::Items, AccessLevel::Read)
        .with_level(Area::Invoices, AccessLevel::Read);
    for granted in [
        Privileges::none(),
        partial,
        partial
            .with_scopes(Scopes::ALL)
            .with_flags(AgentFlags::ADMINISTRATOR),
        *required_for(halopsa_privileges::Flows::all()).privileges(),
        Privileges::everything(),
    ] {
        agree(&granted);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn naive_agrees_with_the_crate_near_requirements(granted in near_grant()) {
        agree(&granted);
    }
}
