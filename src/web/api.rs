//! The module API's own code: what reads the JavaScript arguments of `mount` and of the
//! [`Widget`] methods a host page calls (`get`, `set`, `on`, `train`, …), a part of its own
//! (`split_api.wasm`). The site's pages mount with `mountLink` and call none of it; the module's
//! `mount` (`js/backprop-viz.mjs`) loads it before it mounts, so every method answers at once.
//! Without it, `mount` and those methods throw an `Error` that says to `loadPart("api")` first.

use std::sync::OnceLock;

use wasm_bindgen::{JsCast, JsValue};
use wasm_split_helpers::{wasm_split, SplitLoaderError};
use web_sys::Element;

use super::args::{
    arg, detail_object, field_arg, json_object, mount_options, refuse, refuse_at, scenario_arg,
};
use super::{mount_link_parts, tools_absent, Widget};
use crate::session::api::{event_arg, mode_arg};
use crate::session::{ApiEvent, Command, DataCommand};

/// The module API's functions, each the body of the [`Widget`] method of its name (or of
/// [`super::mount`]).
#[derive(Clone, Copy)]
pub struct Api {
    /// `mount(host, scenario, options, link_base)`.
    pub mount: fn(&Element, JsValue, JsValue, &str) -> Result<Widget, JsValue>,
    /// `get(path)`.
    pub get: fn(&Widget, JsValue) -> Result<f64, JsValue>,
    /// `set(path, value)`.
    pub set: fn(&Widget, JsValue, JsValue) -> Result<(), JsValue>,
    /// `seek(position)`.
    pub seek: fn(&Widget, JsValue) -> Result<(), JsValue>,
    /// `load(scenario)`.
    pub load: fn(&Widget, JsValue) -> Result<(), JsValue>,
    /// `on(event, callback)`.
    pub on: fn(&Widget, JsValue, JsValue) -> Result<u32, JsValue>,
    /// `off(id)`.
    pub off: fn(&Widget, JsValue) -> Result<(), JsValue>,
    /// `svg()`.
    pub svg: fn(&Widget) -> Result<String, JsValue>,
    /// `workedSolution(format)`.
    pub worked_solution: fn(&Widget, JsValue) -> Result<String, JsValue>,
    /// `scenario()`.
    pub scenario: fn(&Widget) -> Result<JsValue, JsValue>,
    /// `setMode(mode)`.
    pub set_mode: fn(&Widget, JsValue) -> Result<(), JsValue>,
    /// `train(samples)`.
    pub train: fn(&Widget, JsValue) -> Result<f64, JsValue>,
    /// `pickPoint(index, test)`.
    pub pick_point: fn(&Widget, JsValue, JsValue) -> Result<bool, JsValue>,
    /// `playgroundJson()`.
    pub playground_json: fn(&Widget) -> Result<String, JsValue>,
    /// `playground()`.
    pub playground: fn(&Widget) -> Result<JsValue, JsValue>,
    /// `computeGrids(n)`.
    pub compute_grids: fn(&Widget, JsValue) -> Result<usize, JsValue>,
    /// An event's detail as the object `on`'s subscribers receive (only `on` makes
    /// subscribers, so the part is here whenever there is one to receive it).
    pub detail: fn(&ApiEvent) -> JsValue,
}

impl Api {
    fn new() -> Api {
        Api {
            mount,
            get,
            set,
            seek,
            load,
            on,
            off,
            svg,
            worked_solution,
            scenario,
            set_mode,
            train,
            pick_point,
            playground_json,
            playground,
            compute_grids,
            detail: |event| detail_object(&event.detail()),
        }
    }
}

static API: OnceLock<Api> = OnceLock::new();

// `fallible`: a failed fetch is an `Err` to say, not a panic.
#[wasm_split(api, fallible)]
fn api_part() -> Result<Api, SplitLoaderError> {
    Ok(Api::new())
}

/// Fetches the part (once per page); or says why it did not load.
pub async fn fetch() -> Result<(), String> {
    if API.get().is_none() {
        let api = api_part()
            .await
            .map_err(|e| format!("the module API did not load: {e}"))?;
        let _ = API.set(api);
    }
    Ok(())
}

/// The part, or the `Error` a call made before it loaded throws.
pub fn api() -> Result<Api, JsValue> {
    API.get().copied().ok_or_else(|| {
        refuse("the module API has not loaded yet: await loadPart(\"api\") first (the module's mount does)")
    })
}

fn mount(
    host: &Element,
    scenario: JsValue,
    options: JsValue,
    link_base: &str,
) -> Result<Widget, JsValue> {
    let scenario = scenario_arg(&scenario)?;
    let link = mount_options(&options)?
        .into_link_with(scenario)
        .map_err(|e| refuse_at(&e.field, &e.message, &e.field, &options))?;
    mount_link_parts(host, link, false, link_base, None)
}

fn get(w: &Widget, path: JsValue) -> Result<f64, JsValue> {
    let field = field_arg(&path)?;
    w.act(|app| app.session.get_arg(field))?.map_err(refuse)
}

fn set(w: &Widget, path: JsValue, value: JsValue) -> Result<(), JsValue> {
    let field = field_arg(&path)?;
    let value = arg(&value).number("value").map_err(refuse)?;
    w.act(|app| {
        app.end_gesture();
        let result = app.set_field(field, value);
        app.end_gesture();
        result
    })?
    .map_err(|refusal| refuse(refusal.by_path()))
}

fn seek(w: &Widget, position: JsValue) -> Result<(), JsValue> {
    let position = w.act(|app| app.session.seek_arg(&arg(&position)))?;
    let position = position.map_err(refuse)?;
    w.command(Command::Seek(position))
}

fn load(w: &Widget, scenario: JsValue) -> Result<(), JsValue> {
    if scenario.is_undefined() {
        return Err(refuse(
            "scenario: expected a preset name, scenario JSON or a scenario object",
        ));
    }
    let scenario = scenario_arg(&scenario)?;
    w.command(Command::Load(scenario))
}

fn on(w: &Widget, event: JsValue, callback: JsValue) -> Result<u32, JsValue> {
    let event = event_arg(&arg(&event)).map_err(refuse)?;
    let callback: js_sys::Function = callback
        .dyn_into()
        .map_err(|_| refuse("callback: expected a function"))?;
    w.act(move |app| {
        let id = app
            .subscribers
            .iter()
            .map(|(id, ..)| id + 1)
            .max()
            .unwrap_or(1);
        app.subscribers.push((id, event, callback));
        id
    })
}

fn off(w: &Widget, id: JsValue) -> Result<(), JsValue> {
    let id = arg(&id).count("id", 0, u32::MAX as usize).map_err(refuse)? as u32;
    w.act(|app| app.subscribers.retain(|(k, ..)| *k != id))
}

fn svg(w: &Widget) -> Result<String, JsValue> {
    w.act(|app| {
        app.adopt_tools();
        app.exports().svg()
    })?
    .ok_or_else(|| refuse(tools_absent()))
}

fn worked_solution(w: &Widget, format: JsValue) -> Result<String, JsValue> {
    let format = arg(&format).text("format").map_err(refuse)?;
    w.act(|app| {
        app.adopt_tools();
        let tools = app.session.tools().ok_or_else(tools_absent)?;
        (tools.worked_solution)(&app.session, &format)
    })?
    .map_err(refuse)
}

fn scenario(w: &Widget) -> Result<JsValue, JsValue> {
    w.act(|app| json_object(app.session.scenario()))
}

fn set_mode(w: &Widget, mode: JsValue) -> Result<(), JsValue> {
    let command = mode_arg(&arg(&mode)).map_err(refuse)?;
    w.command(command)
}

fn train(w: &Widget, samples: JsValue) -> Result<f64, JsValue> {
    let samples = arg(&samples);
    w.act(|app| {
        let (effects, trained) = app.session.train_arg(&samples);
        app.absorb(effects);
        trained
    })?
    .map_err(refuse)
}

fn pick_point(w: &Widget, index: JsValue, test: JsValue) -> Result<bool, JsValue> {
    let (index, test) = (arg(&index), arg(&test));
    w.act(|app| {
        let pick = app.session.point_arg(&index, &test)?;
        app.dispatch_data(DataCommand::Pick(pick));
        Ok::<bool, String>(true)
    })?
    .map_err(refuse)
}

fn playground_json(w: &Widget) -> Result<String, JsValue> {
    w.act(|app| app.session.playground_json())?.map_err(refuse)
}

fn playground(w: &Widget) -> Result<JsValue, JsValue> {
    let saved = w.act(|app| app.session.playground_saved())?;
    Ok(json_object(&saved.map_err(refuse)?))
}

fn compute_grids(w: &Widget, n: JsValue) -> Result<usize, JsValue> {
    let n = arg(&n);
    w.act(|app| app.session.grids_arg(&n))?.map_err(refuse)
}
