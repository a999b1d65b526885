// The live stack's one catalog override: loopback addresses, applied before gen, nothing else.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { bindCatalog, scrapedServices } from '../../examples/live/bind.ts';
import { demoCatalog } from '../../examples/live/stack.ts';
import { loadCatalogText } from '../../src/model/resolve.ts';

const text = readFileSync(demoCatalog, 'utf8');
const addresses = {
  alertmanager: '127.0.0.1:40001',
  sink: 'http://127.0.0.1:40002',
  services: { checkout: '127.0.0.1:40003', inventory: '127.0.0.1:40004', ledger: '127.0.0.1:40005' },
};

describe('bindCatalog', () => {
  it('lists the services the stack runs: those with scrape.address', () => {
    expect(scrapedServices(text)).toEqual(['checkout', 'inventory', 'ledger']);
  });

  it('rewrites addresses and webhook origins only, and the result is a valid catalog', () => {
    const bound = bindCatalog(text, addresses);
    if (!bound.ok) throw new Error(bound.message);
    const before = parse(text);
    const after = parse(bound.text);
    expect(after.settings.staticAlertmanagers).toEqual(['127.0.0.1:40001']);
    expect(after.services.ledger.scrape.address).toBe('127.0.0.1:40005');
    expect(after.teams.shop.receivers.pager.webhook.url).toBe('http://127.0.0.1:40002/shop/pager');
    // Put the originals back: nothing else differs.
    after.settings.staticAlertmanagers = before.settings.staticAlertmanagers;
    for (const s of scrapedServices(text))
      after.services[s].scrape.address = before.services[s].scrape.address;
    for (const [team, spec] of Object.entries<{ receivers: Record<string, { webhook: { url: string } }> }>(
      after.teams,
    ))
      for (const [name, receiver] of Object.entries(spec.receivers))
        receiver.webhook.url = before.teams[team].receivers[name].webhook.url;
    expect(after).toEqual(before);
    expect(bound.text).toContain('# The early warning of the same name');
    expect(loadCatalogText('catalog.yaml', bound.text).problems).toEqual([]);
  });

  it('refuses a receiver the sink cannot stand in for', () => {
    const slack = text.replace(
      'chat: { webhook: { url: "http://127.0.0.1:9099/shop/chat" } }',
      'chat: { slack: { channel: "#shop", apiURL: { secret: s, key: k } } }',
    );
    expect(bindCatalog(slack, addresses)).toEqual({
      ok: false,
      message:
        'the live stack delivers every notification to its local webhook sink, so every receiver must be a webhook; not: shop/chat',
    });
  });
});
