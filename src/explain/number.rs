//! Numbers as the widget and the handouts write them: rounded to significant digits only when
//! shown, in plain text (`−0.4013`, `1.2×10⁻⁵`), LaTeX and MathML, with whether the rounding
//! lost anything (so a formula may say `=` rather than `≈`).
//!
//! ```
//! use backprop_viz::explain::number::number_text;
//! assert_eq!(number_text(-0.40131, 4), "−0.4013");
//! assert_eq!(number_text(f64::INFINITY, 4), "∞");
//! ```

use crate::decimal::{scaled, significant_digits};

/// The parts of a number rounded to `digits` significant digits: sign, mantissa, and a power of
/// ten when the number is very small or very large.
struct Rounded {
    negative: bool,
    mantissa: String,
    exponent: Option<i32>,
    /// Whether the rounding lost nothing (to 15 significant digits, f64's noise floor).
    exact: bool,
}

/// The first `digits` significant digits of a number, rounded, from its 15 significant digits
/// `full` (correctly rounded, as `{:.14e}` writes them) and their exponent; with the exponent,
/// which grows by one when rounding carries past the first digit (9.9996 → 10.00). This equals
/// rounding the number itself, except when the digits cut off are exactly 5000…: then the
/// number may lie just below or above the midpoint, and `None` sends the caller to the exact
/// (slower) formatting. One formatting instead of two: it is most of the cost of a frame's
/// labels.
fn shorten(full: &str, exponent: i32, digits: usize) -> Option<(String, i32)> {
    let bytes = full.as_bytes();
    if digits > bytes.len() {
        return None;
    }
    if digits == bytes.len() {
        return Some((full.to_string(), exponent));
    }
    let (kept, cut) = bytes.split_at(digits);
    let tie = cut[0] == b'5' && cut[1..].iter().all(|&c| c == b'0');
    if tie || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut out = kept.to_vec();
    if cut[0] >= b'5' {
        let mut k = out.len();
        loop {
            if k == 0 {
                // All nines: 9.99 → 10.0, one more power of ten and the same number of digits.
                out.insert(0, b'1');
                out.pop();
                return Some((String::from_utf8(out).ok()?, exponent + 1));
            }
            k -= 1;
            if out[k] == b'9' {
                out[k] = b'0';
            } else {
                out[k] += 1;
                break;
            }
        }
    }
    Some((String::from_utf8(out).ok()?, exponent))
}

fn round_number(x: f64, digits: usize) -> Rounded {
    let digits = digits.clamp(1, 17);
    let negative = x < 0.0;
    let magnitude = x.abs();
    if magnitude == 0.0 {
        return Rounded {
            negative: false,
            mantissa: "0".into(),
            exponent: None,
            exact: true,
        };
    }
    let (shown, exponent, exact) =
        integer_rounding(magnitude, digits).unwrap_or_else(|| text_rounding(magnitude, digits));
    // Trailing zeros are dropped only when the rounded number is exact, so `0.8` stays `0.8`
    // while a rounded `0.51302` shows its precision as `0.5130`.
    let tidy = |s: String| if exact { trim_zeros(&s) } else { s };
    if (-4..6).contains(&exponent) {
        let mut fixed = String::with_capacity(shown.len() + 6);
        if exponent < 0 {
            fixed.push_str("0.");
            for _ in 0..(-exponent - 1) {
                fixed.push('0');
            }
            fixed.push_str(&shown);
        } else {
            let point = exponent as usize + 1;
            if shown.len() > point {
                fixed.push_str(&shown);
                fixed.insert(point, '.');
            } else {
                fixed.push_str(&shown);
                for _ in shown.len()..point {
                    fixed.push('0');
                }
            }
        }
        Rounded {
            negative,
            mantissa: tidy(fixed),
            exponent: None,
            exact,
        }
    } else {
        let mut mantissa = shown;
        if mantissa.len() > 1 {
            mantissa.insert(1, '.');
        }
        Rounded {
            negative,
            mantissa: tidy(mantissa),
            exponent: Some(exponent),
            exact,
        }
    }
}

/// Rounds a positive finite number to `digits` significant digits from its exact value:
/// the shown digits, their exponent, and whether the digits after them are all zero at 15
/// significant digits (so that the sum 1·0.5 + 2·(−0.4) + 0.2, which f64 makes
/// −0.09999999999999998, shows as −0.1).
fn text_rounding(magnitude: f64, digits: usize) -> (String, i32, bool) {
    let (full, full_exponent) = significant_digits(magnitude, 15);
    let exact = full.chars().skip(digits).all(|c| c == '0');
    let (shown, exponent) = shorten(&full, full_exponent, digits)
        .unwrap_or_else(|| significant_digits(magnitude, digits));
    (shown, exponent, exact)
}

/// The same result as [`text_rounding`] from integer arithmetic, with no formatting: the 15
/// significant digits are the number's binary value times a power of ten, rounded exactly in
/// 128 bits ([`scaled`], ties to even as the formatter rounds). Covers numbers from 10⁻⁸ to
/// 10¹⁴ and up to 15 digits (every label and table cell in practice); `None` outside that, and
/// when the digits cut off are exactly 5000…, sends the caller to [`text_rounding`].
fn integer_rounding(magnitude: f64, digits: usize) -> Option<(String, i32, bool)> {
    const FULL: u32 = 15;
    if !(1e-8..1e14).contains(&magnitude) || digits > FULL as usize {
        return None;
    }
    // The power of two of the leading bit, times log10(2) ≈ 0.30103: an estimate of the
    // decimal exponent that is at most one too small.
    let binary = ((magnitude.to_bits() >> 52) & 0x7ff) as i32 - 1023;
    let mut exponent = (f64::from(binary) * std::f64::consts::LOG10_2).floor() as i32;
    let full_digits =
        |exponent: i32| scaled(magnitude, usize::try_from(FULL as i32 - 1 - exponent).ok()?);
    let mut full = full_digits(exponent)?;
    if full >= 10u64.pow(FULL) {
        exponent += 1;
        full = full_digits(exponent)?;
    }
    if !(10u64.pow(FULL - 1)..10u64.pow(FULL)).contains(&full) {
        return None;
    }
    let dropped = 10u64.pow(FULL - digits as u32);
    let cut = full % dropped;
    let mut shown = full / dropped;
    let exact = cut == 0;
    // As in `shorten`: an exact 5000… after the shown digits may come from a number just
    // below or above the midpoint.
    if cut * 2 == dropped {
        return None;
    }
    if cut * 2 > dropped {
        shown += 1;
        if shown == 10u64.pow(digits as u32) {
            shown /= 10;
            exponent += 1;
        }
    }
    // Written as a u64, whose formatting the page has anyway (u128's is 1.5 KB more).
    Some((shown.to_string(), exponent, exact))
}

fn trim_zeros(s: &str) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s.to_string()
    }
}

/// A number as plain text: `−0.4013`, `1.2×10⁻⁵`, `∞`.
pub fn number_text(x: f64, digits: usize) -> String {
    if x.is_nan() {
        return "NaN".into();
    }
    if x.is_infinite() {
        return if x > 0.0 {
            "∞".into()
        } else {
            "−∞".into()
        };
    }
    let r = round_number(x, digits);
    let sign = if r.negative { "−" } else { "" };
    match r.exponent {
        Some(e) => format!("{sign}{}×10{}", r.mantissa, superscript(e)),
        None => format!("{sign}{}", r.mantissa),
    }
}

pub(crate) fn number_latex(x: f64, digits: usize) -> String {
    if x.is_nan() {
        return "\\mathrm{NaN}".into();
    }
    if x.is_infinite() {
        return if x > 0.0 {
            "\\infty".into()
        } else {
            "-\\infty".into()
        };
    }
    let r = round_number(x, digits);
    let sign = if r.negative { "-" } else { "" };
    match r.exponent {
        Some(e) => format!("{sign}{} \\times 10^{{{e}}}", r.mantissa),
        None => format!("{sign}{}", r.mantissa),
    }
}

/// About how wide a number renders as MathML, in ems: digits half an em, the point narrower,
/// the minus sign and the times sign wider.
pub(crate) fn number_width_em(x: f64, digits: usize) -> f64 {
    number_text(x, digits)
        .chars()
        .map(|c| match c {
            '.' => 0.28,
            '−' => 0.84,
            '×' => 1.2,
            _ => 0.5,
        })
        .sum()
}

pub(crate) fn number_mathml(x: f64, digits: usize) -> String {
    if x.is_nan() {
        return "<mi>NaN</mi>".into();
    }
    if x.is_infinite() {
        return if x > 0.0 {
            "<mi>∞</mi>".into()
        } else {
            "<mrow><mo>−</mo><mi>∞</mi></mrow>".into()
        };
    }
    let r = round_number(x, digits);
    let body = match r.exponent {
        Some(e) => format!(
            "<mn>{}</mn><mo>×</mo><msup><mn>10</mn><mn>{e}</mn></msup>",
            r.mantissa
        ),
        None => format!("<mn>{}</mn>", r.mantissa),
    };
    if r.negative {
        format!("<mrow><mo>−</mo>{body}</mrow>")
    } else {
        body
    }
}

/// Whether rounding to `digits` loses nothing, so the renderer may write `=` rather than `≈`.
pub fn is_exact_at(x: f64, digits: usize) -> bool {
    !x.is_finite() || round_number(x, digits).exact
}

pub(crate) fn superscript(n: i32) -> String {
    n.to_string()
        .chars()
        .map(|c| match c {
            '-' => '⁻',
            '0' => '⁰',
            '1' => '¹',
            '2' => '²',
            '3' => '³',
            '4' => '⁴',
            '5' => '⁵',
            '6' => '⁶',
            '7' => '⁷',
            '8' => '⁸',
            _ => '⁹',
        })
        .collect()
}

#[cfg(test)]
mod tests {
    /// Splits Rust's `{:e}` output (`4.013e-1`) into its significant digits (`4013`) and
    /// exponent.
    fn digits_and_exponent(sci: &str) -> (String, i32) {
        let (mantissa, exponent) = sci.split_once('e').unwrap_or((sci, "0"));
        (mantissa.replace('.', ""), exponent.parse().unwrap_or(0))
    }

    use super::*;

    #[test]
    fn shortening_fifteen_digits_equals_rounding_the_number() {
        // Random bit patterns, decimal-looking numbers near rounding ties, and carries.
        let mut values = vec![
            0.12345,
            0.5130152523999526,
            9.9996,
            99.995,
            0.000_123_45,
            2.5,
            1.0,
        ];
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        for k in 0..20_000 {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            let bits = (state >> 12) | (1023u64 + (state % 40) - 20) << 52;
            values.push(f64::from_bits(bits));
            values.push(f64::from(k) / 1000.0 + 0.0005);
            values.push(f64::from(k) * 0.125);
        }
        let mut checked = 0;
        for x in values {
            let (full, e) = digits_and_exponent(&format!("{x:.14e}"));
            for digits in 1..=16 {
                if let Some(short) = shorten(&full, e, digits) {
                    let direct = digits_and_exponent(&format!("{x:.*e}", digits - 1));
                    assert_eq!(short, direct, "{x:e} to {digits} digits");
                    checked += 1;
                }
            }
        }
        assert!(checked > 800_000, "{checked}");
    }

    #[test]
    fn integer_rounding_equals_rounding_through_formatting() {
        // Random bit patterns over the whole covered range and a little beyond, decimal-looking
        // numbers near rounding ties, values just below powers of ten (carries), binary fractions
        // (exact ties) and integers.
        let mut values = vec![
            0.5130152523999526,
            9.9996,
            99.995,
            0.125,
            2.5,
            1.0,
            1e-8,
            9.999_999_999_999_999e13,
            999_999_999_999_999.0,
            0.099_999_999_999_999_98,
            1234.5,
            // 1 + 2^-15 and 1 + 3·2^-15: their 15th digit is followed by exactly 5 (ties,
            // rounded to even: down, then up).
            1.000_030_517_578_125,
            1.000_091_552_734_375,
        ];
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        for k in 0..15_000u32 {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let bits = (state >> 12) | (1023u64 + (state % 80) - 40) << 52;
            values.push(f64::from_bits(bits));
            values.push(f64::from(k) / 1000.0 + 0.0005);
            values.push(f64::from(k) * 0.125);
            values.push(10f64.powi((k % 30) as i32 - 12) * (1.0 - f64::EPSILON * f64::from(k % 7)));
        }
        let mut checked = 0;
        for x in values {
            for digits in 1..=17 {
                if let Some(fast) = integer_rounding(x, digits) {
                    assert_eq!(fast, text_rounding(x, digits), "{x:e} to {digits} digits");
                    checked += 1;
                }
            }
        }
        assert!(checked > 600_000, "{checked}");
        // Outside the covered range, and when the shown digits end exactly halfway, the
        // formatter decides.
        assert_eq!(integer_rounding(1e15, 4), None);
        assert_eq!(integer_rounding(1e-9, 4), None);
        assert_eq!(integer_rounding(0.125, 2), None);
        assert_eq!(integer_rounding(0.5, 18), None);
    }
}
