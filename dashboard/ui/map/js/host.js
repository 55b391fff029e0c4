/* Host of the Frontline map page (st.components.v2): keeps one iframe per built map,
   pushes days, the faction filter and overlays from Python into it, and reports the day
   on release, a clicked place and the view back to Python.
   A page is either published (data.src: a same-origin static file of the app, any
   replica that shares the state folder serves it) or carried (data.html: the page text,
   shown with srcdoc, never stored on the server: an upload's page, or every page when
   static files are off). Python sends a carried page's text once per session; a host
   that lacks the text of data.page (remounted, or a published page that did not load)
   asks for it with a "need" report, and the next run carries it. */
let asked = Date.now();

export default function (component) {
  const { data, setStateValue, parentElement } = component;
  let frame = parentElement.querySelector("iframe");
  let clicks = Date.now();
  let days = Date.now();
  const need = () => { asked += 1; setStateValue("need", { page: data.page, n: asked }); };
  const cssHeight = typeof data.height === "number" ? data.height + "px" : String(data.height);
  const deliver = () => {
    const win = frame.contentWindow;
    if (!win || !win.frontline) return false;
    const seen = frame.dataset.pushed;
    const push = { overlay: data.overlay, filter: data.filter };
    if (String(data.seq) !== seen) { push.day = data.day; frame.dataset.pushed = String(data.seq); }
    if (String(data.layers_seq) !== frame.dataset.layersPushed) { push.layers = data.layers; frame.dataset.layersPushed = String(data.layers_seq); }
    if (String(data.view_seq) !== frame.dataset.viewPushed) { push.view = data.view; frame.dataset.viewPushed = String(data.view_seq); }
    win.frontline.push(push);
    /* The page ran for another day than the map shows although it chose none itself:
       the map's last report did not arrive (seen under load); the map reports again. */
    if (push.day === undefined) win.frontline.pageShows(data.day);
    return true;
  };
  const stale = !frame || frame.dataset.page !== data.page || (frame.dataset.failed && data.html);
  if (stale && !data.html && !data.src) {
    need();  /* a carried page whose text this host never received */
    return;
  }
  if (stale) {
    if (frame) frame.remove();
    frame = document.createElement("iframe");
    frame.dataset.page = data.page;
    frame.dataset.pushed = "";
    frame.dataset.layersPushed = "";
    frame.dataset.viewPushed = "";
    frame.title = "Frontline map";
    frame.setAttribute("aria-label", "Map of control");
    frame.style.cssText = "width:100%;border:0;display:block;height:" + cssHeight;
    frame.addEventListener("load", () => {
      if (!frame.contentWindow.frontline) {
        /* not the map (a published page another replica cannot serve): carry it */
        frame.dataset.failed = "1";
        need();
        return;
      }
      frame.contentWindow.frontlineHost = {
        /* A state with a counter, as clicks: every report is a new value, never merged
           with an equal earlier one. */
        day: (iso) => { days += 1; setStateValue("day", { iso: iso, n: days }); },
        /* A state, not a trigger: a trigger can be lost when another report follows it
           before the rerun starts; the counter makes every click a new value. */
        click: (place) => { clicks += 1; setStateValue("click", { place: place, n: clicks }); },
        view: (view) => setStateValue("view", view),
        layers: (keys) => setStateValue("layers", keys),
      };
      deliver();
    });
    if (data.html) frame.srcdoc = data.html;
    else frame.src = data.src;
    parentElement.appendChild(frame);
  } else {
    frame.style.height = cssHeight;
    deliver();
  }
}
