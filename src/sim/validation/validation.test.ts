import { describe, expect, it } from 'vitest';
import { Prng } from '../kernel/prng.ts';
import type { KubeObject } from '../api/types.ts';
import { applyDefaults, applyJobSelector, formatFieldError, formatInvalid, invalidStatusMessage, strictDecode, validateCreate, validateUpdate } from './index.ts';

const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

function obj(kind: string, apiVersion: string, name: string, rest: Record<string, unknown>, namespace: string | undefined = 'default'): KubeObject {
  return { apiVersion, kind, metadata: { name, namespace, uid: 'u-1', resourceVersion: '', creationTimestamp: '' }, ...rest } as KubeObject;
}

/** Default, validate, and print as kubectl does. */
function admit(o: KubeObject, seed = 1): string {
  applyDefaults(o, new Prng(seed));
  const group = o.apiVersion.includes('/') ? o.apiVersion.split('/')[0]! : '';
  return formatInvalid(o.kind, group, o.metadata.name, validateCreate(o));
}

const nginxPod = () => obj('Pod', 'v1', 'nginx', { spec: { containers: [{ name: 'nginx', image: 'nginx' }] } });
const deployment = (selector: unknown, labels: unknown) =>
  obj('Deployment', 'apps/v1', 'web', { spec: { selector, template: { metadata: { labels }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } } });

describe('validateCreate + formatInvalid', () => {
  it('rejects a Pod name that is not a subdomain (K8S-FACTS §10)', () => {
    const pod = nginxPod();
    pod.metadata.name = 'Nginx_Pod';
    expect(admit(pod)).toBe(`The Pod "Nginx_Pod" is invalid: metadata.name: Invalid value: "Nginx_Pod": ${SUBDOMAIN_MSG}`);
  });

  it('requires containers', () => {
    expect(admit(obj('Pod', 'v1', 'x', { spec: {} }))).toBe('The Pod "x" is invalid: spec.containers: Required value');
  });

  it('lists several causes on their own lines, as kubectl MultilineError does', () => {
    const pod = obj('Pod', 'v1', 'x', { spec: { containers: [{ name: 'Web', image: '', ports: [{ containerPort: 70000, protocol: 'HTTP' }] }] } });
    expect(admit(pod)).toBe(
      [
        'The Pod "x" is invalid: ',
        `* spec.containers[0].name: Invalid value: "Web": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
        '* spec.containers[0].image: Required value',
        '* spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
        '* spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
      ].join('\n'),
    );
  });

  it('reports requests above limits with canonical quantities', () => {
    const pod = obj('Pod', 'v1', 'x', { spec: { containers: [{ name: 'a', image: 'busybox', resources: { requests: { cpu: 1.5 }, limits: { cpu: '1' } } }] } });
    expect(admit(pod)).toBe('The Pod "x" is invalid: spec.containers[0].resources.requests: Invalid value: "1500m": must be less than or equal to cpu limit of 1');
  });

  it('finds volume mounts of unknown volumes, duplicate names across init and app containers, and bad sidecar policies', () => {
    const pod = obj('Pod', 'v1', 'x', {
      spec: {
        initContainers: [{ name: 'app', image: 'busybox', restartPolicy: 'OnFailure' }],
        containers: [{ name: 'app', image: 'busybox', volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
      },
    });
    expect(validateCreate((applyDefaults(pod, new Prng(1)), pod)).map(formatFieldError)).toEqual([
      'spec.containers[0].volumeMounts[0].name: Not found: "data"',
      'spec.initContainers[0].restartPolicy: Unsupported value: "OnFailure": supported values: "Always"',
      'spec.initContainers[0].name: Duplicate value: "app"',
    ]);
  });

  it('wants exactly one probe handler', () => {
    const pod = obj('Pod', 'v1', 'x', { spec: { containers: [{ name: 'a', image: 'busybox', livenessProbe: { exec: { command: ['true'] }, tcpSocket: { port: 80 } }, readinessProbe: {} }] } });
    expect(admit(pod)).toBe(
      'The Pod "x" is invalid: \n* spec.containers[0].livenessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type\n* spec.containers[0].readinessProbe: Required value: must specify a handler type',
    );
  });

  it('rejects a Deployment whose selector does not match the template labels (v1.31 prints Go syntax)', () => {
    expect(admit(deployment({ matchLabels: { app: 'api' } }, { app: 'web' }))).toBe(
      'The Deployment "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    );
  });

  it('reports a missing Deployment selector twice, as apps/v1 does (a nil selector matches nothing)', () => {
    expect(admit(deployment(undefined, { app: 'web' }))).toBe(
      'The Deployment "web" is invalid: \n* spec.selector: Required value\n* spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    );
  });

  it('allows only restartPolicy Always in a Deployment template and rejects maxSurge=maxUnavailable=0', () => {
    const d = deployment({ matchLabels: { app: 'web' } }, { app: 'web' });
    d.spec.template.spec.restartPolicy = 'Never';
    d.spec.strategy = { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } };
    expect(admit(d)).toBe(
      'The Deployment "web" is invalid: \n* spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"\n* spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0',
    );
  });

  it('validates Service names as DNS-1035 labels and needs ports', () => {
    expect(admit(obj('Service', 'v1', '1web', { spec: { selector: { app: 'web' } } }))).toBe(
      "The Service \"1web\" is invalid: \n* metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')\n* spec.ports: Required value",
    );
    const nodePortOnClusterIP = obj('Service', 'v1', 'web', { spec: { ports: [{ port: 80, nodePort: 30080 }] } });
    expect(admit(nodePortOnClusterIP)).toBe("The Service \"web\" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'");
  });

  it('requires a Job template restartPolicy of OnFailure or Never', () => {
    const job = obj('Job', 'batch/v1', 'pi', { spec: { template: { spec: { containers: [{ name: 'pi', image: 'perl' }] } } } });
    applyDefaults(job, new Prng(1));
    applyJobSelector(job);
    expect(formatInvalid('Job', 'batch', 'pi', validateCreate(job))).toBe(
      'The Job "pi" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"',
    );
  });

  it('checks label keys and values', () => {
    const cm = obj('ConfigMap', 'v1', 'cfg', { data: { 'bad key': 'x' } });
    cm.metadata.labels = { 'a/b/c': 'ok', app: 'not ok!' };
    expect(validateCreate(cm).map(formatFieldError)).toEqual([
      "metadata.labels: Invalid value: \"a/b/c\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
      "metadata.labels: Invalid value: \"not ok!\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
      "data[bad key]: Invalid value: \"bad key\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    ]);
  });

  it('builds the server-side Status message with the group-qualified kind', () => {
    const errs = [{ type: 'Required value' as const, field: 'spec.selector', value: '', detail: '' }];
    expect(invalidStatusMessage('Deployment', 'apps', 'web', errs)).toBe('Deployment.apps "web" is invalid: spec.selector: Required value');
  });
});

describe('validateUpdate', () => {
  it('keeps a Deployment selector immutable', () => {
    const old = deployment({ matchLabels: { app: 'web' } }, { app: 'web', v: '1' });
    const next = deployment({ matchLabels: { app: 'web', v: '1' } }, { app: 'web', v: '1' });
    applyDefaults(old, new Prng(1));
    applyDefaults(next, new Prng(1));
    expect(validateUpdate(next, old).map(formatFieldError)).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "v":"1"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ]);
  });

  it('lets a Pod change its image but nothing else in its spec', () => {
    const old = nginxPod();
    applyDefaults(old, new Prng(1));
    const image = JSON.parse(JSON.stringify(old)) as KubeObject;
    image.spec.containers[0].image = 'nginx:1.27';
    expect(validateUpdate(image, old)).toEqual([]);
    const env = JSON.parse(JSON.stringify(old)) as KubeObject;
    env.spec.containers[0].env = [{ name: 'A', value: '1' }];
    expect(validateUpdate(env, old).map((e) => e.field + ': ' + e.type)).toEqual(['spec: Forbidden']);
  });
});

describe('strictDecode', () => {
  it('reports an unknown field with its indexed path', () => {
    const m = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' }, spec: { containers: [{ name: 'a', image: 'nginx', imagePullPolice: 'Always' }] } };
    expect(strictDecode(m, 'v1', 'Pod')).toBe('Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagePullPolice"');
  });

  it('joins several unknown fields with ", " in the (sorted) order kubectl sends them', () => {
    const m = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'x', labelz: { a: 'b' } },
      spec: { replica: 2, selector: { matchLabels: { app: 'x' } }, template: { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'a', image: 'nginx', ports: [{ containerPort: 80, hostPorts: 1 }] }] } } },
      extra: true,
    };
    expect(strictDecode(m, 'apps/v1', 'Deployment')).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "extra", unknown field "metadata.labelz", unknown field "spec.replica", unknown field "spec.template.spec.containers[0].ports[0].hostPorts"',
    );
  });

  it('reports a string replicas as Go encoding/json does', () => {
    const m = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { replicas: '3' } };
    expect(strictDecode(m, 'apps/v1', 'Deployment')).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
    );
  });

  it('names the innermost struct and the index-free path, and named Go types', () => {
    const pod = (c: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x', labels: { version: 1 } }, spec: { containers: [{ name: 'a', image: 'nginx', ...c }] } });
    expect(strictDecode(pod({}), 'v1', 'Pod')).toBe('Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string');
    const p2 = pod({ ports: [{ containerPort: '80', protocol: 6 }] });
    p2.metadata.labels = { version: '1' } as never;
    expect(strictDecode(p2, 'v1', 'Pod')).toBe('Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32');
    const p3 = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' }, spec: { restartPolicy: 1, containers: 'nginx' } };
    expect(strictDecode(p3, 'v1', 'Pod')).toBe('Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type []v1.Container');
    const p4 = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' }, spec: { restartPolicy: 1 } };
    expect(strictDecode(p4, 'v1', 'Pod')).toBe('Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field PodSpec.spec.restartPolicy of type v1.RestartPolicy');
  });

  it('accepts quantities and IntOrString as string or number, and rejects bad ones with their own errors', () => {
    const pod = (resources: unknown, port: unknown) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'x' },
      spec: { containers: [{ name: 'a', image: 'nginx', resources, livenessProbe: { httpGet: { port } } }] },
    });
    expect(strictDecode(pod({ requests: { cpu: 0.5, memory: '128Mi' }, limits: { cpu: 1 } }, 'http'), 'v1', 'Pod')).toBeUndefined();
    expect(strictDecode(pod({ requests: { cpu: '100mm' } }, 80), 'v1', 'Pod')).toBe("Pod in version \"v1\" cannot be handled as a Pod: unable to parse quantity's suffix");
    expect(strictDecode(pod({ requests: { memory: 'lots' } }, 80), 'v1', 'Pod')).toBe(
      "Pod in version \"v1\" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    );
    expect(strictDecode(pod({}, true), 'v1', 'Pod')).toBe('Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal bool into Go value of type int32');
  });

  it('checks Secret data is base64', () => {
    const s = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { password: 'hunter2' } };
    expect(strictDecode(s, 'v1', 'Secret')).toBe('Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 4');
    expect(strictDecode({ ...s, data: { password: 'aHVudGVyMg==' } }, 'v1', 'Secret')).toBeUndefined();
  });

  it('decodes every kind it knows without complaint for a minimal manifest', () => {
    for (const [apiVersion, kind] of [['v1', 'ServiceAccount'], ['v1', 'Endpoints'], ['discovery.k8s.io/v1', 'EndpointSlice'], ['v1', 'Event'], ['batch/v1', 'CronJob'], ['v1', 'Node'], ['v1', 'Namespace']] as const) {
      expect(strictDecode({ apiVersion, kind, metadata: { name: 'x' } }, apiVersion, kind)).toBeUndefined();
    }
  });
});

describe('applyDefaults', () => {
  it('gives `kubectl run nginx --image=nginx` the spec a v1.31 cluster shows (before scheduling)', () => {
    const pod = nginxPod();
    pod.metadata.labels = { run: 'nginx' };
    applyDefaults(pod, new Prng(7));
    const vol = pod.spec.volumes[0].name as string;
    expect(vol).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(pod.spec).toEqual({
      containers: [
        {
          image: 'nginx',
          imagePullPolicy: 'Always',
          name: 'nginx',
          resources: {},
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
          volumeMounts: [{ mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: vol, readOnly: true }],
        },
      ],
      dnsPolicy: 'ClusterFirst',
      enableServiceLinks: true,
      preemptionPolicy: 'PreemptLowerPriority',
      priority: 0,
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      serviceAccount: 'default',
      serviceAccountName: 'default',
      terminationGracePeriodSeconds: 30,
      tolerations: [
        { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
        { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
      ],
      volumes: [
        {
          name: vol,
          projected: {
            defaultMode: 420,
            sources: [
              { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
              { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
              { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
            ],
          },
        },
      ],
    });
    expect(pod.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
    expect(validateCreate(pod)).toEqual([]);
  });

  it('pulls by tag, defaults probes and computes QoS', () => {
    const pod = obj('Pod', 'v1', 'x', {
      spec: {
        containers: [
          { name: 'a', image: 'nginx:1.27', livenessProbe: { httpGet: { port: 80 } }, resources: { limits: { cpu: '500m', memory: '128Mi' } } },
          { name: 'b', image: 'registry:5000/app@sha256:abc', ports: [{ containerPort: 8080 }], resources: { limits: { cpu: 0.5, memory: '128Mi' } } },
        ],
      },
    });
    applyDefaults(pod, new Prng(1));
    expect(pod.spec.containers[0].imagePullPolicy).toBe('IfNotPresent');
    expect(pod.spec.containers[1].imagePullPolicy).toBe('IfNotPresent');
    expect(pod.spec.containers[0].livenessProbe).toEqual({ httpGet: { port: 80, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
    expect(pod.spec.containers[1].ports).toEqual([{ containerPort: 8080, protocol: 'TCP' }]);
    expect(pod.spec.containers[0].resources.requests).toEqual({ cpu: '500m', memory: '128Mi' });
    expect(pod.status.qosClass).toBe('Guaranteed');
    pod.spec.containers[1].resources = { requests: { cpu: '100m' } };
    applyDefaults(pod, new Prng(1));
    expect(pod.status.qosClass).toBe('Burstable');
  });

  it('defaults Deployments (template included, no ServiceAccount volume) and Services', () => {
    const d = deployment({ matchLabels: { app: 'web' } }, { app: 'web' });
    applyDefaults(d, new Prng(1));
    expect(d.spec.replicas).toBe(1);
    expect(d.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } });
    expect([d.spec.revisionHistoryLimit, d.spec.progressDeadlineSeconds]).toEqual([10, 600]);
    expect(d.spec.template.spec.volumes).toBeUndefined();
    expect(d.spec.template.spec.serviceAccountName).toBeUndefined();
    expect(d.spec.template.spec.restartPolicy).toBe('Always');
    const svc = obj('Service', 'v1', 'web', { spec: { type: 'NodePort', ports: [{ port: 80 }] } });
    applyDefaults(svc, new Prng(1));
    expect(svc.spec).toEqual({
      type: 'NodePort',
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
      externalTrafficPolicy: 'Cluster',
      ipFamilyPolicy: 'SingleStack',
      ipFamilies: ['IPv4'],
    });
  });

  it('defaults Namespaces, Secrets and Jobs', () => {
    const ns = obj('Namespace', 'v1', 'team-a', {}, undefined);
    applyDefaults(ns, new Prng(1));
    expect([ns.spec, ns.status, ns.metadata.labels]).toEqual([{ finalizers: ['kubernetes'] }, { phase: 'Active' }, { 'kubernetes.io/metadata.name': 'team-a' }]);
    const secret = obj('Secret', 'v1', 's', {});
    applyDefaults(secret, new Prng(1));
    expect([secret.type, secret.spec]).toEqual(['Opaque', undefined]);
    const job = obj('Job', 'batch/v1', 'pi', { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl' }] } } } });
    applyDefaults(job, new Prng(1));
    applyJobSelector(job);
    expect([job.spec.completions, job.spec.parallelism, job.spec.backoffLimit, job.spec.completionMode, job.spec.suspend, job.spec.podReplacementPolicy]).toEqual([1, 1, 6, 'NonIndexed', false, 'TerminatingOrFailed']);
    expect(job.spec.selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': 'u-1' } });
    expect(validateCreate(job)).toEqual([]);
  });
});
