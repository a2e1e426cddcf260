import { ErrorNotice } from './ErrorNotice';
import { LoadingState } from './LoadingState';

interface QueryStatusProps {
  query: { isPending: boolean; isError: boolean; error: unknown; refetch: () => Promise<unknown> };
}

/** What a screen shows while its data loads, or when loading it failed (with a way to try again). */
export function QueryStatus({ query }: QueryStatusProps) {
  return (
    <>
      {query.isPending && <LoadingState />}
      {query.isError && <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />}
    </>
  );
}
