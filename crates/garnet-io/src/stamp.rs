//! What made an output: garnet's version and the model options, in every JSON
//! output, Parquet footer and report, so results from different releases or
//! different settings can be told apart.
//!
//! The stamp is one JSON object under the key [`KEY`] (`generated_by`):
//!
//! ```json
//! "generated_by": {
//!   "garnet_version": "0.1.0",
//!   "command": "simulate",
//!   "model_options": { "model": "single-ion DFN", "mesh": {…}, "solver": {…} }
//! }
//! ```
//!
//! `model_options` is present where a model ran (simulations, fits, screening) and
//! holds the options that decide its numbers; data look-ups carry only the version and
//! the command. An output whose top level is an object gets the key at its top level;
//! one whose top level is an array of objects (several files fitted, a list of cells)
//! gets it in every element, so that no consumer sees its structure change. CSV
//! outputs stay plain for the tools that read them.

use serde_json::{Map, Value};

/// The key of the stamp.
pub const KEY: &str = "generated_by";

/// garnet's version (the workspace version, the same for every crate and the binary).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The stamp of an output made by `command` with these model options.
pub fn generated_by(command: &str, model_options: Option<Value>) -> Value {
    let mut m = Map::new();
    m.insert("garnet_version".into(), Value::String(VERSION.into()));
    m.insert("command".into(), Value::String(command.into()));
    if let Some(options) = model_options {
        m.insert("model_options".into(), options);
    }
    Value::Object(m)
}

/// `value` with the stamp added (see the module doc for where); a scalar or an
/// array of scalars is returned unchanged.
pub fn stamp(mut value: Value, generated_by: &Value) -> Value {
    match &mut value {
        Value::Object(m) => {
            m.insert(KEY.into(), generated_by.clone());
        }
        Value::Array(items) => {
            for item in items {
                if let Value::Object(m) = item {
                    m.insert(KEY.into(), generated_by.clone());
                }
            }
        }
        _ => {}
    }
    value
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use serde_json::json;

    #[test]
    fn objects_get_the_stamp_at_the_top() {
        let g = generated_by("simulate", Some(json!({"mesh": {"cathode": 20}})));
        let v = stamp(json!({"capacity": 1.0}), &g);
        assert_eq!(v["capacity"], 1.0);
        assert_eq!(v[KEY]["garnet_version"], env!("CARGO_PKG_VERSION"));
        assert_eq!(v[KEY]["command"], "simulate");
        assert_eq!(v[KEY]["model_options"]["mesh"]["cathode"], 20);
    }

    #[test]
    fn arrays_keep_their_shape_and_stamp_each_object() {
        let g = generated_by("eis fit", None);
        let v = stamp(json!([{"a": 1}, {"a": 2}, 3]), &g);
        let items = v.as_array().unwrap();
        assert_eq!(items.len(), 3);
        assert_eq!(items[0][KEY]["command"], "eis fit");
        assert_eq!(items[1]["a"], 2);
        assert_eq!(items[2], 3);
        assert!(items[0][KEY].get("model_options").is_none());
    }
}
