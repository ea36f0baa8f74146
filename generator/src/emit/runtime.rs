//! Which modules of the runtime crate (`runtime/`) a generated crate receives. Each is
//! copied verbatim into the crate's private `runtime` module; a crate gets only the ones
//! its code calls, decided from the API and from what the emitters recorded.

use super::rust::Needs;
use crate::ir::{Api, SchemeKind, TypeKind, Wrapper};

/// A module of the runtime crate.
pub struct Piece {
    /// Its name, as a module and as a file (`src/runtime/<name>.rs`).
    pub name: &'static str,
    /// Its text.
    pub text: &'static str,
    /// The feature of the generated crate it belongs to, if only one uses it.
    pub feature: Option<&'static str>,
}

macro_rules! piece {
    ($name:literal, $feature:expr) => {
        Piece {
            name: $name,
            text: include_str!(concat!("../../../runtime/src/", $name, ".rs")),
            feature: $feature,
        }
    };
}

const JSON: Piece = piece!("json", None);
const NULLABLE: Piece = piece!("nullable", None);
const BASE64: Piece = piece!("base64", None);
const VALIDATION: Piece = piece!("validation", None);
const CHECK: Piece = piece!("check", None);
const FORMATS: Piece = piece!("formats", None);
const TRANSPORT: Piece = piece!("transport", Some("client"));
const PARAMS: Piece = piece!("params", Some("server"));
const REJECTION: Piece = piece!("rejection", Some("server"));

/// The documentation of the `runtime` module, as inner doc comments.
pub const MOD_DOCS: &str = "\
//! apigen's runtime: the hand-written code the generated modules call, copied from
//! apigen's runtime crate, one module per concept and only those this crate uses. It is
//! private; what a user names is re-exported (`Nullable` and `Base64Bytes` at the crate
//! root, `validate::Validate`, `client::Error`, ...).
";

/// Why the `runtime` module allows dead code, said where the allowance is written.
const DEAD_CODE: &str =
    "// A module is copied whole: the helpers this API does not need stay unused.\n";

/// The outer attributes of the `runtime` module when it is written inline.
pub fn attributes() -> String {
    format!("{DEAD_CODE}#[allow(dead_code)]\n")
}

/// The runtime modules the crate for `api` uses, with or without the client's and the
/// server's.
pub fn pieces(
    api: &Api,
    uses_check: bool,
    uses_formats: bool,
    needs: &Needs,
    client: bool,
    server: bool,
) -> Vec<&'static Piece> {
    let three_state = api.types.iter().any(|def| match &def.kind {
        TypeKind::Struct(s) => s.fields.iter().any(|f| f.wrapper() == Wrapper::ThreeState),
        _ => false,
    });
    let basic = api
        .security_schemes
        .iter()
        .any(|s| s.kind == SchemeKind::Basic);
    let uses = [
        (&JSON, true),
        (&NULLABLE, three_state),
        (&BASE64, needs.base64 || (basic && (client || server))),
        (&VALIDATION, true),
        (&CHECK, uses_check),
        (&FORMATS, uses_formats),
        (&TRANSPORT, client),
        (&PARAMS, server),
        (&REJECTION, server),
    ];
    uses.into_iter()
        .filter_map(|(piece, used)| used.then_some(piece))
        .collect()
}

/// `src/runtime/mod.rs`: the modules, each under its feature.
pub fn mod_rs(pieces: &[&Piece]) -> String {
    let mut out = format!("{MOD_DOCS}\n{DEAD_CODE}#![allow(dead_code)]\n\n");
    for piece in pieces {
        if let Some(feature) = piece.feature {
            out.push_str(&format!("#[cfg(feature = \"{feature}\")]\n"));
        }
        out.push_str(&format!("pub mod {};\n", piece.name));
    }
    out
}

/// The runtime types a user names, re-exported at the crate root (where no schema name
/// can take their place): `Nullable` and `Base64Bytes`, when the types use them.
/// Each is (runtime module, item).
pub fn root_exports(pieces: &[&Piece], needs: &Needs) -> Vec<(&'static str, &'static str)> {
    let has = |name: &str| pieces.iter().any(|p| p.name == name);
    let mut exports = Vec::new();
    if has(NULLABLE.name) {
        exports.push((NULLABLE.name, "Nullable"));
    }
    if has(BASE64.name) && needs.base64 {
        exports.push((BASE64.name, "Base64Bytes"));
    }
    exports
}
