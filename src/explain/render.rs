//! Worked solutions as Markdown and LaTeX documents, and one-line text for a step.

use super::math::Math;
use super::names::Names;
use super::number::{is_exact_at, number_text};
use super::steps::{explain, Phase, Step};
use crate::nn::StepTrace;
use crate::scenario::Scenario;

/// A step as one line of text: `z1 = x1·w1 + x2·w2 + b1[1] = 1·0.5 + 2·(−0.4) + 0.2 = −0.1`.
pub fn step_line(step: &Step, digits: usize) -> String {
    let relation = if step.assigns { "←" } else { "=" };
    let mut parts = vec![step.symbol.to_text(digits), relation.to_string()];
    let formula = step.formula.to_text(digits);
    let substituted = step.substituted.to_text(digits);
    parts.push(formula.clone());
    let value = number_text(step.value, digits);
    if substituted != formula && substituted != value {
        parts.push("=".into());
        parts.push(substituted);
    }
    if value != formula {
        parts.push(equals(step.value, digits).into());
        parts.push(value);
    }
    parts.join(" ")
}

/// A step as a sentence for screen readers: "z2 equals 1 times −0.6 plus 2 times 0.8 minus
/// 0.2, which is 0.8".
pub fn step_sentence(step: &Step, digits: usize) -> String {
    let relation = if step.assigns { "becomes" } else { "equals" };
    let value = number_text(step.value, digits);
    let substituted = step.substituted.to_speech(digits);
    let around = if is_exact_at(step.value, digits) {
        ""
    } else {
        "about "
    };
    if substituted == value {
        format!("{} {relation} {value}", step.symbol.to_speech(digits))
    } else {
        format!(
            "{} {relation} {substituted}, which is {around}{value}",
            step.symbol.to_speech(digits)
        )
    }
}

/// `=` when the shown number is exact, `≈` when it is rounded.
pub fn equals(value: f64, digits: usize) -> &'static str {
    if is_exact_at(value, digits) {
        "="
    } else {
        "≈"
    }
}

/// A factor as one line: `∂a3/∂z3 = a3·(1 − a3) = 0.4013·(1 − 0.4013) ≈ 0.2403`.
pub fn factor_line(factor: &super::steps::Factor, digits: usize) -> String {
    let formula = factor.formula.to_text(digits);
    let substituted = factor.substituted.to_text(digits);
    let value = number_text(factor.value, digits);
    let mut line = format!("{} = {formula}", factor.symbol.to_text(digits));
    if substituted != formula && substituted != value {
        line.push_str(&format!(" = {substituted}"));
    }
    if value != formula {
        line.push_str(&format!(" {} {value}", equals(factor.value, digits)));
    }
    line
}

/// One sentence describing the network, e.g. `2-2-1 network (ReLU, then sigmoid), loss bce, η = 0.01`.
pub fn summary(scenario: &Scenario) -> String {
    let shape: Vec<String> = scenario.layers.iter().map(usize::to_string).collect();
    let acts: Vec<&str> = scenario.activations.iter().map(|a| a.name()).collect();
    format!(
        "{} network, activations {}, loss {}, learning rate η = {}{}{}",
        shape.join("-"),
        acts.join(" → "),
        scenario.loss.name(),
        number_text(scenario.learning_rate, 6),
        optimizer_summary(scenario),
        if scenario.freeze_biases {
            ", biases frozen"
        } else {
            ""
        }
    )
}

/// The optimiser in a summary (nothing for plain SGD): ", Adam (β1 = 0.9, β2 = 0.999,
/// ε = 1×10⁻⁸), step 3".
pub fn optimizer_summary(scenario: &Scenario) -> String {
    let optimizer = scenario.optimizer;
    if optimizer.is_sgd() {
        return String::new();
    }
    let names = crate::explain::Names::new(&scenario.layers);
    let hyper: Vec<String> = optimizer
        .hyper_parameters()
        .into_iter()
        .map(|(field, v)| format!("{} = {}", names.hyper(field).to_text(), number_text(v, 6)))
        .collect();
    let step = scenario
        .optimizer_state
        .as_ref()
        .map_or(0, |s| s.step)
        .saturating_add(1);
    format!(
        ", optimiser {} ({}), its step {step}",
        optimizer.title(),
        hyper.join(", ")
    )
}

fn vector_text(v: &[f64], digits: usize) -> String {
    let items: Vec<String> = v.iter().map(|x| number_text(*x, digits)).collect();
    format!("[{}]", items.join(", "))
}

/// The most steps a worked solution writes out (whole samples; at least one).
pub const MAX_HANDOUT_STEPS: usize = 20_000;

/// Groups consecutive steps by phase.
fn by_phase(steps: &[Step]) -> Vec<(Phase, Vec<&Step>)> {
    let mut groups: Vec<(Phase, Vec<&Step>)> = Vec::new();
    for step in steps {
        match groups.last_mut() {
            Some((phase, list)) if *phase == step.phase() => list.push(step),
            _ => groups.push((step.phase(), vec![step])),
        }
    }
    groups
}

/// The outputs after the update, on every sample.
fn outputs_after(scenario: &Scenario, step: &StepTrace) -> Vec<Vec<f64>> {
    let mut net = scenario.network();
    net.params = step.after.clone();
    scenario
        .samples
        .iter()
        .map(|s| net.forward(&s.x).1.pop().unwrap_or_default())
        .collect()
}

/// The two handout formats: what each writes at each point of the one walk through the
/// worked solution ([`handout`]).
trait Handout {
    /// The title, the description (if any) and the network's summary.
    fn start(&mut self, title: &str, description: &str, summary: &str);
    /// The heading of sample `s` of `n` (only when there are several).
    fn sample(&mut self, s: usize, n: usize);
    /// The sample's inputs and targets.
    fn inputs(&mut self, x: &[f64], y: &[f64], digits: usize);
    /// A phase's heading (its title); `several`: the samples have headings of their own.
    fn phase(&mut self, title: &str, several: bool);
    /// One step: its line, its chain-rule factors and its notes.
    fn step(&mut self, step: &Step, digits: usize);
    /// After a phase's last step.
    fn end_phase(&mut self) {}
    /// A sentence of its own (samples left out of a long solution).
    fn note(&mut self, text: &str);
    /// The heading of what the step gives.
    fn after(&mut self);
    /// Sample `s`'s output after the step; `several`: there are several samples.
    fn output(&mut self, s: usize, several: bool, output: &[f64], digits: usize);
    /// The loss before and after the step.
    fn losses(&mut self, before: f64, after: f64, digits: usize);
}

/// Walks through the worked solution of one SGD step: each sample's forward pass, loss and
/// backward pass (the update once, after the last sample), then the outputs and the loss after
/// the step.
fn handout(scenario: &Scenario, step: &StepTrace, digits: usize, out: &mut impl Handout) {
    out.start(
        &scenario.title,
        &scenario.description,
        &format!("{}.", summary(scenario)),
    );
    let n = step.samples.len();
    // A long solution shows its first samples in full: every sample of a thousand-sample
    // scenario would be hundreds of megabytes of text, and seconds of work in the page.
    let per_sample = crate::explain::scenario_plan(scenario).len().max(1);
    let shown = n.min((MAX_HANDOUT_STEPS / per_sample).max(1));
    for s in 0..shown {
        let sample = &scenario.samples[s];
        if n > 1 {
            out.sample(s, n);
        }
        out.inputs(&sample.x, &sample.y, digits);
        let steps = explain(scenario, step, s);
        for (phase, group) in by_phase(&steps) {
            if phase == Phase::Update && s + 1 < shown {
                continue;
            }
            out.phase(&phase.title_for(scenario.optimizer), n > 1);
            for st in group {
                out.step(st, digits);
            }
            out.end_phase();
        }
    }
    if shown < n {
        out.note(&format!(
            "Samples {} to {n} are left out: a worked solution shows at most {MAX_HANDOUT_STEPS} steps, and each sample has {per_sample}. The update above uses the mean gradient of all {n} samples.",
            shown + 1
        ));
    }
    out.after();
    for (s, output) in outputs_after(scenario, step).iter().enumerate().take(shown) {
        out.output(s, n > 1, output, digits);
    }
    out.losses(step.loss, step.loss_after, digits);
}

/// Text from a scenario (a title, a description) as one Markdown paragraph that renders as the
/// same text: HTML's special characters as entities, Markdown's punctuation escaped (so a title
/// `[x](javascript:…)` or `![](http://…)` stays text, not a link or a remote image), and line
/// breaks and control characters as spaces (a blank line would start a block of its own).
pub fn markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '(' | ')' | '!' | '#' | '|' | '~' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    // A paragraph that starts like a list item would be one; four spaces would make it code.
    let mut out = out.trim_start().to_string();
    if out.starts_with(['-', '+', '=']) {
        out.insert(0, '\\');
    } else if let Some(at) = out.find('.') {
        if at > 0 && out.bytes().take(at).all(|b| b.is_ascii_digit()) {
            out.insert(at, '\\');
        }
    }
    out
}

/// Markdown: headings, a list item per step with its factors numbered under it.
struct Markdown(String);

impl Handout for Markdown {
    fn start(&mut self, title: &str, description: &str, summary: &str) {
        // Text from the scenario is escaped: a handout renderer must not take it for HTML.
        self.0.push_str(&format!("# {}\n\n", markdown_text(title)));
        if !description.is_empty() {
            self.0
                .push_str(&format!("{}\n\n", markdown_text(description)));
        }
        self.0.push_str(&format!("{summary}\n\n"));
    }

    fn sample(&mut self, s: usize, n: usize) {
        self.0.push_str(&format!("## Sample {} of {n}\n\n", s + 1));
    }

    fn inputs(&mut self, x: &[f64], y: &[f64], digits: usize) {
        self.0.push_str(&format!(
            "Inputs x = {}, target y = {}.\n\n",
            vector_text(x, digits),
            vector_text(y, digits)
        ));
    }

    fn phase(&mut self, title: &str, several: bool) {
        let level = if several { "###" } else { "##" };
        self.0.push_str(&format!("{level} {title}\n\n"));
    }

    fn step(&mut self, st: &Step, digits: usize) {
        let out = &mut self.0;
        out.push_str(&format!("- {}\n", step_line(st, digits)));
        for (k, f) in st.factors.iter().enumerate() {
            out.push_str(&format!("  {}. {}\n", k + 1, factor_line(f, digits)));
        }
        for note in &st.notes {
            out.push_str(&format!("  - *{note}*\n"));
        }
    }

    fn end_phase(&mut self) {
        // A blank line ends the phase's list.
        self.0.push('\n');
    }

    fn note(&mut self, text: &str) {
        self.0.push_str(&format!("*{}*\n\n", markdown_text(text)));
    }

    fn after(&mut self) {
        self.0.push_str("## After the step\n\n");
    }

    fn output(&mut self, s: usize, several: bool, output: &[f64], digits: usize) {
        let label = if several {
            format!("Sample {}: output", s + 1)
        } else {
            "Output".to_string()
        };
        self.0
            .push_str(&format!("- {label} {}\n", vector_text(output, digits)));
    }

    fn losses(&mut self, before: f64, after: f64, digits: usize) {
        self.0.push_str(&format!(
            "- Loss before the step J = {}, after it J = {}\n",
            number_text(before, digits),
            number_text(after, digits)
        ));
    }
}

/// The worked solution of one SGD step as Markdown.
pub fn markdown(scenario: &Scenario, step: &StepTrace, digits: usize) -> String {
    let mut out = Markdown(String::new());
    handout(scenario, step, digits, &mut out);
    out.0
}

/// Turns the Unicode of a note or a title into LaTeX text mode that `pdflatex` reads: Greek
/// letters and mathematical signs as math, superscript numbers (`10³⁰⁸`) as one superscript,
/// LaTeX's special characters escaped. Other characters pass through (Latin letters with accents
/// and typographic quotes are what LaTeX's UTF-8 input reads).
pub(crate) fn latex_text(text: &str) -> String {
    let mut out = String::new();
    let mut superscript = String::new();
    for c in text.chars() {
        let raised = match c {
            '⁰' => Some('0'),
            '¹' => Some('1'),
            '²' => Some('2'),
            '³' => Some('3'),
            '⁴' => Some('4'),
            '⁵' => Some('5'),
            '⁶' => Some('6'),
            '⁷' => Some('7'),
            '⁸' => Some('8'),
            '⁹' => Some('9'),
            '⁻' => Some('-'),
            _ => None,
        };
        if let Some(r) = raised {
            superscript.push(r);
            continue;
        }
        if !superscript.is_empty() {
            out.push_str(&format!("$^{{{superscript}}}$"));
            superscript.clear();
        }
        let math = match c {
            'α' => "\\alpha",
            'β' => "\\beta",
            'γ' => "\\gamma",
            'δ' => "\\delta",
            'ε' => "\\epsilon",
            'η' => "\\eta",
            'λ' => "\\lambda",
            'μ' => "\\mu",
            'σ' => "\\sigma",
            'Σ' => "\\Sigma",
            '∂' => "\\partial",
            '≤' => "\\le",
            '≥' => "\\ge",
            '≠' => "\\ne",
            '·' => "\\cdot",
            '×' => "\\times",
            '±' => "\\pm",
            '→' => "\\to",
            '←' => "\\leftarrow",
            'ŷ' => "\\hat{y}",
            '≈' => "\\approx",
            '∞' => "\\infty",
            '√' => "\\surd",
            _ => "",
        };
        if !math.is_empty() {
            out.push_str(&format!("${math}$"));
            continue;
        }
        match c {
            '−' => out.push('-'),
            '′' => out.push('\''),
            '_' | '%' | '&' | '#' | '$' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            '\\' => out.push_str("\\textbackslash{}"),
            // A blank line would end a paragraph (inside a heading, an error); control characters
            // are not text.
            c if c.is_control() => out.push(' '),
            '^' => out.push_str("\\^{}"),
            '~' => out.push_str("\\~{}"),
            other => out.push(other),
        }
    }
    if !superscript.is_empty() {
        out.push_str(&format!("$^{{{superscript}}}$"));
    }
    out
}

/// A worked solution's LaTeX (one or more [`latex`] fragments) as a complete document that
/// `pdflatex` compiles as it is.
pub fn latex_standalone(body: &str) -> String {
    format!(
        "\\documentclass[11pt]{{article}}\n\\usepackage[T1]{{fontenc}}\n\\usepackage{{amsmath}}\n\\usepackage[a4paper,margin=2.2cm]{{geometry}}\n\\begin{{document}}\n{}\n\\end{{document}}\n",
        body.trim_end()
    )
}

fn latex_step(step: &Step, digits: usize) -> String {
    let value = Math::num(step.value);
    let parts = step_parts(step, &value, digits);
    latex_chain(&step.symbol, &parts, digits, LATEX_EM)
}

/// LaTeX: starred sections, an `align*` per step (long chains on rows), its factors as an
/// enumerated list.
struct Latex(String);

impl Handout for Latex {
    fn start(&mut self, title: &str, description: &str, summary: &str) {
        let out = &mut self.0;
        out.push_str("% Worked solution generated by backprop-viz. Needs \\usepackage{amsmath}.\n");
        out.push_str(&format!("\\section*{{{}}}\n", latex_text(title)));
        if !description.is_empty() {
            out.push_str(&format!("{}\n\n", latex_text(description)));
        }
        out.push_str(&format!("{}\n\n", latex_text(summary)));
    }

    fn sample(&mut self, s: usize, n: usize) {
        self.0
            .push_str(&format!("\\subsection*{{Sample {} of {n}}}\n", s + 1));
    }

    fn inputs(&mut self, x: &[f64], y: &[f64], digits: usize) {
        self.0.push_str(&format!(
            "Inputs $x = {}$, target $y = {}$.\n\n",
            latex_vector(x, digits),
            latex_vector(y, digits)
        ));
    }

    fn phase(&mut self, title: &str, _several: bool) {
        self.0
            .push_str(&format!("\\subsubsection*{{{}}}\n", latex_text(title)));
    }

    fn step(&mut self, st: &Step, digits: usize) {
        let out = &mut self.0;
        out.push_str(&format!(
            "\\begin{{align*}}\n{}\n\\end{{align*}}\n",
            latex_step(st, digits)
        ));
        if !st.factors.is_empty() {
            out.push_str("\\begin{enumerate}\n");
            for f in &st.factors {
                let value = Math::num(f.value);
                let parts = chain_parts("=", &f.formula, &f.substituted, &value, f.value, digits);
                // A list item is a little narrower than the page.
                let chain = latex_chain(&f.symbol, &parts, digits, LATEX_EM - 3.0);
                // Byte by byte rather than by a `&str` pattern, whose searcher (and its
                // panic's escaping of characters, 6 KB) the tools' part would fetch.
                let pairs = || chain.as_bytes().windows(2);
                let body = if pairs().any(|w| w == b"\\\\") {
                    format!("\\begin{{aligned}}[t]\n{chain}\n\\end{{aligned}}")
                } else {
                    // One line: its first alignment mark goes.
                    let mark = pairs().position(|w| w == b" &");
                    match mark.and_then(|at| chain.split_at_checked(at + 1)) {
                        Some((head, tail)) => {
                            format!("{head}{}", tail.strip_prefix('&').unwrap_or(tail))
                        }
                        None => chain,
                    }
                };
                out.push_str(&format!("  \\item $\\displaystyle {body}$\n"));
            }
            out.push_str("\\end{enumerate}\n");
        }
        for note in &st.notes {
            out.push_str(&format!("\\emph{{{}}}\n\n", latex_text(note)));
        }
    }

    fn note(&mut self, text: &str) {
        self.0
            .push_str(&format!("\\emph{{{}}}\n\n", latex_text(text)));
    }

    fn after(&mut self) {
        self.0.push_str("\\subsubsection*{After the step}\n");
    }

    fn output(&mut self, s: usize, _several: bool, output: &[f64], digits: usize) {
        self.0.push_str(&format!(
            "Sample {}: output ${}$.\n\n",
            s + 1,
            latex_vector(output, digits)
        ));
    }

    fn losses(&mut self, before: f64, after: f64, digits: usize) {
        self.0.push_str(&format!(
            "Loss before the step $J = {}$, after it $J = {}$.\n",
            Math::num(before).to_latex(digits),
            Math::num(after).to_latex(digits)
        ));
    }
}

/// The worked solution of one SGD step as a LaTeX fragment (needs `amsmath`).
pub fn latex(scenario: &Scenario, step: &StepTrace, digits: usize) -> String {
    let mut out = Latex(String::new());
    handout(scenario, step, digits, &mut out);
    out.0
}

fn latex_vector(v: &[f64], digits: usize) -> String {
    let items: Vec<String> = v.iter().map(|x| Math::num(*x).to_latex(digits)).collect();
    format!("\\left[{}\\right]", items.join(",\\ "))
}

/// The names used for a scenario (for front ends that label the network).
pub fn names_for(scenario: &Scenario) -> Names {
    Names::new(&scenario.layers)
}

/// How wide (in ems, see [`Math::width_em`]) a formula in the explanation panel beside the
/// network may be before its chain of equalities is set on rows; the page passes the width it
/// measures instead (a phone's or a narrow embed's panel is narrower).
pub const PANEL_EM: f64 = 19.0;

/// The width of a relation (`=`, `≈`, `←`) with its spacing, in ems.
const RELATION_EM: f64 = 1.33;

/// `lhs rel₁ part₁ rel₂ part₂ …` as MathML: on one row when it fits in `limit` ems (or has a
/// single relation), else as a table with the left side on the first row and each relation
/// starting a row of its own, aligned.
fn chain_mathml(
    lhs: &Math,
    parts: &[(&str, &Math)],
    digits: usize,
    display: bool,
    limit: f64,
) -> String {
    let width = chain_width(lhs, parts, digits, display);
    let lhs = lhs.to_mathml(digits);
    if width <= limit || parts.len() < 2 {
        let mut row = lhs;
        for (relation, part) in parts {
            row.push_str(&format!("<mo>{relation}</mo>{}", part.to_mathml(digits)));
        }
        return format!("<mrow>{row}</mrow>");
    }
    // Chromium aligns the columns by the page's style sheet; `columnalign` does it in browsers
    // that read MathML 3's attributes.
    let mut table = String::from("<mtable columnalign=\"right left\">");
    for (k, (relation, part)) in parts.iter().enumerate() {
        let left = if k == 0 { lhs.as_str() } else { "" };
        table.push_str(&format!(
            "<mtr><mtd>{left}</mtd><mtd><mo>{relation}</mo>{}</mtd></mtr>",
            part.to_mathml(digits)
        ));
    }
    table.push_str("</mtable>");
    table
}

/// How wide `lhs rel₁ part₁ rel₂ part₂ …` is, in ems (see [`Math::width_em`]).
fn chain_width(lhs: &Math, parts: &[(&str, &Math)], digits: usize, display: bool) -> f64 {
    lhs.width_em(digits, display)
        + parts
            .iter()
            .map(|(_, part)| RELATION_EM + part.width_em(digits, display))
            .sum::<f64>()
}

/// How wide (in ems) a displayed formula of the LaTeX worked solution may be before its chain
/// of equalities is broken into `align*` rows: an article's text is about 34 ems of its font.
pub const LATEX_EM: f64 = 32.0;

/// `lhs &rel₁ part₁ rel₂ part₂ …` as an `align*` row; one wider than `limit` ems goes on
/// rows, each relation after the first starting a row of its own, aligned on the first.
fn latex_chain(lhs: &Math, parts: &[(&str, &Math)], digits: usize, limit: f64) -> String {
    let relation = |r: &str| match r {
        "←" => "\\leftarrow".to_string(),
        "≈" => "\\approx".to_string(),
        other => other.to_string(),
    };
    let broken = chain_width(lhs, parts, digits, true) > limit;
    let mut out = lhs.to_latex(digits);
    for (k, (r, part)) in parts.iter().enumerate() {
        let start = match (k, broken) {
            (0, _) => " &",
            (_, true) => " \\\\\n&",
            (_, false) => " ",
        };
        out.push_str(&format!("{start}{} {}", relation(r), part.to_latex(digits)));
    }
    out
}

/// The relations after a formula's left side: the formula, then (when they say something
/// new) the numbers substituted and the value (`value` is `x` as a formula).
fn chain_parts<'a>(
    first: &'a str,
    formula: &'a Math,
    substituted: &'a Math,
    value: &'a Math,
    x: f64,
    digits: usize,
) -> Vec<(&'a str, &'a Math)> {
    let formula_text = formula.to_text(digits);
    let substituted_text = substituted.to_text(digits);
    let value_text = value.to_text(digits);
    let mut parts = vec![(first, formula)];
    if substituted_text != formula_text && substituted_text != value_text {
        parts.push(("=", substituted));
    }
    if value_text != formula_text {
        parts.push((equals(x, digits), value));
    }
    parts
}

/// A step's relations after its symbol (`←` for an update, else `=`); `value` is its value as
/// a formula.
fn step_parts<'a>(step: &'a Step, value: &'a Math, digits: usize) -> Vec<(&'a str, &'a Math)> {
    let relation = if step.assigns { "←" } else { "=" };
    chain_parts(
        relation,
        &step.formula,
        &step.substituted,
        value,
        step.value,
        digits,
    )
}

/// A step as MathML (`<math display="block">…</math>`), the page's form of [`step_line`]; one
/// wider than [`PANEL_EM`] is set on rows.
pub fn step_mathml(step: &Step, digits: usize) -> String {
    step_mathml_within(step, digits, PANEL_EM)
}

/// [`step_mathml`] for a panel `limit` ems wide.
pub fn step_mathml_within(step: &Step, digits: usize, limit: f64) -> String {
    let value = Math::num(step.value);
    let parts = step_parts(step, &value, digits);
    format!(
        "<math display=\"block\">{}</math>",
        chain_mathml(&step.symbol, &parts, digits, true, limit)
    )
}

/// A chain-rule factor as MathML; one wider than [`PANEL_EM`] is set on rows.
pub fn factor_mathml(factor: &super::steps::Factor, digits: usize) -> String {
    factor_mathml_within(factor, digits, PANEL_EM)
}

/// [`factor_mathml`] for a list item `limit` ems wide.
pub fn factor_mathml_within(factor: &super::steps::Factor, digits: usize, limit: f64) -> String {
    let value = Math::num(factor.value);
    let parts = chain_parts(
        "=",
        &factor.formula,
        &factor.substituted,
        &value,
        factor.value,
        digits,
    );
    // Inline, but set in display style by the page's style sheet (its fractions at the text's
    // size), so measured as a displayed formula.
    format!(
        "<math>{}</math>",
        chain_mathml(&factor.symbol, &parts, digits, true, limit)
    )
}
