//! The server runtime: parameter tables, bodies within the limit, and refusals.

use apigen_runtime::params::{
    BodyLimit, Explode, Incoming, ParamKind, ParamSpec, bearer_token, query_pairs,
};
use apigen_runtime::rejection::{Rejection, Renderer, insert_header, json, raw_response, reply};
use axum::body::Body;
use axum::http::{Request, StatusCode};

/// A request as a router with a 64-byte body limit hands it to a handler.
fn request(uri: &str, headers: &[(&str, &str)], body: Body) -> Request<Body> {
    let mut builder = Request::builder()
        .method("POST")
        .uri(uri)
        .extension(BodyLimit(64));
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body).expect("request")
}

const PARAMS: &[ParamSpec] = &[
    ParamSpec::query("limit", ParamKind::Integer),
    ParamSpec::query("tag", ParamKind::String)
        .optional()
        .array(Explode::Yes),
    ParamSpec::query("ids", ParamKind::Integer)
        .optional()
        .array(Explode::No),
    ParamSpec::header("x-flag", ParamKind::Boolean).optional(),
    ParamSpec::cookie("session", ParamKind::String).optional(),
];

#[tokio::test]
async fn parameters_are_read_as_their_table_says() {
    let headers = [("x-flag", "true"), ("cookie", "a=1; session=s%20x")];
    let incoming = Incoming::read(
        request(
            "/things?limit=10&tag=a&tag=b%20c&ids=1,2,3",
            &headers,
            Body::empty(),
        ),
        PARAMS,
    )
    .await
    .expect("read");
    assert_eq!(incoming.param::<i64>(0), Ok(10));
    assert_eq!(
        incoming.param::<Option<Vec<String>>>(1),
        Ok(Some(vec!["a".to_owned(), "b c".to_owned()]))
    );
    assert_eq!(
        incoming.param::<Option<Vec<i64>>>(2),
        Ok(Some(vec![1, 2, 3]))
    );
    assert_eq!(incoming.param::<Option<bool>>(3), Ok(Some(true)));
    assert_eq!(
        incoming.param::<Option<String>>(4),
        Ok(Some("s x".to_owned()))
    );
}

#[tokio::test]
async fn missing_and_malformed_parameters_answer_400() {
    let incoming = Incoming::read(request("/?tag=x", &[], Body::empty()), PARAMS)
        .await
        .expect("read");
    let missing = incoming.param::<i64>(0).expect_err("limit is required");
    assert_eq!(missing.status, StatusCode::BAD_REQUEST);
    assert_eq!(missing.detail, "the query parameter `limit` is required");
    assert_eq!(incoming.param::<Option<Vec<i64>>>(2), Ok(None));

    let incoming = Incoming::read(request("/?limit=ten&limit=2", &[], Body::empty()), PARAMS)
        .await
        .expect("read");
    let twice = incoming.param::<i64>(0).expect_err("given twice");
    assert!(
        twice.detail.contains("given more than once"),
        "{}",
        twice.detail
    );
    let incoming = Incoming::read(request("/?limit=ten", &[], Body::empty()), PARAMS)
        .await
        .expect("read");
    let malformed = incoming.param::<i64>(0).expect_err("not an integer");
    assert_eq!(malformed.status, StatusCode::BAD_REQUEST);
    assert_eq!(malformed.fallbacks, &[422]);
}

#[tokio::test]
async fn json_bodies_need_json_and_fit_the_limit() {
    let json = [("content-type", "application/json")];
    let mut incoming = Incoming::read(request("/", &json, Body::from("{\"a\":1}")), &[])
        .await
        .expect("read");
    let body: serde_json::Value = incoming.json_body().await.expect("parses");
    assert_eq!(body, serde_json::json!({"a": 1}));

    let text = [("content-type", "text/plain")];
    let mut incoming = Incoming::read(request("/", &text, Body::from("{}")), &[])
        .await
        .expect("read");
    let refused = incoming
        .json_body::<serde_json::Value>()
        .await
        .expect_err("not JSON");
    assert_eq!(refused.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);

    let mut incoming = Incoming::read(request("/", &json, Body::from("x".repeat(65))), &[])
        .await
        .expect("read");
    let refused = incoming
        .json_body::<serde_json::Value>()
        .await
        .expect_err("too large");
    assert_eq!(refused.status, StatusCode::PAYLOAD_TOO_LARGE);

    let mut incoming = Incoming::read(request("/", &json, Body::empty()), &[])
        .await
        .expect("read");
    assert_eq!(
        incoming.optional_json_body::<serde_json::Value>().await,
        Ok(None)
    );
}

#[tokio::test]
async fn a_declared_length_past_the_limit_is_refused_before_buffering() {
    // `Content-Length` says more than the limit: the body is drained unread, then 413.
    let headers = [
        ("content-type", "application/json"),
        ("content-length", "10000000"),
    ];
    let mut incoming = Incoming::read(request("/", &headers, Body::from("{}")), &[])
        .await
        .expect("read");
    let refused = incoming
        .json_body::<serde_json::Value>()
        .await
        .expect_err("too large");
    assert_eq!(refused.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(refused.detail, "the limit is 64 bytes");
}

#[tokio::test]
async fn raw_bodies_check_their_media_type() {
    let png = [("content-type", "image/png")];
    let mut incoming = Incoming::read(request("/", &png, Body::from("PNG")), &[])
        .await
        .expect("read");
    assert_eq!(incoming.raw_body("image/*").await, Ok(b"PNG".to_vec()));
    let mut incoming = Incoming::read(request("/", &png, Body::from("PNG")), &[])
        .await
        .expect("read");
    let refused = incoming
        .raw_body("application/pdf")
        .await
        .expect_err("another type");
    assert_eq!(refused.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
}

#[test]
fn refusals_say_what_http_says() {
    let unauthorized = Rejection::unauthorized("Bearer".to_owned(), "`bearerAuth`");
    let response = unauthorized.problem();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(response.headers()["www-authenticate"], "Bearer");
    // 401, 413 and 415 are not traded for a documented status.
    let settled = unauthorized.settle(&[200, 400], false);
    assert_eq!(settled.status, StatusCode::UNAUTHORIZED);
    let too_large = Rejection::new(StatusCode::PAYLOAD_TOO_LARGE, "Too large", "x");
    assert_eq!(
        too_large.settle(&[200, 400], false).status,
        StatusCode::PAYLOAD_TOO_LARGE
    );
    // A parse failure answers with the documented 422 when 400 is not documented.
    let parse = Rejection::new(StatusCode::BAD_REQUEST, "Bad", "x");
    assert_eq!(
        parse.settle(&[200, 422], false).status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
}

#[test]
fn rejections_answer_in_the_declared_schema_for_their_status() {
    fn declared(rejection: &Rejection) -> apigen_runtime::rejection::Response {
        rejection.respond(&serde_json::json!({"error": rejection.message()}))
    }
    const RENDERERS: &[(StatusCode, Renderer)] = &[(StatusCode::NOT_FOUND, declared)];
    let not_found = Rejection::new(StatusCode::NOT_FOUND, "No such thing", "id 7");
    let response = not_found.answer(RENDERERS);
    assert_eq!(response.headers()["content-type"], "application/json");
    // Another status has no declared schema: problem+json.
    let bad = Rejection::new(StatusCode::BAD_REQUEST, "Bad", "x");
    let response = bad.answer(RENDERERS);
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
}

#[test]
fn responses_carry_their_media_type_and_headers() {
    let text = raw_response(StatusCode::OK, "text/plain", String::from("hello"));
    assert_eq!(text.headers()["content-type"], "text/plain");
    let bytes = raw_response(StatusCode::CREATED, "image/png", b"PNG".to_vec());
    assert_eq!(bytes.status(), StatusCode::CREATED);
    let mut response = json(StatusCode::OK, &serde_json::json!([]));
    insert_header(
        &mut response,
        "link",
        Some(&"<https://x/?page=2>; rel=\"next\""),
    );
    insert_header(&mut response, "x-rate-limit", Some(&42));
    insert_header::<String>(&mut response, "x-absent", None);
    // A value that cannot be a header is left out.
    insert_header(&mut response, "x-bad", Some(&"a\nb"));
    assert_eq!(
        response.headers()["link"],
        "<https://x/?page=2>; rel=\"next\""
    );
    assert_eq!(response.headers()["x-rate-limit"], "42");
    assert!(!response.headers().contains_key("x-absent"));
    assert!(!response.headers().contains_key("x-bad"));
}

#[test]
fn credentials_and_queries_decode() {
    let mut headers = axum::http::HeaderMap::new();
    headers.insert("authorization", "bearer  tok ".parse().expect("value"));
    assert_eq!(bearer_token(&headers), Some("tok".to_owned()));
    headers.insert("authorization", "Bearer ".parse().expect("value"));
    assert_eq!(bearer_token(&headers), None);
    assert_eq!(
        query_pairs(Some("a=1&b=x+y&c=%E2%9C%93&&d")),
        vec![
            ("a".to_owned(), "1".to_owned()),
            ("b".to_owned(), "x y".to_owned()),
            ("c".to_owned(), "✓".to_owned()),
            ("d".to_owned(), String::new()),
        ]
    );
}

/// `reply` is a handler's last line: the reply as it is, or the rejection settled to a
/// documented status and rendered in the schema declared for it.
#[test]
fn reply_answers_the_reply_or_the_settled_rejection() {
    fn declared(rejection: &Rejection) -> apigen_runtime::rejection::Response {
        rejection.respond(&serde_json::json!({"error": rejection.message()}))
    }
    const RENDERERS: &[(StatusCode, Renderer)] = &[(StatusCode::UNPROCESSABLE_ENTITY, declared)];
    let ok: Result<StatusCode, Rejection> = Ok(StatusCode::CREATED);
    assert_eq!(reply(ok, &[201], false, &[]).status(), StatusCode::CREATED);
    // A parse failure (400) takes the documented 422, in the declared schema.
    let bad: Result<StatusCode, Rejection> =
        Err(Rejection::new(StatusCode::BAD_REQUEST, "Bad", "x"));
    let response = reply(bad, &[201, 422], false, RENDERERS);
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(response.headers()["content-type"], "application/json");
    // Without renderers: problem+json, status unchanged when nothing fits better.
    let missing: Result<StatusCode, Rejection> =
        Err(Rejection::new(StatusCode::NOT_FOUND, "No such thing", "x"));
    let response = reply(missing, &[201], false, &[]);
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
}
