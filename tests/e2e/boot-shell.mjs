// The shell the pages (www/index.html, and www/embed.html on the exam as the Embed… dialog's
// code or the README's opens it) paint before the wasm has arrived: the widget's own header and
// toolbar as it first draws the exam, copied from the widget, so that they wrap as the widget's do
// at every width and font and the stage below them does not move when it mounts; in the embed
// also the rows under the stage, whose height the README's embed's stage depends on.
// A text that reads otherwise in a dark colour scheme (the theme button's label) is copied as
// drawn in each, and style.css shows the one js/boot.js picked. `node boot-shell.mjs` writes the
// copy into both pages between their two marker comments; first-paint.test.mjs checks that it is
// still what the widget draws.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { root } from './harness.mjs';

/** The pages that hold the shell. */
export const pages = ['index.html', 'embed.html'].map((name) => join(root, 'www', name));
/** The embed page, which also holds the rows under the stage (see `below`). */
export const embedPage = pages[1];
const START = '<!-- shell: the widget\'s header and toolbar as it first draws the exam (tests/e2e/boot-shell.mjs) -->';
const END = '<!-- /shell -->';
const BELOW_START = '<!-- shell below: the exports under the stage (tests/e2e/boot-shell.mjs) -->';
const BELOW_END = '<!-- /shell below -->';
/**
 * The embed that the README's by-hand code opens: its stage takes the height the rows above and
 * below it leave, so the embed's shell also holds the rows below (the exports' toolbar and the
 * two closed boxes), which the Embed… dialog's embed (every panel) shows too, above its editors.
 */
export const readmeEmbed = '/embed.html#v=1&preset=exam&panels=canvas,controls,explain';

/**
 * The mounted widget's elements above its stage that take room (the header and the toolbar), as
 * inert markup, one line each: each menu keeps the option it shows, a closed box keeps its summary
 * alone, and the tooltips and names for assistive technology go (an inert copy is neither hovered
 * nor read). With `dark`, the lines drawn in a dark colour scheme: a text that differs there is
 * kept in both, in spans marked with their scheme. With `below`, the rows under the stage instead.
 */
function shellOf(page, dark = null, below = false) {
  return page.evaluate(([dark, below]) => {
    const widget = document.querySelector('.bpv');
    const rows = [];
    const children = [...widget.children];
    const main = children.findIndex((child) => child.matches('.bpv-main'));
    for (const child of below ? children.slice(main + 1) : children.slice(0, main)) {
      if (child.hidden || child.getBoundingClientRect().height === 0) continue;
      const copy = child.cloneNode(true);
      const menus = child.querySelectorAll('select');
      copy.querySelectorAll('select').forEach((menu, i) => {
        for (const option of menu.options) option.toggleAttribute('selected', option.value === menus[i].value);
      });
      for (const element of [copy, ...copy.querySelectorAll('*')]) {
        for (const name of ['title', 'aria-label', 'role', 'aria-live', 'aria-atomic']) element.removeAttribute(name);
        // A closed box shows its summary alone.
        if (element.matches('details:not([open])')) {
          for (const inside of [...element.children]) if (!inside.matches('summary')) inside.remove();
        }
      }
      copy.setAttribute('inert', '');
      rows.push(copy);
    }
    if (dark) {
      if (dark.length !== rows.length) throw new Error('the widget has other rows in a dark colour scheme');
      const texts = (root) => {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        const found = [];
        while (walker.nextNode()) found.push(walker.currentNode);
        return found;
      };
      rows.forEach((row, i) => {
        const other = document.createElement('template');
        other.innerHTML = dark[i];
        const otherTexts = texts(other.content);
        const own = texts(row);
        if (own.length !== otherTexts.length) throw new Error(`row ${i} has other texts in a dark colour scheme`);
        own.forEach((text, k) => {
          if (text.data === otherTexts[k].data) return;
          const both = [['light', text.data], ['dark', otherTexts[k].data]].map(([scheme, words]) => {
            const span = document.createElement('span');
            span.dataset.scheme = scheme;
            span.textContent = words;
            return span;
          });
          text.replaceWith(...both);
        });
      });
    }
    return rows.map((row) => row.outerHTML);
  }, [dark, below]);
}

/**
 * The shell the widget draws now, opening the page at `url` in `browser` (Playwright): its rows
 * above the stage, or with `below` under it.
 */
export async function currentShell(browser, url, below = false) {
  let dark = null;
  for (const colorScheme of ['dark', 'light']) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, colorScheme });
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => document.querySelector('.bpv')?.dataset.table === 'fresh');
    dark = await shellOf(page, dark, below);
    await context.close();
  }
  return dark;
}

/** Where a copy stands in the page's text `html`: just after its first marker, and at its second. */
function markers(html, below = false) {
  const [first, second] = below ? [BELOW_START, BELOW_END] : [START, END];
  const start = html.indexOf(first);
  const end = html.indexOf(second, start);
  if (start < 0 || end < start) throw new Error(`a page has no ${first} … ${second}`);
  return [start + first.length, end];
}

/** The copy now in the page `file`, line by line: the rows above the stage, or with `below` under it. */
export function committedShell(file, below = false) {
  const html = readFileSync(file, 'utf8');
  const [start, end] = markers(html, below);
  return html.slice(start, end).split('\n').map((line) => line.trim()).filter(Boolean);
}

/** Writes `lines` into the page `file` as its copy above the stage, or with `below` under it. */
function write(file, lines, below = false) {
  const html = readFileSync(file, 'utf8');
  const [start, end] = markers(html, below);
  const indent = html.slice(html.lastIndexOf('\n', end) + 1, end);
  writeFileSync(file, `${html.slice(0, start)}\n${indent}${lines.join(`\n${indent}`)}\n${indent}${html.slice(end)}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { serve, launch, dist } = await import('./harness.mjs');
  const server = await serve(dist);
  const browser = await launch();
  const shell = await currentShell(browser, `${server.url}/index.html`);
  const below = await currentShell(browser, `${server.url}${readmeEmbed}`, true);
  await browser.close();
  await server.close();
  for (const file of pages) write(file, shell);
  write(embedPage, below, true);
  console.log(`${pages.length} pages: the shell is ${shell.join('').length} characters, the embed's rows below ${below.join('').length}`);
}
