//! The display list as SVG: the same picture as the canvas, as vectors (for print and export).

use super::{dash_pattern, Align, Scene, Shape};
use crate::decimal::{Fixed, Shortest};
use crate::explain::math::escape;

/// Renders a scene as a standalone SVG document.
pub fn to_svg(scene: &Scene) -> String {
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" \
         font-family=\"ui-monospace, SFMono-Regular, Menlo, Consolas, monospace\">\n",
        w = Shortest(scene.width),
        h = Shortest(scene.height)
    );
    out.push_str(&format!(
        "<rect width=\"100%\" height=\"100%\" fill=\"{}\"/>\n",
        scene.background.css()
    ));
    let mut tags = scene.tags.iter().peekable();
    for (k, shape) in scene.shapes.iter().enumerate() {
        let mut tag = String::new();
        while let Some((index, kind, name)) = tags.peek() {
            if *index < k {
                tags.next();
            } else {
                if *index == k {
                    tag = format!(" class=\"{}\" data-name=\"{}\"", escape(kind), escape(name));
                }
                break;
            }
        }
        match shape {
            Shape::Line { from, to, color, width, dashed } => out.push_str(&format!(
                "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"{}\"{}{tag}/>\n",
                Fixed(from.x, 2),
                Fixed(from.y, 2),
                Fixed(to.x, 2),
                Fixed(to.y, 2),
                color.css(),
                Fixed(*width, 2),
                if *dashed {
                    let (on, off) = dash_pattern(*width);
                    format!(" stroke-dasharray=\"{} {}\"", Fixed(on, 1), Fixed(off, 1))
                } else {
                    " stroke-linecap=\"round\"".to_string()
                }
            )),
            Shape::Circle { center, radius, fill, stroke, width, dashed } => out.push_str(&format!(
                "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"{}\"{}{tag}/>\n",
                Fixed(center.x, 2),
                Fixed(center.y, 2),
                Fixed(*radius, 2),
                fill.map_or("none".into(), |c| c.css()),
                stroke.map_or("none".into(), |c| c.css()),
                Fixed(*width, 2),
                if *dashed { " stroke-dasharray=\"4 3\"" } else { "" }
            )),
            Shape::Rect { rect, corner, fill, stroke, width } => out.push_str(&format!(
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"{}\"/>\n",
                Fixed(rect.x, 2),
                Fixed(rect.y, 2),
                Fixed(rect.w, 2),
                Fixed(rect.h, 2),
                Fixed(*corner, 2),
                fill.map_or("none".into(), |c| c.css()),
                stroke.map_or("none".into(), |c| c.css()),
                Fixed(*width, 2)
            )),
            // Heatmap thumbnails are pixels of the live page, not part of the vector picture.
            Shape::Thumb { .. } => {}
            Shape::Path { points, closed, fill, stroke, width, dash } => {
                let coords: Vec<String> =
                    points.iter().map(|p| format!("{},{}", Fixed(p.x, 2), Fixed(p.y, 2))).collect();
                out.push_str(&format!(
                    "<{} points=\"{}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"{}\"{}/>\n",
                    if *closed { "polygon" } else { "polyline" },
                    coords.join(" "),
                    fill.map_or("none".into(), |c| c.css()),
                    stroke.map_or("none".into(), |c| c.css()),
                    Fixed(*width, 2),
                    dash.map_or(String::new(), |(on, off)| format!(
                        " stroke-dasharray=\"{} {}\"",
                        Fixed(on, 1),
                        Fixed(off, 1)
                    ))
                ))
            }
            Shape::Text { at, text, size, color, align, bold } => out.push_str(&format!(
                "<text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{}\" text-anchor=\"{}\" dominant-baseline=\"central\"{}>{}</text>\n",
                Fixed(at.x, 2),
                Fixed(at.y, 2),
                Fixed(*size, 1),
                color.css(),
                match align {
                    Align::Left => "start",
                    Align::Center => "middle",
                    Align::Right => "end",
                },
                if *bold { " font-weight=\"bold\"" } else { "" },
                escape(text)
            )),
        }
    }
    out.push_str("</svg>\n");
    out
}
