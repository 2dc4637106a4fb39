/**
 * The graph's legend: what the pod colours (kubectl's STATUS), the edge styles and the container
 * marks mean. It draws each sample with the graph's own classes, so it cannot drift from them.
 */
import { useState } from "react";
import { useT } from "../i18n.ts";
import type { Tone } from "./status.ts";

const TONES: {
  tone: Tone;
  key:
    | "legOk"
    | "legProgress"
    | "legError"
    | "legDone"
    | "legFading"
    | "legUnknown";
}[] = [
  { tone: "ok", key: "legOk" },
  { tone: "progress", key: "legProgress" },
  { tone: "error", key: "legError" },
  { tone: "done", key: "legDone" },
  { tone: "fading", key: "legFading" },
  { tone: "unknown", key: "legUnknown" },
];

const EDGES: {
  className: string;
  key: "legReady" | "legNotReady" | "legTerminating" | "legOwner";
}[] = [
  { className: "endpoint-edge endpoint-ready", key: "legReady" },
  { className: "endpoint-edge endpoint-notready", key: "legNotReady" },
  { className: "endpoint-edge endpoint-terminating", key: "legTerminating" },
  { className: "owner-edge", key: "legOwner" },
];

const CHIPS: {
  kind: string;
  label: string;
  key: "legPause" | "legInit" | "legSidecar" | "legApp";
}[] = [
  { kind: "sandbox", label: "pause", key: "legPause" },
  { kind: "init", label: "setup", key: "legInit" },
  { kind: "sidecar", label: "proxy", key: "legSidecar" },
  { kind: "app", label: "nginx", key: "legApp" },
];

export function Legend() {
  const [open, setOpen] = useState(false);
  const t = useT();
  return (
    <div className="legend" data-open={open}>
      <button
        type="button"
        className="button legend-toggle"
        data-testid="legend-toggle"
        aria-expanded={open}
        aria-controls="graph-legend"
        title={t("legendTitle")}
        onClick={() => setOpen(!open)}
      >
        {t("legend")}
      </button>
      {open && (
        <div
          className="legend-panel"
          id="graph-legend"
          data-testid="legend"
          role="region"
          aria-label={t("legendTitle")}
        >
          <div className="legend-col">
            <h3 className="legend-h">{t("legStatus")}</h3>
            <ul className="legend-list">
              {TONES.map(({ tone, key }) => (
                <li key={tone} data-tone={tone}>
                  <span
                    className="legend-pod"
                    data-tone={tone}
                    aria-hidden="true"
                  />
                  {t(key)}
                </li>
              ))}
            </ul>
          </div>
          <div className="legend-col">
            <h3 className="legend-h">{t("legEdges")}</h3>
            <ul className="legend-list">
              {EDGES.map(({ className, key }) => (
                <li key={key}>
                  <svg
                    className="legend-edge"
                    width="36"
                    height="10"
                    aria-hidden="true"
                  >
                    <g className={`react-flow__edge ${className}`}>
                      <path
                        className="react-flow__edge-path"
                        d="M2 5 H34"
                        fill="none"
                      />
                    </g>
                  </svg>
                  {t(key)}
                </li>
              ))}
            </ul>
            <h3 className="legend-h">{t("legContainers")}</h3>
            <ul className="legend-list">
              {CHIPS.map(({ kind, label, key }) => (
                <li key={kind}>
                  <span
                    className={`chip chip-${kind}`}
                    data-tone="ok"
                    aria-hidden="true"
                  >
                    {kind !== "app" && (
                      <span className="chip-kind">{kind}</span>
                    )}
                    {label}
                  </span>
                  {t(key)}
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
    </div>
  );
}
