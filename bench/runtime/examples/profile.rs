//! Runs one validation case in a loop, for a profiler: `perf record` for where the time
//! goes, or `valgrind --tool=callgrind` for instruction counts that do not depend on how
//! busy the machine is.
//!
//! `cargo run --release --example profile -- CASE ITERATIONS`, CASE one of
//! `anchor-ours`, `anchor-plain`, `anchor-validate`, `anchor-jsonschema`, and the same for
//! `order-`.

use std::hint::black_box;
use std::path::Path;

use anchorbrowser::types::WebhookCreateRequest;
use anchorbrowser::validate::Validate as _;
use apigen_bench_runtime::orders::types::Order;
use apigen_bench_runtime::orders::validate::Validate as _;
use apigen_bench_runtime::{payloads, validation};

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let case = args.first().ok_or("usage: profile CASE ITERATIONS")?;
    let iterations: usize = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(100_000);
    let anchor = payloads::anchor_create();
    let order = payloads::order(200);
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = |f: &mut dyn FnMut() -> bool| {
        for _ in 0..iterations {
            if !black_box(f()) {
                return Err(format!("{case} refused the payload"));
            }
        }
        Ok(())
    };
    match case.as_str() {
        "anchor-ours" => {
            run(&mut || validation::ours_anchor::<WebhookCreateRequest>(&anchor).is_ok())
        }
        "anchor-plain" => {
            run(&mut || validation::deserialize_only::<WebhookCreateRequest>(&anchor).is_ok())
        }
        "anchor-validate" => {
            let value: WebhookCreateRequest = validation::deserialize_only(&anchor)?;
            run(&mut || black_box(&value).validate().is_ok())
        }
        "anchor-jsonschema" => {
            let peer = validation::peer_validator(
                &manifest.join("../../specs/anchorbrowser.yaml"),
                "WebhookCreateRequest",
            )?;
            run(&mut || validation::peer::<WebhookCreateRequest>(&peer, &anchor).is_ok())
        }
        "order-ours" => run(&mut || validation::ours_order::<Order>(&order).is_ok()),
        "order-plain" => run(&mut || validation::deserialize_only::<Order>(&order).is_ok()),
        "order-validate" => {
            let value: Order = validation::deserialize_only(&order)?;
            run(&mut || black_box(&value).validate().is_ok())
        }
        "order-jsonschema" => {
            let peer = validation::peer_validator(&manifest.join("specs/orders.yaml"), "Order")?;
            run(&mut || validation::peer::<Order>(&peer, &order).is_ok())
        }
        other => Err(format!("unknown case `{other}`")),
    }
}
