//! The update phase's steps: each parameter's optimiser quantities (a velocity, Adam's moments
//! and their bias corrections) and then the update itself, each a formula with its numbers.

use super::{num, partial, sym, Ctx};
use crate::explain::math::{Math, Sym};
use crate::explain::number::number_text;
use crate::explain::steps::{Place, Step, StepKind};
use crate::nn::optimizer::{bias_corrections, Moment, Optimizer, Stages};
use crate::nn::optimizer_state::{bias_index, weight_index};

/// One parameter as the update sees it.
struct Param {
    symbol: Sym,
    before: f64,
    after: f64,
    grad: f64,
    /// Its stages, for an optimiser other than SGD.
    stages: Option<Stages>,
}

/// `(1 − x)` with `x` a symbol or a number.
fn one_minus(x: Math) -> Math {
    Math::minus(num(1.0), x)
}

/// A step with nothing computed yet (what is returned for a parameter that does not exist).
fn unfilled(kind: StepKind, place: Place) -> Step {
    Step {
        kind,
        place,
        symbol: Math::Num(f64::NAN),
        assigns: true,
        formula: Math::Num(f64::NAN),
        substituted: Math::Num(f64::NAN),
        value: f64::NAN,
        factors: Vec::new(),
        notes: Vec::new(),
    }
}

impl Ctx<'_> {
    fn param(&self, place: Place) -> Option<Param> {
        let layers = &self.scenario.layers;
        let (symbol, before, after, grad, k) = match place {
            Place::Weight { layer, from, to } => (
                self.names.w(layer, from, to),
                self.step.before.weights[layer][from][to],
                self.step.after.weights[layer][from][to],
                self.step.weight_grads[layer][from][to],
                weight_index(layers, layer, from, to),
            ),
            Place::Bias { layer, index } => (
                self.names.b(layer, index),
                self.step.before.biases[layer][index],
                self.step.after.biases[layer][index],
                self.step.bias_grads[layer][index],
                bias_index(layers, layer, index),
            ),
            _ => return None,
        };
        Some(Param {
            symbol,
            before,
            after,
            grad,
            stages: self.step.stages.get(k).copied(),
        })
    }

    fn mean_note(&self, param: &Param, samples: usize) -> Option<String> {
        (samples > 1).then(|| {
            format!(
                "{} here is the mean over the {samples} samples: {}.",
                partial(self.names.loss(), param.symbol.clone()).to_text(4),
                number_text(param.grad, 6)
            )
        })
    }

    /// A parameter's update: `w6 ← w6 − η·∂J/∂w6` for SGD, the optimiser's step otherwise.
    pub(super) fn update_step(&self, kind: StepKind, place: Place, samples: usize) -> Step {
        let mut step = unfilled(kind, place);
        let Some(p) = self.param(place) else {
            return step;
        };
        step.symbol = sym(p.symbol.clone());
        step.value = p.after;
        if kind == StepKind::BiasUpdate && self.step.freeze_biases {
            step.formula = sym(p.symbol.clone());
            step.substituted = num(p.before);
            step.notes
                .push("Biases are frozen in this scenario: the bias keeps its value.".into());
            return step;
        }
        let n = &self.names;
        let g = partial(n.loss(), p.symbol.clone());
        let eta = sym(n.eta());
        let lr = num(self.step.learning_rate);
        let moment = |m: Moment| sym(n.moment(m, &p.symbol));
        let stage = |m: Moment| num(p.stages.map_or(f64::NAN, |s| s.moment(m)));
        let hyper = |field: &str| sym(n.hyper(field));
        let (direction, numbers) = match self.step.optimizer {
            Optimizer::Sgd => (g.clone(), num(p.grad)),
            Optimizer::Momentum { .. } => (moment(Moment::Velocity), stage(Moment::Velocity)),
            Optimizer::Nesterov { momentum } => (
                Math::sum(vec![
                    g.clone(),
                    Math::prod(vec![hyper("momentum"), moment(Moment::Velocity)]),
                ]),
                Math::sum(vec![
                    num(p.grad),
                    Math::prod(vec![num(momentum), stage(Moment::Velocity)]),
                ]),
            ),
            Optimizer::Rmsprop { epsilon, .. } => (
                Math::frac(
                    g.clone(),
                    Math::sum(vec![Math::sqrt(moment(Moment::Second)), hyper("epsilon")]),
                ),
                Math::frac(
                    num(p.grad),
                    Math::sum(vec![Math::sqrt(stage(Moment::Second)), num(epsilon)]),
                ),
            ),
            Optimizer::Adam { epsilon, .. } => (
                Math::frac(
                    moment(Moment::FirstCorrected),
                    Math::sum(vec![
                        Math::sqrt(moment(Moment::SecondCorrected)),
                        hyper("epsilon"),
                    ]),
                ),
                Math::frac(
                    stage(Moment::FirstCorrected),
                    Math::sum(vec![
                        Math::sqrt(stage(Moment::SecondCorrected)),
                        num(epsilon),
                    ]),
                ),
            ),
        };
        step.formula = Math::sum(vec![
            sym(p.symbol.clone()),
            Math::negate(Math::prod(vec![eta, direction])),
        ]);
        step.substituted = Math::sum(vec![
            num(p.before),
            Math::negate(Math::prod(vec![lr, numbers])),
        ]);
        step.notes.extend(self.mean_note(&p, samples));
        if let Optimizer::Adam { .. } | Optimizer::Rmsprop { .. } = self.step.optimizer {
            if p.grad == 0.0 {
                step.notes.push(format!(
                    "{} is 0 and so are its moments: ε keeps the division defined, and {} does not move.",
                    g.to_text(4),
                    p.symbol.to_text()
                ));
            }
        }
        step
    }

    /// One of a parameter's optimiser quantities, before its update.
    pub(super) fn state_step(&self, moment: Moment, place: Place, samples: usize) -> Step {
        let kind = match place {
            Place::Bias { .. } => StepKind::BiasState(moment),
            _ => StepKind::WeightState(moment),
        };
        let mut step = unfilled(kind, place);
        let Some(p) = self.param(place) else {
            return step;
        };
        let Some(stages) = p.stages else {
            return step;
        };
        let n = &self.names;
        let g = partial(n.loss(), p.symbol.clone());
        let own = |m: Moment| sym(n.moment(m, &p.symbol));
        let hyper = |field: &str| sym(n.hyper(field));
        let t = self.step.state_before.step.saturating_add(1);
        let t_power = i32::try_from(t).unwrap_or(i32::MAX);
        step.symbol = own(moment);
        step.value = stages.moment(moment);
        // A running mean: `decay·old + (1 − decay)·new`, or momentum's `μ·v + g`.
        let running = |decay: &str, value: f64, old: f64, square: bool| {
            let fresh = |x: Math| if square { Math::pow(x, 2) } else { x };
            (
                Math::sum(vec![
                    Math::prod(vec![hyper(decay), own(moment)]),
                    Math::prod(vec![one_minus(hyper(decay)), fresh(g.clone())]),
                ]),
                Math::sum(vec![
                    Math::prod(vec![num(value), num(old)]),
                    Math::prod(vec![one_minus(num(value)), fresh(num(p.grad))]),
                ]),
            )
        };
        let (formula, substituted) = match (self.step.optimizer, moment) {
            (
                Optimizer::Momentum { momentum } | Optimizer::Nesterov { momentum },
                Moment::Velocity,
            ) => (
                Math::sum(vec![
                    Math::prod(vec![hyper("momentum"), own(Moment::Velocity)]),
                    g.clone(),
                ]),
                Math::sum(vec![
                    Math::prod(vec![num(momentum), num(stages.before.first)]),
                    num(p.grad),
                ]),
            ),
            (Optimizer::Rmsprop { alpha, .. }, Moment::Second) => {
                running("alpha", alpha, stages.before.second, true)
            }
            (Optimizer::Adam { beta1, .. }, Moment::First) => {
                running("beta1", beta1, stages.before.first, false)
            }
            (Optimizer::Adam { beta2, .. }, Moment::Second) => {
                running("beta2", beta2, stages.before.second, true)
            }
            (
                Optimizer::Adam { beta1, beta2, .. },
                Moment::FirstCorrected | Moment::SecondCorrected,
            ) => {
                let (field, decay, raw, stored) = if moment == Moment::FirstCorrected {
                    ("beta1", beta1, Moment::First, stages.slot.first)
                } else {
                    ("beta2", beta2, Moment::Second, stages.slot.second)
                };
                step.assigns = false;
                let (c1, c2) = bias_corrections(beta1, beta2, t);
                let correction = if moment == Moment::FirstCorrected {
                    c1
                } else {
                    c2
                };
                step.notes.push(format!(
                    "Step t = {t}: both moments started at 0, so they are too small by the factor 1 − {}{} = {}; dividing by it undoes that (it tends to 1 as the steps go on).",
                    hyper(field).to_text(4),
                    crate::explain::number::superscript(t_power),
                    number_text(correction, 6)
                ));
                (
                    Math::frac(own(raw), one_minus(Math::pow(hyper(field), t_power))),
                    Math::frac(num(stored), one_minus(Math::pow(num(decay), t_power))),
                )
            }
            _ => return step,
        };
        step.formula = formula;
        step.substituted = substituted;
        if t == 1 && step.assigns {
            step.notes.push(format!(
                "This is the optimiser's first step: {} starts at 0.",
                own(moment).to_text(4)
            ));
        }
        step.notes.extend(self.mean_note(&p, samples));
        step
    }
}
