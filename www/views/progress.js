// The batch progress bar: files done out of the batch's total.

import { plural } from '../state.js';

export function renderProgress(els, state) {
  const { batch, queued } = state;
  els.progress.hidden = !batch;
  if (!batch) return;
  els.progressBar.max = Math.max(1, batch.total);
  els.progressBar.value = batch.done;
  const waiting = queued ? `; ${plural(queued, 'batch', 'batches')} waiting` : '';
  els.progressLabel.textContent = `${batch.done} / ${plural(batch.total, 'file')}${waiting}`;
}
