//! What apigen's benchmark programs share: timing (medians of repeated runs, interleaved
//! per-call timings), the report line `name: ours X, peer Y, ratio R`, and the options
//! both `compare` commands take.

use std::fmt;
use std::path::Path;
use std::time::{Duration, Instant};

/// The median of `runs` timings of `f` (at least one run).
pub fn median_time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    let mut times: Vec<Duration> = (0..runs.max(1))
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            start.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

/// Time per call of each of several fast functions, measured together so that they see
/// the same machine: batches sized to take about 10 ms each, taken in turn (one batch of
/// each, round after round) for `budget`, and each one's median batch divided by its size.
pub fn per_call(budget: Duration, functions: &mut [&mut dyn FnMut() -> bool]) -> Vec<Duration> {
    let batches: Vec<u32> = functions
        .iter_mut()
        .map(|f| {
            let mut batch = 1u32;
            loop {
                let start = Instant::now();
                for _ in 0..batch {
                    std::hint::black_box(f());
                }
                if start.elapsed() >= Duration::from_millis(10) || batch >= 1 << 24 {
                    return batch;
                }
                batch *= 2;
            }
        })
        .collect();
    let mut samples = vec![Vec::new(); functions.len()];
    let start = Instant::now();
    while start.elapsed() < budget || samples[0].len() < 5 {
        for ((f, batch), samples) in functions.iter_mut().zip(&batches).zip(&mut samples) {
            let batch_start = Instant::now();
            for _ in 0..*batch {
                std::hint::black_box(f());
            }
            samples.push(batch_start.elapsed() / *batch);
        }
    }
    samples
        .into_iter()
        .map(|mut s| {
            s.sort();
            s[s.len() / 2]
        })
        .collect()
}

/// A duration with a unit that suits it.
#[derive(Debug, Clone, Copy)]
pub struct Time(pub Duration);

impl fmt::Display for Time {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let nanos = self.0.as_secs_f64() * 1e9;
        if nanos < 1e3 {
            write!(f, "{nanos:.0} ns")
        } else if nanos < 1e6 {
            write!(f, "{:.2} µs", nanos / 1e3)
        } else if nanos < 1e9 {
            write!(f, "{:.2} ms", nanos / 1e6)
        } else {
            write!(f, "{:.2} s", nanos / 1e9)
        }
    }
}

/// Prints one comparison: `name: ours X, peer Y, ratio R`, then what the ratio means and
/// the target it is held to.
pub fn report(
    name: &str,
    ours: impl fmt::Display,
    peer: impl fmt::Display,
    ratio: f64,
    note: &str,
) {
    println!("{name}: ours {ours}, peer {peer}, ratio {ratio:.2}   ({note})");
}

/// The options of both `compare` commands: `--quick` (shorter runs, smaller sizes) and
/// `--only SECTION` (repeatable).
#[derive(Debug, Default)]
pub struct Options {
    /// Shorter runs and smaller sizes, for a first look.
    pub quick: bool,
    /// The sections to run; empty means all.
    pub only: Vec<String>,
}

impl Options {
    /// Parses `args` (after the subcommand); `usage` goes into the error.
    pub fn parse(args: &[String], usage: &str) -> Result<Self, String> {
        let mut options = Options::default();
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--quick" => options.quick = true,
                "--only" => options
                    .only
                    .push(args.next().ok_or("--only needs a section")?.clone()),
                other => return Err(format!("unknown argument `{other}`\n{usage}")),
            }
        }
        Ok(options)
    }

    /// Whether `section` is to run.
    pub fn runs(&self, section: &str) -> bool {
        self.only.is_empty() || self.only.iter().any(|s| s == section)
    }
}

/// The project's root (the directory above `bench/`).
pub fn project_root() -> std::path::PathBuf {
    let bench = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    bench.canonicalize().unwrap_or(bench)
}

/// Where the benchmarks write their inputs and scratch crates:
/// `$CARGO_TARGET_DIR/apigen-bench` (default `target/apigen-bench`).
pub fn scratch() -> std::path::PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| project_root().join("target"), std::path::PathBuf::from)
        .join("apigen-bench")
}

/// The version of `package` that `bench/Cargo.lock` pins, to name a peer in the report.
pub fn locked_version(package: &str) -> String {
    let lock = Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.lock");
    let text = std::fs::read_to_string(lock).unwrap_or_default();
    text.split("[[package]]")
        .find(|entry| entry.contains(&format!("name = \"{package}\"\n")))
        .and_then(|entry| entry.lines().find_map(|l| l.strip_prefix("version = ")))
        .map_or_else(
            || "(version unknown)".to_owned(),
            |v| v.trim_matches('"').to_owned(),
        )
}
