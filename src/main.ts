// Browser entry: mounts the page.
import { mount } from 'svelte';
import App from './App.svelte';
import { readLink } from './app/url/read-link';
import './app/global.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
// The address is read before the first render, so a link opens straight on
// its view. (No top-level await: the chunks fetched on first use import from
// this one, and would wait for it while it waits for them.)
void readLink(window.location.search).then((first) => mount(App, { target, props: { first } }));
