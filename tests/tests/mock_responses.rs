//! Every provider's generated mock answers every operation with a body that decodes into the
//! declared response type and passes that type's validation (`validate()`), served over HTTP
//! and read back through the generated client.

async fn serve(router: axum::Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("address");
    tokio::spawn(async move { axum::serve(listener, router).await.expect("serve") });
    format!("http://{addr}")
}

#[tokio::test]
async fn anchorbrowser_mock_answers_validate() {
    use anchorbrowser::validate::Validate as _;
    let url = serve(anchorbrowser::server::router(anchorbrowser::server::Mock)).await;
    let client = anchorbrowser::client::Client::new(url)
        .with_api_key_header("k")
        .without_retries();
    let body = serde_json::from_value(
        serde_json::json!({"url": "https://x.example", "subscribed_events": ["task.failed"]}),
    )
    .expect("request");
    let created = client
        .create_webhook(&body)
        .await
        .expect("mock answers 201");
    assert_eq!(created.validate(), Ok(()));
    assert_eq!(
        created.secret, "36da51b166a69268a59a8d5ee0b32c9f5e5aaee7d301c7a5a36844318e116fc6",
        "the spec's example is used"
    );
}

#[tokio::test]
async fn mobilerun_mock_answers_validate() {
    use mobilerun::validate::Validate as _;
    let url = serve(mobilerun::server::router(mobilerun::server::Mock)).await;
    let client = mobilerun::client::Client::new(url)
        .with_bearer_auth("t")
        .without_retries();
    let created = client.create_webhook(None).await.expect("mock answers 201");
    assert_eq!(created.validate(), Ok(()));
    let rotated = client
        .rotate_webhook_secret(uuid::Uuid::nil())
        .await
        .expect("mock answers 200");
    assert_eq!(rotated.validate(), Ok(()));
}

#[tokio::test]
async fn mynd_mock_answers_validate() {
    use mynd::validate::Validate as _;
    let url = serve(mynd::server::router(mynd::server::Mock)).await;
    let client = mynd::client::Client::new(url)
        .with_bearer_auth("t")
        .without_retries();
    let body =
        serde_json::from_value(serde_json::json!({"url": "https://x.example", "events": ["*"]}))
            .expect("request");
    let created = client
        .create_webhook(&body)
        .await
        .expect("mock answers 200");
    assert_eq!(created.validate(), Ok(()));
    assert_eq!(created.object, "webhook");
    let list = client
        .list_webhook_deliveries("wh_1", None)
        .await
        .expect("mock answers 200");
    assert_eq!(list.validate(), Ok(()));
    assert_eq!(list.data.len(), 2, "the docs' example list is used");
    let deleted = client
        .delete_webhook("wh_1")
        .await
        .expect("mock answers 200");
    assert_eq!(deleted.validate(), Ok(()));
}

#[tokio::test]
async fn encrata_mock_answers_validate() {
    use encrata::validate::Validate as _;
    let url = serve(encrata::server::router(encrata::server::Mock)).await;
    let client = encrata::client::Client::new(url)
        .with_bearer_auth("t")
        .without_retries();
    let body = serde_json::from_value(
        serde_json::json!({"url": "https://x.example", "events": ["credits.low"]}),
    )
    .expect("request");
    let created = client
        .create_webhook(&body)
        .await
        .expect("mock answers 201");
    assert_eq!(created.validate(), Ok(()));
    assert_eq!(
        created.secret,
        "whsec_6cce5d5445b12e649ce9e715a2ef4addc9117d6bf3013a0f388997ed20711b1c"
    );
}
