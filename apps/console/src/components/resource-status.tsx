import type { ReactNode } from 'react';
import type { Resource } from '../hooks/use-resource';
import { ProblemBanner } from './problem-banner';
import { Empty, Loading } from './states';

/** A read's error banner (with retry), its first loading, and its empty state. */
export function ResourceStatus({
  resource,
  what,
  empty,
}: {
  resource: Resource<unknown>;
  what: string;
  /** Shown once loaded when there is nothing to list; `false` when there is. */
  empty: ReactNode;
}) {
  return (
    <>
      {resource.error && <ProblemBanner failure={resource.error} onRetry={resource.reload} />}
      {resource.loading && resource.data === undefined && <Loading what={what} />}
      {resource.data !== undefined && empty !== false && <Empty>{empty}</Empty>}
    </>
  );
}
