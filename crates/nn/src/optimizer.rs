//! The optimisers: how one step turns a parameter `p` and its gradient `g` into the next `p`,
//! with PyTorch's update rules (no weight decay, no dampening) and defaults. For step `t`
//! (counted from 1) and learning rate `η`:
//!
//! | kind       | state after the step                                   | `p ←`                      |
//! |------------|--------------------------------------------------------|----------------------------|
//! | `sgd`      | none                                                   | `p − η·g`                  |
//! | `momentum` | `v = μ·v + g`                                          | `p − η·v`                  |
//! | `nesterov` | `v = μ·v + g`                                          | `p − η·(g + μ·v)`          |
//! | `rmsprop`  | `v = α·v + (1 − α)·g²`                                 | `p − η·g / (√v + ε)`       |
//! | `adam`     | `m = β₁·m + (1 − β₁)·g`, `v = β₂·v + (1 − β₂)·g²`      | `p − η·m̂ / (√v̂ + ε)`       |
//!
//! where Adam's bias-corrected moments are `m̂ = m / (1 − β₁ᵗ)` and `v̂ = v / (1 − β₂ᵗ)`. Every
//! state starts at zero, so momentum's first velocity is `g` itself, as in PyTorch.
//!
//! ```
//! use backprop_nn::optimizer::{Optimizer, Slot};
//! let adam = Optimizer::Adam { beta1: 0.9, beta2: 0.999, epsilon: 1e-8 };
//! let stages = adam.stages(0.1, 1, 1.0, 0.5, Slot::default());
//! // After one step, Adam moves every parameter by about η, whatever the gradient's size.
//! assert!((stages.updated - 0.9).abs() < 1e-6);
//! ```

use crate::decimal::Shortest;
use serde::Serialize;

/// Momentum's default `μ`.
pub const DEFAULT_MOMENTUM: f64 = 0.9;
/// RMSProp's default `α`.
pub const DEFAULT_ALPHA: f64 = 0.99;
/// Adam's default `β₁`.
pub const DEFAULT_BETA1: f64 = 0.9;
/// Adam's default `β₂`.
pub const DEFAULT_BETA2: f64 = 0.999;
/// RMSProp's and Adam's default `ε`.
pub const DEFAULT_EPSILON: f64 = 1e-8;

/// An optimiser and its hyper-parameters (the learning rate is the scenario's own).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
#[serde(into = "Fields")]
pub enum Optimizer {
    /// Plain gradient descent, `p ← p − η·g`.
    #[default]
    Sgd,
    /// Heavy-ball momentum: a velocity that sums past gradients, decayed by `μ` each step.
    Momentum {
        /// `μ`, in `[0, 1)`.
        momentum: f64,
    },
    /// Nesterov momentum: the step looks ahead along the new velocity.
    Nesterov {
        /// `μ`, in `[0, 1)`.
        momentum: f64,
    },
    /// RMSProp: each gradient divided by the root of a running mean of its squares.
    Rmsprop {
        /// The running mean's decay `α`, in `[0, 1)`.
        alpha: f64,
        /// `ε`, added to the root so that a zero gradient does not divide by zero.
        epsilon: f64,
    },
    /// Adam: running means of the gradient and of its square, both corrected for starting at 0.
    Adam {
        /// The first moment's decay `β₁`, in `[0, 1)`.
        beta1: f64,
        /// The second moment's decay `β₂`, in `[0, 1)`.
        beta2: f64,
        /// `ε`, added to the root of the corrected second moment.
        epsilon: f64,
    },
}

/// The optimiser as the scenario format writes it: `{"kind": "adam", "beta1": 0.9}` (read back
/// by `crate::read`, where each hyper-parameter is optional with its default).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
struct Fields {
    kind: Kind,
    #[serde(skip_serializing_if = "Option::is_none")]
    momentum: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    alpha: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    beta1: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    beta2: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    epsilon: Option<f64>,
}

/// The optimiser's kind, by its name in files.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
enum Kind {
    #[default]
    Sgd,
    Momentum,
    Nesterov,
    Rmsprop,
    Adam,
}

impl From<Optimizer> for Fields {
    fn from(o: Optimizer) -> Fields {
        let mut f = Fields {
            kind: match o {
                Optimizer::Sgd => Kind::Sgd,
                Optimizer::Momentum { .. } => Kind::Momentum,
                Optimizer::Nesterov { .. } => Kind::Nesterov,
                Optimizer::Rmsprop { .. } => Kind::Rmsprop,
                Optimizer::Adam { .. } => Kind::Adam,
            },
            ..Fields::default()
        };
        for (field, value) in o.hyper_parameters() {
            let slot = match field {
                "momentum" => &mut f.momentum,
                "alpha" => &mut f.alpha,
                "beta1" => &mut f.beta1,
                "beta2" => &mut f.beta2,
                _ => &mut f.epsilon,
            };
            *slot = Some(value);
        }
        f
    }
}

/// One parameter's optimiser state: the velocity or first moment, and the second moment (each
/// 0 where the optimiser keeps none).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Slot {
    /// Momentum's velocity `v`, or Adam's first moment `m`.
    pub first: f64,
    /// RMSProp's or Adam's second moment `v` (a running mean of `g²`).
    pub second: f64,
}

/// Everything one parameter's step computes, in order, for the explanation.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Stages {
    /// The state before the step.
    pub before: Slot,
    /// The state after the step.
    pub slot: Slot,
    /// Adam's `m̂ = m / (1 − β₁ᵗ)` (`NaN` for the others).
    pub first_corrected: f64,
    /// Adam's `v̂ = v / (1 − β₂ᵗ)` (`NaN` for the others).
    pub second_corrected: f64,
    /// The parameter after the step.
    pub updated: f64,
}

/// One of the quantities an optimiser's step computes for a parameter before the step itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Moment {
    /// Momentum's and Nesterov's velocity `v`.
    Velocity,
    /// Adam's first moment `m`.
    First,
    /// RMSProp's and Adam's second moment `v`.
    Second,
    /// Adam's bias-corrected first moment `m̂`.
    FirstCorrected,
    /// Adam's bias-corrected second moment `v̂`.
    SecondCorrected,
}

impl Stages {
    /// The value of one of the stages.
    pub fn moment(&self, moment: Moment) -> f64 {
        match moment {
            Moment::Velocity | Moment::First => self.slot.first,
            Moment::Second => self.slot.second,
            Moment::FirstCorrected => self.first_corrected,
            Moment::SecondCorrected => self.second_corrected,
        }
    }
}

/// What an optimiser keeps per parameter, for the scenario's `optimizer_state`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kept {
    /// Nothing (SGD).
    Nothing,
    /// A velocity.
    Velocity,
    /// A second moment.
    SecondMoment,
    /// First and second moments.
    BothMoments,
}

impl Optimizer {
    /// Every kind with its defaults, in the order the page lists them.
    pub const ALL: [Optimizer; 5] = [
        Optimizer::Sgd,
        Optimizer::Momentum {
            momentum: DEFAULT_MOMENTUM,
        },
        Optimizer::Nesterov {
            momentum: DEFAULT_MOMENTUM,
        },
        Optimizer::Rmsprop {
            alpha: DEFAULT_ALPHA,
            epsilon: DEFAULT_EPSILON,
        },
        Optimizer::Adam {
            beta1: DEFAULT_BETA1,
            beta2: DEFAULT_BETA2,
            epsilon: DEFAULT_EPSILON,
        },
    ];

    /// The kind's name in scenario files (`"adam"`).
    pub fn name(self) -> &'static str {
        match self {
            Optimizer::Sgd => "sgd",
            Optimizer::Momentum { .. } => "momentum",
            Optimizer::Nesterov { .. } => "nesterov",
            Optimizer::Rmsprop { .. } => "rmsprop",
            Optimizer::Adam { .. } => "adam",
        }
    }

    /// The kind's name for people (`"Adam"`).
    pub fn title(self) -> &'static str {
        match self {
            Optimizer::Sgd => "SGD",
            Optimizer::Momentum { .. } => "Momentum",
            Optimizer::Nesterov { .. } => "Nesterov",
            Optimizer::Rmsprop { .. } => "RMSProp",
            Optimizer::Adam { .. } => "Adam",
        }
    }

    /// The kind named `name` with its default hyper-parameters.
    pub fn from_name(name: &str) -> Option<Optimizer> {
        Optimizer::ALL.into_iter().find(|o| o.name() == name)
    }

    /// Whether this is plain SGD (a scenario leaves such an `optimizer` out).
    pub fn is_sgd(&self) -> bool {
        *self == Optimizer::Sgd
    }

    /// What the optimiser keeps per parameter.
    pub fn kept(self) -> Kept {
        match self {
            Optimizer::Sgd => Kept::Nothing,
            Optimizer::Momentum { .. } | Optimizer::Nesterov { .. } => Kept::Velocity,
            Optimizer::Rmsprop { .. } => Kept::SecondMoment,
            Optimizer::Adam { .. } => Kept::BothMoments,
        }
    }

    /// The quantities each parameter's step computes before the step itself, in order.
    pub fn moments(self) -> &'static [Moment] {
        match self {
            Optimizer::Sgd => &[],
            Optimizer::Momentum { .. } | Optimizer::Nesterov { .. } => &[Moment::Velocity],
            Optimizer::Rmsprop { .. } => &[Moment::Second],
            Optimizer::Adam { .. } => &[
                Moment::First,
                Moment::Second,
                Moment::FirstCorrected,
                Moment::SecondCorrected,
            ],
        }
    }

    /// The hyper-parameters as `(field, value)`, in the order of the scenario format.
    pub fn hyper_parameters(self) -> Vec<(&'static str, f64)> {
        match self {
            Optimizer::Sgd => Vec::new(),
            Optimizer::Momentum { momentum } | Optimizer::Nesterov { momentum } => {
                vec![("momentum", momentum)]
            }
            Optimizer::Rmsprop { alpha, epsilon } => vec![("alpha", alpha), ("epsilon", epsilon)],
            Optimizer::Adam {
                beta1,
                beta2,
                epsilon,
            } => vec![("beta1", beta1), ("beta2", beta2), ("epsilon", epsilon)],
        }
    }

    /// Every hyper-parameter field of any kind, as the scenario format names them.
    pub const FIELDS: [&'static str; 5] = ["momentum", "alpha", "beta1", "beta2", "epsilon"];

    /// The hyper-parameter `field`, to set it (`None` when this kind has none of that name).
    pub fn hyper_mut(&mut self, field: &str) -> Option<&mut f64> {
        match (self, field) {
            (Optimizer::Momentum { momentum } | Optimizer::Nesterov { momentum }, "momentum") => {
                Some(momentum)
            }
            (Optimizer::Rmsprop { alpha, .. }, "alpha") => Some(alpha),
            (Optimizer::Adam { beta1, .. }, "beta1") => Some(beta1),
            (Optimizer::Adam { beta2, .. }, "beta2") => Some(beta2),
            (Optimizer::Rmsprop { epsilon, .. } | Optimizer::Adam { epsilon, .. }, "epsilon") => {
                Some(epsilon)
            }
            _ => None,
        }
    }

    /// What a hyper-parameter does, for its editor's label.
    pub fn describe_field(field: &str) -> &'static str {
        match field {
            "momentum" => "momentum",
            "alpha" => "decay of the mean square",
            "beta1" => "decay of the first moment",
            "beta2" => "decay of the second moment",
            _ => "added to the root, against dividing by 0",
        }
    }

    /// Why a hyper-parameter is out of range, as `(field, message)`: decays lie in `[0, 1)`
    /// and `ε` in `(0, 1]`.
    pub fn check(self) -> Result<(), (&'static str, String)> {
        for (field, value) in self.hyper_parameters() {
            if !value.is_finite() {
                return Err((field, format!("{} is not a finite number", Shortest(value))));
            }
            if field == "epsilon" {
                if !(value > 0.0 && value <= 1.0) {
                    return Err((
                        field,
                        format!(
                            "{} is out of range; ε is more than 0 and at most 1",
                            Shortest(value)
                        ),
                    ));
                }
            } else if !(0.0..1.0).contains(&value) {
                return Err((
                    field,
                    format!(
                        "{} is out of range; a decay is at least 0 and less than 1",
                        Shortest(value)
                    ),
                ));
            }
        }
        Ok(())
    }

    /// One parameter's step `t` (counted from 1): the parameter `p`, its gradient `g`, the
    /// learning rate and the state before the step give every stage of the update.
    pub fn stages(self, learning_rate: f64, t: u64, p: f64, g: f64, before: Slot) -> Stages {
        let mut stages = Stages {
            before,
            slot: before,
            first_corrected: f64::NAN,
            second_corrected: f64::NAN,
            updated: p,
        };
        match self {
            Optimizer::Sgd => stages.updated = p - learning_rate * g,
            Optimizer::Momentum { momentum } => {
                stages.slot.first = momentum * before.first + g;
                stages.updated = p - learning_rate * stages.slot.first;
            }
            Optimizer::Nesterov { momentum } => {
                stages.slot.first = momentum * before.first + g;
                stages.updated = p - learning_rate * (g + momentum * stages.slot.first);
            }
            Optimizer::Rmsprop { alpha, epsilon } => {
                stages.slot.second = alpha * before.second + (1.0 - alpha) * g * g;
                stages.updated = p - learning_rate * g / (stages.slot.second.sqrt() + epsilon);
            }
            Optimizer::Adam {
                beta1,
                beta2,
                epsilon,
            } => {
                let (c1, c2) = bias_corrections(beta1, beta2, t);
                stages.slot.first = beta1 * before.first + (1.0 - beta1) * g;
                stages.slot.second = beta2 * before.second + (1.0 - beta2) * g * g;
                stages.first_corrected = stages.slot.first / c1;
                stages.second_corrected = stages.slot.second / c2;
                stages.updated = p - learning_rate * stages.first_corrected
                    / (stages.second_corrected.sqrt() + epsilon);
            }
        }
        stages
    }
}

/// Adam's bias corrections `1 − β₁ᵗ` and `1 − β₂ᵗ` at step `t`.
pub fn bias_corrections(beta1: f64, beta2: f64, t: u64) -> (f64, f64) {
    let t = i32::try_from(t).unwrap_or(i32::MAX);
    (1.0 - beta1.powi(t), 1.0 - beta2.powi(t))
}

/// An optimiser's state for every parameter, flat: the weights layer by layer (`[from][to]`
/// row-major), then the biases, as the trainer lays them out.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FlatState {
    /// Steps taken so far (the next step is `step + 1`).
    pub step: u64,
    /// One slot per parameter (empty: all zero).
    pub slots: Vec<Slot>,
}

impl FlatState {
    /// The slot of parameter `k` (zero when the state holds none).
    pub fn slot(&self, k: usize) -> Slot {
        self.slots.get(k).copied().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn momentum_first_velocity_is_the_gradient() {
        let s = Optimizer::Momentum { momentum: 0.9 }.stages(0.1, 1, 1.0, 0.5, Slot::default());
        assert_eq!(s.slot.first, 0.5);
        assert_eq!(s.updated, 1.0 - 0.1 * 0.5);
    }

    #[test]
    fn hyper_parameters_out_of_range_are_named() {
        let bad = Optimizer::Adam {
            beta1: 1.0,
            beta2: 0.999,
            epsilon: 1e-8,
        };
        assert_eq!(bad.check().map_err(|e| e.0), Err("beta1"));
        let bad = Optimizer::Rmsprop {
            alpha: 0.9,
            epsilon: 0.0,
        };
        assert_eq!(bad.check().map_err(|e| e.0), Err("epsilon"));
        assert!(Optimizer::ALL.iter().all(|o| o.check().is_ok()));
    }

    #[test]
    fn every_kind_reads_back_by_name() {
        for o in Optimizer::ALL {
            assert_eq!(Optimizer::from_name(o.name()), Some(o));
        }
    }
}
