// Runs as soon as it has arrived, before the module and the wasm (a classic script, loaded
// beside the style sheets, so it does not hold up the page): a page opening on the exam shows
// the exam's picture and title in the placeholder.
if (/^(#?|#v=1&preset=exam)$/.test(location.hash)) document.documentElement.classList.add('bpv-boot-exam');
