//! What a command did, as far as the shell is concerned: what to redraw, the events for the
//! JavaScript API's subscribers, and what to tell the user.

use crate::edit::Field;
use crate::explain::StepKind;

/// The parts of the page to redraw.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Redraw {
    /// The canvas.
    pub canvas: bool,
    /// Explanation panels.
    pub panels: bool,
    /// Slider and number-box values.
    pub editors: bool,
    /// The network's shape (or the sample shown) changed: rebuild editors, table and focus
    /// stand-ins.
    pub structure: bool,
    /// The buttons' labels and states (written at once, not a frame later, so that a screen
    /// reader hears what a click did).
    pub controls: bool,
    /// Which panels and controls show (panels, read-only, quiz, mode).
    pub layout: bool,
    /// The table and the focus stand-ins' descriptions (the slow lane).
    pub table: bool,
}

impl Redraw {
    /// Every part.
    pub fn all() -> Redraw {
        Redraw {
            canvas: true,
            panels: true,
            editors: true,
            structure: true,
            controls: true,
            layout: true,
            table: true,
        }
    }

    /// The union of two sets of parts.
    pub fn or(self, other: Redraw) -> Redraw {
        Redraw {
            canvas: self.canvas || other.canvas,
            panels: self.panels || other.panels,
            editors: self.editors || other.editors,
            structure: self.structure || other.structure,
            controls: self.controls || other.controls,
            layout: self.layout || other.layout,
            table: self.table || other.table,
        }
    }
}

/// Data-set mode's parts to redraw.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DataRedraw {
    /// The plot, the chart and the status line.
    pub panel: bool,
    /// The set-up controls (their values changed).
    pub setup: bool,
    /// Every neuron's map over the plane.
    pub grids: bool,
}

/// An event for the JavaScript API's subscribers.
#[derive(Clone, Debug, PartialEq)]
pub enum ApiEvent {
    /// A field was set to a value.
    Edit {
        /// The field.
        field: Field,
        /// Its new value.
        value: f64,
    },
    /// The timeline reached another step (`None`: before the first).
    Step {
        /// The step's index.
        index: Option<usize>,
        /// What it computes.
        kind: Option<StepKind>,
    },
    /// A quiz started or a question was finished (answered right, or shown).
    Quiz {
        /// Questions answered right at the first try.
        right: usize,
        /// Questions finished.
        done: usize,
        /// Questions the quiz asks in all.
        questions: usize,
        /// Every question is finished.
        finished: bool,
    },
    /// An SGD step was committed.
    Update {
        /// The loss before the step.
        loss_before: f64,
        /// The loss after it.
        loss_after: f64,
    },
}

/// An event's detail object as JavaScript receives it (the types in `backprop-viz.d.mts`): its
/// fields, named and in order, by [`Detail::fields`], which the shell writes into an object
/// and [`crate::json::ToJson`] writes as JSON.
#[derive(Clone, Debug, PartialEq)]
pub enum Detail {
    /// `edit`: the field's path and its new value.
    Edit {
        /// The field's path (`weights[1][0][1]`).
        field: String,
        /// Its new value.
        value: f64,
    },
    /// `step`: the step's index and what it computes (`null`: before the first).
    Step {
        /// The step's index.
        index: Option<usize>,
        /// Its kind's name (`PreActivation`).
        kind: Option<String>,
    },
    /// `quiz`: how many questions are right at the first try, finished and asked in all, and
    /// whether the quiz is over.
    Quiz {
        /// Right at the first try.
        right: usize,
        /// Finished.
        done: usize,
        /// Asked in all.
        questions: usize,
        /// Every question finished.
        finished: bool,
    },
    /// `update`: the loss before and after the SGD step (`lossBefore`, `lossAfter`).
    Update {
        /// The loss before the step.
        loss_before: f64,
        /// The loss after it.
        loss_after: f64,
    },
}

/// One field's value in an event's detail.
#[derive(Clone, Debug, PartialEq)]
pub enum DetailValue {
    /// A number, as it is (an overflowed loss stays `Infinity`).
    Number(f64),
    /// A count or an index.
    Whole(usize),
    /// Text.
    Text(String),
    /// `true` or `false`.
    Flag(bool),
    /// `null`.
    Null,
}

impl Detail {
    /// The detail's fields as JavaScript names them, in order.
    pub fn fields(&self) -> Vec<(&'static str, DetailValue)> {
        use DetailValue::{Flag, Null, Number, Text, Whole};
        match self {
            Detail::Edit { field, value } => {
                vec![("field", Text(field.clone())), ("value", Number(*value))]
            }
            Detail::Step { index, kind } => vec![
                ("index", index.map_or(Null, Whole)),
                ("kind", kind.clone().map_or(Null, Text)),
            ],
            Detail::Quiz {
                right,
                done,
                questions,
                finished,
            } => vec![
                ("right", Whole(*right)),
                ("done", Whole(*done)),
                ("questions", Whole(*questions)),
                ("finished", Flag(*finished)),
            ],
            Detail::Update {
                loss_before,
                loss_after,
            } => vec![
                ("lossBefore", Number(*loss_before)),
                ("lossAfter", Number(*loss_after)),
            ],
        }
    }
}

/// The fields as a JSON object (a number that is not finite is `null`, as JSON has none).
impl crate::json::ToJson for Detail {
    fn to_json(&self) -> crate::json::Value {
        let mut map = crate::json::Map::new();
        for (name, value) in self.fields() {
            let value = match value {
                DetailValue::Number(x) => x.into(),
                DetailValue::Whole(n) => n.into(),
                DetailValue::Text(t) => crate::json::Value::String(t),
                DetailValue::Flag(b) => b.into(),
                DetailValue::Null => crate::json::Value::Null,
            };
            map.insert(name.to_string(), value);
        }
        crate::json::Value::Object(map)
    }
}

impl ApiEvent {
    /// The event's detail object: `edit` {field, value}, `step` {index, kind}, `quiz` {right,
    /// done, questions, finished}, `update` {lossBefore, lossAfter}.
    pub fn detail(&self) -> Detail {
        match *self {
            ApiEvent::Edit { field, value } => Detail::Edit {
                field: field.path(),
                value,
            },
            ApiEvent::Step { index, kind } => Detail::Step {
                index,
                kind: kind.map(|k| k.name().to_string()),
            },
            ApiEvent::Quiz {
                right,
                done,
                questions,
                finished,
            } => Detail::Quiz {
                right,
                done,
                questions,
                finished,
            },
            ApiEvent::Update {
                loss_before,
                loss_after,
            } => Detail::Update {
                loss_before,
                loss_after,
            },
        }
    }

    /// The event's name in the API (`viz.on(name, f)`).
    pub fn name(&self) -> &'static str {
        match self {
            ApiEvent::Edit { .. } => "edit",
            ApiEvent::Step { .. } => "step",
            ApiEvent::Quiz { .. } => "quiz",
            ApiEvent::Update { .. } => "update",
        }
    }
}

/// A message for data-set mode's panel: news (a point added, data read) or a refusal.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Notice {
    /// What it says (empty: nothing to say; the panel's message is cleared).
    pub text: String,
    /// A refusal or a failure (drawn as an error), rather than news.
    pub error: bool,
}

impl Notice {
    /// News.
    pub fn info(text: impl Into<String>) -> Notice {
        Notice {
            text: text.into(),
            error: false,
        }
    }

    /// A refusal or a failure.
    pub fn error(text: impl Into<String>) -> Notice {
        Notice {
            text: text.into(),
            error: true,
        }
    }

    /// Clears the panel's message.
    pub fn clear() -> Notice {
        Notice::default()
    }
}

/// Why a field's new value was refused.
#[derive(Clone, Debug, PartialEq)]
pub struct Refusal {
    /// The field.
    pub field: Field,
    /// The scenario path the reason is about (usually the field's own; empty for the widget).
    pub path: String,
    /// What is wrong, naming the bad value.
    pub reason: String,
    /// The name the page labels the path with (`η`, `y`, `w6`), when it is the field's own.
    pub label: Option<String>,
}

impl Refusal {
    /// The message as files, links, the command line and the module API write it: by path
    /// (`learning_rate: −1 is not positive`).
    pub fn by_path(&self) -> String {
        if self.path.is_empty() {
            self.reason.clone()
        } else {
            format!("{}: {}", self.path, self.reason)
        }
    }

    /// The message as the page shows it next to the box, naming the field as it is labelled
    /// (`η: −1 is not positive`).
    pub fn by_label(&self) -> String {
        match &self.label {
            Some(label) => format!("{label}: {}", self.reason),
            None => self.by_path(),
        }
    }
}

/// What a command did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Effects {
    /// What to redraw.
    pub redraw: Redraw,
    /// Data-set mode's panel parts to redraw.
    pub data: DataRedraw,
    /// The scenario changed: the trace is recomputed when next read.
    pub recomputed: bool,
    /// Events to deliver.
    pub events: Vec<ApiEvent>,
    /// A message for the whole widget (`Some("")` clears it).
    pub notice: Option<String>,
    /// A message for data-set mode's panel (`Some("")` clears it).
    pub data_notice: Option<Notice>,
    /// A bad value typed, dragged or passed into a field.
    pub field_error: Option<Refusal>,
    /// The message to show next to a field's box (empty: clear it).
    pub field_note: Option<(Field, String)>,
    /// Problems with the CSV lines just read (the rest were kept).
    pub csv_problems: Option<Vec<String>>,
    /// What the export and import box's status line says.
    pub io_status: Option<String>,
    /// The export and import box opens (a worked solution is on its way into it).
    pub open_io: bool,
    /// Keyboard focus should move to the quiz's answer box.
    pub focus_answer: bool,
    /// The quiz moved on: empty the answer box.
    pub clear_answer: bool,
    /// The animation or training runs: the shell keeps requesting frames.
    pub animate: bool,
    /// The animation stopped because the widget went out of view: drop the pending frame.
    pub stop_frames: bool,
    /// A part of the widget's code to fetch (it answers with `Command::Loaded`).
    pub load: Option<crate::parts::Part>,
    /// An export for the shell to run now (download, paint or copy).
    pub export: Option<super::Export>,
    /// The message says something is on its way (`Some(true)`: shown as progress, not as an
    /// error) or no longer (`Some(false)`).
    pub busy: Option<bool>,
}

impl Effects {
    /// The animation runs: keep requesting frames.
    pub fn animate() -> Effects {
        Effects {
            animate: true,
            ..Effects::none()
        }
    }

    /// Nothing to do.
    pub fn none() -> Effects {
        Effects::default()
    }

    /// After the scenario changed: everything showing a number (the controls follow in the
    /// frame: an edit during a drag must not write them for every input event).
    pub fn recompute() -> Effects {
        Effects {
            redraw: Redraw {
                canvas: true,
                panels: true,
                editors: true,
                table: true,
                ..Redraw::default()
            },
            recomputed: true,
            ..Effects::default()
        }
    }

    /// The canvas only (hover, theme).
    pub fn canvas() -> Effects {
        Effects {
            redraw: Redraw {
                canvas: true,
                ..Redraw::default()
            },
            ..Effects::default()
        }
    }

    /// After the timeline or the selection moved: the canvas, the panels, the controls and
    /// (in the slow lane) the table.
    pub fn refresh() -> Effects {
        Effects {
            redraw: Redraw {
                canvas: true,
                panels: true,
                controls: true,
                table: true,
                ..Redraw::default()
            },
            ..Effects::default()
        }
    }

    /// Adds what `other` did to this.
    pub fn absorb(&mut self, other: Effects) {
        self.redraw = self.redraw.or(other.redraw);
        self.data.panel |= other.data.panel;
        self.data.setup |= other.data.setup;
        self.data.grids |= other.data.grids;
        self.recomputed |= other.recomputed;
        self.events.extend(other.events);
        if other.notice.is_some() {
            self.notice = other.notice;
        }
        if other.data_notice.is_some() {
            self.data_notice = other.data_notice;
        }
        if other.field_error.is_some() {
            self.field_error = other.field_error;
        }
        if other.field_note.is_some() {
            self.field_note = other.field_note;
        }
        if other.csv_problems.is_some() {
            self.csv_problems = other.csv_problems;
        }
        if other.io_status.is_some() {
            self.io_status = other.io_status;
        }
        self.open_io |= other.open_io;
        self.focus_answer |= other.focus_answer;
        self.clear_answer |= other.clear_answer;
        self.animate |= other.animate;
        self.stop_frames |= other.stop_frames;
        if other.load.is_some() {
            self.load = other.load;
        }
        if other.busy.is_some() {
            self.busy = other.busy;
        }
        if other.export.is_some() {
            self.export = other.export;
        }
    }

    /// This, with `other`'s effects added.
    pub fn and(mut self, other: Effects) -> Effects {
        self.absorb(other);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_overflowed_loss_reaches_javascript_as_infinity_and_json_as_null() {
        let detail = Detail::Update {
            loss_before: 0.5,
            loss_after: f64::INFINITY,
        };
        assert_eq!(
            detail.fields(),
            vec![
                ("lossBefore", DetailValue::Number(0.5)),
                ("lossAfter", DetailValue::Number(f64::INFINITY)),
            ]
        );
        assert_eq!(
            crate::json::ToJson::to_json(&detail).to_string(),
            r#"{"lossBefore":0.5,"lossAfter":null}"#
        );
    }
}
