/**
 * The built-in gallery: scenarios that each teach one thing, in the order a course would take
 * them. Every entry's check is run headlessly by gallery.test.ts and on the page by the e2e tests.
 */
import type { GalleryEntry } from './gallery/entry.ts';
import { podAndService } from './gallery/pod-and-service.ts';
import { deploymentHeals } from './gallery/deployment-heals.ts';
import { serviceLoadBalancing } from './gallery/service-load-balancing.ts';
import { nodePort } from './gallery/nodeport.ts';
import { initContainers } from './gallery/init-containers.ts';
import { nativeSidecar } from './gallery/native-sidecar.ts';
import { livenessRestart } from './gallery/liveness-restart.ts';
import { readinessEndpoints } from './gallery/readiness-endpoints.ts';
import { rollingUpdate } from './gallery/rolling-update.ts';
import { nodeFailure } from './gallery/node-failure.ts';
import { scheduling } from './gallery/scheduling.ts';
import { restartPolicies } from './gallery/restart-policies.ts';
import { statefulSet } from './gallery/statefulset.ts';
import { job } from './gallery/job.ts';

export type { GalleryEntry, Localized } from './gallery/entry.ts';

export const GALLERY: readonly GalleryEntry[] = [
  podAndService,
  deploymentHeals,
  serviceLoadBalancing,
  nodePort,
  initContainers,
  nativeSidecar,
  livenessRestart,
  readinessEndpoints,
  rollingUpdate,
  nodeFailure,
  scheduling,
  restartPolicies,
  statefulSet,
  job,
];

export function galleryEntry(id: string): GalleryEntry | undefined {
  return GALLERY.find((e) => e.id === id);
}
