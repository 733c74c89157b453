//! Builds each step of the explanation from a trace: its formula with the numbers substituted,
//! its chain-rule factors along the path from the loss, and the notes that say why a value is
//! what it is (an inactive ReLU, a batch mean). The order of steps is [`super::steps::plan`].

mod cancel;
mod update;

use std::cell::RefCell;

use super::math::{Math, Sym};
use super::names::Names;
use super::number::number_text;
use super::steps::{Factor, Place, Step, StepKind};
use crate::nn::{Activation, Loss, SampleTrace, StepTrace};
use crate::scenario::Scenario;

/// A chain rule's local factors and the notes that explain them.
type Chain = (Vec<Factor>, Vec<String>);

/// What building a step reads: the scenario, its names, one sample's trace and the step's
/// mean gradients.
pub(super) struct Ctx<'a> {
    scenario: &'a Scenario,
    /// The chain from the loss down to each neuron's `z`, built once per neuron: `chains[l][j]`
    /// for neuron `j` of layer `l`.
    chains: RefCell<Vec<Vec<Option<Chain>>>>,
    names: Names,
    acts: &'a [Activation],
    loss: Loss,
    trace: &'a SampleTrace,
    step: &'a StepTrace,
    weights: &'a [Vec<Vec<f64>>],
    biases: &'a [Vec<f64>],
}

fn sym(s: Sym) -> Math {
    Math::sym(s)
}

fn num(x: f64) -> Math {
    Math::num(x)
}

fn partial(n: Sym, d: Sym) -> Math {
    Math::Partial(n, d)
}

impl<'a> Ctx<'a> {
    pub(super) fn new(
        scenario: &'a Scenario,
        step: &'a StepTrace,
        sample: usize,
    ) -> Option<Ctx<'a>> {
        let trace = step.samples.get(sample)?;
        Some(Ctx {
            scenario,
            chains: RefCell::new(scenario.layers.iter().map(|&n| vec![None; n]).collect()),
            names: Names::new(&scenario.layers),
            acts: &scenario.activations,
            loss: scenario.loss,
            trace,
            step,
            weights: &step.before.weights,
            biases: &step.before.biases,
        })
    }

    pub(super) fn step(&self, kind: StepKind, place: Place) -> Option<Step> {
        let samples = self.scenario.samples.len();
        let layers = &self.scenario.layers;
        let exists = match place {
            Place::Neuron { layer, index } => {
                layer >= 1 && layer < layers.len() && index < layers[layer]
            }
            Place::Weight { layer, from, to } => {
                layer + 1 < layers.len() && from < layers[layer] && to < layers[layer + 1]
            }
            Place::Bias { layer, index } => layer + 1 < layers.len() && index < layers[layer + 1],
            Place::Loss => true,
        };
        if !exists {
            return None;
        }
        let mut step = match (kind, place) {
            (StepKind::PreActivation, Place::Neuron { layer, index }) => {
                self.pre_activation(layer, index)
            }
            (StepKind::Activation, Place::Neuron { layer, index }) => self.activation(layer, index),
            (StepKind::Loss, Place::Loss) => self.loss_step(samples),
            (StepKind::Delta, Place::Neuron { layer, index }) => self.delta_step(layer, index),
            (StepKind::WeightGrad, Place::Weight { layer, from, to }) => {
                self.weight_grad(layer, from, to)
            }
            (StepKind::BiasGrad, Place::Bias { layer, index }) => self.bias_grad(layer, index),
            (StepKind::WeightUpdate, Place::Weight { .. })
            | (StepKind::BiasUpdate, Place::Bias { .. }) => self.update_step(kind, place, samples),
            (StepKind::WeightState(m), Place::Weight { .. })
            | (StepKind::BiasState(m), Place::Bias { .. })
                if self.step.optimizer.moments().contains(&m) =>
            {
                self.state_step(m, place, samples)
            }
            _ => return None,
        };
        self.cancel_infinite_factors(&mut step);
        if !step.value.is_finite() {
            step.notes.push(format!(
                "{} is {}: the numbers feeding it are too large for f64 (beyond ±1.8×10³⁰⁸). Smaller weights, inputs or learning rate bring it back.",
                step.symbol.to_text(4),
                if step.value.is_nan() { "undefined (∞ − ∞ or 0·∞ on the way)" } else { "infinite (it overflowed)" }
            ));
        }
        Some(step)
    }

    fn output_count(&self) -> usize {
        self.trace.a[self.names.output_layer()].len()
    }

    fn act(&self, layer: usize) -> Activation {
        self.acts[layer - 1]
    }

    fn is_dead_relu(&self, layer: usize, j: usize) -> bool {
        layer > 0
            && layer < self.names.output_layer()
            && self.act(layer) == Activation::Relu
            && self.trace.z[layer][j] <= 0.0
    }

    fn dead_note(&self, layer: usize, j: usize) -> String {
        let n = &self.names;
        format!(
            "{} is inactive: {} = {} ≤ 0, so ReLU′({}) = 0 and no gradient flows back through it.",
            n.neuron_label(layer, j),
            n.z(layer, j).to_text(),
            number_text(self.trace.z[layer][j], 6),
            n.z(layer, j).to_text()
        )
    }

    fn pre_activation(&self, layer: usize, j: usize) -> Step {
        let n = &self.names;
        let prev = layer - 1;
        let mut formula = Vec::new();
        let mut substituted = Vec::new();
        for i in 0..self.trace.a[prev].len() {
            formula.push(Math::prod(vec![sym(n.a(prev, i)), sym(n.w(prev, i, j))]));
            substituted.push(Math::prod(vec![
                num(self.trace.a[prev][i]),
                num(self.weights[prev][i][j]),
            ]));
        }
        formula.push(sym(n.b(prev, j)));
        substituted.push(num(self.biases[prev][j]));
        Step {
            kind: StepKind::PreActivation,
            place: Place::Neuron { layer, index: j },
            symbol: sym(n.z(layer, j)),
            assigns: false,
            formula: Math::sum(formula),
            substituted: Math::sum(substituted),
            value: self.trace.z[layer][j],
            factors: Vec::new(),
            notes: Vec::new(),
        }
    }

    fn activation(&self, layer: usize, j: usize) -> Step {
        let n = &self.names;
        let act = self.act(layer);
        let z = &self.trace.z[layer];
        let (formula, substituted) = match act {
            Activation::Softmax => {
                let exp_sym = |k: usize| Math::apply("exp", sym(n.z(layer, k)));
                let exp_num = |k: usize| Math::apply("exp", num(z[k]));
                (
                    Math::frac(exp_sym(j), Math::sum((0..z.len()).map(exp_sym).collect())),
                    Math::frac(exp_num(j), Math::sum((0..z.len()).map(exp_num).collect())),
                )
            }
            Activation::Linear => (sym(n.z(layer, j)), num(z[j])),
            other => {
                let name = function_name(other);
                (
                    Math::apply(name, sym(n.z(layer, j))),
                    Math::apply(name, num(z[j])),
                )
            }
        };
        let mut notes = Vec::new();
        if self.is_dead_relu(layer, j) {
            notes.push(format!(
                "{} = {} ≤ 0, so ReLU gives 0: {} is inactive for this sample.",
                n.z(layer, j).to_text(),
                number_text(z[j], 6),
                n.neuron_label(layer, j)
            ));
        }
        if layer == n.output_layer() {
            notes.push(format!(
                "{} is the network's output {}.",
                n.a(layer, j).to_text(),
                n.neuron_label(layer, j)
            ));
        }
        Step {
            kind: StepKind::Activation,
            place: Place::Neuron { layer, index: j },
            symbol: sym(n.a(layer, j)),
            assigns: false,
            formula,
            substituted,
            value: self.trace.a[layer][j],
            factors: Vec::new(),
            notes,
        }
    }

    fn loss_step(&self, sample_count: usize) -> Step {
        let n = &self.names;
        let out = n.output_layer();
        let a = &self.trace.a[out];
        let t = &self.trace.target;
        let count = a.len();
        let per_output = |j: usize, s: bool| -> Math {
            let av = if s { sym(n.a(out, j)) } else { num(a[j]) };
            let yv = if s { sym(n.y(j)) } else { num(t[j]) };
            let one_minus = |m: Math| Math::minus(num(1.0), m);
            match self.loss {
                Loss::Bce => Math::sum(vec![
                    Math::prod(vec![yv.clone(), Math::apply("ln", av.clone())]),
                    Math::prod(vec![one_minus(yv), Math::apply("ln", one_minus(av))]),
                ]),
                Loss::CrossEntropy => Math::prod(vec![yv, Math::apply("ln", av)]),
                Loss::Mse => Math::pow(Math::minus(av, yv), 2),
                Loss::HalfSse => Math::pow(Math::minus(yv, av), 2),
            }
        };
        let build = |s: bool| -> Math {
            let terms: Vec<Math> = (0..count).map(|j| per_output(j, s)).collect();
            let inner = Math::sum(terms);
            let mean = |m: Math| {
                if count > 1 {
                    Math::prod(vec![Math::frac(num(1.0), num(count as f64)), m])
                } else {
                    m
                }
            };
            match self.loss {
                Loss::Bce => Math::negate(mean(inner)),
                Loss::CrossEntropy => Math::negate(inner),
                Loss::Mse => mean(inner),
                Loss::HalfSse => Math::prod(vec![Math::frac(num(1.0), num(2.0)), inner]),
            }
        };
        let mut notes = Vec::new();
        let rounded: Vec<usize> = (0..count)
            .filter(|&j| {
                (self.loss, self.act(out)) == (Loss::Bce, Activation::Sigmoid)
                    && (a[j] == 0.0 || a[j] == 1.0)
            })
            .collect();
        for &j in &rounded {
            notes.push(format!(
                "{} = σ({}) rounds to exactly {} in f64, so a logarithm as written would be ln(0) = −∞; the core computes the loss from {} itself, as max(z, 0) − z·y + ln(1 + e^(−|z|)), which stays finite.",
                n.a(out, j).to_text(),
                n.z(out, j).to_text(),
                number_text(a[j], 4),
                n.z(out, j).to_text()
            ));
        }
        let j10 = self
            .loss
            .value_log10(a, t)
            .filter(|j10| rounded.is_empty() && j10.is_finite());
        if let Some(j10) = j10 {
            notes.push(format!(
                "The logarithm is natural (ln). With the base-10 logarithm you would get J = {}, which is not this loss.",
                number_text(j10, 4)
            ));
        }
        if sample_count > 1 {
            notes.push(format!(
                "This is one sample's loss; the step's loss is the mean over the {sample_count} samples: {}.",
                number_text(self.step.loss, 6)
            ));
        }
        Step {
            kind: StepKind::Loss,
            place: Place::Loss,
            symbol: sym(n.loss()),
            assigns: false,
            formula: build(true),
            substituted: build(false),
            value: self.trace.loss,
            factors: Vec::new(),
            notes,
        }
    }

    /// `∂J/∂a_j` at the output, as a factor.
    fn output_grad_factor(&self, j: usize) -> Factor {
        let n = &self.names;
        let out = n.output_layer();
        let count = self.output_count() as f64;
        let a = self.trace.a[out][j];
        let y = self.trace.target[j];
        let build = |s: bool| -> Math {
            let av = if s { sym(n.a(out, j)) } else { num(a) };
            let yv = if s { sym(n.y(j)) } else { num(y) };
            match self.loss {
                Loss::Bce => {
                    let den = Math::prod(vec![av.clone(), Math::minus(num(1.0), av.clone())]);
                    let den = if count > 1.0 {
                        Math::prod(vec![num(count), den])
                    } else {
                        den
                    };
                    Math::frac(Math::minus(av, yv), den)
                }
                Loss::CrossEntropy => Math::negate(Math::frac(yv, av)),
                Loss::Mse => {
                    let top = Math::prod(vec![num(2.0), Math::minus(av, yv)]);
                    if count > 1.0 {
                        Math::frac(top, num(count))
                    } else {
                        top
                    }
                }
                Loss::HalfSse => Math::minus(av, yv),
            }
        };
        Factor {
            symbol: partial(n.loss(), n.a(out, j)),
            formula: build(true),
            substituted: build(false),
            value: self.trace.grad_a[out][j],
        }
    }

    /// `∂a/∂z` of an element-wise activation, as a factor.
    fn activation_factor(&self, layer: usize, j: usize) -> Factor {
        let n = &self.names;
        let act = self.act(layer);
        let z = self.trace.z[layer][j];
        let a = self.trace.a[layer][j];
        let build = |s: bool| -> Math {
            let av = if s { sym(n.a(layer, j)) } else { num(a) };
            let zv = if s { sym(n.z(layer, j)) } else { num(z) };
            match act {
                Activation::Linear => num(1.0),
                Activation::Relu => Math::apply("ReLU′", zv),
                Activation::LeakyRelu => Math::apply("LeakyReLU′", zv),
                Activation::Sigmoid | Activation::Softmax => {
                    Math::prod(vec![av.clone(), Math::minus(num(1.0), av)])
                }
                Activation::Tanh => Math::minus(num(1.0), Math::pow(av, 2)),
                // e^z below 0, written with the activation it equals: a + 1.
                Activation::Elu if z > 0.0 => num(1.0),
                Activation::Elu => Math::sum(vec![av, num(1.0)]),
                Activation::Gelu => Math::apply("GELU′", zv),
                Activation::GeluTanh => Math::apply("GELU_tanh′", zv),
                Activation::Silu => {
                    let s = Math::apply("σ", zv.clone());
                    let rest = Math::prod(vec![zv, Math::minus(num(1.0), s.clone())]);
                    Math::prod(vec![s, Math::sum(vec![num(1.0), rest])])
                }
                Activation::Softplus => Math::apply("σ", zv),
            }
        };
        Factor {
            symbol: partial(n.a(layer, j), n.z(layer, j)),
            formula: build(true),
            substituted: build(false),
            value: act.derivative(z, a),
        }
    }

    /// The factors of `δ_j` at the output layer.
    fn output_delta_factors(&self, j: usize) -> (Math, Math, Vec<Factor>, Vec<String>) {
        let n = &self.names;
        let out = n.output_layer();
        let act = self.act(out);
        let delta = self.trace.delta[out][j];
        let a = &self.trace.a[out];
        match (self.loss, act) {
            (Loss::CrossEntropy, Activation::Softmax) => {
                let formula = Math::minus(sym(n.a(out, j)), sym(n.y(j)));
                let substituted = Math::minus(num(a[j]), num(self.trace.target[j]));
                let note = "With a softmax output and cross-entropy, ∂J/∂z simplifies to a − y."
                    .to_string();
                (formula, substituted, Vec::new(), vec![note])
            }
            (_, Activation::Softmax) => {
                let g = &self.trace.grad_a[out];
                let dot_sym: Vec<Math> = (0..a.len())
                    .map(|k| Math::prod(vec![sym(n.a(out, k)), partial(n.loss(), n.a(out, k))]))
                    .collect();
                let dot_num: Vec<Math> = (0..a.len())
                    .map(|k| Math::prod(vec![num(a[k]), num(g[k])]))
                    .collect();
                let formula = Math::prod(vec![
                    sym(n.a(out, j)),
                    Math::minus(partial(n.loss(), n.a(out, j)), Math::sum(dot_sym)),
                ]);
                let substituted =
                    Math::prod(vec![num(a[j]), Math::minus(num(g[j]), Math::sum(dot_num))]);
                let note = "Softmax couples its outputs: δ uses the whole Jacobian.".to_string();
                (
                    formula,
                    substituted,
                    vec![self.output_grad_factor(j)],
                    vec![note],
                )
            }
            _ => {
                let factors = vec![self.output_grad_factor(j), self.activation_factor(out, j)];
                let (formula, substituted) = chain_product(&factors);
                let mut notes = Vec::new();
                if (self.loss, act) == (Loss::Bce, Activation::Sigmoid) {
                    let count = self.output_count();
                    let simple = if count > 1 {
                        format!("({} − {})/{count}", n.a(out, j).to_text(), n.y(j).to_text())
                    } else {
                        format!("{} − {}", n.a(out, j).to_text(), n.y(j).to_text())
                    };
                    notes.push(format!(
                        "With a sigmoid output and BCE, a·(1 − a) cancels: {} = {simple} = {}.",
                        n.delta(out, j).to_text(),
                        number_text(delta, 6)
                    ));
                }
                (formula, substituted, factors, notes)
            }
        }
    }

    /// `∂J/∂a_j` of a hidden neuron as the sum over the paths through the next layer.
    fn hidden_grad_factor(&self, layer: usize, j: usize) -> Factor {
        let n = &self.names;
        let next = &self.trace.delta[layer + 1];
        let formula = Math::sum(
            (0..next.len())
                .map(|k| Math::prod(vec![sym(n.w(layer, j, k)), sym(n.delta(layer + 1, k))]))
                .collect(),
        );
        let substituted = Math::sum(
            (0..next.len())
                .map(|k| Math::prod(vec![num(self.weights[layer][j][k]), num(next[k])]))
                .collect(),
        );
        Factor {
            symbol: partial(n.loss(), n.a(layer, j)),
            formula,
            substituted,
            value: self.trace.grad_a[layer][j],
        }
    }

    fn delta_step(&self, layer: usize, j: usize) -> Step {
        let n = &self.names;
        let (formula, substituted, factors, mut notes) = if layer == n.output_layer() {
            self.output_delta_factors(j)
        } else {
            let factors = vec![
                self.activation_factor(layer, j),
                self.hidden_grad_factor(layer, j),
            ];
            let formula = Math::prod(vec![factors[0].symbol.clone(), factors[1].formula.clone()]);
            let substituted =
                Math::prod(vec![num(factors[0].value), factors[1].substituted.clone()]);
            (formula, substituted, factors, Vec::new())
        };
        if self.is_dead_relu(layer, j) {
            notes.push(self.dead_note(layer, j));
        }
        Step {
            kind: StepKind::Delta,
            place: Place::Neuron { layer, index: j },
            symbol: sym(n.delta(layer, j)),
            assigns: false,
            formula,
            substituted,
            value: self.trace.delta[layer][j],
            factors,
            notes,
        }
    }

    /// Whether every layer after `layer` has a single neuron, so that there is one path to the loss.
    fn single_path_after(&self, layer: usize) -> bool {
        self.trace.a[layer + 1..].iter().all(|l| l.len() == 1)
    }

    /// The chain from the loss down to `z` of neuron `j` in `layer`, as local factors (cached:
    /// every weight and the bias into a neuron share it).
    fn chain_to(&self, layer: usize, j: usize) -> (Vec<Factor>, Vec<String>) {
        let cached = |chains: &[Vec<Option<Chain>>]| chains.get(layer)?.get(j)?.clone();
        if let Some(hit) = cached(&self.chains.borrow()) {
            return hit;
        }
        let chain = self.build_chain_to(layer, j);
        if let Some(slot) = self
            .chains
            .borrow_mut()
            .get_mut(layer)
            .and_then(|l| l.get_mut(j))
        {
            *slot = Some(chain.clone());
        }
        chain
    }

    fn build_chain_to(&self, layer: usize, j: usize) -> (Vec<Factor>, Vec<String>) {
        let n = &self.names;
        let out = n.output_layer();
        let mut notes = Vec::new();
        if layer != out && !self.single_path_after(layer) {
            let delta = self.trace.delta[layer][j];
            let factor = Factor {
                symbol: partial(n.loss(), n.z(layer, j)),
                formula: sym(n.delta(layer, j)),
                substituted: num(delta),
                value: delta,
            };
            notes.push(format!(
                "{} feeds several neurons, so its δ sums over the paths: {} = {} · ({}).",
                n.neuron_label(layer, j),
                n.delta(layer, j).to_text(),
                partial(n.a(layer, j), n.z(layer, j)).to_text(4),
                self.hidden_grad_factor(layer, j).formula.to_text(4)
            ));
            if self.is_dead_relu(layer, j) {
                notes.push(self.dead_note(layer, j));
            }
            return (vec![factor], notes);
        }
        // One path: the output neuron is neuron j when layer is the output, else neuron 0.
        let out_index = if layer == out { j } else { 0 };
        let (_, _, mut factors, _) = self.output_delta_factors(out_index);
        if factors.is_empty() {
            let value = self.trace.delta[out][out_index];
            let (formula, substituted, _, _) = self.output_delta_factors(out_index);
            factors.push(Factor {
                symbol: partial(n.loss(), n.z(out, out_index)),
                formula,
                substituted,
                value,
            });
        } else if factors.len() == 1 {
            // Softmax with a loss other than cross-entropy: fold the Jacobian into one factor.
            let value = self.trace.delta[out][out_index];
            let (formula, substituted, _, _) = self.output_delta_factors(out_index);
            factors = vec![Factor {
                symbol: partial(n.loss(), n.z(out, out_index)),
                formula,
                substituted,
                value,
            }];
        }
        for m in (layer..out).rev() {
            let idx = if m == layer { j } else { 0 };
            factors.push(Factor {
                symbol: partial(n.z(m + 1, 0), n.a(m, idx)),
                formula: sym(n.w(m, idx, 0)),
                substituted: num(self.weights[m][idx][0]),
                value: self.weights[m][idx][0],
            });
            factors.push(self.activation_factor(m, idx));
            if self.is_dead_relu(m, idx) {
                notes.push(self.dead_note(m, idx));
            }
        }
        (factors, notes)
    }

    fn weight_grad(&self, l: usize, i: usize, j: usize) -> Step {
        let n = &self.names;
        let (mut factors, mut notes) = self.chain_to(l + 1, j);
        let ai = self.trace.a[l][i];
        factors.push(Factor {
            symbol: partial(n.z(l + 1, j), n.w(l, i, j)),
            formula: sym(n.a(l, i)),
            substituted: num(ai),
            value: ai,
        });
        if self.is_dead_relu(l, i) {
            notes.push(format!(
                "{} = 0 because {} is inactive, so {} = {} = 0.",
                n.a(l, i).to_text(),
                n.neuron_label(l, i),
                partial(n.z(l + 1, j), n.w(l, i, j)).to_text(4),
                n.a(l, i).to_text()
            ));
        }
        let (formula, substituted) = chain_product(&factors);
        Step {
            kind: StepKind::WeightGrad,
            place: Place::Weight {
                layer: l,
                from: i,
                to: j,
            },
            symbol: partial(n.loss(), n.w(l, i, j)),
            assigns: false,
            formula,
            substituted,
            value: self.trace.weight_grads[l][i][j],
            factors,
            notes,
        }
    }

    fn bias_grad(&self, l: usize, j: usize) -> Step {
        let n = &self.names;
        let (mut factors, notes) = self.chain_to(l + 1, j);
        factors.push(Factor {
            symbol: partial(n.z(l + 1, j), n.b(l, j)),
            formula: num(1.0),
            substituted: num(1.0),
            value: 1.0,
        });
        let (formula, substituted) = chain_product(&factors);
        Step {
            kind: StepKind::BiasGrad,
            place: Place::Bias { layer: l, index: j },
            symbol: partial(n.loss(), n.b(l, j)),
            assigns: false,
            formula,
            substituted,
            value: self.trace.bias_grads[l][j],
            factors,
            notes,
        }
    }
}

/// The chain rule's product of `factors`: in their symbols, and with their values in place.
fn chain_product(factors: &[Factor]) -> (Math, Math) {
    (
        Math::prod(factors.iter().map(|f| f.symbol.clone()).collect()),
        Math::prod(factors.iter().map(|f| num(f.value)).collect()),
    )
}

/// The function name shown for an element-wise activation.
pub fn function_name(act: Activation) -> &'static str {
    match act {
        Activation::Linear => "id",
        Activation::Relu => "ReLU",
        Activation::LeakyRelu => "LeakyReLU",
        Activation::Sigmoid => "σ",
        Activation::Tanh => "tanh",
        Activation::Softmax => "softmax",
        Activation::Elu => "ELU",
        Activation::Gelu => "GELU",
        Activation::GeluTanh => "GELU_tanh",
        Activation::Silu => "SiLU",
        Activation::Softplus => "softplus",
    }
}
