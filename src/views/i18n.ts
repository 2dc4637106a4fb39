/**
 * The page's own words in English and Chinese (Simplified). Kubernetes' words stay as they are in
 * both (Pod, Service, Running, kubectl's output): they are what the learner will meet on a real
 * cluster. The language follows the browser's by default and the EN / 中文 switch after that.
 */
import { useAppStore } from '../store/index.ts';
import type { Language } from '../store/scenarioSlice.ts';
import type { MarkerCategory } from '../worker/protocol.ts';

const EN = {
  subtitle: 'Kubernetes v1.31 playground',
  node: '{n} node',
  nodes: '{n} nodes',
  pod: '{n} pod',
  pods: '{n} pods',
  readyNodes: ' ({n} Ready)',
  podStates: ' ({running} Running{pending})',
  pendingPods: ', {n} Pending',
  timeTitle: 'Virtual time since the cluster was created',
  gallery: 'Gallery',
  share: 'Share',
  exportImport: 'Export / Import',
  reset: 'Reset',
  resetTitle: 'Start again with an empty cluster',
  play: 'Play',
  pause: 'Pause',
  stepTitle: 'Step to the next event',
  speed: 'Speed',
  goTo: 'go to…',
  goToTitle: 'Go to a time (seconds or m:ss, then Enter); past the end, time runs forward to it',
  live: 'LIVE',
  replay: 'REPLAY',
  liveTitle: 'At the end of the history: what you do extends it',
  replayTitle: 'Looking at the past: a change you make here starts a new history',
  ok: 'OK',
  terminal: 'Terminal',
  events: 'Events',
  eventFilter: 'Filter: pod name, reason, message',
  noEvents: 'No events match.',
  eventRowTitle: 'Go to this moment (and show the object in the inspector)',
  cluster: 'Cluster',
  clusterHint: 'Nodes, Pods and Services',
  namespace: 'Namespace',
  allNamespaces: 'All namespaces',
  owners: 'Owners',
  systemPods: 'Show system pods',
  galleryTitle: 'Scenario gallery',
  open: 'Open',
  close: 'Close',
  more: 'More',
  less: 'Less',
  linkCopied: 'Link copied.',
  linkLength: '{n} characters; it replays this history up to now.',
  exportJson: 'Export scenario (JSON)',
  exportYaml: 'Export scenario (YAML)',
  exportCluster: 'Export for a real cluster (kind script)',
  importFile: 'Import scenario file…',
  stopped: 'The simulation stopped: {why}. Your editor text is kept. Restore rebuilds the cluster from its recorded history.',
  restore: 'Restore',
  dismiss: 'Dismiss',
  cat_user: 'Your actions',
  cat_scheduling: 'Scheduling',
  cat_pull: 'Image pulls',
  cat_container: 'Containers',
  cat_probe: 'Probes',
  cat_restart: 'Restarts',
  cat_endpoints: 'Endpoints',
  cat_traffic: 'Load balancing',
  cat_node: 'Nodes',
  cat_workload: 'Controllers',
};

export type MessageKey = keyof typeof EN;

const ZH: Record<MessageKey, string> = {
  subtitle: 'Kubernetes v1.31 演练场',
  node: '{n} 个节点',
  nodes: '{n} 个节点',
  pod: '{n} 个 Pod',
  pods: '{n} 个 Pod',
  readyNodes: '（{n} 个 Ready）',
  podStates: '（{running} 个 Running{pending}）',
  pendingPods: '，{n} 个 Pending',
  timeTitle: '集群创建以来的虚拟时间',
  gallery: '场景库',
  share: '分享',
  exportImport: '导出 / 导入',
  reset: '重置',
  resetTitle: '从一个空集群重新开始',
  play: '播放',
  pause: '暂停',
  stepTitle: '前进到下一个事件',
  speed: '速度',
  goTo: '跳转到…',
  goToTitle: '跳转到某个时间（秒数或 分:秒，按回车）；超过末尾时时间会向前运行到那里',
  live: '实时',
  replay: '回放',
  liveTitle: '位于历史的末尾：你的操作会延续它',
  replayTitle: '正在查看过去：在这里做出改变会开始一段新的历史',
  ok: '好的',
  terminal: '终端',
  events: '事件',
  eventFilter: '筛选：Pod 名称、原因、消息',
  noEvents: '没有匹配的事件。',
  eventRowTitle: '跳转到这一时刻（并在检查器中显示该对象）',
  cluster: '集群',
  clusterHint: '节点、Pod 和 Service',
  namespace: '命名空间',
  allNamespaces: '所有命名空间',
  owners: '所有者',
  systemPods: '显示系统 Pod',
  galleryTitle: '场景库',
  open: '打开',
  close: '关闭',
  more: '展开',
  less: '收起',
  linkCopied: '链接已复制。',
  linkLength: '{n} 个字符；打开它会重放到目前为止的这段历史。',
  exportJson: '导出场景（JSON）',
  exportYaml: '导出场景（YAML）',
  exportCluster: '导出到真实集群（kind 脚本）',
  importFile: '导入场景文件…',
  stopped: '模拟已停止：{why}。编辑器中的文本已保留。点击“恢复”会根据记录的历史重建集群。',
  restore: '恢复',
  dismiss: '关闭',
  cat_user: '你的操作',
  cat_scheduling: '调度',
  cat_pull: '拉取镜像',
  cat_container: '容器',
  cat_probe: '探针',
  cat_restart: '重启',
  cat_endpoints: '端点',
  cat_traffic: '负载均衡',
  cat_node: '节点',
  cat_workload: '控制器',
};

const MESSAGES: Record<Language, Record<MessageKey, string>> = { en: EN, zh: ZH };

/** The message in `language`, with `{name}` placeholders filled. */
export function message(language: Language, key: MessageKey, values: Record<string, string | number> = {}): string {
  return MESSAGES[language][key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}

export function categoryKey(category: MarkerCategory): MessageKey {
  return `cat_${category}` as MessageKey;
}

const selectLanguage = (s: { language: Language }) => s.language;

/** The current language's messages, for a component. */
export function useT(): (key: MessageKey, values?: Record<string, string | number>) => string {
  const language = useAppStore(selectLanguage);
  return (key, values) => message(language, key, values);
}

/** The language to start in when none is asked for: Chinese for a Chinese browser, else English. */
export function browserLanguage(languages: readonly string[]): Language {
  return (languages[0] ?? '').toLowerCase().startsWith('zh') ? 'zh' : 'en';
}
