//! The tolerance fixtures behave as their warnings say: patterns on either engine check
//! what ECMA-262 means, null-only members read as nullable, overrides take the later
//! definition, and a required nullable body is sent as `null`.

use apigen_hostile::*;
use serde_json::json;

fn keywords(violations: Result<(), patterns_ecma::validate::Violations>) -> Vec<String> {
    match violations {
        Ok(()) => Vec::new(),
        Err(v) => v
            .iter()
            .map(|v| format!("{} {}", v.pointer, v.keyword))
            .collect(),
    }
}

#[test]
fn ecma_patterns_check_what_they_mean() {
    use patterns_ecma::types::Identifiers;
    use patterns_ecma::validate::Validate as _;
    let valid = Identifiers {
        function_name: Some("my-function_1".into()),
        tag_key: Some("team".into()),
        doubled: Some("aa".into()),
        carrier: Some("[AB12".into()),
        long: Some("anything".into()),
        hex: Some("not hex, and not checked".into()),
    };
    assert_eq!(keywords(valid.validate()), Vec::<String>::new());
    // Patterns are not anchored: lambda's look-ahead holds only at the start, and from the
    // second digit on the rest matches, so digits alone pass, as in ECMA-262.
    let digits = Identifiers {
        function_name: Some("12345".into()),
        ..valid.clone()
    };
    assert_eq!(keywords(digits.validate()), Vec::<String>::new());
    let invalid = Identifiers {
        // An anchored look-ahead: the reserved prefix is refused.
        tag_key: Some("aws:team".into()),
        // Backreference: two different characters are refused.
        doubled: Some("ab".into()),
        // `[` is a literal inside the class, and nothing else in `..` is in it.
        carrier: Some("..".into()),
        ..valid
    };
    assert_eq!(
        keywords(invalid.validate()),
        ["/tag_key pattern", "/doubled pattern", "/carrier pattern"]
    );
}

#[test]
fn a_null_only_member_makes_the_rest_nullable() {
    use allof_null_member::Nullable;
    use allof_null_member::types::Bill;
    let bill: Bill = serde_json::from_value(json!({"currency": null, "topics": ["a", null]}))
        .expect("null is a value here");
    assert_eq!(bill.currency, Nullable::Null);
    assert_eq!(bill.topics, Some(vec![Some("a".to_owned()), None]));
    let bill: Bill = serde_json::from_value(json!({"currency": "EUR"})).expect("a currency");
    assert_eq!(bill.currency, Nullable::Value("EUR".to_owned()));
}

#[test]
fn an_override_takes_the_later_definition() {
    use allof_property_override::types::AlreadyConfirmed;
    let value = json!({"status": "already_confirmed"});
    let typed: AlreadyConfirmed = serde_json::from_value(value.clone()).expect("deserialises");
    assert_eq!(serde_json::to_value(&typed).expect("serialises"), value);
}

#[test]
fn number_and_integer_is_an_integer() {
    use allof_number_and_integer::types::WorkflowRun;
    let run: WorkflowRun = serde_json::from_value(json!({"run_id": 7})).expect("integer");
    assert_eq!(run.run_id, 7);
    assert!(serde_json::from_value::<WorkflowRun>(json!({"run_id": 7.5})).is_err());
}

#[test]
fn a_required_nullable_body_is_sent_as_null() {
    use required_nullable_body::client::Client;
    use required_nullable_body::types::GistsUpdateRequest;
    // Validation happens before anything is sent, so no server is needed to see a `Some`
    // body checked; `None` passes validation and would be sent as `null`.
    let client = Client::new("http://127.0.0.1:9");
    let long = GistsUpdateRequest {
        description: Some("x".repeat(300)),
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let refused = runtime.block_on(client.gists_update("1", Some(&long)));
    assert!(
        matches!(
            refused,
            Err(required_nullable_body::client::Error::Validation(_))
        ),
        "{refused:?}"
    );
}

/// The security plan of `security_and_styles.yaml`: scheme names that meet once converted
/// stay apart, every alternative is tried, an undeclared scheme's alternative is dropped,
/// `{}` makes credentials optional, and a header array is split on commas.
#[tokio::test]
async fn security_alternatives_and_header_arrays() {
    use security_and_styles::mock::Mock;
    use security_and_styles::server::router;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("address");
    tokio::spawn(async move {
        axum::serve(listener, router(Mock::locked("k1")))
            .await
            .expect("serve")
    });
    let http = reqwest::Client::new();
    let get = |query: &str| http.get(format!("http://{addr}/things/7{query}"));

    let refused = get("").send().await.expect("sent");
    assert_eq!(refused.status(), 401);
    assert_eq!(
        refused.headers()["www-authenticate"],
        "ApiKey in=\"query\", name=\"key\", ApiKey in=\"cookie\", name=\"session\", Bearer"
    );
    // The first alternative: an API key in the query.
    assert_eq!(get("?key=k1").send().await.expect("sent").status(), 200);
    assert_eq!(get("?key=k2").send().await.expect("sent").status(), 401);
    // The second needs both the cookie and the bearer token.
    let cookie_only = get("").header("cookie", "session=k1").send().await;
    assert_eq!(cookie_only.expect("sent").status(), 401);
    let both = get("")
        .header("cookie", "session=k1")
        .header("authorization", "Bearer k1")
        .header("tags", "a,b")
        .send()
        .await
        .expect("sent");
    assert_eq!(both.status(), 200);
    // `{}`: no credentials needed at all.
    let deleted = http
        .delete(format!("http://{addr}/things/7"))
        .send()
        .await
        .expect("sent");
    assert_eq!(deleted.status(), 204);
}

#[test]
fn scheme_names_that_meet_stay_apart() {
    use security_and_styles::server::Scheme;
    assert_eq!(Scheme::X1.key(), "x_1");
    assert_eq!(Scheme::X1_2.key(), "x1");
    assert_eq!(Scheme::SelfType.key(), "Self");
}

/// The mock answers the spec's own examples (reached through `$ref`), written as struct
/// literals: served over HTTP they are the example JSON again, key for key; a list keeps
/// its two different items; an example that is not a value of its type is replaced.
#[tokio::test]
async fn the_mock_answers_the_examples_it_was_given() {
    use mock_examples::{client::Client, mock::Mock, server::router};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("address");
    tokio::spawn(async move {
        axum::serve(listener, router(Mock::default()))
            .await
            .expect("serve")
    });
    let base = format!("http://{addr}");
    let text = reqwest::get(format!("{base}/matches/2026_f1"))
        .await
        .expect("sent")
        .text()
        .await
        .expect("body");
    let raw: serde_json::Value = serde_json::from_str(&text).expect("json");
    assert_eq!(
        raw,
        json!({"key": "2026_f1", "number": 1, "played_at": "2026-04-01T18:30:00Z",
               "day": "2026-04-01", "note": null, "scores": {"blue": 98, "red": 120},
               "raw": {"video": [1, 2]}, "winner": {"kind": "team", "team": "frc254"}})
    );
    let client = Client::new(base).without_retries();
    let matches = client.list_matches().await.expect("listed");
    assert_eq!(matches.len(), 2);
    assert_eq!(matches[1].key, "2026_f2");
    assert_eq!(
        matches[1].played_at.to_rfc3339(),
        "2026-04-01T17:00:00+00:00",
        "the offset is kept"
    );
    assert!(matches!(
        matches[1].winner,
        mock_examples::types::Outcome::Tie(_)
    ));
    let session = client.get_session("s").await.expect("session");
    assert_eq!(session.token.0, b"hello");
    assert_eq!(
        session.id.to_string(),
        "00000000-0000-4000-8000-000000000000",
        "derived: the example's id is not a UUID"
    );
}
