//! A family of OpenAPI 3.0 documents of any size, for measuring how generation cost grows.
//!
//! Every resource `k` contributes two operations (`createResource{k}`, `getResource{k}`)
//! and two schemas (`Resource{k}` and `Resource{k}Create`), so a document with `n`
//! operations has `n` schemas of its own plus two shared ones (`Owner`, `Error`). The
//! schemas use what vendor specs use: formats, bounds, a pattern, an enum, a `nullable`
//! field, an array and a `$ref`. The document is 3.0 (not 3.1) so that progenitor, which
//! reads only 3.0, takes the same input.

use serde_json::{Value, json};

/// The document with `operations` operations (rounded up to an even number).
pub fn spec(operations: usize) -> Value {
    let resources = operations.div_ceil(2).max(1);
    let mut paths = serde_json::Map::new();
    let mut schemas = serde_json::Map::new();
    schemas.insert("Owner".into(), owner());
    schemas.insert("Error".into(), error());
    for k in 0..resources {
        paths.insert(format!("/resources{k}"), collection(k));
        paths.insert(format!("/resources{k}/{{id}}"), item(k));
        schemas.insert(format!("Resource{k}"), resource(k));
        schemas.insert(format!("Resource{k}Create"), resource_create(k));
    }
    json!({
        "openapi": "3.0.3",
        "info": {
            "title": format!("Synthetic API with {} operations", resources * 2),
            "version": "1.0.0",
        },
        "servers": [{ "url": "https://api.example.com" }],
        "paths": paths,
        "components": { "schemas": schemas },
    })
}

/// `spec(operations)` as pretty JSON, the form both generators read.
pub fn spec_text(operations: usize) -> String {
    serde_json::to_string_pretty(&spec(operations)).expect("a JSON value serialises")
}

fn schema_ref(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

fn json_content(name: &str) -> Value {
    json!({ "application/json": { "schema": schema_ref(name) } })
}

fn error_response() -> Value {
    json!({ "description": "The request failed.", "content": json_content("Error") })
}

fn collection(k: usize) -> Value {
    json!({
        "post": {
            "operationId": format!("createResource{k}"),
            "summary": format!("Creates a resource of kind {k}."),
            "requestBody": { "required": true, "content": json_content(&format!("Resource{k}Create")) },
            "responses": {
                "201": { "description": "Created.", "content": json_content(&format!("Resource{k}")) },
                "400": error_response(),
            },
        }
    })
}

fn item(k: usize) -> Value {
    json!({
        "get": {
            "operationId": format!("getResource{k}"),
            "summary": format!("Reads one resource of kind {k}."),
            "parameters": [{
                "name": "id",
                "in": "path",
                "required": true,
                "schema": { "type": "string", "format": "uuid" },
            }],
            "responses": {
                "200": { "description": "The resource.", "content": json_content(&format!("Resource{k}")) },
                "404": error_response(),
            },
        }
    })
}

fn common_properties() -> serde_json::Map<String, Value> {
    let Value::Object(properties) = json!({
        "name": { "type": "string", "minLength": 1, "maxLength": 64, "description": "Display name." },
        "slug": { "type": "string", "pattern": "^[a-z][a-z0-9-]*$", "maxLength": 40 },
        "count": { "type": "integer", "format": "int64", "minimum": 0, "maximum": 1000000 },
        "ratio": { "type": "number", "minimum": 0, "maximum": 1 },
        "status": { "type": "string", "enum": ["active", "paused", "archived"] },
        "tags": {
            "type": "array",
            "maxItems": 16,
            "items": { "type": "string", "maxLength": 32 },
        },
        "note": { "type": "string", "nullable": true, "maxLength": 500 },
    }) else {
        unreachable!("the literal is an object")
    };
    properties
}

fn resource(k: usize) -> Value {
    let mut properties = common_properties();
    properties.insert("id".into(), json!({ "type": "string", "format": "uuid" }));
    properties.insert(
        "created_at".into(),
        json!({ "type": "string", "format": "date-time" }),
    );
    properties.insert("owner".into(), schema_ref("Owner"));
    json!({
        "type": "object",
        "description": format!("A resource of kind {k}."),
        "required": ["id", "name", "status", "created_at", "owner"],
        "properties": properties,
    })
}

fn resource_create(k: usize) -> Value {
    json!({
        "type": "object",
        "description": format!("What creating a resource of kind {k} takes."),
        "required": ["name", "status"],
        "properties": common_properties(),
    })
}

fn owner() -> Value {
    json!({
        "type": "object",
        "required": ["id", "email"],
        "properties": {
            "id": { "type": "string", "format": "uuid" },
            "email": { "type": "string", "format": "email" },
            "display_name": { "type": "string", "maxLength": 100 },
        },
    })
}

fn error() -> Value {
    json!({
        "type": "object",
        "required": ["message"],
        "properties": {
            "message": { "type": "string" },
            "code": { "type": "integer", "format": "int32" },
        },
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_operations_and_schemas() {
        let spec = super::spec(10);
        let operations: usize = spec["paths"]
            .as_object()
            .map(|paths| {
                paths
                    .values()
                    .map(|item| item.as_object().map_or(0, |i| i.len()))
                    .sum()
            })
            .unwrap_or(0);
        assert_eq!(operations, 10);
        assert_eq!(
            spec["components"]["schemas"].as_object().map(|s| s.len()),
            Some(12)
        );
    }
}
