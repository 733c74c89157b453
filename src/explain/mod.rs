//! Every number as a formula: the ordered steps of one forward pass, loss, backward pass and SGD
//! update, with the chain rule as numbered local factors, rendered as text, Markdown, LaTeX and
//! MathML. No web crates.

mod builder;
pub mod markup;
pub mod math;
pub mod names;
pub mod number;
pub mod question;
pub mod render;
pub mod steps;

pub use math::{Math, Sym};
pub use names::Names;
pub use render::{
    factor_line, factor_mathml, latex, latex_standalone, markdown, step_line, step_mathml,
    step_sentence,
};
pub use steps::{explain, explain_one, plan, scenario_plan, Factor, Phase, Place, Step, StepKind};
