/**
 * What a newcomer sees on first open: the default manifest (an nginx Deployment behind a
 * Service) applied at once, and a client Pod fetching http://nginx every two seconds, so the
 * cluster is working and the load-balancing picks are flowing within seconds. Not in the
 * gallery list; `?empty=1` (and Reset) give an empty cluster instead.
 */
import { DEFAULT_MANIFEST } from '../store/defaultManifest.ts';
import { apply, CLIENT_POD, exec, scenario, type GalleryEntry } from './gallery/entry.ts';

/** Requests the client makes: one every 2 s for the first hour. */
const REQUESTS = 1_800;

export const WELCOME: GalleryEntry = {
  id: 'welcome',
  title: { en: 'Welcome to Kubeplay', zh: '欢迎使用 Kubeplay' },
  explanation: {
    en: 'This is a simulated Kubernetes v1.31 cluster running in your browser: an nginx Deployment of 3 Pods behind a Service, and a client Pod asking http://nginx every 2 seconds. Click a Pod or the Service to inspect it, type kubectl commands in the terminal, or scrub the timeline back. Open the Gallery for lessons, or press Reset for an empty cluster.',
    zh: '这是一个在浏览器中运行的模拟 Kubernetes v1.31 集群：一个有 3 个 Pod 的 nginx Deployment 位于 Service 之后，client Pod 每 2 秒请求一次 http://nginx。点击 Pod 或 Service 查看详情，在终端中输入 kubectl 命令，或拖动时间轴回到过去。打开“场景库”学习各个主题，或点击“重置”得到一个空集群。',
  },
  scenario: scenario('Welcome', [
    apply(0, DEFAULT_MANIFEST),
    apply(0, CLIENT_POD.replace('"3600"', '"86400"')),
    exec(15, 'kubectl exec client -- wget -qO- -T 2 http://nginx', { repeat: { every: 2, count: REQUESTS } }),
  ]),
  check: { t: 30, command: 'kubectl get pods', expect: 'client' },
};
