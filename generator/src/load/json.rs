//! A JSON reader for the common case: most published specs are JSON, and the YAML reader
//! reads them at a tenth of the speed. It builds the same [`Node`] tree, positions
//! included, and applies the same limits. A document it cannot read as strict JSON (a
//! comment, a trailing comma, an unquoted key) goes back to the YAML reader, which accepts
//! more.

use std::collections::HashSet;

use super::node::{Entry, Node, Value};
use super::yaml::{MAX_DEPTH, MAX_NODES, ReadError};
use crate::diag::{Pos, codes};

/// Why the JSON reader gave up.
pub enum Failure {
    /// Not strict JSON: let the YAML reader try.
    NotJson,
    /// Strict JSON that breaks a rule both readers apply (a duplicate key, too deep, too
    /// many nodes): the document's error.
    Refused(ReadError),
}

/// Mappings with more entries than this look duplicate keys up in a set, not by scanning.
const SCAN_LIMIT: usize = 16;

/// Reads `text` as strict JSON.
pub fn read(text: &str) -> Result<Node, Failure> {
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        at: 0,
        line: 1,
        line_start: 0,
        line_chars: 0,
        chars_to: 0,
        nodes: 0,
        path: Vec::new(),
    };
    reader.skip_space();
    let root = reader.value(0)?;
    reader.skip_space();
    if reader.at != reader.bytes.len() {
        return Err(Failure::NotJson);
    }
    Ok(root)
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
    line: usize,
    /// Byte offset where the current line starts.
    line_start: usize,
    /// Characters between `line_start` and `chars_to`, so that a column is counted
    /// incrementally even on a document that is one long line.
    line_chars: usize,
    chars_to: usize,
    nodes: usize,
    path: Vec<String>,
}

impl Reader<'_> {
    fn pos(&mut self) -> Pos {
        let counted = &self.bytes[self.chars_to..self.at];
        self.line_chars += counted.iter().filter(|&&b| b & 0xC0 != 0x80).count();
        self.chars_to = self.at;
        Pos {
            line: self.line,
            col: self.line_chars + 1,
        }
    }

    fn refuse(&self, code: &'static str, message: String, pos: Pos) -> Failure {
        Failure::Refused(ReadError {
            code,
            message,
            pos,
            pointer: self
                .path
                .iter()
                .map(|s| format!("/{}", super::node::escape_segment(s)))
                .collect(),
        })
    }

    fn skip_space(&mut self) {
        while let Some(&b) = self.bytes.get(self.at) {
            match b {
                b' ' | b'\t' | b'\r' => self.at += 1,
                b'\n' => {
                    self.at += 1;
                    self.line += 1;
                    self.line_start = self.at;
                    self.line_chars = 0;
                    self.chars_to = self.at;
                }
                _ => break,
            }
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node, Failure> {
        let pos = self.pos();
        if depth > MAX_DEPTH {
            return Err(self.refuse(
                codes::TOO_LARGE,
                format!("the document nests deeper than {MAX_DEPTH} levels"),
                pos,
            ));
        }
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return Err(self.refuse(
                codes::TOO_LARGE,
                format!("the document expands to more than {MAX_NODES} nodes (alias expansion?)"),
                pos,
            ));
        }
        let value = match self.bytes.get(self.at) {
            Some(b'{') => self.object(depth)?,
            Some(b'[') => self.array(depth)?,
            Some(b'"') => Value::String(self.string()?),
            Some(b't') => self.word("true", Value::Bool(true))?,
            Some(b'f') => self.word("false", Value::Bool(false))?,
            Some(b'n') => self.word("null", Value::Null)?,
            Some(b'-' | b'0'..=b'9') => Value::Number(self.number()?),
            _ => return Err(Failure::NotJson),
        };
        Ok(Node { value, pos })
    }

    fn word(&mut self, word: &str, value: Value) -> Result<Value, Failure> {
        if self.bytes[self.at..].starts_with(word.as_bytes()) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(Failure::NotJson)
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, Failure> {
        self.at += 1;
        let mut entries: Vec<Entry> = Vec::new();
        let mut keys: HashSet<String> = HashSet::new();
        self.skip_space();
        if self.bytes.get(self.at) == Some(&b'}') {
            self.at += 1;
            return Ok(Value::Map(entries));
        }
        loop {
            self.skip_space();
            if self.bytes.get(self.at) != Some(&b'"') {
                return Err(Failure::NotJson);
            }
            let key_pos = self.pos();
            let key = self.string()?;
            self.skip_space();
            if self.bytes.get(self.at) != Some(&b':') {
                return Err(Failure::NotJson);
            }
            self.at += 1;
            self.skip_space();
            self.path.push(key);
            let value = self.value(depth + 1)?;
            let key = self.path.pop().unwrap_or_default();
            let duplicate = if entries.len() < SCAN_LIMIT {
                entries.iter().any(|e| e.key == key)
            } else {
                if keys.is_empty() {
                    keys.extend(entries.iter().map(|e| e.key.clone()));
                }
                !keys.insert(key.clone())
            };
            if duplicate {
                self.path.push(key.clone());
                return Err(self.refuse(
                    codes::DUPLICATE_KEY,
                    format!("the key `{key}` appears twice in this mapping"),
                    key_pos,
                ));
            }
            entries.push(Entry {
                key,
                key_pos,
                value,
            });
            if self.closes(b'}')? {
                return Ok(Value::Map(entries));
            }
        }
    }

    /// After a member: `true` past the closing `close`, `false` past a comma.
    fn closes(&mut self, close: u8) -> Result<bool, Failure> {
        self.skip_space();
        let closed = match self.bytes.get(self.at) {
            Some(b',') => false,
            Some(&b) if b == close => true,
            _ => return Err(Failure::NotJson),
        };
        self.at += 1;
        Ok(closed)
    }

    fn array(&mut self, depth: usize) -> Result<Value, Failure> {
        self.at += 1;
        let mut items = Vec::new();
        self.skip_space();
        if self.bytes.get(self.at) == Some(&b']') {
            self.at += 1;
            return Ok(Value::Seq(items));
        }
        loop {
            self.skip_space();
            self.path.push(items.len().to_string());
            let item = self.value(depth + 1)?;
            self.path.pop();
            items.push(item);
            if self.closes(b']')? {
                return Ok(Value::Seq(items));
            }
        }
    }

    /// A string starting at the opening quote; the position moves past the closing one.
    fn string(&mut self) -> Result<String, Failure> {
        self.at += 1;
        let start = self.at;
        // The common case: no escapes, copied in one piece.
        while let Some(&b) = self.bytes.get(self.at) {
            match b {
                b'"' => {
                    let text = self.text[start..self.at].to_owned();
                    self.at += 1;
                    return Ok(text);
                }
                b'\\' => break,
                0..0x20 => return Err(Failure::NotJson),
                _ => self.at += 1,
            }
        }
        let mut out = self.text[start..self.at].to_owned();
        loop {
            let run = self.at;
            while let Some(&b) = self.bytes.get(self.at) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.at += 1;
            }
            out.push_str(&self.text[run..self.at]);
            match self.bytes.get(self.at) {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => self.escape(&mut out)?,
                _ => return Err(Failure::NotJson),
            }
        }
    }

    /// One escape, the backslash at the current position.
    fn escape(&mut self, out: &mut String) -> Result<(), Failure> {
        let Some(&kind) = self.bytes.get(self.at + 1) else {
            return Err(Failure::NotJson);
        };
        self.at += 2;
        let c = match kind {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let high = self.hex4()?;
                if (0xD800..0xDC00).contains(&high) && self.bytes[self.at..].starts_with(b"\\u") {
                    let save = self.at;
                    self.at += 2;
                    let low = self.hex4()?;
                    if (0xDC00..0xE000).contains(&low) {
                        let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                        char::from_u32(code).unwrap_or('\u{FFFD}')
                    } else {
                        // A high surrogate without its pair; the next escape stands alone.
                        self.at = save;
                        '\u{FFFD}'
                    }
                } else {
                    // A lone surrogate is no character.
                    char::from_u32(high).unwrap_or('\u{FFFD}')
                }
            }
            _ => return Err(Failure::NotJson),
        };
        out.push(c);
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, Failure> {
        let digits = self
            .text
            .get(self.at..self.at + 4)
            .ok_or(Failure::NotJson)?;
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(Failure::NotJson);
        }
        let unit = u32::from_str_radix(digits, 16).map_err(|_| Failure::NotJson)?;
        self.at += 4;
        Ok(unit)
    }

    /// A number by JSON's grammar, read as the YAML reader reads it: an integer when it
    /// fits 64 bits, a float otherwise.
    fn number(&mut self) -> Result<serde_json::Number, Failure> {
        let start = self.at;
        let digits = |reader: &mut Self| {
            let from = reader.at;
            while reader.bytes.get(reader.at).is_some_and(u8::is_ascii_digit) {
                reader.at += 1;
            }
            reader.at > from
        };
        if self.bytes.get(self.at) == Some(&b'-') {
            self.at += 1;
        }
        let first = self.at;
        if !digits(self) || (self.bytes[first] == b'0' && self.at - first > 1) {
            return Err(Failure::NotJson);
        }
        let mut integer = true;
        if self.bytes.get(self.at) == Some(&b'.') {
            self.at += 1;
            integer = false;
            if !digits(self) {
                return Err(Failure::NotJson);
            }
        }
        if matches!(self.bytes.get(self.at), Some(b'e' | b'E')) {
            self.at += 1;
            integer = false;
            if matches!(self.bytes.get(self.at), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if !digits(self) {
                return Err(Failure::NotJson);
            }
        }
        let text = &self.text[start..self.at];
        if integer {
            if let Ok(i) = text.parse::<i64>() {
                return Ok(i.into());
            }
            if let Ok(u) = text.parse::<u64>() {
                return Ok(u.into());
            }
        }
        // Beyond 64 bits, or not finite as a float: the YAML reader keeps it as text.
        text.parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .ok_or(Failure::NotJson)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn both(text: &str) -> (Node, Node) {
        let json = match read(text) {
            Ok(node) => node,
            Err(Failure::NotJson) => panic!("not read as JSON: {text}"),
            Err(Failure::Refused(e)) => panic!("refused: {e:?}"),
        };
        let yaml = super::super::yaml::read(text).expect("YAML reads it");
        (json, yaml)
    }

    #[test]
    fn the_same_tree_as_the_yaml_reader_positions_included() {
        let text = "{\n  \"openapi\": \"3.1.0\",\n  \"a\": [1, -2, 3.5, 1e3, true, null, \"x\\ny\"],\n  \"é\": {\"b\": {}, \"c\": []},\n  \"big\": 18446744073709551615, \"f\": -0.25}\n";
        let (json, yaml) = both(text);
        assert_eq!(json, yaml);
    }

    #[test]
    fn columns_count_characters_on_one_long_line() {
        let text = r#"{"é": "ü", "k": {"x": 1}}"#;
        let (json, yaml) = both(text);
        assert_eq!(json, yaml);
        let k = json.entry("k").expect("k");
        assert_eq!(k.key_pos, Pos { line: 1, col: 12 });
    }

    #[test]
    fn surrogate_pairs_join_and_lone_ones_are_replaced() {
        let node = read(
            r#"{"t": "a \ud83d\ude00", "lone": "\ud83d!", "kept": "\\ud83d", "low": "\ude00"}"#,
        )
        .unwrap_or_else(|_| panic!("reads"));
        assert_eq!(
            node.to_json(),
            serde_json::json!({"t": "a \u{1F600}", "lone": "\u{FFFD}!", "kept": "\\ud83d", "low": "\u{FFFD}"})
        );
    }

    #[test]
    fn duplicate_keys_are_refused_in_small_and_large_mappings() {
        let small = "{\"a\": 1,\n \"a\": 2}";
        let Err(Failure::Refused(e)) = read(small) else {
            panic!("refused")
        };
        assert_eq!(e.code, codes::DUPLICATE_KEY);
        assert_eq!((e.pos, e.pointer.as_str()), (Pos { line: 2, col: 2 }, "/a"));
        let keys: Vec<String> = (0..40).map(|i| format!("\"k{i}\": {i}")).collect();
        let large = format!("{{\"m\": {{{}, \"k7\": 0}}}}", keys.join(", "));
        let Err(Failure::Refused(e)) = read(&large) else {
            panic!("refused")
        };
        assert_eq!(
            (e.code, e.pointer.as_str()),
            (codes::DUPLICATE_KEY, "/m/k7")
        );
    }

    #[test]
    fn what_is_not_strict_json_goes_back_to_yaml() {
        for text in [
            "{a: 1}",
            "{\"a\": 1,}",
            "{\"a\": 1} // note",
            "[01]",
            "{\"a\": 1e999}",
            "{\"a\": \"tab\there\"}",
        ] {
            assert!(matches!(read(text), Err(Failure::NotJson)), "{text}");
        }
    }

    #[test]
    fn depth_is_limited() {
        // The pipeline reads on a deep stack of its own; a test thread's is too small.
        let refused = std::thread::Builder::new()
            .stack_size(64 * 1024 * 1024)
            .spawn(|| {
                let text = format!("{}{}", "[".repeat(MAX_DEPTH + 2), "]".repeat(MAX_DEPTH + 2));
                match read(&text) {
                    Err(Failure::Refused(e)) => Some(e.code),
                    _ => None,
                }
            })
            .expect("spawns")
            .join()
            .expect("joins");
        assert_eq!(refused, Some(codes::TOO_LARGE));
    }
}

/// Both readers over every JSON document under `$APIGEN_JSON_CORPUS` (see
/// `corpus_files`): the trees, positions included, must be equal. `cargo test --release -p apigen --lib -- --ignored
/// same_trees_over_a_corpus`.
#[cfg(test)]
mod corpus {
    use super::*;

    #[test]
    #[ignore = "needs a corpus: set APIGEN_JSON_CORPUS"]
    fn same_trees_over_a_corpus() {
        let Some(files) = crate::corpus_files::json_documents() else {
            return;
        };
        let compare = move || {
            let mut differ = Vec::new();
            let mut fallbacks = 0;
            for path in &files {
                let Ok(text) = std::fs::read_to_string(path) else {
                    continue;
                };
                let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
                let yaml = super::super::yaml::read(text);
                match (read(text), yaml) {
                    (Ok(a), Ok(b)) if a == b => {}
                    (Err(Failure::NotJson), _) => fallbacks += 1,
                    (Err(Failure::Refused(a)), Err(b)) if a == b => {}
                    _ => differ.push(path.display().to_string()),
                }
            }
            (files.len(), fallbacks, differ)
        };
        let (total, fallbacks, differ) = std::thread::Builder::new()
            .stack_size(256 * 1024 * 1024)
            .spawn(compare)
            .expect("spawns")
            .join()
            .expect("joins");
        eprintln!(
            "{total} documents, {fallbacks} read by YAML, {} differ",
            differ.len()
        );
        assert!(differ.is_empty(), "{differ:#?}");
    }
}
