//! JSON values written as Rust expressions of the API's types: struct literals, enum
//! variants, `vec![...]`, `Some(...)`. The mock builds its answers with them, so a value
//! that does not fit its type shows when generating (and the mock derives another), never
//! as a panic when serving.
//!
//! Values of named structs, unions and newtypes that recur (a large spec reuses the same
//! `owner` object in hundreds of examples) are written once, as a function, and called
//! where they recur: [`Literals`] collects every value first and decides at the end.

use std::collections::{HashMap, HashSet};

use proc_macro2::{Group, Ident, Literal, TokenStream, TokenTree};
use quote::quote;
use serde_json::Value;

use super::example::fits;
use super::rust::{Given, field_value, ident};
use crate::ir::names::{Scope, field_ident};
use crate::ir::{
    Additional, Api, FloatWidth, IntWidth, StringFormat, Struct, Ty, TyKind, TypeKind, Union,
    UnionVariant, Wrapper,
};

/// A value recurring in at least this many places, with at least this many fields, gets a
/// function of its own; smaller ones read better where they are used.
const SHARED_USES: usize = 2;
const SHARED_SIZE: usize = 3;

/// Arrays and maps keep this many of their items (more when the schema asks for more): a
/// mock answering GitHub's emoji list needs three emoji, not 1,800 lines of them.
const KEPT_ITEMS: usize = 3;

/// How many items of an array or map a literal keeps, given the schema's minimum.
fn kept(minimum: Option<u64>) -> usize {
    minimum
        .and_then(|m| usize::try_from(m).ok())
        .map_or(KEPT_ITEMS, |m| m.max(KEPT_ITEMS))
}

/// The prefix of the placeholder that stands for a value of a named type until
/// [`Literals::finish`] decides whether it is called or written in place. Field and
/// variant names never start with an underscore, so it cannot meet one.
const PLACEHOLDER: &str = "__literal_";

/// The Rust expressions of JSON values, with recurring values shared.
pub struct Literals<'a> {
    api: &'a Api,
    nodes: Vec<Node>,
    /// The values of each named type met so far, by their [`shape`], in the order met.
    by_type: HashMap<(usize, String), Vec<usize>>,
    /// Within the value being written: each distinct value met, and the nodes used.
    in_value: HashMap<(usize, String), usize>,
    used: HashSet<usize>,
    /// Expressions handed out, by how many times each node is referred to from them.
    roots: Vec<usize>,
    /// Whether an expression names `BTreeMap`.
    pub uses_map: bool,
    /// Whether an expression names a type of the `types` module.
    pub uses_types: bool,
    /// Whether an expression names `serde_json::Value`, and `serde_json::Map`.
    pub uses_json: bool,
    pub uses_json_map: bool,
}

/// A value of a named type: its expression (children as placeholders) and who uses it.
struct Node {
    /// Its type.
    id: usize,
    /// The Rust name of its type.
    ty: String,
    tokens: TokenStream,
    /// Fields or items written in it, a measure of its lines.
    size: usize,
    /// The nodes its expression refers to, once per reference.
    children: Vec<usize>,
}

/// The finished expressions: which nodes became functions, under which names.
pub struct Finished {
    nodes: Vec<Node>,
    names: Vec<Option<Ident>>,
}

impl<'a> Literals<'a> {
    /// No values yet.
    pub fn new(api: &'a Api) -> Self {
        Self {
            api,
            nodes: Vec::new(),
            by_type: HashMap::new(),
            in_value: HashMap::new(),
            used: HashSet::new(),
            roots: Vec::new(),
            uses_map: false,
            uses_types: false,
            uses_json: false,
            uses_json_map: false,
        }
    }

    /// The API the values belong to.
    pub fn api(&self) -> &'a Api {
        self.api
    }

    /// The expression of `value` as a value of `ty` in a place that may hold `null`
    /// (`Option<T>` when `ty` is nullable), or `None` when it does not fit. Render it with
    /// [`Finished::render`] once every value is in.
    pub fn element(&mut self, ty: &Ty, value: &Value) -> Option<TokenStream> {
        if !fits(self.api, ty, value) {
            return None;
        }
        self.in_value.clear();
        self.used.clear();
        let mut refs = Vec::new();
        let tokens = self.element_in(ty, value, &mut refs)?;
        self.roots.extend(refs);
        Some(tokens)
    }

    fn element_in(&mut self, ty: &Ty, value: &Value, refs: &mut Vec<usize>) -> Option<TokenStream> {
        if ty.nullable && ty.kind != TyKind::Any {
            if value.is_null() {
                return Some(quote!(None));
            }
            let inner = self.base(ty, value, refs)?;
            return Some(quote!(Some(#inner)));
        }
        self.base(ty, value, refs)
    }

    /// `value` as the Rust type of `ty` without its `Option`.
    fn base(&mut self, ty: &Ty, value: &Value, refs: &mut Vec<usize>) -> Option<TokenStream> {
        let inner = self.unboxed(ty, value, refs)?;
        Some(if ty.boxed {
            quote!(Box::new(#inner))
        } else {
            inner
        })
    }

    fn unboxed(&mut self, ty: &Ty, value: &Value, refs: &mut Vec<usize>) -> Option<TokenStream> {
        Some(match &ty.kind {
            TyKind::Bool => {
                let b = value.as_bool()?;
                quote!(#b)
            }
            TyKind::Integer(width) => integer(*width, value)?,
            TyKind::Number(width) => number(*width, value)?,
            TyKind::String(format) => string(*format, value.as_str()?)?,
            TyKind::Array(item) => {
                let items = value.as_array()?;
                let items = &items[..items.len().min(kept(ty.constraints.min_items))];
                if items.is_empty() {
                    quote!(Vec::new())
                } else {
                    let items = items
                        .iter()
                        .map(|v| self.element_in(item, v, refs))
                        .collect::<Option<Vec<_>>>()?;
                    quote!(Vec::from([#(#items),*]))
                }
            }
            TyKind::Map(inner) => {
                let entries = value
                    .as_object()?
                    .iter()
                    .take(kept(ty.constraints.min_properties))
                    .map(|(k, v)| self.element_in(inner, v, refs).map(|v| (k, v)))
                    .collect::<Option<Vec<_>>>()?;
                self.map(entries)
            }
            TyKind::Any => {
                self.uses_json = true;
                self.uses_json_map |= has_object(value);
                json(value)
            }
            TyKind::Named(id) => self.named(*id, value, refs)?,
        })
    }

    fn map(&mut self, entries: Vec<(&String, TokenStream)>) -> TokenStream {
        self.uses_map = true;
        if entries.is_empty() {
            return quote!(BTreeMap::new());
        }
        let entries = entries.into_iter().map(|(k, v)| quote!((#k.into(), #v)));
        quote!(BTreeMap::from([#(#entries),*]))
    }

    fn named(&mut self, id: usize, value: &Value, refs: &mut Vec<usize>) -> Option<TokenStream> {
        let api = self.api;
        let def = &api.types[id];
        let name = ident(&def.name);
        if let TypeKind::Enum(e) = &def.kind {
            let text = value.as_str()?;
            let variant = ident(&e.variants.iter().find(|v| v.wire == text)?.ident);
            self.uses_types = true;
            return Some(quote!(types::#name::#variant));
        }
        if let TypeKind::Alias(inner) = &def.kind {
            return self.element_in(inner, value, refs);
        }
        let key = (id, value.to_string());
        if let Some(&node) = self.in_value.get(&key) {
            refs.push(node);
            return Some(placeholder(node));
        }
        // A type met in an earlier value, in the same shape, gets that value again unless
        // this value already uses it for another: one `FullRepository` serves every
        // operation that answers one, while the two deliveries of one list stay two, and a
        // tie stays a tie.
        let shape_key = (id, shape(api, &def.kind, value));
        let earlier = self
            .by_type
            .get(&shape_key)
            .and_then(|nodes| nodes.iter().copied().find(|n| !self.used.contains(n)));
        if let Some(node) = earlier {
            self.in_value.insert(key, node);
            self.used.insert(node);
            refs.push(node);
            return Some(placeholder(node));
        }
        let mut children = Vec::new();
        let (tokens, size) = match &def.kind {
            TypeKind::Newtype(inner) => {
                let inner = self.element_in(inner, value, &mut children)?;
                (quote!(types::#name(#inner)), 1)
            }
            TypeKind::Union(u) => {
                let variant = union_variant(api, u, value)?;
                let inner = self.element_in(&variant.ty, value, &mut children)?;
                let variant = ident(&variant.ident);
                (quote!(types::#name::#variant(#inner)), 1)
            }
            TypeKind::Struct(s) => {
                let (fields, rest) = self.struct_fields(s, value.as_object()?, &mut children)?;
                let size = fields.len();
                (quote!(types::#name { #(#fields)* #rest }), size)
            }
            TypeKind::Enum(_) | TypeKind::Alias(_) => unreachable!("handled above"),
        };
        self.uses_types = true;
        let node = self.nodes.len();
        self.nodes.push(Node {
            id,
            ty: def.name.clone(),
            tokens,
            size,
            children,
        });
        self.by_type.entry(shape_key).or_default().push(node);
        self.in_value.insert(key, node);
        self.used.insert(node);
        refs.push(node);
        Some(placeholder(node))
    }

    /// The fields of a struct literal for `object`, one `name: value,` each, and
    /// `..Default::default()` when the absent ones are left to it.
    fn struct_fields(
        &mut self,
        s: &Struct,
        object: &serde_json::Map<String, Value>,
        children: &mut Vec<usize>,
    ) -> Option<(Vec<TokenStream>, Option<TokenStream>)> {
        // Structs whose fields are all optional derive `Default`: their absent
        // fields need not be listed.
        let all_optional = s.fields.iter().all(|f| !f.required);
        let mut fields = Vec::new();
        let mut absent = false;
        for field in &s.fields {
            let field_name = ident(&field.ident);
            let given = match object.get(&field.wire) {
                None if all_optional => {
                    absent = true;
                    continue;
                }
                None => Given::Absent,
                // A plain field holds `null` only as `Value`, written as the value it is.
                Some(Value::Null) if field.wrapper() != Wrapper::Plain => Given::Null,
                Some(v) => Given::Value(self.base(&field.ty, v, children)?),
            };
            let written = field_value(field, given)?;
            fields.push(quote!(#field_name: #written,));
        }
        let extra = object
            .iter()
            .filter(|(k, _)| !s.fields.iter().any(|f| f.wire == **k));
        match &s.additional {
            Additional::Map(value_ty) => {
                let entries = extra
                    .map(|(k, v)| self.element_in(value_ty, v, children).map(|v| (k, v)))
                    .collect::<Option<Vec<_>>>()?;
                let map = self.map(entries);
                let field_name = ident(&super::rust::additional_ident(s));
                fields.push(quote!(#field_name: #map,));
            }
            Additional::Forbidden if extra.count() > 0 => return None,
            Additional::Forbidden | Additional::Ignored => {}
        }
        Some((fields, absent.then(|| quote!(..Default::default()))))
    }

    /// Decides which values become functions: those referred to from at least
    /// [`SHARED_USES`] places once recurring values are functions, and big enough.
    pub fn finish(self, reserved: &[&str]) -> Finished {
        let count = self.nodes.len();
        let mut uses = vec![0_usize; count];
        for &root in &self.roots {
            uses[root] += 1;
        }
        let mut shared = vec![false; count];
        // A node is made after every node it refers to, so walking from the last node
        // back reaches each one after everything that refers to it.
        for node in (0..count).rev() {
            shared[node] = uses[node] >= SHARED_USES && self.nodes[node].size >= SHARED_SIZE;
            let weight = if shared[node] { 1 } else { uses[node] };
            for &child in &self.nodes[node].children {
                uses[child] += weight;
            }
        }
        let mut scope = Scope::new();
        for name in reserved {
            scope.claim(name);
        }
        let names = (0..count)
            .map(|node| {
                shared[node].then(|| ident(&scope.claim(&field_ident(&self.nodes[node].ty))))
            })
            .collect();
        Finished {
            nodes: self.nodes,
            names,
        }
    }
}

impl Finished {
    /// `tokens` with every placeholder replaced: a call when its value is a function, the
    /// value itself otherwise.
    pub fn render(&self, tokens: &TokenStream) -> TokenStream {
        tokens
            .clone()
            .into_iter()
            .map(|tree| match tree {
                TokenTree::Ident(ref name) => match self.node_of(name) {
                    Some(node) => match &self.names[node] {
                        Some(function) => quote!(#function()),
                        None => self.render(&self.nodes[node].tokens),
                    },
                    None => quote!(#tree),
                },
                TokenTree::Group(group) => {
                    let mut rendered = Group::new(group.delimiter(), self.render(&group.stream()));
                    rendered.set_span(group.span());
                    quote!(#rendered)
                }
                other => quote!(#other),
            })
            .collect()
    }

    /// The functions of the shared values, in the order they were first met, each with
    /// the type (by id) it makes.
    pub fn functions(&self) -> Vec<(usize, TokenStream)> {
        self.nodes
            .iter()
            .zip(&self.names)
            .filter_map(|(node, name)| {
                let name = name.as_ref()?;
                let ty = ident(&node.ty);
                let body = self.render(&node.tokens);
                let function = quote! {
                    fn #name() -> types::#ty {
                        #body
                    }
                };
                Some((node.id, function))
            })
            .collect()
    }

    fn node_of(&self, name: &Ident) -> Option<usize> {
        name.to_string()
            .strip_prefix(PLACEHOLDER)?
            .parse()
            .ok()
            .filter(|&n: &usize| n < self.nodes.len())
    }
}

/// The variant of `u` that holds `value`: the one its tag names, or the first it fits.
fn union_variant<'u>(api: &Api, u: &'u Union, value: &Value) -> Option<&'u UnionVariant> {
    match &u.tag {
        Some(tag) => {
            let wanted = value.get(tag)?.as_str()?;
            u.variants
                .iter()
                .find(|v| v.tag_value.as_deref().unwrap_or(&v.ident) == wanted)
        }
        None => u.variants.iter().find(|v| fits(api, &v.ty, value)),
    }
}

/// What an earlier value must share with `value` to stand for it: for a union, the
/// variant (a tie must not become a win); any value of another type will do.
fn shape(api: &Api, kind: &TypeKind, value: &Value) -> String {
    match kind {
        TypeKind::Union(u) => {
            union_variant(api, u, value).map_or_else(String::new, |v| v.ident.clone())
        }
        _ => String::new(),
    }
}

fn placeholder(node: usize) -> TokenStream {
    let name = ident(&format!("{PLACEHOLDER}{node}"));
    quote!(#name)
}

fn integer(width: IntWidth, value: &Value) -> Option<TokenStream> {
    let n = value.as_i64()?;
    if width == IntWidth::I32 {
        i32::try_from(n).ok()?;
    }
    Some(integer_tokens(n, false))
}

fn number(width: FloatWidth, value: &Value) -> Option<TokenStream> {
    let n = value.as_f64()?;
    let magnitude = match width {
        // Written with the digits an `f32` keeps, so it reads as what it serialises to.
        #[allow(clippy::cast_possible_truncation)]
        FloatWidth::F32 => Literal::f32_unsuffixed((n as f32).abs()),
        FloatWidth::F64 => Literal::f64_unsuffixed(n.abs()),
    };
    Some(if n.is_sign_negative() && n != 0.0 {
        quote!(-#magnitude)
    } else {
        quote!(#magnitude)
    })
}

fn string(format: StringFormat, text: &str) -> Option<TokenStream> {
    if !text_fits(format, text) {
        return None;
    }
    Some(match format {
        StringFormat::Plain if text.is_empty() => quote!(String::new()),
        StringFormat::Plain => quote!(#text.into()),
        StringFormat::Uuid => quote!(uuid::uuid!(#text)),
        // Checked above: the text parses, so the default is never taken.
        StringFormat::DateTime | StringFormat::Date => quote!(#text.parse().unwrap_or_default()),
        StringFormat::Byte => {
            let bytes = Literal::byte_string(&decode_base64(text)?);
            quote!(super::Base64Bytes(#bytes.to_vec()))
        }
    })
}

/// A value of no declared type, built from `serde_json::Value`'s own constructors (a
/// macro's contents would be left unformatted).
fn json(value: &Value) -> TokenStream {
    match value {
        Value::Null => quote!(Value::Null),
        Value::Bool(b) => quote!(Value::Bool(#b)),
        Value::Number(n) => {
            let number = match (n.as_i64(), n.as_u64()) {
                (Some(i), _) => match i32::try_from(i) {
                    Ok(small) => integer_tokens(i64::from(small), false),
                    Err(_) => integer_tokens(i, true),
                },
                (None, Some(u)) => {
                    let u = Literal::u64_suffixed(u);
                    quote!(#u)
                }
                (None, None) => {
                    let f = n.as_f64().unwrap_or_default();
                    let magnitude = Literal::f64_unsuffixed(f.abs());
                    if f < 0.0 {
                        quote!(-#magnitude)
                    } else {
                        quote!(#magnitude)
                    }
                }
            };
            quote!(Value::from(#number))
        }
        Value::String(s) => quote!(Value::from(#s)),
        Value::Array(items) if items.is_empty() => quote!(Value::Array(Vec::new())),
        Value::Array(items) => {
            let items = items.iter().map(json);
            quote!(Value::Array(Vec::from([#(#items),*])))
        }
        Value::Object(object) if object.is_empty() => quote!(Value::Object(Map::new())),
        Value::Object(object) => {
            let entries = object.iter().map(|(k, v)| {
                let v = json(v);
                quote!((#k.into(), #v))
            });
            quote!(Value::Object(Map::from_iter([#(#entries),*])))
        }
    }
}

/// Whether `value` holds an object, which [`json`] writes with `Map`.
fn has_object(value: &Value) -> bool {
    match value {
        Value::Object(_) => true,
        Value::Array(items) => items.iter().any(has_object),
        _ => false,
    }
}

/// An integer literal (negative ones as `-` and the magnitude), `i64`-suffixed when
/// `typed`.
fn integer_tokens(n: i64, typed: bool) -> TokenStream {
    if n == i64::MIN {
        return quote!(i64::MIN);
    }
    let magnitude = if typed {
        Literal::i64_suffixed(n.abs())
    } else {
        Literal::i64_unsuffixed(n.abs())
    };
    if n < 0 {
        quote!(-#magnitude)
    } else {
        quote!(#magnitude)
    }
}

/// Whether `text` is a value of the Rust type a string of `format` becomes: the text the
/// generated crate's `uuid`, `chrono` and base64 code accept.
pub fn text_fits(format: StringFormat, text: &str) -> bool {
    match format {
        StringFormat::Plain => true,
        StringFormat::Uuid => is_uuid(text),
        StringFormat::Date => date(text).is_some(),
        StringFormat::DateTime => is_date_time(text),
        StringFormat::Byte => decode_base64(text).is_some(),
    }
}

/// `8-4-4-4-12` hexadecimal digits.
fn is_uuid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// `YYYY-MM-DD`, a day that exists.
fn date(text: &str) -> Option<(u32, u32, u32)> {
    let mut parts = text.splitn(3, '-');
    let mut number = |len: usize| {
        let part = parts
            .next()
            .filter(|p| p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))?;
        part.parse::<u32>().ok()
    };
    let (year, month, day) = (number(4)?, number(2)?, number(2)?);
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days).contains(&day).then_some((year, month, day))
}

/// RFC 3339 as chrono reads it, without leap seconds: `YYYY-MM-DDTHH:MM:SS[.f](Z|±HH:MM)`.
fn is_date_time(text: &str) -> bool {
    let Some((day, time)) = text.split_once('T') else {
        return false;
    };
    let two = |t: &str, max: u32| t.len() == 2 && t.parse::<u32>().is_ok_and(|n| n <= max);
    let (clock, offset) = match time.find(['Z', '+', '-']) {
        Some(at) => time.split_at(at),
        None => return false,
    };
    let offset_ok = offset == "Z"
        || (offset.len() == 6
            && offset.as_bytes()[3] == b':'
            && two(&offset[1..3], 23)
            && two(&offset[4..6], 59));
    let (hms, fraction) = match clock.split_once('.') {
        Some((hms, f)) => (hms, Some(f)),
        None => (clock, None),
    };
    let fraction_ok = fraction
        .is_none_or(|f| (1..=9).contains(&f.len()) && f.bytes().all(|b| b.is_ascii_digit()));
    let hms: Vec<&str> = hms.split(':').collect();
    date(day).is_some()
        && offset_ok
        && fraction_ok
        && hms.len() == 3
        && two(hms[0], 23)
        && two(hms[1], 59)
        && two(hms[2], 59)
}

/// Standard base64 with optional padding, as the generated crate's `Base64Bytes` reads it.
fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let data = text.trim_end_matches('=');
    let padding = text.len() - data.len();
    if padding > 2 || (padding > 0 && text.len() % 4 != 0) || data.len() % 4 == 1 {
        return None;
    }
    let sextets = data
        .bytes()
        .map(|c| match c {
            b'A'..=b'Z' => Some(c - b'A'),
            b'a'..=b'z' => Some(c - b'a' + 26),
            b'0'..=b'9' => Some(c - b'0' + 52),
            b'+' => Some(62),
            b'/' => Some(63),
            _ => None,
        })
        .collect::<Option<Vec<u8>>>()?;
    let mut bytes = Vec::with_capacity(sextets.len() * 3 / 4);
    for chunk in sextets.chunks(4) {
        let word = chunk
            .iter()
            .enumerate()
            .fold(0_u32, |w, (i, &s)| w | u32::from(s) << (18 - 6 * i));
        let [_, a, b, c] = word.to_be_bytes();
        bytes.extend_from_slice(&[a, b, c][..chunk.len() - 1]);
    }
    Some(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_decodes_as_the_runtime_reads_it() {
        assert_eq!(decode_base64("aGVsbG8=").as_deref(), Some(&b"hello"[..]));
        assert_eq!(decode_base64("aGVsbG8").as_deref(), Some(&b"hello"[..]));
        assert_eq!(decode_base64("aGk=").as_deref(), Some(&b"hi"[..]));
        assert_eq!(decode_base64("").as_deref(), Some(&b""[..]));
        assert_eq!(decode_base64("a==="), None);
        assert_eq!(decode_base64("aGVsbG8=x"), None);
        assert_eq!(decode_base64("aGVs bG8="), None);
        assert_eq!(decode_base64("a"), None);
    }

    #[test]
    fn date_times_are_what_chrono_parses() {
        for good in [
            "2026-06-11T08:04:00Z",
            "2026-06-11T08:04:00.123456789+05:30",
            "2024-02-29T23:59:59-01:00",
        ] {
            assert!(is_date_time(good), "{good}");
        }
        for bad in [
            "2026-02-30T00:00:00Z",
            "2026-06-11 08:04:00Z",
            "2026-06-11T24:00:00Z",
            "2026-06-11T23:59:60Z",
            "2026-06-11T08:04:00",
            "2026-06-11T08:04:00.Z",
            "2026-06-11T08:04Z",
            "2026-06-11T08:04:00+0530",
        ] {
            assert!(!is_date_time(bad), "{bad}");
        }
    }

    #[test]
    fn dates_and_uuids() {
        assert_eq!(date("2024-02-29"), Some((2024, 2, 29)));
        assert_eq!(date("2023-02-29"), None);
        assert_eq!(date("2023-13-01"), None);
        assert_eq!(date("23-01-01"), None);
        assert!(is_uuid("360cb300-d885-4c18-af2c-d259f936bb38"));
        assert!(!is_uuid("360cb300d8854c18af2cd259f936bb38"));
        assert!(!is_uuid("360cb300-d885-4c18-af2c-d259f936bb3g"));
    }

    #[test]
    fn numbers_keep_their_sign_and_width() {
        let int = |n: i64| integer(IntWidth::I64, &Value::from(n)).map(|t| t.to_string());
        assert_eq!(int(-5).as_deref(), Some("- 5"));
        assert_eq!(int(i64::MIN).as_deref(), Some("i64 :: MIN"));
        assert!(integer(IntWidth::I32, &Value::from(1_i64 << 40)).is_none());
        let float = number(FloatWidth::F64, &Value::from(-1.5)).map(|t| t.to_string());
        assert_eq!(float.as_deref(), Some("- 1.5"));
    }

    #[test]
    fn untyped_values_use_value_constructors() {
        let value = serde_json::json!({"a": [1, null, "x"], "b": {}});
        let text = json(&value).to_string();
        assert_eq!(
            text,
            "Value :: Object (Map :: from_iter ([(\"a\" . into () , Value :: Array (Vec :: from ([Value :: from (1) , Value :: Null , Value :: from (\"x\")]))) , (\"b\" . into () , Value :: Object (Map :: new ()))]))"
        );
    }
}
