/**
 * The kubectl terminal: what has been printed, the command history, and the commands in
 * flight. Commands run one at a time, in the order typed, so each output follows its command.
 */
import type { StateCreator } from 'zustand';
import type { ActResult } from '../worker/protocol.ts';
import { appendCapped } from './clusterSlice.ts';
import type { AppState } from './types.ts';

/** Lines of scrollback kept (as entries: one command echo or one output block each). */
export const TERMINAL_KEEP = 2_000;
/** Commands remembered for arrow-up. */
export const HISTORY_KEEP = 500;
/** The line shown for the YAML pane's Apply, as if it had been typed. */
export const APPLY_COMMAND = 'kubectl apply -f -';

export type TerminalStream = 'command' | 'stdout' | 'stderr' | 'info' | 'completion';

export interface TerminalEntry {
  id: number;
  stream: TerminalStream;
  /** Plain text, rendered as a text node; output blocks end with a newline. */
  text: string;
  /** For a command echo (and a completion list): the node whose shell it was typed in, if not the control plane's. */
  node?: string;
}

export interface TerminalSlice {
  entries: TerminalEntry[];
  /** Typed command lines, oldest first. */
  history: string[];
  /** Commands queued or running. */
  pending: number;
  /** The node whose shell the terminal runs lines on; null: the control-plane node (the kubectl prompt). */
  shellNode: string | null;
  setShellNode(node: string | null): void;
  /** Prints the candidates of a Tab completion below the line typed so far, as bash does on a double Tab. */
  printCompletions(line: string, candidates: readonly string[]): void;
  /** Runs a typed line (`clear` is handled here, as a shell would). */
  runCommand(line: string): Promise<void>;
  /** Runs `kubectl apply -f -` with the YAML pane's text on stdin. */
  applyEditor(): Promise<void>;
  /** Runs `line` (`kubectl delete -f -`, `kubectl diff -f -`) with the YAML pane's text on stdin, in turn; resolves to its output (null if it could not run). */
  pipeEditor(line: string): Promise<ActResult | null>;
  /** Recreates the cluster from its seed. */
  resetCluster(seed?: number): Promise<void>;
  printInfo(text: string): void;
  clearTerminal(): void;
}

export const createTerminalSlice: StateCreator<AppState, [], [], TerminalSlice> = (set, get) => {
  let nextId = 1;
  let queue: Promise<void> = Promise.resolve();

  const print = (stream: TerminalStream, text: string, node?: string | null): void => {
    if (stream !== 'command' && text === '') return;
    const entry: TerminalEntry = { id: nextId++, stream, text: stream === 'command' || text.endsWith('\n') ? text : `${text}\n` };
    if (node) entry.node = node;
    set((state) => ({ entries: appendCapped(state.entries, [entry], TERMINAL_KEEP) }));
  };

  /** Queues `work` behind the commands already typed; echoes `echo` when it starts. */
  const enqueue = (echo: string, work: () => Promise<ActResult>, node: string | null = null): Promise<void> => {
    set((state) => ({ pending: state.pending + 1 }));
    const run = async (): Promise<void> => {
      print('command', echo, node);
      try {
        const result = await work();
        print('stdout', result.stdout);
        print('stderr', result.stderr);
        if (result.forked) print('info', 'This ran in the past: the history forked here, and the recorded future after this moment was dropped.');
      } catch (error) {
        print('stderr', `kubeplay: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        set((state) => ({ pending: state.pending - 1 }));
      }
    };
    queue = queue.then(run);
    return queue;
  };

  const simulation = () => {
    const sim = get().sim;
    if (!sim) throw new Error('the simulation is not connected');
    return sim;
  };

  return {
    entries: [],
    history: [],
    pending: 0,
    shellNode: null,
    setShellNode: (node) => set({ shellNode: node }),
    printCompletions: (line, candidates) => {
      const node = get().shellNode;
      print('command', line, node);
      print('completion', formatColumns(candidates), node);
    },
    runCommand: (line) => {
      const trimmed = line.trim();
      if (trimmed !== '') {
        set((state) =>
          state.history[state.history.length - 1] === trimmed
            ? {}
            : { history: appendCapped(state.history, [trimmed], HISTORY_KEEP) },
        );
      }
      const node = get().shellNode;
      if (trimmed === '') {
        print('command', '', node);
        return Promise.resolve();
      }
      if (trimmed === 'clear') {
        // Behind the queue, so it clears what was printed before it, not what is still coming.
        queue = queue.then(() => set({ entries: [] }));
        return queue;
      }
      return enqueue(trimmed, () => (node === null ? simulation().exec(trimmed) : simulation().exec(trimmed, undefined, node)), node);
    },
    applyEditor: () => {
      const yaml = get().yamlText;
      return enqueue(APPLY_COMMAND, () => simulation().apply(yaml));
    },
    pipeEditor: (line) => {
      const yaml = get().yamlText;
      let result: ActResult | null = null;
      return enqueue(line, async () => (result = await simulation().exec(line, yaml))).then(() => result);
    },
    resetCluster: (seed) => {
      queue = queue.then(async () => {
        try {
          await simulation().reset(seed);
          print('info', `Cluster reset${seed === undefined ? '' : ` (seed ${seed})`}.`);
        } catch (error) {
          print('stderr', `kubeplay: ${error instanceof Error ? error.message : String(error)}`);
        }
      });
      return queue;
    },
    printInfo: (text) => print('info', text),
    clearTerminal: () => set({ entries: [] }),
  };
};

/** Terminal width the completion list is laid out for (bash uses $COLUMNS; 80 is its default). */
const COLUMNS = 80;

/** Candidates in columns, down then across, as readline prints a completion list. */
export function formatColumns(candidates: readonly string[]): string {
  if (candidates.length === 0) return '';
  const width = Math.max(...candidates.map((c) => c.length)) + 2;
  // readline's rl_display_match_list: limit = screenwidth / max, one less when it fills the line exactly.
  let perLine = Math.floor(COLUMNS / width);
  if (perLine > 1 && perLine * width === COLUMNS) perLine--;
  perLine = Math.max(1, perLine);
  const lines = Math.ceil(candidates.length / perLine);
  const out: string[] = [];
  for (let row = 0; row < lines; row++) {
    const cells: string[] = [];
    for (let col = 0; col < perLine; col++) {
      const c = candidates[col * lines + row];
      if (c !== undefined) cells.push(c);
    }
    out.push(cells.map((c, i) => (i < cells.length - 1 ? c.padEnd(width) : c)).join(''));
  }
  return `${out.join('\n')}\n`;
}
