//! Wires the data-set panel: its buttons and set-up controls, clicks on the data plot and the
//! keyboard on it, through one listener per event type on the panel's section (delegated, so
//! that the panel its part writes, and the controls it rebuilds, need no listeners of their own).

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, Event, HtmlInputElement, HtmlSelectElement, KeyboardEvent, PointerEvent};

use super::app::App;
use super::dom::Listeners;
use super::events::with_app;
use crate::session::DataCommand;

/// The element the event happened on.
fn target(event: &Event) -> Option<Element> {
    event.target()?.dyn_into::<Element>().ok()
}

fn source(event: &Event) -> Option<Element> {
    let e = target(event)?;
    // A click on a button's text lands on the button itself (it holds only text), but be
    // tolerant of markup inside controls.
    e.closest("[data-act],[data-set],[data-feature],[data-mode]")
        .ok()
        .flatten()
}

/// Whether the event is on the data plot.
fn on_plot(event: &Event) -> bool {
    target(event).is_some_and(|e| e.class_list().contains("bpv-plot"))
}

fn layer_of(e: &Element) -> Option<usize> {
    e.get_attribute("data-layer")?.parse().ok()
}

/// Registers the panel's listeners.
pub fn wire_play(app: &Rc<RefCell<App>>, listeners: &mut Listeners) -> Result<(), JsValue> {
    let weak = Rc::downgrade(app);
    // On the panel's section, which its part fills when the mode is first entered.
    let section = app.borrow().play.section.clone();
    let w = weak.clone();
    listeners.add(&section, "click", move |event| {
        let Some(e) = source(&event) else { return };
        let Some(act) = e.get_attribute("data-act") else {
            return;
        };
        if e.has_attribute("disabled") {
            return;
        }
        let layer = layer_of(&e);
        with_app(&w, |app| {
            match (act.as_str(), DataCommand::from_act(&act, layer)) {
                (_, Some(command)) => app.dispatch_data(command),
                ("train", None) => app.toggle_training(),
                ("import-csv", None) => app.import_csv(),
                _ => {}
            }
        });
    })?;

    let w = weak.clone();
    listeners.add(&section, "change", move |event| {
        let Some(e) = source(&event) else { return };
        let layer = layer_of(&e);
        let (name, value, checked) = if let Some(f) = e.get_attribute("data-feature") {
            let checked = e
                .dyn_ref::<HtmlInputElement>()
                .is_some_and(HtmlInputElement::checked);
            ("feature".to_string(), f, checked)
        } else if let Some(name) = e.get_attribute("data-set") {
            let value = if let Some(s) = e.dyn_ref::<HtmlSelectElement>() {
                s.value()
            } else if let Some(i) = e.dyn_ref::<HtmlInputElement>() {
                i.value()
            } else {
                return;
            };
            (name, value, false)
        } else {
            return;
        };
        let Some(code) = crate::parts::data() else {
            return;
        };
        let Some(setting) = (code.setting)(&name, &value, checked, layer) else {
            return;
        };
        with_app(&w, |app| app.dispatch_data(DataCommand::Set(setting)));
    })?;

    let w = weak.clone();
    listeners.add(&section, "pointerdown", move |event| {
        let Some(event) = event.dyn_ref::<PointerEvent>().filter(|_| on_plot(&event)) else {
            return;
        };
        let (x, y) = (f64::from(event.offset_x()), f64::from(event.offset_y()));
        with_app(&w, |app| app.plot_click(x, y));
        event.prevent_default();
    })?;

    // The plot by keyboard (see `DataCommand::plot_key`).
    let w = weak.clone();
    listeners.add(&section, "keydown", move |event| {
        let Some(key) = event
            .dyn_ref::<KeyboardEvent>()
            .filter(|_| on_plot(&event))
            .map(KeyboardEvent::key)
        else {
            return;
        };
        let Some(command) = DataCommand::plot_key(&key) else {
            return;
        };
        event.prevent_default();
        with_app(&w, |app| app.dispatch_data(command));
    })?;
    Ok(())
}
