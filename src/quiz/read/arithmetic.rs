//! The arithmetic of a working line: numbers, `+ − · × * / ^` and brackets, nothing else.

/// The value of a part of the working that is arithmetic alone (numbers, `+ − · × * / ^`,
/// brackets): `1·0.5 + 2·(−0.6) + 0.2` is −0.5; `None` for anything else (a name, a function).
pub fn evaluate(expr: &str) -> Option<f64> {
    let chars: Vec<char> = expr.chars().filter(|c| !c.is_whitespace()).collect();
    let mut at = 0;
    let v = sum(&chars, &mut at, 0)?;
    (at == chars.len() && v.is_finite()).then_some(v)
}

/// How deep brackets may nest in a working.
const MAX_DEPTH: usize = 32;

fn sum(c: &[char], at: &mut usize, depth: usize) -> Option<f64> {
    let mut v = product(c, at, depth)?;
    while let Some(&op) = c.get(*at) {
        match op {
            '+' => {
                *at += 1;
                v += product(c, at, depth)?;
            }
            '-' => {
                *at += 1;
                v -= product(c, at, depth)?;
            }
            _ => break,
        }
    }
    Some(v)
}

fn product(c: &[char], at: &mut usize, depth: usize) -> Option<f64> {
    let mut v = unary(c, at, depth)?;
    while let Some(&op) = c.get(*at) {
        match op {
            '·' | '×' | '*' | '⋅' => {
                *at += 1;
                v *= unary(c, at, depth)?;
            }
            '/' | '÷' => {
                *at += 1;
                v /= unary(c, at, depth)?;
            }
            // `2(−0.6)`: a bracket after a factor multiplies.
            '(' => v *= unary(c, at, depth)?,
            _ => break,
        }
    }
    Some(v)
}

fn unary(c: &[char], at: &mut usize, depth: usize) -> Option<f64> {
    match c.get(*at)? {
        '-' => {
            *at += 1;
            Some(-unary(c, at, depth)?)
        }
        '+' => {
            *at += 1;
            unary(c, at, depth)
        }
        _ => power(c, at, depth),
    }
}

fn power(c: &[char], at: &mut usize, depth: usize) -> Option<f64> {
    let base = atom(c, at, depth)?;
    if c.get(*at) == Some(&'^') {
        *at += 1;
        let exponent = unary(c, at, depth)?;
        return Some(base.powf(exponent));
    }
    if c.get(*at) == Some(&'²') {
        *at += 1;
        return Some(base * base);
    }
    Some(base)
}

fn atom(c: &[char], at: &mut usize, depth: usize) -> Option<f64> {
    if c.get(*at) == Some(&'(') {
        if depth >= MAX_DEPTH {
            return None;
        }
        *at += 1;
        let v = sum(c, at, depth + 1)?;
        if c.get(*at) != Some(&')') {
            return None;
        }
        *at += 1;
        return Some(v);
    }
    let start = *at;
    while c
        .get(*at)
        .is_some_and(|ch| ch.is_ascii_digit() || *ch == '.')
    {
        *at += 1;
    }
    if c.get(*at).is_some_and(|ch| *ch == 'e' || *ch == 'E') {
        let mut k = *at + 1;
        if c.get(k).is_some_and(|ch| *ch == '-' || *ch == '+') {
            k += 1;
        }
        if c.get(k).is_some_and(char::is_ascii_digit) {
            *at = k;
            while c.get(*at).is_some_and(char::is_ascii_digit) {
                *at += 1;
            }
        }
    }
    let text: String = c[start..*at].iter().collect();
    crate::decimal::parse_f64(&text)
}
