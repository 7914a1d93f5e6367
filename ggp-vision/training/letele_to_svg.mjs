// Turns the CC0 deck in the npm package @letele/playing-cards (React components compiled
// to React.createElement calls) back into plain SVG files that any rasterizer reads.
// Usage: node letele_to_svg.mjs path/to/package/dist/index.esm.js OUT_DIR
// Writes OUT_DIR/<Rank><Suit>.svg, e.g. AS.svg, 10H.svg (backs and jokers are skipped).
import fs from "node:fs";
import path from "node:path";

const [source, outDir] = process.argv.slice(2);
if (!source || !outDir) {
  console.error("usage: node letele_to_svg.mjs index.esm.js OUT_DIR");
  process.exit(2);
}
const code = fs.readFileSync(source, "utf8");

// SVG attributes that React writes in camelCase but SVG keeps in camelCase too.
const keepCamel = new Set(["viewBox", "preserveAspectRatio", "patternUnits"]);
const renamed = { className: "class", xlinkHref: "xlink:href", xmlnsXlink: "xmlns:xlink" };
const attrName = (name) =>
  renamed[name] ?? (keepCamel.has(name) ? name : name.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase()));
const escape = (value) =>
  String(value).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");

const React = {
  createElement(tag, props, ...children) {
    const attrs = Object.entries(props ?? {})
      .filter(([name, value]) => value !== undefined && value !== null && !name.startsWith("aria-"))
      .map(([name, value]) => ` ${attrName(name)}="${escape(value)}"`)
      .join("");
    const inner = children.flat().filter((c) => c !== null && c !== false).join("");
    return `<${tag}${attrs}>${inner}</${tag}>`;
  },
};
const body = code
  .replace(/^import .*$/gm, "")
  .replace(/^export \{([^}]*)\};?/m, (_, names) => `return {${names.replace(/(\w+) as (\w+)/g, "$2: $1")}};`);
const exports = new Function("React", "_extends", body)(React, Object.assign);

fs.mkdirSync(outDir, { recursive: true });
const suits = { S: "S", H: "H", D: "D", C: "C" };
let written = 0;
for (const [name, component] of Object.entries(exports)) {
  const suit = suits[name[0]];
  const rank = name.slice(1).toUpperCase();
  if (!suit || !/^(10|[2-9AJQK])$/.test(rank)) continue;
  const svg = component({});
  fs.writeFileSync(path.join(outDir, `${rank}${suit}.svg`), svg);
  written += 1;
}
console.error(`wrote ${written} cards to ${outDir}`);
