//! Stage 3: Rust source from the IR. Every emitter reads the [`Api`] only; code is built as
//! `quote` tokens and formatted by prettyplease in one place ([`format_rust`]).

mod client;
mod docs;
mod example;
mod features;
mod literal;
mod runtime;
mod rust;
mod server;
mod types;
mod validate;

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use crate::diag::{Diagnostic, Pos, Severity, codes};
use crate::ir::{Api, Operation};
use crate::timing;
use rust::Needs;

/// The names the emitted modules use for their own items, which operations must not take.
pub const RESERVED: crate::ir::Reserved = crate::ir::Reserved {
    client_methods: client::METHODS,
    client_types: client::TYPES,
    server_types: server::TYPES,
};

const MOCK_SERVER: &str = include_str!("../../../templates/crate/examples/mock_server.rs");
const CARGO_TOML: &str = include_str!("../../../templates/crate/Cargo.toml");
const README: &str = include_str!("../../../templates/crate/README.md");

/// A generated crate: relative path -> contents, in a stable order.
pub type Files = BTreeMap<String, String>;

/// Which modules [`emit_module`] writes besides `runtime`, `types` and `validate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ModuleOptions {
    /// The `client` module.
    pub client: bool,
    /// The `server` module.
    pub server: bool,
    /// The `mock` module (`mock::Mock`), with the server.
    pub mock: bool,
}

/// The formatted modules of one crate, before they are laid out as files or inline.
struct Modules {
    types: String,
    validate: String,
    client: Option<String>,
    server: Option<String>,
    mock: Option<String>,
    runtime: Vec<&'static runtime::Piece>,
    needs: Needs,
}

/// Types per formatting job: a large spec's types are split so both cores share them.
const TYPES_PER_JOB: usize = 800;
/// Server handlers per formatting job, for the same reason.
const HANDLERS_PER_JOB: usize = 400;
/// Reply enums per formatting job: with their `IntoResponse` impls they are most of the
/// server module, and one job holding all their tokens and syntax tree at once was the
/// peak of a large spec's memory.
const REPLIES_PER_JOB: usize = 400;
/// Client methods per formatting job (and per `impl Client` block), and outcome enums.
const METHODS_PER_JOB: usize = 400;

/// What the validate module's job learnt besides its text.
#[derive(Clone, Copy, Default)]
struct ValidateUses {
    regex: bool,
    fancy_regex: bool,
    check: bool,
    formats: bool,
}

impl Modules {
    fn build(api: &Api, client: bool, server: bool, mock: bool) -> Result<Self, Box<Diagnostic>> {
        // Each file (the types, in parts) is built and formatted by a job of its own: on a
        // large spec that is most of the time, and each job needs only the finished API.
        // Tokens cannot cross threads, so a job makes its own. The larger files go first,
        // so that the last job to finish is a small one.
        let count = api.operations.len();
        let chunks = |size: usize| {
            (0..count.div_ceil(size)).map(move |part| {
                let start = part * size;
                start..(start + size).min(count)
            })
        };
        let mut server_parts = Vec::new();
        if server {
            server_parts.push(server::Part::Head);
            server_parts.extend(chunks(REPLIES_PER_JOB).map(server::Part::Replies));
            server_parts.push(server::Part::Router);
            server_parts.extend(chunks(HANDLERS_PER_JOB).map(server::Part::Handlers));
            server_parts.push(server::Part::Tail);
        }
        let mut client_parts = Vec::new();
        if client {
            client_parts.push(client::Part::Head);
            if !api.operations.is_empty() {
                client_parts.extend(chunks(METHODS_PER_JOB).map(client::Part::Methods));
                client_parts.extend(chunks(METHODS_PER_JOB).map(client::Part::Enums));
            }
        }
        let validate_uses = std::sync::OnceLock::new();
        let mut jobs: Vec<Job<'_>> = Vec::new();
        for part in &server_parts {
            jobs.push(Box::new(move || {
                emit_file(&format!("src/server.rs ({part:?})"), || {
                    server::module(api, part)
                })
            }));
        }
        for part in &client_parts {
            jobs.push(Box::new(move || {
                emit_file(&format!("src/client.rs ({part:?})"), || {
                    client::module(api, part)
                })
            }));
        }
        let type_parts = api.types.len().div_ceil(TYPES_PER_JOB).max(1);
        for part in 0..type_parts {
            let start = part * TYPES_PER_JOB;
            let end = (start + TYPES_PER_JOB).min(api.types.len());
            jobs.push(Box::new(move || {
                let what = format!("src/types.rs (part {})", part + 1);
                emit_file(&what, || types::module(api, start..end))
            }));
        }
        jobs.push(Box::new(|| {
            let validation = timing::stage("build src/validate.rs", || validate::module(api));
            let _ = validate_uses.set(ValidateUses {
                regex: validation.needs_regex,
                fancy_regex: validation.needs_fancy_regex,
                check: validation.uses_check,
                formats: validation.uses_formats,
            });
            timing::stage("format src/validate.rs", || {
                unparse(validation.tokens, "src/validate.rs")
            })
        }));
        if server && mock {
            jobs.push(Box::new(|| {
                emit_file("src/mock.rs", || server::mock::module(api))
            }));
        }
        let mut texts = run_jobs(jobs).into_iter();
        let mut next = || texts.next().unwrap_or_else(|| Ok(String::new()));
        let mut server_text = server.then(String::new);
        for _ in &server_parts {
            let text = next()?;
            if let Some(server_text) = &mut server_text {
                server_text.push_str(&text);
            }
        }
        let mut client_text = client.then(String::new);
        for _ in &client_parts {
            let text = next()?;
            if let Some(client_text) = &mut client_text {
                client_text.push_str(&text);
            }
        }
        let mut types_text = String::new();
        for _ in 0..type_parts {
            types_text.push_str(&next()?);
        }
        let validate_text = next()?;
        let mock_text = (server && mock).then(&mut next).transpose()?;
        let uses = validate_uses.get().copied().unwrap_or_default();
        let mut needs = Needs::of(api);
        needs.regex = uses.regex;
        needs.fancy_regex = uses.fancy_regex;
        let pieces = runtime::pieces(api, uses.check, uses.formats, &needs, client, server);
        let spaced = |text: &str| features::explain_allowance(&space_items(text));
        Ok(Self {
            types: spaced(&types_text),
            validate: format!("{}\n{}", validate::HEADER, spaced(&validate_text)),
            client: client_text.map(|text| format!("{}\n{}", client::HEADER, spaced(&text))),
            server: server_text.map(|text| format!("{}\n{}", server::HEADER, spaced(&text))),
            mock: mock_text.map(|text| spaced(&text)),
            runtime: pieces,
            needs,
        })
    }
}

/// The modules of a crate as one file of inline modules, for a build script to write into
/// `OUT_DIR` and a crate to `include!`.
pub fn emit_module(api: &Api, options: ModuleOptions) -> Result<String, Box<Diagnostic>> {
    let modules = Modules::build(api, options.client, options.server, options.mock)?;
    let mut out = format!(
        "// @generated by apigen from `{}`. Do not edit by hand.\n\n{}mod runtime {{\n{}",
        api.spec_file,
        runtime::attributes(),
        runtime::MOD_DOCS
    );
    for piece in &modules.runtime {
        out.push_str(&format!("\npub mod {} {{\n{}}}\n", piece.name, piece.text));
    }
    out.push_str("}\n\n");
    for (module, item) in runtime::root_exports(&modules.runtime, &modules.needs) {
        out.push_str(&format!("pub use runtime::{module}::{item};\n"));
    }
    out.push_str(&format!("\npub mod types {{\n{}}}\n", modules.types));
    out.push_str(&format!("\npub mod validate {{\n{}}}\n", modules.validate));
    if let Some(client) = &modules.client {
        out.push_str(&format!("\npub mod client {{\n{client}}}\n"));
    }
    if let Some(server) = &modules.server {
        out.push_str(&format!("\npub mod server {{\n{server}}}\n"));
    }
    if let Some(mock) = &modules.mock {
        out.push_str(&format!("\npub mod mock {{\n{mock}}}\n"));
    }
    Ok(out)
}

/// Every file of the crate for `api`, named `crate_name`.
pub fn emit_crate(api: &Api, crate_name: &str) -> Result<Files, Box<Diagnostic>> {
    let modules = Modules::build(api, true, true, true)?;
    let header = format!(
        "// @generated by apigen from `{}`. Do not edit by hand: run `apigen generate`.\n",
        api.spec_file
    );
    let mut files = Files::new();
    files.insert(
        "Cargo.toml".into(),
        cargo_toml(api, crate_name, modules.needs),
    );
    files.insert("README.md".into(), readme(api, crate_name));
    files.insert(
        "rustfmt.toml".into(),
        format!(
            "# @generated by apigen from `{}`.\n# apigen formats this crate itself (prettyplease); rustfmt is kept off so the files\n# stay byte-identical to what `apigen check` expects.\ndisable_all_formatting = true\n",
            api.spec_file
        ),
    );
    files.insert(
        "src/runtime/mod.rs".into(),
        format!("{header}{}", runtime::mod_rs(&modules.runtime)),
    );
    for piece in &modules.runtime {
        files.insert(
            format!("src/runtime/{}.rs", piece.name),
            format!("{header}{}", piece.text),
        );
    }
    files.insert(
        "src/validate.rs".into(),
        format!("{header}{}", modules.validate),
    );
    if let Some(client) = &modules.client {
        files.insert("src/client.rs".into(), format!("{header}{client}"));
    }
    if let Some(server) = &modules.server {
        files.insert("src/server.rs".into(), format!("{header}{server}"));
    }
    if let Some(mock) = &modules.mock {
        files.insert("src/mock.rs".into(), format!("{header}{mock}"));
    }
    files.insert("src/types.rs".into(), format!("{header}{}", modules.types));
    let mock_server = fill(MOCK_SERVER, &[("crate", &crate_name.replace('-', "_"))]);
    files.insert(
        "examples/mock_server.rs".into(),
        format!("{header}{mock_server}"),
    );
    files.insert(
        "src/lib.rs".into(),
        format!(
            "{header}{}",
            format_rust(
                lib_rs(
                    api,
                    crate_name,
                    &runtime::root_exports(&modules.runtime, &modules.needs)
                ),
                "src/lib.rs"
            )?
        ),
    );
    Ok(files)
}

/// Stack for an emitting thread: formatting recurses as deep as the types nest.
const EMIT_STACK: usize = 64 * 1024 * 1024;

/// One file's text (or part of a file), unspaced (see [`space_items`]).
type Job<'a> = Box<dyn FnOnce() -> Result<String, Box<Diagnostic>> + Send + 'a>;

/// Runs the jobs on as many threads as there are cores, each taking the next job when it
/// is done, and gives their results in order. With no thread to be had, they run here.
fn run_jobs(jobs: Vec<Job<'_>>) -> Vec<Result<String, Box<Diagnostic>>> {
    let count = jobs.len();
    let queue = std::sync::Mutex::new(jobs.into_iter().enumerate());
    let results = std::sync::Mutex::new((0..count).map(|_| None).collect::<Vec<_>>());
    let work = || {
        loop {
            // A poisoned lock means another worker panicked; its panic is re-raised below.
            let Some((index, job)) = queue.lock().ok().and_then(|mut q| q.next()) else {
                break;
            };
            let made = job();
            if let Ok(mut results) = results.lock() {
                results[index] = Some(made);
            }
        }
    };
    let workers = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(count);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .filter_map(|_| {
                std::thread::Builder::new()
                    .name("apigen-emit".into())
                    .stack_size(EMIT_STACK)
                    .spawn_scoped(scope, work)
                    .ok()
            })
            .collect();
        if handles.is_empty() {
            work();
        }
        for handle in handles {
            if let Err(panic) = handle.join() {
                std::panic::resume_unwind(panic);
            }
        }
    });
    results
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .map(|made| made.unwrap_or_else(|| Ok(String::new())))
        .collect()
}

/// Builds one file's tokens and formats them (unspaced), timing both stages.
fn emit_file(what: &str, build: impl FnOnce() -> TokenStream) -> Result<String, Box<Diagnostic>> {
    let tokens = timing::stage(&format!("build {what}"), build);
    timing::stage(&format!("format {what}"), || unparse(tokens, what))
}

/// Formats a token stream as a Rust file.
pub fn format_rust(tokens: TokenStream, what: &str) -> Result<String, Box<Diagnostic>> {
    unparse(tokens, what).map(|text| space_items(&text))
}

/// Formats a token stream as Rust items, one after the other as prettyplease writes them.
/// A failure is a bug in apigen, reported (in a debug build, with the tokens) so it can be
/// fixed. A release build does not keep a copy of the tokens for that: copying them is a
/// tenth of the time formatting takes.
fn unparse(tokens: TokenStream, what: &str) -> Result<String, Box<Diagnostic>> {
    let kept = cfg!(debug_assertions).then(|| tokens.clone());
    match syn::parse2::<syn::File>(tokens) {
        Ok(file) => Ok(prettyplease::unparse(&file)),
        Err(e) => {
            let text = kept.map_or_else(
                || "(a debug build of apigen shows them)".to_owned(),
                |tokens| tokens.to_string(),
            );
            let snippet: String = text.chars().take(2_000).collect();
            Err(Box::new(Diagnostic {
                severity: Severity::Error,
                code: codes::INTERNAL,
                message: format!(
                    "apigen produced Rust that does not parse in {what}: {e}; this is a bug in apigen, please report it with the spec"
                ),
                file: what.into(),
                pos: Pos { line: 1, col: 1 },
                pointer: String::new(),
                source_line: None,
                help: Some(format!("tokens: {snippet}")),
            }))
        }
    }
}

/// prettyplease packs items together; a blank line between items (and after the
/// module docs) reads the way people write Rust.
fn space_items(text: &str) -> String {
    const ITEM_STARTS: &[&str] = &[
        "#[",
        "///",
        "pub ",
        "fn ",
        "impl",
        "const ",
        "static ",
        "type ",
        "struct ",
        "enum ",
        "mod ",
        "use ",
        "async fn ",
    ];
    let mut out = String::with_capacity(text.len() + text.len() / 20);
    let mut previous: Option<&str> = None;
    // Inside an inner attribute written over several lines (`#![allow(` .. `)]`), and
    // whether the line before closed one.
    let mut in_inner = false;
    let mut closed_inner = false;
    for line in text.lines() {
        let inner_start = !in_inner && line.starts_with("#![") && !line.ends_with(']');
        let inner_end = in_inner && line == ")]";
        if let Some(prev) = previous.filter(|_| !in_inner) {
            let indent = |l: &str| l.len() - l.trim_start().len();
            let trimmed = line.trim_start();
            let module_decl = |l: &str| {
                l.trim_start().starts_with("pub mod ") || l.trim_start().starts_with("mod ")
            };
            // A comment line ending in `}` or `;` (spec text) ends nothing.
            let comment = prev.trim_start().starts_with("//");
            // One-line items (`impl Validate for T {}`) stay packed, unless an attribute
            // opens the next one.
            let one_liner = prev.ends_with(" {}")
                && (trimmed.starts_with("#[") || prev.trim_start().starts_with("pub struct "));
            let ends_item = !comment
                && (prev.trim() == "}" || one_liner || (prev.ends_with(';') && !module_decl(prev)));
            let header = prev.starts_with("//!") || prev.starts_with("#![") || closed_inner;
            let after_header =
                header && !(trimmed.starts_with("//!") || trimmed.starts_with("#!["));
            let starts_item = ITEM_STARTS.iter().any(|s| trimmed.starts_with(s));
            // Imports of one kind (same visibility, same root) stay together, as people
            // group them.
            let same_imports =
                import_group(prev).is_some() && import_group(prev) == import_group(line);
            if !line.is_empty()
                && !same_imports
                && (after_header || (ends_item && starts_item && indent(prev) == indent(line)))
            {
                out.push('\n');
            }
        }
        out.push_str(line);
        out.push('\n');
        previous = Some(line);
        closed_inner = inner_end;
        in_inner = (in_inner || inner_start) && !inner_end;
    }
    out
}

/// For a one-line `use` item: its visibility and where its path starts (`std`, `super`,
/// another crate).
fn import_group(line: &str) -> Option<(bool, &str)> {
    let trimmed = line.trim_start();
    let (public, path) = match trimmed.strip_prefix("pub use ") {
        Some(path) => (true, path),
        None => (false, trimmed.strip_prefix("use ")?),
    };
    if !path.ends_with(';') {
        return None;
    }
    let first = path.split("::").next().unwrap_or_default();
    let root = if matches!(first, "std" | "super" | "crate" | "self") {
        first
    } else {
        "external"
    };
    Some((public, root))
}

fn lib_rs(api: &Api, crate_name: &str, exports: &[(&str, &str)]) -> TokenStream {
    let mut lines = vec![format!("# {}", docs::one_line(&api.title)), String::new()];
    if let Some(description) = &api.description {
        lines.extend(docs::sanitize(description));
        lines.push(String::new());
    }
    let version = if api.version.is_empty() {
        String::new()
    } else {
        format!(", API version `{}`", docs::one_line(&api.version))
    };
    lines.push(format!(
        "Generated by apigen from `{}` (OpenAPI {}{version}).",
        docs::one_line(&api.spec_file),
        docs::one_line(&api.openapi)
    ));
    if let Some(example) = client::doc_example(api, crate_name) {
        lines.push(String::new());
        lines.extend(example);
    }
    if let Some(server) = api.servers.first() {
        lines.push(String::new());
        lines.push(format!(
            "Default server: `{}`",
            docs::one_line(&server.url).replace('`', "'")
        ));
    }
    let exports = exports.iter().map(|(module, item)| {
        let (module, item) = (rust::ident(module), rust::ident(item));
        quote!(pub use runtime::#module::#item;)
    });
    let doc_attrs = lines.iter().map(|line| {
        let text = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote!(#![doc = #text])
    });
    quote! {
        #(#doc_attrs)*

        mod runtime;
        pub mod types;
        pub mod validate;

        #(#exports)*

        #[cfg(feature = "client")]
        pub mod client;
        #[cfg(feature = "server")]
        pub mod server;
        #[cfg(feature = "server")]
        pub mod mock;
    }
}

fn cargo_toml(api: &Api, crate_name: &str, needs: Needs) -> String {
    let mut deps = vec![
        r#"serde = { version = "1", features = ["derive"] }"#.to_owned(),
        r#"serde_json = "1""#.to_owned(),
    ];
    if needs.chrono {
        deps.push(r#"chrono = { version = "0.4", default-features = false, features = ["serde", "std"] }"#.to_owned());
    }
    if needs.regex {
        deps.push(r#"regex = "1""#.to_owned());
    }
    if needs.fancy_regex {
        deps.push(r#"fancy-regex = "0.20""#.to_owned());
    }
    if needs.uuid {
        deps.push(r#"uuid = { version = "1", features = ["serde"] }"#.to_owned());
    }
    deps.sort();
    let description = format!(
        "Rust bindings for {}, generated by apigen",
        docs::one_line(&api.title)
    );
    // A JSON string is also a valid TOML basic string.
    let description = serde_json::Value::String(description).to_string();
    let mut default = vec!["client", "server", "rustls"];
    let mut tag_features = String::new();
    if let Some(features) = &api.features {
        default.push(crate::ir::features::ALL);
        let names: Vec<String> = features
            .groups
            .iter()
            .map(|g| format!("\"{}\"", g.name))
            .collect();
        tag_features.push_str(&format!(
            "# The operations, one feature per tag (all on by default). An operation compiles\n# under its tag's feature; a type when an enabled feature's operations use it, or it\n# is one of the schemas no operation uses.\n{} = [{}]\n",
            crate::ir::features::ALL,
            names.join(", ")
        ));
        for group in &features.groups {
            let tags: Vec<String> = group
                .sources
                .iter()
                .map(|s| format!("`{}`", docs::one_line(s)))
                .collect();
            let count = group.operations;
            if group.sources.is_empty() {
                tag_features.push_str(&format!(
                    "# The schemas no operation uses.\n{} = []\n",
                    group.name
                ));
                continue;
            }
            tag_features.push_str(&format!(
                "# {}: {count} operation{}.\n{} = []\n",
                tags.join(", "),
                if count == 1 { "" } else { "s" },
                group.name
            ));
        }
    }
    let default: Vec<String> = default.iter().map(|f| format!("\"{f}\"")).collect();
    fill(
        CARGO_TOML,
        &[
            ("spec_file", &api.spec_file),
            ("name", crate_name),
            ("description", &description),
            ("dependencies", &deps.join("\n")),
            ("default_features", &default.join(", ")),
            ("tag_features", &tag_features),
        ],
    )
}

fn readme(api: &Api, crate_name: &str) -> String {
    let operations = if api.operations.is_empty() {
        "The API description declares no operations.".to_owned()
    } else {
        let mut table = vec![
            "| operation | method | path |".to_owned(),
            "|---|---|---|".to_owned(),
        ];
        table.extend(api.operations.iter().map(operation_row));
        table.join("\n")
    };
    let one_line = docs::one_line;
    fill(
        README,
        &[
            ("spec_file", &api.spec_file),
            ("name", crate_name),
            ("title", &one_line(&api.title)),
            ("version", &one_line(&api.version)),
            ("openapi", &one_line(&api.openapi)),
            ("type_count", &api.types.len().to_string()),
            ("operations", &operations),
        ],
    )
}

fn operation_row(op: &Operation) -> String {
    let cell = |s: &str| s.replace('|', "\\|").replace(['\n', '\r'], " ");
    format!(
        "| `{}` | {} | `{}` |",
        op.fn_name,
        op.method,
        cell(&op.path)
    )
}

/// Replaces each `{{key}}` hole of a template.
fn fill(template: &str, holes: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (key, value) in holes {
        out = out.replace(&format!("{{{{{key}}}}}"), value);
    }
    out
}
