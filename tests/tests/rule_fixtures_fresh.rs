//! The committed rule crates (`tests/generated/<rule>`) must be what the generator makes
//! of `tests/fixtures/rules/<rule>.yaml`. Set `APIGEN_UPDATE_FIXTURES=1` to rewrite them.

use apigen_tests::{root, sorted_files};

#[test]
fn rule_crates_match_their_fixtures() {
    let update = std::env::var_os("APIGEN_UPDATE_FIXTURES").is_some();
    let fixtures = sorted_files(&root().join("tests/fixtures/rules"), &["yaml"]);
    assert!(fixtures.len() >= 15, "one fixture per mapping rule");
    let mut stale = Vec::new();
    for fixture in fixtures {
        let name = apigen::crate_name_for(&fixture);
        let generated = apigen::generate(&fixture, None)
            .unwrap_or_else(|e| panic!("{}: {e}", fixture.display()));
        assert!(
            generated.warnings.is_empty(),
            "{name}: {:#?}",
            generated.warnings
        );
        insta::assert_snapshot!(format!("rule__{name}"), generated.files["src/types.rs"]);
        let validate = &generated.files["src/validate.rs"];
        let generated_part = validate
            .split_once("\nuse super::types;")
            .map_or(validate.as_str(), |(_, impls)| impls);
        insta::assert_snapshot!(format!("rule__{name}__validate"), generated_part);
        let dir = root().join("tests/generated").join(&name);
        if update {
            apigen::write::write_crate(&dir, &generated.files).expect("writes");
            continue;
        }
        let drift = apigen::write::compare_crate(&dir, &generated.files).expect("readable");
        if !drift.is_empty() {
            stale.push(format!("{name}: {drift:#?}"));
        }
    }
    assert!(
        stale.is_empty(),
        "stale rule crates (rerun with APIGEN_UPDATE_FIXTURES=1):\n{}",
        stale.join("\n")
    );
}

#[test]
fn every_rule_crate_has_a_fixture() {
    let fixtures: Vec<String> = sorted_files(&root().join("tests/fixtures/rules"), &["yaml"])
        .iter()
        .map(|f| apigen::crate_name_for(f))
        .collect();
    for entry in std::fs::read_dir(root().join("tests/generated")).expect("tests/generated exists")
    {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        assert!(
            fixtures.contains(&name),
            "tests/generated/{name} has no fixture; delete it"
        );
    }
}
