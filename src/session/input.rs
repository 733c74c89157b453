//! What an input event stands for: a key on the widget or on a canvas target, a button, a
//! menu, a set-up control, a click on the data plot. The shell reads the event; these decide.

use super::authoring::{fresh_seed, Authoring};
use super::{Command, DataCommand, DataSetting, Session, ShareChange, NUDGE};
use crate::explain::Phase;
use crate::nn::Optimizer;
use crate::parts::Part;
use crate::scenario::Scenario;
use crate::scene::Target;

/// A button that acts on the text of a box.
#[derive(Clone, Copy, Debug)]
pub struct TextButton {
    /// The box's class.
    pub input: &'static str,
    /// The command for its text.
    pub command: fn(String) -> Command,
    /// What stays as it was when the text is refused as too long.
    pub unchanged: &'static str,
}

impl DataSetting {
    /// The setting a set-up control stands for, from the control's name, its value, (for a
    /// checkbox) whether it is checked and (for a layer's control) its layer. `None` for a
    /// name that is no setting, and for the click menu (read when the plot is clicked).
    pub fn from_control(
        name: &str,
        value: &str,
        checked: bool,
        layer: Option<usize>,
    ) -> Option<DataSetting> {
        let value = value.to_string();
        Some(match name {
            "activation" => DataSetting::Activation {
                layer: layer?,
                name: value,
            },
            "problem" => DataSetting::Problem(value),
            "data" => DataSetting::Data(value),
            "points" => DataSetting::Points(value),
            "noise" => DataSetting::Noise(value),
            "test" => DataSetting::TestShare(value),
            "seed" => DataSetting::Seed(value),
            "learning_rate" => DataSetting::LearningRate(value),
            "batch" => DataSetting::Batch(value),
            "regularization" => DataSetting::Regularization(value),
            "regularization_rate" => DataSetting::RegularizationRate(value),
            "init" => DataSetting::Init(value),
            "optimizer" => DataSetting::Optimizer(value),
            "epochs_per_frame" => DataSetting::EpochsPerFrame(value),
            "feature" => DataSetting::Feature(value, checked),
            _ => return None,
        })
    }
}

impl DataCommand {
    /// A click on the data plot (`side` CSS pixels square) at `(px, py)`: adds a point when
    /// the click menu says `add:<label>`, else picks the nearest point.
    pub fn plot_click(mode: &str, px: f64, py: f64, side: f64) -> DataCommand {
        let side = side.max(1.0);
        let (x1, x2) = crate::scene::plot::from_plot(px, py, side);
        match mode
            .strip_prefix("add:")
            .and_then(crate::decimal::parse_f64)
        {
            Some(label) => DataCommand::AddPoint { x1, x2, label },
            None => DataCommand::PickNear {
                x1,
                x2,
                radius: crate::scene::plot::pick_radius(side),
            },
        }
    }

    /// What a key does on the data plot: the arrows walk through the points, T switches
    /// between the training and the test set.
    pub fn plot_key(key: &str) -> Option<DataCommand> {
        match key {
            "ArrowRight" | "ArrowDown" => Some(DataCommand::NextPoint(1)),
            "ArrowLeft" | "ArrowUp" => Some(DataCommand::NextPoint(-1)),
            "t" | "T" => Some(DataCommand::OtherSet),
            _ => None,
        }
    }

    /// The command a data-set panel button stands for, by its `data-act` (`layer`: its
    /// `data-layer`); `train` and `import-csv` are the shell's (they read the clock and the
    /// CSV box).
    pub fn from_act(act: &str, layer: Option<usize>) -> Option<DataCommand> {
        Some(match (act, layer) {
            ("batch", _) => DataCommand::StepBatch,
            ("epoch", _) => DataCommand::StepEpoch,
            ("reset-train", _) => DataCommand::ResetTraining,
            ("generated", _) => DataCommand::GeneratedData,
            ("add-layer", _) => DataCommand::AddLayer,
            ("remove-layer", _) => DataCommand::RemoveLayer,
            ("add-neuron", Some(l)) => DataCommand::AddNeuron(l),
            ("remove-neuron", Some(l)) => DataCommand::RemoveNeuron(l),
            ("new-seed", _) => DataCommand::NewSeed,
            _ => return None,
        })
    }
}

/// The pointer's cursor over the canvas: a hand on the loss (a click selects it), a vertical
/// resize arrow on what a drag changes, the arrow elsewhere.
pub fn cursor(hovered: Option<Target>) -> &'static str {
    match hovered {
        Some(crate::explain::Place::Loss) => "pointer",
        Some(_) => "ns-resize",
        None => "default",
    }
}

impl Command {
    /// What `key` does on a canvas target's stand-in: the arrows change its value (by
    /// [`NUDGE`]: Shift coarse, Alt fine), Enter and Space select it, Escape unselects.
    pub fn on_target_key(target: Target, key: &str, shift: bool, alt: bool) -> Option<Command> {
        let step = if shift {
            NUDGE.1
        } else if alt {
            NUDGE.2
        } else {
            NUDGE.0
        };
        Some(match key {
            "ArrowUp" | "ArrowRight" => Command::Nudge {
                target,
                up: true,
                step,
            },
            "ArrowDown" | "ArrowLeft" => Command::Nudge {
                target,
                up: false,
                step,
            },
            "Enter" | " " => Command::Click(target),
            "Escape" => Command::Select(None),
            _ => return None,
        })
    }

    /// The shortcut for `key` pressed with focus on an element of tag `tag` (any case;
    /// `proxy`: a canvas target's stand-in): none in a text field or a select (their keys are
    /// their own) or on a stand-in (its arrows change its value); see [`Command::shortcut`].
    pub fn shortcut_at(
        key: &str,
        ctrl: bool,
        shift: bool,
        tag: &str,
        proxy: bool,
    ) -> Option<Command> {
        let tag = tag.to_ascii_lowercase();
        if proxy || matches!(tag.as_str(), "input" | "select" | "textarea") {
            return None;
        }
        Command::shortcut(key, ctrl, shift, tag == "button")
    }

    /// The keyboard shortcut for `key` (a `KeyboardEvent.key`): Space or K play and pause,
    /// → or . step forward, ← or , step back, Ctrl+Z undoes, Ctrl+Y and Ctrl+Shift+Z redo.
    /// `on_button`: focus is on a button, which keeps Space and Enter for itself.
    pub fn shortcut(key: &str, ctrl: bool, shift: bool, on_button: bool) -> Option<Command> {
        if on_button && matches!(key, " " | "Enter") {
            return None;
        }
        Some(match (ctrl, key) {
            (false, "k" | "K" | " ") => Command::TogglePlay,
            (false, "." | "ArrowRight") => Command::StepForward,
            (false, "," | "ArrowLeft") => Command::StepBack,
            (true, "z" | "Z") if shift => Command::Redo,
            (true, "z" | "Z") => Command::Undo,
            (true, "y" | "Y") => Command::Redo,
            _ => return None,
        })
    }
}

impl Session {
    /// The command a click on the widget's button of this class stands for ("Quiz me" starts
    /// a quiz on every phase, or ends the one running).
    pub fn button_command(&self, class: &str) -> Option<Command> {
        Some(match class {
            "bpv-play" => Command::TogglePlay,
            "bpv-replay" => Command::Replay,
            "bpv-back" => Command::StepBack,
            "bpv-forward" => Command::StepForward,
            "bpv-apply" => Command::ApplyStep,
            "bpv-undo" => Command::Undo,
            "bpv-redo" => Command::Redo,
            "bpv-reset" => Command::Reset,
            "bpv-theme" => Command::ToggleTheme,
            "bpv-quiz-toggle" if self.quiz.is_some() => Command::StopQuiz,
            "bpv-quiz-toggle" => Command::StartQuiz {
                ask: Phase::ALL.to_vec(),
                tolerance: None,
            },
            "bpv-quiz-restart" => Command::RestartQuiz,
            "bpv-quiz-show" => Command::ShowAnswer,
            "bpv-mode-sample" => Command::LeaveDataMode,
            "bpv-mode-data" => Command::EnterDataMode(None),
            "bpv-check-clear" => Command::CheckAnswer(String::new()),
            "bpv-embed-toggle" => Command::Share(ShareChange::Toggle),
            // Opening the authoring panel fetches its controls' code.
            "bpv-author-summary" => Command::Prepare(Part::Tools),
            "bpv-add-layer" => Command::Author(Authoring::AddLayer),
            "bpv-add-sample" => Command::Author(Authoring::AddSample),
            "bpv-remove-sample" => Command::Author(Authoring::RemoveSample(self.sample())),
            "bpv-nice-weights" => {
                Command::Author(Authoring::NiceWeights(fresh_seed(self.scenario())))
            }
            "bpv-freeze-biases" => {
                Command::Author(Authoring::FreezeBiases(!self.scenario().freeze_biases))
            }
            _ => return Self::layer_button(class),
        })
    }

    /// What going to a text box of this class starts (focus, by tap, click or Tab): the part of
    /// the code that its button will need, fetched while the student types, so that neither a
    /// quiz link nor a per-student link loads code at open that only an answer or a name needs.
    pub fn focus_command(class: &str) -> Option<Command> {
        let part = match class {
            "bpv-quiz-answer" | "bpv-check-text" => Part::Check,
            "bpv-student-name" => Part::Tools,
            _ => return None,
        };
        Some(Command::Prepare(part))
    }

    /// A button that acts on what is typed in a box (Check, Start, Load pasted JSON).
    pub fn text_button(class: &str) -> Option<TextButton> {
        let (input, command, unchanged): (_, fn(String) -> Command, _) = match class {
            "bpv-check-run" => ("bpv-check-text", Command::CheckAnswer, "The check shown"),
            "bpv-student-start" => ("bpv-student-name", Command::StartVariant, "The page"),
            "bpv-quiz-check" => ("bpv-quiz-answer", Command::Answer, "The quiz"),
            "bpv-io-load" => (
                "bpv-io-text",
                |text| Command::Import {
                    text,
                    source: "the pasted text".into(),
                },
                "The network on screen",
            ),
            _ => return None,
        };
        Some(TextButton {
            input,
            command,
            unchanged,
        })
    }

    /// A button of one layer's authoring controls, its layer in its class
    /// (`bpv-add-neuron-1`: one more neuron in `layers[1]`).
    fn layer_button(class: &str) -> Option<Command> {
        let (name, layer) = class.rsplit_once('-')?;
        let layer: usize = layer.parse().ok()?;
        Some(Command::Author(match name {
            "bpv-add-neuron" => Authoring::AddNeuron(layer),
            "bpv-remove-neuron" => Authoring::RemoveNeuron(layer),
            "bpv-remove-layer" => Authoring::RemoveLayer(layer),
            _ => return None,
        }))
    }

    /// The command a changed form control of this class stands for: a menu, a text box of the
    /// authoring panel or a control of the share dialog (`checked`: a checkbox ticked).
    pub fn change_command(&self, class: &str, value: &str, checked: bool) -> Option<Command> {
        // The dialog's controls are there once the tools' part wrote them.
        let tools = self.parts.tools.get();
        match tools.and_then(|tools| (tools.share_change)(class, value, checked)) {
            Some(change) => Some(Command::Share(change)),
            None => self.menu_command(class, value),
        }
    }

    /// The command a choice in one of the widget's menus stands for, by the menu's class
    /// (the menus offer only valid values; anything else is nothing).
    pub fn menu_command(&self, class: &str, value: &str) -> Option<Command> {
        match class {
            "bpv-speed" => crate::decimal::parse_f64(value).map(Command::SetSpeed),
            "bpv-digits" => value.parse().ok().map(Command::SetDigits),
            "bpv-sample" => value.parse().ok().map(Command::SetSample),
            "bpv-preset" => Scenario::preset(value).map(Command::Load),
            "bpv-optimizer" => Optimizer::from_name(value).map(Command::SetOptimizer),
            "bpv-loss" => Some(Command::Author(Authoring::SetLoss(value.to_string()))),
            "bpv-author-title" => Some(Command::Author(Authoring::SetTitle(value.to_string()))),
            "bpv-author-description" => Some(Command::Author(Authoring::SetDescription(
                value.to_string(),
            ))),
            _ => {
                // `bpv-activation-0`: weight layer 0's activation.
                let layer = class.strip_prefix("bpv-activation-")?.parse().ok()?;
                Some(Command::Author(Authoring::SetActivation {
                    layer,
                    name: value.to_string(),
                }))
            }
        }
    }
}
