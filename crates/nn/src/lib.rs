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
