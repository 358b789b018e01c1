// The growth chart (bench/growth.svg): median edit → diagnostics time against document size, ours
// and the floor's, on a log-scaled size axis. Hand-written SVG, so no chart library is needed.

export interface GrowthPoint {
  label: string;
  bytes: number;
  ours: number;
  floor: number;
  /** The floor publishing our diagnostics: the share of our time that is the protocol's. */
  wireFloor: number;
}

const W = 640;
const H = 360;
const M = { left: 64, right: 120, top: 40, bottom: 48 };

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A round step for the time axis: 1, 2 or 5 times a power of ten, about five ticks in all. */
function niceStep(max: number): number {
  const raw = max / 5;
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (raw <= m * p) return m * p;
  return 10 * p;
}

export function growthSvg(points: GrowthPoint[], title: string): string {
  const xs = points.map((p) => Math.log10(p.bytes));
  const x0 = Math.min(...xs) - 0.1;
  const x1 = Math.max(...xs) + 0.1;
  const top = Math.max(...points.flatMap((p) => [p.ours, p.floor, p.wireFloor]));
  const step = niceStep(top || 1);
  const yMax = Math.ceil((top || 1) / step) * step;
  const px = (b: number): number => M.left + ((Math.log10(b) - x0) / (x1 - x0)) * (W - M.left - M.right);
  const py = (ms: number): number => H - M.bottom - (ms / yMax) * (H - M.top - M.bottom);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`);
  out.push(`<rect width="${W}" height="${H}" fill="#ffffff"/>`);
  out.push(`<text x="${W / 2}" y="22" text-anchor="middle" font-size="14" font-weight="bold">${esc(title)}</text>`);
  for (let v = 0; v <= yMax + 1e-9; v += step) {
    const y = py(v).toFixed(1);
    out.push(`<line x1="${M.left}" y1="${y}" x2="${W - M.right}" y2="${y}" stroke="#e0e0e0"/>`);
    out.push(`<text x="${M.left - 8}" y="${y}" text-anchor="end" dominant-baseline="middle">${+v.toFixed(3)}</text>`);
  }
  for (const p of points) {
    const x = px(p.bytes).toFixed(1);
    out.push(`<line x1="${x}" y1="${M.top}" x2="${x}" y2="${H - M.bottom}" stroke="#f0f0f0"/>`);
    out.push(`<text x="${x}" y="${H - M.bottom + 18}" text-anchor="middle">${esc(p.label)}</text>`);
  }
  out.push(`<line x1="${M.left}" y1="${H - M.bottom}" x2="${W - M.right}" y2="${H - M.bottom}" stroke="#333"/>`);
  out.push(`<line x1="${M.left}" y1="${M.top}" x2="${M.left}" y2="${H - M.bottom}" stroke="#333"/>`);
  out.push(`<text x="${(M.left + W - M.right) / 2}" y="${H - 10}" text-anchor="middle">document size (log scale)</text>`);
  out.push(`<text transform="translate(16 ${(M.top + H - M.bottom) / 2}) rotate(-90)" text-anchor="middle">median ms, edit → diagnostics</text>`);
  const series: { name: string; label: string; color: string; dash?: string; value: (p: GrowthPoint) => number }[] = [
    { name: 'vscode-kep', label: 'vscode-kep', color: '#1f77b4', value: (p) => p.ours },
    { name: 'floor sending our diagnostics', label: 'floor + diag.', color: '#ff7f0e', dash: '6 4', value: (p) => p.wireFloor },
    { name: 'floor (TextDocuments, empty diagnostics)', label: 'floor', color: '#888888', value: (p) => p.floor },
  ];
  for (const s of series) {
    const path = points.map((p, i) => `${i ? 'L' : 'M'}${px(p.bytes).toFixed(1)} ${py(s.value(p)).toFixed(1)}`).join(' ');
    out.push(`<path d="${path}" fill="none" stroke="${s.color}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`);
    for (const p of points) out.push(`<circle cx="${px(p.bytes).toFixed(1)}" cy="${py(s.value(p)).toFixed(1)}" r="3" fill="${s.color}"/>`);
    const last = points[points.length - 1]!;
    out.push(
      `<text x="${(px(last.bytes) + 8).toFixed(1)}" y="${py(s.value(last)).toFixed(1)}" dominant-baseline="middle" fill="${s.color}">${esc(s.label)}</text>`,
    );
  }
  // Legend
  series.forEach((s, i) => {
    const y = M.top + 8 + i * 18;
    out.push(
      `<line x1="${M.left + 12}" y1="${y}" x2="${M.left + 32}" y2="${y}" stroke="${s.color}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`,
    );
    out.push(`<text x="${M.left + 38}" y="${y}" dominant-baseline="middle">${esc(s.name)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}
