//! The `apigen` command line.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use apigen::write::{self, Drift};

/// Writes to standard output; a closed pipe (`apigen check | head`) is not an error worth
/// a panic, so write failures are ignored.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

/// Generate Rust crates (serde models, validation, an async client, axum server stubs and
/// a mock server) from OpenAPI 3.0 and 3.1 documents.
#[derive(Debug, Parser)]
#[command(
    name = "apigen",
    version,
    about,
    after_help = "Examples:\n  apigen new acme                 write specs/acme.yaml to start from\n  apigen generate                 every specs/*.yaml -> generated/<stem>/\n  apigen check                    fail with a diff when generated/ is stale\n  apigen check --format json      the same, as a JSON report\n\nExit codes: 0 success, 1 drift found by `check`, 2 invalid spec or usage."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Generate crates: every `specs/*.{yaml,yml,json}` into `generated/<stem>/`, or one
    /// SPEC into DIR.
    #[command(
        after_help = "Examples:\n  apigen generate\n  apigen generate specs/acme.yaml -o out/acme --name acme_api\n  apigen generate github.json -o out/github --tags repos,issues"
    )]
    Generate(Target),
    /// Regenerate in memory and compare with the files on disk: exit 0 when identical, 1
    /// with a unified diff per changed file (and the missing and stale files) when not.
    #[command(
        after_help = "Examples:\n  apigen check\n  apigen check specs/acme.yaml -o out/acme\n  apigen check --format json > drift.json"
    )]
    Check {
        #[command(flatten)]
        target: Target,
        /// How to report: `text` (unified diffs) or `json` (one report on stdout, for tools).
        /// Example: `--format json`.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Write `specs/PROVIDER.yaml` from the new-provider template: a commented OpenAPI 3.1
    /// webhook API (create, list, get, update, delete, rotate secret) to adapt. Refuses to
    /// overwrite an existing spec.
    #[command(
        after_help = "Example:\n  apigen new acme && apigen generate && cargo run -p acme --example mock_server"
    )]
    New {
        /// The provider's name, which also names the spec and the crate. Example: `acme`.
        provider: String,
        /// The folder the spec goes in. Example: `--specs api-specs`.
        #[arg(long, value_name = "DIR", default_value = "specs")]
        specs: PathBuf,
    },
}

#[derive(Debug, clap::Args)]
struct Target {
    /// One spec to work on (default: every spec in `specs/`). Example: `specs/acme.yaml`.
    spec: Option<PathBuf>,
    /// Where that spec's crate goes (required with SPEC). Example: `-o out/acme`.
    #[arg(short = 'o', long = "out", value_name = "DIR", requires = "spec")]
    out: Option<PathBuf>,
    /// The crate's package name (default: the spec's file stem). Example: `--name acme_api`.
    #[arg(long, value_name = "N", requires = "spec")]
    name: Option<String>,
    /// Go on past an error confined to one schema or operation (a dangling `$ref`, an
    /// `allOf` no value satisfies, a malformed keyword): that schema becomes
    /// `serde_json::Value`, that operation is left out, and a W0003 warning says so.
    #[arg(long)]
    lenient: bool,
    /// Print every warning in full, not one line per kind of warning.
    #[arg(long, short = 'v')]
    verbose: bool,
    /// Generate only the operations with any of these tags (comma-separated), and only
    /// the types they reach. Example: `--tags repos,issues`.
    #[arg(long, value_name = "TAGS", value_delimiter = ',', requires = "spec")]
    tags: Vec<String>,
    /// Generate only the operations with these `operationId`s (comma-separated; with
    /// `--tags`, those too), and only the types they reach. Example: `--operations repos/get`.
    #[arg(long, value_name = "IDS", value_delimiter = ',', requires = "spec")]
    operations: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Unified diffs, for people.
    Text,
    /// One JSON document, for tools.
    Json,
}

/// How to run the jobs.
#[derive(Clone, Copy)]
struct Settings {
    strictness: apigen::Strictness,
    verbose: bool,
}

/// One unit of work: a spec and where its crate lives.
struct Job {
    spec: PathBuf,
    out: PathBuf,
    name: Option<String>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // The library runs its recursive passes on a deep stack of its own; a panic would still
    // be a bug, reported as one rather than as a bare abort.
    std::panic::catch_unwind(move || run(cli)).unwrap_or_else(|_| {
        eprintln!(
            "error: apigen stopped unexpectedly; this is a bug, please report it with the spec"
        );
        ExitCode::from(2)
    })
}

fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Generate(target) => generate_or_check(target, None),
        Command::Check { target, format } => generate_or_check(target, Some(format)),
        Command::New { provider, specs } => new(&provider, &specs),
    }
}

fn new(provider: &str, specs: &Path) -> ExitCode {
    if let Err(message) = apigen::check_crate_name(provider) {
        eprintln!("error: {message}");
        return ExitCode::from(2);
    }
    let path = specs.join(format!("{provider}.yaml"));
    let written = std::fs::create_dir_all(specs).and_then(|()| {
        // `create_new` makes "never overwrite" hold even against a concurrent writer.
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)?;
        std::io::Write::write_all(&mut file, apigen::new_provider_spec(provider).as_bytes())
    });
    match written {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            eprintln!(
                "error: {} exists already; apigen new never overwrites a spec",
                path.display()
            );
            return ExitCode::from(2);
        }
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", path.display());
            return ExitCode::from(2);
        }
    }
    say!("wrote {}", path.display());
    say!(
        "next: adapt it to the provider's docs, then `apigen generate` and `cargo run -p {provider} --example mock_server`"
    );
    ExitCode::SUCCESS
}

fn generate_or_check(target: Target, checking: Option<Format>) -> ExitCode {
    let selection = apigen::Selection {
        tags: target.tags.clone(),
        operations: target.operations.clone(),
    };
    let settings = Settings {
        strictness: if target.lenient {
            apigen::Strictness::Lenient
        } else {
            apigen::Strictness::Strict
        },
        verbose: target.verbose,
    };
    let jobs = match jobs(target) {
        Ok(jobs) => jobs,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    let mut failed = false;
    let mut drifted = false;
    let mut report = Vec::new();
    for job in &jobs {
        let generated = apigen::generate_selected(
            &job.spec,
            job.name.as_deref(),
            settings.strictness,
            &selection,
        );
        match generated {
            Err(failure) => {
                eprintln!("{failure}");
                if !lenient(settings) && lenient_would_help(&failure) {
                    eprintln!(
                        "help: `--lenient` reads a schema with an error as any JSON value and leaves out an operation with one"
                    );
                }
                failed = true;
                report.push(serde_json::json!({
                    "spec": job.spec.display().to_string(),
                    "dir": job.out.display().to_string(),
                    "status": "invalid spec",
                    "diagnostics": failure.diagnostics.iter().map(ToString::to_string).collect::<Vec<_>>(),
                }));
            }
            Ok(generated) => {
                if settings.verbose {
                    for warning in &generated.warnings {
                        eprintln!("{warning}");
                    }
                } else {
                    for line in apigen::diag::grouped(&generated.warnings) {
                        eprintln!("{line}");
                    }
                }
                let outcome = match checking {
                    Some(format) => write::compare_crate(&job.out, &generated.files).map(|drift| {
                        drifted |= !drift.is_empty();
                        match format {
                            Format::Text => print_drift(job, &drift),
                            Format::Json => report.push(drift_json(job, &drift)),
                        }
                    }),
                    None => emit(job, &generated.files),
                };
                if let Err(e) = outcome {
                    eprintln!("error: {}: {e}", job.out.display());
                    failed = true;
                }
            }
        }
    }
    if checking == Some(Format::Json) {
        let ok = !failed && !drifted;
        say!("{}", serde_json::json!({"ok": ok, "crates": report}));
    }
    if failed {
        ExitCode::from(2)
    } else if drifted {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn lenient(settings: Settings) -> bool {
    settings.strictness == apigen::Strictness::Lenient
}

/// Whether every error is of a kind `--lenient` works around (not a file that does not
/// parse or is not OpenAPI).
fn lenient_would_help(failure: &apigen::Failed) -> bool {
    use apigen::diag::codes;
    let fixable = [
        codes::WRONG_TYPE,
        codes::MISSING,
        codes::INVALID_VALUE,
        codes::DANGLING_REF,
        codes::CYCLIC_REF,
        codes::REMOTE_REF,
        codes::ALLOF_CONFLICT,
        codes::DUPLICATE_OPERATION_ID,
        codes::UNSUPPORTED,
    ];
    let mut errors = failure
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .peekable();
    errors.peek().is_some() && errors.all(|d| fixable.contains(&d.code))
}

fn jobs(target: Target) -> Result<Vec<Job>, String> {
    if let Some(spec) = target.spec {
        let Some(out) = target.out else {
            return Err("a SPEC needs `-o DIR`: where should the crate go?".into());
        };
        if let Some(name) = &target.name {
            apigen::check_crate_name(name)?;
        }
        return Ok(vec![Job {
            spec,
            out,
            name: target.name,
        }]);
    }
    let specs_dir = Path::new("specs");
    let entries = std::fs::read_dir(specs_dir).map_err(|e| {
        format!("cannot read `specs/` ({e}); run apigen from the project root or name a SPEC")
    })?;
    let mut specs: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.extension()
                .is_some_and(|ext| ext == "yaml" || ext == "yml" || ext == "json")
        })
        .collect();
    specs.sort();
    if specs.is_empty() {
        return Err("`specs/` holds no .yaml, .yml or .json file".into());
    }
    let jobs: Vec<Job> = specs
        .into_iter()
        .map(|spec| {
            let out = Path::new("generated").join(apigen::crate_name_for(&spec));
            Job {
                spec,
                out,
                name: None,
            }
        })
        .collect();
    for (i, job) in jobs.iter().enumerate() {
        if let Some(other) = jobs[..i].iter().find(|j| j.out == job.out) {
            return Err(format!(
                "{} and {} would both generate {}; rename one",
                other.spec.display(),
                job.spec.display(),
                job.out.display()
            ));
        }
    }
    Ok(jobs)
}

fn emit(job: &Job, files: &apigen::Files) -> std::io::Result<()> {
    let report = write::write_crate(&job.out, files)?;
    say!(
        "{}: {} files, {} written, {} removed",
        job.out.display(),
        files.len(),
        report.written.len(),
        report.removed.len()
    );
    Ok(())
}

fn print_drift(job: &Job, drift: &[Drift]) {
    for item in drift {
        match item {
            Drift::Changed { diff, .. } => say!("{}", diff.trim_end_matches('\n')),
            Drift::Missing { path } => say!("missing: {} (run `apigen generate`)", path.display()),
            Drift::Stale { path } => say!(
                "stale: {} is generated but no longer produced",
                path.display()
            ),
        }
    }
    if drift.is_empty() {
        say!("{}: up to date", job.out.display());
    } else {
        eprintln!(
            "{}: {} file(s) differ from the spec; run `apigen generate`",
            job.out.display(),
            drift.len()
        );
    }
}

fn drift_json(job: &Job, drift: &[Drift]) -> serde_json::Value {
    let files: Vec<serde_json::Value> = drift
        .iter()
        .map(|item| match item {
            Drift::Changed { path, diff } => serde_json::json!({"kind": "changed", "path": path.display().to_string(), "diff": diff}),
            Drift::Missing { path } => serde_json::json!({"kind": "missing", "path": path.display().to_string()}),
            Drift::Stale { path } => serde_json::json!({"kind": "stale", "path": path.display().to_string()}),
        })
        .collect();
    serde_json::json!({
        "spec": job.spec.display().to_string(),
        "dir": job.out.display().to_string(),
        "status": if drift.is_empty() { "up to date" } else { "drift" },
        "files": files,
    })
}
