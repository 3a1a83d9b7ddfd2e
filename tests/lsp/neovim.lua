-- Neovim's own LSP client (0.7 and later) against `jixiao lsp`: open the
-- file, wait for the diagnostics, write what Neovim shows; then fix the
-- error in the buffer and wait for the diagnostics to be cleared; then
-- ask for a completion and apply the item chosen.
-- Run by tests/lsp_neovim.rs: nvim --headless --clean -c "luafile neovim.lua".
local bin, file, out = os.getenv("JX_BIN"), os.getenv("JX_FILE"), os.getenv("JX_OUT")
local lines = {}
local function say(s) table.insert(lines, s) end

vim.cmd("edit " .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
local published = nil
local client = vim.lsp.start_client({
  name = "jixiao",
  cmd = { bin, "lsp" },
  root_dir = vim.fn.fnamemodify(file, ":h"),
  handlers = {
    ["textDocument/publishDiagnostics"] = function(err, result, ctx, config)
      vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
      published = result
    end,
  },
})
vim.lsp.buf_attach_client(buf, client)

local function shown(what)
  if not vim.wait(20000, function() return published ~= nil end, 20) then
    say(what .. " timeout")
    return
  end
  say(what .. " " .. #published.diagnostics)
  for _, d in ipairs(published.diagnostics) do
    say(string.format("lsp %d:%d-%d:%d %s %d %s", d.range.start.line, d.range.start.character,
      d.range["end"].line, d.range["end"].character, tostring(d.code), d.severity, (d.message:gsub("\n", " | "))))
  end
  -- what Neovim shows: columns in bytes of the buffer's line
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    say(string.format("shown %d:%d-%d:%d %d", d.lnum, d.col, d.end_lnum, d.end_col, d.severity))
  end
end

shown("opened")
published = nil
local at = vim.fn.search("公斤")
vim.api.nvim_buf_set_lines(buf, at - 1, at, true, { "      总额 10.04 万元" })
shown("fixed")

-- a completion through the client: a line typed in the 产出 group, the
-- cursor after its first character; the labels received, then the edit of
-- the one chosen as Neovim applies it (positions in UTF-16)
at = vim.fn.search("产出指标 {")
vim.api.nvim_buf_set_lines(buf, at, at, true, { "        质" })
local params = {
  textDocument = { uri = vim.uri_from_bufnr(buf) },
  position = { line = at, character = 9 },
}
local answers = vim.lsp.buf_request_sync(buf, "textDocument/completion", params, 20000)
local items = {}
for _, answer in pairs(answers or {}) do
  local result = answer.result or {}
  items = result.items or result
end
local labels = {}
for _, item in ipairs(items) do table.insert(labels, item.label) end
say("completion " .. table.concat(labels, " "))
for _, item in ipairs(items) do
  if item.label == "质量指标" and item.textEdit then
    vim.lsp.util.apply_text_edits({ item.textEdit }, buf, "utf-16")
  end
end
say("completed " .. vim.api.nvim_buf_get_lines(buf, at, at + 1, true)[1])
vim.lsp.stop_client(client)
vim.fn.writefile(lines, out)
vim.cmd("qa!")
