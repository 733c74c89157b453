//! Fetches the parts of the code that load on demand ([`crate::parts`]). Each is a split point:
//! the build moves what only its body reaches into a wasm module of its own, which the page
//! fetches on the first call (`__wasm_split.js`, written by `scripts/build-wasm.sh`).

use std::cell::RefCell;
use std::rc::Weak;
use std::sync::OnceLock;

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;
use wasm_split_helpers::{wasm_split, SplitLoaderError};

use super::app::App;
use super::events::with_app;
use super::play_view::{PlayFrame, PlayView};
use super::view_dom::Dom;
use crate::parts::{install, installed, CheckPart, DataPart, Loaded, Part, ReadPart, ToolsPart};
use crate::session::{Command, Session};

// `fallible`: a failed fetch (the network gone) is an `Err` to show, not a panic.
#[wasm_split(check, fallible)]
fn check_part() -> Result<CheckPart, SplitLoaderError> {
    Ok(CheckPart::new())
}

#[wasm_split(data, fallible)]
fn data_part() -> Result<DataPart, SplitLoaderError> {
    let _ = PLAY_DRAWING.set(PlayView::draw);
    let _ = PLAY_PANEL.set(PlayView::build_panel);
    Ok(DataPart::new())
}

/// How data-set mode's panel draws ([`PlayView::draw`]); set by the mode's part when it
/// arrives, so that the drawing loads with it.
type PlayDrawing = fn(&mut PlayView, &mut Session, &Dom, f64) -> PlayFrame;
static PLAY_DRAWING: OnceLock<PlayDrawing> = OnceLock::new();

/// How data-set mode's panel is written into its section ([`PlayView::build_panel`]), set
/// with [`PLAY_DRAWING`].
type PlayPanel = fn(&mut PlayView, &Dom) -> bool;
static PLAY_PANEL: OnceLock<PlayPanel> = OnceLock::new();

/// Data-set mode's drawing, once its part is here.
pub fn play_drawing() -> Option<PlayDrawing> {
    PLAY_DRAWING.get().copied()
}

/// Writes data-set mode's panel if its part is here and the panel is not there yet; whether
/// it is there.
pub fn play_panel(play: &mut PlayView, main: &Dom) -> bool {
    PLAY_PANEL.get().is_some_and(|build| build(play, main))
}

#[wasm_split(read, fallible)]
fn read_part() -> Result<ReadPart, SplitLoaderError> {
    Ok(ReadPart::new())
}

#[wasm_split(tools, fallible)]
fn tools_part() -> Result<ToolsPart, SplitLoaderError> {
    Ok(ToolsPart::new())
}

/// `part`, fetched if the page does not have it yet, and kept for every widget of the page.
async fn load(part: Part) -> Result<Loaded, String> {
    if let Some(loaded) = installed(part) {
        return Ok(loaded);
    }
    let loaded = match part {
        Part::Check => check_part().await.map(Loaded::Check),
        Part::Data => data_part().await.map(Loaded::Data),
        Part::Read => read_part().await.map(Loaded::Read),
        Part::Tools => tools_part().await.map(Loaded::Tools),
    }
    .map_err(|e| e.to_string())?;
    install(&loaded);
    Ok(loaded)
}

/// Fetches `part`, then hands it to the app's session (or says it failed).
pub fn fetch(app: Weak<RefCell<App>>, part: Part) {
    wasm_bindgen_futures::spawn_local(async move {
        let command = match load(part).await {
            Ok(loaded) => Command::Loaded(loaded),
            Err(reason) => Command::LoadFailed { part, reason },
        };
        with_app(&app, |app| app.dispatch(command));
    });
}

/// The names of the parts a page's hash needs when it opens (`["data"]` for a link into data-set
/// mode), for the page to `loadPart` before `mountLink`.
#[wasm_bindgen(js_name = linkParts)]
pub fn link_parts(hash: &str) -> Vec<String> {
    crate::session::api::parts_for_link(hash)
        .into_iter()
        .map(|part| part.name().to_string())
        .collect()
}

/// Loads a part before any widget needs it: the module API's `mount` loads its own code
/// (`"api"`, [`super::api`]), the reader, data-set mode's part and the tools, so that it reads
/// its arguments and its synchronous methods (`setMode('data')`, then `train()`; `svg()`) work
/// as they always have.
#[wasm_bindgen(js_name = loadPart)]
pub async fn load_part(name: JsValue) -> Result<(), JsValue> {
    let name = name.as_string();
    if name.as_deref() == Some("api") {
        return super::api::fetch()
            .await
            .map_err(|message| js_sys::Error::new(&message).into());
    }
    let Some(part) = name.as_deref().and_then(Part::from_name) else {
        return Err(js_sys::Error::new(
            "name: expected \"api\", \"check\", \"data\", \"read\" or \"tools\"",
        )
        .into());
    };
    load(part).await.map(|_| ()).map_err(|reason| {
        js_sys::Error::new(&format!("{} did not load: {reason}", part.label())).into()
    })
}
