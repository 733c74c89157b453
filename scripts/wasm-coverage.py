#!/usr/bin/env python3
"""Which of the first module's functions a page runs: how small a perfect split could make it.

Two steps around a browser run (`tests/e2e/coverage.mjs` drives them):

    python3 scripts/wasm-coverage.py mark MODULE.wasm OUT.wasm
        OUT is MODULE with one exported global per function, `c<N>` for the N-th function of the
        code section, set to 1 by the function's first instruction. Nothing else changes: no
        function index moves (globals have their own index space), so the page runs as before.

    python3 scripts/wasm-coverage.py report MODULE.wasm RUN.json [COLD]
        RUN.json maps each stage of the run ("load", "edit", …) to the function numbers whose
        global read 1 by then, stage after stage. For each stage, one JSON line: the functions
        and code bytes run so far, and the module gzipped (level 9) with every function not run
        emptied to `unreachable`, which is what the first module would weigh if the build kept
        exactly what ran in it and moved everything else to parts. With COLD (a number) and a
        module that has its `name` section (`BPV_KEEP_NAMES=1 trunk build …`), also the COLD
        largest functions never run, by name.
"""
import gzip
import json
import sys

from wasm_binary import assemble, import_description, leb, sections, write_leb


def bodies(code):
    """The code section's function bodies (each without its size)."""
    count, i = leb(code, 0)
    found = []
    for _ in range(count):
        size, i = leb(code, i)
        found.append(code[i : i + size])
        i += size
    return found


def with_bodies(found):
    return write_leb(len(found)) + b"".join(write_leb(len(b)) + b for b in found)


def imports(parts):
    """How many functions and how many globals the module imports."""
    counts = {0: 0, 3: 0}
    for section, body in parts:
        if section != 2:
            continue
        count, j = leb(body, 0)
        for _ in range(count):
            for _ in range(2):  # module and name
                n, j = leb(body, j)
                j += n
            kind, j = import_description(body, j)
            if kind is None:
                sys.exit(f"wasm-coverage: import kind {body[j - 1]} unknown")
            if kind in counts:
                counts[kind] += 1
    return counts[0], counts[3]


def mark(source, target):
    parts = sections(open(source, "rb").read())
    kinds = {section: body for section, body in parts}
    if 10 not in kinds or 6 not in kinds or 7 not in kinds:
        sys.exit("wasm-coverage: the module needs code, global and export sections")
    first = imports(parts)[1] + leb(kinds[6], 0)[0]
    functions = bodies(kinds[10])
    marked = []
    for n, body in enumerate(functions):
        groups, i = leb(body, 0)
        for _ in range(groups):  # the locals: a count and a type each
            _, i = leb(body, i)
            i += 1
        # i32.const 1; global.set (first + n)
        marked.append(body[:i] + b"\x41\x01\x24" + write_leb(first + n) + body[i:])
    flag = b"\x7f\x01\x41\x00\x0b"  # a mutable i32, 0 at first
    for part in parts:
        section, body = part
        count, i = leb(body, 0)
        if section == 10:
            part[1] = with_bodies(marked)
        elif section == 6:
            part[1] = write_leb(count + len(functions)) + body[i:] + flag * len(functions)
        elif section == 7:
            exports = b"".join(
                write_leb(len(name)) + name + b"\x03" + write_leb(first + n)
                for n, name in ((n, f"c{n}".encode()) for n in range(len(functions)))
            )
            part[1] = write_leb(count + len(functions)) + body[i:] + exports
    open(target, "wb").write(assemble(parts))


def function_names(parts):
    """Function index -> name, from the `name` section if the module has one."""
    names = {}
    for section, body in parts:
        if section != 0:
            continue
        n, i = leb(body, 0)
        if body[i : i + n] != b"name":
            continue
        i += n
        while i < len(body):
            kind = body[i]
            size, i = leb(body, i + 1)
            end = i + size
            if kind == 1:
                count, j = leb(body, i)
                for _ in range(count):
                    index, j = leb(body, j)
                    n, j = leb(body, j)
                    names[index] = body[j : j + n].decode("utf-8", "replace")
                    j += n
            i = end
    return names


def report(source, run, cold):
    parts = sections(open(source, "rb").read())
    kept = [p for p in parts if p[0] != 0]  # what the page's build ships: no custom sections
    code = next(body for section, body in kept if section == 10)
    functions = bodies(code)
    whole = assemble(kept)
    ran = set()
    for stage, numbers in json.load(open(run)).items():
        ran |= set(numbers)
        if not ran <= set(range(len(functions))):
            sys.exit(f"wasm-coverage: {run} names functions {source} does not have")
        emptied = [b if n in ran else b"\0\0\x0b" for n, b in enumerate(functions)]
        floor = assemble([[s, with_bodies(emptied) if s == 10 else b] for s, b in kept])
        print(json.dumps({
            "stage": stage,
            "functions_run": len(ran),
            "functions": len(functions),
            "code_bytes_run": sum(len(functions[n]) for n in ran),
            "code_bytes": sum(len(b) for b in functions),
            "module_gzip": len(gzip.compress(whole, 9, mtime=0)),
            "only_what_ran_gzip": len(gzip.compress(floor, 9, mtime=0)),
        }))
    names = function_names(parts)
    if cold and names:
        offset = imports(parts)[0]
        never = sorted((n for n in range(len(functions)) if n not in ran), key=lambda n: -len(functions[n]))
        for n in never[:cold]:
            print(f"{len(functions[n]):7d}  {names.get(offset + n, f'function {n}')}")


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "mark":
        mark(sys.argv[2], sys.argv[3])
    elif len(sys.argv) in (4, 5) and sys.argv[1] == "report":
        report(sys.argv[2], sys.argv[3], int(sys.argv[4]) if len(sys.argv) == 5 else 0)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
