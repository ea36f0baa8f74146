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
    let url = serve(anchorbrowser::server::router(
        anchorbrowser::mock::Mock::default(),
    ))
    .await;
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
    let url = serve(mobilerun::server::router(mobilerun::mock::Mock::default())).await;
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
    let url = serve(mynd::server::router(mynd::mock::Mock::default())).await;
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
    // Two values of one type in one answer stay two, and a date-time written as text in
    // the mock reads as that instant, not as a default.
    assert_eq!(list.data[0].id, "del_551");
    assert_eq!(list.data[1].id, "del_550");
    assert_eq!(
        list.data[1].next_retry_at.map(|t| t.to_rfc3339()),
        Some("2026-06-11T08:04:00+00:00".to_owned())
    );
    let deleted = client
        .delete_webhook("wh_1")
        .await
        .expect("mock answers 200");
    assert_eq!(deleted.validate(), Ok(()));
}

#[tokio::test]
async fn encrata_mock_answers_validate() {
    use encrata::validate::Validate as _;
    let url = serve(encrata::server::router(encrata::mock::Mock::default())).await;
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
    assert_eq!(
        created.id.to_string(),
        "360cb300-d885-4c18-af2c-d259f936bb38"
    );
    assert_eq!(created.created_at.to_rfc3339(), "2026-05-02T12:00:00+00:00");
}

/// A locked mock answers 401 to any other credential, also where the operation does not
/// document 401 (AnchorBrowser), and serves the one it was locked to.
#[tokio::test]
async fn locked_mocks_refuse_other_credentials() {
    let url = serve(mynd::server::router(mynd::mock::Mock::locked("s3cret"))).await;
    let client = |token: &str| {
        mynd::client::Client::new(&url)
            .with_bearer_auth(token)
            .without_retries()
    };
    match client("wrong").delete_webhook("wh_1").await {
        Err(mynd::client::Error::Api { status, .. }) => assert_eq!(status, 401),
        other => panic!("expected the declared 401, got {other:?}"),
    }
    client("s3cret")
        .delete_webhook("wh_1")
        .await
        .expect("the locked credential is served");

    let url = serve(anchorbrowser::server::router(
        anchorbrowser::mock::Mock::locked("key-1"),
    ))
    .await;
    let body: anchorbrowser::types::WebhookCreateRequest = serde_json::from_value(
        serde_json::json!({"url": "https://x.example", "subscribed_events": ["task.failed"]}),
    )
    .expect("request");
    let client = |key: &str| {
        anchorbrowser::client::Client::new(&url)
            .with_api_key_header(key)
            .without_retries()
    };
    let refused = client("key-2").create_webhook(&body).await;
    let status = match refused {
        Err(anchorbrowser::client::Error::Api { status, .. }) => status,
        Err(anchorbrowser::client::Error::UnexpectedStatus { status, .. }) => status,
        other => panic!("expected 401, got {other:?}"),
    };
    assert_eq!(status, 401);
    client("key-1")
        .create_webhook(&body)
        .await
        .expect("the locked credential is served");
}
