//! The JSON Schema Test Suite, run through apigen's real pipeline: each group's schema is a
//! generated type with a generated `Validate` impl (see `build.rs`); each instance is
//! deserialised into it and validated, and the verdict is compared with the suite's.

#![allow(missing_docs, missing_debug_implementations)]

use std::collections::BTreeMap;

include!(concat!(env!("OUT_DIR"), "/cases.rs"));

/// One test of the suite.
pub struct Case {
    /// The suite file, e.g. `draft2020-12/minLength.json`.
    pub file: &'static str,
    /// The group's description.
    pub group: &'static str,
    /// The test's description.
    pub test: &'static str,
    /// The instance, wrapped as `{"v": ...}`.
    pub instance: &'static str,
    /// The suite's verdict.
    pub valid: bool,
    /// The instance is of a JSON type that apigen's typed mapping rules out (see build.rs).
    pub typed_away: bool,
    /// The suite expects `format` as an annotation only (draft 2020-12's default); apigen
    /// asserts the formats it knows, as its design requires.
    pub format_annotation: bool,
    /// How to run it.
    pub run: Run,
}

/// How a case is run.
pub enum Run {
    /// Deserialise and validate; `true` when both succeed.
    Check(fn(&str) -> bool),
    /// Not run, with the reason.
    Skip(&'static str),
}

macro_rules! runner {
    ($name:ident, $module:ident) => {
        /// Deserialises `instance` into `T` and validates it: `true` when both succeed.
        pub fn $name<T>(instance: &str) -> bool
        where
            T: serde::de::DeserializeOwned + $module::validate::Validate,
        {
            serde_json::from_str::<T>(instance).is_ok_and(|value| value.validate().is_ok())
        }
    };
}

runner!(run_draft2020_12, draft2020_12);
runner!(run_draft4, draft4);

/// Counts for one suite file.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FileCounts {
    /// Verdicts that match the suite.
    pub passed: usize,
    /// Verdicts that do not.
    pub failed: usize,
    /// Cases not run (the group uses a keyword apigen does not enforce).
    pub skipped: usize,
    /// Cases where the instance's JSON type is ruled out by the typed mapping.
    pub typed_away: usize,
    /// Cases where the suite treats `format` as an annotation and apigen asserts it.
    pub format_asserted: usize,
}

/// The outcome of running every case.
#[derive(Debug, Default)]
pub struct Report {
    /// Per suite file.
    pub files: BTreeMap<&'static str, FileCounts>,
    /// Every failing case, described.
    pub failures: Vec<String>,
    /// Skip reasons with their counts.
    pub skip_reasons: BTreeMap<&'static str, usize>,
}

/// Runs every case.
pub fn run_all() -> Report {
    let mut report = Report::default();
    for case in CASES {
        let counts = report.files.entry(case.file).or_default();
        match case.run {
            Run::Skip(reason) => {
                counts.skipped += 1;
                *report.skip_reasons.entry(reason).or_default() += 1;
            }
            Run::Check(check) => {
                let verdict = check(case.instance);
                if verdict == case.valid {
                    counts.passed += 1;
                } else if case.typed_away && case.valid && !verdict {
                    counts.typed_away += 1;
                } else if case.format_annotation && case.valid && !verdict {
                    counts.format_asserted += 1;
                } else {
                    counts.failed += 1;
                    report.failures.push(format!(
                        "{}: {} / {}: expected {}, got {} for {}",
                        case.file,
                        case.group,
                        case.test,
                        verdict_word(case.valid),
                        verdict_word(verdict),
                        case.instance
                    ));
                }
            }
        }
    }
    report
}

fn verdict_word(valid: bool) -> &'static str {
    if valid { "valid" } else { "invalid" }
}

impl Report {
    /// The report as text: one line per file, the skipped files, then totals.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let total = self
            .files
            .values()
            .fold(FileCounts::default(), |a, c| FileCounts {
                passed: a.passed + c.passed,
                failed: a.failed + c.failed,
                skipped: a.skipped + c.skipped,
                typed_away: a.typed_away + c.typed_away,
                format_asserted: a.format_asserted + c.format_asserted,
            });
        for (file, c) in &self.files {
            out.push_str(&format!(
                "{file}: {} passed, {} failed, {} skipped, {} typed-mapping, {} format-asserted\n",
                c.passed, c.failed, c.skipped, c.typed_away, c.format_asserted
            ));
        }
        for (file, reason) in SKIPPED_FILES {
            out.push_str(&format!("{file}: skipped: {reason}\n"));
        }
        for (reason, count) in &self.skip_reasons {
            out.push_str(&format!("skipped groups: {count} cases: {reason}\n"));
        }
        for failure in &self.failures {
            out.push_str(&format!("FAILED {failure}\n"));
        }
        out.push_str(&format!(
            "deliberate differences: {} typed-mapping (a schema without `type` but with object or \
             array keywords is a struct or Vec), {} format-asserted (formats are checked, not \
             annotations)\n",
            total.typed_away, total.format_asserted
        ));
        out.push_str(&format!(
            "conformance: {} passed, {} failed, {} skipped\n",
            total.passed, total.failed, total.skipped
        ));
        out
    }
}
