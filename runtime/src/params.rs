//! Reading a request: its parameters as the operation's table describes them, the
//! credentials it carries, and its body within the router's limit.

use axum::http::{HeaderMap, StatusCode, header};

use super::rejection::Rejection;

/// The largest request body the router accepts, unless `router_with_body_limit` says
/// otherwise: 2 MiB.
pub const DEFAULT_BODY_LIMIT: usize = 2 * 1024 * 1024;

/// The body limit of a router, carried to its handlers as a request extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BodyLimit(pub usize);

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
        ParamKind::Any => Ok(serde_json::from_str(text)
            .unwrap_or_else(|_| serde_json::Value::String(text.to_owned()))),
    }
}

/// Where a parameter is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// In the path template.
    Path,
    /// In the query string.
    Query,
    /// In a header.
    Header,
    /// In a cookie.
    Cookie,
}

impl Place {
    fn name(self) -> &'static str {
        match self {
            Place::Path => "path",
            Place::Query => "query",
            Place::Header => "header",
            Place::Cookie => "cookie",
        }
    }
}

/// How the router reads one parameter: the handlers keep a table of these.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParamSpec {
    /// The wire name.
    pub name: &'static str,
    /// Where it is.
    pub place: Place,
    /// What its text is read as.
    pub kind: ParamKind,
    /// Whether it may be left out (then it is read as `None`).
    pub optional: bool,
    /// Whether it is an array, and if so whether each item comes as its own value.
    pub array: Option<Explode>,
}

/// How the items of an array parameter come.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Explode {
    /// One value per item (`?id=1&id=2`).
    Yes,
    /// One value, items separated by commas (`?id=1,2`).
    No,
}

impl ParamSpec {
    const fn at(place: Place, name: &'static str, kind: ParamKind) -> Self {
        Self {
            name,
            place,
            kind,
            optional: false,
            array: None,
        }
    }

    /// A required path parameter.
    pub const fn path(name: &'static str, kind: ParamKind) -> Self {
        Self::at(Place::Path, name, kind)
    }

    /// A required query parameter.
    pub const fn query(name: &'static str, kind: ParamKind) -> Self {
        Self::at(Place::Query, name, kind)
    }

    /// A required header.
    pub const fn header(name: &'static str, kind: ParamKind) -> Self {
        Self::at(Place::Header, name, kind)
    }

    /// A required cookie.
    pub const fn cookie(name: &'static str, kind: ParamKind) -> Self {
        Self::at(Place::Cookie, name, kind)
    }

    /// The same parameter, optional.
    pub const fn optional(self) -> Self {
        Self {
            optional: true,
            ..self
        }
    }

    /// The same parameter, an array of `kind` items.
    pub const fn array(self, explode: Explode) -> Self {
        Self {
            array: Some(explode),
            ..self
        }
    }

    /// Reads the parameter from its texts into `T` (`Option<_>` for an optional one).
    fn decode<T: serde::de::DeserializeOwned>(&self, values: &[&str]) -> Result<T, Rejection> {
        let place = self.place.name();
        let fail = |message: String| {
            let rejection = Rejection::new(
                StatusCode::BAD_REQUEST,
                "A parameter does not parse",
                format!("{place} parameter `{}`: {message}", self.name),
            );
            // A path segment that cannot be an identifier names no resource.
            let fallbacks: &'static [u16] = if self.place == Place::Path {
                &[404, 422]
            } else {
                &[422]
            };
            Rejection {
                fallbacks,
                ..rejection
            }
        };
        if values.is_empty() {
            if self.optional {
                return serde_json::from_value(serde_json::Value::Null)
                    .map_err(|e| fail(e.to_string()));
            }
            let detail = format!("the {place} parameter `{}` is required", self.name);
            return Err(Rejection::new(
                StatusCode::BAD_REQUEST,
                "A parameter is missing",
                detail,
            ));
        }
        let value = match self.array {
            Some(explode) => {
                let texts: Vec<&str> = match (explode, values) {
                    (Explode::No, [one]) => one.split(',').collect(),
                    _ => values.to_vec(),
                };
                let items = texts
                    .iter()
                    .map(|t| param_value(t, self.kind))
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(fail)?;
                serde_json::Value::Array(items)
            }
            None => match values {
                [one] => param_value(one, self.kind).map_err(fail)?,
                _ => return Err(fail("given more than once".into())),
            },
        };
        serde_json::from_value(value).map_err(|e| fail(e.to_string()))
    }
}

/// A request as the handlers read it: its parts, its decoded query, cookies and path
/// parameters, and the body, read on demand within the limit.
#[derive(Debug)]
pub struct Incoming {
    /// The head of the request.
    pub parts: axum::http::request::Parts,
    /// The query string's `name=value` pairs, decoded.
    pub query: Vec<(String, String)>,
    /// The cookies, decoded.
    pub cookies: Vec<(String, String)>,
    path: Vec<(String, String)>,
    params: &'static [ParamSpec],
    body: Option<axum::body::Body>,
    limit: usize,
}

impl Incoming {
    /// Splits `request`, decoding what `params` (the operation's table) will ask for. The
    /// body limit is the router's [`BodyLimit`], else [`DEFAULT_BODY_LIMIT`].
    pub async fn read(
        request: axum::extract::Request,
        params: &'static [ParamSpec],
    ) -> Result<Self, Rejection> {
        use axum::extract::FromRequestParts as _;
        let (mut parts, body) = request.into_parts();
        let path = if params.iter().any(|p| p.place == Place::Path) {
            let raw = axum::extract::RawPathParams::from_request_parts(&mut parts, &())
                .await
                .map_err(|e| {
                    Rejection::new(
                        StatusCode::BAD_REQUEST,
                        "A path parameter does not parse",
                        e.body_text(),
                    )
                })?;
            raw.iter()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect()
        } else {
            Vec::new()
        };
        let query = query_pairs(parts.uri.query());
        let cookies = cookies(&parts.headers);
        let limit = parts
            .extensions
            .get::<BodyLimit>()
            .map_or(DEFAULT_BODY_LIMIT, |limit| limit.0);
        Ok(Self {
            parts,
            query,
            cookies,
            path,
            params,
            body: Some(body),
            limit,
        })
    }

    /// The parameter at `index` in the operation's table, read into `T`.
    pub fn param<T: serde::de::DeserializeOwned>(&self, index: usize) -> Result<T, Rejection> {
        let spec = &self.params[index];
        let values = match spec.place {
            Place::Path => values_named(&self.path, spec.name),
            Place::Query => values_named(&self.query, spec.name),
            Place::Cookie => values_named(&self.cookies, spec.name),
            Place::Header => self
                .parts
                .headers
                .get_all(spec.name)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .collect(),
        };
        spec.decode(&values)
    }

    /// A query parameter's first non-empty value (API keys).
    pub fn query_value(&self, name: &str) -> Option<String> {
        self.query
            .iter()
            .find(|(n, v)| n == name && !v.is_empty())
            .map(|(_, v)| v.clone())
    }

    /// A cookie's first non-empty value (API keys).
    pub fn cookie_value(&self, name: &str) -> Option<String> {
        self.cookies
            .iter()
            .find(|(n, v)| n == name && !v.is_empty())
            .map(|(_, v)| v.clone())
    }

    /// A header's non-empty value (API keys).
    pub fn header_value(&self, name: &str) -> Option<String> {
        header_text(&self.parts.headers, name)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    }

    /// The required JSON body, read into `T`.
    pub async fn json_body<T: serde::de::DeserializeOwned>(&mut self) -> Result<T, Rejection> {
        self.optional_json_body().await?.ok_or_else(|| {
            Rejection::new(
                StatusCode::BAD_REQUEST,
                "The body is missing",
                "this operation needs a JSON body",
            )
        })
    }

    /// The JSON body, `None` when the request has none: 415 for another content type, 413
    /// past the limit, 400 when it does not parse.
    pub async fn optional_json_body<T: serde::de::DeserializeOwned>(
        &mut self,
    ) -> Result<Option<T>, Rejection> {
        let bytes = self.bytes().await?;
        if bytes.is_empty() {
            return Ok(None);
        }
        let content_type = header_text(&self.parts.headers, "content-type").unwrap_or("");
        let essence = content_type
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if essence != "application/json" && !essence.ends_with("+json") {
            return Err(Rejection::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "Unsupported media type",
                format!("the body must be `application/json`, not `{content_type}`"),
            ));
        }
        super::json::from_json(&bytes).map(Some).map_err(|e| {
            Rejection::new(
                StatusCode::BAD_REQUEST,
                "The body does not parse",
                format!("the body is not the JSON this operation takes: {e}"),
            )
        })
    }

    /// The required body of media type `media_type`, as bytes.
    pub async fn raw_body(&mut self, media_type: &str) -> Result<Vec<u8>, Rejection> {
        self.optional_raw_body(media_type).await?.ok_or_else(|| {
            Rejection::new(
                StatusCode::BAD_REQUEST,
                "The body is missing",
                format!("this operation needs a `{media_type}` body"),
            )
        })
    }

    /// The body of media type `media_type`, as bytes; `None` when the request has none.
    /// 415 when the request says it is of another type (a `*` in `media_type` matches
    /// any), 413 past the limit.
    pub async fn optional_raw_body(
        &mut self,
        media_type: &str,
    ) -> Result<Option<Vec<u8>>, Rejection> {
        let bytes = self.bytes().await?;
        if bytes.is_empty() {
            return Ok(None);
        }
        let content_type = header_text(&self.parts.headers, "content-type").unwrap_or("");
        if !media_type_matches(content_type, media_type) {
            return Err(Rejection::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "Unsupported media type",
                format!("the body must be `{media_type}`, not `{content_type}`"),
            ));
        }
        Ok(Some(bytes))
    }

    async fn bytes(&mut self) -> Result<Vec<u8>, Rejection> {
        match self.body.take() {
            Some(body) => read_limited(body, self.limit, &self.parts.headers).await,
            None => Ok(Vec::new()),
        }
    }
}

/// The values of the pairs called `name`, in order.
fn values_named<'a>(pairs: &'a [(String, String)], name: &str) -> Vec<&'a str> {
    pairs
        .iter()
        .filter(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
        .collect()
}

/// Whether a request's `content_type` is `expected` (a `*` in `expected` matches any).
fn media_type_matches(content_type: &str, expected: &str) -> bool {
    let essence = |t: &str| {
        t.split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase()
    };
    let (got, want) = (essence(content_type), essence(expected));
    let (got_type, got_sub) = got.split_once('/').unwrap_or((&got, ""));
    let (want_type, want_sub) = want.split_once('/').unwrap_or((&want, ""));
    (want_type == "*" || want_type == got_type) && (want_sub == "*" || want_sub == got_sub)
}

/// How much of a body past the limit is read and dropped before answering 413, so that a
/// client still sending reads the answer rather than a reset connection.
const DRAIN_LIMIT: usize = 64 * 1024 * 1024;

/// Reads a body of at most `limit` bytes: 413 past it (also when `Content-Length` says
/// so up front), 400 when the connection fails while reading.
async fn read_limited(
    mut body: axum::body::Body,
    limit: usize,
    headers: &HeaderMap,
) -> Result<Vec<u8>, Rejection> {
    use axum::body::HttpBody as _;
    let declared =
        header_text(headers, "content-length").and_then(|v| v.trim().parse::<u64>().ok());
    let mut over = declared.is_some_and(|length| length > limit as u64);
    let mut out = Vec::new();
    let mut dropped = 0_usize;
    while let Some(frame) =
        std::future::poll_fn(|cx| std::pin::Pin::new(&mut body).poll_frame(cx)).await
    {
        let frame = frame.map_err(|e| {
            Rejection::new(
                StatusCode::BAD_REQUEST,
                "The body could not be read",
                e.to_string(),
            )
        })?;
        let Ok(data) = frame.into_data() else {
            continue;
        };
        if !over && out.len() + data.len() > limit {
            over = true;
            dropped = out.len();
            out = Vec::new();
        }
        if over {
            dropped += data.len();
            if dropped > DRAIN_LIMIT {
                break;
            }
        } else {
            out.extend_from_slice(&data);
        }
    }
    if over {
        return Err(Rejection::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "The body is too large",
            format!("the limit is {limit} bytes"),
        ));
    }
    Ok(out)
}
