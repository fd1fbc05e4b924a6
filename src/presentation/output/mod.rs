//! `Serialize` (and, to read a stored answer back, `Deserialize`) for the crate's answers, in the
//! JSON forms of the README: findings, steps and reports ([`report`], [`step`]), plans
//! ([`plan`]) and requirements ([`requirements`]). The id types and the grant forms they use are
//! in the input layer (`json`).

mod decision;
mod dependence;
mod plan;
mod report;
mod requirements;
mod step;
