/**
 * ControllerRevisions for DaemonSets and StatefulSets (pkg/controller/history/controller_history.go,
 * pkg/controller/daemon/update.go constructHistory / cleanupHistory, and
 * pkg/controller/statefulset/stateful_set_control.go getStatefulSetRevisions / truncateHistory,
 * v1.31): one revision per distinct pod template, named `<owner>-<hash>`, holding the template as
 * the patch `{"spec":{"template":{..., "$patch":"replace"}}}`, numbered 1, 2, ...; going back to
 * an earlier template renumbers its revision to the next number instead of adding one; revisions
 * beyond spec.revisionHistoryLimit that no live Pod uses are deleted, oldest first.
 */
import type { APIServer } from '../../api/apiserver.ts';
import { preferredResourceForKind } from '../../api/resources.ts';
import type { ObjectStore } from '../../api/store.ts';
import { deepCopy, type KubeObject } from '../../api/types.ts';

export const CONTROLLER_REVISIONS = preferredResourceForKind('ControllerRevision')!;

/* eslint-disable @typescript-eslint/no-explicit-any -- templates are plain JSON */

export interface RevisionSpec {
  /** `<owner>-<hash>`. */
  name: string;
  labels: Record<string, string>;
  annotations?: Record<string, string> | undefined;
  template: unknown;
  actor: string;
}

/** The revisions the owner controls, by revision number. */
export function revisionsOf(store: ObjectStore, owner: Readonly<KubeObject>): KubeObject[] {
  return (store.list(CONTROLLER_REVISIONS, owner.metadata.namespace) as KubeObject[])
    .filter((cr) => (cr.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === owner.metadata.uid))
    .sort((a, b) => ((a.revision as number) ?? 0) - ((b.revision as number) ?? 0));
}

/** The pod template a revision holds (its patch without `$patch`). */
export function revisionTemplate(cr: Readonly<KubeObject>): any {
  const template = deepCopy(((cr.data as any)?.spec?.template ?? {}) as Record<string, unknown>);
  delete template.$patch;
  return template;
}

/**
 * Makes sure the revision for the owner's current template exists and is the newest; returns it.
 * Writes go through the API server as the controllers' clients do.
 */
export function syncRevision(api: APIServer, store: ObjectStore, owner: Readonly<KubeObject>, spec: RevisionSpec): KubeObject {
  const all = revisionsOf(store, owner);
  const max = all.reduce((m, cr) => Math.max(m, (cr.revision as number) ?? 0), 0);
  const existing = all.find((cr) => cr.metadata.name === spec.name);
  if (existing) {
    if (((existing.revision as number) ?? 0) >= max) return existing;
    // An earlier template again (a rollback): its revision becomes the newest.
    const next = deepCopy(existing);
    next.revision = max + 1;
    return api.update(CONTROLLER_REVISIONS, next, spec.actor);
  }
  const template = { ...(deepCopy(spec.template) as Record<string, unknown>), $patch: 'replace' };
  const manifest: Record<string, unknown> = {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: spec.name,
      namespace: owner.metadata.namespace,
      labels: spec.labels,
      ...(spec.annotations && Object.keys(spec.annotations).length > 0 ? { annotations: spec.annotations } : {}),
      ownerReferences: [{ apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid, controller: true, blockOwnerDeletion: true }],
    },
    data: { spec: { template } },
    revision: max + 1,
  };
  return api.create(CONTROLLER_REVISIONS, manifest, spec.actor);
}

/** cleanupHistory / truncateHistory: the oldest revisions past the limit that nothing uses go. */
export function truncateHistory(api: APIServer, store: ObjectStore, owner: Readonly<KubeObject>, live: ReadonlySet<string>, actor: string): void {
  const limit: number = owner.spec?.revisionHistoryLimit ?? 10;
  const old = revisionsOf(store, owner).filter((cr) => !live.has(cr.metadata.name));
  const excess = old.length - limit;
  for (const cr of old.slice(0, Math.max(0, excess))) api.delete(CONTROLLER_REVISIONS, cr.metadata.namespace, cr.metadata.name, actor);
}
/* eslint-enable @typescript-eslint/no-explicit-any */
