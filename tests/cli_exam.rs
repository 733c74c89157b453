//! `backprop exam` and `backprop check` as a teacher runs them, and the command line under
//! hostile conditions: a closed pipe, a full disk, a non-UTF-8 argument, an endless input, a byte-order mark, terminal control characters in a title.

mod common;

use std::process::{Command, Stdio};

use common::{backprop, stderr, stdout};
use serde_json::Value;

fn answers_dir() -> String {
    format!("{}/tests/answers", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn check_marks_the_model_answer_and_exits_1() {
    let path = format!("{}/exam-model-answer.txt", answers_dir());
    let out = backprop(&["check", &path], None);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("base-10 logarithm"), "{text}");
    assert!(
        text.contains("missing the updated biases: b1[1]′, b1[2]′, b2′"),
        "{text}"
    );
    let out = backprop(&["check", &path, "--format", "json"], None);
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["all_right"], false);
    assert_eq!(v["missing"].as_array().map(Vec::len), Some(3));
}

#[test]
fn check_exits_0_for_a_full_answer_and_reads_standard_input() {
    let path = format!("{}/exam-full-answer.txt", answers_dir());
    let out = backprop(&["check", &path, "--preset", "exam"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(
        stdout(&out).ends_with("0 missing: all right\n"),
        "{}",
        stdout(&out)
    );
    let text = std::fs::read_to_string(&path).expect("the answer");
    let out = backprop(&["check", "-"], Some(&text));
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn check_refuses_what_it_cannot_read_with_exit_2() {
    for (args, stdin, says) in [
        (vec!["check"], None, "needs the answer"),
        (vec!["check", "/no/such/file"], None, "cannot read"),
        (
            vec!["check", "-"],
            Some("no equals sign here\n"),
            "no line of the form",
        ),
        (
            vec!["check", "-", "--preset", "xor"],
            Some("z1 = 0"),
            "one sample",
        ),
        (
            vec!["check", "-", "--digits", "0"],
            Some("z1 = 0"),
            "--digits",
        ),
        (
            vec!["check", "-", "-"],
            Some("z1 = 0"),
            "both come from standard input",
        ),
    ] {
        let out = backprop(&args, stdin);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn exam_variants_reproduce_from_their_seeds() {
    let out = backprop(&["exam", "--variants", "3", "--seed", "10"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let variants = v["variants"].as_array().expect("a list");
    assert_eq!(variants.len(), 3);
    for item in variants {
        let seed = item["seed"].as_u64().expect("a seed").to_string();
        let again = backprop(&["exam", "--seed", &seed], None);
        let again: Value = serde_json::from_slice(&again.stdout).expect("JSON");
        assert_eq!(again["variants"][0], *item, "seed {seed}");
        assert!(item["link"]
            .as_str()
            .is_some_and(|l| l.starts_with("index.html#v=1&s=")));
        assert!(item["quiz_link"]
            .as_str()
            .is_some_and(|l| l.contains("&quiz=1")));
        let answers = item["answers"].as_object().expect("answers");
        for key in ["z1", "a3", "J", "δ3", "∂J/∂w1", "w1'", "b2'"] {
            assert!(answers.contains_key(key), "{key}");
        }
    }
}

#[test]
fn exam_sheets_have_no_answers_and_keys_have_them() {
    let out = backprop(
        &[
            "exam",
            "--variants",
            "2",
            "--format",
            "markdown",
            "--sheets",
            "questions",
        ],
        None,
    );
    let questions = stdout(&out);
    assert_eq!(questions.matches("## Question: variant").count(), 2);
    assert!(!questions.contains("## Backward pass"));
    let out = backprop(
        &[
            "exam",
            "--variants",
            "2",
            "--format",
            "markdown",
            "--sheets",
            "answers",
        ],
        None,
    );
    let keys = stdout(&out);
    assert!(!keys.contains("## Question"));
    assert_eq!(keys.matches("## Backward pass").count(), 2);
    for (args, says) in [
        (vec!["exam", "--variants", "0"], "--variants"),
        (vec!["exam", "--dead-relu", "sometimes"], "--dead-relu"),
        (vec!["exam", "--weight-range", "99"], "--weight-range"),
        (vec!["exam", "--preset", "xor"], "one sample"),
        (vec!["exam", "--seed", "-1"], "--seed"),
    ] {
        let out = backprop(&args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
    }
}

/// Runs `backprop` through a shell, for redirections a `Command` cannot express.
fn shell(script: &str) -> std::process::Output {
    Command::new("bash")
        .arg("-c")
        .arg(script)
        .env("BP", env!("CARGO_BIN_EXE_backprop"))
        .stdin(Stdio::null())
        .output()
        .expect("bash runs")
}

#[test]
fn output_that_cannot_be_written_is_an_exit_status_not_a_panic() {
    // A reader that stops early: quiet, no panic.
    let out =
        shell("\"$BP\" --steps 50 | head -c 10 > /dev/null; echo \"status ${PIPESTATUS[0]}\"");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("status 141"),
        "{text} {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    // A full disk.
    let out = shell("\"$BP\" > /dev/full; echo \"status $?\"");
    assert!(String::from_utf8_lossy(&out.stdout).contains("status 3"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot write to standard output"));
}

#[test]
fn hostile_input_is_refused_with_exit_2() {
    // A non-UTF-8 argument.
    let out = shell("\"$BP\" $'\\xff.json'; echo \"status $?\"");
    assert!(String::from_utf8_lossy(&out.stdout).contains("status 2"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not UTF-8"));
    // An endless file is read up to the limit, then refused.
    let out = backprop(&["/dev/zero"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("limit"), "{}", stderr(&out));
    // A byte-order mark is dropped, as the page's import drops it.
    let exam = stdout(&backprop(&["--format", "json"], None));
    assert!(!exam.is_empty());
    let json = backprop_viz::scenario::Scenario::preset("exam")
        .expect("exam")
        .to_json();
    let out = backprop(&["-"], Some(&format!("\u{feff}{json}")));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn a_title_cannot_drive_the_terminal() {
    let mut s = backprop_viz::scenario::Scenario::preset("exam").expect("exam");
    s.title = "evil \u{1b}]0;owned\u{7} \u{1b}[2J title".into();
    for format in ["markdown", "latex", "json", "svg"] {
        let out = backprop(&["-", "--format", format], Some(&s.to_json()));
        assert_eq!(out.status.code(), Some(0), "{format}: {}", stderr(&out));
        assert!(
            !out.stdout.iter().any(|b| *b == 0x1b || *b == 0x07),
            "{format}: raw control characters"
        );
    }
}

#[test]
fn a_trace_past_the_work_limit_is_refused_before_it_is_computed() {
    let mut s = backprop_viz::scenario::Scenario::preset("exam").expect("exam");
    s.samples = vec![s.samples[0].clone(); 10_000];
    let out = backprop(&["-", "--steps", "200"], Some(&s.to_json()));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--steps: 200 steps × 10000 samples × 6 weights is 12000000"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_pages_placeholder_pictures_are_the_exam_as_the_command_line_draws_it_now() {
    // www/exam.svg (and www/exam-phone.svg, at a phone's stage size; and both in the dark
    // theme, for a dark colour scheme) stand in for the widget until the wasm has loaded: each
    // must be what the widget then draws at that size, so they are regenerated with these
    // commands whenever the drawing changes.
    for (size, theme, committed, file) in [
        (
            "1000x560",
            "light",
            include_str!("../www/exam.svg"),
            "exam.svg",
        ),
        (
            "340x490",
            "light",
            include_str!("../www/exam-phone.svg"),
            "exam-phone.svg",
        ),
        (
            "1000x560",
            "dark",
            include_str!("../www/exam-dark.svg"),
            "exam-dark.svg",
        ),
        (
            "340x490",
            "dark",
            include_str!("../www/exam-phone-dark.svg"),
            "exam-phone-dark.svg",
        ),
    ] {
        let out = backprop(&["--format", "svg", "--size", size, "--theme", theme], None);
        assert!(
            stdout(&out) == committed,
            "www/{file} is stale: run target/release/backprop --format svg --size {size} --theme {theme} > www/{file}"
        );
    }
}
