//! Example values for the mock server: the spec's own example when it fits the type, else
//! a value derived from the schema that satisfies its constraints.

use serde_json::{Value, json};

use super::literal::text_fits;
use crate::ir::{Additional, Api, Constraints, Docs, IntWidth, StringFormat, Ty, TyKind, TypeKind};

/// How deep derivation goes before giving up on optional structure (recursive schemas).
const MAX_DEPTH: usize = 8;

/// An example for `ty`: `given` when it fits, else derived.
pub fn example(api: &Api, ty: &Ty, given: Option<&Value>) -> Value {
    match given {
        Some(value) if fits(api, ty, value) => value.clone(),
        _ => derive(api, ty, 0),
    }
}

fn derive(api: &Api, ty: &Ty, depth: usize) -> Value {
    // A schema that requires itself has no finite value; stop rather than recurse forever.
    if depth > MAX_DEPTH * 4 {
        return Value::Null;
    }
    let c = &ty.constraints;
    // `const` or the first listed value, when it is a value of the type: specs put an
    // item's `enum` on the array itself (Vimeo's `content_filter`).
    let listed = c
        .const_value
        .iter()
        .chain(c.enum_values.iter().flatten().filter(|v| !v.is_null()));
    if let Some(value) = listed.into_iter().find(|v| fits_at(api, ty, v, depth)) {
        return value.clone();
    }
    match &ty.kind {
        TyKind::Bool => Value::Bool(false),
        TyKind::Integer(_) => integer(c),
        TyKind::Number(_) => number(c),
        TyKind::String(format) => Value::String(string(*format, c)),
        // Deep down a recursive schema, an empty array ends the recursion.
        TyKind::Array(_) if depth >= MAX_DEPTH && c.min_items.unwrap_or(0) == 0 => {
            Value::Array(Vec::new())
        }
        TyKind::Array(item) => {
            // Up to three items near the top (enough for common `minItems`), one further
            // down: copies of copies would grow the value exponentially with the depth.
            let cap = if depth < 4 { 3 } else { 1 };
            let count = c
                .min_items
                .unwrap_or(1)
                .max(u64::from(c.max_items != Some(0)))
                .min(cap);
            let value = derive(api, item, depth + 1);
            Value::Array((0..count).map(|_| value.clone()).collect())
        }
        TyKind::Map(value) => {
            if c.min_properties.unwrap_or(0) == 0 {
                json!({})
            } else {
                json!({"key": derive(api, value, depth + 1)})
            }
        }
        TyKind::Any => Value::Null,
        TyKind::Named(id) => named(api, *id, depth),
    }
}

fn named(api: &Api, id: usize, depth: usize) -> Value {
    let def = &api.types[id];
    match &def.kind {
        TypeKind::Enum(e) => e
            .variants
            .first()
            .map_or(Value::String(String::new()), |v| {
                Value::String(v.wire.clone())
            }),
        TypeKind::Alias(inner) | TypeKind::Newtype(inner) => derive(api, inner, depth + 1),
        TypeKind::Union(u) => {
            // Deep down a recursive schema, a variant that cannot lead back ends it.
            let leaf = |v: &&crate::ir::UnionVariant| {
                !matches!(
                    v.ty.kind,
                    TyKind::Named(_) | TyKind::Array(_) | TyKind::Map(_)
                )
            };
            let chosen = if depth >= MAX_DEPTH {
                u.variants.iter().find(leaf).or(u.variants.first())
            } else {
                u.variants.first()
            };
            let Some(first) = chosen else {
                return Value::Null;
            };
            let mut value = derive(api, &first.ty, depth + 1);
            if let (Some(tag), Some(tag_value), Some(object)) =
                (&u.tag, &first.tag_value, value.as_object_mut())
            {
                object.insert(tag.clone(), Value::String(tag_value.clone()));
            }
            value
        }
        TypeKind::Struct(s) => {
            let mut object = serde_json::Map::new();
            for field in &s.fields {
                let shallow = depth < MAX_DEPTH;
                if !(field.required || shallow && field.docs.example.is_some()) {
                    continue;
                }
                let value = field_value(api, &field.ty, &field.docs, depth);
                object.insert(field.wire.clone(), value);
            }
            if let (Additional::Map(value), Some(min)) = (&s.additional, s.min_properties) {
                let mut n = 0;
                while (object.len() as u64) < min && n < 16 {
                    object.insert(format!("extra{n}"), derive(api, value, depth + 1));
                    n += 1;
                }
            }
            Value::Object(object)
        }
    }
}

fn field_value(api: &Api, ty: &Ty, docs: &Docs, depth: usize) -> Value {
    match &docs.example {
        Some(value) if fits_at(api, ty, value, depth) => value.clone(),
        _ if depth >= MAX_DEPTH && ty.nullable => Value::Null,
        _ => derive(api, ty, depth + 1),
    }
}

fn integer(c: &Constraints) -> Value {
    let mut value = match &c.minimum {
        Some(b) => {
            b.value.as_f64().unwrap_or(0.0).floor() as i64
                + i64::from(b.exclusive || b.value.as_f64().is_some_and(|f| f.fract() != 0.0))
        }
        None => 1,
    };
    if let Some(step) = c
        .multiple_of
        .as_ref()
        .and_then(serde_json::Number::as_f64)
        .filter(|s| *s >= 1.0 && s.fract() == 0.0)
    {
        let step = step as i64;
        value = (value + step - 1).div_euclid(step) * step;
    }
    if let Some(max) = &c.maximum {
        let max = max.value.as_f64().unwrap_or(f64::MAX);
        if value as f64 > max {
            value = max.floor() as i64;
        }
    }
    json!(value)
}

fn number(c: &Constraints) -> Value {
    let mut value = match &c.minimum {
        Some(b) if b.exclusive => {
            b.value.as_f64().unwrap_or(0.0)
                + c.multiple_of
                    .as_ref()
                    .and_then(serde_json::Number::as_f64)
                    .unwrap_or(1.0)
        }
        Some(b) => b.value.as_f64().unwrap_or(0.0),
        None => 1.0,
    };
    if let Some(max) = &c.maximum {
        let limit = max.value.as_f64().unwrap_or(f64::MAX);
        if value > limit || (max.exclusive && value >= limit) {
            value = c
                .minimum
                .as_ref()
                .and_then(|b| b.value.as_f64())
                .map_or(limit - 1.0, |min| (min + limit) / 2.0);
        }
    }
    serde_json::Number::from_f64(value).map_or(Value::Null, Value::Number)
}

fn string(format: StringFormat, c: &Constraints) -> String {
    let base = match format {
        StringFormat::Uuid => "00000000-0000-4000-8000-000000000000",
        StringFormat::DateTime => "2026-01-01T00:00:00Z",
        StringFormat::Date => "2026-01-01",
        StringFormat::Byte => "aGVsbG8=",
        StringFormat::Plain => match c.format.as_deref() {
            Some("uri") => "https://example.com/",
            Some("email") => "user@example.com",
            Some("hostname") => "example.com",
            Some("ipv4") => "192.0.2.1",
            Some("ipv6") => "2001:db8::1",
            Some("date-time") => "2026-01-01T00:00:00Z",
            Some("date") => "2026-01-01",
            Some("uuid") => "00000000-0000-4000-8000-000000000000",
            _ => "example",
        },
    };
    if format != StringFormat::Plain {
        return base.to_owned();
    }
    let mut text = base.to_owned();
    let min = usize::try_from(c.min_length.unwrap_or(0))
        .unwrap_or(usize::MAX)
        .min(4096);
    while text.chars().count() < min {
        text.push('x');
    }
    if let Some(max) = c.max_length.and_then(|m| usize::try_from(m).ok()) {
        text = text.chars().take(max).collect();
    }
    text
}

/// Whether `value` is a value of the Rust type of `ty`: what it would deserialise into,
/// and what [`super::literal`] can write. Constraints (lengths, bounds, patterns) are not
/// asked: the spec's own examples are kept even when they break them.
pub fn fits(api: &Api, ty: &Ty, value: &Value) -> bool {
    fits_at(api, ty, value, 0)
}

fn fits_at(api: &Api, ty: &Ty, value: &Value, depth: usize) -> bool {
    if depth > 64 {
        return false;
    }
    let fits = |ty: &Ty, value: &Value| fits_at(api, ty, value, depth + 1);
    if value.is_null() {
        // A named alias of `Value` (a schema of `{}`) holds `null` as `Value` does.
        return ty.nullable
            || match &ty.kind {
                TyKind::Any => true,
                TyKind::Named(id) => match &api.types[*id].kind {
                    TypeKind::Alias(inner) | TypeKind::Newtype(inner) => fits(inner, value),
                    _ => false,
                },
                _ => false,
            };
    }
    match &ty.kind {
        TyKind::Any => true,
        TyKind::Bool => value.is_boolean(),
        TyKind::Integer(IntWidth::I32) => value.as_i64().is_some_and(|n| i32::try_from(n).is_ok()),
        TyKind::Integer(IntWidth::I64) => value.is_i64(),
        TyKind::Number(_) => value.is_number(),
        TyKind::String(format) => value.as_str().is_some_and(|t| text_fits(*format, t)),
        TyKind::Array(item) => value
            .as_array()
            .is_some_and(|items| items.iter().all(|i| fits(item, i))),
        TyKind::Map(inner) => value
            .as_object()
            .is_some_and(|o| o.values().all(|v| fits(inner, v))),
        TyKind::Named(id) => match &api.types[*id].kind {
            TypeKind::Enum(e) => value
                .as_str()
                .is_some_and(|s| e.variants.iter().any(|v| v.wire == s)),
            TypeKind::Alias(inner) | TypeKind::Newtype(inner) => fits(inner, value),
            TypeKind::Union(u) => match &u.tag {
                // The tag picks the variant, as the generated `Deserialize` does.
                Some(tag) => value
                    .get(tag)
                    .and_then(Value::as_str)
                    .is_some_and(|wanted| {
                        u.variants.iter().any(|v| {
                            v.tag_value.as_deref().unwrap_or(&v.ident) == wanted
                                && fits(&v.ty, value)
                        })
                    }),
                None => u.variants.iter().any(|v| fits(&v.ty, value)),
            },
            TypeKind::Struct(s) => value.as_object().is_some_and(|o| {
                let declared = s.fields.iter().all(|f| match o.get(&f.wire) {
                    Some(v) => fits(&f.ty, v),
                    None => !f.required,
                });
                let undeclared = o
                    .iter()
                    .filter(|(k, _)| !s.fields.iter().any(|f| f.wire == **k));
                declared
                    && match &s.additional {
                        Additional::Ignored => true,
                        Additional::Forbidden => undeclared.count() == 0,
                        Additional::Map(inner) => {
                            undeclared.into_iter().all(|(_, v)| fits(inner, v))
                        }
                    }
            }),
        },
    }
}
