//! Small DOM helpers and the listener registry that lets `destroy()` remove everything.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, Event, EventTarget, HtmlElement};

/// Creates an element with a class (and no content).
pub fn el(doc: &Document, tag: &str, class: &str) -> Result<Element, JsValue> {
    let e = doc.create_element(tag)?;
    if !class.is_empty() {
        e.set_class_name(class);
    }
    Ok(e)
}

/// Creates an element with a class and text content (text, never HTML).
pub fn text_el(doc: &Document, tag: &str, class: &str, text: &str) -> Result<Element, JsValue> {
    let e = el(doc, tag, class)?;
    e.set_text_content(Some(text));
    Ok(e)
}

/// Creates a `<button type="button">` with text and a description (its tooltip).
pub fn button(doc: &Document, class: &str, text: &str, label: &str) -> Result<Element, JsValue> {
    let b = text_el(doc, "button", class, text)?;
    b.set_attribute("type", "button")?;
    // The visible text is the button's name; the longer label describes it. A button without
    // text (the canvas stand-ins) is named by the label.
    if text.is_empty() {
        b.set_attribute("aria-label", label)?;
    }
    b.set_attribute("title", label)?;
    Ok(b)
}

/// Sets an element's text only if it changed (saves layout work on every frame).
pub fn set_text(e: &Element, text: &str) {
    if e.text_content().as_deref() != Some(text) {
        e.set_text_content(Some(text));
    }
}

/// Sets an attribute only if it changed.
pub fn set_attr(e: &Element, name: &str, value: &str) {
    if e.get_attribute(name).as_deref() != Some(value) {
        let _ = e.set_attribute(name, value);
    }
}

/// Positions an absolutely placed element (CSS pixels).
pub fn place(e: &Element, x: f64, y: f64, w: f64, h: f64) {
    if let Some(html) = e.dyn_ref::<HtmlElement>() {
        let style = html.style();
        let _ = style.set_property("left", &format!("{x:.1}px"));
        let _ = style.set_property("top", &format!("{y:.1}px"));
        let _ = style.set_property("width", &format!("{w:.1}px"));
        let _ = style.set_property("height", &format!("{h:.1}px"));
    }
}

/// A DOM event handler kept alive for as long as it is registered.
pub type Handler = Closure<dyn FnMut(Event)>;

/// Every event listener the widget added, so that `destroy()` can remove them all.
#[derive(Default)]
pub struct Listeners {
    items: Vec<(EventTarget, &'static str, Handler)>,
}

impl Listeners {
    /// Adds a listener and keeps its closure for removal.
    pub fn add(
        &mut self,
        target: &EventTarget,
        kind: &'static str,
        handler: impl FnMut(Event) + 'static,
    ) -> Result<(), JsValue> {
        let closure = Closure::<dyn FnMut(Event)>::new(handler);
        target.add_event_listener_with_callback(kind, closure.as_ref().unchecked_ref())?;
        self.items.push((target.clone(), kind, closure));
        Ok(())
    }

    /// Removes every listener.
    pub fn remove_all(&mut self) {
        for (target, kind, closure) in self.items.drain(..) {
            let _ =
                target.remove_event_listener_with_callback(kind, closure.as_ref().unchecked_ref());
        }
    }

    /// How many listeners are registered.
    pub fn len(&self) -> usize {
        self.items.len()
    }
}
