//! The label pass of the scene builder: the text under and above each neuron and on each edge,
//! placed so that no two overlap; what has no room is kept for hover and focus.

use super::build::Builder;
use super::labels::{box_size, CHAR_WIDTH, LINE_HEIGHT};
use super::layout::{Point, Rect};
use super::theme::Color;
use super::{Align, Hit, HitArea, Shape, Target};
use crate::explain::{Place, StepKind};
use crate::nn::clamp;

/// Networks with at most this many weights try the farther label slots and keep labels off
/// the edges' crossings (the largest preset, 2-3-3-1 in `deep_tanh`, has 18; 2-8-8-8-1 has
/// 152, and its labels, which mostly find no room, would only cost time).
const FAR_SLOTS_MAX_EDGES: usize = 48;

impl Builder<'_> {
    /// The text under a neuron (its values) and above it (its delta), at full length.
    pub(super) fn neuron_lines(&self, layer: usize, j: usize) -> (Vec<String>, Vec<String>) {
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
            // An output neuron is drawn as ŷ and its value is a3: the line says they are one.
            if layer + 1 == self.layers().len() {
                format!(
                    "{} = {} = {}",
                    n.neuron_label(layer, j),
                    n.a(layer, j).to_text(),
                    reveal(StepKind::Activation, self.trace.a[layer][j])
                )
            } else {
                format!(
                    "{} = {}",
                    n.a(layer, j).to_text(),
                    reveal(StepKind::Activation, self.trace.a[layer][j])
                )
            },
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

    pub(super) fn neuron_labels(&mut self) {
        let layers = self.layers().to_vec();
        let r = self.lay.radius;
        for (layer, &n) in layers.iter().enumerate() {
            for j in 0..n {
                let place = Place::Neuron { layer, index: j };
                let c = self.lay.neuron(layer, j);
                let (below, above) = self.neuron_lines(layer, j);
                // Sized for the lines once every step is done: the same lines when it is.
                let ((w, h), (dw, dh)) = if self.finished {
                    (
                        box_size(&below, self.lay.font),
                        box_size(&above, self.lay.font),
                    )
                } else {
                    let (final_below, final_above) = self.final_lines(|b| b.neuron_lines(layer, j));
                    (
                        box_size(&final_below, self.lay.font),
                        box_size(&final_above, self.lay.font),
                    )
                };
                let below_rect = Rect::centered(Point::new(c.x, c.y + r + 3.0 + h / 2.0), w, h);
                let color = self.theme.text;
                self.place_label(place, |_| below, vec![below_rect], color);
                if layer > 0 {
                    let delta_lines = if above.is_empty() {
                        vec![String::new()]
                    } else {
                        above
                    };
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

    pub(super) fn edge_lines(&self, l: usize, i: usize, j: usize) -> Vec<String> {
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
            // With several samples the update uses the mean gradient, not this sample's: once
            // the update shows, the label says so and gives the mean.
            let batch = self.view.step.samples.len() > 1;
            lines.push(if batch && update > 0.0 {
                format!(
                    "mean ∂J/∂{name} = {}",
                    self.fmt(self.view.step.weight_grads[l][i][j])
                )
            } else {
                format!(
                    "∂J/∂{name} = {}",
                    self.fmt(self.trace.weight_grads[l][i][j])
                )
            });
        }
        let shown_weight = if update >= 1.0 { new } else { old };
        if !shown_weight.is_finite() || !self.view.step.weight_grads[l][i][j].is_finite() {
            lines.push("overflow".into());
        }
        lines
    }

    /// The size of an edge's label once every step is done, from the widths of its numbers
    /// (without formatting them: most labels of a large network are never drawn).
    pub(super) fn edge_label_size(&self, l: usize, i: usize, j: usize) -> (f64, f64) {
        let digits = self.view.digits;
        let name = self.names.weight_number(l, i, j).to_string().len() + 1;
        let old = number_width(self.view.step.before.weights[l][i][j], digits);
        let new = number_width(self.view.step.after.weights[l][i][j], digits);
        let grad = number_width(self.trace.weight_grads[l][i][j], digits);
        let first = name + 3 + old + 3 + new;
        let second = if self.view.step.samples.len() > 1 {
            let mean = number_width(self.view.step.weight_grads[l][i][j], digits);
            (4 + name + 3 + grad).max(5 + 4 + name + 3 + mean)
        } else {
            4 + name + 3 + grad
        };
        let font = self.lay.font;
        let overflow = !self.view.step.after.weights[l][i][j].is_finite()
            || !self.view.step.before.weights[l][i][j].is_finite()
            || !self.view.step.weight_grads[l][i][j].is_finite();
        let lines = if overflow { 3.0 } else { 2.0 };
        (
            first.max(second) as f64 * font * CHAR_WIDTH + 2.0 * super::labels::PADDING,
            lines * font * LINE_HEIGHT + super::labels::PADDING,
        )
    }

    pub(super) fn edge_labels(&mut self) {
        let layers = self.layers().to_vec();
        let edges: usize = layers.windows(2).map(|p| p[0] * p[1]).sum();
        let few_edges = edges <= FAR_SLOTS_MAX_EDGES;
        for l in 0..layers.len() - 1 {
            let crossings = if few_edges {
                self.crossings(l)
            } else {
                Vec::new()
            };
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
                    let mut candidates = Vec::with_capacity(45);
                    // A label wider than half its edge (a weight of a million on a short edge)
                    // may find no room in the line's own slots: a label's height further out
                    // on either side is its last place to try. Only such labels of a small
                    // network try them: in a large one every label is that wide and the
                    // space between the lines is taken, so they would only cost time.
                    let far: &[f64] = if few_edges && w > 0.5 * len {
                        &[-3.0, 3.0]
                    } else {
                        &[]
                    };
                    for (sides, ts) in [
                        (
                            &[0.0, -1.0, 1.0][..],
                            &[0.5, 0.38, 0.62, 0.28, 0.72, 0.2, 0.8, 0.14, 0.86][..],
                        ),
                        (
                            far,
                            &[0.5, 0.38, 0.62, 0.28, 0.72, 0.2, 0.8, 0.14, 0.86][..],
                        ),
                    ] {
                        for &t in ts {
                            let p = from.lerp(to, t);
                            for &side in sides {
                                let q = Point::new(
                                    p.x + normal.x * offset * side,
                                    p.y + normal.y * offset * side,
                                );
                                candidates.push(Rect::centered(q, w, h));
                            }
                        }
                    }
                    if few_edges {
                        // A label over the crossing of two edges reads as either's (or as
                        // theirs, when it is a third edge's): no slot covers a crossing.
                        candidates.retain(|c| !crossings.iter().any(|p| c.contains(*p)));
                        if candidates.is_empty() {
                            candidates.push(Rect::centered(from.lerp(to, 0.5), w, h));
                        }
                    }
                    let color = self.theme.text;
                    self.place_label(place, |b| b.edge_lines(l, i, j), candidates, color);
                }
            }
        }
    }

    /// Where edges between layers `l` and `l + 1` cross: `(i, j)` and `(i2, j2)` cross when one
    /// starts below the other and ends above it.
    fn crossings(&self, l: usize) -> Vec<Point> {
        let layers = self.layers();
        // Between the neurons' centres: every such line starts and ends at the same x.
        let line = |i: usize, j: usize| (self.lay.neuron(l, i), self.lay.neuron(l + 1, j));
        let mut points = Vec::new();
        for i in 0..layers[l] {
            for j in 0..layers[l + 1] {
                for i2 in i + 1..layers[l] {
                    for j2 in 0..j {
                        let ((a0, a1), (b0, b1)) = (line(i, j), line(i2, j2));
                        let slope = (a1.y - a0.y) - (b1.y - b0.y);
                        if slope.abs() > 1e-9 {
                            points.push(a0.lerp(a1, (b0.y - a0.y) / slope));
                        }
                    }
                }
            }
        }
        points
    }

    /// Places a label at the first free candidate, or keeps it for hover and focus. The lines are
    /// only built when they will be drawn.
    pub(super) fn place_label(
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
    pub(super) fn draw_label(&mut self, lines: &[String], slot: Rect, color: Color, strong: bool) {
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
    pub(super) fn emphasised_hidden_labels(&mut self) {
        let hidden = std::mem::take(&mut self.hidden);
        for (target, lines, rect, color) in &hidden {
            let v = self.view;
            if v.hovered == Some(*target)
                || v.focused == Some(*target)
                || v.selected == Some(*target)
            {
                let (w, h) = box_size(lines, self.lay.font);
                let c = rect.center();
                let x = clamp(c.x, w / 2.0, self.lay.width - w / 2.0);
                let y = clamp(c.y, h / 2.0, self.lay.height - h / 2.0);
                self.draw_label(lines, Rect::centered(Point::new(x, y), w, h), *color, true);
            }
        }
        self.hidden = hidden;
    }
}

/// At least as many characters as `number_text(x, digits)` takes, computed without formatting.
pub(super) fn number_width(x: f64, digits: usize) -> usize {
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

#[cfg(test)]
mod tests {
    use super::number_width;
    use crate::explain::number::number_text;
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
