//! Per-tag features (`tests/fixtures/rules/tag_features.yaml`): what the generator assigns,
//! and the router of the crate with every feature on, where a path holds operations of
//! two features. `.ci/feature-subsets` compiles the crate under each feature alone.

use std::path::PathBuf;

use tag_features::mock::Mock;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(name)
}

fn generated() -> apigen::Files {
    apigen::generate(&fixture("fixtures/rules/tag_features.yaml"), None)
        .unwrap_or_else(|failure| panic!("{failure}"))
        .files
}

/// The line of `text` that declares `item`, with the `#[cfg]` just above it (after the
/// documentation).
fn cfg_of(text: &str, item: &str) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|line| line.trim_start().starts_with(item))?;
    lines[..at]
        .iter()
        .rev()
        .take_while(|line| {
            line.trim_start().starts_with("#[") || line.trim_start().starts_with("///")
        })
        .find(|line| line.trim_start().starts_with("#[cfg"))
        .map(|line| line.trim().to_owned())
}

#[test]
fn each_tag_is_a_feature_and_all_are_on_by_default() {
    let files = generated();
    let manifest = &files["Cargo.toml"];
    assert!(manifest.contains(r#"default = ["client", "server", "rustls", "all-tags"]"#));
    // `Store Admin` is named `store` by its tag object; the tag `server` cannot take the
    // name of the crate's `server` feature; an operation without tags is `untagged`.
    assert!(
        manifest.contains(
            r#"all-tags = ["pets", "server-tag", "store", "untagged", "unused-schemas"]"#
        ),
        "{manifest}"
    );
    assert!(manifest.contains("# `pets`: 3 operations.\npets = []\n"));
    assert!(manifest.contains("# `server`: 1 operation.\nserver-tag = []\n"));
    assert!(manifest.contains("# The schemas no operation uses.\nunused-schemas = []\n"));
}

#[test]
fn operations_compile_under_their_feature_and_types_under_those_that_reach_them() {
    let files = generated();
    let client = &files["src/client.rs"];
    let cfg = |item: &str| cfg_of(client, item);
    assert_eq!(
        cfg("pub fn list_pets(").as_deref(),
        Some(r#"#[cfg(feature = "pets")]"#)
    );
    // The first tag decides: `addPet` is tagged `Store Admin`, then `pets`.
    assert_eq!(
        cfg("pub fn add_pet(").as_deref(),
        Some(r#"#[cfg(feature = "store")]"#)
    );
    // `x-apigen-feature` on the operation wins over its tag `server`.
    assert_eq!(
        cfg("pub fn list_pets_legacy(").as_deref(),
        Some(r#"#[cfg(feature = "pets")]"#)
    );
    assert_eq!(
        cfg("pub fn health(").as_deref(),
        Some(r#"#[cfg(feature = "untagged")]"#)
    );

    let types = &files["src/types.rs"];
    let cfg = |item: &str| cfg_of(types, item);
    assert_eq!(
        cfg("pub struct Pet {").as_deref(),
        Some(r#"#[cfg(any(feature = "pets", feature = "store"))]"#)
    );
    // Only `listOrders` reaches `Order`, and through it its enum.
    assert_eq!(
        cfg("pub struct Order {").as_deref(),
        Some(r#"#[cfg(feature = "store")]"#)
    );
    assert_eq!(
        cfg("pub enum OrderStatus {").as_deref(),
        Some(r#"#[cfg(feature = "store")]"#)
    );
    // `Catalogue` is reached by no operation: it is `unused-schemas`, and so is `Tag` as
    // well as the features of the operations that reach it.
    assert_eq!(
        cfg("pub struct Catalogue {").as_deref(),
        Some(r#"#[cfg(feature = "unused-schemas")]"#)
    );
    assert_eq!(
        cfg("pub struct Tag {").as_deref(),
        Some(r#"#[cfg(any(feature = "pets", feature = "store", feature = "unused-schemas"))]"#)
    );

    let validate = &files["src/validate.rs"];
    assert_eq!(
        cfg_of(validate, "impl Validate for types::Order {").as_deref(),
        Some(r#"#[cfg(feature = "store")]"#)
    );
    assert_eq!(
        cfg_of(validate, "pub fn list_pets_parameters(").as_deref(),
        Some(r#"#[cfg(feature = "pets")]"#)
    );
}

#[test]
fn a_crate_whose_operations_share_one_tag_has_no_tag_features() {
    let files = apigen::generate(&fixture("../specs/mynd.yaml"), None)
        .unwrap_or_else(|failure| panic!("{failure}"))
        .files;
    assert!(!files["Cargo.toml"].contains("all-tags"));
    assert!(!files["src/client.rs"].contains("#[cfg(feature"));
}

#[tokio::test]
async fn a_path_with_operations_of_two_features_routes_both_and_allows_both() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("address");
    let router = tag_features::server::router(Mock::default());
    tokio::spawn(async move { axum::serve(listener, router).await.expect("serve") });
    let http = reqwest::Client::new();
    let url = format!("http://{addr}/pets");
    let send = |method: reqwest::Method| {
        http.request(method, &url)
            .bearer_auth("token")
            .header("content-type", "application/json")
            .body(r#"{"id": 7, "name": "Rex"}"#)
            .send()
    };
    // `listPets` (feature `pets`) and `addPet` (feature `store`) share the path.
    assert_eq!(
        send(reqwest::Method::GET).await.expect("sent").status(),
        200
    );
    assert_eq!(
        send(reqwest::Method::POST).await.expect("sent").status(),
        201
    );
    let refused = send(reqwest::Method::PUT).await.expect("sent");
    assert_eq!(refused.status(), 405);
    assert_eq!(
        refused.headers().get("allow").and_then(|v| v.to_str().ok()),
        Some("GET, HEAD, POST")
    );
    let bytes = refused.bytes().await.expect("a body");
    let body: serde_json::Value = serde_json::from_slice(&bytes).expect("a JSON problem");
    assert_eq!(body["status"], 405, "{body}");
}
