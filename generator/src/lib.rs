//! apigen turns OpenAPI 3.0 / 3.1 documents into Rust crates: serde models, validation, an
//! async client and axum server stubs.
//!
//! The pipeline is visible in the modules: [`load`] reads and resolves the spec, [`ir`]
//! lowers it to one version-independent model, `emit` writes Rust from that model, and
//! [`write`] puts files on disk or compares them with what is there.
//!
//! ```no_run
//! let generated = apigen::generate(std::path::Path::new("specs/anchorbrowser.yaml"), None)?;
//! apigen::write::write_crate(std::path::Path::new("generated/anchorbrowser"), &generated.files)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![deny(missing_docs)]

#[cfg(test)]
mod corpus_files;
pub mod diag;
mod emit;
pub mod ir;
pub mod load;
mod timing;
pub mod write;

use std::fmt;
use std::path::{Path, PathBuf};

pub use diag::Diagnostic;
pub use emit::{Files, ModuleOptions};
pub use ir::select::Selection;

/// A generated crate.
#[derive(Debug)]
pub struct Generated {
    /// Relative path -> contents.
    pub files: Files,
    /// Warnings found on the way (errors stop generation).
    pub warnings: Vec<Diagnostic>,
    /// Every file read: the spec and the files its `$ref`s reach.
    pub inputs: Vec<PathBuf>,
}

/// Generation stopped: the spec has errors.
#[derive(Debug)]
pub struct Failed {
    /// Every error and warning found, in order.
    pub diagnostics: Vec<Diagnostic>,
}

impl fmt::Display for Failed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.diagnostics {
            writeln!(f, "{d}")?;
        }
        let errors = self.diagnostics.iter().filter(|d| d.is_error()).count();
        write!(
            f,
            "{errors} error{} in the spec",
            if errors == 1 { "" } else { "s" }
        )
    }
}

impl std::error::Error for Failed {}

/// What to do with an error that is confined to one schema or one operation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Strictness {
    /// Stop: the spec has an error (exit code 2).
    #[default]
    Strict,
    /// Go on (`--lenient`): such a schema becomes any JSON value (`serde_json::Value`),
    /// such an operation is left out, and each error is reported as a `W0003` warning that
    /// says so. Errors that leave no document to read (syntax, not OpenAPI) still stop.
    Lenient,
}

/// Loads `spec`, lowers it and emits a crate named `crate_name` (default: from the file
/// name, see [`crate_name_for`]).
pub fn generate(spec: &Path, crate_name: Option<&str>) -> Result<Generated, Failed> {
    generate_with(spec, crate_name, Strictness::Strict)
}

/// [`generate`], choosing what an error confined to one schema or operation does.
pub fn generate_with(
    spec: &Path,
    crate_name: Option<&str>,
    strictness: Strictness,
) -> Result<Generated, Failed> {
    generate_selected(spec, crate_name, strictness, &Selection::default())
}

/// [`generate_with`], for only the operations `selection` names (by tag or
/// `operationId`) and the types they reach.
pub fn generate_selected(
    spec: &Path,
    crate_name: Option<&str>,
    strictness: Strictness,
    selection: &Selection,
) -> Result<Generated, Failed> {
    let name = crate_name.map_or_else(|| crate_name_for(spec), str::to_owned);
    let (files, warnings, inputs) =
        run_pipeline(spec, strictness, selection, Features::PerTag, |api| {
            emit::emit_crate(api, &name)
        })?;
    Ok(Generated {
        files,
        warnings,
        inputs,
    })
}

/// Loads `spec` and emits its `runtime`, `types` and `validate` modules as one Rust file of
/// inline modules, ready to `include!`. [`Builder`] chooses more modules.
pub fn generate_module(spec: &Path) -> Result<(String, Vec<Diagnostic>), Failed> {
    let generated = Builder::new(spec).client(false).server(false).generate()?;
    Ok((generated.code, generated.warnings))
}

/// A spec written by `apigen new PROVIDER`: a commented OpenAPI 3.1 webhook API to adapt.
pub fn new_provider_spec(provider: &str) -> String {
    let title: String = provider
        .split(['-', '_'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ");
    include_str!("../../templates/new-provider.yaml")
        .replace("{{provider}}", provider)
        .replace("{{title}}", &title)
}

/// Generates code from a spec inside a build script, as one module file in `OUT_DIR`:
///
/// ```no_run
/// // build.rs, in `fn main()`:
/// apigen::Builder::new("specs/mynd.yaml").server(false).write_to_out_dir("mynd.rs");
/// // src/lib.rs: pub mod mynd { include!(concat!(env!("OUT_DIR"), "/mynd.rs")); }
/// ```
///
/// The module holds `runtime`, `types` and `validate`, plus `client` and `server` (with the
/// mock) unless switched off. The including crate needs the dependencies a generated crate
/// lists: serde (derive), serde_json, and as used regex, fancy-regex, uuid and chrono;
/// reqwest and tokio for the client; axum for the server.
#[derive(Debug, Clone)]
pub struct Builder {
    spec: PathBuf,
    options: ModuleOptions,
    strictness: Strictness,
    verbose: bool,
    selection: Selection,
}

/// What [`Builder::generate`] made.
#[derive(Debug)]
pub struct GeneratedModule {
    /// The Rust source.
    pub code: String,
    /// Warnings found on the way.
    pub warnings: Vec<Diagnostic>,
    /// Every file read: the spec and the files its `$ref`s reach.
    pub inputs: Vec<PathBuf>,
}

impl Builder {
    /// A builder for `spec`, emitting every module.
    pub fn new(spec: impl Into<PathBuf>) -> Self {
        Self {
            spec: spec.into(),
            options: ModuleOptions {
                client: true,
                server: true,
                mock: true,
            },
            strictness: Strictness::Strict,
            verbose: false,
            selection: Selection::default(),
        }
    }

    /// Generates only the operations with any of these tags (and those named by
    /// [`Builder::operations`]), and only the types they reach. Default: every operation.
    pub fn tags<S: Into<String>>(mut self, tags: impl IntoIterator<Item = S>) -> Self {
        self.selection.tags = tags.into_iter().map(Into::into).collect();
        self
    }

    /// Generates only the operations with these `operationId`s (and those of
    /// [`Builder::tags`]), and only the types they reach. Default: every operation.
    pub fn operations<S: Into<String>>(mut self, ids: impl IntoIterator<Item = S>) -> Self {
        self.selection.operations = ids.into_iter().map(Into::into).collect();
        self
    }

    /// Whether an error confined to one schema or operation degrades that schema to
    /// `serde_json::Value` or skips that operation, with a warning, instead of failing the
    /// build (default: no). See [`Strictness::Lenient`].
    pub fn lenient(mut self, on: bool) -> Self {
        self.strictness = if on {
            Strictness::Lenient
        } else {
            Strictness::Strict
        };
        self
    }

    /// Whether [`Builder::write_to_out_dir`] prints every warning in full rather than one
    /// `cargo:warning` line per kind of warning (default: grouped).
    pub fn verbose(mut self, on: bool) -> Self {
        self.verbose = on;
        self
    }

    /// Whether to emit the `client` module (default: yes).
    pub fn client(mut self, on: bool) -> Self {
        self.options.client = on;
        self
    }

    /// Whether to emit the `server` module (default: yes).
    pub fn server(mut self, on: bool) -> Self {
        self.options.server = on;
        self
    }

    /// Whether to emit the `mock` module, `mock::Mock` (default: yes; only with the server).
    pub fn mock(mut self, on: bool) -> Self {
        self.options.mock = on;
        self
    }

    /// Generates the module's source.
    pub fn generate(&self) -> Result<GeneratedModule, Failed> {
        // The module goes into the user's crate, whose features are its own.
        let (code, warnings, inputs) = run_pipeline(
            &self.spec,
            self.strictness,
            &self.selection,
            Features::None,
            |api| emit::emit_module(api, self.options),
        )?;
        Ok(GeneratedModule {
            code,
            warnings,
            inputs,
        })
    }

    /// For build scripts: writes the module to `$OUT_DIR/<file_name>` and prints
    /// `cargo:rerun-if-changed` for the spec and every file it references. When the spec
    /// has errors it prints the diagnostics, as the CLI does, and fails the build.
    pub fn write_to_out_dir(&self, file_name: &str) -> PathBuf {
        let fail = |message: String| -> ! {
            eprintln!("{message}");
            std::process::exit(1);
        };
        println!("cargo:rerun-if-changed={}", self.spec.display());
        let generated = self
            .generate()
            .unwrap_or_else(|failure| fail(failure.to_string()));
        for input in generated.inputs.iter().skip(1) {
            println!("cargo:rerun-if-changed={}", input.display());
        }
        let lines: Vec<String> = if self.verbose {
            generated.warnings.iter().map(ToString::to_string).collect()
        } else {
            diag::grouped(&generated.warnings)
        };
        for line in lines
            .iter()
            .flat_map(|l| l.lines())
            .filter(|l| !l.trim().is_empty())
        {
            println!("cargo:warning={line}");
        }
        let Some(out_dir) = std::env::var_os("OUT_DIR") else {
            fail("error: OUT_DIR is not set; call this from a build script".into())
        };
        let path = PathBuf::from(out_dir).join(file_name);
        if let Err(e) = std::fs::write(&path, generated.code) {
            fail(format!("error: cannot write {}: {e}", path.display()));
        }
        path
    }
}

/// Stack for the pipeline's recursive passes: documents may nest 512 levels (the reader's
/// limit), which needs more than the 2 MiB a test thread or an async worker has. Only the
/// pages used are ever committed.
const PIPELINE_STACK: usize = 256 * 1024 * 1024;

/// Runs `work` on a thread with [`PIPELINE_STACK`], so deep documents cannot overflow the
/// caller's stack (falls back to the current thread if no thread can be started).
fn with_deep_stack<T: Send>(work: impl FnOnce() -> T + Send) -> T {
    let mut work = Some(work);
    let outcome = std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new()
            .name("apigen".into())
            .stack_size(PIPELINE_STACK)
            .spawn_scoped(scope, || (work.take().expect("taken once"))());
        spawned.ok().map(|handle| handle.join())
    });
    match outcome {
        Some(Ok(value)) => value,
        Some(Err(panic)) => std::panic::resume_unwind(panic),
        None => (work.take().expect("not taken when the spawn failed"))(),
    }
}

/// Whether the output gets one Cargo feature per tag.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Features {
    /// A crate of its own, with its `Cargo.toml`.
    PerTag,
    /// A module for another crate.
    None,
}

/// The whole pipeline on a deep stack: load and lower `spec`, then `emit`. Gives what
/// `emit` made, the warnings and the files read; or every diagnostic, an internal emit
/// error included.
fn run_pipeline<T: Send>(
    spec: &Path,
    strictness: Strictness,
    selection: &Selection,
    features: Features,
    emit: impl FnOnce(&ir::Api) -> Result<T, Box<Diagnostic>> + Send,
) -> Result<(T, Vec<Diagnostic>, Vec<PathBuf>), Failed> {
    with_deep_stack(|| {
        let (mut api, inputs, mut diags) = lower(spec, strictness)?;
        if let Err(message) = ir::select::select(&mut api, selection) {
            diags.push(diag::file_error(
                spec,
                diag::codes::UNKNOWN_SELECTION,
                message,
            ));
            return Err(Failed {
                diagnostics: diags.into_vec(),
            });
        }
        if features == Features::PerTag {
            if let Some(message) = ir::features::assign(&mut api) {
                let mut warning = diag::file_error(spec, diag::codes::DEGRADED, message);
                warning.severity = diag::Severity::Warning;
                diags.push(warning);
            }
        }
        match emit(&api) {
            Ok(made) => Ok((made, diags.into_vec(), inputs)),
            Err(internal) => {
                diags.push(*internal);
                Err(Failed {
                    diagnostics: diags.into_vec(),
                })
            }
        }
    })
}

/// The load and IR stages: the API, the files read, and the warnings so far.
fn lower(
    spec: &Path,
    strictness: Strictness,
) -> Result<(ir::Api, Vec<PathBuf>, diag::Diagnostics), Failed> {
    let mut diags = match strictness {
        Strictness::Strict => diag::Diagnostics::default(),
        Strictness::Lenient => diag::Diagnostics::lenient(),
    };
    let loaded = timing::stage("load", || load::load(spec, &mut diags));
    let Some(loaded) = loaded.filter(|_| !diags.has_errors()) else {
        return Err(Failed {
            diagnostics: diags.into_vec(),
        });
    };
    let api = timing::stage("ir", || ir::build(&loaded, &mut diags, &emit::RESERVED));
    if diags.has_errors() {
        return Err(Failed {
            diagnostics: diags.into_vec(),
        });
    }
    let inputs = loaded.paths().into_iter().map(Path::to_path_buf).collect();
    Ok((api, inputs, diags))
}

/// The crate name for a spec file: its stem in snake_case (`anchorbrowser.yaml` ->
/// `anchorbrowser`, `My API.json` -> `my_api`).
pub fn crate_name_for(spec: &Path) -> String {
    let stem = spec
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = ir::names::field_ident(&stem);
    let name = name.trim_end_matches('_');
    // A keyword cannot be a crate name (`use self;` is impossible).
    if ir::names::is_keyword(name) {
        format!("{name}_api")
    } else {
        name.to_owned()
    }
}

/// Checks a crate name given by the user: what Cargo accepts as a package name.
pub fn check_crate_name(name: &str) -> Result<(), String> {
    let valid_start = name.starts_with(|c: char| c.is_ascii_alphabetic());
    let valid_chars = name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if ir::names::is_keyword(&name.replace('-', "_")) {
        return Err(format!(
            "`{name}` is a Rust keyword, so it cannot name a crate"
        ));
    }
    if name.is_empty() || !valid_start || !valid_chars {
        return Err(format!(
            "`{name}` is not a valid crate name: use ASCII letters, digits, `_` and `-`, starting with a letter"
        ));
    }
    Ok(())
}
