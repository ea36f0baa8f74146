//! Each provider's generated server (with a test implementation, on 127.0.0.1 port 0),
//! called through its generated client, and raw HTTP for what the client would refuse to
//! send: every operation's success with full body equality, every declared error status,
//! auth and validation rejections, malformed JSON, an oversized body, an unknown path and a
//! wrong method.

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

/// A raw request: (status, content type, JSON body or Null, Allow header).
async fn raw(
    method: &str,
    url: String,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> (u16, String, Value, String) {
    let client = reqwest::Client::new();
    let mut request = client.request(
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
    let text_header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned()
    };
    let (content_type, allow) = (text_header("content-type"), text_header("allow"));
    let bytes = response.bytes().await.expect("body");
    (
        status,
        content_type,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        allow,
    )
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

    /// Answers by the request's description: "conflict", "invalid" and "broken" pick the
    /// declared errors; anything else creates the webhook.
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

    impl Api for Impl {
        async fn create_webhook(
            &self,
            credentials: Credentials,
            body: WebhookCreateRequest,
        ) -> CreateWebhookReply {
            assert_eq!(credentials.api_key_header.as_deref(), Some("key-1"));
            let error = |message: &str, code| FlatErrorResponse {
                error: message.into(),
                code: Some(code),
            };
            match body.description.as_deref() {
                Some("conflict") => CreateWebhookReply::Conflict(error("limit of 5 reached", 409)),
                Some("invalid") => CreateWebhookReply::BadRequest(error("private IP", 400)),
                Some("broken") => CreateWebhookReply::InternalServerError(error("failed", 500)),
                _ => CreateWebhookReply::Created(created(&body)),
            }
        }
    }

    fn request(description: &str) -> WebhookCreateRequest {
        WebhookCreateRequest {
            url: "https://example.com/hook".into(),
            description: Some(description.into()),
            subscribed_events: vec![
                WebhookEventType::TaskCompleted,
                WebhookEventType::SessionFailed,
            ],
        }
    }

    #[tokio::test]
    async fn client_and_server_agree() {
        let addr = serve(router(Impl)).await;
        let client = Client::new(format!("http://{addr}"))
            .with_api_key_header("key-1")
            .without_retries();
        let body = request("production");
        assert_eq!(
            client.create_webhook(&body).await.expect("created"),
            created(&body)
        );
        for (description, status) in [("invalid", 400), ("conflict", 409), ("broken", 500)] {
            match client.create_webhook(&request(description)).await {
                Err(Error::Api {
                    status: got, body, ..
                }) => {
                    assert_eq!(got, status);
                    let expected = match status {
                        400 => {
                            matches!(body, CreateWebhookError::BadRequest(ref e) if e.code == Some(400))
                        }
                        409 => {
                            matches!(body, CreateWebhookError::Conflict(ref e) if e.error == "limit of 5 reached")
                        }
                        _ => matches!(body, CreateWebhookError::InternalServerError(_)),
                    };
                    assert!(expected, "{status}: {body:?}");
                }
                other => panic!("{description}: {other:?}"),
            }
        }
    }

    #[tokio::test]
    async fn the_router_rejects_before_the_implementation_runs() {
        let addr = serve(router_with_body_limit(Impl, 4096)).await;
        let url = format!("http://{addr}/v1/webhooks");
        let json = [("content-type", "application/json")];
        let auth_json = [
            ("content-type", "application/json"),
            ("anchor-api-key", "key-1"),
        ];
        let valid =
            r#"{"url": "https://example.com/hook", "subscribed_events": ["task.completed"]}"#;

        let (status, content_type, body, _) = raw("POST", url.clone(), &json, Some(valid)).await;
        assert_eq!(
            (status, content_type.as_str()),
            (401, "application/problem+json"),
            "{body}"
        );
        let (status, _, _, _) = raw(
            "POST",
            url.clone(),
            &[("content-type", "application/json"), ("anchor-api-key", "")],
            Some(valid),
        )
        .await;
        assert_eq!(status, 401, "an empty key is no key");

        let invalid = json!({"url": format!("https://example.com/{}", "a".repeat(2048)), "description": "d".repeat(257), "subscribed_events": []});
        let (status, content_type, body, _) =
            raw("POST", url.clone(), &auth_json, Some(&invalid.to_string())).await;
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

        let (status, _, body, _) = raw("POST", url.clone(), &auth_json, Some("{\"url\": ")).await;
        assert_eq!(status, 400, "{body}");
        let (status, _, _, _) = raw(
            "POST",
            url.clone(),
            &auth_json,
            Some(r#"{"url": 5, "subscribed_events": []}"#),
        )
        .await;
        assert_eq!(status, 400, "wrong JSON type");
        let (status, _, _, _) = raw(
            "POST",
            url.clone(),
            &[("anchor-api-key", "key-1"), ("content-type", "text/plain")],
            Some(valid),
        )
        .await;
        assert_eq!(status, 415);
        let big = format!(
            r#"{{"url": "https://example.com/", "description": "{}", "subscribed_events": []}}"#,
            "x".repeat(5000)
        );
        let (status, _, _, _) = raw("POST", url.clone(), &auth_json, Some(&big)).await;
        assert_eq!(status, 413);

        let (status, content_type, _, _) =
            raw("GET", format!("http://{addr}/v1/nope"), &[], None).await;
        assert_eq!(
            (status, content_type.as_str()),
            (404, "application/problem+json")
        );
        for method in ["GET", "DELETE", "TRACE", "QUERY"] {
            let (status, _, _, allow) = raw(method, url.clone(), &[], None).await;
            assert_eq!((status, allow.as_str()), (405, "POST"), "{method}");
        }
    }
}

mod mobilerun_e2e {
    use super::*;
    use mobilerun::client::{Client, Error, RotateWebhookSecretError};
    use mobilerun::server::{
        Api, CreateWebhookReply, Credentials, RotateWebhookSecretReply, router,
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

    const KNOWN: &str = "550e8400-e29b-41d4-a716-446655440000";

    impl Api for Impl {
        async fn create_webhook(
            &self,
            credentials: Credentials,
            body: Option<CreateWebhookRequest>,
        ) -> CreateWebhookReply {
            assert_eq!(credentials.bearer_auth.as_deref(), Some("tok"));
            match body {
                Some(b) if b.url.contains("conflict") => CreateWebhookReply::Conflict,
                Some(b) if b.url.contains("broken") => CreateWebhookReply::InternalServerError,
                Some(b) => CreateWebhookReply::Created(data(KNOWN.parse().expect("uuid"), &b.url)),
                None => CreateWebhookReply::BadRequest,
            }
        }

        async fn rotate_webhook_secret(
            &self,
            _credentials: Credentials,
            id: uuid::Uuid,
        ) -> RotateWebhookSecretReply {
            if id.to_string() == KNOWN {
                RotateWebhookSecretReply::Ok(data(id, "https://example.com/hook"))
            } else {
                RotateWebhookSecretReply::NotFound(RotateWebhookSecretNotFoundResponse {
                    error: format!("no webhook {id}"),
                })
            }
        }
    }

    #[tokio::test]
    async fn client_and_server_agree() {
        let addr = serve(router(Impl)).await;
        let client = Client::new(format!("http://{addr}"))
            .with_bearer_auth("tok")
            .without_retries();
        let request = CreateWebhookRequest {
            url: "https://example.com/hook".into(),
            event_types: None,
            description: None,
        };
        let created = client
            .create_webhook(Some(&request))
            .await
            .expect("created");
        assert_eq!(
            created,
            data(KNOWN.parse().expect("uuid"), "https://example.com/hook")
        );
        assert!(matches!(
            client.create_webhook(None).await,
            Err(Error::Api { status: 400, .. })
        ));
        let conflict = CreateWebhookRequest {
            url: "https://example.com/conflict".into(),
            ..request.clone()
        };
        assert!(matches!(
            client.create_webhook(Some(&conflict)).await,
            Err(Error::Api { status: 409, .. })
        ));
        let broken = CreateWebhookRequest {
            url: "https://example.com/broken".into(),
            ..request.clone()
        };
        assert!(matches!(
            client.create_webhook(Some(&broken)).await,
            Err(Error::Api { status: 500, .. })
        ));

        let id: uuid::Uuid = KNOWN.parse().expect("uuid");
        assert_eq!(
            client.rotate_webhook_secret(id).await.expect("rotated"),
            data(id, "https://example.com/hook")
        );
        let other = uuid::Uuid::nil();
        match client.rotate_webhook_secret(other).await {
            Err(Error::Api {
                status: 404,
                body: RotateWebhookSecretError::NotFound(body),
                ..
            }) => assert!(body.error.contains("no webhook")),
            other => panic!("{other:?}"),
        }
    }

    #[tokio::test]
    async fn the_router_rejects_before_the_implementation_runs() {
        let addr = serve(router(Impl)).await;
        let url = format!("http://{addr}/webhooks");
        let auth = [
            ("content-type", "application/json"),
            ("authorization", "Bearer tok"),
        ];
        let (status, _, _, _) = raw(
            "POST",
            url.clone(),
            &[("content-type", "application/json")],
            Some("{}"),
        )
        .await;
        assert_eq!(status, 401);
        let (status, _, _, _) = raw(
            "POST",
            url.clone(),
            &[("authorization", "Bearer ")],
            Some("{}"),
        )
        .await;
        assert_eq!(status, 401, "an empty token is no token");
        let (status, content_type, body, _) = raw(
            "POST",
            url.clone(),
            &auth,
            Some(r#"{"url": "not a uri", "eventTypes": [""]}"#),
        )
        .await;
        assert_eq!(
            (status, content_type.as_str()),
            (400, "application/problem+json"),
            "400 is declared without a schema"
        );
        let errors: Vec<(&str, &str)> = body["errors"]
            .as_array()
            .expect("errors")
            .iter()
            .map(|e| {
                (
                    e["pointer"].as_str().unwrap_or(""),
                    e["keyword"].as_str().unwrap_or(""),
                )
            })
            .collect();
        assert_eq!(errors, [("/url", "format"), ("/eventTypes/0", "minLength")]);
        let (status, _, _, _) = raw(
            "POST",
            format!("http://{addr}/webhooks/not-a-uuid/rotate-secret"),
            &auth,
            None,
        )
        .await;
        assert_eq!(status, 400, "a path parameter that is not a UUID");
        let (status, _, _, _) = raw("POST", url.clone(), &auth, Some("[1,")).await;
        assert_eq!(status, 400);
        let (status, _, _, allow) = raw("PUT", url, &auth, None).await;
        assert_eq!((status, allow.as_str()), (405, "POST"));
        let (status, _, _, _) = raw("GET", format!("http://{addr}/"), &[], None).await;
        assert_eq!(status, 404);
    }
}

mod mynd_e2e {
    use super::*;
    use mynd::client::{Client, Error};
    use mynd::server::{
        Api, CreateWebhookReply, Credentials, DeleteWebhookReply, ListWebhookDeliveriesReply,
        router,
    };
    use mynd::types::{
        CreateWebhookRequest, DeletedWebhook, Delivery, DeliveryList, DeliveryStatus,
        WebhookWithSecret,
    };

    struct Impl;

    fn list(status: Option<&DeliveryStatus>) -> DeliveryList {
        let event = status.map_or_else(|| "any".to_owned(), ToString::to_string);
        DeliveryList {
            object: "list".into(),
            data: vec![Delivery {
                id: "del_1".into(),
                event,
                response_status: 200,
                ms: Some(84),
                next_retry_at: None,
            }],
        }
    }

    impl Api for Impl {
        async fn create_webhook(
            &self,
            _credentials: Credentials,
            body: CreateWebhookRequest,
        ) -> CreateWebhookReply {
            CreateWebhookReply::Ok(WebhookWithSecret {
                id: "wh_1".into(),
                object: "webhook".into(),
                url: body.url,
                events: body.events,
                status: "enabled".into(),
                secret: "whsec_1".into(),
            })
        }

        async fn list_webhook_deliveries(
            &self,
            _credentials: Credentials,
            id: String,
            status: Option<DeliveryStatus>,
        ) -> ListWebhookDeliveriesReply {
            if id == "wh_404" {
                ListWebhookDeliveriesReply::NotFound
            } else {
                ListWebhookDeliveriesReply::Ok(list(status.as_ref()))
            }
        }

        async fn delete_webhook(
            &self,
            _credentials: Credentials,
            id: String,
        ) -> DeleteWebhookReply {
            match id.as_str() {
                "wh_404" => DeleteWebhookReply::NotFound,
                _ => DeleteWebhookReply::Ok(DeletedWebhook {
                    id,
                    object: "webhook".into(),
                    deleted: true,
                }),
            }
        }
    }

    #[tokio::test]
    async fn client_and_server_agree() {
        let addr = serve(router(Impl)).await;
        let client = Client::new(format!("http://{addr}"))
            .with_bearer_auth("tok")
            .without_retries();
        let created = client
            .create_webhook(&CreateWebhookRequest {
                url: "https://example.com/h".into(),
                events: vec!["*".into()],
                description: None,
            })
            .await
            .expect("created");
        assert_eq!(
            (created.url.as_str(), created.events.as_slice()),
            ("https://example.com/h", ["*".to_owned()].as_slice())
        );
        assert_eq!(
            client
                .list_webhook_deliveries("wh/1 é", Some(&DeliveryStatus::Failed))
                .await
                .expect("listed"),
            list(Some(&DeliveryStatus::Failed))
        );
        assert_eq!(
            client
                .list_webhook_deliveries("wh_1", None)
                .await
                .expect("listed"),
            list(None)
        );
        assert!(matches!(
            client.list_webhook_deliveries("wh_404", None).await,
            Err(Error::Api { status: 404, .. })
        ));
        let deleted = client.delete_webhook("wh_9").await.expect("deleted");
        assert_eq!(
            deleted,
            DeletedWebhook {
                id: "wh_9".into(),
                object: "webhook".into(),
                deleted: true
            }
        );
        assert!(matches!(
            client.delete_webhook("wh_404").await,
            Err(Error::Api { status: 404, .. })
        ));
    }

    #[tokio::test]
    async fn the_router_rejects_before_the_implementation_runs() {
        let addr = serve(router(Impl)).await;
        let auth = [("authorization", "Bearer tok")];
        let (status, _, body, _) = raw(
            "GET",
            format!("http://{addr}/v1/webhooks/wh_1/deliveries?status=lost"),
            &auth,
            None,
        )
        .await;
        assert_eq!(status, 400, "{body}");
        assert_eq!(body["errors"][0]["pointer"], "/query/status");
        let (status, _, _, _) = raw(
            "DELETE",
            format!("http://{addr}/v1/webhooks/wh_1"),
            &[],
            None,
        )
        .await;
        assert_eq!(status, 401);
        let (status, _, body, _) = raw(
            "POST",
            format!("http://{addr}/v1/webhooks"),
            &[
                ("authorization", "Bearer tok"),
                ("content-type", "application/json"),
            ],
            Some(r#"{"url": "http://insecure.example", "events": []}"#),
        )
        .await;
        assert_eq!(status, 400, "{body}");
        assert_eq!(body["errors"][0]["keyword"], "pattern");
        let (status, _, _, allow) = raw(
            "PATCH",
            format!("http://{addr}/v1/webhooks/wh_1"),
            &auth,
            None,
        )
        .await;
        assert_eq!((status, allow.as_str()), (405, "DELETE"));
    }
}

mod encrata_e2e {
    use super::*;
    use encrata::client::{Client, Error};
    use encrata::server::{Api, CreateWebhookReply, Credentials, router};
    use encrata::types::{CreateWebhookRequest, Webhook, WebhookEvent};

    struct Impl;

    impl Api for Impl {
        async fn create_webhook(
            &self,
            _credentials: Credentials,
            body: CreateWebhookRequest,
        ) -> CreateWebhookReply {
            if body.url.ends_with("/taken") {
                return CreateWebhookReply::BadRequest;
            }
            CreateWebhookReply::Created(Webhook {
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
            })
        }
    }

    #[tokio::test]
    async fn client_and_server_agree() {
        let addr = serve(router(Impl)).await;
        let client = Client::new(format!("http://{addr}"))
            .with_bearer_auth("tok")
            .without_retries();
        let request = CreateWebhookRequest {
            url: "https://example.com/webhook".into(),
            events: vec![WebhookEvent::LookupCompleted],
            description: Some("prod".into()),
        };
        let created = client.create_webhook(&request).await.expect("created");
        assert_eq!(
            (
                created.url.as_str(),
                created.events.as_slice(),
                created.secret.as_str()
            ),
            (
                "https://example.com/webhook",
                [WebhookEvent::LookupCompleted].as_slice(),
                "whsec_1"
            )
        );
        let taken = CreateWebhookRequest {
            url: "https://example.com/taken".into(),
            ..request
        };
        assert!(matches!(
            client.create_webhook(&taken).await,
            Err(Error::Api { status: 400, .. })
        ));
        let unauthenticated = Client::new(format!("http://{addr}")).without_retries();
        assert!(matches!(
            unauthenticated.create_webhook(&taken).await,
            Err(Error::MissingCredentials { .. })
        ));
    }

    #[tokio::test]
    async fn the_router_rejects_before_the_implementation_runs() {
        let addr = serve(router(Impl)).await;
        let url = format!("http://{addr}/webhooks");
        let (status, _, _, _) = raw(
            "POST",
            url.clone(),
            &[("content-type", "application/json")],
            Some("{}"),
        )
        .await;
        assert_eq!(status, 401);
        let auth = [
            ("authorization", "Bearer tok"),
            ("content-type", "application/json"),
        ];
        let (status, _, body, _) = raw(
            "POST",
            url.clone(),
            &auth,
            Some(r#"{"url": "https://x.example", "events": ["credits.low", "made.up"]}"#),
        )
        .await;
        assert_eq!(status, 400, "{body}");
        assert_eq!(body["errors"][0]["pointer"], "/events/1");
        let (status, _, _, _) = raw(
            "POST",
            url.clone(),
            &auth,
            Some(r#"{"url": "https://x.example", "events": []}"#),
        )
        .await;
        assert_eq!(status, 400, "minItems");
        let (status, _, _, allow) = raw("GET", url, &[], None).await;
        assert_eq!((status, allow.as_str()), (405, "POST"));
    }
}
