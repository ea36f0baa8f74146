//! Criterion benches of the validation inner loops: for each payload, the generated
//! deserialise + validate, deserialisation alone, `validate()` alone on a ready value, and
//! the jsonschema path (parse to a Value, validate, convert).

use std::hint::black_box;
use std::path::Path;

use anchorbrowser::types::WebhookCreateRequest;
use anchorbrowser::validate::Validate as _;
use apigen_bench_runtime::orders::types::Order;
use apigen_bench_runtime::orders::validate::Validate as _;
use apigen_bench_runtime::{payloads, validation};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn anchor(c: &mut Criterion) {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../specs/anchorbrowser.yaml");
    let peer = validation::peer_validator(&spec, "WebhookCreateRequest").expect("schema builds");
    let bytes = payloads::anchor_create();
    let value: WebhookCreateRequest = validation::deserialize_only(&bytes).expect("valid");
    let mut group = c.benchmark_group("anchorbrowser_create");
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("generated_deserialize_validate", |b| {
        b.iter(|| validation::ours_anchor::<WebhookCreateRequest>(black_box(&bytes)))
    });
    group.bench_function("generated_deserialize_only", |b| {
        b.iter(|| validation::deserialize_only::<WebhookCreateRequest>(black_box(&bytes)))
    });
    group.bench_function("generated_validate_only", |b| {
        b.iter(|| black_box(&value).validate())
    });
    group.bench_function("jsonschema_parse_validate_convert", |b| {
        b.iter(|| validation::peer::<WebhookCreateRequest>(&peer, black_box(&bytes)))
    });
    group.finish();
}

fn order(c: &mut Criterion) {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("specs/orders.yaml");
    let peer = validation::peer_validator(&spec, "Order").expect("schema builds");
    let bytes = payloads::order(200);
    let value: Order = validation::deserialize_only(&bytes).expect("valid");
    let mut group = c.benchmark_group("order_200_lines");
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("generated_deserialize_validate", |b| {
        b.iter(|| validation::ours_order::<Order>(black_box(&bytes)))
    });
    group.bench_function("generated_deserialize_only", |b| {
        b.iter(|| validation::deserialize_only::<Order>(black_box(&bytes)))
    });
    group.bench_function("generated_validate_only", |b| {
        b.iter(|| black_box(&value).validate())
    });
    group.bench_function("jsonschema_parse_validate_convert", |b| {
        b.iter(|| validation::peer::<Order>(&peer, black_box(&bytes)))
    });
    group.finish();
}

criterion_group!(benches, anchor, order);
criterion_main!(benches);
