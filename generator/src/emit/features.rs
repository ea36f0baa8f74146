//! The `#[cfg(feature = ...)]` of per-tag features (`ir::features`): an operation's items
//! carry its feature, a type's items the features that reach it.

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use quote::quote;

use crate::ir::{Api, Operation, TypeId};

/// `#[cfg(...)]` for the operation's items; nothing when the crate has no per-tag features.
pub fn of_operation(api: &Api, op: &Operation) -> TokenStream {
    match (&api.features, op.feature) {
        (Some(_), Some(group)) => cfg(api, &[group]),
        _ => TokenStream::new(),
    }
}

/// `#[cfg(...)]` for a type's items; nothing when it compiles whatever features are on.
pub fn of_type(api: &Api, id: TypeId) -> TokenStream {
    match api.features.as_ref().and_then(|f| f.types.get(id)) {
        Some(Some(groups)) => cfg(api, groups),
        _ => TokenStream::new(),
    }
}

/// `#[cfg(...)]` for an item that only these operations use: on when any of their
/// features is. Nothing without per-tag features.
pub fn of_operations<'a>(api: &Api, ops: impl IntoIterator<Item = &'a Operation>) -> TokenStream {
    if api.features.is_none() {
        return TokenStream::new();
    }
    let mut groups: Vec<usize> = ops.into_iter().filter_map(|op| op.feature).collect();
    groups.sort_unstable();
    groups.dedup();
    cfg(api, &groups)
}

/// The condition (`feature = "repos"`, `any(...)`) that turns on these groups' items.
fn condition(api: &Api, groups: &[usize]) -> TokenStream {
    let Some(features) = &api.features else {
        return quote!(all());
    };
    let names = groups
        .iter()
        .filter_map(|&group| features.groups.get(group))
        .map(|group| {
            let name = &group.name;
            quote!(feature = #name)
        });
    match groups.len() {
        1 => quote!(#(#names)*),
        _ => quote!(any(#(#names),*)),
    }
}

fn cfg(api: &Api, groups: &[usize]) -> TokenStream {
    let condition = condition(api, groups);
    quote!(#[cfg(#condition)])
}

/// The inner attribute of a module whose shared helpers (imports, statics, functions)
/// serve several features: with some of them off, those go unused. With `all-tags` on
/// (as by default), everything is checked.
pub fn module_allowance(api: &Api) -> TokenStream {
    if api.features.is_none() {
        return TokenStream::new();
    }
    let all = crate::ir::features::ALL;
    quote!(#![cfg_attr(not(feature = #all), allow(unused_imports, dead_code))])
}

/// The comment that explains [`module_allowance`], put before it in a formatted file
/// (the only inner `cfg_attr` apigen writes).
pub fn explain_allowance(text: &str) -> String {
    const WHY: &str =
        "// With some per-tag features off, the helpers their operations share go unused.\n";
    const START: &str = "#![cfg_attr(";
    let at = if text.starts_with(START) {
        Some(0)
    } else {
        text.find(&format!("\n{START}")).map(|at| at + 1)
    };
    match at {
        Some(at) => format!("{}{WHY}{}", &text[..at], &text[at..]),
        None => text.to_owned(),
    }
}

/// `items` with `cfg` on each of them, after its documentation. An item ends at a `;`
/// or at a `{ ... }` that is not followed by `;` (so `const X: T = T { .. };` stays one
/// item).
pub fn gate(cfg: &TokenStream, items: TokenStream) -> TokenStream {
    if cfg.is_empty() {
        return items;
    }
    let trees: Vec<TokenTree> = items.into_iter().collect();
    let mut out = TokenStream::new();
    let mut start = true;
    let mut i = 0;
    while i < trees.len() {
        if start {
            if is_doc(&trees, i) {
                out.extend(trees[i..i + 2].iter().cloned());
                i += 2;
                continue;
            }
            out.extend(cfg.clone());
        }
        let tree = &trees[i];
        start = match tree {
            TokenTree::Punct(p) => p.as_char() == ';',
            TokenTree::Group(g) => {
                g.delimiter() == Delimiter::Brace
                    && !matches!(trees.get(i + 1), Some(TokenTree::Punct(p)) if p.as_char() == ';')
            }
            _ => false,
        };
        out.extend(std::iter::once(tree.clone()));
        i += 1;
    }
    out
}

/// Whether `#[doc = ...]` starts at `i`.
fn is_doc(trees: &[TokenTree], i: usize) -> bool {
    let hash = matches!(trees.get(i), Some(TokenTree::Punct(p)) if p.as_char() == '#');
    hash && matches!(trees.get(i + 1), Some(TokenTree::Group(g))
        if g.delimiter() == Delimiter::Bracket
            && matches!(g.stream().into_iter().next(), Some(TokenTree::Ident(name)) if name == "doc"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_gets_the_cfg() {
        let cfg = quote!(#[cfg(feature = "repos")]);
        let items = quote! {
            /// A struct.
            #[derive(Debug)]
            pub struct A { x: u8 }
            impl Default for A { fn default() -> Self { A { x: 0 } } }
            pub type B = A;
            const C: A = A { x: 1 };
            pub struct D(pub u8);
        };
        let gated = gate(&cfg, items).to_string();
        assert_eq!(
            gated.matches("cfg (feature = \"repos\")").count(),
            5,
            "{gated}"
        );
        assert!(
            gated.starts_with("# [doc = r\" A struct.\"] # [cfg"),
            "documentation first: {gated}"
        );
        let file: syn::File = syn::parse_str(&gated).expect("parses");
        assert_eq!(file.items.len(), 5);
        for item in &file.items {
            let attrs = match item {
                syn::Item::Struct(s) => &s.attrs,
                syn::Item::Impl(i) => &i.attrs,
                syn::Item::Type(t) => &t.attrs,
                syn::Item::Const(c) => &c.attrs,
                _ => panic!("unexpected item in {gated}"),
            };
            assert!(attrs.iter().any(|a| a.path().is_ident("cfg")));
        }
    }

    #[test]
    fn no_cfg_leaves_items_alone() {
        let items = quote!(
            pub struct A;
        );
        assert_eq!(
            gate(&TokenStream::new(), items.clone()).to_string(),
            items.to_string()
        );
    }
}
