//! Every case of the JSON Schema Test Suite's keyword files for the keywords apigen
//! enforces gives the suite's verdict. Run with `--nocapture` to see the per-file counts.

#[test]
fn json_schema_test_suite() {
    let report = apigen_conformance::run_all();
    println!("{}", report.render());
    assert!(
        !report.files.is_empty(),
        "the suite was not found (../shared/json-schema-test-suite)"
    );
    assert!(
        report.failures.is_empty(),
        "{} cases disagree with the suite:\n{}",
        report.failures.len(),
        report.failures.join("\n")
    );
}
