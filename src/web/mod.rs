//! The browser front end (wasm32 only): the only module that uses web crates.

use wasm_bindgen::prelude::*;

use crate::explain::{explain, step_line};
use crate::nn::StepTrace;
use crate::scenario::Scenario;

/// Mounts into every element marked `data-backprop-viz` when the module starts.
#[wasm_bindgen(start)]
pub fn start() -> Result<(), JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let targets = document.query_selector_all("[data-backprop-viz]")?;
    for k in 0..targets.length() {
        let Some(node) = targets.item(k) else {
            continue;
        };
        let scenario = Scenario::default();
        let step = StepTrace::run(
            &scenario.network(),
            &scenario.samples,
            scenario.learning_rate,
            scenario.freeze_biases,
        );
        let lines: Vec<String> = explain(&scenario, &step, 0)
            .iter()
            .take(7)
            .map(|s| step_line(s, 4))
            .collect();
        node.set_text_content(Some(&lines.join("\n")));
    }
    Ok(())
}
