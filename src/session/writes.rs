//! What each frame writes into the widget's elements, in one place: the controls' labels and
//! states, which parts show, the quiz panel, the list of unlabelled values and every `data-*`
//! attribute the page's tests read. Each write names its element by class (`bpv` is the
//! widget's root); the shell applies them through one write-caching helper.

use super::{Notice, Session};
use crate::decimal::{Fixed, Shortest};
use crate::explain::number::number_text;
use crate::scene::{Scene, Target, ThemeName};

/// One write into the element of a class.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Write {
    /// Its text.
    Text(&'static str, String),
    /// An attribute's value.
    Attr(&'static str, &'static str, String),
    /// A boolean attribute present or not (`hidden`, `disabled`); a menu's `hidden` goes to
    /// the label around it.
    Flag(&'static str, &'static str, bool),
    /// Its markup (escaped where it holds text).
    Html(&'static str, String),
    /// A form control's value.
    Value(&'static str, String),
}

impl Write {
    /// The element's class, what is written (`text`, `html`, `value` or an attribute's name)
    /// and the value as text (a flag: `1` or empty).
    pub fn key(&self) -> (&'static str, &'static str, &str) {
        match self {
            Write::Text(c, v) => (c, "text", v),
            Write::Attr(c, name, v) => (c, name, v),
            Write::Flag(c, name, on) => (c, name, if *on { "1" } else { "" }),
            Write::Html(c, v) => (c, "html", v),
            Write::Value(c, v) => (c, "value", v),
        }
    }
}

/// What was last written where, so that a write that would change nothing is skipped without
/// reading the page back.
#[derive(Debug, Default)]
pub struct WriteLog {
    last: Vec<((&'static str, &'static str), String)>,
}

impl WriteLog {
    /// Whether `write` differs from what was last written to its place (and remembers it).
    pub fn changes(&mut self, write: &Write) -> bool {
        let (class, what, value) = write.key();
        match self.last.iter_mut().find(|(k, _)| *k == (class, what)) {
            Some((_, was)) if was == value => false,
            Some((_, was)) => {
                value.clone_into(was);
                true
            }
            None => {
                self.last.push(((class, what), value.to_string()));
                true
            }
        }
    }

    /// Forgets what was written to the elements of `class`: the next write there is made.
    pub fn forget(&mut self, class: &str) {
        self.last.retain(|((c, _), _)| *c != class);
    }
}

fn yes_no(on: bool) -> String {
    if on { "true" } else { "false" }.to_string()
}

impl Session {
    /// The timeline and history controls, the theme button and the menus.
    pub fn control_writes(&self) -> Vec<Write> {
        let c = self.controls();
        let preset = c.preset.unwrap_or_default();
        vec![
            Write::Text("bpv-play", c.play_label.into()),
            Write::Attr("bpv-play", "aria-pressed", yes_no(c.playing)),
            Write::Text("bpv-position", c.position_text),
            Write::Attr(
                "bpv-position",
                "data-position",
                Shortest(c.position).to_string(),
            ),
            Write::Flag("bpv-undo", "disabled", !c.can_undo),
            Write::Flag("bpv-redo", "disabled", !c.can_redo),
            Write::Text("bpv-theme", c.theme_label.into()),
            Write::Attr("bpv", "data-theme", c.theme.into()),
            Write::Attr("bpv", "data-visible", yes_no(self.visibility.visible())),
            Write::Value("bpv-digits", c.digits.to_string()),
            Write::Value("bpv-optimizer", c.optimizer.to_string()),
            Write::Text("bpv-apply", c.apply_label),
            // The scenario menu's first option names what is shown when it is not an
            // unchanged preset.
            Write::Text("bpv-preset-current", c.scenario_label),
            Write::Flag("bpv-preset-current", "hidden", !preset.is_empty()),
            Write::Value("bpv-preset", preset),
        ]
    }

    /// Which parts show, and the root's attributes that say how the widget is set up.
    pub fn layout_writes(&self) -> Vec<Write> {
        let layout = self.layout();
        let mut writes: Vec<Write> = layout
            .shown()
            .into_iter()
            .map(|(class, visible)| Write::Flag(class, "hidden", !visible))
            .collect();
        let columns = if layout.single_column {
            "single"
        } else {
            "split"
        };
        let quiz_label = if layout.quiz { "End quiz" } else { "Quiz me" };
        writes.extend([
            Write::Attr("bpv", "data-readonly", yes_no(self.view.readonly)),
            Write::Attr("bpv", "data-quiz", yes_no(layout.quiz)),
            Write::Attr("bpv", "data-layout", columns.into()),
            Write::Text("bpv-quiz-toggle", quiz_label.into()),
            Write::Attr("bpv-embed-toggle", "aria-expanded", yes_no(layout.embed)),
            Write::Text(
                "bpv-student-note",
                self.student_prompt()
                    .map(|p| p.note.clone())
                    .unwrap_or_default(),
            ),
        ]);
        // The share dialog's boxes follow its changes at once (a box that can no longer be
        // unticked is disabled before the next click).
        writes.extend(self.share_writes());
        writes
    }

    /// The quiz panel: question, formula, feedback and score (nothing outside a quiz). Once
    /// the quiz is over only Restart is of use.
    pub fn quiz_writes(&self) -> Vec<Write> {
        let Some(panel) = self.quiz_panel() else {
            return Vec::new();
        };
        let over = panel.answer_label.is_none();
        let mut writes = vec![
            Write::Text("bpv-quiz-head", panel.head),
            Write::Text("bpv-quiz-question", panel.question),
            Write::Html("bpv-quiz-formula", panel.formula),
            Write::Text("bpv-quiz-feedback", panel.feedback),
            Write::Attr("bpv-quiz-feedback", "data-diagnosis", panel.diagnosis),
            Write::Flag("bpv-quiz-answer", "disabled", over),
            Write::Flag("bpv-quiz-check", "disabled", over),
            Write::Flag("bpv-quiz-show", "disabled", over),
        ];
        if let Some(label) = panel.answer_label {
            writes.push(Write::Attr("bpv-quiz-answer", "aria-label", label));
        }
        writes
    }

    /// The list of values the drawing had no room to label (`hidden`: the scene's), and the
    /// canvas's `data-unlabelled` naming them.
    pub fn unlabelled_writes(&self, hidden: &[Target]) -> Vec<Write> {
        let entries = self.unlabelled(hidden);
        let text = if entries.is_empty() {
            String::new()
        } else {
            format!("Not labelled on the drawing: {}.", entries.join("; "))
        };
        let names: Vec<&str> = entries.iter().filter_map(|e| e.split(' ').next()).collect();
        vec![
            Write::Text("bpv-unlabelled", text),
            Write::Flag("bpv-unlabelled", "hidden", entries.is_empty()),
            Write::Attr("bpv-canvas", "data-unlabelled", names.join(" ")),
        ]
    }

    /// The canvas's attributes for a scene drawn: whether it writes its numbers (they are
    /// left out while a large network trains) and its theme.
    pub fn canvas_writes(&self, scene: &Scene) -> Vec<Write> {
        let numbers = if scene.label_boxes.is_empty() {
            "none"
        } else {
            "shown"
        };
        let dark = self.view.theme == ThemeName::Dark;
        vec![
            Write::Attr("bpv-canvas", "data-numbers", numbers.into()),
            Write::Attr(
                "bpv-canvas",
                "data-theme",
                if dark { "dark" } else { "light" }.into(),
            ),
        ]
    }
}

/// Data-set mode's panel message: an error, or news (empty clears it).
pub fn data_notice_writes(notice: &Notice) -> Vec<Write> {
    let tone = if notice.error { "error" } else { "info" };
    vec![
        Write::Text("bpv-play-alert", notice.text.clone()),
        Write::Attr("bpv-play-alert", "data-tone", tone.into()),
    ]
}

/// The CSV lines that could not be read, listed under the CSV box.
pub fn csv_problem_writes(problems: &[String]) -> Vec<Write> {
    vec![
        Write::Html(
            "bpv-csv-messages",
            super::data_markup::csv_problems(problems),
        ),
        Write::Attr(
            "bpv-csv-messages",
            "data-problems",
            problems.len().to_string(),
        ),
    ]
}

impl Session {
    /// The mode switch, the data-set panel shown or hidden, and in data-set mode the title
    /// and the Train button.
    pub fn data_mode_writes(&self) -> Vec<Write> {
        // The panel and the switch follow the press at once; `data-mode` says when the mode is
        // entered (its code here).
        let shown = self.data_mode_shown();
        let data = self.data_mode();
        let mut writes = vec![
            Write::Flag("bpv-dataset", "hidden", !shown),
            Write::Attr("bpv-mode-sample", "aria-pressed", yes_no(!shown)),
            Write::Attr("bpv-mode-data", "aria-pressed", yes_no(shown)),
            Write::Attr("bpv", "data-mode", self.mode_name().into()),
        ];
        if data {
            let playing = self.data.playing;
            let train = if playing {
                super::frame::PAUSE
            } else {
                "▶ Train"
            };
            writes.extend([
                Write::Text("bpv-title", self.scenario().title.clone()),
                Write::Text("bpv-description", self.scenario().description.clone()),
                Write::Text("bpv-play-train", train.into()),
                Write::Attr("bpv-play-train", "aria-pressed", yes_no(playing)),
            ]);
        }
        writes
    }

    /// Data-set mode's status: epoch, accuracy, the losses (in the chart's legend and the
    /// panel's `data-*`), and whether training diverged.
    pub fn data_status_writes(&mut self) -> Vec<Write> {
        match self.data_code() {
            Some(code) => (code.status_writes)(self),
            None => Vec::new(),
        }
    }

    /// [`Session::data_status_writes`] once the mode's code is here (behind
    /// [`DataPart`](crate::parts::DataPart)'s `status_writes`).
    pub fn loaded_data_status_writes(&mut self) -> Vec<Write> {
        let digits = self.view.digits;
        let Some(code) = self.data_code() else {
            return Vec::new();
        };
        let Some(pg) = self.data.playground.as_mut() else {
            return Vec::new();
        };
        let (train, test) = pg
            .history()
            .last()
            .map_or((f64::NAN, f64::NAN), |p| (p.train, p.test));
        let epoch = pg.epoch();
        let mut text = format!("Epoch {}", Fixed(epoch.floor(), 0));
        if let (Some(a), Some(b)) = ((code.accuracy)(pg, false), (code.accuracy)(pg, true)) {
            text.push_str(&format!(
                " · accuracy {}% train, {}% test",
                Fixed(a * 100.0, 0),
                Fixed(b * 100.0, 0)
            ));
        }
        let settings = pg.settings();
        let epochs = settings.frame_epochs(pg.train_set().points.len());
        if epochs < settings.epochs_per_frame {
            text.push_str(&format!(
                " · {epochs} epochs a frame (more would not keep time on this network)"
            ));
        }
        let legend = format!(
            "Loss: training {} (solid) · test {} (dashed)",
            number_text(train, digits),
            number_text(test, digits)
        );
        let diverged = pg.diverged().map(|d| d.path.clone());
        let mut writes = vec![
            Write::Text("bpv-play-status", text),
            Write::Attr("bpv-dataset", "data-epoch", Shortest(epoch).to_string()),
            Write::Attr(
                "bpv-dataset",
                "data-train-loss",
                Shortest(train).to_string(),
            ),
            Write::Attr("bpv-dataset", "data-test-loss", Shortest(test).to_string()),
            Write::Text("bpv-chart-legend", legend),
            Write::Attr("bpv-dataset", "data-diverged", yes_no(diverged.is_some())),
        ];
        if let Some(path) = diverged {
            writes.extend(data_notice_writes(&Notice {
                text: format!("Training stopped: {path} stopped being a finite number (the learning rate is too high). The last finite weights are shown; lower the learning rate or reset the weights."),
                error: true,
            }));
        }
        writes
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_write_log_passes_a_write_once_until_its_value_changes() {
        let mut log = super::WriteLog::default();
        let play = |label: &str| Write::Text("bpv-play", label.to_string());
        assert!(log.changes(&play("Play")));
        assert!(!log.changes(&play("Play")));
        // Another place of the same element is its own entry.
        assert!(log.changes(&Write::Attr("bpv-play", "aria-pressed", "Play".into())));
        assert!(log.changes(&play("Pause")));
        assert!(log.changes(&play("Play")));
        assert!(log.changes(&Write::Flag("bpv-undo", "disabled", false)));
        assert!(!log.changes(&Write::Flag("bpv-undo", "disabled", false)));
        assert!(log.changes(&Write::Flag("bpv-undo", "disabled", true)));
    }

    use super::*;
    use crate::scenario::Scenario;
    use crate::session::{markup, Command};

    #[test]
    fn every_write_names_an_element_of_the_skeleton() {
        let mut s = Session::new(Scenario::preset("exam").expect("exam"));
        s.apply(Command::StartQuiz {
            ask: crate::explain::Phase::ALL.to_vec(),
            tolerance: None,
        });
        let skeleton = markup::widget(1);
        let class_of = |w: &Write| match w {
            Write::Text(c, _)
            | Write::Attr(c, ..)
            | Write::Flag(c, ..)
            | Write::Html(c, _)
            | Write::Value(c, _) => *c,
        };
        let mut writes = s.control_writes();
        writes.extend(s.layout_writes());
        writes.extend(s.quiz_writes());
        writes.extend(s.unlabelled_writes(&[]));
        assert!(s.quiz_writes().len() >= 8);
        for w in &writes {
            let class = class_of(w);
            let token = skeleton
                .split("class=\"")
                .skip(1)
                .filter_map(|rest| rest.split('"').next())
                .any(|classes| classes.split(' ').any(|c| c == class));
            assert!(token, "{class} is not in the skeleton");
        }
    }

    #[test]
    fn undo_is_disabled_until_there_is_an_edit() {
        let mut s = Session::new(Scenario::preset("exam").expect("exam"));
        assert!(s
            .control_writes()
            .contains(&Write::Flag("bpv-undo", "disabled", true)));
        s.apply(Command::ApplyStep);
        assert!(s
            .control_writes()
            .contains(&Write::Flag("bpv-undo", "disabled", false)));
    }
}
