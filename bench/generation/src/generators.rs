//! The two generators, driven the same way: read a spec file, generate, format to text.

use std::collections::BTreeMap;
use std::path::Path;

/// Source files by relative path (`src/lib.rs`, …) and the Cargo manifest.
pub type Files = BTreeMap<String, String>;

/// apigen's whole crate (types, validate, client, server with mock), as `apigen generate`
/// writes it.
pub fn apigen_crate(spec: &Path, name: &str) -> Result<Files, String> {
    apigen::generate(spec, Some(name))
        .map(|generated| generated.files)
        .map_err(|failed| failed.to_string())
}

/// apigen's types, validation and client only: the part that matches what progenitor
/// makes, as one module.
pub fn apigen_client_only(spec: &Path) -> Result<String, String> {
    apigen::Builder::new(spec)
        .server(false)
        .mock(false)
        .generate()
        .map(|module| module.code)
        .map_err(|failed| failed.to_string())
}

/// progenitor's client (types and a positional-argument client), formatted with
/// prettyplease as progenitor's own build-script instructions do.
pub fn progenitor_client(spec: &Path) -> Result<String, String> {
    let text = std::fs::read_to_string(spec).map_err(|e| format!("{}: {e}", spec.display()))?;
    let document: openapiv3::OpenAPI =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", spec.display()))?;
    let mut generator = progenitor::Generator::new(&progenitor::GenerationSettings::default());
    let tokens = generator
        .generate_tokens(&document)
        .map_err(|e| format!("progenitor: {e}"))?;
    let file: syn::File = syn::parse2(tokens).map_err(|e| format!("progenitor output: {e}"))?;
    Ok(prettyplease::unparse(&file))
}

/// The manifest of a crate around progenitor's output, with the dependencies its
/// documentation lists plus those the synthetic schemas need (uuid, chrono, regress).
pub fn progenitor_manifest(name: &str) -> String {
    format!(
        r#"[package]
name = "{name}"
version = "0.1.0"
edition = "2024"
publish = false

[dependencies]
bytes = "1"
chrono = {{ version = "0.4", default-features = false, features = ["serde", "std"] }}
futures = "0.3"
progenitor-client = "0.15"
regress = "0.10"
reqwest = {{ version = "0.13", default-features = false, features = ["json", "stream"] }}
serde = {{ version = "1", features = ["derive"] }}
serde_json = "1"
serde_urlencoded = "0.7"
uuid = {{ version = "1", features = ["serde"] }}
"#
    )
}

/// Lines of Rust in `files` (manifests and other files not counted).
pub fn rust_lines<'a>(files: impl IntoIterator<Item = (&'a String, &'a String)>) -> usize {
    files
        .into_iter()
        .filter(|(path, _)| path.ends_with(".rs") && !path.starts_with("examples/"))
        .map(|(_, text)| text.lines().count())
        .sum()
}
