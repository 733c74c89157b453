//! Heatmap colours: a neuron's output over the plane as pixels (diverging orange–neutral–blue,
//! or the most likely class's colour), for the decision map and the neurons' thumbnails.

use super::settings::Settings;
use crate::nn::Activation;

/// Colours for the heatmaps and the points.
pub mod colors {
    /// Class colours: orange, blue, green (distinct for the common colour-vision deficiencies
    /// in the first two; the points also differ in shape).
    pub const CLASSES: [[u8; 3]; 3] = [[232, 125, 28], [31, 111, 196], [46, 158, 82]];
    /// The colour of no preference, light theme.
    pub const NEUTRAL_LIGHT: [u8; 3] = [246, 246, 246];
    /// The colour of no preference, dark theme.
    pub const NEUTRAL_DARK: [u8; 3] = [34, 38, 46];

    /// The colour of no preference in the dark or the light theme.
    pub fn neutral(dark: bool) -> [u8; 3] {
        if dark {
            NEUTRAL_DARK
        } else {
            NEUTRAL_LIGHT
        }
    }

    fn mix(a: [u8; 3], b: [u8; 3], t: f64) -> [u8; 3] {
        let t = crate::nn::clamp(t, 0.0, 1.0);
        let m = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * t + 0.5) as u8;
        [m(a[0], b[0]), m(a[1], b[1]), m(a[2], b[2])]
    }

    /// A value in [−1, 1] (clamped): negative towards class 0's colour, positive towards class
    /// 1's, `neutral` at 0.
    pub fn diverging(value: f64, neutral: [u8; 3]) -> [u8; 3] {
        let v = if value.is_nan() { 0.0 } else { value };
        if v < 0.0 {
            mix(neutral, CLASSES[0], -v * 0.85)
        } else {
            mix(neutral, CLASSES[1], v * 0.85)
        }
    }

    /// The colour of the most likely class, stronger the surer the network is.
    pub fn classes(probabilities: &[f64], neutral: [u8; 3]) -> [u8; 3] {
        let k = probabilities.len().max(2);
        let mut best = 0;
        for (c, p) in probabilities.iter().enumerate() {
            if *p > probabilities[best] {
                best = c;
            }
        }
        let chance = 1.0 / k as f64;
        let sure = (probabilities.get(best).copied().unwrap_or(chance) - chance) / (1.0 - chance);
        mix(neutral, CLASSES[best.min(2)], sure * 0.85)
    }
}

/// How a grid of outputs becomes pixels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeatKind {
    /// A sigmoid output (probability of class 1).
    Probability,
    /// A tanh, linear or hidden value, clamped to [−1, 1].
    Signed,
}

/// Fills `rgba` (4 bytes a cell) from one neuron's grid.
pub fn heat_pixels(grid: &[f32], kind: HeatKind, neutral: [u8; 3], rgba: &mut [u8]) {
    for (px, v) in rgba.chunks_exact_mut(4).zip(grid) {
        let v = f64::from(*v);
        let t = match kind {
            HeatKind::Probability => 2.0 * v - 1.0,
            HeatKind::Signed => v,
        };
        let c = colors::diverging(t, neutral);
        px.copy_from_slice(&[c[0], c[1], c[2], 255]);
    }
}

/// Side of the neurons' thumbnails: every `step`-th cell of an `n × n` grid, at most 25 a side.
pub fn thumb_side(n: usize) -> (usize, usize) {
    let step = n.div_ceil(25).max(1);
    (n.div_ceil(step), step)
}

/// Fills `rgba` with a neuron's thumbnail: every `step`-th cell of its `n × n` grid, as a disc
/// (cells outside the inscribed circle are transparent, the rest slightly so), so that the
/// painter can draw it into the neuron without clipping.
pub fn thumb_pixels(grid: &[f32], n: usize, kind: HeatKind, neutral: [u8; 3], rgba: &mut Vec<u8>) {
    let (side, step) = thumb_side(n);
    rgba.clear();
    let centre = side as f64 / 2.0;
    for row in 0..side {
        for col in 0..side {
            let v = f64::from(
                grid.get(row * step * n + col * step)
                    .copied()
                    .unwrap_or(0.0),
            );
            let t = match kind {
                HeatKind::Probability => 2.0 * v - 1.0,
                HeatKind::Signed => v,
            };
            let c = colors::diverging(t, neutral);
            // Inside the disc (squares of these half-integers are exact: no `hypot` call a
            // pixel).
            let (dx, dy) = (col as f64 + 0.5 - centre, row as f64 + 0.5 - centre);
            let alpha = if dx * dx + dy * dy <= centre * centre {
                220
            } else {
                0
            };
            rgba.extend_from_slice(&[c[0], c[1], c[2], alpha]);
        }
    }
}

/// Fills `rgba` from the output layer's grids: the decision map (or regression surface).
pub fn output_pixels(settings: &Settings, outputs: &[Vec<f32>], neutral: [u8; 3], rgba: &mut [u8]) {
    if outputs.len() >= 2 {
        let mut probabilities = vec![0.0; outputs.len()];
        for (cell, px) in rgba.chunks_exact_mut(4).enumerate() {
            for (p, grid) in probabilities.iter_mut().zip(outputs) {
                *p = f64::from(grid.get(cell).copied().unwrap_or(0.0));
            }
            let c = colors::classes(&probabilities, neutral);
            px.copy_from_slice(&[c[0], c[1], c[2], 255]);
        }
    } else if let Some(grid) = outputs.first() {
        let kind = if settings.output == Activation::Sigmoid {
            HeatKind::Probability
        } else {
            HeatKind::Signed
        };
        heat_pixels(grid, kind, neutral, rgba);
    }
}

/// The pixels of the panel's image `k` over grids of `side × side` cells (`grids`: every
/// non-input neuron's, layer by layer): image 0 is the decision map, image `k` the thumbnail of
/// neuron `k − 1`. Fills `rgba` and returns the image's side in pixels.
pub fn map_pixels(
    settings: &Settings,
    grids: &[Vec<f32>],
    side: usize,
    k: usize,
    neutral: [u8; 3],
    rgba: &mut Vec<u8>,
) -> usize {
    if k == 0 {
        rgba.resize(side * side * 4, 0);
        let outputs = settings.outputs().min(grids.len());
        output_pixels(settings, &grids[grids.len() - outputs..], neutral, rgba);
        return side;
    }
    // The layer (counting weight layers from 0) that neuron `k − 1` belongs to.
    let mut before = 0;
    let layer = settings.hidden.iter().take_while(|&&n| {
        before += n;
        before < k
    });
    let activation = settings
        .activations
        .get(layer.count())
        .copied()
        .unwrap_or(settings.output);
    let grid = grids.get(k - 1).map_or(&[][..], Vec::as_slice);
    thumb_pixels(grid, side, neuron_heat_kind(activation), neutral, rgba);
    thumb_side(side).0
}

/// The heat kind of a hidden or output neuron's thumbnail.
pub fn neuron_heat_kind(activation: Activation) -> HeatKind {
    match activation {
        Activation::Sigmoid | Activation::Softmax => HeatKind::Probability,
        _ => HeatKind::Signed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_panel_image_is_drawn_with_its_neurons_layer() {
        // 2-4-2-1: tanh, tanh, then a sigmoid output. A neuron whose output is 0 everywhere is
        // the neutral colour when it is tanh (no preference), orange when it is a probability.
        let settings = Settings::default();
        let side = 20;
        let grids = vec![vec![0.0f32; side * side]; 4 + 2 + 1];
        let neutral = colors::NEUTRAL_LIGHT;
        let mut rgba = Vec::new();
        let centre = |rgba: &[u8], image: usize| {
            let k = (image / 2 * image + image / 2) * 4;
            [rgba[k], rgba[k + 1], rgba[k + 2]]
        };
        for k in 1..=6 {
            let image = map_pixels(&settings, &grids, side, k, neutral, &mut rgba);
            assert_eq!(image, thumb_side(side).0);
            assert_eq!(centre(&rgba, image), neutral, "hidden neuron {k} is tanh");
        }
        let image = map_pixels(&settings, &grids, side, 7, neutral, &mut rgba);
        assert_ne!(
            centre(&rgba, image),
            neutral,
            "the output neuron is a probability"
        );
        // Image 0 is the decision map at the grids' full side, opaque.
        assert_eq!(
            map_pixels(&settings, &grids, side, 0, neutral, &mut rgba),
            side
        );
        assert_eq!(rgba.len(), side * side * 4);
        assert!(rgba.chunks_exact(4).all(|px| px[3] == 255));
    }
    #[test]
    fn thumbnails_are_small_discs() {
        assert_eq!(thumb_side(100), (25, 4));
        assert_eq!(thumb_side(50), (25, 2));
        assert_eq!(thumb_side(20), (20, 1));
        let grid: Vec<f32> = (0..100 * 100)
            .map(|k| (k % 100) as f32 / 50.0 - 1.0)
            .collect();
        let mut rgba = Vec::new();
        thumb_pixels(
            &grid,
            100,
            HeatKind::Signed,
            colors::NEUTRAL_LIGHT,
            &mut rgba,
        );
        assert_eq!(rgba.len(), 25 * 25 * 4);
        assert_eq!(rgba[3], 0, "the corner is outside the disc");
        let middle = (12 * 25 + 12) * 4;
        assert_eq!(rgba[middle + 3], 220);
        // Left of the middle is negative (orange), right positive (blue).
        let left = (12 * 25 + 1) * 4;
        let right = (12 * 25 + 23) * 4;
        assert!(rgba[left] > rgba[left + 2] && rgba[right + 2] > rgba[right]);
        // The disc is the pixels whose centre lies within `side / 2` of the middle, for even
        // and odd sides (boundary pixels included).
        for n in [5, 10, 20, 21, 24, 25, 50, 75, 100] {
            let (side, _) = thumb_side(n);
            let grid = vec![0.0f32; n * n];
            thumb_pixels(&grid, n, HeatKind::Signed, colors::NEUTRAL_LIGHT, &mut rgba);
            let centre = side as f64 / 2.0;
            for (k, px) in rgba.chunks_exact(4).enumerate() {
                let (row, col) = (k / side, k % side);
                let (dx, dy) = (col as f64 + 0.5 - centre, row as f64 + 0.5 - centre);
                let inside = dx.hypot(dy) <= centre;
                assert_eq!(
                    px[3],
                    if inside { 220 } else { 0 },
                    "side {side}, pixel {k}"
                );
            }
        }
    }

    #[test]
    fn colours_run_from_orange_through_neutral_to_blue() {
        let n = colors::NEUTRAL_LIGHT;
        assert_eq!(colors::diverging(0.0, n), n);
        assert!(colors::diverging(-1.0, n)[0] > colors::diverging(1.0, n)[0]);
        assert!(colors::diverging(1.0, n)[2] > colors::diverging(-1.0, n)[2]);
        assert_eq!(colors::diverging(f64::NAN, n), n);
        assert_eq!(colors::classes(&[1.0 / 3.0; 3], n), n);
        let sure_green = colors::classes(&[0.0, 0.0, 1.0], n);
        assert!(sure_green[1] > sure_green[0] && sure_green[1] > sure_green[2]);
        let mut rgba = vec![0u8; 8];
        heat_pixels(&[0.0, 1.0], HeatKind::Probability, n, &mut rgba);
        assert!(rgba[0] > rgba[2] && rgba[6] > rgba[4]);
        assert_eq!(rgba[3], 255);
    }
}
