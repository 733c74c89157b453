//! The animation timeline: one position along the explanation's steps, driven by time.
//!
//! The position `pos` runs from 0 (nothing computed yet) to `n` (every step done). Step `i` is
//! done when `pos ≥ i + 1` and in progress, with progress `pos − i`, when `i < pos < i + 1`.
//! Time is passed in (`advance(dt_ms)`); the timeline never reads a clock.

use crate::explain::StepKind;
use crate::nn::clamp;

/// Slowest playback speed.
pub const MIN_SPEED: f64 = 0.25;
/// Fastest playback speed.
pub const MAX_SPEED: f64 = 4.0;

/// How long a step of this kind takes at 1× speed, in milliseconds.
pub fn duration_ms(kind: StepKind) -> f64 {
    match kind {
        StepKind::PreActivation => 900.0,
        StepKind::Activation => 600.0,
        StepKind::Loss => 1000.0,
        StepKind::Delta => 900.0,
        StepKind::WeightGrad | StepKind::BiasGrad => 500.0,
        StepKind::WeightUpdate | StepKind::BiasUpdate => 450.0,
        StepKind::WeightState(_) | StepKind::BiasState(_) => 450.0,
    }
}

/// The playback state.
#[derive(Clone, Debug, PartialEq)]
pub struct Timeline {
    kinds: Vec<StepKind>,
    pos: f64,
    playing: bool,
    stop_at: Option<f64>,
    speed: f64,
}

impl Timeline {
    /// A timeline over steps of these kinds, parked at the end (everything shown).
    pub fn new(kinds: Vec<StepKind>) -> Timeline {
        let end = kinds.len() as f64;
        Timeline {
            kinds,
            pos: end,
            playing: false,
            stop_at: None,
            speed: 1.0,
        }
    }

    /// Replaces the steps (after an edit or a new optimiser).
    pub fn set_kinds(&mut self, kinds: Vec<StepKind>) {
        // A timeline parked at its end (everything shown) stays there; elsewhere it keeps its
        // place, within the new length.
        let at_end = self.pos >= self.len() as f64;
        self.kinds = kinds;
        self.pos = if at_end {
            self.len() as f64
        } else {
            self.pos.min(self.len() as f64)
        };
    }

    /// Number of steps.
    pub fn len(&self) -> usize {
        self.kinds.len()
    }

    /// Whether there are no steps.
    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty()
    }

    /// The position, from 0 to `len()`.
    pub fn position(&self) -> f64 {
        self.pos
    }

    /// Whether time moves the position.
    pub fn is_playing(&self) -> bool {
        self.playing
    }

    /// The playback speed.
    pub fn speed(&self) -> f64 {
        self.speed
    }

    /// Sets the speed, clamped to 0.25×–4×.
    pub fn set_speed(&mut self, speed: f64) {
        self.speed = if speed.is_finite() {
            clamp(speed, MIN_SPEED, MAX_SPEED)
        } else {
            1.0
        };
    }

    /// The step in progress and its progress in (0, 1), if any.
    pub fn in_progress(&self) -> Option<(usize, f64)> {
        let i = self.pos.floor();
        let frac = self.pos - i;
        (frac > 0.0 && (i as usize) < self.len()).then_some((i as usize, frac))
    }

    /// How far step `i` has got: 0 not started, 1 done.
    pub fn progress(&self, i: usize) -> f64 {
        clamp(self.pos - i as f64, 0.0, 1.0)
    }

    /// The step to show in the explanation panel: the one in progress, else the last one done.
    pub fn current(&self) -> Option<usize> {
        match self.in_progress() {
            Some((i, _)) => Some(i),
            None if self.pos >= 1.0 => Some(self.pos as usize - 1),
            None => None,
        }
    }

    /// Starts or resumes playing; from the end, starts over.
    pub fn play(&mut self) {
        if self.pos >= self.len() as f64 {
            self.pos = 0.0;
        }
        self.playing = true;
        self.stop_at = None;
    }

    /// Pauses where it is.
    pub fn pause(&mut self) {
        self.playing = false;
        self.stop_at = None;
    }

    /// Plays from the start.
    pub fn replay(&mut self) {
        self.pos = 0.0;
        self.playing = true;
        self.stop_at = None;
    }

    /// Animates the next step, then pauses. With `instant`, jumps straight to its end.
    pub fn step_forward(&mut self, instant: bool) {
        let target = (self.pos.floor() + 1.0).min(self.len() as f64);
        if instant {
            self.pos = target;
            self.playing = false;
            self.stop_at = None;
        } else {
            self.playing = true;
            self.stop_at = Some(target);
        }
    }

    /// Goes back to the end of the previous step, paused.
    pub fn step_back(&mut self) {
        self.pos = (self.pos.ceil() - 1.0).max(0.0);
        self.playing = false;
        self.stop_at = None;
    }

    /// Jumps to a position (clamped), paused.
    pub fn seek(&mut self, pos: f64) {
        self.pos = if pos.is_finite() {
            clamp(pos, 0.0, self.len() as f64)
        } else {
            0.0
        };
        self.playing = false;
        self.stop_at = None;
    }

    /// Moves time forward by `dt_ms`. Returns whether the position changed.
    pub fn advance(&mut self, dt_ms: f64) -> bool {
        if !self.playing || !dt_ms.is_finite() || dt_ms <= 0.0 {
            return false;
        }
        let end = self
            .stop_at
            .unwrap_or(self.len() as f64)
            .min(self.len() as f64);
        let start = self.pos;
        // Long pauses (a hidden tab) do not skip more than a second of animation.
        let mut budget = dt_ms.min(1000.0) * self.speed;
        while budget > 0.0 && self.pos < end {
            let i = self.pos.floor() as usize;
            let Some(&kind) = self.kinds.get(i) else {
                break;
            };
            let duration = duration_ms(kind);
            let to_boundary = ((i + 1) as f64 - self.pos) * duration;
            if budget < to_boundary {
                self.pos += budget / duration;
                budget = 0.0;
            } else {
                self.pos = (i + 1) as f64;
                budget -= to_boundary;
            }
        }
        if self.pos >= end {
            self.pos = end;
            self.playing = false;
            self.stop_at = None;
        }
        self.pos != start
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds() -> Vec<StepKind> {
        vec![
            StepKind::PreActivation,
            StepKind::Activation,
            StepKind::Loss,
        ]
    }

    #[test]
    fn starts_at_the_end_and_play_starts_over() {
        let mut t = Timeline::new(kinds());
        assert_eq!(t.position(), 3.0);
        assert_eq!(t.current(), Some(2));
        t.play();
        assert_eq!(t.position(), 0.0);
        assert_eq!(t.current(), None);
        assert!(t.advance(450.0));
        assert_eq!(t.in_progress(), Some((0, 0.5)));
    }

    #[test]
    fn advancing_crosses_steps_with_their_own_durations() {
        let mut t = Timeline::new(kinds());
        t.replay();
        t.advance(700.0);
        t.advance(500.0);
        assert_eq!(t.in_progress(), Some((1, 0.5)));
        t.advance(10_000.0);
        // At most one second passes per frame.
        assert!(t.position() < 3.0);
        t.advance(1000.0);
        assert_eq!(t.position(), 3.0);
        assert!(!t.is_playing());
    }

    #[test]
    fn step_forward_stops_at_the_next_boundary() {
        let mut t = Timeline::new(kinds());
        t.seek(0.0);
        t.step_forward(false);
        t.advance(500.0);
        assert!(t.is_playing());
        t.advance(500.0);
        assert_eq!(t.position(), 1.0);
        assert!(!t.is_playing());
        t.step_forward(true);
        assert_eq!(t.position(), 2.0);
        t.step_back();
        assert_eq!(t.position(), 1.0);
        t.step_back();
        t.step_back();
        assert_eq!(t.position(), 0.0);
    }

    #[test]
    fn speed_scales_time_and_is_clamped() {
        let mut t = Timeline::new(kinds());
        t.set_speed(2.0);
        t.replay();
        t.advance(450.0);
        assert_eq!(t.position(), 1.0);
        t.set_speed(100.0);
        assert_eq!(t.speed(), MAX_SPEED);
        t.set_speed(0.0);
        assert_eq!(t.speed(), MIN_SPEED);
    }
}
