#!/usr/bin/env bash
# The LaTeX worked solutions compile as they are: every preset's, several SGD steps of one, and
# a scenario whose numbers overflow (its notes carry the most unusual characters), with pdflatex
# (Debian's texlive-latex-base, installed by `scripts/setup.sh --browser`). The fragment
# (--latex-fragment) is checked inside a minimal document of the kind a teacher would paste it into.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v pdflatex >/dev/null || { echo "check-latex: pdflatex is missing (bash scripts/setup.sh --browser installs it)" >&2; exit 1; }
bin=target/release/backprop
[ -x "$bin" ] || cargo build --release --bin backprop
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cat > "$dir/overflow.json" <<'JSON'
{ "version": 1, "layers": [2, 2, 1], "activations": ["relu", "sigmoid"], "loss": "bce",
  "learning_rate": 1e300, "weights": [[[0.5, -0.6], [-0.4, 0.8]], [[0.3], [-1e300]]],
  "biases": [[0.2, -0.2], [0.0]], "samples": [{"x": [1.0, 2.0], "y": [1.0]}] }
JSON
compile() {
  local name=$1
  if ! (cd "$dir" && pdflatex -interaction=nonstopmode -halt-on-error "$name.tex" > "$name.out" 2>&1); then
    echo "check-latex: $name.tex does not compile:" >&2
    grep -A4 '^!' "$dir/$name.out" >&2 || tail -20 "$dir/$name.out" >&2
    exit 1
  fi
  [ -s "$dir/$name.pdf" ] || { echo "check-latex: $name.pdf is empty" >&2; exit 1; }
}
for preset in exam xor softmax deep_tanh; do
  "$bin" --preset "$preset" --format latex > "$dir/$preset.tex"
  compile "$preset"
done
"$bin" --preset exam --format latex --steps 3 --digits 6 > "$dir/steps.tex"
compile steps
# Each optimiser's update phase (its moments, Adam's bias correction, square roots), 3 steps.
for kind in momentum nesterov rmsprop adam; do
  cat > "$dir/$kind.json" <<JSON
{ "version": 1, "layers": [2, 2, 1], "activations": ["relu", "sigmoid"], "loss": "bce",
  "learning_rate": 0.1, "optimizer": {"kind": "$kind"},
  "weights": [[[0.5, -0.6], [-0.4, 0.8]], [[0.3], [-0.5]]],
  "biases": [[0.2, -0.2], [0.0]], "samples": [{"x": [1.0, 2.0], "y": [0.0]}] }
JSON
  "$bin" "$dir/$kind.json" --format latex --steps 3 > "$dir/$kind.tex"
  compile "$kind"
done
"$bin" "$dir/overflow.json" --format latex > "$dir/overflow-doc.tex"
compile overflow-doc
{
  printf '\\documentclass{article}\n\\usepackage[T1]{fontenc}\n\\usepackage{amsmath}\n\\begin{document}\n'
  "$bin" --preset xor --format latex --latex-fragment
  printf '\\end{document}\n'
} > "$dir/fragment.tex"
compile fragment
"$bin" exam --variants 3 --seed 11 --format latex > "$dir/variants.tex"
compile variants
"$bin" exam --variants 2 --seed 4 --dead-relu none --format latex --sheets questions --digits 6 > "$dir/questions.tex"
compile questions
# A title with a blank line, a control character and every LaTeX special character.
cat > "$dir/odd.json" <<'JSON'
{ "version": 1, "title": "Two\n\nlines \\ \u001b[31m & # % $ _ { } ~ ^", "description": "a\n\nb",
  "layers": [2, 2, 1], "activations": ["relu", "sigmoid"], "loss": "bce",
  "learning_rate": 0.01, "weights": [[[0.5, -0.6], [-0.4, 0.8]], [[0.3], [-0.5]]],
  "biases": [[0.2, -0.2], [0.0]], "samples": [{"x": [1.0, 2.0], "y": [0.0]}] }
JSON
"$bin" "$dir/odd.json" --format latex > "$dir/odd.tex"
compile odd
"$bin" exam "$dir/odd.json" --format latex > "$dir/odd-variant.tex"
compile odd-variant
if grep -q 'documentclass' <("$bin" --preset exam --format latex --latex-fragment); then
  echo "check-latex: --latex-fragment printed a whole document" >&2
  exit 1
fi
echo "check-latex: every document compiles"
