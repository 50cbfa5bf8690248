/**
 * The React 19 demo: one product, one `<banq-checkout>` written as a plain tag in JSX
 * (demo/react/checkout-card.tsx). React 19 sets the element's properties (`funds` a number)
 * and listens to its events through `onbanq-*` props. The app is demo/react/app.tsx.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../src/index.js';
import { App } from './react/app.js';

const container = document.getElementById('app');
if (!container) throw new Error('demo: #app is missing from react.html');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
