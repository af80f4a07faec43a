import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface Received {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  payload?: { type: string; timestamp: string; data: Record<string, any> };
  /** Indexes (into `secrets`) of the secrets whose signature verified, by the standardwebhooks library. */
  verifiedBy: number[];
  answered: number | 'slow';
}

/**
 * A merchant's receiver on loopback: it verifies every request with the official Standard Webhooks library
 * (independent of the gateway's signing code) and answers as told: 200, 500, slowly, or not at all (down).
 */
export class WebhookReceiver {
  mode: 'ok' | 'fail' | 'slow' = 'ok';
  slowMs = 2_000;
  secrets: string[] = [];
  /** Messages answered 500 whatever the mode. */
  readonly poisoned = new Set<string>();
  readonly received: Received[] = [];
  private server: Server;
  private port = 0;

  private constructor() {
    this.server = this.newServer();
  }

  static async start(): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver();
    await receiver.listen();
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks`;
  }

  /** Requests answered 2xx and verified, in arrival order: what the merchant's application acted on. */
  get accepted(): Received[] {
    return this.received.filter((r) => r.answered === 200 && r.verifiedBy.length > 0);
  }

  /** Connections are refused until up(). */
  async down(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  async up(): Promise<void> {
    this.server = this.newServer();
    await this.listen();
  }

  close(): Promise<void> {
    return this.down().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
  }

  private newServer(): Server {
    return createServer((request, response) => void this.handle(request, response));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const headers = { 'webhook-id': String(request.headers['webhook-id']), 'webhook-timestamp': String(request.headers['webhook-timestamp']), 'webhook-signature': String(request.headers['webhook-signature']) };
    const verifiedBy: number[] = [];
    let payload: Received['payload'];
    this.secrets.forEach((secret, index) => {
      try {
        payload = new Webhook(secret).verify(body, headers) as Received['payload'];
        verifiedBy.push(index);
      } catch {
        // not signed with this secret
      }
    });
    const entry: Received = { id: headers['webhook-id'], timestamp: headers['webhook-timestamp'], signature: headers['webhook-signature'], body, payload, verifiedBy, answered: 200 };
    this.received.push(entry);
    if (this.mode === 'slow') {
      entry.answered = 'slow';
      // unref: a request still held when the test ends must not keep Jest alive.
      await new Promise((resolve) => setTimeout(resolve, this.slowMs).unref());
      response.writeHead(200).end('late');
      return;
    }
    entry.answered = this.mode === 'fail' || this.poisoned.has(entry.id) ? 500 : verifiedBy.length ? 200 : 401;
    response.writeHead(entry.answered, { 'content-type': 'text/plain' }).end(entry.answered === 200 ? 'ok' : `refused ${entry.answered}: try later`);
  }
}
