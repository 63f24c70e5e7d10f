// An Adaptive Card template compiled once into closures that expand it the way adaptivecards-templating's
// Template.expand does, without its per-expansion overhead: the library's own parse (Template.prepare) is kept, and
// every expression evaluates through the library unless it is a plain field path (`${title}`, `${$root.a.b}`), a
// string made of text and such paths ("Owner: ${owner}"), or such a path compared with a string or null
// (`${owner != ''}`), which are evaluated here with the library's rules (case-insensitive keys, numeric segments index
// arrays, an undefined field becomes "${path}", null stays null). Expanding allocates little beyond the card itself:
// no per-lookup key arrays, no result wrappers, no per-node arrays.
// test/cards/compiledTemplate.test.ts expands every template both ways and compares.
import type * as Templating from 'adaptivecards-templating';

/** The evaluation state the library keeps (EvaluationContext): $data falls back to $root. */
interface Context {
  $root: unknown;
  $host: unknown;
  _$data: unknown;
  $index: unknown;
  $_acTemplateVersion: unknown;
  readonly $data: unknown;
  /** Objects and arrays expressions put in the card, when the caller asked for a rewrite of them (CompileOptions). */
  inserted: object[] | undefined;
}

/** What the library's parse leaves in a prepared payload where a string held `${...}`. */
interface Expression {
  type: string;
  children: Expression[];
  value?: unknown;
}

type LibraryEvaluate = (expression: unknown, context: Context, allowSubstitutions: boolean) => { value: unknown; error?: unknown };

interface Library {
  evaluate: LibraryEvaluate;
  prepare(node: unknown): unknown;
  settings: typeof Templating.GlobalSettings;
  /** The same value the library computes for $_acTemplateVersion. */
  version: unknown;
}

let loaded: Library | undefined;

/**
 * The library, loaded at the first compile rather than when this module is imported: it and what it brings
 * (adaptive-expressions, antlr4ts) take ~0.3 s to load, and the bot compiles its templates after it listens.
 * Each compiled closure keeps the pieces it calls, so an expansion never asks for them again.
 */
function library(): Library {
  if (loaded) return loaded;
  const { GlobalSettings, Template } = require('adaptivecards-templating') as typeof Templating;
  const internals = Template as unknown as { internalTryEvaluateExpression: LibraryEvaluate; prepare(node: unknown): unknown };
  const version = (require('adaptivecards-templating/package.json') as { version: string }).version;
  const [major = '', minor = '', patch = ''] = version.split('.');
  const [patchNumber = '', suffix = ''] = patch.split('-');
  loaded = {
    evaluate: internals.internalTryEvaluateExpression,
    prepare: (node) => internals.prepare(node),
    settings: GlobalSettings,
    version: { major: parseInt(major), minor: parseInt(minor), patch: parseInt(patchNumber), suffix },
  };
  return loaded;
}

const RESERVED = new Set(['$data', '$when', '$root', '$index', '$host', '$_acTemplateVersion']);

function newContext(root: unknown, version: unknown): Context {
  return {
    $root: root,
    $host: undefined,
    _$data: undefined,
    $index: undefined,
    $_acTemplateVersion: version,
    inserted: undefined,
    get $data() {
      return this._$data !== undefined ? this._$data : this.$root;
    },
  };
}

/** A prepared node that is an expression object (the library's class), not plain JSON data. */
const isExpression = (node: unknown): node is Expression =>
  typeof node === 'object' && node !== null && !Array.isArray(node) && Object.getPrototypeOf(node) !== Object.prototype;

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * Lower-casing changes a string's length only for U+0130 (İ becomes i + U+0307), and only lengthens it: a key of
 * another length matches only when it is shorter and holds an İ. Most keys of another length are longer, or shorter
 * without one, and skip the scan.
 */
const mayMatch = (key: string, lower: string): boolean => key.length === lower.length || (key.length < lower.length && key.includes('\u0130'));

/**
 * adaptive-expressions' accessProperty: the first key, in key order, equal ignoring case. `lower` is `property`
 * lower-cased. Own keys are walked with for-in (same order as Object.keys, no array built per lookup).
 */
function accessProperty(instance: unknown, property: string, lower: string): unknown {
  if (!instance) return undefined;
  if (instance instanceof Map) {
    const direct: unknown = instance.get(property);
    if (direct !== undefined) return direct;
    const key = Array.from(instance.keys() as Iterable<unknown>).find((k) => typeof k === 'string' && k.toLowerCase() === lower);
    return key === undefined ? undefined : (instance.get(key) as unknown);
  }
  for (const key in instance as object) {
    if (mayMatch(key, lower) && hasOwn.call(instance, key) && (key === property || key.toLowerCase() === lower)) return (instance as Record<string, unknown>)[key];
  }
  return undefined;
}

/** The keys of the library's per-evaluation memory object, in its order (TemplateObjectMemory). */
const MEMORY_KEYS = ['_memory', '$root', '$data', '$index', '$host', '$_acTemplateVersion'] as const;

/** The reader of a path's first segment from the evaluation memory, chosen once (case-insensitive, as the library). */
function memoryReader(segment: string): (context: Context) => unknown {
  const lower = segment.toLowerCase();
  const key = MEMORY_KEYS.find((k) => k.toLowerCase() === lower);
  if (key === undefined || key === '_memory') return () => undefined;
  // The getter's rule read here: a getter call per lookup costs more than the lookup's own work.
  if (key === '$data') return (context) => (context._$data !== undefined ? context._$data : context.$root);
  return (context) => context[key];
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

interface Step {
  name: string;
  lower: string;
  /** parseInt of the name: a number indexes an array. */
  index: number;
}

function compilePath(segments: string[]): Lookup {
  const path = segments.join('.');
  const names = segments[0]!.startsWith('$') ? segments : ['$data', ...segments];
  const first = memoryReader(names[0]!);
  const steps: Step[] = names.slice(1).map((name) => ({ name, lower: name.toLowerCase(), index: parseInt(name) }));
  const substitute = `\${${path}}`;
  const settings = library().settings;
  return (context, allowSubstitutions) => {
    let value: unknown = first(context);
    for (const step of steps) {
      if (!Number.isNaN(step.index) && Array.isArray(value)) {
        if (step.index < 0 || step.index >= value.length) {
          value = undefined;
          break;
        }
        value = value[step.index] as unknown;
      } else {
        value = accessProperty(value, step.name, step.lower);
      }
      if (value === undefined) break;
    }
    if (value !== undefined || !allowSubstitutions) return value;
    return settings.getUndefinedFieldValueSubstitutionString?.(path) || substitute;
  };
}

/** A library evaluation that failed: what it reported (a `$when` then drops its node; text and `$data` throw). */
class Failure {
  constructor(readonly error: unknown) {}
}

/** An expression's value, or a Failure. */
type Evaluate = (context: Context) => unknown;

/** A constant `==`/`!=` operand this compiler handles: a string or null. */
const isPlainConstant = (node: Expression): boolean => node.type === 'Constant' && (typeof node.value === 'string' || node.value === null);

/**
 * `path == 'text'`, `path != null` and the like. The library (FunctionUtils.commonEquals, operands evaluated
 * without substitution, never an error) compares a value with a string by ===, and with null by == null.
 */
function compileComparison(expression: Expression): Evaluate | undefined {
  if ((expression.type !== '==' && expression.type !== '!=') || expression.children.length !== 2) return undefined;
  const [left, right] = expression.children as [Expression, Expression];
  const constant = isPlainConstant(right) ? right : isPlainConstant(left) ? left : undefined;
  const other = constant === right ? left : right;
  if (!constant) return undefined;
  let operand: (context: Context) => unknown;
  if (isPlainConstant(other)) operand = () => other.value;
  else {
    const path = pathOf(other);
    if (!path) return undefined;
    const lookup = compilePath(path);
    operand = (context) => lookup(context, false);
  }
  const c = constant.value;
  const negate = expression.type === '!=';
  return c === null ? (context) => (operand(context) == null) !== negate : (context) => (operand(context) === c) !== negate;
}

/** An expression node: a path looked up here, text with paths joined here, `==`/`!=` against a constant, anything else through the library. */
function compileExpression(expression: Expression, allowSubstitutions: boolean): Evaluate {
  const path = pathOf(expression);
  if (path) {
    const lookup = compilePath(path);
    return (context) => lookup(context, allowSubstitutions);
  }
  const comparison = compileComparison(expression);
  if (comparison) return comparison;
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
        return text;
      };
    }
  }
  const evaluate = library().evaluate;
  const throughLibrary: Evaluate = (context) => {
    const result = evaluate(expression, context, allowSubstitutions);
    return result.error ? new Failure(result.error) : result.value;
  };
  THROUGH_LIBRARY.add(throughLibrary);
  return throughLibrary;
}

/** Evaluations by the library: the only ones whose value may be undefined (the others give text, a boolean or a substitution). */
const THROUGH_LIBRARY = new WeakSet<Evaluate>();

type Expand = (context: Context) => unknown;

/** Expansions that may give undefined (a member the node then leaves out). */
const MAY_BE_UNDEFINED = new WeakSet<Expand>();

/**
 * A maker of an object node's result that sets every field as one object literal, in the template's key order: each
 * node gets its own creation site and shape, where a store per field (one site for every node) is megamorphic and
 * costs a lookup and a transition each. Only for nodes none of whose fields can be undefined (left out, not set) and
 * without a `__proto__` key (a literal would set the prototype); undefined where code cannot be made from strings.
 */
function literalMaker(keys: readonly string[], expands: readonly Expand[]): ((expands: readonly Expand[], context: Context) => Record<string, unknown>) | undefined {
  if (keys.includes('__proto__') || expands.some((expand) => MAY_BE_UNDEFINED.has(expand))) return undefined;
  // The keys come from the template files (JSON.stringify quotes them); the values are the field expansions, called in order.
  const fields = keys.map((key, i) => `${JSON.stringify(key)}: e[${i}](c)`).join(', ');
  try {
    return new Function('e', 'c', `return { ${fields} };`) as (expands: readonly Expand[], context: Context) => Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/**
 * A change the caller makes to the expanded card as it is built, instead of walking the whole card afterwards: `node`
 * on each object built from a template object that has the field `key` (once its fields are set), `inserted` on each
 * object or array an expression put in the card (the model's own values), once the whole card is expanded.
 */
export interface CardRewrite {
  key: string;
  node(node: Record<string, unknown>): void;
  inserted(value: object): void;
}

export interface CompileOptions {
  rewrite?: CardRewrite;
}

function compileNode(node: unknown, rewrite: CardRewrite | undefined): Expand {
  if (Array.isArray(node)) {
    const items = node.map((item) => compileNode(item, rewrite));
    return (context) => {
      const out: unknown[] = [];
      for (const item of items) {
        const expanded = item(context);
        if (expanded === null) continue;
        if (Array.isArray(expanded)) for (const element of expanded) out.push(element);
        else out.push(expanded);
      }
      return out;
    };
  }
  if (isExpression(node)) {
    const evaluate = compileExpression(node, true);
    const expand: Expand = (context) => {
      const value = evaluate(context);
      if (value instanceof Failure) throw new Error(String(value.error));
      if (rewrite && typeof value === 'object' && value !== null) (context.inserted ??= []).push(value);
      return value;
    };
    if (THROUGH_LIBRARY.has(evaluate)) MAY_BE_UNDEFINED.add(expand);
    return expand;
  }
  if (typeof node === 'object' && node !== null) return compileObject(node as Record<string, unknown>, rewrite);
  return () => node;
}

function compileObject(node: Record<string, unknown>, rewrite: CardRewrite | undefined): Expand {
  const when = node.$when;
  const data = node.$data;
  const whenExpression = isExpression(when) ? compileExpression(when, false) : undefined;
  const dropAlways = !whenExpression && Boolean(when);
  const dataExpression = isExpression(data) ? compileExpression(data, true) : undefined;
  const keys = Object.keys(node).filter((key) => !RESERVED.has(key));
  const expands = keys.map((key) => compileNode(node[key], rewrite));
  const count = keys.length;
  const fix = rewrite && keys.includes(rewrite.key) ? rewrite.node : undefined;
  const literal = literalMaker(keys, expands);

  /** The node in the current context: its fields, or null when its `$when` is not exactly true. */
  const expandOnce = (context: Context): Record<string, unknown> | null => {
    if (whenExpression) {
      const shown = whenExpression(context);
      if (typeof shown !== 'boolean' || !shown) return null;
    } else if (dropAlways) return null;
    let result: Record<string, unknown>;
    if (literal) result = literal(expands, context);
    else {
      result = {};
      for (let i = 0; i < count; i++) {
        const value = expands[i]!(context);
        if (value !== undefined) result[keys[i]!] = value;
      }
    }
    if (fix) fix(result);
    return result;
  };

  // No `$data`: the node expands once in the context it is in.
  if (data === undefined) return expandOnce;

  return (context) => {
    const savedData = context.$data;
    const savedIndex = context.$index;
    let value: unknown = data;
    if (dataExpression) {
      value = dataExpression(context);
      if (value instanceof Failure) throw new Error(String(value.error));
    }
    let expanded: unknown;
    if (Array.isArray(value)) {
      const results: Record<string, unknown>[] = [];
      for (let i = 0; i < value.length; i++) {
        context.$index = i;
        if (value[i] !== undefined) context._$data = value[i];
        const result = expandOnce(context);
        if (result !== null) results.push(result);
      }
      expanded = results.length === 0 ? null : results.length === 1 ? results[0] : results;
    } else {
      if (value !== undefined) context._$data = value;
      expanded = expandOnce(context);
    }
    context._$data = savedData;
    context.$index = savedIndex;
    return expanded;
  };
}

export interface CompiledTemplate {
  /** What `new Template(payload).expand({ $root: root })` returns. */
  expand(root: unknown): unknown;
}

export function compileTemplate(payload: unknown, options: CompileOptions = {}): CompiledTemplate {
  const { prepare, version } = library();
  const { rewrite } = options;
  const expand = compileNode(prepare(payload), rewrite);
  return {
    expand: (root) => {
      const context = newContext(root, version);
      const expanded = expand(context);
      // After the whole card: an expression later in it may read the same model value as it was.
      if (rewrite && context.inserted) for (const value of context.inserted) rewrite.inserted(value);
      return expanded;
    },
  };
}
