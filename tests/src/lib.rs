//! Shared helpers for apigen's tests: where the repository's folders are.

use std::path::{Path, PathBuf};

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every spec under `specs/`, sorted.
pub fn provider_specs() -> Vec<PathBuf> {
    sorted_files(&root().join("specs"), &["yaml", "yml", "json"])
}

/// Every file under `dir` with one of `extensions`, sorted (not recursive).
pub fn sorted_files(dir: &Path, extensions: &[&str]) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
    files.retain(|p| {
        p.extension()
            .is_some_and(|x| extensions.iter().any(|e| x == *e))
    });
    files.sort();
    files
}
