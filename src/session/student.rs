//! A variant per student: a teacher's link (`variants=1`) opens on a prompt for a name or
//! number; what the student types seeds their own variant of the scenario (the same text gives
//! the same numbers anywhere, and `backprop exam --student NAME` gives the teacher its key), and
//! the link's quiz then runs on it.

use super::{Effects, Session};
use crate::explain::Phase;
use crate::scenario::Scenario;
use crate::variants::{refuse_template, student_seed, variant, Rules, MAX_STUDENT_CHARS};

/// A per-student link waiting for the student's name.
#[derive(Clone, Debug, PartialEq)]
pub struct StudentPrompt {
    /// The scenario the variants are drawn from.
    pub template: Scenario,
    /// The link's quiz, to start on the variant: its phases and tolerance.
    pub quiz: Option<(Vec<Phase>, Option<usize>)>,
    /// What the prompt says under the box (why a name was refused).
    pub note: String,
}

impl Session {
    /// Opens the prompt for a per-student link on `template`.
    pub(super) fn ask_student(
        &mut self,
        template: Scenario,
        quiz: Option<(Vec<Phase>, Option<usize>)>,
    ) {
        let note = match refuse_template(&template, &Rules::for_template(&template)) {
            Ok(_) => String::new(),
            Err(e) => format!("This link cannot give variants: {e}."),
        };
        self.student = Some(StudentPrompt {
            template,
            quiz,
            note,
        });
    }

    /// The prompt, while a per-student link waits for a name.
    pub fn student_prompt(&self) -> Option<&StudentPrompt> {
        self.student.as_ref()
    }

    /// Starts the variant of the name or number typed.
    pub(crate) fn start_variant(&mut self, name: &str) -> Effects {
        let Some(prompt) = self.student.as_mut() else {
            return Effects::none();
        };
        let name = name.trim();
        let refusal = if name.is_empty() {
            Some("Type your name or student number first.".to_string())
        } else if name.chars().count() > MAX_STUDENT_CHARS {
            Some(format!(
                "That is longer than {MAX_STUDENT_CHARS} characters: type your name or number."
            ))
        } else {
            None
        };
        if let Some(note) = refusal {
            prompt.note = note;
            let mut effects = Effects::none();
            effects.redraw.layout = true;
            return effects;
        }
        let seed = student_seed(name);
        let rules = Rules::for_template(&prompt.template);
        let scenario = match variant(&prompt.template, &rules, seed) {
            Ok(s) => s,
            Err(e) => {
                prompt.note = format!("No variant: {e}.");
                let mut effects = Effects::none();
                effects.redraw.layout = true;
                return effects;
            }
        };
        let quiz = prompt.quiz.clone();
        self.student = None;
        let mut effects = self.load(scenario);
        let said = format!(
            "Your own numbers, from “{name}” (variant {seed}); the same name always gives them back."
        );
        match quiz {
            Some((ask, tolerance)) => {
                effects.absorb(self.start_quiz(ask, tolerance));
                if let Some(q) = self.quiz.as_mut() {
                    q.feedback = said;
                }
            }
            None => effects.io_status = Some(said),
        }
        effects.redraw = super::Redraw::all();
        effects
    }
}
