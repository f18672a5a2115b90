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
// An answer that raced a change is not kept. Callers asking the same question while it is being
// worked out wait for that one answer (after a change, ten connections would otherwise all work
// out the same answer at once).

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

interface CallerContext {
  tokenKey?: string;
  language?: string;
}

export function useAnswerCache(events: NetworkEvents, now: () => number = Date.now): Plugin {
  const cacheable = new WeakMap<DocumentNode, boolean>();
  const documentIds = new WeakMap<DocumentNode, number>();
  let documents = 0;
  const kept = new Map<string, Answer>();
  /** Answers being worked out, by generation and key: who asks the same meanwhile waits for it. */
  const underWay = new Map<string, Promise<ExecutionResult | null>>();
  const served = new WeakMap<object, Answer>();
  let generation = 0;
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
  const keyOf = (args: ExecutionArgs, caller: CallerContext & { tokenKey: string }): string => {
    let documentId = documentIds.get(args.document);
    if (documentId === undefined) documentIds.set(args.document, (documentId = documents++));
    return JSON.stringify([
      documentId,
      caller.tokenKey,
      caller.language ?? 'de',
      args.operationName ?? null,
      args.variableValues ?? null,
    ]);
  };
  const fresh = (answer: Answer | undefined): answer is Answer =>
    !!answer && answer.generation === generation && now() - answer.at < ANSWER_LIFETIME_MS;
  const keep = (key: string, result: ExecutionResult, at: number, of: number): Answer | null => {
    const single = result as ExecutionResult & { stringify?: (r: unknown) => string };
    const encoded = Buffer.from((single.stringify ?? JSON.stringify)(single));
    if (encoded.byteLength > MAX_ANSWER_BYTES) return null;
    if (kept.size >= MAX_ANSWERS || bytes + encoded.byteLength > MAX_TOTAL_BYTES) {
      kept.clear();
      bytes = 0;
    }
    const answer = { result: single, bytes: encoded, generation: of, at };
    bytes += encoded.byteLength - (kept.get(key)?.bytes.byteLength ?? 0);
    kept.set(key, answer);
    served.set(single, answer);
    return answer;
  };

  return {
    onExecute({ args, setResultAndStopExecution }) {
      if (!isCacheable(args)) {
        // A mutation this instance ran may have changed what a cached answer says, announced or not.
        return isMutation(args) ? { onExecuteDone: forgetAll } : undefined;
      }
      const caller = args.contextValue as CallerContext;
      if (!caller.tokenKey) return;
      const key = keyOf(args, caller as CallerContext & { tokenKey: string });
      const answer = kept.get(key);
      if (fresh(answer)) {
        setResultAndStopExecution(answer.result);
        return;
      }
      const started = { generation, at: now() };
      const flight = `${started.generation} ${key}`;
      const leader = underWay.get(flight);
      if (leader) {
        // Ten callers asking the same right after a change: one works it out for all.
        return Promise.race([leader, delay(ANSWER_LIFETIME_MS)]).then((result) => {
          if (result) setResultAndStopExecution(result);
          // A leader that never finished (its execution threw) leads no more.
          else if (underWay.get(flight) === leader) underWay.delete(flight);
        });
      }
      let done!: (result: ExecutionResult | null) => void;
      underWay.set(flight, new Promise((resolve) => (done = resolve)));
      return {
        onExecuteDone({ result }) {
          underWay.delete(flight);
          const single = result as ExecutionResult;
          const keepable =
            !(Symbol.asyncIterator in result) &&
            !single.errors?.length &&
            !single.extensions &&
            started.generation === generation;
          done(keepable && keep(key, single, started.at, started.generation) ? single : null);
        },
      };
    },
    onResultProcess({ request, result, setResultProcessor }) {
      const answer = served.get(result as object);
      if (!answer || !plainJsonAccepted(request)) return;
      const body = answer.bytes;
      setResultProcessor(
        (_result, fetchAPI) =>
          new fetchAPI.Response(body, { status: 200, headers: { 'Content-Type': 'application/json; charset=utf-8' } }),
        'application/json',
      );
    },
  };
}

const delay = (ms: number) => new Promise<null>((resolve) => setTimeout(() => resolve(null), ms).unref());

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
