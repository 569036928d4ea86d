/* Kadiyan graph explorer: a neighbourhood drawn with Cytoscape.js, expanded on demand.
 *
 * Everything comes from the JSON API of this app (/api/neighbourhood, /api/path), which
 * applies the viewer's scope and masking; this script only draws. The node and path lists
 * mirror the picture for keyboards, screen readers and tests. No inline script: the page's
 * Content-Security-Policy allows scripts from this app only.
 */
(function () {
  "use strict";

  var root = document.getElementById("graph");
  if (!root) { return; }
  var nodeList = document.getElementById("graph-nodes");
  var pathList = document.getElementById("graph-path");
  var count = document.getElementById("graph-count");
  var status = document.getElementById("graph-status");
  var kindsBox = document.getElementById("graph-kinds");
  var gexf = document.getElementById("graph-gexf");
  var MAX_EXPORT = 500;
  var nodes = {};      // id -> {id, kind, label, expanded}
  var edges = {};      // "source|kind|target" -> {source, kind, target}
  var hidden = {};     // link kind -> true when filtered out
  var onPath = {};     // node or edge id -> true

  var cy = null;
  if (typeof window.cytoscape === "function") {
    cy = window.cytoscape({
      container: root,
      wheelSensitivity: 0.3,
      style: [
        { selector: "node", style: {
          "label": "data(label)", "font-size": 9, "text-wrap": "ellipsis",
          "text-max-width": 120, "width": 16, "height": 16, "background-color": "#5b6673" } },
        { selector: "node[group = 'record']", style: { "shape": "round-rectangle", "background-color": "#0b5cad" } },
        { selector: "node[kind = 'person']", style: { "background-color": "#a4431c" } },
        { selector: "node[kind = 'phone']", style: { "background-color": "#2b7a3d" } },
        { selector: "node.centre", style: { "width": 24, "height": 24, "border-width": 3, "border-color": "#1d232b" } },
        { selector: "edge", style: {
          "width": 1.2, "line-color": "#b8c0c9", "curve-style": "bezier",
          "label": "data(kind)", "font-size": 7, "color": "#5b6673" } },
        { selector: ".path", style: { "line-color": "#d4a000", "background-color": "#d4a000", "width": 3 } }
      ]
    });
    cy.on("tap", "node", function (event) { expand(event.target.id()); });
  }

  function say(text) { status.textContent = text; }

  function api(path, params) {
    var query = Object.keys(params).map(function (k) {
      return encodeURIComponent(k) + "=" + encodeURIComponent(params[k]);
    }).join("&");
    return fetch(path + "?" + query, { credentials: "same-origin", headers: { "accept": "application/json" } })
      .then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok) { throw new Error(body.detail || response.statusText); }
          return body;
        });
      });
  }

  function isRecord(id) { return /^r[0-9a-f]{20}$/.test(id); }

  function add(newNodes, newEdges) {
    newNodes.forEach(function (n) {
      if (nodes[n.id]) { return; }
      nodes[n.id] = { id: n.id, kind: n.kind, label: n.label, expanded: false };
      if (cy) {
        cy.add({ group: "nodes", data: { id: n.id, kind: n.kind, label: n.label,
                                         group: isRecord(n.id) ? "record" : "entity" } });
      }
    });
    newEdges.forEach(function (e) {
      var id = e.source + "|" + e.kind + "|" + e.target;
      if (edges[id] || !nodes[e.source] || !nodes[e.target]) { return; }
      edges[id] = { source: e.source, kind: e.kind, target: e.target };
      if (cy) { cy.add({ group: "edges", data: { id: id, source: e.source, target: e.target, kind: e.kind } }); }
    });
    redraw();
  }

  function redraw() {
    if (cy) {
      cy.edges().forEach(function (edge) {
        edge.style("display", hidden[edge.data("kind")] ? "none" : "element");
      });
      cy.elements().removeClass("path");
      Object.keys(onPath).forEach(function (id) { cy.getElementById(id).addClass("path"); });
      cy.layout({ name: "cose", animate: false, randomize: false, nodeRepulsion: 6000 }).run();
    }
    drawFilters();
    drawNodes();
    var ids = Object.keys(nodes).slice(0, MAX_EXPORT);
    if (gexf) gexf.setAttribute("href", "/api/graph.gexf?ids=" + encodeURIComponent(ids.join(",")));
  }

  function drawFilters() {
    var kinds = {};
    Object.keys(edges).forEach(function (id) { kinds[edges[id].kind] = true; });
    Array.prototype.slice.call(kindsBox.querySelectorAll("label")).forEach(function (l) { l.remove(); });
    Object.keys(kinds).sort().forEach(function (kind) {
      var label = document.createElement("label");
      var box = document.createElement("input");
      box.type = "checkbox";
      box.checked = !hidden[kind];
      box.value = kind;
      box.addEventListener("change", function () { hidden[kind] = !box.checked; redraw(); });
      label.appendChild(box);
      label.appendChild(document.createTextNode(" " + kind.replace(/_/g, " ")));
      kindsBox.appendChild(label);
    });
  }

  function linkTo(id) {
    var a = document.createElement("a");
    a.href = (isRecord(id) ? "/record?id=" : "/entity?id=") + encodeURIComponent(id);
    a.textContent = nodes[id] ? nodes[id].label : id;
    return a;
  }

  function drawNodes() {
    nodeList.textContent = "";
    var ids = Object.keys(nodes).sort(function (x, y) {
      return (nodes[x].kind + nodes[x].label).localeCompare(nodes[y].kind + nodes[y].label);
    });
    ids.forEach(function (id) {
      var li = document.createElement("li");
      li.dataset.id = id;
      var kind = document.createElement("span");
      kind.className = "badge";
      kind.textContent = nodes[id].kind.replace(/_/g, " ");
      li.appendChild(kind);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(linkTo(id));
      if (!nodes[id].expanded) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "expand";
        button.textContent = "Expand";
        button.addEventListener("click", function () { expand(id); });
        li.appendChild(document.createTextNode(" "));
        li.appendChild(button);
      }
      nodeList.appendChild(li);
    });
    count.textContent = String(ids.length);
  }

  function expand(id) {
    say("Expanding…");
    return api("/api/neighbourhood", { id: id, hops: 1, limit: 200 }).then(function (body) {
      add(body.nodes, body.edges);
      if (nodes[id]) { nodes[id].expanded = true; }
      drawNodes();
      say(Object.keys(nodes).length + " nodes" + (body.truncated ? "; more links than shown" : ""));
    }).catch(function (error) { say("Could not expand: " + error.message); });
  }

  function findPath(a, b) {
    say("Looking for the shortest path…");
    return api("/api/path", { a: a, b: b, max_hops: 8 }).then(function (body) {
      add(body.nodes, body.steps.map(function (s) { return { source: s.source, kind: s.kind, target: s.target }; }));
      onPath = {};
      pathList.textContent = "";
      body.nodes.forEach(function (n) { onPath[n.id] = true; });
      body.steps.forEach(function (s) {
        onPath[s.source + "|" + s.kind + "|" + s.target] = true;
        var li = document.createElement("li");
        li.appendChild(linkTo(s.source));
        li.appendChild(document.createTextNode(" — " + s.kind.replace(/_/g, " ") + " — "));
        li.appendChild(linkTo(s.target));
        if (s.evidence.length) {
          var ev = document.createElement("span");
          ev.className = "rel";
          ev.textContent = " evidence: ";
          s.evidence.slice(0, 3).forEach(function (rid, i) {
            if (i) { ev.appendChild(document.createTextNode(", ")); }
            var a = document.createElement("a");
            a.href = "/record?id=" + encodeURIComponent(rid);
            a.textContent = rid;
            ev.appendChild(a);
          });
          li.appendChild(ev);
        }
        pathList.appendChild(li);
      });
      redraw();
      say("A path of " + body.steps.length + " links" + (body.cut_short
        ? "; a shorter one may pass " + (body.hubs.length
          ? "through hubs this one avoids (" + body.hubs.length + ")"
          : "beyond the links searched")
        : ""));
    }).catch(function (error) { say("No path: " + error.message); });
  }

  document.getElementById("graph-path-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var form = event.target;
    findPath(form.elements.a.value, form.elements.b.value);
  });

  // The picture is drawn here, so the server cannot see it leave: the export is put in the
  // audit trail first, and the picture is saved only once the server has recorded it.
  var png = document.getElementById("graph-png");
  if (png) {
    png.addEventListener("click", function () {
      if (!cy) { say("The picture is not available"); return; }
      var token = document.querySelector("input[name=csrf]");
      fetch("/api/exports", {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json",
                   "X-CSRF-Token": token ? token.value : "" },
        body: JSON.stringify({ format: "png", nodes: Object.keys(nodes).slice(0, MAX_EXPORT) })
      }).then(function (answer) {
        if (answer.status !== 204) { say("The export was refused (" + answer.status + ")"); return; }
        var a = document.createElement("a");
        a.href = cy.png({ full: true, bg: "#ffffff", scale: 2 });
        a.download = "kadiyan-graph.png";
        document.body.appendChild(a);
        a.click();
        a.remove();
        say("Exported " + Math.min(Object.keys(nodes).length, MAX_EXPORT) + " nodes as PNG");
      }, function () { say("The export could not be recorded"); });
    });
  }

  var centre = root.dataset.centre;
  expand(centre).then(function () {
    if (cy) { cy.getElementById(centre).addClass("centre"); }
    if (root.dataset.a && root.dataset.b) { findPath(root.dataset.a, root.dataset.b); }
  });
}());
