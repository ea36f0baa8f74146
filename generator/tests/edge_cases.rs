//! Regressions for defects found in review: each test is a spec that once produced wrong
//! code, a panic, lost data or a silent acceptance.

use std::path::PathBuf;

/// Writes `text` as a spec file in a fresh temporary folder.
fn spec(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("apigen-edge-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp");
    let path = dir.join(format!("{name}.yaml"));
    std::fs::write(&path, text).expect("write");
    path
}

fn types_of(name: &str, text: &str) -> String {
    let generated = apigen::generate(&spec(name, text), None).unwrap_or_else(|e| panic!("{e}"));
    generated.files["src/types.rs"].clone()
}

const HEADER: &str = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\n";

#[test]
fn refs_under_keys_named_default_are_resolved() {
    let text = format!(
        "{HEADER}paths:\n  /a:\n    get:\n      operationId: getA\n      responses:\n        '200': {{description: ok}}\n        default: {{$ref: '#/components/responses/Error'}}\ncomponents:\n  responses:\n    Error:\n      description: failure\n      content: {{application/json: {{schema: {{$ref: '#/components/schemas/Problem'}}}}}}\n  schemas:\n    Problem: {{type: object, required: [default], properties: {{default: {{$ref: '#/components/schemas/Detail'}}}}}}\n    Detail: {{type: object, properties: {{a: {{type: string}}}}}}\n"
    );
    let generated = apigen::generate(&spec("default_refs", &text), None).expect("generates");
    assert!(
        generated.files["src/types.rs"].contains("pub default: Detail,"),
        "{}",
        generated.files["src/types.rs"]
    );
    assert!(
        generated.files["src/client.rs"].contains("Default(types::Problem)"),
        "{}",
        generated.files["src/client.rs"]
    );
    let dangling = text.replace(
        "#/components/responses/Error",
        "#/components/responses/Nope",
    );
    let failure =
        apigen::generate(&spec("default_dangling", &dangling), None).expect_err("dangling");
    assert_eq!(failure.diagnostics[0].code, "E0201");
}

#[test]
fn untagged_unions_put_arrays_first_and_string_enums_after_strings() {
    let text = format!(
        "{HEADER}paths: {{}}\ncomponents:\n  schemas:\n    Input: {{oneOf: [{{type: object, properties: {{text: {{type: string}}}}}}, {{type: array, items: {{type: string}}}}]}}\n    Model: {{anyOf: [{{type: string, enum: [gpt-4o]}}, {{type: string}}]}}\n"
    );
    let types = types_of("union_order", &text);
    let input = &types[types.find("pub enum Input {").expect("Input")..];
    assert!(
        input.find("Array(").expect("array") < input.find("InputVariant1(").expect("struct"),
        "{input}"
    );
    let model = &types[types.find("pub enum Model {").expect("Model")..];
    assert!(
        model.find("String(").expect("string") < model.find("ModelVariant1(").expect("enum"),
        "{model}"
    );
}

#[test]
fn discriminated_unions_do_not_depend_on_schema_order() {
    let body = "    Branch: {type: object, required: [kind], properties: {kind: {type: string}, children: {type: array, items: {$ref: '#/components/schemas/Node'}}}}\n    Leaf: {type: object, required: [kind], properties: {kind: {type: string}}}\n";
    let node = "    Node: {oneOf: [{$ref: '#/components/schemas/Leaf'}, {$ref: '#/components/schemas/Branch'}], discriminator: {propertyName: kind}}\n";
    let first = format!("{HEADER}paths: {{}}\ncomponents:\n  schemas:\n{node}{body}");
    let last = format!("{HEADER}paths: {{}}\ncomponents:\n  schemas:\n{body}{node}");
    for (name, text) in [("node_first", first), ("node_last", last)] {
        let generated = apigen::generate(&spec(name, &text), None).expect("generates");
        assert!(
            generated.warnings.is_empty(),
            "{name}: {:?}",
            generated.warnings
        );
        assert!(
            generated.files["src/types.rs"].contains("pub const TAG: &'static str = \"kind\";"),
            "{name}"
        );
    }
}

#[test]
fn unicode_in_odd_places_does_not_panic() {
    let text = "openapi: 3.1.0\ninfo: {title: x, version: '1', description: \"\\u00a0first\\n second\"}\npaths: {}\ncomponents:\n  schemas:\n    A: {$ref: \"#/components/schemas/%a\\u00e9\"}\n";
    let outcome = std::panic::catch_unwind(|| apigen::generate(&spec("unicode", text), None));
    let failure = outcome.expect("no panic").expect_err("the $ref dangles");
    assert_eq!(failure.diagnostics[0].code, "E0201");
}

#[test]
fn control_characters_in_titles_cannot_break_the_crate() {
    let text = "openapi: 3.1.0\ninfo: {title: \"T\\u202eitle\\rx\\u007f\", version: \"1\\r2\"}\nservers: [{url: \"https://x.example/\\u202e\"}]\npaths: {}\n";
    let generated = apigen::generate(&spec("control", text), None).expect("generates");
    for (path, contents) in &generated.files {
        assert!(
            !contents.contains('\r')
                && !contents.contains('\u{202e}')
                && !contents.contains('\u{7f}'),
            "{path}"
        );
    }
}

#[test]
fn keywords_beside_ref_apply_in_31_and_warn_in_30() {
    let body = "paths: {}\ncomponents:\n  schemas:\n    Name: {type: string}\n    User: {type: object, properties: {name: {$ref: '#/components/schemas/Name', maxLength: 3}}}\n";
    let generated =
        apigen::generate(&spec("siblings31", &format!("{HEADER}{body}")), None).expect("generates");
    assert!(
        generated.files["src/validate.rs"].contains("check::max_length(value, 3, &path, out);")
    );
    let v30 = format!("openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\n{body}");
    let generated = apigen::generate(&spec("siblings30", &v30), None).expect("generates");
    assert_eq!(generated.warnings.len(), 1, "{:?}", generated.warnings);
    assert!(generated.warnings[0].message.contains("beside `$ref`"));
}

#[test]
fn shared_allof_members_are_merged_once() {
    let mut text = format!(
        "{HEADER}paths: {{}}\ncomponents:\n  schemas:\n    X0: {{type: object, properties: {{a: {{type: string}}}}}}\n"
    );
    for i in 1..=40 {
        let p = i - 1;
        text.push_str(&format!("    X{i}: {{allOf: [{{$ref: '#/components/schemas/X{p}'}}, {{$ref: '#/components/schemas/X{p}'}}]}}\n"));
    }
    // Without memoisation this takes 2^40 merges and never finishes.
    let types = types_of("allof_chain", &text);
    assert!(types.contains("pub struct X40 {"));
}

#[test]
fn allof_and_ref_loops_are_errors() {
    let text = format!(
        "{HEADER}paths: {{}}\ncomponents:\n  schemas:\n    A: {{allOf: [{{$ref: '#/components/schemas/B'}}]}}\n    B: {{allOf: [{{$ref: '#/components/schemas/A'}}]}}\n"
    );
    let failure = apigen::generate(&spec("allof_loop", &text), None).expect_err("loop");
    assert_eq!(failure.diagnostics[0].code, "E0202", "{failure}");
}

#[test]
fn secrets_behind_refs_are_redacted() {
    let text = format!(
        "{HEADER}paths: {{}}\ncomponents:\n  schemas:\n    Pin: {{type: string, format: password}}\n    Card: {{type: object, required: [pin], properties: {{pin: {{$ref: '#/components/schemas/Pin'}}}}}}\n"
    );
    let types = types_of("secret_ref", &text);
    assert!(
        types.contains(".field(\"pin\", &format_args!(\"<redacted>\"))"),
        "{types}"
    );
}

#[test]
fn keyword_stems_make_usable_crate_names() {
    assert_eq!(
        apigen::crate_name_for(std::path::Path::new("specs/self.yaml")),
        "self_api"
    );
    assert_eq!(
        apigen::crate_name_for(std::path::Path::new("specs/type.yaml")),
        "type_api"
    );
    assert!(apigen::check_crate_name("crate").is_err());
}

#[test]
fn writing_never_touches_other_crates_or_foreign_manifests() {
    let root = std::env::temp_dir().join(format!("apigen-edge-{}-write", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let files = apigen::generate(&spec("writer", &format!("{HEADER}paths: {{}}\n")), None)
        .expect("generates")
        .files;
    apigen::write::write_crate(&root.join("a"), &files).expect("writes a");
    let report = apigen::write::write_crate(&root, &files).expect("writes the parent");
    assert!(
        report.removed.is_empty(),
        "removed files of the nested crate: {:?}",
        report.removed
    );
    assert!(root.join("a/src/types.rs").exists());
    let foreign = root.join("mine");
    std::fs::create_dir_all(&foreign).expect("dir");
    std::fs::write(foreign.join("Cargo.toml"), "[package]\nname = \"mine\"\n").expect("manifest");
    let error = apigen::write::write_crate(&foreign, &files).expect_err("foreign manifest");
    assert!(
        error.to_string().contains("not written by apigen"),
        "{error}"
    );
    std::fs::remove_dir_all(&root).ok();
}

#[test]
fn operations_named_like_client_methods_get_other_names() {
    let text = format!(
        "{HEADER}paths:\n  /a: {{get: {{operationId: withBearer, security: [{{bearer: []}}], responses: {{'204': {{description: ok}}}}}}}}\n  /b: {{get: {{operationId: new, responses: {{'204': {{description: ok}}}}}}}}\ncomponents: {{securitySchemes: {{bearer: {{type: http, scheme: bearer}}}}}}\n"
    );
    let generated = apigen::generate(&spec("method_clash", &text), None).expect("generates");
    let client = &generated.files["src/client.rs"];
    assert!(client.contains("pub fn with_bearer(mut self"), "{client}");
    assert!(
        client.contains("pub fn with_bearer2(\n        &self,\n    )"),
        "{client}"
    );
    assert!(
        client.contains("pub fn new2(\n        &self,\n    )"),
        "{client}"
    );
}
