//! `json::Object`: what the `Serialize` impls of object types are made of.

use std::collections::BTreeMap;

use apigen_runtime::json::object_writer;
use apigen_runtime::nullable::Nullable;

/// An object written the way generated types write themselves.
struct Pet {
    name: String,
    tag: Option<String>,
    owner: Nullable<String>,
    extra: BTreeMap<String, i64>,
}

impl serde::Serialize for Pet {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut object = object_writer(serializer)?;
        object.field("name", &self.name);
        object.optional("tag", &self.tag);
        object.optional("owner", &self.owner);
        object.entries(&self.extra);
        object.end()
    }
}

fn pet(tag: Option<&str>, owner: Nullable<&str>) -> Pet {
    Pet {
        name: "Rex".to_owned(),
        tag: tag.map(str::to_owned),
        owner: match owner {
            Nullable::Absent => Nullable::Absent,
            Nullable::Null => Nullable::Null,
            Nullable::Value(owner) => Nullable::Value(owner.to_owned()),
        },
        extra: BTreeMap::new(),
    }
}

#[test]
fn absent_optional_fields_are_left_out() {
    let text = serde_json::to_string(&pet(None, Nullable::Absent)).expect("serialises");
    assert_eq!(text, r#"{"name":"Rex"}"#);
}

#[test]
fn present_fields_are_written_in_order_and_null_stays_null() {
    let text = serde_json::to_string(&pet(Some("good"), Nullable::Null)).expect("serialises");
    assert_eq!(text, r#"{"name":"Rex","tag":"good","owner":null}"#);
    let text = serde_json::to_string(&pet(None, Nullable::Value("Ann"))).expect("serialises");
    assert_eq!(text, r#"{"name":"Rex","owner":"Ann"}"#);
}

#[test]
fn additional_properties_come_after_the_fields() {
    let mut value = pet(None, Nullable::Absent);
    value.extra.insert("age".to_owned(), 3);
    value.extra.insert("legs".to_owned(), 4);
    let text = serde_json::to_string(&value).expect("serialises");
    assert_eq!(text, r#"{"name":"Rex","age":3,"legs":4}"#);
}

/// A value whose serialisation fails, with the message it fails with.
struct Broken(&'static str);

impl serde::Serialize for Broken {
    fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
        Err(serde::ser::Error::custom(self.0))
    }
}

/// Counts the fields written after an error: there must be none.
struct Counted<'a>(&'a std::cell::Cell<usize>);

impl serde::Serialize for Counted<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.set(self.0.get() + 1);
        serializer.serialize_unit()
    }
}

#[test]
fn the_first_error_is_returned_and_nothing_after_it_is_written() {
    let written = std::cell::Cell::new(0);
    struct Failing<'a>(&'a std::cell::Cell<usize>);
    impl serde::Serialize for Failing<'_> {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut object = object_writer(serializer)?;
            object.field("before", &Counted(self.0));
            object.field("first", &Broken("first failure"));
            object.field("second", &Broken("second failure"));
            object.field("after", &Counted(self.0));
            object.end()
        }
    }
    let error = serde_json::to_string(&Failing(&written)).expect_err("the broken field fails");
    assert_eq!(error.to_string(), "first failure");
    assert_eq!(
        written.get(),
        1,
        "only the field before the error is written"
    );
}
