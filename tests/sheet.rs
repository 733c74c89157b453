//! Checking whole worked answers: the exam's model answer gets the verdicts a marker would give,
//! a full correct answer passes, and each mistake the quiz knows is diagnosed on a line of its own.

use backprop_viz::explain::{Place, StepKind};
use backprop_viz::quiz::sheet::{check_sheet, report_text, Entry, Outcome, Report, Verdict};
use backprop_viz::quiz::{value, Mistake};
use backprop_viz::scenario::Scenario;

fn exam() -> Scenario {
    Scenario::preset("exam").expect("the exam preset")
}

fn sheet(text: &str) -> Report {
    check_sheet(&exam(), text, 3).expect("the exam has one sample")
}

fn verdict_of<'a>(report: &'a Report, name: &str) -> &'a Entry {
    report
        .entries()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("no entry {name} in {report:#?}"))
}

#[test]
fn exam_model_answer_gets_the_markers_verdicts() {
    let text = include_str!("answers/exam-model-answer.txt");
    let report = sheet(text);
    for name in [
        "z1", "a1", "z2", "a2", "z3", "a3", "w1′", "w2′", "w4′", "w5′", "w6′",
    ] {
        assert_eq!(verdict_of(&report, name).verdict, Verdict::Right, "{name}");
    }
    // The values of z1 and z2 are right, but their working reads W1 row-for-column.
    for (name, gives) in [("z1", "gives −0.5, not −0.1"), ("z2", "gives 1, not 0.8")] {
        let note = verdict_of(&report, name)
            .working
            .clone()
            .unwrap_or_default();
        assert!(
            note.contains(gives) && note.contains("row-for-column"),
            "{name}: {note}"
        );
    }
    assert_eq!(
        verdict_of(&report, "z3").working,
        None,
        "z3's working is right"
    );
    let j = verdict_of(&report, "J");
    assert_eq!(
        j.verdict,
        Verdict::Mistaken(
            vec![Mistake::Log10, Mistake::RoundedEarly],
            Some(-(0.599f64.log10()))
        ),
        "J: the base-10 logarithm of the rounded ŷ"
    );
    let w3 = verdict_of(&report, "w3′");
    assert!(
        matches!(&w3.verdict, Verdict::Mistaken(m, _) if m == &[Mistake::Truncated]),
        "w3: −0.597993 truncated: {:?}",
        w3.verdict
    );
    let missing: Vec<String> = report
        .missing
        .iter()
        .map(|(k, p)| report.name_of(*k, *p))
        .collect();
    assert_eq!(
        missing,
        ["b1[1]′", "b1[2]′", "b2′"],
        "the biases were never updated"
    );
    assert_eq!(report.entries().count(), 13);
    assert!(!report.all_right());
    let text = report_text(&report);
    assert!(text.contains("base-10 logarithm"), "{text}");
    assert!(text.contains("rounds to −0.598"), "{text}");
    assert!(
        text.contains("missing the updated biases: b1[1]′, b1[2]′, b2′"),
        "{text}"
    );
    assert_eq!(
        report.ignored,
        [1, 3, 12],
        "prose lines are listed, not checked"
    );
}

#[test]
fn a_full_correct_answer_is_all_right() {
    let report = sheet(include_str!("answers/exam-full-answer.txt"));
    let wrong: Vec<&Entry> = report
        .entries()
        .filter(|e| !e.verdict.is_right() || e.working.is_some())
        .collect();
    assert!(wrong.is_empty(), "{wrong:#?}");
    assert!(report.missing.is_empty(), "{:?}", report.missing);
    assert!(report.all_right(), "{}", report_text(&report));
    // Every step of the worked solution was given and checked.
    assert_eq!(report.entries().count(), 29);
}

/// The line a student with this mistake would write for this step, at 4 digits.
fn mistaken_line(name: &str, kind: StepKind, place: Place, mistakes: &[Mistake]) -> String {
    let v = value(&exam(), 0, kind, place, mistakes).expect("a value");
    format!("{name} = {v:.4e}")
}

#[test]
fn each_mistake_is_diagnosed_on_a_line_of_its_own() {
    let w6 = Place::Weight {
        layer: 1,
        from: 1,
        to: 0,
    };
    let h1 = Place::Neuron { layer: 1, index: 0 };
    let cases = [
        ("J = 0.2228".to_string(), Mistake::Log10),
        ("w3' = −0.597".to_string(), Mistake::Truncated),
        (
            mistaken_line("z1", StepKind::PreActivation, h1, &[Mistake::ForgotBias]),
            Mistake::ForgotBias,
        ),
        (
            mistaken_line("z1", StepKind::PreActivation, h1, &[Mistake::Transposed]),
            Mistake::Transposed,
        ),
        (
            mistaken_line("δ1", StepKind::Delta, h1, &[Mistake::ReluSlopeOne]),
            Mistake::ReluSlopeOne,
        ),
        (
            mistaken_line(
                "δ3",
                StepKind::Delta,
                Place::Neuron { layer: 2, index: 0 },
                &[Mistake::SigmoidDerivative],
            ),
            Mistake::SigmoidDerivative,
        ),
        (
            mistaken_line("w6'", StepKind::WeightUpdate, w6, &[Mistake::AddedGradient]),
            Mistake::AddedGradient,
        ),
        (
            mistaken_line("dJ/dw6", StepKind::WeightGrad, w6, &[Mistake::RoundedEarly]),
            Mistake::RoundedEarly,
        ),
    ];
    for (line, mistake) in cases {
        let report = sheet(&line);
        let entry = report.entries().next().expect("one entry");
        match &entry.verdict {
            Verdict::Mistaken(m, _) => assert!(m.contains(&mistake), "{line}: {m:?}"),
            other => panic!("{line}: {other:?}, expected {mistake:?}"),
        }
    }
}

#[test]
fn a_matrix_read_row_for_column_is_diagnosed_as_such() {
    let report = sheet("W1' = [[0.5, -0.4], [-0.598, 0.804]]");
    let verdicts: Vec<&Verdict> = report.entries().map(|e| &e.verdict).collect();
    assert_eq!(verdicts[0], &Verdict::Right);
    assert!(
        matches!(verdicts[1], Verdict::Mistaken(m, _) if m == &[Mistake::Transposed]),
        "{verdicts:?}"
    );
}

#[test]
fn digits_given_the_value_before_the_update_and_restated_numbers() {
    let report =
        sheet("a3 = 0.4\nw3' = -0.6\nx2 = 2\nη = 0.01\nW1 = [[0.5, -0.6], [-0.4, 0.8]]\nz2 = 0.80");
    let v: Vec<&str> = report.entries().map(|e| e.verdict.name()).collect();
    assert_eq!(
        v,
        [
            "too_few_digits",
            "not_updated",
            "given",
            "given",
            // W1 restated: w1 and w2 have zero gradients, so the given value is also the update.
            "right",
            "given",
            "right",
            "given",
            "right"
        ]
    );
    // With --digits 1 the short answer is right.
    let report = check_sheet(&exam(), "a3 = 0.4", 1).expect("sheet");
    assert_eq!(
        report.entries().next().map(|e| e.verdict.name()),
        Some("right")
    );
}

#[test]
fn unknown_names_and_unreadable_lines_are_named() {
    let report =
        sheet("q7 = 3\nz9 = 1\nw3' = something\nW1 = [1, 2, 3]\nall of this is prose\n\nb1 = 0.2");
    let outcomes: Vec<&Outcome> = report.lines.iter().map(|l| &l.outcome).collect();
    assert!(
        matches!(outcomes[0], Outcome::UnknownName(n, _) if n == "q7"),
        "{outcomes:?}"
    );
    assert!(
        matches!(outcomes[1], Outcome::UnknownName(n, _) if n == "z9"),
        "{outcomes:?}"
    );
    assert!(
        matches!(outcomes[2], Outcome::NoValue(n) if n == "w3"),
        "{outcomes:?}"
    );
    assert!(
        matches!(outcomes[3], Outcome::Shape(m) if m.contains("2 × 2")),
        "{outcomes:?}"
    );
    assert!(
        matches!(outcomes[4], Outcome::Shape(m) if m.contains("2 entries")),
        "{outcomes:?}"
    );
    assert_eq!(report.ignored, [5]);
    let text = report_text(&report);
    assert!(text.contains("no quantity is named \"q7\""), "{text}");
    assert!(
        text.contains("z1…z3"),
        "the message lists the names: {text}"
    );
}

#[test]
fn a_sheet_is_for_one_sample() {
    let xor = Scenario::preset("xor").expect("xor");
    let e = check_sheet(&xor, "z1 = 0", 3).expect_err("xor has four samples");
    assert!(e.contains("one sample"), "{e}");
}

#[test]
fn working_that_does_not_give_its_value_is_pointed_out() {
    let report = sheet("z3 = 0·0.3 + 0.8·(−0.5) + 1 = −0.4\nz2 = 1·(−0.6) + 2·0.8 − 0.2 = 0.8");
    let z3 = verdict_of(&report, "z3");
    assert_eq!(z3.verdict, Verdict::Right);
    assert_eq!(
        z3.working.as_deref(),
        Some("the working written (0·0.3 + 0.8·(−0.5) + 1) gives 0.6, not −0.4")
    );
    assert_eq!(
        verdict_of(&report, "z2").working,
        None,
        "right working, right value"
    );
    let text = report_text(&report);
    assert!(text.contains("right; but the working written"), "{text}");
}
