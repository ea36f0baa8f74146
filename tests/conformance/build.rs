//! Turns the JSON Schema Test Suite into OpenAPI documents, runs apigen on them, and
//! writes the generated modules plus a table of cases for `src/lib.rs` to run.
//!
//! Each test group's schema becomes a component `G<n>`: an object whose required property
//! `v` has the group's schema, so every case is a generated struct with a `Validate` impl;
//! each instance is wrapped as `{"v": instance}`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};

/// The keyword files for what apigen enforces, per draft.
const ENFORCED: &[&str] = &[
    "additionalProperties",
    "const",
    "enum",
    "exclusiveMaximum",
    "exclusiveMinimum",
    "format",
    "maxItems",
    "maxLength",
    "maxProperties",
    "maximum",
    "minItems",
    "minLength",
    "minProperties",
    "minimum",
    "multipleOf",
    "pattern",
    "required",
    "uniqueItems",
];

/// The formats apigen checks (`optional/format/<name>.json`).
const FORMATS: &[&str] = &[
    "date",
    "date-time",
    "email",
    "hostname",
    "ipv4",
    "ipv6",
    "uri",
    "uuid",
];

/// Keywords whose presence in a group's schema puts the group outside what apigen
/// enforces, with the reason.
const UNSUPPORTED: &[(&str, &str)] = &[
    ("patternProperties", "`patternProperties` is not supported"),
    ("propertyNames", "`propertyNames` is not supported"),
    ("dependentSchemas", "`dependentSchemas` is not supported"),
    ("dependencies", "`dependencies` is not supported"),
    ("prefixItems", "`prefixItems` (tuples) is not supported"),
    (
        "additionalItems",
        "`additionalItems` (tuples) is not supported",
    ),
    ("contains", "`contains` is not supported"),
    ("not", "`not` is not supported"),
    ("if", "`if`/`then`/`else` is not supported"),
    (
        "unevaluatedProperties",
        "`unevaluatedProperties` is not supported",
    ),
    ("unevaluatedItems", "`unevaluatedItems` is not supported"),
    ("$dynamicRef", "`$dynamicRef` is not supported"),
    (
        "allOf",
        "`allOf` is merged into one schema, so `additionalProperties` sees the merged properties",
    ),
];

struct Draft {
    dir: &'static str,
    module: &'static str,
    openapi: &'static str,
}

const DRAFTS: &[Draft] = &[
    Draft {
        dir: "draft2020-12",
        module: "draft2020_12",
        openapi: "3.1.0",
    },
    Draft {
        dir: "draft4",
        module: "draft4",
        openapi: "3.0.3",
    },
];

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let suite = std::env::var_os("APIGEN_JSON_SCHEMA_SUITE")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest.join("../../../shared/json-schema-test-suite/tests"));
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets it"));
    println!("cargo:rerun-if-env-changed=APIGEN_JSON_SCHEMA_SUITE");
    println!("cargo:rerun-if-changed={}", suite.display());
    let mut table = String::from("pub const CASES: &[Case] = &[\n");
    let mut skipped_files = String::from("pub const SKIPPED_FILES: &[(&str, &str)] = &[\n");
    let mut modules = String::new();
    for draft in DRAFTS {
        let dir = suite.join(draft.dir);
        if !dir.is_dir() {
            continue;
        }
        let cases = collect(draft, &dir, &mut skipped_files);
        let spec = json!({
            "openapi": draft.openapi,
            "info": {"title": format!("JSON Schema Test Suite {}", draft.dir), "version": "1"},
            "paths": {},
            "components": {"schemas": Value::Object(cases.schemas)},
        });
        let spec_path = out.join(format!("{}.json", draft.module));
        std::fs::write(
            &spec_path,
            serde_json::to_string_pretty(&spec).expect("json"),
        )
        .expect("write spec");
        let (module, _warnings) =
            apigen::generate_module(&spec_path).unwrap_or_else(|failure| panic!("{failure}"));
        let module_path = out.join(format!("{}.rs", draft.module));
        std::fs::write(&module_path, module).expect("write module");
        writeln!(
            modules,
            "pub mod {} {{ include!(concat!(env!(\"OUT_DIR\"), \"/{}.rs\")); }}",
            draft.module, draft.module
        )
        .expect("string");
        table.push_str(&cases.rows);
    }
    table.push_str("];\n");
    skipped_files.push_str("];\n");
    std::fs::write(
        out.join("cases.rs"),
        format!("{modules}\n{table}\n{skipped_files}"),
    )
    .expect("write cases");
}

struct Collected {
    schemas: Map<String, Value>,
    rows: String,
}

fn keyword_files(dir: &Path) -> Vec<(String, PathBuf)> {
    let mut files = Vec::new();
    for sub in ["", "optional/format"] {
        let Ok(entries) = std::fs::read_dir(dir.join(sub)) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "json") {
                let stem = path
                    .file_stem()
                    .expect("name")
                    .to_string_lossy()
                    .into_owned();
                let label = if sub.is_empty() {
                    stem
                } else {
                    format!("format/{stem}")
                };
                files.push((label, path));
            }
        }
    }
    files.sort();
    files
}

fn collect(draft: &Draft, dir: &Path, skipped_files: &mut String) -> Collected {
    let mut schemas = Map::new();
    let mut rows = String::new();
    for (label, path) in keyword_files(dir) {
        let enforced = match label.strip_prefix("format/") {
            Some(format) => FORMATS.contains(&format),
            None => ENFORCED.contains(&label.as_str()),
        };
        let file = format!("{}/{label}.json", draft.dir);
        if !enforced {
            let reason = if label.starts_with("format/") {
                "apigen does not check this format"
            } else {
                "apigen does not enforce this keyword"
            };
            writeln!(skipped_files, "    ({file:?}, {reason:?}),").expect("string");
            continue;
        }
        let groups: Vec<Value> =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("read"))
                .expect("suite JSON");
        for group in groups {
            let description = group["description"].as_str().unwrap_or_default().to_owned();
            let schema = group["schema"].clone();
            let skip = skip_reason(&schema).or_else(|| {
                description.contains("A-label").then(|| {
                    "IDNA 2008 rules for punycode (A-label) host names are not checked".to_owned()
                })
            });
            let name = format!("G{}", schemas.len() + 1);
            if skip.is_none() {
                schemas.insert(name.clone(), wrap(&schema, &name));
            }
            for test in group["tests"].as_array().into_iter().flatten() {
                let instance = json!({"v": test["data"]}).to_string();
                let valid = test["valid"].as_bool().unwrap_or(false);
                let test_description = test["description"].as_str().unwrap_or_default();
                let run = match &skip {
                    Some(reason) => format!("Run::Skip({reason:?})"),
                    None => format!(
                        "Run::Check(crate::run_{m}::<crate::{m}::types::{name}>)",
                        m = draft.module
                    ),
                };
                writeln!(
                    rows,
                    "    Case {{ file: {file:?}, group: {description:?}, test: {test_description:?}, instance: {instance:?}, valid: {valid}, typed_away: {typed_away}, format_annotation: {annotation}, run: {run} }},",
                    typed_away = typed_away(&schema, &test["data"]),
                    annotation = label == "format" && test_description.contains("only an annotation"),
                )
                .expect("string");
            }
        }
    }
    Collected { schemas, rows }
}

/// Why a group cannot be checked, if it cannot.
fn skip_reason(schema: &Value) -> Option<String> {
    if schema.is_boolean() {
        return Some("boolean schemas are not supported".into());
    }
    let mut found = None;
    visit_entries(schema, &mut |key, value| {
        if found.is_none() && key == "items" && value.is_array() {
            found = Some(
                "tuple `items` (an array of schemas) is not OpenAPI; apigen rejects it".to_owned(),
            );
        }
    });
    visit_keys(schema, &mut |key| {
        if found.is_none() {
            found = UNSUPPORTED
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, reason)| (*reason).to_owned());
        }
    });
    found
}

fn visit_keys(value: &Value, f: &mut dyn FnMut(&str)) {
    visit_entries(value, &mut |key, _| f(key));
}

fn visit_entries(value: &Value, f: &mut dyn FnMut(&str, &Value)) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                f(key, child);
                if !matches!(key.as_str(), "const" | "enum" | "default" | "examples") {
                    visit_entries(child, f);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|i| visit_entries(i, f)),
        _ => {}
    }
}

/// apigen maps a schema without `type` but with `properties`, `additionalProperties` or
/// `required` to a struct (and with `items` to a `Vec`), as API descriptions mean. JSON
/// Schema lets such a schema accept any other JSON type. True when this instance is one of
/// those other types, so the typed mapping rejects what the suite accepts.
fn typed_away(schema: &Value, data: &Value) -> bool {
    let Some(map) = schema.as_object() else {
        return false;
    };
    if map.contains_key("type") || map.contains_key("enum") || map.contains_key("const") {
        return false;
    }
    let object = ["properties", "additionalProperties", "required"]
        .iter()
        .any(|k| map.contains_key(*k));
    let array = map.contains_key("items");
    (object && !data.is_object()) || (!object && array && !data.is_array())
}

/// The group's schema as property `v` of a component, with `$ref`s re-rooted.
fn wrap(schema: &Value, name: &str) -> Value {
    let mut schema = schema.clone();
    if let Some(map) = schema.as_object_mut() {
        map.remove("$schema");
        map.remove("$id");
    }
    let root = format!("#/components/schemas/{name}/properties/v");
    reroot(&mut schema, &root);
    json!({"type": "object", "required": ["v"], "properties": {"v": schema}})
}

fn reroot(value: &mut Value, root: &str) {
    match value {
        Value::Object(map) => {
            for (key, child) in map.iter_mut() {
                if key == "$ref" {
                    if let Some(reference) = child.as_str().and_then(|r| r.strip_prefix('#')) {
                        *child = Value::String(format!("{root}{reference}"));
                    }
                } else if !matches!(key.as_str(), "const" | "enum" | "default" | "examples") {
                    reroot(child, root);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|i| reroot(i, root)),
        _ => {}
    }
}
