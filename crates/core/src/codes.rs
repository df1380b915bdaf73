//! The stored and exchanged name of a value: one spelling for JSON, SQL and
//! the UI, taken from serde so it cannot drift from the wire form.

use serde::Serialize;

/// The serialised name of a unit enum variant ("forcedLabour"), as stored in
/// filter columns; one spelling for JSON, SQL and the UI.
pub(crate) fn code_of<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|json| json.as_str().map(str::to_owned))
        .unwrap_or_default()
}
