// Documents the routes generator hands to emit, as JSON would give them back: the YAML writer prints
// a value of plain data exactly as it prints the value's JSON copy, so only other values are copied.
/**
 * The value itself when the YAML writer prints it as it would print the JSON copy (plain objects
 * and arrays of strings, finite numbers, booleans, null and undefined), else that copy. Objects the
 * value shares, such as the spec of a team's AlertmanagerConfigs, are looked at once.
 */
export function emittable<T>(value: T): T {
  return printsAsJson(value, new Set(), new Set()) ? value : (JSON.parse(JSON.stringify(value)) as T);
}

function printsAsJson(value: unknown, checked: Set<object>, open: Set<object>): boolean {
  if (value === null || value === undefined) return true;
  const type = typeof value;
  if (type === 'string' || type === 'boolean') return true;
  if (type === 'number') return Number.isFinite(value);
  if (type !== 'object') return false;
  const object = value as object;
  if (checked.has(object)) return true;
  // A cycle: JSON.stringify throws, as it always did.
  if (open.has(object)) return false;
  const isArray = Array.isArray(object);
  if (!isArray && Object.getPrototypeOf(object) !== Object.prototype) return false;
  if ('toJSON' in object) return false;
  open.add(object);
  const values = isArray ? (object as readonly unknown[]) : Object.values(object);
  const plain = values.every((v) => printsAsJson(v, checked, open));
  open.delete(object);
  if (plain) checked.add(object);
  return plain;
}
