// The webhook sink: one loopback HTTP server standing in for every receiver of the demo catalog
// (they are all webhook receivers). It keeps each notification Alertmanager delivers, in order.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

/** Alertmanager 0.25's webhook payload, the parts the demo reads. */
const payloadSchema = z.object({
  receiver: z.string(),
  status: z.enum(['firing', 'resolved']),
  groupKey: z.string(),
  alerts: z.array(
    z.object({
      status: z.enum(['firing', 'resolved']),
      labels: z.record(z.string(), z.string()),
      annotations: z.record(z.string(), z.string()),
      startsAt: z.string(),
      endsAt: z.string(),
    }),
  ),
});

export type NotifiedAlert = z.infer<typeof payloadSchema>['alerts'][number];

export interface Notification {
  /** When the sink received it (ms since the epoch). */
  readonly receivedAt: number;
  /** The URL path the receiver posts to, e.g. /shop/pager. */
  readonly path: string;
  /** Alertmanager's receiver name, e.g. shop-pager. */
  readonly receiver: string;
  readonly status: 'firing' | 'resolved';
  readonly alerts: readonly NotifiedAlert[];
}

export class WebhookSink {
  readonly notifications: Notification[] = [];
  readonly rejected: string[] = [];
  readonly #listeners: ((n: Notification) => void)[] = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(host = '127.0.0.1'): Promise<WebhookSink> {
    let sink: WebhookSink | null = null;
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += String(chunk);
      });
      req.on('end', () => {
        sink?.receive(req.url ?? '/', body);
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, host, () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    sink = new WebhookSink(server, `http://${host}:${port}`);
    return sink;
  }

  private receive(path: string, body: string): void {
    let parsed: z.infer<typeof payloadSchema>;
    try {
      parsed = payloadSchema.parse(JSON.parse(body));
    } catch (error) {
      this.rejected.push(`${path}: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    const notification: Notification = {
      receivedAt: Date.now(),
      path,
      receiver: parsed.receiver,
      status: parsed.status,
      alerts: parsed.alerts,
    };
    this.notifications.push(notification);
    for (const listener of this.#listeners) listener(notification);
  }

  onNotification(listener: (n: Notification) => void): void {
    this.#listeners.push(listener);
  }

  /** Every delivered alert with the receiver it reached, in arrival order. */
  deliveries(): { receiver: string; receivedAt: number; alert: NotifiedAlert }[] {
    return this.notifications.flatMap((n) =>
      n.alerts.map((alert) => ({ receiver: n.receiver, receivedAt: n.receivedAt, alert })),
    );
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const widths = [8, 16, 8, 34, 9, 8, 0];

function row(cells: readonly string[]): string {
  return cells
    .map((cell, i) => cell.padEnd(widths[i] ?? 0))
    .join('  ')
    .trimEnd();
}

/** The column titles of formatDelivery's lines. */
export const deliveryHeader = row(['time', 'receiver', 'status', 'alert', 'service', 'severity', 'summary']);

/** `12:03:07  shop-pager  firing  HighErrorRatio  checkout  critical  checkout fails too many requests.` */
export function formatDelivery(receiver: string, receivedAt: number, alert: NotifiedAlert): string {
  const l = alert.labels;
  return row([
    new Date(receivedAt).toISOString().slice(11, 19),
    receiver,
    alert.status,
    `${l.alertname ?? ''}${l.slo ? ` (${l.slo} SLO)` : ''}`,
    l.service ?? '-',
    l.severity ?? '',
    alert.annotations.summary ?? '',
  ]);
}
