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

export type TerminalStream = 'command' | 'stdout' | 'stderr' | 'info';

export interface TerminalEntry {
  id: number;
  stream: TerminalStream;
  /** Plain text, rendered as a text node; output blocks end with a newline. */
  text: string;
}

export interface TerminalSlice {
  entries: TerminalEntry[];
  /** Typed command lines, oldest first. */
  history: string[];
  /** Commands queued or running. */
  pending: number;
  /** Runs a typed line (`clear` is handled here, as a shell would). */
  runCommand(line: string): Promise<void>;
  /** Runs `kubectl apply -f -` with the YAML pane's text on stdin. */
  applyEditor(): Promise<void>;
  /** Recreates the cluster from its seed. */
  resetCluster(seed?: number): Promise<void>;
  printInfo(text: string): void;
  clearTerminal(): void;
}

export const createTerminalSlice: StateCreator<AppState, [], [], TerminalSlice> = (set, get) => {
  let nextId = 1;
  let queue: Promise<void> = Promise.resolve();

  const print = (stream: TerminalStream, text: string): void => {
    if (stream !== 'command' && text === '') return;
    const entry: TerminalEntry = { id: nextId++, stream, text: stream === 'command' || text.endsWith('\n') ? text : `${text}\n` };
    set((state) => ({ entries: appendCapped(state.entries, [entry], TERMINAL_KEEP) }));
  };

  /** Queues `work` behind the commands already typed; echoes `echo` when it starts. */
  const enqueue = (echo: string, work: () => Promise<ActResult>): Promise<void> => {
    set((state) => ({ pending: state.pending + 1 }));
    const run = async (): Promise<void> => {
      print('command', echo);
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
    runCommand: (line) => {
      const trimmed = line.trim();
      if (trimmed !== '') {
        set((state) =>
          state.history[state.history.length - 1] === trimmed
            ? {}
            : { history: appendCapped(state.history, [trimmed], HISTORY_KEEP) },
        );
      }
      if (trimmed === '') {
        print('command', '');
        return Promise.resolve();
      }
      if (trimmed === 'clear') {
        // Behind the queue, so it clears what was printed before it, not what is still coming.
        queue = queue.then(() => set({ entries: [] }));
        return queue;
      }
      return enqueue(trimmed, () => simulation().exec(trimmed));
    },
    applyEditor: () => {
      const yaml = get().yamlText;
      return enqueue(APPLY_COMMAND, () => simulation().apply(yaml));
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
