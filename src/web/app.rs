//! The widget's state and what each user action does to it. DOM updates live in `view`.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use super::view::Dom;
use crate::edit::{Field, History};
use crate::explain::{explain, explain_one, plan, Phase, Place, Step, StepKind};
use crate::nn::StepTrace;
use crate::scenario::Scenario;
use crate::scene::{build_scene_with, PlacementLog, Scene, Target, ThemeName, Timeline, View};
use crate::share::{encode, Link, Panel, ThemeChoice};

/// How often, at most, the table and the focus stand-ins' descriptions follow a drag or the
/// animation, in milliseconds.
pub const SLOW_LANE_MS: f64 = 150.0;

/// `performance.now()`, or 0 where there is no clock.
pub fn clock() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// The slow lane's setTimeout callback.
pub type SlowCallback = Rc<RefCell<Option<Closure<dyn FnMut()>>>>;

/// The requestAnimationFrame callback, shared so that any action can schedule a frame.
pub type FrameCallback = Rc<RefCell<Option<Closure<dyn FnMut(f64)>>>>;

/// A drag on the canvas in progress.
#[derive(Clone, Copy, Debug)]
pub struct Drag {
    /// What is being dragged.
    pub target: Target,
    /// The field the drag changes, if any (edges change weights, neurons their bias or input).
    pub field: Option<Field>,
    /// Where the drag started (CSS pixels, vertical).
    pub start_y: f64,
    /// The field's value when it started.
    pub start_value: f64,
    /// Whether the pointer moved enough to count as a drag rather than a click.
    pub moved: bool,
}

/// What needs redrawing at the next frame.
#[derive(Clone, Copy, Debug, Default)]
pub struct Dirty {
    /// The canvas.
    pub canvas: bool,
    /// Explanation panels and the table.
    pub panels: bool,
    /// Slider and number-box values.
    pub editors: bool,
    /// The network's shape changed: rebuild editors, table and focus proxies.
    pub structure: bool,
}

/// Everything the widget knows.
pub struct App {
    /// Undo/redo over scenarios; its current state is `scenario`.
    pub history: History,
    /// The scenario as loaded (what "reset" returns to).
    pub original: Scenario,
    /// The scenario on screen.
    pub scenario: Scenario,
    /// The trace of one SGD step on it.
    pub step: StepTrace,
    /// What each step of the timeline computes and where.
    pub plan: Vec<(StepKind, Place)>,
    /// Every step of `sample` with its formulas, built only when the table needs it.
    pub steps: Option<Vec<Step>>,
    /// Which sample is shown.
    pub sample: usize,
    /// The animation.
    pub timeline: Timeline,
    /// Light or dark.
    pub theme: ThemeName,
    /// Whether the user chose the theme (otherwise it follows the system).
    pub theme_chosen: bool,
    /// Significant digits shown.
    pub digits: usize,
    /// How wide the explanation panel is, in ems of its formulas (measured when it resizes):
    /// a longer chain of equalities is set on rows.
    pub panel_em: f64,
    /// False when the user prefers reduced motion.
    pub motion: bool,
    /// The clicked target.
    pub selected: Option<Target>,
    /// The target under the pointer.
    pub hovered: Option<Target>,
    /// The target with keyboard focus.
    pub focused: Option<Target>,
    /// The last scene drawn (for hit-testing and focus proxies).
    pub scene: Option<Scene>,
    /// Canvas size in CSS pixels.
    pub size: (f64, f64),
    /// Device pixel ratio.
    pub dpr: f64,
    /// A drag in progress.
    pub drag: Option<Drag>,
    /// The field of the edit gesture in progress (one undo entry per gesture).
    pub gesture: Option<Field>,
    /// Timestamp of the previous animation frame.
    pub last_time: Option<f64>,
    /// What to redraw.
    pub dirty: Dirty,
    /// The widget is out of view (scrolled away, or its tab hidden): `[offscreen, tab hidden]`.
    pub unseen: [bool; 2],
    /// Playing was paused because the widget went out of view, and resumes when it is back.
    pub paused_unseen: bool,
    /// The scenario changed since the trace was computed.
    pub trace_stale: bool,
    /// How many times the trace was recomputed (for tests of input coalescing).
    pub recomputations: u32,
    /// The step shown in the explanation panel at the last update.
    pub shown_step: Option<Option<usize>>,
    /// The table and the focus stand-ins' descriptions need updating. They are for reading, not
    /// for watching, so they follow in a task of their own after the frame (the "slow lane"), at
    /// most every `SLOW_LANE_MS` while a drag, a run of quick edits or the animation runs.
    pub slow_dirty: bool,
    /// The pending slow-lane timer.
    pub slow_timer: Option<i32>,
    /// When the table and descriptions last went stale (`clock()` time), and whether that
    /// change came within `SLOW_LANE_MS` of the one before: changes coming that fast (a held
    /// arrow key, each press its own gesture) are as busy as a drag.
    last_stale: f64,
    rapid: bool,
    /// The slow lane's timer callback.
    pub slow: SlowCallback,
    /// The address share links start with (the page without its hash).
    pub link_base: String,
    /// A callback that ignores its argument (for promises whose failure is already handled).
    pub ignore: Closure<dyn FnMut(JsValue)>,
    /// The quiz in progress, if any.
    pub quiz: Option<super::quiz::QuizState>,
    /// Numbers and animation only: no editing.
    pub readonly: bool,
    /// The panels shown.
    pub panels: Vec<Panel>,
    /// Whether the page's URL hash follows the state (the full page and the embed page only).
    pub sync_hash: bool,
    /// The preset the scenario came from, for short links.
    pub preset: Option<String>,
    /// Callbacks registered through the JavaScript API, by event name.
    pub subscribers: Vec<(u32, String, js_sys::Function)>,
    /// Events waiting to be delivered once the app is no longer borrowed.
    pub outbox: Vec<(String, JsValue)>,
    /// The timeline step last announced as a `step` event.
    pub announced_step: Option<Option<usize>>,
    /// Timings of the last frame in milliseconds: whole frame, scene build, painting, editors,
    /// panels.
    pub frame_ms: [f64; 5],
    /// The last scene's label placements, which the next scene starts from.
    placements: std::cell::RefCell<PlacementLog>,
    /// Frames drawn so far.
    pub frames: u32,
    /// DOM handles.
    pub dom: Dom,
    /// The pending animation frame.
    pub raf: Option<i32>,
    /// The frame callback.
    pub frame: FrameCallback,
    /// Data-set mode: the playground's state.
    pub play: super::playground::PlayState,
    /// Data-set mode: the playground's panel.
    pub play_dom: Option<super::play_dom::PlayDom>,
}

impl App {
    /// A new widget state for a validated scenario.
    pub fn new(scenario: Scenario, dom: Dom, frame: FrameCallback, slow: SlowCallback) -> App {
        let step = scenario.step_trace();
        let plan = plan(&scenario.layers);
        let timeline = Timeline::new(plan.iter().map(|(kind, _)| *kind).collect());
        App {
            history: History::new(scenario.clone()),
            original: scenario.clone(),
            scenario,
            step,
            plan,
            steps: None,
            sample: 0,
            timeline,
            theme: ThemeName::Light,
            theme_chosen: false,
            digits: 4,
            panel_em: crate::explain::render::PANEL_EM,
            motion: true,
            selected: None,
            hovered: None,
            focused: None,
            scene: None,
            size: (900.0, 480.0),
            dpr: 1.0,
            drag: None,
            gesture: None,
            last_time: None,
            dirty: Dirty {
                canvas: true,
                panels: true,
                editors: true,
                structure: true,
            },
            shown_step: None,
            trace_stale: false,
            unseen: [false; 2],
            paused_unseen: false,
            recomputations: 0,
            slow_dirty: true,
            slow_timer: None,
            last_stale: f64::NEG_INFINITY,
            rapid: false,
            slow,
            frame_ms: [0.0; 5],
            placements: Default::default(),
            link_base: String::new(),
            ignore: Closure::new(|_: JsValue| {}),
            quiz: None,
            readonly: false,
            panels: Panel::ALL.to_vec(),
            sync_hash: false,
            preset: None,
            subscribers: Vec::new(),
            outbox: Vec::new(),
            announced_step: None,
            frames: 0,
            dom,
            raf: None,
            frame,
            play: super::playground::PlayState::new(),
            play_dom: None,
        }
    }

    /// Recomputes the trace and the explanation from the scenario (every edit comes here).
    ///
    /// The trace itself is computed at most once per frame (see [`App::ensure_trace`]), so a
    /// burst of input events (a fast drag, a held key) costs one recomputation per frame.
    pub fn recompute(&mut self) {
        self.trace_stale = true;
        self.mark_slow();
        self.dirty.canvas = true;
        self.dirty.panels = true;
        self.dirty.editors = true;
        self.request_frame();
    }

    /// Brings the trace, the plan and the timeline up to date with the scenario.
    pub fn ensure_trace(&mut self) {
        if !self.trace_stale {
            return;
        }
        self.trace_stale = false;
        if self.sample >= self.scenario.samples.len() {
            self.sample = 0;
        }
        self.step = self.scenario.step_trace();
        self.plan = plan(&self.scenario.layers);
        self.steps = None;
        self.timeline
            .set_kinds(self.plan.iter().map(|(kind, _)| *kind).collect());
        self.recomputations = self.recomputations.wrapping_add(1);
    }

    /// Makes the history's current state the one on screen.
    fn load_current(&mut self) {
        let shape_changed = self.history.current().layers != self.scenario.layers
            || self.history.current().samples.len() != self.scenario.samples.len();
        self.scenario = self.history.current().clone();
        if shape_changed {
            self.dirty.structure = true;
            self.selected = None;
            self.focused = None;
            self.hovered = None;
        }
        self.recompute();
        self.pull_params();
    }

    /// Sets one field. Within one gesture (a drag, a held key) the edits share one undo entry.
    /// On a bad value, returns the message and keeps the last good state.
    pub fn set_field(&mut self, field: Field, value: f64) -> Result<(), String> {
        let next = field
            .set(&self.scenario, value)
            .map_err(|e| e.to_string())?;
        if self.readonly {
            return Err("this widget is read-only".into());
        }
        if self.gesture == Some(field) {
            self.history.replace(next);
        } else {
            self.history.push(next);
            self.gesture = Some(field);
        }
        self.load_current();
        self.emit(
            "edit",
            &[
                ("field", JsValue::from_str(&field.path())),
                ("value", JsValue::from_f64(value)),
            ],
        );
        Ok(())
    }

    /// Ends the current edit gesture: the next edit starts a new undo entry.
    pub fn end_gesture(&mut self) {
        self.gesture = None;
        if self.slow_dirty {
            // Bring the table up to date now that the drag is over (soon after, when edits
            // come in quick succession).
            self.cancel_slow();
            self.schedule_slow(self.rapid);
        }
    }

    /// Whether a drag, a held key or the animation is running.
    pub fn is_busy(&self) -> bool {
        self.gesture.is_some()
            || self.drag.is_some()
            || self.timeline.is_playing()
            || self.play.playing
    }

    /// Marks the table and descriptions stale and schedules the slow lane.
    pub fn mark_slow(&mut self) {
        if !self.slow_dirty {
            self.slow_dirty = true;
            super::dom::set_attr(&self.dom.root, "data-table", "stale");
        }
        let now = clock();
        self.rapid = now - self.last_stale < SLOW_LANE_MS;
        self.last_stale = now;
        self.schedule_slow(self.rapid);
    }

    /// Schedules the slow lane: at once when idle, after `SLOW_LANE_MS` when busy or when
    /// changes come `rapid`ly.
    fn schedule_slow(&mut self, rapid: bool) {
        if self.slow_timer.is_some() {
            return;
        }
        let Some(window) = web_sys::window() else {
            return;
        };
        let delay = if rapid || self.is_busy() {
            SLOW_LANE_MS as i32
        } else {
            0
        };
        let slow = self.slow.borrow();
        if let Some(callback) = slow.as_ref() {
            if let Ok(id) = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                callback.as_ref().unchecked_ref(),
                delay,
            ) {
                self.slow_timer = Some(id);
            }
        }
    }

    /// Cancels a pending slow-lane update.
    pub fn cancel_slow(&mut self) {
        if let (Some(id), Some(window)) = (self.slow_timer.take(), web_sys::window()) {
            window.clear_timeout_with_handle(id);
        }
    }

    /// The slow lane: the table and the focus stand-ins' descriptions.
    pub fn on_slow(&mut self) {
        self.slow_timer = None;
        if !self.slow_dirty {
            return;
        }
        if self.play.playing {
            // The table has a row for every number of the network; it follows when training
            // pauses (see `App::toggle_training`).
            self.write_hash();
            return;
        }
        self.ensure_trace();
        self.update_table();
        let described = self.build_described();
        self.update_proxy_descriptions(&described);
        self.slow_dirty = false;
        self.write_hash();
        super::dom::set_attr(&self.dom.root, "data-table", "fresh");
    }

    /// Commits the SGD update: the updated parameters become the scenario's.
    pub fn apply_sgd_step(&mut self) {
        if self.readonly {
            return;
        }
        self.ensure_trace();
        let before = self.step.loss;
        let after = self.step.loss_after;
        let mut next = self.scenario.clone();
        next.set_params(self.step.after.clone());
        self.gesture = None;
        self.history.push(next);
        self.load_current();
        self.timeline.seek(self.timeline.len() as f64);
        self.emit(
            "update",
            &[
                ("lossBefore", JsValue::from_f64(before)),
                ("lossAfter", JsValue::from_f64(after)),
            ],
        );
    }

    /// Undoes the last edit or SGD step.
    pub fn undo(&mut self) {
        self.gesture = None;
        if self.history.undo().is_some() {
            self.load_current();
        }
    }

    /// Redoes what was undone.
    pub fn redo(&mut self) {
        self.gesture = None;
        if self.history.redo().is_some() {
            self.load_current();
        }
    }

    /// Goes back to the scenario as loaded (itself undoable); in data-set mode, to the seed's
    /// initial weights.
    pub fn reset(&mut self) {
        if self.data_mode() {
            self.reset_training();
            return;
        }
        self.gesture = None;
        if self.history.current() != &self.original {
            self.history.push(self.original.clone());
            self.load_current();
        }
        self.timeline.seek(self.timeline.len() as f64);
        self.dirty.panels = true;
        self.request_frame();
    }

    /// Loads a different scenario (a preset or an import): a fresh history.
    pub fn load_scenario(&mut self, scenario: Scenario) {
        // A scenario of its own ends data-set mode.
        self.play.sample_mode = None;
        self.play.playing = false;
        self.preset = Scenario::PRESETS
            .iter()
            .find(|p| Scenario::preset(p).as_ref() == Some(&scenario))
            .map(|p| p.to_string());
        self.original = scenario.clone();
        self.history = History::new(scenario);
        self.gesture = None;
        self.sample = 0;
        self.scenario = self.history.current().clone();
        self.dirty.structure = true;
        self.selected = None;
        self.focused = None;
        self.hovered = None;
        self.timeline = Timeline::new(Vec::new());
        self.recompute();
        self.ensure_trace();
        self.timeline.seek(self.timeline.len() as f64);
        // A scenario that sets a quiz opens as one.
        if let Some(quiz) = self.scenario.quiz.clone() {
            self.start_quiz(quiz.phases(), quiz.tolerance);
        }
    }

    /// Shows another sample's forward and backward pass.
    pub fn set_sample(&mut self, sample: usize) {
        if sample < self.scenario.samples.len() && sample != self.sample {
            self.sample = sample;
            self.dirty.structure = true;
            self.recompute();
        }
    }

    /// The field a canvas target edits when dragged or arrowed: an edge its weight, a neuron its
    /// bias (an input neuron its input value).
    pub fn field_of(&self, target: Target) -> Option<Field> {
        if self.readonly {
            return None;
        }
        match target {
            Place::Weight { layer, from, to } => Some(Field::Weight { layer, from, to }),
            Place::Neuron { layer: 0, index } => Some(Field::Input {
                sample: self.sample,
                index,
            }),
            Place::Neuron { layer, index } => Some(Field::Bias {
                layer: layer - 1,
                index,
            }),
            Place::Bias { layer, index } => Some(Field::Bias { layer, index }),
            Place::Loss => None,
        }
    }

    /// Applies a link's options (panels, theme, digits, step, sample, autoplay, read-only).
    pub fn apply_link(&mut self, link: &Link) {
        if let Some(saved) = &link.playground {
            if let Err(message) = self.enter_data_mode(Some(saved.clone())) {
                self.notice(&message);
            }
        }
        self.panels.clone_from(&link.panels);
        self.readonly = link.readonly;
        self.digits = link.digits;
        match link.theme {
            ThemeChoice::Auto => self.theme_chosen = false,
            ThemeChoice::Light => {
                self.theme = ThemeName::Light;
                self.theme_chosen = true;
            }
            ThemeChoice::Dark => {
                self.theme = ThemeName::Dark;
                self.theme_chosen = true;
            }
        }
        self.set_sample(link.sample);
        if let Some(step) = link.step {
            self.timeline.seek(step as f64);
        }
        if link.autoplay && !link.quiz && self.scenario.quiz.is_none() {
            self.timeline.play();
        }
        if link.quiz {
            self.start_quiz(link.ask.clone(), link.tolerance);
        } else if let Some(quiz) = self.scenario.quiz.clone() {
            self.start_quiz(quiz.phases(), quiz.tolerance);
        }
        self.dirty.structure = true;
        self.refresh();
    }

    /// Records whether the widget can be seen (`which`: 0 scrolled into view, 1 tab visible).
    /// Out of view it stops animating (no wasted CPU on a page with ten embeds); back in view it
    /// resumes where it was.
    pub fn set_seen(&mut self, which: usize, seen: bool) {
        self.unseen[which] = !seen;
        let visible = !self.unseen.iter().any(|u| *u);
        if !visible && self.play.playing {
            self.play.playing = false;
            self.play.resume = true;
        } else if visible && self.play.resume {
            self.play.resume = false;
            self.play.playing = true;
            self.request_frame();
        }
        if !visible && self.timeline.is_playing() {
            self.timeline.pause();
            self.paused_unseen = true;
            self.cancel_frame();
        } else if visible && self.paused_unseen {
            self.paused_unseen = false;
            self.last_time = None;
            self.timeline.play();
            self.refresh();
        }
        super::dom::set_attr(
            &self.dom.root,
            "data-visible",
            if visible { "true" } else { "false" },
        );
    }

    /// The state as a link (scenario with edits, view options, timeline position).
    pub fn link(&self) -> Link {
        let position = self.timeline.position().floor() as usize;
        Link {
            scenario: self.scenario.clone(),
            preset: self.preset.clone(),
            step: (position < self.timeline.len()).then_some(position),
            sample: self.sample,
            panels: self.panels.clone(),
            theme: if self.theme_chosen {
                if self.theme == ThemeName::Dark {
                    ThemeChoice::Dark
                } else {
                    ThemeChoice::Light
                }
            } else {
                ThemeChoice::Auto
            },
            digits: self.digits,
            autoplay: false,
            readonly: self.readonly,
            quiz: self.quiz.is_some(),
            ask: self
                .quiz
                .as_ref()
                .map_or_else(|| Phase::ALL.to_vec(), |q| q.ask.clone()),
            tolerance: self.quiz.as_ref().and_then(|q| q.tolerance),
            playground: self
                .play
                .pg
                .as_ref()
                .filter(|_| self.data_mode())
                .map(crate::playground::Playground::save),
        }
    }

    /// Writes the state into the page's URL hash (replacing the history entry, not adding one).
    pub fn write_hash(&self) {
        if !self.sync_hash {
            return;
        }
        let Some(window) = web_sys::window() else {
            return;
        };
        let hash = format!("#{}", encode(&self.link()));
        if window.location().hash().ok().as_deref() == Some(hash.as_str()) {
            return;
        }
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&hash));
        }
    }

    /// Shows a message for the whole widget (empty clears it).
    pub fn notice(&self, text: &str) {
        super::dom::set_text(&self.dom.message, text);
    }

    /// Queues an event for the JavaScript API's subscribers.
    pub fn emit(&mut self, kind: &str, fields: &[(&str, JsValue)]) {
        if !self.subscribers.iter().any(|(_, k, _)| k == kind) {
            return;
        }
        let detail = js_sys::Object::new();
        for (key, value) in fields {
            let _ = js_sys::Reflect::set(&detail, &JsValue::from_str(key), value);
        }
        self.outbox.push((kind.to_string(), detail.into()));
    }

    /// Takes the queued events with the callbacks that should receive them.
    pub fn take_events(&mut self) -> Vec<(js_sys::Function, JsValue)> {
        let outbox = std::mem::take(&mut self.outbox);
        let mut calls = Vec::new();
        for (kind, detail) in outbox {
            for (_, k, f) in &self.subscribers {
                if *k == kind {
                    calls.push((f.clone(), detail.clone()));
                }
            }
        }
        calls
    }

    /// The step at timeline position `i`, with its formulas.
    pub fn step_at(&self, i: usize) -> Option<Step> {
        debug_assert!(!self.trace_stale, "ensure_trace before reading steps");
        let (kind, place) = *self.plan.get(i)?;
        explain_one(&self.scenario, &self.step, self.sample, kind, place)
    }

    /// The step computing `kind` at `place`, with its formulas.
    pub fn step_of(&self, kind: StepKind, place: Place) -> Option<Step> {
        explain_one(&self.scenario, &self.step, self.sample, kind, place)
    }

    /// Every step with its formulas (built on first use after each change).
    pub fn all_steps(&mut self) -> &[Step] {
        self.ensure_trace();
        if self.steps.is_none() {
            self.steps = Some(explain(&self.scenario, &self.step, self.sample));
        }
        self.steps.as_deref().unwrap_or_default()
    }

    /// Builds the scene for the current state, every number written (exports).
    pub fn build(&self) -> Scene {
        self.build_scene(false, true)
    }

    /// Builds the scene for the canvas's next frame: while a large network trains, without the
    /// numbers beside neurons and edges (they catch up when training pauses, as the table does).
    pub fn build_frame(&self) -> Scene {
        let training_large = self.play.playing
            && self
                .play
                .pg
                .as_ref()
                .is_some_and(super::play_draw::large_network);
        self.build_scene(false, !training_large)
    }

    /// Builds the scene with every target's description (for the focus stand-ins).
    pub fn build_described(&self) -> Scene {
        self.build_scene(true, true)
    }

    fn build_scene(&self, describe: bool, numbers: bool) -> Scene {
        let view = View {
            scenario: &self.scenario,
            step: &self.step,
            sample: self.sample,
            plan: &self.plan,
            timeline: &self.timeline,
            theme: self.theme,
            width: self.size.0,
            height: self.size.1,
            digits: self.digits,
            motion: self.motion,
            selected: self.selected,
            hovered: self.hovered,
            focused: self.focused,
            describe,
            thumbnails: !self.thumbnails().is_empty(),
            numbers,
        };
        build_scene_with(&view, &mut self.placements.borrow_mut())
    }

    /// Marks the canvas dirty and schedules a frame.
    pub fn redraw(&mut self) {
        self.dirty.canvas = true;
        self.request_frame();
    }

    /// Takes the explanation panels' new width (CSS pixels, the column's content box): the
    /// formulas are set for it in ems of their font (the panel's padding and a little room
    /// taken off). A hidden panel (width 0) keeps the last width.
    pub fn panel_width_changed(&mut self, width: f64) {
        if width.is_nan() || width <= 0.0 {
            return;
        }
        let panel_font = self
            .dom
            .now_head
            .parent_element()
            .and_then(|panel| web_sys::window()?.get_computed_style(&panel).ok().flatten())
            .and_then(|style| style.get_property_value("font-size").ok())
            .and_then(|size| size.trim_end_matches("px").parse::<f64>().ok())
            .filter(|size| *size > 0.0)
            .unwrap_or(16.0);
        // The panel's padding and border (26 px) and a margin of 8; formulas are 1.05 em.
        let em = ((width - 34.0) / (1.05 * panel_font)).max(8.0);
        if (em - self.panel_em).abs() >= 0.25 {
            self.panel_em = em;
            self.dirty.panels = true;
            self.request_frame();
        }
    }

    /// Marks everything visible dirty and schedules a frame.
    pub fn refresh(&mut self) {
        // The buttons say what a click did at once (and to screen readers), not a frame later.
        self.update_controls();
        self.dirty.canvas = true;
        self.dirty.panels = true;
        self.mark_slow();
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

    /// One animation frame: advances the timeline and redraws what changed.
    pub fn on_frame(&mut self, now: f64) {
        let started = clock();
        self.raf = None;
        if self.play.playing {
            self.training_frame();
        }
        self.ensure_trace();
        if self.timeline.is_playing() {
            let dt = self.last_time.map_or(0.0, |t| now - t);
            if self.timeline.advance(dt) {
                self.dirty.canvas = true;
                self.mark_slow();
            }
            if self.shown_step != Some(self.timeline.current()) {
                self.dirty.panels = true;
            }
        }
        self.last_time = if self.timeline.is_playing() {
            Some(now)
        } else {
            None
        };
        self.render();
        let current = self.timeline.current();
        if self.announced_step != Some(current) {
            let done = self.announced_step.is_some();
            self.announced_step = Some(current);
            if done {
                let index = current.map_or(JsValue::NULL, |i| JsValue::from_f64(i as f64));
                let kind = current
                    .and_then(|i| self.plan.get(i))
                    .map_or(JsValue::NULL, |(k, _)| JsValue::from_str(&format!("{k:?}")));
                self.emit("step", &[("index", index), ("kind", kind)]);
            }
        }
        self.frame_ms[0] = clock() - started;
        self.frames = self.frames.wrapping_add(1);
        if self.timeline.is_playing() || self.play.playing {
            self.request_frame();
        }
    }
}
