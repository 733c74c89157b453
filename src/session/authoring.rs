//! Authoring a question in the page (one-sample mode): the network's shape, its activations and
//! loss, the samples, the title and description, exam-style weights and frozen biases. Each
//! change is one undoable edit, checked as a scenario file is (the same messages); the weights
//! of every layer whose shape the change leaves alone are kept.

use super::{Effects, Session};
use crate::nn::rng::Rng;
use crate::nn::{Activation, Loss, Sample};
use crate::scenario::{Scenario, ScenarioError};
use crate::variants::draw;

/// A change to the question on screen.
#[derive(Clone, Debug, PartialEq)]
pub enum Authoring {
    /// A hidden layer before the output, as wide as the layer before it, with its activation
    /// (ReLU after the inputs).
    AddLayer,
    /// Removes hidden layer `l` (`layers[l]`, 1 to the last hidden).
    RemoveLayer(usize),
    /// One more neuron in layer `l` (the inputs, a hidden layer or the output; a new input is
    /// 1 in every sample, a new target 0).
    AddNeuron(usize),
    /// One neuron fewer in layer `l` (its last).
    RemoveNeuron(usize),
    /// Weight layer `layer`'s activation, by its file name (`relu`, `tanh`…).
    SetActivation {
        /// The weight layer (0: the first hidden layer's).
        layer: usize,
        /// The activation's name.
        name: String,
    },
    /// The loss, by its file name (`bce`, `mse`…); refused where it does not fit the output.
    SetLoss(String),
    /// A copy of the sample shown, after the last.
    AddSample,
    /// Removes sample `k` (a question keeps at least one).
    RemoveSample(usize),
    /// The title.
    SetTitle(String),
    /// The description.
    SetDescription(String),
    /// Every weight and bias drawn anew from `seed` as an exam's are: one decimal, from −0.9 to
    /// 0.9, no weight 0 (frozen biases stay).
    NiceWeights(u64),
    /// Biases frozen (left out of the update) or not.
    FreezeBiases(bool),
}

/// The scenario after `change`, or why the change is refused (the file format's message).
pub fn authored(s: &Scenario, change: &Authoring) -> Result<Scenario, ScenarioError> {
    let mut next = s.clone();
    let hidden = |l: usize| l >= 1 && l + 1 < s.layers.len();
    let refuse = |path: &str, message: &str| Err(ScenarioError::new(path, message));
    match change {
        Authoring::AddLayer => {
            let out = s.layers.len() - 1;
            let width = if out >= 2 { s.layers[out - 1] } else { 2 };
            let activation = if out >= 2 {
                s.activations[out - 2]
            } else {
                Activation::Relu
            };
            next.layers.insert(out, width);
            next.activations.insert(out - 1, activation);
            // The last weight layer now starts at the new layer: both its sides are new.
            next.weights.truncate(out - 1);
            next.weights.push(filled(s.layers[out - 1], width));
            next.weights.push(filled(width, s.layers[out]));
            next.biases.insert(out - 1, vec![0.0; width]);
            nice(&mut next, seed_of(s), &[out - 1, out]);
        }
        Authoring::RemoveLayer(l) => {
            if !hidden(*l) {
                return refuse("layers", &format!("layers[{l}] is not a hidden layer"));
            }
            next.layers.remove(*l);
            next.activations.remove(l - 1);
            next.biases.remove(l - 1);
            next.weights.remove(l - 1);
            next.weights[l - 1] = filled(next.layers[l - 1], next.layers[*l]);
            nice(&mut next, seed_of(s), &[l - 1]);
        }
        Authoring::AddNeuron(l) | Authoring::RemoveNeuron(l) => {
            if *l >= s.layers.len() {
                return refuse("layers", &format!("the network has no layers[{l}]"));
            }
            let add = matches!(change, Authoring::AddNeuron(_));
            if !add && s.layers[*l] == 1 {
                return refuse(
                    &format!("layers[{l}]"),
                    "has one neuron; a layer keeps at least one",
                );
            }
            let seed = seed_of(s);
            resize(
                &mut next,
                *l,
                if add {
                    s.layers[*l] + 1
                } else {
                    s.layers[*l] - 1
                },
                seed,
            );
        }
        Authoring::SetActivation { layer, name } => {
            let Some(slot) = next.activations.get_mut(*layer) else {
                return refuse(
                    "activations",
                    &format!("the network has no weight layer {layer}"),
                );
            };
            let activation = Activation::from_name(name).ok_or_else(|| {
                ScenarioError::new(
                    format!("activations[{layer}]"),
                    format!("“{name}” is not an activation"),
                )
            })?;
            *slot = activation;
            // The loss follows the output: one that needs another output layer becomes mean
            // squared error, which fits any.
            let output = *layer + 1 == s.activations.len();
            if output && !loss_fits(next.loss, activation) {
                next.loss = Loss::Mse;
            }
        }
        Authoring::SetLoss(name) => {
            next.loss = Loss::from_name(name)
                .ok_or_else(|| ScenarioError::new("loss", format!("“{name}” is not a loss")))?;
        }
        Authoring::AddSample => {
            let copy = s.samples.last().cloned().unwrap_or_else(|| Sample {
                x: vec![0.0; s.layers[0]],
                y: vec![0.0; s.layers[s.layers.len() - 1]],
            });
            next.samples.push(copy);
        }
        Authoring::RemoveSample(k) => {
            if *k >= s.samples.len() {
                return refuse("samples", &format!("there is no sample {}", k + 1));
            }
            if s.samples.len() == 1 {
                return refuse("samples", "a question keeps at least one sample");
            }
            next.samples.remove(*k);
        }
        Authoring::SetTitle(text) => next.title = text.trim().to_string(),
        Authoring::SetDescription(text) => next.description = text.trim().to_string(),
        Authoring::NiceWeights(seed) => {
            let all: Vec<usize> = (0..next.weights.len()).collect();
            nice(&mut next, *seed, &all);
        }
        Authoring::FreezeBiases(on) => next.freeze_biases = *on,
    }
    // A new shape or a new loss starts the optimiser afresh (its moments belong to the old one).
    if next.layers != s.layers || next.loss != s.loss {
        next.optimizer_state = None;
    }
    next.validate()?;
    Ok(next)
}

/// Whether `loss` can follow an output layer of `output`: binary cross-entropy needs a
/// sigmoid, cross-entropy a softmax; the squared errors fit any.
pub fn loss_fits(loss: Loss, output: Activation) -> bool {
    match loss {
        Loss::Bce => output == Activation::Sigmoid,
        Loss::CrossEntropy => output == Activation::Softmax,
        Loss::Mse | Loss::HalfSse => true,
    }
}

/// A `from × to` block of weights, all 0 (drawn by [`nice`]).
fn filled(from: usize, to: usize) -> Vec<Vec<f64>> {
    vec![vec![0.0; to]; from]
}

/// A seed for "nice random weights" on `s`: drawn from its numbers, so that each press draws
/// other weights and the same question always the same ones.
pub fn fresh_seed(s: &Scenario) -> u64 {
    seed_of(s).rotate_left(17) ^ 0x9e37_79b9_7f4a_7c15
}

/// A seed from the scenario's numbers, so that the same change on the same question draws the
/// same new weights.
fn seed_of(s: &Scenario) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for x in s
        .weights
        .iter()
        .flatten()
        .flatten()
        .chain(s.biases.iter().flatten())
    {
        h = (h ^ x.to_bits()).wrapping_mul(0x0100_0000_01b3);
    }
    h ^ (s.layers.len() as u64)
}

/// Draws weight layers `layers` (and their biases, unless frozen) as an exam's.
fn nice(s: &mut Scenario, seed: u64, layers: &[usize]) {
    let mut rng = Rng::new(seed);
    for &l in layers {
        for w in s.weights[l].iter_mut().flatten() {
            *w = draw(&mut rng, 0.9, 0.1, true);
        }
        if !s.freeze_biases {
            for b in &mut s.biases[l] {
                *b = draw(&mut rng, 0.9, 0.1, false);
            }
        }
    }
}

/// Layer `l` made `size` neurons wide: the weights into and out of its other neurons kept, a new
/// neuron's drawn; the samples' targets follow an output layer.
fn resize(s: &mut Scenario, l: usize, size: usize, seed: u64) {
    s.layers[l] = size;
    let mut rng = Rng::new(seed);
    if l == 0 {
        for sample in &mut s.samples {
            sample.x.resize(size, 1.0);
        }
    } else {
        for row in &mut s.weights[l - 1] {
            row.resize_with(size, || draw(&mut rng, 0.9, 0.1, true));
        }
        let frozen = s.freeze_biases;
        s.biases[l - 1].resize_with(size, || {
            if frozen {
                0.0
            } else {
                draw(&mut rng, 0.9, 0.1, false)
            }
        });
    }
    if let Some(out) = s.weights.get_mut(l) {
        let to = out.first().map_or(0, Vec::len);
        out.resize_with(size, || {
            (0..to).map(|_| draw(&mut rng, 0.9, 0.1, true)).collect()
        });
    } else {
        for sample in &mut s.samples {
            sample.y.resize(size, 0.0);
        }
    }
}

impl Session {
    /// Carries out an authoring change as one undoable edit; a refused one says why and changes
    /// nothing.
    pub(crate) fn author(&mut self, change: &Authoring) -> Effects {
        if self.view.readonly || self.data_mode() || self.quiz.is_some() {
            return Effects::none();
        }
        match authored(self.scenario(), change) {
            Ok(next) if &next == self.scenario() => Effects::none(),
            Ok(next) => {
                self.gesture = None;
                let loss_followed = (next.loss != self.scenario().loss
                    && matches!(change, Authoring::SetActivation { .. }))
                .then(|| {
                    format!(
                        "The loss is now {}, which fits the new output layer.",
                        next.loss.name()
                    )
                });
                let mut effects = self.push(next);
                effects.notice = loss_followed;
                // Title, description, activations and loss show in the structure's markup.
                effects.redraw.structure = true;
                effects.redraw.layout = true;
                effects
            }
            Err(error) => {
                let mut effects = Effects::none();
                effects.notice = Some(format!("Not changed: {error}."));
                // The panel is written again from the scenario, so that a menu or box does not
                // go on showing the choice refused.
                effects.redraw.structure = true;
                effects
            }
        }
    }
}
