//! Stage timings for profiling: with `APIGEN_TIMINGS` set in the environment, each
//! [`stage`] prints its name and wall time to standard error. Off, it costs one cached
//! environment lookup.

use std::sync::OnceLock;
use std::time::Instant;

fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("APIGEN_TIMINGS").is_some())
}

/// Runs `work`, printing how long it took when timings are on.
pub fn stage<T>(name: &str, work: impl FnOnce() -> T) -> T {
    if !enabled() {
        return work();
    }
    let start = Instant::now();
    let value = work();
    eprintln!(
        "apigen timing: {name}: {:.3} s",
        start.elapsed().as_secs_f64()
    );
    value
}
