import { BlockList, isIP } from 'node:net';
import { lookup } from 'node:dns/promises';

/** Resolves a host name to every address it has (default: the system resolver). */
export type ResolveHost = (
  host: string,
) => Promise<ReadonlyArray<{ readonly address: string; readonly family: number }>>;

export const systemResolveHost: ResolveHost = (host) => lookup(host, { all: true, verbatim: true });

/** A webhook URL or address refused by the request-forgery guard; the message says why. */
export class WebhookUrlRefused extends Error {
  readonly code = 'WEBHOOK_URL_REFUSED';
  constructor(message: string) {
    super(message);
    this.name = 'WebhookUrlRefused';
  }
}

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

// Never reachable from a webhook: private networks, link-local (cloud metadata at
// 169.254.169.254 and fd00:ec2::254), carrier NAT (Alibaba's metadata 100.100.100.200),
// "this network", benchmarking, documentation, multicast and reserved ranges.
const FORBIDDEN = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  FORBIDDEN.addSubnet(net, bits, 'ipv4');
}
for (const [net, bits] of [
  ['::', 128],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  FORBIDDEN.addSubnet(net, bits, 'ipv6');
}

/** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d) or NAT64 (64:ff9b::/96) address. */
function embeddedIpv4(address: string): string | undefined {
  const match =
    /^(?:::ffff:|64:ff9b::)(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(
      address,
    );
  if (!match) return undefined;
  if (match[1]) return match[1];
  const hi = parseInt(match[2]!, 16);
  const lo = parseInt(match[3]!, 16);
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}

/**
 * Why an address may not receive webhooks, or undefined when it may. Loopback is allowed
 * only in development (a receiver on the developer's machine).
 */
export function refusedAddress(address: string, development: boolean): string | undefined {
  const family = isIP(address);
  if (family === 0) return `${address} is not an IP address`;
  const v4 = family === 6 ? embeddedIpv4(address) : address;
  const type = v4 && isIP(v4) === 4 ? 'ipv4' : 'ipv6';
  const checked = type === 'ipv4' ? v4! : address;
  if (LOOPBACK.check(checked, type)) {
    return development
      ? undefined
      : `${address} is a loopback address (allowed in development only)`;
  }
  if (FORBIDDEN.check(checked, type)) {
    return `${address} is a private, link-local, metadata or reserved address`;
  }
  return undefined;
}

export interface GuardOptions {
  readonly development: boolean;
  readonly resolve?: ResolveHost;
}

/** The host of a URL without IPv6 brackets. */
export function urlHost(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/**
 * Resolves a host and returns the addresses to connect to, refusing the host when any of
 * its addresses is forbidden (a name with one private address among public ones is
 * refused: which one a client picks is not ours to control).
 */
export async function allowedAddresses(
  host: string,
  options: GuardOptions,
): Promise<ReadonlyArray<{ readonly address: string; readonly family: number }>> {
  const literal = isIP(host);
  const addresses = literal
    ? [{ address: host, family: literal }]
    : await (options.resolve ?? systemResolveHost)(host).catch((error: unknown) => {
        throw new WebhookUrlRefused(
          `cannot resolve ${host}: ${error instanceof Error ? error.message : String(error)}`,
        );
      });
  if (addresses.length === 0) throw new WebhookUrlRefused(`${host} has no address`);
  for (const { address } of addresses) {
    const why = refusedAddress(address, options.development);
    if (why) throw new WebhookUrlRefused(`${host}: ${why}`);
  }
  return addresses;
}

/**
 * Checks an endpoint URL at registration (and again before each delivery): HTTPS, or
 * HTTP to a loopback address in development only; no user name or password in it; every
 * address the host resolves to allowed.
 */
export async function checkWebhookUrl(text: string, options: GuardOptions): Promise<URL> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new WebhookUrlRefused('not a valid absolute URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new WebhookUrlRefused('only https URLs may receive webhooks');
  }
  if (url.username || url.password) {
    throw new WebhookUrlRefused('the URL may not carry a user name or password');
  }
  if (url.hash) throw new WebhookUrlRefused('the URL may not have a fragment');
  const addresses = await allowedAddresses(urlHost(url), options);
  if (url.protocol === 'http:') {
    const loopbackOnly = addresses.every(({ address }) =>
      LOOPBACK.check(
        embeddedIpv4(address) ?? address,
        isIP(embeddedIpv4(address) ?? address) === 4 ? 'ipv4' : 'ipv6',
      ),
    );
    if (!options.development || !loopbackOnly) {
      throw new WebhookUrlRefused(
        'http is allowed only to a loopback address in development; use https',
      );
    }
  }
  return url;
}
