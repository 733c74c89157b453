//! The widget without a browser: each test acts through `Command`s as a student or a teacher
//! would, and reads what the page would show (`Effects`, the view model).

use backprop_viz::edit::Field;
use backprop_viz::explain::{Phase, Place, StepKind};
use backprop_viz::playground::Pick;
use backprop_viz::scenario::Scenario;
use backprop_viz::scene::ThemeName;
use backprop_viz::session::frame::PAUSE;
use backprop_viz::session::writes::Write;
use backprop_viz::session::{
    next_seed, panel_em, round_to, ApiEvent, Command, DataCommand, DataSetting, Notice, Session,
    Sight,
};
use backprop_viz::share::{decode, encode, Link, Panel, ThemeChoice};

fn exam() -> Session {
    Session::new(Scenario::preset("exam").expect("the exam is a preset"))
}

const W1: Field = Field::Weight {
    layer: 0,
    from: 0,
    to: 0,
};
const W6: Field = Field::Weight {
    layer: 1,
    from: 1,
    to: 0,
};

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * b.abs().max(1.0)
}

/// Answers every question of the quiz with the value the core computes.
fn answer_all(session: &mut Session) -> u32 {
    let mut asked = 0;
    while let Some(i) = session.question() {
        let value = session.step_at(i).expect("a question is a step").value;
        session.apply(Command::Answer(format!("{value}")));
        asked += 1;
        assert!(asked < 100, "the quiz must end");
    }
    asked
}

// ---- the document: edits, gestures, undo ----

#[test]
fn a_slider_gesture_is_one_undo_entry() {
    let mut s = exam();
    for k in 1..=20 {
        s.apply(Command::SetField {
            field: W6,
            value: -0.5 + f64::from(k) * 0.01,
        });
    }
    s.apply(Command::EndGesture);
    assert!(close(s.scenario().weights[1][1][0], -0.3));
    s.apply(Command::Undo);
    assert_eq!(s.scenario().weights[1][1][0], -0.5);
    assert!(!s.history().can_undo(), "the whole drag was one entry");
    s.apply(Command::Redo);
    assert!(close(s.scenario().weights[1][1][0], -0.3));
}

#[test]
fn a_new_gesture_after_end_gesture_is_a_second_undo_entry() {
    let mut s = exam();
    s.apply(Command::SetField {
        field: W1,
        value: 0.1,
    });
    s.apply(Command::EndGesture);
    s.apply(Command::SetField {
        field: W1,
        value: 0.2,
    });
    s.apply(Command::Undo);
    assert_eq!(s.scenario().weights[0][0][0], 0.1);
    s.apply(Command::Undo);
    assert_eq!(s.scenario().weights[0][0][0], 0.5);
}

#[test]
fn an_edit_recomputes_everything_and_reports_an_edit_event() {
    let mut s = exam();
    let effects = s.apply(Command::SetField {
        field: W1,
        value: 0.7,
    });
    assert!(effects.recomputed);
    assert!(effects.redraw.canvas && effects.redraw.panels && effects.redraw.editors);
    assert!(effects.redraw.table, "the table follows in the slow lane");
    assert!(!effects.redraw.structure, "a value changed, not the shape");
    assert_eq!(
        effects.events,
        vec![ApiEvent::Edit {
            field: W1,
            value: 0.7
        }]
    );
    // z1 = 1·0.7 + 2·(−0.4) + 0.2 = 0.1
    assert!(close(s.trace().samples[0].z[1][0], 0.1));
}

#[test]
fn a_refused_value_names_the_field_and_keeps_the_last_good_state() {
    let mut s = exam();
    let lr = Field::LearningRate;
    let effects = s.apply(Command::SetField {
        field: lr,
        value: -1.0,
    });
    let refusal = effects.field_error.expect("a negative rate is refused");
    assert_eq!(refusal.field, lr);
    let (by_path, by_label) = (refusal.by_path(), refusal.by_label());
    assert!(by_path.starts_with("learning_rate: "), "{by_path}");
    assert!(
        by_label.starts_with("η: "),
        "the page names it as labelled: {by_label}"
    );
    assert_eq!(
        by_path.split_once(": ").map(|p| p.1),
        by_label.split_once(": ").map(|p| p.1)
    );
    assert_eq!(s.scenario().learning_rate, 0.01);
    assert!(!s.history().can_undo(), "nothing was recorded");
    assert!(effects.events.is_empty());
}

#[test]
fn a_read_only_widget_refuses_edits_and_the_sgd_step() {
    let mut s = exam();
    s.view.readonly = true;
    let effects = s.apply(Command::SetField {
        field: W1,
        value: 0.1,
    });
    assert_eq!(
        effects.field_error.map(|r| r.by_label()),
        Some("this widget is read-only".to_string())
    );
    s.apply(Command::ApplyStep);
    assert_eq!(s.scenario(), &Scenario::preset("exam").unwrap());
    assert_eq!(
        s.field_of(Place::Weight {
            layer: 0,
            from: 0,
            to: 0
        }),
        None
    );
}

#[test]
fn apply_step_commits_the_exam_update_and_reports_the_losses() {
    let mut s = exam();
    let effects = s.apply(Command::ApplyStep);
    let w = &s.scenario().weights;
    assert!(close(w[0][0][1], -0.5979934383005623), "w3");
    assert!(close(w[1][1][0], -0.5032104987191004));
    assert!(close(s.scenario().biases[1][0], -0.00401312339887548));
    match effects.events.as_slice() {
        [ApiEvent::Update {
            loss_before,
            loss_after,
        }] => {
            assert!(close(*loss_before, 0.5130152523999526));
            assert!(close(*loss_after, 0.50796189734842));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(s.timeline.position(), s.timeline.len() as f64);
    s.apply(Command::Undo);
    assert_eq!(s.scenario(), &Scenario::preset("exam").unwrap());
}

#[test]
fn reset_returns_to_the_scenario_as_loaded_and_is_undoable() {
    let mut s = exam();
    s.apply(Command::ApplyStep);
    s.apply(Command::ApplyStep);
    s.apply(Command::Reset);
    assert_eq!(s.scenario(), &Scenario::preset("exam").unwrap());
    s.apply(Command::Undo);
    assert_ne!(s.scenario(), &Scenario::preset("exam").unwrap());
}

#[test]
fn loading_a_preset_starts_a_fresh_history_and_a_new_structure() {
    let mut s = exam();
    s.apply(Command::SetField {
        field: W1,
        value: 0.1,
    });
    let effects = s.apply(Command::Load(Scenario::preset("deep_tanh").unwrap()));
    assert!(effects.redraw.structure);
    assert_eq!(s.preset(), Some("deep_tanh"));
    assert!(!s.history().can_undo());
    assert_eq!(s.plan().len(), s.timeline.len());
    assert_eq!(s.timeline.position(), s.timeline.len() as f64);
    assert_eq!(s.steps().len(), s.plan().len());
}

#[test]
fn another_sample_shows_its_own_passes() {
    let mut s = Session::new(Scenario::preset("xor").unwrap());
    let first = s.trace().samples[0].z[1].clone();
    let effects = s.apply(Command::SetSample(3));
    assert!(effects.redraw.structure);
    assert_eq!(s.sample(), 3);
    let x = &s.scenario().samples[3].x;
    assert_eq!(s.steps()[0].place, Place::Neuron { layer: 1, index: 0 });
    assert_ne!(x, &s.scenario().samples[0].x);
    assert_eq!(
        s.trace().samples[0].z[1],
        first,
        "the trace holds every sample"
    );
    assert_eq!(
        s.apply(Command::SetSample(99)),
        Default::default(),
        "no such sample"
    );
    assert_eq!(s.sample(), 3);
}

// ---- the canvas: drag, click, hover ----

#[test]
fn dragging_an_edge_up_raises_its_weight_in_tidy_steps_as_one_gesture() {
    let mut s = exam();
    let w6 = Place::Weight {
        layer: 1,
        from: 1,
        to: 0,
    };
    s.apply(Command::PressTarget {
        target: w6,
        y: 200.0,
    });
    s.apply(Command::DragTo {
        y: 198.0,
        fine: false,
    });
    assert_eq!(s.scenario().weights[1][1][0], -0.5, "2 px is still a click");
    s.apply(Command::DragTo {
        y: 190.0,
        fine: false,
    });
    s.apply(Command::DragTo {
        y: 170.0,
        fine: false,
    });
    assert_eq!(s.scenario().weights[1][1][0], -0.2);
    s.apply(Command::DragTo {
        y: 165.0,
        fine: true,
    });
    assert_eq!(s.scenario().weights[1][1][0], -0.465);
    let effects = s.apply(Command::Release { click: true });
    assert_eq!(s.selected, None, "a drag is not a click");
    assert!(effects.events.is_empty());
    s.apply(Command::Undo);
    assert_eq!(s.scenario().weights[1][1][0], -0.5);
    assert!(!s.history().can_undo());
}

#[test]
fn a_click_selects_and_a_second_click_unselects() {
    let mut s = exam();
    let z2 = Place::Neuron { layer: 1, index: 1 };
    s.apply(Command::PressTarget {
        target: z2,
        y: 100.0,
    });
    s.apply(Command::Release { click: true });
    assert_eq!(s.selected, Some(z2));
    s.apply(Command::PressTarget {
        target: z2,
        y: 100.0,
    });
    s.apply(Command::Release { click: true });
    assert_eq!(s.selected, None);
    s.apply(Command::PressTarget {
        target: z2,
        y: 100.0,
    });
    s.apply(Command::Release { click: false });
    assert_eq!(s.selected, None, "a cancelled press selects nothing");
}

#[test]
fn dragging_an_input_neuron_changes_the_input_of_the_sample_shown() {
    let mut s = exam();
    let x2 = Place::Neuron { layer: 0, index: 1 };
    assert_eq!(
        s.field_of(x2),
        Some(Field::Input {
            sample: 0,
            index: 1
        })
    );
    s.apply(Command::PressTarget {
        target: x2,
        y: 50.0,
    });
    s.apply(Command::DragTo {
        y: 40.0,
        fine: false,
    });
    assert_eq!(s.scenario().samples[0].x[1], 2.1);
    let b = Place::Neuron { layer: 2, index: 0 };
    assert_eq!(s.field_of(b), Some(Field::Bias { layer: 1, index: 0 }));
    assert_eq!(s.field_of(Place::Loss), None);
}

#[test]
fn hovering_the_same_target_twice_redraws_once() {
    let mut s = exam();
    let w1 = Place::Weight {
        layer: 0,
        from: 0,
        to: 0,
    };
    assert!(s.apply(Command::Hover(Some(w1))).redraw.canvas);
    assert!(!s.apply(Command::Hover(Some(w1))).redraw.canvas);
    assert!(s.apply(Command::Hover(None)).redraw.canvas);
}

#[test]
fn dragged_values_are_tidy() {
    assert_eq!(round_to(-0.5 + 5.0 * 0.01, 0.01), -0.45);
    assert_eq!(round_to(0.1 + 0.2, 0.01), 0.3);
    assert_eq!(round_to(0.12345, 0.001), 0.123);
}

// ---- the timeline ----

#[test]
fn play_pause_step_and_seek() {
    let mut s = exam();
    let n = s.timeline.len();
    assert_eq!(n, 28, "the exam's 2-2-1 network has 28 steps");
    assert!(s.apply(Command::Replay).animate);
    assert!(s.timeline.is_playing());
    assert_eq!(s.controls().play_label, PAUSE);
    assert!(s.controls().playing);
    s.apply(Command::TogglePlay);
    assert!(!s.timeline.is_playing());
    assert_eq!(s.controls().play_label, "▶ Play");
    s.apply(Command::Seek(0.0));
    assert_eq!(s.controls().position_text, format!("Step 0 of {n} · ready"));
    s.view.motion = false;
    s.apply(Command::StepForward);
    assert_eq!(
        s.timeline.position(),
        1.0,
        "reduced motion: a step is instant"
    );
    assert_eq!(
        s.controls().position_text,
        format!("Step 1 of {n} · forward pass")
    );
    s.apply(Command::StepBack);
    assert_eq!(s.timeline.position(), 0.0);
    s.apply(Command::Seek(1e9));
    assert_eq!(
        s.timeline.position(),
        n as f64,
        "seeking past the end stops at the end"
    );
    s.apply(Command::Seek(8.0));
    assert_eq!(
        s.controls().position_text,
        format!("Step 8 of {n} · backward pass")
    );
}

#[test]
fn the_table_rows_follow_the_timeline() {
    let mut s = exam();
    s.apply(Command::Seek(1.0));
    let rows = s.table_rows();
    assert_eq!(rows.len(), 28);
    assert_eq!(rows[0].number, "1");
    assert_eq!(rows[0].symbol, "z1");
    assert_eq!(rows[0].phase, "forward pass");
    assert_eq!(rows[0].value, "−0.1");
    assert_eq!(rows[0].state, "done");
    assert_eq!(rows[1].state, "pending");
    let loss = rows.iter().find(|r| r.phase == "loss").expect("a loss row");
    assert_eq!(loss.value, "0.5130");
    assert_eq!(loss.exact, "0.5130152523999526");
    let w3 = rows
        .iter()
        .find(|r| r.symbol == "w3" && r.phase == "SGD update")
        .expect("w3's update");
    assert!(w3.line.ends_with("≈ −0.5980"), "{}", w3.line);
    s.apply(Command::SetDigits(6));
    let rows = s.table_rows();
    assert_eq!(
        rows.iter().find(|r| r.phase == "loss").unwrap().value,
        "0.513015"
    );
}

#[test]
fn controls_say_what_undo_redo_and_the_theme_button_do() {
    let mut s = exam();
    let c = s.controls();
    assert!(!c.can_undo && !c.can_redo);
    assert_eq!((c.theme_label, c.theme), ("Dark theme", "light"));
    s.apply(Command::ApplyStep);
    assert!(s.controls().can_undo);
    s.apply(Command::Undo);
    assert!(s.controls().can_redo);
    let effects = s.apply(Command::ToggleTheme);
    assert!(effects.redraw.canvas && effects.redraw.controls);
    assert_eq!(s.controls().theme_label, "Light theme");
    assert_eq!(
        s.link().theme,
        ThemeChoice::Dark,
        "a chosen theme goes into the link"
    );
    s.apply(Command::SystemPreferences {
        dark: false,
        reduced_motion: true,
    });
    assert_eq!(
        s.view.theme,
        ThemeName::Dark,
        "the user's choice wins over the system's"
    );
    assert!(!s.view.motion);
}

#[test]
fn digits_are_kept_between_two_and_eight() {
    let mut s = exam();
    s.apply(Command::SetDigits(1));
    assert_eq!(s.view.digits, 2);
    s.apply(Command::SetDigits(40));
    assert_eq!(s.view.digits, 8);
}

#[test]
fn out_of_view_the_animation_pauses_and_resumes_where_it_was() {
    let mut s = exam();
    s.apply(Command::Replay);
    let effects = s.apply(Command::Seen {
        sight: Sight::Scrolled,
        seen: false,
    });
    assert!(effects.stop_frames);
    assert!(!s.timeline.is_playing());
    let visible = |s: &Session| {
        s.control_writes()
            .into_iter()
            .find_map(|w| match w {
                Write::Attr("bpv", "data-visible", v) => Some(v),
                _ => None,
            })
            .expect("the root says whether it is seen")
    };
    assert!(effects.redraw.controls);
    assert_eq!(visible(&s), "false");
    s.apply(Command::Seen {
        sight: Sight::Tab,
        seen: false,
    });
    s.apply(Command::Seen {
        sight: Sight::Scrolled,
        seen: true,
    });
    assert!(!s.timeline.is_playing(), "the tab is still hidden");
    let effects = s.apply(Command::Seen {
        sight: Sight::Tab,
        seen: true,
    });
    assert!(effects.animate);
    assert!(s.timeline.is_playing());
    assert!(s.visibility.visible());
    assert_eq!(visible(&s), "true");
}

#[test]
fn the_panel_width_sets_formulas_in_ems_and_a_hidden_panel_keeps_its_width() {
    let mut s = exam();
    assert_eq!(panel_em(0.0, 16.0), None);
    assert_eq!(panel_em(f64::NAN, 16.0), None);
    let effects = s.apply(Command::PanelWidth {
        width_px: 370.0,
        font_px: 16.0,
    });
    assert!(effects.redraw.panels);
    assert!(close(s.view.panel_em, 20.0));
    let effects = s.apply(Command::PanelWidth {
        width_px: 372.0,
        font_px: 16.0,
    });
    assert!(!effects.redraw.panels, "an eighth of an em is no change");
    s.apply(Command::PanelWidth {
        width_px: 0.0,
        font_px: 16.0,
    });
    assert!(close(s.view.panel_em, 20.0));
}

// ---- links ----

#[test]
fn a_link_round_trips_the_state_on_screen() {
    let mut s = exam();
    s.apply(Command::SetField {
        field: W1,
        value: 0.25,
    });
    s.apply(Command::Seek(4.0));
    s.apply(Command::SetDigits(6));
    let link = s.link();
    assert_eq!(link.step, Some(4));
    assert_eq!(link.digits, 6);
    let back = decode(&encode(&link)).expect("the link reads back");
    let (opened, _) = Session::from_link(&back);
    assert_eq!(opened.scenario(), s.scenario());
    assert_eq!(opened.timeline.position(), 4.0);
    assert_eq!(opened.view.digits, 6);
}

#[test]
fn a_teachers_quiz_link_opens_a_quiz_of_its_phases_with_only_some_panels() {
    let link = Link {
        quiz: true,
        ask: vec![Phase::Loss],
        tolerance: Some(3),
        panels: vec![Panel::Canvas, Panel::Controls],
        ..Link::default()
    };
    let (s, effects) = Session::from_link(&link);
    // It opens as a quiz without taking the page's keyboard focus (which would scroll a course
    // page to it); "Quiz me" pressed does move focus to the answer box.
    assert!(!effects.focus_answer);
    let quiz = s.quiz.as_ref().expect("a quiz");
    assert_eq!(quiz.ask, vec![Phase::Loss]);
    assert_eq!(s.view.panels, vec![Panel::Canvas, Panel::Controls]);
    let i = s.question().expect("a question");
    assert_eq!(s.plan()[i].0, StepKind::Loss);
    assert_eq!(s.quiz_panel().unwrap().question, "What is J?");
}

// ---- the quiz ----

#[test]
fn a_full_quiz_run_with_its_feedback_sentences_and_score() {
    let mut s = exam();
    let effects = s.apply(Command::StartQuiz {
        ask: Phase::ALL.to_vec(),
        tolerance: None,
    });
    assert!(effects.focus_answer && effects.redraw.layout);
    assert_eq!(s.timeline.position(), 0.0);
    let panel = s.quiz_panel().expect("a quiz panel");
    assert_eq!(panel.question, "What is z1?");
    assert_eq!(panel.answer_label.as_deref(), Some("Your value of z1"));
    assert!(panel.formula.starts_with("<math"));

    // Not a number.
    s.apply(Command::Answer("abc".into()));
    let feedback = s.quiz_panel().unwrap().feedback;
    assert!(feedback.starts_with("z1: "), "{feedback}");
    assert!(
        feedback.ends_with("Type a number and press Enter."),
        "{feedback}"
    );
    // A wrong answer with no recognised mistake.
    s.apply(Command::Answer("7".into()));
    let feedback = s.quiz_panel().unwrap().feedback;
    assert!(
        feedback.starts_with("Not quite: 7 is not z1. Check the formula"),
        "{feedback}"
    );
    assert_eq!(s.quiz.as_ref().unwrap().tries, 1);
    // Right at the second try: it counts as done, not as first-try.
    s.apply(Command::Answer("-0.1".into()));
    assert_eq!(
        s.quiz_panel().unwrap().feedback,
        "Right. z1 = x1·w1 + x2·w2 + b1[1] = 1·0.5 + 2·(−0.4) + 0.2 = −0.1"
    );
    assert_eq!(s.quiz_panel().unwrap().question, "What is a1?");
    // Show me.
    s.apply(Command::ShowAnswer);
    assert!(s
        .quiz_panel()
        .unwrap()
        .feedback
        .starts_with("Here it is: a1"));
    let asked = answer_all(&mut s);
    assert_eq!(asked, 26);
    let quiz = s.quiz.as_ref().unwrap();
    assert_eq!((quiz.score, quiz.done), (26, 28));
    let panel = s.quiz_panel().unwrap();
    assert_eq!(panel.question, "All done.");
    assert_eq!(panel.answer_label, None);
    assert!(
        panel
            .feedback
            .ends_with(". Quiz finished: 26 of 28 right at the first try."),
        "{}",
        panel.feedback
    );
    assert_eq!(panel.head, "Quiz · 26 of 28 right at the first try");
}

#[test]
fn the_quiz_names_the_model_answers_mistake_in_the_loss() {
    let mut s = exam();
    s.apply(Command::StartQuiz {
        ask: vec![Phase::Loss],
        tolerance: None,
    });
    s.apply(Command::Answer("0.2225".into()));
    let panel = s.quiz_panel().unwrap();
    assert!(panel.diagnosis.contains("log10"), "{}", panel.diagnosis);
    assert!(
        panel.feedback.contains("the base-10 logarithm"),
        "{}",
        panel.feedback
    );
    assert!(panel.feedback.ends_with("Try again, or press Show me."));
    s.apply(Command::Answer("0.5130".into()));
    assert_eq!(s.quiz_panel().unwrap().diagnosis, "");
    assert_eq!(s.quiz.as_ref().unwrap().score, 0, "not at the first try");
    assert_eq!(s.question(), None, "one phase, one question");
}

#[test]
fn restart_and_stop_the_quiz() {
    let mut s = exam();
    s.apply(Command::StartQuiz {
        ask: vec![Phase::Update],
        tolerance: Some(3),
    });
    let first = s.question().expect("a question");
    assert_eq!(s.plan()[first].0.phase(), Phase::Update);
    s.apply(Command::ShowAnswer);
    s.apply(Command::RestartQuiz);
    let quiz = s.quiz.as_ref().unwrap();
    assert_eq!((quiz.done, quiz.tolerance), (0, Some(3)));
    assert_eq!(s.question(), Some(first));
    let effects = s.apply(Command::StopQuiz);
    assert!(effects.redraw.layout);
    assert!(s.quiz.is_none());
    assert_eq!(s.quiz_panel(), None);
    assert_eq!(s.timeline.position(), s.timeline.len() as f64);
}

#[test]
fn a_scenario_with_a_quiz_opens_as_one() {
    let mut scenario = Scenario::preset("exam").unwrap();
    scenario.quiz = Some(backprop_viz::scenario::QuizSetting {
        ask: vec!["backward".into()],
        tolerance: None,
    });
    let mut s = exam();
    s.apply(Command::Load(scenario));
    assert_eq!(
        s.quiz.as_ref().map(|q| q.ask.clone()),
        Some(vec![Phase::Backward])
    );
}

// ---- data-set mode ----

fn data_mode() -> Session {
    let mut s = exam();
    let effects = s.apply(Command::EnterDataMode(None));
    assert!(effects.data.setup && effects.redraw.structure);
    s
}

#[test]
fn entering_data_mode_shows_a_point_and_leaving_restores_the_exam_as_it_was() {
    let mut s = exam();
    s.apply(Command::SetField {
        field: W1,
        value: 0.3,
    });
    s.apply(Command::EnterDataMode(None));
    assert!(s.data_mode());
    assert_eq!(s.scenario().layers, vec![2, 4, 2, 1]);
    assert_eq!(
        s.scenario().samples.len(),
        1,
        "one point as a one-sample scenario"
    );
    s.apply(Command::LeaveDataMode);
    assert!(!s.data_mode());
    assert_eq!(s.scenario().weights[0][0][0], 0.3);
    s.apply(Command::Undo);
    assert_eq!(
        s.scenario().weights[0][0][0],
        0.5,
        "the exam's history came back"
    );
    // The trained network is kept for the next visit.
    assert!(s.data.playground.is_some());
}

#[test]
fn a_picked_point_shows_that_points_trace() {
    let mut s = data_mode();
    let pick = Pick {
        test: true,
        index: 7,
    };
    s.apply(Command::Data(DataCommand::Pick(pick)));
    let (x1, x2, label) = s
        .data
        .playground
        .as_ref()
        .unwrap()
        .point(pick)
        .expect("test point 7 exists");
    let sample = &s.scenario().samples[0];
    assert_eq!(sample.x, vec![x1, x2]);
    assert_eq!(sample.y, vec![label]);
    assert_eq!(s.trace().samples[0].a[0], vec![x1, x2]);
    // A point that does not exist changes nothing.
    let before = s.scenario().clone();
    s.apply(Command::Data(DataCommand::Pick(Pick {
        test: false,
        index: 100_000,
    })));
    assert_eq!(s.scenario(), &before);
    // A click near the point picks it.
    s.apply(Command::Data(DataCommand::PickNear {
        x1: x1 + 0.01,
        x2,
        radius: 0.2,
    }));
    assert_eq!(s.scenario().samples[0].x, vec![x1, x2]);
}

#[test]
fn training_steps_move_the_weights_and_each_press_is_an_undo_entry() {
    let mut s = data_mode();
    let start = s.scenario().weights.clone();
    s.apply(Command::Data(DataCommand::StepBatch));
    assert_ne!(s.scenario().weights, start);
    let pg = s.data.playground.as_ref().unwrap();
    assert_eq!(pg.seen(), 10, "one batch of 10");
    s.apply(Command::Data(DataCommand::StepEpoch));
    assert_eq!(s.data.playground.as_ref().unwrap().seen(), 250);
    s.apply(Command::Undo);
    s.apply(Command::Undo);
    assert_eq!(
        s.scenario().weights,
        start,
        "undo goes back to the initial weights"
    );
    // Training frames only run while training plays.
    assert_eq!(
        s.apply(Command::Data(DataCommand::TrainingFrame)),
        Default::default()
    );
    assert!(s.apply(Command::Data(DataCommand::ToggleTraining)).animate);
    assert!(s.is_busy());
    s.apply(Command::Data(DataCommand::TrainingFrame));
    s.apply(Command::Data(DataCommand::ToggleTraining));
    assert!(!s.data.playing);
    s.apply(Command::Data(DataCommand::ResetTraining));
    assert_eq!(
        s.scenario().weights,
        start,
        "the seed fixes the initial weights"
    );
}

#[test]
fn every_data_setting_is_applied_and_bad_values_are_refused_by_name() {
    let mut s = data_mode();
    let set =
        |s: &mut Session, setting: DataSetting| s.apply(Command::Data(DataCommand::Set(setting)));
    let good = [
        DataSetting::Problem("classes".into()),
        DataSetting::Data("blobs".into()),
        DataSetting::Points("120".into()),
        DataSetting::Noise("10".into()),
        DataSetting::TestShare("25".into()),
        DataSetting::Seed("42".into()),
        DataSetting::LearningRate("0.1".into()),
        DataSetting::Batch("5".into()),
        DataSetting::Regularization("l2".into()),
        DataSetting::RegularizationRate("0.001".into()),
        DataSetting::Init("he".into()),
        DataSetting::Optimizer("adam".into()),
        DataSetting::EpochsPerFrame("10".into()),
        DataSetting::Feature("x1_squared".into(), true),
        DataSetting::Activation {
            layer: 1,
            name: "relu".into(),
        },
    ];
    for setting in good {
        let effects = set(&mut s, setting.clone());
        assert_eq!(effects.data_notice, Some(Notice::clear()), "{setting:?}");
    }
    let settings = s.data.playground.as_ref().unwrap().settings().clone();
    assert_eq!(settings.points, 120);
    assert_eq!(settings.noise, 0.1);
    assert_eq!(settings.test_share, 0.25);
    assert_eq!(settings.seed, 42);
    assert_eq!(settings.batch, 5);
    assert_eq!(settings.learning_rate, 0.1);
    assert_eq!(
        s.scenario().learning_rate,
        0.1,
        "the point's scenario follows"
    );
    assert_eq!(settings.features.len(), 3);
    assert_eq!(s.scenario().layers[0], 3);
    assert_eq!(settings.activations[1].name(), "relu");
    assert_eq!(settings.optimizer.name(), "adam");
    assert_eq!(settings.epochs_per_frame, 10);
    assert_eq!(
        s.scenario().optimizer.name(),
        "adam",
        "the point's step is Adam's"
    );

    let bad = [
        (
            DataSetting::Points("many".into()),
            "points: “many” is not a valid value",
        ),
        (
            DataSetting::Noise("x".into()),
            "noise: “x” is not a valid value",
        ),
        (
            DataSetting::Seed("-1".into()),
            "seed: “-1” is not a valid value",
        ),
        (
            DataSetting::LearningRate("fast".into()),
            "learning rate: “fast”",
        ),
        (DataSetting::Data("moons".into()), "data: “moons”"),
        (DataSetting::Problem("ranking".into()), "problem: “ranking”"),
        (
            DataSetting::Regularization("l3".into()),
            "regularisation: “l3”",
        ),
        (DataSetting::RegularizationRate("λ".into()), "λ: “λ”"),
        (DataSetting::Init("ones".into()), "initial weights: “ones”"),
        (
            DataSetting::Activation {
                layer: 9,
                name: "relu".into(),
            },
            "activations[9]: “relu” is not an activation",
        ),
        (DataSetting::Batch("0".into()), "batch"),
        (
            DataSetting::Optimizer("adagrad".into()),
            "optimiser: “adagrad”",
        ),
        (
            DataSetting::EpochsPerFrame("0".into()),
            "epochs_per_frame: 0 is out of range",
        ),
        (
            DataSetting::EpochsPerFrame("51".into()),
            "epochs_per_frame: 51 is out of range",
        ),
        (
            DataSetting::EpochsPerFrame("fast".into()),
            "epochs per frame: “fast”",
        ),
    ];
    for (setting, wanted) in bad {
        let effects = set(&mut s, setting.clone());
        let notice = effects.data_notice.expect("a refusal says why");
        assert!(notice.error, "a refusal is drawn as an error");
        let notice = notice.text;
        assert!(notice.contains(wanted), "{setting:?}: {notice}");
        assert!(notice.ends_with("; the settings are unchanged"), "{notice}");
        assert_eq!(
            s.data.playground.as_ref().unwrap().settings(),
            &settings,
            "{setting:?} changed the settings"
        );
    }
}

#[test]
fn layers_and_neurons_are_added_and_removed_and_a_new_seed_is_new() {
    let mut s = data_mode();
    s.apply(Command::Data(DataCommand::AddLayer));
    assert_eq!(s.scenario().layers, vec![2, 4, 2, 2, 1]);
    s.apply(Command::Data(DataCommand::AddNeuron(0)));
    assert_eq!(s.scenario().layers, vec![2, 5, 2, 2, 1]);
    s.apply(Command::Data(DataCommand::RemoveNeuron(2)));
    assert_eq!(s.scenario().layers, vec![2, 5, 2, 1, 1]);
    s.apply(Command::Data(DataCommand::RemoveLayer));
    assert_eq!(s.scenario().layers, vec![2, 5, 2, 1]);
    assert_eq!(
        s.plan().len(),
        s.timeline.len(),
        "the timeline follows the shape"
    );
    let seed = s.data.playground.as_ref().unwrap().settings().seed;
    s.apply(Command::Data(DataCommand::NewSeed));
    let new = s.data.playground.as_ref().unwrap().settings().seed;
    assert_eq!(new, next_seed(seed));
    assert_ne!(new, seed);
    assert!(new < 100_000);
}

#[test]
fn hand_made_points_and_csv_say_what_they_did() {
    let mut s = data_mode();
    let effects = s.apply(Command::Data(DataCommand::AddPoint {
        x1: 1.5,
        x2: -2.0,
        label: 1.0,
    }));
    let notice = effects.data_notice.unwrap();
    assert!(!notice.error, "news, not an error");
    let notice = notice.text;
    assert!(
        notice.starts_with("Added a point at (1.5, −2);"),
        "{notice}"
    );
    let effects = s.apply(Command::Data(DataCommand::ImportCsv(
        "x1,x2,label\n1,2,0\n3,oops,1\n-1,-1,1\n".into(),
    )));
    let problems = effects.csv_problems.expect("problems listed");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("line 3"), "{}", problems[0]);
    assert_eq!(
        effects.data_notice.map(|n| n.text).as_deref(),
        Some("2 points in the data.")
    );
    let pg = s.data.playground.as_ref().unwrap();
    assert_eq!(pg.train_set().points.len() + pg.test_set().points.len(), 2);
    s.apply(Command::Data(DataCommand::GeneratedData));
    let pg = s.data.playground.as_ref().unwrap();
    assert_eq!(
        pg.train_set().points.len() + pg.test_set().points.len(),
        500
    );
}

#[test]
fn an_edit_in_the_network_view_changes_the_network_being_trained() {
    let mut s = data_mode();
    s.apply(Command::SetField {
        field: W1,
        value: 0.25,
    });
    assert_eq!(
        s.data.playground.as_ref().unwrap().params().weights[0][0][0],
        0.25
    );
    s.apply(Command::SetField {
        field: Field::LearningRate,
        value: 0.5,
    });
    assert_eq!(
        s.data.playground.as_ref().unwrap().settings().learning_rate,
        0.5
    );
    let link = s.link();
    assert!(
        link.playground.is_some(),
        "a data-set link carries the playground"
    );
}

#[test]
fn reset_in_data_mode_goes_back_to_the_seeds_weights() {
    let mut s = data_mode();
    let start = s.scenario().weights.clone();
    s.apply(Command::Data(DataCommand::StepEpoch));
    s.apply(Command::Reset);
    assert_eq!(s.scenario().weights, start);
    assert_eq!(s.data.playground.as_ref().unwrap().seen(), 0);
}

#[test]
fn training_pauses_out_of_view_and_resumes() {
    let mut s = data_mode();
    s.apply(Command::Data(DataCommand::ToggleTraining));
    s.apply(Command::Seen {
        sight: Sight::Tab,
        seen: false,
    });
    assert!(!s.data.playing);
    let effects = s.apply(Command::Seen {
        sight: Sight::Tab,
        seen: true,
    });
    assert!(s.data.playing && effects.animate);
}

#[test]
fn loading_a_scenario_ends_data_mode_and_a_quiz() {
    let mut s = data_mode();
    s.apply(Command::Load(Scenario::preset("xor").unwrap()));
    assert!(!s.data_mode());
    assert_eq!(s.preset(), Some("xor"));
    let mut s = exam();
    s.apply(Command::StartQuiz {
        ask: Phase::ALL.to_vec(),
        tolerance: None,
    });
    s.apply(Command::EnterDataMode(None));
    assert!(s.quiz.is_none(), "data-set mode has no quiz");
}

#[test]
fn the_scene_is_built_from_the_session() {
    let mut s = exam();
    let mut log = Default::default();
    let scene = s.scene((900.0, 480.0), true, true, false, &mut log);
    assert!(!scene.anchors.is_empty());
    s.apply(Command::Select(Some(Place::Loss)));
    assert_eq!(s.selected, Some(Place::Loss));
}

#[test]
fn keyboard_shortcuts_map_to_commands_and_a_button_keeps_space_and_enter() {
    assert_eq!(
        Command::shortcut(" ", false, false, false),
        Some(Command::TogglePlay)
    );
    assert_eq!(
        Command::shortcut("k", false, false, true),
        Some(Command::TogglePlay)
    );
    assert_eq!(Command::shortcut(" ", false, false, true), None);
    assert_eq!(Command::shortcut("Enter", false, false, true), None);
    assert_eq!(
        Command::shortcut("ArrowLeft", false, false, true),
        Some(Command::StepBack)
    );
    assert_eq!(
        Command::shortcut("ArrowRight", false, false, false),
        Some(Command::StepForward)
    );
    assert_eq!(
        Command::shortcut("z", true, false, true),
        Some(Command::Undo)
    );
    assert_eq!(
        Command::shortcut("Z", true, true, false),
        Some(Command::Redo)
    );
    assert_eq!(
        Command::shortcut("y", true, false, false),
        Some(Command::Redo)
    );
    assert_eq!(Command::shortcut("z", false, false, false), None);
    // Where focus is decides: a text field's, a select's and a stand-in's keys are their own;
    // a button keeps Space (tag names come in capitals from the page).
    for tag in ["INPUT", "select", "TEXTAREA"] {
        assert_eq!(Command::shortcut_at("k", false, false, tag, false), None);
    }
    assert_eq!(
        Command::shortcut_at("ArrowRight", false, false, "DIV", true),
        None
    );
    assert_eq!(
        Command::shortcut_at(" ", false, false, "BUTTON", false),
        None
    );
    assert_eq!(
        Command::shortcut_at(" ", false, false, "BODY", false),
        Some(Command::TogglePlay)
    );
    assert_eq!(
        Command::shortcut_at("z", true, false, "BUTTON", false),
        Some(Command::Undo)
    );
    // Stepping back by keyboard after a click on Step.
    let mut s = exam();
    s.apply(Command::Seek(3.0));
    s.apply(Command::shortcut("ArrowLeft", false, false, true).unwrap());
    assert_eq!(s.timeline.position(), 2.0);
}

#[test]
fn export_file_names_come_from_titles() {
    use backprop_viz::session::frame::file_stem;
    let exam = Scenario::preset("exam").expect("exam");
    assert_eq!(
        file_stem(&exam),
        "exam-question-4-a-2-2-1-network-one-sgd-step"
    );
    let mut odd = exam.clone();
    odd.title = "<img src=x> ☃".into();
    assert_eq!(file_stem(&odd), "img-src-x");
    odd.title = "☃".into();
    assert_eq!(file_stem(&odd), "backprop-viz");
}

#[test]
fn the_panels_explain_the_current_step_and_the_selection() {
    let mut s = exam();
    s.apply(Command::Seek(0.0));
    assert_eq!(
        s.now_panel().head,
        "Ready: press Play or Step to start the forward pass"
    );
    s.apply(Command::Seek(1.0));
    let now = s.now_panel();
    assert_eq!(now.head, "Step 1 of 28 · forward pass");
    assert_eq!(
        now.plain,
        "z1 = x1·w1 + x2·w2 + b1[1] = 1·0.5 + 2·(−0.4) + 0.2 = −0.1"
    );
    assert!(now.math.starts_with("<math"), "{}", now.math);
    assert!(now.sentence.starts_with("z1 equals"), "{}", now.sentence);
    assert_eq!(s.detail_panel().head, "Explain");
    let w3 = Place::Weight {
        layer: 0,
        from: 0,
        to: 1,
    };
    s.apply(Command::Click(w3));
    let detail = s.detail_panel();
    assert_eq!(detail.head, "w3: x1 → h2");
    assert_eq!(
        detail.body.matches("class=\"bpv-factor\"").count(),
        5,
        "five chain-rule factors"
    );
    assert!(detail.body.contains("data-kind=\"WeightUpdate\""));
    s.apply(Command::StartQuiz {
        ask: Phase::ALL.to_vec(),
        tolerance: None,
    });
    s.apply(Command::ShowAnswer);
    assert_eq!(
        s.now_panel().sentence,
        "",
        "a quiz does not read the answers aloud"
    );
}

#[test]
fn the_menus_name_what_is_shown() {
    let mut s = exam();
    s.view.digits = 5;
    let c = s.controls();
    assert_eq!(c.digits, 5, "the Show menu says the digits shown");
    assert_eq!(c.preset.as_deref(), Some("exam"));
    s.apply(Command::SetField {
        field: W1,
        value: 0.25,
    });
    let c = s.controls();
    assert_eq!(c.preset, None);
    assert_eq!(
        c.scenario_label,
        "Exam question 4: a 2-2-1 network, one SGD step (edited)"
    );
    s.apply(Command::Undo);
    assert_eq!(
        s.controls().preset.as_deref(),
        Some("exam"),
        "undone: the preset again"
    );
    let mut imported = Scenario::preset("exam").unwrap();
    imported.title = "Homework 2".into();
    imported.weights[0][0][0] = 0.9;
    s.apply(Command::Load(imported));
    let c = s.controls();
    assert_eq!((c.preset, c.scenario_label.as_str()), (None, "Homework 2"));
}

#[test]
fn a_quiz_keeps_the_worked_solution_back_until_it_is_finished_unless_the_teacher_allows_it() {
    let mut s = exam();
    assert!(s.layout().answer_exports);
    s.apply(Command::StartQuiz {
        ask: vec![Phase::Loss],
        tolerance: None,
    });
    let layout = s.layout();
    assert!(
        !layout.answer_exports,
        "no worked solution one click from the answers"
    );
    assert!(!layout.table && !layout.timeline && !layout.editing && layout.quiz);
    let effects = s.apply(Command::ShowAnswer);
    assert!(
        effects.redraw.layout,
        "finishing the quiz shows the exports again"
    );
    assert!(s.layout().answer_exports);
    let link = Link {
        quiz: true,
        quiz_exports: true,
        ..Link::default()
    };
    let back = decode(&encode(&link)).expect("reads back");
    assert!(back.quiz_exports);
    let (s, _) = Session::from_link(&back);
    assert!(s.layout().answer_exports, "the teacher's link allows them");
    assert!(decode("v=1&exports=yes").is_err());
}

#[test]
fn with_several_samples_the_canvas_says_the_update_uses_the_mean_gradient() {
    use backprop_viz::scene::Shape;
    let mut s = Session::new(Scenario::preset("xor").unwrap());
    let texts = |s: &Session| -> Vec<String> {
        let mut log = Default::default();
        s.scene((1400.0, 700.0), false, true, false, &mut log)
            .shapes
            .iter()
            .filter_map(|shape| match shape {
                Shape::Text { text, .. } => Some(text.clone()),
                _ => None,
            })
            .collect()
    };
    let mean = backprop_viz::explain::number::number_text(s.trace().weight_grads[0][0][0], 4);
    let own =
        backprop_viz::explain::number::number_text(s.trace().samples[0].weight_grads[0][0][0], 4);
    // At the end of the timeline (the update shown): the mean the update used.
    assert!(
        texts(&s).contains(&format!("mean ∂J/∂w1 = {mean}")),
        "{:?}",
        texts(&s)
    );
    // Before the update, in the backward pass: this sample's own gradient.
    let first_update = s
        .plan()
        .iter()
        .position(|(k, _)| *k == StepKind::WeightUpdate)
        .unwrap();
    s.apply(Command::Seek(first_update as f64));
    assert!(
        texts(&s).contains(&format!("∂J/∂w1 = {own}")),
        "{:?}",
        texts(&s)
    );
    assert!(!texts(&s).iter().any(|t| t.starts_with("mean ")));
}

#[test]
fn an_update_that_overflows_is_drawn_and_labelled_as_such() {
    use backprop_viz::scene::{Shape, Theme};
    let text = r#"{ "version": 1, "layers": [2, 2, 1], "activations": ["relu", "sigmoid"], "loss": "bce",
        "learning_rate": 1e300, "weights": [[[0.5, -0.6], [-0.4, 0.8]], [[0.3], [-1e300]]],
        "biases": [[0.2, -0.2], [0.0]], "samples": [{"x": [1.0, 2.0], "y": [1.0]}] }"#;
    let s = Session::new(Scenario::from_json(text).expect("valid"));
    assert_eq!(
        s.trace().after.weights[0][0][1],
        f64::NEG_INFINITY,
        "w3 overflows"
    );
    let mut log = Default::default();
    let scene = s.scene((1400.0, 700.0), false, true, false, &mut log);
    let warning = Theme::named(ThemeName::Light).warning;
    let (index, ..) = scene
        .tags
        .iter()
        .find(|(_, kind, name)| kind == "edge" && name == "w3")
        .expect("w3 is drawn");
    match &scene.shapes[*index] {
        Shape::Line { color, .. } => assert_eq!(*color, warning, "drawn in the warning colour"),
        other => panic!("{other:?}"),
    }
    let labels: Vec<&str> = scene
        .shapes
        .iter()
        .filter_map(|shape| match shape {
            Shape::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert!(labels.contains(&"w3 = −0.6 → −∞"), "{labels:?}");
    assert!(labels.contains(&"overflow"), "{labels:?}");
}

#[test]
fn a_student_types_finite_values_over_the_numbers_an_update_overflowed() {
    let text = r#"{ "version": 1, "layers": [2, 2, 1], "activations": ["relu", "sigmoid"], "loss": "bce",
        "learning_rate": 1e300, "weights": [[[0.5, -0.6], [-0.4, 0.8]], [[0.3], [-1e300]]],
        "biases": [[0.2, -0.2], [0.0]], "samples": [{"x": [1.0, 2.0], "y": [1.0]}] }"#;
    let mut s = Session::new(Scenario::from_json(text).expect("valid"));
    s.apply(Command::ApplyStep);
    let broken = s.scenario().overflowed_params();
    assert!(broken > 0, "the step overflowed");
    // Each overflowed number takes a finite value typed over it (none is refused for another's
    // sake), and the learning rate a sensible one; then the network is whole again.
    let overflowed: Vec<Field> = Field::all(s.scenario(), 0)
        .into_iter()
        .filter(|f| f.get(s.scenario()).is_some_and(|v| !v.is_finite()))
        .collect();
    assert_eq!(overflowed.len(), broken);
    for field in overflowed {
        let effects = s.apply(Command::TypeValue {
            field,
            text: "0.1".into(),
        });
        assert!(effects.field_error.is_none(), "{field:?} was refused");
        assert_eq!(field.get(s.scenario()), Some(0.1));
    }
    s.apply(Command::TypeValue {
        field: Field::LearningRate,
        text: "0.01".into(),
    });
    assert_eq!(s.scenario().overflowed_params(), 0);
    assert_eq!(s.scenario().validate(), Ok(()));
    assert!(s.trace().loss.is_finite());
}

#[test]
fn data_set_mode_shows_no_scenario_or_sample_menu() {
    let mut s = exam();
    let layout = s.layout();
    assert!(layout.scenario_menu && layout.sample_menu);
    s.apply(Command::EnterDataMode(None));
    let layout = s.layout();
    assert!(
        !layout.scenario_menu,
        "the network view shows a point of the data, not a preset"
    );
    assert!(!layout.sample_menu, "the plot picks the point");
    assert!(
        !layout.quiz_toggle && !layout.reset,
        "no Quiz me, no second Reset"
    );
    assert!(layout.timeline, "the point's own timeline stays");
    s.apply(Command::LeaveDataMode);
    assert!(s.layout().scenario_menu);
}

#[test]
fn values_the_drawing_cannot_label_are_listed_with_what_is_known_so_far() {
    let mut s = exam();
    let w1 = Place::Weight {
        layer: 0,
        from: 0,
        to: 0,
    };
    let h1 = Place::Neuron { layer: 1, index: 0 };
    s.apply(Command::StartQuiz {
        ask: Phase::ALL.to_vec(),
        tolerance: None,
    });
    // The first question: z1, from w1 = 0.5; nothing computed yet.
    assert_eq!(s.unlabelled(&[w1, h1, h1]), vec!["w1 = 0.5", "b1[1] = 0.2"]);
    // At the end: the update and the gradient too, and the neuron's values.
    s.apply(Command::StopQuiz);
    let all = s.unlabelled(&[w1, h1]);
    assert_eq!(all[0], "w1 = 0.5 → 0.5 (∂J/∂w1 = 0)");
    assert_eq!(all[1], "z1 = −0.1, a1 = 0, δ1 = 0, b1[1] = 0.2");
    assert!(s.unlabelled(&[]).is_empty());
}

#[test]
fn a_teacher_can_embed_only_the_timeline() {
    use backprop_viz::share::Control;
    let link = decode("v=1&preset=exam&panels=canvas,controls,explain&controls=timeline")
        .expect("a minimal embed's link");
    assert_eq!(link.controls, vec![Control::Timeline]);
    let (s, _) = Session::from_link(&link);
    let layout = s.layout();
    assert!(layout.controls && layout.timeline && layout.timeline_info);
    assert!(!layout.editing && !layout.reset && !layout.quiz_toggle);
    assert!(!layout.options && !layout.mode_switch && !layout.exports && !layout.scenario_menu);
    assert!(
        !layout.editors,
        "no editors panel either: it was not asked for"
    );
    assert_eq!(
        decode(&encode(&s.link())).unwrap().controls,
        vec![Control::Timeline]
    );
    let full = exam().layout();
    assert!(full.options && full.mode_switch && full.exports && full.editing && full.quiz_toggle);
}

#[test]
fn a_typed_value_is_read_as_the_page_reads_numbers_and_a_bad_one_says_what_is_kept() {
    let mut s = exam();
    let before = W6.get(s.scenario()).expect("w6");
    let bad = s.apply(Command::TypeValue {
        field: W6,
        text: "0.5.5".into(),
    });
    let (field, note) = bad.field_note.expect("a message next to the box");
    assert_eq!(field, W6);
    assert!(note.starts_with("w6: "), "{note}");
    assert!(note.ends_with(&format!("; kept {before}")), "{note}");
    assert_eq!(W6.get(s.scenario()), Some(before));
    let good = s.apply(Command::TypeValue {
        field: W6,
        text: "−0,25".into(),
    });
    assert_eq!(
        good.field_note,
        Some((W6, String::new())),
        "a good value clears it"
    );
    assert_eq!(W6.get(s.scenario()), Some(-0.25));
    let rate = s.apply(Command::TypeValue {
        field: Field::LearningRate,
        text: "-1".into(),
    });
    let note = rate.field_note.expect("refused").1;
    assert!(
        note.starts_with("η: ") && note.ends_with("; kept 0.01"),
        "{note}"
    );
    // Two typed values are two undo entries (each one a gesture of its own).
    s.apply(Command::TypeValue {
        field: W6,
        text: "0.75".into(),
    });
    s.apply(Command::Undo);
    assert_eq!(W6.get(s.scenario()), Some(-0.25));
}

#[test]
fn arrow_keys_on_a_canvas_target_nudge_its_value_within_one_gesture() {
    let mut s = exam();
    let w1 = Place::Weight {
        layer: 0,
        from: 0,
        to: 0,
    };
    let start = W1.get(s.scenario()).expect("w1");
    for (key, shift, alt) in [
        ("ArrowUp", false, false),
        ("ArrowRight", true, false),
        ("ArrowDown", false, true),
    ] {
        let command = Command::on_target_key(w1, key, shift, alt).expect("an arrow is a nudge");
        s.apply(command);
    }
    assert!(close(
        W1.get(s.scenario()).unwrap(),
        round_to(start + 0.01 + 0.1 - 0.001, 0.001)
    ));
    s.apply(Command::EndGesture);
    s.apply(Command::Undo);
    assert_eq!(
        W1.get(s.scenario()),
        Some(start),
        "three presses, one undo entry"
    );
    assert_eq!(
        Command::on_target_key(w1, "Enter", false, false),
        Some(Command::Click(w1))
    );
    assert_eq!(
        Command::on_target_key(w1, "Escape", false, false),
        Some(Command::Select(None))
    );
    assert_eq!(Command::on_target_key(w1, "a", false, false), None);
    // The loss has no value to nudge.
    let none = s.apply(Command::on_target_key(Place::Loss, "ArrowUp", false, false).unwrap());
    assert_eq!(none, backprop_viz::session::Effects::none());
}

#[test]
fn each_toolbar_button_stands_for_its_command_and_quiz_me_ends_a_running_quiz() {
    let mut s = exam();
    let skeleton = backprop_viz::session::markup::widget(1);
    for (class, command) in [
        ("bpv-play", Command::TogglePlay),
        ("bpv-forward", Command::StepForward),
        ("bpv-undo", Command::Undo),
        ("bpv-mode-data", Command::EnterDataMode(None)),
    ] {
        assert!(
            skeleton.contains(&format!("class=\"{class}\"")),
            "{class} is on the page"
        );
        assert_eq!(s.button_command(class), Some(command));
    }
    assert_eq!(
        s.button_command("bpv-play-btn"),
        None,
        "the data panel's buttons are its own"
    );
    let start = s.button_command("bpv-quiz-toggle").expect("Quiz me");
    assert!(matches!(start, Command::StartQuiz { .. }));
    s.apply(start);
    assert_eq!(s.button_command("bpv-quiz-toggle"), Some(Command::StopQuiz));
    assert_eq!(
        DataCommand::from_act("add-neuron", Some(1)),
        Some(DataCommand::AddNeuron(1))
    );
    assert_eq!(DataCommand::from_act("add-neuron", None), None);
    assert_eq!(
        DataCommand::from_act("train", None),
        None,
        "the shell times training"
    );
}

#[test]
fn the_timeline_announces_each_step_it_reaches_once_with_its_detail() {
    let mut s = exam();
    s.apply(Command::Seek(0.0));
    // The first frame only notes where the timeline is.
    assert_eq!(s.step_reached(), None);
    s.apply(Command::Seek(1.0));
    let event = s
        .step_reached()
        .expect("the timeline moved to the first step");
    assert_eq!(
        event,
        ApiEvent::Step {
            index: Some(0),
            kind: Some(StepKind::PreActivation)
        }
    );
    assert_eq!(
        detail_json(&event.detail()),
        serde_json::json!({ "index": 0, "kind": "PreActivation" })
    );
    assert_eq!(
        s.step_reached(),
        None,
        "the same step is not announced twice"
    );
    s.apply(Command::Seek(0.0));
    let back = s.step_reached().expect("back before the first step");
    assert_eq!(
        detail_json(&back.detail()),
        serde_json::json!({ "index": null, "kind": null })
    );
}

#[test]
fn edit_and_update_details_are_the_objects_the_types_promise() {
    let mut s = exam();
    let effects = s.apply(Command::SetField {
        field: W6,
        value: -0.25,
    });
    let edit = effects.events.first().expect("an edit event").detail();
    assert_eq!(
        detail_json(&edit),
        serde_json::json!({ "field": "weights[1][1][0]", "value": -0.25 })
    );
    let effects = s.apply(Command::ApplyStep);
    let update = effects
        .events
        .iter()
        .find(|e| e.name() == "update")
        .expect("an update event")
        .detail();
    let value = detail_json(&update);
    let keys: Vec<&String> = value.as_object().expect("an object").keys().collect();
    assert_eq!(keys, ["lossBefore", "lossAfter"]);
    assert!(value["lossAfter"].as_f64() < value["lossBefore"].as_f64());
}

#[test]
fn the_cursor_says_what_a_press_on_the_canvas_does() {
    use backprop_viz::session::cursor;
    assert_eq!(cursor(Some(Place::Loss)), "pointer");
    let s = exam();
    let weight = s
        .plan()
        .iter()
        .map(|(_, place)| *place)
        .find(|place| *place != Place::Loss)
        .expect("the exam has other places than its loss");
    assert_eq!(cursor(Some(weight)), "ns-resize");
    assert_eq!(cursor(None), "default");
}

#[test]
fn the_data_panels_controls_and_keys_stand_for_their_commands() {
    assert_eq!(
        DataSetting::from_control("activation", "relu", false, Some(1)),
        Some(DataSetting::Activation {
            layer: 1,
            name: "relu".into()
        })
    );
    assert_eq!(
        DataSetting::from_control("activation", "relu", false, None),
        None,
        "an activation menu belongs to a layer"
    );
    assert_eq!(
        DataSetting::from_control("feature", "x1x2", true, None),
        Some(DataSetting::Feature("x1x2".into(), true))
    );
    assert_eq!(
        DataSetting::from_control("click", "add:1", false, None),
        None
    );
    assert_eq!(
        DataCommand::plot_key("ArrowDown"),
        Some(DataCommand::NextPoint(1))
    );
    assert_eq!(
        DataCommand::plot_key("ArrowLeft"),
        Some(DataCommand::NextPoint(-1))
    );
    assert_eq!(DataCommand::plot_key("T"), Some(DataCommand::OtherSet));
    assert_eq!(DataCommand::plot_key("Enter"), None);
}

#[test]
fn a_quiz_reports_its_progress_as_events_27_of_28_with_one_wrong_try() {
    let mut s = exam();
    let quiz_events = |effects: &backprop_viz::session::Effects| -> Vec<ApiEvent> {
        effects
            .events
            .iter()
            .filter(|e| e.name() == "quiz")
            .cloned()
            .collect()
    };
    let started = s.apply(Command::StartQuiz {
        ask: Phase::ALL.to_vec(),
        tolerance: None,
    });
    assert_eq!(
        quiz_events(&started),
        [ApiEvent::Quiz {
            right: 0,
            done: 0,
            questions: 28,
            finished: false
        }]
    );
    let mut last = None;
    let mut wrong_once = false;
    while let Some(i) = s.question() {
        let step = s.step_at(i).expect("a step");
        if step.symbol.to_text(4) == "J" && !wrong_once {
            wrong_once = true;
            // The model answer's log10 loss: wrong, and no progress to report.
            let effects = s.apply(Command::Answer("0.2225".into()));
            assert!(quiz_events(&effects).is_empty());
        }
        let effects = s.apply(Command::Answer(format!("{}", step.value)));
        let events = quiz_events(&effects);
        assert_eq!(events.len(), 1, "one event a finished question");
        last = events.into_iter().next();
    }
    assert!(wrong_once);
    let last = last.expect("events");
    assert_eq!(
        last,
        ApiEvent::Quiz {
            right: 27,
            done: 28,
            questions: 28,
            finished: true
        }
    );
    assert_eq!(
        detail_json(&last.detail()),
        serde_json::json!({ "right": 27, "done": 28, "questions": 28, "finished": true })
    );
    // Only the phases asked count.
    let effects = s.apply(Command::StartQuiz {
        ask: vec![Phase::Loss],
        tolerance: None,
    });
    assert_eq!(
        quiz_events(&effects),
        [ApiEvent::Quiz {
            right: 0,
            done: 0,
            questions: 1,
            finished: false
        }]
    );
}

/// An event's detail as JSON (its own writer's text, read by serde_json to compare with `json!`).
fn detail_json(detail: &backprop_viz::session::Detail) -> serde_json::Value {
    let text = backprop_viz::json::ToJson::to_json(detail).to_string();
    serde_json::from_str(&text).expect("a detail is JSON")
}
