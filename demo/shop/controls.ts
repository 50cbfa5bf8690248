/**
 * The shop page's controls for the merchant's team, beside the live log: the switch that
 * takes the backend down, the element's `destroy()` and `bootstrap()`, and clearing the log.
 */
import { backendDown, showOutage, turnOutage } from '../page-helpers.js';
import { noticeShown, payStatusText, setPayStatus, showNotice } from './messages.js';
import { byId, log, note } from './page.js';
import { shop } from './state.js';

const outage = byId('backend-outage', HTMLInputElement);

const BACK_ON = {
  title: 'Our payment service is back',
  text: 'Press “Pay with banq” again to finish your order.',
};

const DESTROYED = "banq's button was removed with destroy(). bootstrap() brings it back.";

/** The outage switch is on: `/generate-payment-link` answers 503. */
export const isOutageOn = () => outage.checked;

function showSwitch(down: boolean): void {
  outage.checked = down;
  showOutage(down);
}

async function switchOutage(): Promise<void> {
  const wanted = outage.checked;
  outage.disabled = true;
  const down = await turnOutage(wanted, showSwitch, note);
  if (!wanted && !down && noticeShown() && !shop.paidOrder) showNotice(BACK_ON);
  outage.disabled = false;
}

function destroy(): void {
  if (!shop.checkout) return;
  note('destroy()');
  shop.checkout.destroy();
  setPayStatus(DESTROYED);
}

function bootstrap(): void {
  const element = shop.checkout;
  if (!element) return;
  note('bootstrap()');
  element.bootstrap().then(
    () => {
      note('bootstrap() resolved', { state: element.state });
      if (payStatusText() === DESTROYED) setPayStatus('');
    },
    (error: unknown) => note('bootstrap() rejected', error),
  );
}

/**
 * Listens to the controls, and shows the switch as the server has it: a previous visit may
 * have left the outage on.
 */
export function startControls(): void {
  // switchOutage() notes its own failure.
  outage.addEventListener('change', () => void switchOutage());
  byId('destroy').addEventListener('click', destroy);
  byId('bootstrap').addEventListener('click', bootstrap);
  byId('clear-log').addEventListener('click', () => log.clear());
  backendDown().then(showSwitch, (error: unknown) =>
    note('could not read the outage switch', error),
  );
}
