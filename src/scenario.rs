//! The scenario: everything a user can set, as one versioned JSON document, with validation that
//! names the field and the bad value, and the built-in presets.
//!
//! ```
//! use backprop_viz::scenario::Scenario;
//! let exam = Scenario::preset("exam").expect("the exam preset exists");
//! let text = exam.to_json();
//! assert_eq!(Scenario::from_json(&text), Ok(exam));
//! ```

use crate::decimal::Shortest;
use crate::json::{Fields, ToJson, Value};

use crate::nn::{
    Activation, Biases, Loss, Network, Optimizer, OptimizerState, Params, Sample, StepTrace,
    Weights,
};
use crate::phase::Phase;
use crate::read::{At, Object, Read, ReadError};

/// The only scenario format version this build reads and writes.
pub const VERSION: u32 = 1;
/// Most weight layers a scenario may have.
pub const MAX_WEIGHT_LAYERS: usize = 10;
/// Most neurons a layer may have.
pub const MAX_NEURONS: usize = 64;
/// Most weights a scenario's network may have: the page opens a network of this size in about
/// half a second of main-thread work (its editors and table hold a row per weight); 4,096
/// weights took 1.9 s (BENCHMARKS.md).
pub const MAX_WEIGHTS: usize = 1_024;
/// Most samples a scenario may carry.
pub const MAX_SAMPLES: usize = 10_000;
/// Most samples × weights: a step keeps every sample's gradient of every weight (the worked
/// solution shows them), so this bounds its memory (8 MB of gradients) and the command line's
/// JSON trace.
pub const MAX_SAMPLE_WEIGHTS: usize = 1_000_000;
/// Longest scenario text accepted, in bytes.
pub const MAX_TEXT_BYTES: usize = 2_000_000;
/// Most optimiser steps a scenario's state may say were taken.
pub const MAX_OPTIMIZER_STEPS: u64 = 1_000_000_000;
/// Longest title or description, in characters.
pub const MAX_TITLE_CHARS: usize = 200;

/// The title of a scenario that has none: its shape, "A 2-2-1 network".
fn shape_title(layers: &[usize]) -> String {
    let shape: Vec<String> = layers.iter().map(usize::to_string).collect();
    format!("A {} network", shape.join("-"))
}

/// A complete, versioned description of a network, its parameters, its samples and its options.
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    /// Format version; must be 1.
    pub version: u32,
    /// A short title shown above the network (optional: a hand-written scenario without one is
    /// titled by its shape, "A 2-2-1 network").
    pub title: String,
    /// One line saying what the scenario shows (optional).
    pub description: String,
    /// Neurons per layer, inputs first.
    pub layers: Vec<usize>,
    /// One activation per weight layer (`activations[l]` produces layer `l + 1`).
    pub activations: Vec<Activation>,
    /// The loss at the output.
    pub loss: Loss,
    /// The learning rate η.
    pub learning_rate: f64,
    /// The optimiser (optional: plain SGD when left out).
    pub optimizer: Optimizer,
    /// The optimiser's state after the steps taken so far (optional: zero, before any step).
    pub optimizer_state: Option<OptimizerState>,
    /// `weights[l][i][j]`: from neuron `i` of layer `l` to neuron `j` of layer `l + 1`.
    pub weights: Weights,
    /// `biases[l][j]`: the bias of neuron `j` of layer `l + 1`.
    pub biases: Biases,
    /// Training samples; a step averages over all of them.
    pub samples: Vec<Sample>,
    /// Keep the biases fixed during SGD (optional, default false).
    pub freeze_biases: bool,
    /// Open as a quiz (optional): students predict each asked value before it is shown. A
    /// link's or embed's own `quiz`, `ask` and `tolerance` take precedence.
    pub quiz: Option<QuizSetting>,
}

/// A quiz set in the scenario file: `{"ask": ["loss", "backward"], "tolerance": 3}` (both
/// optional: `{}` asks every phase, checked to the digits shown).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct QuizSetting {
    /// The phases asked, among `forward`, `loss`, `backward`, `update` (all when left out).
    pub ask: Vec<String>,
    /// Significant digits an answer is checked to, 2 to 8 (the digits shown when left out).
    pub tolerance: Option<usize>,
}

/// The scenario as files write it: its fields in the order of `FIELDS`, those left out that are
/// empty or the default (the description, plain SGD, no optimiser state, no quiz).
impl ToJson for Scenario {
    fn to_json(&self) -> Value {
        Fields::new()
            .field("version", &self.version)
            .field("title", &self.title)
            .unless(
                self.description.is_empty(),
                "description",
                &self.description,
            )
            .field("layers", &self.layers)
            .field("activations", &self.activations)
            .field("loss", &self.loss)
            .field("learning_rate", &self.learning_rate)
            .unless(self.optimizer.is_sgd(), "optimizer", &self.optimizer)
            .some("optimizer_state", &self.optimizer_state)
            .field("weights", &self.weights)
            .field("biases", &self.biases)
            .field("samples", &self.samples)
            .field("freeze_biases", &self.freeze_biases)
            .some("quiz", &self.quiz)
            .finish()
    }
}

impl ToJson for QuizSetting {
    fn to_json(&self) -> Value {
        Fields::new()
            .unless(self.ask.is_empty(), "ask", &self.ask)
            .some("tolerance", &self.tolerance)
            .finish()
    }
}

/// Every field of a scenario, as files write them.
const FIELDS: [&str; 14] = [
    "version",
    "title",
    "description",
    "layers",
    "activations",
    "loss",
    "learning_rate",
    "optimizer",
    "optimizer_state",
    "weights",
    "biases",
    "samples",
    "freeze_biases",
    "quiz",
];

/// The fields as the format has them: what is optional takes its default; nothing is checked
/// beyond types here ([`Scenario::validate`] checks the rest).
impl Read for Scenario {
    fn read(value: &Value, at: &At<'_>) -> Result<Scenario, ReadError> {
        let o = Object::new(value, at, "a scenario object", &FIELDS)?;
        Ok(Scenario {
            version: o.required("version")?,
            title: o.or_default("title")?,
            description: o.or_default("description")?,
            layers: o.required("layers")?,
            activations: o.required("activations")?,
            loss: o.required("loss")?,
            learning_rate: o.required("learning_rate")?,
            optimizer: o.or_default("optimizer")?,
            optimizer_state: o.nullable("optimizer_state")?,
            weights: o.required("weights")?,
            biases: o.required("biases")?,
            samples: o.required("samples")?,
            freeze_biases: o.or_default("freeze_biases")?,
            quiz: o.nullable("quiz")?,
        })
    }
}

impl Read for QuizSetting {
    fn read(value: &Value, at: &At<'_>) -> Result<QuizSetting, ReadError> {
        let o = Object::new(
            value,
            at,
            "a quiz such as {\"ask\": [\"loss\"]}",
            &["ask", "tolerance"],
        )?;
        Ok(QuizSetting {
            ask: o.or_default("ask")?,
            tolerance: o.nullable("tolerance")?,
        })
    }
}

impl QuizSetting {
    /// The phases asked, in timeline order (every phase when `ask` is empty). Call on a
    /// validated scenario: unknown names are skipped.
    pub fn phases(&self) -> Vec<Phase> {
        if self.ask.is_empty() {
            return Phase::ALL.to_vec();
        }
        Phase::ALL
            .into_iter()
            .filter(|p| self.ask.iter().any(|a| a == p.name()))
            .collect()
    }

    fn validate(&self) -> Result<(), ScenarioError> {
        for (k, name) in self.ask.iter().enumerate() {
            if !Phase::ALL.iter().any(|p| p.name() == name) {
                return Err(ScenarioError::new(
                    format!("quiz.ask[{k}]"),
                    format!(
                        "“{}” is not a phase (forward, loss, backward, update)",
                        name.chars().take(20).collect::<String>()
                    ),
                ));
            }
        }
        if let Some(t) = self.tolerance {
            if !(2..=8).contains(&t) {
                return Err(ScenarioError::new(
                    "quiz.tolerance",
                    format!("{t} is out of range; 2 to 8 significant digits"),
                ));
            }
        }
        Ok(())
    }
}

/// Why a scenario was refused: the field's path (`weights[0][1][0]`, empty for the document as
/// a whole) and what is wrong with it. The reader's error, as validation reports the same way.
pub type ScenarioError = ReadError;

impl Scenario {
    /// Parses and validates a scenario from JSON text (through the reader's part, which the
    /// page loads when first needed: [`crate::parts::reader`]).
    pub fn from_json(text: &str) -> Result<Scenario, ScenarioError> {
        (crate::parts::reader()?.scenario_json)(text)
    }

    /// Validates a scenario given as a JSON value (through the reader's part, as
    /// [`Scenario::from_json`]).
    pub fn from_value(value: Value) -> Result<Scenario, ScenarioError> {
        (crate::parts::reader()?.scenario_value)(value)
    }

    /// [`Scenario::from_json`] itself.
    pub(crate) fn read_json(text: &str) -> Result<Scenario, ScenarioError> {
        if text.len() > MAX_TEXT_BYTES {
            return Err(ScenarioError::new(
                "",
                format!(
                    "the scenario is {} bytes long; the limit is {MAX_TEXT_BYTES}",
                    text.len()
                ),
            ));
        }
        Scenario::read_value(crate::read::parse(text)?)
    }

    /// [`Scenario::from_value`] itself.
    pub(crate) fn read_value(value: Value) -> Result<Scenario, ScenarioError> {
        let Some(object) = value.as_object() else {
            return Err(ScenarioError::new(
                "",
                format!("a scenario must be a JSON object, not {}", describe(&value)),
            ));
        };
        match object.get("version") {
            None => {
                return Err(ScenarioError::new(
                    "version",
                    "missing; this build reads version 1",
                ))
            }
            Some(v) if v.as_u64() != Some(u64::from(VERSION)) => {
                return Err(ScenarioError::new(
                    "version",
                    format!(
                        "{} is not supported; this build reads version {VERSION}",
                        short(v)
                    ),
                ))
            }
            Some(_) => {}
        }
        let mut scenario: Scenario = crate::read::from_value(&value)?;
        if scenario.title.trim().is_empty() {
            scenario.title = shape_title(&scenario.layers);
        }
        scenario.validate()?;
        Ok(scenario)
    }

    /// The scenario as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        json_text(self, true)
    }

    /// Checks everything the types cannot: version, limits, sizes that agree, finite numbers,
    /// an activation and loss that fit together, targets in range.
    pub fn validate(&self) -> Result<(), ScenarioError> {
        if self.version != VERSION {
            return Err(ScenarioError::new(
                "version",
                format!(
                    "{} is not supported; this build reads version {VERSION}",
                    self.version
                ),
            ));
        }
        for (field, text) in [("title", &self.title), ("description", &self.description)] {
            let chars = text.chars().count();
            if chars > MAX_TITLE_CHARS {
                return Err(ScenarioError::new(
                    field,
                    format!("is {chars} characters long; the limit is {MAX_TITLE_CHARS}"),
                ));
            }
        }
        self.validate_shape()?;
        self.validate_numbers()?;
        self.validate_targets()?;
        self.validate_optimizer()?;
        self.quiz.as_ref().map_or(Ok(()), QuizSetting::validate)
    }

    fn validate_shape(&self) -> Result<(), ScenarioError> {
        let layers = &self.layers;
        if layers.len() < 2 {
            return Err(ScenarioError::new(
                "layers",
                format!(
                    "has {} entries; a network needs at least an input and an output layer",
                    layers.len()
                ),
            ));
        }
        if layers.len() > MAX_WEIGHT_LAYERS + 1 {
            return Err(ScenarioError::new(
                "layers",
                format!(
                    "has {} layers; the limit is {} (that is {MAX_WEIGHT_LAYERS} weight layers)",
                    layers.len(),
                    MAX_WEIGHT_LAYERS + 1
                ),
            ));
        }
        for (l, &size) in layers.iter().enumerate() {
            if size == 0 || size > MAX_NEURONS {
                return Err(ScenarioError::new(
                    format!("layers[{l}]"),
                    format!("{size} neurons is out of range; a layer has 1 to {MAX_NEURONS}"),
                ));
            }
        }
        let weights: usize = layers.windows(2).map(|w| w[0] * w[1]).sum();
        if weights > MAX_WEIGHTS {
            return Err(ScenarioError::new(
                "layers",
                format!(
                    "make {weights} weights; the limit is {MAX_WEIGHTS} (fewer or smaller layers)"
                ),
            ));
        }
        let weight_layers = layers.len() - 1;
        if self.activations.len() != weight_layers {
            return Err(ScenarioError::new(
                "activations",
                format!(
                    "has {} entries but the {} layers need {weight_layers} (one per layer after the inputs)",
                    self.activations.len(),
                    layers.len()
                ),
            ));
        }
        for (l, act) in self.activations.iter().enumerate() {
            if *act == Activation::Softmax && l + 1 != weight_layers {
                return Err(ScenarioError::new(
                    format!("activations[{l}]"),
                    "\"softmax\" is only allowed on the output layer",
                ));
            }
        }
        let output = self.activations[weight_layers - 1];
        let outputs = layers[weight_layers];
        if output == Activation::Softmax && outputs < 2 {
            return Err(ScenarioError::new(
                format!("activations[{}]", weight_layers - 1),
                "\"softmax\" needs at least 2 output neurons (with one it always outputs 1)",
            ));
        }
        match self.loss {
            Loss::Bce if output != Activation::Sigmoid => {
                return Err(ScenarioError::new(
                    "loss",
                    format!(
                        "\"bce\" needs a \"sigmoid\" output layer, not \"{}\"",
                        output.name()
                    ),
                ))
            }
            Loss::CrossEntropy if output != Activation::Softmax => {
                return Err(ScenarioError::new(
                    "loss",
                    format!(
                        "\"cross_entropy\" needs a \"softmax\" output layer, not \"{}\"",
                        output.name()
                    ),
                ))
            }
            _ => {}
        }
        check_len("weights", self.weights.len(), weight_layers)?;
        check_len("biases", self.biases.len(), weight_layers)?;
        for l in 0..weight_layers {
            check_len(&format!("weights[{l}]"), self.weights[l].len(), layers[l])?;
            for (i, row) in self.weights[l].iter().enumerate() {
                check_len(&format!("weights[{l}][{i}]"), row.len(), layers[l + 1])?;
            }
            check_len(&format!("biases[{l}]"), self.biases[l].len(), layers[l + 1])?;
        }
        if self.samples.is_empty() {
            return Err(ScenarioError::new(
                "samples",
                "is empty; a step needs at least one sample",
            ));
        }
        if self.samples.len() > MAX_SAMPLES {
            return Err(ScenarioError::new(
                "samples",
                format!(
                    "has {} samples; the limit is {MAX_SAMPLES}",
                    self.samples.len()
                ),
            ));
        }
        if self.samples.len() * weights > MAX_SAMPLE_WEIGHTS {
            return Err(ScenarioError::new(
                "samples",
                format!(
                    "{} samples × {weights} weights is {} per-sample gradients; the limit is {MAX_SAMPLE_WEIGHTS} (fewer samples or a smaller network)",
                    self.samples.len(),
                    self.samples.len() * weights
                ),
            ));
        }
        for (s, sample) in self.samples.iter().enumerate() {
            check_len(&format!("samples[{s}].x"), sample.x.len(), layers[0])?;
            check_len(&format!("samples[{s}].y"), sample.y.len(), outputs)?;
        }
        Ok(())
    }

    fn validate_numbers(&self) -> Result<(), ScenarioError> {
        self.validate_learning_rate()?;
        for (l, layer) in self.weights.iter().enumerate() {
            for (i, row) in layer.iter().enumerate() {
                for (j, &w) in row.iter().enumerate() {
                    check_finite(w, || format!("weights[{l}][{i}][{j}]"))?;
                }
            }
        }
        for (l, layer) in self.biases.iter().enumerate() {
            for (j, &b) in layer.iter().enumerate() {
                check_finite(b, || format!("biases[{l}][{j}]"))?;
            }
        }
        for (s, sample) in self.samples.iter().enumerate() {
            for (i, &x) in sample.x.iter().enumerate() {
                check_finite(x, || format!("samples[{s}].x[{i}]"))?;
            }
            for (i, &y) in sample.y.iter().enumerate() {
                check_finite(y, || format!("samples[{s}].y[{i}]"))?;
            }
        }
        Ok(())
    }

    fn validate_optimizer(&self) -> Result<(), ScenarioError> {
        if let Err((field, message)) = self.optimizer.check() {
            return Err(ScenarioError::new(format!("optimizer.{field}"), message));
        }
        let Some(state) = &self.optimizer_state else {
            return Ok(());
        };
        state
            .check(self.optimizer, &self.params(), MAX_OPTIMIZER_STEPS)
            .map_err(|(path, message)| ScenarioError::new(path, message))
    }

    fn validate_targets(&self) -> Result<(), ScenarioError> {
        (0..self.samples.len()).try_for_each(|s| self.validate_sample_targets(s))
    }

    /// The learning rate: finite, and 0 or more.
    pub(crate) fn validate_learning_rate(&self) -> Result<(), ScenarioError> {
        check_finite(self.learning_rate, || "learning_rate".into())?;
        if self.learning_rate < 0.0 {
            return Err(ScenarioError::new(
                "learning_rate",
                format!(
                    "{} is negative; the learning rate must be 0 or more",
                    Shortest(self.learning_rate)
                ),
            ));
        }
        Ok(())
    }

    /// Sample `s`'s targets (finite ones), as the loss needs them: probabilities for
    /// `"bce"` and `"cross_entropy"`, and for the latter a sum of 1.
    pub(crate) fn validate_sample_targets(&self, s: usize) -> Result<(), ScenarioError> {
        let Some(sample) = self.samples.get(s) else {
            return Ok(());
        };
        if !matches!(self.loss, Loss::Bce | Loss::CrossEntropy) {
            return Ok(());
        }
        for (i, &y) in sample.y.iter().enumerate() {
            if !(0.0..=1.0).contains(&y) {
                return Err(ScenarioError::new(
                    format!("samples[{s}].y[{i}]"),
                    format!(
                        "{} is outside [0, 1]; \"{}\" needs targets that are probabilities",
                        Shortest(y),
                        self.loss.name()
                    ),
                ));
            }
        }
        if self.loss == Loss::CrossEntropy {
            let total: f64 = sample.y.iter().sum();
            if (total - 1.0).abs() > 1e-9 {
                return Err(ScenarioError::new(
                    format!("samples[{s}].y"),
                    format!("sums to {}; \"cross_entropy\" needs targets that sum to 1 (one-hot or probabilities)", Shortest(total)),
                ));
            }
        }
        Ok(())
    }

    /// How many weights and biases are ∞ or NaN (a network whose SGD steps overflowed).
    pub fn overflowed_params(&self) -> usize {
        let weights = self.weights.iter().flatten().flatten();
        let biases = self.biases.iter().flatten();
        weights.chain(biases).filter(|x| !x.is_finite()).count()
    }

    /// The network this scenario describes (call on a validated scenario).
    pub fn network(&self) -> Network {
        Network {
            activations: self.activations.clone(),
            loss: self.loss,
            params: self.params(),
        }
    }

    /// Runs one full-batch SGD step on the scenario's samples (the parameters are not changed).
    pub fn step_trace(&self) -> StepTrace {
        StepTrace::run_optimizer(
            &self.network(),
            &self.samples,
            self.learning_rate,
            self.freeze_biases,
            self.optimizer,
            self.optimizer_state
                .as_ref()
                .unwrap_or(&OptimizerState::default()),
        )
    }

    /// Takes the step `trace` computed: its parameters and the optimiser's state after it
    /// (none for SGD, which keeps no state).
    pub fn apply_step(&mut self, trace: &StepTrace) {
        self.set_params(trace.after.clone());
        self.optimizer_state = (!self.optimizer.is_sgd()).then(|| trace.state_after.clone());
    }

    /// The weights and biases.
    pub fn params(&self) -> Params {
        Params {
            weights: self.weights.clone(),
            biases: self.biases.clone(),
        }
    }

    /// Replaces the weights and biases (after an SGD step, or an undo).
    pub fn set_params(&mut self, params: Params) {
        self.weights = params.weights;
        self.biases = params.biases;
    }

    /// Reads a scenario argument: a preset name, scenario JSON, or empty for the exam.
    pub fn from_argument(argument: &str) -> Result<Scenario, String> {
        let trimmed = argument.trim();
        if trimmed.is_empty() {
            return Ok(Scenario::default());
        }
        if let Some(preset) = Scenario::preset(trimmed) {
            return Ok(preset);
        }
        if trimmed.starts_with('{') {
            return Scenario::from_json(trimmed).map_err(|e| format!("scenario: {e}"));
        }
        let shown: String = trimmed.chars().take(40).collect();
        Err(format!(
            "scenario: “{shown}” is neither a preset ({}) nor scenario JSON",
            Scenario::PRESETS.join(", ")
        ))
    }

    /// The names of the built-in presets, the default first.
    pub const PRESETS: [&'static str; 4] = ["exam", "xor", "softmax", "deep_tanh"];

    /// The name of the preset this scenario is, unchanged, if it is one.
    pub fn preset_name(&self) -> Option<&'static str> {
        Scenario::PRESETS
            .into_iter()
            .find(|p| Scenario::preset(p).as_ref() == Some(self))
    }

    /// A built-in scenario by name: `exam` (the default), `xor`, `softmax`, `deep_tanh`.
    pub fn preset(name: &str) -> Option<Scenario> {
        let mut s = match name {
            "exam" => Scenario {
                version: VERSION,
                title: "Exam question 4: a 2-2-1 network, one SGD step".into(),
                description: "ReLU hidden layer, sigmoid output, binary cross-entropy, one sample, learning rate 0.01."
                    .into(),
                layers: vec![2, 2, 1],
                activations: vec![Activation::Relu, Activation::Sigmoid],
                loss: Loss::Bce,
                learning_rate: 0.01,
                weights: vec![vec![vec![0.5, -0.6], vec![-0.4, 0.8]], vec![vec![0.3], vec![-0.5]]],
                biases: vec![vec![0.2, -0.2], vec![0.0]],
                samples: vec![sample(&[1.0, 2.0], &[0.0])],
                freeze_biases: false,
                quiz: None,
                optimizer: Optimizer::Sgd,
                optimizer_state: None,
            },
            "xor" => Scenario {
                title: "XOR with a 2-2-1 network".into(),
                description: "Four samples, tanh hidden layer, sigmoid output, full-batch BCE: the classic non-linear problem."
                    .into(),
                layers: vec![2, 2, 1],
                activations: vec![Activation::Tanh, Activation::Sigmoid],
                loss: Loss::Bce,
                learning_rate: 0.5,
                weights: vec![vec![vec![0.9, -0.7], vec![0.8, -0.6]], vec![vec![1.1], vec![1.3]]],
                biases: vec![vec![-0.3, 0.4], vec![-0.2]],
                samples: vec![
                    sample(&[0.0, 0.0], &[0.0]),
                    sample(&[0.0, 1.0], &[1.0]),
                    sample(&[1.0, 0.0], &[1.0]),
                    sample(&[1.0, 1.0], &[0.0]),
                ],
                ..Scenario::blank()
            },
            "softmax" => Scenario {
                title: "A 2-3-2 softmax classifier".into(),
                description: "ReLU hidden layer, softmax output with cross-entropy: the output delta is a − y.".into(),
                layers: vec![2, 3, 2],
                activations: vec![Activation::Relu, Activation::Softmax],
                loss: Loss::CrossEntropy,
                learning_rate: 0.1,
                weights: vec![
                    vec![vec![0.4, -0.3, 0.6], vec![-0.5, 0.7, 0.2]],
                    vec![vec![0.5, -0.4], vec![-0.6, 0.3], vec![0.2, 0.8]],
                ],
                biases: vec![vec![0.1, 0.0, -0.1], vec![0.0, 0.0]],
                samples: vec![sample(&[1.0, 0.5], &[1.0, 0.0]), sample(&[-0.5, 1.5], &[0.0, 1.0])],
                ..Scenario::blank()
            },
            "deep_tanh" => Scenario {
                title: "A deeper tanh network (2-3-3-1)".into(),
                description: "Two tanh hidden layers and a linear output with half squared error: gradients sum over paths."
                    .into(),
                layers: vec![2, 3, 3, 1],
                activations: vec![Activation::Tanh, Activation::Tanh, Activation::Linear],
                loss: Loss::HalfSse,
                learning_rate: 0.05,
                weights: vec![
                    vec![vec![0.6, -0.4, 0.3], vec![-0.2, 0.5, 0.7]],
                    vec![vec![0.4, -0.6, 0.2], vec![0.3, 0.8, -0.5], vec![-0.7, 0.1, 0.6]],
                    vec![vec![0.9], vec![-0.8], vec![0.5]],
                ],
                biases: vec![vec![0.1, -0.1, 0.05], vec![0.0, 0.2, -0.2], vec![0.1]],
                samples: vec![sample(&[0.5, -1.0], &[0.8])],
                ..Scenario::blank()
            },
            _ => return None,
        };
        s.version = VERSION;
        Some(s)
    }

    /// An empty shell used to fill in presets.
    fn blank() -> Scenario {
        Scenario {
            version: VERSION,
            title: String::new(),
            description: String::new(),
            layers: Vec::new(),
            activations: Vec::new(),
            loss: Loss::Mse,
            learning_rate: 0.0,
            weights: Vec::new(),
            biases: Vec::new(),
            samples: Vec::new(),
            freeze_biases: false,
            quiz: None,
            optimizer: Optimizer::Sgd,
            optimizer_state: None,
        }
    }
}

impl Default for Scenario {
    /// The exam scenario.
    fn default() -> Scenario {
        Scenario::preset("exam").unwrap_or_else(Scenario::blank)
    }
}

fn sample(x: &[f64], y: &[f64]) -> Sample {
    Sample {
        x: x.to_vec(),
        y: y.to_vec(),
    }
}

fn check_len(path: &str, found: usize, expected: usize) -> Result<(), ScenarioError> {
    if found == expected {
        Ok(())
    } else {
        Err(ScenarioError::new(
            path,
            format!("has {found} entries but the layer sizes need {expected}"),
        ))
    }
}

/// `value` if finite; else an error at the path `path` gives (written only then: a scenario's
/// check and every edit call this for each number they check).
pub(crate) fn check_finite(value: f64, path: impl FnOnce() -> String) -> Result<(), ScenarioError> {
    if value.is_finite() {
        Ok(())
    } else {
        Err(ScenarioError::new(
            path(),
            format!("{} is not a finite number", Shortest(value)),
        ))
    }
}

/// A value as JSON text: compact, or laid out for reading (`pretty`).
pub fn json_text<T: ToJson>(value: &T, pretty: bool) -> String {
    let value = value.to_json();
    if pretty {
        value.to_string_pretty()
    } else {
        value.to_string()
    }
}

/// A JSON value's kind, for messages.
fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A value as JSON, cut to a readable length.
fn short(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 40 {
        format!("{}…", text.chars().take(40).collect::<String>())
    } else {
        text
    }
}
