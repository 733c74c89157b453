//! A weight's trajectory under each optimiser: from the weights on screen, the same samples and
//! learning rate, each optimiser (with its defaults, from a fresh state) takes
//! [`TRAJECTORY_STEPS`] steps, and a small chart draws where the chosen weight goes. The picture
//! a lecture on optimisers needs: momentum overshooting, Adam moving by about η a step.

use crate::decimal::Fixed;
use crate::explain::math::escape;
use crate::explain::number::number_text;
use crate::nn::optimizer::Optimizer;
use crate::scenario::Scenario;

/// Steps drawn.
pub const TRAJECTORY_STEPS: usize = 30;
/// Most samples × weights for which the trajectories are computed with the panel (each costs
/// 150 whole steps).
pub const MAX_TRAJECTORY_WORK: usize = 5_000;

/// One optimiser's path of one weight.
#[derive(Clone, Debug, PartialEq)]
pub struct Trajectory {
    /// The optimiser, with the hyper-parameters used.
    pub optimizer: Optimizer,
    /// The weight before each step and after the last (`TRAJECTORY_STEPS + 1` values).
    pub values: Vec<f64>,
}

/// The optimisers compared: the scenario's own (with its hyper-parameters) and every other
/// kind with its defaults.
fn compared(own: Optimizer) -> Vec<Optimizer> {
    Optimizer::ALL
        .into_iter()
        .map(|o| if o.name() == own.name() { own } else { o })
        .collect()
}

/// The trajectories of weight `[layer][from][to]` under each optimiser, or `None` when the
/// network and its samples are too large to step 150 times with the panel.
pub fn trajectories(
    scenario: &Scenario,
    layer: usize,
    from: usize,
    to: usize,
) -> Option<Vec<Trajectory>> {
    let weights: usize = scenario.layers.windows(2).map(|w| w[0] * w[1]).sum();
    if weights * scenario.samples.len() > MAX_TRAJECTORY_WORK {
        return None;
    }
    let weight = |s: &Scenario| s.weights.get(layer)?.get(from)?.get(to).copied();
    weight(scenario)?;
    let paths = compared(scenario.optimizer)
        .into_iter()
        .map(|optimizer| {
            let mut s = scenario.clone();
            s.optimizer = optimizer;
            s.optimizer_state = None;
            let mut values = vec![weight(&s).unwrap_or(f64::NAN)];
            for _ in 0..TRAJECTORY_STEPS {
                let trace = s.step_trace();
                s.apply_step(&trace);
                values.push(weight(&s).unwrap_or(f64::NAN));
            }
            Trajectory { optimizer, values }
        })
        .collect();
    Some(paths)
}

/// Each optimiser's dash pattern (its colour is the style sheet's, `.bpv-traj-adam`): the
/// lines are told apart without colour too.
fn dashes(optimizer: Optimizer) -> &'static str {
    match optimizer {
        Optimizer::Sgd => "none",
        Optimizer::Momentum { .. } => "6 3",
        Optimizer::Nesterov { .. } => "2 2",
        Optimizer::Rmsprop { .. } => "8 2 2 2",
        Optimizer::Adam { .. } => "none",
    }
}

/// The chart as an inline SVG with a text legend: `name` is the weight's (`w6`).
pub fn trajectory_svg(name: &str, paths: &[Trajectory], digits: usize) -> String {
    const W: u32 = 260;
    const H: u32 = 120;
    const LEFT: u32 = 44;
    const BOTTOM: u32 = 16;
    let finite = paths
        .iter()
        .flat_map(|p| p.values.iter().copied())
        .filter(|v| v.is_finite());
    let (low, high) = finite.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    if !low.is_finite() {
        return String::new();
    }
    let span = if high - low > 1e-12 { high - low } else { 1.0 };
    let x =
        |k: usize| f64::from(LEFT) + f64::from(W - LEFT - 4) * k as f64 / TRAJECTORY_STEPS as f64;
    let y = |v: f64| 4.0 + f64::from(H - BOTTOM - 8) * (high - v) / span;
    let mut svg = format!(
        "<svg class=\"bpv-trajectory\" viewBox=\"0 0 {W} {H}\" role=\"img\" aria-label=\"{}\">",
        escape(&format!(
            "{name} over {TRAJECTORY_STEPS} steps under each optimiser"
        ))
    );
    svg.push_str(&format!(
        "<line x1=\"{LEFT}\" y1=\"{}\" x2=\"{W}\" y2=\"{}\" class=\"bpv-axis\"/>",
        H - BOTTOM,
        H - BOTTOM
    ));
    for (v, anchor) in [(high, y(high) + 4.0), (low, y(low) + 4.0)] {
        svg.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" class=\"bpv-tick\">{}</text>",
            LEFT - 3,
            Fixed(anchor, 1),
            escape(&number_text(v, digits.min(4)))
        ));
    }
    svg.push_str(&format!(
        "<text x=\"{LEFT}\" y=\"{H}\" class=\"bpv-tick\">0</text><text x=\"{W}\" y=\"{H}\" text-anchor=\"end\" class=\"bpv-tick\">{TRAJECTORY_STEPS} steps</text>"
    ));
    for path in paths {
        let dash = dashes(path.optimizer);
        let points: Vec<String> = path
            .values
            .iter()
            .enumerate()
            .filter(|(_, v)| v.is_finite())
            .map(|(k, v)| format!("{},{}", Fixed(x(k), 1), Fixed(y(*v), 1)))
            .collect();
        svg.push_str(&format!(
            "<polyline points=\"{}\" class=\"bpv-traj-{}\" fill=\"none\" stroke-width=\"1.6\" stroke-dasharray=\"{dash}\" data-optimizer=\"{}\"/>",
            points.join(" "),
            path.optimizer.name(),
            path.optimizer.name()
        ));
    }
    svg.push_str("</svg>");
    let legend: Vec<String> = paths
        .iter()
        .map(|p| {
            let last = p.values.last().copied().unwrap_or(f64::NAN);
            format!(
                "<li><span class=\"bpv-swatch bpv-traj-{}\"></span>{}: {} → {}</li>",
                p.optimizer.name(),
                p.optimizer.title(),
                escape(&number_text(p.values[0], digits)),
                escape(&number_text(last, digits))
            )
        })
        .collect();
    format!(
        "<figure class=\"bpv-trajectories\">{svg}<figcaption>{} over {TRAJECTORY_STEPS} steps on the same samples and learning rate, each optimiser from a fresh start:</figcaption><ul class=\"bpv-trajectory-legend\">{}</ul></figure>",
        escape(name),
        legend.join("")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adam_moves_w6_by_about_the_learning_rate_each_step() {
        let exam = Scenario::preset("exam").expect("exam");
        let paths = trajectories(&exam, 1, 1, 0).expect("small enough");
        assert_eq!(paths.len(), 5);
        let adam = paths
            .iter()
            .find(|p| p.optimizer.name() == "adam")
            .expect("adam");
        assert_eq!(adam.values.len(), TRAJECTORY_STEPS + 1);
        assert!((adam.values[1] - adam.values[0] + 0.01).abs() < 1e-6);
        let sgd = &paths[0];
        assert_eq!(sgd.values[1], exam.step_trace().after.weights[1][1][0]);
        let svg = trajectory_svg("w6", &paths, 4);
        assert_eq!(svg.matches("<polyline").count(), 5);
        assert!(svg.contains("Adam: −0.5 →"), "{svg}");
    }
}
