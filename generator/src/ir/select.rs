//! Generating part of an API: the operations a user selects (by tag or by `operationId`)
//! and only the types they reach, so a crate for GitHub's `repos` does not carry the
//! other two thousand schemas.

use std::collections::BTreeSet;

use super::{Additional, Api, Ty, TyKind, TypeDef, TypeId, TypeKind};

/// Which operations to keep; empty means all of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Operations with any of these tags.
    pub tags: Vec<String>,
    /// Operations with these `operationId`s.
    pub operations: Vec<String>,
}

impl Selection {
    /// Whether the selection keeps everything.
    pub fn is_all(&self) -> bool {
        self.tags.is_empty() && self.operations.is_empty()
    }
}

/// What [`select`] kept, for a note to the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kept {
    /// Operations kept, of all.
    pub operations: (usize, usize),
    /// Types kept, of all.
    pub types: (usize, usize),
}

/// Keeps the selected operations and the types they reach; names stay as they are in the
/// whole API's crate. A tag or `operationId` that names nothing is an error, with the
/// names there are.
pub fn select(api: &mut Api, selection: &Selection) -> Result<Kept, String> {
    let all = (api.operations.len(), api.types.len());
    if selection.is_all() {
        return Ok(Kept {
            operations: (all.0, all.0),
            types: (all.1, all.1),
        });
    }
    let known_tags: BTreeSet<&str> = api
        .operations
        .iter()
        .flat_map(|op| op.tags.iter().map(String::as_str))
        .collect();
    if let Some(tag) = selection
        .tags
        .iter()
        .find(|tag| !known_tags.contains(tag.as_str()))
    {
        let known: Vec<&str> = known_tags.into_iter().collect();
        return Err(format!(
            "no operation has the tag `{tag}`; the tags are: {}",
            if known.is_empty() {
                "(none)".to_owned()
            } else {
                known.join(", ")
            }
        ));
    }
    if let Some(id) = selection
        .operations
        .iter()
        .find(|id| !api.operations.iter().any(|op| &op.operation_id == *id))
    {
        return Err(format!(
            "no operation has the operationId `{id}` (operationIds are case-sensitive)"
        ));
    }
    api.operations.retain(|op| {
        selection.operations.contains(&op.operation_id)
            || op.tags.iter().any(|tag| selection.tags.contains(tag))
    });
    let reached = reachable(api);
    let mut new_id = vec![None; api.types.len()];
    let mut next = 0;
    for (id, keep) in reached.iter().enumerate() {
        if *keep {
            new_id[id] = Some(next);
            next += 1;
        }
    }
    let types = std::mem::take(&mut api.types);
    api.types = types
        .into_iter()
        .zip(&reached)
        .filter_map(|(def, keep)| keep.then_some(def))
        .collect();
    // Every kept type reaches only kept types, so each reference has a new id.
    visit_types_mut(api, &mut |ty| {
        if let TyKind::Named(id) = &mut ty.kind {
            *id = new_id[*id].unwrap_or(*id);
        }
    });
    Ok(Kept {
        operations: (api.operations.len(), all.0),
        types: (api.types.len(), all.1),
    })
}

/// Which types the operations reach, by id.
fn reachable(api: &Api) -> Vec<bool> {
    let mut reached = vec![false; api.types.len()];
    let mut queue: Vec<TypeId> = Vec::new();
    for op in &api.operations {
        op.params.iter().for_each(|p| named_in(&p.ty, &mut queue));
        if let Some(ty) = op.body.as_ref().and_then(|b| b.payload.ty()) {
            named_in(ty, &mut queue);
        }
        for response in &op.responses {
            if let Some(ty) = response.payload.ty() {
                named_in(ty, &mut queue);
            }
            response
                .headers
                .iter()
                .for_each(|h| named_in(&h.ty, &mut queue));
        }
    }
    while let Some(id) = queue.pop() {
        if std::mem::replace(&mut reached[id], true) {
            continue;
        }
        for ty in held(&api.types[id]) {
            named_in(ty, &mut queue);
        }
    }
    reached
}

/// The named types `ty` refers to, through arrays and maps.
pub(super) fn named_in(ty: &Ty, out: &mut Vec<TypeId>) {
    match &ty.kind {
        TyKind::Named(id) => out.push(*id),
        TyKind::Array(inner) | TyKind::Map(inner) => named_in(inner, out),
        _ => {}
    }
}

/// The `Ty`s a type definition holds.
pub(super) fn held(def: &TypeDef) -> Vec<&Ty> {
    match &def.kind {
        TypeKind::Struct(s) => {
            let mut held: Vec<&Ty> = s.fields.iter().map(|f| &f.ty).collect();
            if let Additional::Map(ty) = &s.additional {
                held.push(ty);
            }
            held
        }
        TypeKind::Union(u) => u.variants.iter().map(|v| &v.ty).collect(),
        TypeKind::Alias(ty) | TypeKind::Newtype(ty) => vec![ty],
        TypeKind::Enum(_) => Vec::new(),
    }
}

/// Calls `f` on every [`Ty`] of the API, nested ones (array items, map values) included.
fn visit_types_mut(api: &mut Api, f: &mut dyn FnMut(&mut Ty)) {
    fn deep(ty: &mut Ty, f: &mut dyn FnMut(&mut Ty)) {
        f(ty);
        if let TyKind::Array(inner) | TyKind::Map(inner) = &mut ty.kind {
            deep(inner, f);
        }
    }
    for def in &mut api.types {
        match &mut def.kind {
            TypeKind::Struct(s) => {
                s.fields.iter_mut().for_each(|field| deep(&mut field.ty, f));
                if let Additional::Map(ty) = &mut s.additional {
                    deep(ty, f);
                }
            }
            TypeKind::Union(u) => u.variants.iter_mut().for_each(|v| deep(&mut v.ty, f)),
            TypeKind::Alias(ty) | TypeKind::Newtype(ty) => deep(ty, f),
            TypeKind::Enum(_) => {}
        }
    }
    for op in &mut api.operations {
        op.params.iter_mut().for_each(|p| deep(&mut p.ty, f));
        if let Some(ty) = op.body.as_mut().and_then(|b| b.payload.ty_mut()) {
            deep(ty, f);
        }
        for response in &mut op.responses {
            if let Some(ty) = response.payload.ty_mut() {
                deep(ty, f);
            }
            response.headers.iter_mut().for_each(|h| deep(&mut h.ty, f));
        }
    }
}
