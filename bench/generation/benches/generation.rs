//! Criterion benches of generation: one provider (AnchorBrowser, the whole crate) and the
//! 100-operation synthetic spec, by apigen (whole crate; types + validate + client) and by
//! progenitor (types + client) on the same file.

use std::path::Path;

use apigen_bench_generation::{generators, synthetic};
use criterion::{Criterion, criterion_group, criterion_main};

fn provider(c: &mut Criterion) {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../specs/anchorbrowser.yaml");
    c.bench_function("apigen_crate/anchorbrowser", |b| {
        b.iter(|| generators::apigen_crate(&spec, "anchorbrowser").expect("generates"))
    });
}

fn synthetic_100(c: &mut Criterion) {
    let dir = std::env::temp_dir().join(format!("apigen-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let spec = dir.join("synthetic-100.json");
    std::fs::write(&spec, synthetic::spec_text(100)).expect("the spec is written");
    let mut group = c.benchmark_group("synthetic_100");
    group.sample_size(20);
    group.bench_function("apigen_crate", |b| {
        b.iter(|| generators::apigen_crate(&spec, "synthetic_100").expect("generates"))
    });
    group.bench_function("apigen_client_only", |b| {
        b.iter(|| generators::apigen_client_only(&spec).expect("generates"))
    });
    group.bench_function("progenitor", |b| {
        b.iter(|| generators::progenitor_client(&spec).expect("generates"))
    });
    group.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(benches, provider, synthetic_100);
criterion_main!(benches);
