//! JSON: a value, its text and the text's parser, written for this crate's files, links and
//! module-API objects.
//!
//! It reads and writes exactly what `serde_json` (with `preserve_order` and `float_roundtrip`)
//! did before it, with the same messages (`expected `,` or `}` at line 1 column 9`), objects in
//! their keys' order and numbers that read back to the same `f64`: tests compare the two on
//! many texts and numbers. It exists for the page's weight: with `serde_json`, `serde` and each
//! type's derived serialiser in their place the page's wasm was 68 KB larger (27 KB gzipped); a
//! number's digits come from `core`'s formatting and parsing, which the page has anyway.
//!
//! ```
//! use backprop_viz::json::{parse, Value};
//! let value = parse(r#"{"layers": [2, 2, 1], "learning_rate": 0.01}"#).unwrap();
//! assert_eq!(value.get("layers").and_then(Value::as_array).map(Vec::len), Some(3));
//! assert_eq!(value.to_string(), r#"{"layers":[2,2,1],"learning_rate":0.01}"#);
//! assert_eq!(parse("[1, 2,]").unwrap_err().to_string(), "trailing comma at line 1 column 7");
//! ```

mod number;
mod parse;
mod write;

use std::fmt;

pub use number::Number;
pub use parse::{parse, Error};
pub use write::{Fields, ToJson};

/// A JSON value.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Value {
    /// `null`.
    #[default]
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(Number),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object, its keys in the order written.
    Object(Map),
}

/// An object's fields in the order written; a key written twice keeps its first place and its
/// last value.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Map {
    fields: Vec<(String, Value)>,
}

impl Map {
    /// An empty object.
    pub fn new() -> Map {
        Map::default()
    }

    /// An object of `pairs`, in their order; a key given twice keeps its first place and its last
    /// value, as a JSON text's reader does. Sorting finds the twice-given keys, so that an
    /// object of a million keys (a hostile link or module-API object) takes a moment, not the
    /// hours a search per key would.
    pub fn from_pairs(mut pairs: Vec<(String, Value)>) -> Map {
        let mut order: Vec<usize> = (0..pairs.len()).collect();
        // By key, then place: the places of one key stay in the order written (the unstable
        // sort, with its tie broken by place, is the smaller code in the page).
        order.sort_unstable_by(|&a, &b| pairs[a].0.cmp(&pairs[b].0).then(a.cmp(&b)));
        let mut moves = Vec::new();
        let mut dropped = vec![false; pairs.len()];
        for run in order.chunk_by(|&a, &b| pairs[a].0 == pairs[b].0) {
            if let [first, .., last] = *run {
                moves.push((first, last));
                for &later in &run[1..] {
                    dropped[later] = true;
                }
            }
        }
        if !moves.is_empty() {
            for (first, last) in moves {
                pairs.swap(first, last);
            }
            let mut k = 0;
            pairs.retain(|_| {
                k += 1;
                !dropped[k - 1]
            });
        }
        Map { fields: pairs }
    }

    /// Sets `key` to `value` (in place if it is there, else at the end); a search, for objects of
    /// a few fields.
    pub fn insert(&mut self, key: String, value: Value) {
        match self.fields.iter_mut().find(|(k, _)| *k == key) {
            Some((_, slot)) => *slot = value,
            None => self.fields.push((key, value)),
        }
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.fields.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The value of `key`, to change.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        self.fields
            .iter_mut()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }

    /// The keys, in order.
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.fields.iter().map(|(k, _)| k)
    }

    /// The fields, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&String, &Value)> {
        self.fields.iter().map(|(k, v)| (k, v))
    }

    /// How many fields.
    pub fn len(&self) -> usize {
        self.fields.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }
}

impl<'a> IntoIterator for &'a Map {
    type Item = (&'a String, &'a Value);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, Value)>,
        fn(&'a (String, Value)) -> (&'a String, &'a Value),
    >;
    fn into_iter(self) -> Self::IntoIter {
        self.fields.iter().map(|(k, v)| (k, v))
    }
}

impl Value {
    /// The number, as an `f64`.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => n.as_f64(),
            _ => None,
        }
    }

    /// A whole number from 0 (see [`Number::as_u64`]).
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Value::Number(n) => n.as_u64(),
            _ => None,
        }
    }

    /// `true` or `false`.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The array's items.
    pub fn as_array(&self) -> Option<&Vec<Value>> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The object's fields.
    pub fn as_object(&self) -> Option<&Map> {
        match self {
            Value::Object(fields) => Some(fields),
            _ => None,
        }
    }

    /// An object's field.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_object().and_then(|fields| fields.get(key))
    }

    /// The value a JSON pointer (`/weights/0/1`) names, to change (`""` is the whole value).
    pub fn pointer_mut(&mut self, pointer: &str) -> Option<&mut Value> {
        if pointer.is_empty() {
            return Some(self);
        }
        let mut here = self;
        for token in pointer.strip_prefix('/')?.split('/') {
            let token = unescape_token(token);
            here = match here {
                Value::Object(fields) => fields.get_mut(&token)?,
                Value::Array(items) => items.get_mut(array_index(&token)?)?,
                _ => return None,
            };
        }
        Some(here)
    }

    /// The value as JSON text laid out for reading: two spaces an indent, one item a line.
    pub fn to_string_pretty(&self) -> String {
        let mut out = String::new();
        write::write_value(&mut out, self, Some(0));
        out
    }
}

/// A JSON pointer's token as an array's index: digits, without a leading zero (RFC 6901).
fn array_index(token: &str) -> Option<usize> {
    let digits = token.bytes().all(|b| b.is_ascii_digit());
    if !digits || token.is_empty() || (token.len() > 1 && token.starts_with('0')) {
        return None;
    }
    token.parse().ok()
}

/// A JSON pointer's token as the key it names: `~1` stands for `/` and `~0` for `~` (RFC 6901;
/// `~01` is `~1`, read left to right), any other `~` for itself.
fn unescape_token(token: &str) -> String {
    let mut key = String::with_capacity(token.len());
    let mut chars = token.chars().peekable();
    while let Some(c) = chars.next() {
        let escaped = match (c, chars.peek()) {
            ('~', Some('1')) => '/',
            ('~', Some('0')) => '~',
            _ => {
                key.push(c);
                continue;
            }
        };
        key.push(escaped);
        chars.next();
    }
    key
}

/// Compact JSON text: `{"a":[1,2.5]}`.
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        write::write_value(&mut out, self, None);
        f.write_str(&out)
    }
}

impl From<f64> for Value {
    /// A number (`null` where it is not finite, as JSON has no NaN or infinity).
    fn from(x: f64) -> Value {
        Number::from_f64(x).map_or(Value::Null, Value::Number)
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}

impl From<&str> for Value {
    fn from(text: &str) -> Value {
        Value::String(text.to_string())
    }
}

impl From<usize> for Value {
    fn from(n: usize) -> Value {
        Value::Number(Number::from(n as u64))
    }
}

impl From<u64> for Value {
    fn from(n: u64) -> Value {
        Value::Number(Number::from(n))
    }
}
