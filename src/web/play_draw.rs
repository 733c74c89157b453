//! Drawing the data-set panel: the heatmap grids and images, the data plot, the loss chart and
//! the status line, once per frame when something changed.

use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};

use super::app::{clock, App};
use super::dom::{set_attr, set_text};
use crate::explain::number::number_text;
use crate::nn::data::EXTENT;
use crate::playground::{
    colors, neuron_heat_kind, output_pixels, thumb_pixels, thumb_side, Problem,
};
use crate::scene::ThemeName;

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

/// The test loss's line: class 0's orange.
const TEST_LINE: &str = "rgb(232,125,28)";

/// Maps a point of the plane to the plot (CSS pixels), and back.
fn to_plot(x1: f64, x2: f64, side: f64) -> (f64, f64) {
    (
        (x1 + EXTENT) / (2.0 * EXTENT) * side,
        (EXTENT - x2) / (2.0 * EXTENT) * side,
    )
}

pub(super) fn from_plot(px: f64, py: f64, side: f64) -> (f64, f64) {
    (
        px / side * 2.0 * EXTENT - EXTENT,
        EXTENT - py / side * 2.0 * EXTENT,
    )
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

/// Draws the plot's grid lines and data points on a transparent `ctx` of `side` CSS pixels.
fn draw_points(
    ctx: &CanvasRenderingContext2d,
    pg: &crate::playground::Playground,
    side: f64,
    dpr: f64,
    dark: bool,
) {
    let _ = ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
    ctx.clear_rect(0.0, 0.0, side * dpr, side * dpr);
    let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
    let ink = if dark {
        "rgba(230,233,240,0.35)"
    } else {
        "rgba(20,24,32,0.25)"
    };
    ctx.set_stroke_style_str(ink);
    ctx.set_line_width(1.0);
    ctx.begin_path();
    for k in -3..=3 {
        let v = f64::from(k) * 2.0;
        let (x, _) = to_plot(v, 0.0, side);
        let (_, y) = to_plot(0.0, v, side);
        ctx.move_to(x, 0.0);
        ctx.line_to(x, side);
        ctx.move_to(0.0, y);
        ctx.line_to(side, y);
    }
    ctx.stroke();
    let regression = pg.settings().problem == Problem::Regression;
    let neutral = if dark {
        colors::NEUTRAL_DARK
    } else {
        colors::NEUTRAL_LIGHT
    };
    for (test, set) in [(false, pg.train_set()), (true, pg.test_set())] {
        ctx.set_stroke_style_str(if test { "#111" } else { "#fff" });
        ctx.set_line_width(if test { 1.6 } else { 1.2 });
        for (p, label) in set.points.iter().zip(&set.labels) {
            let (x, y) = to_plot(p.0, p.1, side);
            let color = if regression {
                colors::diverging(*label, neutral)
            } else {
                colors::CLASSES[(*label as usize).min(2)]
            };
            ctx.set_fill_style_str(&rgb(color));
            ctx.begin_path();
            let r = 3.6;
            match (regression, *label as usize) {
                (false, 1) => ctx.rect(x - r, y - r, 2.0 * r, 2.0 * r),
                (false, 2) => {
                    ctx.move_to(x, y - r * 1.2);
                    ctx.line_to(x + r * 1.1, y + r * 0.9);
                    ctx.line_to(x - r * 1.1, y + r * 0.9);
                    ctx.close_path();
                }
                _ => {
                    let _ = ctx.arc(x, y, r, 0.0, std::f64::consts::TAU);
                }
            }
            ctx.fill();
            ctx.stroke();
        }
    }
}

fn rgb(c: [u8; 3]) -> String {
    format!("rgb({},{},{})", c[0], c[1], c[2])
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
        let px = (side * self.dpr).round() as u32;
        if dom.plot.width() != px || dom.plot.height() != px {
            dom.plot.set_width(px);
            dom.plot.set_height(px);
        }
        let ctx = &dom.plot_ctx;
        let _ = ctx.set_transform(self.dpr, 0.0, 0.0, self.dpr, 0.0, 0.0);
        ctx.set_image_smoothing_enabled(true);
        if let Some(image) = self.play.images.first() {
            let _ =
                ctx.draw_image_with_html_canvas_element_and_dw_and_dh(image, 0.0, 0.0, side, side);
        }
        let dark = self.session.view.theme == ThemeName::Dark;
        if let Some(layer) = &self.play.points_layer {
            let key = points_key(pg, px, dark);
            if self.play.points_key.get() != key {
                if layer.width() != px || layer.height() != px {
                    layer.set_width(px);
                    layer.set_height(px);
                }
                if let Some(layer_ctx) = context_2d(layer) {
                    draw_points(&layer_ctx, pg, side, self.dpr, dark);
                }
                self.play.points_key.set(key);
            }
            let _ = ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
            let _ = ctx.draw_image_with_html_canvas_element(layer, 0.0, 0.0);
            let _ = ctx.set_transform(self.dpr, 0.0, 0.0, self.dpr, 0.0, 0.0);
        } else {
            draw_points(ctx, pg, side, self.dpr, dark);
        }
        if let Some((x1, x2, _)) = pg.point(pg.pick) {
            let (x, y) = to_plot(x1, x2, side);
            ctx.set_stroke_style_str(if dark { "#ffd54a" } else { "#b8002e" });
            ctx.set_line_width(2.5);
            ctx.begin_path();
            let _ = ctx.arc(x, y, 8.0, 0.0, std::f64::consts::TAU);
            ctx.stroke();
            set_attr(
                &dom.plot,
                "data-pick",
                &format!(
                    "{}:{}",
                    if pg.pick.test { "test" } else { "train" },
                    pg.pick.index
                ),
            );
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
        let ctx = &dom.chart_ctx;
        let _ = ctx.set_transform(self.dpr, 0.0, 0.0, self.dpr, 0.0, 0.0);
        let dark = self.session.view.theme == ThemeName::Dark;
        ctx.set_fill_style_str(if dark { "#1b1f27" } else { "#fbfbfc" });
        ctx.fill_rect(0.0, 0.0, w, h);
        let history = pg.history();
        let top = history
            .iter()
            .flat_map(|p| [p.train, p.test])
            .filter(|v| v.is_finite())
            .fold(0.0f64, f64::max)
            .max(1e-9);
        let last = history.last().map_or(1.0, |p| p.epoch).max(1e-9);
        let pad = 4.0;
        let xy = |epoch: f64, v: f64| {
            (
                pad + epoch / last * (w - 2.0 * pad),
                h - pad - (v.min(top) / top) * (h - 2.0 * pad),
            )
        };
        for (test, color) in [
            (false, if dark { "#e6e9f0" } else { "#1f2430" }),
            (true, TEST_LINE),
        ] {
            ctx.set_stroke_style_str(color);
            ctx.set_line_width(1.8);
            let dash = if test {
                js_sys::Array::of2(&5.0.into(), &3.0.into())
            } else {
                js_sys::Array::new()
            };
            let _ = ctx.set_line_dash(&dash);
            ctx.begin_path();
            for (k, p) in history.iter().enumerate() {
                let (x, y) = xy(p.epoch, if test { p.test } else { p.train });
                if k == 0 {
                    ctx.move_to(x, y);
                } else {
                    ctx.line_to(x, y);
                }
            }
            ctx.stroke();
        }
        let _ = ctx.set_line_dash(&js_sys::Array::new());
        // The scale: the top of the vertical axis (it starts at 0) and the epochs across.
        ctx.set_font(&format!("10px {}", super::painter::FONT_FAMILY));
        ctx.set_text_baseline("middle");
        ctx.set_fill_style_str(if dark { "#aab1bf" } else { "#5b6270" });
        let (label, aria) = if history.len() < 2 {
            ctx.set_text_align("center");
            let _ = ctx.fill_text("Train to draw the losses here", w / 2.0, h / 2.0);
            (
                String::new(),
                "Training loss (solid) and test loss (dashed) by epoch: not trained yet"
                    .to_string(),
            )
        } else {
            let top_text = number_text(top, 2);
            let epochs = format!("{:.0}", last.floor());
            ctx.set_text_align("right");
            let _ = ctx.fill_text(&top_text, w - pad, pad + 6.0);
            let _ = ctx.fill_text(&format!("epoch {epochs}"), w - pad, h - pad - 6.0);
            ctx.set_text_align("left");
            let _ = ctx.fill_text("0", pad, h - pad - 6.0);
            (
                format!("0 to {top_text}, epochs 0 to {epochs}"),
                format!(
                    "Training loss (solid) and test loss (dashed) by epoch: from 0 to {top_text} on the vertical axis, epochs 0 to {epochs}"
                ),
            )
        };
        set_attr(&dom.chart, "aria-label", &aria);
        set_attr(&dom.chart, "data-scale", &label);
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
