//! The checks the generated `Validate` impls call, one function per keyword.

use super::validation::{Path, Violation};

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
pub fn minimum(value: f64, min: f64, exclusive: bool, path: &Path<'_>, out: &mut Vec<Violation>) {
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
pub fn maximum(value: f64, max: f64, exclusive: bool, path: &Path<'_>, out: &mut Vec<Violation>) {
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
pub fn unique_items<T: serde::Serialize>(items: &[T], path: &Path<'_>, out: &mut Vec<Violation>) {
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
