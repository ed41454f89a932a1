// @vitest-environment jsdom
// Every preset value must be one the core accepts, and the network profiles
// must match Chrome DevTools' figures (latency halved: one way per packet).
import { describe, expect, it } from 'vitest';
import { checkValue, resolveScenario, simulate } from '../../../src/sim';
import { INTERMEDIARY_PRESETS, NETWORK_PRESETS, USE_CASES } from '../../../src/app/presets';
import { presetValues } from '../../../src/app/preset-values';

describe('presets', () => {
  it('only set valid values, each with a reason', () => {
    for (const p of [...NETWORK_PRESETS, ...INTERMEDIARY_PRESETS, ...USE_CASES]) {
      for (const [key, { value, why }] of Object.entries(presetValues(p))) {
        expect(() => checkValue(key, value), `${p.id} ${key}`).not.toThrow();
        expect(why.length).toBeGreaterThan(5);
      }
    }
  });

  it('copy DevTools throttling with half its per-request latency', () => {
    const byId = Object.fromEntries(NETWORK_PRESETS.map((p) => [p.id, presetValues(p)]));
    expect(byId['3g']['network.latencyMs'].value).toBe(1000);
    expect(byId['3g']['network.bandwidthKbps'].value).toBe(400);
    expect(byId['3g']['network.uplinkKbps'].value).toBe(400);
    expect(byId['slow-4g']['network.latencyMs'].value).toBe(281.25);
    expect(byId['fast-4g']['network.latencyMs'].value).toBe(82.5);
    expect(byId['fast-4g']['network.bandwidthKbps'].value).toBe(8100);
    expect(byId['fast-4g']['network.uplinkKbps'].value).toBe(1350);
  });

  it('combine the link with a phone radio (issue 11): 3G on 3G, both 4G presets on LTE, Wi-Fi; No throttling takes it away', () => {
    const radio = Object.fromEntries(NETWORK_PRESETS.map((p) => [p.id, presetValues(p)['network.radio']?.value]));
    expect(radio).toEqual({ '3g': '3g', 'slow-4g': 'lte', 'fast-4g': 'lte', wifi: 'wifi', 'no-throttling': 'none' });
  });

  it('intermediaries carry their documented defaults (shared/REFERENCES.md)', () => {
    const byId = Object.fromEntries(INTERMEDIARY_PRESETS.map((p) => [p.id, presetValues(p)]));
    expect(byId['nginx']['proxy.idleTimeoutMs'].value).toBe(60000);
    expect(byId['aws-alb']['proxy.idleTimeoutMs'].value).toBe(60000);
    expect(byId['heroku']['proxy.idleTimeoutMs'].value).toBe(55000);
    expect(byId['cloudflare']['proxy.idleTimeoutMs'].value).toBe(100000);
    expect(byId['azure-lb']['proxy.idleTimeoutMs'].value).toBe(240000);
    expect(byId['gcp']['proxy.lifetimeMs'].value).toBe(30000);
    expect(byId['no-proxy']['proxy.idleTimeoutMs'].value).toBe(0);
    // nginx: proxy_buffering on by default, one memory page (4 KB on x86-64) per buffer (nginx docs, ngx_http_proxy_module).
    expect(byId['nginx']['proxy.buffering'].value).toBe(4096);
    expect(byId['no-proxy']['proxy.buffering'].value).toBe(0);
    // Only the filtering proxy refuses the Upgrade; every other preset (and None) puts passing back.
    expect(INTERMEDIARY_PRESETS.filter((p) => presetValues(p)['proxy.websocket'].value === 'refuses').map((p) => p.id)).toEqual(['filtering']);
    expect(byId['filtering']['proxy.idleTimeoutMs'].value).toBe(900000);
    // Heroku's router: 30 s to the first byte of an answer (H12), then a rolling 55 s window.
    expect(byId['heroku']['proxy.firstByteTimeoutMs'].value).toBe(30000);
    expect(INTERMEDIARY_PRESETS.filter((p) => Number(presetValues(p)['proxy.firstByteTimeoutMs'].value) > 0).map((p) => p.id)).toEqual(['heroku']);
  });

  it('use cases run', () => {
    for (const p of USE_CASES) {
      const flat = Object.entries(presetValues(p)).map(([k, v]) => [k, String(v.value)] as [string, string]);
      const out = simulate(resolveScenario({}, flat), ['sse'], { traceClients: 1 });
      expect(out.results.sse!.messagesGenerated).toBeGreaterThan(0);
    }
  });
});

describe('the preset card', () => {
  it('names the settings as the controls do, and never shows a changed one as current (issue 8: it kept its old text)', async () => {
    const { render, fireEvent, screen, waitFor } = await import('@testing-library/svelte');
    const { AppState } = await import('../../../src/app/state.svelte');
    const Presets = (await import('../../../src/app/controls/Presets.svelte')).default;
    const app = new AppState();
    const { container } = render(Presets, { app });
    await fireEvent.click(screen.getByRole('button', { name: '3G' }));
    // Its values come in a chunk fetched on the first click: the card appears once they have.
    const latency = await waitFor(() => {
      const el = container.querySelector('[data-preset-key="network.latencyMs"]');
      if (!el) throw new Error('no preset card yet');
      return el;
    });
    expect(latency.textContent).toMatch(/^Latency \(one way\) 1000 ms/);
    expect(latency.classList.contains('changed')).toBe(false);
    // No key names in the text (they stay in the tooltip).
    expect(container.querySelector('.applied')!.textContent).not.toContain('network.');
    app.setValue('network.latencyMs', 20);
    await new Promise((r) => setTimeout(r, 0));
    expect(latency.classList.contains('changed')).toBe(true);
    expect(latency.textContent).toContain('(changed since: now 20 ms)');
    // Every setting changed: the card goes.
    app.setValues({ 'network.bandwidthKbps': 1, 'network.uplinkKbps': 1, 'network.radio': 'none' });
    await new Promise((r) => setTimeout(r, 0));
    expect(container.querySelector('.applied')).toBeNull();
  });
});
