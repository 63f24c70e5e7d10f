// The data-age line: clock time in the viewer's zone (with the date when not today), the age, and a plain warning
// while reading Azure fails; nothing for data that is not live.
import { ageText, dataAgeNote } from '../../src/views/dataAgeNote';
import { MAX_CALENDAR_ZONES } from '../../src/posture/history/calendar';

const NOW = Date.parse('2026-12-04T14:14:30Z');
const live = { live: true, loadedAt: Date.parse('2026-12-04T14:02:00Z') };

describe('data age note', () => {
  it('says when and how long ago', () => {
    expect(dataAgeNote(live, NOW)).toBe('Data from Azure as of 14:02 UTC, 12 min ago.');
    expect(dataAgeNote(live, NOW, 'Europe/Paris')).toBe('Data from Azure as of 15:02, 12 min ago.');
    expect(dataAgeNote({ live: true, loadedAt: Date.parse('2026-12-03T22:00:00Z') }, NOW, 'UTC')).toBe('Data from Azure as of 3\u00a0Dec\u00a02026 22:00 UTC, 16 h 14 min ago.');
    expect(dataAgeNote({ ...live, loadedAt: NOW - 10_000 }, NOW)).toContain('just now');
    expect(dataAgeNote(live, NOW, 'Not/AZone')).toContain('14:02 UTC');
  });

  it('warns while the data is a kept copy or refreshes fail', () => {
    expect(dataAgeNote({ ...live, stale: 'HTTP 503' }, NOW)).toBe('Data from Azure as of 14:02 UTC, 12 min ago. Reading Azure is failing right now, so this may be out of date; I keep trying.');
    expect(dataAgeNote({ ...live, refreshFailing: { at: NOW, reason: 'x' } }, NOW)).toContain('failing');
  });

  it('says when part of the scope could not be read, so its findings are left out', () => {
    expect(dataAgeNote({ ...live, unreadable: ['/subscriptions/x: no longer readable'] }, NOW)).toBe(
      'Data from Azure as of 14:02 UTC, 12 min ago. One part of the Azure scope could not be read, so its findings are left out.',
    );
    expect(dataAgeNote({ ...live, unreadable: ['a', 'b'], refreshFailing: { at: NOW, reason: 'x' } }, NOW)).toBe(
      'Data from Azure as of 14:02 UTC, 12 min ago. 2 parts of the Azure scope could not be read, so their findings are left out. Reading Azure is failing right now, so this may be out of date; I keep trying.',
    );
    expect(dataAgeNote({ ...live, unreadable: [] }, NOW)).toBe('Data from Azure as of 14:02 UTC, 12 min ago.');
  });

  it('says how old the owners and due dates are when governance assignments were read before the rest', () => {
    expect(dataAgeNote({ ...live, governanceAt: Date.parse('2026-12-04T13:47:00Z') }, NOW)).toBe('Data from Azure as of 14:02 UTC, 12 min ago. Owners and due dates as of 13:47 UTC.');
    expect(dataAgeNote({ ...live, governanceAt: Date.parse('2026-12-04T12:47:00Z') }, NOW, 'Europe/Paris')).toBe('Data from Azure as of 15:02, 12 min ago. Owners and due dates as of 13:47.');
    // Read with the rest (under a minute apart): nothing more to say.
    expect(dataAgeNote({ ...live, governanceAt: live.loadedAt - 30_000 }, NOW)).toBe('Data from Azure as of 14:02 UTC, 12 min ago.');
  });

  it('says nothing for the demo tenant or an export', () => {
    expect(dataAgeNote({ loadedAt: NOW }, NOW)).toBeUndefined();
  });

  it("builds a zone's clock once: a later note in that zone builds no Intl formatter", () => {
    const governed = { ...live, governanceAt: Date.parse('2026-12-04T12:47:00Z') };
    dataAgeNote(governed, NOW, 'Asia/Tokyo');
    const built = jest.spyOn(Intl, 'DateTimeFormat');
    try {
      expect(dataAgeNote(governed, NOW, 'Asia/Tokyo')).toBe('Data from Azure as of 23:02, 12 min ago. Owners and due dates as of 21:47.');
      expect(built).not.toHaveBeenCalled();
    } finally {
      built.mockRestore();
    }
  });

  it('gives the same notes past MAX_CALENDAR_ZONES zones, an unknown zone as UTC', () => {
    const zones = Intl.supportedValuesOf('timeZone').slice(0, MAX_CALENDAR_ZONES * 2);
    const first = zones.map((zone) => dataAgeNote(live, NOW, zone));
    expect(zones.map((zone) => dataAgeNote(live, NOW, zone))).toEqual(first);
    expect(first[zones.indexOf('Africa/Abidjan')]).toBe('Data from Azure as of 14:02, 12 min ago.');
    expect(dataAgeNote(live, NOW, 'Not/AZone')).toBe('Data from Azure as of 14:02 UTC, 12 min ago.');
  });

  it('counts minutes, hours and days', () => {
    expect([0, 59_000, 60_000, 3_600_000, 3_660_000, 50 * 3_600_000].map(ageText)).toEqual(['just now', 'just now', '1 min ago', '1 h ago', '1 h 1 min ago', '2 days ago']);
  });
});
