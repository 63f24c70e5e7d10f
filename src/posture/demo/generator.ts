// The demo tenant as a stream of Azure Resource Graph rows: subscriptions and resource groups, the AWS connector,
// resources, assessments with governance and findings, attack paths, then secure scores. Deterministic for a seed
// and generation time; scale mode stops at exactly the requested number of assessment rows.
import { buildAssessment, type AssessmentContext, type AssessmentTarget, type BuiltAssessment } from './assessments';
import { ENTRY_KINDS, attackPathRow, kindLabel, planPath, type PathPlan } from './attackPaths';
import { catalogFact, type CatalogFact } from './catalogFacts';
import { findingsFor } from './findings';
import { maybeGovernance } from './governance';
import { createPrng } from './prng';
import { MACHINE_VULNERABILITY_KEY, REGISTRY_VULNERABILITY_KEY, RESOURCE_KINDS, SQL_VULNERABILITY_KEY, SUBSCRIPTION_KEYS } from './resourceKinds';
import { createResourceFactory, type DemoResource } from './resources';
import { createSecureScoreTally } from './secureScores';
import { containerRows } from './containerRows';
import { createTenantLayout } from './tenantLayout';
import { themeFor } from './themes';
import { cveDetailRows, repositoryRows, secretRows, softwareRows, sqlRuleRows, type IndividualContext } from './individualRows';

export type DemoRow = Record<string, unknown>;

/** Fixed so that regenerating the committed file gives the same bytes. */
export const DEFAULT_GENERATED_AT = '2026-06-01T08:00:00.000Z';
export const DEFAULT_SEED = 'alderbrook';
/** Resources in the committed demo tenant (about 170 gives 600+ assessments). */
export const DEMO_RESOURCE_COUNT = 170;

export interface DemoTenantOptions {
  generatedAt?: string;
  seed?: string;
  /** Scale mode: exactly this many assessment rows, resources and the rest in proportion. */
  assessmentCount?: number;
}

const VULNERABILITY_KEYS = new Set([MACHINE_VULNERABILITY_KEY, SQL_VULNERABILITY_KEY, REGISTRY_VULNERABILITY_KEY]);
const EXPOSURE_THEMES = new Set(['network', 'mgmtPorts']);
/** Share of resources whose vulnerabilities are still in the legacy grouped model (an export from the transition). */
const LEGACY_SHARE = 0.2;
const SECRET_MACHINE_KINDS = new Set(['vm', 'awsEc2']);
/** How well a resource is kept: the unhealthy share of its recommendations (about 55% overall, as in neglected estates). */
const UPKEEP = [[0.15, 3], [0.55, 4], [0.9, 4]] as const;
const factsByKind = new Map(RESOURCE_KINDS.map((kind) => [kind.id, kind.keys.map((key) => catalogFact(key))]));

/** Throws a plain Error with a readable message; the CLI turns it into a usage error. */
export function parseGeneratedAt(value: string): number {
  const ms = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(ms)) throw new Error(`not an ISO date-time: ${JSON.stringify(value)}`);
  return ms;
}

export function* demoTenantRows(options: DemoTenantOptions = {}): Generator<DemoRow> {
  const generatedAtMs = parseGeneratedAt(options.generatedAt ?? DEFAULT_GENERATED_AT);
  const scale = options.assessmentCount;
  if (scale !== undefined && (!Number.isInteger(scale) || scale < 0)) throw new Error(`assessment count must be a whole number, got ${scale}`);
  const prng = createPrng(options.seed ?? DEFAULT_SEED);
  const layout = createTenantLayout(prng);
  const ctx: AssessmentContext = {
    prng, tenantId: layout.tenantId, generatedAtMs, metadataRate: scale === undefined ? 0.85 : 0.1,
    awsAccountId: layout.aws.accountId, connectorId: layout.aws.connectorId,
  };
  const govCtx = { prng, tenantId: layout.tenantId, generatedAtMs, people: layout.people };
  const findCtx = { prng, tenantId: layout.tenantId, generatedAtMs, maxPerParent: scale === undefined ? 6 : 4, connectorId: layout.aws.connectorId };
  const tally = createSecureScoreTally();
  // The current model's extra choices draw from their own stream: the rest of the tenant is the same for a seed.
  const current: IndividualContext = { prng: createPrng(`${options.seed ?? DEFAULT_SEED}:individual`), tenantId: layout.tenantId };
  const cveIds = new Set<string>();
  let assessments = 0;
  const room = (): boolean => scale === undefined || assessments < scale;

  yield* containerRows(layout);

  for (const subscription of layout.subscriptions) {
    const target: AssessmentTarget = {
      subscriptionId: subscription.subscriptionId, resourceId: `/subscriptions/${subscription.subscriptionId}`,
      scope: `/subscriptions/${subscription.subscriptionId}`, label: 'subscription', category: 'IdentityAndAccess',
      profile: { exposed: false, sensitive: false, critical: subscription.environment === 'production', vulnerable: false, lateral: true },
      unhealthyRate: 0.5,
    };
    const built: BuiltAssessment[] = [];
    for (const key of SUBSCRIPTION_KEYS) {
      if (!room()) break;
      if (!prng.chance(0.85)) continue;
      const a = buildAssessment(ctx, target, catalogFact(key), false, []);
      assessments++;
      built.push(a);
      yield a.row;
      const gov = maybeGovernance(govCtx, a, undefined, subscription.subscriptionId, '');
      if (gov) yield gov;
    }
    tally.add(target.scope, subscription.subscriptionId, built);
  }

  // The sample infrastructure repository's IaC and secret findings (before the resources, so scale mode has them too).
  const evaluated = new Date(generatedAtMs - 12 * 86_400_000).toISOString();
  const repo = { subscriptionId: layout.aws.subscriptionId, resourceGroup: layout.aws.resourceGroup, connectorName: 'github-alderbrook', owner: 'alderbrook', repository: 'infra-terraform' };
  for (const row of repositoryRows(current, repo, evaluated)) {
    if (!room()) break;
    assessments++;
    yield row;
  }

  const factory = createResourceFactory(layout, prng);
  const targets = { Azure: [] as DemoResource[], AWS: [] as DemoResource[] };
  let resources = 0;
  while (scale === undefined ? resources < DEMO_RESOURCE_COUNT : room()) {
    const resource = factory.next();
    resources++;
    yield resource.row;
    const { kind, profile } = resource;
    const pool = targets[kind.cloud];
    const plan: PathPlan | undefined = ENTRY_KINDS.has(kind.id) && profile.exposed && (profile.vulnerable || profile.lateral) && pool.length > 0 && prng.chance(0.75)
      ? planPath(prng, resource, prng.pick(pool)) : undefined;
    const target: AssessmentTarget = {
      resource, subscriptionId: resource.subscriptionId, resourceGroup: resource.resourceGroup, resourceId: resource.id,
      scope: resource.aws?.entityId ?? resource.id, label: kindLabel(kind.id), category: kind.category, profile,
      unhealthyRate: prng.weighted(UPKEEP),
    };
    const built: BuiltAssessment[] = [];
    const pathRefs: string[] = [];
    const legacy = current.prng.chance(LEGACY_SHARE);
    for (const fact of factsByKind.get(kind.id) ?? ([] as CatalogFact[])) {
      if (!room()) break;
      const isVulnKey = VULNERABILITY_KEYS.has(fact.key);
      const mustFail = (isVulnKey && profile.vulnerable) || (profile.exposed && EXPOSURE_THEMES.has(themeFor(fact.displayName).id) && prng.chance(0.7));
      if (!mustFail && !prng.chance(0.8)) continue;
      const a = buildAssessment(ctx, target, fact, mustFail, plan ? [plan.name] : []);
      built.push(a);
      if (isVulnKey && !legacy) {
        // Current model: the grouped parent is retired; its findings are individual recommendations.
        const gov = maybeGovernance(govCtx, a, resource.owner, resource.subscriptionId, resource.resourceGroup);
        const findings = findingsFor(findCtx, a, resource, undefined);
        if (a.status !== 'Unhealthy') continue;
        const rows = fact.key === SQL_VULNERABILITY_KEY ? sqlRuleRows(current, a, findings) : softwareRows(current, a, findings, fact.key === MACHINE_VULNERABILITY_KEY);
        if (fact.key === MACHINE_VULNERABILITY_KEY && SECRET_MACHINE_KINDS.has(kind.id) && profile.exposed && current.prng.chance(0.5)) rows.push(...secretRows(current, a));
        for (const finding of findings) cveIds.add(String((finding['properties'] as Record<string, unknown>)['id']));
        let first = true;
        for (const row of rows) {
          if (!room()) break;
          assessments++;
          if (plan) pathRefs.push(String(row['id']));
          yield row;
          if (gov && first) yield retarget(gov, a.id, String(row['id']));
          first = false;
        }
        continue;
      }
      assessments++;
      if (plan && a.status === 'Unhealthy') pathRefs.push(a.id);
      yield a.row;
      const gov = maybeGovernance(govCtx, a, resource.owner, resource.subscriptionId, resource.resourceGroup);
      if (gov) yield gov;
      if (isVulnKey) {
        const findings = findingsFor(findCtx, a, resource, undefined);
        for (const finding of findings) cveIds.add(String((finding['properties'] as Record<string, unknown>)['id']));
        yield* findings;
      }
    }
    // A path needs a weakness Defender can point at; without an unhealthy assessment on the entry there is none.
    if (plan && pathRefs.length > 0) yield attackPathRow(prng, layout.tenantId, plan, pathRefs);
    tally.add(kind.cloud === 'AWS' ? layout.aws.connectorId : `/subscriptions/${resource.subscriptionId}`, resource.subscriptionId, built);
    if (kind.holdsData && profile.sensitive) {
      pool.push(resource);
      if (pool.length > 8) pool.shift();
    }
  }
  yield* cveDetailRows(layout.tenantId, cveIds);
  yield* tally.rows(layout.tenantId);
}

/** A governance assignment moved from a retired grouped parent to the individual recommendation that replaced it. */
function retarget(row: DemoRow, fromId: string, toId: string): DemoRow {
  const properties = { ...(row['properties'] as Record<string, unknown>), assignedResourceId: toId };
  return { ...row, id: String(row['id']).replace(fromId, toId), properties };
}

/** The same rows as an async stream, for callers that consume with `for await`. */
export async function* generateDemoTenant(options: DemoTenantOptions = {}): AsyncGenerator<DemoRow> {
  yield* demoTenantRows(options);
}
