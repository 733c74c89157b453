//! The widget without a browser: everything it holds and decides, tested on the host.
//!
//! A [`Session`] is the state of one widget: the document (an undo [`History`] whose current
//! entry is the scenario on screen: there is no second copy), the trace of that scenario
//! (computed on first use after each change, behind [`Session::trace`]), the timeline, what is
//! selected, hovered and focused, the drag in progress, the view options, the quiz and
//! data-set mode. A user's action is a typed [`Command`]; [`Session::apply`] carries it out and
//! returns [`Effects`]: what the shell must redraw and the events it must deliver. The shell
//! (`web`) only translates DOM events into commands and paints what [`frame`] describes.
//!
//! ```
//! use backprop_viz::session::{Command, Session};
//! use backprop_viz::edit::Field;
//! use backprop_viz::scenario::Scenario;
//!
//! let mut session = Session::new(Scenario::preset("exam").unwrap());
//! let w1 = Field::Weight { layer: 0, from: 0, to: 0 };
//! session.apply(Command::SetField { field: w1, value: 0.5 });
//! assert_eq!(session.scenario().weights[0][0][0], 0.5);
//! session.apply(Command::Undo);
//! assert_eq!(session.scenario().weights[0][0][0], Scenario::preset("exam").unwrap().weights[0][0][0]);
//! ```

pub(crate) mod answer;
pub mod api;
mod apply;
mod author_markup;
mod authoring;
mod command;
mod data;
pub mod data_markup;
mod effects;
mod embed;
mod exports;
pub mod frame;
mod html;
mod input;
pub mod markup;
pub mod mount_options;
mod panels;
mod parts;
mod quiz;
pub mod share_dialog;
mod student;
pub mod trajectory;
mod view;
pub mod writes;

use std::cell::{Cell, OnceCell, RefCell};

pub use answer::{Checked, CHECK_DIGITS};
pub use authoring::{authored, Authoring};
pub use command::{Command, DataCommand, DataSetting, NUDGE};
pub use data::{
    large_network, next_seed, points_fingerprint, DataMode, SampleView, COARSE_ABOVE_WEIGHTS,
};
pub use effects::{ApiEvent, Detail, DetailValue, Effects, Notice, Redraw, Refusal};
pub use embed::{EmbedCode, EmbedOptions, EMBED_HEIGHTS};
pub use exports::{Export, ExportFile, SOLUTION_FORMATS};
pub use input::{cursor, TextButton};
pub use panels::{DetailPanel, NowPanel};
pub use quiz::Quiz;
pub use share_dialog::{ShareChange, ShareDialog};
pub use student::StudentPrompt;
pub use view::{panel_em, round_to, Drag, Sight, ViewOptions, Visibility, DIGITS, DRAG_PER_PIXEL};

use crate::edit::{Field, History};
use crate::explain::{explain, explain_one, scenario_plan, Phase, Place, Step, StepKind};
use crate::nn::optimizer::Moment;
use crate::nn::StepTrace;
use crate::parts::Parts;
use crate::scenario::Scenario;
use crate::scene::{Target, ThemeName, Timeline};
use crate::share::{Link, ThemeChoice};
use trajectory::Trajectory;

/// What is computed from the scenario: the trace of one SGD step, and every step explained
/// (built only when something reads it, such as the table).
struct Computed {
    trace: StepTrace,
    steps: OnceCell<Vec<Step>>,
    /// The optimisers' trajectories of the weights shown so far (150 steps each).
    trajectories: RefCell<Vec<(Place, Option<Vec<Trajectory>>)>>,
}

/// What the document's structure depends on, taken before a change to see what it changed.
struct Shape {
    /// Neurons per layer.
    layers: Vec<usize>,
    /// How many samples.
    samples: usize,
    /// The update phase's steps per parameter: the optimiser's moments, and frozen biases.
    update: (&'static [Moment], bool),
}

/// One widget's state. See the module documentation.
pub struct Session {
    history: History,
    original: Scenario,
    preset: Option<String>,
    sample: usize,
    computed: OnceCell<Computed>,
    recomputations: Cell<u32>,
    plan: Vec<(StepKind, Place)>,
    /// The animation.
    pub timeline: Timeline,
    /// The clicked target.
    pub selected: Option<Target>,
    /// The target under the pointer.
    pub hovered: Option<Target>,
    /// The target with keyboard focus.
    pub focused: Option<Target>,
    /// A drag on the canvas in progress.
    pub drag: Option<Drag>,
    gesture: Option<Field>,
    /// Theme, digits, panels, read-only and the like.
    pub view: ViewOptions,
    /// Whether the widget can be seen, and what was paused because it could not.
    pub visibility: Visibility,
    /// The quiz in progress, if any.
    pub quiz: Option<Quiz>,
    /// Data-set mode's state (the trained network persists when the mode is left).
    pub data: DataMode,
    /// A worked answer to check against the scenario on screen.
    answer: Option<String>,
    answer_cache: OnceCell<Checked>,
    /// The code fetched on demand (the answer checker, data-set mode, the tools), and whether
    /// it is here.
    pub parts: Parts,
    /// Commands that wait for a part (the tools, the quiz's checker), in the order given.
    waiting: Vec<(crate::parts::Part, Command)>,
    /// A per-student link waiting for the student's name.
    student: Option<StudentPrompt>,
    /// The timeline step last announced as a `step` event (`None`: none yet).
    announced: Option<Option<usize>>,
    /// The share dialog: the embed options chosen and whether it shows.
    pub share: ShareDialog,
}

impl Session {
    /// A session showing a validated scenario, its timeline at the end (everything shown).
    pub fn new(scenario: Scenario) -> Session {
        let plan = scenario_plan(&scenario);
        let timeline = Timeline::new(plan.iter().map(|(kind, _)| *kind).collect());
        Session {
            history: History::new(scenario.clone()),
            preset: scenario.preset_name().map(str::to_string),
            original: scenario,
            sample: 0,
            computed: OnceCell::new(),
            recomputations: Cell::new(0),
            plan,
            timeline,
            selected: None,
            hovered: None,
            focused: None,
            drag: None,
            gesture: None,
            view: ViewOptions::default(),
            visibility: Visibility::default(),
            quiz: None,
            data: DataMode::default(),
            answer: None,
            answer_cache: OnceCell::new(),
            parts: Parts::at_start(),
            waiting: Vec::new(),
            student: None,
            announced: None,
            share: ShareDialog::default(),
        }
    }

    /// The `step` event for the step the timeline shows now, when it is another than at the
    /// last call (the first call only notes where the timeline starts).
    pub fn step_reached(&mut self) -> Option<ApiEvent> {
        let current = self.timeline.current();
        let before = self.announced.replace(current)?;
        (before != current).then(|| ApiEvent::Step {
            index: current,
            kind: current.and_then(|i| self.plan.get(i)).map(|(k, _)| *k),
        })
    }

    /// A session opened from a link: its scenario, then its options applied.
    pub fn from_link(link: &Link) -> (Session, Effects) {
        // `new` already set up the scenario as a load would; the link's options (and the
        // scenario's own quiz) are applied on top.
        let mut session = Session::new(link.scenario.clone());
        let mut effects = session.apply_link(link);
        // A widget that opens as a quiz leaves keyboard focus where the reader has it: taking it
        // would scroll a course page to an iframe below the fold, or a share dialog to its
        // preview. ("Quiz me" pressed does move focus to the answer box.)
        effects.focus_answer = false;
        (session, effects)
    }

    /// The scenario on screen (the history's current entry).
    pub fn scenario(&self) -> &Scenario {
        self.history.current()
    }

    /// The undo history.
    pub fn history(&self) -> &History {
        &self.history
    }

    /// Whether the scenario differs from the one loaded (edits or SGD steps applied).
    pub fn edited(&self) -> bool {
        self.history.current() != &self.original
    }

    /// The preset the scenario came from (for short links), if it is one.
    pub fn preset(&self) -> Option<&str> {
        self.preset.as_deref()
    }

    /// Which sample is shown.
    pub fn sample(&self) -> usize {
        self.sample
    }

    /// What each step of the timeline computes and where.
    pub fn plan(&self) -> &[(StepKind, Place)] {
        &self.plan
    }

    /// The trace of one SGD step on the scenario, computed on first use after a change (so a
    /// burst of edits between two frames costs one computation).
    pub fn trace(&self) -> &StepTrace {
        &self.computed().trace
    }

    fn computed(&self) -> &Computed {
        self.computed.get_or_init(|| {
            self.recomputations
                .set(self.recomputations.get().wrapping_add(1));
            Computed {
                trace: self.scenario().step_trace(),
                steps: OnceCell::new(),
                trajectories: RefCell::new(Vec::new()),
            }
        })
    }

    /// Weight `[layer][from][to]`'s trajectory under each optimiser (see [`trajectory`]),
    /// computed once per scenario and weight.
    pub fn trajectories(&self, layer: usize, from: usize, to: usize) -> Option<Vec<Trajectory>> {
        let place = Place::Weight { layer, from, to };
        let computed = self.computed();
        if let Some((_, paths)) = computed
            .trajectories
            .borrow()
            .iter()
            .find(|(p, _)| *p == place)
        {
            return paths.clone();
        }
        let paths = trajectory::trajectories(self.scenario(), layer, from, to);
        computed
            .trajectories
            .borrow_mut()
            .push((place, paths.clone()));
        paths
    }

    /// Forgets the answer's check (the scenario or the answer changed).
    fn forget_answer_check(&mut self) {
        self.answer_cache = OnceCell::new();
    }

    /// How many times the trace was computed (for tests of input coalescing).
    pub fn recomputations(&self) -> u32 {
        self.recomputations.get()
    }

    /// Every step of the shown sample with its formulas.
    pub fn steps(&self) -> &[Step] {
        let computed = self.computed();
        computed
            .steps
            .get_or_init(|| explain(self.scenario(), &computed.trace, self.sample))
    }

    /// The step at timeline position `i`, with its formulas.
    pub fn step_at(&self, i: usize) -> Option<Step> {
        let (kind, place) = *self.plan.get(i)?;
        self.step_of(kind, place)
    }

    /// The step computing `kind` at `place`, with its formulas.
    pub fn step_of(&self, kind: StepKind, place: Place) -> Option<Step> {
        explain_one(self.scenario(), self.trace(), self.sample, kind, place)
    }

    /// Whether the widget is in data-set mode.
    pub fn data_mode(&self) -> bool {
        self.data.saved.is_some()
    }

    /// Whether the widget shows data-set mode: from the press that enters it, while its code is
    /// still on its way, so that the page takes the mode's shape at once (its panel saying that
    /// it loads) rather than jump into it when the code arrives.
    pub fn data_mode_shown(&self) -> bool {
        self.data_mode() || self.data.waiting.is_some()
    }

    /// Whether a drag, a held key or the animation is running (the slow lane then waits).
    pub fn is_busy(&self) -> bool {
        self.gesture.is_some()
            || self.drag.is_some()
            || self.timeline.is_playing()
            || self.data.playing
    }

    /// The field a canvas target edits when dragged or arrowed: an edge its weight, a neuron
    /// its bias (an input neuron its input value). `None` when read-only.
    pub fn field_of(&self, target: Target) -> Option<Field> {
        if self.view.readonly {
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

    /// The state as a link (scenario with edits, view options, timeline position).
    pub fn link(&self) -> Link {
        let position = self.timeline.position().floor() as usize;
        Link {
            scenario: self.scenario().clone(),
            preset: self.preset.clone(),
            step: (position < self.timeline.len()).then_some(position),
            sample: self.sample,
            panels: self.view.panels.clone(),
            controls: self.view.controls.clone(),
            theme: match (self.view.theme_chosen, self.view.theme) {
                (false, _) => ThemeChoice::Auto,
                (true, ThemeName::Dark) => ThemeChoice::Dark,
                (true, ThemeName::Light) => ThemeChoice::Light,
            },
            digits: self.view.digits,
            autoplay: false,
            readonly: self.view.readonly,
            quiz: self.quiz.is_some(),
            ask: self
                .quiz
                .as_ref()
                .map_or_else(|| Phase::ALL.to_vec(), |q| q.ask.clone()),
            tolerance: self.quiz.as_ref().and_then(|q| q.tolerance),
            quiz_exports: self.view.quiz_exports,
            per_student: self.student.is_some(),
            playground: self
                .data
                .playground
                .as_ref()
                .filter(|_| self.data_mode())
                .map(crate::playground::Playground::save),
        }
    }

    /// Replaces the document: a new history starting at `scenario`, which "reset" returns to.
    fn replace_document(&mut self, scenario: Scenario, preset: Option<String>) {
        self.original = scenario.clone();
        self.history = History::new(scenario);
        self.preset = preset;
        self.gesture = None;
    }

    /// After the history's current entry changed: forgets the trace, follows a new shape, and
    /// says what to redraw.
    fn document_changed(&mut self, before: &Shape) -> Effects {
        self.computed = OnceCell::new();
        self.forget_answer_check();
        let now = self.shape();
        let shape_changed = now.layers != before.layers || now.samples != before.samples;
        if self.sample >= now.samples {
            self.sample = 0;
        }
        // The layers, the optimiser and frozen biases decide the steps; an edit of a number
        // changes none of them, and the plan is not built again for it.
        let mut plan_changed = false;
        if now.layers != before.layers || now.update != before.update {
            let plan = scenario_plan(self.history.current());
            plan_changed = plan != self.plan;
            self.plan = plan;
        }
        if plan_changed {
            self.timeline
                .set_kinds(self.plan.iter().map(|(kind, _)| *kind).collect());
        }
        let mut effects = Effects::recompute();
        // The table has a row per step.
        effects.redraw.structure |= plan_changed;
        if shape_changed {
            self.clear_targets();
            effects.redraw.structure = true;
        }
        effects
    }

    /// Pushes a new state onto the history (a new undo entry) and follows it.
    fn push(&mut self, next: Scenario) -> Effects {
        let before = self.shape();
        self.history.push(next);
        self.document_changed(&before)
    }

    fn shape(&self) -> Shape {
        let s = self.scenario();
        Shape {
            layers: s.layers.clone(),
            samples: s.samples.len(),
            update: (s.optimizer.moments(), s.freeze_biases),
        }
    }

    fn clear_targets(&mut self) {
        self.selected = None;
        self.focused = None;
        self.hovered = None;
    }

    /// Parks the timeline at its end (every value shown).
    fn seek_end(&mut self) {
        self.timeline.seek(self.timeline.len() as f64);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_trace_is_computed_once_per_change_however_often_it_is_read() {
        let mut session = Session::new(Scenario::preset("exam").unwrap());
        let before = session.recomputations();
        let _ = session.trace();
        let _ = session.steps();
        let _ = session.trace();
        assert_eq!(session.recomputations(), before + 1);
        let w1 = Field::Weight {
            layer: 0,
            from: 0,
            to: 0,
        };
        session.apply(Command::SetField {
            field: w1,
            value: 0.1,
        });
        session.apply(Command::SetField {
            field: w1,
            value: 0.2,
        });
        assert_eq!(
            session.recomputations(),
            before + 1,
            "edits alone compute nothing"
        );
        let _ = session.trace();
        assert_eq!(session.recomputations(), before + 2);
    }
}
