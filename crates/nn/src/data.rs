//! Two-dimensional data sets for the playground, generated from a seed: reproducible points with
//! labels, noise from 0 to 50 %, and a train/test split. Points lie in [−6, 6]².
//!
//! ```
//! use backprop_nn::data::{generate, DataKind};
//! let a = generate(DataKind::Spiral, 500, 0.0, 7);
//! let b = generate(DataKind::Spiral, 500, 0.0, 7);
//! assert_eq!(a, b);
//! assert_eq!(a.points.len(), 500);
//! ```

use crate::clamp;
use std::f64::consts::PI;

use serde::Serialize;

use super::rng::Rng;

/// Half the side of the square the points lie in.
pub const EXTENT: f64 = 6.0;

/// A generated data set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DataKind {
    /// Class 1 inside a circle, class 0 in a ring around it.
    Circle,
    /// Class 1 in two opposite quadrants.
    Xor,
    /// Two Gaussian clouds.
    Gaussians,
    /// Two interleaved spirals.
    Spiral,
    /// Three Gaussian blobs, one class each.
    Blobs,
    /// A regression target that is a tilted plane.
    Plane,
    /// A regression target that is a sum of Gaussian bumps.
    GaussianMixture,
}

impl DataKind {
    /// Every kind, in the order the playground lists them.
    pub const ALL: [DataKind; 7] = [
        DataKind::Circle,
        DataKind::Xor,
        DataKind::Gaussians,
        DataKind::Spiral,
        DataKind::Blobs,
        DataKind::Plane,
        DataKind::GaussianMixture,
    ];

    /// The name files and links use (`"gaussian_mixture"`).
    pub fn name(self) -> &'static str {
        match self {
            DataKind::Circle => "circle",
            DataKind::Xor => "xor",
            DataKind::Gaussians => "gaussians",
            DataKind::Spiral => "spiral",
            DataKind::Blobs => "blobs",
            DataKind::Plane => "plane",
            DataKind::GaussianMixture => "gaussian_mixture",
        }
    }

    /// Whether the labels are numbers to fit rather than classes.
    pub fn is_regression(self) -> bool {
        matches!(self, DataKind::Plane | DataKind::GaussianMixture)
    }

    /// How many classes (1 for regression).
    pub fn classes(self) -> usize {
        match self {
            DataKind::Blobs => 3,
            DataKind::Plane | DataKind::GaussianMixture => 1,
            _ => 2,
        }
    }
}

/// Points with labels: a class index (0, 1, 2…) for classification, a value in [−1, 1] for
/// regression.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DataSet {
    /// The points `(x1, x2)`.
    pub points: Vec<(f64, f64)>,
    /// One label per point.
    pub labels: Vec<f64>,
    /// Number of classes (1 for regression).
    pub classes: usize,
}

impl DataSet {
    /// Splits into a training and a test set: every point whose index is picked by a seeded
    /// shuffle falls in the test set, `test_share` of them (0 to 0.9).
    pub fn split(&self, test_share: f64, seed: u64) -> (DataSet, DataSet) {
        let n = self.points.len();
        let mut order: Vec<usize> = (0..n).collect();
        let mut rng = Rng::new(seed ^ 0x5EED_5EED);
        for k in (1..n).rev() {
            order.swap(k, rng.below(k + 1));
        }
        // At least one point is left to train on (one hand-made point, a share of 50 %, would
        // otherwise go to the test set and leave nothing to learn from or to show).
        let test_count =
            (((n as f64) * clamp(test_share, 0.0, 0.9)).round() as usize).min(n.saturating_sub(1));
        let pick = |idx: &[usize]| DataSet {
            points: idx.iter().map(|&i| self.points[i]).collect(),
            labels: idx.iter().map(|&i| self.labels[i]).collect(),
            classes: self.classes,
        };
        (pick(&order[test_count..]), pick(&order[..test_count]))
    }
}

/// A standard normal number (Box–Muller).
fn normal(rng: &mut Rng) -> f64 {
    let u = rng.next_f64().max(1e-12);
    let v = rng.next_f64();
    (-2.0 * u.ln()).sqrt() * (2.0 * PI * v).cos()
}

/// Generates `count` points of a kind with `noise` (0 to 0.5) from `seed`.
pub fn generate(kind: DataKind, count: usize, noise: f64, seed: u64) -> DataSet {
    let noise = clamp(noise, 0.0, 0.5);
    let mut rng = Rng::new(seed);
    let mut points = Vec::with_capacity(count);
    let mut labels = Vec::with_capacity(count);
    for k in 0..count {
        let (p, label) = match kind {
            DataKind::Circle => {
                let radius = 5.0;
                let inside = k % 2 == 0;
                let r = if inside {
                    rng.uniform(0.0, radius * 0.5)
                } else {
                    rng.uniform(radius * 0.7, radius)
                };
                let angle = rng.uniform(0.0, 2.0 * PI);
                let x = r * angle.cos() + rng.uniform(-radius, radius) * noise;
                let y = r * angle.sin() + rng.uniform(-radius, radius) * noise;
                let label = if (x * x + y * y).sqrt() < radius * 0.5 {
                    1.0
                } else {
                    0.0
                };
                ((x, y), label)
            }
            DataKind::Xor => {
                let padding = 0.3;
                let mut x = rng.uniform(-5.0, 5.0);
                let mut y = rng.uniform(-5.0, 5.0);
                x += if x > 0.0 { padding } else { -padding };
                y += if y > 0.0 { padding } else { -padding };
                let nx = x + rng.uniform(-5.0, 5.0) * noise;
                let ny = y + rng.uniform(-5.0, 5.0) * noise;
                ((nx, ny), if x * y >= 0.0 { 1.0 } else { 0.0 })
            }
            DataKind::Gaussians => {
                let positive = k % 2 == 0;
                let centre = if positive { 2.0 } else { -2.0 };
                let spread = 0.5 + 3.5 * noise;
                (
                    (
                        centre + normal(&mut rng) * spread,
                        centre + normal(&mut rng) * spread,
                    ),
                    if positive { 1.0 } else { 0.0 },
                )
            }
            DataKind::Spiral => {
                let half = count.div_ceil(2).max(1);
                let arm = k % 2;
                let i = k / 2;
                let r = i as f64 / half as f64 * 5.0;
                let t = 1.75 * i as f64 / half as f64 * 2.0 * PI + arm as f64 * PI;
                let x = r * t.sin() + rng.uniform(-1.0, 1.0) * noise;
                let y = r * t.cos() + rng.uniform(-1.0, 1.0) * noise;
                ((x, y), if arm == 0 { 1.0 } else { 0.0 })
            }
            DataKind::Blobs => {
                let class = k % 3;
                let angle = class as f64 * 2.0 * PI / 3.0 + PI / 2.0;
                let spread = 0.6 + 3.0 * noise;
                let (cx, cy) = (3.0 * angle.cos(), 3.0 * angle.sin());
                (
                    (
                        cx + normal(&mut rng) * spread,
                        cy + normal(&mut rng) * spread,
                    ),
                    class as f64,
                )
            }
            DataKind::Plane => {
                let x = rng.uniform(-EXTENT, EXTENT);
                let y = rng.uniform(-EXTENT, EXTENT);
                let label = clamp(
                    (x + y) / (2.0 * EXTENT) + rng.uniform(-1.0, 1.0) * noise,
                    -1.0,
                    1.0,
                );
                ((x, y), label)
            }
            DataKind::GaussianMixture => {
                let x = rng.uniform(-EXTENT, EXTENT);
                let y = rng.uniform(-EXTENT, EXTENT);
                let bumps = [
                    (-2.0, 2.5, 1.0),
                    (0.0, 2.5, -1.0),
                    (2.0, 2.5, 1.0),
                    (-2.0, -2.5, -1.0),
                    (0.0, -2.5, 1.0),
                    (2.0, -2.5, -1.0),
                ];
                let value: f64 = bumps
                    .iter()
                    .map(|(cx, cy, sign)| {
                        sign * (-((x - cx).powi(2) + (y - cy).powi(2)) / 2.0).exp()
                    })
                    .sum();
                (
                    (x, y),
                    clamp(value + rng.uniform(-1.0, 1.0) * noise, -1.0, 1.0),
                )
            }
        };
        points.push((clamp(p.0, -EXTENT, EXTENT), clamp(p.1, -EXTENT, EXTENT)));
        labels.push(label);
    }
    DataSet {
        points,
        labels,
        classes: kind.classes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generators_are_deterministic_and_shaped_right() {
        for kind in DataKind::ALL {
            for noise in [0.0, 0.25, 0.5] {
                let a = generate(kind, 300, noise, 11);
                assert_eq!(a, generate(kind, 300, noise, 11), "{kind:?}");
                // A noiseless spiral is the same curve whatever the seed; everything else moves.
                if kind != DataKind::Spiral || noise > 0.0 {
                    assert!(
                        a.points != generate(kind, 300, noise, 12).points,
                        "{kind:?}: another seed differs"
                    );
                }
                assert_eq!(a.points.len(), 300);
                assert_eq!(a.labels.len(), 300);
                assert!(a
                    .points
                    .iter()
                    .all(|(x, y)| x.abs() <= EXTENT && y.abs() <= EXTENT));
                if kind.is_regression() {
                    assert!(a.labels.iter().all(|l| (-1.0..=1.0).contains(l)));
                } else {
                    for c in 0..kind.classes() {
                        let n = a.labels.iter().filter(|l| **l == c as f64).count();
                        assert!(n > 50, "{kind:?} class {c}: {n} points");
                    }
                }
            }
        }
    }

    #[test]
    fn split_keeps_every_point_once() {
        let d = generate(DataKind::Circle, 200, 0.1, 3);
        let (train, test) = d.split(0.3, 9);
        assert_eq!(train.points.len() + test.points.len(), 200);
        assert_eq!(test.points.len(), 60);
        let mut all: Vec<(f64, f64)> = train.points.iter().chain(&test.points).copied().collect();
        let mut orig = d.points.clone();
        let key = |p: &(f64, f64)| (p.0.to_bits(), p.1.to_bits());
        all.sort_by_key(key);
        orig.sort_by_key(key);
        assert_eq!(all, orig);
    }
}
