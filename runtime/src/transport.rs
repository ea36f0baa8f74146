//! The client's transport: requests, retries with backoff, and responses decoded into
//! the operation's types or a typed error.

// Errors hold the API's own types, whose sizes differ as the spec makes them; boxing
// them would only make matching on them clumsier.
#![allow(clippy::result_large_err)]

use std::fmt;
use std::time::Duration;

use reqwest::Method;

use super::validation::{Violation, Violations};

/// Why a call failed. `E` is the operation's enum of declared error responses.
#[derive(Debug)]
pub enum Error<E> {
    /// The server answered with an error status the API description declares.
    Api {
        /// The HTTP status.
        status: u16,
        /// The body, decoded into the type declared for that status.
        body: E,
        /// The body as received.
        raw: String,
    },
    /// The server answered with a status the API description does not declare.
    UnexpectedStatus {
        /// The HTTP status.
        status: u16,
        /// The start of the body.
        snippet: String,
    },
    /// The body could not be decoded into the declared type.
    Decode {
        /// The HTTP status.
        status: u16,
        /// What did not fit.
        message: String,
        /// The start of the body.
        snippet: String,
    },
    /// The request was not sent: it breaks the API description's constraints.
    Validation(Violations),
    /// The request was not sent: the operation needs credentials that were not set.
    MissingCredentials {
        /// The security schemes that would do (any one group of them).
        needed: &'static str,
    },
    /// A parameter could not be put into the request (say, a header value with a newline).
    InvalidRequest(String),
    /// No answer in time.
    Timeout,
    /// The connection failed or broke.
    Transport(reqwest::Error),
}

impl<E: fmt::Debug> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Api { status, body, .. } => write!(f, "the API answered {status}: {body:?}"),
            Self::UnexpectedStatus { status, snippet } => {
                write!(
                    f,
                    "the API answered with undeclared status {status}: {snippet}"
                )
            }
            Self::Decode {
                status,
                message,
                snippet,
            } => {
                write!(
                    f,
                    "cannot decode the {status} response ({message}): {snippet}"
                )
            }
            Self::Validation(violations) => write!(f, "the request was not sent: {violations}"),
            Self::MissingCredentials { needed } => {
                write!(
                    f,
                    "the request was not sent: it needs credentials for {needed}"
                )
            }
            Self::InvalidRequest(message) => write!(f, "the request was not sent: {message}"),
            Self::Timeout => f.write_str("no response before the timeout"),
            Self::Transport(e) => write!(f, "transport error: {e}"),
        }
    }
}

impl<E: fmt::Debug> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Transport(e) => Some(e),
            Self::Validation(v) => Some(v),
            _ => None,
        }
    }
}

/// When and how often to retry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt; 0 switches retrying off.
    pub max_retries: u32,
    /// The first backoff; each retry doubles it.
    pub initial_backoff: Duration,
    /// The longest backoff, and the longest `Retry-After` that is honoured: a server asking
    /// for a longer wait gets its answer returned instead.
    pub max_backoff: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 3,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// No retries.
    pub fn none() -> Self {
        Self {
            max_retries: 0,
            ..Self::default()
        }
    }

    /// The wait before retry number `retry` (0-based): full jitter over an exponential
    /// backoff, unless the server named a wait.
    fn wait(&self, retry: u32, retry_after: Option<Duration>) -> Duration {
        if let Some(asked) = retry_after {
            return asked;
        }
        let exponential = self
            .initial_backoff
            .saturating_mul(2_u32.saturating_pow(retry));
        let ceiling = exponential.min(self.max_backoff);
        ceiling.mul_f64(jitter())
    }
}

/// A number in [0, 1) that differs from call to call (std's hasher keys are random).
fn jitter() -> f64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(u64::from(std::process::id()));
    (hasher.finish() >> 11) as f64 / (1_u64 << 53) as f64
}

/// Settings shared by every call.
#[derive(Clone, Debug)]
pub struct Transport {
    /// The base URL, without a trailing `/`.
    pub base_url: String,
    /// The reqwest client (connection pool, TLS, proxies).
    pub http: reqwest::Client,
    /// The timeout of each attempt.
    pub timeout: Duration,
    /// The `User-Agent` header.
    pub user_agent: String,
    /// The retry policy.
    pub retry: RetryPolicy,
}

impl Transport {
    /// Settings for `base_url` with the defaults: a 30 s timeout and [`RetryPolicy::default`].
    pub fn new(base_url: &str) -> Self {
        Self {
            base_url: base_url.trim_end_matches('/').to_owned(),
            http: reqwest::Client::new(),
            timeout: Duration::from_secs(30),
            user_agent: concat!(
                env!("CARGO_PKG_NAME"),
                "/",
                env!("CARGO_PKG_VERSION"),
                " (apigen)"
            )
            .to_owned(),
            retry: RetryPolicy::default(),
        }
    }
}

/// A request being put together by an operation method.
///
/// Building it never fails: the first reason not to send it (a violation, a body that
/// cannot be serialised, missing credentials) is kept, and [`send`] returns it instead of
/// sending. So an operation method is a plain function that builds the request and hands
/// it to [`send`], with no state machine of its own.
#[derive(Debug)]
pub struct Request {
    method: Method,
    path: String,
    query: Vec<(String, String)>,
    headers: Vec<(&'static str, String)>,
    cookies: Vec<(&'static str, String)>,
    body: Option<(&'static str, Vec<u8>)>,
    refusal: Option<Refusal>,
}

/// Why a request is not sent, kept until [`send`] reports it.
#[derive(Debug)]
enum Refusal {
    Validation(Violations),
    MissingCredentials(&'static str),
    Invalid(String),
}

impl Request {
    /// A request for `path`, already percent-encoded.
    pub fn new(method: Method, path: impl Into<String>) -> Self {
        Self {
            method,
            path: path.into(),
            query: Vec::new(),
            headers: Vec::new(),
            cookies: Vec::new(),
            body: None,
            refusal: None,
        }
    }

    /// Refuses to send the request when `violations` is not empty.
    pub fn check(&mut self, violations: Vec<Violation>) {
        if !violations.is_empty() {
            self.refuse(Refusal::Validation(Violations(violations)));
        }
    }

    /// Refuses to send the request: it needs credentials for `needed`, and none are set.
    pub fn missing_credentials(&mut self, needed: &'static str) {
        self.refuse(Refusal::MissingCredentials(needed));
    }

    /// Keeps the first refusal: the one a caller would meet first.
    fn refuse(&mut self, refusal: Refusal) {
        self.refusal.get_or_insert(refusal);
    }

    /// Adds a query parameter (`style: form`): arrays become `name=a&name=b` when
    /// `explode`, else `name=a,b`; `None` adds nothing.
    pub fn query<T: serde::Serialize + ?Sized>(&mut self, name: &str, value: &T, explode: bool) {
        match serde_json::to_value(value) {
            Ok(serde_json::Value::Null) => {}
            Ok(serde_json::Value::Array(items)) if explode => {
                self.query
                    .extend(items.iter().map(|item| (name.to_owned(), text(item))));
            }
            Ok(serde_json::Value::Array(items)) => {
                let joined = items.iter().map(text).collect::<Vec<_>>().join(",");
                self.query.push((name.to_owned(), joined));
            }
            Ok(other) => self.query.push((name.to_owned(), text(&other))),
            Err(_) => {}
        }
    }

    /// Adds a header (`style: simple`: arrays are comma-separated); `None` adds nothing.
    pub fn header<T: serde::Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        if !is_null(value) {
            self.headers.push((name, param_text(value)));
        }
    }

    /// Adds a cookie; `None` adds nothing.
    pub fn cookie<T: serde::Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        if !is_null(value) {
            self.cookies.push((name, param_text(value)));
        }
    }

    /// Sets a JSON body; one that cannot be serialised refuses the request.
    pub fn json<T: serde::Serialize + ?Sized>(&mut self, body: &T) {
        match serde_json::to_vec(body) {
            Ok(bytes) => self.body = Some(("application/json", bytes)),
            Err(e) => self.refuse(Refusal::Invalid(format!("cannot serialise the body: {e}"))),
        }
    }

    /// Sets a body that is not JSON, as given.
    pub fn raw_body(&mut self, content_type: &'static str, bytes: Vec<u8>) {
        self.body = Some((content_type, bytes));
    }
}

/// A response: status, headers and the whole body.
#[derive(Debug)]
pub struct Response {
    /// The HTTP status.
    pub status: u16,
    /// The body as received.
    pub body: Vec<u8>,
}

impl Response {
    /// Decodes the body as JSON into `T`.
    pub fn json<T: serde::de::DeserializeOwned, E>(&self) -> Result<T, Error<E>> {
        super::json::from_json(&self.body).map_err(|e| Error::Decode {
            status: self.status,
            message: e.to_string(),
            snippet: self.snippet(),
        })
    }

    /// The body as text (lossy UTF-8).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The first 200 characters of the body.
    pub fn snippet(&self) -> String {
        let text = self.text();
        match text.char_indices().nth(200) {
            Some((end, _)) => format!("{}…", &text[..end]),
            None => text,
        }
    }

    /// The declared error response whose JSON body `variant` holds, as an [`Error::Api`].
    pub fn json_error<T: serde::de::DeserializeOwned, E, S>(
        &self,
        variant: impl FnOnce(T) -> E,
    ) -> Result<S, Error<E>> {
        let body = self.json::<T, E>()?;
        Err(self.api_error(variant(body)))
    }

    /// An [`Error::Api`] holding `body`.
    pub fn api_error<E>(&self, body: E) -> Error<E> {
        Error::Api {
            status: self.status,
            body,
            raw: self.text(),
        }
    }

    /// An [`Error::UnexpectedStatus`].
    pub fn unexpected<E>(&self) -> Error<E> {
        Error::UnexpectedStatus {
            status: self.status,
            snippet: self.snippet(),
        }
    }
}

/// Sends `request`, unless it was refused, and reads the answer with `decode`.
pub async fn send<T, E>(
    transport: &Transport,
    request: Request,
    decode: impl FnOnce(Response) -> Result<T, Error<E>>,
) -> Result<T, Error<E>> {
    let response = execute(transport, request).await?;
    decode(response)
}

/// Sends `request`, retrying as the policy and the method allow; a refused request is
/// not sent, and its refusal is the error.
pub async fn execute<E>(transport: &Transport, mut request: Request) -> Result<Response, Error<E>> {
    match request.refusal.take() {
        Some(Refusal::Validation(violations)) => return Err(Error::Validation(violations)),
        Some(Refusal::MissingCredentials(needed)) => {
            return Err(Error::MissingCredentials { needed });
        }
        Some(Refusal::Invalid(message)) => return Err(Error::InvalidRequest(message)),
        None => {}
    }
    let idempotent = matches!(
        request.method.as_str(),
        "GET" | "HEAD" | "OPTIONS" | "PUT" | "DELETE" | "TRACE"
    );
    let mut url =
        reqwest::Url::parse(&format!("{}{}", transport.base_url, request.path)).map_err(|e| {
            Error::InvalidRequest(format!(
                "bad URL {}{}: {e}",
                transport.base_url, request.path
            ))
        })?;
    if !request.query.is_empty() {
        url.query_pairs_mut().extend_pairs(&request.query);
    }
    let mut retry = 0;
    loop {
        let outcome = attempt(transport, &request, url.clone()).await;
        let (retryable, retry_after) = match &outcome {
            Ok((response, retry_after)) => match response.status {
                408 | 429 | 503 => (true, *retry_after),
                500..=599 => (idempotent, *retry_after),
                _ => (false, None),
            },
            Err(Error::Transport(e)) => (idempotent || e.is_connect(), None),
            Err(Error::Timeout) => (idempotent, None),
            Err(_) => (false, None),
        };
        let outcome = outcome.map(|(response, _)| response);
        let allowed_wait = retry_after.is_none_or(|wait| wait <= transport.retry.max_backoff);
        if !retryable || retry >= transport.retry.max_retries || !allowed_wait {
            return outcome;
        }
        tokio::time::sleep(transport.retry.wait(retry, retry_after)).await;
        retry += 1;
    }
}

async fn attempt<E>(
    transport: &Transport,
    request: &Request,
    url: reqwest::Url,
) -> Result<(Response, Option<Duration>), Error<E>> {
    let mut builder = transport
        .http
        .request(request.method.clone(), url)
        .timeout(transport.timeout)
        .header(reqwest::header::USER_AGENT, &transport.user_agent)
        .header(reqwest::header::ACCEPT, "application/json");
    for (name, value) in &request.headers {
        let value = reqwest::header::HeaderValue::from_str(value)
            .map_err(|_| Error::InvalidRequest(format!("header `{name}` cannot hold {value:?}")))?;
        builder = builder.header(*name, value);
    }
    if !request.cookies.is_empty() {
        let cookie = request
            .cookies
            .iter()
            .map(|(n, v)| format!("{n}={}", encode_component(v)))
            .collect::<Vec<_>>()
            .join("; ");
        builder = builder.header(reqwest::header::COOKIE, cookie);
    }
    if let Some((content_type, bytes)) = &request.body {
        builder = builder
            .header(reqwest::header::CONTENT_TYPE, *content_type)
            .body(bytes.clone());
    }
    let response = builder.send().await.map_err(transport_error)?;
    let status = response.status().as_u16();
    let retry_after = response
        .headers()
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(parse_retry_after);
    let body = response.bytes().await.map_err(transport_error)?.to_vec();
    Ok((Response { status, body }, retry_after))
}

fn transport_error<E>(e: reqwest::Error) -> Error<E> {
    if e.is_timeout() {
        Error::Timeout
    } else {
        Error::Transport(e)
    }
}

/// `Retry-After` as delay-seconds or an HTTP date (IMF-fixdate).
fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = parse_http_date(value)?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs();
    Some(Duration::from_secs(at.saturating_sub(now)))
}

/// Seconds since the epoch of an IMF-fixdate such as `Sun, 06 Nov 1994 08:49:37 GMT`.
fn parse_http_date(value: &str) -> Option<u64> {
    let parts: Vec<&str> = value.split_whitespace().collect();
    let [_, day, month, year, time, "GMT"] = parts.as_slice() else {
        return None;
    };
    let month = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    .iter()
    .position(|m| m == month)? as u64
        + 1;
    let (day, year): (u64, u64) = (day.parse().ok()?, year.parse().ok()?);
    let mut hms = time.split(':').map(|n| n.parse::<u64>().ok());
    let (h, m, s) = (hms.next()??, hms.next()??, hms.next()??);
    // Days from the civil date (proleptic Gregorian), after Howard Hinnant's algorithm.
    let (y, mo) = if month <= 2 {
        (year - 1, month + 9)
    } else {
        (year, month - 3)
    };
    let era = y / 400;
    let yoe = y - era * 400;
    let doy = (153 * mo + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = (era * 146_097 + doe).checked_sub(719_468)?;
    Some(days * 86_400 + h * 3_600 + m * 60 + s)
}

/// Whether a parameter's value is `None` (or the JSON `null`): then it is not sent.
fn is_null<T: serde::Serialize + ?Sized>(value: &T) -> bool {
    matches!(serde_json::to_value(value), Ok(serde_json::Value::Null))
}

/// A path parameter as one percent-encoded segment: its text (as [`param_text`] writes
/// it) with everything but the unreserved characters encoded.
pub fn segment<T: serde::Serialize>(value: T) -> String {
    encode_component(&param_text(&value))
}

/// A parameter value as text: strings as they are, other JSON values as JSON, arrays
/// comma-separated (`style: simple`).
pub fn param_text<T: serde::Serialize + ?Sized>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::Array(items)) => items.iter().map(text).collect::<Vec<_>>().join(","),
        Ok(other) => text(&other),
        Err(_) => String::new(),
    }
}

fn text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Percent-encodes everything but the unreserved characters (RFC 3986), so a path
/// parameter can hold `/`, `?`, spaces or any Unicode text and stay one segment.
pub fn encode_component(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}
