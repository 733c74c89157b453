//! Activation functions, each beside its derivative.
//!
//! For a layer with pre-activations `z`, the activation is `a = f(z)`:
//!
//! | name         | f(z)                         | f'(z)                      |
//! |--------------|------------------------------|----------------------------|
//! | `linear`     | z                            | 1                          |
//! | `relu`       | max(0, z)                    | 1 if z > 0, else 0         |
//! | `leaky_relu` | z if z > 0, else 0.01·z      | 1 if z > 0, else 0.01      |
//! | `sigmoid`    | 1 / (1 + e^(−z))             | a·(1 − a)                  |
//! | `tanh`       | tanh z                       | 1 − a²                     |
//! | `softmax`    | e^(z_i) / Σ_k e^(z_k)        | a_i·(1[i = j] − a_j)       |
//!
//! and the smooth ones of [`crate::smooth`]: `elu`, `gelu` (exact), `gelu_tanh`, `silu`,
//! `softplus`.
//!
//! ```
//! use backprop_nn::Activation;
//! assert_eq!(Activation::Relu.apply(&[-0.1, 0.8]), vec![0.0, 0.8]);
//! ```

use serde::Serialize;

use super::smooth;

pub use super::tanh::tanh;

/// The slope of `leaky_relu` for negative inputs.
pub const LEAKY_SLOPE: f64 = 0.01;

/// A layer's activation function.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Activation {
    /// The identity: `a = z`.
    Linear,
    /// Rectified linear unit; its derivative at `z <= 0` is taken as 0.
    Relu,
    /// ReLU with slope 0.01 for negative inputs.
    LeakyRelu,
    /// The logistic function.
    Sigmoid,
    /// The hyperbolic tangent.
    Tanh,
    /// Normalised exponentials over the whole layer (output layer only).
    Softmax,
    /// The exponential linear unit (α = 1).
    Elu,
    /// GELU, the exact form `z·Φ(z)`.
    Gelu,
    /// GELU's tanh approximation.
    GeluTanh,
    /// SiLU (swish), `z·σ(z)`.
    Silu,
    /// `ln(1 + e^z)`.
    Softplus,
}

impl Activation {
    /// Every activation, in the order the page lists them.
    pub const ALL: [Activation; 11] = [
        Activation::Linear,
        Activation::Relu,
        Activation::LeakyRelu,
        Activation::Sigmoid,
        Activation::Tanh,
        Activation::Softmax,
        Activation::Elu,
        Activation::Gelu,
        Activation::GeluTanh,
        Activation::Silu,
        Activation::Softplus,
    ];

    /// The name used in scenario files (`"leaky_relu"`).
    pub fn name(self) -> &'static str {
        match self {
            Activation::Linear => "linear",
            Activation::Relu => "relu",
            Activation::LeakyRelu => "leaky_relu",
            Activation::Sigmoid => "sigmoid",
            Activation::Tanh => "tanh",
            Activation::Softmax => "softmax",
            Activation::Elu => "elu",
            Activation::Gelu => "gelu",
            Activation::GeluTanh => "gelu_tanh",
            Activation::Silu => "silu",
            Activation::Softplus => "softplus",
        }
    }

    /// The name in a sentence (`"leaky ReLU"`).
    pub fn title(self) -> &'static str {
        match self {
            Activation::Linear => "no activation (linear)",
            Activation::Relu => "ReLU",
            Activation::LeakyRelu => "leaky ReLU (slope 0.01 below 0)",
            Activation::Sigmoid => "sigmoid",
            Activation::Tanh => "tanh",
            Activation::Softmax => "softmax",
            Activation::Elu => "ELU (α = 1)",
            Activation::Gelu => "GELU (exact, with erf)",
            Activation::GeluTanh => "GELU (tanh approximation)",
            Activation::Silu => "SiLU (swish)",
            Activation::Softplus => "softplus",
        }
    }

    /// Parses a scenario-file name.
    pub fn from_name(name: &str) -> Option<Activation> {
        Activation::ALL.into_iter().find(|a| a.name() == name)
    }

    /// Applies the activation to a whole layer's pre-activations.
    pub fn apply(self, z: &[f64]) -> Vec<f64> {
        match self {
            Activation::Softmax => softmax(z),
            _ => z.iter().map(|&zi| self.apply_one(zi)).collect(),
        }
    }

    /// Applies an element-wise activation to one pre-activation.
    /// For softmax this is meaningless and returns `z` unchanged; use [`Activation::apply`].
    #[inline(always)]
    pub fn apply_one(self, z: f64) -> f64 {
        match self {
            Activation::Linear | Activation::Softmax => z,
            Activation::Relu => {
                if z > 0.0 {
                    z
                } else {
                    0.0
                }
            }
            Activation::LeakyRelu => {
                if z > 0.0 {
                    z
                } else {
                    LEAKY_SLOPE * z
                }
            }
            Activation::Sigmoid => sigmoid(z),
            Activation::Tanh => tanh(z),
            Activation::Elu => smooth::elu(z),
            Activation::Gelu => smooth::gelu(z),
            Activation::GeluTanh => smooth::gelu_tanh(z),
            Activation::Silu => smooth::silu(z),
            Activation::Softplus => smooth::softplus(z),
        }
    }

    /// `v[k] = f(v[k])` for an element-wise activation: one loop per activation, so that no
    /// number pays for another activation's formula (inside one loop over a `match`, the
    /// compiler may compute every arm, `exp` included, and keep one). Softmax: unchanged.
    pub fn apply_in_place(self, v: &mut [f64]) {
        fn each(v: &mut [f64], f: impl Fn(f64) -> f64) {
            v.iter_mut().for_each(|x| *x = f(*x));
        }
        match self {
            Activation::Linear | Activation::Softmax => {}
            Activation::Relu => each(v, |x| Activation::Relu.apply_one(x)),
            Activation::LeakyRelu => each(v, |x| Activation::LeakyRelu.apply_one(x)),
            Activation::Sigmoid => each(v, sigmoid),
            Activation::Tanh => super::lanes::tanh_in_place(v),
            Activation::Elu => each(v, smooth::elu),
            Activation::Gelu => each(v, smooth::gelu),
            Activation::GeluTanh => each(v, smooth::gelu_tanh),
            Activation::Silu => each(v, smooth::silu),
            Activation::Softplus => each(v, smooth::softplus),
        }
    }

    /// `da/dz` of an element-wise activation at `z`, given `a = f(z)`.
    /// For softmax this is the diagonal of the Jacobian, `a·(1 − a)`.
    #[inline(always)]
    pub fn derivative(self, z: f64, a: f64) -> f64 {
        match self {
            Activation::Linear => 1.0,
            Activation::Relu => {
                if z > 0.0 {
                    1.0
                } else {
                    0.0
                }
            }
            Activation::LeakyRelu => {
                if z > 0.0 {
                    1.0
                } else {
                    LEAKY_SLOPE
                }
            }
            Activation::Sigmoid | Activation::Softmax => a * (1.0 - a),
            Activation::Tanh => 1.0 - a * a,
            Activation::Elu => smooth::elu_derivative(z, a),
            Activation::Gelu => smooth::gelu_derivative(z),
            Activation::GeluTanh => smooth::gelu_tanh_derivative(z),
            Activation::Silu => smooth::silu_derivative(z),
            Activation::Softplus => sigmoid(z),
        }
    }

    /// Carries `∂J/∂a` of a whole layer back to `δ = ∂J/∂z`.
    /// Element-wise activations multiply by `f'(z)`; softmax uses its full Jacobian,
    /// `δ_i = a_i·(g_i − Σ_k a_k·g_k)`.
    pub fn backprop(self, z: &[f64], a: &[f64], grad_a: &[f64]) -> Vec<f64> {
        match self {
            Activation::Softmax => {
                let weighted: f64 = a.iter().zip(grad_a).map(|(ak, gk)| ak * gk).sum();
                a.iter()
                    .zip(grad_a)
                    .map(|(ai, gi)| ai * (gi - weighted))
                    .collect()
            }
            _ => z
                .iter()
                .zip(a)
                .zip(grad_a)
                .map(|((&zi, &ai), &gi)| self.derivative(zi, ai) * gi)
                .collect(),
        }
    }
}

/// The logistic function, evaluated so that it never overflows: for `z < 0` it uses `e^z / (1 + e^z)`.
#[inline(always)]
pub fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

/// Softmax with the largest input subtracted first, so that no exponential overflows.
pub fn softmax(z: &[f64]) -> Vec<f64> {
    let max = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let exps: Vec<f64> = z.iter().map(|&zi| (zi - max).exp()).collect();
    let total: f64 = exps.iter().sum();
    exps.iter().map(|e| e / total).collect()
}

/// `ln Σ e^(z_k)`, computed without overflow.
pub fn log_sum_exp(z: &[f64]) -> f64 {
    let max = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !max.is_finite() {
        return max;
    }
    max + z.iter().map(|&zi| (zi - max).exp()).sum::<f64>().ln()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sigmoid_does_not_overflow_at_extremes() {
        assert_eq!(sigmoid(1e300), 1.0);
        assert_eq!(sigmoid(-1e300), 0.0);
        assert_eq!(sigmoid(0.0), 0.5);
    }

    #[test]
    fn softmax_does_not_overflow_at_extremes() {
        let a = softmax(&[1e300, -1e300, 0.0]);
        assert_eq!(a, vec![1.0, 0.0, 0.0]);
        let b = softmax(&[1e300, 1e300]);
        assert_eq!(b, vec![0.5, 0.5]);
    }

    #[test]
    fn relu_derivative_is_zero_at_zero() {
        assert_eq!(Activation::Relu.derivative(0.0, 0.0), 0.0);
        assert_eq!(Activation::Relu.derivative(-0.1, 0.0), 0.0);
        assert_eq!(Activation::Relu.derivative(0.8, 0.8), 1.0);
    }

    #[test]
    fn names_round_trip() {
        for act in Activation::ALL {
            assert_eq!(Activation::from_name(act.name()), Some(act));
        }
    }
}
