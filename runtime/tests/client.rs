//! The client runtime against a loopback server that echoes what it received: query
//! encoding, headers, cookies, optional values and validation errors.

use apigen_runtime::transport::{Error, Request, Transport, encode_component, execute};
use apigen_runtime::validation::{IN_QUERY, Violation};
use axum::http::HeaderMap;

/// Serves an echo of the request line's query, and the `x-*` and cookie headers.
async fn echo() -> String {
    async fn answer(uri: axum::http::Uri, headers: HeaderMap) -> String {
        let header = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("-")
                .to_owned()
        };
        format!(
            "{}|{}|{}",
            uri.query().unwrap_or(""),
            header("x-trace"),
            header("cookie")
        )
    }
    let router = axum::Router::new().route("/echo", axum::routing::get(answer));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("address");
    tokio::spawn(async move { axum::serve(listener, router).await.expect("serve") });
    format!("http://{addr}")
}

#[tokio::test]
async fn parameters_are_encoded_and_none_is_left_out() {
    let transport = Transport::new(&echo().await);
    let mut request = Request::new(reqwest::Method::GET, "/echo".to_owned());
    request.query("tag", &["a", "b c"], true);
    request.query("ids", &[1, 2], false);
    request.query("limit", &None::<i64>, true);
    request.query("q", &Some("x&y"), true);
    request.header("x-trace", &Some(7));
    request.header("x-absent", &None::<&str>);
    request.cookie("session", &"s 1");
    let response = execute::<()>(&transport, request).await.expect("sent");
    assert_eq!(
        response.text(),
        "tag=a&tag=b+c&ids=1%2C2&q=x%26y|7|session=s%201"
    );
}

#[test]
fn path_segments_stay_one_segment() {
    assert_eq!(encode_component("a/b c?✓"), "a%2Fb%20c%3F%E2%9C%93");
    assert_eq!(encode_component("A-z_0.~"), "A-z_0.~");
}

/// A transport whose every attempt would fail to connect: a refused request must not get
/// as far as trying.
fn nowhere() -> Transport {
    let mut transport = Transport::new("http://127.0.0.1:9");
    transport.retry = apigen_runtime::transport::RetryPolicy::none();
    transport
}

#[tokio::test]
async fn violations_become_a_validation_error_and_nothing_is_sent() {
    let mut request = Request::new(reqwest::Method::GET, "/echo");
    request.check(Vec::new());
    let path = IN_QUERY.key("limit");
    request.check(vec![Violation::new(&path, "maximum", "too big")]);
    match execute::<()>(&nowhere(), request).await {
        Err(Error::Validation(violations)) => {
            let pointers: Vec<_> = violations.iter().map(|v| v.pointer.clone()).collect();
            assert_eq!(pointers, ["/query/limit"]);
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[tokio::test]
async fn the_first_refusal_is_the_one_returned() {
    let mut request = Request::new(reqwest::Method::POST, "/echo");
    let path = IN_QUERY.key("limit");
    request.check(vec![Violation::new(&path, "maximum", "too big")]);
    request.missing_credentials("`bearer`");
    let error = execute::<()>(&nowhere(), request)
        .await
        .expect_err("refused");
    assert!(matches!(error, Error::Validation(_)), "{error:?}");

    let mut request = Request::new(reqwest::Method::POST, "/echo");
    request.missing_credentials("`bearer`");
    request.check(vec![Violation::new(&path, "maximum", "too big")]);
    let error = execute::<()>(&nowhere(), request)
        .await
        .expect_err("refused");
    assert!(
        matches!(error, Error::MissingCredentials { needed: "`bearer`" }),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_body_that_cannot_be_serialised_is_an_invalid_request() {
    let mut request = Request::new(reqwest::Method::POST, "/echo");
    // JSON object keys are strings: a map keyed by arrays has no JSON form.
    let body = std::collections::BTreeMap::from([(vec![1_u8], 1_u8)]);
    request.json(&body);
    match execute::<()>(&nowhere(), request).await {
        Err(Error::InvalidRequest(message)) => {
            assert!(
                message.starts_with("cannot serialise the body"),
                "{message}"
            );
        }
        other => panic!("expected an invalid request, got {other:?}"),
    }
}

#[tokio::test]
async fn send_hands_the_response_to_decode() {
    let transport = Transport::new(&echo().await);
    let mut request = Request::new(reqwest::Method::GET, "/echo");
    request.query("q", &"1", true);
    let decoded = apigen_runtime::transport::send::<_, ()>(&transport, request, |response| {
        Ok((response.status, response.text()))
    })
    .await
    .expect("sent");
    assert_eq!(decoded, (200, "q=1|-|-".to_owned()));
}
