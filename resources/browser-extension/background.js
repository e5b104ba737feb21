// The toolbar button and the context menu: collect the page as the browser shows it (the DOM
// after its scripts ran, so a logged-in article is whole), send it to Cuttings, show the answer.

if (typeof importScripts === "function") {
  importScripts("connector.js"); // Chromium's service worker; Firefox lists both scripts
}

const MENU_PAGE = "cuttings-clip-page";
const MENU_SELECTION = "cuttings-clip-selection";

api.runtime.onInstalled.addListener(async () => {
  await api.contextMenus.removeAll();
  api.contextMenus.create({ id: MENU_PAGE, title: "Clip to Cuttings", contexts: ["page"] });
  api.contextMenus.create({
    id: MENU_SELECTION,
    title: "Clip selection to Cuttings",
    contexts: ["selection"],
  });
});

// Runs in the page: its address, title, rendered HTML and the selected text.
function collect(mode) {
  const selection = mode === "page" ? "" : String(window.getSelection() || "").trim();
  const doctype = document.doctype ? new XMLSerializer().serializeToString(document.doctype) : "";
  return {
    url: location.href,
    title: document.title,
    html: doctype + document.documentElement.outerHTML,
    selection,
  };
}

// Runs in the page: a note in its corner, in a shadow root the page's styles cannot reach.
function toast(text, kind) {
  const id = "cuttings-clip-toast";
  document.getElementById(id)?.remove();
  const host = document.createElement("div");
  host.id = id;
  const root = host.attachShadow({ mode: "closed" });
  const colour = { added: "#1e6b3a", duplicate: "#35506b", failed: "#9b1c1c", busy: "#444" }[kind];
  const note = document.createElement("div");
  note.textContent = text;
  note.setAttribute("role", "status");
  note.style.cssText =
    "position:fixed;z-index:2147483647;right:16px;bottom:16px;max-width:420px;padding:10px 14px;" +
    `border-radius:6px;background:${colour};color:#fff;font:14px/1.4 system-ui,sans-serif;` +
    "box-shadow:0 2px 8px rgba(0,0,0,.3)";
  root.appendChild(note);
  document.documentElement.appendChild(host);
  if (kind !== "busy") setTimeout(() => host.remove(), 6000);
}

async function tell(tabId, text, kind) {
  const badge = { added: "✓", duplicate: "=", failed: "!", busy: "…" }[kind];
  const colour = { added: "#1e6b3a", duplicate: "#35506b", failed: "#9b1c1c", busy: "#444" }[kind];
  try {
    await api.action.setBadgeText({ tabId, text: badge });
    await api.action.setBadgeBackgroundColor({ tabId, color: colour });
    await api.action.setTitle({ tabId, title: `Clip to Cuttings — ${text}` });
  } catch (error) {
    // a closed tab: nothing to show it on
  }
  try {
    await api.scripting.executeScript({ target: { tabId }, func: toast, args: [text, kind] });
  } catch (error) {
    // a page the browser keeps extensions out of (its own pages, the web store)
  }
}

// Clip a tab: "auto" takes the selection if there is one, else the page.
async function clipTab(tab, mode = "auto") {
  let page;
  try {
    const [found] = await api.scripting.executeScript({
      target: { tabId: tab.id },
      func: collect,
      args: [mode],
    });
    page = found.result;
  } catch (error) {
    const answer = { status: "failed", reason: "the browser does not let extensions read this page" };
    await tell(tab.id, sentence(answer, false), "failed");
    return answer;
  }
  if (!/^https?:/i.test(page.url)) {
    const answer = { status: "failed", reason: "only web pages (http and https) can be clipped" };
    await tell(tab.id, sentence(answer, false), "failed");
    return answer;
  }
  await tell(tab.id, "Clipping to Cuttings…", "busy");
  const answer = await send(page, () =>
    tell(tab.id, "Cuttings asks whether to allow this browser: answer in its window", "busy"),
  );
  await tell(tab.id, sentence(answer, Boolean(page.selection)), answer.status || "failed");
  await api.storage.local.set({ last: { ...answer, url: page.url, at: Date.now() } });
  return answer;
}

api.action.onClicked.addListener((tab) => clipTab(tab, "auto"));

api.contextMenus.onClicked.addListener((info, tab) => {
  clipTab(tab, info.menuItemId === MENU_SELECTION ? "selection" : "page");
});
