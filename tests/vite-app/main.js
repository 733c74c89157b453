// What a web developer writes after `npm install backprop-viz`: two widgets, each its own.
import { mount } from 'backprop-viz';

const status = document.querySelector('#status');
try {
  const first = await mount(document.querySelector('#first'), 'exam', { panels: ['canvas', 'controls', 'table'] });
  const second = await mount(document.querySelector('#second'), 'xor', { panels: ['canvas', 'table'], theme: 'dark' });
  window.widgets = [first, second];
  status.textContent = 'ready';
} catch (error) {
  status.textContent = `failed: ${error.message}`;
}
