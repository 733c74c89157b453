//! The data-set panel's markup: its skeleton (training toolbar, plot, chart, CSV box) and the
//! set-up controls, rebuilt from the settings whenever they change.

use super::html::{disabled_if, optimizer_options, pairs, Html};
use crate::decimal::Shortest;
use crate::explain::number::number_text;
use crate::nn::train::{Feature, Init, Regularization};
use crate::nn::Activation;
use crate::playground::{data_name, feature_name, Problem, Settings, MAX_HIDDEN_LAYERS, MAX_WIDTH};
use crate::read::name_of;

/// Learning rates offered (as TensorFlow Playground does, plus the exam's 0.1).
const LEARNING_RATES: [&str; 11] = [
    "0.00001", "0.0001", "0.001", "0.003", "0.01", "0.03", "0.1", "0.3", "1", "3", "10",
];
/// Regularisation rates offered.
const REG_RATES: [&str; 9] = [
    "0", "0.001", "0.003", "0.01", "0.03", "0.1", "0.3", "1", "3",
];

/// A training button: `act` names what it does.
fn act(h: &mut Html, act: &str, text: &str, title: &str) {
    h.button_with("bpv-play-btn", text, title, &[("data-act", act)]);
}

/// A set-up menu for `setting`, with its visible label.
fn menu(
    h: &mut Html,
    text: &str,
    setting: &str,
    label: &str,
    options: &[(String, String)],
    value: &str,
) {
    h.labelled("bpv-play-field", text, |h| {
        let attrs = [
            ("class", "bpv-play-select"),
            ("data-set", setting),
            ("aria-label", label),
        ];
        h.select(&attrs, options, value);
    });
}

/// Training speeds offered, in epochs per frame.
const EPOCHS_PER_FRAME: [usize; 6] = [1, 2, 5, 10, 20, 50];

/// The speed options, with a value from a link that is not among them added in order.
fn with_current_count(options: &[(String, String)], current: usize) -> Vec<(String, String)> {
    let mut out = options.to_vec();
    if !EPOCHS_PER_FRAME.contains(&current) {
        // The options are in order: the new one goes before the first larger one.
        let at = out
            .iter()
            .position(|(v, _)| v.parse::<usize>().is_ok_and(|v| v > current))
            .unwrap_or(out.len());
        out.insert(
            at,
            (current.to_string(), format!("{current} epochs a frame")),
        );
    }
    out
}

/// The panel's section in the widget's skeleton: empty and hidden until data-set mode is
/// entered, when the mode's part fills it ([`panel`]).
pub fn section(h: &mut Html) {
    let section = [
        ("class", "bpv-dataset"),
        ("aria-label", "Training on a data set"),
        ("hidden", ""),
    ];
    h.open("section", &section);
    // What the panel shows while the mode's code is on its way, as large as the panel will be
    // (style.css); the widget's message line says it to screen readers.
    h.el(
        "p",
        &[("class", "bpv-dataset-loading"), ("aria-hidden", "true")],
        &crate::parts::Part::Data.loading(),
    );
    h.close("section");
}

/// The panel's contents (training toolbar, plot, chart, CSV box), written into its section
/// when data-set mode is first entered.
pub fn panel() -> String {
    let mut h = Html::default();
    h.open(
        "div",
        &[
            ("class", "bpv-play-bar"),
            ("role", "toolbar"),
            ("aria-label", "Training"),
        ],
    );
    h.button_with(
        "bpv-play-btn bpv-play-train",
        "▶ Train",
        "Train until paused, at the speed the set-up's Speed menu gives (epochs per frame)",
        &[("data-act", "train")],
    );
    act(
        &mut h,
        "batch",
        "Step batch",
        "One SGD step on the next mini-batch",
    );
    act(
        &mut h,
        "epoch",
        "Step epoch",
        "Train to the end of the epoch",
    );
    act(
        &mut h,
        "reset-train",
        "Reset weights",
        "Start again from the seed's initial weights",
    );
    h.el(
        "span",
        &[("class", "bpv-play-status"), ("role", "status")],
        "",
    )
    .close("div");
    h.el("p", &[("class", "bpv-play-alert"), ("role", "alert")], "");
    h.open("div", &[("class", "bpv-play-body")])
        .open("div", &[("class", "bpv-play-left")]);
    h.el(
        "canvas",
        &[
            ("class", "bpv-plot"),
            ("role", "img"),
            // The plot by keyboard (see `DataCommand::plot_key`).
            ("tabindex", "0"),
            ("aria-label", "The data: training points outlined light, test points outlined dark, over the network's output across the plane. Click a point to see its forward and backward pass below."),
        ],
        "",
    );
    h.open("div", &[("class", "bpv-play-row")]);
    menu(
        &mut h,
        "Click on the plot",
        "click",
        "A click on the plot",
        &[],
        "pick",
    );
    h.close("div");
    h.el("p", &[("class", "bpv-chart-legend")], "");
    h.el(
        "canvas",
        &[
            ("class", "bpv-chart"),
            ("role", "img"),
            (
                "aria-label",
                "Training loss (solid) and test loss (dashed) by epoch",
            ),
        ],
        "",
    );
    h.close("div").open("div", &[("class", "bpv-play-right")]);
    h.el("div", &[("class", "bpv-play-setup")], "");
    h.open("details", &[("class", "bpv-play-csv")]);
    h.el("summary", &[], "Your own data (CSV: x1,x2,label)");
    h.el(
        "textarea",
        &[
            ("class", "bpv-csv-text"),
            ("aria-label", "CSV data: one point a line, x1,x2,label"),
            ("spellcheck", "false"),
            ("rows", "5"),
            ("placeholder", "x1,x2,label\n1.5,-2,0\n-3,0.5,1"),
        ],
        "",
    );
    h.open("div", &[("class", "bpv-play-row")]);
    act(
        &mut h,
        "import-csv",
        "Import CSV",
        "Replace the data with these points",
    );
    act(
        &mut h,
        "generated",
        "Back to generated data",
        "Forget the hand-made points",
    );
    h.close("div");
    h.el(
        "ul",
        &[("class", "bpv-csv-messages"), ("aria-live", "polite")],
        "",
    );
    h.close("details").close("div").close("div");
    h.finish()
}

/// The options of the plot's click menu: pick a point, or add one of each class or value.
pub fn click_options(s: &Settings, selected: &str) -> String {
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
    let selected = if modes.iter().any(|(v, _)| v == selected) {
        selected
    } else {
        "pick"
    };
    let mut h = Html::default();
    h.options(&modes, selected);
    h.finish()
}

/// The list of CSV lines that could not be read (at most 50, and how many more).
pub fn csv_problems(problems: &[String]) -> String {
    let more = (problems.len() > 50).then(|| format!("… and {} more", problems.len() - 50));
    let mut h = Html::default();
    for line in problems.iter().take(50).chain(more.as_ref()) {
        h.el("li", &[], line);
    }
    h.finish()
}

/// A menu's options from settings' values (named as the files name them) and their texts.
fn named<T: crate::read::Named>(items: &[(T, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(v, text)| (name_of(v), text.to_string()))
        .collect()
}

/// A menu's options with the current value added when it is not one of them.
fn with_current(values: &[&str], current: f64, text: String) -> Vec<(String, String)> {
    let mut options = pairs(values);
    if !values
        .iter()
        .any(|r| crate::decimal::parse_f64(r) == Some(current))
    {
        options.push((Shortest(current).to_string(), text));
    }
    options
}

/// The set-up controls for `s`; `custom`: how many points the hand-made or imported data has,
/// which the data and points menus then say instead of a generated set.
pub fn setup(s: &Settings, custom: Option<usize>) -> String {
    let mut h = Html::default();
    h.open("div", &[("class", "bpv-play-row")]);
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
    menu(
        &mut h,
        "Problem",
        "problem",
        "Problem type",
        &problems,
        s.problem.name(),
    );
    let mut kinds: Vec<(String, String)> = s
        .problem
        .data_kinds()
        .iter()
        .map(|k| (name_of(k), data_name(*k).to_string()))
        .collect();
    let data_value = match custom {
        Some(_) => {
            kinds.insert(0, ("custom".into(), "your own data".into()));
            "custom".to_string()
        }
        None => name_of(&s.data),
    };
    menu(&mut h, "Data", "data", "Data set", &kinds, &data_value);
    match custom {
        // Your own data has the points it has.
        Some(n) => h.labelled("bpv-play-field", "Points", |h| {
            let n = n.to_string();
            let attrs = [
                ("class", "bpv-play-select"),
                ("data-set", "points"),
                ("aria-label", "Number of points"),
                ("disabled", ""),
            ];
            h.select(&attrs, &[(n.clone(), n.clone())], &n);
        }),
        None => {
            let points = pairs(&["100", "200", "500", "1000"]);
            menu(
                &mut h,
                "Points",
                "points",
                "Number of points",
                &points,
                &s.points.to_string(),
            );
            &mut h
        }
    };
    let percent = |step: usize, to: usize| -> Vec<(String, String)> {
        (0..=to)
            .map(|k| ((k * step).to_string(), format!("{}%", k * step)))
            .collect()
    };
    let noise = ((s.noise * 100.0).round() as usize).to_string();
    menu(&mut h, "Noise", "noise", "Noise", &percent(5, 10), &noise);
    let test = ((s.test_share * 100.0).round() as usize).to_string();
    let test_label = "Share of points held out for testing";
    menu(
        &mut h,
        "Test share",
        "test",
        test_label,
        &percent(10, 9),
        &test,
    );
    h.labelled("bpv-play-field", "Seed", |h| {
        h.open(
            "input",
            &[
                ("class", "bpv-play-seed"),
                ("type", "number"),
                ("min", "0"),
                ("step", "1"),
                ("data-set", "seed"),
                (
                    "aria-label",
                    "Seed for the data, the split and the initial weights",
                ),
                ("value", &s.seed.to_string()),
            ],
        );
    });
    act(
        &mut h,
        "new-seed",
        "New seed",
        "Another seed: new data and new initial weights",
    );
    h.close("div").open("div", &[("class", "bpv-play-row")]);
    let rates = with_current(
        &LEARNING_RATES,
        s.learning_rate,
        number_text(s.learning_rate, 6),
    );
    let rate = Shortest(s.learning_rate).to_string();
    menu(
        &mut h,
        "Learning rate",
        "learning_rate",
        "Learning rate",
        &rates,
        &rate,
    );
    h.labelled("bpv-play-field", "Batch", |h| {
        h.open(
            "input",
            &[
                ("class", "bpv-play-batch"),
                ("type", "number"),
                ("min", "1"),
                ("max", "2000"),
                ("data-set", "batch"),
                ("aria-label", "Batch size"),
                ("value", &s.batch.to_string()),
            ],
        );
    });
    let regs = named(&[
        (Regularization::None, "none"),
        (Regularization::L1, "L1"),
        (Regularization::L2, "L2"),
    ]);
    let reg = name_of(&s.regularization);
    menu(
        &mut h,
        "Regularisation",
        "regularization",
        "Regularisation",
        &regs,
        &reg,
    );
    let lambda = Shortest(s.regularization_rate).to_string();
    let reg_rates = with_current(&REG_RATES, s.regularization_rate, lambda.clone());
    let lambda_label = "Regularisation rate λ";
    menu(
        &mut h,
        "λ",
        "regularization_rate",
        lambda_label,
        &reg_rates,
        &lambda,
    );
    let inits = named(&[
        (Init::Uniform, "uniform ±0.5"),
        (Init::Xavier, "Xavier"),
        (Init::He, "He"),
        (Init::Zeros, "zeros"),
    ]);
    let init = name_of(&s.init);
    menu(
        &mut h,
        "Initial weights",
        "init",
        "Weight initialisation",
        &inits,
        &init,
    );
    menu(
        &mut h,
        "Optimiser",
        "optimizer",
        "Optimiser",
        &optimizer_options(),
        s.optimizer.name(),
    );
    let speeds: Vec<(String, String)> = EPOCHS_PER_FRAME
        .iter()
        .map(|n| {
            let unit = if *n == 1 { "epoch" } else { "epochs" };
            (n.to_string(), format!("{n} {unit} a frame"))
        })
        .collect();
    let speeds = with_current_count(&speeds, s.epochs_per_frame);
    menu(
        &mut h,
        "Speed",
        "epochs_per_frame",
        "Training speed: epochs per frame",
        &speeds,
        &s.epochs_per_frame.to_string(),
    );
    h.close("div");
    h.open("fieldset", &[("class", "bpv-play-row bpv-play-features")])
        .el("legend", &[], "Inputs");
    for f in Feature::ALL {
        let name = name_of(&f);
        let mut attrs = vec![("type", "checkbox"), ("data-feature", name.as_str())];
        if s.features.contains(&f) {
            attrs.push(("checked", ""));
        }
        h.open("label", &[("class", "bpv-play-check")])
            .open("input", &attrs);
        h.el("span", &[], feature_name(f)).close("label");
    }
    h.close("fieldset");
    layers(&mut h, s);
    h.finish()
}

/// The hidden layers: add or remove a layer, a neuron, and each layer's activation.
fn layers(h: &mut Html, s: &Settings) {
    h.open("fieldset", &[("class", "bpv-play-row bpv-play-layers")]);
    h.el("legend", &[], &format!("Hidden layers: {}", s.hidden.len()));
    let full = disabled_if(s.hidden.len() >= MAX_HIDDEN_LAYERS);
    let add = [&[("data-act", "add-layer")][..], &full].concat();
    h.button_with("bpv-play-btn", "+ layer", "Add a hidden layer", &add);
    let empty = disabled_if(s.hidden.is_empty());
    let remove = [&[("data-act", "remove-layer")][..], &empty].concat();
    h.button_with(
        "bpv-play-btn",
        "− layer",
        "Remove the last hidden layer",
        &remove,
    );
    let acts: Vec<(String, String)> = [
        Activation::Relu,
        Activation::Tanh,
        Activation::Sigmoid,
        Activation::Linear,
        Activation::LeakyRelu,
        Activation::Elu,
        Activation::Gelu,
        Activation::GeluTanh,
        Activation::Silu,
        Activation::Softplus,
    ]
    .iter()
    .map(|a| (a.name().to_string(), a.name().replace('_', " ")))
    .collect();
    for (l, (&n, activation)) in s.hidden.iter().zip(&s.activations).enumerate() {
        let layer = l.to_string();
        let number = l + 1;
        h.open("div", &[("class", "bpv-play-layer")]);
        h.el("span", &[], &format!("Layer {number}: {n}"));
        let fewer = format!("One neuron fewer in hidden layer {number}");
        let minus = [
            &[("data-act", "remove-neuron"), ("data-layer", &layer)][..],
            &disabled_if(n <= 1),
        ]
        .concat();
        h.button_with("bpv-play-btn", "−", &fewer, &minus);
        let more = format!("One neuron more in hidden layer {number}");
        let plus = [
            &[("data-act", "add-neuron"), ("data-layer", &layer)][..],
            &disabled_if(n >= MAX_WIDTH),
        ]
        .concat();
        h.button_with("bpv-play-btn", "+", &more, &plus);
        let label = format!("Activation of hidden layer {number}");
        let attrs = [
            ("class", "bpv-play-select"),
            ("data-set", "activation"),
            ("aria-label", label.as_str()),
            ("data-layer", &layer),
        ];
        h.select(&attrs, &acts, activation.name());
        h.close("div");
    }
    let output = format!("Output: {} · loss {}", s.output.name(), s.loss.name());
    h.el("span", &[("class", "bpv-play-output")], &output)
        .close("fieldset");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_speed_from_a_link_is_offered_in_its_place() {
        let speeds: Vec<(String, String)> = EPOCHS_PER_FRAME
            .iter()
            .map(|n| (n.to_string(), String::new()))
            .collect();
        let values = |current| -> Vec<String> {
            with_current_count(&speeds, current)
                .into_iter()
                .map(|(v, _)| v)
                .collect()
        };
        assert_eq!(values(7), ["1", "2", "5", "7", "10", "20", "50"]);
        assert_eq!(values(40), ["1", "2", "5", "10", "20", "40", "50"]);
        assert_eq!(values(5), ["1", "2", "5", "10", "20", "50"]);
        assert_eq!(values(3)[2], "3");
    }

    #[test]
    fn the_setup_shows_the_settings_chosen() {
        let s = Settings::default();
        let html = setup(&s, None);
        let lr = format!("<option value=\"{}\" selected>", s.learning_rate);
        assert!(html.contains(&lr), "{html}");
        assert!(html.contains(&format!("Hidden layers: {}", s.hidden.len())));
        assert_eq!(
            html.matches("class=\"bpv-play-layer\"").count(),
            s.hidden.len()
        );
        let custom = setup(&s, Some(7));
        assert!(custom.contains("your own data") && custom.contains("value=\"7\" selected"));
    }

    #[test]
    fn a_click_menu_keeps_its_choice_only_where_it_still_exists() {
        let s = Settings::default();
        assert!(click_options(&s, "add:1").contains("value=\"add:1\" selected"));
        assert!(click_options(&s, "add:9").contains("value=\"pick\" selected"));
    }
}
