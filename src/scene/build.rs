//! Builds the display list for one frame from the trace, the explanation steps and the timeline.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::labels::{box_size, Placer, CHAR_WIDTH, LINE_HEIGHT};
use super::layout::{layout, Layout, Point, Rect};
use super::theme::{activation_strength, edge_width, Color, Theme, ThemeName};
use super::timeline::Timeline;
use super::{Align, Anchor, Hit, HitArea, Scene, Shape, Target};
use crate::explain::math::number_text;
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
}

/// FNV-1a: a fast hash for the small keys of the progress map (looked up for every label).
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// Smoothstep easing for the update animation.
fn ease(t: f64) -> f64 {
    let t = t.clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

struct Builder<'a> {
    view: &'a View<'a>,
    trace: &'a SampleTrace,
    names: Names,
    lay: Layout,
    theme: Theme,
    progress: HashMap<(StepKind, Place), f64, BuildHasherDefault<Fnv>>,
    current: Option<Place>,
    shapes: Vec<Shape>,
    hits: Vec<Hit>,
    label_hits: Vec<Hit>,
    anchors: Vec<Anchor>,
    label_boxes: Vec<(Target, Rect)>,
    tags: Vec<(usize, String, String)>,
    hidden: Vec<(Target, Vec<String>, Rect, Color)>,
    placer: Placer,
    /// While true, every step counts as done: used to size labels for their longest content.
    full: bool,
}

/// Builds the scene for one frame.
pub fn build_scene(view: &View) -> Scene {
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
    let progress = view
        .plan
        .iter()
        .enumerate()
        .map(|(i, step)| (*step, view.timeline.progress(i)))
        .collect();
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
    let mut b = Builder {
        view,
        trace,
        names: Names::new(&view.scenario.layers),
        lay,
        theme,
        progress,
        current,
        shapes: Vec::new(),
        hits: Vec::new(),
        label_hits: Vec::new(),
        anchors: Vec::new(),
        label_boxes: Vec::new(),
        tags: Vec::new(),
        hidden: Vec::new(),
        placer: Placer::within(bounds),
        full: false,
    };
    b.edges();
    b.loss_node();
    b.neurons();
    b.neuron_labels();
    b.edge_labels();
    b.pulses();
    b.emphasised_hidden_labels();
    b.anchors();
    let mut hits = std::mem::take(&mut b.label_hits);
    hits.append(&mut b.hits);
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
    fn tag(&mut self, kind: &str, name: String) {
        if let Some(last) = self.shapes.len().checked_sub(1) {
            self.tags.push((last, kind.to_string(), name));
        }
    }

    fn fmt(&self, x: f64) -> String {
        number_text(x, self.view.digits)
    }

    /// How far the step computing `kind` at `place` has got (1 when there is no such step).
    fn shown(&self, kind: StepKind, place: Place) -> f64 {
        if self.full {
            return 1.0;
        }
        self.progress.get(&(kind, place)).copied().unwrap_or(1.0)
    }

    fn emphasised(&self, target: Target) -> bool {
        let v = self.view;
        self.current == Some(target)
            || v.selected == Some(target)
            || v.hovered == Some(target)
            || v.focused == Some(target)
    }

    fn layers(&self) -> &[usize] {
        &self.view.scenario.layers
    }

    fn is_output(&self, layer: usize) -> bool {
        layer + 1 == self.layers().len()
    }

    fn displayed_weight(&self, l: usize, i: usize, j: usize) -> f64 {
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

    fn is_dead(&self, layer: usize, j: usize) -> bool {
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
                    if self.is_dead(l, i) {
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
                let label = self.names.neuron_label(layer, j);
                self.shapes.push(Shape::Text {
                    at: c,
                    text: label,
                    size: (r * 0.75).clamp(8.0, self.lay.font + 3.0),
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

    /// The text under a neuron (its values) and above it (its delta), at full length.
    fn neuron_lines(&self, layer: usize, j: usize) -> (Vec<String>, Vec<String>) {
        let place = Place::Neuron { layer, index: j };
        let n = &self.names;
        if layer == 0 {
            return (
                vec![format!(
                    "{} = {}",
                    n.x(j).to_text(),
                    self.fmt(self.trace.a[0][j])
                )],
                Vec::new(),
            );
        }
        let reveal = |kind: StepKind, value: f64| {
            if self.shown(kind, place) > 0.0 {
                self.fmt(value)
            } else {
                "?".into()
            }
        };
        let mut below = vec![
            format!(
                "{} = {}",
                n.z(layer, j).to_text(),
                reveal(StepKind::PreActivation, self.trace.z[layer][j])
            ),
            format!(
                "{} = {}",
                n.a(layer, j).to_text(),
                reveal(StepKind::Activation, self.trace.a[layer][j])
            ),
        ];
        let bias_place = Place::Bias {
            layer: layer - 1,
            index: j,
        };
        let old = self.view.step.before.biases[layer - 1][j];
        let new = self.view.step.after.biases[layer - 1][j];
        let mut bias = format!("{} = {}", n.b(layer - 1, j).to_text(), self.fmt(old));
        if self.shown(StepKind::BiasUpdate, bias_place) > 0.0 {
            bias.push_str(&format!(" → {}", self.fmt(new)));
        }
        below.push(bias);
        if self.is_dead(layer, j) {
            below.push("inactive: z ≤ 0".into());
        }
        if !self.trace.z[layer][j].is_finite() || !self.trace.a[layer][j].is_finite() {
            below.push("overflow".into());
        }
        let delta = self.trace.delta[layer][j];
        let above = if self.shown(StepKind::Delta, place) > 0.0 {
            vec![format!(
                "{} = {}",
                n.delta(layer, j).to_text(),
                self.fmt(delta)
            )]
        } else {
            Vec::new()
        };
        (below, above)
    }

    /// The lines a label will have once every step is done: labels are sized for those, so that
    /// they keep their place through the animation.
    fn final_lines<T>(&mut self, lines: impl Fn(&Self) -> T) -> T {
        self.full = true;
        let result = lines(self);
        self.full = false;
        result
    }

    fn neuron_labels(&mut self) {
        let layers = self.layers().to_vec();
        let r = self.lay.radius;
        for (layer, &n) in layers.iter().enumerate() {
            for j in 0..n {
                let place = Place::Neuron { layer, index: j };
                let c = self.lay.neuron(layer, j);
                let (below, above) = self.neuron_lines(layer, j);
                let (final_below, final_above) = self.final_lines(|b| b.neuron_lines(layer, j));
                let (w, h) = box_size(&final_below, self.lay.font);
                let below_rect = Rect::centered(Point::new(c.x, c.y + r + 3.0 + h / 2.0), w, h);
                let color = self.theme.text;
                self.place_label(place, |_| below, vec![below_rect], color);
                if layer > 0 {
                    let delta_lines = if above.is_empty() {
                        vec![String::new()]
                    } else {
                        above
                    };
                    let (dw, dh) = box_size(&final_above, self.lay.font);
                    let above_rect =
                        Rect::centered(Point::new(c.x, c.y - r - 3.0 - dh / 2.0), dw, dh);
                    if delta_lines[0].is_empty() {
                        self.placer.place([above_rect]);
                    } else {
                        let gradient = self.theme.gradient;
                        self.place_label(place, |_| delta_lines, vec![above_rect], gradient);
                    }
                }
            }
        }
    }

    fn edge_lines(&self, l: usize, i: usize, j: usize) -> Vec<String> {
        let place = Place::Weight {
            layer: l,
            from: i,
            to: j,
        };
        let name = self.names.w(l, i, j).to_text();
        let old = self.view.step.before.weights[l][i][j];
        let new = self.view.step.after.weights[l][i][j];
        let update = self.shown(StepKind::WeightUpdate, place);
        let mut first = format!("{name} = {}", self.fmt(old));
        if update > 0.0 {
            let value = if update >= 1.0 {
                new
            } else {
                self.displayed_weight(l, i, j)
            };
            first.push_str(&format!(" → {}", self.fmt(value)));
        }
        let mut lines = vec![first];
        if self.shown(StepKind::WeightGrad, place) > 0.0 {
            lines.push(format!(
                "∂J/∂{name} = {}",
                self.fmt(self.trace.weight_grads[l][i][j])
            ));
        }
        lines
    }

    /// The size of an edge's label once every step is done, from the widths of its numbers
    /// (without formatting them: most labels of a large network are never drawn).
    fn edge_label_size(&self, l: usize, i: usize, j: usize) -> (f64, f64) {
        let digits = self.view.digits;
        let name = self.names.weight_number(l, i, j).to_string().len() + 1;
        let old = number_width(self.view.step.before.weights[l][i][j], digits);
        let new = number_width(self.view.step.after.weights[l][i][j], digits);
        let grad = number_width(self.trace.weight_grads[l][i][j], digits);
        let first = name + 3 + old + 3 + new;
        let second = 4 + name + 3 + grad;
        let font = self.lay.font;
        (
            first.max(second) as f64 * font * CHAR_WIDTH + 2.0 * super::labels::PADDING,
            2.0 * font * LINE_HEIGHT + super::labels::PADDING,
        )
    }

    fn edge_labels(&mut self) {
        let layers = self.layers().to_vec();
        for l in 0..layers.len() - 1 {
            for j in 0..layers[l + 1] {
                for i in 0..layers[l] {
                    let place = Place::Weight {
                        layer: l,
                        from: i,
                        to: j,
                    };
                    let (w, h) = self.edge_label_size(l, i, j);
                    let (from, to) = self.lay.edge(l, i, j);
                    // On the line first, then just above or below it, nearer one end or the other.
                    let len = from.distance(to).max(1e-9);
                    let normal = Point::new(-(to.y - from.y) / len, (to.x - from.x) / len);
                    let offset = h / 2.0 + 2.0;
                    let mut candidates = Vec::new();
                    for t in [0.5, 0.38, 0.62, 0.28, 0.72, 0.2, 0.8, 0.14, 0.86] {
                        let p = from.lerp(to, t);
                        for side in [0.0, -1.0, 1.0] {
                            let q = Point::new(
                                p.x + normal.x * offset * side,
                                p.y + normal.y * offset * side,
                            );
                            candidates.push(Rect::centered(q, w, h));
                        }
                    }
                    let color = self.theme.text;
                    self.place_label(place, |b| b.edge_lines(l, i, j), candidates, color);
                }
            }
        }
    }

    /// Places a label at the first free candidate, or keeps it for hover and focus. The lines are
    /// only built when they will be drawn.
    fn place_label(
        &mut self,
        target: Target,
        lines: impl FnOnce(&Self) -> Vec<String>,
        candidates: Vec<Rect>,
        color: Color,
    ) {
        let first = candidates[0];
        match self.placer.place(candidates) {
            Some(rect) => {
                let lines = lines(self);
                self.draw_label(&lines, rect, color, false);
                self.label_boxes.push((target, rect));
                if matches!(target, Place::Weight { .. }) {
                    self.label_hits.push(Hit {
                        target,
                        area: HitArea::Rect(rect),
                    });
                }
            }
            None => {
                let v = self.view;
                let wanted = [v.hovered, v.focused, v.selected].contains(&Some(target));
                let lines = if wanted { lines(self) } else { Vec::new() };
                self.hidden.push((target, lines, first, color));
            }
        }
    }

    /// Draws a label's lines centred in `slot`, on a background just large enough for them
    /// (the slot itself is sized for the longest text the label can take, so labels do not jump).
    fn draw_label(&mut self, lines: &[String], slot: Rect, color: Color, strong: bool) {
        let font = self.lay.font;
        let (w, h) = box_size(lines, font);
        let rect = Rect::centered(slot.center(), w.min(slot.w.max(w)), h);
        self.shapes.push(Shape::Rect {
            rect,
            corner: 4.0,
            fill: Some(if strong {
                self.theme.background
            } else {
                self.theme.label_bg
            }),
            stroke: strong.then_some(self.theme.highlight),
            width: 1.5,
        });
        let top = rect.y + super::labels::PADDING / 2.0 + font * LINE_HEIGHT / 2.0;
        for (k, line) in lines.iter().enumerate() {
            let line_color = if line.starts_with('∂') || line.starts_with('δ') {
                self.theme.gradient
            } else if line.starts_with("overflow") {
                self.theme.warning
            } else {
                color
            };
            self.shapes.push(Shape::Text {
                at: Point::new(rect.center().x, top + k as f64 * font * LINE_HEIGHT),
                text: line.clone(),
                size: font,
                color: line_color,
                align: Align::Center,
                bold: false,
            });
        }
    }

    /// Labels that had no room, drawn on top for the hovered, focused or selected target.
    fn emphasised_hidden_labels(&mut self) {
        let hidden = std::mem::take(&mut self.hidden);
        for (target, lines, rect, color) in &hidden {
            let v = self.view;
            if v.hovered == Some(*target)
                || v.focused == Some(*target)
                || v.selected == Some(*target)
            {
                let (w, h) = box_size(lines, self.lay.font);
                let c = rect.center();
                let x = c.x.clamp(w / 2.0, self.lay.width - w / 2.0);
                let y = c.y.clamp(h / 2.0, self.lay.height - h / 2.0);
                self.draw_label(lines, Rect::centered(Point::new(x, y), w, h), *color, true);
            }
        }
        self.hidden = hidden;
    }

    fn pulse(&mut self, at: Point, color: Color, text: Option<String>) {
        self.shapes.push(Shape::Circle {
            center: at,
            radius: 5.0,
            fill: Some(color),
            stroke: Some(self.theme.background),
            width: 1.5,
            dashed: false,
        });
        if let Some(text) = text {
            let font = self.lay.font;
            let w = text.chars().count() as f64 * font * CHAR_WIDTH + 6.0;
            let rect = Rect::centered(Point::new(at.x, at.y - font * 1.4), w, font * LINE_HEIGHT);
            self.shapes.push(Shape::Rect {
                rect,
                corner: 3.0,
                fill: Some(self.theme.label_bg),
                stroke: None,
                width: 0.0,
            });
            self.shapes.push(Shape::Text {
                at: rect.center(),
                text,
                size: font,
                color,
                align: Align::Center,
                bold: true,
            });
        }
    }

    /// Moving dots for the step in progress: values travelling along edges.
    fn pulses(&mut self) {
        if !self.view.motion {
            return;
        }
        let Some((i, p)) = self.view.timeline.in_progress() else {
            return;
        };
        let Some(&(kind, place)) = self.view.plan.get(i) else {
            return;
        };
        let layers = self.layers().to_vec();
        let label_each = |count: usize| count <= 4;
        match (kind, place) {
            (StepKind::PreActivation, Place::Neuron { layer, index }) => {
                let sources = layers[layer - 1];
                for s in 0..sources {
                    let w = self.view.step.before.weights[layer - 1][s][index];
                    let value = self.trace.a[layer - 1][s] * w;
                    let (from, to) = self.lay.edge(layer - 1, s, index);
                    let text = label_each(sources).then(|| self.fmt(value));
                    self.pulse(from.lerp(to, p), self.theme.sign_color(value), text);
                }
            }
            (StepKind::Loss, _) => {
                let last = layers.len() - 1;
                let target = Point::new(self.lay.loss_rect().x, self.lay.loss.y);
                for j in 0..layers[last] {
                    let c = self.lay.neuron(last, j);
                    let text = label_each(layers[last]).then(|| self.fmt(self.trace.a[last][j]));
                    self.pulse(c.lerp(target, p), self.theme.text, text);
                }
            }
            (StepKind::Delta, Place::Neuron { layer, index }) => {
                let delta_color = self.theme.gradient;
                if self.is_output(layer) {
                    let from = Point::new(self.lay.loss_rect().x, self.lay.loss.y);
                    let to = self.lay.neuron(layer, index);
                    let text = Some(self.fmt(self.trace.delta[layer][index]));
                    self.pulse(from.lerp(to, p), delta_color, text);
                } else {
                    let next = layers[layer + 1];
                    for k in 0..next {
                        let w = self.view.step.before.weights[layer][index][k];
                        let value = w * self.trace.delta[layer + 1][k];
                        let (to, from) = self.lay.edge(layer, index, k);
                        let text = label_each(next).then(|| self.fmt(value));
                        self.pulse(from.lerp(to, p), delta_color, text);
                    }
                }
            }
            (StepKind::WeightGrad, Place::Weight { layer, from, to }) => {
                let (a, b) = self.lay.edge(layer, from, to);
                self.pulse(b.lerp(a, p), self.theme.gradient, None);
            }
            _ => {}
        }
    }

    fn anchors(&mut self) {
        let layers = self.layers().to_vec();
        let r = self.lay.radius;
        for (layer, &n) in layers.iter().enumerate() {
            for j in 0..n {
                let place = Place::Neuron { layer, index: j };
                let description = if self.view.describe {
                    let (below, above) = self.neuron_lines(layer, j);
                    let mut parts = below;
                    parts.extend(above);
                    format!(
                        "neuron {}: {}",
                        self.names.neuron_label(layer, j),
                        parts.join(", ")
                    )
                } else {
                    String::new()
                };
                self.anchors.push(Anchor {
                    target: place,
                    rect: Rect::centered(self.lay.neuron(layer, j), 2.0 * r, 2.0 * r),
                    name: self.names.neuron_label(layer, j),
                    description,
                });
            }
            if layer + 1 < layers.len() {
                for j in 0..layers[layer + 1] {
                    for i in 0..n {
                        let place = Place::Weight {
                            layer,
                            from: i,
                            to: j,
                        };
                        let rect = match self.label_boxes.iter().find(|(t, _)| *t == place) {
                            Some((_, rect)) => *rect,
                            None => {
                                let (a, b) = self.lay.edge(layer, i, j);
                                Rect::centered(a.lerp(b, 0.3), 14.0, 14.0)
                            }
                        };
                        let name = self.names.w(layer, i, j).to_text();
                        let description = if self.view.describe {
                            format!(
                                "weight {name} from {} to {}: {}",
                                self.names.neuron_label(layer, i),
                                self.names.neuron_label(layer + 1, j),
                                self.edge_lines(layer, i, j).join(", ")
                            )
                        } else {
                            String::new()
                        };
                        self.anchors.push(Anchor {
                            target: place,
                            rect,
                            name,
                            description,
                        });
                    }
                }
            }
        }
        let shown = self.shown(StepKind::Loss, Place::Loss);
        self.anchors.push(Anchor {
            target: Place::Loss,
            rect: self.lay.loss_rect(),
            name: "J".into(),
            description: if shown > 0.0 {
                format!("loss J = {}", self.fmt(self.trace.loss))
            } else {
                "loss J, not computed yet".into()
            },
        });
    }
}

/// At least as many characters as `number_text(x, digits)` takes, computed without formatting.
fn number_width(x: f64, digits: usize) -> usize {
    if !x.is_finite() {
        return 3;
    }
    let sign = usize::from(x < 0.0);
    if x == 0.0 {
        return 1;
    }
    let digits = digits.clamp(1, 17) as i32;
    let width = |e: i32| -> i32 {
        if (-4..6).contains(&e) {
            if e < 0 {
                2 + (-e - 1) + digits
            } else if digits > e + 1 {
                digits + 1
            } else {
                e + 1
            }
        } else {
            // d.ddd×10 and up to four superscript characters.
            digits + 1 + 3 + 4
        }
    };
    // Rounding can carry into the next power of ten, so take the wider of the two.
    let e = x.abs().log10().floor() as i32;
    sign + width(e).max(width(e + 1)) as usize
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
    use super::number_width;
    use crate::explain::math::number_text;
    use crate::nn::rng::Rng;

    #[test]
    fn number_width_never_underestimates() {
        let mut rng = Rng::new(3);
        for _ in 0..20_000 {
            let x = rng.uniform(-1.0, 1.0) * 10f64.powi(rng.below(24) as i32 - 12);
            for digits in [2, 4, 6, 8] {
                let shown = number_text(x, digits).chars().count();
                assert!(
                    number_width(x, digits) >= shown,
                    "{x} at {digits} digits: {shown} chars"
                );
            }
        }
        for x in [0.0, 9.9999, -9.99996, 99999.7, 0.00099999, 1e300, -1e-300] {
            assert!(
                number_width(x, 4) >= number_text(x, 4).chars().count(),
                "{x}"
            );
        }
    }
}
