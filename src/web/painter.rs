//! Paints a scene's display list on a 2D canvas. Dumb by design: every decision was made in
//! `scene`. It only remembers the context's current styles, to skip redundant calls into the
//! browser (each one crosses from wasm to JavaScript).

use crate::decimal::Fixed;
use std::f64::consts::TAU;

use wasm_bindgen::JsValue;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use crate::scene::{dash_pattern, line_order, Align, Color, Scene, Shape};

/// The font stack for canvas labels (monospace, so the scene's width estimates hold).
pub const FONT_FAMILY: &str =
    "ui-monospace, SFMono-Regular, Menlo, Consolas, \"DejaVu Sans Mono\", monospace";

/// The context's styles as last set.
#[derive(Default)]
struct State {
    fill: Option<Color>,
    stroke: Option<Color>,
    width: Option<f64>,
    dash: Option<(f64, f64)>,
    font: Option<(f64, bool)>,
    align: Option<Align>,
}

struct Painter<'a> {
    ctx: &'a CanvasRenderingContext2d,
    thumbs: &'a [HtmlCanvasElement],
    state: State,
    solid: js_sys::Array,
    /// CSS text of the colours used so far (a scene has a handful).
    css: Vec<(Color, String)>,
}

impl<'a> Painter<'a> {
    /// A painter on `ctx`, scaled by the device pixel ratio `dpr`.
    fn new(
        ctx: &'a CanvasRenderingContext2d,
        thumbs: &'a [HtmlCanvasElement],
        dpr: f64,
    ) -> Result<Painter<'a>, JsValue> {
        ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
        ctx.set_text_baseline("middle");
        Ok(Painter {
            ctx,
            thumbs,
            state: State::default(),
            solid: js_sys::Array::new(),
            css: Vec::new(),
        })
    }

    /// The CSS text of `c`, written once per colour and frame.
    fn css(&mut self, c: Color) -> usize {
        match self.css.iter().position(|(known, _)| *known == c) {
            Some(k) => k,
            None => {
                self.css.push((c, c.css()));
                self.css.len() - 1
            }
        }
    }

    fn fill(&mut self, c: Color) {
        if self.state.fill != Some(c) {
            let k = self.css(c);
            self.ctx.set_fill_style_str(&self.css[k].1);
            self.state.fill = Some(c);
        }
    }

    fn stroke(&mut self, c: Color, width: f64) {
        if self.state.stroke != Some(c) {
            let k = self.css(c);
            self.ctx.set_stroke_style_str(&self.css[k].1);
            self.state.stroke = Some(c);
        }
        if self.state.width != Some(width) {
            self.ctx.set_line_width(width);
            self.state.width = Some(width);
        }
    }

    /// Sets the dash pattern; `(0, 0)` is a solid line.
    fn dash(&mut self, pattern: (f64, f64)) -> Result<(), JsValue> {
        if self.state.dash != Some(pattern) {
            if pattern == (0.0, 0.0) {
                self.ctx.set_line_dash(&self.solid)?;
                self.ctx.set_line_cap("round");
            } else {
                self.ctx
                    .set_line_dash(&js_sys::Array::of2(&pattern.0.into(), &pattern.1.into()))?;
                self.ctx.set_line_cap("butt");
            }
            self.state.dash = Some(pattern);
        }
        Ok(())
    }

    fn font(&mut self, size: f64, bold: bool, align: Align) {
        if self.state.font != Some((size, bold)) {
            let weight = if bold { "bold " } else { "" };
            self.ctx
                .set_font(&format!("{weight}{}px {FONT_FAMILY}", Fixed(size, 1)));
            self.state.font = Some((size, bold));
        }
        if self.state.align != Some(align) {
            self.ctx.set_text_align(match align {
                Align::Left => "left",
                Align::Center => "center",
                Align::Right => "right",
            });
            self.state.align = Some(align);
        }
    }

    /// A rounded rectangle's path from four arcs (for browsers without `roundRect`).
    fn rounded_rect_by_arcs(&self, rect: &crate::scene::Rect, r: f64) -> Result<(), JsValue> {
        let ctx = self.ctx;
        ctx.move_to(rect.x + r, rect.y);
        ctx.arc_to(rect.x + rect.w, rect.y, rect.x + rect.w, rect.y + rect.h, r)?;
        ctx.arc_to(rect.x + rect.w, rect.y + rect.h, rect.x, rect.y + rect.h, r)?;
        ctx.arc_to(rect.x, rect.y + rect.h, rect.x, rect.y, r)?;
        ctx.arc_to(rect.x, rect.y, rect.x + rect.w, rect.y, r)?;
        ctx.close_path();
        Ok(())
    }

    /// Fills and then strokes the current path, each if asked (`dash`: the stroke's pattern).
    fn fill_and_stroke(
        &mut self,
        fill: Option<Color>,
        stroke: Option<Color>,
        width: f64,
        dash: (f64, f64),
    ) -> Result<(), JsValue> {
        if let Some(fill) = fill {
            self.fill(fill);
            self.ctx.fill();
        }
        if let Some(stroke) = stroke {
            self.dash(dash)?;
            self.stroke(stroke, width);
            self.ctx.stroke();
        }
        Ok(())
    }

    fn shape(&mut self, shape: &Shape) -> Result<(), JsValue> {
        let ctx = self.ctx;
        match shape {
            Shape::Line {
                from,
                to,
                color,
                width,
                dashed,
            } => {
                self.dash(if *dashed {
                    dash_pattern(*width)
                } else {
                    (0.0, 0.0)
                })?;
                self.stroke(*color, *width);
                ctx.begin_path();
                ctx.move_to(from.x, from.y);
                ctx.line_to(to.x, to.y);
                ctx.stroke();
            }
            Shape::Circle {
                center,
                radius,
                fill,
                stroke,
                width,
                dashed,
            } => {
                ctx.begin_path();
                ctx.arc(center.x, center.y, *radius, 0.0, TAU)?;
                let dash = if *dashed { (4.0, 3.0) } else { (0.0, 0.0) };
                self.fill_and_stroke(*fill, *stroke, *width, dash)?;
            }
            Shape::Rect {
                rect,
                corner,
                fill,
                stroke,
                width,
            } => {
                let r = corner.min(rect.w / 2.0).min(rect.h / 2.0).max(0.0);
                ctx.begin_path();
                // One call where the browser has `roundRect` (all current ones), four arcs
                // where it has not.
                if ctx
                    .round_rect_with_f64(rect.x, rect.y, rect.w, rect.h, r)
                    .is_err()
                {
                    self.rounded_rect_by_arcs(rect, r)?;
                }
                self.fill_and_stroke(*fill, *stroke, *width, (0.0, 0.0))?;
            }
            Shape::Thumb {
                index,
                center,
                radius,
            } => {
                // The image is already a disc (transparent outside): no clipping needed.
                if let Some(image) = self.thumbs.get(*index) {
                    ctx.draw_image_with_html_canvas_element_and_dw_and_dh(
                        image,
                        center.x - radius,
                        center.y - radius,
                        2.0 * radius,
                        2.0 * radius,
                    )?;
                }
            }
            Shape::Path {
                points,
                closed,
                fill,
                stroke,
                width,
                dash,
            } => {
                let Some((first, rest)) = points.split_first() else {
                    return Ok(());
                };
                ctx.begin_path();
                ctx.move_to(first.x, first.y);
                for p in rest {
                    ctx.line_to(p.x, p.y);
                }
                if *closed {
                    ctx.close_path();
                }
                self.fill_and_stroke(*fill, *stroke, *width, dash.unwrap_or((0.0, 0.0)))?;
            }
            Shape::Text {
                at,
                text,
                size,
                color,
                align,
                bold,
            } => {
                self.font(*size, *bold, *align);
                self.fill(*color);
                ctx.fill_text(text, at.x, at.y)?;
            }
        }
        Ok(())
    }
}

/// Draws `shapes` over what `ctx` holds, scaled by the device pixel ratio `dpr` (data-set
/// mode's plot and chart).
pub fn paint_shapes(
    ctx: &CanvasRenderingContext2d,
    shapes: &[Shape],
    dpr: f64,
) -> Result<(), JsValue> {
    let mut painter = Painter::new(ctx, &[], dpr)?;
    for shape in shapes {
        painter.shape(shape)?;
    }
    // The next painter starts from the context's defaults.
    ctx.set_line_dash(&painter.solid)?;
    Ok(())
}

/// Draws `scene` with `ctx`, scaled by the device pixel ratio `dpr` for crisp high-DPI output;
/// `thumbs` are the neurons' heatmap images for [`Shape::Thumb`].
///
/// The lines the display list starts with (the edges, under everything else) are drawn solid
/// ones first, in order, then the dashed ones grouped by width (rounded to a quarter pixel, so
/// that each group shares one dash pattern): setting a dash pattern is one of the costliest
/// canvas calls, and a large network has a hundred dashed (negative) edges.
pub fn paint(
    ctx: &CanvasRenderingContext2d,
    scene: &Scene,
    dpr: f64,
    thumbs: &[HtmlCanvasElement],
) -> Result<(), JsValue> {
    let mut painter = Painter::new(ctx, thumbs, dpr)?;
    painter.fill(scene.background);
    ctx.fill_rect(0.0, 0.0, scene.width, scene.height);
    let lines = scene
        .shapes
        .iter()
        .take_while(|s| matches!(s, Shape::Line { .. }))
        .count();
    let quarter = |width: f64| (width * 4.0).round();
    let order = line_order(&scene.shapes[..lines], quarter);
    for k in order {
        match &scene.shapes[k] {
            Shape::Line {
                from,
                to,
                color,
                width,
                dashed: true,
            } => painter.shape(&Shape::Line {
                from: *from,
                to: *to,
                color: *color,
                width: quarter(*width) / 4.0,
                dashed: true,
            })?,
            shape => painter.shape(shape)?,
        }
    }
    for shape in &scene.shapes[lines..] {
        painter.shape(shape)?;
    }
    Ok(())
}
