//! A checked answer's marks on the network: a small ✓ or ✗ badge at the corner of each place
//! whose numbers the answer gave (✗ when any of them is wrong). Colour is not the only sign: the
//! badge carries its symbol.

use super::theme::Theme;
use super::{Align, Scene, Shape};
use crate::explain::Place;

/// The badge's radius in CSS pixels.
pub const MARK_RADIUS: f64 = 8.0;

/// Adds the marks to a finished scene, at the top right of each place's label (an edge's
/// label says its numbers; its anchor is a point on the line), or of its anchor when it has no
/// label; a place with neither has no picture to mark.
pub fn add_marks(scene: &mut Scene, marks: &[(Place, bool)], theme: &Theme) {
    for (place, right) in marks {
        let label = scene
            .label_boxes
            .iter()
            .find(|(t, _)| t == place && matches!(place, Place::Weight { .. }))
            .map(|(_, r)| *r);
        let anchor = scene
            .anchors
            .iter()
            .find(|a| a.target == *place)
            .map(|a| a.rect);
        let Some(r) = label.or(anchor) else {
            continue;
        };
        let center = super::Point {
            x: (r.x + r.w).min(scene.width - MARK_RADIUS),
            y: r.y.max(MARK_RADIUS),
        };
        let fill = if *right {
            theme.positive
        } else {
            theme.warning
        };
        scene.shapes.push(Shape::Circle {
            center,
            radius: MARK_RADIUS,
            fill: Some(fill),
            stroke: Some(theme.background),
            width: 1.5,
            dashed: false,
        });
        scene.shapes.push(Shape::Text {
            at: center,
            text: if *right { "✓" } else { "✗" }.into(),
            size: 11.0,
            color: theme.background,
            align: Align::Center,
            bold: true,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Scenario;
    use crate::scene::{build_scene, ThemeName, Timeline, View};

    #[test]
    fn each_marked_place_gets_one_badge_with_its_symbol() {
        let exam = Scenario::preset("exam").expect("exam");
        let step = exam.step_trace();
        let plan = crate::explain::plan(&exam.layers);
        let timeline = Timeline::new(plan.iter().map(|(k, _)| *k).collect());
        let view = View {
            scenario: &exam,
            step: &step,
            sample: 0,
            plan: &plan,
            timeline: &timeline,
            theme: ThemeName::Light,
            width: 900.0,
            height: 480.0,
            digits: 4,
            motion: false,
            selected: None,
            hovered: None,
            focused: None,
            describe: false,
            thumbnails: false,
            numbers: true,
        };
        let mut scene = build_scene(&view);
        let before = scene.shapes.len();
        let h1 = Place::Neuron { layer: 1, index: 0 };
        let w3 = Place::Weight {
            layer: 0,
            from: 0,
            to: 1,
        };
        add_marks(
            &mut scene,
            &[(h1, true), (w3, false)],
            &Theme::named(ThemeName::Light),
        );
        let texts: Vec<&str> = scene.shapes[before..]
            .iter()
            .filter_map(|s| match s {
                Shape::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(texts, ["✓", "✗"]);
        for s in &scene.shapes[before..] {
            if let Shape::Circle { center, .. } = s {
                assert!(center.x <= 900.0 - MARK_RADIUS && center.y >= MARK_RADIUS);
            }
        }
    }
}
