//! Loss functions, each beside its gradient with respect to the outputs.
//!
//! With outputs `a` (n of them) and targets `t`:
//!
//! | name            | J                                         | ∂J/∂a_i                          |
//! |-----------------|-------------------------------------------|----------------------------------|
//! | `bce`           | −(1/n)·Σ [t·ln a + (1 − t)·ln(1 − a)]     | (a − t) / (n·a·(1 − a))          |
//! | `cross_entropy` | −Σ t·ln a                                 | −t / a                           |
//! | `mse`           | (1/n)·Σ (a − t)²                          | 2·(a − t) / n                    |
//! | `half_sse`      | ½·Σ (t − a)²                              | a − t                            |
//!
//! The logarithms are natural. BCE behind a sigmoid and cross-entropy behind a softmax are computed
//! from the pre-activations `z` (`J = max(z, 0) − z·t + ln(1 + e^(−|z|))` and `J = Σ t·(lse(z) − z)`),
//! so a saturated output never takes `ln 0`; their output deltas use the closed forms
//! `δ = (a − t)/n` and `δ = a − t`.

use serde::Serialize;

use super::activation::{log_sum_exp, Activation};

/// A loss function.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Loss {
    /// Binary cross-entropy (natural log), mean over output neurons; needs sigmoid outputs.
    Bce,
    /// Categorical cross-entropy, summed over outputs; needs a softmax output layer.
    CrossEntropy,
    /// Mean squared error, mean over output neurons.
    Mse,
    /// Half the sum of squared errors, `½·Σ(t − a)²`.
    HalfSse,
}

impl Loss {
    /// Every loss, in the order the page lists them.
    pub const ALL: [Loss; 4] = [Loss::Bce, Loss::CrossEntropy, Loss::Mse, Loss::HalfSse];

    /// The name used in scenario files.
    pub fn name(self) -> &'static str {
        match self {
            Loss::Bce => "bce",
            Loss::CrossEntropy => "cross_entropy",
            Loss::Mse => "mse",
            Loss::HalfSse => "half_sse",
        }
    }

    /// The name in a sentence.
    pub fn title(self) -> &'static str {
        match self {
            Loss::Bce => {
                "binary cross-entropy J = −(y·ln ŷ + (1 − y)·ln(1 − ŷ)) (natural logarithm)"
            }
            Loss::CrossEntropy => "cross-entropy J = −Σ y·ln ŷ (natural logarithm)",
            Loss::Mse => "mean squared error J = mean of (ŷ − y)² over the outputs",
            Loss::HalfSse => "half the sum of squared errors J = (1/2)·Σ(y − ŷ)²",
        }
    }

    /// Parses a scenario-file name.
    pub fn from_name(name: &str) -> Option<Loss> {
        Loss::ALL.into_iter().find(|l| l.name() == name)
    }

    /// The loss of one sample, from the output layer's `z` and `a`.
    pub fn value(self, output: Activation, z: &[f64], a: &[f64], t: &[f64]) -> f64 {
        let n = a.len() as f64;
        match (self, output) {
            (Loss::Bce, Activation::Sigmoid) => {
                z.iter()
                    .zip(t)
                    .map(|(&zi, &ti)| zi.max(0.0) - zi * ti + (-zi.abs()).exp().ln_1p())
                    .sum::<f64>()
                    / n
            }
            (Loss::Bce, _) => {
                -a.iter()
                    .zip(t)
                    .map(|(&ai, &ti)| weighted_ln(ti, ai) + weighted_ln(1.0 - ti, 1.0 - ai))
                    .sum::<f64>()
                    / n
            }
            (Loss::CrossEntropy, Activation::Softmax) => {
                let lse = log_sum_exp(z);
                z.iter()
                    .zip(t)
                    .filter(|(_, &ti)| ti != 0.0)
                    .map(|(&zi, &ti)| ti * (lse - zi))
                    .sum()
            }
            (Loss::CrossEntropy, _) => -a
                .iter()
                .zip(t)
                .map(|(&ai, &ti)| weighted_ln(ti, ai))
                .sum::<f64>(),
            (Loss::Mse, _) => {
                a.iter()
                    .zip(t)
                    .map(|(ai, ti)| (ai - ti) * (ai - ti))
                    .sum::<f64>()
                    / n
            }
            (Loss::HalfSse, _) => {
                0.5 * a
                    .iter()
                    .zip(t)
                    .map(|(ai, ti)| (ti - ai) * (ti - ai))
                    .sum::<f64>()
            }
        }
    }

    /// The loss computed naively from `a` with the base-10 logarithm: what a student who used `log10`
    /// would write down. Only meaningful for the logarithmic losses; `None` for the others.
    pub fn value_log10(self, a: &[f64], t: &[f64]) -> Option<f64> {
        let n = a.len() as f64;
        let log10 = |w: f64, x: f64| if w == 0.0 { 0.0 } else { w * x.log10() };
        match self {
            Loss::Bce => Some(
                -a.iter()
                    .zip(t)
                    .map(|(&ai, &ti)| log10(ti, ai) + log10(1.0 - ti, 1.0 - ai))
                    .sum::<f64>()
                    / n,
            ),
            Loss::CrossEntropy => {
                Some(-a.iter().zip(t).map(|(&ai, &ti)| log10(ti, ai)).sum::<f64>())
            }
            Loss::Mse | Loss::HalfSse => None,
        }
    }

    /// `∂J/∂a` for every output. Terms whose target weight is zero are left out, so that
    /// `a = t = 1` under BCE gives −1 rather than 0/0.
    pub fn grad_output(self, a: &[f64], t: &[f64]) -> Vec<f64> {
        let n = a.len() as f64;
        a.iter()
            .zip(t)
            .map(|(&ai, &ti)| match self {
                Loss::Bce => {
                    let mut g = 0.0;
                    if ti != 0.0 {
                        g -= ti / ai;
                    }
                    if ti != 1.0 {
                        g += (1.0 - ti) / (1.0 - ai);
                    }
                    g / n
                }
                Loss::CrossEntropy => {
                    if ti == 0.0 {
                        0.0
                    } else {
                        -ti / ai
                    }
                }
                Loss::Mse => 2.0 * (ai - ti) / n,
                Loss::HalfSse => ai - ti,
            })
            .collect()
    }

    /// `δ = ∂J/∂z` at the output layer: the closed forms for sigmoid + BCE and softmax + cross-entropy,
    /// otherwise `∂J/∂a` carried through the activation.
    pub fn output_delta(self, output: Activation, z: &[f64], a: &[f64], t: &[f64]) -> Vec<f64> {
        let n = a.len() as f64;
        match (self, output) {
            (Loss::Bce, Activation::Sigmoid) => {
                a.iter().zip(t).map(|(ai, ti)| (ai - ti) / n).collect()
            }
            (Loss::CrossEntropy, Activation::Softmax) => {
                let total: f64 = t.iter().sum();
                a.iter().zip(t).map(|(ai, ti)| ai * total - ti).collect()
            }
            _ => output.backprop(z, a, &self.grad_output(a, t)),
        }
    }
}

/// `w·ln x`, taken as 0 when the weight is 0 (so that `0·ln 0` does not become NaN).
fn weighted_ln(w: f64, x: f64) -> f64 {
    if w == 0.0 {
        0.0
    } else {
        w * x.ln()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activation::{sigmoid, softmax};

    #[test]
    fn bce_of_saturated_sigmoid_is_finite() {
        let z = [800.0];
        let a = [sigmoid(800.0)];
        assert_eq!(a[0], 1.0);
        let j = Loss::Bce.value(Activation::Sigmoid, &z, &a, &[0.0]);
        assert!((j - 800.0).abs() < 1e-9, "J = {j}");
        let j_right = Loss::Bce.value(Activation::Sigmoid, &z, &a, &[1.0]);
        assert_eq!(j_right, 0.0);
    }

    #[test]
    fn cross_entropy_from_logits_matches_naive_form() {
        let z = [0.3, -1.2, 2.0];
        let a = softmax(&z);
        let t = [0.0, 1.0, 0.0];
        let naive = -(a[1].ln());
        let j = Loss::CrossEntropy.value(Activation::Softmax, &z, &a, &t);
        assert!((j - naive).abs() < 1e-12);
    }

    #[test]
    fn log10_loss_of_the_exam_matches_the_model_answers_slip() {
        let a = [0.401312339887548];
        let j = Loss::Bce
            .value_log10(&a, &[0.0])
            .expect("bce has a log10 form");
        assert!((j - 0.2228).abs() < 5e-5, "J10 = {j}");
    }

    #[test]
    fn bce_gradient_at_perfect_saturation_is_finite() {
        assert_eq!(Loss::Bce.grad_output(&[1.0], &[1.0]), vec![-1.0]);
    }
}
