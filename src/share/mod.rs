//! Share links and embed options: the whole state in a URL hash, compact and versioned.
//!
//! A hash is a list of `key=value` pairs joined by `&` (URL query syntax):
//!
//! | key | value |
//! |---|---|
//! | `v` | format version, `1` |
//! | `s` | the scenario: its JSON, base64url-encoded (no padding) |
//! | `preset` | instead of `s`: a built-in scenario (`exam`, `xor`, `softmax`, `deep_tanh`) |
//! | `step` | timeline position to open at (0 = before the forward pass; default: the end) |
//! | `sample` | which sample to show (0-based) |
//! | `panels` | comma list of `canvas`, `controls`, `explain`, `editors`, `table` (default: all) |
//! | `theme` | `light`, `dark` or `auto` |
//! | `digits` | significant digits shown, 2 to 8 |
//! | `autoplay` | `1` to start playing |
//! | `readonly` | `1` for numbers and animation without editing |
//! | `quiz` | `1` to open in quiz mode: predict each value, then see it |
//! | `ask` | the phases the quiz asks: comma list of `forward`, `loss`, `backward`, `update` |
//! | `tolerance` | significant digits an answer is checked to (2 to 8; default: `digits`) |
//! | `exports` | `1` to offer the worked solution's exports (Markdown, LaTeX, JSON) during a quiz |
//! | `controls` | comma list of the control groups shown: `timeline`, `history`, `quiz`, `options`, `mode`, `exports` (default: all) |
//!
//! ```
//! use backprop_viz::share::{Link, decode, encode};
//! use backprop_viz::scenario::Scenario;
//! let link = Link { scenario: Scenario::preset("xor").expect("xor"), ..Link::default() };
//! assert_eq!(decode(&encode(&link)), Ok(link));
//! ```

use std::fmt;

mod non_finite;
mod text;

use crate::phase::Phase;
use crate::playground::Saved;
use crate::scenario::{Scenario, ScenarioError};
pub use non_finite::read_link_scenario;
use non_finite::scenario_text;
use text::percent_decode;
pub use text::{base64url_decode, base64url_encode, percent_encode};

/// The share-link format this build writes and reads.
pub const LINK_VERSION: u32 = 1;
/// Longest hash accepted, in bytes (a 10-layer, 64-neuron scenario fits comfortably).
pub const MAX_HASH_BYTES: usize = 4_000_000;

/// A group of the widget's controls, for a minimal embed (`controls=timeline`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Control {
    /// Play, step, back, replay, the speed and the position.
    Timeline,
    /// Apply SGD step, undo, redo, reset.
    History,
    /// Quiz me.
    Quiz,
    /// The scenario and sample menus, the digits, the theme button.
    Options,
    /// The switch between one sample and a data set.
    Mode,
    /// The export buttons, import and the text box.
    Exports,
}

impl Control {
    /// Every group, in page order.
    pub const ALL: [Control; 6] = [
        Control::Timeline,
        Control::History,
        Control::Quiz,
        Control::Options,
        Control::Mode,
        Control::Exports,
    ];

    /// The name used in links.
    pub fn name(self) -> &'static str {
        match self {
            Control::Timeline => "timeline",
            Control::History => "history",
            Control::Quiz => "quiz",
            Control::Options => "options",
            Control::Mode => "mode",
            Control::Exports => "exports",
        }
    }

    /// What the group holds, for a person choosing it.
    pub fn title(self) -> &'static str {
        match self {
            Control::Timeline => "Play and step",
            Control::History => "Apply step, undo, reset",
            Control::Quiz => "Quiz me",
            Control::Options => "Menus and theme",
            Control::Mode => "Data-set mode",
            Control::Exports => "Exports",
        }
    }
}

/// A panel of the widget.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Panel {
    /// The network canvas.
    Canvas,
    /// Play, step, speed, apply, undo.
    Controls,
    /// The current step and the selection's chain rule.
    Explain,
    /// Sliders and number boxes.
    Editors,
    /// The table of every value.
    Table,
}

impl Panel {
    /// Every panel, in page order.
    pub const ALL: [Panel; 5] = [
        Panel::Canvas,
        Panel::Controls,
        Panel::Explain,
        Panel::Editors,
        Panel::Table,
    ];

    /// The name used in links.
    pub fn name(self) -> &'static str {
        match self {
            Panel::Canvas => "canvas",
            Panel::Controls => "controls",
            Panel::Explain => "explain",
            Panel::Editors => "editors",
            Panel::Table => "table",
        }
    }

    /// What the panel shows, for a person choosing it.
    pub fn title(self) -> &'static str {
        match self {
            Panel::Canvas => "Network",
            Panel::Controls => "Toolbar",
            Panel::Explain => "Explanation",
            Panel::Editors => "Sliders",
            Panel::Table => "Table",
        }
    }
}

/// The theme a link asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ThemeChoice {
    /// Follow the system.
    #[default]
    Auto,
    /// Light.
    Light,
    /// Dark.
    Dark,
}

/// Everything a link carries.
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    /// The scenario, with any edits.
    pub scenario: Scenario,
    /// The preset the scenario is, if it is one unchanged (written as `preset=` to keep links short).
    pub preset: Option<String>,
    /// Timeline position to open at; `None` for the end (everything shown).
    pub step: Option<usize>,
    /// The sample shown.
    pub sample: usize,
    /// Panels shown, in page order.
    pub panels: Vec<Panel>,
    /// Control groups shown (inside the panels shown).
    pub controls: Vec<Control>,
    /// Theme.
    pub theme: ThemeChoice,
    /// Significant digits.
    pub digits: usize,
    /// Start playing.
    pub autoplay: bool,
    /// No editing.
    pub readonly: bool,
    /// Open in quiz mode.
    pub quiz: bool,
    /// The phases the quiz asks about.
    pub ask: Vec<Phase>,
    /// Significant digits answers are checked to; `None` for the digits shown.
    pub tolerance: Option<usize>,
    /// During a quiz, the exports that give the answers away (the worked solution, the
    /// scenario file) are offered anyway; otherwise they wait until the quiz is finished.
    pub quiz_exports: bool,
    /// A variant per student (`variants=1`): the page asks for a name or number and shows the
    /// variant of the scenario drawn from it (with the link's quiz, if any).
    pub per_student: bool,
    /// Data-set mode: the playground (settings, hand-made data, trained weights, picked point).
    /// The network view then shows the picked point, so the link carries no scenario.
    pub playground: Option<Saved>,
}

impl Default for Link {
    fn default() -> Link {
        Link {
            scenario: Scenario::default(),
            preset: None,
            step: None,
            sample: 0,
            panels: Panel::ALL.to_vec(),
            controls: Control::ALL.to_vec(),
            theme: ThemeChoice::Auto,
            digits: 4,
            autoplay: false,
            readonly: false,
            quiz: false,
            ask: Phase::ALL.to_vec(),
            tolerance: None,
            quiz_exports: false,
            per_student: false,
            playground: None,
        }
    }
}

/// Why a link was refused: which key, and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkError {
    /// The key (`s`, `panels`…), or empty for the link as a whole.
    pub key: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.key.is_empty() {
            write!(f, "link: {}", self.message)
        } else {
            write!(f, "link `{}`: {}", self.key, self.message)
        }
    }
}

impl std::error::Error for LinkError {}

/// The text a base64url value carries (the scenario's or the playground's JSON).
fn encoded_text(key: &str, value: &str) -> Result<String, LinkError> {
    let bytes = base64url_decode(value)
        .ok_or_else(|| error(key, "is not valid base64url (the link may be cut short)"))?;
    String::from_utf8(bytes).map_err(|_| error(key, "does not decode to UTF-8 text"))
}

fn error(key: &str, message: impl Into<String>) -> LinkError {
    LinkError {
        key: key.into(),
        message: message.into(),
    }
}

/// Writes a link's hash (without the leading `#`).
pub fn encode(link: &Link) -> String {
    let mut parts = vec![format!("v={LINK_VERSION}")];
    match &link.preset {
        _ if link.playground.is_some() => {
            let json = crate::scenario::json_text(&link.playground, false);
            parts.push(format!("p={}", base64url_encode(json.as_bytes())));
        }
        Some(name) if Scenario::preset(name).as_ref() == Some(&link.scenario) => {
            parts.push(format!("preset={name}"))
        }
        _ => {
            let json = scenario_text(&link.scenario);
            parts.push(format!("s={}", base64url_encode(json.as_bytes())));
        }
    }
    if let Some(step) = link.step {
        parts.push(format!("step={step}"));
    }
    if link.sample != 0 {
        parts.push(format!("sample={}", link.sample));
    }
    if link.panels != Panel::ALL {
        let names: Vec<&str> = link.panels.iter().map(|p| p.name()).collect();
        parts.push(format!("panels={}", names.join(",")));
    }
    if link.controls != Control::ALL {
        let names: Vec<&str> = link.controls.iter().map(|c| c.name()).collect();
        parts.push(format!("controls={}", names.join(",")));
    }
    match link.theme {
        ThemeChoice::Auto => {}
        ThemeChoice::Light => parts.push("theme=light".into()),
        ThemeChoice::Dark => parts.push("theme=dark".into()),
    }
    if link.digits != 4 {
        parts.push(format!("digits={}", link.digits));
    }
    if link.autoplay {
        parts.push("autoplay=1".into());
    }
    if link.readonly {
        parts.push("readonly=1".into());
    }
    if link.quiz {
        parts.push("quiz=1".into());
    }
    if link.ask != Phase::ALL {
        let names: Vec<&str> = link.ask.iter().map(|p| p.name()).collect();
        parts.push(format!("ask={}", names.join(",")));
    }
    if let Some(t) = link.tolerance {
        parts.push(format!("tolerance={t}"));
    }
    if link.quiz_exports {
        parts.push("exports=1".into());
    }
    if link.per_student {
        parts.push("variants=1".into());
    }
    parts.join("&")
}

/// A hash's `key=value` pairs as written (with or without the leading `#`; values not yet
/// percent-decoded).
pub fn pairs(hash: &str) -> impl Iterator<Item = (&str, &str)> {
    let hash = hash.strip_prefix('#').unwrap_or(hash);
    hash.split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| pair.split_once('=').unwrap_or((pair, "")))
}

/// Whether a link's switch is on, as [`decode`] reads it (`1`, `true` or nothing).
fn switch_on(value: &str) -> bool {
    matches!(value, "1" | "true" | "")
}

/// Reads a hash (with or without the leading `#`). Every problem is an error naming its key;
/// nothing here panics, whatever the input.
pub fn decode(hash: &str) -> Result<Link, LinkError> {
    if hash.len() > MAX_HASH_BYTES {
        return Err(error(
            "",
            format!(
                "is {} bytes long; the limit is {MAX_HASH_BYTES}",
                hash.len()
            ),
        ));
    }
    let mut link = Link::default();
    let mut scenario: Option<Scenario> = None;
    let mut version_seen = false;
    let mut data_mode = false;
    for (key, value) in pairs(hash) {
        let value = percent_decode(value)
            .ok_or_else(|| error(key, "is not valid percent-encoded UTF-8"))?;
        match key {
            "v" => {
                version_seen = true;
                if value != LINK_VERSION.to_string() {
                    return Err(error(
                        "v",
                        format!(
                            "version {} is not supported; this build reads version {LINK_VERSION}",
                            short(&value)
                        ),
                    ));
                }
            }
            "s" => {
                let text = encoded_text("s", &value)?;
                // Through the reader's part (the page loads it first for a link with a scenario).
                let parsed = crate::parts::reader()
                    .and_then(|read| (read.link_scenario)(&text))
                    .map_err(|e: ScenarioError| error("s", e.to_string()))?;
                scenario = Some(parsed);
            }
            "p" => {
                let saved = Saved::from_json(&encoded_text("p", &value)?)
                    .map_err(|e| error("p", format!("is not a playground: {e}")))?;
                // Checked in full where data-set mode's code is here (the module API loads it
                // before it mounts); a page that fetches it on entering the mode checks then.
                if let Some(code) = crate::parts::data() {
                    (code.restore)(saved.clone()).map_err(|e| error("p", e.to_string()))?;
                }
                link.playground = Some(saved);
            }
            "mode" => match value.as_str() {
                "sample" => {}
                "data" => data_mode = true,
                other => {
                    return Err(error(
                        "mode",
                        format!("“{}” is not sample or data", short(other)),
                    ))
                }
            },
            "preset" => {
                let preset = Scenario::preset(&value).ok_or_else(|| {
                    error(
                        "preset",
                        format!(
                            "“{}” is not one of {}",
                            short(&value),
                            Scenario::PRESETS.join(", ")
                        ),
                    )
                })?;
                link.preset = Some(value.clone());
                scenario = Some(preset);
            }
            "step" => link.step = Some(parse_count(key, &value, 0, 1_000_000)?),
            "sample" => link.sample = parse_count(key, &value, 0, 100_000)?,
            "digits" => {
                link.digits = parse_count(key, &value, 2, 8)?;
            }
            "controls" => {
                link.controls = name_list(
                    "controls",
                    &value,
                    &Control::ALL,
                    Control::name,
                    "control group",
                )?;
            }
            "panels" => {
                link.panels = name_list("panels", &value, &Panel::ALL, Panel::name, "panel")?;
            }
            "theme" => {
                link.theme = match value.as_str() {
                    "auto" => ThemeChoice::Auto,
                    "light" => ThemeChoice::Light,
                    "dark" => ThemeChoice::Dark,
                    other => {
                        return Err(error(
                            "theme",
                            format!("“{}” is not light, dark or auto", short(other)),
                        ))
                    }
                }
            }
            "autoplay" => link.autoplay = parse_flag(key, &value)?,
            "readonly" => link.readonly = parse_flag(key, &value)?,
            "exports" => link.quiz_exports = parse_flag(key, &value)?,
            "quiz" => link.quiz = parse_flag(key, &value)?,
            "variants" => link.per_student = parse_flag(key, &value)?,
            "ask" => {
                link.ask = name_list("ask", &value, &Phase::ALL, Phase::name, "phase")?;
            }
            "tolerance" => {
                link.tolerance = Some(parse_count(key, &value, 2, 8)?);
            }
            other => return Err(error(other, "is not a key this build knows")),
        }
    }
    if !version_seen && !hash.strip_prefix('#').unwrap_or(hash).is_empty() {
        return Err(error("v", "is missing; links start with v=1"));
    }
    if let Some(scenario) = scenario {
        link.scenario = scenario;
    }
    if data_mode && link.playground.is_none() {
        link.playground = Some(Saved {
            settings: Default::default(),
            custom: None,
            params: None,
            seen: 0,
            pick: None,
            optimizer_state: None,
        });
    }
    if link.sample >= link.scenario.samples.len() {
        return Err(error(
            "sample",
            format!(
                "{} is past the scenario's {} samples",
                link.sample,
                link.scenario.samples.len()
            ),
        ));
    }
    Ok(link)
}

/// A comma list of names of `all` (each kept once, in `all`'s order), or an error naming `key`:
/// a name that is no `what` (the message lists the names there are), or a list naming none.
fn name_list<T: Copy + PartialEq>(
    key: &str,
    value: &str,
    all: &[T],
    name: fn(T) -> &'static str,
    what: &str,
) -> Result<Vec<T>, LinkError> {
    let mut named = Vec::new();
    for text in value.split(',').filter(|n| !n.is_empty()) {
        let Some(item) = all.iter().copied().find(|&item| name(item) == text) else {
            let names: Vec<&str> = all.iter().map(|&item| name(item)).collect();
            return Err(error(
                key,
                format!("“{}” is not a {what} ({})", short(text), names.join(", ")),
            ));
        };
        named.push(item);
    }
    if named.is_empty() {
        return Err(error(key, format!("names no {what}")));
    }
    Ok(all
        .iter()
        .copied()
        .filter(|item| named.contains(item))
        .collect())
}

fn short(text: &str) -> String {
    let cut: String = text.chars().take(30).collect();
    if text.chars().count() > 30 {
        format!("{cut}…")
    } else {
        cut
    }
}

fn parse_count(key: &str, value: &str, min: usize, max: usize) -> Result<usize, LinkError> {
    match value.parse::<usize>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(error(
            key,
            format!(
                "“{}” is not a whole number from {min} to {max}",
                short(value)
            ),
        )),
    }
}

fn parse_flag(key: &str, value: &str) -> Result<bool, LinkError> {
    match value {
        on if switch_on(on) => Ok(true),
        "0" | "false" => Ok(false),
        other => Err(error(key, format!("“{}” is not 1 or 0", short(other)))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_round_trips() {
        for text in [
            "",
            "f",
            "fo",
            "foo",
            "foob",
            "fooba",
            "foobar",
            "{\"a\":[1,2]}\u{00e9}",
        ] {
            let encoded = base64url_encode(text.as_bytes());
            assert!(!encoded.contains('='));
            assert_eq!(
                base64url_decode(&encoded).as_deref(),
                Some(text.as_bytes()),
                "{text}"
            );
        }
        assert_eq!(base64url_encode(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64url_decode("Zm9vYg"), Some(b"foob".to_vec()));
        assert_eq!(base64url_decode("Zm9vY"), None);
        assert_eq!(base64url_decode("Zm9v!"), None);
    }

    #[test]
    fn a_preset_link_is_short() {
        let link = Link {
            scenario: Scenario::preset("exam").expect("exam"),
            preset: Some("exam".into()),
            ..Link::default()
        };
        assert_eq!(encode(&link), "v=1&preset=exam");
        let edited = Link {
            scenario: crate::edit::Field::LearningRate
                .set(&link.scenario, 0.1)
                .expect("valid"),
            ..link
        };
        assert!(
            encode(&edited).starts_with("v=1&s="),
            "an edited preset travels in full"
        );
    }

    #[test]
    fn options_round_trip() {
        let link = Link {
            scenario: Scenario::preset("xor").expect("xor"),
            preset: None,
            step: Some(5),
            sample: 2,
            panels: vec![Panel::Canvas, Panel::Controls],
            controls: vec![Control::Timeline, Control::Exports],
            theme: ThemeChoice::Dark,
            digits: 6,
            autoplay: true,
            readonly: true,
            quiz: true,
            ask: vec![Phase::Loss, Phase::Update],
            tolerance: Some(3),
            quiz_exports: true,
            per_student: true,
            playground: None,
        };
        let hash = encode(&link);
        assert_eq!(decode(&format!("#{hash}")), Ok(link));
        assert!(hash.contains("panels=canvas,controls") && hash.contains("readonly=1"));
    }

    #[test]
    fn bad_links_name_their_key() {
        let cases = [
            ("v=2&preset=exam", "v"),
            ("preset=exam", "v"),
            ("v=1&s=%%%", "s"),
            ("v=1&s=Zm9vY", "s"),
            ("v=1&s=Zm9vYmFy", "s"),
            ("v=1&preset=nope", "preset"),
            ("v=1&panels=canvas,sofa", "panels"),
            ("v=1&panels=", "panels"),
            ("v=1&theme=purple", "theme"),
            ("v=1&digits=99", "digits"),
            ("v=1&step=-1", "step"),
            ("v=1&sample=3", "sample"),
            ("v=1&autoplay=maybe", "autoplay"),
            ("v=1&colour=red", "colour"),
            ("v=1&ask=forward,guess", "ask"),
            ("v=1&tolerance=1", "tolerance"),
            ("v=1&controls=timeline,buttons", "controls"),
            ("v=1&controls=", "controls"),
        ];
        for (hash, key) in cases {
            let e = decode(hash).expect_err(hash);
            assert_eq!(e.key, key, "{hash}: {e}");
        }
    }

    #[test]
    fn an_empty_hash_is_the_default() {
        assert_eq!(decode(""), Ok(Link::default()));
        assert_eq!(decode("#"), Ok(Link::default()));
    }
}
