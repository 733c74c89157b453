//! The playground: a network designed by the student and trained on a two-dimensional data set,
//! with any data point's forward and backward pass available as an ordinary [`Scenario`] (so the
//! exam view's trace, animation and chain-rule explanation work on it unchanged).
//!
//! Pure, like the rest of the core: the page draws what this computes.
//!
//! ```
//! use backprop_viz::playground::{Playground, Settings};
//! let mut p = Playground::new(Settings::default(), None).expect("the defaults are valid");
//! let before = p.losses().0;
//! for _ in 0..20 {
//!     p.step_epoch().expect("the defaults do not diverge");
//! }
//! assert!(p.losses().0 < before);
//! ```

use crate::decimal::Fixed;
use crate::json::{Fields, ToJson, Value};

use crate::nn::data::{generate, DataSet, EXTENT};
use crate::nn::train::{init_params, Diverged, Regularization, Trainer};
use crate::nn::{Activation, Network, OptimizerState, Params, Sample};
use crate::read::{At, Object, Read, ReadError};
use crate::scenario::{Scenario, VERSION};

/// Most hidden layers.
pub const MAX_HIDDEN_LAYERS: usize = 6;
/// Most neurons in a hidden layer.
pub const MAX_WIDTH: usize = 8;
/// Fewest and most generated points.
pub const POINTS_RANGE: (usize, usize) = (10, 2000);
/// Most points a data set may hold (generated, clicked or imported).
pub const MAX_POINTS: usize = 5000;
/// Most loss-chart points kept; older ones are thinned out to half when it fills.
pub const MAX_HISTORY: usize = 600;

mod custom;
mod heat;
mod settings;

use custom::check_custom;
pub use heat::{
    colors, heat_pixels, map_pixels, neuron_heat_kind, output_pixels, thumb_pixels, thumb_side,
    HeatKind,
};
use settings::refuse;
pub use settings::{data_name, feature_name, Problem, Settings, SettingsError};

/// A point of the data: which set and where in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pick {
    /// In the test set (otherwise the training set).
    pub test: bool,
    /// Index within that set.
    pub index: usize,
}

/// One point of the loss chart.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LossPoint {
    /// Epochs trained when it was measured.
    pub epoch: f64,
    /// Mean training loss.
    pub train: f64,
    /// Mean test loss (the training loss's twin when there is no test set).
    pub test: f64,
}

/// What a share link keeps of a playground: settings, hand-made data, trained weights, progress.
#[derive(Clone, Debug, PartialEq)]
pub struct Saved {
    /// The set-up (all defaults when left out).
    pub settings: Settings,
    /// Points added by clicking or imported: `[x1, x2, label]` (absent for generated data).
    pub custom: Option<Vec<[f64; 3]>>,
    /// The trained weights and biases (absent for a fresh start).
    pub params: Option<Params>,
    /// Training samples seen so far.
    pub seen: u64,
    /// The point shown in the network view.
    pub pick: Option<Pick>,
    /// The optimiser's state after the training so far (absent for SGD or a fresh start).
    pub optimizer_state: Option<OptimizerState>,
}

impl ToJson for Pick {
    fn to_json(&self) -> Value {
        Fields::new()
            .field("test", &self.test)
            .field("index", &self.index)
            .finish()
    }
}

/// What is absent is left out.
impl ToJson for Saved {
    fn to_json(&self) -> Value {
        Fields::new()
            .field("settings", &self.settings)
            .some("custom", &self.custom)
            .some("params", &self.params)
            .field("seen", &self.seen)
            .some("pick", &self.pick)
            .some("optimizer_state", &self.optimizer_state)
            .finish()
    }
}

impl Read for Pick {
    fn read(value: &Value, at: &At<'_>) -> Result<Pick, ReadError> {
        let o = Object::new(
            value,
            at,
            "a point such as {\"test\": false, \"index\": 0}",
            &["test", "index"],
        )?;
        Ok(Pick {
            test: o.required("test")?,
            index: o.required("index")?,
        })
    }
}

/// Everything is optional; [`Playground::restore`] checks that the parts fit together.
impl Read for Saved {
    fn read(value: &Value, at: &At<'_>) -> Result<Saved, ReadError> {
        let o = Object::new(
            value,
            at,
            "a saved playground such as {\"settings\": {}}",
            &[
                "settings",
                "custom",
                "params",
                "seen",
                "pick",
                "optimizer_state",
            ],
        )?;
        Ok(Saved {
            settings: o.or_default("settings")?,
            custom: o.nullable("custom")?,
            params: o.nullable("params")?,
            seen: o.or_default("seen")?,
            pick: o.nullable("pick")?,
            optimizer_state: o.nullable("optimizer_state")?,
        })
    }
}

impl Saved {
    /// A saved playground read from JSON text (its types; [`Playground::restore`] checks the
    /// rest), or why it is not one.
    /// (Through the reader's part: [`crate::parts::reader`].)
    pub fn from_json(text: &str) -> Result<Saved, ReadError> {
        (crate::parts::reader()?.saved_json)(text)
    }

    /// [`Saved::from_json`] itself.
    pub(crate) fn read_json(text: &str) -> Result<Saved, ReadError> {
        crate::read::from_value(&crate::read::parse(text)?)
    }
}

/// A data set being trained on.
#[derive(Clone, Debug)]
pub struct Playground {
    settings: Settings,
    custom: Option<DataSet>,
    train: DataSet,
    test: DataSet,
    train_x: Vec<Vec<f64>>,
    train_t: Vec<Vec<f64>>,
    test_x: Vec<Vec<f64>>,
    test_t: Vec<Vec<f64>>,
    trainer: Trainer,
    cursor: usize,
    seen: u64,
    history: Vec<LossPoint>,
    diverged: Option<Diverged>,
    /// The point shown in the network view.
    pub pick: Pick,
}

impl Playground {
    /// A fresh playground: data generated (or the given custom data), weights initialised from
    /// the seed.
    pub fn new(settings: Settings, custom: Option<DataSet>) -> Result<Playground, SettingsError> {
        settings.validate()?;
        if let Some(data) = &custom {
            check_custom(&settings, data)?;
        }
        let net = Network {
            activations: settings.all_activations(),
            loss: settings.loss,
            params: init_params(&settings.layer_sizes(), settings.init, settings.seed),
        };
        let mut playground = Playground {
            trainer: Trainer::new(&net),
            settings,
            custom,
            train: empty(),
            test: empty(),
            train_x: Vec::new(),
            train_t: Vec::new(),
            test_x: Vec::new(),
            test_t: Vec::new(),
            cursor: 0,
            seen: 0,
            history: Vec::new(),
            diverged: None,
            pick: Pick {
                test: false,
                index: 0,
            },
        };
        playground.load_data();
        playground.record();
        Ok(playground)
    }

    /// Restores a saved playground, checking everything in it.
    pub fn restore(saved: Saved) -> Result<Playground, SettingsError> {
        let custom = match &saved.custom {
            Some(points) => {
                if points.len() > MAX_POINTS {
                    return Err(refuse(
                        "custom",
                        format!("{} points; the limit is {MAX_POINTS}", points.len()),
                    ));
                }
                Some(DataSet {
                    points: points.iter().map(|p| (p[0], p[1])).collect(),
                    labels: points.iter().map(|p| p[2]).collect(),
                    classes: saved.settings.classes(),
                })
            }
            None => None,
        };
        let mut playground = Playground::new(saved.settings, custom)?;
        if let Some(params) = &saved.params {
            playground.set_params(params)?;
        }
        if let Some(state) = &saved.optimizer_state {
            let optimizer = playground.settings.optimizer;
            let steps = crate::scenario::MAX_OPTIMIZER_STEPS;
            state
                .check(optimizer, &playground.params(), steps)
                .map_err(|(path, message)| refuse(path, message))?;
            playground.trainer.set_optimizer_state(optimizer, state);
        }
        playground.seen = saved.seen;
        playground.history.clear();
        playground.record();
        if let Some(pick) = saved.pick {
            if playground.point(pick).is_none() {
                let (set, len) = if pick.test {
                    ("test", playground.test.points.len())
                } else {
                    ("training", playground.train.points.len())
                };
                return Err(refuse(
                    "pick",
                    format!(
                        "the {set} set has no point {} (it has {len}, numbered from 0)",
                        pick.index
                    ),
                ));
            }
            playground.pick = pick;
        }
        Ok(playground)
    }

    /// What a share link keeps.
    pub fn save(&self) -> Saved {
        Saved {
            settings: self.settings.clone(),
            custom: self.custom.as_ref().map(|d| {
                d.points
                    .iter()
                    .zip(&d.labels)
                    .map(|(p, l)| [p.0, p.1, *l])
                    .collect()
            }),
            params: Some(self.trainer.params()),
            seen: self.seen,
            pick: Some(self.pick),
            optimizer_state: (!self.settings.optimizer.is_sgd()).then(|| self.optimizer_state()),
        }
    }

    fn load_data(&mut self) {
        let s = &self.settings;
        let all = match &self.custom {
            Some(data) => data.clone(),
            None => generate(s.data, s.points, s.noise, s.seed),
        };
        let (train, test) = all.split(s.test_share, s.seed);
        let encode = |d: &DataSet| -> (Vec<Vec<f64>>, Vec<Vec<f64>>) {
            d.points
                .iter()
                .zip(&d.labels)
                .map(|(p, l)| (s.inputs(p.0, p.1), s.targets(*l)))
                .unzip()
        };
        (self.train_x, self.train_t) = encode(&train);
        (self.test_x, self.test_t) = encode(&test);
        self.train = train;
        self.test = test;
        self.cursor = 0;
        if self.point(self.pick).is_none() {
            // The first training point (the split always leaves one when there are points).
            self.pick = Pick {
                test: self.train.points.is_empty() && !self.test.points.is_empty(),
                index: 0,
            };
        }
    }

    /// Applies new settings. Changing only the learning rate, batch size or regularisation
    /// keeps training where it is (returns `false`); anything else starts afresh from the seed,
    /// keeping hand-made data when it still fits (returns `true`). Bad settings change nothing.
    pub fn change(&mut self, next: Settings) -> Result<bool, SettingsError> {
        next.validate()?;
        let mut same_shape = next.clone();
        same_shape.learning_rate = self.settings.learning_rate;
        same_shape.batch = self.settings.batch;
        same_shape.regularization = self.settings.regularization;
        same_shape.regularization_rate = self.settings.regularization_rate;
        same_shape.optimizer = self.settings.optimizer;
        same_shape.epochs_per_frame = self.settings.epochs_per_frame;
        if same_shape == self.settings {
            // Another optimiser starts from a fresh state (its moments mean something else).
            if next.optimizer.name() != self.settings.optimizer.name() {
                self.trainer.reset_optimizer();
            }
            self.settings = next;
            self.diverged = None;
            return Ok(false);
        }
        let custom = self.custom.clone().filter(|_| {
            next.problem == self.settings.problem && next.classes() == self.settings.classes()
        });
        let pick = self.pick;
        *self = Playground::new(next, custom)?;
        if self.point(pick).is_some() {
            self.pick = pick;
        }
        Ok(true)
    }

    /// The settings.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Hand-made data, if any.
    pub fn custom(&self) -> Option<&DataSet> {
        self.custom.as_ref()
    }

    /// The training set.
    pub fn train_set(&self) -> &DataSet {
        &self.train
    }

    /// The test set.
    pub fn test_set(&self) -> &DataSet {
        &self.test
    }

    /// Epochs trained (fractional: samples seen over the training set's size).
    pub fn epoch(&self) -> f64 {
        self.seen as f64 / self.train.points.len().max(1) as f64
    }

    /// Training samples seen.
    pub fn seen(&self) -> u64 {
        self.seen
    }

    /// The loss chart's points.
    pub fn history(&self) -> &[LossPoint] {
        &self.history
    }

    /// Why training stopped, if it diverged.
    pub fn diverged(&self) -> Option<&Diverged> {
        self.diverged.as_ref()
    }

    /// The current weights and biases.
    pub fn params(&self) -> Params {
        self.trainer.params()
    }

    /// Replaces the weights and biases (an edit in the network view).
    pub fn set_params(&mut self, params: &Params) -> Result<(), SettingsError> {
        let sizes = self.settings.layer_sizes();
        if params.layer_sizes() != sizes
            || params
                .weights
                .iter()
                .zip(sizes.windows(2))
                .any(|(layer, pair)| layer.iter().any(|row| row.len() != pair[1]))
        {
            return Err(refuse(
                "params",
                format!("do not fit a {} network", sizes_text(&sizes)),
            ));
        }
        let finite = params
            .weights
            .iter()
            .flatten()
            .flatten()
            .chain(params.biases.iter().flatten())
            .all(|v| v.is_finite());
        if !finite {
            return Err(refuse("params", "every weight and bias must be finite"));
        }
        self.trainer.set_params(params);
        self.diverged = None;
        Ok(())
    }

    /// Starts again: weights from the seed, a fresh optimiser, no history.
    pub fn reset(&mut self) {
        let s = &self.settings;
        let params = init_params(&s.layer_sizes(), s.init, s.seed);
        self.trainer.set_params(&params);
        self.trainer.reset_optimizer();
        self.seen = 0;
        self.cursor = 0;
        self.diverged = None;
        self.history.clear();
        self.record();
    }

    /// One SGD step on the next mini-batch of the training set.
    pub fn step_batch(&mut self) -> Result<(), Diverged> {
        if let Some(d) = &self.diverged {
            return Err(d.clone());
        }
        let n = self.train_x.len();
        if n == 0 {
            return Ok(());
        }
        if self.cursor >= n {
            self.cursor = 0;
        }
        let end = (self.cursor + self.settings.batch).min(n);
        let s = &self.settings;
        let result = self.trainer.train_batch_with(
            &self.train_x[self.cursor..end],
            &self.train_t[self.cursor..end],
            s.learning_rate,
            s.regularization,
            s.regularization_rate,
            s.optimizer,
        );
        match result {
            Ok(_) => {
                self.seen += (end - self.cursor) as u64;
                self.cursor = end;
                Ok(())
            }
            Err(d) => {
                self.diverged = Some(d.clone());
                Err(d)
            }
        }
    }

    /// Steps to the end of the current epoch (one whole epoch from its start).
    pub fn step_epoch(&mut self) -> Result<(), Diverged> {
        let n = self.train_x.len();
        if n == 0 {
            return Ok(());
        }
        if self.cursor >= n {
            self.cursor = 0;
        }
        while self.cursor < n {
            self.step_batch()?;
        }
        Ok(())
    }

    /// Runs mini-batches until at least `samples` training samples have been seen.
    pub fn train_samples(&mut self, samples: usize) -> Result<(), Diverged> {
        let target = self.seen + samples as u64;
        while self.seen < target && !self.train_x.is_empty() {
            self.step_batch()?;
        }
        Ok(())
    }

    /// Mean training and test losses (without regularisation; the test loss equals the
    /// training loss when there is no test set).
    pub fn losses(&mut self) -> (f64, f64) {
        let train = self.trainer.mean_loss(&self.train_x, &self.train_t);
        let test = if self.test_x.is_empty() {
            train
        } else {
            self.trainer.mean_loss(&self.test_x, &self.test_t)
        };
        (train, test)
    }

    /// Share of correctly classified points of one set (`None` for regression or no points).
    pub fn accuracy(&mut self, test: bool) -> Option<f64> {
        if self.settings.problem == Problem::Regression {
            return None;
        }
        let (xs, data) = if test {
            (&self.test_x, &self.test)
        } else {
            (&self.train_x, &self.train)
        };
        if xs.is_empty() {
            return None;
        }
        let tanh = self.settings.output == Activation::Tanh;
        let mut right = 0usize;
        for (x, label) in xs.iter().zip(&data.labels) {
            let out = self.trainer.forward(x);
            let class = if out.len() == 1 {
                let threshold = if tanh { 0.0 } else { 0.5 };
                usize::from(out[0] >= threshold)
            } else {
                argmax(out)
            };
            right += usize::from(class == *label as usize);
        }
        Some(right as f64 / xs.len() as f64)
    }

    /// Records the current losses on the chart (thinning old points when it fills).
    pub fn record(&mut self) {
        let (train, test) = self.losses();
        let point = LossPoint {
            epoch: self.epoch(),
            train,
            test,
        };
        if self.history.last().is_some_and(|p| p.epoch == point.epoch) {
            self.history.pop();
        }
        self.history.push(point);
        if self.history.len() > MAX_HISTORY {
            let kept: Vec<LossPoint> = self
                .history
                .iter()
                .enumerate()
                .filter(|(k, _)| k % 2 == 0 || *k + 1 == self.history.len())
                .map(|(_, p)| *p)
                .collect();
            self.history = kept;
        }
    }

    /// A point: `(x1, x2, label)`.
    pub fn point(&self, pick: Pick) -> Option<(f64, f64, f64)> {
        let set = if pick.test { &self.test } else { &self.train };
        let p = set.points.get(pick.index)?;
        Some((p.0, p.1, set.labels[pick.index]))
    }

    /// The point nearest to `(x1, x2)` within `radius`, training points first on ties.
    pub fn nearest(&self, x1: f64, x2: f64, radius: f64) -> Option<Pick> {
        let mut best: Option<(f64, Pick)> = None;
        for (test, set) in [(false, &self.train), (true, &self.test)] {
            for (index, p) in set.points.iter().enumerate() {
                let d = (p.0 - x1).hypot(p.1 - x2);
                if d <= radius && best.is_none_or(|(b, _)| d < b) {
                    best = Some((d, Pick { test, index }));
                }
            }
        }
        best.map(|(_, pick)| pick)
    }

    /// The one-sample scenario of a point: the network as trained, that point's inputs and
    /// targets. The exam view shows its forward pass, backward pass and SGD step.
    pub fn scenario_for(&self, pick: Pick) -> Scenario {
        let (x1, x2, label) = self.point(pick).unwrap_or((0.0, 0.0, 0.0));
        let s = &self.settings;
        let params = self.trainer.params();
        let which = if pick.test { "test" } else { "training" };
        let label_text = if s.problem == Problem::Regression {
            format!("target {}", short_number(label))
        } else {
            format!("class {}", label as usize)
        };
        let names: Vec<&str> = s.features.iter().map(|f| feature_name(*f)).collect();
        Scenario {
            version: VERSION,
            title: format!(
                "{} data: {which} point {} at ({}, {}), {label_text}",
                data_title(self),
                pick.index + 1,
                short_number(x1),
                short_number(x2)
            ),
            description: format!(
                "Inputs in order: {}. {}.{}",
                names.join(", "),
                epoch_text(self.epoch()),
                match s.regularization {
                    Regularization::None => String::new(),
                    r => format!(
                        " Training adds {} regularisation (λ = {}); the step shown is the loss's alone.",
                        if r == Regularization::L1 { "L1" } else { "L2" },
                        short_number(s.regularization_rate)
                    ),
                }
            ),
            layers: s.layer_sizes(),
            activations: s.all_activations(),
            loss: s.loss,
            learning_rate: s.learning_rate,
            weights: params.weights,
            biases: params.biases,
            samples: vec![Sample {
                x: s.inputs(x1, x2),
                y: s.targets(label),
            }],
            freeze_biases: false,
            quiz: None,
            optimizer: s.optimizer,
            // The point's step continues from the moments training has built up.
            optimizer_state: (!s.optimizer.is_sgd()).then(|| self.optimizer_state()),
        }
    }

    /// The optimiser's state after the training so far.
    pub fn optimizer_state(&self) -> OptimizerState {
        self.trainer.optimizer_state(self.settings.optimizer)
    }

    /// Every non-input neuron's output over an `n × n` grid of the plane (see
    /// [`Trainer::neuron_grids`]).
    pub fn grids(&mut self, n: usize) -> Vec<Vec<f32>> {
        self.trainer
            .neuron_grids(n, EXTENT, &self.settings.features)
    }
}

/// How many epochs training has run, as the description says it: whole epochs as a count
/// ("Epoch 125"), part of the way through one with two decimals ("Epoch 125.04").
fn epoch_text(epoch: f64) -> String {
    if (epoch - epoch.round()).abs() < 1e-9 {
        format!("Epoch {}", Fixed(epoch.round(), 0))
    } else {
        format!("Epoch {}", Fixed(epoch, 2))
    }
}

fn data_title(p: &Playground) -> String {
    if p.custom.is_some() {
        "Hand-made".into()
    } else {
        let name = data_name(p.settings.data);
        // The names are ASCII ("circle"); ASCII case keeps Unicode's case tables out of the page.
        let mut title = name.to_string();
        if let Some(first) = title.get_mut(..1) {
            first.make_ascii_uppercase();
        }
        title
    }
}

fn empty() -> DataSet {
    DataSet {
        points: Vec::new(),
        labels: Vec::new(),
        classes: 1,
    }
}

fn argmax(values: &[f64]) -> usize {
    let mut best = 0;
    for (k, v) in values.iter().enumerate() {
        if *v > values[best] {
            best = k;
        }
    }
    best
}

fn short_number(x: f64) -> String {
    crate::explain::number::number_text(x, 3)
}

fn sizes_text(sizes: &[usize]) -> String {
    sizes
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests;
