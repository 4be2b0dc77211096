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
//!
//! [`Stamped`] adds the stamp while serialising, so every field keeps its place (the
//! stamp comes last); [`stamp`] does the same on a `serde_json::Value`.

use serde::ser::{Serialize, SerializeMap, SerializeSeq, SerializeStruct, Serializer};
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

/// `value` serialised with the stamp added (see the module doc for where): the
/// fields of `value` keep their order and the stamp follows them.
pub struct Stamped<'a, T: ?Sized> {
    value: &'a T,
    generated_by: &'a Value,
}

impl<'a, T: ?Sized> Stamped<'a, T> {
    /// Wrap `value` for serialisation with the stamp `generated_by`.
    pub fn new(value: &'a T, generated_by: &'a Value) -> Self {
        Self {
            value,
            generated_by,
        }
    }
}

impl<T: ?Sized + Serialize> Serialize for Stamped<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(Top {
            inner: serializer,
            generated_by: self.generated_by,
            depth: Depth::Top,
        })
    }
}

/// Where the serialiser is: at the output's top level, an element of a top-level
/// array, or anywhere below (where nothing is added).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Depth {
    Top,
    Element,
    Below,
}

/// A serialiser that adds the stamp to the first object it meets at the top level
/// or in each element of a top-level array, and passes everything else through.
struct Top<'a, S> {
    inner: S,
    generated_by: &'a Value,
    depth: Depth,
}

/// An element of a top-level array, serialised through [`Top`] at element depth.
struct Element<'a, T: ?Sized> {
    value: &'a T,
    generated_by: &'a Value,
}

impl<T: ?Sized + Serialize> Serialize for Element<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(Top {
            inner: serializer,
            generated_by: self.generated_by,
            depth: Depth::Element,
        })
    }
}

/// A struct or map being serialised, which gets the stamp when it ends.
struct WithStamp<'a, M> {
    inner: M,
    generated_by: Option<&'a Value>,
}

/// A sequence whose elements are stamped (a top-level array) or not.
struct Seq<'a, M> {
    inner: M,
    generated_by: Option<&'a Value>,
}

impl<M: SerializeStruct> SerializeStruct for WithStamp<'_, M> {
    type Ok = M::Ok;
    type Error = M::Error;
    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Self::Error> {
        self.inner.serialize_field(key, value)
    }
    fn skip_field(&mut self, key: &'static str) -> Result<(), Self::Error> {
        self.inner.skip_field(key)
    }
    fn end(mut self) -> Result<Self::Ok, Self::Error> {
        if let Some(g) = self.generated_by {
            self.inner.serialize_field(KEY, g)?;
        }
        self.inner.end()
    }
}

impl<M: SerializeMap> SerializeMap for WithStamp<'_, M> {
    type Ok = M::Ok;
    type Error = M::Error;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), Self::Error> {
        self.inner.serialize_key(key)
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Self::Error> {
        self.inner.serialize_value(value)
    }
    fn end(mut self) -> Result<Self::Ok, Self::Error> {
        if let Some(g) = self.generated_by {
            self.inner.serialize_entry(KEY, g)?;
        }
        self.inner.end()
    }
}

impl<M: SerializeSeq> SerializeSeq for Seq<'_, M> {
    type Ok = M::Ok;
    type Error = M::Error;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Self::Error> {
        match self.generated_by {
            Some(generated_by) => self.inner.serialize_element(&Element {
                value,
                generated_by,
            }),
            None => self.inner.serialize_element(value),
        }
    }
    fn end(self) -> Result<Self::Ok, Self::Error> {
        self.inner.end()
    }
}

macro_rules! forward {
    ($($name:ident($($arg:ident: $ty:ty),*);)*) => {
        $(fn $name(self, $($arg: $ty),*) -> Result<Self::Ok, Self::Error> {
            self.inner.$name($($arg),*)
        })*
    };
}

impl<'a, S: Serializer> Serializer for Top<'a, S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = Seq<'a, S::SerializeSeq>;
    type SerializeTuple = S::SerializeTuple;
    type SerializeTupleStruct = S::SerializeTupleStruct;
    type SerializeTupleVariant = S::SerializeTupleVariant;
    type SerializeMap = WithStamp<'a, S::SerializeMap>;
    type SerializeStruct = WithStamp<'a, S::SerializeStruct>;
    type SerializeStructVariant = S::SerializeStructVariant;

    forward! {
        serialize_bool(v: bool);
        serialize_i8(v: i8);
        serialize_i16(v: i16);
        serialize_i32(v: i32);
        serialize_i64(v: i64);
        serialize_i128(v: i128);
        serialize_u8(v: u8);
        serialize_u16(v: u16);
        serialize_u32(v: u32);
        serialize_u64(v: u64);
        serialize_u128(v: u128);
        serialize_f32(v: f32);
        serialize_f64(v: f64);
        serialize_char(v: char);
        serialize_str(v: &str);
        serialize_bytes(v: &[u8]);
        serialize_none();
        serialize_unit();
        serialize_unit_struct(name: &'static str);
        serialize_unit_variant(name: &'static str, index: u32, variant: &'static str);
    }

    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<Self::Ok, Self::Error> {
        // An Option at the top is transparent in JSON: stamp what it holds.
        value.serialize(self)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<Self::Ok, Self::Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Self::Ok, Self::Error> {
        self.inner
            .serialize_newtype_variant(name, index, variant, value)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Self::SerializeSeq, Self::Error> {
        let stamp_elements = self.depth == Depth::Top;
        Ok(Seq {
            inner: self.inner.serialize_seq(len)?,
            generated_by: stamp_elements.then_some(self.generated_by),
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Self::SerializeTuple, Self::Error> {
        self.inner.serialize_tuple(len)
    }
    fn serialize_tuple_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleStruct, Self::Error> {
        self.inner.serialize_tuple_struct(name, len)
    }
    fn serialize_tuple_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleVariant, Self::Error> {
        self.inner
            .serialize_tuple_variant(name, index, variant, len)
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Self::SerializeMap, Self::Error> {
        let stamp = self.depth != Depth::Below;
        Ok(WithStamp {
            inner: self
                .inner
                .serialize_map(len.map(|n| n + usize::from(stamp)))?,
            generated_by: stamp.then_some(self.generated_by),
        })
    }
    fn serialize_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStruct, Self::Error> {
        let stamp = self.depth != Depth::Below;
        Ok(WithStamp {
            inner: self
                .inner
                .serialize_struct(name, len + usize::from(stamp))?,
            generated_by: stamp.then_some(self.generated_by),
        })
    }
    fn serialize_struct_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStructVariant, Self::Error> {
        self.inner
            .serialize_struct_variant(name, index, variant, len)
    }
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

    #[derive(serde::Serialize)]
    struct Fit {
        zeta: f64,
        alpha: Vec<f64>,
        nested: Inner,
    }
    #[derive(serde::Serialize)]
    struct Inner {
        b: u8,
        a: u8,
    }

    fn fit() -> Fit {
        Fit {
            zeta: 1.5,
            alpha: vec![1.0, 2.0],
            nested: Inner { b: 2, a: 1 },
        }
    }

    #[test]
    fn serialised_stamp_keeps_the_field_order_and_comes_last() {
        let g = generated_by("x", None);
        let text = serde_json::to_string(&Stamped::new(&fit(), &g)).unwrap();
        assert_eq!(
            text,
            r#"{"zeta":1.5,"alpha":[1.0,2.0],"nested":{"b":2,"a":1},"generated_by":{"command":"x","garnet_version":""#
                .to_string()
                + VERSION
                + r#""}}"#
        );
    }

    #[test]
    fn serialised_stamp_equals_the_value_stamp() {
        let g = generated_by("eis fit", Some(json!({"starts": 8})));
        let cases = [
            json!({"a": 1}),
            json!([{"a": 1}, {"b": [{"c": 2}]}, 3]),
            json!(4.5),
            json!([1, 2]),
            json!({}),
            json!([]),
            json!({"list": [{"x": 1}]}),
        ];
        for v in cases {
            let text = serde_json::to_string(&Stamped::new(&v, &g)).unwrap();
            let back: Value = serde_json::from_str(&text).unwrap();
            assert_eq!(back, stamp(v.clone(), &g), "{v}");
        }
        let rows = vec![fit(), fit()];
        let text = serde_json::to_string(&Stamped::new(&rows, &g)).unwrap();
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, stamp(serde_json::to_value(&rows).unwrap(), &g));
        assert!(back[0]["nested"].get(KEY).is_none());
        let some = Some(fit());
        let back: Value =
            serde_json::from_str(&serde_json::to_string(&Stamped::new(&some, &g)).unwrap())
                .unwrap();
        assert_eq!(back[KEY]["command"], "eis fit");
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
