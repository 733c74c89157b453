//! An optimiser's state as the scenario carries it (shaped like the weights and biases, so
//! that a file or a link replays the next step exactly), and one optimiser step of a whole
//! network.
//!
//! ```json
//! "optimizer": {"kind": "adam"},
//! "optimizer_state": {"step": 1,
//!   "first_moment": {"weights": [[[0.001, 0]], ...], "biases": [...]},
//!   "second_moment": {"weights": ..., "biases": ...}}
//! ```

use crate::decimal::Shortest;
use serde::Serialize;

use super::network::Params;
use super::optimizer::{FlatState, Kept, Optimizer, Slot, Stages};

/// The optimiser's state after `step` steps: a velocity (momentum, Nesterov), a second moment
/// (RMSProp) or both moments (Adam), each shaped like the parameters. A moment left out is
/// zero, as before the first step.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct OptimizerState {
    /// Steps taken so far; Adam's bias correction of the next step uses `step + 1`.
    pub step: u64,
    /// Momentum's and Nesterov's velocity `v`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub velocity: Option<Params>,
    /// Adam's first moment `m`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_moment: Option<Params>,
    /// RMSProp's and Adam's second moment `v`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub second_moment: Option<Params>,
}

/// Parameters flattened in the trainer's order: weights layer by layer, `[from][to]`, then biases.
pub fn flatten(params: &Params) -> Vec<f64> {
    let weights = params.weights.iter().flatten().flatten();
    weights
        .chain(params.biases.iter().flatten())
        .copied()
        .collect()
}

/// `values` (in [`flatten`]'s order) shaped like `shape`.
pub fn unflatten(values: &[f64], shape: &Params) -> Params {
    let mut at = values.iter().copied();
    let mut next = || at.next().unwrap_or(0.0);
    let weights = shape
        .weights
        .iter()
        .map(|layer| {
            layer
                .iter()
                .map(|row| row.iter().map(|_| next()).collect())
                .collect()
        })
        .collect();
    let biases = shape
        .biases
        .iter()
        .map(|layer| layer.iter().map(|_| next()).collect())
        .collect();
    Params { weights, biases }
}

impl OptimizerState {
    /// Which of the three moments `kept` names, as the field names of the scenario format.
    pub fn fields(kept: Kept) -> &'static [&'static str] {
        match kept {
            Kept::Nothing => &[],
            Kept::Velocity => &["velocity"],
            Kept::SecondMoment => &["second_moment"],
            Kept::BothMoments => &["first_moment", "second_moment"],
        }
    }

    /// The moment stored under `field` (one of [`OptimizerState::fields`]).
    pub fn moment(&self, field: &str) -> Option<&Params> {
        match field {
            "velocity" => self.velocity.as_ref(),
            "first_moment" => self.first_moment.as_ref(),
            "second_moment" => self.second_moment.as_ref(),
            _ => None,
        }
    }

    /// [`OptimizerState::moment`], to write.
    pub fn moment_mut(&mut self, field: &str) -> Option<&mut Params> {
        match field {
            "velocity" => self.velocity.as_mut(),
            "first_moment" => self.first_moment.as_mut(),
            "second_moment" => self.second_moment.as_mut(),
            _ => None,
        }
    }

    /// Every moment present, with its field name.
    pub fn moments(&self) -> Vec<(&'static str, &Params)> {
        ["velocity", "first_moment", "second_moment"]
            .into_iter()
            .filter_map(|f| self.moment(f).map(|p| (f, p)))
            .collect()
    }

    /// The moments `kept` names that are present, as a [`Slot`]'s two halves: the velocity or
    /// first moment, and the second moment.
    fn kept_moments(&self, kept: Kept) -> (Option<&Params>, Option<&Params>) {
        let first = match kept {
            Kept::Velocity => self.velocity.as_ref(),
            Kept::BothMoments => self.first_moment.as_ref(),
            _ => None,
        };
        let second = match kept {
            Kept::SecondMoment | Kept::BothMoments => self.second_moment.as_ref(),
            _ => None,
        };
        (first, second)
    }

    /// Parameter `k`'s slot (in [`flatten`]'s order), zero where a moment is absent.
    pub fn slot(&self, kept: Kept, k: usize) -> Slot {
        let at = |moment: Option<&Params>| {
            moment
                .and_then(|p| {
                    let weights = p.weights.iter().flatten().flatten();
                    weights.chain(p.biases.iter().flatten()).nth(k).copied()
                })
                .unwrap_or(0.0)
        };
        let (first, second) = self.kept_moments(kept);
        Slot {
            first: at(first),
            second: at(second),
        }
    }

    /// The state flat, one slot per parameter of `shape` (missing moments are zero).
    pub fn flat(&self, kept: Kept, shape: &Params) -> FlatState {
        let count = flatten(shape).len();
        let (first, second) = self.kept_moments(kept);
        let first = first.map_or_else(|| vec![0.0; count], flatten);
        let second = second.map_or_else(|| vec![0.0; count], flatten);
        FlatState {
            step: self.step,
            slots: first
                .iter()
                .zip(&second)
                .map(|(&first, &second)| Slot { first, second })
                .collect(),
        }
    }

    /// A flat state shaped like `shape`, holding the moments `kept` names.
    pub fn from_flat(flat: &FlatState, kept: Kept, shape: &Params) -> OptimizerState {
        let first: Vec<f64> = flat.slots.iter().map(|s| s.first).collect();
        let second: Vec<f64> = flat.slots.iter().map(|s| s.second).collect();
        let shaped = |v: &[f64]| Some(unflatten(v, shape));
        let mut state = OptimizerState {
            step: flat.step,
            ..OptimizerState::default()
        };
        match kept {
            Kept::Nothing => {}
            Kept::Velocity => state.velocity = shaped(&first),
            Kept::SecondMoment => state.second_moment = shaped(&second),
            Kept::BothMoments => {
                state.first_moment = shaped(&first);
                state.second_moment = shaped(&second);
            }
        }
        state
    }
}

impl OptimizerState {
    /// Checks a state read from a file or a link against its optimiser and the parameters'
    /// shape: at most `max_steps` steps, only the moments `optimizer` keeps, each shaped like
    /// the parameters, finite, and a second moment (a mean of squares) not negative. The error
    /// is `(path, message)`, the path from the scenario's root (`optimizer_state.velocity.weights[1]`).
    pub fn check(
        &self,
        optimizer: Optimizer,
        shape: &Params,
        max_steps: u64,
    ) -> Result<(), (String, String)> {
        if self.step > max_steps {
            return Err((
                "optimizer_state.step".into(),
                format!("{} is out of range; at most {max_steps}", self.step),
            ));
        }
        let kept = OptimizerState::fields(optimizer.kept());
        for (field, moment) in self.moments() {
            if !kept.contains(&field) {
                return Err((
                    format!("optimizer_state.{field}"),
                    format!(
                        "\"{}\" keeps no {}",
                        optimizer.name(),
                        field.replace('_', " ")
                    ),
                ));
            }
            // The paths are written only for the entry that fails (a network of 1,024 weights
            // is checked on every edit once it has a state).
            let len = |part: &str, indices: &[usize], found: usize, expected: usize| {
                if found == expected {
                    return Ok(());
                }
                let message = format!("has {found} entries but the layer sizes need {expected}");
                Err((entry_path(field, part, indices), message))
            };
            let number = |part: &str, indices: &[usize], v: f64| {
                let message = if !v.is_finite() {
                    format!("{} is not a finite number", Shortest(v))
                } else if field == "second_moment" && v < 0.0 {
                    let v = Shortest(v);
                    format!("{v} is negative; a second moment is a mean of squares")
                } else {
                    return Ok(());
                };
                Err((entry_path(field, part, indices), message))
            };
            len("weights", &[], moment.weights.len(), shape.weights.len())?;
            len("biases", &[], moment.biases.len(), shape.biases.len())?;
            for (l, layer) in moment.weights.iter().enumerate() {
                len("weights", &[l], layer.len(), shape.weights[l].len())?;
                for (i, row) in layer.iter().enumerate() {
                    len("weights", &[l, i], row.len(), shape.weights[l][i].len())?;
                    for (j, &v) in row.iter().enumerate() {
                        number("weights", &[l, i, j], v)?;
                    }
                }
            }
            for (l, layer) in moment.biases.iter().enumerate() {
                len("biases", &[l], layer.len(), shape.biases[l].len())?;
                for (j, &v) in layer.iter().enumerate() {
                    number("biases", &[l, j], v)?;
                }
            }
        }
        Ok(())
    }
}

/// The path of an entry of a moment: `optimizer_state.velocity.weights[1][0]`.
fn entry_path(field: &str, part: &str, indices: &[usize]) -> String {
    let mut path = format!("optimizer_state.{field}.{part}");
    for i in indices {
        path.push_str(&format!("[{i}]"));
    }
    path
}

/// The place of weight `[layer][from][to]` in [`flatten`]'s order, for layer sizes `layers`.
pub fn weight_index(layers: &[usize], layer: usize, from: usize, to: usize) -> usize {
    let before: usize = layers.windows(2).take(layer).map(|w| w[0] * w[1]).sum();
    before + from * layers[layer + 1] + to
}

/// The place of bias `[layer][index]` in [`flatten`]'s order, for layer sizes `layers`.
pub fn bias_index(layers: &[usize], layer: usize, index: usize) -> usize {
    let weights: usize = layers.windows(2).map(|w| w[0] * w[1]).sum();
    weights + layers[1..=layer].iter().sum::<usize>() + index
}

/// One optimiser step of every parameter: the parameters after it, the state after it, and each
/// parameter's stages (in [`flatten`]'s order). Frozen biases keep their value and their state.
pub fn step_params(
    optimizer: Optimizer,
    learning_rate: f64,
    freeze_biases: bool,
    params: &Params,
    grads: &Params,
    before: &OptimizerState,
) -> (Params, OptimizerState, Vec<Stages>) {
    let kept = optimizer.kept();
    let mut flat = before.flat(kept, params);
    let p = flatten(params);
    let g = flatten(grads);
    let weight_count = params.weights.iter().flatten().flatten().count();
    let t = flat.step.saturating_add(1);
    let stages: Vec<Stages> = (0..p.len())
        .map(|k| {
            if freeze_biases && k >= weight_count {
                Stages {
                    before: flat.slot(k),
                    slot: flat.slot(k),
                    first_corrected: f64::NAN,
                    second_corrected: f64::NAN,
                    updated: p[k],
                }
            } else {
                optimizer.stages(learning_rate, t, p[k], g[k], flat.slot(k))
            }
        })
        .collect();
    flat.step = t;
    flat.slots = stages.iter().map(|s| s.slot).collect();
    let updated: Vec<f64> = stages.iter().map(|s| s.updated).collect();
    (
        unflatten(&updated, params),
        OptimizerState::from_flat(&flat, kept, params),
        stages,
    )
}
