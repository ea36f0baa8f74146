//! The `validate` module: one `Validate` impl per named type and a check function per
//! operation with constrained parameters. The trait, paths, violations and the checks they
//! call are the runtime's (`runtime/src/validation.rs`, `check.rs`, `formats.rs`).

use std::cell::Cell;
use std::collections::BTreeSet;

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::features;
use super::rust::{additional_ident, ident};
use crate::ir::CHECKED_FORMATS;
use crate::ir::plan::{names_a_type, trivial_types};
use crate::ir::{
    Additional, Api, Bound, Constraints, Field, FloatWidth, IntWidth, Operation, ParamLocation,
    Pattern, PatternEngine, StringEnum, StringFormat, Struct, Ty, TyKind, TypeDef, TypeId,
    TypeKind, Union, Wrapper,
};

/// The impls, the statics they use, and whether a regex is among them.
pub struct Output {
    /// Tokens to append after the hand-written part of the module.
    pub tokens: TokenStream,
    /// Whether the crate needs the `regex` dependency.
    pub needs_regex: bool,
    /// Whether the crate needs the `fancy-regex` dependency (look-around, backreferences).
    pub needs_fancy_regex: bool,
    /// Whether the impls call the runtime's keyword checks (`check`).
    pub uses_check: bool,
    /// Whether the impls call the runtime's format checks (`formats`).
    pub uses_formats: bool,
}

/// The opening of `src/validate.rs`: its documentation and the lints its code allows.
pub const HEADER: &str = r#"//! Validation of values against the constraints of the API description.
//!
//! Every type in [`types`](super::types) implements [`Validate`]. `validate()` walks the
//! whole value and returns **every** violation, each with the JSON pointer (RFC 6901) of
//! the offending value, the schema keyword and a message. Deserialisation already enforces
//! types, `required` and `additionalProperties: false`; validation checks the rest.
//!
//! `pattern` means what ECMA-262 says, as JSON Schema asks: each pattern was translated
//! for the `regex` crate (`\d` and `\w` stay ASCII, literal braces stay literal), and one
//! that needs look-around or backreferences runs on `fancy-regex`, whose backtracking has
//! a step limit: a value that exhausts it is refused. A pattern no engine reads was left
//! unchecked, with a warning when generating.

// Parameter names come from the API description, whatever they are (`foo` included).
#![allow(clippy::disallowed_names)]
"#;

/// Builds every `Validate` impl of the API.
pub fn module(api: &Api) -> Output {
    let mut emitter = Emitter {
        api,
        statics: Vec::new(),
        trivial: trivial_types(api),
        uses_check: Cell::new(false),
        uses_formats: Cell::new(false),
        places: BTreeSet::new(),
    };
    let mut impls: Vec<TokenStream> = api
        .types
        .iter()
        .enumerate()
        .filter_map(|(id, def)| {
            let item = emitter.type_impl(def)?;
            Some(features::gate(&features::of_type(api, id), item))
        })
        .collect();
    // Every impl names its type; a parameter check names one when a parameter's type does.
    let names_types = !impls.is_empty()
        || api
            .operations
            .iter()
            .filter(|op| op.names.parameter_check.is_some())
            .any(|op| op.params.iter().any(|p| names_a_type(&p.ty)));
    impls.extend(api.operations.iter().filter_map(|op| {
        let item = emitter.parameter_fn(op)?;
        Some(features::gate(&features::of_operation(api, op), item))
    }));
    let uses = |engine| emitter.statics.iter().any(|s| s.engine == Some(engine));
    let (needs_regex, needs_fancy_regex) = (
        uses(PatternEngine::Regex),
        uses(PatternEngine::Backtracking),
    );
    let statics = emitter.statics.iter().map(|s| s.tokens.clone());
    let types_import = names_types.then(|| {
        quote!(
            use super::types;
        )
    });
    let check_import = emitter.uses_check.get().then(|| {
        quote!(
            use super::runtime::check;
        )
    });
    let formats_import = emitter.uses_formats.get().then(|| {
        quote!(
            use super::runtime::formats;
        )
    });
    let allowance = features::module_allowance(api);
    let places = emitter.places.iter().map(|place| ident(place));
    let places_import = (!emitter.places.is_empty()).then(|| {
        quote!(
            use super::runtime::validation::{#(#places),*};
        )
    });
    Output {
        tokens: quote! {
            #allowance

            pub use super::runtime::validation::{Path, Validate, Violation, Violations};

            #check_import
            #formats_import
            #places_import
            #types_import

            #(#impls)*

            #(#statics)*
        },
        needs_regex,
        needs_fancy_regex,
        uses_check: emitter.uses_check.get(),
        uses_formats: emitter.uses_formats.get(),
    }
}

struct Static {
    key: String,
    name: String,
    /// The engine, for a compiled pattern; `None` for a JSON value.
    engine: Option<PatternEngine>,
    tokens: TokenStream,
}

struct Emitter<'a> {
    api: &'a Api,
    statics: Vec<Static>,
    /// Types whose validation can find nothing (no constraint anywhere inside).
    trivial: Vec<bool>,
    /// Whether a keyword check of the runtime's `check` module was emitted.
    uses_check: Cell<bool>,
    /// Whether a format check of the runtime's `formats` module was emitted.
    uses_formats: Cell<bool>,
    /// The parameter locations a parameter check starts its paths from (`IN_QUERY`, ...).
    places: BTreeSet<&'static str>,
}

impl Emitter<'_> {
    /// `call`, a function of the runtime's `check` module, recorded as used.
    fn check(&self, call: TokenStream) -> TokenStream {
        self.uses_check.set(true);
        call
    }

    /// `call`, `formats::check`, recorded as used.
    fn format_check(&self, call: TokenStream) -> TokenStream {
        self.uses_formats.set(true);
        call
    }

    /// `fn <operation>_parameters(...) -> Vec<Violation>`: the checks of the parameters that
    /// have constraints (only those are its arguments), each reported at
    /// `/<location>/<name>` (for example `/query/limit`).
    fn parameter_fn(&mut self, op: &Operation) -> Option<TokenStream> {
        let name = ident(op.names.parameter_check.as_deref()?);
        let mut args = Vec::new();
        let mut bodies = Vec::new();
        for param in op.params.iter().filter(|p| p.checked) {
            let arg = ident(&param.ident);
            let ty = super::rust::param_arg(self.api, &param.ty, param.required);
            let checks = self.value_checks(&param.ty);
            args.push(quote!(#arg: #ty));
            let location = match param.location {
                ParamLocation::Path => "IN_PATH",
                ParamLocation::Query => "IN_QUERY",
                ParamLocation::Header => "IN_HEADER",
                ParamLocation::Cookie => "IN_COOKIE",
            };
            self.places.insert(location);
            let location = ident(location);
            let wire = &param.name;
            let optional = !param.required || (param.ty.nullable && param.ty.kind != TyKind::Any);
            let place = quote!(let path = #location.key(#wire););
            bodies.push(if optional {
                quote!(if let Some(value) = #arg.as_ref() { #place #checks })
            } else {
                quote!({ let value = &#arg; #place #checks })
            });
        }
        let doc = format!(
            " Checks the constrained parameters of `{}` (`{} {}`).",
            op.fn_name, op.method, op.path
        );
        let many = (args.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
        Some(quote! {
            #[doc = #doc]
            #many
            pub fn #name(#(#args),*) -> Vec<Violation> {
                let mut violations = Vec::new();
                let out = &mut violations;
                #(#bodies)*
                violations
            }
        })
    }

    fn type_impl(&mut self, def: &TypeDef) -> Option<TokenStream> {
        let body = match &def.kind {
            TypeKind::Struct(s) => self.struct_body(s),
            TypeKind::Enum(e) => {
                self.uses_check.set(true);
                enum_body(e)
            }
            TypeKind::Union(u) => self.union_body(u),
            TypeKind::Newtype(ty) => {
                let checks = self.value_checks(ty);
                if checks.is_empty() {
                    quote!()
                } else {
                    quote!(let path = *path; let value = &self.0; #checks)
                }
            }
            TypeKind::Alias(_) => return None,
        };
        let name = ident(&def.name);
        if body.is_empty() {
            // Nothing beyond its shape to check: the trait's default.
            return Some(quote!(impl Validate for types::#name {}));
        }
        Some(quote! {
            impl Validate for types::#name {
                fn validate_at(&self, path: &Path<'_>, out: &mut Vec<Violation>) {
                    #body
                }
            }
        })
    }

    fn struct_body(&mut self, s: &Struct) -> TokenStream {
        let mut parts = Vec::new();
        if s.min_properties.is_some() || s.max_properties.is_some() {
            parts.push(self.property_count(s));
        }
        for field in &s.fields {
            parts.push(self.field_checks(field));
        }
        if let Additional::Map(value_ty) = &s.additional {
            let checks = self.element_checks(value_ty);
            if !checks.is_empty() {
                let map = ident(&additional_ident(s));
                parts.push(quote! {
                    for (key, value) in &self.#map {
                        let path = path.key(key);
                        #checks
                    }
                });
            }
        }
        quote!(#(#parts)*)
    }

    fn property_count(&mut self, s: &Struct) -> TokenStream {
        let required = s.fields.iter().filter(|f| f.required).count();
        let mut terms: Vec<TokenStream> = Vec::new();
        if required > 0 {
            let required = Literal::usize_unsuffixed(required);
            terms.push(quote!(#required));
        }
        for f in s.fields.iter().filter(|f| !f.required) {
            let name = ident(&f.ident);
            terms.push(if f.wrapper() == Wrapper::ThreeState {
                quote!(usize::from(!self.#name.is_absent()))
            } else {
                quote!(usize::from(self.#name.is_some()))
            });
        }
        if let Additional::Map(_) = s.additional {
            let map = ident(&additional_ident(s));
            terms.push(quote!(self.#map.len()));
        }
        if terms.is_empty() {
            terms.push(quote!(0));
        }
        let min = s.min_properties.map(|m| {
            let m = Literal::u64_unsuffixed(m);
            self.check(quote!(check::min_properties(count, #m, path, out);))
        });
        let max = s.max_properties.map(|m| {
            let m = Literal::u64_unsuffixed(m);
            self.check(quote!(check::max_properties(count, #m, path, out);))
        });
        quote! {
            let count = #(#terms)+*;
            #min
            #max
        }
    }

    fn field_checks(&mut self, field: &Field) -> TokenStream {
        if let Some(line) = self.one_line_check(field) {
            return line;
        }
        let checks = self.value_checks(&field.ty);
        if checks.is_empty() {
            return quote!();
        }
        let name = ident(&field.ident);
        let wire = &field.wire;
        let body = quote! {
            let path = path.key(#wire);
            #checks
        };
        match field.wrapper() {
            Wrapper::Plain => quote!({ let value = &self.#name; #body }),
            Wrapper::ThreeState => quote!(if let Some(value) = self.#name.value() { #body }),
            Wrapper::Optional | Wrapper::RequiredNullable => {
                quote!(if let Some(value) = &self.#name { #body })
            }
        }
    }

    /// The two checks most fields need, as one statement: a named type's own
    /// `validate_at` (also through `Option`, `Nullable` and `Box`, which implement it), and
    /// the format of a string that has no other constraint (when it is present).
    fn one_line_check(&self, field: &Field) -> Option<TokenStream> {
        let name = ident(&field.ident);
        let wire = &field.wire;
        let ty = &field.ty;
        match &ty.kind {
            TyKind::Named(id) => {
                let nested = !matches!(self.api.types[*id].kind, TypeKind::Alias(_));
                (nested && !self.trivial[*id])
                    .then(|| quote!(self.#name.validate_at(&path.key(#wire), out);))
            }
            TyKind::String(StringFormat::Plain) => {
                let c = &ty.constraints;
                let format = c
                    .format
                    .as_deref()
                    .filter(|f| CHECKED_FORMATS.contains(f))?;
                let only_format = c.min_length.is_none()
                    && c.max_length.is_none()
                    && c.pattern.is_none()
                    && c.enum_values.is_none()
                    && c.const_value.is_none();
                if !only_format {
                    return None;
                }
                let call = |value: TokenStream| {
                    self.format_check(
                        quote!(formats::check(#value, #format, &path.key(#wire), out);),
                    )
                };
                Some(match field.wrapper() {
                    Wrapper::Plain => call(quote!(&self.#name)),
                    Wrapper::ThreeState => {
                        let check = call(quote!(value));
                        quote!(if let Some(value) = self.#name.value() { #check })
                    }
                    Wrapper::Optional | Wrapper::RequiredNullable => {
                        let check = call(quote!(value));
                        quote!(if let Some(value) = &self.#name { #check })
                    }
                })
            }
            _ => None,
        }
    }

    fn union_body(&mut self, u: &Union) -> TokenStream {
        let mut any_checks = false;
        let arms: Vec<TokenStream> = u
            .variants
            .iter()
            .map(|v| {
                let variant = ident(&v.ident);
                let checks = self.element_checks(&v.ty);
                if checks.is_empty() {
                    quote!(Self::#variant(_) => {})
                } else {
                    any_checks = true;
                    quote!(Self::#variant(value) => { #checks })
                }
            })
            .collect();
        if !any_checks {
            return quote!();
        }
        quote! {
            let path = *path;
            match self {
                #(#arms)*
            }
        }
    }

    /// Checks for a value inside a collection or union, which is `Option<T>` when nullable.
    fn element_checks(&mut self, ty: &Ty) -> TokenStream {
        let checks = self.value_checks(ty);
        if checks.is_empty() || !ty.nullable || ty.kind == TyKind::Any {
            return checks;
        }
        quote! {
            if let Some(value) = value {
                #checks
            }
        }
    }

    /// Checks for `value: &T` at `path`, where `T` is the base type of `ty`.
    fn value_checks(&mut self, ty: &Ty) -> TokenStream {
        let c = &ty.constraints;
        match &ty.kind {
            TyKind::Named(id) => self.named_checks(*id),
            TyKind::String(StringFormat::Plain) => self.string_checks(c, quote!(value)),
            TyKind::String(_) | TyKind::Bool => self.equality_checks(c),
            TyKind::Integer(IntWidth::I32) => self.number_checks(c, Num::I32),
            TyKind::Integer(IntWidth::I64) => self.number_checks(c, Num::I64),
            TyKind::Number(FloatWidth::F32) => self.number_checks(c, Num::F32),
            TyKind::Number(FloatWidth::F64) => self.number_checks(c, Num::F64),
            TyKind::Array(item) => self.array_checks(c, item),
            TyKind::Map(value) => self.map_checks(c, value),
            TyKind::Any => self.any_checks(c),
        }
    }

    fn named_checks(&mut self, id: TypeId) -> TokenStream {
        match &self.api.types[id].kind {
            TypeKind::Alias(inner) => {
                let inner = inner.clone();
                self.value_checks(&inner)
            }
            _ if self.trivial[id] => quote!(),
            _ => quote!(value.validate_at(&path, out);),
        }
    }

    fn string_checks(&mut self, c: &Constraints, value: TokenStream) -> TokenStream {
        let mut parts = Vec::new();
        if let Some(min) = c.min_length {
            let min = Literal::u64_unsuffixed(min);
            parts.push(self.check(quote!(check::min_length(#value, #min, &path, out);)));
        }
        if let Some(max) = c.max_length {
            let max = Literal::u64_unsuffixed(max);
            parts.push(self.check(quote!(check::max_length(#value, #max, &path, out);)));
        }
        if let Some(pattern) = &c.pattern {
            let regex = self.regex_static(pattern);
            // A backtracking match that passes its step limit settles nothing: the value is
            // refused rather than let through unchecked.
            let matched = match pattern.engine {
                PatternEngine::Regex => quote!(#regex.is_match(#value)),
                PatternEngine::Backtracking => quote!(#regex.is_match(#value).unwrap_or(false)),
            };
            let shown = if pattern.shortened {
                let source = &pattern.source;
                quote!(#source)
            } else {
                quote!(#regex.as_str())
            };
            parts.push(self.check(quote!(check::pattern(#matched, #shown, &path, out);)));
        }
        if let Some(format) = c.format.as_deref().filter(|f| CHECKED_FORMATS.contains(f)) {
            parts.push(self.format_check(quote!(formats::check(#value, #format, &path, out);)));
        }
        parts.push(self.equality_checks(c));
        quote!(#(#parts)*)
    }

    fn equality_checks(&mut self, c: &Constraints) -> TokenStream {
        let mut parts = Vec::new();
        if let Some(values) = &c.enum_values {
            let allowed = self.json_static(&serde_json::Value::Array(values.clone()));
            parts.push(self.check(quote!(check::enumeration(value, &#allowed, &path, out);)));
        }
        if let Some(expected) = &c.const_value {
            let expected = self.json_static(expected);
            parts.push(self.check(quote!(check::constant(value, &#expected, &path, out);)));
        }
        quote!(#(#parts)*)
    }

    fn number_checks(&mut self, c: &Constraints, num: Num) -> TokenStream {
        let mut parts = Vec::new();
        for (bound, is_min) in [(&c.minimum, true), (&c.maximum, false)] {
            let Some(Bound {
                value: limit,
                exclusive,
            }) = bound
            else {
                continue;
            };
            let int_limit = limit
                .as_i64()
                .filter(|_| matches!(num, Num::I32 | Num::I64))
                .map(Literal::i64_unsuffixed);
            let as_i64 = if num == Num::I32 {
                quote!(i64::from(*value))
            } else {
                quote!(*value)
            };
            parts.push(match (int_limit, is_min) {
                (Some(l), true) => {
                    self.check(quote!(check::minimum_int(#as_i64, #l, #exclusive, &path, out);))
                }
                (Some(l), false) => {
                    self.check(quote!(check::maximum_int(#as_i64, #l, #exclusive, &path, out);))
                }
                (None, is_min) => {
                    let l = float_literal(limit);
                    let as_f64 = as_f64(num);
                    if is_min {
                        self.check(quote!(check::minimum(#as_f64, #l, #exclusive, &path, out);))
                    } else {
                        self.check(quote!(check::maximum(#as_f64, #l, #exclusive, &path, out);))
                    }
                }
            });
        }
        if let Some(divisor) = &c.multiple_of {
            let d = float_literal(divisor);
            let as_f64 = as_f64(num);
            parts.push(self.check(quote!(check::multiple_of(#as_f64, #d, &path, out);)));
        }
        parts.push(self.equality_checks(c));
        quote!(#(#parts)*)
    }

    fn array_checks(&mut self, c: &Constraints, item: &Ty) -> TokenStream {
        let mut parts = Vec::new();
        if let Some(min) = c.min_items {
            let min = Literal::u64_unsuffixed(min);
            parts.push(self.check(quote!(check::min_items(value.len(), #min, &path, out);)));
        }
        if let Some(max) = c.max_items {
            let max = Literal::u64_unsuffixed(max);
            parts.push(self.check(quote!(check::max_items(value.len(), #max, &path, out);)));
        }
        if c.unique_items {
            parts.push(self.check(quote!(check::unique_items(value, &path, out);)));
        }
        parts.push(self.equality_checks(c));
        let item_checks = self.element_checks(item);
        if !item_checks.is_empty() {
            parts.push(quote! {
                for (index, value) in value.iter().enumerate() {
                    let path = path.index(index);
                    #item_checks
                }
            });
        }
        quote!(#(#parts)*)
    }

    fn map_checks(&mut self, c: &Constraints, value_ty: &Ty) -> TokenStream {
        let mut parts = Vec::new();
        if let Some(min) = c.min_properties {
            let min = Literal::u64_unsuffixed(min);
            parts.push(self.check(quote!(check::min_properties(value.len(), #min, &path, out);)));
        }
        if let Some(max) = c.max_properties {
            let max = Literal::u64_unsuffixed(max);
            parts.push(self.check(quote!(check::max_properties(value.len(), #max, &path, out);)));
        }
        parts.push(self.equality_checks(c));
        let value_checks = self.element_checks(value_ty);
        if !value_checks.is_empty() {
            parts.push(quote! {
                for (key, value) in value {
                    let path = path.key(key);
                    #value_checks
                }
            });
        }
        quote!(#(#parts)*)
    }

    /// Checks on a `serde_json::Value`: each keyword applies to the JSON type it is for.
    fn any_checks(&mut self, c: &Constraints) -> TokenStream {
        if *c == Constraints::default() {
            return quote!();
        }
        let strings = self.string_checks(
            &Constraints {
                enum_values: None,
                const_value: None,
                ..c.clone()
            },
            quote!(text),
        );
        let mut parts = Vec::new();
        if !strings.is_empty() {
            parts.push(quote!(if let Some(text) = value.as_str() { #strings }));
        }
        let numeric = Constraints {
            minimum: c.minimum.clone(),
            maximum: c.maximum.clone(),
            multiple_of: c.multiple_of.clone(),
            ..Constraints::default()
        };
        let numbers = self.number_checks(&numeric, Num::F64);
        if !numbers.is_empty() {
            parts.push(quote!(if let Some(value) = value.as_f64().as_ref() { #numbers }));
        }
        if c.min_items.is_some() || c.max_items.is_some() || c.unique_items {
            let array = Constraints {
                min_items: c.min_items,
                max_items: c.max_items,
                unique_items: c.unique_items,
                ..Constraints::default()
            };
            let arrays = self.array_checks(&array, &Ty::any());
            parts.push(quote!(if let Some(value) = value.as_array() { #arrays }));
        }
        if let (Some(_), _) | (_, Some(_)) = (c.min_properties, c.max_properties) {
            let object = Constraints {
                min_properties: c.min_properties,
                max_properties: c.max_properties,
                ..Constraints::default()
            };
            let objects = self.map_checks(&object, &Ty::any());
            parts.push(quote!(if let Some(value) = value.as_object() { #objects }));
        }
        parts.push(self.equality_checks(c));
        quote!(#(#parts)*)
    }

    fn regex_static(&mut self, pattern: &Pattern) -> TokenStream {
        let translated = &pattern.translated;
        let (key, engine) = match pattern.engine {
            PatternEngine::Regex => (format!("regex:{translated}"), quote!(regex::Regex)),
            PatternEngine::Backtracking => (
                format!("fancy-regex:{translated}"),
                quote!(fancy_regex::Regex),
            ),
        };
        // The doc says why the regex is not the spec's text, for readers of the source.
        let doc = pattern.shortened.then(|| {
            quote!(#[doc = " The spec's pattern, less the upper bounds at its unanchored ends: it matches the same values."])
        });
        let name = self.static_named(&key, "PATTERN", Some(pattern.engine), |name| {
            quote! {
                #doc
                static #name: std::sync::LazyLock<#engine> = std::sync::LazyLock::new(|| {
                    #engine::new(#translated).expect("apigen checked this pattern when generating")
                });
            }
        });
        let name = ident(&name);
        quote!(#name)
    }

    fn json_static(&mut self, value: &serde_json::Value) -> TokenStream {
        let text = value.to_string();
        let key = format!("json:{text}");
        let name = self.static_named(&key, "JSON", None, |name| {
            quote! {
                static #name: std::sync::LazyLock<serde_json::Value> = std::sync::LazyLock::new(|| {
                    serde_json::from_str(#text).expect("apigen wrote this JSON when generating")
                });
            }
        });
        let name = ident(&name);
        quote!(#name)
    }

    fn static_named(
        &mut self,
        key: &str,
        prefix: &str,
        engine: Option<PatternEngine>,
        make: impl FnOnce(proc_macro2::Ident) -> TokenStream,
    ) -> String {
        if let Some(existing) = self.statics.iter().find(|s| s.key == key) {
            return existing.name.clone();
        }
        let name = format!(
            "{prefix}_{}",
            self.statics
                .iter()
                .filter(|s| s.engine.is_some() == engine.is_some())
                .count()
                + 1
        );
        let tokens = make(ident(&name));
        self.statics.push(Static {
            key: key.to_owned(),
            name: name.clone(),
            engine,
            tokens,
        });
        name
    }
}

fn enum_body(e: &StringEnum) -> TokenStream {
    let catch_all = ident(&e.catch_all);
    quote! {
        if let Self::#catch_all(value) = self {
            check::unknown_variant(value, &Self::ALL, path, out);
        }
    }
}

fn float_literal(n: &serde_json::Number) -> Literal {
    Literal::f64_unsuffixed(n.as_f64().filter(|f| f.is_finite()).unwrap_or(f64::MAX))
}

/// The Rust number types a check can be applied to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Num {
    I32,
    I64,
    F32,
    F64,
}

fn as_f64(num: Num) -> TokenStream {
    match num {
        Num::I32 | Num::F32 => quote!(f64::from(*value)),
        // Integers beyond 2^53 lose precision here; bounds that are integers use the exact
        // `*_int` checks instead.
        Num::I64 => quote!(*value as f64),
        Num::F64 => quote!(*value),
    }
}
