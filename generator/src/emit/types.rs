//! The `types` module: serde models for every schema.

use proc_macro2::TokenStream;
use quote::quote;

use super::rust::{base, element, ident};
use super::{docs, features};
use crate::ir::names::Scope;
use crate::ir::{Additional, Api, Field, StringEnum, Struct, TypeDef, TypeKind, Union, Wrapper};

/// The `types` module's items for the types in `part`, with the module's header when the
/// part is the first.
pub fn module(api: &Api, part: std::ops::Range<usize>) -> TokenStream {
    let first = part.start == 0;
    let start = part.start;
    let items = api.types[part]
        .iter()
        .enumerate()
        .map(|(i, def)| features::gate(&features::of_type(api, start + i), type_def(api, def)));
    if !first {
        return quote!(#(#items)*);
    }
    let allowance = features::module_allowance(api);
    // Object types read and write themselves through `runtime::json`.
    let structs = api
        .types
        .iter()
        .any(|def| matches!(def.kind, TypeKind::Struct(_)));
    let imports = structs.then(|| {
        quote!(
            use super::runtime::json;
        )
    });
    quote! {
        //! Serde models for every schema of the API.
        //!
        //! Optional fields are `Option`s that are left out when `None`; a field that is
        //! optional *and* nullable is a [`Nullable`](super::Nullable), which tells an absent
        //! key from an explicit `null`.

        // Variant names come from the spec's values and type names; similar prefixes are
        // the provider's choice, and sizes of union variants depend on the spec. Property
        // names (`foo` included) name the locals that read them.
        #![allow(
            clippy::enum_variant_names,
            clippy::large_enum_variant,
            clippy::disallowed_names
        )]
        #allowance

        #imports

        #(#items)*
    }
}

fn type_def(api: &Api, def: &TypeDef) -> TokenStream {
    let docs = docs::attrs(&def.docs);
    let name = ident(&def.name);
    match &def.kind {
        TypeKind::Struct(s) => struct_def(api, def, s),
        TypeKind::Enum(e) => enum_def(def, e),
        TypeKind::Union(u) => union_def(api, def, u),
        TypeKind::Alias(ty) => {
            let ty = element(api, ty);
            quote! {
                #docs
                pub type #name = #ty;
            }
        }
        TypeKind::Newtype(ty) => {
            let ty = element(api, ty);
            quote! {
                #docs
                #[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
                #[serde(transparent)]
                pub struct #name(pub #ty);
            }
        }
    }
}

/// The Rust type of a field, by the nullable/optional matrix. How each is read is
/// [`deserialize_impl`]'s, how each is written [`serialize_impl`]'s.
fn field_type(api: &Api, field: &Field) -> TokenStream {
    let plain = base(api, &field.ty);
    match field.wrapper() {
        Wrapper::Plain => plain,
        Wrapper::RequiredNullable | Wrapper::Optional => quote!(Option<#plain>),
        Wrapper::ThreeState => quote!(super::Nullable<#plain>),
    }
}

/// `Serialize` for an object type, through the runtime's `json::Object`: a call per
/// field, optional ones left out when absent, then the additional properties.
fn serialize_impl(def: &TypeDef, s: &Struct, additional: Option<&str>) -> TokenStream {
    let name = ident(&def.name);
    let mut writes: Vec<TokenStream> = s
        .fields
        .iter()
        .map(|field| {
            let field_name = ident(&field.ident);
            let wire = &field.wire;
            match field.wrapper() {
                Wrapper::Plain | Wrapper::RequiredNullable => {
                    quote!(object.field(#wire, &self.#field_name);)
                }
                Wrapper::Optional | Wrapper::ThreeState => {
                    quote!(object.optional(#wire, &self.#field_name);)
                }
            }
        })
        .collect();
    if let Some(additional) = additional {
        let field_name = ident(additional);
        writes.push(quote!(object.entries(&self.#field_name);));
    }
    let body = if writes.is_empty() {
        quote!(json::object_writer(serializer)?.end())
    } else {
        quote! {
            let mut object = json::object_writer(serializer)?;
            #(#writes)*
            object.end()
        }
    };
    quote! {
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                #body
            }
        }
    }
}

/// `Deserialize` for an object type, through the runtime's `json::object`: one slot per
/// property, filled as the keys come, then the struct. A required key that is missing,
/// a key given twice and (with `additionalProperties: false`) an undeclared key are
/// errors worded as serde words them; `null` is taken only where the field is nullable.
fn deserialize_impl(def: &TypeDef, s: &Struct, additional: Option<&str>) -> TokenStream {
    let name = ident(&def.name);
    let expecting = format!("struct {}", def.name);
    // The locals are named after the fields, clear of the two the loop uses.
    let mut locals = Scope::new();
    locals.claim("map");
    locals.claim("key");
    let mut slots = Vec::new();
    let mut arms = Vec::new();
    let mut values = Vec::new();
    for field in &s.fields {
        let local = ident(&locals.claim(&field.ident));
        let field_name = ident(&field.ident);
        let wire = &field.wire;
        let value = match field.wrapper() {
            Wrapper::Plain | Wrapper::RequiredNullable => quote!(json::required!(#local, #wire)),
            Wrapper::Optional => quote!(#local),
            Wrapper::ThreeState => quote!(#local.unwrap_or_default()),
        };
        // The slot's type comes from the field it fills: spelled out, a schema named like
        // the generic `A` of `read` would be taken for it.
        slots.push(quote!(let mut #local = None;));
        arms.push(quote!(#wire => json::slot(&mut #local, #wire, &mut map),));
        let shorthand = field.wrapper() == Wrapper::Optional && local == field_name;
        values.push(if shorthand {
            quote!(#field_name,)
        } else {
            quote!(#field_name: #value,)
        });
    }
    // What to do with a key the type does not declare: each arm is a `Result`, and the
    // match has one `?` for all of them.
    let other = match (&s.additional, additional) {
        (Additional::Map(_), Some(additional)) => {
            let local = ident(&locals.claim(additional));
            let field_name = ident(additional);
            slots.push(quote!(let mut #local = std::collections::BTreeMap::new();));
            values.push(if local == field_name {
                quote!(#field_name,)
            } else {
                quote!(#field_name: #local,)
            });
            quote!(json::keep(&mut #local, key, &mut map))
        }
        (Additional::Forbidden, _) => {
            let declared = s.fields.iter().map(|f| &f.wire);
            quote!(Err(json::unknown(&key, &[#(#declared),*])))
        }
        _ => quote!(json::skip(&mut map)),
    };
    let read = match (arms.is_empty(), &s.additional) {
        (true, Additional::Ignored) => quote! {
            while map.next_key::<serde::de::IgnoredAny>()?.is_some() {
                json::skip(&mut map)?;
            }
        },
        // No property is declared, and none is allowed.
        (true, Additional::Forbidden) => quote! {
            if let Some(key) = map.next_key::<json::Key<'de>>()? {
                return #other;
            }
        },
        (true, Additional::Map(_)) => quote! {
            while let Some(key) = map.next_key::<json::Key<'de>>()? {
                #other?;
            }
        },
        (false, _) => quote! {
            while let Some(key) = map.next_key::<json::Key<'de>>()? {
                match key.as_str() {
                    #(#arms)*
                    _ => #other,
                }?;
            }
        },
    };
    quote! {
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                json::object(deserializer)
            }
        }

        impl<'de> json::FromObject<'de> for #name {
            const EXPECTING: &'static str = #expecting;

            fn read<A: serde::de::MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
                #(#slots)*
                #read
                Ok(Self { #(#values)* })
            }
        }
    }
}

fn struct_def(api: &Api, def: &TypeDef, s: &Struct) -> TokenStream {
    let name = ident(&def.name);
    let docs = docs::attrs(&def.docs);
    let mut idents = Scope::new();
    let mut fields = Vec::new();
    for field in &s.fields {
        idents.claim(&field.ident);
        let ty = field_type(api, field);
        let field_name = ident(&field.ident);
        let field_docs = field_docs(field);
        fields.push(quote! {
            #field_docs
            pub #field_name: #ty,
        });
    }
    let additional_ident = match &s.additional {
        Additional::Map(value) => {
            let value = element(api, value);
            let additional = idents.claim("additional_properties");
            let additional_name = ident(&additional);
            fields.push(quote! {
                /// Properties not declared by the schema, kept as they came.
                pub #additional_name: std::collections::BTreeMap<String, #value>,
            });
            Some(additional)
        }
        Additional::Forbidden | Additional::Ignored => None,
    };
    let secret = s.fields.iter().any(|f| f.secret);
    let all_optional = s.fields.iter().all(|f| !f.required);
    let mut derives = vec![quote!(Clone)];
    if !secret {
        derives.push(quote!(Debug));
    }
    if all_optional {
        derives.push(quote!(Default));
    }
    derives.push(quote!(PartialEq));
    let debug = if secret {
        redacted_debug(def, s, additional_ident.as_deref())
    } else {
        quote!()
    };
    let serialize = serialize_impl(def, s, additional_ident.as_deref());
    let deserialize = deserialize_impl(def, s, additional_ident.as_deref());
    quote! {
        #docs
        #[derive(#(#derives),*)]
        pub struct #name {
            #(#fields)*
        }
        #debug
        #serialize
        #deserialize
    }
}

fn field_docs(field: &Field) -> TokenStream {
    let mut lines = docs::render(&field.docs);
    let mut notes = Vec::new();
    if field.read_only {
        notes.push("Read-only: sent by the server, ignored in requests.");
    }
    if field.write_only {
        notes.push("Write-only: sent in requests, never returned.");
    }
    for note in notes {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.push(note.to_owned());
    }
    docs::lines_to_attrs(&lines)
}

/// `Debug` that prints secret fields as `<redacted>`.
fn redacted_debug(def: &TypeDef, s: &Struct, additional: Option<&str>) -> TokenStream {
    let name = ident(&def.name);
    let name_text = &def.name;
    let entries = s.fields.iter().map(|f| {
        let label = &f.ident;
        let field = ident(&f.ident);
        if f.secret {
            quote!(.field(#label, &format_args!("<redacted>")))
        } else {
            quote!(.field(#label, &self.#field))
        }
    });
    let additional = additional.map(|a| {
        let field = ident(a);
        quote!(.field(#a, &self.#field))
    });
    quote! {
        impl std::fmt::Debug for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(#name_text)
                    #(#entries)*
                    #additional
                    .finish()
            }
        }
    }
}

fn enum_def(def: &TypeDef, e: &StringEnum) -> TokenStream {
    let name = ident(&def.name);
    let docs = docs::attrs(&def.docs);
    let catch_all = ident(&e.catch_all);
    let variants = e.variants.iter().map(|v| {
        let variant = ident(&v.ident);
        // Escaped as in Rust source, so control characters cannot break the comment.
        let doc = match v.wire.escape_debug().to_string() {
            wire if wire.is_empty() => " The empty string.".to_owned(),
            wire if wire.contains('`') => format!(" `` {wire} ``"),
            wire => format!(" `{wire}`"),
        };
        quote!(#[doc = #doc] #variant,)
    });
    let as_str_arms = e.variants.iter().map(|v| {
        let variant = ident(&v.ident);
        let wire = &v.wire;
        quote!(Self::#variant => #wire,)
    });
    let from_arms = e.variants.iter().map(|v| {
        let variant = ident(&v.ident);
        let wire = &v.wire;
        quote!(#wire => Self::#variant,)
    });
    let all = e.variants.iter().map(|v| {
        let variant = ident(&v.ident);
        quote!(Self::#variant)
    });
    let count = proc_macro2::Literal::usize_unsuffixed(e.variants.len());
    quote! {
        #docs
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub enum #name {
            #(#variants)*
            /// A value this version of the API description does not list. It is kept so
            /// that clients go on working when the provider adds one; validation reports it.
            #catch_all(String),
        }

        impl #name {
            /// Every value the API description lists.
            pub const ALL: [Self; #count] = [#(#all),*];

            /// The value as it appears on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#as_str_arms)*
                    Self::#catch_all(value) => value,
                }
            }

            /// Whether the value is one the API description lists.
            pub fn is_known(&self) -> bool {
                !matches!(self, Self::#catch_all(_))
            }
        }

        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#from_arms)*
                    other => Self::#catch_all(other.to_owned()),
                }
            }
        }

        impl From<String> for #name {
            fn from(value: String) -> Self {
                match Self::from(value.as_str()) {
                    Self::#catch_all(_) => Self::#catch_all(value),
                    known => known,
                }
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                super::runtime::json::string_enum(deserializer)
            }
        }
    }
}

fn union_def(api: &Api, def: &TypeDef, u: &Union) -> TokenStream {
    let name = ident(&def.name);
    let docs = docs::attrs(&def.docs);
    let variants = u.variants.iter().map(|v| {
        let variant = ident(&v.ident);
        let ty = element(api, &v.ty);
        quote!(#variant(#ty),)
    });
    let Some(tag) = &u.tag else {
        return quote! {
            #docs
            #[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
            #[serde(untagged)]
            pub enum #name {
                #(#variants)*
            }
        };
    };
    tagged_union(def, u, tag, quote!(#(#variants)*), docs)
}

/// A union told apart by a property. The variants' own structs usually declare that
/// property too, so serde's internal tagging (which removes it) cannot be used: the value
/// is read once, dispatched on the tag, and the tag is written back when serialising.
fn tagged_union(
    def: &TypeDef,
    u: &Union,
    tag: &str,
    variants: TokenStream,
    docs: TokenStream,
) -> TokenStream {
    let name = ident(&def.name);
    let values: Vec<&str> = u
        .variants
        .iter()
        .map(|v| v.tag_value.as_deref().unwrap_or(&v.ident))
        .collect();
    let de_arms = u.variants.iter().zip(&values).map(|(v, value)| {
        let variant = ident(&v.ident);
        quote!(#value => serde_json::from_value(value).map(Self::#variant),)
    });
    let ser_arms = u.variants.iter().zip(&values).map(|(v, value)| {
        let variant = ident(&v.ident);
        quote!(Self::#variant(inner) => (#value, serde_json::to_value(inner)),)
    });
    let expected = values
        .iter()
        .map(|v| format!("`{v}`"))
        .collect::<Vec<_>>()
        .join(", ");
    quote! {
        #docs
        #[derive(Clone, Debug, PartialEq)]
        pub enum #name {
            #variants
        }

        impl #name {
            /// The name of the property that tells the variants apart.
            pub const TAG: &'static str = #tag;
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let (tag, value) = match self {
                    #(#ser_arms)*
                };
                let mut value = value.map_err(serde::ser::Error::custom)?;
                if let Some(object) = value.as_object_mut() {
                    object.insert(Self::TAG.to_owned(), serde_json::Value::from(tag));
                }
                serde::Serialize::serialize(&value, serializer)
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                use serde::de::Error as _;
                let value = serde_json::Value::deserialize(deserializer)?;
                let tag = match value.get(Self::TAG) {
                    Some(serde_json::Value::String(tag)) => tag.clone(),
                    Some(_) => return Err(D::Error::custom(format_args!("`{}` must be a string", Self::TAG))),
                    None => return Err(D::Error::missing_field(Self::TAG)),
                };
                let result = match tag.as_str() {
                    #(#de_arms)*
                    other => {
                        return Err(D::Error::custom(format_args!(
                            "unknown `{}` value `{other}`, expected one of {}",
                            Self::TAG,
                            #expected
                        )));
                    }
                };
                result.map_err(D::Error::custom)
            }
        }
    }
}
