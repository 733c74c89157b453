//! The update phase of each optimiser, as a student reads it: every parameter's velocity or
//! moments, Adam's bias corrections and the step, each a formula with its numbers, in the
//! timeline, the panels, the handouts and the quiz.

use backprop_viz::explain::{explain, plan, scenario_plan, step_line, Place, StepKind};
use backprop_viz::nn::optimizer::Moment;
use backprop_viz::nn::optimizer_state::flatten;
use backprop_viz::nn::Optimizer;
use backprop_viz::quiz::{check, Mistake, Verdict};
use backprop_viz::scenario::Scenario;
use backprop_viz::session::{Command, Session};

const W6: Place = Place::Weight {
    layer: 1,
    from: 1,
    to: 0,
};

fn exam_with(kind: &str) -> Scenario {
    let mut s = Scenario::preset("exam").expect("exam");
    s.optimizer = Optimizer::from_name(kind).expect("a kind");
    s
}

#[test]
fn each_parameter_gets_its_optimizers_quantities_before_its_update() {
    let sgd = plan(&[2, 2, 1]).len();
    for (kind, per_param) in [
        ("sgd", 0),
        ("momentum", 1),
        ("nesterov", 1),
        ("rmsprop", 1),
        ("adam", 4),
    ] {
        let s = exam_with(kind);
        assert_eq!(scenario_plan(&s).len(), sgd + 9 * per_param, "{kind}");
        let steps = explain(&s, &s.step_trace(), 0);
        assert_eq!(
            steps.len(),
            scenario_plan(&s).len(),
            "{kind}: every step is built"
        );
    }
    // Frozen biases move no moments.
    let mut frozen = exam_with("adam");
    frozen.freeze_biases = true;
    assert_eq!(scenario_plan(&frozen).len(), sgd + 6 * 4);
}

#[test]
fn adams_first_step_on_w6_reads_as_the_lecture_writes_it() {
    let s = exam_with("adam");
    let trace = s.step_trace();
    let steps = explain(&s, &trace, 0);
    let line = |kind: StepKind| {
        let step = steps
            .iter()
            .find(|st| st.kind == kind && st.place == W6)
            .expect("the step exists");
        step_line(step, 4)
    };
    // ∂J/∂w6 = a2·δ3 = 0.8·0.401312 = 0.321050.
    assert_eq!(
        line(StepKind::WeightState(Moment::First)),
        "m_w6 ← β1·m_w6 + (1 − β1)·∂J/∂w6 = 0.9·0 + (1 − 0.9)·0.3210 ≈ 0.03210"
    );
    assert_eq!(
        line(StepKind::WeightState(Moment::Second)),
        "v_w6 ← β2·v_w6 + (1 − β2)·(∂J/∂w6)² = 0.999·0 + (1 − 0.999)·0.3210² ≈ 0.0001031"
    );
    assert_eq!(
        line(StepKind::WeightState(Moment::FirstCorrected)),
        "m̂_w6 = m_w6/(1 − β1¹) = 0.03210/(1 − 0.9¹) ≈ 0.3210"
    );
    assert_eq!(
        line(StepKind::WeightState(Moment::SecondCorrected)),
        "v̂_w6 = v_w6/(1 − β2¹) = 0.0001031/(1 − 0.999¹) ≈ 0.1031"
    );
    assert_eq!(
        line(StepKind::WeightUpdate),
        "w6 ← w6 − η·(m̂_w6/(√v̂_w6 + ε)) = −0.5 − 0.01·(0.3210/(√0.1031 + 1×10⁻⁸)) ≈ −0.5100"
    );
}

#[test]
fn every_state_step_shows_the_value_the_core_computed() {
    for kind in ["momentum", "nesterov", "rmsprop", "adam"] {
        let mut s = exam_with(kind);
        s.apply_step(&s.step_trace());
        let trace = s.step_trace();
        let steps = explain(&s, &trace, 0);
        let after = flatten(&trace.after);
        let mut updates = 0;
        for st in &steps {
            match st.kind {
                StepKind::WeightUpdate | StepKind::BiasUpdate => {
                    assert!(after.contains(&st.value), "{kind}: {}", step_line(st, 6));
                    updates += 1;
                }
                StepKind::WeightState(m) | StepKind::BiasState(m) => {
                    assert!(
                        trace.stages.iter().any(|stage| stage.moment(m) == st.value),
                        "{kind}: {}",
                        step_line(st, 6)
                    );
                }
                _ => {}
            }
        }
        assert_eq!(updates, 9);
    }
}

#[test]
fn nesterov_looks_ahead_along_the_new_velocity() {
    let s = exam_with("nesterov");
    let steps = explain(&s, &s.step_trace(), 0);
    let update = steps
        .iter()
        .find(|st| st.kind == StepKind::WeightUpdate && st.place == W6)
        .expect("w6's update");
    assert_eq!(
        step_line(update, 4),
        "w6 ← w6 − η·(∂J/∂w6 + μ·v_w6) = −0.5 − 0.01·(0.3210 + 0.9·0.3210) ≈ −0.5061"
    );
}

#[test]
fn the_quiz_diagnoses_forgetting_adams_bias_correction() {
    let s = exam_with("adam");
    // Without the correction: m/(√v + ε) = 0.032105/0.0101524 = 3.1623, w6 = −0.5 − 0.031623.
    let c = check(&s, 0, StepKind::WeightUpdate, W6, -0.5316, 4);
    assert_eq!(
        c.verdict,
        Verdict::Mistaken(vec![Mistake::NoBiasCorrection])
    );
    assert!(Mistake::NoBiasCorrection.describe().contains("1 − β₁ᵗ"));
    assert_eq!(
        check(&s, 0, StepKind::WeightUpdate, W6, -0.51, 4).verdict,
        Verdict::Correct
    );
    // A moment is checked like any other value.
    let m = check(&s, 0, StepKind::WeightState(Moment::First), W6, 0.0321, 3);
    assert_eq!(m.verdict, Verdict::Correct);
    // Under SGD the same mistake gives the same number as the right answer: never diagnosed.
    let sgd = Scenario::preset("exam").expect("exam");
    let right = sgd.step_trace().after.weights[1][1][0];
    assert_eq!(
        check(&sgd, 0, StepKind::WeightUpdate, W6, right, 6).verdict,
        Verdict::Correct
    );
}

#[test]
fn apply_step_carries_the_state_and_undo_takes_it_back() {
    let mut session = Session::new(exam_with("adam"));
    for _ in 0..3 {
        session.apply(Command::ApplyStep);
    }
    let step = |s: &Session| s.scenario().optimizer_state.as_ref().map(|st| st.step);
    assert_eq!(step(&session), Some(3));
    session.apply(Command::Undo);
    assert_eq!(step(&session), Some(2));
    // The panel of edge w6 explains its moments and its step, headed "Adam update".
    session.apply(Command::Select(Some(W6)));
    let panel = session.detail_panel();
    for symbol in ["m_w6", "v_w6", "m̂_w6", "v̂_w6"] {
        assert!(panel.body.contains(symbol), "{symbol} in the panel");
    }
    let table = session.table_rows();
    assert!(table.iter().any(|row| row.phase == "Adam update"));
}

#[test]
fn the_optimiser_menu_is_one_undoable_edit_with_editors_for_its_hyper_parameters() {
    use backprop_viz::edit::Field;
    let mut s = Session::new(Scenario::preset("exam").expect("exam"));
    assert_eq!(s.controls().apply_label, "Apply SGD step");
    let command = s
        .menu_command("bpv-optimizer", "adam")
        .expect("a menu choice");
    let effects = s.apply(command);
    assert!(
        effects.redraw.structure,
        "the editors and the table are rebuilt"
    );
    assert_eq!(s.controls().apply_label, "Apply Adam step");
    assert_eq!(s.controls().optimizer, "adam");
    let hyper: Vec<Field> = s
        .fields()
        .into_iter()
        .filter(|f| matches!(f, Field::Hyper(_)))
        .collect();
    assert_eq!(
        hyper,
        [
            Field::Hyper("beta1"),
            Field::Hyper("beta2"),
            Field::Hyper("epsilon")
        ]
    );
    // β1 = 1 would never forget: refused by name, and the last good value stays.
    let refused = s.apply(Command::SetField {
        field: Field::Hyper("beta1"),
        value: 1.0,
    });
    let error = refused.field_error.expect("refused");
    assert_eq!(error.path, "optimizer.beta1");
    assert_eq!(Field::Hyper("beta1").get(s.scenario()), Some(0.9));
    s.apply(Command::SetField {
        field: Field::Hyper("beta1"),
        value: 0.8,
    });
    s.apply(Command::EndGesture);
    assert_eq!(
        s.scenario().optimizer,
        Optimizer::Adam {
            beta1: 0.8,
            beta2: 0.999,
            epsilon: 1e-8
        }
    );
    assert_eq!(Field::parse("optimizer.beta1"), Some(Field::Hyper("beta1")));
    s.apply(Command::Undo);
    s.apply(Command::Undo);
    assert_eq!(s.scenario().optimizer, Optimizer::Sgd);
    assert!(s.menu_command("bpv-optimizer", "adagrad").is_none());
}

mod data_set_mode {
    use backprop_viz::nn::Optimizer;
    use backprop_viz::playground::{Playground, Settings};
    use backprop_viz::scenario::Scenario;
    use backprop_viz::session::{Command, DataCommand, DataSetting, Session};
    use backprop_viz::share::{decode, encode};

    fn training(setting: &[DataSetting]) -> Session {
        let mut s = Session::new(Scenario::preset("exam").expect("exam"));
        s.apply(Command::EnterDataMode(None));
        for setting in setting {
            s.apply(Command::Data(DataCommand::Set(setting.clone())));
        }
        s
    }

    fn playground(s: &Session) -> &Playground {
        s.data.playground.as_ref().expect("data-set mode")
    }

    #[test]
    fn a_training_frame_runs_the_epochs_the_speed_asks_for() {
        let mut s = training(&[DataSetting::EpochsPerFrame("5".into())]);
        s.apply(Command::Data(DataCommand::ToggleTraining));
        s.apply(Command::Data(DataCommand::TrainingFrame));
        let epoch = playground(&s).epoch();
        assert!((epoch - 5.0).abs() < 1e-9, "epoch {epoch}");
    }

    #[test]
    fn a_frame_too_heavy_for_its_speed_runs_fewer_epochs_and_says_so() {
        let heavy = Settings {
            hidden: vec![8; 6],
            points: 2000,
            test_share: 0.0,
            epochs_per_frame: 50,
            ..Settings::default()
        };
        // 2000 points × 344 weights: 4 epochs fit the frame's work.
        assert_eq!(heavy.frame_epochs(2000), 4);
        assert_eq!(Settings::default().frame_epochs(250), 1);
        let mut s = training(&[
            DataSetting::Points("2000".into()),
            DataSetting::TestShare("0".into()),
            DataSetting::EpochsPerFrame("50".into()),
        ]);
        for _ in 0..6 {
            s.apply(Command::Data(DataCommand::AddLayer));
        }
        let status = s
            .data_status_writes()
            .into_iter()
            .find_map(|w| match w {
                backprop_viz::session::writes::Write::Text("bpv-play-status", text) => Some(text),
                _ => None,
            })
            .expect("a status");
        assert!(
            status.contains("epochs a frame (more would not keep time"),
            "{status}"
        );
    }

    #[test]
    fn training_with_adam_carries_its_moments_into_the_point_and_the_link() {
        let mut s = training(&[DataSetting::Optimizer("adam".into())]);
        s.apply(Command::Data(DataCommand::StepEpoch));
        let pg = playground(&s);
        let steps = pg.optimizer_state().step;
        assert_eq!(steps, 25, "250 training points in batches of 10");
        let point = s.scenario();
        assert_eq!(point.optimizer.name(), "adam");
        assert_eq!(point.optimizer_state.as_ref().map(|st| st.step), Some(25));
        // The link restores the moments: the next epoch is the same from either.
        let link = s.link();
        let mut back = decode(&encode(&link)).expect("the link reads back");
        let saved = back.playground.take().expect("a playground");
        let mut restored = Playground::restore(saved).expect("restores");
        assert_eq!(restored.optimizer_state(), pg.optimizer_state());
        let mut original = Playground::restore(pg.save()).expect("restores");
        original.step_epoch().expect("finite");
        restored.step_epoch().expect("finite");
        assert_eq!(original.params(), restored.params());
        // Another optimiser starts from a fresh state, keeping the weights.
        let weights = pg.params();
        s.apply(Command::Data(DataCommand::Set(DataSetting::Optimizer(
            "momentum".into(),
        ))));
        let pg = playground(&s);
        assert_eq!(pg.params(), weights);
        assert_eq!(pg.optimizer_state().step, 0);
        assert_eq!(
            pg.settings().optimizer,
            Optimizer::Momentum { momentum: 0.9 }
        );
    }
}

#[test]
fn in_data_set_mode_the_toolbars_optimiser_menu_changes_trainings() {
    let mut s = Session::new(Scenario::preset("exam").expect("exam"));
    s.apply(Command::EnterDataMode(None));
    let command = s
        .menu_command("bpv-optimizer", "rmsprop")
        .expect("a choice");
    s.apply(command);
    let pg = s.data.playground.as_ref().expect("data-set mode");
    assert_eq!(pg.settings().optimizer.name(), "rmsprop");
    assert_eq!(s.scenario().optimizer.name(), "rmsprop");
    assert_eq!(s.controls().optimizer, "rmsprop");
}

#[test]
fn a_quiz_on_adams_update_asks_every_moment_and_names_a_forgotten_correction() {
    use backprop_viz::explain::Phase;
    let mut s = Session::new(exam_with("adam"));
    s.apply(Command::StartQuiz {
        ask: vec![Phase::Update],
        tolerance: Some(4),
    });
    let mut asked = Vec::new();
    while let Some(i) = s.question() {
        let step = s.step_at(i).expect("a question is a step");
        if step.kind == StepKind::WeightUpdate && step.place == W6 {
            // −0.5316: the step with m and v instead of m̂ and v̂.
            s.apply(Command::Answer("-0.5316".into()));
            let panel = s.quiz_panel().expect("the quiz panel");
            assert!(
                panel.feedback.contains("bias correction"),
                "{}",
                panel.feedback
            );
        }
        s.apply(Command::Answer(format!("{}", step.value)));
        asked.push(step.kind);
        assert!(asked.len() < 100, "the quiz ends");
    }
    let moments = asked
        .iter()
        .filter(|k| matches!(k, StepKind::WeightState(_) | StepKind::BiasState(_)))
        .count();
    assert_eq!(moments, 9 * 4, "m, v, m̂ and v̂ of every parameter");
    assert_eq!(asked.len(), 9 * 5);
}

#[test]
fn a_data_set_link_with_a_bad_optimiser_state_is_refused_by_path() {
    use backprop_viz::playground::{Playground, Saved, Settings};
    let settings = Settings {
        optimizer: Optimizer::from_name("momentum").expect("momentum"),
        ..Settings::default()
    };
    let mut pg = Playground::new(settings, None).expect("a playground");
    pg.step_epoch().expect("finite");
    let mut saved: Saved = pg.save();
    let state = saved
        .optimizer_state
        .as_mut()
        .expect("momentum keeps a velocity");
    state.velocity.as_mut().expect("velocity").weights[0][0][0] = f64::NAN;
    let refused = |saved: Saved| match Playground::restore(saved) {
        Ok(_) => panic!("a bad state must be refused"),
        Err(e) => e,
    };
    let e = refused(saved.clone());
    assert_eq!(e.field, "optimizer_state.velocity.weights[0][0][0]");
    let state = saved.optimizer_state.as_mut().expect("state");
    state.velocity = None;
    state.second_moment = Some(pg.params());
    let e = refused(saved);
    assert_eq!(e.field, "optimizer_state.second_moment");
}

#[test]
fn choosing_an_optimiser_at_the_end_of_the_timeline_shows_its_whole_update() {
    let mut s = Session::new(Scenario::preset("exam").expect("exam"));
    assert_eq!(s.timeline.position(), 28.0);
    let command = s.menu_command("bpv-optimizer", "adam").expect("a choice");
    s.apply(command);
    assert_eq!(s.timeline.len(), 64);
    assert_eq!(s.timeline.position(), 64.0, "still everything shown");
    assert!(s.controls().position_text.starts_with("Step 64 of 64"));
}
