//! Reads YAML 1.2 (and so JSON) into a [`Node`] tree with positions. Anchors, aliases and
//! YAML 1.1 merge keys (`<<`) are expanded; duplicate keys and runaway expansion are errors.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, Span};

use super::node::{Entry, Node, Value};
use crate::diag::Pos;

/// Deepest nesting accepted; deeper documents are rejected rather than risking the stack.
pub const MAX_DEPTH: usize = 512;
/// Most nodes a document may expand to (aliases count each time they are used).
pub const MAX_NODES: usize = 5_000_000;

/// Why a document could not be read.
#[derive(Debug, PartialEq)]
pub struct ReadError {
    /// Which diagnostic code applies.
    pub code: &'static str,
    /// What is wrong.
    pub message: String,
    /// Where.
    pub pos: Pos,
    /// The JSON pointer of the innermost node being read.
    pub pointer: String,
}

/// Parses `text` into a tree.
pub fn read(text: &str) -> Result<Node, ReadError> {
    let looks_like_json = text.trim_start().starts_with(['{', '[']);
    let text = if looks_like_json {
        join_surrogate_escapes(text)
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    let mut reader = Reader {
        events: Parser::new_from_str(&text),
        anchors: HashMap::new(),
        nodes: 0,
        path: Vec::new(),
    };
    reader.document()
}

/// JSON spells a character beyond U+FFFF as a UTF-16 surrogate pair (`"\ud83d\ude00"`,
/// what Python's `json.dump` writes for every emoji); YAML's `\u` is one code point, and a
/// surrogate is none. So in a JSON document each pair becomes the `\U0001F600` YAML reads,
/// and a lone surrogate, which no string can hold, becomes U+FFFD. In JSON every backslash
/// is inside a string, so escapes can be found without parsing.
pub fn join_surrogate_escapes(text: &str) -> std::borrow::Cow<'_, str> {
    fn unit(bytes: &[u8], at: usize) -> Option<u32> {
        let hex = bytes.get(at..at + 6)?;
        if hex[0] != b'\\' || hex[1] != b'u' {
            return None;
        }
        u32::from_str_radix(std::str::from_utf8(&hex[2..]).ok()?, 16).ok()
    }
    let bytes = text.as_bytes();
    let is_surrogate = |u: u32| (0xD800..0xE000).contains(&u);
    let has_surrogate = (0..bytes.len()).any(|i| unit(bytes, i).is_some_and(is_surrogate));
    if !has_surrogate {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        let Some(high) = unit(bytes, i).filter(|u| is_surrogate(*u)) else {
            // Any other escape, `\\` included, is two bytes to step over.
            i += 2;
            continue;
        };
        out.push_str(&text[copied..i]);
        let low = unit(bytes, i + 6).filter(|u| (0xDC00..0xE000).contains(u));
        match low {
            Some(low) if high < 0xDC00 => {
                let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                out.push_str(&format!("\\U{code:08X}"));
                i += 12;
            }
            _ => {
                out.push_str("\\uFFFD");
                i += 6;
            }
        }
        copied = i;
    }
    out.push_str(&text[copied..]);
    std::borrow::Cow::Owned(out)
}

struct Reader<'a> {
    events: Parser<'a, saphyr_parser::StrInput<'a>>,
    anchors: HashMap<usize, Node>,
    nodes: usize,
    path: Vec<String>,
}

fn pos_of(span: &Span) -> Pos {
    Pos {
        line: span.start.line(),
        col: span.start.col() + 1,
    }
}

impl<'a> Reader<'a> {
    fn pointer(&self) -> String {
        self.path
            .iter()
            .map(|s| format!("/{}", super::node::escape_segment(s)))
            .collect()
    }

    fn error(&self, code: &'static str, message: String, pos: Pos) -> ReadError {
        ReadError {
            code,
            message,
            pos,
            pointer: self.pointer(),
        }
    }

    fn scan_error(&self, e: &ScanError) -> ReadError {
        let m = e.marker();
        self.error(
            crate::diag::codes::SYNTAX,
            format!("the document does not parse: {}", e.info()),
            Pos {
                line: m.line(),
                col: m.col() + 1,
            },
        )
    }

    fn next(&mut self) -> Result<(Event<'a>, Span), ReadError> {
        match self.events.next_event() {
            Some(Ok(event)) => Ok(event),
            Some(Err(e)) => Err(self.scan_error(&e)),
            None => Err(self.error(
                crate::diag::codes::SYNTAX,
                "the document ends unexpectedly".into(),
                Pos { line: 1, col: 1 },
            )),
        }
    }

    fn document(&mut self) -> Result<Node, ReadError> {
        let mut root = None;
        loop {
            let (event, span) = self.next()?;
            match event {
                Event::StreamStart | Event::DocumentEnd | Event::Nothing => {}
                Event::DocumentStart(_) if root.is_some() => {
                    return Err(self.error(
                        crate::diag::codes::SYNTAX,
                        "the file holds more than one YAML document".into(),
                        pos_of(&span),
                    ));
                }
                Event::DocumentStart(_) => {
                    let (event, span) = self.next()?;
                    root = Some(self.node(event, span, 0)?);
                }
                Event::StreamEnd => {
                    return root.ok_or_else(|| {
                        self.error(
                            crate::diag::codes::SYNTAX,
                            "the file is empty".into(),
                            Pos { line: 1, col: 1 },
                        )
                    });
                }
                _ => {
                    return Err(self.error(
                        crate::diag::codes::SYNTAX,
                        "unexpected content outside the document".into(),
                        pos_of(&span),
                    ));
                }
            }
        }
    }

    fn count(&mut self, n: usize, pos: Pos) -> Result<(), ReadError> {
        self.nodes = self.nodes.saturating_add(n);
        if self.nodes > MAX_NODES {
            return Err(self.error(
                crate::diag::codes::TOO_LARGE,
                format!("the document expands to more than {MAX_NODES} nodes (alias expansion?)"),
                pos,
            ));
        }
        Ok(())
    }

    fn node(&mut self, event: Event<'a>, span: Span, depth: usize) -> Result<Node, ReadError> {
        let pos = pos_of(&span);
        if depth > MAX_DEPTH {
            return Err(self.error(
                crate::diag::codes::TOO_LARGE,
                format!("the document nests deeper than {MAX_DEPTH} levels"),
                pos,
            ));
        }
        self.count(1, pos)?;
        let (node, anchor) = match event {
            Event::Scalar(text, style, anchor, tag) => {
                let value = scalar(&text, style, tag.as_deref().map(|t| t.suffix.as_str()));
                (Node { value, pos }, anchor)
            }
            Event::SequenceStart(anchor, _) => (self.sequence(pos, depth)?, anchor),
            Event::MappingStart(anchor, _) => (self.mapping(pos, depth)?, anchor),
            Event::Alias(id) => {
                let Some(target) = self.anchors.get(&id).cloned() else {
                    return Err(self.error(
                        crate::diag::codes::SYNTAX,
                        "an alias refers to an unknown anchor".into(),
                        pos,
                    ));
                };
                self.count(node_count(&target), pos)?;
                return Ok(target);
            }
            other => {
                return Err(self.error(
                    crate::diag::codes::SYNTAX,
                    format!("unexpected YAML event {other:?}"),
                    pos,
                ));
            }
        };
        if anchor != 0 {
            self.anchors.insert(anchor, node.clone());
        }
        Ok(node)
    }

    fn sequence(&mut self, pos: Pos, depth: usize) -> Result<Node, ReadError> {
        let mut items = Vec::new();
        loop {
            let (event, span) = self.next()?;
            if matches!(event, Event::SequenceEnd) {
                return Ok(Node {
                    value: Value::Seq(items),
                    pos,
                });
            }
            self.path.push(items.len().to_string());
            let item = self.node(event, span, depth + 1)?;
            self.path.pop();
            items.push(item);
        }
    }

    fn mapping(&mut self, pos: Pos, depth: usize) -> Result<Node, ReadError> {
        let mut entries: Vec<Entry> = Vec::new();
        let mut merges: Vec<Node> = Vec::new();
        loop {
            let (event, span) = self.next()?;
            let key_pos = pos_of(&span);
            let (key, plain_merge) = match event {
                Event::MappingEnd => break,
                Event::Scalar(text, style, _, _) => {
                    let merge = text == "<<" && style == ScalarStyle::Plain;
                    (text.into_owned(), merge)
                }
                Event::Alias(id) => match self.anchors.get(&id).map(|n| &n.value) {
                    Some(Value::String(s)) => (s.clone(), false),
                    _ => {
                        return Err(self.error(
                            crate::diag::codes::SYNTAX,
                            "a mapping key is an alias to a non-string value".into(),
                            key_pos,
                        ));
                    }
                },
                _ => {
                    return Err(self.error(
                        crate::diag::codes::SYNTAX,
                        "mapping keys must be strings or numbers".into(),
                        key_pos,
                    ));
                }
            };
            self.path.push(key.clone());
            let (event, span) = self.next()?;
            let value = self.node(event, span, depth + 1)?;
            if plain_merge {
                merges.push(value);
                self.path.pop();
                continue;
            }
            if entries.iter().any(|e| e.key == key) {
                return Err(self.error(
                    crate::diag::codes::DUPLICATE_KEY,
                    format!("the key `{key}` appears twice in this mapping"),
                    key_pos,
                ));
            }
            self.path.pop();
            entries.push(Entry {
                key,
                key_pos,
                value,
            });
        }
        for merge in merges {
            self.merge_into(&mut entries, merge, pos)?;
        }
        Ok(Node {
            value: Value::Map(entries),
            pos,
        })
    }

    /// Applies a YAML merge key: keys already present win over merged ones.
    fn merge_into(&self, entries: &mut Vec<Entry>, merge: Node, pos: Pos) -> Result<(), ReadError> {
        let sources = match merge.value {
            Value::Map(_) => vec![merge],
            Value::Seq(items) => items,
            _ => {
                return Err(self.error(
                    crate::diag::codes::SYNTAX,
                    "a merge key (`<<`) must be given a mapping or a list of mappings".into(),
                    merge.pos,
                ));
            }
        };
        for source in sources {
            let Value::Map(source_entries) = source.value else {
                return Err(self.error(
                    crate::diag::codes::SYNTAX,
                    "a merge key (`<<`) must be given a mapping or a list of mappings".into(),
                    pos,
                ));
            };
            for entry in source_entries {
                if !entries.iter().any(|e| e.key == entry.key) {
                    entries.push(entry);
                }
            }
        }
        Ok(())
    }
}

fn node_count(node: &Node) -> usize {
    match &node.value {
        Value::Seq(items) => 1 + items.iter().map(node_count).sum::<usize>(),
        Value::Map(entries) => 1 + entries.iter().map(|e| node_count(&e.value)).sum::<usize>(),
        _ => 1,
    }
}

/// Resolves a scalar by the YAML 1.2 core schema; quoted scalars are always strings.
fn scalar(text: &str, style: ScalarStyle, tag: Option<&str>) -> Value {
    match tag {
        Some("str") => return Value::String(text.to_string()),
        Some("null") => return Value::Null,
        _ => {}
    }
    if style != ScalarStyle::Plain {
        return Value::String(text.to_string());
    }
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    number(text).map_or_else(|| Value::String(text.to_string()), Value::Number)
}

fn number(text: &str) -> Option<serde_json::Number> {
    let first = text.chars().next()?;
    if !(first.is_ascii_digit() || first == '-' || first == '+' || first == '.') {
        return None;
    }
    let unsigned = text.strip_prefix('+').unwrap_or(text);
    if let Some(hex) = unsigned.strip_prefix("0x") {
        return u64::from_str_radix(hex, 16).ok().map(Into::into);
    }
    if let Some(oct) = unsigned.strip_prefix("0o") {
        return u64::from_str_radix(oct, 8).ok().map(Into::into);
    }
    if let Ok(i) = unsigned.parse::<i64>() {
        return Some(i.into());
    }
    if let Ok(u) = unsigned.parse::<u64>() {
        return Some(u.into());
    }
    let looks_numeric = unsigned
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '-' | '+'));
    if !looks_numeric || !unsigned.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    unsigned
        .parse::<f64>()
        .ok()
        .and_then(serde_json::Number::from_f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_positions_and_types() {
        let node = read("a: 1\nb:\n  - x\n  - 'y'\nc: null\nd: 1.5\n").expect("parses");
        let b = node.entry("b").expect("b");
        assert_eq!(b.key_pos, Pos { line: 2, col: 1 });
        assert_eq!(b.value.as_seq().map(<[Node]>::len), Some(2));
        assert_eq!(node.get("a").and_then(Node::as_u64), Some(1));
        assert_eq!(node.get("c").map(|n| &n.value), Some(&Value::Null));
        assert_eq!(node.get("d").and_then(Node::as_f64), Some(1.5));
    }

    #[test]
    fn json_is_read_too() {
        let node = read("{\"a\": [1, \"2\", true], \"b\": {\"c\": null}}").expect("parses");
        assert_eq!(
            node.to_json(),
            serde_json::json!({"a": [1, "2", true], "b": {"c": null}})
        );
    }

    #[test]
    fn json_surrogate_pairs_are_one_character() {
        let node =
            read(r#"{"title": "t \ud83d\ude00", "lone": "\ud83d!", "kept": "\\ud83d \u00e9"}"#)
                .expect("parses");
        assert_eq!(
            node.to_json(),
            serde_json::json!({"title": "t \u{1F600}", "lone": "\u{FFFD}!", "kept": "\\ud83d é"})
        );
        assert!(matches!(
            join_surrogate_escapes(r#"{"a": "\u00e9"}"#),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn merge_keys_and_aliases_expand() {
        let text = "base: &b\n  x: 1\n  y: 2\nderived:\n  <<: *b\n  y: 3\n";
        let node = read(text).expect("parses");
        assert_eq!(
            node.get("derived").map(Node::to_json),
            Some(serde_json::json!({"y": 3, "x": 1}))
        );
    }

    #[test]
    fn duplicate_keys_are_errors() {
        let err = read("a: 1\nb: 2\na: 3\n").expect_err("duplicate");
        assert_eq!(err.code, crate::diag::codes::DUPLICATE_KEY);
        assert_eq!(err.pos, Pos { line: 3, col: 1 });
        assert_eq!(err.pointer, "/a");
    }

    #[test]
    fn alias_bombs_are_refused() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let p = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        let err = read(&text).expect_err("bomb");
        assert_eq!(err.code, crate::diag::codes::TOO_LARGE);
    }

    #[test]
    fn syntax_errors_have_positions() {
        let err = read("a: [1, 2\nb: 3\n").expect_err("broken");
        assert_eq!(err.code, crate::diag::codes::SYNTAX);
        assert!(err.pos.line >= 1);
    }
}
