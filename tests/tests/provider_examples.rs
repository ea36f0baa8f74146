//! Every whole example payload in the providers' docs (`tests/fixtures/provider-examples`)
//! deserialises into the generated type and serialises back to the same JSON.

use std::path::Path;

use apigen_tests::root;

type Check = fn(&Path);

fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(path: &Path) {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let original: serde_json::Value = serde_json::from_str(&text).expect("fixture is JSON");
    let typed: T = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{} does not deserialise: {e}", path.display()));
    let back = serde_json::to_value(&typed).expect("serialises");
    assert_eq!(
        back,
        original,
        "{} changed on the round trip",
        path.display()
    );
}

const TABLE: &[(&str, Check)] = &[
    (
        "anchorbrowser/createWebhook.request.slackForwarder.json",
        round_trip::<anchorbrowser::types::WebhookCreateRequest>,
    ),
    (
        "anchorbrowser/createWebhook.request.taskLifecycle.json",
        round_trip::<anchorbrowser::types::WebhookCreateRequest>,
    ),
    (
        "encrata/createWebhook.request.json",
        round_trip::<encrata::types::CreateWebhookRequest>,
    ),
    (
        "encrata/createWebhook.response.201.json",
        round_trip::<encrata::types::Webhook>,
    ),
    (
        "mynd/createWebhook.request.json",
        round_trip::<mynd::types::CreateWebhookRequest>,
    ),
    (
        "mynd/createWebhook.response.200.json",
        round_trip::<mynd::types::WebhookWithSecret>,
    ),
    (
        "mynd/deleteWebhook.response.200.json",
        round_trip::<mynd::types::DeletedWebhook>,
    ),
    (
        "mynd/listWebhookDeliveries.response.200.json",
        round_trip::<mynd::types::DeliveryList>,
    ),
];

#[test]
fn every_doc_example_round_trips() {
    let dir = root().join("tests/fixtures/provider-examples");
    for (file, check) in TABLE {
        check(&dir.join(file));
    }
}

#[test]
fn no_example_file_is_left_out() {
    let dir = root().join("tests/fixtures/provider-examples");
    let mut found = Vec::new();
    for provider in std::fs::read_dir(&dir).expect("dir") {
        let provider = provider.expect("entry").path();
        if !provider.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&provider).expect("dir") {
            let file = file.expect("entry").path();
            let relative = file
                .strip_prefix(&dir)
                .expect("inside")
                .to_string_lossy()
                .replace('\\', "/");
            found.push(relative);
        }
    }
    found.sort();
    let mut listed: Vec<String> = TABLE.iter().map(|(f, _)| (*f).to_owned()).collect();
    listed.sort();
    assert_eq!(
        found, listed,
        "every example file needs a row in TABLE (and every row a file)"
    );
}

#[test]
fn a_new_event_type_does_not_break_clients() {
    let json =
        r#"{"url": "https://x.example", "subscribed_events": ["task.completed", "task.exploded"]}"#;
    let request: anchorbrowser::types::WebhookCreateRequest =
        serde_json::from_str(json).expect("unknown values are kept");
    use anchorbrowser::types::WebhookEventType;
    assert_eq!(
        request.subscribed_events,
        [
            WebhookEventType::TaskCompleted,
            WebhookEventType::Unknown("task.exploded".into())
        ]
    );
}

#[test]
fn secrets_are_redacted_in_provider_types() {
    let json = std::fs::read_to_string(
        root().join("tests/fixtures/provider-examples/encrata/createWebhook.response.201.json"),
    )
    .expect("fixture");
    let webhook: encrata::types::Webhook = serde_json::from_str(&json).expect("deserialises");
    let shown = format!("{webhook:?}");
    assert!(!shown.contains(&webhook.secret), "{shown}");
    assert!(shown.contains("<redacted>"));
}

#[test]
fn required_nullable_fields_reject_missing_keys() {
    let mut value: serde_json::Value = serde_json::json!({
        "id": "wh_1", "project_id": "5d2c31f6-ab7e-481a-b6fd-8b4a96a4e197", "url": "https://x",
        "description": null, "subscribed_events": [], "enabled": true, "created_at": null, "updated_at": null
    });
    serde_json::from_value::<anchorbrowser::types::WebhookPublic>(value.clone())
        .expect("null is allowed");
    value.as_object_mut().expect("object").remove("description");
    let err = serde_json::from_value::<anchorbrowser::types::WebhookPublic>(value)
        .expect_err("missing key");
    assert!(
        err.to_string().contains("missing field `description`"),
        "{err}"
    );
}
