//! The `client` module: the `Client` with one credential setter per security scheme and
//! one method per operation (a plain function returning the runtime's `send` future), and
//! per-operation enums of the declared error responses. What they call is the runtime's
//! `transport` (`runtime/src/transport.rs`).

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::rust::{base_outside, ident, param_arg};
use super::{docs, features};
use crate::ir::plan::{names_a_type, request_names_a_type, validates_via_trait};
use crate::ir::{
    Api, Operation, Param, ParamLocation, Payload, Response, SchemeKind, SecurityScheme, Status,
    Ty, TyKind,
};

/// Methods every generated `Client` has besides the operations.
pub const METHODS: &[&str] = &[
    "new",
    "default",
    "clone",
    "fmt",
    "with_http_client",
    "with_timeout",
    "with_user_agent",
    "with_retry_policy",
    "without_retries",
    "base_url",
];

/// Types and imports of the client module besides the per-operation enums.
pub const TYPES: &[&str] = &[
    "Client",
    "Error",
    "RetryPolicy",
    "Transport",
    "Request",
    "Response",
    "Violations",
    "Path",
    "Validate",
    "Duration",
    "Method",
];

/// The opening of `src/client.rs`: its documentation and the lints its code allows, kept
/// as text so the reasons stay beside them.
pub const HEADER: &str = r#"//! The async HTTP client (reqwest): one method per operation.
//!
//! Each method validates its request before anything is sent, applies the credentials the
//! operation needs, retries what is safe to retry, and decodes the response: the success
//! body into its type, each error status the API description declares into its declared
//! type ([`Error::Api`]), anything else into an error that keeps the status and a snippet.
//!
//! Retries (on by default, see [`RetryPolicy`]): connection failures, 408, 429 and 5xx,
//! with exponential backoff and full jitter, waiting as long as `Retry-After` asks when the
//! server sends it. Idempotent methods (GET, HEAD, OPTIONS, PUT, DELETE, TRACE) retry on all
//! of these. POST and PATCH retry only when the server cannot have acted on the request: the
//! connection was never made, or the answer is 408, 429 or 503 (the server says it did not
//! process it); never after a timeout or another 5xx, which could repeat a side effect.

// Replies and errors hold the API's own types, whose sizes differ as the spec makes them;
// boxing them would only make matching on them clumsier.
// Parameter names come from the API description, whatever they are (`foo` included).
// A method's return type spells out the response it decodes into
// (`impl Future<Output = Result<Vec<HashMap<String, Value>>, Error<..>>>`); an alias per
// operation would only hide it.
#![allow(
    clippy::large_enum_variant,
    clippy::result_large_err,
    clippy::disallowed_names,
    clippy::type_complexity
)]
"#;

/// Which items of the module one formatting job makes; in this order they are the module.
#[derive(Clone, Debug)]
pub enum Part {
    /// The imports, `Client` and its settings.
    Head,
    /// An `impl Client` block with the methods of these operations. A large API has
    /// several such blocks, one per formatting job.
    Methods(std::ops::Range<usize>),
    /// The outcome enums of these operations.
    Enums(std::ops::Range<usize>),
}

/// The generated part of `src/client.rs`: the items of `part`.
pub fn module(api: &Api, part: &Part) -> TokenStream {
    match part {
        Part::Head => head(api),
        Part::Methods(range) => {
            let methods = api.operations[range.clone()]
                .iter()
                .map(|op| features::gate(&features::of_operation(api, op), method(api, op)));
            quote! {
                impl Client {
                    #(#methods)*
                }
            }
        }
        Part::Enums(range) => {
            let enums = api.operations[range.clone()].iter().flat_map(|op| {
                let cfg = features::of_operation(api, op);
                outcome_enums(api, op)
                    .into_iter()
                    .map(move |tokens| features::gate(&cfg, tokens))
            });
            quote!(#(#enums)*)
        }
    }
}

/// The imports, the default base URL and `Client` with its settings.
fn head(api: &Api) -> TokenStream {
    let client = client_struct(api);
    let allowance = features::module_allowance(api);
    let default_url = api.servers.first().map(|server| {
        let url = &server.url;
        quote! {
            /// The first server of the API description.
            pub const DEFAULT_BASE_URL: &str = #url;

            impl Default for Client {
                /// A client for [`DEFAULT_BASE_URL`].
                fn default() -> Self {
                    Self::new(DEFAULT_BASE_URL)
                }
            }
        }
    });
    // `Path` is named only where the body's violations join others (or may be absent).
    let checks: Vec<(bool, BodyCheck)> = api
        .operations
        .iter()
        .filter_map(|op| Some((op.names.parameter_check.is_some(), body_check(api, op)?)))
        .collect();
    let names_path = checks
        .iter()
        .any(|(parameters, body)| *parameters || matches!(body, BodyCheck::IfGiven));
    let validate_imports = match (checks.is_empty(), names_path) {
        (true, _) => None,
        (false, true) => Some(quote!(
            use super::validate::{Path, Validate as _};
        )),
        (false, false) => Some(quote!(
            use super::validate::Validate as _;
        )),
    };
    let types_import = uses_types(api).then(|| {
        quote!(
            use super::types;
        )
    });
    let method_import = (!api.operations.is_empty()).then(|| {
        quote!(
            use reqwest::Method;
        )
    });
    quote! {
        #allowance

        #method_import

        pub use super::runtime::transport::{Error, RetryPolicy};
        use super::runtime::transport::*;
        #types_import
        #validate_imports

        #default_url

        #client
    }
}

/// Whether the methods or enums name a type of the `types` module: a parameter, a JSON
/// body or a JSON response whose type is (or holds) a named type.
fn uses_types(api: &Api) -> bool {
    api.operations.iter().any(|op| {
        request_names_a_type(op)
            || op
                .responses
                .iter()
                .filter_map(|r| r.payload.json())
                .any(names_a_type)
    })
}

fn credential_type(scheme: &SecurityScheme) -> TokenStream {
    match scheme.kind {
        SchemeKind::Basic => quote!(Option<(String, String)>),
        _ => quote!(Option<String>),
    }
}

fn client_struct(api: &Api) -> TokenStream {
    let fields = api.security_schemes.iter().map(|s| {
        let name = ident(&s.ident);
        let ty = credential_type(s);
        quote!(#name: #ty,)
    });
    let inits = api.security_schemes.iter().map(|s| {
        let name = ident(&s.ident);
        quote!(#name: None,)
    });
    let debug_fields = api.security_schemes.iter().map(|s| {
        let name = ident(&s.ident);
        let label = &s.ident;
        quote!(.field(#label, &self.#name.as_ref().map(|_| format_args!("<redacted>"))))
    });
    let setters = api.security_schemes.iter().map(setter);
    let title = format!(" A client for {}.", docs::one_line(&api.title));
    quote! {
        #[doc = #title]
        ///
        /// Cheap to clone: clones share the connection pool.
        #[derive(Clone)]
        pub struct Client {
            transport: Transport,
            #(#fields)*
        }

        impl std::fmt::Debug for Client {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct("Client")
                    .field("base_url", &self.transport.base_url)
                    #(#debug_fields)*
                    .finish_non_exhaustive()
            }
        }

        impl Client {
            /// A client for `base_url`, with a 30 s timeout and the default [`RetryPolicy`].
            pub fn new(base_url: impl AsRef<str>) -> Self {
                Self {
                    transport: Transport::new(base_url.as_ref()),
                    #(#inits)*
                }
            }

            /// Sends through `http` instead of a client of its own (to share a connection
            /// pool, or set proxies, TLS roots or default headers).
            pub fn with_http_client(mut self, http: reqwest::Client) -> Self {
                self.transport.http = http;
                self
            }

            /// The timeout of each attempt.
            pub fn with_timeout(mut self, timeout: std::time::Duration) -> Self {
                self.transport.timeout = timeout;
                self
            }

            /// The `User-Agent` header.
            pub fn with_user_agent(mut self, user_agent: impl Into<String>) -> Self {
                self.transport.user_agent = user_agent.into();
                self
            }

            /// How to retry (see the module documentation for what is retried).
            pub fn with_retry_policy(mut self, policy: RetryPolicy) -> Self {
                self.transport.retry = policy;
                self
            }

            /// No retries: every call makes exactly one attempt.
            pub fn without_retries(self) -> Self {
                self.with_retry_policy(RetryPolicy::none())
            }

            /// The base URL requests go to.
            pub fn base_url(&self) -> &str {
                &self.transport.base_url
            }

            #(#setters)*
        }
    }
}

fn setter(scheme: &SecurityScheme) -> TokenStream {
    let field = ident(&scheme.ident);
    let name = ident(&format!("with_{}", scheme.ident));
    let how = match &scheme.kind {
        SchemeKind::Bearer => "sent as `Authorization: Bearer <token>`".to_owned(),
        SchemeKind::Basic => "sent as HTTP basic authentication".to_owned(),
        SchemeKind::ApiKeyHeader(h) => format!("sent in the `{h}` header"),
        SchemeKind::ApiKeyQuery(q) => format!("sent as the `{q}` query parameter"),
        SchemeKind::ApiKeyCookie(c) => format!("sent as the `{c}` cookie"),
    };
    let mut lines = vec![format!(
        "Credentials for the `{}` security scheme, {how}.",
        scheme.key
    )];
    if let Some(description) = &scheme.description {
        lines.push(String::new());
        lines.extend(docs::sanitize(description));
    }
    let doc = docs::lines_to_attrs(&lines);
    match scheme.kind {
        SchemeKind::Basic => quote! {
            #doc
            pub fn #name(mut self, username: impl Into<String>, password: impl Into<String>) -> Self {
                self.#field = Some((username.into(), password.into()));
                self
            }
        },
        SchemeKind::Bearer => quote! {
            #doc
            pub fn #name(mut self, token: impl Into<String>) -> Self {
                self.#field = Some(token.into());
                self
            }
        },
        _ => quote! {
            #doc
            pub fn #name(mut self, key: impl Into<String>) -> Self {
                self.#field = Some(key.into());
                self
            }
        },
    }
}

/// The Rust type a response body is read into.
fn payload_type(api: &Api, payload: &Payload) -> Option<TokenStream> {
    match payload {
        Payload::Empty => None,
        Payload::Json(ty) => Some(json_type(api, ty)),
        Payload::Text => Some(quote!(String)),
        Payload::Form(_) | Payload::Multipart(_) | Payload::Bytes => Some(quote!(Vec<u8>)),
    }
}

fn json_type(api: &Api, ty: &Ty) -> TokenStream {
    let base = base_outside(api, ty);
    if ty.nullable && ty.kind != TyKind::Any {
        quote!(Option<#base>)
    } else {
        base
    }
}

/// Tokens that decode `response` into the payload's type. An error arm still needs the
/// response for its status and raw text, so it copies the bytes; a success arm takes them.
fn decode(payload: &Payload, success: bool) -> TokenStream {
    match payload {
        Payload::Empty => quote!(()),
        Payload::Json(_) => quote!(response.json()?),
        Payload::Text => quote!(response.text()),
        Payload::Form(_) | Payload::Multipart(_) | Payload::Bytes if success => {
            quote!(response.body)
        }
        Payload::Form(_) | Payload::Multipart(_) | Payload::Bytes => {
            quote!(response.body.clone())
        }
    }
}

fn is_success(response: &Response, has_2xx: bool) -> bool {
    match response.status {
        Status::Code(code) => (200..300).contains(&code),
        Status::Range(class) => class == 2,
        Status::Default => !has_2xx,
    }
}

fn has_2xx(op: &Operation) -> bool {
    op.responses
        .iter()
        .any(|r| matches!(r.status, Status::Code(200..=299) | Status::Range(2)))
}

/// The success type: one type when every success response has the same body, else an enum.
fn success_type(api: &Api, op: &Operation) -> (TokenStream, bool) {
    let has_2xx = has_2xx(op);
    let successes: Vec<&Response> = op
        .responses
        .iter()
        .filter(|r| is_success(r, has_2xx))
        .collect();
    let types: Vec<Option<String>> = successes
        .iter()
        .map(|r| payload_type(api, &r.payload).map(|t| t.to_string()))
        .collect();
    if types.windows(2).all(|w| w[0] == w[1]) {
        let ty = successes
            .first()
            .and_then(|r| payload_type(api, &r.payload))
            .unwrap_or(quote!(()));
        (ty, false)
    } else {
        let name = ident(&op.names.success);
        (quote!(#name), true)
    }
}

fn outcome_enums(api: &Api, op: &Operation) -> Vec<TokenStream> {
    let has_2xx = has_2xx(op);
    let mut out = Vec::new();
    let (_, success_is_enum) = success_type(api, op);
    let enum_of = |name: String, doc: String, responses: Vec<&Response>| {
        let name = ident(&name);
        let variants = responses.iter().map(|r| {
            let variant = ident(&r.name);
            let doc = docs::lines_to_attrs(&response_doc(r));
            match payload_type(api, &r.payload) {
                Some(ty) => quote!(#doc #variant(#ty),),
                None => quote!(#doc #variant,),
            }
        });
        quote! {
            #[doc = #doc]
            #[derive(Clone, Debug, PartialEq)]
            pub enum #name {
                #(#variants)*
            }
        }
    };
    if success_is_enum {
        let successes = op
            .responses
            .iter()
            .filter(|r| is_success(r, has_2xx))
            .collect();
        out.push(enum_of(
            op.names.success.clone(),
            format!(" The successful responses of `{}`.", op.fn_name),
            successes,
        ));
    }
    let errors: Vec<&Response> = op
        .responses
        .iter()
        .filter(|r| !is_success(r, has_2xx))
        .collect();
    if !errors.is_empty() {
        out.push(enum_of(
            op.names.error.clone(),
            format!(" The error responses `{}` declares.", op.fn_name),
            errors,
        ));
    }
    out
}

fn response_doc(response: &Response) -> Vec<String> {
    let status = match response.status {
        Status::Code(code) => code.to_string(),
        Status::Range(class) => format!("{class}XX"),
        Status::Default => "Any other status".to_owned(),
    };
    let mut lines = vec![format!("`{status}`")];
    if !response.description.is_empty() {
        lines[0].push_str(": ");
        let mut description = docs::sanitize(&response.description);
        if let Some(first) = description.first_mut() {
            lines[0].push_str(first);
            description.remove(0);
        }
        lines.extend(description);
    }
    lines
}

fn method(api: &Api, op: &Operation) -> TokenStream {
    let name = ident(&op.fn_name);
    let docs = method_docs(op);
    let (success, success_is_enum) = success_type(api, op);
    let error_ty = if op.responses.iter().any(|r| !is_success(r, has_2xx(op))) {
        let error = ident(&op.names.error);
        quote!(#error)
    } else {
        quote!(std::convert::Infallible)
    };
    let mut args: Vec<TokenStream> = op
        .params
        .iter()
        .map(|p| {
            let arg = ident(&p.ident);
            let ty = param_arg(api, &p.ty, p.required);
            quote!(#arg: #ty)
        })
        .collect();
    let body = op.body.as_ref().map(|body| {
        let json = body.payload.json();
        let ty = match json {
            Some(ty) => param_arg(api, ty, body.required),
            None if body.required => quote!(Vec<u8>),
            None => quote!(Option<Vec<u8>>),
        };
        args.push(quote!(body: #ty));
        (json.is_some(), body)
    });
    let too_many = (args.len() > 6).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let validation = validation(api, op);
    let path = path_expr(op);
    let method = ident(&op.method);
    let params = op
        .params
        .iter()
        .filter(|p| p.location != ParamLocation::Path)
        .map(param_into_request);
    let body_into = body.map(|(json, body)| {
        let set = if json && body.required && nullable_body(body) {
            // Required but nullable: `None` is sent as the JSON `null`.
            quote!(request.json(&body);)
        } else if json {
            quote!(request.json(body);)
        } else {
            let ct = &body.content_type;
            quote!(request.raw_body(#ct, body);)
        };
        if body.required {
            set
        } else {
            quote!(if let Some(body) = body { #set })
        }
    });
    let auth = auth(api, op);
    let params: Vec<TokenStream> = params.collect();
    let mutated =
        !validation.is_empty() || !params.is_empty() || body_into.is_some() || !auth.is_empty();
    let request_binding = if mutated {
        quote!(mut request)
    } else {
        quote!(request)
    };
    let arms = response_arms(api, op, success_is_enum);
    let decode = match arms.as_slice() {
        // Only `default` declared: every status gets the same answer.
        [(pattern, body)] if pattern.to_string() == "_" => {
            if body.to_string().contains("response") {
                quote!(|response| #body)
            } else {
                quote!(|_| #body)
            }
        }
        _ => {
            let arms = arms
                .iter()
                .map(|(pattern, body)| quote!(#pattern => #body,));
            quote!(|response| match response.status { #(#arms)* })
        }
    };
    // A plain function, not an `async fn`: the request is built (and refused, if it must
    // be) before the first poll, and the one state machine is the runtime's `send`, shared
    // by every operation. Checking a crate of hundreds of operations costs much less so.
    quote! {
        #docs
        #too_many
        pub fn #name(&self, #(#args),*) -> impl Future<Output = Result<#success, Error<#error_ty>>> {
            let #request_binding = Request::new(Method::#method, #path);
            #validation
            #(#params)*
            #body_into
            #auth
            send(&self.transport, request, #decode)
        }
    }
}

fn method_docs(op: &Operation) -> TokenStream {
    let mut lines = Vec::new();
    if let Some(summary) = &op.summary {
        lines.extend(docs::sanitize(summary));
    }
    if let Some(description) = &op.description {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.extend(docs::sanitize(description));
    }
    if !lines.is_empty() {
        lines.push(String::new());
    }
    lines.push(format!(
        "Sends `{} {}`.",
        op.method,
        op.path.replace('`', "'")
    ));
    if op.deprecated {
        lines.push(String::new());
        lines.push("**Deprecated** in the API description.".to_owned());
    }
    docs::lines_to_attrs(&lines)
}

/// Checks the parameters and the body before anything is sent.
fn validation(api: &Api, op: &Operation) -> TokenStream {
    let parameters = op.names.parameter_check.as_ref().map(|function| {
        let function = ident(function);
        let args = op
            .params
            .iter()
            .filter(|p| p.checked)
            .map(|p| ident(&p.ident));
        quote!(super::validate::#function(#(#args),*))
    });
    match (parameters, body_check(api, op)) {
        (None, None) => quote!(),
        (Some(parameters), None) => quote!(request.check(#parameters);),
        (None, Some(BodyCheck::Whole)) => quote!(request.check(body.violations());),
        (parameters, Some(body)) => {
            let start = parameters.unwrap_or_else(|| quote!(Vec::new()));
            let body = match body {
                BodyCheck::Whole => quote!(body.validate_at(&Path::Root, &mut violations);),
                BodyCheck::IfGiven => quote!(if let Some(body) = body {
                    body.validate_at(&Path::Root, &mut violations);
                }),
            };
            quote! {
                let mut violations = #start;
                #body
                request.check(violations);
            }
        }
    }
}

/// How the request body is checked.
enum BodyCheck {
    /// It is always there.
    Whole,
    /// It is an `Option`.
    IfGiven,
}

/// The check of the request body, when its type implements `Validate`.
fn body_check(api: &Api, op: &Operation) -> Option<BodyCheck> {
    let body = op.body.as_ref()?;
    let checked = body
        .payload
        .json()
        .is_some_and(|ty| validates_via_trait(api, ty));
    if !checked {
        return None;
    }
    Some(if body.required && !nullable_body(body) {
        BodyCheck::Whole
    } else {
        BodyCheck::IfGiven
    })
}

/// Whether a body's schema allows `null`, which makes even a required body an `Option`.
fn nullable_body(body: &crate::ir::RequestBody) -> bool {
    body.payload
        .json()
        .is_some_and(|ty| ty.nullable && ty.kind != TyKind::Any)
}

/// The path expression, each path parameter percent-encoded as one segment:
/// `format!("/webhooks/{}/rotate-secret", segment(id))`.
fn path_expr(op: &Operation) -> TokenStream {
    let mut template = String::new();
    let mut segments = Vec::new();
    let mut rest = op.path.as_str();
    let escape = |text: &str| text.replace('{', "{{").replace('}', "}}");
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        template.push_str(&escape(&rest[..start]));
        let name = &rest[start + 1..start + len];
        match op
            .params
            .iter()
            .find(|p| p.location == ParamLocation::Path && p.name == name)
        {
            Some(param) => {
                template.push_str("{}");
                let arg = ident(&param.ident);
                segments.push(quote!(segment(#arg)));
            }
            None => template.push_str(&escape(&rest[start..=start + len])),
        }
        rest = &rest[start + len + 1..];
    }
    template.push_str(&escape(rest));
    if segments.is_empty() {
        let literal = op.path.clone();
        quote!(#literal)
    } else {
        quote!(format!(#template, #(#segments),*))
    }
}

fn param_into_request(param: &Param) -> TokenStream {
    let arg = ident(&param.ident);
    let name = &param.name;
    let explode = param.encoding.explode;
    let set = |value: TokenStream| match param.location {
        ParamLocation::Query => quote!(request.query(#name, #value, #explode);),
        ParamLocation::Header => quote!(request.header(#name, #value);),
        ParamLocation::Cookie => quote!(request.cookie(#name, #value);),
        ParamLocation::Path => quote!(),
    };
    // An optional value is passed as the `Option` it is: `None` adds nothing.
    let optional = !param.required || (param.ty.nullable && param.ty.kind != TyKind::Any);
    if optional || super::rust::by_value(&param.ty) {
        set(quote!(&#arg))
    } else {
        set(quote!(#arg))
    }
}

/// Applies the first security alternative whose credentials are all set.
fn auth(api: &Api, op: &Operation) -> TokenStream {
    let optional = op.security.optional;
    let mut branches = Vec::new();
    let mut needed = Vec::new();
    for alternative in &op.security.alternatives {
        let schemes: Vec<&SecurityScheme> = alternative
            .iter()
            .map(|&id| &api.security_schemes[id])
            .collect();
        needed.push(
            schemes
                .iter()
                .map(|s| format!("`{}`", s.key))
                .collect::<Vec<_>>()
                .join(" + "),
        );
        let fields = schemes.iter().map(|s| {
            let f = ident(&s.ident);
            quote!(&self.#f)
        });
        let bindings: Vec<TokenStream> = schemes
            .iter()
            .map(|s| {
                let b = ident(&format!("credential_{}", s.ident));
                quote!(Some(#b))
            })
            .collect();
        let applies = schemes.iter().map(|s| apply_scheme(s));
        branches.push(
            if let ([binding], [field]) =
                (bindings.as_slice(), fields.collect::<Vec<_>>().as_slice())
            {
                quote!(if let #binding = #field { #(#applies)* })
            } else {
                let fields = schemes.iter().map(|s| {
                    let f = ident(&s.ident);
                    quote!(&self.#f)
                });
                quote!(if let (#(#bindings,)*) = (#(#fields,)*) { #(#applies)* })
            },
        );
    }
    if branches.is_empty() {
        return quote!();
    }
    let needed = needed.join(" or ");
    let otherwise = if optional {
        quote!()
    } else {
        quote!(else { request.missing_credentials(#needed); })
    };
    let mut chain = quote!();
    for (i, branch) in branches.iter().enumerate() {
        chain = if i == 0 {
            quote!(#branch)
        } else {
            quote!(#chain else #branch)
        };
    }
    quote!(#chain #otherwise)
}

fn apply_scheme(scheme: &SecurityScheme) -> TokenStream {
    let name = format!("credential_{}", scheme.ident);
    let value = ident(&name);
    match &scheme.kind {
        SchemeKind::Bearer => {
            let header = format!("Bearer {{{name}}}");
            quote!(request.header("authorization", &format!(#header));)
        }
        SchemeKind::Basic => quote! {
            let (username, password) = #value;
            let encoded = super::runtime::base64::encode_basic(username, password);
            request.header("authorization", &format!("Basic {encoded}"));
        },
        SchemeKind::ApiKeyHeader(name) => quote!(request.header(#name, #value);),
        SchemeKind::ApiKeyQuery(name) => quote!(request.query(#name, #value, true);),
        SchemeKind::ApiKeyCookie(name) => quote!(request.cookie(#name, #value);),
    }
}

fn response_arms(
    api: &Api,
    op: &Operation,
    success_is_enum: bool,
) -> Vec<(TokenStream, TokenStream)> {
    let has_2xx = has_2xx(op);
    let mut ordered: Vec<&Response> = op.responses.iter().collect();
    ordered.sort_by_key(|r| match r.status {
        Status::Code(_) => 0,
        Status::Range(_) => 1,
        Status::Default => 2,
    });
    let mut arms = Vec::new();
    let mut has_default = false;
    for response in ordered {
        let pattern = match response.status {
            Status::Code(code) => {
                let code = Literal::u16_unsuffixed(code);
                quote!(#code)
            }
            Status::Range(class) => {
                let (low, high) = (
                    Literal::u16_unsuffixed(u16::from(class) * 100),
                    Literal::u16_unsuffixed(u16::from(class) * 100 + 99),
                );
                quote!(#low..=#high)
            }
            Status::Default => {
                has_default = true;
                quote!(_)
            }
        };
        let payload = &response.payload;
        let value = decode(payload, is_success(response, has_2xx));
        let variant = ident(&response.name);
        let has_value = !matches!(payload, Payload::Empty);
        let body = if is_success(response, has_2xx) {
            if success_is_enum {
                let name = ident(&op.names.success);
                if has_value {
                    quote!(Ok(#name::#variant(#value)))
                } else {
                    quote!(Ok(#name::#variant))
                }
            } else if let Payload::Json(_) = payload {
                // Already the method's result: `Ok(response.json()?)` would unwrap and
                // rewrap it.
                quote!(response.json())
            } else {
                quote!(Ok(#value))
            }
        } else {
            let name = ident(&op.names.error);
            if has_value {
                if let Payload::Json(_) = payload {
                    quote!(response.json_error(#name::#variant))
                } else {
                    quote!(Err(response.api_error(#name::#variant(#value))))
                }
            } else {
                quote!(Err(response.api_error(#name::#variant)))
            }
        };
        arms.push((pattern, body));
    }
    if !has_2xx
        && !op
            .responses
            .iter()
            .any(|r| matches!(r.status, Status::Default))
    {
        // Nothing declared as success: any 2xx is taken as success without a body.
        arms.push((quote!(200..=299), quote!(Ok(()))));
    }
    if !has_default {
        arms.push((quote!(_), quote!(Err(response.unexpected()))));
    }
    let _ = api;
    arms
}

/// A crate-level example calling the simplest operation, compiled as a doc test
/// (`no_run`: it compiles, it does not call the real API) when the client, and the
/// feature of the operation it calls, are on.
pub fn doc_example(api: &Api, crate_name: &str) -> Option<Vec<String>> {
    let op = api.operations.iter().min_by_key(|op| example_cost(op))?;
    let condition = match op.feature.zip(api.features.as_ref()) {
        Some((group, features)) => format!(
            "all(feature = \"client\", feature = \"{}\")",
            features.groups[group].name
        ),
        None => "feature = \"client\"".to_owned(),
    };
    let crate_ident = crate_name.replace('-', "_");
    let base_url = api
        .servers
        .first()
        .map_or("https://api.example.com", |s| s.url.as_str());
    let mut lines = vec![
        "# Example".to_owned(),
        String::new(),
        "```no_run".to_owned(),
        format!("# #[cfg({condition})]"),
        "# async fn example() -> Result<(), Box<dyn std::error::Error>> {".to_owned(),
        format!("use {crate_ident}::client::Client;"),
        String::new(),
        format!("let client = Client::new({})", rust_string(base_url)),
    ];
    let scheme = op
        .security
        .alternatives
        .first()
        .map(|alternative| &api.security_schemes[alternative[0]]);
    if let Some(scheme) = scheme {
        let credentials = match scheme.kind {
            SchemeKind::Basic => "\"user\", \"password\"",
            _ => "\"your credential\"",
        };
        lines.push(format!("    .with_{}({credentials});", scheme.ident));
    } else if let Some(last) = lines.last_mut() {
        last.push(';');
    }
    let mut args = Vec::new();
    for param in &op.params {
        if !param.required {
            args.push("None".to_owned());
        } else if matches!(
            param.ty.kind,
            TyKind::String(crate::ir::StringFormat::Plain)
        ) {
            args.push(rust_string(&param.name));
        } else {
            let ty = base_outside(api, &param.ty).to_string().replace(' ', "");
            let ty = ty.replace("types::", &format!("{crate_ident}::types::"));
            lines.push(format!(
                "let {}: {ty} = serde_json::from_str(\"null\")?;",
                param.ident
            ));
            let by_value = super::rust::by_value(&param.ty);
            args.push(if by_value {
                param.ident.clone()
            } else {
                format!("&{}", param.ident)
            });
        }
    }
    if let Some(body) = &op.body {
        match body.payload.json() {
            Some(ty) => {
                let ty = base_outside(api, ty).to_string().replace(' ', "");
                let ty = ty.replace("types::", &format!("{crate_ident}::types::"));
                let example = body
                    .example
                    .as_ref()
                    .map_or_else(|| "null".to_owned(), serde_json::Value::to_string);
                lines.push(format!(
                    "let body: {ty} = serde_json::from_str(r#\"{}\"#)?;",
                    example.replace("\"#", "\\\"#")
                ));
                args.push(if body.required && !nullable_body(body) {
                    "&body".to_owned()
                } else {
                    "Some(&body)".to_owned()
                });
            }
            _ => args.push(if body.required {
                "Vec::new()".to_owned()
            } else {
                "None".to_owned()
            }),
        }
    }
    lines.push(format!(
        "let response = client.{}({}).await?;",
        op.fn_name,
        args.join(", ")
    ));
    lines.push("println!(\"{response:?}\");".to_owned());
    lines.push("# Ok(())".to_owned());
    lines.push("# }".to_owned());
    lines.push("```".to_owned());
    Some(lines)
}

/// Prefers operations that are simple to call in an example.
fn example_cost(op: &Operation) -> usize {
    op.params.iter().filter(|p| p.required).count() * 2
        + usize::from(op.body.as_ref().is_some_and(|b| b.example.is_none()))
}

fn rust_string(text: &str) -> String {
    format!("{text:?}")
}
