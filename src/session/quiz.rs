//! Quiz mode's state machine: the timeline stops before each asked step, hides its value, and
//! checks the student's answer, naming the mistake when it recognises one. The checking and
//! the diagnosis are [`crate::quiz`]; this is the order of questions, the score and what the
//! quiz says.

use super::{ApiEvent, Effects, Session};
use crate::edit::parse_number;
use crate::explain::number::number_text;
use crate::explain::{step_line, Phase};
use crate::quiz::{check, Verdict};

/// A quiz in progress.
#[derive(Clone, Debug, PartialEq)]
pub struct Quiz {
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
    /// The mistakes the last wrong answer was diagnosed as, by name (comma-separated; empty
    /// when none was recognised).
    pub diagnosis: String,
    /// The teacher allows the exports that give the answers away during the quiz.
    pub exports: bool,
}

impl Session {
    /// Starts (or restarts) a quiz from the beginning of the timeline.
    pub(super) fn start_quiz(&mut self, ask: Vec<Phase>, tolerance: Option<usize>) -> Effects {
        self.quiz = Some(Quiz {
            ask,
            tolerance,
            score: 0,
            done: 0,
            tries: 0,
            feedback: String::new(),
            diagnosis: String::new(),
            exports: self.view.quiz_exports,
        });
        self.selected = None;
        self.timeline.pause();
        self.timeline.seek(0.0);
        self.advance_quiz();
        let mut effects = Effects::refresh();
        effects.redraw.structure = true;
        effects.redraw.layout = true;
        effects.events.extend(self.quiz_event());
        // Straight to the answer box, so that the whole quiz works from the keyboard.
        effects.focus_answer = true;
        effects
    }

    /// Leaves quiz mode, showing every value.
    pub(super) fn stop_quiz(&mut self) -> Effects {
        self.quiz = None;
        self.seek_end();
        let mut effects = Effects::refresh();
        effects.redraw.structure = true;
        effects.redraw.layout = true;
        effects
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
    pub(crate) fn answer(&mut self, text: &str) -> Effects {
        let Some(i) = self.question() else {
            return Effects::none();
        };
        let Some(step) = self.step_at(i) else {
            return Effects::none();
        };
        let digits = self.view.digits;
        let symbol = step.symbol.to_text(digits);
        let tolerance = self
            .quiz
            .as_ref()
            .and_then(|q| q.tolerance)
            .unwrap_or(digits);
        let (kind, place) = self.plan[i];
        let value = match parse_number(text) {
            Ok(v) => v,
            Err(message) => {
                return self.say(format!(
                    "{symbol}: {message}. Type a number and press Enter."
                ))
            }
        };
        let result = check(self.scenario(), self.sample, kind, place, value, tolerance);
        let Some(quiz) = self.quiz.as_mut() else {
            return Effects::none();
        };
        match result.verdict {
            Verdict::Correct => {
                if quiz.tries == 0 {
                    quiz.score += 1;
                }
                quiz.done += 1;
                quiz.tries = 0;
                quiz.diagnosis.clear();
                let line = step_line(&step, digits);
                let effects = self.say(format!("Right. {line}"));
                effects.and(self.reveal())
            }
            Verdict::Mistaken(mistakes) => {
                quiz.tries += 1;
                let why: Vec<&str> = mistakes.iter().map(|m| m.describe()).collect();
                let names: Vec<&str> = mistakes.iter().map(|m| m.name()).collect();
                quiz.diagnosis = names.join(",");
                let gives = result
                    .mistaken_value
                    .map(|v| format!(" (that gives {})", number_text(v, digits)))
                    .unwrap_or_default();
                self.say(format!(
                    "Not quite: {} is not {symbol}. It looks like {}{gives}. Try again, or press Show me.",
                    number_text(value, digits),
                    why.join(", and ")
                ))
            }
            Verdict::Wrong => {
                quiz.tries += 1;
                quiz.diagnosis.clear();
                self.say(format!(
                    "Not quite: {} is not {symbol}. Check the formula {} and try again, or press Show me.",
                    number_text(value, digits),
                    step.formula.to_text(digits)
                ))
            }
        }
    }

    /// Shows the current question's answer and moves on.
    pub(super) fn show_answer(&mut self) -> Effects {
        let Some(i) = self.question() else {
            return Effects::none();
        };
        let Some(step) = self.step_at(i) else {
            return Effects::none();
        };
        if let Some(quiz) = self.quiz.as_mut() {
            quiz.done += 1;
            quiz.tries = 0;
            quiz.diagnosis.clear();
        }
        let line = step_line(&step, self.view.digits);
        let effects = self.say(format!("Here it is: {line}"));
        effects.and(self.reveal())
    }

    fn reveal(&mut self) -> Effects {
        let next = self.timeline.position().floor() + 1.0;
        self.timeline.seek(next);
        self.advance_quiz();
        if self.question().is_none() {
            if let Some(quiz) = &self.quiz {
                // The last answer's line ends with its value: a full stop closes it.
                let last = if quiz.feedback.is_empty() || quiz.feedback.ends_with('.') {
                    quiz.feedback.clone()
                } else {
                    format!("{}.", quiz.feedback)
                };
                let end = format!(
                    "{last} Quiz finished: {} of {} right at the first try.",
                    quiz.score, quiz.done
                );
                // Finished: the exports that would have given the answers away come back.
                let mut effects = self.say(end.trim().to_string()).and(Effects::refresh());
                effects.redraw.layout = true;
                effects.events.extend(self.quiz_event());
                return effects;
            }
        }
        let mut effects = Effects::refresh();
        effects.events.extend(self.quiz_event());
        effects
    }

    /// The `quiz` event for the quiz's state now (`None` outside a quiz).
    fn quiz_event(&self) -> Option<ApiEvent> {
        let quiz = self.quiz.as_ref()?;
        let questions = self
            .plan
            .iter()
            .filter(|(kind, _)| quiz.ask.contains(&kind.phase()))
            .count();
        Some(ApiEvent::Quiz {
            right: quiz.score as usize,
            done: quiz.done as usize,
            questions,
            finished: self.question().is_none(),
        })
    }

    pub(super) fn say(&mut self, text: String) -> Effects {
        if let Some(quiz) = self.quiz.as_mut() {
            quiz.feedback = text;
        }
        let mut effects = Effects::none();
        effects.redraw.panels = true;
        effects
    }
}
