//! The client and server generated in `build.rs` work together.

use apigen_build_rs_example::mynd::{client, mock, server, types, validate::Validate as _};

#[tokio::test]
async fn client_talks_to_the_mock_server_from_build_rs() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("address");
    tokio::spawn(async move {
        axum::serve(listener, server::router(mock::Mock::default()))
            .await
            .expect("serve")
    });
    let client = client::Client::new(format!("http://{addr}"))
        .with_bearer_auth("t")
        .without_retries();
    let list = client
        .list_webhook_deliveries("wh_1", Some(&types::DeliveryStatus::Failed))
        .await
        .expect("listed");
    assert_eq!(list.validate(), Ok(()));
    assert_eq!(list.object, "list");
}

#[tokio::test]
async fn validation_from_build_rs_rejects_before_sending() {
    let client = client::Client::new("http://127.0.0.1:9").with_bearer_auth("t");
    let body = types::CreateWebhookRequest {
        url: "http://insecure.example".into(),
        events: vec![],
        description: None,
    };
    let error = client.create_webhook(&body).await.expect_err("not https");
    assert!(matches!(error, client::Error::Validation(_)), "{error}");
}

#[test]
fn a_broken_spec_fails_with_the_cli_diagnostics() {
    let spec = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fixtures/bad/dangling_ref.yaml"
    );
    let failure = apigen::Builder::new(spec)
        .generate()
        .expect_err("dangling $ref")
        .to_string();
    assert!(
        failure.contains("error[E0201]") && failure.contains("dangling_ref.yaml:10:17"),
        "{failure}"
    );
    assert!(
        failure.contains("= at /components/schemas/Thing/properties/owner/$ref"),
        "{failure}"
    );
}

#[test]
fn rerun_if_changed_covers_every_referenced_file() {
    let spec = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fixtures/multi_file/api.yaml"
    );
    let generated = apigen::Builder::new(spec)
        .client(false)
        .server(false)
        .generate()
        .expect("generates");
    let names: Vec<_> = generated
        .inputs
        .iter()
        .map(|p| p.file_name().expect("name").to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["api.yaml", "common.yaml"]);
    assert!(!generated.code.contains("pub mod client"));
}

/// Runs `Builder::write_to_out_dir` as a build script would, in a child process (this test
/// binary again), and returns its exit status, stdout and stderr.
fn build_script_run(spec: &str, out_dir: &std::path::Path) -> (bool, String, String) {
    let output = std::process::Command::new(std::env::current_exe().expect("test binary"))
        .args([
            "build_script_child",
            "--exact",
            "--nocapture",
            "--test-threads=1",
            "-q",
        ])
        .env("APIGEN_CHILD_SPEC", spec)
        .env("OUT_DIR", out_dir)
        .output()
        .expect("runs");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The child half of [`build_script_run`]; does nothing in a normal test run.
#[test]
fn build_script_child() {
    if let Some(spec) = std::env::var_os("APIGEN_CHILD_SPEC") {
        apigen::Builder::new(spec).write_to_out_dir("module.rs");
    }
}

#[test]
fn write_to_out_dir_prints_rerun_lines_and_fails_the_build_on_a_broken_spec() {
    let out_dir = std::env::temp_dir().join(format!("apigen-out-dir-{}", std::process::id()));
    std::fs::create_dir_all(&out_dir).expect("out dir");

    let spec = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fixtures/multi_file/api.yaml"
    );
    let (ok, stdout, stderr) = build_script_run(spec, &out_dir);
    assert!(ok, "{stderr}");
    let reruns: Vec<&str> = stdout
        .lines()
        .filter_map(|l| l.strip_prefix("cargo:rerun-if-changed="))
        .collect();
    assert_eq!(reruns.len(), 2, "{stdout}");
    assert!(
        reruns[0].ends_with("api.yaml") && reruns[1].ends_with("common.yaml"),
        "{reruns:?}"
    );
    let module = std::fs::read_to_string(out_dir.join("module.rs")).expect("written");
    assert!(module.contains("pub mod types"), "the module is written");

    let spec = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fixtures/bad/dangling_ref.yaml"
    );
    let (ok, _, stderr) = build_script_run(spec, &out_dir);
    assert!(!ok, "a broken spec fails the build");
    assert!(
        stderr.contains("error[E0201]") && stderr.contains("dangling_ref.yaml:10:17"),
        "{stderr}"
    );
    std::fs::remove_dir_all(&out_dir).ok();
}
