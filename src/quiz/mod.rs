//! Predict, then reveal: checking a student's answer for one step, and diagnosing the common
//! mistakes that would have produced a wrong one.
//!
//! A wrong answer is recomputed under each known mistake (and each together with rounding early);
//! if one of those gives the answer, the verdict names it. The exam's model answer makes two of
//! them: the base-10 logarithm in the loss, and rounding a3 to 0.401 early.
//!
//! ```
//! use backprop_viz::explain::{Place, StepKind};
//! use backprop_viz::quiz::{check, Mistake, Verdict};
//! use backprop_viz::scenario::Scenario;
//! let exam = Scenario::preset("exam").expect("exam");
//! let v = check(&exam, 0, StepKind::Loss, Place::Loss, 0.2228, 4).verdict;
//! assert_eq!(v, Verdict::Mistaken(vec![Mistake::Log10]));
//! ```

use crate::explain::{Place, StepKind};

pub mod read;
pub mod sheet;
use crate::nn::optimizer::Slot;
use crate::nn::optimizer_state::{bias_index, weight_index};
use crate::nn::{Activation, Loss, Optimizer};
use crate::scenario::Scenario;

/// A mistake students make when doing backpropagation by hand.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mistake {
    /// The loss with the base-10 logarithm instead of the natural one.
    Log10,
    /// The weight matrix read row-for-column (`z = W·a` with `W[i][j]` taken from `j` to `i`).
    Transposed,
    /// ReLU's derivative taken as 1 at a negative input.
    ReluSlopeOne,
    /// Sigmoid's derivative taken as σ(z) instead of σ(z)·(1 − σ(z)).
    SigmoidDerivative,
    /// The gradient added in the update instead of subtracted.
    AddedGradient,
    /// The bias left out of `z`.
    ForgotBias,
    /// Earlier values rounded to 3 significant digits before being used.
    RoundedEarly,
    /// The answer's last digit cut off instead of rounded (−0.597993 written −0.597).
    Truncated,
    /// Adam's step taken with the raw moments `m` and `v` instead of the corrected `m̂`, `v̂`.
    NoBiasCorrection,
}

impl Mistake {
    /// Every mistake the quiz knows.
    pub const ALL: [Mistake; 9] = [
        Mistake::Log10,
        Mistake::Transposed,
        Mistake::ReluSlopeOne,
        Mistake::SigmoidDerivative,
        Mistake::AddedGradient,
        Mistake::ForgotBias,
        Mistake::RoundedEarly,
        Mistake::Truncated,
        Mistake::NoBiasCorrection,
    ];

    /// What the student did, in one sentence.
    pub fn describe(self) -> &'static str {
        match self {
            Mistake::Log10 => "you used the base-10 logarithm; the loss uses the natural logarithm (ln)",
            Mistake::Transposed => {
                "you read the weight matrix row-for-column: W[i][j] goes from neuron i to neuron j, so z_j = Σ_i a_i·W[i][j]"
            }
            Mistake::ReluSlopeOne => "you took ReLU′ as 1 at a negative input; for z ≤ 0 it is 0",
            Mistake::SigmoidDerivative => "you took σ′(z) as σ(z); it is σ(z)·(1 − σ(z))",
            Mistake::AddedGradient => "you added the gradient; SGD subtracts it: p ← p − η·∂J/∂p",
            Mistake::ForgotBias => "you left out the bias: z = Σ a·w + b",
            Mistake::RoundedEarly => "you rounded earlier values (to 3 digits) before using them; keep full precision until the end",
            Mistake::Truncated => "you cut the last digit off; round it instead (a dropped digit of 5 or more rounds up)",
            Mistake::NoBiasCorrection => "you left out Adam's bias correction: the step uses m̂ = m/(1 − β₁ᵗ) and v̂ = v/(1 − β₂ᵗ), not m and v",
        }
    }

    /// A short name for the mistake (`log10`, `transposed`…), used in links and tests.
    pub fn name(self) -> &'static str {
        match self {
            Mistake::Log10 => "log10",
            Mistake::Transposed => "transposed",
            Mistake::ReluSlopeOne => "relu_slope_one",
            Mistake::SigmoidDerivative => "sigmoid_derivative",
            Mistake::AddedGradient => "added_gradient",
            Mistake::ForgotBias => "forgot_bias",
            Mistake::RoundedEarly => "rounded_early",
            Mistake::Truncated => "truncated",
            Mistake::NoBiasCorrection => "no_bias_correction",
        }
    }
}

/// The outcome of checking one answer.
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    /// Right, within the rounding of the digits shown.
    Correct,
    /// Wrong in a way these mistakes explain.
    Mistaken(Vec<Mistake>),
    /// Wrong, and no known mistake gives this answer.
    Wrong,
}

/// A checked answer: the verdict and the value it was checked against.
#[derive(Clone, Debug, PartialEq)]
pub struct Check {
    /// The verdict.
    pub verdict: Verdict,
    /// The correct value.
    pub expected: f64,
    /// For a diagnosed mistake, the value that mistake gives.
    pub mistaken_value: Option<f64>,
}

/// Half a unit in the last of `digits` significant digits of `value`: how far an answer may be
/// from the value and still round to the same shown number.
pub fn tolerance(value: f64, digits: usize) -> f64 {
    let digits = digits.clamp(1, 17) as i32;
    let magnitude = if value == 0.0 || !value.is_finite() {
        0
    } else {
        value.abs().log10().floor() as i32
    };
    0.5 * 10f64.powi(magnitude - digits + 1) + 1e-12
}

/// Checks `answer` for the step computing `kind` at `place` on sample `sample`, against the value
/// rounded to `digits` significant digits; a wrong answer is diagnosed if it can be.
pub fn check(
    scenario: &Scenario,
    sample: usize,
    kind: StepKind,
    place: Place,
    answer: f64,
    digits: usize,
) -> Check {
    let expected = value(scenario, sample, kind, place, &[]).unwrap_or(f64::NAN);
    if !answer.is_finite() {
        return Check {
            verdict: Verdict::Wrong,
            expected,
            mistaken_value: None,
        };
    }
    if (answer - expected).abs() <= tolerance(expected, digits) {
        return Check {
            verdict: Verdict::Correct,
            expected,
            mistaken_value: None,
        };
    }
    if is_truncation(expected, answer, digits) {
        return Check {
            verdict: Verdict::Mistaken(vec![Mistake::Truncated]),
            expected,
            mistaken_value: Some(truncate_to(expected, digits)),
        };
    }
    // A diagnosis may be a unit off in the last digit (hand calculations truncate as often as they round).
    for mistakes in candidates(kind) {
        let Some(v) = value(scenario, sample, kind, place, &mistakes) else {
            continue;
        };
        let distinct = (v - expected).abs() > tolerance(expected, digits);
        if distinct && v.is_finite() && (answer - v).abs() <= 2.0 * tolerance(v, digits) {
            return Check {
                verdict: Verdict::Mistaken(mistakes),
                expected,
                mistaken_value: Some(v),
            };
        }
    }
    Check {
        verdict: Verdict::Wrong,
        expected,
        mistaken_value: None,
    }
}

/// The mistakes worth trying for a kind of step: each alone, then each with rounding early.
fn candidates(kind: StepKind) -> Vec<Vec<Mistake>> {
    use Mistake::*;
    let singles: &[Mistake] = match kind {
        StepKind::PreActivation | StepKind::Activation => &[Transposed, ForgotBias, RoundedEarly],
        StepKind::Loss => &[Log10, Transposed, ForgotBias, RoundedEarly],
        StepKind::Delta | StepKind::WeightGrad | StepKind::BiasGrad => &[
            ReluSlopeOne,
            SigmoidDerivative,
            Transposed,
            ForgotBias,
            RoundedEarly,
        ],
        StepKind::WeightUpdate | StepKind::BiasUpdate => &[
            NoBiasCorrection,
            AddedGradient,
            ReluSlopeOne,
            SigmoidDerivative,
            RoundedEarly,
        ],
        StepKind::WeightState(_) | StepKind::BiasState(_) => {
            &[ReluSlopeOne, SigmoidDerivative, RoundedEarly]
        }
    };
    let mut out: Vec<Vec<Mistake>> = singles.iter().map(|m| vec![*m]).collect();
    out.extend(
        singles
            .iter()
            .filter(|m| **m != RoundedEarly)
            .map(|m| vec![*m, RoundedEarly]),
    );
    out
}

/// `x` cut (not rounded) to `digits` significant digits. The nudge keeps a value such as 0.3,
/// stored a hair below, from losing a digit it has.
fn truncate_to(x: f64, digits: usize) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let scale = 10f64.powi(digits.clamp(1, 17) as i32 - 1 - x.abs().log10().floor() as i32);
    let scaled = x * scale;
    (scaled + scaled.signum() * 1e-9).trunc() / scale
}

/// Whether `answer` is `expected` with its digits after the `digits`-th cut off, where rounding
/// would have changed the last one.
fn is_truncation(expected: f64, answer: f64, digits: usize) -> bool {
    let cut = truncate_to(expected, digits);
    let rounded_differs = (cut - expected).abs() > tolerance(expected, digits);
    rounded_differs && (answer - cut).abs() <= 0.01 * tolerance(cut, digits)
}

/// Rounds to 3 significant digits, as a student who rounds early would.
fn round3(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let scale = 10f64.powi(2 - x.abs().log10().floor() as i32);
    (x * scale).round() / scale
}

/// One sample's forward and backward pass done the way a student with these mistakes would.
/// Each quantity is kept twice: as computed (`raw`, what the student writes for that step) and as
/// carried on to the next computation (rounded, if the student rounds early).
struct HandTrace {
    z: [Vec<Vec<f64>>; 2],
    a: [Vec<Vec<f64>>; 2],
    loss: f64,
    delta: [Vec<Vec<f64>>; 2],
    weight_grads: [Vec<Vec<Vec<f64>>>; 2],
}

/// Index of the value as computed, and of the value as carried on.
const RAW: usize = 0;
const CARRIED: usize = 1;

/// The value of one step computed with the given mistakes (none: the correct value).
pub fn value(
    scenario: &Scenario,
    sample: usize,
    kind: StepKind,
    place: Place,
    mistakes: &[Mistake],
) -> Option<f64> {
    let has = |m: Mistake| mistakes.contains(&m);
    let r = |x: f64| {
        if has(Mistake::RoundedEarly) {
            round3(x)
        } else {
            x
        }
    };
    let both = |raw: Vec<f64>| -> [Vec<f64>; 2] {
        let carried = raw.iter().map(|x| r(*x)).collect();
        [raw, carried]
    };
    let s = scenario.samples.get(sample)?;
    let layers = &scenario.layers;
    let last = layers.len() - 1;
    // Forward.
    let weight = |l: usize, i: usize, j: usize| -> f64 {
        let w = &scenario.weights[l];
        if has(Mistake::Transposed) && w.len() == w[0].len() {
            w[j][i]
        } else {
            w[i][j]
        }
    };
    let mut z = [vec![s.x.clone()], vec![s.x.clone()]];
    let mut a = [vec![s.x.clone()], vec![s.x.clone()]];
    for l in 0..last {
        let zl: Vec<f64> = (0..layers[l + 1])
            .map(|j| {
                let bias = if has(Mistake::ForgotBias) {
                    0.0
                } else {
                    scenario.biases[l][j]
                };
                (0..layers[l])
                    .map(|i| a[CARRIED][l][i] * weight(l, i, j))
                    .sum::<f64>()
                    + bias
            })
            .collect();
        let [z_raw, z_carried] = both(zl);
        let [a_raw, a_carried] = both(scenario.activations[l].apply(&z_carried));
        z[RAW].push(z_raw);
        z[CARRIED].push(z_carried);
        a[RAW].push(a_raw);
        a[CARRIED].push(a_carried);
    }
    let output = scenario.activations[last - 1];
    let t = &s.y;
    let out_a = &a[CARRIED][last];
    let loss = if has(Mistake::Log10) {
        scenario.loss.value_log10(out_a, t)?
    } else if has(Mistake::RoundedEarly) {
        // From the rounded outputs, as a hand calculation does.
        scenario.loss.value(Activation::Linear, out_a, out_a, t)
    } else {
        scenario.loss.value(output, &z[CARRIED][last], out_a, t)
    };
    // Backward.
    let derivative = |act: Activation, z: f64, a: f64| -> f64 {
        match act {
            Activation::Relu if has(Mistake::ReluSlopeOne) => 1.0,
            Activation::Sigmoid if has(Mistake::SigmoidDerivative) => a,
            _ => act.derivative(z, a),
        }
    };
    let zc = &z[CARRIED];
    let ac = &a[CARRIED];
    let mut delta: [Vec<Vec<f64>>; 2] = [
        ac.iter().map(|l| vec![0.0; l.len()]).collect(),
        ac.iter().map(|l| vec![0.0; l.len()]).collect(),
    ];
    let grad_out = scenario.loss.grad_output(&ac[last], t);
    let out_delta = match (scenario.loss, output) {
        (Loss::CrossEntropy, Activation::Softmax) if !has(Mistake::SigmoidDerivative) => {
            scenario.loss.output_delta(output, &zc[last], &ac[last], t)
        }
        (_, Activation::Softmax) => output.backprop(&zc[last], &ac[last], &grad_out),
        // a − y, with the student's a.
        (Loss::Bce, Activation::Sigmoid) if !has(Mistake::SigmoidDerivative) => {
            scenario.loss.output_delta(output, &zc[last], &ac[last], t)
        }
        _ => (0..ac[last].len())
            .map(|j| grad_out[j] * derivative(output, zc[last][j], ac[last][j]))
            .collect(),
    };
    [delta[RAW][last], delta[CARRIED][last]] = both(out_delta);
    for l in (1..last).rev() {
        let act = scenario.activations[l - 1];
        let raw: Vec<f64> = (0..layers[l])
            .map(|i| {
                let back: f64 = (0..layers[l + 1])
                    .map(|j| weight(l, i, j) * delta[CARRIED][l + 1][j])
                    .sum();
                derivative(act, zc[l][i], ac[l][i]) * back
            })
            .collect();
        [delta[RAW][l], delta[CARRIED][l]] = both(raw);
    }
    let grads: Vec<Vec<Vec<f64>>> = (0..last)
        .map(|l| {
            (0..layers[l])
                .map(|i| {
                    (0..layers[l + 1])
                        .map(|j| ac[l][i] * delta[CARRIED][l + 1][j])
                        .collect()
                })
                .collect()
        })
        .collect();
    let grads_carried = grads
        .iter()
        .map(|l| {
            l.iter()
                .map(|row| row.iter().map(|g| r(*g)).collect())
                .collect()
        })
        .collect();
    let hand = HandTrace {
        z,
        a,
        loss,
        delta,
        weight_grads: [grads, grads_carried],
    };
    // Updates average over the samples; a student's update uses this sample's gradient when there
    // is only one, which is the quiz's case.
    let frozen = scenario.freeze_biases;
    match (kind, place) {
        (StepKind::PreActivation, Place::Neuron { layer, index }) => {
            hand.z[RAW].get(layer)?.get(index).copied()
        }
        (StepKind::Activation, Place::Neuron { layer, index }) => {
            hand.a[RAW].get(layer)?.get(index).copied()
        }
        (StepKind::Loss, _) => Some(hand.loss),
        (StepKind::Delta, Place::Neuron { layer, index }) => {
            hand.delta[RAW].get(layer)?.get(index).copied()
        }
        (StepKind::WeightGrad, Place::Weight { layer, from, to }) => hand.weight_grads[RAW]
            .get(layer)?
            .get(from)?
            .get(to)
            .copied(),
        (StepKind::BiasGrad, Place::Bias { layer, index }) => {
            hand.delta[RAW].get(layer + 1)?.get(index).copied()
        }
        (StepKind::WeightUpdate | StepKind::WeightState(_), Place::Weight { layer, from, to }) => {
            if scenario.samples.len() != 1 {
                return None;
            }
            let g = *hand.weight_grads[CARRIED].get(layer)?.get(from)?.get(to)?;
            let k = weight_index(layers, layer, from, to);
            optimizer_value(
                scenario,
                kind,
                k,
                scenario.weights[layer][from][to],
                g,
                mistakes,
            )
        }
        (StepKind::BiasUpdate | StepKind::BiasState(_), Place::Bias { layer, index }) => {
            if scenario.samples.len() != 1 {
                return None;
            }
            let b = scenario.biases[layer][index];
            if frozen {
                return Some(b);
            }
            let g = *hand.delta[CARRIED].get(layer + 1)?.get(index)?;
            optimizer_value(
                scenario,
                kind,
                bias_index(layers, layer, index),
                b,
                g,
                mistakes,
            )
        }
        _ => None,
    }
}

/// A parameter's update (or one of its optimiser quantities) from its value `p` and the
/// student's gradient `g`, with the mistakes of the update itself: the gradient added, Adam's
/// bias correction left out. `k` is the parameter's place in the optimiser's state.
fn optimizer_value(
    scenario: &Scenario,
    kind: StepKind,
    k: usize,
    p: f64,
    g: f64,
    mistakes: &[Mistake],
) -> Option<f64> {
    let optimizer = scenario.optimizer;
    let state = scenario.optimizer_state.as_ref();
    let before = state.map_or_else(Slot::default, |s| s.slot(optimizer.kept(), k));
    let lr = scenario.learning_rate;
    let t = state.map_or(0, |s| s.step).saturating_add(1);
    let stages = optimizer.stages(lr, t, p, g, before);
    let mut updated = stages.updated;
    if let (true, Optimizer::Adam { epsilon, .. }) =
        (mistakes.contains(&Mistake::NoBiasCorrection), optimizer)
    {
        updated = p - lr * stages.slot.first / (stages.slot.second.sqrt() + epsilon);
    }
    if mistakes.contains(&Mistake::AddedGradient) {
        updated = 2.0 * p - updated;
    }
    match kind {
        StepKind::WeightState(m) | StepKind::BiasState(m) => Some(stages.moment(m)),
        _ => Some(updated),
    }
}
