//! Where things go: neurons in columns left to right, the loss node last, bias badges under
//! their neurons, all scaled to the canvas size.

/// A point in CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    /// Horizontal, from the left.
    pub x: f64,
    /// Vertical, from the top.
    pub y: f64,
}

impl Point {
    /// A point.
    pub fn new(x: f64, y: f64) -> Point {
        Point { x, y }
    }

    /// The point a fraction `t` of the way to `other`.
    pub fn lerp(self, other: Point, t: f64) -> Point {
        Point::new(
            self.x + (other.x - self.x) * t,
            self.y + (other.y - self.y) * t,
        )
    }

    /// Distance to another point.
    pub fn distance(self, other: Point) -> f64 {
        ((self.x - other.x).powi(2) + (self.y - other.y).powi(2)).sqrt()
    }
}

/// An axis-aligned rectangle.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl Rect {
    /// The rectangle at `(x, y)` (its top left corner) of size `w × h`.
    pub fn new(x: f64, y: f64, w: f64, h: f64) -> Rect {
        Rect { x, y, w, h }
    }

    /// A rectangle of size `w × h` centred on `c`.
    pub fn centered(c: Point, w: f64, h: f64) -> Rect {
        Rect {
            x: c.x - w / 2.0,
            y: c.y - h / 2.0,
            w,
            h,
        }
    }

    /// Whether two rectangles overlap (touching edges do not count).
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.x + other.w
            && other.x < self.x + self.w
            && self.y < other.y + other.h
            && other.y < self.y + self.h
    }

    /// Whether the point lies inside.
    pub fn contains(&self, p: Point) -> bool {
        p.x >= self.x && p.x <= self.x + self.w && p.y >= self.y && p.y <= self.y + self.h
    }

    /// The centre.
    pub fn center(&self) -> Point {
        Point::new(self.x + self.w / 2.0, self.y + self.h / 2.0)
    }
}

/// Positions of everything on the canvas.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// Canvas width in CSS pixels.
    pub width: f64,
    /// Canvas height in CSS pixels.
    pub height: f64,
    /// Neuron centres, `[layer][index]`.
    pub neurons: Vec<Vec<Point>>,
    /// Neuron radius.
    pub radius: f64,
    /// Centre of the loss node.
    pub loss: Point,
    /// Size of the loss node.
    pub loss_size: (f64, f64),
    /// Vertical distance between neighbouring neurons in the fullest layer.
    pub min_spacing: f64,
    /// Font size for labels.
    pub font: f64,
}

/// Lays out a network with `sizes` neurons per layer on a `width × height` canvas.
pub fn layout(sizes: &[usize], width: f64, height: f64) -> Layout {
    let width = if width.is_finite() {
        width.max(160.0)
    } else {
        640.0
    };
    let height = if height.is_finite() {
        height.max(120.0)
    } else {
        400.0
    };
    // One column per layer, and a narrower one for the loss node.
    let column_width = width / (sizes.len() as f64 + 0.8);
    let top = 40.0;
    let bottom = 52.0;
    let usable = (height - top - bottom).max(40.0);
    let fullest = sizes.iter().copied().max().unwrap_or(1).max(1);
    let min_spacing = usable / fullest as f64;
    let radius = crate::nn::clamp((min_spacing * 0.3).min(column_width * 0.16), 7.0, 26.0);
    let font = crate::nn::clamp(column_width / 18.0, 9.5, 11.5);
    let neurons = sizes
        .iter()
        .enumerate()
        .map(|(layer, &n)| {
            let x = column_width * (layer as f64 + 0.5);
            // A layer spreads over the height, keeping a quarter of a slot free at each end.
            let slots = n.max(1) as f64;
            let spacing = if n > 1 { usable / (slots - 0.5) } else { 0.0 };
            let span = spacing * (slots - 1.0);
            let first = top + usable / 2.0 - span / 2.0;
            (0..n)
                .map(|i| Point::new(x, first + spacing * i as f64))
                .collect()
        })
        .collect();
    let loss_w = crate::nn::clamp(column_width * 0.75, 44.0, 150.0);
    let loss_x = (column_width * (sizes.len() as f64 + 0.4)).min(width - loss_w / 2.0 - 2.0);
    let loss = Point::new(loss_x, top + usable / 2.0);
    Layout {
        width,
        height,
        neurons,
        radius,
        loss,
        loss_size: (loss_w, 44.0),
        min_spacing,
        font,
    }
}

impl Layout {
    /// Where neuron `(layer, index)` is.
    pub fn neuron(&self, layer: usize, index: usize) -> Point {
        self.neurons
            .get(layer)
            .and_then(|l| l.get(index))
            .copied()
            .unwrap_or(Point::new(0.0, 0.0))
    }

    /// The loss node's rectangle.
    pub fn loss_rect(&self) -> Rect {
        Rect::centered(self.loss, self.loss_size.0, self.loss_size.1)
    }

    /// Where the bias badge of neuron `(layer, index)` goes (below-left of the neuron).
    pub fn bias(&self, layer: usize, index: usize) -> Point {
        let c = self.neuron(layer, index);
        Point::new(c.x - self.radius * 0.95, c.y + self.radius * 0.95)
    }

    /// The start and end of an edge, trimmed to the neuron circles.
    pub fn edge(&self, layer: usize, from: usize, to: usize) -> (Point, Point) {
        let a = self.neuron(layer, from);
        let b = self.neuron(layer + 1, to);
        let d = a.distance(b).max(1e-9);
        let t = (self.radius / d).min(0.45);
        (a.lerp(b, t), b.lerp(a, t))
    }
}

/// Distance from `p` to the segment `a–b`.
pub fn distance_to_segment(p: Point, a: Point, b: Point) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len2 = dx * dx + dy * dy;
    if len2 == 0.0 {
        return p.distance(a);
    }
    let t = crate::nn::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / len2, 0.0, 1.0);
    p.distance(Point::new(a.x + t * dx, a.y + t * dy))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layers_go_left_to_right_and_neurons_top_to_bottom() {
        let l = layout(&[2, 2, 1], 900.0, 480.0);
        assert!(l.neuron(0, 0).x < l.neuron(1, 0).x && l.neuron(1, 0).x < l.neuron(2, 0).x);
        assert!(l.neuron(2, 0).x < l.loss.x);
        assert!(l.neuron(0, 0).y < l.neuron(0, 1).y);
        // A single neuron sits at the vertical centre of the layers above and below it.
        let mid = (l.neuron(1, 0).y + l.neuron(1, 1).y) / 2.0;
        assert!((l.neuron(2, 0).y - mid).abs() < 1e-9);
    }

    #[test]
    fn everything_fits_inside_the_canvas() {
        for (w, h) in [(320.0, 240.0), (900.0, 480.0), (1600.0, 900.0)] {
            for sizes in [vec![2, 2, 1], vec![2, 8, 8, 8, 1], vec![4, 8, 8, 8, 8, 3]] {
                let l = layout(&sizes, w, h);
                for layer in &l.neurons {
                    for p in layer {
                        assert!(
                            p.x - l.radius >= 0.0 && p.x + l.radius <= w,
                            "{sizes:?} at {w}x{h}"
                        );
                        assert!(
                            p.y - l.radius >= 0.0 && p.y + l.radius <= h,
                            "{sizes:?} at {w}x{h}"
                        );
                    }
                }
                let r = l.loss_rect();
                assert!(
                    r.x >= 0.0 && r.x + r.w <= w,
                    "loss node fits {sizes:?} at {w}x{h}"
                );
            }
        }
    }

    #[test]
    fn neurons_of_a_layer_never_overlap() {
        let l = layout(&[2, 8, 8, 8, 1], 900.0, 480.0);
        for layer in &l.neurons {
            for pair in layer.windows(2) {
                assert!(pair[0].distance(pair[1]) >= 2.0 * l.radius, "{pair:?}");
            }
        }
    }

    #[test]
    fn segment_distance() {
        let a = Point::new(0.0, 0.0);
        let b = Point::new(10.0, 0.0);
        assert_eq!(distance_to_segment(Point::new(5.0, 3.0), a, b), 3.0);
        assert_eq!(distance_to_segment(Point::new(-4.0, 3.0), a, b), 5.0);
    }
}
