//! Base64, written once and used by `Base64Bytes` and by both sides of basic
//! authentication.

use apigen_runtime::base64::{
    Base64Bytes, decode_base64, decode_basic, encode_base64, encode_basic,
};

/// RFC 4648, section 10.
const VECTORS: &[(&str, &str)] = &[
    ("", ""),
    ("f", "Zg=="),
    ("fo", "Zm8="),
    ("foo", "Zm9v"),
    ("foob", "Zm9vYg=="),
    ("fooba", "Zm9vYmE="),
    ("foobar", "Zm9vYmFy"),
];

#[test]
fn rfc_4648_vectors_encode_and_decode() {
    for (plain, encoded) in VECTORS {
        assert_eq!(encode_base64(plain.as_bytes()), *encoded);
        assert_eq!(decode_base64(encoded).as_deref(), Some(plain.as_bytes()));
    }
}

#[test]
fn unpadded_text_decodes_and_malformed_text_does_not() {
    assert_eq!(decode_base64("Zm8").as_deref(), Some(&b"fo"[..]));
    for bad in ["Z", "Zm9v!", "Zm=v", "Zg===", "Zm9vY"] {
        assert_eq!(decode_base64(bad), None, "{bad}");
    }
}

#[test]
fn every_byte_round_trips() {
    let bytes: Vec<u8> = (0..=255).collect();
    assert_eq!(decode_base64(&encode_base64(&bytes)), Some(bytes));
}

#[test]
fn base64_bytes_is_a_json_string() {
    let value = Base64Bytes(b"hi!".to_vec());
    let json = serde_json::to_string(&value).expect("serialises");
    assert_eq!(json, "\"aGkh\"");
    let back: Base64Bytes = serde_json::from_str(&json).expect("deserialises");
    assert_eq!(back, value);
    assert!(serde_json::from_str::<Base64Bytes>("\"a\"").is_err());
}

#[test]
fn basic_credentials_match_on_both_sides() {
    let encoded = encode_basic("Aladdin", "open sesame");
    assert_eq!(encoded, "QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
    assert_eq!(
        decode_basic(&format!("Basic {encoded}")),
        Some(("Aladdin".to_owned(), "open sesame".to_owned()))
    );
    // The scheme name is case-insensitive; another scheme, no user or bad base64 is none.
    assert!(decode_basic(&format!("basic {encoded}")).is_some());
    assert_eq!(decode_basic(&format!("Bearer {encoded}")), None);
    assert_eq!(
        decode_basic(&format!("Basic {}", encode_base64(b":pw"))),
        None
    );
    assert_eq!(decode_basic("Basic %%%"), None);
}
