//! The serde helpers generated types and both sides of the wire use.

/// Deserialises an optional field whose key is present. Unlike a plain `Option`, it does not
/// take `null` as "absent": `null` is accepted only when `T` accepts it, as the schema says
/// (a field that is optional but not nullable must not be `null`).
pub fn present<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    T::deserialize(deserializer).map(Some)
}

/// Whether an optional field is left out when serialising: it is when it is `None`.
pub fn is_none<T>(value: &Option<T>) -> bool {
    value.is_none()
}

/// Deserialises a string enum from text without copying the values it knows: the text is
/// borrowed where the format allows, and only a value outside the enum is copied (into the
/// enum's catch-all variant).
pub fn string_enum<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: for<'a> From<&'a str> + From<String>,
{
    struct Text<T>(std::marker::PhantomData<T>);

    impl<T: for<'a> From<&'a str> + From<String>> serde::de::Visitor<'_> for Text<T> {
        type Value = T;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a string")
        }

        fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<T, E> {
            Ok(T::from(value))
        }

        fn visit_string<E: serde::de::Error>(self, value: String) -> Result<T, E> {
            Ok(T::from(value))
        }
    }

    deserializer.deserialize_str(Text(std::marker::PhantomData))
}

/// Decodes JSON bytes. UTF-8 is checked once over the whole input, which is fast, instead
/// of string by string inside the parser; input that is not UTF-8 is decoded the slow way
/// so that the error still points at the bad byte.
pub fn from_json<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, serde_json::Error> {
    match std::str::from_utf8(bytes) {
        Ok(text) => serde_json::from_str(text),
        Err(_) => serde_json::from_slice(bytes),
    }
}
