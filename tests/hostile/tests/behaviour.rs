//! The hostile fixtures that generate do what their specs say.

use apigen_hostile::*;
use serde_json::json;

fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(value: serde_json::Value) -> T {
    let typed: T = serde_json::from_value(value.clone()).expect("deserialises");
    assert_eq!(
        serde_json::to_value(&typed).expect("serialises"),
        value,
        "round trip"
    );
    typed
}

#[test]
fn keyword_properties_keep_their_wire_names() {
    let keywords = [
        "as",
        "async",
        "await",
        "break",
        "const",
        "continue",
        "crate",
        "dyn",
        "else",
        "enum",
        "self",
        "Self",
        "type",
        "super",
        "gen",
        "try",
        "macro_rules",
        "raw",
        "union",
        "yield",
    ];
    let value = serde_json::Value::Object(
        keywords
            .iter()
            .map(|k| ((*k).to_owned(), json!(k)))
            .collect(),
    );
    let typed: keywords_as_property_names::types::Keywords = round_trip(value);
    assert_eq!(
        (typed.self_.as_deref(), typed.self_2.as_deref()),
        (Some("self"), Some("Self"))
    );
}

#[test]
fn names_equal_after_conversion_stay_apart() {
    use case_and_punctuation_twins::types::Twins;
    let twins: Twins = round_trip(json!({
        "foo-bar": "a", "foo_bar": 1, "FooBar": true, "fooBar": 1.5,
        "FOO_BAR": "67e55044-10b1-426f-9247-bb680e5fe0c8", "foo.bar": "2026-11-23"
    }));
    assert_eq!(
        (twins.foo_bar.as_str(), twins.foo_bar2, twins.foo_bar3),
        ("a", 1, true)
    );

    use enum_values_colliding::types::Collide;
    let values = [
        "foo-bar", "foo_bar", "FooBar", "FOO_BAR", "foo bar", "fooBar", "Unknown", "unknown",
        "other", "Other",
    ];
    let variants: Vec<Collide> = values.iter().map(|v| round_trip(json!(v))).collect();
    for (i, a) in variants.iter().enumerate() {
        assert!(
            !matches!(a, Collide::UnknownValue(_)),
            "{} is a listed value",
            values[i]
        );
        for b in &variants[i + 1..] {
            assert_ne!(a, b, "every value has its own variant");
        }
    }
    let added: Collide = round_trip(json!("foo--bar"));
    assert_eq!(added, Collide::UnknownValue("foo--bar".into()));
}

#[test]
fn enum_values_that_are_not_identifiers_round_trip() {
    use enum_values_not_identifiers::types::Odd;
    for value in ["a-b", "a b", "1", "", "-", "é", ".", "_", "__"] {
        let odd: Odd = round_trip(json!(value));
        assert!(!matches!(odd, Odd::Unknown(_)), "{value:?} is listed");
    }
}

#[test]
fn strings_that_look_like_code_stay_strings() {
    use strings_that_look_like_code::types::{Sneaky, SneakyMode};
    let sneaky: Sneaky =
        round_trip(json!({"mode": "\"); panic!(\"", "fixed": "\"); std::process::exit(3); (\""}));
    assert_eq!(sneaky.mode, Some(SneakyMode::Panic));
}

#[test]
fn recursion_and_escaped_references_work() {
    use recursion_everywhere::types::Node;
    let node: Node = round_trip(json!({
        "value": "root",
        "next": {"value": "second", "next": null},
        "children": [{"value": "child", "next": null}],
        "named": {"x": {"value": "named", "next": null}}
    }));
    assert_eq!(node.next.expect("next").value, "second");
    let holder: ref_escaped_pointers::types::Holder =
        round_trip(json!({"ab": "s", "cd": 1, "space": true, "percent": 0.5}));
    assert_eq!(holder.cd, 1);
}

#[test]
fn merge_keys_merge() {
    use yaml_anchors_and_merge_keys::types::Derived;
    let derived: Derived =
        round_trip(json!({"id": "x", "created_at": "2026-11-23T10:00:00Z", "name": "n"}));
    assert_eq!(derived.id, "x");
    assert!(
        serde_json::from_value::<Derived>(json!({"name": "n"})).is_err(),
        "`id` stays required"
    );
}

#[test]
fn validation_of_odd_constraints() {
    use impossible_range::types::Never;
    use impossible_range::validate::Validate as _;
    let never = Never {
        n: Some(5),
        s: Some("abc".into()),
    };
    let keywords: Vec<&str> = never
        .validate()
        .expect_err("no value is valid")
        .iter()
        .map(|v| v.keyword)
        .collect();
    assert_eq!(keywords, ["minimum", "maximum", "minLength", "maxLength"]);

    use regex_ecma_features::types::Ecma;
    use regex_ecma_features::validate::Validate as _;
    let ascii = Ecma {
        digits: Some("123".into()),
        control: Some("\n".into()),
        unicode: Some("é".into()),
        letters: Some("ün".into()),
    };
    assert_eq!(ascii.validate(), Ok(()));
    let arabic = Ecma {
        digits: Some("\u{661}\u{662}\u{663}".into()),
        ..ascii
    };
    assert_eq!(
        arabic
            .validate()
            .expect_err("`\\d` is ASCII in JSON Schema")
            .iter()
            .next()
            .expect("one violation")
            .keyword,
        "pattern"
    );

    use integer_enum_extremes::types::Holder;
    use integer_enum_extremes::validate::Validate as _;
    assert_eq!(
        Holder {
            big: i64::MAX,
            bigger: 1
        }
        .validate(),
        Ok(())
    );
    assert_eq!(
        Holder { big: 1, bigger: 1 }
            .validate()
            .expect_err("not listed")
            .iter()
            .next()
            .expect("one violation")
            .keyword,
        "enum"
    );
}

#[test]
fn generated_names_do_not_shadow_what_the_code_uses() {
    use names_of_generated_items::types::{Error, OptionType, ResultType};
    let option: OptionType = round_trip(json!({"some": "s", "none": ["a"]}));
    assert_eq!(option.some, "s");
    round_trip::<ResultType>(json!({"ok": {"nullable": null}, "err": 3}));
    round_trip::<Error>(json!({"message": "m"}));
}
