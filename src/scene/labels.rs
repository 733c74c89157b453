//! Label boxes: size estimates for monospace text and a greedy placer that never lets two
//! labels overlap. What has no room is left for hover and focus.

use super::layout::Rect;

/// Width of one character of the monospace label font, as a fraction of the font size.
pub const CHAR_WIDTH: f64 = 0.62;
/// Line height as a multiple of the font size.
pub const LINE_HEIGHT: f64 = 1.3;
/// Padding inside a label box.
pub const PADDING: f64 = 3.0;

/// The size of a box holding these lines at this font size.
pub fn box_size(lines: &[String], font: f64) -> (f64, f64) {
    let longest = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0) as f64;
    (
        longest * font * CHAR_WIDTH + 2.0 * PADDING,
        lines.len() as f64 * font * LINE_HEIGHT + PADDING,
    )
}

/// Side of the grid cells that index the taken boxes, in CSS pixels.
const CELL: f64 = 48.0;

/// Boxes already taken on the canvas, indexed by a coarse grid so that a candidate is only
/// compared with the boxes near it.
#[derive(Clone, Debug, Default)]
pub struct Placer {
    taken: Vec<Rect>,
    grid: std::collections::HashMap<(i32, i32), Vec<usize>>,
    bounds: Option<Rect>,
}

fn cells(r: &Rect) -> impl Iterator<Item = (i32, i32)> {
    let x0 = (r.x / CELL).floor() as i32;
    let x1 = ((r.x + r.w) / CELL).floor() as i32;
    let y0 = (r.y / CELL).floor() as i32;
    let y1 = ((r.y + r.h) / CELL).floor() as i32;
    (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
}

impl Placer {
    /// A placer that keeps labels inside `bounds`.
    pub fn within(bounds: Rect) -> Placer {
        Placer {
            bounds: Some(bounds),
            ..Placer::default()
        }
    }

    /// Marks a box as taken without checking (neurons, fixed nodes).
    pub fn block(&mut self, r: Rect) {
        if !(r.x.is_finite() && r.y.is_finite() && r.w.is_finite() && r.h.is_finite()) {
            return;
        }
        let k = self.taken.len();
        self.taken.push(r);
        for cell in cells(&r) {
            self.grid.entry(cell).or_default().push(k);
        }
    }

    /// Whether `r` is free and inside the bounds.
    pub fn is_free(&self, r: &Rect) -> bool {
        let inside = self.bounds.is_none_or(|b| {
            r.x >= b.x && r.y >= b.y && r.x + r.w <= b.x + b.w && r.y + r.h <= b.y + b.h
        });
        inside
            && cells(r).all(|cell| {
                self.grid
                    .get(&cell)
                    .is_none_or(|list| list.iter().all(|&k| !self.taken[k].overlaps(r)))
            })
    }

    /// Takes the first free box among the candidates; `None` when none is free.
    pub fn place(&mut self, candidates: impl IntoIterator<Item = Rect>) -> Option<Rect> {
        for r in candidates {
            if self.is_free(&r) {
                self.block(r);
                return Some(r);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::layout::Point;

    #[test]
    fn a_taken_box_refuses_an_overlapping_one() {
        let mut p = Placer::default();
        let a = Rect::centered(Point::new(50.0, 50.0), 40.0, 20.0);
        assert_eq!(p.place([a]), Some(a));
        let b = Rect::centered(Point::new(60.0, 55.0), 40.0, 20.0);
        let c = Rect::centered(Point::new(60.0, 90.0), 40.0, 20.0);
        assert_eq!(p.place([b, c]), Some(c));
        assert_eq!(p.place([b]), None);
    }

    #[test]
    fn boxes_stay_inside_the_bounds() {
        let mut p = Placer::within(Rect {
            x: 0.0,
            y: 0.0,
            w: 100.0,
            h: 100.0,
        });
        assert_eq!(
            p.place([Rect::centered(Point::new(98.0, 50.0), 20.0, 10.0)]),
            None
        );
    }

    #[test]
    fn box_size_grows_with_text() {
        let (w1, h1) = box_size(&["w1 = 0.5".to_string()], 12.0);
        let (w2, h2) = box_size(&["w1 = 0.5 → 0.51".to_string(), "x".to_string()], 12.0);
        assert!(w2 > w1 && h2 > h1);
    }
}
