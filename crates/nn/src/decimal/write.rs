//! `f64` to decimal text, as Rust's formatting writes it, from the number's exact decimal
//! value: `Fixed(x, 2)` is `format!("{x:.2}")`, `Exponential(x, 3)` is `{x:.3e}`, `Shortest(x)`
//! is `{x}` and `ShortestExponential(x)` is `{x:e}`. Written for the page's weight, as the
//! reader is: the standard library's formatting carries two digit generators (Grisu and
//! Dragon4) with their tables, about 10 KB of the page gzipped (BENCHMARKS.md, session 19).
//!
//! Every rounding is of the exact binary value, ties to even, as the standard library's. The
//! one difference: of two shortest numbers that read back and lie equally near `x`, these
//! take the even one (as JSON writers do) where `{x:e}` takes the one above. The widget's
//! `tests/decimal.rs` checks each against the standard library's.
//!
//! ```
//! use backprop_nn::decimal::{Exponential, Fixed, Shortest};
//! assert_eq!(Fixed(0.125, 2).to_string(), "0.12");
//! assert_eq!(Exponential(-0.40131, 3).to_string(), "-4.013e-1");
//! assert_eq!(Shortest(0.1 + 0.2).to_string(), "0.30000000000000004");
//! ```

use super::{parse_f64, parts, Big};
use std::fmt;

/// `x` with `places` digits after the point: `format!("{x:.places$}")`.
pub struct Fixed(pub f64, pub usize);

/// `x` in scientific notation with `places` digits after the point: `format!("{x:.places$e}")`.
pub struct Exponential(pub f64, pub usize);

/// `x` in the fewest digits that read back, in positional notation: `format!("{x}")`.
pub struct Shortest(pub f64);

/// `x` in the fewest digits that read back, in scientific notation: `format!("{x:e}")`.
pub struct ShortestExponential(pub f64);

/// Significant digits (values 0–9) and the power of ten of the first: `([4, 0, 1, 3], -1)` is
/// 0.4013. No digits is zero.
type Digits = (Vec<u8>, i32);

/// The `significant` first digits of `|x|` (finite), rounded, ties to even: the digits of
/// `{x:.N e}` with N = `significant` − 1. Zero is `"0"`s with exponent 0.
pub fn significant_digits(x: f64, significant: usize) -> (String, i32) {
    let significant = significant.max(1);
    let (digits, first) = expansion(x.abs());
    let (mut digits, first) = round(&digits, first, significant as i32, Rounding::Nearest);
    digits.resize(significant, 0);
    (text(&digits), first)
}

/// The fewest significant digits of `|x|` (finite) that read back to it, without trailing
/// zeros, and the power of ten of the first; of two such, the one nearer `x`, and at equal
/// distance the even one. Zero is `("0", 0)`.
pub fn shortest_digits(x: f64) -> (String, i32) {
    if x == 0.0 {
        return ("0".into(), 0);
    }
    let (digits, first) = shortest(x.abs());
    (text(&digits), first)
}

fn text(digits: &[u8]) -> String {
    digits.iter().map(|&d| char::from(b'0' + d)).collect()
}

/// The exact decimal value of a finite `x` ≥ 0, without trailing zeros; zero as no digits.
fn expansion(x: f64) -> Digits {
    if x == 0.0 {
        return (Vec::new(), 0);
    }
    let (m, e) = parts(x);
    let mut big = Big::from_u64(m);
    // m × 2^e, and for e < 0 the same as m × 5^−e × 10^e.
    let scale = if e >= 0 {
        big.shl(e as u32);
        0
    } else {
        big.mul_pow5(e.unsigned_abs());
        e
    };
    let mut digits = big.into_digits();
    let first = digits.len() as i32 - 1 + scale;
    while digits.last() == Some(&0) {
        digits.pop();
    }
    (digits, first)
}

#[derive(Clone, Copy, PartialEq)]
enum Rounding {
    Nearest,
    Down,
    Up,
}

/// An expansion (no trailing zeros) rounded to `n` significant digits (none or fewer: to the
/// power of ten above the first digit and beyond), without trailing zeros.
fn round(digits: &[u8], first: i32, n: i32, rounding: Rounding) -> Digits {
    let keep = n.max(0) as usize;
    if keep >= digits.len() {
        return (digits.to_vec(), first);
    }
    let mut kept = digits[..keep].to_vec();
    let up = match rounding {
        Rounding::Down => false,
        Rounding::Up => true,
        Rounding::Nearest if n < 0 => false,
        Rounding::Nearest => {
            let next = digits[keep];
            // Without trailing zeros, any digit after `next` is a non-zero remainder.
            let odd = kept.last().is_some_and(|d| d % 2 == 1);
            next > 5 || (next == 5 && (digits.len() > keep + 1 || odd))
        }
    };
    let mut first = first;
    if up {
        while kept.last() == Some(&9) {
            kept.pop();
        }
        match kept.last_mut() {
            Some(d) => *d += 1,
            None => {
                // 9.99 → 10.0, or nothing kept: one digit in the place above.
                kept.push(1);
                first += 1;
            }
        }
    }
    while kept.last() == Some(&0) {
        kept.pop();
    }
    (kept, first)
}

/// See [`shortest_digits`]; `x` ≥ 0 and finite, zero as no digits.
fn shortest(x: f64) -> Digits {
    let (digits, first) = expansion(x);
    if digits.is_empty() {
        return (digits, first);
    }
    let reads_back = |(d, f): &Digits| {
        let mut text = self::text(d);
        text.push('e');
        text.push_str(&(f - (d.len() as i32 - 1)).to_string());
        parse_f64(&text) == Some(x)
    };
    // The nearest number of `n` digits that reads back, or else the other one around `x`.
    let candidate = |n: i32| {
        let near = round(&digits, first, n, Rounding::Nearest);
        if reads_back(&near) {
            return Some(near);
        }
        let down = round(&digits, first, n, Rounding::Down);
        let other = if down == near {
            round(&digits, first, n, Rounding::Up)
        } else {
            down
        };
        reads_back(&other).then_some(other)
    };
    if x >= f64::MIN_POSITIVE {
        // What reads back to a normal `x` lies within one gap between neighbouring `f64`s,
        // at most 2^-52·x wide: narrower than the gap between numbers of 15 significant digits
        // (more than 10^-15·x), so the only one of them (or of fewer digits) that can read back
        // is the nearest, `x` rounded to 15 digits. Seventeen digits always read back.
        let near = round(&digits, first, 15, Rounding::Nearest);
        if reads_back(&near) {
            return near;
        }
        return candidate(16).unwrap_or_else(|| round(&digits, first, 17, Rounding::Nearest));
    }
    // A subnormal number's gap is wider: if some number of n digits reads back, one of n + 1
    // does (the same one), so the least n is found by halving.
    let (mut low, mut high) = (1, 17);
    while low < high {
        let middle = (low + high) / 2;
        if candidate(middle).is_some() {
            high = middle;
        } else {
            low = middle + 1;
        }
    }
    candidate(low).unwrap_or_else(|| round(&digits, first, 17, Rounding::Nearest))
}

/// The digit of `digits` (first at `10^first`) in the place `10^place`.
fn digit_at((digits, first): &Digits, place: i32) -> u8 {
    usize::try_from(first - place)
        .ok()
        .and_then(|k| digits.get(k).copied())
        .unwrap_or(0)
}

/// NaN, infinities and the sign, as Rust writes them; `None` leaves the finite magnitude to
/// the caller, after the sign.
fn special(f: &mut fmt::Formatter<'_>, x: f64) -> Result<Option<f64>, fmt::Error> {
    if x.is_nan() {
        f.write_str("NaN")?;
        return Ok(None);
    }
    if x.is_sign_negative() {
        f.write_str("-")?;
    }
    if x.is_infinite() {
        f.write_str("inf")?;
        return Ok(None);
    }
    Ok(Some(x.abs()))
}

/// Digits in positional notation with `places` after the point (at least the integer digits).
fn positional(f: &mut fmt::Formatter<'_>, number: &Digits, places: usize) -> fmt::Result {
    let mut out = String::new();
    for place in (0..=number.1.max(0)).rev() {
        out.push(char::from(b'0' + digit_at(number, place)));
    }
    if places > 0 {
        out.push('.');
        for place in 1..=places as i32 {
            out.push(char::from(b'0' + digit_at(number, -place)));
        }
    }
    f.write_str(&out)
}

/// Digits in scientific notation: the first, a point and `places` more, `e` and the exponent.
fn scientific(f: &mut fmt::Formatter<'_>, number: &Digits, places: usize) -> fmt::Result {
    let (digits, first) = number;
    let mut out = String::new();
    out.push(char::from(b'0' + digits.first().copied().unwrap_or(0)));
    if places > 0 {
        out.push('.');
        for k in 1..=places {
            out.push(char::from(b'0' + digits.get(k).copied().unwrap_or(0)));
        }
    }
    let exponent = if digits.is_empty() { 0 } else { *first };
    f.write_str(&out)?;
    write!(f, "e{exponent}")
}

/// `x` (finite, ≥ 0, not a whole number of 2^53 or more) × 10^`places` rounded to an
/// integer, ties to even, when 128-bit arithmetic does it exactly (`places` at most 22) and it
/// fits a `u64`: the common case of `Fixed` (coordinates, sizes, shares) and of the widget's
/// 15-digit rounding of explanations, without the exact expansion, several times faster.
pub fn scaled(x: f64, places: usize) -> Option<u64> {
    let (m, e) = parts(x);
    let places = u32::try_from(places).ok().filter(|&p| p <= 22)?;
    // m < 2^53 and 10^22 < 2^74: no overflow.
    let product = u128::from(m) * 10u128.pow(places);
    let shift = u32::try_from(-e).ok().filter(|s| (1..128).contains(s))?;
    let quotient = product >> shift;
    let remainder = product & ((1u128 << shift) - 1);
    let half = 1u128 << (shift - 1);
    let up = remainder > half || (remainder == half && quotient % 2 == 1);
    u64::try_from(quotient + u128::from(up)).ok()
}

/// An integer count of 10^-`places` (at most 19) written with its point, with no allocation.
fn with_point(f: &mut fmt::Formatter<'_>, scaled: u64, places: usize) -> fmt::Result {
    if places == 0 {
        return write!(f, "{scaled}");
    }
    let unit = 10u64.pow(places as u32);
    write!(f, "{}.{:0places$}", scaled / unit, scaled % unit)
}

impl fmt::Display for Fixed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(x) = special(f, self.0)? else {
            return Ok(());
        };
        // 10^19 is the largest power of ten a u64 holds, which `with_point` divides by.
        if let Some(n) = scaled(x, self.1).filter(|_| self.1 <= 19) {
            return with_point(f, n, self.1);
        }
        let (digits, first) = expansion(x);
        let places = self.1.min(1100) as i32;
        let rounded = round(&digits, first, first + 1 + places, Rounding::Nearest);
        positional(f, &rounded, self.1)
    }
}

impl fmt::Display for Exponential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(x) = special(f, self.0)? else {
            return Ok(());
        };
        let (digits, first) = expansion(x);
        let n = self.1.min(1100) as i32 + 1;
        scientific(f, &round(&digits, first, n, Rounding::Nearest), self.1)
    }
}

impl fmt::Display for Shortest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(x) = special(f, self.0)? else {
            return Ok(());
        };
        let number = shortest(x);
        let places = (number.0.len() as i32 - 1 - number.1).max(0) as usize;
        positional(f, &number, places)
    }
}

impl fmt::Display for ShortestExponential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(x) = special(f, self.0)? else {
            return Ok(());
        };
        let number = shortest(x);
        let places = number.0.len().saturating_sub(1);
        scientific(f, &number, places)
    }
}
