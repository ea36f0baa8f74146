//! Composition: `allOf` (merged into one schema), `oneOf` / `anyOf` (unions, tagged when a
//! discriminator allows it) and 3.1 type arrays without `null` (untagged unions).

use std::rc::Rc;

use super::names::{self, Scope};
use super::schema::{Hint, Lowerer, is_annotation};
use super::{StringFormat, Ty, TyKind, TypeDef, TypeKind, Union, UnionVariant};
use crate::diag::codes;
use crate::load::{Entry, Loc, Node, Value};

impl Lowerer<'_> {
    pub(super) fn lower_all_of(&mut self, node: &Node, loc: &Loc, hint: &Hint) -> Ty {
        let Some(members) = node.get("allOf").and_then(Node::as_seq) else {
            self.error_at(
                node,
                loc,
                "allOf",
                codes::WRONG_TYPE,
                "`allOf` must be an array of schemas",
            );
            return Ty::any();
        };
        // `allOf: [X, {type: 'null'}]` cannot hold a value as written (nothing is both null
        // and X); authors mean "X or null", the way `nullable` said it in 3.0.
        if members.len() > 1 && members.iter().any(is_null_only) {
            let message = "an `allOf` member allows only `null`; read as \"or null\" (`nullable`) for the other members";
            self.warn_at(node, loc, "allOf", codes::DEGRADED, message);
            let kept: Vec<Node> = members
                .iter()
                .filter(|m| !is_null_only(m))
                .cloned()
                .collect();
            let mut entries = node.as_map().unwrap_or_default().to_vec();
            for entry in &mut entries {
                if entry.key == "allOf" {
                    entry.value.value = Value::Seq(kept.clone());
                }
            }
            let without = Node {
                value: Value::Map(entries),
                pos: node.pos,
            };
            return self.lower_all_of(&without, loc, hint).or_null(true);
        }
        let outer_structural = node
            .as_map()
            .unwrap_or_default()
            .iter()
            .any(|e| e.key != "allOf" && e.key != "type" && !is_annotation(&e.key));
        let structural: Vec<&Node> = members
            .iter()
            .filter(|m| {
                m.as_map()
                    .is_none_or(|es| es.iter().any(|e| !is_annotation(&e.key)))
            })
            .collect();
        if let ([only], false) = (structural.as_slice(), outer_structural) {
            if let Some(reference) = only.get("$ref").and_then(Node::as_str) {
                if only
                    .as_map()
                    .is_some_and(|es| es.iter().all(|e| e.key == "$ref" || is_annotation(&e.key)))
                {
                    let reference = reference.to_owned();
                    let member_loc = loc.child("allOf");
                    return self.lower_ref(&reference, Some((only, &member_loc)));
                }
            }
        }
        let merged = self.merge_all_of(node, loc);
        self.lower(&merged, loc, hint)
    }

    /// One schema equivalent to `node` with its `allOf` members folded in.
    fn merge_all_of(&mut self, node: &Node, loc: &Loc) -> Node {
        let mut result: Vec<Entry> = node
            .as_map()
            .unwrap_or_default()
            .iter()
            .filter(|e| e.key != "allOf")
            .cloned()
            .collect();
        let members = node.get("allOf").and_then(Node::as_seq).unwrap_or_default();
        for (i, member) in members.iter().enumerate() {
            let member_loc = loc.child("allOf").child(&i.to_string());
            let Some(resolved) = self.resolve_member(member, &member_loc) else {
                continue;
            };
            self.merge_entries(&mut result, &resolved, loc);
        }
        Node {
            value: Value::Map(result),
            pos: node.pos,
        }
    }

    /// An `allOf` member with its `$ref`s followed and its own `allOf` merged.
    fn resolve_member(&mut self, member: &Node, loc: &Loc) -> Option<Rc<[Entry]>> {
        if member.as_bool() == Some(true) {
            return Some(Rc::from([]));
        }
        if member.as_map().is_none() {
            self.error_at(
                member,
                loc,
                "",
                codes::WRONG_TYPE,
                "an `allOf` member must be a schema object",
            );
            return None;
        }
        let Some(reference) = member.get("$ref").and_then(Node::as_str) else {
            if member.get("allOf").is_some() {
                return self.merge_all_of(member, loc).as_map().map(Rc::from);
            }
            return member.as_map().map(Rc::from);
        };
        if self.merging.iter().any(|r| r == reference) {
            self.error_at(
                member,
                loc,
                "$ref",
                codes::CYCLIC_REF,
                "this `allOf` includes itself through `$ref`; the merged schema would be infinite",
            );
            return None;
        }
        if let Some(done) = self.merged_refs.get(reference) {
            return done.clone();
        }
        let spec = self.spec;
        let (target_loc, target) = spec.resolve(reference)?;
        let reference = reference.to_owned();
        self.merging.push(reference.clone());
        let resolved = self.resolve_member(target, &target_loc);
        self.merging.pop();
        self.merged_refs.insert(reference, resolved.clone());
        resolved
    }

    /// Folds `other` into `result`, reporting keywords the two disagree on.
    fn merge_entries(&mut self, result: &mut Vec<Entry>, other: &[Entry], loc: &Loc) {
        for entry in other {
            let Some(index) = result.iter().position(|e| e.key == entry.key) else {
                result.push(entry.clone());
                continue;
            };
            let current = &result[index].value;
            if current.same_json(&entry.value) {
                continue;
            }
            let merged = match entry.key.as_str() {
                "properties" => self.merge_properties(current, &entry.value, loc),
                "required" => Some(union_of_strings(current, &entry.value)),
                "type" => self.merge_types(current, &entry.value, loc),
                "enum" => self.merge_enums(current, &entry.value, loc),
                "minLength" | "minItems" | "minProperties" | "minimum" => {
                    Some(pick_number(current, &entry.value, true))
                }
                "maxLength" | "maxItems" | "maxProperties" | "maximum" => {
                    Some(pick_number(current, &entry.value, false))
                }
                // `false` in either member closes the merged object.
                "additionalProperties" => {
                    (entry.value.as_bool() == Some(false)).then(|| entry.value.clone())
                }
                "items" => {
                    let mut items = current.as_map().map(<[Entry]>::to_vec).unwrap_or_default();
                    self.merge_entries(&mut items, entry.value.as_map().unwrap_or_default(), loc);
                    Some(Node {
                        value: Value::Map(items),
                        pos: current.pos,
                    })
                }
                // A format apigen does not check is an annotation: nothing conflicts.
                "format"
                    if !super::CHECKED_FORMATS.contains(&current.as_str().unwrap_or_default())
                        || !super::CHECKED_FORMATS
                            .contains(&entry.value.as_str().unwrap_or_default()) =>
                {
                    None
                }
                "format" | "const" => {
                    self.conflict(loc, &entry.key, current, &entry.value);
                    None
                }
                key if is_annotation(key) => None,
                key => {
                    self.warn_at(
                        &Node {
                            value: Value::Null,
                            pos: entry.value.pos,
                        },
                        loc,
                        "",
                        codes::DEGRADED,
                        format!("`allOf` members give different `{key}`; the first one is used"),
                    );
                    None
                }
            };
            if let Some(merged) = merged {
                result[index].value = merged;
            }
        }
    }

    fn merge_properties(&mut self, current: &Node, other: &Node, loc: &Loc) -> Option<Node> {
        let mut props = current.as_map()?.to_vec();
        for entry in other.as_map().unwrap_or_default() {
            match props.iter().position(|e| e.key == entry.key) {
                None => props.push(entry.clone()),
                Some(i) => {
                    let mut a = self
                        .resolve_member(&props[i].value, loc)
                        .map(|a| a.to_vec())
                        .unwrap_or_default();
                    let b = self
                        .resolve_member(&entry.value, loc)
                        .unwrap_or_else(|| Rc::from([]));
                    let property_loc = loc.child("properties").child(&entry.key);
                    let before = self.overrides.len();
                    self.override_scope += 1;
                    self.merge_entries(&mut a, &b, &property_loc);
                    self.override_scope -= 1;
                    let clashes: Vec<String> = self.overrides.drain(before..).collect();
                    // A property that two members define in ways no value satisfies is an
                    // override, the way the spec's author thinks of a derived schema: the
                    // later member's definition is the one meant.
                    if !clashes.is_empty() {
                        let at = Node {
                            value: Value::Null,
                            pos: entry.value.pos,
                        };
                        let message = format!(
                            "`allOf` members define property `{}` with no value in common ({}); read as an override: the later member's definition is used",
                            entry.key,
                            clashes.join("; ")
                        );
                        self.warn_at(&at, &property_loc, "", codes::DEGRADED, message);
                        a = b.to_vec();
                    }
                    props[i].value = Node {
                        value: Value::Map(a),
                        pos: props[i].value.pos,
                    };
                }
            }
        }
        Some(Node {
            value: Value::Map(props),
            pos: current.pos,
        })
    }

    fn merge_types(&mut self, current: &Node, other: &Node, loc: &Loc) -> Option<Node> {
        let list = |n: &Node| -> Vec<String> {
            match &n.value {
                Value::String(s) => vec![s.clone()],
                Value::Seq(items) => items
                    .iter()
                    .filter_map(Node::as_str)
                    .map(str::to_owned)
                    .collect(),
                _ => Vec::new(),
            }
        };
        let (a, b) = (list(current), list(other));
        // One member says only `null` (an array of nulls in a sample the spec was made
        // from, a `nullable` spelled as a type): read as the other member's types or null.
        let only_null = |l: &[String]| l.len() == 1 && l[0] == "null";
        if (only_null(&a) || only_null(&b)) && !a.is_empty() && !b.is_empty() {
            let mut types: Vec<String> = Vec::new();
            for t in a.iter().chain(&b).filter(|t| *t != "null") {
                if !types.contains(t) {
                    types.push(t.clone());
                }
            }
            types.push("null".to_owned());
            let at = Node {
                value: Value::Null,
                pos: other.pos,
            };
            let message = format!(
                "`allOf` members give `type` {} and {}; read as {}",
                current.to_json(),
                other.to_json(),
                serde_json::Value::from(types.clone())
            );
            self.warn_at(&at, loc, "", codes::DEGRADED, message);
            return Some(type_list(types, current.pos));
        }
        // Integers are numbers: `number` and `integer` together mean `integer`.
        let mut common: Vec<String> = Vec::new();
        for t in &a {
            let meet = if b.contains(t) {
                Some(t.as_str())
            } else if (t == "integer" && b.iter().any(|x| x == "number"))
                || (t == "number" && b.iter().any(|x| x == "integer"))
            {
                Some("integer")
            } else {
                None
            };
            if let Some(meet) = meet.filter(|m| !common.iter().any(|c| c == m)) {
                common.push(meet.to_owned());
            }
        }
        if common.is_empty() {
            self.conflict(loc, "type", current, other);
            return None;
        }
        Some(type_list(common, current.pos))
    }

    fn merge_enums(&mut self, current: &Node, other: &Node, loc: &Loc) -> Option<Node> {
        let b: Vec<serde_json::Value> = other
            .as_seq()
            .unwrap_or_default()
            .iter()
            .map(Node::to_json)
            .collect();
        let common: Vec<Node> = current
            .as_seq()?
            .iter()
            .filter(|v| b.contains(&v.to_json()))
            .cloned()
            .collect();
        if common.is_empty() {
            self.conflict(loc, "enum", current, other);
            return None;
        }
        Some(Node {
            value: Value::Seq(common),
            pos: current.pos,
        })
    }

    fn conflict(&mut self, loc: &Loc, key: &str, a: &Node, b: &Node) {
        if self.override_scope > 0 {
            self.overrides
                .push(format!("`{key}`: {} vs {}", a.to_json(), b.to_json()));
            return;
        }
        let at = Node {
            value: Value::Null,
            pos: b.pos,
        };
        self.error_at(
            &at,
            &loc.child("allOf"),
            "",
            codes::ALLOF_CONFLICT,
            format!(
                "`allOf` members disagree on `{key}`: {} vs {}; no value can satisfy both",
                a.to_json(),
                b.to_json()
            ),
        );
    }

    pub(super) fn lower_union(&mut self, node: &Node, loc: &Loc, hint: &Hint) -> Ty {
        let keyword = if node.get("oneOf").is_some() {
            "oneOf"
        } else {
            "anyOf"
        };
        if node.get("oneOf").is_some() && node.get("anyOf").is_some() {
            self.warn_at(
                node,
                loc,
                "anyOf",
                codes::DEGRADED,
                "`oneOf` and `anyOf` together: only `oneOf` is used",
            );
        }
        if node.get("properties").is_some() {
            self.warn_at(
                node,
                loc,
                "properties",
                codes::DEGRADED,
                format!("`properties` beside `{keyword}` are not merged into the variants"),
            );
        }
        let Some(members) = node.get(keyword).and_then(Node::as_seq) else {
            self.error_at(
                node,
                loc,
                keyword,
                codes::WRONG_TYPE,
                format!("`{keyword}` must be an array of schemas"),
            );
            return Ty::any();
        };
        let members_loc = loc.child(keyword);
        let is_null = |m: &Node| {
            m.get("type").and_then(Node::as_str) == Some("null")
                || m.get("enum")
                    .and_then(Node::as_seq)
                    .is_some_and(|v| v.len() == 1 && v[0].value == Value::Null)
        };
        let nullable = members.iter().any(is_null);
        let real: Vec<(usize, &Node)> = members
            .iter()
            .enumerate()
            .filter(|(_, m)| !is_null(m))
            .collect();
        match real.as_slice() {
            [] => return Ty::any().or_null(nullable),
            [(i, only)] => {
                return self
                    .lower(only, &members_loc.child(&i.to_string()), hint)
                    .or_null(nullable);
            }
            _ => {}
        }
        let id = match self.named_slot(node, hint) {
            Ok(id) => id,
            Err(existing) => return Ty::new(TyKind::Named(existing)).or_null(nullable),
        };
        let union_name = self.type_name(id).to_owned();
        let mut lowered = Vec::new();
        for (i, member) in &real {
            let member_hint = Hint::within(&union_name, &variant_suffix(member, *i));
            let ty = self.lower(member, &members_loc.child(&i.to_string()), &member_hint);
            lowered.push((*member, ty));
        }
        let tag = self.discriminator(node, loc, &lowered);
        let mut scope = Scope::new();
        let variants: Vec<UnionVariant> = lowered
            .iter()
            .enumerate()
            .map(|(i, (_, ty))| UnionVariant {
                ident: scope.claim(&self.variant_name(ty)),
                ty: ty.clone(),
                tag_value: tag.as_ref().map(|(_, values)| values[i].clone()),
            })
            .collect();
        self.fill(
            id,
            TypeKind::Union(Union {
                variants,
                tag: tag.map(|(property, _)| property),
            }),
        );
        Ty::new(TyKind::Named(id)).or_null(nullable)
    }

    /// The discriminator property and each variant's tag value, when every variant is a
    /// named object type.
    fn discriminator(
        &mut self,
        node: &Node,
        loc: &Loc,
        lowered: &[(&Node, Ty)],
    ) -> Option<(String, Vec<String>)> {
        let discriminator = node.get("discriminator")?;
        let Some(property) = discriminator.get("propertyName").and_then(Node::as_str) else {
            self.error_at(
                node,
                loc,
                "discriminator",
                codes::MISSING,
                "`discriminator` needs a `propertyName`",
            );
            return None;
        };
        let mapping: Vec<(String, String)> = discriminator
            .get("mapping")
            .and_then(Node::as_map)
            .unwrap_or_default()
            .iter()
            .filter_map(|e| {
                Some((
                    e.key.clone(),
                    self.mapping_target(e.value.as_str()?, loc.file),
                ))
            })
            .collect();
        let mut values = Vec::new();
        for (member, ty) in lowered {
            let (Some(reference), TyKind::Named(_)) =
                (member.get("$ref").and_then(Node::as_str), &ty.kind)
            else {
                self.warn_at(node, loc, "discriminator", codes::DEGRADED, "a `oneOf` member is not a `$ref`, so the discriminator cannot name it; the union is untagged");
                return None;
            };
            let target = self.spec.resolve(reference).map(|(_, node)| node);
            if !target.is_some_and(is_object_schema) {
                self.warn_at(
                    node,
                    loc,
                    "discriminator",
                    codes::DEGRADED,
                    "a discriminated variant is not an object; the union is untagged",
                );
                return None;
            }
            let value = mapping
                .iter()
                .find(|(_, target)| target == reference)
                .map(|(value, _)| value.clone())
                .unwrap_or_else(|| {
                    reference
                        .rsplit('/')
                        .next()
                        .unwrap_or_default()
                        .replace("~1", "/")
                        .replace("~0", "~")
                });
            if values.contains(&value) {
                let message = format!(
                    "two `oneOf` members share the discriminator value `{value}`; the union is untagged"
                );
                self.warn_at(node, loc, "discriminator", codes::DEGRADED, message);
                return None;
            }
            values.push(value);
        }
        Some((property.to_owned(), values))
    }

    /// A discriminator mapping value (a reference or a bare schema name) in canonical form.
    fn mapping_target(&self, value: &str, file: usize) -> String {
        match value.split_once('#') {
            Some(("", pointer)) => format!("{file}#{pointer}"),
            Some((_, pointer)) => format!("?#{pointer}"),
            None => format!(
                "{file}#/components/schemas/{}",
                crate::load::node::escape_segment(value)
            ),
        }
    }

    pub(super) fn lower_type_array(
        &mut self,
        node: &Node,
        loc: &Loc,
        hint: &Hint,
        types: &[String],
    ) -> Ty {
        let id = match self.named_slot(node, hint) {
            Ok(id) => id,
            Err(existing) => return Ty::new(TyKind::Named(existing)),
        };
        let union_name = self.type_name(id).to_owned();
        let mut scope = Scope::new();
        let mut variants = Vec::new();
        for t in types {
            let mut single: Vec<Entry> = node
                .as_map()
                .unwrap_or_default()
                .iter()
                .filter(|e| e.key != "type" && e.key != "enum")
                .cloned()
                .collect();
            single.push(Entry {
                key: "type".into(),
                key_pos: node.pos,
                value: Node {
                    value: Value::String(t.clone()),
                    pos: node.pos,
                },
            });
            let single = Node {
                value: Value::Map(single),
                pos: node.pos,
            };
            let ty = self.lower(
                &single,
                loc,
                &Hint::new(format!("{union_name}{}", names::pascal(t))),
            );
            variants.push(UnionVariant {
                ident: scope.claim(&self.variant_name(&ty)),
                ty,
                tag_value: None,
            });
        }
        self.fill(
            id,
            TypeKind::Union(Union {
                variants,
                tag: None,
            }),
        );
        Ty::new(TyKind::Named(id))
    }

    fn variant_name(&self, ty: &Ty) -> String {
        match &ty.kind {
            TyKind::Named(id) => self.type_name(*id).to_owned(),
            TyKind::Bool => "Boolean".into(),
            TyKind::Integer(_) => "Integer".into(),
            TyKind::Number(_) => "Number".into(),
            TyKind::String(StringFormat::Uuid) => "Uuid".into(),
            TyKind::String(StringFormat::DateTime) => "DateTime".into(),
            TyKind::String(StringFormat::Date) => "Date".into(),
            TyKind::String(_) => "String".into(),
            TyKind::Array(_) => "Array".into(),
            TyKind::Map(_) => "Object".into(),
            TyKind::Any => "Value".into(),
        }
    }
}

/// A name for an inline union member, from its title or its position.
fn variant_suffix(member: &Node, index: usize) -> String {
    member
        .get("title")
        .and_then(Node::as_str)
        .map(names::pascal)
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| format!("Variant{}", index + 1))
}

/// `type: [...]` as a node at `pos`.
fn type_list(types: Vec<String>, pos: crate::diag::Pos) -> Node {
    let items = types
        .into_iter()
        .map(|t| Node {
            value: Value::String(t),
            pos,
        })
        .collect();
    Node {
        value: Value::Seq(items),
        pos,
    }
}

/// A schema that allows only `null`: `{type: 'null'}`, `{type: ['null']}`, `{enum: [null]}`,
/// with annotations at most.
fn is_null_only(member: &Node) -> bool {
    let Some(entries) = member.as_map() else {
        return false;
    };
    let null_type = match member.get("type").map(|t| &t.value) {
        Some(Value::String(t)) => t == "null",
        Some(Value::Seq(ts)) => ts.len() == 1 && ts[0].as_str() == Some("null"),
        _ => false,
    };
    let null_enum = member
        .get("enum")
        .and_then(Node::as_seq)
        .is_some_and(|v| v.len() == 1 && v[0].value == Value::Null);
    (null_type || null_enum)
        && entries
            .iter()
            .all(|e| matches!(e.key.as_str(), "type" | "enum") || is_annotation(&e.key))
}

fn union_of_strings(a: &Node, b: &Node) -> Node {
    let mut items: Vec<Node> = a.as_seq().unwrap_or_default().to_vec();
    for item in b.as_seq().unwrap_or_default() {
        if !items.iter().any(|i| i.value == item.value) {
            items.push(item.clone());
        }
    }
    Node {
        value: Value::Seq(items),
        pos: a.pos,
    }
}

fn pick_number(a: &Node, b: &Node, larger: bool) -> Node {
    let (x, y) = (
        a.as_f64().unwrap_or(f64::NAN),
        b.as_f64().unwrap_or(f64::NAN),
    );
    let take_b = if larger { y > x } else { y < x };
    if take_b { b.clone() } else { a.clone() }
}

/// Whether a schema describes objects (so a discriminator can tell it apart).
fn is_object_schema(node: &Node) -> bool {
    node.get("type").and_then(Node::as_str) == Some("object")
        || ["properties", "allOf", "additionalProperties"]
            .iter()
            .any(|k| node.get(k).is_some())
}

/// Orders the variants of every untagged union, most specific first: serde tries them in
/// order. Run once every type is complete, so the order never depends on which schema was
/// lowered first.
pub(super) fn order_untagged(types: &mut [TypeDef]) {
    for id in 0..types.len() {
        let TypeKind::Union(union) = &types[id].kind else {
            continue;
        };
        if union.tag.is_some() {
            continue;
        }
        let mut variants = union.variants.clone();
        variants.sort_by_key(|v| specificity(types, &v.ty, 0));
        if let TypeKind::Union(union) = &mut types[id].kind {
            union.variants = variants;
        }
    }
}

/// Sort key for an untagged variant. Arrays come first because serde's derived structs also
/// accept JSON arrays; structs with more required fields before looser ones; a string enum
/// after a plain string, because its catch-all would take every string the plain one
/// should; maps and untyped values last, as they accept any object or anything.
fn specificity(types: &[TypeDef], ty: &Ty, depth: usize) -> (u8, i64) {
    match &ty.kind {
        TyKind::Array(_) => (0, 0),
        TyKind::Named(id) => match &types[*id].kind {
            TypeKind::Struct(s) => {
                let required = s.fields.iter().filter(|f| f.required).count() as i64;
                let closed = i64::from(s.additional == super::Additional::Forbidden);
                (1, -(required * 2 + closed))
            }
            TypeKind::Union(_) => (2, 0),
            TypeKind::Enum(_) => (6, 1),
            TypeKind::Alias(inner) | TypeKind::Newtype(inner) if depth < 32 => {
                specificity(types, inner, depth + 1)
            }
            TypeKind::Alias(_) | TypeKind::Newtype(_) => (2, 0),
        },
        TyKind::Bool => (3, 0),
        TyKind::Integer(_) => (3, 1),
        TyKind::Number(_) => (3, 2),
        TyKind::String(StringFormat::Plain) => (6, 0),
        TyKind::String(_) => (4, 0),
        TyKind::Map(_) => (7, 0),
        TyKind::Any => (8, 0),
    }
}
