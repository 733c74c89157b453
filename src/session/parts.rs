//! The parts of the code fetched when first needed ([`crate::parts`]), as the session sees them:
//! what waited for a part goes on when it arrives, and a failed fetch is said where it was needed.

use super::{Command, Effects, Export, Session, ShareChange};
use crate::parts::{Load, Loaded, Part, ToolsPart};

/// What a per-student link's prompt says while its Start waits for the code that makes the
/// student's numbers (the tools).
const STUDENT_WAITS: &str = "Making your own numbers…";

/// The widget's loading line goes (a part arrived, or what waited for it no longer does).
pub(super) fn loading_done() -> Effects {
    Effects {
        notice: Some(String::new()),
        busy: Some(false),
        ..Effects::none()
    }
}

/// The widget's message says a part did not load (as an error, not as progress).
fn failed(notice: String) -> Effects {
    Effects {
        notice: Some(notice),
        ..loading_done()
    }
}

impl Session {
    /// A part arrived: what waited for it is done now.
    pub(super) fn part_loaded(&mut self, part: Loaded) -> Effects {
        match part {
            Loaded::Check(check) => {
                self.parts.check = Load::Loaded(check);
                self.forget_answer_check();
                let mut effects = Effects::canvas();
                effects.redraw.panels = true;
                // A quiz answer that waited is checked now.
                effects.absorb(self.replay(Part::Check));
                effects
            }
            Loaded::Read(read) => {
                self.parts.read = Load::Loaded(read);
                let mut effects = loading_done();
                effects.absorb(self.replay(Part::Read));
                effects
            }
            Loaded::Tools(tools) => {
                self.parts.tools = Load::Loaded(tools);
                let mut effects = loading_done();
                // The authoring panel's controls replace its loading line, the dialog's (if it
                // was opened while they loaded) its controls.
                effects.redraw.structure = true;
                effects.redraw.layout = true;
                effects.absorb(self.replay(Part::Tools));
                effects
            }
            Loaded::Data(data) => {
                self.parts.data = Load::Loaded(data);
                let mut effects = loading_done();
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
                if self.drop_waiting(Part::Check) {
                    self.say(format!(
                        "The answer checker did not load ({reason}). Press “Check” to try again."
                    ));
                }
                self.parts.check = Load::Failed(reason);
                let mut effects = Effects::canvas();
                effects.redraw.panels = true;
                effects
            }
            Part::Read => {
                self.drop_waiting(Part::Read);
                let notice = format!(
                    "The reader of files and links did not load ({reason}). Try again: the next \
                     import fetches it again."
                );
                self.parts.read = Load::Failed(reason);
                failed(notice)
            }
            Part::Tools => {
                let solution = self.waiting.iter().any(|(_, command)| {
                    matches!(command, Command::Export(export) if export.shown_in_box())
                });
                let start = self
                    .waiting
                    .iter()
                    .any(|(_, command)| matches!(command, Command::StartVariant(_)));
                if let (true, Some(prompt)) = (start, self.student.as_mut()) {
                    prompt.note = format!(
                        "Your numbers could not be made: the code that makes them did not load \
                         ({reason}). Press Start to try again."
                    );
                }
                self.drop_waiting(Part::Tools);
                // A dialog opened while they loaded closes: the message says why it is empty,
                // and the next press tries again.
                self.share.open = false;
                let notice = format!(
                    "The export and authoring tools did not load ({reason}). Try again: the next \
                     press fetches them again."
                );
                self.parts.tools = Load::Failed(reason);
                // A student's prompt says it itself, where the student looks.
                let mut effects = if start {
                    loading_done()
                } else {
                    failed(notice)
                };
                // The authoring panel says why its controls did not come.
                effects.redraw.structure = true;
                effects.redraw.layout = true;
                if solution {
                    // The export box no longer says that a worked solution is on its way.
                    effects.io_status = Some(String::new());
                }
                effects
            }
            Part::Data => {
                self.data.waiting = None;
                let notice = format!(
                    "Data-set mode did not load ({reason}). Press “Data set” to try again."
                );
                self.parts.data = Load::Failed(reason);
                Effects {
                    redraw: super::Redraw::all(),
                    ..failed(notice)
                }
            }
        }
    }
}

impl Session {
    /// The teacher's tools and the file exports, if they are here.
    pub fn tools(&self) -> Option<ToolsPart> {
        self.parts.tools.get().copied()
    }

    /// Starts fetching `part` ahead of its use (nothing when it is here or on its way).
    pub(super) fn prepare(&mut self, part: Part) -> Effects {
        let asked = match part {
            Part::Check => self.parts.check.request(),
            Part::Data => self.parts.data.request(),
            Part::Read => self.parts.read.request(),
            Part::Tools => self.parts.tools.request(),
        };
        let mut effects = Effects::none();
        if asked {
            effects.load = Some(part);
            // The authoring panel says its controls are on their way (not why the last fetch
            // failed).
            effects.redraw.structure = part == Part::Tools;
        }
        effects
    }

    /// A command the tools carry out: now when they are here (a link's export needs none),
    /// or once they have arrived, in the order given.
    pub(super) fn tool_command(&mut self, command: Command) -> Effects {
        if let Command::Export(export @ (Export::Link | Export::StudentQuizLink | Export::Png)) =
            command
        {
            return Effects {
                export: Some(export),
                ..Effects::none()
            };
        }
        let Some(tools) = self.tools() else {
            if let Command::Share(ShareChange::Toggle) = command {
                return self.toggle_dialog_while_loading();
            }
            return self.wait_for(Part::Tools, command);
        };
        match command {
            Command::Author(change) => (tools.author)(self, &change),
            Command::Share(change) => (tools.change_share)(self, change),
            Command::StartVariant(name) => (tools.start_variant)(self, &name),
            Command::Export(export) => Effects {
                export: Some(export),
                ..Effects::none()
            },
            _ => Effects::none(),
        }
    }

    /// The Embed… dialog opens (or closes) on the press, before the tools that fill it have
    /// arrived: it shows its heading and a loading line, as tall as a screen, so that nothing
    /// under it moves in view when its controls come. Closed again before they come, the
    /// loading line goes unless something else waits for them.
    fn toggle_dialog_while_loading(&mut self) -> Effects {
        self.share.open = !self.share.open;
        let mut effects = if self.share.open {
            self.loading(Part::Tools)
        } else if self.waiting.iter().any(|(part, _)| *part == Part::Tools) {
            Effects::none()
        } else {
            loading_done()
        };
        effects.redraw.layout = true;
        effects
    }

    /// Fetches `part` (once) and says, as progress in the widget's message, that it is on its
    /// way.
    fn loading(&mut self, part: Part) -> Effects {
        let mut effects = self.prepare(part);
        effects.notice = Some(part.loading());
        effects.busy = Some(true);
        effects
    }

    /// Keeps `command` until `part` arrives, and fetches it (once), saying so: a quiz's answer
    /// in the quiz's line, a student's Start in the prompt's, anything else in the widget's
    /// message (as progress).
    pub(super) fn wait_for(&mut self, part: Part, command: Command) -> Effects {
        let quiz_answer = matches!(command, Command::Answer(_));
        let student_start = matches!(command, Command::StartVariant(_));
        // A worked solution's box opens on the press, saying it loads, so that nothing under it
        // moves when the text comes.
        let solution = matches!(command, Command::Export(export) if export.shown_in_box());
        self.waiting.push((part, command));
        let mut effects = if quiz_answer {
            self.say(part.loading());
            self.prepare(part)
        } else if let (true, Some(prompt)) = (student_start, self.student.as_mut()) {
            prompt.note = STUDENT_WAITS.into();
            let mut effects = self.prepare(part);
            effects.redraw.layout = true;
            effects
        } else {
            self.loading(part)
        };
        effects.redraw.panels = true;
        if solution {
            effects.open_io = true;
            effects.io_status = effects.notice.clone();
        }
        effects
    }

    /// Carries out what waited for `part`, in the order it was asked.
    fn replay(&mut self, part: Part) -> Effects {
        let (now, later) = std::mem::take(&mut self.waiting)
            .into_iter()
            .partition(|(waited, _)| *waited == part);
        self.waiting = later;
        let mut effects = Effects::none();
        for (_, command) in now {
            effects.absorb(self.apply(command));
        }
        effects
    }

    /// Forgets what waited for `part` (its fetch failed): true if anything did.
    fn drop_waiting(&mut self, part: Part) -> bool {
        let before = self.waiting.len();
        self.waiting.retain(|(waited, _)| *waited != part);
        self.waiting.len() != before
    }
}
