// The repository a fake host serves: commits (whole file maps), branch refs and pull requests, with checks that
// record every request that does not match the public API's shape.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HostPullRequest {
  id: number;
  title: string;
  description: string;
  source: string;
  target: string;
  draft: boolean;
  open: boolean;
}

export class HostRepository {
  commits = new Map<string, { files: Map<string, string>; parents: string[]; message: string }>();
  refs = new Map<string, string>();
  pullRequests: HostPullRequest[] = [];
  problems: string[] = [];
  private counter = 0;

  constructor(files: Record<string, string>, readonly defaultBranch = 'main') {
    this.refs.set(defaultBranch, this.commit(new Map(Object.entries(files)), [], 'initial'));
  }
  sha(seed: string): string {
    return createHash('sha1').update(`${seed}:${++this.counter}`).digest('hex');
  }
  commit(files: Map<string, string>, parents: string[], message: string): string {
    const sha = this.sha(message);
    this.commits.set(sha, { files, parents, message });
    return sha;
  }
  filesAt(branch: string): Map<string, string> | undefined {
    const sha = this.refs.get(branch);
    return sha ? this.commits.get(sha)?.files : undefined;
  }
  /** Someone pushes to the default branch. */
  advance(): void {
    const head = this.refs.get(this.defaultBranch) as string;
    const files = new Map(this.commits.get(head)?.files);
    files.set('README.md', `changed ${this.counter}`);
    this.refs.set(this.defaultBranch, this.commit(files, [head], 'someone else'));
  }
  expect(condition: boolean, problem: string): void {
    if (!condition) this.problems.push(problem);
  }
}

export type Handler = (req: IncomingMessage, url: URL, body: unknown, res: ServerResponse) => void;

export async function startServer(handle: Handler): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        body = raw;
      }
      try {
        handle(req, new URL(req.url ?? '/', 'http://127.0.0.1'), body, res);
      } catch (error) {
        send(res, 500, { message: String(error) });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

// restify patches writeHead to return undefined: never chain it.
export function send(res: ServerResponse, status: number, body: unknown, contentType = 'application/json; charset=utf-8'): void {
  res.statusCode = status;
  res.setHeader('content-type', contentType);
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}
