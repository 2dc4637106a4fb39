import { describe, expect, it } from 'vitest';
import { preferredResourceForKind } from '../../api/resources.ts';
import { networkHarness } from '../endpoints/testing.ts';
import { ServiceLBController } from './servicelb.ts';

const SERVICES = preferredResourceForKind('Service')!;

function lb(name: string, type = 'LoadBalancer'): string {
  return `apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: default}
spec:
  type: ${type}
  selector: {app: ${name}}
  ports: [{port: 80, targetPort: 8080}]
`;
}

function setup() {
  const h = networkHarness();
  const controller = h.controllers.find((c) => c instanceof ServiceLBController) as ServiceLBController;
  return { ...h, controller };
}

function externalIP(h: ReturnType<typeof setup>, name: string): string {
  const line = h.kubectl(`get svc ${name}`).split('\n')[1]!;
  return line.split(/\s+/)[3]!;
}

describe('ServiceLBController', () => {
  it('shows <pending>, then an address from the kind pool, with the service-controller events', () => {
    const h = setup();
    h.apply(lb('web'));
    expect(externalIP(h, 'web')).toBe('<pending>');
    h.at(4);
    expect(externalIP(h, 'web')).toBe('172.18.255.200');
    expect(h.store.get(SERVICES, 'default', 'web')!.status).toEqual({ loadBalancer: { ingress: [{ ip: '172.18.255.200', ipMode: 'VIP' }] } });
    const events = h.eventsBy('service-controller');
    expect(events.map((e) => e.replace(/^[\d.]+ /, ''))).toEqual(['EnsuringLoadBalancer: Ensuring load balancer', 'EnsuredLoadBalancer: Ensured load balancer']);
    // The address comes after a seeded delay of 1 to 3 seconds.
    const ensuredAt = Number(events[1]!.split(' ')[0]);
    expect(ensuredAt).toBeGreaterThanOrEqual(1);
    expect(ensuredAt).toBeLessThanOrEqual(3);
    expect(h.kubectl('describe svc web').split('\n').find((l) => l.startsWith('LoadBalancer Ingress:'))).toBe('LoadBalancer Ingress:     172.18.255.200 (VIP)');
  });

  it('hands out the lowest free address and takes it back on delete', () => {
    const h = setup();
    h.apply(lb('a'));
    h.apply(lb('b'));
    h.at(4);
    expect(h.controller.allocations().map(([ip]) => ip)).toEqual(['172.18.255.200', '172.18.255.201']);
    const a = externalIP(h, 'a');
    h.kubectl(`delete svc ${a === '172.18.255.200' ? 'a' : 'b'}`);
    expect(h.controller.allocations().map(([ip]) => ip)).toEqual(['172.18.255.201']);
    h.apply(lb('c'));
    h.at(8);
    expect(externalIP(h, 'c')).toBe('172.18.255.200');
  });

  it('releases the address when the type changes away from LoadBalancer', () => {
    const h = setup();
    h.apply(lb('web'));
    h.at(4);
    const svc = h.store.get(SERVICES, 'default', 'web')!;
    svc.spec.type = 'NodePort';
    h.api.update(SERVICES, svc, 'kubectl');
    h.kernel.settle();
    expect(h.store.get(SERVICES, 'default', 'web')!.status).toEqual({ loadBalancer: {} });
    expect(h.controller.allocations()).toEqual([]);
    expect(h.eventsBy('service-controller').slice(2).map((e) => e.replace(/^[\d.]+ /, ''))).toEqual(['DeletingLoadBalancer: Deleting load balancer', 'DeletedLoadBalancer: Deleted load balancer']);
  });

  it('leaves ClusterIP Services and other load balancer classes alone', () => {
    const h = setup();
    h.apply(lb('plain', 'ClusterIP'));
    h.apply(`${lb('other')}  loadBalancerClass: example.com/lb\n`);
    h.at(10);
    expect(externalIP(h, 'plain')).toBe('<none>');
    expect(externalIP(h, 'other')).toBe('<pending>');
    expect(h.eventsBy('service-controller')).toEqual([]);
  });
});
