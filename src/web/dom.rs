//! Small DOM helpers and the listener registry that lets `destroy()` remove everything.

use crate::decimal::Fixed;
use std::cell::RefCell;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, Event, EventTarget, HtmlElement, Node};

use crate::explain::markup::Change;
use crate::session::writes::{Write, WriteLog};

/// `performance.now()`, or 0 where there is no clock.
pub fn clock() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Sets `e`'s markup, keeping keyboard focus in place: a control inside it that had focus
/// hands it to the new control of its class (the n-th of them, as before), so that a rebuilt
/// panel does not throw a keyboard user back to the top of the page.
pub fn replace_html(e: &Element, html: &str) {
    let focused = e.owner_document().and_then(|d| d.active_element());
    let focused = focused.filter(|a| a != e && e.contains(Some(a)));
    let class = focused.as_ref().map(|a| a.class_name()).unwrap_or_default();
    let selector = format!(".{}", class.split_whitespace().next().unwrap_or_default());
    let same = |e: &Element| e.query_selector_all(&selector).ok();
    let nth = same(e).zip(focused).and_then(|(list, a)| {
        (0..list.length()).find(|k| list.item(*k).as_ref() == Some(a.as_ref()))
    });
    e.set_inner_html(html);
    if let Some(next) = nth.and_then(|k| same(e)?.item(k)) {
        let _ = next.unchecked_into::<HtmlElement>().focus();
    }
}

/// The element of `class` under `root`, as a `T` (an error naming the class if it is missing).
pub fn find<T: JsCast>(root: &Element, class: &str) -> Result<T, JsValue> {
    root.query_selector(&format!(".{class}"))?
        .ok_or_else(|| JsValue::from_str(&format!("the widget has no .{class}")))?
        .dyn_into::<T>()
        .map_err(|_| JsValue::from_str(&format!(".{class} is not the element expected")))
}

/// A canvas's 2D context.
pub fn context_2d(
    canvas: &web_sys::HtmlCanvasElement,
) -> Result<web_sys::CanvasRenderingContext2d, JsValue> {
    canvas
        .get_context("2d")?
        .ok_or("the canvas should have a 2D context")?
        .dyn_into()
        .map_err(|_| JsValue::from_str("2d context"))
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

/// Applies the session's [`Write`]s, each only when it differs from what was last written
/// (compared in Rust without reading the DOM back: each read copies a string into wasm
/// memory). Elements are looked up by class once.
pub struct Writer {
    root: Element,
    elements: RefCell<Vec<(&'static str, Option<Element>)>>,
    log: RefCell<WriteLog>,
}

impl Writer {
    /// A writer into the widget whose root is `root` (class `bpv`).
    pub fn new(root: Element) -> Writer {
        Writer {
            root,
            elements: RefCell::default(),
            log: RefCell::default(),
        }
    }

    /// The widget's element of this class (looked up once).
    pub fn element(&self, class: &'static str) -> Option<Element> {
        let mut elements = self.elements.borrow_mut();
        if let Some((_, e)) = elements.iter().find(|(c, _)| *c == class) {
            return e.clone();
        }
        let e = if class == "bpv" {
            Some(self.root.clone())
        } else {
            self.root
                .query_selector(&format!(".{class}"))
                .ok()
                .flatten()
        };
        elements.push((class, e.clone()));
        e
    }

    /// Elements were written into the widget: the classes it found nothing for are looked up
    /// again, and the log forgets what was written to them meanwhile (to nothing), so that
    /// the next write there is made.
    pub fn content_added(&self) {
        let mut elements = self.elements.borrow_mut();
        let mut log = self.log.borrow_mut();
        elements.retain(|(class, e)| {
            if e.is_none() {
                log.forget(class);
            }
            e.is_some()
        });
    }

    /// Writes what changed.
    pub fn apply(&self, writes: Vec<Write>) {
        for write in writes {
            if !self.log.borrow_mut().changes(&write) {
                continue;
            }
            let Some(e) = self.element(write.key().0) else {
                continue;
            };
            match write {
                Write::Text(_, text) => e.set_text_content(Some(&text)),
                Write::Attr(_, name, v) => {
                    let _ = e.set_attribute(name, &v);
                }
                Write::Flag(_, name, on) => {
                    // A menu goes with its label.
                    let e = match e.parent_element() {
                        Some(label) if e.tag_name() == "SELECT" && label.tag_name() == "LABEL" => {
                            label
                        }
                        _ => e,
                    };
                    let _ = if on {
                        e.set_attribute(name, "")
                    } else {
                        e.remove_attribute(name)
                    };
                }
                Write::Html(_, html) => replace_html(&e, &html),
                Write::Value(_, v) => {
                    let _ = js_sys::Reflect::set(&e, &"value".into(), &v.into());
                }
            }
        }
    }
}

/// An element whose content is written as markup, with the markup last written, so that a
/// rewrite touches only what changed (see [`crate::explain::markup`]).
pub struct Markup {
    /// The element the markup goes in.
    pub element: Element,
    last: String,
}

impl Markup {
    /// An empty element's slot.
    pub fn new(element: Element) -> Markup {
        element.set_inner_html("");
        Markup {
            element,
            last: String::new(),
        }
    }

    /// Makes the element's content `html`: nothing to do when it is what was last written; the
    /// changed text runs and attribute values when only those differ; else the whole markup.
    pub fn set(&mut self, html: String) {
        if html == self.last {
            return;
        }
        let patched = crate::explain::markup::changes(&self.last, &html)
            .is_some_and(|changes| apply(&self.element, &changes));
        if !patched {
            self.element.set_inner_html(&html);
        }
        self.last = html;
    }
}

/// Applies `changes` to the nodes under `root` (in document order: elements by start tag, text
/// runs by their non-empty text nodes); false when the nodes are not what the markup said.
fn apply(root: &Element, changes: &[Change]) -> bool {
    let (mut last_text, mut last_element) = (None, None);
    for change in changes {
        match change {
            Change::Text { index, .. } => last_text = last_text.max(Some(*index)),
            Change::Attribute { element, .. } => last_element = last_element.max(Some(*element)),
        }
    }
    // Elements and text nodes in document order, up to the last one a change names.
    const SHOW_ELEMENT_AND_TEXT: u32 = 0x1 | 0x4;
    let Some(walker) = root.owner_document().and_then(|d| {
        d.create_tree_walker_with_what_to_show(root, SHOW_ELEMENT_AND_TEXT)
            .ok()
    }) else {
        return false;
    };
    let (mut texts, mut elements): (Vec<Node>, Vec<Element>) = (Vec::new(), Vec::new());
    while last_text.is_some_and(|k| texts.len() <= k)
        || last_element.is_some_and(|k| elements.len() <= k)
    {
        let Ok(Some(node)) = walker.next_node() else {
            break;
        };
        match node.dyn_into::<Element>() {
            Ok(e) => elements.push(e),
            Err(text) => texts.push(text),
        }
    }
    // Validate everything before writing anything.
    let fits = changes.iter().all(|c| match c {
        Change::Text { index, .. } => *index < texts.len(),
        Change::Attribute { element, .. } => *element < elements.len(),
    });
    if !fits {
        return false;
    }
    for change in changes {
        match change {
            Change::Text { index, text } => texts[*index].set_node_value(Some(text)),
            Change::Attribute {
                element,
                name,
                value,
            } => {
                if elements[*element].set_attribute(name, value).is_err() {
                    return false;
                }
            }
        }
    }
    true
}

/// Positions an absolutely placed element (CSS pixels).
pub fn place(e: &Element, x: f64, y: f64, w: f64, h: f64) {
    if let Some(html) = e.dyn_ref::<HtmlElement>() {
        let style = html.style();
        let _ = style.set_property("left", &format!("{}px", Fixed(x, 1)));
        let _ = style.set_property("top", &format!("{}px", Fixed(y, 1)));
        let _ = style.set_property("width", &format!("{}px", Fixed(w, 1)));
        let _ = style.set_property("height", &format!("{}px", Fixed(h, 1)));
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
        self.add_boxed(target, kind, Box::new(handler))
    }

    /// [`Listeners::add`]'s work, for any handler: wasm-bindgen's glue for a closure (its
    /// wrapping, its call from JavaScript, its unwinding guard) is made once for the boxed
    /// `dyn FnMut(Event)`, where `Closure::new` made it again for each of the 28 handlers.
    fn add_boxed(
        &mut self,
        target: &EventTarget,
        kind: &'static str,
        handler: Box<dyn FnMut(Event)>,
    ) -> Result<(), JsValue> {
        let closure = Closure::wrap(handler);
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

/// A text box's value, unless it is longer than `limit` (UTF-16 units): a long paste is refused
/// from its length, before it is copied into WebAssembly memory. `Err` holds the length.
pub fn value_within(element: &Element, limit: usize) -> Result<String, usize> {
    let value = js_sys::Reflect::get(element, &wasm_bindgen::JsValue::from_str("value"))
        .ok()
        .and_then(|v| v.dyn_into::<js_sys::JsString>().ok());
    match value {
        Some(v) if v.length() as usize > limit => Err(v.length() as usize),
        Some(v) => Ok(String::from(v)),
        None => Ok(String::new()),
    }
}
