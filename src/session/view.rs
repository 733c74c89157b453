//! The session's view state: options the user sets, the drag in progress, and whether the
//! widget can be seen.

use crate::edit::Field;
use crate::explain::render::PANEL_EM;
use crate::scene::{Target, ThemeName};
use crate::share::{Control, Panel};

/// How the widget shows things (none of this changes a number).
#[derive(Clone, Debug, PartialEq)]
pub struct ViewOptions {
    /// Light or dark.
    pub theme: ThemeName,
    /// Whether the user chose the theme (otherwise it follows the system).
    pub theme_chosen: bool,
    /// Significant digits shown, 2 to 8.
    pub digits: usize,
    /// How wide the explanation panel is, in ems of its formulas: a longer chain of equalities
    /// is set on rows.
    pub panel_em: f64,
    /// False when the user prefers reduced motion.
    pub motion: bool,
    /// Numbers and animation only: no editing.
    pub readonly: bool,
    /// The panels shown.
    pub panels: Vec<Panel>,
    /// The control groups shown.
    pub controls: Vec<Control>,
    /// A quiz offers the exports that give its answers away (a teacher's link says so).
    pub quiz_exports: bool,
}

impl Default for ViewOptions {
    fn default() -> ViewOptions {
        ViewOptions {
            theme: ThemeName::Light,
            theme_chosen: false,
            digits: 4,
            panel_em: PANEL_EM,
            motion: true,
            readonly: false,
            panels: Panel::ALL.to_vec(),
            controls: Control::ALL.to_vec(),
            quiz_exports: false,
        }
    }
}

/// Fewest and most significant digits shown.
pub const DIGITS: std::ops::RangeInclusive<usize> = 2..=8;

/// A drag on the canvas in progress.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Drag {
    /// What is being dragged.
    pub target: Target,
    /// The field the drag changes, if any (edges change weights, neurons their bias or input).
    pub field: Option<Field>,
    /// Where the drag started (CSS pixels, vertical).
    pub start_y: f64,
    /// The field's value when it started.
    pub start_value: f64,
    /// Whether the pointer moved enough to count as a drag rather than a click.
    pub moved: bool,
}

/// How far, in CSS pixels, the pointer must move before a press is a drag and not a click.
pub const DRAG_THRESHOLD_PX: f64 = 3.0;

/// How much a dragged value changes per pixel of vertical movement: normally, and fine (Shift
/// or Alt).
pub const DRAG_PER_PIXEL: (f64, f64) = (0.01, 0.001);

/// Rounds a dragged value to the drag's resolution (so that drags give tidy numbers).
pub fn round_to(value: f64, step: f64) -> f64 {
    let rounded = (value / step).round() * step;
    // Trim the binary noise of the multiplication (0.30000000000000004 → 0.3).
    let decimals = (-step.log10()).ceil().max(0.0) as i32 + 1;
    let scale = 10f64.powi(decimals);
    (rounded * scale).round() / scale
}

/// Whether the widget can be seen, and what was paused because it could not.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Visibility {
    /// Scrolled out of view.
    pub offscreen: bool,
    /// Its browser tab is hidden.
    pub tab_hidden: bool,
    /// The animation was paused because the widget went out of view.
    pub paused_animation: bool,
    /// Training was paused because the widget went out of view.
    pub paused_training: bool,
}

impl Visibility {
    /// Whether the widget can be seen.
    pub fn visible(&self) -> bool {
        !self.offscreen && !self.tab_hidden
    }
}

/// Which kind of not being seen a [`crate::session::Command::Seen`] reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sight {
    /// Scrolled into or out of view.
    Scrolled,
    /// The tab shown or hidden.
    Tab,
}

/// The explanation panel's width in ems of its formulas, from its width and font size in CSS
/// pixels: the panel's padding and border (26 px) and a margin of 8 come off; formulas are set
/// at 1.05 em. `None` for a hidden panel (width 0), which keeps the last width.
pub fn panel_em(width_px: f64, font_px: f64) -> Option<f64> {
    if width_px.is_nan() || width_px <= 0.0 {
        return None;
    }
    let font = if font_px.is_finite() && font_px > 0.0 {
        font_px
    } else {
        16.0
    };
    Some(((width_px - 34.0) / (1.05 * font)).max(8.0))
}
