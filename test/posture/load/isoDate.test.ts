import { parseIsoDate } from '../../../src/posture/load/isoDate';
import { segmentAfter } from '../../../src/posture/load/armId';

describe('parseIsoDate', () => {
  const samples = [
    '2025-12-25T19:43:16.284Z',
    '2025-12-25T19:43:16.28Z',
    '2025-12-25T19:43:16.2Z',
    '2025-12-25T19:43:16Z',
    '2025-12-25T19:43:16.2845Z',
    '2026-02-30T00:00:00Z',
    '2024-02-29T23:59:59.999Z',
    '2025-12-25T24:00:00Z',
    '2025-12-25T23:60:00Z',
    '2025-13-01T00:00:00Z',
    '2025-00-01T00:00:00Z',
    '0099-01-01T00:00:00Z',
    '2025-12-25T19:43:16.284+02:00',
    '2025-12-25T19:43:16.284',
    '2025-12-25',
    '2025-12-25 19:43:16Z',
    '2025-1a-25T19:43:16Z',
    '2025-12-25T19:43:16.x84Z',
    'Thu, 25 Dec 2025 19:43:16 GMT',
    'not a date',
    '',
  ];
  it.each(samples)('%s gives what Date.parse gives', (text) => {
    expect(Object.is(parseIsoDate(text), Date.parse(text))).toBe(true);
  });

  it('gives what Date.parse gives for every day of every month (and the days past its end) over leap and century years', () => {
    const pad = (value: number, width: number): string => String(value).padStart(width, '0');
    const years = [1000, 1582, 1600, 1700, 1899, 1900, 1969, 1970, 1971, 1999, 2000, 2001, 2023, 2024, 2025, 2100, 2400, 9999];
    const differ: string[] = [];
    let checked = 0;
    for (const year of years) {
      for (let month = 1; month <= 12; month++) {
        for (let day = 1; day <= 31; day++) {
          const time = `${pad((day * 7) % 24, 2)}:${pad((day * 13 + month) % 60, 2)}:${pad((year + day) % 60, 2)}`;
          for (const fraction of ['', '.5', '.05', '.999']) {
            const text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${time}${fraction}Z`;
            checked++;
            if (!Object.is(parseIsoDate(text), Date.parse(text))) differ.push(text);
          }
        }
      }
    }
    expect(checked).toBe(years.length * 12 * 31 * 4);
    expect(differ).toEqual([]);
  });
});

describe('segmentAfter', () => {
  it('matches the collection whatever its case, in ASCII and non-ASCII ids alike', () => {
    expect(segmentAfter('/subscriptions/s/providers/Microsoft.Security/Assessments/KEY/x', 'providers/microsoft.security/assessments')).toBe('KEY');
    expect(segmentAfter('/subscriptions/ü/providers/MICROSOFT.SECURITY/assessments/k1', 'providers/microsoft.security/assessments')).toBe('k1');
    expect(segmentAfter('/subscriptions/s/providers/microsoft.security/assessment/k1', 'providers/microsoft.security/assessments')).toBeUndefined();
    expect(segmentAfter('/a/b.c/d', 'b.c')).toBe('d');
    expect(segmentAfter('/a/bxc/d', 'b.c')).toBeUndefined();
  });
});
