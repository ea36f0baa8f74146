//! The `Validate` trait, JSON pointers into a value, and the violations found.

use std::fmt;

/// Something that can check itself against the constraints of the API description.
pub trait Validate {
    /// Checks the whole value; `Err` holds every violation found.
    fn validate(&self) -> Result<(), Violations> {
        let violations = self.violations();
        if violations.is_empty() {
            Ok(())
        } else {
            Err(Violations(violations))
        }
    }

    /// Every violation of the whole value, in the order found; empty when it is valid.
    fn violations(&self) -> Vec<Violation> {
        let mut violations = Vec::new();
        self.validate_at(&Path::Root, &mut violations);
        violations
    }

    /// Appends the violations of `self`, which stands at `path`, to `out`. A type whose
    /// schema constrains nothing that deserialisation does not already enforce keeps this
    /// default, which finds nothing.
    fn validate_at(&self, path: &Path<'_>, out: &mut Vec<Violation>) {
        let _ = (path, out);
    }
}

impl<T: Validate + ?Sized> Validate for Box<T> {
    fn validate_at(&self, path: &Path<'_>, out: &mut Vec<Violation>) {
        (**self).validate_at(path, out);
    }
}

impl<T: Validate> Validate for Option<T> {
    fn validate_at(&self, path: &Path<'_>, out: &mut Vec<Violation>) {
        if let Some(value) = self {
            value.validate_at(path, out);
        }
    }
}

impl<T: Validate> Validate for [T] {
    fn validate_at(&self, path: &Path<'_>, out: &mut Vec<Violation>) {
        for (index, item) in self.iter().enumerate() {
            item.validate_at(&path.index(index), out);
        }
    }
}

impl<T: Validate> Validate for Vec<T> {
    fn validate_at(&self, path: &Path<'_>, out: &mut Vec<Violation>) {
        self.as_slice().validate_at(path, out);
    }
}

impl<T: Validate> Validate for std::collections::BTreeMap<String, T> {
    fn validate_at(&self, path: &Path<'_>, out: &mut Vec<Violation>) {
        for (key, value) in self {
            value.validate_at(&path.key(key), out);
        }
    }
}

/// Where a value stands in the document being validated. Built on the stack as the
/// validator descends; turned into a JSON pointer only when a violation is recorded.
#[derive(Clone, Copy, Debug)]
pub enum Path<'a> {
    /// The document itself.
    Root,
    /// A property of an object.
    Key(&'a Path<'a>, &'a str),
    /// An element of an array.
    Index(&'a Path<'a>, usize),
}

/// Where the parameters of each location are reported: `/path/...`, `/query/...`,
/// `/header/...` and `/cookie/...`.
pub static IN_PATH: Path<'static> = Path::Key(&Path::Root, "path");
/// See [`IN_PATH`].
pub static IN_QUERY: Path<'static> = Path::Key(&Path::Root, "query");
/// See [`IN_PATH`].
pub static IN_HEADER: Path<'static> = Path::Key(&Path::Root, "header");
/// See [`IN_PATH`].
pub static IN_COOKIE: Path<'static> = Path::Key(&Path::Root, "cookie");

impl<'a> Path<'a> {
    /// The path of property `key` of the value at `self`.
    pub fn key(&'a self, key: &'a str) -> Path<'a> {
        Path::Key(self, key)
    }

    /// The path of element `index` of the array at `self`.
    pub fn index(&'a self, index: usize) -> Path<'a> {
        Path::Index(self, index)
    }

    /// The JSON pointer (RFC 6901): `~` is written `~0` and `/` is written `~1`.
    pub fn to_pointer(&self) -> String {
        let mut segments = Vec::new();
        let mut current = self;
        loop {
            match current {
                Path::Root => break,
                Path::Key(parent, key) => {
                    segments.push(key.replace('~', "~0").replace('/', "~1"));
                    current = parent;
                }
                Path::Index(parent, index) => {
                    segments.push(index.to_string());
                    current = parent;
                }
            }
        }
        segments
            .iter()
            .rev()
            .fold(String::new(), |mut pointer, segment| {
                pointer.push('/');
                pointer.push_str(segment);
                pointer
            })
    }
}

/// One value that breaks one constraint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    /// The JSON pointer of the offending value (`""` for the document itself).
    pub pointer: String,
    /// The schema keyword that is broken (`maxLength`, `enum`, `format`, ...).
    pub keyword: &'static str,
    /// What is wrong, in words a person can act on.
    pub message: String,
}

impl Violation {
    /// A violation at `path`.
    pub fn new(path: &Path<'_>, keyword: &'static str, message: impl Into<String>) -> Self {
        Self {
            pointer: path.to_pointer(),
            keyword,
            message: message.into(),
        }
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pointer = if self.pointer.is_empty() {
            "(root)"
        } else {
            &self.pointer
        };
        write!(f, "{pointer}: {} ({})", self.message, self.keyword)
    }
}

/// Every violation found in a value; never empty.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violations(pub Vec<Violation>);

impl Violations {
    /// The violations, in the order they were found.
    pub fn iter(&self) -> std::slice::Iter<'_, Violation> {
        self.0.iter()
    }
}

impl<'a> IntoIterator for &'a Violations {
    type Item = &'a Violation;
    type IntoIter = std::slice::Iter<'a, Violation>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl fmt::Display for Violations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.0.len();
        write!(f, "{count} violation{}", if count == 1 { "" } else { "s" })?;
        for violation in &self.0 {
            write!(f, "; {violation}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Violations {}
