//! Share links: every preset and random scenarios round-trip exactly; no string makes decoding panic.

use backprop_viz::nn::rng::Rng;
use backprop_viz::scenario::Scenario;
use backprop_viz::share::{decode, encode, Link, Panel, ThemeChoice};
use proptest::prelude::*;

#[test]
fn every_preset_round_trips_by_name_and_in_full() {
    for name in Scenario::PRESETS {
        let scenario = Scenario::preset(name).expect("preset");
        for preset in [Some(name.to_string()), None] {
            let link = Link {
                scenario: scenario.clone(),
                preset,
                ..Link::default()
            };
            let back = decode(&encode(&link)).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(back.scenario, scenario, "{name}");
        }
    }
}

/// A random valid scenario with awkward numbers (long decimals, tiny and huge magnitudes, −0).
fn random_scenario(rng: &mut Rng) -> Scenario {
    let mut s = Scenario::preset("deep_tanh").expect("deep_tanh");
    let depth = 1 + rng.below(4);
    let mut layers = vec![1 + rng.below(5)];
    for _ in 0..depth {
        layers.push(1 + rng.below(6));
    }
    s.layers = layers.clone();
    s.activations = vec![backprop_viz::nn::Activation::Tanh; depth];
    s.loss = backprop_viz::nn::Loss::Mse;
    let number = |rng: &mut Rng| match rng.below(5) {
        0 => rng.uniform(-1.0, 1.0) * 10f64.powi(rng.below(40) as i32 - 20),
        1 => -0.0,
        2 => 0.1 + 0.2,
        _ => rng.uniform(-3.0, 3.0),
    };
    s.weights = (0..depth)
        .map(|l| {
            (0..layers[l])
                .map(|_| (0..layers[l + 1]).map(|_| number(rng)).collect())
                .collect()
        })
        .collect();
    s.biases = (0..depth)
        .map(|l| (0..layers[l + 1]).map(|_| number(rng)).collect())
        .collect();
    s.samples = (0..1 + rng.below(3))
        .map(|_| backprop_viz::nn::Sample {
            x: (0..layers[0]).map(|_| number(rng)).collect(),
            y: (0..layers[depth]).map(|_| number(rng)).collect(),
        })
        .collect();
    s.learning_rate = rng.uniform(0.0, 1.0);
    s.title = format!("random {} ünïcode & <tags> \"quotes\"", rng.next_u64());
    s.validate().expect("random scenario is valid");
    s
}

#[test]
fn random_scenarios_round_trip_exactly() {
    let mut rng = Rng::new(42);
    for _ in 0..300 {
        let scenario = random_scenario(&mut rng);
        let link = Link {
            scenario: scenario.clone(),
            step: Some(rng.below(50)),
            sample: rng.below(scenario.samples.len()),
            panels: vec![Panel::Canvas, Panel::Table],
            controls: vec![backprop_viz::share::Control::Timeline],
            theme: ThemeChoice::Light,
            digits: 2 + rng.below(7),
            autoplay: rng.below(2) == 1,
            readonly: rng.below(2) == 1,
            preset: None,
            quiz: rng.below(2) == 1,
            ask: vec![
                backprop_viz::explain::Phase::Forward,
                backprop_viz::explain::Phase::Update,
            ],
            tolerance: Some(2 + rng.below(7)),
            quiz_exports: rng.below(2) == 1,
            per_student: rng.below(2) == 1,
            playground: None,
        };
        let back = decode(&encode(&link)).expect("round trip");
        // Bit for bit: −0 stays −0, 0.30000000000000004 stays itself.
        for (a, b) in back
            .scenario
            .weights
            .iter()
            .flatten()
            .flatten()
            .zip(scenario.weights.iter().flatten().flatten())
        {
            assert_eq!(a.to_bits(), b.to_bits());
        }
        assert_eq!(back, link);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    #[test]
    fn decoding_arbitrary_strings_never_panics(text in "\\PC{0,300}") {
        let _ = decode(&text);
    }

    #[test]
    fn decoding_link_shaped_strings_never_panics(
        keys in prop::collection::vec(prop_oneof![
            Just("v"), Just("s"), Just("preset"), Just("step"), Just("sample"), Just("panels"),
            Just("theme"), Just("digits"), Just("autoplay"), Just("readonly"), Just("x")
        ], 0..6),
        values in prop::collection::vec("[A-Za-z0-9_%,=+-]{0,40}", 6),
    ) {
        let hash: Vec<String> = keys.iter().zip(&values).map(|(k, v)| format!("{k}={v}")).collect();
        let _ = decode(&hash.join("&"));
    }

    #[test]
    fn a_truncated_link_never_panics(cut in 0usize..2000) {
        let link = Link { scenario: Scenario::preset("softmax").expect("softmax"), ..Link::default() };
        let hash = encode(&link);
        let cut = cut.min(hash.len());
        let _ = decode(&hash[..cut]);
    }
}

#[test]
fn a_data_set_link_round_trips_the_trained_playground() {
    use backprop_viz::playground::{Pick, Playground, Settings};
    let mut playground = Playground::new(Settings::default(), None).expect("valid settings");
    playground.step_epoch().expect("no divergence");
    playground
        .add_point(1.25, -3.5, 1.0)
        .expect("a valid point");
    playground.pick = Pick {
        test: true,
        index: 9,
    };
    let link = Link {
        playground: Some(playground.save()),
        digits: 6,
        ..Link::default()
    };
    let hash = encode(&link);
    let keys: Vec<&str> = hash
        .split('&')
        .map(|pair| pair.split('=').next().unwrap_or_default())
        .collect();
    assert_eq!(keys, ["v", "p", "digits"], "{hash}");
    let back = decode(&hash).expect("the link reads back");
    assert_eq!(back.playground, link.playground);
    assert_eq!(back.digits, 6);
    let restored = Playground::restore(back.playground.expect("a playground")).expect("valid");
    assert_eq!(restored.params(), playground.params());
    assert_eq!(
        restored.scenario_for(restored.pick),
        playground.scenario_for(playground.pick)
    );
}

#[test]
fn mode_data_opens_the_default_playground_and_bad_playgrounds_are_named() {
    let link = decode("v=1&mode=data").expect("valid");
    let saved = link.playground.expect("data-set mode");
    assert_eq!(
        saved.settings,
        backprop_viz::playground::Settings::default()
    );
    assert_eq!(decode("v=1&mode=sample").expect("valid").playground, None);
    assert_eq!(decode("v=1&mode=both").unwrap_err().key, "mode");
    assert_eq!(decode("v=1&p=%%%").unwrap_err().key, "p");
    let bad = backprop_viz::share::base64url_encode(br#"{"settings":{"hidden":[9]}}"#);
    let err = decode(&format!("v=1&p={bad}")).unwrap_err();
    assert_eq!(err.key, "p");
    assert!(
        err.message.contains("activations") || err.message.contains("hidden"),
        "{err}"
    );
    let bad = backprop_viz::share::base64url_encode(br#"{"settings":{},"custom":[[0,0,5]]}"#);
    let err = decode(&format!("v=1&p={bad}")).unwrap_err();
    assert!(err.message.contains("custom[0]"), "{err}");
    // Bytes that are not text, text that is not JSON, and JSON of the wrong shape each say so.
    let bad = backprop_viz::share::base64url_encode(&[0xff, 0xfe, b'{']);
    let err = decode(&format!("v=1&p={bad}")).unwrap_err();
    assert_eq!(err.message, "does not decode to UTF-8 text", "{err}");
    let bad = backprop_viz::share::base64url_encode(br#"{"settings": {"#);
    let err = decode(&format!("v=1&p={bad}")).unwrap_err();
    assert!(
        err.message
            .starts_with("is not a playground: not valid JSON: EOF"),
        "{err}"
    );
    let bad = backprop_viz::share::base64url_encode(br#"{"settings": {"hidden": "8"}}"#);
    let err = decode(&format!("v=1&p={bad}")).unwrap_err();
    assert_eq!(
        err.message,
        "is not a playground: settings.hidden: invalid type: string \"8\", expected an array"
    );
}

#[test]
fn list_keys_say_which_names_there_are() {
    use backprop_viz::share::decode;
    let message = |hash: &str| decode(hash).expect_err(hash).to_string();
    assert!(message("v=1&panels=canvas,maps")
        .contains("“maps” is not a panel (canvas, controls, explain, editors, table)"));
    assert!(message("v=1&ask=guess")
        .contains("“guess” is not a phase (forward, loss, backward, update)"));
    assert!(message("v=1&controls=buttons").contains(
        "“buttons” is not a control group (timeline, history, quiz, options, mode, exports)"
    ));
    assert!(message("v=1&panels=,").contains("names no panel"));
    assert_eq!(
        decode("v=1&ask=update,forward,update").unwrap().ask,
        vec![
            backprop_viz::explain::Phase::Forward,
            backprop_viz::explain::Phase::Update
        ],
        "each once, in timeline order"
    );
}

#[test]
fn a_diverged_networks_link_reopens_it_and_says_so() {
    use backprop_viz::session::{Command, Session};
    let mut exam = Scenario::preset("exam").expect("exam");
    // Huge inputs and a huge learning rate: the update overflows to ∞ (and then NaN).
    exam.samples[0].x = vec![1e200, 2e200];
    exam.samples[0].y = vec![1.0];
    exam.learning_rate = 1e200;
    let mut session = Session::new(exam);
    session.apply(Command::ApplyStep);
    session.apply(Command::ApplyStep);
    let shown = session.scenario().clone();
    assert!(
        shown
            .weights
            .iter()
            .flatten()
            .flatten()
            .any(|w| !w.is_finite()),
        "the network diverged: {:?}",
        shown.weights
    );
    let hash = encode(&session.link());
    let back = decode(&hash).expect("a diverged state's link reads back");
    let same = |a: f64, b: f64| a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan());
    for (a, b) in back
        .scenario
        .weights
        .iter()
        .flatten()
        .flatten()
        .zip(shown.weights.iter().flatten().flatten())
    {
        assert!(same(*a, *b), "{a} against {b}");
    }
    for (a, b) in back
        .scenario
        .biases
        .iter()
        .flatten()
        .zip(shown.biases.iter().flatten())
    {
        assert!(same(*a, *b), "{a} against {b}");
    }
    let (_, effects) = Session::from_link(&back);
    let notice = effects.notice.expect("the page says what it shows");
    assert!(notice.contains("overflowed"), "{notice}");
    // A file is still refused: only a link carries a diverged state.
    let text = backprop_viz::scenario::json_text(&shown, false);
    assert!(Scenario::from_json(&text).is_err());
}
