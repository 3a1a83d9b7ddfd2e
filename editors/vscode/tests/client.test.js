// 客户端的测试：用假的 vscode 与 vscode-languageclient 模块加载 src/extension.js，核对它怎样启动
// `jixiao lsp`、怎样读设置“jixiao.path”、启动失败时给用户看什么。由 ci.sh 运行：node tests/client.test.js
"use strict";

const assert = require("node:assert/strict");
const Module = require("node:module");
const path = require("node:path");

const state = { config: {}, clients: [], errors: [], commands: {}, failStart: false, stopped: 0 };

const fakeVscode = {
  workspace: {
    getConfiguration: (section) => ({ get: (key) => state.config[`${section}.${key}`] }),
    createFileSystemWatcher: (glob) => ({ glob }),
    onDidChangeConfiguration: (listener) => {
      state.onConfig = listener;
      return { dispose() {} };
    },
  },
  window: {
    showErrorMessage: (message) => {
      state.errors.push(message);
    },
  },
  commands: {
    registerCommand: (name, run) => {
      state.commands[name] = run;
      return { dispose() {} };
    },
  },
};

class FakeLanguageClient {
  constructor(id, name, serverOptions, clientOptions) {
    Object.assign(this, { id, name, serverOptions, clientOptions });
  }
  async start() {
    state.clients.push(this);
    if (state.failStart) throw new Error("spawn /没有/jixiao ENOENT");
  }
  async stop() {
    state.stopped += 1;
    if (state.failStop) throw new Error("Client is not running");
  }
}

const realLoad = Module._load;
Module._load = function (request, ...rest) {
  if (request === "vscode") return fakeVscode;
  if (request === "vscode-languageclient/node") return { LanguageClient: FakeLanguageClient };
  return realLoad.call(this, request, ...rest);
};

const root = path.join(__dirname, "..");
const extension = require(path.join(root, "src", "extension.js"));
const manifest = require(path.join(root, "package.json"));

const checks = [
  ["package.json 声明语言 jixiao、扩展名 .jx 与设置 jixiao.path", async () => {
    const language = manifest.contributes.languages.find((l) => l.id === "jixiao");
    assert.ok(language, "没有语言 jixiao");
    assert.deepEqual(language.extensions, [".jx"]);
    assert.equal(manifest.contributes.grammars[0].language, "jixiao");
    assert.equal(manifest.contributes.configuration.properties["jixiao.path"].default, "jixiao");
  }],
  ["打开 .jx 文件时启动 jixiao lsp", async () => {
    const context = { subscriptions: [] };
    await extension.activate(context);
    assert.equal(state.clients.length, 1);
    const client = state.clients[0];
    assert.equal(client.id, "jixiao");
    assert.deepEqual(client.serverOptions.run, { command: "jixiao", args: ["lsp"] });
    assert.deepEqual(client.serverOptions.debug, client.serverOptions.run);
    assert.deepEqual(
      client.clientOptions.documentSelector.map((s) => s.language),
      ["jixiao", "jixiao"],
    );
    assert.ok(context.subscriptions.length >= 2, "命令与设置监听应随扩展释放");
  }],
  ["改了 jixiao.path 后用新路径重启", async () => {
    state.config["jixiao.path"] = "  /opt/jixiao/bin/jixiao  ";
    await state.onConfig({ affectsConfiguration: (s) => s === "jixiao.path" });
    assert.equal(state.stopped, 1);
    assert.deepEqual(state.clients[1].serverOptions.run, {
      command: "/opt/jixiao/bin/jixiao",
      args: ["lsp"],
    });
    await state.onConfig({ affectsConfiguration: () => false });
    assert.equal(state.clients.length, 2, "别的设置不重启");
  }],
  ["服务器已经退出时，重新启动照样启动新的", async () => {
    state.failStop = true;
    await state.commands["jixiao.restartServer"]();
    state.failStop = false;
    assert.equal(state.clients.length, 3);
    assert.equal(state.errors.length, 0);
  }],
  ["启动失败时给出中文提示，指向设置 jixiao.path", async () => {
    state.failStart = true;
    state.config["jixiao.path"] = "/没有/jixiao";
    await state.commands["jixiao.restartServer"]();
    assert.equal(state.errors.length, 1);
    assert.match(state.errors[0], /^无法启动 jixiao 语言服务器（\/没有\/jixiao lsp）：/);
    assert.match(state.errors[0], /jixiao\.path/);
    const stops = state.stopped;
    await extension.deactivate();
    assert.equal(state.stopped, stops, "没有启动的服务器不必停止");
  }],
];

(async () => {
  let passed = 0;
  for (const [name, run] of checks) {
    try {
      await run();
      passed += 1;
      console.log(`✓ 客户端：${name}`);
    } catch (err) {
      console.log(`✖ 客户端：${name}\n${err && err.stack ? err.stack : err}`);
    }
  }
  console.log(`客户端测试：${passed}/${checks.length} 通过`);
  process.exitCode = passed === checks.length ? 0 : 1;
})();
