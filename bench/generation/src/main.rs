//! `apigen-bench-generation compare` measures apigen's generation: the four providers, a
//! synthetic spec family from 10 to 10,000 operations, progenitor on the same input, and
//! `cargo check` of both tools' output. It prints one line per comparison:
//! `name: ours X, peer Y, ratio R`. `bench/run` runs it; see the README's "Benchmarks".
//!
//! `peak` is what `compare` starts in a child process to read one generation's peak memory.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use apigen_bench_generation::checked::{self, Cost, gib};
use apigen_bench_generation::generators::{self, rust_lines};
use apigen_bench_generation::synthetic;
use apigen_bench_harness::{Options, Time, median_time, project_root, report, scratch};

const USAGE: &str = "usage:
  apigen-bench-generation compare [--quick] [--only providers|published|github-check|scaling|check]...
  apigen-bench-generation peak apigen|progenitor|none SPEC";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let outcome = match args.first().map(String::as_str) {
        Some("compare") => Options::parse(&args[1..], USAGE).and_then(|options| compare(&options)),
        Some("peak") => peak(
            args.get(1).map(String::as_str),
            args.get(2).map(PathBuf::from),
        ),
        _ => Err(USAGE.to_owned()),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("apigen-bench-generation: {message}");
            ExitCode::from(2)
        }
    }
}

fn compare(options: &Options) -> Result<(), String> {
    let scratch = scratch();
    std::fs::create_dir_all(scratch.join("specs")).map_err(|e| e.to_string())?;
    println!(
        "# apigen-bench-generation on {} ({} CPUs){}",
        std::env::consts::ARCH,
        std::thread::available_parallelism().map_or(0, usize::from),
        if options.quick { ", --quick" } else { "" }
    );
    if options.runs("providers") {
        providers()?;
    }
    if options.runs("published") {
        apigen_bench_generation::published::compare(options.quick)?;
    }
    if options.runs("github-check") {
        apigen_bench_generation::checked::github(options.quick)?;
    }
    let sizes: &[usize] = if options.quick {
        &[10, 100, 1000]
    } else {
        &[10, 100, 1000, 10_000]
    };
    let specs: Vec<(usize, PathBuf)> = sizes
        .iter()
        .map(|&n| {
            let path = scratch.join("specs").join(format!("synthetic-{n}.json"));
            std::fs::write(&path, synthetic::spec_text(n))
                .map(|()| (n, path))
                .map_err(|e| e.to_string())
        })
        .collect::<Result<_, _>>()?;
    if options.runs("scaling") {
        scaling(&specs, options)?;
    }
    if options.runs("check") {
        let check_sizes: &[usize] = if options.quick {
            &[10, 100]
        } else {
            &[10, 100, 1000]
        };
        let chosen: Vec<_> = specs
            .iter()
            .filter(|(n, _)| check_sizes.contains(n))
            .cloned()
            .collect();
        cargo_check(&chosen, &scratch.join("check"))?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Generation

fn mib(kib: u64) -> String {
    format!("{:.1} MiB", kib as f64 / 1024.0)
}

/// One generation in a fresh child process.
struct Once {
    /// Peak resident memory, KiB.
    peak_kib: u64,
    elapsed: Duration,
    /// Lines of Rust generated.
    lines: usize,
}

fn once(tool: &str, spec: &Path) -> Result<Once, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let output = Command::new(exe)
        .args(["peak", tool])
        .arg(spec)
        .output()
        .map_err(|e| e.to_string())?;
    let text = String::from_utf8_lossy(&output.stdout);
    let words: Vec<&str> = text.split_whitespace().collect();
    match words[..] {
        ["peak_kib", kib, "elapsed_ns", nanos, "lines", lines] => {
            match (kib.parse(), nanos.parse(), lines.parse()) {
                (Ok(peak_kib), Ok(nanos), Ok(lines)) => Ok(Once {
                    peak_kib,
                    elapsed: Duration::from_nanos(nanos),
                    lines,
                }),
                _ => Err(format!("peak {tool}: cannot read `{text}`")),
            }
        }
        _ => Err(format!(
            "peak {tool} {}: {}{}",
            spec.display(),
            text,
            String::from_utf8_lossy(&output.stderr)
        )),
    }
}

fn peak(tool: Option<&str>, spec: Option<PathBuf>) -> Result<(), String> {
    let spec = spec.ok_or(USAGE)?;
    let start = Instant::now();
    let lines = match tool {
        Some("apigen") => rust_lines(&generators::apigen_crate(&spec, "peak")?),
        Some("progenitor") => generators::progenitor_client(&spec)?.lines().count(),
        Some("none") => 0,
        _ => return Err(USAGE.to_owned()),
    };
    let elapsed = start.elapsed();
    let status = std::fs::read_to_string("/proc/self/status").map_err(|e| e.to_string())?;
    let kib = status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| {
            rest.trim()
                .trim_end_matches("kB")
                .trim()
                .parse::<u64>()
                .ok()
        })
        .ok_or("no VmHWM in /proc/self/status")?;
    println!(
        "peak_kib {kib} elapsed_ns {} lines {lines}",
        elapsed.as_nanos()
    );
    Ok(())
}

fn operations_in(spec: &Path) -> Result<usize, String> {
    const METHODS: [&str; 8] = [
        "get", "put", "post", "delete", "patch", "head", "options", "trace",
    ];
    let text = std::fs::read_to_string(spec).map_err(|e| e.to_string())?;
    let document: serde_json::Value = yaml_serde::from_str(&text).map_err(|e| e.to_string())?;
    Ok(document["paths"].as_object().map_or(0, |paths| {
        paths
            .values()
            .filter_map(serde_json::Value::as_object)
            .map(|item| {
                item.keys()
                    .filter(|k| METHODS.contains(&k.as_str()))
                    .count()
            })
            .sum()
    }))
}

fn providers() -> Result<(), String> {
    println!("\n## Generation: the four providers (apigen generate, whole crate)");
    println!(
        "{:<14} {:>4} {:>10} {:>10} {:>7} {:>8}",
        "provider", "ops", "time", "peak", "lines", "lines/op"
    );
    let baseline = once("none", Path::new("-"))?.peak_kib;
    let mut total = Duration::ZERO;
    for provider in ["anchorbrowser", "encrata", "mobilerun", "mynd"] {
        let spec = project_root()
            .join("specs")
            .join(format!("{provider}.yaml"));
        let files = generators::apigen_crate(&spec, provider)?;
        let time = median_time(20, || generators::apigen_crate(&spec, provider));
        total += time;
        let ops = operations_in(&spec)?;
        let lines = rust_lines(&files);
        println!(
            "{provider:<14} {ops:>4} {:>10} {:>10} {lines:>7} {:>8}",
            Time(time).to_string(),
            mib(once("apigen", &spec)?.peak_kib),
            lines / ops.max(1)
        );
    }
    println!(
        "all four: {} (median of 20 runs each); the process alone peaks at {}",
        Time(total),
        mib(baseline)
    );
    Ok(())
}

fn scaling(specs: &[(usize, PathBuf)], options: &Options) -> Result<(), String> {
    println!(
        "\n## Generation: scaling, and against progenitor {} (same OpenAPI 3.0 input)",
        apigen_bench_harness::locked_version("progenitor")
    );
    println!(
        "apigen full = types + validate + client + server + mock (the crate `apigen generate` writes);"
    );
    println!("apigen client = types + validate + client (one module, via apigen::Builder);");
    println!("progenitor = types + client (generate_tokens, then prettyplease).");
    println!(
        "{:>6} | {:>10} {:>9} {:>10} {:>8} | {:>10} {:>8} | {:>10} {:>10} {:>8}",
        "ops",
        "apigen",
        "per op",
        "peak",
        "lines/op",
        "apigen cl.",
        "lines/op",
        "progenitor",
        "peak",
        "lines/op"
    );
    let mut rows = Vec::new();
    for (n, spec) in specs {
        let name = format!("synthetic_{n}");
        let ours_once = once("apigen", spec)?;
        let peer_once = once("progenitor", spec)?;
        let client_only = generators::apigen_client_only(spec)?;
        // Large specs: the one run in a fresh process is the figure (a run of progenitor
        // at 10,000 operations takes minutes and gigabytes). Smaller ones: medians of
        // runs in this process, after the untimed runs above.
        let runs = match n {
            0..=100 => Some(if options.quick { 5 } else { 15 }),
            101..=1000 => Some(if options.quick { 3 } else { 5 }),
            _ => None,
        };
        let (ours, ours_client, peer) = match runs {
            Some(runs) => (
                median_time(runs, || generators::apigen_crate(spec, &name)),
                median_time(runs, || generators::apigen_client_only(spec)),
                median_time(runs, || generators::progenitor_client(spec)),
            ),
            None => {
                let start = Instant::now();
                drop(generators::apigen_client_only(spec)?);
                (ours_once.elapsed, start.elapsed(), peer_once.elapsed)
            }
        };
        println!(
            "{n:>6} | {:>10} {:>9} {:>10} {:>8} | {:>10} {:>8} | {:>10} {:>10} {:>8}",
            Time(ours).to_string(),
            Time(ours / *n as u32).to_string(),
            mib(ours_once.peak_kib),
            ours_once.lines / n,
            Time(ours_client).to_string(),
            client_only.lines().count() / n,
            Time(peer).to_string(),
            mib(peer_once.peak_kib),
            peer_once.lines / n,
        );
        rows.push((*n, ours, ours_client, peer));
    }
    for (n, ours, ours_client, peer) in rows {
        report(
            &format!("generate synthetic-{n} (apigen full crate vs progenitor client)"),
            Time(ours),
            format!("progenitor {}", Time(peer)),
            peer.as_secs_f64() / ours.as_secs_f64(),
            "times faster; target >= 10",
        );
        report(
            &format!("generate synthetic-{n} (apigen types+validate+client vs progenitor client)"),
            Time(ours_client),
            format!("progenitor {}", Time(peer)),
            peer.as_secs_f64() / ours_client.as_secs_f64(),
            "times faster; target >= 10",
        );
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// cargo check of the generated crates

fn write_files(dir: &Path, files: &generators::Files) -> Result<(), String> {
    for (path, text) in files {
        let path = dir.join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        }
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

/// The cost of checking one crate of the workspace (see `checked::check_crate`).
fn check_time(workspace: &Path, lib: &Path, args: &[&str], runs: usize) -> Result<Cost, String> {
    checked::check_crate(workspace, &workspace.join("target"), lib, args, runs)
}

fn cargo_check(specs: &[(usize, PathBuf)], workspace: &Path) -> Result<(), String> {
    println!(
        "\n## cargo check of the generated code (non-incremental, dependencies already checked; best of 2)"
    );
    std::fs::create_dir_all(workspace).map_err(|e| e.to_string())?;
    let mut members = Vec::new();
    for (n, spec) in specs {
        let ours = format!("apigen-{n}");
        write_files(
            &workspace.join(&ours),
            &generators::apigen_crate(spec, &format!("synthetic_{n}"))?,
        )?;
        let theirs = format!("progenitor-{n}");
        let files = generators::Files::from([
            (
                "Cargo.toml".to_owned(),
                generators::progenitor_manifest(&format!("progenitor_{n}")),
            ),
            (
                "src/lib.rs".to_owned(),
                generators::progenitor_client(spec)?,
            ),
        ]);
        write_files(&workspace.join(&theirs), &files)?;
        members.push(ours);
        members.push(theirs);
    }
    let manifest = format!(
        "# Written by apigen-bench: the crates whose `cargo check` time it measures.\n[workspace]\nresolver = \"3\"\nmembers = [{}]\n",
        members
            .iter()
            .map(|m| format!("\"{m}\""))
            .collect::<Vec<_>>()
            .join(", ")
    );
    std::fs::write(workspace.join("Cargo.toml"), manifest).map_err(|e| e.to_string())?;
    // Resolve and download once; every timed run is offline.
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["fetch", "--quiet"])
        .current_dir(workspace)
        .status()
        .map_err(|e| e.to_string())?;
    if !status.success() {
        return Err("cargo fetch failed in the check workspace".into());
    }
    println!(
        "{:>6} | {:>9} {:>10} | {:>9} {:>10} | {:>9} {:>10}",
        "ops", "apigen", "peak", "apigen cl.", "peak", "progenitor", "peak"
    );
    let mut rows = Vec::new();
    for (n, _) in specs {
        let ours_dir = workspace.join(format!("apigen-{n}"));
        let ours_package = format!("synthetic_{n}");
        let full = check_time(
            workspace,
            &ours_dir.join("src/lib.rs"),
            &["-p", &ours_package],
            2,
        )?;
        let client = check_time(
            workspace,
            &ours_dir.join("src/lib.rs"),
            &[
                "-p",
                &ours_package,
                "--no-default-features",
                "--features",
                "client",
            ],
            2,
        )?;
        let theirs_dir = workspace.join(format!("progenitor-{n}"));
        let peer = check_time(
            workspace,
            &theirs_dir.join("src/lib.rs"),
            &["-p", &format!("progenitor_{n}")],
            2,
        )?;
        println!(
            "{n:>6} | {:>9} {:>10} | {:>9} {:>10} | {:>9} {:>10}",
            Time(full.time).to_string(),
            gib(full.peak_kib),
            Time(client.time).to_string(),
            gib(client.peak_kib),
            Time(peer.time).to_string(),
            gib(peer.peak_kib)
        );
        rows.push((*n, full, client, peer));
    }
    for (n, full, client, peer) in rows {
        for (what, ours) in [
            ("apigen full crate", full),
            ("apigen types+validate+client", client),
        ] {
            report(
                &format!("cargo check synthetic-{n} ({what} vs progenitor client), time"),
                Time(ours.time),
                format!("progenitor {}", Time(peer.time)),
                peer.time.as_secs_f64() / ours.time.as_secs_f64(),
                "times faster; target 3 for the client at 1,000 operations",
            );
            report(
                &format!("cargo check synthetic-{n} ({what} vs progenitor client), peak memory"),
                gib(ours.peak_kib),
                format!("progenitor {}", gib(peer.peak_kib)),
                peer.peak_kib as f64 / ours.peak_kib as f64,
                "times less memory; target 3 for the client at 1,000 operations",
            );
        }
    }
    Ok(())
}
