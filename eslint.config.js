// ESLint flat config for the maps' JavaScript (src/corridors/maps/static/) and its
// Node unit tests (tests/js/). `npm run lint`.
"use strict";

const js = require("@eslint/js");

// What the page scripts use from the browser and from each other. Each file is one
// classic script inlined into the page; `module` exists only under Node (tests).
const page = {
  L: "readonly",
  atob: "readonly",
  console: "readonly",
  document: "readonly",
  module: "writable",
  setTimeout: "readonly",
  window: "readonly",
};
const node = {
  __dirname: "readonly",
  console: "readonly",
  module: "writable",
  require: "readonly",
  structuredClone: "readonly",
};

module.exports = [
  { ignores: ["node_modules/", ".venv/", "output/", "**/.ipynb_checkpoints/"] },
  js.configs.recommended,
  {
    files: ["src/corridors/maps/static/**/*.js"],
    languageOptions: { ecmaVersion: 2020, sourceType: "script", globals: page },
    rules: {
      "no-unused-vars": ["error", { vars: "local" }],
    },
  },
  {
    files: ["tests/js/**/*.js", "eslint.config.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "commonjs", globals: node },
  },
];
