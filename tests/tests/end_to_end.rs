//! Each provider's generated server (a test implementation, on 127.0.0.1 port 0), called
//! through its generated client for every operation: the success path with full body
//! equality and every declared error status. Raw HTTP covers what the client refuses to
//! send: missing credentials, invalid values, malformed JSON, an oversized body, an
//! unknown path and undeclared methods.
//!
//! The test implementations answer with the status their credential names
//! (`status-409`), or succeed.

use std::net::SocketAddr;

use serde_json::{Value, json};

/// Serves `router` on 127.0.0.1 with an OS-chosen port; the server stops with the test.
async fn serve(router: axum::Router) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("address");
    tokio::spawn(async move { axum::serve(listener, router).await.expect("serve") });
    addr
}

/// The status a credential such as `status-409` asks the implementation for.
fn asked(credential: Option<&str>) -> Option<u16> {
    credential?.strip_prefix("status-")?.parse().ok()
}

/// A raw request: (status, content type, JSON body or Null, the headers).
async fn raw(
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> (u16, String, Value, reqwest::header::HeaderMap) {
    let mut request = reqwest::Client::new().request(
        reqwest::Method::from_bytes(method.as_bytes()).expect("method"),
        url,
    );
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    if let Some(body) = body {
        request = request.body(body.to_owned());
    }
    let response = request.send().await.expect("sent");
    let status = response.status().as_u16();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned()
    };
    let content_type = header("content-type");
    let headers = response.headers().clone();
    let bytes = response.bytes().await.expect("body");
    (
        status,
        content_type,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        headers,
    )
}

/// One operation to probe with raw requests.
struct Probe<'a> {
    method: &'a str,
    path: &'a str,
    auth: (&'a str, &'a str),
    /// A valid JSON body, for operations that take one.
    body: Option<&'a str>,
    /// The methods the path declares, as the `Allow` header lists them.
    allow: &'a str,
    /// The `WWW-Authenticate` challenge of a 401.
    challenge: &'a str,
}

/// The checks every router makes before the implementation runs. `addr` serves the
/// provider with a 4 KiB body limit.
async fn router_rejections(addr: SocketAddr, probe: &Probe<'_>) {
    let url = format!("http://{addr}{}", probe.path);
    let json = ("content-type", "application/json");
    // Missing credentials, wrong content types and big bodies answer as HTTP says,
    // whether the operation documents those statuses or not.
    let (status, content_type, body, headers) = raw(probe.method, &url, &[json], probe.body).await;
    assert_eq!(status, 401, "no credentials: {body}");
    assert_eq!(
        headers
            .get("www-authenticate")
            .and_then(|v| v.to_str().ok()),
        Some(probe.challenge)
    );
    assert!(
        content_type.starts_with("application/")
            && content_type.ends_with("json")
            && body.is_object(),
        "a JSON error body: {content_type} {body}"
    );
    let (status, _, _, _) = raw(probe.method, &url, &[json, (probe.auth.0, "")], probe.body).await;
    assert_eq!(status, 401, "empty credentials count as none");
    let authed = [json, probe.auth];
    if probe.body.is_some() {
        let (status, _, body, _) = raw(probe.method, &url, &authed, Some("{\"url\": ")).await;
        assert_eq!(status, 400, "malformed JSON: {body}");
        let (status, _, _, _) = raw(probe.method, &url, &authed, Some("[1, 2]")).await;
        assert_eq!(status, 400, "JSON of the wrong type");
        let (status, _, _, _) = raw(
            probe.method,
            &url,
            &[probe.auth, ("content-type", "text/plain")],
            probe.body,
        )
        .await;
        assert_eq!(status, 415, "wrong content type");
        let big = format!("{{\"padding\": \"{}\"}}", "x".repeat(8 * 1024));
        let (status, _, _, _) = raw(probe.method, &url, &authed, Some(&big)).await;
        assert_eq!(status, 413, "over the body limit");
        // A client still sending a large body reads the 413 too: the router drains what
        // it refuses instead of resetting the connection.
        let huge = format!("{{\"padding\": \"{}\"}}", "x".repeat(8 * 1024 * 1024));
        let (status, _, body, _) = raw(probe.method, &url, &authed, Some(&huge)).await;
        assert_eq!(status, 413, "8 MiB over the body limit: {body}");
    }
    let (status, content_type, _, _) =
        raw("GET", &format!("http://{addr}/no/such/path"), &authed, None).await;
    assert_eq!(
        (status, content_type.as_str()),
        (404, "application/problem+json")
    );
    for method in ["GET", "PUT", "PATCH", "DELETE", "TRACE", "QUERY"] {
        if probe.allow.split(", ").any(|m| m == method) {
            continue;
        }
        let (status, content_type, _, headers) = raw(method, &url, &authed, None).await;
        let allow = headers.get("allow").and_then(|v| v.to_str().ok());
        assert_eq!(
            (status, allow.unwrap_or("")),
            (405, probe.allow),
            "{method} {}",
            probe.path
        );
        assert_eq!(content_type, "application/problem+json");
    }
}

/// `(pointer, keyword)` of the `errors` of a problem+json body.
fn problem_errors(body: &Value) -> Vec<(String, String)> {
    body["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|e| {
                    (
                        e["pointer"].as_str().unwrap_or("").to_owned(),
                        e["keyword"].as_str().unwrap_or("").to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

mod anchorbrowser_e2e {
    use super::*;
    use anchorbrowser::client::{Client, CreateWebhookError, Error};
    use anchorbrowser::server::{
        Api, CreateWebhookReply, Credentials, router, router_with_body_limit,
    };
    use anchorbrowser::types::{
        FlatErrorResponse, WebhookCreateRequest, WebhookEventType, WebhookWithSecret,
    };

    struct Impl;

    fn created(body: &WebhookCreateRequest) -> WebhookWithSecret {
        WebhookWithSecret {
            id: "wh_1".into(),
            project_id: "5d2c31f6-ab7e-481a-b6fd-8b4a96a4e197"
                .parse()
                .expect("uuid"),
            url: body.url.clone(),
            description: body.description.clone(),
            subscribed_events: body.subscribed_events.clone(),
            enabled: true,
            created_at: Some("2026-05-02T12:00:00Z".parse().expect("time")),
            updated_at: None,
            secret: "whsec_abc".into(),
        }
    }

    fn error(status: u16) -> FlatErrorResponse {
        FlatErrorResponse {
            error: format!("failed with {status}"),
            code: Some(status.into()),
        }
    }

    impl Api for Impl {
        async fn create_webhook(
            &self,
            credentials: Credentials,
            body: WebhookCreateRequest,
        ) -> CreateWebhookReply {
            match asked(credentials.api_key_header.as_deref()) {
                Some(400) => CreateWebhookReply::BadRequest(error(400)),
                Some(409) => CreateWebhookReply::Conflict(error(409)),
                Some(500) => CreateWebhookReply::InternalServerError(error(500)),
                _ => CreateWebhookReply::Created(created(&body)),
            }
        }
    }

    fn request() -> WebhookCreateRequest {
        WebhookCreateRequest {
            url: "https://example.com/hook".into(),
            description: Some("production".into()),
            subscribed_events: vec![
                WebhookEventType::TaskCompleted,
                WebhookEventType::SessionFailed,
            ],
        }
    }

    #[tokio::test]
    async fn every_operation_and_declared_status() {
        let addr = serve(router(Impl)).await;
        let client = |key: &str| {
            Client::new(format!("http://{addr}"))
                .with_api_key_header(key)
                .without_retries()
        };
        assert_eq!(
            client("key")
                .create_webhook(&request())
                .await
                .expect("created"),
            created(&request())
        );
        for status in [400, 409, 500] {
            match client(&format!("status-{status}"))
                .create_webhook(&request())
                .await
            {
                Err(Error::Api {
                    status: got, body, ..
                }) => {
                    assert_eq!(got, status);
                    let (CreateWebhookError::BadRequest(e)
                    | CreateWebhookError::Conflict(e)
                    | CreateWebhookError::InternalServerError(e)) = body;
                    assert_eq!(e, error(status));
                }
                other => panic!("{status}: {other:?}"),
            }
        }
    }

    #[tokio::test]
    async fn the_router_rejects_before_the_implementation_runs() {
        let addr = serve(router_with_body_limit(Impl, 4096)).await;
        let valid =
            r#"{"url": "https://example.com/hook", "subscribed_events": ["task.completed"]}"#;
        let probe = Probe {
            method: "POST",
            path: "/v1/webhooks",
            auth: ("anchor-api-key", "key"),
            body: Some(valid),
            allow: "POST",
            challenge: "ApiKey in=\"header\", name=\"anchor-api-key\"",
        };
        router_rejections(addr, &probe).await;
        let invalid = json!({"url": format!("https://example.com/{}", "a".repeat(2048)), "description": "d".repeat(257), "subscribed_events": []});
        let url = format!("http://{addr}/v1/webhooks");
        let (status, content_type, body, _) = raw(
            "POST",
            &url,
            &[("content-type", "application/json"), probe.auth],
            Some(&invalid.to_string()),
        )
        .await;
        assert_eq!(
            (status, content_type.as_str()),
            (400, "application/json"),
            "the declared 400 schema is used"
        );
        let message = body["error"].as_str().expect("FlatErrorResponse.error");
        for part in [
            "/url",
            "maxLength",
            "/description",
            "/subscribed_events",
            "minItems",
        ] {
            assert!(message.contains(part), "{part} missing from {message}");
        }
        assert_eq!(body["code"], 400);
    }
}

mod mobilerun_e2e {
    use super::*;
    use mobilerun::client::{Client, CreateWebhookError, Error, RotateWebhookSecretError};
    use mobilerun::server::{
        Api, CreateWebhookReply, Credentials, RotateWebhookSecretReply, router,
        router_with_body_limit,
    };
    use mobilerun::types::{
        CreateWebhookRequest, CreateWebhookResponse, CreateWebhookResponseData,
        CreateWebhookResponseDataHealth, CreateWebhookResponseDataState,
        RotateWebhookSecretNotFoundResponse,
    };

    struct Impl;

    fn data(id: uuid::Uuid, url: &str) -> CreateWebhookResponse {
        CreateWebhookResponse {
            data: CreateWebhookResponseData {
                id,
                url: url.into(),
                event_types: vec!["task.run.completed".into()],
                state: CreateWebhookResponseDataState::Active,
                health: CreateWebhookResponseDataHealth::Healthy,
                blocked_at: None,
                blocked_reason: None,
                signing_enabled: true,
                description: None,
                created_at: "2026-01-01T00:00:00Z".into(),
                updated_at: "2026-01-01T00:00:00Z".into(),
                secret: "s3cret".into(),
            },
        }
    }

    impl Api for Impl {
        async fn create_webhook(
            &self,
            credentials: Credentials,
            body: Option<CreateWebhookRequest>,
        ) -> CreateWebhookReply {
            match asked(credentials.bearer_auth.as_deref()) {
                Some(400) => CreateWebhookReply::BadRequest,
                Some(401) => CreateWebhookReply::Unauthorized,
                Some(409) => CreateWebhookReply::Conflict,
                Some(500) => CreateWebhookReply::InternalServerError,
                _ => CreateWebhookReply::Created(data(
                    uuid::Uuid::nil(),
                    &body.map_or_else(String::new, |b| b.url),
                )),
            }
        }

        async fn rotate_webhook_secret(
            &self,
            credentials: Credentials,
            id: uuid::Uuid,
        ) -> RotateWebhookSecretReply {
            match asked(credentials.bearer_auth.as_deref()) {
                Some(401) => RotateWebhookSecretReply::Unauthorized,
                Some(404) => {
                    RotateWebhookSecretReply::NotFound(RotateWebhookSecretNotFoundResponse {
                        error: format!("no webhook {id}"),
                    })
                }
                Some(500) => RotateWebhookSecretReply::InternalServerError,
                _ => RotateWebhookSecretReply::Ok(data(id, "https://example.com/hook")),
            }
        }
    }

    #[tokio::test]
    async fn every_operation_and_declared_status() {
        let addr = serve(router(Impl)).await;
        let client = |token: &str| {
            Client::new(format!("http://{addr}"))
                .with_bearer_auth(token)
                .without_retries()
        };
        let request = CreateWebhookRequest {
            url: "https://example.com/hook".into(),
            event_types: Some(vec![]),
            description: None,
        };
        assert_eq!(
            client("t")
                .create_webhook(Some(&request))
                .await
                .expect("created"),
            data(uuid::Uuid::nil(), "https://example.com/hook")
        );
        assert_eq!(
            client("t").create_webhook(None).await.expect("created"),
            data(uuid::Uuid::nil(), "")
        );
        for (status, expected) in [
            (400, CreateWebhookError::BadRequest),
            (401, CreateWebhookError::Unauthorized),
            (409, CreateWebhookError::Conflict),
            (500, CreateWebhookError::InternalServerError),
        ] {
            match client(&format!("status-{status}"))
                .create_webhook(Some(&request))
                .await
            {
                Err(Error::Api {
                    status: got, body, ..
                }) => assert_eq!((got, body), (status, expected)),
                other => panic!("{status}: {other:?}"),
            }
        }
        let id: uuid::Uuid = "550e8400-e29b-41d4-a716-446655440000"
            .parse()
            .expect("uuid");
        assert_eq!(
            client("t")
                .rotate_webhook_secret(id)
                .await
                .expect("rotated"),
            data(id, "https://example.com/hook")
        );
        for (status, expected) in [
            (401, RotateWebhookSecretError::Unauthorized),
            (
                404,
                RotateWebhookSecretError::NotFound(RotateWebhookSecretNotFoundResponse {
                    error: format!("no webhook {id}"),
                }),
            ),
            (500, RotateWebhookSecretError::InternalServerError),
        ] {
            match client(&format!("status-{status}"))
                .rotate_webhook_secret(id)
                .await
            {
                Err(Error::Api {
                    status: got, body, ..
                }) => assert_eq!((got, body), (status, expected)),
                other => panic!("{status}: {other:?}"),
            }
        }
    }

    #[tokio::test]
    async fn the_router_rejects_before_the_implementation_runs() {
        let addr = serve(router_with_body_limit(Impl, 4096)).await;
        let auth = ("authorization", "Bearer t");
        let create = Probe {
            method: "POST",
            path: "/webhooks",
            auth,
            body: Some(r#"{"url": "https://x.example"}"#),
            allow: "POST",
            challenge: "Bearer",
        };
        router_rejections(addr, &create).await;
        let rotate = Probe {
            method: "POST",
            path: "/webhooks/550e8400-e29b-41d4-a716-446655440000/rotate-secret",
            auth,
            body: None,
            allow: "POST",
            challenge: "Bearer",
        };
        router_rejections(addr, &rotate).await;
        let url = format!("http://{addr}/webhooks");
        let (status, content_type, body, _) = raw(
            "POST",
            &url,
            &[("content-type", "application/json"), auth],
            Some(r#"{"url": "not a uri", "eventTypes": [""]}"#),
        )
        .await;
        assert_eq!(
            (status, content_type.as_str()),
            (400, "application/problem+json"),
            "400 is declared without a schema"
        );
        assert_eq!(
            problem_errors(&body),
            [
                ("/url".to_owned(), "format".to_owned()),
                ("/eventTypes/0".to_owned(), "minLength".to_owned())
            ]
        );
        let (status, _, _, _) = raw(
            "POST",
            &format!("http://{addr}/webhooks/not-a-uuid/rotate-secret"),
            &[auth],
            None,
        )
        .await;
        assert_eq!(
            status, 404,
            "rotate-secret documents 404 but not 400: an id that is not a UUID names no webhook"
        );
        let (status, _, body, _) = raw(
            "POST",
            &url,
            &[("content-type", "application/json"), auth],
            Some(r#"{"url": "https://x.example", "description": null}"#),
        )
        .await;
        assert_eq!(
            status, 400,
            "`description` is optional but not nullable, so `null` is refused: {body}"
        );
    }
}

mod mynd_e2e {
    use super::*;
    use mynd::client::{
        Client, CreateWebhookError, DeleteWebhookError, Error, ListWebhookDeliveriesError,
    };
    use mynd::server::{
        Api, CreateWebhookReply, Credentials, DeleteWebhookReply, ListWebhookDeliveriesReply,
        router, router_with_body_limit,
    };
    use mynd::types::{
        CreateWebhookRequest, DeletedWebhook, Delivery, DeliveryList, DeliveryStatus,
        WebhookWithSecret,
    };

    struct Impl;

    fn list(id: &str, status: Option<&DeliveryStatus>) -> DeliveryList {
        let event = status.map_or_else(|| "any".to_owned(), ToString::to_string);
        DeliveryList {
            object: "list".into(),
            data: vec![Delivery {
                id: id.into(),
                event,
                response_status: 200,
                ms: Some(84),
                next_retry_at: None,
            }],
        }
    }

    fn webhook(body: CreateWebhookRequest) -> WebhookWithSecret {
        WebhookWithSecret {
            id: "wh_1".into(),
            object: "webhook".into(),
            url: body.url,
            events: body.events,
            status: "enabled".into(),
            secret: "whsec_1".into(),
        }
    }

    impl Api for Impl {
        async fn create_webhook(
            &self,
            credentials: Credentials,
            body: CreateWebhookRequest,
        ) -> CreateWebhookReply {
            match asked(credentials.bearer_auth.as_deref()) {
                Some(400) => CreateWebhookReply::BadRequest,
                Some(401) => CreateWebhookReply::Unauthorized,
                _ => CreateWebhookReply::Ok(webhook(body)),
            }
        }

        async fn list_webhook_deliveries(
            &self,
            credentials: Credentials,
            id: String,
            status: Option<DeliveryStatus>,
        ) -> ListWebhookDeliveriesReply {
            match asked(credentials.bearer_auth.as_deref()) {
                Some(400) => ListWebhookDeliveriesReply::BadRequest,
                Some(401) => ListWebhookDeliveriesReply::Unauthorized,
                Some(404) => ListWebhookDeliveriesReply::NotFound,
                _ => ListWebhookDeliveriesReply::Ok(list(&id, status.as_ref())),
            }
        }

        async fn delete_webhook(&self, credentials: Credentials, id: String) -> DeleteWebhookReply {
            match asked(credentials.bearer_auth.as_deref()) {
                Some(401) => DeleteWebhookReply::Unauthorized,
                Some(404) => DeleteWebhookReply::NotFound,
                _ => DeleteWebhookReply::Ok(DeletedWebhook {
                    id,
                    object: "webhook".into(),
                    deleted: true,
                }),
            }
        }
    }

    #[tokio::test]
    async fn every_operation_and_declared_status() {
        let addr = serve(router(Impl)).await;
        let client = |token: &str| {
            Client::new(format!("http://{addr}"))
                .with_bearer_auth(token)
                .without_retries()
        };
        let request = CreateWebhookRequest {
            url: "https://example.com/h".into(),
            events: vec!["*".into()],
            description: Some("prod".into()),
        };
        assert_eq!(
            client("t").create_webhook(&request).await.expect("created"),
            webhook(request.clone())
        );
        assert_eq!(
            client("t")
                .list_webhook_deliveries("wh/1 é", Some(&DeliveryStatus::Failed))
                .await
                .expect("listed"),
            list("wh/1 é", Some(&DeliveryStatus::Failed))
        );
        assert_eq!(
            client("t")
                .list_webhook_deliveries("wh_1", None)
                .await
                .expect("listed"),
            list("wh_1", None)
        );
        assert_eq!(
            client("t").delete_webhook("wh_9").await.expect("deleted"),
            DeletedWebhook {
                id: "wh_9".into(),
                object: "webhook".into(),
                deleted: true
            }
        );
        for (status, expected) in [
            (400, CreateWebhookError::BadRequest),
            (401, CreateWebhookError::Unauthorized),
        ] {
            let got = client(&format!("status-{status}"))
                .create_webhook(&request)
                .await;
            assert!(
                matches!(got, Err(Error::Api { status: s, body, .. }) if s == status && body == expected)
            );
        }
        for (status, expected) in [
            (400, ListWebhookDeliveriesError::BadRequest),
            (401, ListWebhookDeliveriesError::Unauthorized),
            (404, ListWebhookDeliveriesError::NotFound),
        ] {
            let got = client(&format!("status-{status}"))
                .list_webhook_deliveries("wh_1", None)
                .await;
            assert!(
                matches!(got, Err(Error::Api { status: s, body, .. }) if s == status && body == expected)
            );
        }
        for (status, expected) in [
            (401, DeleteWebhookError::Unauthorized),
            (404, DeleteWebhookError::NotFound),
        ] {
            let got = client(&format!("status-{status}"))
                .delete_webhook("wh_1")
                .await;
            assert!(
                matches!(got, Err(Error::Api { status: s, body, .. }) if s == status && body == expected)
            );
        }
    }

    #[tokio::test]
    async fn the_router_rejects_before_the_implementation_runs() {
        let addr = serve(router_with_body_limit(Impl, 4096)).await;
        let auth = ("authorization", "Bearer t");
        let create = Probe {
            method: "POST",
            path: "/v1/webhooks",
            auth,
            body: Some(r#"{"url": "https://x.example", "events": []}"#),
            allow: "POST",
            challenge: "Bearer",
        };
        router_rejections(addr, &create).await;
        let list = Probe {
            method: "GET",
            path: "/v1/webhooks/wh_1/deliveries",
            auth,
            body: None,
            allow: "GET, HEAD",
            challenge: "Bearer",
        };
        router_rejections(addr, &list).await;
        let delete = Probe {
            method: "DELETE",
            path: "/v1/webhooks/wh_1",
            auth,
            body: None,
            allow: "DELETE",
            challenge: "Bearer",
        };
        router_rejections(addr, &delete).await;
        let (status, _, body, _) = raw(
            "GET",
            &format!("http://{addr}/v1/webhooks/wh_1/deliveries?status=lost"),
            &[auth],
            None,
        )
        .await;
        assert_eq!(status, 400, "{body}");
        assert_eq!(
            problem_errors(&body),
            [("/query/status".to_owned(), "enum".to_owned())]
        );
        let insecure = r#"{"url": "http://insecure.example", "events": []}"#;
        let (status, _, body, _) = raw(
            "POST",
            &format!("http://{addr}/v1/webhooks"),
            &[auth, ("content-type", "application/json")],
            Some(insecure),
        )
        .await;
        assert_eq!(status, 400, "{body}");
        assert_eq!(
            problem_errors(&body),
            [("/url".to_owned(), "pattern".to_owned())]
        );
    }
}

mod encrata_e2e {
    use super::*;
    use encrata::client::{Client, CreateWebhookError, Error};
    use encrata::server::{Api, CreateWebhookReply, Credentials, router, router_with_body_limit};
    use encrata::types::{CreateWebhookRequest, Webhook, WebhookEvent};

    struct Impl;

    fn webhook(body: CreateWebhookRequest) -> Webhook {
        Webhook {
            id: uuid::Uuid::nil(),
            url: body.url,
            secret: "whsec_1".into(),
            events: body.events,
            is_active: true,
            description: body.description.into(),
            created_at: "2026-05-02T12:00:00Z".parse().expect("time"),
            workspace_id: None,
            created_by: None,
            updated_at: None,
        }
    }

    impl Api for Impl {
        async fn create_webhook(
            &self,
            credentials: Credentials,
            body: CreateWebhookRequest,
        ) -> CreateWebhookReply {
            match asked(credentials.bearer_auth.as_deref()) {
                Some(400) => CreateWebhookReply::BadRequest,
                Some(401) => CreateWebhookReply::Unauthorized,
                _ => CreateWebhookReply::Created(webhook(body)),
            }
        }
    }

    #[tokio::test]
    async fn every_operation_and_declared_status() {
        let addr = serve(router(Impl)).await;
        let client = |token: &str| {
            Client::new(format!("http://{addr}"))
                .with_bearer_auth(token)
                .without_retries()
        };
        let request = CreateWebhookRequest {
            url: "https://example.com/webhook".into(),
            events: vec![WebhookEvent::LookupCompleted],
            description: Some("prod".into()),
        };
        assert_eq!(
            client("t").create_webhook(&request).await.expect("created"),
            webhook(request.clone())
        );
        for (status, expected) in [
            (400, CreateWebhookError::BadRequest),
            (401, CreateWebhookError::Unauthorized),
        ] {
            let got = client(&format!("status-{status}"))
                .create_webhook(&request)
                .await;
            assert!(
                matches!(got, Err(Error::Api { status: s, body, .. }) if s == status && body == expected)
            );
        }
    }

    #[tokio::test]
    async fn the_router_rejects_before_the_implementation_runs() {
        let addr = serve(router_with_body_limit(Impl, 4096)).await;
        let auth = ("authorization", "Bearer t");
        let valid = r#"{"url": "https://x.example", "events": ["credits.low"]}"#;
        router_rejections(
            addr,
            &Probe {
                method: "POST",
                path: "/webhooks",
                auth,
                body: Some(valid),
                allow: "POST",
                challenge: "Bearer",
            },
        )
        .await;
        let url = format!("http://{addr}/webhooks");
        let headers = [auth, ("content-type", "application/json")];
        let (status, _, body, _) = raw(
            "POST",
            &url,
            &headers,
            Some(r#"{"url": "https://x.example", "events": ["credits.low", "made.up"]}"#),
        )
        .await;
        assert_eq!(status, 400, "{body}");
        assert_eq!(
            problem_errors(&body),
            [("/events/1".to_owned(), "enum".to_owned())]
        );
        let (status, _, body, _) = raw(
            "POST",
            &url,
            &headers,
            Some(r#"{"url": "ftp://x.example", "events": []}"#),
        )
        .await;
        assert_eq!(
            problem_errors(&body),
            [
                ("/url".to_owned(), "pattern".to_owned()),
                ("/events".to_owned(), "minItems".to_owned())
            ],
            "{status}"
        );
    }
}
