import { describe, expect, it } from 'vitest';
import { containerTone, formatBytes, formatCpu, podTone, sandboxTone, usageFraction } from './status.ts';

describe('podTone', () => {
  it.each([
    ['Running', 'ok'],
    ['Pending', 'progress'],
    ['ContainerCreating', 'progress'],
    ['PodInitializing', 'progress'],
    ['Init:0/2', 'progress'],
    ['CrashLoopBackOff', 'error'],
    ['Error', 'error'],
    ['ImagePullBackOff', 'error'],
    ['Init:Error', 'error'],
    ['Completed', 'done'],
    ['Terminating', 'fading'],
    ['Unknown', 'unknown'],
  ])('%s is %s', (status, tone) => {
    expect(podTone({ status, terminating: false })).toBe(tone);
  });

  it('fades a pod being deleted whatever its status', () => {
    expect(podTone({ status: 'Running', terminating: true })).toBe('fading');
  });
});

describe('containerTone', () => {
  const c = (state: 'waiting' | 'running' | 'terminated' | 'unknown', reason = '', ready = false, kind: 'init' | 'sidecar' | 'app' = 'app') => ({ state, reason, ready, kind });
  it('tells starting from failing from done', () => {
    expect(containerTone(c('running', '', true))).toBe('ok');
    expect(containerTone(c('running', '', false))).toBe('progress');
    expect(containerTone(c('running', '', false, 'init'))).toBe('ok');
    expect(containerTone(c('waiting', 'ContainerCreating'))).toBe('progress');
    expect(containerTone(c('waiting', 'CrashLoopBackOff'))).toBe('error');
    expect(containerTone(c('terminated', 'Completed'))).toBe('done');
    expect(containerTone(c('terminated', 'Error'))).toBe('error');
    expect(containerTone(c('unknown'))).toBe('unknown');
  });
});

describe('sandboxTone', () => {
  it('is up once the pod has an IP', () => {
    expect(sandboxTone({ podIP: null, nodeName: null, terminating: false })).toBe('unknown');
    expect(sandboxTone({ podIP: null, nodeName: 'worker-1', terminating: false })).toBe('progress');
    expect(sandboxTone({ podIP: '10.244.1.2', nodeName: 'worker-1', terminating: false })).toBe('ok');
    expect(sandboxTone({ podIP: '10.244.1.2', nodeName: 'worker-1', terminating: true })).toBe('fading');
  });
});

describe('resource formats', () => {
  it('writes CPU and memory as Kubernetes does, short', () => {
    expect([formatCpu(0), formatCpu(250), formatCpu(2000), formatCpu(1500)]).toEqual(['0', '250m', '2', '1500m']);
    expect([formatBytes(0), formatBytes(512), formatBytes(64 * 1024 * 1024), formatBytes(4091904 * 1024)]).toEqual(['0', '512', '64Mi', '3.9Gi']);
    expect([usageFraction(200, 2000), usageFraction(3000, 2000), usageFraction(0, 0), usageFraction(1, 0)]).toEqual([0.1, 1, 0, 1]);
  });
});
