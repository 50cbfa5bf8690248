/** custom-elements.json, written by the build: it lists the element's whole public API. */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';

const read = async (path: string) =>
  JSON.parse(await readFile(new URL(path, import.meta.url), 'utf8'));

interface Named {
  name: string;
  kind?: string;
  privacy?: string;
  fieldName?: string;
  description?: string;
}

describe('custom-elements.json', async () => {
  const pkg = await read('../../package.json');
  const manifest = await read(`../../${pkg.customElements}`);
  const declaration = manifest.modules
    .flatMap((m: { declarations?: unknown[] }) => m.declarations ?? [])
    .find((d: { tagName?: string }) => d.tagName === 'banq-checkout');
  const names = (list: Named[] = []) => list.map((item) => item.name).sort();

  it('is where package.json says, and exported', () => {
    assert.equal(pkg.customElements, 'dist/custom-elements.json');
    assert.equal(pkg.exports['./custom-elements.json'], './dist/custom-elements.json');
    assert.ok(declaration, 'banq-checkout is declared');
    assert.equal(declaration.name, 'BanqCheckout');
  });

  it('lists every attribute, with the property it sets', () => {
    const attributes = Object.fromEntries(
      (declaration.attributes as Named[]).map((a) => [a.name, a.fieldName]),
    );
    assert.deepEqual(attributes, {
      'script-src': 'scriptSrc',
      'backend-url': 'backendUrl',
      'order-id': 'orderId',
      comment: 'comment',
      funds: 'funds',
      frequency: 'frequency',
      'start-date': 'startDate',
      'end-date': 'endDate',
      'events-url': 'eventsUrl',
      timeout: 'timeout',
      nonce: undefined,
    });
  });

  it('lists every public property and method, documented, and nothing private', () => {
    const members = declaration.members as Named[];
    assert.deepEqual(names(members.filter((m) => m.kind === 'field')), [
      'backendUrl',
      'comment',
      'endDate',
      'eventsUrl',
      'frequency',
      'funds',
      'getPaymentLink',
      'headers',
      'metadata',
      'orderId',
      'scriptSrc',
      'startDate',
      'state',
      'strings',
      'timeout',
    ]);
    assert.deepEqual(names(members.filter((m) => m.kind === 'method')), ['bootstrap', 'destroy']);
    for (const member of members) assert.ok(member.description, `${member.name} has a description`);
  });

  it('lists every event, slot, part and custom property', () => {
    assert.deepEqual(names(declaration.events), [
      'banq-close',
      'banq-destroy',
      'banq-error',
      'banq-ready',
      'banq-success',
    ]);
    assert.deepEqual(names(declaration.slots), ['error', 'loading']);
    assert.deepEqual(names(declaration.cssParts), ['error', 'placeholder', 'retry']);
    assert.deepEqual(names(declaration.cssProperties), [
      '--banq-checkout-height',
      '--banq-checkout-width',
    ]);
  });
});
