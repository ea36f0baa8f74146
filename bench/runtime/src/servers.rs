//! Two servers for AnchorBrowser's `POST /v1/webhooks` that do the same work:
//!
//! - **generated**: the router apigen generated (credentials, content type, JSON body,
//!   every schema constraint), with a handler that builds the reply;
//! - **hand-written**: a plain axum handler as a careful person would write it for this one
//!   endpoint: the same header check, content-type check, serde parse, the spec's
//!   constraints written out by hand, and the same reply.
//!
//! The hand-written URL check only looks for an `http://`/`https://` prefix and no spaces,
//! which is cheaper than the generated RFC 3986 check: any bias is against apigen.

use anchorbrowser::server::{Api, CreateWebhookReply, Credentials};
use anchorbrowser::types::{WebhookCreateRequest, WebhookWithSecret};
use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The id every created webhook gets (the benchmark keeps no state).
pub const WEBHOOK_ID: &str = "wh_01HXJ4MZ7K9P3Q6R8S2T4V5W7Y";
/// The project every webhook belongs to.
pub const PROJECT_ID: uuid::Uuid = uuid::Uuid::from_u128(0x5d2c31f6_ab7e_481a_b6fd_8b4a96a4e197);
/// The signing secret every reply carries.
pub const SECRET: &str = "36da51b166a69268a59a8d5ee0b32c9f5e5aaee7d301c7a5a36844318e116fc6";

fn created_at() -> DateTime<Utc> {
    DateTime::from_timestamp(1_795_000_000, 0).unwrap_or_default()
}

/// The implementation served by the generated router.
#[derive(Debug, Clone, Copy, Default)]
pub struct Webhooks;

impl Api for Webhooks {
    async fn create_webhook(
        &self,
        _credentials: Credentials,
        body: WebhookCreateRequest,
    ) -> CreateWebhookReply {
        CreateWebhookReply::Created(WebhookWithSecret {
            id: WEBHOOK_ID.to_owned(),
            project_id: PROJECT_ID,
            url: body.url,
            description: body.description,
            subscribed_events: body.subscribed_events,
            enabled: true,
            created_at: Some(created_at()),
            updated_at: Some(created_at()),
            secret: SECRET.to_owned(),
        })
    }
}

/// The generated router.
pub fn generated() -> axum::Router {
    anchorbrowser::server::router(Webhooks)
}

/// The hand-written router.
pub fn handwritten() -> axum::Router {
    axum::Router::new().route("/v1/webhooks", axum::routing::post(create_webhook))
}

#[derive(Deserialize)]
struct CreateWebhook {
    url: String,
    #[serde(default)]
    description: Option<String>,
    subscribed_events: Vec<String>,
}

#[derive(Serialize)]
struct Webhook {
    id: &'static str,
    project_id: uuid::Uuid,
    url: String,
    description: Option<String>,
    subscribed_events: Vec<String>,
    enabled: bool,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    secret: &'static str,
}

#[derive(Serialize)]
struct ErrorBody {
    error: String,
    code: u16,
}

fn error(status: StatusCode, message: impl Into<String>) -> Response {
    let body = ErrorBody {
        error: message.into(),
        code: status.as_u16(),
    };
    (status, axum::Json(body)).into_response()
}

async fn create_webhook(headers: HeaderMap, body: Bytes) -> Response {
    if headers
        .get("anchor-api-key")
        .is_none_or(|key| key.is_empty())
    {
        return error(
            StatusCode::UNAUTHORIZED,
            "missing the Anchor-Api-Key header",
        );
    }
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("application/json"));
    if !json {
        return error(StatusCode::UNSUPPORTED_MEDIA_TYPE, "the body must be JSON");
    }
    let request: CreateWebhook = match serde_json::from_slice(&body) {
        Ok(request) => request,
        Err(e) => return error(StatusCode::BAD_REQUEST, e.to_string()),
    };
    let mut problems = Vec::new();
    let url_length = request.url.chars().count();
    if !(1..=2048).contains(&url_length) {
        problems.push("url: must be 1 to 2048 characters");
    }
    let scheme = request.url.starts_with("https://") || request.url.starts_with("http://");
    if !scheme || request.url.contains(char::is_whitespace) {
        problems.push("url: must be an absolute http(s) URL");
    }
    if request
        .description
        .as_ref()
        .is_some_and(|d| d.chars().count() > 256)
    {
        problems.push("description: at most 256 characters");
    }
    if request.subscribed_events.is_empty() {
        problems.push("subscribed_events: at least one event");
    }
    if !problems.is_empty() {
        return error(StatusCode::BAD_REQUEST, problems.join("; "));
    }
    let webhook = Webhook {
        id: WEBHOOK_ID,
        project_id: PROJECT_ID,
        url: request.url,
        description: request.description,
        subscribed_events: request.subscribed_events,
        enabled: true,
        created_at: created_at(),
        updated_at: created_at(),
        secret: SECRET,
    };
    (StatusCode::CREATED, axum::Json(webhook)).into_response()
}

/// Serves `router` on `127.0.0.1:0` on a single-threaded runtime, printing
/// `listening on ADDR` once bound. Runs until the process is killed.
pub fn serve(router: axum::Router) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        println!("listening on {}", listener.local_addr()?);
        axum::serve(listener, router).await
    })
}
