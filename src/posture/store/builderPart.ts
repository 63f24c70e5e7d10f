// A builder's state as one message between threads, and its merge into another builder. A loader worker adds its
// part of an export to a builder of its own, then hands over its columns as transferable typed arrays (moved, not
// copied) and its dictionaries as string lists; the main thread appends them after its own rows, mapping each
// dictionary code once per distinct value. The merged state is the one a single builder would have reached adding
// the main thread's records and then the worker's, in that order: same codes, same map orders, same first/last wins.
import type { FindingRecord, RecordSink } from '../model';
import { addPair, createBuilderState, intern, rememberCve, rememberPortalLink, softwareOfCve, type BuilderState, type CveEvent } from './builder';
import type { GrowableColumn, NumericArray } from './columns';
import { assignByCodes, assignGovernance } from './governanceAssignments';
import { createListPacker, createObjectPacker, listReader, packList, packObjects, unpackList, unpackObjects, type PackedList, type PackedObjects } from './builderPartObjects';
import type { Dictionaries, GovernanceFacts, KeyInfo, ResourceInfo, Sparse } from './table';

type Columns = BuilderState['cols'];
type ColumnName = keyof Columns;
type DictionaryName = keyof Dictionaries;

/** Which dictionary each column's codes belong to (null: the column holds plain numbers). */
const CODED: Record<ColumnName, DictionaryName | null> = {
  key: 'key', name: 'name', resource: 'resource', resourceName: 'resourceName', resourceType: 'resourceType',
  resourceGroup: 'resourceGroup', subscription: 'subscription', statusCause: 'text', statusDescription: 'text',
  riskLabels: 'riskLabels', recommendationCategory: 'recommendationCategory', fixedVersion: 'text', detectedVersions: 'text',
  status: null, severity: null, risk: null, cloud: null, riskFactors: null, categories: null, attackPaths: null,
  firstEvaluation: null, statusChange: null, fixState: null, individualFinding: null,
};

/**
 * The sparse maps from row to value, each as its rows and their values (packed) instead of a Map; whether their
 * strings repeat (connectors and IaC rules do, assessment and native resource ids do not).
 */
const ROW_MAPS = { id: false, nativeResourceId: false, connectorId: true, iacRuleId: true, attackPathIds: false } as const;
type RowMapName = keyof typeof ROW_MAPS;

/** Plain data only (typed arrays, arrays, Maps, plain objects): structured-cloneable. */
export interface BuilderPart {
  rows: number;
  dict: Record<DictionaryName, readonly string[]>;
  cols: Record<ColumnName, NumericArray>;
  /**
   * The sparse maps keyed by row as rows and values: structured clone would rebuild each Map (one hash table insert
   * per row) only for the merge to insert every entry again into this thread's Map.
   */
  rowMaps: Record<RowMapName, { rows: Int32Array; values: PackedList }>;
  sparse: Omit<Sparse, RowMapName>;
  keyInfo: Map<number, KeyInfo>;
  /**
   * The governance assignments in order (governanceAssignments.ts): each one's resource and key codes (-1: its id is
   * the next of `ids`), and their facts (packed: no property names per object).
   */
  governance: { resource: Int32Array; key: Int32Array; ids: string[]; facts: PackedObjects };
  subscriptionNames: Map<number, string>;
  containerTags: Map<string, Record<string, string>>;
  /** The resources Map in order: resource codes, each one's location and tags. */
  resources: { codes: Int32Array; locations: PackedList; tags: PackedObjects };
  /** The findings Map in order: resource codes, how many findings each, and the findings one list after another. */
  findings: { codes: Int32Array; counts: Int32Array; records: PackedObjects };
  attackPaths: PackedObjects;
  secureScores: BuilderState['secureScores'];
  secureScoreControls: BuilderState['secureScoreControls'];
  cvePairs: { rows: Int32Array; codes: Int32Array };
  softwarePairs: { rows: Int32Array; codes: Int32Array };
  /** Every rememberCve call in order: CVE codes, ranks, and facts (title, severity, score of each call in turn). */
  cveLog: { codes: Int32Array; ranks: Int32Array; facts: PackedList };
  cveSoftware: Map<number, Set<number>>;
}

/** A sink that can take a worker's part whole (the store builder), instead of its records one by one. */
export interface PartSink extends RecordSink {
  addBuilderPart(part: BuilderPart): void;
}

export const takesBuilderParts = (sink: RecordSink): sink is PartSink => typeof (sink as Partial<PartSink>).addBuilderPart === 'function';

/** A builder whose part will be handed over: it logs what merging needs to replay. */
export function createPartState(): BuilderState {
  const state = createBuilderState();
  state.cveLog = [];
  return state;
}

/**
 * The part and the buffers to transfer with it; the state must not be used afterwards. Columns go as views of the
 * builder's own buffers: a right-sized copy would add every column once more to the worker's peak.
 */
export function packBuilderPart(state: BuilderState): { part: BuilderPart; transfer: ArrayBuffer[] } {
  const transfer: ArrayBuffer[] = [];
  const moved = <A extends NumericArray>(column: GrowableColumn<A>): A => {
    const array = column.filled();
    transfer.push(array.buffer as ArrayBuffer);
    return array;
  };
  const dict = {} as Record<DictionaryName, readonly string[]>;
  for (const name of Object.keys(state.dict) as DictionaryName[]) dict[name] = state.dict[name].values();
  const cols = {} as Record<ColumnName, NumericArray>;
  for (const name of Object.keys(state.cols) as ColumnName[]) cols[name] = moved(state.cols[name] as GrowableColumn<NumericArray>);
  const pairs = (p: BuilderState['cvePairs']) => ({ rows: moved(p.rows), codes: moved(p.codes) });
  function listed<L extends PackedList>(list: L): L {
    transfer.push(list.textOf.buffer as ArrayBuffer);
    return list;
  }
  const ints = (values: Iterable<number>): Int32Array => {
    const array = Int32Array.from(values);
    transfer.push(array.buffer as ArrayBuffer);
    return array;
  };
  const codesOf = (map: Map<number, unknown>): Int32Array => ints(map.keys());
  const cveLog = state.cveLog ?? [];
  const rowMaps = {} as BuilderPart['rowMaps'];
  for (const name of Object.keys(ROW_MAPS) as RowMapName[]) {
    const map = state.sparse[name] as Map<number, unknown>;
    rowMaps[name] = { rows: codesOf(map), values: listed(packList(map.values(), ROW_MAPS[name])) };
  }
  const { id: _id, nativeResourceId: _native, connectorId: _connector, iacRuleId: _iac, attackPathIds: _paths, ...sparse } = state.sparse;
  const findings = createObjectPacker();
  const counts = new Int32Array(state.findings.size);
  let list = 0;
  for (const records of state.findings.values()) {
    counts[list++] = records.length;
    for (const record of records) findings.add(record);
  }
  const packed = (objects: PackedObjects): PackedObjects => {
    transfer.push(objects.shapeOf.buffer as ArrayBuffer);
    return listed(objects);
  };
  transfer.push(counts.buffer as ArrayBuffer);
  const part: BuilderPart = {
    rows: state.cols.key.length,
    dict,
    cols,
    rowMaps,
    sparse,
    keyInfo: state.keyInfo,
    governance: {
      resource: moved(state.governance.resource),
      key: moved(state.governance.key),
      // The ids Map's order is their assignments' order.
      ids: [...state.governance.ids.keys()],
      facts: packed(packObjects(state.governance.facts)),
    },
    subscriptionNames: state.subscriptionNames,
    containerTags: state.containerTags,
    resources: { codes: codesOf(state.resources), locations: listed(packList(mapValues(state.resources, (info) => info.location))), tags: packed(packObjects(mapValues(state.resources, (info) => info.tags))) },
    findings: { codes: codesOf(state.findings), counts, records: packed(findings.pack()) },
    attackPaths: packed(packObjects(state.attackPaths)),
    secureScores: state.secureScores,
    secureScoreControls: state.secureScoreControls,
    cvePairs: pairs(state.cvePairs),
    softwarePairs: pairs(state.softwarePairs),
    cveLog: { codes: ints(cveLog.map((event) => event.code)), ranks: ints(cveLog.map((event) => event.rank)), facts: listed(cveFacts(cveLog)) },
    cveSoftware: state.cveSoftware,
  };
  return { part, transfer };
}

function cveFacts(log: readonly CveEvent[]): PackedList {
  const packer = createListPacker();
  for (const { facts } of log) {
    packer.add(facts.title);
    packer.add(facts.severity);
    packer.add(facts.score);
  }
  return packer.pack();
}

function* mapValues<V, T>(map: Map<number, V>, pick: (value: V) => T): Iterable<T> {
  for (const value of map.values()) yield pick(value);
}

const KEY_INFO_FIELDS = ['description', 'remediationDescription', 'assessmentType', 'userImpact', 'implementationEffort', 'policyDefinitionId'] as const;

/** Appends a part after what `state` holds, as if its records had been added to `state` one by one; empties the part. */
export function mergeBuilderPart(state: BuilderState, part: BuilderPart): void {
  const offset = state.cols.key.length;
  const codes = {} as Record<DictionaryName, Int32Array>;
  for (const name of Object.keys(state.dict) as DictionaryName[]) {
    const values = part.dict[name];
    const into = state.dict[name];
    const map = new Int32Array(values.length);
    for (let code = 0; code < values.length; code++) map[code] = into.encode(values[code] as string);
    codes[name] = map;
  }
  for (const name of Object.keys(state.cols) as ColumnName[]) {
    const dictionary = CODED[name];
    (state.cols[name] as GrowableColumn<NumericArray>).append(part.cols[name], dictionary === null ? undefined : codes[dictionary]);
  }
  for (const name of Object.keys(state.sparse) as (keyof Sparse)[]) {
    if (name === 'idLookup') {
      for (const [id, row] of part.sparse.idLookup) state.sparse.idLookup.set(id, row + offset);
      continue;
    }
    if (name === 'portalLink' || name === 'keyPortalLink') continue;
    const into = state.sparse[name] as Map<number, unknown>;
    const { rows, values } = part.rowMaps[name];
    const read = listReader(values);
    for (let i = 0; i < rows.length; i++) into.set((rows[i] as number) + offset, read());
  }
  // Each of the part's rows again, as one builder would have seen it after this state's rows: keys first seen in
  // the part take their link from it, and a row keeps its own only where it differs from the key's.
  const partKeys = part.cols.key;
  for (let row = 0; row < partKeys.length; row++) {
    const theirKey = partKeys[row] as number;
    const link = part.sparse.portalLink.get(row) ?? part.sparse.keyPortalLink.get(theirKey) ?? '';
    rememberPortalLink(state.sparse, row + offset, codes.key[theirKey] as number, link);
  }
  for (const [theirKey, theirs] of part.keyInfo) mergeKeyInfo(state.keyInfo, codes.key[theirKey] as number, theirs);
  mergeGovernance(state, part.governance, codes);
  for (const [code, name] of part.subscriptionNames) state.subscriptionNames.set(codes.subscription[code] as number, name);
  for (const [key, tags] of part.containerTags) state.containerTags.set(key, tags);
  // Locations and tag values arrive once per distinct string: each is kept as this state's copy (as addResource
  // keeps one of each) once, not once per resource that holds it.
  internTexts(state, part.resources.tags);
  internTexts(state, part.resources.locations);
  const tags = unpackObjects<Record<string, string>>(part.resources.tags);
  const locations = unpackList<string | undefined>(part.resources.locations);
  part.resources.codes.forEach((code, i) => {
    // As builder.ts's addResource makes it: both members, location even when undefined.
    const info: ResourceInfo = { location: locations[i], tags: tags[i] as Record<string, string> };
    state.resources.set(codes.resource[code] as number, info);
  });
  const findings = unpackObjects<FindingRecord>(part.findings.records);
  let next = 0;
  part.findings.codes.forEach((code, i) => {
    const resource = codes.resource[code] as number;
    const count = part.findings.counts[i] as number;
    const stored = findings.slice(next, next + count).map((f) => internFinding(state, f));
    next += count;
    const into = state.findings.get(resource);
    if (into) into.push(...stored);
    else state.findings.set(resource, stored);
    state.findingCount += count;
  });
  for (const path of unpackObjects<BuilderState['attackPaths'][number]>(part.attackPaths)) state.attackPaths.push(path);
  state.secureScores.push(...part.secureScores);
  state.secureScoreControls.push(...part.secureScoreControls);
  appendPairs(state.cvePairs, part.cvePairs, offset, codes.cve);
  appendPairs(state.softwarePairs, part.softwarePairs, offset, codes.software);
  // One facts object for every call: rememberCve keeps its values, never the object (a log copies them too).
  const read = listReader(part.cveLog.facts);
  const facts: CveEvent['facts'] = {};
  part.cveLog.codes.forEach((code, i) => {
    facts.title = read() as string | undefined;
    facts.severity = read() as CveEvent['facts']['severity'];
    facts.score = read() as number | undefined;
    rememberCve(state, codes.cve[code] as number, facts, part.cveLog.ranks[i] as number);
  });
  for (const [cve, software] of part.cveSoftware) {
    for (const code of software) softwareOfCve(state, codes.cve[cve] as number, codes.software[code] as number);
  }
  releasePart(part);
}

/**
 * Lets go of what only the part held (the worker's dictionaries, packed values, maps): the message it came in can
 * outlive the merge (a worker's last message is held by the callback that received it, through the rest of the
 * load and finish()), and at 100k rows that kept ~6 MB more alive, at 1M ten times that. What the state took over
 * stays reachable from the state.
 */
function releasePart(part: BuilderPart): void {
  for (const name of Object.keys(part)) delete (part as unknown as Record<string, unknown>)[name];
}

/** Each assignment again, in order: by codes when the worker had them (mapped to ours), else by its id. */
function mergeGovernance(state: BuilderState, part: BuilderPart['governance'], codes: Record<DictionaryName, Int32Array>): void {
  const facts = unpackObjects<GovernanceFacts>(part.facts);
  let verbatim = 0;
  for (let i = 0; i < facts.length; i++) {
    const resource = part.resource[i] as number;
    const assignment = facts[i] as GovernanceFacts;
    if (assignment.owner !== undefined) assignment.owner = intern(state, assignment.owner);
    if (resource >= 0) assignByCodes(state.governance, state.dict, codes.resource[resource] as number, codes.key[part.key[i] as number] as number, assignment);
    else assignGovernance(state.governance, state.dict, part.ids[verbatim++] as string, assignment);
  }
}

/** First row with a text supplies it; later ones only fill gaps (rememberKeyInfo in builder.ts, over two parts). */
function mergeKeyInfo(keyInfo: Map<number, KeyInfo>, key: number, theirs: KeyInfo): void {
  const info = keyInfo.get(key);
  if (!info) {
    keyInfo.set(key, theirs);
    return;
  }
  if (!info.threats.length && theirs.threats.length) info.threats = theirs.threats;
  for (const field of KEY_INFO_FIELDS) (info as Record<string, unknown>)[field] ??= theirs[field];
  if (!theirs.cloudTexts) return;
  info.cloudTexts ??= new Map();
  for (const [cloud, texts] of theirs.cloudTexts) {
    const mine = info.cloudTexts.get(cloud) ?? {};
    mine.description ??= texts.description;
    mine.remediationDescription ??= texts.remediationDescription;
    info.cloudTexts.set(cloud, mine);
  }
}

/** Replaces each distinct string of a packed list by this state's copy (builder.ts's intern). */
function internTexts(state: BuilderState, list: PackedList): void {
  const { texts } = list;
  for (let i = 0; i < texts.length; i++) texts[i] = intern(state, texts[i]) as string;
}

function internFinding(state: BuilderState, f: FindingRecord): FindingRecord {
  f.displayName = intern(state, f.displayName) ?? f.displayName;
  f.description = intern(state, f.description);
  f.impact = intern(state, f.impact);
  f.remediation = intern(state, f.remediation);
  f.category = intern(state, f.category);
  return f;
}

function appendPairs(into: BuilderState['cvePairs'], pairs: BuilderPart['cvePairs'], offset: number, codes: Int32Array): void {
  for (let i = 0; i < pairs.rows.length; i++) addPair(into, (pairs.rows[i] as number) + offset, codes[pairs.codes[i] as number] as number);
}
