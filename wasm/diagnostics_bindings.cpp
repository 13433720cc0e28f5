// A deliberate trap, so that the page's recovery from a crashed module (a new worker, the widget
// rebuilt from its last settings) is tested with a real WebAssembly trap, not a simulated one.
#include <emscripten/bind.h>

namespace {

void trap_for_testing() {
  __builtin_trap();
}

}  // namespace

EMSCRIPTEN_BINDINGS(diagnostics) {
  emscripten::function("trapForTesting", &trap_for_testing);
}
