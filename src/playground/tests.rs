//! The playground's own tests: training, restoring a saved state, points and CSV.

use super::*;
use crate::nn::data::DataKind;
use crate::nn::train::Feature;

#[test]
fn whole_epochs_read_as_a_count_and_part_of_one_with_decimals() {
    assert_eq!(epoch_text(0.0), "Epoch 0");
    assert_eq!(epoch_text(125.0), "Epoch 125");
    assert_eq!(epoch_text(125.04), "Epoch 125.04");
    assert_eq!(epoch_text(0.5), "Epoch 0.50");
}

#[test]
fn a_picked_point_is_a_valid_one_sample_scenario() {
    let mut s = Settings::default();
    s.set_problem(Problem::Classes);
    s.data = DataKind::Blobs;
    s.features = vec![Feature::X1, Feature::X2, Feature::X1X2];
    let p = Playground::new(s, None).unwrap();
    let pick = Pick {
        test: true,
        index: 3,
    };
    let (x1, x2, label) = p.point(pick).unwrap();
    let scenario = p.scenario_for(pick);
    assert_eq!(scenario.validate(), Ok(()));
    assert_eq!(scenario.layers, vec![3, 4, 2, 3]);
    assert_eq!(scenario.samples[0].x, vec![x1, x2, x1 * x2]);
    assert_eq!(scenario.samples[0].y.iter().sum::<f64>(), 1.0);
    assert_eq!(scenario.samples[0].y[label as usize], 1.0);
    assert_eq!(scenario.params(), p.params());

    // No hidden layer at all: a logistic regression, still a valid scenario with steps.
    let s = Settings {
        hidden: Vec::new(),
        activations: Vec::new(),
        regularization: Regularization::L2,
        regularization_rate: 0.01,
        ..Settings::default()
    };
    let p = Playground::new(s, None).unwrap();
    let scenario = p.scenario_for(p.pick);
    assert_eq!(scenario.validate(), Ok(()));
    assert_eq!(scenario.layers, vec![2, 1]);
    assert!(scenario
        .description
        .contains("L2 regularisation (λ = 0.01)"));
    let trace = scenario.step_trace();
    assert!(!crate::explain::explain(&scenario, &trace, 0).is_empty());
}

#[test]
fn saved_state_round_trips_through_json() {
    let mut p = Playground::new(Settings::default(), None).unwrap();
    p.step_epoch().unwrap();
    p.add_point(1.0, 2.0, 1.0).unwrap();
    p.pick = Pick {
        test: false,
        index: 5,
    };
    let saved = p.save();
    let text = crate::scenario::json_text(&saved, false);
    let back = Saved::from_json(&text).unwrap();
    assert_eq!(back, saved);
    let q = Playground::restore(back).unwrap();
    assert_eq!(q.params(), p.params());
    assert_eq!(q.train_set(), p.train_set());
    assert_eq!(q.pick, p.pick);
    assert_eq!(q.seen(), p.seen());
}

#[test]
fn restore_refuses_bad_parts_by_name() {
    let mut saved = Playground::new(Settings::default(), None).unwrap().save();
    saved.custom = Some(vec![[0.0, 0.0, 7.0]]);
    assert_eq!(
        Playground::restore(saved.clone()).unwrap_err().field,
        "custom[0]"
    );
    saved.custom = None;
    if let Some(p) = saved.params.as_mut() {
        p.weights[0][0][0] = f64::INFINITY;
    }
    assert_eq!(
        Playground::restore(saved.clone()).unwrap_err().field,
        "params"
    );
    if let Some(p) = saved.params.as_mut() {
        p.weights.pop();
    }
    assert_eq!(Playground::restore(saved).unwrap_err().field, "params");
}

#[test]
fn divergence_stops_and_keeps_the_last_finite_state() {
    let mut s = Settings::default();
    s.set_problem(Problem::Regression);
    s.activations = vec![Activation::Relu, Activation::Relu];
    s.learning_rate = 10.0;
    let mut p = Playground::new(s, None).unwrap();
    let mut stopped = None;
    for _ in 0..200 {
        if let Err(d) = p.step_epoch() {
            stopped = Some(d);
            break;
        }
    }
    let d = stopped.expect("η = 10 with ReLU diverges");
    assert_eq!(p.diverged(), Some(&d));
    assert!(p
        .params()
        .weights
        .iter()
        .flatten()
        .flatten()
        .all(|w| w.is_finite()));
    assert!(p.step_batch().is_err(), "stays stopped until reset");
    p.reset();
    assert!(p.step_batch().is_ok());
}

#[test]
fn changing_the_learning_rate_keeps_training_and_the_shape_restarts_it() {
    let mut p = Playground::new(Settings::default(), None).unwrap();
    p.step_epoch().unwrap();
    let trained = p.params();
    let mut s = p.settings().clone();
    s.learning_rate = 0.1;
    assert_eq!(p.change(s.clone()), Ok(false));
    assert_eq!(p.params(), trained);
    assert!(p.epoch() > 0.0);
    s.hidden = vec![3];
    s.activations = vec![Activation::Relu];
    assert_eq!(p.change(s.clone()), Ok(true));
    assert_eq!(p.settings().layer_sizes(), vec![2, 3, 1]);
    assert_eq!(p.epoch(), 0.0);
    s.hidden = vec![9];
    assert_eq!(p.change(s).unwrap_err().field, "hidden[0]");
    assert_eq!(p.settings().layer_sizes(), vec![2, 3, 1], "unchanged");
}

#[test]
fn nearest_finds_the_clicked_point() {
    let p = Playground::new(Settings::default(), None).unwrap();
    let (x1, x2, _) = p
        .point(Pick {
            test: true,
            index: 7,
        })
        .unwrap();
    let found = p.nearest(x1 + 0.01, x2, 0.2).unwrap();
    let (y1, y2, _) = p.point(found).unwrap();
    assert!((y1 - x1).hypot(y2 - x2) <= 0.011);
    assert_eq!(p.nearest(100.0, 100.0, 0.2), None);
}
