//! The widget's markup, written as text: the static skeleton built once at mount, and the parts
//! rebuilt when the scenario's shape changes (sample menu, focus stand-ins, editors, table rows).
//! `web` sets it as inner HTML and looks up the elements it updates by class, so the whole
//! document structure is decided (and tested) here.

use super::frame::{TableRow, LEGEND};
use super::html::{optimizer_options, Html};
use super::Session;
use crate::edit::Field;
use crate::scenario::Scenario;
use crate::scene::Anchor;

/// The widget's skeleton (instance `id` on the page): header, data-set panel, controls, stage,
/// side panel, exports and the editors' and table's boxes, all empty of numbers.
pub fn widget(id: u32) -> String {
    let mut h = Html::default();
    h.open(
        "div",
        &[("class", "bpv"), ("data-bpv-instance", &id.to_string())],
    );
    header(&mut h);
    super::data_markup::section(&mut h);
    controls(&mut h);
    // Where a bad link or import is reported (and the panic hook writes, should the widget fail).
    h.el("p", &[("class", "bpv-message"), ("role", "alert")], "");
    student(&mut h);
    h.open("div", &[("class", "bpv-main")]);
    h.open("div", &[("class", "bpv-stage")]);
    h.el(
        "canvas",
        &[
            ("class", "bpv-canvas"),
            ("role", "img"),
            ("aria-label", "The network: every neuron with its z and a, every weight with its gradient. Use the buttons over it, the table below, or Tab to move between edges and neurons."),
        ],
        "",
    );
    let proxies = [
        ("class", "bpv-proxies"),
        ("aria-label", "Edges and neurons"),
        ("role", "group"),
    ];
    h.el("div", &proxies, "").close("div");
    side(&mut h);
    h.close("div");
    share(&mut h);
    h.open("details", &[("class", "bpv-author")]);
    h.el(
        "summary",
        &[("class", "bpv-author-summary")],
        "Build the question: layers, activations, loss, samples, title",
    );
    h.el("div", &[("class", "bpv-author-body")], "")
        .close("details");
    h.open("details", &[("class", "bpv-edit"), ("open", "")]);
    h.el(
        "summary",
        &[],
        "Weights, biases, inputs, targets and learning rate",
    );
    h.el("div", &[("class", "bpv-editors")], "")
        .close("details");
    h.open("details", &[("class", "bpv-table-box"), ("open", "")]);
    h.el("summary", &[], "Every value of this step (table)");
    h.open("table", &[("class", "bpv-table")]);
    h.el(
        "caption",
        &[],
        "Forward pass, loss, backward pass and SGD update, in the order computed",
    );
    h.open("thead", &[]).open("tr", &[]);
    for head in ["#", "Phase", "Quantity", "Computation", "Value"] {
        h.el("th", &[("scope", "col")], head);
    }
    h.close("tr")
        .close("thead")
        .el("tbody", &[], "")
        .close("table")
        .close("details");
    h.close("div");
    h.finish()
}

/// Title, description, the mode switch and the menus.
fn header(h: &mut Html) {
    h.open("header", &[("class", "bpv-head")])
        .open("div", &[("class", "bpv-titles")]);
    h.el("h2", &[("class", "bpv-title")], "")
        .el("p", &[("class", "bpv-description")], "");
    h.close("div").open("div", &[("class", "bpv-options")]);
    h.open(
        "div",
        &[
            ("class", "bpv-mode"),
            ("role", "group"),
            ("aria-label", "Mode"),
        ],
    );
    h.button_with(
        "bpv-mode-sample",
        "One sample",
        "One sample: the exam view, every number of one step",
        &[("data-mode", "sample"), ("aria-pressed", "true")],
    );
    h.button_with(
        "bpv-mode-data",
        "Data set",
        "Data set: design a network and train it on 2-D data",
        &[("data-mode", "data"), ("aria-pressed", "false")],
    );
    h.close("div");
    // The first option names what is shown when it is not an unchanged preset (an edited or
    // imported scenario); the controls write its text.
    let presets: Vec<(String, String)> = Scenario::PRESETS
        .iter()
        .map(|name| {
            let title = Scenario::preset(name).map(|s| s.title).unwrap_or_default();
            (name.to_string(), title)
        })
        .collect();
    let menu = |class: &'static str, label: &'static str| {
        [("class", class), ("aria-label", label), ("title", label)]
    };
    h.labelled("bpv-inline", "Scenario", |h| {
        h.open("select", &menu("bpv-preset", "Scenario"));
        let current = [
            ("value", ""),
            ("class", "bpv-preset-current"),
            ("selected", ""),
        ];
        h.el("option", &current, "")
            .options(&presets, "")
            .close("select");
    });
    h.labelled("bpv-inline", "Sample", |h| {
        h.select(&menu("bpv-sample", "Sample shown"), &[], "");
    });
    let digits: Vec<(String, String)> = (2..=8)
        .map(|d| (d.to_string(), format!("{d} digits")))
        .collect();
    h.labelled("bpv-inline", "Show", |h| {
        h.select(
            &menu("bpv-digits", "Significant digits shown"),
            &digits,
            "4",
        );
    });
    h.button(
        "bpv-theme",
        "Dark theme",
        "Switch between light and dark theme",
    );
    h.close("div").close("header");
}

/// The animation and training toolbar.
fn controls(h: &mut Html) {
    h.open(
        "div",
        &[
            ("class", "bpv-controls"),
            ("role", "toolbar"),
            ("aria-label", "Animation and training"),
        ],
    );
    // The controls, without the position: on a phone they are one row scrolled sideways, with
    // the position under it (style.css); elsewhere the row is not a box of its own.
    h.open("div", &[("class", "bpv-control-row")]);
    h.button("bpv-replay", "↺ Replay", "Replay from the start");
    h.button("bpv-back", "◀ Back", "Step back one computation");
    h.button(
        "bpv-play",
        "▶ Play",
        "Play the forward pass, loss, backward pass and update",
    );
    h.button("bpv-forward", "Step ▶", "Step forward one computation");
    let speeds: Vec<(String, String)> = ["0.25", "0.5", "1", "2", "4"]
        .iter()
        .map(|s| (s.to_string(), format!("{s}×")))
        .collect();
    h.labelled("bpv-inline", "Speed", |h| {
        let label = "Animation speed";
        h.select(
            &[
                ("class", "bpv-speed"),
                ("aria-label", label),
                ("title", label),
            ],
            &speeds,
            "1",
        );
    });
    h.button(
        "bpv-quiz-toggle",
        "Quiz me",
        "Quiz mode: predict each value, then check it",
    );
    h.labelled("bpv-inline", "Optimiser", |h| {
        h.select(
            &[
                ("class", "bpv-optimizer"),
                ("aria-label", "Optimiser"),
                ("title", "The optimiser the update uses"),
            ],
            &optimizer_options(),
            "sgd",
        );
    });
    h.button(
        "bpv-apply",
        "Apply SGD step",
        "Commit the update: the new weights become the network's",
    );
    h.button("bpv-undo", "Undo", "Undo the last edit or SGD step");
    h.button("bpv-redo", "Redo", "Redo");
    h.button("bpv-reset", "Reset", "Reset to the scenario as loaded");
    h.close("div");
    h.el("span", &[("class", "bpv-position")], "").close("div");
}

/// The side panel: legend, quiz, the current step, the selection, the values left unlabelled.
fn side(h: &mut Html) {
    h.open("aside", &[("class", "bpv-side")]);
    h.open("details", &[("class", "bpv-legend"), ("open", "")])
        .raw(LEGEND)
        .close("details");
    h.open(
        "section",
        &[
            ("class", "bpv-quiz"),
            ("hidden", ""),
            ("aria-label", "Quiz"),
        ],
    );
    h.el("h3", &[("class", "bpv-quiz-head")], "Quiz");
    h.el("p", &[("class", "bpv-quiz-question")], "");
    h.el("div", &[("class", "bpv-math bpv-quiz-formula")], "");
    h.open("div", &[("class", "bpv-quiz-row")]);
    h.open(
        "input",
        &[
            ("class", "bpv-quiz-answer"),
            ("type", "text"),
            ("inputmode", "decimal"),
            ("autocomplete", "off"),
            ("spellcheck", "false"),
            ("aria-label", "Your answer"),
        ],
    );
    h.button("bpv-quiz-check", "Check", "Check your answer (Enter)");
    h.button(
        "bpv-quiz-show",
        "Show me",
        "Show this step's value and move on",
    );
    h.button("bpv-quiz-restart", "Restart", "Start the quiz again");
    h.close("div");
    let feedback = [
        ("class", "bpv-quiz-feedback"),
        ("role", "status"),
        ("aria-live", "polite"),
    ];
    h.el("p", &feedback, "").close("section");
    h.open("section", &[("class", "bpv-now"), ("aria-live", "polite")]);
    h.el("h3", &[("class", "bpv-now-head")], "");
    h.el("div", &[("class", "bpv-math")], "");
    h.el("code", &[("class", "bpv-plain")], "");
    h.el("ol", &[("class", "bpv-factors")], "");
    h.el("ul", &[("class", "bpv-notes")], "").close("section");
    let live = [
        ("class", "bpv-live"),
        ("aria-live", "polite"),
        ("aria-atomic", "true"),
    ];
    h.el("p", &live, "");
    h.open("section", &[("class", "bpv-detail")]);
    h.el("h3", &[("class", "bpv-detail-head")], "");
    h.el("div", &[("class", "bpv-detail-body")], "")
        .close("section");
    // Last: it is written in the slow lane, after the first frame, and appears or goes as a
    // drawing labels fewer or more values; above the explanation it pushed it down as it came.
    // It scrolls past three lines: keyboard users reach it with Tab and scroll it.
    h.el(
        "p",
        &[
            ("class", "bpv-unlabelled"),
            ("hidden", ""),
            ("tabindex", "0"),
            ("role", "region"),
            ("aria-label", "Values the drawing has no room to label"),
        ],
        "",
    );
    h.close("aside");
}

/// The share and export toolbar, and the box for exported and pasted text.
fn share(h: &mut Html) {
    h.open(
        "div",
        &[
            ("class", "bpv-share"),
            ("role", "toolbar"),
            ("aria-label", "Share, export and import"),
        ],
    );
    for (class, text, title) in [
        ("bpv-export-link", "Copy link", "Copy a link to this exact state"),
        ("bpv-export-student", "Quiz link per student", "Copy a quiz link that gives every student their own numbers of this question"),
        ("bpv-export-png", "PNG", "Download the network as a PNG image at twice the size (for slides)"),
        ("bpv-export-svg", "SVG", "Download the network as an SVG vector image (for print)"),
        ("bpv-export-json", "JSON", "Download the scenario as a JSON file"),
        ("bpv-export-markdown", "Markdown", "The worked solution as Markdown: download and copy"),
        ("bpv-export-latex", "LaTeX", "The worked solution as LaTeX: download and copy"),
        ("bpv-import", "Import…", "Load a scenario from a JSON file (you can also drop one on the widget or paste it below)"),
        ("bpv-embed-toggle", "Embed…", "Codes to put this in a course page (an iframe, an element, a link), with a preview"),
    ] {
        h.button(class, text, title);
    }
    h.open(
        "input",
        &[
            ("class", "bpv-file"),
            ("type", "file"),
            ("accept", ".json,application/json"),
            ("aria-label", "Scenario file to import"),
            ("hidden", ""),
        ],
    );
    h.close("div");
    super::share_dialog::dialog(h);
    h.open("details", &[("class", "bpv-io")]);
    h.el("summary", &[], "Export text and paste a scenario");
    h.el(
        "textarea",
        &[
            ("class", "bpv-io-text"),
            ("aria-label", "Exported text, or scenario JSON to load"),
            ("spellcheck", "false"),
            ("rows", "8"),
        ],
        "",
    );
    h.open("div", &[("class", "bpv-io-row")]);
    h.button(
        "bpv-io-load",
        "Load pasted JSON",
        "Load the scenario JSON pasted in the box",
    );
    h.el(
        "span",
        &[("class", "bpv-io-status"), ("role", "status")],
        "",
    );
    h.close("div").close("details");
    check(h);
}

/// A per-student link's prompt for the student's name or number.
fn student(h: &mut Html) {
    h.open("section", &[("class", "bpv-student"), ("hidden", "")]);
    h.el("h3", &[], "Your own numbers");
    h.el(
        "p",
        &[],
        "This question gives every student their own numbers. Type your name or student number: the same text always gives the same numbers, and your teacher can look up the answers to yours.",
    );
    h.open("div", &[("class", "bpv-io-row")]);
    h.open("label", &[]).text("Name or number ");
    h.open(
        "input",
        &[
            ("class", "bpv-student-name"),
            ("type", "text"),
            ("autocomplete", "off"),
            ("maxlength", "100"),
        ],
    );
    h.close("label");
    h.button("bpv-student-start", "Start", "Show my own numbers");
    h.close("div");
    h.el(
        "p",
        &[("class", "bpv-student-note"), ("role", "status")],
        "",
    );
    h.close("section");
}

/// The check of a worked answer: the box to paste it in, the buttons, the status and the list.
fn check(h: &mut Html) {
    h.open("details", &[("class", "bpv-check")]);
    h.el("summary", &[], "Check a worked answer");
    h.el(
        "p",
        &[("class", "bpv-check-help")],
        "Type or paste your answer, one quantity per line: z1 = −0.1, ŷ = 0.4013, J = 0.5130, δ2 = −0.2007, ∂J/∂w6 = 0.3210, w3' = −0.5980 (or new w3 = …), W1' = [[0.5, −0.598], [−0.4, 0.804]]. Each number is checked to the digits you wrote (at least 3 unless exact); a wrong one is diagnosed where a common mistake explains it, and the network marks each place ✓ or ✗.",
    );
    h.el(
        "textarea",
        &[
            ("class", "bpv-check-text"),
            (
                "aria-label",
                "Your worked answer, one name = value per line",
            ),
            ("spellcheck", "false"),
            ("rows", "8"),
        ],
        "",
    );
    h.open("div", &[("class", "bpv-io-row")]);
    h.button(
        "bpv-check-run",
        "Check my answer",
        "Check every line against the network on screen",
    );
    h.button(
        "bpv-check-clear",
        "Clear marks",
        "Remove the check and its marks",
    );
    h.el(
        "span",
        &[("class", "bpv-check-status"), ("role", "status")],
        "",
    );
    h.close("div");
    h.el("ol", &[("class", "bpv-check-list")], "");
    h.close("details");
}

/// The parts of the widget that follow the scenario's shape, rebuilt when it changes.
pub struct Structure {
    /// The sample menu's options.
    pub samples: String,
    /// The editors, grouped; one `.bpv-field` row per field of [`Session::fields`], in order.
    pub editors: String,
    /// The table's rows, empty (the frames write their cells).
    pub table: String,
    /// The authoring panel's body.
    pub author: String,
}

/// A table row's cells: number, phase, quantity (the row's header), computation, value (with
/// the full value in `data-value`).
pub fn table_cells(row: &TableRow) -> String {
    let mut h = Html::default();
    h.el("td", &[], &row.number).el("td", &[], &row.phase);
    h.el("th", &[("scope", "row")], &row.symbol)
        .el("td", &[], &row.line);
    h.el("td", &[("data-value", &row.exact)], &row.value);
    h.finish()
}

/// The focus stand-ins over the canvas, one button per anchor, in the scene's order.
pub fn proxies(anchors: &[Anchor]) -> String {
    let mut h = Html::default();
    for (k, anchor) in anchors.iter().enumerate() {
        h.el(
            "button",
            &[
                ("type", "button"),
                ("class", "bpv-proxy"),
                ("aria-label", &anchor.description),
                ("title", &anchor.name),
                ("data-index", &k.to_string()),
                ("data-target", &anchor.name),
            ],
            "",
        );
    }
    h.finish()
}

impl Session {
    /// The fields the editors edit, in the order of their rows.
    pub fn fields(&self) -> Vec<Field> {
        Field::all(self.scenario(), self.sample())
    }

    /// The markup of the parts that follow the scenario's shape (`id`: the widget's number on
    /// the page, for the editors' element ids).
    pub fn structure(&self, id: u32) -> Structure {
        let scenario = self.scenario();
        let count = scenario.samples.len();
        let samples: Vec<(String, String)> = (0..count)
            .map(|s| (s.to_string(), format!("{} of {count}", s + 1)))
            .collect();
        let mut samples_html = Html::default();
        samples_html.options(&samples, &self.sample().to_string());
        let mut h = Html::default();
        let mut group = None;
        for (k, field) in self.fields().into_iter().enumerate() {
            let heading = match field {
                Field::Weight { .. } => "Weights",
                Field::Bias { .. } => "Biases",
                Field::Input { .. } | Field::Target { .. } => "Sample",
                Field::LearningRate | Field::Hyper(_) => "Learning rate and optimiser",
            };
            if group != Some(heading) {
                if group.is_some() {
                    h.close("fieldset");
                }
                h.open("fieldset", &[("class", "bpv-group")])
                    .el("legend", &[], heading);
                group = Some(heading);
            }
            let input_id = format!("bpv-{id}-{k}");
            let name = field.name(scenario);
            let index = k.to_string();
            h.open("div", &[("class", "bpv-field")]);
            let label = [("class", "bpv-field-label"), ("for", input_id.as_str())];
            h.el("label", &label, &field.describe(scenario));
            let slider = format!("{name} slider");
            h.open(
                "input",
                &[
                    ("class", "bpv-range"),
                    ("type", "range"),
                    ("data-field", &index),
                    ("aria-label", &slider),
                ],
            );
            h.open(
                "input",
                &[
                    ("class", "bpv-number"),
                    ("type", "text"),
                    ("inputmode", "decimal"),
                    ("spellcheck", "false"),
                    ("id", &input_id),
                    ("data-field", &index),
                    ("data-name", &name),
                ],
            );
            h.el(
                "span",
                &[("class", "bpv-field-message"), ("role", "status")],
                "",
            );
            h.close("div");
        }
        if group.is_some() {
            h.close("fieldset");
        }
        let row = "<tr><td></td><td></td><th scope=\"row\"></th><td></td><td></td></tr>";
        Structure {
            samples: samples_html.finish(),
            editors: h.finish(),
            table: row.repeat(self.plan().len()),
            author: self.author_panel(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped() {
        let mut h = Html::default();
        h.el("p", &[("title", "a \"b\" & <c>")], "<script>");
        assert_eq!(
            h.finish(),
            "<p title=\"a &quot;b&quot; &amp; &lt;c&gt;\">&lt;script&gt;</p>"
        );
    }

    #[test]
    fn the_skeleton_has_each_element_the_shell_looks_up_once() {
        let html = widget(3);
        for class in [
            "bpv-title",
            "bpv-preset",
            "bpv-canvas",
            "bpv-proxies",
            "bpv-play",
            "bpv-quiz-answer",
            "bpv-editors",
            "bpv-table",
            "bpv-io-text",
            "bpv-dataset",
        ] {
            let needle = format!("class=\"{class}\"");
            assert_eq!(html.matches(&needle).count(), 1, "{class}");
        }
        assert!(html.contains("data-bpv-instance=\"3\""));
        // Data-set mode's panel is written into its section by the mode's part, once.
        assert!(!html.contains("bpv-plot"));
        let panel = super::super::data_markup::panel();
        for class in ["bpv-plot", "bpv-chart", "bpv-play-setup", "bpv-csv-text"] {
            let needle = format!("class=\"{class}\"");
            assert_eq!(panel.matches(&needle).count(), 1, "{class}");
        }
    }

    #[test]
    fn the_exam_has_a_row_per_field_and_per_step() {
        let s = Session::new(Scenario::preset("exam").expect("exam"));
        let structure = s.structure(1);
        assert_eq!(
            structure.editors.matches("class=\"bpv-field\"").count(),
            s.fields().len()
        );
        assert_eq!(structure.table.matches("<tr>").count(), s.plan().len());
        assert!(structure.samples.contains("1 of 1"));
    }
}
