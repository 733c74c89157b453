//! JSON text from values, and values from the crate's types ([`ToJson`]).

use std::fmt::Write as _;

use super::{Map, Value};
use crate::nn::{Optimizer, OptimizerState, Params, Sample};
use crate::read::Named;

/// Writes `value`; `indent` is the depth for the readable layout, `None` for compact text.
pub(super) fn write_value(out: &mut String, value: &Value, indent: Option<usize>) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            let _ = write!(out, "{n}");
        }
        Value::String(text) => write_string(out, text),
        Value::Array(items) => {
            write_items(out, '[', ']', items.iter(), indent, |out, item, inner| {
                write_value(out, item, inner)
            })
        }
        Value::Object(fields) => write_items(
            out,
            '{',
            '}',
            fields.iter(),
            indent,
            |out, (key, item), inner| {
                write_string(out, key);
                out.push_str(if inner.is_some() { ": " } else { ":" });
                write_value(out, item, inner);
            },
        ),
    }
}

/// An array's or an object's items between `open` and `close`, each written by `write`.
fn write_items<T>(
    out: &mut String,
    open: char,
    close: char,
    items: impl ExactSizeIterator<Item = T>,
    indent: Option<usize>,
    write: impl Fn(&mut String, T, Option<usize>),
) {
    out.push(open);
    let empty = items.len() == 0;
    let inner = indent.map(|depth| depth + 1);
    for (k, item) in items.enumerate() {
        if k > 0 {
            out.push(',');
        }
        if let Some(depth) = inner {
            out.push('\n');
            out.extend(std::iter::repeat_n(' ', 2 * depth));
        }
        write(out, item, inner);
    }
    if let (Some(depth), false) = (indent, empty) {
        out.push('\n');
        out.extend(std::iter::repeat_n(' ', 2 * depth));
    }
    out.push(close);
}

/// A string in quotes, with `"`, `\` and the control characters escaped.
fn write_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A value written as JSON: the types the crate's files, links and module-API objects hold.
pub trait ToJson {
    /// The value.
    fn to_json(&self) -> Value;
}

impl ToJson for f64 {
    fn to_json(&self) -> Value {
        Value::from(*self)
    }
}

impl ToJson for bool {
    fn to_json(&self) -> Value {
        Value::Bool(*self)
    }
}

impl ToJson for usize {
    fn to_json(&self) -> Value {
        Value::from(*self)
    }
}

impl ToJson for u32 {
    fn to_json(&self) -> Value {
        Value::from(u64::from(*self))
    }
}

impl ToJson for u64 {
    fn to_json(&self) -> Value {
        Value::from(*self)
    }
}

impl ToJson for String {
    fn to_json(&self) -> Value {
        Value::String(self.clone())
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn to_json(&self) -> Value {
        array(self)
    }
}

impl<T: ToJson, const K: usize> ToJson for [T; K] {
    fn to_json(&self) -> Value {
        array(self)
    }
}

/// The items in a JSON array, by a plain loop: each item type (there are two dozen) then adds
/// one small function to the page rather than a chain of iterator adapters.
fn array<T: ToJson>(items: &[T]) -> Value {
    let mut values = Vec::with_capacity(items.len());
    for item in items {
        values.push(item.to_json());
    }
    Value::Array(values)
}

impl<T: ToJson> ToJson for Option<T> {
    fn to_json(&self) -> Value {
        self.as_ref().map_or(Value::Null, ToJson::to_json)
    }
}

/// An object written field by field: `Fields::new().field("a", &1.0).finish()`.
#[derive(Default)]
pub struct Fields(Vec<(String, Value)>);

impl Fields {
    /// No fields yet.
    pub fn new() -> Fields {
        Fields::default()
    }

    /// Adds `name`.
    pub fn field(mut self, name: &str, value: &impl ToJson) -> Fields {
        self.0.push((name.to_string(), value.to_json()));
        self
    }

    /// Adds `name` when `value` is `Some`.
    pub fn some<T: ToJson>(self, name: &str, value: &Option<T>) -> Fields {
        match value {
            Some(value) => self.field(name, value),
            None => self,
        }
    }

    /// Adds `name` unless `skip`.
    pub fn unless(self, skip: bool, name: &str, value: &impl ToJson) -> Fields {
        if skip {
            self
        } else {
            self.field(name, value)
        }
    }

    /// The object.
    pub fn finish(self) -> Value {
        // Each field is named once by its writer: nothing to look for twice.
        Value::Object(Map { fields: self.0 })
    }
}

/// An enum files write by name (`"leaky_relu"`): the name [`Named`] gives, the one its reader
/// reads back.
impl<T: Named> ToJson for T {
    fn to_json(&self) -> Value {
        Value::from(self.name())
    }
}

// The maths' own types (`crates/nn`, which knows nothing of this crate), as files write them.

impl ToJson for Sample {
    fn to_json(&self) -> Value {
        Fields::new()
            .field("x", &self.x)
            .field("y", &self.y)
            .finish()
    }
}

impl ToJson for Params {
    fn to_json(&self) -> Value {
        Fields::new()
            .field("weights", &self.weights)
            .field("biases", &self.biases)
            .finish()
    }
}

impl ToJson for OptimizerState {
    fn to_json(&self) -> Value {
        Fields::new()
            .field("step", &self.step)
            .some("velocity", &self.velocity)
            .some("first_moment", &self.first_moment)
            .some("second_moment", &self.second_moment)
            .finish()
    }
}

/// `{"kind": "adam", "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8}`: the kind, then each of
/// its hyper-parameters.
impl ToJson for Optimizer {
    fn to_json(&self) -> Value {
        let mut fields = Fields::new().field("kind", &self.name().to_string());
        for (name, value) in self.hyper_parameters() {
            fields = fields.field(name, &value);
        }
        fields.finish()
    }
}
