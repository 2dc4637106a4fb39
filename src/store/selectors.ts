/** Narrow selectors, declared once at module scope so their identity is stable. */
import type { AppState } from './types.ts';

export const selectVirtualTime = (s: AppState) => s.t;
export const selectConnected = (s: AppState) => s.connected;
export const selectFatal = (s: AppState) => s.fatal;
export const selectNodeCount = (s: AppState) => s.nodes.length;
export const selectReadyNodeCount = (s: AppState) => s.nodes.reduce((n, node) => n + (node.ready ? 1 : 0), 0);
export const selectPodCount = (s: AppState) => s.pods.length;
export const selectRunningPodCount = (s: AppState) => s.podPhases['Running'] ?? 0;
export const selectPendingPodCount = (s: AppState) => s.podPhases['Pending'] ?? 0;

export const selectTerminalEntries = (s: AppState) => s.entries;
export const selectHistory = (s: AppState) => s.history;
export const selectPending = (s: AppState) => s.pending;
export const selectRunCommand = (s: AppState) => s.runCommand;
export const selectApplyEditor = (s: AppState) => s.applyEditor;
export const selectResetCluster = (s: AppState) => s.resetCluster;

export const selectYamlText = (s: AppState) => s.yamlText;
export const selectSetYamlText = (s: AppState) => s.setYamlText;

export const selectGraphNodes = (s: AppState) => s.nodes;
export const selectGraphPods = (s: AppState) => s.pods;
export const selectGraphServices = (s: AppState) => s.services;
export const selectShowSystemPods = (s: AppState) => s.showSystemPods;
export const selectSetShowSystemPods = (s: AppState) => s.setShowSystemPods;

export const selectClock = (s: AppState) => s.clock;
export const selectMarkers = (s: AppState) => s.markers;
export const selectCategories = (s: AppState) => s.categories;
export const selectEventFilter = (s: AppState) => s.eventFilter;
export const selectSetEventFilter = (s: AppState) => s.setEventFilter;
export const selectToggleCategory = (s: AppState) => s.toggleCategory;
export const selectNotice = (s: AppState) => s.notice;
export const selectDismissNotice = (s: AppState) => s.dismissNotice;
export const selectPlay = (s: AppState) => s.play;
export const selectPause = (s: AppState) => s.pause;
export const selectStep = (s: AppState) => s.step;
export const selectSetSpeed = (s: AppState) => s.setSpeed;
export const selectSeek = (s: AppState) => s.seek;

export const selectLesson = (s: AppState) => s.lesson;
export const selectLanguage = (s: AppState) => s.language;
export const selectSetLanguage = (s: AppState) => s.setLanguage;
export const selectShareUrl = (s: AppState) => s.shareUrl;
export const selectOpenError = (s: AppState) => s.openError;
export const selectStorageWarning = (s: AppState) => s.storageWarning;
export const selectOpenScenario = (s: AppState) => s.openScenario;
export const selectSetShareUrl = (s: AppState) => s.setShareUrl;
export const selectSelect = (s: AppState) => s.select;
