//! The mathematics: activations, losses, the network, and the trace of one forward pass, backward
//! pass and SGD step. Pure f64, no web crates.

pub mod activation;
pub mod csv;
pub mod data;
pub mod decimal;
pub mod lanes;
pub mod loss;
pub mod network;
pub mod optimizer;
pub mod optimizer_state;
pub mod rng;
pub mod smooth;
pub mod tanh;
pub mod trace;
pub mod train;

pub use activation::Activation;
pub use loss::Loss;
pub use network::{Biases, Network, Params, Sample, Weights};
pub use optimizer::Optimizer;
pub use optimizer_state::OptimizerState;
pub use trace::{sgd_update, Overflow, SampleTrace, StepTrace};

/// `x` limited to `[low, high]`: `f64::clamp` without its panic when `low > high` (then
/// `low` below it, `high` above), whose message would bring the standard library's float
/// formatting into the page (see [`decimal`]). NaN stays NaN.
///
/// ```
/// use backprop_nn::clamp;
/// assert_eq!(clamp(1.5, 0.0, 1.0), 1.0);
/// assert_eq!(clamp(-2.0, 0.0, 1.0), 0.0);
/// assert_eq!(clamp(5.0, 3.0, 2.0), 2.0);
/// assert!(clamp(f64::NAN, 0.0, 1.0).is_nan());
/// ```
pub fn clamp(x: f64, low: f64, high: f64) -> f64 {
    if x < low {
        low
    } else if x > high {
        high
    } else {
        x
    }
}
