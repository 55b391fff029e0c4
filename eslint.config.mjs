// ESLint for the browser map (dashboard/ui/map/js): `make lint-js`, pinned in .tools/package.json.
// The tools live in .tools/node_modules (installed by make), so they are resolved from there.
import { createRequire } from "node:module";

const require = createRequire(new URL("./.tools/package.json", import.meta.url));
const js = require("@eslint/js");
const globals = require("globals");

export default [
  { ignores: [".tools/**", ".venv/**", "dashboard/static/**", "test-results/**"] },
  js.configs.recommended,
  {
    files: ["dashboard/**/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "script",
      globals: { ...globals.browser, L: "readonly" },
    },
    rules: {
      eqeqeq: "error",
      "no-var": "error",
      "prefer-const": "error",
      "no-implicit-globals": "error",
      "no-unused-vars": ["error", { args: "none" }],
    },
  },
  // Streamlit's components-v2 host loads host.js as an ES module.
  { files: ["dashboard/ui/map/js/host.js"], languageOptions: { sourceType: "module" } },
];
