import type { PostureFilter } from '../../../src/posture/engine';
import { engineOf, NOW, SUB_A, SUB_B } from './records';
import { ALL, dbDisk, dbVuln, label, matches, s3, stgNetwork, stgPublic, tenantRecords, webEndpoint, webVuln, WEB } from './tenant';

const engine = engineOf(tenantRecords(), { now: NOW });
const unhealthy = [webVuln, webEndpoint, dbVuln, stgNetwork, s3];

describe('each filter alone', () => {
  const cases: Array<[string, PostureFilter, Array<{ resourceName: string; key: string }>]> = [
    ['no filter: every status', {}, ALL],
    ['status Unhealthy', { statuses: ['Unhealthy'] }, unhealthy],
    ['status Healthy or NotApplicable', { statuses: ['Healthy', 'NotApplicable'] }, [dbDisk, stgPublic]],
    ['risk level Critical', { riskLevels: ['Critical'] }, [webVuln, stgNetwork]],
    ['risk levels Medium or Low', { riskLevels: ['Medium', 'Low'] }, [dbVuln, s3]],
    ['risk factor internet exposure', { riskFactors: ['internetExposure'] }, [webVuln, webEndpoint, stgNetwork]],
    ['risk factors: all of them', { riskFactors: ['internetExposure', 'sensitiveData'] }, [stgNetwork]],
    ['risk factor vulnerabilities', { riskFactors: ['vulnerabilities'] }, [webVuln, dbVuln]],
    ['severity High', { severities: ['High'] }, [webVuln, dbVuln, stgPublic]],
    ['severity Critical or Low', { severities: ['Critical', 'Low'] }, [stgNetwork, dbDisk, s3]],
    ['category Data', { categories: ['Data'] }, [stgNetwork, stgPublic, s3]],
    ['cloud AWS', { clouds: ['AWS'] }, [s3]],
    ['resource type, any casing', { resourceTypes: ['microsoft.storage/STORAGEACCOUNTS'] }, [stgNetwork, stgPublic]],
    ['subscription by id', { subscriptions: [SUB_B.toUpperCase()] }, [dbVuln, dbDisk]],
    ['subscription by display name', { subscriptions: ['contoso production'] }, [webVuln, webEndpoint, stgNetwork, stgPublic]],
    ['account without a subscription record, by id', { subscriptions: ['123456789012'] }, [s3]],
    ['resource group', { resourceGroups: ['RG-DATA'] }, [dbVuln, dbDisk]],
    ['owner, case-insensitive exact', { owners: ['ALICE@contoso.com'] }, [webVuln, stgNetwork]],
    ['governance overdue', { governance: ['overdue'] }, [webVuln]],
    ['governance on time (due today counts)', { governance: ['onTime'] }, [webEndpoint, stgNetwork]],
    ['governance unassigned (empty assignment too)', { governance: ['unassigned'] }, [dbVuln, s3]],
    ['governance completed', { governance: ['completed'] }, [dbDisk, stgPublic]],
    ['recommendation text', { recommendationText: 'STORAGE' }, [stgNetwork, stgPublic]],
    ['recommendation keys', { recommendationKeys: ['K-VULN'] }, [webVuln, dbVuln]],
    ['resource text', { resourceText: 'web' }, [webVuln, webEndpoint]],
    ['resource ids, any casing', { resourceIds: [WEB.toUpperCase()] }, [webVuln, webEndpoint]],
    ['tag key and value', { tags: [{ key: 'ENV', value: 'prod' }] }, [webVuln, webEndpoint, stgNetwork, stgPublic]],
    ['tag value under any key', { tags: [{ value: 'dev' }] }, [dbVuln, dbDisk, stgNetwork, stgPublic]],
    ['every tag must match', { tags: [{ key: 'env', value: 'prod' }, { key: 'team', value: 'web' }] }, [webVuln, webEndpoint]],
    ['findings of severity Critical: the recommendation they belong to', { findingSeverities: ['Critical'] }, [webVuln]],
    ['findings of severity Medium', { findingSeverities: ['Medium'] }, [dbVuln]],
    ['healthy findings do not count', { findingSeverities: ['Low'] }, []],
    ['has attack paths', { hasAttackPaths: true }, [webVuln, webEndpoint, stgNetwork]],
  ];
  it.each(cases)('%s', (_name, filter, expected) => {
    expect(matches(engine, filter)).toEqual(label(...expected));
  });
});

describe('combined filters', () => {
  it('critical risk + internet exposure + unhealthy', () => {
    expect(matches(engine, { riskLevels: ['Critical'], riskFactors: ['internetExposure'], statuses: ['Unhealthy'] })).toEqual(label(webVuln, stgNetwork));
  });
  it('severity High + virtual machines + unhealthy', () => {
    expect(matches(engine, { severities: ['High'], resourceTypes: ['Microsoft.Compute/virtualMachines'], statuses: ['Unhealthy'] })).toEqual(
      label(webVuln, dbVuln),
    );
  });
  it('subscription + overdue', () => {
    expect(matches(engine, { subscriptions: ['Contoso Production'], governance: ['overdue'] })).toEqual(label(webVuln));
    expect(matches(engine, { subscriptions: [SUB_B], governance: ['overdue'] })).toEqual([]);
  });
  it('fields are ANDed, values inside a field are ORed', () => {
    expect(matches(engine, { subscriptions: [SUB_A, SUB_B], severities: ['High'], statuses: ['Unhealthy'] })).toEqual(label(webVuln, dbVuln));
  });
  it('partial name + tags + findings', () => {
    expect(matches(engine, { recommendationText: 'vulnerab', tags: [{ key: 'env', value: 'prod' }], findingSeverities: ['High'] })).toEqual(label(webVuln));
  });
});

describe('values the data does not have', () => {
  it.each<[string, PostureFilter]>([
    ['unknown subscription', { subscriptions: ['nope'] }],
    ['unknown resource type', { resourceTypes: ['microsoft.nothing/else'] }],
    ['unknown owner', { owners: ['mallory@evil.example'] }],
    ['text nobody has', { recommendationText: 'zzz' }],
    ['unknown tag', { tags: [{ key: 'env', value: 'staging' }] }],
    ['unknown resource id', { resourceIds: ['/subscriptions/none'] }],
  ])('%s: no rows, no error', (_name, filter) => {
    expect(matches(engine, filter)).toEqual([]);
  });

  it('empty lists and blank text are ignored rather than matching nothing', () => {
    expect(matches(engine, { severities: [], recommendationText: '   ', owners: [] })).toEqual(label(...ALL));
  });
});
