//! JavaScript values in and out of the module API: arguments read as the session checks them,
//! objects read and written through serde-wasm-bindgen, and refusals as `Error`s that name the
//! argument (with `field` and `value` properties where there is a path).

use std::fmt::Display;

use wasm_bindgen::{JsCast, JsValue};

use crate::edit::Field;
use crate::scenario::Scenario;
use crate::session::api::Arg;
use crate::session::mount_options::{read_refusal, refuse_unknown, MountOptions};

/// A scenario argument: a preset name or scenario JSON (a string), or a scenario object, read
/// through serde-wasm-bindgen by the file format's own reader (the same validation and
/// messages as a file). A refused object's `Error` has `field` (the path, `weights[0][1][0]`)
/// and `value` (what was there).
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
    let reader = serde_wasm_bindgen::Deserializer::from(value.clone());
    let json: serde_json::Value = serde::Deserialize::deserialize(reader).map_err(|e| {
        refuse(format!(
            "scenario: {}",
            e.to_string().trim_start_matches("Error: ")
        ))
    })?;
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
    refuse_unknown(&keys).map_err(|e| refuse(e.to_string()))?;
    let reader = serde_wasm_bindgen::Deserializer::from(options.clone());
    serde_path_to_error::deserialize(reader).map_err(|e| {
        let refusal = read_refusal(&e.path().to_string(), &e.into_inner().to_string());
        refuse_at(&refusal.field, &refusal.message, &refusal.field, options)
    })
}

/// A value as a plain JavaScript object (maps as objects, as `JSON.parse` would give).
pub fn to_object(value: &impl serde::Serialize) -> Result<JsValue, JsValue> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    value
        .serialize(&serializer)
        .map_err(|e| refuse(e.to_string()))
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
