//! Rust spellings of IR types and names.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::{Api, FloatWidth, IntWidth, StringFormat, Ty, TyKind};

/// An identifier. Every name reaching here was made by `ir::names`, so it is valid.
pub fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// The Rust type of `ty`, ignoring whether it may be null.
pub fn base(api: &Api, ty: &Ty) -> TokenStream {
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
        TyKind::String(StringFormat::Byte) => quote!(super::runtime::Base64Bytes),
        TyKind::Array(item) => {
            let item = element(api, item);
            quote!(Vec<#item>)
        }
        TyKind::Map(value) => {
            let value = element(api, value);
            quote!(std::collections::BTreeMap<String, #value>)
        }
        TyKind::Any => quote!(serde_json::Value),
        TyKind::Named(id) => {
            let name = ident(&api.types[*id].name);
            quote!(#name)
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
    /// `base64`.
    pub base64: bool,
    /// `regex` (set from the validation emitter).
    pub regex: bool,
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
