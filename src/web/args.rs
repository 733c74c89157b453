//! JavaScript values in and out of the module API: arguments read as the session checks them,
//! objects read as JSON values (then by the crate's readers) and written as JSON values (an
//! event's detail field by field, for its `Infinity`), and refusals as `Error`s that name the
//! argument (with `field` and `value` properties where there is a path).

use std::fmt::Display;

use wasm_bindgen::{JsCast, JsValue};

use crate::json::{Map, Number, ToJson, Value};

use crate::edit::Field;
use crate::read::{At, ReadError};
use crate::scenario::Scenario;
use crate::session::api::Arg;
use crate::session::mount_options::{read_refusal, refuse_unknown, MountOptions, OptionError};
use crate::session::{Detail, DetailValue};

/// Deepest nesting a JavaScript object may have (a scenario's is 4 deep; one that contains
/// itself would otherwise be followed until the stack ran out).
const MAX_DEPTH: usize = 32;
/// Most values (numbers, strings, arrays…) an object may hold: more than a scenario within
/// its limits can have.
const MAX_VALUES: usize = 2_000_000;

/// A scenario argument: a preset name or scenario JSON (a string), or a scenario object, read
/// as a JSON value by the file format's own reader (the same validation and messages as a
/// file). A refused object's `Error` has `field` (the path, `weights[0][1][0]`) and `value`
/// (what was there).
pub fn scenario_arg(value: &JsValue) -> Result<Scenario, JsValue> {
    if let Some(text) = value.as_string() {
        return Scenario::from_argument(&text).map_err(refuse);
    }
    if value.is_undefined() {
        return Ok(Scenario::default());
    }
    if !value.is_object() || js_sys::Array::is_array(value) {
        return Err(refuse(
            "scenario: expected a preset name, scenario JSON or a scenario object",
        ));
    }
    let json = json_value(value).map_err(|e| refuse_at("scenario", &e, &e.path, value))?;
    Scenario::from_value(json).map_err(|e| refuse_at("scenario", &e, &e.path, value))
}

/// The value at a field path (`samples[0].x[1]`) inside a JavaScript object (`undefined` when
/// there is none).
pub fn value_at(root: &JsValue, path: &str) -> JsValue {
    let mut here = root.clone();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (key, indices) = part
            .split_once('[')
            .map_or((part, ""), |(k, rest)| (k, rest));
        if !key.is_empty() {
            here =
                js_sys::Reflect::get(&here, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
        }
        for index in indices
            .split('[')
            .filter_map(|i| i.trim_end_matches(']').parse::<u32>().ok())
        {
            here = js_sys::Reflect::get_u32(&here, index).unwrap_or(JsValue::UNDEFINED);
        }
    }
    here
}

/// The options object read as [`MountOptions`] (`undefined`: none), or an `Error` naming the
/// option that is misspelt or of the wrong type.
pub fn mount_options(options: &JsValue) -> Result<MountOptions, JsValue> {
    if options.is_undefined() || options.is_null() {
        return Ok(MountOptions::default());
    }
    if !options.is_object() || js_sys::Array::is_array(options) {
        return Err(refuse(
            "options: expected an object such as { panels: ['canvas'] }",
        ));
    }
    let keys: Vec<String> = js_sys::Object::keys(options.unchecked_ref::<js_sys::Object>())
        .iter()
        .filter_map(|k| k.as_string())
        .collect();
    // A misspelt option is named (with the nearest one) before its value is looked at.
    refuse_unknown(&keys).map_err(|e| refuse(e.to_string()))?;
    let refused = |e: OptionError| refuse_at(&e.field, &e.message, &e.field, options);
    let json = json_value(options).map_err(|e| refused(read_refusal(e)))?;
    MountOptions::from_value(&json).map_err(refused)
}

/// A JavaScript value as the JSON value `JSON.stringify` would write, or the path of what has
/// none: a number that is not finite (`JSON.stringify` would write `null`), a function, a
/// symbol, a `BigInt`, a getter that throws, an object nested too deep (or containing itself).
/// Properties that are `undefined` are left out, as `JSON.stringify` leaves them.
pub fn json_value(value: &JsValue) -> Result<Value, ReadError> {
    let mut values = 0;
    to_json(value, &At::default(), 0, &mut values)
}

fn to_json(
    value: &JsValue,
    at: &At<'_>,
    depth: usize,
    values: &mut usize,
) -> Result<Value, ReadError> {
    *values += 1;
    if *values > MAX_VALUES {
        return Err(at.refuse(format!("the object holds more than {MAX_VALUES} values")));
    }
    if value.is_null() || value.is_undefined() {
        return Ok(Value::Null);
    }
    if let Some(b) = value.as_bool() {
        return Ok(Value::Bool(b));
    }
    if let Some(x) = value.as_f64() {
        return number(x).ok_or_else(|| {
            // As JavaScript writes it.
            let shown = match x {
                f64::INFINITY => "Infinity",
                f64::NEG_INFINITY => "-Infinity",
                _ => "NaN",
            };
            at.refuse(format!("{shown} is not a finite number"))
        });
    }
    if let Some(text) = value.as_string() {
        return Ok(Value::String(text));
    }
    if value.is_function() || value.is_symbol() || value.is_bigint() {
        let kind = value.js_typeof().as_string().unwrap_or_default();
        return Err(at.refuse(format!(
            "a {kind} is not a JSON value (numbers, strings, true, false, null, arrays, objects)"
        )));
    }
    if depth >= MAX_DEPTH {
        return Err(at.refuse(format!(
            "is nested more than {MAX_DEPTH} deep (does it contain itself?)"
        )));
    }
    let unreadable = |e: JsValue| {
        let why = js_sys::Error::from(e)
            .message()
            .as_string()
            .unwrap_or_default();
        at.refuse(format!("could not be read: {why}"))
    };
    if js_sys::Array::is_array(value) {
        let array: &js_sys::Array = value.unchecked_ref();
        let mut items = Vec::with_capacity(array.length().min(1 << 16) as usize);
        for i in 0..array.length() {
            let item = js_sys::Reflect::get_u32(value, i).map_err(unreadable)?;
            items.push(to_json(&item, &at.index(i as usize), depth + 1, values)?);
        }
        return Ok(Value::Array(items));
    }
    let mut fields = Vec::new();
    let keys = js_sys::Object::keys(value.unchecked_ref::<js_sys::Object>());
    for key in keys.iter() {
        let item = js_sys::Reflect::get(value, &key).map_err(unreadable)?;
        if item.is_undefined() {
            continue;
        }
        let name = key.as_string().unwrap_or_default();
        let item = to_json(&item, &at.field(&name), depth + 1, values)?;
        fields.push((name, item));
    }
    Ok(Value::Object(Map::from_pairs(fields)))
}

/// A finite JavaScript number as a JSON number: a whole one (other than −0) as an integer, as
/// `JSON.parse` of its text would give it to the readers.
fn number(x: f64) -> Option<Value> {
    const SAFE: f64 = 9_007_199_254_740_991.0;
    if x.fract() == 0.0 && x.abs() <= SAFE && !(x == 0.0 && x.is_sign_negative()) {
        #[allow(clippy::cast_possible_truncation)]
        let whole = x as i64;
        return Some(Value::Number(whole.into()));
    }
    Number::from_f64(x).map(Value::Number)
}

/// A value as the object `JSON.parse` of its JSON text would give: written through a JSON
/// value, as files and links write it, so that each type's serialiser is in the wasm once (a
/// number that is not finite would be `null`, as in the text; a scenario and a saved playground
/// have none).
pub fn json_object(value: &impl ToJson) -> JsValue {
    js_value(&value.to_json())
}

fn js_value(json: &Value) -> JsValue {
    match json {
        Value::Null => JsValue::NULL,
        Value::Bool(b) => JsValue::from_bool(*b),
        Value::Number(n) => JsValue::from_f64(n.as_f64().unwrap_or(f64::NAN)),
        Value::String(text) => JsValue::from_str(text),
        Value::Array(items) => items.iter().map(js_value).collect::<js_sys::Array>().into(),
        Value::Object(fields) => {
            let object = js_sys::Object::new();
            for (name, item) in fields {
                let _ = js_sys::Reflect::set(&object, &JsValue::from_str(name), &js_value(item));
            }
            object.into()
        }
    }
}

/// An event's detail as the object its subscribers receive (numbers as they are: an
/// overflowed loss is `Infinity`).
pub fn detail_object(detail: &Detail) -> JsValue {
    let object = js_sys::Object::new();
    for (name, value) in detail.fields() {
        let value = match value {
            DetailValue::Number(x) => JsValue::from_f64(x),
            DetailValue::Whole(n) => JsValue::from_f64(n as f64),
            DetailValue::Text(text) => JsValue::from_str(&text),
            DetailValue::Flag(b) => JsValue::from_bool(b),
            DetailValue::Null => JsValue::NULL,
        };
        let _ = js_sys::Reflect::set(&object, &JsValue::from_str(name), &value);
    }
    object.into()
}

/// An `Error` saying `{name}: {message}`, with `field` (the path it is about) and `value` (what
/// `root` holds there) properties.
pub fn refuse_at(name: &str, message: impl Display, field: &str, root: &JsValue) -> JsValue {
    let error = js_sys::Error::new(&format!("{name}: {message}"));
    let _ = js_sys::Reflect::set(&error, &"field".into(), &JsValue::from_str(field));
    let _ = js_sys::Reflect::set(&error, &"value".into(), &value_at(root, field));
    error.into()
}

/// A JavaScript argument as the session checks it.
pub fn arg(value: &JsValue) -> Arg {
    if value.is_undefined() {
        Arg::Missing
    } else if let Some(x) = value.as_f64() {
        Arg::Number(x)
    } else if let Some(t) = value.as_string() {
        Arg::Text(t)
    } else if let Some(b) = value.as_bool() {
        Arg::Bool(b)
    } else if value.is_function() {
        Arg::Other("function")
    } else {
        Arg::Other("object")
    }
}

/// A field path argument, refused unless it is a string naming a field.
pub fn field_arg(path: &JsValue) -> Result<Field, JsValue> {
    let path = arg(path).text("path").map_err(refuse)?;
    Field::parse(&path).ok_or_else(|| refuse(format!("path: “{path}” is not a field path")))
}

/// An `Error` with the message.
pub fn refuse(message: impl AsRef<str>) -> JsValue {
    js_sys::Error::new(message.as_ref()).into()
}
