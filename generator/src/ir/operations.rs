//! Paths, operations, parameters, bodies, responses, servers and security schemes.

use std::collections::HashMap;

use super::names::{self, Scope};
use super::plan::{Encoding, OperationNames, Payload, Reserved, ScalarKind, Security, Style};
use super::schema::{Hint, Lowerer};
use super::{
    Docs, Header, Operation, Param, ParamLocation, RequestBody, Response, SchemeKind,
    SecurityScheme, Server, Status, Ty, TyKind,
};
use crate::diag::{Severity, codes};
use crate::load::{Loc, Node, Spec};

const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// `servers` of the root document, variables replaced by their defaults.
pub(super) fn servers(spec: &Spec) -> Vec<Server> {
    let Some(list) = spec.root().get("servers").and_then(Node::as_seq) else {
        return Vec::new();
    };
    list.iter()
        .filter_map(|server| {
            let mut url = server.get("url")?.as_str()?.to_owned();
            for var in server
                .get("variables")
                .and_then(Node::as_map)
                .unwrap_or_default()
            {
                if let Some(default) = var.value.get("default").and_then(Node::as_str) {
                    url = url.replace(&format!("{{{}}}", var.key), default);
                }
            }
            Some(Server {
                url,
                description: server
                    .get("description")
                    .and_then(Node::as_str)
                    .map(str::to_owned),
            })
        })
        .collect()
}

/// The top-level tag objects with an `x-apigen-feature`: (tag name, feature). A value
/// that is not a string is ignored with a warning.
pub(super) fn tag_features(lw: &mut Lowerer<'_>) -> Vec<(String, String)> {
    let spec = lw.spec;
    let Some(tags) = spec.root().get("tags").and_then(Node::as_seq) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, tag) in tags.iter().enumerate() {
        let Some(name) = tag.get("name").and_then(Node::as_str) else {
            continue;
        };
        let loc = Loc {
            file: 0,
            pointer: format!("/tags/{i}"),
        };
        if let Some(feature) = feature_extension(lw, tag, &loc) {
            out.push((name.to_owned(), feature));
        }
    }
    out
}

/// `x-apigen-feature` of a tag object or an operation, when it is a non-empty string.
fn feature_extension(lw: &mut Lowerer<'_>, node: &Node, loc: &Loc) -> Option<String> {
    const KEY: &str = "x-apigen-feature";
    let value = node.get(KEY)?;
    match value.as_str() {
        Some(feature) if !feature.trim().is_empty() => Some(feature.to_owned()),
        _ => {
            lw.warn_at(
                node,
                loc,
                KEY,
                codes::IGNORED,
                format!("`{KEY}` must be a non-empty string (a Cargo feature name); it is ignored"),
            );
            None
        }
    }
}

/// `components/securitySchemes`.
pub(super) fn security_schemes(lw: &mut Lowerer<'_>) -> Vec<SecurityScheme> {
    let spec = lw.spec;
    let Some(schemes) = spec
        .root()
        .get("components")
        .and_then(|c| c.get("securitySchemes"))
        .and_then(Node::as_map)
    else {
        return Vec::new();
    };
    let base = Loc {
        file: 0,
        pointer: "/components/securitySchemes".into(),
    };
    let mut idents = Scope::new();
    let mut variants = Scope::new();
    let mut out = Vec::new();
    for entry in schemes {
        let loc = base.child(&entry.key);
        let Some((loc, scheme)) = lw.follow(&entry.value, &loc) else {
            continue;
        };
        let kind_text = scheme.get("type").and_then(Node::as_str).unwrap_or("");
        let location = scheme.get("in").and_then(Node::as_str).unwrap_or("");
        let name = scheme
            .get("name")
            .and_then(Node::as_str)
            .unwrap_or("")
            .to_owned();
        let http = scheme
            .get("scheme")
            .and_then(Node::as_str)
            .unwrap_or("")
            .to_ascii_lowercase();
        let kind = match (kind_text, location, http.as_str()) {
            ("http", _, "bearer") | ("oauth2" | "openIdConnect", _, _) => SchemeKind::Bearer,
            ("http", _, "basic") => SchemeKind::Basic,
            ("apiKey", "header", _) if !name.is_empty() => SchemeKind::ApiKeyHeader(name),
            ("apiKey", "query", _) if !name.is_empty() => SchemeKind::ApiKeyQuery(name),
            ("apiKey", "cookie", _) if !name.is_empty() => SchemeKind::ApiKeyCookie(name),
            _ => {
                lw.warn_at(&scheme, &loc, "type", codes::IGNORED, format!("security scheme `{}` ({kind_text} {location}{http}) is not supported; operations using it get no credentials", entry.key));
                continue;
            }
        };
        let ident = idents.claim(&names::field_ident(&entry.key));
        out.push(SecurityScheme {
            key: entry.key.clone(),
            variant: variants.claim(&names::type_ident(&ident, "Scheme", "Scheme")),
            ident,
            kind,
            description: scheme
                .get("description")
                .and_then(Node::as_str)
                .map(str::to_owned),
        });
    }
    out
}

/// Every operation under `paths`, in spec order.
pub(super) fn operations(
    lw: &mut Lowerer<'_>,
    schemes: &[SecurityScheme],
    reserved: &Reserved,
) -> Vec<Operation> {
    let spec = lw.spec;
    let root = spec.root();
    let global_security = security_requirements(root.get("security"));
    let Some(paths) = root.get("paths") else {
        return Vec::new();
    };
    let Some(entries) = paths.as_map() else {
        lw.error_at(
            root,
            &Loc {
                file: 0,
                pointer: String::new(),
            },
            "paths",
            codes::WRONG_TYPE,
            "`paths` must be an object",
        );
        return Vec::new();
    };
    let mut ids: HashMap<String, Loc> = HashMap::new();
    let mut fn_names = Scope::new();
    // The client's own methods share the namespace of the operation methods.
    for method in reserved.client_methods {
        fn_names.claim(method);
    }
    for scheme in schemes {
        fn_names.claim(&format!("with_{}", scheme.ident));
    }
    let mut out = Vec::new();
    for entry in entries {
        // The Paths object may carry extensions beside its paths.
        if entry.key.starts_with("x-") {
            continue;
        }
        let path_loc = Loc {
            file: 0,
            pointer: "/paths".into(),
        }
        .child(&entry.key);
        let mark = lw.error_mark();
        let Some((path_loc, item)) = lw.follow(&entry.value, &path_loc) else {
            let instead = format!("the path `{}` is skipped", entry.key);
            lw.settle_errors(mark, &instead);
            continue;
        };
        let shared_params = item.get("parameters").cloned();
        for method in METHODS {
            let Some(op) = item.get(method) else { continue };
            let op_loc = path_loc.child(method);
            let cx = OpContext {
                path: &entry.key,
                method,
                shared_params: shared_params.as_ref(),
                path_loc: &path_loc,
                global_security: &global_security,
                schemes,
            };
            let mark = lw.error_mark();
            let operation = operation(lw, op, &op_loc, &cx, &mut ids, &mut fn_names);
            // Lenient: an operation with an error of its own is left out, the rest stays.
            let instead = format!(
                "the operation `{} {}` is skipped",
                method.to_ascii_uppercase(),
                entry.key
            );
            if lw.settle_errors(mark, &instead) {
                continue;
            }
            if let Some(operation) = operation {
                out.push(operation);
            }
        }
    }
    out
}

struct OpContext<'a> {
    path: &'a str,
    method: &'a str,
    shared_params: Option<&'a Node>,
    path_loc: &'a Loc,
    global_security: &'a [Vec<String>],
    schemes: &'a [SecurityScheme],
}

fn operation(
    lw: &mut Lowerer<'_>,
    op: &Node,
    loc: &Loc,
    cx: &OpContext<'_>,
    ids: &mut HashMap<String, Loc>,
    fn_names: &mut Scope,
) -> Option<Operation> {
    if op.as_map().is_none() {
        lw.error_at(
            op,
            loc,
            "",
            codes::WRONG_TYPE,
            "an operation must be an object",
        );
        return None;
    }
    if let Some(id) = op.get("operationId").filter(|id| id.as_str().is_none()) {
        let message = format!("`operationId` must be a string, found {}", id.kind_name());
        lw.error_at(op, loc, "operationId", codes::WRONG_TYPE, message);
    }
    let operation_id = match op.get("operationId").and_then(Node::as_str) {
        Some(id) => {
            if let Some(first) = ids.get(id) {
                let message = format!(
                    "operationId `{id}` is already used by the operation at {}",
                    first.pointer
                );
                lw.error_at(
                    op,
                    loc,
                    "operationId",
                    codes::DUPLICATE_OPERATION_ID,
                    message,
                );
            } else {
                ids.insert(id.to_owned(), loc.child("operationId"));
            }
            id.to_owned()
        }
        None => format!("{} {}", cx.method, cx.path),
    };
    let wanted = names::field_ident(&operation_id);
    let fn_name = fn_names.claim(&wanted);
    // Operation ids equal after conversion (`getThing`, `get-thing`) get distinct methods,
    // so their reply and error types follow the method name.
    let type_prefix = if fn_name == wanted {
        names::type_ident(&operation_id, "Operation", "Op")
    } else {
        names::type_ident(&fn_name, "Operation", "Op")
    };
    let text = |key: &str| {
        op.get(key)
            .and_then(Node::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    let params = parameters(lw, op, loc, cx, &type_prefix);
    let body = request_body(lw, op, loc, &type_prefix);
    let mut responses = responses(lw, op, loc, &type_prefix);
    if responses.is_empty() {
        lw.warn_at(
            op,
            loc,
            "responses",
            codes::MISSING,
            "the operation declares no responses; any status is taken as its answer",
        );
        responses.push(Response {
            status: Status::Default,
            name: "Default".to_owned(),
            description: String::new(),
            content_type: None,
            payload: Payload::Empty,
            headers: Vec::new(),
            headers_type: None,
            example: None,
        });
    }
    let requirements = match op.get("security") {
        Some(s) => security_requirements(Some(s)),
        None => cx.global_security.to_vec(),
    };
    let security = resolve_security(lw, op, loc, &requirements, cx.schemes);
    let feature_override = feature_extension(lw, op, loc);
    Some(Operation {
        operation_id,
        names: OperationNames {
            method: fn_name.clone(),
            ..OperationNames::default()
        },
        fn_name,
        type_prefix,
        method: cx.method.to_ascii_uppercase(),
        path: cx.path.to_owned(),
        summary: text("summary"),
        description: text("description"),
        deprecated: op
            .get("deprecated")
            .and_then(Node::as_bool)
            .unwrap_or(false),
        tags: op
            .get("tags")
            .and_then(Node::as_seq)
            .unwrap_or_default()
            .iter()
            .filter_map(|tag| tag.as_str().map(str::to_owned))
            .collect(),
        feature_override,
        feature: None,
        params,
        body,
        responses,
        security,
    })
}

fn security_requirements(node: Option<&Node>) -> Vec<Vec<String>> {
    let Some(list) = node.and_then(Node::as_seq) else {
        return Vec::new();
    };
    // Alternatives that differ only in their scopes (HubSpot lists each scheme once per
    // scope) ask for the same credentials: each is kept once.
    let mut alternatives: Vec<Vec<String>> = Vec::new();
    for requirement in list {
        let schemes: Vec<String> = requirement
            .as_map()
            .unwrap_or_default()
            .iter()
            .map(|e| e.key.clone())
            .collect();
        if !alternatives.contains(&schemes) {
            alternatives.push(schemes);
        }
    }
    alternatives
}

/// The requirements resolved to schemes. An alternative naming a scheme that is not
/// declared cannot be met and is dropped with a warning; one naming a scheme apigen does
/// not support is dropped silently (that scheme already has its own warning).
fn resolve_security(
    lw: &mut Lowerer<'_>,
    op: &Node,
    loc: &Loc,
    requirements: &[Vec<String>],
    schemes: &[SecurityScheme],
) -> Security {
    let declared = lw
        .spec
        .root()
        .get("components")
        .and_then(|c| c.get("securitySchemes"));
    let mut security = Security::default();
    for requirement in requirements {
        if requirement.is_empty() {
            security.optional = true;
            continue;
        }
        let mut ids = Vec::new();
        for key in requirement {
            match schemes.iter().position(|s| &s.key == key) {
                Some(id) => ids.push(id),
                None => {
                    if declared.and_then(|d| d.get(key)).is_none() {
                        let message = format!(
                            "the security requirement names `{key}`, which is not a declared security scheme; that alternative is dropped"
                        );
                        lw.warn_at(op, loc, "security", codes::IGNORED, message);
                    }
                    ids.clear();
                    break;
                }
            }
        }
        if !ids.is_empty() {
            security.alternatives.push(ids);
        }
    }
    security
}

/// Names of the `{placeholders}` in a path template, in order.
fn template_names(path: &str) -> Vec<String> {
    path.split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').map(|(name, _)| name.to_owned()))
        .collect()
}

fn parameters(
    lw: &mut Lowerer<'_>,
    op: &Node,
    loc: &Loc,
    cx: &OpContext<'_>,
    prefix: &str,
) -> Vec<Param> {
    let mut raw: Vec<(Loc, Node)> = Vec::new();
    let lists = [
        (cx.shared_params, cx.path_loc.child("parameters")),
        (op.get("parameters"), loc.child("parameters")),
    ];
    for (list, list_loc) in lists {
        let Some(list) = list else { continue };
        let Some(items) = list.as_seq() else {
            lw.error_at(
                list,
                &list_loc,
                "",
                codes::WRONG_TYPE,
                "`parameters` must be an array",
            );
            continue;
        };
        for (i, item) in items.iter().enumerate() {
            let Some((item_loc, param)) = lw.follow(item, &list_loc.child(&i.to_string())) else {
                continue;
            };
            let key = |n: &Node| {
                (
                    n.get("name").and_then(Node::as_str).map(str::to_owned),
                    n.get("in").and_then(Node::as_str).map(str::to_owned),
                )
            };
            // Operation-level parameters override path-level ones with the same name and place.
            raw.retain(|(_, existing)| key(existing) != key(&param));
            raw.push((item_loc, param));
        }
    }
    let mut idents = Scope::new();
    // Names the generated methods and handlers use for their own locals.
    for reserved in [
        "body",
        "credentials",
        "parts",
        "query",
        "limit",
        "path_values",
        "cookie_values",
        "shared",
        "outcome",
        "raw_path",
        "violations",
        "request",
        "response",
        "out",
    ] {
        idents.claim(reserved);
    }
    let mut params = Vec::new();
    for (param_loc, node) in &raw {
        if let Some(p) = parameter(lw, node, param_loc, prefix, &mut idents) {
            params.push(p);
        }
    }
    let template = template_names(cx.path);
    for name in &template {
        if !params
            .iter()
            .any(|p| p.location == ParamLocation::Path && &p.name == name)
        {
            let path_loc = cx.path_loc.clone();
            lw.warn_at(
                op,
                &path_loc,
                "",
                codes::MISSING,
                format!(
                    "path parameter `{name}` is not declared; it is taken as a required string"
                ),
            );
            params.push(Param {
                name: name.clone(),
                ident: idents.claim(&names::field_ident(name)),
                location: ParamLocation::Path,
                required: true,
                ty: Ty::new(TyKind::String(super::StringFormat::Plain)),
                docs: Docs::default(),
                encoding: default_encoding(ParamLocation::Path),
                checked: false,
            });
        }
    }
    params.retain(|p| {
        p.location != ParamLocation::Path || template.contains(&p.name) || {
            lw.warn_at(
                op,
                loc,
                "parameters",
                codes::IGNORED,
                format!(
                    "path parameter `{}` does not appear in the path `{}`; it is ignored",
                    p.name, cx.path
                ),
            );
            false
        }
    });
    let position = |p: &Param| match p.location {
        ParamLocation::Path => template.iter().position(|t| t == &p.name).unwrap_or(0),
        ParamLocation::Query => 1_000,
        ParamLocation::Header => 2_000,
        ParamLocation::Cookie => 3_000,
    };
    params.sort_by_key(position);
    params
}

fn parameter(
    lw: &mut Lowerer<'_>,
    node: &Node,
    loc: &Loc,
    prefix: &str,
    idents: &mut Scope,
) -> Option<Param> {
    let Some(name) = node.get("name").and_then(Node::as_str) else {
        lw.error_at(
            node,
            loc,
            "name",
            codes::MISSING,
            "a parameter needs a `name`",
        );
        return None;
    };
    let location = match node.get("in").and_then(Node::as_str) {
        Some("path") => ParamLocation::Path,
        Some("query") => ParamLocation::Query,
        Some("header") => ParamLocation::Header,
        Some("cookie") => ParamLocation::Cookie,
        other => {
            let message = format!(
                "parameter `{name}` has `in: {}`; expected path, query, header or cookie",
                other.unwrap_or("(missing)")
            );
            lw.error_at(node, loc, "in", codes::INVALID_VALUE, message);
            return None;
        }
    };
    let hint = Hint::new(format!("{prefix}{}", names::pascal(name)));
    let ty = match (
        node.get("schema"),
        node.get("content").and_then(Node::as_map),
    ) {
        (Some(schema), _) => lw.lower(schema, &loc.child("schema"), &hint),
        (None, Some([first, ..])) => match first.value.get("schema") {
            Some(schema) => lw.lower(
                schema,
                &loc.child("content").child(&first.key).child("schema"),
                &hint,
            ),
            None => Ty::any(),
        },
        _ => Ty::new(TyKind::String(super::StringFormat::Plain)),
    };
    let encoding = encoding(lw, node, loc, name, location);
    Some(Param {
        name: name.to_owned(),
        ident: idents.claim(&names::field_ident(name)),
        location,
        required: location == ParamLocation::Path
            || node
                .get("required")
                .and_then(Node::as_bool)
                .unwrap_or(false),
        ty,
        docs: lw.docs(node),
        encoding,
        // Decided once every type is known (`plan`).
        checked: false,
    })
}

/// The encoding of a parameter with no `style` or `explode`; the kind is set once the
/// types are known ([`super::plan::complete`]).
fn default_encoding(location: ParamLocation) -> Encoding {
    let style = match location {
        ParamLocation::Query | ParamLocation::Cookie => Style::Form,
        ParamLocation::Path | ParamLocation::Header => Style::Simple,
    };
    Encoding {
        style,
        explode: style == Style::Form,
        kind: ScalarKind::String,
        array: false,
    }
}

/// `style` and `explode`, with OpenAPI's defaults. A style the generated code does not
/// write as specified is kept in the plan, with a warning that it is sent as `form` or
/// `simple` would be.
fn encoding(
    lw: &mut Lowerer<'_>,
    node: &Node,
    loc: &Loc,
    name: &str,
    location: ParamLocation,
) -> Encoding {
    let mut encoding = default_encoding(location);
    if let Some(text) = node.get("style").and_then(Node::as_str) {
        match Style::parse(text) {
            Some(style) => {
                encoding.style = style;
                encoding.explode = style == Style::Form;
                if !style.is_supported() {
                    let message = format!(
                        "parameter `{name}` has `style: {text}`, which is not supported; its values are written and read as with `style: form` (items joined by commas unless exploded)"
                    );
                    lw.warn_at(node, loc, "style", codes::DEGRADED, message);
                }
            }
            None => {
                let message = format!(
                    "parameter `{name}` has `style: {text}`, which OpenAPI does not define; the default style is used"
                );
                lw.warn_at(node, loc, "style", codes::IGNORED, message);
            }
        }
    }
    if let Some(explode) = node.get("explode").and_then(Node::as_bool) {
        encoding.explode = explode;
    }
    encoding
}

/// The media type to use from a `content` map: JSON first, then any `+json`, then the first.
fn pick_content(content: &Node) -> Option<(&str, &Node)> {
    let entries = content.as_map()?;
    let json = |k: &str| {
        let essence = k.split(';').next().unwrap_or(k).trim().to_ascii_lowercase();
        essence == "application/json" || essence.ends_with("+json")
    };
    entries
        .iter()
        .find(|e| json(&e.key))
        .or_else(|| entries.first())
        .map(|e| (e.key.as_str(), &e.value))
}

fn request_body(lw: &mut Lowerer<'_>, op: &Node, loc: &Loc, prefix: &str) -> Option<RequestBody> {
    let (body_loc, body) = lw.follow(op.get("requestBody")?, &loc.child("requestBody"))?;
    let (content_type, media) = pick_content(body.get("content")?)?;
    let ty = media.get("schema").map(|schema| {
        let schema_loc = body_loc
            .child("content")
            .child(content_type)
            .child("schema");
        lw.lower(schema, &schema_loc, &Hint::new(format!("{prefix}Request")))
    });
    Some(RequestBody {
        content_type: content_type.to_owned(),
        payload: Payload::of(content_type, ty),
        required: body
            .get("required")
            .and_then(Node::as_bool)
            .unwrap_or(false),
        docs: lw.docs(&body),
        example: lw.media_example(media),
    })
}

impl Lowerer<'_> {
    /// A media type's `example`, or the `value` of the first of its `examples` (an Example
    /// object, or a `$ref` to one in `components/examples`). An example that cannot be
    /// reached is only documentation lost: the mock derives a value instead.
    fn media_example(&self, media: &Node) -> Option<serde_json::Value> {
        if let Some(example) = media.get("example") {
            return Some(example.to_json());
        }
        let mut example = &media.get("examples")?.as_map()?.first()?.value;
        for _ in 0..8 {
            match example.get("$ref").and_then(Node::as_str) {
                Some(reference) => example = self.spec.resolve(reference)?.1,
                None => return example.get("value").map(Node::to_json),
            }
        }
        None
    }
}

fn responses(lw: &mut Lowerer<'_>, op: &Node, loc: &Loc, prefix: &str) -> Vec<Response> {
    let Some(entries) = op.get("responses").and_then(Node::as_map) else {
        if let Some(responses) = op.get("responses") {
            let message = format!(
                "`responses` must be an object, found {}",
                responses.kind_name()
            );
            lw.error_at(op, loc, "responses", codes::WRONG_TYPE, message);
        }
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut primary_named = false;
    let mut response_names = Scope::new();
    for entry in entries {
        let entry_loc = loc.child("responses").child(&entry.key);
        let Some(status) = parse_status(&entry.key) else {
            let at = Node {
                value: crate::load::Value::Null,
                pos: entry.key_pos,
            };
            lw.error_at(&at, &entry_loc, "", codes::INVALID_VALUE, format!("`{}` is not a response status (expected a code such as 200, a range such as 2XX, or default)", entry.key));
            continue;
        };
        let Some((response_loc, response)) = lw.follow(&entry.value, &entry_loc) else {
            continue;
        };
        let name = response_names.claim(&match status {
            Status::Code(code) => names::status_name(code),
            Status::Range(class) => format!("Status{class}xx"),
            Status::Default => "Default".to_owned(),
        });
        let success = matches!(status, Status::Code(200..=299) | Status::Range(2));
        let type_name = if success && !primary_named {
            primary_named = true;
            format!("{prefix}Response")
        } else {
            format!("{prefix}{name}Response")
        };
        let content = response.get("content").and_then(pick_content);
        let ty = content.and_then(|(content_type, media)| {
            let schema_loc = response_loc
                .child("content")
                .child(content_type)
                .child("schema");
            media
                .get("schema")
                .map(|schema| lw.lower(schema, &schema_loc, &Hint::new(type_name.clone())))
        });
        let headers = response_headers(lw, &response, &response_loc, &type_name);
        out.push(Response {
            status,
            name,
            description: response
                .get("description")
                .and_then(Node::as_str)
                .unwrap_or("")
                .trim()
                .to_owned(),
            content_type: content.map(|(c, _)| c.to_owned()),
            payload: content.map_or(Payload::Empty, |(c, _)| Payload::of(c, ty)),
            headers,
            headers_type: None,
            example: content.and_then(|(_, media)| lw.media_example(media)),
        });
    }
    out
}

fn response_headers(
    lw: &mut Lowerer<'_>,
    response: &Node,
    loc: &Loc,
    type_name: &str,
) -> Vec<Header> {
    let mut idents = Scope::new();
    let mut out = Vec::new();
    for entry in response
        .get("headers")
        .and_then(Node::as_map)
        .unwrap_or_default()
    {
        let header_loc = loc.child("headers").child(&entry.key);
        let Some((header_loc, header)) = lw.follow(&entry.value, &header_loc) else {
            continue;
        };
        let hint = Hint::new(format!("{type_name}{}", names::pascal(&entry.key)));
        let ty = match header.get("schema") {
            Some(schema) => lw.lower(schema, &header_loc.child("schema"), &hint),
            None => Ty::new(TyKind::String(super::StringFormat::Plain)),
        };
        out.push(Header {
            name: entry.key.clone(),
            ident: idents.claim(&names::field_ident(&entry.key)),
            ty,
            required: header
                .get("required")
                .and_then(Node::as_bool)
                .unwrap_or(false),
            docs: lw.docs(&header),
        });
    }
    out
}

fn parse_status(key: &str) -> Option<Status> {
    if key == "default" {
        return Some(Status::Default);
    }
    let upper = key.to_ascii_uppercase();
    if let Some(class) = upper.strip_suffix("XX") {
        let class: u8 = class.parse().ok()?;
        return (1..=5).contains(&class).then_some(Status::Range(class));
    }
    let code: u16 = key.parse().ok()?;
    (100..=599).contains(&code).then_some(Status::Code(code))
}

impl Lowerer<'_> {
    /// Follows a `$ref` on a non-schema object (parameter, response, path item...).
    pub(super) fn follow(&mut self, node: &Node, loc: &Loc) -> Option<(Loc, Node)> {
        let mut current = (loc.clone(), node.clone());
        for _ in 0..64 {
            let Some(reference) = current.1.get("$ref").and_then(Node::as_str) else {
                if current.1.as_map().is_none() {
                    self.error_at(
                        &current.1,
                        &current.0,
                        "",
                        codes::WRONG_TYPE,
                        format!("expected an object, found {}", current.1.kind_name()),
                    );
                    return None;
                }
                return Some(current);
            };
            let Some((target_loc, target)) = self.spec.resolve(reference) else {
                // Only a lenient run gets here: the loader reported the dangling `$ref`.
                let message = format!("`$ref: {reference}` points at nothing");
                self.error_at(&current.1, &current.0, "$ref", codes::DANGLING_REF, message);
                return None;
            };
            current = (target_loc, target.clone());
        }
        let d = self.spec.diagnostic(
            Severity::Error,
            codes::CYCLIC_REF,
            loc,
            node.pos,
            "`$ref` chain loops without reaching an object",
        );
        self.push(d);
        None
    }
}
