import type { ReactNode } from 'react';
import type { Failure } from '../../db/contract';
import { FormFailure } from './forms';
import { Pager, type PagerProps } from './Pager';

interface ListResultsProps {
  /** The list's refusal, if its search was refused (shown beside the search box by the filter bar too). */
  failure: Failure | null;
  pager: Omit<PagerProps, 'busy' | 'testId'>;
  busy: boolean;
  testId: string;
  /** The table of the page's rows. */
  children: ReactNode;
}

/** Under a list's filter bar: the refusal of its search, or the pager above the page's rows. */
export function ListResults({ failure, pager, busy, testId, children }: ListResultsProps) {
  return (
    <>
      <FormFailure failure={failure} fields={['text']} />
      {/* A refused search shows the refusal alone: the last list under it would read as its result. */}
      {!failure && (
        <>
          <Pager {...pager} busy={busy} testId={testId} />
          {children}
        </>
      )}
    </>
  );
}
