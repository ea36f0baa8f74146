//! Every kind of broken spec gets a diagnostic with the right code, position and JSON
//! pointer, and the CLI exits 2 for it.

use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures")
        .join(path)
}

/// (file under tests/fixtures/bad, code, line, column, JSON pointer)
const BAD: &[(&str, &str, usize, usize, &str)] = &[
    (
        "dangling_ref.yaml",
        "E0201",
        10,
        17,
        "/components/schemas/Thing/properties/owner/$ref",
    ),
    (
        "ref_missing_file.yaml",
        "E0201",
        7,
        13,
        "/components/schemas/Thing/$ref",
    ),
    (
        "remote_ref.yaml",
        "E0203",
        7,
        13,
        "/components/schemas/Thing/$ref",
    ),
    (
        "cyclic_ref.yaml",
        "E0202",
        7,
        13,
        "/components/schemas/A/$ref",
    ),
    (
        "allof_includes_itself.yaml",
        "E0202",
        8,
        17,
        "/components/schemas/Loop/allOf/0/$ref",
    ),
    ("bad_yaml.yaml", "E0003", 6, 11, "/paths/~1a/get"),
    ("bad_json.json", "E0003", 4, 13, "/paths"),
    ("not_utf8.yaml", "E0002", 3, 14, ""),
    (
        "duplicate_key.yaml",
        "E0004",
        8,
        7,
        "/components/schemas/Thing/type",
    ),
    (
        "wrong_type_properties.yaml",
        "E0102",
        8,
        19,
        "/components/schemas/Thing/properties",
    ),
    (
        "wrong_type_min_length.yaml",
        "E0102",
        8,
        18,
        "/components/schemas/Name/minLength",
    ),
    (
        "integer_overflow.yaml",
        "E0102",
        8,
        18,
        "/components/schemas/Name/maxLength",
    ),
    (
        "bad_parameter_location.yaml",
        "E0104",
        8,
        15,
        "/paths/~1a/post/parameters/0/in",
    ),
    (
        "allof_conflict.yaml",
        "E0301",
        13,
        21,
        "/components/schemas/Impossible/properties/id/allOf",
    ),
    (
        "duplicate_operation_id.yaml",
        "E0401",
        10,
        20,
        "/paths/~1b/get/operationId",
    ),
    ("swagger_2.yaml", "E0101", 1, 1, "/swagger"),
    ("unsupported_version.yaml", "E0101", 1, 10, "/openapi"),
];

#[test]
fn each_broken_spec_gets_its_diagnostic() {
    for &(file, code, line, col, pointer) in BAD {
        let path = fixture(&format!("bad/{file}"));
        let failure = apigen::generate(&path, None).expect_err(file);
        let first = failure
            .diagnostics
            .iter()
            .find(|d| d.is_error())
            .unwrap_or_else(|| panic!("{file}: no error"));
        assert_eq!(
            (
                first.code,
                first.pos.line,
                first.pos.col,
                first.pointer.as_str()
            ),
            (code, line, col, pointer),
            "{file}: {first}"
        );
        assert!(
            first.file.ends_with(file),
            "{file}: reported in {}",
            first.file.display()
        );
    }
}

#[test]
fn every_bad_fixture_is_in_the_table() {
    let mut files: Vec<String> = std::fs::read_dir(fixture("bad"))
        .expect("fixtures")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut listed: Vec<String> = BAD.iter().map(|b| b.0.to_owned()).collect();
    listed.sort();
    assert_eq!(files, listed);
}

#[test]
fn all_errors_are_reported_not_just_the_first() {
    let failure = apigen::generate(&fixture("bad/cyclic_ref.yaml"), None).expect_err("cycle");
    let cycles = failure
        .diagnostics
        .iter()
        .filter(|d| d.code == "E0202")
        .count();
    assert_eq!(cycles, 3, "{failure}");
}

#[test]
fn rendered_diagnostics_read_like_rustc() {
    let failure = apigen::generate(&fixture("bad/dangling_ref.yaml"), None).expect_err("dangling");
    let text = failure.to_string();
    let expected_lines = [
        "error[E0201]: `$ref: #/components/schemas/Usr` points at nothing",
        "dangling_ref.yaml:10:17",
        "= at /components/schemas/Thing/properties/owner/$ref",
        "10 |           $ref: \"#/components/schemas/Usr\"",
        "= help: check the spelling of every segment of the pointer",
        "1 error in the spec",
    ];
    for line in expected_lines {
        assert!(text.contains(line), "missing {line:?} in:\n{text}");
    }
}

#[test]
fn specs_may_span_several_files() {
    let generated = apigen::generate(&fixture("multi_file/api.yaml"), None).expect("generates");
    let types = &generated.files["src/types.rs"];
    assert!(types.contains("pub struct Thing {"), "{types}");
    assert!(types.contains("pub owner: Owner,"), "{types}");
    assert!(types.contains("pub type Tags = Vec<String>;"), "{types}");
    let inputs: Vec<String> = generated
        .inputs
        .iter()
        .map(|p| p.file_name().expect("name").to_string_lossy().into_owned())
        .collect();
    assert_eq!(inputs, ["api.yaml", "common.yaml"]);
}

fn apigen(args: &[&str], cwd: &Path) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_apigen"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn cli_exit_codes() {
    let tmp = std::env::temp_dir().join(format!("apigen-cli-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).expect("tmp");
    let out = tmp.join("crate");
    let spec = fixture("rules/string_enum.yaml");
    let spec = spec.to_str().expect("utf-8 path");
    let out_str = out.to_str().expect("utf-8 path");
    let here = Path::new(".");

    let (code, _, stderr) = apigen(
        &["generate", spec, "-o", out_str, "--name", "status_api"],
        here,
    );
    assert_eq!(code, 0, "{stderr}");
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).expect("written");
    assert!(manifest.contains("name = \"status_api\""), "{manifest}");

    let (code, stdout, _) = apigen(
        &["check", spec, "-o", out_str, "--name", "status_api"],
        here,
    );
    assert_eq!(code, 0, "{stdout}");

    std::fs::write(out.join("src/types.rs"), "// edited by hand\n").expect("edit");
    std::fs::write(
        out.join("src/extra.rs"),
        "// @generated by apigen from `x`.\n",
    )
    .expect("stale");
    std::fs::remove_file(out.join("README.md")).expect("remove");
    let (code, stdout, _) = apigen(
        &["check", spec, "-o", out_str, "--name", "status_api"],
        here,
    );
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.contains("-// edited by hand"),
        "unified diff: {stdout}"
    );
    assert!(
        stdout.contains("missing: ") && stdout.contains("README.md"),
        "{stdout}"
    );
    assert!(
        stdout.contains("stale: ") && stdout.contains("extra.rs"),
        "{stdout}"
    );

    let (code, stdout, _) = apigen(
        &[
            "check",
            spec,
            "-o",
            out_str,
            "--name",
            "status_api",
            "--format",
            "json",
        ],
        here,
    );
    assert_eq!(code, 1, "{stdout}");
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("one JSON report");
    assert_eq!(report["ok"], false);
    assert_eq!(report["crates"][0]["status"], "drift");
    let mut kinds: Vec<(String, String)> = report["crates"][0]["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| {
            let path = f["path"].as_str().expect("path");
            let file = path.rsplit('/').next().expect("file name");
            (
                f["kind"].as_str().expect("kind").to_owned(),
                file.to_owned(),
            )
        })
        .collect();
    kinds.sort();
    assert_eq!(
        kinds,
        [
            ("changed".to_owned(), "types.rs".to_owned()),
            ("missing".to_owned(), "README.md".to_owned()),
            ("stale".to_owned(), "extra.rs".to_owned()),
        ]
    );
    let changed = &report["crates"][0]["files"]
        .as_array()
        .expect("files")
        .iter()
        .find(|f| f["kind"] == "changed")
        .expect("changed")["diff"];
    assert!(
        changed
            .as_str()
            .expect("diff")
            .contains("-// edited by hand"),
        "{changed}"
    );

    let bad = fixture("bad/dangling_ref.yaml");
    let bad = bad.to_str().expect("utf-8 path");
    let (code, _, stderr) = apigen(&["generate", bad, "-o", out_str], here);
    assert_eq!(code, 2);
    assert!(stderr.contains("error[E0201]"), "{stderr}");

    let (code, _, stderr) = apigen(&["generate", spec], here);
    assert_eq!(code, 2, "SPEC without -o is a usage error: {stderr}");
    let (code, _, stderr) = apigen(&["generate", spec, "-o", out_str, "--name", "9lives"], here);
    assert_eq!(code, 2);
    assert!(stderr.contains("not a valid crate name"), "{stderr}");
    let (code, _, _) = apigen(&["frobnicate"], here);
    assert_eq!(code, 2, "unknown subcommand");
    let (code, _, stderr) = apigen(&["generate"], &tmp);
    assert_eq!(code, 2);
    assert!(stderr.contains("specs/"), "{stderr}");
    std::fs::remove_dir_all(&tmp).ok();
}

#[test]
fn new_writes_the_template_once_and_it_generates_cleanly() {
    let tmp = std::env::temp_dir().join(format!("apigen-new-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).expect("tmp");

    let (code, stdout, stderr) = apigen(&["new", "acme-pay"], &tmp);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("wrote specs/acme-pay.yaml"), "{stdout}");
    let spec = tmp.join("specs/acme-pay.yaml");
    let written = std::fs::read_to_string(&spec).expect("written");
    assert!(written.contains("title: Acme Pay Webhooks"), "{written}");
    assert!(!written.contains("{{"), "every placeholder is filled");

    std::fs::write(&spec, "# adapted by hand\n").expect("edit");
    let (code, _, stderr) = apigen(&["new", "acme-pay"], &tmp);
    assert_eq!(code, 2);
    assert!(stderr.contains("exists already"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(&spec).expect("kept"),
        "# adapted by hand\n",
        "never overwritten"
    );

    let (code, _, stderr) = apigen(&["new", "Acme Pay"], &tmp);
    assert_eq!(code, 2, "not a crate name");
    assert!(stderr.contains("not a valid crate name"), "{stderr}");
    let (code, _, _) = apigen(&["new"], &tmp);
    assert_eq!(code, 2, "missing PROVIDER is a usage error");

    // The template itself: every operation the issue names, and no warning when generated.
    let template = tmp.join("template.yaml");
    std::fs::write(&template, apigen::new_provider_spec("acme")).expect("write");
    let generated = apigen::generate(&template, Some("acme")).expect("the template generates");
    assert!(generated.warnings.is_empty(), "{:?}", generated.warnings);
    let server = &generated.files["src/server.rs"];
    for operation in [
        "create_webhook",
        "list_webhooks",
        "get_webhook",
        "update_webhook",
        "delete_webhook",
        "rotate_webhook_secret",
    ] {
        assert!(server.contains(&format!("fn {operation}(")), "{operation}");
    }
    std::fs::remove_dir_all(&tmp).ok();
}

#[test]
fn unenforced_keywords_are_warnings_with_their_pointers() {
    let generated = apigen::generate(&fixture("warnings/unenforced_keywords.yaml"), None)
        .expect("warnings only");
    let found: Vec<(&str, &str)> = generated
        .warnings
        .iter()
        .map(|w| (w.code, w.pointer.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            ("W0001", "/components/schemas/Thing/patternProperties"),
            ("W0004", "/components/schemas/Thing/properties/at/format"),
            ("W0001", "/components/schemas/Thing/properties/id/maxLength"),
            ("W0001", "/components/schemas/Thing/properties/code/not"),
        ]
    );
    assert!(
        generated.warnings[1]
            .message
            .contains("`format: time` is not checked")
    );
}

#[test]
fn unreadable_patterns_name_the_regex_problem() {
    let generated = apigen::generate(&fixture("hostile/regex_unclosed_class.yaml"), None)
        .expect("one pattern never stops a spec");
    let message = &generated.warnings[0].message;
    assert!(
        message.contains("`[a-z` is not checked") && message.contains("unclosed character class"),
        "{message}"
    );
}
