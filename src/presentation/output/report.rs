//! The JSON forms of findings, steps and reports.

use serde::de::Deserializer;
use serde::ser::{SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};

use crate::input::json::ids::{OneFlag, OneScope};
use crate::model::{required_for, AccessLevel, Area, Finding, Flows, Report, RULES_REVISION};

impl Serialize for Finding {
    /// `{"kind": "scope", "scope": "edit:invoices", "needed_by": [...]}`, or `"kind": "access"`
    /// with `area`, `granted` (the level's bounds: `read`, `at least read`, `unknown`),
    /// `required`, or `"kind": "flag"` with `flag`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        finding_with(self, serializer, |_| Ok(()))
    }
}

#[derive(Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
enum FindingIn {
    Scope {
        scope: OneScope,
        needed_by: Flows,
    },
    Access {
        area: Area,
        granted: crate::model::LevelBounds,
        required: AccessLevel,
        needed_by: Flows,
    },
    Flag {
        flag: OneFlag,
        needed_by: Flows,
    },
}

impl<'de> Deserialize<'de> for Finding {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let finding: FindingIn = crate::input::json::ids::object(
            deserializer,
            "a finding object such as {\"kind\": \"scope\", \"scope\": \"read:items\"}",
        )?;
        Ok(match finding {
            FindingIn::Scope { scope, needed_by } => Finding::Scope {
                scope: scope.0,
                needed_by,
            },
            FindingIn::Access {
                area,
                granted,
                required,
                needed_by,
            } => Finding::Access {
                area,
                granted,
                required,
                needed_by,
            },
            FindingIn::Flag { flag, needed_by } => Finding::Flag {
                flag: flag.0,
                needed_by,
            },
        })
    }
}

/// One flag as its id; a hand-built set that is not exactly one flag as its `Display` (ids and
/// hex bits), or `null` when empty, so that the JSON never claims a flag that is not there.
pub(crate) struct FlagOut(pub(crate) crate::model::AgentFlags);

impl Serialize for FlagOut {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0.id() {
            Some(id) => serializer.serialize_str(id),
            None if self.0.is_empty() => serializer.serialize_none(),
            None => serializer.collect_str(&self.0),
        }
    }
}

/// Serializes an iterator as a JSON array without collecting it.
pub(crate) struct Items<I>(pub(crate) I);

impl<I> Serialize for Items<I>
where
    I: Iterator + Clone,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.clone())
    }
}

impl Serialize for Report {
    /// The rules revision, the flows, the verdicts, the findings, the remediation (each step
    /// with its text), what was granted (with its `"unknown"` markers) and what is required.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        report_fields(self, &Items(self.remediation()), &[], &[0u8; 0], serializer)
    }
}

/// A report's fields, with `remediation` as given (plain steps, or steps on their sources).
pub(crate) fn report_fields<S: Serializer>(
    report: &Report,
    remediation: &impl Serialize,
    not_modeled: &[alloc::string::String],
    depends: &[impl Serialize],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut out = serializer.serialize_struct("Report", 20)?;
    out.serialize_field("rules", RULES_REVISION)?;
    out.serialize_field("flows", &report.flows())?;
    out.serialize_field("satisfied", &report.is_satisfied())?;
    out.serialize_field("least_privilege", &report.is_least_privilege())?;
    out.serialize_field("runnable", &report.runnable())?;
    out.serialize_field("blocked", &report.blocked())?;
    out.serialize_field("unverified", &report.unverified())?;
    out.serialize_field("missing", &Items(report.missing()))?;
    out.serialize_field("excess", &Items(report.excess().map(|f| Excess(report, f))))?;
    out.serialize_field("may_exceed", &Items(report.may_exceed()))?;
    out.serialize_field("to_verify", &Items(report.to_verify()))?;
    out.serialize_field(
        "assumptions",
        &Items(report.assumptions().map(AssumptionOut)),
    )?;
    out.serialize_field("open", &Items(report.open().map(|f| Open(report, f))))?;
    out.serialize_field("open_points", &Items(report.open_points().map(PointOut)))?;
    out.serialize_field("remediation", remediation)?;
    out.serialize_field("granted", &report.grant())?;
    // What a grant file said of areas and scopes this crate does not model (a plan's only).
    if not_modeled.is_empty() {
        out.skip_field("not_modeled")?;
    } else {
        out.serialize_field("not_modeled", &crate::common::text::capped(not_modeled))?;
    }
    out.serialize_field("required", report.required())?;
    // The shared roles the flows depend on (a plan's only).
    if depends.is_empty() {
        out.skip_field("depends_on_shared_roles")?;
    } else {
        out.serialize_field("depends_on_shared_roles", depends)?;
    }
    out.end()
}

/// A finding's own fields, then those `extra` writes.
fn finding_with<S: Serializer>(
    finding: &Finding,
    serializer: S,
    extra: impl FnOnce(&mut object::Map<S>) -> Result<(), S::Error>,
) -> Result<S::Ok, S::Error> {
    let mut out = object::Map::new(serializer)?;
    match *finding {
        Finding::Scope { scope, needed_by } => {
            out.entry("kind", "scope")?;
            out.entry("scope", &scope)?;
            out.entry("needed_by", &needed_by)?;
        }
        Finding::Access {
            area,
            granted,
            required,
            needed_by,
        } => {
            out.entry("kind", "access")?;
            out.entry("area", &area)?;
            out.entry("granted", &granted)?;
            out.entry("required", &required)?;
            out.entry("needed_by", &needed_by)?;
        }
        Finding::Flag { flag, needed_by } => {
            out.entry("kind", "flag")?;
            out.entry("flag", &FlagOut(flag))?;
            out.entry("needed_by", &needed_by)?;
        }
    }
    extra(&mut out)?;
    out.end()
}

/// An excess finding; a level the article leaves partly open also says `open_up_to`, the level
/// the remediation lowers it to.
struct Excess<'a>(&'a Report, Finding);

impl Serialize for Excess<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        finding_with(&self.1, serializer, |out| {
            if let Finding::Access { area, required, .. } = self.1 {
                let open = required_for(self.0.flows()).open().level(area);
                if open > required {
                    out.entry("open_up_to", &open)?;
                }
            }
            Ok(())
        })
    }
}

/// An open item with the grant's `state` (`yes`, `no`, `unknown`, or a level's bounds) and the
/// `points` that leave it open.
struct Open<'a>(&'a Report, Finding);

impl Serialize for Open<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let grant = self.0.grant();
        let yes_no = |state: Option<bool>| match state {
            Some(true) => "yes",
            Some(false) => "no",
            None => "unknown",
        };
        let finding = self.1;
        let points: alloc::vec::Vec<&str> = self
            .0
            .open_points()
            .filter(|point| point.leaves_open(&finding))
            .map(|point| point.id())
            .collect();
        finding_with(&finding, serializer, |out| {
            match finding {
                Finding::Access { granted, .. } => out.entry("state", &granted)?,
                Finding::Flag { flag, .. } => out.entry("state", yes_no(grant.has_flag(flag)))?,
                Finding::Scope { scope, .. } => {
                    out.entry("state", yes_no(grant.has_scope(scope)))?
                }
            }
            out.entry("points", &points)
        })
    }
}

/// An open point: its id, title, flows, the article's words and the question.
struct PointOut(&'static crate::model::OpenPoint);

impl Serialize for PointOut {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("OpenPoint", 6)?;
        out.serialize_field("id", self.0.id())?;
        out.serialize_field("title", self.0.title())?;
        out.serialize_field("flows", &self.0.flows())?;
        out.serialize_field("article", self.0.article())?;
        out.serialize_field("question", self.0.question())?;
        out.serialize_field("beyond_article", self.0.beyond_article())?;
        out.end()
    }
}

/// An assumption that could decide an item to verify: its id, title and source.
struct AssumptionOut(&'static crate::model::Assumption);

impl Serialize for AssumptionOut {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("Assumption", 3)?;
        out.serialize_field("id", self.0.id())?;
        out.serialize_field("title", self.0.title())?;
        out.serialize_field("source", self.0.source())?;
        out.end()
    }
}

/// A JSON object written entry by entry.
mod object {
    use serde::ser::{SerializeMap, Serializer};
    use serde::Serialize;

    pub(super) struct Map<S: Serializer>(S::SerializeMap);

    impl<S: Serializer> Map<S> {
        pub(super) fn new(serializer: S) -> Result<Self, S::Error> {
            serializer.serialize_map(None).map(Map)
        }

        pub(super) fn entry(
            &mut self,
            key: &str,
            value: &(impl Serialize + ?Sized),
        ) -> Result<(), S::Error> {
            self.0.serialize_entry(key, value)
        }

        pub(super) fn end(self) -> Result<S::Ok, S::Error> {
            self.0.end()
        }
    }
}

/// The inputs of a stored report. Every other field (the verdicts, findings, steps and their
/// texts, `required`, `rules`, and whatever a later version adds) is derived: accepted and
/// ignored, so that a report stored by any version reads back.
#[derive(Deserialize)]
struct ReportIn {
    flows: Flows,
    granted: crate::input::json::grant_file::WrittenGrant,
}

impl<'de> Deserialize<'de> for Report {
    /// Reads the inputs, `flows` and `granted` (with its `"unknown"` markers), and evaluates them
    /// under the current rules. Every other field is ignored: a report stored by an earlier
    /// version, or with edited texts, reads back as today's verdict on the same grant. Compare
    /// the stored `rules` with [`RULES_REVISION`] to tell whether the stored verdict came from
    /// other rules.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let input: ReportIn = crate::input::json::ids::object(
            deserializer,
            "a report object with `flows` and `granted`",
        )?;
        Ok(required_for(input.flows).evaluate_grant(&input.granted.0))
    }
}
