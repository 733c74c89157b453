//! Exam variants: valid, distinct, good questions whose answer keys are the trace's numbers,
//! each reproduced from its seed and reopened by its link.

use backprop_viz::explain::{explain, StepKind};
use backprop_viz::nn::Activation;
use backprop_viz::scenario::Scenario;
use backprop_viz::share::{decode, encode, Link};
use backprop_viz::variants::{answers, flaw, variant, variants, DeadRelu, Rules};

fn exam() -> Scenario {
    Scenario::preset("exam").expect("the exam preset")
}

fn rules(dead_relu: DeadRelu) -> Rules {
    Rules {
        dead_relu,
        ..Rules::for_template(&exam())
    }
}

fn is_one_decimal(x: f64) -> bool {
    ((x * 10.0).round() / 10.0 - x).abs() < 1e-12
}

#[test]
fn two_hundred_seeds_give_distinct_good_questions() {
    let template = exam();
    let r = rules(DeadRelu::Any);
    let list = variants(&template, &r, 1, 200).expect("200 variants");
    assert_eq!(list.len(), 200);
    for (i, v) in list.iter().enumerate() {
        let s = &v.scenario;
        s.validate().expect("a valid scenario");
        assert_eq!(s.layers, template.layers);
        assert_eq!(s.activations, template.activations);
        assert_eq!(s.loss, template.loss);
        assert_eq!(s.learning_rate, template.learning_rate);
        for w in s.weights.iter().flatten().flatten() {
            assert!(
                is_one_decimal(*w) && *w != 0.0 && w.abs() <= r.parameter_range,
                "{w}"
            );
        }
        for b in s.biases.iter().flatten() {
            assert!(is_one_decimal(*b) && b.abs() <= r.parameter_range, "{b}");
        }
        for x in &s.samples[0].x {
            assert!(
                (x * 2.0).fract() == 0.0 && *x != 0.0 && x.abs() <= r.input_range,
                "{x}"
            );
        }
        assert!(matches!(s.samples[0].y.as_slice(), [y] if *y == 0.0 || *y == 1.0));
        assert_eq!(flaw(s, &r), None, "variant {i} is a good question");
        assert!(
            list[..i].iter().all(|o| o.scenario != v.scenario),
            "variant {i} repeats an earlier one"
        );
        // Reproduced from its seed alone.
        assert_eq!(&variant(&template, &r, v.seed).expect("again"), s);
    }
}

#[test]
fn a_variants_answers_are_its_traces_numbers() {
    let list = variants(&exam(), &rules(DeadRelu::Any), 40, 20).expect("variants");
    for v in &list {
        let s = &v.scenario;
        let trace = s.step_trace();
        let key = answers(s);
        let steps = explain(s, &trace, 0);
        assert_eq!(key.len(), steps.len());
        let get = |name: &str| {
            key.iter()
                .find(|(k, _)| k == name)
                .map(|(_, x)| *x)
                .unwrap_or_else(|| panic!("no answer {name}: {key:?}"))
        };
        let t = &trace.samples[0];
        assert_eq!(get("z1"), t.z[1][0]);
        assert_eq!(get("a3"), t.a[2][0]);
        assert_eq!(get("J"), trace.loss);
        assert_eq!(get("δ2"), t.delta[1][1]);
        assert_eq!(get("∂J/∂w6"), trace.weight_grads[1][1][0]);
        assert_eq!(get("∂J/∂b1[2]"), trace.bias_grads[0][1]);
        assert_eq!(get("w3'"), trace.after.weights[0][0][1]);
        assert_eq!(get("b2'"), trace.after.biases[1][0]);
        let updates = steps
            .iter()
            .filter(|st| matches!(st.kind, StepKind::WeightUpdate | StepKind::BiasUpdate))
            .count();
        assert_eq!(
            key.iter().filter(|(k, _)| k.ends_with('\'')).count(),
            updates
        );
    }
}

#[test]
fn a_variants_link_opens_the_same_numbers() {
    for v in variants(&exam(), &rules(DeadRelu::Any), 900, 10).expect("variants") {
        let link = Link {
            scenario: v.scenario.clone(),
            quiz: true,
            ..Link::default()
        };
        let opened = decode(&encode(&link)).expect("the link reads back");
        assert_eq!(opened.scenario, v.scenario);
        assert!(opened.quiz);
        assert_eq!(opened.scenario.step_trace(), v.scenario.step_trace());
    }
}

/// Whether a variant has a ReLU neuron with z < 0.
fn has_dead_relu(s: &Scenario) -> bool {
    let t = s.step_trace();
    s.activations
        .iter()
        .enumerate()
        .any(|(l, a)| *a == Activation::Relu && t.samples[0].z[l + 1].iter().any(|z| *z < 0.0))
}

#[test]
fn the_dead_relu_rule_holds_for_every_variant() {
    for v in variants(&exam(), &rules(DeadRelu::AtLeastOne), 1, 100).expect("variants") {
        assert!(has_dead_relu(&v.scenario), "seed {}", v.seed);
    }
    for v in variants(&exam(), &rules(DeadRelu::None), 1, 100).expect("variants") {
        assert!(!has_dead_relu(&v.scenario), "seed {}", v.seed);
    }
    // Seeds differ between the rules only where the rule rejects a draw.
    let any = variants(&exam(), &rules(DeadRelu::Any), 1, 100).expect("variants");
    assert!(any.iter().any(|v| has_dead_relu(&v.scenario)));
    assert!(any.iter().any(|v| !has_dead_relu(&v.scenario)));
}

#[test]
fn bad_templates_and_ranges_are_refused_by_name() {
    let xor = Scenario::preset("xor").expect("xor");
    let e = variant(&xor, &Rules::for_template(&xor), 1).expect_err("four samples");
    assert!(e.contains("one sample"), "{e}");
    let mut tanh = exam();
    tanh.activations[0] = Activation::Tanh;
    let e = variant(&tanh, &rules(DeadRelu::AtLeastOne), 1).expect_err("no ReLU");
    assert!(e.contains("--dead-relu"), "{e}");
    let mut r = rules(DeadRelu::Any);
    r.parameter_range = 50.0;
    assert!(variant(&exam(), &r, 1)
        .expect_err("range")
        .contains("--weight-range"));
    assert!(variants(&exam(), &rules(DeadRelu::Any), 1, 0)
        .expect_err("none")
        .contains("--variants"));
}

#[test]
fn a_template_of_another_shape_keeps_its_shape() {
    let mut t = exam();
    t.layers = vec![3, 2, 2, 1];
    t.activations = vec![Activation::Relu, Activation::Tanh, Activation::Sigmoid];
    t.weights = vec![
        vec![vec![0.1; 2]; 3],
        vec![vec![0.2; 2]; 2],
        vec![vec![0.3]; 2],
    ];
    t.biases = vec![vec![0.0; 2], vec![0.0; 2], vec![0.0]];
    t.samples[0].x = vec![1.0, 0.5, -1.0];
    t.validate().expect("a valid template");
    let v = variant(&t, &Rules::for_template(&t), 3).expect("a variant");
    assert_eq!(v.layers, t.layers);
    assert_eq!(answers(&v).len(), explain(&v, &v.step_trace(), 0).len());
}

#[test]
fn a_variant_of_an_adam_question_asks_adams_first_step() {
    let mut template = exam();
    template.optimizer = backprop_viz::nn::Optimizer::from_name("adam").expect("adam");
    template.apply_step(&template.step_trace());
    assert!(template.optimizer_state.is_some());
    let v = variant(&template, &Rules::for_template(&template), 7).expect("a variant");
    assert_eq!(v.optimizer, template.optimizer, "the same optimiser");
    assert_eq!(
        v.optimizer_state, None,
        "from a fresh state: its own first step"
    );
    let names: Vec<String> = answers(&v).into_iter().map(|(name, _)| name).collect();
    assert!(names.iter().any(|n| n.starts_with("m̂_w")), "{names:?}");
}
