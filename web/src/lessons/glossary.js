// The terms of the lessons, defined once: the glossary page lists them, and a lesson page links
// the first use of each term on the page to its entry. `pattern` finds the term in lesson text
// (whole words; acronyms case-sensitive).
export const GLOSSARY = Object.freeze([
  { id: 'attractor', term: 'attractor', pattern: /\battractors?\b/i,
    definition: 'A set of states that nearby states move towards and then stay in: a point, a line or ring of points, a closed orbit, a torus.' },
  { id: 'fixed-point', term: 'fixed point', pattern: /\bfixed points?\b/i,
    definition: 'A state the dynamics leaves unchanged. Stable if nearby states return to it, unstable if they move away.' },
  { id: 'continuous-attractor', term: 'continuous attractor', pattern: /\bcontinuous attractors?\b/i,
    definition: 'A continuum of fixed points, such as a line or a ring, that can hold any value on it. It needs exactly tuned weights: a small change of the weights breaks it into a few fixed points with slow drift between them.' },
  { id: 'eigenvalue', term: 'eigenvalue', pattern: /\beigenvalues?\b/i,
    definition: 'A number λ with W v = λ v for some direction v: along v the matrix W only scales. For a linear memory, the eigenvalue along the memory direction decides whether a stored value is held (λ = 1), decays (λ < 1) or grows (λ > 1).' },
  { id: 'limit-cycle', term: 'limit cycle', pattern: /\blimit cycles?\b/i,
    definition: 'A closed orbit that nearby states approach: a rhythm. The position along it (the phase) can store a value; a small change of the weights keeps the cycle and shifts its frequency.' },
  { id: 'torus', term: 'torus', pattern: /\btor(?:us|i)\b/i,
    definition: 'The product of several circles: the states of several independent rhythms together. An invariant torus of k circles carries k phases.' },
  { id: 'quasi-periodic', term: 'quasi-periodic', pattern: /\bquasi-periodic\b/i,
    definition: 'Motion on a torus whose frequencies have irrational ratios: it never repeats exactly and, over time, passes near every point of the torus.' },
  { id: 'qpta', term: 'QPTA', pattern: /\bQPTA\b/,
    definition: 'Quasi-periodic toroidal attractor: an initialization of a recurrent network (Park, Ságodi and Sokół 2023) whose weights are 2 × 2 rotation blocks scaled by a gain above 1, so that each block carries an attracting circle and the whole network starts on a torus.' },
  { id: 'lyapunov-exponent', term: 'Lyapunov exponent', pattern: /\bLyapunov exponents?\b/i,
    definition: 'The average rate, per step or per second, at which small differences between two nearby trajectories grow (positive), shrink (negative) or persist (zero) along one direction. A network has one for each dimension: its Lyapunov spectrum.' },
  { id: 'learning-signal', term: 'learning signal', pattern: /\blearning signals?\b/i,
    definition: 'The part of the error at the end of a trial that reaches an earlier step when it is carried back through time (backpropagation through time): its size is the product of the network\'s Jacobians, which grows or shrinks like the exponential of the Lyapunov exponents times the time.' },
  { id: 'bptt', term: 'backpropagation through time', pattern: /\bbackpropagation through time\b/i,
    definition: 'Gradient descent for recurrent networks: the network is unrolled over the trial, and the error at each step is passed back step by step to every earlier step and weight.' },
  { id: 'arnold-tongue', term: 'Arnold tongue', pattern: /\b(?:Arnold )?tongues?\b/i,
    definition: 'A region of parameters in which a rotation locks to a rational ratio p:q (a periodic orbit) instead of moving quasi-periodically. Tongues widen as the coupling or gain grows.' },
  { id: 'perturbation', term: 'perturbation ε', pattern: /\bperturbations?\b/i,
    definition: 'In the lab, random noise added to the weights: every weight changes by ε times a standard normal number divided by √N, with the numbers fixed by the perturbation seed.' },
  { id: 'force', term: 'FORCE', pattern: /\bFORCE\b/,
    definition: 'A learning rule for the readout of a recurrent network (Sussillo and Abbott 2009): recursive least squares, which keeps the output error small from the first step and protects what was learned before.' },
  { id: 'lms', term: 'LMS', pattern: /\bLMS\b/,
    definition: 'Least mean squares: the plain gradient rule for a linear readout, each update a small step against the current error; it does not protect earlier values.' },
]);

// The glossary page, or one entry of it.
export const glossaryHref = (id = null) => (id ? `#/glossary?term=${encodeURIComponent(id)}` : '#/glossary');
