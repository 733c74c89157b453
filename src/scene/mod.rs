//! The picture as data: network + trace + timeline position → a display list of shapes, with
//! hit areas for pointing and anchors for keyboard focus. Pure; the canvas painter in `web`
//! only draws what this produces, so layout, labels and hit-testing are tested on the host.

pub mod build;
mod build_labels;
mod build_overlays;
pub mod labels;
pub mod layout;
mod marks;
pub mod plot;
pub mod svg;
pub mod theme;
pub mod timeline;

pub use build::{build_scene, build_scene_with, View};
pub use labels::PlacementLog;
pub use layout::{layout, Layout, Point, Rect};
pub use marks::add_marks;
pub use theme::{Color, Theme, ThemeName};
pub use timeline::Timeline;

use crate::explain::Place;
use crate::nn::clamp;

/// Something on the canvas a person can point at: a neuron, an edge (weight), a bias, the loss.
pub type Target = Place;

/// The dash and gap lengths of a dashed line of this width (dashes grow with the line, so
/// thick negative edges still read as dashed).
pub fn dash_pattern(width: f64) -> (f64, f64) {
    ((2.0 * width).max(6.0), (1.2 * width).max(4.0))
}

/// The order a painter draws lines in: solid ones first, in order, then the dashed ones grouped
/// by `quarter(width)` (narrowest first; each group shares one dash pattern, and setting one is
/// a costly canvas call), in order within a group. A counting sort:
/// widths are a few dozen quarter pixels, and a general sort would add kilobytes to the page.
pub fn line_order(lines: &[Shape], quarter: impl Fn(f64) -> f64) -> Vec<usize> {
    let dashed_width = |shape: &Shape| match shape {
        Shape::Line {
            dashed: true,
            width,
            ..
        } => Some(clamp(quarter(*width), 0.0, 4096.0) as usize),
        _ => None,
    };
    let mut order: Vec<usize> = (0..lines.len())
        .filter(|k| dashed_width(&lines[*k]).is_none())
        .collect();
    let widest = lines.iter().filter_map(dashed_width).max();
    if let Some(widest) = widest {
        let mut start = vec![0usize; widest + 2];
        for w in lines.iter().filter_map(dashed_width) {
            start[w + 1] += 1;
        }
        for k in 1..start.len() {
            start[k] += start[k - 1];
        }
        let base = order.len();
        order.resize(lines.len(), 0);
        for (k, line) in lines.iter().enumerate() {
            if let Some(w) = dashed_width(line) {
                order[base + start[w]] = k;
                start[w] += 1;
            }
        }
    }
    order
}

/// How text is aligned on its anchor point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// Anchor at the left end.
    Left,
    /// Anchor in the middle.
    Center,
    /// Anchor at the right end.
    Right,
}

/// One thing to draw.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    /// A straight line.
    Line {
        /// Start.
        from: Point,
        /// End.
        to: Point,
        /// Colour.
        color: Color,
        /// Width in CSS pixels.
        width: f64,
        /// Dashed (negative weights, inactive neurons).
        dashed: bool,
    },
    /// A circle.
    Circle {
        /// Centre.
        center: Point,
        /// Radius.
        radius: f64,
        /// Fill, if any.
        fill: Option<Color>,
        /// Outline colour, if any.
        stroke: Option<Color>,
        /// Outline width.
        width: f64,
        /// Dashed outline.
        dashed: bool,
    },
    /// A rounded rectangle.
    Rect {
        /// Position and size.
        rect: Rect,
        /// Corner radius.
        corner: f64,
        /// Fill, if any.
        fill: Option<Color>,
        /// Outline colour, if any.
        stroke: Option<Color>,
        /// Outline width.
        width: f64,
    },
    /// A neuron's heatmap thumbnail (data-set mode): image `index` (non-input neurons counted
    /// layer by layer) drawn in a disc.
    Thumb {
        /// Which neuron's image.
        index: usize,
        /// Centre.
        center: Point,
        /// Radius of the disc.
        radius: f64,
    },
    /// A path through points, open (a polyline) or closed (a polygon).
    Path {
        /// Its points, in order.
        points: Vec<Point>,
        /// Whether the last point joins the first.
        closed: bool,
        /// Fill, if any (closed paths).
        fill: Option<Color>,
        /// Outline colour, if any.
        stroke: Option<Color>,
        /// Outline width.
        width: f64,
        /// Dash pattern `(on, off)`, or `None` for a solid line.
        dash: Option<(f64, f64)>,
    },
    /// One line of text, vertically centred on `at`.
    Text {
        /// Anchor point.
        at: Point,
        /// The text (never HTML).
        text: String,
        /// Font size in CSS pixels.
        size: f64,
        /// Colour.
        color: Color,
        /// Horizontal alignment on the anchor.
        align: Align,
        /// Bold.
        bold: bool,
    },
}

/// A region that answers to the pointer.
#[derive(Clone, Debug, PartialEq)]
pub enum HitArea {
    /// A disc.
    Circle {
        /// Centre.
        center: Point,
        /// Radius.
        radius: f64,
    },
    /// A thick segment.
    Segment {
        /// Start.
        from: Point,
        /// End.
        to: Point,
        /// Half-thickness.
        tolerance: f64,
    },
    /// A rectangle.
    Rect(Rect),
}

/// A hit area and what it stands for.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    /// What is pointed at.
    pub target: Target,
    /// Where.
    pub area: HitArea,
}

/// A target's place for keyboard focus and assistive technology: a box and a description.
#[derive(Clone, Debug, PartialEq)]
pub struct Anchor {
    /// What the anchor stands for.
    pub target: Target,
    /// Where to put the focusable element (the point to press is its centre).
    pub rect: Rect,
    /// A short name (`w6`, `h1`, `loss`).
    pub name: String,
    /// A sentence describing the target and its numbers.
    pub description: String,
}

/// The finished picture.
#[derive(Clone, Debug, PartialEq)]
pub struct Scene {
    /// Canvas width in CSS pixels.
    pub width: f64,
    /// Canvas height in CSS pixels.
    pub height: f64,
    /// Background colour.
    pub background: Color,
    /// Shapes in drawing order.
    pub shapes: Vec<Shape>,
    /// Hit areas, most specific first.
    pub hits: Vec<Hit>,
    /// One anchor per target, in a sensible focus order (layer by layer).
    pub anchors: Vec<Anchor>,
    /// Label boxes drawn, for overlap checks.
    pub label_boxes: Vec<(Target, Rect)>,
    /// Targets whose labels had no room and show only on hover or focus.
    pub hidden_labels: Vec<Target>,
    /// Which shapes draw which network part: `(shape index, "edge" or "neuron", name)`.
    pub tags: Vec<(usize, String, String)>,
    /// Where the timeline's current step happens (highlighted), unless the timeline is at its end.
    pub current: Option<Target>,
}

impl Scene {
    /// The target under point `p`, if any: labels and neurons before edges, the nearest edge wins.
    pub fn hit_test(&self, p: Point) -> Option<Target> {
        let mut best_edge: Option<(f64, Target)> = None;
        for hit in &self.hits {
            match &hit.area {
                HitArea::Circle { center, radius } => {
                    if center.distance(p) <= *radius {
                        return Some(hit.target);
                    }
                }
                HitArea::Rect(r) => {
                    if r.contains(p) {
                        return Some(hit.target);
                    }
                }
                HitArea::Segment {
                    from,
                    to,
                    tolerance,
                } => {
                    let d = layout::distance_to_segment(p, *from, *to);
                    if d <= *tolerance && best_edge.is_none_or(|(bd, _)| d < bd) {
                        best_edge = Some((d, hit.target));
                    }
                }
            }
        }
        best_edge.map(|(_, t)| t)
    }

    /// The anchor of a target.
    pub fn anchor(&self, target: Target) -> Option<&Anchor> {
        self.anchors.iter().find(|a| a.target == target)
    }
}
