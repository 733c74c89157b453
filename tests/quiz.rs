//! The quiz: a correct answer within the shown rounding is accepted; each known mistake, made on
//! the exam, is diagnosed as that mistake; an unrelated wrong answer gets no diagnosis.

use backprop_viz::explain::{explain, Place, StepKind};
use backprop_viz::quiz::{check, value, Mistake, Verdict};
use backprop_viz::scenario::Scenario;

fn exam() -> Scenario {
    Scenario::preset("exam").expect("exam")
}

const Z1: (StepKind, Place) = (
    StepKind::PreActivation,
    Place::Neuron { layer: 1, index: 0 },
);
const LOSS: (StepKind, Place) = (StepKind::Loss, Place::Loss);
const DELTA1: (StepKind, Place) = (StepKind::Delta, Place::Neuron { layer: 1, index: 0 });
const DELTA3: (StepKind, Place) = (StepKind::Delta, Place::Neuron { layer: 2, index: 0 });
const W6_NEW: (StepKind, Place) = (
    StepKind::WeightUpdate,
    Place::Weight {
        layer: 1,
        from: 1,
        to: 0,
    },
);

fn verdict(step: (StepKind, Place), answer: f64) -> Verdict {
    check(&exam(), 0, step.0, step.1, answer, 4).verdict
}

#[test]
fn the_correct_values_agree_with_the_core_on_every_step() {
    for name in Scenario::PRESETS {
        let s = Scenario::preset(name).expect("preset");
        let step = s.step_trace();
        for st in explain(&s, &step, 0) {
            let Some(v) = value(&s, 0, st.kind, st.place, &[]) else {
                assert!(
                    s.samples.len() > 1
                        && matches!(st.kind, StepKind::WeightUpdate | StepKind::BiasUpdate)
                );
                continue;
            };
            assert!(
                (v - st.value).abs() <= 1e-12 * st.value.abs().max(1.0),
                "{name} {}: {v} vs {}",
                st.symbol.to_text(4),
                st.value
            );
        }
    }
}

#[test]
fn a_correct_answer_within_the_shown_rounding_is_accepted() {
    assert_eq!(verdict(LOSS, 0.5130), Verdict::Correct);
    assert_eq!(verdict(LOSS, 0.51302), Verdict::Correct);
    assert_eq!(verdict(Z1, -0.1), Verdict::Correct);
    assert_eq!(verdict(W6_NEW, -0.5032), Verdict::Correct);
    assert_eq!(
        check(&exam(), 0, LOSS.0, LOSS.1, 0.513, 3).verdict,
        Verdict::Correct
    );
    assert_ne!(verdict(LOSS, 0.5136), Verdict::Correct);
}

#[test]
fn the_base_10_logarithm_is_diagnosed() {
    assert_eq!(
        verdict(LOSS, 0.2228),
        Verdict::Mistaken(vec![Mistake::Log10])
    );
}

#[test]
fn the_model_answers_loss_is_diagnosed_as_log10_with_early_rounding() {
    match verdict(LOSS, 0.2225) {
        Verdict::Mistaken(m) => assert!(m.contains(&Mistake::Log10), "{m:?}"),
        other => panic!("0.2225 should be diagnosed, got {other:?}"),
    }
}

#[test]
fn reading_the_weights_row_for_column_is_diagnosed() {
    // 1·0.5 + 2·(−0.6) + 0.2, as the model answer's formula reads it.
    assert_eq!(
        verdict(Z1, -0.5),
        Verdict::Mistaken(vec![Mistake::Transposed])
    );
}

#[test]
fn relu_slope_one_at_a_negative_input_is_diagnosed() {
    // δ1 = 1·w5·δ3 = 0.3·0.4013 instead of 0.
    assert_eq!(
        verdict(DELTA1, 0.1204),
        Verdict::Mistaken(vec![Mistake::ReluSlopeOne])
    );
}

#[test]
fn sigmoid_derivative_as_sigma_is_diagnosed() {
    // δ3 = ∂J/∂a3·σ(z3) = 1.6703·0.4013.
    assert_eq!(
        verdict(DELTA3, 0.6703),
        Verdict::Mistaken(vec![Mistake::SigmoidDerivative])
    );
}

#[test]
fn adding_the_gradient_is_diagnosed() {
    // −0.5 + 0.01·0.32105.
    assert_eq!(
        verdict(W6_NEW, -0.4968),
        Verdict::Mistaken(vec![Mistake::AddedGradient])
    );
}

#[test]
fn forgetting_the_bias_is_diagnosed() {
    // 1·0.5 + 2·(−0.4) without b1[1] = 0.2.
    assert_eq!(
        verdict(Z1, -0.3),
        Verdict::Mistaken(vec![Mistake::ForgotBias])
    );
}

#[test]
fn rounding_early_is_diagnosed() {
    // −ln(1 − 0.401) with a3 rounded to 0.401 first.
    assert_eq!(
        verdict(LOSS, 0.5125),
        Verdict::Mistaken(vec![Mistake::RoundedEarly])
    );
}

#[test]
fn an_unrelated_wrong_answer_gets_no_diagnosis() {
    for (step, answer) in [
        (LOSS, 12.345),
        (Z1, 0.77),
        (DELTA1, -3.0),
        (DELTA3, 0.1),
        (W6_NEW, 2.0),
        (LOSS, f64::NAN),
    ] {
        assert_eq!(verdict(step, answer), Verdict::Wrong, "{answer}");
    }
}

#[test]
fn every_mistake_has_a_sentence() {
    for m in Mistake::ALL {
        assert!(m.describe().len() > 20 && !m.name().is_empty());
    }
}
