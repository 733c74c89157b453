//! A multilayer perceptron: its parameters and one forward pass.
//!
//! Layer `0` holds the inputs. For weight layer `l` (between layers `l` and `l + 1`):
//! `z[l+1] = a[l]·W[l] + b[l]` and `a[l+1] = f_l(z[l+1])`, where `weights[l][i][j]` is the weight
//! from neuron `i` of layer `l` to neuron `j` of layer `l + 1`.

use serde::Serialize;

use super::activation::Activation;
use super::loss::Loss;

/// Weights indexed `[layer][from][to]`.
pub type Weights = Vec<Vec<Vec<f64>>>;
/// Biases indexed `[layer][neuron]` (layer `l` holds the biases of neuron layer `l + 1`).
pub type Biases = Vec<Vec<f64>>;

/// Everything SGD changes: the weights and biases.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Params {
    /// `weights[l][i][j]`: from neuron `i` of layer `l` to neuron `j` of layer `l + 1`.
    pub weights: Weights,
    /// `biases[l][j]`: the bias of neuron `j` of layer `l + 1`.
    pub biases: Biases,
}

/// One training sample: inputs and targets.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Sample {
    /// The inputs, one per input neuron.
    pub x: Vec<f64>,
    /// The targets, one per output neuron.
    pub y: Vec<f64>,
}

/// A network: its activations, its loss and its parameters.
#[derive(Clone, Debug, PartialEq)]
pub struct Network {
    /// `activations[l]` turns `z[l+1]` into `a[l+1]`.
    pub activations: Vec<Activation>,
    /// The loss applied to the output layer.
    pub loss: Loss,
    /// Weights and biases.
    pub params: Params,
}

impl Params {
    /// Neuron counts per layer, inputs first, read off the parameter shapes.
    pub fn layer_sizes(&self) -> Vec<usize> {
        let mut sizes = Vec::with_capacity(self.biases.len() + 1);
        sizes.push(self.weights.first().map_or(0, Vec::len));
        sizes.extend(self.biases.iter().map(Vec::len));
        sizes
    }

    /// Parameters of the same shape, all zero.
    pub fn zeros_like(&self) -> Params {
        Params {
            weights: self
                .weights
                .iter()
                .map(|layer| layer.iter().map(|row| vec![0.0; row.len()]).collect())
                .collect(),
            biases: self
                .biases
                .iter()
                .map(|layer| vec![0.0; layer.len()])
                .collect(),
        }
    }
}

impl Network {
    /// Neuron counts per layer, inputs first.
    pub fn layer_sizes(&self) -> Vec<usize> {
        self.params.layer_sizes()
    }

    /// The output layer's activation.
    pub fn output_activation(&self) -> Activation {
        self.activations
            .last()
            .copied()
            .unwrap_or(Activation::Linear)
    }

    /// Runs the forward pass, returning `(z, a)` per layer; layer 0 holds the inputs in both.
    pub fn forward(&self, x: &[f64]) -> (Vec<Vec<f64>>, Vec<Vec<f64>>) {
        let mut zs = vec![x.to_vec()];
        let mut acts = vec![x.to_vec()];
        for (l, (w, b)) in self
            .params
            .weights
            .iter()
            .zip(&self.params.biases)
            .enumerate()
        {
            let prev = &acts[l];
            let z: Vec<f64> = b
                .iter()
                .enumerate()
                .map(|(j, &bj)| prev.iter().zip(w).map(|(ai, row)| ai * row[j]).sum::<f64>() + bj)
                .collect();
            let a = self.activations[l].apply(&z);
            zs.push(z);
            acts.push(a);
        }
        (zs, acts)
    }
}
