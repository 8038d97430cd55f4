// Saving a file the page made (an export) through a Blob URL and a
// temporary link: the bytes never leave the browser, no request is made.

/** Offers `file` (a Blob) to the user as a download named `name`. */
export function downloadFile(name, file) {
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // The download has started by now; the URL is kept a while for slow disks.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
