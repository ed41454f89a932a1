// @vitest-environment jsdom
// The page and its address (jsdom): a link opens its view; bad parameters
// show a dismissible notice with their values as text (no markup parsed);
// the store writes back to the address; shortcuts reach the store.
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import App from '../../../src/App.svelte';
import { decode } from '../../../src/app/url/decode';

/** The page as src/main.ts mounts it: with its address read first. */
const page = () => ({ props: { first: decode(window.location.search) } });
import { stubResizeObserver } from '../resize-observer';

beforeAll(stubResizeObserver);

afterEach(() => {
  window.history.replaceState(null, '', '/');
});

describe('App and the URL', () => {
  it('opens the view a link describes', { timeout: 20000 }, async () => {
    window.history.replaceState(null, '', '/?network.latencyMs=120&view=focus&technique=websocket&speed=2');
    render(App, page());
    expect(screen.getByRole('tab', { name: 'Focus' }).getAttribute('aria-selected')).toBe('true');
    // The focus view is fetched on first use (src/App.svelte): wait for it.
    expect(((await screen.findByLabelText('Technique', {}, { timeout: 15000 })) as HTMLSelectElement).value).toBe('websocket');
    expect((screen.getByRole('textbox', { name: 'Latency (one way)' }) as HTMLInputElement).value).toBe('120');
    expect(screen.getByText('2×')).toBeTruthy();
    expect(screen.queryByTestId('url-notice')).toBeNull();
  });

  it('lists bad parameters as text and can be dismissed', async () => {
    window.history.replaceState(null, '', '/?clients=<img src=x onerror=alert(1)>&colour=red');
    const { container } = render(App, page());
    // The notice is fetched only when a link needs it (src/App.svelte): wait for it.
    const notice = await screen.findByTestId('url-notice', {}, { timeout: 15000 });
    expect(notice.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(notice.textContent).toContain('unknown parameter');
    expect(container.querySelector('img')).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: 'Dismiss the notice about the link' }));
    expect(screen.queryByTestId('url-notice')).toBeNull();
  });

  it('writes a view switch to the address with a new history entry', async () => {
    render(App, page());
    const before = window.history.length;
    await fireEvent.click(screen.getByRole('tab', { name: 'Charts' }));
    await waitFor(() => expect(window.location.search).toBe('?view=charts'));
    expect(window.history.length).toBe(before + 1);
  });

  it('takes shortcuts from the keyboard', async () => {
    render(App, page());
    await fireEvent.keyDown(document.body, { key: '+' });
    expect(screen.getByText('2×')).toBeTruthy();
    await fireEvent.keyDown(document.body, { key: '?' });
    // The shortcuts' dialog is fetched on first use.
    expect((await screen.findByTestId('shortcuts', {}, { timeout: 5000 })).hasAttribute('open')).toBe(true);
    await fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(screen.getByTestId('shortcuts').hasAttribute('open')).toBe(false);
  });

  it('embed=1 shows the view without the page chrome', async () => {
    window.history.replaceState(null, '', '/?embed=1&techniques=sse&controls=none');
    const { container } = render(App, page());
    expect(container.querySelector('header')).toBeNull();
    expect(container.querySelector('aside')).toBeNull();
    // The embed's page is fetched on first use.
    await waitFor(() => expect(container.querySelector('.embed-root')).not.toBeNull(), { timeout: 5000 });
    expect(screen.queryByRole('button', { name: 'Play' })).toBeNull();
  });
});
