// The batch progress bar: files done out of the batch's total, and the
// Cancel button (disabled once pressed, while the current file finishes).

import { plural } from '../state.js';

export function renderProgress(els, state) {
  const { batch, queued } = state;
  els.progress.hidden = !batch;
  if (!batch) return;
  els.progressBar.max = Math.max(1, batch.total);
  els.progressBar.value = batch.done;
  els.cancelButton.disabled = Boolean(batch.cancelling);
  if (batch.cancelling) {
    els.progressLabel.textContent = `Cancelling after ${batch.done} / ${plural(batch.total, 'file')}…`;
    return;
  }
  const waiting = queued ? `; ${plural(queued, 'batch', 'batches')} waiting` : '';
  els.progressLabel.textContent = `${batch.done} / ${plural(batch.total, 'file')}${waiting}`;
}
