/** Hand-built objects in the shape `kubectl get -o json` shows, for the printer tests. */
import type { KubeObject } from '../../api/types.ts';
import { EPOCH_MS, formatRFC3339 } from '../../kernel/time.ts';

/** "now" in the tests: one day after the epoch. */
export const NOW = EPOCH_MS + 24 * 3600_000;
/** A timestamp `secondsAgo` before NOW. */
export const ago = (secondsAgo: number): string => formatRFC3339(NOW - secondsAgo * 1000);

export function meta(name: string, namespace: string | undefined, secondsAgo: number, extra: Partial<KubeObject['metadata']> = {}): KubeObject['metadata'] {
  return { name, ...(namespace ? { namespace } : {}), uid: `uid-${name}`, resourceVersion: '1', creationTimestamp: ago(secondsAgo), ...extra };
}

export function node(name: string, ip: string, controlPlane: boolean, opts: { ready?: boolean; unschedulable?: boolean } = {}): KubeObject {
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
  };
  if (controlPlane) {
    labels['node-role.kubernetes.io/control-plane'] = '';
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
  }
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: meta(name, undefined, 24 * 3600 - (controlPlane ? 0 : 30), { labels, annotations: { 'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock', 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' } }),
    spec: { podCIDR: controlPlane ? '10.244.0.0/24' : `10.244.${ip.endsWith('3') ? 1 : 2}.0/24`, podCIDRs: [controlPlane ? '10.244.0.0/24' : `10.244.${ip.endsWith('3') ? 1 : 2}.0/24`], ...(controlPlane ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } : {}), ...(opts.unschedulable ? { unschedulable: true } : {}) },
    status: {
      capacity: { cpu: '2', 'ephemeral-storage': '102625208Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '4025424Ki', pods: '110' },
      allocatable: { cpu: '2', 'ephemeral-storage': '102625208Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '4025424Ki', pods: '110' },
      conditions: [
        { type: 'MemoryPressure', status: 'False', lastHeartbeatTime: ago(20), lastTransitionTime: ago(24 * 3600), reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
        { type: 'DiskPressure', status: 'False', lastHeartbeatTime: ago(20), lastTransitionTime: ago(24 * 3600), reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
        { type: 'PIDPressure', status: 'False', lastHeartbeatTime: ago(20), lastTransitionTime: ago(24 * 3600), reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
        opts.ready === false
          ? { type: 'Ready', status: 'Unknown', lastHeartbeatTime: ago(120), lastTransitionTime: ago(60), reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' }
          : { type: 'Ready', status: 'True', lastHeartbeatTime: ago(20), lastTransitionTime: ago(24 * 3600 - 40), reason: 'KubeletReady', message: 'kubelet is posting ready status' },
      ],
      addresses: [
        { type: 'InternalIP', address: ip },
        { type: 'Hostname', address: name },
      ],
      nodeInfo: {
        machineID: 'f1e0c6d2a3b44a6c9d8e7f6a5b4c3d2e',
        systemUUID: 'f1e0c6d2-a3b4-4a6c-9d8e-7f6a5b4c3d2e',
        bootID: '0b5b5d1e-2f3a-4b7c-8d9e-0f1a2b3c4d5e',
        kernelVersion: '6.1.0-25-amd64',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        containerRuntimeVersion: 'containerd://1.7.18',
        kubeletVersion: 'v1.31.0',
        kubeProxyVersion: '',
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  };
}

export function pod(name: string, spec: Record<string, unknown>, status: Record<string, unknown>, extra: Partial<KubeObject['metadata']> = {}, secondsAgo = 300): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: meta(name, 'default', secondsAgo, extra), spec, status };
}

export const running = (startedSecondsAgo: number): Record<string, unknown> => ({ running: { startedAt: ago(startedSecondsAgo) } });
