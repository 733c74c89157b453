//! Data-set mode in the session: the playground being trained, and the network view showing
//! one of its points as a one-sample scenario (with the same timeline, table and explanations
//! as the exam). The training itself is [`crate::playground`].

use super::command::{DataCommand, DataSetting};
use super::{Effects, Notice, Session};
use crate::edit::History;
use crate::explain::number::number_text;
use crate::nn::data::DataKind;
use crate::nn::train::{Feature, Init, Regularization};
use crate::nn::{Activation, Optimizer};
use crate::parts::{DataPart, Part};
use crate::playground::{Pick, Playground, Problem, Saved, Settings};
use crate::read::named;
use crate::scenario::Scenario;

/// The one-sample view as it was when data-set mode was entered, for the way back.
#[derive(Clone, Debug, PartialEq)]
pub struct SampleView {
    /// Its undo history.
    pub history: History,
    /// What its "reset" returns to.
    pub original: Scenario,
    /// The preset it came from.
    pub preset: Option<String>,
    /// The sample it showed.
    pub sample: usize,
}

/// Data-set mode's state.
#[derive(Debug, Default)]
pub struct DataMode {
    /// The training state, made on first entering data-set mode (kept when the mode is left).
    pub playground: Option<Playground>,
    /// Training runs, one epoch a frame.
    pub playing: bool,
    /// The one-sample view to return to; `Some` exactly while in data-set mode.
    pub saved: Option<SampleView>,
    /// Entering data-set mode (with the playground to restore, if any) waits for its code.
    pub waiting: Option<Option<Saved>>,
}

impl Session {
    /// Switches to data-set mode (making a playground from `saved`, or the defaults, the first
    /// time). The one-sample view is kept for the way back.
    pub(super) fn enter_data_mode(&mut self, saved: Option<Saved>) -> Effects {
        let Some(code) = self.data_code() else {
            // Its code is fetched first ("Loading data-set mode…"), then the mode is entered.
            let mut effects = Effects {
                notice: Some(Part::Data.loading()),
                busy: Some(true),
                // The mode's shape at once: its panel (saying that it loads) and controls.
                redraw: super::Redraw::all(),
                ..Effects::none()
            };
            if self.parts.data.request() {
                effects.load = Some(Part::Data);
            }
            self.data.waiting = Some(saved);
            return effects;
        };
        (code.enter)(self, saved)
    }

    /// [`Session::enter_data_mode`] once the mode's code is here (behind [`DataPart`]'s `enter`,
    /// so that it loads with the part).
    pub fn enter_loaded_data_mode(&mut self, saved: Option<Saved>) -> Effects {
        let Some(code) = self.data_code() else {
            return Effects::none();
        };
        if let Some(saved) = saved {
            match (code.restore)(saved) {
                Ok(pg) => self.data.playground = Some(pg),
                Err(e) => {
                    return Effects {
                        notice: Some(format!("playground {e}")),
                        ..Effects::none()
                    }
                }
            }
        }
        if self.data.playground.is_none() {
            self.data.playground = (code.new)(Settings::default(), None).ok();
        }
        if !self.data_mode() {
            self.timeline.pause();
            self.data.saved = Some(SampleView {
                history: self.history.clone(),
                original: self.original.clone(),
                preset: self.preset.clone(),
                sample: self.sample,
            });
        }
        self.quiz = None;
        let mut effects = self.show_point(true);
        effects.redraw = super::Redraw::all();
        effects.data.setup = true;
        effects
    }

    /// Back to the one-sample view as it was left.
    pub(super) fn leave_data_mode(&mut self) -> Effects {
        // Leaving while its code loads: it will not be entered when it arrives, and the page
        // takes the one-sample shape again.
        if self.data.waiting.take().is_some() && !self.data_mode() {
            return Effects {
                redraw: super::Redraw::all(),
                ..super::parts::loading_done()
            };
        }
        let Some(view) = self.data.saved.take() else {
            return Effects::none();
        };
        self.data.playing = false;
        let before = self.shape();
        self.history = view.history;
        self.original = view.original;
        self.preset = view.preset;
        self.sample = view.sample;
        self.gesture = None;
        let mut effects = self.document_changed(&before);
        self.clear_targets();
        self.seek_end();
        effects.redraw = super::Redraw::all();
        effects
    }

    /// Shows the picked point in the network view: a fresh history when `fresh` (a new point
    /// or network), otherwise the training's progress replaces the current entry.
    fn show_point(&mut self, fresh: bool) -> Effects {
        let (Some(pg), Some(code)) = (&self.data.playground, self.data_code()) else {
            return Effects::none();
        };
        let scenario = (code.scenario_for)(pg, pg.pick);
        let before = self.shape();
        let shape_changed = scenario.layers != before.layers;
        if fresh {
            self.replace_document(scenario, None);
        } else {
            self.history.replace(scenario);
        }
        self.sample = 0;
        let mut effects = self.document_changed(&before);
        if fresh {
            self.clear_targets();
            effects.redraw.structure = true;
        }
        if shape_changed {
            self.seek_end();
        }
        effects.data.grids = true;
        effects.data.panel = true;
        effects
    }

    /// After an edit, undo or SGD step in the network view: the playground takes the weights
    /// (and the learning rate).
    pub(super) fn pull_params(&mut self) -> Effects {
        match self.data_code() {
            Some(code) => (code.pull_params)(self),
            None => Effects::none(),
        }
    }

    /// [`Session::pull_params`] once the mode's code is here (behind [`DataPart`]'s
    /// `pull_params`).
    pub fn pull_loaded_params(&mut self) -> Effects {
        let mut effects = Effects::none();
        if !self.data_mode() {
            return effects;
        }
        let params = self.scenario().params();
        let learning_rate = self.scenario().learning_rate;
        let (Some(pg), Some(code)) = (self.data.playground.as_mut(), self.parts.data.get()) else {
            return effects;
        };
        if (code.set_params)(pg, &params).is_ok() {
            let mut settings = pg.settings().clone();
            if settings.learning_rate != learning_rate {
                settings.learning_rate = learning_rate;
                if (code.change)(pg, settings).is_ok() {
                    effects.data.setup = true;
                }
            }
            (code.record)(pg);
            effects.data.grids = true;
            effects.data.panel = true;
        }
        effects
    }

    /// Carries out a data-set mode command (nothing outside data-set mode).
    pub(super) fn apply_data(&mut self, command: DataCommand) -> Effects {
        match self.data_code() {
            Some(code) => (code.apply)(self, command),
            None => Effects::none(),
        }
    }

    /// [`Session::apply_data`] once the mode's code is here (behind [`DataPart`]'s `apply`).
    pub fn run_data_command(&mut self, command: DataCommand) -> Effects {
        let Some(code) = self.data_code() else {
            return Effects::none();
        };
        if self.data.playground.is_none() {
            return Effects::none();
        }
        match command {
            DataCommand::ToggleTraining => self.toggle_training(),
            DataCommand::TrainingFrame => {
                if !self.data.playing {
                    return Effects::none();
                }
                // As many epochs as asked for, fewer when a frame would not keep time.
                self.train(
                    |pg| {
                        let epochs = pg.settings().frame_epochs(pg.train_set().points.len());
                        (0..epochs).try_for_each(|_| (code.step_epoch)(pg))
                    },
                    false,
                )
            }
            DataCommand::StepBatch => self.train(code.step_batch, true),
            DataCommand::StepEpoch => self.train(code.step_epoch, true),
            DataCommand::TrainSamples(samples) => {
                let mut diverged = None;
                let mut effects = self.train(
                    |pg| {
                        let result = (code.train_samples)(pg, samples);
                        diverged = result.as_ref().err().map(|d| d.path.clone());
                        result
                    },
                    false,
                );
                if let Some(path) = diverged {
                    effects.notice = Some(format!("training diverged at {path}"));
                }
                effects
            }
            DataCommand::ResetTraining => {
                self.data.playing = false;
                if let Some(pg) = self.data.playground.as_mut() {
                    (code.reset)(pg);
                }
                self.show_point(true)
            }
            DataCommand::Set(setting) => self.change_setting(setting),
            DataCommand::AddLayer
            | DataCommand::RemoveLayer
            | DataCommand::AddNeuron(_)
            | DataCommand::RemoveNeuron(_)
            | DataCommand::NewSeed => self.change_shape(&command),
            DataCommand::PickNear { x1, x2, radius } => {
                let pick = self
                    .data
                    .playground
                    .as_ref()
                    .and_then(|pg| (code.nearest)(pg, x1, x2, radius));
                match pick {
                    Some(pick) => self.pick(pick),
                    None => Effects::none(),
                }
            }
            DataCommand::Pick(pick) => self.pick(pick),
            DataCommand::NextPoint(delta) => {
                let Some(pg) = self.data.playground.as_ref() else {
                    return Effects::none();
                };
                let mut pick = pg.pick;
                let n = if pick.test {
                    pg.test_set().points.len()
                } else {
                    pg.train_set().points.len()
                } as i64;
                if n == 0 {
                    return Effects::none();
                }
                pick.index = (pick.index as i64 + delta).rem_euclid(n) as usize;
                self.pick(pick)
            }
            DataCommand::OtherSet => {
                let Some(pg) = self.data.playground.as_ref() else {
                    return Effects::none();
                };
                let pick = Pick {
                    test: !pg.pick.test,
                    index: 0,
                };
                self.pick(pick)
            }
            DataCommand::AddPoint { x1, x2, label } => self.add_point(x1, x2, label),
            DataCommand::ImportCsv(text) => {
                let Some(pg) = self.data.playground.as_mut() else {
                    return Effects::none();
                };
                let problems = (code.import_csv)(pg, &text);
                let count = pg.train_set().points.len() + pg.test_set().points.len();
                self.data.playing = false;
                let mut effects = self.show_point(true);
                effects.data_notice = Some(Notice::info(format!("{count} points in the data.")));
                effects.csv_problems = Some(problems);
                effects.data.setup = true;
                effects
            }
            DataCommand::GeneratedData => {
                if let Some(pg) = self.data.playground.as_mut() {
                    (code.clear_custom)(pg);
                }
                self.data.playing = false;
                let mut effects = self.show_point(true);
                effects.data.setup = true;
                // What was said of the hand-made data no longer holds.
                effects.data_notice = Some(Notice::clear());
                effects
            }
        }
    }

    /// Data-set mode's code, when the page has it.
    pub fn data_code(&self) -> Option<DataPart> {
        self.parts.data.get().copied()
    }

    /// The mode's name in the module API and links: `"sample"` or `"data"`.
    pub fn mode_name(&self) -> &'static str {
        if self.data_mode() {
            "data"
        } else {
            "sample"
        }
    }

    /// Whether the picked point exists; if it does, the network view shows it.
    pub fn can_pick(&self, pick: Pick) -> bool {
        self.data
            .playground
            .as_ref()
            .is_some_and(|pg| pg.point(pick).is_some())
    }

    fn pick(&mut self, pick: Pick) -> Effects {
        if !self.can_pick(pick) {
            return Effects::none();
        }
        if let Some(pg) = self.data.playground.as_mut() {
            pg.pick = pick;
        }
        let effects = self.show_point(true);
        self.seek_end();
        effects
    }

    fn add_point(&mut self, x1: f64, x2: f64, label: f64) -> Effects {
        let (Some(pg), Some(code)) = (self.data.playground.as_mut(), self.parts.data.get()) else {
            return Effects::none();
        };
        let notice = match (code.add_point)(pg, x1, x2, label) {
            Ok(()) => {
                let count = pg.train_set().points.len() + pg.test_set().points.len();
                Notice::info(format!(
                    "Added a point at ({}, {}); {count} points now.",
                    number_text(x1, 3),
                    number_text(x2, 3)
                ))
            }
            Err(e) => Notice::error(e.to_string()),
        };
        let mut effects = self.show_point(true);
        effects.data_notice = Some(notice);
        effects.data.setup = true;
        effects
    }

    fn toggle_training(&mut self) -> Effects {
        let mut effects = Effects::none();
        if self.data.playing {
            self.data.playing = false;
            // Whatever the training frames skipped, draw it all now, the maps at full
            // resolution.
            effects.data.grids = true;
            effects.redraw.canvas = true;
        } else if self
            .data
            .playground
            .as_ref()
            .is_some_and(|p| p.diverged().is_none())
        {
            self.data.playing = true;
            self.timeline.pause();
            self.seek_end();
            let current = self.scenario().clone();
            self.history.push(current);
            effects.animate = true;
            effects.redraw.controls = true;
        }
        effects.data.panel = true;
        effects
    }

    /// Trains with `step` and shows the point's new state; `own_entry`: the result is an undo
    /// entry of its own (a button press), not the running training's.
    fn train(
        &mut self,
        step: impl FnOnce(&mut Playground) -> Result<(), crate::nn::train::Diverged>,
        own_entry: bool,
    ) -> Effects {
        let (Some(pg), Some(code)) = (self.data.playground.as_mut(), self.parts.data.get()) else {
            return Effects::none();
        };
        let result = step(pg);
        (code.record)(pg);
        if own_entry {
            let current = self.scenario().clone();
            self.history.push(current);
        }
        if result.is_err() {
            self.data.playing = false;
        }
        let mut effects = self.show_point(false);
        effects.animate = self.data.playing;
        effects
    }

    fn change_setting(&mut self, setting: DataSetting) -> Effects {
        let Some(pg) = self.data.playground.as_ref() else {
            return Effects::none();
        };
        let mut s = pg.settings().clone();
        let outcome = edit_settings(&mut s, setting);
        self.finish_setting(s, outcome)
    }

    fn change_shape(&mut self, command: &DataCommand) -> Effects {
        let Some(pg) = self.data.playground.as_ref() else {
            return Effects::none();
        };
        let mut s = pg.settings().clone();
        match *command {
            DataCommand::AddLayer => {
                let width = s.hidden.last().copied().unwrap_or(4);
                let act = s.activations.last().copied().unwrap_or(Activation::Tanh);
                s.hidden.push(width);
                s.activations.push(act);
            }
            DataCommand::RemoveLayer => {
                s.hidden.pop();
                s.activations.pop();
            }
            DataCommand::AddNeuron(layer) => {
                if let Some(n) = s.hidden.get_mut(layer) {
                    *n += 1;
                }
            }
            DataCommand::RemoveNeuron(layer) => {
                if let Some(n) = s.hidden.get_mut(layer) {
                    *n = n.saturating_sub(1);
                }
            }
            DataCommand::NewSeed => s.seed = next_seed(s.seed),
            _ => return Effects::none(),
        }
        self.finish_setting(s, Ok(()))
    }

    fn finish_setting(&mut self, s: Settings, outcome: Result<(), String>) -> Effects {
        let (Some(pg), Some(code)) = (self.data.playground.as_mut(), self.parts.data.get()) else {
            return Effects::none();
        };
        let result = outcome.and_then(|()| (code.change)(pg, s).map_err(|e| e.to_string()));
        let mut effects = match result {
            Ok(rebuilt) => {
                if rebuilt {
                    self.data.playing = false;
                }
                let mut effects = self.show_point(rebuilt);
                effects.data_notice = Some(Notice::clear());
                effects
            }
            Err(message) => Effects {
                data_notice: Some(Notice::error(format!(
                    "{message}; the settings are unchanged"
                ))),
                ..Effects::none()
            },
        };
        effects.data.setup = true;
        effects.data.panel = true;
        effects
    }
}

/// The seed after `seed` ("New seed"): a step of a linear congruential generator, kept to five
/// digits so that it is easy to note down.
pub fn next_seed(seed: u64) -> u64 {
    seed.wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407)
        % 100_000
}

/// `value` as `parse` reads it, handed to `store`; or refused, naming the field `what` as the
/// set-up labels it.
fn take<T>(
    value: &str,
    what: &str,
    parse: impl FnOnce(&str) -> Option<T>,
    store: impl FnOnce(T),
) -> Result<(), String> {
    match parse(value) {
        Some(parsed) => {
            store(parsed);
            Ok(())
        }
        None => Err(format!(
            "{what}: “{}” is not a valid value",
            value.chars().take(20).collect::<String>()
        )),
    }
}

/// Writes one setting's new value into `s`, or says why it is refused (naming the field as
/// the set-up labels it).
fn edit_settings(s: &mut Settings, setting: DataSetting) -> Result<(), String> {
    let number = |v: &str| crate::decimal::parse_f64(v.trim());
    let percent = |v: &str| number(v).map(|x| x / 100.0);
    match setting {
        DataSetting::Problem(v) => take(
            &v,
            "problem",
            |v| Problem::ALL.iter().find(|p| p.name() == v).copied(),
            |p| s.set_problem(p),
        ),
        DataSetting::Data(v) => take(&v, "data", |v| named(v, &DataKind::ALL), |k| s.data = k),
        DataSetting::Points(v) => take(&v, "points", |v| v.parse().ok(), |n| s.points = n),
        DataSetting::Noise(v) => take(&v, "noise", percent, |x| s.noise = x),
        DataSetting::TestShare(v) => take(&v, "test share", percent, |x| s.test_share = x),
        DataSetting::Seed(v) => take(&v, "seed", |v| v.trim().parse().ok(), |x| s.seed = x),
        DataSetting::LearningRate(v) => take(&v, "learning rate", number, |x| s.learning_rate = x),
        DataSetting::Batch(v) => take(&v, "batch", |v| v.trim().parse().ok(), |x| s.batch = x),
        DataSetting::Regularization(v) => take(
            &v,
            "regularisation",
            |v| named(v, &Regularization::ALL),
            |r| s.regularization = r,
        ),
        DataSetting::RegularizationRate(v) => take(&v, "λ", number, |x| s.regularization_rate = x),
        DataSetting::Init(v) => take(
            &v,
            "initial weights",
            |v| named(v, &Init::ALL),
            |i| s.init = i,
        ),
        DataSetting::Optimizer(v) => take(&v, "optimiser", Optimizer::from_name, |o| {
            // Choosing the kind it already is keeps its hyper-parameters.
            if o.name() != s.optimizer.name() {
                s.optimizer = o;
            }
        }),
        DataSetting::EpochsPerFrame(v) => take(
            &v,
            "epochs per frame",
            |v| v.trim().parse().ok(),
            |n| s.epochs_per_frame = n,
        ),
        DataSetting::Feature(v, on) => {
            let f = named(&v, &Feature::ALL).ok_or("unknown input")?;
            if on {
                if !s.features.contains(&f) {
                    // In the order of the list of features.
                    s.features = Feature::ALL
                        .iter()
                        .copied()
                        .filter(|x| *x == f || s.features.contains(x))
                        .collect();
                }
            } else {
                s.features.retain(|x| *x != f);
            }
            Ok(())
        }
        DataSetting::Activation { layer, name } => {
            match (Activation::from_name(&name), s.activations.get_mut(layer)) {
                (Some(a), Some(slot)) => {
                    *slot = a;
                    Ok(())
                }
                _ => Err(format!(
                    "activations[{layer}]: “{name}” is not an activation"
                )),
            }
        }
    }
}

/// Weights above which training frames use the coarser grid.
pub const COARSE_ABOVE_WEIGHTS: usize = 150;
/// Whether the data-set network has more than [`COARSE_ABOVE_WEIGHTS`] weights: while it
/// trains, frames take turns, the grids are coarser and the network view leaves out its numbers.
pub fn large_network(pg: &crate::playground::Playground) -> bool {
    let weights: usize = pg
        .settings()
        .layer_sizes()
        .windows(2)
        .map(|w| w[0] * w[1])
        .sum();
    weights > COARSE_ABOVE_WEIGHTS
}

/// Grid side of the heatmaps when idle, and while training a large network.
pub const GRID_SIDE: (usize, usize) = (100, 50);

impl super::Session {
    /// The side of the grids the heatmaps are computed over now: coarser while a large
    /// network trains.
    pub fn grid_side(&self) -> usize {
        if self.training_large() {
            GRID_SIDE.1
        } else {
            GRID_SIDE.0
        }
    }

    /// Whether a large network is training: its frames take turns (maps, then the network
    /// view), its grids are coarser and the network view leaves out its numbers (they catch
    /// up when training pauses, as the table does).
    pub fn training_large(&self) -> bool {
        self.data.playing && self.data.playground.as_ref().is_some_and(large_network)
    }
}

/// A fingerprint of what the plot's points layer shows: the points, their labels, their sets,
/// the problem type, the size in pixels and the theme.
pub fn points_fingerprint(pg: &crate::playground::Playground, px: u32, dark: bool) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut mix = |v: u64| {
        h ^= v;
        h = h.wrapping_mul(0x0100_0000_01b3);
    };
    mix(u64::from(px));
    mix(u64::from(dark));
    mix(u64::from(pg.settings().problem == Problem::Regression));
    for set in [pg.train_set(), pg.test_set()] {
        mix(set.points.len() as u64);
        for (p, label) in set.points.iter().zip(&set.labels) {
            mix(p.0.to_bits());
            mix(p.1.to_bits());
            mix(label.to_bits());
        }
    }
    h | 1
}
