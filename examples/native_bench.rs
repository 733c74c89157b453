//! Native timings of the core on the 2-8-8-8-1 benchmark network, as JSON lines (run by
//! `scripts/bench.sh`; the browser figures come from `tests/e2e/bench.mjs`).

use std::hint::black_box;
use std::time::Instant;

use backprop_viz::explain::{explain, plan, Place, StepKind};
use backprop_viz::nn::train::Feature;
use backprop_viz::nn::Activation;
use backprop_viz::nn::StepTrace;
use backprop_viz::scenario::Scenario;
use backprop_viz::scene::{build_scene, build_scene_with, PlacementLog, ThemeName, Timeline, View};

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

/// Issue 5's settings: 2-8-8-1, tanh everywhere, half squared error, 500 spiral points without
/// noise, batch 10, learning rate 0.03. Returns (µs per sample-step, ms per 100 × 100 grid).
fn playground() -> (f64, f64) {
    use backprop_viz::nn::data::{generate, DataKind};
    use backprop_viz::nn::train::{init_params, Init, Regularization, Trainer};
    use backprop_viz::nn::{Loss, Network};
    let data = generate(DataKind::Spiral, 500, 0.0, 1);
    let xs: Vec<Vec<f64>> = data.points.iter().map(|(a, b)| vec![*a, *b]).collect();
    let ts: Vec<Vec<f64>> = data
        .labels
        .iter()
        .map(|l| vec![if *l > 0.5 { 1.0 } else { -1.0 }])
        .collect();
    let net = Network {
        activations: vec![Activation::Tanh; 3],
        loss: Loss::HalfSse,
        params: init_params(&[2, 8, 8, 1], Init::Xavier, 1),
    };
    let mut trainer = Trainer::new(&net);
    let epochs = 200;
    let start = Instant::now();
    for _ in 0..epochs {
        for (x, t) in xs.chunks(10).zip(ts.chunks(10)) {
            let _ = black_box(trainer.train_batch(x, t, 0.03, Regularization::None, 0.0));
        }
    }
    let per_sample = start.elapsed().as_secs_f64() * 1e6 / (epochs * xs.len()) as f64;
    let start = Instant::now();
    let grids = 20;
    for _ in 0..grids {
        black_box(trainer.neuron_grids(100, 6.0, &[Feature::X1, Feature::X2]));
    }
    let per_grid = start.elapsed().as_secs_f64() * 1e3 / f64::from(grids);
    (per_sample, per_grid)
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
    // `native_bench scenes`: only 200 edits of the browser benchmark's drag, for counting
    // instructions: valgrind --tool=callgrind target/release/examples/native_bench scenes
    if std::env::args().nth(1).as_deref() == Some("scenes") {
        let mut drag = Drag::new(&s);
        for _ in 0..200 {
            drag.edit();
        }
        return;
    }
    let (per_sample, per_grid) = playground();
    println!("{{\"name\":\"native_train_sample_step_2-8-8-1\",\"value\":{per_sample:.3},\"unit\":\"µs\"}}");
    println!("{{\"name\":\"native_boundary_100x100_all_neurons_2-8-8-1\",\"value\":{per_grid:.3},\"unit\":\"ms\"}}");
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
            black_box(build_scene(&view(&s, &step, &plan, &timeline)));
        }),
    );
    let mut drag = Drag::new(&s);
    emit(
        "native_edit_to_scene_during_drag_2-8-8-8-1",
        time(1_000, || drag.edit()),
    );
}

/// The benchmark's view of a scenario: the whole timeline shown, 900 × 480 CSS pixels.
fn view<'a>(
    scenario: &'a Scenario,
    step: &'a StepTrace,
    plan: &'a [(StepKind, Place)],
    timeline: &'a Timeline,
) -> View<'a> {
    View {
        scenario,
        step,
        sample: 0,
        plan,
        timeline,
        theme: ThemeName::Light,
        width: 900.0,
        height: 480.0,
        digits: 4,
        motion: true,
        selected: None,
        hovered: None,
        focused: None,
        describe: false,
        thumbnails: false,
        numbers: true,
    }
}

/// Edits of the first weight as the browser benchmark makes them (jumps of 37 % of its
/// slider's range), each followed by the trace and the scene built from the previous scene's
/// label placements, as the page does.
struct Drag {
    scenario: Scenario,
    plan: Vec<(StepKind, Place)>,
    timeline: Timeline,
    edits: usize,
    placements: PlacementLog,
}

impl Drag {
    fn new(scenario: &Scenario) -> Drag {
        let plan = plan(&scenario.layers);
        let timeline = Timeline::new(plan.iter().map(|(kind, _)| *kind).collect());
        Drag {
            scenario: scenario.clone(),
            plan,
            timeline,
            edits: 0,
            placements: PlacementLog::default(),
        }
    }

    fn edit(&mut self) {
        self.edits += 1;
        self.scenario.weights[0][0][0] = -3.0 + ((self.edits * 37) % 100) as f64 / 100.0 * 6.0;
        let step = self.scenario.step_trace();
        let view = view(&self.scenario, &step, &self.plan, &self.timeline);
        black_box(build_scene_with(&view, &mut self.placements));
    }
}
