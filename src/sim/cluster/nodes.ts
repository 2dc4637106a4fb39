/**
 * Node objects as a kubeadm v1.31 node with containerd and flannel registers them.
 */
import type { KubeObject } from '../api/types.ts';

export interface Taint {
  key: string;
  value?: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

export interface NodeOptions {
  name: string;
  /** `control-plane` nodes get kubeadm's role label and NoSchedule taint. Default `worker`. */
  role?: 'control-plane' | 'worker';
  /** CPU cores. Default 2. */
  cpu?: number;
  /** Memory in GiB. Default 4. */
  memoryGi?: number;
  /** Max pods (kubelet `maxPods`). Default 110. */
  pods?: number;
  labels?: Record<string, string>;
  /** Replaces the role's default taints. */
  taints?: Taint[];
}

export const KUBERNETES_VERSION = 'v1.31.0';
export const CONTAINERD_VERSION = 'containerd://1.7.22';
export const OS_IMAGE = 'Ubuntu 24.04.1 LTS';
export const KERNEL_VERSION = '6.8.0-45-generic';
/** Node InternalIPs: 172.18.0.2 for the first node and onward. */
export const NODE_IP_BASE = '172.18.0.';
/** kubeadm's default evictionHard memory.available, which allocatable subtracts. */
const EVICTION_MEMORY_KI = 100 * 1024;
const EPHEMERAL_STORAGE_KI = 61255492;

export const DEFAULT_NODES: NodeOptions[] = [
  { name: 'control-plane', role: 'control-plane' },
  { name: 'worker-1', role: 'worker' },
  { name: 'worker-2', role: 'worker' },
];

export function nodeIP(index: number): string {
  return `${NODE_IP_BASE}${index + 2}`;
}

/** flannel with kubeadm's podSubnet 10.244.0.0/16: a /24 per node in join order. */
export function podCIDR(index: number): string {
  return `10.244.${index}.0/24`;
}

export function nodeManifest(opts: NodeOptions, index: number, hex: (n: number) => string): KubeObject {
  const role = opts.role ?? 'worker';
  const cpu = opts.cpu ?? 2;
  const memoryKi = Math.round((opts.memoryGi ?? 4) * 1024 * 1024);
  const pods = opts.pods ?? 110;
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': opts.name,
    'kubernetes.io/os': 'linux',
  };
  if (role === 'control-plane') {
    labels['node-role.kubernetes.io/control-plane'] = '';
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
  }
  Object.assign(labels, opts.labels ?? {});
  const taints = opts.taints ?? (role === 'control-plane' ? [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' as const }] : []);
  const ip = nodeIP(index);
  const cidr = podCIDR(index);
  const capacity = { cpu: String(cpu), 'ephemeral-storage': `${EPHEMERAL_STORAGE_KI}Ki`, 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: `${memoryKi}Ki`, pods: String(pods) };
  const allocatable = { ...capacity, 'ephemeral-storage': String(Math.floor(EPHEMERAL_STORAGE_KI * 1024 * 0.9)), memory: `${memoryKi - EVICTION_MEMORY_KI}Ki` };
  const spec: Record<string, unknown> = { podCIDR: cidr, podCIDRs: [cidr] };
  if (taints.length > 0) spec.taints = taints;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: opts.name,
      labels,
      annotations: {
        'flannel.alpha.coreos.com/backend-data': `{"VNI":1,"VtepMAC":"${macFrom(hex)}"}`,
        'flannel.alpha.coreos.com/backend-type': 'vxlan',
        'flannel.alpha.coreos.com/kube-subnet-manager': 'true',
        'flannel.alpha.coreos.com/public-ip': ip,
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///var/run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    } as unknown as KubeObject['metadata'],
    spec,
    status: {
      addresses: [
        { address: ip, type: 'InternalIP' },
        { address: opts.name, type: 'Hostname' },
      ],
      allocatable,
      capacity,
      conditions: [] as unknown[],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      images: [] as unknown[],
      nodeInfo: {
        architecture: 'amd64',
        bootID: uuidFrom(hex),
        containerRuntimeVersion: CONTAINERD_VERSION,
        kernelVersion: KERNEL_VERSION,
        kubeProxyVersion: '',
        kubeletVersion: KUBERNETES_VERSION,
        machineID: hex(32),
        operatingSystem: 'linux',
        osImage: OS_IMAGE,
        systemUUID: uuidFrom(hex),
      },
    },
  };
}

/** The four conditions a healthy kubelet posts, with kubelet's reasons and messages. */
export function readyConditions(timestamp: string, ready = true): unknown[] {
  const c = (type: string, status: string, reason: string, message: string) => ({ lastHeartbeatTime: timestamp, lastTransitionTime: timestamp, message, reason, status, type });
  return [
    c('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
    c('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
    c('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
    ready ? c('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status') : c('Ready', 'False', 'KubeletNotReady', 'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized'),
  ];
}

function uuidFrom(hex: (n: number) => string): string {
  const h = hex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function macFrom(hex: (n: number) => string): string {
  return hex(12).match(/../g)!.join(':');
}
