//! An exam question for a one-sample scenario, without its answers: the network, the
//! conventions, the given numbers and the three tasks, as Markdown or LaTeX. The answer key is
//! the worked solution ([`super::markdown`], [`super::latex`]).

use super::math::Math;
use super::names::Names;
use super::number::number_text;
use super::render::{latex_text, markdown_text};
use crate::scenario::Scenario;

/// What the question says, sentence by sentence, with each given number kept apart so each format
/// can set it.
struct Question {
    network: String,
    convention: String,
    parameters: Vec<(String, Given)>,
    sample: Vec<(String, Given)>,
    tasks: [String; 3],
}

/// A given number or array.
enum Given {
    Number(f64),
    Vector(Vec<f64>),
    Matrix(Vec<Vec<f64>>),
}

/// The digits a given number is written with: enough for every exam-friendly value exactly.
const GIVEN_DIGITS: usize = 6;

fn question(scenario: &Scenario, digits: usize) -> Question {
    let layers = &scenario.layers;
    let names = Names::new(layers);
    let last = layers.len() - 1;
    let plural = |n: usize, one: &str, many: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    };
    let mut parts = vec![plural(layers[0], "input", "inputs")];
    for (l, &size) in layers.iter().enumerate().take(last).skip(1) {
        parts.push(format!(
            "a hidden layer of {} with {}",
            plural(size, "neuron", "neurons"),
            scenario.activations[l - 1].title()
        ));
    }
    parts.push(format!(
        "{} with {}",
        plural(layers[last], "output neuron", "output neurons"),
        scenario.activations[last - 1].title()
    ));
    let last_part = parts.pop().unwrap_or_default();
    let network = format!(
        "A neural network with {} and {last_part}. Loss: {}. One step of stochastic gradient descent with learning rate η = {}{}.",
        parts.join(", "),
        scenario.loss.title(),
        number_text(scenario.learning_rate, GIVEN_DIGITS),
        if scenario.freeze_biases {
            "; the biases are frozen (not updated)"
        } else {
            ""
        }
    );
    let first: Vec<String> = (0..layers[1].min(2))
        .flat_map(|to| (0..layers[0].min(2)).map(move |from| (from, to)))
        .map(|(from, to)| {
            format!(
                "{} = {}→{}",
                names.w(0, from, to).to_text(),
                names.neuron_label(0, from),
                names.neuron_label(1, to)
            )
        })
        .collect();
    let convention = format!(
        "In each weight matrix W, row i holds the weights leaving neuron i of one layer and column j those entering neuron j of the next, so z = a·W + b. The weights are numbered per destination neuron, then per source: {}, …",
        first.join(", ")
    );
    let mut parameters = Vec::new();
    for l in 0..last {
        parameters.push((
            format!("W{}", l + 1),
            Given::Matrix(scenario.weights[l].clone()),
        ));
        let b = &scenario.biases[l];
        parameters.push((
            format!("b{}", l + 1),
            if b.len() == 1 {
                Given::Number(b[0])
            } else {
                Given::Vector(b.clone())
            },
        ));
    }
    let s = &scenario.samples[0];
    let sample = vec![
        ("x".to_string(), Given::Vector(s.x.clone())),
        (
            "y".to_string(),
            if s.y.len() == 1 {
                Given::Number(s.y[0])
            } else {
                Given::Vector(s.y.clone())
            },
        ),
    ];
    let update = if scenario.freeze_biases {
        "every weight"
    } else {
        "every weight and bias"
    };
    let tasks = [
        "Forward pass: compute z and a of every neuron, then the loss J.".to_string(),
        "Backward pass: compute δ = ∂J/∂z of every neuron and the gradient of every weight and bias, each as a product of local derivatives.".to_string(),
        format!("Compute {update} after one SGD step (p ← p − η·∂J/∂p). Give every result to {digits} significant digits, rounding only at the end."),
    ];
    Question {
        network,
        convention,
        parameters,
        sample,
        tasks,
    }
}

fn given_text(g: &Given) -> String {
    let vector = |v: &[f64]| {
        let items: Vec<String> = v.iter().map(|x| number_text(*x, GIVEN_DIGITS)).collect();
        format!("[{}]", items.join(", "))
    };
    match g {
        Given::Number(x) => number_text(*x, GIVEN_DIGITS),
        Given::Vector(v) => vector(v),
        Given::Matrix(rows) => {
            let rows: Vec<String> = rows.iter().map(|r| vector(r)).collect();
            format!("[{}]", rows.join(", "))
        }
    }
}

fn given_latex(g: &Given) -> String {
    let num = |x: f64| Math::num(x).to_latex(GIVEN_DIGITS);
    match g {
        Given::Number(x) => num(*x),
        Given::Vector(v) => {
            let items: Vec<String> = v.iter().map(|x| num(*x)).collect();
            format!("\\begin{{bmatrix}} {} \\end{{bmatrix}}", items.join(" & "))
        }
        Given::Matrix(rows) => {
            let rows: Vec<String> = rows
                .iter()
                .map(|r| r.iter().map(|x| num(*x)).collect::<Vec<_>>().join(" & "))
                .collect();
            format!(
                "\\begin{{bmatrix}} {} \\end{{bmatrix}}",
                rows.join(" \\\\ ")
            )
        }
    }
}

/// The question as Markdown under a `##` heading.
pub fn question_markdown(scenario: &Scenario, heading: &str, digits: usize) -> String {
    let q = question(scenario, digits);
    let mut out = format!("## {}\n\n", markdown_text(heading));
    if !scenario.title.is_empty() {
        out.push_str(&format!("*{}*\n\n", markdown_text(&scenario.title)));
    }
    out.push_str(&format!("{}\n\n{}\n\n", q.network, q.convention));
    let list = |items: &[(String, Given)]| {
        items
            .iter()
            .map(|(name, g)| format!("{name} = {}", given_text(g)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    out.push_str(&format!("Initial parameters: {}.\n\n", list(&q.parameters)));
    out.push_str(&format!("One training sample: {}.\n\n", list(&q.sample)));
    for (letter, task) in ["a", "b", "c"].iter().zip(&q.tasks) {
        out.push_str(&format!("{letter}) {task}\n"));
    }
    out.push('\n');
    out
}

/// The question as LaTeX (a `\section*`, amsmath's `bmatrix` for the arrays).
pub fn question_latex(scenario: &Scenario, heading: &str, digits: usize) -> String {
    let q = question(scenario, digits);
    let mut out = format!("\\section*{{{}}}\n", latex_text(heading));
    if !scenario.title.is_empty() {
        out.push_str(&format!("\\emph{{{}}}\n\n", latex_text(&scenario.title)));
    }
    out.push_str(&format!(
        "{}\n\n{}\n\n",
        latex_text(&q.network),
        latex_text(&q.convention)
    ));
    let list = |items: &[(String, Given)]| {
        items
            .iter()
            .map(|(name, g)| {
                let name = match name.split_at(1) {
                    (base, "") => base.to_string(),
                    (base, sub) => format!("{base}_{{{sub}}}"),
                };
                format!("${name} = {}$", given_latex(g))
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    out.push_str(&format!("Initial parameters: {}.\n\n", list(&q.parameters)));
    out.push_str(&format!("One training sample: {}.\n\n", list(&q.sample)));
    out.push_str("\\begin{enumerate}\n");
    for (letter, task) in ["a", "b", "c"].iter().zip(&q.tasks) {
        out.push_str(&format!("\\item[({letter})] {}\n", latex_text(task)));
    }
    out.push_str("\\end{enumerate}\n");
    out
}
