//! The crate's JSON against `serde_json` (with `preserve_order` and `float_roundtrip`, as the
//! crate used it before): the same values from the same texts, the same refusals with the same
//! messages, and the same text written back, on hand-picked texts and many generated ones.

use backprop_viz::json::{parse, Number, Value};
use backprop_viz::scenario::{json_text, Scenario};

/// A small deterministic generator (xorshift), so that a failure can be run again.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Both parsers on `text`: the same value written the same way, or the same message.
fn agree(text: &str) {
    let ours = parse(text);
    let theirs = serde_json::from_str::<serde_json::Value>(text);
    match (&ours, &theirs) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a.to_string(), b.to_string(), "compact text of {text:?}");
            assert_eq!(
                a.to_string_pretty(),
                serde_json::to_string_pretty(b).unwrap(),
                "pretty text of {text:?}"
            );
        }
        (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string(), "message for {text:?}"),
        _ => panic!("{text:?}: ours {ours:?}, serde_json {theirs:?}"),
    }
}

#[test]
fn hand_picked_texts_read_and_fail_alike() {
    let texts = [
        "",
        " ",
        "null",
        "true",
        "false",
        "tru",
        "trux",
        "nul",
        "0",
        "-0",
        "-0.0",
        "01",
        "-01",
        "1.",
        "1.x",
        ".5",
        "+1",
        "-",
        "1e",
        "1e+",
        "1ex",
        "1E2",
        "2.50",
        "1e400",
        "-1e400",
        "1e-400",
        "18446744073709551615",
        "18446744073709551616",
        "-9223372036854775808",
        "-9223372036854775809",
        "123456789012345678901234567890",
        "0.1",
        "[]",
        "[ ]",
        "[1,2]",
        "[1 2]",
        "[1,]",
        "[1,",
        "[",
        "]",
        "{}",
        "{ }",
        r#"{"a":1}"#,
        r#"{"a" 1}"#,
        r#"{"a":1,}"#,
        r#"{"a":1 "b":2}"#,
        r#"{1:2}"#,
        r#"{"a":"#,
        r#"{"a""#,
        r#"{"a":1,"a":2,"b":3}"#,
        r#"{"b":1,"a":2,"b":3,"c":4,"a":5,"b":{"a":6,"a":7}}"#,
        r#"{"b":1,"a":{"c":[],"d":{}}}"#,
        "[1]x",
        "[1] \n ",
        "\"abc",
        "\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\"",
        "\"\\x\"",
        "\"\\u00e9\\u0041\"",
        "\"\\ud83d\\ude00\"",
        "\"\\ud800\"",
        "\"\\ud800x\"",
        "\"\\ud800\\u0041\"",
        "\"\\udc00\"",
        "\"\\u12\"",
        "\"\\u12g4\"",
        "\"\u{1}\"",
        "\"tab\there\"",
        "\"\u{7f}é€😀\"",
        "\n\n  [1,\n  2,\n  x]",
        "{\"version\": 1,\r\n \"layers\": [2, 2, 1]}",
        "NaN",
        "Infinity",
        "'a'",
    ];
    for text in texts {
        agree(text);
    }
}

#[test]
fn nesting_is_refused_where_serde_json_refuses_it() {
    for depth in [126, 127, 128, 129, 1000] {
        agree(&"[".repeat(depth));
        agree(&format!("{}{}", "[".repeat(depth), "]".repeat(depth)));
        agree(&"{\"a\":".repeat(depth));
    }
}

#[test]
fn numbers_are_written_with_the_same_digits_and_read_back_to_the_same_bits() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let check = |x: f64| {
        let Some(n) = Number::from_f64(x) else {
            return;
        };
        let ours = n.to_string();
        assert_eq!(ours, serde_json::to_string(&x).unwrap(), "{x:e}");
        let back = parse(&ours).unwrap().as_f64().unwrap();
        assert_eq!(back.to_bits(), x.to_bits(), "{ours}");
    };
    for x in [
        0.0,
        -0.0,
        1.0,
        0.1,
        1e-5,
        1e-6,
        1e15,
        1e16,
        1e21,
        5e-324,
        2.5e-5,
        123456.789,
        f64::MAX,
        f64::MIN_POSITIVE,
        -1.5e300,
        9007199254740993.0,
        0.30000000000000004,
    ] {
        check(x);
    }
    for _ in 0..200_000 {
        // Any bit pattern (every exponent), then numbers like the page's.
        check(f64::from_bits(rng.next()));
        let digits = (rng.next() % 1_000_000) as f64;
        let scale = 10f64.powi(rng.below(24) as i32 - 12);
        check(digits * scale * if rng.below(2) == 0 { 1.0 } else { -1.0 });
    }
}

#[test]
fn number_texts_read_to_the_same_value() {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    for _ in 0..100_000 {
        let mut text = String::new();
        if rng.below(3) == 0 {
            text.push('-');
        }
        for _ in 0..1 + rng.below(25) {
            text.push(char::from(b'0' + rng.below(10) as u8));
        }
        if rng.below(2) == 0 {
            text.push('.');
            for _ in 0..1 + rng.below(25) {
                text.push(char::from(b'0' + rng.below(10) as u8));
            }
        }
        if rng.below(2) == 0 {
            text.push(['e', 'E'][rng.below(2)]);
            if rng.below(2) == 0 {
                text.push(['+', '-'][rng.below(2)]);
            }
            text.push_str(&rng.below(400).to_string());
        }
        agree(&text);
    }
}

#[test]
fn keys_written_twice_keep_their_first_place_and_last_value() {
    let mut rng = Rng(0x0123_4567_89AB_CDEF);
    for _ in 0..2_000 {
        let fields: Vec<String> = (0..rng.below(12))
            .map(|k| format!("\"{}\":{k}", ["a", "b", "c", "d", "é"][rng.below(5)]))
            .collect();
        agree(&format!("{{{}}}", fields.join(",")));
    }
}

/// An object of very many keys (a hostile link holds up to 4 MB) is read in one pass and a
/// sort, not a search per key: a regression would take hours, and the test's time limit with it.
#[test]
fn an_object_of_many_keys_is_read_without_a_search_per_key() {
    let keys = 300_000;
    let mut text = String::from("{");
    for k in 0..keys {
        text.push_str(&format!("\"k{}\":{k},", k % (keys / 2)));
    }
    text.push_str("\"k0\":-1}");
    let value = parse(&text).unwrap();
    let fields = value.as_object().unwrap();
    assert_eq!(fields.len(), keys / 2);
    assert_eq!(fields.keys().next().map(String::as_str), Some("k0"));
    assert_eq!(fields.get("k0").and_then(Value::as_f64), Some(-1.0));
    assert_eq!(
        fields.get("k1").and_then(Value::as_f64),
        Some((keys / 2 + 1) as f64)
    );
}

#[test]
fn damaged_scenario_files_fail_alike() {
    let good = Scenario::preset("exam").unwrap().to_json();
    agree(&good);
    let bytes = good.as_bytes();
    let pieces = [
        "", "\"", ",", ":", "[", "]", "{", "}", "-", "e", "0", ".", " ", "\\", "\n", "é",
    ];
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    for _ in 0..20_000 {
        let at = rng.below(bytes.len());
        let cut = (at + rng.below(4)).min(bytes.len());
        let mut text = String::from_utf8_lossy(&bytes[..at]).into_owned();
        text.push_str(pieces[rng.below(pieces.len())]);
        text.push_str(&String::from_utf8_lossy(&bytes[cut..]));
        agree(&text);
    }
}

#[test]
fn every_preset_is_written_as_serde_json_wrote_it() {
    for name in Scenario::PRESETS {
        let scenario = Scenario::preset(name).unwrap();
        for pretty in [false, true] {
            let ours = json_text(&scenario, pretty);
            let value: serde_json::Value = serde_json::from_str(&ours).unwrap();
            let theirs = if pretty {
                serde_json::to_string_pretty(&value).unwrap()
            } else {
                value.to_string()
            };
            assert_eq!(ours, theirs);
            assert_eq!(Scenario::from_json(&ours).unwrap(), scenario);
        }
    }
}

#[test]
fn strings_escape_what_json_must_and_nothing_else() {
    let text: String = (0u32..0x80)
        .chain([0xe9, 0x2028, 0x1F600])
        .filter_map(char::from_u32)
        .collect();
    let ours = Value::String(text.clone()).to_string();
    assert_eq!(ours, serde_json::Value::String(text.clone()).to_string());
    assert_eq!(parse(&ours).unwrap(), Value::String(text));
}

/// The page's code (everything under `src/` but the command line and the tests) writes and
/// reads JSON only through `backprop_viz::json`: `serde_json` stays with the command line and the
/// tests, out of the page's wasm.
#[test]
fn the_page_code_does_not_use_serde_json() {
    fn visit(dir: &std::path::Path, found: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).expect("src") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                if !path.ends_with("bin") {
                    visit(&path, found);
                }
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("source");
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            for (k, line) in code.lines().enumerate() {
                let line = line.trim_start();
                if !line.starts_with("//") && line.contains("serde_json") {
                    found.push(format!("{}:{}: {line}", path.display(), k + 1));
                }
            }
        }
    }
    let mut found = Vec::new();
    visit(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut found,
    );
    assert!(
        found.is_empty(),
        "serde_json in the page's code:\n{}",
        found.join("\n")
    );
}

/// The maths' own types (`crates/nn`, which still derives serde's serialiser for the command
/// line) are written as that serialiser writes them, which is what files have always held.
#[test]
fn the_maths_types_are_written_as_their_serde_serialiser_writes_them() {
    use backprop_viz::json::ToJson;
    use backprop_viz::nn::{Activation, Loss, Optimizer, OptimizerState, Params, Sample};
    fn same<T: ToJson + serde::Serialize>(value: &T) {
        assert_eq!(
            value.to_json().to_string(),
            serde_json::to_string(value).unwrap()
        );
    }
    for optimizer in Optimizer::ALL {
        same(&optimizer);
    }
    same(&Optimizer::Adam {
        beta1: 0.8,
        beta2: 0.99,
        epsilon: 1e-7,
    });
    for activation in Activation::ALL {
        same(&activation);
    }
    for loss in Loss::ALL {
        same(&loss);
    }
    let params = Params {
        weights: vec![vec![vec![0.5, -0.6], vec![-0.4, 0.8]]],
        biases: vec![vec![0.2, 1e-7]],
    };
    same(&params);
    same(&Sample {
        x: vec![1.0, 2.0],
        y: vec![0.0],
    });
    same(&OptimizerState {
        step: 3,
        velocity: None,
        first_moment: Some(params.clone()),
        second_moment: Some(params),
    });
    same(&OptimizerState::default());
}

#[test]
fn a_json_pointer_names_the_same_value_as_serde_jsons() {
    let text = r#"{"a/b": 1, "m~n": 2, "~1": 3, "/": 4, "x~": 5, "~": 6, "~2": 7, "~/": 8,
        "list": [10, {"k~": 11}], "": 12}"#;
    let mut ours = parse(text).expect("parses");
    let mut theirs: serde_json::Value = serde_json::from_str(text).expect("parses");
    for pointer in [
        "",
        "/a~1b",
        "/m~0n",
        "/~01",
        "/~1",
        "/x~",
        "/~",
        "/~2",
        "/~0~1",
        "/list/1/k~0",
        "/list/0",
        "/list/2",
        "/list/01",
        "/list/+1",
        "/list/-0",
        "/list/00",
        "/",
        "/a~1c",
        "/a/b",
        "list",
        "/~0",
    ] {
        let found = ours.pointer_mut(pointer).map(|v| v.to_string());
        let expected = theirs.pointer_mut(pointer).map(|v| v.to_string());
        assert_eq!(found, expected, "{pointer:?}");
    }
}
