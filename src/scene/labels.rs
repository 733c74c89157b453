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
/// The indexed area without bounds (boxes beyond it share the border cells: still correct).
const UNBOUNDED: f64 = 4096.0;

/// One question a placer was asked, with its answer.
#[derive(Clone, Debug, PartialEq)]
enum Request {
    Block(Rect),
    Place(Vec<Rect>, Option<Rect>),
}

/// What a placer was asked and answered, in order. Handed to the next frame's placer, it answers
/// the same questions asked in the same order without searching (while a weight is dragged, the
/// label boxes rarely change), and searches again from the first question that differs.
#[derive(Clone, Debug, Default)]
pub struct PlacementLog {
    bounds: Option<Rect>,
    requests: Vec<Request>,
    /// How many of the first requests were answered from the log before.
    replayed: usize,
}

impl PlacementLog {
    /// How many questions the placer was asked.
    pub fn len(&self) -> usize {
        self.requests.len()
    }

    /// Whether the placer was asked nothing.
    pub fn is_empty(&self) -> bool {
        self.requests.is_empty()
    }

    /// How many of the first questions were answered from the log before this one.
    pub fn replayed(&self) -> usize {
        self.replayed
    }
}

/// Boxes already taken on the canvas, indexed by a coarse grid so that a candidate is only
/// compared with the boxes near it.
#[derive(Clone, Debug, Default)]
pub struct Placer {
    taken: Vec<Rect>,
    /// For each cell (row by row), the taken boxes that reach into it.
    grid: Vec<Vec<u32>>,
    origin: (f64, f64),
    cols: i32,
    rows: i32,
    bounds: Option<Rect>,
    /// The previous log, while every question so far has been the same as in it (the boxes
    /// taken are then only in `log`, and enter the grid when a question differs).
    previous: Option<Vec<Request>>,
    log: Vec<Request>,
    /// How many questions were answered from the previous log.
    replayed: usize,
}

impl Placer {
    /// A placer that keeps labels inside `bounds`.
    pub fn within(bounds: Rect) -> Placer {
        Placer {
            bounds: Some(bounds),
            ..Placer::default()
        }
    }

    /// A placer inside `bounds` that answers from `previous` while it is asked the same
    /// questions (the results are the same as without it).
    pub fn replaying(bounds: Rect, previous: PlacementLog) -> Placer {
        let mut placer = Placer::within(bounds);
        if previous.bounds == Some(bounds) {
            placer.previous = Some(previous.requests);
        }
        placer
    }

    /// What this placer was asked and answered, for the next frame's placer.
    pub fn into_log(self) -> PlacementLog {
        PlacementLog {
            bounds: self.bounds,
            replayed: if self.previous.is_some() {
                self.log.len()
            } else {
                self.replayed
            },
            requests: self.log,
        }
    }

    /// Whether the next question is `request`'s, with the previous log's answer.
    fn replayed(&self, matches: impl Fn(&Request) -> bool) -> Option<&Request> {
        let previous = self.previous.as_ref()?;
        previous.get(self.log.len()).filter(|r| matches(r))
    }

    /// Stops replaying: the boxes taken so far enter the grid.
    fn stop_replaying(&mut self) {
        if self.previous.take().is_none() {
            return;
        }
        self.replayed = self.log.len();
        let taken: Vec<Rect> = self
            .log
            .iter()
            .filter_map(|r| match r {
                Request::Block(rect) => Some(*rect),
                Request::Place(_, answer) => *answer,
            })
            .collect();
        for rect in taken {
            self.take(rect);
        }
    }

    /// Sizes the grid (once) over the bounds, or over a large area from the origin.
    fn ensure_grid(&mut self) {
        if !self.grid.is_empty() {
            return;
        }
        let (x, y, w, h) = match self.bounds {
            Some(b) if [b.x, b.y, b.w, b.h].iter().all(|v| v.is_finite()) => (b.x, b.y, b.w, b.h),
            _ => (0.0, 0.0, UNBOUNDED, UNBOUNDED),
        };
        self.origin = (x, y);
        self.cols = ((w / CELL).ceil() as i32).clamp(1, 256);
        self.rows = ((h / CELL).ceil() as i32).clamp(1, 256);
        self.grid = vec![Vec::new(); (self.cols * self.rows) as usize];
    }

    /// The first and last column and row of the cells a box reaches into (clamped to the grid:
    /// a box beyond it is indexed in the border cells, so two overlapping boxes always share a
    /// cell).
    fn span(&self, r: &Rect) -> (usize, usize, usize, usize) {
        // Truncation instead of `floor`: the two differ only below zero, which the clamp maps
        // to the first cell either way.
        let col = |v: f64| (((v - self.origin.0) / CELL) as i32).clamp(0, self.cols - 1);
        let row = |v: f64| (((v - self.origin.1) / CELL) as i32).clamp(0, self.rows - 1);
        (
            col(r.x) as usize,
            col(r.x + r.w) as usize,
            row(r.y) as usize,
            row(r.y + r.h) as usize,
        )
    }

    /// Marks a box as taken without checking (neurons, fixed nodes).
    pub fn block(&mut self, r: Rect) {
        if self.replayed(|q| *q == Request::Block(r)).is_none() {
            self.stop_replaying();
            self.take(r);
        }
        self.log.push(Request::Block(r));
    }

    /// Enters a box in the grid.
    fn take(&mut self, r: Rect) {
        if !(r.x.is_finite() && r.y.is_finite() && r.w.is_finite() && r.h.is_finite()) {
            return;
        }
        self.ensure_grid();
        let k = self.taken.len() as u32;
        self.taken.push(r);
        let (x0, x1, y0, y1) = self.span(&r);
        let cols = self.cols as usize;
        for y in y0..=y1 {
            for cell in &mut self.grid[y * cols + x0..=y * cols + x1] {
                cell.push(k);
            }
        }
    }

    /// Whether `r` is free and inside the bounds (not while replaying: the grid is behind).
    fn is_free(&self, r: &Rect) -> bool {
        let inside = self.bounds.is_none_or(|b| {
            r.x >= b.x && r.y >= b.y && r.x + r.w <= b.x + b.w && r.y + r.h <= b.y + b.h
        });
        if !inside {
            return false;
        }
        if ![r.x, r.y, r.w, r.h].iter().all(|v| v.is_finite()) {
            // Not on the grid: compared with every box (none can overlap it).
            return self.taken.iter().all(|t| !t.overlaps(r));
        }
        if self.grid.is_empty() {
            return true;
        }
        let (x0, x1, y0, y1) = self.span(r);
        let cols = self.cols as usize;
        for y in y0..=y1 {
            for cell in &self.grid[y * cols + x0..=y * cols + x1] {
                if cell.iter().any(|&k| self.taken[k as usize].overlaps(r)) {
                    return false;
                }
            }
        }
        true
    }

    /// Takes the first free box among the candidates; `None` when none is free.
    pub fn place(&mut self, candidates: impl Into<Vec<Rect>>) -> Option<Rect> {
        let candidates = candidates.into();
        let replayed = self.replayed(|q| matches!(q, Request::Place(c, _) if *c == candidates));
        let answer = match replayed {
            Some(Request::Place(_, answer)) => *answer,
            _ => {
                self.stop_replaying();
                let answer = candidates.iter().copied().find(|r| self.is_free(r));
                if let Some(r) = answer {
                    self.take(r);
                }
                answer
            }
        };
        self.log.push(Request::Place(candidates, answer));
        answer
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
