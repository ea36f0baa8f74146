//! The serde helpers generated types and both sides of the wire use.

/// What the `Deserialize` impl of an object type writes itself: how to read its
/// properties. [`object`] does the rest. Smaller than what `#[derive(Deserialize)]`
/// expands to (no visitor, field enum or sequence form per type), which is most of what
/// checking a crate of two thousand types costs.
pub trait FromObject<'de>: Sized {
    /// What a wrong value was expected to be, for errors: `struct Pet`.
    const EXPECTING: &'static str;

    /// Reads every property of the object from `map`.
    fn read<A: serde::de::MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// Deserialises an object type from a JSON object (or any map).
#[inline]
pub fn object<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: FromObject<'de>,
{
    struct Fields<T>(std::marker::PhantomData<T>);

    impl<'de, T: FromObject<'de>> serde::de::Visitor<'de> for Fields<T> {
        type Value = T;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(T::EXPECTING)
        }

        fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            T::read(map)
        }
    }

    deserializer.deserialize_map(Fields(std::marker::PhantomData))
}

/// A property name, borrowed from the input where the format allows.
#[derive(Debug)]
pub struct Key<'de>(std::borrow::Cow<'de, str>);

impl Key<'_> {
    /// The name.
    #[inline]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The name, owned (for a map of additional properties).
    #[inline]
    pub fn into_string(self) -> String {
        self.0.into_owned()
    }
}

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Name;

        impl<'de> serde::de::Visitor<'de> for Name {
            type Value = Key<'de>;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a property name")
            }

            fn visit_borrowed_str<E>(self, name: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Borrowed(name)))
            }

            fn visit_str<E>(self, name: &str) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Owned(name.to_owned())))
            }

            fn visit_string<E>(self, name: String) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Owned(name)))
            }
        }

        deserializer.deserialize_str(Name)
    }
}

/// Reads a declared property's value into its slot; a second one is an error, as with
/// `#[derive(Deserialize)]`. For an optional property that is not nullable the slot is
/// the field itself, so `null` is refused unless the type takes it: optional means the
/// key may be missing, not that `null` is allowed.
#[inline]
pub fn slot<'de, A, T>(
    slot: &mut Option<T>,
    name: &'static str,
    map: &mut A,
) -> Result<(), A::Error>
where
    A: serde::de::MapAccess<'de>,
    T: serde::Deserialize<'de>,
{
    if slot.is_some() {
        return Err(serde::de::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// The value of a required property's slot, or a return with the error that the
/// property is missing. A macro, not a function returning `Result`: a `?` per
/// required field is a good part of what a big crate costs to check. (A crate whose
/// objects have no required property does not use it, hence the allowances.)
#[allow(unused_macros)]
macro_rules! required {
    ($slot:ident, $name:literal) => {
        match $slot {
            Some(value) => value,
            None => return Err(serde::de::Error::missing_field($name)),
        }
    };
}
#[allow(unused_imports)]
pub(crate) use required;

/// Keeps a property the type does not declare, in its map of additional properties.
#[inline]
pub fn keep<'de, A, T>(
    into: &mut std::collections::BTreeMap<String, T>,
    key: Key<'de>,
    map: &mut A,
) -> Result<(), A::Error>
where
    A: serde::de::MapAccess<'de>,
    T: serde::Deserialize<'de>,
{
    into.insert(key.into_string(), map.next_value()?);
    Ok(())
}

/// Skips the value of a property the type does not declare.
#[inline]
pub fn skip<'de, A: serde::de::MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<serde::de::IgnoredAny>().map(|_| ())
}

/// The error for a property the type forbids (`additionalProperties: false`).
#[inline]
pub fn unknown<E: serde::de::Error>(key: &Key<'_>, declared: &'static [&'static str]) -> E {
    E::unknown_field(key.as_str(), declared)
}

/// What the `Serialize` impl of an object type writes itself with: a serde map, written
/// field by field. Smaller to check than what `#[derive(Serialize)]` expands to (a
/// `?` and a length term per field). The first error is kept and returned by
/// [`Object::end`]; the fields after it are not written.
pub struct Object<M: serde::ser::SerializeMap> {
    map: M,
    error: Option<M::Error>,
}

impl<M: serde::ser::SerializeMap> std::fmt::Debug for Object<M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Object")
            .field("failed", &self.error.is_some())
            .finish_non_exhaustive()
    }
}

/// Starts writing an object type.
#[inline]
pub fn object_writer<S: serde::Serializer>(
    serializer: S,
) -> Result<Object<S::SerializeMap>, S::Error> {
    Ok(Object {
        map: serializer.serialize_map(None)?,
        error: None,
    })
}

impl<M: serde::ser::SerializeMap> Object<M> {
    /// Writes a property.
    #[inline]
    pub fn field<T: serde::Serialize + ?Sized>(&mut self, name: &str, value: &T) {
        if self.error.is_some() {
            return;
        }
        if let Err(error) = self.map.serialize_entry(name, value) {
            self.error = Some(error);
        }
    }

    /// Writes an optional property, unless it is absent (`None`, `Nullable::Absent`).
    #[inline]
    pub fn optional<T: Omittable>(&mut self, name: &str, value: &T) {
        if !value.is_omitted() {
            self.field(name, value);
        }
    }

    /// Writes the additional properties an object kept.
    #[inline]
    pub fn entries<T: serde::Serialize>(
        &mut self,
        entries: &std::collections::BTreeMap<String, T>,
    ) {
        for (name, value) in entries {
            self.field(name, value);
        }
    }

    /// Ends the object, or returns the first error.
    #[inline]
    pub fn end(self) -> Result<M::Ok, M::Error> {
        match self.error {
            Some(error) => Err(error),
            None => self.map.end(),
        }
    }
}

/// The type of an optional field: left out of the object when it is absent.
pub trait Omittable: serde::Serialize {
    /// Whether the key is left out.
    fn is_omitted(&self) -> bool;
}

impl<T: serde::Serialize> Omittable for Option<T> {
    #[inline]
    fn is_omitted(&self) -> bool {
        self.is_none()
    }
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
