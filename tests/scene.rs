//! The scene on the host: layout, hit-testing, the timeline's order, labels that never overlap,
//! and what each moment of the animation shows.

use backprop_viz::explain::{explain, plan, Place, Step, StepKind};
use backprop_viz::nn::StepTrace;
use backprop_viz::scenario::Scenario;
use backprop_viz::scene::{
    build_scene, build_scene_with, PlacementLog, Point, Scene, Shape, ThemeName, Timeline, View,
};

struct Fixture {
    scenario: Scenario,
    step: StepTrace,
    steps: Vec<Step>,
    plan: Vec<(StepKind, Place)>,
}

impl Fixture {
    fn new(scenario: Scenario) -> Fixture {
        let step = scenario.step_trace();
        let steps = explain(&scenario, &step, 0);
        let plan = plan(&scenario.layers);
        Fixture {
            scenario,
            step,
            steps,
            plan,
        }
    }

    fn timeline(&self) -> Timeline {
        Timeline::new(self.steps.iter().map(|s| s.kind).collect())
    }

    fn scene(&self, timeline: &Timeline, motion: bool, size: (f64, f64)) -> Scene {
        build_scene(&self.view(timeline, motion, size, None))
    }

    /// The view of the fixture's first sample, with descriptions, at `size`.
    fn view<'a>(
        &'a self,
        timeline: &'a Timeline,
        motion: bool,
        size: (f64, f64),
        hovered: Option<Place>,
    ) -> View<'a> {
        View {
            scenario: &self.scenario,
            step: &self.step,
            sample: 0,
            plan: &self.plan,
            timeline,
            theme: ThemeName::Light,
            width: size.0,
            height: size.1,
            digits: 4,
            motion,
            selected: None,
            hovered,
            focused: None,
            describe: true,
            thumbnails: false,
            numbers: true,
        }
    }
}

fn texts(scene: &Scene) -> Vec<String> {
    scene
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Text { text, .. } => Some(text.clone()),
            _ => None,
        })
        .collect()
}

fn wide_scenario(sizes: &[usize]) -> Scenario {
    let mut s = Scenario::preset("exam").expect("exam");
    s.layers = sizes.to_vec();
    let n = sizes.len() - 1;
    s.activations = vec![backprop_viz::nn::Activation::Tanh; n];
    s.activations[n - 1] = backprop_viz::nn::Activation::Sigmoid;
    s.weights = (0..n)
        .map(|l| {
            (0..sizes[l])
                .map(|i| {
                    (0..sizes[l + 1])
                        .map(|j| ((i * 7 + j * 3 + l) % 11) as f64 / 10.0 - 0.5)
                        .collect()
                })
                .collect()
        })
        .collect();
    s.biases = (0..n).map(|l| vec![0.1; sizes[l + 1]]).collect();
    s.samples[0].x = vec![0.5; sizes[0]];
    s.samples[0].y = vec![1.0; sizes[n]];
    s.validate().expect("valid wide scenario");
    s
}

#[test]
fn exam_layout_puts_inputs_left_and_the_loss_right() {
    let f = Fixture::new(Scenario::default());
    let scene = f.scene(&f.timeline(), true, (900.0, 480.0));
    let x1 = scene
        .anchor(Place::Neuron { layer: 0, index: 0 })
        .expect("x1 anchor")
        .rect
        .center();
    let h1 = scene
        .anchor(Place::Neuron { layer: 1, index: 0 })
        .expect("h1 anchor")
        .rect
        .center();
    let out = scene
        .anchor(Place::Neuron { layer: 2, index: 0 })
        .expect("output anchor")
        .rect
        .center();
    let loss = scene
        .anchor(Place::Loss)
        .expect("loss anchor")
        .rect
        .center();
    assert!(x1.x < h1.x && h1.x < out.x && out.x < loss.x);
    assert_eq!(scene.width, 900.0);
}

#[test]
fn a_click_at_an_edge_midpoint_selects_that_edge() {
    let f = Fixture::new(Scenario::default());
    let scene = f.scene(&f.timeline(), true, (900.0, 480.0));
    let lay = backprop_viz::scene::layout(&f.scenario.layers, 900.0, 480.0);
    // w2 (x2→h1) and w3 (x1→h2) cross exactly at their midpoints, so only the others are unambiguous there.
    for (layer, from, to) in [(0, 0, 0), (0, 1, 1), (1, 0, 0), (1, 1, 0)] {
        let (a, b) = lay.edge(layer, from, to);
        let mid = a.lerp(b, 0.5);
        assert_eq!(
            scene.hit_test(mid),
            Some(Place::Weight { layer, from, to }),
            "midpoint of {layer}/{from}/{to}"
        );
    }
    // Every edge's anchor (its label) selects it, the crossing ones included.
    for anchor in &scene.anchors {
        assert_eq!(
            scene.hit_test(anchor.rect.center()),
            Some(anchor.target),
            "{}",
            anchor.name
        );
    }
    assert_eq!(scene.hit_test(Point::new(2.0, 2.0)), None);
}

#[test]
fn timeline_order_equals_the_explanation_order() {
    let f = Fixture::new(Scenario::default());
    let mut t = f.timeline();
    assert_eq!(t.len(), f.steps.len());
    let explained: Vec<(StepKind, Place)> = f.steps.iter().map(|s| (s.kind, s.place)).collect();
    assert_eq!(explained, f.plan, "the plan is the explanation's order");
    for (i, step) in f.steps.iter().enumerate() {
        t.seek(i as f64 + 0.5);
        let scene = f.scene(&t, true, (900.0, 480.0));
        assert_eq!(
            scene.current,
            Some(step.place),
            "step {i} ({:?})",
            step.kind
        );
    }
    t.seek(t.len() as f64);
    assert_eq!(f.scene(&t, true, (900.0, 480.0)).current, None);
}

#[test]
fn exam_shows_every_label_without_overlap() {
    let f = Fixture::new(Scenario::default());
    for size in [(900.0, 480.0), (1200.0, 600.0), (1000.0, 520.0)] {
        let scene = f.scene(&f.timeline(), true, size);
        assert!(
            scene.hidden_labels.is_empty(),
            "at {size:?} hidden: {:?}",
            scene.hidden_labels
        );
        assert_no_overlap(&scene);
    }
    // Smaller canvases may hide a label for hover, but never overlap two.
    for size in [(700.0, 440.0), (480.0, 320.0), (320.0, 240.0)] {
        assert_no_overlap(&f.scene(&f.timeline(), true, size));
    }
}

fn assert_no_overlap(scene: &Scene) {
    for (k, (ta, a)) in scene.label_boxes.iter().enumerate() {
        for (tb, b) in &scene.label_boxes[k + 1..] {
            assert!(
                !a.overlaps(b),
                "labels of {ta:?} and {tb:?} overlap: {a:?} {b:?}"
            );
        }
        assert!(a.x >= 0.0 && a.y >= 0.0 && a.x + a.w <= scene.width && a.y + a.h <= scene.height);
    }
}

#[test]
fn larger_networks_never_overlap_labels_and_hide_the_rest_for_hover() {
    for sizes in [vec![2, 8, 8, 8, 1], vec![8, 8, 8, 8], vec![3, 4, 4, 2]] {
        let f = Fixture::new(wide_scenario(&sizes));
        let scene = f.scene(&f.timeline(), true, (900.0, 480.0));
        assert_no_overlap(&scene);
        // Every target still has an anchor, so a hidden label can be shown on focus.
        let edges: usize = sizes.windows(2).map(|p| p[0] * p[1]).sum();
        let neurons: usize = sizes.iter().sum();
        assert_eq!(scene.anchors.len(), edges + neurons + 1, "{sizes:?}");
    }
    // 3-4-4-2 fits on a large canvas.
    let f = Fixture::new(wide_scenario(&[3, 4, 4, 2]));
    let scene = f.scene(&f.timeline(), true, (1400.0, 800.0));
    assert_no_overlap(&scene);
}

#[test]
fn a_hidden_label_appears_when_its_edge_is_hovered() {
    let f = Fixture::new(wide_scenario(&[2, 8, 8, 8, 1]));
    let t = f.timeline();
    let scene = f.scene(&t, true, (900.0, 480.0));
    let Some(&hidden) = scene
        .hidden_labels
        .iter()
        .find(|p| matches!(p, Place::Weight { .. }))
    else {
        panic!("a 2-8-8-8-1 network at 900×480 should hide some edge labels");
    };
    let before = texts(&scene).len();
    let hovered = build_scene(&f.view(&t, true, (900.0, 480.0), Some(hidden)));
    assert!(
        texts(&hovered).len() > before,
        "hovering shows the hidden label"
    );
}

#[test]
fn a_hidden_label_wider_than_the_canvas_shows_on_hover_without_a_panic() {
    // The label is kept inside the canvas by limiting its centre; where the label is wider or
    // taller than the canvas those limits cross, and `f64::clamp` panicked (a trap in the page).
    // At the smallest canvas (160 × 120), with eight significant digits and weights written
    // with a power of ten, a weight's label (`w… = −1.2345678×10⁻⁶ → …`) is wider than it.
    let mut scenario = wide_scenario(&[2, 8, 8, 8, 1]);
    for w in scenario.weights.iter_mut().flatten().flatten() {
        *w *= -1.234_567_89e-5;
    }
    let f = Fixture::new(scenario);
    let t = f.timeline();
    let size = (40.0, 40.0);
    let eight = |hovered| View {
        digits: 8,
        ..f.view(&t, true, size, hovered)
    };
    let scene = build_scene(&eight(None));
    assert!(!scene.hidden_labels.is_empty());
    let mut wider = 0;
    for &hidden in &scene.hidden_labels {
        let hovered = build_scene(&eight(Some(hidden)));
        assert!(
            texts(&hovered).len() > texts(&scene).len(),
            "hovering {hidden:?} shows its label"
        );
        wider += usize::from(
            hovered
                .shapes
                .iter()
                .any(|shape| matches!(shape, Shape::Rect { rect, .. } if rect.w > hovered.width)),
        );
    }
    assert!(wider > 0, "no label was wider than the canvas");
}

#[test]
fn numbers_appear_as_the_timeline_reaches_them() {
    let f = Fixture::new(Scenario::default());
    let mut t = f.timeline();
    t.seek(0.0);
    let start = texts(&f.scene(&t, true, (900.0, 480.0)));
    assert!(start.contains(&"z1 = ?".to_string()), "{start:?}");
    assert!(start.contains(&"J = ?".to_string()));
    assert!(start.contains(&"w6 = −0.5".to_string()));
    t.seek(t.len() as f64);
    let end = texts(&f.scene(&t, true, (900.0, 480.0)));
    for needle in [
        "z1 = −0.1",
        "ŷ = a3 = 0.4013",
        "J = 0.5130",
        "δ2 = −0.2007",
        "∂J/∂w6 = 0.3210",
        "w6 = −0.5 → −0.5032",
        "inactive: z ≤ 0",
    ] {
        assert!(
            end.iter().any(|t| t == needle),
            "end lacks {needle:?}: {end:?}"
        );
    }
}

#[test]
fn pulses_move_only_when_motion_is_allowed() {
    let f = Fixture::new(Scenario::default());
    let mut t = f.timeline();
    t.seek(0.5); // z1 in progress: x1·w1 = 0.5 and x2·w2 = −0.8 travel along the edges.
    let moving = texts(&f.scene(&t, true, (900.0, 480.0)));
    assert!(
        moving.contains(&"0.5".to_string()) && moving.contains(&"−0.8".to_string()),
        "{moving:?}"
    );
    let still = texts(&f.scene(&t, false, (900.0, 480.0)));
    assert!(!still.contains(&"−0.8".to_string()));
}

#[test]
fn edges_are_coloured_by_sign_and_dashed_when_negative() {
    let f = Fixture::new(Scenario::default());
    let scene = f.scene(&f.timeline(), true, (900.0, 480.0));
    let theme = backprop_viz::scene::Theme::named(ThemeName::Light);
    let lines: Vec<(bool, backprop_viz::scene::Color)> = scene
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Line {
                dashed,
                color,
                width,
                ..
            } if *width >= 1.0
                && (color.r, color.g, color.b)
                    != (theme.highlight.r, theme.highlight.g, theme.highlight.b) =>
            {
                Some((*dashed, *color))
            }
            _ => None,
        })
        .collect();
    assert!(lines
        .iter()
        .any(|(d, c)| *d
            && (c.r, c.g, c.b) == (theme.negative.r, theme.negative.g, theme.negative.b)));
    assert!(lines
        .iter()
        .any(|(d, c)| !*d
            && (c.r, c.g, c.b) == (theme.positive.r, theme.positive.g, theme.positive.b)));
}

#[test]
fn every_step_kind_is_in_the_timeline() {
    let f = Fixture::new(Scenario::preset("deep_tanh").expect("deep_tanh"));
    for kind in [
        StepKind::PreActivation,
        StepKind::Activation,
        StepKind::Loss,
        StepKind::Delta,
        StepKind::WeightGrad,
        StepKind::BiasGrad,
        StepKind::WeightUpdate,
        StepKind::BiasUpdate,
    ] {
        assert!(f.steps.iter().any(|s| s.kind == kind), "{kind:?}");
    }
}

#[test]
fn svg_has_one_element_per_neuron_and_edge() {
    for name in Scenario::PRESETS {
        let f = Fixture::new(Scenario::preset(name).expect("preset"));
        let scene = f.scene(&f.timeline(), false, (900.0, 480.0));
        let svg = backprop_viz::scene::svg::to_svg(&scene);
        let neurons: usize = f.scenario.layers.iter().sum();
        let edges: usize = f.scenario.layers.windows(2).map(|p| p[0] * p[1]).sum();
        assert_eq!(svg.matches("class=\"neuron\"").count(), neurons, "{name}");
        assert_eq!(svg.matches("class=\"edge\"").count(), edges, "{name}");
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    }
}

#[test]
fn replaying_the_last_frames_placements_gives_the_same_scene() {
    // A drag through values whose labels change width, a timeline scrubbed back and forth, a
    // resize and a hovered edge: each frame built from the previous frame's placements equals
    // the same frame built from nothing.
    let mut f = Fixture::new(wide_scenario(&[2, 8, 8, 8, 1]));
    let mut memo = PlacementLog::default();
    let mut t = f.timeline();
    let mut replayed_any = false;
    let mut partly = false;
    let weights = [0.5, 0.51, 0.52, 12.25, -0.001, 5e-7, -3.0, -3.0];
    for (frame, &w) in weights.iter().enumerate() {
        f.scenario.weights[0][1][2] = w;
        f.step = f.scenario.step_trace();
        let full = t.len() as f64;
        let mut frames = vec![(full, (900.0, 480.0)), (full * 0.4, (900.0, 480.0))];
        if frame == 4 {
            frames.push((full, (640.0, 400.0)));
        }
        frames.push((full, (900.0, 480.0)));
        for (pos, size) in frames {
            t.seek(pos);
            let hovered = (frame % 3 == 0).then_some(Place::Weight {
                layer: 1,
                from: 3,
                to: 4,
            });
            let view = f.view(&t, true, size, hovered);
            let before = memo.len();
            let fresh = build_scene(&view);
            let from_memo = build_scene_with(&view, &mut memo);
            assert_eq!(
                from_memo, fresh,
                "weight {w}, position {pos}, size {size:?}"
            );
            assert_no_overlap(&from_memo);
            replayed_any |= before > 0 && memo.searched() == 0;
            partly |= memo.replayed() > 0 && memo.searched() > 0;
        }
    }
    assert!(
        replayed_any,
        "some frame was answered wholly from the previous one"
    );
    assert!(
        partly,
        "some frame was answered partly from the previous one"
    );
}

#[test]
fn without_numbers_the_scene_keeps_its_drawing_and_drops_its_labels() {
    let f = Fixture::new(wide_scenario(&[2, 8, 8, 8, 1]));
    let t = f.timeline();
    let with = f.view(&t, true, (900.0, 480.0), None);
    let without = View {
        numbers: false,
        ..f.view(&t, true, (900.0, 480.0), None)
    };
    let (full, bare) = (build_scene(&with), build_scene(&without));
    assert!(!full.label_boxes.is_empty());
    assert!(bare.label_boxes.is_empty() && bare.hidden_labels.is_empty());
    // The same edges, neurons and hit areas of the network itself.
    let drawing = |s: &Scene| -> Vec<Shape> {
        s.shapes
            .iter()
            .filter(|shape| matches!(shape, Shape::Line { .. } | Shape::Circle { .. }))
            .cloned()
            .collect()
    };
    assert_eq!(drawing(&bare), drawing(&full));
    // Every part can still be focused (an edge's stand-in sits on its line, not on a label).
    let targets = |s: &Scene| s.anchors.iter().map(|a| a.target).collect::<Vec<_>>();
    assert_eq!(targets(&bare), targets(&full));
    // No number beside a neuron or an edge (x, z, a, b, δ, w, ∂J/∂w lines): names and the loss
    // node's own text remain.
    let numbers: Vec<String> = texts(&bare)
        .into_iter()
        .filter(|t| t.contains(" = ") && t.starts_with(['x', 'z', 'a', 'b', 'δ', 'w', '∂']))
        .collect();
    assert!(numbers.is_empty(), "{numbers:?}");
    assert!(texts(&full).iter().any(|t| t.starts_with("δ1 = ")));
}

#[test]
fn lines_are_drawn_solid_first_then_dashed_grouped_by_width_in_order() {
    use backprop_viz::scene::line_order;
    // A 2-8-8-8-1 scene's edges, and a made-up list with many equal widths.
    let f = Fixture::new(wide_scenario(&[2, 8, 8, 8, 1]));
    let scene = f.scene(&f.timeline(), false, (900.0, 480.0));
    let lines: Vec<Shape> = scene
        .shapes
        .iter()
        .take_while(|s| matches!(s, Shape::Line { .. }))
        .cloned()
        .collect();
    let mut made_up = Vec::new();
    for k in 0..300_u32 {
        made_up.push(Shape::Line {
            from: Point::new(0.0, 0.0),
            to: Point::new(1.0, f64::from(k)),
            color: backprop_viz::scene::Color {
                r: 0,
                g: 0,
                b: 0,
                a: 1.0,
            },
            width: f64::from((k * 7919) % 23) * 0.3,
            dashed: k % 3 != 0,
        });
    }
    let quarter = |width: f64| (width * 4.0).round();
    for list in [lines, made_up] {
        assert!(list.len() > 10);
        // What a stable sort on (dashed, quarter width) gives.
        let key = |k: &usize| match &list[*k] {
            Shape::Line {
                dashed: true,
                width,
                ..
            } => (1, quarter(*width) as i64),
            _ => (0, 0),
        };
        let mut expected: Vec<usize> = (0..list.len()).collect();
        expected.sort_by_key(key);
        assert_eq!(line_order(&list, quarter), expected);
    }
    assert_eq!(line_order(&[], quarter), Vec::<usize>::new());
}

/// Where two edges between the same two layers cross (`(l, i, j)` and `(l, i2, j2)` with
/// `(i2 - i)(j2 - j) < 0`).
fn crossings(layers: &[usize], width: f64, height: f64) -> Vec<Point> {
    let lay = backprop_viz::scene::layout(layers, width, height);
    let mut points = Vec::new();
    for l in 0..layers.len() - 1 {
        for i in 0..layers[l] {
            for j in 0..layers[l + 1] {
                for i2 in i + 1..layers[l] {
                    for j2 in 0..j {
                        let (a0, a1) = (lay.neuron(l, i), lay.neuron(l + 1, j));
                        let (b0, b1) = (lay.neuron(l, i2), lay.neuron(l + 1, j2));
                        let t = (b0.y - a0.y) / ((a1.y - a0.y) - (b1.y - b0.y));
                        points.push(a0.lerp(a1, t));
                    }
                }
            }
        }
    }
    points
}

#[test]
fn a_weight_label_never_sits_on_the_crossing_of_two_edges() {
    for preset in ["exam", "xor", "softmax", "deep_tanh"] {
        let f = Fixture::new(Scenario::preset(preset).expect("a preset"));
        for size in [
            (900.0, 480.0),
            (1200.0, 600.0),
            (700.0, 440.0),
            (480.0, 320.0),
            (360.0, 300.0),
        ] {
            let scene = f.scene(&f.timeline(), true, size);
            let points = crossings(&f.scenario.layers, size.0, size.1);
            for (target, rect) in &scene.label_boxes {
                if !matches!(target, Place::Weight { .. }) {
                    continue;
                }
                for p in &points {
                    assert!(
                        !rect.contains(*p),
                        "{preset} at {size:?}: the label of {target:?} covers the crossing at {p:?}"
                    );
                }
            }
        }
    }
}
