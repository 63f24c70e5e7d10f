// A loopback Azure DevOps Services REST API for the Git client: the location discovery azure-devops-node-api does
// first (OPTIONS /_apis/<area> answering the documented route templates), then repositories, refs, items, pushes and
// pull requests under /{organization}/{project}/_apis/git/... with api-version and a PAT in Basic auth checked.
import { HostRepository, send, startServer } from './hostModel';

const location = (id: string, area: string, resourceName: string, routeTemplate: string) => ({ id, area, resourceName, routeTemplate, resourceVersion: 1, minVersion: '1.0', maxVersion: '7.2', releasedVersion: '7.1' });
const GIT_LOCATIONS = [
  location('225f7195-f9c7-4d14-ab28-a83f7ff77e1f', 'git', 'repositories', '{project}/_apis/{area}/{resource}/{repositoryId}'),
  location('2d874a60-a811-4f62-9c9f-963a6ea0a55b', 'git', 'refs', '{project}/_apis/{area}/repositories/{repositoryId}/{resource}/{*filter}'),
  location('fb93c0db-47ed-4a31-8c20-47552878fb44', 'git', 'items', '{project}/_apis/{area}/repositories/{repositoryId}/{resource}/{*path}'),
  location('ea98d07b-3c87-4971-8ede-a613694ffb55', 'git', 'pushes', '{project}/_apis/{area}/repositories/{repositoryId}/{resource}/{pushId}'),
  location('9946fd70-0d40-406e-b686-b4744cbbcc37', 'git', 'pullRequests', '{project}/_apis/{area}/repositories/{repositoryId}/{resource}/{pullRequestId}'),
];
const LOCATION_LOCATIONS = [location('e81700f7-3be2-46de-8624-2eb35882fcaa', 'Location', 'resourceAreas', '_apis/{resource}/{areaId}')];

export async function startFakeAzureDevOps(repo: HostRepository, options: { organization: string; project: string; name: string; token: string; readOnlyToken?: string }) {
  const repoId = '7b3c2c9e-0000-4000-8000-000000000001';
  const server = await startServer((req, url, body, res) => {
    const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const token = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':').slice(1).join(':') : undefined;
    if (token !== options.token && token !== options.readOnlyToken) return send(res, 401, { message: 'TF400813: The user is not authorized to access this resource.' });
    const org = `/${options.organization}`;
    const path = url.pathname;
    if (req.method === 'OPTIONS' && path === `${org}/_apis/git`) return send(res, 200, { count: GIT_LOCATIONS.length, value: GIT_LOCATIONS });
    if (req.method === 'OPTIONS' && path.toLowerCase() === `${org}/_apis/location`) return send(res, 200, { count: 1, value: LOCATION_LOCATIONS });
    if (req.method === 'GET' && path === `${org}/_apis/resourceAreas`) return send(res, 200, { count: 0, value: [] });
    // The client negotiates the version through OPTIONS and sends it in Accept (`application/json;api-version=7.2-preview.2`) or the query.
    const apiVersion = url.searchParams.get('api-version') ?? /api-version=([\w.-]+)/.exec(String(req.headers.accept ?? ''))?.[1] ?? '';
    repo.expect(/^\d\.\d/.test(apiVersion), `${req.method} ${path} without api-version`);
    const prefix = `${org}/${encodeURIComponent(options.project)}/_apis/git/repositories/`;
    if (!path.startsWith(prefix)) {
      repo.problems.push(`unexpected ${req.method} ${path}`);
      return send(res, 404, { message: 'not found' });
    }
    const [repoKey, resource, ...rest] = path.slice(prefix.length).split('/').map(decodeURIComponent);
    if (repoKey !== options.name && repoKey !== repoId) return send(res, 404, { message: `TF401019: The Git repository with name or identifier ${repoKey} does not exist or you do not have permissions.` });
    const b = (body ?? {}) as Record<string, unknown>;
    if (req.method !== 'GET' && token === options.readOnlyToken) return send(res, 403, { message: 'TF401027: You need the Git \'GenericContribute\' permission to perform this action.' });
    const webUrl = `https://dev.azure.example/${options.organization}/${options.project}/_git/${options.name}`;
    if (req.method === 'GET' && resource === undefined) return send(res, 200, { id: repoId, name: options.name, defaultBranch: `refs/heads/${repo.defaultBranch}`, webUrl });
    if (req.method === 'GET' && resource === 'refs') {
      const filter = url.searchParams.get('filter') ?? rest.join('/');
      const value = [...repo.refs].filter(([branch]) => `heads/${branch}`.startsWith(filter)).map(([branch, objectId]) => ({ name: `refs/heads/${branch}`, objectId }));
      return send(res, 200, { count: value.length, value });
    }
    if (req.method === 'GET' && resource === 'items') {
      const version = url.searchParams.get('versionDescriptor.version') ?? '';
      const files = repo.commits.get(version)?.files;
      repo.expect(files !== undefined, `items without a known versionDescriptor.version (${version})`);
      const itemPath = url.searchParams.get('path');
      if (itemPath) {
        const text = files?.get(itemPath.replace(/^\//, ''));
        return text === undefined ? send(res, 404, { message: 'not found' }) : send(res, 200, text, 'text/plain; charset=utf-8');
      }
      repo.expect(url.searchParams.get('recursionLevel')?.toLowerCase() === 'full' || url.searchParams.get('recursionLevel') === '120', 'items listing without recursionLevel=Full');
      const value = [{ path: '/', isFolder: true }, ...[...(files ?? new Map()).keys()].map((p) => ({ path: `/${p}`, isFolder: false, gitObjectType: 'blob' }))];
      return send(res, 200, { count: value.length, value });
    }
    if (req.method === 'GET' && resource === 'pullRequests') {
      const source = url.searchParams.get('searchCriteria.sourceRefName');
      repo.expect(source !== null, 'pull request search without searchCriteria.sourceRefName');
      const value = repo.pullRequests.filter((p) => p.open && `refs/heads/${p.source}` === source).map((p) => ({ pullRequestId: p.id, isDraft: p.draft, status: 'active' }));
      return send(res, 200, { count: value.length, value });
    }
    if (req.method === 'POST' && resource === 'pushes') {
      const refUpdates = b.refUpdates as Array<{ name: string; oldObjectId: string }>;
      const commits = b.commits as Array<{ comment: string; parents?: string[]; changes: Array<{ changeType: unknown; item: { path: string }; newContent: { content: string; contentType: unknown } }> }>;
      repo.expect(Array.isArray(refUpdates) && refUpdates.length === 1 && Array.isArray(commits) && commits.length === 1, 'push needs one refUpdate and one commit');
      const update = refUpdates?.[0];
      const commit = commits?.[0];
      if (!update || !commit) return send(res, 400, { message: 'bad push' });
      const branch = update.name.replace(/^refs\/heads\//, '');
      repo.expect(branch !== repo.defaultBranch, 'the bot pushed to the default branch');
      const current = repo.refs.get(branch);
      const parent = commit.parents?.[0] ?? current ?? update.oldObjectId;
      if (current !== undefined && current !== update.oldObjectId) return send(res, 409, { message: 'TF401028: The reference has already been updated by another client.' });
      const files = new Map(repo.commits.get(parent)?.files);
      for (const change of commit.changes) {
        repo.expect(['edit', 2, 'add', 1].includes(change.changeType as never) && ['rawtext', 0].includes(String(change.newContent?.contentType).toLowerCase() as never) || change.newContent?.contentType === 0, 'change needs changeType edit and contentType rawtext');
        files.set(change.item.path.replace(/^\//, ''), change.newContent.content);
      }
      repo.refs.set(branch, repo.commit(files, [parent], commit.comment));
      return send(res, 201, { pushId: repo.commits.size, refUpdates: [{ name: update.name, newObjectId: repo.refs.get(branch) }] });
    }
    if (req.method === 'POST' && resource === 'pullRequests') {
      repo.expect(typeof b.sourceRefName === 'string' && b.targetRefName === `refs/heads/${repo.defaultBranch}` && typeof b.title === 'string' && typeof b.description === 'string', 'pull request needs sourceRefName, targetRefName (default branch), title, description');
      const id = repo.pullRequests.length + 1;
      repo.pullRequests.push({ id, title: String(b.title), description: String(b.description), source: String(b.sourceRefName).replace(/^refs\/heads\//, ''), target: String(b.targetRefName), draft: b.isDraft === true, open: true });
      return send(res, 201, { pullRequestId: id, isDraft: b.isDraft === true, status: 'active', repository: { id: repoId, webUrl } });
    }
    repo.problems.push(`unexpected ${req.method} ${path}`);
    return send(res, 404, { message: 'not found' });
  });
  return { ...server, orgUrl: `${server.url}${`/${options.organization}`}` };
}
