//! Generation benchmarks: apigen against progenitor on the same OpenAPI 3.0 input, and how
//! apigen's cost grows with the size of the spec.

pub mod checked;
pub mod generators;
pub mod published;
pub mod synthetic;
