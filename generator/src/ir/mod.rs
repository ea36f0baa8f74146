//! Stage 2: one version-independent model of the API. Only this stage (with `load`) knows
//! the OpenAPI object model; every emitter reads the [`Api`] alone.

mod compose;
mod constraints;
mod cycles;
pub mod features;
pub mod names;
mod operations;
pub mod plan;
mod schema;
pub mod select;

use crate::diag::Diagnostics;
use crate::load::Spec;

pub use constraints::{Bound, Constraints, Pattern, PatternEngine, ecma_regex};
pub use plan::{
    Encoding, OperationNames, Payload, Reserved, ScalarKind, SchemeId, Security, Style,
};

/// Formats whose strings the checks in `runtime/src/validate.rs` verify.
pub const CHECKED_FORMATS: &[&str] = &[
    "uuid",
    "date-time",
    "date",
    "uri",
    "email",
    "hostname",
    "ipv4",
    "ipv6",
];

/// Index of a type in [`Api::types`].
pub type TypeId = usize;

/// The whole API, ready for the emitters.
#[derive(Debug, Clone)]
pub struct Api {
    /// `info.title`.
    pub title: String,
    /// `info.version`.
    pub version: String,
    /// `info.description`.
    pub description: Option<String>,
    /// The `openapi` version string.
    pub openapi: String,
    /// The spec's file name (never a full path: output must not depend on where it ran).
    pub spec_file: String,
    /// `servers`, with variables replaced by their defaults.
    pub servers: Vec<Server>,
    /// Every named type, in a deterministic order.
    pub types: Vec<TypeDef>,
    /// Every operation, in spec order.
    pub operations: Vec<Operation>,
    /// Every security scheme the spec declares.
    pub security_schemes: Vec<SecurityScheme>,
    /// The top-level tag objects that name their feature (`x-apigen-feature`): (tag,
    /// feature).
    pub tag_features: Vec<(String, String)>,
    /// The per-tag Cargo features, when the operations fall in more than one.
    pub features: Option<features::Features>,
}

/// A server URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Server {
    /// The URL with variables substituted.
    pub url: String,
    /// Its description.
    pub description: Option<String>,
}

/// Documentation carried from the spec into rustdoc.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Docs {
    /// `title`.
    pub title: Option<String>,
    /// `description` (or `summary`).
    pub description: Option<String>,
    /// `example`, or the first of `examples`.
    pub example: Option<serde_json::Value>,
    /// `deprecated: true`.
    pub deprecated: bool,
}

/// A named type.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    /// The Rust name (PascalCase, unique, never a keyword or prelude name).
    pub name: String,
    /// Its documentation.
    pub docs: Docs,
    /// What it is.
    pub kind: TypeKind,
}

/// The shape of a named type.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    /// An object with declared properties.
    Struct(Struct),
    /// A string enum with a catch-all for unknown values.
    Enum(StringEnum),
    /// `oneOf` / `anyOf` / a type array.
    Union(Union),
    /// A named schema that is not an object, enum or union: `pub type X = ...`.
    Alias(Ty),
    /// Like an alias, but a real type because it refers to itself.
    Newtype(Ty),
}

/// An object type.
#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    /// The declared properties, in spec order.
    pub fields: Vec<Field>,
    /// What happens to undeclared properties.
    pub additional: Additional,
    /// `minProperties`.
    pub min_properties: Option<u64>,
    /// `maxProperties`.
    pub max_properties: Option<u64>,
}

/// `additionalProperties`.
#[derive(Debug, Clone, PartialEq)]
pub enum Additional {
    /// Not mentioned: unknown properties are accepted and dropped.
    Ignored,
    /// `false`: unknown properties are rejected.
    Forbidden,
    /// `true` or a schema: kept in a flattened map.
    Map(Ty),
}

/// One property of a struct.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The JSON name.
    pub wire: String,
    /// The Rust field name (snake_case, unique within the struct).
    pub ident: String,
    /// The value's type (its `nullable` says whether `null` is allowed).
    pub ty: Ty,
    /// Whether the key must be present.
    pub required: bool,
    /// Documentation.
    pub docs: Docs,
    /// Printed as redacted in `Debug`.
    pub secret: bool,
    /// `readOnly`.
    pub read_only: bool,
    /// `writeOnly`.
    pub write_only: bool,
    /// `default`.
    pub default: Option<serde_json::Value>,
}

/// How a field's type is wrapped, by the nullable/optional matrix of the mapping rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wrapper {
    /// Required, and `null` is not allowed (or the type is `Value`, which holds `null`).
    Plain,
    /// Required and nullable: `Option<T>` that serialises `null` and needs the key.
    RequiredNullable,
    /// Optional, not nullable: `Option<T>`, omitted when `None`.
    Optional,
    /// Optional and nullable (or an optional `Value`): absent, `null` or a value.
    ThreeState,
}

impl Field {
    /// The wrapper the field's type gets.
    pub fn wrapper(&self) -> Wrapper {
        let any = self.ty.kind == TyKind::Any;
        match (self.required, self.ty.nullable) {
            (true, _) if any => Wrapper::Plain,
            (true, false) => Wrapper::Plain,
            (true, true) => Wrapper::RequiredNullable,
            (false, _) if any => Wrapper::ThreeState,
            (false, false) => Wrapper::Optional,
            (false, true) => Wrapper::ThreeState,
        }
    }
}

/// A string enum.
#[derive(Debug, Clone, PartialEq)]
pub struct StringEnum {
    /// The listed values.
    pub variants: Vec<EnumVariant>,
    /// The name of the variant that keeps unknown values.
    pub catch_all: String,
}

/// One value of a string enum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumVariant {
    /// The value on the wire.
    pub wire: String,
    /// The Rust variant name.
    pub ident: String,
}

/// A union of alternatives.
#[derive(Debug, Clone, PartialEq)]
pub struct Union {
    /// The alternatives; for untagged unions, most specific first.
    pub variants: Vec<UnionVariant>,
    /// The discriminator, when every variant can be told apart by it.
    pub tag: Option<String>,
}

/// One alternative of a union.
#[derive(Debug, Clone, PartialEq)]
pub struct UnionVariant {
    /// The Rust variant name.
    pub ident: String,
    /// The value it holds.
    pub ty: Ty,
    /// The discriminator value that selects it (tagged unions only).
    pub tag_value: Option<String>,
}

/// A use of a type, with the constraints that apply at that place.
#[derive(Debug, Clone, PartialEq)]
pub struct Ty {
    /// What it is.
    pub kind: TyKind,
    /// Whether `null` is an allowed value.
    pub nullable: bool,
    /// Whether it must be boxed to break a cycle.
    pub boxed: bool,
    /// The schema constraints at this place (boxed: most places have none, and it keeps
    /// `Ty` small).
    pub constraints: Box<Constraints>,
}

/// The kinds of type a [`Ty`] can be.
#[derive(Debug, Clone, PartialEq)]
pub enum TyKind {
    /// `boolean`.
    Bool,
    /// `integer`.
    Integer(IntWidth),
    /// `number`.
    Number(FloatWidth),
    /// `string`, with the format that decides its Rust type.
    String(StringFormat),
    /// `array`.
    Array(Box<Ty>),
    /// An object used as a map.
    Map(Box<Ty>),
    /// No type constraint: any JSON value.
    Any,
    /// A named type.
    Named(TypeId),
}

/// Integer widths.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntWidth {
    /// `format: int32`.
    I32,
    /// `format: int64` or none.
    I64,
}

/// Float widths.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FloatWidth {
    /// `format: float`.
    F32,
    /// `format: double` or none.
    F64,
}

/// String formats that change the Rust type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StringFormat {
    /// Any other format: a `String`.
    Plain,
    /// `uuid`.
    Uuid,
    /// `date-time`.
    DateTime,
    /// `date`.
    Date,
    /// `byte`: base64 on the wire, bytes in Rust.
    Byte,
}

impl Ty {
    /// A type with no constraints.
    pub fn new(kind: TyKind) -> Ty {
        Ty {
            kind,
            nullable: false,
            boxed: false,
            constraints: Box::default(),
        }
    }

    /// `serde_json::Value`.
    pub fn any() -> Ty {
        Ty::new(TyKind::Any)
    }

    /// The same type, allowing `null` too.
    pub fn or_null(mut self, nullable: bool) -> Ty {
        self.nullable |= nullable;
        self
    }
}

/// One API operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// `operationId` as written, or a name made from the method and path.
    pub operation_id: String,
    /// The Rust method name (snake_case); also `names.method`.
    pub fn_name: String,
    /// The names of the items generated for the operation.
    pub names: OperationNames,
    /// The prefix for types named after this operation (PascalCase).
    pub type_prefix: String,
    /// Upper-case HTTP method.
    pub method: String,
    /// The path template.
    pub path: String,
    /// `summary`.
    pub summary: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// `deprecated`.
    pub deprecated: bool,
    /// `tags`, as written.
    pub tags: Vec<String>,
    /// `x-apigen-feature`: the feature to compile it under instead of its first tag's.
    pub feature_override: Option<String>,
    /// Its index in [`features::Features::groups`], when the crate has per-tag features.
    pub feature: Option<usize>,
    /// Path, query, header and cookie parameters, path ones first in path order.
    pub params: Vec<Param>,
    /// The request body.
    pub body: Option<RequestBody>,
    /// The declared responses, in spec order.
    pub responses: Vec<Response>,
    /// The credentials it needs, resolved to schemes.
    pub security: Security,
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    /// In the path template.
    Path,
    /// In the query string.
    Query,
    /// In a header.
    Header,
    /// In a cookie.
    Cookie,
}

/// One parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// The wire name.
    pub name: String,
    /// The Rust name.
    pub ident: String,
    /// Where it goes.
    pub location: ParamLocation,
    /// Whether it must be given.
    pub required: bool,
    /// Its type.
    pub ty: Ty,
    /// Documentation.
    pub docs: Docs,
    /// How its values are written (`style`, `explode`) and read.
    pub encoding: Encoding,
    /// Whether its value has constraints to check: only then is it an argument of the
    /// operation's parameter check (`names.parameter_check`).
    pub checked: bool,
}

/// A request body.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestBody {
    /// The media type used.
    pub content_type: String,
    /// What it carries.
    pub payload: Payload,
    /// Whether it must be sent.
    pub required: bool,
    /// Documentation.
    pub docs: Docs,
    /// The media type's `example`, or the value of the first of its `examples`.
    pub example: Option<serde_json::Value>,
}

/// A response status key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// An exact code.
    Code(u16),
    /// `1XX` .. `5XX`.
    Range(u8),
    /// `default`.
    Default,
}

/// One declared response.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    /// Its status key.
    pub status: Status,
    /// A PascalCase name for it (`Created`, `NotFound`, ...).
    pub name: String,
    /// `description`.
    pub description: String,
    /// The media type, when it has content.
    pub content_type: Option<String>,
    /// What the body carries.
    pub payload: Payload,
    /// Declared response headers.
    pub headers: Vec<Header>,
    /// The server's struct of those headers, when there are any.
    pub headers_type: Option<String>,
    /// The media type's `example`, or the value of the first of its `examples`.
    pub example: Option<serde_json::Value>,
}

/// A declared response header.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    /// The header name.
    pub name: String,
    /// The Rust name.
    pub ident: String,
    /// Its type.
    pub ty: Ty,
    /// Whether it is always sent.
    pub required: bool,
    /// Documentation.
    pub docs: Docs,
}

/// A security scheme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecurityScheme {
    /// The key in `components/securitySchemes`.
    pub key: String,
    /// The snake_case name used for setters and parameters.
    pub ident: String,
    /// The PascalCase name of its variant in the server's `Scheme` enum.
    pub variant: String,
    /// How credentials are passed.
    pub kind: SchemeKind,
    /// `description`.
    pub description: Option<String>,
}

/// How a security scheme passes credentials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemeKind {
    /// `Authorization: Bearer <token>` (also OAuth 2 and OpenID Connect access tokens).
    Bearer,
    /// `Authorization: Basic <base64(user:password)>`.
    Basic,
    /// An API key in a header.
    ApiKeyHeader(String),
    /// An API key in the query string.
    ApiKeyQuery(String),
    /// An API key in a cookie.
    ApiKeyCookie(String),
}

/// Lowers a loaded spec to the IR, reporting every problem found.
pub fn build(spec: &Spec, diags: &mut Diagnostics, reserved: &Reserved) -> Api {
    let mut lowerer = schema::Lowerer::new(spec, diags);
    lowerer.claim_component_names();
    let info = spec.root().get("info");
    let text = |key: &str| {
        info.and_then(|i| i.get(key))
            .and_then(|n| n.as_str())
            .map(str::to_owned)
    };
    let security_schemes = operations::security_schemes(&mut lowerer);
    let operations = operations::operations(&mut lowerer, &security_schemes, reserved);
    let tag_features = operations::tag_features(&mut lowerer);
    lowerer.lower_remaining_components();
    let mut types = lowerer.finish();
    compose::order_untagged(&mut types);
    cycles::break_cycles(&mut types);
    let spec_file = spec.files[0]
        .source
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut api = Api {
        title: text("title").unwrap_or_else(|| "API".to_owned()),
        version: text("version").unwrap_or_default(),
        description: text("description").or_else(|| text("summary")),
        openapi: spec.version_text.clone(),
        spec_file,
        servers: operations::servers(spec),
        types,
        operations,
        security_schemes,
        tag_features,
        features: None,
    };
    plan::complete(&mut api, reserved);
    api
}

/// Calls `f` on every [`Ty`] written anywhere in the API (not recursing into them).
pub fn visit_types(api: &Api, f: &mut dyn FnMut(&Ty)) {
    for def in &api.types {
        match &def.kind {
            TypeKind::Struct(s) => {
                s.fields.iter().for_each(|field| f(&field.ty));
                if let Additional::Map(ty) = &s.additional {
                    f(ty);
                }
            }
            TypeKind::Union(u) => u.variants.iter().for_each(|v| f(&v.ty)),
            TypeKind::Alias(ty) | TypeKind::Newtype(ty) => f(ty),
            TypeKind::Enum(_) => {}
        }
    }
    for op in &api.operations {
        op.params.iter().for_each(|p| f(&p.ty));
        if let Some(ty) = op.body.as_ref().and_then(|b| b.payload.ty()) {
            f(ty);
        }
        for response in &op.responses {
            if let Some(ty) = response.payload.ty() {
                f(ty);
            }
            response.headers.iter().for_each(|h| f(&h.ty));
        }
    }
}
