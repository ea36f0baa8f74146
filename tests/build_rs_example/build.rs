//! Regenerates the Mynd bindings from the spec on every change to it (or to any file it
//! references): `apigen::Builder` prints the `cargo:rerun-if-changed` lines itself, and a
//! broken spec fails the build with the same diagnostics as the CLI.

fn main() {
    apigen::Builder::new("../../specs/mynd.yaml").write_to_out_dir("mynd.rs");
}
