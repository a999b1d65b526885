// The one override the live stack applies, to the catalog before `obsgen gen` (never to generated
// files): the loopback addresses it picked. Services' scrape.address, settings.staticAlertmanagers
// and the origin of every webhook receiver URL (path kept, so /shop/pager stays /shop/pager) are
// rewritten in the YAML document, comments and all; everything else reaches gen as written.
import { isMap, isScalar, parseDocument } from 'yaml';

export interface Addresses {
  /** host:port of Alertmanager. */
  readonly alertmanager: string;
  /** Origin of the webhook sink, e.g. http://127.0.0.1:40123. */
  readonly sink: string;
  /** host:port per service name. */
  readonly services: Readonly<Record<string, string>>;
}

/** The services that set scrape.address: the ones the stack runs and Prometheus scrapes. */
export function scrapedServices(catalogText: string): string[] {
  const services = parseDocument(catalogText).get('services');
  if (!isMap(services)) return [];
  return services.items.flatMap((item) => {
    const name = isScalar(item.key) ? String(item.key.value) : '';
    const scrape = isMap(item.value) ? item.value.get('scrape') : null;
    return isMap(scrape) && scrape.has('address') ? [name] : [];
  });
}

/** Every receiver as [team, receiver, kinds]. */
function receivers(catalogText: string): [string, string, string[]][] {
  const teams = parseDocument(catalogText).get('teams');
  if (!isMap(teams)) return [];
  return teams.items.flatMap((team) => {
    const receiverMap = isMap(team.value) ? team.value.get('receivers') : null;
    if (!isMap(receiverMap)) return [];
    return receiverMap.items.map((r): [string, string, string[]] => [
      isScalar(team.key) ? String(team.key.value) : '',
      isScalar(r.key) ? String(r.key.value) : '',
      isMap(r.value) ? r.value.items.map((k) => (isScalar(k.key) ? String(k.key.value) : '')) : [],
    ]);
  });
}

export type BindResult = { ok: true; text: string } | { ok: false; message: string };

export function bindCatalog(catalogText: string, addresses: Addresses): BindResult {
  const notWebhook = receivers(catalogText).filter(([, , kinds]) => kinds.some((k) => k !== 'webhook'));
  if (notWebhook.length > 0) {
    const names = notWebhook.map(([team, r]) => `${team}/${r}`).join(', ');
    return {
      ok: false,
      message: `the live stack delivers every notification to its local webhook sink, so every receiver must be a webhook; not: ${names}`,
    };
  }
  const document = parseDocument(catalogText);
  document.setIn(
    ['settings', 'staticAlertmanagers'],
    document.createNode([addresses.alertmanager], { flow: true }),
  );
  for (const name of scrapedServices(catalogText)) {
    const address = addresses.services[name];
    if (address === undefined) return { ok: false, message: `no address was picked for service ${name}` };
    document.setIn(['services', name, 'scrape', 'address'], address);
  }
  for (const [team, receiver] of receivers(catalogText)) {
    const at = ['teams', team, 'receivers', receiver, 'webhook', 'url'];
    const url = new URL(String(document.getIn(at)));
    document.setIn(at, `${addresses.sink}${url.pathname}${url.search}`);
  }
  return { ok: true, text: document.toString() };
}
