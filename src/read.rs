//! Reading a JSON value into the crate's types, refusing with the field path of what is wrong
//! (`weights[0][1][0]: invalid type: string "abc", expected a number`).
//!
//! Every reader of a file, a link or a module-API object comes here: scenarios, a playground's
//! saved state and its settings, and the mount options. One reader per type, written out, in
//! place of serde's derived deserialisers: those were instantiated once per input (a JSON value,
//! a JavaScript object) and wrapped again to track paths (`serde_path_to_error`), and took 111 KB
//! of the page's 1,163 KB of wasm.
//! The maths' own types (`crates/nn`, which knows nothing of this crate) are read at the end of
//! this file.
//!
//! ```
//! use backprop_viz::read::{At, Object};
//! let value = backprop_viz::json::parse(r#"{"x": [1.0, "two"]}"#).unwrap();
//! let whole = At::default();
//! let object = Object::new(&value, &whole, "an object", &["x"]).unwrap();
//! let refusal = object.required::<Vec<f64>>("x").unwrap_err();
//! assert_eq!(refusal.path, "x[1]");
//! assert_eq!(refusal.message, r#"invalid type: string "two", expected a number"#);
//! ```

use std::fmt;

use crate::json::{Map, Value};

use crate::nn::data::DataKind;
use crate::nn::train::{Feature, Init, Regularization};
use crate::nn::{Activation, Loss, Optimizer, OptimizerState, Params, Sample};

/// Why a value was refused: where (`samples[0].x`, empty for the whole value) and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError {
    /// The field path, as the scenario format writes it.
    pub path: String,
    /// What is wrong, naming the bad value.
    pub message: String,
}

impl ReadError {
    /// An error at `path` saying `message`.
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> ReadError {
        ReadError {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for ReadError {}

/// Where a reader is: a chain of field names and indices back to the whole value, kept on the
/// stack and written out only when something is refused.
#[derive(Clone, Copy, Debug, Default)]
pub struct At<'a> {
    up: Option<&'a At<'a>>,
    step: Step<'a>,
}

#[derive(Clone, Copy, Debug, Default)]
enum Step<'a> {
    #[default]
    Whole,
    Field(&'a str),
    Index(usize),
}

impl<'a> At<'a> {
    /// The field `name` of the object here.
    pub fn field(&'a self, name: &'a str) -> At<'a> {
        At {
            up: Some(self),
            step: Step::Field(name),
        }
    }

    /// Entry `index` of the array here.
    pub fn index(&'a self, index: usize) -> At<'a> {
        At {
            up: Some(self),
            step: Step::Index(index),
        }
    }

    /// The path from the whole value to here: `samples[0].x[1]`.
    pub fn path(&self) -> String {
        let mut steps = Vec::new();
        let mut here = Some(self);
        while let Some(at) = here {
            steps.push(at.step);
            here = at.up;
        }
        let mut path = String::new();
        for step in steps.iter().rev() {
            match step {
                Step::Whole => {}
                Step::Field(name) if path.is_empty() => path.push_str(name),
                Step::Field(name) => {
                    path.push('.');
                    path.push_str(name);
                }
                Step::Index(i) => path.push_str(&format!("[{i}]")),
            }
        }
        path
    }

    /// A refusal of the value here.
    pub fn refuse(&self, message: impl Into<String>) -> ReadError {
        ReadError::new(self.path(), message)
    }

    /// `invalid type: …, expected {expected}` for `value`.
    pub fn wrong_type(&self, value: &Value, expected: &str) -> ReadError {
        self.refuse(format!(
            "invalid type: {}, expected {expected}",
            unexpected(value)
        ))
    }
}

/// Most characters of a name or a text a refusal shows.
const SHOWN_CHARS: usize = 40;

/// The first [`SHOWN_CHARS`] characters of `text`.
fn clip(text: &str) -> String {
    text.chars().take(SHOWN_CHARS).collect()
}

/// What a value is, for a refusal: `string "abc"`, `integer `5``, `null`, `an array`.
fn unexpected(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("boolean `{b}`"),
        Value::Number(n) if n.is_f64() => format!("floating point `{n}`"),
        Value::Number(n) => format!("integer `{n}`"),
        Value::String(s) if s.chars().count() > SHOWN_CHARS => format!("string {:?}…", clip(s)),
        Value::String(s) => format!("string {s:?}"),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

/// A type read from a JSON value.
pub trait Read: Sized {
    /// Reads `value`, found at `at`.
    fn read(value: &Value, at: &At<'_>) -> Result<Self, ReadError>;
}

/// JSON text as a value, or why it is not JSON.
pub fn parse(text: &str) -> Result<Value, ReadError> {
    crate::json::parse(text).map_err(|e| ReadError::new("", format!("not valid JSON: {e}")))
}

/// Reads a whole value as `T`.
pub fn from_value<T: Read>(value: &Value) -> Result<T, ReadError> {
    T::read(value, &At::default())
}

impl Read for f64 {
    fn read(value: &Value, at: &At<'_>) -> Result<f64, ReadError> {
        value
            .as_f64()
            .ok_or_else(|| at.wrong_type(value, "a number"))
    }
}

impl Read for u64 {
    fn read(value: &Value, at: &At<'_>) -> Result<u64, ReadError> {
        match value {
            Value::Number(n) if n.is_i64() && !n.is_u64() => Err(at.refuse(format!(
                "invalid value: integer `{n}`, expected a whole number from 0"
            ))),
            _ => value
                .as_u64()
                .ok_or_else(|| at.wrong_type(value, "a whole number")),
        }
    }
}

/// A whole number that fits in `T` (at most `max`).
fn whole<T: TryFrom<u64>>(value: &Value, at: &At<'_>, max: u64) -> Result<T, ReadError> {
    let n = u64::read(value, at)?;
    T::try_from(n).map_err(|_| {
        at.refuse(format!(
            "invalid value: integer `{n}`, expected a whole number up to {max}"
        ))
    })
}

impl Read for usize {
    fn read(value: &Value, at: &At<'_>) -> Result<usize, ReadError> {
        whole(value, at, u64::try_from(usize::MAX).unwrap_or(u64::MAX))
    }
}

impl Read for u32 {
    fn read(value: &Value, at: &At<'_>) -> Result<u32, ReadError> {
        whole(value, at, u64::from(u32::MAX))
    }
}

impl Read for bool {
    fn read(value: &Value, at: &At<'_>) -> Result<bool, ReadError> {
        value
            .as_bool()
            .ok_or_else(|| at.wrong_type(value, "true or false"))
    }
}

impl Read for String {
    fn read(value: &Value, at: &At<'_>) -> Result<String, ReadError> {
        value
            .as_str()
            .map(str::to_string)
            .ok_or_else(|| at.wrong_type(value, "a string"))
    }
}

impl Read for Value {
    fn read(value: &Value, _: &At<'_>) -> Result<Value, ReadError> {
        Ok(value.clone())
    }
}

/// `null` is `None`.
impl<T: Read> Read for Option<T> {
    fn read(value: &Value, at: &At<'_>) -> Result<Option<T>, ReadError> {
        match value {
            Value::Null => Ok(None),
            _ => T::read(value, at).map(Some),
        }
    }
}

impl<T: Read> Read for Vec<T> {
    fn read(value: &Value, at: &At<'_>) -> Result<Vec<T>, ReadError> {
        let items = value
            .as_array()
            .ok_or_else(|| at.wrong_type(value, "an array"))?;
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            out.push(T::read(item, &at.index(i))?);
        }
        Ok(out)
    }
}

impl Read for [f64; 3] {
    fn read(value: &Value, at: &At<'_>) -> Result<[f64; 3], ReadError> {
        let items: Vec<f64> = Vec::read(value, at)?;
        <[f64; 3]>::try_from(items).map_err(|items| {
            at.refuse(format!(
                "invalid length {}, expected an array of 3 numbers",
                items.len()
            ))
        })
    }
}

/// An object being read field by field, every key already checked to be one of the type's.
pub struct Object<'v, 'a> {
    fields: &'v Map,
    at: &'a At<'a>,
}

impl<'v, 'a> Object<'v, 'a> {
    /// `value` as an object (or a refusal saying it should be `expected`) whose keys are all
    /// among `names`.
    pub fn new(
        value: &'v Value,
        at: &'a At<'a>,
        expected: &str,
        names: &[&str],
    ) -> Result<Object<'v, 'a>, ReadError> {
        let fields = value
            .as_object()
            .ok_or_else(|| at.wrong_type(value, expected))?;
        if let Some(unknown) = fields.keys().find(|k| !names.contains(&k.as_str())) {
            return Err(at.refuse(format!(
                "unknown field `{}`, expected {}",
                clip(unknown),
                one_of(names)
            )));
        }
        Ok(Object { fields, at })
    }

    /// The field `name`, refused when missing.
    pub fn required<T: Read>(&self, name: &str) -> Result<T, ReadError> {
        match self.fields.get(name) {
            Some(value) => T::read(value, &self.at.field(name)),
            None => Err(self.at.refuse(format!("missing field `{name}`"))),
        }
    }

    /// The field `name`, or `None` when it is left out (`null` is read as a `T`, and refused
    /// unless `T` takes it).
    pub fn optional<T: Read>(&self, name: &str) -> Result<Option<T>, ReadError> {
        self.fields
            .get(name)
            .map(|value| T::read(value, &self.at.field(name)))
            .transpose()
    }

    /// The field `name`, or `None` when it is left out or `null`.
    pub fn nullable<T: Read>(&self, name: &str) -> Result<Option<T>, ReadError> {
        Ok(self.optional::<Option<T>>(name)?.flatten())
    }

    /// The field `name`, or `T`'s default when it is left out.
    pub fn or_default<T: Read + Default>(&self, name: &str) -> Result<T, ReadError> {
        Ok(self.optional(name)?.unwrap_or_default())
    }
}

/// `` one of `a`, `b`, `c` `` (or `` `a` `` alone).
fn one_of<S: AsRef<str>>(names: &[S]) -> String {
    match names {
        [] => "nothing".into(),
        [only] => format!("`{}`", only.as_ref()),
        _ => {
            let quoted: Vec<String> = names.iter().map(|n| format!("`{}`", n.as_ref())).collect();
            format!("one of {}", quoted.join(", "))
        }
    }
}

/// An enum whose values files write by name (`"leaky_relu"`).
pub trait Named: Copy {
    /// The value's name in files.
    fn name(self) -> &'static str;
}

macro_rules! named_by_method {
    ($($t:ty),*) => {$(
        impl Named for $t {
            fn name(self) -> &'static str {
                <$t>::name(self)
            }
        }
    )*};
}

named_by_method!(Activation, Loss, DataKind, Feature, Init, Regularization);

/// The name of a value of an enum, as files write it.
pub fn name_of<T: Named>(value: &T) -> String {
    value.name().to_string()
}

/// The value among `all` whose name (as files write it) is `name`.
pub fn named<T: Named>(name: &str, all: &[T]) -> Option<T> {
    all.iter().copied().find(|v| v.name() == name)
}

/// A name among `all`'s, or the refusal that lists them (the names are written out only for a
/// refusal).
pub fn read_named<T: Named>(value: &Value, at: &At<'_>, all: &[T]) -> Result<T, ReadError> {
    let names = || all.iter().map(name_of).collect::<Vec<String>>();
    let Some(name) = value.as_str() else {
        return Err(at.wrong_type(value, &one_of(&names())));
    };
    named(name, all).ok_or_else(|| unknown_name(at, name, &names()))
}

/// The refusal of `name`, which is none of `names`.
fn unknown_name<S: AsRef<str>>(at: &At<'_>, name: &str, names: &[S]) -> ReadError {
    at.refuse(format!(
        "unknown name `{}`, expected {}",
        clip(name),
        one_of(names)
    ))
}

macro_rules! read_by_name {
    ($($t:ty),*) => {$(
        impl Read for $t {
            fn read(value: &Value, at: &At<'_>) -> Result<$t, ReadError> {
                read_named(value, at, &<$t>::ALL)
            }
        }
    )*};
}

read_by_name!(Activation, Loss, DataKind, Feature, Init, Regularization);

impl Read for Sample {
    fn read(value: &Value, at: &At<'_>) -> Result<Sample, ReadError> {
        let o = Object::new(
            value,
            at,
            "a sample such as {\"x\": [1, 2], \"y\": [0]}",
            &["x", "y"],
        )?;
        Ok(Sample {
            x: o.required("x")?,
            y: o.required("y")?,
        })
    }
}

impl Read for Params {
    fn read(value: &Value, at: &At<'_>) -> Result<Params, ReadError> {
        let o = Object::new(value, at, "weights and biases", &["weights", "biases"])?;
        Ok(Params {
            weights: o.required("weights")?,
            biases: o.required("biases")?,
        })
    }
}

impl Read for OptimizerState {
    fn read(value: &Value, at: &At<'_>) -> Result<OptimizerState, ReadError> {
        let o = Object::new(
            value,
            at,
            "an optimiser state such as {\"step\": 1}",
            &["step", "velocity", "first_moment", "second_moment"],
        )?;
        Ok(OptimizerState {
            step: o.required("step")?,
            velocity: o.nullable("velocity")?,
            first_moment: o.nullable("first_moment")?,
            second_moment: o.nullable("second_moment")?,
        })
    }
}

/// `{"kind": "adam", "beta1": 0.9}`: the kind with its defaults, then each hyper-parameter
/// given (one the kind does not take is refused).
impl Read for Optimizer {
    fn read(value: &Value, at: &At<'_>) -> Result<Optimizer, ReadError> {
        const HYPER: [&str; 5] = ["momentum", "alpha", "beta1", "beta2", "epsilon"];
        let names = ["kind", HYPER[0], HYPER[1], HYPER[2], HYPER[3], HYPER[4]];
        let o = Object::new(value, at, "an object such as {\"kind\": \"adam\"}", &names)?;
        let kind: String = o.required("kind")?;
        let Some(mut optimizer) = Optimizer::from_name(&kind) else {
            let kinds: Vec<&str> = Optimizer::ALL.iter().map(|k| k.name()).collect();
            return Err(unknown_name(&at.field("kind"), &kind, &kinds));
        };
        for field in HYPER {
            let Some(given) = o.optional::<f64>(field)? else {
                continue;
            };
            let name = optimizer.name();
            let Some(slot) = optimizer.hyper_mut(field) else {
                return Err(at.refuse(format!("\"{name}\" takes no {field}")));
            };
            *slot = given;
        }
        Ok(optimizer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `serde_json::json!`, as this crate's value (through its text).
    macro_rules! json {
        ($($t:tt)+) => {
            crate::json::parse(&serde_json::json!($($t)+).to_string()).expect("JSON")
        };
    }

    fn refusal<T: Read + fmt::Debug>(value: Value) -> String {
        from_value::<T>(&value).expect_err("refused").to_string()
    }

    #[test]
    fn paths_name_fields_and_indices() {
        let whole = At::default();
        let samples = whole.field("samples");
        let first = samples.index(0);
        let x = first.field("x");
        assert_eq!(x.index(1).path(), "samples[0].x[1]");
        assert_eq!(whole.index(2).index(3).path(), "[2][3]");
        assert_eq!(whole.path(), "");
    }

    #[test]
    fn numbers_are_refused_by_kind() {
        assert_eq!(
            refusal::<f64>(json!("1")),
            r#"invalid type: string "1", expected a number"#
        );
        assert_eq!(
            refusal::<usize>(json!(2.5)),
            "invalid type: floating point `2.5`, expected a whole number"
        );
        assert_eq!(
            refusal::<usize>(json!(-2)),
            "invalid value: integer `-2`, expected a whole number from 0"
        );
        assert_eq!(
            refusal::<u32>(json!(5_000_000_000u64)),
            "invalid value: integer `5000000000`, expected a whole number up to 4294967295"
        );
        assert_eq!(from_value::<f64>(&json!(3)), Ok(3.0));
        assert_eq!(from_value::<u64>(&json!(u64::MAX)), Ok(u64::MAX));
    }

    #[test]
    fn long_strings_are_cut_in_messages() {
        let long = "a".repeat(1000);
        let message = refusal::<f64>(json!(long));
        assert!(message.len() < 100, "{message}");
        assert!(message.contains('…'));
    }

    #[test]
    fn objects_refuse_unknown_and_missing_fields() {
        let value = json!({"x": [1], "z": 2});
        assert_eq!(
            refusal::<Sample>(value),
            "unknown field `z`, expected one of `x`, `y`"
        );
        assert_eq!(refusal::<Sample>(json!({"x": [1]})), "missing field `y`");
        assert_eq!(
            refusal::<Vec<Sample>>(json!([{"x": [1], "y": [0]}, {"x": [true], "y": [0]}])),
            "[1].x[0]: invalid type: boolean `true`, expected a number"
        );
        assert!(
            refusal::<Sample>(json!([1])).starts_with("invalid type: an array, expected a sample")
        );
    }

    #[test]
    fn null_is_none_only_where_a_field_may_be_left_out() {
        let state: OptimizerState =
            from_value(&json!({"step": 2, "velocity": null})).expect("null velocity");
        assert_eq!(state.velocity, None);
        assert_eq!(
            refusal::<OptimizerState>(json!({"step": null})),
            "step: invalid type: null, expected a whole number"
        );
    }

    #[test]
    fn names_are_the_files_names() {
        // Each name is the one the maths crate's serde derive writes (what files have always
        // held), and reads back.
        fn check<T: Named + Read + PartialEq + fmt::Debug + serde::Serialize>(all: &[T]) {
            for v in all {
                let serde_name = serde_json::to_value(v).expect("a name");
                assert_eq!(Some(name_of(v).as_str()), serde_name.as_str());
                assert_eq!(from_value::<T>(&json!(v.name())).as_ref(), Ok(v));
            }
        }
        check(&Activation::ALL);
        check(&Loss::ALL);
        check(&DataKind::ALL);
        check(&Feature::ALL);
        check(&Init::ALL);
        check(&Regularization::ALL);
        assert_eq!(from_value::<Init>(&json!("he")), Ok(Init::He));
        assert_eq!(
            from_value::<Regularization>(&json!("l2")),
            Ok(Regularization::L2)
        );
        let message = refusal::<Activation>(json!("swish"));
        assert!(message.starts_with("unknown name `swish`, expected one of `linear`, `relu`"));
        assert!(refusal::<Loss>(json!(1))
            .starts_with("invalid type: integer `1`, expected one of `bce`"));
    }

    #[test]
    fn optimizers_read_kind_then_hyper_parameters() {
        let adam: Optimizer = from_value(&json!({"kind": "adam", "beta1": 0.8})).expect("adam");
        assert_eq!(
            adam,
            Optimizer::Adam {
                beta1: 0.8,
                beta2: 0.999,
                epsilon: 1e-8
            }
        );
        assert_eq!(
            refusal::<Optimizer>(json!({"kind": "sgd", "momentum": 0.9})),
            "\"sgd\" takes no momentum"
        );
        assert!(
            refusal::<Optimizer>(json!({"kind": "lion"})).starts_with("kind: unknown name `lion`")
        );
        assert!(refusal::<Optimizer>(json!("adam")).contains("expected an object such as"));
        assert_eq!(
            refusal::<Optimizer>(json!({"beta1": 0.9})),
            "missing field `kind`"
        );
    }

    #[test]
    fn custom_points_are_triples() {
        assert_eq!(
            from_value::<[f64; 3]>(&json!([1, 2, 0])),
            Ok([1.0, 2.0, 0.0])
        );
        assert_eq!(
            refusal::<[f64; 3]>(json!([1, 2])),
            "invalid length 2, expected an array of 3 numbers"
        );
    }
}
