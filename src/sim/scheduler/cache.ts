/**
 * The scheduler cache (pkg/scheduler/internal/cache): NodeInfo per Node with the Pods bound there,
 * fed by the Pod and Node informers, plus Pods the scheduler has *assumed* onto a node while their
 * binding is in flight, so the next decision already counts them.
 */
import type { KubeObject } from '../api/types.ts';
import { NodeInfo, podInfoOf, type PodInfo } from './types.ts';

export interface ImageState {
  size: number;
  numNodes: number;
}

export class SchedulerCache {
  private readonly nodeInfos = new Map<string, NodeInfo>();
  /** Nodes that exist, in the order they were added (upstream's nodeTree, single zone). */
  private nodeOrder: NodeInfo[] = [];
  private readonly podNode = new Map<string, string>();
  private readonly assumed = new Set<string>();
  private imageStates: Map<string, ImageState> | undefined;

  get nodes(): readonly NodeInfo[] {
    return this.nodeOrder;
  }

  nodeInfo(name: string): NodeInfo | undefined {
    const n = this.nodeInfos.get(name);
    return n?.node ? n : undefined;
  }

  addOrUpdateNode(node: Readonly<KubeObject>): void {
    const name = node.metadata.name;
    let info = this.nodeInfos.get(name);
    if (!info) {
      info = new NodeInfo(name);
      this.nodeInfos.set(name, info);
    }
    if (!info.node) this.nodeOrder.push(info);
    info.setNode(node);
    this.imageStates = undefined;
  }

  removeNode(name: string): void {
    const info = this.nodeInfos.get(name);
    if (!info) return;
    info.setNode(undefined);
    this.nodeOrder = this.nodeOrder.filter((n) => n !== info);
    if (info.pods.size === 0) this.nodeInfos.delete(name);
    this.imageStates = undefined;
  }

  /** Adds, moves or refreshes a bound Pod; a terminal Pod frees its node. */
  addOrUpdatePod(pod: Readonly<KubeObject>): void {
    const uid = pod.metadata.uid;
    const nodeName = pod.spec?.nodeName as string | undefined;
    const phase = pod.status?.phase;
    if (!nodeName || phase === 'Succeeded' || phase === 'Failed') {
      this.removePod(uid);
      return;
    }
    this.assumed.delete(uid);
    const prev = this.podNode.get(uid);
    if (prev !== undefined) this.nodeInfos.get(prev)?.removePod(uid);
    this.place(podInfoOf(pod), nodeName);
  }

  removePod(uid: string): PodInfo | undefined {
    this.assumed.delete(uid);
    const nodeName = this.podNode.get(uid);
    if (nodeName === undefined) return undefined;
    this.podNode.delete(uid);
    const info = this.nodeInfos.get(nodeName);
    const removed = info?.removePod(uid);
    if (info && !info.node && info.pods.size === 0) this.nodeInfos.delete(nodeName);
    return removed;
  }

  /** AssumePod: counts the Pod on `nodeName` before the API has the binding. */
  assume(p: PodInfo, nodeName: string): void {
    this.place(p, nodeName);
    this.assumed.add(p.uid);
  }

  /** ForgetPod: the binding failed; the Pod is not on the node after all. */
  forget(uid: string): void {
    if (this.assumed.has(uid)) this.removePod(uid);
  }

  isAssumed(uid: string): boolean {
    return this.assumed.has(uid);
  }

  /** ImageStateSummary per image name: size and how many nodes have it (for ImageLocality). */
  images(): Map<string, ImageState> {
    if (this.imageStates) return this.imageStates;
    const states = new Map<string, ImageState>();
    for (const n of this.nodeOrder) {
      for (const image of (n.node?.status?.images ?? []) as { names?: string[]; sizeBytes?: number }[]) {
        for (const name of image.names ?? []) {
          const s = states.get(name);
          if (s) s.numNodes++;
          else states.set(name, { size: image.sizeBytes ?? 0, numNodes: 1 });
        }
      }
    }
    this.imageStates = states;
    return states;
  }

  private place(p: PodInfo, nodeName: string): void {
    let info = this.nodeInfos.get(nodeName);
    if (!info) {
      // A Pod bound to a Node the cache has not seen yet: keep it, as upstream's cache does.
      info = new NodeInfo(nodeName);
      this.nodeInfos.set(nodeName, info);
    }
    info.addPod(p);
    this.podNode.set(p.uid, nodeName);
  }
}
