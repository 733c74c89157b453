//! Data-set mode's panel in the page: the heatmap grids and images, the data plot, the loss
//! chart and the status line, drawn once per frame when something changed. What it shows is
//! the session's; the plot and the chart are display lists (`scene::plot`).

use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, Element, HtmlCanvasElement, ImageData};

use super::dom::{clock, context_2d, set_attr};
use super::painter::paint_shapes;
use super::play_dom::PlayDom;
use super::view_dom::Dom;
use crate::playground::colors;
use crate::scene::{plot, ThemeName};
use crate::session::{points_fingerprint, Session};

/// What drawing the panel asks of the network view.
#[derive(Clone, Copy, Debug, Default)]
pub struct PlayFrame {
    /// The network view must redraw (its neurons' maps changed).
    pub canvas: bool,
    /// Training stopped: the number boxes, the panels and the table catch up.
    pub catch_up: bool,
}

/// The last training frame's timings in milliseconds (for benchmarks).
#[derive(Clone, Copy, Debug, Default)]
pub struct TrainingTimes {
    /// Training.
    pub training: f64,
    /// Computing the maps.
    pub grids: f64,
    /// Drawing the plot and the chart.
    pub drawing: f64,
}

/// Data-set mode in the page: its panel and what the panel draws with (the mode's state is
/// the session's `data`).
pub struct PlayView {
    /// The panel's section (hidden in one-sample mode).
    pub section: Element,
    /// Its elements, once data-set mode has been entered (its part writes them).
    pub dom: Option<PlayDom>,
    /// The number boxes and the table have not followed training yet.
    pub behind: bool,
    /// While training a large network: this frame draws the network view (not the maps).
    pub turn: bool,
    /// While training a large network, on the maps' turn: the new thumbnails wait for the
    /// network view's turn (next frame) instead of redrawing it now.
    pub hold_network: bool,
    /// Every non-input neuron's grid, and its side.
    pub grids: Vec<Vec<f32>>,
    /// The side of `grids`.
    pub side: usize,
    /// The grids are out of date.
    pub grids_stale: bool,
    /// The panel needs drawing.
    pub dirty: bool,
    /// The set-up controls need rebuilding.
    pub setup_stale: bool,
    /// Offscreen canvases: the decision map first, then one per non-input neuron.
    pub images: Vec<HtmlCanvasElement>,
    /// Milliseconds of the last training frame.
    pub ms: TrainingTimes,
    /// The plot's side and the chart's size in CSS pixels, read at the start of a frame.
    pub plot_side: f64,
    /// The chart's width and height.
    pub chart_size: (f64, f64),
    /// Pixel buffer reused for the heatmaps.
    pixels: Vec<u8>,
    /// The plot's grid lines and data points, drawn once (an offscreen canvas), and what they
    /// were drawn for: redrawn only when the data, the size or the theme changes, so that a
    /// training frame draws the plot with two images instead of hundreds of shapes.
    points_layer: Option<HtmlCanvasElement>,
    points_key: std::cell::Cell<u64>,
}

impl PlayView {
    /// The panel in its empty `section`, nothing drawn yet.
    pub fn new(section: Element) -> PlayView {
        PlayView {
            section,
            dom: None,
            behind: false,
            turn: false,
            hold_network: false,
            grids: Vec::new(),
            side: 0,
            grids_stale: true,
            dirty: true,
            setup_stale: true,
            images: Vec::new(),
            ms: TrainingTimes::default(),
            plot_side: 300.0,
            chart_size: (300.0, 90.0),
            pixels: Vec::new(),
            points_layer: None,
            points_key: std::cell::Cell::new(0),
        }
    }

    /// Draws the panel when it changed: set-up, grids, plot, chart, status; and shows or
    /// hides it with the mode. `main` is the one-sample view's elements (its pickers and the
    /// root's attributes).
    pub fn render(&mut self, session: &mut Session, main: &Dom, dpr: f64) -> PlayFrame {
        match super::parts::play_drawing() {
            Some(draw) if session.data_mode() => draw(self, session, main, dpr),
            _ => {
                main.writer.apply(session.data_mode_writes());
                PlayFrame::default()
            }
        }
    }

    /// [`PlayView::render`] in data-set mode, which loads with the mode's part
    /// ([`super::parts::play_drawing`]).
    pub fn draw(&mut self, session: &mut Session, main: &Dom, dpr: f64) -> PlayFrame {
        let mut frame = PlayFrame::default();
        if !self.build_panel(main) {
            return frame;
        }
        // Shown before its size is read: a hidden panel has no size, and a plot drawn for the
        // fallback size would be blurry and map clicks with the wrong scale.
        main.writer.apply(session.data_mode_writes());
        let Some(dom) = &self.dom else {
            return frame;
        };
        if self.dirty {
            // Read the canvases' sizes before this frame writes to the DOM: reading layout
            // after a write forces the browser to lay out the whole page at once.
            self.plot_side = f64::from(dom.plot.client_width().max(160));
            self.chart_size = (
                f64::from(dom.chart.client_width().max(160)),
                f64::from(dom.chart.client_height().max(60)),
            );
        }
        // Training skips the number boxes and the table; they catch up once it stops.
        if session.data.playing {
            self.behind = true;
        } else if self.behind {
            self.behind = false;
            frame.catch_up = true;
        }
        if self.setup_stale {
            self.setup_stale = false;
            if let (Some(pg), Some(code)) = (&session.data.playground, session.data_code()) {
                let custom = pg
                    .custom()
                    .map(|_| pg.train_set().points.len() + pg.test_set().points.len());
                dom.build_setup(&code, pg.settings(), custom);
            }
        }
        if !self.dirty {
            return frame;
        }
        self.dirty = false;
        let started = clock();
        if self.grids_stale {
            frame.canvas |= self.update_grids(session, main);
        }
        let gridded = clock();
        self.draw_plot(session, dpr);
        self.draw_chart(session, dpr);
        main.writer.apply(session.data_status_writes());
        self.ms.grids = gridded - started;
        self.ms.drawing = clock() - gridded;
        frame
    }

    /// Writes the panel's contents into its section, the first time the mode is entered (or
    /// something is written to the panel before it first draws); whether the panel is there.
    /// The page's writer then looks again for the elements it had not found.
    pub fn build_panel(&mut self, main: &Dom) -> bool {
        if self.dom.is_some() {
            return true;
        }
        match PlayDom::build(&self.section) {
            Ok(dom) => self.dom = Some(dom),
            Err(e) => {
                let what = "backprop-viz: data-set mode's panel could not be built";
                web_sys::console::error_2(&what.into(), &e);
                return false;
            }
        }
        main.writer.content_added();
        true
    }

    /// Recomputes every neuron's grid and the heatmap images.
    /// Returns whether the network view must redraw (its thumbnails changed).
    fn update_grids(&mut self, session: &mut Session, main: &Dom) -> bool {
        let side = session.grid_side();
        let neutral = colors::neutral(session.view.theme == ThemeName::Dark);
        let Some(code) = session.data_code() else {
            return false;
        };
        let Some(pg) = session.data.playground.as_mut() else {
            return false;
        };
        self.grids = (code.grids)(pg, side);
        self.side = side;
        self.grids_stale = false;
        let settings = pg.settings().clone();
        let count = self.grids.len();
        let Some(doc) = main.root.owner_document() else {
            return false;
        };
        let canvas = || {
            doc.create_element("canvas")
                .ok()
                .and_then(|c| c.dyn_into::<HtmlCanvasElement>().ok())
        };
        if self.points_layer.is_none() {
            self.points_layer = canvas();
        }
        while self.images.len() < count + 1 {
            match canvas() {
                Some(c) => self.images.push(c),
                None => return false,
            }
        }
        let mut pixels = std::mem::take(&mut self.pixels);
        for k in 0..=count {
            let image_side =
                (code.map_pixels)(&settings, &self.grids, side, k, neutral, &mut pixels);
            let canvas = &self.images[k];
            if canvas.width() != image_side as u32 {
                canvas.set_width(image_side as u32);
                canvas.set_height(image_side as u32);
            }
            let image = ImageData::new_with_u8_clamped_array_and_sh(
                Clamped(&pixels),
                image_side as u32,
                image_side as u32,
            );
            if let (Ok(image), Ok(Some(ctx))) = (image, canvas.get_context("2d")) {
                if let Ok(ctx) = ctx.dyn_into::<CanvasRenderingContext2d>() {
                    let _ = ctx.put_image_data(&image, 0.0, 0.0);
                }
            }
        }
        self.pixels = pixels;
        !(self.hold_network && session.data.playing)
    }

    fn draw_plot(&self, session: &Session, dpr: f64) {
        let (Some(dom), Some(pg), Some(code)) =
            (&self.dom, &session.data.playground, session.data_code())
        else {
            return;
        };
        let side = self.plot_side;
        let px = (side * dpr).round() as u32;
        if dom.plot.width() != px || dom.plot.height() != px {
            dom.plot.set_width(px);
            dom.plot.set_height(px);
        }
        let ctx = &dom.plot_ctx;
        let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
        ctx.set_image_smoothing_enabled(true);
        if let Some(image) = self.images.first() {
            let _ =
                ctx.draw_image_with_html_canvas_element_and_dw_and_dh(image, 0.0, 0.0, side, side);
        }
        let dark = session.view.theme == ThemeName::Dark;
        // The points change far less often than the map under them: they are painted once
        // into a layer of their own, and each frame draws that layer as one image.
        if let Some(layer) = &self.points_layer {
            let key = points_fingerprint(pg, px, dark);
            if self.points_key.get() != key {
                if layer.width() != px || layer.height() != px {
                    layer.set_width(px);
                    layer.set_height(px);
                }
                if let Ok(layer_ctx) = context_2d(layer) {
                    let _ = layer_ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
                    layer_ctx.clear_rect(0.0, 0.0, f64::from(px), f64::from(px));
                    let _ = paint_shapes(&layer_ctx, &(code.points_layer)(pg, side, dark), dpr);
                }
                self.points_key.set(key);
            }
            let _ = ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
            let _ = ctx.draw_image_with_html_canvas_element(layer, 0.0, 0.0);
        } else {
            let _ = paint_shapes(ctx, &(code.points_layer)(pg, side, dark), dpr);
        }
        if let Some(ring) = (code.pick_ring)(pg, side, dark) {
            let _ = paint_shapes(ctx, &[ring], dpr);
            set_attr(&dom.plot, "data-pick", &plot::pick_name(pg.pick));
        }
    }

    fn draw_chart(&self, session: &Session, dpr: f64) {
        let (Some(dom), Some(pg), Some(code)) =
            (&self.dom, &session.data.playground, session.data_code())
        else {
            return;
        };
        let (w, h) = self.chart_size;
        let (pw, ph) = ((w * dpr).round() as u32, (h * dpr).round() as u32);
        if dom.chart.width() != pw || dom.chart.height() != ph {
            dom.chart.set_width(pw);
            dom.chart.set_height(ph);
        }
        let dark = session.view.theme == ThemeName::Dark;
        let chart = (code.loss_chart)(pg.history(), w, h, dark);
        let _ = paint_shapes(&dom.chart_ctx, &chart.shapes, dpr);
        set_attr(&dom.chart, "aria-label", &chart.description);
        set_attr(&dom.chart, "data-scale", &chart.scale);
    }

    /// The thumbnails drawn inside the network's neurons (data-set mode only).
    pub fn thumbnails(&self, session: &Session) -> &[HtmlCanvasElement] {
        if session.data_mode() && self.images.len() > 1 {
            &self.images[1..]
        } else {
            &[]
        }
    }
}
