/**
 * The Vue 3 demo: one product, one `<banq-checkout>` in a template compiled in the browser
 * (demo/vue/checkout-card.ts). `isCustomElement` tells Vue the tag is not a component. The app
 * is demo/vue/app.ts.
 */
import { createApp } from 'vue';
import '../src/index.js';
import { App } from './vue/app.js';

const app = createApp(App);
// `<banq-checkout>` is a custom element, not a Vue component.
app.config.compilerOptions.isCustomElement = (tag) => tag === 'banq-checkout';
app.mount('#app');
