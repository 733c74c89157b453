//! The page's exam tools, through the session as a student uses them: paste a worked answer,
//! press Check, read the list and the marks (an edit re-marks them); open a teacher's
//! per-student link, type a name, get that name's variant and its quiz.

use backprop_viz::edit::Field;
use backprop_viz::explain::{Phase, Place};
use backprop_viz::parts::{CheckPart, Loaded, Part, Parts};
use backprop_viz::scenario::Scenario;
use backprop_viz::scene::{PlacementLog, Shape};
use backprop_viz::session::writes::Write;
use backprop_viz::session::{Command, Session};
use backprop_viz::share::{decode, encode, Link};
use backprop_viz::variants::{student_seed, variant, Rules};

fn exam() -> Session {
    Session::new(Scenario::preset("exam").expect("the exam is a preset"))
}

fn attr(writes: &[Write], name: &str) -> String {
    writes
        .iter()
        .find_map(|w| match w {
            Write::Attr("bpv-check", n, v) if *n == name => Some(v.clone()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no {name} in {writes:?}"))
}

fn html(writes: &[Write], class: &str) -> String {
    writes
        .iter()
        .find_map(|w| match w {
            Write::Html(c, v) | Write::Text(c, v) if *c == class => Some(v.clone()),
            _ => None,
        })
        .unwrap_or_default()
}

fn badges(session: &Session) -> Vec<String> {
    let scene = session.scene(
        (900.0, 480.0),
        false,
        true,
        false,
        &mut PlacementLog::default(),
    );
    scene
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Text { text, .. } if text == "✓" || text == "✗" => Some(text.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn the_model_answer_is_marked_in_the_list_and_on_the_network() {
    let mut s = exam();
    let effects = s.apply(Command::CheckAnswer(
        include_str!("answers/exam-model-answer.txt").into(),
    ));
    assert!(effects.redraw.canvas && effects.redraw.panels);
    let writes = s.answer_writes();
    assert_eq!(attr(&writes, "data-right"), "11");
    assert_eq!(attr(&writes, "data-wrong"), "2");
    assert_eq!(attr(&writes, "data-missing"), "3");
    let list = html(&writes, "bpv-check-list");
    assert!(list.contains("base-10 logarithm"), "{list}");
    assert!(list.contains("missing: b1[1]′, b1[2]′, b2′"), "{list}");
    assert!(html(&writes, "bpv-check-status").starts_with("11 right, 2 wrong"));
    let marks = s.answer_marks();
    assert!(marks.contains(&(Place::Loss, false)), "{marks:?}");
    assert!(marks.contains(&(Place::Neuron { layer: 1, index: 0 }, true)));
    let b = badges(&s);
    assert_eq!(b.iter().filter(|t| *t == "✗").count(), 2, "J and w3: {b:?}");
    // Clear removes the list and the marks.
    s.apply(Command::CheckAnswer(String::new()));
    assert!(badges(&s).is_empty());
    assert_eq!(html(&s.answer_writes(), "bpv-check-list"), "");
}

#[test]
fn the_checker_is_asked_for_once_says_it_loads_and_a_failed_fetch_is_retried() {
    // As in the page: the checker is a part fetched on first use.
    let mut s = exam();
    s.parts = Parts::default();
    let answer = include_str!("answers/exam-model-answer.txt");
    let effects = s.apply(Command::CheckAnswer(answer.into()));
    assert_eq!(effects.load, Some(Part::Check));
    let status = |s: &Session| html(&s.answer_writes(), "bpv-check-status");
    assert_eq!(status(&s), "Loading the answer checker…");
    assert!(s.answer_marks().is_empty() && badges(&s).is_empty());
    // Pressing Check again while it loads does not fetch it twice.
    assert_eq!(s.apply(Command::CheckAnswer(answer.into())).load, None);
    s.apply(Command::LoadFailed {
        part: Part::Check,
        reason: "failed to load split module".into(),
    });
    assert_eq!(
        status(&s),
        "Cannot check: the answer checker did not load (failed to load split module). \
         Press “Check” to try again."
    );
    // Again: a new fetch, and an edit while it loads is what gets checked.
    assert_eq!(
        s.apply(Command::CheckAnswer(answer.into())).load,
        Some(Part::Check)
    );
    let effects = s.apply(Command::Loaded(Loaded::Check(CheckPart::new())));
    assert!(effects.redraw.canvas && effects.redraw.panels && effects.load.is_none());
    assert!(
        status(&s).starts_with("11 right, 2 wrong"),
        "{}",
        status(&s)
    );
    assert_eq!(s.answer_marks().len(), 10);
    // Here now: no more fetches; clearing asks for nothing.
    assert_eq!(s.apply(Command::CheckAnswer("J = 0.5".into())).load, None);
    assert_eq!(s.apply(Command::CheckAnswer(String::new())).load, None);
    assert_eq!(status(&s), "");
}

#[test]
fn clearing_an_unloaded_check_asks_for_nothing_and_the_host_has_every_part() {
    let mut s = exam();
    assert!(
        s.parts.check.get().is_some(),
        "nothing is split on the host"
    );
    assert_eq!(s.apply(Command::CheckAnswer("J = 0.5".into())).load, None);
    s.parts = Parts::default();
    assert_eq!(s.apply(Command::CheckAnswer("  \n".into())).load, None);
    assert_eq!(html(&s.answer_writes(), "bpv-check-status"), "");
}

#[test]
fn an_edit_rechecks_the_answer_on_the_new_numbers() {
    let mut s = exam();
    s.apply(Command::CheckAnswer("z1 = -0.1\n".into()));
    assert_eq!(
        s.answer_marks(),
        [(Place::Neuron { layer: 1, index: 0 }, true)]
    );
    let w1 = Field::Weight {
        layer: 0,
        from: 0,
        to: 0,
    };
    s.apply(Command::SetField {
        field: w1,
        value: 0.7,
    });
    assert_eq!(
        s.answer_marks(),
        [(Place::Neuron { layer: 1, index: 0 }, false)],
        "z1 is now 0.1"
    );
    s.apply(Command::Undo);
    assert_eq!(
        s.answer_marks(),
        [(Place::Neuron { layer: 1, index: 0 }, true)]
    );
}

#[test]
fn the_check_is_hidden_during_a_quiz_and_refuses_several_samples() {
    let mut s = exam();
    s.apply(Command::CheckAnswer("J = 0.513".into()));
    assert!(s.layout().answer_check);
    s.apply(Command::StartQuiz {
        ask: Phase::ALL.to_vec(),
        tolerance: None,
    });
    assert!(!s.layout().answer_check);
    assert!(s.answer_marks().is_empty(), "no marks tell the answers");
    assert!(badges(&s).is_empty());
    s.apply(Command::StopQuiz);
    assert_eq!(s.answer_marks(), [(Place::Loss, true)]);
    s.apply(Command::Load(Scenario::preset("xor").expect("xor")));
    let writes = s.answer_writes();
    assert!(
        html(&writes, "bpv-check-status").contains("one sample"),
        "{writes:?}"
    );
}

fn per_student_link() -> Link {
    Link {
        scenario: Scenario::preset("exam").expect("exam"),
        quiz: true,
        ask: vec![Phase::Forward, Phase::Loss],
        per_student: true,
        ..Link::default()
    }
}

#[test]
fn a_per_student_link_asks_for_a_name_then_quizzes_that_names_variant() {
    let link = decode(&encode(&per_student_link())).expect("the link reads back");
    assert!(link.per_student);
    let (mut s, _) = Session::from_link(&link);
    let layout = s.layout();
    assert!(layout.student && !layout.canvas && !layout.table && !layout.quiz);
    assert!(s.quiz.is_none(), "the quiz waits for the student's numbers");
    assert!(s.link().per_student, "the page's own link still asks");
    // An empty name is refused where the student types.
    s.apply(Command::StartVariant("   ".into()));
    assert_eq!(
        s.student_prompt().map(|p| p.note.as_str()),
        Some("Type your name or student number first.")
    );
    s.apply(Command::StartVariant("  Ada   Lovelace ".into()));
    assert!(s.student_prompt().is_none());
    let exam = Scenario::preset("exam").expect("exam");
    let seed = student_seed("ada lovelace");
    let expected = variant(&exam, &Rules::for_template(&exam), seed).expect("a variant");
    assert_eq!(
        s.scenario(),
        &expected,
        "the same numbers as backprop exam --student"
    );
    let quiz = s
        .quiz
        .as_ref()
        .expect("the link's quiz runs on the variant");
    assert_eq!(quiz.ask, [Phase::Forward, Phase::Loss]);
    assert!(
        quiz.feedback.contains(&format!("variant {seed}")),
        "{}",
        quiz.feedback
    );
    let layout = s.layout();
    assert!(!layout.student && layout.canvas && layout.quiz);
    // The page's link now holds the variant itself: a reload reopens it, no prompt.
    let reopened = decode(&encode(&s.link())).expect("reads back");
    assert!(!reopened.per_student);
    assert_eq!(reopened.scenario, expected);
}

#[test]
fn a_per_student_link_on_a_scenario_without_variants_says_why() {
    let mut link = per_student_link();
    link.scenario = Scenario::preset("xor").expect("xor");
    let (mut s, _) = Session::from_link(&link);
    let note = s
        .student_prompt()
        .map(|p| p.note.clone())
        .unwrap_or_default();
    assert!(note.contains("one sample"), "{note}");
    s.apply(Command::StartVariant("Ada".into()));
    assert!(s.student_prompt().is_some(), "still asking");
}

#[test]
fn the_teachers_button_makes_a_per_student_quiz_link_of_the_scenario_on_screen() {
    let mut s = exam();
    let w1 = Field::Weight {
        layer: 0,
        from: 0,
        to: 0,
    };
    s.apply(Command::SetField {
        field: w1,
        value: 0.6,
    });
    assert!(s.layout().student_link);
    let link = decode(&encode(&s.student_quiz_link())).expect("reads back");
    assert!(link.per_student && link.quiz);
    assert_eq!(
        link.scenario,
        *s.scenario(),
        "the edited scenario is the template"
    );
    let (student, _) = Session::from_link(&link);
    assert!(student.layout().student);
    s.apply(Command::Load(Scenario::preset("xor").expect("xor")));
    assert!(!s.layout().student_link, "four samples: no variants");
}
