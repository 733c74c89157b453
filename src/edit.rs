//! Edits a user makes, as small commands on the scenario, and the undo/redo history.
//!
//! ```
//! use backprop_viz::edit::{Field, History};
//! use backprop_viz::scenario::Scenario;
//! let exam = Scenario::preset("exam").expect("exam");
//! let w6 = Field::Weight { layer: 1, from: 1, to: 0 };
//! let edited = w6.set(&exam, -0.7).expect("a finite weight is accepted");
//! assert_eq!(w6.get(&edited), Some(-0.7));
//! assert!(w6.set(&exam, f64::NAN).is_err());
//! let mut history = History::new(exam.clone());
//! history.push(edited);
//! assert_eq!(history.undo(), Some(&exam));
//! ```

use crate::explain::Names;
use crate::nn::Optimizer;
use crate::scenario::{Scenario, ScenarioError};

/// One number a user can edit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// `weights[layer][from][to]`.
    Weight {
        /// Weight layer.
        layer: usize,
        /// Source neuron.
        from: usize,
        /// Destination neuron.
        to: usize,
    },
    /// `biases[layer][index]`.
    Bias {
        /// Weight layer.
        layer: usize,
        /// Neuron of layer `layer + 1`.
        index: usize,
    },
    /// `samples[sample].x[index]`.
    Input {
        /// Sample.
        sample: usize,
        /// Input neuron.
        index: usize,
    },
    /// `samples[sample].y[index]`.
    Target {
        /// Sample.
        sample: usize,
        /// Output neuron.
        index: usize,
    },
    /// `learning_rate`.
    LearningRate,
    /// One of the optimiser's hyper-parameters, `optimizer.beta1` (a name of
    /// [`Optimizer::FIELDS`]).
    Hyper(&'static str),
}

impl Field {
    /// The field's path in the scenario file (`weights[1][1][0]`).
    pub fn path(&self) -> String {
        match *self {
            Field::Weight { layer, from, to } => format!("weights[{layer}][{from}][{to}]"),
            Field::Bias { layer, index } => format!("biases[{layer}][{index}]"),
            Field::Input { sample, index } => format!("samples[{sample}].x[{index}]"),
            Field::Target { sample, index } => format!("samples[{sample}].y[{index}]"),
            Field::LearningRate => "learning_rate".into(),
            Field::Hyper(name) => format!("optimizer.{name}"),
        }
    }

    /// Reads a field's path as [`Field::path`] writes it (`weights[1][1][0]`, `learning_rate`).
    pub fn parse(path: &str) -> Option<Field> {
        let path = path.trim();
        if path == "learning_rate" {
            return Some(Field::LearningRate);
        }
        if let Some(name) = path.strip_prefix("optimizer.") {
            return Optimizer::FIELDS
                .into_iter()
                .find(|f| *f == name)
                .map(Field::Hyper);
        }
        let numbers = |text: &str| -> Option<Vec<usize>> {
            let mut out = Vec::new();
            let mut rest = text;
            while let Some(open) = rest.strip_prefix('[') {
                let (n, tail) = open.split_once(']')?;
                out.push(n.parse().ok()?);
                rest = tail;
            }
            rest.is_empty().then_some(out)
        };
        if let Some(rest) = path.strip_prefix("weights") {
            if let [layer, from, to] = numbers(rest)?[..] {
                return Some(Field::Weight { layer, from, to });
            }
        } else if let Some(rest) = path.strip_prefix("biases") {
            if let [layer, index] = numbers(rest)?[..] {
                return Some(Field::Bias { layer, index });
            }
        } else if let Some(rest) = path.strip_prefix("samples") {
            let (head, tail) = rest.split_once('.')?;
            let [sample] = numbers(head)?[..] else {
                return None;
            };
            if let Some(x) = tail.strip_prefix('x') {
                let [index] = numbers(x)?[..] else {
                    return None;
                };
                return Some(Field::Input { sample, index });
            }
            if let Some(y) = tail.strip_prefix('y') {
                let [index] = numbers(y)?[..] else {
                    return None;
                };
                return Some(Field::Target { sample, index });
            }
        }
        None
    }

    /// The name a student knows it by (`w6`, `b1[2]`, `x1`, `y`, `η`).
    pub fn name(&self, scenario: &Scenario) -> String {
        let names = Names::new(&scenario.layers);
        match *self {
            Field::Weight { layer, from, to } => names.w(layer, from, to).to_text(),
            Field::Bias { layer, index } => names.b(layer, index).to_text(),
            Field::Input { index, .. } => names.x(index).to_text(),
            Field::Target { index, .. } => names.y(index).to_text(),
            Field::LearningRate => "η".into(),
            Field::Hyper(name) => names.hyper(name).to_text(),
        }
    }

    /// A longer description for labels (`w6: h2 → ŷ`).
    pub fn describe(&self, scenario: &Scenario) -> String {
        let names = Names::new(&scenario.layers);
        let name = self.name(scenario);
        match *self {
            Field::Weight { layer, from, to } => format!(
                "{name}: {} → {}",
                names.neuron_label(layer, from),
                names.neuron_label(layer + 1, to)
            ),
            Field::Bias { layer, index } => {
                format!("{name}: bias of {}", names.neuron_label(layer + 1, index))
            }
            Field::Input { .. } => format!("{name}: input"),
            Field::Target { .. } => format!("{name}: target"),
            Field::LearningRate => "η: learning rate".into(),
            Field::Hyper(field) => format!("{name}: {}", Optimizer::describe_field(field)),
        }
    }

    /// The current value, if the field exists in this scenario.
    pub fn get(&self, s: &Scenario) -> Option<f64> {
        match *self {
            Field::Weight { layer, from, to } => s.weights.get(layer)?.get(from)?.get(to).copied(),
            Field::Bias { layer, index } => s.biases.get(layer)?.get(index).copied(),
            Field::Input { sample, index } => s.samples.get(sample)?.x.get(index).copied(),
            Field::Target { sample, index } => s.samples.get(sample)?.y.get(index).copied(),
            Field::LearningRate => Some(s.learning_rate),
            Field::Hyper(name) => s
                .optimizer
                .hyper_parameters()
                .into_iter()
                .find(|(f, _)| *f == name)
                .map(|(_, v)| v),
        }
    }

    /// A copy of the scenario with this field set, checked; the error names the field.
    pub fn set(&self, s: &Scenario, value: f64) -> Result<Scenario, ScenarioError> {
        let mut next = s.clone();
        let slot = match *self {
            Field::Weight { layer, from, to } => next
                .weights
                .get_mut(layer)
                .and_then(|l| l.get_mut(from))
                .and_then(|r| r.get_mut(to)),
            Field::Bias { layer, index } => {
                next.biases.get_mut(layer).and_then(|l| l.get_mut(index))
            }
            Field::Input { sample, index } => next
                .samples
                .get_mut(sample)
                .and_then(|x| x.x.get_mut(index)),
            Field::Target { sample, index } => next
                .samples
                .get_mut(sample)
                .and_then(|x| x.y.get_mut(index)),
            Field::LearningRate => Some(&mut next.learning_rate),
            Field::Hyper(name) => next.optimizer.hyper_mut(name),
        };
        let Some(slot) = slot else {
            return Err(ScenarioError {
                path: self.path(),
                message: "does not exist in this network".into(),
            });
        };
        *slot = value;
        // What this one number can break, checked as `Scenario::validate` checks it, with the
        // same messages: nothing else changed (the shape, the other numbers), so the whole
        // scenario's checks (the reader's, loaded with files and links) need not run here. A
        // network whose steps overflowed can so be mended one number at a time.
        crate::scenario::check_finite(value, || self.path())?;
        match *self {
            Field::Target { sample, .. } => next.validate_sample_targets(sample)?,
            Field::LearningRate => next.validate_learning_rate()?,
            Field::Hyper(_) => next.optimizer.check().map_err(|(field, message)| {
                ScenarioError::new(format!("optimizer.{field}"), message)
            })?,
            _ => {}
        }
        Ok(next)
    }

    /// Every editable field of a scenario, for the given sample: weights (in the exam's numbering),
    /// biases, inputs, targets, then the learning rate.
    pub fn all(s: &Scenario, sample: usize) -> Vec<Field> {
        let mut fields = Vec::new();
        // The exam's numbering counts per layer, then per destination neuron, then per source.
        for (layer, rows) in s.weights.iter().enumerate() {
            let outputs = rows.iter().map(Vec::len).max().unwrap_or(0);
            for to in 0..outputs {
                for (from, row) in rows.iter().enumerate() {
                    if to < row.len() {
                        fields.push(Field::Weight { layer, from, to });
                    }
                }
            }
        }
        for (layer, biases) in s.biases.iter().enumerate() {
            fields.extend((0..biases.len()).map(|index| Field::Bias { layer, index }));
        }
        if let Some(x) = s.samples.get(sample) {
            fields.extend((0..x.x.len()).map(|index| Field::Input { sample, index }));
            fields.extend((0..x.y.len()).map(|index| Field::Target { sample, index }));
        }
        fields.push(Field::LearningRate);
        fields.extend(
            s.optimizer
                .hyper_parameters()
                .into_iter()
                .map(|(name, _)| Field::Hyper(name)),
        );
        fields
    }

    /// The slider range that covers `value`: ±3 for weights and biases, ±5 for inputs, [0, 1] for
    /// probability targets and [0, 1] for the learning rate, widened to cover larger values.
    pub fn slider_range(&self, s: &Scenario, value: f64) -> (f64, f64) {
        let (low, high) = match self {
            Field::Weight { .. } | Field::Bias { .. } => (-3.0, 3.0),
            Field::Input { .. } => (-5.0, 5.0),
            Field::Target { .. } => match s.loss {
                crate::nn::Loss::Bce | crate::nn::Loss::CrossEntropy => (0.0, 1.0),
                _ => (-3.0, 3.0),
            },
            Field::LearningRate => (0.0, 1.0),
            Field::Hyper("epsilon") => (0.0, 0.001),
            Field::Hyper(_) => (0.0, 1.0),
        };
        if !value.is_finite() || (low..=high).contains(&value) {
            return (low, high);
        }
        // Widen symmetrically (or upwards from 0) to the next "nice" bound above |value|.
        let magnitude = value.abs();
        let nice = (0..300)
            .flat_map(|e| [1.0, 2.0, 5.0].map(|m| m * 10f64.powi(e)))
            .find(|b| *b >= magnitude)
            .unwrap_or(f64::MAX);
        if low == 0.0 {
            (0.0, nice.max(high))
        } else {
            (-nice, nice)
        }
    }
}

/// Reads a number as a person types it: spaces trimmed, `−` (the minus sign) and a decimal comma
/// accepted. Anything that is not a finite number is refused with a message quoting it.
pub fn parse_number(text: &str) -> Result<f64, String> {
    let trimmed = text.trim();
    let mut normal = trimmed.replace('−', "-");
    if normal.contains(',') && !normal.contains('.') && normal.matches(',').count() == 1 {
        normal = normal.replace(',', ".");
    }
    let shown: String = trimmed.chars().take(24).collect();
    let ellipsis = if trimmed.chars().count() > 24 {
        "…"
    } else {
        ""
    };
    if normal.is_empty() {
        return Err("is empty; type a number".into());
    }
    match crate::decimal::parse_f64(&normal) {
        Some(v) if v.is_finite() => Ok(if v == 0.0 { 0.0 } else { v }),
        Some(_) => Err(format!("“{shown}{ellipsis}” is not a finite number")),
        None => Err(format!("“{shown}{ellipsis}” is not a number")),
    }
}

/// Undo and redo over whole scenarios (cheap for teaching-sized networks).
#[derive(Clone, Debug, PartialEq)]
pub struct History {
    states: Vec<Scenario>,
    index: usize,
}

/// Most states kept; the oldest are dropped first.
pub const HISTORY_LIMIT: usize = 500;

impl History {
    /// A history whose only state is `start`.
    pub fn new(start: Scenario) -> History {
        History {
            states: vec![start],
            index: 0,
        }
    }

    /// The current state.
    pub fn current(&self) -> &Scenario {
        &self.states[self.index]
    }

    /// Records a new state after the current one, dropping anything that could be redone.
    pub fn push(&mut self, state: Scenario) {
        self.states.truncate(self.index + 1);
        self.states.push(state);
        if self.states.len() > HISTORY_LIMIT {
            self.states.remove(0);
        }
        self.index = self.states.len() - 1;
    }

    /// Replaces the current state without a new undo entry (the rest of a drag).
    pub fn replace(&mut self, state: Scenario) {
        self.states.truncate(self.index + 1);
        self.states[self.index] = state;
    }

    /// Steps back; returns the state now current, or `None` at the start.
    pub fn undo(&mut self) -> Option<&Scenario> {
        if self.index == 0 {
            return None;
        }
        self.index -= 1;
        Some(self.current())
    }

    /// Steps forward again; `None` when there is nothing to redo.
    pub fn redo(&mut self) -> Option<&Scenario> {
        if self.index + 1 >= self.states.len() {
            return None;
        }
        self.index += 1;
        Some(self.current())
    }

    /// Whether undo would do something.
    pub fn can_undo(&self) -> bool {
        self.index > 0
    }

    /// Whether redo would do something.
    pub fn can_redo(&self) -> bool {
        self.index + 1 < self.states.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exam() -> Scenario {
        Scenario::preset("exam").expect("exam")
    }

    #[test]
    fn fields_are_listed_in_the_exams_numbering() {
        let s = exam();
        let names: Vec<String> = Field::all(&s, 0).iter().map(|f| f.name(&s)).collect();
        assert_eq!(
            names,
            ["w1", "w2", "w3", "w4", "w5", "w6", "b1[1]", "b1[2]", "b2", "x1", "x2", "y", "η"]
        );
        assert_eq!(
            Field::Weight {
                layer: 0,
                from: 0,
                to: 1
            }
            .describe(&s),
            "w3: x1 → h2"
        );
        // Wider networks too: w1, w2, … with none left out.
        for preset in ["deep_tanh", "softmax", "xor"] {
            let s = Scenario::preset(preset).expect("preset");
            let weights: Vec<String> = Field::all(&s, 0)
                .iter()
                .filter(|f| matches!(f, Field::Weight { .. }))
                .map(|f| f.name(&s))
                .collect();
            let count: usize = s.layers.windows(2).map(|w| w[0] * w[1]).sum();
            let expected: Vec<String> = (1..=count).map(|n| format!("w{n}")).collect();
            assert_eq!(weights, expected, "{preset}");
        }
    }

    #[test]
    fn paths_round_trip() {
        let s = exam();
        for field in Field::all(&s, 0) {
            assert_eq!(Field::parse(&field.path()), Some(field), "{}", field.path());
        }
        for bad in [
            "",
            "weights",
            "weights[0][1]",
            "weights[a][0][0]",
            "samples[0].z[0]",
            "biases[0][0]x",
            "η",
        ] {
            assert_eq!(Field::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_bad_value_is_refused_with_the_fields_path() {
        let s = exam();
        let e = Field::Target {
            sample: 0,
            index: 0,
        }
        .set(&s, 1.5)
        .expect_err("bce target above 1");
        assert_eq!(e.path, "samples[0].y[0]");
        let e = Field::Weight {
            layer: 1,
            from: 1,
            to: 0,
        }
        .set(&s, f64::INFINITY)
        .expect_err("inf");
        assert_eq!(e.path, "weights[1][1][0]");
        let e = Field::Weight {
            layer: 5,
            from: 0,
            to: 0,
        }
        .set(&s, 1.0)
        .expect_err("no such weight");
        assert!(e.message.contains("does not exist"));
        let e = Field::LearningRate
            .set(&s, -1.0)
            .expect_err("negative rate");
        assert_eq!(e.path, "learning_rate");
    }

    #[test]
    fn slider_ranges_cover_the_value() {
        let s = exam();
        let w = Field::Weight {
            layer: 0,
            from: 0,
            to: 0,
        };
        assert_eq!(w.slider_range(&s, 0.5), (-3.0, 3.0));
        assert_eq!(w.slider_range(&s, 7.5), (-10.0, 10.0));
        assert_eq!(w.slider_range(&s, -42.0), (-50.0, 50.0));
        assert_eq!(Field::LearningRate.slider_range(&s, 3.0), (0.0, 5.0));
        assert_eq!(
            Field::Target {
                sample: 0,
                index: 0
            }
            .slider_range(&s, 0.0),
            (0.0, 1.0)
        );
    }

    #[test]
    fn numbers_are_read_as_typed() {
        assert_eq!(parse_number(" −0.5 "), Ok(-0.5));
        assert_eq!(parse_number("0,25"), Ok(0.25));
        assert_eq!(parse_number("1e-3"), Ok(0.001));
        assert_eq!(parse_number("-0"), Ok(0.0));
        assert!(parse_number("abc")
            .expect_err("abc")
            .contains("“abc” is not a number"));
        assert!(parse_number("NaN")
            .expect_err("NaN")
            .contains("not a finite number"));
        assert!(parse_number("inf")
            .expect_err("inf")
            .contains("not a finite number"));
        assert!(parse_number("1e400")
            .expect_err("1e400")
            .contains("not a finite number"));
        assert!(parse_number("").expect_err("empty").contains("empty"));
        assert!(parse_number(&"9".repeat(5000))
            .expect_err("huge")
            .contains("…"));
    }

    #[test]
    fn undo_and_redo_walk_the_history() {
        let a = exam();
        let b = Field::LearningRate.set(&a, 0.1).expect("ok");
        let c = Field::LearningRate.set(&a, 0.2).expect("ok");
        let mut h = History::new(a.clone());
        assert!(!h.can_undo());
        h.push(b.clone());
        h.push(c.clone());
        assert_eq!(h.undo(), Some(&b));
        assert_eq!(h.undo(), Some(&a));
        assert_eq!(h.undo(), None);
        assert_eq!(h.redo(), Some(&b));
        h.push(c.clone());
        assert!(!h.can_redo());
        h.replace(a.clone());
        assert_eq!(h.current(), &a);
    }
}
