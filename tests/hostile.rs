//! Extreme but valid scenarios compute what f64 can and report what overflowed; hostile inputs
//! are refused with a message naming them. Nothing panics.

use backprop_viz::edit::{parse_number, Field};
use backprop_viz::explain::explain;
use backprop_viz::scenario::Scenario;
use backprop_viz::scene::{build_scene, svg::to_svg, ThemeName, Timeline, View};

fn exam() -> Scenario {
    Scenario::preset("exam").expect("exam")
}

/// Builds every view of a scenario (trace, explanation, scene, SVG, worked solutions).
fn render_everything(s: &Scenario) -> String {
    let step = s.step_trace();
    let steps = explain(s, &step, 0);
    assert!(!steps.is_empty());
    let plan = backprop_viz::explain::plan(&s.layers);
    let timeline = Timeline::new(plan.iter().map(|(k, _)| *k).collect());
    let scene = build_scene(&View {
        scenario: s,
        step: &step,
        sample: 0,
        plan: &plan,
        timeline: &timeline,
        theme: ThemeName::Dark,
        width: 900.0,
        height: 480.0,
        digits: 4,
        motion: true,
        selected: None,
        hovered: None,
        focused: None,
        describe: true,
        thumbnails: false,
        numbers: true,
    });
    let _ = backprop_viz::explain::markdown(s, &step, 4);
    let _ = backprop_viz::explain::latex(s, &step, 4);
    to_svg(&scene)
}

#[test]
fn huge_weights_overflow_and_say_so_instead_of_spreading_nan() {
    let mut s = exam();
    s.weights[0] = vec![vec![1e150, -1e150], vec![1e150, 1e150]];
    s.weights[1] = vec![vec![1e200], vec![1e200]];
    s.samples[0].x = vec![1e10, 1e10];
    s.validate().expect("large but finite numbers are valid");
    let step = s.step_trace();
    let overflow = step.samples[0].overflows();
    assert!(!overflow.is_empty(), "the trace reports what overflowed");
    // Sigmoid and BCE from z stay finite where f64 allows: ŷ is a clean 1.
    assert_eq!(step.samples[0].a[2][0], 1.0);
    let steps = explain(&s, &step, 0);
    let flagged: Vec<_> = steps.iter().filter(|st| !st.value.is_finite()).collect();
    assert!(!flagged.is_empty());
    for st in flagged {
        assert!(
            st.notes.iter().any(|n| n.contains("too large for f64")),
            "{:?}",
            st.symbol
        );
    }
    let svg = render_everything(&s);
    assert!(svg.contains("overflow"), "the canvas marks the overflow");
}

#[test]
fn a_learning_rate_of_a_million_computes_and_marks_the_loss() {
    let mut s = exam();
    s.learning_rate = 1e6;
    s.validate().expect("a huge learning rate is valid");
    let step = s.step_trace();
    assert!(
        step.after.weights[1][1][0].is_finite(),
        "one step with η = 1e6 is still finite"
    );
    assert!(
        step.loss_after.is_finite() || step.loss_after.is_infinite(),
        "never NaN"
    );
    assert!(!step.loss_after.is_nan());
    // Ten steps keep going without NaN appearing silently.
    let mut t = s.clone();
    for _ in 0..10 {
        let st = t.step_trace();
        for sample in &st.samples {
            let any_nan = sample.a.iter().flatten().any(|v| v.is_nan());
            assert!(
                !any_nan || !sample.overflows().is_empty(),
                "NaN only where overflow is reported"
            );
        }
        t.set_params(st.after);
    }
    render_everything(&t);
}

#[test]
fn weights_of_1e308_are_valid_and_overflow_visibly() {
    let mut s = exam();
    s.weights[1][1][0] = 1e308;
    s.samples[0].x = vec![1e308, 1e308];
    s.validate().expect("1e308 is finite");
    let step = s.step_trace();
    assert!(!step.samples[0].overflows().is_empty());
    render_everything(&s);
}

#[test]
fn negative_zero_is_accepted_and_shown_as_zero() {
    let s = Field::Weight {
        layer: 0,
        from: 0,
        to: 0,
    }
    .set(&exam(), -0.0)
    .expect("-0 is a number");
    assert_eq!(parse_number("-0"), Ok(0.0));
    let steps = explain(&s, &s.step_trace(), 0);
    let z1 = backprop_viz::explain::step_line(&steps[0], 4);
    assert!(
        z1.contains("1·0 + 2·(−0.4)") || z1.contains("1·(−0) + "),
        "{z1}"
    );
}

#[test]
fn every_hostile_number_typed_is_refused_with_a_message() {
    for text in [
        "NaN",
        "nan",
        "Infinity",
        "-Infinity",
        "inf",
        "1e309",
        "-1e400",
        "",
        "   ",
        "abc",
        "0x10",
        "1,2,3",
        "--1",
        "١٢",
    ] {
        let message = parse_number(text).expect_err(text);
        assert!(!message.is_empty(), "{text}");
    }
    let huge = "9".repeat(100_000);
    assert!(
        parse_number(&huge).expect_err("huge").len() < 200,
        "the message stays short"
    );
}

/// A change to a scenario's JSON.
type Edit = Box<dyn Fn(&mut serde_json::Value)>;

#[test]
fn hostile_scenarios_are_refused_naming_the_field() {
    let base: serde_json::Value = serde_json::from_str(&exam().to_json()).expect("json");
    let cases: Vec<(Edit, &str)> = vec![
        (
            Box::new(|v| v["layers"] = serde_json::json!([2, -1, 1])),
            "layers[1]",
        ),
        (
            Box::new(|v| v["layers"] = serde_json::json!([2, 1000, 1])),
            "layers[1]",
        ),
        (
            Box::new(|v| v["layers"] = serde_json::json!(vec![2; 40])),
            "layers",
        ),
        (
            Box::new(|v| v["samples"] = serde_json::json!([])),
            "samples",
        ),
        (
            Box::new(|v| v["samples"][0]["x"] = serde_json::json!([1.0, 2.0, 3.0])),
            "samples[0].x",
        ),
        (
            Box::new(|v| v["weights"] = serde_json::json!("weights")),
            "weights",
        ),
        (
            Box::new(|v| v["title"] = serde_json::json!("t".repeat(100_000))),
            "title",
        ),
        (
            Box::new(|v| v["learning_rate"] = serde_json::json!(true)),
            "learning_rate",
        ),
        (
            Box::new(|v| v["freeze_biases"] = serde_json::json!("yes")),
            "freeze_biases",
        ),
    ];
    for (edit, path) in cases {
        let mut v = base.clone();
        edit(&mut v);
        let e = Scenario::from_json(&v.to_string()).expect_err(path);
        assert!(e.to_string().starts_with(path), "{path}: {e}");
    }
}

#[test]
fn markdown_in_a_title_or_description_stays_text_in_the_markdown_export() {
    let mut s = exam();
    s.title = "[x](javascript:alert(1)) ![](http://example.com/x.png) *bold* `code`".into();
    s.description = "first\n\n# not a heading\n- not a list\n\u{1b}]0;title\u{7}".into();
    let md = backprop_viz::explain::markdown(&s, &s.step_trace(), 4);
    let head: Vec<&str> = md.lines().take(4).collect();
    assert_eq!(
        head[0],
        "# \\[x\\]\\(javascript:alert\\(1\\)\\) \\!\\[\\]\\(http://example.com/x.png\\) \\*bold\\* \\`code\\`"
    );
    assert_eq!(head[1], "", "the title is one line");
    assert!(
        head[2].starts_with("first  \\# not a heading - not a list"),
        "the description is one paragraph: {:?}",
        head[2]
    );
    assert!(
        !md.contains('\u{1b}') && !md.contains('\u{7}'),
        "no control characters"
    );
    let tex = backprop_viz::explain::latex(&s, &s.step_trace(), 4);
    assert!(
        !tex.contains("\n\n# not"),
        "a blank line in the description is not a paragraph break"
    );
    s.title = "two\n\nparagraphs".into();
    let tex = backprop_viz::explain::latex(&s, &s.step_trace(), 4);
    assert!(
        tex.contains("\\section*{two  paragraphs}"),
        "{}",
        &tex[..200]
    );
}

#[test]
fn a_title_with_markup_stays_text_everywhere() {
    let mut s = exam();
    s.title = "<img src=x onerror=alert(1)>".into();
    let step = s.step_trace();
    let latex = backprop_viz::explain::latex(&s, &step, 4);
    assert!(
        latex.contains("<img src=x onerror=alert(1)>"),
        "LaTeX keeps the characters"
    );
    let md = backprop_viz::explain::markdown(&s, &step, 4);
    assert!(
        md.starts_with("# &lt;img src=x onerror=alert\\(1\\)&gt;"),
        "Markdown escapes it"
    );
    let svg = render_everything(&s);
    assert!(
        !svg.contains("<img"),
        "the SVG never carries markup from the scenario"
    );
}

#[test]
fn a_saved_playground_with_a_pick_past_its_points_is_refused_naming_pick() {
    use backprop_viz::playground::{Playground, Saved};
    let saved = Saved::from_json(r#"{"pick": {"test": false, "index": 99999}}"#).expect("parses");
    let Err(e) = Playground::restore(saved) else {
        panic!("an out-of-range pick is refused")
    };
    let e = e.to_string();
    assert!(
        e.starts_with("pick: the training set has no point 99999"),
        "{e}"
    );
}

#[test]
fn one_hand_made_point_is_a_training_point_whatever_the_test_share() {
    use backprop_viz::playground::{Playground, Saved};
    let saved =
        Saved::from_json(r#"{"settings": {"test_share": 0.5}, "custom": [[1.0, 2.0, 1.0]]}"#)
            .expect("parses");
    let pg = Playground::restore(saved).expect("one point is data enough");
    assert_eq!(pg.train_set().points.len(), 1);
    assert_eq!(pg.test_set().points.len(), 0);
    assert!(
        !pg.pick.test && pg.point(pg.pick).is_some(),
        "the view shows a point that exists"
    );
}

#[test]
fn a_links_digits_and_tolerance_messages_give_their_real_range() {
    use backprop_viz::share::decode;
    for (hash, says) in [
        (
            "v=1&digits=9",
            "link `digits`: “9” is not a whole number from 2 to 8",
        ),
        (
            "v=1&digits=1",
            "link `digits`: “1” is not a whole number from 2 to 8",
        ),
        (
            "v=1&tolerance=0",
            "link `tolerance`: “0” is not a whole number from 2 to 8",
        ),
    ] {
        assert_eq!(decode(hash).expect_err(hash).to_string(), says);
    }
}

#[test]
fn networks_and_sample_sets_past_what_stays_responsive_are_refused_naming_the_limit() {
    let mut big = exam();
    big.layers = vec![1, 32, 32, 1];
    big.activations = vec![
        backprop_viz::nn::Activation::Tanh,
        backprop_viz::nn::Activation::Tanh,
        backprop_viz::nn::Activation::Sigmoid,
    ];
    big.weights = vec![
        vec![vec![0.1; 32]],
        vec![vec![0.1; 32]; 32],
        vec![vec![0.1]; 32],
    ];
    big.biases = vec![vec![0.0; 32], vec![0.0; 32], vec![0.0]];
    big.samples = vec![backprop_viz::nn::Sample {
        x: vec![1.0],
        y: vec![1.0],
    }];
    let e = big.validate().expect_err("1,088 weights").to_string();
    assert_eq!(
        e,
        "layers: make 1088 weights; the limit is 1024 (fewer or smaller layers)"
    );
    let mut many = exam();
    many.layers = vec![2, 30, 30, 1];
    many.activations = big.activations.clone();
    many.weights = vec![
        vec![vec![0.1; 30]; 2],
        vec![vec![0.1; 30]; 30],
        vec![vec![0.1]; 30],
    ];
    many.biases = vec![vec![0.0; 30], vec![0.0; 30], vec![0.0]];
    many.validate().expect("990 weights, one sample");
    many.samples = vec![many.samples[0].clone(); 1011];
    let e = many.validate().expect_err("too many gradients").to_string();
    assert!(
        e.starts_with("samples: 1011 samples × 990 weights is 1000890 per-sample gradients; the limit is 1000000"),
        "{e}"
    );
}

#[test]
fn a_worked_solution_of_many_samples_writes_the_first_in_full_and_says_so() {
    let mut s = exam();
    s.samples = (0..2000)
        .map(|k| backprop_viz::nn::Sample {
            x: vec![k as f64 / 1000.0, 1.0],
            y: vec![(k % 2) as f64],
        })
        .collect();
    s.validate().expect("2,000 samples of the exam");
    let step = s.step_trace();
    let md = backprop_viz::explain::markdown(&s, &step, 4);
    let per_sample = backprop_viz::explain::plan(&s.layers).len();
    let shown = backprop_viz::explain::render::MAX_HANDOUT_STEPS / per_sample;
    assert!(md.contains(&format!("## Sample {shown} of 2000")));
    assert!(!md.contains(&format!("## Sample {} of 2000", shown + 1)));
    assert!(
        md.contains(&format!("Samples {} to 2000 are left out", shown + 1)),
        "the note"
    );
    assert_eq!(md.matches("### SGD update").count(), 1, "the update, once");
    let tex = backprop_viz::explain::latex(&s, &step, 4);
    assert!(tex.contains("are left out"));
}
