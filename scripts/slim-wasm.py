#!/usr/bin/env python3
"""Slims the first module after wasm-bindgen: short names for its imports, no custom sections.

wasm-bindgen names each function the wasm imports from its JavaScript after the Rust binding and
a hash of it (`__wbg_setAttribute_2a8f647a8d92c712`), in the module `./backprop-viz_bg.js`. The
names appear twice, once in the wasm's import section and once as a key of the JavaScript's
imports object, and their hashes barely compress: about 4 KB of a gzipped page. This renames
each to `a`, `b`, … (and the module to `w`) in both files, consistently, and refuses to write
anything it cannot rename exactly (a name found other than once in the JavaScript).

The custom sections go too: `name` (wasm-bindgen's names of its closures' glue, what is left of
the names after the release build strips Rust's), `producers` and `target_features`; the browser
reads none of them. With BPV_KEEP_NAMES=1 (a build to profile, `scripts/build-wasm.sh`) the
`name` section stays.

    python3 scripts/slim-wasm.py MODULE.wasm MODULE.js   (both rewritten in place)
"""
import os
import re
import string
import sys

from wasm_binary import custom_name, import_description, leb, write_leb

MODULE = "./backprop-viz_bg.js"
SHORT_MODULE = "w"
BINDING = re.compile(r"__(?:wbg|wbindgen)_\w+")
KEEP_NAMES = os.environ.get("BPV_KEEP_NAMES") == "1"


def fail(message):
    sys.exit(f"slim-wasm: {message}")


def short_names():
    """a, b, …, Z, then aa, ab, …: identifiers no other key of the object can be."""
    letters = string.ascii_letters
    for c in letters:
        yield c
    for c in letters:
        for d in letters:
            yield c + d


def rename_imports(data, names):
    """The wasm with its import section's entries renamed (`names`: old -> new, filled here)."""
    if data[:8] != b"\0asm\x01\0\0\0":
        fail("not a wasm module")
    out = bytearray(data[:8])
    i = 8
    fresh = short_names()
    found = False
    while i < len(data):
        section = data[i]
        size, body = leb(data, i + 1)
        end = body + size
        if section == 0 and not (KEEP_NAMES and custom_name(data[body:end]) == b"name"):
            i = end
            continue
        if section != 2:
            out += data[i:end]
            i = end
            continue
        found = True
        count, j = leb(data, body)
        entries = bytearray(write_leb(count))
        for _ in range(count):
            n, j = leb(data, j)
            module = data[j : j + n].decode()
            j += n
            n, j = leb(data, j)
            name = data[j : j + n].decode()
            j += n
            start = j
            kind, j = import_description(data, j)
            if kind is None:
                fail(f"import kind {data[start]} unknown")
            if module == MODULE:
                if not BINDING.fullmatch(name):
                    fail(f"import {name!r} is not one of wasm-bindgen's")
                names[name] = next(fresh)
                module, name = SHORT_MODULE, names[name]
            for text in (module, name):
                raw = text.encode()
                entries += write_leb(len(raw)) + raw
            entries += data[start:j]
        if j != end:
            fail("the import section did not read to its end")
        out += bytes([2]) + write_leb(len(entries)) + entries
        i = end
    if not found or not names:
        fail(f"no imports from {MODULE}")
    return bytes(out)


def rename_script(text, names):
    """The JavaScript with the same renames, each name found exactly once (its object key)."""
    for old, new in names.items():
        pattern = re.compile(rf"\b{re.escape(old)}\b")
        if len(pattern.findall(text)) != 1:
            fail(f"{old} is not written exactly once in the JavaScript")
        text = pattern.sub(new, text)
    key = f'"{MODULE}": '
    if text.count(key) != 1:
        fail(f"the JavaScript does not name {MODULE} once")
    return text.replace(key, f'"{SHORT_MODULE}": ')


def main():
    if len(sys.argv) != 3:
        fail("usage: slim-wasm.py MODULE.wasm MODULE.js")
    wasm_path, js_path = sys.argv[1:]
    names = {}
    wasm = rename_imports(open(wasm_path, "rb").read(), names)
    script = rename_script(open(js_path, encoding="utf-8").read(), names)
    left = set(BINDING.findall(script)) & set(names)
    if left:
        fail(f"still named in the JavaScript: {sorted(left)[:3]}")
    open(wasm_path, "wb").write(wasm)
    open(js_path, "w", encoding="utf-8").write(script)


main()
