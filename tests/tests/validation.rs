//! The generated `Validate` impls: every keyword, its edge cases, JSON pointers, and all
//! violations reported at once.

use serde_json::json;
use validation_keywords::types::{Everything, SizedType};
use validation_keywords::validate::Validate;

/// `(pointer, keyword)` of every violation of `value` read as `T`.
fn violations<T>(value: serde_json::Value) -> Vec<(String, &'static str)>
where
    T: serde::de::DeserializeOwned + Validate,
{
    let typed: T = serde_json::from_value(value.clone())
        .unwrap_or_else(|e| panic!("{value} does not deserialise: {e}"));
    match typed.validate() {
        Ok(()) => Vec::new(),
        Err(all) => all.iter().map(|v| (v.pointer.clone(), v.keyword)).collect(),
    }
}

fn everything(value: serde_json::Value) -> Vec<(String, &'static str)> {
    violations::<Everything>(value)
}

fn one(pointer: &str, keyword: &'static str) -> Vec<(String, &'static str)> {
    vec![(pointer.to_owned(), keyword)]
}

#[test]
fn lengths_count_code_points_not_bytes() {
    assert_eq!(everything(json!({"name": "ab"})), []);
    assert_eq!(
        everything(json!({"name": "é"})),
        one("/name", "minLength"),
        "one code point, two bytes"
    );
    assert_eq!(everything(json!({"name": "éé"})), []);
    assert_eq!(
        everything(json!({"name": "😀😀😀😀"})),
        [],
        "four code points, sixteen bytes"
    );
    assert_eq!(
        everything(json!({"name": "😀😀😀😀😀"})),
        one("/name", "maxLength")
    );
    assert_eq!(everything(json!({"name": ""})), one("/name", "minLength"));
    assert_eq!(
        everything(json!({"tags": [""]})),
        one("/tags/0", "minLength")
    );
}

#[test]
fn patterns_are_unanchored_regexes() {
    assert_eq!(everything(json!({"code": "ABC"})), []);
    assert_eq!(everything(json!({"code": "ABCD"})), one("/code", "pattern"));
    assert_eq!(everything(json!({"code": "abc"})), one("/code", "pattern"));
    assert_eq!(
        everything(json!({"loose": "xbbx"})),
        [],
        "`b+` matches anywhere"
    );
    assert_eq!(everything(json!({"loose": ""})), one("/loose", "pattern"));
}

#[test]
fn a_large_bound_at_an_open_end_is_checked_and_reported_as_written() {
    assert_eq!(everything(json!({"note": " x "})), []);
    let long = "y".repeat(10_000);
    assert_eq!(
        everything(json!({"note": long})),
        [],
        "any 1 to 8192 of them match"
    );
    let typed: Everything = serde_json::from_value(json!({"note": "  \t"})).expect("reads");
    let refused = typed.validate().expect_err("no non-space character");
    let violation = refused.iter().next().expect("one");
    assert_eq!(
        (violation.pointer.as_str(), violation.keyword),
        ("/note", "pattern")
    );
    assert!(
        violation.message.contains(r"`\S{1,8192}`"),
        "{}",
        violation.message
    );
}

#[test]
fn inclusive_and_exclusive_bounds() {
    assert_eq!(everything(json!({"count": 1})), []);
    assert_eq!(everything(json!({"count": 10})), []);
    assert_eq!(everything(json!({"count": 0})), one("/count", "minimum"));
    assert_eq!(everything(json!({"count": 11})), one("/count", "maximum"));
    assert_eq!(
        everything(json!({"ratio": 0.0})),
        one("/ratio", "exclusiveMinimum")
    );
    assert_eq!(
        everything(json!({"ratio": 1.0})),
        one("/ratio", "exclusiveMaximum")
    );
    assert_eq!(everything(json!({"ratio": 1e-12})), []);
    assert_eq!(everything(json!({"ratio": 0.999_999_999_999})), []);
}

#[test]
fn integer_bounds_are_exact_beyond_two_to_the_53() {
    assert_eq!(everything(json!({"big": 9_007_199_254_740_993_i64})), []);
    assert_eq!(
        everything(json!({"big": 9_007_199_254_740_994_i64})),
        one("/big", "maximum")
    );
}

#[test]
fn multiple_of_is_exact_for_decimals() {
    for ok in [19.99, 0.07, 0.3, 100.0, 0.0, -2.5] {
        assert_eq!(everything(json!({"price": ok})), [], "{ok}");
    }
    for bad in [1.005, 0.001, 19.999] {
        assert_eq!(
            everything(json!({"price": bad})),
            one("/price", "multipleOf"),
            "{bad}"
        );
    }
    assert_eq!(everything(json!({"step": 15})), []);
    assert_eq!(everything(json!({"step": 7})), one("/step", "multipleOf"));
}

#[test]
fn arrays() {
    assert_eq!(everything(json!({"tags": ["a", "b", "c"]})), []);
    assert_eq!(everything(json!({"tags": []})), one("/tags", "minItems"));
    assert_eq!(
        everything(json!({"tags": ["a", "b", "c", "d"]})),
        one("/tags", "maxItems")
    );
    assert_eq!(
        everything(json!({"tags": ["a", "a"]})),
        one("/tags", "uniqueItems")
    );
}

#[test]
fn maps_and_objects() {
    assert_eq!(everything(json!({"labels": {"k": "v"}})), []);
    assert_eq!(
        everything(json!({"labels": {}})),
        one("/labels", "minProperties")
    );
    assert_eq!(
        everything(json!({"labels": {"a": "1", "b": "2", "c": "3"}})),
        one("/labels", "maxProperties")
    );
    assert_eq!(
        everything(json!({"labels": {"k": "long"}})),
        one("/labels/k", "maxLength")
    );
    assert_eq!(violations::<SizedType>(json!({})), one("", "minProperties"));
    assert_eq!(
        violations::<SizedType>(json!({"a": "1", "b": "2", "c": "3"})),
        one("", "maxProperties")
    );
    assert_eq!(violations::<SizedType>(json!({"a": "1"})), []);
}

#[test]
fn enum_and_const() {
    assert_eq!(everything(json!({"kind": "widget"})), []);
    assert_eq!(everything(json!({"kind": "gadget"})), one("/kind", "const"));
    assert_eq!(everything(json!({"level": 2})), []);
    assert_eq!(
        everything(json!({"level": 2.0})),
        [],
        "2.0 equals 2 in JSON Schema"
    );
    assert_eq!(everything(json!({"level": 4})), one("/level", "enum"));
    assert_eq!(everything(json!({"colour": "red"})), []);
    assert_eq!(
        everything(json!({"colour": "blue"})),
        one("/colour", "enum"),
        "the catch-all is a violation"
    );
}

#[test]
fn formats() {
    let valid = json!({
        "site": "https://example.com/a?b=c#d", "mail": "ops@example.com", "host": "api.example.com",
        "v4": "192.168.0.1", "v6": "2001:db8::1", "when": "2026-05-02T12:00:00Z", "day": "2026-05-02",
        "id": "550e8400-e29b-41d4-a716-446655440000"
    });
    assert_eq!(everything(valid), []);
    assert_eq!(
        everything(json!({"site": "not a uri"})),
        one("/site", "format")
    );
    assert_eq!(
        everything(json!({"mail": "no-at-sign"})),
        one("/mail", "format")
    );
    assert_eq!(
        everything(json!({"host": "-bad-.example"})),
        one("/host", "format")
    );
    assert_eq!(everything(json!({"v4": "256.1.1.1"})), one("/v4", "format"));
    assert_eq!(
        everything(json!({"v6": "2001:db8:::1"})),
        one("/v6", "format")
    );
    let typed_formats_reject_on_deserialisation =
        serde_json::from_value::<Everything>(json!({"day": "2026-02-30"}));
    assert!(typed_formats_reject_on_deserialisation.is_err());
}

#[test]
fn pointers_escape_tilde_and_slash() {
    let value = json!({"nested": [{"a/b": "too long"}, {"m~n": -1}]});
    assert_eq!(
        everything(value),
        [
            ("/nested/0/a~1b".to_owned(), "maxLength"),
            ("/nested/1/m~0n".to_owned(), "minimum")
        ]
    );
}

#[test]
fn nullable_values_are_checked_only_when_present() {
    assert_eq!(everything(json!({"maybe": null})), []);
    assert_eq!(
        everything(json!({"maybe": "ab"})),
        one("/maybe", "minLength")
    );
}

#[test]
fn untyped_values_get_the_checks_for_their_json_type() {
    assert_eq!(
        everything(json!({"anything": "abc"})),
        one("/anything", "maxLength")
    );
    assert_eq!(
        everything(json!({"anything": 4})),
        one("/anything", "minimum")
    );
    assert_eq!(
        everything(json!({"anything": []})),
        one("/anything", "minItems")
    );
    assert_eq!(
        everything(json!({"anything": {}})),
        one("/anything", "minProperties")
    );
    assert_eq!(everything(json!({"anything": true})), []);
    assert_eq!(everything(json!({"anything": "ab"})), []);
}

#[test]
fn every_violation_is_reported_at_once() {
    let value = json!({
        "name": "x", "code": "nope", "count": 0, "tags": [], "kind": "gadget", "colour": "blue",
        "site": "::", "nested": [{"a/b": "xx"}]
    });
    let found = everything(value);
    assert_eq!(found.len(), 8, "{found:?}");
    let typed: Everything =
        serde_json::from_value(json!({"name": "x", "count": 0})).expect("deserialises");
    let message = typed.validate().expect_err("invalid").to_string();
    assert_eq!(
        message,
        "2 violations; /name: must be at least 2 characters long, is 1 (minLength); /count: must be at least 1, is 0 (minimum)"
    );
}

#[test]
fn openapi_30_boolean_exclusive_bounds() {
    use validation_openapi_30::types::Bounds;
    use validation_openapi_30::validate::Validate as _;
    let check = |value: serde_json::Value| -> Vec<&'static str> {
        let bounds: Bounds = serde_json::from_value(value).expect("deserialises");
        bounds.validate().map_or_else(
            |all| all.iter().map(|v| v.keyword).collect(),
            |()| Vec::new(),
        )
    };
    assert_eq!(check(json!({"open": 0.0})), ["exclusiveMinimum"]);
    assert_eq!(check(json!({"open": 1.0})), ["exclusiveMaximum"]);
    assert_eq!(check(json!({"open": 0.5})), Vec::<&str>::new());
    assert_eq!(
        check(json!({"closed": 0.0, "score": null})),
        Vec::<&str>::new()
    );
    assert_eq!(check(json!({"score": 0})), ["minimum"]);
}

#[test]
fn anchorbrowser_rejects_everything_its_docs_forbid_in_one_result() {
    use anchorbrowser::types::WebhookCreateRequest;
    use anchorbrowser::validate::Validate as _;
    let request: WebhookCreateRequest = serde_json::from_value(json!({
        "url": format!("https://example.com/{}", "a".repeat(2048)),
        "description": "d".repeat(257),
        "subscribed_events": ["task.completed", "task.exploded"]
    }))
    .expect("unknown event types deserialise (clients keep working)");
    let all = request.validate().expect_err("invalid");
    let found: Vec<(&str, &str)> = all
        .iter()
        .map(|v| (v.pointer.as_str(), v.keyword))
        .collect();
    assert_eq!(
        found,
        [
            ("/url", "maxLength"),
            ("/description", "maxLength"),
            ("/subscribed_events/1", "enum")
        ]
    );
    let empty: WebhookCreateRequest = serde_json::from_value(json!({
        "url": format!("https://example.com/{}", "a".repeat(2048)),
        "description": "d".repeat(257),
        "subscribed_events": []
    }))
    .expect("deserialises");
    let all = empty.validate().expect_err("invalid");
    let found: Vec<(&str, &str)> = all
        .iter()
        .map(|v| (v.pointer.as_str(), v.keyword))
        .collect();
    assert_eq!(
        found,
        [
            ("/url", "maxLength"),
            ("/description", "maxLength"),
            ("/subscribed_events", "minItems")
        ]
    );
    let message = all.to_string();
    assert!(
        message.contains("/subscribed_events: must have at least 1 items, has 0 (minItems)"),
        "{message}"
    );
}

#[test]
fn provider_doc_examples_are_valid() {
    use anchorbrowser::validate::Validate as _;
    let dir = apigen_tests::root().join("tests/fixtures/provider-examples");
    for name in [
        "createWebhook.request.taskLifecycle.json",
        "createWebhook.request.slackForwarder.json",
    ] {
        let text = std::fs::read_to_string(dir.join("anchorbrowser").join(name)).expect("fixture");
        let request: anchorbrowser::types::WebhookCreateRequest =
            serde_json::from_str(&text).expect("deserialises");
        assert_eq!(request.validate(), Ok(()), "{name}");
    }
    let text =
        std::fs::read_to_string(dir.join("mynd/createWebhook.request.json")).expect("fixture");
    let request: mynd::types::CreateWebhookRequest =
        serde_json::from_str(&text).expect("deserialises");
    assert_eq!(mynd::validate::Validate::validate(&request), Ok(()));
    let text =
        std::fs::read_to_string(dir.join("encrata/createWebhook.request.json")).expect("fixture");
    let request: encrata::types::CreateWebhookRequest =
        serde_json::from_str(&text).expect("deserialises");
    assert_eq!(encrata::validate::Validate::validate(&request), Ok(()));
}
