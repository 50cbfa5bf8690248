/**
 * How the route handler reaches banq (or the mock), from the environment the production
 * entry reads too (README, "Going to production"): read once, on the server only.
 */
import { DEFAULT_AUDIENCE, type BanqSettings } from 'banq-checkout-server';

function required(name: string): string {
  const value = process.env[name]?.trim();
  if (!value) throw new Error(`${name} is required (see the README's configuration table)`);
  return value;
}

let settings: (BanqSettings & { merchantGuid: string }) | undefined;

export function banqSettings(): BanqSettings & { merchantGuid: string } {
  return (settings ??= {
    authUrl: required('BANQ_AUTH_URL'),
    apiUrl: required('BANQ_API_URL'),
    clientId: required('BANQ_CLIENT_ID'),
    username: required('BANQ_USERNAME'),
    password: required('BANQ_PASSWORD'),
    audience: process.env.BANQ_AUDIENCE?.trim() || DEFAULT_AUDIENCE,
    merchantGuid: required('BANQ_MERCHANT_GUID'),
    widgetUrl: required('BANQ_WIDGET_URL'),
  });
}
