//! The data-set mode ("playground"): its panel (set-up, data plot with the decision map, loss
//! chart, training controls) and what its actions do. The training itself, the picked point's
//! scenario and the heatmap colours are pure Rust in [`crate::playground`]; the network view
//! below the panel is the one-sample view, showing the picked point.

use wasm_bindgen::{Clamped, JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, Document, Element, HtmlCanvasElement, ImageData};

use super::app::{clock, App};
use super::dom::{button, el, set_attr, set_text, text_el};
use crate::edit::History;
use crate::explain::math::number_text;
use crate::nn::data::{DataKind, EXTENT};
use crate::nn::train::{Feature, Init, Regularization};
use crate::nn::Activation;
use crate::playground::{
    colors, data_name, feature_name, neuron_heat_kind, output_pixels, thumb_pixels, thumb_side,
    Pick, Playground, Problem, Saved, Settings, MAX_HIDDEN_LAYERS, MAX_WIDTH,
};
use crate::scenario::Scenario;
use crate::scene::ThemeName;

/// Grid side of the heatmaps when idle, and while training a large network.
pub const GRID_SIDE: (usize, usize) = (100, 50);
/// Weights above which training frames use the coarser grid.
const COARSE_ABOVE_WEIGHTS: usize = 150;
/// The test loss's line: class 0's orange.
const TEST_LINE: &str = "rgb(232,125,28)";
/// Learning rates offered (as TensorFlow Playground does, plus the exam's 0.1).
const LEARNING_RATES: [&str; 11] = [
    "0.00001", "0.0001", "0.001", "0.003", "0.01", "0.03", "0.1", "0.3", "1", "3", "10",
];
/// Regularisation rates offered.
const REG_RATES: [&str; 9] = [
    "0", "0.001", "0.003", "0.01", "0.03", "0.1", "0.3", "1", "3",
];

/// The panel's elements.
pub struct PlayDom {
    /// The whole panel (hidden in one-sample mode).
    pub section: Element,
    /// Train / pause.
    pub train: Element,
    /// Epochs, losses and accuracy.
    pub status: Element,
    /// Divergence and bad settings.
    pub alert: Element,
    /// The data plot.
    pub plot: HtmlCanvasElement,
    /// Its context.
    pub plot_ctx: CanvasRenderingContext2d,
    /// The loss chart.
    pub chart: HtmlCanvasElement,
    /// Its context.
    pub chart_ctx: CanvasRenderingContext2d,
    /// The chart's legend with numbers.
    pub chart_legend: Element,
    /// The set-up controls (rebuilt when the settings change).
    pub setup: Element,
    /// The CSV text box.
    pub csv: web_sys::HtmlTextAreaElement,
    /// Messages about CSV lines.
    pub csv_messages: Element,
    /// What a click on the plot does.
    pub click: web_sys::HtmlSelectElement,
    /// The mode switch's two buttons: one sample, data set.
    pub modes: [Element; 2],
}

/// The playground's state inside the widget.
pub struct PlayState {
    /// The training state, made on first entering data-set mode.
    pub pg: Option<Playground>,
    /// Training runs each frame.
    pub playing: bool,
    /// Training was paused because the widget went out of view.
    pub resume: bool,
    /// The number boxes and the table have not followed training yet.
    pub behind: bool,
    /// Every non-input neuron's grid, and its side.
    pub grids: Vec<Vec<f32>>,
    /// The side of `grids`.
    pub side: usize,
    /// The grids are out of date.
    pub grids_stale: bool,
    /// The panel needs drawing.
    pub dirty: bool,
    /// The set-up controls need rebuilding.
    pub setup_stale: bool,
    /// Offscreen canvases: the decision map first, then one per non-input neuron.
    pub images: Vec<HtmlCanvasElement>,
    /// The one-sample mode's state while in data-set mode: history, original, preset, sample.
    pub sample_mode: Option<(History, Scenario, Option<String>, usize)>,
    /// Milliseconds of the last training frame: training, grids, drawing.
    pub ms: [f64; 3],
    /// The plot's side and the chart's size in CSS pixels, read at the start of a frame.
    pub plot_side: f64,
    /// The chart's width and height.
    pub chart_size: (f64, f64),
    /// Pixel buffer reused for the heatmaps.
    pixels: Vec<u8>,
}

impl PlayState {
    /// Nothing trained yet.
    pub fn new() -> PlayState {
        PlayState {
            pg: None,
            playing: false,
            resume: false,
            behind: false,
            grids: Vec::new(),
            side: 0,
            grids_stale: true,
            dirty: true,
            setup_stale: true,
            images: Vec::new(),
            sample_mode: None,
            ms: [0.0; 3],
            plot_side: 300.0,
            chart_size: (300.0, 90.0),
            pixels: Vec::new(),
        }
    }
}

fn canvas_2d(
    doc: &Document,
    class: &str,
) -> Result<(HtmlCanvasElement, CanvasRenderingContext2d), JsValue> {
    let canvas: HtmlCanvasElement = el(doc, "canvas", class)?
        .dyn_into()
        .map_err(|_| JsValue::from_str("canvas"))?;
    let ctx: CanvasRenderingContext2d = canvas
        .get_context("2d")?
        .ok_or("the canvas should have a 2D context")?
        .dyn_into()
        .map_err(|_| JsValue::from_str("2d context"))?;
    Ok((canvas, ctx))
}

fn add(parent: &Element, child: Result<Element, JsValue>) -> Result<Element, JsValue> {
    let child = child?;
    parent.append_child(&child)?;
    Ok(child)
}

fn act_button(doc: &Document, act: &str, text: &str, label: &str) -> Result<Element, JsValue> {
    let b = button(doc, "bpv-play-btn", text, label)?;
    b.set_attribute("data-act", act)?;
    Ok(b)
}

fn options_select(
    doc: &Document,
    setting: &str,
    label: &str,
    options: &[(String, String)],
    value: &str,
) -> Result<Element, JsValue> {
    let s = el(doc, "select", "bpv-play-select")?;
    s.set_attribute("data-set", setting)?;
    s.set_attribute("aria-label", label)?;
    for (v, text) in options {
        let o = text_el(doc, "option", "", text)?;
        o.set_attribute("value", v)?;
        if v == value {
            o.set_attribute("selected", "")?;
        }
        s.append_child(&o)?;
    }
    Ok(s)
}

fn field(doc: &Document, text: &str, control: &Element) -> Result<Element, JsValue> {
    let label = el(doc, "label", "bpv-play-field")?;
    add(&label, text_el(doc, "span", "", text))?;
    label.append_child(control)?;
    Ok(label)
}

fn pairs(values: &[&str]) -> Vec<(String, String)> {
    values
        .iter()
        .map(|v| (v.to_string(), v.to_string()))
        .collect()
}

/// The name an enum value has in settings (its serde name).
fn serde_name<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn from_serde_name<T: serde::de::DeserializeOwned>(name: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(name.to_string())).ok()
}

impl PlayDom {
    /// Builds the panel (hidden) and the mode switch in `options`.
    pub fn build(
        doc: &Document,
        root: &Element,
        before: &Element,
        options: &Element,
    ) -> Result<PlayDom, JsValue> {
        let switch = el(doc, "div", "bpv-mode")?;
        switch.set_attribute("role", "group")?;
        switch.set_attribute("aria-label", "Mode")?;
        let mut modes = Vec::with_capacity(2);
        for (class, text, label, mode, pressed) in [
            (
                "bpv-mode-sample",
                "One sample",
                "One sample: the exam view, every number of one step",
                "sample",
                "true",
            ),
            (
                "bpv-mode-data",
                "Data set",
                "Data set: design a network and train it on 2-D data",
                "data",
                "false",
            ),
        ] {
            let b = button(doc, class, text, label)?;
            b.set_attribute("data-mode", mode)?;
            b.set_attribute("aria-pressed", pressed)?;
            switch.append_child(&b)?;
            modes.push(b);
        }
        let [one, data]: [Element; 2] = modes
            .try_into()
            .map_err(|_| JsValue::from_str("two mode buttons"))?;
        options.insert_before(&switch, options.first_child().as_ref())?;

        let section = el(doc, "section", "bpv-dataset")?;
        section.set_attribute("aria-label", "Training on a data set")?;
        section.set_attribute("hidden", "")?;
        let bar = add(&section, el(doc, "div", "bpv-play-bar"))?;
        bar.set_attribute("role", "toolbar")?;
        bar.set_attribute("aria-label", "Training")?;
        let train = act_button(
            doc,
            "train",
            "▶ Train",
            "Train: one epoch per frame until paused",
        )?;
        bar.append_child(&train)?;
        add(
            &bar,
            act_button(
                doc,
                "batch",
                "Step batch",
                "One SGD step on the next mini-batch",
            ),
        )?;
        add(
            &bar,
            act_button(doc, "epoch", "Step epoch", "Train to the end of the epoch"),
        )?;
        add(
            &bar,
            act_button(
                doc,
                "reset-train",
                "Reset weights",
                "Start again from the seed's initial weights",
            ),
        )?;
        let status = add(&bar, el(doc, "span", "bpv-play-status"))?;
        status.set_attribute("role", "status")?;
        let alert = add(&section, el(doc, "p", "bpv-play-alert"))?;
        alert.set_attribute("role", "alert")?;

        let body = add(&section, el(doc, "div", "bpv-play-body"))?;
        let left = add(&body, el(doc, "div", "bpv-play-left"))?;
        let (plot, plot_ctx) = canvas_2d(doc, "bpv-plot")?;
        plot.set_attribute("role", "img")?;
        plot.set_attribute(
            "aria-label",
            "The data: training points outlined light, test points outlined dark, over the network's output across the plane. Click a point to see its forward and backward pass below.",
        )?;
        left.append_child(&plot)?;
        let click_row = add(&left, el(doc, "div", "bpv-play-row"))?;
        let click: web_sys::HtmlSelectElement =
            options_select(doc, "click", "A click on the plot", &[], "pick")?
                .dyn_into()
                .map_err(|_| JsValue::from_str("select"))?;
        add(&click_row, field(doc, "Click on the plot", &click))?;
        let chart_legend = add(&left, el(doc, "p", "bpv-chart-legend"))?;
        let (chart, chart_ctx) = canvas_2d(doc, "bpv-chart")?;
        chart.set_attribute("role", "img")?;
        chart.set_attribute(
            "aria-label",
            "Training loss (solid) and test loss (dashed) by epoch",
        )?;
        left.append_child(&chart)?;

        let right = add(&body, el(doc, "div", "bpv-play-right"))?;
        let setup = add(&right, el(doc, "div", "bpv-play-setup"))?;
        let csv_box = add(&right, el(doc, "details", "bpv-play-csv"))?;
        add(
            &csv_box,
            text_el(doc, "summary", "", "Your own data (CSV: x1,x2,label)"),
        )?;
        let csv: web_sys::HtmlTextAreaElement = el(doc, "textarea", "bpv-csv-text")?
            .dyn_into()
            .map_err(|_| JsValue::from_str("textarea"))?;
        csv.set_attribute("aria-label", "CSV data: one point a line, x1,x2,label")?;
        csv.set_attribute("spellcheck", "false")?;
        csv.set_rows(5);
        csv.set_placeholder("x1,x2,label\n1.5,-2,0\n-3,0.5,1");
        csv_box.append_child(&csv)?;
        let csv_row = add(&csv_box, el(doc, "div", "bpv-play-row"))?;
        add(
            &csv_row,
            act_button(
                doc,
                "import-csv",
                "Import CSV",
                "Replace the data with these points",
            ),
        )?;
        add(
            &csv_row,
            act_button(
                doc,
                "generated",
                "Back to generated data",
                "Forget the hand-made points",
            ),
        )?;
        let csv_messages = add(&csv_box, el(doc, "ul", "bpv-csv-messages"))?;
        csv_messages.set_attribute("aria-live", "polite")?;
        root.insert_before(&section, Some(before))?;
        Ok(PlayDom {
            section,
            train,
            status,
            alert,
            plot,
            plot_ctx,
            chart,
            chart_ctx,
            chart_legend,
            setup,
            csv,
            csv_messages,
            click,
            modes: [one, data],
        })
    }

    /// Rebuilds the set-up controls for `s`.
    fn build_setup(&self, doc: &Document, s: &Settings) -> Result<(), JsValue> {
        let setup = &self.setup;
        setup.set_inner_html("");
        let row = add(setup, el(doc, "div", "bpv-play-row"))?;
        let problems: Vec<(String, String)> = Problem::ALL
            .iter()
            .map(|p| {
                let text = match p {
                    Problem::Binary => "Two classes (sigmoid, BCE)",
                    Problem::Classes => "Several classes (softmax, cross-entropy)",
                    Problem::Regression => "Regression (linear, MSE)",
                };
                (p.name().to_string(), text.to_string())
            })
            .collect();
        add(
            &row,
            field(
                doc,
                "Problem",
                &options_select(doc, "problem", "Problem type", &problems, s.problem.name())?,
            ),
        )?;
        let kinds: Vec<(String, String)> = s
            .problem
            .data_kinds()
            .iter()
            .map(|k| (serde_name(k), data_name(*k).to_string()))
            .collect();
        add(
            &row,
            field(
                doc,
                "Data",
                &options_select(doc, "data", "Data set", &kinds, &serde_name(&s.data))?,
            ),
        )?;
        add(
            &row,
            field(
                doc,
                "Points",
                &options_select(
                    doc,
                    "points",
                    "Number of points",
                    &pairs(&["100", "200", "500", "1000"]),
                    &s.points.to_string(),
                )?,
            ),
        )?;
        let noise: Vec<(String, String)> = (0..=10)
            .map(|k| ((k * 5).to_string(), format!("{}%", k * 5)))
            .collect();
        add(
            &row,
            field(
                doc,
                "Noise",
                &options_select(
                    doc,
                    "noise",
                    "Noise",
                    &noise,
                    &((s.noise * 100.0).round() as usize).to_string(),
                )?,
            ),
        )?;
        let tests: Vec<(String, String)> = (0..=9)
            .map(|k| ((k * 10).to_string(), format!("{}%", k * 10)))
            .collect();
        add(
            &row,
            field(
                doc,
                "Test share",
                &options_select(
                    doc,
                    "test",
                    "Share of points held out for testing",
                    &tests,
                    &((s.test_share * 100.0).round() as usize).to_string(),
                )?,
            ),
        )?;
        let seed = el(doc, "input", "bpv-play-seed")?;
        seed.set_attribute("type", "number")?;
        seed.set_attribute("min", "0")?;
        seed.set_attribute("step", "1")?;
        seed.set_attribute("data-set", "seed")?;
        seed.set_attribute(
            "aria-label",
            "Seed for the data, the split and the initial weights",
        )?;
        seed.set_attribute("value", &s.seed.to_string())?;
        add(&row, field(doc, "Seed", &seed))?;
        add(
            &row,
            act_button(
                doc,
                "new-seed",
                "New seed",
                "Another seed: new data and new initial weights",
            ),
        )?;

        let row = add(setup, el(doc, "div", "bpv-play-row"))?;
        let lr = number_text(s.learning_rate, 6);
        let mut rates = pairs(&LEARNING_RATES);
        if !LEARNING_RATES
            .iter()
            .any(|r| r.parse::<f64>().ok() == Some(s.learning_rate))
        {
            rates.push((format!("{}", s.learning_rate), lr.clone()));
        }
        add(
            &row,
            field(
                doc,
                "Learning rate",
                &options_select(
                    doc,
                    "learning_rate",
                    "Learning rate",
                    &rates,
                    &format!("{}", s.learning_rate).replace("1e-5", "0.00001"),
                )?,
            ),
        )?;
        let batch = el(doc, "input", "bpv-play-batch")?;
        batch.set_attribute("type", "number")?;
        batch.set_attribute("min", "1")?;
        batch.set_attribute("max", "2000")?;
        batch.set_attribute("data-set", "batch")?;
        batch.set_attribute("aria-label", "Batch size")?;
        batch.set_attribute("value", &s.batch.to_string())?;
        add(&row, field(doc, "Batch", &batch))?;
        let regs: Vec<(String, String)> =
            [Regularization::None, Regularization::L1, Regularization::L2]
                .iter()
                .map(|r| {
                    (
                        serde_name(r),
                        match r {
                            Regularization::None => "none",
                            Regularization::L1 => "L1",
                            Regularization::L2 => "L2",
                        }
                        .to_string(),
                    )
                })
                .collect();
        add(
            &row,
            field(
                doc,
                "Regularisation",
                &options_select(
                    doc,
                    "regularization",
                    "Regularisation",
                    &regs,
                    &serde_name(&s.regularization),
                )?,
            ),
        )?;
        let mut reg_rates = pairs(&REG_RATES);
        if !REG_RATES
            .iter()
            .any(|r| r.parse::<f64>().ok() == Some(s.regularization_rate))
        {
            reg_rates.push((
                format!("{}", s.regularization_rate),
                format!("{}", s.regularization_rate),
            ));
        }
        add(
            &row,
            field(
                doc,
                "λ",
                &options_select(
                    doc,
                    "regularization_rate",
                    "Regularisation rate λ",
                    &reg_rates,
                    &format!("{}", s.regularization_rate),
                )?,
            ),
        )?;
        let inits: Vec<(String, String)> = [Init::Uniform, Init::Xavier, Init::He, Init::Zeros]
            .iter()
            .map(|i| {
                (
                    serde_name(i),
                    match i {
                        Init::Uniform => "uniform ±0.5",
                        Init::Xavier => "Xavier",
                        Init::He => "He",
                        Init::Zeros => "zeros",
                    }
                    .to_string(),
                )
            })
            .collect();
        add(
            &row,
            field(
                doc,
                "Initial weights",
                &options_select(
                    doc,
                    "init",
                    "Weight initialisation",
                    &inits,
                    &serde_name(&s.init),
                )?,
            ),
        )?;

        let row = add(setup, el(doc, "fieldset", "bpv-play-row bpv-play-features"))?;
        add(&row, text_el(doc, "legend", "", "Inputs"))?;
        for f in Feature::ALL {
            let label = el(doc, "label", "bpv-play-check")?;
            let input = el(doc, "input", "")?;
            input.set_attribute("type", "checkbox")?;
            input.set_attribute("data-feature", &serde_name(&f))?;
            if s.features.contains(&f) {
                input.set_attribute("checked", "")?;
            }
            label.append_child(&input)?;
            add(&label, text_el(doc, "span", "", feature_name(f)))?;
            row.append_child(&label)?;
        }

        let row = add(setup, el(doc, "fieldset", "bpv-play-row bpv-play-layers"))?;
        add(
            &row,
            text_el(
                doc,
                "legend",
                "",
                &format!("Hidden layers: {}", s.hidden.len()),
            ),
        )?;
        let add_layer = add(
            &row,
            act_button(doc, "add-layer", "+ layer", "Add a hidden layer"),
        )?;
        let remove_layer = add(
            &row,
            act_button(
                doc,
                "remove-layer",
                "− layer",
                "Remove the last hidden layer",
            ),
        )?;
        if s.hidden.len() >= MAX_HIDDEN_LAYERS {
            add_layer.set_attribute("disabled", "")?;
        }
        if s.hidden.is_empty() {
            remove_layer.set_attribute("disabled", "")?;
        }
        let acts: Vec<(String, String)> = [
            Activation::Relu,
            Activation::Tanh,
            Activation::Sigmoid,
            Activation::Linear,
            Activation::LeakyRelu,
        ]
        .iter()
        .map(|a| (a.name().to_string(), a.name().replace('_', " ")))
        .collect();
        for (l, (&n, act)) in s.hidden.iter().zip(&s.activations).enumerate() {
            let group = add(&row, el(doc, "div", "bpv-play-layer"))?;
            add(
                &group,
                text_el(doc, "span", "", &format!("Layer {}: {n}", l + 1)),
            )?;
            let minus = add(
                &group,
                act_button(
                    doc,
                    "remove-neuron",
                    "−",
                    &format!("One neuron fewer in hidden layer {}", l + 1),
                ),
            )?;
            minus.set_attribute("data-layer", &l.to_string())?;
            if n <= 1 {
                minus.set_attribute("disabled", "")?;
            }
            let plus = add(
                &group,
                act_button(
                    doc,
                    "add-neuron",
                    "+",
                    &format!("One neuron more in hidden layer {}", l + 1),
                ),
            )?;
            plus.set_attribute("data-layer", &l.to_string())?;
            if n >= MAX_WIDTH {
                plus.set_attribute("disabled", "")?;
            }
            let select = options_select(
                doc,
                "activation",
                &format!("Activation of hidden layer {}", l + 1),
                &acts,
                act.name(),
            )?;
            select.set_attribute("data-layer", &l.to_string())?;
            group.append_child(&select)?;
        }
        add(
            &row,
            text_el(
                doc,
                "span",
                "bpv-play-output",
                &format!("Output: {} · loss {}", s.output.name(), s.loss.name()),
            ),
        )?;

        // What a click on the plot adds.
        let click = &self.click;
        let keep = click.value();
        click.set_inner_html("");
        let mut modes = vec![("pick".to_string(), "picks the nearest point".to_string())];
        if s.problem == Problem::Regression {
            for v in ["-1", "0", "1"] {
                modes.push((format!("add:{v}"), format!("adds a point of value {v}")));
            }
        } else {
            for c in 0..s.classes() {
                modes.push((format!("add:{c}"), format!("adds a point of class {c}")));
            }
        }
        for (v, text) in &modes {
            let o = text_el(doc, "option", "", text)?;
            o.set_attribute("value", v)?;
            click.append_child(&o)?;
        }
        if modes.iter().any(|(v, _)| *v == keep) {
            click.set_value(&keep);
        }
        Ok(())
    }
}

/// Maps a point of the plane to the plot (CSS pixels), and back.
fn to_plot(x1: f64, x2: f64, side: f64) -> (f64, f64) {
    (
        (x1 + EXTENT) / (2.0 * EXTENT) * side,
        (EXTENT - x2) / (2.0 * EXTENT) * side,
    )
}

fn from_plot(px: f64, py: f64, side: f64) -> (f64, f64) {
    (
        px / side * 2.0 * EXTENT - EXTENT,
        EXTENT - py / side * 2.0 * EXTENT,
    )
}

fn rgb(c: [u8; 3]) -> String {
    format!("rgb({},{},{})", c[0], c[1], c[2])
}

impl App {
    /// Whether the widget is in data-set mode.
    pub fn data_mode(&self) -> bool {
        self.play.sample_mode.is_some()
    }

    /// Switches to data-set mode (making a playground from `saved`, or the defaults, the first
    /// time). The one-sample state is kept for the way back.
    pub fn enter_data_mode(&mut self, saved: Option<Saved>) -> Result<(), String> {
        if let Some(saved) = saved {
            let pg = Playground::restore(saved).map_err(|e| format!("playground {e}"))?;
            self.play.pg = Some(pg);
        }
        if self.play.pg.is_none() {
            self.play.pg = Playground::new(Settings::default(), None).ok();
        }
        if !self.data_mode() {
            self.timeline.pause();
            self.play.sample_mode = Some((
                self.history.clone(),
                self.original.clone(),
                self.preset.clone(),
                self.sample,
            ));
        }
        self.quiz = None;
        self.play.setup_stale = true;
        self.show_point(true);
        Ok(())
    }

    /// Back to the one-sample view as it was left.
    pub fn leave_data_mode(&mut self) {
        let Some((history, original, preset, sample)) = self.play.sample_mode.take() else {
            return;
        };
        self.play.playing = false;
        self.history = history;
        self.original = original;
        self.preset = preset;
        self.sample = sample;
        self.scenario = self.history.current().clone();
        self.dirty.structure = true;
        self.selected = None;
        self.focused = None;
        self.hovered = None;
        self.recompute();
        self.timeline.seek(self.timeline.len() as f64);
        self.refresh();
    }

    /// Shows the picked point in the network view: a fresh history when `fresh` (a new point
    /// or network), otherwise the training's progress replaces the current entry.
    pub fn show_point(&mut self, fresh: bool) {
        let Some(pg) = &self.play.pg else { return };
        let scenario = pg.scenario_for(pg.pick);
        let shape_changed = scenario.layers != self.scenario.layers;
        if fresh {
            self.history = History::new(scenario.clone());
            self.original = scenario.clone();
            self.preset = None;
        } else {
            self.history.replace(scenario.clone());
        }
        self.scenario = scenario;
        self.sample = 0;
        if shape_changed || fresh {
            self.dirty.structure = true;
            self.selected = None;
            self.focused = None;
            self.hovered = None;
        }
        self.play.grids_stale = true;
        self.play.dirty = true;
        self.recompute();
        if shape_changed {
            self.ensure_trace();
            self.timeline.seek(self.timeline.len() as f64);
        }
    }

    /// After an edit, undo or SGD step in the network view: the playground takes the weights.
    pub fn pull_params(&mut self) {
        if !self.data_mode() {
            return;
        }
        let params = self.scenario.params();
        let lr = self.scenario.learning_rate;
        if let Some(pg) = self.play.pg.as_mut() {
            if pg.set_params(&params).is_ok() {
                let mut s = pg.settings().clone();
                if s.learning_rate != lr {
                    s.learning_rate = lr;
                    if pg.change(s).is_ok() {
                        self.play.setup_stale = true;
                    }
                }
                pg.record();
                self.play.grids_stale = true;
                self.play.dirty = true;
            }
        }
    }

    /// Starts or pauses training.
    pub fn toggle_training(&mut self) {
        if self.play.playing {
            self.play.playing = false;
        } else if self
            .play
            .pg
            .as_ref()
            .is_some_and(|p| p.diverged().is_none())
        {
            self.play.playing = true;
            self.timeline.pause();
            self.timeline.seek(self.timeline.len() as f64);
            self.history.push(self.scenario.clone());
        }
        self.play.dirty = true;
        self.request_frame();
    }

    /// One batch or the rest of the epoch, as a button press.
    pub fn train_once(&mut self, epoch: bool) {
        let Some(pg) = self.play.pg.as_mut() else {
            return;
        };
        let result = if epoch {
            pg.step_epoch()
        } else {
            pg.step_batch()
        };
        pg.record();
        self.history.push(self.scenario.clone());
        if result.is_err() {
            self.play.playing = false;
        }
        self.show_point(false);
    }

    /// Trains `samples` samples at once (the API and the benchmark), then shows the result.
    pub fn train_samples(&mut self, samples: usize) -> Result<(), String> {
        let pg = self.play.pg.as_mut().ok_or("not in data-set mode")?;
        let result = pg.train_samples(samples);
        pg.record();
        self.show_point(false);
        result.map_err(|d| format!("training diverged at {}", d.path))
    }

    /// Starts again from the seed's weights.
    pub fn reset_training(&mut self) {
        self.play.playing = false;
        if let Some(pg) = self.play.pg.as_mut() {
            pg.reset();
        }
        self.show_point(true);
    }

    /// One training frame: an epoch, the losses, then the network view follows.
    pub fn training_frame(&mut self) {
        let started = clock();
        let Some(pg) = self.play.pg.as_mut() else {
            self.play.playing = false;
            return;
        };
        let result = pg.step_epoch();
        pg.record();
        if result.is_err() {
            self.play.playing = false;
        }
        self.play.ms[0] = clock() - started;
        self.show_point(false);
    }

    /// Applies one set-up control's new value; bad values are refused with the field's name.
    pub fn apply_setting(&mut self, name: &str, value: &str, checked: bool) {
        let Some(pg) = self.play.pg.as_mut() else {
            return;
        };
        let mut s = pg.settings().clone();
        let number = value.trim().parse::<f64>();
        let bad = |what: &str| {
            Err(format!(
                "{what}: “{}” is not a valid value",
                value.chars().take(20).collect::<String>()
            ))
        };
        let outcome: Result<(), String> = match name {
            "problem" => match Problem::ALL.iter().find(|p| p.name() == value) {
                Some(p) => {
                    s.set_problem(*p);
                    Ok(())
                }
                None => bad("problem"),
            },
            "data" => from_serde_name::<DataKind>(value)
                .map(|k| s.data = k)
                .ok_or(())
                .or_else(|_| bad("data")),
            "points" => value
                .parse()
                .map(|n| s.points = n)
                .or_else(|_| bad("points")),
            "noise" => number
                .map(|v| s.noise = v / 100.0)
                .or_else(|_| bad("noise")),
            "test" => number
                .map(|v| s.test_share = v / 100.0)
                .or_else(|_| bad("test share")),
            "seed" => value
                .trim()
                .parse()
                .map(|v| s.seed = v)
                .or_else(|_| bad("seed")),
            "learning_rate" => number
                .map(|v| s.learning_rate = v)
                .or_else(|_| bad("learning rate")),
            "batch" => value
                .trim()
                .parse()
                .map(|v| s.batch = v)
                .or_else(|_| bad("batch")),
            "regularization" => from_serde_name(value)
                .map(|r| s.regularization = r)
                .ok_or(())
                .or_else(|_| bad("regularisation")),
            "regularization_rate" => number
                .map(|v| s.regularization_rate = v)
                .or_else(|_| bad("λ")),
            "init" => from_serde_name(value)
                .map(|i| s.init = i)
                .ok_or(())
                .or_else(|_| bad("initial weights")),
            "activation" | "feature" => Ok(()),
            _ => bad(name),
        };
        let outcome = outcome.and_then(|()| match name {
            "feature" => {
                let f: Feature = from_serde_name(value).ok_or("unknown input")?;
                if checked {
                    if !s.features.contains(&f) {
                        s.features.push(f);
                        s.features
                            .sort_by_key(|x| Feature::ALL.iter().position(|y| y == x));
                    }
                } else {
                    s.features.retain(|x| *x != f);
                }
                Ok(())
            }
            _ => Ok(()),
        });
        self.finish_setting(s, outcome);
    }

    /// Sets one hidden layer's activation.
    pub fn set_layer_activation(&mut self, layer: usize, value: &str) {
        let Some(pg) = self.play.pg.as_ref() else {
            return;
        };
        let mut s = pg.settings().clone();
        let outcome = match (Activation::from_name(value), s.activations.get_mut(layer)) {
            (Some(a), Some(slot)) => {
                *slot = a;
                Ok(())
            }
            _ => Err(format!(
                "activations[{layer}]: “{value}” is not an activation"
            )),
        };
        self.finish_setting(s, outcome);
    }

    /// Adds or removes a layer or a neuron.
    pub fn change_layers(&mut self, act: &str, layer: Option<usize>) {
        let Some(pg) = self.play.pg.as_ref() else {
            return;
        };
        let mut s = pg.settings().clone();
        match (act, layer) {
            ("add-layer", _) => {
                let width = s.hidden.last().copied().unwrap_or(4);
                let act = s.activations.last().copied().unwrap_or(Activation::Tanh);
                s.hidden.push(width);
                s.activations.push(act);
            }
            ("remove-layer", _) => {
                s.hidden.pop();
                s.activations.pop();
            }
            ("add-neuron", Some(l)) => {
                if let Some(n) = s.hidden.get_mut(l) {
                    *n += 1;
                }
            }
            ("remove-neuron", Some(l)) => {
                if let Some(n) = s.hidden.get_mut(l) {
                    *n = n.saturating_sub(1);
                }
            }
            ("new-seed", _) => {
                s.seed = s
                    .seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407)
                    % 100_000
            }
            _ => return,
        }
        self.finish_setting(s, Ok(()));
    }

    fn finish_setting(&mut self, s: Settings, outcome: Result<(), String>) {
        let Some(pg) = self.play.pg.as_mut() else {
            return;
        };
        let result = outcome.and_then(|()| pg.change(s).map_err(|e| e.to_string()));
        match result {
            Ok(rebuilt) => {
                self.play_notice("");
                if rebuilt {
                    self.play.playing = false;
                    self.show_point(true);
                } else {
                    self.show_point(false);
                }
            }
            Err(message) => self.play_notice(&format!("{message}; the settings are unchanged")),
        }
        self.play.setup_stale = true;
        self.play.dirty = true;
        self.request_frame();
    }

    /// Shows a message over the playground (empty clears it).
    pub fn play_notice(&self, text: &str) {
        if let Some(dom) = &self.play_dom {
            set_text(&dom.alert, text);
        }
    }

    /// A click on the plot at CSS pixel `(px, py)`: picks the nearest point, or adds one.
    pub fn plot_click(&mut self, px: f64, py: f64) {
        let Some(dom) = &self.play_dom else { return };
        let side = self.play.plot_side.max(1.0);
        let mode = dom.click.value();
        let (x1, x2) = from_plot(px, py, side);
        let Some(pg) = self.play.pg.as_mut() else {
            return;
        };
        if let Some(label) = mode
            .strip_prefix("add:")
            .and_then(|v| v.parse::<f64>().ok())
        {
            match pg.add_point(x1, x2, label) {
                Ok(()) => {
                    let index = pg.train_set().points.len() + pg.test_set().points.len();
                    self.play_notice(&format!(
                        "Added a point at ({}, {}); {index} points now.",
                        number_text(x1, 3),
                        number_text(x2, 3)
                    ));
                }
                Err(e) => self.play_notice(&e.to_string()),
            }
            self.play.setup_stale = true;
            self.show_point(true);
            return;
        }
        let radius = 10.0 / side * 2.0 * EXTENT;
        if let Some(pick) = pg.nearest(x1, x2, radius) {
            self.select_point(pick);
        }
    }

    /// Shows a point's forward and backward pass in the network view.
    pub fn select_point(&mut self, pick: Pick) -> bool {
        let Some(pg) = self.play.pg.as_mut() else {
            return false;
        };
        if pg.point(pick).is_none() {
            return false;
        }
        pg.pick = pick;
        self.show_point(true);
        self.ensure_trace();
        self.timeline.seek(self.timeline.len() as f64);
        true
    }

    /// Reads CSV from the text box into the data.
    pub fn import_csv(&mut self) {
        let Some(dom) = &self.play_dom else { return };
        let text = dom.csv.value();
        let Some(pg) = self.play.pg.as_mut() else {
            return;
        };
        let problems = pg.import_csv(&text);
        let count = pg.train_set().points.len() + pg.test_set().points.len();
        if let Some(dom) = &self.play_dom {
            dom.csv_messages.set_inner_html("");
            if let Some(doc) = dom.csv_messages.owner_document() {
                for p in problems.iter().take(50) {
                    if let Ok(li) = text_el(&doc, "li", "", p) {
                        let _ = dom.csv_messages.append_child(&li);
                    }
                }
                if problems.len() > 50 {
                    if let Ok(li) = text_el(
                        &doc,
                        "li",
                        "",
                        &format!("… and {} more", problems.len() - 50),
                    ) {
                        let _ = dom.csv_messages.append_child(&li);
                    }
                }
            }
            set_attr(
                &dom.csv_messages,
                "data-problems",
                &problems.len().to_string(),
            );
        }
        self.play_notice(&format!("{count} points in the data."));
        self.play.playing = false;
        self.show_point(true);
    }

    /// Back to generated data.
    pub fn generated_data(&mut self) {
        if let Some(pg) = self.play.pg.as_mut() {
            pg.clear_custom();
        }
        self.play.playing = false;
        self.show_point(true);
    }

    /// Draws the panel when it changed: set-up, grids, plot, chart, status.
    pub fn render_play(&mut self) {
        let data = self.data_mode();
        let Some(dom) = &self.play_dom else { return };
        if data && self.play.dirty {
            // Read the canvases' sizes before this frame writes to the DOM: reading layout
            // after a write forces the browser to lay out the whole page at once.
            self.play.plot_side = f64::from(dom.plot.client_width().max(160));
            self.play.chart_size = (
                f64::from(dom.chart.client_width().max(160)),
                f64::from(dom.chart.client_height().max(60)),
            );
        }
        for picker in [&self.dom.preset, &self.dom.sample] {
            if let Some(label) = picker.parent_element() {
                if label.has_attribute("hidden") != data {
                    let _ = if data {
                        label.set_attribute("hidden", "")
                    } else {
                        label.remove_attribute("hidden")
                    };
                }
            }
        }
        set_attr(
            &dom.modes[0],
            "aria-pressed",
            if data { "false" } else { "true" },
        );
        set_attr(
            &dom.modes[1],
            "aria-pressed",
            if data { "true" } else { "false" },
        );
        if !data {
            if !dom.section.has_attribute("hidden") {
                let _ = dom.section.set_attribute("hidden", "");
            }
            set_attr(&self.dom.root, "data-mode", "sample");
            return;
        }
        if dom.section.has_attribute("hidden") {
            let _ = dom.section.remove_attribute("hidden");
        }
        // Training skips the number boxes and the table; they catch up once it stops.
        if self.play.playing {
            self.play.behind = true;
        } else if self.play.behind {
            self.play.behind = false;
            self.dirty.editors = true;
            self.dirty.panels = true;
            self.mark_slow();
        }
        let Some(dom) = &self.play_dom else { return };
        set_attr(&self.dom.root, "data-mode", "data");
        set_text(&self.dom.title, &self.scenario.title);
        set_text(&self.dom.description, &self.scenario.description);
        set_text(
            &dom.train,
            if self.play.playing {
                "⏸ Pause"
            } else {
                "▶ Train"
            },
        );
        set_attr(
            &dom.train,
            "aria-pressed",
            if self.play.playing { "true" } else { "false" },
        );
        if self.play.setup_stale {
            self.play.setup_stale = false;
            if let (Some(doc), Some(pg)) = (dom.section.owner_document(), &self.play.pg) {
                let _ = dom.build_setup(&doc, pg.settings());
            }
        }
        if !self.play.dirty {
            return;
        }
        self.play.dirty = false;
        let started = clock();
        if self.play.grids_stale {
            self.update_grids();
        }
        let gridded = clock();
        self.draw_plot();
        self.draw_chart();
        self.update_status();
        self.play.ms[1] = gridded - started;
        self.play.ms[2] = clock() - gridded;
    }

    /// Recomputes every neuron's grid and the heatmap images.
    fn update_grids(&mut self) {
        let Some(pg) = self.play.pg.as_mut() else {
            return;
        };
        let weights: usize = pg
            .settings()
            .layer_sizes()
            .windows(2)
            .map(|w| w[0] * w[1])
            .sum();
        let side = if self.play.playing && weights > COARSE_ABOVE_WEIGHTS {
            GRID_SIDE.1
        } else {
            GRID_SIDE.0
        };
        self.play.grids = pg.grids(side);
        self.play.side = side;
        self.play.grids_stale = false;
        let neutral = if self.theme == ThemeName::Dark {
            colors::NEUTRAL_DARK
        } else {
            colors::NEUTRAL_LIGHT
        };
        let settings = pg.settings().clone();
        let outputs = settings.outputs();
        let count = self.play.grids.len();
        let Some(doc) = self.dom.root.owner_document() else {
            return;
        };
        while self.play.images.len() < count + 1 {
            match doc
                .create_element("canvas")
                .ok()
                .and_then(|c| c.dyn_into::<HtmlCanvasElement>().ok())
            {
                Some(c) => self.play.images.push(c),
                None => return,
            }
        }
        let mut pixels = std::mem::take(&mut self.play.pixels);
        pixels.resize(side * side * 4, 0);
        let acts = settings.all_activations();
        let sizes = settings.layer_sizes();
        let mut layer_of = Vec::with_capacity(count);
        for (l, &n) in sizes.iter().enumerate().skip(1) {
            layer_of.extend(std::iter::repeat_n(l, n));
        }
        for k in 0..=count {
            let image_side = if k == 0 {
                pixels.resize(side * side * 4, 0);
                output_pixels(
                    &settings,
                    &self.play.grids[count - outputs..],
                    neutral,
                    &mut pixels,
                );
                side
            } else {
                let act = acts[layer_of[k - 1] - 1];
                thumb_pixels(
                    &self.play.grids[k - 1],
                    side,
                    neuron_heat_kind(act),
                    neutral,
                    &mut pixels,
                );
                thumb_side(side).0
            };
            let canvas = &self.play.images[k];
            if canvas.width() != image_side as u32 {
                canvas.set_width(image_side as u32);
                canvas.set_height(image_side as u32);
            }
            let image = ImageData::new_with_u8_clamped_array_and_sh(
                Clamped(&pixels),
                image_side as u32,
                image_side as u32,
            );
            if let (Ok(image), Ok(Some(ctx))) = (image, canvas.get_context("2d")) {
                if let Ok(ctx) = ctx.dyn_into::<CanvasRenderingContext2d>() {
                    let _ = ctx.put_image_data(&image, 0.0, 0.0);
                }
            }
        }
        self.play.pixels = pixels;
        self.dirty.canvas = true;
    }

    fn draw_plot(&self) {
        let (Some(dom), Some(pg)) = (&self.play_dom, &self.play.pg) else {
            return;
        };
        let side = self.play.plot_side;
        let px = (side * self.dpr).round() as u32;
        if dom.plot.width() != px || dom.plot.height() != px {
            dom.plot.set_width(px);
            dom.plot.set_height(px);
        }
        let ctx = &dom.plot_ctx;
        let _ = ctx.set_transform(self.dpr, 0.0, 0.0, self.dpr, 0.0, 0.0);
        ctx.set_image_smoothing_enabled(true);
        if let Some(image) = self.play.images.first() {
            let _ =
                ctx.draw_image_with_html_canvas_element_and_dw_and_dh(image, 0.0, 0.0, side, side);
        }
        let dark = self.theme == ThemeName::Dark;
        let ink = if dark {
            "rgba(230,233,240,0.35)"
        } else {
            "rgba(20,24,32,0.25)"
        };
        ctx.set_stroke_style_str(ink);
        ctx.set_line_width(1.0);
        ctx.begin_path();
        for k in -3..=3 {
            let v = f64::from(k) * 2.0;
            let (x, _) = to_plot(v, 0.0, side);
            let (_, y) = to_plot(0.0, v, side);
            ctx.move_to(x, 0.0);
            ctx.line_to(x, side);
            ctx.move_to(0.0, y);
            ctx.line_to(side, y);
        }
        ctx.stroke();
        let regression = pg.settings().problem == Problem::Regression;
        let neutral = if dark {
            colors::NEUTRAL_DARK
        } else {
            colors::NEUTRAL_LIGHT
        };
        for (test, set) in [(false, pg.train_set()), (true, pg.test_set())] {
            ctx.set_stroke_style_str(if test { "#111" } else { "#fff" });
            ctx.set_line_width(if test { 1.6 } else { 1.2 });
            for (p, label) in set.points.iter().zip(&set.labels) {
                let (x, y) = to_plot(p.0, p.1, side);
                let color = if regression {
                    colors::diverging(*label, neutral)
                } else {
                    colors::CLASSES[(*label as usize).min(2)]
                };
                ctx.set_fill_style_str(&rgb(color));
                ctx.begin_path();
                let r = 3.6;
                match (regression, *label as usize) {
                    (false, 1) => ctx.rect(x - r, y - r, 2.0 * r, 2.0 * r),
                    (false, 2) => {
                        ctx.move_to(x, y - r * 1.2);
                        ctx.line_to(x + r * 1.1, y + r * 0.9);
                        ctx.line_to(x - r * 1.1, y + r * 0.9);
                        ctx.close_path();
                    }
                    _ => {
                        let _ = ctx.arc(x, y, r, 0.0, std::f64::consts::TAU);
                    }
                }
                ctx.fill();
                ctx.stroke();
            }
        }
        if let Some((x1, x2, _)) = pg.point(pg.pick) {
            let (x, y) = to_plot(x1, x2, side);
            ctx.set_stroke_style_str(if dark { "#ffd54a" } else { "#b8002e" });
            ctx.set_line_width(2.5);
            ctx.begin_path();
            let _ = ctx.arc(x, y, 8.0, 0.0, std::f64::consts::TAU);
            ctx.stroke();
            set_attr(
                &dom.plot,
                "data-pick",
                &format!(
                    "{}:{}",
                    if pg.pick.test { "test" } else { "train" },
                    pg.pick.index
                ),
            );
        }
    }

    fn draw_chart(&self) {
        let (Some(dom), Some(pg)) = (&self.play_dom, &self.play.pg) else {
            return;
        };
        let (w, h) = self.play.chart_size;
        let (pw, ph) = ((w * self.dpr).round() as u32, (h * self.dpr).round() as u32);
        if dom.chart.width() != pw || dom.chart.height() != ph {
            dom.chart.set_width(pw);
            dom.chart.set_height(ph);
        }
        let ctx = &dom.chart_ctx;
        let _ = ctx.set_transform(self.dpr, 0.0, 0.0, self.dpr, 0.0, 0.0);
        let dark = self.theme == ThemeName::Dark;
        ctx.set_fill_style_str(if dark { "#1b1f27" } else { "#fbfbfc" });
        ctx.fill_rect(0.0, 0.0, w, h);
        let history = pg.history();
        let top = history
            .iter()
            .flat_map(|p| [p.train, p.test])
            .filter(|v| v.is_finite())
            .fold(0.0f64, f64::max)
            .max(1e-9);
        let last = history.last().map_or(1.0, |p| p.epoch).max(1e-9);
        let pad = 4.0;
        let xy = |epoch: f64, v: f64| {
            (
                pad + epoch / last * (w - 2.0 * pad),
                h - pad - (v.min(top) / top) * (h - 2.0 * pad),
            )
        };
        for (test, color) in [
            (false, if dark { "#e6e9f0" } else { "#1f2430" }),
            (true, TEST_LINE),
        ] {
            ctx.set_stroke_style_str(color);
            ctx.set_line_width(1.8);
            let dash = if test {
                js_sys::Array::of2(&5.0.into(), &3.0.into())
            } else {
                js_sys::Array::new()
            };
            let _ = ctx.set_line_dash(&dash);
            ctx.begin_path();
            for (k, p) in history.iter().enumerate() {
                let (x, y) = xy(p.epoch, if test { p.test } else { p.train });
                if k == 0 {
                    ctx.move_to(x, y);
                } else {
                    ctx.line_to(x, y);
                }
            }
            ctx.stroke();
        }
        let _ = ctx.set_line_dash(&js_sys::Array::new());
    }

    fn update_status(&mut self) {
        let Some(pg) = self.play.pg.as_mut() else {
            return;
        };
        let (train, test) = pg
            .history()
            .last()
            .map_or((f64::NAN, f64::NAN), |p| (p.train, p.test));
        let epoch = pg.epoch();
        let acc = (pg.accuracy(false), pg.accuracy(true));
        let diverged = pg.diverged().map(|d| d.path.clone());
        let Some(dom) = &self.play_dom else { return };
        let digits = self.digits;
        let mut text = format!("Epoch {:.0}", epoch.floor());
        if let (Some(a), Some(b)) = acc {
            text.push_str(&format!(
                " · accuracy {:.0}% train, {:.0}% test",
                a * 100.0,
                b * 100.0
            ));
        }
        set_text(&dom.status, &text);
        set_attr(&dom.section, "data-epoch", &format!("{epoch}"));
        set_attr(&dom.section, "data-train-loss", &format!("{train}"));
        set_attr(&dom.section, "data-test-loss", &format!("{test}"));
        set_text(
            &dom.chart_legend,
            &format!(
                "Loss: training {} (solid) · test {} (dashed)",
                number_text(train, digits),
                number_text(test, digits)
            ),
        );
        if let Some(path) = diverged {
            set_text(
                &dom.alert,
                &format!("Training stopped: {path} stopped being a finite number (the learning rate is too high). The last finite weights are shown; lower the learning rate or reset the weights."),
            );
            set_attr(&dom.section, "data-diverged", "true");
        } else {
            set_attr(&dom.section, "data-diverged", "false");
        }
    }

    /// The thumbnails drawn inside the network's neurons (data-set mode only).
    pub fn thumbnails(&self) -> &[HtmlCanvasElement] {
        if self.data_mode() && self.play.images.len() > 1 {
            &self.play.images[1..]
        } else {
            &[]
        }
    }
}
