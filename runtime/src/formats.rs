//! Format checks written out here, so generated crates need no extra dependency for them.

use super::validation::{Path, Violation};

/// `format`: one of the formats apigen checks.
pub fn check(value: &str, format: &str, path: &Path<'_>, out: &mut Vec<Violation>) {
    let valid = match format {
        "uuid" => is_uuid(value),
        "date-time" => is_date_time(value),
        "date" => is_date(value),
        "uri" => is_uri(value),
        "email" => is_email(value),
        "hostname" => is_hostname(value),
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
        let utc =
            (i32::try_from(hour * 60 + minute).unwrap_or(0) - offset_minutes).rem_euclid(24 * 60);
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
