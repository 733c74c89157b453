"""Writes the one-file offline page: dist/index.html with its styles, its icon, its script and the
wasm inlined, so that it opens by double-click from file:// and requests nothing.

    python3 scripts/inline_page.py DIST BUNDLE OUT

BUNDLE is the page's script bundled into one module (scripts/package.sh makes it with esbuild);
it finds the wasm's bytes in the element `#bpv-wasm` (base64) and those of each part that loads when
first needed in `#bpv-part-<name>`, which this script writes.
"""

import base64
import re
import sys
from pathlib import Path


def main(dist: Path, bundle: Path, out: Path) -> None:
    html = (dist / "index.html").read_text(encoding="utf-8")
    styles = "\n".join((dist / name).read_text(encoding="utf-8") for name in ("style.css", "page.css"))
    icon = base64.b64encode((dist / "favicon.svg").read_bytes()).decode("ascii")
    script = bundle.read_text(encoding="utf-8").replace("</script", "<\\/script")
    wasm = base64.b64encode((dist / "backprop-viz_bg.wasm").read_bytes()).decode("ascii")
    # The parts that load when first needed (split_<part>.wasm, chunk_<n>.wasm), each in
    # #bpv-part-<file name without .wasm>.
    parts = "".join(
        f'<script type="application/octet-stream;base64" id="bpv-part-{part.stem}">'
        f'{base64.b64encode(part.read_bytes()).decode("ascii")}</script>\n'
        for part in sorted([*dist.glob("split_*.wasm"), *dist.glob("chunk_*.wasm")])
    )
    if not parts:
        raise SystemExit("inline_page: dist/ has no split_*.wasm (scripts/build-wasm.sh writes them)")

    def replace(pattern: str, text: str, count: int = 1) -> None:
        nonlocal html
        html, found = re.subn(pattern, lambda _: text, html, count=count, flags=re.S)
        if found != count:
            raise SystemExit(f"inline_page: {pattern!r} is not in dist/index.html {count} time(s)")

    replace(r'<link rel="icon"[^>]*>', f'<link rel="icon" href="data:image/svg+xml;base64,{icon}">')
    replace(r'<link rel="stylesheet" href="\./style\.css"[^>]*>', f"<style>\n{styles}\n</style>")
    replace(r'\s*<link rel="stylesheet" href="\./page\.css"[^>]*>', "")
    html = re.sub(r'\s*<link data-trunk[^>]*>', "", html)
    replace(
        r'<script type="module" src="js/page\.mjs"></script>',
        f'<script type="application/octet-stream;base64" id="bpv-wasm">{wasm}</script>\n'
        f"{parts}"
        f'<script type="module">\n{script}\n</script>',
    )
    boot = (dist / "js" / "boot.js").read_text(encoding="utf-8")
    replace(r'<script src="js/boot\.js"></script>', f"<script>\n{boot}</script>")
    html = re.sub(r'\s*<!-- The module and the wasm start[^>]*-->', "", html)
    html = re.sub(r'\s*<link rel="(?:modulepreload|preload)"[^>]*>', "", html)
    for name, attribute in (
        ("exam.svg", "src"),
        ("exam-phone.svg", "srcset"),
        ("exam-dark.svg", "srcset"),
        ("exam-phone-dark.svg", "srcset"),
    ):
        picture = base64.b64encode((dist / name).read_bytes()).decode("ascii")
        replace(rf'{attribute}="{re.escape(name)}"', f'{attribute}="data:image/svg+xml;base64,{picture}"')
    replace(
        r'<p class="bpv-loading" role="status">.*?</p>',
        '<p class="bpv-loading" role="status">Loading the network…</p>',
    )
    out.write_text(html, encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
