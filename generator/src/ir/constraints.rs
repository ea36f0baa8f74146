//! Reads the validation keywords and the documentation of a schema, accepting both the
//! OpenAPI 3.0 and 3.1 spellings (boolean or numeric `exclusiveMinimum`).

use super::Docs;
use crate::diag::{Severity, codes};
use crate::load::{Loc, Node, Value};

use super::schema::Lowerer;

/// A numeric bound.
#[derive(Debug, Clone, PartialEq)]
pub struct Bound {
    /// The limit.
    pub value: serde_json::Number,
    /// Whether the limit itself is excluded.
    pub exclusive: bool,
}

/// A `pattern` ready to run: the spec's ECMA-262 text translated for one Rust engine.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Pattern {
    /// The pattern as the spec writes it (for messages).
    pub source: String,
    /// The pattern in the syntax of [`Pattern::engine`].
    pub translated: String,
    /// Which engine runs it.
    pub engine: PatternEngine,
    /// Whether the translation dropped an upper bound ([`shorten_open_ends`]): messages
    /// then quote the spec's pattern, not the equivalent one that runs.
    pub shortened: bool,
}

/// The engine a pattern runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PatternEngine {
    /// The `regex` crate: linear time, no look-around or backreferences. Most patterns.
    Regex,
    /// `fancy-regex`, for look-around and backreferences: it hands what it can to `regex`
    /// and backtracks, with a step limit, only for the rest.
    Backtracking,
}

/// The validation keywords that apply at one place.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Constraints {
    /// `minLength`, in code points.
    pub min_length: Option<u64>,
    /// `maxLength`, in code points.
    pub max_length: Option<u64>,
    /// `pattern`, when some engine can run it.
    pub pattern: Option<Pattern>,
    /// `minimum` / `exclusiveMinimum`.
    pub minimum: Option<Bound>,
    /// `maximum` / `exclusiveMaximum`.
    pub maximum: Option<Bound>,
    /// `multipleOf`.
    pub multiple_of: Option<serde_json::Number>,
    /// `minItems`.
    pub min_items: Option<u64>,
    /// `maxItems`.
    pub max_items: Option<u64>,
    /// `uniqueItems`.
    pub unique_items: bool,
    /// `minProperties`.
    pub min_properties: Option<u64>,
    /// `maxProperties`.
    pub max_properties: Option<u64>,
    /// `enum` for values that do not become a Rust enum.
    pub enum_values: Option<Vec<serde_json::Value>>,
    /// `const`.
    pub const_value: Option<serde_json::Value>,
    /// `format`, for the formats checked by validation.
    pub format: Option<String>,
}

/// Keywords apigen reads but does not turn into types or checks; each one found is a warning.
const IGNORED_KEYWORDS: &[&str] = &[
    "not",
    "if",
    "then",
    "else",
    "dependentRequired",
    "dependentSchemas",
    "dependencies",
    "patternProperties",
    "propertyNames",
    "contains",
    "minContains",
    "maxContains",
    "prefixItems",
    "unevaluatedProperties",
    "unevaluatedItems",
    "$dynamicRef",
    "$anchor",
    "$dynamicAnchor",
];

impl Lowerer<'_> {
    /// The constraints of `node`, reporting malformed values.
    pub(super) fn constraints(&mut self, node: &Node, loc: &Loc) -> Constraints {
        let mut c = Constraints {
            min_length: self.count(node, loc, "minLength"),
            max_length: self.count(node, loc, "maxLength"),
            min_items: self.count(node, loc, "minItems"),
            max_items: self.count(node, loc, "maxItems"),
            min_properties: self.count(node, loc, "minProperties"),
            max_properties: self.count(node, loc, "maxProperties"),
            unique_items: node
                .get("uniqueItems")
                .and_then(Node::as_bool)
                .unwrap_or(false),
            format: node.get("format").and_then(Node::as_str).map(str::to_owned),
            const_value: node.get("const").map(Node::to_json),
            multiple_of: self.number(node, loc, "multipleOf"),
            ..Constraints::default()
        };
        if let Some(m) = &c.multiple_of {
            if m.as_f64().is_none_or(|f| f <= 0.0) {
                self.error_at(
                    node,
                    loc,
                    "multipleOf",
                    codes::INVALID_VALUE,
                    "`multipleOf` must be greater than 0",
                );
                c.multiple_of = None;
            }
        }
        match node.get("pattern").map(|p| &p.value) {
            Some(Value::String(source)) => c.pattern = self.pattern(node, loc, source.clone()),
            Some(other) => {
                let kind = Node {
                    value: other.clone(),
                    pos: node.pos,
                }
                .kind_name();
                let message =
                    format!("`pattern` must be a string, found {kind}; it is not checked");
                self.warn_at(node, loc, "pattern", codes::DEGRADED, message);
            }
            None => {}
        }
        c.minimum = self.bound(node, loc, "minimum", "exclusiveMinimum");
        c.maximum = self.bound(node, loc, "maximum", "exclusiveMaximum");
        for keyword in IGNORED_KEYWORDS {
            if node.get(keyword).is_some() {
                self.warn_at(
                    node,
                    loc,
                    keyword,
                    codes::IGNORED,
                    format!("`{keyword}` is not supported yet and is ignored"),
                );
            }
        }
        c
    }

    /// A `pattern` on the fastest engine that runs it: the `regex` crate, else
    /// `fancy-regex`. A pattern neither can run (Java-style `\p{XDigit}`, a class of bare
    /// surrogates) is left unchecked with a warning: one pattern never stops a spec.
    fn pattern(&mut self, node: &Node, loc: &Loc, source: String) -> Option<Pattern> {
        let full = ecma_regex(&source);
        let translated = shorten_open_ends(&full);
        let shortened = translated != full;
        // Specs repeat their patterns, and compiling one can take a large part of a second
        // (`.{1,2097152}`): each distinct pattern is tried once.
        let verdict = self
            .pattern_engines
            .entry(translated.clone())
            .or_insert_with(|| engine_for(&translated))
            .clone();
        let engine = match verdict {
            Ok(engine) => engine,
            Err(detail) => {
                let message = format!(
                    "`pattern` `{source}` is not checked: no Rust regex engine reads it ({detail})"
                );
                self.warn_at(node, loc, "pattern", codes::DEGRADED, message);
                return None;
            }
        };
        Some(Pattern {
            source,
            translated,
            engine,
            shortened,
        })
    }

    fn count(&mut self, node: &Node, loc: &Loc, keyword: &str) -> Option<u64> {
        let value = node.get(keyword)?;
        match value.as_u64() {
            Some(n) => Some(n),
            None => {
                let what = match &value.value {
                    Value::Number(_) => "a non-negative integer that fits in 64 bits",
                    _ => "a non-negative integer",
                };
                self.error_at(
                    node,
                    loc,
                    keyword,
                    codes::WRONG_TYPE,
                    format!("`{keyword}` must be {what}"),
                );
                None
            }
        }
    }

    fn number(&mut self, node: &Node, loc: &Loc, keyword: &str) -> Option<serde_json::Number> {
        let value = node.get(keyword)?;
        match &value.value {
            Value::Number(n) => Some(n.clone()),
            _ => {
                // A plain scalar such as `1e400` reads as a string only because no f64 holds it.
                let out_of_range = value
                    .as_str()
                    .and_then(|t| t.parse::<f64>().ok())
                    .is_some_and(|f| f.is_infinite());
                let message = if out_of_range {
                    format!("`{keyword}` is out of range: no 64-bit float holds it")
                } else {
                    format!("`{keyword}` must be a number, found {}", value.kind_name())
                };
                self.error_at(node, loc, keyword, codes::WRONG_TYPE, message);
                None
            }
        }
    }

    /// `minimum` + `exclusiveMinimum` in either form (3.0 boolean, 3.1 number).
    fn bound(&mut self, node: &Node, loc: &Loc, inclusive: &str, exclusive: &str) -> Option<Bound> {
        let plain = self.number(node, loc, inclusive);
        let flag = node.get(exclusive);
        match flag.map(|f| &f.value) {
            None => plain.map(|value| Bound {
                value,
                exclusive: false,
            }),
            Some(Value::Bool(excl)) => match plain {
                Some(value) => Some(Bound {
                    value,
                    exclusive: *excl,
                }),
                None => {
                    if *excl {
                        self.warn_at(
                            node,
                            loc,
                            exclusive,
                            codes::IGNORED,
                            format!("`{exclusive}: true` without `{inclusive}` has no effect"),
                        );
                    }
                    None
                }
            },
            Some(Value::Number(limit)) => {
                let limit = Bound {
                    value: limit.clone(),
                    exclusive: true,
                };
                // With both, the stricter bound wins.
                match plain {
                    None => Some(limit),
                    Some(value) => {
                        let (a, b) = (
                            value.as_f64().unwrap_or(0.0),
                            limit.value.as_f64().unwrap_or(0.0),
                        );
                        let stricter_exclusive = if inclusive == "minimum" {
                            b >= a
                        } else {
                            b <= a
                        };
                        Some(if stricter_exclusive {
                            limit
                        } else {
                            Bound {
                                value,
                                exclusive: false,
                            }
                        })
                    }
                }
            }
            Some(_) => {
                self.error_at(
                    node,
                    loc,
                    exclusive,
                    codes::WRONG_TYPE,
                    format!("`{exclusive}` must be a boolean (OpenAPI 3.0) or a number (3.1)"),
                );
                plain.map(|value| Bound {
                    value,
                    exclusive: false,
                })
            }
        }
    }

    /// Documentation of a schema (or of a parameter, response, operation).
    pub(super) fn docs(&self, node: &Node) -> Docs {
        let text = |key: &str| {
            node.get(key)
                .and_then(Node::as_str)
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        let example = node.get("example").map(Node::to_json).or_else(|| {
            match node.get("examples").map(|e| &e.value) {
                Some(Value::Seq(items)) => items.first().map(Node::to_json),
                _ => None,
            }
        });
        Docs {
            title: text("title"),
            description: text("description"),
            example,
            deprecated: node
                .get("deprecated")
                .and_then(Node::as_bool)
                .unwrap_or(false),
        }
    }

    pub(super) fn error_at(
        &mut self,
        node: &Node,
        loc: &Loc,
        keyword: &str,
        code: &'static str,
        message: impl Into<String>,
    ) {
        self.report(Severity::Error, node, loc, keyword, code, message.into());
    }

    pub(super) fn warn_at(
        &mut self,
        node: &Node,
        loc: &Loc,
        keyword: &str,
        code: &'static str,
        message: impl Into<String>,
    ) {
        self.report(Severity::Warning, node, loc, keyword, code, message.into());
    }

    fn report(
        &mut self,
        severity: Severity,
        node: &Node,
        loc: &Loc,
        keyword: &str,
        code: &'static str,
        message: String,
    ) {
        let (pos, loc) = match node.entry(keyword) {
            Some(entry) if !keyword.is_empty() => (entry.value.pos, loc.child(keyword)),
            _ => (node.pos, loc.clone()),
        };
        let d = self.spec.diagnostic(severity, code, &loc, pos, message);
        self.push(d);
    }

    /// Records a diagnostic; in a lenient run an error waits in `pending` until the schema
    /// or operation it belongs to settles it (see [`Lowerer::settle_errors`]).
    pub(super) fn push(&mut self, d: crate::diag::Diagnostic) {
        if d.is_error() && self.diags.is_lenient() {
            self.pending.push(d);
        } else {
            self.diags.push(d);
        }
    }

    /// How many errors wait to be settled: a mark for [`Lowerer::settle_errors`].
    pub(super) fn error_mark(&self) -> usize {
        self.pending.len()
    }

    /// In a lenient run, turns the errors recorded since `mark` into warnings that say
    /// what was done `instead`; whether there were any.
    pub(super) fn settle_errors(&mut self, mark: usize, instead: &str) -> bool {
        if self.pending.len() <= mark {
            return false;
        }
        for d in self.pending.drain(mark..).collect::<Vec<_>>() {
            self.diags.push(d.into_lenient_warning(instead));
        }
        true
    }
}

/// The last line of an engine's error message, without its `error: ` prefix.
/// The engine that runs a translated pattern, or why none does.
pub(super) fn engine_for(translated: &str) -> Result<PatternEngine, String> {
    match regex::Regex::new(translated) {
        Ok(_) => Ok(PatternEngine::Regex),
        Err(plain) => match fancy_regex::Regex::new(translated) {
            Ok(_) => Ok(PatternEngine::Backtracking),
            Err(_) => Err(match &plain {
                regex::Error::CompiledTooBig(_) => "it is too large to compile".to_owned(),
                _ => last_line(&plain.to_string()),
            }),
        },
    }
}

fn last_line(text: &str) -> String {
    let last = text.lines().last().unwrap_or_default().trim();
    last.strip_prefix("error: ").unwrap_or(last).to_owned()
}

/// Upper bounds at or below this are kept as written: they compile quickly.
const LARGE_BOUND: u32 = 255;

/// A `pattern` is searched for anywhere in the string (JSON Schema does not anchor it), so
/// a counted repetition at an end the pattern does not anchor needs only its lower bound:
/// `\S{1,8192}` matches exactly the strings `\S{1}` matches, and `^.{1,2097152}` those of
/// `^.{1}`. Large upper bounds there cost the regex crate half a second and megabytes to
/// compile (or make it give up), in apigen and in the generated validator, so they are
/// dropped. Only the pattern that runs changes; messages quote the spec's.
pub fn shorten_open_ends(translated: &str) -> String {
    use regex_syntax::ast::{Ast, RepetitionKind, RepetitionRange};
    let Ok(ast) = regex_syntax::ast::parse::Parser::new().parse(translated) else {
        return translated.to_owned();
    };
    let ends: Vec<&Ast> = match &ast {
        Ast::Repetition(_) => vec![&ast],
        Ast::Concat(concat) => {
            let mut ends: Vec<&Ast> = concat.asts.first().into_iter().collect();
            if concat.asts.len() > 1 {
                ends.extend(concat.asts.last());
            }
            ends
        }
        _ => Vec::new(),
    };
    // (start, end, lower bound) of each operator to shorten, last first.
    let mut edits: Vec<(usize, usize, u32)> = ends
        .into_iter()
        .filter_map(|end| match end {
            Ast::Repetition(repetition) => match repetition.op.kind {
                RepetitionKind::Range(RepetitionRange::Bounded(low, high))
                    if high > LARGE_BOUND && high > low =>
                {
                    Some((
                        repetition.op.span.start.offset,
                        repetition.op.span.end.offset,
                        low,
                    ))
                }
                _ => None,
            },
            _ => None,
        })
        .collect();
    edits.sort_by_key(|edit| std::cmp::Reverse(edit.0));
    let mut out = translated.to_owned();
    for (start, end, low) in edits {
        out.replace_range(start..end, &format!("{{{low}}}"));
    }
    out
}

/// Rewrites an ECMA-262 pattern (what JSON Schema's `pattern` is) for the regex crate, so it
/// means what it means in JSON Schema: a `{` that does not start a quantifier (`{n}`,
/// `{n,}`, `{n,m}`) is a literal brace there, and so is a `}` without its `{`, which the
/// regex crate rejects, so both are escaped; `\d`, `\D`, `\w`, `\W` are ASCII there and
/// Unicode here, so they become ASCII classes; `\cX` becomes the `\xNN` it stands for.
pub fn ecma_regex(pattern: &str) -> String {
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = String::with_capacity(pattern.len() + 4);
    let mut i = 0;
    let mut in_class = false;
    let mut open_quantifier = false;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' => {
                let Some(&next) = chars.get(i + 1) else {
                    out.push(c);
                    break;
                };
                // ECMA-262 classes are ASCII (`\d` is 0-9), the regex crate's are Unicode:
                // spell them as ASCII classes. `\cJ` (a control letter) becomes `\x0A`.
                let ascii = match next {
                    'd' => Some("digit"),
                    'D' => Some("^digit"),
                    'w' => Some("word"),
                    'W' => Some("^word"),
                    _ => None,
                };
                if let Some(class) = ascii {
                    if in_class {
                        out.push_str(&format!("[:{class}:]"));
                    } else {
                        out.push_str(&format!("[[:{class}:]]"));
                    }
                    i += 2;
                    continue;
                }
                if next == 'c' {
                    if let Some(letter) = chars.get(i + 2).filter(|l| l.is_ascii_alphabetic()) {
                        out.push_str(&format!("\\x{:02X}", (*letter as u8) % 32));
                        i += 3;
                        continue;
                    }
                }
                out.push(c);
                out.push(next);
                i += 2;
                // `\p{Letter}`, `\u{1F600}`: the braces belong to the escape.
                if matches!(next, 'p' | 'P' | 'u' | 'x') && chars.get(i) == Some(&'{') {
                    while let Some(&inner) = chars.get(i) {
                        out.push(inner);
                        i += 1;
                        if inner == '}' {
                            break;
                        }
                    }
                }
                continue;
            }
            '[' if !in_class => {
                in_class = true;
                out.push(c);
                i += 1;
                // A negation belongs to the bracket, not to the class's contents.
                if chars.get(i) == Some(&'^') {
                    out.push('^');
                    i += 1;
                }
                continue;
            }
            ']' if in_class => in_class = false,
            // Inside a class these are literals in ECMA-262 but nested classes and set
            // operators (`[[a]`, `&&`, `~~`) for the regex crate.
            '[' | '&' | '~' if in_class => {
                out.push('\\');
                out.push(c);
                i += 1;
                continue;
            }
            '{' if !in_class => {
                let rest: String = chars[i + 1..].iter().take_while(|c| **c != '}').collect();
                let closed = chars.len() > i + 1 + rest.len();
                let (low, high) = rest.split_once(',').unwrap_or((&rest, ""));
                let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
                let after_atom = i > 0 && !matches!(chars[i - 1], '(' | '|' | '^');
                if closed && after_atom && digits(low) && (high.is_empty() || digits(high)) {
                    open_quantifier = true;
                } else {
                    out.push_str("\\{");
                    i += 1;
                    continue;
                }
            }
            '}' if !in_class => {
                if !open_quantifier {
                    out.push_str("\\}");
                    i += 1;
                    continue;
                }
                open_quantifier = false;
            }
            _ => {}
        }
        out.push(c);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{ecma_regex, shorten_open_ends};

    #[test]
    fn large_bounds_at_open_ends_keep_only_their_lower_bound() {
        for (pattern, shortened) in [
            (r"\S{1,8192}", r"\S{1}"),
            ("^.{1,2097152}", "^.{1}"),
            (r"[\P{M}\p{M}]{0,10000}", r"[\P{M}\p{M}]{0}"),
            ("a{2,300}b{1,400}?", "a{2}b{1}"),
            // Anchored ends, small bounds, other shapes: as written.
            ("^.{1,256}$", "^.{1,256}$"),
            ("x.{0,1023}$", "x.{0,1023}$"),
            ("^[a-z]{2,5}", "^[a-z]{2,5}"),
            ("a|b{1,1000}", "a|b{1,1000}"),
            ("(?i)a{1,1000}", "(?i)a{1}"),
            ("(a{1,1000})", "(a{1,1000})"),
            ("(?<=a)b", "(?<=a)b"),
        ] {
            assert_eq!(shorten_open_ends(pattern), shortened, "{pattern}");
        }
        // The same strings match, searched anywhere as JSON Schema does.
        for (pattern, samples) in [
            (r"\S{1,800}", &["", " ", " x ", "xyz"][..]),
            ("^.{1,300}", &["", "\n", "a", "\na"][..]),
            ("a{2,300}b{1,400}?", &["ab", "aab", "aaabbb", "ba"][..]),
        ] {
            let long = regex::Regex::new(pattern).expect("compiles");
            let short = regex::Regex::new(&shorten_open_ends(pattern)).expect("compiles");
            for sample in samples {
                assert_eq!(
                    long.is_match(sample),
                    short.is_match(sample),
                    "{pattern} {sample:?}"
                );
            }
        }
    }

    #[test]
    fn literal_braces_are_escaped_and_quantifiers_kept() {
        assert_eq!(ecma_regex("^[a-z]{3}$"), "^[a-z]{3}$");
        assert_eq!(ecma_regex("a{2,}b{1,3}"), "a{2,}b{1,3}");
        assert_eq!(ecma_regex("^(?:{[0-9]{4}})$"), "^(?:\\{[0-9]{4}\\})$");
        assert_eq!(ecma_regex("{x}"), "\\{x\\}");
        assert_eq!(ecma_regex("[{}]"), "[{}]");
        assert_eq!(ecma_regex("\\{"), "\\{");
        assert_eq!(ecma_regex("^\\p{Letter}+$"), "^\\p{Letter}+$");
    }

    #[test]
    fn class_brackets_and_set_operators_are_literal() {
        assert_eq!(ecma_regex("[[A-Z0-9]{1,18}"), "[\\[A-Z0-9]{1,18}");
        assert_eq!(ecma_regex("[a&&b~~c]"), "[a\\&\\&b\\~\\~c]");
        assert_eq!(ecma_regex("[^[]"), "[^\\[]");
        for (pattern, text, matches) in [
            ("^[[A-Z]+$", "[AB", true),
            ("^[[A-Z]+$", "ab", false),
            ("^[a&&b]$", "&", true),
        ] {
            let re = regex::Regex::new(&ecma_regex(pattern)).expect("valid");
            assert_eq!(re.is_match(text), matches, "{pattern} on {text:?}");
        }
    }

    #[test]
    fn ecma_classes_stay_ascii_and_control_escapes_translate() {
        assert_eq!(ecma_regex("^\\d{3}$"), "^[[:digit:]]{3}$");
        assert_eq!(ecma_regex("[\\d.-]"), "[[:digit:].-]");
        assert_eq!(ecma_regex("\\W\\D"), "[[:^word:]][[:^digit:]]");
        assert_eq!(ecma_regex("^\\cJ$"), "^\\x0A$");
        assert_eq!(
            ecma_regex("\\\\d"),
            "\\\\d",
            "an escaped backslash then `d`"
        );
        for (pattern, text, matches) in [
            ("^\\d+$", "123", true),
            ("^\\d+$", "\u{0661}\u{0662}", false),
            ("^\\w+$", "é", false),
        ] {
            let re = regex::Regex::new(&ecma_regex(pattern)).expect("valid");
            assert_eq!(re.is_match(text), matches, "{pattern} on {text:?}");
        }
    }
}

/// Which engine reads each distinct `pattern` of the JSON documents under
/// `$APIGEN_JSON_CORPUS`, with and without [`shorten_open_ends`]: the README's figures.
/// `cargo test --release -p apigen --lib -- --ignored --nocapture pattern_verdicts`.
#[cfg(test)]
mod corpus {
    use std::collections::BTreeSet;

    use super::{PatternEngine, ecma_regex, engine_for, shorten_open_ends};

    fn patterns(value: &serde_json::Value, out: &mut BTreeSet<String>) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, value) in map {
                    match value {
                        serde_json::Value::String(p) if key == "pattern" => {
                            out.insert(p.clone());
                        }
                        _ => patterns(value, out),
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| patterns(v, out)),
            _ => {}
        }
    }

    #[test]
    #[ignore = "needs a corpus: set APIGEN_JSON_CORPUS"]
    fn pattern_verdicts() {
        let Some(paths) = crate::corpus_files::json_documents() else {
            return;
        };
        let mut all = BTreeSet::new();
        for path in paths {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            if let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) {
                patterns(&value, &mut all);
            }
        }
        let tally = |shorten: bool| {
            let (mut regex, mut backtracking, mut neither) = (0, 0, 0);
            for pattern in &all {
                let translated = ecma_regex(pattern);
                let translated = if shorten {
                    shorten_open_ends(&translated)
                } else {
                    translated
                };
                match engine_for(&translated) {
                    Ok(PatternEngine::Regex) => regex += 1,
                    Ok(PatternEngine::Backtracking) => backtracking += 1,
                    Err(_) => neither += 1,
                }
            }
            (regex, backtracking, neither)
        };
        let shortened = all
            .iter()
            .filter(|p| shorten_open_ends(&ecma_regex(p)) != ecma_regex(p))
            .count();
        eprintln!(
            "{} distinct patterns, {shortened} shortened; (regex, fancy-regex, neither): as written {:?}, shortened {:?}",
            all.len(),
            tally(false),
            tally(true)
        );
    }
}
