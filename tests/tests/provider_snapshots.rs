//! Every generated file of every provider spec, pinned by insta. A change here is a change
//! to what users compile: review each `.snap` diff as code.

use apigen_tests::provider_specs;

#[test]
fn every_generated_file_of_every_provider() {
    let specs = provider_specs();
    assert_eq!(specs.len(), 4, "specs/ should hold the four provider specs");
    for spec in specs {
        let provider = apigen::crate_name_for(&spec);
        let generated =
            apigen::generate(&spec, None).unwrap_or_else(|e| panic!("{}: {e}", spec.display()));
        assert!(
            generated.warnings.is_empty(),
            "{provider}: unexpected warnings: {:#?}",
            generated.warnings
        );
        for (path, contents) in &generated.files {
            // The runtime's modules are copies of the runtime crate's files, pinned there
            // by its own tests; which of them a crate gets is pinned by `runtime/mod.rs`.
            if let Some(module) = path.strip_prefix("src/runtime/")
                && module != "mod.rs"
            {
                let original = apigen_tests::root().join("runtime/src").join(module);
                let original = std::fs::read_to_string(&original).expect("a runtime module");
                assert!(
                    contents.ends_with(&original),
                    "{provider}/{path} is not a copy of runtime/src/{module}"
                );
                continue;
            }
            let name = format!("{provider}__{}", path.replace('/', "__"));
            insta::assert_snapshot!(name, contents);
        }
    }
}

#[test]
fn committed_crates_match_the_generator() {
    for spec in provider_specs() {
        let provider = apigen::crate_name_for(&spec);
        let generated =
            apigen::generate(&spec, None).unwrap_or_else(|e| panic!("{}: {e}", spec.display()));
        let dir = apigen_tests::root().join("generated").join(&provider);
        let drift = apigen::write::compare_crate(&dir, &generated.files).expect("readable");
        assert!(
            drift.is_empty(),
            "generated/{provider} is stale; run `apigen generate`: {drift:#?}"
        );
    }
}

#[test]
fn output_is_deterministic() {
    for spec in provider_specs() {
        let first = apigen::generate(&spec, None).expect("generates").files;
        let second = apigen::generate(&spec, None).expect("generates").files;
        assert_eq!(first, second, "{}", spec.display());
        for contents in first.values() {
            assert!(
                !contents.contains("/work/"),
                "an absolute path leaked into the output"
            );
        }
    }
}
