//! From JSON bytes to a validated, typed value, three ways:
//!
//! - **ours**: deserialise straight into the generated type, then `validate()`;
//! - **deserialise only**: the same without validation (what validation costs on top);
//! - **peer**: the `jsonschema` crate: parse to a `serde_json::Value`, validate it against
//!   the same schema, then convert it into the same generated type.
//!
//! All three decode bytes the way the generated server does (`from_json` of the runtime: one
//! UTF-8 check over the whole input, then `serde_json::from_str`), so the peer gets the
//! same head start.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// A `jsonschema` validator for one schema of an OpenAPI 3.1 document. The document's
/// `components` ride along so that its `$ref`s resolve; formats are checked, as the
/// generated code checks them.
pub fn peer_validator(spec: &Path, schema: &str) -> Result<jsonschema::Validator, String> {
    let text = std::fs::read_to_string(spec).map_err(|e| format!("{}: {e}", spec.display()))?;
    let document: Value =
        yaml_serde::from_str(&text).map_err(|e| format!("{}: {e}", spec.display()))?;
    let root = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$ref": format!("#/components/schemas/{schema}"),
        "components": document["components"],
    });
    jsonschema::options()
        .should_validate_formats(true)
        .build(&root)
        .map_err(|e| format!("jsonschema: {e}"))
}

/// The peer's path.
pub fn peer<T: DeserializeOwned>(
    validator: &jsonschema::Validator,
    bytes: &[u8],
) -> Result<T, String> {
    let value: Value = apigen_runtime::json::from_json(bytes).map_err(|e| e.to_string())?;
    validator.validate(&value).map_err(|e| e.to_string())?;
    serde_json::from_value(value).map_err(|e| e.to_string())
}

/// Deserialisation alone, no validation.
pub fn deserialize_only<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, String> {
    apigen_runtime::json::from_json(bytes).map_err(|e| e.to_string())
}

/// Ours, for the AnchorBrowser crate's types.
pub fn ours_anchor<T>(bytes: &[u8]) -> Result<T, String>
where
    T: DeserializeOwned + anchorbrowser::validate::Validate,
{
    let value: T = deserialize_only(bytes)?;
    value.validate().map_err(|e| e.to_string())?;
    Ok(value)
}

/// Ours, for the orders fixture's types (generated into this crate by `build.rs`).
pub fn ours_order<T>(bytes: &[u8]) -> Result<T, String>
where
    T: DeserializeOwned + crate::orders::validate::Validate,
{
    let value: T = deserialize_only(bytes)?;
    value.validate().map_err(|e| e.to_string())?;
    Ok(value)
}
