//! The view model: what the page shows, as data, computed from a [`Session`]. The shell writes
//! these into the DOM (through its write cache) and paints the scene; it decides nothing.

use super::Session;
use crate::decimal::Shortest;
use crate::explain::number::number_text;
use crate::explain::{step_line, Place, StepKind};
use crate::scenario::Scenario;
use crate::scene::{add_marks, build_scene_with, PlacementLog, Scene, Theme, ThemeName, View};
use crate::share::{Control, Panel};

/// The play button's label while playing (also the training button's): two heavy bars
/// (U+275A, in common fonts such as DejaVu; the media symbol U+23F8 is missing from many Linux
/// systems and showed as a box).
pub const PAUSE: &str = "❚❚ Pause";

/// The legend of the drawing: what colour, dash and thickness mean, as markup (its swatches are
/// styled by the widget's style sheet, in both themes). A `<details>`: the reader can fold it.
pub const LEGEND: &str = concat!(
    "<summary>What the drawing shows</summary><ul>",
    "<li><span class=\"bpv-key bpv-key-positive\"></span>positive weight (solid)</li>",
    "<li><span class=\"bpv-key bpv-key-negative\"></span>negative weight (dashed)</li>",
    "<li><span class=\"bpv-key bpv-key-thick\"></span>thicker: larger |w|</li>",
    "<li><span class=\"bpv-key-dot bpv-key-dead\"></span>inactive ReLU (z ≤ 0): grey, dashed</li>",
    "<li><span class=\"bpv-key-text bpv-key-gradient\">∂J/∂w, δ</span>gradients</li>",
    "<li><span class=\"bpv-key-text\">w = old → new</span>the update</li>",
    "<li><span class=\"bpv-key-text bpv-key-warning\">overflow</span>too large for f64</li>",
    "</ul>"
);

/// The timeline and history controls' labels and states.
#[derive(Clone, Debug, PartialEq)]
pub struct Controls {
    /// The play button's label.
    pub play_label: &'static str,
    /// Whether the animation plays (the play button's `aria-pressed`).
    pub playing: bool,
    /// Where the timeline is, in words ("Step 3 of 17 · forward pass").
    pub position_text: String,
    /// The timeline's position (its `data-position`).
    pub position: f64,
    /// Whether Undo would do something.
    pub can_undo: bool,
    /// Whether Redo would do something.
    pub can_redo: bool,
    /// The theme button's label (the theme it switches to).
    pub theme_label: &'static str,
    /// The theme shown, as the root's `data-theme`.
    pub theme: &'static str,
    /// Significant digits shown (the Show menu's value).
    pub digits: usize,
    /// The optimiser's name (the Optimiser menu's value).
    pub optimizer: &'static str,
    /// The step button's label, "Apply Adam step".
    pub apply_label: String,
    /// The preset shown unchanged, if it is one (the scenario menu's value).
    pub preset: Option<String>,
    /// What the scenario menu says when it is not an unchanged preset: "Exam question 4 …
    /// (edited)", or an imported scenario's title.
    pub scenario_label: String,
}

/// Which parts of the widget show: the panels a link or embed asks for, less what a quiz or a
/// read-only widget leaves out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layout {
    /// The network's canvas.
    pub canvas: bool,
    /// The timeline toolbar.
    pub controls: bool,
    /// The explanation panels beside the canvas.
    pub explain: bool,
    /// The sliders and number boxes.
    pub editors: bool,
    /// The table of every value.
    pub table: bool,
    /// The quiz panel.
    pub quiz: bool,
    /// The selection's panel.
    pub detail: bool,
    /// The row of options (mode switch, menus, digits, theme).
    pub options: bool,
    /// The mode switch (one sample / data set).
    pub mode_switch: bool,
    /// The digits menu and the theme button.
    pub display_options: bool,
    /// The export buttons, import and the text box.
    pub exports: bool,
    /// Apply step, undo, redo, reset and import.
    pub editing: bool,
    /// The scenario menu (not in a quiz, a read-only widget or data-set mode, whose network
    /// view shows a point of the data).
    pub scenario_menu: bool,
    /// The sample menu (one-sample mode only: in data-set mode the plot picks the point).
    pub sample_menu: bool,
    /// Play, step, back and replay (a quiz moves by answers instead).
    pub timeline: bool,
    /// The speed menu and the position ("Step 3 of 28"), in a quiz too.
    pub timeline_info: bool,
    /// "Quiz me" (not in data-set mode, which has no quiz).
    pub quiz_toggle: bool,
    /// "Reset" (not in data-set mode, which has its own "Reset weights").
    pub reset: bool,
    /// The exports that give a quiz's answers away: the worked solution and the scenario file.
    pub answer_exports: bool,
    /// The check of a worked answer (it says the right values, so not during a quiz; and not in
    /// data-set mode, whose network view follows the training).
    pub answer_check: bool,
    /// A per-student link's prompt for a name (everything else waits for it).
    pub student: bool,
    /// The button that copies a per-student quiz link (a one-sample scenario, where the
    /// answer check shows).
    pub student_link: bool,
    /// The authoring panel: the network's shape, samples, texts (one-sample mode, editing).
    pub author: bool,
    /// The share dialog's button (not in a quiz or a read-only widget).
    pub embed_button: bool,
    /// The share dialog, while it is open.
    pub embed: bool,
    /// The explanation goes under the canvas, not beside it.
    pub single_column: bool,
}

impl Layout {
    /// Each part of the widget by its class, and whether it shows (a menu goes with its
    /// label: the shell hides the label around a menu of that class).
    pub fn shown(&self) -> [(&'static str, bool); 37] {
        [
            ("bpv-stage", self.canvas),
            ("bpv-controls", self.controls),
            ("bpv-side", self.explain),
            ("bpv-edit", self.editors),
            ("bpv-table-box", self.table),
            ("bpv-quiz", self.quiz),
            ("bpv-detail", self.detail),
            ("bpv-share", self.exports),
            ("bpv-io", self.exports),
            ("bpv-options", self.options),
            ("bpv-apply", self.editing),
            ("bpv-optimizer", self.editing),
            ("bpv-undo", self.editing),
            ("bpv-redo", self.editing),
            ("bpv-reset", self.reset),
            ("bpv-import", self.editing),
            ("bpv-preset", self.scenario_menu),
            ("bpv-sample", self.sample_menu),
            ("bpv-digits", self.display_options),
            ("bpv-theme", self.display_options),
            ("bpv-mode", self.mode_switch),
            ("bpv-play", self.timeline),
            ("bpv-forward", self.timeline),
            ("bpv-back", self.timeline),
            ("bpv-replay", self.timeline),
            ("bpv-speed", self.timeline_info),
            ("bpv-position", self.timeline_info),
            ("bpv-quiz-toggle", self.quiz_toggle),
            ("bpv-export-markdown", self.answer_exports),
            ("bpv-export-latex", self.answer_exports),
            ("bpv-export-json", self.answer_exports),
            ("bpv-check", self.answer_check),
            ("bpv-student", self.student),
            ("bpv-export-student", self.student_link),
            ("bpv-author", self.author),
            ("bpv-embed-toggle", self.embed_button),
            ("bpv-embed", self.embed),
        ]
    }
}

/// One row of the table of every value.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TableRow {
    /// The step's number, from 1.
    pub number: String,
    /// Its phase, in words.
    pub phase: String,
    /// What it computes (`z1`).
    pub symbol: String,
    /// Its formula with the numbers and the result.
    pub line: String,
    /// Its value, rounded to the digits shown.
    pub value: String,
    /// Its value in full (the cell's `data-value`).
    pub exact: String,
    /// Whether the timeline has passed it (`done`) or not (`pending`).
    pub state: &'static str,
}

/// The quiz panel.
#[derive(Clone, Debug, PartialEq)]
pub struct QuizPanel {
    /// Its heading, with the score.
    pub head: String,
    /// The question ("What is z1?"), or "All done."
    pub question: String,
    /// The question's formula as MathML (empty when the quiz is over).
    pub formula: String,
    /// The answer box's accessible name; `None` when the quiz is over (the box, Check and
    /// Show me are disabled).
    pub answer_label: Option<String>,
    /// What the quiz last said.
    pub feedback: String,
    /// The mistakes the last wrong answer was diagnosed as (the feedback's `data-diagnosis`).
    pub diagnosis: String,
}

/// The full-precision text of a number (what the number boxes and `data-value` carry).
pub fn exact(x: f64) -> String {
    if x.is_finite() {
        Shortest(x).to_string()
    } else {
        number_text(x, 17)
    }
}

/// A file name from the scenario's title: `exam-question-4-a-2-2-1-network.json`.
pub fn file_stem(scenario: &Scenario) -> String {
    let mut stem = String::new();
    // ASCII only (the stem keeps only ASCII letters and digits anyway): Unicode's case tables
    // would add 25 KB to the page.
    for c in scenario.title.chars() {
        if c.is_ascii_alphanumeric() {
            stem.push(c.to_ascii_lowercase());
        } else if !stem.ends_with('-') && !stem.is_empty() {
            stem.push('-');
        }
        if stem.len() >= 48 {
            break;
        }
    }
    let stem = stem.trim_end_matches('-').to_string();
    if stem.is_empty() {
        "backprop-viz".into()
    } else {
        stem
    }
}

impl Session {
    /// Which parts of the widget show.
    pub fn layout(&self) -> Layout {
        let shown = |panel: Panel| self.view.panels.contains(&panel);
        let has = |group: Control| self.view.controls.contains(&group);
        let quiz = self.quiz.is_some();
        let editing = !self.view.readonly && !quiz;
        let tools = shown(Panel::Controls);
        let data = self.data_mode_shown();
        let answer_exports = self
            .quiz
            .as_ref()
            .is_none_or(|q| q.exports || self.question().is_none());
        let layout = Layout {
            canvas: shown(Panel::Canvas),
            controls: shown(Panel::Controls)
                && [Control::Timeline, Control::History, Control::Quiz]
                    .into_iter()
                    .any(has),
            explain: shown(Panel::Explain),
            editors: shown(Panel::Editors) && editing,
            table: shown(Panel::Table) && !quiz,
            quiz,
            detail: !quiz,
            options: tools && (has(Control::Options) || has(Control::Mode)),
            mode_switch: has(Control::Mode),
            display_options: has(Control::Options),
            exports: tools && has(Control::Exports),
            editing: editing && has(Control::History),
            scenario_menu: editing && !data && has(Control::Options),
            sample_menu: !data && has(Control::Options),
            timeline: !quiz && has(Control::Timeline),
            timeline_info: has(Control::Timeline),
            quiz_toggle: !data && has(Control::Quiz),
            reset: editing && !data && has(Control::History),
            answer_exports,
            answer_check: tools && has(Control::Exports) && answer_exports && !data,
            student: false,
            student_link: tools
                && has(Control::Exports)
                && answer_exports
                && !data
                && self.scenario().samples.len() == 1,
            author: shown(Panel::Editors) && editing && !data,
            embed_button: tools && has(Control::Exports) && editing,
            embed: tools && has(Control::Exports) && editing && self.share.open,
            single_column: !shown(Panel::Explain) || !shown(Panel::Canvas),
        };
        if self.student_prompt().is_none() {
            return layout;
        }
        // Nothing of the template shows before the student's own numbers do.
        Layout {
            canvas: false,
            controls: false,
            explain: false,
            editors: false,
            table: false,
            quiz: false,
            detail: false,
            options: false,
            exports: false,
            answer_check: false,
            student: true,
            student_link: false,
            author: false,
            embed_button: false,
            embed: false,
            single_column: true,
            ..layout
        }
    }

    /// The timeline and history controls.
    pub fn controls(&self) -> Controls {
        let playing = self.timeline.is_playing();
        let n = self.timeline.len();
        let position_text = match self.timeline.current() {
            Some(i) => {
                let optimizer = self.scenario().optimizer;
                let phase = self
                    .plan()
                    .get(i)
                    .map_or(String::new(), |(kind, _)| kind.phase().label_for(optimizer));
                format!("Step {} of {n} · {phase}", i + 1)
            }
            None => format!("Step 0 of {n} · ready"),
        };
        let dark = self.view.theme == ThemeName::Dark;
        Controls {
            play_label: if playing { PAUSE } else { "▶ Play" },
            playing,
            position_text,
            position: self.timeline.position(),
            can_undo: self.history().can_undo(),
            can_redo: self.history().can_redo(),
            theme_label: if dark { "Light theme" } else { "Dark theme" },
            theme: if dark { "dark" } else { "light" },
            digits: self.view.digits,
            optimizer: self.scenario().optimizer.name(),
            apply_label: format!("Apply {} step", self.scenario().optimizer.title()),
            preset: self.preset().filter(|_| !self.edited()).map(str::to_string),
            scenario_label: if self.preset().is_some() && self.edited() {
                format!("{} (edited)", self.scenario().title)
            } else {
                self.scenario().title.clone()
            },
        }
    }

    /// Every row of the table, in timeline order.
    pub fn table_rows(&self) -> Vec<TableRow> {
        let digits = self.view.digits;
        self.steps()
            .iter()
            .enumerate()
            .map(|(i, step)| TableRow {
                number: (i + 1).to_string(),
                phase: step.phase().label_for(self.scenario().optimizer),
                symbol: step.symbol.to_text(digits),
                line: step_line(step, digits),
                value: number_text(step.value, digits),
                exact: exact(step.value),
                state: if i < self.timeline.len() && self.timeline.progress(i) < 1.0 {
                    "pending"
                } else {
                    "done"
                },
            })
            .collect()
    }

    /// The quiz panel, when a quiz runs.
    pub fn quiz_panel(&self) -> Option<QuizPanel> {
        let quiz = self.quiz.as_ref()?;
        let digits = self.view.digits;
        let head = format!(
            "Quiz · {} of {} right at the first try",
            quiz.score, quiz.done
        );
        let (question, formula, answer_label) = match self.question().and_then(|i| self.step_at(i))
        {
            Some(step) => {
                let symbol = step.symbol.to_text(digits);
                let formula = format!(
                    "<math display=\"block\"><mrow>{}<mo>{}</mo>{}</mrow></math>",
                    step.symbol.to_mathml(digits),
                    if step.assigns { "←" } else { "=" },
                    step.formula.to_mathml(digits)
                );
                (
                    format!("What is {symbol}?"),
                    formula,
                    Some(format!("Your value of {symbol}")),
                )
            }
            None => ("All done.".to_string(), String::new(), None),
        };
        Some(QuizPanel {
            head,
            question,
            formula,
            answer_label,
            feedback: quiz.feedback.clone(),
            diagnosis: quiz.diagnosis.clone(),
        })
    }

    /// The values the picture had no room to label (its `hidden_labels`), written out for the
    /// list beside the canvas, so that every number a step uses can be read at any size: a
    /// weight with its value, its gradient once the backward pass reached it and its update
    /// once applied; a neuron with the z and a computed so far; a bias with its value.
    pub fn unlabelled(&self, hidden: &[crate::scene::Target]) -> Vec<String> {
        let digits = self.view.digits;
        let names = crate::explain::Names::new(&self.scenario().layers);
        let trace = self.trace();
        let sample = &trace.samples[self.sample()];
        let done = |kind: StepKind, place: Place| {
            self.plan()
                .iter()
                .position(|p| *p == (kind, place))
                .is_some_and(|i| self.timeline.progress(i) >= 1.0)
        };
        let n = |x: f64| number_text(x, digits);
        let mut seen = Vec::new();
        hidden
            .iter()
            .filter(|target| {
                // A neuron's values and its δ are two labels, one entry.
                let new = !seen.contains(*target);
                seen.push(**target);
                new
            })
            .filter_map(|&target| match target {
                Place::Weight { layer, from, to } => {
                    let name = names.w(layer, from, to).to_text();
                    let mut text = format!("{name} = {}", n(trace.before.weights[layer][from][to]));
                    if done(StepKind::WeightUpdate, target) {
                        text.push_str(&format!(" → {}", n(trace.after.weights[layer][from][to])));
                    }
                    if done(StepKind::WeightGrad, target) {
                        text.push_str(&format!(
                            " (∂J/∂{name} = {})",
                            n(sample.weight_grads[layer][from][to])
                        ));
                    }
                    Some(text)
                }
                Place::Neuron { layer, index } if layer > 0 => {
                    let mut parts: Vec<String> = [
                        (
                            StepKind::PreActivation,
                            names.z(layer, index),
                            sample.z[layer][index],
                        ),
                        (
                            StepKind::Activation,
                            names.a(layer, index),
                            sample.a[layer][index],
                        ),
                        (
                            StepKind::Delta,
                            names.delta(layer, index),
                            sample.delta[layer][index],
                        ),
                    ]
                    .into_iter()
                    .filter(|(kind, ..)| done(*kind, target))
                    .map(|(_, symbol, value)| format!("{} = {}", symbol.to_text(), n(value)))
                    .collect();
                    parts.push(format!(
                        "{} = {}",
                        names.b(layer - 1, index).to_text(),
                        n(trace.before.biases[layer - 1][index])
                    ));
                    Some(parts.join(", "))
                }
                Place::Neuron { index, .. } => Some(format!(
                    "{} = {}",
                    names.x(index).to_text(),
                    n(sample.a[0][index])
                )),
                Place::Bias { layer, index } => Some(format!(
                    "{} = {}",
                    names.b(layer, index).to_text(),
                    n(trace.before.biases[layer][index])
                )),
                Place::Loss => None,
            })
            .collect()
    }

    /// The network's picture at `width` × `height` CSS pixels. `describe`: with each target's
    /// description (for the focus stand-ins); `numbers`: with the numbers beside neurons and
    /// edges; `thumbnails`: room for each neuron's map (data-set mode). `placements` carries
    /// the label placements from one scene to the next, so labels do not jump.
    pub fn scene(
        &self,
        size: (f64, f64),
        describe: bool,
        numbers: bool,
        thumbnails: bool,
        placements: &mut PlacementLog,
    ) -> Scene {
        let view = View {
            scenario: self.scenario(),
            step: self.trace(),
            sample: self.sample(),
            plan: self.plan(),
            timeline: &self.timeline,
            theme: self.view.theme,
            width: size.0,
            height: size.1,
            digits: self.view.digits,
            motion: self.view.motion,
            selected: self.selected,
            hovered: self.hovered,
            focused: self.focused,
            describe,
            thumbnails,
            numbers,
        };
        let mut scene = build_scene_with(&view, placements);
        let marks = self.answer_marks();
        if !marks.is_empty() {
            add_marks(&mut scene, &marks, &Theme::named(self.view.theme));
        }
        scene
    }
}
