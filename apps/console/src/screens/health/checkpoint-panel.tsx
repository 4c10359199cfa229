import type { ApiFailure } from '../../api/problem';
import { ProblemBanner } from '../../components/problem-banner';
import { Loading } from '../../components/states';
import { Instant } from '../../components/time';
import { download } from '../../format/download';
import { useResource } from '../../hooks/use-resource';
import { useSignedIn } from '../../session/session';

interface Checkpoint {
  readonly note: string;
  readonly origin: string;
  readonly size: number;
  readonly root: string;
  readonly time: string;
  readonly keyId: string;
}

interface CheckpointKey {
  readonly origin: string;
  readonly keyId: string;
  readonly verifierKey: string;
}

const REFRESH_MS = 15_000;

/** No checkpoint yet is a state of a new store, not a failure. */
const notSignedYet = (failure: ApiFailure | undefined) => failure?.code === 'CHECKPOINT_NOT_FOUND';

/**
 * The verifiable log's latest signed checkpoint (docs/auditing.md): what an auditor saves
 * and later proves events and consistency against, with the key that verifies it. Both
 * download as the exact text the offline verifier reads.
 */
export function CheckpointPanel() {
  const { client } = useSignedIn();
  const latest = useResource(
    ['latest-checkpoint'],
    () => client.get<Checkpoint>('/audit/checkpoints/latest'),
    { refetchIntervalMs: REFRESH_MS },
  );
  const key = useResource(['checkpoint-key'], () =>
    client.get<CheckpointKey>('/audit/checkpoints/key'),
  );
  const checkpoint = latest.data;
  return (
    <section className="card" aria-labelledby="checkpoint-title">
      <h2 id="checkpoint-title">Signed checkpoint</h2>
      <p className="help">
        The Merkle log&apos;s latest signed root. Save it: an account&apos;s evidence bundle and
        later checkpoints are verified against it offline (<code>account-ops verify-evidence</code>,{' '}
        <code>verify-consistency</code>).
      </p>
      {latest.error && !notSignedYet(latest.error) && (
        <ProblemBanner failure={latest.error} onRetry={latest.reload} />
      )}
      {notSignedYet(latest.error) && (
        <p className="muted" data-testid="checkpoint-none">
          No checkpoint has been signed yet: the first one follows the first events.
        </p>
      )}
      {latest.loading && !checkpoint && !latest.error && <Loading what="the checkpoint" />}
      {checkpoint && (
        <dl className="pairs" data-testid="checkpoint-facts">
          <dt>Log</dt>
          <dd>{checkpoint.origin}</dd>
          <dt>Tree size</dt>
          <dd data-testid="checkpoint-size">{checkpoint.size} events</dd>
          <dt>Root hash</dt>
          <dd>
            <code className="hash">{checkpoint.root}</code>
          </dd>
          <dt>Signed</dt>
          <dd>
            <Instant iso={checkpoint.time} />
          </dd>
          <dt>Key id</dt>
          <dd>
            <code>{checkpoint.keyId}</code>
          </dd>
        </dl>
      )}
      {key.error && <ProblemBanner failure={key.error} onRetry={key.reload} />}
      <div className="decision-actions">
        {checkpoint && (
          <button
            type="button"
            onClick={() => download(`${checkpoint.size}.checkpoint`, 'text/plain', checkpoint.note)}
          >
            Download checkpoint
          </button>
        )}
        {key.data && (
          <button
            type="button"
            onClick={() =>
              download(`${key.data!.keyId}.vkey`, 'text/plain', `${key.data!.verifierKey}\n`)
            }
          >
            Download public key
          </button>
        )}
      </div>
    </section>
  );
}
