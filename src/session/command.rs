//! Everything a user (or the JavaScript API) can do to a widget, as typed commands (what
//! each does is `apply.rs`).

use super::authoring::Authoring;
use super::share_dialog::ShareChange;
use super::view::Sight;
use crate::edit::Field;
use crate::explain::Phase;
use crate::nn::Optimizer;
use crate::playground::{Pick, Saved};
use crate::scenario::Scenario;
use crate::scene::Target;

/// Change per arrow key press on a canvas target: plain, with Shift (coarse) and with Alt
/// (fine).
pub const NUDGE: (f64, f64, f64) = (0.01, 0.1, 0.001);

/// A user's action on the widget.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Play when paused, pause when playing.
    TogglePlay,
    /// Start (or go on) playing.
    Play,
    /// Pause.
    Pause,
    /// From the beginning, playing.
    Replay,
    /// One step forward (animated unless motion is reduced).
    StepForward,
    /// One step back.
    StepBack,
    /// To a timeline position (0 = before the forward pass; clamped to the timeline).
    Seek(f64),
    /// Playback speed (clamped to 0.25–4).
    SetSpeed(f64),
    /// Sets a field. Edits of one field in a row (a drag, a held key) share one undo entry
    /// until [`Command::EndGesture`].
    SetField {
        /// The field.
        field: Field,
        /// Its new value.
        value: f64,
    },
    /// A value typed into a field's box and committed (Enter or leaving the box): parsed as
    /// the page reads numbers (`−0.5`, `0,5`), one undo entry; a bad one is refused next to
    /// the box, saying which value is kept.
    TypeValue {
        /// The field.
        field: Field,
        /// The text in the box.
        text: String,
    },
    /// An arrow key on a canvas target's stand-in: its value up or down by `step` (rounded to
    /// the finest step, 0.001), within one gesture.
    Nudge {
        /// The target.
        target: Target,
        /// Up (or right) rather than down (or left).
        up: bool,
        /// The change.
        step: f64,
    },
    /// Ends the current edit gesture: the next edit starts a new undo entry.
    EndGesture,
    /// Commits the update (SGD or the scenario's optimiser): the updated parameters become the scenario's.
    ApplyStep,
    /// Undoes the last edit or SGD step.
    Undo,
    /// Redoes what was undone.
    Redo,
    /// Back to the scenario as loaded (itself undoable); in data-set mode, to the seed's
    /// initial weights.
    Reset,
    /// Loads a scenario (a preset or an import) with a fresh history; ends data-set mode.
    Load(Scenario),
    /// Changes the optimiser (with its default hyper-parameters, from a fresh state): one
    /// undoable edit.
    SetOptimizer(Optimizer),
    /// Loads a scenario file's text (a file chosen or dropped, a paste; `source` says which,
    /// for the message). A bad file is refused with the file's message and the state stays.
    Import {
        /// The JSON text.
        text: String,
        /// "the file", "the pasted text".
        source: String,
    },
    /// Checks a worked answer (lines `name = value`) against the scenario on screen, marking
    /// every line in the list and on the canvas; an empty text clears the check.
    CheckAnswer(String),
    /// A part of the widget's code fetched on demand has arrived (see [`crate::parts`]).
    Loaded(crate::parts::Loaded),
    /// Fetching a part failed: says so where the part was needed; asking again tries again.
    LoadFailed {
        /// The part.
        part: crate::parts::Part,
        /// Why (the browser's words).
        reason: String,
    },
    /// A control that needs a part of the code was opened (the authoring panel): fetch it now,
    /// so that it is there by the time the control is used.
    Prepare(crate::parts::Part),
    /// An export chosen in the widget's menu; the shell runs it (`Effects::export`) once the
    /// tools it needs are here.
    Export(super::Export),
    /// Starts a per-student link's variant from the name or number the student typed.
    StartVariant(String),
    /// Shows another sample's passes.
    SetSample(usize),
    /// Light theme when dark, dark when light (the user's choice from then on).
    ToggleTheme,
    /// The system's colour scheme and reduced-motion preference changed.
    SystemPreferences {
        /// The system prefers a dark scheme.
        dark: bool,
        /// The system prefers reduced motion.
        reduced_motion: bool,
    },
    /// Significant digits shown (2 to 8).
    SetDigits(usize),
    /// The explanation panel's width and font size in CSS pixels.
    PanelWidth {
        /// Its content width.
        width_px: f64,
        /// Its font size.
        font_px: f64,
    },
    /// Clicks a canvas target: selects it, or unselects it when it was selected.
    Click(Target),
    /// The target under the pointer changed.
    Hover(Option<Target>),
    /// A canvas target's keyboard stand-in got (or lost) focus.
    Focus(Option<Target>),
    /// Selects a target (or nothing) outright.
    Select(Option<Target>),
    /// A press on the canvas at height `y` (CSS pixels), on `target`: a drag or a click begins.
    PressTarget {
        /// What was pressed.
        target: Target,
        /// The pointer's height.
        y: f64,
    },
    /// The pointer moved to height `y` during a press (fine: Shift or Alt held).
    DragTo {
        /// The pointer's height.
        y: f64,
        /// Fine steps.
        fine: bool,
    },
    /// The press ended (`click`: released where it started, not cancelled).
    Release {
        /// Whether it ends as a click.
        click: bool,
    },
    /// Scrolled into or out of view, or the tab shown or hidden.
    Seen {
        /// Which.
        sight: Sight,
        /// Whether it can now be seen that way.
        seen: bool,
    },
    /// Starts (or restarts) a quiz from the beginning of the timeline.
    StartQuiz {
        /// The phases asked.
        ask: Vec<Phase>,
        /// Digits answers are checked to (`None`: the digits shown).
        tolerance: Option<usize>,
    },
    /// Restarts the quiz in progress with its own settings.
    RestartQuiz,
    /// Leaves quiz mode, showing every value.
    StopQuiz,
    /// A typed answer to the current question.
    Answer(String),
    /// Shows the current question's answer and moves on.
    ShowAnswer,
    /// Switches to data-set mode (a playground from `saved`, or the defaults, the first time).
    EnterDataMode(Option<Saved>),
    /// Back to the one-sample view as it was left.
    LeaveDataMode,
    /// Something in data-set mode.
    Data(DataCommand),
    /// A change to the question on screen (its shape, samples, texts, weights), one undoable
    /// edit.
    Author(Authoring),
    /// A change in the share dialog (its options, opening or closing it).
    Share(ShareChange),
}

/// A set-up field of data-set mode, with the value as the user gave it (the text typed, or the
/// name of the option chosen); [`DataCommand::Set`] parses it and refuses a bad one.
#[derive(Clone, Debug, PartialEq)]
pub enum DataSetting {
    /// The problem type (`binary`, `classes`, `regression`).
    Problem(String),
    /// The data set (`circle`, `xor`…).
    Data(String),
    /// The number of points.
    Points(String),
    /// Noise in percent.
    Noise(String),
    /// The share held out for testing, in percent.
    TestShare(String),
    /// The seed.
    Seed(String),
    /// The learning rate.
    LearningRate(String),
    /// The batch size.
    Batch(String),
    /// Regularisation (`none`, `l1`, `l2`).
    Regularization(String),
    /// The regularisation rate λ.
    RegularizationRate(String),
    /// Initial weights (`uniform`, `xavier`, `he`, `zeros`).
    Init(String),
    /// The optimiser (`sgd`, `momentum`, `nesterov`, `rmsprop`, `adam`), with its defaults.
    Optimizer(String),
    /// Epochs per training frame.
    EpochsPerFrame(String),
    /// An input feature (`x1`, `x1_squared`…) switched on or off.
    Feature(String, bool),
    /// A hidden layer's activation.
    Activation {
        /// The hidden layer (0 = first).
        layer: usize,
        /// The activation's name.
        name: String,
    },
}

/// Data-set mode's actions.
#[derive(Clone, Debug, PartialEq)]
pub enum DataCommand {
    /// Start or pause training (one epoch a frame).
    ToggleTraining,
    /// One training frame while training runs.
    TrainingFrame,
    /// One mini-batch.
    StepBatch,
    /// To the end of the epoch.
    StepEpoch,
    /// Trains at least this many samples at once (whole mini-batches).
    TrainSamples(usize),
    /// Starts again from the seed's initial weights.
    ResetTraining,
    /// Changes a set-up field; a bad value is refused with the field's name.
    Set(DataSetting),
    /// Adds a hidden layer (as wide as the last, with its activation).
    AddLayer,
    /// Removes the last hidden layer.
    RemoveLayer,
    /// Adds a neuron to a hidden layer.
    AddNeuron(usize),
    /// Removes a neuron from a hidden layer.
    RemoveNeuron(usize),
    /// A new seed (new data, split and initial weights).
    NewSeed,
    /// A click on the plot at `(x1, x2)` (data coordinates) picks the nearest point within
    /// `radius`.
    PickNear {
        /// The click's x1.
        x1: f64,
        /// The click's x2.
        x2: f64,
        /// How far a point may be.
        radius: f64,
    },
    /// Shows this point's passes in the network view.
    Pick(Pick),
    /// Walks through the points of the set shown (1: the next, −1: the one before; wraps).
    NextPoint(i64),
    /// Switches between the training and the test set (its first point).
    OtherSet,
    /// Adds a point of the data.
    AddPoint {
        /// Its x1.
        x1: f64,
        /// Its x2.
        x2: f64,
        /// Its class or regression value.
        label: f64,
    },
    /// Reads CSV lines `x1,x2,label` into the data (a header line allowed).
    ImportCsv(String),
    /// Back to generated data.
    GeneratedData,
}
