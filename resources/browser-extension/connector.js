// Talking to Cuttings on this computer: its address, the token, pairing and clipping.
// Shared by the background script and the options page (one source for Chromium and Firefox).

const api = globalThis.browser ?? globalThis.chrome;
const DEFAULT_PORT = 23190;

async function settings() {
  return api.storage.local.get({ port: DEFAULT_PORT, token: "" });
}

function address(port, path) {
  return `http://127.0.0.1:${port}${path}`;
}

// One request to Cuttings; the answer is its JSON with the HTTP status as `http`.
async function ask(path, { method = "GET", body, token, port } = {}) {
  const headers = {};
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (token) headers.Authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(address(port, path), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "omit",
      cache: "no-store",
    });
  } catch (error) {
    return {
      http: 0,
      status: "failed",
      reason: `Cuttings is not running, or not listening on port ${port} (see the extension's options)`,
    };
  }
  let answer = {};
  try {
    answer = await response.json();
  } catch (error) {
    answer = { status: "failed", reason: `Cuttings answered ${response.status} without JSON` };
  }
  return { http: response.status, ...answer };
}

// Ask Cuttings for its token: the window asks the user "Allow this browser?".
async function pair(name) {
  const { port } = await settings();
  const answer = await ask("/api/pair", { method: "POST", body: { name: name || "" }, port });
  if (answer.http === 200 && answer.token) {
    await api.storage.local.set({ token: answer.token });
  }
  return answer;
}

async function ping() {
  const { port, token } = await settings();
  return ask("/ping", { token, port });
}

// Send a collected page; without a token, or with one Cuttings no longer knows, pair first.
async function send(page, onPairing) {
  let { port, token } = await settings();
  let answer = token
    ? await ask("/api/clip", { method: "POST", body: page, token, port })
    : { http: 401 };
  if (answer.http === 401) {
    if (onPairing) await onPairing();
    const paired = await pair("");
    if (paired.http !== 200) return paired;
    ({ port, token } = await settings());
    answer = await ask("/api/clip", { method: "POST", body: page, token, port });
  }
  return answer;
}

// What the user reads about an answer, in one line.
function sentence(answer, selection) {
  const what = selection ? "The selection" : "The page";
  if (answer.status === "added") {
    return `${what} is in Cuttings as #${answer.id}${answer.title ? `: ${answer.title}` : ""}`;
  }
  if (answer.status === "duplicate") {
    const whole = answer.completed ? ", now with the whole article" : "";
    return `Already in Cuttings as #${answer.id}${whole}${answer.title ? `: ${answer.title}` : ""}`;
  }
  return `Not clipped: ${answer.reason || "Cuttings did not say why"}`;
}
