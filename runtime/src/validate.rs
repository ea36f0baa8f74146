//! Validation of values against the constraints of the API description.
//!
//! Every type in [`types`](super::types) implements [`Validate`]. `validate()` walks the
//! whole value and returns **every** violation, each with the JSON pointer (RFC 6901) of
//! the offending value, the schema keyword and a message. Deserialisation already enforces
//! types, `required` and `additionalProperties: false`; validation checks the rest.
//!
//! `pattern` means what ECMA-262 says, as JSON Schema asks: each pattern was translated
//! for the `regex` crate (`\d` and `\w` stay ASCII, literal braces stay literal), and one
//! that needs look-around or backreferences runs on `fancy-regex`, whose backtracking has
//! a step limit: a value that exhausts it is refused. A pattern no engine reads was left
//! unchecked, with a warning when generating.

// Parameter names come from the API description, whatever they are (`foo` included).
#![allow(clippy::disallowed_names)]

use std::fmt;

/// Something that can check itself against the constraints of the API description.
pub trait Validate {
    /// Checks the whole value; `Err` holds every violation found.
    fn validate(&self) -> Result<(), Violations> {
        let mut violations = Vec::new();
        self.validate_at(&Path::Root, &mut violations);
        if violations.is_empty() {
            Ok(())
        } else {
            Err(Violations(violations))
        }
    }

    /// Appends the violations of `self`, which stands at `path`, to `out`.
    fn validate_at(&self, path: &Path<'_>, out: &mut Vec<Violation>);
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

impl<T: Validate> Validate for super::runtime::Nullable<T> {
    fn validate_at(&self, path: &Path<'_>, out: &mut Vec<Violation>) {
        if let Some(value) = self.value() {
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

/// The checks the generated `Validate` impls call, one function per keyword.
pub mod check {
    use super::{Path, Violation};

    /// `minLength`, counted in Unicode code points.
    pub fn min_length(value: &str, min: u64, path: &Path<'_>, out: &mut Vec<Violation>) {
        // Cheap exit: a character takes at most 4 bytes, so `4 * min` bytes hold `min` of them.
        if value.len() as u64 >= min.saturating_mul(4) {
            return;
        }
        let length = value.chars().count() as u64;
        if length < min {
            out.push(Violation::new(
                path,
                "minLength",
                format!("must be at least {min} characters long, is {length}"),
            ));
        }
    }

    /// `maxLength`, counted in Unicode code points.
    pub fn max_length(value: &str, max: u64, path: &Path<'_>, out: &mut Vec<Violation>) {
        // Cheap exit: no string of at most `max` bytes has more than `max` characters.
        if value.len() as u64 <= max {
            return;
        }
        let length = value.chars().count() as u64;
        if length > max {
            out.push(Violation::new(
                path,
                "maxLength",
                format!("must be at most {max} characters long, is {length}"),
            ));
        }
    }

    /// `pattern`: `matched` says whether the regex matched somewhere in the value (patterns
    /// are not anchored).
    pub fn pattern(matched: bool, pattern: &str, path: &Path<'_>, out: &mut Vec<Violation>) {
        if !matched {
            out.push(Violation::new(
                path,
                "pattern",
                format!("must match the pattern `{pattern}`"),
            ));
        }
    }

    /// `minimum` (or `exclusiveMinimum` when `exclusive`).
    pub fn minimum(
        value: f64,
        min: f64,
        exclusive: bool,
        path: &Path<'_>,
        out: &mut Vec<Violation>,
    ) {
        if exclusive && value <= min {
            out.push(Violation::new(
                path,
                "exclusiveMinimum",
                format!("must be greater than {min}, is {value}"),
            ));
        } else if !exclusive && value < min {
            out.push(Violation::new(
                path,
                "minimum",
                format!("must be at least {min}, is {value}"),
            ));
        }
    }

    /// `maximum` (or `exclusiveMaximum` when `exclusive`).
    pub fn maximum(
        value: f64,
        max: f64,
        exclusive: bool,
        path: &Path<'_>,
        out: &mut Vec<Violation>,
    ) {
        if exclusive && value >= max {
            out.push(Violation::new(
                path,
                "exclusiveMaximum",
                format!("must be less than {max}, is {value}"),
            ));
        } else if !exclusive && value > max {
            out.push(Violation::new(
                path,
                "maximum",
                format!("must be at most {max}, is {value}"),
            ));
        }
    }

    /// `minimum` for integers, exact beyond 2^53.
    pub fn minimum_int(
        value: i64,
        min: i64,
        exclusive: bool,
        path: &Path<'_>,
        out: &mut Vec<Violation>,
    ) {
        let (broken, keyword, relation) = if exclusive {
            (value <= min, "exclusiveMinimum", "greater than")
        } else {
            (value < min, "minimum", "at least")
        };
        if broken {
            out.push(Violation::new(
                path,
                keyword,
                format!("must be {relation} {min}, is {value}"),
            ));
        }
    }

    /// `maximum` for integers, exact beyond 2^53.
    pub fn maximum_int(
        value: i64,
        max: i64,
        exclusive: bool,
        path: &Path<'_>,
        out: &mut Vec<Violation>,
    ) {
        let (broken, keyword, relation) = if exclusive {
            (value >= max, "exclusiveMaximum", "less than")
        } else {
            (value > max, "maximum", "at most")
        };
        if broken {
            out.push(Violation::new(
                path,
                keyword,
                format!("must be {relation} {max}, is {value}"),
            ));
        }
    }

    /// `multipleOf`, exact for decimals such as `0.01`: both numbers are compared as the
    /// shortest decimals that print them, not as binary fractions.
    pub fn multiple_of(value: f64, divisor: f64, path: &Path<'_>, out: &mut Vec<Violation>) {
        if !is_multiple(value, divisor) {
            out.push(Violation::new(
                path,
                "multipleOf",
                format!("must be a multiple of {divisor}, is {value}"),
            ));
        }
    }

    fn is_multiple(value: f64, divisor: f64) -> bool {
        if !value.is_finite() || !divisor.is_finite() || divisor <= 0.0 {
            return false;
        }
        if let (Some((vm, ve)), Some((dm, de))) = (decimal(value), decimal(divisor)) {
            // value = vm * 10^ve, divisor = dm * 10^de; bring both to the smaller exponent.
            let exponent = ve.min(de);
            let scale = |m: i128, e: i32| {
                10_i128
                    .checked_pow(u32::try_from(e - exponent).ok()?)?
                    .checked_mul(m)
            };
            if let (Some(v), Some(d)) = (scale(vm, ve), scale(dm, de)) {
                return d != 0 && v % d == 0;
            }
        }
        let quotient = value / divisor;
        quotient.is_finite() && (quotient - quotient.round()).abs() < 1e-9
    }

    /// `x` as `mantissa * 10^exponent`, from its shortest decimal form.
    fn decimal(x: f64) -> Option<(i128, i32)> {
        let text = format!("{x:e}");
        let (mantissa, exponent) = text.split_once('e')?;
        let exponent: i32 = exponent.parse().ok()?;
        let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let digits: i128 = format!("{whole}{fraction}").parse().ok()?;
        Some((digits, exponent - i32::try_from(fraction.len()).ok()?))
    }

    /// `minItems`.
    pub fn min_items(len: usize, min: u64, path: &Path<'_>, out: &mut Vec<Violation>) {
        if (len as u64) < min {
            out.push(Violation::new(
                path,
                "minItems",
                format!("must have at least {min} items, has {len}"),
            ));
        }
    }

    /// `maxItems`.
    pub fn max_items(len: usize, max: u64, path: &Path<'_>, out: &mut Vec<Violation>) {
        if len as u64 > max {
            out.push(Violation::new(
                path,
                "maxItems",
                format!("must have at most {max} items, has {len}"),
            ));
        }
    }

    /// `uniqueItems: true`, comparing items as JSON values (`1` equals `1.0`).
    pub fn unique_items<T: serde::Serialize>(
        items: &[T],
        path: &Path<'_>,
        out: &mut Vec<Violation>,
    ) {
        let values: Vec<serde_json::Value> = items
            .iter()
            .filter_map(|i| serde_json::to_value(i).ok())
            .collect();
        for (i, a) in values.iter().enumerate() {
            if let Some(j) = values[i + 1..].iter().position(|b| json_equal(a, b)) {
                let message = format!(
                    "items must be unique; items {i} and {} are equal",
                    i + 1 + j
                );
                out.push(Violation::new(path, "uniqueItems", message));
                return;
            }
        }
    }

    /// `minProperties`.
    pub fn min_properties(count: usize, min: u64, path: &Path<'_>, out: &mut Vec<Violation>) {
        if (count as u64) < min {
            out.push(Violation::new(
                path,
                "minProperties",
                format!("must have at least {min} properties, has {count}"),
            ));
        }
    }

    /// `maxProperties`.
    pub fn max_properties(count: usize, max: u64, path: &Path<'_>, out: &mut Vec<Violation>) {
        if count as u64 > max {
            out.push(Violation::new(
                path,
                "maxProperties",
                format!("must have at most {max} properties, has {count}"),
            ));
        }
    }

    /// `enum` for values that are not a Rust enum: `allowed` is a JSON array.
    pub fn enumeration<T: serde::Serialize>(
        value: &T,
        allowed: &serde_json::Value,
        path: &Path<'_>,
        out: &mut Vec<Violation>,
    ) {
        let Ok(value) = serde_json::to_value(value) else {
            return;
        };
        let listed = allowed
            .as_array()
            .is_some_and(|all| all.iter().any(|a| json_equal(a, &value)));
        if !listed {
            out.push(Violation::new(
                path,
                "enum",
                format!("must be one of {allowed}, is {value}"),
            ));
        }
    }

    /// `const`.
    pub fn constant<T: serde::Serialize>(
        value: &T,
        expected: &serde_json::Value,
        path: &Path<'_>,
        out: &mut Vec<Violation>,
    ) {
        let Ok(value) = serde_json::to_value(value) else {
            return;
        };
        if !json_equal(&value, expected) {
            out.push(Violation::new(
                path,
                "const",
                format!("must be {expected}, is {value}"),
            ));
        }
    }

    /// A value of a string enum that the API description does not list.
    pub fn unknown_variant<T: std::fmt::Display>(
        value: &str,
        listed: &[T],
        path: &Path<'_>,
        out: &mut Vec<Violation>,
    ) {
        let listed = listed
            .iter()
            .map(|v| format!("`{v}`"))
            .collect::<Vec<_>>()
            .join(", ");
        out.push(Violation::new(
            path,
            "enum",
            format!("`{value}` is not one of {listed}"),
        ));
    }

    /// `format`: one of the formats apigen checks.
    pub fn format(value: &str, format: &str, path: &Path<'_>, out: &mut Vec<Violation>) {
        let valid = match format {
            "uuid" => super::formats::is_uuid(value),
            "date-time" => super::formats::is_date_time(value),
            "date" => super::formats::is_date(value),
            "uri" => super::formats::is_uri(value),
            "email" => super::formats::is_email(value),
            "hostname" => super::formats::is_hostname(value),
            "ipv4" => value.parse::<std::net::Ipv4Addr>().is_ok(),
            "ipv6" => value.parse::<std::net::Ipv6Addr>().is_ok(),
            _ => true,
        };
        if !valid {
            out.push(Violation::new(
                path,
                "format",
                format!("must be a valid {format}"),
            ));
        }
    }

    /// JSON equality: numbers compare by value (`1` equals `1.0`), objects ignore key order.
    pub fn json_equal(a: &serde_json::Value, b: &serde_json::Value) -> bool {
        use serde_json::Value;
        match (a, b) {
            (Value::Number(x), Value::Number(y)) => {
                match (x.as_i64(), y.as_i64(), x.as_u64(), y.as_u64()) {
                    (Some(x), Some(y), _, _) => x == y,
                    (_, _, Some(x), Some(y)) => x == y,
                    _ => x.as_f64() == y.as_f64(),
                }
            }
            (Value::Array(x), Value::Array(y)) => {
                x.len() == y.len() && x.iter().zip(y).all(|(a, b)| json_equal(a, b))
            }
            (Value::Object(x), Value::Object(y)) => {
                x.len() == y.len()
                    && x.iter()
                        .all(|(k, v)| y.get(k).is_some_and(|w| json_equal(v, w)))
            }
            _ => a == b,
        }
    }
}

/// Format checks written out here, so generated crates need no extra dependency for them.
pub mod formats {
    /// `8-4-4-4-12` hexadecimal digits.
    pub fn is_uuid(value: &str) -> bool {
        let groups: Vec<&str> = value.split('-').collect();
        groups.len() == 5
            && groups
                .iter()
                .zip([8, 4, 4, 4, 12])
                .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
    }

    /// RFC 3339 `full-date`.
    pub fn is_date(value: &str) -> bool {
        let b = value.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return false;
        }
        let (Some(year), Some(month), Some(day)) =
            (digits(&b[0..4]), digits(&b[5..7]), digits(&b[8..10]))
        else {
            return false;
        };
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return false,
        };
        (1..=days).contains(&day)
    }

    /// RFC 3339 `date-time` (a leap second `:60` is accepted at 23:59 UTC).
    pub fn is_date_time(value: &str) -> bool {
        let Some(split) = value.find(['T', 't']) else {
            return false;
        };
        let (date, time) = (&value[..split], &value[split + 1..]);
        is_date(date) && is_time(time)
    }

    fn is_time(value: &str) -> bool {
        let b = value.as_bytes();
        if b.len() < 9 || b[2] != b':' || b[5] != b':' {
            return false;
        }
        let (Some(hour), Some(minute), Some(second)) =
            (digits(&b[0..2]), digits(&b[3..5]), digits(&b[6..8]))
        else {
            return false;
        };
        let mut rest = &b[8..];
        if rest.first() == Some(&b'.') {
            let fraction = rest[1..].iter().take_while(|c| c.is_ascii_digit()).count();
            if fraction == 0 {
                return false;
            }
            rest = &rest[1 + fraction..];
        }
        let offset_minutes: i32 = match rest {
            [b'Z' | b'z'] => 0,
            [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
                let (Some(h), Some(m)) = (digits(&[*h1, *h2]), digits(&[*m1, *m2])) else {
                    return false;
                };
                if h > 23 || m > 59 {
                    return false;
                }
                let total = i32::try_from(h * 60 + m).unwrap_or(0);
                if *sign == b'+' { total } else { -total }
            }
            _ => return false,
        };
        if hour > 23 || minute > 59 || second > 60 {
            return false;
        }
        if second == 60 {
            // A leap second happens at 23:59:60 UTC only.
            let utc = (i32::try_from(hour * 60 + minute).unwrap_or(0) - offset_minutes)
                .rem_euclid(24 * 60);
            return utc == 23 * 60 + 59;
        }
        true
    }

    fn digits(bytes: &[u8]) -> Option<u32> {
        if bytes.is_empty() || !bytes.iter().all(u8::is_ascii_digit) {
            return None;
        }
        bytes.iter().try_fold(0_u32, |n, b| {
            n.checked_mul(10)?.checked_add(u32::from(b - b'0'))
        })
    }

    /// An absolute URI (RFC 3986): `scheme ":" hier-part ["?" query] ["#" fragment]`, where
    /// square brackets appear only around an IP literal host. Works on bytes, each looked up
    /// once in [`URI_CHARS`]: every delimiter is ASCII, so each slice is valid UTF-8 too.
    pub fn is_uri(value: &str) -> bool {
        let bytes = value.as_bytes();
        let Some((scheme, rest)) = split_first(bytes, b':') else {
            return false;
        };
        let scheme_ok = scheme.first().is_some_and(u8::is_ascii_alphabetic)
            && scheme
                .iter()
                .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.'));
        if !scheme_ok {
            return false;
        }
        // The authority runs from `//` to the first `/`, `?` or `#`.
        let rest = match rest.strip_prefix(b"//") {
            Some(after) => {
                let Some(end) = authority_end(after) else {
                    return false;
                };
                &after[end..]
            }
            None => rest,
        };
        // The path, then the query after the first `?`, then the fragment after the first
        // `#`, in one pass.
        let mut allowed = URI_PATH;
        let mut in_fragment = false;
        let mut i = 0;
        while i < rest.len() {
            let class = URI_CHARS[usize::from(rest[i])];
            if class & allowed == 0 {
                match class {
                    URI_PERCENT if is_escape(rest, i) => {
                        i += 3;
                        continue;
                    }
                    URI_QUESTION => allowed = URI_QUERY,
                    URI_HASH if !in_fragment => {
                        in_fragment = true;
                        allowed = URI_QUERY;
                    }
                    _ => return false,
                }
            }
            i += 1;
        }
        true
    }

    /// The parts before and after the first `delimiter`.
    fn split_first(bytes: &[u8], delimiter: u8) -> Option<(&[u8], &[u8])> {
        let at = bytes.iter().position(|&c| c == delimiter)?;
        Some((&bytes[..at], &bytes[at + 1..]))
    }

    /// Checks the authority at the start of `after` (what follows `//`) and returns where it
    /// ends. One pass for the usual `[userinfo@]host[:port]`; IP literals (`[...]`) take
    /// [`is_authority`].
    fn authority_end(after: &[u8]) -> Option<usize> {
        let mut last_at = None;
        let mut last_colon = None;
        let mut i = 0;
        while i < after.len() {
            let class = URI_CHARS[usize::from(after[i])];
            if class & URI_PLAIN != 0 {
                i += 1;
                continue;
            }
            match class {
                URI_AT => last_at = Some(i),
                URI_COLON => last_colon = Some(i),
                URI_SLASH | URI_QUESTION | URI_HASH => break,
                URI_PERCENT if is_escape(after, i) => {
                    i += 3;
                    continue;
                }
                _ if matches!(after[i], b'[' | b']') => {
                    let end = after
                        .iter()
                        .position(|&c| matches!(c, b'/' | b'?' | b'#'))
                        .unwrap_or(after.len());
                    return is_authority(&after[..end]).then_some(end);
                }
                _ => return None,
            }
            i += 1;
        }
        // The userinfo (before the last `@`) may hold `:` but not `@`; the host holds neither,
        // and a port (after the host's last `:`) is digits.
        let host_start = last_at.map_or(0, |at| at + 1);
        if last_at.is_some_and(|at| after[..at].contains(&b'@')) {
            return None;
        }
        if let Some(colon) = last_colon.filter(|&colon| colon >= host_start) {
            let port_ok = after[colon + 1..i].iter().all(u8::is_ascii_digit);
            if !port_ok || after[host_start..colon].contains(&b':') {
                return None;
            }
        }
        Some(i)
    }

    fn is_authority(authority: &[u8]) -> bool {
        let (userinfo, host_port) = match authority.iter().rposition(|&c| c == b'@') {
            Some(at) => (&authority[..at], &authority[at + 1..]),
            None => (&b""[..], authority),
        };
        if !uri_chars(userinfo, URI_PLAIN | URI_COLON) {
            return false;
        }
        if let Some(literal) = host_port.strip_prefix(b"[") {
            let Some((inside, after)) = split_first(literal, b']') else {
                return false;
            };
            let port_ok = after.is_empty()
                || after
                    .strip_prefix(b":")
                    .is_some_and(|p| p.iter().all(u8::is_ascii_digit));
            let ipv6 = std::str::from_utf8(inside)
                .is_ok_and(|text| text.parse::<std::net::Ipv6Addr>().is_ok());
            return port_ok && (ipv6 || matches!(inside.first(), Some(b'v' | b'V')));
        }
        let (host, port) = match host_port.iter().rposition(|&c| c == b':') {
            Some(at) => (&host_port[..at], &host_port[at + 1..]),
            None => (host_port, &b""[..]),
        };
        port.iter().all(u8::is_ascii_digit) && uri_chars(host, URI_PLAIN)
    }

    // The classes of the bytes of a URI, one bit each in `URI_CHARS`.
    /// Unreserved characters and sub-delimiters: allowed in every part.
    const URI_PLAIN: u8 = 1;
    const URI_COLON: u8 = 1 << 1;
    const URI_AT: u8 = 1 << 2;
    const URI_SLASH: u8 = 1 << 3;
    const URI_QUESTION: u8 = 1 << 4;
    const URI_HASH: u8 = 1 << 5;
    const URI_PERCENT: u8 = 1 << 6;
    const URI_PATH: u8 = URI_PLAIN | URI_SLASH | URI_COLON | URI_AT;
    const URI_QUERY: u8 = URI_PATH | URI_QUESTION;

    /// The class of every byte; 0 for bytes a URI never holds as they are.
    const URI_CHARS: [u8; 256] = {
        let mut table = [0u8; 256];
        let mut c = 0;
        while c < 256 {
            if (c as u8).is_ascii_alphanumeric() {
                table[c] = URI_PLAIN;
            }
            c += 1;
        }
        let others = b"-._~!$&'()*+,;=";
        let mut i = 0;
        while i < others.len() {
            table[others[i] as usize] = URI_PLAIN;
            i += 1;
        }
        table[b':' as usize] = URI_COLON;
        table[b'@' as usize] = URI_AT;
        table[b'/' as usize] = URI_SLASH;
        table[b'?' as usize] = URI_QUESTION;
        table[b'#' as usize] = URI_HASH;
        table[b'%' as usize] = URI_PERCENT;
        table
    };

    /// Whether a `%XX` escape starts at `i`.
    fn is_escape(text: &[u8], i: usize) -> bool {
        text.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
            && text.get(i + 2).is_some_and(u8::is_ascii_hexdigit)
    }

    /// Whether every byte of `text` is in a class of `allowed`, or starts a `%XX` escape.
    fn uri_chars(text: &[u8], allowed: u8) -> bool {
        let mut i = 0;
        while i < text.len() {
            let class = URI_CHARS[usize::from(text[i])];
            if class & allowed != 0 {
                i += 1;
            } else if class == URI_PERCENT && is_escape(text, i) {
                i += 3;
            } else {
                return false;
            }
        }
        true
    }

    /// An email address: `local@domain` with a dot-atom or quoted local part and a
    /// hostname or IP literal domain (RFC 5321).
    pub fn is_email(value: &str) -> bool {
        let Some((local, domain)) = value.rsplit_once('@') else {
            return false;
        };
        let local_ok = if local.len() >= 2 && local.starts_with('"') && local.ends_with('"') {
            true
        } else {
            let atom = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(c);
            !local.is_empty()
                && !local.starts_with('.')
                && !local.ends_with('.')
                && !local.contains("..")
                && local.chars().all(|c| atom(c) || c == '.')
        };
        let domain_ok = match domain.strip_prefix('[').and_then(|d| d.strip_suffix(']')) {
            Some(literal) => match literal.strip_prefix("IPv6:") {
                Some(v6) => v6.parse::<std::net::Ipv6Addr>().is_ok(),
                None => literal.parse::<std::net::Ipv4Addr>().is_ok(),
            },
            None => is_hostname(domain),
        };
        local_ok && domain_ok
    }

    /// A hostname (RFC 1123): dot-separated labels of letters, digits and inner hyphens,
    /// each at most 63 characters, at most 253 in all. Punycode labels (`xn--`) are checked
    /// as plain labels: their IDNA 2008 rules are not.
    pub fn is_hostname(value: &str) -> bool {
        !value.is_empty()
            && value.len() <= 253
            && value.split('.').all(|label| {
                !label.is_empty()
                    && label.len() <= 63
                    && !label.starts_with('-')
                    && !label.ends_with('-')
                    && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            })
    }
}
