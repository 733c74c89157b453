//! A diverged network in a link: JSON has no ∞ or NaN, so a link's scenario writes them as
//! strings (in weights, biases and the optimiser's moments only) and reads them back.

use crate::json::{ToJson, Value};
use crate::nn::{Biases, Weights};
use crate::scenario::{Scenario, ScenarioError};

/// How a diverged network's numbers are written in a link's scenario (JSON has no ∞ or NaN): as
/// these strings, in `weights` and `biases` only, so that the link reopens what was on screen.
const NON_FINITE: [(&str, f64); 3] = [
    ("inf", f64::INFINITY),
    ("-inf", f64::NEG_INFINITY),
    ("nan", f64::NAN),
];

fn non_finite_name(x: f64) -> &'static str {
    if x.is_nan() {
        "nan"
    } else if x > 0.0 {
        "inf"
    } else {
        "-inf"
    }
}

/// Where a scenario keeps parameter-shaped numbers, as JSON pointers: its own weights and
/// biases, and each moment of its optimiser's state.
const PARAM_HOMES: [&str; 4] = [
    "",
    "/optimizer_state/velocity",
    "/optimizer_state/first_moment",
    "/optimizer_state/second_moment",
];

/// The weights and biases stored at `home` (one of [`PARAM_HOMES`]), if the scenario has them.
fn params_at<'a>(scenario: &'a Scenario, home: &str) -> Option<(&'a Weights, &'a Biases)> {
    match home.strip_prefix("/optimizer_state/") {
        None => Some((&scenario.weights, &scenario.biases)),
        Some(field) => {
            let moment = scenario.optimizer_state.as_ref()?.moment(field)?;
            Some((&moment.weights, &moment.biases))
        }
    }
}

/// [`params_at`], to write.
fn params_at_mut<'a>(
    scenario: &'a mut Scenario,
    home: &str,
) -> Option<(&'a mut Weights, &'a mut Biases)> {
    match home.strip_prefix("/optimizer_state/") {
        None => Some((&mut scenario.weights, &mut scenario.biases)),
        Some(field) => {
            let moment = scenario.optimizer_state.as_mut()?.moment_mut(field)?;
            Some((&mut moment.weights, &mut moment.biases))
        }
    }
}

/// The scenario's JSON for a link, with a diverged network's ∞ and NaN (in its weights, its
/// biases or its optimiser's moments) written as strings.
pub(super) fn scenario_text(scenario: &Scenario) -> String {
    // Written through a `Value` as every JSON text is (see `json_text`); only a number that is
    // not finite is looked up and replaced.
    let mut value = ToJson::to_json(scenario);
    let mut put = |pointer: String, x: f64| {
        if let Some(slot) = value.pointer_mut(&pointer) {
            *slot = Value::from(non_finite_name(x));
        }
    };
    for home in PARAM_HOMES {
        let Some((weights, biases)) = params_at(scenario, home) else {
            continue;
        };
        for (l, layer) in weights.iter().enumerate() {
            for (i, row) in layer.iter().enumerate() {
                for (j, &w) in row.iter().enumerate() {
                    if !w.is_finite() {
                        put(format!("{home}/weights/{l}/{i}/{j}"), w);
                    }
                }
            }
        }
        for (l, layer) in biases.iter().enumerate() {
            for (j, &b) in layer.iter().enumerate() {
                if !b.is_finite() {
                    put(format!("{home}/biases/{l}/{j}"), b);
                }
            }
        }
    }
    value.to_string()
}

/// Replaces the strings of [`NON_FINITE`] in the arrays under `value` with 0, returning where each
/// was (its indices) and what it stands for.
fn take_non_finite(value: &mut Value, at: &mut Vec<usize>, out: &mut Vec<(Vec<usize>, f64)>) {
    match value {
        Value::Array(items) => {
            for (k, item) in items.iter_mut().enumerate() {
                at.push(k);
                take_non_finite(item, at, out);
                at.pop();
            }
        }
        Value::String(text) => {
            if let Some((_, x)) = NON_FINITE.iter().find(|(name, _)| name == text) {
                out.push((at.clone(), *x));
                *value = 0.0.into();
            }
        }
        _ => {}
    }
}

/// Writes the non-finite numbers `taken` from under `home` back into the validated scenario
/// (whose shapes were checked: every index names a number).
fn put_non_finite(scenario: &mut Scenario, home: &str, taken: Vec<(bool, Vec<usize>, f64)>) {
    let Some((weights, biases)) = params_at_mut(scenario, home) else {
        return;
    };
    for (is_weight, at, x) in taken {
        match (is_weight, &at[..]) {
            (true, [l, i, j]) => weights[*l][*i][*j] = x,
            (false, [l, j]) => biases[*l][*j] = x,
            _ => {}
        }
    }
}

/// A link's scenario: validated as a file is, except that a diverged network's weights, biases
/// and optimiser moments may be ∞ or NaN (written as strings), as they were on screen.
pub fn read_link_scenario(text: &str) -> Result<Scenario, ScenarioError> {
    if text.len() > crate::scenario::MAX_TEXT_BYTES {
        return Scenario::read_json(text);
    }
    let mut value = crate::read::parse(text)?;
    let mut taken = Vec::new();
    for home in PARAM_HOMES {
        let mut found = Vec::new();
        for (is_weight, part) in [(true, "weights"), (false, "biases")] {
            if let Some(v) = value.pointer_mut(&format!("{home}/{part}")) {
                let mut here = Vec::new();
                take_non_finite(v, &mut Vec::new(), &mut here);
                found.extend(here.into_iter().map(|(at, x)| (is_weight, at, x)));
            }
        }
        taken.push((home, found));
    }
    let mut scenario = Scenario::read_value(value)?;
    for (home, found) in taken {
        put_non_finite(&mut scenario, home, found);
    }
    Ok(scenario)
}
