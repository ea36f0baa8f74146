//! One Cargo feature per tag: an operation compiles under its tag's feature, and a type
//! compiles when an enabled feature's operations reach it. A user of GitHub's `repos`
//! builds its 176 operations and the types they use, not all 851 and 1,811.
//!
//! An operation belongs to one feature: its `x-apigen-feature`, else its first tag's (a
//! top-level tag object may name that tag's feature with `x-apigen-feature`), else
//! `untagged`; tags that give one name (`Repos`, `repos`) share it. The types no
//! operation reaches are the feature `unused-schemas`. An API whose operations fall in
//! fewer than two features gets none.

use std::collections::BTreeMap;

use super::select::{held, named_in};
use super::{Api, TypeId};

/// The features of a crate, when it has more than one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Features {
    /// The Cargo feature names, each with the tag (or `x-apigen-feature`) it came from.
    pub groups: Vec<Group>,
    /// For each type (by id): the features whose operations reach it, in order (the
    /// last, [`UNUSED`], when a type no operation reaches holds it); `None` when every
    /// feature reaches it, so it compiles whatever features are on.
    pub types: Vec<Option<Vec<usize>>>,
}

/// One per-tag feature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// The Cargo feature name.
    pub name: String,
    /// The tags (or `x-apigen-feature` values) of its operations that give this name:
    /// `Repos` and `repos` make one feature.
    pub sources: Vec<String>,
    /// How many operations it holds.
    pub operations: usize,
}

/// The feature name an operation with no tag and no `x-apigen-feature` gets.
const UNTAGGED: &str = "untagged";

/// The feature that turns on every per-tag feature (and [`UNUSED`]); listed in `default`.
pub const ALL: &str = "all-tags";

/// The feature of the types no operation reaches.
pub const UNUSED: &str = "unused-schemas";

/// Names a per-tag feature cannot take: the crate's other features and optional
/// dependencies.
const TAKEN: &[&str] = &[
    "default", "client", "server", "rustls", ALL, UNUSED, "reqwest", "tokio", "axum",
];

/// More features than this and the crate gets none (crates.io's own limit is 300).
const MAX_FEATURES: usize = 300;

/// Assigns each operation its feature and each type the features that reach it. Returns
/// why the crate gets no features when there would be too many.
pub fn assign(api: &mut Api) -> Option<String> {
    api.features = None;
    for op in &mut api.operations {
        op.feature = None;
    }
    let mut by_name: BTreeMap<String, usize> = BTreeMap::new();
    let mut groups: Vec<Group> = Vec::new();
    let mut of_op = Vec::with_capacity(api.operations.len());
    for op in &api.operations {
        let source = op
            .feature_override
            .as_deref()
            .or_else(|| {
                let tag = op.tags.first()?;
                Some(
                    api.tag_features
                        .iter()
                        .find(|(name, _)| name == tag)
                        .map_or(tag.as_str(), |(_, feature)| feature.as_str()),
                )
            })
            .unwrap_or(UNTAGGED);
        let name = feature_name(source);
        let next = groups.len();
        let group = *by_name.entry(name.clone()).or_insert(next);
        if group == next {
            groups.push(Group {
                name,
                sources: Vec::new(),
                operations: 0,
            });
        }
        let group_of = &mut groups[group];
        group_of.operations += 1;
        if !group_of.sources.iter().any(|s| s == source) {
            group_of.sources.push(source.to_owned());
        }
        of_op.push(group);
    }
    if groups.len() < 2 {
        return None;
    }
    if groups.len() > MAX_FEATURES {
        return Some(format!(
            "the operations fall in {} tags, more than the {MAX_FEATURES} features a crate can have; the crate gets no per-tag features (generate a part with `--tags` instead)",
            groups.len()
        ));
    }
    // In the order of their names, as `Cargo.toml` lists them.
    let mut order: Vec<usize> = (0..groups.len()).collect();
    order.sort_by(|a, b| groups[*a].name.cmp(&groups[*b].name));
    let mut new_index = vec![0; groups.len()];
    for (new, old) in order.iter().enumerate() {
        new_index[*old] = new;
    }
    let mut slots: Vec<Option<Group>> = groups.into_iter().map(Some).collect();
    let groups: Vec<Group> = order.iter().filter_map(|old| slots[*old].take()).collect();
    for group in &mut of_op {
        *group = new_index[*group];
    }
    for (op, group) in api.operations.iter_mut().zip(&of_op) {
        op.feature = Some(*group);
    }
    let (types, unused) = reach(api, &of_op, groups.len());
    let mut groups = groups;
    if unused {
        groups.push(Group {
            name: UNUSED.to_owned(),
            sources: Vec::new(),
            operations: 0,
        });
    }
    api.features = Some(Features { groups, types });
    None
}

/// For each type, the groups that reach it (see [`Features::types`]).
/// Also whether some types are reached by no operation: they are the feature after the
/// tags' ([`UNUSED`]).
fn reach(api: &Api, of_op: &[usize], groups: usize) -> (Vec<Option<Vec<usize>>>, bool) {
    let count = api.types.len();
    let mut seeds: Vec<Vec<TypeId>> = vec![Vec::new(); groups];
    for (op, group) in api.operations.iter().zip(of_op) {
        let seeds = &mut seeds[*group];
        op.params.iter().for_each(|p| named_in(&p.ty, seeds));
        if let Some(ty) = op.body.as_ref().and_then(|b| b.payload.ty()) {
            named_in(ty, seeds);
        }
        for response in &op.responses {
            if let Some(ty) = response.payload.ty() {
                named_in(ty, seeds);
            }
            response.headers.iter().for_each(|h| named_in(&h.ty, seeds));
        }
    }
    let mut reached: Vec<Vec<usize>> = vec![Vec::new(); count];
    let mut seen = vec![false; count];
    for (group, mut queue) in seeds.into_iter().enumerate() {
        seen.iter_mut().for_each(|s| *s = false);
        while let Some(id) = queue.pop() {
            if std::mem::replace(&mut seen[id], true) {
                continue;
            }
            reached[id].push(group);
            for ty in held(&api.types[id]) {
                named_in(ty, &mut queue);
            }
        }
    }
    // The types no operation reaches (webhook payloads, for one) are a feature of their
    // own, with everything they hold.
    let mut queue: Vec<TypeId> = (0..count).filter(|id| reached[*id].is_empty()).collect();
    let unused = !queue.is_empty();
    seen.iter_mut().for_each(|s| *s = false);
    while let Some(id) = queue.pop() {
        if std::mem::replace(&mut seen[id], true) {
            continue;
        }
        reached[id].push(groups);
        for ty in held(&api.types[id]) {
            named_in(ty, &mut queue);
        }
    }
    let all = groups + usize::from(unused);
    let types = reached
        .into_iter()
        .map(|groups_of| (groups_of.len() < all).then_some(groups_of))
        .collect();
    (types, unused)
}

/// `text` as a Cargo feature name: lower-case ASCII letters and digits, words joined by
/// `-` (`Git Data` -> `git-data`, `repos` -> `repos`), never one of [`TAKEN`]
/// (`server` -> `server-tag`).
pub fn feature_name(text: &str) -> String {
    let mut name = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            name.push(c.to_ascii_lowercase());
        } else if !name.is_empty() && !name.ends_with('-') {
            name.push('-');
        }
    }
    while name.ends_with('-') {
        name.pop();
    }
    if name.is_empty() {
        name.push_str("tag");
    }
    if TAKEN.contains(&name.as_str()) {
        name.push_str("-tag");
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_cargo_feature_names() {
        assert_eq!(feature_name("Git Data"), "git-data");
        assert_eq!(feature_name("repos"), "repos");
        assert_eq!(feature_name("  --Café & Co.  "), "caf-co");
        assert_eq!(feature_name("日本"), "tag");
        assert_eq!(feature_name("v2/Users"), "v2-users");
    }

    #[test]
    fn names_keep_clear_of_the_crate_features() {
        assert_eq!(feature_name("server"), "server-tag");
        assert_eq!(feature_name("Client!"), "client-tag");
        assert_eq!(feature_name("all tags"), "all-tags-tag");
    }
}
