//! Stage 1: read a spec and every local file it references into position-keeping trees,
//! check that every `$ref` lands, and rewrite each `$ref` to a canonical form so later
//! stages can resolve references without knowing which file they came from.

mod json;
pub mod node;
mod yaml;

use std::collections::{HashMap, VecDeque};
use std::path::{Component, Path, PathBuf};

use crate::diag::{self, Diagnostic, Diagnostics, Pos, Severity, SourceFile, codes};
pub use node::{Entry, Node, Value};

/// Index of a loaded file in [`Spec::files`]; the root spec is 0.
pub type FileId = usize;

/// One loaded file.
#[derive(Debug)]
pub struct LoadedFile {
    /// Path and text, for diagnostics.
    pub source: SourceFile,
    /// The parsed tree.
    pub root: Node,
}

/// The OpenAPI major.minor line a document declares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpenApiVersion {
    /// 3.0.x: `nullable`, boolean `exclusiveMinimum`, `$ref` siblings ignored.
    V3_0,
    /// 3.1.x: JSON Schema 2020-12, type arrays, numeric `exclusiveMinimum`.
    V3_1,
}

/// A spec with all the files it references.
#[derive(Debug)]
pub struct Spec {
    /// Every file, the root first.
    pub files: Vec<LoadedFile>,
    /// The declared version of the root document.
    pub version: OpenApiVersion,
    /// The exact `openapi` string.
    pub version_text: String,
}

/// A place in a spec: which file and which JSON pointer.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Loc {
    /// The file.
    pub file: FileId,
    /// The pointer within it.
    pub pointer: String,
}

impl Loc {
    /// The location of a child of this node.
    pub fn child(&self, segment: &str) -> Loc {
        Loc {
            file: self.file,
            pointer: node::child_pointer(&self.pointer, segment),
        }
    }
}

/// Keys under which `$ref` is data, not a reference.
const DATA_KEYWORDS: &[&str] = &["example", "examples", "enum", "const", "default"];

impl Spec {
    /// The root document.
    pub fn root(&self) -> &Node {
        &self.files[0].root
    }

    /// Resolves a canonical reference (as rewritten by the loader) to its location and node.
    pub fn resolve(&self, reference: &str) -> Option<(Loc, &Node)> {
        let (file, pointer) = reference.split_once('#')?;
        let file: FileId = file.parse().ok()?;
        let segments = node::split_pointer(pointer)?;
        let target = self.files.get(file)?.root.walk(&segments)?;
        Some((
            Loc {
                file,
                pointer: pointer.to_owned(),
            },
            target,
        ))
    }

    /// Builds a diagnostic about the node at `loc`.
    pub fn diagnostic(
        &self,
        severity: Severity,
        code: &'static str,
        loc: &Loc,
        pos: Pos,
        message: impl Into<String>,
    ) -> Diagnostic {
        let source = &self.files[loc.file].source;
        Diagnostic {
            severity,
            code,
            message: message.into(),
            file: source.path.clone(),
            pos,
            pointer: loc.pointer.clone(),
            source_line: source.line(pos.line),
            help: None,
        }
    }

    /// The paths of every file read, the root first (for `cargo:rerun-if-changed`).
    pub fn paths(&self) -> Vec<&Path> {
        self.files.iter().map(|f| f.source.path.as_path()).collect()
    }
}

/// Reads the spec at `path` and every local file its `$ref`s reach.
pub fn load(path: &Path, diags: &mut Diagnostics) -> Option<Spec> {
    let mut loader = Loader::default();
    loader.queue.push_back(path.to_path_buf());
    while let Some(next) = loader.queue.pop_front() {
        loader.load_file(&next, diags);
    }
    if loader.files.len() != loader.keys.len() || loader.files.is_empty() {
        return None;
    }
    let version = check_version(&loader.files[0], diags)?;
    loader.rewrite_refs(diags);
    Some(Spec {
        files: loader.files,
        version: version.0,
        version_text: version.1,
    })
}

/// Parses one document: strict JSON by the fast JSON reader, anything else (YAML, or JSON
/// with a comment or a trailing comma) by the YAML reader.
fn read_document(text: &str) -> Result<Node, yaml::ReadError> {
    if text.trim_start().starts_with(['{', '[']) {
        match json::read(text) {
            Ok(root) => return Ok(root),
            Err(json::Failure::Refused(e)) => return Err(e),
            Err(json::Failure::NotJson) => {}
        }
    }
    yaml::read(text)
}

#[derive(Default)]
struct Loader {
    files: Vec<LoadedFile>,
    /// Identity of each file (canonical path) -> its id; also holds files that failed.
    keys: HashMap<PathBuf, FileId>,
    queue: VecDeque<PathBuf>,
}

impl Loader {
    fn load_file(&mut self, path: &Path, diags: &mut Diagnostics) {
        let key = identity(path);
        if self.keys.contains_key(&key) {
            return;
        }
        self.keys.insert(key, self.files.len());
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) => {
                diags.push(diag::file_error(
                    path,
                    codes::IO,
                    format!("cannot read {}: {e}", path.display()),
                ));
                return;
            }
        };
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let offset = e.utf8_error().valid_up_to();
                let prefix = &e.as_bytes()[..offset];
                let line = prefix.iter().filter(|&&b| b == b'\n').count() + 1;
                let col = prefix.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
                let mut d = diag::file_error(
                    path,
                    codes::NOT_UTF8,
                    format!("the file is not valid UTF-8 (invalid byte at offset {offset})"),
                );
                d.pos = Pos { line, col };
                diags.push(d);
                return;
            }
        };
        let text = text
            .strip_prefix('\u{feff}')
            .map(str::to_owned)
            .unwrap_or(text);
        let source = SourceFile::new(path.to_path_buf(), text);
        match read_document(&source.text) {
            Ok(root) => {
                let id = self.files.len();
                self.files.push(LoadedFile { source, root });
                self.queue_referenced(id);
            }
            Err(e) => {
                diags.push(Diagnostic {
                    severity: Severity::Error,
                    code: e.code,
                    message: e.message,
                    file: source.path.clone(),
                    pos: e.pos,
                    pointer: e.pointer,
                    source_line: source.line(e.pos.line),
                    help: None,
                });
            }
        }
    }

    /// Queues every local file referenced from file `id`.
    fn queue_referenced(&mut self, id: FileId) {
        let base = self.files[id].source.path.clone();
        let mut refs = Vec::new();
        visit_refs(
            &self.files[id].root,
            &mut String::new(),
            false,
            &mut |_, r, _| {
                refs.push(r.to_owned());
            },
        );
        for reference in refs {
            let (file_part, _) = reference
                .split_once('#')
                .unwrap_or((reference.as_str(), ""));
            if file_part.is_empty() || is_remote(file_part) {
                continue;
            }
            let target = relative_to(&base, &percent_decode(file_part));
            // A missing file is reported where the `$ref` stands, by `canonical`.
            if target.is_file() && !self.keys.contains_key(&identity(&target)) {
                self.queue.push_back(target);
            }
        }
    }

    /// Replaces every `$ref` with `"<file id>#<pointer>"` after checking it lands.
    fn rewrite_refs(&mut self, diags: &mut Diagnostics) {
        // Specs repeat references (every operation names the same error schema): each
        // distinct one is resolved once per file.
        let mut known: HashMap<String, String> = HashMap::new();
        for id in 0..self.files.len() {
            known.clear();
            let mut outcomes: Vec<Result<String, Box<Diagnostic>>> = Vec::new();
            visit_refs(
                &self.files[id].root,
                &mut String::new(),
                false,
                &mut |pointer, reference, pos| {
                    // A failure is reported where each `$ref` stands, so it is made again.
                    let outcome = match known.get(reference) {
                        Some(canonical) => Ok(canonical.clone()),
                        None => self.canonical(id, reference, pointer, pos),
                    };
                    if let Ok(canonical) = &outcome {
                        known.insert(reference.to_owned(), canonical.clone());
                    }
                    outcomes.push(outcome);
                },
            );
            let mut outcomes = outcomes.into_iter();
            visit_refs_mut(&mut self.files[id].root, false, &mut |slot| {
                match outcomes.next() {
                    Some(Ok(canonical)) => slot.value = Value::String(canonical),
                    // The `$ref` stays as written and resolves to nothing: lowering reads
                    // such a schema as any JSON value and skips such an operation.
                    Some(Err(d)) if diags.is_lenient() => diags.push((*d).into_lenient_warning(
                        "a schema there is read as any JSON value; a parameter, response or path there skips its operation",
                    )),
                    Some(Err(d)) => diags.push(*d),
                    None => {}
                }
            });
        }
    }

    fn canonical(
        &self,
        id: FileId,
        reference: &str,
        pointer: &str,
        pos: Pos,
    ) -> Result<String, Box<Diagnostic>> {
        let source = &self.files[id].source;
        let fail = |code: &'static str, message: String, help: Option<&str>| {
            Box::new(Diagnostic {
                severity: Severity::Error,
                code,
                message,
                file: source.path.clone(),
                pos,
                pointer: pointer.to_owned(),
                source_line: source.line(pos.line),
                help: help.map(str::to_owned),
            })
        };
        let (file_part, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        if is_remote(file_part) {
            return Err(fail(
                codes::REMOTE_REF,
                format!(
                    "`$ref: {reference}` points at a remote document; apigen reads local files only"
                ),
                Some("download the document next to the spec and refer to it by relative path"),
            ));
        }
        let target_id = if file_part.is_empty() {
            id
        } else {
            let target = relative_to(&source.path, &percent_decode(file_part));
            match self.keys.get(&identity(&target)) {
                Some(&t) if t < self.files.len() => t,
                _ => {
                    return Err(fail(
                        codes::DANGLING_REF,
                        format!(
                            "`$ref: {reference}` names a file that cannot be read: {}",
                            target.display()
                        ),
                        None,
                    ));
                }
            }
        };
        let fragment = percent_decode(fragment);
        let Some(segments) = node::split_pointer(&fragment) else {
            return Err(fail(
                codes::UNSUPPORTED,
                format!(
                    "`$ref: {reference}` uses a plain-name fragment; only JSON pointers (`#/...`) are supported"
                ),
                None,
            ));
        };
        if self.files[target_id].root.walk(&segments).is_none() {
            return Err(fail(
                codes::DANGLING_REF,
                format!("`$ref: {reference}` points at nothing"),
                Some("check the spelling of every segment of the pointer"),
            ));
        }
        Ok(format!("{target_id}#{fragment}"))
    }
}

fn is_remote(file_part: &str) -> bool {
    file_part.contains("://")
}

fn identity(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| normalize(path))
}

/// `target` resolved against the directory of `base`, lexically normalised.
fn relative_to(base: &Path, target: &str) -> PathBuf {
    let dir = base.parent().unwrap_or_else(|| Path::new(""));
    normalize(&dir.join(target))
}

fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = |b: u8| char::from(b).to_digit(16);
            if let (Some(high), Some(low)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((high * 16 + low) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

/// Keys whose value is a map from names the spec chooses (property names, status codes,
/// component names...) to objects. Inside such a map a key like `default` or `example` is a
/// name, not a keyword whose value is data.
const NAMED_MAPS: &[&str] = &[
    "properties",
    "patternProperties",
    "$defs",
    "definitions",
    "dependentSchemas",
    "components",
    "schemas",
    "responses",
    "parameters",
    "requestBodies",
    "headers",
    "securitySchemes",
    "links",
    "callbacks",
    "paths",
    "pathItems",
    "webhooks",
    "content",
    "encoding",
    "variables",
];

/// How the `$ref` walk treats one entry of a mapping.
enum Step {
    /// A `$ref` whose value is a reference.
    Reference,
    /// Data (`example`, `enum`...), where `$ref` is not a reference.
    Skip,
    /// A node to walk; `true` when its keys are names, not keywords.
    Descend(bool),
}

fn step(entry: &Entry, keys_are_names: bool) -> Step {
    let key = entry.key.as_str();
    if keys_are_names {
        return Step::Descend(false);
    }
    if key == "$ref" && entry.value.as_str().is_some() {
        return Step::Reference;
    }
    // `examples` is a named map of Example Objects beside a media type, but data (an
    // array) in a schema.
    let named = NAMED_MAPS.contains(&key) || key == "examples" && entry.value.as_map().is_some();
    if !named && DATA_KEYWORDS.contains(&key) {
        return Step::Skip;
    }
    Step::Descend(named)
}

/// Calls `found` with (pointer of the `$ref` value, its text, its position) for every
/// `$ref` in the tree, in document order. `pointer` is the node's own and is restored.
fn visit_refs(
    node: &Node,
    pointer: &mut String,
    keys_are_names: bool,
    found: &mut impl FnMut(&str, &str, Pos),
) {
    let len = pointer.len();
    match &node.value {
        Value::Map(entries) => {
            for entry in entries {
                pointer.push('/');
                pointer.push_str(&node::escape_segment(&entry.key));
                match step(entry, keys_are_names) {
                    Step::Reference => {
                        let text = entry.value.as_str().unwrap_or_default();
                        found(pointer, text, entry.value.pos);
                    }
                    Step::Skip => {}
                    Step::Descend(named) => visit_refs(&entry.value, pointer, named, found),
                }
                pointer.truncate(len);
            }
        }
        Value::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                pointer.push('/');
                pointer.push_str(&i.to_string());
                visit_refs(item, pointer, false, found);
                pointer.truncate(len);
            }
        }
        _ => {}
    }
}

/// Calls `found` with the value of every `$ref` that [`visit_refs`] finds, in the same
/// order, to rewrite it.
fn visit_refs_mut(node: &mut Node, keys_are_names: bool, found: &mut impl FnMut(&mut Node)) {
    match &mut node.value {
        Value::Map(entries) => {
            for entry in entries {
                match step(entry, keys_are_names) {
                    Step::Reference => found(&mut entry.value),
                    Step::Skip => {}
                    Step::Descend(named) => visit_refs_mut(&mut entry.value, named, found),
                }
            }
        }
        Value::Seq(items) => {
            for item in items {
                visit_refs_mut(item, false, found);
            }
        }
        _ => {}
    }
}

fn check_version(file: &LoadedFile, diags: &mut Diagnostics) -> Option<(OpenApiVersion, String)> {
    let root = &file.root;
    let fail = |diags: &mut Diagnostics, pos: Pos, pointer: &str, message: String, help: &str| {
        diags.push(Diagnostic {
            severity: Severity::Error,
            code: codes::NOT_OPENAPI,
            message,
            file: file.source.path.clone(),
            pos,
            pointer: pointer.to_owned(),
            source_line: file.source.line(pos.line),
            help: Some(help.to_owned()),
        });
    };
    if root.as_map().is_none() {
        fail(
            diags,
            root.pos,
            "",
            format!(
                "the document is {}, not an OpenAPI object",
                root.kind_name()
            ),
            "an OpenAPI document is a mapping with an `openapi: 3.x.y` key",
        );
        return None;
    }
    if root.get("swagger").is_some() {
        fail(
            diags,
            root.pos,
            "/swagger",
            "this is a Swagger 2.0 document; apigen reads OpenAPI 3.0 and 3.1".into(),
            "convert it to OpenAPI 3 first (for example with swagger2openapi)",
        );
        return None;
    }
    let Some(entry) = root.entry("openapi") else {
        fail(
            diags,
            root.pos,
            "",
            "the document has no `openapi` version key".into(),
            "add `openapi: 3.1.0` (or 3.0.x) at the top",
        );
        return None;
    };
    let text = match &entry.value.value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        _ => String::new(),
    };
    let version = if text.starts_with("3.0") {
        OpenApiVersion::V3_0
    } else if text.starts_with("3.1") {
        OpenApiVersion::V3_1
    } else {
        fail(
            diags,
            entry.value.pos,
            "/openapi",
            format!("unsupported OpenAPI version `{text}`"),
            "apigen reads OpenAPI 3.0.x and 3.1.x",
        );
        return None;
    };
    Some((version, text))
}
