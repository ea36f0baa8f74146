//! Prints the JSON Schema Test Suite report: one line per file, then the totals.

fn main() -> std::process::ExitCode {
    let report = apigen_conformance::run_all();
    print!("{}", report.render());
    if report.failures.is_empty() {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::FAILURE
    }
}
