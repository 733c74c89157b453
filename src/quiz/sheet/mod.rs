//! Checking a whole worked answer: every line `name = value` of a student's (or a teacher's)
//! answer sheet, each marked right to the digits written, wrong with the quiz's diagnosis, or not
//! understood; then what a complete answer still lacks.
//!
//! A complete answer gives the forward pass (every `z` and `a`), the loss and every parameter after
//! the update; the gradients are checked when they are given. A weight written without an update
//! mark (`w5 = …`) is read as the updated value unless it is the given one.
//!
//! ```
//! use backprop_viz::quiz::sheet::{check_sheet, Verdict};
//! use backprop_viz::scenario::Scenario;
//! let exam = Scenario::preset("exam").expect("exam");
//! let report = check_sheet(&exam, "z1 = -0.1\nJ = 0.2225\nw3' = -0.597", 3).expect("one sample");
//! assert_eq!(report.entries().map(|e| e.verdict.name()).collect::<Vec<_>>(), ["right", "mistaken", "mistaken"]);
//! ```

mod report;

use super::read::{evaluate, read_line, Name, Symbol, Value, Written};
use super::{check, tolerance, Mistake, Verdict as StepVerdict};
use crate::explain::number::{is_exact_at, number_text};
use crate::explain::render::names_for;
use crate::explain::{explain, Names, Place, Step, StepKind};
use crate::scenario::Scenario;
pub use report::{entry_sentence, report_text};

/// The most lines read, and the longest line: a sheet is a page of hand calculation.
pub const MAX_LINES: usize = 5_000;
/// The longest line read, in characters.
pub const MAX_LINE_CHARS: usize = 2_000;

/// What one number on a line is compared with.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Target {
    /// A step of the worked solution.
    Step(StepKind, Place),
    /// `∂J/∂a` of a neuron (a chain-rule factor, checked without a diagnosis).
    GradActivation {
        /// Layer.
        layer: usize,
        /// Neuron.
        index: usize,
    },
    /// A number the question gives (an input, a target, a parameter before the update, η).
    Given,
}

/// The verdict on one number.
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    /// Right to the digits written.
    Right,
    /// A number the question gives, restated.
    Given,
    /// Right to the digits written, but fewer than the sheet asks for.
    TooFewDigits,
    /// The value before the update, where the update changes it.
    NotUpdated,
    /// Wrong in a way the quiz's mistakes explain (the value they give, when known).
    Mistaken(Vec<Mistake>, Option<f64>),
    /// Wrong.
    Wrong,
}

impl Verdict {
    /// A one-word name (`right`, `given`, `too_few_digits`, `not_updated`, `mistaken`, `wrong`).
    pub fn name(&self) -> &'static str {
        match self {
            Verdict::Right => "right",
            Verdict::Given => "given",
            Verdict::TooFewDigits => "too_few_digits",
            Verdict::NotUpdated => "not_updated",
            Verdict::Mistaken(..) => "mistaken",
            Verdict::Wrong => "wrong",
        }
    }

    /// Whether the number is as it should be.
    pub fn is_right(&self) -> bool {
        matches!(self, Verdict::Right | Verdict::Given)
    }
}

/// One checked number.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The quantity, as the page names it (`z1`, `∂J/∂w5`, `w3′` for the updated w3).
    pub name: String,
    /// What it was compared with.
    pub target: Target,
    /// The number as written.
    pub written: Written,
    /// The exact value.
    pub expected: f64,
    /// The verdict.
    pub verdict: Verdict,
    /// What the working written before the value shows, when it does not give the value (the
    /// model answer's `z1 = 1·0.5 + 2·(−0.6) + 0.2 = −0.1` computes −0.5: W1 read row-for-column).
    pub working: Option<String>,
}

/// What became of one line.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// Its numbers, checked.
    Checked(Vec<Entry>),
    /// A name this network does not have (with a sentence saying what it has).
    UnknownName(String, String),
    /// A name without a number after the last `=`.
    NoValue(String),
    /// A list whose shape does not fit the name.
    Shape(String),
    /// Too long to be an answer line.
    TooLong,
}

/// One line of the sheet that has an `=`.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// The line's number, from 1.
    pub number: usize,
    /// The line as written.
    pub text: String,
    /// What became of it.
    pub outcome: Outcome,
}

/// The checked sheet.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// Every line with an `=`, in order.
    pub lines: Vec<Line>,
    /// Required quantities no line gives, in the order of the worked solution.
    pub missing: Vec<(StepKind, Place)>,
    /// Numbers of the lines without an `=` that are not blank (prose, headings), not checked.
    pub ignored: Vec<usize>,
    /// The least significant digits an inexact answer must carry.
    pub digits: usize,
    names: Vec<(StepKind, Place, String)>,
}

impl Report {
    /// Every checked number, line by line.
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.lines.iter().flat_map(|l| match &l.outcome {
            Outcome::Checked(entries) => entries.as_slice(),
            _ => &[],
        })
    }

    /// Whether every line is right and nothing is missing.
    pub fn all_right(&self) -> bool {
        self.missing.is_empty()
            && self.lines.iter().all(|l| match &l.outcome {
                Outcome::Checked(entries) => entries.iter().all(|e| e.verdict.is_right()),
                _ => false,
            })
    }

    /// The page's name of a required quantity (`b1[2]′`).
    pub fn name_of(&self, kind: StepKind, place: Place) -> String {
        self.names
            .iter()
            .find(|(k, p, _)| *k == kind && *p == place)
            .map(|(_, _, n)| n.clone())
            .unwrap_or_default()
    }
}

/// The quantities a complete answer gives: the forward pass, the loss and the updated parameters.
fn required(kind: StepKind, scenario: &Scenario) -> bool {
    match kind {
        StepKind::PreActivation | StepKind::Activation | StepKind::Loss => true,
        StepKind::WeightUpdate => true,
        StepKind::BiasUpdate => !scenario.freeze_biases,
        StepKind::Delta
        | StepKind::WeightGrad
        | StepKind::BiasGrad
        | StepKind::WeightState(_)
        | StepKind::BiasState(_) => false,
    }
}

/// The name of a step as the page writes it, with a prime for an updated parameter.
fn step_name(step: &Step) -> String {
    let base = step.symbol.to_text(4);
    if step.assigns {
        format!("{base}′")
    } else {
        base
    }
}

/// What the sheet is checked against: the steps of the worked solution and the given numbers.
struct Key<'a> {
    scenario: &'a Scenario,
    names: Names,
    steps: Vec<Step>,
    grad_a: Vec<Vec<f64>>,
    digits: usize,
}

impl Key<'_> {
    fn step(&self, kind: StepKind, place: Place) -> Option<&Step> {
        self.steps
            .iter()
            .find(|s| s.kind == kind && s.place == place)
    }

    /// Checks one written number against a step.
    fn judge_step(&self, kind: StepKind, place: Place, written: Written) -> Option<Entry> {
        let step = self.step(kind, place)?;
        let expected = step.value;
        let verdict = if let Some(close) = close_verdict(written, expected, self.digits) {
            close
        } else {
            let result = check(self.scenario, 0, kind, place, written.value, written.digits);
            match result.verdict {
                StepVerdict::Correct => Verdict::Right,
                StepVerdict::Mistaken(m) => Verdict::Mistaken(m, result.mistaken_value),
                StepVerdict::Wrong => Verdict::Wrong,
            }
        };
        Some(Entry {
            name: step_name(step),
            target: Target::Step(kind, place),
            written,
            expected,
            verdict,
            working: None,
        })
    }

    /// Checks a number against one the question gives.
    fn judge_given(&self, name: String, expected: f64, written: Written) -> Entry {
        Entry {
            name,
            target: Target::Given,
            written,
            expected,
            verdict: if agrees(written, expected) {
                Verdict::Given
            } else {
                Verdict::Wrong
            },
            working: None,
        }
    }

    /// A parameter: the update when marked so; unmarked, the given value if it is that, else the
    /// update.
    fn judge_param(
        &self,
        kind: StepKind,
        place: Place,
        before: f64,
        updated: bool,
        written: Written,
    ) -> Option<Entry> {
        let mut entry = self.judge_step(kind, place, written)?;
        let is_before = agrees(written, before);
        if !entry.verdict.is_right() && is_before {
            if updated {
                entry.verdict = Verdict::NotUpdated;
            } else {
                entry = self.judge_given(
                    entry.name.trim_end_matches('′').to_string(),
                    before,
                    written,
                );
            }
        }
        Some(entry)
    }

    fn weight(
        &self,
        layer: usize,
        from: usize,
        to: usize,
        updated: bool,
        w: Written,
    ) -> Option<Entry> {
        let place = Place::Weight { layer, from, to };
        let before = self.scenario.weights[layer][from][to];
        self.judge_param(StepKind::WeightUpdate, place, before, updated, w)
    }

    fn bias(&self, layer: usize, index: usize, updated: bool, w: Written) -> Option<Entry> {
        let place = Place::Bias { layer, index };
        let before = self.scenario.biases[layer][index];
        self.judge_param(StepKind::BiasUpdate, place, before, updated, w)
    }

    /// What the names on this network are, for a message about a name it lacks.
    fn vocabulary(&self) -> String {
        let n = self.names.neuron_count();
        let w = self.names.weight_count();
        let out = self.names.output_layer();
        let yhat = if self.scenario.layers[out] == 1 {
            "ŷ, "
        } else {
            ""
        };
        format!(
            "this network's names are x1…x{}, z1…z{n}, a1…a{n}, {yhat}J, δ1…δ{n}, w1…w{w}, b1…b{out}, ∂J/∂w1…∂J/∂w{w}, and W1…W{out} for a whole matrix",
            self.scenario.layers[0]
        )
    }
}

/// Reads and checks a sheet against the scenario's one sample; `digits`: the least significant
/// digits an inexact answer must carry. An error when the scenario has several samples (a hand
/// answer is for one).
pub fn check_sheet(scenario: &Scenario, text: &str, digits: usize) -> Result<Report, String> {
    if scenario.samples.len() != 1 {
        return Err(format!(
            "an answer sheet is for one sample, and this scenario has {}",
            scenario.samples.len()
        ));
    }
    let trace = scenario.step_trace();
    let key = Key {
        scenario,
        names: names_for(scenario),
        steps: explain(scenario, &trace, 0),
        grad_a: trace.samples[0].grad_a.clone(),
        digits: digits.clamp(1, 17),
    };
    let mut lines = Vec::new();
    let mut ignored = Vec::new();
    for (i, text) in text.lines().take(MAX_LINES).enumerate() {
        let number = i + 1;
        if text.chars().count() > MAX_LINE_CHARS {
            lines.push(Line {
                number,
                text: text.chars().take(80).collect(),
                outcome: Outcome::TooLong,
            });
            continue;
        }
        match read_line(text) {
            Some(line) => lines.push(Line {
                number,
                text: text.trim().to_string(),
                outcome: judge_line(&key, line.name, line.value, &line.working),
            }),
            None if !text.trim().is_empty() => ignored.push(number),
            None => {}
        }
    }
    let mut report = Report {
        lines,
        missing: Vec::new(),
        ignored,
        digits: key.digits,
        names: key
            .steps
            .iter()
            .map(|s| (s.kind, s.place, step_name(s)))
            .collect(),
    };
    let answered: Vec<Target> = report.entries().map(|e| e.target).collect();
    report.missing = key
        .steps
        .iter()
        .filter(|s| required(s.kind, scenario))
        .map(|s| (s.kind, s.place))
        .filter(|(k, p)| !answered.contains(&Target::Step(*k, *p)))
        .collect();
    Ok(report)
}

/// Checks one line's numbers (and, for one number, the arithmetic of its working).
fn judge_line(key: &Key, name: Name, value: Option<Value>, working: &[String]) -> Outcome {
    let (symbol, updated) = match name {
        Name::Read { symbol, updated } => (symbol, updated),
        Name::Unknown(text) => return Outcome::UnknownName(text, key.vocabulary()),
    };
    let Some(value) = value else {
        return Outcome::NoValue(symbol_text(symbol));
    };
    match entries(key, symbol, updated, &value) {
        Ok(mut entries) => {
            if let [entry] = entries.as_mut_slice() {
                entry.working = working_note(key, entry, working);
            }
            Outcome::Checked(entries)
        }
        Err(Problem::Unknown) => Outcome::UnknownName(symbol_text(symbol), key.vocabulary()),
        Err(Problem::Shape(message)) => Outcome::Shape(message),
    }
}

enum Problem {
    Unknown,
    Shape(String),
}

/// How a symbol is written back in a message.
fn symbol_text(symbol: Symbol) -> String {
    let entry = |l: usize, i: Option<usize>| match i {
        Some(i) => format!("{l}[{i}]"),
        None => l.to_string(),
    };
    match symbol {
        Symbol::PreActivation(k) => format!("z{k}"),
        Symbol::Activation(k) => format!("a{k}"),
        Symbol::Output(i) => format!("ŷ{}", i.map(|i| i.to_string()).unwrap_or_default()),
        Symbol::Loss => "J".into(),
        Symbol::Delta(k) => format!("δ{k}"),
        Symbol::GradActivation(k) => format!("∂J/∂a{k}"),
        Symbol::GradOutput(i) => format!("∂J/∂ŷ{}", i.map(|i| i.to_string()).unwrap_or_default()),
        Symbol::WeightGrad(n) => format!("∂J/∂w{n}"),
        Symbol::BiasGrad(l, i) => format!("∂J/∂b{}", entry(l, i)),
        Symbol::Weight { number, capital } => {
            format!("{}{number}", if capital { 'W' } else { 'w' })
        }
        Symbol::Bias(l, i) => format!("b{}", entry(l, i)),
        Symbol::Input(i) => format!("x{i}"),
        Symbol::Target(i) => format!("y{}", i.map(|i| i.to_string()).unwrap_or_default()),
        Symbol::LearningRate => "η".into(),
    }
}

/// The one number of a scalar line.
fn one(value: &Value, name: &str) -> Result<Written, Problem> {
    match value {
        Value::Number(w) => Ok(*w),
        Value::List(l) if l.len() == 1 => Ok(l[0]),
        _ => Err(Problem::Shape(format!("{name} is one number, not a list"))),
    }
}

/// `count` numbers of a vector line.
fn several(value: &Value, name: &str, count: usize) -> Result<Vec<Written>, Problem> {
    let numbers = match value {
        Value::Number(_) if count != 1 => {
            return Err(Problem::Shape(format!(
            "{name} has {count} entries; write them as a list [ … ] or one by one ({name}[1] = …)"
        )))
        }
        Value::Rows(rows) if rows.iter().any(|r| r.len() != 1) && rows.len() != 1 => {
            return Err(Problem::Shape(format!(
                "{name} is a vector of {count}, not a matrix"
            )))
        }
        v => v.numbers(),
    };
    if numbers.len() != count {
        return Err(Problem::Shape(format!(
            "{name} has {count} entries; this line gives {}",
            numbers.len()
        )));
    }
    Ok(numbers)
}

fn entries(key: &Key, symbol: Symbol, updated: bool, value: &Value) -> Result<Vec<Entry>, Problem> {
    let sc = key.scenario;
    let names = &key.names;
    let out = names.output_layer();
    let name = symbol_text(symbol);
    let neuron = |k: usize| names.neuron_at(k).ok_or(Problem::Unknown);
    let step = |kind: StepKind, place: Place, w: Written| {
        key.judge_step(kind, place, w).ok_or(Problem::Unknown)
    };
    let at = |layer: usize, index: usize| Place::Neuron { layer, index };
    let outputs = |i: Option<usize>| -> Result<Vec<usize>, Problem> {
        match i {
            Some(i) if i >= 1 && i <= sc.layers[out] => Ok(vec![i - 1]),
            Some(_) => Err(Problem::Unknown),
            None => Ok((0..sc.layers[out]).collect()),
        }
    };
    Ok(match symbol {
        Symbol::PreActivation(k) => {
            let (l, i) = neuron(k)?;
            vec![step(StepKind::PreActivation, at(l, i), one(value, &name)?)?]
        }
        Symbol::Activation(k) => {
            let (l, i) = neuron(k)?;
            vec![step(StepKind::Activation, at(l, i), one(value, &name)?)?]
        }
        Symbol::Delta(k) => {
            let (l, i) = neuron(k)?;
            vec![step(StepKind::Delta, at(l, i), one(value, &name)?)?]
        }
        Symbol::Output(i) => {
            let which = outputs(i)?;
            let written = several(value, &name, which.len())?;
            which
                .iter()
                .zip(written)
                .map(|(&i, w)| step(StepKind::Activation, at(out, i), w))
                .collect::<Result<_, _>>()?
        }
        Symbol::Loss => vec![step(StepKind::Loss, Place::Loss, one(value, &name)?)?],
        Symbol::GradActivation(k) => {
            let (l, i) = neuron(k)?;
            vec![grad_activation(key, l, i, one(value, &name)?)]
        }
        Symbol::GradOutput(i) => {
            let which = outputs(i)?;
            let written = several(value, &name, which.len())?;
            which
                .iter()
                .zip(written)
                .map(|(&i, w)| grad_activation(key, out, i, w))
                .collect()
        }
        Symbol::WeightGrad(n) => {
            let (layer, from, to) = names.weight_at(n).ok_or(Problem::Unknown)?;
            let place = Place::Weight { layer, from, to };
            vec![step(StepKind::WeightGrad, place, one(value, &name)?)?]
        }
        Symbol::BiasGrad(l, i) => bias_entries(key, l, i, value, &name, |layer, index, w| {
            step(StepKind::BiasGrad, Place::Bias { layer, index }, w)
        })?,
        Symbol::Weight { number, capital } if capital && !matches!(value, Value::Number(_)) => {
            matrix(key, number, updated, value)?
        }
        Symbol::Weight { number, .. } => {
            let (layer, from, to) = names.weight_at(number).ok_or(Problem::Unknown)?;
            let w = one(value, &name)?;
            vec![key
                .weight(layer, from, to, updated, w)
                .ok_or(Problem::Unknown)?]
        }
        Symbol::Bias(l, i) => bias_entries(key, l, i, value, &name, |layer, index, w| {
            key.bias(layer, index, updated, w).ok_or(Problem::Unknown)
        })?,
        Symbol::Input(i) => {
            let x = sc.samples[0].x.get(i - 1).ok_or(Problem::Unknown)?;
            vec![key.judge_given(name, *x, one(value, "x")?)]
        }
        Symbol::Target(i) => {
            let which = outputs(i)?;
            let written = several(value, &name, which.len())?;
            which
                .iter()
                .zip(written)
                .map(|(&i, w)| key.judge_given(names.y(i).to_text(), sc.samples[0].y[i], w))
                .collect()
        }
        Symbol::LearningRate => {
            vec![key.judge_given("η".into(), sc.learning_rate, one(value, &name)?)]
        }
    })
}

/// What a line's working shows when its arithmetic does not give the number written after it:
/// the mistake whose value it computes, if one does.
fn working_note(key: &Key, entry: &Entry, working: &[String]) -> Option<String> {
    let Target::Step(kind, place) = entry.target else {
        return None;
    };
    let w = entry.written;
    for part in working {
        let Some(v) = evaluate(part) else {
            continue;
        };
        let off = |a: f64, b: f64| (a - b).abs() > 2.0 * tolerance(b, w.digits.max(3));
        if !off(v, w.value) || !off(v, entry.expected) {
            continue;
        }
        let shown = number_text(v, 4);
        let part = part.replace('-', "−");
        let cause = Mistake::ALL
            .iter()
            .filter(|m| !matches!(m, Mistake::Truncated | Mistake::RoundedEarly))
            .find(|m| {
                super::value(key.scenario, 0, kind, place, &[**m]).is_some_and(|x| !off(v, x))
            });
        return Some(match cause {
            Some(m) => format!(
                "the working written ({part}) gives {shown}, not {}: {}",
                number_text(w.value, w.digits.max(1)),
                m.describe()
            ),
            None => format!(
                "the working written ({part}) gives {shown}, not {}",
                number_text(w.value, w.digits.max(1))
            ),
        });
    }
    None
}

/// Whether a written number is `expected` to the digits it was written with.
fn agrees(written: Written, expected: f64) -> bool {
    (written.value - expected).abs() <= tolerance(expected, written.digits)
}

/// The verdict on a number that agrees with `expected` (`None` when it does not): right, or
/// too few digits when the sheet asks for `wanted` and fewer were written of a value that is
/// not exact at them.
fn close_verdict(written: Written, expected: f64, wanted: usize) -> Option<Verdict> {
    agrees(written, expected).then(|| {
        if written.digits < wanted && !is_exact_at(expected, written.digits) {
            Verdict::TooFewDigits
        } else {
            Verdict::Right
        }
    })
}

fn grad_activation(key: &Key, layer: usize, index: usize, w: Written) -> Entry {
    let expected = key.grad_a[layer][index];
    let verdict = close_verdict(w, expected, key.digits).unwrap_or(Verdict::Wrong);
    Entry {
        name: format!("∂J/∂{}", key.names.a(layer, index).to_text()),
        target: Target::GradActivation { layer, index },
        written: w,
        expected,
        verdict,
        working: None,
    }
}

/// The entries of `b_l` (one, or the whole vector) or of its gradient.
fn bias_entries(
    key: &Key,
    l: usize,
    i: Option<usize>,
    value: &Value,
    name: &str,
    judge: impl Fn(usize, usize, Written) -> Result<Entry, Problem>,
) -> Result<Vec<Entry>, Problem> {
    let layer = l.checked_sub(1).ok_or(Problem::Unknown)?;
    let size = *key.scenario.layers.get(l).ok_or(Problem::Unknown)?;
    match i {
        Some(i) if i >= 1 && i <= size => judge(layer, i - 1, one(value, name)?).map(|e| vec![e]),
        Some(_) => Err(Problem::Unknown),
        None => several(value, name, size)?
            .into_iter()
            .enumerate()
            .map(|(index, w)| judge(layer, index, w))
            .collect(),
    }
}

/// The entries of a whole matrix `W_l` (rows are source neurons, as in the scenario), with the
/// row-for-column reading diagnosed when it alone explains the numbers.
fn matrix(key: &Key, l: usize, updated: bool, value: &Value) -> Result<Vec<Entry>, Problem> {
    let layer = l.checked_sub(1).ok_or(Problem::Unknown)?;
    let (from, to) = match key.scenario.layers.get(layer..=l) {
        Some([from, to]) => (*from, *to),
        _ => return Err(Problem::Unknown),
    };
    let numbers = value.numbers();
    let shape_ok = match value {
        Value::Rows(rows) => {
            (rows.len() == from && rows.iter().all(|r| r.len() == to))
                || (to == 1 && rows.len() == 1 && rows[0].len() == from)
        }
        _ => (from == 1 || to == 1) && numbers.len() == from * to,
    };
    if !shape_ok {
        return Err(Problem::Shape(format!(
            "W{l} is {from} × {to} (a row per source neuron); write it as [[…], …] with {from} rows of {to}"
        )));
    }
    let judge_all = |swap: bool| -> Option<Vec<Entry>> {
        (0..from * to)
            .map(|k| {
                let (i, j) = (k / to, k % to);
                let (i, j) = if swap { (j, i) } else { (i, j) };
                key.weight(layer, i, j, updated, numbers[k])
            })
            .collect()
    };
    let entries = judge_all(false).ok_or(Problem::Unknown)?;
    if from == to && entries.iter().any(|e| !e.verdict.is_right()) {
        if let Some(swapped) = judge_all(true) {
            if swapped.iter().all(|e| e.verdict.is_right()) {
                return Ok(entries
                    .into_iter()
                    .zip(swapped)
                    .map(|(mut e, s)| {
                        if !e.verdict.is_right() {
                            e.verdict =
                                Verdict::Mistaken(vec![Mistake::Transposed], Some(s.expected));
                        }
                        e
                    })
                    .collect());
            }
        }
    }
    Ok(entries)
}
