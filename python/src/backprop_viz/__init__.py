"""backprop-viz in a notebook: an anywidget whose scenario, weights and step sync both ways.

>>> from backprop_viz import BackpropViz
>>> w = BackpropViz(scenario="exam", panels=["canvas", "table"])
>>> w.set_weight(1, 1, 0, -0.7)  # doctest: +SKIP
"""

from __future__ import annotations

import copy
import math
import numbers
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import anywidget
import traitlets

try:
    __version__ = version("backprop-viz")
except PackageNotFoundError:  # run from a source tree
    __version__ = "0.0.0"

_STATIC = Path(__file__).parent / "static"

PANELS = ("canvas", "controls", "explain", "editors", "table")
"""The panels a widget may show (all, when `panels` is left out)."""

PRESETS = ("exam", "xor", "softmax", "deep_tanh")
"""The built-in scenarios."""

__all__ = ["BackpropViz", "PANELS", "PRESETS"]


class BackpropViz(anywidget.AnyWidget):
    """A network, its forward pass, loss, backward pass and update, every number explained.

    `scenario` is a preset name (`"exam"`, `"xor"`, `"softmax"`, `"deep_tanh"`) or a scenario
    dict (the file format's fields); once shown, the page writes back the scenario with its
    edits. `weights` (`weights[layer][from][to]`) and `step` (the timeline position) follow the
    page and move it when set. `panels` and `quiz` are read when the widget is shown.
    """

    _esm = _STATIC / "widget.mjs"
    _wasm = traitlets.Bytes(read_only=True).tag(sync=True)
    # The parts of the wasm that load when first needed, by file name without ".wasm":
    # {"split_check": bytes of split_check.wasm, ...}.
    _parts = traitlets.Dict(read_only=True).tag(sync=True)
    _style = traitlets.Unicode(read_only=True).tag(sync=True)

    scenario = traitlets.Union(
        [traitlets.Unicode(), traitlets.Dict()], default_value="exam"
    ).tag(sync=True)
    weights = traitlets.List().tag(sync=True)
    step = traitlets.Int(0).tag(sync=True)
    panels = traitlets.List(traitlets.Unicode(), default_value=None, allow_none=True).tag(sync=True)
    quiz = traitlets.Bool(False).tag(sync=True)
    theme = traitlets.Unicode(None, allow_none=True).tag(sync=True)

    def __init__(self, scenario="exam", panels=None, quiz=False, theme=None, **kwargs):
        _check_scenario(scenario)
        if panels is not None:
            panels = _check_panels(panels)
        if not isinstance(quiz, bool):
            raise TypeError(f"quiz: expected True or False, not {type(quiz).__name__}")
        if theme is not None and theme not in ("light", "dark", "auto"):
            raise ValueError(f"theme: {theme!r} is not light, dark or auto")
        super().__init__(scenario=scenario, panels=panels, quiz=quiz, theme=theme, **kwargs)
        self.set_trait("_wasm", (_STATIC / "backprop-viz_bg.wasm").read_bytes())
        self.set_trait(
            "_parts",
            {p.stem: p.read_bytes() for p in sorted(_STATIC.glob("*.wasm")) if p.name != "backprop-viz_bg.wasm"},
        )
        self.set_trait("_style", (_STATIC / "style.css").read_text(encoding="utf-8"))

    @traitlets.validate("scenario")
    def _valid_scenario(self, proposal):
        _check_scenario(proposal["value"])
        return proposal["value"]

    @traitlets.validate("step")
    def _valid_step(self, proposal):
        if proposal["value"] < 0:
            raise traitlets.TraitError(f"step: {proposal['value']} is before the first step (0)")
        return proposal["value"]

    def set_weight(self, layer: int, source: int, target: int, value: float) -> None:
        """Sets `weights[layer][source][target]` to `value`; the page follows.

        Before the widget is shown there are no weights yet (the page reads the scenario).
        """
        for name, index in (("layer", layer), ("source", source), ("target", target)):
            if isinstance(index, bool) or not isinstance(index, numbers.Integral):
                raise TypeError(f"{name}: expected a whole number, not {type(index).__name__}")
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise TypeError(f"value: expected a number, not {type(value).__name__}")
        if not math.isfinite(value):
            raise ValueError(f"value: {value} is not a finite number")
        weights = copy.deepcopy(self.weights)
        try:
            row = weights[layer][source]
            row[target]
        except IndexError:
            raise IndexError(
                f"weights[{layer}][{source}][{target}] does not exist in this network"
                + ("" if weights else " (show the widget first: the page reads its weights)")
            ) from None
        if min(layer, source, target) < 0:
            raise IndexError(f"weights[{layer}][{source}][{target}]: indices count from 0")
        row[target] = float(value)
        self.weights = weights


def _check_scenario(value) -> None:
    if isinstance(value, str):
        stripped = value.strip()
        if stripped in PRESETS or stripped.startswith("{"):
            return
        raise ValueError(f"scenario: {value[:40]!r} is not a preset ({', '.join(PRESETS)}) or scenario JSON")
    if not isinstance(value, dict):
        raise TypeError(f"scenario: expected a preset name or a scenario dict, not {type(value).__name__}")


def _check_panels(panels) -> list:
    if isinstance(panels, str) or not all(isinstance(p, str) for p in panels):
        raise TypeError("panels: expected a list of panel names")
    unknown = [p for p in panels if p not in PANELS]
    if unknown:
        raise ValueError(f"panels: {unknown[0]!r} is not a panel ({', '.join(PANELS)})")
    return list(panels)
