/* kg view: draws the graph embedded in #kg-data with vis-network.
 * Every string from the data reaches the page through textContent (or
 * the canvas), never through innerHTML. */
(function () {
  "use strict";
  var T0 = performance.now();
  var D = JSON.parse(document.getElementById("kg-data").textContent);
  var FACE = "'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif";
  // node columns
  var IRI = 0, TYPE = 1, LABEL = 2, ALIASES = 3, DEGREE = 4, X = 5, Y = 6, SCOPE = 7, ART = 8, SIZE = 9;
  // fact columns: subject, relation, object, value, label, sentences (the first few),
  // how many more sentences state it, the articles (on the page) stating it
  var FS = 0, FREL = 1, FO = 2, FVAL = 3, FLABEL = 4, FSRC = 5, FMORE = 6, FARTS = 7;
  // edge labels are drawn once they are this large on screen (px)
  var EDGE_LABEL_PX = 12;
  var nodes = D.nodes, facts = D.facts, N = nodes.length;
  var view = window.kgView = { data: D, ready: false, timing: { parsed: performance.now() - T0 } };

  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function iriOf(i) {
    var s = nodes[i][IRI];
    return s.charAt(0) === ":" ? D.prefix + s.slice(1) : s;
  }
  function typeLabel(t) { return D.types[t][1]; }
  function shortLabel(s) { return s.length > 18 ? s.slice(0, 17) + "…" : s; }

  // ---------------------------------------------------------------- indexes
  var factsOf = [], neigh = [], mentionsOf = [], i;
  for (i = 0; i < N; i++) { factsOf.push([]); neigh.push([]); mentionsOf.push([]); }
  var factsOfArticle = D.articles.map(function () { return []; });
  var edges = [];  // [from, to, id, label, isMention]
  facts.forEach(function (f, fi) {
    if (f[FS] >= 0) factsOf[f[FS]].push(fi);
    if (f[FO] >= 0 && f[FO] !== f[FS]) factsOf[f[FO]].push(fi);
    if (f[FS] >= 0 && f[FO] >= 0) {
      edges.push([f[FS], f[FO], "f" + fi, f[FLABEL] || D.rels[f[FREL]][0], false]);
      neigh[f[FS]].push(f[FO]);
      neigh[f[FO]].push(f[FS]);
    }
    f[FARTS].forEach(function (a) { factsOfArticle[a].push(fi); });
  });
  D.mentions.forEach(function (m, mi) {
    edges.push([m[0], m[1], "m" + mi, null, true]);
    mentionsOf[m[0]].push(m[1]);
    mentionsOf[m[1]].push(m[0]);
    neigh[m[0]].push(m[1]);
    neigh[m[1]].push(m[0]);
  });
  // search keys: every name, lower case, traditional characters folded to simplified
  function fold(s) {
    var out = "", c;
    s = s.toLowerCase();
    for (var p = 0; p < s.length; p++) { c = s.charAt(p); out += D.fold[c] || c; }
    return out;
  }
  var keys = nodes.map(function (n, j) {
    return fold([n[LABEL]].concat(n[ALIASES]).concat([iriOf(j)]).join("\u0001"));
  });

  // ---------------------------------------------------------------- state
  // articles start hidden (the 文章 box of the legend shows them): each would sit in a star of
  // everything it mentions and hide the relations between the entities; a page of nothing but
  // articles shows them
  var onlyArticles = D.types.length === 1 && D.types[0][0] === "Article";
  function defaultTypes() { return D.types.map(function (t) { return onlyArticles || t[0] !== "Article"; }); }
  var typeOn = defaultTypes();
  var region = -1, limit = D.initial, pinned = new Set(), visible = new Set(), matching = 0;

  // nodes of the checked types in the chosen region, most connected first up to the limit,
  // plus the pinned ones (found by search, expanded, or clicked in the panel) whatever their type
  function computeVisible() {
    var vis = new Set(), shown = 0;
    matching = 0;
    for (var j = 0; j < N; j++) {
      var n = nodes[j];
      if (pinned.has(j)) { vis.add(j); continue; }
      if (!typeOn[n[TYPE]]) continue;
      var inRegion = region < 0 || n[SCOPE].indexOf(region) >= 0;
      if (inRegion) matching++;
      if (inRegion && shown < limit) { vis.add(j); shown++; }
    }
    return vis;
  }

  // hover text: type, names and up to two source sentences.  A plain string:
  // vis-network 9 puts it into the tooltip with innerText, never as HTML.
  function tooltip(j) {
    var n = nodes[j], lines = [typeLabel(n[TYPE]) + "：" + n[LABEL]], seen = {}, k = 0;
    if (n[ALIASES].length) lines.push("别名：" + n[ALIASES].slice(0, 6).join("、"));
    factsOf[j].forEach(function (fi) {
      facts[fi][FSRC].forEach(function (si) {
        if (k < 2 && !seen[si]) { seen[si] = true; k++; lines.push("「" + shortSentence(D.sentences[si][0]) + "」"); }
      });
    });
    return lines.join("\n");
  }
  function shortSentence(s) { return s.length > 80 ? s.slice(0, 79) + "…" : s; }
  function nodeObject(j) {
    var n = nodes[j];
    return { id: j, title: tooltip(j), group: "t" + n[TYPE], x: n[X], y: n[Y], size: n[SIZE] };
  }
  var MENTION_COLOR = { color: "#d5d5d5", highlight: "#777777", hover: "#777777" };
  function edgeObject(e) {
    if (e[4]) return { id: e[2], from: e[0], to: e[1], color: MENTION_COLOR, width: 0.5, arrows: { to: { enabled: false } } };
    return { id: e[2], from: e[0], to: e[1], label: e[3] };
  }

  // ---------------------------------------------------------------- network
  var groups = {};
  D.types.forEach(function (t, j) {
    groups["t" + j] = {
      shape: t[2],
      color: { background: t[3], border: t[3], highlight: { background: t[3], border: "#111" },
               hover: { background: t[3], border: "#111" } }
    };
  });
  var big = Math.min(N, D.initial) > 1000;  // hide edges while panning/zooming big pictures
  var options = {
    autoResize: true,
    layout: { improvedLayout: false, randomSeed: 1 },
    groups: groups,
    nodes: { borderWidth: 1, borderWidthSelected: 3 },  // no labels: drawLabels() writes them
    edges: { smooth: false, width: 1, selectionWidth: 1.5,
             color: { color: "#9aa5b1", highlight: "#222222", hover: "#222222" },
             arrows: { to: { enabled: true, scaleFactor: 0.45 } },
             font: { face: FACE, size: 11, color: "#555", strokeWidth: 2, strokeColor: "#ffffff", align: "middle" },
             scaling: { label: { drawThreshold: EDGE_LABEL_PX, maxVisible: 20 } } },
    interaction: { hover: false, tooltipDelay: 400, hideEdgesOnDrag: big, hideEdgesOnZoom: big,
                   multiselect: false, navigationButtons: false, keyboard: false },
    physics: false
  };
  if (D.physics) {
    options.physics = {
      enabled: true, solver: "barnesHut", minVelocity: 1,
      barnesHut: { gravitationalConstant: -4000, springLength: 90, springConstant: 0.03, avoidOverlap: 0.2 },
      stabilization: { enabled: false, iterations: 300, updateInterval: 50, fit: true }
    };
  }
  var nodesDS = new vis.DataSet([]), edgesDS = new vis.DataSet([]), network = null, order = [];
  view.nodes = nodesDS; view.edges = edgesDS;

  function sync() {
    var vis2 = computeVisible(), add = [], remove = [];
    visible.forEach(function (j) { if (!vis2.has(j)) remove.push(j); });
    vis2.forEach(function (j) { if (!visible.has(j)) add.push(j); });
    if (D.physics && view.ready) {  // after physics moved things, place newcomers by a shown neighbour
      add.forEach(function (j) {
        var o = nodeObject(j), near = neigh[j].filter(function (m) { return visible.has(m); })[0];
        if (near !== undefined) {
          var p = network.getPosition(near), a = (j % 12) * Math.PI / 6;
          o.x = p.x + 60 * Math.cos(a); o.y = p.y + 60 * Math.sin(a);
        }
        add[add.indexOf(j)] = o;
      });
    } else {
      add = add.map(nodeObject);
    }
    visible = vis2;
    order = Array.from(visible).sort(function (a, b) { return a - b; });  // most connected first
    var eAdd = [], eRemove = [], shown = new Set(edgesDS.getIds());
    edges.forEach(function (e) {
      var on = visible.has(e[0]) && visible.has(e[1]);
      if (on && !shown.has(e[2])) eAdd.push(edgeObject(e));
      else if (!on && shown.has(e[2])) eRemove.push(e[2]);
    });
    edgesDS.remove(eRemove);
    nodesDS.remove(remove);
    nodesDS.add(add);
    edgesDS.add(eAdd);
    status();
    return add.length;
  }

  function status() {
    var text = "显示 " + visible.size + " / " + N + " 个节点";
    if (D.total > N) text += "（图中共 " + D.total + " 个）";
    var capped = matching > Math.min(limit, matching) && visible.size < matching;
    if (capped) text += "，按连接数显示前 " + limit + " 个；搜索或双击节点可显示其余节点";
    $("status").textContent = text;
    var more = $("more");
    more.hidden = !capped;
    more.textContent = "再显示 " + Math.min(D.initial, matching - limit) + " 个";
  }

  // ---------------------------------------------------------------- labels
  // Node labels are drawn here rather than by vis-network, at a fixed size on screen: 15 px (else
  // 12) for the TOP most connected entities, for which the layout keeps room; 13 px for the other
  // entities, 12 px for articles.  Most connected node first, each label goes below, above, right
  // or left of its node, wherever it overlaps no label and no node drawn so far and fits on the
  // screen.  At the first zoom the main names show; the rest appear as one zooms in.  The
  // selected node's label is always drawn.
  var TOP = 12, MAX_LABELS = 800, widths = {}, top = {}, counted = 0;  // kg.view.layout.TOP_NODES
  for (i = 0; i < N && counted < TOP; i++) if (nodes[i][ART] < 0) { top[i] = true; counted++; }
  function labelPx(j) { return nodes[j][ART] >= 0 ? [12] : top[j] ? [15, 12] : [13]; }  // sizes to try
  function textWidth(ctx, text, px) {  // measured once per text at 100 px, then scaled
    var w = widths[text];
    if (w === undefined) { ctx.font = "100px " + FACE; w = widths[text] = ctx.measureText(text).width; }
    return w * px / 100 + 2;
  }
  function Grid(cell) { this.cell = cell; this.cells = new Map(); }
  Grid.prototype.each = function (r, fn) {  // calls fn(list of the cell) for the cells r touches
    var c = this.cell, x, y, k, list;
    for (x = Math.floor(r[0] / c); x <= Math.floor(r[2] / c); x++) {
      for (y = Math.floor(r[1] / c); y <= Math.floor(r[3] / c); y++) {
        k = x * 65536 + y;
        list = this.cells.get(k);
        if (list === undefined) this.cells.set(k, list = []);
        if (fn(list)) return true;
      }
    }
    return false;
  };
  Grid.prototype.free = function (r, self) {
    return !this.each(r, function (list) {
      return list.some(function (o) { return o[4] !== self && o[0] < r[2] && r[0] < o[2] && o[1] < r[3] && r[1] < o[3]; });
    });
  };
  Grid.prototype.add = function (r) { this.each(r, function (list) { list.push(r); }); };

  // on big pictures labels are left out while the view moves, as edges are (hideEdgesOnZoom)
  var moving = false, settle = null;
  function moved() {
    if (!big) return;
    moving = true;
    clearTimeout(settle);
    settle = setTimeout(function () { moving = false; network.redraw(); }, 200);
  }
  function drawLabels(ctx) {
    if (moving) return;
    var started = performance.now(), canvas = ctx.canvas, W = canvas.clientWidth, H = canvas.clientHeight;
    var scale = network.getScale(), centre = network.getViewPosition();
    var positions = network.getPositions(order), grid = new Grid(48), at = {}, placed = [];
    function screen(j) {
      var p = positions[j];
      return p && { x: (p.x - centre.x) * scale + W / 2, y: (p.y - centre.y) * scale + H / 2 };
    }
    order.forEach(function (j) {  // every node's shape is an obstacle
      var p = screen(j);
      if (!p || p.x < -50 || p.y < -50 || p.x > W + 50 || p.y > H + 50) return;
      var r = nodes[j][SIZE] * scale + 1;
      at[j] = p;
      grid.add([p.x - r, p.y - r, p.x + r, p.y + r, j]);
    });
    var first = network.getSelectedNodes().filter(function (j) { return at[j]; });
    first.concat(order).forEach(function (j, k) {
      var p = at[j];
      if (!p || placed.length >= MAX_LABELS || (k >= first.length && first.indexOf(j) >= 0)) return;
      var text = shortLabel(nodes[j][LABEL]), r = nodes[j][SIZE] * scale, sizes = labelPx(j);
      for (var z = 0; z < sizes.length; z++) {
        var px = sizes[z], w = textWidth(ctx, text, px), h = px * 1.25, sides = [
          [p.x - w / 2, p.y + r + 3, p.x + w / 2, p.y + r + 3 + h],  // below
          [p.x - w / 2, p.y - r - 3 - h, p.x + w / 2, p.y - r - 3],  // above
          [p.x + r + 4, p.y - h / 2, p.x + r + 4 + w, p.y + h / 2],  // right
          [p.x - r - 4 - w, p.y - h / 2, p.x - r - 4, p.y + h / 2]   // left
        ];
        for (var s = 0; s < sides.length; s++) {
          var box = sides[s].concat([j]);
          var inside = box[0] >= 0 && box[1] >= 0 && box[2] <= W && box[3] <= H;
          if (k < first.length || (inside && grid.free(box, j))) {
            grid.add(box);
            placed.push({ id: j, x0: box[0], y0: box[1], x1: box[2], y1: box[3], px: px, text: text });
            return;
          }
        }
      }
    });
    ctx.save();
    ctx.textAlign = "left"; ctx.textBaseline = "top"; ctx.lineJoin = "round";
    ctx.strokeStyle = "#ffffff"; ctx.fillStyle = "#222222"; ctx.lineWidth = 3 / scale;
    placed.forEach(function (l) {
      var x = (l.x0 + 1 - W / 2) / scale + centre.x, y = (l.y0 + 0.1 * l.px - H / 2) / scale + centre.y;
      ctx.font = (l.px / scale) + "px " + FACE;
      ctx.strokeText(l.text, x, y);
      ctx.fillText(l.text, x, y);
    });
    ctx.restore();
    view.labels = placed;
    view.timing.labels = performance.now() - started;
  }

  // ---------------------------------------------------------------- legend / filters
  var SHAPES = {
    dot: function (s) { return s.circle(8, 8, 6.5); },
    square: function (s) { return s.poly("2,2 14,2 14,14 2,14"); },
    diamond: function (s) { return s.poly("8,1 15,8 8,15 1,8"); },
    triangle: function (s) { return s.poly("8,1 15,14 1,14"); },
    triangleDown: function (s) { return s.poly("1,2 15,2 8,15"); },
    hexagon: function (s) { return s.poly("4,1.5 12,1.5 15.5,8 12,14.5 4,14.5 0.5,8"); },
    star: function (s) { return s.poly("8,0.5 10,6 15.5,6 11,9.5 13,15 8,11.5 3,15 5,9.5 0.5,6 6,6"); }
  };
  function swatch(t) {
    var NS = "http://www.w3.org/2000/svg", svg = document.createElementNS(NS, "svg");
    svg.setAttribute("width", "16"); svg.setAttribute("height", "16"); svg.setAttribute("viewBox", "0 0 16 16");
    svg.setAttribute("class", "swatch");
    var api = {
      circle: function (x, y, r) {
        var c = document.createElementNS(NS, "circle");
        c.setAttribute("cx", x); c.setAttribute("cy", y); c.setAttribute("r", r); return c;
      },
      poly: function (pts) { var p = document.createElementNS(NS, "polygon"); p.setAttribute("points", pts); return p; }
    };
    var shape = (SHAPES[D.types[t][2]] || SHAPES.dot)(api);
    shape.setAttribute("fill", D.types[t][3]);
    svg.appendChild(shape);
    return svg;
  }
  var typeCount = D.types.map(function () { return 0; });
  nodes.forEach(function (n) { typeCount[n[TYPE]]++; });
  var typeBoxes = [];
  D.types.forEach(function (t, j) {
    var label = el("label"), box = el("input");
    box.type = "checkbox"; box.checked = typeOn[j]; box.setAttribute("data-type", t[0]);
    box.addEventListener("change", function () {
      typeOn[j] = box.checked;
      if (!box.checked) pinned.forEach(function (m) { if (nodes[m][TYPE] === j) pinned.delete(m); });
      refresh();
    });
    typeBoxes.push(box);
    label.appendChild(box);
    label.appendChild(swatch(j));
    label.appendChild(el("span", null, t[1]));
    label.appendChild(el("span", "count", typeCount[j]));
    $("types").appendChild(label);
  });
  var regionSelect = $("region");
  D.regions.forEach(function (r) {
    var n = nodes[r[0]];
    regionSelect.appendChild(new Option(n[LABEL] + " · " + typeLabel(n[TYPE]) + "（" + r[1] + "）", String(r[0])));
  });
  regionSelect.addEventListener("change", function () {
    region = parseInt(regionSelect.value, 10);
    limit = D.initial;
    refresh();
    fitVisible();
  });
  $("more").addEventListener("click", function () { limit += D.initial; refresh(); });
  $("reset").addEventListener("click", function () {
    typeOn = defaultTypes();
    typeBoxes.forEach(function (b, j) { b.checked = typeOn[j]; });
    region = -1; regionSelect.value = "-1"; limit = D.initial; pinned.clear();
    refresh(); hidePanel(); fitVisible();
  });
  $("title").textContent = D.title;
  if (D.scope) $("scope").textContent = D.scope;

  function refresh() {
    var added = sync();
    if (D.physics && view.ready && added) {  // let newcomers settle, then stop again
      network.setOptions({ physics: { enabled: true } });
      network.stabilize(80);
    }
  }
  // the zoom that shows every drawn node with room for labels at the edges (kg.view.layout.fit_scale)
  var FIT_SIDE = 60, FIT_TOP = 12, FIT_BOTTOM = 28, FIT_MAX = 1.5;
  function fitVisible() {
    var ids = Array.from(visible), pos = network.getPositions(ids), graph = $("graph");
    if (!ids.length) return;
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    ids.forEach(function (j) {
      var p = pos[j], s = nodes[j][SIZE];
      x0 = Math.min(x0, p.x - s); x1 = Math.max(x1, p.x + s);
      y0 = Math.min(y0, p.y - s); y1 = Math.max(y1, p.y + s);
    });
    var W = graph.clientWidth, H = graph.clientHeight;
    var scale = Math.min((W - 2 * FIT_SIDE) / Math.max(x1 - x0, 1), (H - FIT_TOP - FIT_BOTTOM) / Math.max(y1 - y0, 1), FIT_MAX);
    scale = Math.max(scale, 0.01);
    network.moveTo({ position: { x: (x0 + x1) / 2, y: (y0 + y1) / 2 + (FIT_BOTTOM - FIT_TOP) / 2 / scale },
                     scale: scale, animation: false });
  }

  // ---------------------------------------------------------------- search
  var results = $("results"), searchBox = $("search"), current = [];
  function matches(q, max) {
    q = fold(q.trim());
    if (!q) return [];
    var exact = [], prefix = [], sub = [];
    for (var j = 0; j < N; j++) {
      var key = keys[j], at = key.indexOf(q);
      if (at < 0) continue;
      var names = key.split("\u0001");
      if (names.indexOf(q) >= 0) exact.push(j);
      else if (at === 0 || key.indexOf("\u0001" + q) >= 0) prefix.push(j);
      else sub.push(j);
      if (exact.length >= (max || 20)) break;
    }
    return exact.concat(prefix, sub).slice(0, max || 20);
  }
  function matchedName(j, q) {  // the alias the query matched, if not the label
    q = q.trim().toLowerCase();
    var n = nodes[j], a;
    if (n[LABEL].toLowerCase().indexOf(q) >= 0) return null;
    for (a = 0; a < n[ALIASES].length; a++) if (n[ALIASES][a].toLowerCase().indexOf(q) >= 0) return n[ALIASES][a];
    q = fold(q);
    if (fold(n[LABEL]).indexOf(q) >= 0) return null;
    for (a = 0; a < n[ALIASES].length; a++) if (fold(n[ALIASES][a]).indexOf(q) >= 0) return n[ALIASES][a];
    return null;
  }
  function showResults() {
    var q = searchBox.value;
    current = matches(q, 30);
    results.textContent = "";
    if (!q.trim()) { results.hidden = true; return; }
    if (!current.length) results.appendChild(el("li", "none", "没有找到匹配的节点"));
    current.forEach(function (j, r) {
      var li = el("li"), b = el("button", r === 0 ? "active" : null);
      b.type = "button";
      b.appendChild(el("span", null, nodes[j][LABEL]));
      var alias = matchedName(j, q);
      if (alias) b.appendChild(el("span", "kind", "别名：" + alias));
      b.appendChild(el("span", "kind", typeLabel(nodes[j][TYPE])));
      b.addEventListener("click", function () { results.hidden = true; focusNode(j); });
      li.appendChild(b);
      results.appendChild(li);
    });
    results.hidden = false;
  }
  searchBox.addEventListener("input", showResults);
  searchBox.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      ev.preventDefault();
      current = matches(searchBox.value, 30);
      if (current.length) { results.hidden = true; focusNode(current[0]); }
    } else if (ev.key === "Escape") {
      results.hidden = true;
    }
  });
  document.addEventListener("click", function (ev) {
    if (!$("find").contains(ev.target)) results.hidden = true;
  });

  // ---------------------------------------------------------------- focus / expand
  function focusNode(j) {
    pinned.add(j);
    refresh();
    network.selectNodes([j]);
    view.animating = true;
    network.focus(j, { scale: Math.max(1.0, network.getScale()), animation: { duration: 300, easingFunction: "easeInOutQuad" } });
    showNode(j);
    view.focused = j;
  }
  // what "expand" brings in: every node related through a fact, and the articles mentioning it
  // or mentioned by it when articles are shown (or when j is an article)
  function hidden(j) {
    var out = [], seen = {};
    factsOf[j].forEach(function (fi) {
      var f = facts[fi], m = f[FS] === j ? f[FO] : f[FS];
      if (m >= 0 && m !== j && !visible.has(m) && !seen[m]) { seen[m] = true; out.push(m); }
    });
    mentionsOf[j].forEach(function (m) {
      if ((typeOn[nodes[m][TYPE]] || nodes[j][ART] >= 0) && !visible.has(m) && !seen[m]) { seen[m] = true; out.push(m); }
    });
    return out;
  }
  function expand(j) {
    hidden(j).forEach(function (m) { pinned.add(m); });
    pinned.add(j);
    refresh();
  }

  // ---------------------------------------------------------------- side panel
  var panel = $("panel"), body = $("panel-body");
  function hidePanel() { panel.hidden = true; body.textContent = ""; }
  $("close").addEventListener("click", function () { hidePanel(); network.unselectAll(); });

  function nodeLink(j) {
    var b = el("button", "link", nodes[j][LABEL]);
    b.type = "button";
    b.title = typeLabel(nodes[j][TYPE]);
    b.addEventListener("click", function () { focusNode(j); });
    return b;
  }
  function articleLink(a) {
    var art = D.articles[a], name = "《" + (art[0] || art[1] || "文章") + "》";
    if (art[4] < 0) return el("span", null, name);
    var b = el("button", "link", name);
    b.type = "button";
    b.addEventListener("click", function () { focusNode(art[4]); });
    return b;
  }
  // the sentences of fact f (of one article only, when onlyArticle is given); the page keeps
  // the first few sentences of a fact and says how many more state it
  function sourcesList(f, onlyArticle) {
    var ul = el("ul", "sources");
    f[FSRC].forEach(function (si) {
      var s = D.sentences[si];
      if (onlyArticle !== undefined && s[1] !== onlyArticle) return;
      var li = el("li");
      li.appendChild(el("q", null, s[0]));
      if (s[1] >= 0 && onlyArticle === undefined) {
        li.appendChild(document.createTextNode(" —— "));
        li.appendChild(articleLink(s[1]));
      }
      ul.appendChild(li);
    });
    if (f[FMORE] > 0) {
      var total = f[FSRC].length + f[FMORE];
      ul.appendChild(el("li", "muted more", onlyArticle === undefined
        ? "另有 " + f[FMORE] + " 句（共 " + total + " 句陈述此事实，此处列出前 " + f[FSRC].length + " 句）"
        : "（共 " + total + " 句陈述此事实，此处列出前 " + f[FSRC].length + " 句" +
          (ul.childNodes.length ? "" : "，不含本文的句子") + "）"));
    } else if (!ul.childNodes.length) {
      ul.appendChild(el("li", "muted", "（无来源句子）"));
    }
    return ul;
  }
  function endpoint(f, side) {  // side: FS or FO
    var j = f[side];
    return j >= 0 ? nodeLink(j) : el("span", "value", f[FVAL]);
  }
  function factRow(fi, from, onlyArticle) {
    var f = facts[fi], row = el("div", "fact"), rel = D.rels[f[FREL]];
    if (from === undefined) {  // whole fact: subject relation object
      row.appendChild(endpoint(f, FS));
      row.appendChild(el("span", "rel", " " + rel[0] + (f[FLABEL] ? "（" + f[FLABEL] + "）" : "") + " "));
      row.appendChild(endpoint(f, FO));
    } else if (f[FS] === from) {
      row.appendChild(el("span", "rel", rel[0] + (f[FLABEL] ? "（" + f[FLABEL] + "）" : "") + "："));
      row.appendChild(endpoint(f, FO));
    } else {
      row.appendChild(el("span", "rel", rel[1] + (f[FLABEL] ? "（" + f[FLABEL] + "）" : "") + "："));
      row.appendChild(endpoint(f, FS));
    }
    row.appendChild(sourcesList(f, onlyArticle));
    return row;
  }
  function field(dl, name, value) {
    dl.appendChild(el("dt", null, name));
    var dd = el("dd");
    if (value instanceof Node) dd.appendChild(value); else dd.textContent = value;
    dl.appendChild(dd);
  }
  function header(j) {
    var n = nodes[j], h = el("h2");
    h.appendChild(swatch(n[TYPE]));
    h.appendChild(document.createTextNode(n[LABEL]));
    body.appendChild(h);
    var dl = el("dl");
    field(dl, "类型", typeLabel(n[TYPE]) + "（" + D.types[n[TYPE]][0] + "）");
    if (n[ALIASES].length) field(dl, n[ART] >= 0 ? "文件" : "别名", n[ALIASES].join("、"));
    field(dl, "IRI", el("code", null, iriOf(j)));
    field(dl, "连接数", n[DEGREE]);
    body.appendChild(dl);
    return dl;
  }
  function expandButton(j) {
    var h = hidden(j);
    if (!h.length) return;
    var b = el("button", "action", "显示全部关联节点（另有 " + h.length + " 个）");
    b.type = "button";
    b.addEventListener("click", function () { expand(j); showNode(j); });
    body.appendChild(b);
  }
  function showNode(j) {
    body.textContent = "";
    var n = nodes[j];
    if (n[ART] >= 0) { showArticle(j); panel.hidden = false; return; }
    header(j);
    expandButton(j);
    var list = factsOf[j].slice().sort(function (a, b) {
      return (facts[a][FS] === j ? 0 : 1) - (facts[b][FS] === j ? 0 : 1) || a - b;
    });
    body.appendChild(el("h3", null, "关系与数据（" + list.length + "）"));
    if (!list.length) body.appendChild(el("p", "muted", "无"));
    list.forEach(function (fi) { body.appendChild(factRow(fi, j)); });
    if (mentionsOf[j].length) {
      body.appendChild(el("h3", null, "见于文章（" + mentionsOf[j].length + "）"));
      var ul = el("ul", "sources");
      mentionsOf[j].forEach(function (a) { var li = el("li"); li.appendChild(nodeLink(a)); ul.appendChild(li); });
      body.appendChild(ul);
    }
    panel.hidden = false;
    panel.scrollTop = 0;
  }
  function showArticle(j) {
    var n = nodes[j], a = D.articles[n[ART]], dl = header(j);
    if (a[2]) field(dl, "发布日期", a[2]);
    expandButton(j);
    var list = factsOfArticle[n[ART]];
    body.appendChild(el("h3", null, "本文事实（" + list.length + "）"));
    if (!list.length) body.appendChild(el("p", "muted", "无"));
    list.forEach(function (fi) { body.appendChild(factRow(fi, undefined, n[ART])); });
    var own = factsOf[j].filter(function (fi) { return list.indexOf(fi) < 0; });
    if (own.length) {
      body.appendChild(el("h3", null, "文章信息"));
      own.forEach(function (fi) { body.appendChild(factRow(fi, j)); });
    }
    if (mentionsOf[j].length) {
      body.appendChild(el("h3", null, "提及（" + mentionsOf[j].length + "）"));
      var p = el("p");
      mentionsOf[j].forEach(function (m, r) {
        if (r) p.appendChild(document.createTextNode("、"));
        p.appendChild(nodeLink(m));
      });
      body.appendChild(p);
    }
    panel.scrollTop = 0;
  }
  function showEdge(id) {
    body.textContent = "";
    if (id.charAt(0) === "f") {
      body.appendChild(el("h2", null, "关系"));
      body.appendChild(factRow(parseInt(id.slice(1), 10)));
    } else {
      var m = D.mentions[parseInt(id.slice(1), 10)], p = el("p");
      body.appendChild(el("h2", null, "提及"));
      p.appendChild(nodeLink(m[0])); p.appendChild(el("span", "rel", " 提及 ")); p.appendChild(nodeLink(m[1]));
      body.appendChild(p);
    }
    panel.hidden = false;
  }

  // ---------------------------------------------------------------- start
  view.focusNode = focusNode;
  view.showNode = showNode;
  view.expand = expand;
  view.matches = matches;
  view.visible = function () { return Array.from(visible); };
  view.setType = function (key, on) {
    typeBoxes.forEach(function (b) { if (b.getAttribute("data-type") === key && b.checked !== on) b.click(); });
  };
  view.setRegion = function (r) { regionSelect.value = String(r); regionSelect.dispatchEvent(new Event("change")); };
  view.indexOf = function (iri) {
    for (var j = 0; j < N; j++) if (iriOf(j) === iri) return j;
    return -1;
  };
  view.domPosition = function (j) { return network.canvasToDOM(network.getPosition(j)); };

  sync();  // fill the data sets first: one drawing pass instead of thousands of updates
  network = new vis.Network($("graph"), { nodes: nodesDS, edges: edgesDS }, options);
  view.network = network;
  network.on("click", function (p) {
    if (p.nodes.length) showNode(p.nodes[0]);
    else if (p.edges.length) showEdge(String(p.edges[0]));
    else hidePanel();
  });
  network.on("doubleClick", function (p) { if (p.nodes.length) { expand(p.nodes[0]); showNode(p.nodes[0]); } });
  network.on("stabilizationIterationsDone", function () { network.setOptions({ physics: { enabled: false } }); });
  network.on("animationFinished", function () { view.animating = false; });
  network.on("afterDrawing", drawLabels);
  network.on("zoom", moved);
  network.on("dragging", moved);
  view.timing.created = performance.now() - T0;
  if (D.physics) {
    network.once("stabilizationIterationsDone", function () {
      fitVisible();
      network.once("afterDrawing", markReady);
      network.redraw();
    });
    // the positions are already laid out: a few hundred iterations for small pictures, fewer for big ones
    network.stabilize(Math.max(40, Math.min(300, Math.round(60000 / Math.max(1, visible.size)))));
  } else {
    network.once("afterDrawing", markReady);
    fitVisible();
  }
  function markReady() {
    view.ready = true;
    view.timing.ready = performance.now();
    document.documentElement.setAttribute("data-kg-ready", "1");
  }
})();
