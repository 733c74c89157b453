//! Colours and scales: the palette of each theme, an edge's colour by sign and width by |w|,
//! a neuron's fill by its activation.
//!
//! The two sign colours are blue and orange, which stay apart under the common colour-vision
//! deficiencies; negative weights are also drawn dashed, so sign never rests on colour alone.

use crate::decimal::Fixed;
use crate::nn::clamp;

/// An sRGB colour with alpha.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Color {
    /// Red, 0–255.
    pub r: u8,
    /// Green, 0–255.
    pub g: u8,
    /// Blue, 0–255.
    pub b: u8,
    /// Opacity, 0–1.
    pub a: f64,
}

impl Color {
    /// An opaque colour from `0xRRGGBB`.
    pub const fn hex(rgb: u32) -> Color {
        Color {
            r: (rgb >> 16) as u8,
            g: (rgb >> 8) as u8,
            b: rgb as u8,
            a: 1.0,
        }
    }

    /// The same colour with opacity `a`.
    pub fn with_alpha(self, a: f64) -> Color {
        Color {
            a: clamp(a, 0.0, 1.0),
            ..self
        }
    }

    /// Linear mix: `t = 0` gives `self`, `t = 1` gives `other`.
    pub fn mix(self, other: Color, t: f64) -> Color {
        let t = if t.is_finite() {
            clamp(t, 0.0, 1.0)
        } else {
            0.0
        };
        let lerp = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * t).round() as u8;
        Color {
            r: lerp(self.r, other.r),
            g: lerp(self.g, other.g),
            b: lerp(self.b, other.b),
            a: self.a + (other.a - self.a) * t,
        }
    }

    /// As a CSS colour string.
    pub fn css(self) -> String {
        if self.a >= 1.0 {
            format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
        } else {
            format!(
                "rgba({},{},{},{})",
                self.r,
                self.g,
                self.b,
                Fixed(self.a, 3)
            )
        }
    }
}

/// Light or dark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThemeName {
    /// Dark text on white.
    Light,
    /// Light text on near-black.
    Dark,
}

/// The colours a scene is drawn with.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Theme {
    /// Canvas background.
    pub background: Color,
    /// Main text and outlines.
    pub text: Color,
    /// Secondary text.
    pub muted: Color,
    /// Positive weights and values.
    pub positive: Color,
    /// Negative weights and values.
    pub negative: Color,
    /// Gradients (∂J/∂w, δ).
    pub gradient: Color,
    /// The current step and the selection.
    pub highlight: Color,
    /// Neuron fill at zero activation.
    pub neuron: Color,
    /// Neuron fill at full activation.
    pub active: Color,
    /// Label backgrounds.
    pub label_bg: Color,
    /// Inactive (dead ReLU) neurons.
    pub dead: Color,
    /// Overflowed numbers.
    pub warning: Color,
}

impl Theme {
    /// The palette for a theme.
    pub fn named(name: ThemeName) -> Theme {
        match name {
            ThemeName::Light => Theme {
                background: Color::hex(0xffffff),
                text: Color::hex(0x1b1f24),
                muted: Color::hex(0x57606a),
                positive: Color::hex(0x1f5fa8),
                negative: Color::hex(0xc25a00),
                gradient: Color::hex(0xa2207a),
                highlight: Color::hex(0xe0a800),
                neuron: Color::hex(0xf3f5f8),
                active: Color::hex(0x7fb2e5),
                label_bg: Color::hex(0xffffff).with_alpha(0.92),
                dead: Color::hex(0xb8bec6),
                warning: Color::hex(0xc0001a),
            },
            ThemeName::Dark => Theme {
                background: Color::hex(0x15181d),
                text: Color::hex(0xe6e9ed),
                muted: Color::hex(0xa3acb7),
                positive: Color::hex(0x73b3f0),
                negative: Color::hex(0xffa64d),
                gradient: Color::hex(0xf48fd0),
                highlight: Color::hex(0xffd54f),
                neuron: Color::hex(0x262b33),
                active: Color::hex(0x2f6db0),
                label_bg: Color::hex(0x15181d).with_alpha(0.9),
                dead: Color::hex(0x4a515b),
                warning: Color::hex(0xff6b7a),
            },
        }
    }

    /// The colour of a weight (or any signed value) by its sign.
    pub fn sign_color(&self, value: f64) -> Color {
        if value < 0.0 {
            self.negative
        } else {
            self.positive
        }
    }

    /// A neuron's fill for activation strength `t` in [0, 1].
    pub fn fill(&self, t: f64) -> Color {
        self.neuron.mix(self.active, t)
    }
}

/// Thinnest edge, in CSS pixels.
pub const MIN_EDGE_WIDTH: f64 = 1.0;
/// Thickest edge, in CSS pixels.
pub const MAX_EDGE_WIDTH: f64 = 8.0;

/// An edge's width: proportional to `|w| / max|w|` between the two bounds (non-finite counts as max).
pub fn edge_width(weight: f64, max_abs: f64) -> f64 {
    let ratio = if !weight.is_finite() {
        1.0
    } else if max_abs.is_finite() && max_abs > 0.0 {
        clamp(weight.abs() / max_abs, 0.0, 1.0)
    } else {
        0.0
    };
    MIN_EDGE_WIDTH + (MAX_EDGE_WIDTH - MIN_EDGE_WIDTH) * ratio
}

/// How strongly a neuron is filled: `|a| / max(1, max|a|)`, in [0, 1].
pub fn activation_strength(a: f64, max_abs: f64) -> f64 {
    if !a.is_finite() {
        return 1.0;
    }
    clamp(a.abs() / max_abs.max(1.0), 0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edge_width_grows_with_the_weight_and_stays_in_bounds() {
        let widths: Vec<f64> = [0.0, 0.1, 0.3, 0.5, 0.8]
            .iter()
            .map(|w| edge_width(*w, 0.8))
            .collect();
        assert!(widths.windows(2).all(|p| p[0] < p[1]), "{widths:?}");
        assert_eq!(edge_width(0.0, 0.8), MIN_EDGE_WIDTH);
        assert_eq!(edge_width(-0.8, 0.8), MAX_EDGE_WIDTH);
        assert_eq!(edge_width(5.0, 0.8), MAX_EDGE_WIDTH);
        assert_eq!(edge_width(f64::NAN, 0.8), MAX_EDGE_WIDTH);
        assert_eq!(edge_width(0.3, 0.0), MIN_EDGE_WIDTH);
    }

    #[test]
    fn sign_decides_the_colour() {
        for name in [ThemeName::Light, ThemeName::Dark] {
            let t = Theme::named(name);
            assert_eq!(t.sign_color(0.3), t.positive);
            assert_eq!(t.sign_color(-0.5), t.negative);
            assert_ne!(t.positive, t.negative);
        }
    }

    #[test]
    fn activation_strength_is_clamped() {
        assert_eq!(activation_strength(0.0, 0.8), 0.0);
        assert_eq!(activation_strength(0.8, 0.8), 0.8);
        assert_eq!(activation_strength(3.0, 6.0), 0.5);
        assert_eq!(activation_strength(f64::INFINITY, 1.0), 1.0);
    }

    #[test]
    fn colours_print_as_css() {
        assert_eq!(Color::hex(0x1f5fa8).css(), "#1f5fa8");
        assert_eq!(
            Color::hex(0xffffff).with_alpha(0.5).css(),
            "rgba(255,255,255,0.500)"
        );
    }
}
