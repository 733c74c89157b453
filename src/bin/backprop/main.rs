//! `backprop`: runs SGD steps on a scenario and prints the trace or the worked solution;
//! `backprop exam` writes exam variants with answer keys; `backprop check` marks a worked answer.

mod check;
mod exam;
mod io;

use std::process::ExitCode;

use backprop_viz::explain::{latex, latex_standalone, markdown, scenario_plan};
use backprop_viz::nn::{SampleTrace, StepTrace};
use backprop_viz::playground::Pick;
use backprop_viz::scenario::Scenario;
use backprop_viz::scene::svg::to_svg;
use backprop_viz::scene::{build_scene, ThemeName, Timeline, View};
use serde_json::{json, Value};

use io::{load, preset_source, set_source, Source};

const HELP: &str = "\
backprop: one forward pass, loss, backward pass and SGD update of a small neural network,
with every number shown.

USAGE:
    backprop [OPTIONS] [FILE]
    backprop exam [OPTIONS]        exam variants with answer keys (backprop exam --help)
    backprop check ANSWER [FILE]   marks a worked answer (backprop check --help)

ARGS:
    FILE                 a scenario JSON file, or - to read it from standard input

OPTIONS:
    --preset NAME        use a built-in scenario instead of a file: exam (the default when no
                         file is given), xor, softmax, deep_tanh
    --playground FILE    a data-set mode state instead of a scenario (the JSON a share link's
                         p= carries, or the module API's playgroundJson()): the scenario is
                         the trained network with one data point as its sample
    --point SET:N        with --playground, the point: train:N or test:N (N from 0; default:
                         the point picked in the state)
    --steps N            run N steps of the scenario's optimiser (SGD unless its optimizer field
                         says momentum, nesterov, rmsprop or adam) on its samples (default 1,
                         at most 10000); json gives each step's optimizer_state
    --format FORMAT      json (default), markdown, latex (a complete document for pdflatex),
                         or svg (the network after the step's backward pass and update, as
                         the page draws it)
    --latex-fragment     with --format latex, the body only, to paste into a document of
                         your own (it needs \\usepackage{amsmath})
    --size WxH           the SVG's size in pixels (default 900x480)
    --theme THEME        the SVG's colours: light (default) or dark, as the page's themes
    --digits N           significant digits in markdown and latex (default 4, 2 to 8, as in
                         the page);
                         json always carries full f64 values
    -h, --help           print this help

OUTPUT (json):
    { \"title\": ..., \"steps\": [ { \"step\": 1, \"loss\", \"loss_after\",
        \"forward\": { \"z\", \"a\" },            per layer; a[0] (and z[0]) are the inputs
        \"backward\": { \"grad_a\", \"delta\", \"weight_grads\", \"bias_grads\" },
        \"updated\": { \"weights\", \"biases\" },  same index convention as the scenario
        \"samples\": [ per-sample traces ], \"overflow\": [ paths of non-finite numbers ] } ] }
    With several samples, \"forward\" and the per-neuron parts of \"backward\" are left out of the
    step (they live in \"samples\"), and the step's loss and gradients are the sample means.

EXIT STATUS:
    0 on success, 2 on bad arguments or a bad scenario (one line on standard error), 3 when
    the output cannot be written (a full disk); 141 when the reader stops early (| head).

SCENARIO FORMAT: see README.md.";

/// The most per-sample gradients one run writes (steps × samples × weights): about 0.5 GB of
/// JSON.
const MAX_TRACE_WORK: usize = 10_000_000;

/// What the command line asked for.
struct Options {
    source: Source,
    point: Option<Pick>,
    steps: usize,
    format: Format,
    /// LaTeX without the document around it.
    fragment: bool,
    digits: usize,
    size: (f64, f64),
    theme: ThemeName,
}

#[derive(Clone, Copy)]
enum Format {
    Json,
    Markdown,
    Latex,
    Svg,
}

fn parse_args(args: &[String]) -> Result<Option<Options>, String> {
    let mut source = None;
    let mut steps = 1;
    let mut format = Format::Json;
    let mut fragment = false;
    let mut digits = 4;
    let mut size = (900.0, 480.0);
    let mut theme = ThemeName::Light;
    let mut point = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value (see --help)"))
        };
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--latex-fragment" => fragment = true,
            "--preset" => set_source(&mut source, preset_source(value("--preset")?)?)?,
            "--playground" => {
                let path = value("--playground")?;
                set_source(&mut source, Source::Playground(path))?;
            }
            "--point" => {
                let text = value("--point")?;
                let parsed = text.split_once(':').and_then(|(set, n)| {
                    let test = match set {
                        "train" => false,
                        "test" => true,
                        _ => return None,
                    };
                    Some(Pick {
                        test,
                        index: n.parse().ok()?,
                    })
                });
                point = Some(
                    parsed.ok_or_else(|| format!("--point: {text:?} is not train:N or test:N"))?,
                );
            }
            "--steps" => {
                let text = value("--steps")?;
                steps = match text.parse::<usize>() {
                    Ok(n) if (1..=10_000).contains(&n) => n,
                    _ => {
                        return Err(format!(
                            "--steps: {text:?} is not a whole number from 1 to 10000"
                        ))
                    }
                };
            }
            "--digits" => {
                let text = value("--digits")?;
                digits = match text.parse::<usize>() {
                    Ok(n) if backprop_viz::session::DIGITS.contains(&n) => n,
                    _ => {
                        return Err(format!(
                            "--digits: {text:?} is not a whole number from 2 to 8 (as in the page)"
                        ))
                    }
                };
            }
            "--format" => {
                let text = value("--format")?;
                format = match text.as_str() {
                    "json" => Format::Json,
                    "markdown" | "md" => Format::Markdown,
                    "latex" | "tex" => Format::Latex,
                    "svg" => Format::Svg,
                    _ => {
                        return Err(format!(
                            "--format: {text:?} is not one of json, markdown, latex, svg"
                        ))
                    }
                };
            }
            "--size" => {
                let text = value("--size")?;
                let parsed = text
                    .split_once('x')
                    .and_then(|(w, h)| Some((w.parse::<f64>().ok()?, h.parse::<f64>().ok()?)));
                size = match parsed {
                    Some((w, h))
                        if (160.0..=8000.0).contains(&w) && (120.0..=8000.0).contains(&h) =>
                    {
                        (w, h)
                    }
                    _ => {
                        return Err(format!(
                            "--size: {text:?} is not WIDTHxHEIGHT within 160x120 to 8000x8000"
                        ))
                    }
                };
            }
            "--theme" => {
                let text = value("--theme")?;
                theme = match text.as_str() {
                    "light" => ThemeName::Light,
                    "dark" => ThemeName::Dark,
                    _ => return Err(format!("--theme: {text:?} is not light or dark")),
                };
            }
            "-" => set_source(&mut source, Source::Stdin)?,
            other if other.starts_with('-') => {
                return Err(format!("unknown option {other:?} (see --help)"))
            }
            path => set_source(&mut source, Source::File(path.to_string()))?,
        }
    }
    if point.is_some() && !matches!(source, Some(Source::Playground(_))) {
        return Err("--point needs --playground FILE".into());
    }
    Ok(Some(Options {
        point,
        source: source.unwrap_or(Source::Preset("exam".into())),
        steps,
        format,
        fragment,
        digits,
        size,
        theme,
    }))
}

fn sample_json(trace: &SampleTrace) -> Value {
    json!({
        "loss": trace.loss,
        "forward": { "z": trace.z, "a": trace.a },
        "backward": {
            "grad_a": trace.grad_a,
            "delta": trace.delta,
            "weight_grads": trace.weight_grads,
            "bias_grads": trace.bias_grads,
        },
    })
}

fn step_json(index: usize, scenario: &Scenario, step: &StepTrace) -> Value {
    let samples: Vec<Value> = step
        .samples
        .iter()
        .zip(&scenario.samples)
        .map(|(trace, sample)| {
            let mut v = sample_json(trace);
            v["x"] = json!(sample.x);
            v["y"] = json!(sample.y);
            v
        })
        .collect();
    let overflow: Vec<String> = step
        .samples
        .iter()
        .enumerate()
        .flat_map(|(s, t)| {
            t.overflows()
                .into_iter()
                .map(move |o| format!("samples[{s}].{}", o.path))
        })
        .collect();
    let mut v = json!({
        "step": index + 1,
        "loss": step.loss,
        "loss_after": step.loss_after,
        "backward": { "weight_grads": step.weight_grads, "bias_grads": step.bias_grads },
        "updated": { "weights": step.after.weights, "biases": step.after.biases },
        "samples": samples,
        "overflow": overflow,
    });
    if !step.optimizer.is_sgd() {
        v["optimizer"] = json!(step.optimizer);
        v["optimizer_state"] = json!(step.state_after);
    }
    if let [only] = step.samples.as_slice() {
        v["forward"] = json!({ "z": only.z, "a": only.a });
        v["backward"]["grad_a"] = json!(only.grad_a);
        v["backward"]["delta"] = json!(only.delta);
    }
    v
}

fn svg_of(scenario: &Scenario, step: &StepTrace, options: &Options) -> String {
    let (digits, size) = (options.digits, options.size);
    let plan = scenario_plan(scenario);
    let timeline = Timeline::new(plan.iter().map(|(kind, _)| *kind).collect());
    let scene = build_scene(&View {
        scenario,
        step,
        sample: 0,
        plan: &plan,
        timeline: &timeline,
        theme: options.theme,
        width: size.0,
        height: size.1,
        digits,
        motion: false,
        selected: None,
        hovered: None,
        focused: None,
        describe: true,
        thumbnails: false,
        numbers: true,
    });
    to_svg(&scene)
}

/// What a command printed and its exit status.
pub struct Run {
    /// Standard output.
    pub text: String,
    /// The exit status.
    pub status: u8,
}

impl Run {
    /// Success with this output.
    pub fn ok(text: String) -> Run {
        Run { text, status: 0 }
    }
}

fn run(args: &[String]) -> Result<Run, String> {
    match args.first().map(String::as_str) {
        Some("exam") => return exam::run(&args[1..]),
        Some("check") => return check::run(&args[1..]),
        _ => {}
    }
    trace(args).map(Run::ok)
}

fn trace(args: &[String]) -> Result<String, String> {
    let Some(options) = parse_args(args)? else {
        return Ok(format!("{HELP}\n"));
    };
    let mut scenario = load(&options.source, options.point)?;
    let weights: usize = scenario.layers.windows(2).map(|w| w[0] * w[1]).sum();
    let work = options.steps * scenario.samples.len() * weights;
    if work > MAX_TRACE_WORK && !matches!(options.format, Format::Svg) {
        return Err(format!(
            "--steps: {} steps × {} samples × {weights} weights is {work} per-sample gradients to write; the limit is {MAX_TRACE_WORK} (fewer steps)",
            options.steps,
            scenario.samples.len()
        ));
    }
    let mut out = String::new();
    let mut json_steps = Vec::new();
    for k in 0..options.steps {
        let step = scenario.step_trace();
        let heading = if options.steps > 1 {
            format!("Step {} of {}", k + 1, options.steps)
        } else {
            String::new()
        };
        match options.format {
            Format::Json => json_steps.push(step_json(k, &scenario, &step)),
            Format::Markdown => {
                if !heading.is_empty() {
                    out.push_str(&format!("<!-- {heading} -->\n"));
                }
                out.push_str(&markdown(&scenario, &step, options.digits));
                out.push('\n');
            }
            Format::Latex => {
                if !heading.is_empty() {
                    out.push_str(&format!("% {heading}\n"));
                }
                out.push_str(&latex(&scenario, &step, options.digits));
                out.push('\n');
            }
            Format::Svg => {
                if k + 1 == options.steps {
                    out = svg_of(&scenario, &step, &options);
                }
            }
        }
        scenario.apply_step(&step);
    }
    if let (Format::Latex, false) = (options.format, options.fragment) {
        out = latex_standalone(&out);
    }
    if let Format::Json = options.format {
        let doc = json!({ "title": scenario.title, "steps": json_steps });
        out = serde_json::to_string_pretty(&doc).map_err(|e| format!("cannot write JSON: {e}"))?;
        out.push('\n');
    }
    Ok(out)
}

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        eprintln!("backprop: internal error: {info}");
    }));
    let result = io::arguments().and_then(|args| run(&args));
    match result {
        Ok(run) => match io::write_stdout(&run.text) {
            io::Written::Done => ExitCode::from(run.status),
            // The reader stopped reading (`| head`): what it read is what it wanted.
            io::Written::Closed => ExitCode::from(141),
            io::Written::Failed(message) => {
                eprintln!("backprop: {message}");
                ExitCode::from(3)
            }
        },
        Err(message) => {
            eprintln!("backprop: {}", io::printable(&message.replace('\n', " ")));
            ExitCode::from(2)
        }
    }
}
