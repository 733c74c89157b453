//! The share dialog ("Put this in a course page"): the embed options a teacher picks, the
//! change each of its controls stands for, and what it shows while open — the link, the
//! iframe code, the element code and a preview of `embed.html` in exactly that state.
//!
//! Every choice the controls offer is valid (the last panel or quiz phase ticked cannot be
//! unticked), so the boxes on screen always say what the codes hold; only a typed height can
//! be refused, and then the codes keep the last good one.

use super::embed::{EmbedCode, EmbedOptions, EMBED_HEIGHTS};
use super::html::Html;
use super::writes::Write;
use super::{Effects, Session};
use crate::parts::{CopyText, Part};
use crate::phase::Phase;
use crate::share::{Control, Panel, ThemeChoice};

/// The dialog's state.
#[derive(Clone, Debug, PartialEq)]
pub struct ShareDialog {
    /// Whether it shows.
    pub open: bool,
    /// What the codes embed.
    pub options: EmbedOptions,
    /// The phases ticked for a quiz (kept while "A quiz" is unticked, as their boxes are).
    pub ask: Vec<Phase>,
    /// The address of the page the widget is on: its folder holds `embed.html`.
    pub page: String,
    /// What the status line says (a refused height).
    pub status: String,
}

impl Default for ShareDialog {
    fn default() -> ShareDialog {
        ShareDialog {
            open: false,
            options: EmbedOptions::default(),
            ask: Phase::ALL.to_vec(),
            page: String::new(),
            status: String::new(),
        }
    }
}

/// A change made in the dialog.
#[derive(Clone, Debug, PartialEq)]
pub enum ShareChange {
    /// Opens or closes it.
    Toggle,
    /// A panel shown in the embed or not.
    Panel(Panel, bool),
    /// A group of controls shown or not.
    Control(Control, bool),
    /// The theme.
    Theme(ThemeChoice),
    /// The iframe's height, as typed.
    Height(String),
    /// Numbers and animation only.
    ReadOnly(bool),
    /// The embed is a quiz.
    Quiz(bool),
    /// A phase the quiz asks about or not.
    Phase(Phase, bool),
    /// The digits answers are checked to, as chosen (empty: those shown).
    Tolerance(String),
    /// The exports that give the answers away, during the quiz.
    Exports(bool),
}

/// One of the three codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Code {
    /// The link to the full page.
    Link,
    /// The iframe.
    Iframe,
    /// The `<backprop-viz>` element and its script.
    Element,
}

impl Code {
    /// Each code: its box's class, its copy button's class, its heading.
    pub const ALL: [(Code, &'static str, &'static str, &'static str); 3] = [
        (
            Code::Iframe,
            "bpv-embed-iframe",
            "bpv-copy-iframe",
            "iframe (Moodle, Canvas, any page)",
        ),
        (
            Code::Element,
            "bpv-embed-element",
            "bpv-copy-element",
            "Element (a page you host)",
        ),
        (Code::Link, "bpv-embed-link", "bpv-copy-link", "Link"),
    ];

    /// The code's text among `codes`.
    fn of(self, codes: &EmbedCode) -> &str {
        match self {
            Code::Link => &codes.link,
            Code::Iframe => &codes.iframe,
            Code::Element => &codes.element,
        }
    }

    /// What the status line says once the clipboard answered: `[copied, refused]`.
    fn said(self) -> [String; 2] {
        let name = match self {
            Code::Link => "the link",
            Code::Iframe => "the iframe code",
            Code::Element => "the element code",
        };
        [
            format!("Copied: {name} is on the clipboard."),
            format!("The browser did not allow copying: select {name} in its box and copy it."),
        ]
    }
}

const THEMES: [(ThemeChoice, &str, &str); 3] = [
    (ThemeChoice::Auto, "auto", "The reader's (light or dark)"),
    (ThemeChoice::Light, "light", "Light"),
    (ThemeChoice::Dark, "dark", "Dark"),
];

impl ShareChange {
    /// The change a dialog control of this class stands for, from its value and (a
    /// checkbox) whether it is ticked; `None` for any other class.
    pub fn from_control(class: &str, value: &str, checked: bool) -> Option<ShareChange> {
        // A checkbox of a panel, a control group or a phase: its place among the classes.
        let place = |classes: &[&str]| classes.iter().position(|c| *c == class);
        if let Some(k) = place(&PANEL_CLASSES) {
            return Some(ShareChange::Panel(Panel::ALL[k], checked));
        }
        if let Some(k) = place(&CONTROL_CLASSES) {
            return Some(ShareChange::Control(Control::ALL[k], checked));
        }
        if let Some(k) = place(&PHASE_CLASSES) {
            return Some(ShareChange::Phase(Phase::ALL[k], checked));
        }
        Some(match class {
            "bpv-embed-theme" => {
                let (theme, _, _) = THEMES.into_iter().find(|(_, name, _)| *name == value)?;
                ShareChange::Theme(theme)
            }
            "bpv-embed-height" => ShareChange::Height(value.to_string()),
            "bpv-embed-readonly" => ShareChange::ReadOnly(checked),
            "bpv-embed-quiz" => ShareChange::Quiz(checked),
            "bpv-embed-tolerance" => ShareChange::Tolerance(value.to_string()),
            "bpv-embed-exports" => ShareChange::Exports(checked),
            _ => return None,
        })
    }
}

/// `list` with `item` in or out, in `order`'s order; unchanged where that would leave it
/// empty (the controls never offer it).
fn toggled<T: Copy + PartialEq>(list: &[T], order: &[T], item: T, on: bool) -> Vec<T> {
    let next: Vec<T> = order
        .iter()
        .copied()
        .filter(|x| if *x == item { on } else { list.contains(x) })
        .collect();
    if next.is_empty() {
        list.to_vec()
    } else {
        next
    }
}

impl Session {
    /// Applies a change made in the dialog: its writes follow with the layout's, and after an
    /// edit of the question in the slow lane.
    pub(crate) fn change_share(&mut self, change: ShareChange) -> Effects {
        let dialog = &mut self.share;
        let options = &mut dialog.options;
        dialog.status.clear();
        match change {
            ShareChange::Toggle => dialog.open = !dialog.open,
            ShareChange::Panel(panel, on) => {
                options.panels = toggled(&options.panels, &Panel::ALL, panel, on);
            }
            ShareChange::Control(group, on) => {
                options.controls = toggled(&options.controls, &Control::ALL, group, on);
            }
            ShareChange::Theme(theme) => options.theme = theme,
            ShareChange::Height(text) => match text.trim().parse::<u32>() {
                Ok(h) if (EMBED_HEIGHTS.0..=EMBED_HEIGHTS.1).contains(&h) => options.height = h,
                _ => {
                    dialog.status = format!(
                        "Height: “{}” is not a whole number of pixels from {} to {}; the codes keep {}.",
                        text.trim(),
                        EMBED_HEIGHTS.0,
                        EMBED_HEIGHTS.1,
                        options.height
                    );
                }
            },
            ShareChange::ReadOnly(on) => options.readonly = on,
            ShareChange::Quiz(on) => options.quiz = on.then(|| dialog.ask.clone()),
            ShareChange::Phase(phase, on) => {
                if let Some(ask) = &mut options.quiz {
                    *ask = toggled(ask, &Phase::ALL, phase, on);
                    dialog.ask.clone_from(ask);
                }
            }
            ShareChange::Tolerance(text) => options.tolerance = text.parse().ok(),
            ShareChange::Exports(on) => options.exports = on,
        }
        // The layout's writes carry the dialog's (`layout_writes`): nothing waits for the
        // slow lane, which follows edits of the question.
        let mut effects = Effects::none();
        effects.redraw.layout = true;
        effects
    }

    /// The folder the page is in, where `embed.html` and `index.html` are.
    fn site_folder(&self) -> &str {
        let page = &self.share.page;
        page.rfind('/')
            .and_then(|k| page.split_at_checked(k + 1))
            .map_or("", |(folder, _)| folder)
    }

    /// The codes for the options chosen.
    pub fn share_codes(&self) -> EmbedCode {
        self.embed_code(self.site_folder(), &self.share.options)
    }

    /// What the open dialog shows (nothing while it is closed, or before the tools that fill
    /// it have arrived: its skeleton says they load).
    pub fn share_writes(&self) -> Vec<Write> {
        self.tools()
            .map_or_else(Vec::new, |tools| (tools.share_writes)(self))
    }

    /// The text a copy button of the dialog copies and what to say when the clipboard answers
    /// (`[copied, refused]`); `None` for any other class.
    pub fn share_copy(&self, class: &str) -> Option<CopyText> {
        (self.tools()?.share_copy)(self, class)
    }

    /// What the open dialog shows (nothing while it is closed): the codes, the preview's
    /// address and height, which boxes can be unticked, the status.
    pub fn dialog_writes(&self) -> Vec<Write> {
        let dialog = &self.share;
        if !dialog.open {
            return Vec::new();
        }
        let codes = self.share_codes();
        let options = &dialog.options;
        // The controls, written when the dialog first opens; the same markup each time after,
        // which the page's log of writes skips, so the boxes keep what the teacher ticked.
        let mut writes = vec![Write::Html("bpv-embed", dialog_body())];
        writes.extend(
            Code::ALL
                .iter()
                .map(|(code, class, _, _)| Write::Value(class, code.of(&codes).to_string())),
        );
        // A page opened from a file has no embed page beside it to preview.
        let served = !dialog.page.starts_with("file:");
        if served {
            let preview = format!("{}embed.html#{}", self.site_folder(), codes.hash);
            writes.push(Write::Attr("bpv-embed-preview", "src", preview));
        }
        let height = format!("height: {}px", options.height);
        writes.push(Write::Attr("bpv-embed-preview", "style", height));
        writes.push(Write::Flag("bpv-embed-preview-box", "hidden", !served));
        let status = if served || !dialog.status.is_empty() {
            dialog.status.clone()
        } else {
            "This page was opened from a file: the codes work once the site is on a web server (the preview needs it too).".into()
        };
        writes.push(Write::Text("bpv-embed-status", status));
        let no_quiz = options.quiz.is_none();
        let ask = options.quiz.as_deref().unwrap_or_default();
        writes.extend(last_ticked(
            &Panel::ALL,
            &PANEL_CLASSES,
            &options.panels,
            false,
        ));
        writes.extend(last_ticked(
            &Control::ALL,
            &CONTROL_CLASSES,
            &options.controls,
            false,
        ));
        writes.extend(last_ticked(&Phase::ALL, &PHASE_CLASSES, ask, no_quiz));
        writes.push(Write::Flag("bpv-embed-tolerance", "disabled", no_quiz));
        writes.push(Write::Flag("bpv-embed-exports", "disabled", no_quiz));
        writes
    }

    /// The text a copy button copies and what to say when the clipboard answers
    /// (`[copied, refused]`); `None` for any other class.
    pub fn dialog_copy(&self, class: &str) -> Option<CopyText> {
        let (code, _, _, _) = Code::ALL
            .iter()
            .find(|(_, _, button, _)| *button == class)?;
        Some((code.of(&self.share_codes()).to_string(), code.said()))
    }
}

/// Each checkbox of `all` (its class in `classes`) disabled when it is the one ticked left in
/// `ticked`, or when `off`.
fn last_ticked<T: PartialEq>(
    all: &[T],
    classes: &[&'static str],
    ticked: &[T],
    off: bool,
) -> Vec<Write> {
    all.iter()
        .zip(classes)
        .map(|(item, class)| {
            let last = ticked.len() == 1 && ticked.contains(item);
            Write::Flag(class, "disabled", off || last)
        })
        .collect()
}

/// The checkboxes' classes, one per panel, control group and phase (in their `ALL` orders),
/// each its own so that the writes reach it.
const PANEL_CLASSES: [&str; 5] = [
    "bpv-embed-panel-canvas",
    "bpv-embed-panel-controls",
    "bpv-embed-panel-explain",
    "bpv-embed-panel-editors",
    "bpv-embed-panel-table",
];
const CONTROL_CLASSES: [&str; 6] = [
    "bpv-embed-control-timeline",
    "bpv-embed-control-history",
    "bpv-embed-control-quiz",
    "bpv-embed-control-options",
    "bpv-embed-control-mode",
    "bpv-embed-control-exports",
];
const PHASE_CLASSES: [&str; 4] = [
    "bpv-embed-phase-forward",
    "bpv-embed-phase-loss",
    "bpv-embed-phase-backward",
    "bpv-embed-phase-update",
];

/// A checkbox with its label, ticked or not.
fn checkbox(h: &mut Html, class: &str, text: &str, on: bool) {
    let mut attrs = vec![("type", "checkbox"), ("class", class)];
    if on {
        attrs.push(("checked", ""));
    }
    h.open("label", &[("class", "bpv-embed-check")]);
    h.open("input", &attrs).text(text).close("label");
}

/// The dialog's heading, and its name for screen readers.
const DIALOG_TITLE: &str = "Put this in a course page";

/// The dialog in the widget's skeleton: a section, closed, with its heading and a loading line
/// (hidden from screen readers, which hear the widget's own message), in a box as tall as a
/// screen (`.bpv-embed-loading`). That is what shows when it is opened before the tools that
/// fill it have arrived: so that what is under it stays out of view when its controls come.
/// Its controls come with the tools ([`dialog_body`], written by [`Session::dialog_writes`]
/// when it first opens), so that their markup is not in the first module.
pub fn dialog(h: &mut Html) {
    let section = [
        ("class", "bpv-embed"),
        ("aria-label", DIALOG_TITLE),
        ("hidden", ""),
    ];
    h.open("section", &section).el("h3", &[], DIALOG_TITLE).el(
        "p",
        &[("class", "bpv-embed-loading"), ("aria-hidden", "true")],
        &Part::Tools.loading(),
    );
    h.close("section");
}

/// The dialog's controls, codes and preview, its boxes ticked as [`EmbedOptions::default`]
/// says (what the dialog's state is until they are first changed, which needs them on screen).
/// Always the same markup: the page writes it once.
fn dialog_body() -> String {
    let options = EmbedOptions::default();
    let mut html = Html::default();
    let h = &mut html;
    h.el("h3", &[], DIALOG_TITLE);
    h.el(
        "p",
        &[("class", "bpv-embed-help")],
        "Choose what the embed shows; the codes and the preview follow. Paste the iframe code into an HTML block of Moodle, Canvas or any course page.",
    );
    h.open("div", &[("class", "bpv-embed-options")]);
    h.open("fieldset", &[]).el("legend", &[], "Panels");
    for (panel, class) in Panel::ALL.iter().zip(PANEL_CLASSES) {
        checkbox(h, class, panel.title(), options.panels.contains(panel));
    }
    h.close("fieldset");
    h.open("fieldset", &[]).el("legend", &[], "Controls");
    for (group, class) in Control::ALL.iter().zip(CONTROL_CLASSES) {
        checkbox(h, class, group.title(), options.controls.contains(group));
    }
    h.close("fieldset");
    h.open("fieldset", &[]).el("legend", &[], "Look");
    h.labelled("bpv-inline", "Theme", |h| {
        let themes: Vec<(String, String)> = THEMES
            .iter()
            .map(|(_, name, text)| (name.to_string(), text.to_string()))
            .collect();
        h.select(&[("class", "bpv-embed-theme")], &themes, "auto");
    });
    let height = options.height.to_string();
    let (low, high) = (EMBED_HEIGHTS.0.to_string(), EMBED_HEIGHTS.1.to_string());
    h.labelled("bpv-inline", "Height (pixels)", |h| {
        let attrs = [
            ("class", "bpv-embed-height"),
            ("type", "number"),
            ("min", low.as_str()),
            ("max", high.as_str()),
            ("step", "10"),
            ("value", height.as_str()),
        ];
        h.open("input", &attrs);
    });
    checkbox(
        h,
        "bpv-embed-readonly",
        "Read-only (no editing)",
        options.readonly,
    );
    h.close("fieldset");
    h.open("fieldset", &[]).el("legend", &[], "Quiz");
    checkbox(h, "bpv-embed-quiz", "A quiz", options.quiz.is_some());
    for (phase, class) in Phase::ALL.iter().zip(PHASE_CLASSES) {
        checkbox(h, class, phase.title(), true);
    }
    h.labelled("bpv-inline", "Checked to", |h| {
        let mut digits = vec![(String::new(), "the digits shown".to_string())];
        digits.extend((2..=8).map(|d| (d.to_string(), format!("{d} digits"))));
        h.select(&[("class", "bpv-embed-tolerance")], &digits, "");
    });
    checkbox(
        h,
        "bpv-embed-exports",
        "Exports allowed during it",
        options.exports,
    );
    h.close("fieldset").close("div");
    h.open("div", &[("class", "bpv-embed-preview-box")]);
    h.el("h4", &[], "Preview: what the iframe shows");
    // The embed page of this same site: no sandbox (with both of the flags it needs, a
    // sandbox could be lifted by the page anyway, and browsers warn about it).
    let preview = [
        ("class", "bpv-embed-preview"),
        ("title", "Preview of the embed"),
    ];
    h.el("iframe", &preview, "").close("div");
    for (_, class, button, heading) in Code::ALL {
        h.open("div", &[("class", "bpv-embed-code")]);
        h.open("div", &[("class", "bpv-io-row")]);
        h.el("h4", &[], heading);
        h.button(button, "Copy", &format!("Copy: {heading}"));
        h.close("div");
        let attrs = [
            ("class", class),
            ("readonly", ""),
            ("rows", "3"),
            ("spellcheck", "false"),
            ("aria-label", heading),
        ];
        h.el("textarea", &attrs, "").close("div");
    }
    h.el(
        "p",
        &[("class", "bpv-embed-status"), ("role", "status")],
        "",
    );
    html.finish()
}
