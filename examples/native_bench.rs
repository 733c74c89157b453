//! Native timings of the core on the 2-8-8-8-1 benchmark network, as JSON lines (run by
//! `scripts/bench.sh`; the browser figures come from `tests/e2e/bench.mjs`).

use std::hint::black_box;
use std::time::Instant;

use backprop_viz::explain::{explain, plan};
use backprop_viz::nn::Activation;
use backprop_viz::scenario::Scenario;
use backprop_viz::scene::{build_scene, ThemeName, Timeline, View};

/// The same 2-8-8-8-1 network as the browser benchmark.
fn wide() -> Scenario {
    let layers = [2usize, 8, 8, 8, 1];
    let mut s = Scenario::preset("exam").unwrap_or_default();
    s.title = "2-8-8-8-1 benchmark network".into();
    s.layers = layers.to_vec();
    s.activations = vec![
        Activation::Tanh,
        Activation::Tanh,
        Activation::Tanh,
        Activation::Sigmoid,
    ];
    s.weights = (0..4)
        .map(|l| {
            (0..layers[l])
                .map(|i| {
                    (0..layers[l + 1])
                        .map(|j| {
                            ((((1 + l * 31 + i * 7 + j * 3) as f64).sin() * 0.9) * 1000.0).round()
                                / 1000.0
                        })
                        .collect()
                })
                .collect()
        })
        .collect();
    s.biases = (0..4)
        .map(|l| {
            (0..layers[l + 1])
                .map(|j| ((j + l) as f64).cos().mul_add(100.0, 0.0).round() / 1000.0)
                .collect()
        })
        .collect();
    s.samples[0].x = vec![0.5, -1.0];
    s.samples[0].y = vec![1.0];
    s
}

/// Mean time of `f` in microseconds over `n` runs, after a warm-up.
fn time(n: u32, mut f: impl FnMut()) -> f64 {
    for _ in 0..n / 10 {
        f();
    }
    let start = Instant::now();
    for _ in 0..n {
        f();
    }
    start.elapsed().as_secs_f64() * 1e6 / f64::from(n)
}

fn main() {
    let s = wide();
    if let Err(e) = s.validate() {
        eprintln!("benchmark scenario is invalid: {e}");
        std::process::exit(2);
    }
    let step = s.step_trace();
    let plan = plan(&s.layers);
    let timeline = Timeline::new(plan.iter().map(|(kind, _)| *kind).collect());
    let emit =
        |name: &str, us: f64| println!("{{\"name\":\"{name}\",\"value\":{us:.2},\"unit\":\"µs\"}}");
    emit(
        "native_trace_2-8-8-8-1",
        time(20_000, || {
            black_box(s.step_trace());
        }),
    );
    emit(
        "native_explain_all_steps_2-8-8-8-1",
        time(300, || {
            black_box(explain(&s, &step, 0));
        }),
    );
    emit(
        "native_scene_build_2-8-8-8-1",
        time(1_000, || {
            black_box(build_scene(&View {
                scenario: &s,
                step: &step,
                sample: 0,
                plan: &plan,
                timeline: &timeline,
                theme: ThemeName::Light,
                width: 900.0,
                height: 480.0,
                digits: 4,
                motion: true,
                selected: None,
                hovered: None,
                focused: None,
                describe: false,
            }));
        }),
    );
}
