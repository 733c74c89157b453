//! The record of one forward and backward pass, and of one full-batch SGD step.
//!
//! Backward pass, for the output layer `L` and each earlier layer `l`:
//! `δ[L] = ∂J/∂z[L]` (from the loss), `∂J/∂a[l]_i = Σ_j W[l]_ij·δ[l+1]_j`, `δ[l] = f'(z[l]) ⊙ ∂J/∂a[l]`,
//! `∂J/∂W[l]_ij = a[l]_i·δ[l+1]_j`, `∂J/∂b[l]_j = δ[l+1]_j`.

use serde::Serialize;

use super::network::{Biases, Network, Params, Sample, Weights};
use super::optimizer::{Optimizer, Stages};
use super::optimizer_state::{step_params, OptimizerState};

/// Every number of one sample's forward and backward pass. Per-layer vectors are indexed like
/// the layers, layer 0 being the inputs (there `z` and `a` are the inputs themselves, and `delta`
/// is `∂J/∂x`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SampleTrace {
    /// Pre-activations per layer.
    pub z: Vec<Vec<f64>>,
    /// Activations per layer.
    pub a: Vec<Vec<f64>>,
    /// The sample's targets.
    pub target: Vec<f64>,
    /// The loss of this sample.
    pub loss: f64,
    /// `∂J/∂a` per layer.
    pub grad_a: Vec<Vec<f64>>,
    /// `δ = ∂J/∂z` per layer.
    pub delta: Vec<Vec<f64>>,
    /// `∂J/∂w`, indexed like the weights.
    pub weight_grads: Weights,
    /// `∂J/∂b`, indexed like the biases.
    pub bias_grads: Biases,
}

/// A place where a computed number is not finite.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Overflow {
    /// What overflowed, as a path into the trace (`"z[1][0]"`, `"loss"`).
    pub path: String,
}

impl SampleTrace {
    /// Runs the forward pass, the loss and the backward pass of one sample.
    pub fn run(net: &Network, sample: &Sample) -> SampleTrace {
        let (z, a) = net.forward(&sample.x);
        let last = a.len() - 1;
        let output = net.output_activation();
        let t = &sample.y;
        let loss = net.loss.value(output, &z[last], &a[last], t);

        let mut grad_a: Vec<Vec<f64>> = a.iter().map(|layer| vec![0.0; layer.len()]).collect();
        let mut delta = grad_a.clone();
        grad_a[last] = net.loss.grad_output(&a[last], t);
        delta[last] = net.loss.output_delta(output, &z[last], &a[last], t);
        for l in (0..last).rev() {
            let w = &net.params.weights[l];
            grad_a[l] = w
                .iter()
                .map(|row| {
                    row.iter()
                        .zip(&delta[l + 1])
                        .map(|(wij, dj)| wij * dj)
                        .sum()
                })
                .collect();
            delta[l] = if l == 0 {
                grad_a[0].clone()
            } else {
                net.activations[l - 1].backprop(&z[l], &a[l], &grad_a[l])
            };
        }
        let weight_grads = (0..last)
            .map(|l| {
                a[l].iter()
                    .map(|ai| delta[l + 1].iter().map(|dj| ai * dj).collect())
                    .collect()
            })
            .collect();
        let bias_grads = delta[1..].to_vec();
        SampleTrace {
            z,
            a,
            target: t.clone(),
            loss,
            grad_a,
            delta,
            weight_grads,
            bias_grads,
        }
    }

    /// The network's outputs (the last layer's activations).
    pub fn output(&self) -> &[f64] {
        self.a.last().map_or(&[], Vec::as_slice)
    }

    /// Every number in the trace that is not finite, as paths. Empty when all is well.
    pub fn overflows(&self) -> Vec<Overflow> {
        let mut found = Vec::new();
        let mut scan = |name: &str, layers: &[Vec<f64>]| {
            for (l, layer) in layers.iter().enumerate() {
                for (i, v) in layer.iter().enumerate() {
                    if !v.is_finite() {
                        found.push(Overflow {
                            path: format!("{name}[{l}][{i}]"),
                        });
                    }
                }
            }
        };
        scan("z", &self.z);
        scan("a", &self.a);
        scan("grad_a", &self.grad_a);
        scan("delta", &self.delta);
        scan("bias_grads", &self.bias_grads);
        for (l, layer) in self.weight_grads.iter().enumerate() {
            scan(&format!("weight_grads[{l}]"), layer);
        }
        if !self.loss.is_finite() {
            found.push(Overflow {
                path: "loss".into(),
            });
        }
        found
    }
}

/// One full-batch SGD step: every sample's trace, the mean loss and gradients, and the parameters
/// before and after `p ← p − η·∂J/∂p`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StepTrace {
    /// One trace per sample, in the scenario's order.
    pub samples: Vec<SampleTrace>,
    /// The mean loss over the samples, before the update.
    pub loss: f64,
    /// Mean `∂J/∂w` over the samples.
    pub weight_grads: Weights,
    /// Mean `∂J/∂b` over the samples.
    pub bias_grads: Biases,
    /// The learning rate η used.
    pub learning_rate: f64,
    /// Whether the biases were kept fixed.
    pub freeze_biases: bool,
    /// The parameters before the update.
    pub before: Params,
    /// The parameters after the update.
    pub after: Params,
    /// The mean loss over the same samples with the updated parameters.
    pub loss_after: f64,
    /// The optimiser that made the update.
    pub optimizer: Optimizer,
    /// Its state before the update.
    pub state_before: OptimizerState,
    /// Its state after the update.
    pub state_after: OptimizerState,
    /// Each parameter's stages of the update, weights then biases (the trainer's order).
    #[serde(skip)]
    pub stages: Vec<Stages>,
}

impl StepTrace {
    /// Traces every sample, averages, and applies one SGD update.
    pub fn run(
        net: &Network,
        samples: &[Sample],
        learning_rate: f64,
        freeze_biases: bool,
    ) -> StepTrace {
        StepTrace::run_optimizer(
            net,
            samples,
            learning_rate,
            freeze_biases,
            Optimizer::Sgd,
            &OptimizerState::default(),
        )
    }

    /// Traces every sample, averages, and applies one step of `optimizer` from state `state`.
    pub fn run_optimizer(
        net: &Network,
        samples: &[Sample],
        learning_rate: f64,
        freeze_biases: bool,
        optimizer: Optimizer,
        state: &OptimizerState,
    ) -> StepTrace {
        let traces: Vec<SampleTrace> = samples.iter().map(|s| SampleTrace::run(net, s)).collect();
        let count = traces.len().max(1) as f64;
        let mut grads = net.params.zeros_like();
        let mut loss = 0.0;
        for trace in &traces {
            loss += trace.loss / count;
            accumulate(&mut grads, &trace.weight_grads, &trace.bias_grads, count);
        }
        let (after, state_after, stages) = if optimizer.is_sgd() {
            let after = sgd_update(&net.params, &grads, learning_rate, freeze_biases);
            (after, OptimizerState::default(), Vec::new())
        } else {
            step_params(
                optimizer,
                learning_rate,
                freeze_biases,
                &net.params,
                &grads,
                state,
            )
        };
        let updated = Network {
            params: after.clone(),
            ..net.clone()
        };
        let loss_after = updated.mean_loss(samples);
        StepTrace {
            samples: traces,
            loss,
            weight_grads: grads.weights,
            bias_grads: grads.biases,
            learning_rate,
            freeze_biases,
            before: net.params.clone(),
            after,
            loss_after,
            optimizer,
            state_before: state.clone(),
            state_after,
            stages,
        }
    }
}

impl Network {
    /// The mean loss over samples, forward passes only.
    pub fn mean_loss(&self, samples: &[Sample]) -> f64 {
        let count = samples.len().max(1) as f64;
        let output = self.output_activation();
        samples
            .iter()
            .map(|s| {
                let (z, a) = self.forward(&s.x);
                let last = a.len() - 1;
                self.loss.value(output, &z[last], &a[last], &s.y) / count
            })
            .sum()
    }
}

/// Adds `1/count` of one sample's gradients to the running mean.
fn accumulate(grads: &mut Params, weight_grads: &Weights, bias_grads: &Biases, count: f64) {
    for (acc_layer, layer) in grads.weights.iter_mut().zip(weight_grads) {
        for (acc_row, row) in acc_layer.iter_mut().zip(layer) {
            for (acc, g) in acc_row.iter_mut().zip(row) {
                *acc += g / count;
            }
        }
    }
    for (acc_layer, layer) in grads.biases.iter_mut().zip(bias_grads) {
        for (acc, g) in acc_layer.iter_mut().zip(layer) {
            *acc += g / count;
        }
    }
}

/// `p ← p − η·∂J/∂p` for every weight, and every bias unless frozen. Returns the new parameters.
pub fn sgd_update(
    params: &Params,
    grads: &Params,
    learning_rate: f64,
    freeze_biases: bool,
) -> Params {
    let weights = params
        .weights
        .iter()
        .zip(&grads.weights)
        .map(|(layer, glayer)| {
            layer
                .iter()
                .zip(glayer)
                .map(|(row, grow)| {
                    row.iter()
                        .zip(grow)
                        .map(|(w, g)| w - learning_rate * g)
                        .collect()
                })
                .collect()
        })
        .collect();
    let biases = if freeze_biases {
        params.biases.clone()
    } else {
        params
            .biases
            .iter()
            .zip(&grads.biases)
            .map(|(layer, glayer)| {
                layer
                    .iter()
                    .zip(glayer)
                    .map(|(b, g)| b - learning_rate * g)
                    .collect()
            })
            .collect()
    };
    Params { weights, biases }
}
