//! The generated client against a real HTTP server on 127.0.0.1 (wiremock records every
//! request it receives).

use std::time::{Duration, Instant};

use client_features::client::{Client, CreateItemError, Error, GetItemError, RetryPolicy};
use client_features::types::NewItem;
use serde_json::json;
use wiremock::matchers::{any, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn fast_retries() -> RetryPolicy {
    RetryPolicy {
        max_retries: 2,
        initial_backoff: Duration::from_millis(10),
        max_backoff: Duration::from_secs(5),
    }
}

async fn client(server: &MockServer) -> Client {
    Client::new(server.uri())
        .with_bearer("t0ken")
        .with_retry_policy(fast_retries())
}

fn item() -> serde_json::Value {
    json!({"id": "i1", "name": "widget"})
}

async fn requests(server: &MockServer) -> Vec<wiremock::Request> {
    server.received_requests().await.expect("recording is on")
}

fn header<'a>(request: &'a wiremock::Request, name: &str) -> Option<&'a str> {
    request.headers.get(name).and_then(|v| v.to_str().ok())
}

#[tokio::test]
async fn success_body_is_decoded_and_auth_sent() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/items/i1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(item()))
        .mount(&server)
        .await;
    let found = client(&server)
        .await
        .get_item("i1", None, None, None, None)
        .await
        .expect("ok");
    assert_eq!((found.id.as_str(), found.name.as_str()), ("i1", "widget"));
    let sent = &requests(&server).await[0];
    assert_eq!(header(sent, "authorization"), Some("Bearer t0ken"));
    assert!(header(sent, "user-agent").is_some_and(|ua| ua.starts_with("client_features/")));
}

#[tokio::test]
async fn each_security_scheme_sends_its_credentials() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = Client::new(server.uri())
        .with_api_key_header("hk")
        .with_api_key_query("qk")
        .with_api_key_cookie("c k")
        .with_basic("user", "pass");
    client.auth_by_header_key().await.expect("header");
    client.auth_by_query_key().await.expect("query");
    client.auth_by_cookie().await.expect("cookie");
    client.auth_by_basic().await.expect("basic");
    client
        .auth_optional()
        .await
        .expect("optional auth needs none");
    let sent = requests(&server).await;
    assert_eq!(header(&sent[0], "x-api-key"), Some("hk"));
    assert_eq!(sent[1].url.query(), Some("api_key=qk"));
    assert_eq!(header(&sent[2], "cookie"), Some("session=c%20k"));
    assert_eq!(
        header(&sent[3], "authorization"),
        Some("Basic dXNlcjpwYXNz")
    );
    assert_eq!(header(&sent[4], "authorization"), None);
}

#[tokio::test]
async fn missing_credentials_fail_before_sending() {
    let server = MockServer::start().await;
    let error = Client::new(server.uri())
        .get_item("i1", None, None, None, None)
        .await
        .expect_err("no token");
    assert!(
        matches!(error, Error::MissingCredentials { needed: "`bearer`" }),
        "{error}"
    );
    assert!(requests(&server).await.is_empty());
}

#[tokio::test]
async fn path_parameters_are_percent_encoded() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(item()))
        .mount(&server)
        .await;
    client(&server)
        .await
        .get_item("a/b?c d#é", None, None, None, None)
        .await
        .expect("ok");
    assert_eq!(
        requests(&server).await[0].url.path(),
        "/items/a%2Fb%3Fc%20d%23%C3%A9"
    );
}

#[tokio::test]
async fn query_and_header_parameters_follow_style_and_explode() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(item()))
        .mount(&server)
        .await;
    let tags = ["red".to_owned(), "big one".to_owned()];
    let fields = ["id".to_owned(), "name".to_owned()];
    client(&server)
        .await
        .get_item("i1", Some(&tags), Some(&fields), Some(5), Some("req-1"))
        .await
        .expect("ok");
    let sent = &requests(&server).await[0];
    let pairs: Vec<(String, String)> = sent
        .url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let expected = [
        ("tags", "red"),
        ("tags", "big one"),
        ("fields", "id,name"),
        ("limit", "5"),
    ];
    assert_eq!(pairs, expected.map(|(k, v)| (k.to_owned(), v.to_owned())));
    assert_eq!(header(sent, "x-request-id"), Some("req-1"));
}

#[tokio::test]
async fn every_declared_error_status_is_decoded() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/items/gone"))
        .respond_with(ResponseTemplate::new(404))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(409).set_body_json(json!({"message": "exists"})))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({"message": "bad name"})))
        .mount(&server)
        .await;
    let client = client(&server).await.without_retries();
    match client.get_item("gone", None, None, None, None).await {
        Err(Error::Api {
            status: 404,
            body: GetItemError::NotFound,
            ..
        }) => {}
        other => panic!("{other:?}"),
    }
    let new = NewItem {
        name: "widget".into(),
    };
    match client.create_item(&new).await {
        Err(Error::Api {
            status: 409,
            body: CreateItemError::Conflict(problem),
            raw,
        }) => {
            assert_eq!(problem.message, "exists");
            assert_eq!(raw, r#"{"message":"exists"}"#);
        }
        other => panic!("{other:?}"),
    }
    match client.create_item(&new).await {
        Err(Error::Api {
            status: 400,
            body: CreateItemError::BadRequest(problem),
            ..
        }) => assert_eq!(problem.message, "bad name"),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn declared_5xx_is_decoded_after_retries_run_out() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(500).set_body_json(json!({"message": "down"})))
        .mount(&server)
        .await;
    let error = client(&server)
        .await
        .get_item("i1", None, None, None, None)
        .await
        .expect_err("500");
    assert!(
        matches!(&error, Error::Api { status: 500, body: GetItemError::InternalServerError(p), .. } if p.message == "down"),
        "{error:?}"
    );
    assert_eq!(
        requests(&server).await.len(),
        3,
        "one attempt and two retries (GET is idempotent)"
    );
}

#[tokio::test]
async fn undeclared_statuses_keep_status_and_snippet() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(418).set_body_string("short and stout"))
        .mount(&server)
        .await;
    let error = client(&server)
        .await
        .get_item("i1", None, None, None, None)
        .await
        .expect_err("418");
    match &error {
        Error::UnexpectedStatus {
            status: 418,
            snippet,
        } => assert_eq!(snippet, "short and stout"),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        error.to_string(),
        "the API answered with undeclared status 418: short and stout"
    );
}

#[tokio::test]
async fn malformed_bodies_are_decode_errors() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_string("{\"id\": 1"))
        .mount(&server)
        .await;
    let error = client(&server)
        .await
        .get_item("i1", None, None, None, None)
        .await
        .expect_err("bad JSON");
    match error {
        Error::Decode {
            status: 200,
            snippet,
            ..
        } => assert_eq!(snippet, "{\"id\": 1"),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn retry_after_is_honoured() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "1"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(item()))
        .mount(&server)
        .await;
    let started = Instant::now();
    client(&server)
        .await
        .get_item("i1", None, None, None, None)
        .await
        .expect("retried");
    assert!(
        started.elapsed() >= Duration::from_millis(950),
        "waited {:?}",
        started.elapsed()
    );
    assert_eq!(requests(&server).await.len(), 2);
}

#[tokio::test]
async fn retries_are_bounded_and_can_be_switched_off() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let error = client(&server)
        .await
        .delete_item("i1")
        .await
        .expect_err("always 503");
    assert!(matches!(error, Error::UnexpectedStatus { status: 503, .. }));
    assert_eq!(requests(&server).await.len(), 3);
    server.reset().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    client(&server)
        .await
        .without_retries()
        .delete_item("i1")
        .await
        .expect_err("503");
    assert_eq!(requests(&server).await.len(), 1);
}

#[tokio::test]
async fn post_is_not_retried_after_a_server_error() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(502))
        .mount(&server)
        .await;
    client(&server)
        .await
        .create_item(&NewItem {
            name: "widget".into(),
        })
        .await
        .expect_err("502");
    assert_eq!(
        requests(&server).await.len(),
        1,
        "a repeated POST could repeat its side effect"
    );
    server.reset().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(429))
        .mount(&server)
        .await;
    client(&server)
        .await
        .create_item(&NewItem {
            name: "widget".into(),
        })
        .await
        .expect_err("429");
    assert_eq!(
        requests(&server).await.len(),
        3,
        "429 says the request was not processed"
    );
}

#[tokio::test]
async fn a_slow_server_times_out() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(item())
                .set_delay(Duration::from_secs(3)),
        )
        .mount(&server)
        .await;
    let client = client(&server)
        .await
        .with_timeout(Duration::from_millis(200))
        .without_retries();
    let error = client
        .get_item("i1", None, None, None, None)
        .await
        .expect_err("timeout");
    assert!(matches!(error, Error::Timeout), "{error:?}");
}

#[tokio::test]
async fn invalid_requests_are_not_sent() {
    let server = MockServer::start().await;
    let client = client(&server).await;
    let error = client
        .create_item(&NewItem {
            name: String::new(),
        })
        .await
        .expect_err("empty name");
    match &error {
        Error::Validation(violations) => {
            let found: Vec<(&str, &str)> = violations
                .iter()
                .map(|v| (v.pointer.as_str(), v.keyword))
                .collect();
            assert_eq!(found, [("/name", "minLength")]);
        }
        other => panic!("{other:?}"),
    }
    let error = client
        .get_item("i1", None, None, Some(0), None)
        .await
        .expect_err("limit 0");
    assert!(
        error
            .to_string()
            .contains("/query/limit: must be at least 1, is 0 (minimum)"),
        "{error}"
    );
    assert!(
        requests(&server).await.is_empty(),
        "nothing may reach the server"
    );
}

#[tokio::test]
async fn connection_failures_are_transport_errors() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("port");
    let address = listener.local_addr().expect("address");
    drop(listener);
    let client = Client::new(format!("http://{address}"))
        .with_bearer("t")
        .with_retry_policy(fast_retries());
    let error = client
        .get_item("i1", None, None, None, None)
        .await
        .expect_err("nothing listens");
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
}

#[test]
fn the_default_base_url_is_the_first_server_and_debug_hides_credentials() {
    let client = Client::default().with_bearer("super-secret");
    assert_eq!(client.base_url(), "https://api.example.com/v1");
    let shown = format!("{client:?}");
    assert!(
        !shown.contains("super-secret") && shown.contains("<redacted>"),
        "{shown}"
    );
}

/// The methods are plain functions returning the runtime's `send`: the future must be
/// `Send`, so it can be spawned, and carry a refusal made when it was built.
#[tokio::test]
async fn call_futures_are_send_and_can_be_spawned() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/items/i1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(item()))
        .mount(&server)
        .await;
    let client = client(&server).await;
    let spawned = tokio::spawn(async move {
        let call = client.get_item("i1", None, None, None, None);
        fn is_send<F: Send>(future: F) -> F {
            future
        }
        is_send(call).await
    });
    let found = spawned.await.expect("joined").expect("ok");
    assert_eq!(found.id, "i1");

    // Built without credentials: refused when awaited, and nothing reaches the server.
    let anonymous = Client::new(server.uri());
    let call = anonymous.get_item("i1", None, None, None, None);
    assert_eq!(requests(&server).await.len(), 1);
    let error = call.await.expect_err("refused");
    assert!(
        matches!(error, Error::MissingCredentials { .. }),
        "{error:?}"
    );
    assert_eq!(requests(&server).await.len(), 1);
}
