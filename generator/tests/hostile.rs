//! Hostile and broken specs (`tests/fixtures/hostile/`): each one's exact outcome. A spec
//! either stops with the diagnostics listed here (code, line, column, pointer) or
//! generates, with exactly the warnings listed; what generates is compiled, with client,
//! server and mock, by `tests/hostile` and its behaviour tested there. Nothing a spec says
//! may become code: every generated file is scanned for identifiers the fixtures plant.

use std::path::{Path, PathBuf};

enum Outcome {
    /// Errors as (code, line, column, pointer prefix).
    Fails(&'static [(&'static str, usize, usize, &'static str)]),
    /// Generates, with these warning codes (in order).
    Generates(&'static [&'static str]),
}
use Outcome::{Fails, Generates};

const CASES: &[(&str, Outcome)] = &[
    (
        "allof_recursing_through_oneof",
        Fails(&[("E0005", 11, 11, "/components/schemas/Core/oneOf/0/oneOf/0/")]),
    ),
    ("case_and_punctuation_twins", Generates(&[])),
    ("description_backticks_and_fences", Generates(&[])),
    ("description_comment_breakers", Generates(&[])),
    ("description_control_characters", Generates(&[])),
    ("description_raw_string_breakers", Generates(&[])),
    ("document_is_a_list", Fails(&[("E0101", 2, 1, "")])),
    (
        "duplicate_operation_ids_three",
        Fails(&[
            ("E0401", 8, 24, "/paths/~1b/get/operationId"),
            ("E0401", 10, 24, "/paths/~1c/get/operationId"),
        ]),
    ),
    ("empty_document", Fails(&[("E0003", 1, 1, "")])),
    ("enum_mixed_types", Generates(&[])),
    ("enum_values_colliding", Generates(&[])),
    ("enum_values_not_identifiers", Generates(&[])),
    (
        "float_overflow_minimum",
        Fails(&[("E0102", 9, 16, "/components/schemas/Huge/minimum")]),
    ),
    ("impossible_range", Generates(&[])),
    ("integer_enum_extremes", Generates(&[])),
    (
        "integer_overflow_in_constraints",
        Fails(&[(
            "E0102",
            10,
            38,
            "/components/schemas/Over/properties/s/maxLength",
        )]),
    ),
    ("json_with_comments", Fails(&[("E0101", 2, 1, "")])),
    ("keywords_as_property_names", Generates(&[])),
    ("keywords_as_schema_names", Generates(&[])),
    ("latin1_name", Fails(&[("E0002", 6, 8, "")])),
    (
        "multiple_of_zero",
        Fails(&[("E0104", 9, 19, "/components/schemas/Zero/multipleOf")]),
    ),
    ("names_made_of_symbols", Generates(&[])),
    ("names_of_generated_items", Generates(&[])),
    ("names_starting_with_digits", Generates(&[])),
    (
        "negative_max_items",
        Fails(&[("E0102", 10, 17, "/components/schemas/Neg/maxItems")]),
    ),
    (
        "nesting_200_levels",
        Fails(&[(
            "E0005",
            155,
            203,
            "/components/schemas/Deep/properties/level0/properties/level1/",
        )]),
    ),
    ("nesting_48_levels", Generates(&[])),
    (
        "nesting_too_deep",
        Fails(&[(
            "E0005",
            773,
            1027,
            "/components/schemas/Deeper/properties/level0/properties/",
        )]),
    ),
    ("non_ascii_names", Generates(&[])),
    (
        "odd_status_codes",
        Fails(&[("E0104", 17, 9, "/paths/~1b/get/responses/abc")]),
    ),
    ("operation_ids_equal_after_conversion", Generates(&[])),
    ("parameter_names_colliding", Generates(&[])),
    ("path_template_mismatch", Generates(&["E0103", "W0001"])),
    ("recursion_everywhere", Generates(&[])),
    ("recursive_arrays_with_min_items", Generates(&[])),
    (
        "ref_chain_dangling",
        Fails(&[("E0201", 12, 19, "/components/schemas/C/properties/d/$ref")]),
    ),
    (
        "ref_cycle_self",
        Fails(&[("E0202", 7, 18, "/components/schemas/Loop/$ref")]),
    ),
    (
        "ref_cycle_through_allof",
        Fails(&[
            ("E0202", 8, 7, "/components/schemas/A"),
            ("E0202", 11, 7, "/components/schemas/B"),
        ]),
    ),
    ("ref_escaped_pointers", Generates(&[])),
    (
        "ref_missing_file_nested",
        Fails(&[(
            "E0201",
            10,
            23,
            "/components/schemas/Thing/properties/other/$ref",
        )]),
    ),
    ("ref_to_non_schema", Generates(&[])),
    ("regex_backreference", Generates(&[])),
    ("regex_ecma_features", Generates(&[])),
    ("regex_lookaround", Generates(&[])),
    ("regex_unclosed_class", Generates(&["W0002"])),
    ("security_without_operations", Generates(&[])),
    ("self_crate_super_everywhere", Generates(&[])),
    ("strings_that_look_like_code", Generates(&[])),
    ("utf16", Fails(&[("E0002", 1, 1, "")])),
    ("utf8_bom", Generates(&[])),
    ("yaml_alias_bomb", Fails(&[("E0005", 10, 31, "/x-g/7")])),
    ("yaml_anchors_and_merge_keys", Generates(&[])),
    (
        "yaml_tags",
        Fails(&[(
            "E0102",
            11,
            37,
            "/components/schemas/Tagged/properties/n/maximum",
        )]),
    ),
    (
        "yaml_undefined_alias",
        Fails(&[("E0003", 7, 12, "/components/schemas/Thing")]),
    ),
];

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../tests/fixtures/hostile/{name}.yaml"))
}

/// The identifiers in `code`, outside comments and literals (which is where a spec's
/// text must stay).
fn identifiers(code: &str) -> Vec<String> {
    fn walk(stream: proc_macro2::TokenStream, out: &mut Vec<String>) {
        for tree in stream {
            match tree {
                proc_macro2::TokenTree::Ident(i) => out.push(i.to_string()),
                proc_macro2::TokenTree::Group(g) => walk(g.stream(), out),
                _ => {}
            }
        }
    }
    let stream: proc_macro2::TokenStream = code.parse().expect("generated code tokenizes");
    let mut out = Vec::new();
    walk(stream, &mut out);
    out
}

#[test]
fn every_hostile_fixture_is_in_the_table() {
    let mut on_disk: Vec<String> = std::fs::read_dir(fixture("x").parent().expect("dir"))
        .expect("tests/fixtures/hostile")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| p.file_stem().expect("stem").to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let listed: Vec<String> = CASES.iter().map(|(n, _)| (*n).to_owned()).collect();
    assert_eq!(on_disk, listed, "one row per fixture, sorted by name");
    assert!(CASES.len() >= 40, "{} hostile fixtures", CASES.len());
}

#[test]
fn each_hostile_fixture_has_its_exact_outcome() {
    for (name, outcome) in CASES {
        let result = apigen::generate(&fixture(name), Some("hostile"));
        match (outcome, result) {
            (Fails(expected), Err(failed)) => {
                let errors: Vec<_> = failed
                    .diagnostics
                    .iter()
                    .filter(|d| d.severity == apigen::diag::Severity::Error)
                    .collect();
                assert_eq!(errors.len(), expected.len(), "{name}: {failed}");
                for (d, (code, line, col, pointer)) in errors.iter().zip(expected.iter()) {
                    assert_eq!(
                        (d.code, d.pos.line, d.pos.col),
                        (*code, *line, *col),
                        "{name}: {d}"
                    );
                    assert!(
                        d.pointer.starts_with(pointer),
                        "{name}: pointer {} vs {pointer}",
                        d.pointer
                    );
                    assert!(
                        d.file.ends_with(format!("{name}.yaml")),
                        "{name}: names its file"
                    );
                }
            }
            (Generates(warnings), Ok(generated)) => {
                let codes: Vec<&str> = generated.warnings.iter().map(|w| w.code).collect();
                assert_eq!(&codes, warnings, "{name}: {:#?}", generated.warnings);
                for (path, code) in &generated.files {
                    if path.ends_with(".rs") {
                        let planted: Vec<String> = identifiers(code)
                            .into_iter()
                            .filter(|i| i.contains("injected"))
                            .collect();
                        assert!(
                            planted.is_empty(),
                            "{name}/{path}: spec text became code: {planted:?}"
                        );
                    }
                }
            }
            (Fails(_), Ok(_)) => panic!("{name}: generated, but should fail"),
            (Generates(_), Err(failed)) => panic!("{name}: should generate, but: {failed}"),
        }
    }
}

#[test]
fn a_five_megabyte_description_generates_as_one_doc_comment() {
    let dir = std::env::temp_dir().join(format!("apigen-big-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let line = "A long line with `code`, */ and \"# in it. ";
    let text = line.repeat(5 * 1024 * 1024 / line.len() + 1);
    let spec = dir.join("big.yaml");
    std::fs::write(
        &spec,
        format!(
            "openapi: 3.1.0\ninfo: {{title: Big, version: \"1\"}}\npaths: {{}}\ncomponents:\n  schemas:\n    Big:\n      type: string\n      description: '{text}'\n"
        ),
    )
    .expect("write");
    let generated = apigen::generate(&spec, Some("big")).expect("generates");
    let types = &generated.files["src/types.rs"];
    assert!(
        types.len() > 5 * 1024 * 1024,
        "the description is kept whole"
    );
    assert!(
        identifiers(types).iter().all(|i| i != "in"),
        "its words stay in the comment"
    );
    std::fs::remove_dir_all(&dir).ok();
}
