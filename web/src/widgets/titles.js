// Each widget's title, stated once: the catalog shows it on the playground and the lesson map
// (without loading the widget), and the widget's schema puts it over the widget.
export const WIDGET_TITLES = Object.freeze({
  line: 'Line attractor',
  ring: 'Ring attractor',
  oscillator: 'Limit cycle and torus',
  'tanh-map': 'Tanh-map explorer',
  'hd-duel': 'Head-direction duel',
  'rnn-trainer': 'Train a recurrent network',
  'force-lms': 'FORCE vs LMS bench',
  'wave-lattice': 'Traveling-wave lattice',
  'robustness-arena': 'Robustness arena',
});
