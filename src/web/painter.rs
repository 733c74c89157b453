//! Paints a scene's display list on a 2D canvas. Dumb by design: every decision was made in `scene`.

use std::f64::consts::TAU;

use wasm_bindgen::JsValue;
use web_sys::CanvasRenderingContext2d;

use crate::scene::{dash_pattern, Align, Scene, Shape};

/// The font stack for canvas labels (monospace, so the scene's width estimates hold).
pub const FONT_FAMILY: &str =
    "ui-monospace, SFMono-Regular, Menlo, Consolas, \"DejaVu Sans Mono\", monospace";

/// Draws `scene` with `ctx`, scaled by the device pixel ratio `dpr` for crisp high-DPI output.
pub fn paint(ctx: &CanvasRenderingContext2d, scene: &Scene, dpr: f64) -> Result<(), JsValue> {
    ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
    ctx.set_fill_style_str(&scene.background.css());
    ctx.fill_rect(0.0, 0.0, scene.width, scene.height);
    let solid = js_sys::Array::new();
    for shape in &scene.shapes {
        match shape {
            Shape::Line {
                from,
                to,
                color,
                width,
                dashed,
            } => {
                if *dashed {
                    let (on, off) = dash_pattern(*width);
                    let pattern = js_sys::Array::of2(&on.into(), &off.into());
                    ctx.set_line_dash(&pattern)?;
                    ctx.set_line_cap("butt");
                } else {
                    ctx.set_line_dash(&solid)?;
                    ctx.set_line_cap("round");
                }
                ctx.set_stroke_style_str(&color.css());
                ctx.set_line_width(*width);
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
                if let Some(fill) = fill {
                    ctx.set_fill_style_str(&fill.css());
                    ctx.fill();
                }
                if let Some(stroke) = stroke {
                    if *dashed {
                        ctx.set_line_dash(&js_sys::Array::of2(&4.0.into(), &3.0.into()))?;
                    } else {
                        ctx.set_line_dash(&solid)?;
                    }
                    ctx.set_stroke_style_str(&stroke.css());
                    ctx.set_line_width(*width);
                    ctx.stroke();
                }
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
                ctx.move_to(rect.x + r, rect.y);
                ctx.arc_to(rect.x + rect.w, rect.y, rect.x + rect.w, rect.y + rect.h, r)?;
                ctx.arc_to(rect.x + rect.w, rect.y + rect.h, rect.x, rect.y + rect.h, r)?;
                ctx.arc_to(rect.x, rect.y + rect.h, rect.x, rect.y, r)?;
                ctx.arc_to(rect.x, rect.y, rect.x + rect.w, rect.y, r)?;
                ctx.close_path();
                if let Some(fill) = fill {
                    ctx.set_fill_style_str(&fill.css());
                    ctx.fill();
                }
                if let Some(stroke) = stroke {
                    ctx.set_line_dash(&solid)?;
                    ctx.set_stroke_style_str(&stroke.css());
                    ctx.set_line_width(*width);
                    ctx.stroke();
                }
            }
            Shape::Text {
                at,
                text,
                size,
                color,
                align,
                bold,
            } => {
                let weight = if *bold { "bold " } else { "" };
                ctx.set_font(&format!("{weight}{size:.1}px {FONT_FAMILY}"));
                ctx.set_text_align(match align {
                    Align::Left => "left",
                    Align::Center => "center",
                    Align::Right => "right",
                });
                ctx.set_text_baseline("middle");
                ctx.set_fill_style_str(&color.css());
                ctx.fill_text(text, at.x, at.y)?;
            }
        }
    }
    Ok(())
}
