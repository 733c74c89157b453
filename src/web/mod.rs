//! The browser front end (wasm32 only): the only module that uses web crates.
