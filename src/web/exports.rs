//! Export (PNG, SVG, JSON, Markdown, LaTeX, link) and import (file, drag and drop, paste).

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use super::app::App;
use super::dom::set_text;
use super::painter::paint;
use crate::explain::{latex, markdown};
use crate::scenario::Scenario;
use crate::scene::svg::to_svg;
use crate::session::frame::file_stem;
use crate::session::Command;
use crate::share::encode;

/// Scale of the PNG export relative to the canvas's CSS size (for slides).
pub const PNG_SCALE: f64 = 2.0;

/// A `data:` URL holding text.
fn text_url(mime: &str, text: &str) -> String {
    format!(
        "data:{mime};charset=utf-8,{}",
        String::from(js_sys::encode_uri_component(text))
    )
}

impl App {
    /// Starts a download of `href` as `filename`, through a temporary link inside the widget.
    fn download(&self, filename: &str, href: &str) -> Result<(), JsValue> {
        let doc = self
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
        self.dom.root.append_child(&a)?;
        a.click();
        a.remove();
        Ok(())
    }

    /// The network at the current step as SVG (the same display list as the canvas).
    pub fn export_svg(&self) -> String {
        to_svg(&self.build())
    }

    /// The network at the current step as a PNG data URL, at twice the canvas's CSS size.
    pub fn export_png(&self) -> Result<String, JsValue> {
        let doc = self
            .dom
            .root
            .owner_document()
            .ok_or("the widget should be in a document")?;
        let canvas: HtmlCanvasElement = doc
            .create_element("canvas")?
            .dyn_into()
            .map_err(|_| JsValue::from_str("a <canvas> should be a canvas"))?;
        canvas.set_width((self.size.0 * PNG_SCALE).round() as u32);
        canvas.set_height((self.size.1 * PNG_SCALE).round() as u32);
        let ctx: CanvasRenderingContext2d = canvas
            .get_context("2d")?
            .ok_or("a canvas should have a 2D context")?
            .dyn_into()
            .map_err(|_| JsValue::from_str("2d context"))?;
        paint(&ctx, &self.build(), PNG_SCALE, self.thumbnails())?;
        canvas.to_data_url_with_type("image/png")
    }

    /// The worked solution of the current step.
    pub fn worked_solution(&self, format: &str) -> String {
        match format {
            "latex" => latex(
                self.session.scenario(),
                self.session.trace(),
                self.session.view.digits,
            ),
            _ => markdown(
                self.session.scenario(),
                self.session.trace(),
                self.session.view.digits,
            ),
        }
    }

    /// The share link: the page's address with the state in its hash.
    pub fn share_url(&self) -> String {
        format!("{}#{}", self.link_base, encode(&self.session.link()))
    }

    /// Runs an export chosen in the widget's menu.
    pub fn export(&mut self, what: &str) {
        let stem = file_stem(self.session.scenario());
        let result = match what {
            "png" => self
                .export_png()
                .and_then(|url| self.download(&format!("{stem}.png"), &url)),
            "svg" => self.download(
                &format!("{stem}.svg"),
                &text_url("image/svg+xml", &self.export_svg()),
            ),
            "json" => self.download(
                &format!("{stem}.json"),
                &text_url("application/json", &self.session.scenario().to_json()),
            ),
            "markdown" | "latex" => {
                let text = self.worked_solution(what);
                self.show_text(
                    &text,
                    &format!(
                        "The worked solution as {}; select it all to copy.",
                        if what == "latex" { "LaTeX" } else { "Markdown" }
                    ),
                );
                let ext = if what == "latex" { "tex" } else { "md" };
                let mime = if what == "latex" {
                    "application/x-tex"
                } else {
                    "text/markdown"
                };
                self.download(&format!("{stem}.{ext}"), &text_url(mime, &text))
            }
            "link" => {
                let url = self.share_url();
                self.copy(&url);
                self.show_text(&url, "The link to this exact state (copied to the clipboard where the browser allows).");
                Ok(())
            }
            _ => Ok(()),
        };
        if let Err(e) = result {
            self.notice(&format!(
                "Export failed: {}",
                e.as_string()
                    .unwrap_or_else(|| "the browser refused".into())
            ));
        }
    }

    /// Puts text into the export/import box and opens it.
    pub fn show_text(&self, text: &str, status: &str) {
        self.dom.io_text.set_value(text);
        set_text(&self.dom.io_status, status);
        let _ = self.dom.io_box.set_attribute("open", "");
    }

    fn copy(&self, text: &str) {
        if let Some(window) = web_sys::window() {
            // Where the clipboard is not allowed the promise rejects; the text is in the box anyway.
            let promise = window.navigator().clipboard().write_text(text);
            let _ = promise.catch(&self.ignore);
        }
    }

    /// Loads a scenario from JSON text (a file, a drop or a paste). A bad file is refused with the
    /// same message as everywhere else, and the current state stays.
    pub fn import_text(&mut self, text: &str, source: &str) {
        if self.session.view.readonly {
            self.notice("This widget is read-only: nothing can be imported.");
            return;
        }
        match Scenario::from_json(text) {
            Ok(scenario) => {
                let title = scenario.title.clone();
                self.dispatch(Command::Load(scenario));
                self.notice("");
                set_text(
                    &self.dom.io_status,
                    &format!("Imported “{title}” from {source}."),
                );
            }
            Err(e) => {
                let message = format!(
                    "Import from {source} failed: {e}. The network on screen is unchanged."
                );
                self.notice(&message);
                set_text(&self.dom.io_status, &message);
            }
        }
    }
}
