//! The two validation paths the benchmarks compare do the same job: both accept the
//! benchmark payloads, and both refuse the same broken ones. Without this, a fast path
//! could be fast because it checks nothing.

use std::path::Path;

use anchorbrowser::types::WebhookCreateRequest;
use apigen_bench_runtime::orders::types::Order;
use apigen_bench_runtime::{payloads, validation};
use serde_json::json;

fn anchor_peer() -> jsonschema::Validator {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../specs/anchorbrowser.yaml");
    validation::peer_validator(&spec, "WebhookCreateRequest").expect("the schema builds")
}

fn orders_peer() -> jsonschema::Validator {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("specs/orders.yaml");
    validation::peer_validator(&spec, "Order").expect("the schema builds")
}

#[test]
fn both_accept_the_benchmark_payloads() {
    let anchor = payloads::anchor_create();
    let ours: WebhookCreateRequest = validation::ours_anchor(&anchor).expect("ours accepts");
    let theirs: WebhookCreateRequest =
        validation::peer(&anchor_peer(), &anchor).expect("jsonschema accepts");
    assert_eq!(ours, theirs);

    let order = payloads::order(200);
    let ours: Order = validation::ours_order(&order).expect("ours accepts");
    let theirs: Order = validation::peer(&orders_peer(), &order).expect("jsonschema accepts");
    assert_eq!(ours, theirs);
    assert_eq!(ours.lines.len(), 200);
}

#[test]
fn both_refuse_the_same_broken_orders() {
    let peer = orders_peer();
    let breakages: [(&str, serde_json::Value); 8] = [
        ("/lines/150/sku", json!("sku-1")),
        ("/lines/3/quantity", json!(0)),
        ("/lines/7/discount", json!(1.5)),
        ("/customer/email", json!("not an email")),
        ("/customer/address/country", json!("gb")),
        ("/created_at", json!("2026-13-01T00:00:00Z")),
        ("/tags", json!(["a", "a"])),
        ("/lines/9/product/dimensions/width", json!(0)),
    ];
    for (pointer, bad) in breakages {
        let mut order = payloads::order_value(200);
        *order.pointer_mut(pointer).expect("the pointer exists") = bad;
        let bytes = serde_json::to_vec(&order).expect("serialises");
        assert!(
            validation::ours_order::<Order>(&bytes).is_err(),
            "ours accepted a broken {pointer}"
        );
        assert!(
            validation::peer::<Order>(&peer, &bytes).is_err(),
            "jsonschema accepted a broken {pointer}"
        );
    }
}

#[test]
fn both_refuse_the_same_broken_webhooks() {
    let peer = anchor_peer();
    for body in [
        json!({"url": "https://exa mple.com", "subscribed_events": ["task.failed"]}),
        json!({"url": "", "subscribed_events": ["task.failed"]}),
        json!({"url": "https://example.com", "subscribed_events": []}),
        json!({"url": "https://example.com", "description": "d".repeat(257), "subscribed_events": ["task.failed"]}),
    ] {
        let bytes = serde_json::to_vec(&body).expect("serialises");
        assert!(
            validation::ours_anchor::<WebhookCreateRequest>(&bytes).is_err(),
            "ours accepted {body}"
        );
        assert!(
            validation::peer::<WebhookCreateRequest>(&peer, &bytes).is_err(),
            "jsonschema accepted {body}"
        );
    }
}
