/** Page helpers shared by the specs: they drive the page only through its test ids. */
import { expect, type Locator, type Page } from '@playwright/test';

export function ids(page: Page) {
  return {
    yaml: page.getByTestId('yaml-input'),
    apply: page.getByTestId('apply-button'),
    input: page.getByTestId('terminal-input'),
    output: page.getByTestId('terminal-output'),
    status: page.getByTestId('status-line'),
  };
}

/** Opens the page on an empty cluster (`?empty=1`: no welcome scenario) and waits for the worker's first update. */
export async function openPlayground(page: Page): Promise<void> {
  await page.goto('/?empty=1');
  await expect(ids(page).status).toHaveAttribute('data-state', 'running');
}

/** The entries of one stream in the terminal scrollback, as text. */
export function streamEntries(output: Locator, stream: 'command' | 'stdout' | 'stderr' | 'info'): Locator {
  return output.locator(`[data-stream="${stream}"]`);
}

/** Types a line at the prompt and presses Enter. */
export async function typeCommand(page: Page, line: string): Promise<void> {
  const input = ids(page).input;
  await input.fill(line);
  await input.press('Enter');
}

/**
 * The output (stdout and stderr, in order) printed after the last echo of `line`, once the
 * command has finished. Relies on the store printing each command's output right after its echo.
 * `prompt`: the echo's prompt, `$` on the control plane, `root@<node>:~#` in a node's shell.
 */
export async function outputAfter(page: Page, line: string, prompt = '$'): Promise<string> {
  await expect(page.locator('.pane-busy')).toHaveCount(0);
  return ids(page).output.evaluate((pre, wanted) => {
    const children = Array.from(pre.children) as HTMLElement[];
    let start = -1;
    children.forEach((child, i) => {
      if (child.dataset['stream'] === 'command' && child.textContent === `${wanted}\n`) start = i;
    });
    if (start < 0) return '';
    let text = '';
    for (const child of children.slice(start + 1)) {
      if (child.dataset['stream'] === 'command') break;
      text += child.textContent ?? '';
    }
    return text;
  }, `${prompt} ${line}`);
}

/** Waits until Monaco has taken over the YAML pane from the plain textarea. */
export async function waitForMonaco(page: Page): Promise<Locator> {
  await expect(page.getByTestId('editor-pane')).toHaveAttribute('data-editor', 'monaco', { timeout: 20_000 });
  return page.getByTestId('yaml-editor').locator('.monaco-editor');
}

/**
 * Replaces the text in Monaco as a user pasting it would (select all, paste). A paste, not typed
 * keys: typing a newline auto-indents the next line, pasting keeps the text as it is.
 */
export async function setEditorText(page: Page, text: string): Promise<void> {
  const editor = await waitForMonaco(page);
  await editor.click({ position: { x: 80, y: 8 } });
  await page.keyboard.press('ControlOrMeta+A');
  await editor.locator('textarea').evaluate((textarea, pasted) => {
    const data = new DataTransfer();
    data.setData('text/plain', pasted);
    textarea.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}
