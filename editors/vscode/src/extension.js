// jixiao 的 VS Code 扩展：为 .jx 文件启动语言服务器 `jixiao lsp`（标准输入输出）。
// 语法高亮与括号配对不需要服务器；服务器启动失败时扩展给出一条中文提示，高亮照常。
"use strict";

const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

/** @type {LanguageClient | undefined} */
let client;

/** 设置里的 jixiao 可执行文件路径；空白时用 PATH 中的 `jixiao`。 */
function serverPath() {
  const configured = vscode.workspace.getConfiguration("jixiao").get("path");
  return typeof configured === "string" && configured.trim() !== "" ? configured.trim() : "jixiao";
}

async function start() {
  const command = serverPath();
  const executable = { command, args: ["lsp"] };
  client = new LanguageClient(
    "jixiao",
    "jixiao 语言服务器",
    { run: executable, debug: executable },
    {
      documentSelector: [
        { scheme: "file", language: "jixiao" },
        { scheme: "untitled", language: "jixiao" },
      ],
      synchronize: {
        fileEvents: vscode.workspace.createFileSystemWatcher("**/*.jx"),
      },
    },
  );
  try {
    await client.start();
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    client = undefined;
    vscode.window.showErrorMessage(
      `无法启动 jixiao 语言服务器（${command} lsp）：${detail}。请安装 jixiao，或在设置“jixiao.path”中填写它的路径。`,
    );
  }
}

async function stop() {
  if (client) {
    const running = client;
    client = undefined;
    try {
      await running.stop();
    } catch {
      // 服务器已经退出（崩溃或被结束）：没有什么可停的，照常重启。
    }
  }
}

/** @param {vscode.ExtensionContext} context */
async function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand("jixiao.restartServer", async () => {
      await stop();
      await start();
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration("jixiao.path")) {
        await stop();
        await start();
      }
    }),
  );
  await start();
}

function deactivate() {
  return stop();
}

module.exports = { activate, deactivate };
