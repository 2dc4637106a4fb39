/** Entry: start the simulation worker, connect it to the store, render the page. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { appStore } from '../store/index.ts';
import { App } from './App.tsx';
import { startPage } from './startup.ts';
import { installFaultHooks, startSimulation } from './restore.ts';
import { message } from '../views/i18n.ts';
import './app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

startSimulation(appStore);
if (new URLSearchParams(window.location.search).get('faults') === '1') installFaultHooks(window as never);
// startPage settles the language before its first await, so the greeting is in the page's language.
void startPage(appStore, window.location, browserStorage());
appStore.getState().printInfo(message(appStore.getState().language, 'termGreeting'));

/** localStorage, or null where the browser refuses it (private modes, policies). */
function browserStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
