//! The inner loops that training and the decision maps spend their time in: `z += x·s`, the
//! backward pass's row (`g += d·s` and `Σ w·d`), and `tanh` over a run of numbers, two numbers
//! at a time where the processor can (WebAssembly's 128-bit SIMD, which every current browser
//! has; the page's wasm is built with it, see `.cargo/config.toml`).
//!
//! Each lane does exactly the IEEE operations of the one-number code, in the same order
//! (WebAssembly has no fused multiply-add to change a rounding), so `add_scaled` and the `tanh`
//! functions give bitwise the results of the plain loop and of [`super::tanh::tanh`]. The
//! one exception is the dot product of `add_scaled_and_dot`, summed as two interleaved halves
//! (the same terms in another order: a difference in the last bits, well inside the 10⁻¹² the
//! training tests allow against the explained trace). On other targets the plain loops run.
//! `simd_self_check` (built into the page's test build) checks all this inside the browser.

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
mod imp {
    /// `z[k] += x[k]·s` for every `k` (the shorter length decides).
    #[inline]
    pub fn add_scaled(z: &mut [f64], x: &[f64], s: f64) {
        for (zk, xk) in z.iter_mut().zip(x) {
            *zk += xk * s;
        }
    }

    /// `g[k] += d[k]·s` for every `k`, and returns `Σ w[k]·d[k]` (the backward pass's two
    /// uses of one row of weights; the shortest length decides).
    #[inline]
    pub fn add_scaled_and_dot(g: &mut [f64], d: &[f64], s: f64, w: &[f64]) -> f64 {
        let mut sum = 0.0;
        for ((gk, dk), wk) in g.iter_mut().zip(d).zip(w) {
            *gk += dk * s;
            sum += wk * dk;
        }
        sum
    }

    /// `out[k] = tanh(z[k])` for every `k` (the shorter length decides).
    #[inline]
    pub fn tanh_from(out: &mut [f64], z: &[f64]) {
        for (o, v) in out.iter_mut().zip(z) {
            *o = super::super::tanh::tanh(*v);
        }
    }

    /// `v[k] = tanh(v[k])` for every `k`.
    #[inline]
    pub fn tanh_in_place(v: &mut [f64]) {
        for x in v.iter_mut() {
            *x = super::super::tanh::tanh(*x);
        }
    }
}

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod imp {
    use super::super::tanh::{
        tanh, EXP_INV_STEP, EXP_STEP_HI, EXP_STEP_LO, TANH_P, TANH_Q, TWO_TO_J_64THS,
    };
    use core::arch::wasm32::*;

    /// The two numbers of `pair` (from `chunks_exact(2)`) as one vector.
    #[inline(always)]
    fn load(pair: &[f64]) -> v128 {
        assert_eq!(pair.len(), 2);
        // SAFETY: `pair` is two f64, 16 readable bytes; the read needs no alignment.
        unsafe { pair.as_ptr().cast::<v128>().read_unaligned() }
    }

    /// Writes both lanes of `v` into `pair` (from `chunks_exact_mut(2)`).
    #[inline(always)]
    fn store(pair: &mut [f64], v: v128) {
        assert_eq!(pair.len(), 2);
        // SAFETY: `pair` is two f64, 16 writable bytes; the write needs no alignment.
        unsafe { pair.as_mut_ptr().cast::<v128>().write_unaligned(v) }
    }

    /// `z[k] += x[k]·s` for every `k` (the shorter length decides).
    #[inline]
    pub fn add_scaled(z: &mut [f64], x: &[f64], s: f64) {
        let n = z.len().min(x.len());
        let (z, x) = (&mut z[..n], &x[..n]);
        let sv = f64x2_splat(s);
        let mut zs = z.chunks_exact_mut(2);
        let mut xs = x.chunks_exact(2);
        for (zp, xp) in (&mut zs).zip(&mut xs) {
            store(zp, f64x2_add(load(zp), f64x2_mul(load(xp), sv)));
        }
        for (zk, xk) in zs.into_remainder().iter_mut().zip(xs.remainder()) {
            *zk += xk * s;
        }
    }

    /// `g[k] += d[k]·s` for every `k`, and returns `Σ w[k]·d[k]`, the sum taken as the even
    /// terms' sum plus the odd terms' (each in order), plus a last odd-one-out term.
    #[inline]
    pub fn add_scaled_and_dot(g: &mut [f64], d: &[f64], s: f64, w: &[f64]) -> f64 {
        let n = g.len().min(d.len()).min(w.len());
        let (g, d, w) = (&mut g[..n], &d[..n], &w[..n]);
        let sv = f64x2_splat(s);
        let mut acc = f64x2_splat(0.0);
        let mut gs = g.chunks_exact_mut(2);
        let mut ds = d.chunks_exact(2);
        let mut ws = w.chunks_exact(2);
        for ((gp, dp), wp) in (&mut gs).zip(&mut ds).zip(&mut ws) {
            let dv = load(dp);
            store(gp, f64x2_add(load(gp), f64x2_mul(dv, sv)));
            acc = f64x2_add(acc, f64x2_mul(load(wp), dv));
        }
        let mut sum = f64x2_extract_lane::<0>(acc) + f64x2_extract_lane::<1>(acc);
        for ((gk, dk), wk) in gs
            .into_remainder()
            .iter_mut()
            .zip(ds.remainder())
            .zip(ws.remainder())
        {
            *gk += dk * s;
            sum += wk * dk;
        }
        sum
    }

    /// `out[k] = tanh(z[k])` for every `k` (the shorter length decides).
    #[inline]
    pub fn tanh_from(out: &mut [f64], z: &[f64]) {
        let n = out.len().min(z.len());
        let (out, z) = (&mut out[..n], &z[..n]);
        let mut os = out.chunks_exact_mut(2);
        let mut zs = z.chunks_exact(2);
        for (op, zp) in (&mut os).zip(&mut zs) {
            store(op, tanh2(load(zp)));
        }
        for (o, v) in os.into_remainder().iter_mut().zip(zs.remainder()) {
            *o = tanh(*v);
        }
    }

    /// `v[k] = tanh(v[k])` for every `k`.
    #[inline]
    pub fn tanh_in_place(v: &mut [f64]) {
        let mut pairs = v.chunks_exact_mut(2);
        for p in &mut pairs {
            store(p, tanh2(load(p)));
        }
        for x in pairs.into_remainder() {
            *x = tanh(*x);
        }
    }

    /// [`tanh`] of both lanes: each of its three formulas is computed only when a lane needs
    /// it (on a grid, neighbours mostly need the same one), then each lane takes its own.
    #[inline(always)]
    fn tanh2(x: v128) -> v128 {
        let sign = f64x2_splat(-0.0);
        let ax = f64x2_abs(x);
        let near = f64x2_lt(ax, f64x2_splat(0.625));
        let mid = v128_and(v128_not(near), f64x2_lt(ax, f64x2_splat(22.0)));
        // Beyond 22: ±1 (NaN lanes are put back last).
        let mut r = v128_bitselect(x, f64x2_splat(1.0), sign);
        if v128_any_true(mid) {
            let e = exp2(f64x2_mul(f64x2_splat(2.0), ax));
            let one = f64x2_splat(1.0);
            let t = f64x2_sub(one, f64x2_div(f64x2_splat(2.0), f64x2_add(e, one)));
            r = v128_bitselect(v128_bitselect(x, t, sign), r, mid);
        }
        if v128_any_true(near) {
            let z = f64x2_mul(x, x);
            let c = f64x2_splat;
            let p = f64x2_add(
                f64x2_mul(f64x2_add(f64x2_mul(c(TANH_P[0]), z), c(TANH_P[1])), z),
                c(TANH_P[2]),
            );
            let q = f64x2_add(f64x2_mul(f64x2_add(z, c(TANH_Q[0])), z), c(TANH_Q[1]));
            let q = f64x2_add(f64x2_mul(q, z), c(TANH_Q[2]));
            let t = f64x2_add(x, f64x2_mul(x, f64x2_div(f64x2_mul(z, p), q)));
            r = v128_bitselect(t, r, near);
        }
        // Tiny lanes (tanh x = x in f64) and NaN lanes are `x` itself.
        let keep = v128_or(f64x2_lt(ax, f64x2_splat(1e-9)), f64x2_ne(x, x));
        v128_bitselect(x, r, keep)
    }

    /// `e^x` of both lanes, the steps of `tanh::exp_moderate` (only lanes with `x` in
    /// [1.25, 44] are used; others give some number, never a fault: the table index is masked).
    #[inline(always)]
    fn exp2(x: v128) -> v128 {
        let k = f64x2_nearest(f64x2_mul(x, f64x2_splat(EXP_INV_STEP)));
        let r = f64x2_sub(
            f64x2_sub(x, f64x2_mul(k, f64x2_splat(EXP_STEP_HI))),
            f64x2_mul(k, f64x2_splat(EXP_STEP_LO)),
        );
        let c = f64x2_splat;
        let mut er = f64x2_add(c(1.0 / 24.0), f64x2_mul(r, c(1.0 / 120.0)));
        er = f64x2_add(c(1.0 / 6.0), f64x2_mul(r, er));
        er = f64x2_add(c(0.5), f64x2_mul(r, er));
        er = f64x2_add(c(1.0), f64x2_mul(r, er));
        er = f64x2_add(c(1.0), f64x2_mul(r, er));
        let ki = i32x4_trunc_sat_f64x2_zero(k);
        let (k0, k1) = (i32x4_extract_lane::<0>(ki), i32x4_extract_lane::<1>(ki));
        let table = f64x2(
            TWO_TO_J_64THS[(k0 & 63) as usize],
            TWO_TO_J_64THS[(k1 & 63) as usize],
        );
        let wide = i64x2_extend_low_i32x4(ki);
        let scale = i64x2_shl(i64x2_add(i64x2_shr(wide, 6), i64x2_splat(1023)), 52);
        f64x2_mul(f64x2_mul(table, er), scale)
    }
}

pub use imp::{add_scaled, add_scaled_and_dot, tanh_from, tanh_in_place};

/// Checks, on this build's target, that the two-lane code gives bitwise the one-number
/// results: `tanh` over a dense sweep of [−30, 30] and special values, and `add_scaled` against
/// the plain loop. Returns a description of the first difference, or `None`.
pub fn simd_self_check() -> Option<String> {
    let mut xs: Vec<f64> = (0..400_001).map(|k| -30.0 + k as f64 * 0.000_15).collect();
    xs.extend([
        0.0,
        -0.0,
        1e-12,
        -1e-10,
        0.625,
        -0.625,
        0.624_999_999_999_999_9,
        22.0,
        -22.0,
        21.999_999,
        1e300,
        -1e300,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NAN,
        f64::MIN_POSITIVE,
    ]);
    // Neighbours from different formulas in one pair, too.
    xs.extend([0.1, 3.0, 30.0, 0.3, 1e-12, 5.0, f64::NAN, 0.2]);
    let mut ys = vec![0.0; xs.len()];
    tanh_from(&mut ys, &xs);
    let mut zs = xs.clone();
    tanh_in_place(&mut zs);
    for ((x, y), z) in xs.iter().zip(&ys).zip(&zs) {
        let want = super::tanh::tanh(*x);
        if y.to_bits() != want.to_bits() || z.to_bits() != want.to_bits() {
            return Some(format!(
                "tanh({x:e}) = {y:e} / {z:e}, one at a time {want:e}"
            ));
        }
    }
    let x: Vec<f64> = (0..1001).map(|k| (k as f64 * 0.37).sin() * 3.0).collect();
    let mut z: Vec<f64> = (0..1001).map(|k| (k as f64 * 0.11).cos()).collect();
    let mut plain = z.clone();
    add_scaled(&mut z, &x, -0.734);
    for (p, xk) in plain.iter_mut().zip(&x) {
        *p += xk * -0.734;
    }
    if z.iter()
        .zip(&plain)
        .any(|(a, b)| a.to_bits() != b.to_bits())
    {
        return Some("add_scaled differs from the plain loop".into());
    }
    // The backward pass's row: the same updated gradients, and the same dot product up to the
    // order of its terms.
    for n in [1, 2, 7, 8] {
        let mut g: Vec<f64> = x[..n].iter().map(|v| v * 0.5).collect();
        let mut g_plain = g.clone();
        let (d, w) = (&x[100..100 + n], &x[300..300 + n]);
        let sum = add_scaled_and_dot(&mut g, d, 0.1, w);
        let mut sum_plain = 0.0;
        for ((gk, dk), wk) in g_plain.iter_mut().zip(d).zip(w) {
            *gk += dk * 0.1;
            sum_plain += wk * dk;
        }
        let scale: f64 = d.iter().zip(w).map(|(a, b)| (a * b).abs()).sum();
        if g.iter()
            .zip(&g_plain)
            .any(|(a, b)| a.to_bits() != b.to_bits())
            || (sum - sum_plain).abs() > 4.0 * f64::EPSILON * scale
        {
            return Some(format!(
                "add_scaled_and_dot of {n} differs: {sum:e}, plainly {sum_plain:e}"
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lanes_agree_with_the_one_number_code() {
        assert_eq!(simd_self_check(), None);
    }
}
