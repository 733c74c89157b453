//! Gradients against central finite differences, on seeded random networks of varied shapes,
//! and the closed-form output deltas.

use backprop_viz::nn::rng::Rng;
use backprop_viz::nn::{Activation, Loss, Network, Params, Sample, SampleTrace, StepTrace};

const HIDDEN: [Activation; 10] = [
    Activation::Linear,
    Activation::Relu,
    Activation::LeakyRelu,
    Activation::Sigmoid,
    Activation::Tanh,
    Activation::Elu,
    Activation::Gelu,
    Activation::GeluTanh,
    Activation::Silu,
    Activation::Softplus,
];

/// Relative error with a floor, so that gradients near zero are compared absolutely.
fn rel_err(analytic: f64, numeric: f64) -> f64 {
    (analytic - numeric).abs() / analytic.abs().max(numeric.abs()).max(1e-4)
}

fn random_network(rng: &mut Rng) -> (Network, Vec<Sample>) {
    let depth = 1 + rng.below(4);
    let mut sizes = vec![1 + rng.below(4)];
    for _ in 0..depth {
        sizes.push(1 + rng.below(5));
    }
    let (output, loss) = match rng.below(6) {
        0 => (Activation::Sigmoid, Loss::Bce),
        1 => (Activation::Softmax, Loss::CrossEntropy),
        2 => (HIDDEN[rng.below(HIDDEN.len())], Loss::Mse),
        3 => (HIDDEN[rng.below(HIDDEN.len())], Loss::HalfSse),
        4 => (Activation::Softmax, Loss::Mse),
        _ => (Activation::Sigmoid, Loss::HalfSse),
    };
    if output == Activation::Softmax && sizes[depth] < 2 {
        sizes[depth] = 2 + rng.below(3);
    }
    let mut activations: Vec<Activation> = (0..depth - 1)
        .map(|_| HIDDEN[rng.below(HIDDEN.len())])
        .collect();
    activations.push(output);
    let weights = (0..depth)
        .map(|l| {
            (0..sizes[l])
                .map(|_| (0..sizes[l + 1]).map(|_| rng.uniform(-1.5, 1.5)).collect())
                .collect()
        })
        .collect();
    let biases = (0..depth)
        .map(|l| (0..sizes[l + 1]).map(|_| rng.uniform(-0.5, 0.5)).collect())
        .collect();
    let outputs = sizes[depth];
    let samples = (0..1 + rng.below(3))
        .map(|_| {
            let x = (0..sizes[0]).map(|_| rng.uniform(-2.0, 2.0)).collect();
            let y = match loss {
                Loss::CrossEntropy => {
                    let mut y = vec![0.0; outputs];
                    y[rng.below(outputs)] = 1.0;
                    y
                }
                Loss::Bce => (0..outputs).map(|_| rng.next_f64()).collect(),
                _ => (0..outputs).map(|_| rng.uniform(-1.0, 1.0)).collect(),
            };
            Sample { x, y }
        })
        .collect();
    let net = Network {
        activations,
        loss,
        params: Params { weights, biases },
    };
    (net, samples)
}

/// True when no kinked activation sits within `margin` of its kink for any sample.
fn smooth_everywhere(net: &Network, samples: &[Sample], margin: f64) -> bool {
    samples.iter().all(|s| {
        let (z, _) = net.forward(&s.x);
        net.activations.iter().enumerate().all(|(l, act)| {
            !matches!(act, Activation::Relu | Activation::LeakyRelu)
                || z[l + 1].iter().all(|v| v.abs() > margin)
        })
    })
}

#[test]
fn gradients_match_central_differences_on_400_random_networks() {
    let mut rng = Rng::new(20261128);
    let mut tested = 0;
    let mut attempts = 0;
    let mut per_activation = [0usize; Activation::ALL.len()];
    let mut per_loss = [0usize; 4];
    while tested < 400 {
        attempts += 1;
        assert!(attempts < 4000, "too few smooth networks generated");
        let (net, samples) = random_network(&mut rng);
        if !smooth_everywhere(&net, &samples, 1e-3) {
            continue;
        }
        tested += 1;
        for act in &net.activations {
            per_activation[Activation::ALL.iter().position(|a| a == act).unwrap_or(0)] += 1;
        }
        per_loss[Loss::ALL.iter().position(|l| *l == net.loss).unwrap_or(0)] += 1;
        let step = StepTrace::run(&net, &samples, 0.1, false);
        // 1e-5 balances truncation (h²) against rounding (ε/h) in the central difference.
        let h = 1e-5;
        let shifted_loss = |l: usize, i: usize, j: usize, bias: bool, by: f64| {
            let mut n = net.clone();
            if bias {
                n.params.biases[l][j] += by;
            } else {
                n.params.weights[l][i][j] += by;
            }
            n.mean_loss(&samples)
        };
        for l in 0..net.params.weights.len() {
            for i in 0..net.params.weights[l].len() {
                for j in 0..net.params.weights[l][i].len() {
                    let numeric = (shifted_loss(l, i, j, false, h)
                        - shifted_loss(l, i, j, false, -h))
                        / (2.0 * h);
                    let analytic = step.weight_grads[l][i][j];
                    assert!(
                        rel_err(analytic, numeric) < 1e-6,
                        "network {tested} {:?} {:?}: dJ/dW[{l}][{i}][{j}] analytic {analytic}, numeric {numeric}",
                        net.activations,
                        net.loss
                    );
                }
            }
            for j in 0..net.params.biases[l].len() {
                let numeric =
                    (shifted_loss(l, 0, j, true, h) - shifted_loss(l, 0, j, true, -h)) / (2.0 * h);
                let analytic = step.bias_grads[l][j];
                assert!(
                    rel_err(analytic, numeric) < 1e-6,
                    "network {tested}: dJ/db[{l}][{j}] analytic {analytic}, numeric {numeric}"
                );
            }
        }
        // The inputs' delta is dJ/dx.
        let trace = SampleTrace::run(&net, &samples[0]);
        for i in 0..samples[0].x.len() {
            let mut plus = samples[0].clone();
            let mut minus = samples[0].clone();
            plus.x[i] += h;
            minus.x[i] -= h;
            let numeric = (SampleTrace::run(&net, &plus).loss
                - SampleTrace::run(&net, &minus).loss)
                / (2.0 * h);
            assert!(
                rel_err(trace.delta[0][i], numeric) < 1e-6,
                "network {tested}: dJ/dx{i} analytic {}, numeric {numeric}",
                trace.delta[0][i]
            );
        }
    }
    assert!(
        per_activation.iter().all(|&c| c > 0),
        "every activation tested: {per_activation:?}"
    );
    assert!(
        per_loss.iter().all(|&c| c > 0),
        "every loss tested: {per_loss:?}"
    );
}

#[test]
fn every_activation_derivative_matches_central_differences() {
    let h = 1e-6;
    for act in HIDDEN {
        for &z in &[-2.3, -0.7, -0.05, 0.05, 0.4, 1.9] {
            let a = act.apply_one(z);
            let numeric = (act.apply_one(z + h) - act.apply_one(z - h)) / (2.0 * h);
            let analytic = act.derivative(z, a);
            assert!(
                rel_err(analytic, numeric) < 1e-6,
                "{act:?} at {z}: {analytic} vs {numeric}"
            );
        }
    }
    // Softmax: the Jacobian-vector product against differences of the whole layer.
    let z = [0.3, -1.1, 0.8];
    let g = [0.5, -0.2, 1.3];
    let a = Activation::Softmax.apply(&z);
    let delta = Activation::Softmax.backprop(&z, &a, &g);
    for k in 0..3 {
        let mut zp = z;
        let mut zm = z;
        zp[k] += h;
        zm[k] -= h;
        let dot = |v: Vec<f64>| v.iter().zip(&g).map(|(x, y)| x * y).sum::<f64>();
        let numeric =
            (dot(Activation::Softmax.apply(&zp)) - dot(Activation::Softmax.apply(&zm))) / (2.0 * h);
        assert!(
            rel_err(delta[k], numeric) < 1e-6,
            "softmax delta[{k}]: {} vs {numeric}",
            delta[k]
        );
    }
}

#[test]
fn every_loss_gradient_matches_central_differences() {
    let h = 1e-6;
    let cases = [
        (
            Loss::Bce,
            Activation::Sigmoid,
            vec![0.3, 0.7],
            vec![1.0, 0.2],
        ),
        (
            Loss::CrossEntropy,
            Activation::Softmax,
            vec![0.2, 0.5, 0.3],
            vec![0.0, 1.0, 0.0],
        ),
        (
            Loss::Mse,
            Activation::Linear,
            vec![0.4, -1.2],
            vec![0.1, 0.3],
        ),
        (
            Loss::HalfSse,
            Activation::Linear,
            vec![0.4, -1.2],
            vec![0.1, 0.3],
        ),
    ];
    for (loss, act, a, t) in cases {
        let grad = loss.grad_output(&a, &t);
        for k in 0..a.len() {
            // Differentiate the naive form of the loss in a (z-based forms need a consistent z).
            let value = |a: &[f64]| match loss {
                Loss::Bce | Loss::CrossEntropy => loss.value(Activation::Linear, a, a, &t),
                _ => loss.value(act, a, a, &t),
            };
            let mut ap = a.clone();
            let mut am = a.clone();
            ap[k] += h;
            am[k] -= h;
            let numeric = (value(&ap) - value(&am)) / (2.0 * h);
            assert!(
                rel_err(grad[k], numeric) < 1e-6,
                "{loss:?} dJ/da[{k}]: {} vs {numeric}",
                grad[k]
            );
        }
    }
}

#[test]
fn softmax_with_cross_entropy_gives_a_minus_y() {
    let net = Network {
        activations: vec![Activation::Tanh, Activation::Softmax],
        loss: Loss::CrossEntropy,
        params: Params {
            weights: vec![
                vec![vec![0.2, -0.5], vec![0.7, 0.1]],
                vec![vec![0.3, -0.4, 0.9], vec![-0.6, 0.8, 0.2]],
            ],
            biases: vec![vec![0.1, -0.1], vec![0.0, 0.05, -0.05]],
        },
    };
    let sample = Sample {
        x: vec![0.6, -1.4],
        y: vec![0.0, 0.0, 1.0],
    };
    let t = SampleTrace::run(&net, &sample);
    for k in 0..3 {
        let expected = t.a[2][k] - sample.y[k];
        assert!((t.delta[2][k] - expected).abs() < 1e-15, "delta[{k}]");
        // The general Jacobian path agrees with the closed form.
        let general = Activation::Softmax.backprop(&t.z[2], &t.a[2], &t.grad_a[2]);
        assert!((general[k] - expected).abs() < 1e-12, "Jacobian delta[{k}]");
    }
}

#[test]
fn sigmoid_with_bce_gives_a_minus_y() {
    let net = Network {
        activations: vec![Activation::Sigmoid],
        loss: Loss::Bce,
        params: Params {
            weights: vec![vec![vec![0.9], vec![-0.3]]],
            biases: vec![vec![0.2]],
        },
    };
    for y in [0.0, 1.0, 0.3] {
        let sample = Sample {
            x: vec![1.5, 0.5],
            y: vec![y],
        };
        let t = SampleTrace::run(&net, &sample);
        assert!((t.delta[1][0] - (t.a[1][0] - y)).abs() < 1e-15);
        let general = t.grad_a[1][0] * t.a[1][0] * (1.0 - t.a[1][0]);
        assert!((general - t.delta[1][0]).abs() < 1e-12);
    }
}

#[test]
fn a_full_batch_step_averages_losses_and_gradients() {
    let mut rng = Rng::new(5);
    let (net, _) = random_network(&mut rng);
    let sizes = net.layer_sizes();
    let samples: Vec<Sample> = (0..3)
        .map(|k| Sample {
            x: (0..sizes[0])
                .map(|i| (k * 2 + i) as f64 * 0.3 - 0.5)
                .collect(),
            y: match net.loss {
                Loss::CrossEntropy => (0..sizes[sizes.len() - 1])
                    .map(|j| if j == 0 { 1.0 } else { 0.0 })
                    .collect(),
                _ => vec![0.5; sizes[sizes.len() - 1]],
            },
        })
        .collect();
    let step = StepTrace::run(&net, &samples, 0.1, false);
    let mean_loss = step.samples.iter().map(|t| t.loss).sum::<f64>() / 3.0;
    assert!((step.loss - mean_loss).abs() < 1e-12);
    let mean_grad = step
        .samples
        .iter()
        .map(|t| t.weight_grads[0][0][0])
        .sum::<f64>()
        / 3.0;
    assert!((step.weight_grads[0][0][0] - mean_grad).abs() < 1e-12);
}

#[test]
fn frozen_biases_keep_their_values() {
    let mut rng = Rng::new(9);
    let (net, samples) = random_network(&mut rng);
    let step = StepTrace::run(&net, &samples, 0.5, true);
    assert_eq!(step.after.biases, net.params.biases);
    assert_ne!(step.after.weights, net.params.weights);
}

#[test]
fn overflow_is_reported_not_silently_nan() {
    let net = Network {
        activations: vec![Activation::Linear, Activation::Sigmoid],
        loss: Loss::Bce,
        params: Params {
            weights: vec![vec![vec![1e300], vec![1e300]], vec![vec![1e300]]],
            biases: vec![vec![0.0], vec![0.0]],
        },
    };
    let t = SampleTrace::run(
        &net,
        &Sample {
            x: vec![1e10, 1e10],
            y: vec![0.0],
        },
    );
    let paths: Vec<String> = t.overflows().into_iter().map(|o| o.path).collect();
    assert!(paths.contains(&"z[1][0]".to_string()), "{paths:?}");
    // A sigmoid of +inf is still a clean 1.
    assert_eq!(t.a[2][0], 1.0);
}
