// File exports: CSV text and browser downloads.

// RFC 4180 CSV: a header row, then one row per record; fields with commas, quotes or line
// breaks are quoted. Numbers are written with full precision so a re-import gives the same bits.
export function toCsv(columns, rows) {
  const field = (value) => {
    if (value === null || value === undefined) return '';
    const text = typeof value === 'number' ? String(value) : String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [columns, ...rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}

export function downloadBlob(blob, filename) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
