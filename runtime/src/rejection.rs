//! Answering: rejections (as the declared error schema or RFC 9457 problem+json), and
//! the responses handlers build.

use axum::http::{HeaderValue, header};

// The axum items every server module names, in scope wherever this module is.
pub use axum::http::StatusCode;
pub use axum::response::{IntoResponse, Response};

use super::validation::Violation;

/// How a rejection is answered in one of an operation's declared error schemas.
pub type Renderer = fn(&Rejection) -> Response;

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
    /// The `WWW-Authenticate` challenge of a 401.
    pub challenge: Option<String>,
}

impl Rejection {
    /// A rejection with one explanation.
    pub fn new(status: StatusCode, title: &'static str, detail: impl Into<String>) -> Self {
        let fallbacks: &'static [u16] = match status.as_u16() {
            400 => &[422],
            422 => &[400],
            _ => &[],
        };
        Self {
            status,
            title,
            detail: detail.into(),
            errors: Vec::new(),
            fallbacks,
            challenge: None,
        }
    }

    /// 401 for a request without the credentials the operation needs; `challenge` is the
    /// `WWW-Authenticate` value naming the schemes that would do.
    pub fn unauthorized(challenge: String, needed: &str) -> Self {
        let detail = format!("this operation needs credentials: {needed}");
        Self {
            challenge: Some(challenge),
            ..Self::new(StatusCode::UNAUTHORIZED, "Missing credentials", detail)
        }
    }

    /// 401 for credentials that `Api::authenticate` refused.
    pub fn invalid_credentials() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "Invalid credentials",
            "the credentials given are not accepted",
        )
    }

    /// `Ok` when `violations` is empty, else the rejection listing them with `status`.
    pub fn check(violations: Vec<Violation>, status: StatusCode) -> Result<(), Self> {
        if violations.is_empty() {
            Ok(())
        } else {
            Err(Self::invalid(status, violations))
        }
    }

    /// The title and the detail in one line, for error schemas with one message field.
    pub fn message(&self) -> String {
        format!("{}: {}", self.title, self.detail)
    }

    /// The rejection for failed validation.
    pub fn invalid(status: StatusCode, errors: Vec<Violation>) -> Self {
        let detail = errors
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("; ");
        Self {
            errors,
            ..Self::new(
                status,
                "The request breaks the API description's constraints",
                detail,
            )
        }
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
        self.with_challenge(json_response(
            self.status,
            "application/problem+json",
            &body,
        ))
    }

    /// The rejection answered by the first of `renderers` registered for its status (an
    /// operation's declared error schemas), or as a problem document when none is.
    pub fn answer(&self, renderers: &[(StatusCode, Renderer)]) -> Response {
        match renderers.iter().find(|(status, _)| *status == self.status) {
            Some((_, render)) => render(self),
            None => self.problem(),
        }
    }

    /// The rejection answered with `body`, a value of the error schema the operation
    /// declares for the status.
    pub fn respond<T: serde::Serialize>(&self, body: &T) -> Response {
        self.with_challenge(json_response(self.status, "application/json", body))
    }

    fn with_challenge(&self, mut response: Response) -> Response {
        if let Some(value) = self
            .challenge
            .as_deref()
            .and_then(|c| HeaderValue::from_str(c).ok())
        {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, value);
        }
        response
    }
}

/// The status for a code that `StatusCode` has no constant for (`from_u16` takes every
/// code from 100 to 999).
pub fn status(code: u16) -> StatusCode {
    StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// A JSON response.
pub fn json_response<T: serde::Serialize + ?Sized>(
    status: StatusCode,
    content_type: &'static str,
    body: &T,
) -> Response {
    match serde_json::to_vec(body) {
        Ok(bytes) => (
            status,
            [(header::CONTENT_TYPE, HeaderValue::from_static(content_type))],
            bytes,
        )
            .into_response(),
        Err(e) => {
            let rejection = Rejection::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "The response could not be encoded",
                e.to_string(),
            );
            (rejection.status, rejection.detail).into_response()
        }
    }
}

/// An `application/json` response.
pub fn json<T: serde::Serialize + ?Sized>(status: StatusCode, body: &T) -> Response {
    json_response(status, "application/json", body)
}

/// A response without a body.
pub fn empty_response(status: StatusCode) -> Response {
    status.into_response()
}

/// 404 for paths the API description does not have.
pub async fn not_found(uri: axum::http::Uri) -> Response {
    Rejection::new(
        StatusCode::NOT_FOUND,
        "No such path",
        format!("`{}` is not a path of this API", uri.path()),
    )
    .problem()
}

/// 405 with `Allow` for a method a path does not have.
pub fn method_not_allowed(allow: &'static str) -> Response {
    allow_only(allow, HeaderValue::from_static(allow))
}

/// 405 with `Allow` for a path whose methods depend on the per-tag features compiled in.
pub fn method_not_allowed_among(methods: &[&str]) -> Response {
    let allow = methods.join(", ");
    // Method names are tokens, always a valid header value.
    let value = HeaderValue::from_str(&allow).unwrap_or_else(|_| HeaderValue::from_static(""));
    allow_only(&allow, value)
}

fn allow_only(allow: &str, value: HeaderValue) -> Response {
    let mut response = Rejection::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "Method not allowed",
        format!("this path supports {allow}"),
    )
    .problem();
    response.headers_mut().insert(header::ALLOW, value);
    response
}

/// A response with a body of another media type than JSON: text or bytes.
pub fn raw_response(
    status: StatusCode,
    content_type: &'static str,
    body: impl Into<axum::body::Body>,
) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, HeaderValue::from_static(content_type))],
        body.into(),
    )
        .into_response()
}

/// What a handler answers: the operation's reply, or the rejection settled to a status the
/// operation documents ([`Rejection::settle`] with `documented` and `any_client_error`)
/// and answered in the error schema registered for that status ([`Rejection::answer`];
/// with no `renderers`, as problem+json).
pub fn reply<R: IntoResponse>(
    outcome: Result<R, Rejection>,
    documented: &[u16],
    any_client_error: bool,
    renderers: &[(StatusCode, Renderer)],
) -> Response {
    match outcome {
        Ok(reply) => reply.into_response(),
        Err(rejection) => rejection
            .settle(documented, any_client_error)
            .answer(renderers),
    }
}

/// [`reply`] for a handler: awaits the outcome of reading the request and calling the
/// operation, then answers it.
pub async fn answer<R: IntoResponse>(
    outcome: impl Future<Output = Result<R, Rejection>>,
    documented: &'static [u16],
    any_client_error: bool,
    renderers: &'static [(StatusCode, Renderer)],
) -> Response {
    reply(outcome.await, documented, any_client_error, renderers)
}

/// Sets the response header `name` to `value` when there is one. A value that cannot be a
/// header (a control character in it) is left out rather than failing the response.
pub fn insert_header<T: serde::Serialize + ?Sized>(
    response: &mut Response,
    name: &'static str,
    value: Option<&T>,
) {
    if let Some(value) = value.and_then(|v| HeaderValue::from_str(&header_value_text(v)).ok()) {
        response.headers_mut().insert(name, value);
    }
}

/// A header value as text: strings as they are, other JSON values as JSON.
pub fn header_value_text<T: serde::Serialize + ?Sized>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(text)) => text,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}
