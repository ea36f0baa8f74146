//! What both targets check for one spec text: generation ends in files or in diagnostics,
//! never in a panic or an internal error.

use std::path::PathBuf;

/// A file of this process's own, rewritten for each input (in /dev/shm when there is one).
fn scratch() -> PathBuf {
    let dir = if std::path::Path::new("/dev/shm").is_dir() { PathBuf::from("/dev/shm") } else { std::env::temp_dir() };
    dir.join(format!("apigen-fuzz-{}.yaml", std::process::id()))
}

pub fn check(bytes: &[u8]) {
    let path = scratch();
    std::fs::write(&path, bytes).expect("the scratch file is writable");
    match apigen::generate(&path, Some("fuzzed")) {
        Ok(generated) => {
            assert!(generated.files.contains_key("src/types.rs"), "a crate without types");
        }
        Err(failed) => {
            assert!(!failed.diagnostics.is_empty(), "a failure without a diagnostic");
            for d in &failed.diagnostics {
                assert_ne!(d.code, "E9999", "internal error: {d}");
            }
        }
    }
}
