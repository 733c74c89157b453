//! Data-set mode's two pictures as display lists: the data plot (grid lines, the points with
//! their class shapes, the picked point's ring) and the loss chart (training loss solid, test
//! loss dashed, by epoch, with its scale). The decision map under the plot is an image (see
//! [`crate::playground::output_pixels`]); everything drawn over it is here.
//!
//! The plot shows the square `[−EXTENT, EXTENT]²` of the plane, x1 to the right, x2 up.

use super::{Align, Color, Point, Rect, Shape};
use crate::decimal::Fixed;
use crate::explain::number::number_text;
use crate::nn::data::EXTENT;
use crate::playground::{colors, LossPoint, Pick, Playground, Problem};

/// Where a point of the plane is on a plot `side` CSS pixels wide.
pub fn to_plot(x1: f64, x2: f64, side: f64) -> Point {
    Point::new(
        (x1 + EXTENT) / (2.0 * EXTENT) * side,
        (EXTENT - x2) / (2.0 * EXTENT) * side,
    )
}

/// The point of the plane at CSS pixel `(px, py)` of a plot `side` pixels wide.
pub fn from_plot(px: f64, py: f64, side: f64) -> (f64, f64) {
    (
        px / side * 2.0 * EXTENT - EXTENT,
        EXTENT - py / side * 2.0 * EXTENT,
    )
}

/// How far from a click, in CSS pixels, a point is still picked by it.
pub const PICK_RADIUS_PX: f64 = 10.0;

/// The pick radius in the plane's units, on a plot `side` pixels wide.
pub fn pick_radius(side: f64) -> f64 {
    PICK_RADIUS_PX / side.max(1.0) * 2.0 * EXTENT
}

fn rgb(c: [u8; 3]) -> Color {
    Color {
        r: c[0],
        g: c[1],
        b: c[2],
        a: 1.0,
    }
}

/// The plot's grid lines (every 2 units) and its data points, on a transparent background:
/// class 0 orange circles, class 1 blue squares, class 2 green triangles (a regression value
/// is a circle coloured by its value); training points outlined light, test points dark.
pub fn points_layer(pg: &Playground, side: f64, dark: bool) -> Vec<Shape> {
    let mut shapes = Vec::new();
    let ink = if dark {
        Color::hex(0xe6e9f0).with_alpha(0.35)
    } else {
        Color::hex(0x141820).with_alpha(0.25)
    };
    for k in -3..=3 {
        let v = f64::from(k) * 2.0;
        let x = to_plot(v, 0.0, side).x;
        let y = to_plot(0.0, v, side).y;
        for (from, to) in [
            (Point::new(x, 0.0), Point::new(x, side)),
            (Point::new(0.0, y), Point::new(side, y)),
        ] {
            shapes.push(Shape::Line {
                from,
                to,
                color: ink,
                width: 1.0,
                dashed: false,
            });
        }
    }
    let regression = pg.settings().problem == Problem::Regression;
    let neutral = colors::neutral(dark);
    let r = 3.6;
    for (test, set) in [(false, pg.train_set()), (true, pg.test_set())] {
        let outline = Some(if test {
            Color::hex(0x111111)
        } else {
            Color::hex(0xffffff)
        });
        let width = if test { 1.6 } else { 1.2 };
        for (p, label) in set.points.iter().zip(&set.labels) {
            let c = to_plot(p.0, p.1, side);
            let fill = Some(rgb(if regression {
                colors::diverging(*label, neutral)
            } else {
                colors::CLASSES[(*label as usize).min(2)]
            }));
            shapes.push(match (regression, *label as usize) {
                (false, 1) => Shape::Rect {
                    rect: Rect::new(c.x - r, c.y - r, 2.0 * r, 2.0 * r),
                    corner: 0.0,
                    fill,
                    stroke: outline,
                    width,
                },
                (false, 2) => Shape::Path {
                    points: vec![
                        Point::new(c.x, c.y - r * 1.2),
                        Point::new(c.x + r * 1.1, c.y + r * 0.9),
                        Point::new(c.x - r * 1.1, c.y + r * 0.9),
                    ],
                    closed: true,
                    fill,
                    stroke: outline,
                    width,
                    dash: None,
                },
                _ => Shape::Circle {
                    center: c,
                    radius: r,
                    fill,
                    stroke: outline,
                    width,
                    dashed: false,
                },
            });
        }
    }
    shapes
}

/// The ring around the picked point, if it exists.
pub fn pick_ring(pg: &Playground, side: f64, dark: bool) -> Option<Shape> {
    let (x1, x2, _) = pg.point(pg.pick)?;
    Some(Shape::Circle {
        center: to_plot(x1, x2, side),
        radius: 8.0,
        fill: None,
        stroke: Some(if dark {
            Color::hex(0xffd54a)
        } else {
            Color::hex(0xb8002e)
        }),
        width: 2.5,
        dashed: false,
    })
}

/// The picked point as the plot's `data-pick` says it: `train:3`, `test:0`.
pub fn pick_name(pick: Pick) -> String {
    format!(
        "{}:{}",
        if pick.test { "test" } else { "train" },
        pick.index
    )
}

/// The loss chart: its shapes, and its scale in words (for the chart's `aria-label` and for
/// tests).
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    /// Background, both loss lines, the scale's labels.
    pub shapes: Vec<Shape>,
    /// The scale, `0 to 0.69, epochs 0 to 12` (empty before two epochs are recorded).
    pub scale: String,
    /// The chart described for a screen reader.
    pub description: String,
}

/// The test loss's line: class 0's orange.
const TEST_LINE: Color = Color::hex(0xe87d1c);

/// The losses by epoch drawn on a chart `w` × `h` CSS pixels: training loss solid, test loss
/// dashed, from 0 at the bottom to the largest finite loss at the top.
pub fn loss_chart(history: &[LossPoint], w: f64, h: f64, dark: bool) -> Chart {
    let background = if dark {
        Color::hex(0x1b1f27)
    } else {
        Color::hex(0xfbfbfc)
    };
    let mut shapes = vec![Shape::Rect {
        rect: Rect::new(0.0, 0.0, w, h),
        corner: 0.0,
        fill: Some(background),
        stroke: None,
        width: 0.0,
    }];
    let top = history
        .iter()
        .flat_map(|p| [p.train, p.test])
        .filter(|v| v.is_finite())
        .fold(0.0f64, f64::max)
        .max(1e-9);
    let last = history.last().map_or(1.0, |p| p.epoch).max(1e-9);
    let pad = 4.0;
    let xy = |epoch: f64, v: f64| {
        Point::new(
            pad + epoch / last * (w - 2.0 * pad),
            h - pad - (v.min(top) / top) * (h - 2.0 * pad),
        )
    };
    let ink = if dark {
        Color::hex(0xe6e9f0)
    } else {
        Color::hex(0x1f2430)
    };
    for (test, color) in [(false, ink), (true, TEST_LINE)] {
        let points: Vec<Point> = history
            .iter()
            .map(|p| xy(p.epoch, if test { p.test } else { p.train }))
            .collect();
        if points.len() > 1 {
            shapes.push(Shape::Path {
                points,
                closed: false,
                fill: None,
                stroke: Some(color),
                width: 1.8,
                dash: test.then_some((5.0, 3.0)),
            });
        }
    }
    let muted = if dark {
        Color::hex(0xaab1bf)
    } else {
        Color::hex(0x5b6270)
    };
    let text = |at: Point, text: String, align: Align| Shape::Text {
        at,
        text,
        size: 10.0,
        color: muted,
        align,
        bold: false,
    };
    if history.len() < 2 {
        // The longest hint that fits: a 10 px monospace character is about 6 px wide.
        let room = ((w - 2.0 * pad) / 6.2).floor() as usize;
        let hint = [
            "Train to draw the losses here",
            "Train to see the losses",
            "Train first",
        ]
        .into_iter()
        .find(|hint| hint.chars().count() <= room)
        .unwrap_or("…");
        shapes.push(text(
            Point::new(w / 2.0, h / 2.0),
            hint.into(),
            Align::Center,
        ));
        return Chart {
            shapes,
            scale: String::new(),
            description: "Training loss (solid) and test loss (dashed) by epoch: not trained yet"
                .into(),
        };
    }
    let top_text = number_text(top, 2);
    let epochs = Fixed(last.floor(), 0).to_string();
    shapes.push(text(
        Point::new(w - pad, pad + 6.0),
        top_text.clone(),
        Align::Right,
    ));
    shapes.push(text(
        Point::new(w - pad, h - pad - 6.0),
        format!("epoch {epochs}"),
        Align::Right,
    ));
    shapes.push(text(
        Point::new(pad, h - pad - 6.0),
        "0".into(),
        Align::Left,
    ));
    Chart {
        shapes,
        scale: format!("0 to {top_text}, epochs 0 to {epochs}"),
        description: format!(
            "Training loss (solid) and test loss (dashed) by epoch: from 0 to {top_text} on the vertical axis, epochs 0 to {epochs}"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plot_coordinates_go_there_and_back() {
        let p = to_plot(-EXTENT, EXTENT, 300.0);
        assert_eq!((p.x, p.y), (0.0, 0.0));
        let p = to_plot(EXTENT, -EXTENT, 300.0);
        assert_eq!((p.x, p.y), (300.0, 300.0));
        let (x1, x2) = from_plot(75.0, 150.0, 300.0);
        let back = to_plot(x1, x2, 300.0);
        assert!((back.x - 75.0).abs() < 1e-12 && (back.y - 150.0).abs() < 1e-12);
        assert!((pick_radius(300.0) - 10.0 / 300.0 * 2.0 * EXTENT).abs() < 1e-15);
    }

    #[test]
    fn the_chart_scales_to_the_largest_finite_loss() {
        let history = [
            LossPoint {
                epoch: 0.0,
                train: 0.7,
                test: f64::INFINITY,
            },
            LossPoint {
                epoch: 12.0,
                train: 0.2,
                test: 0.3,
            },
        ];
        let chart = loss_chart(&history, 300.0, 90.0, false);
        assert_eq!(chart.scale, "0 to 0.7, epochs 0 to 12");
        let lines = chart
            .shapes
            .iter()
            .filter(|s| matches!(s, Shape::Path { .. }))
            .count();
        assert_eq!(lines, 2);
        let empty = loss_chart(&history[..1], 300.0, 90.0, true);
        assert_eq!(empty.scale, "");
        assert!(empty.description.ends_with("not trained yet"));
        // The hint fits the chart: whole on a wide one, shorter on a phone's.
        let hint = |w: f64| {
            loss_chart(&[], w, 90.0, false)
                .shapes
                .iter()
                .find_map(|s| match s {
                    Shape::Text { text, .. } => Some(text.clone()),
                    _ => None,
                })
                .unwrap_or_default()
        };
        assert_eq!(hint(300.0), "Train to draw the losses here");
        assert_eq!(hint(160.0), "Train to see the losses");
        assert!(hint(160.0).chars().count() as f64 * 6.2 <= 160.0 - 8.0);
    }
}
