//! Every Rust name apigen writes comes from here: case conversion, keywords, characters
//! that cannot appear in identifiers, and deterministic collision resolution.

use std::collections::HashSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Rust keywords of every edition, strict and reserved.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield", "union",
];

/// Type names the generated code uses unqualified; a schema may not take them.
const RESERVED_TYPES: &[&str] = &[
    "Self",
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "Box",
    "String",
    "Vec",
    "Default",
    "Clone",
    "Copy",
    "Send",
    "Sync",
    "Sized",
    "Unpin",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "Into",
    "AsRef",
    "AsMut",
    "Iterator",
    "IntoIterator",
    "Extend",
    "ToOwned",
    "ToString",
    "PartialEq",
    "Eq",
    "PartialOrd",
    "Ord",
    "Debug",
];

/// Whether `name` is a Rust keyword (of any edition).
pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

/// Turns any text into PascalCase made of ASCII letters, digits and underscores.
/// Returns an empty string when nothing usable is left.
pub fn pascal(text: &str) -> String {
    let camel = ascii_only(&spell_symbols(text).to_upper_camel_case());
    // An escaped non-ASCII first letter starts with `u`; a type name must start upper-case.
    let mut chars = camel.chars();
    match chars.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => camel,
    }
}

/// Turns any text into snake_case made of ASCII letters, digits and underscores.
pub fn snake(text: &str) -> String {
    let snake = spell_symbols(text).to_snake_case();
    ascii_only(&snake)
}

/// A valid type or variant name for `text`; `fallback` when nothing usable is left and
/// `digit_prefix` before a leading digit.
pub fn type_ident(text: &str, fallback: &str, digit_prefix: &str) -> String {
    let mut name = pascal(text);
    if name.is_empty() {
        name = fallback.to_owned();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name = format!("{digit_prefix}{name}");
    }
    if KEYWORDS.contains(&name.as_str()) || RESERVED_TYPES.contains(&name.as_str()) {
        name.push_str("Type");
    }
    name
}

/// A valid field, method or parameter name for `text`.
pub fn field_ident(text: &str) -> String {
    let mut name = snake(text);
    if name.is_empty() {
        name = "field".to_owned();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name = format!("n{name}");
    }
    if KEYWORDS.contains(&name.as_str()) || name == "_" {
        name.push('_');
    }
    name
}

/// Names made only of symbols (`*`, `+`, `>=`) are spelled out so they still mean something.
fn spell_symbols(text: &str) -> String {
    if text.chars().any(char::is_alphanumeric) {
        return text.to_owned();
    }
    if text.is_empty() {
        return "empty".to_owned();
    }
    text.chars()
        .map(|c| match c {
            '*' => "asterisk".to_owned(),
            '+' => "plus".to_owned(),
            '-' => "minus".to_owned(),
            '=' => "equals".to_owned(),
            '<' => "less than".to_owned(),
            '>' => "greater than".to_owned(),
            '!' => "not".to_owned(),
            '.' => "dot".to_owned(),
            '/' => "slash".to_owned(),
            '@' => "at".to_owned(),
            '#' => "hash".to_owned(),
            '$' => "dollar".to_owned(),
            '%' => "percent".to_owned(),
            '&' => "and".to_owned(),
            '|' => "or".to_owned(),
            '?' => "question".to_owned(),
            '~' => "tilde".to_owned(),
            '^' => "caret".to_owned(),
            ':' => "colon".to_owned(),
            ',' => "comma".to_owned(),
            ' ' | '_' => "space".to_owned(),
            other => format!("u{:04x}", u32::from(other)),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Replaces every non-ASCII character with `u` and its code point, so identifiers stay ASCII
/// (non-ASCII identifiers draw lints such as `mixed_script_confusables`).
fn ascii_only(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c);
        } else if !c.is_ascii() {
            out.push_str(&format!("u{:04x}", u32::from(c)));
        }
    }
    out
}

/// Whether a property name suggests it carries a secret.
pub fn is_secret_name(wire: &str) -> bool {
    let snake = wire.to_snake_case();
    let words: Vec<&str> = snake.split('_').filter(|w| !w.is_empty()).collect();
    let has = |w: &str| words.contains(&w);
    has("secret")
        || has("password")
        || has("passwd")
        || has("apikey")
        || words
            .windows(2)
            .any(|p| p == ["api", "key"] || p == ["private", "key"])
        || words.last() == Some(&"token")
}

/// A set of names already taken in one namespace.
#[derive(Debug, Default, Clone)]
pub struct Scope {
    taken: HashSet<String>,
}

impl Scope {
    /// An empty scope.
    pub fn new() -> Scope {
        Scope::default()
    }

    /// Takes `candidate`, or `candidate2`, `candidate3`, ... when it is taken.
    pub fn claim(&mut self, candidate: &str) -> String {
        if self.taken.insert(candidate.to_owned()) {
            return candidate.to_owned();
        }
        let separator = if candidate.ends_with(|c: char| c.is_ascii_digit()) {
            "_"
        } else {
            ""
        };
        (2..)
            .map(|n| format!("{candidate}{separator}{n}"))
            .find(|name| self.taken.insert(name.clone()))
            .unwrap_or_default()
    }

    /// Whether `name` is taken.
    pub fn contains(&self, name: &str) -> bool {
        self.taken.contains(name)
    }
}

/// The usual reason phrase of a status code, as a PascalCase name.
pub fn status_name(code: u16) -> String {
    let name = match code {
        100 => "Continue",
        101 => "SwitchingProtocols",
        200 => "Ok",
        201 => "Created",
        202 => "Accepted",
        203 => "NonAuthoritativeInformation",
        204 => "NoContent",
        205 => "ResetContent",
        206 => "PartialContent",
        207 => "MultiStatus",
        300 => "MultipleChoices",
        301 => "MovedPermanently",
        302 => "Found",
        303 => "SeeOther",
        304 => "NotModified",
        307 => "TemporaryRedirect",
        308 => "PermanentRedirect",
        400 => "BadRequest",
        401 => "Unauthorized",
        402 => "PaymentRequired",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        406 => "NotAcceptable",
        407 => "ProxyAuthenticationRequired",
        408 => "RequestTimeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "LengthRequired",
        412 => "PreconditionFailed",
        413 => "PayloadTooLarge",
        414 => "UriTooLong",
        415 => "UnsupportedMediaType",
        416 => "RangeNotSatisfiable",
        417 => "ExpectationFailed",
        418 => "ImATeapot",
        421 => "MisdirectedRequest",
        422 => "UnprocessableEntity",
        423 => "Locked",
        424 => "FailedDependency",
        425 => "TooEarly",
        426 => "UpgradeRequired",
        428 => "PreconditionRequired",
        429 => "TooManyRequests",
        431 => "RequestHeaderFieldsTooLarge",
        451 => "UnavailableForLegalReasons",
        500 => "InternalServerError",
        501 => "NotImplemented",
        502 => "BadGateway",
        503 => "ServiceUnavailable",
        504 => "GatewayTimeout",
        505 => "HttpVersionNotSupported",
        507 => "InsufficientStorage",
        511 => "NetworkAuthenticationRequired",
        _ => return format!("Status{code}"),
    };
    name.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pascal_and_snake() {
        assert_eq!(type_ident("task.completed", "V", "V"), "TaskCompleted");
        assert_eq!(type_ident("ACTIVE", "V", "V"), "Active");
        assert_eq!(type_ident("2xx", "V", "V"), "V2xx");
        assert_eq!(type_ident("*", "V", "V"), "Asterisk");
        assert_eq!(type_ident("", "V", "V"), "Empty");
        assert_eq!(type_ident("Option", "T", "T"), "OptionType");
        assert_eq!(type_ident("Self", "T", "T"), "SelfType");
        assert_eq!(type_ident("café", "T", "T"), "Cafu00e9");
        assert_eq!(type_ident("μ", "T", "T"), "U039c");
        assert_eq!(field_ident("eventTypes"), "event_types");
        assert_eq!(field_ident("type"), "type_");
        assert_eq!(field_ident("self"), "self_");
        assert_eq!(field_ident("1st"), "n1st");
        assert_eq!(field_ident("$ref"), "ref_");
        assert_eq!(field_ident("@@"), "at_at");
    }

    #[test]
    fn collisions_resolve_in_order() {
        let mut scope = Scope::new();
        assert_eq!(scope.claim("FooBar"), "FooBar");
        assert_eq!(scope.claim("FooBar"), "FooBar2");
        assert_eq!(scope.claim("FooBar"), "FooBar3");
        assert_eq!(scope.claim("V2"), "V2");
        assert_eq!(scope.claim("V2"), "V2_2");
    }

    #[test]
    fn secrets() {
        for name in [
            "secret",
            "client_secret",
            "password",
            "apiKey",
            "api_key",
            "access_token",
            "token",
        ] {
            assert!(is_secret_name(name), "{name}");
        }
        for name in [
            "max_tokens",
            "token_count",
            "description",
            "keyboard",
            "secretary_name",
        ] {
            assert!(!is_secret_name(name), "{name}");
        }
    }
}
