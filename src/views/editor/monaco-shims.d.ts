// The slim Monaco entry (the editor without the TS/CSS/HTML/JSON language services) has the
// same API as the package root; only the root ships types.
declare module 'monaco-editor/esm/vs/editor/edcore.main.js' {
  export * from 'monaco-editor';
}
declare module 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js';
