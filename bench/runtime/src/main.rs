//! `apigen-bench-runtime compare` measures the code apigen generates: validation against
//! the `jsonschema` crate and against deserialisation alone, and the generated router
//! against a hand-written axum handler under wrk. It prints one line per comparison:
//! `name: ours X, peer Y, ratio R`. `bench/run` runs it; see the README's "Benchmarks".
//!
//! `serve` is what `compare` starts in a child process: one of the two servers.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, Command, ExitCode, Stdio};
use std::time::Duration;

use apigen_bench_harness::{Options, Time, per_call, project_root, report, scratch};
use apigen_bench_runtime::{payloads, servers, validation};

const USAGE: &str = "usage:
  apigen-bench-runtime compare [--quick] [--only validation|server]...
  apigen-bench-runtime serve generated|handwritten";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let outcome = match args.first().map(String::as_str) {
        Some("compare") => Options::parse(&args[1..], USAGE).and_then(|options| compare(&options)),
        Some("serve") => serve(args.get(1).map(String::as_str)),
        _ => Err(USAGE.to_owned()),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("apigen-bench-runtime: {message}");
            ExitCode::from(2)
        }
    }
}

fn compare(options: &Options) -> Result<(), String> {
    let scratch = scratch();
    std::fs::create_dir_all(&scratch).map_err(|e| e.to_string())?;
    println!(
        "# apigen-bench-runtime on {} ({} CPUs){}",
        std::env::consts::ARCH,
        std::thread::available_parallelism().map_or(0, usize::from),
        if options.quick { ", --quick" } else { "" }
    );
    if options.runs("validation") {
        validation(options)?;
    }
    if options.runs("server") {
        server(options, &scratch)?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Validation

/// A payload's name, its bytes, and its three paths: ours, deserialisation alone, the peer.
type Case<'a> = (&'a str, &'a [u8], [&'a mut dyn FnMut() -> bool; 3]);

fn validation(options: &Options) -> Result<(), String> {
    use anchorbrowser::types::WebhookCreateRequest;
    use apigen_bench_runtime::orders::types::Order;

    println!(
        "\n## Validation: JSON bytes to a validated value (jsonschema {})",
        apigen_bench_harness::locked_version("jsonschema")
    );
    let budget = Duration::from_millis(if options.quick { 500 } else { 3000 });
    let anchor_spec = project_root().join("specs/anchorbrowser.yaml");
    let orders_spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("specs/orders.yaml");
    let anchor_peer = validation::peer_validator(&anchor_spec, "WebhookCreateRequest")?;
    let orders_peer = validation::peer_validator(&orders_spec, "Order")?;
    let anchor = payloads::anchor_create();
    let order = payloads::order(200);

    // Both sides accept the valid payloads and refuse broken ones, so both do the work.
    validation::ours_anchor::<WebhookCreateRequest>(&anchor)?;
    validation::peer::<WebhookCreateRequest>(&anchor_peer, &anchor)?;
    validation::ours_order::<Order>(&order)?;
    validation::peer::<Order>(&orders_peer, &order)?;
    let mut broken = payloads::order_value(200);
    broken["lines"][150]["sku"] = "sku-1".into();
    let broken = serde_json::to_vec(&broken).map_err(|e| e.to_string())?;
    let bad_url = br#"{"url":"https://exa mple.com","subscribed_events":["task.failed"]}"#;
    for (what, refused) in [
        (
            "ours, bad sku",
            validation::ours_order::<Order>(&broken).is_err(),
        ),
        (
            "jsonschema, bad sku",
            validation::peer::<Order>(&orders_peer, &broken).is_err(),
        ),
        (
            "ours, bad url",
            validation::ours_anchor::<WebhookCreateRequest>(bad_url).is_err(),
        ),
        (
            "jsonschema, bad url",
            validation::peer::<WebhookCreateRequest>(&anchor_peer, bad_url).is_err(),
        ),
    ] {
        if !refused {
            return Err(format!("sanity check failed: {what} was accepted"));
        }
    }

    let mut anchor_ours = || validation::ours_anchor::<WebhookCreateRequest>(&anchor).is_ok();
    let mut anchor_plain = || validation::deserialize_only::<WebhookCreateRequest>(&anchor).is_ok();
    let mut anchor_jsonschema =
        || validation::peer::<WebhookCreateRequest>(&anchor_peer, &anchor).is_ok();
    let mut order_ours = || validation::ours_order::<Order>(&order).is_ok();
    let mut order_plain = || validation::deserialize_only::<Order>(&order).is_ok();
    let mut order_jsonschema = || validation::peer::<Order>(&orders_peer, &order).is_ok();
    let cases: [Case<'_>; 2] = [
        (
            "anchorbrowser create request",
            &anchor,
            [&mut anchor_ours, &mut anchor_plain, &mut anchor_jsonschema],
        ),
        (
            "order with 200 lines",
            &order,
            [&mut order_ours, &mut order_plain, &mut order_jsonschema],
        ),
    ];
    let mut lines = Vec::new();
    for (name, bytes, mut functions) in cases {
        let times = per_call(budget, &mut functions);
        let (ours, plain, peer) = (times[0], times[1], times[2]);
        println!(
            "{name} ({} bytes): deserialise + validate {}, deserialise only {}, jsonschema path {}",
            bytes.len(),
            Time(ours),
            Time(plain),
            Time(peer)
        );
        lines.push((name, ours, plain, peer));
    }
    for (name, ours, plain, peer) in lines {
        report(
            &format!("validate {name}"),
            Time(ours),
            format!("jsonschema {}", Time(peer)),
            peer.as_secs_f64() / ours.as_secs_f64(),
            "times faster; target >= 3",
        );
        report(
            &format!("validation overhead, {name}"),
            Time(ours),
            format!("deserialise only {}", Time(plain)),
            ours.as_secs_f64() / plain.as_secs_f64(),
            "ours / deserialisation alone; target <= 1.15",
        );
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Server

fn serve(which: Option<&str>) -> Result<(), String> {
    let router = match which {
        Some("generated") => servers::generated(),
        Some("handwritten") => servers::handwritten(),
        _ => return Err(USAGE.to_owned()),
    };
    servers::serve(router).map_err(|e| e.to_string())
}

/// A server child process, killed when dropped.
struct Server {
    child: Child,
    address: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn pinned(core: usize, program: &Path) -> Command {
    if Command::new("taskset").arg("--version").output().is_ok() {
        let mut command = Command::new("taskset");
        command.args(["-c", &core.to_string()]).arg(program);
        command
    } else {
        Command::new(program)
    }
}

fn start_server(which: &str) -> Result<Server, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut child = pinned(1, &exe)
        .args(["serve", which])
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| e.to_string())?;
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .map_err(|e| e.to_string())?;
    let address = line
        .trim()
        .strip_prefix("listening on ")
        .ok_or_else(|| format!("{which} server said `{line}`"))?
        .to_owned();
    Ok(Server { child, address })
}

/// One request over a plain TCP connection: the status and the parsed JSON body.
fn post_once(address: &str, body: &[u8]) -> Result<(u16, serde_json::Value), String> {
    let mut stream = std::net::TcpStream::connect(address).map_err(|e| e.to_string())?;
    let head = format!(
        "POST /v1/webhooks HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nAnchor-Api-Key: bench-key\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream
        .write_all(head.as_bytes())
        .map_err(|e| e.to_string())?;
    stream.write_all(body).map_err(|e| e.to_string())?;
    let mut response = Vec::new();
    stream
        .read_to_end(&mut response)
        .map_err(|e| e.to_string())?;
    let text = String::from_utf8_lossy(&response);
    let status = text
        .get(9..12)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("not an HTTP response: {text}"))?;
    let (_, body) = text.split_once("\r\n\r\n").ok_or("no body")?;
    let value = serde_json::from_str(body).map_err(|e| format!("{e}: {body}"))?;
    Ok((status, value))
}

struct Load {
    requests_per_second: f64,
    p99: Duration,
}

fn parse_latency(text: &str) -> Option<Duration> {
    let (number, unit) = text
        .find(|c: char| c.is_ascii_alphabetic())
        .map(|i| text.split_at(i))?;
    let number: f64 = number.parse().ok()?;
    let seconds = match unit {
        "us" => number / 1e6,
        "ms" => number / 1e3,
        "s" => number,
        _ => return None,
    };
    Some(Duration::from_secs_f64(seconds))
}

fn wrk(address: &str, script: &Path, seconds: u64) -> Result<Load, String> {
    let program = Path::new("wrk");
    let output = pinned(0, program)
        .args(["-t1", "-c32", &format!("-d{seconds}s"), "--latency", "-s"])
        .arg(script)
        .arg(format!("http://{address}/v1/webhooks"))
        .output()
        .map_err(|e| format!("wrk: {e}"))?;
    let text = String::from_utf8_lossy(&output.stdout);
    if text.contains("Non-2xx") || text.contains("Socket errors") {
        return Err(format!("wrk saw failed requests:\n{text}"));
    }
    let requests_per_second = text
        .lines()
        .find_map(|line| line.trim().strip_prefix("Requests/sec:"))
        .and_then(|n| n.trim().parse().ok())
        .ok_or_else(|| format!("no Requests/sec in wrk's output:\n{text}"))?;
    let p99 = text
        .lines()
        .find_map(|line| line.trim().strip_prefix("99%"))
        .and_then(|t| parse_latency(t.trim()))
        .ok_or_else(|| format!("no 99% latency in wrk's output:\n{text}"))?;
    Ok(Load {
        requests_per_second,
        p99,
    })
}

fn server(options: &Options, scratch: &Path) -> Result<(), String> {
    println!("\n## Server: POST /v1/webhooks (AnchorBrowser) on loopback, wrk -t1 -c32");
    if Command::new("wrk").arg("--version").output().is_err() {
        println!("skipped: wrk is not installed (bench/run installs it)");
        return Ok(());
    }
    let body = payloads::anchor_create();
    let script = scratch.join("post.lua");
    let lua = format!(
        "wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\nwrk.headers[\"Anchor-Api-Key\"] = \"bench-key\"\nwrk.body = [[{}]]\n",
        String::from_utf8_lossy(&body)
    );
    std::fs::write(&script, lua).map_err(|e| e.to_string())?;

    let ours = start_server("generated")?;
    let peer = start_server("handwritten")?;
    let (status_ours, reply_ours) = post_once(&ours.address, &body)?;
    let (status_peer, reply_peer) = post_once(&peer.address, &body)?;
    if status_ours != 201 || status_peer != 201 || reply_ours != reply_peer {
        return Err(format!(
            "the two servers answer differently: {status_ours} {reply_ours} / {status_peer} {reply_peer}"
        ));
    }
    let (rounds, seconds) = if options.quick { (1, 3) } else { (3, 5) };
    println!(
        "server on core 1, wrk on core 0; {rounds} interleaved rounds of {seconds} s each after a 2 s warm-up; medians"
    );
    wrk(&ours.address, &script, 2)?;
    wrk(&peer.address, &script, 2)?;
    let mut ours_runs = Vec::new();
    let mut peer_runs = Vec::new();
    for _ in 0..rounds {
        ours_runs.push(wrk(&ours.address, &script, seconds)?);
        peer_runs.push(wrk(&peer.address, &script, seconds)?);
    }
    let median = |runs: &[Load], f: &dyn Fn(&Load) -> f64| {
        let mut values: Vec<f64> = runs.iter().map(f).collect();
        values.sort_by(f64::total_cmp);
        values[values.len() / 2]
    };
    let rps = |l: &Load| l.requests_per_second;
    let p99 = |l: &Load| l.p99.as_secs_f64();
    for (name, runs) in [("generated", &ours_runs), ("hand-written", &peer_runs)] {
        println!(
            "{name}: {} req/s; p99 {}",
            runs.iter()
                .map(|l| format!("{:.0}", l.requests_per_second))
                .collect::<Vec<_>>()
                .join(", "),
            runs.iter()
                .map(|l| Time(l.p99).to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let (ours_rps, peer_rps) = (median(&ours_runs, &rps), median(&peer_runs, &rps));
    let (ours_p99, peer_p99) = (median(&ours_runs, &p99), median(&peer_runs, &p99));
    report(
        "server throughput, POST /v1/webhooks",
        format!("{ours_rps:.0} req/s"),
        format!("hand-written axum {peer_rps:.0} req/s"),
        ours_rps / peer_rps,
        "ours / hand-written; target >= 0.9",
    );
    report(
        "server p99 latency, POST /v1/webhooks",
        Time(Duration::from_secs_f64(ours_p99)),
        format!(
            "hand-written axum {}",
            Time(Duration::from_secs_f64(peer_p99))
        ),
        peer_p99 / ours_p99,
        "hand-written / ours; no target",
    );
    Ok(())
}
