//! `backprop exam --variants N --seed S`: variants of an exam question with answer keys.

use backprop_viz::explain::question::{question_latex, question_markdown};
use backprop_viz::explain::{latex, latex_standalone, markdown};
use backprop_viz::scenario::{json_text, Scenario};
use backprop_viz::share::{encode, Link};
use backprop_viz::variants::{
    answers, student_seed, variant, variants, DeadRelu, Rules, Variant, MAX_STUDENT_CHARS,
    MAX_VARIANTS,
};
use serde_json::{json, Map, Value};

use crate::io::{load, preset_source, set_source, Source};
use crate::Run;

pub const HELP: &str = "\
backprop exam: variants of a one-sample exam question, each a good question, with answer keys.

USAGE:
    backprop exam [--variants N] [--seed S] [--preset NAME | FILE] [OPTIONS]

Each variant keeps the template's shape, activations, loss and learning rate and draws new
numbers: weights with one decimal (never 0), biases with one decimal, inputs in steps of 0.5
(never 0), targets of the loss's kind. A draw is kept only if every number is finite, no ReLU
sits exactly at 0, no output is within 0.05 of 0 or 1, no answer lies at a rounding midpoint
(at 3 or 4 digits) and the --dead-relu rule holds. Variant k comes from seed S + k − 1 (a
seed whose variant repeats an earlier one is skipped); --variants 1 --seed SEED gives the
variant of that seed again, anywhere. A per-student quiz link (the page's link with
variants=1, see README.md) gives each student the variant of the name or number they type;
--student NAME gives the teacher that variant and its answer key.

OPTIONS:
    --variants N         how many variants (default 1, at most 1000)
    --seed S             the first seed (default 1; a whole number)
    --preset NAME        the template: exam (the default), softmax, or a FILE of your own
    --format FORMAT      json (default): every variant's seed, scenario, links and answers;
                         markdown or latex: a question sheet per variant (no answers), then
                         an answer key per variant (the worked solution)
    --sheets WHICH       with markdown or latex: questions, answers or both (default)
    --dead-relu RULE     at-least-one (an inactive ReLU in every variant), none, any (default)
    --weight-range R     weights and biases in [−R, R] (default: the template's largest, at
                         least 0.5)
    --input-range R      inputs in [−R, R] (default: the template's largest, at least 1)
    --digits N           significant digits in the sheets (default 4, 2 to 8)
    --student NAME       the variant of a student who types NAME in a per-student quiz link
                         (repeat it for each student; not with --variants or --seed): the
                         answer key of exactly the numbers that student was given
    --link-base URL      the page the links open (default index.html, beside the page)
    -h, --help           print this help

EXIT STATUS:
    0 on success, 2 on bad arguments or when no good variant can be drawn.";

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Json,
    Markdown,
    Latex,
}

#[derive(Clone, Copy, PartialEq)]
enum Sheets {
    Questions,
    Answers,
    Both,
}

struct Options {
    count: usize,
    seed: u64,
    format: Format,
    sheets: Sheets,
    dead_relu: DeadRelu,
    weight_range: Option<f64>,
    input_range: Option<f64>,
    digits: usize,
    link_base: String,
    students: Vec<String>,
}

fn range(name: &str, text: &str) -> Result<f64, String> {
    backprop_viz::edit::parse_number(text).map_err(|e| format!("{name}: {text:?}: {e}"))
}

fn parse(args: &[String], source: &mut Option<Source>) -> Result<Option<Options>, String> {
    let mut o = Options {
        count: 1,
        seed: 1,
        format: Format::Json,
        sheets: Sheets::Both,
        dead_relu: DeadRelu::Any,
        weight_range: None,
        input_range: None,
        digits: 4,
        link_base: "index.html".into(),
        students: Vec::new(),
    };
    let mut counted = false;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value (see backprop exam --help)"))
        };
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--student" => {
                let name = value("--student")?;
                if name.trim().is_empty() || name.chars().count() > MAX_STUDENT_CHARS {
                    return Err(format!(
                        "--student: {name:?} is not a name or number of 1 to {MAX_STUDENT_CHARS} characters"
                    ));
                }
                o.students.push(name);
            }
            "--variants" => {
                counted = true;
                let text = value("--variants")?;
                o.count = match text.parse::<usize>() {
                    Ok(n) if (1..=MAX_VARIANTS).contains(&n) => n,
                    _ => {
                        return Err(format!(
                            "--variants: {text:?} is not a whole number from 1 to {MAX_VARIANTS}"
                        ))
                    }
                };
            }
            "--seed" => {
                counted = true;
                let text = value("--seed")?;
                o.seed = text
                    .parse::<u64>()
                    .map_err(|_| format!("--seed: {text:?} is not a whole number from 0"))?;
            }
            "--format" => {
                let text = value("--format")?;
                o.format = match text.as_str() {
                    "json" => Format::Json,
                    "markdown" | "md" => Format::Markdown,
                    "latex" | "tex" => Format::Latex,
                    _ => {
                        return Err(format!(
                            "--format: {text:?} is not one of json, markdown, latex"
                        ))
                    }
                };
            }
            "--sheets" => {
                let text = value("--sheets")?;
                o.sheets = match text.as_str() {
                    "questions" => Sheets::Questions,
                    "answers" => Sheets::Answers,
                    "both" => Sheets::Both,
                    _ => {
                        return Err(format!(
                            "--sheets: {text:?} is not questions, answers or both"
                        ))
                    }
                };
            }
            "--dead-relu" => {
                let text = value("--dead-relu")?;
                o.dead_relu = DeadRelu::from_name(&text).ok_or_else(|| {
                    format!("--dead-relu: {text:?} is not at-least-one, none or any")
                })?;
            }
            "--weight-range" => {
                o.weight_range = Some(range("--weight-range", &value("--weight-range")?)?)
            }
            "--input-range" => {
                o.input_range = Some(range("--input-range", &value("--input-range")?)?)
            }
            "--digits" => {
                let text = value("--digits")?;
                o.digits = match text.parse::<usize>() {
                    Ok(n) if backprop_viz::session::DIGITS.contains(&n) => n,
                    _ => {
                        return Err(format!(
                            "--digits: {text:?} is not a whole number from 2 to 8"
                        ))
                    }
                };
            }
            "--link-base" => o.link_base = value("--link-base")?,
            "--preset" => set_source(source, preset_source(value("--preset")?)?)?,
            "-" => set_source(source, Source::Stdin)?,
            other if other.starts_with('-') => {
                return Err(format!(
                    "unknown option {other:?} (see backprop exam --help)"
                ))
            }
            path => set_source(source, Source::File(path.to_string()))?,
        }
    }
    if counted && !o.students.is_empty() {
        return Err(
            "--student gives each student's variant: it does not go with --variants or --seed"
                .into(),
        );
    }
    if o.link_base.contains(['#', '"', '<', '>', ' ']) {
        return Err("--link-base: a URL without #, spaces, quotes or angle brackets".into());
    }
    Ok(Some(o))
}

fn link(base: &str, scenario: &Scenario, quiz: bool) -> String {
    let link = Link {
        scenario: scenario.clone(),
        quiz,
        ..Link::default()
    };
    format!("{base}#{}", encode(&link))
}

pub fn run(args: &[String]) -> Result<Run, String> {
    let mut source = None;
    let Some(o) = parse(args, &mut source)? else {
        return Ok(Run::ok(format!("{HELP}\n")));
    };
    let template = load(&source.unwrap_or(Source::Preset("exam".into())), None)?;
    let mut rules = Rules::for_template(&template);
    rules.dead_relu = o.dead_relu;
    if let Some(r) = o.weight_range {
        rules.parameter_range = r;
    }
    if let Some(r) = o.input_range {
        rules.input_range = r;
    }
    let list: Vec<Variant> = if o.students.is_empty() {
        variants(&template, &rules, o.seed, o.count)?
    } else {
        o.students
            .iter()
            .map(|name| {
                let seed = student_seed(name);
                variant(&template, &rules, seed).map(|scenario| Variant { seed, scenario })
            })
            .collect::<Result<_, _>>()?
    };
    let text = match o.format {
        Format::Json => {
            let items: Vec<Value> = list
                .iter()
                .map(|v| {
                    let answers: Map<String, Value> = answers(&v.scenario)
                        .into_iter()
                        .map(|(k, x)| (k, json!(x)))
                        .collect();
                    let student = o.students.iter().find(|n| student_seed(n) == v.seed);
                    json!({
                        "student": student,
                        "seed": v.seed,
                        // The scenario file's own JSON, as a value of the document.
                        "scenario": serde_json::from_str::<Value>(&json_text(&v.scenario, false))
                            .unwrap_or(Value::Null),
                        "link": link(&o.link_base, &v.scenario, false),
                        "quiz_link": link(&o.link_base, &v.scenario, true),
                        "answers": answers,
                    })
                })
                .collect();
            let doc = json!({
                "template": template.title,
                "rules": {
                    "weight_range": rules.parameter_range,
                    "input_range": rules.input_range,
                },
                "variants": items,
            });
            let mut s = serde_json::to_string_pretty(&doc)
                .map_err(|e| format!("cannot write JSON: {e}"))?;
            s.push('\n');
            s
        }
        Format::Markdown => sheets(
            &list,
            o.sheets,
            |v, question| {
                if question {
                    question_markdown(&v.scenario, &heading(v), o.digits)
                } else {
                    markdown(&v.scenario, &v.scenario.step_trace(), o.digits)
                }
            },
            "\n---\n\n",
        ),
        Format::Latex => latex_standalone(&sheets(
            &list,
            o.sheets,
            |v, question| {
                if question {
                    question_latex(&v.scenario, &heading(v), o.digits)
                } else {
                    latex(&v.scenario, &v.scenario.step_trace(), o.digits)
                }
            },
            "\n\\clearpage\n",
        )),
    };
    Ok(Run::ok(text))
}

fn heading(v: &Variant) -> String {
    format!("Question: variant {}", v.seed)
}

/// The question sheets, then the answer keys, `between` each.
fn sheets(
    list: &[Variant],
    which: Sheets,
    render: impl Fn(&Variant, bool) -> String,
    between: &str,
) -> String {
    let mut parts = Vec::new();
    if which != Sheets::Answers {
        parts.extend(list.iter().map(|v| render(v, true)));
    }
    if which != Sheets::Questions {
        parts.extend(list.iter().map(|v| render(v, false)));
    }
    parts.join(between)
}
