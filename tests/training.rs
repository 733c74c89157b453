//! The playground's engine: it computes what the explained trace computes, learns XOR, stops on
//! divergence, and reads CSV without ever panicking.

use backprop_viz::nn::csv;
use backprop_viz::nn::data::{generate, DataKind};
use backprop_viz::nn::rng::Rng;
use backprop_viz::nn::train::{init_params, Feature, Init, Regularization, Trainer};
use backprop_viz::nn::{Activation, Loss, Network, Sample, StepTrace};
use proptest::prelude::*;

fn network(
    sizes: &[usize],
    hidden: Activation,
    output: Activation,
    loss: Loss,
    seed: u64,
) -> Network {
    let mut activations = vec![hidden; sizes.len() - 2];
    activations.push(output);
    Network {
        activations,
        loss,
        params: init_params(sizes, Init::Xavier, seed),
    }
}

#[test]
fn trainer_gradients_equal_the_explained_traces() {
    let mut rng = Rng::new(77);
    let cases = [
        (
            vec![2, 4, 1],
            Activation::Tanh,
            Activation::Sigmoid,
            Loss::Bce,
        ),
        (
            vec![2, 8, 8, 1],
            Activation::Tanh,
            Activation::Tanh,
            Loss::HalfSse,
        ),
        (
            vec![3, 5, 3],
            Activation::Relu,
            Activation::Softmax,
            Loss::CrossEntropy,
        ),
        (
            vec![2, 3, 3, 2],
            Activation::LeakyRelu,
            Activation::Linear,
            Loss::Mse,
        ),
    ];
    for (k, (sizes, hidden, output, loss)) in cases.into_iter().enumerate() {
        let mut net = network(&sizes, hidden, output, loss, k as u64);
        for layer in &mut net.params.biases {
            for b in layer.iter_mut() {
                *b = rng.uniform(-0.3, 0.3);
            }
        }
        let outputs = *sizes.last().expect("layers");
        let samples: Vec<Sample> = (0..7)
            .map(|_| Sample {
                x: (0..sizes[0]).map(|_| rng.uniform(-2.0, 2.0)).collect(),
                y: if loss == Loss::CrossEntropy {
                    let mut y = vec![0.0; outputs];
                    y[rng.below(outputs)] = 1.0;
                    y
                } else {
                    (0..outputs).map(|_| rng.uniform(0.0, 1.0)).collect()
                },
            })
            .collect();
        let reference = StepTrace::run(&net, &samples, 0.1, false);
        let mut trainer = Trainer::new(&net);
        let xs: Vec<Vec<f64>> = samples.iter().map(|s| s.x.clone()).collect();
        let ts: Vec<Vec<f64>> = samples.iter().map(|s| s.y.clone()).collect();
        let grads = trainer.gradients(&xs, &ts);
        for (a, b) in grads
            .weights
            .iter()
            .flatten()
            .flatten()
            .zip(reference.weight_grads.iter().flatten().flatten())
        {
            assert!(
                (a - b).abs() <= 1e-12 * b.abs().max(1.0),
                "{sizes:?}: {a} vs {b}"
            );
        }
        for (a, b) in grads
            .biases
            .iter()
            .flatten()
            .zip(reference.bias_grads.iter().flatten())
        {
            assert!(
                (a - b).abs() <= 1e-12 * b.abs().max(1.0),
                "{sizes:?}: {a} vs {b}"
            );
        }
        let loss_before = trainer
            .train_batch(&xs, &ts, 0.1, Regularization::None, 0.0)
            .expect("finite");
        assert!((loss_before - reference.loss).abs() < 1e-12);
        for (a, b) in trainer
            .params()
            .weights
            .iter()
            .flatten()
            .flatten()
            .zip(reference.after.weights.iter().flatten().flatten())
        {
            assert!((a - b).abs() < 1e-12, "the update matches SGD on the trace");
        }
    }
}

#[test]
fn a_2_4_1_network_learns_xor_to_full_accuracy() {
    let net = network(
        &[2, 4, 1],
        Activation::Tanh,
        Activation::Sigmoid,
        Loss::Bce,
        2026,
    );
    let mut trainer = Trainer::new(&net);
    let xs = vec![
        vec![0.0, 0.0],
        vec![0.0, 1.0],
        vec![1.0, 0.0],
        vec![1.0, 1.0],
    ];
    let ts = vec![vec![0.0], vec![1.0], vec![1.0], vec![0.0]];
    for _ in 0..2000 {
        trainer
            .train_batch(&xs, &ts, 0.5, Regularization::None, 0.0)
            .expect("finite");
    }
    for (x, t) in xs.iter().zip(&ts) {
        let y = trainer.forward(x)[0];
        assert_eq!(y > 0.5, t[0] > 0.5, "XOR({x:?}) = {y}");
    }
    assert!(trainer.mean_loss(&xs, &ts) < 0.05);
    // The trained network's gradients still pass the finite-difference check.
    let params = trainer.params();
    let grads = trainer.gradients(&xs, &ts);
    let h = 1e-5;
    for l in 0..params.weights.len() {
        for i in 0..params.weights[l].len() {
            for j in 0..params.weights[l][i].len() {
                let shifted = |by: f64| {
                    let mut p = params.clone();
                    p.weights[l][i][j] += by;
                    let mut t = Trainer::new(&Network {
                        params: p,
                        ..net.clone()
                    });
                    t.mean_loss(&xs, &ts)
                };
                let numeric = (shifted(h) - shifted(-h)) / (2.0 * h);
                let analytic = grads.weights[l][i][j];
                assert!(
                    (analytic - numeric).abs()
                        <= 1e-6 * analytic.abs().max(numeric.abs()).max(1e-4),
                    "{analytic} vs {numeric}"
                );
            }
        }
    }
}

#[test]
fn regularisation_shrinks_weights() {
    let data = generate(DataKind::Gaussians, 100, 0.1, 5);
    let xs: Vec<Vec<f64>> = data.points.iter().map(|(a, b)| vec![*a, *b]).collect();
    let ts: Vec<Vec<f64>> = data.labels.iter().map(|l| vec![*l]).collect();
    let norm = |reg: Regularization| {
        let net = network(
            &[2, 4, 1],
            Activation::Tanh,
            Activation::Sigmoid,
            Loss::Bce,
            8,
        );
        let mut t = Trainer::new(&net);
        for _ in 0..200 {
            t.train_batch(&xs, &ts, 0.1, reg, 0.05).expect("finite");
        }
        t.params()
            .weights
            .iter()
            .flatten()
            .flatten()
            .map(|w| w.abs())
            .sum::<f64>()
    };
    let plain = norm(Regularization::None);
    assert!(norm(Regularization::L2) < plain);
    assert!(norm(Regularization::L1) < plain);
}

#[test]
fn divergence_stops_and_keeps_the_last_finite_state() {
    let net = network(
        &[2, 8, 1],
        Activation::Linear,
        Activation::Linear,
        Loss::HalfSse,
        1,
    );
    let mut trainer = Trainer::new(&net);
    let xs = vec![vec![5.0, -5.0], vec![-4.0, 6.0]];
    let ts = vec![vec![1.0], vec![-1.0]];
    let mut stopped = None;
    for step in 0..10_000 {
        let before = trainer.params();
        match trainer.train_batch(&xs, &ts, 1e3, Regularization::None, 0.0) {
            Ok(_) => {}
            Err(d) => {
                assert_eq!(trainer.params(), before, "the last finite state is kept");
                assert!(trainer
                    .params()
                    .weights
                    .iter()
                    .flatten()
                    .flatten()
                    .all(|w| w.is_finite()));
                stopped = Some((step, d.path));
                break;
            }
        }
    }
    let (_, path) = stopped.expect("a learning rate of 1000 diverges");
    assert!(
        path.starts_with("weights[") || path.starts_with("biases["),
        "{path}"
    );
}

#[test]
fn neuron_grids_cover_every_neuron() {
    let net = network(
        &[2, 8, 8, 1],
        Activation::Tanh,
        Activation::Tanh,
        Loss::HalfSse,
        3,
    );
    let mut trainer = Trainer::new(&net);
    let grids = trainer.neuron_grids(100, 6.0, &[Feature::X1, Feature::X2]);
    assert_eq!(grids.len(), 17);
    assert!(grids
        .iter()
        .all(|g| g.len() == 10_000 && g.iter().all(|v| v.is_finite())));
    // The top-left cell is the point (−6, 6); every cell's output is the forward pass's.
    let y = trainer.forward(&[-6.0, 6.0])[0] as f32;
    assert_eq!(grids[16][0], y);
    let step = 12.0 / 99.0;
    for cell in (0..10_000).step_by(7) {
        let (row, col) = (cell / 100, cell % 100);
        let point = [-6.0 + col as f64 * step, 6.0 - row as f64 * step];
        assert_eq!(
            grids[16][cell],
            trainer.forward(&point)[0] as f32,
            "cell {cell}"
        );
    }
}

#[test]
fn neuron_grids_of_a_softmax_network_are_its_forward_passes() {
    let net = network(
        &[3, 5, 3],
        Activation::Relu,
        Activation::Softmax,
        Loss::CrossEntropy,
        9,
    );
    let mut trainer = Trainer::new(&net);
    let features = [Feature::X1, Feature::X2, Feature::X1X2];
    let grids = trainer.neuron_grids(40, 6.0, &features);
    assert_eq!(grids.len(), 8);
    let step = 12.0 / 39.0;
    for cell in 0..1600 {
        let (row, col) = (cell / 40, cell % 40);
        let (x1, x2) = (-6.0 + col as f64 * step, 6.0 - row as f64 * step);
        let input = features.map(|f| f.of(x1, x2));
        let out = trainer.forward(&input).to_vec();
        for (k, y) in out.iter().enumerate() {
            assert_eq!(
                grids[5 + k].get(cell).copied(),
                Some(*y as f32),
                "cell {cell}, output {k}"
            );
        }
        let total: f32 = grids[5..]
            .iter()
            .map(|g| g.get(cell).copied().unwrap_or(0.0))
            .sum();
        assert!((total - 1.0).abs() < 1e-5);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn csv_import_never_panics(text in "\\PC{0,400}", classes in 1usize..4) {
        let (data, problems) = csv::parse(&text, classes);
        prop_assert_eq!(data.points.len(), data.labels.len());
        for p in problems {
            prop_assert!(p.starts_with("line "));
        }
    }

    #[test]
    fn csv_shaped_text_never_panics(lines in prop::collection::vec("[-0-9.eE,;a-z ]{0,30}", 0..40)) {
        let _ = csv::parse(&lines.join("\n"), 2);
    }
}
