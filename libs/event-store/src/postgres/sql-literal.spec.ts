import fc from 'fast-check';
import { escapeLiteral } from 'pg';
import { sqlLiteral } from './sql-literal';

describe('sqlLiteral', () => {
  it("writes exactly what pg's escapeLiteral writes", () => {
    const char = fc.oneof(
      fc.constantFrom("'", '\\', '"', 'E', ' ', '\n', '\ud800', '😀'),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    );
    fc.assert(
      fc.property(fc.string({ unit: char, maxLength: 30 }), (value) => {
        expect(sqlLiteral(value)).toBe(escapeLiteral(value));
      }),
      { numRuns: 5000 },
    );
  });
});
