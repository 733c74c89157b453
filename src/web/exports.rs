//! Export (PNG, SVG, JSON, Markdown, LaTeX, link) and import (file, drag and drop, paste).

use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlCanvasElement;

use super::dom::{context_2d, set_text};
use super::painter::paint;
use super::view::Screen;
use crate::session::frame::file_stem;
use crate::session::{Export, Session};
use wasm_bindgen::closure::Closure;

/// Scale of the PNG export relative to the canvas's CSS size (for slides).
pub const PNG_SCALE: f64 = 2.0;

/// The clipboard's answer, said in the export box: "Copied", or where to copy it from.
pub struct CopyFeedback {
    /// The copy worked.
    pub done: Closure<dyn FnMut(JsValue)>,
    /// The browser refused (no permission, no secure context).
    pub refused: Closure<dyn FnMut(JsValue)>,
}

impl CopyFeedback {
    /// Writes into `status` (the export box's status line).
    pub fn new(status: &web_sys::Element) -> CopyFeedback {
        let say = |text: &'static str| {
            let status = status.clone();
            Closure::new(move |_: JsValue| set_text(&status, text))
        };
        CopyFeedback {
            done: say("Copied: the link is on the clipboard."),
            refused: say("The browser did not allow copying: copy the link from the box below."),
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
    /// The page share links open.
    pub link_base: &'a str,
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

    /// The network at the current step as SVG (the same display list as the canvas).
    pub fn svg(&self) -> String {
        self.session.svg(self.screen.size, !self.thumbs.is_empty())
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
        let result = match (export, self.session.export_file(export, size, thumbs)) {
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
                if let Some((url, status)) = self.session.link_export(export, self.link_base) {
                    self.show_text(&url, status);
                    self.copy(&url);
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

    /// Copies `text` to the clipboard and says whether that worked: where the browser has no
    /// clipboard (a page not served over HTTPS) or refuses, the text is in the box to copy.
    fn copy(&self, text: &str) {
        let Some(window) = web_sys::window() else {
            return;
        };
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
