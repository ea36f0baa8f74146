//! Recursive types: a struct or union that contains itself without a `Vec` or map in between
//! would have infinite size, so those edges are boxed; an alias that refers to itself
//! cannot be a `type` alias, so it becomes a newtype.

use super::{Ty, TyKind, TypeDef, TypeId, TypeKind};

/// Boxes every edge that closes a cycle of direct containment, and turns self-referential
/// aliases into newtypes.
pub(super) fn break_cycles(types: &mut [TypeDef]) {
    for id in 0..types.len() {
        if let TypeKind::Alias(ty) = &types[id].kind {
            if alias_reaches(types, ty, id, &mut vec![false; types.len()]) {
                types[id].kind = TypeKind::Newtype(ty.clone());
            }
        }
    }
    let components = strongly_connected(types);
    for id in 0..types.len() {
        let mut kind = types[id].kind.clone();
        for ty in direct_slots(&mut kind) {
            if let TyKind::Named(target) = ty.kind {
                if components[target] == components[id] {
                    ty.boxed = true;
                }
            }
        }
        types[id].kind = kind;
    }
}

/// Whether expanding alias `ty` (through other aliases, at any depth) reaches `target`.
fn alias_reaches(types: &[TypeDef], ty: &Ty, target: TypeId, seen: &mut Vec<bool>) -> bool {
    match &ty.kind {
        TyKind::Named(id) if *id == target => true,
        TyKind::Named(id) => {
            if seen[*id] {
                return false;
            }
            seen[*id] = true;
            match &types[*id].kind {
                TypeKind::Alias(inner) => alias_reaches(types, inner, target, seen),
                _ => false,
            }
        }
        TyKind::Array(inner) | TyKind::Map(inner) => alias_reaches(types, inner, target, seen),
        _ => false,
    }
}

/// The `Ty`s a type holds directly (not behind a `Vec` or map).
fn direct_slots(kind: &mut TypeKind) -> Vec<&mut Ty> {
    match kind {
        TypeKind::Struct(s) => s.fields.iter_mut().map(|f| &mut f.ty).collect(),
        TypeKind::Union(u) => u.variants.iter_mut().map(|v| &mut v.ty).collect(),
        TypeKind::Newtype(ty) => vec![ty],
        TypeKind::Alias(_) | TypeKind::Enum(_) => Vec::new(),
    }
}

fn direct_edges(types: &[TypeDef], id: TypeId) -> Vec<TypeId> {
    let mut kind = types[id].kind.clone();
    let mut out = Vec::new();
    for ty in direct_slots(&mut kind) {
        if let TyKind::Named(target) = ty.kind {
            out.push(target);
        }
    }
    // An alias is transparent: what it names is held directly by whoever holds the alias.
    if let TypeKind::Alias(ty) = &types[id].kind {
        if let TyKind::Named(target) = ty.kind {
            out.push(target);
        }
    }
    out
}

/// Tarjan's algorithm, iterative so deep graphs cannot overflow the stack.
fn strongly_connected(types: &[TypeDef]) -> Vec<usize> {
    let n = types.len();
    let edges: Vec<Vec<TypeId>> = (0..n).map(|i| direct_edges(types, i)).collect();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut component = vec![usize::MAX; n];
    let mut stack = Vec::new();
    let mut next_index = 0;
    let mut next_component = 0;
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        let mut work: Vec<(TypeId, usize)> = vec![(root, 0)];
        while let Some(&mut (v, ref mut edge)) = work.last_mut() {
            if *edge == 0 && index[v] == usize::MAX {
                index[v] = next_index;
                low[v] = next_index;
                next_index += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if let Some(&w) = edges[v].get(*edge) {
                *edge += 1;
                if index[w] == usize::MAX {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component[w] = next_component;
                    if w == v {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}
