//! Diagnostics: what went wrong, where (file, line, column, JSON pointer), rendered in the
//! style of rustc.

use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Generation goes on; the exit code is unchanged.
    Warning,
    /// Generation stops with exit code 2.
    Error,
}

/// A position in a source file, 1-based line and column.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    /// Line, counted from 1.
    pub line: usize,
    /// Column in characters, counted from 1.
    pub col: usize,
}

/// One problem found in a spec.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// A stable code such as `E0101`, listed in [`codes`].
    pub code: &'static str,
    /// What is wrong, in one sentence.
    pub message: String,
    /// The file the problem is in.
    pub file: PathBuf,
    /// Where in the file.
    pub pos: Pos,
    /// The JSON pointer of the offending node (`""` for the whole document).
    pub pointer: String,
    /// The source line at `pos`, for display.
    pub source_line: Option<String>,
    /// What would be accepted instead, when that can be said.
    pub help: Option<String>,
}

/// The stable diagnostic codes.
pub mod codes {
    /// The file could not be read.
    pub const IO: &str = "E0001";
    /// The file is not valid UTF-8.
    pub const NOT_UTF8: &str = "E0002";
    /// The YAML or JSON does not parse.
    pub const SYNTAX: &str = "E0003";
    /// A mapping has the same key twice.
    pub const DUPLICATE_KEY: &str = "E0004";
    /// The document nests deeper than the loader accepts, or expands to too many nodes.
    pub const TOO_LARGE: &str = "E0005";
    /// The document is not an OpenAPI 3.0 or 3.1 document.
    pub const NOT_OPENAPI: &str = "E0101";
    /// A value has the wrong JSON type for its keyword.
    pub const WRONG_TYPE: &str = "E0102";
    /// A required keyword is missing.
    pub const MISSING: &str = "E0103";
    /// A value is not one the keyword accepts.
    pub const INVALID_VALUE: &str = "E0104";
    /// A `$ref` points at nothing.
    pub const DANGLING_REF: &str = "E0201";
    /// `$ref`s form a cycle that never reaches a schema.
    pub const CYCLIC_REF: &str = "E0202";
    /// A `$ref` to a remote document (only local files are read).
    pub const REMOTE_REF: &str = "E0203";
    /// Two members of an `allOf` disagree.
    pub const ALLOF_CONFLICT: &str = "E0301";
    /// Two operations share an `operationId`.
    pub const DUPLICATE_OPERATION_ID: &str = "E0401";
    /// A construct apigen does not support.
    pub const UNSUPPORTED: &str = "E0501";
    /// A `--tags` or `--operations` selection names a tag or `operationId` the spec does
    /// not have.
    pub const UNKNOWN_SELECTION: &str = "E0601";
    /// A keyword or construct that is ignored (warning).
    pub const IGNORED: &str = "W0001";
    /// A construct generated in a weaker form than the spec asks (warning).
    pub const DEGRADED: &str = "W0002";
    /// An error that `--lenient` turned into a warning: the schema became any JSON value,
    /// or the operation was skipped (warning).
    pub const LENIENT: &str = "W0003";
    /// A `format` the generated code does not check: an annotation, as JSON Schema treats
    /// formats by default. Counted in the summary rather than shown one by one (note).
    pub const ANNOTATION: &str = "W0004";
    /// An internal error: a bug in apigen.
    pub const INTERNAL: &str = "E9999";
}

impl Diagnostic {
    /// Whether this is an error (as opposed to a warning).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(f, "{label}[{}]: {}", self.code, self.message)?;
        let gutter = self.pos.line.to_string().len();
        let pad = " ".repeat(gutter);
        writeln!(
            f,
            "{pad}--> {}:{}:{}",
            self.file.display(),
            self.pos.line,
            self.pos.col
        )?;
        let pointer = if self.pointer.is_empty() {
            "(document root)"
        } else {
            &self.pointer
        };
        writeln!(f, "{pad} = at {pointer}")?;
        if let Some(line) = &self.source_line {
            writeln!(f, "{pad} |")?;
            writeln!(f, "{} | {line}", self.pos.line)?;
            let caret_pad: String = line
                .chars()
                .take(self.pos.col.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            writeln!(f, "{pad} | {caret_pad}^")?;
        }
        if let Some(help) = &self.help {
            writeln!(f, "{pad} = help: {help}")?;
        }
        Ok(())
    }
}

/// A file's text, kept so diagnostics can quote the offending line.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as given (never made absolute, so output stays reproducible).
    pub path: PathBuf,
    /// The whole text.
    pub text: String,
    /// Byte offset of the start of each line.
    line_starts: Vec<usize>,
}

impl SourceFile {
    /// A source file with its line index.
    pub fn new(path: PathBuf, text: String) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self {
            path,
            text,
            line_starts,
        }
    }

    /// The text of line `line` (1-based), without its line ending.
    pub fn line(&self, line: usize) -> Option<String> {
        let start = *self.line_starts.get(line.checked_sub(1)?)?;
        let end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |next| next - 1);
        let text = self.text.get(start..end)?.trim_end_matches('\r');
        // Only the first characters are looked at: a minified JSON document is one line
        // of many megabytes, and each diagnostic quotes it.
        const MAX: usize = 160;
        match text.char_indices().nth(MAX) {
            Some((cut, _)) => Some(format!("{}…", &text[..cut])),
            None => Some(text.to_owned()),
        }
    }
}

/// Collects diagnostics so that every problem in a spec is reported in one run.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
    seen: std::collections::HashSet<(String, Pos, &'static str, String)>,
    /// Whether errors that can be worked around are (see [`Diagnostics::lenient`]).
    lenient: bool,
}

impl Diagnostics {
    /// Diagnostics for a lenient run: an error confined to one schema or one operation
    /// (a dangling `$ref`, an impossible `allOf`, a malformed keyword) becomes a warning
    /// that says what was done instead, so the rest of the spec still generates.
    pub fn lenient() -> Self {
        Self {
            lenient: true,
            ..Self::default()
        }
    }

    /// Whether this run is lenient.
    pub fn is_lenient(&self) -> bool {
        self.lenient
    }

    /// Record one diagnostic (the same one twice is kept once).
    pub fn push(&mut self, diagnostic: Diagnostic) {
        let key = (
            diagnostic.pointer.clone(),
            diagnostic.pos,
            diagnostic.code,
            diagnostic.message.clone(),
        );
        if self.seen.insert(key) {
            self.items.push(diagnostic);
        }
    }

    /// Whether any error (not warning) was recorded.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// All diagnostics, in the order they were found.
    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }

    /// All diagnostics recorded so far.
    pub fn as_slice(&self) -> &[Diagnostic] {
        &self.items
    }
}

impl Diagnostic {
    /// This error as the warning `--lenient` makes of it: same place, the original code in
    /// the message, and `instead` saying what generation did about it.
    pub fn into_lenient_warning(mut self, instead: &str) -> Diagnostic {
        self.message = format!("{} ({}); {instead}", self.message, self.code);
        self.severity = Severity::Warning;
        self.code = codes::LENIENT;
        self
    }
}

/// Warnings as a person reads them: one line per kind (same code, same message) with its
/// count and first location, in the order the kinds were first found; the `W0004`
/// annotation formats are folded into one closing note. `--verbose` shows each one instead.
pub fn grouped(warnings: &[Diagnostic]) -> Vec<String> {
    let mut kinds: Vec<(&Diagnostic, usize)> = Vec::new();
    let mut index: std::collections::HashMap<(&str, &str), usize> =
        std::collections::HashMap::new();
    let mut formats: Vec<(&str, usize)> = Vec::new();
    let mut annotations = 0;
    for w in warnings {
        if w.code == codes::ANNOTATION {
            annotations += 1;
            let format = w.message.split('`').nth(1).unwrap_or("format: ?");
            let format = format.strip_prefix("format: ").unwrap_or(format);
            match formats.iter_mut().find(|(f, _)| *f == format) {
                Some((_, n)) => *n += 1,
                None => formats.push((format, 1)),
            }
            continue;
        }
        match index.get(&(w.code, w.message.as_str())) {
            Some(&i) => kinds[i].1 += 1,
            None => {
                index.insert((w.code, w.message.as_str()), kinds.len());
                kinds.push((w, 1));
            }
        }
    }
    let mut lines: Vec<String> = kinds
        .into_iter()
        .map(|(w, count)| {
            let at = format!(
                "{}:{}:{}{}",
                w.file.display(),
                w.pos.line,
                w.pos.col,
                if w.pointer.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", w.pointer)
                }
            );
            if count == 1 {
                format!("warning[{}]: {}, at {at}", w.code, w.message)
            } else {
                format!(
                    "warning[{}]: {count} × {}, first at {at}",
                    w.code, w.message
                )
            }
        })
        .collect();
    if annotations > 0 {
        formats.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let list: Vec<String> = formats.iter().map(|(f, n)| format!("{f} {n}")).collect();
        lines.push(format!(
            "note[{}]: {annotations} string{} a `format` that is an annotation only, not checked ({})",
            codes::ANNOTATION,
            if annotations == 1 { " carries" } else { "s carry" },
            list.join(", ")
        ));
    }
    lines
}

/// A diagnostic about a whole file that could not be read.
pub fn file_error(path: &Path, code: &'static str, message: String) -> Diagnostic {
    Diagnostic {
        severity: Severity::Error,
        code,
        message,
        file: path.to_path_buf(),
        pos: Pos { line: 1, col: 1 },
        pointer: String::new(),
        source_line: None,
        help: None,
    }
}
