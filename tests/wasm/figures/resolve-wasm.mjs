// Module resolution hook for the worker thread: the site's worker imports the module from
// ../../wasm/ (where build-site.mjs copies it); in the source tree it is in build/wasm/wasm/.
export async function initialize(data) {
  globalThis.builtModuleUrl = data.builtModuleUrl;
}

export async function resolve(specifier, context, nextResolve) {
  if (specifier.endsWith('/wasm/attractor_lab.mjs')) return { url: globalThis.builtModuleUrl, shortCircuit: true };
  return nextResolve(specifier, context);
}
