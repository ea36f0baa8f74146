//! axum server stubs: implement [`Api`] and serve [`router`].
//!
//! Before a method of [`Api`] runs, the router has checked the operation's security (no
//! or empty credentials: 401), parsed the path, query, header and cookie parameters (400
//! when one does not parse), checked the content type (415), read the body within the
//! limit (413), parsed it (400) and validated everything (every violation is listed, with
//! its JSON pointer and keyword). Errors use the error schema the API description declares
//! for that status when there is one, and RFC 9457 `application/problem+json` with an
//! `errors` array otherwise. Unknown paths answer 404; known paths with another method 405
//! with an `Allow` header.
//!
//! When an operation does not document the status for a refusal, the router answers with
//! a documented one that fits instead ([`Rejection::settle`]): 415 and 413 become 400 or
//! 422, 401 becomes 403 or 400, a path parameter that does not parse becomes 404.

// Replies and errors hold the API's own types, whose sizes differ as the spec makes them;
// boxing them would only make matching on them clumsier.
// Parameter names come from the API description, whatever they are (`foo` included).
#![allow(clippy::large_enum_variant, clippy::result_large_err, clippy::disallowed_names)]

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use super::validate::Violation;

/// The largest request body [`router`] accepts, unless [`router_with_body_limit`] says
/// otherwise: 2 MiB.
pub const DEFAULT_BODY_LIMIT: usize = 2 * 1024 * 1024;

/// A request the router refused, with everything needed to answer it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    /// The HTTP status.
    pub status: StatusCode,
    /// A short, human-readable summary.
    pub title: &'static str,
    /// What exactly is wrong.
    pub detail: String,
    /// The individual problems, when there are several (validation).
    pub errors: Vec<Violation>,
    /// Statuses that say the same thing, in order of preference, for an operation whose
    /// description does not list `status` among its responses (see [`Rejection::settle`]).
    pub fallbacks: &'static [u16],
}

impl Rejection {
    /// A rejection with one explanation.
    pub fn new(status: StatusCode, title: &'static str, detail: impl Into<String>) -> Self {
        let fallbacks: &'static [u16] = match status.as_u16() {
            400 => &[422],
            401 => &[403, 400],
            413 | 415 => &[400, 422],
            422 => &[400],
            _ => &[],
        };
        Self { status, title, detail: detail.into(), errors: Vec::new(), fallbacks }
    }

    /// The rejection for failed validation.
    pub fn invalid(status: StatusCode, errors: Vec<Violation>) -> Self {
        let detail = errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ");
        Self { errors, ..Self::new(status, "The request breaks the API description's constraints", detail) }
    }

    /// The same rejection, answered with the first of `fallbacks` an operation documents
    /// when it does not document the status itself (`documented`: its explicit response
    /// codes; `any_client_error`: whether a `default` or `4XX` response covers every 4xx).
    /// A client then only ever sees statuses the API description promises, where it
    /// promises one that fits; otherwise the status stays as it is.
    pub fn settle(mut self, documented: &[u16], any_client_error: bool) -> Self {
        if any_client_error || documented.contains(&self.status.as_u16()) {
            return self;
        }
        if let Some(status) = self.fallbacks.iter().find(|s| documented.contains(s)) {
            self.status = StatusCode::from_u16(*status).unwrap_or(self.status);
        }
        self
    }

    /// The RFC 9457 problem document.
    pub fn problem(&self) -> Response {
        let errors: Vec<serde_json::Value> = self
            .errors
            .iter()
            .map(|v| serde_json::json!({"pointer": v.pointer, "keyword": v.keyword, "message": v.message}))
            .collect();
        let mut body = serde_json::json!({
            "type": "about:blank",
            "title": self.title,
            "status": self.status.as_u16(),
            "detail": self.detail,
        });
        if !errors.is_empty() {
            body["errors"] = serde_json::Value::Array(errors);
        }
        json_response(self.status, "application/problem+json", &body)
    }
}

/// A JSON response.
pub fn json_response<T: serde::Serialize + ?Sized>(status: StatusCode, content_type: &'static str, body: &T) -> Response {
    match serde_json::to_vec(body) {
        Ok(bytes) => (status, [(header::CONTENT_TYPE, HeaderValue::from_static(content_type))], bytes).into_response(),
        Err(e) => {
            let rejection = Rejection::new(StatusCode::INTERNAL_SERVER_ERROR, "The response could not be encoded", e.to_string());
            (rejection.status, rejection.detail).into_response()
        }
    }
}

/// A response without a body.
pub fn empty_response(status: StatusCode) -> Response {
    status.into_response()
}

/// 404 for paths the API description does not have.
pub async fn not_found(uri: axum::http::Uri) -> Response {
    Rejection::new(StatusCode::NOT_FOUND, "No such path", format!("`{}` is not a path of this API", uri.path())).problem()
}

/// 405 with `Allow` for a method a path does not have.
pub fn method_not_allowed(allow: &'static str) -> Response {
    let mut response = Rejection::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "Method not allowed",
        format!("this path supports {allow}"),
    )
    .problem();
    response.headers_mut().insert(header::ALLOW, HeaderValue::from_static(allow));
    response
}

/// The decoded query string: every `name=value` pair, in order.
pub fn query_pairs(query: Option<&str>) -> Vec<(String, String)> {
    query
        .unwrap_or("")
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode_component(name), decode_component(value))
        })
        .collect()
}

/// Percent-decodes a query component (`+` is a space); invalid UTF-8 is replaced.
pub fn decode_component(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = |b: u8| char::from(b).to_digit(16);
                match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                    (Some(h), Some(l)) => {
                        out.push(u8::try_from(h * 16 + l).unwrap_or(b'?'));
                        i += 2;
                    }
                    _ => out.push(b'%'),
                }
            }
            other => out.push(other),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The cookies of a request, by name.
pub fn cookies(headers: &HeaderMap) -> Vec<(String, String)> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|line| line.split(';'))
        .filter_map(|pair| {
            let (name, value) = pair.trim().split_once('=')?;
            Some((name.to_owned(), decode_component(value)))
        })
        .collect()
}

/// A header's value as text, if present and readable.
pub fn header_text<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// The token of an `Authorization: Bearer <token>` header, if non-empty.
pub fn bearer_token(headers: &HeaderMap) -> Option<String> {
    let value = header_text(headers, "authorization")?;
    let (scheme, token) = value.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then(|| token.to_owned())
}

/// The user and password of an `Authorization: Basic ...` header, if well formed.
pub fn basic_credentials(headers: &HeaderMap) -> Option<(String, String)> {
    let value = header_text(headers, "authorization")?;
    let (scheme, encoded) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = String::from_utf8(decode_base64(encoded.trim())?).ok()?;
    let (user, password) = decoded.split_once(':')?;
    (!user.is_empty()).then(|| (user.to_owned(), password.to_owned()))
}

fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let text = text.trim_end_matches('=');
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut buffer = 0_u32;
    let mut bits = 0;
    for c in text.bytes() {
        buffer = buffer << 6 | u32::from(value(c)?);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(u8::try_from(buffer >> bits & 0xff).ok()?);
        }
    }
    Some(out)
}

/// The JSON type a parameter's text is read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamKind {
    /// Taken as a string.
    String,
    /// Parsed as an integer.
    Integer,
    /// Parsed as a number.
    Number,
    /// `true` or `false`.
    Boolean,
    /// Parsed as JSON if it is, else taken as a string.
    Any,
}

/// Reads a parameter's text as the JSON value its schema expects.
pub fn param_value(text: &str, kind: ParamKind) -> Result<serde_json::Value, String> {
    match kind {
        ParamKind::String => Ok(serde_json::Value::String(text.to_owned())),
        ParamKind::Integer => text
            .parse::<i64>()
            .map(Into::into)
            .map_err(|_| format!("`{text}` is not an integer")),
        ParamKind::Number => text
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(serde_json::Value::Number)
            .ok_or_else(|| format!("`{text}` is not a number")),
        ParamKind::Boolean => match text {
            "true" => Ok(true.into()),
            "false" => Ok(false.into()),
            _ => Err(format!("`{text}` is not `true` or `false`")),
        },
        ParamKind::Any => Ok(serde_json::from_str(text).unwrap_or_else(|_| serde_json::Value::String(text.to_owned()))),
    }
}

/// Decodes a parameter into `T`: `values` are its texts (several for an exploded array);
/// `array` says whether the schema is an array, `explode` how one text holds several.
pub fn decode_param<T: serde::de::DeserializeOwned>(
    place: &str,
    name: &str,
    values: &[&str],
    kind: ParamKind,
    array: bool,
    explode: bool,
) -> Result<T, Rejection> {
    let fail = |message: String| {
        let rejection = Rejection::new(StatusCode::BAD_REQUEST, "A parameter does not parse", format!("{place} parameter `{name}`: {message}"));
        // A path segment that cannot be an identifier names no resource.
        let fallbacks: &'static [u16] = if place == "path" { &[404, 422] } else { &[422] };
        Rejection { fallbacks, ..rejection }
    };
    let value = if array {
        let texts: Vec<&str> = if explode || values.len() != 1 { values.to_vec() } else { values[0].split(',').collect() };
        let items = texts.iter().map(|t| param_value(t, kind)).collect::<Result<Vec<_>, _>>().map_err(fail)?;
        serde_json::Value::Array(items)
    } else {
        match values {
            [] => serde_json::Value::Null,
            [one] => param_value(one, kind).map_err(fail)?,
            _ => return Err(fail("given more than once".into())),
        }
    };
    serde_json::from_value(value).map_err(|e| fail(e.to_string()))
}

/// Reads and decodes a JSON body: 415 for another content type, 413 past `limit`, 400
/// when it does not parse; `None` when the body is optional and empty.
pub async fn json_body<T: serde::de::DeserializeOwned>(
    headers: &HeaderMap,
    body: axum::body::Body,
    limit: usize,
    required: bool,
) -> Result<Option<T>, Rejection> {
    let bytes = axum::body::to_bytes(body, limit).await.map_err(|_| {
        Rejection::new(StatusCode::PAYLOAD_TOO_LARGE, "The body is too large", format!("the limit is {limit} bytes"))
    })?;
    if bytes.is_empty() && !required {
        return Ok(None);
    }
    let content_type = header_text(headers, "content-type").unwrap_or("");
    let essence = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    if essence != "application/json" && !essence.ends_with("+json") {
        return Err(Rejection::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Unsupported media type",
            format!("the body must be `application/json`, not `{content_type}`"),
        ));
    }
    super::runtime::from_json(&bytes).map(Some).map_err(|e| {
        Rejection::new(StatusCode::BAD_REQUEST, "The body does not parse", format!("the body is not the JSON this operation takes: {e}"))
    })
}

/// Reads a body that is not JSON, as bytes: 413 past `limit`.
pub async fn raw_body(body: axum::body::Body, limit: usize) -> Result<Vec<u8>, Rejection> {
    axum::body::to_bytes(body, limit)
        .await
        .map(|b| b.to_vec())
        .map_err(|_| Rejection::new(StatusCode::PAYLOAD_TOO_LARGE, "The body is too large", format!("the limit is {limit} bytes")))
}

/// A header value as text: strings as they are, other JSON values as JSON.
pub fn header_value_text<T: serde::Serialize + ?Sized>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(text)) => text,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}
