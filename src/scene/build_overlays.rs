//! The overlay pass of the scene builder: values travelling along edges while a step plays, and
//! the anchors that keyboard focus and screen readers use.

use super::build::Builder;
use super::labels::{CHAR_WIDTH, LINE_HEIGHT};
use super::layout::{Point, Rect};
use super::theme::Color;
use super::{Align, Anchor, Shape};
use crate::explain::{Place, StepKind};

impl Builder<'_> {
    pub(super) fn pulse(&mut self, at: Point, color: Color, text: Option<String>) {
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
    pub(super) fn pulses(&mut self) {
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

    pub(super) fn anchors(&mut self) {
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
