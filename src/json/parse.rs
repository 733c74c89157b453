//! JSON text read into a value, refused with serde_json's messages and positions.

use std::fmt;

use super::{Map, Number, Value};

/// Why a text is not JSON, and where: `expected `:` at line 1 column 6`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    message: &'static str,
    line: usize,
    column: usize,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.message, self.line, self.column
        )
    }
}

impl std::error::Error for Error {}

/// Deepest nesting of arrays and objects read (a deeper text is refused, not followed until
/// the stack runs out).
const MAX_DEPTH: usize = 127;

/// JSON text as a value.
pub fn parse(text: &str) -> Result<Value, Error> {
    let mut parser = Parser {
        text: text.as_bytes(),
        at: 0,
        depth: 0,
    };
    let value = parser.value()?;
    parser.skip_space();
    if parser.at < parser.text.len() {
        return Err(parser.fail_here("trailing characters"));
    }
    Ok(value)
}

struct Parser<'t> {
    text: &'t [u8],
    at: usize,
    depth: usize,
}

const EOF_VALUE: &str = "EOF while parsing a value";
const EOF_LIST: &str = "EOF while parsing a list";
const EOF_OBJECT: &str = "EOF while parsing an object";
const EOF_STRING: &str = "EOF while parsing a string";

impl Parser<'_> {
    /// An error after the first `end` bytes (the byte at fault included).
    fn fail_at(&self, end: usize, message: &'static str) -> Error {
        let before = &self.text[..end.min(self.text.len())];
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        Error {
            message,
            line: 1 + before.iter().filter(|&&b| b == b'\n').count(),
            column: before.len() - line_start,
        }
    }

    /// An error at the byte here (or the end of the text).
    fn fail_here(&self, message: &'static str) -> Error {
        self.fail_at(self.at + 1, message)
    }

    fn peek(&self) -> Option<u8> {
        self.text.get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn value(&mut self) -> Result<Value, Error> {
        self.skip_space();
        match self.peek() {
            None => Err(self.fail_here(EOF_VALUE)),
            Some(b'n') => self.word("null", Value::Null),
            Some(b't') => self.word("true", Value::Bool(true)),
            Some(b'f') => self.word("false", Value::Bool(false)),
            Some(b'"') => {
                self.at += 1;
                self.string().map(Value::String)
            }
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b'[') => self.nested(Parser::array),
            Some(b'{') => self.nested(Parser::object),
            Some(_) => Err(self.fail_here("expected value")),
        }
    }

    fn word(&mut self, word: &str, value: Value) -> Result<Value, Error> {
        for &expected in word.as_bytes() {
            match self.peek() {
                None => return Err(self.fail_here(EOF_VALUE)),
                Some(b) if b == expected => self.at += 1,
                Some(_) => return Err(self.fail_here("expected ident")),
            }
        }
        Ok(value)
    }

    /// An array or an object (`read` reads it from its opening bracket), one level deeper.
    fn nested(&mut self, read: fn(&mut Self) -> Result<Value, Error>) -> Result<Value, Error> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.fail_here("recursion limit exceeded"));
        }
        self.at += 1;
        let value = read(self);
        self.depth -= 1;
        value
    }

    fn array(&mut self) -> Result<Value, Error> {
        let mut items = Vec::new();
        self.skip_space();
        match self.peek() {
            None => return Err(self.fail_here(EOF_LIST)),
            Some(b']') => {
                self.at += 1;
                return Ok(Value::Array(items));
            }
            Some(_) => {}
        }
        loop {
            items.push(self.value()?);
            if self.closed(b']', EOF_LIST, "expected `,` or `]`")? {
                return Ok(Value::Array(items));
            }
        }
    }

    /// After an item: `true` at the closing bracket (read), `false` after a comma (read, and
    /// not followed by the closing bracket); anything else is refused.
    fn closed(
        &mut self,
        close: u8,
        at_end: &'static str,
        expected: &'static str,
    ) -> Result<bool, Error> {
        self.skip_space();
        match self.peek() {
            None => Err(self.fail_here(at_end)),
            Some(b) if b == close => {
                self.at += 1;
                Ok(true)
            }
            Some(b',') => {
                self.at += 1;
                self.skip_space();
                if self.peek() == Some(close) {
                    return Err(self.fail_here("trailing comma"));
                }
                Ok(false)
            }
            Some(_) => Err(self.fail_here(expected)),
        }
    }

    fn object(&mut self) -> Result<Value, Error> {
        let mut fields = Vec::new();
        self.skip_space();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(Value::Object(Map::new()));
        }
        // At the end of the text: "an object" before the first key, "a value" after a comma.
        let mut at_end = EOF_OBJECT;
        loop {
            match self.peek() {
                None => return Err(self.fail_here(at_end)),
                Some(b'"') => self.at += 1,
                Some(_) => return Err(self.fail_here("key must be a string")),
            }
            let key = self.string()?;
            self.skip_space();
            match self.peek() {
                None => return Err(self.fail_here(EOF_OBJECT)),
                Some(b':') => self.at += 1,
                Some(_) => return Err(self.fail_here("expected `:`")),
            }
            let value = self.value()?;
            fields.push((key, value));
            if self.closed(b'}', EOF_OBJECT, "expected `,` or `}`")? {
                return Ok(Value::Object(Map::from_pairs(fields)));
            }
            at_end = EOF_VALUE;
        }
    }

    /// A string's contents, after its opening quote.
    fn string(&mut self) -> Result<String, Error> {
        let mut out = String::new();
        let mut start = self.at;
        loop {
            match self.peek() {
                None => return Err(self.fail_at(self.text.len(), EOF_STRING)),
                Some(b'"') => {
                    out.push_str(self.slice(start));
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    out.push_str(self.slice(start));
                    self.at += 1;
                    self.escape(&mut out)?;
                    start = self.at;
                }
                Some(0..=0x1f) => {
                    return Err(self.fail_here(
                        "control character (\\u0000-\\u001F) found while parsing a string",
                    ))
                }
                Some(_) => self.at += 1,
            }
        }
    }

    /// The text from `start` to here (whole characters: the parser stops only at ASCII bytes).
    fn slice(&self, start: usize) -> &str {
        std::str::from_utf8(&self.text[start..self.at]).unwrap_or_default()
    }

    /// An escape, after its backslash.
    fn escape(&mut self, out: &mut String) -> Result<(), Error> {
        let Some(b) = self.peek() else {
            return Err(self.fail_here(EOF_STRING));
        };
        self.at += 1;
        let c = match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => return self.unicode_escape(out),
            _ => return Err(self.fail_at(self.at, "invalid escape")),
        };
        out.push(c);
        Ok(())
    }

    /// `\uXXXX`, after its `u`; a surrogate pair is two of them.
    fn unicode_escape(&mut self, out: &mut String) -> Result<(), Error> {
        let first = self.hex4()?;
        let code = match first {
            0xDC00..=0xDFFF => {
                return Err(self.fail_at(self.at, "lone leading surrogate in hex escape"))
            }
            0xD800..=0xDBFF => {
                for expected in [b'\\', b'u'] {
                    match self.peek() {
                        None => return Err(self.fail_here(EOF_STRING)),
                        Some(b) if b == expected => self.at += 1,
                        Some(_) => {
                            return Err(self.fail_here("unexpected end of hex escape"));
                        }
                    }
                }
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(self.fail_at(self.at, "lone leading surrogate in hex escape"));
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            _ => first,
        };
        match char::from_u32(code) {
            Some(c) => {
                out.push(c);
                Ok(())
            }
            None => Err(self.fail_at(self.at, "invalid unicode code point")),
        }
    }

    /// Four hexadecimal digits (all four read before any is judged).
    fn hex4(&mut self) -> Result<u32, Error> {
        if self.text.len() - self.at < 4 {
            return Err(self.fail_at(self.text.len(), EOF_STRING));
        }
        let digits = &self.text[self.at..self.at + 4];
        self.at += 4;
        let mut code = 0;
        for &b in digits {
            let digit = (b as char)
                .to_digit(16)
                .ok_or_else(|| self.fail_at(self.at, "invalid escape"))?;
            code = code * 16 + digit;
        }
        Ok(code)
    }

    /// A number: `-`, then `0` or digits, then `.` digits, then `e` or `E`, a sign, digits.
    fn number(&mut self) -> Result<Value, Error> {
        let start = self.at;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.at += 1;
        }
        match self.peek() {
            None => return Err(self.fail_here(EOF_VALUE)),
            Some(b'0') => {
                self.at += 1;
                if matches!(self.peek(), Some(b'0'..=b'9')) {
                    return Err(self.fail_here("invalid number"));
                }
            }
            Some(b'1'..=b'9') => self.digits(),
            Some(_) => return Err(self.fail_here("invalid number")),
        }
        let mut whole = true;
        if self.peek() == Some(b'.') {
            self.at += 1;
            whole = false;
            self.required_digits()?;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            whole = false;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            self.required_digits()?;
        }
        let text = self.slice(start);
        if whole {
            if let Ok(n) = text.parse::<u64>() {
                return Ok(Value::Number(Number::from(n)));
            }
            if let Ok(n) = text.parse::<i64>() {
                if n != 0 {
                    return Ok(Value::Number(Number::from(n)));
                }
            }
        }
        match crate::decimal::parse_f64(text) {
            Some(x) => Number::from_f64(x)
                .map(Value::Number)
                .ok_or_else(|| self.fail_at(self.at, "number out of range")),
            None => Err(self.fail_at(self.at, "number out of range")),
        }
    }

    fn digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
    }

    /// At least one digit.
    fn required_digits(&mut self) -> Result<(), Error> {
        match self.peek() {
            None => Err(self.fail_here(EOF_VALUE)),
            Some(b'0'..=b'9') => {
                self.digits();
                Ok(())
            }
            Some(_) => Err(self.fail_here("invalid number")),
        }
    }
}
