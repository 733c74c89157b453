//! The module API's arguments, by property: whatever JavaScript value arrives for whichever
//! argument, it is taken only when it is of the type and range the method takes, and refused
//! otherwise with a message that starts with the argument's name. Field paths, link options and
//! scenario text of any shape are refused the same way, never with a panic; a refused value
//! leaves the widget's state as it was.

use backprop_viz::edit::Field;
use backprop_viz::scenario::Scenario;
use backprop_viz::session::api::Arg;
use backprop_viz::session::mount_options::MountOptions;
use backprop_viz::session::{Command, Session};
use proptest::prelude::*;

/// Any JavaScript value, as the shell reports it.
fn any_arg() -> impl Strategy<Value = Arg> {
    prop_oneof![
        Just(Arg::Missing),
        any::<f64>().prop_map(Arg::Number),
        prop_oneof![
            Just(f64::NAN),
            Just(f64::INFINITY),
            Just(-0.0),
            Just(1e300),
            Just(-1.0),
            Just(4_294_967_295.0),
            Just(0.5)
        ]
        .prop_map(Arg::Number),
        any::<String>().prop_map(Arg::Text),
        prop_oneof![
            Just(String::new()),
            Just("   ".to_string()),
            Just("0x10".to_string()),
            Just("1e3".to_string()),
            Just("0.25".to_string()),
            Just("weights[0][0][0]".to_string()),
        ]
        .prop_map(Arg::Text),
        any::<bool>().prop_map(Arg::Bool),
        prop_oneof![
            Just("object"),
            Just("function"),
            Just("symbol"),
            Just("bigint")
        ]
        .prop_map(Arg::Other),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn a_number_argument_is_a_finite_number_and_nothing_else(a in any_arg()) {
        match (&a, a.number("value")) {
            (Arg::Number(x), Ok(v)) => prop_assert!(x.is_finite() && *x == v),
            (_, Ok(v)) => prop_assert!(false, "{a:?} was taken as {v}"),
            (_, Err(e)) => prop_assert!(e.starts_with("value: "), "{e}"),
        }
    }

    #[test]
    fn a_count_argument_is_a_whole_number_in_its_range(a in any_arg(), min in 0usize..10, span in 0usize..1000) {
        let max = min + span;
        match (&a, a.count("samples", min, max)) {
            (Arg::Number(x), Ok(n)) => {
                prop_assert!(x.fract() == 0.0 && (min..=max).contains(&n) && *x == n as f64)
            }
            (_, Ok(n)) => prop_assert!(false, "{a:?} was taken as {n}"),
            (_, Err(e)) => prop_assert!(e.starts_with("samples: "), "{e}"),
        }
    }

    #[test]
    fn text_and_flag_arguments_are_strings_and_booleans(a in any_arg()) {
        match (&a, a.text("event")) {
            (Arg::Text(t), Ok(s)) => prop_assert_eq!(t, &s),
            (_, Ok(s)) => prop_assert!(false, "{a:?} was taken as {s}"),
            (_, Err(e)) => prop_assert!(e.starts_with("event: "), "{e}"),
        }
        match (&a, a.flag("test")) {
            (Arg::Bool(b), Ok(f)) => prop_assert_eq!(*b, f),
            (Arg::Missing, Ok(f)) => prop_assert!(!f),
            (_, Ok(f)) => prop_assert!(false, "{a:?} was taken as {f}"),
            (_, Err(e)) => prop_assert!(e.starts_with("test: "), "{e}"),
        }
    }

    #[test]
    fn any_field_path_either_names_a_field_or_is_nothing(path in "\\PC{0,40}|weights\\[[0-9]{1,3}\\]\\[[0-9]{1,3}\\]\\[[0-9]{1,3}\\]|samples\\[[0-9]{1,6}\\]\\.[xy]\\[[0-9]{1,3}\\]") {
        let exam = Scenario::preset("exam").expect("exam");
        if let Some(field) = Field::parse(&path) {
            // A parsed path prints back as itself, and reading it never panics.
            prop_assert_eq!(Field::parse(&field.path()), Some(field));
            let _ = field.get(&exam);
        }
    }

    #[test]
    fn any_value_set_on_any_field_is_taken_or_refused_and_a_refusal_changes_nothing(
        layer in 0usize..3, from in 0usize..3, to in 0usize..2, value in any::<f64>(),
    ) {
        let mut s = Session::new(Scenario::preset("exam").expect("exam"));
        let before = s.scenario().clone();
        let field = Field::Weight { layer, from, to };
        let effects = s.apply(Command::SetField { field, value });
        let valid = field.get(&before).is_some() && value.is_finite();
        if valid {
            prop_assert_eq!(field.get(s.scenario()), Some(value));
        } else {
            prop_assert_eq!(s.scenario(), &before, "{:?}", effects.field_error);
        }
    }

    #[test]
    fn mount_options_of_any_values_are_read_or_refused_naming_the_option(
        list in prop::collection::vec("\\PC{0,12}", 0..4), theme in "\\PC{0,12}", digits in any::<f64>(),
    ) {
        let options = MountOptions {
            panels: Some(list),
            theme: Some(theme),
            digits: Some(digits),
            ..MountOptions::default()
        };
        if let Err(e) = options.into_link("exam") {
            prop_assert!(["panels", "theme", "digits"].contains(&e.field.as_str()), "{e}");
        }
    }

    #[test]
    fn scenario_text_of_any_shape_is_read_or_refused(text in "\\PC{0,200}") {
        if let Err(e) = MountOptions::default().into_link(&text) {
            prop_assert_eq!(e.field, "scenario");
        }
        // A JSON value of the wrong kind.
        for json in [format!("[{text:?}]"), format!("{{\"version\": {text:?}}}"), format!("{text:?}")] {
            let _ = Scenario::from_argument(&json);
        }
    }
}
