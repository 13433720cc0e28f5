// The names a student sees for the numbers a task recorded: each readout as its widget labels it
// ("Remembered value"), not the identifier the check read (remembered_value). A record's key is
// "widgetId.measure" or a bare measure of the task's widget.

// The readout labels of widget `type` (its custom element must be defined): name -> label.
function readoutLabels(doc, type) {
  try {
    const element = doc.createElement(`al-${type}`);
    return new Map((element.readouts?.() ?? []).map((readout) => [readout.name, readout.label]));
  } catch {
    // A widget whose readouts need its running model names none before it starts.
    return new Map();
  }
}

// A measure without a readout of its own reads as words: "stored_value" -> "stored value".
export function measureWords(name) {
  return String(name).replace(/_/g, ' ');
}

// Resolves to name(key) for the records of `lesson` (from parseLesson); `loadWidget(type)` defines
// a widget's element. Unknown widgets and measures fall back to words.
export async function readoutNamer(lesson, loadWidget, doc = globalThis.document) {
  const byWidget = new Map();
  for (const { id, widget } of lesson?.widgets ?? []) {
    try {
      await loadWidget(widget);
      byWidget.set(id, readoutLabels(doc, widget));
    } catch {
      byWidget.set(id, new Map());
    }
  }
  return (key) => {
    const dot = key.indexOf('.');
    const widgetId = dot > 0 ? key.slice(0, dot) : null;
    const measure = widgetId && byWidget.has(widgetId) ? key.slice(dot + 1) : key;
    const own = widgetId ? byWidget.get(widgetId)?.get(measure) : null;
    const any = [...byWidget.values()].map((labels) => labels.get(measure)).find(Boolean);
    const label = own ?? any ?? measureWords(measure);
    // Two widgets of one kind on a page are told apart by their ids, as their titles are.
    const sameKind = widgetId && [...byWidget.keys()].filter((id) => byWidget.get(id).has(measure)).length > 1;
    return sameKind ? `${label} (${widgetId})` : label;
  };
}
