"""The pieces of the WebAssembly binary format that the build's scripts read and write
(`slim-wasm.py`, `wasm-coverage.py`): numbers in LEB128, and an import's description."""


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
