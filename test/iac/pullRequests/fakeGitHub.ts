// A loopback GitHub REST API (the routes the provider uses, as docs.github.com documents them): it checks method,
// path, the token header and the body fields of every request, and keeps the repository in memory.
import { HostRepository, send, startServer } from './hostModel';

export async function startFakeGitHub(repo: HostRepository, options: { owner: string; name: string; token: string; readOnlyToken?: string }) {
  const trees = new Map<string, Map<string, string>>();
  const blobs = new Map<string, string>();
  const base = `/repos/${options.owner}/${options.name}`;
  const server = await startServer((req, url, body, res) => {
    const auth = req.headers.authorization ?? '';
    const token = /^(?:token|bearer) (.+)$/i.exec(auth)?.[1];
    if (token !== options.token && token !== options.readOnlyToken) return send(res, 401, { message: 'Bad credentials' });
    repo.expect(String(req.headers.accept ?? '').includes('application/vnd.github'), `accept header ${req.headers.accept}`);
    const write = req.method !== 'GET';
    if (write && token === options.readOnlyToken) return send(res, 403, { message: 'Resource not accessible by personal access token' });
    // GitHub reads an encoded slash in a ref (`heads%2Fmain`) as a slash, as octokit sends it.
    const path = decodeURIComponent(url.pathname);
    const b = (body ?? {}) as Record<string, unknown>;
    const route = `${req.method} ${path.startsWith(base) ? path.slice(base.length) || '/' : path}`;
    let m: RegExpExecArray | null;
    if (route === 'GET /') return send(res, 200, { full_name: `${options.owner}/${options.name}`, default_branch: repo.defaultBranch });
    if ((m = /^GET \/git\/ref\/heads\/(.+)$/.exec(route))) {
      const sha = repo.refs.get(decodeURIComponent(m[1] as string));
      return sha ? send(res, 200, { ref: `refs/heads/${m[1]}`, object: { sha, type: 'commit' } }) : send(res, 404, { message: 'Not Found' });
    }
    if ((m = /^GET \/git\/commits\/([0-9a-f]{40})$/.exec(route))) {
      const commit = repo.commits.get(m[1] as string);
      if (!commit) return send(res, 404, { message: 'Not Found' });
      trees.set(`tree-${m[1]}`, commit.files);
      return send(res, 200, { sha: m[1], tree: { sha: `tree-${m[1]}` }, parents: commit.parents.map((sha) => ({ sha })) });
    }
    if ((m = /^GET \/git\/trees\/([0-9a-f]{40})$/.exec(route))) {
      repo.expect(url.searchParams.get('recursive') !== null, 'tree listing without recursive');
      const commit = repo.commits.get(m[1] as string);
      if (!commit) return send(res, 404, { message: 'Not Found' });
      const tree = [...commit.files].map(([p, text]) => {
        const sha = repo.sha(p);
        blobs.set(sha, text);
        return { path: p, mode: '100644', type: 'blob', sha, size: text.length };
      });
      return send(res, 200, { sha: m[1], tree, truncated: false });
    }
    if ((m = /^GET \/git\/blobs\/([0-9a-f]{40})$/.exec(route))) {
      const text = blobs.get(m[1] as string);
      return text === undefined ? send(res, 404, { message: 'Not Found' }) : send(res, 200, { sha: m[1], encoding: 'base64', content: Buffer.from(text).toString('base64') });
    }
    if (route === 'GET /pulls') {
      repo.expect(url.searchParams.get('state') === 'open', 'pull list without state=open');
      const head = url.searchParams.get('head') ?? '';
      repo.expect(head.startsWith(`${options.owner}:`), `pull list head ${head} is not owner:branch`);
      const branch = head.slice(options.owner.length + 1);
      return send(res, 200, repo.pullRequests.filter((p) => p.open && p.source === branch).map((p) => ({ number: p.id, html_url: `https://github.example/${options.owner}/${options.name}/pull/${p.id}`, draft: p.draft, state: 'open' })));
    }
    if (route === 'POST /git/trees') {
      const baseTree = trees.get(String(b.base_tree));
      repo.expect(baseTree !== undefined, 'tree without a known base_tree');
      const entries = b.tree as Array<Record<string, unknown>>;
      repo.expect(Array.isArray(entries) && entries.every((e) => typeof e.path === 'string' && e.mode === '100644' && e.type === 'blob' && typeof e.content === 'string'), 'tree entries need path, mode 100644, type blob, content');
      const files = new Map(baseTree);
      for (const e of entries ?? []) files.set(String(e.path), String(e.content));
      const sha = repo.sha('tree');
      trees.set(sha, files);
      return send(res, 201, { sha });
    }
    if (route === 'POST /git/commits') {
      const files = trees.get(String(b.tree));
      repo.expect(files !== undefined && typeof b.message === 'string' && Array.isArray(b.parents) && b.parents.length === 1, 'commit needs message, a known tree and one parent');
      return send(res, 201, { sha: repo.commit(files ?? new Map(), (b.parents as string[]) ?? [], String(b.message)) });
    }
    if (route === 'POST /git/refs') {
      const ref = String(b.ref ?? '');
      repo.expect(ref.startsWith('refs/heads/') && typeof b.sha === 'string', 'ref needs refs/heads/<name> and sha');
      const branch = ref.slice('refs/heads/'.length);
      repo.expect(branch !== repo.defaultBranch, 'the bot wrote the default branch');
      if (repo.refs.has(branch)) return send(res, 422, { message: 'Reference already exists' });
      repo.refs.set(branch, String(b.sha));
      return send(res, 201, { ref, object: { sha: b.sha } });
    }
    if ((m = /^PATCH \/git\/refs\/heads\/(.+)$/.exec(route))) {
      repo.expect(m[1] !== repo.defaultBranch, 'the bot moved the default branch');
      repo.refs.set(decodeURIComponent(m[1] as string), String(b.sha));
      return send(res, 200, { ref: `refs/heads/${m[1]}`, object: { sha: b.sha } });
    }
    if (route === 'POST /pulls') {
      repo.expect(typeof b.title === 'string' && typeof b.head === 'string' && b.base === repo.defaultBranch && typeof b.body === 'string', 'pull needs title, head, base (default branch), body');
      const id = repo.pullRequests.length + 1;
      repo.pullRequests.push({ id, title: String(b.title), description: String(b.body), source: String(b.head), target: String(b.base), draft: b.draft === true, open: true });
      return send(res, 201, { number: id, html_url: `https://github.example/${options.owner}/${options.name}/pull/${id}`, draft: b.draft === true });
    }
    repo.problems.push(`unexpected ${route}`);
    return send(res, 404, { message: 'Not Found' });
  });
  return server;
}
