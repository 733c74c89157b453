//! The observers that tell the shell where the widget is: whether it is scrolled into view,
//! the stage's size (the canvas follows it) and the explanation column's width (long formulas
//! are set on rows that fit it). Each is disconnected by `destroy()`.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{ResizeObserver, ResizeObserverEntry};

use super::app::App;
use super::events::with_app;
use crate::session::{Command, Sight};

/// An intersection observer and its callback, disconnected by `destroy()`.
pub type ViewWatch = (
    web_sys::IntersectionObserver,
    Closure<dyn FnMut(js_sys::Array)>,
);

/// Watches whether the widget is scrolled into view.
pub fn observe_view(app: &Rc<RefCell<App>>) -> Result<ViewWatch, JsValue> {
    let weak = Rc::downgrade(app);
    let closure = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        let Some(entry) = entries
            .get(entries.length().saturating_sub(1))
            .dyn_into::<web_sys::IntersectionObserverEntry>()
            .ok()
        else {
            return;
        };
        let seen = entry.is_intersecting();
        with_app(&weak, |app| {
            app.dispatch(Command::Seen {
                sight: Sight::Scrolled,
                seen,
            })
        });
    });
    let observer = web_sys::IntersectionObserver::new(closure.as_ref().unchecked_ref())?;
    observer.observe(&app.borrow().screen.dom.root);
    Ok((observer, closure))
}

/// A CSS pixel length from a computed style (`"13.5px"`), or `fallback`.
fn style_px(style: &web_sys::CssStyleDeclaration, property: &str, fallback: f64) -> f64 {
    style
        .get_property_value(property)
        .ok()
        .and_then(|v| crate::decimal::parse_f64(v.strip_suffix("px")?))
        .filter(|v| v.is_finite())
        .unwrap_or(fallback)
}

/// Tells the session the explanation column's content width (`width_px`), with the panels'
/// font size, so that long formulas are set on rows that fit it.
fn panel_width(app: &mut App, width_px: f64) {
    let font_px = app
        .screen
        .dom
        .side
        .query_selector(".bpv-now")
        .ok()
        .flatten()
        .and_then(|panel| web_sys::window()?.get_computed_style(&panel).ok().flatten())
        .map_or(16.0, |style| style_px(&style, "font-size", 16.0));
    app.dispatch(Command::PanelWidth { width_px, font_px });
}

/// Measures the explanation column now (at mount, before the first frame), so that the first
/// explanation is already set for the panel's width rather than a frame later.
pub fn measure_panel(app: &mut App) {
    let side = app.screen.dom.side.clone();
    let Some(style) = web_sys::window().and_then(|w| w.get_computed_style(&side).ok().flatten())
    else {
        return;
    };
    let padding = style_px(&style, "padding-left", 0.0) + style_px(&style, "padding-right", 0.0);
    let width = f64::from(side.client_width()) - padding;
    panel_width(app, width);
}

/// A resize observer and its callback, disconnected by `destroy()`.
pub type SizeWatch = (ResizeObserver, Closure<dyn FnMut(js_sys::Array)>);

/// Watches the stage's size, so that the canvas follows its container without distortion, and
/// the explanation panels' width, so that long formulas are set on rows that fit it.
pub fn observe_size(app: &Rc<RefCell<App>>) -> Result<SizeWatch, JsValue> {
    let weak = Rc::downgrade(app);
    let closure = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        let dpr = web_sys::window()
            .map_or(1.0, |w| w.device_pixel_ratio())
            .max(1.0);
        for entry in entries.iter() {
            let Ok(entry) = entry.dyn_into::<ResizeObserverEntry>() else {
                continue;
            };
            let rect = entry.content_rect();
            with_app(&weak, |app| {
                if entry.target() == *app.screen.dom.side.as_ref() {
                    panel_width(app, rect.width());
                    return;
                }
                let size = (rect.width().max(1.0), rect.height().max(1.0));
                if size != app.screen.size || dpr != app.screen.dpr {
                    app.screen.size = size;
                    app.screen.dpr = dpr;
                    // Another size labels other values: the list of the rest follows.
                    app.mark_slow();
                    app.redraw();
                }
            });
        }
    });
    let observer = ResizeObserver::new(closure.as_ref().unchecked_ref())?;
    observer.observe(&app.borrow().screen.dom.stage);
    observer.observe(&app.borrow().screen.dom.side);
    Ok((observer, closure))
}
