// The status bar, the version, and which buttons are usable.

export function renderStatus(els, state) {
  const status = state.status;
  els.status.textContent = status ? status.text : '';
  els.status.className = status && status.kind === 'error' ? 'error' : '';
  els.version.textContent = state.version ? `Dossier ${state.version}` : '';
  els.exportButton.disabled = !state.report || Boolean(state.batch);
  els.clearButton.disabled = state.documents.length === 0 || Boolean(state.batch);
}
