//! The browser front end (wasm32 only): the only module that uses web crates.
//!
//! [`mount`] builds one widget inside a host element and returns its [`Widget`] handle, which
//! owns every listener, the resize observer and the animation frame, and whose `destroy()`
//! removes all of them. Any number of widgets can live on one page.

mod api;
mod app;
mod args;
mod dom;
mod events;
mod exports;
mod observers;
mod painter;
mod parts;
mod play_dom;
mod play_events;
mod play_view;
mod view;
mod view_dom;

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use web_sys::Element;

use crate::session::{Command, Session};
use crate::share::Link;
use api::api;
use app::{App, FrameCallback, SlowCallback};
use dom::Listeners;
use play_view::PlayView;
use view::{Dom, Screen};

/// Everything one widget owns: its state, listeners, callbacks and observer.
struct Parts {
    app: Rc<RefCell<App>>,
    listeners: Listeners,
    frame: FrameCallback,
    slow: SlowCallback,
    resize: Option<observers::SizeWatch>,
    view: Option<observers::ViewWatch>,
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

/// Mounts a widget into `host`, showing `scenario` (a preset name such as `"exam"`, scenario
/// JSON, or `""` for the exam). `options` uses the share-link syntax without a scenario
/// (`"panels=canvas,controls&theme=dark&readonly=1"`, or `""`); `link_base` is the address share
/// links should open (the backprop-viz page). A bad scenario or option is refused with a message
/// and nothing is mounted.
#[wasm_bindgen]
pub fn mount(
    host: &Element,
    scenario: JsValue,
    options: JsValue,
    link_base: &str,
) -> Result<Widget, JsValue> {
    install_panic_hook();
    (api()?.mount)(host, scenario, options, link_base)
}

/// Mounts a widget showing the state a share-link hash describes, and keeps the page's hash in
/// step with it (for the full page and the embed page). A hash that cannot be read shows its
/// message in the widget, above the exam.
#[wasm_bindgen(js_name = mountLink)]
pub fn mount_link(host: &Element, hash: &str) -> Result<Widget, JsValue> {
    install_panic_hook();
    let (link, notice) = crate::session::api::page_link(hash);
    mount_link_parts(host, link, true, &page_address(), notice)
}

/// Why `svg()` and `workedSolution()` cannot answer yet on a widget mounted without the tools.
fn tools_absent() -> String {
    "the export tools have not loaded yet: await loadPart(\"tools\") first (the module's mount does)"
        .into()
}

/// The page's address without its hash (where share links open).
fn page_address() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .map(|href| href.split('#').next().unwrap_or_default().to_string())
        .unwrap_or_default()
}

fn mount_link_parts(
    host: &Element,
    link: Link,
    sync_hash: bool,
    link_base: &str,
    notice: Option<String>,
) -> Result<Widget, JsValue> {
    let window = web_sys::window().ok_or("mount needs a window")?;
    let document = window.document().ok_or("mount needs a document")?;
    let dom = Dom::build(host)?;
    let play_section: Element = dom::find(&dom.root, "bpv-dataset")?;
    let frame: FrameCallback = Rc::new(RefCell::new(None));
    let slow: SlowCallback = Rc::new(RefCell::new(None));
    let (session, opened) = Session::from_link(&link);
    let app = Rc::new(RefCell::new(App::new(
        session,
        Screen::new(dom),
        PlayView::new(play_section),
        frame.clone(),
        slow.clone(),
    )));
    let weak = Rc::downgrade(&app);
    app.borrow_mut().me = weak.clone();
    let on_slow = weak.clone();
    *slow.borrow_mut() = Some(Closure::new(move || {
        events::with_app(&on_slow, App::on_slow)
    }));
    *frame.borrow_mut() = Some(Closure::new(move |now: f64| {
        events::with_app(&weak, |app| app.on_frame(now));
    }));
    let mut listeners = Listeners::default();
    events::wire(&app, &mut listeners, &window)?;
    if sync_hash {
        events::wire_page_shortcuts(&app, &mut listeners, &document)?;
    }
    play_events::wire_play(&app, &mut listeners)?;
    let resize = observers::observe_size(&app)?;
    let view = observers::observe_view(&app)?;
    {
        let mut a = app.borrow_mut();
        a.screen.dpr = window.device_pixel_ratio().max(1.0);
        let rect = a.screen.dom.stage.get_bounding_client_rect();
        if rect.width() > 0.0 && rect.height() > 0.0 {
            a.screen.size = (rect.width(), rect.height());
        }
        a.session.share.page = link_base.to_string();
        a.absorb(opened);
        observers::measure_panel(&mut a);
        events::apply_system_preferences(&mut a, &window);
        if let Some(notice) = &notice {
            a.notice(notice);
        }
        a.sync_hash = sync_hash && notice.is_none();
        a.render();
        // The values the first drawing left unlabelled are listed with it, not in the slow lane
        // a moment later: the list's arrival made the side column taller and the rows under it
        // jumped.
        let app = &mut *a;
        app.screen.update_unlabelled(&app.session);
    }
    let parts = Rc::new(RefCell::new(Parts {
        app,
        listeners,
        frame,
        slow,
        resize: Some(resize),
        view: Some(view),
    }));
    LIVE.with(|live| live.borrow_mut().push(parts.clone()));
    Ok(Widget { parts })
}

#[wasm_bindgen]
impl Widget {
    /// Removes the widget: its elements, every listener, the resize observer and any pending
    /// animation frame. Calling it twice is harmless.
    pub fn destroy(&self) {
        {
            let mut parts = self.parts.borrow_mut();
            parts.listeners.remove_all();
            if let Some((observer, _closure)) = parts.resize.take() {
                observer.disconnect();
            }
            if let Some((observer, _closure)) = parts.view.take() {
                observer.disconnect();
            }
            if let Ok(mut app) = parts.app.try_borrow_mut() {
                app.cancel_frame();
                app.cancel_slow();
                app.session.timeline.pause();
                app.screen.dom.root.remove();
            }
            *parts.frame.borrow_mut() = None;
            *parts.slow.borrow_mut() = None;
        }
        LIVE.with(|live| live.borrow_mut().retain(|p| !Rc::ptr_eq(p, &self.parts)));
    }

    /// Runs an action on the widget's state, delivering any events it raises afterwards.
    fn act<T>(&self, f: impl FnOnce(&mut App) -> T) -> Result<T, JsValue> {
        let app = self.parts.borrow().app.clone();
        let mut out = None;
        events::with_app(&Rc::downgrade(&app), |a| {
            out = Some(f(a));
        });
        out.ok_or_else(|| JsValue::from_str("the widget is busy or destroyed"))
    }

    /// Reads one number by its scenario path (`"weights[1][1][0]"`, `"samples[0].x[1]"`,
    /// `"learning_rate"`).
    pub fn get(&self, path: JsValue) -> Result<f64, JsValue> {
        (api()?.get)(self, path)
    }

    /// Sets one number by its scenario path; a bad value throws the same message the page shows,
    /// and the state stays as it was.
    pub fn set(&self, path: JsValue, value: JsValue) -> Result<(), JsValue> {
        (api()?.set)(self, path, value)
    }

    /// Carries out a command, delivering any events it raises afterwards.
    fn command(&self, command: Command) -> Result<(), JsValue> {
        self.act(|app| app.dispatch(command))
    }

    /// Animates the next computation (or jumps there under reduced motion).
    #[wasm_bindgen(js_name = stepForward)]
    pub fn step_forward(&self) -> Result<(), JsValue> {
        self.command(Command::StepForward)
    }

    /// Goes back one computation.
    #[wasm_bindgen(js_name = stepBack)]
    pub fn step_back(&self) -> Result<(), JsValue> {
        self.command(Command::StepBack)
    }

    /// Jumps to a timeline position (0 = before the forward pass, up to the timeline's length).
    pub fn seek(&self, position: JsValue) -> Result<(), JsValue> {
        (api()?.seek)(self, position)
    }

    /// The timeline position and its length, `[position, steps]`.
    pub fn position(&self) -> Result<Vec<f64>, JsValue> {
        self.act(|app| {
            let timeline = &app.session.timeline;
            vec![timeline.position(), timeline.len() as f64]
        })
    }

    /// Plays the animation.
    pub fn play(&self) -> Result<(), JsValue> {
        self.command(Command::Play)
    }

    /// Pauses the animation.
    pub fn pause(&self) -> Result<(), JsValue> {
        self.command(Command::Pause)
    }

    /// Resets to the scenario as mounted (undoable).
    pub fn reset(&self) -> Result<(), JsValue> {
        self.command(Command::Reset)
    }

    /// Commits the update (the new weights become the network's).
    #[wasm_bindgen(js_name = applyStep)]
    pub fn apply_step(&self) -> Result<(), JsValue> {
        self.command(Command::ApplyStep)
    }

    /// Undoes the last edit or SGD step.
    pub fn undo(&self) -> Result<(), JsValue> {
        self.command(Command::Undo)
    }

    /// Redoes.
    pub fn redo(&self) -> Result<(), JsValue> {
        self.command(Command::Redo)
    }

    /// Loads another scenario (preset name or JSON); a bad one throws and changes nothing.
    pub fn load(&self, scenario: JsValue) -> Result<(), JsValue> {
        (api()?.load)(self, scenario)
    }

    /// Calls `callback(detail)` on `"edit"` (a number changed), `"step"` (the timeline reached
    /// another computation) or `"update"` (an SGD step was applied). Returns an id for `off`.
    pub fn on(&self, event: JsValue, callback: JsValue) -> Result<u32, JsValue> {
        (api()?.on)(self, event, callback)
    }

    /// Removes a subscription made with `on` (an id it never gave does nothing).
    pub fn off(&self, id: JsValue) -> Result<(), JsValue> {
        (api()?.off)(self, id)
    }

    /// The network at the current step as an SVG document.
    pub fn svg(&self) -> Result<String, JsValue> {
        (api()?.svg)(self)
    }

    /// The network at the current step as a PNG data URL, at twice the canvas size.
    #[wasm_bindgen(js_name = pngDataUrl)]
    pub fn png_data_url(&self) -> Result<String, JsValue> {
        self.act(|app| app.exports().png())?
    }

    /// The worked solution of the current step, as `"markdown"`, `"latex"` or
    /// `"latex-fragment"`.
    #[wasm_bindgen(js_name = workedSolution)]
    pub fn worked_solution(&self, format: JsValue) -> Result<String, JsValue> {
        (api()?.worked_solution)(self, format)
    }

    /// The share-link hash of the current state (without `#`).
    #[wasm_bindgen(js_name = shareHash)]
    pub fn share_hash(&self) -> Result<String, JsValue> {
        self.act(|app| crate::share::encode(&app.session.link()))
    }

    /// The current scenario (with any edits and SGD steps applied) as JSON.
    #[wasm_bindgen(js_name = scenarioJson)]
    pub fn scenario_json(&self) -> Result<String, JsValue> {
        self.act(|app| app.session.scenario().to_json())
    }

    /// The scenario with edits, as an object (the file format's fields).
    pub fn scenario(&self) -> Result<JsValue, JsValue> {
        (api()?.scenario)(self)
    }

    /// Timings of the last animation frame in milliseconds and the number of frames drawn so far,
    /// for benchmarks: `[whole frame, scene build, paint, frames, editors, panels, trace
    /// recomputations]`.
    #[wasm_bindgen(js_name = frameStats)]
    pub fn frame_stats(&self) -> Vec<f64> {
        let parts = self.parts.borrow();
        let app = parts.app.borrow();
        vec![
            app.screen.frame_ms.whole,
            app.screen.frame_ms.scene,
            app.screen.frame_ms.paint,
            f64::from(app.screen.frames),
            app.screen.frame_ms.editors,
            app.screen.frame_ms.panels,
            f64::from(app.session.recomputations()),
        ]
    }

    /// Switches between `"sample"` (the one-sample view) and `"data"` (training on a data set).
    #[wasm_bindgen(js_name = setMode)]
    pub fn set_mode(&self, mode: JsValue) -> Result<(), JsValue> {
        (api()?.set_mode)(self, mode)
    }

    /// `"sample"` or `"data"`.
    pub fn mode(&self) -> Result<String, JsValue> {
        self.act(|app| app.session.mode_name().into())
    }

    /// Data-set mode: trains on at least `samples` training samples at once (whole mini-batches,
    /// 1 to a million) and returns the epochs trained so far.
    pub fn train(&self, samples: JsValue) -> Result<f64, JsValue> {
        (api()?.train)(self, samples)
    }

    /// Data-set mode: starts or pauses training (one epoch per frame).
    #[wasm_bindgen(js_name = toggleTraining)]
    pub fn toggle_training(&self) -> Result<bool, JsValue> {
        self.act(|app| {
            app.toggle_training();
            app.session.data.playing
        })
    }

    /// Data-set mode: shows a point's forward and backward pass in the network view (`test`
    /// picks from the test set) and returns true; a point that does not exist is refused.
    #[wasm_bindgen(js_name = pickPoint)]
    pub fn pick_point(&self, index: JsValue, test: JsValue) -> Result<bool, JsValue> {
        (api()?.pick_point)(self, index, test)
    }

    /// Data-set mode: the playground as JSON (settings, hand-made points, weights, samples
    /// seen, picked point), the form share links carry.
    #[wasm_bindgen(js_name = playgroundJson)]
    pub fn playground_json(&self) -> Result<String, JsValue> {
        (api()?.playground_json)(self)
    }

    /// Data-set mode's state as an object (what `playgroundJson` writes as text).
    pub fn playground(&self) -> Result<JsValue, JsValue> {
        (api()?.playground)(self)
    }

    /// Data-set mode, for benchmarks: computes every neuron's output over an `n × n` grid of
    /// the plane (what the heatmaps draw) and returns how many neurons it covered.
    #[wasm_bindgen(js_name = computeGrids)]
    pub fn compute_grids(&self, n: JsValue) -> Result<usize, JsValue> {
        (api()?.compute_grids)(self, n)
    }

    /// Data-set mode: milliseconds of the last training frame's parts and the state:
    /// `[training, grids, plot and chart, grid side, epoch, training loss, test loss]`.
    #[wasm_bindgen(js_name = trainingStats)]
    pub fn training_stats(&self) -> Vec<f64> {
        let parts = self.parts.borrow();
        let app = parts.app.borrow();
        let (epoch, train, test) = app.session.training_state();
        vec![
            app.play.ms.training,
            app.play.ms.grids,
            app.play.ms.drawing,
            app.play.side as f64,
            epoch,
            train,
            test,
        ]
    }

    /// How many event listeners the widget holds (0 after `destroy()`).
    #[wasm_bindgen(js_name = listenerCount)]
    pub fn listener_count(&self) -> usize {
        self.parts.borrow().listeners.len()
    }
}

/// Mounts a widget into every element marked `data-backprop-viz` when the module starts; the
/// attribute's value is the scenario (a preset name or JSON; empty for the exam). The module
/// API's part loads first, so the widgets come a moment after the module.
#[wasm_bindgen(start)]
pub fn start() -> Result<(), JsValue> {
    install_panic_hook();
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return Ok(());
    };
    let list = document.query_selector_all("[data-backprop-viz]")?;
    let hosts: Vec<Element> = (0..list.length())
        .filter_map(|k| list.item(k).and_then(|n| n.dyn_into::<Element>().ok()))
        .collect();
    if hosts.is_empty() {
        return Ok(());
    }
    wasm_bindgen_futures::spawn_local(async move {
        let loaded = api::fetch().await;
        for host in hosts {
            let argument = host.get_attribute("data-backprop-viz").unwrap_or_default();
            let mounted = match &loaded {
                Ok(()) => mount(
                    &host,
                    JsValue::from_str(&argument),
                    JsValue::UNDEFINED,
                    &page_address(),
                )
                .map_err(|e| {
                    e.dyn_ref::<js_sys::Error>()
                        .map(|e| String::from(e.message()))
                        .or_else(|| e.as_string())
                }),
                Err(message) => Err(Some(message.clone())),
            };
            // A widget stays alive (in LIVE) for the page's life.
            if let Err(text) = mounted {
                host.set_text_content(Some(
                    text.as_deref().unwrap_or("the widget could not start"),
                ));
                let _ = host.set_attribute("role", "alert");
            }
        }
    });
    Ok(())
}

/// Test-only: panics inside the core, so that the browser tests can check the panic hook.
#[cfg(feature = "test-hooks")]
#[wasm_bindgen(js_name = testPanic)]
pub fn test_panic(message: &str) {
    install_panic_hook();
    panic!("forced by a test: {message}");
}

/// Test-only: runs [`crate::nn::lanes::simd_self_check`] in this build (with WebAssembly SIMD):
/// an empty string when the two-lane code gives bitwise the one-number results, else the first
/// difference.
#[cfg(feature = "test-hooks")]
#[wasm_bindgen(js_name = simdSelfCheck)]
pub fn simd_self_check() -> String {
    if !cfg!(target_feature = "simd128") {
        return "this build has no WebAssembly SIMD (see .cargo/config.toml)".into();
    }
    crate::nn::lanes::simd_self_check().unwrap_or_default()
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
