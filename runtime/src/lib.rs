//! The hand-written runtime of the crates apigen generates, compiled, linted and tested
//! here as a crate of its own, one module per concept.
//!
//! The generator copies the modules a crate uses, verbatim, into its private `runtime`
//! module (`src/runtime/<module>.rs`), so a generated crate stands alone and depends on
//! nothing of apigen's. The modules refer to each other as `super::<module>`, which means
//! the same here and there. A generated crate re-exports what its users need
//! (`types::Nullable`, `validate::{Validate, Violation, ...}`, `client::{Error,
//! RetryPolicy}`, `server::DEFAULT_BODY_LIMIT`) and keeps the rest private.

/// serde helpers: fields that are present or absent, string enums, JSON decoding.
pub mod json;

/// `Nullable`: optional and nullable fields. In crates whose types have such a field.
pub mod nullable;

/// Base64: `format: byte` and HTTP basic authentication. In crates that use either.
pub mod base64;

/// The `Validate` trait, paths and violations. In every crate.
pub mod validation;

/// The keyword checks of the generated `Validate` impls. In crates that check a keyword.
pub mod check;

/// The format checks. In crates that check a string format.
pub mod formats;

/// The client's transport and retries. In crates with the `client` feature.
pub mod transport;

/// Reading a request: parameters, credentials, the body. In crates with a server.
pub mod params;

/// Rejections and responses. In crates with a server.
pub mod rejection;
