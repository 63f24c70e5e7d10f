// An Adaptive Card template compiled once into closures that expand it the way adaptivecards-templating's
// Template.expand does, without its per-expansion overhead: the library's own parse (Template.prepare) is kept, and
// every expression evaluates through the library unless it is a plain field path (`${title}`, `${$root.a.b}`) or a
// string made of text and such paths ("Owner: ${owner}"), which are looked up here with the library's rules
// (case-insensitive keys, numeric segments index arrays, an undefined field becomes "${path}", null stays null).
// test/cards/compiledTemplate.test.ts expands every template both ways and compares.
import { GlobalSettings, Template } from 'adaptivecards-templating';

/** The evaluation state the library keeps (EvaluationContext): $data falls back to $root. */
interface Context {
  $root: unknown;
  $host: unknown;
  _$data: unknown;
  $index: unknown;
  $_acTemplateVersion: unknown;
  readonly $data: unknown;
}

/** What the library's parse leaves in a prepared payload where a string held `${...}`. */
interface Expression {
  type: string;
  children: Expression[];
  value?: unknown;
}

type Evaluate = (expression: unknown, context: Context, allowSubstitutions: boolean) => { value: unknown; error?: unknown };
const libraryEvaluate = (Template as unknown as { internalTryEvaluateExpression: Evaluate }).internalTryEvaluateExpression;
const prepare = (Template as unknown as { prepare(node: unknown): unknown }).prepare;

const RESERVED = new Set(['$data', '$when', '$root', '$index', '$host', '$_acTemplateVersion']);

function templateVersion(): unknown {
  // The same value the library computes for $_acTemplateVersion.
  const version = (require('adaptivecards-templating/package.json') as { version: string }).version;
  const [major = '', minor = '', patch = ''] = version.split('.');
  const [patchNumber = '', suffix = ''] = patch.split('-');
  return { major: parseInt(major), minor: parseInt(minor), patch: parseInt(patchNumber), suffix };
}
const VERSION = templateVersion();

function newContext(root: unknown): Context {
  return {
    $root: root,
    $host: undefined,
    _$data: undefined,
    $index: undefined,
    $_acTemplateVersion: VERSION,
    get $data() {
      return this._$data !== undefined ? this._$data : this.$root;
    },
  };
}

/** A prepared node that is an expression object (the library's class), not plain JSON data. */
const isExpression = (node: unknown): node is Expression =>
  typeof node === 'object' && node !== null && !Array.isArray(node) && Object.getPrototypeOf(node) !== Object.prototype;

/** adaptive-expressions' accessProperty: the first key, in key order, equal ignoring case. */
function accessProperty(instance: unknown, property: string): unknown {
  if (!instance) return undefined;
  if (instance instanceof Map) {
    const direct: unknown = instance.get(property);
    if (direct !== undefined) return direct;
    const key = Array.from(instance.keys() as Iterable<unknown>).find((k) => typeof k === 'string' && k.toLowerCase() === property.toLowerCase());
    return key === undefined ? undefined : (instance.get(key) as unknown);
  }
  const lower = property.toLowerCase();
  const key = Object.keys(instance).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : (instance as Record<string, unknown>)[key];
}

/** The keys of the library's per-evaluation memory object, in its order (TemplateObjectMemory). */
const MEMORY_KEYS = ['_memory', '$root', '$data', '$index', '$host', '$_acTemplateVersion'] as const;

function memoryValue(context: Context, segment: string): unknown {
  const lower = segment.toLowerCase();
  const key = MEMORY_KEYS.find((k) => k.toLowerCase() === lower);
  if (key === undefined || key === '_memory') return undefined;
  return key === '$data' ? context.$data : context[key];
}

/** A field path (`a.b.c`) as segments, or undefined when the accessor has any other part (an index expression...). */
function pathOf(expression: Expression): string[] | undefined {
  const segments: string[] = [];
  let node: Expression | undefined = expression;
  while (node) {
    if (node.type !== 'Accessor') return undefined;
    const name = node.children[0]?.value;
    if (node.children[0]?.type !== 'Constant' || typeof name !== 'string' || node.children.length > 2) return undefined;
    segments.unshift(name);
    node = node.children[1];
  }
  // The library splits a path on dots and brackets and drops quotes; keep to plain names so splitting changes nothing.
  return segments.every((s) => s !== '' && !/[.[\]'"]/.test(s)) ? segments : undefined;
}

type Lookup = (context: Context, allowSubstitutions: boolean) => unknown;

function compilePath(segments: string[]): Lookup {
  const path = segments.join('.');
  const steps = segments[0]!.startsWith('$') ? segments : ['$data', ...segments];
  const substitute = `\${${path}}`;
  return (context, allowSubstitutions) => {
    let value: unknown = memoryValue(context, steps[0]!);
    for (let i = 1; i < steps.length; i++) {
      const step = steps[i]!;
      const index = parseInt(step);
      if (!Number.isNaN(index) && Array.isArray(value)) {
        if (index < 0 || index >= value.length) {
          value = undefined;
          break;
        }
        value = value[index] as unknown;
      } else {
        value = accessProperty(value, step);
      }
      if (value === undefined) break;
    }
    if (value !== undefined || !allowSubstitutions) return value;
    return GlobalSettings.getUndefinedFieldValueSubstitutionString?.(path) || substitute;
  };
}

type Expand = (context: Context) => unknown;

/** An expression node: a path looked up here, text with paths joined here, anything else through the library. */
function compileExpression(expression: Expression, allowSubstitutions: boolean): (context: Context) => { value: unknown; error?: unknown } {
  const library = (context: Context) => libraryEvaluate(expression, context, allowSubstitutions);
  const path = pathOf(expression);
  if (path) {
    const lookup = compilePath(path);
    return (context) => ({ value: lookup(context, allowSubstitutions) });
  }
  if (expression.type === 'concat' && allowSubstitutions) {
    const parts = expression.children.map((child): Lookup | string | undefined => {
      if (child.type === 'Constant' && typeof child.value === 'string') return child.value;
      const childPath = pathOf(child);
      return childPath ? compilePath(childPath) : undefined;
    });
    if (parts.every((p) => p !== undefined)) {
      return (context) => {
        let text = '';
        for (const part of parts) {
          // As the library does: `.toString()` of each value (a null throws, as it does there).
          text += typeof part === 'string' ? part : (part!(context, true) as { toString(): string }).toString();
        }
        return { value: text };
      };
    }
  }
  return library;
}

function compileNode(node: unknown): Expand {
  if (Array.isArray(node)) {
    const items = node.map(compileNode);
    return (context) => {
      let out: unknown[] = [];
      for (const item of items) {
        const expanded = item(context);
        if (expanded === null) continue;
        if (Array.isArray(expanded)) out = out.concat(expanded);
        else out.push(expanded);
      }
      return out;
    };
  }
  if (isExpression(node)) {
    const evaluate = compileExpression(node, true);
    return (context) => {
      const result = evaluate(context);
      if (result.error) throw new Error(String(result.error));
      return result.value;
    };
  }
  if (typeof node === 'object' && node !== null) return compileObject(node as Record<string, unknown>);
  return () => node;
}

function compileObject(node: Record<string, unknown>): Expand {
  const when = node.$when;
  const data = node.$data;
  const whenExpression = isExpression(when) ? compileExpression(when, false) : undefined;
  const dropAlways = !whenExpression && Boolean(when);
  const dataExpression = isExpression(data) ? compileExpression(data, true) : undefined;
  const fields = Object.keys(node)
    .filter((key) => !RESERVED.has(key))
    .map((key) => [key, compileNode(node[key])] as const);

  const expandFields = (context: Context): Record<string, unknown> => {
    const result: Record<string, unknown> = {};
    for (const [key, expand] of fields) {
      const value = expand(context);
      if (value !== undefined) result[key] = value;
    }
    return result;
  };

  return (context) => {
    const savedData = context.$data;
    const savedIndex = context.$index;
    let contexts: unknown[] = [undefined];
    let isArray = false;
    if (data !== undefined) {
      let value: unknown = data;
      if (dataExpression) {
        const evaluated = dataExpression(context);
        if (evaluated.error) throw new Error(String(evaluated.error));
        value = evaluated.value;
      }
      isArray = Array.isArray(value);
      contexts = isArray ? (value as unknown[]) : [value];
    }
    const results: Record<string, unknown>[] = [];
    for (let i = 0; i < contexts.length; i++) {
      if (isArray) context.$index = i;
      if (contexts[i] !== undefined) context._$data = contexts[i];
      let drop = dropAlways;
      if (whenExpression) {
        const evaluated = whenExpression(context);
        drop = !(!evaluated.error && typeof evaluated.value === 'boolean' && evaluated.value);
      }
      if (!drop) results.push(expandFields(context));
    }
    context._$data = savedData;
    context.$index = savedIndex;
    return results.length === 0 ? null : results.length === 1 ? results[0] : results;
  };
}

export interface CompiledTemplate {
  /** What `new Template(payload).expand({ $root: root })` returns. */
  expand(root: unknown): unknown;
}

export function compileTemplate(payload: unknown): CompiledTemplate {
  const expand = compileNode(prepare(payload));
  return { expand: (root) => expand(newContext(root)) };
}
