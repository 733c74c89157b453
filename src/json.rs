//! JSON: a value, its text and the text's parser, written for this crate's files, links and
//! module-API objects.
//!
//! It reads and writes exactly what `serde_json` (with `preserve_order` and `float_roundtrip`)
//! did before it, with the same messages (`expected `,` or `}` at line 1 column 9`), objects in
//! their keys' order and numbers that read back to the same `f64`: tests compare the two on
//! many texts and numbers. It exists for the page's weight: `serde_json`, `serde` and each type's
//! derived serialiser took about 55 KB of the page's wasm, where this takes a few; a number's
//! digits come from `core`'s formatting, which the page has anyway.
//!
//! ```
//! use backprop_viz::json::{parse, Value};
//! let value = parse(r#"{"layers": [2, 2, 1], "learning_rate": 0.01}"#).unwrap();
//! assert_eq!(value.get("layers").and_then(Value::as_array).map(Vec::len), Some(3));
//! assert_eq!(value.to_string(), r#"{"layers":[2,2,1],"learning_rate":0.01}"#);
//! assert_eq!(parse("[1, 2,]").unwrap_err().to_string(), "trailing comma at line 1 column 7");
//! ```

use std::fmt::{self, Write as _};

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

/// A JSON number: a whole number as written (to 64 bits), anything else as an `f64`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Number(N);

#[derive(Clone, Copy, Debug, PartialEq)]
enum N {
    Whole(u64),
    Negative(i64),
    Float(f64),
}

impl Number {
    /// A finite `f64` as a number (`None` for NaN and the infinities, which JSON has not).
    pub fn from_f64(x: f64) -> Option<Number> {
        x.is_finite().then_some(Number(N::Float(x)))
    }

    /// The number as an `f64`.
    pub fn as_f64(&self) -> Option<f64> {
        Some(match self.0 {
            N::Whole(n) => n as f64,
            N::Negative(n) => n as f64,
            N::Float(x) => x,
        })
    }

    /// The number, if it is a whole number from 0 written without a fraction or an exponent.
    pub fn as_u64(&self) -> Option<u64> {
        match self.0 {
            N::Whole(n) => Some(n),
            _ => None,
        }
    }

    /// The number, if it is a whole number written without a fraction or an exponent that fits
    /// in an `i64`.
    pub fn as_i64(&self) -> Option<i64> {
        match self.0 {
            N::Whole(n) => i64::try_from(n).ok(),
            N::Negative(n) => Some(n),
            N::Float(_) => None,
        }
    }

    /// Whether the number is held as an `f64` (written with a fraction or an exponent).
    pub fn is_f64(&self) -> bool {
        matches!(self.0, N::Float(_))
    }

    /// Whether the number is a whole number from 0.
    pub fn is_u64(&self) -> bool {
        matches!(self.0, N::Whole(_))
    }

    /// Whether the number is a whole number that fits in an `i64`.
    pub fn is_i64(&self) -> bool {
        self.as_i64().is_some()
    }
}

impl From<i64> for Number {
    fn from(n: i64) -> Number {
        match u64::try_from(n) {
            Ok(whole) => Number(N::Whole(whole)),
            Err(_) => Number(N::Negative(n)),
        }
    }
}

impl From<u64> for Number {
    fn from(n: u64) -> Number {
        Number(N::Whole(n))
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            N::Whole(n) => write!(f, "{n}"),
            N::Negative(n) => write!(f, "{n}"),
            N::Float(x) => f.write_str(&float_text(x)),
        }
    }
}

/// A finite `f64` as JSON writes it: the fewest digits that read back to `x`, in positional
/// notation from 1e-5 to below 1e16 (`0.00001`, `100.0`, `1234567890123456.8`) and in
/// scientific notation outside it (`1e-6`, `1e+16`, `1.5e+300`).
fn float_text(x: f64) -> String {
    // `{:e}` gives the fewest digits that read back (`1.2345e-7`, `-5e0`); of two such equally
    // near `x` it takes the one above, where JSON writers take the even one, as `{:.N e}` does:
    // the correctly rounded number of as many digits, used when it reads back too.
    let shortest = format!("{x:e}");
    let digits = shortest
        .split('e')
        .next()
        .unwrap_or_default()
        .bytes()
        .filter(u8::is_ascii_digit)
        .count();
    let rounded = format!("{x:.*e}", digits.saturating_sub(1));
    let scientific = if rounded.parse::<f64>() == Ok(x) {
        rounded
    } else {
        shortest
    };
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", mantissa),
    };
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let digits = match digits.trim_end_matches('0') {
        "" => "0",
        significant => significant,
    };
    let mut out = String::from(sign);
    if (-5..16).contains(&exponent) {
        let point = exponent + 1;
        if point <= 0 {
            out.push_str("0.");
            out.extend(std::iter::repeat_n('0', point.unsigned_abs() as usize));
            out.push_str(digits);
        } else {
            let point = point as usize;
            if digits.len() > point {
                out.push_str(&digits[..point]);
                out.push('.');
                out.push_str(&digits[point..]);
            } else {
                out.push_str(digits);
                out.extend(std::iter::repeat_n('0', point - digits.len()));
                out.push_str(".0");
            }
        }
    } else {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        let _ = write!(
            out,
            "e{}{}",
            if exponent < 0 { '-' } else { '+' },
            exponent.abs()
        );
    }
    out
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

    /// Sets `key` to `value` (in place if it is there, else at the end).
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

    /// Whether `key` is there.
    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// The keys, in order.
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.fields.iter().map(|(k, _)| k)
    }

    /// The fields, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Value)> {
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

    /// The array's items, to change.
    pub fn as_array_mut(&mut self) -> Option<&mut Vec<Value>> {
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

    /// The object's fields, to change.
    pub fn as_object_mut(&mut self) -> Option<&mut Map> {
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
            let token = token.replace("~1", "/").replace("~0", "~");
            here = match here {
                Value::Object(fields) => fields.get_mut(&token)?,
                Value::Array(items) => items.get_mut(token.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(here)
    }

    /// Whether it is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// The value as JSON text laid out for reading: two spaces an indent, one item a line.
    pub fn to_string_pretty(&self) -> String {
        let mut out = String::new();
        write_value(&mut out, self, Some(0));
        out
    }
}

/// Compact JSON text: `{"a":[1,2.5]}`.
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        write_value(&mut out, self, None);
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

/// Writes `value`; `indent` is the depth for the readable layout, `None` for compact text.
fn write_value(out: &mut String, value: &Value, indent: Option<usize>) {
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
            fields.fields.iter(),
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
        Value::Array(self.iter().map(ToJson::to_json).collect())
    }
}

impl<T: ToJson, const K: usize> ToJson for [T; K] {
    fn to_json(&self) -> Value {
        Value::Array(self.iter().map(ToJson::to_json).collect())
    }
}

impl<T: ToJson> ToJson for Option<T> {
    fn to_json(&self) -> Value {
        self.as_ref().map_or(Value::Null, ToJson::to_json)
    }
}

/// An object written field by field: `Fields::new().field("a", &1.0).finish()`.
#[derive(Default)]
pub struct Fields(Map);

impl Fields {
    /// No fields yet.
    pub fn new() -> Fields {
        Fields::default()
    }

    /// Adds `name`.
    pub fn field(mut self, name: &str, value: &impl ToJson) -> Fields {
        self.0.fields.push((name.to_string(), value.to_json()));
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
        Value::Object(self.0)
    }
}

/// Why a text is not JSON, and where: `expected `:` at line 1 column 6`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    message: &'static str,
    line: usize,
    column: usize,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.message, self.line, self.column
        )
    }
}

impl std::error::Error for Error {}

/// Deepest nesting of arrays and objects read (a deeper text is refused, not followed until
/// the stack runs out).
const MAX_DEPTH: usize = 127;

/// JSON text as a value.
pub fn parse(text: &str) -> Result<Value, Error> {
    let mut parser = Parser {
        text: text.as_bytes(),
        at: 0,
        depth: 0,
    };
    let value = parser.value()?;
    parser.skip_space();
    if parser.at < parser.text.len() {
        return Err(parser.fail_here("trailing characters"));
    }
    Ok(value)
}

struct Parser<'t> {
    text: &'t [u8],
    at: usize,
    depth: usize,
}

const EOF_VALUE: &str = "EOF while parsing a value";
const EOF_LIST: &str = "EOF while parsing a list";
const EOF_OBJECT: &str = "EOF while parsing an object";
const EOF_STRING: &str = "EOF while parsing a string";

impl Parser<'_> {
    /// An error after the first `end` bytes (the byte at fault included).
    fn fail_at(&self, end: usize, message: &'static str) -> Error {
        let before = &self.text[..end.min(self.text.len())];
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        Error {
            message,
            line: 1 + before.iter().filter(|&&b| b == b'\n').count(),
            column: before.len() - line_start,
        }
    }

    /// An error at the byte here (or the end of the text).
    fn fail_here(&self, message: &'static str) -> Error {
        self.fail_at(self.at + 1, message)
    }

    fn peek(&self) -> Option<u8> {
        self.text.get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn value(&mut self) -> Result<Value, Error> {
        self.skip_space();
        match self.peek() {
            None => Err(self.fail_here(EOF_VALUE)),
            Some(b'n') => self.word("null", Value::Null),
            Some(b't') => self.word("true", Value::Bool(true)),
            Some(b'f') => self.word("false", Value::Bool(false)),
            Some(b'"') => {
                self.at += 1;
                self.string().map(Value::String)
            }
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b'[') => self.nested(Parser::array),
            Some(b'{') => self.nested(Parser::object),
            Some(_) => Err(self.fail_here("expected value")),
        }
    }

    fn word(&mut self, word: &str, value: Value) -> Result<Value, Error> {
        for &expected in word.as_bytes() {
            match self.peek() {
                None => return Err(self.fail_here(EOF_VALUE)),
                Some(b) if b == expected => self.at += 1,
                Some(_) => return Err(self.fail_here("expected ident")),
            }
        }
        Ok(value)
    }

    /// An array or an object (`read` reads it from its opening bracket), one level deeper.
    fn nested(&mut self, read: fn(&mut Self) -> Result<Value, Error>) -> Result<Value, Error> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.fail_here("recursion limit exceeded"));
        }
        self.at += 1;
        let value = read(self);
        self.depth -= 1;
        value
    }

    fn array(&mut self) -> Result<Value, Error> {
        let mut items = Vec::new();
        self.skip_space();
        match self.peek() {
            None => return Err(self.fail_here(EOF_LIST)),
            Some(b']') => {
                self.at += 1;
                return Ok(Value::Array(items));
            }
            Some(_) => {}
        }
        loop {
            items.push(self.value()?);
            self.skip_space();
            match self.peek() {
                None => return Err(self.fail_here(EOF_LIST)),
                Some(b']') => {
                    self.at += 1;
                    return Ok(Value::Array(items));
                }
                Some(b',') => {
                    self.at += 1;
                    self.skip_space();
                    if self.peek() == Some(b']') {
                        return Err(self.fail_here("trailing comma"));
                    }
                }
                Some(_) => return Err(self.fail_here("expected `,` or `]`")),
            }
        }
    }

    fn object(&mut self) -> Result<Value, Error> {
        let mut fields = Map::new();
        self.skip_space();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(Value::Object(fields));
        }
        // At the end of the text: "an object" before the first key, "a value" after a comma.
        let mut at_end = EOF_OBJECT;
        loop {
            match self.peek() {
                None => return Err(self.fail_here(at_end)),
                Some(b'"') => self.at += 1,
                Some(_) => return Err(self.fail_here("key must be a string")),
            }
            let key = self.string()?;
            self.skip_space();
            match self.peek() {
                None => return Err(self.fail_here(EOF_OBJECT)),
                Some(b':') => self.at += 1,
                Some(_) => return Err(self.fail_here("expected `:`")),
            }
            let value = self.value()?;
            fields.insert(key, value);
            self.skip_space();
            match self.peek() {
                None => return Err(self.fail_here(EOF_OBJECT)),
                Some(b'}') => {
                    self.at += 1;
                    return Ok(Value::Object(fields));
                }
                Some(b',') => {
                    self.at += 1;
                    self.skip_space();
                    if self.peek() == Some(b'}') {
                        return Err(self.fail_here("trailing comma"));
                    }
                    at_end = EOF_VALUE;
                }
                Some(_) => return Err(self.fail_here("expected `,` or `}`")),
            }
        }
    }

    /// A string's contents, after its opening quote.
    fn string(&mut self) -> Result<String, Error> {
        let mut out = String::new();
        let mut start = self.at;
        loop {
            match self.peek() {
                None => return Err(self.fail_at(self.text.len(), EOF_STRING)),
                Some(b'"') => {
                    out.push_str(self.slice(start));
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    out.push_str(self.slice(start));
                    self.at += 1;
                    self.escape(&mut out)?;
                    start = self.at;
                }
                Some(0..=0x1f) => {
                    return Err(self.fail_here(
                        "control character (\\u0000-\\u001F) found while parsing a string",
                    ))
                }
                Some(_) => self.at += 1,
            }
        }
    }

    /// The text from `start` to here (whole characters: the parser stops only at ASCII bytes).
    fn slice(&self, start: usize) -> &str {
        std::str::from_utf8(&self.text[start..self.at]).unwrap_or_default()
    }

    /// An escape, after its backslash.
    fn escape(&mut self, out: &mut String) -> Result<(), Error> {
        let Some(b) = self.peek() else {
            return Err(self.fail_here(EOF_STRING));
        };
        self.at += 1;
        let c = match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => return self.unicode_escape(out),
            _ => return Err(self.fail_at(self.at, "invalid escape")),
        };
        out.push(c);
        Ok(())
    }

    /// `\uXXXX`, after its `u`; a surrogate pair is two of them.
    fn unicode_escape(&mut self, out: &mut String) -> Result<(), Error> {
        let first = self.hex4()?;
        let code = match first {
            0xDC00..=0xDFFF => {
                return Err(self.fail_at(self.at, "lone leading surrogate in hex escape"))
            }
            0xD800..=0xDBFF => {
                for expected in [b'\\', b'u'] {
                    match self.peek() {
                        None => return Err(self.fail_here(EOF_STRING)),
                        Some(b) if b == expected => self.at += 1,
                        Some(_) => {
                            return Err(self.fail_here("unexpected end of hex escape"));
                        }
                    }
                }
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(self.fail_at(self.at, "lone leading surrogate in hex escape"));
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            _ => first,
        };
        match char::from_u32(code) {
            Some(c) => {
                out.push(c);
                Ok(())
            }
            None => Err(self.fail_at(self.at, "invalid unicode code point")),
        }
    }

    /// Four hexadecimal digits (all four read before any is judged).
    fn hex4(&mut self) -> Result<u32, Error> {
        if self.text.len() - self.at < 4 {
            return Err(self.fail_at(self.text.len(), EOF_STRING));
        }
        let digits = &self.text[self.at..self.at + 4];
        self.at += 4;
        let mut code = 0;
        for &b in digits {
            let digit = (b as char)
                .to_digit(16)
                .ok_or_else(|| self.fail_at(self.at, "invalid escape"))?;
            code = code * 16 + digit;
        }
        Ok(code)
    }

    /// A number: `-`, then `0` or digits, then `.` digits, then `e` or `E`, a sign, digits.
    fn number(&mut self) -> Result<Value, Error> {
        let start = self.at;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.at += 1;
        }
        match self.peek() {
            None => return Err(self.fail_here(EOF_VALUE)),
            Some(b'0') => {
                self.at += 1;
                if matches!(self.peek(), Some(b'0'..=b'9')) {
                    return Err(self.fail_here("invalid number"));
                }
            }
            Some(b'1'..=b'9') => self.digits(),
            Some(_) => return Err(self.fail_here("invalid number")),
        }
        let mut whole = true;
        if self.peek() == Some(b'.') {
            self.at += 1;
            whole = false;
            self.required_digits()?;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            whole = false;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            self.required_digits()?;
        }
        let text = self.slice(start);
        if whole {
            if let Ok(n) = text.parse::<u64>() {
                return Ok(Value::Number(Number(N::Whole(n))));
            }
            if let Ok(n) = text.parse::<i64>() {
                if n != 0 {
                    return Ok(Value::Number(Number(N::Negative(n))));
                }
            }
        }
        match text.parse::<f64>() {
            Ok(x) if x.is_finite() => Ok(Value::Number(Number(N::Float(x)))),
            _ => Err(self.fail_at(self.at, "number out of range")),
        }
    }

    fn digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
    }

    /// At least one digit.
    fn required_digits(&mut self) -> Result<(), Error> {
        match self.peek() {
            None => Err(self.fail_here(EOF_VALUE)),
            Some(b'0'..=b'9') => {
                self.digits();
                Ok(())
            }
            Some(_) => Err(self.fail_here("invalid number")),
        }
    }
}

// The maths' own types (`crates/nn`, which knows nothing of this crate), as files write them.

use crate::nn::data::DataKind;
use crate::nn::train::{Feature, Init, Regularization};
use crate::nn::{Activation, Loss, Optimizer, OptimizerState, Params, Sample};

macro_rules! json_by_name {
    ($($t:ty),*) => {$(
        impl ToJson for $t {
            fn to_json(&self) -> Value {
                Value::from(self.name())
            }
        }
    )*};
}

json_by_name!(Activation, Loss, DataKind, Feature, Init, Regularization);

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
