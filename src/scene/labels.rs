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

impl Request {
    /// The box this request took, if any.
    fn taken(&self) -> Option<Rect> {
        match self {
            Request::Block(rect) => Some(*rect),
            Request::Place(_, answer) => *answer,
        }
    }
}

/// What a placer was asked and answered, in order. Handed to the next frame's placer, it lets
/// that placer answer a question asked again without searching, when the few boxes that changed
/// since cannot change the answer (while a weight is dragged, most label boxes stay the same).
#[derive(Clone, Debug, Default)]
pub struct PlacementLog {
    bounds: Option<Rect>,
    requests: Vec<Request>,
    /// How many placements were answered from the log before.
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

    /// How many placements were answered from the log before this one.
    pub fn replayed(&self) -> usize {
        self.replayed
    }

    /// How many placements were searched for (not answered from the log before).
    pub fn searched(&self) -> usize {
        let placements = self
            .requests
            .iter()
            .filter(|r| matches!(r, Request::Place(..)))
            .count();
        placements - self.replayed
    }
}

/// Past this many changed boxes, comparing candidates with them costs more than searching.
const MAX_CHANGES: usize = 48;

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
    /// The previous frame's questions and answers (empty when there is nothing to replay).
    previous: Vec<Request>,
    /// Boxes the previous frame had taken by this point and this one has not (`gone`), and the
    /// other way round (`new`).
    gone: Vec<Rect>,
    new: Vec<Rect>,
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

    /// A placer inside `bounds` that answers from `previous` where it can (with the same
    /// results as without it).
    pub fn replaying(bounds: Rect, previous: PlacementLog) -> Placer {
        let mut placer = Placer::within(bounds);
        if previous.bounds == Some(bounds) {
            placer.previous = previous.requests;
        }
        placer
    }

    /// What this placer was asked and answered, for the next frame's placer.
    pub fn into_log(self) -> PlacementLog {
        PlacementLog {
            bounds: self.bounds,
            replayed: self.replayed,
            requests: self.log,
        }
    }

    /// Records the question just answered, noting where this frame's boxes start to differ
    /// from the previous frame's.
    fn record(&mut self, request: Request) {
        if !self.previous.is_empty() {
            let before = self.previous.get(self.log.len()).and_then(Request::taken);
            let now = request.taken();
            if before != now {
                self.gone.extend(before);
                self.new.extend(now);
                if self.gone.len() + self.new.len() > MAX_CHANGES {
                    self.previous = Vec::new();
                }
            }
        }
        self.log.push(request);
    }

    /// The previous frame's answer to the same candidates, when it still holds: its box
    /// overlaps none of the boxes new since, and every candidate before it is still taken (it
    /// was then, and only a box gone since can have freed it).
    fn replay(&self, candidates: &[Rect]) -> Option<Option<Rect>> {
        let Some(Request::Place(asked, answer)) = self.previous.get(self.log.len()) else {
            return None;
        };
        if asked.as_slice() != candidates {
            return None;
        }
        let refused = match answer {
            Some(a) => {
                if self.new.iter().any(|n| n.overlaps(a)) {
                    return None;
                }
                candidates.iter().position(|c| c == a)?
            }
            None => candidates.len(),
        };
        let freed = candidates[..refused]
            .iter()
            .any(|c| self.gone.iter().any(|g| g.overlaps(c)) && self.is_free(c));
        (!freed).then_some(*answer)
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
        self.take(r);
        self.record(Request::Block(r));
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

    /// Whether `r` is free and inside the bounds.
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
        let answer = match self.replay(&candidates) {
            Some(answer) => {
                self.replayed += 1;
                answer
            }
            None => candidates.iter().copied().find(|r| self.is_free(r)),
        };
        if let Some(r) = answer {
            self.take(r);
        }
        self.record(Request::Place(candidates, answer));
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

    /// A crowded sequence of blocks and placements: boxes in a small area, so most candidates
    /// collide.
    fn crowded(rng: &mut crate::nn::rng::Rng) -> Vec<Request> {
        let random_box = |rng: &mut crate::nn::rng::Rng| {
            Rect::centered(
                Point::new(
                    rng.uniform(0.0, 200.0).round(),
                    rng.uniform(0.0, 120.0).round(),
                ),
                rng.uniform(10.0, 50.0).round(),
                rng.uniform(8.0, 24.0).round(),
            )
        };
        (0..60)
            .map(|k| {
                if k < 8 || rng.below(6) == 0 {
                    Request::Block(random_box(rng))
                } else {
                    let n = 1 + rng.below(8);
                    Request::Place((0..n).map(|_| random_box(rng)).collect(), None)
                }
            })
            .collect()
    }

    fn ask(placer: &mut Placer, requests: &[Request]) -> Vec<Option<Rect>> {
        requests
            .iter()
            .map(|r| match r {
                Request::Block(b) => {
                    placer.block(*b);
                    Some(*b)
                }
                Request::Place(c, _) => placer.place(c.clone()),
            })
            .collect()
    }

    #[test]
    fn answers_from_the_previous_frame_equal_a_fresh_search() {
        let bounds = Rect {
            x: 0.0,
            y: 0.0,
            w: 220.0,
            h: 140.0,
        };
        let mut rng = crate::nn::rng::Rng::new(11);
        let (mut replayed, mut searched) = (0, 0);
        for _ in 0..400 {
            let mut requests = crowded(&mut rng);
            let mut log = PlacementLog::default();
            for _frame in 0..4 {
                // A few questions change between frames: a block moves, a label grows, one
                // more or one fewer question at the end.
                for _ in 0..rng.below(4) {
                    let k = rng.below(requests.len());
                    match &mut requests[k] {
                        Request::Block(b) => b.x += rng.uniform(-30.0, 30.0).round(),
                        Request::Place(c, _) => {
                            let (grow, shift) = (rng.uniform(-8.0, 8.0).round(), rng.below(2));
                            for r in c.iter_mut() {
                                r.w = (r.w + grow).max(2.0);
                                r.y += 20.0 * shift as f64;
                            }
                        }
                    }
                }
                match rng.below(3) {
                    0 => {
                        requests.pop();
                    }
                    1 => requests.push(Request::Block(Rect::centered(
                        Point::new(100.0, 60.0),
                        30.0,
                        10.0,
                    ))),
                    _ => {}
                }
                let fresh = ask(&mut Placer::within(bounds), &requests);
                let mut placer = Placer::replaying(bounds, log);
                assert_eq!(ask(&mut placer, &requests), fresh);
                log = placer.into_log();
                replayed += log.replayed();
                searched += log.searched();
            }
        }
        // Both paths were taken many times.
        assert!(
            replayed > 10_000 && searched > 10_000,
            "{replayed} {searched}"
        );
    }

    #[test]
    fn box_size_grows_with_text() {
        let (w1, h1) = box_size(&["w1 = 0.5".to_string()], 12.0);
        let (w2, h2) = box_size(&["w1 = 0.5 → 0.51".to_string(), "x".to_string()], 12.0);
        assert!(w2 > w1 && h2 > h1);
    }
}
