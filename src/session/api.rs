//! The module API's arguments, checked: a JavaScript value arrives as an [`Arg`] (the shell
//! says only what type it is and what it holds) and is refused, with an error naming the
//! argument, unless it is of the type and range the method takes. Nothing is coerced: `'0x10'`
//! is not 16, `null` is not 0, `NaN` is not a position.

use super::{Command, DataCommand, Effects, Session};
use crate::decimal::{Fixed, Shortest};
use crate::edit::Field;
use crate::playground::{Pick, Saved};
use crate::share::{decode, Link};

/// A JavaScript argument as the shell found it.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    /// `undefined` (or not given).
    Missing,
    /// A number (any, `NaN` included).
    Number(f64),
    /// A string.
    Text(String),
    /// A boolean.
    Bool(bool),
    /// Anything else, by its `typeof` (`object` for `null` and arrays, `function`…).
    Other(&'static str),
}

impl Arg {
    /// What the argument is, in an error message.
    fn kind(&self) -> String {
        match self {
            Arg::Missing => "nothing".into(),
            Arg::Number(x) => format!("the number {}", Shortest(*x)),
            Arg::Text(t) => format!("the string “{}”", t.chars().take(40).collect::<String>()),
            Arg::Bool(b) => format!("{b}"),
            Arg::Other(kind) => format!("a value of type {kind}"),
        }
    }

    /// A finite number.
    pub fn number(&self, name: &str) -> Result<f64, String> {
        match self {
            Arg::Number(x) if x.is_finite() => Ok(*x),
            Arg::Number(x) => Err(format!("{name}: {} is not a finite number", Shortest(*x))),
            other => Err(format!("{name}: expected a number, got {}", other.kind())),
        }
    }

    /// A whole number from `min` to `max`.
    pub fn count(&self, name: &str, min: usize, max: usize) -> Result<usize, String> {
        let x = self.number(name)?;
        if x.fract() != 0.0 || x < min as f64 || x > max as f64 {
            return Err(format!(
                "{name}: {} is not a whole number from {min} to {max}",
                Shortest(x)
            ));
        }
        Ok(x as usize)
    }

    /// A string.
    pub fn text(&self, name: &str) -> Result<String, String> {
        match self {
            Arg::Text(t) => Ok(t.clone()),
            other => Err(format!("{name}: expected a string, got {}", other.kind())),
        }
    }

    /// A boolean (`false` when not given).
    pub fn flag(&self, name: &str) -> Result<bool, String> {
        match self {
            Arg::Bool(b) => Ok(*b),
            Arg::Missing => Ok(false),
            other => Err(format!(
                "{name}: expected true or false, got {}",
                other.kind()
            )),
        }
    }
}

/// The parts of the code a page's hash needs when it opens, so that the page can load them
/// first and the widget opens as the link says: the reader, for a link that carries a scenario
/// or a playground (`s=`, `p=`); data-set mode's, for a link into that mode. Read from the keys
/// alone (reading the values needs the reader): a link that turns out wrong opens the exam with
/// its message, whatever was fetched.
///
/// A quiz link needs none: its question shows without the checker, which is fetched when the
/// student first goes to the answer box ([`Session::focus_command`]), and a Check pressed
/// before it has come waits for it. A per-student link's name box fetches the tools that its
/// Start needs the same way.
pub fn parts_for_link(hash: &str) -> Vec<crate::parts::Part> {
    use crate::parts::Part;
    use crate::share::pairs;
    let has = |wanted: &str| pairs(hash).any(|(key, _)| key == wanted);
    let mut parts = Vec::new();
    if has("s") || has("p") {
        parts.push(Part::Read);
    }
    if has("p") || pairs(hash).any(|pair| pair == ("mode", "data")) {
        parts.push(Part::Data);
    }
    parts
}

/// What a page's hash shows: its state, or, when it cannot be read, the exam with a notice
/// saying why.
pub fn page_link(hash: &str) -> (Link, Option<String>) {
    match decode(hash) {
        Ok(mut link) => {
            if link.preset.is_none() {
                link.preset = link.scenario.preset_name().map(str::to_string);
            }
            (link, None)
        }
        Err(e) => {
            let link = Link {
                preset: Some("exam".into()),
                ..Link::default()
            };
            (
                link,
                Some(format!(
                    "This link could not be read ({e}); showing the exam instead."
                )),
            )
        }
    }
}

/// How messages name a file the user chose (`the file exam.json`; its name cut at 80
/// characters).
pub fn file_source(name: &str) -> String {
    if name.is_empty() {
        return "the file".into();
    }
    let name: String = name.chars().take(80).collect();
    format!("the file {name}")
}

/// Why a file of `bytes` bytes is refused before it is read (it would be copied whole into
/// WebAssembly memory, which never shrinks), or `None` when it may be read.
pub fn refuse_file_size(bytes: f64) -> Option<String> {
    let limit = crate::scenario::MAX_TEXT_BYTES;
    (bytes > limit as f64).then(|| {
        format!(
            "The file is {} MB; the limit is {} MB. The network on screen is unchanged.",
            Fixed(bytes / 1e6, 1),
            Fixed(limit as f64 / 1e6, 0)
        )
    })
}

/// Why a pasted text of `length` characters is refused before it is copied into WebAssembly
/// memory, naming what it was (`"text"`, `"CSV"`) and what stays (`"The network on screen"`).
pub fn refuse_paste_length(length: usize, what: &str, unchanged: &str) -> String {
    let limit = crate::scenario::MAX_TEXT_BYTES;
    format!("The pasted {what} is {length} characters long; the limit is {limit}. {unchanged} is unchanged.")
}

/// The command `setMode(mode)` names: `"data"` or `"sample"`.
pub fn mode_arg(mode: &Arg) -> Result<Command, String> {
    match mode.text("mode")?.as_str() {
        "data" => Ok(Command::EnterDataMode(None)),
        "sample" => Ok(Command::LeaveDataMode),
        other => Err(format!("mode: “{other}” is not sample or data")),
    }
}

/// The event `on(event, callback)` names: `"edit"`, `"step"`, `"quiz"` or `"update"`.
pub fn event_arg(event: &Arg) -> Result<String, String> {
    let event = event.text("event")?;
    if matches!(event.as_str(), "edit" | "step" | "quiz" | "update") {
        Ok(event)
    } else {
        Err(format!(
            "event: “{event}” is not edit, step, quiz or update"
        ))
    }
}

/// The most samples one `train()` call takes (about a second of training on a phone).
pub const MAX_TRAIN_SAMPLES: usize = 1_000_000;

impl Session {
    /// Data-set mode's epoch and its last training and test losses (`NaN` before any, and
    /// outside data-set mode).
    pub fn training_state(&self) -> (f64, f64, f64) {
        self.data
            .playground
            .as_ref()
            .map_or((0.0, f64::NAN, f64::NAN), |p| {
                let last = p.history().last();
                (
                    p.epoch(),
                    last.map_or(f64::NAN, |l| l.train),
                    last.map_or(f64::NAN, |l| l.test),
                )
            })
    }

    /// Data-set mode as JSON (settings, hand-made points, weights, samples seen, the point
    /// picked): the form share links carry.
    pub fn playground_json(&self) -> Result<String, String> {
        self.playground_saved()
            .map(|saved| crate::scenario::json_text(&saved, false))
    }

    /// Data-set mode's state as the file format's type (what `playground_json` writes).
    pub fn playground_saved(&self) -> Result<Saved, String> {
        self.data
            .playground
            .as_ref()
            .filter(|_| self.data_mode())
            .map(|p| p.save())
            .ok_or_else(|| "not in data-set mode".to_string())
    }

    /// The number `get(path)` reads, or why there is none.
    pub fn get_arg(&self, field: Field) -> Result<f64, String> {
        field
            .get(self.scenario())
            .ok_or_else(|| format!("path: “{}” does not exist in this network", field.path()))
    }

    /// `train(samples)`: trains on at least `samples` (checked) training samples at once and
    /// gives the epochs trained so far, or why not (outside data-set mode, a diverged
    /// network), with what to redraw.
    pub fn train_arg(&mut self, samples: &Arg) -> (Effects, Result<f64, String>) {
        let samples = match samples.count("samples", 1, MAX_TRAIN_SAMPLES) {
            Ok(_) if !self.data_mode() => {
                return (Effects::none(), Err("not in data-set mode".into()))
            }
            Ok(n) => n,
            Err(why) => return (Effects::none(), Err(why)),
        };
        let mut effects = self.apply(Command::Data(DataCommand::TrainSamples(samples)));
        let result = effects
            .notice
            .take()
            .map_or_else(|| Ok(self.training_state().0), Err);
        (effects.and(Effects::refresh()), result)
    }

    /// `computeGrids(n)` (for benchmarks): every neuron's output over an `n × n` grid (1 to
    /// 400), giving how many neurons it covered.
    pub fn grids_arg(&mut self, n: &Arg) -> Result<usize, String> {
        let n = n.count("n", 1, 400)?;
        let code = self.data_code();
        match (self.data.playground.as_mut(), code) {
            (Some(pg), Some(code)) => Ok((code.grids)(pg, n).len()),
            _ => Err("not in data-set mode".into()),
        }
    }

    /// The position `seek(position)` names: a number from 0 to the timeline's length.
    pub fn seek_arg(&self, position: &Arg) -> Result<f64, String> {
        let position = position.number("position")?;
        let steps = self.timeline.len() as f64;
        if (0.0..=steps).contains(&position) {
            Ok(position)
        } else {
            Err(format!(
                "position: {} is not from 0 to {}",
                Shortest(position),
                Shortest(steps)
            ))
        }
    }

    /// The point `pickPoint(index, test)` names, refused unless it exists.
    pub fn point_arg(&self, index: &Arg, test: &Arg) -> Result<Pick, String> {
        if !self.data_mode() {
            return Err("not in data-set mode".into());
        }
        let test = test.flag("test")?;
        let pick = Pick {
            test,
            index: index.count("index", 0, usize::MAX >> 11)?,
        };
        if self.can_pick(pick) {
            Ok(pick)
        } else {
            let set = if test { "test" } else { "training" };
            Err(format!("index: the {set} set has no point {}", pick.index))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_named_by_its_name_cut_short() {
        assert_eq!(file_source(""), "the file");
        assert_eq!(file_source("exam.json"), "the file exam.json");
        let long = "é".repeat(100);
        assert_eq!(file_source(&long), format!("the file {}", "é".repeat(80)));
    }

    #[test]
    fn an_oversized_file_is_refused_from_its_size() {
        assert_eq!(refuse_file_size(1_999_999.0), None);
        assert_eq!(
            refuse_paste_length(2_000_001, "CSV", "The data"),
            "The pasted CSV is 2000001 characters long; the limit is 2000000. The data is unchanged."
        );
        let says = refuse_file_size(40e6).expect("40 MB is refused");
        assert!(
            says.starts_with("The file is 40.0 MB; the limit is 2 MB"),
            "{says}"
        );
    }

    #[test]
    fn seek_mode_and_event_arguments_are_checked_before_anything_changes() {
        let s = Session::new(crate::scenario::Scenario::preset("exam").expect("exam"));
        let steps = s.timeline.len() as f64;
        assert_eq!(s.seek_arg(&Arg::Number(steps)), Ok(steps));
        assert_eq!(s.seek_arg(&Arg::Number(0.0)), Ok(0.0));
        assert_eq!(
            s.seek_arg(&Arg::Number(-1.0)),
            Err(format!("position: -1 is not from 0 to {steps}"))
        );
        assert!(s.seek_arg(&Arg::Text("3".into())).is_err(), "no coercion");
        assert_eq!(
            mode_arg(&Arg::Text("data".into())),
            Ok(Command::EnterDataMode(None))
        );
        assert_eq!(
            mode_arg(&Arg::Text("sample".into())),
            Ok(Command::LeaveDataMode)
        );
        assert_eq!(
            mode_arg(&Arg::Text("Data".into())),
            Err("mode: “Data” is not sample or data".into())
        );
        assert_eq!(event_arg(&Arg::Text("step".into())), Ok("step".into()));
        assert!(event_arg(&Arg::Text("click".into()))
            .expect_err("not an event")
            .starts_with("event: “click”"));
        assert!(event_arg(&Arg::Number(1.0)).is_err());
    }

    #[test]
    fn nothing_is_coerced() {
        for bad in [
            Arg::Text("0x10".into()),
            Arg::Text("".into()),
            Arg::Other("object"),
            Arg::Bool(true),
            Arg::Missing,
            Arg::Number(f64::NAN),
            Arg::Number(f64::INFINITY),
        ] {
            let e = bad.number("value").expect_err("refused");
            assert!(e.starts_with("value: "), "{e}");
        }
        assert_eq!(Arg::Number(0.25).number("value"), Ok(0.25));
        assert!(Arg::Number(-1.0).count("samples", 1, 10).is_err());
        assert!(Arg::Number(1.5).count("samples", 1, 10).is_err());
        assert_eq!(Arg::Number(10.0).count("samples", 1, 10), Ok(10));
        assert!(Arg::Number(42.0)
            .text("path")
            .unwrap_err()
            .contains("the number 42"));
        assert_eq!(Arg::Missing.flag("test"), Ok(false));
        assert!(Arg::Text("yes".into()).flag("test").is_err());
    }
}
