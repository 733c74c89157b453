//! The numbers and bracketed lists of an answer, with the significant digits they were written
//! with.

use super::{Value, Written};

/// The number or list that starts a part, if it starts with one.
pub(super) fn read_value(part: &str) -> Option<Value> {
    let t = part.trim_start();
    if t.starts_with('[') {
        return read_list(t, ']');
    }
    if t.starts_with('(') {
        if let Some(list) = read_list(t, ')') {
            return Some(list);
        }
    }
    let commas = !t.contains('[');
    read_number(t, commas).map(|(w, _)| Value::Number(w))
}

/// A bracketed list (rows split by inner brackets or `;`).
fn read_list(text: &str, close: char) -> Option<Value> {
    let open = if close == ']' { '[' } else { '(' };
    let end = matching(text, open, close)?;
    let inner = &text[1..end];
    if inner.contains(open) {
        let mut rows = Vec::new();
        let mut rest = inner.trim();
        while !rest.is_empty() {
            rest = rest.trim_start_matches([',', ';', ' ']);
            if rest.is_empty() {
                break;
            }
            let stop = matching(rest, open, close)?;
            rows.push(numbers_in(&rest[1..stop])?);
            rest = rest[stop + 1..].trim();
        }
        return Some(Value::Rows(rows));
    }
    if inner.contains(';') {
        let rows: Option<Vec<Vec<Written>>> = inner.split(';').map(numbers_in).collect();
        return Some(Value::Rows(rows?));
    }
    Some(Value::List(numbers_in(inner)?))
}

/// The index of the bracket that closes the one `text` starts with.
fn matching(text: &str, open: char, close: char) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        if c == open {
            depth += 1;
        } else if c == close {
            depth = depth.checked_sub(1)?;
            if depth == 0 {
                return Some(i);
            }
        }
    }
    None
}

/// Numbers separated by commas or spaces, and nothing else.
fn numbers_in(text: &str) -> Option<Vec<Written>> {
    let mut out = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        let (w, used) = read_number(rest, false)?;
        out.push(w);
        rest = rest[used..]
            .trim_start()
            .trim_start_matches(',')
            .trim_start();
    }
    (!out.is_empty()).then_some(out)
}

/// Reads a number at the start of `text`: a sign, digits with a point (a comma too, if
/// `commas`), an exponent as `e-3`, `×10^-3` or `×10⁻³`. Gives the number and the bytes used.
fn read_number(text: &str, commas: bool) -> Option<(Written, usize)> {
    let bytes: Vec<char> = text.chars().collect();
    let mut i = 0;
    let mut mantissa = String::new();
    if let Some(&c) = bytes.first() {
        if c == '-' || c == '+' {
            mantissa.push(c);
            i += 1;
        }
    }
    let mut significant = 0usize;
    let mut leading = true;
    let mut seen_digit = false;
    let mut seen_point = false;
    let mut zeros_after_point = 0usize;
    while i < bytes.len() {
        let c = bytes[i];
        if c.is_ascii_digit() {
            seen_digit = true;
            if c == '0' && leading {
                if seen_point {
                    zeros_after_point += 1;
                }
            } else {
                leading = false;
                significant += 1;
            }
            mantissa.push(c);
        } else if (c == '.' || (commas && c == ','))
            && !seen_point
            && bytes.get(i + 1).is_some_and(char::is_ascii_digit)
        {
            seen_point = true;
            mantissa.push('.');
        } else {
            break;
        }
        i += 1;
    }
    if !seen_digit {
        return None;
    }
    // A zero written as `0.000` says how close to zero it is: its digits are the zeros.
    let digits = if significant == 0 {
        zeros_after_point.max(1)
    } else {
        significant
    };
    let (exponent, used) = read_exponent(&bytes[i..]);
    let value = crate::decimal::parse_f64(&format!("{mantissa}e{exponent}"))?;
    if !value.is_finite() {
        return None;
    }
    let chars_used = i + used;
    let bytes_used = text
        .char_indices()
        .nth(chars_used)
        .map_or(text.len(), |(b, _)| b);
    Some((Written { value, digits }, bytes_used))
}

/// An exponent after a mantissa: `e-3`, `E+2`, `×10^-3`, `*10^(-3)`, `·10⁻³`. Gives the exponent
/// and the characters used (0, 0 when there is none).
fn read_exponent(chars: &[char]) -> (i32, usize) {
    let text: String = chars.iter().take(16).collect();
    let t = text.as_str();
    if let Some(rest) = t.strip_prefix('e').or_else(|| t.strip_prefix('E')) {
        if let Some((n, used)) = signed(rest) {
            return (n, 1 + used);
        }
        return (0, 0);
    }
    let trimmed = t.trim_start();
    let pad = t.len() - trimmed.len();
    for times in ["×", "x", "*", "·"] {
        let Some(rest) = trimmed.strip_prefix(times) else {
            continue;
        };
        let after = rest.trim_start();
        let Some(power) = after.strip_prefix("10") else {
            continue;
        };
        let spent = pad + times.len() + (rest.len() - after.len()) + 2;
        if let Some(sup) = superscript(power) {
            return (sup.0, char_count(t, spent) + sup.1);
        }
        let Some(p) = power.strip_prefix('^') else {
            continue;
        };
        let (inner, extra) = match p.strip_prefix('(') {
            Some(inner) => (inner, 2),
            None => (p, 0),
        };
        if let Some((n, used)) = signed(inner) {
            return (n, char_count(t, spent) + 1 + used + extra);
        }
    }
    (0, 0)
}

/// Characters in the first `bytes` bytes of `t`.
fn char_count(t: &str, bytes: usize) -> usize {
    t[..bytes.min(t.len())].chars().count()
}

/// A signed whole number (at most three digits) and the characters it used.
fn signed(text: &str) -> Option<(i32, usize)> {
    let (sign, rest) = match text.chars().next()? {
        '-' => (-1, &text[1..]),
        '+' => (1, &text[1..]),
        _ => (1, text),
    };
    let digits: String = rest
        .chars()
        .take_while(char::is_ascii_digit)
        .take(3)
        .collect();
    let n: i32 = digits.parse().ok()?;
    Some((sign * n, text.len() - rest.len() + digits.len()))
}

/// A superscript exponent (`⁻³`) and the characters it used.
fn superscript(text: &str) -> Option<(i32, usize)> {
    let mut sign = 1;
    let mut n = 0i32;
    let mut used = 0;
    for c in text.chars().take(5) {
        let d = match c {
            '⁻' if used == 0 => {
                sign = -1;
                used += 1;
                continue;
            }
            '⁰' => 0,
            '¹' => 1,
            '²' => 2,
            '³' => 3,
            '⁴' => 4,
            '⁵' => 5,
            '⁶' => 6,
            '⁷' => 7,
            '⁸' => 8,
            '⁹' => 9,
            _ => break,
        };
        n = n * 10 + d;
        used += 1;
    }
    let digits = used - usize::from(sign < 0);
    (digits > 0).then_some((sign * n, used))
}
