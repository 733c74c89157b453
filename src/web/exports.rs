//! Export (PNG, SVG, JSON, Markdown, LaTeX, link) and import (file, drag and drop, paste).

use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlCanvasElement};

use super::dom::{context_2d, set_text};
use super::painter::paint;
use super::view::Screen;
use crate::session::frame::file_stem;
use crate::session::{Export, Session};
use wasm_bindgen::closure::Closure;

/// Scale of the PNG export relative to the canvas's CSS size (for slides).
pub const PNG_SCALE: f64 = 2.0;

/// Where the clipboard's answer to the last copy is said, and what: `[copied, refused]`.
type Said = Rc<RefCell<(Option<Element>, [String; 2])>>;

/// The clipboard's answer: "Copied", or where to copy it from, in the status line the copy
/// asked for.
pub struct CopyFeedback {
    said: Said,
    /// The copy worked.
    done: Closure<dyn FnMut(JsValue)>,
    /// The browser refused (no permission, no secure context).
    refused: Closure<dyn FnMut(JsValue)>,
}

impl CopyFeedback {
    /// Feedback that says nothing until a copy says where and what.
    pub fn new() -> CopyFeedback {
        let said = Said::default();
        let say = |k: usize| {
            let said = said.clone();
            Closure::new(move |_: JsValue| {
                if let (Some(status), texts) = &*said.borrow() {
                    set_text(status, &texts[k]);
                }
            })
        };
        CopyFeedback {
            done: say(0),
            refused: say(1),
            said,
        }
    }
}

/// What the exports read: the session, the view, data-set mode's neuron maps, the address
/// links open and what to say when the clipboard answers.
pub struct Exports<'a> {
    /// The widget's state.
    pub session: &'a Session,
    /// The one-sample view (its size and elements).
    pub screen: &'a Screen,
    /// Data-set mode's neuron maps, drawn inside the neurons.
    pub thumbs: &'a [HtmlCanvasElement],
    /// Says whether the clipboard took a copied link.
    pub copied: &'a CopyFeedback,
}

impl Exports<'_> {
    /// Starts a download of `href` as `filename`, through a temporary link.
    fn download(&self, filename: &str, href: &str) -> Result<(), JsValue> {
        let doc = self
            .screen
            .dom
            .root
            .owner_document()
            .ok_or("the widget should be in a document")?;
        let a: web_sys::HtmlAnchorElement = doc
            .create_element("a")?
            .dyn_into()
            .map_err(|_| JsValue::from_str("an <a> should be an anchor"))?;
        a.set_href(href);
        a.set_download(filename);
        a.set_class_name("bpv-download");
        // Outside the widget: its click must not bubble into the widget's own click listener,
        // which is running (it called this).
        match doc.body() {
            Some(body) => body.append_child(&a)?,
            None => doc.append_child(&a)?,
        };
        a.click();
        a.remove();
        Ok(())
    }

    /// The network at the current step as SVG (the same display list as the canvas), once
    /// the tools are here.
    pub fn svg(&self) -> Option<String> {
        let tools = self.session.tools()?;
        Some((tools.svg)(
            self.session,
            self.screen.size,
            !self.thumbs.is_empty(),
        ))
    }

    /// The network at the current step as a PNG data URL, at twice the canvas's CSS size.
    pub fn png(&self) -> Result<String, JsValue> {
        let canvas: HtmlCanvasElement = self
            .screen
            .dom
            .root
            .owner_document()
            .ok_or("the widget should be in a document")?
            .create_element("canvas")?
            .dyn_into()
            .map_err(|_| JsValue::from_str("a <canvas> should be a canvas"))?;
        canvas.set_width((self.screen.size.0 * PNG_SCALE).round() as u32);
        canvas.set_height((self.screen.size.1 * PNG_SCALE).round() as u32);
        let scene = self
            .screen
            .build(self.session, false, true, !self.thumbs.is_empty());
        paint(&context_2d(&canvas)?, &scene, PNG_SCALE, self.thumbs)?;
        canvas.to_data_url_with_type("image/png")
    }

    /// Runs an export chosen in the widget's menu.
    pub fn export(&self, export: Export) {
        let (size, thumbs) = (self.screen.size, !self.thumbs.is_empty());
        let file = self
            .session
            .tools()
            .and_then(|tools| (tools.export_file)(self.session, export, size, thumbs));
        let result = match (export, file) {
            (_, Some(file)) => {
                if let Some(status) = file.shown {
                    self.show_text(&file.text, status);
                }
                let url = format!(
                    "data:{};charset=utf-8,{}",
                    file.mime,
                    String::from(js_sys::encode_uri_component(&file.text))
                );
                self.download(&file.filename, &url)
            }
            (Export::Png, None) => self.png().and_then(|url| {
                self.download(&format!("{}.png", file_stem(self.session.scenario())), &url)
            }),
            (_, None) => {
                if let Some((url, status)) = self.session.link_export(export) {
                    self.show_text(&url, status);
                    let said = Export::COPIED.map(String::from);
                    self.copy(&url, Some(self.screen.dom.io_status.clone()), said);
                }
                Ok(())
            }
        };
        if let Err(e) = result {
            let why = e
                .as_string()
                .unwrap_or_else(|| "the browser refused".into());
            set_text(&self.screen.dom.message, &format!("Export failed: {why}"));
        }
    }

    /// Puts text into the export/import box and opens it.
    pub fn show_text(&self, text: &str, status: &str) {
        self.screen.dom.io_text.set_value(text);
        set_text(&self.screen.dom.io_status, status);
        let _ = self.screen.dom.io_box.set_attribute("open", "");
    }

    /// Copies `text` to the clipboard and says in `status` whether that worked (`said`:
    /// `[copied, refused]`): where the browser has no clipboard (a page not served over HTTPS)
    /// or refuses, the text is in its box to copy.
    pub fn copy(&self, text: &str, status: Option<Element>, said: [String; 2]) {
        let Some(window) = web_sys::window() else {
            return;
        };
        *self.copied.said.borrow_mut() = (status, said);
        let navigator = window.navigator();
        let has_clipboard = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))
            .is_ok_and(|c| !c.is_undefined() && !c.is_null());
        if !has_clipboard {
            let _ = self
                .copied
                .refused
                .as_ref()
                .unchecked_ref::<js_sys::Function>()
                .call0(&JsValue::NULL);
            return;
        }
        let promise = navigator.clipboard().write_text(text);
        let _ = promise.then2(&self.copied.done, &self.copied.refused);
    }
}
