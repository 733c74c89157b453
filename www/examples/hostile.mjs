import { mount } from '../js/backprop-viz.mjs';

const viz = await mount(document.getElementById('widget'), 'exam');
document.getElementById('widget').dataset.ready = viz ? 'true' : 'false';
