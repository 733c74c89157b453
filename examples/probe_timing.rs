use backprop_viz::explain::explain;
use backprop_viz::scenario::Scenario;
use backprop_viz::scene::{build_scene, ThemeName, Timeline, View};
use std::time::Instant;
fn main() {
    let layers = [2usize, 8, 8, 8, 1];
    let mut s = Scenario::preset("exam").unwrap();
    s.layers = layers.to_vec();
    s.activations = vec![
        backprop_viz::nn::Activation::Tanh,
        backprop_viz::nn::Activation::Tanh,
        backprop_viz::nn::Activation::Tanh,
        backprop_viz::nn::Activation::Sigmoid,
    ];
    s.weights = (0..4)
        .map(|l| {
            (0..layers[l])
                .map(|i| {
                    (0..layers[l + 1])
                        .map(|j| ((1 + l * 31 + i * 7 + j * 3) as f64).sin() * 0.9)
                        .collect()
                })
                .collect()
        })
        .collect();
    s.biases = (0..4).map(|l| vec![0.05; layers[l + 1]]).collect();
    s.samples[0].x = vec![0.5, -1.0];
    s.samples[0].y = vec![1.0];
    s.validate().unwrap();
    let n = 200;
    let t = Instant::now();
    for _ in 0..n {
        let _ = s.step_trace();
    }
    println!("trace {:?}", t.elapsed() / n);
    let step = s.step_trace();
    let t = Instant::now();
    for _ in 0..n {
        let _ = explain(&s, &step, 0);
    }
    println!("explain {:?}", t.elapsed() / n);
    let plan = backprop_viz::explain::plan(&s.layers);
    let tl = Timeline::new(plan.iter().map(|p| p.0).collect());
    let t = Instant::now();
    for _ in 0..n {
        let _ = build_scene(&View {
            scenario: &s,
            step: &step,
            sample: 0,
            plan: &plan,
            timeline: &tl,
            theme: ThemeName::Light,
            width: 900.0,
            height: 480.0,
            digits: 4,
            motion: true,
            selected: None,
            hovered: None,
            focused: None,
            describe: false,
        });
    }
    println!("scene {:?}", t.elapsed() / n);
}
