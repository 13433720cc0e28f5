// The papers behind the lab: the three source papers and the classic ones.
import { h } from '../../ui/dom.js';

export const REFERENCES = [
  { id: 'park2023', authors: 'I. M. Park, Á. Ságodi, P. A. Sokół', year: 2023,
    title: 'Persistent learning signals and working memory without continuous attractors', venue: 'arXiv:2308.12585',
    url: 'https://arxiv.org/abs/2308.12585', note: 'Quasi-periodic attractors (QPTA) as memory; limit cycles and tori persist under perturbations that destroy continuous attractors.' },
  { id: 'beer2019', authors: 'C. Beer, O. Barak', year: 2019,
    title: 'One step back, two steps forward: interference and learning in recurrent neural networks', venue: 'Neural Computation, 2019; arXiv:1805.09603',
    url: 'https://arxiv.org/abs/1805.09603', note: 'FORCE against LMS: how learning one value destroys earlier fixed points.' },
  { id: 'karuvally2024', authors: 'A. Karuvally, T. Sejnowski, H. T. Siegelmann', year: 2024,
    title: 'Hidden traveling waves bind working memory variables in recurrent neural networks', venue: 'ICML 2024; arXiv:2402.10163',
    url: 'https://arxiv.org/abs/2402.10163', note: 'Traveling-wave working memory and the roots-of-unity spectrum of trained RNNs.' },
  { id: 'sussillo2009', authors: 'D. Sussillo, L. F. Abbott', year: 2009,
    title: 'Generating coherent patterns of activity from chaotic neural networks', venue: 'Neuron 63(4):544–557',
    url: 'https://doi.org/10.1016/j.neuron.2009.07.018', note: 'FORCE learning.' },
  { id: 'sussillo2013', authors: 'D. Sussillo, O. Barak', year: 2013,
    title: 'Opening the black box: low-dimensional dynamics in high-dimensional recurrent neural networks', venue: 'Neural Computation 25(3):626–649',
    url: 'https://doi.org/10.1162/NECO_a_00409', note: 'Fixed and slow points of trained networks.' },
  { id: 'le2015', authors: 'Q. V. Le, N. Jaitly, G. E. Hinton', year: 2015,
    title: 'A simple way to initialize recurrent networks of rectified linear units', venue: 'arXiv:1504.00941',
    url: 'https://arxiv.org/abs/1504.00941', note: 'The identity initialization (IRNN).' },
  { id: 'seung1996', authors: 'H. S. Seung', year: 1996,
    title: 'How the brain keeps the eyes still', venue: 'PNAS 93(23):13339–13344',
    url: 'https://doi.org/10.1073/pnas.93.23.13339', note: 'The line attractor and its fine-tuning.' },
  { id: 'zhang1996', authors: 'K. Zhang', year: 1996,
    title: 'Representation of spatial orientation by the intrinsic dynamics of the head-direction cell ensemble: a theory',
    venue: 'Journal of Neuroscience 16(6):2112–2126', url: 'https://doi.org/10.1523/JNEUROSCI.16-06-02112.1996',
    note: 'The ring attractor that integrates angular velocity.' },
];

export function referencesPage(container) {
  container.append(
    h('h1', { text: 'References' }),
    h('p', { text: 'The models, measures and lessons of the lab follow these papers. Links open the publisher or arXiv page.' }),
    h('ol', { class: 'references' }, REFERENCES.map((ref) => h('li', { id: ref.id }, [
      `${ref.authors} (${ref.year}). `,
      h('a', { href: ref.url, text: ref.title, rel: 'noopener' }),
      '. ', h('cite', { text: ref.venue }), '. ',
      h('span', { class: 'muted', text: ref.note }),
    ]))),
  );
  return { title: 'References' };
}
