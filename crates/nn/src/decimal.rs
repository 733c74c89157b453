//! Decimal text to `f64`, correctly rounded, as `str::parse::<f64>` reads it (the same grammar,
//! the same value), written for the page's weight: the standard library's reader carries a
//! 10 KB table of powers of five that barely compresses (BENCHMARKS.md, session 18). A short
//! number (at most 15 significant digits, a power of ten up to 22) takes one exact operation;
//! any other is settled by comparing it exactly, in big integers, with the halfway points
//! around a first estimate. The widget's `tests/decimal.rs` checks it against the standard
//! library's.
//!
//! The way back, `f64` to text as `format!` writes it (`Fixed`, `Exponential`, `Shortest`,
//! `ShortestExponential`), is the private `write` module's, re-exported here: [`Fixed`] and the rest.

/// Significant digits kept: enough to decide the rounding of any `f64` (767 can matter); a
/// non-zero digit beyond them only says the number is above what was kept.
const MAX_DIGITS: usize = 800;

use std::cmp::Ordering::{self, Equal, Greater, Less};

mod write;
pub use write::{
    scaled, shortest_digits, significant_digits, Exponential, Fixed, Shortest, ShortestExponential,
};

/// `text` as `str::parse::<f64>` reads it: an optional sign, then `inf`, `infinity` or `nan`
/// (any case), or digits with an optional point and an optional exponent (`e` or `E`, a sign,
/// digits); at least one digit before the exponent; nothing else (no spaces).
pub fn parse_f64(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    let (negative, rest) = match bytes.first() {
        Some(b'-') => (true, &bytes[1..]),
        Some(b'+') => (false, &bytes[1..]),
        _ => (false, bytes),
    };
    let magnitude = if rest.eq_ignore_ascii_case(b"inf") || rest.eq_ignore_ascii_case(b"infinity") {
        f64::INFINITY
    } else if rest.eq_ignore_ascii_case(b"nan") {
        f64::NAN
    } else {
        magnitude(rest)?
    };
    Some(if negative { -magnitude } else { magnitude })
}

/// The value of unsigned digits with an optional point and exponent.
fn magnitude(text: &[u8]) -> Option<f64> {
    let (mantissa, exponent) = match text.iter().position(|&c| c == b'e' || c == b'E') {
        Some(at) => (&text[..at], Some(&text[at + 1..])),
        None => (text, None),
    };
    let (whole, fraction) = match mantissa.iter().position(|&c| c == b'.') {
        Some(at) => (&mantissa[..at], &mantissa[at + 1..]),
        None => (mantissa, &[][..]),
    };
    let is_digits = |s: &[u8]| s.iter().all(u8::is_ascii_digit);
    if whole.len() + fraction.len() == 0 || !is_digits(whole) || !is_digits(fraction) {
        return None;
    }
    let mut scale = match exponent {
        Some(e) => exponent_value(e)?,
        None => 0,
    };
    scale = scale.saturating_sub(fraction.len() as i64);
    // The significant digits, without leading zeros; then at most MAX_DIGITS of them, and
    // without trailing zeros (each dropped digit a power of ten).
    let all = whole.iter().chain(fraction).map(|c| c - b'0');
    let mut digits: Vec<u8> = all.skip_while(|&d| d == 0).collect();
    let mut above = false;
    if digits.len() > MAX_DIGITS {
        above = digits[MAX_DIGITS..].iter().any(|&d| d != 0);
        scale = scale.saturating_add((digits.len() - MAX_DIGITS) as i64);
        digits.truncate(MAX_DIGITS);
    }
    while digits.last() == Some(&0) {
        digits.pop();
        scale = scale.saturating_add(1);
    }
    Some(value(&digits, scale, above))
}

/// An exponent's digits (with an optional sign), saturating far beyond any `f64`.
fn exponent_value(text: &[u8]) -> Option<i64> {
    let (negative, digits) = match text.first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let n = digits.iter().fold(0i64, |n, &c| {
        n.saturating_mul(10)
            .saturating_add(i64::from(c - b'0'))
            .min(1 << 40)
    });
    Some(if negative { -n } else { n })
}

/// `digits × 10^scale` (plus a little more when `above`) rounded to the nearest `f64`, ties to
/// even. `digits` has no leading or trailing zeros.
fn value(digits: &[u8], scale: i64, above: bool) -> f64 {
    if digits.is_empty() {
        return 0.0;
    }
    // The number lies in [10^(magnitude-1), 10^magnitude).
    let magnitude = digits.len() as i64 + scale;
    if magnitude > 310 {
        return f64::INFINITY;
    }
    if magnitude < -325 {
        return 0.0;
    }
    let scale = scale as i32;
    if digits.len() <= 15 && !above && scale.abs() <= 22 {
        // Exact digits (below 2^53) and an exact power of ten: one correctly rounded operation.
        let m = digits.iter().fold(0u64, |m, &d| m * 10 + u64::from(d)) as f64;
        let p = POWERS[scale.unsigned_abs() as usize];
        return if scale < 0 { m / p } else { m * p };
    }
    let estimate = estimate(digits, scale);
    settle(estimate, digits, scale, above)
}

/// Exact powers of ten as `f64`.
const POWERS: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// A first estimate within a few units in the last place: the first 19 digits scaled by
/// powers of ten in steps that stay in range as long as the result does.
fn estimate(digits: &[u8], scale: i32) -> f64 {
    let head = &digits[..digits.len().min(19)];
    let mut x = head.iter().fold(0u64, |m, &d| m * 10 + u64::from(d)) as f64;
    let mut power = scale + (digits.len() - head.len()) as i32;
    while power > 0 {
        let step = power.min(22);
        x *= POWERS[step as usize];
        power -= step;
    }
    while power < 0 {
        let step = (-power).min(22);
        x /= POWERS[step as usize];
        power += step;
    }
    x.min(f64::MAX)
}

/// The `f64` nearest to `digits × 10^scale`, found from `x` by exact comparisons with the
/// halfway points to its neighbours.
fn settle(mut x: f64, digits: &[u8], scale: i32, above: bool) -> f64 {
    let number = Big::from_digits(digits);
    loop {
        // Above the halfway point to the next value up (ties to the even one)?
        let up = compare(&number, scale, above, upper_half(x));
        if up == Greater || (up == Equal && x.to_bits() & 1 == 1) {
            if x == f64::MAX {
                return f64::INFINITY;
            }
            x = f64::from_bits(x.to_bits() + 1);
            continue;
        }
        if x == 0.0 {
            return x;
        }
        let down = compare(&number, scale, above, lower_half(x));
        if down == Less || (down == Equal && x.to_bits() & 1 == 1) {
            x = f64::from_bits(x.to_bits() - 1);
            continue;
        }
        return x;
    }
}

/// A halfway point `m × 2^e`.
type Half = (u64, i32);

/// The integer significand and power of two of a finite non-negative `x`.
fn parts(x: f64) -> (u64, i32) {
    let bits = x.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1 << 52) - 1);
    if exponent == 0 {
        (fraction, -1074)
    } else {
        (fraction | 1 << 52, exponent - 1075)
    }
}

/// Halfway between `x` and the next `f64` up.
fn upper_half(x: f64) -> Half {
    let (m, e) = parts(x);
    (2 * m + 1, e - 1)
}

/// Halfway between `x` (positive) and the next `f64` down: the gap below is half as wide at
/// the bottom of a binade.
fn lower_half(x: f64) -> Half {
    let (m, e) = parts(x);
    if m == 1 << 52 && e > -1074 {
        (4 * m - 1, e - 2)
    } else {
        (2 * m - 1, e - 1)
    }
}

/// How `number × 10^scale` (a little more when `above`) compares with `m × 2^e`.
fn compare(number: &Big, scale: i32, above: bool, (m, e): Half) -> Ordering {
    let mut left = number.clone();
    let mut right = Big::from_u64(m);
    // 10^scale = 5^scale × 2^scale: each side takes the factors of the other's negative powers.
    if scale >= 0 {
        left.mul_pow5(scale as u32);
    } else {
        right.mul_pow5(scale.unsigned_abs());
    }
    let twos = i64::from(scale) - i64::from(e);
    if twos >= 0 {
        left.shl(twos as u32);
    } else {
        right.shl(twos.unsigned_abs() as u32);
    }
    match left.cmp(&right) {
        Equal if above => Greater,
        order => order,
    }
}

/// A non-negative big integer, 32-bit limbs, least significant first.
#[derive(Clone)]
struct Big(Vec<u32>);

impl Big {
    fn from_u64(n: u64) -> Big {
        let mut big = Big(vec![n as u32, (n >> 32) as u32]);
        big.trim();
        big
    }

    fn from_digits(digits: &[u8]) -> Big {
        let mut big = Big(Vec::with_capacity(digits.len() / 9 + 1));
        for chunk in digits.chunks(9) {
            let n = chunk.iter().fold(0u32, |n, &d| n * 10 + u32::from(d));
            big.mul_add(10u32.pow(chunk.len() as u32), n);
        }
        big
    }

    /// `self × factor + add`.
    fn mul_add(&mut self, factor: u32, add: u32) {
        let mut carry = u64::from(add);
        for limb in &mut self.0 {
            let product = u64::from(*limb) * u64::from(factor) + carry;
            *limb = product as u32;
            carry = product >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    fn mul_pow5(&mut self, mut n: u32) {
        // 5^13 is the largest power of five in a u32.
        while n > 0 {
            let step = n.min(13);
            self.mul_add(5u32.pow(step), 0);
            n -= step;
        }
    }

    fn shl(&mut self, bits: u32) {
        let (limbs, bits) = ((bits / 32) as usize, bits % 32);
        if bits > 0 {
            let mut carry = 0;
            for limb in &mut self.0 {
                let next = *limb >> (32 - bits);
                *limb = (*limb << bits) | carry;
                carry = next;
            }
            if carry > 0 {
                self.0.push(carry);
            }
        }
        self.0.splice(0..0, std::iter::repeat_n(0, limbs));
    }

    /// `self / divisor`, returning the remainder.
    fn div_rem(&mut self, divisor: u32) -> u32 {
        let mut remainder = 0u64;
        for limb in self.0.iter_mut().rev() {
            let current = remainder << 32 | u64::from(*limb);
            *limb = (current / u64::from(divisor)) as u32;
            remainder = current % u64::from(divisor);
        }
        self.trim();
        remainder as u32
    }

    /// The decimal digits (values 0–9), most significant first, without leading zeros.
    fn into_digits(mut self) -> Vec<u8> {
        let mut reversed = Vec::new();
        while !self.0.is_empty() {
            let mut chunk = self.div_rem(1_000_000_000);
            for _ in 0..9 {
                reversed.push((chunk % 10) as u8);
                chunk /= 10;
            }
        }
        while reversed.last() == Some(&0) {
            reversed.pop();
        }
        reversed.reverse();
        reversed
    }

    fn trim(&mut self) {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
    }

    /// Both without leading zero limbs (no operation here leaves one).
    fn cmp(&self, other: &Big) -> Ordering {
        self.0
            .len()
            .cmp(&other.0.len())
            .then_with(|| self.0.iter().rev().cmp(other.0.iter().rev()))
    }
}
