//! Generates one module per hostile or tolerance fixture that apigen accepts (client,
//! server and mock included), plus the 5 MB-description spec made here rather than
//! committed. Fixtures that apigen refuses are skipped: `generator/tests/hostile.rs` and
//! `generator/tests/tolerance.rs` pin every outcome.

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    let mut specs: Vec<PathBuf> = Vec::new();
    for folder in ["../fixtures/hostile", "../fixtures/tolerance"] {
        println!("cargo:rerun-if-changed={folder}");
        specs.extend(
            std::fs::read_dir(folder)
                .expect("a fixtures folder")
                .map(|e| e.expect("entry").path())
                .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "json")),
        );
    }
    specs.sort();
    let big = out_dir.join("description_5mb.yaml");
    std::fs::write(&big, apigen_hostile_big_description()).expect("write");
    specs.push(big);

    let mut all = String::new();
    for spec in specs {
        println!("cargo:rerun-if-changed={}", spec.display());
        let Ok(generated) = apigen::Builder::new(&spec).generate() else {
            continue;
        };
        let stem = spec
            .file_stem()
            .expect("stem")
            .to_string_lossy()
            .into_owned();
        std::fs::write(out_dir.join(format!("{stem}.rs")), generated.code).expect("write module");
        writeln!(
            all,
            "pub mod {stem} {{ include!(concat!(env!(\"OUT_DIR\"), \"/{stem}.rs\")); }}"
        )
        .expect("fmt");
    }
    std::fs::write(out_dir.join("all.rs"), all).expect("write all.rs");
}

/// A spec whose one schema has a 5 MB description.
fn apigen_hostile_big_description() -> String {
    let line =
        "A long description line that goes on, with `code`, *emphasis* and */ comment ends. ";
    let text: String = line.repeat(5 * 1024 * 1024 / line.len() + 1);
    format!(
        "openapi: 3.1.0\ninfo: {{title: Big, version: \"1\"}}\npaths: {{}}\ncomponents:\n  schemas:\n    Big:\n      type: string\n      description: \"{text}\"\n"
    )
}
