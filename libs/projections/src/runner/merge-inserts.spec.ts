import Database from 'better-sqlite3';
import { SqlRunner, type SqlStatement } from '@account-ops/event-store';
import { mergeInserts } from './merge-inserts';

const insert = (id: string, v: number): SqlStatement => ({
  sql: "INSERT INTO t (id, v, kind) VALUES (?, ?, 'x') ON CONFLICT (id) DO NOTHING",
  params: [id, v],
});
const update = (id: string): SqlStatement => ({
  sql: 'UPDATE t SET v = v + 1 WHERE id = ?',
  params: [id],
});
const upsert = (id: string): SqlStatement => ({
  sql: 'INSERT INTO t (id, v, kind) VALUES (?, 0, ?) ON CONFLICT (id) DO UPDATE SET v = t.v + 1',
  params: [id, 'y'],
});

function rowsAfter(statements: readonly SqlStatement[]) {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (id TEXT PRIMARY KEY, v INTEGER, kind TEXT)');
  new SqlRunner(db).run(statements);
  const rows = db.prepare('SELECT id, v, kind FROM t ORDER BY id').all();
  db.close();
  return rows;
}

describe('mergeInserts', () => {
  it('joins runs of one single-row INSERT into multi-row ones and keeps the rest in place', () => {
    const statements = [
      ...Array.from({ length: 7 }, (_, i) => insert(`a${i}`, i)),
      update('a1'),
      ...Array.from({ length: 2 }, (_, i) => insert(`b${i}`, i)),
      upsert('a2'),
      upsert('a2'),
    ];
    const merged = mergeInserts(statements, 3);
    expect(merged.map((s) => s.params.length)).toEqual([6, 6, 2, 1, 2, 2, 2, 2]);
    expect(merged[0]!.sql).toBe(
      "INSERT INTO t (id, v, kind) VALUES (?, ?, 'x'), (?, ?, 'x'), (?, ?, 'x') ON CONFLICT (id) DO NOTHING",
    );
    expect(merged[0]!.sql).toBe(merged[1]!.sql);
    expect(merged.slice(2)).toEqual(statements.slice(6));
  });

  it('writes the rows the statements write, duplicates skipped by DO NOTHING included', () => {
    const statements = [
      insert('k1', 1),
      insert('k2', 2),
      insert('k1', 99),
      insert('k3', 3),
      update('k1'),
      insert('k3', 42),
      insert('k4', 4),
      upsert('k4'),
      upsert('k5'),
    ];
    expect(mergeInserts(statements, 2)).not.toEqual(statements);
    expect(rowsAfter(mergeInserts(statements, 2))).toEqual(rowsAfter(statements));
  });

  it('leaves statements it cannot join alone', () => {
    const others: SqlStatement[] = [
      {
        sql: 'INSERT INTO t (id, v, kind) VALUES (?, 1, ?), (?, 2, ?)',
        params: ['a', 'x', 'b', 'y'],
      },
      {
        sql: 'INSERT INTO t (id, v, kind) VALUES (?, 1, ?), (?, 2, ?)',
        params: ['c', 'x', 'd', 'y'],
      },
      { sql: 'INSERT INTO t (id, v, kind) SELECT id, v, kind FROM t', params: [] },
      { sql: 'INSERT INTO t (id, v, kind) SELECT id, v, kind FROM t', params: [] },
    ];
    expect(mergeInserts(others, 2)).toEqual(others);
  });
});
