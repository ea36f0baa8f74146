//! The validation core: JSON pointers, the checks, and the formats.

use apigen_runtime::check;
use apigen_runtime::formats::{is_date, is_date_time, is_email, is_uri, is_uuid};
use apigen_runtime::validation::{IN_PATH, Path, Validate, Violation};

#[test]
fn paths_are_json_pointers_with_escapes() {
    let root = Path::Root;
    let field = root.key("a/b~c");
    let item = field.index(3);
    assert_eq!(item.to_pointer(), "/a~1b~0c/3");
    assert_eq!(Path::Root.to_pointer(), "");
    assert_eq!(IN_PATH.key("id").to_pointer(), "/path/id");
}

#[test]
fn checks_report_keyword_and_pointer() {
    let mut out: Vec<Violation> = Vec::new();
    let path = Path::Root.key("name");
    check::min_length("ab", 3, &path, &mut out);
    check::max_length("ab", 3, &path, &mut out);
    check::minimum_int(5, 5, true, &path, &mut out);
    check::multiple_of(0.3, 0.1, &path, &mut out);
    let found: Vec<_> = out
        .iter()
        .map(|v| (v.pointer.as_str(), v.keyword))
        .collect();
    assert_eq!(
        found,
        [("/name", "minLength"), ("/name", "exclusiveMinimum")]
    );
}

#[test]
fn min_length_counts_characters_not_bytes() {
    let mut out = Vec::new();
    check::min_length("✓✓", 3, &Path::Root, &mut out);
    check::max_length("✓✓", 2, &Path::Root, &mut out);
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].keyword, "minLength");
}

#[test]
fn formats_follow_their_rfcs() {
    assert!(is_uuid("550e8400-e29b-41d4-a716-446655440000"));
    assert!(!is_uuid("550e8400e29b41d4a716446655440000"));
    assert!(is_date("2024-02-29") && !is_date("2023-02-29"));
    assert!(is_date_time("2024-01-01T10:00:00.5+01:00"));
    assert!(!is_date_time("2024-01-01 10:00:00"));
    assert!(is_uri("https://example.com/a?b#c") && !is_uri("example.com"));
    assert!(is_email("a.b@example.com") && !is_email("a@"));
}

/// `format: uri` is checked in one pass over the bytes; each case pins one rule of RFC 3986
/// as the check reads it (scheme, authority with userinfo, host and port, IP literals,
/// path, query, fragment, `%XX` escapes).
#[test]
fn uri_format_rules() {
    let valid = [
        "https://your-app.example.com/anchor/webhooks",
        "http://example.com",
        "http://example.com:8080/",
        "http://example.com:/",
        "ftp://user:pass@ftp.example.com/file",
        "http://user@example.com",
        "http://[2001:db8::1]:443/x",
        "http://[2001:db8::1]",
        "http://[v1.fe80::a+en1]/",
        "mailto:ops@example.com",
        "urn:isbn:0451450523",
        "file:///etc/hosts",
        "https://example.com/a?b=c&d=e#frag",
        "https://example.com/a?b=c?d#f?g/h:i@j",
        "https://example.com/a%20b?q=%7E",
        "https://example.com?query",
        "https://example.com#fragment",
        "https://ex%41mple.com/",
        "h+v.1-x:rest",
        "a:",
    ];
    for uri in valid {
        assert!(is_uri(uri), "{uri} is a valid URI");
    }
    let invalid = [
        "",
        "no scheme",
        "//example.com/relative",
        "1http://example.com",
        "ht tp://example.com",
        "https://exa mple.com",
        "https://example.com/a b",
        "https://a@b@example.com/",
        "https://example.com:80a/",
        "https://exa:mple.com:80/",
        "https://[2001:db8::1/",
        "https://[not-an-ip]/",
        "https://[2001:db8::1]x/",
        "https://ex[ample.com/",
        "https://example.com/%zz",
        "https://example.com/%2",
        "https://ex%2/",
        "https://example.com/a#b#c",
        "https://example.com/<tag>",
        "https://example.com/\\back",
        "https://exämple.com/",
    ];
    for uri in invalid {
        assert!(!is_uri(uri), "{uri} is not a valid URI");
    }
}

/// `violations()` is every violation of the whole value, from the root; `validate()` the
/// same as a `Result`. An absent `Option` has none.
#[test]
fn violations_are_collected_from_the_root() {
    struct Short(&'static str);
    impl Validate for Short {
        fn validate_at(&self, path: &Path<'_>, out: &mut Vec<Violation>) {
            check::max_length(self.0, 3, path, out);
        }
    }
    let found = vec![Short("ok"), Short("too long")].violations();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].pointer, "/1");
    assert_eq!(found[0].keyword, "maxLength");
    assert!(Short("long").validate().is_err());
    assert_eq!(None::<Short>.violations(), Vec::new());
}
