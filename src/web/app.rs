//! The shell around one [`Session`]: commands in, effects scheduled (the animation frame, the
//! slow lane), API events delivered. What the widget decides is the session's; DOM writing is
//! `view`, `play_draw` and `quiz`.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use super::dom::{clock, set_text};
use super::exports::{CopyFeedback, Exports};
use super::play_view::PlayView;
use super::view::Screen;
use crate::session::writes::{csv_problem_writes, data_notice_writes};
use crate::session::{ApiEvent, Command, DataCommand, Effects, Refusal, Session};
use crate::share::encode;

/// How often, at most, the table and the focus stand-ins' descriptions follow a drag or the
/// animation, in milliseconds.
pub const SLOW_LANE_MS: f64 = 150.0;

/// How long the slow lane waits for the widget's first frame before it runs anyway (a page that
/// draws no frames: a hidden tab, an iframe out of view), in milliseconds.
const FIRST_FRAME_WAIT_MS: i32 = 1000;

/// The slow lane's setTimeout callback.
pub type SlowCallback = Rc<RefCell<Option<Closure<dyn FnMut()>>>>;

/// The requestAnimationFrame callback, shared so that any action can schedule a frame.
pub type FrameCallback = Rc<RefCell<Option<Closure<dyn FnMut(f64)>>>>;

/// The table and the focus stand-ins' descriptions are for reading, not for watching, so they
/// follow in a task of their own after the frame (the "slow lane"), at most every
/// `SLOW_LANE_MS` while a drag, a run of quick edits or the animation runs.
pub struct SlowLane {
    /// They need updating.
    pub stale: bool,
    /// The pending timer.
    pub timer: Option<i32>,
    /// When they last went stale (`clock()` time).
    last_stale: f64,
    /// Whether that change came within `SLOW_LANE_MS` of the one before: changes coming that
    /// fast (a held arrow key, each press its own gesture) are as busy as a drag.
    rapid: bool,
    /// The timer's callback.
    callback: SlowCallback,
    /// Whether the widget has had a frame since it was mounted: until then the slow lane waits
    /// for it and runs after it, so that no task comes between the mount and its first frame.
    framed: bool,
}

/// One widget in the page.
pub struct App {
    /// Everything the widget knows and decides.
    pub session: Session,
    /// The one-sample view's elements and drawing.
    pub screen: Screen,
    /// Data-set mode's panel.
    pub play: PlayView,
    /// Timestamp of the previous animation frame.
    pub last_time: Option<f64>,
    /// The table and descriptions' own schedule.
    pub slow: SlowLane,
    /// Says what the clipboard answered to the last copy, where the copy asked.
    pub copied: CopyFeedback,
    /// Whether the page's URL hash follows the state (the full page and the embed page only).
    pub sync_hash: bool,
    /// Callbacks registered through the JavaScript API: id, event name, function.
    pub subscribers: Vec<(u32, String, js_sys::Function)>,
    /// Events waiting to be delivered once the app is no longer borrowed.
    pub outbox: Vec<(&'static str, JsValue)>,
    /// The pending animation frame.
    pub raf: Option<i32>,
    /// The frame callback.
    pub frame: FrameCallback,
    /// This app, for what answers later (a part of the code fetched on demand).
    pub me: Weak<RefCell<App>>,
}

impl App {
    /// A new widget around a session.
    pub fn new(
        session: Session,
        screen: Screen,
        play: PlayView,
        frame: FrameCallback,
        slow: SlowCallback,
    ) -> App {
        let copied = CopyFeedback::new();
        App {
            session,
            screen,
            play,
            last_time: None,
            slow: SlowLane {
                stale: true,
                timer: None,
                last_stale: f64::NEG_INFINITY,
                rapid: false,
                callback: slow,
                framed: false,
            },
            copied,
            sync_hash: false,
            subscribers: Vec::new(),
            outbox: Vec::new(),
            raf: None,
            frame,
            me: Weak::new(),
        }
    }

    /// Carries out a command and schedules what it changed.
    pub fn dispatch(&mut self, command: Command) {
        let effects = self.session.apply(command);
        self.absorb(effects);
    }

    /// Takes the tools when the page has them and this widget does not yet (they were loaded
    /// after it was mounted: `loadPart("tools")` after `mountLink`).
    pub fn adopt_tools(&mut self) {
        if self.session.tools().is_none() {
            if let Some(tools) = crate::parts::installed(crate::parts::Part::Tools) {
                self.dispatch(Command::Loaded(tools));
            }
        }
    }

    /// Sets one field (within one gesture, one undo entry); on a bad value, returns why for
    /// the caller to show and keeps the last good state.
    pub fn set_field(&mut self, field: crate::edit::Field, value: f64) -> Result<(), Refusal> {
        let mut effects = self.session.apply(Command::SetField { field, value });
        let refused = effects.field_error.take();
        self.absorb(effects);
        match refused {
            Some(refusal) => Err(refusal),
            None => Ok(()),
        }
    }

    /// Carries out a data-set mode command from the panel (the network view, the editors and
    /// the table follow it).
    pub fn dispatch_data(&mut self, command: DataCommand) {
        let effects = self.session.apply(Command::Data(command));
        self.absorb(effects.and(Effects::refresh()));
    }

    /// Schedules what a command changed: marks what to redraw, writes the controls at once,
    /// queues the API events and shows any message.
    pub fn absorb(&mut self, effects: Effects) {
        let redraw = effects.redraw;
        self.screen.dirty = self.screen.dirty.or(redraw);
        self.play.grids_stale |= effects.data.grids;
        self.play.dirty |= effects.data.panel;
        self.play.setup_stale |= effects.data.setup;
        if redraw.layout {
            self.screen.apply_panels(&self.session);
        }
        if redraw.table || effects.recomputed {
            self.mark_slow();
        }
        for event in effects.events {
            self.emit(&event);
        }
        if let Some(text) = &effects.notice {
            self.notice(text);
        }
        if let Some(busy) = effects.busy {
            let message = &self.screen.dom.message;
            let _ = if busy {
                message.set_attribute("aria-busy", "true")
            } else {
                message.remove_attribute("aria-busy")
            };
        }
        if effects.data_notice.is_some() || effects.csv_problems.is_some() {
            // Their places are in data-set mode's panel, which its part writes.
            super::parts::play_panel(&mut self.play, &self.screen.dom);
        }
        if let Some(notice) = &effects.data_notice {
            self.screen.dom.writer.apply(data_notice_writes(notice));
        }
        if let Some((field, note)) = &effects.field_note {
            self.screen.field_message(*field, note);
        }
        if effects.open_io {
            let _ = self.screen.dom.io_box.set_attribute("open", "");
        }
        if let Some(status) = &effects.io_status {
            set_text(&self.screen.dom.io_status, status);
        }
        if let Some(problems) = &effects.csv_problems {
            self.screen.dom.writer.apply(csv_problem_writes(problems));
        }
        if effects.stop_frames {
            self.cancel_frame();
        }
        if let Some(part) = effects.load {
            super::parts::fetch(self.me.clone(), part);
        }
        if let Some(export) = effects.export {
            self.exports().export(export);
        }
        if effects.animate {
            self.last_time = None;
        }
        if redraw.controls {
            // The buttons say what a click did at once (and to screen readers), not a frame
            // later.
            self.screen.update_controls(&self.session);
        }
        self.screen.update_quiz_panel(&self.session);
        if effects.clear_answer {
            self.screen.dom.quiz_answer.set_value("");
        }
        if effects.focus_answer {
            // The question is written before focus arrives, so that a screen reader reads it.
            let answer = self.screen.dom.quiz_answer.clone();
            let _ = answer.focus();
            // Its `focusin` came while this app was busy and was dropped: what going to the box
            // starts (fetching the checker) starts here.
            if let Some(command) = super::events::focus_command(&answer) {
                self.dispatch(command);
            }
        }
        self.request_frame();
    }

    /// Marks the table and descriptions stale and schedules the slow lane.
    pub fn mark_slow(&mut self) {
        if !self.slow.stale {
            self.slow.stale = true;
            super::dom::set_attr(&self.screen.dom.root, "data-table", "stale");
        }
        let now = clock();
        self.slow.rapid = now - self.slow.last_stale < SLOW_LANE_MS;
        self.slow.last_stale = now;
        self.schedule_slow(self.slow.rapid);
    }

    /// Ends the current edit gesture: the next edit starts a new undo entry, and the table
    /// follows now that the drag is over (soon after, when edits come in quick succession).
    pub fn end_gesture(&mut self) {
        self.dispatch(Command::EndGesture);
        if self.slow.stale {
            self.cancel_slow();
            self.schedule_slow(self.slow.rapid);
        }
    }

    /// Schedules the slow lane: at once when idle, after `SLOW_LANE_MS` when busy or when
    /// changes come `rapid`ly.
    fn schedule_slow(&mut self, rapid: bool) {
        if self.slow.timer.is_some() {
            return;
        }
        let Some(window) = web_sys::window() else {
            return;
        };
        let delay = if !self.slow.framed {
            self.request_frame();
            FIRST_FRAME_WAIT_MS
        } else if rapid || self.session.is_busy() {
            SLOW_LANE_MS as i32
        } else {
            0
        };
        let callback = self.slow.callback.borrow();
        if let Some(callback) = callback.as_ref() {
            if let Ok(id) = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                callback.as_ref().unchecked_ref(),
                delay,
            ) {
                self.slow.timer = Some(id);
            }
        }
    }

    /// Cancels a pending slow-lane update.
    pub fn cancel_slow(&mut self) {
        if let (Some(id), Some(window)) = (self.slow.timer.take(), web_sys::window()) {
            window.clear_timeout_with_handle(id);
        }
    }

    /// The slow lane: the table and the focus stand-ins' descriptions.
    pub fn on_slow(&mut self) {
        self.slow.timer = None;
        if !self.slow.stale {
            return;
        }
        if self.session.data.playing {
            // The table has a row for every number of the network; it follows when training
            // pauses.
            self.write_hash();
            return;
        }
        self.screen.update_table(&self.session);
        self.screen.dom.writer.apply(self.session.share_writes());
        let thumbs = !self.play.thumbnails(&self.session).is_empty();
        let described = self.screen.build(&self.session, true, true, thumbs);
        self.screen.update_proxy_descriptions(&described);
        self.screen.update_unlabelled(&self.session);
        self.slow.stale = false;
        self.write_hash();
        super::dom::set_attr(&self.screen.dom.root, "data-table", "fresh");
    }

    /// Writes the state into the page's URL hash (replacing the history entry, not adding one).
    pub fn write_hash(&self) {
        if !self.sync_hash {
            return;
        }
        let Some(window) = web_sys::window() else {
            return;
        };
        let hash = format!("#{}", encode(&self.session.link()));
        if window.location().hash().ok().as_deref() == Some(hash.as_str()) {
            return;
        }
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&hash));
        }
    }

    /// Shows a message for the whole widget (empty clears it).
    pub fn notice(&self, text: &str) {
        super::dom::set_text(&self.screen.dom.message, text);
    }

    /// Queues an event for the JavaScript API's subscribers.
    fn emit(&mut self, event: &ApiEvent) {
        let name = event.name();
        if !self.subscribers.iter().any(|(_, k, _)| k == name) {
            return;
        }
        let Ok(api) = super::api::api() else { return };
        let detail = (api.detail)(event);
        self.outbox.push((name, detail));
    }

    /// Takes the queued events with the callbacks that should receive them.
    pub fn take_events(&mut self) -> Vec<(js_sys::Function, JsValue)> {
        let outbox = std::mem::take(&mut self.outbox);
        let mut calls = Vec::new();
        for (name, detail) in outbox {
            for (_, k, f) in &self.subscribers {
                if k == name {
                    calls.push((f.clone(), detail.clone()));
                }
            }
        }
        calls
    }

    /// Draws what changed: data-set mode's panel, then the one-sample view.
    pub fn render(&mut self) {
        let play = self
            .play
            .render(&mut self.session, &self.screen.dom, self.screen.dpr);
        self.screen.dirty.canvas |= play.canvas;
        if play.catch_up {
            self.screen.dirty.editors = true;
            self.screen.dirty.panels = true;
            self.mark_slow();
        }
        let numbers = !self.session.training_large();
        let thumbs = self.play.thumbnails(&self.session);
        if self.screen.render(&self.session, thumbs, numbers) || self.screen.unlabelled_stale() {
            self.mark_slow();
        }
    }

    /// Marks the canvas dirty and schedules a frame.
    pub fn redraw(&mut self) {
        self.screen.dirty.canvas = true;
        self.request_frame();
    }

    /// Schedules one animation frame, unless one is pending.
    pub fn request_frame(&mut self) {
        if self.raf.is_some() {
            return;
        }
        let Some(window) = web_sys::window() else {
            return;
        };
        let frame = self.frame.borrow();
        if let Some(callback) = frame.as_ref() {
            if let Ok(id) = window.request_animation_frame(callback.as_ref().unchecked_ref()) {
                self.raf = Some(id);
            }
        }
    }

    /// Cancels a pending frame.
    pub fn cancel_frame(&mut self) {
        if let (Some(id), Some(window)) = (self.raf.take(), web_sys::window()) {
            let _ = window.cancel_animation_frame(id);
        }
    }

    /// One animation frame: advances training and the timeline, and redraws what changed.
    pub fn on_frame(&mut self, now: f64) {
        let started = clock();
        self.raf = None;
        if self.session.data.playing {
            self.training_frame();
        }
        let timeline = &mut self.session.timeline;
        if timeline.is_playing() {
            let dt = self.last_time.map_or(0.0, |t| now - t);
            if timeline.advance(dt) {
                self.screen.dirty.canvas = true;
                self.mark_slow();
            }
            if self.screen.shown_step != Some(self.session.timeline.current()) {
                self.screen.dirty.panels = true;
            }
        }
        self.last_time = self.session.timeline.is_playing().then_some(now);
        self.render();
        if let Some(event) = self.session.step_reached() {
            self.emit(&event);
        }
        self.screen.frame_ms.whole = clock() - started;
        self.screen.frames = self.screen.frames.wrapping_add(1);
        if self.session.timeline.is_playing() || self.session.data.playing {
            self.request_frame();
        }
        if !self.slow.framed {
            // The mount's first frame is drawn: the slow lane that waited for it follows now.
            self.slow.framed = true;
            if self.slow.stale {
                self.cancel_slow();
                self.schedule_slow(false);
            }
        }
    }

    /// One training frame: an epoch, the losses, then the network view follows. A large
    /// network takes turns: the maps on one frame, the network view on the next, so that each
    /// frame stays short (the loss, the chart and the status follow every frame).
    pub fn training_frame(&mut self) {
        let started = clock();
        let effects = self
            .session
            .apply(Command::Data(DataCommand::TrainingFrame));
        self.play.ms.training = clock() - started;
        self.absorb(effects);
        self.play.hold_network = false;
        if self.session.training_large() {
            self.play.turn = !self.play.turn;
            if self.play.turn {
                self.play.grids_stale = false;
            } else {
                self.screen.dirty.canvas = false;
                self.play.hold_network = true;
            }
        }
    }

    /// Starts or pauses training.
    pub fn toggle_training(&mut self) {
        self.play.hold_network = false;
        self.dispatch_data(DataCommand::ToggleTraining);
    }

    /// A click on the plot at CSS pixel `(px, py)`: adds a point (when the click mode says
    /// so) or picks the nearest one.
    pub fn plot_click(&mut self, px: f64, py: f64) {
        let Some(dom) = &self.play.dom else { return };
        let mode = dom.click.value();
        let side = self.play.plot_side;
        self.dispatch_data(DataCommand::plot_click(&mode, px, py, side));
    }

    /// Reads the CSV box into the data.
    pub fn import_csv(&mut self) {
        let limit = crate::scenario::MAX_TEXT_BYTES;
        let Some(dom) = &self.play.dom else { return };
        match super::dom::value_within(&dom.csv, limit) {
            Ok(text) => self.dispatch_data(DataCommand::ImportCsv(text)),
            Err(length) => self.notice(&crate::session::api::refuse_paste_length(
                length, "CSV", "The data",
            )),
        }
    }

    /// What the exports read.
    pub fn exports(&self) -> Exports<'_> {
        Exports {
            session: &self.session,
            screen: &self.screen,
            thumbs: self.play.thumbnails(&self.session),
            copied: &self.copied,
        }
    }
}
