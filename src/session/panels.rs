//! The explanation panels as markup: the current step (its formula with the numbers, its
//! chain-rule factors, its notes, and the sentence a screen reader says), and the selection's
//! steps. The shell writes the markup through its diffing writer, so an edit rewrites only the
//! numbers that changed.

use super::frame::exact;
use super::trajectory::{trajectory_svg, MAX_TRAJECTORY_WORK};
use super::Session;
use crate::explain::markup::element;
use crate::explain::math::escape;
use crate::explain::number::number_text;
use crate::explain::render::{factor_mathml_within, step_mathml_within};
use crate::explain::{factor_line, step_line, step_sentence, Names, Place, Step, StepKind};
use crate::nn::optimizer::Moment;

/// The "now" panel: the step the timeline is at.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NowPanel {
    /// "Step 3 of 28 · forward pass", or how to start.
    pub head: String,
    /// The step's formula with its numbers, as MathML.
    pub math: String,
    /// The same as plain text (to copy).
    pub plain: String,
    /// The chain rule's factors, as list items.
    pub factors: String,
    /// The step's notes (why a value is zero…), as list items.
    pub notes: String,
    /// The step read aloud (empty in a quiz: there the value is the question).
    pub sentence: String,
}

/// The selection's panel.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DetailPanel {
    /// Its title ("w3: x1 → h2"), or "Explain".
    pub head: String,
    /// Its steps with their formulas, factors and notes, as markup.
    pub body: String,
}

impl Session {
    /// The current step's panel.
    pub fn now_panel(&self) -> NowPanel {
        let digits = self.view.digits;
        let em = self.view.panel_em;
        let Some((i, step)) = self
            .timeline
            .current()
            .and_then(|i| self.step_at(i).map(|s| (i, s)))
        else {
            return NowPanel {
                head: "Ready: press Play or Step to start the forward pass".into(),
                ..NowPanel::default()
            };
        };
        NowPanel {
            head: format!(
                "Step {} of {} · {}",
                i + 1,
                self.plan().len(),
                step.phase().label_for(self.scenario().optimizer)
            ),
            math: step_mathml_within(&step, digits, em),
            plain: step_line(&step, digits),
            factors: factors_markup(&step, digits, em),
            notes: notes_markup(&step.notes),
            sentence: if self.quiz.is_none() {
                step_sentence(&step, digits)
            } else {
                String::new()
            },
        }
    }

    /// The selected target's panel: its title, and its steps with their formulas, factors and
    /// notes.
    pub fn detail_panel(&self) -> DetailPanel {
        let Some(target) = self.selected else {
            return DetailPanel {
                head: "Explain".into(),
                body: element(
                    "p",
                    &[("class", "bpv-hint")],
                    &escape("Click an edge or a neuron on the network (or Tab to it and press Enter) to see its chain rule with every factor."),
                ),
            };
        };
        let digits = self.view.digits;
        let em = self.view.panel_em;
        let names = Names::new(&self.scenario().layers);
        let (head, kinds) = detail_steps(&names, target, self.scenario().optimizer.moments());
        let mut body = String::new();
        if let Place::Neuron { layer: 0, index } = target {
            let input = self.trace().samples[self.sample()].a[0][index];
            body.push_str(&element(
                "p",
                &[],
                &escape(&format!(
                    "Input {} = {}",
                    names.x(index).to_text(),
                    number_text(input, digits)
                )),
            ));
        }
        for (kind, place) in kinds {
            let Some(step) = self.step_of(kind, place) else {
                continue;
            };
            let mut block = element(
                "div",
                &[("class", "bpv-math")],
                &step_mathml_within(&step, digits, em),
            );
            block.push_str(&element(
                "code",
                &[("class", "bpv-plain")],
                &escape(&step_line(&step, digits)),
            ));
            if !step.factors.is_empty() {
                block.push_str(&element(
                    "ol",
                    &[("class", "bpv-factors")],
                    &factors_markup(&step, digits, em),
                ));
            }
            if !step.notes.is_empty() {
                block.push_str(&element(
                    "ul",
                    &[("class", "bpv-notes")],
                    &notes_markup(&step.notes),
                ));
            }
            body.push_str(&element(
                "div",
                &[("class", "bpv-detail-step"), ("data-kind", kind.name())],
                &block,
            ));
        }
        if let Place::Weight { layer, from, to } = target {
            let name = names.w(layer, from, to).to_text();
            match self.trajectories(layer, from, to) {
                Some(paths) => body.push_str(&trajectory_svg(&name, &paths, digits)),
                None => body.push_str(&element(
                    "p",
                    &[("class", "bpv-hint")],
                    &escape(&format!("The optimisers' trajectories of {name} are drawn for networks of up to {MAX_TRAJECTORY_WORK} weights × samples.")),
                )),
            }
        }
        DetailPanel { head, body }
    }
}

/// A target's title and the steps its panel explains: an edge its gradient and update, a
/// neuron its z, a, δ and its bias's gradient and update, a bias its gradient and update (each
/// update after the optimiser's `moments`; a step the plan does not have is left out).
fn detail_steps(
    names: &Names,
    target: Place,
    moments: &[Moment],
) -> (String, Vec<(StepKind, Place)>) {
    match target {
        Place::Weight { layer, from, to } => (
            format!(
                "{}: {} → {}",
                names.w(layer, from, to).to_text(),
                names.neuron_label(layer, from),
                names.neuron_label(layer + 1, to)
            ),
            std::iter::once((StepKind::WeightGrad, target))
                .chain(moments.iter().map(|m| (StepKind::WeightState(*m), target)))
                .chain([(StepKind::WeightUpdate, target)])
                .collect(),
        ),
        Place::Neuron { layer, index } => {
            let bias = Place::Bias {
                layer: layer.saturating_sub(1),
                index,
            };
            (
                format!("Neuron {}", names.neuron_label(layer, index)),
                [
                    (StepKind::PreActivation, target),
                    (StepKind::Activation, target),
                    (StepKind::Delta, target),
                    (StepKind::BiasGrad, bias),
                ]
                .into_iter()
                .chain(moments.iter().map(|m| (StepKind::BiasState(*m), bias)))
                .chain([(StepKind::BiasUpdate, bias)])
                .collect(),
            )
        }
        Place::Bias { layer, index } => (
            names.b(layer, index).to_text(),
            std::iter::once((StepKind::BiasGrad, target))
                .chain(moments.iter().map(|m| (StepKind::BiasState(*m), target)))
                .chain([(StepKind::BiasUpdate, target)])
                .collect(),
        ),
        Place::Loss => ("The loss".to_string(), vec![(StepKind::Loss, target)]),
    }
}

/// A step's chain-rule factors as list items: each factor's MathML and its plain line.
fn factors_markup(step: &Step, digits: usize, panel_em: f64) -> String {
    // A factor sits in a numbered list, indented by about one and a half ems.
    let limit = panel_em - 1.5;
    let mut out = String::new();
    for factor in &step.factors {
        let mut inner = element(
            "span",
            &[("class", "bpv-math")],
            &factor_mathml_within(factor, digits, limit),
        );
        inner.push_str(&element(
            "code",
            &[("class", "bpv-plain")],
            &escape(&factor_line(factor, digits)),
        ));
        out.push_str(&element(
            "li",
            &[
                ("class", "bpv-factor"),
                ("data-value", &exact(factor.value)),
                ("data-symbol", &factor.symbol.to_text(digits)),
            ],
            &inner,
        ));
    }
    out
}

/// A step's notes as list items.
fn notes_markup(notes: &[String]) -> String {
    notes
        .iter()
        .map(|note| element("li", &[], &escape(note)))
        .collect()
}
