import { GraphQLError, Kind, visit, type DocumentNode, type ExecutionArgs } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Viewer } from '../../services/access/domain/access.js';
import { isPseudonymised } from '../../services/access/domain/privacy.js';
import type { PrivacyKeys } from '../../services/access/privacy-keys.js';

// Person ids read like names ("person:clara-richter"). A pseudonymised caller gets every person
// id in every answer as an opaque one, and may send opaque ids back: they are turned into real
// ids before the resolvers run; a plain person id they send finds nobody (ids carry names, so
// guessing one must not confirm that someone is in the network). Done here, on the whole answer,
// so no field can forget it.

const PERSON_ID = /^person:[^~]/;
/** What an unknown or plain person id from a pseudonymised caller becomes: an id nobody has. */
const NOBODY = 'person:~';
/** Person ids inside a longer text (a JSON detail, a sentence): hidden there too. */
const PERSON_ID_IN_TEXT = /person:[\w-]/;
const PERSON_IDS_IN_TEXT = /person:[\w.-]+/g;

export function useOpaquePersonIds(keys: PrivacyKeys): Plugin {
  const hide = (value: unknown): unknown => {
    if (typeof value === 'string')
      return PERSON_ID.test(value)
        ? keys.opaqueId(value)
        : PERSON_ID_IN_TEXT.test(value)
          ? value.replace(PERSON_IDS_IN_TEXT, (id) => keys.opaqueId(id))
          : value;
    if (Array.isArray(value)) return value.map(hide);
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, hide(v)]));
    return value;
  };
  const revealOne = (value: string): string =>
    keys.isOpaqueId(value) ? (keys.revealId(value) ?? NOBODY) : PERSON_ID.test(value) ? NOBODY : value;
  const reveal = (value: unknown): unknown => {
    if (typeof value === 'string') return revealOne(value);
    if (Array.isArray(value)) return value.map(reveal);
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reveal(v)]));
    return value;
  };
  const revealDocument = (document: DocumentNode): DocumentNode =>
    visit(document, {
      StringValue: (node) =>
        revealOne(node.value) !== node.value ? { ...node, kind: Kind.STRING, value: revealOne(node.value) } : undefined,
    });
  const prepare = (args: ExecutionArgs): ExecutionArgs => ({
    ...args,
    document: revealDocument(args.document),
    variableValues: args.variableValues
      ? (reveal(args.variableValues) as Record<string, unknown>)
      : args.variableValues,
  });
  const hideResult = (result: unknown): unknown => {
    if (result && typeof result === 'object' && Symbol.asyncIterator in result)
      return mapAsync(result as AsyncIterable<unknown>, hideAnswer);
    return hideAnswer(result);
  };
  const hideAnswer = (result: unknown): unknown => {
    const answer = result as { data?: unknown; errors?: readonly GraphQLError[] };
    if (!answer || typeof answer !== 'object') return result;
    const errors = answer.errors?.map((e) =>
      PERSON_ID_IN_TEXT.test(e.message)
        ? new GraphQLError(
            e.message.replace(PERSON_IDS_IN_TEXT, (id) => keys.opaqueId(id)),
            {
              nodes: e.nodes ?? null,
              path: e.path ?? null,
              originalError: e.originalError ?? null,
              extensions: e.extensions,
            },
          )
        : e,
    );
    return {
      ...answer,
      ...(answer.data !== undefined ? { data: hide(answer.data) } : {}),
      ...(errors ? { errors } : {}),
    };
  };
  const pseudonymised = (context: unknown) => isPseudonymised((context as { viewer: Viewer }).viewer);

  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      if (!pseudonymised(args.contextValue)) return;
      setExecuteFn(
        async (given) => hideResult(await executeFn(prepare(given))) as Awaited<ReturnType<typeof executeFn>>,
      );
    },
    onSubscribe({ args, subscribeFn, setSubscribeFn }) {
      if (!pseudonymised(args.contextValue)) return;
      setSubscribeFn(
        async (given) => hideResult(await subscribeFn(prepare(given))) as Awaited<ReturnType<typeof subscribeFn>>,
      );
    },
  };
}

async function* mapAsync<T>(source: AsyncIterable<T>, map: (item: T) => unknown): AsyncGenerator<unknown> {
  for await (const item of source) yield map(item);
}
