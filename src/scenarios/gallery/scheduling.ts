import { apply, exec, scenario, type GalleryEntry } from './entry.ts';

const PODS = `apiVersion: v1
kind: Pod
metadata:
  name: fast-disk
spec:
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
        - matchExpressions:
          - key: disktype
            operator: In
            values:
            - ssd
  containers:
  - name: nginx
    image: nginx:1.27
---
apiVersion: v1
kind: Pod
metadata:
  name: gpu-job
spec:
  nodeSelector:
    gpu: "true"
  tolerations:
  - key: gpu
    operator: Equal
    value: "true"
    effect: NoSchedule
  containers:
  - name: nginx
    image: nginx:1.27
    resources:
      requests:
        cpu: 500m
        memory: 256Mi
---
apiVersion: v1
kind: Pod
metadata:
  name: too-big
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    resources:
      requests:
        cpu: "3"
        memory: 1Gi
`;

export const scheduling: GalleryEntry = {
  id: 'scheduling',
  title: { en: 'Scheduling: taints, resources and affinity', zh: '调度：污点、资源与亲和性' },
  explanation: {
    en: 'worker-1 has an SSD label; worker-2 has a GPU label and a gpu=true:NoSchedule taint that keeps ordinary Pods away. fast-disk requires disktype=ssd and lands on worker-1; gpu-job tolerates the taint and selects the GPU node. too-big requests 3 CPUs, more than any node has free, so it stays Pending, and its FailedScheduling event says why for every node.',
    zh: 'worker-1 带有 SSD 标签；worker-2 带有 GPU 标签和 gpu=true:NoSchedule 污点，普通 Pod 不会被调度上去。fast-disk 要求 disktype=ssd，于是落在 worker-1 上；gpu-job 容忍该污点并选择了 GPU 节点。too-big 请求 3 个 CPU，超过了任何节点的可用资源，所以一直处于 Pending，它的 FailedScheduling 事件逐个节点说明了原因。',
  },
  scenario: scenario('Scheduling: taints, resources and affinity', [
    apply(0, PODS),
    exec(20, 'kubectl get pods -o wide'),
  ], {
    nodes: [
      { name: 'control-plane', role: 'control-plane' },
      { name: 'worker-1', labels: { disktype: 'ssd' } },
      { name: 'worker-2', labels: { gpu: 'true' }, taints: [{ key: 'gpu', value: 'true', effect: 'NoSchedule' }] },
    ],
  }),
  check: { t: 30, command: 'kubectl describe pod too-big', expect: 'Insufficient cpu' },
};
