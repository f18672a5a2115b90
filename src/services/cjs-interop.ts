// Some graph libraries are CommonJS with `module.exports = fn` but type it as `export default`.
// Under NodeNext, TypeScript then sees `{ default: fn }` while Node hands over `fn` itself.

export function cjsDefault<T>(imported: { default: T }): T {
  return (imported as { default?: T }).default ?? (imported as unknown as T);
}
