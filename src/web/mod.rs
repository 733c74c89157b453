//! The browser front end (wasm32 only): the only module that uses web crates.
//!
//! [`mount`] builds one widget inside a host element and returns its [`Widget`] handle, which
//! owns every listener, the resize observer and the animation frame, and whose `destroy()`
//! removes all of them. Any number of widgets can live on one page.

mod app;
mod dom;
mod events;
mod painter;
mod view;

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use web_sys::Element;

use crate::scenario::Scenario;
use app::{App, FrameCallback, SlowCallback};
use dom::Listeners;
use view::Dom;

/// Everything one widget owns: its state, listeners, callbacks and observer.
struct Parts {
    app: Rc<RefCell<App>>,
    listeners: Listeners,
    frame: FrameCallback,
    slow: SlowCallback,
    resize: Option<events::SizeWatch>,
}

thread_local! {
    /// Every live widget. A widget lives until `destroy()`, whether or not the page keeps its
    /// handle (a collected handle must not leave listeners calling into freed closures).
    static LIVE: RefCell<Vec<Rc<RefCell<Parts>>>> = const { RefCell::new(Vec::new()) };
}

/// The handle of one mounted widget.
#[wasm_bindgen]
pub struct Widget {
    parts: Rc<RefCell<Parts>>,
}

/// Reads a scenario argument: a preset name, scenario JSON, or empty for the exam.
pub fn scenario_from_argument(argument: &str) -> Result<Scenario, String> {
    let trimmed = argument.trim();
    if trimmed.is_empty() {
        return Ok(Scenario::default());
    }
    if let Some(preset) = Scenario::preset(trimmed) {
        return Ok(preset);
    }
    if trimmed.starts_with('{') {
        return Scenario::from_json(trimmed).map_err(|e| format!("scenario: {e}"));
    }
    let shown: String = trimmed.chars().take(40).collect();
    Err(format!(
        "scenario: “{shown}” is neither a preset ({}) nor scenario JSON",
        Scenario::PRESETS.join(", ")
    ))
}

/// Mounts a widget into `host`, showing `scenario` (a preset name such as `"exam"`, scenario
/// JSON, or `""` for the exam). A bad scenario is refused with a message and nothing is mounted.
#[wasm_bindgen]
pub fn mount(host: &Element, scenario: &str) -> Result<Widget, JsValue> {
    install_panic_hook();
    let scenario = scenario_from_argument(scenario).map_err(|e| JsValue::from_str(&e))?;
    let window = web_sys::window().ok_or("mount needs a window")?;
    let document = window.document().ok_or("mount needs a document")?;
    let dom = Dom::build(&document, host)?;
    let frame: FrameCallback = Rc::new(RefCell::new(None));
    let slow: SlowCallback = Rc::new(RefCell::new(None));
    let app = Rc::new(RefCell::new(App::new(
        scenario,
        dom,
        frame.clone(),
        slow.clone(),
    )));
    {
        let weak = Rc::downgrade(&app);
        *slow.borrow_mut() = Some(Closure::new(move || {
            if let Some(app) = weak.upgrade() {
                if let Ok(mut app) = app.try_borrow_mut() {
                    app.on_slow();
                }
            }
        }));
    }
    {
        let weak = Rc::downgrade(&app);
        *frame.borrow_mut() = Some(Closure::new(move |now: f64| {
            if let Some(app) = weak.upgrade() {
                if let Ok(mut app) = app.try_borrow_mut() {
                    app.on_frame(now);
                }
            }
        }));
    }
    let mut listeners = Listeners::default();
    events::wire(&app, &mut listeners, &window)?;
    let resize = events::observe_size(&app)?;
    {
        let mut a = app.borrow_mut();
        a.dpr = window.device_pixel_ratio().max(1.0);
        let rect = a.dom.stage.get_bounding_client_rect();
        if rect.width() > 0.0 && rect.height() > 0.0 {
            a.size = (rect.width(), rect.height());
        }
        events::apply_system_preferences(&mut a, &window);
        a.dom.preset.set_value(
            Scenario::PRESETS
                .iter()
                .find(|p| Scenario::preset(p).as_ref() == Some(&a.scenario))
                .copied()
                .unwrap_or(""),
        );
        a.render();
    }
    let parts = Rc::new(RefCell::new(Parts {
        app,
        listeners,
        frame,
        slow,
        resize: Some(resize),
    }));
    LIVE.with(|live| live.borrow_mut().push(parts.clone()));
    Ok(Widget { parts })
}

#[wasm_bindgen]
impl Widget {
    /// Removes the widget: its elements, every listener, the resize observer and any pending
    /// animation frame. Calling it twice is harmless.
    pub fn destroy(&mut self) {
        {
            let mut parts = self.parts.borrow_mut();
            parts.listeners.remove_all();
            if let Some((observer, _closure)) = parts.resize.take() {
                observer.disconnect();
            }
            if let Ok(mut app) = parts.app.try_borrow_mut() {
                app.cancel_frame();
                app.cancel_slow();
                app.timeline.pause();
                app.dom.root.remove();
            }
            *parts.frame.borrow_mut() = None;
            *parts.slow.borrow_mut() = None;
        }
        LIVE.with(|live| live.borrow_mut().retain(|p| !Rc::ptr_eq(p, &self.parts)));
    }

    /// The current scenario (with any edits and SGD steps applied) as JSON.
    #[wasm_bindgen(js_name = scenarioJson)]
    pub fn scenario_json(&self) -> String {
        self.parts.borrow().app.borrow().scenario.to_json()
    }

    /// Timings of the last animation frame in milliseconds and the number of frames drawn so far,
    /// for benchmarks: `[whole frame, scene build, paint, frames, editors, panels]`.
    #[wasm_bindgen(js_name = frameStats)]
    pub fn frame_stats(&self) -> Vec<f64> {
        let parts = self.parts.borrow();
        let app = parts.app.borrow();
        vec![
            app.frame_ms[0],
            app.frame_ms[1],
            app.frame_ms[2],
            f64::from(app.frames),
            app.frame_ms[3],
            app.frame_ms[4],
        ]
    }

    /// How many event listeners the widget holds (0 after `destroy()`).
    #[wasm_bindgen(js_name = listenerCount)]
    pub fn listener_count(&self) -> usize {
        self.parts.borrow().listeners.len()
    }
}

/// Mounts a widget into every element marked `data-backprop-viz` when the module starts; the
/// attribute's value is the scenario (a preset name or JSON; empty for the exam).
#[wasm_bindgen(start)]
pub fn start() -> Result<(), JsValue> {
    install_panic_hook();
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return Ok(());
    };
    let hosts = document.query_selector_all("[data-backprop-viz]")?;
    for k in 0..hosts.length() {
        let Some(host) = hosts.item(k).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        let argument = host.get_attribute("data-backprop-viz").unwrap_or_default();
        match mount(&host, &argument) {
            // The widget stays alive (in LIVE) for the page's life.
            Ok(_widget) => {}
            Err(e) => {
                let text = e
                    .as_string()
                    .unwrap_or_else(|| "the widget could not start".into());
                host.set_text_content(Some(&text));
                host.set_attribute("role", "alert")?;
            }
        }
    }
    Ok(())
}

fn install_panic_hook() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            web_sys::console::error_1(&JsValue::from_str(&format!("backprop-viz: {info}")));
            if let Some(document) = web_sys::window().and_then(|w| w.document()) {
                if let Ok(list) = document.query_selector_all(".bpv-message") {
                    for k in 0..list.length() {
                        if let Some(node) = list.item(k) {
                            node.set_text_content(Some(
                                "Something went wrong inside the widget — please reload the page.",
                            ));
                        }
                    }
                }
            }
        }));
    });
}
