/**
 * A minimal client over Fastify's `app.inject`: keeps cookies like a browser and sends the CSRF token
 * on writes like the web app. No sockets are opened, so figures are the server's own work per request.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

/** A browser-like caller of the app, with its own cookie jar. */
export class BenchClient {
  private readonly cookies = new Map<string, string>();
  private csrfToken: string | null = null;

  constructor(private readonly app: FastifyInstance) {}

  private remember(response: LightMyRequestResponse): void {
    for (const cookie of response.cookies as { name: string; value: string; maxAge?: number }[]) {
      if (cookie.value === '' || cookie.maxAge === 0) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
  }

  private headers(write: boolean): Record<string, string> {
    const headers: Record<string, string> = {};
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    if (write && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    return headers;
  }

  /** GET `url`; throws unless the answer is 200. Returns the parsed body. */
  async get(url: string): Promise<unknown> {
    const response = await this.app.inject({ method: 'GET', url, headers: this.headers(false) });
    this.remember(response);
    return expectOk(response, `GET ${url}`);
  }

  /** POST a JSON body to `url` with the CSRF token; throws unless the answer is 200. */
  async post(url: string, body: unknown): Promise<unknown> {
    const headers = { ...this.headers(true), 'content-type': 'application/json' };
    const response = await this.app.inject({ method: 'POST', url, headers, payload: JSON.stringify(body) });
    this.remember(response);
    return expectOk(response, `POST ${url}`);
  }

  /** Reads GET /api/session once to obtain the CSRF cookie and token, as the web app does on load. */
  async fetchCsrfToken(): Promise<void> {
    const session = (await this.get('/api/session')) as { csrfToken: string };
    this.csrfToken = session.csrfToken;
  }

  /** Signs in (fetching a CSRF token first when there is none). */
  async signIn(username: string, password: string): Promise<this> {
    if (!this.csrfToken) await this.fetchCsrfToken();
    const session = (await this.post('/api/session/login', { username, password })) as { csrfToken: string };
    this.csrfToken = session.csrfToken;
    return this;
  }
}

function expectOk(response: LightMyRequestResponse, what: string): unknown {
  if (response.statusCode !== 200) throw new Error(`${what} answered ${response.statusCode}: ${response.body.slice(0, 300)}`);
  return response.json();
}
