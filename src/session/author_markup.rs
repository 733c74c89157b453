//! The authoring panel ("Build the question"), rebuilt with the scenario's shape: the title
//! and the description, each layer with its neurons and activation, the loss (only those that
//! fit the output), the samples, exam-style weights and frozen biases. Each control's class
//! names the command it stands for (see `Session::button_command` and
//! `Session::change_command`), so the page only passes clicks and changes on.

use super::authoring::loss_fits;
use super::html::{disabled_if, Html};
use super::Session;
use crate::nn::{Activation, Loss};
use crate::parts::Load;
use crate::scenario::{MAX_NEURONS, MAX_SAMPLES, MAX_TITLE_CHARS, MAX_WEIGHT_LAYERS};

/// A layer's name in a sentence (`layers[l]` of a network of `count` layers).
fn layer_name(l: usize, count: usize) -> String {
    match l {
        0 => "the inputs".into(),
        l if l + 1 == count => "the output layer".into(),
        l => format!("hidden layer {l}"),
    }
}

impl Session {
    /// The authoring panel's body: its controls once the tools are here, until then a line
    /// saying they are on their way (the panel fetches them when it is first opened), or why
    /// they did not come.
    pub fn author_panel(&self) -> String {
        let mut h = Html::default();
        match &self.parts.tools {
            Load::Loaded(tools) => return (tools.author_markup)(self),
            Load::Failed(reason) => h.el(
                "p",
                &[("class", "bpv-author-loading"), ("role", "status")],
                &format!(
                    "The authoring controls did not load ({reason}). Close this panel and open \
                     it again to try again."
                ),
            ),
            Load::Absent | Load::Loading => h.el(
                "p",
                &[
                    ("class", "bpv-author-loading"),
                    ("role", "status"),
                    ("aria-busy", "true"),
                ],
                "Loading the authoring controls…",
            ),
        };
        h.finish()
    }

    /// The authoring panel's controls for the scenario on screen.
    pub fn author_markup(&self) -> String {
        let s = self.scenario();
        let mut h = Html::default();
        let max_title = MAX_TITLE_CHARS.to_string();
        h.labelled("bpv-author-text", "Title", |h| {
            let attrs = [
                ("class", "bpv-author-title"),
                ("type", "text"),
                ("maxlength", max_title.as_str()),
                ("value", s.title.as_str()),
            ];
            h.open("input", &attrs);
        });
        h.labelled("bpv-author-text", "Description", |h| {
            let attrs = [
                ("class", "bpv-author-description"),
                ("rows", "2"),
                ("maxlength", max_title.as_str()),
            ];
            h.el("textarea", &attrs, &s.description);
        });
        h.open("fieldset", &[("class", "bpv-author-layers")]);
        h.el("legend", &[], "Layers");
        let count = s.layers.len();
        for (l, &n) in s.layers.iter().enumerate() {
            let name = layer_name(l, count);
            let (add, remove) = (
                format!("bpv-add-neuron-{l}"),
                format!("bpv-remove-neuron-{l}"),
            );
            h.open("div", &[("class", "bpv-author-layer")]);
            let unit = if l == 0 { "input" } else { "neuron" };
            let plural = if n == 1 { "" } else { "s" };
            let mut heading = name.clone();
            if let Some(first) = heading.get_mut(..1) {
                first.make_ascii_uppercase();
            }
            h.el("span", &[], &format!("{heading}: {n} {unit}{plural}"));
            let fewer = format!("One {unit} fewer in {name}");
            h.button_with(&remove, "−", &fewer, &disabled_if(n <= 1));
            let more = format!("One {unit} more in {name}");
            h.button_with(&add, "+", &more, &disabled_if(n >= MAX_NEURONS));
            if l >= 1 {
                let output = l + 1 == count;
                let label = format!("Activation of {name}");
                let class = format!("bpv-activation-{}", l - 1);
                let offered: Vec<(String, String)> = Activation::ALL
                    .iter()
                    .filter(|a| output || **a != Activation::Softmax)
                    .map(|a| (a.name().to_string(), a.title().to_string()))
                    .collect();
                let attrs = [("class", class.as_str()), ("aria-label", label.as_str())];
                h.select(&attrs, &offered, s.activations[l - 1].name());
            }
            if l >= 1 && l + 1 < count {
                let class = format!("bpv-remove-layer-{l}");
                h.button(&class, "Remove layer", &format!("Remove {name}"));
            }
            h.close("div");
        }
        let full = count > MAX_WEIGHT_LAYERS;
        h.button_with(
            "bpv-add-layer",
            "+ hidden layer",
            "Add a hidden layer before the output",
            &disabled_if(full),
        );
        let output = s.activations[count - 2];
        h.labelled("bpv-inline", "Loss", |h| {
            let fitting: Vec<(String, String)> = Loss::ALL
                .iter()
                .filter(|loss| loss_fits(**loss, output))
                .map(|loss| (loss.name().to_string(), loss.title().to_string()))
                .collect();
            let attrs = [("class", "bpv-loss"), ("aria-label", "Loss")];
            h.select(&attrs, &fitting, s.loss.name());
        });
        h.close("fieldset");
        h.open("div", &[("class", "bpv-io-row bpv-author-samples")]);
        let samples = s.samples.len();
        let plural = if samples == 1 { "" } else { "s" };
        h.el("span", &[], &format!("{samples} sample{plural}"));
        h.button_with(
            "bpv-add-sample",
            "+ sample",
            "Add a sample: a copy of the last, to edit in the sliders",
            &disabled_if(samples >= MAX_SAMPLES),
        );
        let shown = (self.sample() + 1).to_string();
        h.button_with(
            "bpv-remove-sample",
            "Remove this sample",
            &format!("Remove sample {shown}, the one shown"),
            &disabled_if(samples <= 1),
        );
        h.close("div");
        h.open("div", &[("class", "bpv-io-row")]);
        h.button(
            "bpv-nice-weights",
            "Nice random weights",
            "New weights and biases as an exam has them: one decimal, from −0.9 to 0.9",
        );
        let frozen = if s.freeze_biases { "true" } else { "false" };
        h.button_with(
            "bpv-freeze-biases",
            "Freeze biases",
            "Leave the biases out of the update (they keep their values)",
            &[("aria-pressed", frozen)],
        );
        h.close("div");
        h.finish()
    }
}
