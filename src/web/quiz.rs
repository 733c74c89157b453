//! Quiz mode's panel, written from the session's [`crate::session::frame::QuizPanel`]. The
//! quiz itself (questions, checking, score, sentences) is `session`.

use super::app::App;

impl App {
    /// Writes the quiz panel: the question, its formula, the feedback and the score. Called
    /// after every command, so that the question is in the page before focus reaches the
    /// answer box; each part is written only when it changed.
    pub fn update_quiz_panel(&self) {
        let Some(panel) = self.session.quiz_panel() else {
            return;
        };
        let written = &self.dom.written;
        written.text("quiz head", &self.dom.quiz_head, &panel.head);
        written.text("quiz question", &self.dom.quiz_question, &panel.question);
        written.html("quiz formula", &self.dom.quiz_formula, &panel.formula);
        written.text("quiz feedback", &self.dom.quiz_feedback, &panel.feedback);
        written.attr(
            "quiz diagnosis",
            &self.dom.quiz_feedback,
            "data-diagnosis",
            &panel.diagnosis,
        );
        let open = panel.answer_label.is_some();
        self.dom.quiz_answer.set_disabled(!open);
        if let Some(label) = &panel.answer_label {
            written.attr("quiz answer", &self.dom.quiz_answer, "aria-label", label);
        }
        // Nothing left to check or show once the quiz is over: only Restart is of use.
        for class in [".bpv-quiz-check", ".bpv-quiz-show"] {
            if let Ok(Some(b)) = self.dom.quiz_buttons.query_selector(class) {
                if open {
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
