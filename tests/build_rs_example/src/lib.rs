//! The Mynd bindings, generated in `build.rs` rather than committed: types, validation, the
//! client and the server with its mock, as one included module.

/// The generated Mynd modules.
#[allow(missing_debug_implementations)]
pub mod mynd {
    include!(concat!(env!("OUT_DIR"), "/mynd.rs"));
}
