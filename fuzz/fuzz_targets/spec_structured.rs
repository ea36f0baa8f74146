//! Structure-aware: the fuzzer's bytes choose an OpenAPI document from a grammar of what
//! specs contain (schemas of every kind, `$ref`s that may dangle or loop, compositions,
//! constraints with extreme numbers, hostile names and texts, operations, parameters,
//! security), so most inputs get past the parser and exercise the IR and the emitters.
#![no_main]

mod common;

use arbitrary::{Result, Unstructured};
use serde_json::{Map, Value, json};

/// Names that stress identifier making: keywords, case and punctuation twins, digits,
/// symbols, non-ASCII, comment and string breakers.
const NAMES: &[&str] = &[
    "Thing", "thing", "type", "self", "Self", "crate", "super", "r#type", "foo-bar", "foo_bar",
    "FooBar", "fooBar", "9lives", "123", "$$$", "-", "_", "", "ünïcødé", "名前", "a b", "*/",
    "\"#", "`x`", "Option", "String", "Vec", "Result", "None", "Some", "serde", "std", "core",
    "validate", "Value", "Error", "Client", "Api", "async", "await", "dyn", "union", "gen",
];

/// Texts for descriptions, enum values and examples.
const TEXTS: &[&str] = &[
    "plain", "*/ fn evil() {} /*", "\"# r#\"", "```rust\npanic!()\n```", "line\nbreak\r\n",
    "\\u{0}", "{}", "#[attr]", "é", "", " ", "null", "true", "0", "-1", "A_B", "a-b", "a b",
];

const PATTERNS: &[&str] = &["^[a-z]+$", "(", "\\d{2,}", "[[:alpha:]]", "^https://", "(?<name>x)", "\\p{L}+", "a{,3}", "[", "\\"];
const FORMATS: &[&str] = &["uuid", "date-time", "date", "email", "uri", "ipv4", "int32", "int64", "float", "byte", "binary", "password", "nonsense"];
const NUMBERS: &[f64] = &[0.0, -1.0, 1.0, 0.5, 1e308, -1e308, 9.007_199_254_740_993e15, 1.8446744073709552e19, 2147483648.0];

fn name(u: &mut Unstructured) -> Result<String> {
    if u.ratio(1, 8)? { Ok(u.arbitrary::<String>()?) } else { Ok((*u.choose(NAMES)?).to_owned()) }
}

fn text(u: &mut Unstructured) -> Result<String> {
    if u.ratio(1, 4)? { Ok(u.arbitrary::<String>()?) } else { Ok((*u.choose(TEXTS)?).to_owned()) }
}

fn number(u: &mut Unstructured) -> Result<Value> {
    Ok(match u.int_in_range(0..=3)? {
        0 => json!(u.arbitrary::<i64>()?),
        1 => json!(u.arbitrary::<u64>()?),
        2 => json!(*u.choose(NUMBERS)?),
        _ => json!(u.int_in_range(-5..=5)?),
    })
}

fn scalar(u: &mut Unstructured) -> Result<Value> {
    Ok(match u.int_in_range(0..=4)? {
        0 => Value::Null,
        1 => json!(u.arbitrary::<bool>()?),
        2 => number(u)?,
        _ => json!(text(u)?),
    })
}

/// A `$ref` to one of the document's schemas (or to none: it may dangle).
fn reference(u: &mut Unstructured, names: &[String]) -> Result<Value> {
    let target = if names.is_empty() || u.ratio(1, 10)? { name(u)? } else { u.choose(names)?.clone() };
    let escaped = target.replace('~', "~0").replace('/', "~1");
    Ok(json!({"$ref": format!("#/components/schemas/{escaped}")}))
}

fn schema(u: &mut Unstructured, names: &[String], depth: u32) -> Result<Value> {
    let leaf = depth == 0;
    let mut s = Map::new();
    let kind = u.int_in_range(0..=if leaf { 5 } else { 11 })?;
    match kind {
        0 => {
            s.insert("type".into(), json!("string"));
            if u.arbitrary()? { s.insert("minLength".into(), number(u)?); }
            if u.arbitrary()? { s.insert("maxLength".into(), number(u)?); }
            if u.arbitrary()? { s.insert("pattern".into(), json!(*u.choose(PATTERNS)?)); }
            if u.arbitrary()? { s.insert("format".into(), json!(*u.choose(FORMATS)?)); }
        }
        1 | 2 => {
            s.insert("type".into(), json!(if kind == 1 { "integer" } else { "number" }));
            for key in ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"] {
                if u.ratio(1, 3)? { s.insert(key.into(), number(u)?); }
            }
            if u.ratio(1, 4)? { s.insert("format".into(), json!(*u.choose(FORMATS)?)); }
        }
        3 => { s.insert("type".into(), json!("boolean")); }
        4 => {
            let values = (0..u.int_in_range(0..=4)?).map(|_| scalar(u)).collect::<Result<Vec<_>>>()?;
            if u.arbitrary()? { s.insert("type".into(), json!("string")); }
            s.insert("enum".into(), Value::Array(values));
        }
        5 => return if u.arbitrary()? { reference(u, names) } else { Ok(json!({})) },
        6 | 7 => {
            s.insert("type".into(), json!("object"));
            let mut properties = Map::new();
            let mut required = Vec::new();
            for _ in 0..u.int_in_range(0..=4)? {
                let field = name(u)?;
                if u.arbitrary()? { required.push(json!(field.clone())); }
                properties.insert(field, schema(u, names, depth - 1)?);
            }
            if u.ratio(1, 6)? { required.push(json!(name(u)?)); }
            s.insert("properties".into(), Value::Object(properties));
            if !required.is_empty() { s.insert("required".into(), Value::Array(required)); }
            match u.int_in_range(0..=3)? {
                0 => { s.insert("additionalProperties".into(), json!(false)); }
                1 => { s.insert("additionalProperties".into(), schema(u, names, depth - 1)?); }
                _ => {}
            }
        }
        8 => {
            s.insert("type".into(), json!("array"));
            s.insert("items".into(), schema(u, names, depth - 1)?);
            if u.arbitrary()? { s.insert("minItems".into(), number(u)?); }
            if u.arbitrary()? { s.insert("maxItems".into(), number(u)?); }
            if u.arbitrary()? { s.insert("uniqueItems".into(), json!(true)); }
        }
        _ => {
            let keyword = *u.choose(&["allOf", "oneOf", "anyOf"])?;
            let members = (0..u.int_in_range(1..=3)?).map(|_| schema(u, names, depth - 1)).collect::<Result<Vec<_>>>()?;
            s.insert(keyword.into(), Value::Array(members));
            if keyword != "allOf" && u.ratio(1, 3)? {
                let mut discriminator = Map::new();
                discriminator.insert("propertyName".into(), json!(name(u)?));
                if u.arbitrary()? {
                    let target = reference(u, names)?;
                    discriminator.insert("mapping".into(), json!({ text(u)?: target["$ref"] }));
                }
                s.insert("discriminator".into(), Value::Object(discriminator));
            }
        }
    }
    // Nullability, both ways, and the annotations every kind may carry.
    match u.int_in_range(0..=5)? {
        0 => { s.insert("nullable".into(), json!(true)); }
        1 => {
            if let Some(Value::String(t)) = s.get("type").cloned() {
                s.insert("type".into(), json!([t, "null"]));
            }
        }
        _ => {}
    }
    if u.ratio(1, 3)? { s.insert("description".into(), json!(text(u)?)); }
    if u.ratio(1, 6)? { s.insert("default".into(), scalar(u)?); }
    if u.ratio(1, 6)? { s.insert("example".into(), scalar(u)?); }
    if u.ratio(1, 10)? { s.insert("const".into(), scalar(u)?); }
    if u.ratio(1, 10)? { s.insert("readOnly".into(), json!(true)); }
    Ok(Value::Object(s))
}

fn operation(u: &mut Unstructured, names: &[String], path_params: &[&str]) -> Result<Value> {
    let mut op = Map::new();
    op.insert("operationId".into(), json!(name(u)?));
    if u.arbitrary()? { op.insert("summary".into(), json!(text(u)?)); }
    let mut parameters = Vec::new();
    for p in path_params {
        parameters.push(json!({"name": p, "in": "path", "required": true, "schema": schema(u, names, 1)?}));
    }
    for _ in 0..u.int_in_range(0..=3)? {
        let place = *u.choose(&["query", "header", "cookie", "path"])?;
        parameters.push(json!({"name": name(u)?, "in": place, "required": u.arbitrary::<bool>()?, "schema": schema(u, names, 1)?}));
    }
    op.insert("parameters".into(), Value::Array(parameters));
    if u.arbitrary()? {
        let media = *u.choose(&["application/json", "application/merge-patch+json", "text/plain", "application/octet-stream", "multipart/form-data"])?;
        op.insert("requestBody".into(), json!({"required": u.arbitrary::<bool>()?, "content": {media: {"schema": schema(u, names, 2)?}}}));
    }
    let mut responses = Map::new();
    for _ in 0..u.int_in_range(0..=4)? {
        let status = *u.choose(&["200", "201", "204", "400", "404", "422", "4XX", "5XX", "default", "299", "600"])?;
        let mut response = Map::new();
        response.insert("description".into(), json!(text(u)?));
        if u.arbitrary()? {
            let media = *u.choose(&["application/json", "text/plain", "application/problem+json"])?;
            response.insert("content".into(), json!({media: {"schema": schema(u, names, 2)?}}));
        }
        if u.ratio(1, 4)? {
            response.insert("headers".into(), json!({name(u)?: {"schema": schema(u, names, 0)?}}));
        }
        responses.insert(status.into(), Value::Object(response));
    }
    op.insert("responses".into(), Value::Object(responses));
    if u.ratio(1, 3)? {
        op.insert("security".into(), json!([{ (*u.choose(&["bearer", "key", "basic", "missing"])?): [] }]));
    }
    Ok(Value::Object(op))
}

fn document(u: &mut Unstructured) -> Result<Value> {
    let names: Vec<String> = (0..u.int_in_range(0..=6)?).map(|_| name(u)).collect::<Result<_>>()?;
    let mut schemas = Map::new();
    for n in &names {
        schemas.insert(n.clone(), schema(u, &names, 3)?);
    }
    let mut paths = Map::new();
    for _ in 0..u.int_in_range(0..=3)? {
        let (path, params): (String, Vec<&str>) = match u.int_in_range(0..=3)? {
            0 => ("/things".into(), vec![]),
            1 => ("/things/{id}".into(), vec!["id"]),
            2 => ("/a/{type}/b/{self}".into(), vec!["type", "self"]),
            _ => (format!("/{}", name(u)?), vec![]),
        };
        let mut item = Map::new();
        for _ in 0..u.int_in_range(1..=3)? {
            let method = *u.choose(&["get", "post", "put", "patch", "delete", "head", "options", "trace"])?;
            item.insert(method.into(), operation(u, &names, &params)?);
        }
        paths.insert(path, Value::Object(item));
    }
    let version = *u.choose(&["3.0.3", "3.1.0", "3.1.1", "3.0.0"])?;
    Ok(json!({
        "openapi": version,
        "info": {"title": text(u)?, "version": "1", "description": text(u)?},
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer"},
                "basic": {"type": "http", "scheme": "basic"},
                "key": {"type": "apiKey", "in": *u.choose(&["header", "query", "cookie"])?, "name": name(u)?},
            },
        },
    }))
}

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    let mut u = Unstructured::new(bytes);
    if let Ok(doc) = document(&mut u) {
        common::check(doc.to_string().as_bytes());
    }
});
