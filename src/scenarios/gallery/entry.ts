/**
 * A gallery entry: a scenario that teaches one thing, its explanation in English and Chinese,
 * and the check that proves the teaching point (the gallery test and the page's end-to-end test
 * run `command` at virtual time `t` and look for `expect` in what the terminal shows).
 */
import { SCENARIO_VERSION, type Scenario, type ScenarioView, type TimedAction } from '../types.ts';
import type { NodeOptions } from '../../sim/index.ts';

export interface Localized {
  en: string;
  zh: string;
}

export interface GalleryEntry {
  id: string;
  title: Localized;
  /** Two to four sentences each. */
  explanation: Localized;
  scenario: Scenario;
  /** At virtual time `t`, the output (stdout and stderr) of `command` on the control-plane node contains `expect`. */
  check: { t: number; command: string; expect: string };
}

export function scenario(title: string, actions: TimedAction[], opts: { seed?: number; nodes?: NodeOptions[]; view?: ScenarioView } = {}): Scenario {
  return {
    version: SCENARIO_VERSION, title, seed: opts.seed ?? 1,
    ...(opts.nodes ? { nodes: opts.nodes } : {}),
    actions,
    ...(opts.view ? { view: opts.view } : {}),
  };
}

export const apply = (at: number, yaml: string): TimedAction => ({ at, kind: 'apply', yaml });
export const exec = (at: number, line: string, more: { node?: string; repeat?: { every: number; count: number } } = {}): TimedAction => ({ at, kind: 'exec', line, ...more });

/** A busybox Pod that sleeps, to run wget and nslookup from inside the cluster. */
export const CLIENT_POD = `apiVersion: v1
kind: Pod
metadata:
  name: client
spec:
  containers:
  - name: busybox
    image: busybox:1.36
    command: ["sleep", "3600"]
`;

/** A Deployment whose Pods carry `app: <name>` and one container named after the image. */
export const DEPLOYMENT = (name: string, image: string, replicas: number, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
      - name: ${image.split(':')[0]!.split('/').pop()}
        image: ${image}
        ports:
        - containerPort: 80
${extra}`;
