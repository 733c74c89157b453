"""The pieces of the WebAssembly binary format that the build's scripts read and write
(`slim-wasm.py`, `wasm-coverage.py`, `build-wasm.sh`): numbers in LEB128, a module's sections,
a custom section's name, and an import's description."""
import sys


def leb(data, i):
    """The unsigned LEB128 number at `data[i]`, and the index after it."""
    result = shift = 0
    while True:
        byte = data[i]
        i += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return result, i


def write_leb(n):
    """`n` in unsigned LEB128."""
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def import_description(data, j):
    """The kind of the import whose description starts at `data[j]` (0 function, 1 table,
    2 memory, 3 global) and the index after it; `None` for a kind this does not know."""
    kind = data[j]
    j += 1
    if kind == 0:  # function: type index
        _, j = leb(data, j)
    elif kind in (1, 2):  # table (element type first), memory: limits
        if kind == 1:
            j += 1
        flags, j = leb(data, j)
        _, j = leb(data, j)
        if flags & 1:
            _, j = leb(data, j)
    elif kind == 3:  # global: value type, mutability
        j += 2
    else:
        return None, j
    return kind, j


def sections(data):
    """The module's sections as [id, body] pairs, in order."""
    if data[:8] != b"\0asm\x01\0\0\0":
        sys.exit("not a wasm module")
    found, i = [], 8
    while i < len(data):
        size, body = leb(data, i + 1)
        found.append([data[i], data[body : body + size]])
        i = body + size
    return found


def assemble(parts):
    """The module made of `parts`, [id, body] pairs as `sections` gives them."""
    out = bytearray(b"\0asm\x01\0\0\0")
    for section, body in parts:
        out += bytes([section]) + write_leb(len(body)) + body
    return bytes(out)


def custom_name(body):
    """The name a custom section's body starts with."""
    n, i = leb(body, 0)
    return body[i : i + n]
