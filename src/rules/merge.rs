//! JSON Merge Patch (RFC 7396), used by rule examples to state only what differs from a
//! base encounter.

use serde_json::Value;

pub fn merge_patch(target: &mut Value, patch: &Value) {
    let Value::Object(patch_map) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = Value::Object(Default::default());
    }
    let target_map = target.as_object_mut().expect("made an object above");
    for (key, value) in patch_map {
        if value.is_null() {
            target_map.remove(key);
        } else {
            merge_patch(target_map.entry(key.clone()).or_insert(Value::Null), value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn follows_rfc_7396() {
        let mut doc = json!({"a": {"b": 1, "c": 2}, "list": [1, 2], "gone": true});
        merge_patch(&mut doc, &json!({"a": {"b": 9}, "list": [3], "gone": null, "new": "x"}));
        assert_eq!(doc, json!({"a": {"b": 9, "c": 2}, "list": [3], "new": "x"}));
    }
}
