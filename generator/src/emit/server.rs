//! The generated part of the `server` module: the `Api` trait, one reply enum per
//! operation, the router and its handlers, and the `mock` implementation. The hand-written
//! part is `templates/server.rs`.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::docs;
use super::example;
use super::rust::{base_outside, by_value, ident};
use super::validate::parameter_fn_names;
use crate::ir::{
    Api, Operation, Param, ParamLocation, Response, SchemeKind, Status, StringFormat, Struct, Ty,
    TyKind, TypeKind,
};

/// The generated part of `src/server.rs`.
pub fn module(api: &Api, with_mock: bool) -> TokenStream {
    if api.operations.is_empty() {
        return without_operations(api, with_mock);
    }
    let credentials = credentials(api, true);
    let trait_methods = api.operations.iter().map(|op| trait_method(api, op));
    let replies = api.operations.iter().map(|op| reply_enum(api, op));
    let handlers = api
        .operations
        .iter()
        .zip(parameter_fn_names(api))
        .map(|(op, parameter_fn)| handler(api, op, parameter_fn.as_deref()));
    let router = router(api);
    let mock = with_mock.then(|| mock(api));
    let body = quote! {
        #credentials

        /// The operations of the API: implement them, then serve [`router`].
        pub trait Api: Send + Sync + 'static {
            #(#trait_methods)*
        }

        #(#replies)*

        #router

        #(#handlers)*

        #mock
    };
    let types_import = super::client::names_a_type(&[std::slice::from_ref(&body)]).then(|| {
        quote!(
            use super::types;
        )
    });
    let validates = body.to_string().contains("validate_at");
    let validate_import = validates.then(|| {
        quote!(
            use super::validate::{Path, Validate as _};
        )
    });
    quote! {
        use std::sync::Arc;

        use axum::extract::{Request, State};
        #types_import
        #validate_import

        #body
    }
}

/// The module for an API that declares no operation: every path answers 404.
fn without_operations(api: &Api, with_mock: bool) -> TokenStream {
    let credentials = credentials(api, false);
    let mock = with_mock.then(|| {
        quote! {
            /// The mock implementation of an API without operations.
            #[derive(Clone, Copy, Debug, Default)]
            pub struct Mock;

            impl Api for Mock {}

            /// The mock implementation, also reachable as `server::Mock`.
            pub mod mock {
                pub use super::Mock;
            }
        }
    });
    quote! {
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

        #mock
    }
}

fn credentials(api: &Api, with_read: bool) -> TokenStream {
    let fields = api.security_schemes.iter().map(|s| {
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
    let reads = api.security_schemes.iter().map(|s| {
        let name = ident(&s.ident);
        let read = match &s.kind {
            SchemeKind::Bearer => quote!(bearer_token(&parts.headers)),
            SchemeKind::Basic => quote!(basic_credentials(&parts.headers)),
            SchemeKind::ApiKeyHeader(h) => quote!(header_text(&parts.headers, #h).filter(|v| !v.is_empty()).map(str::to_owned)),
            SchemeKind::ApiKeyQuery(q) => quote!(query.iter().find(|(n, v)| n == #q && !v.is_empty()).map(|(_, v)| v.clone())),
            SchemeKind::ApiKeyCookie(c) => quote!(cookies.iter().find(|(n, v)| n == #c && !v.is_empty()).map(|(_, v)| v.clone())),
        };
        quote!(#name: #read,)
    });
    let debug_fields = api.security_schemes.iter().map(|s| {
        let name = ident(&s.ident);
        let label = &s.ident;
        quote!(.field(#label, &self.#name.as_ref().map(|_| format_args!("<redacted>"))))
    });
    let uses_query = api
        .security_schemes
        .iter()
        .any(|s| matches!(s.kind, SchemeKind::ApiKeyQuery(_)));
    let uses_cookies = api
        .security_schemes
        .iter()
        .any(|s| matches!(s.kind, SchemeKind::ApiKeyCookie(_)));
    let query_arg = if uses_query {
        quote!(query)
    } else {
        quote!(_query)
    };
    let cookies_read = uses_cookies.then(|| quote!(let cookies = cookies(&parts.headers);));
    let parts_arg = if api
        .security_schemes
        .iter()
        .any(|s| !matches!(s.kind, SchemeKind::ApiKeyQuery(_)))
    {
        quote!(parts)
    } else {
        quote!(_parts)
    };
    let read_impl = with_read.then(|| {
        quote! {
            impl Credentials {
                fn read(#parts_arg: &axum::http::request::Parts, #query_arg: &[(String, String)]) -> Self {
                    #cookies_read
                    Self { #(#reads)* }
                }
            }
        }
    });
    quote! {
        /// The credentials a request carried, one field per security scheme. The router has
        /// already checked that the operation's requirement is met.
        #[derive(Clone, Default, PartialEq, Eq)]
        pub struct Credentials {
            #(#fields)*
        }

        #read_impl

        impl std::fmt::Debug for Credentials {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct("Credentials") #(#debug_fields)* .finish()
            }
        }
    }
}

fn reply_name(op: &Operation) -> proc_macro2::Ident {
    ident(&format!("{}Reply", op.type_prefix))
}

/// The Rust type a response body has on the server side.
fn body_type(api: &Api, response: &Response) -> Option<TokenStream> {
    let content_type = response.content_type.as_deref()?;
    if is_json(content_type) {
        let ty = response.ty.clone().unwrap_or_else(Ty::any);
        let base = base_outside(api, &ty);
        Some(if ty.nullable && ty.kind != TyKind::Any {
            quote!(Option<#base>)
        } else {
            base
        })
    } else if content_type.starts_with("text/") {
        Some(quote!(String))
    } else {
        Some(quote!(Vec<u8>))
    }
}

fn is_json(content_type: &str) -> bool {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == "application/json" || essence.ends_with("+json")
}

/// Whether a variant needs the status given with it (ranges and `default`).
fn carries_status(response: &Response) -> bool {
    !matches!(response.status, Status::Code(_))
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
            fields.push(quote!(axum::http::StatusCode));
        }
        fields.extend(body_type(api, r));
        if !r.headers.is_empty() {
            let headers = ident(&format!("{}{}Headers", op.type_prefix, r.name));
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
        .filter(|r| !r.headers.is_empty())
        .map(|r| header_struct(api, op, r));
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

fn header_struct(api: &Api, op: &Operation, response: &Response) -> TokenStream {
    let name = ident(&format!("{}{}Headers", op.type_prefix, response.name));
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
    let has_body = response.content_type.is_some();
    let has_headers = !response.headers.is_empty();
    let mut bindings = Vec::new();
    let status = match response.status {
        Status::Code(code) => {
            let code = Literal::u16_unsuffixed(code);
            quote!(axum::http::StatusCode::from_u16(#code).unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR))
        }
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
    let respond = match response.content_type.as_deref() {
        None => quote!(empty_response(#status)),
        Some(ct) if is_json(ct) => quote!(json_response(#status, #content_type, &body)),
        Some(_) => {
            quote!((#status, [(header::CONTENT_TYPE, HeaderValue::from_static(#content_type))], body).into_response())
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
            let value = if h.required { quote!(Some(&headers.#field)) } else { quote!(headers.#field.as_ref()) };
            quote! {
                if let Some(value) = #value.and_then(|v| HeaderValue::from_str(&header_value_text(v)).ok()) {
                    response.headers_mut().insert(#name, value);
                }
            }
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

/// The owned Rust type of a parameter as the trait method receives it.
fn param_type(api: &Api, param: &Param) -> TokenStream {
    let base = base_outside(api, &param.ty);
    if param.required && !(param.ty.nullable && param.ty.kind != TyKind::Any) {
        base
    } else {
        quote!(Option<#base>)
    }
}

fn body_arg_type(api: &Api, op: &Operation) -> Option<TokenStream> {
    let body = op.body.as_ref()?;
    let ty = if is_json(&body.content_type) {
        let ty = body.ty.clone().unwrap_or_else(Ty::any);
        base_outside(api, &ty)
    } else {
        quote!(Vec<u8>)
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
    let mut args = vec![quote!(credentials: Credentials)];
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
        fn #name(&self, #(#args),*) -> impl std::future::Future<Output = #reply> + Send;
    }
}

/// How a parameter's text is read: its JSON kind, and whether it is an array.
fn param_kind(api: &Api, ty: &Ty) -> (TokenStream, bool) {
    let scalar = |ty: &Ty| match &ty.kind {
        TyKind::String(_) => quote!(ParamKind::String),
        TyKind::Integer(_) => quote!(ParamKind::Integer),
        TyKind::Number(_) => quote!(ParamKind::Number),
        TyKind::Bool => quote!(ParamKind::Boolean),
        TyKind::Named(id) if matches!(api.types[*id].kind, TypeKind::Enum(_)) => {
            quote!(ParamKind::String)
        }
        TyKind::Named(id) => match &api.types[*id].kind {
            TypeKind::Alias(inner) if matches!(inner.kind, TyKind::String(_)) => {
                quote!(ParamKind::String)
            }
            _ => quote!(ParamKind::Any),
        },
        _ => quote!(ParamKind::Any),
    };
    match &ty.kind {
        TyKind::Array(item) => (scalar(item), true),
        _ => (scalar(ty), false),
    }
}

fn handler(api: &Api, op: &Operation, parameter_fn: Option<&str>) -> TokenStream {
    let name = ident(&format!("handle_{}", op.fn_name));
    let method = ident(&op.fn_name);
    let reject = ident(&format!("reject_{}", op.fn_name));
    let security = security_check(api, op);
    let path_params = op.params.iter().any(|p| p.location == ParamLocation::Path);
    let path_read = path_params.then(|| quote! {
        let raw_path = <axum::extract::RawPathParams as axum::extract::FromRequestParts<()>>::from_request_parts(&mut parts, &())
            .await
            .map_err(|e| Rejection::new(axum::http::StatusCode::BAD_REQUEST, "A path parameter does not parse", e.body_text()))?;
        let path_values: Vec<(String, String)> = raw_path.iter().map(|(k, v)| (k.to_owned(), v.to_owned())).collect();
    });
    let uses_cookie_params = op
        .params
        .iter()
        .any(|p| p.location == ParamLocation::Cookie);
    let cookies_read =
        uses_cookie_params.then(|| quote!(let cookie_values = cookies(&parts.headers);));
    let decodes = op.params.iter().map(|p| decode_param(api, p));
    let body_read = op.body.as_ref().map(|body| {
        let required = body.required;
        if is_json(&body.content_type) {
            let ty = base_outside(api, &body.ty.clone().unwrap_or_else(Ty::any));
            if required {
                quote! {
                    let body: #ty = json_body(&parts.headers, body, limit, true).await?.ok_or_else(|| {
                        Rejection::new(axum::http::StatusCode::BAD_REQUEST, "The body is missing", "this operation needs a JSON body")
                    })?;
                }
            } else {
                quote!(let body: Option<#ty> = json_body(&parts.headers, body, limit, false).await?;)
            }
        } else if required {
            quote!(let body = raw_body(body, limit).await?;)
        } else {
            quote!(let body = Some(raw_body(body, limit).await?).filter(|b| !b.is_empty());)
        }
    });
    let validation = validation(api, op, parameter_fn);
    let mut call_args = vec![quote!(credentials)];
    call_args.extend(op.params.iter().map(|p| {
        let arg = ident(&p.ident);
        quote!(#arg)
    }));
    if op.body.is_some() {
        call_args.push(quote!(body));
    }
    let body_binding = if op.body.is_some() {
        quote!(body)
    } else {
        quote!(_body)
    };
    let limit_binding = if op.body.is_some() {
        quote!(limit)
    } else {
        quote!(_limit)
    };
    let parts_binding = if path_params {
        quote!(mut parts)
    } else {
        quote!(parts)
    };
    let rejection = rejection_renderer(api, op);
    quote! {
        async fn #name<A: Api>(State(shared): State<Arc<Shared<A>>>, request: Request) -> Response {
            let (#parts_binding, #body_binding) = request.into_parts();
            let outcome = async move {
                let query = query_pairs(parts.uri.query());
                let credentials = Credentials::read(&parts, &query);
                #security
                let #limit_binding = shared.limit;
                #path_read
                #cookies_read
                #(#decodes)*
                #body_read
                #validation
                Ok::<_, Rejection>(shared.api.#method(#(#call_args),*).await)
            }
            .await;
            match outcome {
                Ok(reply) => reply.into_response(),
                Err(rejection) => #reject(rejection),
            }
        }

        #rejection
    }
}

fn decode_param(api: &Api, param: &Param) -> TokenStream {
    let arg = ident(&param.ident);
    let ty = param_type(api, param);
    let name = &param.name;
    let (kind, array) = param_kind(api, &param.ty);
    let explode = param
        .explode
        .unwrap_or(param.style.as_deref().is_none_or(|s| s == "form"));
    let (place, values) = match param.location {
        ParamLocation::Path => (
            "path",
            quote!(path_values.iter().filter(|(n, _)| n == #name).map(|(_, v)| v.as_str()).collect::<Vec<_>>()),
        ),
        ParamLocation::Query => (
            "query",
            quote!(query.iter().filter(|(n, _)| n == #name).map(|(_, v)| v.as_str()).collect::<Vec<_>>()),
        ),
        ParamLocation::Header => (
            "header",
            quote!(parts.headers.get_all(#name).iter().filter_map(|v| v.to_str().ok()).collect::<Vec<_>>()),
        ),
        ParamLocation::Cookie => (
            "cookie",
            quote!(cookie_values.iter().filter(|(n, _)| n == #name).map(|(_, v)| v.as_str()).collect::<Vec<_>>()),
        ),
    };
    let optional = !param.required || (param.ty.nullable && param.ty.kind != TyKind::Any);
    let missing = (!optional).then(|| {
        let message = format!("the {place} parameter `{name}` is required");
        quote! {
            if values.is_empty() {
                return Err(Rejection::new(axum::http::StatusCode::BAD_REQUEST, "A parameter is missing", #message));
            }
        }
    });
    let decode = if optional && !array {
        quote!(if values.is_empty() { None } else { decode_param(#place, #name, &values, #kind, #array, #explode)? })
    } else if optional {
        quote!(if values.is_empty() { None } else { Some(decode_param(#place, #name, &values, #kind, #array, #explode)?) })
    } else {
        quote!(decode_param(#place, #name, &values, #kind, #array, #explode)?)
    };
    quote! {
        let #arg: #ty = {
            let values = #values;
            #missing
            #decode
        };
    }
}

fn security_check(api: &Api, op: &Operation) -> TokenStream {
    if op.security.is_empty() || op.security.iter().any(Vec::is_empty) {
        return quote!();
    }
    let mut alternatives = Vec::new();
    let mut needed = Vec::new();
    for alternative in &op.security {
        let schemes: Option<Vec<_>> = alternative
            .iter()
            .map(|k| api.security_schemes.iter().find(|s| &s.key == k))
            .collect();
        let Some(schemes) = schemes else { continue };
        needed.push(
            schemes
                .iter()
                .map(|s| format!("`{}`", s.key))
                .collect::<Vec<_>>()
                .join(" + "),
        );
        let fields: Vec<_> = schemes.iter().map(|s| ident(&s.ident)).collect();
        alternatives.push(fields);
    }
    if alternatives.is_empty() {
        return quote!();
    }
    let missing = match alternatives.as_slice() {
        [one] if one.len() == 1 => {
            let field = &one[0];
            quote!(credentials.#field.is_none())
        }
        [one] => quote!(!(#(credentials.#one.is_some())&&*)),
        _ => {
            let satisfied = alternatives.iter().map(|fields| match fields.as_slice() {
                [field] => quote!(credentials.#field.is_some()),
                _ => quote!((#(credentials.#fields.is_some())&&*)),
            });
            quote!(!(#(#satisfied)||*))
        }
    };
    let message = format!("this operation needs credentials: {}", needed.join(" or "));
    quote! {
        if #missing {
            return Err(Rejection::new(axum::http::StatusCode::UNAUTHORIZED, "Missing credentials", #message));
        }
    }
}

fn validation(api: &Api, op: &Operation, parameter_fn: Option<&str>) -> TokenStream {
    let mut parts = Vec::new();
    if let Some(function) = parameter_fn {
        let function = ident(function);
        let args = op.params.iter().map(|p| {
            let arg = ident(&p.ident);
            let optional = !p.required || (p.ty.nullable && p.ty.kind != TyKind::Any);
            let string_like = matches!(
                p.ty.kind,
                TyKind::String(StringFormat::Plain) | TyKind::Array(_)
            );
            match (optional, by_value(&p.ty), string_like) {
                (false, true, _) => quote!(#arg),
                (false, false, _) => quote!(&#arg),
                (true, true, _) => quote!(#arg),
                (true, false, true) => quote!(#arg.as_deref()),
                (true, false, false) => quote!(#arg.as_ref()),
            }
        });
        parts.push(quote!(super::validate::#function(#(#args,)* &mut violations);));
    }
    if let Some(body) = &op.body {
        let validates = body
            .ty
            .as_ref()
            .is_some_and(|ty| super::client::validates_via_trait(api, ty))
            && is_json(&body.content_type);
        if validates {
            parts.push(if body.required {
                quote!(body.validate_at(&Path::Root, &mut violations);)
            } else {
                quote!(if let Some(body) = &body {
                    body.validate_at(&Path::Root, &mut violations);
                })
            });
        }
    }
    if parts.is_empty() {
        return quote!();
    }
    let status = if op.responses.iter().any(|r| r.status == Status::Code(422)) {
        422_u16
    } else {
        400
    };
    let status = Literal::u16_unsuffixed(status);
    quote! {
        let mut violations = Vec::new();
        #(#parts)*
        if !violations.is_empty() {
            let status = axum::http::StatusCode::from_u16(#status).unwrap_or(axum::http::StatusCode::BAD_REQUEST);
            return Err(Rejection::invalid(status, violations));
        }
    }
}

/// `fn reject_<op>(rejection) -> Response`: the declared error schema for the status when
/// the operation declares one that can carry the message, problem+json otherwise.
fn rejection_renderer(api: &Api, op: &Operation) -> TokenStream {
    let name = ident(&format!("reject_{}", op.fn_name));
    let arms: Vec<TokenStream> = op
        .responses
        .iter()
        .filter_map(|r| {
            let Status::Code(code) = r.status else { return None };
            if !(400..500).contains(&code) || !r.content_type.as_deref().is_some_and(is_json) {
                return None;
            }
            let ty = r.ty.as_ref()?;
            let shape = error_shape(api, ty)?;
            let code_literal = Literal::u16_unsuffixed(code);
            let typed = base_outside(api, ty);
            let message_field = shape.message;
            let status_part = shape.status.map(|field| quote!(object.insert(#field.to_owned(), serde_json::Value::from(#code_literal));));
            Some(quote! {
                #code_literal => {
                    let mut object = serde_json::Map::new();
                    object.insert(#message_field.to_owned(), serde_json::Value::String(format!("{}: {}", rejection.title, rejection.detail)));
                    #status_part
                    match serde_json::from_value::<#typed>(serde_json::Value::Object(object)) {
                        Ok(body) => json_response(rejection.status, "application/json", &body),
                        Err(_) => rejection.problem(),
                    }
                }
            })
        })
        .collect();
    let documented = op.responses.iter().filter_map(|r| match r.status {
        Status::Code(code) => Some(Literal::u16_unsuffixed(code)),
        _ => None,
    });
    let any_client_error = op
        .responses
        .iter()
        .any(|r| matches!(r.status, Status::Default | Status::Range(4)));
    let settle = quote!(let rejection = rejection.settle(&[#(#documented),*], #any_client_error););
    if arms.is_empty() {
        return quote! {
            fn #name(rejection: Rejection) -> Response {
                #settle
                rejection.problem()
            }
        };
    }
    quote! {
        fn #name(rejection: Rejection) -> Response {
            #settle
            match rejection.status.as_u16() {
                #(#arms)*
                _ => rejection.problem(),
            }
        }
    }
}

/// Where a declared error schema takes the message (and the status, if it has a place).
struct ErrorShape {
    message: String,
    status: Option<String>,
}

fn error_shape(api: &Api, ty: &Ty) -> Option<ErrorShape> {
    let TyKind::Named(id) = ty.kind else {
        return None;
    };
    let TypeKind::Struct(Struct { fields, .. }) = &api.types[id].kind else {
        return None;
    };
    let is_text = |t: &Ty| {
        matches!(t.kind, TyKind::String(StringFormat::Plain))
            && t.constraints.max_length.is_none()
            && t.constraints.pattern.is_none()
    };
    let message = ["error", "message", "detail", "title", "description", "msg"]
        .iter()
        .find_map(|n| fields.iter().find(|f| f.wire == *n && is_text(&f.ty)))
        .or_else(|| fields.iter().find(|f| f.required && is_text(&f.ty)))?;
    let status = ["code", "status", "status_code", "statusCode"]
        .iter()
        .find_map(|n| {
            fields
                .iter()
                .find(|f| f.wire == *n && matches!(f.ty.kind, TyKind::Integer(_)))
        });
    let others_required = fields
        .iter()
        .any(|f| f.required && f.wire != message.wire && status.is_none_or(|s| s.wire != f.wire));
    (!others_required).then(|| ErrorShape {
        message: message.wire.clone(),
        status: status.map(|s| s.wire.clone()),
    })
}

fn router(api: &Api) -> TokenStream {
    let mut paths: Vec<(&str, Vec<&Operation>)> = Vec::new();
    for op in &api.operations {
        match paths.iter_mut().find(|(p, _)| *p == op.path) {
            Some((_, ops)) => ops.push(op),
            None => paths.push((&op.path, vec![op])),
        }
    }
    let routes = paths.iter().map(|(path, ops)| {
        let mut chain = quote!();
        for (i, op) in ops.iter().enumerate() {
            let method = ident(&op.method.to_ascii_lowercase());
            let handler = ident(&format!("handle_{}", op.fn_name));
            chain = if i == 0 {
                quote!(axum::routing::#method(#handler::<A>))
            } else {
                quote!(#chain.#method(#handler::<A>))
            };
        }
        let mut allow: Vec<String> = ops.iter().map(|o| o.method.clone()).collect();
        if allow.iter().any(|m| m == "GET") && !allow.iter().any(|m| m == "HEAD") {
            allow.push("HEAD".into());
        }
        let allow = allow.join(", ");
        quote!(.route(#path, #chain.fallback(|| async { method_not_allowed(#allow) })))
    });
    quote! {
        /// What every handler shares: the implementation and the body limit.
        struct Shared<A> {
            api: A,
            limit: usize,
        }

        /// Serves `api` with the default body limit ([`DEFAULT_BODY_LIMIT`]).
        pub fn router<A: Api>(api: A) -> axum::Router {
            router_with_body_limit(api, DEFAULT_BODY_LIMIT)
        }

        /// Serves `api`, refusing request bodies larger than `limit` bytes (413).
        pub fn router_with_body_limit<A: Api>(api: A, limit: usize) -> axum::Router {
            let shared = Arc::new(Shared { api, limit });
            axum::Router::new()
                #(#routes)*
                .fallback(not_found)
                .with_state(shared)
        }
    }
}

/// The `mock` module: an implementation answering every operation with its first success
/// response, built from the spec's examples or from values derived from the schema.
fn mock(api: &Api) -> TokenStream {
    let methods = api.operations.iter().map(|op| mock_method(api, op));
    quote! {
        /// An [`Api`] that answers every operation from the API description's examples, or
        /// with values derived from its schemas; serve it with `router(Mock)`.
        #[derive(Clone, Copy, Debug, Default)]
        pub struct Mock;

        impl Api for Mock {
            #(#methods)*
        }

        /// The mock implementation, also reachable as `server::Mock`.
        pub mod mock {
            pub use super::Mock;
        }
    }
}

fn mock_method(api: &Api, op: &Operation) -> TokenStream {
    let name = ident(&op.fn_name);
    let reply = reply_name(op);
    let mut args = vec![quote!(_credentials: Credentials)];
    args.extend(op.params.iter().map(|p| {
        let arg = ident(&format!("_{}", p.ident));
        let ty = param_type(api, p);
        quote!(#arg: #ty)
    }));
    if let Some(ty) = body_arg_type(api, op) {
        args.push(quote!(_body: #ty));
    }
    let response = op
        .responses
        .iter()
        .find(|r| matches!(r.status, Status::Code(200..=299) | Status::Range(2)))
        .or_else(|| op.responses.first());
    let value = match response {
        None => quote!(unreachable!(
            "operations without responses have no reply enum"
        )),
        Some(r) => {
            let variant = ident(&r.name);
            let mut fields = Vec::new();
            if carries_status(r) {
                fields.push(quote!(axum::http::StatusCode::OK));
            }
            match r.content_type.as_deref() {
                Some(ct) if is_json(ct) => {
                    let ty = r.ty.clone().unwrap_or_else(Ty::any);
                    let json = example::example(api, &ty, r.example.as_ref()).to_string();
                    fields.push(quote!(serde_json::from_str(#json).expect("apigen derived this example from the schema")));
                }
                Some(_) => fields.push(quote!(Default::default())),
                None => {}
            }
            if !r.headers.is_empty() {
                fields.push(quote!(Default::default()));
            }
            if fields.is_empty() {
                quote!(#reply::#variant)
            } else {
                quote!(#reply::#variant(#(#fields),*))
            }
        }
    };
    let many = (args.len() > 6).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    quote! {
        #many
        async fn #name(&self, #(#args),*) -> #reply {
            #value
        }
    }
}
