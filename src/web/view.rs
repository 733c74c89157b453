//! The widget's DOM updated in place each frame: editors, canvas, panels, controls and the table
//! (the DOM itself is built by `view_dom.rs`).

use wasm_bindgen::{JsCast, JsValue};
use web_sys::Element;

use std::cell::RefCell;

use web_sys::HtmlCanvasElement;

use super::dom::clock;
use super::dom::{find, place, set_text};
use super::painter::paint;
pub use super::view_dom::{Dom, Editor};
use crate::edit::Field;
use crate::scene::{PlacementLog, Scene};
use crate::session::frame::exact;
use crate::session::writes::Write;
use crate::session::{Redraw, Session};

/// The last frame's timings in milliseconds (for benchmarks).
#[derive(Clone, Copy, Debug, Default)]
pub struct FrameTimes {
    /// The whole frame.
    pub whole: f64,
    /// Building the scene.
    pub scene: f64,
    /// Painting it.
    pub paint: f64,
    /// Writing the editors.
    pub editors: f64,
    /// Writing the panels.
    pub panels: f64,
}

/// The one-sample view in the page: its elements, the last scene drawn and what to redraw.
pub struct Screen {
    /// DOM handles.
    pub dom: Dom,
    /// The last scene drawn (for hit-testing and focus proxies).
    pub scene: Option<Scene>,
    /// Canvas size in CSS pixels.
    pub size: (f64, f64),
    /// Device pixel ratio.
    pub dpr: f64,
    /// What the next frame redraws: of the session's parts, the structure, editors, canvas
    /// and panels (the controls, layout and table are written when a command asks).
    pub dirty: Redraw,
    /// The step shown in the explanation panel at the last update.
    pub shown_step: Option<Option<usize>>,
    /// The last frame's timings.
    pub frame_ms: FrameTimes,
    /// Frames drawn so far.
    pub frames: u32,
    /// The last scene's label placements, which the next scene starts from.
    placements: RefCell<PlacementLog>,
    /// The targets the list of unlabelled values was last written for.
    listed: Vec<crate::scene::Target>,
}

impl Screen {
    /// The view of a freshly built widget: everything to draw.
    pub fn new(dom: Dom) -> Screen {
        Screen {
            dom,
            scene: None,
            size: (900.0, 480.0),
            dpr: 1.0,
            dirty: Redraw::all(),
            shown_step: None,
            frame_ms: FrameTimes::default(),
            frames: 0,
            placements: RefCell::default(),
            listed: Vec::new(),
        }
    }

    /// The network's picture for the current state at the canvas's size (see
    /// [`Session::scene`]).
    pub fn build(&self, session: &Session, describe: bool, numbers: bool, thumbs: bool) -> Scene {
        session.scene(
            self.size,
            describe,
            numbers,
            thumbs,
            &mut self.placements.borrow_mut(),
        )
    }

    /// Draws what is dirty: structure, editors, canvas, panels; `thumbs` are data-set mode's
    /// neuron maps, `numbers` whether the canvas writes its numbers. Returns whether the table
    /// was rebuilt (and must be filled by the slow lane).
    pub fn render(
        &mut self,
        session: &Session,
        thumbs: &[HtmlCanvasElement],
        numbers: bool,
    ) -> bool {
        let mut table_rebuilt = false;
        if self.dirty.structure {
            // The markup is the session's and the classes looked up are in it (a test on the
            // host says so), so this cannot fail short of a broken page.
            let _ = self.rebuild_structure(session, !thumbs.is_empty());
            table_rebuilt = true;
            self.dirty.structure = false;
            self.dirty.editors = true;
            self.dirty.panels = true;
        }
        let t0 = clock();
        // While training runs, the number boxes would change faster than anyone can read
        // them; they catch up when it pauses.
        if self.dirty.editors && !session.data.playing {
            self.update_editors(session);
            self.dirty.editors = false;
        }
        let t1 = clock();
        if self.dirty.canvas {
            self.draw_canvas(session, thumbs, numbers);
            self.dirty.canvas = false;
        }
        let t2 = clock();
        if self.dirty.panels && !session.data.playing {
            self.update_panels(session);
            self.dirty.panels = false;
        }
        self.update_controls(session);
        self.frame_ms.editors = t1 - t0;
        self.frame_ms.panels = clock() - t2;
        table_rebuilt
    }

    /// Lists the values the last drawing had no room to label (it is for reading, so it
    /// follows in the slow lane, as the table does); the canvas's `data-unlabelled` names them.
    pub fn update_unlabelled(&mut self, session: &Session) {
        let hidden = self
            .scene
            .as_ref()
            .map_or(&[][..], |scene| scene.hidden_labels.as_slice());
        self.dom.writer.apply(session.unlabelled_writes(hidden));
        self.listed = hidden.to_vec();
    }

    /// Whether the last drawing left other values unlabelled than the list names (a resize
    /// can draw after the list was written): the slow lane must run again.
    pub fn unlabelled_stale(&self) -> bool {
        self.scene
            .as_ref()
            .is_some_and(|s| s.hidden_labels != self.listed)
    }

    /// Gives each focus stand-in its target's current description (for screen readers).
    pub fn update_proxy_descriptions(&mut self, scene: &crate::scene::Scene) {
        let proxies = self.dom.proxies.children();
        for (k, anchor) in scene.anchors.iter().enumerate() {
            let Some(cached) = self.dom.proxy_cache.get_mut(k) else {
                break;
            };
            if cached.1 != anchor.description {
                if let Some(p) = proxies.item(k as u32) {
                    let _ = p.set_attribute("aria-label", &anchor.description);
                }
                cached.1.clone_from(&anchor.description);
            }
        }
    }

    fn draw_canvas(&mut self, session: &Session, thumbs: &[HtmlCanvasElement], numbers: bool) {
        let (w, h) = self.size;
        let px_w = (w * self.dpr).round().max(1.0) as u32;
        let px_h = (h * self.dpr).round().max(1.0) as u32;
        if self.dom.canvas.width() != px_w || self.dom.canvas.height() != px_h {
            self.dom.canvas.set_width(px_w);
            self.dom.canvas.set_height(px_h);
        }
        let started = clock();
        let scene = self.build(session, false, numbers, !thumbs.is_empty());
        let built = clock();
        let _ = paint(&self.dom.ctx, &scene, self.dpr, thumbs);
        self.frame_ms.scene = built - started;
        self.frame_ms.paint = clock() - built;
        // Keep the focus stand-ins on their targets (touching only those that moved: every
        // style write makes the browser lay the page out again).
        let proxies = self.dom.proxies.children();
        for (k, anchor) in scene.anchors.iter().enumerate() {
            let rect = [anchor.rect.x, anchor.rect.y, anchor.rect.w, anchor.rect.h];
            let moved = self.dom.proxy_cache.get(k).is_none_or(|c| c.0 != rect);
            if !moved {
                continue;
            }
            if let Some(p) = proxies.item(k as u32) {
                place(&p, rect[0], rect[1], rect[2], rect[3]);
                if let Some(c) = self.dom.proxy_cache.get_mut(k) {
                    c.0 = rect;
                }
            }
        }
        self.dom.writer.apply(session.canvas_writes(&scene));
        self.scene = Some(scene);
    }

    /// Shows the panels the options ask for; read-only hides everything that edits.
    pub fn apply_panels(&self, session: &Session) {
        self.dom.writer.apply(session.layout_writes());
    }

    fn rebuild_structure(&mut self, session: &Session, thumbs: bool) -> Result<(), JsValue> {
        self.apply_panels(session);
        let structure = session.structure(self.dom.id);
        self.dom.writer.apply(vec![
            Write::Text("bpv-title", session.scenario().title.clone()),
            Write::Text("bpv-description", session.scenario().description.clone()),
            Write::Html("bpv-sample", structure.samples.clone()),
            Write::Value("bpv-sample", session.sample().to_string()),
        ]);
        self.dom
            .sample
            .set_disabled(session.scenario().samples.len() < 2);
        // Written whatever was written before: after a refused choice its menus show the
        // scenario again, not what was picked.
        if let Some(body) = self.dom.writer.element("bpv-author-body") {
            super::dom::replace_html(&body, &structure.author);
        }
        // Focus stand-ins, in the scene's order (layer by layer).
        let scene = self.build(session, true, true, thumbs);
        self.dom.proxy_cache = scene
            .anchors
            .iter()
            .map(|a| ([f64::NAN; 4], a.description.clone()))
            .collect();
        let proxies = crate::session::markup::proxies(&scene.anchors);
        self.dom.proxies.set_inner_html(&proxies);
        // Editors: one row per field, in the session's order.
        self.dom.editors_box.set_inner_html(&structure.editors);
        let rows = self.dom.editors_box.query_selector_all(".bpv-field")?;
        self.dom.editors.clear();
        for (k, field) in session.fields().into_iter().enumerate() {
            let row: Element = rows
                .item(k as u32)
                .ok_or("an editor row per field")?
                .dyn_into()
                .map_err(|_| JsValue::from_str("editor row"))?;
            self.dom.editors.push(Editor {
                field,
                range: find(&row, "bpv-range")?,
                number: find(&row, "bpv-number")?,
                message: find(&row, "bpv-field-message")?,
                shown: None,
                said: String::new(),
            });
        }
        self.dom.table_body.set_inner_html(&structure.table);
        self.dom.table_cache = vec![Default::default(); session.plan().len()];
        Ok(())
    }

    /// Puts every field's value into its slider and number box (not the box being typed in).
    pub fn update_editors(&mut self, session: &Session) {
        let active = self
            .dom
            .root
            .owner_document()
            .and_then(|d| d.active_element());
        for editor in &mut self.dom.editors {
            let Some(value) = editor.field.get(session.scenario()) else {
                continue;
            };
            let (low, high) = editor.field.slider_range(session.scenario(), value);
            if editor.shown == Some((value, low, high)) {
                continue;
            }
            if editor.shown.map(|(_, l, h)| (l, h)) != Some((low, high)) {
                let _ = editor.range.set_attribute("min", &exact(low));
                let _ = editor.range.set_attribute("max", &exact(high));
                let _ = editor
                    .range
                    .set_attribute("step", &exact((high - low) / 600.0));
            }
            let text = exact(value);
            editor.range.set_value(&text);
            // Never overwrite what someone is typing.
            let typing = active.as_ref() == Some(editor.number.as_ref());
            if !typing {
                editor.number.set_value(&text);
            }
            let _ = editor.number.set_attribute("data-value", &text);
            editor.shown = if typing {
                None
            } else {
                Some((value, low, high))
            };
        }
    }

    /// Shows a message next to a field's box (empty clears it).
    pub fn field_message(&mut self, field: Field, text: &str) {
        for editor in &mut self.dom.editors {
            if editor.field != field || editor.said == text {
                continue;
            }
            set_text(&editor.message, text);
            let invalid = !text.is_empty();
            let _ = editor
                .number
                .class_list()
                .toggle_with_force("bpv-invalid", invalid);
            let _ = editor
                .number
                .set_attribute("aria-invalid", &invalid.to_string());
            editor.said = text.to_string();
        }
    }

    /// Play/pause, position, undo/redo and theme controls, from the session's view model.
    pub fn update_controls(&self, session: &Session) {
        self.dom.writer.apply(session.control_writes());
    }

    fn update_panels(&mut self, session: &Session) {
        self.shown_step = Some(session.timeline.current());
        let now = session.now_panel();
        let dom = &mut self.dom;
        dom.now_math.set(now.math);
        dom.now_factors.set(now.factors);
        dom.now_notes.set(now.notes);
        let detail = session.detail_panel();
        dom.detail_body.set(detail.body);
        dom.writer.apply(vec![
            Write::Text("bpv-now-head", now.head),
            Write::Text("bpv-plain", now.plain),
            Write::Text("bpv-detail-head", detail.head),
            Write::Text("bpv-live", now.sentence),
        ]);
        dom.writer.apply(session.answer_writes());
        self.update_quiz_panel(session);
    }

    /// Writes the table's cells that changed (compared with what was last written, in Rust).
    pub fn update_table(&mut self, session: &Session) {
        let rows = self.dom.table_body.children();
        for (i, wanted) in session.table_rows().into_iter().enumerate() {
            let (Some(row), Some(old)) = (rows.item(i as u32), self.dom.table_cache.get_mut(i))
            else {
                break;
            };
            if *old != wanted {
                row.set_inner_html(&crate::session::markup::table_cells(&wanted));
                let _ = row.set_attribute("data-symbol", &wanted.symbol);
                let _ = row.set_attribute("data-state", wanted.state);
                *old = wanted;
            }
        }
    }

    /// Writes the quiz panel: the question, its formula, the feedback and the score. Called
    /// after every command, so that the question is in the page before focus reaches the
    /// answer box; each part is written only when it changed.
    pub fn update_quiz_panel(&self, session: &Session) {
        self.dom.writer.apply(session.quiz_writes());
    }
}
