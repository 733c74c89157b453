//! Exam variants: the same question with other numbers, each a good question, each reproduced
//! from its seed.
//!
//! A variant keeps the template's shape, activations, loss, learning rate and frozen biases, and
//! draws exam-friendly numbers: weights with one decimal in `[−r, r]` (never 0), biases with one
//! decimal in `[−r, r]`, inputs in steps of 0.5 in `[−s, s]` (never 0), targets of the kind the loss
//! takes (0 or 1 for binary cross-entropy, one class for softmax, one decimal otherwise). A draw
//! is kept only if it is a good question: every number finite, no ReLU exactly at 0 (where its
//! slope is a convention), no output saturated (σ within 0.05 of 0 or 1 makes the logarithms
//! dominate), no answer within a fiftieth of a unit of its rounding midpoint at 3 or 4 digits
//! (where a student's correct working may round either way), and the inactive-ReLU rule asked for.
//!
//! ```
//! use backprop_viz::scenario::Scenario;
//! use backprop_viz::variants::{variant, Rules};
//! let exam = Scenario::preset("exam").expect("exam");
//! let rules = Rules::for_template(&exam);
//! let a = variant(&exam, &rules, 7).expect("a variant");
//! assert_eq!(a, variant(&exam, &rules, 7).expect("the same variant"));
//! assert_eq!(a.layers, exam.layers);
//! ```

use crate::decimal::Shortest;
use crate::explain::number::is_exact_at;
use crate::explain::{explain, Step};
use crate::nn::clamp;
use crate::nn::rng::Rng;
use crate::nn::{Activation, Loss, Sample};
use crate::scenario::{Scenario, MAX_TITLE_CHARS};

/// Whether a variant must have an inactive ReLU (a neuron with `z < 0`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeadRelu {
    /// At least one ReLU neuron is inactive (its gradients are zero: a classic exam point).
    AtLeastOne,
    /// Every ReLU neuron is active.
    None,
    /// Either.
    Any,
}

impl DeadRelu {
    /// Reads `at-least-one`, `none` or `any`.
    pub fn from_name(name: &str) -> Option<DeadRelu> {
        match name {
            "at-least-one" => Some(DeadRelu::AtLeastOne),
            "none" => Some(DeadRelu::None),
            "any" => Some(DeadRelu::Any),
            _ => None,
        }
    }
}

/// What a variant's numbers are drawn from, and what makes it a good question.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rules {
    /// Weights and biases lie in `[−parameter_range, parameter_range]`, with one decimal.
    pub parameter_range: f64,
    /// Inputs lie in `[−input_range, input_range]`, in steps of 0.5.
    pub input_range: f64,
    /// The inactive-ReLU rule.
    pub dead_relu: DeadRelu,
}

/// The most draws tried for one variant before giving up.
pub const MAX_DRAWS: usize = 20_000;
/// The most variants one call makes.
pub const MAX_VARIANTS: usize = 1_000;

impl Rules {
    /// The template's own ranges: its largest parameter and input, at least 0.5 and 1.
    pub fn for_template(template: &Scenario) -> Rules {
        let largest = |values: Vec<f64>| values.into_iter().fold(0.0f64, |m, v| m.max(v.abs()));
        let params = largest(
            template
                .weights
                .iter()
                .flatten()
                .flatten()
                .chain(template.biases.iter().flatten())
                .copied()
                .collect(),
        );
        let inputs = largest(template.samples.iter().flat_map(|s| s.x.clone()).collect());
        Rules {
            parameter_range: clamp((params * 10.0).ceil() / 10.0, 0.5, 5.0),
            input_range: clamp((inputs * 2.0).ceil() / 2.0, 1.0, 10.0),
            dead_relu: DeadRelu::Any,
        }
    }

    /// Checks the ranges: an error names the option.
    pub fn validate(&self) -> Result<(), String> {
        if !(0.1..=10.0).contains(&self.parameter_range) {
            return Err(format!(
                "--weight-range: {} is out of range; it is 0.1 to 10",
                Shortest(self.parameter_range)
            ));
        }
        if !(0.5..=10.0).contains(&self.input_range) {
            return Err(format!(
                "--input-range: {} is out of range; it is 0.5 to 10",
                Shortest(self.input_range)
            ));
        }
        Ok(())
    }
}

/// A whole number of steps from `-range` to `range` (`step` apart), 0 left out if `nonzero`.
pub(crate) fn draw(rng: &mut Rng, range: f64, step: f64, nonzero: bool) -> f64 {
    let n = (range / step).round() as i64;
    let choices = if nonzero { 2 * n } else { 2 * n + 1 };
    let mut k = rng.below(choices.max(1) as usize) as i64 - n;
    if nonzero && k >= 0 {
        k += 1;
    }
    // One decimal written exactly as a teacher would type it (0.3, not 0.30000000000000004).
    let v = k as f64 * step;
    (v * 10.0).round() / 10.0
}

/// One draw of a variant's numbers.
fn draw_scenario(template: &Scenario, rules: &Rules, rng: &mut Rng) -> Scenario {
    let mut s = template.clone();
    for layer in &mut s.weights {
        for row in layer.iter_mut() {
            for w in row.iter_mut() {
                *w = draw(rng, rules.parameter_range, 0.1, true);
            }
        }
    }
    if !s.freeze_biases {
        for layer in &mut s.biases {
            for b in layer.iter_mut() {
                *b = draw(rng, rules.parameter_range, 0.1, false);
            }
        }
    }
    let outputs = *s.layers.last().unwrap_or(&1);
    let output_activation = *s.activations.last().unwrap_or(&Activation::Linear);
    s.samples = s
        .samples
        .iter()
        .map(|sample| Sample {
            x: sample
                .x
                .iter()
                .map(|_| draw(rng, rules.input_range, 0.5, true))
                .collect(),
            y: draw_target(s.loss, output_activation, outputs, rng),
        })
        .collect();
    s.quiz = None;
    // A new question starts its optimiser afresh (the template's moments belong to its numbers).
    s.optimizer_state = None;
    s
}

/// A target of the kind the loss takes.
fn draw_target(loss: Loss, output: Activation, outputs: usize, rng: &mut Rng) -> Vec<f64> {
    match (loss, output) {
        (Loss::Bce, _) => (0..outputs).map(|_| rng.below(2) as f64).collect(),
        (_, Activation::Softmax) | (Loss::CrossEntropy, _) => {
            let class = rng.below(outputs);
            (0..outputs)
                .map(|i| f64::from(u8::from(i == class)))
                .collect()
        }
        (_, Activation::Sigmoid) => (0..outputs).map(|_| rng.below(11) as f64 / 10.0).collect(),
        _ => (0..outputs).map(|_| draw(rng, 1.0, 0.1, false)).collect(),
    }
}

/// Why a draw is not a good question.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Flaw {
    /// A number is not finite.
    Overflow,
    /// A ReLU neuron's `z` is exactly 0.
    ReluAtZero,
    /// An output is within 0.05 of 0 or 1.
    Saturated,
    /// An answer lies too close to its rounding midpoint.
    AmbiguousRounding,
    /// The inactive-ReLU rule does not hold.
    DeadReluRule,
}

impl Flaw {
    /// What the flaw is, for the message when no variant can be found.
    pub fn describe(self) -> &'static str {
        match self {
            Flaw::Overflow => "a number overflows",
            Flaw::ReluAtZero => "a ReLU's z is exactly 0",
            Flaw::Saturated => "an output is within 0.05 of 0 or 1",
            Flaw::AmbiguousRounding => "an answer lies at a rounding midpoint",
            Flaw::DeadReluRule => "the --dead-relu rule does not hold",
        }
    }
}

/// Whether `value` is too close to the midpoint between two roundings at `digits` digits.
fn near_midpoint(value: f64, digits: usize) -> bool {
    if value == 0.0 || is_exact_at(value, digits) {
        return false;
    }
    let scale = 10f64.powi(digits as i32 - 1 - value.abs().log10().floor() as i32);
    let scaled = value.abs() * scale;
    (scaled - scaled.floor() - 0.5).abs() < 0.02
}

/// The first flaw of a scenario as an exam question, if any.
pub fn flaw(scenario: &Scenario, rules: &Rules) -> Option<Flaw> {
    let trace = scenario.step_trace();
    if trace.samples.iter().any(|t| !t.overflows().is_empty())
        || !trace.loss.is_finite()
        || !trace.loss_after.is_finite()
    {
        return Some(Flaw::Overflow);
    }
    let mut relus = 0;
    let mut dead = 0;
    for t in &trace.samples {
        for (l, act) in scenario.activations.iter().enumerate() {
            if !matches!(act, Activation::Relu | Activation::LeakyRelu) {
                continue;
            }
            for &z in &t.z[l + 1] {
                if z.abs() < 1e-9 {
                    return Some(Flaw::ReluAtZero);
                }
                relus += 1;
                dead += usize::from(z < 0.0);
            }
        }
        let out = scenario.activations.last().copied();
        if matches!(out, Some(Activation::Sigmoid | Activation::Softmax)) {
            let a = t.a.last().map(Vec::as_slice).unwrap_or(&[]);
            if a.iter().any(|&p| !(0.05..=0.95).contains(&p)) {
                return Some(Flaw::Saturated);
            }
        }
    }
    let rule = match rules.dead_relu {
        DeadRelu::AtLeastOne => dead >= 1,
        DeadRelu::None => dead == 0,
        DeadRelu::Any => true,
    };
    if relus > 0 && !rule {
        return Some(Flaw::DeadReluRule);
    }
    let steps = (0..trace.samples.len()).flat_map(|s| explain(scenario, &trace, s));
    for step in steps {
        if near_midpoint(step.value, 3) || near_midpoint(step.value, 4) {
            return Some(Flaw::AmbiguousRounding);
        }
    }
    None
}

/// The seed of a student's variant, from the name or number they type: the same text (whatever
/// its case and spacing) gives the same seed anywhere. FNV-1a over the folded text, kept to nine
/// digits so a student can read it out.
pub fn student_seed(name: &str) -> u64 {
    let folded: Vec<String> = name
        .split_whitespace()
        .map(|w| w.chars().map(|c| c.to_ascii_lowercase()).collect())
        .collect();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in folded.join(" ").bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h % 1_000_000_000
}

/// The longest name a student may type for a variant.
pub const MAX_STUDENT_CHARS: usize = 100;

/// The title a variant carries: the template's with the seed (within the title limit); its
/// description says where it comes from (the template's may quote its own numbers).
fn label(mut s: Scenario, template_title: &str, seed: u64) -> Scenario {
    let suffix = format!(" (variant {seed})");
    let room = MAX_TITLE_CHARS.saturating_sub(suffix.chars().count());
    let base: String = template_title.chars().take(room).collect();
    s.title = format!("{}{suffix}", base.trim_end());
    s.description =
        format!("Drawn by backprop-viz from seed {seed}: the template's network with new numbers.");
    s
}

/// Why `template` cannot give variants under `rules` at all, found without drawing any.
pub fn refuse_template(template: &Scenario, rules: &Rules) -> Result<(), String> {
    rules.validate()?;
    if template.samples.len() != 1 {
        return Err(format!(
            "an exam variant is a question on one sample, and the template has {}",
            template.samples.len()
        ));
    }
    if rules.dead_relu == DeadRelu::AtLeastOne
        && !template
            .activations
            .iter()
            .any(|a| matches!(a, Activation::Relu | Activation::LeakyRelu))
    {
        return Err("--dead-relu at-least-one: the template has no ReLU layer".into());
    }
    Ok(())
}

/// The variant drawn from `seed`: the first good question among its draws, titled with its seed.
pub fn variant(template: &Scenario, rules: &Rules, seed: u64) -> Result<Scenario, String> {
    refuse_template(template, rules)?;
    let mut rng = Rng::new(seed);
    let mut counts: Vec<(Flaw, usize)> = Vec::new();
    for _ in 0..MAX_DRAWS {
        let candidate = draw_scenario(template, rules, &mut rng);
        match flaw(&candidate, rules) {
            None => return Ok(label(candidate, &template.title, seed)),
            Some(f) => match counts.iter_mut().find(|(g, _)| *g == f) {
                Some((_, n)) => *n += 1,
                None => counts.push((f, 1)),
            },
        }
    }
    let worst = counts
        .iter()
        .max_by_key(|(_, n)| *n)
        .map(|(f, _)| f.describe());
    Err(format!(
        "no good question in {MAX_DRAWS} draws from seed {seed} (most often: {}); widen --weight-range or --input-range, or relax --dead-relu",
        worst.unwrap_or("no draw")
    ))
}

/// One variant and the seed it comes from.
#[derive(Clone, Debug, PartialEq)]
pub struct Variant {
    /// The seed: `--variants 1 --seed SEED` gives this variant again.
    pub seed: u64,
    /// The variant.
    pub scenario: Scenario,
}

/// `count` distinct variants from seeds `seed`, `seed + 1`, … (a seed whose variant repeats an
/// earlier one is skipped).
pub fn variants(
    template: &Scenario,
    rules: &Rules,
    seed: u64,
    count: usize,
) -> Result<Vec<Variant>, String> {
    if count == 0 || count > MAX_VARIANTS {
        return Err(format!(
            "--variants: {count} is out of range; it is 1 to {MAX_VARIANTS}"
        ));
    }
    let mut out: Vec<Variant> = Vec::with_capacity(count);
    let mut next = seed;
    let mut skipped = 0;
    while out.len() < count {
        let scenario = variant(template, rules, next)?;
        let same_numbers = |o: &Scenario| {
            o.weights == scenario.weights
                && o.biases == scenario.biases
                && o.samples == scenario.samples
        };
        if out.iter().any(|v| same_numbers(&v.scenario)) {
            skipped += 1;
            if skipped > 10 * count {
                return Err(format!(
                    "only {} distinct variants found; widen --weight-range or --input-range",
                    out.len()
                ));
            }
        } else {
            out.push(Variant {
                seed: next,
                scenario,
            });
        }
        next = next.wrapping_add(1);
    }
    Ok(out)
}

/// A variant's answer key: every step of the worked solution by the page's name (`z1`, `J`,
/// `∂J/∂w5`, `w5'` for w5 after the update), in the solution's order, with its exact value.
pub fn answers(scenario: &Scenario) -> Vec<(String, f64)> {
    let trace = scenario.step_trace();
    explain(scenario, &trace, 0)
        .iter()
        .map(|step: &Step| {
            let name = step.symbol.to_text(4);
            let name = if step.assigns {
                format!("{name}'")
            } else {
                name
            };
            (name, step.value)
        })
        .collect()
}
