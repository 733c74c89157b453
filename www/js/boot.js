// Runs as soon as it has arrived, before the module and the wasm (a classic script, loaded
// beside the style sheets, so it does not hold up the page): a page opening on the exam shows
// the exam's picture and title in the placeholder, and the full page's placeholder takes the
// dark theme the widget will take in a dark colour scheme.
if (/^(#?|#v=1&preset=exam)$/.test(location.hash)) document.documentElement.classList.add('bpv-boot-exam');
if (matchMedia('(prefers-color-scheme: dark)').matches) document.documentElement.classList.add('bpv-boot-dark');
