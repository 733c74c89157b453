//! The exam of spec/seed-example.md: every value, to 1e-12, through the library.

use backprop_viz::explain::{explain, StepKind};
use backprop_viz::nn::StepTrace;
use backprop_viz::scenario::Scenario;

const TOL: f64 = 1e-12;

fn close(found: f64, expected: f64, what: &str) {
    assert!(
        (found - expected).abs() <= TOL * expected.abs().max(1.0),
        "{what}: found {found}, expected {expected}"
    );
}

fn exam_step() -> (Scenario, StepTrace) {
    let scenario = Scenario::preset("exam").expect("exam preset");
    let step = scenario.step_trace();
    (scenario, step)
}

#[test]
fn exam_forward_pass_matches_model_answer() {
    let (_, step) = exam_step();
    let t = &step.samples[0];
    close(t.z[1][0], -0.1, "z1");
    close(t.a[1][0], 0.0, "a1");
    close(t.z[1][1], 0.8, "z2");
    close(t.a[1][1], 0.8, "a2");
    close(t.z[2][0], -0.4, "z3");
    close(t.a[2][0], 0.401312339887548, "a3");
}

#[test]
fn exam_loss_uses_the_natural_log() {
    let (_, step) = exam_step();
    close(step.samples[0].loss, 0.5130152523999526, "J");
    close(step.loss, 0.5130152523999526, "mean J");
}

#[test]
fn exam_backward_pass_matches_spec() {
    let (_, step) = exam_step();
    let t = &step.samples[0];
    close(t.grad_a[2][0], 1.6703200460356393, "dJ/da3");
    close(t.delta[2][0], 0.401312339887548, "delta3");
    close(t.weight_grads[1][0][0], 0.0, "dJ/dw5");
    close(t.weight_grads[1][1][0], 0.3210498719100384, "dJ/dw6");
    close(t.bias_grads[1][0], 0.401312339887548, "dJ/db2");
    close(t.delta[1][0], 0.0, "delta1");
    close(t.delta[1][1], -0.200656169943774, "delta2");
    close(t.weight_grads[0][0][0], 0.0, "dJ/dw1");
    close(t.weight_grads[0][1][0], 0.0, "dJ/dw2");
    close(t.weight_grads[0][0][1], -0.200656169943774, "dJ/dw3");
    close(t.weight_grads[0][1][1], -0.401312339887548, "dJ/dw4");
    close(t.bias_grads[0][0], 0.0, "dJ/db1[1]");
    close(t.bias_grads[0][1], -0.200656169943774, "dJ/db1[2]");
}

#[test]
fn exam_sgd_step_matches_spec_including_the_biases() {
    let (_, step) = exam_step();
    let w = &step.after.weights;
    let b = &step.after.biases;
    close(w[0][0][0], 0.5, "W1[0][0]");
    close(w[0][0][1], -0.5979934383005623, "W1[0][1]");
    close(w[0][1][0], -0.4, "W1[1][0]");
    close(w[0][1][1], 0.8040131233988755, "W1[1][1]");
    close(b[0][0], 0.2, "b1[0]");
    close(b[0][1], -0.19799343830056226, "b1[1]");
    close(w[1][0][0], 0.3, "W2[0]");
    close(w[1][1][0], -0.5032104987191004, "W2[1]");
    close(b[1][0], -0.00401312339887548, "b2");
    // The old parameters are kept for the page and for undo.
    assert_eq!(step.before.weights[1][1][0], -0.5);
}

#[test]
fn exam_loss_after_the_step_matches_spec() {
    let (scenario, step) = exam_step();
    close(step.loss_after, 0.50796189734842, "J after");
    let mut net = scenario.network();
    net.params = step.after.clone();
    let (_, a) = net.forward(&scenario.samples[0].x);
    close(a[2][0], 0.39827930152055513, "y-hat after");
}

#[test]
fn exam_explanation_follows_the_model_answers_order() {
    let (scenario, step) = exam_step();
    let steps = explain(&scenario, &step, 0);
    let symbols: Vec<String> = steps
        .iter()
        .filter(|s| s.kind != StepKind::Delta)
        .map(|s| s.symbol.to_text(4))
        .collect();
    let expected = [
        "z1",
        "a1",
        "z2",
        "a2",
        "z3",
        "a3",
        "J",
        "∂J/∂w5",
        "∂J/∂w6",
        "∂J/∂w1",
        "∂J/∂w2",
        "∂J/∂w3",
        "∂J/∂w4",
        "∂J/∂b2",
        "∂J/∂b1[1]",
        "∂J/∂b1[2]",
        "w1",
        "w2",
        "w3",
        "w4",
        "w5",
        "w6",
        "b1[1]",
        "b1[2]",
        "b2",
    ];
    assert_eq!(symbols, expected);
    // Each step carries the trace's exact value.
    let j = steps
        .iter()
        .find(|s| s.kind == StepKind::Loss)
        .expect("a loss step");
    close(j.value, 0.5130152523999526, "J step");
}

#[test]
fn exam_w6_chain_rule_has_the_model_answers_three_factors() {
    let (scenario, step) = exam_step();
    let steps = explain(&scenario, &step, 0);
    let w6 = steps
        .iter()
        .find(|s| s.symbol.to_text(4) == "∂J/∂w6")
        .expect("a step for dJ/dw6");
    let names: Vec<String> = w6.factors.iter().map(|f| f.symbol.to_text(4)).collect();
    assert_eq!(names, ["∂J/∂a3", "∂a3/∂z3", "∂z3/∂w6"]);
    close(w6.factors[0].value, 1.6703200460356393, "dJ/da3");
    close(w6.factors[1].value, 0.24026074574152914, "da3/dz3");
    close(w6.factors[2].value, 0.8, "dz3/dw6 = a2");
    let product: f64 = w6.factors.iter().map(|f| f.value).product();
    close(product, w6.value, "product of factors");
    assert_eq!(w6.factors[0].formula.to_text(4), "(a3 − y)/(a3·(1 − a3))");
}

#[test]
fn exam_w3_chain_rule_has_five_factors() {
    let (scenario, step) = exam_step();
    let steps = explain(&scenario, &step, 0);
    let w3 = steps
        .iter()
        .find(|s| s.symbol.to_text(4) == "∂J/∂w3")
        .expect("a step for dJ/dw3");
    let names: Vec<String> = w3.factors.iter().map(|f| f.symbol.to_text(4)).collect();
    assert_eq!(
        names,
        ["∂J/∂a3", "∂a3/∂z3", "∂z3/∂a2", "∂a2/∂z2", "∂z2/∂w3"]
    );
    let values: Vec<f64> = w3.factors.iter().map(|f| f.value).collect();
    close(values[2], -0.5, "w6");
    close(values[3], 1.0, "ReLU'(z2)");
    close(values[4], 1.0, "x1");
    close(w3.value, -0.200656169943774, "dJ/dw3");
}

#[test]
fn exam_formulas_read_the_weights_column_wise() {
    let (scenario, step) = exam_step();
    let steps = explain(&scenario, &step, 0);
    assert_eq!(
        backprop_viz::explain::step_line(&steps[0], 4),
        "z1 = x1·w1 + x2·w2 + b1[1] = 1·0.5 + 2·(−0.4) + 0.2 = −0.1"
    );
    assert_eq!(
        backprop_viz::explain::step_line(&steps[2], 4),
        "z2 = x1·w3 + x2·w4 + b1[2] = 1·(−0.6) + 2·0.8 − 0.2 = 0.8"
    );
}

#[test]
fn exam_dead_relu_is_explained() {
    let (scenario, step) = exam_step();
    let steps = explain(&scenario, &step, 0);
    let w1 = steps
        .iter()
        .find(|s| s.symbol.to_text(4) == "∂J/∂w1")
        .expect("a step for dJ/dw1");
    assert!(
        w1.notes
            .iter()
            .any(|n| n.contains("h1 is inactive") && n.contains("ReLU′(z1) = 0")),
        "notes: {:?}",
        w1.notes
    );
}

#[test]
fn exam_loss_note_gives_the_log10_value() {
    let (scenario, step) = exam_step();
    let steps = explain(&scenario, &step, 0);
    let j = steps
        .iter()
        .find(|s| s.kind == StepKind::Loss)
        .expect("a loss step");
    assert!(
        j.notes.iter().any(|n| n.contains("0.2228")),
        "notes: {:?}",
        j.notes
    );
}

#[test]
fn exam_steps_read_aloud_as_sentences() {
    let (scenario, step) = exam_step();
    let steps = explain(&scenario, &step, 0);
    let sentence = backprop_viz::explain::step_sentence(&steps[2], 4);
    assert_eq!(
        sentence,
        "z2 equals 1 times −0.6 plus 2 times 0.8 minus 0.2, which is 0.8"
    );
    let w6 = steps
        .iter()
        .find(|s| s.kind == StepKind::WeightUpdate && s.symbol.to_text(4) == "w6")
        .expect("w6 update");
    assert_eq!(
        backprop_viz::explain::step_sentence(w6, 4),
        "w6 becomes minus 0.5 minus 0.01 times 0.3210, which is about −0.5032"
    );
}

/// The text of MathML without its tags (what a reader sees, in order).
fn mathml_text(m: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in m.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[test]
fn long_chains_of_equalities_are_set_on_rows_and_short_ones_on_one() {
    use backprop_viz::explain::{factor_mathml, step_mathml};
    let (scenario, step) = exam_step();
    let steps = explain(&scenario, &step, 0);
    let find = |name: &str| {
        steps
            .iter()
            .find(|s| s.symbol.to_text(4) == name && !s.assigns)
            .unwrap_or_else(|| panic!("a step for {name}"))
    };
    // The panel beside the network cut these off when they were one row (seen on a screenshot):
    // ∂J/∂w3's product of five factors and its second factor with numbers.
    let w3 = find("∂J/∂w3");
    let product = step_mathml(w3, 4);
    assert!(product.contains("<mtable"), "{product}");
    assert_eq!(
        product.matches("<mtr>").count(),
        3,
        "formula, numbers, value"
    );
    let second = factor_mathml(&w3.factors[1], 4);
    assert!(second.contains("<mtable"), "{second}");
    // Short ones stay on one row: ∂z2/∂w3 = x1 = 1, z1 = … (a single relation never splits).
    let fifth = factor_mathml(&w3.factors[4], 4);
    assert!(!fifth.contains("<mtable"), "{fifth}");
    assert_eq!(mathml_text(&fifth), "∂z2∂w3=x1=1");
    // The page passes its panel's measured width: wide enough, nothing is split; narrow (a
    // phone), more chains are.
    use backprop_viz::explain::render::step_mathml_within;
    let rows = |limit: f64| {
        steps
            .iter()
            .filter(|s| step_mathml_within(s, 4, limit).contains("<mtable"))
            .count()
    };
    assert_eq!(rows(200.0), 0);
    assert!(rows(12.0) > rows(19.0), "{} vs {}", rows(12.0), rows(19.0));
    assert!(rows(19.0) > 0);
    // Set on rows or not, the formula reads the same, in the same order, as its plain line.
    for s in &steps {
        let plain: String = backprop_viz::explain::step_line(s, 4)
            .chars()
            .filter(|c| !c.is_whitespace() && !"()/[],".contains(*c))
            .collect();
        let math: String = mathml_text(&step_mathml(s, 4))
            .chars()
            .filter(|c| !"()/[],".contains(*c))
            .collect();
        assert_eq!(math, plain, "{}", s.symbol.to_text(4));
    }
}

/// A sigmoid output that rounds to 0: ∂J/∂a3 is −∞ and a3·(1 − a3) is 0, but δ3 = a3 − y is
/// finite. What the explanation writes must be true arithmetic (no "∞·0 = −1").
#[test]
fn an_output_that_rounds_to_zero_is_explained_in_its_cancelled_form() {
    use backprop_viz::explain::{explain, StepKind};
    let text = r#"{ "version": 1, "layers": [2, 2, 1], "activations": ["relu", "sigmoid"], "loss": "bce",
        "learning_rate": 0.01, "weights": [[[0.5, -0.6], [-0.4, 0.8]], [[0.3], [-1e300]]],
        "biases": [[0.2, -0.2], [0.0]], "samples": [{"x": [1.0, 2.0], "y": [1.0]}] }"#;
    let scenario = Scenario::from_json(text).expect("valid");
    let trace = scenario.step_trace();
    let steps = explain(&scenario, &trace, 0);
    let line = |kind: StepKind, symbol: &str| {
        let step = steps
            .iter()
            .find(|s| s.kind == kind && s.symbol.to_text(4) == symbol)
            .expect("the step exists");
        (
            backprop_viz::explain::step_line(step, 4),
            step.notes.join(" "),
        )
    };
    let (delta, note) = line(StepKind::Delta, "δ3");
    assert_eq!(delta, "δ3 = a3 − y = 0 − 1 = −1");
    assert!(note.contains("∂J/∂a3 = −∞ here"), "{note}");
    let (w6, _) = line(StepKind::WeightGrad, "∂J/∂w6");
    assert_eq!(w6, "∂J/∂w6 = δ3·a2 = (−1)·0.8 = −0.8");
    for step in &steps {
        let written = backprop_viz::explain::step_line(step, 4);
        assert!(
            !written.contains("∞)·0") && !written.contains("(−∞)·"),
            "{written}"
        );
    }
    let (loss, note) = line(StepKind::Loss, "J");
    assert!(loss.ends_with("= 8×10²⁹⁹"), "{loss}");
    assert!(note.contains("rounds to exactly 0"), "{note}");
    assert!(
        !note.contains("base-10"),
        "no base-10 comparison with an infinite value: {note}"
    );
}
