//! Reading a data set from CSV text: one point a line, `x1,x2,label`. A header line is allowed;
//! blank lines and lines starting with `#` are skipped; every other line that cannot be read is
//! named with its number and the reason, and the good lines are kept.
//!
//! ```
//! use backprop_nn::csv::parse;
//! let (data, problems) = parse("x1,x2,label\n1,2,0\n3,oops,1\n", 2);
//! assert_eq!(data.points, vec![(1.0, 2.0)]);
//! assert_eq!(problems, vec!["line 3: x2 “oops” is not a number".to_string()]);
//! ```

use super::data::{DataSet, EXTENT};
use super::decimal::parse_f64;
use crate::decimal::Shortest;

/// Most lines read; the rest are reported once.
pub const MAX_LINES: usize = 10_000;

/// Parses CSV text into points with labels. `classes` is the number of classes (labels must be
/// whole numbers below it), or 1 for regression (labels in [−1, 1]).
pub fn parse(text: &str, classes: usize) -> (DataSet, Vec<String>) {
    let mut data = DataSet {
        points: Vec::new(),
        labels: Vec::new(),
        classes: classes.max(1),
    };
    let mut problems = Vec::new();
    for (k, raw) in text.lines().enumerate() {
        let number = k + 1;
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if data.points.len() >= MAX_LINES {
            problems.push(format!(
                "line {number}: more than {MAX_LINES} points; the rest were not read"
            ));
            break;
        }
        let fields: Vec<&str> = line.split([',', ';', '\t']).map(str::trim).collect();
        if k == 0 && fields.iter().any(|f| parse_f64(f).is_none()) && fields.len() == 3 {
            // A header.
            continue;
        }
        if fields.len() != 3 {
            problems.push(format!(
                "line {number}: has {} fields; a line is x1,x2,label",
                fields.len()
            ));
            continue;
        }
        let mut values = [0.0; 3];
        let mut bad = None;
        for (slot, (name, field)) in values
            .iter_mut()
            .zip(["x1", "x2", "label"].iter().zip(&fields))
        {
            match parse_f64(field) {
                Some(v) if v.is_finite() => *slot = v,
                _ => {
                    let shown: String = field.chars().take(20).collect();
                    bad = Some(format!("line {number}: {name} “{shown}” is not a number"));
                    break;
                }
            }
        }
        if let Some(message) = bad {
            problems.push(message);
            continue;
        }
        let [x1, x2, label] = values;
        if x1.abs() > EXTENT || x2.abs() > EXTENT {
            let extent = Shortest(EXTENT);
            problems.push(format!(
                "line {number}: ({}, {}) is outside the plane [−{extent}, {extent}]²",
                Shortest(x1),
                Shortest(x2)
            ));
            continue;
        }
        let label_ok = if classes <= 1 {
            (-1.0..=1.0).contains(&label)
        } else {
            label.fract() == 0.0 && label >= 0.0 && (label as usize) < classes
        };
        if !label_ok {
            problems.push(if classes <= 1 {
                format!(
                    "line {number}: label {} is outside [−1, 1]",
                    Shortest(label)
                )
            } else {
                format!(
                    "line {number}: label {} is not a class (0 to {})",
                    Shortest(label),
                    classes - 1
                )
            });
            continue;
        }
        data.points.push((x1, x2));
        data.labels.push(label);
    }
    (data, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_lines_are_kept_and_bad_ones_named() {
        let text =
            "x1,x2,label\n0.5,-1,1\n\n# a comment\n2;3;0\n1,2\n1,2,3\n9,0,1\nNaN,1,0\n1\t1\t1\n";
        let (data, problems) = parse(text, 2);
        assert_eq!(data.points, vec![(0.5, -1.0), (2.0, 3.0), (1.0, 1.0)]);
        assert_eq!(data.labels, vec![1.0, 0.0, 1.0]);
        assert_eq!(
            problems,
            vec![
                "line 6: has 2 fields; a line is x1,x2,label",
                "line 7: label 3 is not a class (0 to 1)",
                "line 8: (9, 0) is outside the plane [−6, 6]²",
                "line 9: x1 “NaN” is not a number",
            ]
        );
    }

    #[test]
    fn regression_labels_are_checked() {
        let (data, problems) = parse("1,1,0.5\n1,1,-3\n", 1);
        assert_eq!(data.labels, vec![0.5]);
        assert_eq!(problems, vec!["line 2: label -3 is outside [−1, 1]"]);
    }
}
