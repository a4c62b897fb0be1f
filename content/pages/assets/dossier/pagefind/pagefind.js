/* Dossier: the Pagefind that the site's search dialog (search.js) gives to Pagefind's UI, which
 * imports `pagefind.js` from its bundle path: the index's shards merged into one search (search.js
 * hands it over with `use`), the first result's data asked for before the others'.
 *
 * Pagefind's UI asks for the data of every listed result at once (its address, its excerpt and
 * the excerpts under each heading that matches), and Pagefind's worker works on them all
 * together: the first result was painted only once all eight were ready. The data of a much
 * mentioned person is the slowest of all (measured on the full corpus, "Blair": 128 headings
 * match on Tony Blair's page, about 100 ms in the worker, the seven others a few ms each). The
 * other results now wait for the first's data: the first is painted as soon as its own data is
 * ready, the others a few ms later. What is found, and in which order, is Pagefind's. */

let merged = null;

export function use(pagefind) {
  merged = pagefind;
}

function search_() {
  if (!merged) throw new Error("the search index is not loaded yet");
  return merged;
}

// The data of the results after the first: asked for once the first's data has come (or
// failed), each as Pagefind gives it (asked again, computed again: the UI changes what it gets).
export function firstDataFirst(response) {
  if (!response || !Array.isArray(response.results) || response.results.length < 2) {
    return response;
  }
  let release;
  const firstDone = new Promise((resolve) => {
    release = resolve;
  });
  const first = response.results[0];
  const firstData = first.data;
  first.data = function () {
    const data = firstData.apply(this, arguments);
    Promise.resolve(data).then(release, release);
    return data;
  };
  for (const result of response.results.slice(1)) {
    const data = result.data;
    result.data = function () {
      const self = this;
      const args = arguments;
      return firstDone.then(() => data.apply(self, args));
    };
  }
  return response;
}

export const options = (settings) => search_().options(settings);
export const init = () => search_().init();
export const destroy = () => search_().destroy();
export const mergeIndex = (path, settings) => search_().mergeIndex(path, settings);
export const filters = () => search_().filters();
export const preload = (term, settings) => search_().preload(term, settings);
export const search = (term, settings) => search_().search(term, settings).then(firstDataFirst);
export const debouncedSearch = (term, settings, ms) =>
  search_().debouncedSearch(term, settings, ms).then(firstDataFirst);
