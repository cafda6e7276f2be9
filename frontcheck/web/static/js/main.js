// Wiring: the time slider, chart, map, panels and views, and the state in the URL hash
// (#date=2025-11-20&claim=HO-001&place=gn:704422, or #page=hypotheses&analysis=2 for an
// analysis page, which that page writes itself) so that a view can be linked to.
import { badge, el, getJSON, km2, SignInNeeded } from './api.js';
import { loadSession, wireSessionButtons } from './session.js';
import { AreaChart } from './chart.js';
import { zoomLevel } from './cells.js';
import { WorkMap, drawLegend } from './map.js';
import { searchBox, showEvidence, showSettlement } from './panels.js';
import { ClaimBrowser, SourcesPage } from './views.js';
import { AnalysisView } from './pages.js';
import { ClaimedLayer } from './claimed_layer.js';

const $ = (id) => document.getElementById(id);
const hash = new URLSearchParams(location.hash.slice(1));
const state = { snapshots: [], index: 0, claims: [], placeId: null };

function loadSettings(config) {
  const stored = JSON.parse(localStorage.getItem('frontcheck.settings') || '{}');
  return { tileUrl: stored.tileUrl ?? config.tile_url ?? '', showClaims: stored.showClaims ?? true,
    showLabels: stored.showLabels ?? true };
}

function writeHash() {
  if ($('view-analysis').classList.contains('active')) return;   // the page's own link stays
  const params = new URLSearchParams();
  if (state.snapshots.length) params.set('date', state.snapshots[state.index].date);
  if ($('evidence').dataset.claim && !$('evidence').hidden) params.set('claim', $('evidence').dataset.claim);
  if (state.placeId && !$('settlement').hidden) params.set('place', state.placeId);
  history.replaceState(null, '', `#${params}`);
}

function indexOnOrBefore(date) {
  let best = 0;
  state.snapshots.forEach((s, i) => { if (s.date <= date) best = i; });
  return best;
}

async function main() {
  wireSessionButtons();
  await loadSession();
  const config = await getJSON('/api/config');
  const settings = loadSettings(config);
  const work = new WorkMap($('map'), settings);
  drawLegend($('legend'));
  const chart = new AreaChart($('chart'), (i) => setDate(i));
  const claimedLayer = new ClaimedLayer(work.map, $('claimed-figures'));
  const drawClaimed = (fit = false) => {
    if (!$('show-claimed').checked) { claimedLayer.hide(); return; }
    if (state.snapshots.length) claimedLayer.show(state.snapshots[state.index].date, fit).catch(report);
  };
  $('show-claimed').addEventListener('change', () => drawClaimed(true));
  const slider = $('slider');

  const actions = {
    goToDate: (date) => { showView('map'); setDate(indexOnOrBefore(date)); },
    openPlace: (id) => openPlace(id),
  };

  async function openPlace(id, fly = true) {
    state.placeId = id;
    const place = await showSettlement($('settlement'), id, state.snapshots[state.index]?.date);
    if (fly && place.lat !== null) work.flyTo(place.lat, place.lon);
    writeHash();
  }

  function openClaim(claim) {
    showView('map');
    showEvidence($('evidence'), claim, actions);
    const place = claim.place;
    work.showFootprint(place && place.id && claim.verdict ? place.id : null).catch(() => work.hideFootprint());
    if (place && place.lat !== null) work.flyTo(place.lat, place.lon, 10);
    if (claim.claim_date) setDate(indexOnOrBefore(claim.claim_date));
    writeHash();
  }

  async function drawChanges() {
    const mode = document.querySelector('input[name=compare]:checked').value;
    const date = state.snapshots[state.index].date;
    const level = zoomLevel(work.map.getZoom());
    const zoom = level === null ? '' : `zoom=${level}`;
    let url = null;
    if (mode === 'previous' && state.index > 0) url = `/api/snapshots/${date}/changes?${zoom}`;
    if (mode === 'date' && $('compare-date').value && $('compare-date').value !== date) {
      url = `/api/snapshots/${date}/changes?since=${$('compare-date').value}&${zoom}`;
    }
    const data = await work.showChanges(url);
    const figures = $('date-figures');
    const layer = state.snapshots[state.index].layers.occupied || { area_km2: 0 };
    const rows = [['Occupied', km2(layer.area_km2)]];
    if (data) {
      const area = (kind) => data.features.find((f) => f.id === kind).properties.area_km2;
      rows.push([`Gained since ${data.since}`, el('span', { class: 'gain' }, `+${area('gained').toFixed(1)} km²`)]);
      rows.push([`Lost since ${data.since}`, el('span', { class: 'loss' }, `−${area('lost').toFixed(1)} km²`)]);
    }
    figures.replaceChildren(...rows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
  }

  function setDate(index) {
    if (!state.snapshots.length) return;
    state.index = Math.max(0, Math.min(state.snapshots.length - 1, index));
    const date = state.snapshots[state.index].date;
    slider.value = state.index;
    $('slider-date').textContent = date;
    $('card-date').textContent = date;
    chart.setCursor(state.index);
    work.occupied.show(date);
    work.setPeriod(date, periodDays());
    drawChanges().catch(report);
    if ($('show-claimed').checked) drawClaimed();
    writeHash();
  }

  work.occupied.onDrawn((date) => {
    document.body.dataset.drawnDate = date;
    document.body.dataset.signature = work.occupied.signature();
    document.body.dataset.cellSteps = work.occupied.steps;
    document.body.dataset.prefetchHits = work.occupied.hits;
    // the neighbouring steps are then already here when the slider moves
    for (const near of [state.snapshots[state.index + 1], state.snapshots[state.index - 1]]) {
      if (near) work.occupied.prefetch(near.date);
    }
  });
  work.map.on('zoomend', () => {
    if (state.snapshots.length) { work.occupied.show(state.snapshots[state.index].date); drawChanges().catch(report); }
  });
  slider.addEventListener('input', () => setDate(Number(slider.value)));
  $('prev-date').addEventListener('click', () => setDate(state.index - 1));
  $('next-date').addEventListener('click', () => setDate(state.index + 1));
  let playing = null;
  $('play').addEventListener('click', () => {
    if (playing) { clearInterval(playing); playing = null; $('play').textContent = '▶'; return; }
    $('play').textContent = '❚❚';
    playing = setInterval(() => {
      if (state.index >= state.snapshots.length - 1) { $('play').click(); return; }
      setDate(state.index + 1);
    }, 250);
  });
  document.addEventListener('keydown', (e) => {
    if (e.target.closest('input, select, textarea')) return;
    if (e.key === 'ArrowLeft') setDate(state.index - 1);
    if (e.key === 'ArrowRight') setDate(state.index + 1);
  });
  document.querySelectorAll('input[name=compare]').forEach((r) => r.addEventListener('change', () => drawChanges().catch(report)));
  $('compare-date').addEventListener('change', () => {
    document.querySelector('input[name=compare][value=date]').checked = true;
    drawChanges().catch(report);
  });

  searchBox($('place-search'), $('search-results'), (place) => { showView('map'); openPlace(place.id); });

  const analysis = new AnalysisView($('page-nav'), $('page-body'), (id) => {
    const claim = state.claims.find((c) => c.id === id);
    if (claim) openClaim(claim);
    else getJSON(`/api/claims/${encodeURIComponent(id)}`).then(openClaim).catch(report);
  });
  const browser = new ClaimBrowser($('claim-filters'), $('claims-table'), $('claims-count'), openClaim);
  const sourcesPage = new SourcesPage($('publishers-table'), $('claimants-table'), $('publisher-page'), openClaim);
  function showView(name) {
    // the analysis page's address is kept while the map's is shown, and given back
    if (name !== 'analysis' && $('view-analysis').classList.contains('active')) analysis.address = location.hash;
    document.querySelectorAll('.tab').forEach((t) => t.classList.toggle('active', t.dataset.view === name));
    document.querySelectorAll('.view').forEach((v) => v.classList.toggle('active', v.id === `view-${name}`));
    if (name === 'map') work.map.invalidateSize();
    if (name !== 'analysis' && state.snapshots.length) writeHash();
    if (name === 'analysis' && analysis.address) history.replaceState(null, '', analysis.address);
    if (name === 'claims' && !browser.loaded) { browser.loaded = true; browser.fillPublishers().catch(report); browser.load(); }
    if (name === 'sources' && !sourcesPage.loaded) { sourcesPage.loaded = true; sourcesPage.load().catch(report); }
    if (name === 'analysis' && !analysis.loaded) { analysis.loaded = true; analysis.show(hash.get('page')).catch(report); }
  }
  document.querySelectorAll('.tab').forEach((t) => t.addEventListener('click', () => showView(t.dataset.view)));

  const dialog = $('settings');
  $('settings-button').addEventListener('click', () => {
    $('tile-url').value = settings.tileUrl; $('show-claims').checked = settings.showClaims;
    $('show-labels').checked = settings.showLabels; dialog.showModal();
  });
  dialog.addEventListener('close', () => {
    if (dialog.returnValue !== 'save') return;
    localStorage.setItem('frontcheck.settings', JSON.stringify({ tileUrl: $('tile-url').value.trim(),
      showClaims: $('show-claims').checked, showLabels: $('show-labels').checked }));
    location.reload();
  });

  function periodDays() {
    const value = $('claims-period').value;
    return value === '' ? null : Number(value);
  }
  $('claims-period').addEventListener('change', () => {
    if (state.snapshots.length) work.setPeriod(state.snapshots[state.index].date, periodDays());
  });
  $('evidence').addEventListener('card-closed', () => work.hideFootprint());
  // skip links: straight to the slider, or to the first claim on the map, from the top
  document.querySelectorAll('.skip-link').forEach((link) => link.addEventListener('click', (e) => {
    e.preventDefault();
    showView('map');
    const target = $(link.dataset.skip);
    (target.querySelector('button') || target).focus();
  }));
  // the first screen: what the map, slider, colours and card mean (until dismissed)
  const startHere = (show) => { $('start-here').hidden = !show; };
  startHere(!localStorage.getItem('frontcheck.startSeen'));
  $('start-here-close').addEventListener('click', () => { localStorage.setItem('frontcheck.startSeen', '1'); startHere(false); });
  $('help-button').addEventListener('click', () => { showView('map'); startHere(true); $('start-here-title').focus(); });
  $('start-here-title').tabIndex = -1;
  if (hash.get('page')) showView('analysis');

  work.drawLabels().catch(report);   // the place index may still be building
  await work.drawBasemap();
  state.snapshots = await getJSON('/api/snapshots?limit=10000');
  if (!state.snapshots.length) {
    $('date-figures').replaceChildren(el('dd', {}, 'No snapshots in the store: run frontcheck control ingest.'));
    return;
  }
  slider.max = state.snapshots.length - 1;
  $('compare-date').replaceChildren(...state.snapshots.map((s) => el('option', { value: s.date }, s.date)));
  $('compare-date').value = state.snapshots[0].date;
  chart.setData(state.snapshots);
  const start = hash.get('date') ? indexOnOrBefore(hash.get('date')) : state.snapshots.length - 1;
  setDate(start);

  state.claims = await getJSON('/api/claims?limit=10000');
  work.setClaims(state.claims, openClaim);
  // each claim a button: reachable by Tab (or the skip link), opened by Enter
  $('claims-list').replaceChildren(...state.claims.filter((c) => c.verdict).map((c) => el('li', { 'data-id': c.id },
    el('button', { type: 'button', class: 'claim-row', onclick: () => openClaim(c) },
      el('span', { class: 'when' }, c.claim_date), el('span', { class: 'what' }, `${c.place ? c.place.name || c.place.mention : ''} · ${c.id}`),
      badge(c.verdict.verdict)))));
  $('claims-card').hidden = !state.claims.some((c) => c.verdict);
  chart.setClaims(state.claims);
  const wanted = state.claims.find((c) => c.id === hash.get('claim'));
  if (wanted) openClaim(wanted);
  if (hash.get('place')) openPlace(hash.get('place'), !wanted);
  document.body.dataset.ready = 'true';
}

function report(error) {
  console.warn(error);
  const figures = $('date-figures');
  figures.append(el('dt', {}, 'Error'), el('dd', {}, String(error.message || error)));
}

main().catch((error) => {
  if (error instanceof SignInNeeded) {
    // cancelled: the page says why it is empty and offers the form again (no reload needed)
    $('signed-out').hidden = false;
    $('sign-in-button').hidden = false;
    $('signed-out-button').addEventListener('click', () => $('sign-in-button').click());
    $('signed-out-button').focus();
    document.body.dataset.ready = 'signed-out';
    return;
  }
  report(error);
  document.body.dataset.ready = 'error';
});
