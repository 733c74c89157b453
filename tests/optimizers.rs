//! The optimisers against an independent implementation: `tests/reference/optimizers.py`
//! (plain Python, PyTorch's documented algorithms, its own forward and backward pass) wrote
//! each optimiser's 20-step trajectory on the exam and on a 2-4-3 softmax network. Every
//! parameter and every moment after every step agrees to 1e-12.

use backprop_viz::nn::optimizer_state::flatten;
use backprop_viz::nn::{Optimizer, OptimizerState};
use backprop_viz::scenario::Scenario;
use serde_json::Value;

fn reference() -> Value {
    let text = include_str!("reference/optimizers.json");
    serde_json::from_str(text).expect("the reference file is JSON")
}

fn numbers(v: &Value) -> Vec<f64> {
    v.as_array()
        .expect("a list of numbers")
        .iter()
        .map(|x| x.as_f64().expect("a number"))
        .collect()
}

fn close(found: &[f64], expected: &[f64], what: &str) {
    assert_eq!(found.len(), expected.len(), "{what}: length");
    for (k, (f, e)) in found.iter().zip(expected).enumerate() {
        assert!(
            (f - e).abs() <= 1e-12,
            "{what}[{k}]: found {f}, expected {e}"
        );
    }
}

#[test]
fn every_optimizer_follows_the_reference_trajectory_for_twenty_steps() {
    let reference = reference();
    let cases = reference["cases"].as_array().expect("cases");
    assert_eq!(cases.len(), 10, "five optimisers on two networks");
    for case in cases {
        let mut scenario = case["scenario"].clone();
        scenario["optimizer"] = case["optimizer"].clone();
        let mut scenario =
            Scenario::from_json(&scenario.to_string()).expect("the reference scenario is valid");
        let name = format!("{} on {}", scenario.optimizer.name(), scenario.title);
        for (t, expected) in case["steps"].as_array().expect("steps").iter().enumerate() {
            let trace = scenario.step_trace();
            scenario.apply_step(&trace);
            close(
                &flatten(&scenario.params()),
                &numbers(&expected["params"]),
                &format!("{name}, step {}: parameters", t + 1),
            );
            let state = scenario.optimizer_state.clone().unwrap_or_default();
            let fields = OptimizerState::fields(scenario.optimizer.kept());
            let found: Vec<&str> = state.moments().iter().map(|(f, _)| *f).collect();
            assert_eq!(found, fields, "{name}: the moments kept");
            for field in fields {
                let moment = state.moment(field).expect("kept");
                close(
                    &flatten(moment),
                    &numbers(&expected["state"][field]),
                    &format!("{name}, step {}: {field}", t + 1),
                );
            }
            if !scenario.optimizer.is_sgd() {
                assert_eq!(state.step, t as u64 + 1, "{name}: the step count");
            }
        }
    }
}

#[test]
fn a_scenario_without_optimizer_is_plain_sgd_and_writes_none() {
    let exam = Scenario::preset("exam").expect("exam");
    assert_eq!(exam.optimizer, Optimizer::Sgd);
    let mut stepped = exam.clone();
    stepped.apply_step(&exam.step_trace());
    assert_eq!(stepped.optimizer_state, None, "SGD keeps no state");
    assert!(!stepped.to_json().contains("optimizer"));
    let w6 = exam.weights[1][1][0] - exam.learning_rate * exam.step_trace().weight_grads[1][1][0];
    assert_eq!(stepped.weights[1][1][0], w6);
}

#[test]
fn hyper_parameters_default_to_pytorchs() {
    let with = |optimizer: &str| {
        let mut v: Value =
            serde_json::from_str(&Scenario::preset("exam").expect("exam").to_json()).expect("json");
        v["optimizer"] = serde_json::from_str(optimizer).expect("optimizer json");
        Scenario::from_json(&v.to_string())
    };
    let adam = with(r#"{"kind": "adam"}"#).expect("valid");
    assert_eq!(
        adam.optimizer,
        Optimizer::Adam {
            beta1: 0.9,
            beta2: 0.999,
            epsilon: 1e-8
        }
    );
    let rms = with(r#"{"kind": "rmsprop", "alpha": 0.9}"#).expect("valid");
    assert_eq!(
        rms.optimizer,
        Optimizer::Rmsprop {
            alpha: 0.9,
            epsilon: 1e-8
        }
    );
    let nesterov = with(r#"{"kind": "nesterov"}"#).expect("valid");
    assert_eq!(nesterov.optimizer, Optimizer::Nesterov { momentum: 0.9 });
    // And the file reads back as it was written.
    assert_eq!(Scenario::from_json(&adam.to_json()), Ok(adam));
}

#[test]
fn bad_optimizers_and_states_are_refused_by_field() {
    let exam = Scenario::preset("exam").expect("exam");
    let base: Value = serde_json::from_str(&exam.to_json()).expect("json");
    let refused = |edit: &dyn Fn(&mut Value)| {
        let mut v = base.clone();
        edit(&mut v);
        Scenario::from_json(&v.to_string()).expect_err("refused")
    };
    let e = refused(&|v| v["optimizer"] = serde_json::json!({"kind": "adagrad"}));
    assert_eq!(e.path, "optimizer.kind");
    assert!(e.message.contains("adagrad"), "{}", e.message);
    let e = refused(&|v| v["optimizer"] = serde_json::json!({"kind": "adam", "beta": 0.9}));
    assert!(e.message.contains("beta"), "{}", e.message);
    let e = refused(&|v| v["optimizer"] = serde_json::json!({"kind": "momentum", "momentum": 1.0}));
    assert_eq!(e.path, "optimizer.momentum");
    let e = refused(&|v| v["optimizer"] = serde_json::json!({"kind": "adam", "epsilon": -1}));
    assert_eq!(e.path, "optimizer.epsilon");
    let e = refused(&|v| {
        v["optimizer"] = serde_json::json!({"kind": "momentum"});
        v["optimizer_state"] =
            serde_json::json!({"step": 1, "second_moment": {"weights": [], "biases": []}});
    });
    assert_eq!(e.path, "optimizer_state.second_moment");
    assert!(
        e.message.contains("keeps no second moment"),
        "{}",
        e.message
    );
    let e = refused(&|v| {
        v["optimizer"] = serde_json::json!({"kind": "rmsprop"});
        v["optimizer_state"] = serde_json::json!({"step": 1, "second_moment": {
            "weights": [[[0, 0], [0, 0]], [[0], [-1]]], "biases": [[0, 0], [0]]}});
    });
    assert_eq!(e.path, "optimizer_state.second_moment.weights[1][1][0]");
    let e = refused(&|v| {
        v["optimizer"] = serde_json::json!({"kind": "rmsprop"});
        v["optimizer_state"] = serde_json::json!({"step": 1, "second_moment": {
            "weights": [[[0, 0], [0, 0]], [[0]]], "biases": [[0, 0], [0]]}});
    });
    assert_eq!(e.path, "optimizer_state.second_moment.weights[1]");
    assert_eq!(e.message, "has 1 entries but the layer sizes need 2");
    let e = refused(&|v| {
        v["optimizer"] = serde_json::json!({"kind": "rmsprop"});
        v["optimizer_state"] = serde_json::json!({"step": 1, "second_moment": {
            "weights": [[[0, 0], [0]], [[0], [0]]], "biases": [[0, 0], [0]]}});
    });
    assert_eq!(e.path, "optimizer_state.second_moment.weights[0][1]");
    let e = refused(&|v| {
        v["optimizer"] = serde_json::json!({"kind": "rmsprop"});
        v["optimizer_state"] = serde_json::json!({"step": 1, "second_moment": {
            "weights": [[[0, 0], [0, 0]], [[0], [0]]], "biases": [[0, -0.5], [0]]}});
    });
    assert_eq!(e.path, "optimizer_state.second_moment.biases[0][1]");
    assert_eq!(
        e.message,
        "-0.5 is negative; a second moment is a mean of squares"
    );
    let e = refused(&|v| {
        v["optimizer"] = serde_json::json!({"kind": "momentum"});
        v["optimizer_state"] = serde_json::json!({"step": 1, "velocity": {
            "weights": [[[0, 0], [0, 0]], [[0], [0]]], "biases": [[0, 0]]}});
    });
    assert_eq!(e.path, "optimizer_state.velocity.biases");
    let e = refused(&|v| v["optimizer_state"] = serde_json::json!({"step": -1}));
    assert_eq!(e.path, "optimizer_state.step");
}

#[test]
fn adams_first_step_moves_each_live_parameter_by_about_the_learning_rate() {
    let mut exam = Scenario::preset("exam").expect("exam");
    exam.optimizer = Optimizer::from_name("adam").expect("adam");
    let trace = exam.step_trace();
    for (before, after) in flatten(&trace.before).iter().zip(flatten(&trace.after)) {
        let moved = (after - before).abs();
        assert!(
            moved == 0.0 || (moved - exam.learning_rate).abs() < 1e-6,
            "moved {moved}"
        );
    }
}

#[test]
fn a_link_carries_the_state_and_a_diverged_moment() {
    use backprop_viz::share::{decode, encode, Link};
    let mut exam = Scenario::preset("exam").expect("exam");
    exam.optimizer = Optimizer::from_name("adam").expect("adam");
    for _ in 0..3 {
        let trace = exam.step_trace();
        exam.apply_step(&trace);
    }
    let link = Link {
        scenario: exam.clone(),
        ..Link::default()
    };
    assert_eq!(decode(&encode(&link)).map(|l| l.scenario), Ok(exam.clone()));
    // A gradient too large for its square overflows the second moment to ∞.
    let state = exam.optimizer_state.as_mut().expect("adam keeps a state");
    state.second_moment.as_mut().expect("second moment").weights[1][1][0] = f64::INFINITY;
    let link = Link {
        scenario: exam.clone(),
        ..Link::default()
    };
    let back = decode(&encode(&link)).expect("a diverged state still reads back");
    assert_eq!(back.scenario, exam);
}

#[test]
fn the_trainer_takes_the_same_optimiser_steps_as_the_reference() {
    use backprop_viz::nn::train::{Regularization, Trainer};
    let reference = reference();
    for case in reference["cases"].as_array().expect("cases") {
        let mut scenario = case["scenario"].clone();
        scenario["optimizer"] = case["optimizer"].clone();
        let scenario = Scenario::from_json(&scenario.to_string()).expect("valid");
        let xs: Vec<Vec<f64>> = scenario.samples.iter().map(|s| s.x.clone()).collect();
        let ts: Vec<Vec<f64>> = scenario.samples.iter().map(|s| s.y.clone()).collect();
        let mut trainer = Trainer::new(&scenario.network());
        for (t, expected) in case["steps"].as_array().expect("steps").iter().enumerate() {
            trainer
                .train_batch_with(
                    &xs,
                    &ts,
                    scenario.learning_rate,
                    Regularization::None,
                    0.0,
                    scenario.optimizer,
                )
                .expect("finite");
            close(
                &flatten(&trainer.params()),
                &numbers(&expected["params"]),
                &format!("trainer, {} step {}", scenario.optimizer.name(), t + 1),
            );
        }
    }
}
