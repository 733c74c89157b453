//! The share dialog's embed codes, for each option: the iframe's link opens exactly the state and
//! options chosen (read back by the link reader), the element says the same in attributes, and
//! every value is escaped.

use backprop_viz::edit::Field;
use backprop_viz::explain::Phase;
use backprop_viz::scenario::Scenario;
use backprop_viz::session::{Command, EmbedOptions, Session, EMBED_HEIGHTS};
use backprop_viz::share::{decode, Control, Panel, ThemeChoice};

const BASE: &str = "https://your.site/backprop-viz/";

fn exam() -> Session {
    Session::new(Scenario::preset("exam").expect("the exam is a preset"))
}

/// The hash inside an iframe's `src`, unescaped.
fn iframe_hash(iframe: &str) -> String {
    let src = iframe
        .split("src=\"")
        .nth(1)
        .expect("a src")
        .split('"')
        .next()
        .expect("quoted");
    let src = src.replace("&amp;", "&");
    src.split_once("embed.html#")
        .expect("the embed page")
        .1
        .to_string()
}

#[test]
fn the_default_embed_is_the_exam_with_everything_and_the_codes_agree() {
    let s = exam();
    let code = s.embed_code(BASE, &EmbedOptions::default());
    assert_eq!(code.hash, "v=1&preset=exam");
    assert_eq!(
        code.iframe,
        "<iframe src=\"https://your.site/backprop-viz/embed.html#v=1&amp;preset=exam\" \
         title=\"backprop-viz: Exam question 4: a 2-2-1 network, one SGD step\" loading=\"lazy\"\n        \
         style=\"width: 100%; height: 640px; border: 0\"\n        \
         sandbox=\"allow-scripts allow-same-origin allow-downloads\"></iframe>"
    );
    assert_eq!(
        code.element,
        "<script type=\"module\" src=\"https://your.site/backprop-viz/js/backprop-viz.mjs\"></script>\n\
         <backprop-viz preset=\"exam\"></backprop-viz>"
    );
    assert_eq!(
        code.link,
        "https://your.site/backprop-viz/index.html#v=1&preset=exam"
    );
    assert_eq!(iframe_hash(&code.iframe), code.hash);
}

#[test]
fn each_option_reaches_the_link_and_the_element() {
    let s = exam();
    let options = EmbedOptions {
        panels: vec![Panel::Canvas, Panel::Explain],
        controls: vec![Control::Timeline],
        theme: ThemeChoice::Dark,
        height: 480,
        readonly: true,
        quiz: Some(vec![Phase::Backward, Phase::Update]),
        tolerance: Some(3),
        exports: true,
    };
    let code = s.embed_code(BASE, &options);
    let link = decode(&iframe_hash(&code.iframe)).expect("the iframe's link reads");
    assert_eq!(link.panels, options.panels);
    assert_eq!(link.controls, options.controls);
    assert_eq!(link.theme, ThemeChoice::Dark);
    assert!(link.readonly && link.quiz && link.quiz_exports);
    assert_eq!(link.ask, [Phase::Backward, Phase::Update]);
    assert_eq!(link.tolerance, Some(3));
    assert_eq!(link.scenario, *s.scenario());
    assert!(code.iframe.contains("height: 480px"));
    assert!(code.element.ends_with(
        "<backprop-viz preset=\"exam\" panels=\"canvas,explain\" controls=\"timeline\" theme=\"dark\" \
         readonly quiz ask=\"backward,update\" tolerance=\"3\" exports></backprop-viz>"
    ), "{}", code.element);
    assert_eq!(decode(&code.hash), Ok(link));
}

#[test]
fn without_a_quiz_its_settings_are_left_out_and_heights_stay_in_range() {
    let s = exam();
    let options = EmbedOptions {
        tolerance: Some(3),
        exports: true,
        height: 10,
        ..EmbedOptions::default()
    };
    let code = s.embed_code(BASE, &options);
    let link = decode(&code.hash).expect("reads");
    assert!(!link.quiz && link.tolerance.is_none() && !link.quiz_exports);
    assert!(!code.element.contains("tolerance") && !code.element.contains("exports"));
    assert!(code
        .iframe
        .contains(&format!("height: {}px", EMBED_HEIGHTS.0)));
    let tall = s.embed_code(
        BASE,
        &EmbedOptions {
            height: 99_999,
            ..EmbedOptions::default()
        },
    );
    assert!(tall
        .iframe
        .contains(&format!("height: {}px", EMBED_HEIGHTS.1)));
}

#[test]
fn an_edited_question_travels_whole_and_escaped_and_the_base_may_be_relative() {
    let mut s = exam();
    s.apply(Command::SetField {
        field: Field::Weight {
            layer: 1,
            from: 1,
            to: 0,
        },
        value: -0.7,
    });
    s.apply(Command::Author(backprop_viz::session::Authoring::SetTitle(
        "Q4 \"b\" <variant> & more".into(),
    )));
    let code = s.embed_code("courses/viz", &EmbedOptions::default());
    assert!(
        code.hash.contains("&s="),
        "an edited scenario is carried whole: {}",
        code.hash
    );
    let link = decode(&code.hash).expect("reads");
    assert_eq!(link.scenario, *s.scenario());
    assert!(code
        .iframe
        .starts_with("<iframe src=\"courses/viz/embed.html#"));
    assert!(code
        .iframe
        .contains("title=\"backprop-viz: Q4 &quot;b&quot; &lt;variant&gt; &amp; more\""));
    let attribute = code
        .element
        .split("scenario=\"")
        .nth(1)
        .expect("a scenario attribute");
    let json = attribute
        .split("\"></backprop-viz>")
        .next()
        .expect("closed");
    assert!(
        !json.contains('"') && !json.contains('<'),
        "escaped: {json}"
    );
    let json = json
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    assert_eq!(
        &Scenario::from_json(&json).expect("the attribute's JSON reads"),
        s.scenario()
    );
}
