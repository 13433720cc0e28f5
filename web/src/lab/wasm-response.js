// Streaming compilation needs the server to say application/wasm. Course platforms' file servers
// (Moodle, Canvas, shared university hosting) often send application/octet-stream instead; then
// the same response is read whole and compiled from the bytes: one download, no warning, either way.
export function compilesWhileStreaming(response) {
  const type = response.headers.get('Content-Type') ?? '';
  return typeof WebAssembly.instantiateStreaming === 'function' && /^application\/wasm\s*(;|$)/i.test(type);
}

function checkResponse(response) {
  if (!response.ok) throw new Error(`the WebAssembly module could not be loaded from ${response.url}: HTTP ${response.status}`);
}

export async function instantiateWasmResponse(response, imports) {
  checkResponse(response);
  if (compilesWhileStreaming(response)) return WebAssembly.instantiateStreaming(response, imports);
  return WebAssembly.instantiate(await response.arrayBuffer(), imports);
}

export async function compileWasmResponse(response) {
  checkResponse(response);
  if (compilesWhileStreaming(response)) return WebAssembly.compileStreaming(response);
  return WebAssembly.compile(await response.arrayBuffer());
}
