//! The whole computation as an ordered list of steps, each a formula with its numbers.
//!
//! Order: forward (each neuron's `z` then `a`, layer by layer), the loss, backward (from the
//! output layer back: each neuron's `δ`, then the gradients of the weights into that layer, in
//! the exam's numbering), the bias gradients (output layer first), then the updates (weights in
//! numbering order, then biases). For the exam this is z1, a1, z2, a2, z3, a3, J, δ3, ∂J/∂w5,
//! ∂J/∂w6, δ1, δ2, ∂J/∂w1 … ∂J/∂w4, ∂J/∂b2, ∂J/∂b1\[1\], ∂J/∂b1\[2\], then w1 … w6, b1\[1\], b1\[2\], b2.

use serde::Serialize;

use super::builder::Ctx;
use super::math::Math;
use crate::nn::optimizer::Moment;
use crate::nn::StepTrace;
use crate::scenario::Scenario;

pub use crate::phase::Phase;

/// What a step computes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    /// A neuron's pre-activation `z`.
    PreActivation,
    /// A neuron's activation `a`.
    Activation,
    /// The loss `J`.
    Loss,
    /// A neuron's `δ = ∂J/∂z`.
    Delta,
    /// A weight's gradient.
    WeightGrad,
    /// A bias's gradient.
    BiasGrad,
    /// A weight's SGD update.
    WeightUpdate,
    /// A bias's SGD update.
    BiasUpdate,
    /// A weight's optimiser quantity before its update (a velocity, a moment, a corrected one).
    WeightState(Moment),
    /// A bias's optimiser quantity before its update.
    BiasState(Moment),
}

impl StepKind {
    /// Its name in the page's markup (`data-kind`) and the module API's step events:
    /// `"WeightGrad"`, `"WeightState(First)"`.
    pub fn name(self) -> &'static str {
        match self {
            StepKind::PreActivation => "PreActivation",
            StepKind::Activation => "Activation",
            StepKind::Loss => "Loss",
            StepKind::Delta => "Delta",
            StepKind::WeightGrad => "WeightGrad",
            StepKind::BiasGrad => "BiasGrad",
            StepKind::WeightUpdate => "WeightUpdate",
            StepKind::BiasUpdate => "BiasUpdate",
            StepKind::WeightState(Moment::Velocity) => "WeightState(Velocity)",
            StepKind::WeightState(Moment::First) => "WeightState(First)",
            StepKind::WeightState(Moment::Second) => "WeightState(Second)",
            StepKind::WeightState(Moment::FirstCorrected) => "WeightState(FirstCorrected)",
            StepKind::WeightState(Moment::SecondCorrected) => "WeightState(SecondCorrected)",
            StepKind::BiasState(Moment::Velocity) => "BiasState(Velocity)",
            StepKind::BiasState(Moment::First) => "BiasState(First)",
            StepKind::BiasState(Moment::Second) => "BiasState(Second)",
            StepKind::BiasState(Moment::FirstCorrected) => "BiasState(FirstCorrected)",
            StepKind::BiasState(Moment::SecondCorrected) => "BiasState(SecondCorrected)",
        }
    }

    /// The phase this kind of step belongs to.
    pub fn phase(self) -> Phase {
        match self {
            StepKind::PreActivation | StepKind::Activation => Phase::Forward,
            StepKind::Loss => Phase::Loss,
            StepKind::Delta | StepKind::WeightGrad | StepKind::BiasGrad => Phase::Backward,
            StepKind::WeightUpdate
            | StepKind::BiasUpdate
            | StepKind::WeightState(_)
            | StepKind::BiasState(_) => Phase::Update,
        }
    }
}

/// Where on the network a step happens.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum Place {
    /// Neuron `index` of layer `layer` (layer 0 = inputs).
    Neuron {
        /// Layer index.
        layer: usize,
        /// Neuron index in the layer.
        index: usize,
    },
    /// The loss node.
    Loss,
    /// The weight `weights[layer][from][to]`.
    Weight {
        /// Weight layer.
        layer: usize,
        /// Source neuron.
        from: usize,
        /// Destination neuron.
        to: usize,
    },
    /// The bias `biases[layer][index]`.
    Bias {
        /// Weight layer (the bias belongs to neuron layer `layer + 1`).
        layer: usize,
        /// Neuron index.
        index: usize,
    },
}

/// One local factor of a chain rule, with its own formula and value.
#[derive(Clone, Debug, PartialEq)]
pub struct Factor {
    /// The factor as a derivative (`∂a3/∂z3`).
    pub symbol: Math,
    /// Its formula (`a3·(1 − a3)`).
    pub formula: Math,
    /// The formula with numbers.
    pub substituted: Math,
    /// Its value.
    pub value: f64,
}

/// One computed quantity with its formula.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// What is computed.
    pub kind: StepKind,
    /// Where it happens.
    pub place: Place,
    /// The quantity (`z1`, `∂J/∂w6`, `w6`).
    pub symbol: Math,
    /// True for an update (`w6 ← …`), false for a definition (`z1 = …`).
    pub assigns: bool,
    /// The symbolic formula.
    pub formula: Math,
    /// The formula with numbers substituted.
    pub substituted: Math,
    /// The exact value.
    pub value: f64,
    /// For gradients: the chain rule's numbered local factors; their product is `value`.
    pub factors: Vec<Factor>,
    /// Sentences that explain something special (an inactive ReLU, a simplification).
    pub notes: Vec<String>,
}

impl Step {
    /// The phase of this step.
    pub fn phase(&self) -> Phase {
        self.kind.phase()
    }
}

/// The order of the steps (what each computes and where), without their formulas: cheap, and
/// all the timeline and the canvas need.
pub fn plan(layers: &[usize]) -> Vec<(StepKind, Place)> {
    let mut plan = Vec::new();
    let last = layers.len().saturating_sub(1);
    for (layer, &size) in layers.iter().enumerate().skip(1) {
        for index in 0..size {
            plan.push((StepKind::PreActivation, Place::Neuron { layer, index }));
            plan.push((StepKind::Activation, Place::Neuron { layer, index }));
        }
    }
    plan.push((StepKind::Loss, Place::Loss));
    for layer in (1..=last).rev() {
        for index in 0..layers[layer] {
            plan.push((StepKind::Delta, Place::Neuron { layer, index }));
        }
        for to in 0..layers[layer] {
            for from in 0..layers[layer - 1] {
                plan.push((
                    StepKind::WeightGrad,
                    Place::Weight {
                        layer: layer - 1,
                        from,
                        to,
                    },
                ));
            }
        }
    }
    for layer in (1..=last).rev() {
        for index in 0..layers[layer] {
            plan.push((
                StepKind::BiasGrad,
                Place::Bias {
                    layer: layer - 1,
                    index,
                },
            ));
        }
    }
    for layer in 0..last {
        for to in 0..layers[layer + 1] {
            for from in 0..layers[layer] {
                plan.push((StepKind::WeightUpdate, Place::Weight { layer, from, to }));
            }
        }
    }
    for layer in 0..last {
        for index in 0..layers[layer + 1] {
            plan.push((StepKind::BiasUpdate, Place::Bias { layer, index }));
        }
    }
    plan
}

/// The order of a scenario's steps: [`plan`], with each parameter's optimiser quantities
/// (its velocity or moments) just before its update; a frozen bias has none.
pub fn scenario_plan(scenario: &Scenario) -> Vec<(StepKind, Place)> {
    let moments = scenario.optimizer.moments();
    let sgd = plan(&scenario.layers);
    if moments.is_empty() {
        return sgd;
    }
    let mut out = Vec::with_capacity(sgd.len() * (moments.len() + 1));
    for (kind, place) in sgd {
        match kind {
            StepKind::WeightUpdate => {
                out.extend(moments.iter().map(|m| (StepKind::WeightState(*m), place)));
            }
            StepKind::BiasUpdate if !scenario.freeze_biases => {
                out.extend(moments.iter().map(|m| (StepKind::BiasState(*m), place)));
            }
            _ => {}
        }
        out.push((kind, place));
    }
    out
}

/// Builds every step for one sample of a step trace (`sample` indexes `step.samples`), in the
/// order of [`plan`]. Updates use the step's mean gradients.
pub fn explain(scenario: &Scenario, step: &StepTrace, sample: usize) -> Vec<Step> {
    let Some(ctx) = Ctx::new(scenario, step, sample) else {
        return Vec::new();
    };
    scenario_plan(scenario)
        .into_iter()
        .filter_map(|(kind, place)| ctx.step(kind, place))
        .collect()
}

/// Builds one step, the one computing `kind` at `place`; `None` if there is no such step.
pub fn explain_one(
    scenario: &Scenario,
    step: &StepTrace,
    sample: usize,
    kind: StepKind,
    place: Place,
) -> Option<Step> {
    Ctx::new(scenario, step, sample)?.step(kind, place)
}

#[cfg(test)]
mod tests {
    use super::StepKind;
    use crate::nn::optimizer::Moment;

    /// The names are what the module API's step events have always carried: the kinds' `Debug`
    /// text.
    #[test]
    fn a_step_kinds_name_is_its_debug_text() {
        let moments = [
            Moment::Velocity,
            Moment::First,
            Moment::Second,
            Moment::FirstCorrected,
            Moment::SecondCorrected,
        ];
        let mut kinds = vec![
            StepKind::PreActivation,
            StepKind::Activation,
            StepKind::Loss,
            StepKind::Delta,
            StepKind::WeightGrad,
            StepKind::BiasGrad,
            StepKind::WeightUpdate,
            StepKind::BiasUpdate,
        ];
        kinds.extend(moments.map(StepKind::WeightState));
        kinds.extend(moments.map(StepKind::BiasState));
        for kind in kinds {
            assert_eq!(kind.name(), format!("{kind:?}"));
        }
    }
}
