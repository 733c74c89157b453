//! A JSON number, and the text a finite `f64` is written as.

use std::fmt::{self, Write as _};

/// A JSON number: a whole number as written (to 64 bits), anything else as an `f64`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Number(N);

#[derive(Clone, Copy, Debug, PartialEq)]
enum N {
    Whole(u64),
    Negative(i64),
    Float(f64),
}

impl Number {
    /// A finite `f64` as a number (`None` for NaN and the infinities, which JSON has not).
    pub fn from_f64(x: f64) -> Option<Number> {
        x.is_finite().then_some(Number(N::Float(x)))
    }

    /// The number as an `f64`.
    pub fn as_f64(&self) -> Option<f64> {
        Some(match self.0 {
            N::Whole(n) => n as f64,
            N::Negative(n) => n as f64,
            N::Float(x) => x,
        })
    }

    /// The number, if it is a whole number from 0 written without a fraction or an exponent.
    pub fn as_u64(&self) -> Option<u64> {
        match self.0 {
            N::Whole(n) => Some(n),
            _ => None,
        }
    }

    /// The number, if it is a whole number written without a fraction or an exponent that fits
    /// in an `i64`.
    pub fn as_i64(&self) -> Option<i64> {
        match self.0 {
            N::Whole(n) => i64::try_from(n).ok(),
            N::Negative(n) => Some(n),
            N::Float(_) => None,
        }
    }

    /// Whether the number is held as an `f64` (written with a fraction or an exponent).
    pub fn is_f64(&self) -> bool {
        matches!(self.0, N::Float(_))
    }

    /// Whether the number is a whole number from 0.
    pub fn is_u64(&self) -> bool {
        matches!(self.0, N::Whole(_))
    }

    /// Whether the number is a whole number that fits in an `i64`.
    pub fn is_i64(&self) -> bool {
        self.as_i64().is_some()
    }
}

impl From<i64> for Number {
    fn from(n: i64) -> Number {
        match u64::try_from(n) {
            Ok(whole) => Number(N::Whole(whole)),
            Err(_) => Number(N::Negative(n)),
        }
    }
}

impl From<u64> for Number {
    fn from(n: u64) -> Number {
        Number(N::Whole(n))
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            N::Whole(n) => write!(f, "{n}"),
            N::Negative(n) => write!(f, "{n}"),
            N::Float(x) => f.write_str(&float_text(x)),
        }
    }
}

/// A finite `f64` as JSON writes it: the fewest digits that read back to `x`, in positional
/// notation from 1e-5 to below 1e16 (`0.00001`, `100.0`, `1234567890123456.8`) and in
/// scientific notation outside it (`1e-6`, `1e+16`, `1.5e+300`).
fn float_text(x: f64) -> String {
    // The fewest digits that read back, without trailing zeros (zero is "0"); of two such
    // equally near `x`, the even one, as JSON writers take it.
    let (digits, exponent) = crate::decimal::shortest_digits(x);
    let digits = digits.as_str();
    let sign = if x.is_sign_negative() { "-" } else { "" };
    let mut out = String::from(sign);
    if (-5..16).contains(&exponent) {
        let point = exponent + 1;
        if point <= 0 {
            out.push_str("0.");
            out.extend(std::iter::repeat_n('0', point.unsigned_abs() as usize));
            out.push_str(digits);
        } else {
            let point = point as usize;
            if digits.len() > point {
                let at = out.len() + point;
                out.push_str(digits);
                out.insert(at, '.');
            } else {
                out.push_str(digits);
                out.extend(std::iter::repeat_n('0', point - digits.len()));
                out.push_str(".0");
            }
        }
    } else {
        let at = out.len() + 1;
        out.push_str(digits);
        if digits.len() > 1 {
            out.insert(at, '.');
        }
        let _ = write!(
            out,
            "e{}{}",
            if exponent < 0 { '-' } else { '+' },
            exponent.abs()
        );
    }
    out
}
