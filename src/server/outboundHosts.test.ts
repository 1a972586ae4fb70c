import { lookup } from 'node:dns/promises';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkOutboundHost, HostRefused, parseIPv4, privateAddressReason } from './outboundHosts';

const noDns = () => Promise.reject(new Error('no DNS in this test'));

/** Every way inet_aton accepts to write the four bytes `b`. */
function writings(b: number[]): string[] {
  const n = ((b[0] * 256 + b[1]) * 256 + b[2]) * 256 + b[3];
  const oct = (v: number) => `0${v.toString(8)}`;
  const hex = (v: number) => `0x${v.toString(16)}`;
  return [
    b.join('.'),
    String(n),
    oct(n),
    hex(n),
    b.map(oct).join('.'),
    b.map(hex).join('.'),
    `${b[0]}.${b[1] * 65536 + b[2] * 256 + b[3]}`,
    `${hex(b[0])}.${oct(b[1])}.${b[2] * 256 + b[3]}`,
    `::ffff:${b.join('.')}`,
    `[::ffff:${b.join('.')}]`,
    `::ffff:${((b[0] << 8) | b[1]).toString(16)}:${((b[2] << 8) | b[3]).toString(16)}`,
    `0:0:0:0:0:FFFF:${b.join('.')}`,
    `64:ff9b::${b.join('.')}`,
    `2002:${((b[0] << 8) | b[1]).toString(16)}:${((b[2] << 8) | b[3]).toString(16)}::1`,
  ];
}

const byte = fc.integer({ min: 0, max: 255 });
const privateV4 = fc.oneof(
  fc.tuple(fc.constant(127), byte, byte, byte),
  fc.tuple(fc.constant(10), byte, byte, byte),
  fc.tuple(fc.constant(172), fc.integer({ min: 16, max: 31 }), byte, byte),
  fc.tuple(fc.constant(192), fc.constant(168), byte, byte),
  fc.tuple(fc.constant(169), fc.constant(254), byte, byte),
  fc.tuple(fc.constant(100), fc.integer({ min: 64, max: 127 }), byte, byte),
  fc.tuple(fc.integer({ min: 224, max: 255 }), byte, byte, byte),
  fc.tuple(fc.constant(0), byte, byte, byte),
);
// 8.0.0.0/7 .. 9.255.255.255 and 11-99: public space, well away from every refused range.
const publicV4 = fc.tuple(fc.integer({ min: 8, max: 99 }), byte, byte, byte).filter((b) => b[0] !== 10);

describe('outbound host guard', () => {
  it('refuses private addresses however they are written', async () => {
    await fc.assert(
      fc.asyncProperty(privateV4, async (bytes) => {
        for (const written of writings(bytes)) {
          await expect(checkOutboundHost(written, undefined, noDns), written).rejects.toBeInstanceOf(
            HostRefused,
          );
        }
      }),
      { numRuns: 200 },
    );
  });

  it('lets public addresses through in every writing, to the same address', async () => {
    await fc.assert(
      fc.asyncProperty(publicV4, async (bytes) => {
        for (const written of writings(bytes).slice(0, 8)) {
          const checked = await checkOutboundHost(written, undefined, noDns);
          expect(checked.address).toBe(bytes.join('.'));
        }
        for (const written of writings(bytes).slice(8))
          expect(privateAddressReason(written), written).toBeNull();
      }),
      { numRuns: 200 },
    );
  });

  it('reads IPv4 literals exactly as the system resolver does', async () => {
    for (const text of [
      '2130706433',
      '0177.0.0.1',
      '0x7f.1',
      '127.1',
      '0x7f000001',
      '10.0x10.0377',
      '017700000001',
    ]) {
      const system = await lookup(text, { family: 4 });
      expect(parseIPv4(text)?.join('.'), text).toBe(system.address);
    }
    expect(parseIPv4('256.0.0.1')).toBeNull();
    expect(parseIPv4('1.2.3.4.5')).toBeNull();
    expect(parseIPv4('08.1.1.1')).toBeNull();
    expect(parseIPv4('mail.example.com')).toBeNull();
  });

  it('refuses IPv6 loopback, link-local, unique-local, multicast and unspecified', async () => {
    for (const text of [
      '::1',
      '[::1]',
      '0:0:0:0:0:0:0:1',
      '::',
      'fe80::1%eth0',
      'fd00::5',
      'fc12:3::1',
      'ff02::1',
      'fec0::1',
    ]) {
      await expect(checkOutboundHost(text, undefined, noDns), text).rejects.toBeInstanceOf(HostRefused);
    }
    await expect(checkOutboundHost('2001:4860:4860::8888', undefined, noDns)).resolves.toEqual({
      host: '2001:4860:4860::8888',
      address: '2001:4860:4860::8888',
      family: 6,
    });
  });

  it('refuses a name when any address it resolves to is private', async () => {
    const resolve = async () => [
      { address: '93.184.216.34', family: 4 },
      { address: '::ffff:7f00:1', family: 6 },
    ];
    await expect(checkOutboundHost('rebind.example', undefined, resolve)).rejects.toThrow(
      'Rapport does not connect to rebind.example: ::ffff:7f00:1: it is a loopback address.',
    );
    await expect(checkOutboundHost('localhost', undefined)).rejects.toBeInstanceOf(HostRefused);
    await expect(checkOutboundHost('no-such-host.invalid', undefined)).rejects.toThrow(
      'the name does not resolve',
    );
    await expect(checkOutboundHost('  ', undefined)).rejects.toThrow('no host was given');
  });

  it('lets the operator allow every private address, or a list of hosts and ranges', async () => {
    await expect(checkOutboundHost('127.0.0.1', 'true', noDns)).resolves.toMatchObject({
      address: '127.0.0.1',
    });
    await expect(checkOutboundHost('0x7f.1', '127.0.0.0/8', noDns)).resolves.toMatchObject({
      address: '127.0.0.1',
    });
    await expect(checkOutboundHost('10.1.2.3', '10.1.0.0/16, 192.168.1.9', noDns)).resolves.toMatchObject({
      address: '10.1.2.3',
    });
    await expect(checkOutboundHost('10.2.0.1', '10.1.0.0/16, 192.168.1.9', noDns)).rejects.toBeInstanceOf(
      HostRefused,
    );
    const resolve = async () => [{ address: '192.168.1.9', family: 4 }];
    await expect(checkOutboundHost('mail.lan', 'mail.lan', resolve)).resolves.toEqual({
      host: 'mail.lan',
      address: '192.168.1.9',
      family: 4,
    });
  });
});
