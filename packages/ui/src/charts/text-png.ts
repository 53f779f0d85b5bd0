/**
 * Draws a title and rows of text cells on a canvas: the PNG of the charts that are HTML (KPI, table, pivot,
 * leaderboard), which echarts cannot export. Plain text keeps it legible in a chat message or a slide.
 */
export function textPng(title: string, rows: readonly (readonly string[])[], options: { readonly emphasis?: 'first-row-large' } = {}): string | null {
  if (typeof document === 'undefined') return null;
  const scale = 2;
  const pad = 20;
  const lineHeight = 28;
  const font = "14px -apple-system, 'Segoe UI', 'PingFang SC', 'Microsoft YaHei', sans-serif";
  const measure = document.createElement('canvas').getContext('2d');
  if (!measure) return null;
  measure.font = font;
  const columns = Math.max(1, ...rows.map((r) => r.length));
  const widths = Array.from({ length: columns }, (_, c) => Math.max(60, ...rows.map((r) => measure.measureText(r[c] ?? '').width + 24)));
  const large = options.emphasis === 'first-row-large';
  const width = Math.max(320, widths.reduce((a, b) => a + b, 0) + pad * 2);
  const height = pad * 2 + 32 + rows.length * lineHeight + (large ? 36 : 0);
  const canvas = document.createElement('canvas');
  canvas.width = width * scale;
  canvas.height = height * scale;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.scale(scale, scale);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#1c2333';
  ctx.font = `600 16px ${font.slice(5)}`;
  ctx.fillText(title, pad, pad + 16);
  let y = pad + 32 + 20;
  rows.forEach((row, r) => {
    let x = pad;
    const big = large && r === 0;
    ctx.font = big ? `700 40px ${font.slice(5)}` : r === 0 ? `600 ${font}` : font;
    ctx.fillStyle = r === 0 && !big ? '#4d5669' : '#1c2333';
    row.forEach((cell, c) => {
      ctx.fillText(cell, x, y + (big ? 16 : 0));
      x += big ? ctx.measureText(cell).width + 24 : (widths[c] ?? 60);
    });
    y += lineHeight + (big ? 36 : 0);
    if (r === 0 && !big) {
      ctx.strokeStyle = '#e3e6ed';
      ctx.beginPath();
      ctx.moveTo(pad, y - lineHeight + 8);
      ctx.lineTo(width - pad, y - lineHeight + 8);
      ctx.stroke();
    }
  });
  return canvas.toDataURL('image/png');
}
