// The authoring helpers are typed by the catalog: `tsc --noEmit` (npm run lint) fails if a wrong
// service or metric name compiles. The @ts-expect-error lines are the assertions.
import { describe, expect, it } from 'vitest';
import { defineDashboard } from '../../src/model/dashboard-authoring.ts';

interface Catalog {
  readonly services: {
    readonly shop: { readonly team: 'web'; readonly metrics: 'shop_requests_total' | 'requests' };
    readonly cart: { readonly team: 'web'; readonly metrics: 'cart_items' };
  };
}

const options = { uid: 'typed', title: 'Typed', description: 'Type test.', team: 'web' };

describe('typed authoring', () => {
  it('accepts declared names and rejects others at compile time', () => {
    const definition = defineDashboard<Catalog>(options, (d) => [
      d.redRow('shop'),
      d.row('ok', [d.metric('shop', 'shop_requests_total'), d.metric('cart', 'cart_items')]),
      // @ts-expect-error: no such service
      d.redRow('shoop'),
      // @ts-expect-error: cart_items belongs to cart, not shop
      d.row('wrong', [d.metric('shop', 'cart_items')]),
    ]);
    expect(definition.kind).toBe('obsgen/dashboard');
    expect(definition.build().map((row) => row.title)).toEqual([
      'shop requests (RED)',
      'ok',
      'shoop requests (RED)',
      'wrong',
    ]);
  });
});
