//! The playground's set-up: problem type, data, network shape, training options, and their
//! validation with field names.

use crate::decimal::Shortest;
use std::fmt;

use crate::json::{Fields, ToJson, Value};

use super::{MAX_HIDDEN_LAYERS, MAX_WIDTH, POINTS_RANGE};
use crate::nn::data::DataKind;
use crate::nn::train::{Feature, Init, Regularization};
use crate::nn::{Activation, Loss, Optimizer};
use crate::read::{read_named, At, Object, Read, ReadError};

/// What the network predicts; decides the output layer and the loss.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Problem {
    /// Two classes: one sigmoid output, binary cross-entropy.
    Binary,
    /// Several classes: one softmax output per class, cross-entropy.
    Classes,
    /// A number: one linear output, mean squared error.
    Regression,
}

impl Problem {
    /// Every problem type, in the order the page lists them.
    pub const ALL: [Problem; 3] = [Problem::Binary, Problem::Classes, Problem::Regression];

    /// The name used in links and settings.
    pub fn name(self) -> &'static str {
        match self {
            Problem::Binary => "binary",
            Problem::Classes => "classes",
            Problem::Regression => "regression",
        }
    }

    /// The output activation and loss this problem uses.
    pub fn output(self) -> (Activation, Loss) {
        match self {
            Problem::Binary => (Activation::Sigmoid, Loss::Bce),
            Problem::Classes => (Activation::Softmax, Loss::CrossEntropy),
            Problem::Regression => (Activation::Linear, Loss::Mse),
        }
    }

    /// The generated data sets that suit this problem.
    pub fn data_kinds(self) -> &'static [DataKind] {
        match self {
            Problem::Binary => &[
                DataKind::Circle,
                DataKind::Xor,
                DataKind::Gaussians,
                DataKind::Spiral,
            ],
            Problem::Classes => &[
                DataKind::Blobs,
                DataKind::Circle,
                DataKind::Xor,
                DataKind::Gaussians,
                DataKind::Spiral,
            ],
            Problem::Regression => &[DataKind::Plane, DataKind::GaussianMixture],
        }
    }
}

/// A data set's display name.
pub fn data_name(kind: DataKind) -> &'static str {
    match kind {
        DataKind::Circle => "circle",
        DataKind::Xor => "XOR",
        DataKind::Gaussians => "two Gaussians",
        DataKind::Spiral => "spiral",
        DataKind::Blobs => "three blobs",
        DataKind::Plane => "plane (regression)",
        DataKind::GaussianMixture => "Gaussian mixture (regression)",
    }
}

/// A feature's display name.
pub fn feature_name(feature: Feature) -> &'static str {
    match feature {
        Feature::X1 => "x1",
        Feature::X2 => "x2",
        Feature::X1Squared => "x1²",
        Feature::X2Squared => "x2²",
        Feature::X1X2 => "x1·x2",
        Feature::SinX1 => "sin x1",
        Feature::SinX2 => "sin x2",
    }
}

/// Everything a student sets up before training.
///
/// When read from JSON every field may be left out. The defaults follow the fields given: the
/// output and loss follow the problem, the data set is the problem's first, and each hidden layer
/// without an activation gets tanh (so `{"problem": "regression", "hidden": [8, 8]}` is complete).
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// What the network predicts.
    pub problem: Problem,
    /// The generated data set.
    pub data: DataKind,
    /// How many points to generate.
    pub points: usize,
    /// Noise, 0 to 0.5.
    pub noise: f64,
    /// Share of the points held out for testing, 0 to 0.9.
    pub test_share: f64,
    /// Seed for the data, the split and the initial weights.
    pub seed: u64,
    /// Neurons per hidden layer (0 to 6 layers of 1 to 8).
    pub hidden: Vec<usize>,
    /// One activation per hidden layer.
    pub activations: Vec<Activation>,
    /// The output activation (set by the problem; the API may choose another that suits the loss).
    pub output: Activation,
    /// The loss (set by the problem).
    pub loss: Loss,
    /// The learning rate η.
    pub learning_rate: f64,
    /// Samples per SGD step.
    pub batch: usize,
    /// Weight regularisation.
    pub regularization: Regularization,
    /// Its rate λ.
    pub regularization_rate: f64,
    /// How weights start.
    pub init: Init,
    /// The network's inputs, computed from each point.
    pub features: Vec<Feature>,
    /// The optimiser (plain SGD when left out).
    pub optimizer: Optimizer,
    /// Epochs trained per display frame while training runs (1 to `MAX_EPOCHS_PER_FRAME`;
    /// fewer when a frame would take too long, see [`Settings::frame_epochs`]).
    pub epochs_per_frame: usize,
}

/// Most epochs a training frame may ask for.
pub const MAX_EPOCHS_PER_FRAME: usize = 50;
/// The work one training frame may do, in sample-steps × weights: about 8 ms on a laptop at
/// 0.3 µs per sample-step of a 100-weight network (BENCHMARKS.md), so that frames keep time.
pub const FRAME_WORK: usize = 3_000_000;

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            problem: Problem::Binary,
            data: DataKind::Circle,
            points: 500,
            noise: 0.0,
            test_share: 0.5,
            seed: 1,
            hidden: vec![4, 2],
            activations: vec![Activation::Tanh, Activation::Tanh],
            output: Activation::Sigmoid,
            loss: Loss::Bce,
            learning_rate: 0.03,
            batch: 10,
            regularization: Regularization::None,
            regularization_rate: 0.0,
            init: Init::Xavier,
            features: vec![Feature::X1, Feature::X2],
            optimizer: Optimizer::Sgd,
            epochs_per_frame: 1,
        }
    }
}

/// Every field's name, as files write it.
const FIELDS: [&str; 18] = [
    "problem",
    "data",
    "points",
    "noise",
    "test_share",
    "seed",
    "hidden",
    "activations",
    "output",
    "loss",
    "learning_rate",
    "batch",
    "regularization",
    "regularization_rate",
    "init",
    "features",
    "optimizer",
    "epochs_per_frame",
];

impl crate::read::Named for Problem {
    fn name(self) -> &'static str {
        Problem::name(self)
    }
}

/// Every field, in the order of `FIELDS`; plain SGD and one epoch a frame are left out.
impl ToJson for Settings {
    fn to_json(&self) -> Value {
        Fields::new()
            .field("problem", &self.problem)
            .field("data", &self.data)
            .field("points", &self.points)
            .field("noise", &self.noise)
            .field("test_share", &self.test_share)
            .field("seed", &self.seed)
            .field("hidden", &self.hidden)
            .field("activations", &self.activations)
            .field("output", &self.output)
            .field("loss", &self.loss)
            .field("learning_rate", &self.learning_rate)
            .field("batch", &self.batch)
            .field("regularization", &self.regularization)
            .field("regularization_rate", &self.regularization_rate)
            .field("init", &self.init)
            .field("features", &self.features)
            .unless(self.optimizer.is_sgd(), "optimizer", &self.optimizer)
            .unless(
                self.epochs_per_frame == 1,
                "epochs_per_frame",
                &self.epochs_per_frame,
            )
            .finish()
    }
}

impl Read for Problem {
    fn read(value: &Value, at: &At<'_>) -> Result<Problem, ReadError> {
        read_named(value, at, &Problem::ALL)
    }
}

/// Any field may be left out (or `null`); the defaults follow the fields given.
impl Read for Settings {
    fn read(value: &Value, at: &At<'_>) -> Result<Settings, ReadError> {
        let o = Object::new(
            value,
            at,
            "settings such as {\"problem\": \"binary\"}",
            &FIELDS,
        )?;
        let d = Settings::default();
        let problem = o.nullable("problem")?.unwrap_or(d.problem);
        let (output, loss) = problem.output();
        let hidden: Vec<usize> = o.nullable("hidden")?.unwrap_or(d.hidden);
        Ok(Settings {
            problem,
            data: o.nullable("data")?.unwrap_or(problem.data_kinds()[0]),
            points: o.nullable("points")?.unwrap_or(d.points),
            noise: o.nullable("noise")?.unwrap_or(d.noise),
            test_share: o.nullable("test_share")?.unwrap_or(d.test_share),
            seed: o.nullable("seed")?.unwrap_or(d.seed),
            activations: o
                .nullable("activations")?
                .unwrap_or_else(|| vec![Activation::Tanh; hidden.len()]),
            hidden,
            output: o.nullable("output")?.unwrap_or(output),
            loss: o.nullable("loss")?.unwrap_or(loss),
            learning_rate: o.nullable("learning_rate")?.unwrap_or(d.learning_rate),
            batch: o.nullable("batch")?.unwrap_or(d.batch),
            regularization: o.nullable("regularization")?.unwrap_or(d.regularization),
            regularization_rate: o
                .nullable("regularization_rate")?
                .unwrap_or(d.regularization_rate),
            init: o.nullable("init")?.unwrap_or(d.init),
            features: o.nullable("features")?.unwrap_or(d.features),
            optimizer: o.nullable("optimizer")?.unwrap_or(d.optimizer),
            epochs_per_frame: o
                .nullable("epochs_per_frame")?
                .unwrap_or(d.epochs_per_frame),
        })
    }
}

/// Why settings were refused: the field and the reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SettingsError {
    /// The field (`hidden[2]`, `learning_rate`…).
    pub field: String,
    /// What is wrong with it.
    pub message: String,
}

impl fmt::Display for SettingsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl std::error::Error for SettingsError {}

pub(super) fn refuse(field: impl Into<String>, message: impl Into<String>) -> SettingsError {
    SettingsError {
        field: field.into(),
        message: message.into(),
    }
}

impl Settings {
    /// The epochs one training frame runs on `train_points` points: the epochs asked for, fewer
    /// when they would be more than `FRAME_WORK`, at least one.
    pub fn frame_epochs(&self, train_points: usize) -> usize {
        let sizes = self.layer_sizes();
        let weights: usize = sizes.windows(2).map(|w| w[0] * w[1]).sum();
        let per_epoch = train_points.max(1) * weights.max(1);
        self.epochs_per_frame.min(FRAME_WORK / per_epoch).max(1)
    }

    /// Checks every field; the first problem is named.
    pub fn validate(&self) -> Result<(), SettingsError> {
        if !self.problem.data_kinds().contains(&self.data) {
            return Err(refuse(
                "data",
                format!(
                    "“{}” does not suit a {} problem",
                    data_name(self.data),
                    self.problem.name()
                ),
            ));
        }
        if !(POINTS_RANGE.0..=POINTS_RANGE.1).contains(&self.points) {
            return Err(refuse(
                "points",
                format!(
                    "{} is out of range; {} to {}",
                    self.points, POINTS_RANGE.0, POINTS_RANGE.1
                ),
            ));
        }
        for (field, value, low, high) in [
            ("noise", self.noise, 0.0, 0.5),
            ("test_share", self.test_share, 0.0, 0.9),
            ("learning_rate", self.learning_rate, 0.0, 10.0),
            ("regularization_rate", self.regularization_rate, 0.0, 10.0),
        ] {
            if !value.is_finite() || value < low || value > high {
                return Err(refuse(
                    field,
                    format!(
                        "{} is out of range; {} to {}",
                        Shortest(value),
                        Shortest(low),
                        Shortest(high)
                    ),
                ));
            }
        }
        if let Err((field, message)) = self.optimizer.check() {
            return Err(refuse(format!("optimizer.{field}"), message));
        }
        if !(1..=MAX_EPOCHS_PER_FRAME).contains(&self.epochs_per_frame) {
            return Err(refuse(
                "epochs_per_frame",
                format!(
                    "{} is out of range; 1 to {MAX_EPOCHS_PER_FRAME}",
                    self.epochs_per_frame
                ),
            ));
        }
        if self.hidden.len() > MAX_HIDDEN_LAYERS {
            return Err(refuse(
                "hidden",
                format!(
                    "{} hidden layers; the limit is {MAX_HIDDEN_LAYERS}",
                    self.hidden.len()
                ),
            ));
        }
        for (l, &n) in self.hidden.iter().enumerate() {
            if !(1..=MAX_WIDTH).contains(&n) {
                return Err(refuse(
                    format!("hidden[{l}]"),
                    format!("{n} neurons; a hidden layer has 1 to {MAX_WIDTH}"),
                ));
            }
        }
        if self.activations.len() != self.hidden.len() {
            return Err(refuse(
                "activations",
                format!(
                    "has {} entries for {} hidden layers",
                    self.activations.len(),
                    self.hidden.len()
                ),
            ));
        }
        if let Some(l) = self
            .activations
            .iter()
            .position(|a| *a == Activation::Softmax)
        {
            return Err(refuse(
                format!("activations[{l}]"),
                "softmax is only for the output layer",
            ));
        }
        let (output, loss) = self.problem.output();
        let allowed = match self.problem {
            Problem::Binary => {
                (self.output, self.loss) == (output, loss)
                    || matches!(self.loss, Loss::Mse | Loss::HalfSse)
                        && matches!(self.output, Activation::Sigmoid | Activation::Tanh)
            }
            Problem::Classes => (self.output, self.loss) == (output, loss),
            Problem::Regression => {
                matches!(self.loss, Loss::Mse | Loss::HalfSse)
                    && matches!(self.output, Activation::Linear | Activation::Tanh)
            }
        };
        if !allowed {
            return Err(refuse(
                "loss",
                format!(
                    "a {} problem cannot use a {} output with {} loss",
                    self.problem.name(),
                    self.output.name(),
                    self.loss.name()
                ),
            ));
        }
        if self.batch == 0 || self.batch > POINTS_RANGE.1 {
            return Err(refuse(
                "batch",
                format!("{} is out of range; 1 to {}", self.batch, POINTS_RANGE.1),
            ));
        }
        if self.features.is_empty() {
            return Err(refuse("features", "choose at least one input feature"));
        }
        for (k, f) in self.features.iter().enumerate() {
            if self.features[..k].contains(f) {
                return Err(refuse(
                    format!("features[{k}]"),
                    format!("{} is listed twice", feature_name(*f)),
                ));
            }
        }
        Ok(())
    }

    /// Output neurons.
    pub fn outputs(&self) -> usize {
        match self.problem {
            Problem::Classes => self.classes(),
            _ => 1,
        }
    }

    /// Classes in the data (1 for regression).
    pub fn classes(&self) -> usize {
        match self.problem {
            Problem::Binary => 2,
            Problem::Classes => self.data.classes().max(2),
            Problem::Regression => 1,
        }
    }

    /// Neurons per layer, inputs first.
    pub fn layer_sizes(&self) -> Vec<usize> {
        let mut sizes = vec![self.features.len()];
        sizes.extend(&self.hidden);
        sizes.push(self.outputs());
        sizes
    }

    /// Activations of every weight layer.
    pub fn all_activations(&self) -> Vec<Activation> {
        let mut acts = self.activations.clone();
        acts.push(self.output);
        acts
    }

    /// Sets the problem and the output and loss it implies; keeps the data set if it suits.
    pub fn set_problem(&mut self, problem: Problem) {
        self.problem = problem;
        (self.output, self.loss) = problem.output();
        if !problem.data_kinds().contains(&self.data) {
            self.data = problem.data_kinds()[0];
        }
    }

    /// The network inputs for point `(x1, x2)`.
    pub fn inputs(&self, x1: f64, x2: f64) -> Vec<f64> {
        self.features.iter().map(|f| f.of(x1, x2)).collect()
    }

    /// The targets for a label: the class as 0/1 (binary), one-hot (classes), the value
    /// (regression). A binary problem with a tanh output aims at −1 and 1.
    pub fn targets(&self, label: f64) -> Vec<f64> {
        match self.problem {
            Problem::Binary if self.output == Activation::Tanh => {
                vec![if label >= 0.5 { 1.0 } else { -1.0 }]
            }
            Problem::Binary => vec![if label >= 0.5 { 1.0 } else { 0.0 }],
            Problem::Classes => (0..self.outputs())
                .map(|c| if label as usize == c { 1.0 } else { 0.0 })
                .collect(),
            Problem::Regression => vec![label],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn settings_are_checked_with_field_names() {
        assert_eq!(Settings::default().validate(), Ok(()));
        let field = |change: fn(&mut Settings)| {
            let mut s = Settings::default();
            change(&mut s);
            s.validate().unwrap_err().field
        };
        assert_eq!(
            field(|s| {
                s.hidden = vec![4; 7];
                s.activations = vec![Activation::Tanh; 7];
            }),
            "hidden"
        );
        assert_eq!(field(|s| s.hidden[1] = 9), "hidden[1]");
        assert_eq!(field(|s| s.data = DataKind::Plane), "data");
        assert_eq!(field(|s| s.learning_rate = f64::NAN), "learning_rate");
        assert_eq!(field(|s| s.features.clear()), "features");
        assert_eq!(field(|s| s.loss = Loss::CrossEntropy), "loss");
        assert_eq!(field(|s| s.features = vec![Feature::X1; 2]), "features[1]");
        let mut s = Settings::default();
        s.set_problem(Problem::Regression);
        assert_eq!(s.validate(), Ok(()));
        assert_eq!((s.output, s.loss), (Activation::Linear, Loss::Mse));
    }

    #[test]
    fn partial_settings_take_defaults_that_fit_the_fields_given() {
        let read = |text: &str| {
            let value: Value = crate::json::parse(text).expect("JSON");
            crate::read::from_value::<Settings>(&value)
        };
        let s = read(r#"{"problem": "regression", "hidden": [8, 8, 3]}"#).unwrap();
        assert_eq!(s.validate(), Ok(()));
        assert_eq!((s.output, s.loss), (Activation::Linear, Loss::Mse));
        assert_eq!(s.data, DataKind::Plane);
        assert_eq!(s.activations, vec![Activation::Tanh; 3]);
        let s = read("{}").unwrap();
        assert_eq!(s, Settings::default());
        let s = read(r#"{"problem": "classes"}"#).unwrap();
        assert_eq!((s.data, s.outputs()), (DataKind::Blobs, 3));
        // Given fields are kept, even when they do not fit: validation names them.
        let s = read(r#"{"problem": "regression", "loss": "bce"}"#).unwrap();
        assert_eq!(s.validate().unwrap_err().field, "loss");
        assert_eq!(
            read(r#"{"colour": 1}"#).unwrap_err().message,
            format!("unknown field `colour`, expected one of `problem`, `data`, `points`, `noise`, `test_share`, `seed`, `hidden`, `activations`, `output`, `loss`, `learning_rate`, `batch`, `regularization`, `regularization_rate`, `init`, `features`, `optimizer`, `epochs_per_frame`")
        );
        assert_eq!(read(r#"{"seed": null}"#).unwrap().seed, 1);
        assert_eq!(
            read(r#"{"hidden": [8, "8"]}"#).unwrap_err().path,
            "hidden[1]"
        );
        let full = crate::scenario::json_text(&Settings::default(), false);
        assert_eq!(read(&full).unwrap(), Settings::default());
        let adam = Settings {
            optimizer: Optimizer::ALL[4],
            epochs_per_frame: 5,
            ..Settings::default()
        };
        let text = crate::scenario::json_text(&adam, false);
        assert_eq!(read(&text).unwrap(), adam);
    }
}
