//! Inconsistent but meaningful specs (`tests/fixtures/tolerance/`), each class found in a
//! published vendor spec: every fixture generates, with exactly the warnings listed (code
//! and pointer), and its types say what the warning says was assumed. The crates are also
//! compiled, with client, server and mock, by `tests/hostile`, which tests their behaviour.
//! Then `--lenient` ([`apigen::Strictness::Lenient`]) on the broken specs of `bad/`, and
//! the grouped warnings a person reads.

use std::path::{Path, PathBuf};

use apigen::Strictness;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures")
        .join(name)
}

/// Each tolerance fixture and its warnings, as (code, pointer).
const CASES: &[(&str, &[(&str, &str)])] = &[
    (
        "allof_null_member.yaml",
        &[
            (
                "W0002",
                "/components/schemas/Bill/properties/currency/allOf",
            ),
            ("W0002", "/components/schemas/Bill/properties/topics"),
        ],
    ),
    ("allof_number_and_integer.yaml", &[]),
    (
        "allof_property_override.yaml",
        &[(
            "W0002",
            "/components/schemas/AlreadyConfirmed/properties/status",
        )],
    ),
    (
        "keywords_not_schemas.json",
        &[("W0004", "/components/schemas/Item/properties/link/format")],
    ),
    ("mock_examples.yaml", &[]),
    ("names_ending_in_types.yaml", &[]),
    ("pattern_lookahead.yaml", &[]),
    (
        "patterns_ecma.yaml",
        &[
            (
                "W0002",
                "/components/schemas/Identifiers/properties/long/pattern",
            ),
            (
                "W0002",
                "/components/schemas/Identifiers/properties/hex/pattern",
            ),
        ],
    ),
    ("required_nullable_body.yaml", &[]),
    (
        "security_and_styles.yaml",
        &[
            ("W0002", "/paths/~1things~1{id}/get/parameters/1/style"),
            ("W0002", "/paths/~1things~1{id}/get/parameters/2/style"),
            ("W0001", "/paths/~1things~1{id}/get/security"),
        ],
    ),
    ("security_declared_not_required.yaml", &[]),
    ("security_scopes_repeated.yaml", &[]),
    ("unique_items_on_scalars.yaml", &[]),
    (
        "unknown_type.yaml",
        &[("W0002", "/components/schemas/Thing/type")],
    ),
];

fn generate(name: &str) -> apigen::Generated {
    apigen::generate(&fixture(&format!("tolerance/{name}")), Some("tolerance"))
        .unwrap_or_else(|failed| panic!("{name} should generate: {failed}"))
}

#[test]
fn every_tolerance_fixture_is_in_the_table() {
    let mut on_disk: Vec<String> = std::fs::read_dir(fixture("tolerance"))
        .expect("tests/fixtures/tolerance")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let listed: Vec<&str> = CASES.iter().map(|(name, _)| *name).collect();
    assert_eq!(on_disk, listed, "one row per fixture, sorted by name");
}

#[test]
fn each_tolerance_fixture_generates_with_exactly_its_warnings() {
    for (name, expected) in CASES {
        let generated = generate(name);
        let found: Vec<(&str, &str)> = generated
            .warnings
            .iter()
            .map(|w| (w.code, w.pointer.as_str()))
            .collect();
        assert_eq!(&found, expected, "{name}: {:#?}", generated.warnings);
    }
}

#[test]
fn a_null_only_member_reads_as_nullable() {
    let generated = generate("allof_null_member.yaml");
    let types = &generated.files["src/types.rs"];
    assert!(
        types.contains("pub currency: super::Nullable<Currency>"),
        "the named type, or null (optional too, so absent is told apart):\n{types}"
    );
    assert!(
        types.contains("pub topics: Option<Vec<Option<String>>>"),
        "strings or null:\n{types}"
    );
    let message = &generated.warnings[0].message;
    assert!(message.contains("read as \"or null\""), "{message}");
}

#[test]
fn number_and_integer_merge_to_integer() {
    let types = &generate("allof_number_and_integer.yaml").files["src/types.rs"];
    assert!(types.contains("pub run_id: i64"), "{types}");
}

#[test]
fn a_conflicting_property_is_the_later_members() {
    let generated = generate("allof_property_override.yaml");
    let message = &generated.warnings[0].message;
    assert!(
        message.contains("property `status`")
            && message.contains(r#"["success","error"] vs ["already_confirmed"]"#)
            && message.contains("the later member's definition is used"),
        "{message}"
    );
    let types = &generated.files["src/types.rs"];
    assert!(
        types.contains("pub status: Option<AlreadyConfirmedStatus>")
            && types.contains("pub const ALL: [Self; 1] = [Self::AlreadyConfirmed];"),
        "only the override's value:\n{types}"
    );
}

#[test]
fn patterns_run_on_the_engine_that_reads_them() {
    let generated = generate("patterns_ecma.yaml");
    let validate = &generated.files["src/validate.rs"];
    let cargo = &generated.files["Cargo.toml"];
    // The two look-aheads and the backreference on fancy-regex; the class with a literal
    // `[` on the regex crate, translated.
    assert_eq!(
        validate.matches("fancy_regex::Regex::new").count(),
        3,
        "{validate}"
    );
    assert!(
        validate.contains(r#"regex::Regex::new("[\\[A-Z0-9]{1,18}")"#),
        "{validate}"
    );
    assert!(cargo.contains("fancy-regex = "), "{cargo}");
    assert!(cargo.contains("\nregex = "), "{cargo}");
    let messages: Vec<&str> = generated
        .warnings
        .iter()
        .map(|w| w.message.as_str())
        .collect();
    assert!(messages[0].contains("too large to compile"), "{messages:?}");
    assert!(
        messages[1].contains("Unicode property not found"),
        "{messages:?}"
    );
    // A spec whose patterns all run on `regex` does not depend on fancy-regex.
    let plain = generate("unknown_type.yaml");
    assert!(!plain.files["Cargo.toml"].contains("fancy-regex"));
}

#[test]
fn json_surrogate_pairs_and_extensions_are_read() {
    let generated = generate("keywords_not_schemas.json");
    assert!(
        generated.files["README.md"].contains("Tolerance \u{1F600}"),
        "the surrogate pair is one character"
    );
    let types = &generated.files["src/types.rs"];
    assert!(types.contains("pub enum ItemType"), "{types}");
    let client = &generated.files["src/client.rs"];
    assert!(client.contains("pub fn list_items("), "{client}");
    assert!(
        !client.contains("codegen"),
        "`x-codegen-contextRoot` is no path:\n{client}"
    );
}

#[test]
fn a_required_nullable_body_is_an_option_sent_as_null() {
    let client = &generate("required_nullable_body.yaml").files["src/client.rs"];
    assert!(client.contains("body: Option<&types::"), "{client}");
    assert!(client.contains("request.json(&body)"), "{client}");
    assert!(
        client.contains("if let Some(body) = body {"),
        "validated when present:\n{client}"
    );
}

#[test]
fn security_alternatives_differing_in_scopes_are_one() {
    let client = &generate("security_scopes_repeated.yaml").files["src/client.rs"];
    assert_eq!(
        client
            .matches("if let Some(credential_private_apps_legacy)")
            .count(),
        1,
        "{client}"
    );
    assert!(
        client
            .contains("request.missing_credentials(\"`private_apps_legacy` or `oauth2_legacy`\")"),
        "{client}"
    );
}

#[test]
fn only_a_path_through_types_imports_it() {
    let server = &generate("names_ending_in_types.yaml").files["src/server.rs"];
    assert!(
        server.contains("handle_list_feature_types::<A>"),
        "{server}"
    );
    assert!(!server.contains("use super::types;"), "{server}");
}

#[test]
fn keywords_for_another_type_check_nothing() {
    let generated = generate("unique_items_on_scalars.yaml");
    let validate = &generated.files["src/validate.rs"];
    assert!(
        !validate.contains("list_pods_parameters"),
        "nothing to check:\n{validate}"
    );
    assert!(!generated.files["src/client.rs"].contains("list_pods_parameters"));
}

#[test]
fn lenient_reads_a_broken_schema_as_any_value() {
    for (name, pointer, field) in [
        (
            "dangling_ref.yaml",
            "/components/schemas/Thing/properties/owner/$ref",
            "pub owner: ",
        ),
        (
            "allof_conflict.yaml",
            "/components/schemas/Impossible/properties/id/allOf",
            "pub id: ",
        ),
    ] {
        let path = fixture(&format!("bad/{name}"));
        assert!(apigen::generate(&path, None).is_err(), "{name} is an error");
        let generated = apigen::generate_with(&path, None, Strictness::Lenient)
            .unwrap_or_else(|failed| panic!("{name}: {failed}"));
        let warning = generated
            .warnings
            .iter()
            .find(|w| w.code == "W0003")
            .unwrap_or_else(|| panic!("{name}: {:?}", generated.warnings));
        assert_eq!(warning.pointer, pointer, "{name}");
        assert!(
            warning.message.contains("any JSON value"),
            "{}",
            warning.message
        );
        let types = &generated.files["src/types.rs"];
        let line = types
            .lines()
            .find(|l| l.contains(field))
            .unwrap_or_else(|| panic!("{name}: {types}"));
        assert!(line.contains("serde_json::Value"), "{name}: {line}");
    }
}

#[test]
fn lenient_skips_a_broken_operation_and_keeps_the_rest() {
    for (name, skipped, kept) in [
        ("duplicate_operation_id.yaml", "GET /b", "GET /a"),
        ("bad_parameter_location.yaml", "POST /a", ""),
    ] {
        let path = fixture(&format!("bad/{name}"));
        let generated = apigen::generate_with(&path, None, Strictness::Lenient)
            .unwrap_or_else(|failed| panic!("{name}: {failed}"));
        let warning = generated
            .warnings
            .iter()
            .find(|w| w.code == "W0003")
            .unwrap_or_else(|| panic!("{name}: {:?}", generated.warnings));
        assert!(
            warning
                .message
                .contains(&format!("the operation `{skipped}` is skipped")),
            "{}",
            warning.message
        );
        let readme = &generated.files["README.md"];
        let (method, path) = skipped.split_once(' ').expect("method path");
        assert!(
            !readme.contains(&format!("| {method} | `{path}` |")),
            "{name}: left out\n{readme}"
        );
        if let Some((method, path)) = kept.split_once(' ') {
            assert!(
                readme.contains(&format!("| {method} | `{path}` |")),
                "{name}: kept\n{readme}"
            );
        }
    }
}

#[test]
fn lenient_does_not_excuse_a_document_that_cannot_be_read() {
    for name in ["bad_yaml.yaml", "swagger_2.yaml"] {
        let path = fixture(&format!("bad/{name}"));
        assert!(
            apigen::generate_with(&path, None, Strictness::Lenient).is_err(),
            "{name}"
        );
    }
}

#[test]
fn warnings_are_grouped_one_line_per_kind() {
    let spec = std::env::temp_dir().join(format!("apigen-grouped-{}.yaml", std::process::id()));
    let mut text = String::from(
        "openapi: 3.1.0\ninfo: {title: Many, version: \"1\"}\npaths: {}\ncomponents:\n  schemas:\n",
    );
    for i in 0..5 {
        text.push_str(&format!(
            "    T{i}:\n      type: object\n      properties:\n        link: {{type: string, format: uri-template}}\n        not_checked: {{type: string, not: {{const: x}}}}\n"
        ));
    }
    std::fs::write(&spec, text).expect("write");
    let generated = apigen::generate(&spec, Some("many")).expect("generates");
    std::fs::remove_file(&spec).ok();
    assert_eq!(generated.warnings.len(), 10, "{:#?}", generated.warnings);
    let lines = apigen::diag::grouped(&generated.warnings);
    assert_eq!(lines.len(), 2, "{lines:#?}");
    assert!(
        lines[0].starts_with(
            "warning[W0001]: 5 × `not` is not supported yet and is ignored, first at "
        ) && lines[0].ends_with("(/components/schemas/T0/properties/not_checked/not)"),
        "{}",
        lines[0]
    );
    assert_eq!(
        lines[1],
        "note[W0004]: 5 strings carry a `format` that is an annotation only, not checked (uri-template 5)"
    );
}

/// The mock's values are struct literals: a keyword-named type's shared value is a
/// function with a valid name, and an example that is not a value of its type (a `uuid`
/// that is not one) gives way to a derived value.
#[test]
fn mock_values_are_literals_of_the_types() {
    let mock = &generate("mock_examples.yaml").files["src/mock.rs"];
    assert!(mock.contains("fn match_() -> types::Match {"), "{mock}");
    assert!(
        mock.contains("server::GetMatchReply::Ok(match_())"),
        "{mock}"
    );
    assert!(
        mock.contains("winner: types::Outcome::Tie(types::Tie { kind: \"tie\".into() })"),
        "a tie stays a tie: {mock}"
    );
    assert!(
        mock.contains("id: uuid::uuid!(\"00000000-0000-4000-8000-000000000000\")"),
        "{mock}"
    );
    assert!(!mock.contains("not-a-uuid"), "{mock}");
    // Derived: `{}` holds null; an `enum` of strings on an array is not an array value.
    assert!(mock.contains("anything: Value::Null,"), "{mock}");
    assert!(
        mock.contains("filters: Vec::from([\"example\".into()]),"),
        "{mock}"
    );
    assert!(
        !mock.contains("from_str"),
        "no JSON is parsed when serving: {mock}"
    );
}
