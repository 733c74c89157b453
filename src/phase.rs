//! The four phases of one training step, in timeline order, with their names: the one links,
//! scenario files and the quiz use (`forward`), and the ones shown to a reader.

use serde::Serialize;

use crate::nn::Optimizer;

/// Which part of the computation a step belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// `z` and `a` of each neuron.
    Forward,
    /// The loss.
    Loss,
    /// Deltas and gradients.
    Backward,
    /// The SGD update.
    Update,
}

impl Phase {
    /// Every phase, in timeline order.
    pub const ALL: [Phase; 4] = [Phase::Forward, Phase::Loss, Phase::Backward, Phase::Update];

    /// The name used in links, scenario files and the quiz's `ask` list.
    pub fn name(self) -> &'static str {
        match self {
            Phase::Forward => "forward",
            Phase::Loss => "loss",
            Phase::Backward => "backward",
            Phase::Update => "update",
        }
    }

    /// The phase with this [`Phase::name`].
    pub fn from_name(name: &str) -> Option<Phase> {
        Phase::ALL.into_iter().find(|p| p.name() == name)
    }

    /// The phase as a heading ("Forward pass").
    pub fn title(self) -> &'static str {
        match self {
            Phase::Forward => "Forward pass",
            Phase::Loss => "Loss",
            Phase::Backward => "Backward pass",
            Phase::Update => "SGD update",
        }
    }

    /// The title for a step of `optimizer`: "Adam update" where plain SGD's is "SGD update".
    pub fn title_for(self, optimizer: Optimizer) -> String {
        match self {
            Phase::Update => format!("{} update", optimizer.title()),
            other => other.title().to_string(),
        }
    }

    /// The phase inside a sentence for a step of `optimizer` ("Adam update").
    pub fn label_for(self, optimizer: Optimizer) -> String {
        match self {
            Phase::Update => format!("{} update", optimizer.title()),
            other => other.label().to_string(),
        }
    }

    /// The phase inside a sentence ("forward pass").
    pub fn label(self) -> &'static str {
        match self {
            Phase::Forward => "forward pass",
            Phase::Loss => "loss",
            Phase::Backward => "backward pass",
            Phase::Update => "SGD update",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Phase;

    #[test]
    fn names_read_back_and_match_serde() {
        for phase in Phase::ALL {
            assert_eq!(Phase::from_name(phase.name()), Some(phase));
            let json = serde_json::to_string(&phase).expect("a phase serialises");
            assert_eq!(json, format!("\"{}\"", phase.name()));
            assert!(phase.title().eq_ignore_ascii_case(phase.label()));
        }
        assert_eq!(Phase::from_name("Forward"), None);
    }
}
