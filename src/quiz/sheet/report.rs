//! A checked sheet in words: each entry's verdict as a sentence, and the whole report as text.

use super::{Entry, Outcome, Report, Verdict, MAX_LINE_CHARS};
use crate::explain::number::number_text;
use crate::explain::StepKind;
use crate::quiz::Mistake;

/// One entry's verdict as a sentence (`right`, `wrong: −0.598 (rounded) — you cut the last digit off…`).
pub fn entry_sentence(entry: &Entry, digits: usize) -> String {
    let verdict = verdict_sentence(entry, digits);
    match &entry.working {
        Some(note) => format!("{verdict}; but {note}"),
        None => verdict,
    }
}

fn verdict_sentence(entry: &Entry, digits: usize) -> String {
    let shown = number_text(entry.expected, 6);
    let at_written = number_text(entry.expected, entry.written.digits.max(1));
    match &entry.verdict {
        Verdict::Right => "right".into(),
        Verdict::Given => "right (given in the question)".into(),
        Verdict::TooFewDigits => format!(
            "right to the {} digit{} written, but give at least {digits} significant digits: {}",
            entry.written.digits,
            if entry.written.digits == 1 { "" } else { "s" },
            number_text(entry.expected, digits)
        ),
        Verdict::NotUpdated => format!(
            "this is {} before the update; after it, {} = {shown}",
            entry.name.trim_end_matches('′'),
            entry.name
        ),
        Verdict::Mistaken(mistakes, value) => {
            let why: Vec<&str> = mistakes.iter().map(|m| m.describe()).collect();
            let right = if mistakes == &[Mistake::Truncated] {
                format!("{} = {shown}, which rounds to {at_written}", entry.name)
            } else {
                format!("{} = {shown}", entry.name)
            };
            let gives = match value {
                Some(v) if mistakes != &[Mistake::Truncated] => {
                    format!(
                        " (that gives {})",
                        number_text(*v, entry.written.digits.max(digits))
                    )
                }
                _ => String::new(),
            };
            format!(
                "wrong: {right}. It looks like {}{gives}",
                why.join(", and ")
            )
        }
        Verdict::Wrong => format!("wrong: {} = {shown}", entry.name),
    }
}

/// The sheet's report as text, a line per checked number, then what is missing.
pub fn report_text(report: &Report) -> String {
    let mut out = String::new();
    let (mut right, mut wrong, mut unread) = (0, 0, 0);
    for line in &report.lines {
        let head = format!("line {}: {}", line.number, line.text);
        match &line.outcome {
            Outcome::Checked(entries) if entries.len() == 1 => {
                let e = &entries[0];
                out.push_str(&format!(
                    "{head}\n    {}\n",
                    entry_sentence(e, report.digits)
                ));
            }
            Outcome::Checked(entries) => {
                out.push_str(&format!("{head}\n"));
                for e in entries {
                    out.push_str(&format!(
                        "    {} = {}: {}\n",
                        e.name,
                        number_text(e.written.value, e.written.digits.max(1)),
                        entry_sentence(e, report.digits)
                    ));
                }
            }
            Outcome::UnknownName(name, vocabulary) => {
                unread += 1;
                out.push_str(&format!(
                    "{head}\n    not checked: no quantity is named {name:?} ({vocabulary})\n"
                ));
            }
            Outcome::NoValue(name) => {
                unread += 1;
                out.push_str(&format!(
                    "{head}\n    not checked: no number for {name} after the last = sign\n"
                ));
            }
            Outcome::Shape(message) => {
                unread += 1;
                out.push_str(&format!("{head}\n    not checked: {message}\n"));
            }
            Outcome::TooLong => {
                unread += 1;
                out.push_str(&format!(
                    "{head}…\n    not checked: longer than {MAX_LINE_CHARS} characters\n"
                ));
            }
        }
        if let Outcome::Checked(entries) = &line.outcome {
            for e in entries {
                if e.verdict.is_right() {
                    right += 1;
                } else {
                    wrong += 1;
                }
            }
        }
    }
    if !report.ignored.is_empty() {
        let list: Vec<String> = report.ignored.iter().map(usize::to_string).collect();
        out.push_str(&format!(
            "lines without = (read as text, not checked): {}\n",
            list.join(", ")
        ));
    }
    for (group, kinds) in MISSING_GROUPS {
        let names: Vec<String> = report
            .missing
            .iter()
            .filter(|(k, _)| kinds.contains(k))
            .map(|(k, p)| report.name_of(*k, *p))
            .collect();
        if !names.is_empty() {
            out.push_str(&format!("missing {group}: {}\n", names.join(", ")));
        }
    }
    out.push_str(&format!(
        "{right} right, {wrong} wrong, {unread} not understood, {} missing{}\n",
        report.missing.len(),
        if report.all_right() {
            ": all right"
        } else {
            ""
        }
    ));
    out
}

/// The missing quantities, grouped as a teacher would list them.
const MISSING_GROUPS: [(&str, &[StepKind]); 4] = [
    (
        "from the forward pass",
        &[StepKind::PreActivation, StepKind::Activation],
    ),
    ("the loss", &[StepKind::Loss]),
    ("the updated weights", &[StepKind::WeightUpdate]),
    ("the updated biases", &[StepKind::BiasUpdate]),
];
