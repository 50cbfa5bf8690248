/**
 * The flow strip: the four steps of the followed order's payment (link, paid at banq, webhook
 * verified, receipt), rendered here, and moved on by the element's events and by the server's
 * and banq's steps.
 * The server's steps are matched by their names in server/src/steps.ts, never by prose.
 */
import { STEP } from '../../server/src/steps.js';
import type { ServerStep } from '../live-log.js';
import { MOCK_STEP } from '../../mock-banq/steps.js';
import { byId } from './page.js';

/** The strip's steps, in order: each one's name, title, and caption before it starts. */
const FLOW_STEPS = [
  { name: 'link', title: 'Payment link', caption: 'Our server asks banq for it' },
  { name: 'paid', title: 'Paid at banq', caption: "In banq's window or the app" },
  { name: 'webhook', title: 'Webhook verified', caption: 'banq tells our server; it checks' },
  {
    name: 'confirmed',
    title: 'Shopper sees receipt',
    caption: 'From the widget or the events stream',
  },
] as const;

export type FlowStep = (typeof FLOW_STEPS)[number]['name'];
type FlowStatus = 'todo' | 'active' | 'done' | 'failed';

const flow = byId('flow', HTMLOListElement);

function stepItem({ name, title, caption }: (typeof FLOW_STEPS)[number]): HTMLLIElement {
  const item = document.createElement('li');
  item.className = 'flow__step';
  item.dataset.step = name;
  item.dataset.status = 'todo';
  const dot = document.createElement('span');
  dot.className = 'flow__dot';
  dot.setAttribute('aria-hidden', 'true');
  const text = document.createElement('span');
  text.className = 'flow__text';
  const heading = document.createElement('strong');
  heading.textContent = title;
  const captionText = document.createElement('span');
  captionText.className = 'flow__caption';
  captionText.dataset.caption = '';
  captionText.textContent = caption;
  text.append(heading, captionText);
  item.append(dot, text);
  return item;
}

flow.replaceChildren(...FLOW_STEPS.map(stepItem));

export function setStep(name: FlowStep, status: FlowStatus, caption?: string): void {
  const step = flow.querySelector<HTMLElement>(`[data-step="${name}"]`);
  if (!step) return;
  // A step that is done stays done (a late "active" does not undo it).
  if (step.dataset.status === 'done' && status === 'active') return;
  step.dataset.status = status;
  const text = step.querySelector('[data-caption]');
  if (text)
    text.textContent = caption ?? FLOW_STEPS.find((each) => each.name === name)?.caption ?? '';
}

/** Shows the payment of `orderId` (none: no order), from the start when it is another order. */
export function followFlow(orderId: string | undefined): void {
  if (flow.dataset.orderId === (orderId ?? '')) return;
  flow.dataset.orderId = orderId ?? '';
  for (const { name } of FLOW_STEPS) setStep(name, 'todo');
}

/** Moves the strip on from one of banq's steps of the followed order. */
function followBanq({ step, detail }: ServerStep): void {
  if (step !== MOCK_STEP.paymentCompleted) return;
  setStep(
    'paid',
    'done',
    detail.via === 'app' ? 'In the banq app (QR code)' : "With “Pay here” in banq's window",
  );
  setStep('webhook', 'active', 'banq is calling our server');
}

/** A change of the strip: the step, its new status, and its caption. */
type StepChange = readonly [FlowStep, FlowStatus, string];

/** What each of the server's steps of the followed order changes on the strip. */
const SERVER_STEPS = new Map<string, readonly StepChange[]>([
  [
    STEP.linkMade,
    [
      ['link', 'done', 'banq made it; the window is open'],
      ['paid', 'active', 'Waiting for the shopper'],
    ],
  ],
  [STEP.linkFailed, [['link', 'failed', 'banq did not make it']]],
  [STEP.webhookReceived, [['webhook', 'active', 'Received; asking banq to confirm']]],
  [STEP.paymentVerified, [['webhook', 'done', 'banq confirmed it; order marked paid']]],
  [STEP.paymentNotVerified, [['webhook', 'failed', STEP.paymentNotVerified]]],
  [STEP.browserTold, [['confirmed', 'active', 'Sent down the events stream']]],
]);

/** Moves the strip on from one server or banq step of the followed order. */
export function followServer(step: ServerStep): void {
  if (step.source === 'banq') followBanq(step);
  else for (const change of SERVER_STEPS.get(step.step) ?? []) setStep(...change);
}
