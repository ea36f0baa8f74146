//! One fixture spec per mapping rule of DESIGN section 5 (`tests/fixtures/rules/<rule>.yaml`),
//! generated into a crate (`tests/generated/<rule>/`) that these tests compile and run.

use serde_json::json;

fn round_trip<T>(value: serde_json::Value) -> T
where
    T: serde::de::DeserializeOwned + serde::Serialize,
{
    let typed: T = serde_json::from_value(value.clone())
        .unwrap_or_else(|e| panic!("{value} does not deserialise: {e}"));
    assert_eq!(
        serde_json::to_value(&typed).expect("serialises"),
        value,
        "round trip changed the JSON"
    );
    typed
}

fn rejects<T: serde::de::DeserializeOwned + std::fmt::Debug>(value: serde_json::Value) -> String {
    match serde_json::from_value::<T>(value.clone()) {
        Ok(v) => panic!("{value} should be rejected, got {v:?}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn required_not_nullable() {
    use required_not_nullable::types::Thing;
    let thing: Thing = round_trip(json!({"name": "a", "count": 3}));
    assert_eq!((thing.name.as_str(), thing.count), ("a", 3));
    assert!(rejects::<Thing>(json!({"count": 3})).contains("missing field `name`"));
    assert!(rejects::<Thing>(json!({"name": null, "count": 3})).contains("invalid type: null"));
}

#[test]
fn required_nullable() {
    use required_nullable::types::Thing;
    let thing: Thing = round_trip(json!({"type_array": null, "nullable_keyword": null}));
    assert_eq!(thing.type_array, None);
    let thing: Thing = round_trip(json!({"type_array": "x", "nullable_keyword": "y"}));
    assert_eq!(thing.nullable_keyword.as_deref(), Some("y"));
    assert!(
        rejects::<Thing>(json!({"nullable_keyword": null})).contains("missing field `type_array`")
    );
    assert!(
        rejects::<Thing>(json!({"type_array": null})).contains("missing field `nullable_keyword`")
    );
}

#[test]
fn nullable_openapi_30() {
    use nullable_openapi_30::Nullable;
    use nullable_openapi_30::types::Thing;
    let thing: Thing = round_trip(json!({"required_nullable": null}));
    assert_eq!(thing.optional_nullable, Nullable::Absent);
    let thing: Thing = round_trip(json!({"required_nullable": 1, "optional_nullable": null}));
    assert_eq!(
        (thing.required_nullable, thing.optional_nullable),
        (Some(1), Nullable::Null)
    );
    assert!(rejects::<Thing>(json!({})).contains("missing field `required_nullable`"));
}

#[test]
fn optional_not_nullable() {
    use optional_not_nullable::types::Thing;
    let empty: Thing = round_trip(json!({}));
    assert_eq!(empty, Thing::default());
    assert_eq!(
        serde_json::to_value(&empty).expect("serialises"),
        json!({}),
        "None fields are omitted"
    );
    let kept: Thing = round_trip(json!({"tags": []}));
    assert_eq!(
        kept.tags,
        Some(vec![]),
        "an explicit empty array is kept, not dropped"
    );
    // The schema does not allow `null`; a plain `Option` would take it as "absent"
    // (found by schemathesis's negative-data check against a mock server).
    assert!(rejects::<Thing>(json!({"tags": null})).contains("invalid type: null"));
}

#[test]
fn optional_nullable() {
    use optional_nullable::Nullable;
    use optional_nullable::types::WebhookPatch;
    let absent: WebhookPatch = round_trip(json!({}));
    assert_eq!(absent.description, Nullable::Absent);
    let cleared: WebhookPatch = round_trip(json!({"description": null}));
    assert_eq!(cleared.description, Nullable::Null);
    let set: WebhookPatch = round_trip(json!({"description": "new"}));
    assert_eq!(set.description, Nullable::Value("new".to_owned()));
}

#[test]
fn type_array_without_null() {
    use type_array_without_null::types::{Identifier, Thing, ThingAmount};
    let thing: Thing = round_trip(json!({"id": 7, "amount": 1.5}));
    assert_eq!(thing.id, Identifier::Integer(7));
    assert_eq!(
        thing.amount,
        type_array_without_null::Nullable::Value(ThingAmount::Number(1.5))
    );
    let thing: Thing = round_trip(json!({"id": "seven", "amount": 2}));
    assert_eq!(thing.id, Identifier::String("seven".to_owned()));
    assert_eq!(
        thing.amount,
        type_array_without_null::Nullable::Value(ThingAmount::Integer(2)),
        "integer before number"
    );
    round_trip::<Thing>(json!({"id": "x", "amount": null}));
    rejects::<Thing>(json!({"id": true}));
}

#[test]
fn allof_merge() {
    use allof_merge::types::Extended;
    let merged: Extended = round_trip(json!({"id": "1", "name": "n", "note": "x"}));
    assert_eq!((merged.id.as_str(), merged.name.as_str()), ("1", "n"));
    assert!(rejects::<Extended>(json!({"id": "1"})).contains("missing field `name`"));
    assert!(rejects::<Extended>(json!({"name": "n"})).contains("missing field `id`"));
}

#[test]
fn allof_ref_annotations() {
    use allof_ref_annotations::types::{Document, User};
    let doc: Document = round_trip(json!({"owner": {"name": "ada"}, "editor": null}));
    let owner: &User = &doc.owner;
    assert_eq!(owner.name, "ada");
    assert_eq!(doc.editor, allof_ref_annotations::Nullable::Null);
}

#[test]
fn oneof_discriminator() {
    use oneof_discriminator::types::{Cat, Dog, Pet};
    let cat: Pet = round_trip(json!({"petType": "cat", "meows": true}));
    assert!(matches!(cat, Pet::Cat(Cat { meows: true, .. })));
    let dog: Pet = round_trip(json!({"petType": "Dog", "barks": false}));
    assert!(
        matches!(dog, Pet::Dog(Dog { barks: false, .. })),
        "unmapped schemas are tagged with their name"
    );
    let wrong_tag_inside = Pet::Cat(Cat {
        pet_type: "Dog".into(),
        meows: true,
    });
    assert_eq!(
        serde_json::to_value(&wrong_tag_inside).expect("serialises")["petType"],
        "cat",
        "the variant decides the tag"
    );
    assert!(rejects::<Pet>(json!({"petType": "bird"})).contains("unknown `petType` value `bird`"));
    assert!(rejects::<Pet>(json!({"meows": true})).contains("missing field `petType`"));
}

#[test]
fn oneof_untagged() {
    use oneof_untagged::types::{Quantity, Shape};
    assert!(
        matches!(
            round_trip::<Shape>(json!({"width": 1.0, "height": 2.0})),
            Shape::Rectangle(_)
        ),
        "the more specific variant is tried first"
    );
    assert!(matches!(
        round_trip::<Shape>(json!({"radius": 1.0})),
        Shape::Circle(_)
    ));
    assert!(matches!(
        round_trip::<Shape>(json!("hexagon")),
        Shape::String(_)
    ));
    assert_eq!(round_trip::<Quantity>(json!(3)), Quantity::Integer(3));
    assert_eq!(round_trip::<Quantity>(json!(3.5)), Quantity::Number(3.5));
}

#[test]
fn string_enum() {
    use string_enum::types::Status;
    assert_eq!(round_trip::<Status>(json!("in-review")), Status::InReview);
    assert_eq!(
        round_trip::<Status>(json!("2fa_pending")),
        Status::V2faPending
    );
    let unknown: Status = round_trip(json!("archived"));
    assert_eq!(unknown, Status::Unknown("archived".to_owned()));
    assert!(!unknown.is_known());
    assert_eq!(Status::ALL.len(), 4);
    assert_eq!(Status::Paused.to_string(), "paused");
}

#[test]
fn const_value() {
    use const_value::types::Envelope;
    let envelope: Envelope = round_trip(json!({"object": "webhook"}));
    assert_eq!(envelope.object, "webhook");
}

#[test]
fn additional_properties() {
    use additional_properties::types::{Closed, Extensible, Labels};
    let labels: Labels = round_trip(json!({"a": "1", "b": "2"}));
    assert_eq!(labels.len(), 2);
    let open: Extensible = round_trip(json!({"name": "x", "extra": 5}));
    assert_eq!(open.additional_properties.get("extra"), Some(&5));
    round_trip::<Closed>(json!({"name": "x"}));
    assert!(rejects::<Closed>(json!({"name": "x", "extra": 5})).contains("unknown field `extra`"));
    round_trip::<additional_properties::types::Nothing>(json!({}));
    assert!(
        rejects::<additional_properties::types::Nothing>(json!({"x": 1}))
            .contains("unknown field `x`")
    );
    let bag: additional_properties::types::Bag = round_trip(json!({"on": true}));
    assert_eq!(bag.get("on"), Some(&true));
}

#[test]
fn untyped_value() {
    use untyped_value::types::Event;
    let event: Event = round_trip(json!({"payload": [1, {"a": null}], "metadata": "free"}));
    assert_eq!(event.payload, json!([1, {"a": null}]));
    round_trip::<Event>(json!({"payload": null}));
    // An optional untyped field may be `null`, and keeps it apart from "absent".
    let event: Event = round_trip(json!({"payload": 1, "metadata": null}));
    assert_eq!(event.metadata, untyped_value::Nullable::Null);
}

#[test]
fn recursive_ref() {
    use recursive_ref::types::{Even, LinkedNode, Tree};
    let list: LinkedNode =
        round_trip(json!({"value": 1, "next": {"value": 2, "next": {"value": 3}}}));
    assert_eq!(
        list.next
            .as_ref()
            .and_then(|n| n.next.as_ref())
            .map(|n| n.value),
        Some(3)
    );
    round_trip::<Tree>(json!({"children": [{"children": []}, {}]}));
    round_trip::<Even>(json!({"odd": {"even": {"odd": {}}}}));
}

#[test]
fn formats() {
    use formats::types::Everything;
    let value = json!({
        "id": "550e8400-e29b-41d4-a716-446655440000",
        "at": "2026-05-02T12:00:00Z",
        "day": "2026-05-02",
        "small": 2_147_483_647,
        "big": 9_007_199_254_740_993_i64,
        "single": 1.5,
        "double": 0.1,
        "bytes": "aGVsbG8=",
        "link": "https://example.com",
        "mail": "a@example.com",
        "host": "example.com",
        "v4": "127.0.0.1",
        "v6": "::1"
    });
    let all: Everything = round_trip(value);
    assert_eq!(all.bytes.0, b"hello");
    assert_eq!(all.id.to_string(), "550e8400-e29b-41d4-a716-446655440000");
    assert_eq!(all.day.to_string(), "2026-05-02");
    let too_big = json!({"small": 2_147_483_648_i64});
    assert!(serde_json::from_value::<Everything>(too_big).is_err());
}

#[test]
fn keyword_names() {
    use keyword_names::types::{FooBar, FooBar2, Mode, OptionType, ResultType};
    let value = json!({
        "type": "t", "self": "s", "Self": "S", "crate": "c", "super": "u", "async": "a",
        "foo-bar": "1", "foo_bar": "2", "FooBar": "3", "1st": "4", "@@": "5", "café": "6"
    });
    let names: OptionType = round_trip(value);
    assert_eq!(
        (
            names.type_.as_deref(),
            names.self_2.as_deref(),
            names.cafu00e9.as_deref()
        ),
        (Some("t"), Some("S"), Some("6"))
    );
    let _: ResultType = String::new();
    let reader: keyword_names::types::Reader =
        round_trip(json!({"a": {"x": 1}, "map": "m", "key": {}, "json": null}));
    assert_eq!(
        (reader.a.x, reader.map.as_deref(), reader.json.is_null()),
        (Some(1), Some("m"), true)
    );
    round_trip::<FooBar>(json!({"a": "x"}));
    round_trip::<FooBar2>(json!({"b": "x"}));
    assert_eq!(
        round_trip::<Mode>(json!("Unknown")),
        Mode::Unknown,
        "a listed value named Unknown is not the catch-all"
    );
    assert_eq!(round_trip::<Mode>(json!("")), Mode::Empty);
    assert_eq!(
        round_trip::<Mode>(json!("zzz")),
        Mode::Other("zzz".to_owned())
    );
}

#[test]
fn inline_dedup() {
    use inline_dedup::types::{CreateThingRequest, CreateThingResponse};
    round_trip::<CreateThingRequest>(json!({"name": "x"}));
    round_trip::<CreateThingResponse>(json!({"id": "1"}));
    let source = include_str!("../generated/inline_dedup/src/types.rs");
    assert_eq!(
        source.matches("pub struct ").count(),
        2,
        "the identical copyThing response reuses CreateThingResponse"
    );
}

#[test]
fn secrets_redacted() {
    use secrets_redacted::types::Credentials;
    let credentials: Credentials = round_trip(json!({
        "name": "visible-name", "api_key": "k-123", "password": "p-123", "client_secret": "s-123",
        "access_token": "t-123", "pin": "1234", "recovery": "r-123"
    }));
    let shown = format!("{credentials:?}");
    assert!(shown.contains("visible-name"), "{shown}");
    for secret in ["k-123", "p-123", "s-123", "t-123", "1234", "r-123"] {
        assert!(
            !shown.contains(secret),
            "{secret} leaked into Debug: {shown}"
        );
    }
    assert_eq!(shown.matches("<redacted>").count(), 6);
}
