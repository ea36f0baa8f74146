//! Rust spellings of IR types and names.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::{Api, Field, FloatWidth, IntWidth, StringFormat, Struct, Ty, TyKind, Wrapper};

/// An identifier. Every name reaching here was made by `ir::names`, so it is valid.
pub fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// The Rust type of `ty`, ignoring whether it may be null, as written inside `types`.
pub fn base(api: &Api, ty: &Ty) -> TokenStream {
    spelled(api, ty, false)
}

/// Like [`base`], as written in a sibling module (named types as `types::Name`).
pub fn base_outside(api: &Api, ty: &Ty) -> TokenStream {
    spelled(api, ty, true)
}

/// Like [`element`], as written in a sibling module.
pub fn element_outside(api: &Api, ty: &Ty) -> TokenStream {
    let base = base_outside(api, ty);
    if ty.nullable && ty.kind != TyKind::Any {
        quote!(Option<#base>)
    } else {
        base
    }
}

/// Whether a parameter of this type is passed by value (small `Copy` types).
pub fn by_value(ty: &Ty) -> bool {
    matches!(
        ty.kind,
        TyKind::Bool
            | TyKind::Integer(_)
            | TyKind::Number(_)
            | TyKind::String(StringFormat::Uuid | StringFormat::Date | StringFormat::DateTime)
    )
}

/// The argument type of a parameter: small types by value, strings as `&str`, arrays as
/// slices, the rest by reference; `Option` when it may be left out or be null.
pub fn param_arg(api: &Api, ty: &Ty, required: bool) -> TokenStream {
    let inner = if by_value(ty) {
        base_outside(api, ty)
    } else {
        match &ty.kind {
            TyKind::String(StringFormat::Plain) => quote!(&str),
            TyKind::Array(item) => {
                let item = element_outside(api, item);
                quote!(&[#item])
            }
            _ => {
                let base = base_outside(api, ty);
                quote!(&#base)
            }
        }
    };
    if required && !(ty.nullable && ty.kind != TyKind::Any) {
        inner
    } else {
        quote!(Option<#inner>)
    }
}

fn spelled(api: &Api, ty: &Ty, outside: bool) -> TokenStream {
    let element = |t: &Ty| {
        let base = spelled(api, t, outside);
        if t.nullable && t.kind != TyKind::Any {
            quote!(Option<#base>)
        } else {
            base
        }
    };
    let inner = match &ty.kind {
        TyKind::Bool => quote!(bool),
        TyKind::Integer(IntWidth::I32) => quote!(i32),
        TyKind::Integer(IntWidth::I64) => quote!(i64),
        TyKind::Number(FloatWidth::F32) => quote!(f32),
        TyKind::Number(FloatWidth::F64) => quote!(f64),
        TyKind::String(StringFormat::Plain) => quote!(String),
        TyKind::String(StringFormat::Uuid) => quote!(uuid::Uuid),
        TyKind::String(StringFormat::DateTime) => quote!(chrono::DateTime<chrono::Utc>),
        TyKind::String(StringFormat::Date) => quote!(chrono::NaiveDate),
        TyKind::String(StringFormat::Byte) => quote!(super::Base64Bytes),
        TyKind::Array(item) => {
            let item = element(item);
            quote!(Vec<#item>)
        }
        TyKind::Map(value) => {
            let value = element(value);
            quote!(std::collections::BTreeMap<String, #value>)
        }
        TyKind::Any => quote!(serde_json::Value),
        TyKind::Named(id) => {
            let name = ident(&api.types[*id].name);
            if outside {
                quote!(types::#name)
            } else {
                quote!(#name)
            }
        }
    };
    if ty.boxed { quote!(Box<#inner>) } else { inner }
}

/// The Rust type of a value inside a collection or union: `Option<T>` when it may be null.
pub fn element(api: &Api, ty: &Ty) -> TokenStream {
    let base = base(api, ty);
    if ty.nullable && ty.kind != TyKind::Any {
        quote!(Option<#base>)
    } else {
        base
    }
}

/// Which optional crates the types of an API need.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Needs {
    /// `uuid`.
    pub uuid: bool,
    /// `chrono`.
    pub chrono: bool,
    /// `Base64Bytes` (`format: byte`).
    pub base64: bool,
    /// `regex` (set from the validation emitter).
    pub regex: bool,
    /// `fancy-regex` (set from the validation emitter).
    pub fancy_regex: bool,
}

impl Needs {
    /// Scans every type use in the API.
    pub fn of(api: &Api) -> Needs {
        let mut needs = Needs::default();
        let mut visit = |ty: &Ty| needs.visit(ty);
        crate::ir::visit_types(api, &mut visit);
        needs
    }

    fn visit(&mut self, ty: &Ty) {
        match &ty.kind {
            TyKind::String(StringFormat::Uuid) => self.uuid = true,
            TyKind::String(StringFormat::DateTime | StringFormat::Date) => self.chrono = true,
            TyKind::String(StringFormat::Byte) => self.base64 = true,
            TyKind::Array(inner) | TyKind::Map(inner) => self.visit(inner),
            _ => {}
        }
    }
}

/// The name the types emitter gives the flattened map of undeclared properties.
pub fn additional_ident(s: &Struct) -> String {
    let mut scope = crate::ir::names::Scope::new();
    for field in &s.fields {
        scope.claim(&field.ident);
    }
    scope.claim("additional_properties")
}

/// What a struct literal gives a field: nothing, `null`, or a value (its expression).
pub enum Given {
    /// The key is absent.
    Absent,
    /// An explicit `null`.
    Null,
    /// A value, as an expression of the field's type without its wrapper.
    Value(TokenStream),
}

/// A field's value in a struct literal, spelled for its wrapper (`Some`, `None`,
/// `Nullable::...`); `None` when the wrapper cannot hold it (a required field absent, a
/// `null` where none is allowed).
pub fn field_value(field: &Field, given: Given) -> Option<TokenStream> {
    Some(match (field.wrapper(), given) {
        (Wrapper::Plain, Given::Value(v)) => v,
        (Wrapper::RequiredNullable, Given::Null) | (Wrapper::Optional, Given::Absent) => {
            quote!(None)
        }
        (Wrapper::RequiredNullable | Wrapper::Optional, Given::Value(v)) => quote!(Some(#v)),
        (Wrapper::ThreeState, Given::Absent) => quote!(super::Nullable::Absent),
        (Wrapper::ThreeState, Given::Null) => quote!(super::Nullable::Null),
        (Wrapper::ThreeState, Given::Value(v)) => quote!(super::Nullable::Value(#v)),
        _ => return None,
    })
}
