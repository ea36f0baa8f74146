//! Turns spec text into rustdoc that is safe and lint-clean: no accidental doctests, no
//! characters the compiler rejects in comments, list continuations indented as rustdoc
//! expects.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::Docs;

/// `#[doc]` attributes for a documented item (nothing when there is nothing to say).
pub fn attrs(docs: &Docs) -> TokenStream {
    lines_to_attrs(&render(docs))
}

/// One `#[doc]` attribute per line; prettyplease prints them as `///` comments.
pub fn lines_to_attrs(lines: &[String]) -> TokenStream {
    let attrs = lines.iter().map(|line| {
        let text = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote!(#[doc = #text])
    });
    quote!(#(#attrs)*)
}

/// The doc lines for `docs`: title, description, deprecation note and example.
pub fn render(docs: &Docs) -> Vec<String> {
    let mut paragraphs: Vec<Vec<String>> = Vec::new();
    let description = docs.description.as_deref().unwrap_or("");
    if let Some(title) = &docs.title {
        if !description.starts_with(title.as_str()) {
            paragraphs.push(sanitize(title));
        }
    }
    if !description.is_empty() {
        paragraphs.push(sanitize(description));
    }
    if docs.deprecated {
        paragraphs.push(vec!["**Deprecated** in the API description.".to_owned()]);
    }
    if let Some(example) = &docs.example {
        paragraphs.push(example_lines(example));
    }
    let mut out = Vec::new();
    for paragraph in paragraphs.into_iter().filter(|p| !p.is_empty()) {
        if !out.is_empty() {
            out.push(String::new());
        }
        out.extend(paragraph);
    }
    out
}

fn example_lines(example: &serde_json::Value) -> Vec<String> {
    let compact = example.to_string();
    if compact.len() <= 80 && !compact.contains('`') {
        return vec![format!("Example: `{}`", clean_chars(&compact))];
    }
    let pretty = serde_json::to_string_pretty(example).unwrap_or(compact);
    let mut lines = vec!["Example:".to_owned(), String::new(), "```json".to_owned()];
    lines.extend(
        pretty
            .lines()
            .map(|l| clean_chars(l).replace("```", "`\u{200b}``")),
    );
    lines.push("```".to_owned());
    lines
}

/// Spec text meant for one line (a title, a version, a URL): line breaks become spaces and
/// characters no comment, TOML string or Markdown line may hold are dropped or escaped.
pub fn one_line(text: &str) -> String {
    clean_chars(&text.replace(['\r', '\n'], " "))
        .trim()
        .to_owned()
}

/// Replaces characters that must not appear in a comment: control characters and the
/// bidirectional overrides rustc denies (`text_direction_codepoint_in_comment`).
pub fn clean_chars(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\t' => "    ".to_owned(),
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' => {
                format!("<U+{:04X}>", u32::from(c))
            }
            c if c.is_control() => String::new(),
            c => c.to_string(),
        })
        .collect()
}

/// Spec Markdown made safe for rustdoc.
pub fn sanitize(text: &str) -> Vec<String> {
    let raw: Vec<String> = text
        .lines()
        .map(|l| clean_chars(l).trim_end().to_owned())
        .collect();
    let indent = raw
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.chars().take_while(|c| c.is_whitespace()).count())
        .min()
        .unwrap_or(0);
    let mut out: Vec<String> = Vec::new();
    let mut fence: Option<String> = None;
    let mut list_indent: Option<usize> = None;
    let mut in_quote = false;
    for line in raw {
        let line: String = line.chars().skip(indent).collect();
        let trimmed = line.trim_start();
        if let Some(marker) = &fence {
            if trimmed.starts_with(marker.as_str()) {
                fence = None;
            }
            out.push(line.clone());
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            let marker = trimmed[..3].to_owned();
            fence = Some(marker.clone());
            // Every fenced block becomes `text`: spec examples are not Rust doctests.
            out.push(format!("{marker}text"));
            list_indent = None;
            continue;
        }
        if trimmed.is_empty() {
            list_indent = None;
            in_quote = false;
            out.push(String::new());
            continue;
        }
        if trimmed.starts_with('>') {
            in_quote = true;
            out.push(trimmed.to_owned());
            continue;
        }
        if in_quote {
            // A line right after a quote would be read as its lazy continuation.
            out.push(format!("> {trimmed}"));
            continue;
        }
        if let Some(width) = list_marker_width(trimmed) {
            list_indent = Some(width);
            out.push(trimmed.to_owned());
            continue;
        }
        // Indented lines would become doctests (indented code blocks); lazily continued
        // list items draw a clippy lint. Both are laid out the way rustdoc expects.
        match list_indent {
            Some(width) => out.push(format!("{}{trimmed}", " ".repeat(width))),
            None => out.push(trimmed.to_owned()),
        }
    }
    if let Some(marker) = fence {
        // Close the unclosed block right after its last line of text.
        while out.last().is_some_and(String::is_empty) {
            out.pop();
        }
        out.push(marker);
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    while out.first().is_some_and(String::is_empty) {
        out.remove(0);
    }
    out
}

/// The width of a list marker (`- `, `* `, `+ `, `1. `, `1) `) starting `line`, with the
/// spaces after it: where the item's text starts, and so how far a continuation line is
/// indented (`*   text` continues four columns in). Five spaces or more start indented
/// code inside the item, whose text then starts one space after the marker.
fn list_marker_width(line: &str) -> Option<usize> {
    let marker = if line.starts_with(['-', '*', '+']) {
        1
    } else {
        let digits = line.chars().take_while(char::is_ascii_digit).count();
        let rest = &line[digits..];
        if (1..=9).contains(&digits) && rest.starts_with(['.', ')']) {
            digits + 1
        } else {
            return None;
        }
    };
    let spaces = line[marker..].chars().take_while(|c| *c == ' ').count();
    match spaces {
        0 => None,
        1..=4 => Some(marker + spaces),
        _ => Some(marker + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fences_become_text_and_indented_code_is_flattened() {
        let lines = sanitize("Intro\n\n```\nlet x = 1;\n```\n\n    indented()\n");
        assert_eq!(
            lines,
            [
                "Intro",
                "",
                "```text",
                "let x = 1;",
                "```",
                "",
                "indented()"
            ]
        );
    }

    #[test]
    fn an_unclosed_fence_is_closed_right_after_its_text() {
        let text = "Code:\n```\nstd::process::exit(1);\n";
        assert_eq!(
            sanitize(text),
            ["Code:", "```text", "std::process::exit(1);", "```"]
        );
    }

    #[test]
    fn doc_lines_print_as_one_comment() {
        let lines: Vec<String> = ["Code:", "```text", "std::process::exit(1);", "```"]
            .map(str::to_owned)
            .to_vec();
        let attrs = lines_to_attrs(&lines);
        let file: syn::File = syn::parse2(quote::quote!(#attrs pub struct S;)).expect("parses");
        let printed = prettyplease::unparse(&file);
        assert_eq!(
            printed,
            "/// Code:\n/// ```text\n/// std::process::exit(1);\n/// ```\npub struct S;\n"
        );
    }

    #[test]
    fn list_continuations_are_indented() {
        let lines = sanitize("- first item\ncontinues here\n- second\n");
        assert_eq!(lines, ["- first item", "  continues here", "- second"]);
        // GitHub's `*   Note` items: the text starts four columns in.
        let lines = sanitize(
            "*   This API has a limit. Use the [Git Trees\nAPI](https://x).\n10.  Ten\nmore\n",
        );
        assert_eq!(
            lines,
            [
                "*   This API has a limit. Use the [Git Trees",
                "    API](https://x).",
                "10.  Ten",
                "     more"
            ]
        );
    }

    #[test]
    fn unicode_indentation_does_not_split_characters() {
        assert_eq!(sanitize("\u{a0}first\n second"), ["first", "second"]);
    }

    #[test]
    fn dangerous_characters_are_replaced() {
        let lines = sanitize("a\u{202e}b\rc\u{7}");
        assert_eq!(lines, ["a<U+202E>bc"]);
    }
}
