import { CommandAdmission, CommandsOverloaded } from './command-admission';

describe('CommandAdmission', () => {
  it('admits up to the bound, refuses beyond it, and admits again once one settled', () => {
    const admission = new CommandAdmission(2);
    const first = admission.admit(true, 'a');
    admission.admit(true, 'b');
    expect(() => admission.admit(true)).toThrow(CommandsOverloaded);
    expect(admission.load()).toEqual({ inFlight: 2, limit: 2, shedding: true, shedTotal: 1 });
    first();
    first(); // a second release of the same command changes nothing
    expect(admission.load()).toMatchObject({ inFlight: 1, shedding: false });
    expect(() => admission.admit(true, 'c')).not.toThrow();
  });

  it('gives one actor at most half of the bound, so others always find room', () => {
    const admission = new CommandAdmission(5);
    const flood = [1, 2, 3].map(() => admission.admit(true, 'flood'));
    expect(() => admission.admit(true, 'flood')).toThrow(CommandsOverloaded);
    expect(admission.load()).toMatchObject({ inFlight: 3, shedding: false, shedTotal: 1 });
    admission.admit(true, 'victim');
    admission.admit(true, 'victim');
    expect(() => admission.admit(true, 'other')).toThrow(CommandsOverloaded); // now full
    flood[0]!();
    expect(() => admission.admit(true, 'flood')).not.toThrow();
  });

  it('counts work that must not be shed without ever refusing it', () => {
    const admission = new CommandAdmission(1);
    admission.admit(true, 'a');
    const exempt = admission.admit(false, 'a');
    expect(admission.load()).toMatchObject({ inFlight: 2, shedding: true, shedTotal: 0 });
    exempt();
    expect(admission.load().inFlight).toBe(1);
  });

  it('has no bound without a limit', () => {
    const admission = new CommandAdmission();
    for (let i = 0; i < 1000; i++) admission.admit(true, 'a');
    expect(admission.load()).toEqual({
      inFlight: 1000,
      limit: null,
      shedding: false,
      shedTotal: 0,
    });
  });

  it('refuses a bound below one', () => {
    expect(() => new CommandAdmission(0)).toThrow(RangeError);
  });

  it('carries a stable code for the API', () => {
    expect(new CommandsOverloaded(5)).toMatchObject({ code: 'OVERLOADED', limit: 5 });
  });
});
