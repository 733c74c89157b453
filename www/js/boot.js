// Runs as soon as it has arrived, before the module and the wasm (a classic script, loaded
// beside the style sheets, so it does not hold up the page): a page opening on the exam shows
// the exam's picture and title in the placeholder, and the full page's placeholder takes the
// dark theme the widget will take in a dark colour scheme.
// The README's by-hand embed code (three panels) too; its stage takes the height that is left.
const exam = /^(?:#?|#v=1&preset=exam(&panels=canvas,controls,explain)?)$/.exec(location.hash);
if (exam) document.documentElement.classList.add('bpv-boot-exam');
if (exam?.[1]) document.documentElement.classList.add('bpv-boot-fill');
if (matchMedia('(prefers-color-scheme: dark)').matches) document.documentElement.classList.add('bpv-boot-dark');
