// The builder keeps one copy of each repeated tag value, location and owner (identity is not observable from a
// test); what it keeps must equal what it got.
import { addRecord, createBuilderState } from '../../../src/posture/store/builder';
import type { ResourceRecord } from '../../../src/posture/model';

describe('builder interning', () => {
  it('keeps every tag of a resource, in order, as given (a member named __proto__ included)', () => {
    const state = createBuilderState();
    const tags: Record<string, string> = { Owner: 'a@example.com', env: 'prod' };
    Object.defineProperty(tags, '__proto__', { value: 'odd', enumerable: true, writable: true, configurable: true });
    tags['10'] = 'ten';
    const record: ResourceRecord = { kind: 'resource', id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/sites/app', name: 'app', type: 'Microsoft.Web/sites', tags, location: 'westeurope' };
    addRecord(state, record);
    const kept = [...state.resources.values()][0];
    expect(kept?.location).toBe('westeurope');
    expect(Object.getPrototypeOf(kept?.tags)).toBe(Object.prototype);
    expect(Object.entries(kept?.tags ?? {})).toEqual(Object.entries(tags));
  });
});
