// In-page helpers for the robustness and scale specs: drops built from
// strings or bytes inside the page (no per-byte JSON), a main-thread probe
// and waits on the batch to finish.

/**
 * Drops `files` on the drop zone; each is `{name, type, text}` or `{name,
 * type, base64}`. Files are built in the page, so thousands cost one call.
 */
export async function dropMany(page, files) {
  await page.evaluate((files) => {
    const transfer = new DataTransfer();
    for (const f of files) {
      const body = f.base64 !== undefined ? Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0)) : f.text;
      transfer.items.add(new File([body], f.name, { type: f.type ?? '' }));
    }
    const zone = document.getElementById('drop-zone');
    for (const type of ['dragenter', 'dragover', 'drop']) {
      zone.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }));
    }
  }, files);
}

/**
 * Starts recording how long the main thread is kept from drawing: the
 * longest gap between animation frames and the longest long task (over
 * 50 ms). `stopProbe` returns the figures.
 */
export async function startProbe(page) {
  await page.evaluate(() => {
    const probe = { maxGap: 0, frames: 0, longTasks: 0, maxLongTask: 0, running: true, last: performance.now() };
    const frame = (now) => {
      probe.maxGap = Math.max(probe.maxGap, now - probe.last);
      probe.last = now;
      probe.frames += 1;
      if (probe.running) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    probe.observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        probe.longTasks += 1;
        probe.maxLongTask = Math.max(probe.maxLongTask, entry.duration);
      }
    });
    probe.observer.observe({ type: 'longtask', buffered: false });
    window.__probe = probe;
  });
}

/** Stops the probe; returns `{maxGap, frames, longTasks, maxLongTask}` (milliseconds). */
export function stopProbe(page) {
  return page.evaluate(() => {
    const p = window.__probe;
    p.running = false;
    p.observer.disconnect();
    return { maxGap: Math.round(p.maxGap), frames: p.frames, longTasks: p.longTasks, maxLongTask: Math.round(p.maxLongTask) };
  });
}

/** Waits until no batch runs and the list counts `count` documents (the count, not the windowed entries). */
export async function waitForCount(page, count, timeout = 300_000) {
  await page.waitForFunction(
    (n) => document.getElementById('progress').hidden && document.getElementById('document-count').textContent === `(${n})`,
    count,
    { timeout, polling: 100 },
  );
}

/** Every progress value seen while a batch runs, sampled on each animation frame, until the bar hides. */
export async function startProgressLog(page) {
  await page.evaluate(() => {
    const seen = [];
    const bar = document.getElementById('progress-bar');
    const box = document.getElementById('progress');
    const frame = () => {
      if (!box.hidden) seen.push(bar.value);
      if (!window.__progressStop) requestAnimationFrame(frame);
    };
    window.__progressSeen = seen;
    window.__progressStop = false;
    requestAnimationFrame(frame);
  });
}

export function stopProgressLog(page) {
  return page.evaluate(() => {
    window.__progressStop = true;
    return [...new Set(window.__progressSeen)];
  });
}
