//! The parts of the code a page fetches when first needed (`src/parts.rs`), as the session sees
//! them: on the host every part is there from the start, so each test takes them away first, as
//! a page's wasm starts.

use backprop_viz::parts::{CheckPart, DataPart, Load, Loaded, Part, Parts, ReadPart, ToolsPart};
use backprop_viz::playground::Saved;
use backprop_viz::scenario::Scenario;
use backprop_viz::session::{Authoring, Command, DataCommand, Export, Session, ShareChange};
use backprop_viz::share::{base64url_encode, decode, encode};

/// The exam, as a page's wasm opens it: no part loaded yet.
fn page_exam() -> Session {
    let mut s = Session::new(Scenario::preset("exam").expect("exam"));
    s.parts = Parts::default();
    s
}

#[test]
fn data_set_mode_waits_for_its_code_then_enters_as_it_would_have() {
    let mut s = page_exam();
    let effects = s.apply(Command::EnterDataMode(None));
    assert_eq!(effects.load, Some(Part::Data), "its code is fetched");
    assert_eq!(effects.notice.as_deref(), Some("Loading data-set mode…"));
    assert_eq!(
        effects.busy,
        Some(true),
        "said as progress, not as an error"
    );
    assert!(!s.data_mode(), "not entered before its code is here");
    assert_eq!(s.mode_name(), "sample");
    // Pressed again while it loads: one fetch.
    let again = s.apply(Command::EnterDataMode(None));
    assert_eq!(again.load, None);
    // Data-set commands before it are nothing (there is no playground yet).
    let nothing = s.apply(Command::Data(DataCommand::StepEpoch));
    assert!(!nothing.redraw.canvas && nothing.load.is_none());

    let effects = s.apply(Command::Loaded(Loaded::Data(DataPart::new())));
    assert_eq!(effects.notice.as_deref(), Some(""), "the loading line goes");
    assert_eq!(effects.busy, Some(false));
    assert!(effects.data.setup && effects.redraw.structure);
    assert!(s.data_mode());
    // The same state as entering with the code already here.
    let mut direct = Session::new(Scenario::preset("exam").expect("exam"));
    direct.apply(Command::EnterDataMode(None));
    assert_eq!(s.scenario(), direct.scenario());
    assert_eq!(s.playground_saved().ok(), direct.playground_saved().ok());
    // And it trains.
    let before = s.scenario().clone();
    s.apply(Command::Data(DataCommand::StepEpoch));
    assert_ne!(s.scenario(), &before);
}

#[test]
fn a_link_into_data_set_mode_opens_when_its_code_arrives_with_the_links_playground() {
    let hash = "v=1&mode=data";
    let link = decode(hash).expect("reads");
    let mut settings = link.playground.clone().expect("a playground").settings;
    settings.seed = 7;
    settings.hidden = vec![3];
    settings.activations = vec![backprop_viz::nn::Activation::Tanh];
    let saved = Saved {
        settings,
        custom: None,
        params: None,
        seen: 0,
        pick: None,
        optimizer_state: None,
    };
    let mut s = page_exam();
    let mut link = link;
    link.playground = Some(saved.clone());
    let effects = s.apply_link(&link);
    assert_eq!(effects.load, Some(Part::Data));
    assert!(!s.data_mode());
    s.apply(Command::Loaded(Loaded::Data(DataPart::new())));
    assert!(s.data_mode());
    assert_eq!(s.scenario().layers, vec![2, 3, 1], "the link's network");
    assert_eq!(s.playground_saved().expect("a playground").settings.seed, 7);
}

#[test]
fn a_failed_fetch_says_so_keeps_the_sample_view_and_the_next_press_tries_again() {
    let mut s = page_exam();
    s.apply(Command::EnterDataMode(None));
    let effects = s.apply(Command::LoadFailed {
        part: Part::Data,
        reason: "failed to load split module".into(),
    });
    assert_eq!(
        effects.notice.as_deref(),
        Some(
            "Data-set mode did not load (failed to load split module). Press “Data set” to try \
             again."
        )
    );
    assert_eq!(effects.busy, Some(false), "the failure is said as an error");
    assert!(matches!(s.parts.data, Load::Failed(_)));
    assert!(!s.data_mode());
    assert_eq!(
        s.apply(Command::EnterDataMode(None)).load,
        Some(Part::Data),
        "fetched again"
    );
    s.apply(Command::Loaded(Loaded::Data(DataPart::new())));
    assert!(s.data_mode());
}

#[test]
fn leaving_while_the_code_loads_does_not_enter_when_it_arrives() {
    let mut s = page_exam();
    s.apply(Command::EnterDataMode(None));
    s.apply(Command::LeaveDataMode);
    s.apply(Command::Loaded(Loaded::Data(DataPart::new())));
    assert!(!s.data_mode(), "the student went back before it came");
    assert!(s.parts.data.get().is_some(), "but the code is kept");
    // Now it enters at once.
    let effects = s.apply(Command::EnterDataMode(None));
    assert!(effects.load.is_none() && s.data_mode());
}

#[test]
fn a_page_loads_data_set_modes_part_first_for_links_into_that_mode_only() {
    use backprop_viz::session::api::parts_for_link;
    assert_eq!(parts_for_link("v=1&mode=data"), [Part::Data]);
    let p = base64url_encode(br#"{"settings":{"data":"xor"}}"#);
    assert_eq!(
        parts_for_link(&format!("#v=1&p={p}")),
        [Part::Read, Part::Data],
        "a playground's JSON is read by the reader"
    );
    let s = base64url_encode(br#"{"version":1}"#);
    assert_eq!(parts_for_link(&format!("v=1&s={s}")), [Part::Read]);
    assert_eq!(
        parts_for_link("v=1&s=&mode=data&quiz=0"),
        [Part::Read, Part::Data]
    );
    assert_eq!(parts_for_link("v=1&preset=exam"), []);
    assert_eq!(parts_for_link(""), []);
    assert_eq!(
        parts_for_link("v=1&mode=dat"),
        [],
        "a link that cannot be read opens the exam"
    );
    assert_eq!(Part::Data.name(), "data");
    assert_eq!(Part::Check.name(), "check");
    assert_eq!(Part::Tools.name(), "tools");
    for part in [Part::Check, Part::Data, Part::Tools] {
        assert_eq!(Part::from_name(part.name()), Some(part));
    }
    assert_eq!(Part::from_name("Data"), None);
    // A quiz link, and a per-student one, open without a part: the question needs none; the
    // checker and the tools (which make a student's numbers) come when the answer box or the
    // name box is gone to.
    let s = Session::new(Scenario::preset("exam").expect("exam"));
    let student = encode(&s.student_quiz_link());
    assert_eq!(parts_for_link(&student), []);
    assert_eq!(parts_for_link("v=1&preset=exam&quiz=1"), []);
}

#[test]
fn going_to_the_answer_box_or_the_name_box_fetches_the_code_its_button_needs_once() {
    let mut s = page_exam();
    s.apply(Command::StartQuiz {
        ask: backprop_viz::explain::Phase::ALL.to_vec(),
        tolerance: None,
    });
    for (class, part) in [
        ("bpv-quiz-answer", Part::Check),
        ("bpv-check-text", Part::Check),
        ("bpv-student-name", Part::Tools),
    ] {
        let focus = Session::focus_command(class).expect(class);
        assert_eq!(focus, Command::Prepare(part), "{class}");
    }
    let focus = Session::focus_command("bpv-quiz-answer").expect("the answer box");
    let first = s.apply(focus.clone());
    assert_eq!(first.load, Some(Part::Check), "fetched on the first focus");
    assert_eq!(first.notice, None, "quietly: nothing waits for it yet");
    assert_eq!(s.apply(focus).load, None, "not again while it comes");
    // An answer checked before it has come waits for it (fetched once), then is checked.
    let waiting = s.apply(Command::Answer("-0.1".into()));
    assert_eq!(waiting.load, None, "already on its way");
    assert_eq!(
        s.quiz.as_ref().map(|q| q.feedback.as_str()),
        Some("Loading the answer checker…")
    );
    let checked = s.apply(Command::Loaded(Loaded::Check(CheckPart::new())));
    assert!(checked.clear_answer, "answered right at the first try");
    assert_eq!(s.quiz.as_ref().map(|q| q.score), Some(1));
    // Other boxes and buttons fetch nothing.
    for class in [
        "bpv-number",
        "bpv-io-text",
        "bpv-author-title",
        "bpv-quiz-check",
        "",
    ] {
        assert_eq!(Session::focus_command(class), None, "{class}");
    }
}

#[test]
fn the_tools_wait_for_their_code_then_do_what_was_asked_in_the_order_asked() {
    let mut s = page_exam();
    let effects = s.apply(Command::Share(ShareChange::Toggle));
    assert_eq!(effects.load, Some(Part::Tools), "their code is fetched");
    assert_eq!(
        effects.notice.as_deref(),
        Some("Loading the export and authoring tools…")
    );
    assert_eq!(effects.busy, Some(true), "said as progress");
    assert!(effects.redraw.layout, "the dialog shows on the press");
    assert!(
        s.share.open && s.layout().embed,
        "open at once, saying it loads"
    );
    // What shows is the skeleton's: its heading and a loading line; nothing is written into it
    // before the controls.
    assert_eq!(embed_markup(&s), "");
    let skeleton = backprop_viz::session::markup::widget(1);
    assert!(skeleton.contains(
        "<h3>Put this in a course page</h3><p class=\"bpv-embed-loading\" aria-hidden=\"true\">Loading the export and authoring tools…</p></section>"
    ));
    // More asked meanwhile: one fetch, and nothing done yet.
    let layers = s.scenario().layers.clone();
    let again = s.apply(Command::Author(Authoring::AddLayer));
    assert_eq!(again.load, None);
    assert_eq!(s.scenario().layers, layers);
    let svg = s.apply(Command::Export(Export::Svg));
    assert_eq!(svg.export, None, "no export before the code is here");

    let effects = s.apply(Command::Loaded(Loaded::Tools(ToolsPart::new())));
    assert_eq!(effects.busy, Some(false), "the loading line goes");
    assert!(
        effects.redraw.structure,
        "the authoring panel gets its controls"
    );
    assert!(effects.redraw.layout, "the dialog gets its controls");
    assert!(s.share.open, "the dialog stays open");
    let controls = embed_markup(&s);
    assert!(
        controls.contains("bpv-embed-preview") && !controls.contains("bpv-embed-loading"),
        "{controls}"
    );
    assert_eq!(effects.export, Some(Export::Svg), "the export runs now");
    // The same question as with the code there from the start.
    let mut direct = Session::new(Scenario::preset("exam").expect("exam"));
    direct.apply(Command::Share(ShareChange::Toggle));
    direct.apply(Command::Author(Authoring::AddLayer));
    assert_eq!(s.scenario(), direct.scenario());
    assert_ne!(s.scenario().layers, layers);
    // Once here, a command is done at once.
    let now = s.apply(Command::Share(ShareChange::Toggle));
    assert!(!s.share.open && now.load.is_none() && now.notice.is_none());
}

/// What the layout writes into the Embed… dialog (empty when it writes nothing there).
fn embed_markup(s: &Session) -> String {
    use backprop_viz::session::writes::Write;
    s.layout_writes()
        .into_iter()
        .find_map(|w| match w {
            Write::Html("bpv-embed", html) => Some(html),
            _ => None,
        })
        .unwrap_or_default()
}

#[test]
fn the_embed_dialog_closed_while_its_tools_load_stays_closed_and_its_loading_line_goes() {
    let mut s = page_exam();
    s.apply(Command::Share(ShareChange::Toggle));
    let closed = s.apply(Command::Share(ShareChange::Toggle));
    assert!(!s.share.open && !s.layout().embed);
    assert!(closed.redraw.layout);
    assert_eq!(closed.notice.as_deref(), Some(""), "nothing else waits");
    assert_eq!(closed.busy, Some(false));
    assert_eq!(closed.load, None, "one fetch");
    assert_eq!(embed_markup(&s), "");
    s.apply(Command::Loaded(Loaded::Tools(ToolsPart::new())));
    assert!(!s.share.open, "the tools' arrival does not open it");
    assert_eq!(embed_markup(&s), "");
    // Something else waiting for the tools keeps the loading line.
    let mut s = page_exam();
    s.apply(Command::Share(ShareChange::Toggle));
    s.apply(Command::Export(Export::Svg));
    let closed = s.apply(Command::Share(ShareChange::Toggle));
    assert_eq!((closed.notice, closed.busy), (None, None));
    assert_eq!(
        s.apply(Command::Loaded(Loaded::Tools(ToolsPart::new())))
            .export,
        Some(Export::Svg)
    );
    assert!(!s.share.open);
    // A failed fetch closes a dialog opened while they loaded; the next press tries again.
    let mut s = page_exam();
    s.apply(Command::Share(ShareChange::Toggle));
    let failed = s.apply(Command::LoadFailed {
        part: Part::Tools,
        reason: "offline".into(),
    });
    assert!(failed.redraw.layout && !s.share.open && !s.layout().embed);
    assert_eq!(
        s.apply(Command::Share(ShareChange::Toggle)).load,
        Some(Part::Tools)
    );
    assert!(s.share.open);
}

#[test]
fn a_worked_solutions_box_opens_on_the_press_while_the_tools_load() {
    let mut s = page_exam();
    let effects = s.apply(Command::Export(Export::Markdown));
    assert_eq!(effects.load, Some(Part::Tools));
    assert!(effects.open_io, "the box opens at once");
    assert_eq!(
        effects.io_status.as_deref(),
        Some("Loading the export and authoring tools…")
    );
    let arrived = s.apply(Command::Loaded(Loaded::Tools(ToolsPart::new())));
    assert_eq!(
        arrived.export,
        Some(Export::Markdown),
        "then the text comes"
    );
    // A file that is only downloaded opens nothing.
    let mut s = page_exam();
    let svg = s.apply(Command::Export(Export::Svg));
    assert!(!svg.open_io && svg.io_status.is_none());
    // A failed fetch takes the box's loading line back, and only when it had said one.
    let mut s = page_exam();
    s.apply(Command::Export(Export::Latex));
    let failed = s.apply(Command::LoadFailed {
        part: Part::Tools,
        reason: "offline".into(),
    });
    assert_eq!(failed.io_status.as_deref(), Some(""));
    let mut s = page_exam();
    s.apply(Command::Export(Export::Json));
    let failed = s.apply(Command::LoadFailed {
        part: Part::Tools,
        reason: "offline".into(),
    });
    assert_eq!(failed.io_status, None);
}

#[test]
fn the_exports_that_open_the_box_on_the_press_are_those_whose_text_it_shows() {
    let s = Session::new(Scenario::preset("exam").expect("exam"));
    for (_, export) in Export::BUTTONS {
        let shown = s
            .export_file(export, (800.0, 500.0), false)
            .is_some_and(|file| file.shown.is_some());
        assert_eq!(export.shown_in_box(), shown, "{export:?}");
    }
}

#[test]
fn a_links_export_and_the_png_need_no_tools() {
    for export in [Export::Link, Export::StudentQuizLink, Export::Png] {
        let mut s = page_exam();
        let effects = s.apply(Command::Export(export));
        assert_eq!(effects.export, Some(export));
        assert_eq!(effects.load, None);
        assert!(matches!(s.parts.tools, Load::Absent));
    }
    for export in [Export::Svg, Export::Json, Export::Markdown, Export::Latex] {
        let mut s = page_exam();
        let effects = s.apply(Command::Export(export));
        assert_eq!((effects.export, effects.load), (None, Some(Part::Tools)));
    }
}

#[test]
fn the_authoring_panel_fetches_its_controls_when_opened_and_says_why_they_did_not_come() {
    let mut s = page_exam();
    assert!(s.author_panel().contains("Loading the authoring controls…"));
    assert!(!s.author_panel().contains("bpv-author-title"));
    let opened = s.apply(Command::Prepare(Part::Tools));
    assert_eq!(opened.load, Some(Part::Tools));
    assert_eq!(
        s.apply(Command::Prepare(Part::Tools)).load,
        None,
        "opened again while they load: one fetch"
    );
    let failed = s.apply(Command::LoadFailed {
        part: Part::Tools,
        reason: "failed to load split module".into(),
    });
    assert_eq!(failed.busy, Some(false));
    assert!(failed.redraw.structure);
    assert!(
        s.author_panel().contains(
            "The authoring controls did not load (failed to load split module). Close this \
             panel and open it again to try again."
        ),
        "{}",
        s.author_panel()
    );
    assert_eq!(
        s.apply(Command::Prepare(Part::Tools)).load,
        Some(Part::Tools),
        "opened again: fetched again"
    );
    s.apply(Command::Loaded(Loaded::Tools(ToolsPart::new())));
    assert!(s.author_panel().contains("bpv-author-title"));
    assert_eq!(s.author_panel(), s.author_markup());
    // A failed fetch drops what waited: nothing happens later by surprise.
    let mut s = page_exam();
    s.apply(Command::Share(ShareChange::Toggle));
    s.apply(Command::LoadFailed {
        part: Part::Tools,
        reason: "offline".into(),
    });
    s.apply(Command::Loaded(Loaded::Tools(ToolsPart::new())));
    assert!(!s.share.open);
}

#[test]
fn the_host_has_every_part_and_a_link_is_checked_in_full() {
    let s = Session::new(Scenario::preset("exam").expect("exam"));
    assert!(s.parts.check.get().is_some() && s.parts.data.get().is_some());
    assert!(s.tools().is_some());
    // With the code here (the host, the module API), a playground past its points is refused
    // when the link is read, as before the split.
    let saved = r#"{"settings":{"points":20},"pick":{"test":false,"index":999}}"#;
    let p = base64url_encode(saved.as_bytes());
    let err = decode(&format!("v=1&p={p}")).expect_err("refused");
    assert_eq!(err.key, "p");
    assert!(err.message.contains("no point 999"), "{}", err.message);
}

#[test]
fn after_a_failure_any_use_of_the_tools_fetches_them_again_and_the_panel_says_so() {
    let mut s = page_exam();
    s.apply(Command::Export(Export::Markdown));
    s.apply(Command::LoadFailed {
        part: Part::Tools,
        reason: "offline".into(),
    });
    assert!(s.author_panel().contains("did not load (offline)"));
    let again = s.apply(Command::Share(ShareChange::Toggle));
    assert_eq!(again.load, Some(Part::Tools));
    assert!(again.redraw.structure, "the panel's line is written again");
    assert!(s.author_panel().contains("Loading the authoring controls…"));
}

#[test]
fn a_quiz_starts_at_once_and_its_first_answer_waits_for_the_checker() {
    let all = backprop_viz::explain::Phase::ALL.to_vec();
    let start = Command::StartQuiz {
        ask: all,
        tolerance: None,
    };
    let mut s = page_exam();
    let started = s.apply(start.clone());
    assert_eq!(started.load, None, "the question needs no part");
    assert_eq!(s.question(), Some(0));
    let waiting = s.apply(Command::Answer("-0.1".into()));
    assert_eq!(waiting.load, Some(Part::Check));
    assert!(!waiting.clear_answer, "the answer stays in its box");
    let quiz = s.quiz.as_ref().expect("a quiz");
    assert_eq!(quiz.feedback, "Loading the answer checker…");
    assert_eq!((quiz.done, quiz.score), (0, 0));
    // A failed fetch says so in the quiz; the next Check fetches again.
    s.apply(Command::LoadFailed {
        part: Part::Check,
        reason: "offline".into(),
    });
    let quiz = s.quiz.as_ref().expect("a quiz");
    assert_eq!(
        quiz.feedback,
        "The answer checker did not load (offline). Press “Check” to try again."
    );
    assert_eq!(s.question(), Some(0), "still on the first question");
    assert_eq!(
        s.apply(Command::Answer("-0.1".into())).load,
        Some(Part::Check)
    );
    let checked = s.apply(Command::Loaded(Loaded::Check(CheckPart::new())));
    assert!(checked.clear_answer, "answered right at the first try");
    // As with the checker there from the start.
    let mut direct = Session::new(Scenario::preset("exam").expect("exam"));
    direct.apply(start);
    direct.apply(Command::Answer("-0.1".into()));
    assert_eq!(s.quiz, direct.quiz);
    assert_eq!(s.question(), direct.question());
    assert_eq!(s.quiz.as_ref().map(|q| q.score), Some(1));
}

#[test]
fn an_import_waits_for_the_reader_and_a_failed_fetch_keeps_the_network() {
    let text = Scenario::preset("xor").expect("xor").to_json();
    let import = Command::Import {
        text,
        source: "the pasted text".into(),
    };
    let mut s = page_exam();
    let waiting = s.apply(import.clone());
    assert_eq!(waiting.load, Some(Part::Read));
    assert_eq!(
        waiting.notice.as_deref(),
        Some("Loading the reader of files and links…")
    );
    assert_eq!(waiting.busy, Some(true));
    assert_eq!(
        s.scenario().title,
        "Exam question 4: a 2-2-1 network, one SGD step"
    );
    let failed = s.apply(Command::LoadFailed {
        part: Part::Read,
        reason: "offline".into(),
    });
    assert_eq!(
        failed.notice.as_deref(),
        Some(
            "The reader of files and links did not load (offline). Try again: the next import \
             fetches it again."
        )
    );
    assert_eq!(s.apply(import).load, Some(Part::Read), "fetched again");
    let read = s.apply(Command::Loaded(Loaded::Read(ReadPart::new())));
    assert_eq!(read.busy, Some(false));
    assert_eq!(
        read.io_status.as_deref(),
        Some("Imported “XOR with a 2-2-1 network” from the pasted text.")
    );
    assert_eq!(s.scenario(), &Scenario::preset("xor").expect("xor"));
}

#[test]
fn pressing_data_set_gives_the_page_the_modes_shape_at_once_and_one_sample_takes_it_back() {
    use backprop_viz::session::writes::Write;
    let mut s = page_exam();
    let sample = s.layout();
    let effects = s.apply(Command::EnterDataMode(None));
    assert!(effects.redraw.structure, "the page is written again");
    // The panel (saying that it loads) and the switch follow the press; the mode is entered
    // when its code is here.
    let writes = s.data_mode_writes();
    assert!(writes.contains(&Write::Flag("bpv-dataset", "hidden", false)));
    assert!(writes.contains(&Write::Attr("bpv-mode-data", "aria-pressed", "true".into())));
    assert!(writes.contains(&Write::Attr("bpv", "data-mode", "sample".into())));
    assert!(!s.data_mode() && s.data_mode_shown());
    let waiting = s.layout();
    assert!(
        !waiting.quiz_toggle && !waiting.scenario_menu && !waiting.sample_menu && !waiting.reset
    );
    assert!(
        sample.quiz_toggle && sample.scenario_menu,
        "the exam's controls were there"
    );
    // "One sample" while it loads: the exam's shape again, the loading line gone, and the code's
    // arrival does not enter the mode.
    let back = s.apply(Command::LeaveDataMode);
    assert!(back.redraw.structure);
    assert_eq!(back.notice.as_deref(), Some(""));
    assert_eq!(back.busy, Some(false));
    assert!(!s.data_mode_shown());
    assert_eq!(s.layout(), sample);
    assert!(s
        .data_mode_writes()
        .contains(&Write::Flag("bpv-dataset", "hidden", true)));
    s.apply(Command::Loaded(Loaded::Data(DataPart::new())));
    assert!(!s.data_mode(), "not entered: the student went back");
    // A failed fetch takes the shape back as well.
    let mut failed = page_exam();
    failed.apply(Command::EnterDataMode(None));
    failed.apply(Command::LoadFailed {
        part: Part::Data,
        reason: "offline".into(),
    });
    assert!(!failed.data_mode_shown());
    assert_eq!(failed.layout(), sample);
}

#[test]
fn a_students_start_waits_for_the_code_that_makes_their_numbers_in_the_prompt_and_says_if_it_failed(
) {
    let exam = Session::new(Scenario::preset("exam").expect("exam"));
    let (mut s, _) = Session::from_link(&exam.student_quiz_link());
    s.parts = Parts::default();
    assert!(s.student_prompt().is_some());
    let note = |s: &Session| s.student_prompt().map(|p| p.note.clone());
    let waiting = s.apply(Command::StartVariant("Ada".into()));
    assert_eq!(waiting.load, Some(Part::Tools), "fetched on the press");
    assert_eq!(waiting.notice, None, "said in the prompt, not over it");
    assert!(waiting.redraw.layout, "the prompt's line is written");
    assert_eq!(note(&s).as_deref(), Some("Making your own numbers…"));
    // A failed fetch says so where the student looks, and Start fetches again.
    let failed = s.apply(Command::LoadFailed {
        part: Part::Tools,
        reason: "offline".into(),
    });
    assert_eq!(failed.notice.as_deref(), Some(""), "not over the prompt");
    assert!(failed.redraw.layout);
    assert_eq!(
        note(&s).as_deref(),
        Some(
            "Your numbers could not be made: the code that makes them did not load (offline). \
             Press Start to try again."
        )
    );
    assert_eq!(
        s.apply(Command::StartVariant("Ada".into())).load,
        Some(Part::Tools)
    );
    s.apply(Command::Loaded(Loaded::Tools(ToolsPart::new())));
    assert!(s.student_prompt().is_none(), "the variant started");
    // As with the tools there from the start.
    let (mut direct, _) = Session::from_link(&exam.student_quiz_link());
    direct.apply(Command::StartVariant("Ada".into()));
    assert_eq!(s.scenario(), direct.scenario());
    assert_eq!(s.quiz, direct.quiz);
}
