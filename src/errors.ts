import type { BanqErrorPhase } from './types.js';

/** Every failure the element reports; `phase` says which step failed. */
export class BanqCheckoutError extends Error {
  constructor(
    readonly phase: BanqErrorPhase,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'BanqCheckoutError';
  }
}
