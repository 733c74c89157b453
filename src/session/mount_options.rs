//! The module API's mount options as they cross from JavaScript: an object (made a JSON value by
//! the shell, then read into [`MountOptions`], so a misspelt option or a wrong type is refused by
//! name) turned into a [`Link`] by the link format's own reader, the only implementation of its
//! grammar and its ranges.
//!
//! ```
//! use backprop_viz::session::mount_options::MountOptions;
//! let value = backprop_viz::json::parse(r#"{"panels": ["canvas"], "digits": 5}"#).unwrap();
//! let options = MountOptions::from_value(&value).expect("known options of the right types");
//! let link = options.into_link("exam").expect("good options");
//! assert_eq!(link.digits, 5);
//! ```

use crate::decimal::{Fixed, Shortest};
use crate::json::Value;

use crate::read::{At, Object, Read, ReadError};
use crate::scenario::Scenario;
use crate::share::{base64url_encode, decode, percent_encode, Link};

/// What `mount(element, scenario, options)` takes as `options`; every field optional.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MountOptions {
    /// Panels shown: `canvas`, `controls`, `explain`, `editors`, `table`.
    pub panels: Option<Vec<String>>,
    /// Control groups shown: `timeline`, `history`, `quiz`, `options`, `mode`, `exports`.
    pub controls: Option<Vec<String>>,
    /// `light`, `dark` or `auto`.
    pub theme: Option<String>,
    /// Significant digits shown, 2 to 8.
    pub digits: Option<f64>,
    /// Start playing.
    pub autoplay: Option<bool>,
    /// Numbers and animation without editing.
    pub readonly: Option<bool>,
    /// The timeline position to open at.
    pub step: Option<f64>,
    /// The sample shown, from 0.
    pub sample: Option<f64>,
    /// Open as a quiz.
    pub quiz: Option<bool>,
    /// The phases the quiz asks.
    pub ask: Option<Vec<String>>,
    /// Significant digits answers are checked to, 2 to 8.
    pub tolerance: Option<f64>,
    /// Offer the worked solution's exports during a quiz.
    pub exports: Option<bool>,
    /// A quiz per student (asks a name, then quizzes that name's variant).
    pub variants: Option<bool>,
    /// `sample` or `data`.
    pub mode: Option<String>,
    /// Data-set mode's settings (any subset), as the playground format has them.
    pub playground: Option<Value>,
}

/// Every option's name, as [`MountOptions`] has them.
pub const OPTIONS: [&str; 15] = [
    "panels",
    "controls",
    "theme",
    "digits",
    "autoplay",
    "readonly",
    "step",
    "sample",
    "quiz",
    "ask",
    "tolerance",
    "exports",
    "variants",
    "mode",
    "playground",
];

/// Refuses a key that is no option, suggesting the nearest one (`theem`: did you mean `theme`?).
/// A reader that looks up each field by name would pass such a key over in silence.
pub fn refuse_unknown(keys: &[String]) -> Result<(), OptionError> {
    let Some(unknown) = keys.iter().find(|k| !OPTIONS.contains(&k.as_str())) else {
        return Ok(());
    };
    let shown: String = unknown.chars().take(30).collect();
    let nearest = OPTIONS
        .iter()
        .map(|o| (edit_distance(unknown, o), *o))
        .min()
        .filter(|(d, _)| *d <= 2)
        .map_or(String::new(), |(_, o)| format!("; did you mean `{o}`?"));
    Err(refuse(
        "options",
        format!(
            "`{shown}` is not an option ({}){nearest}",
            OPTIONS.join(", ")
        ),
    ))
}

/// A reader's refusal of an options object, as the page says it: the option is the path's
/// first name (`options` for the object itself), and a path deeper than the option is kept in
/// the message (`panels: at panels[1]: invalid type…`).
pub fn read_refusal(e: ReadError) -> OptionError {
    let field = e.path.split(['.', '[']).next().unwrap_or_default();
    if field.is_empty() {
        return refuse("options", e.message);
    }
    if field == e.path {
        return refuse(field, e.message);
    }
    refuse(field, format!("at {}: {}", e.path, e.message))
}

/// Levenshtein distance, by characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (row[j + 1] + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// Why options were refused: the option and what is wrong with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptionError {
    /// The option (`digits`, `panels`…).
    pub field: String,
    /// What is wrong, naming the bad value.
    pub message: String,
}

impl std::fmt::Display for OptionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

fn refuse(field: &str, message: impl Into<String>) -> OptionError {
    OptionError {
        field: field.into(),
        message: message.into(),
    }
}

/// A whole number in `[0, 10⁹]` written for the link, or why `value` is not one.
fn count(field: &str, value: f64) -> Result<String, OptionError> {
    if value.is_finite() && value.fract() == 0.0 && (0.0..=1e9).contains(&value) {
        Ok(Fixed(value, 0).to_string())
    } else {
        Err(refuse(
            field,
            format!("{} is not a whole number", Shortest(value)),
        ))
    }
}

impl Read for MountOptions {
    fn read(value: &Value, at: &At<'_>) -> Result<MountOptions, ReadError> {
        let o = Object::new(value, at, "an object", &OPTIONS)?;
        Ok(MountOptions {
            panels: o.nullable("panels")?,
            controls: o.nullable("controls")?,
            theme: o.nullable("theme")?,
            digits: o.nullable("digits")?,
            autoplay: o.nullable("autoplay")?,
            readonly: o.nullable("readonly")?,
            step: o.nullable("step")?,
            sample: o.nullable("sample")?,
            quiz: o.nullable("quiz")?,
            ask: o.nullable("ask")?,
            tolerance: o.nullable("tolerance")?,
            exports: o.nullable("exports")?,
            variants: o.nullable("variants")?,
            mode: o.nullable("mode")?,
            playground: o.nullable("playground")?,
        })
    }
}

impl MountOptions {
    /// The options in `value` (an object of them, every one optional; `null` is one left out),
    /// or the option misspelt (with the nearest name) or of the wrong type. Only the module
    /// API's `mount` reads them (in the page, from the API's part of the code).
    pub fn from_value(value: &Value) -> Result<MountOptions, OptionError> {
        let Some(object) = value.as_object() else {
            return Err(refuse(
                "options",
                "expected an object such as { panels: ['canvas'] }",
            ));
        };
        let keys: Vec<String> = object.keys().cloned().collect();
        refuse_unknown(&keys)?;
        crate::read::from_value(value).map_err(read_refusal)
    }

    /// The link these options and `scenario` (a preset name, or scenario JSON) describe, checked
    /// as a link is: each option refused by its name.
    pub fn into_link(self, scenario: &str) -> Result<Link, OptionError> {
        let scenario = Scenario::from_argument(scenario).map_err(|e| refuse("scenario", e))?;
        self.into_link_with(scenario)
    }

    /// The link these options and a validated `scenario` describe.
    pub fn into_link_with(self, scenario: Scenario) -> Result<Link, OptionError> {
        let mut pairs: Vec<(&str, String)> = vec![("v", "1".into())];
        let list = |items: &[String]| {
            items
                .iter()
                .map(|item| percent_encode(item))
                .collect::<Vec<_>>()
                .join(",")
        };
        for (key, items) in [
            ("panels", &self.panels),
            ("controls", &self.controls),
            ("ask", &self.ask),
        ] {
            if let Some(items) = items {
                pairs.push((key, list(items)));
            }
        }
        for (key, text) in [("theme", &self.theme), ("mode", &self.mode)] {
            if let Some(text) = text {
                pairs.push((key, percent_encode(text)));
            }
        }
        for (key, number) in [
            ("digits", self.digits),
            ("step", self.step),
            ("sample", self.sample),
            ("tolerance", self.tolerance),
        ] {
            if let Some(number) = number {
                pairs.push((key, count(key, number)?));
            }
        }
        for (key, flag) in [
            ("autoplay", self.autoplay),
            ("readonly", self.readonly),
            ("quiz", self.quiz),
            ("exports", self.exports),
            ("variants", self.variants),
        ] {
            if flag == Some(true) {
                pairs.push((key, "1".into()));
            }
        }
        if let Some(settings) = &self.playground {
            let mut saved = crate::json::Map::new();
            saved.insert("settings".into(), settings.clone());
            let saved = Value::Object(saved);
            pairs.push(("p", base64url_encode(saved.to_string().as_bytes())));
        }
        let hash: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let mut link = decode(&hash.join("&")).map_err(|e| {
            let field = if e.key == "p" { "playground" } else { &e.key };
            refuse(field, e.message)
        })?;
        if link.sample >= scenario.samples.len() {
            return Err(refuse(
                "sample",
                format!(
                    "{} is past the scenario's {} samples",
                    link.sample,
                    scenario.samples.len()
                ),
            ));
        }
        link.preset = scenario.preset_name().map(str::to_string);
        link.scenario = scenario;
        Ok(link)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::share::{Panel, ThemeChoice};

    fn options(json: &str) -> MountOptions {
        MountOptions::from_value(&crate::json::parse(json).expect("JSON")).expect("options")
    }

    fn refusal(json: &str) -> OptionError {
        MountOptions::from_value(&crate::json::parse(json).expect("JSON")).expect_err("refused")
    }

    #[test]
    fn a_refusal_names_the_option_and_what_javascript_should_pass() {
        let e = refusal(r#"{"digits": "5"}"#);
        assert_eq!(
            e.to_string(),
            "digits: invalid type: string \"5\", expected a number"
        );
        let e = refusal(r#"{"readonly": 1}"#);
        assert_eq!(
            e.to_string(),
            "readonly: invalid type: integer `1`, expected true or false"
        );
        let e = refusal(r#"{"panels": ["canvas", 2]}"#);
        assert_eq!(
            e.to_string(),
            "panels: at panels[1]: invalid type: integer `2`, expected a string"
        );
        assert_eq!(refusal("[1]").field, "options");
        let e = refusal(r#"{"theem": "dark"}"#);
        assert_eq!(e.field, "options");
        assert!(e.message.ends_with("did you mean `theme`?"), "{e}");
        assert_eq!(options(r#"{"digits": null}"#), MountOptions::default());
    }

    #[test]
    fn options_become_the_link_they_describe() {
        let link = options(
            r#"{"panels": ["canvas", "table"], "theme": "dark", "digits": 5, "quiz": true,
                "ask": ["loss"], "tolerance": 3, "readonly": false, "mode": "data",
                "playground": {"data": "spiral", "hidden": [8, 8]}}"#,
        )
        .into_link("exam")
        .expect("good options");
        assert_eq!(link.panels, vec![Panel::Canvas, Panel::Table]);
        assert_eq!(link.theme, ThemeChoice::Dark);
        assert_eq!((link.digits, link.tolerance, link.quiz), (5, Some(3), true));
        assert!(!link.readonly);
        let settings = &link.playground.expect("data-set mode").settings;
        assert_eq!(settings.hidden, vec![8, 8]);
        assert_eq!(link.preset.as_deref(), Some("exam"));
    }

    #[test]
    fn each_bad_option_is_refused_by_its_name() {
        let refused = |json: &str| options(json).into_link("exam").expect_err("refused");
        assert_eq!(refused(r#"{"panels": ["chart"]}"#).field, "panels");
        assert_eq!(refused(r#"{"digits": 9}"#).field, "digits");
        assert_eq!(refused(r#"{"digits": 4.5}"#).field, "digits");
        assert_eq!(refused(r#"{"theme": "blue"}"#).field, "theme");
        assert_eq!(refused(r#"{"sample": 3}"#).field, "sample");
        assert_eq!(
            refused(r#"{"playground": {"points": 1}}"#).field,
            "playground"
        );
        // An item cannot smuggle another option in.
        assert_eq!(
            refused(r#"{"panels": ["canvas&theme=dark"]}"#).field,
            "panels"
        );
        let keys = |k: &[&str]| k.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(refuse_unknown(&keys(&["panels", "theme"])), Ok(()));
        let e = refuse_unknown(&keys(&["panels", "theem"])).expect_err("a misspelt option");
        assert!(e.message.ends_with("did you mean `theme`?"), "{e}");
        let e = refuse_unknown(&keys(&["colour"])).expect_err("no such option");
        assert!(!e.message.contains("did you mean"), "{e}");
        assert!(refusal(r#"{"theem": "dark"}"#)
            .to_string()
            .contains("theem"));
    }
}
