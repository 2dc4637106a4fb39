/** Entry: start the simulation worker, connect it to the store, render the page. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { appStore } from '../store/index.ts';
import { SimulationClient } from '../worker/client.ts';
import { App } from './App.tsx';
import './app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

appStore.getState().connect(new SimulationClient());
appStore
  .getState()
  .printInfo('Kubernetes v1.31 playground: a simulated kubeadm cluster running in your browser. Try `kubectl get nodes`.');

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
