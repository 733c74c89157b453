//! The data-set panel's elements: the mode switch, the training buttons, the plot and chart
//! canvases, and the set-up controls (rebuilt from the settings whenever they change).

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, Document, Element, HtmlCanvasElement};

use super::dom::{button, el, text_el};
use crate::explain::number::number_text;
use crate::nn::train::{Feature, Init, Regularization};
use crate::nn::Activation;
use crate::playground::{data_name, feature_name, Problem, Settings, MAX_HIDDEN_LAYERS, MAX_WIDTH};
use crate::session::serde_name;

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

/// A new `<canvas>` of this class, with its 2D context.
pub(super) fn canvas_2d(
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

/// A canvas that is a picture (role img, described by `label`), appended to `parent`.
fn figure(
    doc: &Document,
    parent: &Element,
    class: &str,
    label: &str,
) -> Result<(HtmlCanvasElement, CanvasRenderingContext2d), JsValue> {
    let (canvas, ctx) = canvas_2d(doc, class)?;
    canvas.set_attribute("role", "img")?;
    canvas.set_attribute("aria-label", label)?;
    parent.append_child(&canvas)?;
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
        let (plot, plot_ctx) = figure(
            doc,
            &left,
            "bpv-plot",
            "The data: training points outlined light, test points outlined dark, over the network's output across the plane. Click a point to see its forward and backward pass below.",
        )?;
        let click_row = add(&left, el(doc, "div", "bpv-play-row"))?;
        let click: web_sys::HtmlSelectElement =
            options_select(doc, "click", "A click on the plot", &[], "pick")?
                .dyn_into()
                .map_err(|_| JsValue::from_str("select"))?;
        add(&click_row, field(doc, "Click on the plot", &click))?;
        let chart_legend = add(&left, el(doc, "p", "bpv-chart-legend"))?;
        let (chart, chart_ctx) = figure(
            doc,
            &left,
            "bpv-chart",
            "Training loss (solid) and test loss (dashed) by epoch",
        )?;

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
    /// Rebuilds the set-up controls for `s`; `custom`: how many points the hand-made or
    /// imported data has, which the data and points menus then say instead of a generated set.
    pub(super) fn build_setup(
        &self,
        doc: &Document,
        s: &Settings,
        custom: Option<usize>,
    ) -> Result<(), JsValue> {
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
        let mut kinds: Vec<(String, String)> = s
            .problem
            .data_kinds()
            .iter()
            .map(|k| (serde_name(k), data_name(*k).to_string()))
            .collect();
        let data_value = match custom {
            Some(_) => {
                kinds.insert(0, ("custom".into(), "your own data".into()));
                "custom".to_string()
            }
            None => serde_name(&s.data),
        };
        add(
            &row,
            field(
                doc,
                "Data",
                &options_select(doc, "data", "Data set", &kinds, &data_value)?,
            ),
        )?;
        add(
            &row,
            field(
                doc,
                "Points",
                &match custom {
                    // Your own data has the points it has.
                    Some(n) => {
                        let points = options_select(
                            doc,
                            "points",
                            "Number of points",
                            &[(n.to_string(), n.to_string())],
                            &n.to_string(),
                        )?;
                        points.set_attribute("disabled", "")?;
                        points
                    }
                    None => options_select(
                        doc,
                        "points",
                        "Number of points",
                        &pairs(&["100", "200", "500", "1000"]),
                        &s.points.to_string(),
                    )?,
                },
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
