//! Every hostile fixture apigen accepts, generated in `build.rs` and compiled here as one
//! module each (named after the fixture file).

#![allow(missing_debug_implementations)]

include!(concat!(env!("OUT_DIR"), "/all.rs"));
