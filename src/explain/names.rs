//! The names the exam uses for every quantity.
//!
//! Inputs are `x1, x2, …`. Every other neuron gets one number, counted layer by layer
//! (`z1, a1, z2, a2` in the hidden layer, `z3, a3` at the output of a 2-2-1 network), and its
//! delta shares it (`δ3`). Weights are numbered per layer, then per destination neuron, then per
//! source (`w1 = x1→h1, w2 = x2→h1, w3 = x1→h2, …`). The biases of weight layer `l` are `b{l+1}`,
//! with an entry index when the layer has several neurons (`b1[2]`).

use super::math::Sym;
use crate::nn::optimizer::Moment;

/// Names for a network with the given layer sizes.
#[derive(Clone, Debug, PartialEq)]
pub struct Names {
    sizes: Vec<usize>,
}

impl Names {
    /// Names for layer sizes `sizes` (inputs first).
    pub fn new(sizes: &[usize]) -> Names {
        Names {
            sizes: sizes.to_vec(),
        }
    }

    /// Index of the output layer.
    pub fn output_layer(&self) -> usize {
        self.sizes.len().saturating_sub(1)
    }

    /// The exam's number of a non-input neuron (1-based, counted layer by layer).
    pub fn neuron_number(&self, layer: usize, index: usize) -> usize {
        self.sizes[1..layer].iter().sum::<usize>() + index + 1
    }

    /// The layer and index of neuron number `number` (the inverse of [`Names::neuron_number`]).
    pub fn neuron_at(&self, number: usize) -> Option<(usize, usize)> {
        let mut before = 0;
        for (layer, &size) in self.sizes.iter().enumerate().skip(1) {
            if number > before && number <= before + size {
                return Some((layer, number - before - 1));
            }
            before += size;
        }
        None
    }

    /// How many neurons have numbers (every neuron but the inputs).
    pub fn neuron_count(&self) -> usize {
        self.sizes.iter().skip(1).sum()
    }

    /// The weight layer, source and destination of weight number `number` (the inverse of
    /// [`Names::weight_number`]).
    pub fn weight_at(&self, number: usize) -> Option<(usize, usize, usize)> {
        let mut before = 0;
        for layer in 0..self.sizes.len().saturating_sub(1) {
            let (from, to) = (self.sizes[layer], self.sizes[layer + 1]);
            if number > before && number <= before + from * to {
                let k = number - before - 1;
                return Some((layer, k % from, k / from));
            }
            before += from * to;
        }
        None
    }

    /// How many weights the network has.
    pub fn weight_count(&self) -> usize {
        self.sizes.windows(2).map(|w| w[0] * w[1]).sum()
    }

    /// `z_k`, or `x_i` for an input.
    pub fn z(&self, layer: usize, index: usize) -> Sym {
        if layer == 0 {
            self.x(index)
        } else {
            Sym::new("z", &self.neuron_number(layer, index).to_string())
        }
    }

    /// `a_k`, or `x_i` for an input.
    pub fn a(&self, layer: usize, index: usize) -> Sym {
        if layer == 0 {
            self.x(index)
        } else {
            Sym::new("a", &self.neuron_number(layer, index).to_string())
        }
    }

    /// The input `x_i`.
    pub fn x(&self, index: usize) -> Sym {
        Sym::new("x", &(index + 1).to_string())
    }

    /// `δ_k = ∂J/∂z_k`.
    pub fn delta(&self, layer: usize, index: usize) -> Sym {
        Sym::new("δ", &self.neuron_number(layer, index).to_string())
    }

    /// The exam's number of the weight from neuron `from` of layer `layer` to neuron `to` of the next.
    pub fn weight_number(&self, layer: usize, from: usize, to: usize) -> usize {
        let before: usize = (0..layer).map(|m| self.sizes[m] * self.sizes[m + 1]).sum();
        before + to * self.sizes[layer] + from + 1
    }

    /// `w_n`.
    pub fn w(&self, layer: usize, from: usize, to: usize) -> Sym {
        Sym::new("w", &self.weight_number(layer, from, to).to_string())
    }

    /// The bias of neuron `index` of layer `layer + 1`: `b2`, or `b1[2]` in a wider layer.
    pub fn b(&self, layer: usize, index: usize) -> Sym {
        let sub = (layer + 1).to_string();
        if self.sizes[layer + 1] == 1 {
            Sym::new("b", &sub)
        } else {
            Sym::entry("b", &sub, index + 1)
        }
    }

    /// The target of output `index`: `y`, or `y1, y2, …` with several outputs.
    pub fn y(&self, index: usize) -> Sym {
        if self.sizes[self.output_layer()] == 1 {
            Sym::plain("y")
        } else {
            Sym::new("y", &(index + 1).to_string())
        }
    }

    /// An optimiser's quantity of parameter `param`: `v_w6` (a velocity or second moment),
    /// `m_w6`, `m̂_b1[2]`.
    pub fn moment(&self, moment: Moment, param: &Sym) -> Sym {
        let base = match moment {
            Moment::Velocity | Moment::Second => "v",
            Moment::First => "m",
            Moment::FirstCorrected => "m̂",
            Moment::SecondCorrected => "v̂",
        };
        Sym {
            base: base.into(),
            sub: format!("{}{}", param.base, param.sub),
            index: param.index,
        }
    }

    /// An optimiser's hyper-parameter by its scenario field: `μ`, `α`, `β1`, `β2`, `ε`.
    pub fn hyper(&self, field: &str) -> Sym {
        match field {
            "momentum" => Sym::plain("μ"),
            "alpha" => Sym::plain("α"),
            "beta1" => Sym::new("β", "1"),
            "beta2" => Sym::new("β", "2"),
            _ => Sym::plain("ε"),
        }
    }

    /// The learning rate `η`.
    pub fn eta(&self) -> Sym {
        Sym::plain("η")
    }

    /// The loss `J`.
    pub fn loss(&self) -> Sym {
        Sym::plain("J")
    }

    /// The label drawn inside a neuron: `x1`, `h1` (hidden neurons counted across hidden layers),
    /// `ŷ` for a single output, `ŷ1, ŷ2, …` for several.
    pub fn neuron_label(&self, layer: usize, index: usize) -> String {
        let out = self.output_layer();
        if layer == 0 {
            format!("x{}", index + 1)
        } else if layer == out {
            if self.sizes[out] == 1 {
                "ŷ".into()
            } else {
                format!("ŷ{}", index + 1)
            }
        } else {
            format!("h{}", self.neuron_number(layer, index))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exam_weights_are_numbered_per_destination_then_source() {
        let n = Names::new(&[2, 2, 1]);
        assert_eq!(n.weight_number(0, 0, 0), 1);
        assert_eq!(n.weight_number(0, 1, 0), 2);
        assert_eq!(n.weight_number(0, 0, 1), 3);
        assert_eq!(n.weight_number(0, 1, 1), 4);
        assert_eq!(n.weight_number(1, 0, 0), 5);
        assert_eq!(n.weight_number(1, 1, 0), 6);
        for number in 1..=n.weight_count() {
            let (layer, from, to) = n.weight_at(number).expect("a weight");
            assert_eq!(n.weight_number(layer, from, to), number);
        }
        assert_eq!(n.weight_at(7), None);
        for number in 1..=n.neuron_count() {
            let (layer, index) = n.neuron_at(number).expect("a neuron");
            assert_eq!(n.neuron_number(layer, index), number);
        }
        assert_eq!(n.neuron_at(0), None);
        assert_eq!(n.neuron_at(4), None);
    }

    #[test]
    fn exam_neurons_and_biases_are_named_like_the_model_answer() {
        let n = Names::new(&[2, 2, 1]);
        assert_eq!(n.z(1, 1).to_text(), "z2");
        assert_eq!(n.a(2, 0).to_text(), "a3");
        assert_eq!(n.a(0, 1).to_text(), "x2");
        assert_eq!(n.b(0, 1).to_text(), "b1[2]");
        assert_eq!(n.b(1, 0).to_text(), "b2");
        assert_eq!(n.neuron_label(1, 1), "h2");
        assert_eq!(n.neuron_label(2, 0), "ŷ");
    }
}
