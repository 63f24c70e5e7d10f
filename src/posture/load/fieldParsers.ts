// Typed reads of raw row fields. A value that is present but wrong throws a RowError naming the field, so the
// loader can say exactly where an export is broken.
import { getPath } from './caseInsensitive';
import { parseIsoDate } from './isoDate';
import { RISK_LEVELS, SEVERITIES, STATUS_CODES, type RiskLevel, type Severity, type StatusCode } from '../model';

export class RowError extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(field ? `${field}: ${problem}` : problem);
    this.name = 'RowError';
  }
}

const show = (value: unknown): string => {
  const text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
};

function enumParser<T extends string>(values: readonly T[]): (raw: unknown, field: string) => T | undefined {
  // Spelling varies ("notApplicable", "Not Applicable", "NOT_APPLICABLE"): compare letters only.
  const letters = (text: string): string => text.toLowerCase().replace(/[^a-z]/g, '');
  const byLetters = new Map(values.map((value) => [letters(value), value] as const));
  const list = values.join('/');
  // Exports spell each value the same way on every row: remember each spelling's answer (not its lower-cased copy
  // and a regular expression replace per row). Bounded, so odd data cannot grow it without end.
  const bySpelling = new Map<string, T>();
  return (raw, field) => {
    if (raw === undefined || raw === null || raw === '') return undefined;
    if (typeof raw === 'string') {
      const known = bySpelling.get(raw);
      if (known !== undefined) return known;
    }
    const found = typeof raw === 'string' ? byLetters.get(letters(raw)) : undefined;
    if (!found) throw new RowError(field, `${show(raw)} is not ${list}`);
    if (bySpelling.size < 256) bySpelling.set(raw as string, found);
    return found;
  };
}

export const parseStatus: (raw: unknown, field: string) => StatusCode | undefined = enumParser(STATUS_CODES);
export const parseSeverity: (raw: unknown, field: string) => Severity | undefined = enumParser(SEVERITIES);
const parseRiskLevelStrict = enumParser(RISK_LEVELS);

/** Risk level; "None" means the row was evaluated and carries no risk, which we keep as undefined. */
export function parseRiskLevel(raw: unknown, field: string): RiskLevel | undefined {
  if (typeof raw === 'string' && raw.trim().toLowerCase() === 'none') return undefined;
  return parseRiskLevelStrict(raw, field);
}

export function readString(row: unknown, path: string): string | undefined {
  return textValue(getPath(row, path), path);
}

/** readString for a value already looked up; `field` names it in the error as readString's path would. */
export function textValue(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value.length > 0 ? value : undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new RowError(field, `expected text, found ${show(value)}`);
}

export function requireString(row: unknown, path: string): string {
  const value = readString(row, path);
  if (value === undefined) throw new RowError(path, 'missing');
  return value;
}

export function readNumber(row: unknown, path: string): number | undefined {
  const value = getPath(row, path);
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  if (!Number.isFinite(number)) throw new RowError(path, `${show(value)} is not a number`);
  return number;
}

export function readBoolean(row: unknown, path: string): boolean | undefined {
  return booleanValue(getPath(row, path), path);
}

/** readBoolean for a value already looked up; `field` names it in the error as readBoolean's path would. */
export function booleanValue(value: unknown, field: string): boolean | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
  throw new RowError(field, `${show(value)} is not true/false`);
}

/** ISO dates (or epoch milliseconds) to epoch milliseconds. */
export function readDate(row: unknown, path: string): number | undefined {
  return dateValue(getPath(row, path), path);
}

/** readDate for a value already looked up; `field` names it in the error as readDate's path would. */
export function dateValue(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const ms = typeof value === 'number' ? value : typeof value === 'string' ? parseIsoDate(value) : Number.NaN;
  if (!Number.isFinite(ms)) throw new RowError(field, `${show(value)} is not a date`);
  return ms;
}

/** A list of strings; a single string is accepted as a one-item list, objects give their name/title/id. */
export function readStringList(row: unknown, path: string, objectKeys: readonly string[] = ['name', 'title', 'id']): string[] {
  return stringListValue(getPath(row, path), objectKeys);
}

/** readStringList for a value already looked up. */
export function stringListValue(value: unknown, objectKeys: readonly string[] = ['name', 'title', 'id']): string[] {
  if (value === undefined || value === null || value === '') return [];
  const items = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  for (const item of items) {
    if (typeof item === 'string') {
      const trimmed = item.trim();
      if (trimmed.length > 0) out.push(trimmed);
    } else if (typeof item === 'number') {
      out.push(String(item));
    } else if (item && typeof item === 'object') {
      for (const key of objectKeys) {
        const named = getPath(item, key);
        if (typeof named === 'string' && named.length > 0) {
          out.push(named);
          break;
        }
      }
    }
  }
  return out;
}
