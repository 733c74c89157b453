//! Hand-made data: points added by a click or read from CSV, and the checks their labels and
//! places pass.

use super::settings::refuse;
use super::{Playground, Problem, Settings, SettingsError, MAX_POINTS};
use crate::decimal::Shortest;
use crate::nn::clamp;
use crate::nn::data::{DataSet, EXTENT};

impl Playground {
    /// Adds a point (turning generated data into hand-made data). Keeps the weights.
    pub fn add_point(&mut self, x1: f64, x2: f64, label: f64) -> Result<(), SettingsError> {
        if !(x1.is_finite() && x2.is_finite() && label.is_finite()) {
            return Err(refuse("point", "coordinates and label must be numbers"));
        }
        let mut data = self.all_points();
        if data.points.len() >= MAX_POINTS {
            return Err(refuse("point", format!("the limit is {MAX_POINTS} points")));
        }
        check_label(&self.settings, label, "point")?;
        data.points
            .push((clamp(x1, -EXTENT, EXTENT), clamp(x2, -EXTENT, EXTENT)));
        data.labels.push(label);
        self.custom = Some(data);
        self.load_data();
        self.record();
        Ok(())
    }

    /// Replaces the data with points read from CSV text; returns one message per line that
    /// could not be read. With no good line at all, the data stays as it was.
    pub fn import_csv(&mut self, text: &str) -> Vec<String> {
        let (data, mut problems) = crate::nn::csv::parse(text, self.settings.classes());
        if data.points.is_empty() {
            problems.push("no point could be read; the data is unchanged".into());
            return problems;
        }
        if data.points.len() > MAX_POINTS {
            problems.push(format!(
                "more than {MAX_POINTS} points; the data is unchanged"
            ));
            return problems;
        }
        self.custom = Some(data);
        self.load_data();
        self.history.clear();
        self.record();
        problems
    }

    /// Goes back to generated data.
    pub fn clear_custom(&mut self) {
        self.custom = None;
        self.load_data();
        self.history.clear();
        self.record();
    }

    /// Every point, training and test, as one data set.
    fn all_points(&self) -> DataSet {
        let mut data = self.train.clone();
        data.points.extend(&self.test.points);
        data.labels.extend(&self.test.labels);
        data
    }
}

pub(super) fn check_label(
    settings: &Settings,
    label: f64,
    field: &str,
) -> Result<(), SettingsError> {
    let ok = if settings.problem == Problem::Regression {
        (-1.0..=1.0).contains(&label)
    } else {
        label.fract() == 0.0 && label >= 0.0 && (label as usize) < settings.classes()
    };
    if ok {
        Ok(())
    } else if settings.problem == Problem::Regression {
        Err(refuse(
            field,
            format!("label {} is outside [−1, 1]", Shortest(label)),
        ))
    } else {
        Err(refuse(
            field,
            format!(
                "label {} is not a class (0 to {})",
                Shortest(label),
                settings.classes() - 1
            ),
        ))
    }
}

pub(super) fn check_custom(settings: &Settings, data: &DataSet) -> Result<(), SettingsError> {
    if data.points.len() != data.labels.len() || data.points.is_empty() {
        return Err(refuse(
            "custom",
            "needs at least one point, each with a label",
        ));
    }
    for (k, (p, l)) in data.points.iter().zip(&data.labels).enumerate() {
        let field = format!("custom[{k}]");
        if !(p.0.is_finite() && p.1.is_finite()) || p.0.abs() > EXTENT || p.1.abs() > EXTENT {
            let extent = Shortest(EXTENT);
            return Err(refuse(
                field,
                format!("the point must lie in [−{extent}, {extent}]²"),
            ));
        }
        check_label(settings, *l, &field)?;
    }
    Ok(())
}
