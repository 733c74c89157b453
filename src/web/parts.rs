//! Fetches the parts of the code that load on demand ([`crate::parts`]). Each is a split point:
//! the build moves what only its body reaches into a wasm module of its own, which the page
//! fetches on the first call (`__wasm_split.js`, written by `scripts/build_wasm.py`).

use std::cell::RefCell;
use std::rc::Weak;

use wasm_split_helpers::{wasm_split, SplitLoaderError};

use super::app::App;
use super::events::with_app;
use crate::parts::{CheckPart, Loaded, Part};
use crate::session::Command;

// `fallible`: a failed fetch (the network gone) is an `Err` to show, not a panic.
#[wasm_split(check, fallible)]
fn check_part() -> Result<CheckPart, SplitLoaderError> {
    Ok(CheckPart::new())
}

/// Fetches `part`, then hands it to the app's session (or says it failed).
pub fn fetch(app: Weak<RefCell<App>>, part: Part) {
    wasm_bindgen_futures::spawn_local(async move {
        let command = match part {
            Part::Check => match check_part().await {
                Ok(check) => Command::Loaded(Loaded::Check(check)),
                Err(e) => Command::LoadFailed {
                    part,
                    reason: e.to_string(),
                },
            },
        };
        with_app(&app, |app| app.dispatch(command));
    });
}
