"""BackpropViz refuses a wrong argument by name, before anything reaches the page (run by
tests/e2e/notebook.test.mjs with the venv's Python: `python python/tests/test_arguments.py`)."""

import math

from backprop_viz import BackpropViz


def refused(call, kind, words):
    try:
        call()
    except kind as error:
        assert words in str(error), f"{words!r} not in {error!r}"
        return
    raise AssertionError(f"accepted: {call}")


w = BackpropViz(scenario="exam", panels=["canvas", "table"])
assert w.scenario == "exam" and w.panels == ["canvas", "table"] and w.step == 0
assert len(w._wasm) > 100_000 and "bpv" in w._style
refused(lambda: BackpropViz(scenario="exma"), ValueError, "scenario: 'exma' is not a preset")
refused(lambda: BackpropViz(scenario=3), TypeError, "scenario: expected a preset name")
refused(lambda: BackpropViz(panels=["chart"]), ValueError, "panels: 'chart' is not a panel")
refused(lambda: BackpropViz(panels="canvas"), TypeError, "panels: expected a list")
refused(lambda: BackpropViz(quiz=1), TypeError, "quiz: expected True or False")
refused(lambda: BackpropViz(theme="blue"), ValueError, "theme: 'blue'")
refused(lambda: setattr(w, "scenario", "nope"), ValueError, "scenario:")
refused(lambda: setattr(w, "step", -1), Exception, "step: -1")
# Before the page has written them, there are no weights to set.
refused(lambda: w.set_weight(1, 1, 0, -0.7), IndexError, "show the widget first")
w.weights = [[[0.5, -0.6], [-0.4, 0.8]], [[0.3], [-0.5]]]
w.set_weight(1, 1, 0, -0.7)
assert w.weights[1][1][0] == -0.7 and w.weights[1][0][0] == 0.3
refused(lambda: w.set_weight(1, 1, 0, "x"), TypeError, "value: expected a number, not str")
refused(lambda: w.set_weight(1, 1, 0, True), TypeError, "value: expected a number, not bool")
refused(lambda: w.set_weight(1, 1, 0, math.nan), ValueError, "value: nan is not a finite number")
refused(lambda: w.set_weight(1.0, 1, 0, 0.1), TypeError, "layer: expected a whole number")
refused(lambda: w.set_weight(2, 0, 0, 0.1), IndexError, "weights[2][0][0] does not exist")
refused(lambda: w.set_weight(-1, 0, 0, 0.1), IndexError, "indices count from 0")
assert w.weights[1][1][0] == -0.7, "a refused call changes nothing"
print("ok")
