//! A small expression tree for formulas, rendered as plain text (Unicode), LaTeX and MathML.
//!
//! Formulas are built once as trees, so the page, the Markdown handout and the LaTeX handout show
//! the same mathematics. Numbers keep their full f64 value; rounding happens in the renderer.
//!
//! ```
//! use backprop_viz::explain::math::{Math, Sym};
//! let z = Math::sum(vec![Math::num(-0.6), Math::num(-0.2)]);
//! assert_eq!(z.to_text(4), "−0.6 − 0.2");
//! assert_eq!(Math::sym(Sym::new("w", "6")).to_latex(4), "w_{6}");
//! ```

use super::number::{number_latex, number_mathml, number_text, number_width_em, superscript};

/// A named quantity: a base letter with a subscript and, for vector entries, an index.
#[derive(Clone, Debug, PartialEq)]
pub struct Sym {
    /// The letter (`"z"`, `"δ"`, `"η"`, `"ŷ"`).
    pub base: String,
    /// The subscript (`"3"`), possibly empty.
    pub sub: String,
    /// An entry of a vector quantity (`b1[2]`), 1-based.
    pub index: Option<usize>,
}

impl Sym {
    /// A symbol with a subscript.
    pub fn new(base: &str, sub: &str) -> Sym {
        Sym {
            base: base.into(),
            sub: sub.into(),
            index: None,
        }
    }

    /// A symbol with no subscript.
    pub fn plain(base: &str) -> Sym {
        Sym::new(base, "")
    }

    /// An entry of a vector symbol (`b1[2]`).
    pub fn entry(base: &str, sub: &str, index: usize) -> Sym {
        Sym {
            index: Some(index),
            ..Sym::new(base, sub)
        }
    }

    /// As plain text: `z3`, `b1[2]`; a subscript that is a name of its own is joined with `_`
    /// (`m_w6`, an optimiser's moment of `w6`).
    pub fn to_text(&self) -> String {
        let join = if self.sub.is_empty() || names_a_number(&self.sub) {
            ""
        } else {
            "_"
        };
        match self.index {
            Some(i) => format!("{}{join}{}[{i}]", self.base, self.sub),
            None => format!("{}{join}{}", self.base, self.sub),
        }
    }

    /// The subscript with a vector entry's index after a comma (`1,2` for `b1[2]`).
    fn sub_with_index(&self) -> String {
        match self.index {
            Some(i) => format!("{},{i}", self.sub),
            None => self.sub.clone(),
        }
    }

    fn to_latex(&self) -> String {
        let base = latex_letter(&self.base);
        let sub = self.sub_with_index();
        if sub.is_empty() {
            base
        } else {
            format!("{base}_{{{sub}}}")
        }
    }

    /// About how wide the symbol renders as MathML, in ems (the subscript at about 71 %).
    fn width_em(&self) -> f64 {
        let sub = self.sub.chars().count() + self.index.map_or(0, |i| 1 + i.to_string().len());
        0.55 * self.base.chars().count() as f64 + 0.4 * sub as f64
    }

    fn to_mathml(&self) -> String {
        let base = format!("<mi>{}</mi>", escape(&self.base));
        let sub = self.sub_with_index();
        if sub.is_empty() {
            base
        } else {
            let tag = if names_a_number(&sub) { "mn" } else { "mi" };
            format!("<msub>{base}<{tag}>{}</{tag}></msub>", escape(&sub))
        }
    }
}

/// Whether a subscript is a number (`3`, `1,2`) rather than a name of its own (`w6`).
fn names_a_number(sub: &str) -> bool {
    sub.starts_with(|c: char| c.is_ascii_digit())
}

/// A formula.
#[derive(Clone, Debug, PartialEq)]
pub enum Math {
    /// A named quantity.
    Sym(Sym),
    /// A number, rounded only when rendered.
    Num(f64),
    /// Terms added; a negative number or a negation among them shows as a minus sign.
    Sum(Vec<Math>),
    /// A negation.
    Neg(Box<Math>),
    /// Factors multiplied, shown with `·`.
    Prod(Vec<Math>),
    /// A fraction.
    Frac(Box<Math>, Box<Math>),
    /// A function applied to an argument: `σ(z3)`, `ln(1 − a3)`, `ReLU′(z1)`.
    Apply(String, Box<Math>),
    /// A power with a small integer exponent.
    Pow(Box<Math>, i32),
    /// A partial derivative `∂num/∂den`.
    Partial(Sym, Sym),
    /// A square root `√x`.
    Sqrt(Box<Math>),
    /// Words inside a formula.
    Text(String),
}

impl Math {
    /// A symbol.
    pub fn sym(s: Sym) -> Math {
        Math::Sym(s)
    }
    /// A number.
    pub fn num(x: f64) -> Math {
        Math::Num(x)
    }
    /// A sum; a single term stays as it is.
    pub fn sum(mut terms: Vec<Math>) -> Math {
        if terms.len() == 1 {
            terms.remove(0)
        } else {
            Math::Sum(terms)
        }
    }
    /// A product; a single factor stays as it is.
    pub fn prod(mut factors: Vec<Math>) -> Math {
        if factors.len() == 1 {
            factors.remove(0)
        } else {
            Math::Prod(factors)
        }
    }
    /// A negation.
    pub fn negate(x: Math) -> Math {
        Math::Neg(Box::new(x))
    }
    /// A fraction.
    pub fn frac(num: Math, den: Math) -> Math {
        Math::Frac(Box::new(num), Box::new(den))
    }
    /// A function applied to an argument.
    pub fn apply(name: &str, arg: Math) -> Math {
        Math::Apply(name.into(), Box::new(arg))
    }
    /// A power.
    pub fn pow(base: Math, exp: i32) -> Math {
        Math::Pow(Box::new(base), exp)
    }
    /// A square root.
    pub fn sqrt(x: Math) -> Math {
        Math::Sqrt(Box::new(x))
    }
    /// `a − b`.
    pub fn minus(a: Math, b: Math) -> Math {
        Math::Sum(vec![a, Math::negate(b)])
    }

    /// Whether the expression needs parentheses as a factor of a product.
    fn is_compound_for_product(&self) -> bool {
        match self {
            Math::Sum(_) | Math::Neg(_) => true,
            Math::Num(x) => *x < 0.0,
            _ => false,
        }
    }

    /// Renders as plain Unicode text with numbers to `digits` significant digits.
    pub fn to_text(&self, digits: usize) -> String {
        match self {
            Math::Sym(s) => s.to_text(),
            Math::Num(x) => number_text(*x, digits),
            Math::Sum(terms) => TEXT.sum(terms, digits),
            Math::Neg(x) => TEXT.negation(x, digits),
            Math::Prod(factors) => TEXT.product(factors, digits),
            Math::Frac(n, d) => {
                let wrap = |m: &Math| {
                    let t = m.to_text(digits);
                    match m {
                        Math::Sym(_)
                        | Math::Apply(..)
                        | Math::Partial(..)
                        | Math::Pow(..)
                        | Math::Sqrt(_) => t,
                        Math::Num(x) if *x >= 0.0 => t,
                        _ => format!("({t})"),
                    }
                };
                format!("{}/{}", wrap(n), wrap(d))
            }
            Math::Apply(name, arg) => format!("{name}({})", arg.to_text(digits)),
            Math::Pow(base, exp) => {
                let b = base.to_text(digits);
                let b = match **base {
                    Math::Sym(_) => b,
                    Math::Num(x) if x >= 0.0 => b,
                    _ => format!("({b})"),
                };
                format!("{b}{}", superscript(*exp))
            }
            Math::Partial(n, d) => format!("∂{}/∂{}", n.to_text(), d.to_text()),
            Math::Sqrt(x) => match **x {
                Math::Sym(_) | Math::Num(_) => format!("√{}", x.to_text(digits)),
                _ => format!("√({})", x.to_text(digits)),
            },
            Math::Text(t) => t.clone(),
        }
    }

    /// Renders as a sentence for screen readers: `1 times −0.6 plus 2 times 0.8 minus 0.2`.
    pub fn to_speech(&self, digits: usize) -> String {
        match self {
            Math::Sym(s) => s.to_text(),
            Math::Num(x) => number_text(*x, digits),
            Math::Sum(terms) => {
                let mut out = String::new();
                for (k, term) in terms.iter().enumerate() {
                    let (negative, body) = match term {
                        Math::Num(x) if *x < 0.0 => (true, number_text(-x, digits)),
                        Math::Neg(inner) => (true, inner.to_speech(digits)),
                        _ => (false, term.to_speech(digits)),
                    };
                    let sign = match (k, negative) {
                        (0, true) => "minus ",
                        (0, false) => "",
                        (_, true) => " minus ",
                        (_, false) => " plus ",
                    };
                    out.push_str(sign);
                    out.push_str(&body);
                }
                out
            }
            Math::Neg(x) => format!("minus {}", x.to_speech(digits)),
            Math::Prod(factors) => factors
                .iter()
                .map(|f| match f {
                    Math::Sum(_) => format!("the quantity {}", f.to_speech(digits)),
                    _ => f.to_speech(digits),
                })
                .collect::<Vec<_>>()
                .join(" times "),
            Math::Frac(n, d) => format!("{} over {}", n.to_speech(digits), d.to_speech(digits)),
            Math::Apply(name, arg) => {
                let name = match name.as_str() {
                    "σ" => "sigma",
                    "ReLU′" => "the ReLU derivative",
                    "LeakyReLU′" => "the leaky ReLU derivative",
                    other => other,
                };
                format!("{name} of {}", arg.to_speech(digits))
            }
            Math::Pow(base, 2) => format!("{} squared", base.to_speech(digits)),
            Math::Pow(base, e) => format!("{} to the power {e}", base.to_speech(digits)),
            Math::Partial(n, d) => format!(
                "the derivative of {} with respect to {}",
                n.to_text(),
                d.to_text()
            ),
            Math::Sqrt(x) => format!("the square root of {}", x.to_speech(digits)),
            Math::Text(t) => t.clone(),
        }
    }

    /// Renders as LaTeX (for `align*` or `$…$`).
    pub fn to_latex(&self, digits: usize) -> String {
        match self {
            Math::Sym(s) => s.to_latex(),
            Math::Num(x) => number_latex(*x, digits),
            Math::Sum(terms) => LATEX.sum(terms, digits),
            Math::Neg(x) => LATEX.negation(x, digits),
            Math::Prod(factors) => LATEX.product(factors, digits),
            Math::Frac(n, d) => {
                format!("\\frac{{{}}}{{{}}}", n.to_latex(digits), d.to_latex(digits))
            }
            Math::Apply(name, arg) => {
                format!(
                    "{}\\left({}\\right)",
                    latex_function(name),
                    arg.to_latex(digits)
                )
            }
            Math::Pow(base, exp) => {
                let b = base.to_latex(digits);
                let b = match **base {
                    Math::Sym(_) => b,
                    Math::Num(x) if x >= 0.0 => b,
                    _ => format!("\\left({b}\\right)"),
                };
                format!("{b}^{{{exp}}}")
            }
            Math::Partial(n, d) => {
                format!(
                    "\\frac{{\\partial {}}}{{\\partial {}}}",
                    n.to_latex(),
                    d.to_latex()
                )
            }
            Math::Sqrt(x) => format!("\\sqrt{{{}}}", x.to_latex(digits)),
            Math::Text(t) => format!("\\text{{{}}}", latex_escape_text(t)),
        }
    }

    /// About how wide the formula renders as MathML, in ems of the formula's font: `display`
    /// for a displayed formula (full-size fractions), else inline (fractions at about 71 %).
    /// Operators count with the spacing MathML puts around them. Used to decide when a chain
    /// of equalities is set on rows: MathML does not wrap lines.
    pub fn width_em(&self, digits: usize, display: bool) -> f64 {
        self.width_at(digits, if display { 1.0 } else { 0.71 })
    }

    /// [`Math::width_em`] with the size of fractions' parts relative to the font.
    fn width_at(&self, digits: usize, frac: f64) -> f64 {
        // Binary operators (+ − ·) and a pair of parentheses, with their spacing, in ems.
        const PLUS: f64 = 1.22;
        const DOT: f64 = 0.72;
        const PARENS: f64 = 0.78;
        let joins = |n: usize| n.saturating_sub(1) as f64;
        match self {
            Math::Sym(s) => s.width_em(),
            Math::Num(x) => number_width_em(*x, digits),
            Math::Sum(terms) => {
                terms.iter().map(|t| t.width_at(digits, frac)).sum::<f64>()
                    + PLUS * joins(terms.len())
            }
            Math::Neg(x) => {
                let parens = if matches!(**x, Math::Sum(_)) {
                    PARENS
                } else {
                    0.0
                };
                0.84 + parens + x.width_at(digits, frac)
            }
            Math::Prod(factors) => {
                factors
                    .iter()
                    .map(|f| {
                        let parens = if f.is_compound_for_product() {
                            PARENS
                        } else {
                            0.0
                        };
                        f.width_at(digits, frac) + parens
                    })
                    .sum::<f64>()
                    + DOT * joins(factors.len())
            }
            Math::Frac(n, d) => {
                let inner = (frac * 0.71).max(0.5);
                frac * n.width_at(digits, inner).max(d.width_at(digits, inner)) + 0.2
            }
            Math::Apply(name, arg) => {
                // A function's name is upright and its parentheses are fences with room
                // around them: wider than a symbol's letters and a product's parentheses (in
                // Latin Modern Math, the math font where TeX is installed, as in STIX and
                // Cambria Math).
                0.66 * name.chars().count() as f64 + 1.6 + arg.width_at(digits, frac)
            }
            Math::Pow(base, _) => {
                let parens = if base.is_compound_for_product() {
                    PARENS
                } else {
                    0.0
                };
                base.width_at(digits, frac) + parens + 0.4
            }
            Math::Partial(n, d) => frac * (0.55 + n.width_em().max(d.width_em())) + 0.2,
            Math::Sqrt(x) => 1.0 + x.width_at(digits, frac),
            Math::Text(t) => 0.5 * t.chars().count() as f64,
        }
    }

    /// Renders as presentation MathML (the content of a `<math>` element).
    pub fn to_mathml(&self, digits: usize) -> String {
        match self {
            Math::Sym(s) => s.to_mathml(),
            Math::Num(x) => number_mathml(*x, digits),
            Math::Sum(terms) => MATHML.sum(terms, digits),
            Math::Neg(x) => MATHML.negation(x, digits),
            Math::Prod(factors) => MATHML.product(factors, digits),
            Math::Frac(n, d) => format!(
                "<mfrac>{}{}</mfrac>",
                n.to_mathml(digits),
                d.to_mathml(digits)
            ),
            Math::Apply(name, arg) => format!(
                "<mrow><mi>{}</mi><mo>(</mo>{}<mo>)</mo></mrow>",
                escape(name),
                arg.to_mathml(digits)
            ),
            Math::Pow(base, exp) => {
                let b = base.to_mathml(digits);
                let b = match **base {
                    Math::Sym(_) => b,
                    Math::Num(x) if x >= 0.0 => b,
                    _ => format!("<mrow><mo>(</mo>{b}<mo>)</mo></mrow>"),
                };
                format!("<msup>{b}<mn>{exp}</mn></msup>")
            }
            Math::Partial(n, d) => format!(
                "<mfrac><mrow><mo>∂</mo>{}</mrow><mrow><mo>∂</mo>{}</mrow></mfrac>",
                n.to_mathml(),
                d.to_mathml()
            ),
            Math::Sqrt(x) => format!("<msqrt>{}</msqrt>", x.to_mathml(digits)),
            Math::Text(t) => format!("<mtext>{}</mtext>", escape(t)),
        }
    }
}

/// How one output format writes sums, negations and products (the parts the three renderers
/// share); everything else is written by each renderer itself.
struct Notation {
    render: fn(&Math, usize) -> String,
    /// Puts parentheses around a rendered expression.
    paren: fn(String) -> String,
    /// Wraps a whole sum, negation or product (an `<mrow>` in MathML).
    group: fn(String) -> String,
    lead_minus: &'static str,
    minus: &'static str,
    plus: &'static str,
    times: &'static str,
    /// Whether a fraction inside a product needs parentheses (in linear text it does).
    paren_fractions: bool,
}

const TEXT: Notation = Notation {
    render: Math::to_text,
    paren: |b| format!("({b})"),
    group: |b| b,
    lead_minus: "−",
    minus: " − ",
    plus: " + ",
    times: "·",
    paren_fractions: true,
};

const LATEX: Notation = Notation {
    render: Math::to_latex,
    paren: |b| format!("\\left({b}\\right)"),
    group: |b| b,
    lead_minus: "-",
    minus: " - ",
    plus: " + ",
    times: " \\cdot ",
    paren_fractions: false,
};

const MATHML: Notation = Notation {
    render: Math::to_mathml,
    paren: |b| format!("<mo>(</mo>{b}<mo>)</mo>"),
    group: |b| format!("<mrow>{b}</mrow>"),
    lead_minus: "<mo>−</mo>",
    minus: "<mo>−</mo>",
    plus: "<mo>+</mo>",
    times: "<mo>·</mo>",
    paren_fractions: false,
};

impl Notation {
    /// A term of a sum: whether it carries a leading minus, and its body without it (a negated
    /// sum goes in parentheses).
    fn split_sign(&self, term: &Math, digits: usize) -> (bool, String) {
        match term {
            Math::Num(x) if *x < 0.0 => (true, (self.render)(&Math::Num(-x), digits)),
            Math::Neg(inner) if matches!(**inner, Math::Sum(_)) => {
                (true, (self.paren)((self.render)(inner, digits)))
            }
            Math::Neg(inner) => (true, (self.render)(inner, digits)),
            _ => (false, (self.render)(term, digits)),
        }
    }

    /// Terms joined by plus and minus signs: `1·(−0.6) + 2·0.8 − 0.2`.
    fn sum(&self, terms: &[Math], digits: usize) -> String {
        let mut out = String::new();
        for (k, term) in terms.iter().enumerate() {
            let (negative, body) = self.split_sign(term, digits);
            let sign = match (k, negative) {
                (0, true) => self.lead_minus,
                (0, false) => "",
                (_, true) => self.minus,
                (_, false) => self.plus,
            };
            out.push_str(sign);
            out.push_str(&body);
        }
        (self.group)(out)
    }

    /// `−x`, or `−(a + b)`.
    fn negation(&self, x: &Math, digits: usize) -> String {
        let inner = (self.render)(x, digits);
        let inner = if matches!(x, Math::Sum(_)) {
            (self.paren)(inner)
        } else {
            inner
        };
        (self.group)(format!("{}{inner}", self.lead_minus))
    }

    /// Factors joined by a dot, negative numbers and sums in parentheses: `0.8·(−0.5)`.
    fn product(&self, factors: &[Math], digits: usize) -> String {
        let parts: Vec<String> = factors
            .iter()
            .map(|f| {
                let t = (self.render)(f, digits);
                if f.is_compound_for_product()
                    || (self.paren_fractions && matches!(f, Math::Frac(..)))
                {
                    (self.paren)(t)
                } else {
                    t
                }
            })
            .collect();
        (self.group)(parts.join(self.times))
    }
}

fn latex_letter(base: &str) -> String {
    match base {
        "δ" => "\\delta".into(),
        "η" => "\\eta".into(),
        "σ" => "\\sigma".into(),
        "ŷ" => "\\hat{y}".into(),
        "m̂" => "\\hat{m}".into(),
        "v̂" => "\\hat{v}".into(),
        "α" => "\\alpha".into(),
        "β" => "\\beta".into(),
        "μ" => "\\mu".into(),
        "ε" => "\\varepsilon".into(),
        other => other.into(),
    }
}

fn latex_function(name: &str) -> String {
    match name {
        "σ" => "\\sigma".into(),
        "σ′" => "\\sigma'".into(),
        "ln" => "\\ln".into(),
        "log10" => "\\log_{10}".into(),
        "tanh" => "\\tanh".into(),
        "exp" => "\\exp".into(),
        other => {
            let (stem, primes) = match other.strip_suffix('′') {
                Some(stem) => (stem, "'"),
                None => (other, ""),
            };
            format!("\\operatorname{{{stem}}}{primes}")
        }
    }
}

fn latex_escape_text(text: &str) -> String {
    text.replace('\\', "\\textbackslash{}")
        .replace('{', "\\{")
        .replace('}', "\\}")
        .replace('_', "\\_")
        .replace('%', "\\%")
        .replace('&', "\\&")
        .replace('#', "\\#")
        .replace('$', "\\$")
}

/// Escapes text for HTML and MathML.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explain::number::is_exact_at;

    fn z2_substituted() -> Math {
        Math::sum(vec![
            Math::prod(vec![Math::num(1.0), Math::num(-0.6)]),
            Math::prod(vec![Math::num(2.0), Math::num(0.8)]),
            Math::num(-0.2),
        ])
    }

    #[test]
    fn sums_write_negative_terms_with_a_minus_and_products_in_parentheses() {
        assert_eq!(z2_substituted().to_text(4), "1·(−0.6) + 2·0.8 − 0.2");
        assert_eq!(
            z2_substituted().to_latex(4),
            "1 \\cdot \\left(-0.6\\right) + 2 \\cdot 0.8 - 0.2"
        );
    }

    #[test]
    fn numbers_round_to_significant_digits() {
        assert_eq!(number_text(0.401312339887548, 4), "0.4013");
        assert_eq!(number_text(-0.5032104987191004, 5), "−0.50321");
        assert_eq!(number_text(0.0, 4), "0");
        assert_eq!(number_text(-0.1, 4), "−0.1");
        assert_eq!(number_text(0.00001234, 3), "1.23×10⁻⁵");
        assert_eq!(number_text(0.5130152523999526, 4), "0.5130");
        assert_eq!(number_text(0.5, 4), "0.5");
        assert_eq!(number_text(f64::INFINITY, 3), "∞");
        assert_eq!(number_text(1234567.0, 3), "1.23×10⁶");
    }

    #[test]
    fn exactness_decides_equals_or_approximately() {
        assert!(is_exact_at(0.8, 4));
        assert!(is_exact_at(1.0 * 0.5 + 2.0 * -0.4 + 0.2, 4));
        assert!(!is_exact_at(0.401312339887548, 4));
    }

    #[test]
    fn negated_sum_is_parenthesised() {
        let m = Math::sum(vec![
            Math::num(1.0),
            Math::negate(Math::sum(vec![Math::num(2.0), Math::num(3.0)])),
        ]);
        assert_eq!(m.to_text(4), "1 − (2 + 3)");
        let j = Math::negate(Math::sum(vec![Math::num(2.0), Math::num(3.0)]));
        assert_eq!(j.to_text(4), "−(2 + 3)");
    }

    #[test]
    fn mathml_escapes_text() {
        assert_eq!(
            Math::Text("<b>".into()).to_mathml(4),
            "<mtext>&lt;b&gt;</mtext>"
        );
    }
}
