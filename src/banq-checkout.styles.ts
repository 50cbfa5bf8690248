import { css } from 'lit';

/**
 * `<banq-checkout>`'s shadow styles. The placeholder and the fallback (its only `div`s) stand
 * where banq's button will be, at its size. Readable here; the build minifies them.
 */
export const styles = css`
  :host {
    display: inline-block;
  }

  :host([hidden]) {
    display: none;
  }

  div {
    box-sizing: border-box;
    width: var(--banq-checkout-width, 240px);
    min-height: var(--banq-checkout-height, 48px);
    border-radius: 8px;
    background: #e3e7ee;
    /* Unseen until forced colors (Windows high contrast) drop the background: then it is drawn
       in the system's text colour, and the box still shows where the button will be. */
    border: 1px solid #0000;
  }

  [part='error'] {
    /* Its own colour, as its background is its own: on a dark page, inherited text is light. */
    color: #222;
    padding: 6px 12px;
    font: 14px system-ui;
  }

  /* The live region: read by screen readers, not shown. */
  span[role] {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
