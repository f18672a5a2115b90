import { GraphQLError, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { DomainError, NotFound, type Language } from '../../domain/errors.js';

// A domain error thrown by a resolver reaches the caller with its stable code and its message in
// the caller's language (plus the closest names for an unknown one). Runs before masking, which
// then lets these deliberate errors pass and hides everything else.

export function useDomainErrors(): Plugin<{ language: Language }> {
  const localizeResult =
    (contextValue: unknown) =>
    ({
      result,
      setResult,
    }: {
      result: ExecutionResult | AsyncIterable<ExecutionResult>;
      setResult: (result: ExecutionResult) => void;
    }) => {
      if (Symbol.asyncIterator in result) return;
      if (!result.errors?.some((e) => e.originalError instanceof DomainError)) return;
      const language = (contextValue as { language?: Language }).language ?? 'de';
      setResult({ ...result, errors: result.errors.map((e) => localize(e, language)) });
    };
  return {
    onExecute: ({ args }) => ({ onExecuteDone: localizeResult(args.contextValue) }),
    // A subscription refused before it starts (e.g. not signed in) is a result, not a stream.
    onSubscribe: ({ args }) => ({ onSubscribeResult: localizeResult(args.contextValue) }),
  };
}

function localize(error: GraphQLError, language: Language): GraphQLError {
  const original = error.originalError;
  if (!(original instanceof DomainError)) return error;
  const extensions: Record<string, unknown> = { code: original.code };
  if (original instanceof NotFound && original.suggestions.length) extensions.suggestions = original.suggestions;
  return new GraphQLError(original.localized(language), { nodes: error.nodes, path: error.path, extensions });
}
