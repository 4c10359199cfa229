import { checkWebhookUrl, refusedAddress, WebhookUrlRefused } from './address-guard';

const production = { development: false };
const development = { development: true };
const resolvesTo =
  (...addresses: string[]) =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

describe('webhook request-forgery guard', () => {
  it.each([
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.100.100.200',
    '0.0.0.0',
    'fd00:ec2::254',
    'fe80::1',
    '::ffff:10.0.0.1',
    '::ffff:a9fe:a9fe',
    '64:ff9b::a9fe:a9fe',
    '224.0.0.1',
  ])('refuses %s in any mode', (address) => {
    expect(refusedAddress(address, false)).toBeDefined();
    expect(refusedAddress(address, true)).toBeDefined();
  });

  it('refuses loopback outside development only', () => {
    for (const address of ['127.0.0.1', '127.9.9.9', '::1', '::ffff:127.0.0.1']) {
      expect(refusedAddress(address, false)).toMatch(/loopback/);
      expect(refusedAddress(address, true)).toBeUndefined();
    }
  });

  it('allows public addresses', () => {
    for (const address of ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c']) {
      expect(refusedAddress(address, false)).toBeUndefined();
    }
  });

  it.each([
    ['https://10.0.0.7/hook', /private/],
    ['https://169.254.169.254/latest/meta-data', /metadata/],
    ['https://[::1]:8443/hook', /loopback/],
    ['http://hooks.example.com/x', /https/],
    ['ftp://hooks.example.com/x', /https/],
    ['https://user:pw@hooks.example.com/x', /password/],
    ['not a url', /valid/],
  ])('refuses %s at registration outside development', async (url, why) => {
    const check = checkWebhookUrl(url, { ...production, resolve: resolvesTo('93.184.215.14') });
    await expect(check).rejects.toThrow(WebhookUrlRefused);
    await expect(check).rejects.toThrow(why);
  });

  it('refuses a name that resolves to a private address, even among public ones', async () => {
    const resolve = resolvesTo('93.184.215.14', '10.0.0.8');
    await expect(
      checkWebhookUrl('https://hooks.example.com/x', { ...production, resolve }),
    ).rejects.toThrow(/10\.0\.0\.8/);
  });

  it('accepts https to a public address, and http only to loopback in development', async () => {
    const resolve = resolvesTo('93.184.215.14');
    await expect(
      checkWebhookUrl('https://hooks.example.com/x', { ...production, resolve }),
    ).resolves.toBeInstanceOf(URL);
    await expect(checkWebhookUrl('http://127.0.0.1:9000/x', development)).resolves.toBeInstanceOf(
      URL,
    );
    await expect(checkWebhookUrl('http://127.0.0.1:9000/x', production)).rejects.toThrow(
      /loopback/,
    );
    await expect(
      checkWebhookUrl('http://hooks.example.com/x', { ...development, resolve }),
    ).rejects.toThrow(/http is allowed only/);
  });
});
