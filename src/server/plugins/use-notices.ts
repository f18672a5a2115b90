import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Notice } from '../../../schema/context.js';

// Resolvers note what an answer should say besides its data (a figure served from before the
// last change while it is worked out anew); the caller finds it in `extensions.notices`.

export function useNotices(): Plugin<{ notices?: Notice[] }> {
  return {
    onExecute: ({ args }) => ({
      onExecuteDone: ({ result, setResult }) => {
        const notices = (args.contextValue as { notices?: Notice[] }).notices;
        if (!notices?.length || Symbol.asyncIterator in result) return;
        const single = result as ExecutionResult;
        setResult({ ...single, extensions: { ...single.extensions, notices } });
      },
    }),
  };
}
