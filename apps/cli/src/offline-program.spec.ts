import { commandOf, createOfflineProgram, OFFLINE_COMMANDS } from './offline-program';
import { createProgram } from './program';

const argv = (...args: string[]) => ['node', 'account-ops', ...args];

describe('the offline program (verify-evidence, verify-consistency without the engine)', () => {
  it('finds the command after the global options', () => {
    expect(commandOf(argv('verify-evidence', 'b.json'))).toBe('verify-evidence');
    expect(commandOf(argv('--debug', '--store', 'sqlite:x', 'verify-consistency'))).toBe(
      'verify-consistency',
    );
    expect(commandOf(argv('--store=sqlite:x', 'verify-evidence'))).toBe('verify-evidence');
    // --store's value is not the command, whatever it is called.
    expect(commandOf(argv('--store', 'verify-evidence', 'events', 'acc-1'))).toBe('events');
    expect(commandOf(argv('--help', 'verify-evidence'))).toBeUndefined();
    expect(commandOf(argv())).toBeUndefined();
  });

  it('declares its commands as the full program does', () => {
    const describe = (program: ReturnType<typeof createProgram>) =>
      program.commands
        .filter((c) => OFFLINE_COMMANDS.has(c.name()))
        .map((c) => ({ name: c.name(), help: c.helpInformation() }));
    const offline = describe(createOfflineProgram());
    expect(offline.map((c) => c.name)).toEqual([...OFFLINE_COMMANDS]);
    expect(offline).toEqual(describe(createProgram()));
  });
});
