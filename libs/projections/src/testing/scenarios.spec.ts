import { EVENT_TYPES } from '@account-ops/accounts';
import { AccountsDriver } from './accounts-driver';
import { everyEventStory } from './scenarios';

describe('test scenarios', () => {
  it('everyEventStory emits every event type, so tests over it cover every type', () => {
    const driver = new AccountsDriver().run(everyEventStory('acc-1'));
    expect(new Set(driver.events.map((e) => e.type))).toEqual(new Set(EVENT_TYPES));
    expect(driver.state('acc-1').status).toBe('closed');
  });
});
