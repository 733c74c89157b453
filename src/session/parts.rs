//! The parts of the code fetched when first needed ([`crate::parts`]), as the session sees them:
//! what waited for a part goes on when it arrives, and a failed fetch is said where it was needed.

use super::{Effects, Session};
use crate::parts::{Load, Loaded, Part};

impl Session {
    /// A part arrived: what waited for it is done now.
    pub(super) fn part_loaded(&mut self, part: Loaded) -> Effects {
        match part {
            Loaded::Check(check) => {
                self.parts.check = Load::Loaded(check);
                self.forget_answer_check();
                let mut effects = Effects::canvas();
                effects.redraw.panels = true;
                effects
            }
            Loaded::Data(data) => {
                self.parts.data = Load::Loaded(data);
                let mut effects = Effects {
                    notice: Some(String::new()),
                    busy: Some(false),
                    ..Effects::none()
                };
                if let Some(waiting) = self.data.waiting.take() {
                    effects.absorb(self.enter_data_mode(waiting));
                }
                effects
            }
        }
    }

    /// Fetching a part failed: the place that waited for it says so (asking again tries again).
    pub(super) fn part_failed(&mut self, part: Part, reason: String) -> Effects {
        match part {
            Part::Check => {
                self.parts.check = Load::Failed(reason);
                let mut effects = Effects::canvas();
                effects.redraw.panels = true;
                effects
            }
            Part::Data => {
                self.data.waiting = None;
                let notice = format!(
                    "Data-set mode did not load ({reason}). Press “Data set” to try again."
                );
                self.parts.data = Load::Failed(reason);
                Effects {
                    notice: Some(notice),
                    busy: Some(false),
                    redraw: super::Redraw::all(),
                    ..Effects::none()
                }
            }
        }
    }
}
