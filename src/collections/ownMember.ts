// Sets a member on a plain object as JSON.parse would: a key named "__proto__" (JSON may hold one) becomes an own,
// enumerable member, where a plain assignment would change the object's prototype instead (or, for a string value,
// silently do nothing).
export function setOwnMember<T>(target: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
