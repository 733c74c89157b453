//! Drawing the data-set panel: the heatmap grids and images, the data plot, the loss chart and
//! the status line, once per frame when something changed.

use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};

use super::app::{clock, App};
use super::dom::{set_attr, set_text};
use super::painter::paint_shapes;
use crate::explain::number::number_text;
use crate::playground::{
    colors, neuron_heat_kind, output_pixels, thumb_pixels, thumb_side, Problem,
};
use crate::scene::{plot, ThemeName};

/// Grid side of the heatmaps when idle, and while training a large network.
pub const GRID_SIDE: (usize, usize) = (100, 50);
/// Weights above which training frames use the coarser grid.
pub(super) const COARSE_ABOVE_WEIGHTS: usize = 150;
/// Whether the data-set network has more than [`COARSE_ABOVE_WEIGHTS`] weights: while it
/// trains, frames take turns, the grids are coarser and the network view leaves out its numbers.
pub(super) fn large_network(pg: &crate::playground::Playground) -> bool {
    let weights: usize = pg
        .settings()
        .layer_sizes()
        .windows(2)
        .map(|w| w[0] * w[1])
        .sum();
    weights > COARSE_ABOVE_WEIGHTS
}

/// A fingerprint of what the plot's points layer shows: the points, their labels, their sets,
/// the problem type, the size in pixels and the theme.
fn points_key(pg: &crate::playground::Playground, px: u32, dark: bool) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut mix = |v: u64| {
        h ^= v;
        h = h.wrapping_mul(0x0100_0000_01b3);
    };
    mix(u64::from(px));
    mix(u64::from(dark));
    mix(u64::from(pg.settings().problem == Problem::Regression));
    for set in [pg.train_set(), pg.test_set()] {
        mix(set.points.len() as u64);
        for (p, label) in set.points.iter().zip(&set.labels) {
            mix(p.0.to_bits());
            mix(p.1.to_bits());
            mix(label.to_bits());
        }
    }
    h | 1
}

/// The 2D context of an offscreen canvas.
fn context_2d(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok()??.dyn_into().ok()
}

impl App {
    /// Draws the panel when it changed: set-up, grids, plot, chart, status.
    pub fn render_play(&mut self) {
        let data = self.session.data_mode();
        let Some(dom) = &self.play_dom else { return };
        if data && self.play.dirty {
            // Read the canvases' sizes before this frame writes to the DOM: reading layout
            // after a write forces the browser to lay out the whole page at once.
            self.play.plot_side = f64::from(dom.plot.client_width().max(160));
            self.play.chart_size = (
                f64::from(dom.chart.client_width().max(160)),
                f64::from(dom.chart.client_height().max(60)),
            );
        }
        // The scenario picker also goes in a quiz and in a read-only widget (see
        // `apply_panels`), the sample picker only in data-set mode.
        let editing = !self.session.view.readonly && self.session.quiz.is_none();
        for (picker, hide) in [
            (&self.dom.preset, data || !editing),
            (&self.dom.sample, data),
        ] {
            if let Some(label) = picker.parent_element() {
                if label.has_attribute("hidden") != hide {
                    let _ = if hide {
                        label.set_attribute("hidden", "")
                    } else {
                        label.remove_attribute("hidden")
                    };
                }
            }
        }
        set_attr(
            &dom.modes[0],
            "aria-pressed",
            if data { "false" } else { "true" },
        );
        set_attr(
            &dom.modes[1],
            "aria-pressed",
            if data { "true" } else { "false" },
        );
        if !data {
            if !dom.section.has_attribute("hidden") {
                let _ = dom.section.set_attribute("hidden", "");
            }
            set_attr(&self.dom.root, "data-mode", "sample");
            return;
        }
        if dom.section.has_attribute("hidden") {
            let _ = dom.section.remove_attribute("hidden");
        }
        // Training skips the number boxes and the table; they catch up once it stops.
        if self.session.data.playing {
            self.play.behind = true;
        } else if self.play.behind {
            self.play.behind = false;
            self.dirty.editors = true;
            self.dirty.panels = true;
            self.mark_slow();
        }
        let Some(dom) = &self.play_dom else { return };
        set_attr(&self.dom.root, "data-mode", "data");
        set_text(&self.dom.title, &self.session.scenario().title);
        set_text(&self.dom.description, &self.session.scenario().description);
        set_text(
            &dom.train,
            if self.session.data.playing {
                crate::session::frame::PAUSE
            } else {
                "▶ Train"
            },
        );
        set_attr(
            &dom.train,
            "aria-pressed",
            if self.session.data.playing {
                "true"
            } else {
                "false"
            },
        );
        if self.play.setup_stale {
            self.play.setup_stale = false;
            if let (Some(doc), Some(pg)) =
                (dom.section.owner_document(), &self.session.data.playground)
            {
                let _ = dom.build_setup(&doc, pg.settings());
            }
        }
        if !self.play.dirty {
            return;
        }
        self.play.dirty = false;
        let started = clock();
        if self.play.grids_stale {
            self.update_grids();
        }
        let gridded = clock();
        self.draw_plot();
        self.draw_chart();
        self.update_status();
        self.play.ms.grids = gridded - started;
        self.play.ms.drawing = clock() - gridded;
    }

    /// Recomputes every neuron's grid and the heatmap images.
    fn update_grids(&mut self) {
        let Some(pg) = self.session.data.playground.as_mut() else {
            return;
        };
        let side = if self.session.data.playing && large_network(pg) {
            GRID_SIDE.1
        } else {
            GRID_SIDE.0
        };
        self.play.grids = pg.grids(side);
        self.play.side = side;
        self.play.grids_stale = false;
        let neutral = if self.session.view.theme == ThemeName::Dark {
            colors::NEUTRAL_DARK
        } else {
            colors::NEUTRAL_LIGHT
        };
        let settings = pg.settings().clone();
        let outputs = settings.outputs();
        let count = self.play.grids.len();
        let Some(doc) = self.dom.root.owner_document() else {
            return;
        };
        if self.play.points_layer.is_none() {
            self.play.points_layer = doc
                .create_element("canvas")
                .ok()
                .and_then(|c| c.dyn_into::<HtmlCanvasElement>().ok());
        }
        while self.play.images.len() < count + 1 {
            match doc
                .create_element("canvas")
                .ok()
                .and_then(|c| c.dyn_into::<HtmlCanvasElement>().ok())
            {
                Some(c) => self.play.images.push(c),
                None => return,
            }
        }
        let mut pixels = std::mem::take(&mut self.play.pixels);
        pixels.resize(side * side * 4, 0);
        let acts = settings.all_activations();
        let sizes = settings.layer_sizes();
        let mut layer_of = Vec::with_capacity(count);
        for (l, &n) in sizes.iter().enumerate().skip(1) {
            layer_of.extend(std::iter::repeat_n(l, n));
        }
        for k in 0..=count {
            let image_side = if k == 0 {
                pixels.resize(side * side * 4, 0);
                output_pixels(
                    &settings,
                    &self.play.grids[count - outputs..],
                    neutral,
                    &mut pixels,
                );
                side
            } else {
                let act = acts[layer_of[k - 1] - 1];
                thumb_pixels(
                    &self.play.grids[k - 1],
                    side,
                    neuron_heat_kind(act),
                    neutral,
                    &mut pixels,
                );
                thumb_side(side).0
            };
            let canvas = &self.play.images[k];
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
        self.play.pixels = pixels;
        if !(self.play.hold_network && self.session.data.playing) {
            self.dirty.canvas = true;
        }
    }

    fn draw_plot(&self) {
        let (Some(dom), Some(pg)) = (&self.play_dom, &self.session.data.playground) else {
            return;
        };
        let side = self.play.plot_side;
        let dpr = self.dpr;
        let px = (side * dpr).round() as u32;
        if dom.plot.width() != px || dom.plot.height() != px {
            dom.plot.set_width(px);
            dom.plot.set_height(px);
        }
        let ctx = &dom.plot_ctx;
        let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
        ctx.set_image_smoothing_enabled(true);
        if let Some(image) = self.play.images.first() {
            let _ =
                ctx.draw_image_with_html_canvas_element_and_dw_and_dh(image, 0.0, 0.0, side, side);
        }
        let dark = self.session.view.theme == ThemeName::Dark;
        // The points change far less often than the map under them: they are painted once
        // into a layer of their own, and each frame draws that layer as one image.
        if let Some(layer) = &self.play.points_layer {
            let key = points_key(pg, px, dark);
            if self.play.points_key.get() != key {
                if layer.width() != px || layer.height() != px {
                    layer.set_width(px);
                    layer.set_height(px);
                }
                if let Some(layer_ctx) = context_2d(layer) {
                    let _ = layer_ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
                    layer_ctx.clear_rect(0.0, 0.0, f64::from(px), f64::from(px));
                    let _ = paint_shapes(&layer_ctx, &plot::points_layer(pg, side, dark), dpr);
                }
                self.play.points_key.set(key);
            }
            let _ = ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
            let _ = ctx.draw_image_with_html_canvas_element(layer, 0.0, 0.0);
        } else {
            let _ = paint_shapes(ctx, &plot::points_layer(pg, side, dark), dpr);
        }
        if let Some(ring) = plot::pick_ring(pg, side, dark) {
            let _ = paint_shapes(ctx, &[ring], dpr);
            set_attr(&dom.plot, "data-pick", &plot::pick_name(pg.pick));
        }
    }

    fn draw_chart(&self) {
        let (Some(dom), Some(pg)) = (&self.play_dom, &self.session.data.playground) else {
            return;
        };
        let (w, h) = self.play.chart_size;
        let (pw, ph) = ((w * self.dpr).round() as u32, (h * self.dpr).round() as u32);
        if dom.chart.width() != pw || dom.chart.height() != ph {
            dom.chart.set_width(pw);
            dom.chart.set_height(ph);
        }
        let dark = self.session.view.theme == ThemeName::Dark;
        let chart = plot::loss_chart(pg.history(), w, h, dark);
        let _ = paint_shapes(&dom.chart_ctx, &chart.shapes, self.dpr);
        set_attr(&dom.chart, "aria-label", &chart.description);
        set_attr(&dom.chart, "data-scale", &chart.scale);
    }

    fn update_status(&mut self) {
        let Some(pg) = self.session.data.playground.as_mut() else {
            return;
        };
        let (train, test) = pg
            .history()
            .last()
            .map_or((f64::NAN, f64::NAN), |p| (p.train, p.test));
        let epoch = pg.epoch();
        let acc = (pg.accuracy(false), pg.accuracy(true));
        let diverged = pg.diverged().map(|d| d.path.clone());
        let Some(dom) = &self.play_dom else { return };
        let digits = self.session.view.digits;
        let mut text = format!("Epoch {:.0}", epoch.floor());
        if let (Some(a), Some(b)) = acc {
            text.push_str(&format!(
                " · accuracy {:.0}% train, {:.0}% test",
                a * 100.0,
                b * 100.0
            ));
        }
        set_text(&dom.status, &text);
        set_attr(&dom.section, "data-epoch", &format!("{epoch}"));
        set_attr(&dom.section, "data-train-loss", &format!("{train}"));
        set_attr(&dom.section, "data-test-loss", &format!("{test}"));
        set_text(
            &dom.chart_legend,
            &format!(
                "Loss: training {} (solid) · test {} (dashed)",
                number_text(train, digits),
                number_text(test, digits)
            ),
        );
        if let Some(path) = diverged {
            set_text(
                &dom.alert,
                &format!("Training stopped: {path} stopped being a finite number (the learning rate is too high). The last finite weights are shown; lower the learning rate or reset the weights."),
            );
            set_attr(&dom.section, "data-diverged", "true");
        } else {
            set_attr(&dom.section, "data-diverged", "false");
        }
    }

    /// The thumbnails drawn inside the network's neurons (data-set mode only).
    pub fn thumbnails(&self) -> &[HtmlCanvasElement] {
        if self.session.data_mode() && self.play.images.len() > 1 {
            &self.play.images[1..]
        } else {
            &[]
        }
    }
}
