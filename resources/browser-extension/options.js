// The options page: the port, the token, pairing and a test of the connection.

const fields = { port: document.getElementById("port"), token: document.getElementById("token") };
const status = document.getElementById("status");

function say(text) {
  status.textContent = text;
}

async function load() {
  const { port, token } = await settings();
  fields.port.value = port;
  fields.token.value = token;
}

document.getElementById("save").addEventListener("click", async () => {
  const port = Number(fields.port.value);
  if (!Number.isInteger(port) || port < 1024 || port > 65535) {
    say("The port is a number from 1024 to 65535.");
    return;
  }
  await api.storage.local.set({ port, token: fields.token.value.trim() });
  say("Saved.");
});

document.getElementById("pair").addEventListener("click", async () => {
  say("Answer “Allow this browser?” in the Cuttings window…");
  const answer = await pair(navigator.userAgent.includes("Firefox") ? "Firefox" : "");
  if (answer.http === 200) {
    await load();
    say("Paired: this browser can clip into Cuttings.");
  } else {
    say(`Not paired: ${answer.reason}`);
  }
});

document.getElementById("test").addEventListener("click", async () => {
  const answer = await ping();
  if (!answer.http) say(answer.reason);
  else if (answer.authorized) say(`Connected to ${answer.name} ${answer.version}: ready to clip.`);
  else say(`${answer.name} is listening, but this browser is not paired yet.`);
});

load();
