//! The page's check of a whole worked answer: the text a student pasted, checked against the
//! scenario on screen (again after every edit), marked in a list and on the canvas.

use super::writes::Write;
use super::{Effects, Session};
use crate::explain::math::escape;
use crate::explain::number::number_text;
use crate::explain::Place;
use crate::parts::{Load, Part};
use crate::quiz::sheet::{entry_sentence, Outcome, Report, Target, Verdict};

/// The least significant digits the page's check asks of an inexact answer (as the command line's
/// default).
pub const CHECK_DIGITS: usize = 3;

/// The answer being checked: its text, or the reason it cannot be checked on this scenario.
pub type Checked = Result<Report, String>;

impl Session {
    /// Checks `text` as a worked answer (empty: clears the check).
    pub(super) fn check_answer(&mut self, text: &str) -> Effects {
        self.answer = (!text.trim().is_empty()).then(|| text.to_string());
        self.forget_answer_check();
        let mut effects = Effects::canvas();
        effects.redraw.panels = true;
        if self.answer.is_some() && self.parts.check.request() {
            effects.load = Some(Part::Check);
        }
        effects
    }

    /// The check of the answer on the current scenario, if there is an answer.
    /// Nothing while the check is not shown (a quiz, data-set mode): its marks would tell.
    pub fn answer_check(&self) -> Option<&Checked> {
        let text = self.answer.as_ref()?;
        if !self.layout().answer_check {
            return None;
        }
        let check = self.parts.check.get()?;
        Some(
            self.answer_cache
                .get_or_init(|| (check.check)(self.scenario(), text, CHECK_DIGITS)),
        )
    }

    /// Where the checked numbers are on the canvas, and whether each place's numbers are all
    /// right (none before the checker's part is here: nothing was checked).
    pub fn answer_marks(&self) -> Vec<(Place, bool)> {
        match self.parts.check.get() {
            Some(check) => (check.marks)(self),
            None => Vec::new(),
        }
    }

    /// [`Session::answer_marks`] once the checker's part is here (behind its `marks`).
    pub fn loaded_answer_marks(&self) -> Vec<(Place, bool)> {
        let Some(Ok(report)) = self.answer_check() else {
            return Vec::new();
        };
        let mut marks: Vec<(Place, bool)> = Vec::new();
        for entry in report.entries() {
            let place = match entry.target {
                Target::Step(_, place) => place,
                Target::GradActivation { layer, index } => Place::Neuron { layer, index },
                Target::Given => continue,
            };
            let right = entry.verdict.is_right();
            match marks.iter_mut().find(|(p, _)| *p == place) {
                Some((_, all)) => *all &= right,
                None => marks.push((place, right)),
            }
        }
        marks
    }

    /// The check's status line, list and counts (for the page's tests). Before the checker's
    /// part is here nothing was checked: the status says whether it is on its way.
    pub fn answer_writes(&self) -> Vec<Write> {
        if let Some(check) = self.parts.check.get() {
            return (check.writes)(self);
        }
        let status = match &self.parts.check {
            _ if self.answer.is_none() || !self.layout().answer_check => String::new(),
            Load::Failed(reason) => format!(
                "Cannot check: {} did not load ({reason}). Press “Check” to try again.",
                Part::Check.label()
            ),
            _ => Part::Check.loading(),
        };
        vec![
            Write::Attr("bpv-check", "data-marks", "0/0".into()),
            Write::Text("bpv-check-status", status),
        ]
    }

    /// [`Session::answer_writes`] once the checker's part is here (behind its `writes`).
    pub fn loaded_answer_writes(&self) -> Vec<Write> {
        let (status, list, counts) = match self.answer_check() {
            None => (String::new(), String::new(), [0; 4]),
            Some(Err(message)) => (format!("Cannot check: {message}."), String::new(), [0; 4]),
            Some(Ok(report)) => check_markup(report, self.view.digits),
        };
        let [right, wrong, unread, missing] = counts;
        let marks = self.loaded_answer_marks();
        let marked_wrong = marks.iter().filter(|(_, ok)| !ok).count();
        vec![
            // What the canvas marks: places ✓ and places ✗.
            Write::Attr(
                "bpv-check",
                "data-marks",
                format!("{}/{marked_wrong}", marks.len() - marked_wrong),
            ),
            Write::Text("bpv-check-status", status),
            Write::Html("bpv-check-list", list),
            Write::Attr("bpv-check", "data-right", right.to_string()),
            Write::Attr("bpv-check", "data-wrong", wrong.to_string()),
            Write::Attr("bpv-check", "data-unread", unread.to_string()),
            Write::Attr("bpv-check", "data-missing", missing.to_string()),
        ]
    }
}

/// The status line, the list's items and the counts (right, wrong, not understood, missing).
pub fn check_markup(report: &Report, digits: usize) -> (String, String, [usize; 4]) {
    let mut list = String::new();
    let (mut right, mut wrong, mut unread) = (0, 0, 0);
    let item = |class: &str, line: usize, text: &str, says: &str| {
        format!(
            "<li class=\"bpv-check-{class}\" data-line=\"{line}\"><span class=\"bpv-check-mark\" aria-hidden=\"true\">{}</span> <span class=\"bpv-check-line\">line {line}:</span> <code>{}</code> — {}</li>",
            if class == "right" { "✓" } else { "✗" },
            escape(text),
            escape(says)
        )
    };
    for line in &report.lines {
        match &line.outcome {
            Outcome::Checked(entries) => {
                for e in entries {
                    let ok = e.verdict.is_right();
                    if ok {
                        right += 1;
                    } else {
                        wrong += 1;
                    }
                    let shown = format!(
                        "{} = {}",
                        e.name,
                        number_text(e.written.value, e.written.digits.max(1))
                    );
                    let class = match e.verdict {
                        _ if ok => "right",
                        Verdict::Mistaken(..) => "mistaken",
                        _ => "wrong",
                    };
                    list.push_str(&item(
                        class,
                        line.number,
                        &shown,
                        &entry_sentence(e, digits),
                    ));
                }
            }
            other => {
                unread += 1;
                let says = match other {
                    Outcome::UnknownName(name, vocabulary) => {
                        format!("no quantity is named “{name}” ({vocabulary})")
                    }
                    Outcome::NoValue(name) => format!("no number for {name} after the last ="),
                    Outcome::Shape(message) => message.clone(),
                    _ => "too long to be an answer line".into(),
                };
                list.push_str(&item("unread", line.number, &line.text, &says));
            }
        }
    }
    let missing: Vec<String> = report
        .missing
        .iter()
        .map(|(k, p)| report.name_of(*k, *p))
        .collect();
    if !missing.is_empty() {
        list.push_str(&format!(
            "<li class=\"bpv-check-missing\"><span class=\"bpv-check-mark\" aria-hidden=\"true\">…</span> missing: {}</li>",
            escape(&missing.join(", "))
        ));
    }
    let status = if report.lines.is_empty() {
        "No line of the form name = value to check.".to_string()
    } else if report.all_right() {
        format!("All {right} right, nothing missing.")
    } else {
        format!(
            "{right} right, {wrong} wrong, {unread} not understood, {} missing.",
            missing.len()
        )
    };
    (status, list, [right, wrong, unread, missing.len()])
}
