//! The `mock` module: an implementation of the server's `Api` that answers every operation
//! with a value of its first success response, written as a struct literal of the API's
//! types from the spec's example (or, when there is none or it does not fit, from values
//! derived from the schema).

use proc_macro2::TokenStream;
use quote::quote;

use super::{body_arg_type, carries_status, param_type, reply_name, secured, status_code};
use crate::emit::literal::{Finished, Literals};
use crate::emit::rust::ident;
use crate::emit::{example, features};
use crate::ir::plan::request_names_a_type;
use crate::ir::{Api, Operation, Payload, Response, Status};

/// The names the module's own items take, which shared values must not.
const ITEMS: &[&str] = &[
    "types",
    "server",
    "mock",
    "Mock",
    "BTreeMap",
    "StatusCode",
    "Map",
    "Value",
];

const DOCS: &str =
    "A mock implementation of the API: every operation answers with its first success response,
built from the API description's examples, or from values derived from its schemas where it
gives none that is a value of the type. The values are fixtures: a type that an earlier
answer already holds gets that value again (an answer holding two keeps them apart), and
arrays and maps keep their first three items. Serve it with
`server::router(Mock::default())`, or run `examples/mock_server.rs`.";

/// The whole `mock` module.
pub fn module(api: &Api) -> TokenStream {
    let docs = DOCS.lines().map(|line| {
        let line = format!(" {line}");
        quote!(#![doc = #line])
    });
    // The trait has `authenticate` only when there are operations to secure.
    let secured = secured(api) && !api.operations.is_empty();
    let authenticate = secured.then(|| {
        quote! {
            fn authenticate(&self, credentials: &Credentials) -> bool {
                match &self.credential {
                    Some(expected) => credentials.secrets().any(|given| given == expected),
                    None => true,
                }
            }
        }
    });
    // Without security schemes (or operations) nothing reads the credential but the user.
    let credential_getter = (!secured).then(|| {
        quote! {
            /// The credential the mock was locked to; this API never asks for one.
            pub fn credential(&self) -> Option<&str> {
                self.credential.as_deref()
            }
        }
    });
    // Values of the spec's own examples first: a type's first value is the one every
    // later answer of that type gets, and it should be the provider's, not a derived one.
    let mut literals = Literals::new(api);
    let mut order: Vec<usize> = (0..api.operations.len()).collect();
    order.sort_by_key(|&i| !gives_example(api, &api.operations[i]));
    let mut answers: Vec<Option<Answer>> = (0..api.operations.len()).map(|_| None).collect();
    for i in order {
        answers[i] = Some(answer(&mut literals, &api.operations[i]));
    }
    let answers: Vec<Answer> = answers.into_iter().flatten().collect();
    let uses = Uses {
        map: literals.uses_map,
        json: literals.uses_json,
        json_map: literals.uses_json_map,
        status: answers.iter().any(|a| a.status.is_some()),
        credentials: secured,
        server: !api.operations.is_empty(),
        // `types` is named by the values written and by the arguments the methods ignore.
        types: literals.uses_types || api.operations.iter().any(request_names_a_type),
    };
    let finished = literals.finish(ITEMS);
    let methods = api.operations.iter().zip(&answers).map(|(op, answer)| {
        let cfg = features::of_operation(api, op);
        features::gate(&cfg, method(api, op, answer, &finished))
    });
    let functions = finished
        .functions()
        .into_iter()
        .map(|(id, function)| features::gate(&features::of_type(api, id), function));
    let allowance = features::module_allowance(api);
    let imports = imports(&uses);
    quote! {
        #(#docs)*

        #allowance

        #(#imports)*

        /// The mock: `Mock::default()` accepts any credentials, [`Mock::locked`] one only.
        #[derive(Clone, Debug, Default)]
        pub struct Mock {
            credential: Option<String>,
        }

        impl Mock {
            /// A mock that answers 401 unless the request carries `credential`: the bearer
            /// token, API key or basic password of a scheme the operation accepts.
            pub fn locked(credential: impl Into<String>) -> Self {
                Self { credential: Some(credential.into()) }
            }

            #credential_getter
        }

        impl Api for Mock {
            #authenticate

            #(#methods)*
        }

        #(#functions)*
    }
}

/// What the module names, and so imports.
struct Uses {
    map: bool,
    json: bool,
    json_map: bool,
    status: bool,
    credentials: bool,
    server: bool,
    types: bool,
}

fn imports(uses: &Uses) -> Vec<TokenStream> {
    let mut imports = Vec::new();
    if uses.map {
        imports.push(quote!(
            use std::collections::BTreeMap;
        ));
    }
    if uses.server {
        imports.push(quote!(
            use std::future;
        ));
    }
    match (uses.json, uses.json_map) {
        (false, _) => {}
        (true, false) => imports.push(quote!(
            use serde_json::Value;
        )),
        (true, true) => imports.push(quote!(
            use serde_json::{Map, Value};
        )),
    }
    if uses.status {
        imports.push(quote!(
            use axum::http::StatusCode;
        ));
    }
    imports.push(match (uses.server, uses.credentials) {
        (true, true) => quote!(
            use super::server::{self, Api, Credentials};
        ),
        (true, false) => quote!(
            use super::server::{self, Api};
        ),
        (false, _) => quote!(
            use super::server::Api;
        ),
    });
    if uses.types {
        imports.push(quote!(
            use super::types;
        ));
    }
    imports
}

/// What a mock method answers: the reply variant and the value it carries.
struct Answer {
    /// The response answered, by index; `None` when the operation declares none.
    response: Option<usize>,
    /// The body's expression, with placeholders for shared values.
    body: Option<TokenStream>,
    /// The status the variant carries, for a range or `default`.
    status: Option<TokenStream>,
}

/// Whether the first success response of `op` has an example that fits its type.
fn gives_example(api: &Api, op: &Operation) -> bool {
    op.responses
        .iter()
        .find(|r| matches!(r.status, Status::Code(200..=299) | Status::Range(2)))
        .is_some_and(|r| match (&r.payload, &r.example) {
            (Payload::Json(ty), Some(value)) => example::fits(api, ty, value),
            _ => false,
        })
}

/// The first success response whose value can be built, else the first response that can.
fn answer(literals: &mut Literals, op: &Operation) -> Answer {
    let success = |r: &&Response| matches!(r.status, Status::Code(200..=299) | Status::Range(2));
    let order = op
        .responses
        .iter()
        .enumerate()
        .filter(|(_, r)| success(r))
        .chain(op.responses.iter().enumerate().filter(|(_, r)| !success(r)));
    for (index, response) in order {
        let body = match &response.payload {
            Payload::Json(ty) => {
                let value = example::example(literals.api(), ty, response.example.as_ref());
                match literals.element(ty, &value) {
                    Some(tokens) => Some(tokens),
                    None => continue,
                }
            }
            Payload::Empty => None,
            Payload::Text | Payload::Form(_) | Payload::Multipart(_) | Payload::Bytes => {
                Some(quote!(Default::default()))
            }
        };
        return Answer {
            response: Some(index),
            body,
            status: carries_status(response).then(|| match response.status {
                Status::Range(class) => status_code(u16::from(class) * 100),
                _ => status_code(200),
            }),
        };
    }
    Answer {
        response: None,
        body: None,
        status: None,
    }
}

fn method(api: &Api, op: &Operation, answer: &Answer, finished: &Finished) -> TokenStream {
    let name = ident(&op.fn_name);
    let reply = reply_name(op);
    // The mock answers the same whatever it is asked.
    let mut args = Vec::new();
    if secured(api) {
        args.push(quote!(_: Credentials));
    }
    args.extend(op.params.iter().map(|p| {
        let ty = param_type(api, p);
        quote!(_: #ty)
    }));
    if let Some(ty) = body_arg_type(api, op) {
        args.push(quote!(_: #ty));
    }
    let value = match answer.response.map(|i| &op.responses[i]) {
        None if op.responses.is_empty() => {
            quote!(unreachable!(
                "operations without responses have no reply enum"
            ))
        }
        None => {
            let message = format!(
                "apigen found no value of any response of `{}` to answer with",
                op.fn_name
            );
            quote!(unreachable!(#message))
        }
        Some(response) => {
            let variant = ident(&response.name);
            let mut fields = Vec::new();
            if let Some(status) = &answer.status {
                fields.push(status.clone());
            }
            if let Some(body) = &answer.body {
                fields.push(finished.render(body));
            }
            if response.headers_type.is_some() {
                fields.push(quote!(Default::default()));
            }
            if fields.is_empty() {
                quote!(server::#reply::#variant)
            } else {
                quote!(server::#reply::#variant(#(#fields),*))
            }
        }
    };
    let many = (args.len() > 6).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    // A ready future, not an `async fn`: the answer is at hand, and a state machine per
    // operation is a good part of what checking a big crate costs. A method with no value
    // to answer panics when polled, as the `async fn` did; `future::ready(unreachable!())`
    // would be an unreachable call.
    let future = if answer.response.is_some() {
        quote!(future::ready(#value))
    } else {
        quote!(future::poll_fn(|_| #value))
    };
    quote! {
        #many
        fn #name(&self, #(#args),*) -> impl Future<Output = server::#reply> + Send {
            #future
        }
    }
}
