//! The widget's DOM, built once into the host element: every control, panel and container,
//! kept in [`Dom`] for `view.rs` to update in place each frame.

use std::cell::Cell;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    CanvasRenderingContext2d, Document, Element, HtmlCanvasElement, HtmlInputElement,
    HtmlSelectElement, HtmlTextAreaElement,
};

use super::dom::{button, el, text_el, Markup, Written};
use crate::edit::Field;
use crate::explain::number::number_text;
use crate::scenario::Scenario;

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
    pub written: Written,
    /// The widget's root element (inside the host).
    pub root: Element,
    /// The title.
    pub title: Element,
    /// The one-line description.
    pub description: Element,
    /// The preset picker.
    pub preset: HtmlSelectElement,
    /// The sample picker.
    pub sample: HtmlSelectElement,
    /// The digits picker.
    pub digits: HtmlSelectElement,
    /// The theme toggle.
    pub theme: Element,
    /// The canvas's container.
    pub stage: Element,
    /// The canvas.
    pub canvas: HtmlCanvasElement,
    /// Its 2D context.
    pub ctx: CanvasRenderingContext2d,
    /// The layer of focusable stand-ins for canvas targets.
    pub proxies: Element,
    /// Control buttons.
    pub replay: Element,
    /// Step back.
    pub back: Element,
    /// Play / pause.
    pub play: Element,
    /// Step forward.
    pub forward: Element,
    /// Speed picker.
    pub speed: HtmlSelectElement,
    /// Apply the SGD step.
    pub apply: Element,
    /// Undo.
    pub undo: Element,
    /// Redo.
    pub redo: Element,
    /// Reset to the scenario.
    pub reset: Element,
    /// "Step 3 of 34 · forward pass".
    pub position: Element,
    /// Current step: heading.
    pub now_head: Element,
    /// Current step: MathML.
    pub now_math: Markup,
    /// Current step: plain text (copyable).
    pub now_plain: Element,
    /// Current step: chain-rule factors.
    pub now_factors: Markup,
    /// Current step: notes.
    pub now_notes: Markup,
    /// Selection: heading.
    pub detail_head: Element,
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
    /// Its "load pasted JSON" button.
    pub io_load: Element,
    /// Its status line.
    pub io_status: Element,
    /// Reads imported files.
    pub reader: web_sys::FileReader,
    /// The sections, for hiding panels: editors and table boxes.
    pub edit_box: Element,
    /// The table's box.
    pub table_box: Element,
    /// The controls toolbar.
    pub controls: Element,
    /// The side panel.
    pub side: Element,
    /// The header's pickers and theme toggle.
    pub options: Element,
    /// Quiz: the panel.
    pub quiz_box: Element,
    /// Quiz: heading with the score.
    pub quiz_head: Element,
    /// Quiz: the question.
    pub quiz_question: Element,
    /// Quiz: the formula (without numbers).
    pub quiz_formula: Element,
    /// Quiz: the answer box.
    pub quiz_answer: HtmlInputElement,
    /// Quiz: check, show me, restart.
    pub quiz_buttons: Element,
    /// Quiz: what the quiz says.
    pub quiz_feedback: Element,
    /// The button that starts and stops the quiz.
    pub quiz_toggle: Element,
    /// The explanation of the selection.
    pub detail: Element,
    /// A visually hidden live region that reads each step as a sentence.
    pub live: Element,
    /// The values the drawing had no room to label, listed beside it.
    pub unlabelled: Element,
    /// What each focus stand-in was last given: its box and its description.
    pub proxy_cache: Vec<([f64; 4], String)>,
    /// What each table row was last given.
    pub table_cache: Vec<crate::session::frame::TableRow>,
}

/// Appends a freshly made child and returns it.
pub(super) fn add(parent: &Element, child: Result<Element, JsValue>) -> Result<Element, JsValue> {
    let child = child?;
    parent.append_child(&child)?;
    Ok(child)
}

fn select(
    doc: &Document,
    class: &str,
    label: &str,
    options: &[(String, String)],
) -> Result<HtmlSelectElement, JsValue> {
    let s = el(doc, "select", class)?;
    s.set_attribute("aria-label", label)?;
    s.set_attribute("title", label)?;
    for (value, text) in options {
        let o = text_el(doc, "option", "", text)?;
        o.set_attribute("value", value)?;
        s.append_child(&o)?;
    }
    s.dyn_into::<HtmlSelectElement>()
        .map_err(|_| JsValue::from_str("select should be a select element"))
}

fn labelled(doc: &Document, text: &str, control: &Element) -> Result<Element, JsValue> {
    let label = el(doc, "label", "bpv-inline")?;
    add(&label, text_el(doc, "span", "", text))?;
    label.append_child(control)?;
    Ok(label)
}

impl Dom {
    /// Builds the widget inside `host`.
    pub fn build(doc: &Document, host: &Element) -> Result<Dom, JsValue> {
        let id = NEXT_ID.with(|n| {
            let id = n.get();
            n.set(id + 1);
            id
        });
        let root = el(doc, "div", "bpv")?;
        root.set_attribute("data-bpv-instance", &id.to_string())?;

        let head = el(doc, "header", "bpv-head")?;
        let titles = el(doc, "div", "bpv-titles")?;
        let title = text_el(doc, "h2", "bpv-title", "")?;
        let description = text_el(doc, "p", "bpv-description", "")?;
        titles.append_child(&title)?;
        titles.append_child(&description)?;
        head.append_child(&titles)?;
        let options = el(doc, "div", "bpv-options")?;
        // The first option names what is shown when it is not an unchanged preset (an edited
        // or imported scenario); the controls write its text.
        let presets: Vec<(String, String)> = std::iter::once((String::new(), String::new()))
            .chain(Scenario::PRESETS.iter().map(|name| {
                let title = Scenario::preset(name).map(|s| s.title).unwrap_or_default();
                (name.to_string(), title)
            }))
            .collect();
        let preset = select(doc, "bpv-preset", "Scenario", &presets)?;
        add(&options, labelled(doc, "Scenario", &preset))?;
        let sample = select(doc, "bpv-sample", "Sample shown", &[])?;
        add(&options, labelled(doc, "Sample", &sample))?;
        let digit_options: Vec<(String, String)> = (2..=8)
            .map(|d| (d.to_string(), format!("{d} digits")))
            .collect();
        let digits = select(
            doc,
            "bpv-digits",
            "Significant digits shown",
            &digit_options,
        )?;
        digits.set_value("4");
        add(&options, labelled(doc, "Show", &digits))?;
        let theme = button(
            doc,
            "bpv-theme",
            "Dark theme",
            "Switch between light and dark theme",
        )?;
        options.append_child(&theme)?;
        head.append_child(&options)?;
        root.append_child(&head)?;

        let main = el(doc, "div", "bpv-main")?;
        let stage = el(doc, "div", "bpv-stage")?;
        let (canvas, ctx) = super::play_dom::canvas_2d(doc, "bpv-canvas")?;
        canvas.set_attribute("role", "img")?;
        canvas.set_attribute(
            "aria-label",
            "The network: every neuron with its z and a, every weight with its gradient. Use the buttons over it, the table below, or Tab to move between edges and neurons.",
        )?;
        stage.append_child(&canvas)?;
        let proxies = el(doc, "div", "bpv-proxies")?;
        proxies.set_attribute("aria-label", "Edges and neurons")?;
        proxies.set_attribute("role", "group")?;
        stage.append_child(&proxies)?;
        main.append_child(&stage)?;

        let side = el(doc, "aside", "bpv-side")?;
        let legend = el(doc, "details", "bpv-legend")?;
        legend.set_attribute("open", "")?;
        legend.set_inner_html(crate::session::frame::LEGEND);
        side.append_child(&legend)?;
        let unlabelled = el(doc, "p", "bpv-unlabelled")?;
        unlabelled.set_attribute("hidden", "")?;
        // It scrolls past three lines: keyboard users reach it with Tab and scroll it.
        unlabelled.set_attribute("tabindex", "0")?;
        unlabelled.set_attribute("role", "region")?;
        unlabelled.set_attribute("aria-label", "Values the drawing has no room to label")?;
        side.append_child(&unlabelled)?;
        let quiz_box = el(doc, "section", "bpv-quiz")?;
        quiz_box.set_attribute("hidden", "")?;
        quiz_box.set_attribute("aria-label", "Quiz")?;
        let quiz_head = add(&quiz_box, text_el(doc, "h3", "bpv-quiz-head", "Quiz"))?;
        let quiz_question = add(&quiz_box, text_el(doc, "p", "bpv-quiz-question", ""))?;
        let quiz_formula = add(&quiz_box, el(doc, "div", "bpv-math bpv-quiz-formula"))?;
        let answer_row = add(&quiz_box, el(doc, "div", "bpv-quiz-row"))?;
        let quiz_answer: HtmlInputElement = el(doc, "input", "bpv-quiz-answer")?
            .dyn_into()
            .map_err(|_| JsValue::from_str("answer box"))?;
        quiz_answer.set_attribute("type", "text")?;
        quiz_answer.set_attribute("inputmode", "decimal")?;
        quiz_answer.set_attribute("autocomplete", "off")?;
        quiz_answer.set_attribute("spellcheck", "false")?;
        quiz_answer.set_attribute("aria-label", "Your answer")?;
        answer_row.append_child(&quiz_answer)?;
        add(
            &answer_row,
            button(doc, "bpv-quiz-check", "Check", "Check your answer (Enter)"),
        )?;
        add(
            &answer_row,
            button(
                doc,
                "bpv-quiz-show",
                "Show me",
                "Show this step's value and move on",
            ),
        )?;
        add(
            &answer_row,
            button(doc, "bpv-quiz-restart", "Restart", "Start the quiz again"),
        )?;
        let quiz_buttons = answer_row;
        let quiz_feedback = add(&quiz_box, el(doc, "p", "bpv-quiz-feedback"))?;
        quiz_feedback.set_attribute("role", "status")?;
        quiz_feedback.set_attribute("aria-live", "polite")?;
        side.append_child(&quiz_box)?;
        let now = el(doc, "section", "bpv-now")?;
        now.set_attribute("aria-live", "polite")?;
        let now_head = text_el(doc, "h3", "bpv-now-head", "")?;
        let now_math = el(doc, "div", "bpv-math")?;
        let now_plain = text_el(doc, "code", "bpv-plain", "")?;
        let now_factors = el(doc, "ol", "bpv-factors")?;
        let now_notes = el(doc, "ul", "bpv-notes")?;
        for child in [&now_head, &now_math, &now_plain, &now_factors, &now_notes] {
            now.append_child(child)?;
        }
        side.append_child(&now)?;
        let detail = el(doc, "section", "bpv-detail")?;
        let live = el(doc, "p", "bpv-live")?;
        live.set_attribute("aria-live", "polite")?;
        live.set_attribute("aria-atomic", "true")?;
        side.append_child(&live)?;
        let detail_head = text_el(doc, "h3", "bpv-detail-head", "")?;
        let detail_body = el(doc, "div", "bpv-detail-body")?;
        detail.append_child(&detail_head)?;
        detail.append_child(&detail_body)?;
        side.append_child(&detail)?;
        main.append_child(&side)?;
        root.append_child(&main)?;

        let controls = el(doc, "div", "bpv-controls")?;
        controls.set_attribute("role", "toolbar")?;
        controls.set_attribute("aria-label", "Animation and training")?;
        let replay = button(doc, "bpv-replay", "↺ Replay", "Replay from the start")?;
        let back = button(doc, "bpv-back", "◀ Back", "Step back one computation")?;
        let play = button(
            doc,
            "bpv-play",
            "▶ Play",
            "Play the forward pass, loss, backward pass and update",
        )?;
        let forward = button(doc, "bpv-forward", "Step ▶", "Step forward one computation")?;
        let speeds: Vec<(String, String)> = ["0.25", "0.5", "1", "2", "4"]
            .iter()
            .map(|s| (s.to_string(), format!("{s}×")))
            .collect();
        let speed = select(doc, "bpv-speed", "Animation speed", &speeds)?;
        speed.set_value("1");
        let quiz_toggle = button(
            doc,
            "bpv-quiz-toggle",
            "Quiz me",
            "Quiz mode: predict each value, then check it",
        )?;
        let apply = button(
            doc,
            "bpv-apply",
            "Apply SGD step",
            "Commit the update: the new weights become the network's",
        )?;
        let undo = button(doc, "bpv-undo", "Undo", "Undo the last edit or SGD step")?;
        let redo = button(doc, "bpv-redo", "Redo", "Redo")?;
        let reset = button(doc, "bpv-reset", "Reset", "Reset to the scenario as loaded")?;
        let position = text_el(doc, "span", "bpv-position", "")?;
        for child in [&replay, &back, &play, &forward] {
            controls.append_child(child)?;
        }
        add(&controls, labelled(doc, "Speed", &speed))?;
        for child in [&quiz_toggle, &apply, &undo, &redo, &reset, &position] {
            controls.append_child(child)?;
        }
        root.insert_before(&controls, Some(&main))?;

        // Where a bad link or import is reported (and the panic hook writes, should the widget fail).
        let message = el(doc, "p", "bpv-message")?;
        message.set_attribute("role", "alert")?;
        root.insert_before(&message, Some(&main))?;

        let share = el(doc, "div", "bpv-share")?;
        share.set_attribute("role", "toolbar")?;
        share.set_attribute("aria-label", "Share, export and import")?;
        for (class, text, label) in [
            ("bpv-export-link", "Copy link", "Copy a link to this exact state"),
            ("bpv-export-png", "PNG", "Download the network as a PNG image at twice the size (for slides)"),
            ("bpv-export-svg", "SVG", "Download the network as an SVG vector image (for print)"),
            ("bpv-export-json", "JSON", "Download the scenario as a JSON file"),
            ("bpv-export-markdown", "Markdown", "The worked solution as Markdown: download and copy"),
            ("bpv-export-latex", "LaTeX", "The worked solution as LaTeX: download and copy"),
            ("bpv-import", "Import…", "Load a scenario from a JSON file (you can also drop one on the widget or paste it below)"),
        ] {
            add(&share, button(doc, class, text, label))?;
        }
        let file: HtmlInputElement = el(doc, "input", "bpv-file")?
            .dyn_into()
            .map_err(|_| JsValue::from_str("file input"))?;
        file.set_type("file");
        file.set_accept(".json,application/json");
        file.set_attribute("aria-label", "Scenario file to import")?;
        file.set_hidden(true);
        share.append_child(&file)?;
        root.append_child(&share)?;

        let io_box = el(doc, "details", "bpv-io")?;
        add(
            &io_box,
            text_el(doc, "summary", "", "Export text and paste a scenario"),
        )?;
        let io_text: HtmlTextAreaElement = el(doc, "textarea", "bpv-io-text")?
            .dyn_into()
            .map_err(|_| JsValue::from_str("textarea"))?;
        io_text.set_attribute("aria-label", "Exported text, or scenario JSON to load")?;
        io_text.set_attribute("spellcheck", "false")?;
        io_text.set_rows(8);
        io_box.append_child(&io_text)?;
        let io_row = el(doc, "div", "bpv-io-row")?;
        let io_load = button(
            doc,
            "bpv-io-load",
            "Load pasted JSON",
            "Load the scenario JSON pasted in the box",
        )?;
        io_row.append_child(&io_load)?;
        let io_status = el(doc, "span", "bpv-io-status")?;
        io_status.set_attribute("role", "status")?;
        io_row.append_child(&io_status)?;
        io_box.append_child(&io_row)?;
        root.append_child(&io_box)?;
        let reader = web_sys::FileReader::new()?;

        let edit_box = el(doc, "details", "bpv-edit")?;
        edit_box.set_attribute("open", "")?;
        add(
            &edit_box,
            text_el(
                doc,
                "summary",
                "",
                "Weights, biases, inputs, targets and learning rate",
            ),
        )?;
        let editors_box = el(doc, "div", "bpv-editors")?;
        edit_box.append_child(&editors_box)?;
        root.append_child(&edit_box)?;

        let table_box = el(doc, "details", "bpv-table-box")?;
        table_box.set_attribute("open", "")?;
        add(
            &table_box,
            text_el(doc, "summary", "", "Every value of this step (table)"),
        )?;
        let table = el(doc, "table", "bpv-table")?;
        add(
            &table,
            text_el(
                doc,
                "caption",
                "",
                "Forward pass, loss, backward pass and SGD update, in the order computed",
            ),
        )?;
        let thead = el(doc, "thead", "")?;
        let header_row = el(doc, "tr", "")?;
        for h in ["#", "Phase", "Quantity", "Computation", "Value"] {
            let th = text_el(doc, "th", "", h)?;
            th.set_attribute("scope", "col")?;
            header_row.append_child(&th)?;
        }
        thead.append_child(&header_row)?;
        table.append_child(&thead)?;
        let table_body = el(doc, "tbody", "")?;
        table.append_child(&table_body)?;
        table_box.append_child(&table)?;
        root.append_child(&table_box)?;

        host.append_child(&root)?;
        Ok(Dom {
            id,
            written: Written::default(),
            root,
            title,
            description,
            preset,
            sample,
            digits,
            theme,
            stage,
            canvas,
            ctx,
            proxies,
            replay,
            back,
            play,
            forward,
            speed,
            apply,
            undo,
            redo,
            reset,
            position,
            now_head,
            now_math: Markup::new(now_math),
            now_plain,
            now_factors: Markup::new(now_factors),
            now_notes: Markup::new(now_notes),
            detail_head,
            detail_body: Markup::new(detail_body),
            editors_box,
            editors: Vec::new(),
            table_body,
            message,
            share,
            file,
            io_box,
            io_text,
            io_load,
            io_status,
            reader,
            edit_box,
            table_box,
            controls,
            side,
            options,
            quiz_box,
            quiz_head,
            quiz_question,
            quiz_formula,
            quiz_answer,
            quiz_buttons,
            quiz_feedback,
            quiz_toggle,
            detail,
            live,
            unlabelled,
            proxy_cache: Vec::new(),
            table_cache: Vec::new(),
        })
    }
}

/// The full-precision text of a number (what the number boxes and `data-value` carry).
pub fn exact(x: f64) -> String {
    if x.is_finite() {
        format!("{x}")
    } else {
        number_text(x, 17)
    }
}
