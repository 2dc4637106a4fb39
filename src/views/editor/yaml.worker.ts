// The YAML language worker (yaml-language-server inside monaco-yaml), loaded as a same-origin
// module worker through Vite's `?worker` import.
import 'monaco-yaml/yaml.worker.js';
