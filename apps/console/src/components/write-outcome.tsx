import type { useWrite } from '../hooks/use-write';
import { useSignedIn } from '../session/session';
import { ProblemBanner } from './problem-banner';
import { StepUpDialog } from './step-up-dialog';

/** What a form's write exposes to the parts shown after the form. */
export type FormWrite = Pick<
  ReturnType<typeof useWrite<unknown>>,
  'state' | 'codePrompt' | 'retry' | 'submitCode' | 'cancelCode'
>;

/**
 * What follows a write form: the refusal (with "Try again" when retrying can help) and the
 * second-factor dialog. `onDone` runs once the write went through after a retry or a code.
 */
export function WriteOutcome({
  write,
  action,
  onDone,
  idPrefix,
}: {
  write: FormWrite;
  /** Completes "… needs your second factor", e.g. "Changing the bank card". */
  action: string;
  onDone(): void;
  idPrefix?: string;
}) {
  const { session } = useSignedIn();
  const state = write.state;
  return (
    <>
      {state.phase === 'failed' && (
        <ProblemBanner
          failure={state.failure}
          onRetry={
            state.failure.isRetryable
              ? () => void write.retry().then((r) => r && onDone())
              : undefined
          }
        />
      )}
      <StepUpDialog
        {...write.codePrompt}
        secondFactor={session.secondFactor}
        action={action}
        onSubmit={(code) => void write.submitCode(code).then((r) => r && onDone())}
        onCancel={write.cancelCode}
        {...(idPrefix ? { idPrefix } : {})}
      />
    </>
  );
}
