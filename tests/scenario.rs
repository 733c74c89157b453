//! The scenario format: presets round-trip, every kind of bad scenario is refused with a message
//! naming the field, and no JSON value makes parsing panic.

use backprop_viz::scenario::Scenario;
use proptest::prelude::*;
use serde_json::{json, Value};

fn exam_value() -> Value {
    serde_json::from_str(&Scenario::preset("exam").expect("exam").to_json()).expect("valid JSON")
}

/// Applies `edit` to the exam scenario's JSON and returns the refusal.
fn refused(edit: impl FnOnce(&mut Value)) -> String {
    let mut v = exam_value();
    edit(&mut v);
    match Scenario::from_json(&v.to_string()) {
        Ok(_) => panic!("the edited scenario was accepted: {v}"),
        Err(e) => e.to_string(),
    }
}

fn assert_names(message: &str, needles: &[&str]) {
    for needle in needles {
        assert!(
            message.contains(needle),
            "message {message:?} should contain {needle:?}"
        );
    }
}

#[test]
fn every_preset_round_trips_and_is_valid() {
    for name in Scenario::PRESETS {
        let preset = Scenario::preset(name).expect("preset exists");
        preset.validate().unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(
            !preset.title.is_empty() && !preset.description.is_empty(),
            "{name} has a title and description"
        );
        let back = Scenario::from_json(&preset.to_json()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(back, preset, "{name}");
    }
    assert!(Scenario::preset("nope").is_none());
}

#[test]
fn the_issue_example_parses() {
    let text = r#"{ "version": 1, "title": "...", "layers": [2, 2, 1], "activations": ["relu", "sigmoid"], "loss": "bce",
      "learning_rate": 0.01, "weights": [[[0.5, -0.6], [-0.4, 0.8]], [[0.3], [-0.5]]], "biases": [[0.2, -0.2], [0.0]],
      "samples": [{ "x": [1.0, 2.0], "y": [0.0] }], "freeze_biases": false }"#;
    let s = Scenario::from_json(text).expect("the documented example is valid");
    assert_eq!(s.weights, Scenario::preset("exam").expect("exam").weights);
}

#[test]
fn unknown_field_is_refused_with_its_name() {
    let m = refused(|v| v["colour"] = json!("red"));
    assert_names(&m, &["colour"]);
    let m = refused(|v| v["samples"][0]["z"] = json!([1]));
    assert_names(&m, &["samples[0]", "z"]);
}

#[test]
fn wrong_version_is_refused() {
    assert_names(&refused(|v| v["version"] = json!(2)), &["version", "2"]);
    assert_names(&refused(|v| v["version"] = json!("1")), &["version"]);
    let m = refused(|v| {
        v.as_object_mut().expect("object").remove("version");
    });
    assert_names(&m, &["version", "missing"]);
}

#[test]
fn wrong_type_is_refused_with_its_path() {
    assert_names(
        &refused(|v| v["weights"][0][1][0] = json!("abc")),
        &["weights[0][1][0]", "abc"],
    );
    assert_names(
        &refused(|v| v["layers"][0] = json!(-2)),
        &["layers[0]", "-2"],
    );
    assert_names(
        &refused(|v| v["learning_rate"] = json!(null)),
        &["learning_rate"],
    );
}

#[test]
fn numbers_too_large_for_f64_are_refused() {
    let text = exam_value().to_string().replace("0.01", "1e400");
    let e = Scenario::from_json(&text).expect_err("1e400 is not a finite f64");
    assert_names(&e.to_string(), &["not valid JSON", "out of range"]);
}

#[test]
fn non_finite_numbers_are_refused_when_built_in_code() {
    let mut s = Scenario::preset("exam").expect("exam");
    s.weights[1][1][0] = f64::NAN;
    assert_names(
        &s.validate().expect_err("NaN").to_string(),
        &["weights[1][1][0]", "NaN", "finite"],
    );
    let mut s = Scenario::preset("exam").expect("exam");
    s.samples[0].x[1] = f64::INFINITY;
    assert_names(
        &s.validate().expect_err("inf").to_string(),
        &["samples[0].x[1]", "inf"],
    );
    let mut s = Scenario::preset("exam").expect("exam");
    s.learning_rate = f64::NEG_INFINITY;
    assert_names(
        &s.validate().expect_err("-inf").to_string(),
        &["learning_rate"],
    );
}

#[test]
fn negative_learning_rate_is_refused() {
    assert_names(
        &refused(|v| v["learning_rate"] = json!(-0.1)),
        &["learning_rate", "-0.1"],
    );
}

#[test]
fn sizes_that_disagree_are_refused() {
    assert_names(
        &refused(|v| v["weights"][0][1] = json!([0.1])),
        &["weights[0][1]", "1 entries", "need 2"],
    );
    assert_names(
        &refused(|v| v["weights"][1] = json!([[0.3]])),
        &["weights[1]", "need 2"],
    );
    assert_names(
        &refused(|v| v["biases"][0] = json!([0.1, 0.2, 0.3])),
        &["biases[0]", "3 entries"],
    );
    assert_names(
        &refused(|v| v["samples"][0]["x"] = json!([1.0])),
        &["samples[0].x"],
    );
    assert_names(
        &refused(|v| v["samples"][0]["y"] = json!([0.0, 1.0])),
        &["samples[0].y"],
    );
    assert_names(
        &refused(|v| v["activations"] = json!(["relu"])),
        &["activations", "need 2"],
    );
}

#[test]
fn unknown_activation_or_loss_is_refused() {
    assert_names(
        &refused(|v| v["activations"][0] = json!("swish")),
        &["activations[0]", "swish"],
    );
    assert_names(&refused(|v| v["loss"] = json!("hinge")), &["loss", "hinge"]);
}

#[test]
fn softmax_anywhere_but_the_output_is_refused() {
    let m = refused(|v| v["activations"] = json!(["softmax", "sigmoid"]));
    assert_names(&m, &["activations[0]", "softmax", "output"]);
}

#[test]
fn loss_that_does_not_fit_the_output_is_refused() {
    assert_names(
        &refused(|v| v["activations"][1] = json!("tanh")),
        &["loss", "bce", "sigmoid", "tanh"],
    );
    assert_names(
        &refused(|v| v["loss"] = json!("cross_entropy")),
        &["loss", "cross_entropy", "softmax"],
    );
}

#[test]
fn bce_targets_outside_0_1_are_refused() {
    assert_names(
        &refused(|v| v["samples"][0]["y"][0] = json!(1.5)),
        &["samples[0].y[0]", "1.5", "[0, 1]"],
    );
}

#[test]
fn cross_entropy_targets_must_sum_to_one() {
    let mut v: Value =
        serde_json::from_str(&Scenario::preset("softmax").expect("softmax").to_json())
            .expect("json");
    v["samples"][0]["y"] = json!([0.5, 0.2]);
    let e = Scenario::from_json(&v.to_string()).expect_err("sum 0.7");
    assert_names(&e.to_string(), &["samples[0].y", "0.7"]);
}

#[test]
fn layer_limits_are_enforced() {
    assert_names(
        &refused(|v| v["layers"] = json!([2])),
        &["layers", "at least"],
    );
    assert_names(
        &refused(|v| v["layers"] = json!([2, 0, 1])),
        &["layers[1]", "0 neurons"],
    );
    assert_names(
        &refused(|v| v["layers"] = json!([2, 65, 1])),
        &["layers[1]", "65"],
    );
    assert_names(
        &refused(|v| v["layers"] = json!(vec![1; 12])),
        &["layers", "12 layers"],
    );
}

#[test]
fn empty_sample_list_is_refused() {
    assert_names(
        &refused(|v| v["samples"] = json!([])),
        &["samples", "empty"],
    );
}

#[test]
fn text_that_is_not_json_is_refused() {
    for text in ["", "{", "not json", "[1, 2", "{\"version\": 1,}"] {
        let e = Scenario::from_json(text).expect_err("not JSON");
        assert_names(&e.to_string(), &["not valid JSON"]);
    }
    let e = Scenario::from_json("[1, 2]").expect_err("not an object");
    assert_names(&e.to_string(), &["object", "array"]);
}

#[test]
fn deeply_nested_json_is_refused_without_overflowing_the_stack() {
    let text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let e = Scenario::from_json(&text).expect_err("too deep");
    assert_names(&e.to_string(), &["not valid JSON"]);
}

#[test]
fn enormous_text_and_titles_are_refused() {
    let text = " ".repeat(3_000_000);
    assert_names(
        &Scenario::from_json(&text).expect_err("huge").to_string(),
        &["bytes", "limit"],
    );
    assert_names(
        &refused(|v| v["title"] = json!("x".repeat(500))),
        &["title", "500 characters"],
    );
}

/// Arbitrary JSON values, nested a few levels.
fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        (-1e6f64..1e6).prop_map(|x| json!(x)),
        "[a-z_]{0,8}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    Just("version".to_string()),
                    Just("layers".to_string()),
                    Just("weights".to_string()),
                    Just("samples".to_string()),
                    "[a-z_]{1,8}"
                ],
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_json_never_panics(v in arb_json()) {
        let _ = Scenario::from_json(&v.to_string());
    }

    #[test]
    fn exam_with_one_field_replaced_never_panics(field in 0usize..11, v in arb_json()) {
        let mut exam = exam_value();
        let keys: Vec<String> = exam.as_object().expect("object").keys().cloned().collect();
        let key = &keys[field % keys.len()];
        exam[key] = v;
        let _ = Scenario::from_json(&exam.to_string());
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        let _ = Scenario::from_json(&text);
    }
}

#[test]
fn a_quiz_set_in_the_scenario_is_read_checked_and_written_back() {
    use backprop_viz::explain::Phase;
    let mut v = exam_value();
    v["quiz"] = json!({"ask": ["backward", "loss"], "tolerance": 3});
    let s = Scenario::from_json(&v.to_string()).expect("a valid quiz");
    let quiz = s.quiz.clone().expect("the quiz is kept");
    assert_eq!(
        quiz.phases(),
        vec![Phase::Loss, Phase::Backward],
        "timeline order"
    );
    assert_eq!(quiz.tolerance, Some(3));
    assert_eq!(Scenario::from_json(&s.to_json()), Ok(s.clone()));
    // `{}` asks everything, to the digits shown; no quiz writes no field.
    v["quiz"] = json!({});
    let all = Scenario::from_json(&v.to_string()).expect("an empty quiz");
    assert_eq!(
        all.quiz.clone().map(|q| q.phases()),
        Some(Phase::ALL.to_vec())
    );
    assert!(!Scenario::preset("exam")
        .expect("exam")
        .to_json()
        .contains("quiz"));
    // Bad parts are named.
    assert_names(
        &refused(|v| v["quiz"] = json!({"ask": ["loss", "sideways"]})),
        &["quiz.ask[1]", "sideways", "forward, loss, backward, update"],
    );
    assert_names(
        &refused(|v| v["quiz"] = json!({"tolerance": 12})),
        &["quiz.tolerance", "12", "2 to 8"],
    );
    assert_names(
        &refused(|v| v["quiz"] = json!({"ask": ["loss"], "hints": true})),
        &["quiz", "hints"],
    );
    assert_names(&refused(|v| v["quiz"] = json!("yes")), &["quiz"]);
}

#[test]
fn a_hand_written_scenario_without_a_title_is_titled_by_its_shape() {
    let text = r#"{ "version": 1, "layers": [2, 2, 1], "activations": ["relu", "sigmoid"], "loss": "bce",
        "learning_rate": 0.01, "weights": [[[0.5, -0.6], [-0.4, 0.8]], [[0.3], [-0.5]]],
        "biases": [[0.2, -0.2], [0.0]], "samples": [{"x": [1.0, 2.0], "y": [0.0]}] }"#;
    let scenario = Scenario::from_json(text).expect("a minimal scenario loads");
    assert_eq!(scenario.title, "A 2-2-1 network");
    let blank = text.replacen("\"version\": 1,", "\"version\": 1, \"title\": \"  \",", 1);
    assert_eq!(
        Scenario::from_json(&blank).expect("loads").title,
        "A 2-2-1 network"
    );
    let wrong = text.replacen("\"version\": 1,", "\"version\": 1, \"title\": 3,", 1);
    assert_eq!(
        Scenario::from_json(&wrong)
            .expect_err("a number is no title")
            .path,
        "title"
    );
}

/// The scenarios an edit starts from: every preset, and the exam under each optimiser with the
/// state its first step leaves (so that the state's own checks would have a say).
fn edit_bases() -> Vec<Scenario> {
    use backprop_viz::nn::Optimizer;
    let mut bases: Vec<Scenario> = Scenario::PRESETS
        .iter()
        .map(|name| Scenario::preset(name).expect("preset"))
        .collect();
    for optimizer in [
        Optimizer::Momentum { momentum: 0.9 },
        Optimizer::Nesterov { momentum: 0.9 },
        Optimizer::Rmsprop {
            alpha: 0.99,
            epsilon: 1e-8,
        },
        Optimizer::Adam {
            beta1: 0.9,
            beta2: 0.999,
            epsilon: 1e-8,
        },
    ] {
        let mut s = Scenario::preset("exam").expect("exam");
        s.optimizer = optimizer;
        let trace = s.step_trace();
        s.apply_step(&trace);
        bases.push(s);
    }
    bases
}

/// What editing one number must give: the scenario with that number replaced, checked whole.
fn edited_and_validated(
    base: &Scenario,
    field: backprop_viz::edit::Field,
    value: f64,
) -> Result<Scenario, String> {
    use backprop_viz::edit::Field;
    let mut next = base.clone();
    let slot = match field {
        Field::Weight { layer, from, to } => &mut next.weights[layer][from][to],
        Field::Bias { layer, index } => &mut next.biases[layer][index],
        Field::Input { sample, index } => &mut next.samples[sample].x[index],
        Field::Target { sample, index } => &mut next.samples[sample].y[index],
        Field::LearningRate => &mut next.learning_rate,
        Field::Hyper(name) => next
            .optimizer
            .hyper_mut(name)
            .expect("the optimiser's field"),
    };
    *slot = value;
    next.validate().map(|()| next).map_err(|e| e.to_string())
}

fn edit_value() -> impl Strategy<Value = f64> {
    prop_oneof![
        -5.0..5.0f64,
        0.0..1.0f64,
        Just(0.0),
        Just(1.0),
        Just(-1e-9),
        Just(1.0 + 1e-12),
        Just(0.5),
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(f64::MAX),
        Just(-f64::MAX),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    /// An edit checks only the number it changes, but what it accepts and refuses, and the
    /// message it refuses with, are those of the whole scenario's checks.
    #[test]
    fn an_edit_is_refused_exactly_when_the_whole_check_refuses_it(
        pick in 0usize..10_000, which in 0usize..10_000, value in edit_value()
    ) {
        let bases = edit_bases();
        let base = &bases[pick % bases.len()];
        let fields = backprop_viz::edit::Field::all(base, which % base.samples.len());
        let field = fields[which % fields.len()];
        let got = field.set(base, value).map_err(|e| e.to_string());
        prop_assert_eq!(got, edited_and_validated(base, field, value), "{:?} = {}", field, value);
    }
}

#[test]
fn a_network_whose_numbers_overflowed_can_be_mended_one_number_at_a_time() {
    use backprop_viz::edit::Field;
    let mut broken = Scenario::preset("exam").expect("exam");
    broken.weights[1][0][0] = f64::INFINITY;
    broken.biases[0][1] = f64::NAN;
    assert!(broken.validate().is_err());
    // Another number takes an edit; the overflowed ones stay as they are.
    let w1 = Field::Weight {
        layer: 0,
        from: 0,
        to: 0,
    };
    let edited = w1.set(&broken, 0.7).expect("a finite weight is taken");
    assert_eq!(edited.weights[0][0][0], 0.7);
    assert!(edited.weights[1][0][0].is_infinite());
    // Typing a finite value over each overflowed one gives a whole network again.
    let fixed = Field::Weight {
        layer: 1,
        from: 0,
        to: 0,
    }
    .set(&edited, 0.2)
    .and_then(|s| Field::Bias { layer: 0, index: 1 }.set(&s, 0.0))
    .expect("finite values are taken");
    assert_eq!(fixed.validate(), Ok(()));
    // And a non-finite one is still refused, by its own name.
    let refused = w1.set(&broken, f64::NAN).expect_err("NaN is refused");
    assert_eq!(
        refused.to_string(),
        "weights[0][0][0]: NaN is not a finite number"
    );
}
