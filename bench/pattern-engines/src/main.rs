//! Reads every `pattern` in a corpus of OpenAPI JSON documents, translates each as apigen
//! does, and counts which engine reads those the `regex` crate cannot: `fancy-regex` on
//! the translation, `regress` (ECMA-262 itself) with the `u` flag JSON Schema implies. Then
//! times a match on three look-around and backreference patterns with both.

use std::collections::BTreeSet;
use std::path::Path;
use std::time::Instant;

fn collect(value: &serde_json::Value, out: &mut BTreeSet<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, value) in map {
                if let (true, Some(text)) = (key == "pattern", value.as_str()) {
                    out.insert(text.to_owned());
                }
                collect(value, out);
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect(v, out)),
        _ => {}
    }
}

fn walk(dir: &Path, out: &mut BTreeSet<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            let parsed = std::fs::read_to_string(&path)
                .ok()
                .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok());
            if let Some(document) = parsed {
                collect(&document, out);
            }
        }
    }
}

/// Nanoseconds per call of `f`, over `n` calls.
fn per_call(n: u32, mut f: impl FnMut() -> bool) -> f64 {
    let start = Instant::now();
    let mut hits = 0u32;
    for _ in 0..n {
        hits += u32::from(std::hint::black_box(f()));
    }
    assert_eq!(hits, n, "every sample matches");
    start.elapsed().as_nanos() as f64 / f64::from(n)
}

fn main() {
    let corpus = std::env::args()
        .nth(1)
        .expect("usage: apigen-pattern-engines CORPUS_DIR");
    let mut patterns = BTreeSet::new();
    walk(Path::new(&corpus), &mut patterns);
    let (mut plain, mut fancy, mut ecma, mut neither) = (0, 0, 0, Vec::new());
    for pattern in &patterns {
        let translated = apigen::ir::ecma_regex(pattern);
        if regex::Regex::new(&translated).is_ok() {
            plain += 1;
            continue;
        }
        let by_fancy = fancy_regex::Regex::new(&translated).is_ok();
        let by_regress = regress::Regex::with_flags(pattern, "u").is_ok();
        fancy += usize::from(by_fancy);
        ecma += usize::from(by_regress);
        if !by_fancy {
            neither.push((pattern, by_regress));
        }
    }
    let rest = patterns.len() - plain;
    println!(
        "{} distinct patterns: regex reads {plain}; of the other {rest}, fancy-regex reads {fancy}, regress (u flag) {ecma}",
        patterns.len()
    );
    for (pattern, by_regress) in &neither {
        println!(
            "  not fancy-regex{}: {pattern}",
            if *by_regress {
                " (regress reads it)"
            } else {
                ""
            }
        );
    }
    for (pattern, sample) in [
        ("^(?!^[0-9]+$)([a-zA-Z0-9-_]+)$", "my-function_name-123"),
        ("^(?=.*[a-z])(?=.*[0-9]).{8,}$", "abcdefgh12345"),
        ("^(\\w)\\1$", "aa"),
    ] {
        let f = fancy_regex::Regex::new(&apigen::ir::ecma_regex(pattern)).expect("fancy");
        let r = regress::Regex::with_flags(pattern, "u").expect("regress");
        let n = 200_000;
        let by_fancy = per_call(n, || f.is_match(sample).unwrap_or(false));
        let by_regress = per_call(n, || r.find(sample).is_some());
        println!(
            "{pattern} on {sample:?}: fancy-regex {by_fancy:.0} ns, regress {by_regress:.0} ns"
        );
    }
}
