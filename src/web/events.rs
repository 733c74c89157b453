//! Wires the widget's DOM events to actions on the app. Every listener goes through
//! [`Listeners`] so that `destroy()` can remove it; closures hold a weak reference to the app.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, Event, HtmlInputElement, KeyboardEvent, PointerEvent, Window};

use super::app::App;
use super::dom::{value_within, Listeners};
use crate::explain::Place;
use crate::scenario::MAX_TEXT_BYTES;
use crate::scene::Point;
use crate::session::api::{file_source, refuse_file_size, refuse_paste_length};
use crate::session::{cursor, Command, Export, Session, Sight};

/// Runs an action on the app, then delivers the events it queued for API subscribers (after
/// the borrow ends, so that a subscriber may call back into the widget).
pub fn with_app(weak: &Weak<RefCell<App>>, f: impl FnOnce(&mut App)) {
    // One body for every caller: generic, this ran 48 times over in the wasm (11 KB).
    let mut f = Some(f);
    run_with_app(weak, &mut |app| {
        if let Some(f) = f.take() {
            f(app);
        }
    });
}

fn run_with_app(weak: &Weak<RefCell<App>>, f: &mut dyn FnMut(&mut App)) {
    let Some(app) = weak.upgrade() else { return };
    let calls = {
        // A busy app means this event arrived while another handler runs: drop it rather than panic.
        let Ok(mut app) = app.try_borrow_mut() else {
            return;
        };
        f(&mut app);
        app.take_events()
    };
    for (callback, detail) in calls {
        if let Err(e) = callback.call1(&JsValue::NULL, &detail) {
            web_sys::console::error_2(
                &JsValue::from_str("backprop-viz: an event subscriber threw"),
                &e,
            );
        }
    }
}

/// The event's target as a `T` (an input, a select), if it is one.
fn target_as<T: JsCast>(event: &Event) -> Option<T> {
    event.target().and_then(|t| t.dyn_into::<T>().ok())
}

fn data_index(e: &Element, name: &str) -> Option<usize> {
    e.get_attribute(name)?.parse().ok()
}

/// An element's classes.
fn classes(e: &Element) -> Vec<String> {
    let list = e.class_list();
    (0..list.length()).filter_map(|k| list.item(k)).collect()
}

/// What focus arriving at `e` starts ([`Session::focus_command`], by its classes). The widget
/// calls it too where it moves focus itself: the `focusin` that move fires comes while the app
/// is busy, and is dropped.
pub fn focus_command(e: &Element) -> Option<Command> {
    classes(e).iter().find_map(|c| Session::focus_command(c))
}

/// Registers every listener of a widget.
pub fn wire(
    app: &Rc<RefCell<App>>,
    listeners: &mut Listeners,
    window: &Window,
) -> Result<(), JsValue> {
    let weak = Rc::downgrade(app);
    let a = app.borrow();
    let dom = &a.screen.dom;

    // The buttons (and a panel's summary) that stand for a command, through one listener (see
    // `Session::button_command`).
    let w = weak.clone();
    listeners.add(&dom.root, "click", move |event| {
        let Some(button) =
            target_as::<Element>(&event).and_then(|e| e.closest("button, summary").ok().flatten())
        else {
            return;
        };
        if button.has_attribute("disabled") {
            return;
        }
        let classes = classes(&button);
        with_app(&w, |app| {
            let export = Export::BUTTONS
                .iter()
                .find(|(c, _)| classes.iter().any(|k| k == c));
            if let Some((_, export)) = export {
                app.dispatch(Command::Export(*export));
            } else if let Some(b) = classes.iter().find_map(|c| Session::text_button(c)) {
                let typed = app.screen.dom.writer.element(b.input);
                match typed.map(|e| value_within(&e, MAX_TEXT_BYTES)) {
                    Some(Ok(text)) => app.dispatch((b.command)(text)),
                    Some(Err(n)) => app.notice(&refuse_paste_length(n, "text", b.unchanged)),
                    None => {}
                }
            } else if let Some(command) = classes.iter().find_map(|c| app.session.button_command(c))
            {
                app.dispatch(command);
            } else if let Some((text, said)) =
                classes.iter().find_map(|c| app.session.share_copy(c))
            {
                let status = app.screen.dom.writer.element("bpv-embed-status");
                app.exports().copy(&text, status, said);
            }
        });
    })?;

    // The menus, text boxes and checkboxes, through one listener (see
    // `Session::change_command`).
    let w = weak.clone();
    listeners.add(&dom.root, "change", move |event| {
        let Some(control) = target_as::<Element>(&event) else {
            return;
        };
        let read = |name: &str| js_sys::Reflect::get(&control, &name.into()).unwrap_or_default();
        let value = read("value").as_string().unwrap_or_default();
        let (class, checked) = (control.class_name(), read("checked").is_truthy());
        with_app(&w, |app| {
            if let Some(command) = app.session.change_command(&class, &value, checked) {
                app.dispatch(command);
            }
        });
    })?;
    // A text box whose button needs a part of the code fetches it on focus (see
    // `Session::focus_command`).
    let w = weak.clone();
    listeners.add(&dom.root, "focusin", move |event| {
        if let Some(command) = target_as::<Element>(&event).and_then(|e| focus_command(&e)) {
            with_app(&w, |app| app.dispatch(command));
        }
    })?;
    wire_import(&weak, listeners, dom)?;
    wire_quiz(&weak, listeners, dom)?;
    wire_student(&weak, listeners, dom)?;
    wire_editors(&weak, listeners, &dom.editors_box)?;
    wire_canvas(&weak, listeners, dom.canvas.as_ref())?;
    wire_proxies(&weak, listeners, &dom.proxies)?;
    wire_shortcuts(&weak, listeners, &dom.root)?;
    wire_media(&weak, listeners, window)?;
    Ok(())
}

/// A listener that runs `f` when Enter is pressed in `input` (instead of the key's default).
fn on_enter(
    listeners: &mut Listeners,
    input: &HtmlInputElement,
    mut f: impl FnMut() + 'static,
) -> Result<(), JsValue> {
    listeners.add(input, "keydown", move |event| {
        if event
            .dyn_ref::<KeyboardEvent>()
            .is_some_and(|k| k.key() == "Enter")
        {
            event.prevent_default();
            f();
        }
    })
}

/// The quiz's answer box: its Check button and Enter submit the answer.
fn wire_quiz(
    weak: &Weak<RefCell<App>>,
    listeners: &mut Listeners,
    dom: &super::view::Dom,
) -> Result<(), JsValue> {
    let (answer, w) = (dom.quiz_answer.clone(), weak.clone());
    on_enter(listeners, &dom.quiz_answer, move || {
        let typed = answer.value();
        with_app(&w, |app| app.dispatch(Command::Answer(typed)));
    })
}

/// Enter in a per-student link's name box starts the variant, as the Start button does.
fn wire_student(
    weak: &Weak<RefCell<App>>,
    listeners: &mut Listeners,
    dom: &super::view::Dom,
) -> Result<(), JsValue> {
    let (w, name) = (weak.clone(), dom.student_name.clone());
    on_enter(listeners, &dom.student_name, move || {
        let typed = name.value();
        with_app(&w, |app| app.dispatch(Command::StartVariant(typed)));
    })
}

fn wire_import(
    weak: &Weak<RefCell<App>>,
    listeners: &mut Listeners,
    dom: &super::view::Dom,
) -> Result<(), JsValue> {
    if let Some(b) = dom.share.query_selector(".bpv-import")? {
        let file = dom.file.clone();
        listeners.add(&b, "click", move |_| file.click())?;
    }
    // A chosen or dropped file goes through the one FileReader; its text arrives in "load".
    // An oversized one is refused from its size, unread.
    // The file's name, for the message once its text has arrived.
    let reading = Rc::new(RefCell::new(String::new()));
    let read = {
        let (w, reader, reading) = (weak.clone(), dom.reader.clone(), reading.clone());
        move |file: web_sys::File| match refuse_file_size(file.size()) {
            Some(message) => with_app(&w, |app| app.notice(&message)),
            None => {
                *reading.borrow_mut() = file.name();
                let _ = reader.read_as_text(&file);
            }
        }
    };
    let read_chosen = read.clone();
    listeners.add(&dom.file, "change", move |event| {
        let Some(input) = target_as::<HtmlInputElement>(&event) else {
            return;
        };
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            read_chosen(file);
        }
        input.set_value("");
    })?;
    let w = weak.clone();
    let reader = dom.reader.clone();
    listeners.add(&dom.reader, "load", move |_| {
        let text = reader
            .result()
            .ok()
            .and_then(|r| r.as_string())
            .unwrap_or_default();
        let source = file_source(&reading.borrow());
        with_app(&w, |app| app.dispatch(Command::Import { text, source }));
    })?;
    let w = weak.clone();
    listeners.add(&dom.reader, "error", move |_| {
        with_app(&w, |app| app.notice("The file could not be read."));
    })?;
    listeners.add(&dom.root, "dragover", |event| event.prevent_default())?;
    listeners.add(&dom.root, "drop", move |event| {
        let Some(drag) = event.dyn_ref::<web_sys::DragEvent>() else {
            return;
        };
        if let Some(file) = drag
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0))
        {
            event.prevent_default();
            read(file);
        }
    })?;
    Ok(())
}

fn wire_editors(
    weak: &Weak<RefCell<App>>,
    listeners: &mut Listeners,
    container: &Element,
) -> Result<(), JsValue> {
    let w = weak.clone();
    listeners.add(container, "input", move |event| {
        let Some(input) = target_as::<HtmlInputElement>(&event) else {
            return;
        };
        if input.type_() != "range" {
            return;
        }
        let Some(k) = data_index(&input, "data-field") else {
            return;
        };
        let value = input.value_as_number();
        with_app(&w, |app| {
            if let Some(field) = app.screen.dom.editors.get(k).map(|e| e.field) {
                app.dispatch(Command::SetField { field, value });
            }
        });
    })?;
    let w = weak.clone();
    listeners.add(container, "change", move |event| {
        let Some(input) = target_as::<HtmlInputElement>(&event) else {
            return;
        };
        let Some(k) = data_index(&input, "data-field") else {
            return;
        };
        let is_range = input.type_() == "range";
        let text = input.value();
        with_app(&w, |app| {
            app.end_gesture();
            let field = app.screen.dom.editors.get(k).map(|e| e.field);
            if let (Some(field), false) = (field, is_range) {
                app.dispatch(Command::TypeValue { field, text });
            }
        });
    })?;
    Ok(())
}

fn pointer_point(event: &PointerEvent) -> Point {
    Point::new(f64::from(event.offset_x()), f64::from(event.offset_y()))
}

fn wire_canvas(
    weak: &Weak<RefCell<App>>,
    listeners: &mut Listeners,
    canvas: &Element,
) -> Result<(), JsValue> {
    let w = weak.clone();
    listeners.add(canvas, "pointerdown", move |event| {
        let Some(event) = event.dyn_ref::<PointerEvent>() else {
            return;
        };
        let p = pointer_point(event);
        let pointer = event.pointer_id();
        let canvas = target_as::<Element>(event);
        with_app(&w, |app| {
            let Some(target) = app.screen.scene.as_ref().and_then(|s| s.hit_test(p)) else {
                return;
            };
            app.end_gesture();
            app.dispatch(Command::PressTarget { target, y: p.y });
            if let Some(c) = &canvas {
                let _ = c.set_pointer_capture(pointer);
            }
        });
        event.prevent_default();
    })?;
    let w = weak.clone();
    listeners.add(canvas, "pointermove", move |event| {
        let Some(event) = event.dyn_ref::<PointerEvent>() else {
            return;
        };
        let p = pointer_point(event);
        let fine = event.shift_key() || event.alt_key();
        let canvas = target_as::<Element>(event);
        with_app(&w, |app| {
            if app.session.drag.is_some() {
                // A refused value's reason goes next to its box.
                app.dispatch(Command::DragTo { y: p.y, fine });
                return;
            }
            let hovered = app.screen.scene.as_ref().and_then(|s| s.hit_test(p));
            if hovered != app.session.hovered {
                if let Some(c) = canvas
                    .as_ref()
                    .and_then(|c| c.dyn_ref::<web_sys::HtmlElement>())
                {
                    let _ = c.style().set_property("cursor", cursor(hovered));
                }
                app.dispatch(Command::Hover(hovered));
            }
        });
    })?;
    let w = weak.clone();
    let end = move |event: Event| {
        let click = event.type_() == "pointerup";
        with_app(&w, |app| {
            if app.session.drag.is_some() {
                app.dispatch(Command::Release { click });
                app.end_gesture();
            }
        });
    };
    listeners.add(canvas, "pointerup", end.clone())?;
    listeners.add(canvas, "pointercancel", end)?;
    let w = weak.clone();
    listeners.add(canvas, "pointerleave", move |_| {
        with_app(&w, |app| {
            if app.session.hovered.is_some() && app.session.drag.is_none() {
                app.dispatch(Command::Hover(None));
            }
        });
    })?;
    Ok(())
}

fn proxy_target(app: &App, e: &Element) -> Option<Place> {
    let k = data_index(e, "data-index")?;
    app.screen.scene.as_ref()?.anchors.get(k).map(|a| a.target)
}

fn wire_proxies(
    weak: &Weak<RefCell<App>>,
    listeners: &mut Listeners,
    layer: &Element,
) -> Result<(), JsValue> {
    let w = weak.clone();
    listeners.add(layer, "focusin", move |event| {
        let Some(e) = target_as::<Element>(&event) else {
            return;
        };
        with_app(&w, |app| {
            let target = proxy_target(app, &e);
            app.dispatch(Command::Focus(target));
        });
    })?;
    let w = weak.clone();
    listeners.add(layer, "focusout", move |_| {
        with_app(&w, |app| {
            app.dispatch(Command::Focus(None));
            app.end_gesture();
        });
    })?;
    let w = weak.clone();
    listeners.add(layer, "keydown", move |event| {
        let Some(key_event) = event.dyn_ref::<KeyboardEvent>() else {
            return;
        };
        let Some(e) = target_as::<Element>(&event) else {
            return;
        };
        let key = key_event.key();
        let (shift, alt) = (key_event.shift_key(), key_event.alt_key());
        let mut handled = false;
        with_app(&w, |app| {
            if let Some(target) = proxy_target(app, &e) {
                if let Some(command) = Command::on_target_key(target, &key, shift, alt) {
                    app.dispatch(command);
                    handled = true;
                }
            }
        });
        if handled {
            event.prevent_default();
            event.stop_propagation();
        }
    })?;
    let w = weak.clone();
    listeners.add(layer, "keyup", move |_| with_app(&w, App::end_gesture))?;
    Ok(())
}

/// The timeline and history shortcut for a key pressed with focus on `e` (see
/// `Command::shortcut_at`).
fn shortcut_command(key_event: &KeyboardEvent, e: &Element) -> Option<Command> {
    Command::shortcut_at(
        &key_event.key(),
        key_event.ctrl_key() || key_event.meta_key(),
        key_event.shift_key(),
        &e.tag_name(),
        e.class_list().contains("bpv-proxy"),
    )
}

/// A keydown listener that carries out the shortcut a key stands for; with `only`, just for
/// keys pressed with focus on that element.
fn shortcut_listener(w: Weak<RefCell<App>>, only: Option<Element>) -> impl FnMut(Event) {
    move |event| {
        let Some(key_event) = event.dyn_ref::<KeyboardEvent>() else {
            return;
        };
        let Some(e) = target_as::<Element>(&event) else {
            return;
        };
        if only.as_ref().is_some_and(|only| *only != e) {
            return;
        }
        let Some(command) = shortcut_command(key_event, &e) else {
            return;
        };
        with_app(&w, |app| app.dispatch(command));
        event.prevent_default();
    }
}

fn wire_shortcuts(
    weak: &Weak<RefCell<App>>,
    listeners: &mut Listeners,
    root: &Element,
) -> Result<(), JsValue> {
    listeners.add(root, "keydown", shortcut_listener(weak.clone(), None))
}

/// On the full page the shortcuts also work with focus on the page's body (outside the
/// widget), which is where focus is after the page loads or a click on its background.
pub fn wire_page_shortcuts(
    app: &Rc<RefCell<App>>,
    listeners: &mut Listeners,
    document: &web_sys::Document,
) -> Result<(), JsValue> {
    let Some(body) = document.body() else {
        return Ok(());
    };
    listeners.add(
        document,
        "keydown",
        shortcut_listener(Rc::downgrade(app), Some(body.into())),
    )
}

/// Follows the system's colour scheme (until the user picks one) and reduced-motion setting.
pub fn apply_system_preferences(app: &mut App, window: &Window) {
    let matches = |query: &str| {
        window
            .match_media(query)
            .ok()
            .flatten()
            .is_some_and(|m| m.matches())
    };
    app.dispatch(Command::SystemPreferences {
        dark: matches("(prefers-color-scheme: dark)"),
        reduced_motion: matches("(prefers-reduced-motion: reduce)"),
    });
}

fn wire_media(
    weak: &Weak<RefCell<App>>,
    listeners: &mut Listeners,
    window: &Window,
) -> Result<(), JsValue> {
    for query in [
        "(prefers-color-scheme: dark)",
        "(prefers-reduced-motion: reduce)",
    ] {
        if let Some(list) = window.match_media(query)? {
            let w = weak.clone();
            let window = window.clone();
            listeners.add(&list, "change", move |_| {
                with_app(&w, |app| apply_system_preferences(app, &window))
            })?;
        }
    }
    // A hidden tab stops the animation as a widget scrolled out of view does.
    if let Some(document) = window.document() {
        let w = weak.clone();
        let doc = document.clone();
        listeners.add(&document, "visibilitychange", move |_| {
            let seen = !doc.hidden();
            with_app(&w, |app| {
                app.dispatch(Command::Seen {
                    sight: Sight::Tab,
                    seen,
                })
            });
        })?;
    }
    Ok(())
}
