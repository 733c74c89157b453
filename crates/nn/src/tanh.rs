//! The hyperbolic tangent without a call into the platform's maths library: in WebAssembly
//! that call is the training loop's largest cost. Both the one-number code
//! ([`crate::activation`]) and the two-lane code ([`crate::lanes`]) use these
//! coefficients, so that the two agree to the bit.

/// The hyperbolic tangent to within a few units in the last place of `f64::tanh`, but
/// without a call into the platform's maths library (in WebAssembly that call is the training
/// loop's largest cost). Near zero it is an odd rational function (a minimax fit of
/// `(tanh x − x)/x³` on |x| < 0.625, the classic Cephes coefficients); further out,
/// `1 − 2/(e^{2|x|} + 1)` with the sign of `x`, which has no cancellation there; beyond 22 it
/// is ±1 to the last bit.
#[inline(always)]
pub fn tanh(x: f64) -> f64 {
    const P: [f64; 3] = TANH_P;
    const Q: [f64; 3] = TANH_Q;
    let ax = x.abs();
    if ax < 1e-9 {
        // tanh x = x − x³/3 + …, equal to x in f64 here (and −0 stays −0).
        x
    } else if ax < 0.625 {
        let z = x * x;
        let p = (P[0] * z + P[1]) * z + P[2];
        let q = ((z + Q[0]) * z + Q[1]) * z + Q[2];
        x + x * (z * p / q)
    } else if ax < 22.0 {
        let e = exp_moderate(2.0 * ax);
        (1.0 - 2.0 / (e + 1.0)).copysign(x)
    } else if ax.is_nan() {
        x
    } else {
        1.0f64.copysign(x)
    }
}

/// [`tanh`]'s rational function near zero: `tanh x = x + x·z·p(z)/q(z)` with `z = x²`.
pub(crate) const TANH_P: [f64; 3] = [
    -9.643_991_794_250_523e-1,
    -9.928_772_310_019_185e1,
    -1.614_687_684_417_079_5e3,
];
/// The denominator's coefficients (its leading one is 1).
pub(crate) const TANH_Q: [f64; 3] = [
    1.128_116_784_916_329_3e2,
    2.235_488_390_601_004_4e3,
    4.844_063_053_251_255e3,
];
/// `64 / ln 2`, and `ln 2 / 64` in two parts (the first to 40 bits, so that `k·hi` is exact).
pub(crate) const EXP_INV_STEP: f64 = 92.332_482_616_893_66;
pub(crate) const EXP_STEP_HI: f64 = 0.010_830_424_696_251_839;
pub(crate) const EXP_STEP_LO: f64 = -2.693_663_207_127_318e-15;

/// `e^x` for `x` in [1, 45] (what [`tanh`] needs), to within a few units in the last place and
/// without a library call. With `k` the nearest whole number to `x·64/ln 2`, `x = k·ln2/64 + r`
/// and |r| ≤ ln 2/128 (ln2/64 is split in two so that `k·hi` is exact); then
/// `e^x = 2^(k div 64) · 2^((k mod 64)/64) · e^r`, the middle factor from a table (each entry
/// `2^(j/64)` correctly rounded) and `e^r` from its Taylor series to r⁵ (the first term left out
/// is below 4·10⁻¹⁷). `round_ties_even` is one WebAssembly instruction; `round` would be a call.
#[inline(always)]
fn exp_moderate(x: f64) -> f64 {
    let k = (x * EXP_INV_STEP).round_ties_even();
    let r = (x - k * EXP_STEP_HI) - k * EXP_STEP_LO;
    let er = 1.0 + r * (1.0 + r * (0.5 + r * (1.0 / 6.0 + r * (1.0 / 24.0 + r * (1.0 / 120.0)))));
    let k = k as i64;
    let scale = f64::from_bits(((k >> 6) + 1023) as u64 * (1u64 << 52));
    TWO_TO_J_64THS[(k & 63) as usize] * er * scale
}

/// `2^(j/64)` for j = 0..64, each correctly rounded.
#[rustfmt::skip]
pub(crate) const TWO_TO_J_64THS: [f64; 64] = [
    1.0, 1.0108892860517005, 1.0218971486541166, 1.0330248790212284, 1.0442737824274138, 1.0556451783605572, 1.0671404006768237, 1.0787607977571199, 1.0905077326652577, 1.102382583307841, 1.1143867425958924, 1.1265216186082418, 1.1387886347566916, 1.1511892299529827, 1.1637248587775775, 1.1763969916502812, 1.189207115002721, 1.202156731452703, 1.215247359980469, 1.22848053610687, 1.241857812073484, 1.255380757024691, 1.2690509571917332, 1.2828700160787783, 1.2968395546510096, 1.3109612115247644, 1.3252366431597413, 1.339667524053303, 1.3542555469368927, 1.3690024229745905, 1.383909881963832, 1.3989796725383112, std::f64::consts::SQRT_2, 1.42961333839197, 1.4451808069770467, 1.460917794180647, 1.4768261459394993, 1.4929077282912648, 1.5091644275934228, 1.5255981507445384, 1.5422108254079407, 1.559004400237837, 1.5759808451078865, 1.593142151342267, 1.6104903319492543, 1.6280274218573478, 1.645755478153965, 1.6636765803267364, 1.681792830507429, 1.7001063537185235, 1.718619298122478, 1.7373338352737062, 1.7562521603732995, 1.7753764925265212, 1.7947090750031072, 1.8142521755003989, 1.8340080864093424, 1.8539791250833855, 1.8741676341103, 1.8945759815869656, 1.9152065613971474, 1.9360617934922943, 1.9571441241754002, 1.978456026387951
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tanh_agrees_with_the_platform_to_a_few_ulps() {
        let mut worst: f64 = 0.0;
        let mut rng = crate::rng::Rng::new(5);
        let mut check = |x: f64| {
            let (mine, std) = (tanh(x), x.tanh());
            if std != 0.0 {
                worst = worst.max(((mine - std) / std).abs());
            } else {
                assert_eq!(mine, 0.0);
            }
        };
        for k in 0..200_000 {
            let x = rng.uniform(-30.0, 30.0) * if k % 3 == 0 { 0.01 } else { 1.0 };
            check(x);
        }
        for x in [
            0.0,
            -0.0,
            1e-300,
            0.625,
            -0.625,
            0.624_999_999,
            22.0,
            21.999,
            1e10,
            f64::MAX,
        ] {
            check(x);
        }
        assert!(worst < 5.0 * f64::EPSILON, "worst relative error {worst:e}");
        assert!(tanh(f64::NAN).is_nan());
        assert_eq!(tanh(f64::INFINITY), 1.0);
        assert_eq!(tanh(f64::NEG_INFINITY), -1.0);
        assert_eq!(tanh(-0.0).to_bits(), (-0.0f64).to_bits());
    }

    #[test]
    fn exp_moderate_agrees_with_the_platform() {
        let mut worst: f64 = 0.0;
        let mut x = 1.0;
        while x <= 45.0 {
            let (mine, std) = (exp_moderate(x), x.exp());
            worst = worst.max(((mine - std) / std).abs());
            x += 0.000_37;
        }
        assert!(worst < 4.0 * f64::EPSILON, "worst relative error {worst:e}");
    }
}
