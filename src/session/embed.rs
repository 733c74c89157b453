//! The share dialog's codes: for the state on screen and the options a teacher picks (panels,
//! controls, theme, height, read-only, a quiz with its phases and tolerance, exports during the
//! quiz), the link, an iframe for a course page and the `<backprop-viz>` element with its script.
//! A live preview shows the link's state, so what the code shows is what the preview shows.

use super::Session;
use crate::explain::math::escape;
use crate::phase::Phase;
use crate::scenario::Scenario;
use crate::share::{encode, Control, Link, Panel, ThemeChoice};

/// What an embed shows, as the share dialog sets it.
#[derive(Clone, Debug, PartialEq)]
pub struct EmbedOptions {
    /// The panels, in page order.
    pub panels: Vec<Panel>,
    /// The control groups.
    pub controls: Vec<Control>,
    /// The theme.
    pub theme: ThemeChoice,
    /// The iframe's height in CSS pixels.
    pub height: u32,
    /// Numbers and animation, no editing.
    pub readonly: bool,
    /// A quiz on these phases (`None`: no quiz).
    pub quiz: Option<Vec<Phase>>,
    /// Digits a quiz's answers are checked to (`None`: those shown).
    pub tolerance: Option<usize>,
    /// The exports that give the answers away, during the quiz.
    pub exports: bool,
}

impl Default for EmbedOptions {
    fn default() -> EmbedOptions {
        EmbedOptions {
            panels: Panel::ALL.to_vec(),
            controls: Control::ALL.to_vec(),
            theme: ThemeChoice::Auto,
            height: 640,
            readonly: false,
            quiz: None,
            tolerance: None,
            exports: false,
        }
    }
}

/// The smallest and largest iframe heights offered (the embed page fits 240 pixels up).
pub const EMBED_HEIGHTS: (u32, u32) = (240, 4000);

/// The codes for one choice of options.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmbedCode {
    /// The hash of the embedded state (without `#`): what the preview opens.
    pub hash: String,
    /// The link to the full page in that state.
    pub link: String,
    /// The iframe to paste into a course page.
    pub iframe: String,
    /// The element, with the script that defines it.
    pub element: String,
}

impl Session {
    /// The link of the state on screen with the embed's options.
    pub fn embed_link(&self, options: &EmbedOptions) -> Link {
        let mut link = self.link();
        link.panels.clone_from(&options.panels);
        link.controls.clone_from(&options.controls);
        link.theme = options.theme;
        link.readonly = options.readonly;
        link.quiz = options.quiz.is_some();
        link.ask = options.quiz.clone().unwrap_or_else(|| Phase::ALL.to_vec());
        link.tolerance = options.tolerance.filter(|_| link.quiz);
        link.quiz_exports = options.exports && link.quiz;
        // An embed opens at the end (everything shown) unless it is a quiz, which starts at the
        // beginning by itself.
        link.step = None;
        link
    }

    /// The share dialog's codes; `base` is the folder the site is hosted in
    /// (`https://your.site/backprop-viz/`).
    pub fn embed_code(&self, base: &str, options: &EmbedOptions) -> EmbedCode {
        let link = self.embed_link(options);
        let hash = encode(&link);
        let base = if base.is_empty() || base.ends_with('/') {
            base.to_string()
        } else {
            format!("{base}/")
        };
        let height = options.height.clamp(EMBED_HEIGHTS.0, EMBED_HEIGHTS.1);
        let title = escape(&format!("backprop-viz: {}", self.scenario().title));
        let iframe = format!(
            "<iframe src=\"{}\" title=\"{title}\" loading=\"lazy\"\n        style=\"width: 100%; height: {height}px; border: 0\"\n        sandbox=\"allow-scripts allow-same-origin allow-downloads\"></iframe>",
            escape(&format!("{base}embed.html#{hash}"))
        );
        // A preset's name while the scenario is that preset unchanged, else the scenario whole.
        let unchanged = link
            .preset
            .as_ref()
            .filter(|name| Scenario::preset(name).as_ref() == Some(&link.scenario));
        let mut attributes = match unchanged {
            Some(name) => vec![format!("preset=\"{}\"", escape(name))],
            None => vec![format!(
                "scenario=\"{}\"",
                escape(&self.scenario().to_json())
            )],
        };
        let names = |list: Vec<&str>| list.join(",");
        if link.panels != Panel::ALL {
            attributes.push(format!(
                "panels=\"{}\"",
                names(link.panels.iter().map(|p| p.name()).collect())
            ));
        }
        if link.controls != Control::ALL {
            attributes.push(format!(
                "controls=\"{}\"",
                names(link.controls.iter().map(|c| c.name()).collect())
            ));
        }
        match link.theme {
            ThemeChoice::Auto => {}
            ThemeChoice::Light => attributes.push("theme=\"light\"".into()),
            ThemeChoice::Dark => attributes.push("theme=\"dark\"".into()),
        }
        if link.readonly {
            attributes.push("readonly".into());
        }
        if link.quiz {
            attributes.push("quiz".into());
            if link.ask != Phase::ALL {
                attributes.push(format!(
                    "ask=\"{}\"",
                    names(link.ask.iter().map(|p| p.name()).collect())
                ));
            }
            if let Some(t) = link.tolerance {
                attributes.push(format!("tolerance=\"{t}\""));
            }
            if link.quiz_exports {
                attributes.push("exports".into());
            }
        }
        let element = format!(
            "<script type=\"module\" src=\"{}\"></script>\n<backprop-viz {}></backprop-viz>",
            escape(&format!("{base}js/backprop-viz.mjs")),
            attributes.join(" ")
        );
        EmbedCode {
            link: format!("{base}index.html#{hash}"),
            hash,
            iframe,
            element,
        }
    }
}
