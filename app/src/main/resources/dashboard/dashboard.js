// bayesfuse live dashboard: a snapshot from /api/dashboard, then batches of events from /api/stream (SSE).
// No libraries: canvas drawing only, so the page works without any network but this server.
(function () {
  'use strict';

  const TRACK_SECONDS = 60;      // estimated tracks and truth drawn this far back
  const MEASUREMENT_SECONDS = 12; // measurements fade out over this time
  const NIS_SECONDS = 120;        // NIS charts' time span
  const SENSOR_COLOURS = ['#4fc3f7', '#9ccc65', '#ffb74d', '#ce93d8', '#f06292', '#4db6ac', '#fff176'];
  const ENTITY_COLOURS = ['#6cb6ff', '#f78c6c', '#c3e88d', '#ffcb6b', '#c792ea', '#89ddff', '#ff5370', '#b2ccd6',
    '#f07178', '#82aaff', '#addb67', '#ffd580'];

  const state = {
    sensors: [], sensorColour: {}, tracks: new Map(), truth: new Map(), measurements: [], marks: new Map(),
    nis: new Map(), fused: new Map(), quantityTruth: new Map(), deadLetters: {}, counts: {}, newest: 0,
    smoothed: new Map(), changepoints: new Map(), learned: {}, showSmoothed: true,
    estimateTimes: [], view: null, dirty: true, title: '', selected: null, project: null,
    regionTracks: new Map(), regionStatus: new Map(), scans: [], scores: []
  };
  const SCAN_SECONDS = 4;         // unlabelled detections fade out over this time

  // ---- data ---------------------------------------------------------------------------------

  function entityColour(id) {
    let h = 0;
    for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
    const m = /(\d+)$/.exec(id);
    return ENTITY_COLOURS[(m ? parseInt(m[1], 10) - 1 : h) % ENTITY_COLOURS.length];
  }

  // keeps each list in time order (late measurements' estimates arrive after newer ones)
  function push(map, key, value) {
    let list = map.get(key);
    if (!list) { list = []; map.set(key, list); }
    let i = list.length;
    while (i > 0 && list[i - 1].t > value.t) i--;
    list.splice(i, 0, value);
  }

  function apply(e, live) {
    switch (e.type) {
      case 'estimate':
        state.newest = Math.max(state.newest, e.t);
        state.counts[e.status] = (state.counts[e.status] || 0) + 1;
        if (live) state.estimateTimes.push(Date.now());
        if (e.x !== undefined) push(state.tracks, e.id, e);
        if (e.nis !== undefined && e.sensor) push(state.nis, e.sensor, e);
        if ((e.status === 'REJECTED' || e.status === 'REVISED') && e.sensor && e.mt !== undefined) {
          state.marks.set(e.id + '|' + e.sensor + '|' + e.mt, e.status);
        }
        break;
      case 'smoothed': push(state.smoothed, e.id, e); break;
      case 'changepoint': push(state.changepoints, e.sensor, e); break;
      case 'measurement': state.measurements.push(e); break;
      case 'truth': push(state.truth, e.id, e); break;
      case 'track':
        state.newest = Math.max(state.newest, e.t);
        if (e.status === 'DELETED') { state.regionTracks.delete(e.id); state.regionStatus.delete(e.id); }
        else { push(state.regionTracks, e.id, e); state.regionStatus.set(e.id, e.status); }
        break;
      case 'scan': state.scans.push(e); if (state.scans.length > 40) state.scans.shift(); break;
      case 'scores': state.scores.push(e); if (state.scores.length > 600) state.scores.shift(); renderScores(); break;
      case 'learning': state.learning = e.models || {}; renderLearning(); break;
      case 'fused': state.fused.set(e.id, e); renderFused(); break;
      case 'fusedRemoved': state.fused.delete(e.id); renderFused(); break;
      case 'quantityTruth': state.quantityTruth.set(e.id, e.w); renderFused(); break;
      case 'deadLetter': {
        const d = state.deadLetters[e.reason] || (state.deadLetters[e.reason] = { count: 0 });
        d.count++; d.message = e.message; renderDeadLetters(); break;
      }
    }
    state.dirty = true;
  }

  function prune() {
    const horizon = state.newest - Math.max(TRACK_SECONDS, NIS_SECONDS) * 1000;
    for (const map of [state.tracks, state.truth, state.nis, state.smoothed, state.changepoints, state.regionTracks]) {
      for (const [key, list] of map) {
        let i = 0;
        while (i < list.length && list[i].t < horizon) i++;
        if (i > 0) list.splice(0, i);
        if (list.length === 0) map.delete(key);
      }
    }
    const mHorizon = state.newest - MEASUREMENT_SECONDS * 1000;
    state.measurements = state.measurements.filter(m => m.t >= mHorizon);
    if (state.marks.size > 5000) state.marks = new Map([...state.marks].slice(-2000));
    const now = Date.now();
    state.estimateTimes = state.estimateTimes.filter(t => now - t < 10000);
  }

  function loadSnapshot(s) {
    state.title = s.title;
    document.getElementById('title').textContent = '· ' + s.title + ' · ' + s.application;
    state.sensors = s.sensors;
    s.sensors.forEach((sensor, i) => { state.sensorColour[sensor.id] = SENSOR_COLOURS[i % SENSOR_COLOURS.length]; });
    renderLegend();
    buildNisRows();
    const old = e => apply(e, false);
    Object.values(s.tracks).forEach(list => list.forEach(old));
    Object.values(s.truth).forEach(list => list.forEach(old));
    Object.values(s.smoothed || {}).forEach(list => list.forEach(old));
    Object.values(s.changepoints || {}).forEach(list => list.forEach(old));
    s.measurements.forEach(old);
    Object.values(s.regionTracks || {}).forEach(list => list.forEach(old));
    (s.scans || []).forEach(old);
    (s.scores || []).forEach(old);
    if (s.learning) old(s.learning);
    Object.values(s.nis).forEach(list => list.forEach(e => { if (e.x === undefined) old(e); }));
    Object.values(s.fused).forEach(old);
    Object.values(s.quantityTruth).forEach(old);
    for (const [reason, d] of Object.entries(s.deadLetters)) state.deadLetters[reason] = { count: d.count, message: d.message };
    renderDeadLetters();
    renderFused();
  }

  // ---- map ----------------------------------------------------------------------------------

  const map = document.getElementById('map');

  function fitView(points) {
    if (points.length === 0) return state.view;
    let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    for (const [x, y] of points) {
      minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y);
    }
    const pad = 0.08 * Math.max(maxX - minX, maxY - minY, 200);
    const target = { minX: minX - pad, maxX: maxX + pad, minY: minY - pad, maxY: maxY + pad };
    if (!state.view) return target;
    // grow at once, shrink slowly: the map does not jump about
    const v = state.view, k = 0.05;
    return {
      minX: target.minX < v.minX ? target.minX : v.minX + k * (target.minX - v.minX),
      maxX: target.maxX > v.maxX ? target.maxX : v.maxX + k * (target.maxX - v.maxX),
      minY: target.minY < v.minY ? target.minY : v.minY + k * (target.minY - v.minY),
      maxY: target.maxY > v.maxY ? target.maxY : v.maxY + k * (target.maxY - v.maxY)
    };
  }

  function niceStep(span) {
    const raw = span / 6, p = Math.pow(10, Math.floor(Math.log10(raw)));
    for (const m of [1, 2, 5, 10]) if (raw <= m * p) return m * p;
    return 10 * p;
  }

  function drawMap() {
    const dpr = window.devicePixelRatio || 1;
    const w = map.clientWidth, h = map.clientHeight;
    if (map.width !== w * dpr || map.height !== h * dpr) { map.width = w * dpr; map.height = h * dpr; }
    const g = map.getContext('2d');
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, w, h);

    const trackHorizon = state.newest - TRACK_SECONDS * 1000;
    const points = [];
    for (const list of state.tracks.values()) for (const p of list) if (p.t >= trackHorizon) points.push([p.x, p.y]);
    for (const list of state.truth.values()) for (const p of list) if (p.t >= trackHorizon) points.push([p.x, p.y]);
    for (const list of state.regionTracks.values()) for (const p of list) if (p.t >= trackHorizon) points.push([p.x, p.y]);
    for (const s of state.sensors) if (s.origin) points.push(s.origin);
    state.view = fitView(points);
    if (!state.view) {
      g.fillStyle = '#8796a8'; g.font = '14px sans-serif';
      g.fillText('waiting for estimates…', 20, 30);
      return;
    }
    const v = state.view;
    const scale = Math.min(w / (v.maxX - v.minX), h / (v.maxY - v.minY));
    const cx = (v.minX + v.maxX) / 2, cy = (v.minY + v.maxY) / 2;
    const X = x => w / 2 + (x - cx) * scale;
    const Y = y => h / 2 - (y - cy) * scale;

    // grid and scale
    const step = niceStep(Math.max(w, h) / scale);
    g.strokeStyle = '#1b2530'; g.lineWidth = 1; g.fillStyle = '#4f5f72'; g.font = '10px sans-serif';
    const x0 = Math.floor((cx - w / 2 / scale) / step) * step, x1 = cx + w / 2 / scale;
    for (let x = x0; x <= x1; x += step) {
      g.beginPath(); g.moveTo(X(x), 0); g.lineTo(X(x), h); g.stroke(); g.fillText(Math.round(x) + ' m', X(x) + 3, h - 4);
    }
    const y0 = Math.floor((cy - h / 2 / scale) / step) * step, y1 = cy + h / 2 / scale;
    for (let y = y0; y <= y1; y += step) {
      g.beginPath(); g.moveTo(0, Y(y)); g.lineTo(w, Y(y)); g.stroke(); g.fillText(Math.round(y) + ' m', 3, Y(y) - 3);
    }

    // sensor sites
    for (const s of state.sensors) {
      if (!s.origin) continue;
      const sx = X(s.origin[0]), sy = Y(s.origin[1]);
      g.fillStyle = state.sensorColour[s.id]; g.beginPath();
      g.moveTo(sx, sy - 8); g.lineTo(sx + 7, sy + 6); g.lineTo(sx - 7, sy + 6); g.closePath(); g.fill();
      g.fillStyle = '#b8c7d9'; g.font = '11px sans-serif'; g.fillText(s.id, sx + 10, sy + 4);
    }

    // truth: thin dashed lines
    g.setLineDash([4, 4]); g.lineWidth = 1.2; g.strokeStyle = 'rgba(255,255,255,0.45)';
    for (const list of state.truth.values()) {
      g.beginPath(); let started = false;
      for (const p of list) {
        if (p.t < trackHorizon) continue;
        if (!started) { g.moveTo(X(p.x), Y(p.y)); started = true; } else g.lineTo(X(p.x), Y(p.y));
      }
      g.stroke();
    }
    g.setLineDash([]);

    // measurements by sensor, fading with age; rejected ones crossed, revised ones ringed
    const mNow = state.newest;
    for (const m of state.measurements) {
      const age = (mNow - m.t) / (MEASUREMENT_SECONDS * 1000);
      if (age > 1) continue;
      const mark = state.marks.get(m.id + '|' + m.sensor + '|' + m.t);
      g.globalAlpha = Math.max(0.15, 1 - age);
      const mx = X(m.x), my = Y(m.y);
      if (mark === 'REJECTED') {
        g.strokeStyle = '#ef5b5b'; g.lineWidth = 2;
        g.beginPath(); g.moveTo(mx - 5, my - 5); g.lineTo(mx + 5, my + 5); g.moveTo(mx + 5, my - 5); g.lineTo(mx - 5, my + 5); g.stroke();
      } else {
        g.fillStyle = state.sensorColour[m.sensor] || '#999';
        g.beginPath(); g.arc(mx, my, 2.6, 0, 2 * Math.PI); g.fill();
        if (mark === 'REVISED') {
          g.strokeStyle = '#f5b942'; g.lineWidth = 1.5; g.beginPath(); g.arc(mx, my, 6, 0, 2 * Math.PI); g.stroke();
        }
      }
    }
    g.globalAlpha = 1;

    // fixed-lag smoothed tracks (the smoothed topic): dotted, in the entity's colour, L measurements behind
    let smoothedPoints = 0;
    if (state.showSmoothed) {
      g.setLineDash([1.5, 3]); g.lineWidth = 2.2;
      for (const [id, list] of state.smoothed) {
        const recent = list.filter(p => p.t >= trackHorizon);
        if (recent.length < 2) continue;
        g.strokeStyle = entityColour(id); g.globalAlpha = 0.95;
        g.beginPath(); recent.forEach((p, i) => (i ? g.lineTo(X(p.x), Y(p.y)) : g.moveTo(X(p.x), Y(p.y)))); g.stroke();
        smoothedPoints += recent.length;
      }
      g.setLineDash([]); g.globalAlpha = 1;
    }
    map.dataset.smoothed = String(smoothedPoints);

    // estimated tracks, 2-sigma ellipses, labels
    let entities = 0, ellipses = 0;
    for (const [id, list] of state.tracks) {
      const recent = list.filter(p => p.t >= trackHorizon);
      if (recent.length === 0) continue;
      const colour = entityColour(id);
      g.strokeStyle = colour; g.lineWidth = 2; g.globalAlpha = 0.9;
      g.beginPath(); recent.forEach((p, i) => (i ? g.lineTo(X(p.x), Y(p.y)) : g.moveTo(X(p.x), Y(p.y)))); g.stroke();
      const last = recent[recent.length - 1];
      const lx = X(last.x), ly = Y(last.y);
      if (last.e) {
        const [a, b, angle] = last.e;
        g.fillStyle = colour; g.globalAlpha = 0.14;
        g.beginPath(); g.ellipse(lx, ly, Math.max(a * scale, 1.5), Math.max(b * scale, 1.5), -angle, 0, 2 * Math.PI); g.fill();
        g.globalAlpha = 0.95; g.lineWidth = 1.3; g.stroke();
        ellipses++;
      }
      g.globalAlpha = 1;
      if (last.vx !== undefined) {   // velocity: where it will be in 10 s
        g.strokeStyle = colour; g.lineWidth = 1;
        g.beginPath(); g.moveTo(lx, ly); g.lineTo(X(last.x + 10 * last.vx), Y(last.y + 10 * last.vy)); g.stroke();
      }
      g.fillStyle = colour; g.beginPath(); g.arc(lx, ly, 4, 0, 2 * Math.PI); g.fill();
      g.fillStyle = '#dbe4ee'; g.font = '11px sans-serif';
      g.fillText(id + (last.status === 'PREDICTED' ? ' (coasting)' : ''), lx + 8, ly - 8);
      entities++;
    }
    // the tracking stage: unlabelled detections (grey crosses, fading), tentative tracks (hollow, dashed)
    // and confirmed tracks (solid, with their 2-sigma ellipse and id)
    for (const scan of state.scans) {
      const age = (state.newest - scan.t) / (SCAN_SECONDS * 1000);
      if (age > 1 || age < -1) continue;
      g.globalAlpha = Math.max(0.12, 0.8 * (1 - Math.max(age, 0))); g.strokeStyle = '#9aa7b5'; g.lineWidth = 1;
      for (const [dx, dy] of scan.d) {
        const px = X(dx), py = Y(dy);
        g.beginPath(); g.moveTo(px - 3, py); g.lineTo(px + 3, py); g.moveTo(px, py - 3); g.lineTo(px, py + 3); g.stroke();
      }
    }
    g.globalAlpha = 1;
    let confirmed = 0, tentative = 0;
    for (const [id, list] of state.regionTracks) {
      const recent = list.filter(p => p.t >= trackHorizon);
      if (recent.length === 0) continue;
      const last = recent[recent.length - 1];
      const lx = X(last.x), ly = Y(last.y);
      if (last.status === 'TENTATIVE') {
        g.strokeStyle = '#e0c36a'; g.lineWidth = 1.2; g.setLineDash([2, 2]);
        g.beginPath(); g.arc(lx, ly, 5, 0, 2 * Math.PI); g.stroke(); g.setLineDash([]);
        tentative++;
        continue;
      }
      g.strokeStyle = '#ffd54f'; g.lineWidth = 2; g.globalAlpha = 0.9;
      g.beginPath(); recent.filter(p => p.status === 'CONFIRMED')
        .forEach((p, i) => (i ? g.lineTo(X(p.x), Y(p.y)) : g.moveTo(X(p.x), Y(p.y)))); g.stroke();
      if (last.e) {
        const [a, b, angle] = last.e;
        g.globalAlpha = 0.8; g.lineWidth = 1;
        g.beginPath(); g.ellipse(lx, ly, Math.max(a * scale, 1.5), Math.max(b * scale, 1.5), -angle, 0, 2 * Math.PI); g.stroke();
      }
      g.globalAlpha = 1; g.fillStyle = '#ffd54f';
      g.beginPath(); g.rect(lx - 3.5, ly - 3.5, 7, 7); g.fill();
      g.fillStyle = '#ffe9a8'; g.font = '10px sans-serif'; g.fillText(id, lx + 7, ly + 12);
      confirmed++;
    }
    map.dataset.confirmedTracks = String(confirmed);
    map.dataset.tentativeTracks = String(tentative);

    state.project = { X, Y, scale };
    drawInset(g, w, h);
    map.dataset.entities = String(entities);
    map.dataset.ellipses = String(ellipses);
    document.getElementById('map-info').textContent =
      'grid ' + step + ' m · tracks and truth (dashed): last ' + TRACK_SECONDS + ' s · ellipses: 2σ';
    document.getElementById('pill-entities').textContent = entities + ' entities';
  }

  // the selected entity close up: its 2-sigma ellipse, measurements and truth at a scale where they show
  function drawInset(g, w, h) {
    if (!state.selected || !state.tracks.has(state.selected)) {
      state.selected = [...state.tracks.keys()].sort()[0] || null;
    }
    const id = state.selected;
    if (!id) return;
    const list = state.tracks.get(id), last = list[list.length - 1];
    const size = Math.min(260, Math.floor(Math.min(w, h) * 0.4)), left = w - size - 10, top = h - size - 24;
    const half = Math.max(40, last.e ? 4 * last.e[0] : 40);
    const k = size / (2 * half);
    const X = x => left + size / 2 + (x - last.x) * k, Y = y => top + size / 2 - (y - last.y) * k;
    g.save();
    g.fillStyle = 'rgba(11,16,22,0.94)'; g.strokeStyle = '#33465c'; g.lineWidth = 1;
    g.fillRect(left, top, size, size); g.strokeRect(left + 0.5, top + 0.5, size - 1, size - 1);
    g.beginPath(); g.rect(left, top, size, size); g.clip();
    const since = last.t - 20000;
    const truth = (state.truth.get(id) || []).filter(p => p.t >= since);
    g.setLineDash([4, 4]); g.strokeStyle = 'rgba(255,255,255,0.6)'; g.lineWidth = 1.2; g.beginPath();
    truth.forEach((p, i) => (i ? g.lineTo(X(p.x), Y(p.y)) : g.moveTo(X(p.x), Y(p.y)))); g.stroke(); g.setLineDash([]);
    for (const m of state.measurements) {
      if (m.id !== id || m.t < since) continue;
      const mark = state.marks.get(m.id + '|' + m.sensor + '|' + m.t);
      g.globalAlpha = Math.max(0.25, 1 - (last.t - m.t) / 20000);
      if (mark === 'REJECTED') {
        g.strokeStyle = '#ef5b5b'; g.lineWidth = 2; const mx = X(m.x), my = Y(m.y);
        g.beginPath(); g.moveTo(mx - 5, my - 5); g.lineTo(mx + 5, my + 5); g.moveTo(mx + 5, my - 5); g.lineTo(mx - 5, my + 5); g.stroke();
      } else {
        g.fillStyle = state.sensorColour[m.sensor] || '#999'; g.beginPath(); g.arc(X(m.x), Y(m.y), 3, 0, 2 * Math.PI); g.fill();
        if (mark === 'REVISED') { g.strokeStyle = '#f5b942'; g.lineWidth = 1.5; g.beginPath(); g.arc(X(m.x), Y(m.y), 7, 0, 2 * Math.PI); g.stroke(); }
      }
    }
    g.globalAlpha = 1;
    const colour = entityColour(id);
    g.strokeStyle = colour; g.lineWidth = 2; g.beginPath();
    list.filter(p => p.t >= since).forEach((p, i) => (i ? g.lineTo(X(p.x), Y(p.y)) : g.moveTo(X(p.x), Y(p.y)))); g.stroke();
    if (last.e) {
      g.fillStyle = colour; g.globalAlpha = 0.18; g.beginPath();
      g.ellipse(X(last.x), Y(last.y), last.e[0] * k, last.e[1] * k, -last.e[2], 0, 2 * Math.PI); g.fill();
      g.globalAlpha = 1; g.lineWidth = 1.5; g.stroke();
    }
    g.fillStyle = colour; g.beginPath(); g.arc(X(last.x), Y(last.y), 3.5, 0, 2 * Math.PI); g.fill();
    g.restore();
    // caption and scale bar
    const speed = last.vx !== undefined ? Math.hypot(last.vx, last.vy) : NaN;
    g.fillStyle = '#dbe4ee'; g.font = '12px sans-serif';
    g.fillText(id + ' close up', left + 8, top + 16);
    g.fillStyle = '#8796a8'; g.font = '11px sans-serif';
    g.fillText((isNaN(speed) ? '' : speed.toFixed(1) + ' m/s · ') + (last.e ? '2σ ' + last.e[0].toFixed(1) + ' × ' + last.e[1].toFixed(1) + ' m' : '') +
      ' · ' + last.filter, left + 8, top + 31);
    const bar = niceStep(half * 2) ;
    g.strokeStyle = '#8796a8'; g.lineWidth = 2; g.beginPath();
    g.moveTo(left + 10, top + size - 12); g.lineTo(left + 10 + bar * k, top + size - 12); g.stroke();
    g.fillText(bar + ' m', left + 14 + bar * k, top + size - 8);
    g.fillText('click a track to follow it', left + size - 140, top + size - 8);
  }

  map.addEventListener('click', ev => {
    if (!state.project) return;
    const rect = map.getBoundingClientRect(), px = ev.clientX - rect.left, py = ev.clientY - rect.top;
    let best = null, bestDistance = 40;
    for (const [id, list] of state.tracks) {
      const last = list[list.length - 1];
      const d = Math.hypot(state.project.X(last.x) - px, state.project.Y(last.y) - py);
      if (d < bestDistance) { best = id; bestDistance = d; }
    }
    if (best) { state.selected = best; state.dirty = true; }
  });

  function renderLegend() {
    const parts = state.sensors.filter(s => s.type !== 'state-evidence' && s.type !== 'linear')
      .map(s => '<span><i class="swatch" style="background:' + state.sensorColour[s.id] + '"></i>' + s.id + '</span>');
    parts.push('<span><i class="swatch" style="border:1px dashed #fff"></i>truth</span>');
    parts.push('<span style="color:#ef5b5b">✕ rejected</span>');
    parts.push('<span style="color:#f5b942">◯ revised (late)</span>');
    parts.push('<label class="toggle" title="fixed-lag smoothed estimates (smoothed topic), drawn dotted">' +
      '<input type="checkbox" id="toggle-smoothed"' + (state.showSmoothed ? ' checked' : '') + '> ┈ smoothed</label>');
    document.getElementById('legend').innerHTML = parts.join('');
    document.getElementById('toggle-smoothed').addEventListener('change', ev => {
      state.showSmoothed = ev.target.checked; state.dirty = true;
    });
  }

  // ---- NIS ----------------------------------------------------------------------------------

  function buildNisRows() {
    const root = document.getElementById('nis');
    root.innerHTML = '';
    for (const s of state.sensors) {
      if (s.tracking) continue;   // a tracking stage's sensor: no estimate names it with a NIS (GOSPA scores its tracks)
      const row = document.createElement('div');
      row.className = 'nis-row';
      row.innerHTML = '<div class="nis-title"><span><b style="color:' + state.sensorColour[s.id] + '">' + s.id + '</b> · m=' +
        s.dof + ' · 95% [' + s.lower.toFixed(2) + ', ' + s.upper.toFixed(2) + ']' +
        (s.gate !== undefined ? ' · gate ' + s.gate.toFixed(1) : '') +
        (s.adaptation ? ' · <span class="learned" data-sensor="' + s.id + '" title="adaptive noise (' + s.adaptation +
          '): the newest learned E[R] (GET /api/sensors)">R learning…</span>' : '') +
        (s.changepoint ? ' · <span class="muted" title="changepoint detection; action on a change">cp: ' + s.changepoint +
          '</span>' : '') + '</span><span class="verdict" data-sensor="' + s.id +
        '"></span></div><canvas class="nis-chart" data-sensor="' + s.id + '" data-points="0"></canvas>';
      root.appendChild(row);
    }
  }

  function drawNis() {
    for (const s of state.sensors) {
      const canvas = document.querySelector('canvas.nis-chart[data-sensor="' + s.id + '"]');
      if (!canvas) continue;
      const dpr = window.devicePixelRatio || 1, w = canvas.clientWidth, h = canvas.clientHeight;
      if (canvas.width !== w * dpr) { canvas.width = w * dpr; canvas.height = h * dpr; }
      const g = canvas.getContext('2d');
      g.setTransform(dpr, 0, 0, dpr, 0, 0);
      g.clearRect(0, 0, w, h);
      const values = (state.nis.get(s.id) || []).filter(e => e.t >= state.newest - NIS_SECONDS * 1000);
      canvas.dataset.points = String(values.length);
      const top = Math.max(s.upper * 1.6, (s.gate || 0) * 1.25, 1);
      const span = Math.max(30000, Math.min(NIS_SECONDS * 1000, values.length ? state.newest - values[0].t : 0));
      const left = 26;
      const X = t => w - (state.newest - t) / span * (w - left);
      // square-root scale: the χ² band near m and the gate far above both stay readable
      const Y = v => h - 3 - Math.sqrt(Math.min(Math.max(v, 0), top) / top) * (h - 6);
      g.fillStyle = '#4f5f72'; g.font = '9px sans-serif';
      for (const tick of [1, s.dof, 5, 10, 20, 50].filter((v, i, a) => v <= top && a.indexOf(v) === i)) {
        g.fillText(String(tick), 2, Y(tick) + 3);
        g.fillRect(left - 4, Y(tick), 3, 1);
      }
      g.fillText('-' + Math.round(span / 1000) + ' s', left, h - 2);
      // 95% band of one value, and of the mean of `window` values
      g.fillStyle = 'rgba(92,207,138,0.10)'; g.fillRect(left, Y(s.upper), w - left, Y(s.lower) - Y(s.upper));
      g.fillStyle = 'rgba(92,207,138,0.20)'; g.fillRect(left, Y(s.averageUpper), w - left, Y(s.averageLower) - Y(s.averageUpper));
      g.strokeStyle = 'rgba(255,255,255,0.25)'; g.setLineDash([2, 3]);
      g.beginPath(); g.moveTo(left, Y(s.dof)); g.lineTo(w, Y(s.dof)); g.stroke();
      if (s.gate !== undefined) {
        g.strokeStyle = 'rgba(239,91,91,0.8)'; g.setLineDash([5, 4]);
        g.beginPath(); g.moveTo(left, Y(s.gate)); g.lineTo(w, Y(s.gate)); g.stroke();
      }
      g.setLineDash([]);
      // detected changepoints (changepoints topic): a vertical marker at the detection, shaded back to the change's start
      const changes = (state.changepoints.get(s.id) || []).filter(c => c.t >= state.newest - span);
      canvas.dataset.changepoints = String(changes.length);
      for (const c of changes) {
        if (c.start !== undefined) {
          g.fillStyle = 'rgba(255,152,0,0.15)';
          g.fillRect(X(Math.max(c.start, state.newest - span)), 0, Math.max(X(c.t) - X(Math.max(c.start, state.newest - span)), 1), h);
        }
        g.strokeStyle = '#ff9800'; g.lineWidth = 1.5;
        g.beginPath(); g.moveTo(X(c.t), 0); g.lineTo(X(c.t), h); g.stroke();
        g.fillStyle = '#ff9800'; g.font = '9px sans-serif';
        g.fillText('Δ ' + c.action.toLowerCase().replace('_', '-'), Math.min(X(c.t) + 2, w - 60), 9);
      }
      for (const e of values) {
        g.fillStyle = e.status === 'REJECTED' ? '#ef5b5b' : state.sensorColour[s.id];
        g.globalAlpha = e.status === 'REJECTED' ? 1 : 0.75;
        g.fillRect(X(e.t) - 1.2, Y(e.nis) - 1.2, 2.4, 2.4);
      }
      g.globalAlpha = 1;
      // moving mean of the accepted values
      const accepted = values.filter(e => e.status !== 'REJECTED');
      g.strokeStyle = 'rgba(255,255,255,0.85)'; g.lineWidth = 1.2; g.beginPath();
      let sum = 0, mean = NaN;
      accepted.forEach((e, i) => {
        sum += e.nis;
        if (i >= s.window) sum -= accepted[i - s.window].nis;
        const n = Math.min(i + 1, s.window);
        mean = sum / n;
        if (i === 0) g.moveTo(X(e.t), Y(mean)); else g.lineTo(X(e.t), Y(mean));
      });
      g.stroke();
      const verdict = document.querySelector('.verdict[data-sensor="' + s.id + '"]');
      if (accepted.length >= s.window) {
        const ok = mean >= s.averageLower && mean <= s.averageUpper;
        verdict.className = 'verdict ' + (ok ? 'good' : 'warn');
        verdict.textContent = 'mean ' + mean.toFixed(2) + (ok ? ' ✓' : ' ⚠');
        verdict.title = 'mean of the last ' + s.window + ' NIS values; a consistent filter keeps it in [' +
          s.averageLower.toFixed(2) + ', ' + s.averageUpper.toFixed(2) + '] 95% of the time';
      } else {
        verdict.className = 'verdict'; verdict.textContent = accepted.length ? accepted.length + ' values' : 'no values yet';
      }
    }
  }

  // ---- fused posteriors -----------------------------------------------------------------------

  function renderFused() {
    const root = document.getElementById('fused');
    root.dataset.quantities = String(state.fused.size);
    if (state.fused.size === 0) {
      root.innerHTML = '<p class="muted empty">waiting for fused posteriors…</p>';
      return;
    }
    const html = [];
    for (const [id, f] of [...state.fused].sort()) {
      const truth = state.quantityTruth.get(id);
      const sources = Object.entries(f.sources || {}).map(([s, v]) =>
        '<span class="chip' + (s === f.updated ? ' updated' : '') + '">' + s + ' v' + v +
        (f.weights && f.weights[s] !== undefined ? ' ω=' + f.weights[s].toFixed(2) : '') + '</span>').join('') +
        Object.entries(f.quarantined || {}).map(([s, v]) =>
          '<span class="chip quarantined" title="quarantined: failed its consistency test">' + s + ' v' + v + ' ⊘</span>').join('');
      html.push('<div class="quantity" data-quantity="' + id + '"><div class="q-head"><b>' + id + '</b><span class="muted small">' +
        f.method + ' · ' + Object.keys(f.sources || {}).length + ' sources' +
        (f.updated ? ' · last ' + (f.change ? f.change.toLowerCase() + ': ' : '') + f.updated : '') +
        '</span></div><div class="sources">' + sources + '</div>');
      if (f.problem) html.push('<div class="muted">' + f.problem + '</div>');
      (f.mean || []).forEach((m, i) => {
        const sd = f.sd[i];
        const t = truth ? truth[i] : undefined;
        html.push('<div class="param"><span class="muted">w' + (i + 1) + '</span><canvas data-mean="' + m + '" data-sd="' + sd +
          '"' + (t !== undefined ? ' data-truth="' + t + '"' : '') + '></canvas><span>' + m.toFixed(3) + ' ± ' +
          (2 * sd).toFixed(3) + (t !== undefined ? ' <span class="muted">(truth ' + t.toFixed(2) + ')</span>' : '') + '</span></div>');
      });
      if (f.n > (f.mean || []).length) html.push('<div class="muted small">first ' + f.mean.length + ' of ' + f.n + ' parameters</div>');
      html.push('</div>');
    }
    root.innerHTML = html.join('');
    root.querySelectorAll('.param canvas').forEach(drawInterval);
  }

  function drawInterval(canvas) {
    const dpr = window.devicePixelRatio || 1, w = canvas.clientWidth, h = canvas.clientHeight;
    canvas.width = w * dpr; canvas.height = h * dpr;
    const g = canvas.getContext('2d');
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    const m = +canvas.dataset.mean, sd = +canvas.dataset.sd, t = canvas.dataset.truth !== undefined ? +canvas.dataset.truth : NaN;
    const lo = Math.min(-3, m - 2.5 * sd, isNaN(t) ? Infinity : t - 0.2), hi = Math.max(3, m + 2.5 * sd, isNaN(t) ? -Infinity : t + 0.2);
    const X = v => 4 + (v - lo) / (hi - lo) * (w - 8);
    g.strokeStyle = '#263241'; g.beginPath(); g.moveTo(X(0), 0); g.lineTo(X(0), h); g.stroke();
    g.fillStyle = 'rgba(108,182,255,0.35)'; g.fillRect(X(m - 2 * sd), 4, Math.max(X(m + 2 * sd) - X(m - 2 * sd), 1.5), h - 8);
    g.fillStyle = '#6cb6ff'; g.fillRect(X(m) - 1, 2, 2, h - 4);
    if (!isNaN(t)) {
      g.fillStyle = '#ffcb6b'; g.beginPath();
      g.moveTo(X(t), h / 2 - 5); g.lineTo(X(t) + 5, h / 2); g.lineTo(X(t), h / 2 + 5); g.lineTo(X(t) - 5, h / 2); g.closePath(); g.fill();
    }
  }

  // ---- dead letters, status ---------------------------------------------------------------------

  // tracking quality: GOSPA per scan of each region's confirmed tracks against the truth, and ANEES
  // (1 for a consistent estimator) of the confirmed tracks and of the entity filters
  function renderScores() {
    const panel = document.getElementById('scores');
    if (!panel || state.scores.length === 0) return;
    const last = state.scores[state.scores.length - 1];
    const regions = Object.keys(last.regions || {}), filters = Object.keys(last.filters || {});
    if (regions.length === 0 && filters.length === 0) return;
    let html = '<canvas id="gospa-chart" height="110"></canvas><table class="scores">';
    for (const r of regions) {
      const v = last.regions[r];
      html += '<tr><td>region ' + escapeHtml(r) + '</td><td>GOSPA/scan ' + fmt(v.gospaMean) + ' over ' + v.scans
        + ' scans (missed ' + fmt(v.missed) + ', false ' + fmt(v.false) + ')</td><td>ANEES ' + fmt(v.anees) + '</td></tr>';
    }
    for (const f of filters) {
      const v = last.filters[f];
      html += '<tr><td>filter ' + escapeHtml(f) + '</td><td>' + v.n + ' estimates vs truth</td><td>ANEES ' + fmt(v.anees) + '</td></tr>';
    }
    panel.innerHTML = html + '</table>';
    panel.dataset.regions = String(regions.length);
    panel.dataset.filters = String(filters.length);
    const canvas = document.getElementById('gospa-chart');
    const w = canvas.clientWidth || 300, h = 110, dpr = window.devicePixelRatio || 1;
    canvas.width = w * dpr; canvas.height = h * dpr;
    const g = canvas.getContext('2d'); g.setTransform(dpr, 0, 0, dpr, 0, 0);
    const series = state.scores.filter(s => s.regions);
    let max = 10;
    for (const s of series) for (const r of regions) if (s.regions[r] && s.regions[r].gospa !== undefined) max = Math.max(max, s.regions[r].gospa);
    g.strokeStyle = '#2a3644'; g.strokeRect(0.5, 0.5, w - 1, h - 1);
    g.fillStyle = '#8796a8'; g.font = '10px sans-serif'; g.fillText('GOSPA per scan (0 to ' + fmt(max) + ')', 6, 12);
    regions.forEach((r, k) => {
      g.strokeStyle = ['#ffd54f', '#4fc3f7', '#9ccc65', '#f06292'][k % 4]; g.lineWidth = 1.5; g.beginPath();
      let started = false;
      series.forEach((s, i) => {
        const v = s.regions[r] && s.regions[r].gospa;
        if (v === undefined || v === null) return;
        const px = (i / Math.max(series.length - 1, 1)) * (w - 4) + 2, py = h - 4 - (v / max) * (h - 20);
        if (!started) { g.moveTo(px, py); started = true; } else g.lineTo(px, py);
      });
      g.stroke();
    });
  }

  // prequential learning curves of the online learners: each mini-batch scored before it was learned
  // (mean log predictive density; 95% interval coverage of a regression, accuracy of a classifier)
  function renderLearning() {
    const panel = document.getElementById('learning');
    const models = Object.keys(state.learning || {});
    if (!panel || models.length === 0) return;
    let html = '<table class="scores">';
    for (const m of models) {
      const curve = state.learning[m], last = curve[curve.length - 1];
      if (!last) continue;
      const quality = last.coverage95 !== undefined ? '95% coverage ' + (100 * last.coverage95).toFixed(1) + '%'
        : last.accuracy !== undefined ? 'accuracy ' + (100 * last.accuracy).toFixed(1) + '%' : '';
      html += '<tr data-model="' + escapeHtml(m) + '"><td>' + escapeHtml(m) + '</td><td>' + last.n.toLocaleString()
        + ' examples</td><td>log pred ' + fmt(last.logPredictive) + '</td><td>' + quality + '</td></tr>'
        + '<tr><td colspan="4"><canvas class="learning-chart" data-model="' + escapeHtml(m) + '" height="60"></canvas></td></tr>';
    }
    panel.innerHTML = html + '</table>';
    panel.dataset.models = String(models.length);
    panel.querySelectorAll('canvas.learning-chart').forEach(canvas => {
      const curve = state.learning[canvas.dataset.model] || [];
      const w = canvas.clientWidth || 300, h = 60, dpr = window.devicePixelRatio || 1;
      canvas.width = w * dpr; canvas.height = h * dpr;
      const g = canvas.getContext('2d'); g.setTransform(dpr, 0, 0, dpr, 0, 0);
      g.strokeStyle = '#2a3644'; g.strokeRect(0.5, 0.5, w - 1, h - 1);
      const values = curve.map(p => p.logPredictive).filter(v => v !== undefined);
      if (values.length < 2) return;
      const lo = Math.min(...values), hi = Math.max(...values), span = Math.max(hi - lo, 1e-9);
      const n0 = curve[0].n, n1 = Math.max(curve[curve.length - 1].n, n0 + 1);
      g.strokeStyle = '#4fc3f7'; g.lineWidth = 1.5; g.beginPath();
      curve.forEach((p, i) => {
        if (p.logPredictive === undefined) return;
        const px = ((p.n - n0) / (n1 - n0)) * (w - 4) + 2, py = h - 4 - ((p.logPredictive - lo) / span) * (h - 16);
        if (i === 0) g.moveTo(px, py); else g.lineTo(px, py);
      });
      g.stroke();
      g.fillStyle = '#8796a8'; g.font = '10px sans-serif';
      g.fillText('log predictive per batch (' + fmt(lo) + ' to ' + fmt(hi) + ') vs examples', 6, 11);
    });
  }

  function renderDeadLetters() {
    const rows = Object.entries(state.deadLetters).sort((a, b) => b[1].count - a[1].count);
    const total = rows.reduce((s, [, d]) => s + d.count, 0);
    document.getElementById('dead-total').textContent = total + ' in total';
    const body = rows.length === 0 ? '<tr><td class="muted">none so far</td></tr>' : rows.map(([reason, d]) =>
      '<tr data-reason="' + reason + '"><td class="reason">' + reason + '</td><td class="count">' + d.count +
      '</td><td class="message" title="' + escapeHtml(d.message || '') + '">' + escapeHtml(d.message || '') + '</td></tr>').join('');
    document.querySelector('#dead tbody').innerHTML = body;
  }

  function escapeHtml(s) {
    return s.replace(/[&<>"]/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));
  }

  function renderStatus() {
    const order = ['UPDATED', 'REJECTED', 'REVISED', 'PREDICTED', 'RESET'];
    document.getElementById('status-counts').innerHTML = order.map(s =>
      '<span>' + s.toLowerCase() + ' <b>' + (state.counts[s] || 0).toLocaleString() + '</b></span>').join('');
    document.getElementById('pill-rate').textContent = (state.estimateTimes.length / 10).toFixed(1) + ' est/s';
    const lag = document.getElementById('pill-lag');
    if (state.newest) {
      const age = (Date.now() - state.newest) / 1000;
      lag.textContent = 'newest estimate ' + (age < 1 ? '<1' : age.toFixed(0)) + ' s ago';
      lag.className = 'pill ' + (age < 5 ? 'good' : age < 30 ? 'warn' : 'bad');
    }
  }

  // the learned R of adaptive sensors (no maths here: the server's newest E[R], shown as standard deviations' squares)
  async function pollSensors() {
    if (!state.sensors.some(s => s.adaptation)) return;
    try {
      const r = await fetch('/api/sensors');
      if (!r.ok) return;
      const answer = await r.json();
      for (const [id, sensor] of Object.entries(answer.sensors || {})) {
        const span = document.querySelector('.learned[data-sensor="' + id + '"]');
        if (!span || !sensor.learnedR) continue;
        span.textContent = 'R learned diag [' + sensor.learnedR.map((row, i) => fmt(row[i])).join(', ') + ']';
        span.dataset.learned = '1';
      }
    } catch (e) { /* next time */ }
  }

  function fmt(v) {
    if (v === undefined) return '—';
    return v === null ? '∞' : Math.abs(v) >= 100 || Math.abs(v) < 0.01 ? v.toExponential(2) : v.toFixed(2);
  }

  async function pollHealth() {
    const pill = document.getElementById('pill-streams');
    try {
      const r = await fetch('/health');
      const h = await r.json();
      pill.textContent = 'streams: ' + h.kafkaStreams.toLowerCase();
      pill.className = 'pill ' + (h.kafkaStreams === 'RUNNING' ? 'good' : r.ok ? 'warn' : 'bad');
    } catch (e) {
      pill.textContent = 'streams: unreachable'; pill.className = 'pill bad';
    }
  }

  // ---- wiring -------------------------------------------------------------------------------

  function connect() {
    const feed = document.getElementById('pill-feed');
    const source = new EventSource('/api/stream');
    source.addEventListener('batch', msg => { JSON.parse(msg.data).forEach(e => apply(e, true)); });
    source.onopen = () => { feed.textContent = 'feed: live'; feed.className = 'pill good'; };
    source.onerror = () => { feed.textContent = 'feed: reconnecting'; feed.className = 'pill warn'; };
  }

  async function start() {
    for (;;) {
      try {
        const r = await fetch('/api/dashboard');
        if (r.ok) { loadSnapshot(await r.json()); break; }
      } catch (e) { /* server starting */ }
      await new Promise(res => setTimeout(res, 1000));
    }
    connect();
    pollHealth();
    setInterval(pollHealth, 2000);
    pollSensors();
    setInterval(pollSensors, 3000);
    setInterval(() => { prune(); renderStatus(); if (state.dirty) { state.dirty = false; drawMap(); drawNis(); } }, 150);
    window.addEventListener('resize', () => { state.dirty = true; renderFused(); });
  }

  // for tests and the curious: what the page shows now
  window.bayesfuse = {
    entityPositions: () => {
      const out = {};
      for (const [id, list] of state.tracks) if (list.length) out[id] = [list[list.length - 1].x, list[list.length - 1].y];
      return out;
    },
    ellipses: () => +map.dataset.ellipses,
    nisPoints: () => [...document.querySelectorAll('canvas.nis-chart')].reduce((s, c) => s + +c.dataset.points, 0),
    fusedQuantities: () => state.fused.size,
    deadLetters: () => Object.values(state.deadLetters).reduce((s, d) => s + d.count, 0),
    smoothedPoints: () => +(map.dataset.smoothed || 0),
    changepoints: () => [...state.changepoints.values()].reduce((s, l) => s + l.length, 0),
    learnedR: () => document.querySelectorAll('.learned[data-learned="1"]').length
  };

  start();
})();
