import { claimAt, parseRoleMap, rolesFromClaims, showRoleMap } from './role-mapping';

describe('claim → role mapping', () => {
  it('takes the values that name a role when no map is configured; system never', () => {
    expect(rolesFromClaims({ roles: ['approver', 'auditor', 'approver'] }, 'roles', {})).toEqual([
      'approver',
      'auditor',
    ]);
    expect(rolesFromClaims({ roles: ['system', 'root', 42, null] }, 'roles', {})).toEqual([]);
  });

  it('grants nothing unless the claim is an array of strings', () => {
    for (const value of ['admin', { admin: true }, null, undefined, 1]) {
      expect(rolesFromClaims({ roles: value }, 'roles', {})).toEqual([]);
    }
    expect(rolesFromClaims({}, 'roles', {})).toEqual([]);
  });

  it('with a map, only mapped values count (a group called admin grants nothing unmapped)', () => {
    const map = parseRoleMap('finance-checkers=approver;ops=operator|auditor;ops=compliance');
    expect(map).toEqual({
      'finance-checkers': ['approver'],
      ops: ['operator', 'auditor', 'compliance'],
    });
    expect(
      rolesFromClaims({ groups: ['ops', 'admin', 'finance-checkers'] }, 'groups', map),
    ).toEqual(['operator', 'auditor', 'compliance', 'approver']);
    expect(showRoleMap(map)).toBe('finance-checkers=approver;ops=operator|auditor|compliance');
  });

  it('reads a claim by its exact name first, then as a dotted path', () => {
    expect(claimAt({ 'https://bank.example/roles': ['a'] }, 'https://bank.example/roles')).toEqual([
      'a',
    ]);
    expect(claimAt({ realm_access: { roles: ['approver'] } }, 'realm_access.roles')).toEqual([
      'approver',
    ]);
    expect(claimAt({ realm_access: 'x' }, 'realm_access.roles')).toBeUndefined();
    expect(
      rolesFromClaims({ realm_access: { roles: ['admin'] } }, 'realm_access.roles', {}),
    ).toEqual(['admin']);
  });

  it('names the bad entry', () => {
    expect(() => parseRoleMap('a=approver;b=boss')).toThrow(/entry 2 .*"boss"/);
    expect(() => parseRoleMap('justtext')).toThrow(/entry 1/);
  });
});
