//! Authoring a question without JSON: each change through a `Command::Author`, as a teacher's
//! clicks make it. Each is one undo entry, keeps the weights the shape allows, and a change that
//! does not fit is refused with the file format's message and changes nothing.

use backprop_viz::explain::Phase;
use backprop_viz::nn::Activation;
use backprop_viz::scenario::Scenario;
use backprop_viz::session::{authored, ApiEvent, Authoring, Command, Session};

fn exam() -> Session {
    Session::new(Scenario::preset("exam").expect("the exam is a preset"))
}

fn author(s: &mut Session, change: Authoring) -> Option<String> {
    s.apply(Command::Author(change)).notice
}

/// Whether every number is an exam's: one decimal, within ±0.9.
fn one_decimal(values: impl IntoIterator<Item = f64>) -> bool {
    values
        .into_iter()
        .all(|v| (v * 10.0 - (v * 10.0).round()).abs() < 1e-9 && v.abs() <= 0.9 + 1e-12)
}

#[test]
fn adding_a_neuron_keeps_every_weight_and_undoes_in_one_step() {
    let mut s = exam();
    let before = s.scenario().clone();
    assert_eq!(author(&mut s, Authoring::AddNeuron(1)), None);
    let after = s.scenario().clone();
    assert_eq!(after.layers, [2, 3, 1]);
    for i in 0..2 {
        assert_eq!(after.weights[0][i][..2], before.weights[0][i][..]);
    }
    assert_eq!(after.weights[1][..2], before.weights[1][..]);
    assert_eq!(after.biases[0][..2], before.biases[0][..]);
    let new: Vec<f64> = vec![
        after.weights[0][0][2],
        after.weights[0][1][2],
        after.weights[1][2][0],
    ];
    assert!(
        one_decimal(new.iter().copied()) && new.iter().all(|w| *w != 0.0),
        "{new:?}"
    );
    s.apply(Command::Undo);
    assert_eq!(s.scenario(), &before);
    s.apply(Command::Redo);
    assert_eq!(s.scenario(), &after);
}

#[test]
fn adding_and_removing_a_layer_keeps_the_layers_it_does_not_touch() {
    let mut s = exam();
    let before = s.scenario().clone();
    author(&mut s, Authoring::AddLayer);
    let deeper = s.scenario().clone();
    assert_eq!(deeper.layers, [2, 2, 2, 1]);
    assert_eq!(
        deeper.activations,
        [Activation::Relu, Activation::Relu, Activation::Sigmoid]
    );
    assert_eq!(
        deeper.weights[0], before.weights[0],
        "the first layer's weights stay"
    );
    assert!(one_decimal(
        deeper.weights[1..].iter().flatten().flatten().copied()
    ));
    author(&mut s, Authoring::RemoveLayer(2));
    assert_eq!(s.scenario().layers, [2, 2, 1]);
    assert_eq!(s.scenario().weights[0], before.weights[0]);
    assert_eq!(
        author(&mut s, Authoring::RemoveLayer(2)).as_deref(),
        Some("Not changed: layers: layers[2] is not a hidden layer.")
    );
    s.apply(Command::Undo);
    s.apply(Command::Undo);
    assert_eq!(s.scenario(), &before, "two changes, two undo steps");
}

#[test]
fn what_does_not_fit_is_refused_with_the_file_formats_message_and_changes_nothing() {
    let mut s = exam();
    let before = s.scenario().clone();
    let refused = [
        (
            Authoring::RemoveNeuron(2),
            "layers[2]: has one neuron; a layer keeps at least one",
        ),
        (
            Authoring::SetActivation {
                layer: 0,
                name: "softmax".into(),
            },
            "activations[0]: \"softmax\" is only allowed on the output layer",
        ),
        (
            Authoring::SetActivation {
                layer: 0,
                name: "swish".into(),
            },
            "activations[0]: “swish” is not an activation",
        ),
        (
            Authoring::SetLoss("hinge".into()),
            "loss: “hinge” is not a loss",
        ),
        (
            Authoring::RemoveSample(0),
            "samples: a question keeps at least one sample",
        ),
        (Authoring::RemoveSample(3), "samples: there is no sample 4"),
        (
            Authoring::SetTitle("x".repeat(201)),
            "title: is 201 characters long; the limit is 200",
        ),
    ];
    for (change, message) in refused {
        let notice =
            author(&mut s, change.clone()).unwrap_or_else(|| panic!("{change:?} was accepted"));
        assert_eq!(notice, format!("Not changed: {message}."), "{change:?}");
        assert_eq!(s.scenario(), &before);
    }
    assert!(!s.controls().can_undo, "a refusal adds no undo entry");
}

#[test]
fn the_loss_follows_an_output_layer_it_no_longer_fits_and_says_so() {
    let mut s = exam();
    let tanh = |layer| Authoring::SetActivation {
        layer,
        name: "tanh".into(),
    };
    assert_eq!(
        author(&mut s, tanh(1)).as_deref(),
        Some("The loss is now mse, which fits the new output layer.")
    );
    assert_eq!(
        s.scenario().activations,
        [Activation::Relu, Activation::Tanh]
    );
    assert_eq!(s.scenario().loss.name(), "mse");
    s.apply(Command::Undo);
    assert_eq!(s.scenario().loss.name(), "bce", "one undo step for both");
    assert_eq!(s.scenario().activations[1], Activation::Sigmoid);
    // A hidden layer's activation leaves the loss alone; a change to what is already there is
    // no undo entry.
    assert_eq!(author(&mut s, tanh(0)), None);
    assert_eq!(s.scenario().loss.name(), "bce");
    let before = s.scenario().clone();
    author(&mut s, tanh(0));
    s.apply(Command::Undo);
    assert_ne!(
        s.scenario(),
        &before,
        "the undo went back past the change that changed nothing"
    );
}

#[test]
fn nice_weights_are_an_exams_from_their_seed_and_frozen_biases_stay() {
    let exam = Scenario::preset("exam").expect("exam");
    let a = authored(&exam, &Authoring::NiceWeights(7)).expect("drawn");
    let b = authored(&exam, &Authoring::NiceWeights(7)).expect("drawn");
    let c = authored(&exam, &Authoring::NiceWeights(8)).expect("drawn");
    assert_eq!(a, b, "the same seed, the same weights");
    assert_ne!(a.weights, c.weights);
    assert!(one_decimal(a.weights.iter().flatten().flatten().copied()));
    assert!(a.weights.iter().flatten().flatten().all(|w| *w != 0.0));
    assert!(one_decimal(a.biases.iter().flatten().copied()));
    let frozen = authored(&exam, &Authoring::FreezeBiases(true)).expect("frozen");
    let drawn = authored(&frozen, &Authoring::NiceWeights(7)).expect("drawn");
    assert_eq!(drawn.biases, frozen.biases, "frozen biases are not drawn");
    assert!(drawn.freeze_biases);
}

#[test]
fn a_teacher_builds_a_2_3_1_tanh_question_with_two_samples_and_a_backward_quiz() {
    let mut s = exam();
    for change in [
        Authoring::AddNeuron(1),
        Authoring::SetActivation {
            layer: 0,
            name: "tanh".into(),
        },
        Authoring::SetActivation {
            layer: 1,
            name: "linear".into(),
        },
        Authoring::AddSample,
        Authoring::SetTitle("  Homework 3: a tanh layer  ".into()),
        Authoring::SetDescription("Two samples, mean squared error.".into()),
        Authoring::NiceWeights(2026),
    ] {
        let notice = author(&mut s, change.clone()).unwrap_or_default();
        assert!(!notice.starts_with("Not changed"), "{change:?}: {notice}");
    }
    let q = s.scenario().clone();
    assert_eq!(q.layers, [2, 3, 1]);
    assert_eq!(q.activations, [Activation::Tanh, Activation::Linear]);
    assert_eq!(q.samples.len(), 2);
    assert_eq!(q.title, "Homework 3: a tanh layer");
    q.validate().expect("a valid scenario");
    assert_eq!(q.loss.name(), "mse", "the loss followed the linear output");
    // Seven changes, seven undo steps back to the exam.
    for _ in 0..7 {
        s.apply(Command::Undo);
    }
    assert_eq!(s.scenario(), &Scenario::preset("exam").expect("exam"));
    for _ in 0..7 {
        s.apply(Command::Redo);
    }
    assert_eq!(s.scenario(), &q);
    let effects = s.apply(Command::StartQuiz {
        ask: vec![Phase::Backward],
        tolerance: Some(3),
    });
    let questions = effects.events.iter().find_map(|e| match e {
        ApiEvent::Quiz { questions, .. } => Some(*questions),
        _ => None,
    });
    // Backward: δ of the output and of three hidden neurons, and ∂J for 9 weights and 4 biases
    // would be 17; the plan says how many it asks, and they are all backward steps.
    let asked = s
        .plan()
        .iter()
        .filter(|(kind, _)| kind.phase() == Phase::Backward)
        .count();
    assert_eq!(questions, Some(asked));
    assert!(asked >= 13, "{asked} backward questions");
    // A quiz in progress is not the time to change the question.
    assert!(author(&mut s, Authoring::AddSample).is_none());
    assert_eq!(s.scenario().samples.len(), 2);
}

#[test]
fn a_read_only_widget_cannot_be_authored() {
    let mut s = exam();
    s.view.readonly = true;
    let before = s.scenario().clone();
    author(&mut s, Authoring::AddLayer);
    author(&mut s, Authoring::SetTitle("changed".into()));
    assert_eq!(s.scenario(), &before);
}

#[test]
fn the_authoring_controls_classes_and_menus_stand_for_their_changes() {
    let mut s = exam();
    let button = |s: &Session, class: &str| s.button_command(class);
    assert_eq!(
        button(&s, "bpv-add-layer"),
        Some(Command::Author(Authoring::AddLayer))
    );
    assert_eq!(
        button(&s, "bpv-add-neuron-1"),
        Some(Command::Author(Authoring::AddNeuron(1)))
    );
    assert_eq!(
        button(&s, "bpv-remove-neuron-2"),
        Some(Command::Author(Authoring::RemoveNeuron(2)))
    );
    assert_eq!(
        button(&s, "bpv-remove-layer-1"),
        Some(Command::Author(Authoring::RemoveLayer(1)))
    );
    assert_eq!(button(&s, "bpv-add-neuron-x"), None);
    assert_eq!(button(&s, "bpv-grow-neuron-1"), None);
    assert_eq!(
        button(&s, "bpv-add-sample"),
        Some(Command::Author(Authoring::AddSample))
    );
    assert_eq!(
        button(&s, "bpv-freeze-biases"),
        Some(Command::Author(Authoring::FreezeBiases(true)))
    );
    assert_eq!(
        s.menu_command("bpv-activation-0", "tanh"),
        Some(Command::Author(Authoring::SetActivation {
            layer: 0,
            name: "tanh".into()
        }))
    );
    assert_eq!(
        s.menu_command("bpv-loss", "mse"),
        Some(Command::Author(Authoring::SetLoss("mse".into())))
    );
    assert_eq!(s.menu_command("bpv-activation-", "tanh"), None);
    assert_eq!(s.menu_command("bpv-unknown", "x"), None);
    // Each press of "nice random weights" draws others; the sample removed is the one shown.
    let press = |s: &mut Session, class: &str| {
        let command = s.button_command(class).expect("a command");
        s.apply(command);
    };
    press(&mut s, "bpv-nice-weights");
    let first = s.scenario().weights.clone();
    press(&mut s, "bpv-nice-weights");
    assert_ne!(s.scenario().weights, first);
    assert!(one_decimal(
        s.scenario().weights.iter().flatten().flatten().copied()
    ));
    press(&mut s, "bpv-add-sample");
    s.apply(Command::SetSample(1));
    assert_eq!(
        s.button_command("bpv-remove-sample"),
        Some(Command::Author(Authoring::RemoveSample(1)))
    );
}
