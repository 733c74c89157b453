//! What each [`Command`] does to the session, and what it says it did ([`Effects`]).

use super::command::{Command, DataCommand, DataSetting, NUDGE};
use super::view::{panel_em, round_to, Sight, DIGITS, DRAG_PER_PIXEL, DRAG_THRESHOLD_PX};
use super::{ApiEvent, Drag, Effects, Refusal, Session};
use crate::edit::Field;
use crate::nn::Optimizer;
use crate::parts::Part;
use crate::scenario::Scenario;
use crate::scene::ThemeName;
use crate::share::{Link, ThemeChoice};

impl Session {
    /// Carries out a command and says what it did. A refused command changes nothing and says
    /// why (in `notice`, `field_error` or `data_notice`).
    pub fn apply(&mut self, command: Command) -> Effects {
        match command {
            Command::TogglePlay => self.toggle_play(),
            Command::Play => {
                self.timeline.play();
                Effects::refresh().and(Effects::animate())
            }
            Command::Pause => {
                self.timeline.pause();
                Effects::refresh()
            }
            Command::Replay => {
                self.timeline.replay();
                Effects::refresh().and(Effects::animate())
            }
            Command::StepForward => {
                self.timeline.step_forward(!self.view.motion);
                Effects::refresh().and(Effects::animate())
            }
            Command::StepBack => {
                self.timeline.step_back();
                Effects::refresh()
            }
            Command::Seek(position) => {
                self.timeline.seek(position);
                Effects::refresh()
            }
            Command::SetSpeed(speed) => {
                self.timeline.set_speed(speed);
                Effects::none()
            }
            Command::SetField { field, value } => self.set_field(field, value),
            Command::TypeValue { field, text } => self.type_value(field, &text),
            Command::Nudge { target, up, step } => {
                let Some(field) = self.field_of(target) else {
                    return Effects::none();
                };
                let Some(value) = field.get(self.scenario()) else {
                    return Effects::none();
                };
                let sign = if up { 1.0 } else { -1.0 };
                self.set_field(field, round_to(value + sign * step, NUDGE.2))
            }
            Command::EndGesture => {
                self.gesture = None;
                Effects::none()
            }
            Command::ApplyStep => self.apply_step(),
            Command::Undo => self.walk_history(true),
            Command::Redo => self.walk_history(false),
            Command::Reset => self.reset(),
            Command::Load(scenario) => self.load(scenario),
            Command::SetOptimizer(optimizer) => self.set_optimizer(optimizer),
            Command::Import { text, source } => match self.parts.read.get() {
                Some(read) => (read.import)(self, &text, &source),
                None => self.wait_for(Part::Read, Command::Import { text, source }),
            },
            Command::CheckAnswer(text) => self.check_answer(&text),
            Command::Loaded(part) => self.part_loaded(part),
            Command::LoadFailed { part, reason } => self.part_failed(part, reason),
            Command::Prepare(part) => self.prepare(part),
            Command::Author(_)
            | Command::Share(_)
            | Command::StartVariant(_)
            | Command::Export(_) => self.tool_command(command),
            Command::SetSample(sample) => self.set_sample(sample),
            Command::ToggleTheme => {
                self.view.theme = match self.view.theme {
                    ThemeName::Dark => ThemeName::Light,
                    ThemeName::Light => ThemeName::Dark,
                };
                self.view.theme_chosen = true;
                self.theme_changed()
            }
            Command::SystemPreferences {
                dark,
                reduced_motion,
            } => {
                if !self.view.theme_chosen {
                    self.view.theme = if dark {
                        ThemeName::Dark
                    } else {
                        ThemeName::Light
                    };
                }
                self.view.motion = !reduced_motion;
                self.theme_changed()
            }
            Command::SetDigits(digits) => {
                self.view.digits = digits.clamp(*DIGITS.start(), *DIGITS.end());
                let mut effects = Effects::refresh();
                effects.redraw.editors = true;
                effects
            }
            Command::PanelWidth { width_px, font_px } => match panel_em(width_px, font_px) {
                Some(em) if (em - self.view.panel_em).abs() >= 0.25 => {
                    self.view.panel_em = em;
                    let mut effects = Effects::none();
                    effects.redraw.panels = true;
                    effects
                }
                _ => Effects::none(),
            },
            Command::Click(target) => {
                self.selected = (self.selected != Some(target)).then_some(target);
                Effects::refresh()
            }
            Command::Hover(target) => {
                if target == self.hovered {
                    return Effects::none();
                }
                self.hovered = target;
                Effects::canvas()
            }
            Command::Focus(target) => {
                self.focused = target;
                Effects::canvas()
            }
            Command::Select(target) => {
                self.selected = target;
                Effects::refresh()
            }
            Command::PressTarget { target, y } => {
                let field = self.field_of(target);
                let start_value = field.and_then(|f| f.get(self.scenario())).unwrap_or(0.0);
                self.drag = Some(Drag {
                    target,
                    field,
                    start_y: y,
                    start_value,
                    moved: false,
                });
                self.gesture = None;
                Effects::none()
            }
            Command::DragTo { y, fine } => self.drag_to(y, fine),
            Command::Release { click } => {
                let Some(drag) = self.drag.take() else {
                    return Effects::none();
                };
                self.gesture = None;
                if click && !drag.moved {
                    self.apply(Command::Click(drag.target))
                } else {
                    Effects::none()
                }
            }
            Command::Seen { sight, seen } => self.seen(sight, seen),
            Command::StartQuiz { ask, tolerance } => self.start_quiz(ask, tolerance),
            Command::RestartQuiz => match &self.quiz {
                Some(quiz) => {
                    let (ask, tolerance) = (quiz.ask.clone(), quiz.tolerance);
                    self.start_quiz(ask, tolerance)
                }
                None => Effects::none(),
            },
            Command::StopQuiz => self.stop_quiz(),
            Command::Answer(text) => match self.parts.check.get().copied() {
                Some(checker) => {
                    let mut effects = (checker.answer)(self, &text);
                    effects.clear_answer = self.quiz.as_ref().is_some_and(|q| q.tries == 0);
                    effects
                }
                None => self.wait_for(Part::Check, Command::Answer(text)),
            },
            Command::ShowAnswer => {
                let mut effects = self.show_answer();
                effects.clear_answer = true;
                effects
            }
            Command::EnterDataMode(saved) => self.enter_data_mode(saved),
            Command::LeaveDataMode => self.leave_data_mode(),
            Command::Data(command) => self.apply_data(command),
        }
    }

    /// Applies a link's options (data-set mode, panels, theme, digits, step, sample, autoplay,
    /// read-only, quiz) to the scenario already loaded.
    pub fn apply_link(&mut self, link: &Link) -> Effects {
        let mut effects = Effects::none();
        if let Some(saved) = &link.playground {
            effects.absorb(self.enter_data_mode(Some(saved.clone())));
        }
        self.view.panels.clone_from(&link.panels);
        self.view.controls.clone_from(&link.controls);
        self.view.readonly = link.readonly;
        self.view.quiz_exports = link.quiz_exports;
        self.view.digits = link.digits;
        match link.theme {
            ThemeChoice::Auto => self.view.theme_chosen = false,
            ThemeChoice::Light | ThemeChoice::Dark => {
                self.view.theme = if link.theme == ThemeChoice::Dark {
                    ThemeName::Dark
                } else {
                    ThemeName::Light
                };
                self.view.theme_chosen = true;
            }
        }
        effects.absorb(self.set_sample(link.sample));
        if let Some(step) = link.step {
            self.timeline.seek(step as f64);
        }
        if link.autoplay && !link.quiz && self.scenario().quiz.is_none() {
            self.timeline.play();
            effects.animate = true;
        }
        if link.per_student && link.playground.is_none() {
            let quiz = link.quiz.then(|| (link.ask.clone(), link.tolerance));
            self.ask_student(self.scenario().clone(), quiz);
        } else if link.quiz {
            effects.absorb(self.start_quiz(link.ask.clone(), link.tolerance));
        } else if let Some(quiz) = self.scenario().quiz.clone() {
            effects.absorb(self.start_quiz(quiz.phases(), quiz.tolerance));
        }
        let scenario = self.scenario();
        let overflowed = scenario.overflowed_params();
        if overflowed > 0 && link.playground.is_none() {
            effects.notice = Some(format!(
                "This link holds a network whose numbers overflowed, as they were on screen: {overflowed} of its weights and biases are ∞ or NaN. A smaller learning rate avoids that; load a scenario to start again."
            ));
        }
        effects.redraw = super::Redraw::all();
        effects
    }

    /// [`Command::Import`] once the reader's part is here (behind its `import`, so that it
    /// loads with the part).
    pub fn import_loaded(&mut self, text: &str, source: &str) -> Effects {
        if self.view.readonly {
            return Effects {
                notice: Some("This widget is read-only: nothing can be imported.".into()),
                ..Effects::none()
            };
        }
        match Scenario::from_json(text) {
            Ok(scenario) => {
                let status = format!("Imported “{}” from {source}.", scenario.title);
                let mut effects = self.load(scenario);
                effects.notice = Some(String::new());
                effects.io_status = Some(status);
                effects
            }
            Err(e) => {
                let message = format!(
                    "Import from {source} failed: {e}. The network on screen is unchanged."
                );
                Effects {
                    notice: Some(message.clone()),
                    io_status: Some(message),
                    ..Effects::none()
                }
            }
        }
    }

    fn toggle_play(&mut self) -> Effects {
        if self.timeline.is_playing() {
            self.apply(Command::Pause)
        } else {
            self.apply(Command::Play)
        }
    }

    fn theme_changed(&mut self) -> Effects {
        let mut effects = Effects::canvas();
        effects.redraw.controls = true;
        effects.data.panel = true;
        effects.data.grids = true;
        effects
    }

    fn type_value(&mut self, field: Field, text: &str) -> Effects {
        self.gesture = None;
        let name = field.name(self.scenario());
        let kept = field
            .get(self.scenario())
            .map(super::frame::exact)
            .unwrap_or_default();
        let mut effects = match crate::edit::parse_number(text) {
            Ok(value) => self.set_field(field, value),
            Err(m) => Effects {
                field_note: Some((field, format!("{name}: {m}"))),
                ..Effects::none()
            },
        };
        self.gesture = None;
        if let Some((_, note)) = effects.field_note.as_mut().filter(|(_, n)| !n.is_empty()) {
            note.push_str(&format!("; kept {kept}"));
        }
        effects
    }

    /// Sets a field; the message next to its box says why a value is refused, and is cleared
    /// by a good one.
    fn set_field(&mut self, field: Field, value: f64) -> Effects {
        let refused = |path: String, reason: String, label: Option<String>| {
            let refusal = Refusal {
                field,
                path,
                reason,
                label,
            };
            Effects {
                field_note: Some((field, refusal.by_label())),
                field_error: Some(refusal),
                ..Effects::none()
            }
        };
        let next = match field.set(self.scenario(), value) {
            Ok(next) => next,
            Err(e) => {
                let label = (e.path == field.path()).then(|| field.name(self.scenario()));
                return refused(e.path, e.message, label);
            }
        };
        if self.view.readonly {
            return refused(String::new(), "this widget is read-only".into(), None);
        }
        let before = self.shape();
        if self.gesture == Some(field) {
            self.history.replace(next);
        } else {
            self.history.push(next);
            self.gesture = Some(field);
        }
        let mut effects = self.document_changed(&before);
        effects.absorb(self.pull_params());
        effects.events.push(ApiEvent::Edit { field, value });
        effects.field_note = Some((field, String::new()));
        effects
    }

    fn drag_to(&mut self, y: f64, fine: bool) -> Effects {
        let Some(mut drag) = self.drag else {
            return Effects::none();
        };
        let dy = drag.start_y - y;
        if dy.abs() > DRAG_THRESHOLD_PX {
            drag.moved = true;
        }
        self.drag = Some(drag);
        match drag.field {
            Some(field) if drag.moved => {
                let rate = if fine {
                    DRAG_PER_PIXEL.1
                } else {
                    DRAG_PER_PIXEL.0
                };
                let value = round_to(drag.start_value + dy * rate, rate);
                self.set_field(field, value)
            }
            _ => Effects::none(),
        }
    }

    fn set_optimizer(&mut self, optimizer: Optimizer) -> Effects {
        let current = self.scenario().optimizer;
        if self.view.readonly || current.name() == optimizer.name() {
            return Effects::none();
        }
        if self.data_mode() {
            // The point's optimiser is training's: the menu is the set-up's.
            let name = optimizer.name().to_string();
            return self.apply_data(DataCommand::Set(DataSetting::Optimizer(name)));
        }
        let mut next = self.scenario().clone();
        next.optimizer = optimizer;
        next.optimizer_state = None;
        self.gesture = None;
        let mut effects = self.push(next);
        // Its hyper-parameters have editors of their own.
        effects.redraw.structure = true;
        effects
    }

    fn apply_step(&mut self) -> Effects {
        if self.view.readonly {
            return Effects::none();
        }
        let trace = self.trace();
        let (loss_before, loss_after) = (trace.loss, trace.loss_after);
        let mut next = self.scenario().clone();
        next.apply_step(trace);
        self.gesture = None;
        let mut effects = self.push(next);
        effects.absorb(self.pull_params());
        self.seek_end();
        effects.events.push(ApiEvent::Update {
            loss_before,
            loss_after,
        });
        effects
    }

    fn walk_history(&mut self, back: bool) -> Effects {
        self.gesture = None;
        let before = self.shape();
        let moved = if back {
            self.history.undo().is_some()
        } else {
            self.history.redo().is_some()
        };
        if !moved {
            return Effects::none();
        }
        let effects = self.document_changed(&before);
        effects.and(self.pull_params())
    }

    fn reset(&mut self) -> Effects {
        if self.data_mode() {
            return self.apply_data(DataCommand::ResetTraining);
        }
        self.gesture = None;
        let mut effects = Effects::refresh();
        if self.history.current() != &self.original {
            effects.absorb(self.push(self.original.clone()));
            effects.absorb(self.pull_params());
        }
        self.seek_end();
        effects
    }

    pub(super) fn load(&mut self, scenario: Scenario) -> Effects {
        // A scenario of its own ends data-set mode.
        self.data.saved = None;
        self.data.playing = false;
        let preset = scenario.preset_name().map(str::to_string);
        let before = self.shape();
        self.replace_document(scenario, preset);
        self.sample = 0;
        let mut effects = self.document_changed(&before);
        effects.redraw = super::Redraw::all();
        self.clear_targets();
        self.timeline = crate::scene::Timeline::new(self.plan.iter().map(|(k, _)| *k).collect());
        self.quiz = None;
        // A scenario that sets a quiz opens as one.
        if let Some(quiz) = self.scenario().quiz.clone() {
            effects.absorb(self.start_quiz(quiz.phases(), quiz.tolerance));
        }
        effects
    }

    fn set_sample(&mut self, sample: usize) -> Effects {
        if sample >= self.scenario().samples.len() || sample == self.sample {
            return Effects::none();
        }
        self.sample = sample;
        let before = self.shape();
        let mut effects = self.document_changed(&before);
        effects.redraw.structure = true;
        effects
    }

    fn seen(&mut self, sight: Sight, seen: bool) -> Effects {
        match sight {
            Sight::Scrolled => self.visibility.offscreen = !seen,
            Sight::Tab => self.visibility.tab_hidden = !seen,
        }
        let visible = self.visibility.visible();
        let mut effects = Effects::none();
        // The root's `data-visible` says it.
        effects.redraw.controls = true;
        if !visible && self.data.playing {
            self.data.playing = false;
            self.visibility.paused_training = true;
        } else if visible && self.visibility.paused_training {
            self.visibility.paused_training = false;
            self.data.playing = true;
            effects.animate = true;
        }
        if !visible && self.timeline.is_playing() {
            self.timeline.pause();
            self.visibility.paused_animation = true;
            effects.stop_frames = true;
        } else if visible && self.visibility.paused_animation {
            self.visibility.paused_animation = false;
            self.timeline.play();
            effects.absorb(Effects::refresh().and(Effects::animate()));
        }
        effects
    }
}
