//! The teacher's two panels as a teacher uses them, without a browser: the authoring panel's
//! markup offers exactly the controls that fit the question on screen (each standing for its
//! change), and the share dialog's controls change the embed options, whose codes and preview
//! the open dialog writes.

use backprop_viz::explain::Phase;
use backprop_viz::nn::Activation;
use backprop_viz::scenario::Scenario;
use backprop_viz::session::{Command, EmbedOptions, Session, ShareChange};
use backprop_viz::share::{decode, Panel, ThemeChoice};

fn exam() -> Session {
    let mut s = Session::new(Scenario::preset("exam").expect("the exam is a preset"));
    s.share.page = "https://school.example/ml/backprop-viz/index.html".into();
    s
}

/// Clicks the authoring panel's button of `class`, which the panel must offer enabled.
fn click(s: &mut Session, class: &str) {
    let markup = s.author_markup();
    let at = markup
        .find(&format!("class=\"{class}\""))
        .unwrap_or_else(|| panic!("the panel has no {class}: {markup}"));
    let tag = &markup[at..at + markup[at..].find('>').expect("a tag's end")];
    assert!(!tag.contains("disabled"), "{class} is disabled");
    let command = s.button_command(class).expect("a button's command");
    let notice = s.apply(command).notice.unwrap_or_default();
    assert!(!notice.starts_with("Not changed"), "{class}: {notice}");
}

/// Changes the form control of `class` to `value` (ticked or not).
fn change(s: &mut Session, class: &str, value: &str, checked: bool) {
    let command = s
        .change_command(class, value, checked)
        .unwrap_or_else(|| panic!("{class} stands for nothing"));
    s.apply(command);
}

/// The `<select>` of `class` in `markup`: its options' values and the one selected.
fn menu(markup: &str, class: &str) -> (Vec<String>, String) {
    let start = markup
        .find(&format!("class=\"{class}\""))
        .expect("the menu");
    let body = &markup[start..start + markup[start..].find("</select>").expect("its end")];
    let mut values = Vec::new();
    let mut selected = String::new();
    for option in body.split("<option").skip(1) {
        let value = option.split('"').nth(1).unwrap_or_default().to_string();
        if option[..option.find('>').unwrap_or(0)].contains("selected") {
            selected.clone_from(&value);
        }
        values.push(value);
    }
    (values, selected)
}

#[test]
fn a_teacher_builds_a_2_3_1_tanh_question_from_the_panels_controls() {
    let mut s = exam();
    click(&mut s, "bpv-add-neuron-1");
    change(&mut s, "bpv-activation-0", "tanh", false);
    change(&mut s, "bpv-activation-1", "linear", false);
    click(&mut s, "bpv-add-sample");
    change(&mut s, "bpv-author-title", "Homework 3", false);
    change(&mut s, "bpv-author-description", "A tanh layer.", false);
    let q = s.scenario();
    assert_eq!(q.layers, [2, 3, 1]);
    assert_eq!(q.activations, [Activation::Tanh, Activation::Linear]);
    assert_eq!((q.samples.len(), q.title.as_str()), (2, "Homework 3"));
    assert_eq!(q.description, "A tanh layer.");
    let markup = s.author_markup();
    assert!(markup.contains("Hidden layer 1: 3 neurons"), "{markup}");
    assert!(markup.contains("value=\"Homework 3\""));
    assert!(markup.contains(">A tanh layer.</textarea>"));
    assert_eq!(menu(&markup, "bpv-activation-0").1, "tanh");
    // A linear output takes the squared errors only; the loss followed it.
    let (losses, chosen) = menu(&markup, "bpv-loss");
    assert_eq!(losses, ["mse", "half_sse"]);
    assert_eq!(chosen, "mse");
    // Softmax is offered for the output only.
    assert!(!menu(&markup, "bpv-activation-0")
        .0
        .contains(&"softmax".into()));
    assert!(menu(&markup, "bpv-activation-1")
        .0
        .contains(&"softmax".into()));
}

#[test]
fn a_refused_choice_says_why_and_the_panel_is_written_again_as_it_was() {
    let mut s = exam();
    // Softmax on a one-neuron output always outputs 1: refused.
    let command = s
        .change_command("bpv-activation-1", "softmax", false)
        .expect("a menu");
    let effects = s.apply(command);
    let notice = effects.notice.unwrap_or_default();
    assert!(
        notice.starts_with("Not changed") && notice.contains("softmax"),
        "{notice}"
    );
    assert!(
        effects.redraw.structure,
        "the menu is written back to sigmoid"
    );
    assert_eq!(menu(&s.author_markup(), "bpv-activation-1").1, "sigmoid");
    assert_eq!(s.scenario(), &Scenario::preset("exam").expect("exam"));
}

#[test]
fn the_panel_offers_only_what_fits_and_a_new_input_is_1_in_every_sample() {
    let mut s = exam();
    let markup = s.author_markup();
    // The exam: a sigmoid output, so binary cross-entropy or the squared errors.
    assert_eq!(menu(&markup, "bpv-loss").0, ["bce", "mse", "half_sse"]);
    // One output neuron cannot lose one; one sample cannot be removed.
    for class in ["bpv-remove-neuron-2", "bpv-remove-sample"] {
        let at = markup.find(&format!("class=\"{class}\"")).expect(class);
        assert!(markup[at..at + 200].contains("disabled"), "{class}");
    }
    // The output layer is no hidden layer: it has no "Remove layer".
    assert!(markup.contains("bpv-remove-layer-1") && !markup.contains("bpv-remove-layer-2"));
    click(&mut s, "bpv-add-neuron-0");
    assert_eq!(s.scenario().layers, [3, 2, 1]);
    assert_eq!(s.scenario().samples[0].x, [1.0, 2.0, 1.0]);
    assert_eq!(s.scenario().weights[0].len(), 3);
    assert!(s.author_markup().contains("The inputs: 3 inputs"));
    s.apply(Command::Undo);
    assert_eq!(s.scenario(), &Scenario::preset("exam").expect("exam"));
    click(&mut s, "bpv-add-layer");
    assert!(s.author_markup().contains("bpv-remove-layer-2"));
    click(&mut s, "bpv-remove-layer-2");
    assert_eq!(s.scenario().layers, [2, 2, 1]);
}

/// The dialog's write of `class` (what is written: `value`, `src`…), if it writes one.
fn written(s: &Session, class: &str, what: &str) -> Option<String> {
    s.share_writes()
        .into_iter()
        .find(|w| w.key().0 == class && w.key().1 == what)
        .map(|w| w.key().2.to_string())
}

#[test]
fn the_dialogs_controls_come_with_it_once_and_each_stands_for_a_change() {
    // The skeleton holds a closed section with no controls, only its heading and a loading
    // line (what shows while the tools load); the controls are the first thing the open dialog
    // writes, the same markup every time (so the page writes them once and the boxes keep what
    // was ticked), and every control in it stands for a change of the dialog.
    let mut s = exam();
    let skeleton = backprop_viz::session::markup::widget(1);
    assert!(skeleton.contains(
        "<section class=\"bpv-embed\" aria-label=\"Put this in a course page\" hidden><h3>Put this in a course page</h3><p class=\"bpv-embed-loading\" aria-hidden=\"true\">Loading the export and authoring tools…</p></section>"
    ));
    assert!(!skeleton.contains("bpv-embed-options"));
    assert!(!skeleton.contains("bpv-embed-iframe"));
    let toggle = s
        .button_command("bpv-embed-toggle")
        .expect("the Embed button");
    s.apply(toggle);
    let body = written(&s, "bpv-embed", "html").expect("the dialog's controls");
    assert_eq!(
        s.share_writes()[0].key().0,
        "bpv-embed",
        "the controls come before what is written into them"
    );
    change(&mut s, "bpv-embed-theme", "dark", false);
    change(&mut s, "bpv-embed-panel-table", "on", false);
    assert_eq!(
        written(&s, "bpv-embed", "html").as_deref(),
        Some(body.as_str())
    );
    for class in body
        .split("class=\"")
        .skip(1)
        .filter_map(|c| c.split('"').next())
    {
        let control = [
            "bpv-embed-panel-",
            "bpv-embed-control-",
            "bpv-embed-phase-",
            "bpv-embed-theme",
            "bpv-embed-height",
            "bpv-embed-readonly",
            "bpv-embed-quiz",
            "bpv-embed-tolerance",
            "bpv-embed-exports",
        ];
        if control.iter().any(|c| class.starts_with(c)) {
            let value = match class {
                "bpv-embed-height" => "700",
                "bpv-embed-theme" => "light",
                "bpv-embed-tolerance" => "3",
                _ => "on",
            };
            assert!(
                s.change_command(class, value, true).is_some(),
                "{class} stands for nothing"
            );
        }
    }
    for class in [
        "bpv-embed-iframe",
        "bpv-embed-element",
        "bpv-embed-link",
        "bpv-embed-preview",
        "bpv-embed-status",
    ] {
        assert!(
            body.contains(&format!("class=\"{class}\"")),
            "the dialog has no {class}"
        );
    }
}

#[test]
fn the_open_dialog_writes_the_codes_and_a_preview_of_exactly_their_state() {
    let mut s = exam();
    assert!(
        s.share_writes().is_empty(),
        "a closed dialog writes nothing"
    );
    assert!(!s.layout().embed && s.layout().embed_button);
    let toggle = s
        .button_command("bpv-embed-toggle")
        .expect("the Embed button");
    s.apply(toggle);
    assert!(s.layout().embed);
    let iframe = written(&s, "bpv-embed-iframe", "value").expect("the iframe code");
    assert!(iframe
        .contains("src=\"https://school.example/ml/backprop-viz/embed.html#v=1&amp;preset=exam\""));
    let preview = written(&s, "bpv-embed-preview", "src").expect("the preview");
    assert_eq!(
        preview,
        "https://school.example/ml/backprop-viz/embed.html#v=1&preset=exam"
    );
    // A quiz on the backward pass, dark, 720 pixels, no table.
    change(&mut s, "bpv-embed-quiz", "on", true);
    for phase in ["forward", "loss", "update"] {
        change(&mut s, &format!("bpv-embed-phase-{phase}"), "on", false);
    }
    change(&mut s, "bpv-embed-theme", "dark", false);
    change(&mut s, "bpv-embed-height", "720", false);
    change(&mut s, "bpv-embed-panel-table", "on", false);
    change(&mut s, "bpv-embed-tolerance", "3", false);
    let options = &s.share.options;
    assert_eq!(options.quiz.as_deref(), Some(&[Phase::Backward][..]));
    assert_eq!((options.theme, options.height), (ThemeChoice::Dark, 720));
    assert!(!options.panels.contains(&Panel::Table));
    let preview = written(&s, "bpv-embed-preview", "src").expect("the preview");
    let hash = preview.split_once('#').expect("a hash").1;
    let link = decode(hash).expect("the preview's link reads");
    assert!(link.quiz && link.ask == [Phase::Backward] && link.tolerance == Some(3));
    assert_eq!(link.theme, ThemeChoice::Dark);
    assert_eq!(
        written(&s, "bpv-embed-preview", "style").as_deref(),
        Some("height: 720px")
    );
    let codes = s.share_codes();
    assert_eq!(codes.hash, hash, "the preview opens what the codes say");
    assert!(written(&s, "bpv-embed-iframe", "value")
        .expect("iframe")
        .contains("height: 720px"));
    // The last phase ticked cannot be unticked: its box is disabled, and a change is ignored.
    assert_eq!(
        written(&s, "bpv-embed-phase-backward", "disabled").as_deref(),
        Some("1")
    );
    change(&mut s, "bpv-embed-phase-backward", "on", false);
    assert_eq!(
        s.share.options.quiz.as_deref(),
        Some(&[Phase::Backward][..])
    );
    // Unticking the quiz keeps the phases ticked for when it comes back, as their boxes do.
    change(&mut s, "bpv-embed-quiz", "on", false);
    assert_eq!(s.share.options.quiz, None);
    assert_eq!(
        written(&s, "bpv-embed-tolerance", "disabled").as_deref(),
        Some("1")
    );
    change(&mut s, "bpv-embed-quiz", "on", true);
    assert_eq!(
        s.share.options.quiz.as_deref(),
        Some(&[Phase::Backward][..])
    );
    // An edit of the question shows in the codes.
    s.apply(Command::Author(backprop_viz::session::Authoring::AddSample));
    assert!(!s.share_codes().hash.contains("preset=exam"));
}

#[test]
fn a_bad_height_is_refused_and_the_codes_keep_the_last_good_one() {
    let mut s = exam();
    s.apply(Command::Share(ShareChange::Toggle));
    for typed in ["10", "abc", "5000", "-3", ""] {
        change(&mut s, "bpv-embed-height", typed, false);
        assert_eq!(s.share.options.height, EmbedOptions::default().height);
        let status = written(&s, "bpv-embed-status", "text").expect("a status");
        assert!(
            status.contains(&format!("“{typed}”")) && status.contains("240 to 4000"),
            "{status}"
        );
    }
    change(&mut s, "bpv-embed-height", "480", false);
    assert_eq!(s.share.options.height, 480);
    assert_eq!(written(&s, "bpv-embed-status", "text").as_deref(), Some(""));
}

#[test]
fn each_copy_button_copies_its_code_and_says_which() {
    let mut s = exam();
    s.apply(Command::Share(ShareChange::Toggle));
    let codes = s.share_codes();
    for (class, code, name) in [
        ("bpv-copy-iframe", &codes.iframe, "the iframe code"),
        ("bpv-copy-element", &codes.element, "the element code"),
        ("bpv-copy-link", &codes.link, "the link"),
    ] {
        let (text, said) = s.share_copy(class).expect("a copy button");
        assert_eq!(&text, code);
        assert!(said[0].starts_with("Copied") && said[0].contains(name));
        assert!(said[1].contains(name));
    }
    assert_eq!(s.share_copy("bpv-copy-nothing"), None);
    assert!(codes
        .link
        .starts_with("https://school.example/ml/backprop-viz/index.html#"));
}

#[test]
fn a_page_opened_from_a_file_has_no_preview_and_says_why() {
    let mut s = exam();
    s.share.page = "file:///home/teacher/backprop-viz-offline.html".into();
    s.apply(Command::Share(ShareChange::Toggle));
    assert_eq!(written(&s, "bpv-embed-preview", "src"), None);
    assert_eq!(
        written(&s, "bpv-embed-preview-box", "hidden").as_deref(),
        Some("1"),
        "the preview and its heading are hidden"
    );
    let status = written(&s, "bpv-embed-status", "text").expect("a status");
    assert!(status.contains("web server"), "{status}");
}

#[test]
fn a_quiz_or_a_read_only_widget_has_neither_panel() {
    let mut s = exam();
    s.apply(Command::Share(ShareChange::Toggle));
    s.apply(Command::StartQuiz {
        ask: Phase::ALL.to_vec(),
        tolerance: None,
    });
    let layout = s.layout();
    assert!(!layout.author && !layout.embed && !layout.embed_button);
    let mut s = exam();
    s.view.readonly = true;
    assert!(!s.layout().author && !s.layout().embed_button);
}
