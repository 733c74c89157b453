//! The display list as SVG: the same picture as the canvas, as vectors (for print and export).

use super::{dash_pattern, Align, Scene, Shape};
use crate::explain::math::escape;

/// Renders a scene as a standalone SVG document.
pub fn to_svg(scene: &Scene) -> String {
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" \
         font-family=\"ui-monospace, SFMono-Regular, Menlo, Consolas, monospace\">\n",
        w = scene.width,
        h = scene.height
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
                "<line x1=\"{:.2}\" y1=\"{:.2}\" x2=\"{:.2}\" y2=\"{:.2}\" stroke=\"{}\" stroke-width=\"{:.2}\"{}{tag}/>\n",
                from.x,
                from.y,
                to.x,
                to.y,
                color.css(),
                width,
                if *dashed {
                    let (on, off) = dash_pattern(*width);
                    format!(" stroke-dasharray=\"{on:.1} {off:.1}\"")
                } else {
                    " stroke-linecap=\"round\"".to_string()
                }
            )),
            Shape::Circle { center, radius, fill, stroke, width, dashed } => out.push_str(&format!(
                "<circle cx=\"{:.2}\" cy=\"{:.2}\" r=\"{:.2}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"{:.2}\"{}{tag}/>\n",
                center.x,
                center.y,
                radius,
                fill.map_or("none".into(), |c| c.css()),
                stroke.map_or("none".into(), |c| c.css()),
                width,
                if *dashed { " stroke-dasharray=\"4 3\"" } else { "" }
            )),
            Shape::Rect { rect, corner, fill, stroke, width } => out.push_str(&format!(
                "<rect x=\"{:.2}\" y=\"{:.2}\" width=\"{:.2}\" height=\"{:.2}\" rx=\"{:.2}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"{:.2}\"/>\n",
                rect.x,
                rect.y,
                rect.w,
                rect.h,
                corner,
                fill.map_or("none".into(), |c| c.css()),
                stroke.map_or("none".into(), |c| c.css()),
                width
            )),
            // Heatmap thumbnails are pixels of the live page, not part of the vector picture.
            Shape::Thumb { .. } => {}
            Shape::Path { points, closed, fill, stroke, width, dash } => {
                let coords: Vec<String> =
                    points.iter().map(|p| format!("{:.2},{:.2}", p.x, p.y)).collect();
                out.push_str(&format!(
                    "<{} points=\"{}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"{:.2}\"{}/>\n",
                    if *closed { "polygon" } else { "polyline" },
                    coords.join(" "),
                    fill.map_or("none".into(), |c| c.css()),
                    stroke.map_or("none".into(), |c| c.css()),
                    width,
                    dash.map_or(String::new(), |(on, off)| format!(
                        " stroke-dasharray=\"{on:.1} {off:.1}\""
                    ))
                ))
            }
            Shape::Text { at, text, size, color, align, bold } => out.push_str(&format!(
                "<text x=\"{:.2}\" y=\"{:.2}\" font-size=\"{:.1}\" fill=\"{}\" text-anchor=\"{}\" dominant-baseline=\"central\"{}>{}</text>\n",
                at.x,
                at.y,
                size,
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
