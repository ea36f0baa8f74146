//! The `apigen` command line.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use apigen::write::{self, Drift};

/// Writes to standard output; a closed pipe (`apigen check | head`) is not an error worth
/// a panic, so write failures are ignored.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

/// Generate Rust crates (serde models, validation, an async client, axum server stubs)
/// from OpenAPI 3.0 and 3.1 documents.
#[derive(Debug, Parser)]
#[command(name = "apigen", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Generate crates: every `specs/*.{yaml,yml,json}` into `generated/<stem>/`, or one SPEC into DIR.
    ///
    /// Examples:
    ///   apigen generate
    ///   apigen generate specs/acme.yaml -o out/acme --name acme_api
    Generate(Target),
    /// Regenerate in memory and compare with the files on disk: exit 0 when identical,
    /// 1 with a unified diff when not.
    ///
    /// Examples:
    ///   apigen check
    ///   apigen check specs/acme.yaml -o out/acme
    Check(Target),
}

#[derive(Debug, clap::Args)]
struct Target {
    /// One spec to generate from (default: every spec in `specs/`).
    spec: Option<PathBuf>,
    /// Where the crate goes (required with SPEC).
    #[arg(short = 'o', long = "out", value_name = "DIR", requires = "spec")]
    out: Option<PathBuf>,
    /// The crate's package name (default: the spec's file stem).
    #[arg(long, value_name = "N", requires = "spec")]
    name: Option<String>,
}

/// One unit of work: a spec and where its crate lives.
struct Job {
    spec: PathBuf,
    out: PathBuf,
    name: Option<String>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Deeply nested specs recurse deeply; a large stack keeps them from overflowing it.
    let worker = std::thread::Builder::new()
        .stack_size(256 * 1024 * 1024)
        .spawn(move || run(cli));
    match worker.map(std::thread::JoinHandle::join) {
        Ok(Ok(code)) => code,
        _ => {
            eprintln!(
                "error: apigen stopped unexpectedly; this is a bug, please report it with the spec"
            );
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> ExitCode {
    let (target, checking) = match cli.command {
        Command::Generate(target) => (target, false),
        Command::Check(target) => (target, true),
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
    for job in &jobs {
        match apigen::generate(&job.spec, job.name.as_deref()) {
            Err(failure) => {
                eprintln!("{failure}");
                failed = true;
            }
            Ok(generated) => {
                for warning in &generated.warnings {
                    eprintln!("{warning}");
                }
                let outcome = if checking {
                    check(job, &generated.files).map(|clean| drifted |= !clean)
                } else {
                    emit(job, &generated.files)
                };
                if let Err(e) = outcome {
                    eprintln!("error: {}: {e}", job.out.display());
                    failed = true;
                }
            }
        }
    }
    if failed {
        ExitCode::from(2)
    } else if drifted {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
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

/// Prints drift; `Ok(true)` when the crate on disk is up to date.
fn check(job: &Job, files: &apigen::Files) -> std::io::Result<bool> {
    let drift = write::compare_crate(&job.out, files)?;
    for item in &drift {
        match item {
            Drift::Changed { diff, .. } => say!("{}", diff.trim_end_matches('\n')),
            Drift::Missing { path } => {
                say!("missing: {} (run `apigen generate`)", path.display())
            }
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
    Ok(drift.is_empty())
}
