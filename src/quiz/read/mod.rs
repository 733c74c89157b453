//! Reading a hand-written answer: lines `name = value`, in the spellings students use.
//!
//! A line is split at its `=`, `≈`, `←` or `:=` signs. The name is read from the text before the
//! first sign (`z1`, `ŷ`, `yhat`, `J`, `loss`, `∂J/∂w5`, `dJ/dw5`, `δ2`, `w5'`, `new w5`, `W1`,
//! `b1[2]`, `b_{1,2}`…); the value is the number (or bracketed list) that starts the last part of the
//! chain, so `z3 = a1·w5 + a2·w6 + b2 = 0·0.3 + 0.8·(−0.5) + 0 = −0.4` reads −0.4. Prose ends the
//! chain: in `a1 = 0 since z1 = −0.1 < 0` the value is 0. A number keeps the count of significant
//! digits it was written with, since an answer is right "to the digits written".
//!
//! ```
//! use backprop_viz::quiz::read::{read_line, Name, Symbol};
//! let line = read_line("new w5 = 0.3 - 0.01*0 = 0.3").expect("an answer line");
//! assert_eq!(line.name, Name::Read { symbol: Symbol::Weight { number: 5, capital: false }, updated: true });
//! assert_eq!(line.value.expect("a value").numbers()[0].digits, 1);
//! ```

mod arithmetic;
mod number;

pub use arithmetic::evaluate;
use number::read_value;

/// A number as written: its value and its significant digits.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Written {
    /// The value.
    pub value: f64,
    /// Significant digits written (`0.401` has 3, `0.5130` has 4, `0` has 1).
    pub digits: usize,
}

/// The value of a line: one number, or a bracketed list (of rows, for a matrix).
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `0.4013`.
    Number(Written),
    /// `[0.2, −0.198]`.
    List(Vec<Written>),
    /// `[[0.5, −0.598], [−0.4, 0.804]]` or `[0.5 −0.598; −0.4 0.804]`.
    Rows(Vec<Vec<Written>>),
}

impl Value {
    /// Every number of the value, row by row.
    pub fn numbers(&self) -> Vec<Written> {
        match self {
            Value::Number(w) => vec![*w],
            Value::List(items) => items.clone(),
            Value::Rows(rows) => rows.iter().flatten().copied().collect(),
        }
    }
}

/// A quantity's name as read, before it is matched to a network.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Symbol {
    /// `z_k`.
    PreActivation(usize),
    /// `a_k`, or `h_k` (the drawing's name of a hidden neuron).
    Activation(usize),
    /// `ŷ`, `yhat`, `y^` (with an index for several outputs).
    Output(Option<usize>),
    /// `J`, `L`, `loss`, `cost`.
    Loss,
    /// `δ_k`, `delta_k`, `∂J/∂z_k`.
    Delta(usize),
    /// `∂J/∂a_k` (`∂J/∂ŷ` is `GradOutput`).
    GradActivation(usize),
    /// `∂J/∂ŷ`.
    GradOutput(Option<usize>),
    /// `∂J/∂w_n`.
    WeightGrad(usize),
    /// `∂J/∂b_l` or `∂J/∂b_l[i]`.
    BiasGrad(usize, Option<usize>),
    /// `w_n`; `capital` for `W_n`, which names layer `n`'s matrix when its value is a list.
    Weight {
        /// The number after the letter.
        number: usize,
        /// Written `W`.
        capital: bool,
    },
    /// `b_l` or `b_l[i]`.
    Bias(usize, Option<usize>),
    /// `x_i`.
    Input(usize),
    /// `y`, `y_i`.
    Target(Option<usize>),
    /// `η`, `eta`, `lr`.
    LearningRate,
}

/// What the text before the first `=` names.
#[derive(Clone, Debug, PartialEq)]
pub enum Name {
    /// A quantity; `updated` when the line says it is the value after the update (`w5'`,
    /// `new w5`, `w5 ←`, `w5 after the update`).
    Read {
        /// The quantity.
        symbol: Symbol,
        /// Marked as the value after the update.
        updated: bool,
    },
    /// No name this reader knows: the text, trimmed.
    Unknown(String),
}

/// One line that has the shape `name = value`.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// The name.
    pub name: Name,
    /// The value; `None` when no number follows the last sign of the chain.
    pub value: Option<Value>,
    /// The working between the name and the value (`1·0.5 + 2·(−0.6) + 0.2`), part by part.
    pub working: Vec<String>,
}

/// The signs that separate a name, its formulas and its value. `:=` and `<-` come before `=` and `-`.
const SIGNS: [&str; 6] = [":=", "<-", "=", "≈", "←", "≃"];

/// Words of more than two letters that are mathematics rather than prose.
const MATH_WORDS: [&str; 13] = [
    "ln", "log", "exp", "sigma", "sigmoid", "relu", "tanh", "max", "min", "softmax", "sum",
    "lrelu", "sqrt",
];

/// Reads one line; `None` when it has no `=` (or `≈`, `←`, `:=`): prose, a heading, a blank line.
pub fn read_line(text: &str) -> Option<Line> {
    let text = fold(text);
    let mut parts = split_signs(&text);
    if parts.len() < 2 {
        return None;
    }
    let (lhs, first_sign) = parts.remove(0);
    let updated_by_sign = matches!(first_sign, Some("←") | Some(":=") | Some("<-"));
    let name = read_name(&lhs, updated_by_sign);
    // The chain runs until a part with prose in it: that part's leading number is the value.
    let mut value = None;
    let mut working = Vec::new();
    for (k, (part, _)) in parts.iter().enumerate() {
        value = read_value(part);
        if has_prose(part) {
            break;
        }
        if k + 1 < parts.len() {
            working.push(part.trim().to_string());
        }
    }
    Some(Line {
        name,
        value,
        working,
    })
}

/// Folds the spellings that mean the same: Unicode subscripts and minus signs, primes, `ŷ` written
/// with a combining accent, TeX's `_`, `{}`, `\` and `$`.
fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '₀'..='₉' => out.push(char::from(b'0' + (c as u32 - '₀' as u32) as u8)),
            '−' | '–' | '—' => out.push('-'),
            '′' | '’' | '´' | '`' => out.push('\''),
            '\u{302}' if out.ends_with('y') => {
                out.pop();
                out.push('ŷ');
            }
            '_' | '{' | '}' | '$' | '\\' => {}
            '\t' => out.push(' '),
            _ => out.push(c),
        }
    }
    out.replace("partial", "∂")
        .replace("∂ ", "∂")
        .replace("delta", "δ")
        .replace("hat y", "ŷ")
        .replace("nabla", "∇")
}

/// `text` in lower case, as `str::to_lowercase` writes it for every letter whose lower case a
/// name can be spelt with (ASCII, Latin-1, Latin Extended-A, Greek, basic Cyrillic; this includes
/// the Kelvin, Ohm and Ångström signs and the capital sharp s). Any other character is kept as
/// typed: no name has it in either case, so what matches is what `to_lowercase` would match
/// (a test goes through every character). Unicode's full table would add 18 KB to the page.
fn lower(text: &str) -> String {
    text.chars().map(lower_char).collect()
}

/// One character of [`lower`].
fn lower_char(c: char) -> char {
    let u = c as u32;
    let lowered = match u {
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE => u + 0x20,
        0x100..=0x12F | 0x132..=0x137 | 0x14A..=0x177 if u.is_multiple_of(2) => u + 1,
        0x139..=0x148 | 0x179..=0x17E if !u.is_multiple_of(2) => u + 1,
        0x178 => 0xFF,
        0x386 => 0x3AC,
        0x388..=0x38A => u + 0x25,
        0x38C => 0x3CC,
        0x38E..=0x38F => u + 0x3F,
        0x391..=0x3A1 | 0x3A3..=0x3AB => u + 0x20,
        0x3F4 => 0x3B8,
        0x400..=0x40F => u + 0x50,
        0x410..=0x42F => u + 0x20,
        0x1E9E => 0xDF,
        0x2126 => 0x3C9,
        0x212A => 0x6B,
        0x212B => 0xE5,
        _ => u,
    };
    char::from_u32(lowered).unwrap_or(c)
}

/// Splits at every sign, each part with the sign that follows it.
fn split_signs(text: &str) -> Vec<(String, Option<&'static str>)> {
    let mut parts = Vec::new();
    let mut rest = text;
    loop {
        let next = SIGNS
            .iter()
            .filter_map(|s| rest.find(s).map(|at| (at, *s)))
            .min_by_key(|(at, s)| (*at, std::cmp::Reverse(s.len())));
        match next {
            Some((at, sign)) => {
                parts.push((rest[..at].to_string(), Some(sign)));
                rest = &rest[at + sign.len()..];
            }
            None => {
                parts.push((rest.to_string(), None));
                return parts;
            }
        }
    }
}

/// Whether a part holds a word (three letters or more) that is not mathematics.
fn has_prose(part: &str) -> bool {
    part.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 3)
        .any(|w| !MATH_WORDS.contains(&lower(w).as_str()))
}

/// Reads the name from the text before the first sign.
fn read_name(lhs: &str, updated_by_sign: bool) -> Name {
    let lower = self::lower(lhs);
    let marked = ["new", "updated", "after", "next"]
        .iter()
        .any(|w| lower.split(|c: char| !c.is_alphanumeric()).any(|x| x == *w));
    // `b1,2` (from `b_{1,2}`) is `b1[2]`; spaces around `/` belong to a derivative.
    let compact = join_entry_commas(&lhs.replace(" /", "/").replace("/ ", "/"));
    for word in
        compact.split(|c: char| c.is_whitespace() || matches!(c, ':' | ',' | ';' | '(' | ')' | '*'))
    {
        let (word, primed) = strip_update_marks(word);
        if let Some(symbol) = read_symbol(word) {
            return Name::Read {
                symbol,
                updated: marked || primed || updated_by_sign,
            };
        }
    }
    Name::Unknown(lhs.trim().to_string())
}

/// `b1,2` → `b1[2]` (a bias entry written with a comma, as TeX's `b_{1,2}` folds).
fn join_entry_commas(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let in_bias = c == ',' && i >= 2 && chars[i - 1].is_ascii_digit() && {
            let mut k = i - 1;
            while k > 0 && chars[k].is_ascii_digit() {
                k -= 1;
            }
            matches!(chars[k], 'b' | 'B') && (k == 0 || !chars[k - 1].is_alphanumeric())
        };
        if in_bias && chars.get(i + 1).is_some_and(char::is_ascii_digit) {
            out.push('[');
            i += 1;
            while i < chars.len() && chars[i].is_ascii_digit() {
                out.push(chars[i]);
                i += 1;
            }
            out.push(']');
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Strips the marks of an updated value from a word: a prime, `+`, `^new`, `new`, `(t+1)`.
fn strip_update_marks(word: &str) -> (&str, bool) {
    let mut w = word;
    let mut primed = false;
    loop {
        let before = w;
        for mark in ["'", "+", "^new", "new", "^+", "^(t+1)", "(t+1)", "[t+1]"] {
            if let Some(rest) = w.strip_suffix(mark) {
                if !rest.is_empty() {
                    w = rest;
                    primed = true;
                }
            }
        }
        if w == before {
            return (w, primed);
        }
    }
}

/// Reads one word as a symbol: `z3`, `∂J/∂w5`, `b1[2]`, `ŷ`…
fn read_symbol(word: &str) -> Option<Symbol> {
    if word.is_empty() {
        return None;
    }
    if let Some(rest) = derivative_of_loss(word) {
        return match plain_symbol(rest)? {
            Symbol::PreActivation(k) => Some(Symbol::Delta(k)),
            Symbol::Activation(k) => Some(Symbol::GradActivation(k)),
            Symbol::Output(i) => Some(Symbol::GradOutput(i)),
            Symbol::Weight { number, .. } => Some(Symbol::WeightGrad(number)),
            Symbol::Bias(l, i) => Some(Symbol::BiasGrad(l, i)),
            _ => None,
        };
    }
    plain_symbol(word)
}

/// The rest of `∂J/∂w5`, `dJ/dw5`, `dL/dw5`, `∂loss/∂w5`, `∇w5`: `w5`.
fn derivative_of_loss(word: &str) -> Option<&str> {
    if let Some(rest) = word.strip_prefix('∇') {
        return Some(rest);
    }
    let (top, bottom) = word.split_once('/')?;
    let top = top.strip_prefix('∂').or_else(|| top.strip_prefix('d'))?;
    if !matches!(lower(top).as_str(), "j" | "l" | "e" | "loss" | "c") {
        return None;
    }
    bottom
        .strip_prefix('∂')
        .or_else(|| bottom.strip_prefix('d'))
}

/// A symbol without a derivative.
fn plain_symbol(word: &str) -> Option<Symbol> {
    let lower = self::lower(word);
    match lower.as_str() {
        "j" | "l" | "loss" | "cost" | "bce" => return Some(Symbol::Loss),
        "η" | "eta" | "lr" => return Some(Symbol::LearningRate),
        "y" | "t" => return Some(Symbol::Target(None)),
        "ŷ" | "yhat" | "y^" | "y-hat" => return Some(Symbol::Output(None)),
        _ => {}
    }
    for prefix in ["ŷ", "yhat", "y^"] {
        if let Some(n) = lower.strip_prefix(prefix).and_then(number) {
            return Some(Symbol::Output(Some(n)));
        }
    }
    if let Some(rest) = lower.strip_prefix('δ').or_else(|| lower.strip_prefix("d")) {
        if let Some(k) = number(rest) {
            return Some(Symbol::Delta(k));
        }
    }
    let first = word.chars().next()?;
    let rest = &word[first.len_utf8()..];
    if let Some(n) = number(rest) {
        return match first {
            'z' | 'Z' => Some(Symbol::PreActivation(n)),
            'a' | 'A' | 'h' | 'H' => Some(Symbol::Activation(n)),
            'w' => Some(Symbol::Weight {
                number: n,
                capital: false,
            }),
            'W' => Some(Symbol::Weight {
                number: n,
                capital: true,
            }),
            'b' | 'B' => Some(Symbol::Bias(n, None)),
            'x' | 'X' => Some(Symbol::Input(n)),
            'y' | 'Y' | 't' => Some(Symbol::Target(Some(n))),
            _ => None,
        };
    }
    // `b1[2]`.
    if matches!(first, 'b' | 'B') {
        let (layer, entry) = rest.strip_suffix(']')?.split_once('[')?;
        return Some(Symbol::Bias(number(layer)?, Some(number(entry)?)));
    }
    None
}

/// A whole number from 1, written with digits only.
fn number(text: &str) -> Option<usize> {
    if text.is_empty() || text.len() > 6 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok().filter(|n| *n >= 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value_of(text: &str) -> Written {
        match read_line(text).and_then(|l| l.value) {
            Some(Value::Number(w)) => w,
            other => panic!("{text}: {other:?}"),
        }
    }

    fn symbol_of(text: &str) -> (Symbol, bool) {
        match read_line(text).map(|l| l.name) {
            Some(Name::Read { symbol, updated }) => (symbol, updated),
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn lower_case_is_the_standard_one_for_every_letter_a_name_can_use() {
        // The lower-case letters of ASCII, Latin-1, Latin Extended-A, Greek and basic Cyrillic.
        let spellable = |c: char| matches!(c as u32, 0x61..=0x7A | 0xDF..=0x17F | 0x3AC..=0x3CE | 0x430..=0x45F);
        let mut kept = 0;
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let standard: Vec<char> = c.to_lowercase().collect();
            let ours = lower_char(c);
            match standard[..] {
                [one] if one == ours => {}
                // Kept as typed only where the standard lower case is no letter of a name.
                [one] if ours == c && !spellable(one) => kept += 1,
                // `İ` becomes `i` with a combining dot, which no name has either.
                [_, _] if ours == c && c == 'İ' => kept += 1,
                _ => panic!("{c:?} (U+{:04X}): {standard:?} against {ours:?}", c as u32),
            }
        }
        assert!(kept > 1000, "the other scripts are kept as typed ({kept})");
        assert_eq!(lower("ŶΗΔ ЖLOSS K"), "ŷηδ жloss k");
        assert_eq!(lower("İ"), "İ");
    }

    #[test]
    fn the_value_ends_the_chain_and_keeps_its_digits() {
        let z3 = value_of("z3 = a1·w5 + a2·w6 + b2 = 0·0.3 + 0.8·(−0.5) + 0 = −0.4");
        assert_eq!((z3.value, z3.digits), (-0.4, 1));
        let j = value_of("J = −(0·ln(0.401) + 1·ln(0.599)) = 0.5130");
        assert_eq!((j.value, j.digits), (0.513, 4));
        let a1 = value_of("a1 = 0 since z1 = −0.1 < 0");
        assert_eq!(a1.value, 0.0);
        assert_eq!(value_of("δ2 ≈ −0.2007 (to 4 digits)").value, -0.2007);
        assert_eq!(value_of("g = 1.2×10⁻⁵").value, 1.2e-5);
        assert_eq!(value_of("g = 1.25 × 10^(-3)").value, 1.25e-3);
        assert_eq!(value_of("g = 4.01e-1").digits, 3);
        assert_eq!(value_of("J = 0,513").value, 0.513);
        assert_eq!(value_of("a = 0.000").digits, 3);
    }

    #[test]
    fn the_usual_spellings_name_the_same_quantities() {
        assert_eq!(symbol_of("ŷ = 0.4").0, Symbol::Output(None));
        assert_eq!(symbol_of("y\u{302} = 0.4").0, Symbol::Output(None));
        assert_eq!(symbol_of("yhat = 0.4").0, Symbol::Output(None));
        assert_eq!(symbol_of("Loss = 0.5").0, Symbol::Loss);
        assert_eq!(symbol_of("dJ/dw5 = 0").0, Symbol::WeightGrad(5));
        assert_eq!(symbol_of("∂J / ∂w_6 = 0.32").0, Symbol::WeightGrad(6));
        assert_eq!(
            symbol_of("\\partial L/\\partial z_3 = 0.4").0,
            Symbol::Delta(3)
        );
        assert_eq!(symbol_of("delta2 = -0.2").0, Symbol::Delta(2));
        assert_eq!(
            symbol_of("dJ/db1[2] = -0.2").0,
            Symbol::BiasGrad(1, Some(2))
        );
        assert_eq!(
            symbol_of("b_{1,2}' = -0.198"),
            (Symbol::Bias(1, Some(2)), true)
        );
        assert_eq!(
            symbol_of("w5' = 0.3"),
            (
                Symbol::Weight {
                    number: 5,
                    capital: false
                },
                true
            )
        );
        assert_eq!(
            symbol_of("w5 ← 0.3"),
            (
                Symbol::Weight {
                    number: 5,
                    capital: false
                },
                true
            )
        );
        assert_eq!(
            symbol_of("w5 after the update = 0.3"),
            (
                Symbol::Weight {
                    number: 5,
                    capital: false
                },
                true
            )
        );
        assert_eq!(
            symbol_of("Hidden layer: z₁ = −0.1"),
            (Symbol::PreActivation(1), false)
        );
        assert_eq!(
            symbol_of("W1 = [[0.5, -0.6], [-0.4, 0.8]]"),
            (
                Symbol::Weight {
                    number: 1,
                    capital: true
                },
                false
            )
        );
    }

    #[test]
    fn lists_and_matrices_are_read_row_by_row() {
        let line = read_line("new W1 = [[0.5, -0.598], [-0.4, 0.804]]").expect("line");
        let Some(Value::Rows(rows)) = line.value else {
            panic!("{:?}", line.value)
        };
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1][1].value, 0.804);
        let line = read_line("W1 = [0.5 -0.598; -0.4 0.804]").expect("line");
        assert!(matches!(line.value, Some(Value::Rows(ref r)) if r.len() == 2 && r[0].len() == 2));
        let line = read_line("b1 = (0.2, −0.198)").expect("line");
        assert!(matches!(line.value, Some(Value::List(ref l)) if l.len() == 2));
    }

    #[test]
    fn the_working_is_kept_and_arithmetic_is_evaluated() {
        let line = read_line("z1 = 1·0.5 + 2·(−0.6) + 0.2 = −0.1").expect("line");
        assert_eq!(line.working, ["1·0.5 + 2·(-0.6) + 0.2"]);
        assert_eq!(
            evaluate(&line.working[0]).map(|v| (v * 1e9).round() / 1e9),
            Some(-0.5)
        );
        assert_eq!(evaluate("2(−0.6)".replace('−', "-").as_str()), Some(-1.2));
        assert_eq!(evaluate("-(0.5 - 1)^2 / 4"), Some(-0.0625));
        assert_eq!(evaluate("1e-3 * 2"), Some(0.002));
        assert_eq!(evaluate("a1·0.3"), None);
        assert_eq!(evaluate("ln(0.5)"), None);
        assert_eq!(evaluate("1/0"), None);
        assert_eq!(evaluate(&"(".repeat(100)), None);
        assert_eq!(evaluate(""), None);
    }

    #[test]
    fn prose_and_unknown_names_are_told_apart() {
        assert_eq!(read_line("Forward pass"), None);
        assert_eq!(read_line(""), None);
        assert!(matches!(
            read_line("q7 = 3").map(|l| l.name),
            Some(Name::Unknown(ref n)) if n == "q7"
        ));
        assert_eq!(read_line("z1 = something").and_then(|l| l.value), None);
    }
}
