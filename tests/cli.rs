//! The `backprop` command line: each format on the exam, the spec's values through the JSON, and
//! bad input giving exit code 2 with a one-line message.

mod common;

use common::{backprop, stderr, stdout};
use serde_json::Value;

fn close(v: &Value, expected: f64, what: &str) {
    let found = v
        .as_f64()
        .unwrap_or_else(|| panic!("{what} is not a number: {v}"));
    assert!(
        (found - expected).abs() <= 1e-12,
        "{what}: found {found}, expected {expected}"
    );
}

#[test]
fn json_of_the_exam_carries_every_spec_value() {
    let out = backprop(&["--preset", "exam"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: Value = serde_json::from_str(&stdout(&out)).expect("JSON output");
    let s = &doc["steps"][0];
    close(&s["forward"]["z"][1][0], -0.1, "z1");
    close(&s["forward"]["a"][1][0], 0.0, "a1");
    close(&s["forward"]["z"][1][1], 0.8, "z2");
    close(&s["forward"]["a"][1][1], 0.8, "a2");
    close(&s["forward"]["z"][2][0], -0.4, "z3");
    close(&s["forward"]["a"][2][0], 0.401312339887548, "a3");
    close(&s["forward"]["a"][0][1], 2.0, "a[0] holds the inputs");
    close(&s["loss"], 0.5130152523999526, "J");
    close(&s["backward"]["grad_a"][2][0], 1.6703200460356393, "dJ/da3");
    close(&s["backward"]["delta"][2][0], 0.401312339887548, "delta3");
    close(&s["backward"]["delta"][1][1], -0.200656169943774, "delta2");
    close(&s["backward"]["weight_grads"][1][0][0], 0.0, "dJ/dw5");
    close(
        &s["backward"]["weight_grads"][1][1][0],
        0.3210498719100384,
        "dJ/dw6",
    );
    close(
        &s["backward"]["weight_grads"][0][0][1],
        -0.200656169943774,
        "dJ/dw3",
    );
    close(
        &s["backward"]["weight_grads"][0][1][1],
        -0.401312339887548,
        "dJ/dw4",
    );
    close(
        &s["backward"]["bias_grads"][1][0],
        0.401312339887548,
        "dJ/db2",
    );
    close(
        &s["backward"]["bias_grads"][0][1],
        -0.200656169943774,
        "dJ/db1[2]",
    );
    close(
        &s["updated"]["weights"][0][0][1],
        -0.5979934383005623,
        "W1[0][1]",
    );
    close(
        &s["updated"]["weights"][0][1][1],
        0.8040131233988755,
        "W1[1][1]",
    );
    close(
        &s["updated"]["weights"][1][1][0],
        -0.5032104987191004,
        "W2[1]",
    );
    close(&s["updated"]["biases"][0][1], -0.19799343830056226, "b1[1]");
    close(&s["updated"]["biases"][1][0], -0.00401312339887548, "b2");
    close(&s["loss_after"], 0.50796189734842, "J after");
    assert_eq!(s["overflow"], Value::Array(vec![]));
}

#[test]
fn second_step_starts_from_the_updated_parameters() {
    let out = backprop(&["--steps", "2"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: Value = serde_json::from_str(&stdout(&out)).expect("JSON output");
    close(&doc["steps"][1]["loss"], 0.50796189734842, "loss of step 2");
    close(
        &doc["steps"][1]["forward"]["a"][2][0],
        0.39827930152055513,
        "y-hat of step 2",
    );
}

#[test]
fn several_samples_give_per_sample_traces_and_mean_gradients() {
    let out = backprop(&["--preset", "xor"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: Value = serde_json::from_str(&stdout(&out)).expect("JSON output");
    let s = &doc["steps"][0];
    let samples = s["samples"].as_array().expect("samples array");
    assert_eq!(samples.len(), 4);
    let mean: f64 = samples
        .iter()
        .map(|t| {
            t["backward"]["weight_grads"][0][0][0]
                .as_f64()
                .expect("number")
        })
        .sum::<f64>()
        / 4.0;
    close(
        &s["backward"]["weight_grads"][0][0][0],
        mean,
        "mean gradient",
    );
    assert!(s.get("forward").is_none(), "forward lives in samples");
}

#[test]
fn markdown_of_the_exam_is_a_worked_solution() {
    let out = backprop(&["--format", "markdown"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    for needle in [
        "## Forward pass",
        "z1 = x1·w1 + x2·w2 + b1[1] = 1·0.5 + 2·(−0.4) + 0.2 = −0.1",
        "a3 = σ(z3) = σ(−0.4) ≈ 0.4013",
        "≈ 0.5130",
        "∂J/∂w6 = ∂J/∂a3·∂a3/∂z3·∂z3/∂w6",
        "w6 ← w6 − η·∂J/∂w6 = −0.5 − 0.01·0.3210 ≈ −0.5032",
        "b2 ← b2 − η·∂J/∂b2",
        "0.2228",
    ] {
        assert!(text.contains(needle), "markdown lacks {needle:?}:\n{text}");
    }
}

#[test]
fn latex_of_the_exam_is_a_worked_solution() {
    let out = backprop(&["--format", "latex", "--digits", "6"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    for needle in [
        "\\begin{align*}",
        "z_{1} &= x_{1} \\cdot w_{1}",
        "\\frac{\\partial J}{\\partial w_{6}}",
        "\\approx 0.513015",
        "\\section*{",
    ] {
        assert!(text.contains(needle), "latex lacks {needle:?}:\n{text}");
    }
    assert_eq!(
        text.matches("\\begin{align*}").count(),
        text.matches("\\end{align*}").count()
    );
    // A chain too long for the page is broken before each relation, aligned on the first: the
    // loss, with its formula, its numbers and its value on three rows.
    assert!(
        text.contains("J &= -\\left(y \\cdot \\ln")
            && text.contains("\\\\\n&= -\\left(0 \\cdot \\ln")
            && text.contains("\\\\\n&\\approx 0.513015\n\\end{align*}"),
        "the loss on three rows:\n{text}"
    );
    // A long factor is set as an aligned block inside its list item.
    assert_eq!(
        text.matches("\\begin{aligned}[t]").count(),
        text.matches("\\end{aligned}").count()
    );
    // A factor says each thing once: ∂z2/∂w3 = x1 = 1, not x1 = 1 = 1.
    assert!(
        text.contains("\\frac{\\partial z_{2}}{\\partial w_{3}} = x_{1} = 1$"),
        "{text}"
    );
}

#[test]
fn a_scenario_from_stdin_is_read() {
    let exam = backprop_viz::scenario::Scenario::preset("exam")
        .expect("exam")
        .to_json();
    let out = backprop(&["-"], Some(&exam));
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn a_bad_file_gives_exit_2_and_one_line() {
    let dir = std::env::temp_dir().join(format!("backprop-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("bad.json");
    std::fs::write(&path, "{\"version\": 1, \"title\": 3}").expect("write temp file");
    let out = backprop(&[path.to_str().expect("utf-8 path")], None);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(err.contains("title") && !err.contains("panicked"), "{err}");
    assert!(stdout(&out).is_empty());

    let out = backprop(&["/no/such/file.json"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot read"));

    let out = backprop(&["-"], Some("not json"));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not valid JSON"));
}

#[test]
fn bad_arguments_give_exit_2() {
    for args in [
        vec!["--steps", "0"],
        vec!["--steps", "x"],
        vec!["--format", "pdf"],
        vec!["--preset", "nope"],
        vec!["--frobnicate"],
        vec!["--steps"],
    ] {
        let out = backprop(&args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(stderr(&out).trim_end().lines().count(), 1, "{args:?}");
    }
}

#[test]
fn help_explains_the_options() {
    let out = backprop(&["--help"], None);
    assert!(out.status.success());
    let text = stdout(&out);
    for needle in ["--preset", "--steps", "--format", "--digits", "EXIT STATUS"] {
        assert!(text.contains(needle), "help lacks {needle}");
    }
}

#[test]
fn a_playground_point_is_traced_as_the_library_computes_it() {
    use backprop_viz::playground::{Pick, Playground, Settings};
    let settings = Settings {
        data: backprop_viz::nn::data::DataKind::Spiral,
        ..Settings::default()
    };
    let mut playground = Playground::new(settings, None).expect("valid settings");
    for _ in 0..3 {
        playground.step_epoch().expect("no divergence");
    }
    let dir = std::env::temp_dir().join(format!("backprop-pg-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("playground.json");
    let text = backprop_viz::scenario::json_text(&playground.save(), false);
    std::fs::write(&path, text).expect("write temp file");
    let file = path.to_str().expect("utf-8 path");

    let pick = Pick {
        test: true,
        index: 4,
    };
    let expected = playground.scenario_for(pick).step_trace();
    let out = backprop(&["--playground", file, "--point", "test:4"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: Value = serde_json::from_str(&stdout(&out)).expect("JSON output");
    let step = &json["steps"][0];
    close(&step["loss"], expected.loss, "J");
    let (x1, x2, _) = playground.point(pick).expect("the point exists");
    close(&step["samples"][0]["x"][0], x1, "x1");
    close(&step["samples"][0]["x"][1], x2, "x2");
    for (l, layer) in expected.samples[0].a.iter().enumerate() {
        for (j, a) in layer.iter().enumerate() {
            close(&step["forward"]["a"][l][j], *a, &format!("a[{l}][{j}]"));
        }
    }
    close(
        &step["backward"]["weight_grads"][0][1][2],
        expected.weight_grads[0][1][2],
        "∂J/∂w",
    );

    for args in [
        vec!["--playground", file, "--point", "test:100000"],
        vec!["--playground", file, "--point", "middle:1"],
        vec!["--point", "train:1"],
    ] {
        let out = backprop(&args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(stderr(&out).trim_end().lines().count(), 1, "{args:?}");
    }
}

#[test]
fn latex_is_a_complete_document_and_the_fragment_is_its_body() {
    let doc = stdout(&backprop(&["--format", "latex"], None));
    assert!(doc.starts_with("\\documentclass"), "{doc}");
    assert!(doc.contains("\\usepackage{amsmath}") && doc.trim_end().ends_with("\\end{document}"));
    let fragment = stdout(&backprop(&["--format", "latex", "--latex-fragment"], None));
    assert!(!fragment.contains("\\documentclass") && !fragment.contains("\\begin{document}"));
    assert!(
        doc.contains(fragment.trim_end()),
        "the document holds the fragment"
    );
}

#[test]
fn digits_are_those_the_page_offers() {
    for ok in ["2", "8"] {
        assert!(backprop(&["--format", "markdown", "--digits", ok], None)
            .status
            .success());
    }
    for bad in ["1", "9", "17"] {
        let out = backprop(&["--format", "markdown", "--digits", bad], None);
        assert_eq!(out.status.code(), Some(2), "--digits {bad}");
        assert!(stderr(&out).contains("from 2 to 8"), "{}", stderr(&out));
    }
}

#[test]
fn an_svg_takes_the_pages_dark_theme_when_asked() {
    let light = stdout(&backprop(&["--format", "svg"], None));
    let dark = stdout(&backprop(&["--format", "svg", "--theme", "dark"], None));
    // The background rectangle: the canvas's colour in each theme.
    assert!(
        light.contains("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>"),
        "{}",
        &light[..300]
    );
    assert!(
        dark.contains("<rect width=\"100%\" height=\"100%\" fill=\"#15181d\"/>"),
        "{}",
        &dark[..300]
    );
    assert_eq!(
        stdout(&backprop(&["--format", "svg", "--theme", "light"], None)),
        light
    );
    let out = backprop(&["--format", "svg", "--theme", "blue"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--theme: \"blue\" is not light or dark"),
        "{}",
        stderr(&out)
    );
}
