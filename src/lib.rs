//! # backprop-viz
//!
//! The forward pass, loss, backward pass and SGD update of a small multilayer perceptron, with
//! every intermediate number recorded and explained as a formula.
//!
//! Data flows one way: [`scenario::Scenario`] → [`nn::Network`] and samples → [`nn::StepTrace`]
//! → [`explain::Step`]s → text, Markdown, LaTeX, MathML (and, in the browser, pixels).
//!
//! - [`nn`]: activations, losses, the network, forward and backward passes, SGD (pure f64): the
//!   `backprop-nn` crate (`crates/nn`), its own crate so that the page's build can optimise the
//!   mathematics for speed and the rest for size.
//! - [`scenario`]: the versioned JSON scenario, its validation and the presets.
//! - [`explain`]: the computation as ordered steps with formulas and chain-rule factors.
//! - [`json`]: JSON values, their text and its parser (what files, links and module-API objects are).
//! - [`read`]: JSON values read into the crate's types, refused with the field's path.
//! - [`playground`]: a network trained on a 2-D data set, any point of it as a one-sample scenario.
//! - `web` (wasm32 only): the browser front end, the only module that uses web crates.

pub mod edit;
pub mod explain;
pub use backprop_nn as nn;
pub use backprop_nn::decimal;
pub mod json;
pub mod parts;
pub mod phase;
pub mod playground;
pub mod quiz;
pub mod read;
pub mod scenario;
pub mod scene;
pub mod session;
pub mod share;
pub mod variants;

#[cfg(target_arch = "wasm32")]
pub mod web;

/// The page's allocator: Talc, in place of the standard library's dlmalloc on wasm32, for a
/// smaller wasm (the first module 2.7 KB lighter gzipped; BENCHMARKS.md, session 20). The
/// page is single-threaded, as Talc's WebAssembly allocator requires.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
