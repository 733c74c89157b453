//! The widget's DOM, built once into the host element: every control, panel and container,
//! kept in [`Dom`] for `view.rs` to update in place each frame.

use std::cell::Cell;

use wasm_bindgen::JsValue;
use web_sys::{
    CanvasRenderingContext2d, Element, HtmlCanvasElement, HtmlInputElement, HtmlSelectElement,
    HtmlTextAreaElement,
};

use super::dom::{context_2d, find, Markup, Writer};
use crate::edit::Field;

thread_local! {
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
}

/// One editable field's row: slider, number box, message.
pub struct Editor {
    /// The field edited.
    pub field: Field,
    /// The slider.
    pub range: HtmlInputElement,
    /// The number box.
    pub number: HtmlInputElement,
    /// The message next to the box.
    pub message: Element,
    /// The value and slider range last written to the DOM (compared in Rust, not read back).
    pub shown: Option<(f64, f64, f64)>,
    /// The message last written next to the box (every slider event rewrites it).
    pub said: String,
}

/// Handles to every element the widget updates.
pub struct Dom {
    /// A number unique to this widget on the page (for element ids).
    pub id: u32,
    /// What the frames last wrote into the controls, panel headings and canvas attributes.
    pub writer: Writer,
    /// The widget's root element (inside the host).
    pub root: Element,
    /// The sample picker.
    pub sample: HtmlSelectElement,
    /// The canvas's container.
    pub stage: Element,
    /// The canvas.
    pub canvas: HtmlCanvasElement,
    /// Its 2D context.
    pub ctx: CanvasRenderingContext2d,
    /// The layer of focusable stand-ins for canvas targets.
    pub proxies: Element,
    /// Current step: MathML.
    pub now_math: Markup,
    /// Current step: chain-rule factors.
    pub now_factors: Markup,
    /// Current step: notes.
    pub now_notes: Markup,
    /// Selection: body.
    pub detail_body: Markup,
    /// The editors' container.
    pub editors_box: Element,
    /// One row per field.
    pub editors: Vec<Editor>,
    /// The table body.
    pub table_body: Element,
    /// A message for the whole widget (a bad link, a failed import).
    pub message: Element,
    /// The share and export toolbar.
    pub share: Element,
    /// The file picker for imports.
    pub file: HtmlInputElement,
    /// The export/import box.
    pub io_box: Element,
    /// Its text area (exports to copy, JSON to paste).
    pub io_text: HtmlTextAreaElement,
    /// A per-student link's name box.
    pub student_name: HtmlInputElement,
    /// Its status line.
    pub io_status: Element,
    /// Reads imported files.
    pub reader: web_sys::FileReader,
    /// The side panel.
    pub side: Element,
    /// Quiz: the answer box.
    pub quiz_answer: HtmlInputElement,
    /// What each focus stand-in was last given: its box and its description.
    pub proxy_cache: Vec<([f64; 4], String)>,
    /// What each table row was last given.
    pub table_cache: Vec<crate::session::frame::TableRow>,
}

impl Dom {
    /// Builds the widget inside `host` (its markup comes from the session) and looks up the
    /// elements the frames update.
    pub fn build(host: &Element) -> Result<Dom, JsValue> {
        let id = NEXT_ID.with(|n| {
            let id = n.get();
            n.set(id + 1);
            id
        });
        host.insert_adjacent_html("beforeend", &crate::session::markup::widget(id))?;
        let root = host
            .last_element_child()
            .ok_or("the widget's markup should make an element")?;
        let f = |class: &str| find::<Element>(&root, class);
        let canvas: HtmlCanvasElement = find(&root, "bpv-canvas")?;
        let ctx = context_2d(&canvas)?;
        Ok(Dom {
            id,
            writer: Writer::new(root.clone()),
            sample: find(&root, "bpv-sample")?,
            stage: f("bpv-stage")?,
            canvas,
            ctx,
            proxies: f("bpv-proxies")?,
            now_math: Markup::new(
                f("bpv-now")?
                    .query_selector(".bpv-math")?
                    .ok_or("now math")?,
            ),
            now_factors: Markup::new(f("bpv-factors")?),
            now_notes: Markup::new(f("bpv-notes")?),
            detail_body: Markup::new(f("bpv-detail-body")?),
            editors_box: f("bpv-editors")?,
            editors: Vec::new(),
            table_body: find::<Element>(&root, "bpv-table")?
                .query_selector("tbody")?
                .ok_or("table body")?,
            message: f("bpv-message")?,
            share: f("bpv-share")?,
            file: find(&root, "bpv-file")?,
            io_box: f("bpv-io")?,
            io_text: find(&root, "bpv-io-text")?,
            student_name: find(&root, "bpv-student-name")?,
            io_status: f("bpv-io-status")?,
            reader: web_sys::FileReader::new()?,
            side: f("bpv-side")?,
            quiz_answer: find(&root, "bpv-quiz-answer")?,
            proxy_cache: Vec::new(),
            table_cache: Vec::new(),
            root,
        })
    }
}
