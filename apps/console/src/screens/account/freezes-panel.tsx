import type { Account } from '../../api/types';
import { Instant } from '../../components/time';
import { FREEZE_REASONS, FREEZE_WAY_OUT } from '../../format/labels';

/** Every active freeze reason, since when, by whom, why — and its way out. */
export function FreezesPanel({ account }: { account: Account }) {
  return (
    <section className="card" aria-labelledby="freezes-title">
      <h2 id="freezes-title">Freezes</h2>
      {account.freezes.length === 0 ? (
        <p>Not frozen.</p>
      ) : (
        <table className="data">
          <caption>The account stays frozen while any reason is active</caption>
          <thead>
            <tr>
              <th scope="col">Reason</th>
              <th scope="col">Since</th>
              <th scope="col">By</th>
              <th scope="col">Note</th>
              <th scope="col">Way out</th>
            </tr>
          </thead>
          <tbody>
            {account.freezes.map((f) => (
              <tr key={f.reason}>
                <th scope="row">{FREEZE_REASONS[f.reason] ?? f.reason}</th>
                <td>
                  <Instant iso={f.since} />
                </td>
                <td>{f.by}</td>
                <td>{f.note ?? '—'}</td>
                <td>{FREEZE_WAY_OUT[f.reason] ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
