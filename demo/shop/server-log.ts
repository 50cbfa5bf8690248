/**
 * The server's and banq's steps for this page's order (`/demo-api/server-log`): into the live
 * log, onto the flow strip, and the stream's connection shown beside the log.
 */
import { ServerLogFollower, type ServerLogStatus } from '../live-log.js';
import { followServer } from './flow-strip.js';
import { byId, log } from './page.js';
import { followedOrderId } from './state.js';

const CONNECTION_TEXT: Record<ServerLogStatus, string> = {
  connecting: 'connecting…',
  live: 'live',
  closed: 'closed',
};

const logConnection = byId('log-connection');

const serverLog = new ServerLogFollower(
  (step, orderId) => {
    log.add({
      source: step.source,
      kind: 'step',
      event: step.step,
      at: step.at,
      detail: Object.keys(step.detail).length ? step.detail : undefined,
    });
    if (orderId === followedOrderId()) followServer(step);
  },
  (status) => {
    logConnection.dataset.status = status;
    logConnection.textContent = CONNECTION_TEXT[status];
  },
);

/** Follows `orderId`'s steps from now on (a page follows one order at a time). */
export const followServerLog = (orderId: string) => serverLog.follow(orderId);
