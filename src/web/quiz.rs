//! Quiz mode in the widget: the timeline stops before each asked step, hides its value, and
//! checks the student's answer, naming the mistake when it recognises one.

use super::app::App;
use super::dom::set_text;
use crate::edit::parse_number;
use crate::explain::number::number_text;
use crate::explain::{step_line, Phase};
use crate::quiz::{check, Verdict};

/// The state of a quiz in progress.
#[derive(Clone, Debug, PartialEq)]
pub struct QuizState {
    /// The phases asked about.
    pub ask: Vec<Phase>,
    /// Digits answers are checked to (`None`: the digits shown).
    pub tolerance: Option<usize>,
    /// Questions answered right at the first try.
    pub score: u32,
    /// Questions finished (answered right, or shown).
    pub done: u32,
    /// Wrong tries on the current question.
    pub tries: u32,
    /// What the quiz last said.
    pub feedback: String,
}

impl App {
    /// Starts (or restarts) a quiz from the beginning of the timeline.
    pub fn start_quiz(&mut self, ask: Vec<Phase>, tolerance: Option<usize>) {
        self.ensure_trace();
        self.quiz = Some(QuizState {
            ask,
            tolerance,
            score: 0,
            done: 0,
            tries: 0,
            feedback: String::new(),
        });
        self.selected = None;
        self.timeline.seek(0.0);
        self.advance_quiz();
        self.dirty.structure = true;
        self.refresh();
        // Straight to the answer box, so that the whole quiz works from the keyboard.
        self.apply_panels();
        let _ = self.dom.quiz_answer.focus();
    }

    /// Leaves quiz mode, showing every value.
    pub fn stop_quiz(&mut self) {
        self.quiz = None;
        self.timeline.seek(self.timeline.len() as f64);
        self.dirty.structure = true;
        self.refresh();
    }

    /// Moves past the steps the quiz does not ask about, to the next question.
    fn advance_quiz(&mut self) {
        let Some(quiz) = &self.quiz else { return };
        let mut pos = self.timeline.position().ceil() as usize;
        while pos < self.plan.len() && !quiz.ask.contains(&self.plan[pos].0.phase()) {
            pos += 1;
        }
        self.timeline.seek(pos as f64);
    }

    /// The timeline index of the question being asked, if any.
    pub fn question(&self) -> Option<usize> {
        self.quiz.as_ref()?;
        let pos = self.timeline.position() as usize;
        (pos < self.plan.len()).then_some(pos)
    }

    /// Checks a typed answer to the current question.
    pub fn answer(&mut self, text: &str) {
        self.ensure_trace();
        let Some(i) = self.question() else { return };
        let Some(step) = self.step_at(i) else { return };
        let symbol = step.symbol.to_text(self.digits);
        let digits = self
            .quiz
            .as_ref()
            .and_then(|q| q.tolerance)
            .unwrap_or(self.digits);
        let (kind, place) = self.plan[i];
        let value = match parse_number(text) {
            Ok(v) => v,
            Err(message) => {
                self.say(&format!(
                    "{symbol}: {message}. Type a number and press Enter."
                ));
                return;
            }
        };
        let result = check(&self.scenario, self.sample, kind, place, value, digits);
        let Some(quiz) = self.quiz.as_mut() else {
            return;
        };
        match result.verdict {
            Verdict::Correct => {
                if quiz.tries == 0 {
                    quiz.score += 1;
                }
                quiz.done += 1;
                quiz.tries = 0;
                let line = step_line(&step, self.digits);
                self.say(&format!("Right. {line}"));
                self.reveal();
            }
            Verdict::Mistaken(mistakes) => {
                quiz.tries += 1;
                let why: Vec<&str> = mistakes.iter().map(|m| m.describe()).collect();
                let gives = result
                    .mistaken_value
                    .map(|v| format!(" (that gives {})", number_text(v, self.digits)))
                    .unwrap_or_default();
                let names: Vec<&str> = mistakes.iter().map(|m| m.name()).collect();
                super::dom::set_attr(&self.dom.quiz_feedback, "data-diagnosis", &names.join(","));
                self.say(&format!(
                    "Not quite: {} is not {symbol}. It looks like {}{gives}. Try again, or press Show me.",
                    number_text(value, self.digits),
                    why.join(", and ")
                ));
            }
            Verdict::Wrong => {
                quiz.tries += 1;
                super::dom::set_attr(&self.dom.quiz_feedback, "data-diagnosis", "");
                self.say(&format!(
                    "Not quite: {} is not {symbol}. Check the formula {} and try again, or press Show me.",
                    number_text(value, self.digits),
                    step.formula.to_text(self.digits)
                ));
            }
        }
    }

    /// Shows the current question's answer and moves on.
    pub fn show_answer(&mut self) {
        self.ensure_trace();
        let Some(i) = self.question() else { return };
        let Some(step) = self.step_at(i) else { return };
        if let Some(quiz) = self.quiz.as_mut() {
            quiz.done += 1;
            quiz.tries = 0;
        }
        let line = step_line(&step, self.digits);
        self.say(&format!("Here it is: {line}"));
        self.reveal();
    }

    fn reveal(&mut self) {
        let next = self.timeline.position().floor() + 1.0;
        self.timeline.seek(next);
        self.advance_quiz();
        if self.question().is_none() {
            if let Some(q) = &self.quiz {
                // The last answer's line ends with its value: a full stop closes it.
                let last = if q.feedback.is_empty() || q.feedback.ends_with('.') {
                    q.feedback.clone()
                } else {
                    format!("{}.", q.feedback)
                };
                let end = format!(
                    "{last} Quiz finished: {} of {} right at the first try.",
                    q.score, q.done
                );
                self.say(end.trim());
            }
        }
        self.refresh();
    }

    fn say(&mut self, text: &str) {
        if let Some(quiz) = self.quiz.as_mut() {
            quiz.feedback = text.to_string();
        }
        set_text(&self.dom.quiz_feedback, text);
        self.dirty.panels = true;
        self.request_frame();
    }

    /// Updates the quiz panel: the question, its formula, the score.
    pub fn update_quiz_panel(&self) {
        let Some(quiz) = &self.quiz else { return };
        set_text(
            &self.dom.quiz_head,
            &format!(
                "Quiz · {} of {} right at the first try",
                quiz.score, quiz.done
            ),
        );
        match self.question().and_then(|i| self.step_at(i)) {
            Some(step) => {
                let symbol = step.symbol.to_text(self.digits);
                set_text(&self.dom.quiz_question, &format!("What is {symbol}?"));
                let formula = format!(
                    "<math display=\"block\"><mrow>{}<mo>{}</mo>{}</mrow></math>",
                    step.symbol.to_mathml(self.digits),
                    if step.assigns { "←" } else { "=" },
                    step.formula.to_mathml(self.digits)
                );
                self.dom.quiz_formula.set_inner_html(&formula);
                self.dom.quiz_answer.set_disabled(false);
                self.quiz_buttons_enabled(true);
                super::dom::set_attr(
                    &self.dom.quiz_answer,
                    "aria-label",
                    &format!("Your value of {symbol}"),
                );
            }
            None => {
                set_text(&self.dom.quiz_question, "All done.");
                self.dom.quiz_formula.set_inner_html("");
                self.dom.quiz_answer.set_disabled(true);
                // Nothing left to check or show: only Restart is of use.
                self.quiz_buttons_enabled(false);
            }
        }
    }

    /// Enables or disables the quiz's Check and Show me buttons.
    fn quiz_buttons_enabled(&self, enabled: bool) {
        for class in [".bpv-quiz-check", ".bpv-quiz-show"] {
            if let Ok(Some(b)) = self.dom.quiz_buttons.query_selector(class) {
                if enabled {
                    if b.has_attribute("disabled") {
                        let _ = b.remove_attribute("disabled");
                    }
                } else {
                    super::dom::set_attr(&b, "disabled", "");
                }
            }
        }
    }
}
