//! `--tags` / `--operations` (and `Builder::tags` / `Builder::operations`): only the
//! selected operations and the types they reach are generated, under the names the whole
//! API's crate gives them.

use std::path::PathBuf;

use apigen::{Selection, Strictness};

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/selection/pets_and_stores.yaml")
}

fn generate(tags: &[&str], operations: &[&str]) -> apigen::Files {
    let selection = Selection {
        tags: tags.iter().map(|t| (*t).to_owned()).collect(),
        operations: operations.iter().map(|o| (*o).to_owned()).collect(),
    };
    apigen::generate_selected(&fixture(), Some("pets"), Strictness::Strict, &selection)
        .unwrap_or_else(|failure| panic!("{failure}"))
        .files
}

/// The names of the public types in `types.rs`.
fn type_names(files: &apigen::Files) -> Vec<String> {
    files["src/types.rs"]
        .lines()
        .filter_map(|line| {
            let rest = line
                .strip_prefix("pub struct ")
                .or_else(|| line.strip_prefix("pub enum "))
                .or_else(|| line.strip_prefix("pub type "))?;
            let end = rest.find(|c: char| !c.is_alphanumeric() && c != '_')?;
            Some(rest[..end].to_owned())
        })
        .collect()
}

#[test]
fn a_tag_keeps_its_operations_and_the_types_they_reach() {
    let all = generate(&[], &[]);
    assert_eq!(
        type_names(&all),
        [
            "Pet", "Kind", "Label", "Code", "Owner", "Store", "Address", "Person", "Unused"
        ]
    );
    let pets = generate(&["pets"], &[]);
    // Reached through an array item, a field, a union variant; `Person`, whose properties
    // `Owner`'s `allOf` merges in, is not referenced by any of them.
    assert_eq!(type_names(&pets), ["Pet", "Kind", "Label", "Code", "Owner"]);
    let client = &pets["src/client.rs"];
    assert!(client.contains("pub fn list_pets("), "{client}");
    assert!(client.contains("pub fn get_owner("));
    assert!(!client.contains("list_stores") && !client.contains("fn ping("));
    let server = &pets["src/server.rs"];
    assert!(server.contains("fn list_pets(") && !server.contains("fn list_stores("));
    // The kept items read as they do in the whole API's crate.
    let pet = |files: &apigen::Files| {
        let types = &files["src/types.rs"];
        let start = types.find("pub struct Pet {").expect("Pet");
        types[start..start + types[start..].find("\n}\n").expect("end")].to_owned()
    };
    assert_eq!(pet(&pets), pet(&all));
}

#[test]
fn operations_add_to_tags() {
    let files = generate(&["stores"], &["ping"]);
    assert_eq!(type_names(&files), ["Store", "Address"]);
    let client = &files["src/client.rs"];
    assert!(client.contains("pub fn list_stores(") && client.contains("pub fn ping("));
    assert!(!client.contains("list_pets"));
}

#[test]
fn a_name_the_spec_does_not_have_is_an_error_that_lists_the_tags() {
    let selection = Selection {
        tags: vec!["pet".into()],
        operations: Vec::new(),
    };
    let failure = apigen::generate_selected(&fixture(), None, Strictness::Strict, &selection)
        .expect_err("no such tag");
    let error = &failure.diagnostics[0];
    assert_eq!(error.code, "E0601");
    assert!(
        error.message.contains("`pet`") && error.message.contains("people, pets, stores"),
        "{}",
        error.message
    );
    let selection = Selection {
        tags: Vec::new(),
        operations: vec!["listpets".into()],
    };
    let failure = apigen::generate_selected(&fixture(), None, Strictness::Strict, &selection)
        .expect_err("no such operation");
    assert!(failure.diagnostics[0].message.contains("`listpets`"));
}

#[test]
fn the_builder_selects_too() {
    let module = apigen::Builder::new(fixture())
        .tags(["stores"])
        .operations(["getOwner"])
        .generate()
        .unwrap_or_else(|failure| panic!("{failure}"));
    assert!(module.code.contains("pub struct Store {") && module.code.contains("pub struct Owner"));
    assert!(!module.code.contains("pub struct Unused"));
}
