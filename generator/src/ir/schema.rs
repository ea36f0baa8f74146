//! Lowers schemas to [`Ty`]s and named [`TypeDef`]s: `$ref`s, objects, maps, arrays,
//! primitives and enums. Composition (`allOf`, `oneOf`, `anyOf`, type arrays) lives in
//! `compose.rs`.

use std::collections::HashMap;

use super::names::{self, Scope};
use super::{
    Additional, Docs, EnumVariant, Field, FloatWidth, IntWidth, StringEnum, StringFormat, Struct,
    Ty, TyKind, TypeDef, TypeId, TypeKind,
};
use crate::diag::{Diagnostics, codes};
use crate::load::{Loc, Node, Spec, Value, node};

/// What a schema should be called if it becomes a named type.
#[derive(Debug, Clone)]
pub(super) struct Hint {
    /// The PascalCase name to use (made unique when claimed).
    pub base: String,
    /// A type slot already reserved for this schema (named component schemas).
    pub slot: Option<TypeId>,
}

/// How deep inline schemas may nest (counted as nested [`Lowerer::lower`] calls below the
/// nearest named schema, whatever the path: properties, items, compositions). Each level is
/// a Rust type holding the next, and rustc stops checking nested types at its recursion
/// limit (128; a level costs two, the struct and the `Option` around it), so deeper specs
/// get a diagnostic rather than code that does not compile. A `$ref` to a named schema
/// starts again from zero: it becomes a type of its own, named where it is used.
pub(super) const MAX_SCHEMA_DEPTH: usize = 48;

/// How many `$ref`s may be followed one inside another while lowering (a chain of named
/// types, each reached first through the previous one). Only a bound on the generator's own
/// recursion: real specs stay far below it (Stripe, the deepest seen, is under 100).
const MAX_REF_CHAIN: usize = 2_000;

/// Invented names longer than this stop repeating every enclosing name.
const MAX_NESTED_NAME: usize = 60;

impl Hint {
    pub fn new(base: impl Into<String>) -> Hint {
        Hint {
            base: base.into(),
            slot: None,
        }
    }

    /// The hint for a schema nested under this one: `ParentField`, or just `Field` once
    /// the chain of parents grows long (the scope still makes it unique).
    pub fn nested(&self, suffix: &str) -> Hint {
        Hint::within(&self.base, suffix)
    }

    /// The hint for a schema nested in the type named `parent`.
    pub fn within(parent: &str, suffix: &str) -> Hint {
        let suffix = names::pascal(suffix);
        let joined = format!("{parent}{suffix}");
        let base = if joined.len() > MAX_NESTED_NAME && !suffix.is_empty() {
            suffix
        } else {
            joined
        };
        Hint::new(base)
    }
}

/// Turns schema nodes into types; owns the type arena while the IR is built.
pub(crate) struct Lowerer<'s> {
    pub(super) spec: &'s Spec,
    pub(super) diags: &'s mut Diagnostics,
    types: Vec<TypeDef>,
    pub(super) type_names: Scope,
    component_names: HashMap<String, String>,
    component_order: Vec<String>,
    by_ref: HashMap<String, Ty>,
    by_shape: HashMap<String, TypeId>,
    pub(super) merging: Vec<String>,
    /// `allOf` members already resolved, by canonical reference (merging is otherwise
    /// exponential when members share references).
    pub(super) merged_refs: HashMap<String, Option<std::rc::Rc<[crate::load::Entry]>>>,
    /// Which engine runs each translated `pattern` met so far, or why none does.
    pub(super) pattern_engines: HashMap<String, Result<super::PatternEngine, String>>,
    /// How many [`Lowerer::lower`] calls are under way below the nearest named schema (see
    /// [`MAX_SCHEMA_DEPTH`]).
    depth: usize,
    /// How many [`Lowerer::lower_ref`] calls are under way (see [`MAX_REF_CHAIN`]).
    ref_chain: usize,
    /// Errors of a lenient run not yet settled by the schema or operation they belong to.
    pub(super) pending: Vec<crate::diag::Diagnostic>,
    /// How many `allOf` property merges are under way: inside one, a conflict is recorded
    /// in `overrides` (the later member wins) rather than reported as an error.
    pub(super) override_scope: usize,
    /// Conflicts found inside property merges, described, until the merge reports them.
    pub(super) overrides: Vec<String>,
}

/// Keys that only annotate a schema; a schema made only of these adds no structure.
pub(super) fn is_annotation(key: &str) -> bool {
    matches!(
        key,
        "description"
            | "title"
            | "example"
            | "examples"
            | "deprecated"
            | "readOnly"
            | "writeOnly"
            | "default"
            | "externalDocs"
            | "xml"
            | "$comment"
            | "summary"
            | "nullable"
    ) || key.starts_with("x-")
}

impl<'s> Lowerer<'s> {
    pub fn new(spec: &'s Spec, diags: &'s mut Diagnostics) -> Lowerer<'s> {
        Lowerer {
            spec,
            diags,
            types: Vec::new(),
            type_names: Scope::new(),
            component_names: HashMap::new(),
            component_order: Vec::new(),
            by_ref: HashMap::new(),
            by_shape: HashMap::new(),
            merging: Vec::new(),
            merged_refs: HashMap::new(),
            pattern_engines: HashMap::new(),
            depth: 0,
            ref_chain: 0,
            pending: Vec::new(),
            override_scope: 0,
            overrides: Vec::new(),
        }
    }

    /// Names fixed by the spec (`components/schemas` keys) are claimed before any invented
    /// name, so they never get a numeric suffix because of an inline schema.
    pub fn claim_component_names(&mut self) {
        let Some(schemas) = self
            .spec
            .root()
            .get("components")
            .and_then(|c| c.get("schemas"))
        else {
            return;
        };
        let Some(entries) = schemas.as_map() else {
            let loc = Loc {
                file: 0,
                pointer: "/components/schemas".into(),
            };
            let d = self.spec.diagnostic(
                crate::diag::Severity::Error,
                codes::WRONG_TYPE,
                &loc,
                schemas.pos,
                "`components/schemas` must be an object",
            );
            self.push(d);
            return;
        };
        for entry in entries {
            let reference = format!("0#/components/schemas/{}", node::escape_segment(&entry.key));
            let name = self
                .type_names
                .claim(&names::type_ident(&entry.key, "Schema", "T"));
            self.component_names.insert(reference.clone(), name);
            self.component_order.push(reference);
        }
    }

    /// Lowers every component schema not reached from an operation, so all get types.
    pub fn lower_remaining_components(&mut self) {
        for reference in self.component_order.clone() {
            self.lower_ref(&reference, None);
        }
    }

    /// The finished type arena. Errors of a lenient run that no schema or operation
    /// settled become warnings here.
    pub fn finish(mut self) -> Vec<TypeDef> {
        self.settle_errors(0, "generation went on without it");
        self.types
    }

    pub(super) fn type_name(&self, id: TypeId) -> &str {
        &self.types[id].name
    }

    /// Reserves a type with a unique name; its kind is filled in later.
    pub(super) fn reserve(&mut self, base: &str, docs: Docs) -> TypeId {
        let name = self
            .type_names
            .claim(&names::type_ident(base, "Schema", "T"));
        self.types.push(TypeDef {
            name,
            docs,
            kind: TypeKind::Alias(Ty::any()),
        });
        self.types.len() - 1
    }

    pub(super) fn fill(&mut self, id: TypeId, kind: TypeKind) {
        self.types[id].kind = kind;
    }

    /// The type slot for a schema that becomes a named type: the reserved slot, an existing
    /// type with the same shape, or a new one.
    pub(super) fn named_slot(&mut self, node: &Node, hint: &Hint) -> Result<TypeId, TypeId> {
        if let Some(slot) = hint.slot {
            return Ok(slot);
        }
        let key = shape_key(node);
        if let Some(&id) = self.by_shape.get(&key) {
            return Err(id);
        }
        let id = self.reserve(&hint.base, self.docs(node));
        self.by_shape.insert(key, id);
        Ok(id)
    }

    /// Lowers a schema.
    pub(super) fn lower(&mut self, node: &Node, loc: &Loc, hint: &Hint) -> Ty {
        // Bounds every path through nested schemas, including inline ones that lead back
        // to themselves without a `$ref` cycle (a `oneOf` whose `allOf` merges into it).
        if self.depth > MAX_SCHEMA_DEPTH {
            self.error_at(
                node,
                loc,
                "",
                codes::TOO_LARGE,
                format!("schemas nest more than {MAX_SCHEMA_DEPTH} levels deep here; the Rust types would pass rustc's recursion limit"),
            );
            return Ty::any();
        }
        self.depth += 1;
        let mark = self.error_mark();
        let ty = self.lower_here(node, loc, hint);
        self.depth -= 1;
        // Lenient: a schema with an error of its own (not one of a nested schema, which
        // settled its own) is any JSON value.
        if self.settle_errors(
            mark,
            &format!("the schema at {} is read as any JSON value", loc.pointer),
        ) {
            return Ty::any();
        }
        ty
    }

    fn lower_here(&mut self, node: &Node, loc: &Loc, hint: &Hint) -> Ty {
        match &node.value {
            Value::Bool(true) => return Ty::any(),
            Value::Bool(false) => {
                self.warn_at(node, loc, "", codes::IGNORED, "the `false` schema (no value is valid) is not supported; any value is accepted here");
                return Ty::any();
            }
            Value::Map(_) => {}
            _ => {
                self.error_at(
                    node,
                    loc,
                    "",
                    codes::WRONG_TYPE,
                    format!(
                        "a schema must be an object or a boolean, found {}",
                        node.kind_name()
                    ),
                );
                return Ty::any();
            }
        }
        let (types, null_in_types) = self.types_of(node, loc);
        let nullable = null_in_types
            || node
                .get("nullable")
                .and_then(Node::as_bool)
                .unwrap_or(false);
        if let Some(reference) = node.get("$ref").and_then(Node::as_str) {
            let siblings = node
                .as_map()
                .unwrap_or_default()
                .iter()
                .any(|e| e.key != "$ref" && !is_annotation(&e.key));
            if !siblings {
                let reference = reference.to_owned();
                return self
                    .lower_ref(&reference, Some((node, loc)))
                    .or_null(nullable);
            }
            if self.spec.version == crate::load::OpenApiVersion::V3_0 {
                self.warn_at(
                    node,
                    loc,
                    "$ref",
                    codes::IGNORED,
                    "keywords beside `$ref` are ignored in OpenAPI 3.0",
                );
                let reference = reference.to_owned();
                return self
                    .lower_ref(&reference, Some((node, loc)))
                    .or_null(nullable);
            }
            // In 3.1 keywords beside `$ref` apply too: the same as an `allOf` of both.
            return self
                .lower_all_of(&ref_with_siblings(node), loc, hint)
                .or_null(nullable);
        }
        if node.get("allOf").is_some() {
            return self.lower_all_of(node, loc, hint).or_null(nullable);
        }
        if node.get("oneOf").is_some() || node.get("anyOf").is_some() {
            return self.lower_union(node, loc, hint).or_null(nullable);
        }
        if node.get("enum").is_some() {
            return self.lower_enum(node, loc, hint, &types, nullable);
        }
        let ty = match types.as_slice() {
            [] => match infer_type(node) {
                Some(kind) => self.lower_single(kind, node, loc, hint),
                None => Ty {
                    constraints: Box::new(self.constraints(node, loc)),
                    ..Ty::any()
                },
            },
            [one] => self.lower_single(one, node, loc, hint),
            _ => self.lower_type_array(node, loc, hint, &types),
        };
        ty.or_null(nullable)
    }

    /// `type` as a list of non-null type names, and whether `null` was among them.
    pub(super) fn types_of(&mut self, node: &Node, loc: &Loc) -> (Vec<String>, bool) {
        let Some(value) = node.get("type") else {
            return (Vec::new(), false);
        };
        let names: Vec<String> = match &value.value {
            Value::String(s) => vec![s.clone()],
            Value::Seq(items) if items.iter().all(|i| i.as_str().is_some()) => items
                .iter()
                .filter_map(Node::as_str)
                .map(str::to_owned)
                .collect(),
            _ => {
                self.error_at(
                    node,
                    loc,
                    "type",
                    codes::WRONG_TYPE,
                    "`type` must be a string or an array of strings",
                );
                return (Vec::new(), false);
            }
        };
        let null = names.iter().any(|n| n == "null");
        let mut out: Vec<String> = Vec::new();
        for name in names.into_iter().filter(|n| n != "null") {
            if !matches!(
                name.as_str(),
                "object" | "array" | "string" | "integer" | "number" | "boolean"
            ) {
                // No value has an unknown type, but the author meant some value: weaken the
                // schema to any value rather than stop the spec.
                let message = format!("unknown type `{name}`; this schema accepts any value");
                self.warn_at(node, loc, "type", codes::DEGRADED, message);
                return (Vec::new(), null);
            }
            if !out.contains(&name) {
                out.push(name);
            }
        }
        (out, null)
    }

    /// Lowers the target of a canonical `$ref`, giving named schemas their own type.
    pub(super) fn lower_ref(&mut self, reference: &str, site: Option<(&Node, &Loc)>) -> Ty {
        if let Some(ty) = self.by_ref.get(reference) {
            return ty.clone();
        }
        if let Some(cycle) = self.pure_ref_cycle(reference) {
            let message = format!("`$ref` chain loops without reaching a schema: {cycle}");
            match site {
                Some((node, loc)) => self.error_at(node, loc, "$ref", codes::CYCLIC_REF, message),
                None => {
                    if let Some((loc, node)) = self.spec.resolve(reference) {
                        let node = node.clone();
                        self.error_at(&node, &loc, "$ref", codes::CYCLIC_REF, message);
                    }
                }
            }
            self.by_ref.insert(reference.to_owned(), Ty::any());
            return Ty::any();
        }
        let Some((target_loc, target)) = self.spec.resolve(reference) else {
            return Ty::any();
        };
        let base = self
            .component_names
            .get(reference)
            .cloned()
            .unwrap_or_else(|| {
                let last = target_loc.pointer.rsplit('/').next().unwrap_or("Schema");
                let last = last.replace("~1", "/").replace("~0", "~");
                names::type_ident(&last, "Schema", "T")
            });
        let slot = if self.component_names.contains_key(reference) {
            self.types.push(TypeDef {
                name: base.clone(),
                docs: self.docs(target),
                kind: TypeKind::Alias(Ty::any()),
            });
            self.types.len() - 1
        } else {
            self.reserve(&base, self.docs(target))
        };
        self.by_ref
            .insert(reference.to_owned(), Ty::new(TyKind::Named(slot)));
        let name = self.types[slot].name.clone();
        if self.ref_chain >= MAX_REF_CHAIN {
            let message = format!("`$ref`s nest more than {MAX_REF_CHAIN} named schemas deep here");
            self.error_at(target, &target_loc, "", codes::TOO_LARGE, message);
            return Ty::any();
        }
        // A named schema is a type of its own: inline nesting counts again from zero.
        let outer_depth = std::mem::replace(&mut self.depth, 0);
        self.ref_chain += 1;
        let ty = self.lower(
            target,
            &target_loc,
            &Hint {
                base: name,
                slot: Some(slot),
            },
        );
        self.ref_chain -= 1;
        self.depth = outer_depth;
        let nullable = ty.nullable;
        let result = Ty::new(TyKind::Named(slot)).or_null(nullable);
        if ty.kind != TyKind::Named(slot) {
            let inner = Ty {
                nullable: false,
                ..ty
            };
            self.fill(slot, TypeKind::Alias(inner));
        }
        self.by_ref.insert(reference.to_owned(), result.clone());
        result
    }

    /// Follows `$ref`s that point at nothing but another `$ref`; returns the loop if any.
    fn pure_ref_cycle(&self, start: &str) -> Option<String> {
        let mut seen = vec![start.to_owned()];
        let mut current = start.to_owned();
        loop {
            let (_, node) = self.spec.resolve(&current)?;
            let next = pure_reference(node)?;
            if seen.iter().any(|s| s == next) {
                seen.push(next.to_owned());
                let readable: Vec<String> = seen
                    .iter()
                    .map(|r| {
                        r.split_once('#')
                            .map_or(r.clone(), |(_, p)| format!("#{p}"))
                    })
                    .collect();
                return Some(readable.join(" -> "));
            }
            seen.push(next.to_owned());
            current = next.to_owned();
        }
    }

    fn lower_single(&mut self, kind: &str, node: &Node, loc: &Loc, hint: &Hint) -> Ty {
        let constraints = self.constraints(node, loc);
        let format = node.get("format").and_then(Node::as_str).unwrap_or("");
        let kind = match kind {
            "object" => return self.lower_object(node, loc, hint, constraints),
            "array" => {
                let items = match node.get("items") {
                    Some(items) => {
                        let item_hint = hint.nested("Item");
                        let ty = self.lower(items, &loc.child("items"), &item_hint);
                        self.name_if_deep(ty, items, &item_hint)
                    }
                    None => Ty::any(),
                };
                TyKind::Array(Box::new(items))
            }
            "string" => {
                let kind = match format {
                    "uuid" => StringFormat::Uuid,
                    "date-time" => StringFormat::DateTime,
                    "date" => StringFormat::Date,
                    "byte" => StringFormat::Byte,
                    _ => StringFormat::Plain,
                };
                self.warn_unchecked_string(node, loc, kind, format);
                TyKind::String(kind)
            }
            "integer" => TyKind::Integer(if format == "int32" {
                IntWidth::I32
            } else {
                IntWidth::I64
            }),
            "number" => TyKind::Number(if format == "float" {
                FloatWidth::F32
            } else {
                FloatWidth::F64
            }),
            "boolean" => TyKind::Bool,
            _ => TyKind::Any,
        };
        Ty {
            constraints: Box::new(constraints),
            ..Ty::new(kind)
        }
    }

    /// Warns about string constraints the generated code will not check.
    fn warn_unchecked_string(&mut self, node: &Node, loc: &Loc, kind: StringFormat, format: &str) {
        if kind != StringFormat::Plain {
            for keyword in ["minLength", "maxLength", "pattern"] {
                if node.get(keyword).is_some() {
                    let message = format!(
                        "`{keyword}` is not checked on a `format: {format}` string: its Rust type already fixes its form"
                    );
                    self.warn_at(node, loc, keyword, codes::IGNORED, message);
                }
            }
        }
        const NOT_ASSERTIONS: &[&str] = &[
            "",
            "password",
            "binary",
            "byte",
            "uuid",
            "date-time",
            "date",
        ];
        let checked = super::CHECKED_FORMATS.contains(&format);
        if !checked && !NOT_ASSERTIONS.contains(&format) {
            let message =
                format!("`format: {format}` is not checked; such strings are accepted as they are");
            self.warn_at(node, loc, "format", codes::ANNOTATION, message);
        }
    }

    /// Collections nested three deep get a name, the way a person would write
    /// `type Grid = Vec<Vec<Cell>>` rather than spell the whole type at every use.
    fn name_if_deep(&mut self, ty: Ty, node: &Node, hint: &Hint) -> Ty {
        if container_depth(&ty) < 3 {
            return ty;
        }
        let nullable = ty.nullable;
        let id = match self.named_slot(node, hint) {
            Ok(id) => id,
            Err(existing) => return Ty::new(TyKind::Named(existing)).or_null(nullable),
        };
        self.fill(
            id,
            TypeKind::Alias(Ty {
                nullable: false,
                ..ty
            }),
        );
        Ty::new(TyKind::Named(id)).or_null(nullable)
    }

    fn lower_object(
        &mut self,
        node: &Node,
        loc: &Loc,
        hint: &Hint,
        constraints: super::Constraints,
    ) -> Ty {
        let properties = match node.get("properties") {
            None => &[][..],
            Some(p) => match p.as_map() {
                Some(entries) => entries,
                None => {
                    self.error_at(
                        node,
                        loc,
                        "properties",
                        codes::WRONG_TYPE,
                        "`properties` must be an object",
                    );
                    &[][..]
                }
            },
        };
        let required = self.required(node, loc);
        let additional = node.get("additionalProperties");
        let closed = additional.and_then(Node::as_bool) == Some(false);
        if properties.is_empty() && required.is_empty() && !closed && hint.slot.is_none() {
            let value = self.additional_type(additional, loc, hint);
            return Ty {
                constraints: Box::new(constraints),
                ..Ty::new(TyKind::Map(Box::new(value)))
            };
        }
        let id = match self.named_slot(node, hint) {
            Ok(id) => id,
            Err(existing) => return Ty::new(TyKind::Named(existing)),
        };
        if properties.is_empty() && required.is_empty() && !closed {
            let value = self.additional_type(additional, loc, hint);
            let map = Ty {
                constraints: Box::new(constraints),
                ..Ty::new(TyKind::Map(Box::new(value)))
            };
            self.fill(id, TypeKind::Alias(map));
            return Ty::new(TyKind::Named(id));
        }
        let struct_name = self.type_name(id).to_owned();
        let mut idents = Scope::new();
        let mut fields = Vec::new();
        let properties_loc = loc.child("properties");
        for entry in properties {
            let field_loc = properties_loc.child(&entry.key);
            let field_hint = Hint::within(&struct_name, &entry.key);
            if entry
                .value
                .get("required")
                .and_then(Node::as_bool)
                .is_some()
            {
                self.warn_at(&entry.value, &field_loc, "required", codes::IGNORED, "`required: true` on a property is Swagger 2 style; list the name in the parent's `required` array");
            }
            let ty = self.lower(&entry.value, &field_loc, &field_hint);
            fields.push(self.field(
                &entry.key,
                &entry.value,
                ty,
                required.contains(&entry.key),
                &mut idents,
            ));
        }
        let undeclared = Node {
            value: Value::Map(Vec::new()),
            pos: node.pos,
        };
        for name in &required {
            if !properties.iter().any(|e| &e.key == name) {
                fields.push(self.field(name, &undeclared, Ty::any(), true, &mut idents));
            }
        }
        let additional = match additional {
            None => Additional::Ignored,
            Some(a) if a.as_bool() == Some(false) => Additional::Forbidden,
            Some(a) => {
                Additional::Map(self.additional_type(Some(a), loc, &Hint::new(struct_name.clone())))
            }
        };
        let (min_properties, max_properties) =
            (constraints.min_properties, constraints.max_properties);
        self.fill(
            id,
            TypeKind::Struct(Struct {
                fields,
                additional,
                min_properties,
                max_properties,
            }),
        );
        Ty::new(TyKind::Named(id))
    }

    fn field(
        &mut self,
        wire: &str,
        schema: &Node,
        ty: Ty,
        required: bool,
        idents: &mut Scope,
    ) -> Field {
        let docs = self.docs(schema);
        // A `$ref` to a `format: password` schema is a secret too.
        let target = schema
            .get("$ref")
            .and_then(Node::as_str)
            .and_then(|r| self.spec.resolve(r))
            .map(|(_, node)| node);
        let format = schema
            .get("format")
            .or_else(|| target.and_then(|t| t.get("format")))
            .and_then(Node::as_str);
        let flag = |key: &str| schema.get(key).and_then(Node::as_bool).unwrap_or(false);
        Field {
            wire: wire.to_owned(),
            ident: idents.claim(&names::field_ident(wire)),
            secret: names::is_secret_name(wire) || format == Some("password") || flag("writeOnly"),
            read_only: flag("readOnly"),
            write_only: flag("writeOnly"),
            default: schema.get("default").map(Node::to_json),
            ty,
            required,
            docs,
        }
    }

    fn additional_type(&mut self, additional: Option<&Node>, loc: &Loc, hint: &Hint) -> Ty {
        match additional {
            None => Ty::any(),
            Some(a) if a.as_bool().is_some() => Ty::any(),
            Some(a) => self.lower(a, &loc.child("additionalProperties"), &hint.nested("Value")),
        }
    }

    fn required(&mut self, node: &Node, loc: &Loc) -> Vec<String> {
        match node.get("required").map(|r| &r.value) {
            None | Some(Value::Bool(_)) => Vec::new(),
            Some(Value::Seq(items)) if items.iter().all(|i| i.as_str().is_some()) => items
                .iter()
                .filter_map(Node::as_str)
                .map(str::to_owned)
                .collect(),
            Some(_) => {
                self.error_at(
                    node,
                    loc,
                    "required",
                    codes::WRONG_TYPE,
                    "`required` must be an array of property names",
                );
                Vec::new()
            }
        }
    }

    fn lower_enum(
        &mut self,
        node: &Node,
        loc: &Loc,
        hint: &Hint,
        types: &[String],
        nullable: bool,
    ) -> Ty {
        let Some(values) = node.get("enum").and_then(Node::as_seq) else {
            self.error_at(
                node,
                loc,
                "enum",
                codes::WRONG_TYPE,
                "`enum` must be an array",
            );
            return Ty::any().or_null(nullable);
        };
        let nullable = nullable || values.iter().any(|v| v.value == Value::Null);
        let non_null: Vec<&Node> = values.iter().filter(|v| v.value != Value::Null).collect();
        let all_strings = !non_null.is_empty() && non_null.iter().all(|v| v.as_str().is_some());
        let string_typed = types.is_empty() || types == ["string"];
        if !(all_strings && string_typed) {
            let mut ty = match types {
                [one] => self.lower_single(one, node, loc, hint),
                [] => Ty {
                    constraints: Box::new(self.constraints(node, loc)),
                    ..Ty::any()
                },
                _ => self.lower_type_array(node, loc, hint, types),
            };
            // `null` stays listed: an untyped value can be `null`, and a typed one never
            // reaches the check as `null` (it is `None`).
            ty.constraints.enum_values = Some(values.iter().map(Node::to_json).collect());
            return ty.or_null(nullable);
        }
        let id = match self.named_slot(node, hint) {
            Ok(id) => id,
            Err(existing) => return Ty::new(TyKind::Named(existing)).or_null(nullable),
        };
        let mut scope = Scope::new();
        let mut variants: Vec<EnumVariant> = Vec::new();
        for value in non_null.iter().filter_map(|v| v.as_str()) {
            if variants.iter().any(|v| v.wire == value) {
                continue;
            }
            variants.push(EnumVariant {
                wire: value.to_owned(),
                ident: scope.claim(&names::type_ident(value, "Empty", "V")),
            });
        }
        let catch_all = ["Unknown", "Other", "UnknownValue"]
            .into_iter()
            .find(|c| !scope.contains(c))
            .map_or_else(|| scope.claim("UnknownValue"), str::to_owned);
        self.fill(
            id,
            TypeKind::Enum(StringEnum {
                variants,
                catch_all,
            }),
        );
        Ty::new(TyKind::Named(id)).or_null(nullable)
    }
}

/// The reference a schema is nothing but: `{$ref}` or `{allOf: [{$ref}]}`, plus annotations.
fn pure_reference(node: &Node) -> Option<&str> {
    let entries = node.as_map()?;
    let only_annotations = |entries: &[crate::load::Entry], except: &str| {
        entries
            .iter()
            .all(|e| e.key == except || is_annotation(&e.key))
    };
    if let Some(reference) = node.get("$ref").and_then(Node::as_str) {
        return only_annotations(entries, "$ref").then_some(reference);
    }
    match node.get("allOf").and_then(Node::as_seq) {
        Some([member]) if only_annotations(entries, "allOf") => {
            let reference = member.get("$ref").and_then(Node::as_str)?;
            only_annotations(member.as_map()?, "$ref").then_some(reference)
        }
        _ => None,
    }
}

/// `{$ref, ...siblings}` as `{allOf: [{$ref}, {...siblings}], ...annotations}`.
fn ref_with_siblings(node: &Node) -> Node {
    let entries = node.as_map().unwrap_or_default();
    let map = |entries: Vec<crate::load::Entry>| Node {
        value: Value::Map(entries),
        pos: node.pos,
    };
    let reference: Vec<_> = entries
        .iter()
        .filter(|e| e.key == "$ref")
        .cloned()
        .collect();
    let siblings: Vec<_> = entries
        .iter()
        .filter(|e| e.key != "$ref" && !is_annotation(&e.key))
        .cloned()
        .collect();
    let mut outer: Vec<_> = entries
        .iter()
        .filter(|e| is_annotation(&e.key))
        .cloned()
        .collect();
    let members = Node {
        value: Value::Seq(vec![map(reference), map(siblings)]),
        pos: node.pos,
    };
    outer.push(crate::load::Entry {
        key: "allOf".to_owned(),
        key_pos: node.pos,
        value: members,
    });
    map(outer)
}

/// How many collections are nested in `ty` (`Vec<Vec<String>>` is 2).
fn container_depth(ty: &Ty) -> usize {
    match &ty.kind {
        TyKind::Array(inner) | TyKind::Map(inner) => 1 + container_depth(inner),
        _ => 0,
    }
}

/// The type a schema without `type` has, judged from its keywords.
fn infer_type(node: &Node) -> Option<&'static str> {
    let has = |k: &str| node.get(k).is_some();
    // Only keywords that describe structure imply a type: `minProperties` or `minItems`
    // alone apply to any JSON value, so such schemas stay `Value` with dynamic checks.
    if has("properties") || has("additionalProperties") || has("required") {
        Some("object")
    } else if has("items") {
        Some("array")
    } else {
        None
    }
}

/// Structural identity of an inline schema: identical schemas (keys in the same order,
/// positions aside) share one type. The key is JSON text, written straight from the tree.
pub(super) fn shape_key(node: &Node) -> String {
    fn string(text: &str, out: &mut String) {
        out.push('"');
        for c in text.chars() {
            if matches!(c, '"' | '\\') {
                out.push('\\');
            }
            out.push(c);
        }
        out.push('"');
    }
    fn write(node: &Node, out: &mut String) {
        match &node.value {
            Value::Null => out.push_str("null"),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Number(n) => out.push_str(&n.to_string()),
            Value::String(s) => string(s, out),
            Value::Seq(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write(item, out);
                }
                out.push(']');
            }
            Value::Map(entries) => {
                out.push('{');
                for (i, entry) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    string(&entry.key, out);
                    out.push(':');
                    write(&entry.value, out);
                }
                out.push('}');
            }
        }
    }
    let mut out = String::new();
    write(node, &mut out);
    out
}
