// The Azurite launcher lives with the bench (which is built); tests use the same one.
export { startAzurite, type Azurite } from '../../bench/azurite';
