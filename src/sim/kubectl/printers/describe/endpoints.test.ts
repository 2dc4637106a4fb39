import { expect, it } from 'vitest';
import type { KubeObject } from '../../../api/types.ts';
import { formatEndpointSlices } from './endpoints.ts';

const slice = (name: string, ips: [string, boolean | undefined][], ports: { name: string; port: number }[]): KubeObject =>
  ({
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name, namespace: 'default', uid: name, resourceVersion: '1', creationTimestamp: '2024-08-13T12:00:00Z' },
    endpoints: ips.map(([ip, ready]) => ({ addresses: [ip], conditions: ready === undefined ? {} : { ready } })),
    ports: ports.map((p) => ({ ...p, protocol: 'TCP' })),
  }) as unknown as KubeObject;

it('formatEndpointSlices lists ready endpoints of the named port across slices, three at most, then "+ N more..."', () => {
  const a = slice('a', [['10.244.1.2', true], ['10.244.1.3', false], ['10.244.1.4', undefined]], [{ name: 'http', port: 80 }]);
  const b = slice('b', [['10.244.2.2', true], ['10.244.2.3', true]], [{ name: 'http', port: 8080 }, { name: 'metrics', port: 9090 }]);
  expect(formatEndpointSlices([], new Set(['http']))).toBe('<none>');
  expect(formatEndpointSlices([a], new Set(['http']))).toBe('10.244.1.2:80,10.244.1.4:80');
  expect(formatEndpointSlices([a, b], new Set(['http']))).toBe('10.244.1.2:80,10.244.1.4:80,10.244.2.2:8080 + 1 more...');
  expect(formatEndpointSlices([b], new Set(['metrics']))).toBe('10.244.2.2:9090,10.244.2.3:9090');
  expect(formatEndpointSlices([b], new Set(['grpc']))).toBe('');
  // A headless Service's slice without ports lists bare addresses.
  expect(formatEndpointSlices([slice('h', [['10.244.3.2', true]], [])], new Set(['']))).toBe('10.244.3.2');
});
