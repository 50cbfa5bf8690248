/**
 * What the shop page tells the shopper in the pay area: the notice (something went wrong, or
 * is right again), and the status line under the element.
 */
import type { ShopperMessage } from '../page-helpers.js';
import { byId } from './page.js';

const notice = byId('notice');
const noticeTitle = byId('notice-title');
const noticeText = byId('notice-text');
const payStatus = byId('pay-status');

export function showNotice({ title, text }: ShopperMessage): void {
  noticeTitle.textContent = title;
  noticeText.textContent = text;
  notice.hidden = false;
}

export function hideNotice(): void {
  notice.hidden = true;
}

export const noticeShown = () => !notice.hidden;

/** The status line under the element: `''` clears it. */
export function setPayStatus(text: string): void {
  payStatus.textContent = text;
}

export const payStatusText = () => payStatus.textContent;
