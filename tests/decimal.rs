//! The crate's reader of decimal numbers (`backprop_viz::decimal::parse_f64`) against the
//! standard library's `str::parse::<f64>`, an independent implementation: the same answer,
//! bit for bit, on generated text, on every kind of `f64` written every way, on exact halfway
//! points (ties to even) and just above and below them, and on numbers longer than the digits
//! it keeps. Then the crate's writer (`Fixed`, `Exponential`, `Shortest`,
//! `ShortestExponential`) against the standard library's formatting: the same text.

use backprop_viz::decimal::{
    parse_f64, shortest_digits, significant_digits, Exponential, Fixed, Shortest,
    ShortestExponential,
};

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn digits(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b'0' + self.below(10) as u8))
            .collect()
    }
}

/// `text` read both ways gives the same result (NaN for NaN).
fn agree(text: &str) {
    let ours = parse_f64(text);
    let theirs = text.parse::<f64>().ok();
    let same = match (ours, theirs) {
        (Some(a), Some(b)) => a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan()),
        (None, None) => true,
        _ => false,
    };
    assert!(
        same,
        "{text:?}: ours {ours:?}, the standard library's {theirs:?}"
    );
}

#[test]
fn agrees_with_the_standard_library_on_generated_text() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let pieces = [
        "", "-", "+", ".", "e", "E", "e-", "e+", "0", "00", "1", "9", "inf", "INF", "Infinity",
        "nan", "NaN", " ", "x", "_", "--", "..", "1e", ".e1", "infinit", "nana",
    ];
    for _ in 0..200_000 {
        let mut text = String::new();
        for _ in 0..rng.below(6) {
            if rng.below(3) == 0 {
                text.push_str(pieces[rng.below(pieces.len() as u64) as usize]);
            } else {
                let n = rng.below(25) as usize;
                text.push_str(&rng.digits(n));
            }
        }
        agree(&text);
    }
    // Well-formed numbers of every size, exponent and sign.
    for _ in 0..300_000 {
        let mut text = String::new();
        match rng.below(3) {
            0 => text.push('-'),
            1 => text.push('+'),
            _ => {}
        }
        let whole = rng.below(30) as usize;
        let fraction = rng.below(30) as usize;
        text.push_str(&"0".repeat(rng.below(3) as usize));
        text.push_str(&rng.digits(whole));
        if fraction > 0 || rng.below(2) == 0 {
            text.push('.');
            text.push_str(&rng.digits(fraction));
        }
        if rng.below(2) == 0 {
            text.push(if rng.below(2) == 0 { 'e' } else { 'E' });
            let exponent = rng.below(800) as i64 - 400;
            text.push_str(&exponent.to_string());
        }
        agree(&text);
    }
    for text in [
        "0",
        "-0",
        "0.0",
        "1e309",
        "-1e309",
        "1e-400",
        "2.4703282292062327e-324",
        "2.4703282292062328e-324",
        "4.9406564584124654e-324",
        "1.7976931348623157e308",
        "1.7976931348623158e308",
        "1.7976931348623159e308",
        "2.2250738585072011e-308",
        "2.2250738585072012e-308",
        "9007199254740993",
        "0.1",
        "0.3",
        "1e23",
        "8.5e-323",
        "1e99999999999999999999",
        "1e-99999999999999999999",
        "0e99999999999",
        ".5",
        "5.",
    ] {
        agree(text);
    }
}

#[test]
fn reads_back_every_kind_of_f64_written_every_way() {
    let mut rng = Rng(0x1234_5678_9abc_def1);
    for _ in 0..100_000 {
        let x = f64::from_bits(rng.next());
        if !x.is_finite() {
            continue;
        }
        agree(&format!("{x:e}"));
        agree(&format!("{x:?}"));
        agree(&format!("{x}"));
        let digits = rng.below(30) as usize;
        agree(&format!("{x:.digits$e}"));
    }
    // Subnormals and the edges of the range, written out in full (up to 767 digits).
    for _ in 0..300 {
        let x = f64::from_bits(rng.below(1 << 53));
        agree(&format!("{x:.770e}"));
        let y = f64::from_bits(0x7fef_ffff_ffff_ffff - rng.below(1 << 20));
        agree(&format!("{y:.330e}"));
    }
}

/// The exact decimal text of `(2m + 1) × 2^(e - 1)` for `e - 1` in -31..=0: digits and a power
/// of ten.
fn halfway(m: u64, e: i32) -> (String, i32) {
    let k = (1 - e) as u32;
    let n = u128::from(2 * m + 1) * 5u128.pow(k);
    (n.to_string(), -(k as i32))
}

#[test]
fn halfway_points_round_to_even_and_a_digit_beyond_one_decides() {
    let mut rng = Rng(0xdead_beef_cafe_f00d);
    for _ in 0..50_000 {
        // Integers halfway between neighbours above 2^53.
        let shift = rng.below(10) as u32;
        let k = ((1u128 << 53) + u128::from(rng.below(1 << 53))) | 1;
        agree(&(k << shift).to_string());
        agree(&((k << shift) + 1).to_string());
        agree(&((k << shift) - 1).to_string());
        // Halfway points below 2^53: odd × 5^k × 10^-k.
        let m = (1u64 << 52) | rng.below(1 << 52);
        let e = -(rng.below(31) as i32);
        let (digits, power) = halfway(m, e);
        agree(&format!("{digits}e{power}"));
        // Just above and below, far beyond the digits kept.
        let zeros = "0".repeat(rng.below(1200) as usize);
        let long = zeros.len() as i32 + 1;
        agree(&format!("{digits}{zeros}1e{}", power - long));
        agree(&format!("{digits}{zeros}0e{}", power - long));
        let below = (digits.parse::<u128>().unwrap() - 1).to_string();
        agree(&format!(
            "{below}{}e{}",
            "9".repeat(zeros.len()),
            power - zeros.len() as i32
        ));
    }
}

/// Every way the crate writes `x` gives the standard library's text; `places` digits for the
/// rounded forms.
fn writes_alike(x: f64, places: usize) {
    assert_eq!(
        Fixed(x, places).to_string(),
        format!("{x:.places$}"),
        "{x:e} to {places} places"
    );
    assert_eq!(
        Exponential(x, places).to_string(),
        format!("{x:.places$e}"),
        "{x:e} to {places} places, scientific"
    );
    if x.is_finite() && x != 0.0 {
        let (digits, exponent) = significant_digits(x, places + 1);
        let theirs = format!("{:.places$e}", x.abs());
        let (mantissa, power) = theirs.split_once('e').unwrap();
        assert_eq!(
            digits,
            mantissa.replace('.', ""),
            "{x:e}, {places} places' digits"
        );
        assert_eq!(
            exponent,
            power.parse::<i32>().unwrap(),
            "{x:e}, the exponent"
        );
    }
    shortest_alike(x);
}

/// The shortest forms: the standard library's text, except where two numbers of the fewest
/// digits lie equally near `x`: then ours is the even one, and the standard library's the one
/// above. Both read back.
fn shortest_alike(x: f64) {
    let ours = ShortestExponential(x).to_string();
    let theirs = format!("{x:e}");
    if ours != theirs {
        let digits = |t: &str| t.split('e').next().unwrap().replace(['.', '-'], "");
        assert_eq!(
            digits(&ours).len(),
            digits(&theirs).len(),
            "{theirs}: ours {ours}"
        );
        assert_eq!(
            parse_f64(&ours),
            Some(x),
            "{theirs}: ours {ours} does not read back"
        );
        let mid = (parse_f64(&ours).unwrap() + parse_f64(&theirs).unwrap()) / 2.0;
        assert!(
            digits(&ours).ends_with(['0', '2', '4', '6', '8']) && mid == x,
            "{theirs}: ours {ours} is not the even one of a tie"
        );
        return;
    }
    assert_eq!(Shortest(x).to_string(), format!("{x}"), "{x:e} positional");
    if x.is_finite() && x != 0.0 {
        let (digits, exponent) = shortest_digits(x);
        assert_eq!(
            format!("{}e{exponent}", insert_point(&digits)),
            theirs.trim_start_matches('-'),
            "{x:e}'s shortest digits"
        );
    }
}

fn insert_point(digits: &str) -> String {
    if digits.len() > 1 {
        format!("{}.{}", &digits[..1], &digits[1..])
    } else {
        digits.to_string()
    }
}

#[test]
fn writes_every_kind_of_f64_as_the_standard_library_does() {
    let mut rng = Rng(0x0bad_f00d_1234_4321);
    for x in [
        0.0,
        -0.0,
        0.5,
        -0.5,
        1.5,
        2.5,
        0.125,
        0.375,
        1.0,
        9.5,
        99.5,
        0.05,
        0.25,
        -0.04,
        -0.004,
        1e23,
        1e22,
        5e-324,
        f64::MIN_POSITIVE,
        f64::MAX,
        f64::MIN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NAN,
        0.1 + 0.2,
        -0.09999999999999998,
        9007199254740993.0,
        123456789012345680.0,
    ] {
        for places in [0, 1, 2, 3, 5, 14, 16, 17, 20, 40] {
            writes_alike(x, places);
        }
    }
    // Any bits.
    for _ in 0..60_000 {
        let x = f64::from_bits(rng.next());
        writes_alike(x, rng.below(25) as usize);
    }
    // The numbers a page shows: a few digits, and the results of arithmetic on them.
    for _ in 0..60_000 {
        let digits = rng.below(8) as u32;
        let whole = rng.below(10u64.pow(digits + 1)) as f64;
        let x =
            whole / 10f64.powi(rng.below(9) as i32) * if rng.below(2) == 0 { 1.0 } else { -1.0 };
        let y = x * (rng.below(1000) as f64 / 7.0);
        for z in [x, y, x + 0.1, y / 3.0] {
            writes_alike(z, rng.below(6) as usize);
        }
    }
    // Halfway between two numbers of `places` places, exactly (multiples of 2^-k).
    for _ in 0..20_000 {
        let k = rng.below(12) as i32 + 1;
        let x = (2 * rng.below(1 << 20) + 1) as f64 / 2f64.powi(k);
        for places in 0..(k as usize + 1) {
            writes_alike(x, places);
        }
    }
    // Subnormals and the top of the range, to many places.
    for _ in 0..200 {
        let x = f64::from_bits(rng.below(1 << 53));
        writes_alike(x, 770);
        let y = f64::from_bits(0x7fef_ffff_ffff_ffff - rng.below(1 << 20));
        writes_alike(y, 330);
    }
}

#[test]
fn the_shortest_digits_take_the_even_one_of_a_tie_and_read_back() {
    // Powers of two (whose gap below is half the gap above) and integers beyond 2^53.
    for k in -1074..1024 {
        shortest_alike(2f64.powi(k));
        shortest_alike(f64::from_bits(2f64.powi(k).to_bits().saturating_sub(1)));
    }
    let mut rng = Rng(0x5eed_5eed_5eed_5eed);
    for _ in 0..100_000 {
        let x = ((1u64 << 53) + rng.below(1 << 53)) as f64 * 2f64.powi(rng.below(20) as i32);
        shortest_alike(x);
        shortest_alike(f64::from_bits(rng.next()));
    }
}
