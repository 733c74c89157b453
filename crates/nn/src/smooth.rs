//! The smooth activations of modern networks, each beside its derivative (α = 1 for ELU):
//!
//! | name        | f(z)                                           | f'(z)                                    |
//! |-------------|------------------------------------------------|------------------------------------------|
//! | `elu`       | z if z > 0, else e^z − 1                       | 1 if z > 0, else e^z                     |
//! | `gelu`      | z·Φ(z) = ½·z·(1 + erf(z/√2))                   | Φ(z) + z·φ(z), φ(z) = e^(−z²/2)/√(2π)   |
//! | `gelu_tanh` | ½·z·(1 + tanh u), u = √(2/π)·(z + 0.044715·z³) | ½·(1 + tanh u) + ½·z·(1 − tanh²u)·u′     |
//! | `silu`      | z·σ(z)                                         | σ(z)·(1 + z·(1 − σ(z)))                  |
//! | `softplus`  | ln(1 + e^z)                                    | σ(z)                                     |
//!
//! `gelu` is the exact (erf) form and `gelu_tanh` the tanh approximation, as PyTorch names them
//! (`approximate='none'` and `'tanh'`). `erf` is computed here (Rust's standard library has
//! none) to about 1e-15: a series of positive terms below 2.5 and a continued fraction for `erfc` above.

use super::activation::sigmoid;
use super::tanh::tanh;

const SQRT_2: f64 = std::f64::consts::SQRT_2;
/// √(2/π), the tanh form's scale.
const SQRT_2_OVER_PI: f64 = 0.797_884_560_802_865_4;
/// The tanh form's cubic coefficient.
const GELU_CUBIC: f64 = 0.044_715;
/// 1/√(2π), the normal density's scale.
const INV_SQRT_2PI: f64 = 0.398_942_280_401_432_7;

/// The error function, to about 1e-15.
pub fn erf(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    let ax = x.abs();
    let v = if ax < 2.5 {
        // erf x = 2/√π · e^(−x²) · Σ 2ⁿ·x^(2n+1) / (1·3·5·…·(2n+1)): every term positive, so no
        // cancellation (the alternating Taylor series loses digits near 2).
        let x2 = ax * ax;
        let mut term = ax;
        let mut sum = ax;
        for n in 1..120 {
            term *= 2.0 * x2 / f64::from(2 * n + 1);
            sum += term;
            if term <= 1e-17 * sum {
                break;
            }
        }
        sum * std::f64::consts::FRAC_2_SQRT_PI * (-x2).exp()
    } else {
        1.0 - erfc_large(ax)
    };
    v.copysign(x)
}

/// `erfc x` for x ≥ 2.5, by the continued fraction
/// `erfc x = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …))))`, evaluated with Lentz's method.
fn erfc_large(x: f64) -> f64 {
    if x > 27.0 {
        return 0.0;
    }
    let tiny = 1e-300;
    let mut f = x;
    let mut c = x;
    let mut d = 0.0;
    for k in 1..200 {
        let a = k as f64 / 2.0;
        d = x + a * d;
        d = if d.abs() < tiny { tiny } else { d };
        c = x + a / c;
        c = if c.abs() < tiny { tiny } else { c };
        d = 1.0 / d;
        let delta = c * d;
        f *= delta;
        if (delta - 1.0).abs() < 1e-16 {
            break;
        }
    }
    (-x * x).exp() / (f * std::f64::consts::PI.sqrt())
}

/// ELU with α = 1.
pub fn elu(z: f64) -> f64 {
    if z > 0.0 {
        z
    } else {
        z.exp_m1()
    }
}

/// ELU's derivative: 1 above 0, `a + 1 = e^z` below.
pub fn elu_derivative(z: f64, a: f64) -> f64 {
    if z > 0.0 {
        1.0
    } else {
        a + 1.0
    }
}

/// GELU, the exact form `z·Φ(z)`.
pub fn gelu(z: f64) -> f64 {
    0.5 * z * (1.0 + erf(z / SQRT_2))
}

/// GELU's derivative `Φ(z) + z·φ(z)`.
pub fn gelu_derivative(z: f64) -> f64 {
    let cdf = 0.5 * (1.0 + erf(z / SQRT_2));
    let pdf = INV_SQRT_2PI * (-0.5 * z * z).exp();
    cdf + z * pdf
}

/// GELU's tanh approximation.
pub fn gelu_tanh(z: f64) -> f64 {
    let u = SQRT_2_OVER_PI * (z + GELU_CUBIC * z * z * z);
    0.5 * z * (1.0 + tanh(u))
}

/// The tanh approximation's derivative.
pub fn gelu_tanh_derivative(z: f64) -> f64 {
    let u = SQRT_2_OVER_PI * (z + GELU_CUBIC * z * z * z);
    let t = tanh(u);
    let du = SQRT_2_OVER_PI * (1.0 + 3.0 * GELU_CUBIC * z * z);
    0.5 * (1.0 + t) + 0.5 * z * (1.0 - t * t) * du
}

/// SiLU (swish), `z·σ(z)`.
pub fn silu(z: f64) -> f64 {
    z * sigmoid(z)
}

/// SiLU's derivative `σ(z)·(1 + z·(1 − σ(z)))`.
pub fn silu_derivative(z: f64) -> f64 {
    let s = sigmoid(z);
    s * (1.0 + z * (1.0 - s))
}

/// Softplus `ln(1 + e^z)`, as `max(z, 0) + ln(1 + e^(−|z|))` so that it never overflows.
pub fn softplus(z: f64) -> f64 {
    z.max(0.0) + (-z.abs()).exp().ln_1p()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `math.erf` of CPython 3.11 (the C library's erf), printed with `repr`:
    /// `python3 -c "import math; [print(x, repr(math.erf(x))) for x in (…)]"`.
    const ERF: [(f64, f64); 10] = [
        (0.0, 0.0),
        (0.1, 0.1124629160182849),
        (0.5, 0.5204998778130465),
        (1.0, 0.8427007929497149),
        (1.5, 0.9661051464753108),
        (2.0, 0.9953222650189527),
        (2.4, 0.999311486103355),
        (2.6, 0.9997639655834707),
        (3.5, 0.9999992569016276),
        (-0.7, -0.6778011938374184),
    ];

    #[test]
    fn erf_matches_the_c_library() {
        for (x, want) in ERF {
            assert!(
                (erf(x) - want).abs() <= 4e-16,
                "erf({x}) = {} not {want}",
                erf(x)
            );
        }
        assert_eq!(erf(40.0), 1.0);
        assert_eq!(erf(-40.0), -1.0);
        assert!(erf(f64::NAN).is_nan());
    }

    /// The same functions in CPython 3.11 from their definitions (`math.erf`, `math.tanh`,
    /// `math.exp`, `math.log1p`, `math.expm1`): z, gelu, gelu_tanh, silu, softplus, elu.
    const REFERENCE: [(f64, f64, f64, f64, f64, f64); 5] = [
        (
            -2.3,
            -0.024665453049854423,
            -0.024327029795919095,
            -0.20958281033416915,
            0.09554546459796295,
            -0.8997411562771962,
        ),
        (
            -0.7,
            -0.1693745565561511,
            -0.16942986529488321,
            -0.2322685594822837,
            0.4031860488854579,
            -0.5034146962085905,
        ),
        (
            0.05,
            0.025996940291918624,
            0.025996938238622008,
            0.025624869824210517,
            0.7184596480132863,
            0.05,
        ),
        (
            0.4,
            0.2621686966441297,
            0.2621611694273562,
            0.2394750640449808,
            0.9130152523999526,
            0.4,
        ),
        (
            1.9,
            1.8454385363495966,
            1.8454512344553327,
            1.652793898710304,
            2.0393867582829603,
            1.9,
        ),
    ];

    #[test]
    fn each_function_matches_an_independent_implementation() {
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-15 * b.abs().max(1.0);
        for (z, g, gt, si, sp, el) in REFERENCE {
            assert!(close(gelu(z), g), "gelu({z}) = {}", gelu(z));
            assert!(close(gelu_tanh(z), gt), "gelu_tanh({z}) = {}", gelu_tanh(z));
            assert!(close(silu(z), si), "silu({z}) = {}", silu(z));
            assert!(close(softplus(z), sp), "softplus({z}) = {}", softplus(z));
            assert!(close(elu(z), el), "elu({z}) = {}", elu(z));
        }
    }

    #[test]
    fn softplus_does_not_overflow() {
        assert_eq!(softplus(1000.0), 1000.0);
        assert_eq!(softplus(-1000.0), 0.0);
        assert!((softplus(0.0) - 2f64.ln()).abs() < 1e-16);
    }
}
