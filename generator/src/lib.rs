//! apigen turns OpenAPI 3.0 / 3.1 documents into Rust crates: serde models, validation, an
//! async client and axum server stubs.
//!
//! The pipeline is visible in the modules: [`load`] reads and resolves the spec, `ir` lowers
//! it to one version-independent model, `emit` writes Rust from that model, and [`write`]
//! puts files on disk or compares them with what is there.

pub mod diag;
pub mod load;
