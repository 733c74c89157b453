//! Prints each exam step's estimated width in ems (the narrowest panel in which it stays on one
//! row), for calibrating [`backprop_viz::explain::math::Math::width_em`] against a browser.
use backprop_viz::explain::explain;
use backprop_viz::explain::render::step_mathml_within;
use backprop_viz::scenario::Scenario;

fn main() {
    let scenario = Scenario::preset("exam").expect("exam");
    let trace = scenario.step_trace();
    for step in explain(&scenario, &trace, 0) {
        let (mut low, mut high) = (0.0f64, 200.0f64);
        for _ in 0..40 {
            let mid = (low + high) / 2.0;
            if step_mathml_within(&step, 4, mid).contains("<mtable") {
                low = mid;
            } else {
                high = mid;
            }
        }
        println!("{}\t{:.2}", step.symbol.to_text(4), high);
    }
}
