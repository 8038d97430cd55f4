// Turns a drop into a flat list of File objects, walking dropped folders
// (in sorted order, skipping hidden entries). Entries must be taken from
// the DataTransfer synchronously, during the drop event; reading them
// happens afterwards.

/** Takes what a drop carries, synchronously; returns a promise of File[]. */
export function filesFromDrop(dataTransfer) {
  const items = [...(dataTransfer.items ?? [])].filter((item) => item.kind === 'file');
  if (!items.length) return Promise.resolve([...(dataTransfer.files ?? [])]);
  // Both calls below must happen before the event handler returns.
  const taken = items.map((item) => ({ entry: item.webkitGetAsEntry?.() ?? null, file: item.getAsFile() }));
  return (async () => {
    const out = [];
    for (const { entry, file } of taken) {
      if (entry && entry.isDirectory) out.push(...(await walk(entry)));
      else if (file) out.push(file);
      else if (entry && entry.isFile) out.push(await fileOf(entry));
    }
    return out;
  })();
}

async function walk(directory) {
  const entries = (await readAll(directory.createReader()))
    .filter((entry) => !entry.name.startsWith('.'))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out = [];
  for (const entry of entries) {
    if (entry.isDirectory) out.push(...(await walk(entry)));
    else if (entry.isFile) out.push(await fileOf(entry));
  }
  return out;
}

/** readEntries hands back at most about 100 entries a call; call until empty. */
async function readAll(reader) {
  const all = [];
  for (;;) {
    const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
    if (!batch.length) return all;
    all.push(...batch);
  }
}

function fileOf(entry) {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}
