//! Gradients whose chain has an infinite factor but a finite value, written in the form the
//! core computes (δ, δ·a), so that every product the explanation writes is true arithmetic.

use super::{num, sym, Ctx};
use crate::explain::math::Math;
use crate::explain::number::number_text;
use crate::explain::steps::{Place, Step, StepKind};

impl Ctx<'_> {
    /// A gradient whose chain has an infinite factor but a finite value (a sigmoid output that
    /// rounds to 0 or 1 makes ∂J/∂a infinite while a·(1 − a) is 0): the factors cannot be
    /// multiplied out (∞·0 is not a number), and the core never does; it uses the cancelled
    /// form. The step then shows that form, δ for the output and δ·a for a weight, so that every
    /// product written is true arithmetic; the factors stay listed, with a note.
    pub(super) fn cancel_infinite_factors(&self, step: &mut Step) {
        if !step.value.is_finite() || step.factors.iter().all(|f| f.value.is_finite()) {
            return;
        }
        let n = &self.names;
        let out = n.output_layer();
        let (formula, substituted) = match (step.kind, step.place) {
            (StepKind::Delta, Place::Neuron { layer, index }) if layer == out => {
                let count = self.output_count() as f64;
                let (a, y) = (self.trace.a[out][index], self.trace.target[index]);
                let minus = |p: Math, q: Math| Math::minus(p, q);
                if count > 1.0 {
                    (
                        Math::frac(minus(sym(n.a(out, index)), sym(n.y(index))), num(count)),
                        Math::frac(minus(num(a), num(y)), num(count)),
                    )
                } else {
                    (
                        minus(sym(n.a(out, index)), sym(n.y(index))),
                        minus(num(a), num(y)),
                    )
                }
            }
            (StepKind::WeightGrad, Place::Weight { layer, from, to }) => (
                Math::prod(vec![sym(n.delta(layer + 1, to)), sym(n.a(layer, from))]),
                Math::prod(vec![
                    num(self.trace.delta[layer + 1][to]),
                    num(self.trace.a[layer][from]),
                ]),
            ),
            (StepKind::BiasGrad, Place::Bias { layer, index }) => (
                sym(n.delta(layer + 1, index)),
                num(self.trace.delta[layer + 1][index]),
            ),
            _ => return,
        };
        let infinite: Vec<String> = step
            .factors
            .iter()
            .filter(|f| !f.value.is_finite())
            .map(|f| format!("{} = {}", f.symbol.to_text(4), number_text(f.value, 4)))
            .collect();
        step.notes.push(format!(
            "{} here, so the factors cannot be multiplied out (∞·0 is no number); they cancel, and {} = {} is what is computed.",
            infinite.join(" and "),
            step.symbol.to_text(4),
            formula.to_text(4)
        ));
        step.formula = formula;
        step.substituted = substituted;
    }
}
