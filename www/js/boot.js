// Runs before the page is first drawn, before the module and the wasm: a classic script that the
// page waits for, as it waits for its style sheets, and fetches first. Loaded `async`, it could
// come after the first frame, and the embed, which hides the shell's rows until it knows the link
// is the exam's, jumped by most of its height when they appeared. A page opening on the exam, bare
// or as the README's by-hand embed code opens it (three panels, whose stage takes the height that
// is left: bpv-boot-fill), shows the shell, the exam's title and its picture in the placeholder;
// in a dark colour scheme the shell takes the dark theme, as the widget will.
const exam = /^(?:#?|#v=1&preset=exam(&panels=canvas,controls,explain)?)$/.exec(location.hash);
if (exam) document.documentElement.classList.add('bpv-boot-exam');
if (exam?.[1]) document.documentElement.classList.add('bpv-boot-fill');
if (matchMedia('(prefers-color-scheme: dark)').matches) document.documentElement.classList.add('bpv-boot-dark');
