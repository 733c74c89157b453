//! Builds the display list for one frame from the trace, the explanation steps and the timeline.

use crate::nn::clamp;

use super::labels::{PlacementLog, Placer, CHAR_WIDTH, LINE_HEIGHT};
use super::layout::{layout, Layout, Point, Rect};
use super::theme::{activation_strength, edge_width, Color, Theme, ThemeName};
use super::timeline::Timeline;
use super::{Align, Anchor, Hit, HitArea, Scene, Shape, Target};
use crate::explain::number::number_text;
use crate::explain::{Names, Place, StepKind};
use crate::nn::{Activation, Loss, SampleTrace, StepTrace};
use crate::scenario::Scenario;

/// Everything a frame depends on.
#[derive(Clone, Copy, Debug)]
pub struct View<'a> {
    /// The scenario (shape, activations, loss, parameters before the step).
    pub scenario: &'a Scenario,
    /// The trace of the current SGD step.
    pub step: &'a StepTrace,
    /// Which sample's forward and backward pass to show.
    pub sample: usize,
    /// What each step of the timeline computes and where ([`crate::explain::plan`]).
    pub plan: &'a [(StepKind, Place)],
    /// Where the animation is.
    pub timeline: &'a Timeline,
    /// Light or dark.
    pub theme: ThemeName,
    /// Canvas width in CSS pixels.
    pub width: f64,
    /// Canvas height in CSS pixels.
    pub height: f64,
    /// Significant digits shown.
    pub digits: usize,
    /// False under `prefers-reduced-motion`: no moving pulses.
    pub motion: bool,
    /// The clicked target.
    pub selected: Option<Target>,
    /// The target under the pointer.
    pub hovered: Option<Target>,
    /// The target with keyboard focus.
    pub focused: Option<Target>,
    /// Whether to write each anchor's description (for screen readers; costs string work).
    pub describe: bool,
    /// Whether to draw each non-input neuron's heatmap thumbnail (data-set mode).
    pub thumbnails: bool,
    /// Whether to write the numbers beside the neurons and edges (off while a large network
    /// trains: they would change thirty times a second and cost most of its frame).
    pub numbers: bool,
}

/// Smoothstep easing for the update animation.
fn ease(t: f64) -> f64 {
    let t = clamp(t, 0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

/// How far each step of the plan has got, found by where it happens and what it computes: a
/// slot per step that could be, laid out as the layers are (a row of [`NEURON_KINDS`] per
/// neuron, then the loss, then a row of [`PARAMETER_KINDS`] per weight and per bias), looked up
/// for every label of every frame.
struct Progress<'a> {
    /// The layer sizes (the scenario's).
    sizes: &'a [usize],
    /// The first slot of each layer's neurons, of each weight layer's weights and of its biases.
    neurons: Vec<usize>,
    weights: Vec<usize>,
    biases: Vec<usize>,
    /// The loss's slot.
    loss: usize,
    /// Each slot's progress, `None` where the plan has no such step.
    slots: Vec<Option<f64>>,
}

/// A neuron's steps: its `z`, its `a` and its `δ`.
const NEURON_KINDS: usize = 3;
/// A weight's or a bias's steps: its gradient, its update and the optimisers' five quantities.
const PARAMETER_KINDS: usize = 7;

impl<'a> Progress<'a> {
    fn new(view: &View<'a>) -> Progress<'a> {
        let sizes = &view.scenario.layers[..];
        let (mut neurons, mut weights, mut biases) = (Vec::new(), Vec::new(), Vec::new());
        let mut next = 0;
        for &size in sizes {
            neurons.push(next);
            next += NEURON_KINDS * size;
        }
        let loss = next;
        next += 1;
        for pair in sizes.windows(2) {
            weights.push(next);
            next += PARAMETER_KINDS * pair[0] * pair[1];
            biases.push(next);
            next += PARAMETER_KINDS * pair[1];
        }
        let mut progress = Progress {
            sizes,
            neurons,
            weights,
            biases,
            loss,
            slots: vec![None; next],
        };
        for (i, &(kind, place)) in view.plan.iter().enumerate() {
            if let Some(at) = progress.slot(kind, place) {
                progress.slots[at] = Some(view.timeline.progress(i));
            }
        }
        progress
    }

    fn of(&self, kind: StepKind, place: Place) -> Option<f64> {
        self.slots[self.slot(kind, place)?]
    }

    /// The slot of the step computing `kind` at `place`, if there can be one.
    fn slot(&self, kind: StepKind, place: Place) -> Option<usize> {
        let size = |layer: usize| self.sizes.get(layer).copied();
        // A weight's or bias's row: gradient, update, then the moments in their order.
        let parameter_row = || match kind {
            StepKind::WeightGrad | StepKind::BiasGrad => Some(0),
            StepKind::WeightUpdate | StepKind::BiasUpdate => Some(1),
            StepKind::WeightState(moment) | StepKind::BiasState(moment) => {
                Some(2 + moment as usize)
            }
            _ => None,
        };
        match place {
            Place::Neuron { layer, index } => {
                let row = match kind {
                    StepKind::PreActivation => 0,
                    StepKind::Activation => 1,
                    StepKind::Delta => 2,
                    _ => return None,
                };
                (index < size(layer)?).then(|| self.neurons[layer] + NEURON_KINDS * index + row)
            }
            Place::Loss => (kind == StepKind::Loss).then_some(self.loss),
            Place::Weight { layer, from, to } => {
                let (rows, cols) = (size(layer)?, size(layer + 1)?);
                (from < rows && to < cols).then_some(())?;
                let cell = from * cols + to;
                Some(self.weights[layer] + PARAMETER_KINDS * cell + parameter_row()?)
            }
            Place::Bias { layer, index } => {
                (index < size(layer + 1)?).then_some(())?;
                Some(self.biases[layer] + PARAMETER_KINDS * index + parameter_row()?)
            }
        }
    }
}

pub(super) struct Builder<'a> {
    pub(super) view: &'a View<'a>,
    pub(super) trace: &'a SampleTrace,
    pub(super) names: Names,
    pub(super) lay: Layout,
    pub(super) theme: Theme,
    progress: Progress<'a>,
    pub(super) current: Option<Place>,
    pub(super) shapes: Vec<Shape>,
    pub(super) hits: Vec<Hit>,
    pub(super) label_hits: Vec<Hit>,
    pub(super) anchors: Vec<Anchor>,
    pub(super) label_boxes: Vec<(Target, Rect)>,
    pub(super) tags: Vec<(usize, String, String)>,
    pub(super) hidden: Vec<(Target, Vec<String>, Rect, Color)>,
    pub(super) placer: Placer,
    /// While true, every step counts as done: used to size labels for their longest content.
    pub(super) full: bool,
    /// Whether every step is done (then the lines shown are the final ones).
    pub(super) finished: bool,
}

/// Builds the scene for one frame.
pub fn build_scene(view: &View) -> Scene {
    build_scene_with(view, &mut PlacementLog::default())
}

/// Builds the scene for one frame, placing labels with the help of the previous frame's
/// placements (`placements`, replaced by this frame's): the same scene as [`build_scene`], found
/// faster when the label boxes have not changed.
pub fn build_scene_with(view: &View, placements: &mut PlacementLog) -> Scene {
    let theme = Theme::named(view.theme);
    let lay = layout(&view.scenario.layers, view.width, view.height);
    let Some(trace) = view.step.samples.get(view.sample) else {
        return Scene {
            width: lay.width,
            height: lay.height,
            background: theme.background,
            shapes: Vec::new(),
            hits: Vec::new(),
            anchors: Vec::new(),
            label_boxes: Vec::new(),
            hidden_labels: Vec::new(),
            current: None,
            tags: Vec::new(),
        };
    };
    let progress = Progress::new(view);
    let finished = progress.slots.iter().flatten().all(|&p| p >= 1.0);
    let current = view
        .timeline
        .current()
        .filter(|_| view.timeline.position() < view.timeline.len() as f64)
        .and_then(|i| view.plan.get(i))
        .map(|(_, place)| *place);
    let bounds = Rect {
        x: 0.0,
        y: 0.0,
        w: lay.width,
        h: lay.height,
    };
    // A shape per edge, neuron and label line, and a few more: room for them from the start.
    let sizes = &view.scenario.layers;
    let edges: usize = sizes.windows(2).map(|w| w[0] * w[1]).sum();
    let neurons: usize = sizes.iter().sum();
    let room = 4 * edges + 8 * neurons + 16;
    let mut b = Builder {
        view,
        trace,
        names: Names::new(&view.scenario.layers),
        lay,
        theme,
        progress,
        current,
        shapes: Vec::with_capacity(room),
        hits: Vec::with_capacity(edges + neurons + 4),
        label_hits: Vec::new(),
        anchors: Vec::new(),
        label_boxes: Vec::new(),
        tags: Vec::new(),
        hidden: Vec::new(),
        placer: Placer::replaying(bounds, std::mem::take(placements)),
        full: false,
        finished,
    };
    b.edges();
    b.loss_node();
    b.neurons();
    if view.numbers {
        b.neuron_labels();
        b.edge_labels();
    }
    b.pulses();
    b.emphasised_hidden_labels();
    b.anchors();
    let mut hits = std::mem::take(&mut b.label_hits);
    hits.append(&mut b.hits);
    *placements = std::mem::take(&mut b.placer).into_log();
    Scene {
        width: b.lay.width,
        height: b.lay.height,
        background: b.theme.background,
        shapes: b.shapes,
        hits,
        anchors: b.anchors,
        label_boxes: b.label_boxes,
        hidden_labels: b.hidden.into_iter().map(|(t, ..)| t).collect(),
        current: b.current,
        tags: b.tags,
    }
}

impl Builder<'_> {
    /// Marks the shape just pushed as the drawing of a network part (`edge w6`, `neuron h1`).
    pub(super) fn tag(&mut self, kind: &str, name: String) {
        if let Some(last) = self.shapes.len().checked_sub(1) {
            self.tags.push((last, kind.to_string(), name));
        }
    }

    pub(super) fn fmt(&self, x: f64) -> String {
        number_text(x, self.view.digits)
    }

    /// How far the step computing `kind` at `place` has got (1 when there is no such step).
    pub(super) fn shown(&self, kind: StepKind, place: Place) -> f64 {
        if self.full {
            return 1.0;
        }
        self.progress.of(kind, place).unwrap_or(1.0)
    }

    pub(super) fn emphasised(&self, target: Target) -> bool {
        let v = self.view;
        self.current == Some(target)
            || v.selected == Some(target)
            || v.hovered == Some(target)
            || v.focused == Some(target)
    }

    pub(super) fn layers(&self) -> &[usize] {
        &self.view.scenario.layers
    }

    pub(super) fn is_output(&self, layer: usize) -> bool {
        layer + 1 == self.layers().len()
    }

    pub(super) fn displayed_weight(&self, l: usize, i: usize, j: usize) -> f64 {
        let old = self.view.step.before.weights[l][i][j];
        let new = self.view.step.after.weights[l][i][j];
        let t = ease(self.shown(
            StepKind::WeightUpdate,
            Place::Weight {
                layer: l,
                from: i,
                to: j,
            },
        ));
        if t <= 0.0 {
            old
        } else if t >= 1.0 {
            new
        } else {
            old + (new - old) * t
        }
    }

    pub(super) fn is_dead(&self, layer: usize, j: usize) -> bool {
        layer > 0
            && !self.is_output(layer)
            && self.view.scenario.activations[layer - 1] == Activation::Relu
            && self.trace.z[layer][j] <= 0.0
            && self.shown(StepKind::PreActivation, Place::Neuron { layer, index: j }) >= 1.0
    }

    fn edges(&mut self) {
        let layers = self.layers().to_vec();
        let mut max_abs: f64 = 0.0;
        for l in 0..layers.len() - 1 {
            for i in 0..layers[l] {
                for j in 0..layers[l + 1] {
                    let w = self.displayed_weight(l, i, j);
                    if w.is_finite() {
                        max_abs = max_abs.max(w.abs());
                    }
                }
            }
        }
        for l in 0..layers.len() - 1 {
            for j in 0..layers[l + 1] {
                for i in 0..layers[l] {
                    let place = Place::Weight {
                        layer: l,
                        from: i,
                        to: j,
                    };
                    let (from, to) = self.lay.edge(l, i, j);
                    let w = self.displayed_weight(l, i, j);
                    let width = edge_width(w, max_abs);
                    if self.emphasised(place) {
                        self.shapes.push(Shape::Line {
                            from,
                            to,
                            color: self.theme.highlight.with_alpha(0.55),
                            width: width + 7.0,
                            dashed: false,
                        });
                    }
                    let mut color = self.theme.sign_color(w);
                    if !w.is_finite() {
                        // An overflowed weight is drawn in the warning colour, as its label says.
                        color = self.theme.warning;
                    } else if self.is_dead(l, i) {
                        color = color.with_alpha(0.4);
                    }
                    self.shapes.push(Shape::Line {
                        from,
                        to,
                        color,
                        width,
                        dashed: w < 0.0,
                    });
                    self.tag("edge", self.names.w(l, i, j).to_text());
                    self.hits.push(Hit {
                        target: place,
                        area: HitArea::Segment {
                            from,
                            to,
                            tolerance: (width / 2.0 + 5.0).max(7.0),
                        },
                    });
                }
            }
        }
    }

    fn loss_node(&mut self) {
        let last = self.layers().len() - 1;
        let rect = self.lay.loss_rect();
        let left = Point::new(rect.x, rect.center().y);
        for j in 0..self.layers()[last] {
            let c = self.lay.neuron(last, j);
            self.shapes.push(Shape::Line {
                from: Point::new(c.x + self.lay.radius, c.y),
                to: left,
                color: self.theme.muted.with_alpha(0.7),
                width: 1.5,
                dashed: false,
            });
        }
        if self.emphasised(Place::Loss) {
            let halo = Rect {
                x: rect.x - 4.0,
                y: rect.y - 4.0,
                w: rect.w + 8.0,
                h: rect.h + 8.0,
            };
            self.shapes.push(Shape::Rect {
                rect: halo,
                corner: 10.0,
                fill: None,
                stroke: Some(self.theme.highlight),
                width: 3.0,
            });
        }
        let shown = self.shown(StepKind::Loss, Place::Loss);
        let loss = self.trace.loss;
        let stroke = if loss.is_finite() {
            self.theme.text
        } else {
            self.theme.warning
        };
        self.shapes.push(Shape::Rect {
            rect,
            corner: 8.0,
            fill: Some(self.theme.neuron),
            stroke: Some(stroke),
            width: 1.5,
        });
        let value = if shown > 0.0 {
            self.fmt(loss)
        } else {
            "?".into()
        };
        let font = self.lay.font;
        let text = format!("J = {value}");
        // Shrink the value's font rather than let it spill out of a narrow node.
        let fits = (rect.w - 8.0) / (text.chars().count() as f64 * CHAR_WIDTH);
        self.shapes.push(Shape::Text {
            at: rect.center(),
            text,
            size: (font + 2.0).min(fits).max(6.0),
            color: stroke,
            align: Align::Center,
            bold: true,
        });
        self.placer.block(rect);
        self.hits.push(Hit {
            target: Place::Loss,
            area: HitArea::Rect(rect),
        });
        // The formula and the target, under the node; kept inside the canvas.
        let target = &self.trace.target;
        let y_text = if target.len() == 1 {
            format!("y = {}", self.fmt(target[0]))
        } else {
            let items: Vec<String> = target.iter().map(|t| self.fmt(*t)).collect();
            format!("y = [{}]", items.join(", "))
        };
        let mut lines: Vec<String> = loss_formula(self.view.scenario.loss)
            .iter()
            .map(|l| l.to_string())
            .collect();
        lines.push(y_text);
        if !loss.is_finite() {
            lines.push("overflow: J is not finite".into());
        }
        let mut y = rect.y + rect.h + font * 1.1;
        for line in lines {
            let w = line.chars().count() as f64 * font * CHAR_WIDTH;
            let x = rect
                .center()
                .x
                .min(self.lay.width - w / 2.0 - 2.0)
                .max(w / 2.0 + 2.0);
            let r = Rect::centered(Point::new(x, y), w, font * LINE_HEIGHT);
            self.placer.block(r);
            self.shapes.push(Shape::Text {
                at: Point::new(x, y),
                text: line,
                size: font,
                color: self.theme.muted,
                align: Align::Center,
                bold: false,
            });
            y += font * LINE_HEIGHT;
        }
    }

    fn neurons(&mut self) {
        let layers = self.layers().to_vec();
        let r = self.lay.radius;
        let mut max_abs: f64 = 0.0;
        for layer in &self.trace.a[1..] {
            for a in layer {
                if a.is_finite() {
                    max_abs = max_abs.max(a.abs());
                }
            }
        }
        for (layer, &n) in layers.iter().enumerate() {
            for j in 0..n {
                let place = Place::Neuron { layer, index: j };
                let c = self.lay.neuron(layer, j);
                let dead = self.is_dead(layer, j);
                let a = self.trace.a[layer][j];
                let strength = if layer == 0 {
                    activation_strength(a, max_abs) * 0.6
                } else {
                    activation_strength(a, max_abs) * self.shown(StepKind::Activation, place)
                };
                let fill = if dead {
                    self.theme.dead
                } else {
                    self.theme.fill(strength)
                };
                let overflow = !self.trace.z[layer][j].is_finite() || !a.is_finite();
                if self.emphasised(place) {
                    self.shapes.push(Shape::Circle {
                        center: c,
                        radius: r + 5.0,
                        fill: None,
                        stroke: Some(self.theme.highlight),
                        width: 4.0,
                        dashed: false,
                    });
                }
                self.shapes.push(Shape::Circle {
                    center: c,
                    radius: r,
                    fill: Some(fill),
                    stroke: Some(if overflow {
                        self.theme.warning
                    } else {
                        self.theme.text
                    }),
                    width: if overflow { 3.0 } else { 1.5 },
                    dashed: dead,
                });
                self.tag("neuron", self.names.neuron_label(layer, j));
                if self.view.thumbnails && layer > 0 {
                    self.shapes.push(Shape::Thumb {
                        index: layers[1..layer].iter().sum::<usize>() + j,
                        center: c,
                        radius: (r - 2.0).max(1.0),
                    });
                }
                let label = self.names.neuron_label(layer, j);
                self.shapes.push(Shape::Text {
                    at: c,
                    text: label,
                    size: clamp(r * 0.75, 8.0, self.lay.font + 3.0),
                    color: self.theme.text,
                    align: Align::Center,
                    bold: true,
                });
                let bbox = Rect::centered(c, 2.0 * r + 4.0, 2.0 * r + 4.0);
                self.placer.block(bbox);
                self.hits.push(Hit {
                    target: place,
                    area: HitArea::Circle {
                        center: c,
                        radius: r + 4.0,
                    },
                });
            }
        }
    }
}

/// The loss formula for the loss node, in short lines that fit its column.
fn loss_formula(loss: Loss) -> &'static [&'static str] {
    match loss {
        Loss::Bce => &["J = −[y·ln ŷ", "+ (1−y)·ln(1−ŷ)]"],
        Loss::CrossEntropy => &["J = −Σ y·ln ŷ"],
        Loss::Mse => &["J = mean (ŷ − y)²"],
        Loss::HalfSse => &["J = ½·Σ (y − ŷ)²"],
    }
}

#[cfg(test)]
mod tests {
    use super::Progress;
    use crate::explain::scenario_plan;
    use crate::nn::Optimizer;
    use crate::scenario::Scenario;
    use crate::scene::{ThemeName, Timeline, View};

    /// Every step of a plan has a slot of its own, the optimisers' moments included, and its
    /// progress is found there: at each point of the timeline, the steps before it are done
    /// and those after it not begun.
    #[test]
    fn every_step_of_a_plan_has_a_slot_of_its_own() {
        let mut scenario = Scenario::preset("exam").expect("exam");
        let adam = Optimizer::Adam {
            beta1: 0.9,
            beta2: 0.999,
            epsilon: 1e-8,
        };
        for optimizer in [Optimizer::Sgd, Optimizer::Momentum { momentum: 0.9 }, adam] {
            scenario.optimizer = optimizer;
            let step = scenario.step_trace();
            let plan = scenario_plan(&scenario);
            let mut timeline = Timeline::new(plan.iter().map(|&(kind, _)| kind).collect());
            for at in 0..=plan.len() {
                timeline.seek(at as f64);
                let view = View {
                    scenario: &scenario,
                    step: &step,
                    sample: 0,
                    plan: &plan,
                    timeline: &timeline,
                    theme: ThemeName::Light,
                    width: 800.0,
                    height: 500.0,
                    digits: 4,
                    motion: false,
                    selected: None,
                    hovered: None,
                    focused: None,
                    describe: true,
                    thumbnails: false,
                    numbers: true,
                };
                let progress = Progress::new(&view);
                assert_eq!(
                    progress.slots.iter().flatten().count(),
                    plan.len(),
                    "{optimizer:?}"
                );
                for (i, &(kind, place)) in plan.iter().enumerate() {
                    let expected = if i < at { 1.0 } else { 0.0 };
                    assert_eq!(
                        progress.of(kind, place),
                        Some(expected),
                        "{kind:?} {place:?}"
                    );
                }
            }
        }
    }
}
