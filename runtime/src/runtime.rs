//! Support types the generated code relies on. Copied verbatim into every generated crate
//! from apigen's runtime crate (`runtime/src/runtime.rs`).

/// A value that can be absent, explicitly `null`, or present.
///
/// Fields that are optional *and* nullable use it, because "leave it as it is" (the key
/// is absent) and "clear it" (the key is `null`) mean different things, as in PATCH
/// bodies. Absent fields are skipped when serialising.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Nullable<T> {
    /// The key is not present.
    #[default]
    Absent,
    /// The key is present with the value `null`.
    Null,
    /// The key is present with a value.
    Value(T),
}

impl<T> Nullable<T> {
    /// Whether the key is absent.
    pub fn is_absent(&self) -> bool {
        matches!(self, Self::Absent)
    }

    /// Whether the key is present with `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Self::Null)
    }

    /// The value, when there is one.
    pub fn value(&self) -> Option<&T> {
        match self {
            Self::Value(value) => Some(value),
            Self::Absent | Self::Null => None,
        }
    }

    /// The value, when there is one, consuming `self`.
    pub fn into_value(self) -> Option<T> {
        match self {
            Self::Value(value) => Some(value),
            Self::Absent | Self::Null => None,
        }
    }
}

impl<T> From<Option<T>> for Nullable<T> {
    /// `None` becomes an explicit `null`.
    fn from(value: Option<T>) -> Self {
        value.map_or(Self::Null, Self::Value)
    }
}

impl<T: serde::Serialize> serde::Serialize for Nullable<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Value(value) => value.serialize(serializer),
            Self::Absent | Self::Null => serializer.serialize_none(),
        }
    }
}

impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for Nullable<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Option::<T>::deserialize(deserializer).map(Self::from)
    }
}

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

const BASE64_ALPHABET: &[u8; 64] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 (RFC 4648, with padding).
pub fn encode_base64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(
                    BASE64_ALPHABET[(n >> (18 - 6 * i) & 63) as usize],
                ));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes standard base64: padded to a multiple of four characters, or unpadded; `None`
/// for any other character, a misplaced `=` or a length no encoding has.
pub fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    // Padding is only valid on a whole number of four-character groups.
    let remainder = bytes.len() % 4;
    let data = match bytes {
        [rest @ .., b'=', b'='] | [rest @ .., b'='] if remainder == 0 => rest,
        _ => bytes,
    };
    if data.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(data.len() * 3 / 4);
    let mut buffer = 0_u32;
    let mut bits = 0;
    for &c in data {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        };
        buffer = buffer << 6 | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(u8::try_from(buffer >> bits & 0xff).ok()?);
        }
    }
    Some(out)
}
