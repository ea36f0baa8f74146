//! Every real-world spec in `../shared/corpus` goes through the whole generator without a
//! panic: each ends as a generated crate or a named diagnostic. (Whether the generated
//! crates compile is checked by `.ci/corpus-check`, which needs cargo.)

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

fn corpus_specs(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            corpus_specs(&path, out);
        } else if path
            .extension()
            .is_some_and(|e| e == "yaml" || e == "yml" || e == "json")
        {
            out.push(path);
        }
    }
}

#[test]
fn the_corpus_never_panics_the_generator() {
    let corpus = apigen_tests::root().join("../shared/corpus");
    let mut specs = Vec::new();
    corpus_specs(&corpus, &mut specs);
    specs.sort();
    if specs.is_empty() {
        eprintln!("no corpus at {}; skipping", corpus.display());
        return;
    }
    let (mut crates, mut named_errors, mut panics) = (0, Vec::new(), Vec::new());
    for spec in &specs {
        match catch_unwind(AssertUnwindSafe(|| apigen::generate(spec, None))) {
            Ok(Ok(_)) => crates += 1,
            Ok(Err(failure)) => {
                let codes: Vec<&str> = failure
                    .diagnostics
                    .iter()
                    .filter(|d| d.is_error())
                    .map(|d| d.code)
                    .collect();
                assert!(
                    !codes.is_empty(),
                    "{} failed without an error",
                    spec.display()
                );
                assert!(
                    !codes.contains(&"E9999"),
                    "{} hit an internal error: {failure}",
                    spec.display()
                );
                named_errors.push(format!("{} ({})", spec.display(), codes.join(", ")));
            }
            Err(_) => panics.push(spec.display().to_string()),
        }
    }
    println!(
        "corpus: {} specs, {crates} crates, {} named errors, {} panics",
        specs.len(),
        named_errors.len(),
        panics.len()
    );
    for error in &named_errors {
        println!("  named error: {error}");
    }
    assert!(panics.is_empty(), "the generator panicked on: {panics:#?}");
}
