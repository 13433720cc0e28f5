// TensorFlow.js's gradient definitions for node. tfjs-core registers none by itself (the
// @tensorflow/tfjs union package does, and it is not installed), and its ES module files import
// each other without file extensions, which node's ES module loader refuses. A resolve hook adds
// the extension for those files only; the registrations land in tfjs's global gradient registry,
// which the CommonJS build used by the backends shares.
import { register } from 'node:module';

register('data:text/javascript,' + encodeURIComponent(`
export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (error) {
    if (context.parentURL?.includes('/@tensorflow/') && specifier.startsWith('.')) return next(specifier + '.js', context);
    throw error;
  }
}`));
await import('@tensorflow/tfjs-core/dist/register_all_gradients.js');
