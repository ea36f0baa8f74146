//! The generated part of the `server` module: the `Api` trait, one reply enum per
//! operation, the router and its handlers; and, in [`mock`], the `mock` module that
//! implements the trait. What the handlers call is the runtime's `params` and `rejection`
//! (`runtime/src/params.rs`, `rejection.rs`).

pub mod mock;

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::rust::{Given, additional_ident, base_outside, by_value, field_value, ident};
use super::{docs, features};
use crate::ir::plan::{names_a_type, request_names_a_type, validates_via_trait};
use crate::ir::{
    Api, Operation, Param, ParamLocation, Payload, Response, ScalarKind, SchemeKind,
    SecurityScheme, Status, StringFormat, Struct, Ty, TyKind, TypeKind,
};

/// Types and imports of the server module besides the per-operation replies.
pub const TYPES: &[&str] = &[
    "Api",
    "Credentials",
    "Rejection",
    "Renderer",
    "BodyLimit",
    "Scheme",
    "ParamKind",
    "ParamSpec",
    "Explode",
    "Place",
    "Incoming",
    "Request",
    "Response",
    "State",
    "Arc",
    "IntoResponse",
    "HeaderMap",
    "HeaderValue",
    "StatusCode",
    "Path",
    "Validate",
    "Violation",
];

/// The opening of `src/server.rs`: its documentation and the lints its code allows, kept
/// as text so the reasons stay beside them.
pub const HEADER: &str = r#"//! axum server stubs: implement [`Api`] and serve [`router`].
//!
//! Before a method of [`Api`] runs, the router has checked the operation's security (no
//! or empty credentials: 401 with `WWW-Authenticate`), parsed the path, query, header and
//! cookie parameters (400 when one does not parse), checked the content type (415), read
//! the body within the limit (413), parsed it (400) and validated everything (every
//! violation is listed, with its JSON pointer and keyword). Errors use the error schema the
//! API description declares for that status when there is one, and RFC 9457
//! `application/problem+json` with an `errors` array otherwise. Unknown paths answer 404;
//! known paths with another method 405 with an `Allow` header.
//!
//! 401, 413, 415, 404 and 405 are answered as they are, documented or not: they say what
//! HTTP says they say. A parameter that does not parse answers 400, or the 422 (or, in the
//! path, the 404) the operation documents instead; validation failures answer 422 when the
//! operation documents it, 400 otherwise.

// Replies and errors hold the API's own types, whose sizes differ as the spec makes them;
// boxing them would only make matching on them clumsier.
// Parameter names come from the API description, whatever they are (`foo` included).
#![allow(
    clippy::large_enum_variant,
    clippy::result_large_err,
    clippy::disallowed_names
)]
"#;

/// Which items of the module one formatting job makes; in this order they are the module.
#[derive(Clone, Debug)]
pub enum Part {
    /// The imports, `Credentials` and the `Api` trait.
    Head,
    /// The reply enums of these operations.
    Replies(std::ops::Range<usize>),
    /// The router.
    Router,
    /// The handlers of these operations.
    Handlers(std::ops::Range<usize>),
    /// The functions that answer a rejection with an error schema.
    Tail,
}

/// The generated part of `src/server.rs`: the items of `part`.
pub fn module(api: &Api, part: &Part) -> TokenStream {
    if api.operations.is_empty() {
        return match part {
            Part::Head => without_operations(api),
            Part::Replies(_) | Part::Router | Part::Handlers(_) | Part::Tail => TokenStream::new(),
        };
    }
    let gated = |op, tokens| features::gate(&features::of_operation(api, op), tokens);
    match part {
        Part::Head => {}
        Part::Replies(range) => {
            let replies = api.operations[range.clone()]
                .iter()
                .map(|op| gated(op, reply_enum(api, op)));
            return quote!(#(#replies)*);
        }
        Part::Router => return router(api),
        Part::Handlers(range) => {
            let (responders, _) = responders(api);
            let handlers = api.operations[range.clone()].iter().map(|op| {
                features::gate(
                    &features::of_operation(api, op),
                    handler(api, op, &responders),
                )
            });
            return quote!(#(#handlers)*);
        }
        Part::Tail => return responders(api).1,
    }
    // An API without security schemes has no credentials to hand the operations.
    let secured = secured(api);
    let credentials = secured.then(|| credentials(api, true));
    let authenticate = secured.then(|| {
        quote! {
            /// Whether `credentials` are valid. The router has already checked that the
            /// operation's security requirement names them; returning `false` answers 401
            /// before the operation runs. Accepts everything unless overridden.
            fn authenticate(&self, credentials: &Credentials) -> bool {
                let _ = credentials;
                true
            }
        }
    });
    let trait_methods = api
        .operations
        .iter()
        .map(|op| gated(op, trait_method(api, op)));
    let allowance = features::module_allowance(api);
    let types_import = uses_types(api).then(|| {
        quote!(
            use super::types;
        )
    });
    // `Path` is named only where the body's violations join the parameters'.
    let bodies: Vec<&Operation> = api
        .operations
        .iter()
        .filter(|op| validates_body(api, op))
        .collect();
    let names_path = bodies.iter().any(|op| op.names.parameter_check.is_some());
    let validate_import = match (bodies.is_empty(), names_path) {
        (true, _) => None,
        (false, true) => Some(quote!(
            use super::validate::{Path, Validate as _};
        )),
        (false, false) => Some(quote!(
            use super::validate::Validate as _;
        )),
    };
    let extractors = if api.operations.iter().any(|op| reads_request(api, op)) {
        quote!(
            use axum::extract::{Request, State};
        )
    } else {
        quote!(
            use axum::extract::State;
        )
    };
    let params_import = api
        .operations
        .iter()
        .any(|op| reads_request(api, op))
        .then(|| {
            quote!(
                use super::runtime::params::*;
            )
        });
    quote! {
        #allowance

        use std::sync::Arc;

        #extractors

        pub use super::runtime::params::DEFAULT_BODY_LIMIT;
        #params_import
        use super::runtime::rejection::*;
        #types_import
        #validate_import

        #credentials

        /// The operations of the API: implement them, then serve [`router`].
        pub trait Api: Send + Sync + 'static {
            #authenticate

            #(#trait_methods)*
        }
    }
}

/// Whether the module names a type of the `types` module: a parameter, a JSON body or
/// response, or a response header.
fn uses_types(api: &Api) -> bool {
    api.operations.iter().any(|op| {
        request_names_a_type(op)
            || op.responses.iter().any(|r| {
                r.payload.json().is_some_and(names_a_type)
                    || r.headers.iter().any(|h| names_a_type(&h.ty))
            })
    })
}

/// Whether the API declares security schemes: only then do the operations get (and the
/// router read) `Credentials`.
fn secured(api: &Api) -> bool {
    !api.security_schemes.is_empty()
}

/// Whether the handler reads the request: parameters, a body or credentials.
fn reads_request(api: &Api, op: &Operation) -> bool {
    !op.params.is_empty() || op.body.is_some() || secured(api)
}

/// Whether the handler checks the body with `Validate`.
fn validates_body(api: &Api, op: &Operation) -> bool {
    op.body
        .as_ref()
        .and_then(|b| b.payload.json())
        .is_some_and(|ty| validates_via_trait(api, ty))
}

/// The module for an API that declares no operation: every path answers 404.
fn without_operations(api: &Api) -> TokenStream {
    let credentials = secured(api).then(|| credentials(api, false));
    quote! {
        pub use super::runtime::params::DEFAULT_BODY_LIMIT;
        use super::runtime::rejection::*;

        #credentials

        /// The operations of the API: this API description declares none.
        pub trait Api: Send + Sync + 'static {}

        /// Serves `api`: as the API declares no operations, every path answers 404.
        pub fn router<A: Api>(_api: A) -> axum::Router {
            axum::Router::new().fallback(not_found)
        }

        /// Like [`router`]; there is no body to limit.
        pub fn router_with_body_limit<A: Api>(api: A, _limit: usize) -> axum::Router {
            router(api)
        }
    }
}

/// The `Credentials` struct, and (with operations) the `Scheme` enum and how a request's
/// credentials are read and checked.
fn credentials(api: &Api, with_read: bool) -> TokenStream {
    let schemes = &api.security_schemes;
    let fields = schemes.iter().map(|s| {
        let name = ident(&s.ident);
        let doc = format!(
            " Credentials for the `{}` security scheme, when the request carried them.",
            s.key
        );
        let ty = if s.kind == SchemeKind::Basic {
            quote!(Option<(String, String)>)
        } else {
            quote!(Option<String>)
        };
        quote!(#[doc = #doc] pub #name: #ty,)
    });
    let debug_fields = schemes.iter().map(|s| {
        let name = ident(&s.ident);
        let label = &s.ident;
        quote!(.field(#label, &self.#name.as_ref().map(|_| format_args!("<redacted>"))))
    });
    let read = (with_read && !schemes.is_empty()).then(|| {
        let required = api.operations.iter().any(|op| op.security.required());
        scheme_items(schemes, required)
    });
    quote! {
        /// The credentials a request carried, one field per security scheme. The router has
        /// already checked that the operation's requirement is met.
        #[derive(Clone, Default, PartialEq, Eq)]
        pub struct Credentials {
            #(#fields)*
        }

        #read

        impl std::fmt::Debug for Credentials {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct("Credentials") #(#debug_fields)* .finish()
            }
        }
    }
}

/// The `Scheme` enum, `Credentials::read` and `Credentials::require`.
fn scheme_items(schemes: &[SecurityScheme], required: bool) -> TokenStream {
    let variants: Vec<_> = schemes.iter().map(|s| ident(&s.variant)).collect();
    let variant_docs = schemes
        .iter()
        .map(|s| format!(" `{}`", s.key.replace('`', "'")));
    let reads = schemes.iter().map(|s| {
        let name = ident(&s.ident);
        let read = match &s.kind {
            SchemeKind::Bearer => quote!(bearer_token(&request.parts.headers)),
            SchemeKind::Basic => quote!(
                header_text(&request.parts.headers, "authorization")
                    .and_then(super::runtime::base64::decode_basic)
            ),
            SchemeKind::ApiKeyHeader(h) => quote!(request.header_value(#h)),
            SchemeKind::ApiKeyQuery(q) => quote!(request.query_value(#q)),
            SchemeKind::ApiKeyCookie(c) => quote!(request.cookie_value(#c)),
        };
        quote!(#name: #read,)
    });
    let holds = schemes.iter().zip(&variants).map(|(s, variant)| {
        let name = ident(&s.ident);
        quote!(Scheme::#variant => self.#name.is_some(),)
    });
    let keys = schemes.iter().zip(&variants).map(|(s, variant)| {
        let key = &s.key;
        quote!(Scheme::#variant => #key,)
    });
    let challenges = schemes.iter().zip(&variants).map(|(s, variant)| {
        let challenge = match &s.kind {
            SchemeKind::Bearer => "Bearer".to_owned(),
            SchemeKind::Basic => "Basic realm=\"api\"".to_owned(),
            SchemeKind::ApiKeyHeader(name) => format!("ApiKey in=\"header\", name={name:?}"),
            SchemeKind::ApiKeyQuery(name) => format!("ApiKey in=\"query\", name={name:?}"),
            SchemeKind::ApiKeyCookie(name) => format!("ApiKey in=\"cookie\", name={name:?}"),
        };
        quote!(Scheme::#variant => #challenge,)
    });
    let values = schemes.iter().map(|s| {
        let name = ident(&s.ident);
        if s.kind == SchemeKind::Basic {
            quote!(self.#name.as_ref().map(|(_, password)| password.as_str()))
        } else {
            quote!(self.#name.as_deref())
        }
    });
    // Only an operation that needs credentials checks them.
    let require = required.then(|| {
        quote! {
            /// `Ok` when every scheme of one of `alternatives` is given and `api` accepts
            /// the credentials, else 401 with a challenge naming the schemes.
            fn require<A: Api>(&self, alternatives: &[&[Scheme]], api: &A) -> Result<(), Rejection> {
                let present = alternatives.iter().any(|all| all.iter().all(|&s| self.holds(s)));
                if present && api.authenticate(self) {
                    return Ok(());
                }
                let mut challenges: Vec<&str> = alternatives.iter().flat_map(|all| all.iter().map(|s| s.challenge())).collect();
                challenges.dedup();
                let challenge = challenges.join(", ");
                if present {
                    return Err(Rejection { challenge: Some(challenge), ..Rejection::invalid_credentials() });
                }
                let describe = |all: &[Scheme]| all.iter().map(|s| format!("`{}`", s.key())).collect::<Vec<_>>().join(" + ");
                let needed = alternatives.iter().map(|all| describe(all)).collect::<Vec<_>>().join(" or ");
                Err(Rejection::unauthorized(challenge, &needed))
            }
        }
    });
    quote! {
        /// The security schemes of the API.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Scheme {
            #(#[doc = #variant_docs] #variants,)*
        }

        impl Scheme {
            /// The scheme's key in the API description.
            pub fn key(self) -> &'static str {
                match self { #(#keys)* }
            }

            /// The `WWW-Authenticate` challenge that asks for this scheme.
            pub fn challenge(self) -> &'static str {
                match self { #(#challenges)* }
            }
        }

        impl Credentials {
            fn read(request: &Incoming) -> Self {
                Self { #(#reads)* }
            }

            /// Whether the request carried credentials for `scheme`.
            pub fn holds(&self, scheme: Scheme) -> bool {
                match scheme { #(#holds)* }
            }

            /// The secrets carried (tokens, keys, basic passwords), in scheme order.
            pub fn secrets(&self) -> impl Iterator<Item = &str> {
                [#(#values),*].into_iter().flatten()
            }

            #require
        }
    }
}

fn reply_name(op: &Operation) -> proc_macro2::Ident {
    ident(&op.names.reply)
}

/// The Rust type a response body has on the server side.
fn body_type(api: &Api, response: &Response) -> Option<TokenStream> {
    match &response.payload {
        Payload::Empty => None,
        Payload::Json(ty) => {
            let base = base_outside(api, ty);
            Some(if ty.nullable && ty.kind != TyKind::Any {
                quote!(Option<#base>)
            } else {
                base
            })
        }
        Payload::Text => Some(quote!(String)),
        Payload::Form(_) | Payload::Multipart(_) | Payload::Bytes => Some(quote!(Vec<u8>)),
    }
}

/// Whether a variant needs the status given with it (ranges and `default`).
fn carries_status(response: &Response) -> bool {
    !matches!(response.status, Status::Code(_))
}

/// `StatusCode::CREATED` for 201; `status(299)` for a code without a constant.
fn status_code(code: u16) -> TokenStream {
    const NAMES: &[(u16, &str)] = &[
        (100, "CONTINUE"),
        (101, "SWITCHING_PROTOCOLS"),
        (102, "PROCESSING"),
        (200, "OK"),
        (201, "CREATED"),
        (202, "ACCEPTED"),
        (203, "NON_AUTHORITATIVE_INFORMATION"),
        (204, "NO_CONTENT"),
        (205, "RESET_CONTENT"),
        (206, "PARTIAL_CONTENT"),
        (207, "MULTI_STATUS"),
        (208, "ALREADY_REPORTED"),
        (226, "IM_USED"),
        (300, "MULTIPLE_CHOICES"),
        (301, "MOVED_PERMANENTLY"),
        (302, "FOUND"),
        (303, "SEE_OTHER"),
        (304, "NOT_MODIFIED"),
        (305, "USE_PROXY"),
        (307, "TEMPORARY_REDIRECT"),
        (308, "PERMANENT_REDIRECT"),
        (400, "BAD_REQUEST"),
        (401, "UNAUTHORIZED"),
        (402, "PAYMENT_REQUIRED"),
        (403, "FORBIDDEN"),
        (404, "NOT_FOUND"),
        (405, "METHOD_NOT_ALLOWED"),
        (406, "NOT_ACCEPTABLE"),
        (407, "PROXY_AUTHENTICATION_REQUIRED"),
        (408, "REQUEST_TIMEOUT"),
        (409, "CONFLICT"),
        (410, "GONE"),
        (411, "LENGTH_REQUIRED"),
        (412, "PRECONDITION_FAILED"),
        (413, "PAYLOAD_TOO_LARGE"),
        (414, "URI_TOO_LONG"),
        (415, "UNSUPPORTED_MEDIA_TYPE"),
        (416, "RANGE_NOT_SATISFIABLE"),
        (417, "EXPECTATION_FAILED"),
        (418, "IM_A_TEAPOT"),
        (421, "MISDIRECTED_REQUEST"),
        (422, "UNPROCESSABLE_ENTITY"),
        (423, "LOCKED"),
        (424, "FAILED_DEPENDENCY"),
        (426, "UPGRADE_REQUIRED"),
        (428, "PRECONDITION_REQUIRED"),
        (429, "TOO_MANY_REQUESTS"),
        (431, "REQUEST_HEADER_FIELDS_TOO_LARGE"),
        (451, "UNAVAILABLE_FOR_LEGAL_REASONS"),
        (500, "INTERNAL_SERVER_ERROR"),
        (501, "NOT_IMPLEMENTED"),
        (502, "BAD_GATEWAY"),
        (503, "SERVICE_UNAVAILABLE"),
        (504, "GATEWAY_TIMEOUT"),
        (505, "HTTP_VERSION_NOT_SUPPORTED"),
        (506, "VARIANT_ALSO_NEGOTIATES"),
        (507, "INSUFFICIENT_STORAGE"),
        (508, "LOOP_DETECTED"),
        (510, "NOT_EXTENDED"),
        (511, "NETWORK_AUTHENTICATION_REQUIRED"),
    ];
    match NAMES.binary_search_by_key(&code, |(c, _)| *c) {
        Ok(i) => {
            let name = ident(NAMES[i].1);
            quote!(StatusCode::#name)
        }
        Err(_) => {
            let code = Literal::u16_unsuffixed(code);
            quote!(status(#code))
        }
    }
}

fn reply_enum(api: &Api, op: &Operation) -> TokenStream {
    let name = reply_name(op);
    let doc = format!(
        " What `{}` answers: one variant per declared response.",
        op.fn_name
    );
    let variants = op.responses.iter().map(|r| {
        let variant = ident(&r.name);
        let doc = docs::lines_to_attrs(&response_doc(r));
        let mut fields = Vec::new();
        if carries_status(r) {
            fields.push(quote!(StatusCode));
        }
        fields.extend(body_type(api, r));
        if let Some(headers) = &r.headers_type {
            let headers = ident(headers);
            fields.push(quote!(#headers));
        }
        if fields.is_empty() {
            quote!(#doc #variant,)
        } else {
            quote!(#doc #variant(#(#fields),*),)
        }
    });
    let header_structs = op
        .responses
        .iter()
        .filter_map(|r| Some(header_struct(api, op, r, r.headers_type.as_deref()?)));
    let arms = op.responses.iter().map(reply_arm);
    quote! {
        #[doc = #doc]
        #[derive(Clone, Debug, PartialEq)]
        pub enum #name {
            #(#variants)*
        }

        #(#header_structs)*

        impl IntoResponse for #name {
            fn into_response(self) -> Response {
                match self {
                    #(#arms)*
                }
            }
        }
    }
}

fn header_struct(api: &Api, op: &Operation, response: &Response, name: &str) -> TokenStream {
    let name = ident(name);
    let doc = format!(
        " The headers of the `{}` response of `{}`.",
        response.name, op.fn_name
    );
    let fields = response.headers.iter().map(|h| {
        let field = ident(&h.ident);
        let ty = base_outside(api, &h.ty);
        let ty = if h.required { ty } else { quote!(Option<#ty>) };
        let doc = format!(" `{}`", h.name);
        quote!(#[doc = #doc] pub #field: #ty,)
    });
    quote! {
        #[doc = #doc]
        #[derive(Clone, Debug, Default, PartialEq)]
        pub struct #name {
            #(#fields)*
        }
    }
}

fn reply_arm(response: &Response) -> TokenStream {
    let variant = ident(&response.name);
    let has_body = response.payload != Payload::Empty;
    let has_headers = response.headers_type.is_some();
    let mut bindings = Vec::new();
    let status = match response.status {
        Status::Code(code) => status_code(code),
        _ => {
            bindings.push(quote!(status));
            quote!(status)
        }
    };
    if has_body {
        bindings.push(quote!(body));
    }
    if has_headers {
        bindings.push(quote!(headers));
    }
    let content_type = response
        .content_type
        .as_deref()
        .unwrap_or("application/json");
    let respond = match &response.payload {
        Payload::Empty => quote!(empty_response(#status)),
        Payload::Json(_) if content_type == "application/json" => quote!(json(#status, &body)),
        Payload::Json(_) => quote!(json_response(#status, #content_type, &body)),
        _ => {
            quote!(raw_response(#status, #content_type, body))
        }
    };
    let pattern = if bindings.is_empty() {
        quote!(Self::#variant)
    } else {
        quote!(Self::#variant(#(#bindings),*))
    };
    if has_headers {
        let inserts = response.headers.iter().map(|h| {
            let field = ident(&h.ident);
            let name = h.name.to_ascii_lowercase();
            let value = if h.required {
                quote!(Some(&headers.#field))
            } else {
                quote!(headers.#field.as_ref())
            };
            quote!(insert_header(&mut response, #name, #value);)
        });
        quote!(#pattern => {
            let mut response = #respond;
            #(#inserts)*
            response
        })
    } else {
        quote!(#pattern => #respond,)
    }
}

fn response_doc(response: &Response) -> Vec<String> {
    let status = match response.status {
        Status::Code(code) => code.to_string(),
        Status::Range(class) => format!("{class}XX"),
        Status::Default => "Any other status".to_owned(),
    };
    let mut line = format!("`{status}`");
    let description = docs::sanitize(&response.description);
    if let Some(first) = description.first() {
        line.push_str(": ");
        line.push_str(first);
    }
    let mut lines = vec![line];
    lines.extend(description.into_iter().skip(1));
    lines
}

/// Whether a parameter is `None` when it is absent (optional, or required but nullable).
fn optional(param: &Param) -> bool {
    !param.required || (param.ty.nullable && param.ty.kind != TyKind::Any)
}

/// The owned Rust type of a parameter as the trait method receives it.
fn param_type(api: &Api, param: &Param) -> TokenStream {
    let base = base_outside(api, &param.ty);
    if optional(param) {
        quote!(Option<#base>)
    } else {
        base
    }
}

fn body_arg_type(api: &Api, op: &Operation) -> Option<TokenStream> {
    let body = op.body.as_ref()?;
    let ty = match body.payload.json() {
        Some(ty) => base_outside(api, ty),
        None => quote!(Vec<u8>),
    };
    Some(if body.required {
        ty
    } else {
        quote!(Option<#ty>)
    })
}

fn trait_method(api: &Api, op: &Operation) -> TokenStream {
    let name = ident(&op.fn_name);
    let reply = reply_name(op);
    let mut args = Vec::new();
    if secured(api) {
        args.push(quote!(credentials: Credentials));
    }
    args.extend(op.params.iter().map(|p| {
        let arg = ident(&p.ident);
        let ty = param_type(api, p);
        quote!(#arg: #ty)
    }));
    if let Some(ty) = body_arg_type(api, op) {
        args.push(quote!(body: #ty));
    }
    let many = (args.len() > 6).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let mut lines: Vec<String> = Vec::new();
    if let Some(summary) = &op.summary {
        lines.extend(docs::sanitize(summary));
        lines.push(String::new());
    }
    lines.push(format!(
        "Handles `{} {}`.",
        op.method,
        op.path.replace('`', "'")
    ));
    let docs = docs::lines_to_attrs(&lines);
    quote! {
        #docs
        #many
        fn #name(&self, #(#args),*) -> impl Future<Output = #reply> + Send;
    }
}

/// One row of a handler's parameter table: `ParamSpec::query("limit", ParamKind::Integer)`.
fn param_spec(param: &Param) -> TokenStream {
    let name = &param.name;
    let kind = match param.encoding.kind {
        ScalarKind::String => quote!(ParamKind::String),
        ScalarKind::Integer => quote!(ParamKind::Integer),
        ScalarKind::Number => quote!(ParamKind::Number),
        ScalarKind::Boolean => quote!(ParamKind::Boolean),
        ScalarKind::Any => quote!(ParamKind::Any),
    };
    let place = ident(match param.location {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
        ParamLocation::Cookie => "cookie",
    });
    let optional = optional(param).then(|| quote!(.optional()));
    let array = param.encoding.array.then(|| {
        if param.encoding.explode {
            quote!(.array(Explode::Yes))
        } else {
            quote!(.array(Explode::No))
        }
    });
    quote!(ParamSpec::#place(#name, #kind) #optional #array)
}

fn handler(api: &Api, op: &Operation, responders: &Responders) -> TokenStream {
    let name = ident(&format!("handle_{}", op.fn_name));
    let method = ident(&op.fn_name);
    if !reads_request(api, op) {
        // Nothing to read, check or refuse.
        return quote! {
            async fn #name<A: Api>(State(api): State<Arc<A>>) -> Response {
                api.#method().await.into_response()
            }
        };
    }
    let specs = op.params.iter().map(param_spec);
    let table =
        (!op.params.is_empty()).then(|| quote!(const PARAMS: &[ParamSpec] = &[#(#specs),*];));
    let params = if op.params.is_empty() {
        quote!(&[])
    } else {
        quote!(PARAMS)
    };
    let security = security_check(api, op);
    let decodes = op.params.iter().enumerate().map(|(i, p)| {
        let arg = ident(&p.ident);
        let ty = param_type(api, p);
        let index = Literal::usize_unsuffixed(i);
        quote!(let #arg: #ty = request.param(#index)?;)
    });
    let body_read = op.body.as_ref().map(|body| match body.payload.json() {
        Some(ty) => {
            let ty = base_outside(api, ty);
            if body.required {
                quote!(let body: #ty = request.json_body().await?;)
            } else {
                quote!(let body: Option<#ty> = request.optional_json_body().await?;)
            }
        }
        None => {
            let media_type = &body.content_type;
            if body.required {
                quote!(let body = request.raw_body(#media_type).await?;)
            } else {
                quote!(let body = request.optional_raw_body(#media_type).await?;)
            }
        }
    });
    let mutable = if op.body.is_some() {
        quote!(mut request)
    } else {
        quote!(request)
    };
    let validation = validation(api, op);
    // Without security schemes there are no credentials to hand on.
    let mut call_args = Vec::new();
    if secured(api) {
        call_args.push(quote!(credentials));
    }
    call_args.extend(op.params.iter().map(|p| {
        let arg = ident(&p.ident);
        quote!(#arg)
    }));
    if op.body.is_some() {
        call_args.push(quote!(body));
    }
    let answer = rejection_answer(op, responders);
    let serve = ident(&format!("serve_{}", op.fn_name));
    let reply = reply_name(op);
    // The handler is a plain function around one `async fn` with a named error type: an
    // `async` block inside an `async fn` is two state machines, and its error type is
    // inferred through every `?`, which costs most of what a big router takes to check.
    quote! {
        fn #name<A: Api>(
            State(api): State<Arc<A>>,
            request: Request,
        ) -> impl Future<Output = Response> + Send {
            answer(#serve(api, request), #answer)
        }

        async fn #serve<A: Api>(api: Arc<A>, request: Request) -> Result<#reply, Rejection> {
            #table
            let #mutable = Incoming::read(request, #params).await?;
            #security
            #(#decodes)*
            #body_read
            #validation
            Ok(api.#method(#(#call_args),*).await)
        }
    }
}

/// The request's credentials, read and (when the operation needs them) checked with
/// `credentials.require(&[...], &*api)?`; nothing for an API without security schemes.
fn security_check(api: &Api, op: &Operation) -> TokenStream {
    if !secured(api) {
        return quote!();
    }
    let read = quote!(let credentials = Credentials::read(&request););
    if !op.security.required() {
        return read;
    }
    let alternatives = op.security.alternatives.iter().map(|all| {
        let schemes = all.iter().map(|&id| {
            let variant = ident(&api.security_schemes[id].variant);
            quote!(Scheme::#variant)
        });
        quote!(&[#(#schemes),*])
    });
    quote! {
        #read
        credentials.require(&[#(#alternatives),*], &*api)?;
    }
}

fn validation(api: &Api, op: &Operation) -> TokenStream {
    let parameters = op.names.parameter_check.as_ref().map(|function| {
        let function = ident(function);
        let args = op.params.iter().filter(|p| p.checked).map(|p| {
            let arg = ident(&p.ident);
            let string_like = matches!(
                p.ty.kind,
                TyKind::String(StringFormat::Plain) | TyKind::Array(_)
            );
            match (optional(p), by_value(&p.ty), string_like) {
                (false, true, _) => quote!(#arg),
                (false, false, _) => quote!(&#arg),
                (true, true, _) => quote!(#arg),
                (true, false, true) => quote!(#arg.as_deref()),
                (true, false, false) => quote!(#arg.as_ref()),
            }
        });
        quote!(super::validate::#function(#(#args),*))
    });
    let status = if op.responses.iter().any(|r| r.status == Status::Code(422)) {
        status_code(422)
    } else {
        status_code(400)
    };
    // `Option<T>` validates as `T` when it is there: an optional body needs no `if let`.
    match (parameters, validates_body(api, op)) {
        (None, false) => quote!(),
        (Some(parameters), false) => quote!(Rejection::check(#parameters, #status)?;),
        (None, true) => quote!(Rejection::check(body.violations(), #status)?;),
        (Some(parameters), true) => quote! {
            let mut violations = #parameters;
            body.validate_at(&Path::Root, &mut violations);
            Rejection::check(violations, #status)?;
        },
    }
}

/// The arguments of `reply` after the outcome: the statuses the operation documents,
/// whether a `default` or `4XX` response covers every client error, and the `as_*`
/// responder of each error schema the operation declares for a status a rejection can have
/// (through which it is answered in that schema; problem+json otherwise).
fn rejection_answer(op: &Operation, responders: &Responders) -> TokenStream {
    let renderers = op.responses.iter().filter_map(|r| {
        let code = rejection_status(r)?;
        let responder = ident(responders.get(&error_type(r)?)?);
        let status = status_code(code);
        Some(quote!((#status, #responder)))
    });
    let documented = op.responses.iter().filter_map(|r| match r.status {
        Status::Code(code) => Some(Literal::u16_unsuffixed(code)),
        _ => None,
    });
    let any_client_error = op
        .responses
        .iter()
        .any(|r| matches!(r.status, Status::Default | Status::Range(4)));
    quote!(&[#(#documented),*], #any_client_error, &[#(#renderers),*])
}

/// The status of a response a rejection can take: the ones the router answers itself.
fn rejection_status(response: &Response) -> Option<u16> {
    match response.status {
        Status::Code(code @ (400 | 401 | 404 | 413 | 415 | 422)) => Some(code),
        _ => None,
    }
}

/// The named error schema of a response, when it is one.
fn error_type(response: &Response) -> Option<usize> {
    match response.payload.json()? {
        Ty {
            kind: TyKind::Named(id),
            nullable: false,
            ..
        } => Some(*id),
        _ => None,
    }
}

/// The responder function of each error schema a rejection can be answered in, by type.
type Responders = std::collections::BTreeMap<usize, String>;

/// One `fn as_<schema>(rejection) -> Response` per error schema that carries a rejection's
/// message, shared by every operation that declares it.
fn responders(api: &Api) -> (Responders, TokenStream) {
    let mut names = Responders::new();
    let mut scope = crate::ir::names::Scope::new();
    let mut items = Vec::new();
    // Only handlers that read the request can refuse it.
    let ids: std::collections::BTreeSet<usize> = api
        .operations
        .iter()
        .filter(|op| reads_request(api, op))
        .flat_map(|op| &op.responses)
        .filter(|r| rejection_status(r).is_some())
        .filter_map(error_type)
        .collect();
    for id in ids {
        let Some(literal) = error_literal(api, id) else {
            continue;
        };
        let name = scope.claim(&format!(
            "as_{}",
            crate::ir::names::snake(&api.types[id].name)
        ));
        let function = ident(&name);
        let doc = format!(
            " A rejection answered as `{}`, the error schema operations declare for it.",
            api.types[id].name
        );
        let cfg = features::of_type(api, id);
        items.push(quote! {
            #[doc = #doc]
            #cfg
            fn #function(rejection: &Rejection) -> Response {
                let body = #literal;
                rejection.respond(&body)
            }
        });
        names.insert(id, name);
    }
    (names, quote!(#(#items)*))
}

/// A value of a declared error schema that carries the rejection's message (and its
/// status, where the schema has a place for it), as a struct literal; `None` when the
/// schema has no such place or needs other values.
fn error_literal(api: &Api, id: usize) -> Option<TokenStream> {
    let TypeKind::Struct(s @ Struct { fields, .. }) = &api.types[id].kind else {
        return None;
    };
    let is_text = |t: &Ty| {
        matches!(t.kind, TyKind::String(StringFormat::Plain))
            && t.constraints.max_length.is_none()
            && t.constraints.pattern.is_none()
            && t.constraints.enum_values.is_none()
            && t.constraints.const_value.is_none()
    };
    let message = ["error", "message", "detail", "title", "description", "msg"]
        .iter()
        .find_map(|n| fields.iter().find(|f| f.wire == *n && is_text(&f.ty)))
        .or_else(|| fields.iter().find(|f| f.required && is_text(&f.ty)))?;
    let is_status = |t: &Ty| {
        matches!(t.kind, TyKind::Integer(_))
            && t.constraints.enum_values.is_none()
            && t.constraints.const_value.is_none()
            && t.constraints.minimum.is_none()
            && t.constraints.maximum.is_none()
    };
    let status = ["code", "status", "status_code", "statusCode"]
        .iter()
        .find_map(|n| fields.iter().find(|f| f.wire == *n && is_status(&f.ty)));
    let others_required = fields
        .iter()
        .any(|f| f.required && f.wire != message.wire && status.is_none_or(|s| s.wire != f.wire));
    if others_required {
        return None;
    }
    let values = fields
        .iter()
        .map(|f| {
            let field = ident(&f.ident);
            let value = if f.wire == message.wire {
                Some(quote!(rejection.message()))
            } else if status.is_some_and(|s| s.wire == f.wire) {
                Some(quote!(rejection.status.as_u16().into()))
            } else {
                None
            };
            let value = field_value(f, value.map_or(Given::Absent, Given::Value))?;
            Some(quote!(#field: #value,))
        })
        .collect::<Option<Vec<_>>>()?;
    let additional = match &s.additional {
        crate::ir::Additional::Map(_) => {
            let field = ident(&additional_ident(s));
            quote!(#field: Default::default(),)
        }
        _ => quote!(),
    };
    let name = ident(&api.types[id].name);
    Some(quote!(types::#name { #(#values)* #additional }))
}

fn router(api: &Api) -> TokenStream {
    let mut paths: Vec<(&str, Vec<&Operation>)> = Vec::new();
    for op in &api.operations {
        match paths.iter_mut().find(|(p, _)| *p == op.path) {
            Some((_, ops)) => ops.push(op),
            None => paths.push((&op.path, vec![op])),
        }
    }
    let routes: Vec<TokenStream> = paths
        .iter()
        .map(|(path, ops)| route(api, path, ops))
        .collect();
    // The limit travels to the handlers as a request extension; an API that takes no body
    // has none to carry.
    let (limit, limit_doc, layer) = if api.operations.iter().any(|op| op.body.is_some()) {
        (
            quote!(limit),
            " Serves `api`, refusing request bodies larger than `limit` bytes (413).",
            quote!(.layer(axum::Extension(BodyLimit(limit)))),
        )
    } else {
        (
            quote!(_limit),
            " Like [`router`]: no operation of this API takes a body, so there is none to limit.",
            quote!(),
        )
    };
    let build = if api.features.is_none() {
        quote! {
            axum::Router::new()
                #(#routes)*
                .fallback(not_found)
                #layer
                .with_state(Arc::new(api))
        }
    } else {
        // A path is routed when the feature of one of its operations is on.
        let gated = paths.iter().zip(&routes).map(|(path, route)| {
            let cfg = features::of_operations(api, path.1.iter().copied());
            quote! {
                #cfg
                let router = router #route;
            }
        });
        quote! {
            let router = axum::Router::new();
            #(#gated)*
            router.fallback(not_found) #layer .with_state(Arc::new(api))
        }
    };
    quote! {
        /// Serves `api` with the default body limit ([`DEFAULT_BODY_LIMIT`]).
        pub fn router<A: Api>(api: A) -> axum::Router {
            router_with_body_limit(api, DEFAULT_BODY_LIMIT)
        }

        #[doc = #limit_doc]
        pub fn router_with_body_limit<A: Api>(api: A, #limit: usize) -> axum::Router {
            #build
        }
    }
}

/// The methods of one path, each to its handler, and 405 with `Allow` for the others.
/// With per-tag features, each method is there when its operation's feature is on.
fn route<'a>(api: &Api, path: &str, ops: &[&'a Operation]) -> TokenStream {
    let handler = |op: &Operation| ident(&format!("handle_{}", op.fn_name));
    let method = |op: &Operation| ident(&op.method.to_ascii_lowercase());
    // A GET answers HEAD too, unless the path has a HEAD of its own.
    let head_too = !ops.iter().any(|op| op.method == "HEAD");
    let allowed = |op: &'a Operation| -> Vec<&'a str> {
        if op.method == "GET" && head_too {
            vec!["GET", "HEAD"]
        } else {
            vec![op.method.as_str()]
        }
    };
    let one_feature = ops.iter().all(|op| op.feature == ops[0].feature);
    if one_feature {
        let mut chain = quote!();
        for (i, op) in ops.iter().enumerate() {
            let (method, handler) = (method(op), handler(op));
            chain = if i == 0 {
                quote!(axum::routing::#method(#handler::<A>))
            } else {
                quote!(#chain.#method(#handler::<A>))
            };
        }
        let mut allow: Vec<&str> = ops.iter().map(|op| op.method.as_str()).collect();
        if allow.contains(&"GET") && head_too {
            allow.push("HEAD");
        }
        let allow = allow.join(", ");
        return quote!(.route(#path, #chain.fallback(|| async { method_not_allowed(#allow) })));
    }
    // Operations of several features on one path: the methods and `Allow` are put
    // together from those whose feature is on.
    let methods = ops.iter().map(|op| {
        let cfg = features::of_operation(api, op);
        let (method, handler) = (method(op), handler(op));
        quote! {
            #cfg
            let methods = methods.#method(#handler::<A>);
        }
    });
    let allow = ops.iter().flat_map(|op| {
        let cfg = features::of_operation(api, op);
        allowed(op).into_iter().map(move |m| quote!(#cfg #m,))
    });
    quote! {
        .route(#path, {
            let methods = axum::routing::MethodRouter::new();
            #(#methods)*
            methods.fallback(|| async { method_not_allowed_among(&[#(#allow)*]) })
        })
    }
}
