//! The hand-written runtime of the crates apigen generates, compiled, linted and tested
//! here as a crate of its own.
//!
//! The generator copies the text of these modules into every crate it writes, so a
//! generated crate stands alone: `runtime` becomes `src/runtime.rs` (with
//! [`base64_bytes`] appended when a schema has `format: byte`), and `validate`, `client`
//! and `server` open the generated module of the same name, ahead of its generated part.
//! The modules refer to each other as `super::runtime`, `super::validate`, as they do in a
//! generated crate.

pub mod runtime;

/// `Base64Bytes`, appended to `runtime` in crates that use `format: byte`.
pub mod base64_bytes;

pub mod validate;

pub mod client;

pub mod server;
