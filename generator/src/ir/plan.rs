//! The plan of each operation: how its parameters are written, what its body and its
//! responses carry, which credentials it needs and what its generated items are called.
//!
//! Everything here is decided once, from the API description, so that the emitters read
//! decisions (`Payload::Json`, `explode: true`, a scheme index) instead of interpreting
//! media types, `style` strings or scheme keys each on their own.

use super::names::Scope;
use super::{Additional, Api, Constraints, StringFormat, Ty, TyKind, TypeDef, TypeKind};

/// Index of a scheme in [`Api::security_schemes`].
pub type SchemeId = usize;

/// Names the emitted modules already use for their own items; operations must not claim
/// them. The emitters own these lists and hand them to [`super::build`].
#[derive(Debug, Clone, Copy, Default)]
pub struct Reserved {
    /// Methods every `Client` has besides the operations.
    pub client_methods: &'static [&'static str],
    /// Types of the client module besides the per-operation enums.
    pub client_types: &'static [&'static str],
    /// Types of the server module besides the per-operation replies.
    pub server_types: &'static [&'static str],
}

/// How the values of a parameter are written in its place: OpenAPI's `style` and
/// `explode`, with their defaults applied, and the JSON kind its text is read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Encoding {
    /// `style`, or its default for the location.
    pub style: Style,
    /// Whether an array is written as one `name=value` per item.
    pub explode: bool,
    /// What the text of one value is read as.
    pub kind: ScalarKind,
    /// Whether the schema is an array (several values).
    pub array: bool,
}

/// A parameter `style`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `form`: the default in query and cookie.
    Form,
    /// `simple`: the default in path and header.
    Simple,
    /// `label` (path, `.a.b`).
    Label,
    /// `matrix` (path, `;a=1`).
    Matrix,
    /// `spaceDelimited` (query).
    SpaceDelimited,
    /// `pipeDelimited` (query).
    PipeDelimited,
    /// `deepObject` (query, `a[b]=1`).
    DeepObject,
}

impl Style {
    /// The style a `style` keyword names.
    pub fn parse(text: &str) -> Option<Style> {
        Some(match text {
            "form" => Style::Form,
            "simple" => Style::Simple,
            "label" => Style::Label,
            "matrix" => Style::Matrix,
            "spaceDelimited" => Style::SpaceDelimited,
            "pipeDelimited" => Style::PipeDelimited,
            "deepObject" => Style::DeepObject,
            _ => return None,
        })
    }

    /// Whether the generated code writes and reads this style as it is specified:
    /// `form` and `simple` (items joined by commas when not exploded).
    pub fn is_supported(self) -> bool {
        matches!(self, Style::Form | Style::Simple)
    }
}

/// The JSON kind a parameter's text is read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScalarKind {
    /// Taken as a string.
    String,
    /// Parsed as an integer.
    Integer,
    /// Parsed as a number.
    Number,
    /// `true` or `false`.
    Boolean,
    /// Parsed as JSON if it is, else taken as a string.
    Any,
}

/// What a request or response body carries, decided from its media type.
#[derive(Debug, Clone, PartialEq)]
pub enum Payload {
    /// No body.
    Empty,
    /// JSON (`application/json`, `*+json`) of this type.
    Json(Ty),
    /// Text (`text/*`).
    Text,
    /// `application/x-www-form-urlencoded` with this schema (sent as bytes for now).
    Form(Ty),
    /// `multipart/*` with this schema (sent as bytes for now).
    Multipart(Ty),
    /// Any other media type: bytes.
    Bytes,
}

impl Payload {
    /// The payload of a media type, given the type of its schema (if any).
    pub fn of(content_type: &str, ty: Option<Ty>) -> Payload {
        let essence = content_type
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        let ty = || ty.clone().unwrap_or_else(Ty::any);
        if is_json(&essence) {
            Payload::Json(ty())
        } else if essence.starts_with("text/") {
            Payload::Text
        } else if essence == "application/x-www-form-urlencoded" {
            Payload::Form(ty())
        } else if essence.starts_with("multipart/") {
            Payload::Multipart(ty())
        } else {
            Payload::Bytes
        }
    }

    /// The JSON type, for a JSON payload.
    pub fn json(&self) -> Option<&Ty> {
        match self {
            Payload::Json(ty) => Some(ty),
            _ => None,
        }
    }

    /// The schema's type, for payloads that have one.
    pub fn ty(&self) -> Option<&Ty> {
        match self {
            Payload::Json(ty) | Payload::Form(ty) | Payload::Multipart(ty) => Some(ty),
            Payload::Empty | Payload::Text | Payload::Bytes => None,
        }
    }

    /// [`Payload::ty`], to change.
    pub fn ty_mut(&mut self) -> Option<&mut Ty> {
        match self {
            Payload::Json(ty) | Payload::Form(ty) | Payload::Multipart(ty) => Some(ty),
            Payload::Empty | Payload::Text | Payload::Bytes => None,
        }
    }
}

/// Whether a media type's essence (lower case, no parameters) is JSON.
pub fn is_json(essence: &str) -> bool {
    essence == "application/json" || essence.ends_with("+json")
}

/// The credentials an operation needs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Security {
    /// Alternatives, each the schemes that must all be given; empty: none needed.
    pub alternatives: Vec<Vec<SchemeId>>,
    /// Whether the operation may also be called without credentials (`{}` is listed).
    pub optional: bool,
}

impl Security {
    /// Whether a request without credentials must be refused.
    pub fn required(&self) -> bool {
        !self.optional && !self.alternatives.is_empty()
    }
}

/// The names of everything generated for one operation, each claimed in its module.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OperationNames {
    /// The client method and server trait method (snake_case).
    pub method: String,
    /// The server's reply enum.
    pub reply: String,
    /// The client's success enum (used when success responses differ in type).
    pub success: String,
    /// The client's error enum.
    pub error: String,
    /// The function in `validate` that checks the parameters, when any has a constraint.
    pub parameter_check: Option<String>,
}

/// Claims the per-operation type names in the client and server modules, after every
/// operation is known, and records which parameter checks exist.
pub(super) fn complete(api: &mut Api, reserved: &Reserved) {
    let trivial = trivial_types(api);
    let mut client = Scope::new();
    reserved.client_types.iter().for_each(|name| {
        client.claim(name);
    });
    let mut server = Scope::new();
    reserved.server_types.iter().for_each(|name| {
        server.claim(name);
    });
    let mut kinds = Vec::new();
    for op in &api.operations {
        kinds.push(
            op.params
                .iter()
                .map(|p| scalar_kinds(api, &p.ty))
                .collect::<Vec<_>>(),
        );
    }
    let checks: Vec<Vec<bool>> = api
        .operations
        .iter()
        .map(|op| {
            op.params
                .iter()
                .map(|p| !ty_is_trivial(api, &p.ty, &trivial))
                .collect()
        })
        .collect();
    for ((op, kinds), checked) in api.operations.iter_mut().zip(kinds).zip(checks) {
        for ((param, (kind, array)), &checked) in op.params.iter_mut().zip(kinds).zip(&checked) {
            param.encoding.kind = kind;
            param.encoding.array = array;
            param.checked = checked;
        }
        let checked = checked.contains(&true);
        let prefix = op.type_prefix.clone();
        op.names.reply = server.claim(&format!("{prefix}Reply"));
        for response in op.responses.iter_mut().filter(|r| !r.headers.is_empty()) {
            response.headers_type =
                Some(server.claim(&format!("{prefix}{}Headers", response.name)));
        }
        op.names.success = client.claim(&format!("{prefix}Success"));
        op.names.error = client.claim(&format!("{prefix}Error"));
        op.names.parameter_check = checked.then(|| format!("{}_parameters", op.names.method));
    }
}

/// The kind of a parameter's values, and whether it is an array.
fn scalar_kinds(api: &Api, ty: &Ty) -> (ScalarKind, bool) {
    let scalar = |ty: &Ty| match &ty.kind {
        TyKind::String(_) => ScalarKind::String,
        TyKind::Integer(_) => ScalarKind::Integer,
        TyKind::Number(_) => ScalarKind::Number,
        TyKind::Bool => ScalarKind::Boolean,
        TyKind::Named(id) => match &api.types[*id].kind {
            TypeKind::Enum(_) => ScalarKind::String,
            TypeKind::Alias(inner) if matches!(inner.kind, TyKind::String(_)) => ScalarKind::String,
            _ => ScalarKind::Any,
        },
        _ => ScalarKind::Any,
    };
    match &ty.kind {
        TyKind::Array(item) => (scalar(item), true),
        _ => (scalar(ty), false),
    }
}

/// Whether `ty` is written with a path through the `types` module.
pub fn names_a_type(ty: &Ty) -> bool {
    match &ty.kind {
        TyKind::Named(_) => true,
        TyKind::Array(inner) | TyKind::Map(inner) => names_a_type(inner),
        _ => false,
    }
}

/// Whether `op`'s request names a type of the `types` module: a parameter, or a JSON body.
pub fn request_names_a_type(op: &super::Operation) -> bool {
    op.params.iter().any(|p| names_a_type(&p.ty))
        || op
            .body
            .as_ref()
            .and_then(|b| b.payload.json())
            .is_some_and(names_a_type)
}

/// Whether `ty` implements `Validate` (named types, and collections of them).
pub fn validates_via_trait(api: &Api, ty: &Ty) -> bool {
    match &ty.kind {
        TyKind::Named(id) => !matches!(api.types[*id].kind, TypeKind::Alias(_)),
        TyKind::Array(inner) | TyKind::Map(inner) => {
            !inner.nullable && validates_via_trait(api, inner)
        }
        _ => false,
    }
}

/// Types whose validation can find nothing: no constraint and no non-trivial type inside.
pub fn trivial_types(api: &Api) -> Vec<bool> {
    let mut trivial = vec![true; api.types.len()];
    loop {
        let mut changed = false;
        for (id, def) in api.types.iter().enumerate() {
            if trivial[id] && !def_is_trivial(api, def, &trivial) {
                trivial[id] = false;
                changed = true;
            }
        }
        if !changed {
            return trivial;
        }
    }
}

fn def_is_trivial(api: &Api, def: &TypeDef, trivial: &[bool]) -> bool {
    match &def.kind {
        TypeKind::Enum(_) => false,
        TypeKind::Struct(s) => {
            s.min_properties.is_none()
                && s.max_properties.is_none()
                && s.fields.iter().all(|f| ty_is_trivial(api, &f.ty, trivial))
                && match &s.additional {
                    Additional::Map(ty) => ty_is_trivial(api, ty, trivial),
                    _ => true,
                }
        }
        TypeKind::Union(u) => u
            .variants
            .iter()
            .all(|v| ty_is_trivial(api, &v.ty, trivial)),
        TypeKind::Alias(ty) | TypeKind::Newtype(ty) => ty_is_trivial(api, ty, trivial),
    }
}

/// Whether checking a value of `ty` can find nothing (`trivial` from [`trivial_types`]).
pub fn ty_is_trivial(api: &Api, ty: &Ty, trivial: &[bool]) -> bool {
    if has_checks(&ty.constraints, &ty.kind) {
        return false;
    }
    match &ty.kind {
        TyKind::Named(id) => match &api.types[*id].kind {
            TypeKind::Alias(inner) => ty_is_trivial(api, inner, trivial),
            _ => trivial[*id],
        },
        TyKind::Array(inner) | TyKind::Map(inner) => ty_is_trivial(api, inner, trivial),
        _ => true,
    }
}

/// Whether the constraints at one place produce any check: only those that apply to the
/// place's type do (Kubernetes puts `uniqueItems` on boolean query parameters).
pub fn has_checks(c: &Constraints, kind: &TyKind) -> bool {
    let checked_format = c
        .format
        .as_deref()
        .is_some_and(|f| super::CHECKED_FORMATS.contains(&f));
    let equality = c.enum_values.is_some() || c.const_value.is_some();
    let string =
        c.min_length.is_some() || c.max_length.is_some() || c.pattern.is_some() || checked_format;
    let number = c.minimum.is_some() || c.maximum.is_some() || c.multiple_of.is_some();
    let array = c.min_items.is_some() || c.max_items.is_some() || c.unique_items;
    let object = c.min_properties.is_some() || c.max_properties.is_some();
    match kind {
        TyKind::Named(_) => false,
        TyKind::String(StringFormat::Plain) => string || equality,
        TyKind::String(_) | TyKind::Bool => equality,
        TyKind::Integer(_) | TyKind::Number(_) => number || equality,
        TyKind::Array(_) => array || equality,
        TyKind::Map(_) => object || equality,
        TyKind::Any => string || number || array || object || equality,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_types_become_payloads() {
        let string = Ty::new(TyKind::String(StringFormat::Plain));
        assert_eq!(
            Payload::of("application/json; charset=utf-8", Some(string.clone())),
            Payload::Json(string.clone())
        );
        assert_eq!(
            Payload::of("application/vnd.github+json", None),
            Payload::Json(Ty::any())
        );
        assert_eq!(
            Payload::of("text/plain", Some(string.clone())),
            Payload::Text
        );
        assert_eq!(
            Payload::of("application/x-www-form-urlencoded", Some(string.clone())),
            Payload::Form(string.clone())
        );
        assert_eq!(
            Payload::of("multipart/form-data", None),
            Payload::Multipart(Ty::any())
        );
        assert_eq!(
            Payload::of("application/octet-stream", None),
            Payload::Bytes
        );
        assert_eq!(
            Payload::of("Application/JSON", None),
            Payload::Json(Ty::any())
        );
    }

    #[test]
    fn styles_parse_and_only_form_and_simple_are_supported() {
        assert_eq!(Style::parse("deepObject"), Some(Style::DeepObject));
        assert_eq!(Style::parse("Form"), None);
        assert!(Style::Form.is_supported() && Style::Simple.is_supported());
        assert!(!Style::PipeDelimited.is_supported());
    }

    #[test]
    fn security_is_required_only_without_an_empty_alternative() {
        let none = Security::default();
        assert!(!none.required());
        let bearer = Security {
            alternatives: vec![vec![0]],
            optional: false,
        };
        assert!(bearer.required());
        let optional = Security {
            optional: true,
            ..bearer
        };
        assert!(!optional.required());
    }
}
