//! `backprop check ANSWER.txt`: marks every line of a worked answer.

use backprop_viz::explain::StepKind;
use backprop_viz::quiz::sheet::{check_sheet, report_text, Outcome, Report, Target};
use serde_json::{json, Value};

use crate::io::{load, preset_source, read_text, set_source, Source};
use crate::Run;

pub const HELP: &str = "\
backprop check: marks every line of a worked answer to the one-sample question of a scenario.

USAGE:
    backprop check ANSWER [--preset NAME | FILE] [--digits N] [--format text|json]

ARGS:
    ANSWER               the answer as text, one `name = value` per line, or - for standard
                         input. Names as the page writes them and the usual spellings:
                         z1, a1, h1, ŷ / yhat / a3, J / loss / L, δ3 / delta3 / ∂J/∂z3,
                         ∂J/∂w5 / dJ/dw5, ∂J/∂b1[2], the updated w5 as w5' = …, new w5 = …
                         or w5 ← …, a whole matrix as W1' = [[…], […]] (a row per source
                         neuron), b1' = […]. A line's value is the number after its last =
                         (z3 = 0·0.3 + 0.8·(−0.5) + 0 = −0.4 reads −0.4); text after it and
                         lines without = are not checked.
    FILE                 the question's scenario (default: the exam, or --preset NAME)

OPTIONS:
    --preset NAME        exam (the default), xor, softmax, deep_tanh
    --digits N           the least significant digits an answer must carry unless it is
                         exact (default 3, 1 to 8); an answer is right when the exact value
                         rounds to it at the digits written
    --format FORMAT      text (default): a line per checked number and what is missing;
                         json: the same as data
    -h, --help           print this help

A complete answer gives every z and a, the loss and every weight and bias after the update;
gradients are checked when given. A wrong number is diagnosed where a known mistake explains
it: the base-10 logarithm, rounding early, truncating instead of rounding, reading a weight
matrix row-for-column, leaving out the bias, ReLU′ taken as 1 at a negative input, σ′ taken
as σ, the gradient added instead of subtracted.

EXIT STATUS:
    0 when every line is right and nothing is missing, 1 when something is wrong, not
    understood or missing, 2 on bad arguments or an unreadable answer or scenario.";

/// The longest answer read.
const MAX_ANSWER_BYTES: usize = 1_000_000;

pub fn run(args: &[String]) -> Result<Run, String> {
    let mut answer = None;
    let mut source = None;
    let mut digits = 3;
    let mut json_out = false;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value (see backprop check --help)"))
        };
        match arg.as_str() {
            "-h" | "--help" => return Ok(Run::ok(format!("{HELP}\n"))),
            "--preset" => set_source(&mut source, preset_source(value("--preset")?)?)?,
            "--digits" => {
                let text = value("--digits")?;
                digits = match text.parse::<usize>() {
                    Ok(n) if (1..=8).contains(&n) => n,
                    _ => {
                        return Err(format!(
                            "--digits: {text:?} is not a whole number from 1 to 8"
                        ))
                    }
                };
            }
            "--format" => {
                let text = value("--format")?;
                json_out = match text.as_str() {
                    "text" => false,
                    "json" => true,
                    _ => return Err(format!("--format: {text:?} is not text or json")),
                };
            }
            other if other.starts_with('-') && other != "-" => {
                return Err(format!(
                    "unknown option {other:?} (see backprop check --help)"
                ))
            }
            path if answer.is_none() => answer = Some(path.to_string()),
            "-" => set_source(&mut source, Source::Stdin)?,
            path => set_source(&mut source, Source::File(path.to_string()))?,
        }
    }
    let Some(answer) = answer else {
        return Err(
            "check needs the answer's file (or - for standard input); see backprop check --help"
                .into(),
        );
    };
    if answer == "-" && matches!(source, Some(Source::Stdin)) {
        return Err("the answer and the scenario cannot both come from standard input".into());
    }
    let scenario = load(&source.unwrap_or(Source::Preset("exam".into())), None)?;
    let text = read_text(&answer, MAX_ANSWER_BYTES)?;
    let report = check_sheet(&scenario, &text, digits)?;
    if report.lines.is_empty() {
        return Err(format!(
            "{}: no line of the form name = value",
            if answer == "-" {
                "standard input"
            } else {
                &answer
            }
        ));
    }
    let out = if json_out {
        let mut s = serde_json::to_string_pretty(&report_json(&report))
            .map_err(|e| format!("cannot write JSON: {e}"))?;
        s.push('\n');
        s
    } else {
        report_text(&report)
    };
    Ok(Run {
        text: out,
        status: if report.all_right() { 0 } else { 1 },
    })
}

fn kind_name(kind: StepKind) -> Value {
    serde_json::to_value(kind).unwrap_or(Value::Null)
}

fn report_json(report: &Report) -> Value {
    let lines: Vec<Value> = report
        .lines
        .iter()
        .map(|line| {
            let mut v = json!({ "line": line.number, "text": line.text });
            match &line.outcome {
                Outcome::Checked(entries) => {
                    let entries: Vec<Value> = entries
                        .iter()
                        .map(|e| {
                            let (mistakes, gives) = match &e.verdict {
                                backprop_viz::quiz::sheet::Verdict::Mistaken(m, v) => {
                                    (m.iter().map(|m| m.name()).collect::<Vec<_>>(), *v)
                                }
                                _ => (Vec::new(), None),
                            };
                            let kind = match e.target {
                                Target::Step(kind, _) => kind_name(kind),
                                Target::GradActivation { .. } => json!("grad_activation"),
                                Target::Given => json!("given"),
                            };
                            json!({
                                "name": e.name,
                                "kind": kind,
                                "written": e.written.value,
                                "digits": e.written.digits,
                                "expected": e.expected,
                                "verdict": e.verdict.name(),
                                "mistakes": mistakes,
                                "mistaken_value": gives,
                            })
                        })
                        .collect();
                    v["entries"] = json!(entries);
                }
                Outcome::UnknownName(name, _) => v["unknown_name"] = json!(name),
                Outcome::NoValue(name) => v["no_value"] = json!(name),
                Outcome::Shape(message) => v["shape"] = json!(message),
                Outcome::TooLong => v["too_long"] = json!(true),
            }
            v
        })
        .collect();
    let missing: Vec<String> = report
        .missing
        .iter()
        .map(|(k, p)| report.name_of(*k, *p))
        .collect();
    json!({
        "lines": lines,
        "missing": missing,
        "ignored_lines": report.ignored,
        "all_right": report.all_right(),
    })
}
