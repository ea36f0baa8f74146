/// Bytes carried as standard base64 text on the wire (`format: byte`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Base64Bytes(pub Vec<u8>);

impl serde::Serialize for Base64Bytes {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&super::runtime::encode_base64(&self.0))
    }
}

impl<'de> serde::Deserialize<'de> for Base64Bytes {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        super::runtime::decode_base64(&text)
            .map(Base64Bytes)
            .ok_or_else(|| serde::de::Error::custom("not standard base64 text"))
    }
}
