//! Generates the orders fixture's types and validation through apigen's build-script API.

fn main() {
    apigen::Builder::new("specs/orders.yaml")
        .client(false)
        .server(false)
        .write_to_out_dir("orders.rs");
}
