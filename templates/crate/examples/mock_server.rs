//! Serves the mock implementation of the API: every operation answers with the API
//! description's examples, or values derived from its schemas.
//!
//! ```text
//! cargo run --example mock_server -- --addr 127.0.0.1:8080 --credential secret-token
//! ```
//!
//! `--addr` defaults to 127.0.0.1:8080; port 0 picks a free port. `--credential` locks the
//! mock: operations that need credentials then answer 401 unless the request carries that
//! value (as the bearer token, API key or basic password, whatever the operation's scheme).
//! The first line printed is `listening on http://ADDR`.

use std::process::ExitCode;

use {{crate}}::mock::Mock;
use {{crate}}::server::router;

#[tokio::main]
async fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut addr = String::from("127.0.0.1:8080");
    let mut mock = Mock::default();
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--addr", Some(value)) => addr = value,
            ("--credential", Some(value)) => mock = Mock::locked(value),
            _ => {
                eprintln!("usage: mock_server [--addr HOST:PORT] [--credential VALUE]");
                return ExitCode::from(2);
            }
        }
    }
    let listener = match tokio::net::TcpListener::bind(&addr).await {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!("error: cannot listen on {addr}: {e}");
            return ExitCode::FAILURE;
        }
    };
    match listener.local_addr() {
        Ok(local) => println!("listening on http://{local}"),
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    }
    if let Err(e) = axum::serve(listener, router(mock)).await {
        eprintln!("error: {e}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
