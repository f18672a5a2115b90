import {
  getNamedType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { NetworkEvents } from '../../services/reads/network-events.js';

// The same question from the same caller, asked again while nothing changed (a map or a
// dashboard that many keep open, an analyst's script in a loop), is answered with the bytes sent
// the last time instead of being worked out and serialised anew. Three rules keep that honest:
// - Only questions answered from the network's records alone: every field asked for is on a
//   type in CACHEABLE (requests, meetings, projects, tokens, suggestions, figures worked out in
//   the background and layout positions never are).
// - An answer belongs to one caller: the key holds the caller's token (or, without one, their
//   address), language, the document, its operation and variables. Authentication and the rate
//   limit run before the cache as for every request; a revoked token is refused, never answered.
// - Any change this instance hears of (its own writes, another instance's through Redis, another
//   writer of the store through the store watcher) and any mutation it ran drops every answer;
//   and an answer lives at most ANSWER_LIFETIME_MS, so what follows the clock (today's date as a
//   link's last activity, a role that ends at midnight) is never older than that.
// An answer that raced a change is not kept.

/** Every field a cached answer may hold, by type; `*` for all of a type's fields. */
const CACHEABLE: Record<string, readonly string[]> = {
  Query: [
    'district',
    'districts',
    'municipality',
    'municipalities',
    'contacts',
    'network',
    'path',
    'search',
    'alliances',
    'institutions',
    'topics',
    'people',
  ],
  District: ['*'],
  Municipality: ['*'],
  Person: ['*'],
  Alliance: ['*'],
  Institution: ['*'],
  Topic: ['*'],
  RoleAssignment: ['*'],
  ContactChannel: ['*'],
  Contact: ['*'],
  Link: ['*'],
  Network: ['*'],
  NetworkEdge: ['*'],
  // Positions come from a layout worked out in the background, without a change to announce it.
  NetworkNode: ['districtAgs', 'id', 'label', 'since', 'size', 'type', 'until'],
  PageInfo: ['*'],
  QueryAlliancesConnection: ['*'],
  QueryAlliancesConnectionEdge: ['*'],
  QueryInstitutionsConnection: ['*'],
  QueryInstitutionsConnectionEdge: ['*'],
  QueryMunicipalitiesConnection: ['*'],
  QueryMunicipalitiesConnectionEdge: ['*'],
  QueryPeopleConnection: ['*'],
  QueryPeopleConnectionEdge: ['*'],
  QueryTopicsConnection: ['*'],
  QueryTopicsConnectionEdge: ['*'],
};

const ANSWER_LIFETIME_MS = 1000;
/** Answers larger than this are not kept (the whole of Germany's network is tens of megabytes). */
const MAX_ANSWER_BYTES = 2_000_000;
/** Beyond this many bytes or answers the cache starts over. */
const MAX_TOTAL_BYTES = 64_000_000;
const MAX_ANSWERS = 2_000;

interface Answer {
  result: ExecutionResult;
  bytes: Buffer<ArrayBuffer>;
  generation: number;
  at: number;
}

interface Pending {
  answers: Map<string, Answer>;
  key: string;
  generation: number;
  at: number;
}

interface CallerContext {
  tokenKey?: string;
  language?: string;
}

export function useAnswerCache(events: NetworkEvents, now: () => number = Date.now): Plugin {
  const cacheable = new WeakMap<DocumentNode, boolean>();
  const byDocument = new WeakMap<DocumentNode, Map<string, Answer>>();
  const served = new WeakMap<object, Answer>();
  const pending = new WeakMap<object, Pending>();
  let generation = 0;
  let answers = 0;
  let bytes = 0;
  const forgetAll = () => {
    generation++;
  };
  events.subscribe(forgetAll);

  const isCacheable = (args: ExecutionArgs): boolean => {
    let known = cacheable.get(args.document);
    if (known === undefined) {
      known = onlyCacheableFields(args.schema, args.document);
      cacheable.set(args.document, known);
    }
    return known;
  };

  return {
    onExecute({ args, setResultAndStopExecution }) {
      if (!isCacheable(args)) {
        // A mutation this instance ran may have changed what a cached answer says, announced or not.
        return isMutation(args) ? { onExecuteDone: forgetAll } : undefined;
      }
      const caller = args.contextValue as CallerContext;
      if (!caller.tokenKey) return;
      const key = JSON.stringify([
        caller.tokenKey,
        caller.language ?? 'de',
        args.operationName ?? null,
        args.variableValues ?? null,
      ]);
      let forDocument = byDocument.get(args.document);
      const kept = forDocument?.get(key);
      if (kept && kept.generation === generation && now() - kept.at < ANSWER_LIFETIME_MS) {
        served.set(kept.result, kept);
        setResultAndStopExecution(kept.result);
        return;
      }
      if (!forDocument) byDocument.set(args.document, (forDocument = new Map()));
      const started = { answers: forDocument, key, generation, at: now() };
      return {
        onExecuteDone({ result }) {
          if (Symbol.asyncIterator in result) return;
          const single = result as ExecutionResult;
          if (single.errors?.length || single.extensions || started.generation !== generation) return;
          pending.set(single, started);
        },
      };
    },
    onResultProcess({ request, result, setResultProcessor }) {
      if (!plainJsonAccepted(request)) return;
      let answer = served.get(result as object);
      const started = pending.get(result as object);
      if (!answer && started && started.generation === generation) {
        const single = result as ExecutionResult & { stringify?: (r: unknown) => string };
        const encoded = Buffer.from((single.stringify ?? JSON.stringify)(single));
        if (encoded.byteLength > MAX_ANSWER_BYTES) return;
        if (answers >= MAX_ANSWERS || bytes + encoded.byteLength > MAX_TOTAL_BYTES) startOver();
        answer = { result: single, bytes: encoded, generation: started.generation, at: started.at };
        const replaced = started.answers.get(started.key);
        if (replaced) bytes -= replaced.bytes.byteLength;
        else answers++;
        started.answers.set(started.key, answer);
        bytes += encoded.byteLength;
      }
      if (!answer) return;
      const body = answer.bytes;
      setResultProcessor(
        (_result, fetchAPI) =>
          new fetchAPI.Response(body, { status: 200, headers: { 'Content-Type': 'application/json; charset=utf-8' } }),
        'application/json',
      );
    },
  };

  function startOver() {
    // The answers hang off their documents (weakly); a new generation makes them all unusable.
    generation++;
    answers = 0;
    bytes = 0;
  }
}

function isMutation(args: ExecutionArgs): boolean {
  return args.document.definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION && d.operation === 'mutation');
}

/** True when every operation is a query and every field it selects is one CACHEABLE allows. */
function onlyCacheableFields(schema: GraphQLSchema, document: DocumentNode): boolean {
  if (document.definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION && d.operation !== 'query')) return false;
  const typeInfo = new TypeInfo(schema);
  let allowed = true;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        if (node.name.value.startsWith('__')) return;
        const parent = typeInfo.getParentType();
        const fields = parent ? CACHEABLE[getNamedType(parent).name] : undefined;
        if (!fields || !(fields.includes('*') || fields.includes(node.name.value))) allowed = false;
      },
    }),
  );
  return allowed;
}

/** Only answers asked for as plain JSON (or anything) are sent from bytes; the rest as yoga would. */
function plainJsonAccepted(request: Request): boolean {
  const accept = request.headers.get('accept');
  if (!accept) return true;
  const first = accept.split(',')[0]!.split(';')[0]!.trim().toLowerCase();
  return first === 'application/json' || first === '*/*';
}
